//! Signing in and out: a new session id at every sign-in (so an id planted before
//! sign-in is worthless afterwards), stored hashed, 12 hours at most.
//!
//! For users with two-factor sign-in on, the password starts a *pending* session: it
//! signs nobody in (the request context treats it as anonymous, see
//! [`super::context`]) and only lets `/sign-in/two-factor` finish the sign-in within
//! [`PENDING_MINUTES`]. The right code then replaces it with a session confirmed with a
//! second factor.

use super::cookies::{self, SESSION_COOKIE};
use super::crypto::{random_token, sha256_hex};
use super::RequestContext;
use crate::problem::AppError;
use crate::state::AppState;
use bleibe_store::accounts::Session;
use chrono::{DateTime, Duration, Utc};

/// How long a session lasts from sign-in (OWASP ASVS 3.3.2: re-authenticate within 12
/// hours).
pub const SESSION_HOURS: i64 = 12;

/// How long a sign-in may wait for its second factor after the password was right.
pub const PENDING_MINUTES: i64 = 10;

/// Starts a session for `user_id`, ending the request's previous one; returns the
/// `Set-Cookie` value. For a user with two-factor sign-in on, such a session counts
/// only once confirmed with a code (see [`start_pending`]).
pub async fn start(
    state: &AppState,
    ctx: &RequestContext,
    user_id: i64,
) -> Result<String, AppError> {
    begin(state, ctx, user_id, Duration::hours(SESSION_HOURS), None).await
}

/// Starts a pending session: the password was right, the code is still to come. It
/// lasts [`PENDING_MINUTES`].
pub async fn start_pending(
    state: &AppState,
    ctx: &RequestContext,
    user_id: i64,
) -> Result<String, AppError> {
    begin(
        state,
        ctx,
        user_id,
        Duration::minutes(PENDING_MINUTES),
        None,
    )
    .await
}

/// Starts a session confirmed with a second factor at `at` (with a new id: the pending
/// session's id, however fresh, is not carried into the signed-in state).
pub async fn start_confirmed(
    state: &AppState,
    ctx: &RequestContext,
    user_id: i64,
    at: DateTime<Utc>,
) -> Result<String, AppError> {
    begin(
        state,
        ctx,
        user_id,
        Duration::hours(SESSION_HOURS),
        Some(at),
    )
    .await
}

async fn begin(
    state: &AppState,
    ctx: &RequestContext,
    user_id: i64,
    lasts: Duration,
    second_factor_at: Option<DateTime<Utc>>,
) -> Result<String, AppError> {
    let old = ctx
        .session
        .iter()
        .chain(ctx.pending.iter().map(|p| &p.session));
    for s in old {
        state.store.delete_session(&s.id_hash).await?;
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
            expires_at: now + lasts,
            second_factor_at,
        })
        .await?;
    Ok(cookies::set(
        SESSION_COOKIE,
        &id,
        Some(lasts.num_seconds()),
        ctx.secure,
    ))
}

/// Ends the request's session (or pending sign-in); returns the `Set-Cookie` value that
/// clears the cookie.
pub async fn end(state: &AppState, ctx: &RequestContext) -> Result<String, AppError> {
    let current = ctx
        .session
        .iter()
        .chain(ctx.pending.iter().map(|p| &p.session));
    for s in current {
        state.store.delete_session(&s.id_hash).await?;
    }
    Ok(cookies::clear(SESSION_COOKIE, ctx.secure))
}
