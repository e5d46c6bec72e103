//! Test helpers: hand-built jobs for the index tests. (The follower tests in `follow`
//! run against a real SQLite store.)

mod follow;
mod persist;
mod search;

use bleibe_domain::job::EmployerRef;
use bleibe_domain::place::PlaceRef;
use bleibe_domain::{Apply, Contract, Job, JobKind, NewJob, Source, WorkingTime};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

/// The day searches run on in these tests.
pub(crate) fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).expect("date")
}

/// Real places in Lusatia (GeoNames coordinates, rounded).
pub(crate) const COTTBUS: (&str, f64, f64) = ("Cottbus", 51.7606, 14.3340);
pub(crate) const SPREMBERG: (&str, f64, f64) = ("Spremberg", 51.5696, 14.3739);
pub(crate) const FORST: (&str, f64, f64) = ("Forst (Lausitz)", 51.7339, 14.6396);
pub(crate) const GOERLITZ: (&str, f64, f64) = ("Görlitz", 51.1528, 14.9872);
pub(crate) const BERLIN: (&str, f64, f64) = ("Berlin", 52.5244, 13.4105);

/// A job with sensible defaults: a full-time regular job (KldB 26112) in Cottbus,
/// posted `id` hours after 1 January 2026, never expiring.
pub(crate) fn job(id: i64, title: &str) -> Job {
    let posted_at: DateTime<Utc> = Utc
        .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .expect("time")
        + Duration::hours(id);
    Job {
        id,
        employer: EmployerRef {
            id: 1,
            name: "Lausitzer Werkstätten GmbH".into(),
        },
        place: place_ref(COTTBUS),
        data: NewJob {
            employer_id: 1,
            kind: JobKind::Job,
            title: title.into(),
            description: "<p>Wir suchen Verstärkung für unser Team.</p>".into(),
            occupation: "26112".into(),
            place_id: 1,
            street: None,
            postcode: None,
            working_time: vec![WorkingTime::FullTime],
            contract: Contract::Permanent,
            salary: None,
            training_allowance: vec![],
            school_certificate: None,
            start_date: None,
            posted_at,
            valid_through: None,
            apply: Apply {
                url: Some("https://example.de/jobs".into()),
                email: None,
            },
            source: Source::Own,
            external_id: None,
            demo: true,
            status: bleibe_domain::JobStatus::Published,
        },
        updated_at: posted_at,
    }
}

/// A place reference from (name, lat, lon).
/// GeoNames id and state of the test places (state 11, Brandenburg, for others).
pub(crate) fn place_ref((name, lat, lon): (&str, f64, f64)) -> PlaceRef {
    let (id, state) = match name {
        "Cottbus" => (2939811, "11"),
        "Spremberg" => (2830085, "11"),
        "Forst (Lausitz)" => (2925177, "11"),
        "Görlitz" => (2918752, "13"),
        "Berlin" => (2950159, "16"),
        other => (other.bytes().map(i64::from).sum(), "11"),
    };
    PlaceRef {
        id,
        name: name.into(),
        lat,
        lon,
        state_code: state.into(),
    }
}

/// Ids of the hits, in order.
pub(crate) fn ids(results: &crate::SearchResults) -> Vec<i64> {
    results.hits.iter().map(|h| h.id).collect()
}
