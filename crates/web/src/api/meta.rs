//! Reference data and health.

use super::dto::{HealthDto, OccupationDto, OccupationListDto, ReadyDto};
use crate::i18n::Lang;
use crate::policy::Caller;
use crate::problem::AppError;
use crate::state::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;
use bleibe_domain::occupation;
use bleibe_domain::policy::Action;

/// KldB 2010 occupation areas (1 digit) and main groups (2 digits).
#[utoipa::path(
    get,
    path = "/api/v1/occupations",
    tag = "reference",
    responses((status = 200, description = "All 10 areas and 37 main groups", body = OccupationListDto))
)]
pub(super) async fn list_occupations(
    caller: Caller,
    lang: Lang,
) -> Result<Json<OccupationListDto>, AppError> {
    caller.authorize(Action::ViewReferenceData)?;
    let items = occupation::all()
        .iter()
        .map(|o| OccupationDto {
            code: o.code.clone(),
            level: o.level(),
            parent: (o.level() > 1).then(|| o.code[..1].to_string()),
            name: o.name(lang.code()).to_string(),
            name_de: o.name_de.clone(),
            name_en: o.name_en.clone(),
        })
        .collect();
    Ok(Json(OccupationListDto {
        items,
        source: "Klassifikation der Berufe 2010 (KldB 2010), Bundesagentur für Arbeit; transcribed; English names are bleibe's working translations",
    }))
}

/// Liveness and index status.
#[utoipa::path(
    get,
    path = "/healthz",
    tag = "operations",
    responses((status = 200, description = "Up", body = HealthDto))
)]
pub(super) async fn healthz(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<HealthDto>, AppError> {
    caller.authorize(Action::ViewPublicPages)?;
    let counts = state.store.counts().await?;
    Ok(Json(HealthDto {
        status: "ok",
        backend: state.store.backend(),
        jobs: counts.jobs,
        places: counts.places,
        index_docs: state.index.num_docs(),
        index_seq: state.index.applied_seq(),
        store_seq: state.store.latest_change().await?,
        version: env!("CARGO_PKG_VERSION"),
    }))
}

/// Readiness: 200 when the database answers, 503 when it does not (take the instance out
/// of the load balancer). `index_lag` says how many change-log entries the search index
/// still has to apply.
#[utoipa::path(
    get,
    path = "/readyz",
    tag = "operations",
    responses(
        (status = 200, description = "Ready", body = ReadyDto),
        (status = 503, description = "The database does not answer", content_type = "application/problem+json")
    )
)]
pub(super) async fn readyz(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<ReadyDto>, AppError> {
    caller.authorize(Action::ViewPublicPages)?;
    if let Err(e) = state.store.ping().await {
        return Err(AppError::unavailable(e));
    }
    let store_seq = state
        .store
        .latest_change()
        .await
        .map_err(AppError::unavailable)?;
    Ok(Json(ReadyDto {
        status: "ready",
        index_lag: (store_seq - state.index.applied_seq()).max(0),
    }))
}

/// Prometheus metrics (text exposition format).
#[utoipa::path(
    get,
    path = "/metrics",
    tag = "operations",
    responses((status = 200, description = "Metrics", content_type = "text/plain"))
)]
pub(super) async fn metrics(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Response, AppError> {
    caller.authorize(Action::ViewMetrics)?;
    let counts = state.store.counts().await?;
    let body = crate::metrics::render(
        &state.metrics,
        state.store.backend(),
        counts.jobs,
        state.index.num_docs(),
        state.index.applied_seq(),
        state.store.latest_change().await?,
    );
    Ok((
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        body,
    )
        .into_response())
}
