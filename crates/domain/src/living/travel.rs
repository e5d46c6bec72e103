//! Travel times between places, each with where it came from.
//!
//! Three sources answer "how long from A to B by mode M": the **estimate** (great-circle
//! distance × a detour factor ÷ a speed, plus a fixed overhead — always available, always
//! labelled "estimated"), the **road** graph (car times routed on OpenStreetMap roads with
//! contraction hierarchies, `bleibe import roads`), and the **transit** timetable
//! (earliest arrival by RAPTOR on a GTFS feed, `bleibe import gtfs`). Routed times are
//! precomputed per pair of places and cached in the database; where a pair has none, the
//! estimate answers and says so.

use crate::job::vocabulary;
use crate::place::distance_km;
use serde::{Deserialize, Serialize};

vocabulary!(
    /// How a person travels.
    Mode {
        /// By car.
        Car = "car",
        /// By bus and train.
        Transit = "transit",
        /// By bicycle.
        Bike = "bike",
    }
);

vocabulary!(
    /// Where a travel time came from.
    TimeSource {
        /// Great-circle distance with a detour factor and a speed per mode ([`ESTIMATE`]).
        Estimated = "estimated",
        /// Routed on the OpenStreetMap road graph.
        Road = "road",
        /// Earliest arrival in the public transport timetable (GTFS).
        Transit = "transit",
    }
);

/// A travel time with its provenance.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TravelTime {
    /// Minutes, door to door as far as the source models it.
    pub minutes: f64,
    /// Where the figure came from.
    pub source: TimeSource,
}

/// The parameters of the estimate for one mode.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EstimateParams {
    /// Road (or track) distance ÷ great-circle distance.
    pub detour: f64,
    /// Average speed over the road distance, km/h.
    pub speed_kmh: f64,
    /// Fixed minutes added to every trip (parking; for public transport the walk to the
    /// stop and the wait).
    pub overhead_min: f64,
}

/// The estimate's parameters per mode, in [`Mode::ALL`] order (car, transit, bike).
///
/// - Car: detour 1.3 — the mean ratio of road to straight-line distance reported for
///   German regional trips lies between 1.2 and 1.4; 55 km/h averages rural roads,
///   towns and some motorway; 3 minutes for parking and walking.
/// - Transit: detour 1.4 (lines wind through villages), 30 km/h including stops, and 12
///   minutes for the walk to the stop and the wait — regional buses run hourly, so an
///   estimate is optimistic where the timetable is thin; import GTFS for real times.
/// - Bike: detour 1.25, 16 km/h, 1 minute.
pub const ESTIMATE: [EstimateParams; 3] = [
    EstimateParams {
        detour: 1.3,
        speed_kmh: 55.0,
        overhead_min: 3.0,
    },
    EstimateParams {
        detour: 1.4,
        speed_kmh: 30.0,
        overhead_min: 12.0,
    },
    EstimateParams {
        detour: 1.25,
        speed_kmh: 16.0,
        overhead_min: 1.0,
    },
];

impl Mode {
    /// The estimate's parameters for this mode.
    pub fn estimate(self) -> EstimateParams {
        ESTIMATE[self.ordinal() as usize]
    }
}

/// No trip is estimated shorter than this many kilometres: a trip within one place (or
/// to a place next door) still crosses a town.
pub const MIN_TRIP_KM: f64 = 2.0;

/// The estimated minutes for a straight-line distance by `mode`: at least
/// [`MIN_TRIP_KM`] × detour ÷ speed, plus the overhead.
pub fn estimate_minutes_for_km(mode: Mode, km: f64) -> f64 {
    let p = mode.estimate();
    km.max(MIN_TRIP_KM) * p.detour / p.speed_kmh * 60.0 + p.overhead_min
}

/// The estimated minutes from one point to another by `mode`.
pub fn estimate_minutes(mode: Mode, from: (f64, f64), to: (f64, f64)) -> f64 {
    estimate_minutes_for_km(mode, distance_km(from.0, from.1, to.0, to.1))
}

impl TravelTime {
    /// The estimated time for a straight-line distance.
    pub fn estimated(mode: Mode, km: f64) -> TravelTime {
        TravelTime {
            minutes: estimate_minutes_for_km(mode, km),
            source: TimeSource::Estimated,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimate_follows_the_documented_formula() {
        // Cottbus to Spremberg is about 21.4 km in a straight line.
        let (cottbus, spremberg) = ((51.7606, 14.3340), (51.5696, 14.3739));
        let car = estimate_minutes(Mode::Car, cottbus, spremberg);
        let km = distance_km(51.7606, 14.3340, 51.5696, 14.3739);
        assert!((car - (km * 1.3 / 55.0 * 60.0 + 3.0)).abs() < 1e-9, "{car}");
        assert!((30.0..35.0).contains(&car), "{car}");
        let transit = estimate_minutes(Mode::Transit, cottbus, spremberg);
        let bike = estimate_minutes(Mode::Bike, cottbus, spremberg);
        assert!(car < transit && transit < bike, "{car} {transit} {bike}");
        // Within one place: 2 km across town.
        let across = estimate_minutes(Mode::Car, cottbus, cottbus);
        assert!(
            (across - (2.0 * 1.3 / 55.0 * 60.0 + 3.0)).abs() < 1e-9,
            "{across}"
        );
    }

    #[test]
    fn modes_and_sources_have_wire_names() {
        assert_eq!(Mode::parse("transit"), Some(Mode::Transit));
        assert_eq!(TimeSource::Road.as_str(), "road");
        assert_eq!(Mode::Bike.estimate().speed_kmh, 16.0);
    }
}
