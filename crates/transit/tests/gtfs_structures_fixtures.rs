//! The feeds shipped with gtfs-structures (see `fixtures/SOURCES.md`), with facts read off
//! their files by hand.

use bleibe_transit::{place_matrix, Feed, IssueKind, MatrixOptions, PlacePoint, Timetable};
use chrono::NaiveDate;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn hms(h: u32, m: u32, s: u32) -> u32 {
    h * 3600 + m * 60 + s
}

/// `fixtures/basic`, read from a directory. One trip, stop2 14:00 → stop3 15:00 → stop4
/// 16:00, run by frequencies.txt once at 05:30 (05:30 to 05:38 every 480 s), so at
/// stop3 06:30 and stop4 07:30; on weekends of 1–15 January 2017 but not on the 1st.
#[test]
fn basic_directory() {
    let feed = Feed::read(&fixture("gtfs-structures-basic")).unwrap();
    assert_eq!(feed.stop_count(), 6, "stop1 … stop6");
    assert_eq!(feed.route_count(), 3, "1, invalid_type, default_colors");
    assert_eq!((feed.trips_listed(), feed.trip_count()), (1, 1));
    // stop6 has no coordinates, but as a generic node (location_type 3) needs none.
    assert!(feed.issues().is_empty(), "{:?}", feed.issues());
    assert_eq!(
        feed.service_range(),
        Some((day("2017-01-01"), day("2017-01-15")))
    );
    // It runs on no Tuesday: the first day it runs, Saturday 7 January.
    assert_eq!(
        feed.default_service_date(day("2026-11-30")),
        day("2017-01-07")
    );
    for (date, runs) in [
        ("2017-01-01", 0), // a Sunday, removed in calendar_dates.txt
        ("2017-01-07", 1),
        ("2017-01-08", 1),
        ("2017-01-09", 0), // a Monday
        ("2017-01-14", 1),
        ("2017-01-21", 0), // after the end
    ] {
        assert_eq!(feed.trips_running_on(day(date)), runs, "{date}");
    }

    let tt = Timetable::build(&feed, day("2017-01-07"));
    assert_eq!(tt.stop_count(), 3, "stop2, stop3, stop4");
    assert_eq!(
        (tt.trips_running(), tt.journey_count(), tt.pattern_count()),
        (1, 1, 1)
    );
    // All three lie at one point: footpaths of 0 s both ways between each pair.
    assert_eq!(tt.footpath_count(), 6);
    let [stop2, stop3, stop4] = ["stop2", "stop3", "stop4"].map(|id| tt.stop_index(id).unwrap());
    let from_stop2 = tt.earliest_arrival(&[(stop2, hms(5, 0, 0))], 6);
    assert_eq!(from_stop2[stop3], Some(hms(6, 30, 0)));
    // The vehicle reaches stop4 at 07:30, but the walk from stop3 takes no time.
    assert_eq!(from_stop2[stop4], Some(hms(6, 30, 0)));
    // Boarding at stop3 (pickup_type 2, by arrangement, counts as possible).
    let from_stop3 = tt.earliest_arrival(&[(stop3, hms(6, 0, 0))], 6);
    assert_eq!(from_stop3[stop4], Some(hms(7, 30, 0)));
    // The only departure is missed.
    let late = tt.earliest_arrival(&[(stop2, hms(5, 30, 1))], 6);
    assert_eq!(late[stop3], None);
}

/// `fixtures/zips/metra.zip`, read from a zip: stop times for trip BNSF_BN1200_V4_A only
/// (AURORA 04:00:01, NAPERVILLE 04:13:00, … CUS 05:12:00), service A1 on weekdays from
/// 30 May to 17 December 2023.
#[test]
fn metra_zip() {
    let feed = Feed::read(&fixture("gtfs-structures-metra.zip")).unwrap();
    assert_eq!(feed.stop_count(), 240);
    assert_eq!(feed.route_count(), 11);
    assert_eq!(feed.trips_listed(), 4928);
    assert_eq!(feed.trip_count(), 1);
    // Every other trip has no stop times in this excerpt.
    assert_eq!(feed.issues().count(IssueKind::TripTooShort), 4927);
    assert_eq!(feed.issues().total(), 4927);
    assert_eq!(
        feed.service_range(),
        Some((day("2023-05-30"), day("2023-12-17")))
    );
    assert_eq!(
        feed.default_service_date(day("2026-11-30")),
        day("2023-05-30")
    );
    assert_eq!(
        feed.default_service_date(day("2023-06-01")),
        day("2023-06-06")
    );
    assert_eq!(feed.trips_running_on(day("2023-12-19")), 0);

    let tt = Timetable::build(&feed, day("2023-06-06"));
    assert_eq!((tt.stop_count(), tt.trips_running()), (17, 1));
    assert_eq!(tt.footpath_count(), 0, "no two stations within 400 m");
    let index = |id: &str| tt.stop_index(id).unwrap();
    let arrivals = tt.earliest_arrival(&[(index("AURORA"), hms(4, 0, 0))], 6);
    assert_eq!(arrivals[index("NAPERVILLE")], Some(hms(4, 13, 0)));
    assert_eq!(arrivals[index("CUS")], Some(hms(5, 12, 0)));
    let missed = tt.earliest_arrival(&[(index("AURORA"), hms(4, 0, 2))], 6);
    assert_eq!(missed[index("CUS")], None);

    // Places at three stations; no other served station within 1.5 km of them.
    let places = [
        PlacePoint {
            id: 1,
            lat: 41.7608333,
            lon: -88.3083333,
        }, // AURORA
        PlacePoint {
            id: 2,
            lat: 41.7797222,
            lon: -88.1455556,
        }, // NAPERVILLE
        PlacePoint {
            id: 3,
            lat: 41.8788889,
            lon: -87.6388889,
        }, // CUS
    ];
    let early = MatrixOptions {
        window_start: hms(3, 45, 0),
        window_end: hms(4, 30, 0),
        ..MatrixOptions::default()
    };
    let rows: Vec<(i64, i64, f64)> = place_matrix(&tt, &places, &early)
        .into_iter()
        .map(|r| (r.origin_id, r.destination_id, r.minutes))
        .collect();
    assert_eq!(
        rows,
        [
            // 04:00:01 → 04:13:00 and → 05:12:00.
            (1, 2, 779.0 / 60.0),
            (1, 3, 4319.0 / 60.0),
            // 04:13:00 → 05:12:00.
            (2, 3, 59.0),
        ]
    );
    // The weekday morning window (06:00–08:30) sees no departure.
    assert!(place_matrix(&tt, &places, &MatrixOptions::default()).is_empty());
}
