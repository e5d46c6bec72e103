//! The project idea pipeline: a network's board (one column per stage), submitting an
//! idea, and an idea's page with its decisions, comments, the decision form (for the
//! network's admins and the lead of its working group) and the comment form (for those
//! who take part in the network). Ideas are internal to their network.

use super::form::{
    check_options, id_options, note, note_app_error, parse_date, parse_opt_id, value, values,
    Field, SummaryItem,
};
use super::page_chrome;
use super::{day, paragraphs, when};
use crate::cooperation::{self, labels};
use crate::i18n::{Lang, Tr};
use crate::pages::form::Errors;
use crate::pages::{
    chrome, form_pairs, html, html_status, parse_id, path_and_query, read_body, see_other,
};
use crate::params::{RawQuery, Segment};
use crate::policy::Caller;
use crate::problem::AppError;
use crate::state::AppState;
use crate::views::{Chrome, Fact, SelectOption};
use askama::Template;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use bleibe_domain::cooperation::{Idea, IdeaStage, NewIdea};
use bleibe_domain::policy::Action;
use bleibe_domain::Network;
use std::collections::HashMap;

/// An idea on the board.
struct IdeaCard {
    href: String,
    title: String,
    org: String,
    group: Option<String>,
    updated: String,
    updated_iso: String,
    demo: bool,
}

/// A stage's column on the board.
struct StageColumn {
    /// Wire value, for the heading's id.
    id: &'static str,
    heading: String,
    cards: Vec<IdeaCard>,
}

#[derive(Template)]
#[template(path = "cooperation/ideas.html")]
struct BoardPage {
    chrome: Chrome,
    network: Network,
    columns: Vec<StageColumn>,
    groups: Vec<SelectOption>,
    /// The working group filtered by, if any.
    group_name: Option<String>,
    can_submit: bool,
}

/// The network's working groups as (id, name).
async fn group_names(state: &AppState, network: i64) -> Result<Vec<(i64, String)>, AppError> {
    Ok(state
        .store
        .groups(network)
        .await?
        .into_iter()
        .map(|g| (g.id, g.data.name))
        .collect())
}

/// `GET /networks/{id}/ideas?group=`: the board.
pub(super) async fn board(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw_id): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let id = parse_id(&raw_id)?;
    caller.authorize(Action::ViewNetworkInternal(id))?;
    let network = cooperation::network(&state, id).await?;
    let tr = lang.tr();
    let raw = RawQuery::parse(req.uri().query())?;
    let groups = group_names(&state, id).await?;
    let group = raw.ids("group")?.last().copied();
    let group_name = match group {
        None => None,
        Some(g) => Some(
            groups
                .iter()
                .find(|(gid, _)| *gid == g)
                .map(|(_, n)| n.clone())
                .ok_or_else(|| {
                    AppError::bad_param("group", "error-group-unknown", &[("value", g.to_string())])
                })?,
        ),
    };
    let names: HashMap<i64, String> = groups.iter().cloned().collect();
    let ideas = state.store.ideas(id, group).await?;
    let columns = IdeaStage::ALL
        .iter()
        .map(|stage| StageColumn {
            id: stage.as_str(),
            heading: labels::stage(&tr, *stage),
            cards: ideas
                .iter()
                .filter(|i| i.stage == *stage)
                .map(|i| IdeaCard {
                    href: format!("/ideas/{}", i.id),
                    title: i.data.title.clone(),
                    org: i.org_name.clone(),
                    group: i.data.working_group_id.and_then(|g| names.get(&g).cloned()),
                    updated: day(lang, i.updated_at.date_naive()),
                    updated_iso: i.updated_at.date_naive().to_string(),
                    demo: i.data.demo,
                })
                .collect(),
        })
        .collect();
    let mut group_options = vec![SelectOption {
        value: String::new(),
        label: tr.t("np-filter-all-groups"),
        selected: group.is_none(),
    }];
    group_options.extend(groups.iter().map(|(gid, name)| SelectOption {
        value: gid.to_string(),
        label: name.clone(),
        selected: group == Some(*gid),
    }));
    let title = tr.t1("np-ideas-board-title", "network", &network.name);
    html(BoardPage {
        chrome: chrome(&state, lang, &req, "networks", &title),
        columns,
        groups: group_options,
        group_name,
        can_submit: caller.may(Action::ContributeToNetwork(id)),
        network,
    })
}

/// What was typed into the idea form.
#[derive(Default)]
struct IdeaForm {
    org: String,
    group: String,
    title: String,
    summary: String,
    institutions: Vec<String>,
}

struct IdeaFields {
    org: Field,
    group: Field,
    title: Field,
    summary: Field,
    institutions: Field,
}

#[derive(Template)]
#[template(path = "cooperation/idea_form.html")]
struct IdeaFormPage {
    chrome: Chrome,
    network: Network,
    f: Option<IdeaFields>,
    summary: Vec<SummaryItem>,
}

#[allow(clippy::too_many_arguments)]
async fn idea_form_page(
    state: &AppState,
    caller: &Caller,
    lang: Lang,
    path: &str,
    network: Network,
    form: &IdeaForm,
    errors: &Errors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let tr = lang.tr();
    let req_label = |key: &str| tr.t1("ws-required", "label", tr.t(key));
    let orgs = cooperation::member_orgs(state, caller, network.id).await?;
    let groups = group_names(state, network.id).await?;
    let mut members = Vec::new();
    for oid in state.store.network_orgs(network.id).await? {
        if let Some(e) = state.store.employer(oid).await? {
            members.push((oid.to_string(), e.name));
        }
    }
    members.sort_by_key(|(_, n)| n.to_lowercase());
    let org = if form.org.is_empty() && orgs.len() == 1 {
        orgs[0].0.to_string()
    } else {
        form.org.clone()
    };
    let f = (!orgs.is_empty()).then(|| IdeaFields {
        org: Field::select(
            "org",
            req_label("np-idea-org"),
            id_options(&orgs, None, &org),
        )
        .errors(errors),
        group: Field::select(
            "group",
            tr.t("np-idea-group"),
            id_options(&groups, Some(tr.t("np-idea-group-none")), &form.group),
        )
        .errors(errors),
        title: Field::new("title", req_label("np-idea-title"), form.title.clone())
            .required()
            .maxlength(200)
            .errors(errors),
        summary: Field::new("summary", tr.t("np-idea-summary"), form.summary.clone())
            .control("textarea")
            .hint(tr.t("np-idea-summary-hint"))
            .errors(errors),
        institutions: Field::checks(
            "institutions",
            tr.t("np-idea-institutions"),
            check_options(members, &form.institutions),
        )
        .hint(tr.t("np-idea-institutions-hint"))
        .errors(errors),
    });
    let summary = match &f {
        Some(f) => errors.summary(&[&f.org, &f.group, &f.title, &f.summary, &f.institutions]),
        None => Vec::new(),
    };
    let title = tr.t1("np-idea-new-title", "network", &network.name);
    html_status(
        status,
        IdeaFormPage {
            chrome: page_chrome(state, lang, caller, path, &title),
            network,
            f,
            summary,
        },
    )
}

/// `GET /networks/{id}/ideas/new`.
pub(super) async fn new_form(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw_id): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let id = parse_id(&raw_id)?;
    caller.authorize(Action::ContributeToNetwork(id))?;
    let network = cooperation::network(&state, id).await?;
    let raw = RawQuery::parse(req.uri().query())?;
    let form = IdeaForm {
        group: raw.get("group").unwrap_or_default().to_string(),
        ..IdeaForm::default()
    };
    idea_form_page(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        network,
        &form,
        &Errors::default(),
        StatusCode::OK,
    )
    .await
}

/// The idea form field a write's parameter concerns.
fn idea_field(param: &str) -> Option<String> {
    Some(
        match param {
            "org_id" => "org",
            "working_group_id" => "group",
            "title" => "title",
            "summary" => "summary",
            "institution_ids" => "institutions",
            _ => return None,
        }
        .to_string(),
    )
}

/// `POST /networks/{id}/ideas/new`.
pub(super) async fn create(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw_id): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let id = parse_id(&raw_id)?;
    caller.authorize(Action::ContributeToNetwork(id))?;
    let network = cooperation::network(&state, id).await?;
    let (req, body) = read_body(req).await?;
    let pairs = form_pairs(&body);
    let form = IdeaForm {
        org: value(&pairs, "org"),
        group: value(&pairs, "group"),
        title: value(&pairs, "title"),
        summary: value(&pairs, "summary"),
        institutions: values(&pairs, "institutions"),
    };
    let tr = lang.tr();
    let mut errors = Errors::default();
    let org = form.org.trim().parse::<i64>().ok().filter(|o| *o > 0);
    if org.is_none() {
        note(&mut errors, &tr, "org");
    }
    let group = parse_opt_id(&form.group).unwrap_or_else(|()| {
        note(&mut errors, &tr, "group");
        None
    });
    let institution_ids: Vec<i64> = form
        .institutions
        .iter()
        .filter_map(|i| i.parse::<i64>().ok())
        .collect();
    let mut status = StatusCode::BAD_REQUEST;
    if let (Some(org_id), true) = (org, errors.is_empty()) {
        let idea = NewIdea {
            network_id: id,
            working_group_id: group,
            org_id,
            title: form.title.clone(),
            summary: form.summary.clone(),
            institution_ids,
            demo: false,
        };
        match cooperation::create_idea(&state, &caller, idea).await {
            Ok(stored) => return Ok(see_other(&format!("/ideas/{}", stored.id))),
            Err(e) => status = note_app_error(&mut errors, &tr, e, idea_field)?,
        }
    }
    idea_form_page(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        network,
        &form,
        &errors,
        status,
    )
    .await
}

/// A decision in the history.
struct DecisionRow {
    date: String,
    date_iso: String,
    from: String,
    to: String,
    note: Vec<Vec<String>>,
    by: String,
}

/// A comment.
struct CommentRow {
    id: i64,
    by: String,
    at: String,
    at_iso: String,
    body: Vec<Vec<String>>,
}

/// What was typed into the decision form.
#[derive(Default)]
struct DecideForm {
    to: String,
    note: String,
    decided_on: String,
    measure_id: String,
}

struct DecideFields {
    to: Field,
    note: Field,
    decided_on: Field,
    measure_id: Field,
}

#[derive(Template)]
#[template(path = "cooperation/idea.html")]
struct IdeaPage {
    chrome: Chrome,
    id: i64,
    title: String,
    demo: bool,
    stage: String,
    network_id: i64,
    network_name: String,
    facts: Vec<Fact>,
    summary: Vec<Vec<String>>,
    /// The measure a running project carries out: (href, title).
    measure: Option<(String, String)>,
    decisions: Vec<DecisionRow>,
    comments: Vec<CommentRow>,
    decide: Option<DecideFields>,
    decide_summary: Vec<SummaryItem>,
    comment: Option<Field>,
    comment_summary: Vec<SummaryItem>,
}

/// What the idea page shows in its forms.
struct IdeaForms<'a> {
    decide: &'a DecideForm,
    decide_errors: &'a Errors,
    comment: &'a str,
    comment_errors: &'a Errors,
}

async fn render_idea(
    state: &AppState,
    caller: &Caller,
    lang: Lang,
    path: &str,
    idea: &Idea,
    forms: IdeaForms<'_>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let tr = lang.tr();
    let d = &idea.data;
    let network = cooperation::network(state, d.network_id).await?;
    let mut facts = vec![
        Fact {
            label: tr.t("np-idea-stage"),
            value: match idea.parked_from {
                Some(from) if idea.stage == IdeaStage::Parked => tr.ta(
                    "np-idea-parked-from",
                    &[
                        ("stage", labels::stage(&tr, idea.stage)),
                        ("from", labels::stage(&tr, from)),
                    ],
                ),
                _ => labels::stage(&tr, idea.stage),
            },
        },
        Fact {
            label: tr.t("np-idea-org"),
            value: idea.org_name.clone(),
        },
    ];
    if let Some(g) = d.working_group_id {
        if let Some(group) = state.store.group(g).await? {
            facts.push(Fact {
                label: tr.t("np-idea-group"),
                value: group.data.name,
            });
        }
    }
    let mut institutions = Vec::new();
    for oid in &d.institution_ids {
        if let Some(e) = state.store.employer(*oid).await? {
            institutions.push(e.name);
        }
    }
    if !institutions.is_empty() {
        facts.push(Fact {
            label: tr.t("np-idea-institutions"),
            value: institutions.join(", "),
        });
    }
    facts.push(Fact {
        label: tr.t("np-idea-submitted"),
        value: day(lang, idea.created_at.date_naive()),
    });
    let measure = match idea.measure_id {
        Some(m) => cooperation::visible_measure(state, caller, m)
            .await
            .ok()
            .map(|m| (format!("/measures/{}", m.id), m.data.title)),
        None => None,
    };
    let decisions = state
        .store
        .decisions(idea.id)
        .await?
        .into_iter()
        .map(|x| DecisionRow {
            date: day(lang, x.decided_on),
            date_iso: x.decided_on.to_string(),
            from: labels::stage(&tr, x.from),
            to: labels::stage(&tr, x.to),
            note: paragraphs(&x.note),
            by: x.decided_by_name,
        })
        .collect();
    let comments = state
        .store
        .comments(idea.id)
        .await?
        .into_iter()
        .map(|c| CommentRow {
            id: c.id,
            by: c.user_name,
            at: when(&tr, c.at),
            at_iso: c.at.to_rfc3339(),
            body: paragraphs(&c.body),
        })
        .collect();
    let successors = idea.stage.successors(idea.parked_from);
    let may_decide = caller.may(Action::DecideIdea {
        network: d.network_id,
        group: d.working_group_id,
    });
    let decide = (may_decide && !successors.is_empty())
        .then(|| decide_fields(&tr, &successors, forms.decide, forms.decide_errors));
    let decide_summary = match &decide {
        Some(f) => forms
            .decide_errors
            .summary(&[&f.to, &f.note, &f.decided_on, &f.measure_id]),
        None => Vec::new(),
    };
    let comment = caller
        .may(Action::ContributeToNetwork(d.network_id))
        .then(|| {
            Field::new(
                "body",
                tr.t1("ws-required", "label", tr.t("np-comment-body")),
                forms.comment.to_string(),
            )
            .control("textarea")
            .required()
            .errors(forms.comment_errors)
        });
    let comment_summary = match &comment {
        Some(f) => forms.comment_errors.summary(&[f]),
        None => Vec::new(),
    };
    html_status(
        status,
        IdeaPage {
            chrome: page_chrome(state, lang, caller, path, &d.title),
            id: idea.id,
            title: d.title.clone(),
            demo: d.demo,
            stage: labels::stage(&tr, idea.stage),
            network_id: network.id,
            network_name: network.name,
            facts,
            summary: paragraphs(&d.summary),
            measure,
            decisions,
            comments,
            decide,
            decide_summary,
            comment,
            comment_summary,
        },
    )
}

fn decide_fields(
    tr: &Tr,
    successors: &[IdeaStage],
    form: &DecideForm,
    errors: &Errors,
) -> DecideFields {
    let mut stages = vec![SelectOption {
        value: String::new(),
        label: tr.t("np-choose"),
        selected: form.to.is_empty(),
    }];
    stages.extend(successors.iter().map(|s| SelectOption {
        value: s.as_str().to_string(),
        label: labels::stage(tr, *s),
        selected: form.to == s.as_str(),
    }));
    DecideFields {
        to: Field::select(
            "to",
            tr.t1("ws-required", "label", tr.t("np-decide-to")),
            stages,
        )
        .errors(errors),
        note: Field::new("note", tr.t("np-decide-note"), form.note.clone())
            .control("textarea")
            .hint(tr.t("np-decide-note-hint"))
            .errors(errors),
        decided_on: Field::new(
            "decided_on",
            tr.t("np-decide-date"),
            form.decided_on.clone(),
        )
        .hint(tr.t("np-decide-date-hint"))
        .errors(errors),
        measure_id: Field::new(
            "measure_id",
            tr.t("np-decide-measure"),
            form.measure_id.clone(),
        )
        .hint(tr.t("np-decide-measure-hint"))
        .inputmode("numeric")
        .errors(errors),
    }
}

/// `GET /ideas/{id}`.
pub(super) async fn detail(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw_id): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let id = parse_id(&raw_id)?;
    caller.require_identity()?;
    let idea = cooperation::visible_idea(&state, &caller, id).await?;
    let none = Errors::default();
    let forms = IdeaForms {
        decide: &DecideForm::default(),
        decide_errors: &none,
        comment: "",
        comment_errors: &none,
    };
    render_idea(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        &idea,
        forms,
        StatusCode::OK,
    )
    .await
}

/// The decision form field a write's parameter concerns.
fn decide_field(param: &str) -> Option<String> {
    matches!(param, "to" | "note" | "decided_on" | "measure_id").then(|| param.to_string())
}

/// `POST /ideas/{id}/decide`: moves the idea to the chosen stage with a dated note.
pub(super) async fn decide(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw_id): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let id = parse_id(&raw_id)?;
    caller.require_identity()?;
    let idea = cooperation::visible_idea(&state, &caller, id).await?;
    caller.authorize(Action::DecideIdea {
        network: idea.data.network_id,
        group: idea.data.working_group_id,
    })?;
    let (req, body) = read_body(req).await?;
    let pairs = form_pairs(&body);
    let form = DecideForm {
        to: value(&pairs, "to"),
        note: value(&pairs, "note"),
        decided_on: value(&pairs, "decided_on"),
        measure_id: value(&pairs, "measure_id"),
    };
    let tr = lang.tr();
    let mut errors = Errors::default();
    let allowed = || {
        let list = idea
            .stage
            .successors(idea.parked_from)
            .iter()
            .map(|s| labels::stage(&tr, *s))
            .collect::<Vec<_>>()
            .join(", ");
        tr.t1("np-error-to-allowed", "allowed", list)
    };
    let to = IdeaStage::parse(form.to.trim());
    if to.is_none() {
        errors.add("to", allowed());
    }
    let decided_on = parse_date(&form.decided_on).unwrap_or_else(|()| {
        note(&mut errors, &tr, "decided_on");
        None
    });
    let measure_id = parse_opt_id(&form.measure_id).unwrap_or_else(|()| {
        note(&mut errors, &tr, "measure_id");
        None
    });
    let mut status = StatusCode::BAD_REQUEST;
    if let (Some(to), true) = (to, errors.is_empty()) {
        match cooperation::decide(
            &state,
            &caller,
            &idea,
            to,
            form.note.clone(),
            decided_on,
            measure_id,
        )
        .await
        {
            Ok(_) => return Ok(see_other(&format!("/ideas/{id}"))),
            Err(e) if e.param.as_deref() == Some("to") => errors.add("to", allowed()),
            Err(e) => status = note_app_error(&mut errors, &tr, e, decide_field)?,
        }
    }
    let none = Errors::default();
    let forms = IdeaForms {
        decide: &form,
        decide_errors: &errors,
        comment: "",
        comment_errors: &none,
    };
    render_idea(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        &idea,
        forms,
        status,
    )
    .await
}

/// `POST /ideas/{id}/comments`.
pub(super) async fn comment(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw_id): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let id = parse_id(&raw_id)?;
    caller.require_identity()?;
    let idea = cooperation::visible_idea(&state, &caller, id).await?;
    caller.authorize(Action::ContributeToNetwork(idea.data.network_id))?;
    let (req, body) = read_body(req).await?;
    let pairs = form_pairs(&body);
    let text = value(&pairs, "body");
    let tr = lang.tr();
    let mut errors = Errors::default();
    let status = match cooperation::comment(&state, &caller, &idea, &text).await {
        Ok(c) => return Ok(see_other(&format!("/ideas/{id}#comment-{}", c.id))),
        Err(e) => note_app_error(&mut errors, &tr, e, |p| {
            (p == "body").then(|| "body".into())
        })?,
    };
    let none = Errors::default();
    let forms = IdeaForms {
        decide: &DecideForm::default(),
        decide_errors: &none,
        comment: &text,
        comment_errors: &errors,
    };
    render_idea(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        &idea,
        forms,
        status,
    )
    .await
}
