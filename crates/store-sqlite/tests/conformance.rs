//! The store conformance suite on SQLite: each test gets its own database file.

use bleibe_store_sqlite::SqliteStore;

async fn fresh() -> (SqliteStore, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = SqliteStore::open_file(&dir.path().join("bleibe.db"))
        .await
        .expect("open");
    (store, dir)
}

/// Keeps the temporary directory alive as long as the store.
struct Fresh(SqliteStore, #[allow(dead_code)] tempfile::TempDir);

impl std::ops::Deref for Fresh {
    type Target = SqliteStore;
    fn deref(&self) -> &SqliteStore {
        &self.0
    }
}

async fn make() -> Fresh {
    let (s, d) = fresh().await;
    Fresh(s, d)
}

mod sqlite {
    use super::make;
    bleibe_store::conformance_suite!(make());
}

/// Two instances (two pools on one file) starting at once load the data exactly once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_starting_together_load_once() {
    use bleibe_store::{LoadOutcome, Store};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bleibe.db");
    let a = SqliteStore::open_file(&path).await.expect("open a");
    let b = SqliteStore::open_file(&path).await.expect("open b");
    let places = bleibe_geo::embedded_places().expect("places");
    let (ra, rb) = tokio::join!(a.load_initial(&places, None), b.load_initial(&places, None));
    let outcomes = [ra.expect("a"), rb.expect("b")];
    let loaded = outcomes
        .iter()
        .filter(|o| matches!(o, LoadOutcome::Loaded { .. }))
        .count();
    assert_eq!(loaded, 1, "{outcomes:?}");
    assert_eq!(a.counts().await.expect("counts").places, 11_870);
    assert_eq!(b.counts().await.expect("counts").places, 11_870);
}

/// A database migrated by a newer bleibe is refused, with a message that says so.
#[tokio::test]
async fn a_newer_schema_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bleibe.db");
    let store = SqliteStore::open_file(&path).await.expect("open");
    let applied = store.applied_migrations().await.expect("migrations");
    assert!(!applied.is_empty());
    store.close().await;
    // Pretend a newer version added migration 9999.
    let conn = sqlx::SqlitePool::connect(&format!("sqlite:{}", path.display()))
        .await
        .expect("raw");
    sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, installed_on, success, checksum, execution_time) \
         VALUES (9999, 'from the future', CURRENT_TIMESTAMP, 1, x'00', 0)",
    )
    .execute(&conn)
    .await
    .expect("insert");
    conn.close().await;
    let err = SqliteStore::open_file(&path).await.err().expect("refused");
    let msg = err.to_string();
    assert!(msg.contains("9999") && msg.contains("newer"), "{msg}");
    // Opening an up-to-date database again is a no-op (migrations are idempotent).
    let dir2 = tempfile::tempdir().expect("tempdir");
    let p2 = dir2.path().join("bleibe.db");
    let first = SqliteStore::open_file(&p2).await.expect("open");
    let before = first.applied_migrations().await.expect("m");
    first.close().await;
    let again = SqliteStore::open_file(&p2).await.expect("reopen");
    assert_eq!(again.applied_migrations().await.expect("m"), before);
}

/// Two databases have two installation ids; a database keeps its id when reopened (by
/// another process, say).
#[tokio::test]
async fn installation_ids_are_per_database() {
    use bleibe_store::Store;
    let (a, _da) = fresh().await;
    let (b, _db) = fresh().await;
    let id_a = a.installation_id().await.expect("a");
    assert_ne!(id_a, b.installation_id().await.expect("b"));
    a.close().await;
    let again = SqliteStore::open_file(&_da.path().join("bleibe.db"))
        .await
        .expect("reopen");
    assert_eq!(again.installation_id().await.expect("a again"), id_a);
}
