//! A contraction hierarchy (Geisberger et al. 2008) over a [`RoadGraph`], with
//! point-to-point, one-to-many and many-to-many (buckets, Knopp et al. 2007) queries.
//!
//! Nodes are contracted in the order of a priority (edge difference, contracted
//! neighbours and depth; updated lazily, and estimated again at the neighbours of every
//! contracted node); a shortcut replaces a path `u → v → w` through the contracted node `v`
//! unless a witness search (a Dijkstra search with a limit on settled nodes) finds a path
//! at most as long that avoids `v`. The nodes of least priority are taken in batches of
//! nodes that are no neighbours of each other, so that their witness searches (and the
//! estimates at their neighbours) run on all cores. The hierarchy keeps only travel times,
//! not the paths.
//!
//! Inside, nodes are renumbered by depth in the hierarchy, the top first (so every arc
//! leads from a node to one with a smaller internal id), and by a spatial order within a
//! depth. Every arc of the hierarchy joins a node to a more important one, and is stored at
//! the less important end in one of two CSR arrays: `up` (arcs out of it, used by forward
//! searches) and `down` (arcs into it, reversed, used by backward searches). Distances add
//! up saturating at `u32::MAX` ms, which counts as unreachable (as in
//! [`crate::dijkstra`]).

mod contract;
mod file;
mod query;

use crate::graph::RoadGraph;
pub use query::PreparedTargets;
use query::Scratch;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

/// An arc of the hierarchy, stored at its less important end: `head` is the more
/// important end (internal id), `weight` the travel time in ms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Edge {
    head: u32,
    weight: u32,
}

/// A contraction hierarchy: answers shortest travel times between nodes of the graph it
/// was built from (node numbers as in that [`RoadGraph`]), and keeps the node coordinates
/// for snapping.
///
/// Queries take `&self` and may run from several threads at once; each running query
/// borrows a block of working memory (about 20 bytes per node) from a pool in the
/// hierarchy.
pub struct Hierarchy {
    /// Internal id of every input node (0: the top of the hierarchy).
    id: Vec<u32>,
    /// `up[up_first[v]..up_first[v + 1]]`: the arcs out of internal node `v` to more
    /// important nodes.
    up_first: Vec<u32>,
    up: Vec<Edge>,
    /// `down[down_first[v]..down_first[v + 1]]`: the arcs into internal node `v` from more
    /// important nodes (`head` is their tail).
    down_first: Vec<u32>,
    down: Vec<Edge>,
    /// Coordinates by input node number.
    coords: Vec<[f64; 2]>,
    /// Working memory of queries, reused.
    pool: Mutex<Vec<Scratch>>,
    /// Tells this hierarchy from others (for [`PreparedTargets`]).
    instance: u64,
    /// What [`Hierarchy::one_to_many`] remembers of its last target lists.
    recent: Mutex<Recent>,
}

/// The target list of the last [`Hierarchy::one_to_many`] call, and the last list prepared
/// because it came twice in a row.
#[derive(Default)]
struct Recent {
    seen: Vec<u32>,
    prepared: Option<std::sync::Arc<PreparedTargets>>,
}

/// Numbers hierarchies.
static INSTANCES: AtomicU64 = AtomicU64::new(0);

impl Hierarchy {
    /// Contracts `graph`, on all cores (at most 8). Self loops and arcs with an end that
    /// is no node are ignored; of parallel arcs the fastest counts.
    ///
    /// # Panics
    ///
    /// If the hierarchy would hold 2³² arcs or more.
    pub fn contract(graph: &RoadGraph) -> Hierarchy {
        contract::contract(graph)
    }

    /// Number of nodes.
    pub fn num_nodes(&self) -> usize {
        self.id.len()
    }

    /// Number of arcs in the hierarchy (arcs of the graph and shortcuts, parallel arcs and
    /// self loops removed).
    pub fn num_arcs(&self) -> usize {
        self.up.len() + self.down.len()
    }

    /// Latitude and longitude of every node, by node number.
    pub fn coords(&self) -> &[[f64; 2]] {
        &self.coords
    }

    /// The travel time in ms from `source` to `target` (`None`: unreachable, or either is
    /// no node), by a bidirectional search in the hierarchy.
    pub fn query(&self, source: u32, target: u32) -> Option<u32> {
        self.with_scratch(|s| query::point_to_point(self, s, source, target))
    }

    /// The travel times in ms from `source` to each of `targets`, in that order.
    ///
    /// One upward search from `source`, then one sweep over the nodes the targets reach
    /// upwards (their union), most important first: cheap for many targets at once.
    /// When the same target list comes twice in a row (from any thread), it is prepared
    /// as by [`Hierarchy::prepare_targets`] and kept (the last such list only), so that
    /// further calls with it cost a fraction.
    pub fn one_to_many(&self, source: u32, targets: &[u32]) -> Vec<Option<u32>> {
        enum Seen {
            Prepared(std::sync::Arc<PreparedTargets>),
            Twice,
            New,
        }
        let seen = {
            let mut recent = self.recent.lock().unwrap_or_else(|p| p.into_inner());
            match &recent.prepared {
                Some(p) if p.targets == targets => Seen::Prepared(p.clone()),
                _ if !targets.is_empty() && recent.seen == targets => {
                    recent.seen.clear();
                    Seen::Twice
                }
                _ => {
                    recent.seen.clear();
                    recent.seen.extend_from_slice(targets);
                    Seen::New
                }
            }
        };
        match seen {
            Seen::Prepared(p) => self.one_to_prepared(source, &p),
            Seen::Twice => {
                let p = std::sync::Arc::new(self.prepare_targets(targets));
                let answer = self.one_to_prepared(source, &p);
                self.recent
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .prepared = Some(p);
                answer
            }
            Seen::New => self.with_scratch(|s| query::one_to_many(self, s, source, targets)),
        }
    }

    /// Prepares `targets` for [`Hierarchy::one_to_prepared`] from many sources (RPHAST):
    /// about as costly as one [`Hierarchy::one_to_many`] call.
    pub fn prepare_targets(&self, targets: &[u32]) -> PreparedTargets {
        self.with_scratch(|s| query::prepare(self, s, targets))
    }

    /// The travel times in ms from `source` to each of the prepared targets, in their
    /// order: the same answers as [`Hierarchy::one_to_many`], faster. Targets prepared
    /// by another hierarchy are answered as by [`Hierarchy::one_to_many`].
    pub fn one_to_prepared(&self, source: u32, targets: &PreparedTargets) -> Vec<Option<u32>> {
        self.with_scratch(|s| query::one_to_prepared(self, s, source, targets))
    }

    /// The travel times in ms from each of `sources` to each of `targets`, row-major
    /// (`result[i * targets.len() + j]` from `sources[i]` to `targets[j]`), by the bucket
    /// algorithm: an upward backward search from every target leaves its distance in a
    /// bucket at every node it settles; an upward forward search from every source scans
    /// the buckets of the nodes it settles. The forward searches run on all cores.
    pub fn many_to_many(&self, sources: &[u32], targets: &[u32]) -> Vec<Option<u32>> {
        query::many_to_many(self, sources, targets)
    }

    /// Writes the hierarchy to `path` (a little-endian binary format of our own, with a
    /// magic, a version and a checksum), through a temporary file beside it.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        file::save(self, path)
    }

    /// Reads a hierarchy written by [`Hierarchy::save`]. A file that is not one, of
    /// another format version, truncated or corrupt is an [`std::io::ErrorKind::InvalidData`]
    /// error that says so.
    pub fn load(path: &Path) -> std::io::Result<Hierarchy> {
        file::load(path)
    }

    /// Builds a hierarchy from its parts (checked by the callers).
    fn from_parts(
        id: Vec<u32>,
        up_first: Vec<u32>,
        up: Vec<Edge>,
        down_first: Vec<u32>,
        down: Vec<Edge>,
        coords: Vec<[f64; 2]>,
    ) -> Hierarchy {
        Hierarchy {
            id,
            up_first,
            up,
            down_first,
            down,
            coords,
            pool: Mutex::new(Vec::new()),
            instance: INSTANCES.fetch_add(1, Ordering::Relaxed),
            recent: Mutex::new(Recent::default()),
        }
    }

    /// Arcs out of internal node `v` to more important nodes.
    #[inline]
    fn up(&self, v: u32) -> &[Edge] {
        let v = v as usize;
        &self.up[self.up_first[v] as usize..self.up_first[v + 1] as usize]
    }

    /// Arcs into internal node `v` from more important nodes.
    #[inline]
    fn down(&self, v: u32) -> &[Edge] {
        let v = v as usize;
        &self.down[self.down_first[v] as usize..self.down_first[v + 1] as usize]
    }

    /// Runs `f` with working memory from the pool (or new).
    fn with_scratch<T>(&self, f: impl FnOnce(&mut Scratch) -> T) -> T {
        let taken = self
            .pool
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .pop();
        let mut scratch = taken.unwrap_or_else(|| Scratch::new(self.num_nodes()));
        let result = f(&mut scratch);
        self.pool
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(scratch);
        result
    }
}

impl Clone for Hierarchy {
    fn clone(&self) -> Hierarchy {
        Hierarchy::from_parts(
            self.id.clone(),
            self.up_first.clone(),
            self.up.clone(),
            self.down_first.clone(),
            self.down.clone(),
            self.coords.clone(),
        )
    }
}

impl std::fmt::Debug for Hierarchy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hierarchy")
            .field("nodes", &self.num_nodes())
            .field("up_arcs", &self.up.len())
            .field("down_arcs", &self.down.len())
            .finish()
    }
}
