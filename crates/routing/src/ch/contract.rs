//! Node ordering and contraction.
//!
//! The nodes are first put in a spatial order (a Z-order curve over their coordinates),
//! so that nodes near each other on the map lie near each other in memory; the contraction
//! then runs on those positions.

use super::{Edge, Hierarchy};
use crate::graph::RoadGraph;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Settled-node limit of a witness search while contracting a node.
const CONTRACT_SETTLED: u32 = 150;
/// Settled-node limit of a witness search while estimating a priority.
const ESTIMATE_SETTLED: u32 = 10;

/// Adjacency lists that grow and shrink, all in one arena: node `v`'s list is
/// `arcs[start..start + len]` with room for `cap`; a list that outgrows its room moves to
/// the end of the arena with twice the room.
struct Lists {
    slots: Vec<Slot>,
    arcs: Vec<(u32, u32)>,
}

#[derive(Clone, Copy, Default)]
struct Slot {
    start: u32,
    len: u32,
    cap: u32,
}

impl Lists {
    /// Lists from `(node, other, ms)` triples sorted by node and other: per node and other
    /// the fastest, with room for two more.
    fn new(n: usize, sorted: &[(u32, u32, u32)]) -> Lists {
        let mut lists = Lists {
            slots: vec![Slot::default(); n],
            arcs: Vec::with_capacity(sorted.len() + 2 * n),
        };
        let mut i = 0;
        for v in 0..n as u32 {
            let start = lists.arcs.len();
            while i < sorted.len() && sorted[i].0 == v {
                let (_, other, ms) = sorted[i];
                // Sorted by (node, other, ms): the first of each other is the fastest.
                if lists.arcs.len() == start || lists.arcs[lists.arcs.len() - 1].0 != other {
                    lists.arcs.push((other, ms));
                }
                i += 1;
            }
            let len = lists.arcs.len() - start;
            lists.arcs.extend([(0, 0); 2]);
            lists.slots[v as usize] = Slot {
                start: arena_index(start),
                len: len as u32,
                cap: len as u32 + 2,
            };
        }
        lists
    }

    #[inline]
    fn get(&self, v: u32) -> &[(u32, u32)] {
        let s = self.slots[v as usize];
        &self.arcs[s.start as usize..(s.start + s.len) as usize]
    }

    #[inline]
    fn len(&self, v: u32) -> usize {
        self.slots[v as usize].len as usize
    }

    /// Sets the weight of `other` in `v`'s list to at most `weight`, adding it if missing.
    fn upsert(&mut self, v: u32, other: u32, weight: u32) {
        let s = self.slots[v as usize];
        let list = &mut self.arcs[s.start as usize..(s.start + s.len) as usize];
        if let Some(entry) = list.iter_mut().find(|(o, _)| *o == other) {
            entry.1 = entry.1.min(weight);
            return;
        }
        let mut s = s;
        if s.len == s.cap {
            let start = self.arcs.len();
            let cap = (2 * s.cap).max(4);
            self.arcs
                .extend_from_within(s.start as usize..(s.start + s.len) as usize);
            self.arcs.resize(start + cap as usize, (0, 0));
            s.start = arena_index(start);
            s.cap = cap;
        }
        self.arcs[(s.start + s.len) as usize] = (other, weight);
        s.len += 1;
        self.slots[v as usize] = s;
    }

    /// Removes `other` from `v`'s list.
    fn remove(&mut self, v: u32, other: u32) {
        let s = &mut self.slots[v as usize];
        let list = &mut self.arcs[s.start as usize..(s.start + s.len) as usize];
        if let Some(i) = list.iter().position(|&(o, _)| o == other) {
            list.swap(i, list.len() - 1);
            s.len -= 1;
        }
    }

    /// Empties `v`'s list into `into`.
    fn take(&mut self, v: u32, into: &mut Vec<(u32, u32)>) {
        into.clear();
        into.extend_from_slice(self.get(v));
        self.slots[v as usize].len = 0;
    }
}

/// `i` as an arena index.
fn arena_index(i: usize) -> u32 {
    u32::try_from(i).expect("fewer than 2^32 arcs while contracting")
}

/// Per node, the state of the witness searches.
#[derive(Clone, Copy, Default)]
struct Mark {
    /// Stamp of the search that set `dist`.
    stamp: u32,
    dist: u32,
    /// Stamp of the contraction whose targets include the node.
    target: u32,
}

/// A bounded Dijkstra search in the remaining graph, with working memory reused between
/// searches (stamps instead of clearing).
struct Witness {
    marks: Vec<Mark>,
    now: u32,
    target_now: u32,
    heap: BinaryHeap<Reverse<(u32, u32)>>,
}

impl Witness {
    fn new(n: usize) -> Witness {
        Witness {
            marks: vec![Mark::default(); n],
            now: 0,
            target_now: 0,
            heap: BinaryHeap::new(),
        }
    }

    #[inline]
    fn dist(&self, v: u32) -> u32 {
        let m = self.marks[v as usize];
        if m.stamp == self.now {
            m.dist
        } else {
            u32::MAX
        }
    }

    /// Marks `targets` as the targets of the following searches.
    fn set_targets(&mut self, targets: &[(u32, u32)]) {
        if self.target_now == u32::MAX {
            self.marks.iter_mut().for_each(|m| m.target = 0);
            self.target_now = 0;
        }
        self.target_now += 1;
        for &(t, _) in targets {
            self.marks[t as usize].target = self.target_now;
        }
    }

    /// Searches from `source` in `out` avoiding `avoid`, up to `max_dist`, until all
    /// `targets` (as set) are settled or `limit` nodes are.
    fn run(
        &mut self,
        out: &Lists,
        source: u32,
        avoid: u32,
        max_dist: u32,
        mut targets: usize,
        limit: u32,
    ) {
        if self.now == u32::MAX {
            self.marks.iter_mut().for_each(|m| m.stamp = 0);
            self.now = 0;
        }
        self.now += 1;
        let now = self.now;
        self.heap.clear();
        let m = &mut self.marks[source as usize];
        (m.stamp, m.dist) = (now, 0);
        self.heap.push(Reverse((0, source)));
        let mut settled = 0;
        while let Some(Reverse((d, x))) = self.heap.pop() {
            let m = self.marks[x as usize];
            if d > m.dist {
                continue; // stale: the node was reached faster since
            }
            if m.target == self.target_now {
                targets -= 1;
                if targets == 0 {
                    break;
                }
            }
            settled += 1;
            if settled >= limit {
                break;
            }
            for &(y, w) in out.get(x) {
                if y == avoid {
                    continue;
                }
                let nd = d.saturating_add(w);
                let m = &mut self.marks[y as usize];
                if nd <= max_dist && (m.stamp != now || nd < m.dist) {
                    (m.stamp, m.dist) = (now, nd);
                    self.heap.push(Reverse((nd, y)));
                }
            }
        }
    }
}

/// The contraction state: the remaining (not yet contracted) graph, per node its arcs
/// `(other end, ms)` to and from uncontracted nodes, one per other end (the fastest).
struct Contractor {
    out: Lists,
    inn: Lists,
    witness: Witness,
    contracted: Vec<bool>,
    /// Contracted neighbours so far.
    deleted: Vec<u32>,
    /// Depth: 1 + the greatest depth of a contracted neighbour (so every arc of the
    /// hierarchy leads to a greater depth).
    level: Vec<u32>,
}

impl Contractor {
    /// The shortcuts `(from, to, ms)` that contracting `v` needs, into `shortcuts`.
    fn shortcuts(&mut self, v: u32, limit: u32, shortcuts: &mut Vec<(u32, u32, u32)>) {
        shortcuts.clear();
        let inn = self.inn.get(v);
        let out = self.out.get(v);
        if inn.is_empty() || out.is_empty() {
            return;
        }
        let max_out = out.iter().map(|&(_, w)| w).max().unwrap_or(0);
        self.witness.set_targets(out);
        for &(u, wu) in inn {
            let max_dist = wu.saturating_add(max_out);
            self.witness
                .run(&self.out, u, v, max_dist, out.len(), limit);
            for &(w, ww) in out {
                if w == u {
                    continue;
                }
                let via = wu.saturating_add(ww);
                if self.witness.dist(w) > via {
                    shortcuts.push((u, w, via));
                }
            }
        }
    }

    /// The priority of `v` (lower: contracted sooner) if contracting it takes
    /// `shortcuts` shortcuts: the edge difference, the contracted neighbours and the depth.
    fn priority(&self, v: u32, shortcuts: usize) -> i64 {
        let removed = self.inn.len(v) + self.out.len(v);
        let edge_difference = shortcuts as i64 - removed as i64;
        let k = knobs();
        k[0] * edge_difference
            + k[1] * i64::from(self.deleted[v as usize])
            + k[2] * i64::from(self.level[v as usize])
    }

    /// The priority of `v` estimated now.
    fn estimate(&mut self, v: u32, buffer: &mut Vec<(u32, u32, u32)>) -> i64 {
        self.shortcuts(v, knobs()[3] as u32, buffer);
        self.priority(v, buffer.len())
    }
}

/// The nodes in Z-order of their coordinates (non-finite ones first).
fn spatial_order(coords: &[[f64; 2]]) -> Vec<u32> {
    let (mut min, mut max) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
    for c in coords.iter().filter(|c| c.iter().all(|x| x.is_finite())) {
        for k in 0..2 {
            min[k] = min[k].min(c[k]);
            max[k] = max[k].max(c[k]);
        }
    }
    let cell = |x: f64, k: usize| {
        let span = max[k] - min[k];
        if !x.is_finite() || span <= 0.0 {
            return 0u64;
        }
        (((x - min[k]) / span * 65535.0) as u64).min(65535)
    };
    // Spreads the 16 bits of x to the even bits of a u32.
    let spread = |mut x: u64| {
        x = (x | (x << 8)) & 0x00FF_00FF;
        x = (x | (x << 4)) & 0x0F0F_0F0F;
        x = (x | (x << 2)) & 0x3333_3333;
        (x | (x << 1)) & 0x5555_5555
    };
    let mut keyed: Vec<(u64, u32)> = coords
        .iter()
        .enumerate()
        .map(|(v, c)| {
            let key = (spread(cell(c[0], 0)) << 1) | spread(cell(c[1], 1));
            let key = if c.iter().all(|x| x.is_finite()) {
                key + 1
            } else {
                0
            };
            (key, v as u32)
        })
        .collect();
    keyed.sort_unstable();
    keyed.into_iter().map(|(_, v)| v).collect()
}

/// Contracts `graph` into a hierarchy.
pub(super) fn contract(graph: &RoadGraph) -> Hierarchy {
    let n = graph.coords.len();
    assert!(u32::try_from(n).is_ok(), "more than 2^32 nodes");
    // Positions: the contraction works on nodes in spatial order.
    let node_at = spatial_order(&graph.coords);
    let mut position = vec![0u32; n];
    for (p, &v) in node_at.iter().enumerate() {
        position[v as usize] = p as u32;
    }
    let mut arcs: Vec<(u32, u32, u32)> = graph
        .arcs
        .iter()
        // Self loops never shorten a path; an arc of u32::MAX ms is unreachable.
        .filter(|a| {
            (a.from as usize) < n && (a.to as usize) < n && a.from != a.to && a.millis < u32::MAX
        })
        .map(|a| (position[a.from as usize], position[a.to as usize], a.millis))
        .collect();
    arcs.sort_unstable();
    let out = Lists::new(n, &arcs);
    for a in &mut arcs {
        (a.0, a.1) = (a.1, a.0);
    }
    arcs.sort_unstable();
    let inn = Lists::new(n, &arcs);
    drop(arcs);

    let mut c = Contractor {
        out,
        inn,
        witness: Witness::new(n),
        contracted: vec![false; n],
        deleted: vec![0; n],
        level: vec![0; n],
    };
    let mut buffer = Vec::new();
    let mut priority = vec![0i64; n];
    let mut heap = BinaryHeap::with_capacity(n);
    for v in 0..n as u32 {
        priority[v as usize] = c.estimate(v, &mut buffer);
        heap.push(Reverse((priority[v as usize], v)));
    }

    // The arcs of the hierarchy in contraction order: the node contracted r-th has its
    // arcs up (out) at `up[up_first[r]..up_first[r + 1]]`, down (in) likewise, with
    // heads as positions.
    let mut order: Vec<u32> = Vec::with_capacity(n);
    let mut up: Vec<Edge> = Vec::new();
    let mut up_first: Vec<usize> = Vec::with_capacity(n + 1);
    let mut down: Vec<Edge> = Vec::new();
    let mut down_first: Vec<usize> = Vec::with_capacity(n + 1);
    let mut neighbours: Vec<u32> = Vec::new();
    let (mut out, mut inn) = (Vec::new(), Vec::new());

    while let Some(Reverse((p, v))) = heap.pop() {
        if c.contracted[v as usize] || p != priority[v as usize] {
            continue; // stale entry
        }
        // Lazy update: the priority may have risen since it was computed.
        c.shortcuts(v, knobs()[4] as u32, &mut buffer);
        let now = c.priority(v, buffer.len());
        if now > p {
            if let Some(&Reverse((next, _))) = heap.peek() {
                if now > next {
                    priority[v as usize] = now;
                    heap.push(Reverse((now, v)));
                    continue;
                }
            }
        }

        // Contract v: its remaining arcs all lead to nodes contracted later.
        c.contracted[v as usize] = true;
        order.push(v);
        c.out.take(v, &mut out);
        c.inn.take(v, &mut inn);
        up_first.push(up.len());
        up.extend(out.iter().map(|&(head, weight)| Edge { head, weight }));
        down_first.push(down.len());
        down.extend(inn.iter().map(|&(head, weight)| Edge { head, weight }));
        for &(w, _) in &out {
            c.inn.remove(w, v);
        }
        for &(u, _) in &inn {
            c.out.remove(u, v);
        }
        for &(from, to, weight) in &buffer {
            c.out.upsert(from, to, weight);
            c.inn.upsert(to, from, weight);
        }

        neighbours.clear();
        neighbours.extend(out.iter().chain(&inn).map(|&(x, _)| x));
        neighbours.sort_unstable();
        neighbours.dedup();
        let next_level = c.level[v as usize] + 1;
        for &x in &neighbours {
            let x_ = x as usize;
            c.deleted[x_] += 1;
            c.level[x_] = c.level[x_].max(next_level);
            let p = c.estimate(x, &mut buffer);
            if p != priority[x_] {
                priority[x_] = p;
                heap.push(Reverse((p, x)));
            }
        }
    }
    debug_assert_eq!(order.len(), n);
    up_first.push(up.len());
    down_first.push(down.len());
    let level = std::mem::take(&mut c.level);
    drop(c);

    // Internal ids: by level, top first (every arc leads to a higher level, so this is a
    // topological order of the upward graph), and by position within a level, so that
    // nodes near each other on the map stay near each other in memory.
    let mut by_internal: Vec<u32> = (0..n as u32).collect();
    by_internal.sort_unstable_by_key(|&p| (Reverse(level[p as usize]), p));
    let mut internal_of = vec![0u32; n];
    for (internal, &p) in by_internal.iter().enumerate() {
        internal_of[p as usize] = internal as u32;
    }
    let mut rank = vec![0u32; n];
    for (r, &p) in order.iter().enumerate() {
        rank[p as usize] = r as u32;
    }
    // The block of every internal id, in internal order.
    let blocks: Vec<usize> = by_internal
        .iter()
        .map(|&p| rank[p as usize] as usize)
        .collect();
    drop((rank, by_internal, order));
    let (up_first, up) = renumber(&internal_of, &blocks, &up_first, up);
    let (down_first, down) = renumber(&internal_of, &blocks, &down_first, down);
    let id = (0..n).map(|v| internal_of[position[v] as usize]).collect();
    Hierarchy::from_parts(id, up_first, up, down_first, down, graph.coords.clone())
}

/// CSR arrays by internal id from blocks in contraction order (`edges[first[r]..first[r +
/// 1]]` belongs to the node contracted r-th; `blocks[i]` is the block of internal id `i`),
/// heads renumbered by `internal_of` and sorted.
fn renumber(
    internal_of: &[u32],
    blocks: &[usize],
    first: &[usize],
    mut edges: Vec<Edge>,
) -> (Vec<u32>, Vec<Edge>) {
    assert!(
        u32::try_from(edges.len()).is_ok(),
        "more than 2^32 arcs in the hierarchy"
    );
    for e in &mut edges {
        e.head = internal_of[e.head as usize];
    }
    let mut new_first = Vec::with_capacity(blocks.len() + 1);
    let mut new_edges = Vec::with_capacity(edges.len());
    new_first.push(0u32);
    for &rank in blocks {
        let block = &mut edges[first[rank]..first[rank + 1]];
        block.sort_unstable_by_key(|e| e.head);
        new_edges.extend_from_slice(block);
        new_first.push(new_edges.len() as u32);
    }
    (new_first, new_edges)
}

fn knobs() -> [i64; 6] {
    static K: std::sync::OnceLock<[i64; 6]> = std::sync::OnceLock::new();
    *K.get_or_init(|| {
        let d = format!("4,2,1,{ESTIMATE_SETTLED},{CONTRACT_SETTLED},1");
        let v: Vec<i64> = std::env::var("CH_KNOBS")
            .unwrap_or(d)
            .split(',')
            .map(|x| x.parse().unwrap())
            .collect();
        [v[0], v[1], v[2], v[3], v[4], v[5]]
    })
}
