//! "Leben & Arbeiten": where a household could live and work. Place profiles (what a
//! place offers, each value with its source), travel times between places (estimated,
//! routed on roads, or from the public transport timetable — always with provenance), and
//! a household's wishes.

pub mod profile;
pub mod travel;
pub mod wishes;

pub use profile::{PlaceProfile, ProfileGroup, ProfileKey, ProfileValue, Value, ValueKind};
pub use travel::{
    estimate_minutes, estimate_minutes_for_km, Mode, TimeSource, TravelTime, ESTIMATE, MIN_TRIP_KM,
};
pub use wishes::{
    Housing, MaxCommute, Need, PersonWish, Preferences, Settlement, StayClose, Wishes,
};
