//! Snapping a place to the nearest node of the road graph, by a uniform grid over the
//! node coordinates; and the largest strongly connected component, to snap only to nodes
//! from which (and to which) most of the network can be reached.

use crate::graph::RoadGraph;
use std::cmp::Reverse;

/// Mean Earth radius, metres.
const EARTH_RADIUS: f64 = 6_371_008.8;
/// Metres per degree of latitude (of a great circle).
const METRES_PER_DEGREE: f64 = EARTH_RADIUS * std::f64::consts::PI / 180.0;
/// Nodes per grid cell, on average.
const PER_CELL: f64 = 4.0;
/// At most this many cells.
const MAX_CELLS: f64 = 8_000_000.0;

/// Great-circle distance in metres between two (latitude, longitude) points in degrees.
pub fn haversine(a: [f64; 2], b: [f64; 2]) -> f64 {
    let (lat1, lat2) = (a[0].to_radians(), b[0].to_radians());
    let dlat = lat2 - lat1;
    let dlon = (b[1] - a[1]).to_radians();
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS * h.sqrt().min(1.0).asin()
}

/// Finds the node nearest to a point: the nodes bucketed in a uniform grid of cells (in
/// degrees) over their bounding box, searched in rings of cells around the point.
#[derive(Debug, Clone)]
pub struct Snapper {
    /// South-west corner of the grid (latitude, longitude).
    origin: [f64; 2],
    /// Size of a cell in degrees (latitude, longitude).
    cell: [f64; 2],
    rows: usize,
    cols: usize,
    /// `points[first[c]..first[c + 1]]`: the nodes in cell `c` (row-major).
    first: Vec<u32>,
    /// (latitude, longitude, node) by cell.
    points: Vec<(f64, f64, u32)>,
    /// Largest absolute latitude of a node, degrees.
    max_abs_lat: f64,
}

impl Snapper {
    /// A snapper over all nodes with finite coordinates.
    pub fn new(coords: &[[f64; 2]]) -> Snapper {
        Snapper::build(coords, |_| true)
    }

    /// A snapper over the nodes `i` with `keep[i]` (and finite coordinates); nodes
    /// beyond the end of `keep` are left out.
    pub fn new_filtered(coords: &[[f64; 2]], keep: &[bool]) -> Snapper {
        Snapper::build(coords, |i| keep.get(i).copied().unwrap_or(false))
    }

    fn build(coords: &[[f64; 2]], keep: impl Fn(usize) -> bool) -> Snapper {
        let nodes: Vec<u32> = (0..coords.len())
            .filter(|&i| keep(i) && coords[i].iter().all(|x| x.is_finite()))
            .map(|i| i as u32)
            .collect();
        let (mut min, mut max) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
        for &v in &nodes {
            for k in 0..2 {
                min[k] = min[k].min(coords[v as usize][k]);
                max[k] = max[k].max(coords[v as usize][k]);
            }
        }
        if nodes.is_empty() {
            (min, max) = ([0.0; 2], [0.0; 2]);
        }
        // Square-ish cells in metres, PER_CELL nodes each on average.
        let mid_cos = ((min[0] + max[0]) / 2.0).to_radians().cos().max(0.01);
        let height = ((max[0] - min[0]) * METRES_PER_DEGREE).max(1.0);
        let width = ((max[1] - min[1]) * METRES_PER_DEGREE * mid_cos).max(1.0);
        let cells = (nodes.len() as f64 / PER_CELL).clamp(1.0, MAX_CELLS);
        let side = (height * width / cells).sqrt();
        let rows = ((height / side).ceil() as usize).clamp(1, MAX_CELLS as usize);
        let cols = ((width / side).ceil() as usize).clamp(1, MAX_CELLS as usize / rows);
        let cell = [
            ((max[0] - min[0]) / rows as f64).max(1e-9),
            ((max[1] - min[1]) / cols as f64).max(1e-9),
        ];
        let mut snapper = Snapper {
            origin: min,
            cell,
            rows,
            cols,
            first: vec![0; rows * cols + 1],
            points: Vec::with_capacity(nodes.len()),
            max_abs_lat: min[0].abs().max(max[0].abs()),
        };
        let cell_of: Vec<usize> = nodes
            .iter()
            .map(|&v| {
                let (r, c) = snapper.cell_of(coords[v as usize]);
                r * cols + c
            })
            .collect();
        for &c in &cell_of {
            snapper.first[c + 1] += 1;
        }
        for c in 0..rows * cols {
            snapper.first[c + 1] += snapper.first[c];
        }
        let mut next = snapper.first.clone();
        snapper.points = vec![(0.0, 0.0, 0); nodes.len()];
        for (&v, &c) in nodes.iter().zip(&cell_of) {
            let [lat, lon] = coords[v as usize];
            snapper.points[next[c] as usize] = (lat, lon, v);
            next[c] += 1;
        }
        snapper
    }

    /// The cell (row, column) of a point, clamped to the grid.
    fn cell_of(&self, p: [f64; 2]) -> (usize, usize) {
        let index = |x: f64, k: usize, count: usize| {
            let i = ((x - self.origin[k]) / self.cell[k]).floor();
            if i.is_nan() || i < 0.0 {
                0
            } else {
                (i as usize).min(count - 1)
            }
        };
        (index(p[0], 0, self.rows), index(p[1], 1, self.cols))
    }

    /// The node nearest to (`lat`, `lon`) and its distance in metres; `None` if there are
    /// no nodes or the point is not finite.
    pub fn nearest(&self, lat: f64, lon: f64) -> Option<(u32, f64)> {
        if self.points.is_empty() || !lat.is_finite() || !lon.is_finite() {
            return None;
        }
        let p = [lat, lon];
        let (r0, c0) = self.cell_of(p);
        // Metres per degree of longitude, at least, anywhere between the point and the
        // nodes; a little slack for the curvature of great circles.
        let lon_metres =
            METRES_PER_DEGREE * self.max_abs_lat.max(lat.abs()).min(89.9).to_radians().cos() * 0.99;
        let lat_metres = METRES_PER_DEGREE * 0.99;
        let mut best: Option<(u32, f64)> = None;
        let most = self.rows.max(self.cols);
        for ring in 0..=most {
            let mut ring_bound = f64::INFINITY;
            let mut visit = |r: usize, c: usize, best: &mut Option<(u32, f64)>| {
                // Lower bound of the distance to anything in the cell.
                let south = self.origin[0] + r as f64 * self.cell[0];
                let west = self.origin[1] + c as f64 * self.cell[1];
                let dlat = (south - lat).max(lat - (south + self.cell[0])).max(0.0);
                let dlon = (west - lon).max(lon - (west + self.cell[1])).max(0.0);
                let bound = (dlat * lat_metres).hypot(dlon * lon_metres);
                ring_bound = ring_bound.min(bound);
                if best.is_some_and(|(_, d)| d <= bound) {
                    return;
                }
                let cell = r * self.cols + c;
                let range = self.first[cell] as usize..self.first[cell + 1] as usize;
                for &(plat, plon, v) in &self.points[range] {
                    let d = haversine(p, [plat, plon]);
                    if best.is_none_or(|(bv, bd)| d < bd || (d == bd && v < bv)) {
                        *best = Some((v, d));
                    }
                }
            };
            let (r_low, r_high) = (r0 as isize - ring as isize, r0 + ring);
            let (c_low, c_high) = (c0 as isize - ring as isize, c0 + ring);
            for r in r_low.max(0) as usize..=r_high.min(self.rows - 1) {
                let edge_row = r as isize == r_low || r == r_high;
                if edge_row {
                    for c in c_low.max(0) as usize..=c_high.min(self.cols - 1) {
                        visit(r, c, &mut best);
                    }
                } else {
                    if c_low >= 0 {
                        visit(r, c_low as usize, &mut best);
                    }
                    if c_high < self.cols {
                        visit(r, c_high, &mut best);
                    }
                }
            }
            // Every cell further out is at least as far as the nearest of this ring.
            if best.is_some_and(|(_, d)| d <= ring_bound) {
                break;
            }
        }
        best
    }
}

/// For every node, whether it belongs to the largest strongly connected component of
/// `graph` (ties: the one found first). Iterative Tarjan.
pub fn largest_component(graph: &RoadGraph) -> Vec<bool> {
    let n = graph.coords.len();
    let (first, heads) = crate::dijkstra::forward_star(graph);
    const UNSEEN: u32 = u32::MAX;
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0u32; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![UNSEEN; n];
    let mut stack: Vec<u32> = Vec::new();
    let mut calls: Vec<(u32, u32)> = Vec::new();
    let mut counter = 0u32;
    let mut sizes: Vec<u32> = Vec::new();
    for root in 0..n as u32 {
        if index[root as usize] != UNSEEN {
            continue;
        }
        let mut next = Some(root);
        loop {
            if let Some(w) = next.take() {
                // Enter w.
                index[w as usize] = counter;
                low[w as usize] = counter;
                counter += 1;
                stack.push(w);
                on_stack[w as usize] = true;
                calls.push((w, first[w as usize]));
            }
            let Some(call) = calls.last_mut() else { break };
            let (v, pos) = *call;
            let vi = v as usize;
            if pos < first[vi + 1] {
                call.1 += 1;
                let w = heads[pos as usize].0;
                if index[w as usize] == UNSEEN {
                    next = Some(w);
                } else if on_stack[w as usize] {
                    low[vi] = low[vi].min(index[w as usize]);
                }
                continue;
            }
            calls.pop();
            if let Some(&(parent, _)) = calls.last() {
                low[parent as usize] = low[parent as usize].min(low[vi]);
            }
            if low[vi] == index[vi] {
                let id = sizes.len() as u32;
                let mut size = 0;
                while let Some(w) = stack.pop() {
                    on_stack[w as usize] = false;
                    component[w as usize] = id;
                    size += 1;
                    if w == v {
                        break;
                    }
                }
                sizes.push(size);
            }
        }
    }
    let Some(largest) = (0..sizes.len()).max_by_key(|&c| (sizes[c], Reverse(c))) else {
        return Vec::new();
    };
    component.iter().map(|&c| c as usize == largest).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dijkstra::shortest_from;
    use crate::graph::Arc;
    use proptest::prelude::*;

    #[test]
    fn the_nearest_of_a_few_nodes() {
        // Berlin, Potsdam, Cottbus, Leipzig, Dresden.
        let coords = [
            [52.5200, 13.4050],
            [52.3906, 13.0645],
            [51.7563, 14.3329],
            [51.3397, 12.3731],
            [51.0504, 13.7373],
        ];
        let snapper = Snapper::new(&coords);
        // Alexanderplatz is nearest to Berlin.
        let (node, metres) = snapper.nearest(52.5219, 13.4132).unwrap();
        assert_eq!(node, 0);
        assert!((metres - haversine([52.5219, 13.4132], coords[0])).abs() < 1e-6);
        assert!(metres > 500.0 && metres < 700.0, "{metres}");
        // Meißen is nearest to Dresden; Hamburg, far outside the box, to Berlin or Potsdam.
        assert_eq!(snapper.nearest(51.1634, 13.4715).unwrap().0, 4);
        assert_eq!(snapper.nearest(53.5511, 9.9937).unwrap().0, 1);
        // Without Dresden, Meißen snaps to Leipzig.
        let keep = [true, true, true, true, false];
        let filtered = Snapper::new_filtered(&coords, &keep);
        assert_eq!(filtered.nearest(51.1634, 13.4715).unwrap().0, 3);
        // A short `keep` leaves out the rest.
        assert_eq!(
            Snapper::new_filtered(&coords, &[false, false, true])
                .nearest(52.5, 13.4)
                .unwrap()
                .0,
            2
        );
    }

    #[test]
    fn no_nodes_or_no_point_is_none() {
        assert_eq!(Snapper::new(&[]).nearest(52.0, 13.0), None);
        assert_eq!(
            Snapper::new_filtered(&[[52.0, 13.0]], &[false]).nearest(52.0, 13.0),
            None
        );
        let one = Snapper::new(&[[f64::NAN, 13.0], [52.0, 13.0]]);
        assert_eq!(one.nearest(f64::NAN, 13.0), None);
        assert_eq!(one.nearest(52.0, 13.0), Some((1, 0.0)));
        assert_eq!(one.nearest(-33.9, 151.2).map(|(v, _)| v), Some(1));
    }

    #[test]
    fn the_largest_strongly_connected_component() {
        // 0 → 1 → 2 → 0 (three), 3 ⇄ 4 (two), 5 → 0 and 2 → 6 (one each), 7 alone.
        let arcs = [
            (0, 1),
            (1, 2),
            (2, 0),
            (3, 4),
            (4, 3),
            (5, 0),
            (2, 6),
            (4, 1),
        ];
        let graph = RoadGraph {
            coords: vec![[0.0, 0.0]; 8],
            arcs: arcs
                .iter()
                .map(|&(from, to)| Arc {
                    from,
                    to,
                    millis: 1,
                })
                .collect(),
        };
        let keep = largest_component(&graph);
        assert_eq!(keep, [true, true, true, false, false, false, false, false]);
        assert!(largest_component(&RoadGraph::default()).is_empty());
    }

    proptest! {
        #[test]
        fn nearest_equals_brute_force(
            points in proptest::collection::vec((50.0f64..54.0, 11.0f64..15.5), 1..300),
            queries in proptest::collection::vec((49.0f64..55.0, 10.0f64..16.5), 1..20),
        ) {
            let coords: Vec<[f64; 2]> = points.iter().map(|&(a, b)| [a, b]).collect();
            let snapper = Snapper::new(&coords);
            for &(lat, lon) in &queries {
                let best = coords
                    .iter()
                    .map(|&c| haversine([lat, lon], c))
                    .fold(f64::INFINITY, f64::min);
                let (node, metres) = snapper.nearest(lat, lon).unwrap();
                prop_assert_eq!(metres, best);
                prop_assert_eq!(haversine([lat, lon], coords[node as usize]), best);
            }
        }

        #[test]
        fn largest_component_is_a_largest_scc(
            n in 1usize..40,
            arcs in proptest::collection::vec((0u32..40, 0u32..40), 0..120),
        ) {
            let arcs: Vec<Arc> = arcs
                .into_iter()
                .filter(|&(a, b)| (a as usize) < n && (b as usize) < n)
                .map(|(from, to)| Arc { from, to, millis: 1 })
                .collect();
            let reversed = RoadGraph {
                coords: vec![[0.0, 0.0]; n],
                arcs: arcs.iter().map(|a| Arc { from: a.to, to: a.from, millis: 1 }).collect(),
            };
            let graph = RoadGraph { coords: vec![[0.0, 0.0]; n], arcs };
            // The component of v: the nodes v reaches that reach v.
            let component = |v: u32| -> Vec<bool> {
                let there = shortest_from(&graph, v);
                let back = shortest_from(&reversed, v);
                there.iter().zip(&back).map(|(a, b)| a.is_some() && b.is_some()).collect()
            };
            let largest = (0..n as u32)
                .map(|v| component(v).iter().filter(|&&k| k).count())
                .max()
                .unwrap();
            let keep = largest_component(&graph);
            let first = keep.iter().position(|&k| k).unwrap() as u32;
            prop_assert_eq!(&keep, &component(first));
            prop_assert_eq!(keep.iter().filter(|&&k| k).count(), largest);
        }
    }
}
