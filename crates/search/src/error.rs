//! Errors of the search crate.

use std::path::PathBuf;

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
    /// Another process writes to the index folder (tantivy allows one writer per
    /// folder): a running `bleibe serve` or `bleibe reindex` on the same data dir.
    #[error(
        "the search index in {} is in use by another process (a running `bleibe serve` or \
         `bleibe reindex` on the same data dir); stop it, or give this one a --data-dir of \
         its own",
        dir.display()
    )]
    InUse {
        /// The index folder.
        dir: PathBuf,
    },
    /// The index folder cannot be created, read or cleared.
    #[error("cannot use the search index folder {}: {source}", path.display())]
    Folder {
        /// The folder (or file in it).
        path: PathBuf,
        /// What the file system said.
        source: std::io::Error,
    },
}
