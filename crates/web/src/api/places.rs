//! `/api/v1/places`, `/api/v1/places/{id}` (with the place's profile) and
//! `PUT /api/v1/places/{id}/profile`.

use super::dto::{PlaceDto, PlaceItemDto, PlaceListDto};
use super::write::json_body;
use crate::pages::parse_id;
use crate::params::RawQuery;
use crate::params::Segment;
use crate::place_profiles::{self, Change};
use crate::policy::Caller;
use crate::problem::AppError;
use crate::search::today;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{RawQuery as QueryString, State};
use axum::Json;
use bleibe_domain::living::{PlaceProfile, ProfileKey, ProfileValue};
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
    let profile = state.store.place_profile(id).await?;
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
        profile,
    }))
}

/// Change a place's profile.
///
/// The body is an object of profile keys, each with `{"value", "source", "as_of"}` as
/// `GET /api/v1/places/{id}` shows them (`demo` is ignored: values written here are
/// never demo), or `null` to remove the value; keys not named keep their values.
/// Counts are whole numbers from 0, `median_rent_eur_m2` at most 100 and
/// `building_land_eur_m2` at most 20,000 EUR/m², `broadband_mbit` at most 100,000;
/// `rail_lines` (300) and `contact` (500 characters) are text; `source` is required and
/// `as_of` (`YYYY-MM-DD`) not in the future. For platform admins and for editors and
/// admins of the verified municipality whose place it is. Answers with the whole
/// profile as stored.
#[utoipa::path(
    put,
    path = "/api/v1/places/{id}/profile",
    tag = "places",
    params(("id" = i64, Path, description = "GeoNames id")),
    request_body(content = PlaceProfile, description = "Values to set (or `null` to remove), by key"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The profile as stored", body = PlaceProfile),
        (status = 400, description = "A key or value is invalid; the problem document names it (`kita.value`, `gp.source`, …)", content_type = "application/problem+json"),
        (status = 401, description = "Sign in first", content_type = "application/problem+json"),
        (status = 403, description = "Not the place's municipality", content_type = "application/problem+json"),
        (status = 404, description = "No such place", content_type = "application/problem+json")
    )
)]
pub(super) async fn put_profile(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw_id): Segment,
    body: Bytes,
) -> Result<Json<PlaceProfile>, AppError> {
    let id = parse_id(&raw_id)?;
    let place = place_profiles::editable_place(&state, &caller, id).await?;
    let changes = profile_changes(&body)?;
    let profile = place_profiles::apply(&state, &caller, &place, changes).await?;
    Ok(Json(profile))
}

/// The changes a `PUT /api/v1/places/{id}/profile` body asks for; a 400 names the key
/// or the field (`kita.as_of`) at fault.
fn profile_changes(body: &[u8]) -> Result<Vec<Change>, AppError> {
    let object: serde_json::Map<String, serde_json::Value> = json_body(body)?;
    object
        .into_iter()
        .map(|(name, value)| {
            let key = ProfileKey::parse(&name).ok_or_else(|| {
                AppError::bad_param(
                    &name,
                    "error-param-enum",
                    &[
                        ("value", name.clone()),
                        ("expected", ProfileKey::expected()),
                    ],
                )
            })?;
            if value.is_null() {
                return Ok(Change::Remove(key));
            }
            let value: ProfileValue = serde_path_to_error::deserialize(value).map_err(|e| {
                let path = e.path().to_string();
                let message = e.inner().to_string();
                let field = match message
                    .strip_prefix("missing field `")
                    .and_then(|rest| rest.split_once('`'))
                {
                    Some((missing, _)) => format!("{name}.{missing}"),
                    None if path == "." => name.clone(),
                    None => format!("{name}.{path}"),
                };
                AppError::bad_param(&field, "error-json-invalid", &[("reason", message)])
            })?;
            Ok(Change::Set(key, value))
        })
        .collect()
}
