//! `bleibe import roads`: the car road graph of an OpenStreetMap extract, contracted and
//! kept under the data dir, and the place-to-place car travel times it gives.
//!
//! 1. Read the car graph with the profile of [`bleibe_osm::roads`].
//! 2. Contract it ([`Hierarchy::contract`]) and save it to `<data-dir>/roads/car.ch`
//!    (through a temporary file and a rename, so a reader never sees half a file).
//! 3. Snap every place of the store that lies inside the extract's bounding box to the
//!    nearest node of the largest strongly connected component of the graph (nodes from
//!    which most of the network can be reached and that can be reached from it). A place
//!    farther than `--max-snap-m` (2 km) from any such node is skipped and listed.
//! 4. Route every snapped place to every other one ([`Hierarchy::many_to_many`], in
//!    blocks of rows) and replace the cached car times from roads in the store with the
//!    pairs of at most `--max-minutes` (180): the cache stays bounded, and a trip of
//!    more than three hours is no commute. An extract with no place of the store inside
//!    leaves the cached times alone.
//!
//! A time is the routed time between the two nodes plus the way from each place's centre
//! to its node: the straight line at [`ACCESS_KMH`] (at most 2 km, so at most 6 minutes
//! at each end). Times are free-flow times without turn or signal penalties (see the car
//! profile in [`bleibe_osm::roads`]).

use super::spinner;
use crate::{db, DbArgs};
use anyhow::{bail, Context};
use bleibe_domain::living::{Mode, TimeSource};
use bleibe_osm::roads::{Bounds, RoadStats};
use bleibe_routing::ch::Hierarchy;
use bleibe_routing::snap::{largest_component, Snapper};
use bleibe_routing::RoadGraph;
use bleibe_store::living::TravelTimeRow;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Speed of the way from a place's centre to its road node, straight line, km/h: slow
/// local streets and the detour of a straight line through blocks.
pub const ACCESS_KMH: f64 = 20.0;

/// Rows of the place-to-place matrix routed at once (bounds memory; the progress bar
/// moves per block).
const ROWS_PER_BLOCK: usize = 256;

/// Options of `bleibe import roads`.
#[derive(Args, Debug)]
pub struct RoadsArgs {
    #[command(flatten)]
    db: DbArgs,
    /// The OpenStreetMap extract (`.osm.pbf`), e.g. Brandenburg and Saxony from a
    /// Geofabrik download merged with osmium.
    #[arg(long)]
    pbf: PathBuf,
    /// Places farther than this from the road network (metres, straight line to the
    /// nearest node of its largest component) are skipped.
    #[arg(long, default_value_t = 2000.0)]
    max_snap_m: f64,
    /// Only pairs of places at most this many minutes apart are stored.
    #[arg(long, default_value_t = 180.0)]
    max_minutes: f64,
}

/// Where the contracted car graph is kept.
pub fn hierarchy_path(data_dir: &Path) -> PathBuf {
    data_dir.join("roads").join("car.ch")
}

/// Reads the car graph of `pbf` on a blocking thread, with a spinner.
async fn read_graph(pbf: &Path) -> anyhow::Result<(RoadGraph, RoadStats, Duration)> {
    let bar = spinner(&format!("reading the car roads of {}", pbf.display()));
    let started = Instant::now();
    let path = pbf.to_path_buf();
    let read = tokio::task::spawn_blocking(move || bleibe_osm::read_car_graph(&path))
        .await
        .context("the reader thread failed")?;
    bar.finish_and_clear();
    let (graph, stats) = read?;
    Ok((graph, stats, started.elapsed()))
}

/// The snapped places: store id, node, metres from the centre to the node.
struct Snapped {
    ids: Vec<i64>,
    nodes: Vec<u32>,
    access_m: Vec<f64>,
}

/// Runs the import.
pub async fn run(args: RoadsArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let (store, _) = db::open(&args.db).await?;
    db::load_initial(store.as_ref(), 0).await?;

    let (graph, stats, read_time) = read_graph(&args.pbf).await?;
    let Some(bounds) = stats.bounds else {
        bail!("{} holds no roads for cars", args.pbf.display());
    };
    println!(
        "read {}: {} car ways ({} one-way; {} closed by access tags), {} nodes ({} with \
         traffic signals, {} other junctions), {} arcs in {:.1} s",
        args.pbf.display(),
        stats.car_ways,
        stats.oneway_ways,
        stats.closed_ways,
        stats.nodes,
        stats.signals,
        stats.junctions,
        stats.arcs,
        read_time.as_secs_f64()
    );
    if stats.ways_with_missing_nodes > 0 {
        println!(
            "  bad data: {} ways name {} nodes the file does not hold; {} segments left out",
            stats.ways_with_missing_nodes, stats.missing_nodes, stats.segments_skipped
        );
    }

    // Contract and save.
    let bar = spinner("contracting");
    let contract_started = Instant::now();
    let (graph, hierarchy) = tokio::task::spawn_blocking(move || {
        let ch = Hierarchy::contract(&graph);
        (graph, ch)
    })
    .await
    .context("the contraction thread failed")?;
    let contract_time = contract_started.elapsed();
    bar.finish_and_clear();
    let path = hierarchy_path(&args.db.data_dir);
    let dir = path.parent().expect("a file in a folder");
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    // `save` writes a temporary file beside `path` and renames it.
    hierarchy
        .save(&path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    let file_size = std::fs::metadata(&path).map_or(0, |m| m.len());
    println!(
        "contracted in {:.1} s: {} arcs in the hierarchy; saved to {} ({:.1} MiB)",
        contract_time.as_secs_f64(),
        hierarchy.num_arcs(),
        path.display(),
        file_size as f64 / 1_048_576.0
    );

    // Snap the places inside the extract.
    let places = store.places().await.context("reading the places")?;
    let inside: Vec<_> = places
        .iter()
        .filter(|p| bounds.contains(p.lat, p.lon))
        .collect();
    let keep = largest_component(&graph);
    let in_largest = keep.iter().filter(|k| **k).count();
    let snapper = Snapper::new_filtered(&graph.coords, &keep);
    drop(graph);
    let mut snapped = Snapped {
        ids: Vec::new(),
        nodes: Vec::new(),
        access_m: Vec::new(),
    };
    let mut skipped = Vec::new();
    for place in &inside {
        match snapper.nearest(place.lat, place.lon) {
            Some((node, metres)) if metres <= args.max_snap_m => {
                snapped.ids.push(place.id);
                snapped.nodes.push(node);
                snapped.access_m.push(metres);
            }
            found => skipped.push((place, found.map(|(_, m)| m))),
        }
    }
    println!(
        "places: {} in the store, {} inside the extract's bounds {}, {} snapped to the largest \
         component ({} of {} nodes), {} skipped (farther than {:.0} m from it)",
        places.len(),
        inside.len(),
        show_bounds(&bounds),
        snapped.ids.len(),
        in_largest,
        hierarchy.num_nodes(),
        skipped.len(),
        args.max_snap_m
    );
    for (place, metres) in skipped.iter().take(20) {
        let how_far = metres.map_or("no node".to_string(), |m| format!("{:.1} km", m / 1000.0));
        println!(
            "  skipped: {} ({}, {:.4}, {:.4}): {how_far}",
            place.name, place.id, place.lat, place.lon
        );
    }
    if skipped.len() > 20 {
        println!("  … and {} more", skipped.len() - 20);
    }

    // The matrix, in blocks of rows.
    let matrix_started = Instant::now();
    let n = snapped.nodes.len();
    let bar = ProgressBar::new(n as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} places routed  eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let max_minutes = args.max_minutes;
    let (rows, pairs_routed, unreachable) = tokio::task::spawn_blocking(move || {
        let mut rows = Vec::new();
        let mut routed = 0_u64;
        let mut unreachable = 0_u64;
        for first in (0..n).step_by(ROWS_PER_BLOCK) {
            let last = (first + ROWS_PER_BLOCK).min(n);
            let block = hierarchy.many_to_many(&snapped.nodes[first..last], &snapped.nodes);
            for (k, time) in block.iter().enumerate() {
                let (i, j) = (first + k / n, k % n);
                if i == j {
                    continue;
                }
                routed += 1;
                let Some(millis) = time else {
                    unreachable += 1;
                    continue;
                };
                let minutes = minutes(*millis, snapped.access_m[i] + snapped.access_m[j]);
                if minutes <= max_minutes {
                    rows.push(TravelTimeRow {
                        origin_id: snapped.ids[i],
                        destination_id: snapped.ids[j],
                        minutes,
                    });
                }
            }
            bar.set_position(last as u64);
        }
        bar.finish_and_clear();
        (rows, routed, unreachable)
    })
    .await
    .context("the routing thread failed")?;
    let matrix_time = matrix_started.elapsed();
    println!(
        "routed {pairs_routed} pairs of places in {:.1} s ({unreachable} unreachable); {} within \
         {:.0} minutes",
        matrix_time.as_secs_f64(),
        rows.len(),
        args.max_minutes
    );

    if inside.is_empty() {
        println!(
            "no place of the store lies inside this extract: the cached road times were left \
             as they were; total {:.1} s",
            started.elapsed().as_secs_f64()
        );
        return Ok(());
    }
    let write_started = Instant::now();
    let written = store
        .replace_travel_times(Mode::Car, TimeSource::Road, &rows)
        .await
        .context("writing the travel times")?;
    println!(
        "wrote {written} car travel times (source: road) in {:.1} s, replacing the earlier \
         road times; total {:.1} s",
        write_started.elapsed().as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// Minutes of a trip: the routed time plus `access_m` (both ends) at [`ACCESS_KMH`].
fn minutes(routed_millis: u32, access_m: f64) -> f64 {
    f64::from(routed_millis) / 60_000.0 + access_m / 1000.0 / ACCESS_KMH * 60.0
}

fn show_bounds(b: &Bounds) -> String {
    format!(
        "({:.3}, {:.3})–({:.3}, {:.3})",
        b.min_lat, b.min_lon, b.max_lat, b.max_lon
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    use bleibe_routing::snap::haversine;
    use std::collections::HashMap;

    const WELZOW: i64 = 2811348;
    const HAIDEMUEHL: i64 = 2912053;
    const SPREMBERG: i64 = 2830085;

    #[tokio::test]
    async fn imports_times_between_the_places_inside() {
        let dir = tempfile::tempdir().unwrap();
        let db = DbArgs {
            data_dir: dir.path().to_path_buf(),
            database_url: None,
        };
        let pbf =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/osm/lusatia-roads.osm.pbf");
        let args = RoadsArgs {
            db: db.clone(),
            pbf,
            max_snap_m: 2000.0,
            max_minutes: 180.0,
        };
        run(args).await.unwrap();
        assert!(hierarchy_path(dir.path()).is_file());
        let ch = Hierarchy::load(&hierarchy_path(dir.path())).unwrap();
        assert_eq!(ch.num_nodes(), 4);

        let (store, _) = db::open(&db).await.unwrap();
        let rows = store.travel_times(Mode::Car).await.unwrap();
        let got: HashMap<(i64, i64), f64> = rows
            .iter()
            .map(|(r, source)| {
                assert_eq!(*source, TimeSource::Road);
                ((r.origin_id, r.destination_id), r.minutes)
            })
            .collect();
        // Welzow, Haidemühl and Spremberg, both ways; Groß Döbbern and Drebkau (inside
        // the bounds, 4.9 and 8.6 km from the nearest node) were skipped.
        assert_eq!(got.len(), 6, "{got:?}");

        // By hand: the nodes and the places' coordinates (places-de.tsv.gz).
        let (n1, n2, n3) = ([51.5838, 14.1700], [51.5518, 14.2220], [51.5696, 14.3730]);
        let (welzow, haidemuehl, spremberg) = (
            [51.58381, 14.17082],
            [51.5518, 14.22195],
            [51.5696, 14.37385],
        );
        let leg = |a, b, kmh: f64| (haversine(a, b) * 3600.0 / kmh).round() / 60_000.0;
        let access = |place, node| haversine(place, node) / 1000.0 / ACCESS_KMH * 60.0;
        let w_h = leg(n1, n2, 90.0) + access(welzow, n1) + access(haidemuehl, n2);
        let w_s =
            leg(n1, n2, 90.0) + leg(n2, n3, 80.0) + access(welzow, n1) + access(spremberg, n3);
        for ((from, to), want) in [
            ((WELZOW, HAIDEMUEHL), w_h),
            ((HAIDEMUEHL, WELZOW), w_h),
            ((WELZOW, SPREMBERG), w_s),
            ((SPREMBERG, WELZOW), w_s),
        ] {
            let minutes = got[&(from, to)];
            assert!(
                (minutes - want).abs() < 1e-6,
                "{from} → {to}: {minutes} ≠ {want}"
            );
        }
        // Welzow – Spremberg: about 15 km of road, a little over 10 minutes.
        assert!((10.0..13.0).contains(&w_s), "{w_s}");
    }

    #[test]
    fn minutes_add_the_access_at_both_ends() {
        // 10 minutes routed, 1 km of access in all at 20 km/h: 3 minutes more.
        assert!((minutes(600_000, 1000.0) - 13.0).abs() < 1e-9);
        assert_eq!(minutes(0, 0.0), 0.0);
    }
}
