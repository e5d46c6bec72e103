//! Rebuilding from, and following, a store's change log.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use super::*;
use crate::follow::{catch_up_paged, rebuild_paged};
use crate::{catch_up, rebuild, spawn_follower, JobIndex, JobQuery};

fn titled(index: &JobIndex, title: &str) -> Vec<i64> {
    let q = JobQuery {
        text: Some(title.into()),
        ..JobQuery::default()
    };
    ids(&index.search(&q, today()).expect("search"))
}

fn all_ids(index: &JobIndex) -> Vec<i64> {
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

#[tokio::test]
async fn rebuild_pages_through_the_store_and_records_the_log_position() {
    let store = FakeStore::default();
    // Gaps in the ids, and more jobs than one page.
    for id in [2, 3, 5, 8, 13, 21, 34] {
        store.put(job(id, "Zimmerer"));
    }
    store.delete(3);
    let index = JobIndex::in_ram().expect("index");
    // A job the store does not have (any more): the rebuild must drop it.
    index
        .upsert(&[job(99, "Dachdecker"), job(4, "Dachdecker")])
        .expect("upsert");

    let n = rebuild_paged(&index, &store, 2).await.expect("rebuild");
    assert_eq!(n, 6);
    assert_eq!(index.num_docs(), 6);
    assert_eq!(all_ids(&index), vec![2, 5, 8, 13, 21, 34]);
    assert!(titled(&index, "Dachdecker").is_empty());
    assert_eq!(index.applied_seq(), 8);
    // Nothing left to apply.
    assert_eq!(catch_up(&index, &store).await.expect("catch up"), 0);

    // The public one, with its large page, gives the same.
    let fresh = JobIndex::in_ram().expect("index");
    assert_eq!(rebuild(&fresh, &store).await.expect("rebuild"), 6);
    assert_eq!(all_ids(&fresh), vec![2, 5, 8, 13, 21, 34]);
    assert_eq!(fresh.applied_seq(), 8);
}

#[tokio::test]
async fn catch_up_applies_upserts_and_deletes() {
    let store = FakeStore::default();
    store.put(job(1, "Bäcker"));
    store.put(job(2, "Fleischer"));
    let index = JobIndex::in_ram().expect("index");
    rebuild(&index, &store).await.expect("rebuild");

    store.put(job(3, "Konditor"));
    store.put(job(1, "Bäckermeister"));
    store.delete(2);
    store.log_employer_change(7);
    assert_eq!(catch_up(&index, &store).await.expect("catch up"), 4);
    assert_eq!(index.applied_seq(), 6);
    assert_eq!(all_ids(&index), vec![1, 3]);
    assert_eq!(titled(&index, "Bäckermeister"), vec![1]);
    assert!(titled(&index, "Fleischer").is_empty());
    assert_eq!(catch_up(&index, &store).await.expect("catch up"), 0);

    // Created and deleted between two catch-ups: never appears.
    store.put(job(4, "Maurer"));
    store.delete(4);
    // Logged as upserted but gone by the time it is fetched: removed.
    store.delete_unlogged(3);
    store.put(job(3, "Konditor"));
    store.delete_unlogged(3);
    assert_eq!(catch_up(&index, &store).await.expect("catch up"), 3);
    assert_eq!(all_ids(&index), vec![1]);
}

#[tokio::test]
async fn catch_up_pages_through_long_logs() {
    let store = FakeStore::default();
    let index = JobIndex::in_ram().expect("index");
    for id in 1..=9 {
        store.put(job(id, "Koch"));
    }
    store.delete(4);
    assert_eq!(
        catch_up_paged(&index, &store, 3, 2)
            .await
            .expect("catch up"),
        10
    );
    assert_eq!(index.applied_seq(), 10);
    assert_eq!(all_ids(&index), vec![1, 2, 3, 5, 6, 7, 8, 9]);
}

#[tokio::test]
async fn a_failed_catch_up_changes_nothing_and_is_retried() {
    let store = FakeStore::default();
    store.put(job(1, "Gärtner"));
    let index = JobIndex::in_ram().expect("index");
    store.fail_fetch.store(true, Ordering::SeqCst);
    assert!(catch_up(&index, &store).await.is_err());
    assert_eq!(index.applied_seq(), 0);
    assert_eq!(index.num_docs(), 0);
    store.fail_fetch.store(false, Ordering::SeqCst);
    assert_eq!(catch_up(&index, &store).await.expect("catch up"), 1);
    assert_eq!(titled(&index, "Gaertner"), vec![1]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_follower_keeps_the_index_current_until_shut_down() {
    let store = Arc::new(FakeStore::default());
    let index = Arc::new(JobIndex::in_ram().expect("index"));
    let (stop, shutdown) = tokio::sync::watch::channel(false);
    let follower = spawn_follower(
        Arc::clone(&index),
        Arc::clone(&store) as Arc<dyn Store>,
        Duration::from_millis(10),
        shutdown,
    );
    store.put(job(1, "Tischler"));
    // Failures are logged and retried, not fatal.
    store.fail_fetch.store(true, Ordering::SeqCst);
    tokio::time::sleep(Duration::from_millis(50)).await;
    store.fail_fetch.store(false, Ordering::SeqCst);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while index.applied_seq() < 1 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "follower never applied the change"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(titled(&index, "Tischler"), vec![1]);

    stop.send(true).expect("send");
    tokio::time::timeout(Duration::from_secs(20), follower)
        .await
        .expect("follower stops")
        .expect("follower task");
}
