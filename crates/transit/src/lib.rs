//! Public transport for "Leben & Arbeiten": GTFS timetables and earliest arrival for a
//! weekday morning departure window.
//!
//! 1. [`Feed::read`] loads a GTFS feed (zip or directory) with gtfs-structures. Bad
//!    records are counted in [`Issues`] and skipped.
//! 2. [`Timetable::build`] expands the calendar for one service day (calendar.txt and
//!    calendar_dates.txt; [`representative_weekday`] picks a Tuesday) and lays the trips
//!    out for RAPTOR.
//! 3. [`place_matrix`] computes door-to-door times between places for departures in a
//!    morning window with rRAPTOR.
//!
//! # What is modelled
//!
//! - **Days**: a trip runs if its service runs on the day: a calendar_dates.txt
//!   exception (added or removed) decides, otherwise calendar.txt's weekday and date
//!   range. Trips of the day before with times past 24:00:00 run too, from midnight on.
//! - **Frequencies** (frequencies.txt): one vehicle per headway from `start_time`
//!   (inclusive) to `end_time` (exclusive), the stop times giving the offsets from the
//!   first departure; `exact_times=0` is treated like `1` (scheduled departures).
//! - **Stop times**: missing intermediate times are interpolated by position between the
//!   neighbouring timed stops; pickup_type/drop_off_type 1 forbid boarding/alighting
//!   (2 and 3, by arrangement, count as possible). Continuous pickup/drop-off, booking
//!   rules and block_id (staying seated across trips) are not modelled.
//! - **Routes**: trips with identical stop sequences and boarding rules, split where one
//!   would overtake another, so that each route's trips keep their order at every stop
//!   and the earliest trip one can board is always the best.
//! - **Footpaths**: between served stops at most [`TRANSFER_RADIUS_M`] (400 m) apart,
//!   timed at [`WALK_SPEED_KMH`] (4.5 km/h) over the straight-line distance; transfers.txt
//!   adds or overrides them (min_transfer_time if given, else the distance) and removes
//!   them (transfer_type 3); a rule naming a station applies to its stops. A change at
//!   one and the same stop takes no time (no minimum change time unless transfers.txt
//!   gives one between two stops); trip-to-trip transfers are not modelled. At most
//!   one footpath is walked between two vehicles.
//! - **Routing**: RAPTOR (Delling, Pajor, Werneck 2012), earliest arrival with up to six
//!   vehicles by default; no fares, no comfort, no Pareto set of changes.
//! - **Places**: see [`matrix`].
//!
//! Times are seconds after midnight of the service day; durations in the matrix are
//! minutes. Time zones are not looked at: all times are the feed's local times.
//!
//! # What is not
//!
//! Fares, capacity, real-time data, pathways.txt and levels (walks inside a station are
//! the 400 m footpaths), wheelchair access, and routes.txt beyond counting (a trip
//! naming an unknown route still runs). gtfs-structures reads each file all or nothing:
//! one malformed row of stops.txt, routes.txt, trips.txt, stop_times.txt or a calendar
//! file fails the whole read ([`TransitError::File`]), one in transfers.txt or
//! frequencies.txt leaves that file out ([`IssueKind::UnreadableFile`]). The whole feed
//! is held in memory while it is read (gtfs-structures' rows, then the much smaller
//! tables of [`Feed`]).

pub mod calendar;
pub mod feed;
mod geo;
pub mod issues;
pub mod matrix;
mod raptor;
#[cfg(test)]
mod reference;
pub mod timetable;

pub use calendar::representative_weekday;
pub use feed::{format_time, Feed, TransitError};
pub use geo::BoundingBox;
pub use issues::{IssueKind, Issues, Tally};
pub use matrix::{
    covered_places, place_matrix, place_matrix_with_progress, MatrixOptions, PlacePoint, PlaceTime,
};
pub use timetable::{Timetable, TRANSFER_RADIUS_M, WALK_SPEED_KMH};
