//! OpenStreetMap readers: the car road graph and points of interest from a PBF extract.
//!
//! - [`roads`]: the directed car graph ([`bleibe_routing::RoadGraph`]) with travel times
//!   by a documented car profile, for `bleibe import roads` and `bleibe bench osrm`.
//! - [`pois`]: points of interest for the place profiles.
//!
//! Both read `.osm.pbf` files with the `osmpbf` crate, decoding blocks on all cores.

pub mod pois;
pub mod roads;

pub use roads::{read_car_graph, OsmError, RoadStats};
