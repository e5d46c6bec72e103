//! `/api/v1/places` and `/api/v1/places/{id}`.

use super::dto::{PlaceDto, PlaceItemDto, PlaceListDto};
use crate::pages::parse_id;
use crate::params::RawQuery;
use crate::params::Segment;
use crate::policy::Caller;
use crate::problem::AppError;
use crate::search::today;
use crate::state::AppState;
use axum::extract::{RawQuery as QueryString, State};
use axum::Json;
use bleibe_domain::policy::Action;

/// Find places by name.
///
/// Prefix and typo-tolerant search over names and all alternate names (Sorbian
/// "Wojerecy" finds Hoyerswerda); exact matches first, then by population, unknown last.
#[utoipa::path(
    get,
    path = "/api/v1/places",
    tag = "places",
    params(
        ("q" = String, Query, description = "Name or beginning of a name"),
        ("limit" = Option<u32>, Query, description = "1–100, default 10")
    ),
    responses(
        (status = 200, description = "Matching places", body = PlaceListDto),
        (status = 400, description = "q missing or limit out of range", content_type = "application/problem+json")
    )
)]
pub(super) async fn list_places(
    State(state): State<AppState>,
    caller: Caller,
    QueryString(query): QueryString,
) -> Result<Json<PlaceListDto>, AppError> {
    caller.authorize(Action::ViewPlaces)?;
    let raw = RawQuery::parse(query.as_deref())?;
    let q = raw
        .get("q")
        .ok_or_else(|| AppError::bad_param("q", "error-param-required", &[]))?;
    let limit = raw.int("limit", 1, 100, 10)?;
    let items = state
        .gazetteer
        .search(q, limit as usize)
        .into_iter()
        .map(PlaceItemDto::new)
        .collect();
    Ok(Json(PlaceListDto { items }))
}

/// One place.
#[utoipa::path(
    get,
    path = "/api/v1/places/{id}",
    tag = "places",
    params(("id" = i64, Path, description = "GeoNames id")),
    responses(
        (status = 200, description = "The place", body = PlaceDto),
        (status = 404, description = "No such place (or a malformed id)", content_type = "application/problem+json")
    )
)]
pub(super) async fn get_place(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw_id): Segment,
) -> Result<Json<PlaceDto>, AppError> {
    caller.authorize(Action::ViewPlaces)?;
    let id = parse_id(&raw_id)?;
    let p = state
        .store
        .place(id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let (open_jobs, _) = state.store.jobs_at_place(id, today(), 0).await?;
    Ok(Json(PlaceDto {
        id: p.id,
        name: p.name.clone(),
        alternate_names: p.alternate_names.clone(),
        lat: p.lat,
        lon: p.lon,
        population: p.population,
        state: p.state().name.to_string(),
        state_code: p.state_code.clone(),
        county: p.county.clone(),
        ags: p.ags.clone(),
        open_jobs,
        url: format!("/places/{}", p.id),
    }))
}
