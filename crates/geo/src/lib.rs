//! bleibe geo: the real places of Germany (GeoNames `cities500`, CC BY 4.0) embedded in
//! the binary, and the in-memory gazetteer that finds them by name — main names and every
//! alternate name, including Sorbian ones ("Wojerecy" finds Hoyerswerda) — with prefix
//! and typo-tolerant matching. Travel-time engines will live here as well.

mod embedded;
mod gazetteer;

pub use bleibe_domain::place::distance_km;
pub use embedded::{embedded_places, GeoError, PLACES_ATTRIBUTION};
pub use gazetteer::{Gazetteer, Resolved, DEFAULT_HOME};
