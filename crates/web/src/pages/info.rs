//! Legal and information pages: Impressum (§ 5 DDG), privacy notice, accessibility
//! statement (BITV 2.0) and data sources. Operators configure who they are; until then the
//! pages say plainly what is missing.

use super::html;
use crate::i18n::{Lang, Tr};
use crate::policy::Caller;
use crate::problem::AppError;
use crate::state::AppState;
use crate::views::InfoPage;
use axum::extract::{Request, State};
use axum::response::Response;
use bleibe_domain::policy::Action;

fn page(
    state: &AppState,
    lang: Lang,
    req: &Request,
    nav: &'static str,
    heading_key: &str,
    sections: Vec<(String, Vec<String>)>,
    unconfigured: Option<String>,
) -> Result<Response, AppError> {
    let tr = lang.tr();
    let heading = tr.t(heading_key);
    html(InfoPage {
        chrome: super::chrome(state, lang, req, nav, &heading),
        heading,
        sections,
        unconfigured,
    })
}

fn contact_lines(tr: &Tr, state: &AppState) -> Vec<String> {
    let c = &state.config;
    let mut lines = Vec::new();
    if let Some(n) = &c.operator_name {
        lines.push(n.clone());
    }
    if let Some(a) = &c.operator_address {
        lines.extend(a.lines().map(str::to_string));
    }
    if let Some(e) = &c.contact_email {
        lines.push(tr.t1("info-email", "email", e));
    }
    lines
}

fn unconfigured_note(tr: &Tr, state: &AppState) -> Option<String> {
    state
        .config
        .operator_name
        .is_none()
        .then(|| tr.t("info-unconfigured"))
}

pub(super) async fn impressum(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::ViewPublicPages)?;
    let tr = lang.tr();
    let sections = vec![(tr.t("impressum-provider"), contact_lines(&tr, &state))];
    page(
        &state,
        lang,
        &req,
        "",
        "impressum-title",
        sections,
        unconfigured_note(&tr, &state),
    )
}

pub(super) async fn privacy(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::ViewPublicPages)?;
    let tr = lang.tr();
    let sections = vec![
        (tr.t("privacy-controller"), contact_lines(&tr, &state)),
        (
            tr.t("privacy-what-title"),
            vec![
                tr.t("privacy-what-1"),
                tr.t("privacy-what-2"),
                tr.t("privacy-what-3"),
            ],
        ),
        (tr.t("privacy-rights-title"), vec![tr.t("privacy-rights-1")]),
    ];
    page(
        &state,
        lang,
        &req,
        "",
        "privacy-title",
        sections,
        unconfigured_note(&tr, &state),
    )
}

pub(super) async fn accessibility(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::ViewPublicPages)?;
    let tr = lang.tr();
    let feedback = state
        .config
        .accessibility_feedback_email
        .clone()
        .or_else(|| state.config.contact_email.clone());
    let feedback_line = match feedback {
        Some(e) => tr.t1("a11y-feedback-email", "email", e),
        None => tr.t("a11y-feedback-unconfigured"),
    };
    let sections = vec![
        (
            tr.t("a11y-status-title"),
            vec![tr.t("a11y-status-1"), tr.t("a11y-status-2")],
        ),
        (tr.t("a11y-limits-title"), vec![tr.t("a11y-limits-1")]),
        (tr.t("a11y-feedback-title"), vec![feedback_line]),
        (
            tr.t("a11y-enforcement-title"),
            vec![tr.t("a11y-enforcement-1")],
        ),
    ];
    page(&state, lang, &req, "", "a11y-title", sections, None)
}

pub(super) async fn about(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::ViewPublicPages)?;
    let tr = lang.tr();
    let sections = vec![
        (
            tr.t("about-what-title"),
            vec![tr.t("about-what-1"), tr.t("about-what-2")],
        ),
        (
            tr.t("about-sources-title"),
            vec![
                tr.t("about-source-geonames"),
                tr.t("about-source-kldb"),
                tr.t("about-source-demo"),
            ],
        ),
        (tr.t("about-licence-title"), vec![tr.t("about-licence-1")]),
    ];
    page(&state, lang, &req, "about", "about-title", sections, None)
}
