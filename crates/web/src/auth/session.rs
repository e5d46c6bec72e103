//! Signing in and out: a new session id at every sign-in (so an id planted before
//! sign-in is worthless afterwards), stored hashed, 12 hours at most.

use super::cookies::{self, SESSION_COOKIE};
use super::crypto::{random_token, sha256_hex};
use super::RequestContext;
use crate::problem::AppError;
use crate::state::AppState;
use bleibe_store::accounts::Session;
use chrono::{Duration, Utc};

/// How long a session lasts from sign-in (OWASP ASVS 3.3.2: re-authenticate within 12
/// hours).
pub const SESSION_HOURS: i64 = 12;

/// Starts a session for `user_id`, ending the request's previous one; returns the
/// `Set-Cookie` value.
pub async fn start(
    state: &AppState,
    ctx: &RequestContext,
    user_id: i64,
) -> Result<String, AppError> {
    if let Some(old) = &ctx.session {
        state.store.delete_session(&old.id_hash).await?;
    }
    let id = random_token();
    let now = Utc::now();
    state
        .store
        .create_session(&Session {
            id_hash: sha256_hex(id.as_bytes()),
            user_id,
            csrf_token: random_token(),
            created_at: now,
            expires_at: now + Duration::hours(SESSION_HOURS),
        })
        .await?;
    Ok(cookies::set(
        SESSION_COOKIE,
        &id,
        Some(SESSION_HOURS * 3600),
        ctx.secure,
    ))
}

/// Ends the request's session; returns the `Set-Cookie` value that clears the cookie.
pub async fn end(state: &AppState, ctx: &RequestContext) -> Result<String, AppError> {
    if let Some(s) = &ctx.session {
        state.store.delete_session(&s.id_hash).await?;
    }
    Ok(cookies::clear(SESSION_COOKIE, ctx.secure))
}
