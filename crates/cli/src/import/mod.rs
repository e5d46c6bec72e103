//! `bleibe import …`: real data from outside — the road graph and the public transport
//! timetable (travel times between places), points of interest from OpenStreetMap and
//! place profiles from CSV. Each import reports bad records and goes on.

mod gtfs;
mod osm_pois;
mod profiles;
mod roads;

use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};
use std::time::Duration;

/// A spinner with a message and the time taken, for the long steps of an import.
fn spinner(message: &str) -> ProgressBar {
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.set_message(message.to_string());
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// Imports of outside data.
#[derive(Subcommand, Debug)]
pub enum Import {
    /// Build the car road graph from an OpenStreetMap extract, contract it, keep it under
    /// the data dir and precompute the place-to-place car travel times.
    Roads(roads::RoadsArgs),
    /// Load a GTFS timetable and precompute place-to-place public transport times for a
    /// weekday morning (departures 06:00–08:30).
    Gtfs(gtfs::GtfsArgs),
    /// Count points of interest (doctors, Kitas, schools, stations, supermarkets, sports
    /// centres …) from an OpenStreetMap extract into the place profiles, each assigned to
    /// the nearest place.
    OsmPois(osm_pois::OsmPoisArgs),
    /// Load place profile values from CSV (place_id,key,value,source,as_of).
    PlaceProfiles(profiles::ProfilesArgs),
}

/// Runs one import.
pub async fn run(import: Import) -> anyhow::Result<()> {
    match import {
        Import::Roads(args) => roads::run(args).await,
        Import::Gtfs(args) => gtfs::run(args).await,
        Import::OsmPois(args) => osm_pois::run(args).await,
        Import::PlaceProfiles(args) => profiles::run(args).await,
    }
}
