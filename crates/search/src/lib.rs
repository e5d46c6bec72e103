//! bleibe search: the job index behind the search page and the API.
//!
//! # Derived from the store
//!
//! The database is the source of truth; this index is derived state. [`rebuild`] fills
//! it from the store (recording the change log position first), and [`catch_up`] /
//! [`spawn_follower`] keep it current by following the store's change log from
//! [`JobIndex::applied_seq`] on. Every instance keeps its own index, and writes made by
//! other processes (seed, imports, other instances) arrive the same way as this
//! process's own.
//!
//! The index lives in memory ([`JobIndex::in_ram`], for tests and benchmarks) or in a
//! folder ([`JobIndex::open_in_dir`]; `bleibe serve` uses `<data-dir>/index`). A persisted
//! index records in every commit the change log position and the database
//! ([`bleibe_store::Store::installation_id`]) its documents reflect, so at start
//! [`resume`] only catches up from there; it rebuilds when the index is new, was built
//! from another database, or the change log does not continue where it stopped.
//!
//! # Text
//!
//! One German analyzer ([`analyze`], module [`analysis`]) is used for indexing and for
//! queries: umlaut and ß folding (so "Schweißer" meets "Schweisser"), gender markers such
//! as "(m/w/d)" and function words dropped, feminine job titles reduced ("Elektronikerin"
//! → "Elektroniker"), Snowball German stemming. At index time German compounds also
//! yield their parts (module [`compound`], a curated vocabulary): "Pflegefachkraft" is
//! found by "Pflege", "Fachkraft" and "Kraft". Query text goes through the same analysis
//! without that splitting; there is no query syntax, so user input can never be a syntax
//! error. Every query term is required and may match in the title (boost 3), the employer
//! (1.5), the place (1) or the description (1). When the exact terms match no job at all,
//! the search is retried once with every word of five or more characters allowed one
//! edit ("Elecktroniker" finds "Elektroniker").
//!
//! # Filters and facets
//!
//! Kind, occupation (KldB prefixes) and working time filter with OR within a facet and
//! AND between facets. Facets are disjunctive: a job that fails exactly one facet filter
//! still counts into that facet, so with "kind = job" selected the kind facet still shows
//! how many apprenticeships there would be. Expired jobs (`valid_through` before today)
//! never match. A radius keeps only jobs within that great-circle distance of the centre
//! (a bounding box on fast fields first, then the exact distance).
//!
//! # Order
//!
//! Relevance (score, then newest, then id), date (newest first) or distance (nearest
//! first); the best `offset + limit` are kept per segment and merged.

pub mod analysis;
mod collector;
pub mod compound;
mod error;
mod follow;
mod index;
mod persist;
mod query;
mod table;

pub use analysis::{analyze, index_terms};
pub use error::SearchError;
pub use follow::{catch_up, rebuild, spawn_follower};
pub use index::JobIndex;
pub use persist::{index_dir, resume, Opened, RebuildReason, Resumed, INDEX_FORMAT};
pub use query::{
    Facet, FacetSet, Facets, Hit, JobQuery, PlaceHits, SearchResults, Sort, EMPLOYER_FACET_SIZE,
    PLACE_FACET_SIZE,
};

#[cfg(test)]
mod tests;
