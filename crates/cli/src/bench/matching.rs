//! `bleibe bench match`: household queries of "Leben & Arbeiten" over every place of the
//! store and N demo jobs — the search per person, the engine over all homes, and loading
//! the jobs shown — timed end to end in process, per class of wishes.
//!
//! The travel times are the store's cache (`bleibe import roads`/`gtfs`) plus, with
//! `--synthetic-matrix`, a generated "routed" matrix between the places of Brandenburg
//! and Saxony (the estimate × a random factor 0.8–1.2 for every pair within 120 minutes):
//! it exercises the precomputed-matrix path at its real size and measures speed only.

use super::corpus;
use super::report::{secs, Percentiles};
use bleibe_domain::living::wishes::{Housing, MaxCommute, PersonWish, Preferences, StayClose};
use bleibe_domain::living::{estimate_minutes, Mode, Settlement, TimeSource, Wishes};
use bleibe_matching::{Request, TravelMatrix};
use bleibe_web::living::{load, person_jobs};
use chrono::NaiveDate;
use clap::Args;
use rand::{Rng, SeedableRng};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Options of `bleibe bench match`.
#[derive(Args, Debug)]
pub struct MatchBench {
    /// Number of demo jobs (an empty database is seeded with them, as `bench search`).
    #[arg(long)]
    jobs: Option<usize>,
    /// Random seed of the demo jobs.
    #[arg(long, default_value_t = bleibe_demo::DEFAULT_SEED)]
    seed: u64,
    /// "Today", YYYY-MM-DD (default: today).
    #[arg(long)]
    reference_date: Option<NaiveDate>,
    /// Timed rounds over the classes.
    #[arg(long, default_value_t = 30)]
    iterations: usize,
    /// Directory of the SQLite database and the temporary index.
    #[arg(long, default_value = "./bleibe-bench")]
    data_dir: PathBuf,
    /// A PostgreSQL database to use as the store instead of SQLite.
    #[arg(long, alias = "database-url")]
    postgres_url: Option<String>,
    /// Add a generated car matrix between the places of Brandenburg and Saxony (see the
    /// module docs): speed only.
    #[arg(long)]
    synthetic_matrix: bool,
}

fn person(query: Option<&str>, occupation: Option<&str>, commute: MaxCommute) -> PersonWish {
    PersonWish {
        query: query.map(str::to_string),
        occupation: occupation.map(str::to_string),
        max_commute: commute,
    }
}

fn car(minutes: u32) -> MaxCommute {
    MaxCommute {
        car: Some(minutes),
        ..MaxCommute::default()
    }
}

fn wishes(persons: Vec<PersonWish>) -> Wishes {
    Wishes {
        persons,
        page: 1,
        per_page: 20,
        ..Wishes::default()
    }
}

/// The classes of household queries: (name, wishes).
fn classes() -> Vec<(&'static str, Wishes)> {
    let mut family = wishes(vec![
        person(
            Some("Mechatroniker"),
            Some("26"),
            MaxCommute {
                car: Some(35),
                transit: Some(60),
                bike: None,
            },
        ),
        person(Some("Pflegefachkraft"), None, car(25)),
    ]);
    family.children_ages = vec![3, 8];
    family.housing = Some(Housing {
        max_warm_rent_eur: Some(950),
        rooms: Some(3),
        max_plot_eur: None,
    });
    family.settlement = Some(Settlement::Village);
    family.preferences = Preferences {
        nature: 3,
        culture: 1,
        sports: 2,
        health_care: 3,
        rail_link: 1,
    };
    family.stay_close_to = Some(StayClose {
        place: "Weißwasser".into(),
        max_minutes: 45,
        mode: None,
    });
    let mut prefs = wishes(vec![person(None, Some("8"), car(40))]);
    prefs.preferences.nature = 3;
    prefs.preferences.rail_link = 2;
    vec![
        (
            "one area by car",
            wishes(vec![person(None, Some("2"), car(30))]),
        ),
        (
            "text by car",
            wishes(vec![person(Some("Pflege"), None, car(45))]),
        ),
        (
            "dual career",
            wishes(vec![
                person(Some("Elektroniker"), None, car(40)),
                person(
                    None,
                    Some("7"),
                    MaxCommute {
                        car: None,
                        transit: Some(60),
                        bike: Some(20),
                    },
                ),
            ]),
        ),
        ("with preferences", prefs),
        ("the issue's family", family),
        (
            "nothing fits (relaxations)",
            wishes(vec![person(
                None,
                Some("2"),
                MaxCommute {
                    car: None,
                    transit: None,
                    bike: Some(2),
                },
            )]),
        ),
    ]
}

/// Runs the benchmark.
pub async fn run(args: MatchBench) -> anyhow::Result<()> {
    let reference = args
        .reference_date
        .unwrap_or_else(|| chrono::Utc::now().date_naive());
    let corpus::Opened {
        store,
        jobs,
        where_,
        ..
    } = corpus::open(
        &args.data_dir,
        args.postgres_url.as_deref(),
        args.jobs,
        args.seed,
        reference,
    )
    .await?;
    println!(
        "corpus: N = {jobs} demo jobs (seed {}, reference date {reference}) in {where_}",
        args.seed
    );
    let (index, folder) = super::disk_index(store.as_ref(), &args.data_dir).await?;

    let started = Instant::now();
    let mut loaded = load(store.as_ref())
        .await
        .map_err(|e| anyhow::anyhow!("loading places and travel times: {e:?}"))?;
    let cached: usize = [Mode::Car, Mode::Transit, Mode::Bike]
        .iter()
        .map(|m| loaded.matrix.routed_pairs(*m))
        .sum();
    println!(
        "atlas: {} places, {} cached routed pairs, loaded in {}",
        loaded.atlas.len(),
        cached,
        secs(started.elapsed())
    );
    if args.synthetic_matrix {
        let started = Instant::now();
        let pairs = synthetic_matrix(&loaded.atlas);
        let n = pairs.len();
        let mut matrix = TravelMatrix::estimated(&loaded.atlas);
        matrix.add_routed(&loaded.atlas, Mode::Car, TimeSource::Road, pairs);
        loaded.matrix = matrix;
        println!(
            "synthetic car matrix (speed only): {n} pairs between the places of Brandenburg and Saxony, built in {}",
            secs(started.elapsed())
        );
    }

    let classes = classes();
    let mut times: Vec<Vec<Duration>> = vec![Vec::new(); classes.len()];
    // The parts: the searches, the engine.
    let mut search_times: Vec<Vec<Duration>> = vec![Vec::new(); classes.len()];
    let mut engine_times: Vec<Vec<Duration>> = vec![Vec::new(); classes.len()];
    let mut homes: Vec<usize> = vec![0; classes.len()];
    for round in 0..=args.iterations.max(1) {
        for (c, (_, w)) in classes.iter().enumerate() {
            let w = w.clone().validate()?;
            let t = Instant::now();
            let mut persons = Vec::new();
            for p in &w.persons {
                persons.push(person_jobs(&index, p, reference)?);
            }
            let searched = t.elapsed();
            let stay_close = w.stay_close_to.as_ref().and_then(|s| {
                (0..loaded.atlas.len() as u32).find(|&i| loaded.atlas.place(i).name == s.place)
            });
            let req = Request {
                wishes: &w,
                persons,
                stay_close,
            };
            let engine_started = Instant::now();
            let outcome = bleibe_matching::run(&loaded.atlas, &loaded.matrix, &req);
            let engine = engine_started.elapsed();
            let ids: Vec<i64> = outcome
                .items
                .iter()
                .flat_map(|i| i.jobs.iter().map(|j| j.job.id))
                .collect();
            std::hint::black_box(store.jobs_by_ids(&ids).await?);
            // Round 0 warms up and is not timed.
            if round > 0 {
                times[c].push(t.elapsed());
                search_times[c].push(searched);
                engine_times[c].push(engine);
            }
            homes[c] = outcome.total;
        }
    }
    println!();
    println!(
        "{:<28} {:>7} {:>9} {:>9} {:>9} {:>9} {:>11} {:>11}",
        "class", "homes", "p50 ms", "p95 ms", "p99 ms", "max ms", "search p50", "engine p50"
    );
    for (c, (name, _)) in classes.iter().enumerate() {
        if let (Some(p), Some(s), Some(e)) = (
            Percentiles::of(&times[c]),
            Percentiles::of(&search_times[c]),
            Percentiles::of(&engine_times[c]),
        ) {
            println!(
                "{name:<28} {:>7} {:>9.2} {:>9.2} {:>9.2} {:>9.2} {:>11.2} {:>11.2}",
                homes[c], p.p50, p.p95, p.p99, p.max, s.p50, e.p50
            );
        }
    }
    if let Some(p) = Percentiles::of(&times.concat()) {
        println!(
            "{:<28} {:>7} {:>9.2} {:>9.2} {:>9.2} {:>9.2}",
            "all", "", p.p50, p.p95, p.p99, p.max
        );
        println!(
            "target: p99 ≤ 100 ms per household query — {}",
            if p.p99 <= 100.0 { "met" } else { "MISSED" }
        );
    }
    let mut cmd = format!(
        "bleibe bench match --jobs {jobs} --seed {} --reference-date {reference} --iterations {} --data-dir {}",
        args.seed,
        args.iterations.max(1),
        args.data_dir.display()
    );
    if args.synthetic_matrix {
        cmd.push_str(" --synthetic-matrix");
    }
    println!("reproduce: {cmd}");
    drop(index);
    folder.close()?;
    Ok(())
}

/// The generated car matrix: every ordered pair of places in Brandenburg (`11`) and
/// Saxony (`13`) whose estimate is at most 120 minutes, at the estimate × 0.8–1.2.
fn synthetic_matrix(atlas: &bleibe_matching::Atlas) -> Vec<(i64, i64, f64)> {
    let region: Vec<u32> = (0..atlas.len() as u32)
        .filter(|&i| matches!(atlas.place(i).state_code.as_str(), "11" | "13"))
        .collect();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(2026);
    let mut pairs = Vec::new();
    for &a in &region {
        for &b in &region {
            if a == b {
                continue;
            }
            let minutes = estimate_minutes(Mode::Car, atlas.point(a), atlas.point(b));
            if minutes <= 120.0 {
                let f: f64 = rng.gen_range(0.8..1.2);
                pairs.push((atlas.place(a).id, atlas.place(b).id, minutes * f));
            }
        }
    }
    pairs
}
