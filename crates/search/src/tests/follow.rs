//! Rebuilding from, and following, the change log of a real SQLite store.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use bleibe_domain::NewEmployer;
use bleibe_store::conformance::{full_job, plain_job, sample_places};
use bleibe_store::Store;
use bleibe_store_sqlite::SqliteStore;
use tempfile::TempDir;

use super::*;
use crate::follow::{catch_up_paged, rebuild_paged};
use crate::{catch_up, rebuild, spawn_follower, JobIndex, JobQuery};

/// GeoNames id of Spremberg, one of the sample places.
pub(super) const SPREMBERG_ID: i64 = 2830085;
/// Change log entries a fresh database holds once [`db`] has set it up: three places and
/// one employer.
const SETUP_CHANGES: i64 = 4;

/// A migrated SQLite database in a temporary directory, with the sample places and one
/// employer loaded.
pub(super) struct Db {
    /// Removes the directory (and the database) when the test ends.
    pub(super) _dir: TempDir,
    /// The database file, for opening further stores on it.
    pub(super) path: PathBuf,
    pub(super) store: SqliteStore,
    pub(super) employer: i64,
}

pub(super) async fn db() -> Db {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bleibe.db");
    let store = SqliteStore::open_file(&path).await.expect("open store");
    store
        .load_initial(&sample_places(), None)
        .await
        .expect("load places");
    let employer = store
        .insert_employers(&[employer("Lausitzer Werkstätten GmbH")])
        .await
        .expect("employer")[0]
        .id;
    assert_eq!(
        store.latest_change().await.expect("latest"),
        SETUP_CHANGES,
        "fresh database"
    );
    Db {
        _dir: dir,
        path,
        store,
        employer,
    }
}

pub(super) fn employer(name: &str) -> NewEmployer {
    NewEmployer {
        name: name.into(),
        place_id: SPREMBERG_ID,
        description: "<p>Handwerk in der Lausitz</p>".into(),
        website: None,
        demo: true,
        kind: bleibe_domain::OrgKind::Employer,
    }
}

impl Db {
    /// Inserts one plain job per title (one transaction, one change log entry each).
    pub(super) async fn add(&self, titles: &[&str]) -> Vec<i64> {
        let jobs: Vec<_> = titles
            .iter()
            .map(|t| plain_job(self.employer, SPREMBERG_ID, t))
            .collect();
        self.store.insert_jobs(&jobs).await.expect("insert jobs")
    }

    /// Gives a job a new title (and every other field of [`full_job`]).
    pub(super) async fn retitle(&self, id: i64, title: &str) {
        self.store
            .update_job(id, &full_job(self.employer, SPREMBERG_ID, title))
            .await
            .expect("update job");
    }

    pub(super) async fn delete(&self, id: i64) {
        self.store.delete_job(id).await.expect("delete job");
    }

    pub(super) async fn latest(&self) -> i64 {
        self.store.latest_change().await.expect("latest change")
    }
}

pub(super) fn titled(index: &JobIndex, title: &str) -> Vec<i64> {
    let q = JobQuery {
        text: Some(title.into()),
        ..JobQuery::default()
    };
    ids(&index.search(&q, today()).expect("search"))
}

pub(super) fn all_ids(index: &JobIndex) -> Vec<i64> {
    let mut v = ids(&index
        .search(
            &JobQuery {
                limit: 1000,
                ..JobQuery::default()
            },
            today(),
        )
        .expect("search"));
    v.sort_unstable();
    v
}

/// `ids` without the ones at the given positions.
fn without(ids: &[i64], gone: &[usize]) -> Vec<i64> {
    ids.iter()
        .enumerate()
        .filter(|(i, _)| !gone.contains(i))
        .map(|(_, id)| *id)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rebuild_pages_through_the_store_and_drops_stale_jobs() {
    let db = db().await;
    let ids = db
        .add(&[
            "Zimmerer",
            "Zimmerer",
            "Zimmerer",
            "Dachdecker",
            "Zimmerer",
            "Zimmerer",
            "Dachdecker",
        ])
        .await;
    // A gap in the ids, and more jobs than one page.
    db.delete(ids[1]).await;
    let index = JobIndex::in_ram().expect("index");
    assert_eq!(
        rebuild_paged(&index, &db.store, 2).await.expect("rebuild"),
        6
    );
    assert_eq!(all_ids(&index), without(&ids, &[1]));
    // Equal relevance, so newest (highest id) first.
    assert_eq!(titled(&index, "Dachdecker"), vec![ids[6], ids[3]]);
    assert_eq!(index.applied_seq(), db.latest().await);

    // Deleted in the store since: one inside a page, and the one with the highest id
    // (past the last page). A rebuild, not a catch-up, must drop them from the index.
    db.delete(ids[3]).await;
    db.delete(ids[6]).await;
    assert_eq!(
        rebuild_paged(&index, &db.store, 2).await.expect("rebuild"),
        4
    );
    assert_eq!(index.num_docs(), 4);
    assert_eq!(all_ids(&index), without(&ids, &[1, 3, 6]));
    assert!(titled(&index, "Dachdecker").is_empty());
    assert_eq!(index.applied_seq(), db.latest().await);
    // Nothing left to apply.
    assert_eq!(catch_up(&index, &db.store).await.expect("catch up"), 0);

    // The public one, with its large page, gives the same.
    let fresh = JobIndex::in_ram().expect("index");
    assert_eq!(rebuild(&fresh, &db.store).await.expect("rebuild"), 4);
    assert_eq!(all_ids(&fresh), without(&ids, &[1, 3, 6]));
    assert_eq!(fresh.applied_seq(), db.latest().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn catch_up_applies_upserts_and_deletes() {
    let db = db().await;
    let [baecker, fleischer] = db.add(&["Bäcker", "Fleischer"]).await[..] else {
        panic!("two ids");
    };
    let index = JobIndex::in_ram().expect("index");
    rebuild(&index, &db.store).await.expect("rebuild");
    let start = index.applied_seq();

    let konditor = db.add(&["Konditor"]).await[0];
    db.retitle(baecker, "Bäckermeister").await;
    db.delete(fleischer).await;
    // An employer change: counted, but nothing to do for the index.
    db.store
        .insert_employers(&[employer("Spremberger Backstube")])
        .await
        .expect("employer");
    assert_eq!(catch_up(&index, &db.store).await.expect("catch up"), 4);
    assert_eq!(index.applied_seq(), start + 4);
    assert_eq!(index.applied_seq(), db.latest().await);
    assert_eq!(all_ids(&index), vec![baecker, konditor]);
    assert_eq!(titled(&index, "Bäckermeister"), vec![baecker]);
    assert!(titled(&index, "Fleischer").is_empty());
    assert_eq!(catch_up(&index, &db.store).await.expect("catch up"), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_created_and_deleted_within_one_catch_up_never_appears() {
    let db = db().await;
    let koch = db.add(&["Koch"]).await[0];
    let index = JobIndex::in_ram().expect("index");
    rebuild(&index, &db.store).await.expect("rebuild");

    let maurer = db.add(&["Maurer"]).await[0];
    db.delete(maurer).await;
    assert_eq!(catch_up(&index, &db.store).await.expect("catch up"), 2);
    assert_eq!(all_ids(&index), vec![koch]);
    assert!(titled(&index, "Maurer").is_empty());
    assert_eq!(index.applied_seq(), db.latest().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn jobs_gone_when_fetched_are_removed() {
    let db = db().await;
    let [koch, konditor] = db.add(&["Koch", "Konditor"]).await[..] else {
        panic!("two ids");
    };
    let index = JobIndex::in_ram().expect("index");
    rebuild(&index, &db.store).await.expect("rebuild");

    // Changed, then deleted; and one created, then deleted. With one change log entry
    // per round, the round that reads an upsert does not see the delete that follows
    // it, so `jobs_by_ids` comes back without the job: that is no error, and the index
    // ends without it. (The store logs every delete after its upsert, so a later round
    // removes the job in any case: what the fetch round itself removes is visible only
    // between rounds, which this test cannot observe.)
    db.retitle(konditor, "Konditormeister").await;
    db.delete(konditor).await;
    let maurer = db.add(&["Maurer"]).await[0];
    db.delete(maurer).await;
    assert_eq!(
        catch_up_paged(&index, &db.store, 1, 500)
            .await
            .expect("catch up"),
        4
    );
    assert_eq!(all_ids(&index), vec![koch]);
    assert!(titled(&index, "Konditor").is_empty());
    assert!(titled(&index, "Maurer").is_empty());
    assert_eq!(index.applied_seq(), db.latest().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn catch_up_pages_through_long_logs() {
    let db = db().await;
    let mut ids = Vec::new();
    for _ in 0..9 {
        // One transaction per job, as jobs come in one by one.
        ids.extend(db.add(&["Koch"]).await);
    }
    db.delete(ids[3]).await;
    let entries = SETUP_CHANGES + 10;
    assert_eq!(db.latest().await, entries);
    // Short last round, rounds that end exactly at the end of the log, one entry per
    // round, and everything in one round; fetch batches smaller and larger than a round.
    for (change_page, fetch_batch) in [(3, 2), (7, 1), (1, 500), (entries, 3)] {
        let index = JobIndex::in_ram().expect("index");
        assert_eq!(
            catch_up_paged(&index, &db.store, change_page, fetch_batch)
                .await
                .expect("catch up"),
            u64::try_from(entries).expect("count"),
            "page {change_page}, batch {fetch_batch}"
        );
        assert_eq!(index.applied_seq(), entries);
        assert_eq!(all_ids(&index), without(&ids, &[3]));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_catch_up_changes_nothing_and_is_retried() {
    let db = db().await;
    let gaertner = db.add(&["Gärtner"]).await[0];
    let index = JobIndex::in_ram().expect("index");
    catch_up(&index, &db.store).await.expect("catch up");
    let applied = index.applied_seq();
    assert_eq!(all_ids(&index), vec![gaertner]);

    // Another instance writes; then this instance loses its database connections.
    let writer = SqliteStore::open_file(&db.path).await.expect("open writer");
    let florist = writer
        .insert_jobs(&[plain_job(db.employer, SPREMBERG_ID, "Florist")])
        .await
        .expect("insert")[0];
    db.store.close().await;
    assert!(catch_up(&index, &db.store).await.is_err());
    assert_eq!(index.applied_seq(), applied);
    assert_eq!(all_ids(&index), vec![gaertner]);

    // Connected again, the next catch-up starts where the last good one stopped.
    let reopened = SqliteStore::open_file(&db.path).await.expect("reopen");
    assert_eq!(catch_up(&index, &reopened).await.expect("catch up"), 1);
    assert_eq!(all_ids(&index), vec![gaertner, florist]);
    assert_eq!(titled(&index, "Gaertner"), vec![gaertner]);
    assert_eq!(
        index.applied_seq(),
        reopened.latest_change().await.expect("latest")
    );
}

/// Waits (up to 20 s) until the index has applied the store's latest change.
async fn until_applied(index: &JobIndex, db: &Db) {
    let target = db.latest().await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while index.applied_seq() < target {
        assert!(
            tokio::time::Instant::now() < deadline,
            "follower never applied change {target}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_follower_keeps_the_index_current_until_shut_down() {
    let db = db().await;
    // The follower reads through its own store on the same file, like a second instance.
    let follower_store = Arc::new(SqliteStore::open_file(&db.path).await.expect("open"));
    let index = Arc::new(JobIndex::in_ram().expect("index"));
    let (stop, shutdown) = tokio::sync::watch::channel(false);
    let follower = spawn_follower(
        Arc::clone(&index),
        Arc::clone(&follower_store) as Arc<dyn Store>,
        Duration::from_millis(10),
        shutdown,
    );

    let [tischler, schlosser] = db.add(&["Tischler", "Schlosser"]).await[..] else {
        panic!("two ids");
    };
    until_applied(&index, &db).await;
    assert_eq!(all_ids(&index), vec![tischler, schlosser]);

    db.retitle(tischler, "Tischlermeister").await;
    db.delete(schlosser).await;
    until_applied(&index, &db).await;
    assert_eq!(all_ids(&index), vec![tischler]);
    assert_eq!(titled(&index, "Tischlermeister"), vec![tischler]);

    // Failing catch-ups (its connections are gone) are logged, not fatal: the task keeps
    // running, changes nothing, and still stops when told to.
    let applied = index.applied_seq();
    follower_store.close().await;
    db.add(&["Glaser"]).await;
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(
        !follower.is_finished(),
        "a failed catch-up ended the follower"
    );
    assert_eq!(index.applied_seq(), applied);

    stop.send(true).expect("send");
    tokio::time::timeout(Duration::from_secs(20), follower)
        .await
        .expect("follower stops")
        .expect("follower task");
}
