//! The input graph: nodes with coordinates and directed arcs weighted in milliseconds.

/// One directed road segment from `from` to `to`, taking `millis` milliseconds by car.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arc {
    /// Tail node index.
    pub from: u32,
    /// Head node index.
    pub to: u32,
    /// Travel time in milliseconds.
    pub millis: u32,
}

/// A directed road graph: node `i` lies at `coords[i]` (latitude, longitude in WGS84
/// degrees); a two-way road is two arcs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RoadGraph {
    /// Latitude and longitude of each node.
    pub coords: Vec<[f64; 2]>,
    /// Directed arcs.
    pub arcs: Vec<Arc>,
}
