//! A uniform grid over points (places), for "every point within r km of here".

use bleibe_domain::place::distance_km;

/// Cell height in degrees of latitude (about 11 km).
const CELL_LAT: f64 = 0.1;
/// Cell width in degrees of longitude (about 10 km at 51° N).
const CELL_LON: f64 = 0.15;

/// A point: the caller's index, latitude, longitude.
type Point = (u32, f64, f64);

/// Points by grid cell. Each point carries an index of the caller's choosing.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    cells: std::collections::HashMap<(i32, i32), Vec<Point>>,
}

fn cell(lat: f64, lon: f64) -> (i32, i32) {
    (
        (lat / CELL_LAT).floor() as i32,
        (lon / CELL_LON).floor() as i32,
    )
}

impl Grid {
    /// A grid over `(index, lat, lon)`.
    pub fn new(points: impl IntoIterator<Item = (u32, f64, f64)>) -> Grid {
        let mut cells: std::collections::HashMap<(i32, i32), Vec<Point>> = Default::default();
        for (i, lat, lon) in points {
            if lat.is_finite() && lon.is_finite() {
                cells.entry(cell(lat, lon)).or_default().push((i, lat, lon));
            }
        }
        Grid { cells }
    }

    /// Whether the grid holds no point.
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// Calls `f(index, km)` for every point within `km` of (`lat`, `lon`).
    pub fn within(&self, lat: f64, lon: f64, km: f64, mut f: impl FnMut(u32, f64)) {
        if !(km.is_finite() && km >= 0.0) {
            return;
        }
        // A degree of latitude is at least 110.5 km; of longitude, 111.3 km × cos(lat)
        // (the smaller cosine of the box's far edge keeps it conservative).
        let dlat = km / 110.5 + CELL_LAT;
        let far = (lat.abs() + dlat).min(89.0).to_radians().cos();
        let dlon = km / (111.3 * far) + CELL_LON;
        let (lat0, lon0) = cell(lat - dlat, lon - dlon);
        let (lat1, lon1) = cell(lat + dlat, lon + dlon);
        for a in lat0..=lat1 {
            for b in lon0..=lon1 {
                let Some(points) = self.cells.get(&(a, b)) else {
                    continue;
                };
                for &(i, plat, plon) in points {
                    let d = distance_km(lat, lon, plat, plon);
                    if d <= km {
                        f(i, d);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};

    #[test]
    fn finds_exactly_the_points_within_the_radius() {
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        let points: Vec<(u32, f64, f64)> = (0..2_000)
            .map(|i| (i, rng.gen_range(47.0..55.0), rng.gen_range(6.0..15.0)))
            .collect();
        let grid = Grid::new(points.iter().copied());
        for _ in 0..50 {
            let (lat, lon) = (rng.gen_range(47.0..55.0), rng.gen_range(6.0..15.0));
            let km = rng.gen_range(0.0..120.0);
            let mut found = Vec::new();
            grid.within(lat, lon, km, |i, _| found.push(i));
            found.sort();
            let want: Vec<u32> = points
                .iter()
                .filter(|(_, a, b)| distance_km(lat, lon, *a, *b) <= km)
                .map(|p| p.0)
                .collect();
            assert_eq!(found, want);
        }
    }
}
