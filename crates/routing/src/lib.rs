//! Road routing for "Leben & Arbeiten": a directed car graph with travel times, contracted
//! into a contraction hierarchy, answering one-to-many and many-to-many (bucket) queries;
//! snapping places to nodes; a generated road-like graph for benchmarks.

pub mod ch;
pub mod dijkstra;
pub mod graph;
pub mod snap;
pub mod synthetic;

pub use ch::{Hierarchy, PreparedTargets};
pub use graph::{Arc, RoadGraph};
pub use snap::{largest_component, Snapper};
