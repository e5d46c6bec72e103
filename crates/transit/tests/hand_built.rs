//! Hand-built timetables with answers worked out by hand.
//!
//! Stops lie on the meridian 13° E, 0.1° of latitude (11.1 km) apart unless a test
//! moves one closer. 0.009° of latitude is 1,000.75 m: a walk of 1,000.75 × 1.3 m at
//! 1.25 m/s = 1,041 s (17.35 min).

mod common;

use bleibe_transit::{
    covered_places, place_matrix, IssueKind, MatrixOptions, PlaceTime, Timetable,
};
use common::{hms, place, tuesday, Net, LAT};

/// The minutes from `origin` to `destination`, if the matrix has the pair.
fn minutes(rows: &[PlaceTime], origin: i64, destination: i64) -> Option<f64> {
    rows.iter()
        .find(|r| r.origin_id == origin && r.destination_id == destination)
        .map(|r| r.minutes)
}

fn assert_minutes(rows: &[PlaceTime], origin: i64, destination: i64, want: f64) {
    let got = minutes(rows, origin, destination)
        .unwrap_or_else(|| panic!("no time from {origin} to {destination} in {rows:?}"));
    assert!(
        (got - want).abs() < 1e-9,
        "from {origin} to {destination}: {got} minutes, want {want}"
    );
}

#[test]
fn a_direct_trip_door_to_door() {
    let tt = Net::default()
        .stop("A", LAT)
        .stop("B", LAT + 0.1)
        .trip("T1", "WD", &[("A", "07:00:00"), ("B", "07:20:00")])
        .timetable();
    assert_eq!(
        (tt.stop_count(), tt.trips_running(), tt.pattern_count()),
        (2, 1, 1)
    );
    let places = [
        place(1, LAT),
        place(2, LAT + 0.1),
        // 1,000.75 m north of A.
        place(3, LAT + 0.009),
    ];
    let rows = place_matrix(&tt, &places, &MatrixOptions::default());
    assert_minutes(&rows, 1, 2, 20.0);
    // Walk 1,041 s to A, leave in time for 07:00, ride 20 minutes.
    assert_minutes(&rows, 3, 2, 20.0 + 1041.0 / 60.0);
    // Between 1 and 3 one walks.
    assert_minutes(&rows, 1, 3, 1041.0 / 60.0);
    assert_minutes(&rows, 3, 1, 1041.0 / 60.0);
    // Nothing runs back.
    assert_eq!(minutes(&rows, 2, 1), None);
    assert_eq!(minutes(&rows, 2, 3), None);
    assert_eq!(rows.len(), 4, "{rows:?}");

    assert_eq!(
        tt.earliest_arrival(&[(tt.stop_index("A").unwrap(), hms(6, 0, 0))], 6)
            [tt.stop_index("B").unwrap()],
        Some(hms(7, 20, 0))
    );
    assert_eq!(
        tt.earliest_arrival(&[(tt.stop_index("A").unwrap(), hms(7, 0, 1))], 6)
            [tt.stop_index("B").unwrap()],
        None,
        "missed it"
    );
}

/// Line 1 runs A → C, line 2 D → B; D lies `gap` degrees north of C.
fn two_lines(gap: f64) -> Net {
    let mut net = Net::default();
    net.stop("A", LAT)
        .stop("C", LAT + 0.1)
        .stop("D", LAT + 0.1 + gap)
        .stop("B", LAT + 0.2)
        .trip("L1", "WD", &[("A", "07:00:00"), ("C", "07:20:00")])
        .trip("L2", "WD", &[("D", "07:30:00"), ("B", "07:50:00")]);
    net
}

#[test]
fn a_change_only_possible_on_foot() {
    let places = [place(1, LAT), place(2, LAT + 0.2)];
    let options = MatrixOptions::default();

    // 0.0027° = 300.2 m: a footpath of 241 s (300.2 m at 1.25 m/s), 07:24:01 at D.
    let tt = two_lines(0.0027).timetable();
    assert_eq!(tt.footpath_count(), 2, "C → D and D → C");
    let rows = place_matrix(&tt, &places, &options);
    assert_minutes(&rows, 1, 2, 50.0);
    let arrivals = tt.earliest_arrival(&[(tt.stop_index("A").unwrap(), hms(6, 50, 0))], 6);
    assert_eq!(arrivals[tt.stop_index("D").unwrap()], Some(hms(7, 24, 1)));
    assert_eq!(arrivals[tt.stop_index("B").unwrap()], Some(hms(7, 50, 0)));
    // With one vehicle only, B stays out of reach.
    let one = tt.earliest_arrival(&[(tt.stop_index("A").unwrap(), hms(6, 50, 0))], 1);
    assert_eq!(one[tt.stop_index("B").unwrap()], None);

    // 0.0045° = 500.4 m: beyond the 400 m of a footpath, no connection.
    let far = two_lines(0.0045).timetable();
    assert_eq!(far.footpath_count(), 0);
    assert!(place_matrix(&far, &places, &options).is_empty());

    // transfers.txt links them anyway, with 5 minutes to change: 07:25 at D.
    let linked = two_lines(0.0045).transfer("C,D,2,300").timetable();
    assert_eq!(linked.footpath_count(), 1);
    assert_minutes(&place_matrix(&linked, &places, &options), 1, 2, 50.0);
    // But 11 minutes are too many.
    let slow = two_lines(0.0045).transfer("C,D,2,660").timetable();
    assert!(place_matrix(&slow, &places, &options).is_empty());

    // And transfer_type 3 forbids the short walk.
    let forbidden = two_lines(0.0027).transfer("C,D,3,").timetable();
    assert_eq!(forbidden.footpath_count(), 1, "D → C remains");
    assert!(place_matrix(&forbidden, &places, &options).is_empty());
}

#[test]
fn a_later_fast_departure_beats_an_earlier_slow_one() {
    let tt = Net::default()
        .stop("A", LAT)
        .stop("X", LAT + 0.1)
        .stop("B", LAT + 0.2)
        // Slow, via X: 60 minutes.
        .trip(
            "SLOW",
            "WD",
            &[("A", "06:10:00"), ("X", "06:40:00"), ("B", "07:10:00")],
        )
        // Fast, direct: 15 minutes.
        .trip("FAST", "WD", &[("A", "07:30:00"), ("B", "07:45:00")])
        .timetable();
    let rows = place_matrix(
        &tt,
        &[place(1, LAT), place(2, LAT + 0.2)],
        &MatrixOptions::default(),
    );
    assert_minutes(&rows, 1, 2, 15.0);
    // Leaving at 06:00, the slow one still arrives first.
    let arrivals = tt.earliest_arrival(&[(tt.stop_index("A").unwrap(), hms(6, 0, 0))], 6);
    assert_eq!(arrivals[tt.stop_index("B").unwrap()], Some(hms(7, 10, 0)));
}

#[test]
fn an_express_overtaking_a_stopping_train_is_taken() {
    // Same stops; the express leaves ten minutes later and arrives half an hour earlier.
    let tt = Net::default()
        .stop("A", LAT)
        .stop("B", LAT + 0.2)
        .trip("STOPPING", "WD", &[("A", "07:00:00"), ("B", "08:00:00")])
        .trip("EXPRESS", "WD", &[("A", "07:10:00"), ("B", "07:30:00")])
        .timetable();
    assert_eq!(tt.pattern_count(), 2, "split so that trips do not overtake");
    let arrivals = tt.earliest_arrival(&[(tt.stop_index("A").unwrap(), hms(6, 55, 0))], 6);
    assert_eq!(arrivals[tt.stop_index("B").unwrap()], Some(hms(7, 30, 0)));
}

#[test]
fn only_departures_inside_the_window_count() {
    let tt = Net::default()
        .stop("A", LAT)
        .stop("B", LAT + 0.1)
        .stop("C", LAT + 0.2)
        .stop("D", LAT + 0.3)
        .stop("E", LAT + 0.4)
        .stop("F", LAT + 0.5)
        .stop("G", LAT + 0.6)
        // To B: fast before and after the window, slow inside.
        .trip("B-EARLY", "WD", &[("A", "05:00:00"), ("B", "05:15:00")])
        .trip("B-IN", "WD", &[("A", "07:00:00"), ("B", "07:40:00")])
        .trip("B-LATE", "WD", &[("A", "09:00:00"), ("B", "09:15:00")])
        // To C only before the window.
        .trip("C-EARLY", "WD", &[("A", "05:30:00"), ("C", "05:50:00")])
        // To D at the window's last minute, to E one minute after.
        .trip("D-EDGE", "WD", &[("A", "08:30:00"), ("D", "08:45:00")])
        .trip("E-AFTER", "WD", &[("A", "08:31:00"), ("E", "08:46:00")])
        // To G with a change at F onto a vehicle after the window: that is fine.
        .trip("F-IN", "WD", &[("A", "08:20:00"), ("F", "08:40:00")])
        .trip("G-LATE", "WD", &[("F", "08:50:00"), ("G", "09:10:00")])
        .timetable();
    let places = [
        place(0, LAT),
        place(1, LAT + 0.1),
        place(2, LAT + 0.2),
        place(3, LAT + 0.3),
        place(4, LAT + 0.4),
        place(5, LAT + 0.5),
        place(6, LAT + 0.6),
    ];
    let rows = place_matrix(&tt, &places, &MatrixOptions::default());
    assert_minutes(&rows, 0, 1, 40.0);
    assert_eq!(minutes(&rows, 0, 2), None, "C only before the window");
    assert_minutes(&rows, 0, 3, 15.0);
    assert_eq!(minutes(&rows, 0, 4), None, "E only after the window");
    assert_minutes(&rows, 0, 5, 20.0);
    assert_minutes(&rows, 0, 6, 50.0);
    assert_eq!(rows.len(), 4, "{rows:?}");

    // A wider window takes the fast trips.
    let all_day = MatrixOptions {
        window_start: 0,
        window_end: hms(23, 59, 59),
        ..MatrixOptions::default()
    };
    let rows = place_matrix(&tt, &places, &all_day);
    assert_minutes(&rows, 0, 1, 15.0);
    assert_minutes(&rows, 0, 2, 20.0);
    assert_minutes(&rows, 0, 4, 15.0);
}

#[test]
fn a_service_not_running_that_day_is_ignored() {
    let net = {
        let mut net = Net::default();
        net.stop("A", LAT)
            .stop("B", LAT + 0.1)
            // The weekday service does not run on Tuesday 3 March ...
            .calendar_date("WD,20260303,2")
            // ... a replacement runs on that day only ...
            .calendar_date("EXTRA,20260303,1")
            // ... and a weekend service never on a Tuesday.
            .calendar("WE,0,0,0,0,0,1,1,20260101,20261231")
            .trip("REGULAR", "WD", &[("A", "07:00:00"), ("B", "07:20:00")])
            .trip(
                "REPLACEMENT",
                "EXTRA",
                &[("A", "07:30:00"), ("B", "08:00:00")],
            )
            .trip("WEEKEND", "WE", &[("A", "07:10:00"), ("B", "07:15:00")]);
        net
    };
    let feed = net.feed();
    let places = [place(1, LAT), place(2, LAT + 0.1)];
    let options = MatrixOptions::default();

    let tt = Timetable::build(&feed, tuesday());
    assert_eq!(tt.trips_running(), 1);
    assert_minutes(&place_matrix(&tt, &places, &options), 1, 2, 30.0);

    let next_tuesday = tuesday() + chrono::Days::new(7);
    let tt = Timetable::build(&feed, next_tuesday);
    assert_eq!(tt.trips_running(), 1);
    assert_minutes(&place_matrix(&tt, &places, &options), 1, 2, 20.0);

    let saturday = tuesday() + chrono::Days::new(4);
    assert_eq!(feed.trips_running_on(saturday), 1);
    assert_minutes(
        &place_matrix(&Timetable::build(&feed, saturday), &places, &options),
        1,
        2,
        5.0,
    );
}

#[test]
fn places_reached_only_on_foot_and_places_too_far_from_any_stop() {
    let tt = Net::default()
        .stop("A", LAT)
        // 1,200.9 m north of A, reached by a winding 40-minute bus.
        .stop("E", LAT + 0.0108)
        // 2,001.5 m north of A, on another line.
        .stop("Z", LAT + 0.018)
        .stop("B", LAT + 0.1)
        .trip("WINDING", "WD", &[("A", "07:00:00"), ("E", "07:40:00")])
        .trip("OTHER", "WD", &[("Z", "07:00:00"), ("B", "07:20:00")])
        .timetable();
    let places = [
        place(1, LAT),
        // 1,000.75 m from 1; its nearest stop is A (or E, 200 m away).
        place(2, LAT + 0.009),
        place(5, LAT + 0.0108),
        place(3, LAT + 0.018),
        // 5.5 km from the nearest stop.
        place(4, LAT + 0.05),
    ];
    let options = MatrixOptions::default();
    assert_eq!(covered_places(&tt, &places, &options), [1, 2, 5, 3]);
    let rows = place_matrix(&tt, &places, &options);
    // Only on foot: 1,041 s.
    assert_minutes(&rows, 1, 2, 1041.0 / 60.0);
    // The walk (1,200.9 m × 1.3 at 1.25 m/s = 1,249 s) beats the 40-minute bus.
    assert_minutes(&rows, 1, 5, 1249.0 / 60.0);
    // The bus to E, then 800.6 m on foot (833 s).
    assert_minutes(&rows, 1, 3, 40.0 + 833.0 / 60.0);
    // Back: no line towards A, and 2 km is too far to walk the whole way.
    assert_eq!(minutes(&rows, 3, 1), None);
    // The uncovered place appears nowhere.
    assert!(
        rows.iter()
            .all(|r| r.origin_id != 4 && r.destination_id != 4),
        "{rows:?}"
    );
}

#[test]
fn frequencies_run_a_trip_once_per_headway() {
    let tt = Net::default()
        .stop("A", LAT)
        .stop("B", LAT + 0.1)
        // The template's times give the offsets: 25 minutes.
        .trip("SHUTTLE", "WD", &[("A", "12:00:00"), ("B", "12:25:00")])
        .frequency("SHUTTLE,06:00:00,09:00:00,1200")
        .timetable();
    assert_eq!(tt.trips_running(), 1);
    assert_eq!(tt.journey_count(), 9, "06:00, 06:20, … 08:40");
    let arrivals = tt.earliest_arrival(&[(tt.stop_index("A").unwrap(), hms(7, 1, 0))], 6);
    assert_eq!(arrivals[tt.stop_index("B").unwrap()], Some(hms(7, 45, 0)));
    let rows = place_matrix(
        &tt,
        &[place(1, LAT), place(2, LAT + 0.1)],
        &MatrixOptions::default(),
    );
    assert_minutes(&rows, 1, 2, 25.0);
}

#[test]
fn yesterdays_trips_past_midnight_run_today() {
    let tt = Net::default()
        .stop("A", LAT)
        .stop("B", LAT + 0.1)
        .stop("C", LAT + 0.2)
        // Monday's late trip reaches B at 06:10 on Tuesday and C at 06:30.
        .trip(
            "NIGHT",
            "WD",
            &[("A", "29:50:00"), ("B", "30:10:00"), ("C", "30:30:00")],
        )
        .timetable();
    assert_eq!(tt.trips_running(), 1);
    assert_eq!(
        tt.journey_count(),
        2,
        "Tuesday's own (tonight) and Monday's"
    );
    let arrivals = tt.earliest_arrival(&[(tt.stop_index("B").unwrap(), hms(6, 0, 0))], 6);
    assert_eq!(arrivals[tt.stop_index("C").unwrap()], Some(hms(6, 30, 0)));
}

#[test]
fn bad_records_are_counted_and_skipped() {
    let mut net = Net::default();
    net.stop("A", LAT)
        .stop("B", LAT + 0.1)
        .trip("GOOD", "WD", &[("A", "07:00:00"), ("B", "07:20:00")])
        .trip("BACKWARDS", "WD", &[("A", "07:30:00"), ("B", "07:10:00")])
        .trip("GHOST", "WD", &[("A", "07:00:00"), ("NOWHERE", "07:10:00")])
        .trip(
            "NO-SERVICE",
            "NEVER",
            &[("A", "07:00:00"), ("B", "07:10:00")],
        )
        .trip("ALONE", "WD", &[("A", "07:00:00")])
        .frequency("GOOD,06:00:00,07:00:00,0")
        .stop_without_coordinates("NOCOORDS");
    let feed = net.feed();
    assert_eq!(feed.trip_count(), 1);
    assert_eq!(feed.trips_listed(), 5);
    let issues = feed.issues();
    assert_eq!(issues.count(IssueKind::TripTimesBackwards), 1);
    assert_eq!(issues.count(IssueKind::TripWithUnknownStop), 1);
    assert_eq!(issues.count(IssueKind::TripWithUnknownService), 1);
    assert_eq!(issues.count(IssueKind::TripTooShort), 1);
    assert_eq!(issues.count(IssueKind::InvalidFrequency), 1);
    assert_eq!(issues.count(IssueKind::StopWithoutCoordinates), 1);
    assert_eq!(issues.total(), 6);
    let backwards = issues
        .iter()
        .find(|(k, _)| *k == IssueKind::TripTimesBackwards)
        .unwrap()
        .1;
    assert_eq!(
        backwards.examples,
        ["trip BACKWARDS at stop B (stop_sequence 2) arrives 07:10:00 before it left the previous stop at 07:30:00"]
    );
    let tt = Timetable::build(&feed, tuesday());
    assert_minutes(
        &place_matrix(
            &tt,
            &[place(1, LAT), place(2, LAT + 0.1)],
            &MatrixOptions::default(),
        ),
        1,
        2,
        20.0,
    );
}
