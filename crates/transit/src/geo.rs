//! Distances, walking times and a grid to find the stops near a point.

use bleibe_domain::place::distance_km;
use std::collections::HashMap;

/// Metres per degree of latitude (mean Earth radius 6,371.0088 km, as
/// [`distance_km`]).
const METRES_PER_DEGREE: f64 = 6_371_008.8 * std::f64::consts::PI / 180.0;

/// Great-circle distance in metres.
pub(crate) fn distance_m(a: (f64, f64), b: (f64, f64)) -> f64 {
    distance_km(a.0, a.1, b.0, b.1) * 1000.0
}

/// Seconds to walk `metres` at `speed_kmh`, rounded up.
pub(crate) fn walk_secs(metres: f64, speed_kmh: f64) -> u32 {
    (metres / (speed_kmh / 3.6)).ceil() as u32
}

/// The rectangle around a set of points (WGS84 degrees).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoundingBox {
    /// Southern edge.
    pub min_lat: f64,
    /// Western edge.
    pub min_lon: f64,
    /// Northern edge.
    pub max_lat: f64,
    /// Eastern edge.
    pub max_lon: f64,
}

impl BoundingBox {
    /// The smallest box around `points` (latitude, longitude); `None` for none.
    pub fn around(points: impl IntoIterator<Item = (f64, f64)>) -> Option<BoundingBox> {
        points.into_iter().fold(None, |bb, (lat, lon)| {
            Some(match bb {
                None => BoundingBox {
                    min_lat: lat,
                    min_lon: lon,
                    max_lat: lat,
                    max_lon: lon,
                },
                Some(b) => BoundingBox {
                    min_lat: b.min_lat.min(lat),
                    min_lon: b.min_lon.min(lon),
                    max_lat: b.max_lat.max(lat),
                    max_lon: b.max_lon.max(lon),
                },
            })
        })
    }

    /// This box grown by at least `metres` on every side.
    pub fn grown_by(&self, metres: f64) -> BoundingBox {
        let dlat = metres / METRES_PER_DEGREE;
        let widest = self.min_lat.abs().max(self.max_lat.abs()) + dlat;
        let dlon = metres / (METRES_PER_DEGREE * widest.to_radians().cos().max(0.01));
        BoundingBox {
            min_lat: self.min_lat - dlat,
            min_lon: self.min_lon - dlon,
            max_lat: self.max_lat + dlat,
            max_lon: self.max_lon + dlon,
        }
    }

    /// Whether the point lies inside (edges included).
    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        (self.min_lat..=self.max_lat).contains(&lat) && (self.min_lon..=self.max_lon).contains(&lon)
    }
}

/// A point with its id: (id, (latitude, longitude)).
type Point = (u32, (f64, f64));

/// Points in square-ish cells at least `radius` metres wide, to find every point within
/// `radius` of a query by looking at the 3 × 3 cells around it.
pub(crate) struct Grid {
    radius_m: f64,
    cell_lat: f64,
    cell_lon: f64,
    cells: HashMap<(i32, i32), Vec<Point>>,
}

impl Grid {
    /// Indexes `points` (id, (lat, lon)) for queries up to `radius_m`.
    pub fn new(points: impl IntoIterator<Item = Point>, radius_m: f64) -> Grid {
        let points: Vec<Point> = points.into_iter().collect();
        // Wide enough at the latitude farthest from the equator (plus a degree of margin
        // for queries just beyond it).
        let widest = points
            .iter()
            .map(|(_, (lat, _))| lat.abs())
            .fold(0.0_f64, f64::max)
            + 1.0;
        let radius = radius_m.max(1.0);
        let cell_lat = radius / METRES_PER_DEGREE;
        let cell_lon = radius / (METRES_PER_DEGREE * widest.min(89.0).to_radians().cos());
        let mut grid = Grid {
            radius_m,
            cell_lat,
            cell_lon,
            cells: HashMap::new(),
        };
        for (id, p) in points {
            let cell = grid.cell(p);
            grid.cells.entry(cell).or_default().push((id, p));
        }
        grid
    }

    fn cell(&self, (lat, lon): (f64, f64)) -> (i32, i32) {
        (
            (lat / self.cell_lat).floor() as i32,
            (lon / self.cell_lon).floor() as i32,
        )
    }

    /// Calls `found(id, metres)` for every point within the radius of `p`.
    pub fn within(&self, p: (f64, f64), mut found: impl FnMut(u32, f64)) {
        let (y, x) = self.cell(p);
        for dy in -1..=1 {
            for dx in -1..=1 {
                let Some(points) = self.cells.get(&(y + dy, x + dx)) else {
                    continue;
                };
                for &(id, q) in points {
                    let d = distance_m(p, q);
                    if d <= self.radius_m {
                        found(id, d);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_finds_exactly_the_points_within_the_radius() {
        // A lattice of points about 100 m apart around Cottbus.
        let mut points = Vec::new();
        for i in 0..40 {
            for j in 0..40 {
                let p = (51.70 + f64::from(i) * 0.0009, 14.30 + f64::from(j) * 0.0014);
                points.push((i * 40 + j, p));
            }
        }
        let grid = Grid::new(points.clone(), 400.0);
        for query in [(51.71, 14.31), (51.735, 14.33), (51.69, 14.29)] {
            let mut got = Vec::new();
            grid.within(query, |id, _| got.push(id));
            got.sort();
            let want: Vec<u32> = points
                .iter()
                .filter(|(_, p)| distance_m(query, *p) <= 400.0)
                .map(|(id, _)| *id)
                .collect();
            assert_eq!(got, want);
            assert!(query.0 < 51.7 || !want.is_empty());
        }
    }

    #[test]
    fn a_grown_box_holds_points_that_far_outside() {
        let bb = BoundingBox::around([(52.0, 13.0), (52.5, 13.5)]).unwrap();
        let grown = bb.grown_by(1500.0);
        assert!(!bb.contains(52.51, 13.2));
        assert!(grown.contains(52.51, 13.2), "1.1 km north");
        assert!(grown.contains(52.2, 13.52), "1.4 km east");
        assert!(!grown.contains(52.2, 13.53), "2.0 km east");
        assert_eq!(walk_secs(400.0, 4.5), 320);
    }
}
