//! A uniform grid over points (places), for "every point within r km of here".
//!
//! The cells are one dense array over the points' bounding box (no hashing on the hot
//! path), and a cheap flat-earth test rules out most points of the visited cells before
//! the exact great-circle distance is computed.

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
    /// Cell coordinates of the first cell.
    lat0: i32,
    lon0: i32,
    /// Cells per row (longitude) and rows (latitude).
    nlon: i32,
    nlat: i32,
    /// Where each cell's points start in `points` (one more entry than cells).
    start: Vec<u32>,
    points: Vec<Point>,
}

fn cell(lat: f64, lon: f64) -> (i32, i32) {
    (
        (lat / CELL_LAT).floor() as i32,
        (lon / CELL_LON).floor() as i32,
    )
}

impl Grid {
    /// A grid over `(index, lat, lon)`; points without finite coordinates are left out.
    pub fn new(points: impl IntoIterator<Item = (u32, f64, f64)>) -> Grid {
        let mut all: Vec<Point> = points
            .into_iter()
            .filter(|(_, lat, lon)| lat.is_finite() && lon.is_finite())
            .collect();
        if all.is_empty() {
            return Grid::default();
        }
        let cells: Vec<(i32, i32)> = all.iter().map(|p| cell(p.1, p.2)).collect();
        let lat0 = cells.iter().map(|c| c.0).min().unwrap_or(0);
        let lon0 = cells.iter().map(|c| c.1).min().unwrap_or(0);
        let nlat = cells.iter().map(|c| c.0).max().unwrap_or(0) - lat0 + 1;
        let nlon = cells.iter().map(|c| c.1).max().unwrap_or(0) - lon0 + 1;
        let index = |c: (i32, i32)| ((c.0 - lat0) * nlon + (c.1 - lon0)) as usize;
        let mut keyed: Vec<(usize, Point)> =
            cells.iter().map(|c| index(*c)).zip(all.drain(..)).collect();
        keyed.sort_by_key(|(k, p)| (*k, p.0));
        let mut start = vec![0u32; (nlat * nlon) as usize + 1];
        for (k, _) in &keyed {
            start[k + 1] += 1;
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        Grid {
            lat0,
            lon0,
            nlon,
            nlat,
            start,
            points: keyed.into_iter().map(|(_, p)| p).collect(),
        }
    }

    /// Whether the grid holds no point.
    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    /// Calls `f(index, km)` for every point within `km` of (`lat`, `lon`), with its
    /// great-circle distance.
    pub fn within(&self, lat: f64, lon: f64, km: f64, mut f: impl FnMut(u32, f64)) {
        if self.points.is_empty() || !(km.is_finite() && km >= 0.0) {
            return;
        }
        // A degree of latitude is at least 110.5 km; of longitude, 111.3 km × cos(lat)
        // (the smaller cosine of the box's far edge keeps it conservative).
        let dlat = km / 110.5 + CELL_LAT;
        let far = (lat.abs() + dlat).min(89.0).to_radians().cos();
        let dlon = km / (111.3 * far) + CELL_LON;
        let (a0, b0) = cell(lat - dlat, lon - dlon);
        let (a1, b1) = cell(lat + dlat, lon + dlon);
        let (a0, a1) = ((a0 - self.lat0).max(0), (a1 - self.lat0).min(self.nlat - 1));
        let (b0, b1) = ((b0 - self.lon0).max(0), (b1 - self.lon0).min(self.nlon - 1));
        if a0 > a1 || b0 > b1 {
            return;
        }
        // Flat-earth distance is within 1 % of the great circle at these ranges; points
        // beyond it by more than that margin cannot be within `km`.
        let kx = 111.32 * lat.to_radians().cos();
        let reject = (km * 1.02 + 0.1).powi(2);
        for a in a0..=a1 {
            let row = (a * self.nlon) as usize;
            let from = self.start[row + b0 as usize] as usize;
            let to = self.start[row + b1 as usize + 1] as usize;
            for &(i, plat, plon) in &self.points[from..to] {
                let (y, x) = ((plat - lat) * 110.57, (plon - lon) * kx);
                if x * x + y * y > reject {
                    continue;
                }
                let d = distance_km(lat, lon, plat, plon);
                if d <= km {
                    f(i, d);
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
        for _ in 0..200 {
            // Also from outside the points' box.
            let (lat, lon) = (rng.gen_range(45.0..57.0), rng.gen_range(4.0..17.0));
            let km = rng.gen_range(0.0..150.0);
            let mut found = Vec::new();
            grid.within(lat, lon, km, |i, d| {
                assert!(
                    (d - distance_km(lat, lon, points[i as usize].1, points[i as usize].2)).abs()
                        < 1e-12
                );
                found.push(i);
            });
            found.sort();
            let want: Vec<u32> = points
                .iter()
                .filter(|(_, a, b)| distance_km(lat, lon, *a, *b) <= km)
                .map(|p| p.0)
                .collect();
            assert_eq!(found, want, "{lat} {lon} {km}");
        }
        let empty = Grid::new(std::iter::empty());
        empty.within(51.0, 14.0, 50.0, |_, _| panic!("nothing there"));
    }
}
