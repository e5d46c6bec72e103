//! The measure form: `/measures/new?org={org}` and `/measures/{id}/edit`. What was typed
//! is kept as typed, so nothing is lost when the form comes back with its problems (400)
//! or because someone else changed the measure meanwhile (409: the edit carries the
//! version it started from, and a stale one overwrites nothing).

use super::form::{
    check_options, note, note_app_error, options, parse_date, parse_number, value, values, Field,
    SummaryItem,
};
use super::page_chrome;
use super::{day, number_value};
use crate::cooperation::{self, labels};
use crate::i18n::{Lang, Tr};
use crate::manage;
use crate::pages::form::Errors;
use crate::pages::{form_pairs, html_status, parse_id, path_and_query, read_body, see_other};
use crate::params::{RawQuery, Segment};
use crate::policy::Caller;
use crate::problem::AppError;
use crate::state::AppState;
use crate::views::{Chrome, SelectOption};
use askama::Template;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use bleibe_domain::cooperation::{
    Cluster, FieldOfAction, FundingSource, Indicator, IndicatorValue, Measure, MeasureStatus,
    NewMeasure, TargetGroup, Visibility,
};
use bleibe_domain::policy::Action;

/// Indicator rows the form offers at least.
const INDICATOR_ROWS: usize = 5;
/// Most indicator rows read from a form.
const INDICATOR_ROWS_MAX: usize = 50;

/// One indicator row as typed: an indicator with one period's actual value. An
/// indicator with values for several periods takes one row per period.
#[derive(Debug, Clone, Default)]
struct IndicatorInput {
    name: String,
    unit: String,
    target: String,
    period: String,
    actual: String,
}

impl IndicatorInput {
    fn is_empty(&self) -> bool {
        [
            &self.name,
            &self.unit,
            &self.target,
            &self.period,
            &self.actual,
        ]
        .iter()
        .all(|v| v.trim().is_empty())
    }
}

/// The measure form's values, as typed.
#[derive(Debug, Clone, Default)]
struct MeasureForm {
    title: String,
    description: String,
    cluster: String,
    field: String,
    target_groups: Vec<String>,
    places: String,
    start_date: String,
    end_date: String,
    budget: String,
    funding: String,
    status: String,
    indicators: Vec<IndicatorInput>,
    lessons: String,
    links: String,
    visibility: String,
    all_networks: bool,
    network_ids: Vec<String>,
    version: String,
}

impl MeasureForm {
    /// An empty form; shared with `network` when given.
    fn blank(network: Option<i64>) -> Self {
        Self {
            status: MeasureStatus::Running.as_str().into(),
            visibility: Visibility::Members.as_str().into(),
            network_ids: network.map(|n| n.to_string()).into_iter().collect(),
            indicators: vec![IndicatorInput::default(); INDICATOR_ROWS],
            ..Self::default()
        }
    }

    /// A submitted form.
    fn from_pairs(pairs: &[(String, String)]) -> Self {
        let mut indicators = Vec::new();
        for i in 1..=INDICATOR_ROWS_MAX {
            if !pairs.iter().any(|(k, _)| k == &format!("ind_name_{i}")) {
                break;
            }
            indicators.push(IndicatorInput {
                name: value(pairs, &format!("ind_name_{i}")),
                unit: value(pairs, &format!("ind_unit_{i}")),
                target: value(pairs, &format!("ind_target_{i}")),
                period: value(pairs, &format!("ind_period_{i}")),
                actual: value(pairs, &format!("ind_actual_{i}")),
            });
        }
        while indicators.len() < INDICATOR_ROWS {
            indicators.push(IndicatorInput::default());
        }
        Self {
            title: value(pairs, "title"),
            description: value(pairs, "description"),
            cluster: value(pairs, "cluster"),
            field: value(pairs, "field"),
            target_groups: values(pairs, "target_groups"),
            places: value(pairs, "places"),
            start_date: value(pairs, "start_date"),
            end_date: value(pairs, "end_date"),
            budget: value(pairs, "budget_eur"),
            funding: value(pairs, "funding"),
            status: value(pairs, "status"),
            indicators,
            lessons: value(pairs, "lessons"),
            links: value(pairs, "links"),
            visibility: value(pairs, "visibility"),
            all_networks: value(pairs, "all_networks") == "yes",
            network_ids: values(pairs, "network_ids"),
            version: value(pairs, "version"),
        }
    }

    /// The form of a stored measure.
    fn from_measure(state: &AppState, lang: Lang, m: &Measure) -> Self {
        let d = &m.data;
        let mut indicators = Vec::new();
        for ind in &d.indicators {
            let row = |period: String, actual: String| IndicatorInput {
                name: ind.name.clone(),
                unit: ind.unit.clone(),
                target: number_value(lang, ind.target),
                period,
                actual,
            };
            if ind.values.is_empty() {
                indicators.push(row(String::new(), String::new()));
            }
            let mut vals = ind.values.clone();
            vals.sort_by(|a, b| a.period.cmp(&b.period));
            for v in vals {
                indicators.push(row(v.period.clone(), number_value(lang, v.actual)));
            }
        }
        while indicators.len() < INDICATOR_ROWS {
            indicators.push(IndicatorInput::default());
        }
        let place_value = |id: i64| match state.gazetteer.get(id) {
            Some(p) if state.gazetteer.resolve(&p.name).map(|r| r.place.id) == Some(id) => {
                p.name.clone()
            }
            _ => id.to_string(),
        };
        Self {
            title: d.title.clone(),
            description: d.description.clone(),
            cluster: d.cluster.as_str().into(),
            field: d.field.as_str().into(),
            target_groups: d
                .target_groups
                .iter()
                .map(|t| t.as_str().to_string())
                .collect(),
            places: d
                .place_ids
                .iter()
                .map(|id| place_value(*id))
                .collect::<Vec<_>>()
                .join(", "),
            start_date: d.start_date.map(|x| day(Lang::De, x)).unwrap_or_default(),
            end_date: d.end_date.map(|x| day(Lang::De, x)).unwrap_or_default(),
            budget: d.budget_eur.map(|b| b.to_string()).unwrap_or_default(),
            funding: d
                .funding
                .map(|f| f.as_str().to_string())
                .unwrap_or_default(),
            status: d.status.as_str().into(),
            indicators,
            lessons: d.lessons.clone(),
            links: d.links.join("\n"),
            visibility: d.visibility.as_str().into(),
            all_networks: d.all_networks,
            network_ids: d.network_ids.iter().map(|n| n.to_string()).collect(),
            version: m.version.to_string(),
        }
    }

    /// The measure for `org_id`, and for each indicator the form row it starts at; or
    /// the problems, field by field.
    fn to_new(
        &self,
        state: &AppState,
        tr: &Tr,
        org_id: i64,
    ) -> Result<(NewMeasure, Vec<usize>), Errors> {
        let mut errors = Errors::default();
        let cluster = Cluster::parse(self.cluster.trim());
        if cluster.is_none() {
            note(&mut errors, tr, "cluster");
        }
        let field = FieldOfAction::parse(self.field.trim());
        if field.is_none() {
            note(&mut errors, tr, "field");
        }
        let status = MeasureStatus::parse(self.status.trim());
        if status.is_none() {
            note(&mut errors, tr, "status");
        }
        let visibility = Visibility::parse(self.visibility.trim());
        if visibility.is_none() {
            note(&mut errors, tr, "visibility");
        }
        let funding = match self.funding.trim() {
            "" => None,
            f => {
                let parsed = FundingSource::parse(f);
                if parsed.is_none() {
                    note(&mut errors, tr, "funding");
                }
                parsed
            }
        };
        let mut target_groups = Vec::new();
        for t in &self.target_groups {
            match TargetGroup::parse(t) {
                Some(t) => target_groups.push(t),
                None => note(&mut errors, tr, "target_groups"),
            }
        }
        let mut network_ids = Vec::new();
        for n in &self.network_ids {
            match n.parse::<i64>() {
                Ok(n) if n > 0 => network_ids.push(n),
                _ => note(&mut errors, tr, "network_ids"),
            }
        }
        let mut place_ids = Vec::new();
        for name in self
            .places
            .split([',', ';', '\n'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            match state.gazetteer.resolve(name) {
                Some(r) => place_ids.push(r.place.id),
                None => errors.add("places", tr.t1("np-error-places-unknown", "value", name)),
            }
        }
        let start_date = parse_date(&self.start_date).unwrap_or_else(|()| {
            note(&mut errors, tr, "start_date");
            None
        });
        let end_date = parse_date(&self.end_date).unwrap_or_else(|()| {
            note(&mut errors, tr, "end_date");
            None
        });
        let budget_eur = match parse_number(&self.budget) {
            Ok(None) => None,
            Ok(Some(b)) if b >= 0.0 && b.fract() == 0.0 && b < 1e15 => Some(b as i64),
            _ => {
                note(&mut errors, tr, "budget_eur");
                None
            }
        };
        let (indicators, rows) = self.indicators(tr, &mut errors);
        let links = self
            .links
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        let measure = NewMeasure {
            org_id,
            all_networks: self.all_networks,
            network_ids,
            title: self.title.clone(),
            description: self.description.clone(),
            cluster: cluster.unwrap_or(Cluster::Other),
            field: field.unwrap_or(FieldOfAction::Recruitment),
            target_groups,
            place_ids,
            start_date,
            end_date,
            budget_eur,
            funding,
            status: status.unwrap_or(MeasureStatus::Running),
            indicators,
            lessons: self.lessons.trim().to_string(),
            links,
            visibility: visibility.unwrap_or(Visibility::Members),
            demo: false,
        };
        if errors.is_empty() {
            return Ok((measure, rows));
        }
        // Say what the domain would say as well (its first problem), so that one round
        // trip shows more than the fields read here.
        if let Err(e) = measure.validate() {
            if let Some(f) = field_of(&e.field, &rows) {
                note(&mut errors, tr, &f);
            }
        }
        Err(errors)
    }

    /// The indicators of the rows (rows of the same name, unit and target are one
    /// indicator with values for several periods), and the first row of each.
    fn indicators(&self, tr: &Tr, errors: &mut Errors) -> (Vec<Indicator>, Vec<usize>) {
        let mut out: Vec<Indicator> = Vec::new();
        let mut rows = Vec::new();
        for (i, row) in self.indicators.iter().enumerate() {
            let n = i + 1;
            if row.is_empty() {
                continue;
            }
            let name = row.name.trim();
            if name.is_empty() {
                note(errors, tr, &format!("ind_name_{n}"));
            }
            let target = match parse_number(&row.target) {
                Ok(Some(t)) => t,
                _ => {
                    note(errors, tr, &format!("ind_target_{n}"));
                    0.0
                }
            };
            let actual = match parse_number(&row.actual) {
                Ok(a) => a,
                Err(()) => {
                    note(errors, tr, &format!("ind_actual_{n}"));
                    None
                }
            };
            let period = row.period.trim();
            match (period.is_empty(), actual) {
                (true, Some(_)) => note(errors, tr, &format!("ind_period_{n}")),
                (false, None) if row.actual.trim().is_empty() => {
                    note(errors, tr, &format!("ind_actual_{n}"))
                }
                _ => {}
            }
            let unit = row.unit.trim();
            let value = match (period.is_empty(), actual) {
                (false, Some(a)) => Some(IndicatorValue {
                    period: period.to_string(),
                    actual: a,
                }),
                _ => None,
            };
            match out
                .iter_mut()
                .find(|x| x.name == name && x.unit == unit && x.target == target)
            {
                Some(existing) => existing.values.extend(value),
                None => {
                    out.push(Indicator {
                        name: name.to_string(),
                        unit: unit.to_string(),
                        target,
                        values: value.into_iter().collect(),
                    });
                    rows.push(n);
                }
            }
        }
        (out, rows)
    }
}

/// The form field a write's parameter concerns (`rows`: the first form row of each
/// indicator).
fn field_of(param: &str, rows: &[usize]) -> Option<String> {
    if let Some(rest) = param.strip_prefix("indicators[") {
        let i: usize = rest.split(']').next()?.parse().ok()?;
        let row = rows.get(i).copied().unwrap_or(1);
        let part = if rest.ends_with(".name") {
            "name"
        } else {
            "target"
        };
        return Some(format!("ind_{part}_{row}"));
    }
    if param.starts_with("links") {
        return Some("links".into());
    }
    Some(
        match param {
            "title" => "title",
            "description" => "description",
            "cluster" => "cluster",
            "field" => "field",
            "target_groups" => "target_groups",
            "place_ids" => "places",
            "start_date" => "start_date",
            "end_date" => "end_date",
            "budget_eur" => "budget_eur",
            "funding" => "funding",
            "status" => "status",
            "lessons" => "lessons",
            "visibility" => "visibility",
            "network_ids" | "all_networks" => "network_ids",
            _ => return None,
        }
        .to_string(),
    )
}

/// One indicator row's fields.
struct IndicatorFields {
    legend: String,
    name: Field,
    unit: Field,
    target: Field,
    period: Field,
    actual: Field,
}

/// The form's fields, filled and with their errors.
struct MeasureFields {
    title: Field,
    description: Field,
    cluster: Field,
    field: Field,
    target_groups: Field,
    places: Field,
    start_date: Field,
    end_date: Field,
    budget: Field,
    funding: Field,
    status: Field,
    indicators: Vec<IndicatorFields>,
    lessons: Field,
    links: Field,
    visibility: Field,
    all_networks: Field,
    network_ids: Field,
}

impl MeasureFields {
    fn new(tr: &Tr, f: &MeasureForm, networks: &[(i64, String)], errors: &Errors) -> Self {
        let req = |key: &str| tr.t1("ws-required", "label", tr.t(key));
        let choose = |selected: &str| SelectOption {
            value: String::new(),
            label: tr.t("np-choose"),
            selected: selected.is_empty(),
        };
        let mut clusters = vec![choose(&f.cluster)];
        clusters.extend(options(
            Cluster::ALL,
            Cluster::as_str,
            |v| labels::cluster(tr, v),
            &f.cluster,
        ));
        let mut fields = vec![choose(&f.field)];
        fields.extend(options(
            FieldOfAction::ALL,
            FieldOfAction::as_str,
            |v| labels::field(tr, v),
            &f.field,
        ));
        let mut funding = vec![SelectOption {
            value: String::new(),
            label: tr.t("np-funding-none"),
            selected: f.funding.is_empty(),
        }];
        funding.extend(options(
            FundingSource::ALL,
            FundingSource::as_str,
            |v| labels::funding(tr, v),
            &f.funding,
        ));
        let date_hint = tr.t("np-date-hint");
        let indicators = f
            .indicators
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let n = i + 1;
                let label = |key: &str| {
                    tr.ta(
                        "np-indicator-label",
                        &[("n", n.to_string()), ("part", tr.t(key))],
                    )
                };
                IndicatorFields {
                    legend: tr.t1("np-indicator-row", "n", n),
                    name: Field::new(
                        format!("ind_name_{n}"),
                        label("np-indicator-name-part"),
                        row.name.clone(),
                    )
                    .maxlength(200)
                    .errors(errors),
                    unit: Field::new(
                        format!("ind_unit_{n}"),
                        label("np-indicator-unit"),
                        row.unit.clone(),
                    )
                    .maxlength(50)
                    .errors(errors),
                    target: Field::new(
                        format!("ind_target_{n}"),
                        label("np-indicator-target"),
                        row.target.clone(),
                    )
                    .inputmode("decimal")
                    .errors(errors),
                    period: Field::new(
                        format!("ind_period_{n}"),
                        label("np-indicator-period"),
                        row.period.clone(),
                    )
                    .hint(tr.t("np-indicator-period-hint"))
                    .maxlength(20)
                    .errors(errors),
                    actual: Field::new(
                        format!("ind_actual_{n}"),
                        label("np-indicator-actual"),
                        row.actual.clone(),
                    )
                    .inputmode("decimal")
                    .errors(errors),
                }
            })
            .collect();
        Self {
            title: Field::new("title", req("np-measure-title"), f.title.clone())
                .required()
                .maxlength(200)
                .errors(errors),
            description: Field::new(
                "description",
                tr.t("np-measure-description"),
                f.description.clone(),
            )
            .control("textarea")
            .hint(tr.t("np-plain-text-hint"))
            .errors(errors),
            cluster: Field::select("cluster", req("np-measure-cluster"), clusters).errors(errors),
            field: Field::select("field", req("np-measure-field"), fields).errors(errors),
            target_groups: Field::checks(
                "target_groups",
                tr.t("np-measure-targets"),
                check_options(
                    TargetGroup::ALL
                        .iter()
                        .map(|t| (t.as_str().to_string(), labels::target(tr, *t)))
                        .collect(),
                    &f.target_groups,
                ),
            )
            .errors(errors),
            places: Field::new("places", tr.t("np-measure-places"), f.places.clone())
                .hint(tr.t("np-measure-places-hint"))
                .errors(errors),
            start_date: Field::new("start_date", tr.t("np-measure-start"), f.start_date.clone())
                .hint(date_hint.clone())
                .errors(errors),
            end_date: Field::new("end_date", tr.t("np-measure-end"), f.end_date.clone())
                .hint(date_hint)
                .errors(errors),
            budget: Field::new("budget_eur", tr.t("np-measure-budget"), f.budget.clone())
                .hint(tr.t("np-measure-budget-hint"))
                .inputmode("numeric")
                .errors(errors),
            funding: Field::select("funding", tr.t("np-measure-funding"), funding).errors(errors),
            status: Field::select(
                "status",
                req("np-measure-status"),
                options(
                    MeasureStatus::ALL,
                    MeasureStatus::as_str,
                    |v| labels::measure_status(tr, v),
                    &f.status,
                ),
            )
            .errors(errors),
            indicators,
            lessons: Field::new("lessons", tr.t("np-measure-lessons"), f.lessons.clone())
                .control("textarea")
                .hint(tr.t("np-measure-lessons-hint"))
                .errors(errors),
            links: Field::new("links", tr.t("np-measure-links"), f.links.clone())
                .control("textarea")
                .hint(tr.t("np-measure-links-hint"))
                .errors(errors),
            visibility: Field::select(
                "visibility",
                req("np-measure-visibility"),
                options(
                    Visibility::ALL,
                    Visibility::as_str,
                    |v| labels::visibility(tr, v),
                    &f.visibility,
                ),
            )
            .errors(errors),
            all_networks: Field::checks(
                "all_networks",
                tr.t("np-measure-all-networks-legend"),
                vec![SelectOption {
                    value: "yes".into(),
                    label: tr.t("np-measure-all-networks"),
                    selected: f.all_networks,
                }],
            )
            .errors(errors),
            network_ids: Field::checks(
                "network_ids",
                tr.t("np-measure-share-with"),
                check_options(
                    networks
                        .iter()
                        .map(|(id, name)| (id.to_string(), name.clone()))
                        .collect(),
                    &f.network_ids,
                ),
            )
            .hint(tr.t("np-measure-share-hint"))
            .errors(errors),
        }
    }

    /// Every field in page order (for the error summary).
    fn all(&self) -> Vec<&Field> {
        let mut v = vec![
            &self.title,
            &self.cluster,
            &self.field,
            &self.status,
            &self.description,
            &self.target_groups,
            &self.places,
            &self.start_date,
            &self.end_date,
            &self.budget,
            &self.funding,
        ];
        for i in &self.indicators {
            v.extend([&i.name, &i.unit, &i.target, &i.period, &i.actual]);
        }
        v.extend([
            &self.lessons,
            &self.links,
            &self.visibility,
            &self.all_networks,
            &self.network_ids,
        ]);
        v
    }
}

#[derive(Template)]
#[template(path = "cooperation/measure_form.html")]
struct MeasureFormPage {
    chrome: Chrome,
    heading: String,
    org_name: String,
    action: String,
    cancel_href: String,
    f: MeasureFields,
    version: String,
    summary: Vec<SummaryItem>,
    /// The current state of the measure, after a conflict.
    current_href: Option<String>,
}

#[allow(clippy::too_many_arguments)]
async fn form_page(
    state: &AppState,
    caller: &Caller,
    lang: Lang,
    path: &str,
    org_id: i64,
    existing: Option<&Measure>,
    form: &MeasureForm,
    errors: &Errors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let tr = lang.tr();
    let org = manage::organisation(state, org_id).await?;
    let networks = cooperation::org_network_names(state, org_id).await?;
    let f = MeasureFields::new(&tr, form, &networks, errors);
    let summary = errors.summary(&f.all());
    let (heading, action, cancel_href) = match existing {
        Some(m) => (
            tr.t1("np-measure-edit-title", "title", &m.data.title),
            format!("/measures/{}/edit", m.id),
            format!("/measures/{}", m.id),
        ),
        None => (
            tr.t1("np-measure-new-title", "org", &org.name),
            format!("/measures/new?org={org_id}"),
            networks
                .first()
                .map(|(id, _)| format!("/networks/{id}/measures"))
                .unwrap_or_else(|| format!("/orgs/{org_id}")),
        ),
    };
    html_status(
        status,
        MeasureFormPage {
            chrome: page_chrome(state, lang, caller, path, &heading),
            heading,
            org_name: org.name,
            action,
            cancel_href,
            f,
            version: form.version.clone(),
            summary,
            current_href: (status == StatusCode::CONFLICT)
                .then(|| existing.map(|m| format!("/measures/{}", m.id)))
                .flatten(),
        },
    )
}

/// The organisation of `?org=` (a 400 naming it when missing or malformed).
fn org_param(req: &Request) -> Result<(i64, Option<i64>), AppError> {
    let raw = RawQuery::parse(req.uri().query())?;
    let org = *raw
        .ids("org")?
        .last()
        .ok_or_else(|| AppError::bad_param("org", "error-param-required", &[]))?;
    let network = raw.ids("network")?.last().copied();
    Ok((org, network))
}

/// `GET /measures/new?org={org}[&network={network}]`.
pub(super) async fn new_form(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.require_identity()?;
    let (org, network) = org_param(&req)?;
    caller.authorize(Action::WriteMeasures(org))?;
    let network = match network {
        Some(n) => Some(n),
        None => match state.store.org_networks(org).await?.as_slice() {
            [only] => Some(*only),
            _ => None,
        },
    };
    let form = MeasureForm::blank(network);
    form_page(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        org,
        None,
        &form,
        &Errors::default(),
        StatusCode::OK,
    )
    .await
}

/// `POST /measures/new?org={org}`.
pub(super) async fn create(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.require_identity()?;
    let (org, _) = org_param(&req)?;
    caller.authorize(Action::WriteMeasures(org))?;
    manage::organisation(&state, org).await?;
    let (req, body) = read_body(req).await?;
    let form = MeasureForm::from_pairs(&form_pairs(&body));
    let tr = lang.tr();
    let (errors, status) = match form.to_new(&state, &tr, org) {
        Ok((measure, rows)) => match cooperation::create_measure(&state, &caller, measure).await {
            Ok(m) => return Ok(see_other(&format!("/measures/{}", m.id))),
            Err(e) => {
                let mut errors = Errors::default();
                let status = note_app_error(&mut errors, &tr, e, |p| field_of(p, &rows))?;
                (errors, status)
            }
        },
        Err(errors) => (errors, StatusCode::BAD_REQUEST),
    };
    form_page(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        org,
        None,
        &form,
        &errors,
        status,
    )
    .await
}

/// `GET /measures/{id}/edit`.
pub(super) async fn edit_form(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw_id): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let id = parse_id(&raw_id)?;
    caller.require_identity()?;
    let m = cooperation::writable_measure(&state, &caller, id).await?;
    let form = MeasureForm::from_measure(&state, lang, &m);
    form_page(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        m.data.org_id,
        Some(&m),
        &form,
        &Errors::default(),
        StatusCode::OK,
    )
    .await
}

/// `POST /measures/{id}/edit`: replaces the measure when the version the form carries
/// is still current.
pub(super) async fn update(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw_id): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let id = parse_id(&raw_id)?;
    caller.require_identity()?;
    let m = cooperation::writable_measure(&state, &caller, id).await?;
    let (req, body) = read_body(req).await?;
    let form = MeasureForm::from_pairs(&form_pairs(&body));
    let version = form
        .version
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::bad_param("version", "error-version-missing", &[]))?;
    let tr = lang.tr();
    let (errors, status) = match form.to_new(&state, &tr, m.data.org_id) {
        Ok((measure, rows)) => {
            match cooperation::update_measure(&state, &caller, &m, version, measure).await {
                Ok(_) => return Ok(see_other(&format!("/measures/{id}"))),
                Err(e) => {
                    let mut errors = Errors::default();
                    let status = note_app_error(&mut errors, &tr, e, |p| field_of(p, &rows))?;
                    (errors, status)
                }
            }
        }
        Err(errors) => (errors, StatusCode::BAD_REQUEST),
    };
    form_page(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        m.data.org_id,
        Some(&m),
        &form,
        &errors,
        status,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indicator_rows_of_one_name_are_one_indicator() {
        let tr = Lang::De.tr();
        let mut f = MeasureForm::blank(Some(1));
        f.indicators[0] = IndicatorInput {
            name: "Beratene".into(),
            unit: "Personen".into(),
            target: "100".into(),
            period: "2025".into(),
            actual: "40".into(),
        };
        f.indicators[2] = IndicatorInput {
            period: "2026".into(),
            actual: "80".into(),
            ..f.indicators[0].clone()
        };
        f.indicators[3] = IndicatorInput {
            name: "Veranstaltungen".into(),
            target: "4".into(),
            ..IndicatorInput::default()
        };
        let mut errors = Errors::default();
        let (inds, rows) = f.indicators(&tr, &mut errors);
        assert!(errors.is_empty());
        assert_eq!(rows, vec![1, 4]);
        assert_eq!(inds.len(), 2);
        assert_eq!(inds[0].values.len(), 2);
        assert_eq!(inds[1].values.len(), 0);
        assert_eq!(
            field_of("indicators[1].name", &rows).as_deref(),
            Some("ind_name_4")
        );

        f.indicators[4] = IndicatorInput {
            actual: "3".into(),
            ..IndicatorInput::default()
        };
        let mut errors = Errors::default();
        f.indicators(&tr, &mut errors);
        assert!(errors.get("ind_name_5").is_some());
        assert!(errors.get("ind_target_5").is_some());
        assert!(errors.get("ind_period_5").is_some());
    }
}
