//! Reference data and health.

use super::dto::{HealthDto, OccupationDto, OccupationListDto};
use crate::i18n::Lang;
use crate::policy::Caller;
use crate::problem::AppError;
use crate::state::AppState;
use axum::extract::State;
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
