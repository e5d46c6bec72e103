//! Who is asking, worked out once per request: from an `Authorization: Bearer` API
//! token or from the session cookie. The result ([`RequestContext`]) sits in the
//! request's extensions for the [`Caller`](crate::policy::Caller) extractor and the
//! pages. The same middleware enforces CSRF on every state-changing form.
//!
//! A session of a user with two-factor sign-in on counts only once it was confirmed
//! with a code (after TOTP was turned on): until then its caller is anonymous, and the
//! context only remembers the [`PendingSignIn`] for `/sign-in/two-factor`. A password
//! alone gives nothing.

use super::cookies::{self, CSRF_COOKIE, SESSION_COOKIE};
use super::crypto::{constant_time_eq, random_token, sha256_hex};
use super::session::PENDING_MINUTES;
use crate::problem::{is_api_path, AppError};
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bleibe_domain::policy::{Caller, SignedIn, TokenCaller};
use bleibe_domain::User;
use bleibe_store::accounts::Session;
use chrono::{Duration, Utc};
use std::net::SocketAddr;

/// A sign-in waiting for its second factor: the password was right, the code is to
/// come. It signs nobody in.
#[derive(Debug, Clone)]
pub struct PendingSignIn {
    /// The user whose password was right.
    pub user: User,
    /// The pending session (its CSRF token is the request's).
    pub session: Session,
}

/// What every handler may know about the request's origin.
#[derive(Debug, Clone)]
pub struct RequestContext {
    /// For the policy.
    pub caller: Caller,
    /// The signed-in user.
    pub user: Option<User>,
    /// The session, when signed in by cookie.
    pub session: Option<Session>,
    /// The CSRF token forms must carry: the session's, or before sign-in the one in the
    /// `bleibe_csrf` cookie.
    pub csrf: String,
    /// Client address (from `X-Forwarded-For` only behind a trusted proxy).
    pub ip: Option<String>,
    /// Whether the request came over https (cookies get `Secure`).
    pub secure: bool,
    /// A sign-in waiting for its second factor (the caller is then anonymous).
    pub pending: Option<PendingSignIn>,
}

impl RequestContext {
    /// A context for code paths without a request (tests).
    pub fn anonymous() -> Self {
        Self {
            caller: Caller::Anonymous,
            user: None,
            session: None,
            csrf: String::new(),
            ip: None,
            secure: false,
            pending: None,
        }
    }

    /// The user id of a signed-in caller.
    pub fn user_id(&self) -> Option<i64> {
        self.user.as_ref().map(|u| u.id)
    }

    /// The token id of an API token caller.
    pub fn token_id(&self) -> Option<i64> {
        match &self.caller {
            Caller::Token(t) => Some(t.token_id),
            _ => None,
        }
    }
}

fn client_ip(state: &AppState, req: &Request) -> Option<String> {
    if state.config.trust_proxy {
        // The last entry is the one our own proxy added; earlier ones come from the
        // client and may be forged.
        if let Some(last) = req
            .headers()
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
        {
            return Some(last.trim().to_string());
        }
    }
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
}

fn is_https(state: &AppState, headers: &HeaderMap) -> bool {
    state.config.https()
        || (state.config.trust_proxy
            && headers
                .get("x-forwarded-proto")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.eq_ignore_ascii_case("https")))
}

fn bearer(headers: &HeaderMap) -> Option<Result<String, ()>> {
    let value = headers.get(header::AUTHORIZATION)?;
    let s = value.to_str().map_err(|_| ()).ok();
    Some(
        s.and_then(|s| {
            let (scheme, token) = s.split_once(' ')?;
            scheme
                .eq_ignore_ascii_case("bearer")
                .then(|| token.trim().to_string())
        })
        .filter(|t| !t.is_empty())
        .ok_or(()),
    )
}

/// Whether `session` counts as confirmed with a second factor for `user`: it was
/// confirmed with a code, and — while TOTP is on — not before it was turned on (a code
/// of an earlier secret, before TOTP was turned off and on again, does not count).
/// Turning TOTP off takes the confirmation from every session of the user
/// (`Accounts::disable_totp`), so a confirmed session of a user with TOTP off exists only
/// where tests make one.
pub fn second_factor_confirmed(user: &User, session: &Session) -> bool {
    session
        .second_factor_at
        .is_some_and(|at| user.totp_enabled_at.is_none_or(|enabled| at >= enabled))
}

/// Loads a signed-in user's memberships and networks into a [`Caller`];
/// `second_factor` says whether the session was confirmed with a code.
pub async fn signed_in(
    state: &AppState,
    user: &User,
    second_factor: bool,
) -> Result<Caller, AppError> {
    Ok(Caller::User(SignedIn {
        user_id: user.id,
        platform_admin: user.platform_admin,
        memberships: state.store.memberships(user.id).await?,
        network_admin_of: state.store.admin_networks(user.id).await?,
        member_of_networks: state.store.user_networks(user.id).await?,
        leads_groups: state.store.led_groups(user.id).await?,
        second_factor,
    }))
}

/// Whether responses to `path` may carry forms, and so need an anonymous CSRF cookie:
/// not the API, not the embeddable widget (framed on other sites, cacheable), not the
/// stylesheet.
fn serves_forms(path: &str) -> bool {
    !is_api_path(path) && !path.starts_with("/embed/") && !path.starts_with("/static/")
}

async fn resolve(
    state: &AppState,
    headers: &HeaderMap,
    ip: Option<String>,
    forms: bool,
) -> Result<(RequestContext, bool), AppError> {
    let jar = cookies::parse(headers);
    let mut ctx = RequestContext {
        ip,
        secure: is_https(state, headers),
        ..RequestContext::anonymous()
    };
    if let Some(token) = bearer(headers) {
        // A token that is given must be good: a wrong one is an error, not anonymity.
        let token = token.map_err(|_| AppError::token_invalid())?;
        let stored = state
            .store
            .api_token_by_hash(&sha256_hex(token.as_bytes()))
            .await?
            .filter(|t| t.revoked_at.is_none())
            .ok_or_else(AppError::token_invalid)?;
        ctx.caller = Caller::Token(TokenCaller {
            token_id: stored.id,
            org_id: stored.org_id,
            scopes: stored.scopes,
        });
        return Ok((ctx, false));
    }
    if let Some(sid) = jar.get(SESSION_COOKIE) {
        let hash = sha256_hex(sid.as_bytes());
        let now = Utc::now();
        if let Some(session) = state.store.session(&hash, now).await? {
            if let Some(user) = state.store.user(session.user_id).await? {
                let confirmed = second_factor_confirmed(&user, &session);
                if user.totp_enabled_at.is_none() || confirmed {
                    ctx.caller = signed_in(state, &user, confirmed).await?;
                    ctx.csrf = session.csrf_token.clone();
                    ctx.user = Some(user);
                    ctx.session = Some(session);
                    return Ok((ctx, false));
                }
                // The password was right, the code is missing. Such a session is of use
                // only briefly after sign-in; an older unconfirmed one (signed in before
                // TOTP was turned on) is no sign-in at all.
                if session.created_at + Duration::minutes(PENDING_MINUTES) > now {
                    ctx.csrf = session.csrf_token.clone();
                    ctx.pending = Some(PendingSignIn { user, session });
                    return Ok((ctx, false));
                }
            }
        }
    }
    match jar.get(CSRF_COOKIE).filter(|t| t.len() == 43) {
        Some(t) => {
            ctx.csrf = t.to_string();
            Ok((ctx, false))
        }
        None if !forms => Ok((ctx, false)),
        None => {
            ctx.csrf = random_token();
            Ok((ctx, true))
        }
    }
}

fn is_unsafe(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// The CSRF token a form submitted: the `X-CSRF-Token` header, the `csrf` field of a
/// URL-encoded body, or (for file uploads, whose multipart body is read by the handler)
/// the `csrf` query parameter.
fn submitted_token(req: &Request, body: &[u8]) -> Option<String> {
    if let Some(h) = req
        .headers()
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
    {
        return Some(h.to_string());
    }
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let field =
        |pairs: Vec<(String, String)>| pairs.into_iter().find(|(k, _)| k == "csrf").map(|(_, v)| v);
    if content_type.starts_with("application/x-www-form-urlencoded") {
        return field(serde_urlencoded::from_bytes(body).unwrap_or_default());
    }
    if content_type.starts_with("multipart/form-data") {
        return field(
            serde_urlencoded::from_str(req.uri().query().unwrap_or("")).unwrap_or_default(),
        );
    }
    None
}

/// Largest form body the CSRF check reads into memory (the router's body limit applies
/// as well).
pub(crate) const FORM_LIMIT: usize = 1024 * 1024;

/// Middleware: resolves the caller and checks the CSRF token of state-changing page
/// requests (the API is exempt: it takes no cookies from other sites' forms, because it
/// needs a bearer token or a JSON body, which a cross-site form cannot send).
pub async fn middleware(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let ip = client_ip(&state, &req);
    let headers = req.headers().clone();
    let forms = serves_forms(req.uri().path());
    let (ctx, new_csrf_cookie) = match resolve(&state, &headers, ip, forms).await {
        Ok(r) => r,
        Err(e) => return e.into_response(),
    };
    let mut req = req;
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if is_unsafe(req.method()) && !is_api_path(req.uri().path()) && multipart {
        // A file upload carries its token in the query: the body (up to the upload
        // limit, larger than a form's) is left to the handler.
        let ok = submitted_token(&req, &[])
            .is_some_and(|t| !ctx.csrf.is_empty() && constant_time_eq(&t, &ctx.csrf));
        if !ok || new_csrf_cookie {
            return AppError::csrf().into_response();
        }
    } else if is_unsafe(req.method()) && !is_api_path(req.uri().path()) {
        let (parts, body) = req.into_parts();
        let bytes = match axum::body::to_bytes(body, FORM_LIMIT).await {
            Ok(b) => b,
            Err(_) => return AppError::payload_too_large().into_response(),
        };
        let probe = Request::from_parts(parts, Body::empty());
        let ok = submitted_token(&probe, &bytes)
            .is_some_and(|t| !ctx.csrf.is_empty() && constant_time_eq(&t, &ctx.csrf));
        if !ok || new_csrf_cookie {
            return AppError::csrf().into_response();
        }
        let (parts, _) = probe.into_parts();
        req = Request::from_parts(parts, Body::from(bytes));
    }
    // The API takes session cookies too (for signed-in users' own scripts): then a
    // write must be JSON or carry the CSRF header. A cross-site form can send neither
    // (a JSON body or a custom header needs a CORS preflight, which bleibe never grants).
    if is_unsafe(req.method()) && is_api_path(req.uri().path()) && ctx.session.is_some() {
        let json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        let header_token = req
            .headers()
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|t| constant_time_eq(t, &ctx.csrf));
        if !json && !header_token {
            return AppError::csrf().into_response();
        }
    }
    let secure = ctx.secure;
    let csrf = ctx.csrf.clone();
    req.extensions_mut().insert(ctx);
    let mut res = next.run(req).await;
    if new_csrf_cookie {
        if let Ok(v) = HeaderValue::from_str(&cookies::set(CSRF_COOKIE, &csrf, None, secure)) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}
