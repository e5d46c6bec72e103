//! Errors of the search crate.

use bleibe_store::StoreError;

/// What went wrong in indexing or searching.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The query asks for something that cannot be answered (e.g. sorting by distance
    /// without a centre, or an occupation filter that is not a KldB code).
    #[error("invalid search query: {0}")]
    InvalidQuery(String),
    /// The tantivy index failed.
    #[error("search index error: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// Reading from the store (while rebuilding or following the change log) failed.
    #[error("store error while updating the search index: {0}")]
    Store(#[from] StoreError),
}
