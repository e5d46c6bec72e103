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
