//! Road routing for "Leben & Arbeiten": a directed car graph with travel times, contracted
//! into a contraction hierarchy, answering one-to-many and many-to-many (bucket) queries.

pub mod graph;

pub use graph::{Arc, RoadGraph};
