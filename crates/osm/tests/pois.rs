//! Points of interest from the hand-written fixture `tests/fixtures/pois.osm` (converted
//! to `.pbf` with osmium, see the comment in the `.osm`).

use bleibe_osm::pois::{file_timestamp, read_pois, PoiKind};
use std::path::Path;

fn fixture() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/pois.osm.pbf"
    ))
}

#[test]
fn nodes_and_ways_become_points_of_interest() {
    let pois = read_pois(fixture()).expect("read");
    let count = |kind| pois.iter().filter(|p| p.kind == kind).count();
    use PoiKind::*;
    assert_eq!(count(RailStation), 1);
    assert_eq!(count(Gp), 2, "Spremberg and the one in Poland");
    assert_eq!(count(Paediatrician), 1);
    assert_eq!(count(Kita), 3, "two nodes and a way");
    assert_eq!(count(PrimarySchool), 1);
    assert_eq!(count(SecondarySchool), 1);
    assert_eq!(count(Supermarket), 1);
    assert_eq!(count(Sport), 2, "a club and a pitch; not the private pool");
    assert_eq!(count(Culture), 1);
    assert_eq!(count(Recreation), 1);
    assert_eq!(count(Social), 1);
    assert_eq!(count(Tourism), 1);
    assert_eq!(count(Other), 0);
    assert_eq!(pois.len(), 16);

    // A closed way sits at the centroid of its distinct nodes.
    let park = pois.iter().find(|p| p.kind == Recreation).expect("park");
    assert!((park.lat - 51.5625).abs() < 1e-7, "{park:?}");
    assert!((park.lon - 14.365).abs() < 1e-7, "{park:?}");
    // A way with a missing node is placed by the nodes the file has.
    let kita = pois
        .iter()
        .filter(|p| p.kind == Kita)
        .find(|p| p.lat > 51.7)
        .expect("kita way");
    assert!((kita.lat - 51.751).abs() < 1e-7 && (kita.lon - 14.32).abs() < 1e-7);
    // Sorted, so the same file always gives the same list.
    assert_eq!(pois, read_pois(fixture()).expect("again"));
}

#[test]
fn the_header_says_when_the_extract_was_made() {
    // 2026-10-01T00:00:00Z
    assert_eq!(
        file_timestamp(fixture()).expect("header"),
        Some(1_790_812_800)
    );
}

#[test]
fn a_missing_file_is_an_error_naming_it() {
    let err = read_pois(Path::new("/nonexistent/pois.osm.pbf")).expect_err("missing");
    assert!(
        err.to_string().contains("/nonexistent/pois.osm.pbf"),
        "{err}"
    );
}
