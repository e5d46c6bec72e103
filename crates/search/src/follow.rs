//! Keeping the index derived from the store: a full rebuild, and following the change
//! log from [`JobIndex::applied_seq`] on.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use bleibe_store::{ChangeOp, Entity, Store};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::error::SearchError;
use crate::index::JobIndex;
use crate::persist::{change_at, Position, Progress};

/// Jobs read per page while rebuilding.
const REBUILD_PAGE: i64 = 5000;
/// While rebuilding, a commit (which waits until everything queued is indexed) after at
/// least this many jobs.
const REBUILD_COMMIT: u64 = 100_000;
/// Change log entries read per round while catching up.
const CHANGE_PAGE: i64 = 1000;
/// Job ids fetched per `jobs_by_ids` call while catching up.
const FETCH_BATCH: usize = 500;

/// Rebuilds the index from the store and returns how many jobs it now holds.
///
/// Records the store's [`Store::installation_id`] and `latest_change()` first, then pages
/// through `jobs_after(…, 5000)` by id; each page replaces the index's jobs in its id
/// range (so jobs gone from the store disappear), committed in batches of 100,000 jobs
/// (so a live index never looks empty meanwhile, and tantivy indexes one page while the
/// next is read). The last commit sets [`JobIndex::applied_seq`] to the recorded
/// sequence number: any change made during the rebuild is newer and is applied (again,
/// harmlessly) by the next [`catch_up`]. Until then a persisted index records that it
/// holds no complete build, so a rebuild interrupted by a crash is redone by
/// [`crate::resume`]. Never runs at the same time as [`catch_up`] on the same index.
pub async fn rebuild(index: &JobIndex, store: &dyn Store) -> Result<u64, SearchError> {
    rebuild_paged(index, store, REBUILD_PAGE).await
}

/// [`rebuild`] with a given page size.
pub(crate) async fn rebuild_paged(
    index: &JobIndex,
    store: &dyn Store,
    page_size: i64,
) -> Result<u64, SearchError> {
    let _exclusive = index.follow_lock.lock().await;
    let store_id = store.installation_id().await?;
    let seq = store.latest_change().await?;
    let built = Position {
        applied_seq: seq,
        applied_at: change_at(store, seq).await?,
        store_id: Some(store_id),
    };
    let mut after = i64::MIN;
    let mut count = 0u64;
    let mut staged = 0u64;
    loop {
        let page = store.jobs_after(after, page_size.max(1)).await?;
        let Some(last) = page.iter().map(|j| j.id).max() else {
            // Past the last job: drop whatever the index still holds above it, and
            // record the build as complete.
            index.replace_id_range(after, None, &[], Progress::Rebuilt(built))?;
            break;
        };
        // The first page commits at once (marking the index as being rebuilt); later
        // ones are committed every REBUILD_COMMIT jobs, so that indexing runs in the
        // background while the next page is read.
        if count == 0 || staged >= REBUILD_COMMIT {
            index.replace_id_range(after, Some(last), &page, Progress::Partial)?;
            staged = 0;
        } else {
            index.stage_id_range(after, Some(last), &page)?;
            staged += page.len() as u64;
        }
        count += page.len() as u64;
        after = last;
    }
    tracing::info!(jobs = count, seq, "search index rebuilt");
    Ok(count)
}

/// Applies every change log entry after [`JobIndex::applied_seq`] and returns how many
/// entries it consumed (entries about employers and places need no index change today,
/// but count).
///
/// Per round of up to 1000 entries: the last operation per job id decides; deleted jobs
/// are removed, upserted ones fetched with `jobs_by_ids` (in batches) and replaced, and a
/// job whose fetch returns nothing (deleted since) is removed; then one commit, which
/// moves `applied_seq` to the round's last entry (on disk too, for a persisted index).
/// An error leaves `applied_seq` at the last complete round, so the next call retries
/// from there.
pub async fn catch_up(index: &JobIndex, store: &dyn Store) -> Result<u64, SearchError> {
    catch_up_paged(index, store, CHANGE_PAGE, FETCH_BATCH).await
}

/// [`catch_up`] with given page and batch sizes.
pub(crate) async fn catch_up_paged(
    index: &JobIndex,
    store: &dyn Store,
    change_page: i64,
    fetch_batch: usize,
) -> Result<u64, SearchError> {
    let _exclusive = index.follow_lock.lock().await;
    let mut applied = 0u64;
    loop {
        let changes = store
            .changes_since(index.applied_seq(), change_page)
            .await?;
        let Some(last) = changes.iter().max_by_key(|c| c.seq) else {
            break;
        };
        let progress = Progress::Applied {
            seq: last.seq,
            at: last.at,
        };
        let mut last_op: HashMap<i64, ChangeOp> = HashMap::new();
        for c in changes.iter().filter(|c| c.entity == Entity::Job) {
            last_op.insert(c.entity_id, c.op);
        }
        let mut to_fetch: Vec<i64> = last_op
            .iter()
            .filter(|(_, op)| **op == ChangeOp::Upsert)
            .map(|(id, _)| *id)
            .collect();
        to_fetch.sort_unstable();
        let mut jobs = Vec::with_capacity(to_fetch.len());
        for batch in to_fetch.chunks(fetch_batch.max(1)) {
            jobs.extend(store.jobs_by_ids(batch).await?);
        }
        let found: HashSet<i64> = jobs.iter().map(|j| j.id).collect();
        let mut remove: Vec<i64> = last_op
            .keys()
            .copied()
            .filter(|id| !found.contains(id))
            .collect();
        remove.sort_unstable();
        index.apply_with(&jobs, &remove, progress)?;
        applied += changes.len() as u64;
        if (changes.len() as i64) < change_page {
            break;
        }
    }
    Ok(applied)
}

/// Spawns a tokio task that calls [`catch_up`] every `interval` (the first time at once)
/// until `shutdown` turns true or its sender is dropped. Errors are logged and the next
/// tick tries again.
pub fn spawn_follower(
    index: Arc<JobIndex>,
    store: Arc<dyn Store>,
    interval: Duration,
    mut shutdown: watch::Receiver<bool>,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        let interval = interval.max(Duration::from_millis(1));
        loop {
            if *shutdown.borrow_and_update() {
                break;
            }
            match catch_up(&index, store.as_ref()).await {
                Ok(0) => {}
                Ok(n) => tracing::debug!(
                    entries = n,
                    seq = index.applied_seq(),
                    "search index caught up"
                ),
                Err(e) => {
                    tracing::warn!(error = %e, seq = index.applied_seq(), "search index catch-up failed; retrying")
                }
            }
            // Wake on a change notification (where the backend has them) or after the
            // interval, whichever comes first; stop at once on shutdown.
            tokio::select! {
                waited = store.wait_for_change(interval) => {
                    if let Err(e) = waited {
                        tracing::warn!(error = %e, "waiting for changes failed");
                        tokio::time::sleep(interval).await;
                    }
                }
                changed = shutdown.changed() => {
                    if changed.is_err() {
                        break;
                    }
                }
            }
        }
        tracing::debug!("search index follower stopped");
    })
}
