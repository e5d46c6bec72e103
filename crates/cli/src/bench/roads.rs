//! `bleibe bench roads`: car routing with our contraction hierarchy on a generated
//! road-like graph ([`bleibe_routing::synthetic::road_like`]) or on a hierarchy file:
//! contraction time, one-to-many from random sources to 1,000 random targets,
//! point-to-point queries, and a full many-to-many matrix between random places;
//! checked against Dijkstra on a few sources when the graph is at hand.

use super::report::{mib, ms, secs, Percentiles};
use anyhow::Context;
use bleibe_routing::dijkstra::shortest_from;
use bleibe_routing::{largest_component, synthetic, Hierarchy};
use clap::Args;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Options of `bleibe bench roads`.
#[derive(Args, Debug)]
pub struct RoadsBench {
    /// Nodes of the generated road-like graph.
    #[arg(long, default_value_t = 2_500_000)]
    nodes: usize,
    /// Random seed of the graph and of the nodes picked as sources, targets and places.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Targets of every one-to-many query.
    #[arg(long, default_value_t = 1000)]
    targets: usize,
    /// Places of the many-to-many matrix (places × places).
    #[arg(long, default_value_t = 812)]
    places: usize,
    /// Timed one-to-many queries (one per random source), and a hundred times as many
    /// point-to-point queries.
    #[arg(long, default_value_t = 100)]
    queries: usize,
    /// Benchmark this hierarchy file (as `bleibe import roads` writes it) instead of a
    /// generated graph; nothing is contracted and nothing checked against Dijkstra.
    #[arg(long)]
    hierarchy: Option<PathBuf>,
    /// Save the contracted hierarchy to this file (for a later --hierarchy).
    #[arg(long, conflicts_with = "hierarchy")]
    save: Option<PathBuf>,
    /// How many one-to-many sources, and how many rows of the matrix, are checked
    /// against Dijkstra (generated graph only).
    #[arg(long, default_value_t = 2)]
    check: usize,
}

/// SplitMix64: the random node picks, reproducible from the seed.
struct Picks(u64);

impl Picks {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// `count` nodes drawn from `pool` (with repetition).
    fn nodes(&mut self, pool: &[u32], count: usize) -> Vec<u32> {
        (0..count)
            .map(|_| pool[(self.next() % pool.len() as u64) as usize])
            .collect()
    }
}

/// CPU time of this process so far, all threads (Linux: /proc/self/stat, in the usual
/// 100 ticks per second).
fn process_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit(')').next()?.split_whitespace().collect();
    let user: u64 = fields.get(11)?.parse().ok()?;
    let system: u64 = fields.get(12)?.parse().ok()?;
    Some(Duration::from_millis((user + system) * 10))
}

/// Percentiles as "p50 … ms, p95 …, p99 …, max …".
fn line(times: &[Duration]) -> String {
    match Percentiles::of(times) {
        Some(p) => format!(
            "p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
            p.p50, p.p95, p.p99, p.max
        ),
        None => "no runs".into(),
    }
}

/// Runs `bleibe bench roads`.
pub fn run(args: RoadsBench) -> anyhow::Result<()> {
    if cfg!(debug_assertions) {
        println!("note: a debug build; build with --release for figures worth quoting");
    }
    let mut picks = Picks(args.seed ^ 0x5EED_0FB1_E1BE);
    let mut graph = None;
    let ch = match &args.hierarchy {
        Some(path) => {
            let started = Instant::now();
            let ch = Hierarchy::load(path)
                .with_context(|| format!("cannot load the hierarchy {}", path.display()))?;
            println!(
                "hierarchy: {} loaded in {}: {} nodes, {} arcs",
                path.display(),
                secs(started.elapsed()),
                ch.num_nodes(),
                ch.num_arcs()
            );
            ch
        }
        None => {
            let started = Instant::now();
            let g = synthetic::road_like(args.nodes, args.seed);
            println!(
                "graph: generated road-like (seed {}): {} nodes, {} arcs, in {}",
                args.seed,
                g.coords.len(),
                g.arcs.len(),
                secs(started.elapsed())
            );
            let started = Instant::now();
            let cpu = process_cpu();
            let ch = Hierarchy::contract(&g);
            let took = started.elapsed();
            let cpu = match (cpu, process_cpu()) {
                (Some(before), Some(after)) => {
                    format!(", {} CPU in all threads", secs(after - before))
                }
                _ => String::new(),
            };
            println!(
                "contraction: {}{cpu} ({} arcs in the hierarchy, {:.2} per input arc)",
                secs(took),
                ch.num_arcs(),
                ch.num_arcs() as f64 / g.arcs.len().max(1) as f64
            );
            if let Some(path) = &args.save {
                let started = Instant::now();
                ch.save(path)
                    .with_context(|| format!("cannot save the hierarchy to {}", path.display()))?;
                let bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
                println!(
                    "saved to {} ({}) in {}",
                    path.display(),
                    mib(bytes),
                    secs(started.elapsed())
                );
            }
            graph = Some(g);
            ch
        }
    };
    anyhow::ensure!(ch.num_nodes() > 0, "the graph has no nodes");

    // Sources, targets and places: from the largest strongly connected component when
    // the graph is at hand (as places are snapped), else from all nodes.
    let pool: Vec<u32> = match &graph {
        Some(g) => {
            let keep = largest_component(g);
            let pool: Vec<u32> = (0..g.coords.len() as u32)
                .filter(|&v| keep[v as usize])
                .collect();
            println!(
                "picking nodes from the largest strongly connected component: {} nodes ({:.1} %)",
                pool.len(),
                100.0 * pool.len() as f64 / g.coords.len() as f64
            );
            pool
        }
        None => (0..ch.num_nodes() as u32).collect(),
    };
    let queries = args.queries.max(1);
    let targets = picks.nodes(&pool, args.targets);
    let sources = picks.nodes(&pool, queries);

    // One-to-many, the same targets from every source: the first call sweeps the
    // targets' upward closure, the second prepares it (RPHAST), later ones reuse that.
    println!();
    println!(
        "one-to-many: {} random sources to the same {} random targets",
        queries, args.targets
    );
    let mut same = Vec::with_capacity(queries);
    let mut reached = 0usize;
    for &s in &sources {
        let started = Instant::now();
        let row = ch.one_to_many(s, &targets);
        same.push(started.elapsed());
        reached += row.iter().filter(|d| d.is_some()).count();
    }
    println!("  every call            {}", line(&same));
    if same.len() > 2 {
        println!(
            "  from the third call   {}  (prepared targets reused)",
            line(&same[2..])
        );
    }
    println!(
        "  first call {:.2} ms, second call (prepares) {:.2} ms; {:.1} % of the pairs reachable",
        ms(same[0]),
        same.get(1).map_or(0.0, |&d| ms(d)),
        100.0 * reached as f64 / (queries * args.targets).max(1) as f64
    );
    let started = Instant::now();
    let prepared = ch.prepare_targets(&targets);
    println!(
        "  prepare_targets alone {:.2} ms (upward closure: {} nodes)",
        ms(started.elapsed()),
        prepared.closure_len()
    );
    drop(prepared);
    let mut fresh = Vec::with_capacity(queries);
    for &s in &sources {
        let other = picks.nodes(&pool, args.targets);
        let started = Instant::now();
        std::hint::black_box(ch.one_to_many(s, &other));
        fresh.push(started.elapsed());
    }
    println!("  new targets each call {}", line(&fresh));

    // Point-to-point.
    let pairs = 100 * queries;
    let from = picks.nodes(&pool, pairs);
    let to = picks.nodes(&pool, pairs);
    let mut single = Vec::with_capacity(pairs);
    for (&s, &t) in from.iter().zip(&to) {
        let started = Instant::now();
        std::hint::black_box(ch.query(s, t));
        single.push(started.elapsed());
    }
    println!();
    println!("point-to-point: {pairs} random pairs");
    println!("  {}", line(&single));

    // Many-to-many.
    let places = picks.nodes(&pool, args.places);
    let started = Instant::now();
    let matrix = ch.many_to_many(&places, &places);
    let took = started.elapsed();
    println!();
    println!(
        "many-to-many: {0} × {0} random places in {1:.3} s ({2:.1} % of the pairs reachable; \
         {3} threads)",
        args.places,
        took.as_secs_f64(),
        100.0 * matrix.iter().filter(|d| d.is_some()).count() as f64 / matrix.len().max(1) as f64,
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );

    // Cross-check with Dijkstra: one-to-many from the first sources, matrix rows of the
    // first places.
    if let Some(g) = &graph {
        let mut mismatches = 0;
        let reversed: Vec<u32> = targets.iter().rev().copied().collect();
        for &s in sources.iter().take(args.check) {
            let reference = shortest_from(g, s);
            // The prepared targets, then the same in another order (a new list: swept).
            for list in [&targets, &reversed] {
                let answer = ch.one_to_many(s, list);
                mismatches += list
                    .iter()
                    .zip(&answer)
                    .filter(|&(&t, &d)| reference[t as usize] != d)
                    .count();
            }
        }
        for (i, &s) in places.iter().enumerate().take(args.check) {
            let reference = shortest_from(g, s);
            let row = &matrix[i * places.len()..(i + 1) * places.len()];
            mismatches += places
                .iter()
                .zip(row)
                .filter(|&(&t, &d)| reference[t as usize] != d)
                .count();
        }
        println!();
        if mismatches == 0 {
            println!(
                "check: one-to-many (prepared and swept) from {0} sources and {0} rows of the \
                 matrix equal Dijkstra for every target",
                args.check.min(queries)
            );
        } else {
            println!("check: {mismatches} answers DIFFER from Dijkstra");
            anyhow::bail!("{mismatches} answers differ from Dijkstra");
        }
    }

    println!();
    println!(
        "peak RSS (VmHWM) of this process: {}",
        super::report::proc_status_bytes("VmHWM").map_or("n/a".into(), mib)
    );
    println!(
        "machine: {} cores available to this process",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let mut cmd = match &args.hierarchy {
        Some(path) => format!("bleibe bench roads --hierarchy {}", path.display()),
        None => format!("bleibe bench roads --nodes {}", args.nodes),
    };
    cmd.push_str(&format!(
        " --seed {} --targets {} --places {} --queries {}",
        args.seed, args.targets, args.places, queries
    ));
    println!("reproduce: {cmd}");
    Ok(())
}
