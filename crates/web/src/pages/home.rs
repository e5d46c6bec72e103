//! `/`: what, where, kind, radius — and the newest jobs.

use super::{card, html};
use crate::i18n::Lang;
use crate::params::{encode, JobSearch, RawQuery};
use crate::policy::Caller;
use crate::problem::AppError;
use crate::search::{self, kind_label};
use crate::state::AppState;
use crate::views::HomePage;
use axum::extract::{Request, State};
use axum::response::Response;
use bleibe_domain::policy::Action;
use bleibe_search::Sort;

pub(super) async fn home(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::SearchJobs)?;
    let tr = lang.tr();
    let mut latest = JobSearch::parse(&RawQuery::default(), &state.gazetteer)?;
    latest.sort = Sort::Date;
    latest.per_page = 6;
    let outcome = search::run(&state, &latest, &tr).await?;
    let kind_links = outcome
        .facets
        .kind
        .iter()
        .flatten()
        .filter_map(|f| bleibe_domain::JobKind::parse(&f.value).map(|k| (k, f.count)))
        .map(|(k, n)| {
            (
                kind_label(&tr, k),
                format!("/jobs?{}", encode(&[("kind", k.as_str().to_string())])),
                n,
            )
        })
        .collect();
    let title = tr.t("home-page-title");
    html(HomePage {
        chrome: super::chrome(&state, lang, &req, "home", &title),
        form: super::jobs::search_form(&tr, None),
        total_jobs: outcome.total,
        region: state.config.home_name.clone(),
        kind_links,
        latest: outcome
            .items
            .iter()
            .map(|(j, d)| card(&tr, j, *d))
            .collect(),
    })
}
