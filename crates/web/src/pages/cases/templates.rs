//! The case templates a welcome center uses (`/cases/templates`): each with its steps,
//! their due rules and document checklists, and for the center's admins an editor of
//! the template as JSON (the format of `data/case-templates/`). A saved change becomes
//! the center's next version; cases keep the version they were made from.

use super::{body, category, page_chrome};
use crate::cases;
use crate::i18n::Lang;
use crate::pages::form::{Errors, Field, SummaryItem};
use crate::pages::{form_pairs, html, html_status, path_and_query, read_body, see_other};
use crate::params::{RawQuery, Segment};
use crate::policy::Caller;
use crate::problem::AppError;
use crate::state::AppState;
use crate::views::Chrome;
use askama::Template;
use axum::extract::{RawQuery as QueryString, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use bleibe_domain::casework::CaseTemplate;
use bleibe_domain::policy::Action;

/// A template in the list.
struct TemplateRow {
    href: String,
    name: String,
    key: String,
    version: i64,
    steps: usize,
}

#[derive(Template)]
#[template(path = "cases/templates.html")]
struct ListPage {
    chrome: Chrome,
    rows: Vec<TemplateRow>,
}

/// One step as shown.
struct StepRow {
    title: String,
    category: String,
    body: String,
    due: String,
    optional: bool,
    documents: Vec<String>,
}

#[derive(Template)]
#[template(path = "cases/template.html")]
struct TemplatePage {
    chrome: Chrome,
    name: String,
    description: String,
    key: String,
    version: i64,
    steps: Vec<StepRow>,
    /// The editor, for the center's admins.
    editor: Option<Field>,
    summary: Vec<SummaryItem>,
    org: i64,
}

/// `GET /cases/templates`: the templates of the caller's welcome center.
pub(super) async fn list(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    QueryString(query): QueryString,
    req: Request,
) -> Result<Response, AppError> {
    let raw = RawQuery::parse(query.as_deref())?;
    let org = cases::working_org(&caller, raw.id("org")?)?;
    let code = lang.code();
    let rows = state
        .store
        .case_templates(org)
        .await?
        .into_iter()
        .map(|t| TemplateRow {
            href: format!("/cases/templates/{}?org={org}", t.key),
            name: t.name.get(code).to_string(),
            key: t.key,
            version: t.version,
            steps: t.steps.len(),
        })
        .collect();
    let tr = lang.tr();
    html(ListPage {
        chrome: page_chrome(
            &state,
            lang,
            &caller,
            &path_and_query(&req),
            "cases",
            &tr.t("cp-templates-title"),
        ),
        rows,
    })
}

/// The template `key` of the caller's welcome center, or 404.
async fn load(
    state: &AppState,
    caller: &Caller,
    raw_org: Option<i64>,
    key: &str,
) -> Result<(i64, CaseTemplate), AppError> {
    let org = cases::working_org(caller, raw_org)?;
    let t = state
        .store
        .case_template(org, key)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok((org, t))
}

/// Renders a template with its steps, and the editor for admins holding `json`.
#[allow(clippy::too_many_arguments)]
fn render(
    state: &AppState,
    caller: &Caller,
    lang: Lang,
    path: &str,
    org: i64,
    t: &CaseTemplate,
    json: Option<String>,
    errors: &Errors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let tr = lang.tr();
    let code = lang.code();
    let title_of = |key: &str| {
        t.step(key)
            .map(|s| s.title.get(code).to_string())
            .unwrap_or_else(|| key.to_string())
    };
    let steps = t
        .steps
        .iter()
        .map(|s| StepRow {
            title: s.title.get(code).to_string(),
            category: category(&tr, s.category),
            body: body(&tr, s.body),
            due: if s.due.after == "start" {
                tr.ta("cp-template-due-start", &[("days", s.due.days.to_string())])
            } else {
                tr.ta(
                    "cp-template-due-after",
                    &[
                        ("days", s.due.days.to_string()),
                        ("step", title_of(&s.due.after)),
                    ],
                )
            },
            optional: s.optional,
            documents: s
                .documents
                .iter()
                .map(|d| d.label.get(code).to_string())
                .collect(),
        })
        .collect();
    let editor = caller.may(Action::AdminCases(org)).then(|| {
        let value = json.unwrap_or_else(|| serde_json::to_string_pretty(t).unwrap_or_default());
        Field::new("template", tr.t("cp-template-json-label"), value)
            .control("textarea")
            .hint(tr.t("cp-template-json-hint"))
            .required()
            .errors(errors)
    });
    let summary = match &editor {
        Some(f) => errors.summary(&[f]),
        None => Vec::new(),
    };
    let name = t.name.get(code).to_string();
    html_status(
        status,
        TemplatePage {
            chrome: page_chrome(
                state,
                lang,
                caller,
                path,
                "cases",
                &tr.t1("cp-template-title", "name", &name),
            ),
            name,
            description: t.description.get(code).to_string(),
            key: t.key.clone(),
            version: t.version,
            steps,
            editor,
            summary,
            org,
        },
    )
}

/// `GET /cases/templates/{key}`: a template; its editor for the center's admins.
pub(super) async fn page(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(key): Segment,
    QueryString(query): QueryString,
    req: Request,
) -> Result<Response, AppError> {
    let raw = RawQuery::parse(query.as_deref())?;
    let (org, t) = load(&state, &caller, raw.id("org")?, &key).await?;
    render(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        org,
        &t,
        None,
        &Errors::default(),
        StatusCode::OK,
    )
}

/// `POST /cases/templates/{key}` (`template`: the JSON; `version` inside it names the
/// version the change is based on): saves the center's next version.
pub(super) async fn save(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(key): Segment,
    QueryString(query): QueryString,
    req: Request,
) -> Result<Response, AppError> {
    let raw = RawQuery::parse(query.as_deref())?;
    let (org, current) = load(&state, &caller, raw.id("org")?, &key).await?;
    caller.authorize(Action::AdminCases(org))?;
    let (req, body) = read_body(req).await?;
    let pairs = form_pairs(&body);
    let json = pairs
        .iter()
        .find(|(k, _)| k == "template")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let tr = lang.tr();
    let problem = match serde_json::from_str::<CaseTemplate>(&json) {
        Err(e) => Some(tr.t1("cp-error-template", "reason", e.to_string())),
        Ok(t) if t.key != key => Some(tr.t1(
            "cp-error-template",
            "reason",
            format!("key: \"{}\" ≠ \"{key}\"", t.key),
        )),
        Ok(t) => match t.validate() {
            Err(e) => Some(tr.t1(
                "cp-error-template",
                "reason",
                format!("{}: {}", e.field, e.message),
            )),
            Ok(()) => {
                let user = cases::user_id(&caller).ok_or_else(AppError::unauthorized)?;
                state
                    .store
                    .save_case_template(org, &t, user)
                    .await
                    .map_err(cases::stale)?;
                return Ok(see_other(&format!("/cases/templates/{key}?org={org}")));
            }
        },
    };
    let mut errors = Errors::default();
    if let Some(message) = problem {
        errors.add("template", message);
    }
    render(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        org,
        &current,
        Some(json),
        &errors,
        StatusCode::BAD_REQUEST,
    )
}
