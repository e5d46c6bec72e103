//! Server-rendered HTML pages. Every page works without JavaScript; the query of a
//! search lives in the URL.

mod account;
mod admin;
mod cards;
pub(crate) mod cases;
mod cooperation;
mod feeds;
mod form;
mod home;
mod info;
mod job;
mod jobs;
mod living;
mod network;
mod place;
pub(crate) mod place_profile;
mod team;
mod two_factor;
mod workspace;

use crate::i18n::{Lang, LANG_COOKIE};
use crate::params::RawQuery;
use crate::params::Segment;
use crate::policy::Caller;
use crate::problem::AppError;
use crate::routes::Routes;
use crate::state::AppState;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use bleibe_domain::policy::Action;

pub use cards::card;

/// The page routes, each remembered in the route table ([`crate::routes`]).
pub fn routes() -> Routes {
    Routes::new()
        .get("/", home::home)
        .get("/jobs", jobs::jobs)
        .get("/jobs/{id}", job::job)
        .get("/places/{id}", place::place)
        .get(living::PATH, living::page)
        .post("/leben-und-arbeiten/saved", living::save)
        .post(
            "/leben-und-arbeiten/saved/{id}/delete",
            living::delete_saved,
        )
        .get("/places/{id}/profile/edit", place_profile::edit_form)
        .post("/places/{id}/profile/edit", place_profile::edit_save)
        .get("/impressum", info::impressum)
        .get("/datenschutz", info::privacy)
        .get("/barrierefreiheit", info::accessibility)
        .get("/about", info::about)
        .get("/lang/{code}", switch_language)
        .get("/static/bleibe.css", stylesheet)
        .merge(account::routes())
        .merge(two_factor::routes())
        .merge(workspace::routes())
        .merge(admin::routes())
        .merge(network::routes())
        .merge(feeds::routes())
        .merge(team::routes())
        .merge(cooperation::routes())
        .merge(cases::routes())
        // The server lets this path's body be as large as a document (`server.rs`,
        // `is_document_upload`).
        .merge(cases::upload_routes())
}

/// The chrome of a page at `req`, for its caller (read from the request context).
pub(crate) fn chrome(
    state: &AppState,
    lang: crate::i18n::Lang,
    req: &Request,
    nav: &'static str,
    title: &str,
) -> crate::views::Chrome {
    let chrome = crate::views::Chrome::new(lang, &state.config, &path_and_query(req), nav, title);
    match req.extensions().get::<crate::auth::RequestContext>() {
        Some(ctx) => chrome.for_caller(&Caller(ctx.clone())),
        None => chrome,
    }
}

/// Parses a URL-encoded form body into `T`; a missing or malformed field is a 400 that
/// names it.
pub(crate) fn parse_form<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, AppError> {
    serde_urlencoded::from_bytes(body).map_err(|e| {
        AppError::bad_param("form", "error-form-invalid", &[("reason", e.to_string())])
    })
}

/// A URL-encoded form body as name–value pairs in order (for repeated fields such as
/// checkboxes).
pub(crate) fn form_pairs(body: &[u8]) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes(body).unwrap_or_default()
}

/// Splits a POST into the request (for the page chrome) and its form body.
pub(crate) async fn read_body(req: Request) -> Result<(Request, axum::body::Bytes), AppError> {
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, crate::auth::context::FORM_LIMIT)
        .await
        .map_err(|_| AppError::payload_too_large())?;
    Ok((Request::from_parts(parts, axum::body::Body::empty()), bytes))
}

/// A redirect after a successful form (303: the browser follows with GET).
pub(crate) fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

/// The translated name of an organisation's kind.
pub(crate) fn org_kind_label(tr: &crate::i18n::Tr, kind: bleibe_domain::OrgKind) -> String {
    tr.t(&format!("org-kind-{}", kind.as_str()))
}

/// The translated name of a member's role.
pub(crate) fn role_label(tr: &crate::i18n::Tr, role: bleibe_domain::Role) -> String {
    tr.t(&format!("role-{}", role.as_str()))
}

/// Renders a template into a response.
pub(crate) fn html(t: impl askama::Template) -> Result<Response, AppError> {
    html_status(StatusCode::OK, t)
}

/// Renders a template into a response with `status` (a form shown again with its
/// errors answers 400).
pub(crate) fn html_status(
    status: StatusCode,
    t: impl askama::Template,
) -> Result<Response, AppError> {
    t.render()
        .map(|s| (status, Html(s)).into_response())
        .map_err(AppError::internal)
}

/// Path and query of the request, for the language switch.
pub(crate) fn path_and_query(req: &Request) -> String {
    req.uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "/".into())
}

/// Parses a numeric id from a path segment; anything else is "not found".
pub(crate) fn parse_id(raw: &str) -> Result<i64, AppError> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(AppError::not_found)
}

/// `GET /lang/{code}?back=/path`: remembers the language in a cookie and goes back.
async fn switch_language(
    caller: Caller,
    Segment(code): Segment,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::ViewPublicPages)?;
    let lang = Lang::parse(&code).ok_or_else(AppError::not_found)?;
    let raw = RawQuery::parse(req.uri().query())?;
    // Only local paths: never an open redirect ("//host" or "/\host" are not local).
    let back = raw
        .get("back")
        .filter(|b| b.starts_with('/') && !b.starts_with("//") && !b.starts_with("/\\"))
        .unwrap_or("/");
    // Drop a `lang` parameter from the target so the cookie decides.
    let back = match back.split_once('?') {
        Some((path, query)) => {
            let pairs: Vec<(String, String)> =
                serde_urlencoded::from_str::<Vec<(String, String)>>(query)
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|(k, _)| k != "lang")
                    .collect();
            let q = serde_urlencoded::to_string(&pairs).unwrap_or_default();
            if q.is_empty() {
                path.to_string()
            } else {
                format!("{path}?{q}")
            }
        }
        None => back.to_string(),
    };
    let mut res = Redirect::to(&back).into_response();
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly",
        lang.code()
    );
    res.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&cookie).map_err(AppError::internal)?,
    );
    Ok(res)
}

async fn stylesheet(caller: Caller) -> Result<Response, AppError> {
    caller.authorize(Action::ViewPublicPages)?;
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../static/bleibe.css"),
    )
        .into_response())
}
