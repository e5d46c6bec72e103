//! Tiny GTFS feeds written from code into a temporary directory, so each test shows its
//! whole timetable next to its assertions.

#![allow(dead_code)]

use bleibe_transit::{Feed, PlacePoint, Timetable};
use chrono::NaiveDate;
use std::fmt::Write as _;

/// 2026-03-03, a Tuesday.
pub fn tuesday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 3).unwrap()
}

/// Latitude and longitude of the line the test stops lie on: 0.1° of latitude is
/// 11.1 km, far beyond every walking radius.
pub const LAT: f64 = 52.0;
/// Longitude of every test stop and place.
pub const LON: f64 = 13.0;

/// Metres per degree of latitude with the mean Earth radius 6,371.0088 km.
pub const METRES_PER_DEGREE: f64 = 111_194.93;

/// A GTFS feed under construction. Service `WD` runs Monday to Friday in 2026.
pub struct Net {
    stops: String,
    trips: String,
    stop_times: String,
    calendar: String,
    calendar_dates: String,
    transfers: String,
    frequencies: String,
}

impl Default for Net {
    fn default() -> Self {
        Net {
            stops: "stop_id,stop_name,stop_lat,stop_lon\n".into(),
            trips: "route_id,service_id,trip_id\n".into(),
            stop_times: "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n".into(),
            calendar: "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n\
                       WD,1,1,1,1,1,0,0,20260101,20261231\n"
                .into(),
            calendar_dates: "service_id,date,exception_type\n".into(),
            transfers: String::new(),
            frequencies: String::new(),
        }
    }
}

impl Net {
    /// Adds stop `id` at (`lat`, [`LON`]).
    pub fn stop(&mut self, id: &str, lat: f64) -> &mut Self {
        writeln!(self.stops, "{id},Stop {id},{lat},{LON}").unwrap();
        self
    }

    /// Adds stop `id` with empty stop_lat and stop_lon.
    pub fn stop_without_coordinates(&mut self, id: &str) -> &mut Self {
        writeln!(self.stops, "{id},Stop {id},,").unwrap();
        self
    }

    /// Adds trip `id` of `service` calling at (stop, HH:MM:SS) in order, arriving and
    /// departing at the same time.
    pub fn trip(&mut self, id: &str, service: &str, calls: &[(&str, &str)]) -> &mut Self {
        writeln!(self.trips, "R,{service},{id}").unwrap();
        for (seq, (stop, time)) in calls.iter().enumerate() {
            writeln!(self.stop_times, "{id},{time},{time},{stop},{}", seq + 1).unwrap();
        }
        self
    }

    /// Adds a calendar.txt row.
    pub fn calendar(&mut self, row: &str) -> &mut Self {
        writeln!(self.calendar, "{row}").unwrap();
        self
    }

    /// Adds a calendar_dates.txt row (service_id,date,exception_type).
    pub fn calendar_date(&mut self, row: &str) -> &mut Self {
        writeln!(self.calendar_dates, "{row}").unwrap();
        self
    }

    /// Adds a transfers.txt row (from_stop_id,to_stop_id,transfer_type,min_transfer_time).
    pub fn transfer(&mut self, row: &str) -> &mut Self {
        writeln!(self.transfers, "{row}").unwrap();
        self
    }

    /// Adds a frequencies.txt row (trip_id,start_time,end_time,headway_secs).
    pub fn frequency(&mut self, row: &str) -> &mut Self {
        writeln!(self.frequencies, "{row}").unwrap();
        self
    }

    /// Writes the feed and reads it back.
    pub fn feed(&self) -> Feed {
        let dir = tempfile::tempdir().unwrap();
        let mut files = vec![
            ("agency.txt", "agency_name,agency_url,agency_timezone\nTest,https://example.invalid,Europe/Berlin\n".to_string()),
            ("routes.txt", "route_id,route_short_name,route_type\nR,1,3\n".to_string()),
            ("stops.txt", self.stops.clone()),
            ("trips.txt", self.trips.clone()),
            ("stop_times.txt", self.stop_times.clone()),
            ("calendar.txt", self.calendar.clone()),
            ("calendar_dates.txt", self.calendar_dates.clone()),
        ];
        if !self.transfers.is_empty() {
            files.push((
                "transfers.txt",
                format!(
                    "from_stop_id,to_stop_id,transfer_type,min_transfer_time\n{}",
                    self.transfers
                ),
            ));
        }
        if !self.frequencies.is_empty() {
            files.push((
                "frequencies.txt",
                format!(
                    "trip_id,start_time,end_time,headway_secs\n{}",
                    self.frequencies
                ),
            ));
        }
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        Feed::read(dir.path()).unwrap()
    }

    /// The timetable of [`tuesday`].
    pub fn timetable(&self) -> Timetable {
        Timetable::build(&self.feed(), tuesday())
    }
}

/// A place on the test line.
pub fn place(id: i64, lat: f64) -> PlacePoint {
    PlacePoint { id, lat, lon: LON }
}

/// Seconds after midnight.
pub fn hms(h: u32, m: u32, s: u32) -> u32 {
    h * 3600 + m * 60 + s
}
