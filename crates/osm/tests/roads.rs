//! The car road graph read from real files: a hand-written network whose arcs and times
//! are worked out by hand, and the road network of Monaco (both under `data/osm/`, see
//! `data/SOURCES.md`).

use bleibe_osm::roads::{read_car_graph, OsmError, JUNCTION_DELAY_MS, SIGNAL_DELAY_MS};
use bleibe_routing::ch::Hierarchy;
use bleibe_routing::snap::{largest_component, Snapper};
use bleibe_routing::{Arc, RoadGraph};
use std::path::PathBuf;

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/osm")
        .join(name)
}

/// Mean Earth radius, metres (the one the reader uses).
const R: f64 = 6_371_008.8;

/// Metres between two nodes 0.01° of latitude apart on one meridian: R · Δφ.
fn north_south() -> f64 {
    R * 0.01_f64.to_radians()
}

/// Metres between two nodes 0.01° of longitude apart at latitude `lat` (haversine with
/// Δφ = 0): 2R · asin(cos φ · sin(Δλ/2)).
fn east_west(lat: f64) -> f64 {
    2.0 * R * (lat.to_radians().cos() * 0.005_f64.to_radians().sin()).asin()
}

/// Milliseconds for `metres` at `kmh`.
fn ms(metres: f64, kmh: f64) -> u32 {
    (metres * 3600.0 / kmh).round() as u32
}

fn sorted(mut arcs: Vec<Arc>) -> Vec<(u32, u32, u32)> {
    arcs.sort_by_key(|a| (a.from, a.to));
    arcs.iter().map(|a| (a.from, a.to, a.millis)).collect()
}

#[test]
fn tiny_network_arcs_by_hand() {
    let (graph, stats) = read_car_graph(&data("tiny-network.osm.pbf")).unwrap();

    // Nodes 6 (only on the private and the foot way), 7 (only on the road closed to
    // motor vehicles), 10 (only on a building) and 404 (missing) are not in the graph.
    // The others, numbered in OSM id order: 1→0, 2→1, 3→2, 4→3, 5→4, 8→5, 9→6, 11→7.
    let expected_coords = [
        [51.50, 14.30],
        [51.50, 14.31],
        [51.50, 14.32],
        [51.51, 14.30],
        [51.51, 14.31],
        [51.49, 14.32],
        [51.48, 14.32],
        [51.51, 14.29],
    ];
    assert_eq!(graph.coords.len(), expected_coords.len());
    for (got, want) in graph.coords.iter().zip(expected_coords) {
        assert!((got[0] - want[0]).abs() < 1e-7 && (got[1] - want[1]).abs() < 1e-7);
    }

    // By hand: a north-south step is 1111.95 m, an east-west step 692.2 m at 51.50° and
    // 692.1 m at 51.51°.
    let ns = north_south();
    assert!((ns - 1111.95).abs() < 0.01, "{ns}");
    let ew_50 = east_west(51.50);
    let ew_51 = east_west(51.51);
    assert!((ew_50 - 692.2).abs() < 0.1, "{ew_50}");
    // Main street: maxspeed 50, driven at 45 km/h: 692.2 m in 55.4 s.
    let main = ms(ew_50, 45.0);
    // Residential, 30 km/h: 1111.95 m in 133.4 s.
    let res_ns = ms(ns, 30.0);
    assert_eq!(res_ns, 133_434);
    let res_ew = ms(ew_51, 30.0);
    // Living street, 7 km/h: 1111.95 m in 571.9 s.
    let living = ms(ns, 7.0);
    assert_eq!(living, 571_860);

    // Main street: 692.2 m at 45 km/h; way 3: 692.1 m at 30 km/h; the driveway 692.1 m
    // at 15 km/h.
    assert_eq!((main, res_ew), (55_376, 83_046));
    let drive = ms(ew_51, 15.0);
    assert_eq!(drive, 166_093);
    // Node 2 (index 1) is a junction: ways 1 (twice) and 4 meet there, 3 s to arrive
    // there. Node 3 (index 2) has traffic signals: 4 s. Node 4 (index 3) is no junction:
    // the third road there is a driveway.
    let (j, sig) = (JUNCTION_DELAY_MS, SIGNAL_DELAY_MS);
    assert_eq!((j, sig), (3_000, 4_000));
    let want = vec![
        // Way 1, both ways: 1 – 2 – 3.
        (0, 1, main + j),
        // Way 2: 1 → 4 only.
        (0, 3, res_ns),
        (1, 0, main),
        (1, 2, main + sig),
        (2, 1, main + j),
        // Way 8: living street 3 – 8.
        (2, 5, living),
        // Way 3: 4 – 5, both ways.
        (3, 4, res_ew),
        // Way 11: the driveway 4 – 11.
        (3, 7, drive),
        // Way 4 (oneway=-1, drawn 2 → 5): 5 → 2 only.
        (4, 1, res_ns + j),
        (4, 3, res_ew),
        (5, 2, living + sig),
        // Way 9: 8 – 9 (9 – 404 dropped).
        (5, 6, res_ns),
        (6, 5, res_ns),
        (7, 3, drive),
    ];
    assert_eq!(sorted(graph.arcs.clone()), want);

    assert_eq!(stats.ways, 11);
    assert_eq!(stats.car_ways, 7);
    assert_eq!(stats.oneway_ways, 2);
    assert_eq!(stats.closed_ways, 2);
    assert_eq!(stats.ways_with_missing_nodes, 1);
    assert_eq!(stats.missing_nodes, 1);
    assert_eq!(stats.segments_skipped, 1);
    assert_eq!(stats.nodes, 8);
    assert_eq!(stats.arcs, 14);
    assert_eq!((stats.signals, stats.junctions), (1, 1));
    let b = stats.bounds.unwrap();
    assert_eq!((b.min_lat, b.max_lat), (51.48, 51.51));
    assert_eq!((b.min_lon, b.max_lon), (14.29, 14.32));
    assert!(b.contains(51.5, 14.31) && !b.contains(51.52, 14.31));
}

#[test]
fn tiny_network_routes_honour_oneways() {
    let (graph, _) = read_car_graph(&data("tiny-network.osm.pbf")).unwrap();
    let ch = Hierarchy::contract(&graph);
    let ns = north_south();
    let (main, res_ns, res_ew) = (
        ms(east_west(51.50), 45.0),
        ms(ns, 30.0),
        ms(east_west(51.51), 30.0),
    );
    // 2 → 4: not up way 4 (one-way the other way), but west along the main street and
    // north up way 2.
    assert_eq!(ch.query(1, 3), Some(main + res_ns));
    // 4 → 2: east along way 3, south down way 4 into the junction.
    let j = JUNCTION_DELAY_MS;
    assert_eq!(ch.query(3, 1), Some(res_ew + res_ns + j));
    // 4 → 1: way 2 is one-way north; round by 5 and 2.
    assert_eq!(ch.query(3, 0), Some(res_ew + res_ns + j + main));
    // Everything agrees with plain Dijkstra.
    let n = graph.coords.len() as u32;
    let all: Vec<u32> = (0..n).collect();
    let table = ch.many_to_many(&all, &all);
    for s in 0..n {
        let dijkstra = bleibe_routing::dijkstra::shortest_from(&graph, s);
        assert_eq!(
            &table[(s * n) as usize..((s + 1) * n) as usize],
            &dijkstra[..]
        );
    }
}

#[test]
fn monaco_counts_are_plausible() {
    let (graph, stats) = read_car_graph(&data("monaco-roads.osm.pbf")).unwrap();
    // The extract (a rectangle around Monaco, with parts of Beausoleil, Cap-d'Ail and
    // Roquebrune) holds 2,927 ways with a highway tag.
    assert_eq!(stats.ways, 2927);
    assert!((800..2500).contains(&stats.car_ways), "{stats:?}");
    assert!((3_000..20_000).contains(&stats.nodes), "{stats:?}");
    assert!(
        stats.arcs > stats.nodes && stats.arcs < 3 * stats.nodes,
        "{stats:?}"
    );
    assert!(stats.oneway_ways > 50, "{stats:?}");
    assert!(stats.closed_ways > 10, "{stats:?}");
    assert_eq!(stats.ways_with_missing_nodes, 0, "{stats:?}");
    let b = stats.bounds.unwrap();
    assert!(
        b.contains(43.7384, 7.4246),
        "Monaco-Ville lies inside {b:?}"
    );
    assert!(b.min_lat > 43.7 && b.max_lat < 43.78 && b.min_lon > 7.34 && b.max_lon < 7.5);
    assert_eq!(graph.coords.len(), stats.nodes);
    assert_eq!(graph.arcs.len(), stats.arcs);
    // Every segment is a few metres to a few hundred; none is faster than the cap.
    for arc in &graph.arcs {
        let m = bleibe_routing::snap::haversine(
            graph.coords[arc.from as usize],
            graph.coords[arc.to as usize],
        );
        assert!(m < 5_000.0, "{m}");
        let kmh = m / 1000.0 / (f64::from(arc.millis.max(1)) / 3_600_000.0);
        assert!(kmh < 131.0, "{kmh} km/h on {arc:?}");
    }
}

/// Snaps to the largest component, as `bleibe import roads` does.
fn snap(graph: &RoadGraph, keep: &[bool], lat: f64, lon: f64) -> u32 {
    let snapper = Snapper::new_filtered(&graph.coords, keep);
    let (node, metres) = snapper.nearest(lat, lon).unwrap();
    assert!(metres < 300.0, "{metres} m from ({lat}, {lon})");
    node
}

#[test]
fn monaco_routes_between_distant_points() {
    let (graph, _) = read_car_graph(&data("monaco-roads.osm.pbf")).unwrap();
    let keep = largest_component(&graph);
    let in_largest = keep.iter().filter(|k| **k).count();
    assert!(in_largest * 10 > graph.coords.len() * 7, "{in_largest}");
    // Fontvieille (stadium), Monte-Carlo (casino), Larvotto beach, Monaco-Ville (palace).
    let points = [
        (43.7276, 7.4155),
        (43.7394, 7.4283),
        (43.7446, 7.4356),
        (43.7314, 7.4204),
    ];
    let nodes: Vec<u32> = points
        .iter()
        .map(|&(lat, lon)| snap(&graph, &keep, lat, lon))
        .collect();
    let ch = Hierarchy::contract(&graph);
    let table = ch.many_to_many(&nodes, &nodes);
    for (i, &s) in nodes.iter().enumerate() {
        let dijkstra = bleibe_routing::dijkstra::shortest_from(&graph, s);
        for (j, &t) in nodes.iter().enumerate() {
            let time = table[i * nodes.len() + j];
            assert_eq!(time, dijkstra[t as usize], "{i} → {j}");
            assert_eq!(time, ch.query(s, t), "{i} → {j}");
            let secs = f64::from(time.expect("a route")) / 1000.0;
            if i == j {
                assert_eq!(secs, 0.0);
            } else {
                // Across Monaco by car: one to fifteen minutes.
                assert!((60.0..900.0).contains(&secs), "{i} → {j}: {secs} s");
            }
        }
    }
}

#[test]
fn missing_file_names_the_file() {
    let err = read_car_graph(&data("no-such-file.osm.pbf")).unwrap_err();
    assert!(matches!(err, OsmError::Read { .. }));
    assert!(err.to_string().contains("no-such-file.osm.pbf"), "{err}");
}

#[test]
fn non_pbf_file_is_an_error_not_a_panic() {
    let err = read_car_graph(&data("tiny-network.osm")).unwrap_err();
    assert!(err.to_string().contains("tiny-network.osm"), "{err}");
}
