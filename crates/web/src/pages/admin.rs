//! Platform administration: verifying organisations, the audit log.

use super::org_kind_label;
use super::team::date_time;
use super::{html, parse_id, see_other};
use crate::auth::audit::{self, actions};
use crate::i18n::Lang;
use crate::params::{encode, RawQuery, Segment};
use crate::policy::Caller;
use crate::problem::AppError;
use crate::routes::Routes;
use crate::state::AppState;
use crate::views::Chrome;
use askama::Template;
use axum::extract::{Request, State};
use axum::response::Response;
use bleibe_domain::policy::Action;
use bleibe_domain::OrgKind;
use std::collections::HashMap;

/// Audit entries per page.
pub const AUDIT_PAGE: i64 = 50;

/// The routes of this module.
pub(super) fn routes() -> Routes {
    Routes::new()
        .get("/admin", admin)
        .post("/admin/orgs/{id}/verify", verify)
        .get("/admin/audit", audit_log)
}

/// An organisation waiting for verification.
pub struct PendingOrg {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Kind, translated.
    pub kind: String,
    /// Where it is based.
    pub place: String,
    /// Demo record.
    pub demo: bool,
}

/// A network, for the list of networks.
pub struct NetworkRow {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Portal path.
    pub href: String,
    /// Demo record.
    pub demo: bool,
}

/// `/admin`.
#[derive(Template)]
#[template(path = "admin/admin.html")]
pub struct AdminPage {
    /// Chrome.
    pub chrome: Chrome,
    /// Organisations awaiting verification.
    pub pending: Vec<PendingOrg>,
    /// Every network.
    pub networks: Vec<NetworkRow>,
}

/// An audit entry as listed.
pub struct AuditRow {
    /// Id.
    pub id: i64,
    /// When, formatted.
    pub at: String,
    /// When, ISO.
    pub at_iso: String,
    /// Who: user (e-mail when known) and/or token.
    pub who: String,
    /// Action as stored.
    pub action: String,
    /// Organisation.
    pub org: String,
    /// Record concerned.
    pub target: String,
    /// Detail.
    pub detail: String,
    /// Client address.
    pub ip: String,
}

/// `/admin/audit`.
#[derive(Template)]
#[template(path = "admin/audit.html")]
pub struct AuditPage {
    /// Chrome.
    pub chrome: Chrome,
    /// Entries, newest first.
    pub rows: Vec<AuditRow>,
    /// Link to older entries.
    pub older: Option<String>,
    /// Whether this is not the newest page.
    pub paged: bool,
}

/// `GET /admin`.
async fn admin(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::AdminPlatform)?;
    let tr = lang.tr();
    let pending = state
        .store
        .employers()
        .await?
        .into_iter()
        .filter(|e| e.kind != OrgKind::Employer && !e.verified)
        .map(|e| PendingOrg {
            id: e.id,
            kind: org_kind_label(&tr, e.kind),
            place: e.place.name.clone(),
            name: e.name,
            demo: e.demo,
        })
        .collect();
    let networks = state
        .store
        .networks()
        .await?
        .into_iter()
        .map(|n| NetworkRow {
            id: n.id,
            href: format!("/n/{}", n.slug),
            name: n.name,
            demo: n.demo,
        })
        .collect();
    let title = tr.t("admin-title");
    html(AdminPage {
        chrome: super::chrome(&state, lang, &req, "admin", &title),
        pending,
        networks,
    })
}

/// `POST /admin/orgs/{id}/verify`.
async fn verify(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw_id): Segment,
) -> Result<Response, AppError> {
    caller.authorize(Action::AdminPlatform)?;
    let id = parse_id(&raw_id)?;
    crate::manage::organisation(&state, id).await?;
    state.store.set_verified(id, true).await?;
    audit::record(
        &state,
        caller.ctx(),
        actions::ORG_VERIFIED,
        Some(id),
        format!("org:{id}"),
        "platform".into(),
    )
    .await?;
    Ok(see_other("/admin"))
}

/// `GET /admin/audit?before=<id>`.
async fn audit_log(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::AdminPlatform)?;
    let raw = RawQuery::parse(req.uri().query())?;
    let before = match raw.get("before") {
        None => None,
        Some(v) => Some(v.parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| {
            AppError::bad_param("before", "error-param-id", &[("value", v.to_string())])
        })?),
    };
    let mut entries = state.store.audit_log(before, AUDIT_PAGE + 1).await?;
    let more = entries.len() as i64 > AUDIT_PAGE;
    entries.truncate(AUDIT_PAGE as usize);
    let tr = lang.tr();
    // At most 50 of each: one lookup per distinct user and organisation.
    let mut users: HashMap<i64, String> = HashMap::new();
    let mut orgs: HashMap<i64, String> = HashMap::new();
    let mut rows = Vec::with_capacity(entries.len());
    for e in &entries {
        let mut who = Vec::new();
        if let Some(uid) = e.actor_user_id {
            let label = match users.get(&uid) {
                Some(label) => label.clone(),
                None => {
                    let label = match state.store.user(uid).await? {
                        Some(u) => format!("{} (#{uid})", u.email),
                        None => format!("#{uid}"),
                    };
                    users.insert(uid, label.clone());
                    label
                }
            };
            who.push(tr.t1("admin-audit-user", "user", label));
        }
        if let Some(tid) = e.actor_token_id {
            who.push(tr.t1("admin-audit-token", "id", tid));
        }
        if who.is_empty() {
            who.push(tr.t("admin-audit-nobody"));
        }
        let org = match e.org_id {
            Some(oid) => match orgs.get(&oid) {
                Some(label) => label.clone(),
                None => {
                    let label = match state.store.employer(oid).await? {
                        Some(o) => format!("{} (#{oid})", o.name),
                        None => format!("#{oid}"),
                    };
                    orgs.insert(oid, label.clone());
                    label
                }
            },
            None => String::new(),
        };
        rows.push(AuditRow {
            id: e.id,
            at: date_time(lang, e.at),
            at_iso: e.at.to_rfc3339(),
            who: who.join(", "),
            action: e.action.clone(),
            org,
            target: e.target.clone(),
            detail: e.detail.clone(),
            ip: e.ip.clone().unwrap_or_default(),
        });
    }
    let older = match (more, rows.last()) {
        (true, Some(last)) => Some(format!(
            "/admin/audit?{}",
            encode(&[("before", last.id.to_string())])
        )),
        _ => None,
    };
    let title = tr.t("admin-audit-title");
    html(AuditPage {
        chrome: super::chrome(&state, lang, &req, "admin", &title),
        rows,
        older,
        paged: before.is_some(),
    })
}
