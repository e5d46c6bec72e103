//! `/api/v1/measures`: the measures registry. Everyone reads public measures; members of
//! a network also its members-only ones; an organisation's editors write its own.

use super::write::json_body;
use crate::cooperation::{self as coop, audience};
use crate::pages::parse_id;
use crate::params::{RawQuery, Segment};
use crate::policy::Caller;
use crate::problem::AppError;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{RawQuery as QueryString, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use bleibe_domain::cooperation::{
    Cluster, FieldOfAction, Measure, MeasureStatus, NewMeasure, TargetGroup,
};
use bleibe_domain::policy::Action;
use bleibe_store::cooperation::MeasureFilter;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A page of measures.
#[derive(Serialize, ToSchema)]
pub struct MeasureList {
    /// Measures matching the filter that the caller may see.
    pub total: i64,
    /// Page, from 1.
    pub page: u32,
    /// Page size.
    pub per_page: u32,
    /// The measures, latest change first.
    pub items: Vec<Measure>,
}

/// The body of `PUT /api/v1/measures/{id}`: the measure as read, with the `version` that
/// was read (optimistic locking). `org_id` and `demo` are kept from the stored measure.
#[derive(Deserialize, ToSchema)]
pub struct MeasureUpdate {
    /// The version the change is based on.
    pub version: i64,
    /// The new content.
    #[serde(flatten)]
    pub data: NewMeasure,
}

/// Parses the filter parameters shared by the API and the open-data export.
pub fn measure_filter(raw: &RawQuery) -> Result<MeasureFilter, AppError> {
    Ok(MeasureFilter {
        network: raw.id("network")?,
        org: raw.id("org")?,
        cluster: raw.word("cluster", Cluster::parse, Cluster::expected)?,
        field: raw.word("field", FieldOfAction::parse, FieldOfAction::expected)?,
        target_group: raw.word("target_group", TargetGroup::parse, TargetGroup::expected)?,
        status: raw.word("status", MeasureStatus::parse, MeasureStatus::expected)?,
        place: raw.id("place")?,
        text: raw.get("q").map(str::to_string),
        ..MeasureFilter::default()
    })
}

/// List measures.
#[utoipa::path(
    get,
    path = "/api/v1/measures",
    tag = "networks",
    params(
        ("network" = Option<i64>, Query, description = "Shared with this network"),
        ("org" = Option<i64>, Query, description = "Owned by this organisation"),
        ("cluster" = Option<String>, Query, description = "sport, culture, recreation, social, tourism, other"),
        ("field" = Option<String>, Query, description = "recruitment, training, soft_factors, image, welcome_culture, career_orientation"),
        ("target_group" = Option<String>, Query, description = "returnees, commuters, international, pupils, students, employees"),
        ("status" = Option<String>, Query, description = "planned, running, completed, stopped"),
        ("place" = Option<i64>, Query, description = "At this place (GeoNames id)"),
        ("q" = Option<String>, Query, description = "Words in title, description or lessons learned"),
        ("page" = Option<u32>, Query, description = "From 1"),
        ("per_page" = Option<u32>, Query, description = "1–100, default 20")
    ),
    responses(
        (status = 200, description = "Measures the caller may see", body = MeasureList),
        (status = 400, description = "A parameter is invalid", content_type = "application/problem+json")
    )
)]
pub(super) async fn list_measures(
    State(state): State<AppState>,
    caller: Caller,
    QueryString(query): QueryString,
) -> Result<Json<MeasureList>, AppError> {
    caller.authorize(Action::ViewPublicPages)?;
    let raw = RawQuery::parse(query.as_deref())?;
    let page = raw.int("page", 1, 500, 1)?;
    let per_page = raw.int("per_page", 1, 100, 20)?;
    let filter = MeasureFilter {
        members_of: audience(&caller),
        limit: i64::from(per_page),
        offset: i64::from((page - 1) * per_page),
        ..measure_filter(&raw)?
    };
    let (items, total) = state.store.measures(&filter).await?;
    Ok(Json(MeasureList {
        total,
        page,
        per_page,
        items,
    }))
}

/// Create a measure.
///
/// Needs a signed-in editor or admin of the owner organisation (`org_id`). The measure
/// may be shared only with networks the owner is a member of.
#[utoipa::path(
    post,
    path = "/api/v1/measures",
    tag = "networks",
    request_body = NewMeasure,
    responses(
        (status = 201, description = "Created", body = Measure),
        (status = 400, description = "A field is invalid; the problem names it", content_type = "application/problem+json"),
        (status = 401, description = "Sign in first", content_type = "application/problem+json"),
        (status = 403, description = "Not an editor of the organisation", content_type = "application/problem+json")
    )
)]
pub(super) async fn create_measure(
    State(state): State<AppState>,
    caller: Caller,
    body: Bytes,
) -> Result<Response, AppError> {
    caller.require_identity()?;
    let mut m: NewMeasure = json_body(&body)?;
    m.demo = false;
    let stored = coop::create_measure(&state, &caller, m).await?;
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, format!("/api/v1/measures/{}", stored.id))],
        Json(stored),
    )
        .into_response())
}

/// One measure.
#[utoipa::path(
    get,
    path = "/api/v1/measures/{id}",
    tag = "networks",
    params(("id" = i64, Path, description = "Measure id")),
    responses(
        (status = 200, description = "The measure", body = Measure),
        (status = 404, description = "No such measure, or a members-only one the caller may not see", content_type = "application/problem+json")
    )
)]
pub(super) async fn get_measure(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw): Segment,
) -> Result<Json<Measure>, AppError> {
    let id = parse_id(&raw)?;
    Ok(Json(coop::visible_measure(&state, &caller, id).await?))
}

/// Replace a measure.
///
/// The body carries the `version` that was read; when someone else has changed the
/// measure since, the answer is 409 and nothing is overwritten.
#[utoipa::path(
    put,
    path = "/api/v1/measures/{id}",
    tag = "networks",
    params(("id" = i64, Path, description = "Measure id")),
    request_body = MeasureUpdate,
    responses(
        (status = 200, description = "The measure as stored", body = Measure),
        (status = 400, description = "A field is invalid", content_type = "application/problem+json"),
        (status = 401, description = "Sign in first", content_type = "application/problem+json"),
        (status = 403, description = "Not an editor of the owner", content_type = "application/problem+json"),
        (status = 404, description = "No such measure", content_type = "application/problem+json"),
        (status = 409, description = "Changed by someone else since `version`", content_type = "application/problem+json")
    )
)]
pub(super) async fn replace_measure(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw): Segment,
    body: Bytes,
) -> Result<Json<Measure>, AppError> {
    caller.require_identity()?;
    let id = parse_id(&raw)?;
    let existing = coop::writable_measure(&state, &caller, id).await?;
    let input: MeasureUpdate = json_body(&body)?;
    let stored =
        coop::update_measure(&state, &caller, &existing, input.version, input.data).await?;
    Ok(Json(stored))
}

/// Delete a measure.
///
/// By an editor of its owner, or — moderating — an admin of a network it is shared with.
#[utoipa::path(
    delete,
    path = "/api/v1/measures/{id}",
    tag = "networks",
    params(("id" = i64, Path, description = "Measure id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Sign in first", content_type = "application/problem+json"),
        (status = 403, description = "Neither an editor of the owner nor an admin of a network it is shared with", content_type = "application/problem+json"),
        (status = 404, description = "No such measure", content_type = "application/problem+json")
    )
)]
pub(super) async fn delete_measure(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw): Segment,
) -> Result<StatusCode, AppError> {
    caller.require_identity()?;
    let id = parse_id(&raw)?;
    let existing = coop::removable_measure(&state, &caller, id).await?;
    coop::delete_measure(&state, &caller, &existing).await?;
    Ok(StatusCode::NO_CONTENT)
}
