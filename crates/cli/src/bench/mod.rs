//! `bleibe bench search`: loads a deterministic corpus of N demo jobs (as `bleibe seed`),
//! builds the search index from the store on disk, runs a fixed query mix ([`mix`]) with
//! the default facets, and prints latency percentiles per query class — side by side with
//! PostgreSQL full-text search on the same data and the same queries when
//! `--postgres-url` is given ([`pg`]), with a cross-check of hit counts, facets and
//! order. `bleibe bench urls` prints the same mix as `/api/v1/jobs` URLs for an HTTP load
//! test (scripts/bench-http.sh). What is measured and how: docs/PERFORMANCE.md.

mod corpus;
mod matching;
mod mix;
mod osrm;
mod pg;
mod report;
mod roads;

use crate::db;
use anyhow::Context;
use bleibe_search::{JobIndex, SearchResults, Sort};
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use mix::Class;
use pg::Found;
use report::{mib, ratio, secs, Percentiles};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Benchmarks.
#[derive(Subcommand, Debug)]
pub enum Bench {
    /// Time the search query mix on N deterministic demo jobs (seeded if the database is
    /// empty), in process, and beside PostgreSQL full-text search with --postgres-url.
    Search(SearchBench),
    /// Print the query mix as /api/v1/jobs URLs (path and query), one per line, in
    /// round-robin order: the URL list of scripts/bench-http.sh.
    Urls,
    /// Compare our car routing with a running OSRM on the same extract: preprocessing
    /// and N×N table times, and how far the durations agree (scripts/osrm-compare.sh).
    Osrm(osrm::OsrmBench),
    /// Time car routing with our contraction hierarchy on a generated road-like graph (or
    /// a hierarchy file): contraction, one-to-many to 1,000 targets, point-to-point, and
    /// a full many-to-many matrix.
    Roads(roads::RoadsBench),
    /// Time household queries of "Leben & Arbeiten" (search per person, the engine over
    /// every place, loading the jobs shown) on N demo jobs, per class of wishes.
    Match(matching::MatchBench),
}

/// Options of `bleibe bench search`.
#[derive(Args, Debug)]
pub struct SearchBench {
    /// Number of demo jobs. An empty database is seeded with them; a database that
    /// holds another number of jobs is refused. Default: the jobs the database holds.
    #[arg(long)]
    jobs: Option<usize>,
    /// Random seed of the demo jobs (as `bleibe seed --seed`).
    #[arg(long, default_value_t = bleibe_demo::DEFAULT_SEED)]
    seed: u64,
    /// "Today", YYYY-MM-DD: the reference date the jobs are seeded with and the day the
    /// searches run on (expired jobs never match). Default: today.
    #[arg(long)]
    reference_date: Option<NaiveDate>,
    /// Timed rounds over the mix: each round runs one variant of every class.
    #[arg(long, default_value_t = 50)]
    iterations: usize,
    /// Directory of the SQLite database (`<data-dir>/bleibe.db`) and of the temporary
    /// on-disk index (removed at the end).
    #[arg(long, default_value = "./bleibe-bench")]
    data_dir: PathBuf,
    /// A PostgreSQL database to use as the store instead of SQLite, and to compare with:
    /// its full-text search runs the same mix on a table `bench_fts` built from the
    /// store's jobs in that database. Also accepted as --database-url, as in every
    /// other subcommand.
    #[arg(long, alias = "database-url")]
    postgres_url: Option<String>,
}

/// Runs a benchmark.
pub async fn run(bench: Bench) -> anyhow::Result<()> {
    match bench {
        Bench::Search(args) => search(args).await,
        Bench::Match(args) => matching::run(args).await,
        Bench::Osrm(args) => osrm::run(args).await,
        Bench::Roads(args) => roads::run(args),
        Bench::Urls => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            for url in urls() {
                match writeln!(out, "{url}") {
                    Ok(()) => {}
                    // A reader that stops early (`| head`) is no error.
                    Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
                    Err(e) => return Err(e.into()),
                }
            }
            Ok(())
        }
    }
}

/// The mix as API URLs, in round-robin order with every class equally often: as many
/// rounds as it takes for every class to come back to its first variant.
fn urls() -> Vec<String> {
    let classes = mix::classes();
    let gcd = |mut a: usize, mut b: usize| {
        while b != 0 {
            (a, b) = (b, a % b);
        }
        a
    };
    let rounds = classes
        .iter()
        .map(|c| c.variants.len())
        .fold(1, |l, n| l / gcd(l, n) * n);
    (0..rounds)
        .flat_map(|i| {
            classes
                .iter()
                .map(move |c| format!("/api/v1/jobs?{}", c.variants[i % c.variants.len()].params))
        })
        .collect()
}

/// What one engine found and how long it took, per class.
struct EngineRun {
    /// Per class, per variant: what the (untimed) first run found.
    found: Vec<Vec<Found>>,
    /// Per class: every timed run.
    times: Vec<Vec<Duration>>,
    /// Per class: total hits of every timed run (for the mean).
    hits: Vec<Vec<u64>>,
}

impl EngineRun {
    fn new(classes: &[Class]) -> EngineRun {
        EngineRun {
            found: classes.iter().map(|_| Vec::new()).collect(),
            times: classes.iter().map(|_| Vec::new()).collect(),
            hits: classes.iter().map(|_| Vec::new()).collect(),
        }
    }

    fn mean_hits(&self, class: Option<usize>) -> f64 {
        let all: Vec<u64> = match class {
            Some(c) => self.hits[c].clone(),
            None => self.hits.concat(),
        };
        all.iter().sum::<u64>() as f64 / all.len().max(1) as f64
    }

    fn percentiles(&self, class: Option<usize>) -> Option<Percentiles> {
        match class {
            Some(c) => Percentiles::of(&self.times[c]),
            None => Percentiles::of(&self.times.concat()),
        }
    }
}

/// bleibe's results in the shape of the cross-check.
fn found(r: &SearchResults) -> Found {
    let mut f = Found {
        total: r.total,
        ids: r.hits.iter().map(|h| h.id).collect(),
        ..Found::default()
    };
    let facets = &r.facets;
    let mut put = |facet: &'static str, value: String, n: u64| {
        if n > 0 {
            f.facets.entry(facet).or_default().insert(value, n);
        }
    };
    for (k, n) in &facets.kind {
        put("kind", k.as_str().into(), *n);
    }
    for (w, n) in &facets.working_time {
        put("working_time", w.as_str().into(), *n);
    }
    for (a, n) in &facets.occupation_area {
        put("occupation_area", a.clone(), *n);
    }
    f
}

/// The rounds: `(class, variant)` per timed query, round-robin, so that no query follows
/// itself.
fn schedule(classes: &[Class], rounds: usize) -> Vec<(usize, usize)> {
    (0..rounds)
        .flat_map(|i| {
            classes
                .iter()
                .enumerate()
                .map(move |(c, class)| (c, i % class.variants.len()))
        })
        .collect()
}

async fn search(args: SearchBench) -> anyhow::Result<()> {
    let reference = args
        .reference_date
        .unwrap_or_else(|| chrono::Utc::now().date_naive());
    let today = reference;
    let corpus::Opened {
        store,
        prepared,
        jobs,
        where_,
    } = corpus::open(
        &args.data_dir,
        args.postgres_url.as_deref(),
        args.jobs,
        args.seed,
        reference,
    )
    .await?;
    let corpus_note = match prepared {
        corpus::Prepared::Seeded(t) => format!("seeded now in {}", secs(t)),
        corpus::Prepared::Found { matches: true } => {
            "found, seeded before with this seed and reference date".to_string()
        }
        corpus::Prepared::Found { matches: false } => {
            "found, but not seeded with this seed and reference date (the figures are for \
             the data as found)"
                .to_string()
        }
    };
    println!(
        "corpus: N = {} demo jobs (seed {}, reference date {reference}) in {where_}; {corpus_note}",
        jobs, args.seed
    );
    // The peak RSS reported is that of the index build and the searches, not the seeding.
    let peak_reset = report::reset_peak_rss();

    let (index, folder) = disk_index(store.as_ref(), &args.data_dir).await?;

    let classes = mix::classes();
    let plan = schedule(&classes, args.iterations.max(1));

    // bleibe: a first run of every variant (results for the cross-check; warms up), a
    // second untimed pass, then the timed rounds.
    let mut bleibe = EngineRun::new(&classes);
    for (c, class) in classes.iter().enumerate() {
        for v in &class.variants {
            bleibe.found[c].push(found(&index.search(&v.query, today)?));
        }
    }
    for class in &classes {
        for v in &class.variants {
            std::hint::black_box(index.search(&v.query, today)?);
        }
    }
    for &(c, v) in &plan {
        let q = &classes[c].variants[v].query;
        let t = Instant::now();
        let r = index.search(q, today)?;
        bleibe.times[c].push(t.elapsed());
        bleibe.hits[c].push(std::hint::black_box(r).total);
    }

    // PostgreSQL full-text search, the same way.
    let mut postgres = None;
    if let Some(url) = &args.postgres_url {
        let mut conn = pg::connect(url).await?;
        let built = pg::prepare(&mut conn).await?;
        if built.reused {
            println!(
                "PostgreSQL: bench_fts found ({} rows), {} with indexes",
                built.rows,
                mib(built.bytes.max(0) as u64)
            );
        } else {
            println!(
                "PostgreSQL: bench_fts built in {} (table with tsvectors {}, GIN index {}, \
                 other indexes and VACUUM ANALYZE {}), {} rows, {} with indexes",
                secs(built.table + built.gin + built.rest),
                secs(built.table),
                secs(built.gin),
                secs(built.rest),
                built.rows,
                mib(built.bytes.max(0) as u64)
            );
        }
        let sql: Vec<Vec<pg::Sql>> = classes
            .iter()
            .map(|c| {
                c.variants
                    .iter()
                    .map(|v| pg::translate(&v.query, today))
                    .collect()
            })
            .collect();
        let mut run = EngineRun::new(&classes);
        for (c, per_class) in sql.iter().enumerate() {
            for s in per_class {
                run.found[c].push(pg::search(&mut conn, s).await?);
            }
        }
        for per_class in &sql {
            for s in per_class {
                pg::search(&mut conn, s).await?;
            }
        }
        for &(c, v) in &plan {
            let t = Instant::now();
            let r = pg::search(&mut conn, &sql[c][v]).await?;
            run.times[c].push(t.elapsed());
            run.hits[c].push(r.total);
        }
        postgres = Some(run);
    }

    println!();
    let mismatches = print_variants(&classes, &bleibe, postgres.as_ref());
    println!();
    print_classes(&classes, &bleibe, postgres.as_ref(), args.iterations.max(1));
    println!();
    if postgres.is_some() {
        if mismatches == 0 {
            println!(
                "cross-check: bleibe and PostgreSQL agree on hits, facets and order (where \
                 compared) for every query whose semantics agree"
            );
        } else {
            println!(
                "cross-check: {mismatches} queries whose semantics agree got DIFFERENT results \
                 (see the check column)"
            );
        }
    }
    let hwm = report::proc_status_bytes("VmHWM");
    let rss = report::proc_status_bytes("VmRSS");
    println!(
        "peak RSS (VmHWM) of this process: {} (now {}; {})",
        hwm.map_or("n/a".into(), mib),
        rss.map_or("n/a".into(), mib),
        if peak_reset {
            "index build and searches: reset after the corpus was ready"
        } else {
            "seeding, index build and searches"
        }
    );
    println!(
        "machine: {} cores available to this process",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let mut cmd = format!(
        "bleibe bench search --jobs {} --seed {} --reference-date {reference} --iterations {} --data-dir {}",
        jobs,
        args.seed,
        args.iterations.max(1),
        args.data_dir.display()
    );
    if let Some(url) = &args.postgres_url {
        cmd.push_str(&format!(" --postgres-url {}", db::redact(url)));
    }
    println!("reproduce: {cmd}");
    drop(index);
    folder.close().context("removing the temporary index")?;
    Ok(())
}

/// Whether the order of `q`'s hits is fully determined by the data (date or distance,
/// ties by date and id), so that both engines must return the same page.
fn order_is_exact(q: &bleibe_search::JobQuery) -> bool {
    match q.sort {
        Sort::Relevance => q.text.is_none(),
        Sort::Date | Sort::Distance => true,
    }
}

/// The per-query table: hits in both engines and the cross-check. Returns how many
/// queries whose semantics agree got different results.
fn print_variants(classes: &[Class], bleibe: &EngineRun, postgres: Option<&EngineRun>) -> usize {
    let width = classes
        .iter()
        .flat_map(|c| c.variants.iter().map(|v| v.label.chars().count()))
        .max()
        .unwrap_or(10)
        .max(5);
    println!("query classes:");
    for class in classes {
        println!("  {:<15} {}", class.name, class.about);
    }
    println!();
    println!("queries (default facets kind, working_time, occupation_area; page of 20) and hits");
    let mut head = format!("{:<15} {:<width$} {:>9}", "class", "query", "bleibe");
    if postgres.is_some() {
        head.push_str(&format!(
            " {:>9}  {:<7} {:<7} check",
            "PG", "facets", "top 20"
        ));
    }
    println!("{head}");
    let mut mismatches = 0;
    for (c, class) in classes.iter().enumerate() {
        for (v, variant) in class.variants.iter().enumerate() {
            let b = &bleibe.found[c][v];
            let mut line = format!(
                "{:<15} {:<width$} {:>9}",
                class.name, variant.label, b.total
            );
            if let Some(p) = postgres {
                let p = &p.found[c][v];
                let facets = if p.facets == b.facets {
                    "same"
                } else {
                    "differ"
                };
                let top = match (order_is_exact(&variant.query), p.ids == b.ids) {
                    (false, _) => {
                        let shared = b.ids.iter().filter(|id| p.ids.contains(id)).count();
                        format!("{shared}/{}", b.ids.len().max(p.ids.len()))
                    }
                    (true, true) => "same".into(),
                    (true, false) => "differ".into(),
                };
                let agree = p.total == b.total && facets == "same" && top != "differ";
                let check = match (class.same_semantics, agree) {
                    (true, true) => "ok",
                    (true, false) => {
                        mismatches += 1;
                        "MISMATCH"
                    }
                    (false, _) => "semantics-differ",
                };
                line.push_str(&format!(" {:>9}  {facets:<7} {top:<7} {check}", p.total));
            }
            println!("{line}");
        }
    }
    if postgres.is_some() {
        println!(
            "(facets: every count of the three facets; top 20: the page's ids in order where \
             the order is by date or distance; by relevance, how many ids both pages hold, \
             as BM25 and ts_rank rank differently)"
        );
    }
    mismatches
}

/// The per-class latency table.
fn print_classes(
    classes: &[Class],
    bleibe: &EngineRun,
    postgres: Option<&EngineRun>,
    rounds: usize,
) {
    println!(
        "latency in ms over {rounds} rounds of the mix (one query of every class per round, \
         variants in turn, after two untimed passes)"
    );
    let mut head = format!(
        "{:<15} {:>5} {:>9} | {:>7} {:>7} {:>7} {:>7}",
        "class", "runs", "hits", "p50", "p95", "p99", "max"
    );
    if postgres.is_some() {
        head.push_str(&format!(
            " | {:>9} {:>8} {:>8} {:>8} {:>8} | {:>7} {:>7}",
            "hits PG", "PG p50", "PG p95", "PG p99", "PG max", "p50 ×", "p99 ×"
        ));
    }
    println!("{head}");
    let rows = (0..classes.len())
        .map(|c| (classes[c].name, Some(c)))
        .chain(std::iter::once(("overall", None)));
    for (name, c) in rows {
        let runs = match c {
            Some(c) => bleibe.times[c].len(),
            None => bleibe.times.iter().map(Vec::len).sum(),
        };
        let Some(b) = bleibe.percentiles(c) else {
            continue;
        };
        let mut line = format!(
            "{name:<15} {runs:>5} {:>9.0} | {:>7.2} {:>7.2} {:>7.2} {:>7.2}",
            bleibe.mean_hits(c),
            b.p50,
            b.p95,
            b.p99,
            b.max
        );
        if let Some(pg) = postgres {
            if let Some(p) = pg.percentiles(c) {
                line.push_str(&format!(
                    " | {:>9.0} {:>8.2} {:>8.2} {:>8.2} {:>8.2} | {:>7} {:>7}",
                    pg.mean_hits(c),
                    p.p50,
                    p.p95,
                    p.p99,
                    p.max,
                    ratio(b.p50, p.p50),
                    ratio(b.p99, p.p99)
                ));
            }
        }
        println!("{line}");
    }
    if postgres.is_some() {
        println!("(hits: mean per timed query; ×: PostgreSQL's time / bleibe's)");
    } else {
        println!("(hits: mean per timed query)");
    }
}

/// Builds the index on disk in a temporary folder under `data_dir`, as `bleibe reindex`
/// builds it, prints what it took, and opens it again for searching. The folder goes
/// when the returned guard is dropped.
pub(crate) async fn disk_index(
    store: &dyn bleibe_store::Store,
    data_dir: &std::path::Path,
) -> anyhow::Result<(JobIndex, tempfile::TempDir)> {
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("cannot create {}", data_dir.display()))?;
    let folder = tempfile::Builder::new()
        .prefix("bench-index-")
        .tempdir_in(data_dir)
        .context("temporary index folder")?;
    let (index, _) = JobIndex::open_in_dir(folder.path())?;
    let started = Instant::now();
    let indexed = bleibe_search::rebuild(&index, store).await?;
    let build = started.elapsed();
    let started = Instant::now();
    index.close()?;
    let merging = started.elapsed();
    let index_bytes = report::dir_size(folder.path())?;
    let (index, _) = JobIndex::open_in_dir(folder.path())?;
    println!(
        "bleibe index: {indexed} jobs built in {} (+ {} waiting for segment merges), {} on disk",
        secs(build),
        secs(merging),
        mib(index_bytes)
    );
    Ok((index, folder))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_query_follows_itself() {
        let classes = mix::classes();
        let plan = schedule(&classes, 12);
        assert_eq!(plan.len(), 12 * classes.len());
        for w in plan.windows(2) {
            assert_ne!(w[0], w[1]);
        }
        for (c, class) in classes.iter().enumerate() {
            for v in 0..class.variants.len() {
                assert!(plan.contains(&(c, v)), "{} {v}", class.name);
            }
        }
    }

    #[test]
    fn urls_cover_the_mix_evenly() {
        let urls = urls();
        let classes = mix::classes();
        assert_eq!(urls.len() % classes.len(), 0);
        assert!(urls.iter().all(|u| u.starts_with("/api/v1/jobs?")));
        for class in &classes {
            for v in &class.variants {
                assert!(urls.iter().any(|u| u.ends_with(&v.params)), "{}", v.label);
            }
        }
    }
}
