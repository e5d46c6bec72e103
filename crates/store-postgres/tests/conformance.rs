//! The store conformance suite on PostgreSQL, and what only PostgreSQL has to get right:
//! two instances on one database, LISTEN/NOTIFY, and the change log's commit order.
//!
//! Runs against the server named by `BLEIBE_TEST_POSTGRES_URL` (e.g.
//! `postgres://root@127.0.0.1:5432/test`); without it every test prints why it skipped
//! (and with `CI=true` fails). Each test gets its own database, cloned from a template.

use bleibe_domain::NewEmployer;
use bleibe_store::conformance::{plain_job, sample_places};
use bleibe_store::{ChangeOp, Entity, LoadOutcome, Store};
use bleibe_store_postgres::testing::{test_database, test_url, TestDatabase};
use bleibe_store_postgres::{PgStore, CHANGE_LOG_LOCK};
use std::time::{Duration, Instant};

async fn make() -> Option<TestDatabase> {
    let url = test_url()?;
    Some(test_database(&url, false).await)
}

mod postgres {
    use super::make;
    bleibe_store::conformance_suite!(optional: make());
}

/// A fresh database, or `None` (after saying so) when no server is configured.
async fn fresh(with_places: bool) -> Option<TestDatabase> {
    match test_url() {
        Some(url) => Some(test_database(&url, with_places).await),
        None => {
            eprintln!("skipped: BLEIBE_TEST_POSTGRES_URL not set");
            None
        }
    }
}

/// Loads the three sample places and one employer; returns the employer's id.
async fn with_employer(store: &dyn Store) -> i64 {
    store
        .load_initial(&sample_places(), None)
        .await
        .expect("load");
    store
        .insert_employers(&[NewEmployer {
            name: "Testbetrieb GmbH".into(),
            place_id: 2830085,
            description: String::new(),
            website: None,
            demo: false,
            kind: bleibe_domain::OrgKind::Employer,
        }])
        .await
        .expect("employer")[0]
        .id
}

/// Two instances (two pools on one database) starting at once with the real places load
/// them exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_starting_together_load_once() {
    let Some(db) = fresh(false).await else { return };
    let a = PgStore::connect(&db.url).await.expect("connect a");
    let b = PgStore::connect(&db.url).await.expect("connect b");
    let places = bleibe_geo::embedded_places().expect("places");
    assert_eq!(places.len(), 11_870);
    let started = Instant::now();
    let (ra, rb) = tokio::join!(a.load_initial(&places, None), b.load_initial(&places, None));
    println!(
        "two instances loading 11,870 places at once: {:?}",
        started.elapsed()
    );
    let outcomes = [ra.expect("a"), rb.expect("b")];
    let loaded = outcomes
        .iter()
        .filter(|o| matches!(o, LoadOutcome::Loaded { .. }))
        .count();
    assert_eq!(loaded, 1, "{outcomes:?}");
    assert_eq!(a.counts().await.expect("counts").places, 11_870);
    assert_eq!(b.counts().await.expect("counts").places, 11_870);
    let logged = b.changes_since(0, 100_000).await.expect("changes");
    assert_eq!(logged.len(), 11_870, "one change log entry per place, once");
    assert_eq!(a.places().await.expect("places"), {
        let mut sorted = places.clone();
        sorted.sort_by_key(|p| p.id);
        sorted
    });
    a.close().await;
    b.close().await;
}

/// A follower waiting for changes wakes up when another instance commits, long before
/// its timeout, and then finds the change in the log.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn waiting_follower_wakes_on_commit() {
    let Some(db) = fresh(false).await else { return };
    let emp = with_employer(&*db).await;
    let follower = PgStore::connect(&db.url).await.expect("connect follower");
    // The first call starts listening and returns at once (nothing sent before that can
    // be heard): a follower reads the log after every call.
    let first = Instant::now();
    follower
        .wait_for_change(Duration::from_secs(5))
        .await
        .expect("wait");
    assert!(
        first.elapsed() < Duration::from_secs(4),
        "{:?}",
        first.elapsed()
    );
    let start = follower.latest_change().await.expect("latest");

    // Nothing happens: the wait runs out and is not an error.
    let quiet = Instant::now();
    follower
        .wait_for_change(Duration::from_millis(300))
        .await
        .expect("wait");
    assert!(quiet.elapsed() >= Duration::from_millis(300));

    let writer = db.store.clone();
    let write = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        writer
            .insert_jobs(&[plain_job(emp, 2830085, "Mechatroniker (m/w/d)")])
            .await
            .expect("insert")
    });
    let waiting = Instant::now();
    follower
        .wait_for_change(Duration::from_secs(5))
        .await
        .expect("wait");
    let waited = waiting.elapsed();
    // Read before joining the writer: the wake-up itself must mean "committed".
    let changes = follower.changes_since(start, 100).await.expect("changes");
    let ids = write.await.expect("writer");
    println!("follower woke {waited:?} after it started waiting (writer slept 300 ms)");
    assert!(
        waited < Duration::from_millis(2500),
        "woke only after {waited:?}"
    );
    let seen: Vec<(Entity, i64, ChangeOp)> = changes
        .iter()
        .map(|c| (c.entity, c.entity_id, c.op))
        .collect();
    assert_eq!(seen, vec![(Entity::Job, ids[0], ChangeOp::Upsert)]);

    // Two waiters on one store (clones share the listener): one commit wakes both.
    let waiters: Vec<_> = (0..2)
        .map(|_| {
            let follower = follower.clone();
            tokio::spawn(async move {
                let started = Instant::now();
                follower
                    .wait_for_change(Duration::from_secs(5))
                    .await
                    .expect("wait");
                started.elapsed()
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(300)).await;
    db.delete_job(ids[0]).await.expect("delete");
    for w in waiters {
        let waited = w.await.expect("waiter");
        assert!(
            waited < Duration::from_millis(2500),
            "woke only after {waited:?}"
        );
    }
    follower.close().await;
}

/// The change log cannot commit out of order. A writer (another instance, simulated with
/// plain SQL following the same protocol) has appended entry `s1` and not yet committed;
/// a second writer (this store's `insert_jobs`) must wait for it. Without the lock the
/// second writer would commit `s2 > s1` first, a follower reading `seq > last` would move
/// past `s1` and never see it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_later_entry_never_commits_before_an_earlier_one() {
    let Some(db) = fresh(false).await else { return };
    let emp = with_employer(&*db).await;
    let start = db.latest_change().await.expect("latest");

    let mut first = db.pool().begin().await.expect("begin");
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(CHANGE_LOG_LOCK)
        .execute(&mut *first)
        .await
        .expect("lock");
    let s1: i64 = sqlx::query_scalar(
        "INSERT INTO change_log (entity, entity_id, op, at) VALUES ('employer', $1, 'upsert', now()) RETURNING seq",
    )
    .bind(emp)
    .fetch_one(&mut *first)
    .await
    .expect("append");

    let writer = db.store.clone();
    let second = tokio::spawn(async move {
        writer
            .insert_jobs(&[plain_job(emp, 2830085, "Später")])
            .await
            .expect("insert")
    });
    // Wait until the second writer is queued on the lock.
    let queued = Instant::now();
    loop {
        let waiting: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database \
             WHERE l.locktype = 'advisory' AND NOT l.granted AND d.datname = current_database()",
        )
        .fetch_one(db.pool())
        .await
        .expect("pg_locks");
        if waiting > 0 {
            break;
        }
        assert!(
            !second.is_finished(),
            "the second writer committed while the first held the change log"
        );
        assert!(
            queued.elapsed() < Duration::from_secs(30),
            "second writer never queued"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(!second.is_finished());
    assert!(
        db.changes_since(start, 100)
            .await
            .expect("changes")
            .is_empty(),
        "nothing is visible while the earlier entry is uncommitted"
    );

    first.commit().await.expect("commit first");
    let ids = second.await.expect("second writer");
    let changes = db.changes_since(start, 100).await.expect("changes");
    let seen: Vec<(i64, Entity, i64)> = changes
        .iter()
        .map(|c| (c.seq, c.entity, c.entity_id))
        .collect();
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert_eq!(seen[0], (s1, Entity::Employer, emp));
    assert!(seen[1].0 > s1);
    assert_eq!((seen[1].1, seen[1].2), (Entity::Job, ids[0]));
}

/// Concurrent writers while a follower reads `seq > last` as fast as it can: the
/// follower sees every entry exactly once, in order, without gaps (no write here rolls
/// back, so the sequence has none).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_follower_misses_nothing_from_concurrent_writers() {
    let Some(db) = fresh(false).await else { return };
    let emp = with_employer(&*db).await;
    let start = db.latest_change().await.expect("latest");
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));

    let follower = {
        let store = db.store.clone();
        let done = done.clone();
        tokio::spawn(async move {
            let mut last = start;
            let mut seen = Vec::new();
            loop {
                let finished = done.load(std::sync::atomic::Ordering::SeqCst);
                let page = store.changes_since(last, 1000).await.expect("changes");
                if let Some(c) = page.last() {
                    last = c.seq;
                }
                seen.extend(page.iter().map(|c| c.seq));
                if finished && page.is_empty() {
                    return seen;
                }
                tokio::task::yield_now().await;
            }
        })
    };
    let writers: Vec<_> = (0..4)
        .map(|w| {
            let store = db.store.clone();
            tokio::spawn(async move {
                for i in 0..20 {
                    let jobs: Vec<_> = (0..=(i % 3))
                        .map(|k| plain_job(emp, 2830085, &format!("Stelle {w}-{i}-{k}")))
                        .collect();
                    let ids = store.insert_jobs(&jobs).await.expect("insert");
                    if i % 5 == 0 {
                        store.delete_job(ids[0]).await.expect("delete");
                    }
                }
            })
        })
        .collect();
    for w in writers {
        w.await.expect("writer");
    }
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    let seen = follower.await.expect("follower");

    let all: Vec<i64> =
        sqlx::query_scalar("SELECT seq FROM change_log WHERE seq > $1 ORDER BY seq")
            .bind(start)
            .fetch_all(db.pool())
            .await
            .expect("log");
    // Per writer: 7 + 14 + 18 = 39 jobs and 4 deletes.
    assert_eq!(all.len(), 4 * (39 + 4), "entries written");
    assert_eq!(seen, all, "the follower saw every entry once, in order");
    assert!(
        seen.windows(2).all(|w| w[1] == w[0] + 1),
        "no gaps: {seen:?}"
    );
}

/// Bulk insert as the benchmark seeds it (batches of 10,000), timed; also checks the
/// inserted jobs come back in input order.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bulk_insert_of_100_000_jobs() {
    let Some(db) = fresh(true).await else { return };
    let emp = db
        .insert_employers(&[NewEmployer {
            name: "Großbetrieb".into(),
            place_id: 2939811,
            description: String::new(),
            website: None,
            demo: true,
            kind: bleibe_domain::OrgKind::Employer,
        }])
        .await
        .expect("employer")[0]
        .id;
    let jobs: Vec<_> = (0..100_000)
        .map(|i| {
            let mut j = bleibe_store::conformance::full_job(emp, 2939811, &format!("Stelle {i}"));
            j.external_id = Some(format!("BULK-{i}"));
            j
        })
        .collect();
    let started = Instant::now();
    let mut ids = Vec::with_capacity(jobs.len());
    for batch in jobs.chunks(10_000) {
        ids.extend(db.insert_jobs(batch).await.expect("insert"));
    }
    let took = started.elapsed();
    println!(
        "insert_jobs: 100,000 jobs in batches of 10,000 took {took:?} ({:.0} jobs/s)",
        100_000.0 / took.as_secs_f64()
    );
    assert_eq!(db.counts().await.expect("counts").jobs, 100_000);
    let picked = db
        .jobs_by_ids(&[ids[99_999], ids[0], ids[54_321]])
        .await
        .expect("by ids");
    let titles: Vec<&str> = picked.iter().map(|j| j.title()).collect();
    assert_eq!(titles, ["Stelle 99999", "Stelle 0", "Stelle 54321"]);
    assert_eq!(picked[1].data, jobs[0]);
    let log = db.changes_since(0, 1).await.expect("changes");
    assert_eq!(
        log[0].entity,
        Entity::Place,
        "the template's places come first"
    );
    assert_eq!(
        db.latest_change().await.expect("latest"),
        db.changes_since(0, 200_000)
            .await
            .expect("changes")
            .last()
            .map(|c| c.seq)
            .unwrap_or(0)
    );
}

/// The harness: the places template holds the real places; a test database is gone once
/// dropped, also from a current-thread runtime (where the pool cannot be closed
/// gracefully in `Drop`).
#[tokio::test]
async fn test_databases_are_dropped() {
    let Some(db) = fresh(true).await else { return };
    assert_eq!(db.counts().await.expect("counts").places, 11_870);
    assert_eq!(
        db.load_initial(&sample_places(), None).await.expect("load"),
        LoadOutcome::AlreadyLoaded
    );
    let name = db.name.clone();
    let url = test_url().expect("url");
    drop(db);
    let mut admin = <sqlx::PgConnection as sqlx::Connection>::connect(&url)
        .await
        .expect("connect");
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
            .bind(&name)
            .fetch_one(&mut admin)
            .await
            .expect("pg_database");
    assert!(!exists, "{name} was not dropped");
}

/// A database migrated by a newer bleibe is refused, with a message that says so.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_newer_schema_is_refused() {
    let Some(db) = fresh(false).await else { return };
    let applied = db.applied_migrations().await.expect("migrations");
    assert_eq!(applied.first().map(|m| m.0), Some(1));
    // Connecting to an up-to-date database again changes nothing.
    let again = PgStore::connect(&db.url).await.expect("reconnect");
    assert_eq!(again.applied_migrations().await.expect("m"), applied);
    again.close().await;
    // Pretend a newer version added migration 9999.
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (9999, 'from the future', true, '\\x00', 0)",
    )
    .execute(db.pool())
    .await
    .expect("insert");
    let err = PgStore::connect(&db.url).await.err().expect("refused");
    let msg = err.to_string();
    assert!(msg.contains("9999") && msg.contains("newer"), "{msg}");
}

/// Databases cloned from one template (as tests, and `CREATE DATABASE … TEMPLATE`, make
/// them) still get ids of their own: the id is made on first use, not by the migration.
/// Another connection to the same database reads the same id.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn installation_ids_are_per_database() {
    let Some(a) = fresh(true).await else { return };
    let Some(b) = fresh(true).await else { return };
    let id_a = a.installation_id().await.expect("a");
    assert_ne!(id_a, b.installation_id().await.expect("b"));
    let other = PgStore::connect(&a.url).await.expect("connect");
    assert_eq!(other.installation_id().await.expect("a again"), id_a);
    other.close().await;
}
