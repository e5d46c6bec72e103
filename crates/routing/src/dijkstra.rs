//! Plain Dijkstra on the input graph: the reference every faster query is checked against.
//!
//! Travel times add up saturating at `u32::MAX` milliseconds (49.7 days); a node that can
//! only be reached in that time or more counts as unreachable, as everywhere in this crate.

use crate::graph::RoadGraph;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// The travel time in milliseconds from `source` to every node (`None`: unreachable).
/// A `source` that is no node reaches nothing.
pub fn shortest_from(graph: &RoadGraph, source: u32) -> Vec<Option<u32>> {
    let n = graph.coords.len();
    let mut dist = vec![u32::MAX; n];
    if (source as usize) >= n {
        return vec![None; n];
    }
    let (first, heads) = forward_star(graph);
    let mut heap = BinaryHeap::new();
    dist[source as usize] = 0;
    heap.push(Reverse((0u32, source)));
    while let Some(Reverse((d, v))) = heap.pop() {
        if d > dist[v as usize] {
            continue;
        }
        let v = v as usize;
        for &(head, millis) in &heads[first[v] as usize..first[v + 1] as usize] {
            let nd = d.saturating_add(millis);
            if nd < dist[head as usize] {
                dist[head as usize] = nd;
                heap.push(Reverse((nd, head)));
            }
        }
    }
    dist.into_iter()
        .map(|d| (d != u32::MAX).then_some(d))
        .collect()
}

/// The arcs grouped by tail (`first[v]..first[v + 1]` index `heads`), arcs with an end
/// that is no node left out.
pub(crate) fn forward_star(graph: &RoadGraph) -> (Vec<u32>, Vec<(u32, u32)>) {
    let n = graph.coords.len();
    let valid = |a: &&crate::graph::Arc| (a.from as usize) < n && (a.to as usize) < n;
    let mut first = vec![0u32; n + 1];
    for a in graph.arcs.iter().filter(valid) {
        first[a.from as usize + 1] += 1;
    }
    for v in 0..n {
        first[v + 1] += first[v];
    }
    let mut next = first.clone();
    let mut heads = vec![(0u32, 0u32); first[n] as usize];
    for a in graph.arcs.iter().filter(valid) {
        let slot = &mut next[a.from as usize];
        heads[*slot as usize] = (a.to, a.millis);
        *slot += 1;
    }
    (first, heads)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Arc;

    #[test]
    fn distances_on_a_small_graph() {
        let graph = RoadGraph {
            coords: vec![[0.0, 0.0]; 4],
            arcs: vec![
                Arc {
                    from: 0,
                    to: 1,
                    millis: 5,
                },
                Arc {
                    from: 1,
                    to: 2,
                    millis: 5,
                },
                Arc {
                    from: 0,
                    to: 2,
                    millis: 12,
                },
            ],
        };
        assert_eq!(
            shortest_from(&graph, 0),
            vec![Some(0), Some(5), Some(10), None]
        );
        assert_eq!(shortest_from(&graph, 2), vec![None, None, Some(0), None]);
        assert_eq!(shortest_from(&graph, 9), vec![None; 4]);
    }
}
