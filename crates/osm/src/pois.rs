//! Points of interest (amenities, stations, shops, leisure) from an OSM PBF extract.
