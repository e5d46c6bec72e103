//! The router with its middleware, and serving with graceful shutdown.

use crate::problem::{render_errors, AppError};
use crate::state::AppState;
use axum::http::{header, HeaderName, HeaderValue};
use axum::Router;
use std::future::Future;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// The Content-Security-Policy of every page but the embeddable widget: no script at
/// all (JSON-LD data blocks are not executed and need no exception), no framing.
const CSP: &str = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; \
                   form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/// Browser features bleibe never uses, switched off.
const PERMISSIONS_POLICY: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), \
                                  interest-cohort=()";

/// The CSP of `/embed/…`: the same, except that the operator's partner origins may
/// frame it.
fn embed_csp(origins: &[String]) -> String {
    let ancestors = if origins.is_empty() {
        "'none'".to_string()
    } else {
        origins.join(" ")
    };
    format!(
        "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; \
         form-action 'self'; frame-ancestors {ancestors}; base-uri 'none'; object-src 'none'"
    )
}

/// Middleware: the security headers of every response. A handler may set a stricter
/// CSP of its own (file downloads do).
async fn security_headers(
    axum::extract::State(state): axum::extract::State<AppState>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let embed = req.uri().path().starts_with("/embed/");
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        let csp = if embed {
            HeaderValue::from_str(&embed_csp(&state.config.embed_origins))
                .unwrap_or_else(|_| HeaderValue::from_static(CSP))
        } else {
            HeaderValue::from_static(CSP)
        };
        h.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    if embed {
        // Framing is governed by frame-ancestors alone (X-Frame-Options cannot list
        // origins).
        h.remove(header::X_FRAME_OPTIONS);
    } else {
        h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    h.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static(PERMISSIONS_POLICY),
    );
    res
}

async fn not_found(caller: crate::policy::Caller) -> AppError {
    match caller.authorize(bleibe_domain::policy::Action::ViewPublicPages) {
        Ok(()) => AppError::not_found(),
        Err(e) => e,
    }
}

/// Largest request body: 1 MiB.
pub const BODY_LIMIT: usize = 1024 * 1024;

/// Largest request body of a case document upload: the document plus form overhead.
pub const UPLOAD_LIMIT: usize = crate::cases::MAX_DOCUMENT + 64 * 1024;

/// Whether `path` is a case document upload (`/cases/{id}/documents`,
/// `/api/v1/cases/{id}/documents`), the only requests allowed more than 1 MiB.
fn is_document_upload(path: &str) -> bool {
    let rest = path.strip_prefix("/api/v1").unwrap_or(path);
    let mut parts = rest.split('/').skip(1);
    matches!(
        (parts.next(), parts.next(), parts.next(), parts.next()),
        (Some("cases"), Some(_), Some("documents"), None)
    )
}

/// Limits request bodies (413 beyond the limit): reading more fails, and axum's
/// extractors answer 413. Document uploads get [`UPLOAD_LIMIT`], everything else
/// [`BODY_LIMIT`].
async fn body_limit(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let limit = if is_document_upload(req.uri().path()) {
        UPLOAD_LIMIT
    } else {
        BODY_LIMIT
    };
    let too_long = req
        .headers()
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
        .is_some_and(|n| n > limit);
    if too_long {
        return axum::response::IntoResponse::into_response(AppError::payload_too_large());
    }
    let req = req.map(|body| axum::body::Body::new(http_body_util::Limited::new(body, limit)));
    next.run(req).await
}

/// The whole application: pages, API, security headers, limits, tracing.
pub fn router(state: AppState) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    Router::new()
        .merge(crate::pages::routes().into_parts().0)
        .merge(crate::api::routes())
        .fallback(not_found)
        // axum's own limit for Bytes, Form and Multipart is lifted to the largest upload;
        // `body_limit` below sets the limit per path.
        .layer(axum::extract::DefaultBodyLimit::max(UPLOAD_LIMIT))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::auth::context::middleware,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            render_errors,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::metrics::track,
        ))
        .layer(CatchPanicLayer::custom(|_| {
            axum::response::IntoResponse::into_response(AppError::internal("handler panicked"))
        }))
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn(body_limit))
        .layer(TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security_headers,
        ))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(TraceLayer::new_for_http())
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        .with_state(state)
}

/// Serves `router(state)` on `listener` until `shutdown` resolves, then finishes the
/// requests in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
