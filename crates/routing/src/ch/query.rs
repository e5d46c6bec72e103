//! Queries: bidirectional point-to-point, one-to-many (upward search and a sweep over the
//! targets' upward closure), many-to-many (buckets).

use super::Hierarchy;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Working memory of one query (or one thread of a many-to-many query).
pub(crate) struct Scratch {
    forward: Search,
    backward: Search,
    /// Distances of the one-to-many sweep (valid for the nodes of the sweep only).
    sweep: Vec<u32>,
    /// One bit per node: in the sweep.
    marked: Vec<u64>,
    /// The nodes the forward search settled, and their distances.
    settled: Vec<(u32, u32)>,
    /// Distances of the sweep over prepared targets.
    local: Vec<u32>,
}

impl Scratch {
    pub(crate) fn new(n: usize) -> Scratch {
        Scratch {
            forward: Search::new(n),
            backward: Search::new(n),
            sweep: vec![u32::MAX; n],
            marked: vec![0; n.div_ceil(64)],
            settled: Vec::new(),
            local: Vec::new(),
        }
    }
}

/// Which arcs a search follows: up (forward searches) or down reversed (backward).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Forward,
    Backward,
}

/// A Dijkstra search in the upward graph of one direction, its distances stamped so that
/// starting over costs nothing.
struct Search {
    /// Per node: (stamp of the search that set the distance, distance).
    dist: Vec<(u32, u32)>,
    now: u32,
    heap: BinaryHeap<Reverse<(u32, u32)>>,
}

impl Search {
    fn new(n: usize) -> Search {
        Search {
            dist: vec![(0, 0); n],
            now: 0,
            heap: BinaryHeap::new(),
        }
    }

    fn start(&mut self, source: u32) {
        if self.now == u32::MAX {
            self.dist.iter_mut().for_each(|d| d.0 = 0);
            self.now = 0;
        }
        self.now += 1;
        self.heap.clear();
        self.dist[source as usize] = (self.now, 0);
        self.heap.push(Reverse((0, source)));
    }

    #[inline]
    fn dist(&self, v: u32) -> u32 {
        let (stamp, d) = self.dist[v as usize];
        if stamp == self.now {
            d
        } else {
            u32::MAX
        }
    }

    /// The smallest key in the queue.
    fn min_key(&self) -> Option<u32> {
        self.heap.peek().map(|&Reverse((d, _))| d)
    }

    /// Settles the next node: `Some((v, d, stalled))`, or `None` when the queue is empty.
    /// A stalled node (a more important node reaches it faster) is settled with a
    /// distance that is too long; its arcs are not relaxed.
    pub(crate) fn settle(
        &mut self,
        ch: &Hierarchy,
        direction: Direction,
    ) -> Option<(u32, u32, bool)> {
        loop {
            let Reverse((d, v)) = self.heap.pop()?;
            if d > self.dist(v) {
                continue; // stale
            }
            let (relax, check) = match direction {
                Direction::Forward => (ch.up(v), ch.down(v)),
                Direction::Backward => (ch.down(v), ch.up(v)),
            };
            // Stall on demand: an arc from a more important node already reached gives
            // a shorter path to v.
            let stalled = check
                .iter()
                .any(|e| self.dist(e.head).saturating_add(e.weight) < d);
            if !stalled {
                for e in relax {
                    let nd = d.saturating_add(e.weight);
                    if nd < self.dist(e.head) {
                        self.dist[e.head as usize] = (self.now, nd);
                        self.heap.push(Reverse((nd, e.head)));
                    }
                }
            }
            return Some((v, d, stalled));
        }
    }
}

/// `Some(d)` unless `d` is the "unreachable" value.
fn reachable(d: u32) -> Option<u32> {
    (d != u32::MAX).then_some(d)
}

/// The internal id of input node `v`, if it is one.
fn internal(ch: &Hierarchy, v: u32) -> Option<u32> {
    ch.id.get(v as usize).copied()
}

pub(super) fn point_to_point(
    ch: &Hierarchy,
    scratch: &mut Scratch,
    source: u32,
    target: u32,
) -> Option<u32> {
    let (s, t) = (internal(ch, source)?, internal(ch, target)?);
    if s == t {
        return Some(0);
    }
    let (forward, backward) = (&mut scratch.forward, &mut scratch.backward);
    forward.start(s);
    backward.start(t);
    let mut best = u32::MAX;
    loop {
        // Each direction goes on while its queue holds a key below the best so far.
        let f = forward.min_key().filter(|&d| d < best);
        let b = backward.min_key().filter(|&d| d < best);
        let (this, other, direction) = match (f, b) {
            (None, None) => break,
            (Some(f), Some(b)) if b < f => (&mut *backward, &*forward, Direction::Backward),
            (None, Some(_)) => (&mut *backward, &*forward, Direction::Backward),
            _ => (&mut *forward, &*backward, Direction::Forward),
        };
        if let Some((v, d, _)) = this.settle(ch, direction) {
            best = best.min(d.saturating_add(other.dist(v)));
        }
    }
    reachable(best)
}

/// Marks the targets' upward closure in the reversed down graph, bottom-up: as every arc
/// leads to a smaller internal id, a scan from the largest id down meets every node after
/// all nodes below it. Returns the range of words of `marked` that hold marks.
fn mark_closure(
    ch: &Hierarchy,
    marked: &mut [u64],
    targets: &[u32],
) -> Option<std::ops::RangeInclusive<usize>> {
    let mut low = usize::MAX;
    let mut high = 0;
    for &t in targets {
        let Some(t) = internal(ch, t) else { continue };
        let word = t as usize / 64;
        marked[word] |= 1 << (t % 64);
        low = low.min(word);
        high = high.max(word);
    }
    if low > high {
        return None;
    }
    for word in (0..=high).rev() {
        let mut bits = marked[word];
        while bits != 0 {
            let bit = 63 - bits.leading_zeros();
            let v = (word * 64) as u32 + bit;
            for e in ch.down(v) {
                marked[e.head as usize / 64] |= 1 << (e.head % 64);
                low = low.min(e.head as usize / 64);
            }
            // The bits below, as they are now (v may have marked some).
            bits = marked[word] & ((1u64 << bit) - 1);
        }
        if word == low {
            break;
        }
    }
    Some(low..=high)
}

/// Upward search from internal node `s` to the end: what it settles, by internal id.
fn search_up(ch: &Hierarchy, forward: &mut Search, s: u32, settled: &mut Vec<(u32, u32)>) {
    forward.start(s);
    settled.clear();
    while let Some((v, d, _)) = forward.settle(ch, Direction::Forward) {
        settled.push((v, d));
    }
    settled.sort_unstable();
}

pub(super) fn one_to_many(
    ch: &Hierarchy,
    scratch: &mut Scratch,
    source: u32,
    targets: &[u32],
) -> Vec<Option<u32>> {
    let Some(s) = internal(ch, source) else {
        return vec![None; targets.len()];
    };
    let Scratch {
        forward,
        sweep,
        marked,
        settled,
        ..
    } = scratch;
    search_up(ch, forward, s, settled);
    let Some(words) = mark_closure(ch, marked, targets) else {
        return vec![None; targets.len()];
    };

    // The sweep, top down: the distance to v is the better of the upward search's and
    // those over an arc from a more important node (swept before).
    let mut from_source = settled.iter().peekable();
    for word in words {
        let mut bits = marked[word];
        marked[word] = 0;
        while bits != 0 {
            let v = (word * 64) as u32 + bits.trailing_zeros();
            bits &= bits - 1;
            let mut d = u32::MAX;
            while let Some(&&(x, dx)) = from_source.peek() {
                if x > v {
                    break;
                }
                if x == v {
                    d = dx;
                }
                from_source.next();
            }
            for e in ch.down(v) {
                d = d.min(sweep[e.head as usize].saturating_add(e.weight));
            }
            sweep[v as usize] = d;
        }
    }
    targets
        .iter()
        .map(|&t| reachable(sweep[internal(ch, t)? as usize]))
        .collect()
}

/// Targets prepared for one-to-many queries from many sources (RPHAST, Delling et al.
/// 2011): the targets' upward closure in the hierarchy, extracted once into compact
/// arrays, so that every query sweeps only those.
///
/// Made by [`Hierarchy::prepare_targets`], used by [`Hierarchy::one_to_prepared`].
/// [`Hierarchy::one_to_many`] prepares by itself a target list it is given twice in a row.
#[derive(Debug, Clone)]
pub struct PreparedTargets {
    /// The hierarchy it was made from ([`Hierarchy::instance`]).
    pub(super) hierarchy: u64,
    /// The targets as given.
    pub(super) targets: Vec<u32>,
    /// Internal ids of the closure, ascending (most important first).
    nodes: Vec<u32>,
    /// `arcs[first[i]..first[i + 1]]`: the arcs into `nodes[i]` from more important nodes,
    /// as (index in `nodes`, ms).
    first: Vec<u32>,
    arcs: Vec<(u32, u32)>,
    /// Index in `nodes` of every target (`u32::MAX`: no node).
    slots: Vec<u32>,
}

impl PreparedTargets {
    /// The targets, in the order of the answers.
    pub fn targets(&self) -> &[u32] {
        &self.targets
    }

    /// Nodes of the hierarchy the queries sweep.
    pub fn closure_len(&self) -> usize {
        self.nodes.len()
    }
}

pub(super) fn prepare(ch: &Hierarchy, scratch: &mut Scratch, targets: &[u32]) -> PreparedTargets {
    let Scratch { sweep, marked, .. } = scratch;
    let mut prepared = PreparedTargets {
        hierarchy: ch.instance,
        targets: targets.to_vec(),
        nodes: Vec::new(),
        first: vec![0],
        arcs: Vec::new(),
        slots: Vec::with_capacity(targets.len()),
    };
    if let Some(words) = mark_closure(ch, marked, targets) {
        for word in words {
            let mut bits = marked[word];
            marked[word] = 0;
            while bits != 0 {
                let v = (word * 64) as u32 + bits.trailing_zeros();
                bits &= bits - 1;
                // `sweep` holds the index in `nodes` meanwhile.
                sweep[v as usize] = prepared.nodes.len() as u32;
                prepared.nodes.push(v);
                // The tails are in the closure and more important: indexed already.
                prepared.arcs.extend(
                    ch.down(v)
                        .iter()
                        .map(|e| (sweep[e.head as usize], e.weight)),
                );
                prepared.first.push(prepared.arcs.len() as u32);
            }
        }
    }
    prepared.slots = targets
        .iter()
        .map(|&t| internal(ch, t).map_or(u32::MAX, |t| sweep[t as usize]))
        .collect();
    prepared
}

pub(super) fn one_to_prepared(
    ch: &Hierarchy,
    scratch: &mut Scratch,
    source: u32,
    prepared: &PreparedTargets,
) -> Vec<Option<u32>> {
    if prepared.hierarchy != ch.instance {
        // Made from another hierarchy: its node numbers mean nothing here.
        return one_to_many(ch, scratch, source, &prepared.targets);
    }
    let Some(s) = internal(ch, source) else {
        return vec![None; prepared.targets.len()];
    };
    let Scratch {
        forward,
        settled,
        local,
        ..
    } = scratch;
    search_up(ch, forward, s, settled);
    local.clear();
    local.resize(prepared.nodes.len(), u32::MAX);
    for &(v, d) in settled.iter() {
        if let Ok(i) = prepared.nodes.binary_search(&v) {
            local[i] = d;
        }
    }
    for i in 0..prepared.nodes.len() {
        let mut d = local[i];
        let arcs = &prepared.arcs[prepared.first[i] as usize..prepared.first[i + 1] as usize];
        for &(tail, w) in arcs {
            d = d.min(local[tail as usize].saturating_add(w));
        }
        local[i] = d;
    }
    prepared
        .slots
        .iter()
        .map(|&i| reachable(*local.get(i as usize)?))
        .collect()
}

/// One bucket entry: the target (its index) and its distance from the node.
#[derive(Clone, Copy)]
struct Entry {
    node: u32,
    target: u32,
    dist: u32,
}

pub(super) fn many_to_many(ch: &Hierarchy, sources: &[u32], targets: &[u32]) -> Vec<Option<u32>> {
    let (rows, cols) = (sources.len(), targets.len());
    let mut result = vec![u32::MAX; rows * cols];
    if rows == 0 || cols == 0 {
        return Vec::new();
    }
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(rows.max(cols).div_ceil(16))
        .max(1);

    // Backward searches from the targets fill the buckets.
    let per_thread = cols.div_ceil(threads);
    let mut parts: Vec<Vec<Entry>> = Vec::new();
    std::thread::scope(|scope| {
        let handles: Vec<_> = targets
            .chunks(per_thread)
            .enumerate()
            .map(|(chunk, part)| {
                scope.spawn(move || {
                    ch.with_scratch(|scratch| {
                        let mut entries = Vec::new();
                        for (k, &t) in part.iter().enumerate() {
                            let Some(t) = internal(ch, t) else { continue };
                            let target = (chunk * per_thread + k) as u32;
                            let search = &mut scratch.backward;
                            search.start(t);
                            while let Some((node, dist, stalled)) =
                                search.settle(ch, Direction::Backward)
                            {
                                if !stalled {
                                    entries.push(Entry { node, target, dist });
                                }
                            }
                        }
                        entries
                    })
                })
            })
            .collect();
        for h in handles {
            parts.push(h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        }
    });
    let mut entries = parts.concat();
    drop(parts);
    entries.sort_unstable_by_key(|e| e.node);
    let buckets = Buckets::new(&entries);

    // Forward searches from the sources scan them, rows split between the threads.
    let rows_per_thread = rows.div_ceil(threads);
    std::thread::scope(|scope| {
        for (chunk, out) in result.chunks_mut(rows_per_thread * cols).enumerate() {
            let (entries, buckets) = (&entries, &buckets);
            let part = &sources[chunk * rows_per_thread..];
            scope.spawn(move || {
                ch.with_scratch(|scratch| {
                    for (row, &s) in out.chunks_mut(cols).zip(part) {
                        let Some(s) = internal(ch, s) else { continue };
                        let search = &mut scratch.forward;
                        search.start(s);
                        while let Some((v, d, stalled)) = search.settle(ch, Direction::Forward) {
                            if stalled {
                                continue;
                            }
                            for e in buckets.get(entries, v) {
                                let cell = &mut row[e.target as usize];
                                *cell = (*cell).min(d.saturating_add(e.dist));
                            }
                        }
                    }
                })
            });
        }
    });
    result.into_iter().map(reachable).collect()
}

/// The buckets: for every node with entries, where they lie in the entries sorted by node
/// (an open-addressing hash table, as few nodes of the graph have any).
struct Buckets {
    /// Slots: (node + 1, start, end); node + 1 == 0 marks an empty slot.
    slots: Vec<(u32, u32, u32)>,
    shift: u32,
}

impl Buckets {
    fn new(sorted: &[Entry]) -> Buckets {
        let nodes = sorted.windows(2).filter(|w| w[0].node != w[1].node).count() + 1;
        let bits = (2 * nodes).next_power_of_two().trailing_zeros().max(4);
        let mut buckets = Buckets {
            slots: vec![(0, 0, 0); 1 << bits],
            shift: 64 - bits,
        };
        let mut start = 0;
        while start < sorted.len() {
            let node = sorted[start].node;
            let mut end = start;
            while end < sorted.len() && sorted[end].node == node {
                end += 1;
            }
            let mut slot = buckets.slot(node);
            while buckets.slots[slot].0 != 0 {
                slot = (slot + 1) & (buckets.slots.len() - 1);
            }
            buckets.slots[slot] = (node + 1, start as u32, end as u32);
            start = end;
        }
        buckets
    }

    #[inline]
    fn slot(&self, node: u32) -> usize {
        ((u64::from(node).wrapping_mul(0x9E37_79B9_7F4A_7C15)) >> self.shift) as usize
    }

    /// The entries of `node`.
    #[inline]
    fn get<'a>(&self, entries: &'a [Entry], node: u32) -> &'a [Entry] {
        let mut slot = self.slot(node);
        loop {
            let (key, start, end) = self.slots[slot];
            if key == 0 {
                return &[];
            }
            if key == node + 1 {
                return &entries[start as usize..end as usize];
            }
            slot = (slot + 1) & (self.slots.len() - 1);
        }
    }
}
