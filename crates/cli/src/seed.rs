//! `bleibe seed`: places plus N deterministic demo jobs, fast, with progress.

use crate::{db, DbArgs};
use anyhow::{bail, Context};
use bleibe_store::Store;
use chrono::NaiveDate;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use std::time::Instant;

/// Options of `bleibe seed`.
#[derive(Args, Debug)]
pub struct SeedArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Number of demo jobs.
    #[arg(long)]
    jobs: usize,
    /// Random seed: the same seed (and reference date) gives the same data.
    #[arg(long, default_value_t = bleibe_demo::DEFAULT_SEED)]
    seed: u64,
    /// "Today" for posting and closing dates, YYYY-MM-DD (default: today).
    #[arg(long)]
    reference_date: Option<chrono::NaiveDate>,
    /// Add to a database that already holds jobs.
    #[arg(long)]
    append: bool,
}

const BATCH: usize = 10_000;

/// Inserts the demo employers and `jobs` deterministic demo jobs (same seed and reference
/// date, same data) in batches, calling `progress` with the jobs inserted so far after
/// each batch. The places must be loaded.
pub async fn insert_demo(
    store: &dyn Store,
    jobs: usize,
    seed: u64,
    reference: NaiveDate,
    mut progress: impl FnMut(usize),
) -> anyhow::Result<()> {
    let employers = store
        .insert_employers(&bleibe_demo::employers())
        .await
        .context("demo employers")?;
    let places = store.places().await?;
    let mut generator = bleibe_demo::jobs(seed, &employers, &places, reference);
    let mut done = 0usize;
    while done < jobs {
        let n = BATCH.min(jobs - done);
        let batch: Vec<_> = generator.by_ref().take(n).collect();
        store.insert_jobs(&batch).await?;
        done += n;
        progress(done);
    }
    Ok(())
}

/// Runs the seeding.
pub async fn run(args: SeedArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let (store, _) = db::open(&args.db).await?;
    db::load_initial(store.as_ref(), 0).await?;
    let counts = store.counts().await?;
    if counts.jobs > 0 && !args.append {
        bail!(
            "the database already holds {} jobs; use a fresh --data-dir, or --append to add more",
            counts.jobs
        );
    }
    let reference = args
        .reference_date
        .unwrap_or_else(|| chrono::Utc::now().date_naive());
    let bar = ProgressBar::new(args.jobs as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} jobs  {per_sec}  eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    insert_demo(store.as_ref(), args.jobs, args.seed, reference, |done| {
        bar.set_position(done as u64)
    })
    .await?;
    bar.finish_and_clear();
    let secs = started.elapsed().as_secs_f64();
    let size = match args.db.database_url {
        None => {
            let path = args.db.data_dir.join("bleibe.db");
            let wal = args.db.data_dir.join("bleibe.db-wal");
            let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0)
                + std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
            format!(
                "{:.1} MiB at {}",
                bytes as f64 / 1_048_576.0,
                path.display()
            )
        }
        Some(url) => format!("see {url}"),
    };
    println!(
        "seeded {} jobs (seed {}, reference date {}) in {:.1} s ({:.0} jobs/s); database: {}",
        args.jobs,
        args.seed,
        reference,
        secs,
        args.jobs as f64 / secs.max(1e-9),
        size
    );
    Ok(())
}
