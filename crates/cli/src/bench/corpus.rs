//! The benchmark's corpus: N deterministic demo jobs, loaded by the same code as `bleibe
//! seed --jobs N --seed S --reference-date D` ([`crate::seed::insert_demo`]), so that a
//! database seeded either way is accepted by the other.

use crate::db;
use anyhow::bail;
use bleibe_store::Store;
use chrono::NaiveDate;
use std::time::{Duration, Instant};

/// What [`prepare`] found or did.
#[derive(Debug, Clone)]
pub enum Prepared {
    /// The database held no jobs: seeded in this time.
    Seeded(Duration),
    /// The database held exactly the requested number of demo jobs: used as it is.
    /// `matches` says whether its first job is the one the generator makes for this seed
    /// and reference date.
    Found { matches: bool },
}

/// A benchmark's database, opened and holding its corpus.
pub struct Opened {
    /// The store.
    pub store: std::sync::Arc<dyn Store>,
    /// What [`prepare`] found or did.
    pub prepared: Prepared,
    /// How many jobs.
    pub jobs: usize,
    /// Where the data is, for messages.
    pub where_: String,
}

/// Opens the benchmark's database (SQLite in `data_dir`, or PostgreSQL at
/// `postgres_url`) and [`prepare`]s its corpus; notes a debug build.
pub async fn open(
    data_dir: &std::path::Path,
    postgres_url: Option<&str>,
    jobs: Option<usize>,
    seed: u64,
    reference: NaiveDate,
) -> anyhow::Result<Opened> {
    let db_args = crate::DbArgs {
        data_dir: data_dir.to_path_buf(),
        database_url: postgres_url.map(str::to_string),
    };
    let where_ = match postgres_url {
        Some(url) => format!("the PostgreSQL database {}", db::redact(url)),
        None => format!("{}", data_dir.join("bleibe.db").display()),
    };
    if cfg!(debug_assertions) {
        println!("note: a debug build; build with --release for figures worth quoting");
    }
    let (store, _) = db::open(&db_args).await?;
    let (prepared, jobs) = prepare(store.as_ref(), jobs, seed, reference, &where_).await?;
    Ok(Opened {
        store,
        prepared,
        jobs,
        where_,
    })
}

/// Makes sure `store` holds exactly `jobs` demo jobs (`None`: as many as it holds, at
/// least one): seeds an empty database, reuses one that holds that many demo jobs,
/// refuses anything else. Returns the number of jobs too.
pub async fn prepare(
    store: &dyn Store,
    jobs: Option<usize>,
    seed: u64,
    reference: NaiveDate,
    where_: &str,
) -> anyhow::Result<(Prepared, usize)> {
    let counts = store.counts().await?;
    let jobs = match jobs {
        Some(n) => n,
        None if counts.jobs > 0 => counts.jobs as usize,
        None => bail!("{where_} holds no jobs: pass --jobs N to seed N demo jobs"),
    };
    if counts.jobs > 0 && counts.jobs as usize != jobs {
        bail!(
            "{where_} already holds {} jobs, not {jobs}: use an empty --data-dir (or, with \
             --postgres-url, an empty database) for a benchmark with {jobs} jobs, or pass \
             --jobs {}",
            counts.jobs,
            counts.jobs
        );
    }
    if counts.jobs > 0 {
        let first = store.jobs_after(i64::MIN, 1).await?;
        if !first.iter().all(|j| j.data.demo) {
            bail!(
                "{where_} holds {} jobs that are not demo jobs; the benchmark only runs on \
                 the deterministic demo corpus: use an empty --data-dir or database",
                counts.jobs
            );
        }
        let employers = store.employers().await?;
        let places = store.places().await?;
        let expected = bleibe_demo::jobs(seed, &employers, &places, reference).next();
        let matches = match (first.first(), expected) {
            (Some(found), Some(expected)) => {
                found.data.title == expected.title && found.data.posted_at == expected.posted_at
            }
            _ => false,
        };
        return Ok((Prepared::Found { matches }, jobs));
    }
    if jobs == 0 {
        bail!("--jobs must be at least 1");
    }
    let started = Instant::now();
    db::load_initial(store, 0).await?;
    crate::seed::insert_demo(store, jobs, seed, reference, |done| {
        if done % 100_000 == 0 {
            tracing::info!(done, jobs, "seeding");
        }
    })
    .await?;
    Ok((Prepared::Seeded(started.elapsed()), jobs))
}
