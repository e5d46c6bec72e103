//! Server-rendered HTML pages. Every page works without JavaScript; the query of a
//! search lives in the URL.

mod cards;
mod home;
mod info;
mod job;
mod jobs;
mod place;

use crate::i18n::{Lang, LANG_COOKIE};
use crate::params::RawQuery;
use crate::params::Segment;
use crate::policy::Caller;
use crate::problem::AppError;
use crate::state::AppState;
use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use bleibe_domain::policy::Action;

pub use cards::card;

/// The page routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home::home))
        .route("/jobs", get(jobs::jobs))
        .route("/jobs/{id}", get(job::job))
        .route("/places/{id}", get(place::place))
        .route("/impressum", get(info::impressum))
        .route("/datenschutz", get(info::privacy))
        .route("/barrierefreiheit", get(info::accessibility))
        .route("/about", get(info::about))
        .route("/lang/{code}", get(switch_language))
        .route("/static/bleibe.css", get(stylesheet))
}

/// Renders a template into a response.
pub(crate) fn html(t: impl askama::Template) -> Result<Response, AppError> {
    t.render()
        .map(|s| Html(s).into_response())
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
