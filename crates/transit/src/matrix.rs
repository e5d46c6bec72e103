//! Door-to-door public transport times between places for a weekday morning.
//!
//! For an origin place, the **access stops** are the served stops within
//! [`MatrixOptions::walk_radius_m`] (straight line); the walk to each is estimated as the
//! straight-line distance × [`MatrixOptions::walk_detour`] at
//! [`MatrixOptions::walk_speed_kmh`]. The destination's **egress stops** and walks are
//! found the same way.
//!
//! A **journey** leaves the door at `τ`, walks to an access stop and boards there the
//! vehicle it walked for, rides up to [`MatrixOptions::max_rounds`] vehicles with
//! footpaths between them (waiting at changes as the timetable makes it), and walks
//! from an egress stop to the door. It counts if `τ` lies in the window
//! [`MatrixOptions::window_start`]–[`MatrixOptions::window_end`] (both included). A
//! pair's time is the shortest counting journey, door to door. So a trip outside the
//! window is ignored as a first vehicle, and nobody leaves at 08:30 to wait an hour
//! for a 09:30 bus; a change onto a later vehicle is fine.
//!
//! This is exact, not sampled: rRAPTOR runs once per distinct `τ` = (a departure at an
//! access stop − the walk to it) in the window, from the latest to the earliest, each
//! run improving on the later ones and scanning only the stops whose departure it is.
//!
//! Walking the whole way counts where the places are at most
//! [`MatrixOptions::walk_only_max_m`] apart and the walk is faster; otherwise a journey
//! uses at least one vehicle. Times above [`MatrixOptions::max_minutes`] are left out,
//! as are pairs without a journey and places with no served stop within the walking
//! radius (the caller falls back to its estimate for those).

use crate::feed::PICKUP;
use crate::geo::{distance_m, walk_secs, Grid};
use crate::raptor::{partition, Raptor, Source, UNREACHED};
use crate::timetable::{Timetable, WALK_SPEED_KMH};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A place to route from and to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlacePoint {
    /// The place's id (GeoNames id in bleibe).
    pub id: i64,
    /// Latitude, WGS84 degrees.
    pub lat: f64,
    /// Longitude, WGS84 degrees.
    pub lon: f64,
}

/// The door-to-door time from one place to another.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlaceTime {
    /// Where the journey starts.
    pub origin_id: i64,
    /// Where it ends.
    pub destination_id: i64,
    /// Minutes from leaving the door to arriving at the door (walks and waits included).
    pub minutes: f64,
}

/// What [`place_matrix`] models; [`Default`] is a weekday morning.
#[derive(Debug, Clone, PartialEq)]
pub struct MatrixOptions {
    /// Earliest door departure, seconds after midnight (default 06:00).
    pub window_start: u32,
    /// Latest door departure, seconds after midnight, inclusive (default 08:30).
    pub window_end: u32,
    /// Stops farther than this (straight line, metres) from a place are not walked to or
    /// from (default 1,500 m).
    pub walk_radius_m: f64,
    /// Walking speed for the way to and from the stops, km/h (default
    /// [`WALK_SPEED_KMH`], 4.5).
    pub walk_speed_kmh: f64,
    /// Walking distance ÷ straight-line distance on the way to and from the stops
    /// (default 1.3, as the car estimate's detour).
    pub walk_detour: f64,
    /// Walking the whole way is considered for places at most this far apart (straight
    /// line, metres; default 1,500 m, the walking radius).
    pub walk_only_max_m: f64,
    /// At most this many vehicles per journey (default 6: five changes).
    pub max_rounds: usize,
    /// Longer door-to-door times are left out (default 180 minutes).
    pub max_minutes: f64,
    /// Worker threads; 0 uses every core (default 0).
    pub threads: usize,
}

impl Default for MatrixOptions {
    fn default() -> Self {
        MatrixOptions {
            window_start: 6 * 3600,
            window_end: 8 * 3600 + 30 * 60,
            walk_radius_m: 1500.0,
            walk_speed_kmh: WALK_SPEED_KMH,
            walk_detour: 1.3,
            walk_only_max_m: 1500.0,
            max_rounds: 6,
            max_minutes: 180.0,
            threads: 0,
        }
    }
}

/// Access (and egress) stops of every place: (stop, walking seconds), empty where none.
fn access_stops(
    tt: &Timetable,
    places: &[PlacePoint],
    options: &MatrixOptions,
) -> Vec<Vec<(u32, u32)>> {
    let grid = Grid::new(
        tt.stops
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.coords.map(|c| (i as u32, c))),
        options.walk_radius_m,
    );
    places
        .iter()
        .map(|p| {
            let mut stops = Vec::new();
            if p.lat.is_finite() && p.lon.is_finite() {
                grid.within((p.lat, p.lon), |s, d| {
                    stops.push((
                        s,
                        walk_secs(d * options.walk_detour, options.walk_speed_kmh),
                    ));
                });
            }
            stops.sort_unstable();
            stops
        })
        .collect()
}

/// The ids of the places with at least one served stop within the walking radius: the
/// ones [`place_matrix`] can answer for.
pub fn covered_places(tt: &Timetable, places: &[PlacePoint], options: &MatrixOptions) -> Vec<i64> {
    access_stops(tt, places, options)
        .iter()
        .zip(places)
        .filter(|(a, _)| !a.is_empty())
        .map(|(_, p)| p.id)
        .collect()
}

/// Door-to-door times between all pairs of distinct `places` (see the [module](self)
/// for what is modelled), ordered by origin and destination.
pub fn place_matrix(
    tt: &Timetable,
    places: &[PlacePoint],
    options: &MatrixOptions,
) -> Vec<PlaceTime> {
    place_matrix_with_progress(tt, places, options, &|_| {})
}

/// [`place_matrix`], calling `progress(origins done)` after each origin (from worker
/// threads).
pub fn place_matrix_with_progress(
    tt: &Timetable,
    places: &[PlacePoint],
    options: &MatrixOptions,
    progress: &(dyn Fn(usize) + Sync),
) -> Vec<PlaceTime> {
    let access = access_stops(tt, places, options);
    let covered: Vec<usize> = (0..places.len())
        .filter(|&i| !access[i].is_empty())
        .collect();
    if covered.is_empty() || options.window_end < options.window_start {
        return Vec::new();
    }
    let threads = match options.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
    .clamp(1, covered.len());
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let job = Job {
        tt,
        places,
        options,
        access: &access,
        covered: &covered,
    };
    let mut rows: Vec<PlaceTime> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut worker = Worker::new(&job);
                    let mut rows = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(&origin) = covered.get(i) else {
                            break;
                        };
                        worker.origin(origin, &mut rows);
                        progress(done.fetch_add(1, Ordering::Relaxed) + 1);
                    }
                    rows
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a matrix worker panicked"))
            .collect()
    });
    rows.sort_by_key(|r| (r.origin_id, r.destination_id));
    rows
}

/// What every worker reads.
struct Job<'a> {
    tt: &'a Timetable,
    places: &'a [PlacePoint],
    options: &'a MatrixOptions,
    access: &'a [Vec<(u32, u32)>],
    covered: &'a [usize],
}

/// One thread's labels.
struct Worker<'a> {
    job: &'a Job<'a>,
    raptor: Raptor<'a>,
    /// Per stop: the least (arrival by vehicle − door departure) over the window.
    ride: Vec<u32>,
    /// Candidate door departures: (time, access stop position).
    departures: Vec<(u32, usize)>,
    sources: Vec<Source>,
    scan: Vec<bool>,
}

impl<'a> Worker<'a> {
    fn new(job: &'a Job<'a>) -> Worker<'a> {
        Worker {
            job,
            raptor: Raptor::new(job.tt, job.options.max_rounds),
            ride: vec![UNREACHED; job.tt.stops.len()],
            departures: Vec::new(),
            sources: Vec::new(),
            scan: Vec::new(),
        }
    }

    /// Appends the times from place `origin` to every other covered place.
    fn origin(&mut self, origin: usize, rows: &mut Vec<PlaceTime>) {
        let Job {
            tt,
            places,
            options,
            access,
            covered,
        } = *self.job;
        let access_here = &access[origin];
        let (start, end) = (options.window_start, options.window_end);
        let max_secs = (options.max_minutes * 60.0).min(f64::from(u32::MAX / 2)) as u32;

        // Door departures in the window that just catch a departure at an access stop,
        // latest first.
        self.departures.clear();
        for (a, &(stop, walk)) in access_here.iter().enumerate() {
            for &(p, pos) in tt.patterns_at(stop) {
                let pattern = tt.patterns[p as usize];
                if pos + 1 == pattern.len || tt.pattern_flags(&pattern)[pos as usize] & PICKUP == 0
                {
                    continue;
                }
                let (len, base) = (pattern.len as usize, pattern.times_start as usize);
                let at = |trip: usize| base + trip * len + pos as usize;
                let trips = pattern.trips as usize;
                let first = partition(trips, |t| {
                    tt.calls[at(t)].departure < start.saturating_add(walk)
                });
                for trip in first..trips {
                    let dep = tt.calls[at(trip)].departure;
                    if dep > end.saturating_add(walk) {
                        break;
                    }
                    self.departures.push((dep - walk, a));
                }
            }
        }
        self.departures.sort_unstable_by(|x, y| y.cmp(x));

        self.raptor.reset();
        self.ride.fill(UNREACHED);
        let mut next = 0;
        while next < self.departures.len() {
            let tau = self.departures[next].0;
            self.scan.clear();
            self.scan.resize(access_here.len(), false);
            while next < self.departures.len() && self.departures[next].0 == tau {
                self.scan[self.departures[next].1] = true;
                next += 1;
            }
            self.sources.clear();
            self.sources.extend(access_here.iter().zip(&self.scan).map(
                |(&(stop, walk), &scan)| Source {
                    stop,
                    time: tau + walk,
                    latest_departure: end.saturating_add(walk),
                    scan,
                },
            ));
            let ride = &mut self.ride;
            self.raptor
                .run(&self.sources, tau.saturating_add(max_secs), |s, t| {
                    let r = &mut ride[s as usize];
                    *r = (*r).min(t.saturating_sub(tau));
                });
        }

        let from = &places[origin];
        for &destination in covered.iter() {
            let to = &places[destination];
            if destination == origin || to.id == from.id {
                continue;
            }
            let mut best = UNREACHED;
            for &(stop, walk) in &access[destination] {
                let ride = self.ride[stop as usize];
                if ride != UNREACHED {
                    best = best.min(ride.saturating_add(walk));
                }
            }
            let metres = distance_m((from.lat, from.lon), (to.lat, to.lon));
            if metres <= options.walk_only_max_m {
                best = best.min(walk_secs(
                    metres * options.walk_detour,
                    options.walk_speed_kmh,
                ));
            }
            if best != UNREACHED && best <= max_secs {
                rows.push(PlaceTime {
                    origin_id: from.id,
                    destination_id: to.id,
                    minutes: f64::from(best) / 60.0,
                });
            }
        }
    }
}
