//! "Leben & Arbeiten": where could a household live, and work? The engine takes the
//! household's [`Wishes`](bleibe_domain::living::Wishes), the jobs that match each
//! person (from the search index, grouped by place), what is known about every place
//! ([`Atlas`]) and the travel times between places ([`TravelMatrix`]), and ranks every
//! home that meets every hard constraint — explaining each part of the score, and when
//! nothing fits, what to relax ([`Relaxation`]).
//!
//! No I/O here: the web layer loads the atlas and the matrix once and asks per request.

pub mod atlas;
pub mod engine;
pub mod grid;
pub mod matrix;
pub mod relax;

pub use atlas::{Atlas, AtlasPlace, Facility, Facts};
pub use engine::{
    run, Check, Commute, Factor, FactorKind, Item, JobHit, JobPlace, NeedMet, OfferedJob, Outcome,
    PersonJobs, Request,
};
pub use matrix::TravelMatrix;
pub use relax::Relaxation;

#[cfg(test)]
mod tests;
