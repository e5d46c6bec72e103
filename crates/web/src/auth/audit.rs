//! The audit log: who did what, when, from where. Sign-ins and failed sign-ins, the
//! second factor turned on and off, role changes, tokens created and revoked, jobs
//! published, organisations verified.

use super::RequestContext;
use crate::problem::AppError;
use crate::state::AppState;
use bleibe_domain::AuditEntry;

/// Every action the audit log records, as stored.
pub mod actions {
    /// A successful sign-in.
    pub const LOGIN: &str = "login";
    /// A failed sign-in (wrong password, unknown account, throttled).
    pub const LOGIN_FAILED: &str = "login_failed";
    /// Sign-out.
    pub const LOGOUT: &str = "logout";
    /// Sign-up.
    pub const SIGNUP: &str = "signup";
    /// Password changed or reset.
    pub const PASSWORD_CHANGED: &str = "password_changed";
    /// Two-factor sign-in (TOTP) turned on, confirmed with a first code.
    pub const TWO_FACTOR_ENABLED: &str = "two_factor_enabled";
    /// Two-factor sign-in turned off: by the user with a code, or reset by an operator
    /// (`bleibe user reset-two-factor`, detail "reset via cli").
    pub const TWO_FACTOR_DISABLED: &str = "two_factor_disabled";
    /// A member's role set (invitation accepted, role changed, organisation founded).
    pub const ROLE_CHANGED: &str = "role_changed";
    /// A member removed.
    pub const MEMBER_REMOVED: &str = "member_removed";
    /// An invitation sent.
    pub const INVITED: &str = "invited";
    /// An API token created.
    pub const TOKEN_CREATED: &str = "token_created";
    /// An API token revoked.
    pub const TOKEN_REVOKED: &str = "token_revoked";
    /// A job published (created published, or published later).
    pub const JOB_PUBLISHED: &str = "job_published";
    /// A job unpublished.
    pub const JOB_UNPUBLISHED: &str = "job_unpublished";
    /// A job deleted.
    pub const JOB_DELETED: &str = "job_deleted";
    /// An organisation founded.
    pub const ORG_CREATED: &str = "org_created";
    /// An organisation verified.
    pub const ORG_VERIFIED: &str = "org_verified";
    /// A measure created.
    pub const MEASURE_CREATED: &str = "measure_created";
    /// A measure changed.
    pub const MEASURE_CHANGED: &str = "measure_changed";
    /// A measure deleted.
    pub const MEASURE_DELETED: &str = "measure_deleted";
    /// An event created.
    pub const EVENT_CREATED: &str = "event_created";
    /// An event changed.
    pub const EVENT_CHANGED: &str = "event_changed";
    /// An event called off by its organiser (or the network's admins).
    pub const EVENT_CANCELLED: &str = "event_cancelled";
    /// A project idea submitted.
    pub const IDEA_CREATED: &str = "idea_created";
    /// A project idea moved in the pipeline.
    pub const IDEA_DECIDED: &str = "idea_decided";
    /// A working group created or changed.
    pub const GROUP_CHANGED: &str = "group_changed";
    /// A network created, or a member or admin added to it.
    pub const NETWORK_CHANGED: &str = "network_changed";
    /// A contact person listed in or removed from a network's directory.
    pub const CONTACT_CHANGED: &str = "contact_changed";
    /// A place's profile changed (values set or removed).
    pub const PLACE_PROFILE_CHANGED: &str = "place_profile_changed";
}

/// Records an entry for the request's caller.
pub async fn record(
    state: &AppState,
    ctx: &RequestContext,
    action: &str,
    org_id: Option<i64>,
    target: String,
    detail: String,
) -> Result<(), AppError> {
    record_as(state, ctx, ctx.user_id(), action, org_id, target, detail).await
}

/// Records an entry naming `user_id` as the actor (for sign-in, where the request had
/// no user yet).
pub async fn record_as(
    state: &AppState,
    ctx: &RequestContext,
    user_id: Option<i64>,
    action: &str,
    org_id: Option<i64>,
    target: String,
    detail: String,
) -> Result<(), AppError> {
    state
        .store
        .audit(&AuditEntry {
            actor_user_id: user_id,
            actor_token_id: ctx.token_id(),
            ip: ctx.ip.clone(),
            ..AuditEntry::new(action, org_id, target, detail)
        })
        .await?;
    Ok(())
}
