//! A generated road-like graph, for benchmarks only: a perturbed grid of local roads
//! (30–50 km/h, some missing, some one-way, a few diagonals), every 20th grid line a trunk
//! road (70–100 km/h) and every 160th a motorway (110–130 km/h), spread over the bounding
//! box of Brandenburg and Saxony (50.2–53.6 N, 11.3–15.1 E).

use crate::graph::{Arc, RoadGraph};
use crate::snap::haversine;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

const SOUTH: f64 = 50.2;
const NORTH: f64 = 53.6;
const WEST: f64 = 11.3;
const EAST: f64 = 15.1;

/// Every how many grid lines a trunk road runs.
const TRUNK_EVERY: usize = 20;
/// Every how many grid lines a motorway runs.
const MOTORWAY_EVERY: usize = 160;

/// A road-like graph of `nodes` nodes, the same for the same `nodes` and `seed`.
pub fn road_like(nodes: usize, seed: u64) -> RoadGraph {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    if nodes == 0 {
        return RoadGraph::default();
    }
    // Rows and columns in proportion to the box's height and width in metres.
    let mid = ((SOUTH + NORTH) / 2.0).to_radians().cos();
    let aspect = (EAST - WEST) * mid / (NORTH - SOUTH);
    let rows = ((nodes as f64 / aspect).sqrt().round() as usize).clamp(1, nodes);
    let cols = nodes.div_ceil(rows);
    let dlat = (NORTH - SOUTH) / rows as f64;
    let dlon = (EAST - WEST) / cols as f64;
    let at = |r: usize, c: usize| r * cols + c;

    let mut coords = Vec::with_capacity(nodes);
    for v in 0..nodes {
        let (r, c) = (v / cols, v % cols);
        let lat = SOUTH + (r as f64 + 0.5 + rng.gen_range(-0.3..0.3)) * dlat;
        let lon = WEST + (c as f64 + 0.5 + rng.gen_range(-0.3..0.3)) * dlon;
        coords.push([lat, lon]);
    }

    let mut arcs = Vec::with_capacity(nodes * 4);
    let mut road = |rng: &mut ChaCha8Rng, a: usize, b: usize, line: usize, diagonal: bool| {
        let (kmh, may_lack, one_way) = if diagonal {
            (rng.gen_range(30.0..50.0), false, rng.gen_bool(0.04))
        } else if line % MOTORWAY_EVERY == MOTORWAY_EVERY / 2 {
            (rng.gen_range(110.0..130.0), false, false)
        } else if line % TRUNK_EVERY == TRUNK_EVERY / 2 {
            (rng.gen_range(70.0..100.0), false, false)
        } else {
            (rng.gen_range(30.0..50.0), true, rng.gen_bool(0.04))
        };
        if may_lack && rng.gen_bool(0.12) {
            return;
        }
        let metres = haversine(coords[a], coords[b]);
        let millis = ((metres / (kmh / 3.6) * 1000.0).round() as u32).max(1);
        let (from, to) = if rng.gen_bool(0.5) { (a, b) } else { (b, a) };
        arcs.push(Arc {
            from: from as u32,
            to: to as u32,
            millis,
        });
        if !one_way {
            // The way back a little slower or faster (junctions, slopes).
            let back = (f64::from(millis) * rng.gen_range(0.95..1.05)).round() as u32;
            arcs.push(Arc {
                from: to as u32,
                to: from as u32,
                millis: back.max(1),
            });
        }
    };
    for v in 0..nodes {
        let (r, c) = (v / cols, v % cols);
        if c + 1 < cols && at(r, c + 1) < nodes {
            road(&mut rng, v, at(r, c + 1), r, false);
        }
        if at(r + 1, c) < nodes {
            road(&mut rng, v, at(r + 1, c), c, false);
        }
        if c + 1 < cols && at(r + 1, c + 1) < nodes && rng.gen_bool(0.05) {
            road(&mut rng, v, at(r + 1, c + 1), 0, true);
        }
    }
    RoadGraph { coords, arcs }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_inside_the_box() {
        let a = road_like(5_000, 7);
        assert_eq!(a, road_like(5_000, 7));
        assert_ne!(a, road_like(5_000, 8));
        assert_eq!(a.coords.len(), 5_000);
        assert!(a.arcs.len() > 3 * 5_000, "{} arcs", a.arcs.len());
        for &[lat, lon] in &a.coords {
            assert!((SOUTH..NORTH).contains(&lat) && (WEST..EAST).contains(&lon));
        }
        for arc in &a.arcs {
            assert!(arc.from != arc.to && (arc.to as usize) < 5_000 && arc.millis > 0);
        }
        assert!(road_like(0, 1).coords.is_empty());
        assert_eq!(road_like(1, 1).coords.len(), 1);
    }
}
