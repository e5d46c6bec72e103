//! An organisation's team: members, invitations and roles, and its API tokens.
//!
//! Members see who belongs to the organisation; its admins change roles, remove members,
//! invite by e-mail and create and revoke API tokens. An organisation always keeps at
//! least one admin. Tokens are shown once, when created; the store keeps only their hash.

use super::cards::date;
use super::{form_pairs, html, parse_form, parse_id, role_label, see_other};
use crate::auth::audit::{self, actions};
use crate::auth::issue::{self, LinkFor};
use crate::i18n::{Lang, Tr};
use crate::manage;
use crate::params::{IdPair, RawQuery, Segment};
use crate::policy::Caller;
use crate::problem::AppError;
use crate::routes::Routes;
use crate::state::AppState;
use crate::views::{Chrome, SelectOption};
use askama::Template;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::response::Response;
use bleibe_domain::account::normalize_email;
use bleibe_domain::policy::Action;
use bleibe_domain::{Role, Scope, User};
use bleibe_store::accounts::OneTimePurpose;
use chrono::{Duration, Utc};

/// How long an invitation link stays valid.
pub const INVITE_DAYS: i64 = 7;
/// Longest token name accepted.
const TOKEN_NAME_MAX: usize = 100;

/// The routes of this module.
pub(super) fn routes() -> Routes {
    Routes::new()
        .get("/orgs/{id}/team", team)
        .post("/orgs/{id}/members", invite)
        .post("/orgs/{id}/members/{user}/role", change_role)
        .post("/orgs/{id}/members/{user}/remove", remove)
        .post("/orgs/{id}/tokens", create_token)
        .post("/orgs/{id}/tokens/{token}/revoke", revoke_token)
}

/// Translated name of a token scope.
fn scope_label(tr: &Tr, scope: Scope) -> String {
    match scope {
        Scope::JobsWrite => tr.t("team-scope-jobs-write"),
        Scope::OrganisationWrite => tr.t("team-scope-organisation-write"),
    }
}

/// A date and time for tables: `22.11.2026 14:05` / `22 Nov 2026 14:05` (UTC).
pub(super) fn date_time(lang: Lang, at: chrono::DateTime<Utc>) -> String {
    format!("{} {} UTC", date(lang, at.date_naive()), at.format("%H:%M"))
}

/// A member as listed.
pub struct MemberRow {
    /// User id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// E-mail address (shown to admins only).
    pub email: String,
    /// Role, translated.
    pub role_label: String,
    /// Role choices with the current one selected (for admins).
    pub roles: Vec<SelectOption>,
    /// Whether this is the viewer.
    pub is_self: bool,
}

/// A token as listed.
pub struct TokenRow {
    /// Token id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Scopes, translated and joined.
    pub scopes: String,
    /// Creation, formatted.
    pub created: String,
    /// Creation, ISO.
    pub created_iso: String,
    /// Revocation, formatted; `None` while active.
    pub revoked: Option<String>,
}

/// `/orgs/{id}/team`.
#[derive(Template)]
#[template(path = "team/team.html")]
pub struct TeamPage {
    /// Chrome.
    pub chrome: Chrome,
    /// Organisation id.
    pub org_id: i64,
    /// Organisation name.
    pub org_name: String,
    /// Members.
    pub members: Vec<MemberRow>,
    /// Whether the viewer manages members.
    pub manage_members: bool,
    /// Whether the viewer manages tokens.
    pub manage_tokens: bool,
    /// Role choices for the invitation form.
    pub invite_roles: Vec<SelectOption>,
    /// Scope choices: (wire value, label, element id).
    pub scopes: Vec<(String, String, String)>,
    /// The organisation's tokens (for token managers).
    pub tokens: Vec<TokenRow>,
    /// Confirmation after an invitation was sent.
    pub invited: bool,
}

/// The page that shows a new token, once.
#[derive(Template)]
#[template(path = "team/token_created.html")]
pub struct TokenCreatedPage {
    /// Chrome.
    pub chrome: Chrome,
    /// Organisation id.
    pub org_id: i64,
    /// Organisation name.
    pub org_name: String,
    /// Token name.
    pub name: String,
    /// Scopes, translated and joined.
    pub scopes: String,
    /// The secret.
    pub token: String,
}

fn role_options(tr: &Tr, selected: Role) -> Vec<SelectOption> {
    Role::ALL
        .iter()
        .map(|r| SelectOption {
            value: r.as_str().to_string(),
            label: role_label(tr, *r),
            selected: *r == selected,
        })
        .collect()
}

fn scopes_text(tr: &Tr, scopes: &[Scope]) -> String {
    if scopes.is_empty() {
        return tr.t("team-tokens-no-scopes");
    }
    scopes
        .iter()
        .map(|s| scope_label(tr, *s))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `GET /orgs/{id}/team`.
async fn team(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw_id): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let id = parse_id(&raw_id)?;
    caller.authorize(Action::ViewWorkspace(id))?;
    let org = manage::organisation(&state, id).await?;
    let tr = lang.tr();
    let manage_members = caller.may(Action::ManageMembers(id));
    let manage_tokens = caller.may(Action::ManageTokens(id));
    let me = caller.ctx().user_id();
    let members = state
        .store
        .members(id)
        .await?
        .into_iter()
        .map(|(u, role)| MemberRow {
            id: u.id,
            name: u.display_name.clone(),
            email: if manage_members {
                u.email.clone()
            } else {
                String::new()
            },
            role_label: role_label(&tr, role),
            roles: role_options(&tr, role),
            is_self: Some(u.id) == me,
        })
        .collect();
    let tokens = if manage_tokens {
        state
            .store
            .api_tokens(id)
            .await?
            .into_iter()
            .map(|t| TokenRow {
                id: t.id,
                name: t.name.clone(),
                scopes: scopes_text(&tr, &t.scopes),
                created: date_time(lang, t.created_at),
                created_iso: t.created_at.to_rfc3339(),
                revoked: t.revoked_at.map(|at| date_time(lang, at)),
            })
            .collect()
    } else {
        Vec::new()
    };
    let raw = RawQuery::parse(req.uri().query())?;
    let title = tr.t1("team-title", "org", &org.name);
    html(TeamPage {
        chrome: super::chrome(&state, lang, &req, "team", &title),
        org_id: id,
        org_name: org.name,
        members,
        manage_members,
        manage_tokens,
        invite_roles: role_options(&tr, Role::Member),
        scopes: Scope::ALL
            .iter()
            .map(|s| {
                (
                    s.as_str().to_string(),
                    scope_label(&tr, *s),
                    format!("scope-{}", s.as_str().replace(':', "-")),
                )
            })
            .collect(),
        tokens,
        invited: raw.get("invited").is_some(),
    })
}

fn team_href(org_id: i64) -> String {
    format!("/orgs/{org_id}/team")
}

fn parse_role(raw: &str) -> Result<Role, AppError> {
    Role::parse(raw.trim()).ok_or_else(|| {
        AppError::bad_param(
            "role",
            "error-param-enum",
            &[("value", raw.to_string()), ("expected", Role::expected())],
        )
    })
}

/// The members of `org_id` and the role of `user_id` among them (404 when not a member).
async fn member_role(
    state: &AppState,
    org_id: i64,
    user_id: i64,
) -> Result<(Vec<(User, Role)>, Role), AppError> {
    let members = state.store.members(org_id).await?;
    let role = members
        .iter()
        .find(|(u, _)| u.id == user_id)
        .map(|(_, r)| *r)
        .ok_or_else(AppError::not_found)?;
    Ok((members, role))
}

/// Refuses to leave the organisation without an admin: `user_id` (now `role`) is the
/// only admin.
fn keep_an_admin(members: &[(User, Role)], role: Role, field: &str) -> Result<(), AppError> {
    let admins = members.iter().filter(|(_, r)| *r == Role::Admin).count();
    if role == Role::Admin && admins <= 1 {
        return Err(AppError::bad_param(field, "team-error-last-admin", &[]));
    }
    Ok(())
}

#[derive(serde::Deserialize)]
struct RoleForm {
    role: String,
}

/// `POST /orgs/{id}/members/{user}/role`.
async fn change_role(
    State(state): State<AppState>,
    caller: Caller,
    IdPair(id, user_id): IdPair,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    caller.authorize(Action::ManageMembers(id))?;
    manage::organisation(&state, id).await?;
    let form: RoleForm = parse_form(&body)?;
    let new_role = parse_role(&form.role)?;
    let (members, old_role) = member_role(&state, id, user_id).await?;
    if new_role != Role::Admin {
        keep_an_admin(&members, old_role, "role")?;
    }
    if new_role != old_role {
        state.store.set_role(id, user_id, new_role).await?;
        audit::record(
            &state,
            caller.ctx(),
            actions::ROLE_CHANGED,
            Some(id),
            format!("user:{user_id}"),
            format!("{} -> {}", old_role.as_str(), new_role.as_str()),
        )
        .await?;
    }
    Ok(see_other(&team_href(id)))
}

/// `POST /orgs/{id}/members/{user}/remove`.
async fn remove(
    State(state): State<AppState>,
    caller: Caller,
    IdPair(id, user_id): IdPair,
) -> Result<Response, AppError> {
    caller.authorize(Action::ManageMembers(id))?;
    manage::organisation(&state, id).await?;
    let (members, role) = member_role(&state, id, user_id).await?;
    keep_an_admin(&members, role, "user")?;
    state.store.remove_member(id, user_id).await?;
    audit::record(
        &state,
        caller.ctx(),
        actions::MEMBER_REMOVED,
        Some(id),
        format!("user:{user_id}"),
        role.as_str().to_string(),
    )
    .await?;
    // Who removed themselves no longer sees the team.
    if caller.ctx().user_id() == Some(user_id) {
        return Ok(see_other("/account"));
    }
    Ok(see_other(&team_href(id)))
}

#[derive(serde::Deserialize)]
struct InviteForm {
    email: String,
    role: String,
}

/// `POST /orgs/{id}/members`: invites an address by e-mail.
async fn invite(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw_id): Segment,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    let id = parse_id(&raw_id)?;
    caller.authorize(Action::ManageMembers(id))?;
    let org = manage::organisation(&state, id).await?;
    let form: InviteForm = parse_form(&body)?;
    let email = normalize_email("email", &form.email).map_err(|e| AppError::invalid(&e))?;
    let role = parse_role(&form.role)?;
    let existing = state.store.user_by_email(&email).await?;
    if let Some(u) = &existing {
        if state
            .store
            .members(id)
            .await?
            .iter()
            .any(|(m, _)| m.id == u.id)
        {
            return Err(AppError::conflict("team-error-already-member"));
        }
    }
    let token = issue::one_time_link(
        state.store.as_ref(),
        LinkFor {
            purpose: OneTimePurpose::Invite,
            user_id: existing.as_ref().map(|u| u.id),
            email: Some(email.clone()),
            invite: Some((id, role)),
            valid: Duration::days(INVITE_DAYS),
        },
    )
    .await?;
    // The invitee reads the mail in their own language when they have an account.
    let mail_lang = existing
        .as_ref()
        .and_then(|u| Lang::parse(&u.language))
        .unwrap_or(lang);
    let tr = mail_lang.tr();
    let inviter = caller
        .ctx()
        .user
        .as_ref()
        .map(|u| u.display_name.clone())
        .unwrap_or_default();
    let link = format!(
        "{}/invite/{token}",
        state.config.public_url.trim_end_matches('/')
    );
    let subject = tr.ta(
        "team-invite-mail-subject",
        &[
            ("org", org.name.clone()),
            ("site", state.config.site_name.clone()),
        ],
    );
    let text = tr.ta(
        "team-invite-mail-body",
        &[
            ("inviter", inviter),
            ("org", org.name.clone()),
            ("role", role_label(&tr, role)),
            ("link", link),
            ("days", INVITE_DAYS.to_string()),
            ("site", state.config.site_name.clone()),
        ],
    );
    state
        .mailer
        .send(&email, &subject, text)
        .await
        .map_err(AppError::internal)?;
    audit::record(
        &state,
        caller.ctx(),
        actions::INVITED,
        Some(id),
        format!("email:{email}"),
        role.as_str().to_string(),
    )
    .await?;
    Ok(see_other(&format!("{}?invited=1", team_href(id))))
}

/// `POST /orgs/{id}/tokens`: creates a token and shows it, once.
async fn create_token(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw_id): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let id = parse_id(&raw_id)?;
    caller.authorize(Action::ManageTokens(id))?;
    let org = manage::organisation(&state, id).await?;
    let tr = lang.tr();
    // The language switch leads back to the team page: this page is the answer to a
    // POST and cannot be fetched again.
    let chrome = Chrome::new(
        lang,
        &state.config,
        &team_href(id),
        "team",
        &tr.t("team-token-created-title"),
    )
    .for_caller(&caller);
    let body = axum::body::to_bytes(req.into_body(), 64 * 1024)
        .await
        .map_err(|_| AppError::payload_too_large())?;
    let pairs = form_pairs(&body);
    let name = pairs
        .iter()
        .find(|(k, _)| k == "name")
        .map(|(_, v)| v.trim().to_string())
        .unwrap_or_default();
    if name.is_empty() {
        return Err(AppError::bad_param("name", "team-error-token-name", &[]));
    }
    if name.chars().count() > TOKEN_NAME_MAX {
        return Err(AppError::bad_param(
            "name",
            "team-error-token-name-long",
            &[("max", TOKEN_NAME_MAX.to_string())],
        ));
    }
    let mut scopes = Vec::new();
    for (_, v) in pairs.iter().filter(|(k, _)| k == "scope") {
        let s = Scope::parse(v.trim()).ok_or_else(|| {
            AppError::bad_param(
                "scope",
                "error-param-enum",
                &[("value", v.clone()), ("expected", Scope::expected())],
            )
        })?;
        if !scopes.contains(&s) {
            scopes.push(s);
        }
    }
    if scopes.is_empty() {
        return Err(AppError::bad_param("scope", "team-error-token-scope", &[]));
    }
    let (token, stored) = issue::api_token(
        state.store.as_ref(),
        id,
        &name,
        &scopes,
        caller.ctx().user_id(),
    )
    .await?;
    audit::record(
        &state,
        caller.ctx(),
        actions::TOKEN_CREATED,
        Some(id),
        format!("token:{}", stored.id),
        format!(
            "{} ({})",
            stored.name,
            bleibe_store::accounts::join_scopes(&stored.scopes)
        ),
    )
    .await?;
    let mut res = html(TokenCreatedPage {
        chrome,
        org_id: id,
        org_name: org.name,
        name: stored.name,
        scopes: scopes_text(&tr, &stored.scopes),
        token,
    })?;
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

/// `POST /orgs/{id}/tokens/{token}/revoke`.
async fn revoke_token(
    State(state): State<AppState>,
    caller: Caller,
    IdPair(id, token_id): IdPair,
) -> Result<Response, AppError> {
    caller.authorize(Action::ManageTokens(id))?;
    state
        .store
        .revoke_api_token(id, token_id, Utc::now())
        .await?;
    audit::record(
        &state,
        caller.ctx(),
        actions::TOKEN_REVOKED,
        Some(id),
        format!("token:{token_id}"),
        String::new(),
    )
    .await?;
    Ok(see_other(&team_href(id)))
}
