//! RAPTOR, the round-based public transit routing algorithm of Delling, Pajor and
//! Werneck ("Round-Based Public Transit Routing", ALENEX 2012): round `k` finds the
//! earliest arrival at every stop with at most `k` vehicles, scanning each route once
//! from the first stop improved in the round before, then walking one footpath from each
//! stop a vehicle reached earlier than before.
//!
//! Three labels per stop keep the rules exact without transitively closed footpaths:
//! the source time (round 0, only for boarding the first vehicle, no later than the
//! source allows), the earliest arrival after at least one vehicle (for boarding in later
//! rounds and for the answer), and the earliest arrival by vehicle (to walk on from).
//!
//! Labels survive between runs ([`Raptor::run`] without [`Raptor::reset`]), which is the
//! range variant rRAPTOR: run the departures of a window from the latest to the
//! earliest, and each run only has to improve on what a later departure already
//! reached.

use crate::feed::{DROP_OFF, PICKUP};
use crate::timetable::Timetable;

/// Not reached.
pub(crate) const UNREACHED: u32 = u32::MAX;
/// No position queued for a pattern.
const NOT_QUEUED: u32 = u32::MAX;

/// Where one is at the start of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Source {
    /// The stop.
    pub stop: u32,
    /// When one is there.
    pub time: u32,
    /// The first vehicle must leave this stop no later than this.
    pub latest_departure: u32,
    /// Whether to scan the routes from this stop if its time improved.
    pub scan: bool,
}

/// The labels and work lists of earliest-arrival queries on one timetable.
pub(crate) struct Raptor<'t> {
    tt: &'t Timetable,
    rounds: usize,
    /// `labels[k * stops + s]` for `k ≥ 1`: the arrival at `s` with `k` vehicles, where
    /// it improved on fewer. `k = 0`: the source times.
    labels: Vec<u32>,
    /// Earliest arrival after at least one vehicle (walks after it included).
    best: Vec<u32>,
    /// Earliest arrival by vehicle (the last leg a vehicle).
    best_vehicle: Vec<u32>,
    /// The latest departure the first vehicle may have from each source.
    latest_first: Vec<u32>,
    marked: Vec<bool>,
    marked_list: Vec<u32>,
    /// Per pattern: the first position to scan from, or [`NOT_QUEUED`].
    queue_from: Vec<u32>,
    queue: Vec<u32>,
    /// (stop, arrival) by vehicle in the current round, to walk on from.
    by_vehicle: Vec<(u32, u32)>,
}

impl<'t> Raptor<'t> {
    /// Empty labels for queries of up to `rounds` vehicles.
    pub fn new(tt: &'t Timetable, rounds: usize) -> Raptor<'t> {
        let stops = tt.stops.len();
        Raptor {
            tt,
            rounds,
            labels: vec![UNREACHED; (rounds + 1) * stops],
            best: vec![UNREACHED; stops],
            best_vehicle: vec![UNREACHED; stops],
            latest_first: vec![UNREACHED; stops],
            marked: vec![false; stops],
            marked_list: Vec::new(),
            queue_from: vec![NOT_QUEUED; tt.patterns.len()],
            queue: Vec::new(),
            by_vehicle: Vec::new(),
        }
    }

    /// Forgets every label (for a new origin).
    pub fn reset(&mut self) {
        self.labels.fill(UNREACHED);
        self.best.fill(UNREACHED);
        self.best_vehicle.fill(UNREACHED);
        self.latest_first.fill(UNREACHED);
    }

    /// The earliest arrival at every stop after at least one vehicle so far
    /// ([`UNREACHED`] where none).
    pub fn best(&self) -> &[u32] {
        &self.best
    }

    /// The source time of every stop ([`UNREACHED`] for no source).
    pub fn source_times(&self) -> &[u32] {
        &self.labels[..self.best.len()]
    }

    /// One run from `sources`. A source whose time improves on its earlier label is
    /// scanned from if its `scan` says so — rRAPTOR's shortcut for a stop whose next
    /// departure a later run already took. Arrivals at or after `bound` are dropped.
    /// `arrived(stop, time)` hears of every improvement of the arrival after at least
    /// one vehicle.
    pub fn run(&mut self, sources: &[Source], bound: u32, mut arrived: impl FnMut(u32, u32)) {
        let Raptor {
            tt,
            rounds,
            labels,
            best,
            best_vehicle,
            latest_first,
            marked,
            marked_list,
            queue_from,
            queue,
            by_vehicle,
        } = self;
        let n = tt.stops.len();
        for source in sources {
            let (s, t) = (source.stop as usize, source.time);
            let improved = t < labels[s];
            if improved {
                labels[s] = t;
            }
            latest_first[s] = source.latest_departure;
            if improved && t < bound && source.scan && !marked[s] {
                marked[s] = true;
                marked_list.push(source.stop);
            }
        }
        for k in 1..=*rounds {
            if marked_list.is_empty() {
                break;
            }
            for &s in marked_list.iter() {
                marked[s as usize] = false;
                for &(p, pos) in tt.patterns_at(s) {
                    let from = &mut queue_from[p as usize];
                    if *from == NOT_QUEUED {
                        queue.push(p);
                        *from = pos;
                    } else if pos < *from {
                        *from = pos;
                    }
                }
            }
            marked_list.clear();
            by_vehicle.clear();
            let (before, after) = labels.split_at_mut(k * n);
            let previous = &before[(k - 1) * n..];
            let current = &mut after[..n];
            // Arrival at stop `$s` at time `$t` in this round, after a vehicle.
            macro_rules! improve {
                ($s:expr, $t:expr) => {{
                    let (s, t): (u32, u32) = ($s, $t);
                    let s_us = s as usize;
                    if t < best[s_us] {
                        current[s_us] = t;
                        best[s_us] = t;
                        arrived(s, t);
                        if !marked[s_us] {
                            marked[s_us] = true;
                            marked_list.push(s);
                        }
                    }
                }};
            }
            for &p in queue.iter() {
                let from = std::mem::replace(&mut queue_from[p as usize], NOT_QUEUED) as usize;
                let pattern = tt.patterns[p as usize];
                let stops = tt.pattern_stops(&pattern);
                let flags = tt.pattern_flags(&pattern);
                let len = pattern.len as usize;
                let base = pattern.times_start as usize;
                let trips = pattern.trips as usize;
                let at = |trip: usize, i: usize| base + trip * len + i;
                let mut trip: Option<usize> = None;
                for (i, &s) in stops.iter().enumerate().skip(from) {
                    if let Some(t) = trip {
                        let c = at(t, i);
                        let arrival = tt.calls[c].arrival;
                        let s_us = s as usize;
                        if flags[i] & DROP_OFF != 0
                            && arrival < best_vehicle[s_us]
                            && arrival < bound
                        {
                            best_vehicle[s_us] = arrival;
                            by_vehicle.push((s, arrival));
                            improve!(s, arrival);
                        }
                    }
                    let ready = previous[s as usize];
                    if ready == UNREACHED || i + 1 == len || flags[i] & PICKUP == 0 {
                        continue;
                    }
                    // Only a trip at least as early as the current one can help.
                    let limit = match trip {
                        Some(t) if ready <= tt.calls[at(t, i)].departure => t,
                        Some(_) => continue,
                        None => trips,
                    };
                    let j = partition(limit, |j| tt.calls[at(j, i)].departure < ready);
                    // The first vehicle leaves its source no later than it may.
                    if j < limit
                        && (k > 1 || tt.calls[at(j, i)].departure <= latest_first[s as usize])
                    {
                        trip = Some(j);
                    }
                }
            }
            queue.clear();
            // One footpath after each vehicle.
            for &(s, t) in by_vehicle.iter() {
                for &(to, secs) in tt.footpaths_from(s) {
                    let t = t.saturating_add(secs);
                    if t < bound {
                        improve!(to, t);
                    }
                }
            }
        }
        for &s in marked_list.iter() {
            marked[s as usize] = false;
        }
        marked_list.clear();
    }
}

/// The first index in `0..len` for which `before` is false (`before` must be true on a
/// prefix only).
pub(crate) fn partition(len: usize, before: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, len);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if before(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}
