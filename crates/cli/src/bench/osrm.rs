//! `bleibe bench osrm`: our car routing beside OSRM's on the same OpenStreetMap extract.
//!
//! Reads the extract with our car profile ([`bleibe_osm::roads`]), contracts it, picks N
//! deterministic random points (a seeded generator draws coordinates inside the graph's
//! bounding box; each is snapped to the nearest node of the largest strongly connected
//! component and kept if that node lies within [`MAX_SNAP_M`] and was not picked before),
//! and computes the N × N table of travel times — ours with
//! [`Hierarchy::many_to_many`], OSRM's with its table service
//! (`/table/v1/driving/…?annotations=duration`) for the very same node coordinates. It
//! prints both preprocessing times (OSRM's measured by `scripts/osrm-compare.sh` and
//! passed in), both table times (OSRM's includes HTTP on the loopback and JSON), and how
//! far the durations agree: the median and 90th percentile of the relative difference
//! over all pairs both engines route, and in which direction.
//!
//! What differs by design: OSRM's car profile adds penalties by turn angle (more for
//! U-turns), at traffic signals and barriers, honours turn restrictions, and has its own
//! speeds (its defaults, and 80 % of a signed limit); ours has its own speeds (90 % of a
//! signed limit), a fixed delay at every node with traffic signals and at every junction,
//! and no turn restrictions (see the car profile in [`bleibe_osm::roads`]).

use anyhow::{bail, Context};
use bleibe_osm::roads::Bounds;
use bleibe_routing::ch::Hierarchy;
use bleibe_routing::snap::{largest_component, Snapper};
use clap::Args;
use rand::{Rng, SeedableRng};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// A random point is used only if a node of the largest component lies this close,
/// metres (points in the sea or a forest are drawn again).
pub const MAX_SNAP_M: f64 = 250.0;

/// Options of `bleibe bench osrm`.
#[derive(Args, Debug)]
pub struct OsrmBench {
    /// The OpenStreetMap extract (`.osm.pbf`) that OSRM was built from.
    #[arg(long)]
    pbf: PathBuf,
    /// Base URL of a running `osrm-routed` on this extract (car profile), e.g.
    /// `http://127.0.0.1:5000`. Start it with a --max-table-size of at least --points.
    #[arg(long)]
    osrm_url: String,
    /// Number of points: the tables are N × N.
    #[arg(long, default_value_t = 200)]
    points: usize,
    /// Seed of the random points.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Timed rounds of each table (after one untimed round); the median is reported.
    #[arg(long, default_value_t = 5)]
    rounds: usize,
    /// Seconds osrm-extract took (for the report; scripts/osrm-compare.sh measures it).
    #[arg(long)]
    osrm_extract_secs: Option<f64>,
    /// Seconds osrm-contract took (for the report).
    #[arg(long)]
    osrm_contract_secs: Option<f64>,
}

/// Runs the comparison.
pub async fn run(args: OsrmBench) -> anyhow::Result<()> {
    if cfg!(debug_assertions) {
        println!("note: a debug build; build with --release for figures worth quoting");
    }
    if args.points < 2 {
        bail!("--points must be at least 2");
    }

    // Our preprocessing.
    let path = args.pbf.clone();
    let started = Instant::now();
    let (graph, stats) = tokio::task::spawn_blocking(move || bleibe_osm::read_car_graph(&path))
        .await
        .context("the reader thread failed")??;
    let read_time = started.elapsed();
    let Some(bounds) = stats.bounds else {
        bail!("{} holds no roads for cars", args.pbf.display());
    };
    let started = Instant::now();
    let (graph, ch) = tokio::task::spawn_blocking(move || {
        let ch = Hierarchy::contract(&graph);
        (graph, ch)
    })
    .await
    .context("the contraction thread failed")?;
    let contract_time = started.elapsed();

    // The points.
    let keep = largest_component(&graph);
    let snapper = Snapper::new_filtered(&graph.coords, &keep);
    let nodes = pick_points(&snapper, &bounds, args.points, args.seed);
    if nodes.len() < args.points {
        bail!(
            "found only {} of {} points within {MAX_SNAP_M} m of the road network",
            nodes.len(),
            args.points
        );
    }
    let coords: Vec<[f64; 2]> = nodes.iter().map(|&n| graph.coords[n as usize]).collect();
    let n = nodes.len();

    // Our table.
    let rounds = args.rounds.max(1);
    let (ours, our_times) = tokio::task::spawn_blocking(move || {
        let table = ch.many_to_many(&nodes, &nodes);
        let times: Vec<Duration> = (0..rounds)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(ch.many_to_many(&nodes, &nodes));
                t.elapsed()
            })
            .collect();
        (table, times)
    })
    .await
    .context("the routing thread failed")?;

    // OSRM's table.
    let url = table_url(&args.osrm_url, &coords);
    let client = reqwest::Client::new();
    let first = fetch(&client, &url).await?;
    let osrm = parse_table(&first, n)?;
    let mut osrm_times = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let t = Instant::now();
        std::hint::black_box(fetch(&client, &url).await?);
        osrm_times.push(t.elapsed());
    }

    // Agreement.
    let cmp = compare(&ours, &osrm.durations, n);

    println!(
        "extract: {} — {} car ways, {} nodes, {} arcs (our car profile); {} of {} nodes in the \
         largest strongly connected component",
        args.pbf.display(),
        stats.car_ways,
        stats.nodes,
        stats.arcs,
        keep.iter().filter(|k| **k).count(),
        stats.nodes
    );
    println!(
        "points: {n} (seed {}), random in the bounding box, each on a node of our largest \
         component within {MAX_SNAP_M} m; OSRM snapped them {:.1} m away on median \
         (max {:.1} m)",
        args.seed,
        median(&osrm.snap_m).unwrap_or(f64::NAN),
        osrm.snap_m.iter().copied().fold(0.0, f64::max),
    );
    println!();
    println!("{:<34} {:>12} {:>12}", "", "bleibe", "OSRM");
    let osrm_pre = match (args.osrm_extract_secs, args.osrm_contract_secs) {
        (Some(e), Some(c)) => (secs(e), secs(c), secs(e + c)),
        _ => ("n/a".into(), "n/a".into(), "n/a".into()),
    };
    println!(
        "{:<34} {:>12} {:>12}",
        "read / osrm-extract",
        secs(read_time.as_secs_f64()),
        osrm_pre.0
    );
    println!(
        "{:<34} {:>12} {:>12}",
        "contract (CH)",
        secs(contract_time.as_secs_f64()),
        osrm_pre.1
    );
    println!(
        "{:<34} {:>12} {:>12}",
        "preprocessing in all",
        secs((read_time + contract_time).as_secs_f64()),
        osrm_pre.2
    );
    println!(
        "{:<34} {:>12} {:>12}",
        format!("{n}×{n} table, median of {rounds}"),
        format!("{:.2} ms", median_ms(&our_times)),
        format!("{:.2} ms", median_ms(&osrm_times))
    );
    println!(
        "(OSRM's table time is a whole HTTP request on the loopback: request, JSON, transfer)"
    );
    println!();
    println!(
        "agreement over {} ordered pairs routed by both ({} only by bleibe, {} only by OSRM, {} \
         by neither):",
        cmp.rel.len(),
        cmp.only_ours,
        cmp.only_osrm,
        cmp.neither
    );
    let abs: Vec<f64> = cmp.rel.iter().map(|r| r.abs()).collect();
    println!(
        "  |bleibe − OSRM| / OSRM: median {:.1} %, p90 {:.1} %",
        100.0 * median(&abs).unwrap_or(f64::NAN),
        100.0 * percentile(&abs, 0.9).unwrap_or(f64::NAN)
    );
    let signed = median(&cmp.rel).unwrap_or(f64::NAN);
    let faster = cmp.rel.iter().filter(|r| **r < 0.0).count();
    println!(
        "  direction: bleibe is {} on median ({:+.1} %); faster than OSRM on {} of {} pairs \
         ({:.0} %)",
        if signed < 0.0 { "faster" } else { "slower" },
        100.0 * signed,
        faster,
        cmp.rel.len(),
        100.0 * faster as f64 / cmp.rel.len().max(1) as f64
    );
    println!("  by OSRM's duration:");
    for (label, lo, hi) in [
        ("under 5 min", 0.0, 300.0),
        ("5–15 min", 300.0, 900.0),
        ("15–30 min", 900.0, 1800.0),
        ("30 min and more", 1800.0, f64::INFINITY),
    ] {
        let part: Vec<f64> = cmp
            .pairs
            .iter()
            .filter(|(_, o)| (lo..hi).contains(o))
            .map(|(b, o)| b / o - 1.0)
            .collect();
        if part.is_empty() {
            continue;
        }
        let abs: Vec<f64> = part.iter().map(|r| r.abs()).collect();
        println!(
            "    {label:<16} {:>6} pairs: median |diff| {:>5.1} %, signed median {:>+6.1} %",
            part.len(),
            100.0 * median(&abs).unwrap_or(f64::NAN),
            100.0 * median(&part).unwrap_or(f64::NAN)
        );
    }
    let verdict = if median(&abs).is_some_and(|m| m <= 0.10) {
        "met"
    } else {
        "NOT met"
    };
    println!("  target (median |diff| ≤ 10 %): {verdict}");
    println!(
        "(bleibe: our car profile, with fixed delays at traffic signals ({} s) and junctions \
         ({} s), no turn angles, no turn restrictions; OSRM: its car.lua, with penalties by \
         turn angle, at signals and barriers, and turn restrictions)",
        f64::from(bleibe_osm::roads::SIGNAL_DELAY_MS) / 1000.0,
        f64::from(bleibe_osm::roads::JUNCTION_DELAY_MS) / 1000.0
    );
    println!(
        "machine: {} cores available to this process",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!(
        "reproduce: scripts/osrm-compare.sh (or bleibe bench osrm --pbf {} --osrm-url {} \
         --points {} --seed {} --rounds {rounds})",
        args.pbf.display(),
        args.osrm_url,
        args.points,
        args.seed
    );
    Ok(())
}

/// Draws points until `wanted` distinct nodes are found (or many draws failed).
fn pick_points(snapper: &Snapper, bounds: &Bounds, wanted: usize, seed: u64) -> Vec<u32> {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut picked: Vec<u32> = Vec::with_capacity(wanted);
    let mut draws = 0;
    while picked.len() < wanted && draws < wanted * 1000 {
        draws += 1;
        let lat = rng.gen_range(bounds.min_lat..=bounds.max_lat);
        let lon = rng.gen_range(bounds.min_lon..=bounds.max_lon);
        if let Some((node, metres)) = snapper.nearest(lat, lon) {
            if metres <= MAX_SNAP_M && !picked.contains(&node) {
                picked.push(node);
            }
        }
    }
    picked
}

/// The table service URL for `coords` (latitude, longitude), as OSRM wants them:
/// longitude first.
fn table_url(base: &str, coords: &[[f64; 2]]) -> String {
    let list: Vec<String> = coords
        .iter()
        .map(|c| format!("{:.7},{:.7}", c[1], c[0]))
        .collect();
    format!(
        "{}/table/v1/driving/{}?annotations=duration",
        base.trim_end_matches('/'),
        list.join(";")
    )
}

async fn fetch(client: &reqwest::Client, url: &str) -> anyhow::Result<String> {
    let response = client
        .get(url)
        .send()
        .await
        .context("cannot reach OSRM (is osrm-routed running at --osrm-url?)")?;
    let status = response.status();
    let body = response.text().await.context("reading OSRM's answer")?;
    if !status.is_success() {
        bail!(
            "OSRM answered {status}: {}",
            body.chars().take(300).collect::<String>()
        );
    }
    Ok(body)
}

/// OSRM's table: durations in seconds (`None`: no route), and how far it snapped each
/// point.
#[derive(Debug)]
struct OsrmTable {
    durations: Vec<Option<f64>>,
    snap_m: Vec<f64>,
}

fn parse_table(body: &str, n: usize) -> anyhow::Result<OsrmTable> {
    let json: serde_json::Value =
        serde_json::from_str(body).context("OSRM's answer is not JSON")?;
    if json["code"] != "Ok" {
        bail!("OSRM answered code {}: {}", json["code"], json["message"]);
    }
    let rows = json["durations"]
        .as_array()
        .context("OSRM's answer has no durations")?;
    if rows.len() != n {
        bail!("OSRM's table has {} rows, not {n}", rows.len());
    }
    let mut durations = Vec::with_capacity(n * n);
    for row in rows {
        let row = row.as_array().context("a row of durations is no array")?;
        if row.len() != n {
            bail!("a row of OSRM's table has {} columns, not {n}", row.len());
        }
        durations.extend(row.iter().map(serde_json::Value::as_f64));
    }
    let snap_m = json["sources"]
        .as_array()
        .map(|s| s.iter().filter_map(|w| w["distance"].as_f64()).collect())
        .unwrap_or_default();
    Ok(OsrmTable { durations, snap_m })
}

/// How two tables (ours in ms, OSRM's in s, row-major n × n) agree, over ordered pairs of
/// distinct points.
#[derive(Debug, Default)]
struct Comparison {
    /// (bleibe s, OSRM s) for every pair both route, OSRM's time above zero.
    pairs: Vec<(f64, f64)>,
    /// bleibe ÷ OSRM − 1 for each of `pairs`.
    rel: Vec<f64>,
    only_ours: usize,
    only_osrm: usize,
    neither: usize,
}

fn compare(ours: &[Option<u32>], osrm: &[Option<f64>], n: usize) -> Comparison {
    let mut c = Comparison::default();
    for i in 0..n {
        for j in 0..n {
            if i == j {
                continue;
            }
            let k = i * n + j;
            match (ours[k], osrm[k]) {
                (Some(b), Some(o)) if o > 0.0 => {
                    let b = f64::from(b) / 1000.0;
                    c.pairs.push((b, o));
                    c.rel.push(b / o - 1.0);
                }
                (Some(_), Some(_)) => {}
                (Some(_), None) => c.only_ours += 1,
                (None, Some(_)) => c.only_osrm += 1,
                (None, None) => c.neither += 1,
            }
        }
    }
    c
}

/// The `p` quantile (nearest rank) of `values`.
fn percentile(values: &[f64], p: f64) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable_by(f64::total_cmp);
    let rank = (p * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

fn median(values: &[f64]) -> Option<f64> {
    percentile(values, 0.5)
}

/// Seconds, in ms below one second.
fn secs(s: f64) -> String {
    if s < 1.0 {
        format!("{:.0} ms", s * 1000.0)
    } else {
        format!("{s:.1} s")
    }
}

fn median_ms(times: &[Duration]) -> f64 {
    let ms: Vec<f64> = times.iter().map(|t| t.as_secs_f64() * 1000.0).collect();
    median(&ms).unwrap_or(f64::NAN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_puts_longitude_first() {
        let url = table_url("http://127.0.0.1:5000/", &[[60.1, 24.9], [60.2, 25.0]]);
        assert_eq!(
            url,
            "http://127.0.0.1:5000/table/v1/driving/24.9000000,60.1000000;25.0000000,60.2000000?annotations=duration"
        );
    }

    #[test]
    fn parses_a_table_with_unreachable_pairs() {
        let body = r#"{"code":"Ok","durations":[[0,12.5],[null,0]],
            "sources":[{"distance":1.5,"location":[24.9,60.1]},{"distance":0.5,"location":[25,60.2]}]}"#;
        let t = parse_table(body, 2).unwrap();
        assert_eq!(t.durations, vec![Some(0.0), Some(12.5), None, Some(0.0)]);
        assert_eq!(t.snap_m, vec![1.5, 0.5]);
        assert!(parse_table(body, 3).is_err());
        assert!(parse_table(
            r#"{"code":"TooBig","message":"Too many table coordinates"}"#,
            2
        )
        .unwrap_err()
        .to_string()
        .contains("TooBig"));
    }

    #[test]
    fn compares_pairs_both_route() {
        let ours = [Some(0), Some(11_000), Some(9_000), Some(0)];
        let osrm = [Some(0.0), Some(10.0), None, Some(0.0)];
        let c = compare(&ours, &osrm, 2);
        assert_eq!(c.pairs, vec![(11.0, 10.0)]);
        assert!((c.rel[0] - 0.1).abs() < 1e-12);
        assert_eq!((c.only_ours, c.only_osrm, c.neither), (1, 0, 0));
    }

    #[test]
    fn nearest_rank_percentiles() {
        let v = [5.0, 1.0, 3.0, 2.0, 4.0];
        assert_eq!(median(&v), Some(3.0));
        assert_eq!(percentile(&v, 0.9), Some(5.0));
        assert_eq!(median(&[]), None);
        assert_eq!(secs(0.0423), "42 ms");
        assert_eq!(secs(12.34), "12.3 s");
    }
}
