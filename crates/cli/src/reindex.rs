//! The persisted search index: opening it for `serve`, and `bleibe reindex`.

use crate::{db, DbArgs};
use anyhow::Context;
use bleibe_search::{JobIndex, Opened, SearchError};
use std::path::Path;
use std::time::Instant;

/// Opens (or creates) the search index in `dir` and logs what was there. A folder in use
/// by another process is an error that says so.
pub fn open_index(dir: &Path) -> anyhow::Result<JobIndex> {
    let (index, opened) = match JobIndex::open_in_dir(dir) {
        Ok(opened) => opened,
        // Its message names the folder and what to do.
        Err(e @ SearchError::InUse { .. }) => return Err(e.into()),
        Err(e) => {
            return Err(e)
                .with_context(|| format!("cannot open the search index in {}", dir.display()))
        }
    };
    let dir = dir.display();
    match opened {
        Opened::Created => tracing::info!(%dir, "created a new search index"),
        Opened::Existing => tracing::info!(
            %dir,
            jobs = index.num_docs(),
            applied_seq = index.applied_seq(),
            "opened the search index"
        ),
        Opened::Reset { reason } => {
            tracing::info!(%dir, %reason, "started a new search index in place of the old one")
        }
    }
    Ok(index)
}

/// `bleibe reindex`: rebuilds the index in `<data-dir>/index` from the database, from
/// scratch, and prints how many jobs it holds and how long it took.
pub async fn run(args: DbArgs) -> anyhow::Result<()> {
    let dir = bleibe_search::index_dir(&args.data_dir);
    // The index first: with a `serve` running on this data dir, stop before anything else.
    let index = open_index(&dir)?;
    let (store, _) = db::open(&args).await?;
    let started = Instant::now();
    index.clear()?;
    let jobs = bleibe_search::rebuild(&index, store.as_ref()).await?;
    let built = started.elapsed();
    let seq = index.applied_seq();
    let merging = Instant::now();
    index.close()?;
    println!(
        "reindexed {jobs} jobs in {:.1} s (up to change {seq}; merging segments took {:.1} s more) into {}",
        built.as_secs_f64(),
        merging.elapsed().as_secs_f64(),
        dir.display()
    );
    Ok(())
}
