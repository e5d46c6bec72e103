//! The measures registry: a network's measures with search and filters, the comparison
//! of its members ("who does what for returnees in Willkommenskultur, with what
//! result"), a measure's page, and deleting one. The form is in `measure_form`.

use super::form::options;
use super::network_page::kind_rank;
use super::{day, number, paragraphs};
use crate::cooperation::{self, audience, labels};
use crate::i18n::{Lang, Tr};
use crate::pages::{chrome, html, org_kind_label, parse_id, see_other};
use crate::params::{encode, RawQuery, Segment};
use crate::policy::Caller;
use crate::problem::AppError;
use crate::state::AppState;
use crate::views::{Chrome, Fact, SelectOption};
use askama::Template;
use axum::extract::{Request, State};
use axum::response::Response;
use bleibe_domain::cooperation::{
    Cluster, FieldOfAction, Indicator, Measure, MeasureStatus, TargetGroup, Visibility,
};
use bleibe_domain::policy::Action;
use bleibe_domain::Network;
use bleibe_store::cooperation::MeasureFilter;
use std::collections::BTreeMap;

/// Measures per page of the list.
const PER_PAGE: i64 = 20;
/// Deepest page of the list.
const MAX_PAGE: u32 = 500;
/// Most measures the comparison reads.
const COMPARE_MAX: i64 = 500;

/// A measure in a list.
pub(super) struct MeasureCard {
    /// Page.
    pub href: String,
    /// Title.
    pub title: String,
    /// Owner's name.
    pub org: String,
    /// Cluster and field of action.
    pub meta: String,
    /// Status, translated.
    pub status: String,
    /// Target groups, translated and joined.
    pub targets: String,
    /// Shared with members only.
    pub members_only: bool,
    /// Demo record.
    pub demo: bool,
}

/// A measure as a list shows it.
pub(super) fn measure_card(tr: &Tr, m: &Measure) -> MeasureCard {
    MeasureCard {
        href: format!("/measures/{}", m.id),
        title: m.data.title.clone(),
        org: m.org_name.clone(),
        meta: format!(
            "{} · {}",
            labels::cluster(tr, m.data.cluster),
            labels::field(tr, m.data.field)
        ),
        status: labels::measure_status(tr, m.data.status),
        targets: targets(tr, &m.data.target_groups),
        members_only: m.data.visibility == Visibility::Members,
        demo: m.data.demo,
    }
}

fn targets(tr: &Tr, groups: &[TargetGroup]) -> String {
    groups
        .iter()
        .map(|t| labels::target(tr, *t))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A vocabulary parameter: absent, or one of the values (else a 400 naming it).
fn vocab<T>(
    raw: &RawQuery,
    name: &str,
    parse: fn(&str) -> Option<T>,
    expected: fn() -> String,
) -> Result<Option<T>, AppError> {
    match raw.get(name) {
        None => Ok(None),
        Some(v) => parse(v).map(Some).ok_or_else(|| {
            AppError::bad_param(
                name,
                "error-param-enum",
                &[("value", v.to_string()), ("expected", expected())],
            )
        }),
    }
}

/// Select options over a vocabulary with a first "all" entry.
fn filter_options<T: Copy>(
    tr: &Tr,
    all: &[T],
    value: fn(T) -> &'static str,
    label: impl Fn(T) -> String,
    selected: Option<T>,
) -> Vec<SelectOption> {
    let current = selected.map(value).unwrap_or("");
    let mut out = vec![SelectOption {
        value: String::new(),
        label: tr.t("np-filter-all"),
        selected: current.is_empty(),
    }];
    out.extend(options(all, value, label, current));
    out
}

/// `/networks/{id}/measures`.
#[derive(Template)]
#[template(path = "cooperation/measures.html")]
struct MeasuresPage {
    chrome: Chrome,
    network: Network,
    q: String,
    place: String,
    clusters: Vec<SelectOption>,
    fields: Vec<SelectOption>,
    targets: Vec<SelectOption>,
    statuses: Vec<SelectOption>,
    orgs: Vec<SelectOption>,
    cards: Vec<MeasureCard>,
    count: String,
    page_label: Option<String>,
    prev: Option<String>,
    next: Option<String>,
    /// "New measure" links: (href, label), one per organisation the caller writes for.
    new_links: Vec<(String, String)>,
}

/// `GET /networks/{id}/measures?q=&cluster=&field=&target_group=&status=&org=&place=&page=`.
pub(super) async fn list(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw_id): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let id = parse_id(&raw_id)?;
    caller.authorize(Action::ViewPublicPages)?;
    let network = cooperation::network(&state, id).await?;
    let tr = lang.tr();
    let raw = RawQuery::parse(req.uri().query())?;
    let cluster = vocab(&raw, "cluster", Cluster::parse, Cluster::expected)?;
    let field = vocab(&raw, "field", FieldOfAction::parse, FieldOfAction::expected)?;
    let target = vocab(
        &raw,
        "target_group",
        TargetGroup::parse,
        TargetGroup::expected,
    )?;
    let status = vocab(
        &raw,
        "status",
        MeasureStatus::parse,
        MeasureStatus::expected,
    )?;
    let org = raw.ids("org")?.last().copied();
    let place = match raw.get("place") {
        None => None,
        Some(v) => Some(
            state
                .gazetteer
                .resolve(v)
                .map(|r| r.place.id)
                .ok_or_else(|| {
                    AppError::bad_param("place", "error-unknown-place", &[("value", v.to_string())])
                })?,
        ),
    };
    let q = raw.get("q").map(str::to_string);
    let page = raw.int("page", 1, MAX_PAGE, 1)?;
    let (measures, total) = state
        .store
        .measures(&MeasureFilter {
            network: Some(id),
            org,
            cluster,
            field,
            target_group: target,
            status,
            place,
            text: q.clone(),
            members_of: audience(&caller),
            limit: PER_PAGE,
            offset: i64::from(page - 1) * PER_PAGE,
        })
        .await?;
    let pages = ((total.max(0) + PER_PAGE - 1) / PER_PAGE).max(1);
    // The same filters, another page.
    let href = |p: i64| {
        let mut pairs: Vec<(&str, String)> = raw
            .0
            .iter()
            .filter(|(k, v)| k != "page" && k != "lang" && !v.trim().is_empty())
            .map(|(k, v)| (k.as_str(), v.clone()))
            .collect();
        if p > 1 {
            pairs.push(("page", p.to_string()));
        }
        let q = encode(&pairs);
        if q.is_empty() {
            format!("/networks/{id}/measures")
        } else {
            format!("/networks/{id}/measures?{q}")
        }
    };
    let page = i64::from(page);
    let mut member_orgs = Vec::new();
    for oid in state.store.network_orgs(id).await? {
        if let Some(e) = state.store.employer(oid).await? {
            member_orgs.push((oid, e.name));
        }
    }
    member_orgs.sort_by_key(|(_, n)| n.to_lowercase());
    let mut orgs = vec![SelectOption {
        value: String::new(),
        label: tr.t("np-filter-all"),
        selected: org.is_none(),
    }];
    orgs.extend(member_orgs.iter().map(|(oid, name)| SelectOption {
        value: oid.to_string(),
        label: name.clone(),
        selected: org == Some(*oid),
    }));
    let new_links = cooperation::writing_orgs(&state, &caller, Some(id))
        .await?
        .into_iter()
        .map(|(oid, name)| {
            (
                format!("/measures/new?org={oid}"),
                tr.t1("np-measure-new-for", "org", name),
            )
        })
        .collect();
    let title = tr.t1("np-measures-title", "network", &network.name);
    html(MeasuresPage {
        chrome: chrome(&state, lang, &req, "networks", &title),
        q: q.unwrap_or_default(),
        place: raw.get("place").unwrap_or_default().to_string(),
        clusters: filter_options(
            &tr,
            Cluster::ALL,
            Cluster::as_str,
            |v| labels::cluster(&tr, v),
            cluster,
        ),
        fields: filter_options(
            &tr,
            FieldOfAction::ALL,
            FieldOfAction::as_str,
            |v| labels::field(&tr, v),
            field,
        ),
        targets: filter_options(
            &tr,
            TargetGroup::ALL,
            TargetGroup::as_str,
            |v| labels::target(&tr, v),
            target,
        ),
        statuses: filter_options(
            &tr,
            MeasureStatus::ALL,
            MeasureStatus::as_str,
            |v| labels::measure_status(&tr, v),
            status,
        ),
        orgs,
        cards: measures.iter().map(|m| measure_card(&tr, m)).collect(),
        count: tr.tn("np-measures-count", "count", total.max(0) as u64),
        page_label: (pages > 1).then(|| {
            tr.ta(
                "np-page-of",
                &[("page", page.to_string()), ("pages", pages.to_string())],
            )
        }),
        prev: (page > 1).then(|| href(page - 1)),
        next: (page < pages).then(|| href(page + 1)),
        new_links,
        network,
    })
}

/// A measure in the comparison.
struct CompareMeasure {
    href: String,
    title: String,
    status: String,
    results: Vec<String>,
    members_only: bool,
    demo: bool,
}

/// An organisation in the comparison, with its measures.
struct CompareRow {
    org: String,
    kind: String,
    demo: bool,
    measures: Vec<CompareMeasure>,
}

impl CompareRow {
    /// Rows the organisation's header spans (at least one).
    fn span(&self) -> usize {
        self.measures.len().max(1)
    }
}

/// `/networks/{id}/measures/compare`.
#[derive(Template)]
#[template(path = "cooperation/compare.html")]
struct ComparePage {
    chrome: Chrome,
    network: Network,
    fields: Vec<SelectOption>,
    targets: Vec<SelectOption>,
    caption: String,
    rows: Vec<CompareRow>,
}

/// An indicator's result: the latest actual value against the target.
pub(super) fn indicator_result(lang: Lang, tr: &Tr, ind: &Indicator) -> String {
    let qty = |x: f64| {
        let n = number(lang, x);
        if ind.unit.trim().is_empty() {
            n
        } else {
            format!("{n} {}", ind.unit.trim())
        }
    };
    match ind.values.iter().max_by(|a, b| a.period.cmp(&b.period)) {
        Some(v) => tr.ta(
            "np-indicator-result",
            &[
                ("name", ind.name.clone()),
                ("actual", number(lang, v.actual)),
                ("target", qty(ind.target)),
                ("period", v.period.clone()),
            ],
        ),
        None => tr.ta(
            "np-indicator-pending",
            &[("name", ind.name.clone()), ("target", qty(ind.target))],
        ),
    }
}

/// `GET /networks/{id}/measures/compare?field=&target_group=`: the members side by side,
/// municipalities first; members without a matching measure show as gaps.
pub(super) async fn compare(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw_id): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let id = parse_id(&raw_id)?;
    caller.authorize(Action::ViewPublicPages)?;
    let network = cooperation::network(&state, id).await?;
    let tr = lang.tr();
    let raw = RawQuery::parse(req.uri().query())?;
    let field = vocab(&raw, "field", FieldOfAction::parse, FieldOfAction::expected)?;
    let target = vocab(
        &raw,
        "target_group",
        TargetGroup::parse,
        TargetGroup::expected,
    )?;
    let (measures, _) = state
        .store
        .measures(&MeasureFilter {
            network: Some(id),
            field,
            target_group: target,
            members_of: audience(&caller),
            limit: COMPARE_MAX,
            ..MeasureFilter::default()
        })
        .await?;
    let mut by_org: BTreeMap<i64, Vec<&Measure>> = BTreeMap::new();
    for m in &measures {
        by_org.entry(m.data.org_id).or_default().push(m);
    }
    let mut org_ids = state.store.network_orgs(id).await?;
    for oid in by_org.keys() {
        if !org_ids.contains(oid) {
            org_ids.push(*oid);
        }
    }
    let mut rows = Vec::new();
    for oid in org_ids {
        let Some(e) = state.store.employer(oid).await? else {
            continue;
        };
        let mut ms: Vec<&Measure> = by_org.remove(&oid).unwrap_or_default();
        ms.sort_by_key(|m| m.data.title.to_lowercase());
        rows.push((
            kind_rank(e.kind),
            CompareRow {
                kind: org_kind_label(&tr, e.kind),
                demo: e.demo,
                measures: ms
                    .iter()
                    .map(|m| CompareMeasure {
                        href: format!("/measures/{}", m.id),
                        title: m.data.title.clone(),
                        status: labels::measure_status(&tr, m.data.status),
                        results: m
                            .data
                            .indicators
                            .iter()
                            .map(|i| indicator_result(lang, &tr, i))
                            .collect(),
                        members_only: m.data.visibility == Visibility::Members,
                        demo: m.data.demo,
                    })
                    .collect(),
                org: e.name,
            },
        ));
    }
    rows.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| a.1.org.to_lowercase().cmp(&b.1.org.to_lowercase()))
    });
    let all = tr.t("np-filter-all");
    let caption = tr.ta(
        "np-compare-caption",
        &[
            ("network", network.name.clone()),
            (
                "field",
                field
                    .map(|f| labels::field(&tr, f))
                    .unwrap_or_else(|| all.clone()),
            ),
            (
                "target",
                target.map(|t| labels::target(&tr, t)).unwrap_or(all),
            ),
        ],
    );
    let title = tr.t1("np-compare-title", "network", &network.name);
    html(ComparePage {
        chrome: chrome(&state, lang, &req, "networks", &title),
        fields: filter_options(
            &tr,
            FieldOfAction::ALL,
            FieldOfAction::as_str,
            |v| labels::field(&tr, v),
            field,
        ),
        targets: filter_options(
            &tr,
            TargetGroup::ALL,
            TargetGroup::as_str,
            |v| labels::target(&tr, v),
            target,
        ),
        caption,
        rows: rows.into_iter().map(|(_, r)| r).collect(),
        network,
    })
}

/// An indicator in the measure's table.
struct IndicatorRow {
    name: String,
    target: String,
    /// "2025: 40 · 2026: 80".
    values: String,
    latest: String,
}

/// `/measures/{id}`.
#[derive(Template)]
#[template(path = "cooperation/measure.html")]
struct MeasurePage {
    chrome: Chrome,
    id: i64,
    title: String,
    demo: bool,
    members_only: bool,
    facts: Vec<Fact>,
    description: Vec<Vec<String>>,
    indicators: Vec<IndicatorRow>,
    lessons: Vec<Vec<String>>,
    links: Vec<String>,
    /// (href, name).
    places: Vec<(String, String)>,
    /// (href, name).
    networks: Vec<(String, String)>,
    can_write: bool,
    /// Whether the caller may remove it (also the admins of its networks, moderating).
    can_remove: bool,
}

/// `GET /measures/{id}`.
pub(super) async fn detail(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw_id): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let id = parse_id(&raw_id)?;
    caller.authorize(Action::ViewPublicPages)?;
    let m = cooperation::visible_measure(&state, &caller, id).await?;
    let tr = lang.tr();
    let d = &m.data;
    let qty = |x: f64, unit: &str| {
        let n = number(lang, x);
        if unit.trim().is_empty() {
            n
        } else {
            format!("{n} {}", unit.trim())
        }
    };
    let indicators = d
        .indicators
        .iter()
        .map(|i| {
            let mut values = i.values.clone();
            values.sort_by(|a, b| a.period.cmp(&b.period));
            IndicatorRow {
                name: i.name.clone(),
                target: qty(i.target, &i.unit),
                values: values
                    .iter()
                    .map(|v| format!("{}: {}", v.period, qty(v.actual, &i.unit)))
                    .collect::<Vec<_>>()
                    .join(" · "),
                latest: indicator_result(lang, &tr, i),
            }
        })
        .collect();
    let mut facts = vec![
        Fact {
            label: tr.t("np-measure-org"),
            value: m.org_name.clone(),
        },
        Fact {
            label: tr.t("np-measure-status"),
            value: labels::measure_status(&tr, d.status),
        },
        Fact {
            label: tr.t("np-measure-cluster"),
            value: labels::cluster(&tr, d.cluster),
        },
        Fact {
            label: tr.t("np-measure-field"),
            value: labels::field(&tr, d.field),
        },
    ];
    if !d.target_groups.is_empty() {
        facts.push(Fact {
            label: tr.t("np-measure-targets"),
            value: targets(&tr, &d.target_groups),
        });
    }
    let period = match (d.start_date, d.end_date) {
        (Some(s), Some(e)) => Some(tr.ta(
            "np-period-from-to",
            &[("start", day(lang, s)), ("end", day(lang, e))],
        )),
        (Some(s), None) => Some(tr.t1("np-period-from", "start", day(lang, s))),
        (None, Some(e)) => Some(tr.t1("np-period-until", "end", day(lang, e))),
        (None, None) => None,
    };
    if let Some(p) = period {
        facts.push(Fact {
            label: tr.t("np-measure-period"),
            value: p,
        });
    }
    if let Some(b) = d.budget_eur {
        facts.push(Fact {
            label: tr.t("np-measure-budget"),
            value: crate::pages::cards::euros(lang, b as f64),
        });
    }
    if let Some(f) = d.funding {
        facts.push(Fact {
            label: tr.t("np-measure-funding"),
            value: labels::funding(&tr, f),
        });
    }
    facts.push(Fact {
        label: tr.t("np-measure-visibility"),
        value: labels::visibility(&tr, d.visibility),
    });
    facts.push(Fact {
        label: tr.t("np-measure-updated"),
        value: day(lang, m.updated_at.date_naive()),
    });
    let places = d
        .place_ids
        .iter()
        .filter_map(|pid| state.gazetteer.get(*pid))
        .map(|p| (format!("/places/{}", p.id), p.name.clone()))
        .collect();
    let mut networks = Vec::new();
    for nid in state.store.measure_networks(id).await? {
        if let Some(n) = state.store.network(nid).await? {
            networks.push((format!("/networks/{}", n.id), n.name));
        }
    }
    html(MeasurePage {
        chrome: chrome(&state, lang, &req, "networks", &d.title),
        id,
        title: d.title.clone(),
        demo: d.demo,
        members_only: d.visibility == Visibility::Members,
        facts,
        description: paragraphs(&d.description),
        indicators,
        lessons: paragraphs(&d.lessons),
        links: d.links.clone(),
        places,
        networks,
        can_write: caller.may(Action::WriteMeasures(d.org_id)),
        can_remove: cooperation::may_remove_measure(&state, &caller, &m).await?,
    })
}

/// `POST /measures/{id}/delete`: back to the measures of the first network it was
/// shared with.
pub(super) async fn delete(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw_id): Segment,
) -> Result<Response, AppError> {
    let id = parse_id(&raw_id)?;
    caller.require_identity()?;
    let m = cooperation::removable_measure(&state, &caller, id).await?;
    let back = match state.store.measure_networks(id).await?.first() {
        Some(n) => format!("/networks/{n}/measures"),
        None => "/".to_string(),
    };
    cooperation::delete_measure(&state, &caller, &m).await?;
    Ok(see_other(&back))
}
