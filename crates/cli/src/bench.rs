//! `bleibe bench search`: builds the search index from the database and times a fixed
//! set of representative queries, printing figures and the command to reproduce them.

use crate::{db, DbArgs};
use bleibe_domain::{JobKind, WorkingTime};
use bleibe_search::{JobIndex, JobQuery, Sort};
use clap::{Args, Subcommand};
use std::time::{Duration, Instant};

/// Benchmarks.
#[derive(Subcommand, Debug)]
pub enum Bench {
    /// Time job searches on the database's jobs (seed it first: `bleibe seed --jobs N`).
    Search(SearchBench),
}

/// Options of `bleibe bench search`.
#[derive(Args, Debug)]
pub struct SearchBench {
    #[command(flatten)]
    db: DbArgs,
    /// Runs per query (after one warm-up run).
    #[arg(long, default_value_t = 30)]
    iterations: usize,
}

fn queries() -> Vec<(&'static str, JobQuery)> {
    const COTTBUS: (f64, f64) = (51.75769, 14.32888);
    const DRESDEN: (f64, f64) = (51.05089, 13.73832);
    vec![
        (
            "match all, by date",
            JobQuery {
                sort: Sort::Date,
                ..Default::default()
            },
        ),
        (
            "q=Mechatroniker",
            JobQuery {
                text: Some("Mechatroniker".into()),
                ..Default::default()
            },
        ),
        (
            "q=Pflegefachkraft near Cottbus 50 km",
            JobQuery {
                text: Some("Pflegefachkraft".into()),
                centre: Some(COTTBUS),
                radius_km: Some(50.0),
                ..Default::default()
            },
        ),
        (
            "kind=apprenticeship, by date",
            JobQuery {
                kinds: vec![JobKind::Apprenticeship],
                sort: Sort::Date,
                ..Default::default()
            },
        ),
        (
            "q=Verkäufer working_time=part_time",
            JobQuery {
                text: Some("Verkäufer".into()),
                working_times: vec![WorkingTime::PartTime],
                ..Default::default()
            },
        ),
        (
            "near Dresden 25 km, by distance",
            JobQuery {
                centre: Some(DRESDEN),
                radius_km: Some(25.0),
                sort: Sort::Distance,
                ..Default::default()
            },
        ),
        (
            "occupation=2 page 10",
            JobQuery {
                occupations: vec!["2".into()],
                offset: 180,
                ..Default::default()
            },
        ),
    ]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Runs a benchmark.
pub async fn run(bench: Bench) -> anyhow::Result<()> {
    let Bench::Search(args) = bench;
    let (store, _) = db::open(&args.db).await?;
    let index = JobIndex::in_ram()?;
    let t = Instant::now();
    let n = bleibe_search::rebuild(&index, store.as_ref()).await?;
    println!(
        "index build: {n} jobs in {:.1} s ({} backend)",
        t.elapsed().as_secs_f64(),
        store.backend()
    );
    let today = chrono::Utc::now().date_naive();
    println!(
        "{:<40} {:>10} {:>9} {:>9} {:>9}",
        "query", "hits", "p50 ms", "p95 ms", "max ms"
    );
    for (name, q) in queries() {
        let warm = index.search(&q, today)?;
        let mut times: Vec<Duration> = (0..args.iterations.max(1))
            .map(|_| {
                let t = Instant::now();
                let r = index.search(&q, today);
                let e = t.elapsed();
                std::hint::black_box(r.map(|r| r.total).unwrap_or(0));
                e
            })
            .collect();
        times.sort();
        let pct = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
        println!(
            "{name:<40} {:>10} {:>9.2} {:>9.2} {:>9.2}",
            warm.total,
            ms(pct(0.5)),
            ms(pct(0.95)),
            ms(*times.last().unwrap_or(&Duration::ZERO))
        );
    }
    println!(
        "reproduce: bleibe seed --data-dir DIR --jobs N && bleibe bench search --data-dir DIR --iterations {}",
        args.iterations
    );
    Ok(())
}
