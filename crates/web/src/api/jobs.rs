//! `/api/v1/jobs` and `/api/v1/jobs/{id}`.

use super::dto::{CentreDto, JobDto, JobItemDto, JobSearchDto};
use crate::i18n::Lang;
use crate::pages::parse_id;
use crate::params::Segment;
use crate::params::{JobSearch, RawQuery};
use crate::policy::Caller;
use crate::problem::AppError;
use crate::search::{self, today};
use crate::state::AppState;
use axum::extract::{RawQuery as QueryString, State};
use axum::Json;
use bleibe_domain::policy::Action;

/// Search jobs.
///
/// Several values of one filter repeat the parameter (`kind=job&kind=internship`): OR
/// within a filter, AND across filters. With a centre and a radius every item lies within
/// `radius_km` (great circle).
#[utoipa::path(
    get,
    path = "/api/v1/jobs",
    tag = "jobs",
    params(
        ("q" = Option<String>, Query, description = "Free text; case, umlauts and ß are folded (Schweißer = Schweisser), German stemming"),
        ("kind" = Option<Vec<String>>, Query, explode, description = "job, apprenticeship, dual_study, internship, further_training (repeatable)"),
        ("occupation" = Option<Vec<String>>, Query, explode, description = "KldB 2010 prefix, e.g. 2 or 26 (repeatable)"),
        ("working_time" = Option<Vec<String>>, Query, explode, description = "full_time, part_time, shift, remote, minijob (repeatable)"),
        ("contract" = Option<Vec<String>>, Query, explode, description = "permanent, fixed_term (repeatable)"),
        ("state" = Option<Vec<String>>, Query, explode, description = "Federal state as GeoNames admin1 code, e.g. 11 (Brandenburg), 13 (Sachsen) (repeatable)"),
        ("place" = Option<Vec<i64>>, Query, explode, description = "Place of work by GeoNames id, e.g. 2939811 (Cottbus) (repeatable)"),
        ("employer" = Option<Vec<i64>>, Query, explode, description = "Employer id (repeatable)"),
        ("network" = Option<i64>, Query, description = "Network id: only jobs inside the network's area (see /api/v1/networks); facets are bounded by it too"),
        ("facets" = Option<String>, Query, description = "Facets to count, comma-separated: kind, working_time, occupation_area (the default), contract, state, place (top 20), employer (top 20); counts are disjunctive (each facet as if its own filter were not set); none: no facets (fastest)"),
        ("near" = Option<String>, Query, description = "Centre: a GeoNames place id or a place name; an ambiguous name resolves to the candidate nearest the installation's home region"),
        ("lat" = Option<f64>, Query, description = "Centre latitude (with lon; not with near)"),
        ("lon" = Option<f64>, Query, description = "Centre longitude (with lat; not with near)"),
        ("radius_km" = Option<f64>, Query, description = "1–500; needs a centre"),
        ("sort" = Option<String>, Query, description = "relevance (default), date, distance (needs a centre)"),
        ("page" = Option<u32>, Query, description = "≥ 1; page × per_page ≤ 10000"),
        ("per_page" = Option<u32>, Query, description = "1–100, default 20"),
        ("lang" = Option<String>, Query, description = "de or en, for labels")
    ),
    responses(
        (status = 200, description = "A page of results", body = JobSearchDto),
        (status = 400, description = "A parameter is invalid; the problem document names it", content_type = "application/problem+json")
    )
)]
pub(super) async fn list_jobs(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    QueryString(query): QueryString,
) -> Result<Json<JobSearchDto>, AppError> {
    caller.authorize(Action::SearchJobs)?;
    let tr = lang.tr();
    let raw = RawQuery::parse(query.as_deref())?;
    let search = JobSearch::parse(&raw, &state.gazetteer)?;
    let outcome = search::run(&state, &search, &tr).await?;
    Ok(Json(JobSearchDto {
        total: outcome.total,
        page: search.page,
        per_page: search.per_page,
        centre: search.centre.as_ref().map(|c| CentreDto {
            id: c.place.as_ref().map(|p| p.id),
            name: c.place.as_ref().map(|p| p.name.clone()),
            state: c.place.as_ref().map(|p| p.state.clone()),
            lat: c.lat,
            lon: c.lon,
            candidates: c.place.as_ref().map(|p| p.candidates),
        }),
        items: outcome
            .items
            .iter()
            .map(|(j, d)| JobItemDto::new(&tr, j, *d))
            .collect(),
        facets: outcome.facets,
    }))
}

/// One job, whole.
#[utoipa::path(
    get,
    path = "/api/v1/jobs/{id}",
    tag = "jobs",
    params(("id" = i64, Path, description = "Job id")),
    responses(
        (status = 200, description = "The job", body = JobDto),
        (status = 404, description = "No such job (or a malformed id)", content_type = "application/problem+json")
    )
)]
pub(super) async fn get_job(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw_id): Segment,
) -> Result<Json<JobDto>, AppError> {
    caller.authorize(Action::ViewJob)?;
    let id = parse_id(&raw_id)?;
    let job = crate::manage::visible_job(&state, &caller, id).await?;
    Ok(Json(JobDto::new(&lang.tr(), &job, today())))
}
