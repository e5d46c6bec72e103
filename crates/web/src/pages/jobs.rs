//! `/jobs`: results, facets, sorting and paging; the whole search lives in the URL.

use super::{card, html};
use crate::i18n::{Lang, Tr};
use crate::params::{encode, sort_name, JobSearch, RawQuery, MAX_RESULT_WINDOW};
use crate::policy::Caller;
use crate::problem::AppError;
use crate::search::{self, kind_label, FacetValue};
use crate::state::AppState;
use crate::views::{FacetGroup, FacetLink, JobsPage, PageLink, SearchForm, SelectOption, SortLink};
use axum::extract::{Request, State};
use axum::response::Response;
use bleibe_domain::policy::Action;
use bleibe_domain::JobKind;
use bleibe_search::{FacetSet, Sort};

const RADII: [u32; 7] = [5, 10, 25, 50, 100, 200, 500];
const DEFAULT_RADIUS: u32 = 25;

/// The search form, filled from the current search.
pub(super) fn search_form(tr: &Tr, search: Option<&JobSearch>) -> SearchForm {
    let near = search
        .and_then(|s| s.centre.as_ref())
        .and_then(|c| c.place.as_ref())
        .map(|p| p.name.clone())
        .unwrap_or_default();
    let radius = search
        .and_then(|s| s.radius_km)
        .map(|r| r.round() as u32)
        .unwrap_or(DEFAULT_RADIUS);
    let selected_kind = search.and_then(|s| s.kinds.first().copied());
    // Filters the form does not show travel along as hidden fields.
    let hidden = search
        .map(|s| {
            s.to_pairs()
                .into_iter()
                .filter(|(k, _)| matches!(*k, "occupation" | "working_time" | "sort" | "per_page"))
                .chain(
                    s.kinds
                        .iter()
                        .skip(1)
                        .map(|k| ("kind", k.as_str().to_string())),
                )
                .map(|(k, v)| (k.to_string(), v))
                .collect()
        })
        .unwrap_or_default();
    let mut kinds = vec![SelectOption {
        value: String::new(),
        label: tr.t("search-kind-any"),
        selected: selected_kind.is_none(),
    }];
    kinds.extend(JobKind::ALL.iter().map(|k| SelectOption {
        value: k.as_str().into(),
        label: kind_label(tr, *k),
        selected: selected_kind == Some(*k),
    }));
    SearchForm {
        hidden,
        q: search.and_then(|s| s.q.clone()).unwrap_or_default(),
        near,
        kinds,
        radii: radius_options(tr, radius),
    }
}

/// The radius choices, including an unusual radius that came in the URL.
fn radius_options(tr: &Tr, selected: u32) -> Vec<SelectOption> {
    let mut radii = RADII.to_vec();
    if !radii.contains(&selected) {
        radii.push(selected);
        radii.sort_unstable();
    }
    radii
        .into_iter()
        .map(|r| SelectOption {
            value: r.to_string(),
            label: tr.t1("radius-option", "km", r),
            selected: r == selected,
        })
        .collect()
}

fn href(pairs: &[(&str, String)]) -> String {
    let q = encode(pairs);
    if q.is_empty() {
        "/jobs".into()
    } else {
        format!("/jobs?{q}")
    }
}

fn toggle(search: &JobSearch, param: &'static str, value: &str) -> String {
    let mut pairs = search.to_pairs();
    let had = pairs.iter().any(|(k, v)| *k == param && v == value);
    if had {
        pairs.retain(|(k, v)| !(*k == param && v == value));
    } else {
        pairs.push((param, value.to_string()));
    }
    href(&pairs)
}

fn group(
    search: &JobSearch,
    title: String,
    param: &'static str,
    values: &[FacetValue],
) -> FacetGroup {
    FacetGroup {
        title,
        links: values
            .iter()
            .map(|v| FacetLink {
                href: toggle(search, param, &v.value),
                value: v.clone(),
            })
            .collect(),
    }
}

fn page_links(search: &JobSearch, total: u64) -> (Vec<PageLink>, Option<String>, Option<String>) {
    let reachable = total.min(u64::from(MAX_RESULT_WINDOW));
    let pages = reachable.div_ceil(u64::from(search.per_page)) as u32;
    if pages <= 1 {
        return (Vec::new(), None, None);
    }
    let link = |n: u32| {
        let mut pairs = search.to_pairs();
        if n > 1 {
            pairs.push(("page", n.to_string()));
        }
        href(&pairs)
    };
    let cur = search.page;
    let mut out = Vec::new();
    let mut last_shown = 0;
    for n in 1..=pages {
        let show = n == 1 || n == pages || (n + 2 >= cur && n <= cur + 2);
        if !show {
            continue;
        }
        if n > last_shown + 1 {
            out.push(PageLink {
                number: None,
                href: String::new(),
                current: false,
            });
        }
        out.push(PageLink {
            number: Some(n),
            href: link(n),
            current: n == cur,
        });
        last_shown = n;
    }
    let prev = (cur > 1).then(|| link(cur - 1));
    let next = (cur < pages).then(|| link(cur + 1));
    (out, prev, next)
}

pub(super) async fn jobs(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::SearchJobs)?;
    let tr = lang.tr();
    let mut raw = RawQuery::parse(req.uri().query())?;
    // The form always sends a radius; without a place it means nothing, so the page
    // (unlike the API, which answers 400) ignores it.
    if raw.get("near").is_none() && raw.get("lat").is_none() && raw.get("lon").is_none() {
        raw.0.retain(|(k, _)| k != "radius_km");
    }
    let search = JobSearch::parse(&raw, &state.gazetteer)?;
    // The page offers every facet; its links keep the request's own `facets`.
    let every_facet = JobSearch {
        facets: FacetSet::all(),
        ..search.clone()
    };
    let outcome = search::run(&state, &every_facet, &tr).await?;
    let summary = tr.tn("jobs-found", "count", outcome.total);
    let centre_note = search
        .centre
        .as_ref()
        .and_then(|c| c.place.as_ref())
        .filter(|p| p.candidates > 1)
        .map(|p| {
            tr.ta(
                "jobs-centre-ambiguous",
                &[
                    ("name", p.name.clone()),
                    ("state", p.state.clone()),
                    ("count", p.candidates.to_string()),
                ],
            )
        });
    let mut sort_options = vec![
        (Sort::Relevance, "sort-relevance"),
        (Sort::Date, "sort-date"),
    ];
    if search.centre.is_some() {
        sort_options.push((Sort::Distance, "sort-distance"));
    }
    let sorts = sort_options
        .into_iter()
        .map(|(s, key)| {
            let mut pairs = search.to_pairs();
            pairs.retain(|(k, _)| *k != "sort");
            if s != Sort::Relevance {
                pairs.push(("sort", sort_name(s).to_string()));
            }
            SortLink {
                label: tr.t(key),
                href: href(&pairs),
                current: s == search.sort,
            }
        })
        .collect();
    let (pages, prev, next) = page_links(&search, outcome.total);
    let f = &outcome.facets;
    let facets = [
        ("facet-kind", "kind", &f.kind),
        ("facet-working-time", "working_time", &f.working_time),
        ("facet-occupation-area", "occupation", &f.occupation_area),
        ("facet-contract", "contract", &f.contract),
        ("facet-state", "state", &f.state),
        ("facet-place", "place", &f.place),
        ("facet-employer", "employer", &f.employer),
    ]
    .into_iter()
    .filter_map(|(title, param, values)| {
        let values = values.as_deref().filter(|v| !v.is_empty())?;
        Some(group(&search, tr.t(title), param, values))
    })
    .collect();
    let mut api_pairs = search.to_pairs();
    if search.page > 1 {
        api_pairs.push(("page", search.page.to_string()));
    }
    let title = match &search.q {
        Some(q) => tr.t1("jobs-page-title-q", "q", q),
        None => tr.t("jobs-title"),
    };
    html(JobsPage {
        chrome: super::chrome(&state, lang, &req, "jobs", &title),
        form: search_form(&tr, Some(&search)),
        summary,
        centre_note,
        cards: outcome
            .items
            .iter()
            .map(|(j, d)| card(&tr, j, *d))
            .collect(),
        facets,
        sorts,
        pages,
        prev,
        next,
        api_href: format!("/api/v1/jobs?{}", encode(&api_pairs)),
    })
}
