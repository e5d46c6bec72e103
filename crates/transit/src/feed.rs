//! Reading a GTFS feed (a zip file or a directory) with gtfs-structures into plain tables
//! that do not depend on the day: stops with coordinates, trips with checked and
//! interpolated stop times, services, frequencies and transfers. Bad records are counted
//! in [`Issues`] and skipped.

use crate::calendar::{self, representative_weekday, Service};
use crate::issues::{IssueKind, Issues};
use chrono::{Days, NaiveDate};
use gtfs_structures::{
    Exception, GtfsReader, LocationType, PickupDropOffType, RawGtfs, TransferType,
};
use std::collections::HashMap;
use std::error::Error as _;
use std::path::{Path, PathBuf};

/// How far [`Feed::default_service_date`] looks for a day with trips.
pub const SEARCH_DAYS: u64 = 800;

/// Why a feed could not be read at all (bad single records are [`Issues`] instead).
#[derive(Debug, thiserror::Error)]
pub enum TransitError {
    /// The path is no readable zip file or directory.
    #[error("cannot read the GTFS feed {}", path.display())]
    Read {
        /// The path given.
        path: PathBuf,
        /// What gtfs-structures reported.
        #[source]
        source: gtfs_structures::Error,
    },
    /// A file the timetable cannot do without is missing or unreadable.
    #[error("cannot read {file} of the GTFS feed: {}", chain(source))]
    File {
        /// The file name, e.g. `stop_times.txt`.
        file: &'static str,
        /// What gtfs-structures reported.
        source: gtfs_structures::Error,
    },
    /// Neither calendar.txt nor calendar_dates.txt: no day of service is known.
    #[error("the GTFS feed has neither calendar.txt nor calendar_dates.txt")]
    NoCalendar,
}

/// An error with its causes, on one line (gtfs-structures' own messages are terse).
fn chain(e: &gtfs_structures::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    if let gtfs_structures::Error::CSVError {
        line_in_error: Some(line),
        ..
    } = e
    {
        text.push_str(&format!(" (line {:?})", line.values));
    }
    text
}

/// A stop of the feed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FeedStop {
    pub id: String,
    pub name: String,
    /// Latitude, longitude (WGS84 degrees); `None` where the feed has none.
    pub coords: Option<(f64, f64)>,
    /// The index of its parent station, if any.
    pub parent: Option<u32>,
}

/// Boarding allowed (pickup_type is not 1).
pub(crate) const PICKUP: u8 = 1;
/// Alighting allowed (drop_off_type is not 1).
pub(crate) const DROP_OFF: u8 = 2;

/// One call of a trip at a stop; times in seconds after midnight of the service day
/// (GTFS times may pass 24:00:00).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FeedStopTime {
    pub stop: u32,
    pub arrival: u32,
    pub departure: u32,
    /// [`PICKUP`] | [`DROP_OFF`].
    pub flags: u8,
}

/// Departures every `headway` seconds from `start` (inclusive) to `end` (exclusive) at
/// the first stop of a trip; its stop times give the offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FeedFrequency {
    pub start: u32,
    pub end: u32,
    pub headway: u32,
}

/// A trip with checked stop times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FeedTrip {
    pub id: String,
    pub service: u32,
    pub stop_times: Vec<FeedStopTime>,
    pub frequencies: Vec<FeedFrequency>,
}

/// A transfers.txt row between two stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FeedTransfer {
    pub from: u32,
    pub to: u32,
    /// `None`: transfer_type 3, impossible. `Some(None)`: possible, walking time from
    /// the distance. `Some(Some(s))`: min_transfer_time `s` seconds.
    pub walk: Option<Option<u32>>,
}

/// A GTFS feed read into memory, independent of the service day.
#[derive(Debug, Clone, Default)]
pub struct Feed {
    pub(crate) stops: Vec<FeedStop>,
    pub(crate) stop_index: HashMap<String, u32>,
    pub(crate) route_count: usize,
    pub(crate) trips_listed: usize,
    pub(crate) trips: Vec<FeedTrip>,
    pub(crate) services: Vec<Service>,
    pub(crate) transfers: Vec<FeedTransfer>,
    pub(crate) issues: Issues,
}

/// A stop time as read, before checking.
struct RawCall {
    sequence: u32,
    stop: u32,
    arrival: Option<u32>,
    departure: Option<u32>,
    flags: u8,
}

/// What became of a trips.txt row.
enum TripSlot {
    /// Collecting stop times, into this index of `pending`.
    Pending(usize),
    /// Skipped already (reported once); its stop times are dropped silently.
    Skipped,
}

/// `HH:MM:SS` for seconds after midnight (past 24 h as GTFS writes it).
pub fn format_time(secs: u32) -> String {
    format!("{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
}

impl Feed {
    /// Reads a feed from a zip file or a directory of `.txt` files. Fails only when
    /// stops, routes, trips, stop times or both calendar files are missing or
    /// unreadable; single bad records land in [`Feed::issues`].
    pub fn read(path: &Path) -> Result<Feed, TransitError> {
        let raw = GtfsReader::default()
            .read_shapes(false)
            .unkown_enum_as_default(true)
            .raw()
            .read_from_path(path)
            .map_err(|source| TransitError::Read {
                path: path.to_path_buf(),
                source,
            })?;
        Feed::from_raw(raw)
    }

    /// Stops, stations and entrances in stops.txt (distinct ids).
    pub fn stop_count(&self) -> usize {
        self.stops.len()
    }

    /// Rows of routes.txt.
    pub fn route_count(&self) -> usize {
        self.route_count
    }

    /// Rows of trips.txt.
    pub fn trips_listed(&self) -> usize {
        self.trips_listed
    }

    /// Trips kept: known service, at least two stop times, times that do not go
    /// backwards.
    pub fn trip_count(&self) -> usize {
        self.trips.len()
    }

    /// Kept trips whose service runs on `date`.
    pub fn trips_running_on(&self, date: NaiveDate) -> usize {
        let running: Vec<bool> = self.services.iter().map(|s| s.runs_on(date)).collect();
        if !running.contains(&true) {
            return 0;
        }
        self.trips
            .iter()
            .filter(|t| running[t.service as usize])
            .count()
    }

    /// The bad records found, by kind.
    pub fn issues(&self) -> &Issues {
        &self.issues
    }

    /// The first and last day any service of a kept trip could run on.
    pub fn service_range(&self) -> Option<(NaiveDate, NaiveDate)> {
        let mut used = vec![false; self.services.len()];
        for t in &self.trips {
            used[t.service as usize] = true;
        }
        self.services
            .iter()
            .zip(used)
            .filter(|(_, u)| *u)
            .filter_map(|(s, _)| s.range())
            .reduce(|(a, b), (c, d)| (a.min(c), b.max(d)))
    }

    /// The service day to use when none is given: the first Tuesday
    /// ([`representative_weekday`]) on or after `today` on which some trip runs; if the
    /// feed has none from then on (an old feed), the first such Tuesday of the feed; if it
    /// runs on no Tuesday at all, its first day with any trip; if nothing runs, the
    /// Tuesday after `today`. Looks at most [`SEARCH_DAYS`] days ahead of either start.
    pub fn default_service_date(&self, today: NaiveDate) -> NaiveDate {
        let wanted = representative_weekday(today);
        let Some((start, end)) = self.service_range() else {
            return wanted;
        };
        let end = end.min(start + Days::new(SEARCH_DAYS));
        let mut used = vec![false; self.services.len()];
        for t in &self.trips {
            used[t.service as usize] = true;
        }
        let used: Vec<&Service> = self
            .services
            .iter()
            .zip(used)
            .filter_map(|(s, u)| u.then_some(s))
            .collect();
        let runs = |d: &NaiveDate| used.iter().any(|s| s.runs_on(*d));
        let tuesdays = |from: NaiveDate| {
            let last = end.min(from + Days::new(SEARCH_DAYS));
            representative_weekday(from)
                .iter_weeks()
                .take_while(move |d| *d <= last)
        };
        tuesdays(today.max(start))
            .find(runs)
            .or_else(|| tuesdays(start).find(runs))
            .or_else(|| start.iter_days().take_while(|d| *d <= end).find(runs))
            .unwrap_or(wanted)
    }

    /// Builds the tables from what gtfs-structures read.
    fn from_raw(raw: RawGtfs) -> Result<Feed, TransitError> {
        fn required<T>(
            r: Result<Vec<T>, gtfs_structures::Error>,
            file: &'static str,
        ) -> Result<Vec<T>, TransitError> {
            r.map_err(|source| TransitError::File { file, source })
        }
        let mut feed = Feed::default();
        let stops = required(raw.stops, "stops.txt")?;
        feed.route_count = required(raw.routes, "routes.txt")?.len();
        let trips = required(raw.trips, "trips.txt")?;
        let stop_times = required(raw.stop_times, "stop_times.txt")?;
        let calendar = raw
            .calendar
            .map(|r| required(r, "calendar.txt"))
            .transpose()?;
        let calendar_dates = raw
            .calendar_dates
            .map(|r| required(r, "calendar_dates.txt"))
            .transpose()?;
        if calendar.is_none() && calendar_dates.is_none() {
            return Err(TransitError::NoCalendar);
        }
        let frequencies = feed.optional(raw.frequencies, "frequencies.txt");
        let transfers = feed.optional(raw.transfers, "transfers.txt");

        feed.read_stops(stops);
        let service_ids = feed.read_services(calendar.unwrap_or_default(), calendar_dates);
        feed.read_trips(trips, stop_times, &service_ids);
        feed.read_frequencies(frequencies);
        feed.read_transfers(transfers);
        Ok(feed)
    }

    /// An optional file: its rows, or none (and an issue) if unreadable.
    fn optional<T>(
        &mut self,
        r: Option<Result<Vec<T>, gtfs_structures::Error>>,
        file: &str,
    ) -> Vec<T> {
        match r {
            None => Vec::new(),
            Some(Ok(rows)) => rows,
            Some(Err(e)) => {
                self.issues.record(IssueKind::UnreadableFile, || {
                    format!("{file}: {}", chain(&e))
                });
                Vec::new()
            }
        }
    }

    fn read_stops(&mut self, stops: Vec<gtfs_structures::Stop>) {
        let mut parents = Vec::new();
        for s in stops {
            if self.stop_index.contains_key(&s.id) {
                self.issues
                    .record(IssueKind::DuplicateStop, || format!("stop {}", s.id));
                continue;
            }
            let coords = match (s.latitude, s.longitude) {
                (Some(lat), Some(lon))
                    if lat.abs() <= 90.0 && lon.abs() <= 180.0 && (lat, lon) != (0.0, 0.0) =>
                {
                    Some((lat, lon))
                }
                _ => None,
            };
            // Coordinates are required for stops, stations and entrances only.
            let needs_coords = matches!(
                s.location_type,
                LocationType::StopPoint | LocationType::StopArea | LocationType::StationEntrance
            );
            if coords.is_none() && needs_coords {
                self.issues.record(IssueKind::StopWithoutCoordinates, || {
                    format!("stop {} ({})", s.id, s.name.as_deref().unwrap_or(""))
                });
            }
            let index = self.stops.len() as u32;
            self.stop_index.insert(s.id.clone(), index);
            parents.push(s.parent_station.filter(|p| !p.is_empty()));
            self.stops.push(FeedStop {
                id: s.id,
                name: s.name.unwrap_or_default(),
                coords,
                parent: None,
            });
        }
        for (stop, parent) in self.stops.iter_mut().zip(parents) {
            stop.parent = parent.and_then(|p| self.stop_index.get(&p).copied());
        }
    }

    /// Services from both calendar files; returns service_id → index.
    fn read_services(
        &mut self,
        calendar: Vec<gtfs_structures::Calendar>,
        calendar_dates: Option<Vec<gtfs_structures::CalendarDate>>,
    ) -> HashMap<String, u32> {
        fn slot(ids: &mut HashMap<String, u32>, services: &mut Vec<Service>, id: &str) -> usize {
            *ids.entry(id.to_string()).or_insert_with(|| {
                services.push(Service::default());
                (services.len() - 1) as u32
            }) as usize
        }
        let mut ids: HashMap<String, u32> = HashMap::new();
        for c in &calendar {
            let i = slot(&mut ids, &mut self.services, &c.id);
            self.services[i].weekly = calendar::weekly(c);
        }
        for d in calendar_dates.unwrap_or_default() {
            let i = slot(&mut ids, &mut self.services, &d.service_id);
            let Some(date) = calendar::ymd(d.date.year(), d.date.month(), d.date.day()) else {
                continue;
            };
            match d.exception_type {
                Exception::Added => self.services[i].added.push(date),
                Exception::Deleted => self.services[i].removed.push(date),
            }
        }
        ids
    }

    fn read_trips(
        &mut self,
        trips: Vec<gtfs_structures::RawTrip>,
        stop_times: Vec<gtfs_structures::RawStopTime>,
        service_ids: &HashMap<String, u32>,
    ) {
        self.trips_listed = trips.len();
        let mut slots: HashMap<String, TripSlot> = HashMap::with_capacity(trips.len());
        // (trip id, service, calls)
        let mut pending: Vec<(String, u32, Vec<RawCall>)> = Vec::with_capacity(trips.len());
        for t in trips {
            if slots.contains_key(&t.id) {
                self.issues
                    .record(IssueKind::DuplicateTrip, || format!("trip {}", t.id));
                continue;
            }
            match service_ids.get(&t.service_id) {
                Some(&service) => {
                    slots.insert(t.id.clone(), TripSlot::Pending(pending.len()));
                    pending.push((t.id, service, Vec::new()));
                }
                None => {
                    self.issues.record(IssueKind::TripWithUnknownService, || {
                        format!("trip {} (service {})", t.id, t.service_id)
                    });
                    slots.insert(t.id, TripSlot::Skipped);
                }
            }
        }
        for st in stop_times {
            let index = match slots.get(&st.trip_id) {
                Some(TripSlot::Pending(i)) => *i,
                Some(TripSlot::Skipped) => continue,
                None => {
                    self.issues.record(IssueKind::StopTimeOfUnknownTrip, || {
                        format!("trip {} at stop {}", st.trip_id, st.stop_id)
                    });
                    continue;
                }
            };
            let Some(&stop) = self.stop_index.get(&st.stop_id) else {
                self.issues.record(IssueKind::TripWithUnknownStop, || {
                    format!("trip {} at stop {}", st.trip_id, st.stop_id)
                });
                slots.insert(st.trip_id, TripSlot::Skipped);
                pending[index].2 = Vec::new();
                continue;
            };
            let mut flags = 0;
            if st.pickup_type != PickupDropOffType::NotAvailable {
                flags |= PICKUP;
            }
            if st.drop_off_type != PickupDropOffType::NotAvailable {
                flags |= DROP_OFF;
            }
            pending[index].2.push(RawCall {
                sequence: st.stop_sequence,
                stop,
                arrival: st.arrival_time,
                departure: st.departure_time,
                flags,
            });
        }
        for (id, service, calls) in pending {
            if matches!(slots.get(&id), Some(TripSlot::Skipped)) {
                continue;
            }
            if let Some(stop_times) = self.check_trip(&id, calls) {
                self.trips.push(FeedTrip {
                    id,
                    service,
                    stop_times,
                    frequencies: Vec::new(),
                });
            }
        }
        self.trips.shrink_to_fit();
    }

    /// Orders a trip's calls, fills missing intermediate times linearly (by position
    /// between the neighbouring timed calls) and checks that time never goes backwards.
    fn check_trip(&mut self, id: &str, mut calls: Vec<RawCall>) -> Option<Vec<FeedStopTime>> {
        if calls.len() < 2 {
            self.issues.record(IssueKind::TripTooShort, || {
                format!("trip {id} ({} stop times)", calls.len())
            });
            return None;
        }
        calls.sort_by_key(|c| c.sequence);
        if let Some(w) = calls.windows(2).find(|w| w[0].sequence == w[1].sequence) {
            let seq = w[0].sequence;
            self.issues
                .record(IssueKind::TripWithDuplicateSequence, || {
                    format!("trip {id}: stop_sequence {seq} twice")
                });
            return None;
        }
        // A call with one of its two times has it for both.
        let mut times: Vec<Option<(u32, u32)>> = calls
            .iter()
            .map(|c| match (c.arrival, c.departure) {
                (Some(a), Some(d)) => Some((a, d)),
                (Some(t), None) | (None, Some(t)) => Some((t, t)),
                (None, None) => None,
            })
            .collect();
        if times[0].is_none() || times[times.len() - 1].is_none() {
            self.issues
                .record(IssueKind::TripWithoutTimes, || format!("trip {id}"));
            return None;
        }
        let mut last_timed = 0;
        for i in 1..times.len() {
            if times[i].is_none() {
                continue;
            }
            if i > last_timed + 1 {
                let from = times[last_timed].map_or(0, |t| t.1);
                let to = times[i].map_or(0, |t| t.0);
                if to >= from {
                    let span = (i - last_timed) as u64;
                    for (step, slot) in times[last_timed + 1..i].iter_mut().enumerate() {
                        let t = from + (u64::from(to - from) * (step as u64 + 1) / span) as u32;
                        *slot = Some((t, t));
                    }
                } else {
                    // Backwards: caught below.
                    for slot in &mut times[last_timed + 1..i] {
                        *slot = Some((from, from));
                    }
                }
            }
            last_timed = i;
        }
        let mut out = Vec::with_capacity(calls.len());
        let mut previous_departure = 0;
        for (i, (c, t)) in calls.iter().zip(times).enumerate() {
            let (arrival, departure) = t.unwrap_or_default();
            let backwards = if departure < arrival {
                Some(format!(
                    "departs {} before it arrives {}",
                    format_time(departure),
                    format_time(arrival)
                ))
            } else if i > 0 && arrival < previous_departure {
                Some(format!(
                    "arrives {} before it left the previous stop at {}",
                    format_time(arrival),
                    format_time(previous_departure)
                ))
            } else {
                None
            };
            if let Some(what) = backwards {
                let stop = &self.stops[c.stop as usize].id;
                let seq = c.sequence;
                self.issues.record(IssueKind::TripTimesBackwards, || {
                    format!("trip {id} at stop {stop} (stop_sequence {seq}) {what}")
                });
                return None;
            }
            previous_departure = departure;
            out.push(FeedStopTime {
                stop: c.stop,
                arrival,
                departure,
                flags: c.flags,
            });
        }
        Some(out)
    }

    fn read_frequencies(&mut self, frequencies: Vec<gtfs_structures::RawFrequency>) {
        if frequencies.is_empty() {
            return;
        }
        let index: HashMap<&str, usize> = self
            .trips
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.as_str(), i))
            .collect();
        let mut found = Vec::new();
        for f in frequencies {
            let trip = index.get(f.trip_id.as_str()).copied();
            match trip {
                Some(t) if f.headway_secs > 0 && f.end_time > f.start_time => found.push((
                    t,
                    FeedFrequency {
                        start: f.start_time,
                        end: f.end_time,
                        headway: f.headway_secs,
                    },
                )),
                _ => self.issues.record(IssueKind::InvalidFrequency, || {
                    format!(
                        "trip {} {}–{} every {} s",
                        f.trip_id,
                        format_time(f.start_time),
                        format_time(f.end_time),
                        f.headway_secs
                    )
                }),
            }
        }
        for (t, f) in found {
            self.trips[t].frequencies.push(f);
        }
    }

    fn read_transfers(&mut self, transfers: Vec<gtfs_structures::RawTransfer>) {
        for t in transfers {
            let (Some(&from), Some(&to)) = (
                self.stop_index.get(&t.from_stop_id),
                self.stop_index.get(&t.to_stop_id),
            ) else {
                self.issues.record(IssueKind::TransferWithUnknownStop, || {
                    format!("{} → {}", t.from_stop_id, t.to_stop_id)
                });
                continue;
            };
            let walk = match t.transfer_type {
                TransferType::Impossible => None,
                // In-seat transfers and "must alight" concern trips, not walking.
                TransferType::StayOnBoard | TransferType::MustAlight => continue,
                TransferType::Recommended | TransferType::Timed | TransferType::MinTime => {
                    Some(t.min_transfer_time)
                }
            };
            self.transfers.push(FeedTransfer { from, to, walk });
        }
    }
}
