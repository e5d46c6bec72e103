//! What a network publishes for others to subscribe to and reuse: iCal feeds (RFC 5545)
//! per network and per organisation, an Atom feed per network, and open data (its public
//! measures and events as CSV and JSON). Public records only, whoever asks: feeds are
//! fetched by calendar apps and harvesters without a session, and a link that shows
//! more to some than to others would leak when shared.

use crate::api::events::event_filter;
use crate::api::measures::measure_filter;
use crate::cooperation::{event_url, network};
use crate::feeds::{atom, ical, open_data};
use crate::manage;
use crate::params::RawQuery;
use crate::policy::Caller;
use crate::problem::AppError;
use crate::routes::Routes;
use crate::state::AppState;
use axum::extract::{RawQuery as QueryString, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use bleibe_domain::cooperation::{Event, Measure};
use bleibe_domain::policy::Action;
use bleibe_store::cooperation::{Audience, EventFilter, MeasureFilter};
use chrono::{Duration, Utc};

use super::parse_id;
use crate::params::Segment;

/// Most records one feed or export holds.
const FEED_LIMIT: i64 = 500;

/// The routes of this module.
pub(super) fn routes() -> Routes {
    Routes::new()
        .get("/networks/{id}/events.ics", network_ics)
        .get("/organisations/{id}/events.ics", organisation_ics)
        .get("/networks/{id}/events.atom", network_atom)
        .get("/networks/{id}/open-data/measures.csv", measures_csv)
        .get("/networks/{id}/open-data/measures.json", measures_json)
        .get("/networks/{id}/open-data/events.csv", events_csv)
        .get("/networks/{id}/open-data/events.json", events_json)
}

/// Public events from a week ago on: calendar apps keep what they have seen, and a
/// subscriber who syncs weekly still sees last week's change.
async fn public_events(state: &AppState, filter: EventFilter) -> Result<Vec<Event>, AppError> {
    let (events, _) = state
        .store
        .events(&EventFilter {
            from: Some(Utc::now() - Duration::days(7)),
            members_of: Audience::Public,
            limit: FEED_LIMIT,
            ..filter
        })
        .await?;
    Ok(events)
}

fn reply(content_type: &'static str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        body,
    )
        .into_response()
}

async fn network_ics(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw): Segment,
) -> Result<Response, AppError> {
    caller.authorize(Action::ViewPublicPages)?;
    let net = network(&state, parse_id(&raw)?).await?;
    let events = public_events(
        &state,
        EventFilter {
            network: Some(net.id),
            ..EventFilter::default()
        },
    )
    .await?;
    let body = ical::calendar(&net.name, &events, |id| event_url(&state, id), Utc::now());
    Ok(reply(ical::CONTENT_TYPE, body))
}

async fn organisation_ics(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw): Segment,
) -> Result<Response, AppError> {
    caller.authorize(Action::ViewPublicPages)?;
    let org = manage::organisation(&state, parse_id(&raw)?).await?;
    let events = public_events(
        &state,
        EventFilter {
            org: Some(org.id),
            ..EventFilter::default()
        },
    )
    .await?;
    let body = ical::calendar(&org.name, &events, |id| event_url(&state, id), Utc::now());
    Ok(reply(ical::CONTENT_TYPE, body))
}

async fn network_atom(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw): Segment,
) -> Result<Response, AppError> {
    caller.authorize(Action::ViewPublicPages)?;
    let net = network(&state, parse_id(&raw)?).await?;
    let events = public_events(
        &state,
        EventFilter {
            network: Some(net.id),
            ..EventFilter::default()
        },
    )
    .await?;
    let base = state.config.public_url.trim_end_matches('/');
    let body = atom::feed(
        &net.name,
        &format!("{base}/networks/{}/events.atom", net.id),
        &format!("{base}/networks/{}/events", net.id),
        &events,
        |id| event_url(&state, id),
        Utc::now(),
    );
    Ok(reply(atom::CONTENT_TYPE, body))
}

/// A network's public measures, filtered like `/api/v1/measures`.
async fn open_measures(
    state: &AppState,
    caller: &Caller,
    raw: &str,
    query: Option<String>,
) -> Result<Vec<Measure>, AppError> {
    caller.authorize(Action::ViewPublicPages)?;
    let net = network(state, parse_id(raw)?).await?;
    let q = RawQuery::parse(query.as_deref())?;
    let (measures, _) = state
        .store
        .measures(&MeasureFilter {
            network: Some(net.id),
            members_of: Audience::Public,
            limit: FEED_LIMIT,
            ..measure_filter(&q)?
        })
        .await?;
    Ok(measures)
}

/// A network's public events, filtered like `/api/v1/events` (upcoming by default).
async fn open_events(
    state: &AppState,
    caller: &Caller,
    raw: &str,
    query: Option<String>,
) -> Result<Vec<Event>, AppError> {
    caller.authorize(Action::ViewPublicPages)?;
    let net = network(state, parse_id(raw)?).await?;
    let q = RawQuery::parse(query.as_deref())?;
    let (events, _) = state
        .store
        .events(&EventFilter {
            network: Some(net.id),
            members_of: Audience::Public,
            limit: FEED_LIMIT,
            ..event_filter(&q)?
        })
        .await?;
    Ok(events)
}

async fn measures_csv(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw): Segment,
    QueryString(query): QueryString,
) -> Result<Response, AppError> {
    let measures = open_measures(&state, &caller, &raw, query).await?;
    Ok(reply(
        open_data::CSV_CONTENT_TYPE,
        open_data::measures_csv(&measures),
    ))
}

async fn measures_json(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw): Segment,
    QueryString(query): QueryString,
) -> Result<Response, AppError> {
    let measures = open_measures(&state, &caller, &raw, query).await?;
    Ok(axum::Json(open_data::measures_json(&measures)).into_response())
}

async fn events_csv(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw): Segment,
    QueryString(query): QueryString,
) -> Result<Response, AppError> {
    let events = open_events(&state, &caller, &raw, query).await?;
    Ok(reply(
        open_data::CSV_CONTENT_TYPE,
        open_data::events_csv(&events, |id| event_url(&state, id)),
    ))
}

async fn events_json(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw): Segment,
    QueryString(query): QueryString,
) -> Result<Response, AppError> {
    let events = open_events(&state, &caller, &raw, query).await?;
    Ok(axum::Json(open_data::events_json(&events, |id| event_url(&state, id))).into_response())
}
