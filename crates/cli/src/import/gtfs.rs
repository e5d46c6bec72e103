//! `bleibe import gtfs`: public transport times between places from a GTFS timetable.
//!
//! 1. Read the feed (zip or directory) with [`bleibe_transit::Feed::read`]; bad records
//!    (a stop without coordinates, a trip whose times go backwards, …) are counted,
//!    shown with examples and skipped.
//! 2. Take one service day: `--date`, or the next Tuesday with service
//!    ([`Feed::default_service_date`]), and build its timetable.
//! 3. Keep the places of the store inside the box around the served stops grown by the
//!    walking radius, and compute door-to-door times between them for door departures
//!    from 06:00 to 08:30 ([`bleibe_transit::matrix`] says exactly what is modelled).
//!    Places farther than `--radius-m` from every served stop get no time (the estimate
//!    answers for them).
//! 4. Replace the cached transit times from the timetable in the store with the pairs of
//!    at most `--max-minutes`.

use super::spinner;
use crate::{db, DbArgs};
use anyhow::{bail, Context};
use bleibe_domain::living::{Mode, TimeSource};
use bleibe_store::living::TravelTimeRow;
use bleibe_transit::{
    covered_places, format_time, place_matrix_with_progress, Feed, MatrixOptions, PlacePoint,
    Timetable,
};
use chrono::NaiveDate;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use std::path::PathBuf;
use std::time::Instant;

/// Options of `bleibe import gtfs`.
#[derive(Args, Debug)]
pub struct GtfsArgs {
    #[command(flatten)]
    db: DbArgs,
    /// The GTFS feed: a zip file (a directory holding its .txt files works too).
    #[arg(long, value_name = "FILE")]
    zip: PathBuf,
    /// The service day (YYYY-MM-DD). Default: the next Tuesday on which the feed runs
    /// trips (or the feed's first such Tuesday if it has none from today on).
    #[arg(long)]
    date: Option<NaiveDate>,
    /// Stops at most this far from a place (straight line, metres) are walked to and
    /// from; walking the whole way is considered up to this distance too.
    #[arg(long, default_value_t = 1500.0)]
    radius_m: f64,
    /// Only pairs of places at most this many minutes apart (door to door) are stored.
    #[arg(long, default_value_t = 180.0)]
    max_minutes: f64,
}

/// Runs the import.
pub async fn run(args: GtfsArgs) -> anyhow::Result<()> {
    if !(args.radius_m.is_finite() && args.radius_m > 0.0) {
        bail!("--radius-m must be a positive number of metres");
    }
    if !(args.max_minutes.is_finite() && args.max_minutes > 0.0) {
        bail!("--max-minutes must be a positive number");
    }
    let started = Instant::now();
    let (store, _) = db::open(&args.db).await?;
    db::load_initial(store.as_ref(), 0).await?;

    // Read the feed.
    let bar = spinner(&format!("reading {}", args.zip.display()));
    let path = args.zip.clone();
    let feed = tokio::task::spawn_blocking(move || Feed::read(&path))
        .await
        .context("the reader thread failed")?;
    bar.finish_and_clear();
    let feed = feed?;
    println!(
        "read {} in {:.1} s: {} stops, {} routes, {} trips ({} usable)",
        args.zip.display(),
        started.elapsed().as_secs_f64(),
        feed.stop_count(),
        feed.route_count(),
        feed.trips_listed(),
        feed.trip_count()
    );
    let issues = feed.issues();
    if !issues.is_empty() {
        println!("  bad records, skipped: {}", issues.total());
        for (kind, tally) in issues.iter() {
            println!("    {:>7} {kind}", tally.count);
            for example in &tally.examples {
                println!("            e.g. {example}");
            }
        }
    }

    // The service day.
    let date = match args.date {
        Some(date) => date,
        None => feed.default_service_date(chrono::Local::now().date_naive()),
    };
    let running = feed.trips_running_on(date);
    if running == 0 {
        let range = feed
            .service_range()
            .map_or("none".to_string(), |(a, b)| format!("{a} to {b}"));
        bail!(
            "no trip of the feed runs on {date} ({}); the feed's service days: {range}; pass --date",
            date.format("%A")
        );
    }

    // Its timetable and the places near its stops.
    let build_started = Instant::now();
    let timetable = tokio::task::spawn_blocking(move || Timetable::build(&feed, date))
        .await
        .context("the timetable thread failed")?;
    println!(
        "timetable of {date} ({}){}: {} stops served, {} trips running ({} vehicle journeys), \
         {} routes (one stop sequence, no overtaking), {} footpaths; built in {:.1} s",
        date.format("%A"),
        if args.date.is_some() {
            ""
        } else {
            ", chosen as the next Tuesday with service"
        },
        timetable.stop_count(),
        timetable.trips_running(),
        timetable.journey_count(),
        timetable.pattern_count(),
        timetable.footpath_count(),
        build_started.elapsed().as_secs_f64()
    );
    let options = MatrixOptions {
        walk_radius_m: args.radius_m,
        walk_only_max_m: args.radius_m,
        max_minutes: args.max_minutes,
        ..MatrixOptions::default()
    };
    let places = store.places().await.context("reading the places")?;
    let area = timetable.bounding_box().map(|b| b.grown_by(args.radius_m));
    let inside: Vec<PlacePoint> = places
        .iter()
        .filter(|p| area.is_some_and(|a| a.contains(p.lat, p.lon)))
        .map(|p| PlacePoint {
            id: p.id,
            lat: p.lat,
            lon: p.lon,
        })
        .collect();
    let covered = covered_places(&timetable, &inside, &options);
    println!(
        "places: {} in the store, {} inside the feed's area{}, {} within {:.0} m of a served stop",
        places.len(),
        inside.len(),
        area.map_or(String::new(), |a| format!(
            " ({:.3}, {:.3})–({:.3}, {:.3})",
            a.min_lat, a.min_lon, a.max_lat, a.max_lon
        )),
        covered.len(),
        args.radius_m
    );

    // The matrix.
    let matrix_started = Instant::now();
    let bar = ProgressBar::new(covered.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} places routed  eta {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let progress = bar.clone();
    let window = (
        format_time(options.window_start),
        format_time(options.window_end),
    );
    let matrix = tokio::task::spawn_blocking(move || {
        place_matrix_with_progress(&timetable, &inside, &options, &|done| {
            progress.set_position(done as u64)
        })
    })
    .await
    .context("the routing thread failed")?;
    bar.finish_and_clear();
    let pairs = matrix.len();
    println!(
        "computed {pairs} pairs of places with a connection (door departures {}–{}, at \
         most {:.0} minutes) in {:.1} s",
        window.0,
        window.1,
        args.max_minutes,
        matrix_started.elapsed().as_secs_f64()
    );

    let rows: Vec<TravelTimeRow> = matrix
        .iter()
        .map(|t| TravelTimeRow {
            origin_id: t.origin_id,
            destination_id: t.destination_id,
            minutes: t.minutes,
        })
        .collect();
    if rows.is_empty() {
        // A feed that connects none of the store's places is most likely the wrong
        // file: keep what an earlier import wrote, as `import roads` does.
        println!(
            "no pair of places is connected by this timetable: the cached transit times \
             were left as they were; total {:.1} s",
            started.elapsed().as_secs_f64()
        );
        return Ok(());
    }
    let write_started = Instant::now();
    let written = store
        .replace_travel_times(Mode::Transit, TimeSource::Transit, &rows)
        .await
        .context("writing the travel times")?;
    println!(
        "wrote {written} transit travel times (source: transit) in {:.1} s, replacing the \
         earlier timetable times; total {:.1} s",
        write_started.elapsed().as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    if covered.is_empty() {
        println!(
            "note: no place of the store lies within {:.0} m of a stop served on {date}, so no \
             timetable times remain",
            args.radius_m
        );
    }
    Ok(())
}
