//! OpenStreetMap readers: the car road graph and points of interest from a PBF extract.

pub mod pois;
pub mod roads;
