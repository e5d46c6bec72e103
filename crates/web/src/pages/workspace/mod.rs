//! The organisation workspace: founding an organisation, its jobs (create, edit,
//! preview, publish, unpublish, expire, duplicate, delete), its profile and logo.
//! Members and API tokens live at `/orgs/{id}/team` (see the team pages).
//!
//! Every page works without JavaScript. Forms that fail validation come back with
//! status 400, every submitted value kept and the message next to its field.

mod fields;
mod job_form;
mod jobs;
mod org;

use crate::params::IdPair;
use crate::params::Segment;
use crate::problem::AppError;
use crate::routes::Routes;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;

/// The routes of this module.
pub(super) fn routes() -> Routes {
    Routes::new()
        .get("/orgs/new", org::new_form)
        .post("/orgs/new", org::create)
        .get("/orgs/{id}", jobs::workspace)
        .get("/orgs/{id}/profile", org::profile_form)
        .post("/orgs/{id}/profile", org::profile_save)
        .get("/orgs/{id}/logo", org::logo)
        .post("/orgs/{id}/logo", org::logo_upload)
        .get("/orgs/{id}/jobs/new", jobs::new_form)
        .post("/orgs/{id}/jobs/new", jobs::create)
        .get("/orgs/{id}/jobs/{job}/edit", jobs::edit_form)
        .post("/orgs/{id}/jobs/{job}/edit", jobs::update)
        .get("/orgs/{id}/jobs/{job}/preview", jobs::preview)
        .post("/orgs/{id}/jobs/{job}/publish", jobs::publish)
        .post("/orgs/{id}/jobs/{job}/unpublish", jobs::unpublish)
        .post("/orgs/{id}/jobs/{job}/expire", jobs::expire)
        .post("/orgs/{id}/jobs/{job}/duplicate", jobs::duplicate)
        .post("/orgs/{id}/jobs/{job}/delete", jobs::delete)
}

/// The organisation id of `/orgs/{id}/…`; anything but a positive number is 404.
pub(super) fn org_id(Segment(raw): &Segment) -> Result<i64, AppError> {
    super::parse_id(raw)
}

/// `/orgs/{id}/jobs/{job}/…`: the organisation's and the job's id.
pub(super) struct OrgJob {
    /// The organisation in the path.
    pub org: i64,
    /// The job in the path.
    pub job: i64,
}

impl<S: Send + Sync> FromRequestParts<S> for OrgJob {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let IdPair(org, job) = IdPair::from_request_parts(parts, state).await?;
        Ok(OrgJob { org, job })
    }
}

/// Resolves a place field: a GeoNames id or a name (an ambiguous name resolves to the
/// place nearest the home region, as in search).
pub(super) fn resolve_place(state: &AppState, value: &str) -> Option<i64> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    state.gazetteer.resolve(v).map(|r| r.place.id)
}

/// How a stored place is shown in a place field: its name when that name leads back to
/// it, else its id.
pub(super) fn place_value(state: &AppState, id: i64) -> String {
    match state.gazetteer.get(id) {
        Some(p) if resolve_place(state, &p.name) == Some(id) => p.name.clone(),
        _ => id.to_string(),
    }
}

/// A place's name with its federal state, for the hint under a place field.
pub(super) fn place_label(state: &AppState, id: i64) -> Option<String> {
    state
        .gazetteer
        .get(id)
        .map(|p| format!("{} ({}, {})", p.name, p.state().name, p.id))
}

/// Makes HTML from a description field: text without tags becomes paragraphs (a blank
/// line starts a new one, a line break stays one); anything with tags is taken as HTML
/// (the domain sanitises it either way).
pub(super) fn text_to_html(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    if text.contains('<') {
        return text;
    }
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut out = Vec::new();
    let mut para: Vec<String> = Vec::new();
    for line in text.lines().map(str::trim).chain(std::iter::once("")) {
        if line.is_empty() {
            if !para.is_empty() {
                out.push(format!("<p>{}</p>", para.join("<br>")));
                para.clear();
            }
        } else {
            para.push(escape(line));
        }
    }
    out.join("\n")
}

/// The reverse of [`text_to_html`] for descriptions that are only paragraphs and line
/// breaks, so that editing shows plain text again; other HTML is shown as it is.
pub(super) fn html_to_text(html: &str) -> String {
    let stripped = html
        .replace("<p>", "")
        .replace("</p>", "")
        .replace("<br>", "");
    if stripped.contains('<') {
        return html.to_string();
    }
    html.split("</p>")
        .map(|p| {
            p.trim()
                .trim_start_matches("<p>")
                .replace("<br>", "\n")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&nbsp;", "\u{a0}")
                .replace("&amp;", "&")
        })
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_descriptions_become_paragraphs_and_back() {
        let text = "Wir suchen Verstärkung.\nSofort.\n\nR&D <3";
        // A `<` makes it HTML; without it, paragraphs.
        assert_eq!(text_to_html(text), text);
        let text = "Wir suchen Verstärkung.\nSofort.\n\n\nR&D > alles";
        let html = text_to_html(text);
        assert_eq!(
            html,
            "<p>Wir suchen Verstärkung.<br>Sofort.</p>\n<p>R&amp;D &gt; alles</p>"
        );
        assert_eq!(
            html_to_text(&html),
            "Wir suchen Verstärkung.\nSofort.\n\nR&D > alles"
        );
        assert_eq!(html_to_text("<ul><li>x</li></ul>"), "<ul><li>x</li></ul>");
    }
}
