//! Runs a validated job search on the index and loads the hits from the store; shared by
//! the JSON API and the HTML pages so both always answer the same.

use crate::i18n::Tr;
use crate::params::JobSearch;
use crate::problem::AppError;
use crate::state::AppState;
use bleibe_domain::{occupation, Job, State};
use bleibe_search::{Facet, Facets};
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

/// Facet counts of a search: the facets the request named in `facets` (by default
/// kind, working time and occupation area); the others are left out.
#[derive(Debug, Clone, Default, serde::Serialize, utoipa::ToSchema)]
pub struct FacetsView {
    /// By kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<Vec<FacetValue>>,
    /// By working time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub working_time: Option<Vec<FacetValue>>,
    /// By KldB area (first digit).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub occupation_area: Option<Vec<FacetValue>>,
    /// By contract duration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract: Option<Vec<FacetValue>>,
    /// By federal state (value: GeoNames admin1 code).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<Vec<FacetValue>>,
    /// By place (value: GeoNames id): the 20 places with most jobs, then any selected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<Vec<FacetValue>>,
    /// By employer (value: employer id): the 20 with most jobs, then any selected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub employer: Option<Vec<FacetValue>>,
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
    let mut query = search.to_query();
    if let Some(network) = search.network {
        query.area = Some(network_area(state, network).await?);
    }
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
    let facets = facets_view(state, search, tr, &results.facets).await?;
    Ok(Outcome {
        total: results.total,
        items,
        facets,
    })
}

/// The places of a network's area; an unknown network is a 400 naming `network`.
pub async fn network_area(state: &AppState, network: i64) -> Result<Vec<i64>, AppError> {
    if state.store.network(network).await?.is_none() {
        return Err(AppError::bad_param(
            "network",
            "error-network-unknown",
            &[("value", network.to_string())],
        ));
    }
    Ok(state.store.network_places(network).await?)
}

/// Labels the engine's facet counts and marks the selected values.
async fn facets_view(
    state: &AppState,
    search: &JobSearch,
    tr: &Tr,
    f: &Facets,
) -> Result<FacetsView, AppError> {
    // At most 20 employers (plus the selected); each a primary-key lookup.
    let mut employer_names = std::collections::HashMap::new();
    for (id, _) in &f.employer {
        if let Some(e) = state.store.employer(*id).await? {
            employer_names.insert(*id, e.name);
        }
    }
    let asked = |facet: Facet| search.facets.contains(facet);
    Ok(FacetsView {
        kind: facet_values(
            asked(Facet::Kind),
            &f.kind,
            |k| k.as_str().into(),
            |k| kind_label(tr, *k),
            |k| search.kinds.contains(k),
        ),
        working_time: facet_values(
            asked(Facet::WorkingTime),
            &f.working_time,
            |w| w.as_str().into(),
            |w| working_time_label(tr, *w),
            |w| search.working_times.contains(w),
        ),
        occupation_area: facet_values(
            asked(Facet::OccupationArea),
            &f.occupation_area,
            String::clone,
            |a| occupation_label(tr, a),
            |a| search.occupations.contains(a),
        ),
        contract: facet_values(
            asked(Facet::Contract),
            &f.contract,
            |c| c.as_str().into(),
            |c| tr.t(&format!("contract-{}", c.as_str())),
            |c| search.contracts.contains(c),
        ),
        state: facet_values(
            asked(Facet::State),
            &f.state,
            String::clone,
            |code| State::from_code(code).name.to_string(),
            |code| search.states.contains(code),
        ),
        place: facet_values(
            asked(Facet::Place),
            &f.place,
            i64::to_string,
            |id| {
                state
                    .gazetteer
                    .get(*id)
                    .map_or_else(|| id.to_string(), |p| p.name.clone())
            },
            |id| search.places.contains(id),
        ),
        employer: facet_values(
            asked(Facet::Employer),
            &f.employer,
            i64::to_string,
            |id| {
                employer_names
                    .get(id)
                    .cloned()
                    .unwrap_or_else(|| id.to_string())
            },
            |id| search.employers.contains(id),
        ),
    })
}

/// One facet's values with wire value, label and selection; `None` when not asked for.
fn facet_values<T>(
    asked: bool,
    counts: &[(T, u64)],
    value: impl Fn(&T) -> String,
    label: impl Fn(&T) -> String,
    selected: impl Fn(&T) -> bool,
) -> Option<Vec<FacetValue>> {
    asked.then(|| {
        counts
            .iter()
            .map(|(v, n)| FacetValue {
                value: value(v),
                label: label(v),
                count: *n,
                selected: selected(v),
            })
            .collect()
    })
}
