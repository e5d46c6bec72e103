//! The timetable of one service day, laid out for RAPTOR: the trips running that day
//! (frequencies expanded, yesterday's trips that run past midnight included) grouped into
//! routes of identical stop sequences whose trips never overtake each other, and walking
//! footpaths between stops.

use crate::feed::{Feed, FeedStopTime, DROP_OFF, PICKUP};
use crate::geo::{distance_m, walk_secs, BoundingBox, Grid};
use crate::raptor::{Raptor, Source, UNREACHED};
use chrono::{Days, NaiveDate};
use std::collections::{BTreeMap, HashMap};

/// Walking speed for footpaths and for the way to and from the stops, km/h: an unhurried
/// adult pace (4.5–5 km/h is the usual planning figure; the lower end allows for luggage
/// and crossings).
pub const WALK_SPEED_KMH: f64 = 4.5;

/// Stops at most this far apart (straight line) are linked by a walking footpath, both
/// ways, timed at [`WALK_SPEED_KMH`] over the straight-line distance.
pub const TRANSFER_RADIUS_M: f64 = 400.0;

/// Seconds in a day: yesterday's trips past 24:00:00 run today this much earlier.
const DAY: i64 = 86_400;

/// A stop served on the day.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Stop {
    pub id: String,
    pub name: String,
    pub coords: Option<(f64, f64)>,
}

/// A route in the RAPTOR sense: trips with one stop sequence, none overtaking another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Pattern {
    /// Start of its stops in `pattern_stops`.
    pub stops_start: u32,
    /// Number of stops.
    pub len: u32,
    /// Start of its stops' boarding rules in `pattern_flags`: as `stops_start`.
    /// Start of its calls in `calls`, trip-major: trip `t` at position `i` is
    /// `times_start + t * len + i`.
    pub times_start: u32,
    /// Number of trips, ordered by departure (at every stop, as they do not overtake).
    pub trips: u32,
}

/// Arrival and departure, seconds after midnight of the service day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Call {
    pub arrival: u32,
    pub departure: u32,
}

/// One service day's timetable, ready for earliest-arrival queries.
#[derive(Debug, Clone)]
pub struct Timetable {
    date: NaiveDate,
    pub(crate) stops: Vec<Stop>,
    stop_index: HashMap<String, u32>,
    pub(crate) patterns: Vec<Pattern>,
    pub(crate) pattern_stops: Vec<u32>,
    pub(crate) calls: Vec<Call>,
    /// Per pattern stop: [`PICKUP`] | [`DROP_OFF`], the same for all its trips.
    pub(crate) pattern_flags: Vec<u8>,
    /// For stop `s`: `stop_patterns[stop_patterns_start[s]..stop_patterns_start[s + 1]]`
    /// are (pattern, position) pairs.
    stop_patterns_start: Vec<u32>,
    stop_patterns: Vec<(u32, u32)>,
    /// For stop `s`: footpaths (to stop, seconds), laid out as `stop_patterns`.
    footpaths_start: Vec<u32>,
    footpaths: Vec<(u32, u32)>,
    trips_running: usize,
    journeys: usize,
}

/// One vehicle journey: its stops with their boarding rules, and its calls.
struct Journey {
    stops: Vec<(u32, u8)>,
    calls: Vec<Call>,
}

impl Timetable {
    /// The timetable of `date`: every kept trip whose service runs that day, and every
    /// trip of the day before whose times pass 24:00:00 (from its first call at or after
    /// midnight on). A trip with frequencies runs once per headway from each start time
    /// (inclusive) to the end time (exclusive), its stop times giving the offsets from the
    /// first departure; `exact_times` is not told apart.
    pub fn build(feed: &Feed, date: NaiveDate) -> Timetable {
        let today: Vec<bool> = feed.services.iter().map(|s| s.runs_on(date)).collect();
        let yesterday: Vec<bool> = match date.checked_sub_days(Days::new(1)) {
            Some(d) => feed.services.iter().map(|s| s.runs_on(d)).collect(),
            None => vec![false; feed.services.len()],
        };
        let mut local = vec![u32::MAX; feed.stops.len()];
        let mut stops: Vec<Stop> = Vec::new();
        let mut journeys: Vec<Journey> = Vec::new();
        let mut trips_running = 0;
        for trip in &feed.trips {
            let before = journeys.len();
            let mut days = Vec::new();
            if today[trip.service as usize] {
                days.push(0);
            }
            if yesterday[trip.service as usize] {
                days.push(-DAY);
            }
            for day in days {
                for shift in departures(&trip.stop_times, &trip.frequencies) {
                    if let Some(j) = journey(&trip.stop_times, shift + day, |s| {
                        let slot = &mut local[s as usize];
                        if *slot == u32::MAX {
                            *slot = stops.len() as u32;
                            let f = &feed.stops[s as usize];
                            stops.push(Stop {
                                id: f.id.clone(),
                                name: f.name.clone(),
                                coords: f.coords,
                            });
                        }
                        *slot
                    }) {
                        journeys.push(j);
                    }
                }
            }
            if journeys.len() > before {
                trips_running += 1;
            }
        }
        let journey_count = journeys.len();

        // Routes: identical stop sequences with identical boarding rules (so that the
        // earliest trip one can board is the best one), split where one trip would
        // overtake another.
        let mut groups: BTreeMap<Vec<(u32, u8)>, Vec<Vec<Call>>> = BTreeMap::new();
        for j in journeys {
            groups.entry(j.stops).or_default().push(j.calls);
        }
        let mut patterns = Vec::new();
        let mut pattern_stops = Vec::new();
        let mut calls = Vec::new();
        let mut pattern_flags = Vec::new();
        for (sequence, mut trips) in groups {
            trips.sort();
            let mut parts: Vec<Vec<Vec<Call>>> = Vec::new();
            for trip in trips {
                let fits = |part: &Vec<Vec<Call>>| {
                    let last = part.last().expect("parts are never empty");
                    last.iter()
                        .zip(&trip)
                        .all(|(a, b)| a.arrival <= b.arrival && a.departure <= b.departure)
                };
                match parts.iter_mut().find(|p| fits(p)) {
                    Some(part) => part.push(trip),
                    None => parts.push(vec![trip]),
                }
            }
            for part in parts {
                patterns.push(Pattern {
                    stops_start: pattern_stops.len() as u32,
                    len: sequence.len() as u32,
                    times_start: calls.len() as u32,
                    trips: part.len() as u32,
                });
                pattern_stops.extend(sequence.iter().map(|&(s, _)| s));
                pattern_flags.extend(sequence.iter().map(|&(_, f)| f));
                for trip in part {
                    calls.extend(trip);
                }
            }
        }

        let (stop_patterns_start, stop_patterns) = by_stop(
            stops.len(),
            patterns.iter().enumerate().flat_map(|(p, pat)| {
                let seq = &pattern_stops[pat.stops_start as usize..][..pat.len as usize];
                seq.iter()
                    .enumerate()
                    .map(move |(i, &s)| (s, (p as u32, i as u32)))
            }),
        );
        let footpaths = footpaths(feed, &local, &stops);
        let (footpaths_start, footpaths) = by_stop(stops.len(), footpaths);
        let stop_index = stops
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i as u32))
            .collect();
        Timetable {
            date,
            stops,
            stop_index,
            patterns,
            pattern_stops,
            calls,
            pattern_flags,
            stop_patterns_start,
            stop_patterns,
            footpaths_start,
            footpaths,
            trips_running,
            journeys: journey_count,
        }
    }

    /// The service day.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// Stops served on the day.
    pub fn stop_count(&self) -> usize {
        self.stops.len()
    }

    /// GTFS trips running on the day (yesterday's past midnight included).
    pub fn trips_running(&self) -> usize {
        self.trips_running
    }

    /// Vehicle journeys: trips with frequencies count once per departure.
    pub fn journey_count(&self) -> usize {
        self.journeys
    }

    /// Routes in the RAPTOR sense (one stop sequence, no overtaking).
    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// Footpaths between stops (each direction counted).
    pub fn footpath_count(&self) -> usize {
        self.footpaths.len()
    }

    /// The index of the stop with GTFS id `id`, if it is served on the day.
    pub fn stop_index(&self, id: &str) -> Option<usize> {
        self.stop_index.get(id).map(|&i| i as usize)
    }

    /// The GTFS id of stop `index`.
    pub fn stop_id(&self, index: usize) -> &str {
        &self.stops[index].id
    }

    /// The name of stop `index`.
    pub fn stop_name(&self, index: usize) -> &str {
        &self.stops[index].name
    }

    /// The box around the served stops that have coordinates.
    pub fn bounding_box(&self) -> Option<BoundingBox> {
        BoundingBox::around(self.stops.iter().filter_map(|s| s.coords))
    }

    /// Earliest arrival at every stop, in seconds after midnight, leaving from `sources`
    /// (stop index, the time one is there) with at most `max_rounds` vehicles; a source's
    /// own time counts as its arrival. Footpaths are walked only after a vehicle, one
    /// between two vehicles (list every stop you can walk to as a source). `None`: not
    /// reached.
    pub fn earliest_arrival(
        &self,
        sources: &[(usize, u32)],
        max_rounds: usize,
    ) -> Vec<Option<u32>> {
        let mut raptor = Raptor::new(self, max_rounds);
        let sources: Vec<Source> = sources
            .iter()
            .map(|&(stop, time)| Source {
                stop: stop as u32,
                time,
                latest_departure: u32::MAX,
                scan: true,
            })
            .collect();
        raptor.run(&sources, UNREACHED, |_, _| {});
        raptor
            .best()
            .iter()
            .zip(raptor.source_times())
            .map(|(&ride, &source)| Some(ride.min(source)).filter(|&t| t != UNREACHED))
            .collect()
    }

    /// The stops of pattern `p`.
    pub(crate) fn pattern_stops(&self, p: &Pattern) -> &[u32] {
        &self.pattern_stops[p.stops_start as usize..][..p.len as usize]
    }

    /// The boarding rules ([`PICKUP`] | [`DROP_OFF`]) at the stops of pattern `p`.
    pub(crate) fn pattern_flags(&self, p: &Pattern) -> &[u8] {
        &self.pattern_flags[p.stops_start as usize..][..p.len as usize]
    }

    /// (pattern, position) of every route through stop `s`.
    pub(crate) fn patterns_at(&self, s: u32) -> &[(u32, u32)] {
        let s = s as usize;
        &self.stop_patterns
            [self.stop_patterns_start[s] as usize..self.stop_patterns_start[s + 1] as usize]
    }

    /// Footpaths (to stop, seconds) from stop `s`.
    pub(crate) fn footpaths_from(&self, s: u32) -> &[(u32, u32)] {
        let s = s as usize;
        &self.footpaths[self.footpaths_start[s] as usize..self.footpaths_start[s + 1] as usize]
    }
}

/// The shifts (seconds) at which a trip runs: once as written, or once per frequency
/// departure.
fn departures(stop_times: &[FeedStopTime], frequencies: &[crate::feed::FeedFrequency]) -> Vec<i64> {
    if frequencies.is_empty() {
        return vec![0];
    }
    let first = i64::from(stop_times[0].departure);
    let mut shifts = Vec::new();
    for f in frequencies {
        let mut start = f.start;
        while start < f.end {
            shifts.push(i64::from(start) - first);
            start = start.saturating_add(f.headway);
        }
    }
    shifts
}

/// The journey of a trip moved by `shift` seconds, from its first call at or after
/// midnight of the service day; `None` if fewer than two calls remain or times overflow.
fn journey(
    stop_times: &[FeedStopTime],
    shift: i64,
    mut stop: impl FnMut(u32) -> u32,
) -> Option<Journey> {
    let moved = |t: u32| u32::try_from(i64::from(t) + shift).ok();
    let first = stop_times.iter().position(|c| moved(c.arrival).is_some())?;
    if stop_times.len() - first < 2 {
        return None;
    }
    let mut j = Journey {
        stops: Vec::with_capacity(stop_times.len() - first),
        calls: Vec::with_capacity(stop_times.len() - first),
    };
    for c in &stop_times[first..] {
        j.stops.push((stop(c.stop), c.flags & (PICKUP | DROP_OFF)));
        j.calls.push(Call {
            arrival: moved(c.arrival)?,
            departure: moved(c.departure)?,
        });
    }
    Some(j)
}

/// Lays out (stop, item) pairs by stop: start offsets (one more than stops) and items.
fn by_stop<T: Copy>(stops: usize, items: impl IntoIterator<Item = (u32, T)>) -> (Vec<u32>, Vec<T>) {
    let mut items: Vec<(u32, T)> = items.into_iter().collect();
    items.sort_by_key(|(s, _)| *s);
    let mut start = vec![0u32; stops + 1];
    for (s, _) in &items {
        start[*s as usize + 1] += 1;
    }
    for i in 0..stops {
        start[i + 1] += start[i];
    }
    (start, items.into_iter().map(|(_, t)| t).collect())
}

/// Footpaths between served stops: every pair within [`TRANSFER_RADIUS_M`], replaced or
/// removed by transfers.txt (a transfer to or from a station applies to its stops; one
/// between the stops themselves wins over the station's).
fn footpaths(feed: &Feed, local: &[u32], stops: &[Stop]) -> Vec<(u32, (u32, u32))> {
    let grid = Grid::new(
        stops
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.coords.map(|c| (i as u32, c))),
        TRANSFER_RADIUS_M,
    );
    let mut paths: HashMap<(u32, u32), Option<u32>> = HashMap::new();
    for (i, s) in stops.iter().enumerate() {
        if let Some(c) = s.coords {
            grid.within(c, |j, d| {
                if j != i as u32 {
                    paths.insert((i as u32, j), Some(walk_secs(d, WALK_SPEED_KMH)));
                }
            });
        }
    }
    // A station stands for itself and its stops.
    let mut children: HashMap<u32, Vec<u32>> = HashMap::new();
    for (i, s) in feed.stops.iter().enumerate() {
        if let Some(p) = s.parent {
            children.entry(p).or_default().push(i as u32);
        }
    }
    let served = |s: u32| -> Vec<u32> {
        std::iter::once(s)
            .chain(children.get(&s).into_iter().flatten().copied())
            .filter_map(|f| (local[f as usize] != u32::MAX).then_some(local[f as usize]))
            .collect()
    };
    let mut ordered: Vec<_> = feed.transfers.iter().collect();
    // Station-wide rules first, so the ones between the stops themselves overwrite them.
    ordered.sort_by_key(|t| local[t.from as usize] != u32::MAX && local[t.to as usize] != u32::MAX);
    for t in ordered {
        for from in served(t.from) {
            for &to in &served(t.to) {
                if from == to {
                    continue;
                }
                let secs = match t.walk {
                    None => None,
                    Some(Some(secs)) => Some(secs),
                    Some(None) => match (stops[from as usize].coords, stops[to as usize].coords) {
                        (Some(a), Some(b)) => Some(walk_secs(distance_m(a, b), WALK_SPEED_KMH)),
                        _ => continue,
                    },
                };
                paths.insert((from, to), secs);
            }
        }
    }
    let mut paths: Vec<(u32, (u32, u32))> = paths
        .into_iter()
        .filter_map(|((from, to), secs)| secs.map(|s| (from, (to, s))))
        .collect();
    paths.sort_unstable();
    paths
}
