//! Opening the store named by `--database-url` / `--data-dir`, and the first load.

use crate::DbArgs;
use anyhow::{bail, Context};
use bleibe_store::{DemoData, LoadOutcome, Store};
use bleibe_store_sqlite::SqliteStore;
use std::sync::Arc;

/// The backend chosen by the URL scheme.
pub enum Backend {
    /// Embedded SQLite.
    Sqlite,
}

/// Opens (and migrates) the store.
pub async fn open(args: &DbArgs) -> anyhow::Result<(Arc<dyn Store>, Backend)> {
    match args.database_url.as_deref() {
        None => {
            std::fs::create_dir_all(&args.data_dir).with_context(|| {
                format!("cannot create data directory {}", args.data_dir.display())
            })?;
            let path = args.data_dir.join("bleibe.db");
            let store = SqliteStore::open_file(&path)
                .await
                .with_context(|| format!("cannot open SQLite database {}", path.display()))?;
            tracing::info!(path = %path.display(), "using SQLite");
            Ok((Arc::new(store), Backend::Sqlite))
        }
        Some(url) if url.starts_with("sqlite:") => {
            let store = SqliteStore::open_url(url)
                .await
                .with_context(|| format!("cannot open {url}"))?;
            Ok((Arc::new(store), Backend::Sqlite))
        }
        Some(url) if url.starts_with("postgres:") || url.starts_with("postgresql:") => {
            bail!("the PostgreSQL backend is not part of this build yet; use SQLite (omit --database-url)")
        }
        Some(url) => bail!(
            "unsupported --database-url {url:?}: use sqlite:PATH, or omit it for <data-dir>/bleibe.db"
        ),
    }
}

/// Loads the places — and, if `demo_jobs > 0`, demo employers and jobs — into an empty
/// database. Safe to call on every start: a loaded database is left alone.
pub async fn load_initial(store: &dyn Store, demo_jobs: usize) -> anyhow::Result<LoadOutcome> {
    let places = bleibe_geo::embedded_places().context("embedded place data")?;
    let demo = (demo_jobs > 0).then(|| {
        let all_places = places.clone();
        DemoData {
            employers: bleibe_demo::employers(),
            jobs: Box::new(move |employers| {
                let today = chrono::Utc::now().date_naive();
                bleibe_demo::jobs(bleibe_demo::DEFAULT_SEED, employers, &all_places, today)
                    .take(demo_jobs)
                    .collect()
            }),
        }
    });
    let outcome = store.load_initial(&places, demo).await?;
    match outcome {
        LoadOutcome::AlreadyLoaded => tracing::info!("database already loaded"),
        LoadOutcome::Loaded { places, demo_jobs } => {
            tracing::info!(places, demo_jobs, "loaded reference data")
        }
    }
    Ok(outcome)
}
