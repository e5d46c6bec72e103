//! `/api/v1/networks` (public) and `/api/v1/audit` (platform admins).

use super::dto::{AuditEntryDto, NetworkDto};
use crate::params::RawQuery;
use crate::policy::Caller;
use crate::problem::AppError;
use crate::state::AppState;
use axum::extract::{RawQuery as QueryString, State};
use axum::Json;
use bleibe_domain::policy::Action;

/// The networks of this installation.
#[utoipa::path(
    get,
    path = "/api/v1/networks",
    tag = "networks",
    responses((status = 200, description = "Every network, by name", body = Vec<NetworkDto>))
)]
pub(super) async fn list_networks(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<NetworkDto>>, AppError> {
    caller.authorize(Action::ViewPublicPages)?;
    let mut out = Vec::new();
    for n in state.store.networks().await? {
        out.push(NetworkDto {
            member_count: state.store.network_orgs(n.id).await?.len(),
            place_count: state.store.network_places(n.id).await?.len(),
            id: n.id,
            slug: n.slug,
            name: n.name,
            demo: n.demo,
        });
    }
    Ok(Json(out))
}

/// The audit log, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/audit",
    tag = "operations",
    params(
        ("before" = Option<i64>, Query, description = "Only entries with a smaller id (paging)"),
        ("limit" = Option<u32>, Query, description = "1–500, default 100")
    ),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Entries", body = Vec<AuditEntryDto>),
        (status = 401, description = "Sign in first", content_type = "application/problem+json"),
        (status = 403, description = "Platform admins only", content_type = "application/problem+json")
    )
)]
pub(super) async fn audit_log(
    State(state): State<AppState>,
    caller: Caller,
    QueryString(query): QueryString,
) -> Result<Json<Vec<AuditEntryDto>>, AppError> {
    caller.authorize(Action::AdminPlatform)?;
    let raw = RawQuery::parse(query.as_deref())?;
    let before = match raw.get("before") {
        None => None,
        Some(_) => raw.ids("before")?.first().copied(),
    };
    let limit = raw.int("limit", 1, 500, 100)?;
    let entries = state.store.audit_log(before, i64::from(limit)).await?;
    Ok(Json(
        entries
            .into_iter()
            .map(|e| AuditEntryDto {
                id: e.id,
                at: e.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                actor_user_id: e.actor_user_id,
                actor_token_id: e.actor_token_id,
                action: e.action,
                org_id: e.org_id,
                target: e.target,
                detail: e.detail,
                ip: e.ip,
            })
            .collect(),
    ))
}
