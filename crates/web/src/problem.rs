//! One error type for every handler, rendered once per request by
//! [`render_errors`]: as RFC 9457 `application/problem+json` under `/api` and as a
//! friendly, translated HTML page elsewhere. Messages name the parameter to fix.

use crate::config::SiteConfig;
use crate::i18n::{self, Lang, Tr};
use crate::state::AppState;
use crate::views::{Chrome, ErrorPage};
use askama::Template;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use bleibe_store::StoreError;

/// An error a handler returns. It carries message keys, not text: the text is made in
/// the request's language when the response is rendered.
#[derive(Debug, Clone)]
pub struct AppError {
    /// HTTP status.
    pub status: StatusCode,
    /// Message key of the detail.
    pub detail_key: &'static str,
    /// Arguments of the detail message.
    pub args: Vec<(&'static str, String)>,
    /// The query or path parameter at fault, if any.
    pub param: Option<String>,
    /// Seconds for a `Retry-After` header (429).
    pub retry_after: Option<u64>,
    /// A page that helps, as path and message key of the link text (shown on the HTML
    /// error page; the detail names the path for API clients).
    pub help: Option<(&'static str, &'static str)>,
}

/// Where users set up their second factor.
pub const TWO_FACTOR_PATH: &str = "/account/two-factor";

impl AppError {
    fn new(status: StatusCode, detail_key: &'static str) -> Self {
        Self {
            status,
            detail_key,
            args: Vec::new(),
            param: None,
            retry_after: None,
            help: None,
        }
    }

    /// 400 for parameter `param`, with a message key and its arguments (`param` is
    /// always passed to the message as well).
    pub fn bad_param(
        param: &str,
        detail_key: &'static str,
        args: &[(&'static str, String)],
    ) -> Self {
        let mut all = vec![("param", param.to_string())];
        all.extend(args.iter().cloned());
        Self {
            status: StatusCode::BAD_REQUEST,
            detail_key,
            args: all,
            param: Some(param.to_string()),
            retry_after: None,
            help: None,
        }
    }

    /// 400 for a field of a submitted form or JSON body (see [`AppError::bad_param`]).
    pub fn invalid(e: &bleibe_domain::ValidationError) -> Self {
        Self::bad_param(
            &e.field,
            "error-field-invalid",
            &[("reason", e.message.clone())],
        )
    }

    /// 401: the bearer token is unknown, malformed or revoked.
    pub fn token_invalid() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "error-token-invalid-detail")
    }

    /// 403: the form's CSRF token is missing or wrong (a stale page, or another site).
    pub fn csrf() -> Self {
        Self::new(StatusCode::FORBIDDEN, "error-csrf-detail")
    }

    /// 409: the write conflicts with existing data (e.g. an e-mail address taken).
    pub fn conflict(detail_key: &'static str) -> Self {
        Self::new(StatusCode::CONFLICT, detail_key)
    }

    /// 413: the body or upload is too large.
    pub fn payload_too_large() -> Self {
        Self::new(StatusCode::PAYLOAD_TOO_LARGE, "error-too-large-detail")
    }

    /// 415: an upload of a type not accepted.
    pub fn unsupported_type(detail_key: &'static str) -> Self {
        Self::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, detail_key)
    }

    /// 429: too many failed sign-ins; try again in `secs` seconds.
    pub fn too_many_attempts(secs: u64) -> Self {
        let mut e = Self::new(StatusCode::TOO_MANY_REQUESTS, "error-throttled-detail");
        e.args.push(("minutes", secs.div_ceil(60).to_string()));
        e.retry_after = Some(secs);
        e
    }

    /// 429: too many wrong one-time codes (second factor); try again in `secs` seconds.
    pub fn too_many_codes(secs: u64) -> Self {
        let mut e = Self::new(StatusCode::TOO_MANY_REQUESTS, "two-factor-error-throttled");
        e.args.push(("minutes", secs.div_ceil(60).to_string()));
        e.retry_after = Some(secs);
        e
    }

    /// 403: this needs a session confirmed with a second factor; the page to set it up
    /// is named (and linked on the HTML page).
    pub fn second_factor_required() -> Self {
        let mut e = Self::new(StatusCode::FORBIDDEN, "error-second-factor-detail");
        e.args.push(("path", TWO_FACTOR_PATH.to_string()));
        e.help = Some((TWO_FACTOR_PATH, "error-second-factor-link"));
        e
    }

    /// 429: too many requests of one kind from one address; try again in `secs`
    /// seconds.
    pub fn rate_limited(secs: u64) -> Self {
        let mut e = Self::new(StatusCode::TOO_MANY_REQUESTS, "error-rate-limited-detail");
        e.args.push(("minutes", secs.div_ceil(60).to_string()));
        e.retry_after = Some(secs);
        e
    }

    /// 404: the thing does not exist (or the id is malformed).
    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "error-not-found-detail")
    }

    /// 401: sign in first.
    pub fn unauthorized() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "error-unauthorized-detail")
    }

    /// 403: not permitted.
    pub fn forbidden() -> Self {
        Self::new(StatusCode::FORBIDDEN, "error-forbidden-detail")
    }

    /// 500: something on our side failed; the cause is logged, not shown.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "internal error");
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, "error-internal-detail")
    }

    /// 503: a dependency (the database) does not answer; the cause is logged.
    pub fn unavailable(cause: impl std::fmt::Display) -> Self {
        tracing::warn!(error = %cause, "not ready");
        Self::new(StatusCode::SERVICE_UNAVAILABLE, "error-unavailable-detail")
    }

    fn title_key(&self) -> &'static str {
        match self.status {
            StatusCode::BAD_REQUEST => "error-bad-request-title",
            StatusCode::NOT_FOUND => "error-not-found-title",
            StatusCode::UNAUTHORIZED => "error-unauthorized-title",
            StatusCode::FORBIDDEN => "error-forbidden-title",
            StatusCode::SERVICE_UNAVAILABLE => "error-unavailable-title",
            StatusCode::CONFLICT => "error-conflict-title",
            StatusCode::PAYLOAD_TOO_LARGE => "error-too-large-title",
            StatusCode::UNSUPPORTED_MEDIA_TYPE => "error-unsupported-type-title",
            StatusCode::TOO_MANY_REQUESTS => "error-throttled-title",
            StatusCode::REQUEST_TIMEOUT => "error-timeout-title",
            _ => "error-internal-title",
        }
    }

    fn problem_type(&self) -> &'static str {
        if self.detail_key == "error-second-factor-detail" {
            // Its own type: a client can tell "set up a second factor" from "never".
            return "/problems/second-factor-required";
        }
        match self.status {
            StatusCode::BAD_REQUEST => "/problems/invalid-parameter",
            StatusCode::NOT_FOUND => "/problems/not-found",
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => "/problems/not-permitted",
            StatusCode::SERVICE_UNAVAILABLE => "/problems/unavailable",
            StatusCode::CONFLICT => "/problems/conflict",
            StatusCode::PAYLOAD_TOO_LARGE => "/problems/too-large",
            StatusCode::UNSUPPORTED_MEDIA_TYPE => "/problems/unsupported-type",
            StatusCode::TOO_MANY_REQUESTS => "/problems/too-many-attempts",
            StatusCode::REQUEST_TIMEOUT => "/problems/timeout",
            _ => "/problems/internal",
        }
    }

    /// The detail text in a language.
    pub fn detail(&self, tr: &Tr) -> String {
        tr.ta(self.detail_key, &self.args)
    }

    /// The problem document (RFC 9457).
    pub fn problem_json(&self, tr: &Tr, instance: &str) -> serde_json::Value {
        let mut v = serde_json::json!({
            "type": self.problem_type(),
            "title": tr.t(self.title_key()),
            "status": self.status.as_u16(),
            "detail": self.detail(tr),
            "instance": instance,
        });
        if let Some(p) = &self.param {
            v["parameter"] = serde_json::Value::String(p.clone());
            v["invalid_params"] = serde_json::json!([{ "name": p, "reason": self.detail(tr) }]);
        }
        v
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(_) => AppError::not_found(),
            StoreError::Conflict(_) => AppError::conflict("error-conflict-detail"),
            StoreError::Invalid(msg) => {
                AppError::bad_param("body", "error-field-invalid", &[("reason", msg)])
            }
            other => AppError::internal(other),
        }
    }
}

impl From<bleibe_search::SearchError> for AppError {
    fn from(e: bleibe_search::SearchError) -> Self {
        match e {
            // The parameters are validated before they reach the engine; should the
            // engine still refuse, the caller gets a 400, not a 500.
            bleibe_search::SearchError::InvalidQuery(msg) => {
                AppError::bad_param("query", "error-query-invalid", &[("reason", msg)])
            }
            other => AppError::internal(other),
        }
    }
}

impl IntoResponse for AppError {
    /// An empty response carrying the error; [`render_errors`] turns it into text.
    fn into_response(self) -> Response {
        let mut res = self.status.into_response();
        res.extensions_mut().insert(self);
        res
    }
}

/// Whether a path is served as API (problem+json) rather than HTML.
pub fn is_api_path(path: &str) -> bool {
    path.starts_with("/api/") || matches!(path, "/api" | "/healthz" | "/readyz" | "/metrics")
}

/// Middleware: renders any [`AppError`] a handler returned in the request's language and
/// format.
pub async fn render_errors(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let lang = i18n::negotiate(&parts);
    let path = parts.uri.path().to_string();
    let mut res = next.run(Request::from_parts(parts, body)).await;
    let err = match res.extensions_mut().remove::<AppError>() {
        Some(err) => err,
        // Limits enforced below the handlers (the body limit, the timeout) answer with
        // a bare status: give them the same friendly form.
        None if res.status() == StatusCode::PAYLOAD_TOO_LARGE => AppError::payload_too_large(),
        None if res.status() == StatusCode::REQUEST_TIMEOUT => {
            AppError::new(StatusCode::REQUEST_TIMEOUT, "error-timeout-detail")
        }
        None => return res,
    };
    render(&err, lang, &path, &state)
}

fn render(err: &AppError, lang: Lang, path: &str, state: &AppState) -> Response {
    let mut res = render_body(err, lang, path, state);
    if let Some(secs) = err.retry_after {
        res.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    if err.status == StatusCode::UNAUTHORIZED && is_api_path(path) {
        res.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"bleibe\""),
        );
    }
    res
}

/// The HTML page of an error.
fn error_page(err: &AppError, lang: Lang, path: &str, config: &SiteConfig) -> ErrorPage {
    let tr = lang.tr();
    ErrorPage {
        chrome: Chrome::new(lang, config, path, "", &tr.t(err.title_key())),
        title: tr.t(err.title_key()),
        detail: err.detail(&tr),
        param: err.param.clone(),
        status: err.status.as_u16(),
        help: err.help.map(|(href, key)| (href.to_string(), tr.t(key))),
    }
}

fn render_body(err: &AppError, lang: Lang, path: &str, state: &AppState) -> Response {
    let tr = lang.tr();
    if is_api_path(path) {
        let body = err.problem_json(&tr, path).to_string();
        let mut res = (err.status, body).into_response();
        res.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        return res;
    }
    match error_page(err, lang, path, &state.config).render() {
        Ok(html) => (err.status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "error page failed to render");
            (err.status, err.detail(&tr)).into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_second_factor_points_to_its_set_up() {
        let err = AppError::second_factor_required();
        for lang in Lang::ALL {
            let tr = lang.tr();
            let problem = err.problem_json(&tr, "/api/v1/cases");
            assert_eq!(problem["status"], 403);
            assert_eq!(problem["type"], "/problems/second-factor-required");
            let detail = problem["detail"].as_str().expect("detail");
            assert!(detail.contains("/account/two-factor"), "{detail}");
            let html = error_page(&err, lang, "/cases", &SiteConfig::default())
                .render()
                .expect("page");
            assert!(
                html.contains(&format!(
                    "<a href=\"/account/two-factor\">{}</a>",
                    tr.t("error-second-factor-link")
                )),
                "{html}"
            );
        }
        // Other refusals keep their type and have no such link.
        let other = AppError::forbidden();
        assert_eq!(
            other.problem_json(&Lang::De.tr(), "/x")["type"],
            "/problems/not-permitted"
        );
        assert!(other.help.is_none());
    }
}
