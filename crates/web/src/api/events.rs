//! `/api/v1/events` and their registrations: returnee days, job fairs, consultation
//! days, info events and working-group meetings. Public events are open to everyone,
//! members-only events to the members of their network; registration is first come,
//! first served, with a waiting list that moves up by itself. An event with slots (a
//! consultation day with 30-minute appointments) is booked one person per slot, with no
//! waiting list; `GET /api/v1/events/{id}/slots` says which slots are free. Creating
//! an event with `repeat` creates a series (recurring consultation hours): one event
//! per date, at the same German civil time of day, all naming the first as `series_id`.

use super::write::json_body;
use crate::cooperation::{self as coop, audience};
use crate::i18n::Lang;
use crate::pages::parse_id;
use crate::params::{IdPair, RawQuery, Segment};
use crate::policy::Caller;
use crate::problem::AppError;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{RawQuery as QueryString, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use bleibe_domain::cooperation::{
    Event, EventKind, NewEvent, NewRegistration, Recurrence, Registration,
};
use bleibe_domain::policy::Action;
use bleibe_store::cooperation::EventFilter;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A page of events.
#[derive(Serialize, ToSchema)]
pub struct EventList {
    /// Events matching the filter that the caller may see.
    pub total: i64,
    /// Page, from 1.
    pub page: u32,
    /// Page size.
    pub per_page: u32,
    /// The events, by start.
    pub items: Vec<Event>,
}

/// The body of `POST /api/v1/events`: the event, and optionally how it repeats.
#[derive(Deserialize, ToSchema)]
pub struct EventCreate {
    /// The event (with `repeat`, its first date).
    #[serde(flatten)]
    pub data: NewEvent,
    /// Repeat the event: `{"every_weeks": 2, "count": 6}` creates six events, one every
    /// second week at the same time of day in German civil time (09:00 stays 09:00 when
    /// the clocks change), each with its own registrations or slots. `every_weeks` is
    /// 1–8, `count` (the first date included) 2–52. The answer is the first event; every
    /// event of the series carries the first one's id as `series_id`.
    #[serde(default)]
    pub repeat: Option<Recurrence>,
}

/// The body of `PUT /api/v1/events/{id}`: the event as read with its `version`.
#[derive(Deserialize, ToSchema)]
pub struct EventUpdate {
    /// The version the change is based on.
    pub version: i64,
    /// The new content.
    #[serde(flatten)]
    pub data: NewEvent,
}

/// The answer to a registration.
#[derive(Serialize, ToSchema)]
pub struct RegistrationReceipt {
    /// The registration: `registered` or `waiting`.
    pub registration: Registration,
    /// The page that cancels it (also sent by e-mail; shown only this once).
    pub cancel_url: String,
}

/// A bookable slot of an event.
#[derive(Serialize, ToSchema)]
pub struct Slot {
    /// Start (RFC 3339); what a registration names as its `slot`.
    pub start: DateTime<Utc>,
    /// End.
    pub end: DateTime<Utc>,
    /// Whether it can still be booked: not taken, and not begun.
    pub free: bool,
}

/// The body of `POST /api/v1/registrations/cancel`.
#[derive(Deserialize, ToSchema)]
pub struct CancelRequest {
    /// The token from the cancellation link.
    pub token: String,
}

/// The answer to a cancellation.
#[derive(Serialize, ToSchema)]
pub struct CancelReceipt {
    /// The cancelled registration.
    pub cancelled: Registration,
    /// Whether someone moved up from the waiting list.
    pub promoted: bool,
}

/// Attendance of one registration.
#[derive(Deserialize, ToSchema)]
pub struct AttendancePatch {
    /// Whether the person came.
    pub attended: bool,
}

/// An instant parameter: RFC 3339, or a date (midnight UTC).
fn instant(raw: &RawQuery, name: &str) -> Result<Option<DateTime<Utc>>, AppError> {
    let Some(v) = raw.get(name) else {
        return Ok(None);
    };
    if let Ok(t) = DateTime::parse_from_rfc3339(v) {
        return Ok(Some(t.with_timezone(&Utc)));
    }
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| Some(t.and_utc()))
        .ok_or_else(|| AppError::bad_param(name, "error-param-date", &[("value", v.to_string())]))
}

/// Parses the filter parameters shared by the API, the calendar and the feeds. Without
/// `from`, only events that have not ended yet.
pub fn event_filter(raw: &RawQuery) -> Result<EventFilter, AppError> {
    Ok(EventFilter {
        network: raw.id("network")?,
        org: raw.id("org")?,
        working_group: raw.id("working_group")?,
        kind: raw.word("kind", EventKind::parse, EventKind::expected)?,
        from: Some(instant(raw, "from")?.unwrap_or_else(Utc::now)),
        until: instant(raw, "until")?,
        series: raw.id("series")?,
        ..EventFilter::default()
    })
}

/// List events.
#[utoipa::path(
    get,
    path = "/api/v1/events",
    tag = "networks",
    params(
        ("network" = Option<i64>, Query, description = "Of this network"),
        ("org" = Option<i64>, Query, description = "Organised by this organisation"),
        ("working_group" = Option<i64>, Query, description = "Meetings of this working group"),
        ("kind" = Option<String>, Query, description = "returnee_day, job_fair, consultation_day, info_event, working_group_meeting"),
        ("from" = Option<String>, Query, description = "Ending at or after (RFC 3339 or YYYY-MM-DD); default now"),
        ("until" = Option<String>, Query, description = "Starting before (RFC 3339 or YYYY-MM-DD)"),
        ("series" = Option<i64>, Query, description = "Of this series (its first event's id, `series_id`)"),
        ("page" = Option<u32>, Query, description = "From 1"),
        ("per_page" = Option<u32>, Query, description = "1–100, default 20")
    ),
    responses(
        (status = 200, description = "Events the caller may see, by start", body = EventList),
        (status = 400, description = "A parameter is invalid", content_type = "application/problem+json")
    )
)]
pub(super) async fn list_events(
    State(state): State<AppState>,
    caller: Caller,
    QueryString(query): QueryString,
) -> Result<Json<EventList>, AppError> {
    caller.authorize(Action::ViewPublicPages)?;
    let raw = RawQuery::parse(query.as_deref())?;
    let page = raw.int("page", 1, 500, 1)?;
    let per_page = raw.int("per_page", 1, 100, 20)?;
    let filter = EventFilter {
        members_of: audience(&caller),
        limit: i64::from(per_page),
        offset: i64::from((page - 1) * per_page),
        ..event_filter(&raw)?
    };
    let (items, total) = state.store.events(&filter).await?;
    Ok(Json(EventList {
        total,
        page,
        per_page,
        items,
    }))
}

/// Create an event, or a series of events.
///
/// Needs a signed-in editor or admin of the organiser (`org_id`); a network event's
/// organiser must be a member of the network. With `repeat` (e.g.
/// `{"every_weeks": 2, "count": 6}`) the event is repeated at the same German civil time
/// of day, all dates created together or none; the answer is the first, whose
/// `series_id` names the series (`GET /api/v1/events?series=` lists all its dates).
#[utoipa::path(
    post,
    path = "/api/v1/events",
    tag = "networks",
    request_body = EventCreate,
    responses(
        (status = 201, description = "Created; with `repeat`, the series' first event, with `series_id`", body = Event),
        (status = 400, description = "A field is invalid, e.g. `repeat.every_weeks` (1–8) or `repeat.count` (2–52)", content_type = "application/problem+json"),
        (status = 401, description = "Sign in first", content_type = "application/problem+json"),
        (status = 403, description = "Not an editor of the organiser", content_type = "application/problem+json")
    )
)]
pub(super) async fn create_event(
    State(state): State<AppState>,
    caller: Caller,
    body: Bytes,
) -> Result<Response, AppError> {
    caller.require_identity()?;
    let EventCreate {
        data: mut e,
        repeat,
    } = json_body(&body)?;
    e.demo = false;
    let stored = coop::create_event(&state, &caller, e, repeat).await?;
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, format!("/api/v1/events/{}", stored.id))],
        Json(stored),
    )
        .into_response())
}

/// One event.
#[utoipa::path(
    get,
    path = "/api/v1/events/{id}",
    tag = "networks",
    params(("id" = i64, Path, description = "Event id")),
    responses(
        (status = 200, description = "The event", body = Event),
        (status = 404, description = "No such event, or a members-only one", content_type = "application/problem+json")
    )
)]
pub(super) async fn get_event(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw): Segment,
) -> Result<Json<Event>, AppError> {
    let id = parse_id(&raw)?;
    Ok(Json(coop::visible_event(&state, &caller, id).await?))
}

/// Replace an event.
///
/// With the `version` that was read; 409 when it changed since. Raising the capacity
/// moves people up from the waiting list (they are told by e-mail).
#[utoipa::path(
    put,
    path = "/api/v1/events/{id}",
    tag = "networks",
    params(("id" = i64, Path, description = "Event id")),
    request_body = EventUpdate,
    responses(
        (status = 200, description = "The event as stored", body = Event),
        (status = 400, description = "A field is invalid", content_type = "application/problem+json"),
        (status = 401, description = "Sign in first", content_type = "application/problem+json"),
        (status = 403, description = "Not an editor of the organiser", content_type = "application/problem+json"),
        (status = 404, description = "No such event", content_type = "application/problem+json"),
        (status = 409, description = "Changed by someone else since `version`", content_type = "application/problem+json")
    )
)]
pub(super) async fn replace_event(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw): Segment,
    body: Bytes,
) -> Result<Json<Event>, AppError> {
    caller.require_identity()?;
    let id = parse_id(&raw)?;
    let existing = coop::visible_event(&state, &caller, id).await?;
    caller.authorize(Action::ManageEvents(existing.data.org_id))?;
    let input: EventUpdate = json_body(&body)?;
    let stored = coop::update_event(
        &state,
        &caller,
        &existing,
        input.version,
        input.data,
        &lang.tr(),
    )
    .await?;
    Ok(Json(stored))
}

/// Call an event off.
///
/// For the organiser's editors and the network's admins. The event stays listed,
/// marked with `cancelled_at`; registration closes, everyone registered or waiting is
/// told by e-mail, and the iCal feed says `STATUS:CANCELLED`. It cannot be undone.
#[utoipa::path(
    post,
    path = "/api/v1/events/{id}/cancel",
    tag = "networks",
    params(("id" = i64, Path, description = "Event id")),
    responses(
        (status = 200, description = "Called off: the event as stored", body = Event),
        (status = 401, description = "Sign in first", content_type = "application/problem+json"),
        (status = 403, description = "Not the organiser", content_type = "application/problem+json"),
        (status = 404, description = "No such event", content_type = "application/problem+json"),
        (status = 409, description = "Called off already", content_type = "application/problem+json")
    )
)]
pub(super) async fn cancel_event(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw): Segment,
) -> Result<Json<Event>, AppError> {
    caller.require_identity()?;
    let id = parse_id(&raw)?;
    let event = coop::visible_event(&state, &caller, id).await?;
    Ok(Json(
        coop::cancel_event(&state, &caller, &event, &lang.tr()).await?,
    ))
}

/// An event's registrations.
///
/// For the organiser's editors and the network's admins: registered people, then the
/// waiting list in order, then cancellations.
#[utoipa::path(
    get,
    path = "/api/v1/events/{id}/registrations",
    tag = "networks",
    params(("id" = i64, Path, description = "Event id")),
    responses(
        (status = 200, description = "Registrations", body = Vec<Registration>),
        (status = 401, description = "Sign in first", content_type = "application/problem+json"),
        (status = 403, description = "Not the organiser", content_type = "application/problem+json"),
        (status = 404, description = "No such event", content_type = "application/problem+json")
    )
)]
pub(super) async fn list_registrations(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw): Segment,
) -> Result<Json<Vec<Registration>>, AppError> {
    caller.require_identity()?;
    let id = parse_id(&raw)?;
    let event = coop::visible_event(&state, &caller, id).await?;
    if !coop::manages_event(&caller, &event) {
        return Err(AppError::forbidden());
    }
    Ok(Json(state.store.registrations(id).await?))
}

/// An event's slots.
///
/// For an event with slots: every slot in order with whether it can still be booked
/// (nothing about who booked it). Empty for an event without slots. Visible to whoever
/// may see the event.
#[utoipa::path(
    get,
    path = "/api/v1/events/{id}/slots",
    tag = "networks",
    params(("id" = i64, Path, description = "Event id")),
    responses(
        (status = 200, description = "The slots, in order", body = Vec<Slot>),
        (status = 404, description = "No such event, or a members-only one", content_type = "application/problem+json")
    )
)]
pub(super) async fn list_slots(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw): Segment,
) -> Result<Json<Vec<Slot>>, AppError> {
    caller.authorize(Action::ViewPublicPages)?;
    let id = parse_id(&raw)?;
    let event = coop::visible_event(&state, &caller, id).await?;
    let slots = coop::slot_table(&state, &event)
        .await?
        .into_iter()
        .map(|(start, end, free)| Slot { start, end, free })
        .collect();
    Ok(Json(slots))
}

/// Register for an event.
///
/// Open to everyone for public events (no account needed), to network members for
/// members-only events. The answer says `registered` or `waiting` and carries the
/// cancellation link, which is also sent by e-mail. For an event with slots the body
/// names one free slot by its start (`"slot": "2026-05-12T08:30:00Z"`, see
/// `GET /api/v1/events/{id}/slots`): the answer is then always `registered`; a slot
/// that is not one of the event's (or none) is 400 naming `slot`, a taken one 409.
#[utoipa::path(
    post,
    path = "/api/v1/events/{id}/registrations",
    tag = "networks",
    params(("id" = i64, Path, description = "Event id")),
    request_body = NewRegistration,
    responses(
        (status = 201, description = "Registered or on the waiting list", body = RegistrationReceipt),
        (status = 400, description = "A field is invalid", content_type = "application/problem+json"),
        (status = 404, description = "No such event", content_type = "application/problem+json"),
        (status = 409, description = "Already registered, registration closed, or the slot taken", content_type = "application/problem+json")
    )
)]
pub(super) async fn register(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw): Segment,
    body: Bytes,
) -> Result<Response, AppError> {
    let id = parse_id(&raw)?;
    let event = coop::visible_event(&state, &caller, id).await?;
    let who: NewRegistration = json_body(&body)?;
    let (registration, token) = coop::register(&state, &caller, &event, who, &lang.tr()).await?;
    Ok((
        StatusCode::CREATED,
        Json(RegistrationReceipt {
            registration,
            cancel_url: coop::cancel_url(&state, &token),
        }),
    )
        .into_response())
}

/// Record attendance.
#[utoipa::path(
    patch,
    path = "/api/v1/events/{id}/registrations/{registration}",
    tag = "networks",
    params(
        ("id" = i64, Path, description = "Event id"),
        ("registration" = i64, Path, description = "Registration id")
    ),
    request_body = AttendancePatch,
    responses(
        (status = 204, description = "Recorded"),
        (status = 401, description = "Sign in first", content_type = "application/problem+json"),
        (status = 403, description = "Not the organiser", content_type = "application/problem+json"),
        (status = 404, description = "No such event or registration", content_type = "application/problem+json")
    )
)]
pub(super) async fn set_attendance(
    State(state): State<AppState>,
    caller: Caller,
    IdPair(id, registration): IdPair,
    body: Bytes,
) -> Result<StatusCode, AppError> {
    caller.require_identity()?;
    let event = coop::visible_event(&state, &caller, id).await?;
    if !coop::manages_event(&caller, &event) {
        return Err(AppError::forbidden());
    }
    let patch: AttendancePatch = json_body(&body)?;
    state
        .store
        .set_attended(id, registration, patch.attended)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Cancel a registration.
///
/// With the token from the cancellation link; the longest-waiting person moves up and
/// is told by e-mail.
#[utoipa::path(
    post,
    path = "/api/v1/registrations/cancel",
    tag = "networks",
    request_body = CancelRequest,
    responses(
        (status = 200, description = "Cancelled", body = CancelReceipt),
        (status = 404, description = "No such registration, or cancelled already", content_type = "application/problem+json")
    )
)]
pub(super) async fn cancel_registration(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    body: Bytes,
) -> Result<Json<CancelReceipt>, AppError> {
    caller.authorize(Action::ViewPublicPages)?;
    let req: CancelRequest = json_body(&body)?;
    let done = coop::cancel(&state, req.token.trim(), &lang.tr())
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok(Json(CancelReceipt {
        promoted: done.promoted.is_some(),
        cancelled: done.cancelled,
    }))
}
