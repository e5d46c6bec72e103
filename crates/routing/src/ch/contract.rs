//! Node ordering and contraction.
//!
//! The nodes are first put in a spatial order (a Z-order curve over their coordinates),
//! so that nodes near each other on the map lie near each other in memory; the contraction
//! then runs on those positions.

use super::{Edge, Hierarchy};
use crate::graph::RoadGraph;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Settled-node limit of a witness search while contracting a node.
const CONTRACT_SETTLED: u32 = 200;
/// Settled-node limit of a witness search while estimating a priority.
const ESTIMATE_SETTLED: u32 = 20;
/// At most this many threads contract.
const MAX_THREADS: usize = 8;
/// Nodes per unit of work of the first estimates.
const CHUNK: usize = 1024;
/// A batch holds at most this many nodes,
const MAX_BATCH: usize = 8192;
/// and at most one per this many not yet contracted.
const BATCH_FRACTION: usize = 16;
/// Work of fewer items than this runs on one thread.
const PARALLEL_FROM: usize = 16;

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

    /// Searches from `source` in `out` avoiding `avoid` and the nodes set in `forbidden`,
    /// up to `max_dist`, until all `targets` (as set) are settled or `limit` nodes are.
    #[allow(clippy::too_many_arguments)]
    fn run(
        &mut self,
        out: &Lists,
        forbidden: &[u64],
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
                if y == avoid || is_set(forbidden, y) {
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

/// The remaining (not yet contracted) graph: per node its arcs `(other end, ms)` to and
/// from uncontracted nodes, one per other end (the fastest); and what the priorities
/// need to know of every node.
struct Remaining {
    out: Lists,
    inn: Lists,
    /// Contracted neighbours so far.
    deleted: Vec<u32>,
    /// Depth: 1 + the greatest depth of a contracted neighbour (so every arc of the
    /// hierarchy leads to a greater depth).
    level: Vec<u32>,
    /// One bit per node that witness searches must avoid (nodes being contracted).
    forbidden: Vec<u64>,
}

impl Remaining {
    /// The shortcuts `(from, to, ms)` that contracting `v` needs, into `shortcuts`.
    fn shortcuts(
        &self,
        witness: &mut Witness,
        v: u32,
        limit: u32,
        shortcuts: &mut Vec<(u32, u32, u32)>,
    ) {
        shortcuts.clear();
        let inn = self.inn.get(v);
        let out = self.out.get(v);
        if inn.is_empty() || out.is_empty() {
            return;
        }
        let max_out = out.iter().map(|&(_, w)| w).max().unwrap_or(0);
        witness.set_targets(out);
        for &(u, wu) in inn {
            let max_dist = wu.saturating_add(max_out);
            witness.run(&self.out, &self.forbidden, u, v, max_dist, out.len(), limit);
            for &(w, ww) in out {
                if w == u {
                    continue;
                }
                let via = wu.saturating_add(ww);
                if witness.dist(w) > via {
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
        4 * edge_difference
            + 2 * i64::from(self.deleted[v as usize])
            + i64::from(self.level[v as usize])
    }

    /// The priority of `v` estimated now.
    fn estimate(&self, witness: &mut Witness, v: u32, buffer: &mut Vec<(u32, u32, u32)>) -> i64 {
        self.shortcuts(witness, v, ESTIMATE_SETTLED, buffer);
        self.priority(v, buffer.len())
    }
}

/// Whether `v`'s bit is set in `bits`.
#[inline]
fn is_set(bits: &[u64], v: u32) -> bool {
    bits[v as usize / 64] & (1 << (v % 64)) != 0
}

/// Sets `v`'s bit in `bits`.
#[inline]
fn set(bits: &mut [u64], v: u32) {
    bits[v as usize / 64] |= 1 << (v % 64);
}

/// Clears the word of `bits` that holds `v`'s bit (the callers clear every word they set).
#[inline]
fn clear_word(bits: &mut [u64], v: u32) {
    bits[v as usize / 64] = 0;
}

/// Runs `work` for `0..count` on one thread per witness, this one included (on this
/// thread alone when there is one witness or little work), and gathers what the calls
/// push.
fn in_parallel<T: Send>(
    witnesses: &mut [Witness],
    count: usize,
    work: impl Fn(&mut Witness, usize, &mut Vec<T>) + Sync,
) -> Vec<T> {
    let mut gathered = Vec::new();
    let Some((mine, others)) = witnesses.split_first_mut() else {
        return gathered;
    };
    if others.is_empty() || count < PARALLEL_FROM {
        for i in 0..count {
            work(mine, i, &mut gathered);
        }
        return gathered;
    }
    let next = AtomicUsize::new(0);
    let run = |witness: &mut Witness, into: &mut Vec<T>| loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        if i >= count {
            break;
        }
        work(witness, i, into);
    };
    std::thread::scope(|scope| {
        let run = &run;
        let helpers: Vec<_> = others
            .iter_mut()
            .map(|witness| {
                scope.spawn(move || {
                    let mut theirs = Vec::new();
                    run(witness, &mut theirs);
                    theirs
                })
            })
            .collect();
        run(mine, &mut gathered);
        for h in helpers {
            gathered.extend(h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        }
    });
    gathered
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

    let mut g = Remaining {
        out,
        inn,
        deleted: vec![0; n],
        level: vec![0; n],
        forbidden: vec![0; n.div_ceil(64)],
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |t| t.get())
        .clamp(1, MAX_THREADS);
    let mut witnesses: Vec<Witness> = (0..threads).map(|_| Witness::new(n)).collect();
    let mut contracted = vec![false; n];
    let mut priority: Vec<i64> = {
        let g = &g;
        let mut estimated = in_parallel(&mut witnesses, n.div_ceil(CHUNK), |w, chunk, out| {
            let mut buffer = Vec::new();
            for v in chunk * CHUNK..(n.min((chunk + 1) * CHUNK)) {
                out.push((v as u32, g.estimate(w, v as u32, &mut buffer)));
            }
        });
        estimated.sort_unstable();
        estimated.into_iter().map(|(_, p)| p).collect()
    };
    let mut heap: BinaryHeap<Reverse<(i64, u32)>> = (0..n as u32)
        .map(|v| Reverse((priority[v as usize], v)))
        .collect();

    // The arcs of the hierarchy in contraction order: the node contracted r-th has its
    // arcs up (out) at `up[up_first[r]..up_first[r + 1]]`, down (in) likewise, with
    // heads as positions.
    let mut order: Vec<u32> = Vec::with_capacity(n);
    let mut up: Vec<Edge> = Vec::new();
    let mut up_first: Vec<usize> = Vec::with_capacity(n + 1);
    let mut down: Vec<Edge> = Vec::new();
    let mut down_first: Vec<usize> = Vec::with_capacity(n + 1);
    let (mut out, mut inn) = (Vec::new(), Vec::new());
    // Per batch: the candidates, the nodes popped but next to a candidate, the nodes
    // next to a candidate (one bit each), the neighbours of the contracted nodes.
    let mut batch: Vec<(i64, u32)> = Vec::new();
    let mut deferred: Vec<(i64, u32)> = Vec::new();
    let mut claimed = vec![0u64; n.div_ceil(64)];
    let mut neighbours: Vec<u32> = Vec::new();
    let mut around: Vec<u32> = Vec::new();

    // In batches: the nodes of least priority that are no neighbours of each other,
    // their shortcuts found at once (each avoiding all of them), then contracted in turn;
    // then the priorities of their neighbours estimated at once.
    loop {
        let size = ((n - order.len()) / BATCH_FRACTION).clamp(1, MAX_BATCH);
        batch.clear();
        deferred.clear();
        while batch.len() < size {
            let Some(Reverse((p, v))) = heap.pop() else {
                break;
            };
            if contracted[v as usize] || p != priority[v as usize] {
                continue; // stale entry
            }
            if is_set(&claimed, v) {
                deferred.push((p, v));
                continue;
            }
            batch.push((p, v));
            for &(x, _) in g.out.get(v).iter().chain(g.inn.get(v)) {
                set(&mut claimed, x);
            }
            set(&mut claimed, v);
        }
        if batch.is_empty() {
            break;
        }
        // The least priority left after the batch.
        let next = heap
            .peek()
            .map(|&Reverse((p, _))| p)
            .into_iter()
            .chain(deferred.iter().map(|&(p, _)| p))
            .min();
        for &(_, v) in &batch {
            set(&mut g.forbidden, v);
            for &(x, _) in g.out.get(v).iter().chain(g.inn.get(v)) {
                clear_word(&mut claimed, x);
            }
            clear_word(&mut claimed, v);
        }
        let mut found = {
            let (g, batch) = (&g, &batch);
            in_parallel(&mut witnesses, batch.len(), |w, i, out| {
                let v = batch[i].1;
                let mut shortcuts = Vec::new();
                g.shortcuts(w, v, CONTRACT_SETTLED, &mut shortcuts);
                out.push((i, g.priority(v, shortcuts.len()), shortcuts));
            })
        };
        found.sort_unstable_by_key(|&(i, _, _)| i);
        for &(_, v) in &batch {
            clear_word(&mut g.forbidden, v);
        }

        neighbours.clear();
        for (i, now, shortcuts) in found {
            let (p, v) = batch[i];
            // Lazy update: the priority may have risen since it was computed.
            if now > p && next.is_some_and(|next| now > next) {
                priority[v as usize] = now;
                heap.push(Reverse((now, v)));
                continue;
            }
            // Contract v: its remaining arcs all lead to nodes contracted later.
            contracted[v as usize] = true;
            order.push(v);
            g.out.take(v, &mut out);
            g.inn.take(v, &mut inn);
            up_first.push(up.len());
            up.extend(out.iter().map(|&(head, weight)| Edge { head, weight }));
            down_first.push(down.len());
            down.extend(inn.iter().map(|&(head, weight)| Edge { head, weight }));
            for &(w, _) in &out {
                g.inn.remove(w, v);
            }
            for &(u, _) in &inn {
                g.out.remove(u, v);
            }
            for (from, to, weight) in shortcuts {
                g.out.upsert(from, to, weight);
                g.inn.upsert(to, from, weight);
            }
            let next_level = g.level[v as usize] + 1;
            around.clear();
            around.extend(out.iter().chain(&inn).map(|&(x, _)| x));
            around.sort_unstable();
            around.dedup();
            for &x in &around {
                g.deleted[x as usize] += 1;
                g.level[x as usize] = g.level[x as usize].max(next_level);
                if !is_set(&claimed, x) {
                    set(&mut claimed, x);
                    neighbours.push(x);
                }
            }
        }
        for &(p, v) in &deferred {
            heap.push(Reverse((p, v)));
        }
        for &x in &neighbours {
            clear_word(&mut claimed, x);
        }

        // The neighbours' priorities, estimated again.
        let estimated = {
            let (g, neighbours) = (&g, &neighbours);
            in_parallel(&mut witnesses, neighbours.len(), |w, i, out| {
                let mut buffer = Vec::new();
                let x = neighbours[i];
                out.push((x, g.estimate(w, x, &mut buffer)));
            })
        };
        for (x, p) in estimated {
            if p != priority[x as usize] {
                priority[x as usize] = p;
                heap.push(Reverse((p, x)));
            }
        }
    }
    debug_assert_eq!(order.len(), n);
    up_first.push(up.len());
    down_first.push(down.len());
    let level = std::mem::take(&mut g.level);
    drop((g, witnesses));

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
