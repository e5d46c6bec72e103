//! `/api/v1/ideas`: the project pipeline of a network, internal to its members. Ideas
//! move idea → pre-consultation → qualification → application → running → completed →
//! evaluated, or are rejected or parked with a reason, by the network's admins or the
//! lead of the working group that handles them.

use super::write::json_body;
use crate::cooperation as coop;
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
use bleibe_domain::cooperation::{Comment, Decision, Idea, IdeaStage, NewIdea};
use bleibe_domain::policy::Action;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// An idea with its history.
#[derive(Serialize, ToSchema)]
pub struct IdeaDetail {
    /// The idea.
    pub idea: Idea,
    /// The stages it may move to next.
    pub next: Vec<IdeaStage>,
    /// Its decisions, oldest first.
    pub decisions: Vec<Decision>,
    /// Its comments, oldest first.
    pub comments: Vec<Comment>,
}

/// The body of a decision.
#[derive(Deserialize, ToSchema)]
pub struct DecisionInput {
    /// The stage to move to.
    pub to: IdeaStage,
    /// Why, and what next (required for `rejected` and `parked`).
    #[serde(default)]
    pub note: String,
    /// The day of the decision, `YYYY-MM-DD` (default today).
    pub decided_on: Option<NaiveDate>,
    /// The measure a running project carries out.
    pub measure_id: Option<i64>,
}

/// The body of a comment.
#[derive(Deserialize, ToSchema)]
pub struct CommentInput {
    /// Plain text.
    pub body: String,
}

/// List a network's ideas.
#[utoipa::path(
    get,
    path = "/api/v1/ideas",
    tag = "networks",
    params(
        ("network" = i64, Query, description = "The network (required)"),
        ("working_group" = Option<i64>, Query, description = "Only this working group's ideas")
    ),
    responses(
        (status = 200, description = "Ideas, latest change first", body = Vec<Idea>),
        (status = 400, description = "No network given", content_type = "application/problem+json"),
        (status = 401, description = "Sign in first", content_type = "application/problem+json"),
        (status = 403, description = "Not a member of the network", content_type = "application/problem+json")
    )
)]
pub(super) async fn list_ideas(
    State(state): State<AppState>,
    caller: Caller,
    QueryString(query): QueryString,
) -> Result<Json<Vec<Idea>>, AppError> {
    let raw = RawQuery::parse(query.as_deref())?;
    let network = raw
        .id("network")?
        .ok_or_else(|| AppError::bad_param("network", "error-param-required", &[]))?;
    caller.authorize(Action::ViewNetworkInternal(network))?;
    Ok(Json(
        state.store.ideas(network, raw.id("working_group")?).await?,
    ))
}

/// Submit an idea.
///
/// By a member of the network, for one of their organisations in it.
#[utoipa::path(
    post,
    path = "/api/v1/ideas",
    tag = "networks",
    request_body = NewIdea,
    responses(
        (status = 201, description = "Submitted (stage `idea`)", body = Idea),
        (status = 400, description = "A field is invalid", content_type = "application/problem+json"),
        (status = 401, description = "Sign in first", content_type = "application/problem+json"),
        (status = 403, description = "Not a member of the network", content_type = "application/problem+json")
    )
)]
pub(super) async fn create_idea(
    State(state): State<AppState>,
    caller: Caller,
    body: Bytes,
) -> Result<Response, AppError> {
    caller.require_identity()?;
    let mut idea: NewIdea = json_body(&body)?;
    idea.demo = false;
    let stored = coop::create_idea(&state, &caller, idea).await?;
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, format!("/api/v1/ideas/{}", stored.id))],
        Json(stored),
    )
        .into_response())
}

async fn detail(state: &AppState, idea: Idea) -> Result<IdeaDetail, AppError> {
    Ok(IdeaDetail {
        next: idea.stage.successors(idea.parked_from),
        decisions: state.store.decisions(idea.id).await?,
        comments: state.store.comments(idea.id).await?,
        idea,
    })
}

/// One idea with its decisions and comments.
#[utoipa::path(
    get,
    path = "/api/v1/ideas/{id}",
    tag = "networks",
    params(("id" = i64, Path, description = "Idea id")),
    responses(
        (status = 200, description = "The idea", body = IdeaDetail),
        (status = 401, description = "Sign in first", content_type = "application/problem+json"),
        (status = 404, description = "No such idea, or not in the caller's networks", content_type = "application/problem+json")
    )
)]
pub(super) async fn get_idea(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw): Segment,
) -> Result<Json<IdeaDetail>, AppError> {
    let id = parse_id(&raw)?;
    let idea = coop::visible_idea(&state, &caller, id).await?;
    Ok(Json(detail(&state, idea).await?))
}

/// Move an idea.
///
/// Only the pipeline's moves are allowed (the problem lists the allowed ones); a
/// rejection or parking needs a note. When the idea moved meanwhile, 409.
#[utoipa::path(
    post,
    path = "/api/v1/ideas/{id}/decisions",
    tag = "networks",
    params(("id" = i64, Path, description = "Idea id")),
    request_body = DecisionInput,
    responses(
        (status = 201, description = "Recorded; the idea with its history", body = IdeaDetail),
        (status = 400, description = "A move the pipeline does not allow, or a missing reason", content_type = "application/problem+json"),
        (status = 401, description = "Sign in first", content_type = "application/problem+json"),
        (status = 403, description = "Neither a network admin nor the group's lead", content_type = "application/problem+json"),
        (status = 404, description = "No such idea", content_type = "application/problem+json"),
        (status = 409, description = "The idea moved meanwhile", content_type = "application/problem+json")
    )
)]
pub(super) async fn decide(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw): Segment,
    body: Bytes,
) -> Result<Response, AppError> {
    caller.require_identity()?;
    let id = parse_id(&raw)?;
    let idea = coop::visible_idea(&state, &caller, id).await?;
    let input: DecisionInput = json_body(&body)?;
    let (idea, _) = coop::decide(
        &state,
        &caller,
        &idea,
        input.to,
        input.note,
        input.decided_on,
        input.measure_id,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(detail(&state, idea).await?)).into_response())
}

/// Comment on an idea.
#[utoipa::path(
    post,
    path = "/api/v1/ideas/{id}/comments",
    tag = "networks",
    params(("id" = i64, Path, description = "Idea id")),
    request_body = CommentInput,
    responses(
        (status = 201, description = "The comment", body = Comment),
        (status = 400, description = "Empty comment", content_type = "application/problem+json"),
        (status = 401, description = "Sign in first", content_type = "application/problem+json"),
        (status = 404, description = "No such idea", content_type = "application/problem+json")
    )
)]
pub(super) async fn add_comment(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw): Segment,
    body: Bytes,
) -> Result<Response, AppError> {
    caller.require_identity()?;
    let id = parse_id(&raw)?;
    let idea = coop::visible_idea(&state, &caller, id).await?;
    let input: CommentInput = json_body(&body)?;
    let c = coop::comment(&state, &caller, &idea, &input.body).await?;
    Ok((StatusCode::CREATED, Json(c)).into_response())
}
