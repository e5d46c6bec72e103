//! Opening the store named by `--database-url` / `--data-dir`, and the first load.

use crate::DbArgs;
use anyhow::{bail, Context};
use bleibe_store::profiles::{ProfileRow, Replace};
use bleibe_store::{DemoData, LoadOutcome, Store};
use bleibe_store_sqlite::SqliteStore;
use std::sync::Arc;

/// The backend chosen by the URL scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Embedded SQLite.
    Sqlite,
    /// PostgreSQL (scale-out).
    Postgres,
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
            let store = bleibe_store_postgres::PgStore::connect(url)
                .await
                .with_context(|| format!("cannot open PostgreSQL database {}", redact(url)))?;
            tracing::info!(url = %redact(url), "using PostgreSQL");
            Ok((Arc::new(store), Backend::Postgres))
        }
        Some(url) => bail!(
            "unsupported --database-url {:?}: use postgres://… or sqlite:PATH, or omit it for <data-dir>/bleibe.db",
            redact(url)
        ),
    }
}

/// A database URL without its password, for logs and messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// Loads the places — and, if `demo_jobs > 0`, demo employers and jobs, the demo of
/// the network workspace ([`crate::demo_networks`]) and demo place profiles
/// ([`bleibe_demo::profiles`]) — into an empty database. Safe to
/// call on every start: a loaded database is left alone.
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
    // A fresh demo installation also gets the demo of the network workspace.
    if let LoadOutcome::Loaded { demo_jobs, .. } = outcome {
        if demo_jobs > 0 {
            crate::demo_networks::load(store, chrono::Utc::now().date_naive())
                .await
                .context("network demo")?;
            // And invented profiles for the places of the Lausitz, marked demo.
            let rows: Vec<_> =
                bleibe_demo::profiles::place_profiles(&places, chrono::Utc::now().date_naive())
                    .into_iter()
                    .map(|(place_id, key, value)| ProfileRow {
                        place_id,
                        key,
                        value,
                    })
                    .collect();
            store
                .import_profile_values(&rows, Replace::All)
                .await
                .context("demo place profiles")?;
        }
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_never_reach_the_logs() {
        assert_eq!(
            redact("postgres://bleibe:s3cret@db.example:5432/bleibe"),
            "postgres://bleibe:***@db.example:5432/bleibe"
        );
        assert_eq!(
            redact("postgres://root@127.0.0.1/test"),
            "postgres://root@127.0.0.1/test"
        );
        assert_eq!(
            redact("sqlite:/var/lib/bleibe.db"),
            "sqlite:/var/lib/bleibe.db"
        );
    }
}
