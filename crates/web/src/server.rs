//! The router with its middleware, and serving with graceful shutdown.

use crate::problem::{render_errors, AppError};
use crate::state::AppState;
use axum::http::{header, HeaderName, HeaderValue};
use axum::Router;
use std::future::Future;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
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

/// The whole application: pages, API, security headers, limits, tracing.
pub fn router(state: AppState) -> Router {
    let request_id = HeaderName::from_static("x-request-id");
    Router::new()
        .merge(crate::pages::routes().into_parts().0)
        .merge(crate::api::routes())
        .fallback(not_found)
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
        .layer(RequestBodyLimitLayer::new(1024 * 1024))
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
