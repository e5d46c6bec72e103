//! Runs a validated job search on the index and loads the hits from the store; shared by
//! the JSON API and the HTML pages so both always answer the same.

use crate::i18n::Tr;
use crate::params::JobSearch;
use crate::problem::AppError;
use crate::state::AppState;
use bleibe_domain::{occupation, Job};
use chrono::{NaiveDate, Utc};

/// One facet value with its translated label.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct FacetValue {
    /// Wire value, usable as a filter.
    pub value: String,
    /// Label in the request's language.
    pub label: String,
    /// Matching jobs (with every other filter applied).
    pub count: u64,
    /// Whether this value is currently a filter (not serialised).
    #[serde(skip)]
    pub selected: bool,
}

/// Facet counts of a search.
#[derive(Debug, Clone, Default, serde::Serialize, utoipa::ToSchema)]
pub struct FacetsView {
    /// By kind.
    pub kind: Vec<FacetValue>,
    /// By working time.
    pub working_time: Vec<FacetValue>,
    /// By KldB area (first digit).
    pub occupation_area: Vec<FacetValue>,
}

/// A search's results.
pub struct Outcome {
    /// Matching jobs in all.
    pub total: u64,
    /// This page's jobs with their distance from the centre.
    pub items: Vec<(Job, Option<f64>)>,
    /// Facet counts.
    pub facets: FacetsView,
}

/// Today, for expiry.
pub fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// Translated label of a kind.
pub fn kind_label(tr: &Tr, k: bleibe_domain::JobKind) -> String {
    tr.t(&format!("kind-{}", k.as_str()))
}

/// Translated label of a working time.
pub fn working_time_label(tr: &Tr, w: bleibe_domain::WorkingTime) -> String {
    tr.t(&format!("working-time-{}", w.as_str()))
}

/// Name of a KldB code in the request's language.
pub fn occupation_label(tr: &Tr, code: &str) -> String {
    occupation::best_match(code)
        .map(|o| o.name(tr.lang.code()).to_string())
        .unwrap_or_else(|| code.to_string())
}

/// Runs `search`.
pub async fn run(state: &AppState, search: &JobSearch, tr: &Tr) -> Result<Outcome, AppError> {
    let index = state.index.clone();
    let query = search.to_query();
    let results = tokio::task::spawn_blocking(move || index.search(&query, today()))
        .await
        .map_err(AppError::internal)??;
    let ids: Vec<i64> = results.hits.iter().map(|h| h.id).collect();
    let jobs = state.store.jobs_by_ids(&ids).await?;
    let mut by_id: std::collections::HashMap<i64, Job> =
        jobs.into_iter().map(|j| (j.id, j)).collect();
    let items = results
        .hits
        .iter()
        .filter_map(|h| by_id.remove(&h.id).map(|j| (j, h.distance_km)))
        .collect();
    let f = &results.facets;
    let facets = FacetsView {
        kind: f
            .kind
            .iter()
            .map(|(k, n)| FacetValue {
                value: k.as_str().into(),
                label: kind_label(tr, *k),
                count: *n,
                selected: search.kinds.contains(k),
            })
            .collect(),
        working_time: f
            .working_time
            .iter()
            .map(|(w, n)| FacetValue {
                value: w.as_str().into(),
                label: working_time_label(tr, *w),
                count: *n,
                selected: search.working_times.contains(w),
            })
            .collect(),
        occupation_area: f
            .occupation_area
            .iter()
            .map(|(a, n)| FacetValue {
                value: a.clone(),
                label: occupation_label(tr, a),
                count: *n,
                selected: search.occupations.contains(a),
            })
            .collect(),
    };
    Ok(Outcome {
        total: results.total,
        items,
        facets,
    })
}
