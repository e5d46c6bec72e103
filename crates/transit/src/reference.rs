//! Tests against a plain reference: random timetables, routed by RAPTOR and rRAPTOR
//! here and by a simple Connection Scan (Dibbelt et al. 2013) with the same rules, one
//! departure at a time.

use crate::calendar::{Service, Weekly};
use crate::feed::{
    Feed, FeedFrequency, FeedStop, FeedStopTime, FeedTransfer, FeedTrip, DROP_OFF, PICKUP,
};
use crate::geo::{distance_m, walk_secs};
use crate::matrix::{place_matrix, MatrixOptions, PlacePoint};
use crate::raptor::UNREACHED;
use crate::timetable::Timetable;
use chrono::NaiveDate;

/// A small deterministic generator (64-bit LCG, high bits).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u32) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % u64::from(n)) as u32
    }

    fn unit(&mut self) -> f64 {
        f64::from(self.below(1_000_000)) / 1_000_000.0
    }

    fn chance(&mut self, percent: u32) -> bool {
        self.below(100) < percent
    }
}

fn tuesday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 3).unwrap()
}

/// A random feed in a 3.3 × 2.7 km box: lines of fixed stop sequences with trips that
/// may overtake, some frequencies, some forbidden boardings and alightings, and random
/// transfers.
fn random_feed(seed: u64) -> Feed {
    let mut rng = Lcg(seed);
    let mut feed = Feed::default();
    let stops = 6 + rng.below(14);
    for i in 0..stops {
        let coords = (!rng.chance(8)).then(|| (52.0 + rng.unit() * 0.03, 13.0 + rng.unit() * 0.04));
        feed.stop_index.insert(format!("s{i}"), i);
        feed.stops.push(FeedStop {
            id: format!("s{i}"),
            name: String::new(),
            coords,
            parent: None,
        });
    }
    feed.services.push(Service {
        weekly: Some(Weekly {
            days: [true; 7],
            start: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            end: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
        }),
        ..Service::default()
    });
    for line in 0..2 + rng.below(8) {
        let mut sequence: Vec<u32> = Vec::new();
        for _ in 0..2 + rng.below(5) {
            let s = rng.below(stops);
            if !sequence.contains(&s) {
                sequence.push(s);
            }
        }
        if sequence.len() < 2 {
            continue;
        }
        for trip in 0..1 + rng.below(6) {
            let mut time = 5 * 3600 + 30 * 60 + rng.below(4 * 3600);
            let mut stop_times = Vec::new();
            for (i, &stop) in sequence.iter().enumerate() {
                if i > 0 {
                    time += 60 + rng.below(900);
                }
                let arrival = time;
                time += rng.below(90);
                let mut flags = 0;
                if !rng.chance(10) {
                    flags |= PICKUP;
                }
                if !rng.chance(10) {
                    flags |= DROP_OFF;
                }
                stop_times.push(FeedStopTime {
                    stop,
                    arrival,
                    departure: time,
                    flags,
                });
            }
            let mut frequencies = Vec::new();
            if rng.chance(10) {
                let start = 6 * 3600 + rng.below(3600);
                frequencies.push(FeedFrequency {
                    start,
                    end: start + 1 + rng.below(7200),
                    headway: 300 + rng.below(1800),
                });
            }
            feed.trips.push(FeedTrip {
                id: format!("l{line}t{trip}"),
                service: 0,
                stop_times,
                frequencies,
            });
        }
    }
    for _ in 0..rng.below(5) {
        let walk = match rng.below(3) {
            0 => None,
            1 => Some(None),
            _ => Some(Some(rng.below(600))),
        };
        feed.transfers.push(FeedTransfer {
            from: rng.below(stops),
            to: rng.below(stops),
            walk,
        });
    }
    feed
}

/// A ride from one stop to the next.
struct Connection {
    departure: u32,
    arrival: u32,
    from: u32,
    to: u32,
    trip: usize,
    pickup: bool,
    drop_off: bool,
}

fn connections(tt: &Timetable) -> Vec<Connection> {
    let mut out = Vec::new();
    let mut trip_id = 0;
    for p in &tt.patterns {
        let stops = tt.pattern_stops(p);
        let len = p.len as usize;
        for t in 0..p.trips as usize {
            let at = |i: usize| p.times_start as usize + t * len + i;
            for i in 0..len - 1 {
                out.push(Connection {
                    departure: tt.calls[at(i)].departure,
                    arrival: tt.calls[at(i + 1)].arrival,
                    from: stops[i],
                    to: stops[i + 1],
                    trip: trip_id,
                    pickup: tt.pattern_flags(p)[i] & PICKUP != 0,
                    drop_off: tt.pattern_flags(p)[i + 1] & DROP_OFF != 0,
                });
            }
            trip_id += 1;
        }
    }
    out.sort_by_key(|c| c.departure);
    out
}

/// Earliest arrival after at least one vehicle, from sources (stop, time, latest
/// departure of the first vehicle there), with unlimited vehicles.
fn scan(tt: &Timetable, connections: &[Connection], sources: &[(u32, u32, u32)]) -> Vec<u32> {
    let n = tt.stops.len();
    let mut source = vec![(UNREACHED, 0); n];
    for &(s, t, latest) in sources {
        source[s as usize] = (t, latest);
    }
    let mut ride = vec![UNREACHED; n];
    let trips = connections.iter().map(|c| c.trip + 1).max().unwrap_or(0);
    let mut on = vec![false; trips];
    for c in connections {
        let (from, to) = (c.from as usize, c.to as usize);
        if !on[c.trip] && c.pickup {
            let (t, latest) = source[from];
            on[c.trip] = (t <= c.departure && c.departure <= latest) || ride[from] <= c.departure;
        }
        if on[c.trip] && c.drop_off {
            ride[to] = ride[to].min(c.arrival);
            for &(q, secs) in tt.footpaths_from(c.to) {
                ride[q as usize] = ride[q as usize].min(c.arrival + secs);
            }
        }
    }
    ride
}

#[test]
fn raptor_agrees_with_a_connection_scan() {
    let mut reached = 0;
    for seed in 0..300 {
        let tt = Timetable::build(&random_feed(seed), tuesday());
        let connections = connections(&tt);
        for s in 0..tt.stop_count() {
            for time in [5 * 3600, 6 * 3600 + 1234, 8 * 3600] {
                let got = tt.earliest_arrival(&[(s, time)], 64);
                let ride = scan(&tt, &connections, &[(s as u32, time, UNREACHED)]);
                let want: Vec<Option<u32>> = ride
                    .iter()
                    .enumerate()
                    .map(|(q, &r)| {
                        let r = if q == s { r.min(time) } else { r };
                        (r != UNREACHED).then_some(r)
                    })
                    .collect();
                assert_eq!(got, want, "seed {seed}, from stop {s} at {time}");
                reached += want.iter().flatten().count() - 1;
            }
        }
    }
    // The random timetables are not trivially empty.
    assert!(reached > 5000, "{reached}");
}

#[test]
fn the_matrix_agrees_with_a_scan_per_departure() {
    let (mut pairs, mut by_vehicle) = (0, 0);
    for seed in 0..150 {
        let tt = Timetable::build(&random_feed(seed), tuesday());
        let connections = connections(&tt);
        let mut rng = Lcg(seed ^ 0x5eed);
        let places: Vec<PlacePoint> = (0..4 + rng.below(10))
            .map(|i| PlacePoint {
                id: i64::from(i) * 7,
                lat: 52.0 + rng.unit() * 0.04 - 0.005,
                lon: 13.0 + rng.unit() * 0.05 - 0.005,
            })
            .collect();
        let options = MatrixOptions {
            walk_radius_m: [400.0, 800.0, 1500.0][rng.below(3) as usize],
            walk_only_max_m: [0.0, 1000.0][rng.below(2) as usize],
            max_rounds: 64,
            max_minutes: 1e6,
            threads: 1 + rng.below(2) as usize,
            ..MatrixOptions::default()
        };
        let got: Vec<(i64, i64, u32)> = place_matrix(&tt, &places, &options)
            .iter()
            .map(|r| {
                (
                    r.origin_id,
                    r.destination_id,
                    (r.minutes * 60.0).round() as u32,
                )
            })
            .collect();

        let access: Vec<Vec<(u32, u32)>> = places
            .iter()
            .map(|p| {
                (0..tt.stop_count() as u32)
                    .filter_map(|s| {
                        let c = tt.stops[s as usize].coords?;
                        let d = distance_m((p.lat, p.lon), c);
                        (d <= options.walk_radius_m).then(|| (s, walk_secs(d * 1.3, 4.5)))
                    })
                    .collect()
            })
            .collect();
        let (start, end) = (options.window_start, options.window_end);
        let mut want = Vec::new();
        for (o, from) in places.iter().enumerate() {
            if access[o].is_empty() {
                continue;
            }
            let mut best = vec![UNREACHED; places.len()];
            for &(a, walk) in &access[o] {
                for c in connections.iter().filter(|c| c.from == a && c.pickup) {
                    if c.departure < start + walk || c.departure > end + walk {
                        continue;
                    }
                    let tau = c.departure - walk;
                    let sources: Vec<_> = access[o]
                        .iter()
                        .map(|&(s, w)| (s, tau + w, end + w))
                        .collect();
                    let ride = scan(&tt, &connections, &sources);
                    for (d, egress) in access.iter().enumerate() {
                        for &(e, w) in egress {
                            if ride[e as usize] != UNREACHED {
                                best[d] = best[d].min(ride[e as usize] + w - tau);
                            }
                        }
                    }
                }
            }
            for (d, to) in places.iter().enumerate() {
                if d == o || access[d].is_empty() {
                    continue;
                }
                let metres = distance_m((from.lat, from.lon), (to.lat, to.lon));
                let mut secs = best[d];
                if metres <= options.walk_only_max_m {
                    secs = secs.min(walk_secs(metres * 1.3, 4.5));
                }
                if secs != UNREACHED {
                    want.push((from.id, to.id, secs));
                }
            }
        }
        assert_eq!(got, want, "seed {seed}");
        pairs += want.len();
        by_vehicle += want.iter().filter(|w| w.2 > 1300).count();
    }
    assert!(
        pairs > 1000 && by_vehicle > 300,
        "{pairs} pairs, {by_vehicle} by vehicle"
    );
}
