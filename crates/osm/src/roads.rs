//! The car road graph from an OSM PBF extract.
