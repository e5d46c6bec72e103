//! `/api/v1/working-groups` and `/api/v1/networks/{id}`: a network's working groups
//! (members, tasks, meetings) and its member directory.

use super::write::json_body;
use crate::cooperation::{self as coop, audience};
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
use bleibe_domain::cooperation::{Contact, Event, NewTask, NewWorkingGroup, Task, WorkingGroup};
use bleibe_domain::policy::Action;
use bleibe_domain::{Network, OrgKind};
use bleibe_store::cooperation::EventFilter;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A member of a working group.
#[derive(Serialize, ToSchema)]
pub struct GroupMember {
    /// User id.
    pub user_id: i64,
    /// Display name.
    pub name: String,
}

/// A working group with its members, tasks and meetings.
#[derive(Serialize, ToSchema)]
pub struct GroupDetail {
    /// The group.
    pub group: WorkingGroup,
    /// Its members, by name.
    pub members: Vec<GroupMember>,
    /// Its tasks: open ones by due date, then done ones.
    pub tasks: Vec<Task>,
    /// Its meetings, by start (past ones too).
    pub meetings: Vec<Event>,
}

/// A task's new state.
#[derive(Deserialize, ToSchema)]
pub struct TaskPatch {
    /// Done or open again.
    pub done: bool,
}

/// A member organisation in the directory.
#[derive(Serialize, ToSchema)]
pub struct MemberOrg {
    /// Organisation id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: OrgKind,
    /// Demo record.
    pub demo: bool,
}

/// A network's member directory.
#[derive(Serialize, ToSchema)]
pub struct NetworkDetail {
    /// The network.
    pub network: Network,
    /// Number of member organisations.
    pub member_count: usize,
    /// Member organisations, by name.
    pub members: Vec<MemberOrg>,
    /// Working groups (members of the network only; empty for others).
    pub working_groups: Vec<WorkingGroup>,
    /// Contact persons who agreed to be listed (members of the network only).
    pub contacts: Vec<Contact>,
}

/// A network and its member directory.
#[utoipa::path(
    get,
    path = "/api/v1/networks/{id}",
    tag = "networks",
    params(("id" = i64, Path, description = "Network id")),
    responses(
        (status = 200, description = "The network", body = NetworkDetail),
        (status = 404, description = "No such network", content_type = "application/problem+json")
    )
)]
pub(super) async fn get_network(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw): Segment,
) -> Result<Json<NetworkDetail>, AppError> {
    caller.authorize(Action::ViewPublicPages)?;
    let id = parse_id(&raw)?;
    let network = coop::network(&state, id).await?;
    let mut members = Vec::new();
    for org in state.store.network_orgs(id).await? {
        if let Some(e) = state.store.employer(org).await? {
            members.push(MemberOrg {
                id: e.id,
                name: e.name,
                kind: e.kind,
                demo: e.demo,
            });
        }
    }
    members.sort_by(|a, b| a.name.cmp(&b.name));
    let inside = caller.may(Action::ViewNetworkInternal(id));
    Ok(Json(NetworkDetail {
        network,
        member_count: members.len(),
        members,
        working_groups: if inside {
            state.store.groups(id).await?
        } else {
            Vec::new()
        },
        contacts: if inside {
            state.store.contacts(id).await?
        } else {
            Vec::new()
        },
    }))
}

/// List a network's working groups.
#[utoipa::path(
    get,
    path = "/api/v1/working-groups",
    tag = "networks",
    params(("network" = i64, Query, description = "The network (required)")),
    responses(
        (status = 200, description = "Working groups, by name", body = Vec<WorkingGroup>),
        (status = 400, description = "No network given", content_type = "application/problem+json"),
        (status = 401, description = "Sign in first", content_type = "application/problem+json"),
        (status = 403, description = "Not a member of the network", content_type = "application/problem+json")
    )
)]
pub(super) async fn list_groups(
    State(state): State<AppState>,
    caller: Caller,
    QueryString(query): QueryString,
) -> Result<Json<Vec<WorkingGroup>>, AppError> {
    let raw = RawQuery::parse(query.as_deref())?;
    let network = raw
        .id("network")?
        .ok_or_else(|| AppError::bad_param("network", "error-param-required", &[]))?;
    caller.authorize(Action::ViewNetworkInternal(network))?;
    Ok(Json(state.store.groups(network).await?))
}

/// Create a working group (network admins).
#[utoipa::path(
    post,
    path = "/api/v1/working-groups",
    tag = "networks",
    request_body = NewWorkingGroup,
    responses(
        (status = 201, description = "Created", body = WorkingGroup),
        (status = 400, description = "A field is invalid", content_type = "application/problem+json"),
        (status = 401, description = "Sign in first", content_type = "application/problem+json"),
        (status = 403, description = "Not an admin of the network", content_type = "application/problem+json")
    )
)]
pub(super) async fn create_group(
    State(state): State<AppState>,
    caller: Caller,
    body: Bytes,
) -> Result<Response, AppError> {
    caller.require_identity()?;
    let mut g: NewWorkingGroup = json_body(&body)?;
    g.demo = false;
    let stored = coop::create_group(&state, &caller, g).await?;
    Ok((
        StatusCode::CREATED,
        [(
            header::LOCATION,
            format!("/api/v1/working-groups/{}", stored.id),
        )],
        Json(stored),
    )
        .into_response())
}

/// One working group with members, tasks and meetings.
#[utoipa::path(
    get,
    path = "/api/v1/working-groups/{id}",
    tag = "networks",
    params(("id" = i64, Path, description = "Working group id")),
    responses(
        (status = 200, description = "The group", body = GroupDetail),
        (status = 401, description = "Sign in first", content_type = "application/problem+json"),
        (status = 404, description = "No such group, or not in the caller's networks", content_type = "application/problem+json")
    )
)]
pub(super) async fn get_group(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw): Segment,
) -> Result<Json<GroupDetail>, AppError> {
    let id = parse_id(&raw)?;
    let group = coop::visible_group(&state, &caller, id).await?;
    let (meetings, _) = state
        .store
        .events(&EventFilter {
            working_group: Some(id),
            members_of: audience(&caller),
            limit: 500,
            ..EventFilter::default()
        })
        .await?;
    Ok(Json(GroupDetail {
        members: state
            .store
            .group_members(id)
            .await?
            .into_iter()
            .map(|(user_id, name)| GroupMember { user_id, name })
            .collect(),
        tasks: state.store.tasks(id).await?,
        meetings,
        group,
    }))
}

/// Join a working group.
///
/// Any member of the network joins by themselves.
#[utoipa::path(
    post,
    path = "/api/v1/working-groups/{id}/members",
    tag = "networks",
    params(("id" = i64, Path, description = "Working group id")),
    responses(
        (status = 204, description = "A member now"),
        (status = 401, description = "Sign in first", content_type = "application/problem+json"),
        (status = 404, description = "No such group, or not in the caller's networks", content_type = "application/problem+json")
    )
)]
pub(super) async fn join_group(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw): Segment,
) -> Result<StatusCode, AppError> {
    caller.require_identity()?;
    let id = parse_id(&raw)?;
    let group = coop::visible_group(&state, &caller, id).await?;
    coop::join_group(&state, &caller, &group).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Add a task (the group's lead, the network's admins).
#[utoipa::path(
    post,
    path = "/api/v1/working-groups/{id}/tasks",
    tag = "networks",
    params(("id" = i64, Path, description = "Working group id")),
    request_body = NewTask,
    responses(
        (status = 201, description = "The task", body = Task),
        (status = 400, description = "A field is invalid", content_type = "application/problem+json"),
        (status = 401, description = "Sign in first", content_type = "application/problem+json"),
        (status = 403, description = "Not the lead", content_type = "application/problem+json"),
        (status = 404, description = "No such group", content_type = "application/problem+json")
    )
)]
pub(super) async fn add_task(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw): Segment,
    body: Bytes,
) -> Result<Response, AppError> {
    caller.require_identity()?;
    let id = parse_id(&raw)?;
    let group = coop::visible_group(&state, &caller, id).await?;
    let mut body_json: serde_json::Value = json_body(&body)?;
    // The group comes from the path.
    if let Some(o) = body_json.as_object_mut() {
        o.insert("group_id".into(), id.into());
    }
    let task: NewTask = json_body(body_json.to_string().as_bytes())?;
    let stored = coop::add_task(&state, &caller, &group, task).await?;
    Ok((StatusCode::CREATED, Json(stored)).into_response())
}

/// Mark a task done or open (its owner, the lead, the network's admins).
#[utoipa::path(
    patch,
    path = "/api/v1/working-groups/{id}/tasks/{task}",
    tag = "networks",
    params(
        ("id" = i64, Path, description = "Working group id"),
        ("task" = i64, Path, description = "Task id")
    ),
    request_body = TaskPatch,
    responses(
        (status = 200, description = "The task", body = Task),
        (status = 401, description = "Sign in first", content_type = "application/problem+json"),
        (status = 403, description = "Neither owner nor lead", content_type = "application/problem+json"),
        (status = 404, description = "No such group or task", content_type = "application/problem+json")
    )
)]
pub(super) async fn patch_task(
    State(state): State<AppState>,
    caller: Caller,
    IdPair(id, task): IdPair,
    body: Bytes,
) -> Result<Json<Task>, AppError> {
    caller.require_identity()?;
    let group = coop::visible_group(&state, &caller, id).await?;
    let patch: TaskPatch = json_body(&body)?;
    Ok(Json(
        coop::set_task_done(&state, &caller, &group, task, patch.done).await?,
    ))
}
