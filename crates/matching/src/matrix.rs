//! Travel times between places: routed where a matrix was precomputed (`bleibe import
//! roads` for the car, `bleibe import gtfs` for public transport), estimated elsewhere —
//! each time says which.

use crate::atlas::Atlas;
use crate::grid::Grid;
use bleibe_domain::living::{Mode, TimeSource, TravelTime, MIN_TRIP_KM};
use bleibe_domain::place::distance_km;

/// The estimate for a straight-line distance (the documented formula,
/// [`bleibe_domain::living::ESTIMATE`], over at least
/// [`MIN_TRIP_KM`]).
pub fn estimate_km(mode: Mode, km: f64) -> TravelTime {
    TravelTime::estimated(mode, km)
}

/// The routed times of one mode: a sorted row of (destination, minutes) per origin.
#[derive(Debug, Clone, Default)]
struct Routed {
    source: Option<TimeSource>,
    rows: Vec<Vec<(u32, f32)>>,
    /// Places the routed source covers: between two of them a missing pair means "no
    /// connection", not "unknown".
    covered: Vec<bool>,
}

/// Place-to-place travel times for every mode.
#[derive(Debug, Clone)]
pub struct TravelMatrix {
    routed: [Routed; 3],
    points: Vec<(f64, f64)>,
}

fn mode_index(mode: Mode) -> usize {
    mode.ordinal() as usize
}

impl TravelMatrix {
    /// Only estimates, for the atlas's places.
    pub fn estimated(atlas: &Atlas) -> TravelMatrix {
        TravelMatrix {
            routed: Default::default(),
            points: (0..atlas.len() as u32).map(|i| atlas.point(i)).collect(),
        }
    }

    /// Adds routed times of `mode` from `source`, by GeoNames ids (pairs of unknown
    /// places are skipped). The places that appear in a pair count as covered.
    pub fn add_routed(
        &mut self,
        atlas: &Atlas,
        mode: Mode,
        source: TimeSource,
        pairs: impl IntoIterator<Item = (i64, i64, f64)>,
    ) -> usize {
        let n = self.points.len();
        let r = &mut self.routed[mode_index(mode)];
        if r.rows.is_empty() {
            r.rows = vec![Vec::new(); n];
            r.covered = vec![false; n];
        }
        r.source = Some(source);
        let mut added = 0;
        for (from, to, minutes) in pairs {
            let (Some(a), Some(b)) = (atlas.index_of(from), atlas.index_of(to)) else {
                continue;
            };
            if !minutes.is_finite() || minutes < 0.0 {
                continue;
            }
            r.rows[a as usize].push((b, minutes as f32));
            r.covered[a as usize] = true;
            r.covered[b as usize] = true;
            added += 1;
        }
        for row in &mut r.rows {
            row.sort_unstable_by_key(|e| e.0);
            row.dedup_by_key(|e| e.0);
        }
        added
    }

    /// How many routed pairs `mode` has.
    pub fn routed_pairs(&self, mode: Mode) -> usize {
        self.routed[mode_index(mode)]
            .rows
            .iter()
            .map(Vec::len)
            .sum()
    }

    /// The travel time from place `a` to place `b` (atlas indices) by `mode`: routed
    /// where both places are covered (`None` when the router found no connection),
    /// estimated otherwise.
    pub fn time(&self, mode: Mode, a: u32, b: u32) -> Option<TravelTime> {
        let r = &self.routed[mode_index(mode)];
        if let Some(source) = r.source {
            if r.covered[a as usize] && r.covered[b as usize] {
                if a == b {
                    return Some(estimate_km(mode, 0.0));
                }
                let row = &r.rows[a as usize];
                return row
                    .binary_search_by_key(&b, |e| e.0)
                    .ok()
                    .map(|at| TravelTime {
                        minutes: f64::from(row[at].1),
                        source,
                    });
            }
        }
        Some(self.estimate(mode, a, b))
    }

    fn estimate(&self, mode: Mode, a: u32, b: u32) -> TravelTime {
        estimate_km(mode, self.km(a, b))
    }

    /// The straight-line distance within which an estimate can be at most `minutes`.
    fn estimate_radius_km(mode: Mode, minutes: f64) -> f64 {
        let p = mode.estimate();
        ((minutes - p.overhead_min).max(0.0) / 60.0 * p.speed_kmh / p.detour).max(MIN_TRIP_KM)
    }

    /// Calls `f(place, time)` for every place of `targets` (a grid over atlas indices,
    /// `is_target` its membership) that `from` reaches by `mode` within `limit` minutes.
    /// A place may be offered twice with the same time; callers keep the best.
    pub fn reach(
        &self,
        mode: Mode,
        from: u32,
        limit: f64,
        targets: &Grid,
        is_target: impl Fn(u32) -> bool,
        mut f: impl FnMut(u32, TravelTime),
    ) {
        let (lat, lon) = self.points[from as usize];
        let r = &self.routed[mode_index(mode)];
        let routed_here = r.source.is_some() && r.covered[from as usize];
        targets.within(lat, lon, Self::estimate_radius_km(mode, limit), |j, km| {
            // Estimated from the grid's own distance (the same haversine as `time`);
            // pairs the router covers are read from the row.
            let t = if routed_here && r.covered[j as usize] {
                self.time(mode, from, j)
            } else {
                Some(estimate_km(mode, km))
            };
            if let Some(t) = t {
                if t.minutes <= limit {
                    f(j, t);
                }
            }
        });
        // Routed times can beat the estimate (a motorway): the row has them all.
        if let Some(source) = r.source {
            if r.covered[from as usize] {
                for &(j, minutes) in &r.rows[from as usize] {
                    let minutes = f64::from(minutes);
                    if minutes <= limit && is_target(j) {
                        f(j, TravelTime { minutes, source });
                    }
                }
            }
        }
    }

    /// The straight-line distance between two places, km.
    pub fn km(&self, a: u32, b: u32) -> f64 {
        let (p, q) = (self.points[a as usize], self.points[b as usize]);
        distance_km(p.0, p.1, q.0, q.1)
    }
}
