//! Accounts: users, organisations (their kinds and roles), networks, API tokens and the
//! audit log's entries. Passwords are hashed in the web layer; here are the rules.

use crate::error::ValidationError;
use crate::job::vocabulary;
use crate::text;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

vocabulary!(
    /// What an organisation is. Every kind can publish jobs; kinds other than
    /// [`OrgKind::Employer`] carry further rights (editing place profiles, seeing cases)
    /// once a platform or network admin has verified them.
    OrgKind {
        /// A company or other employer.
        Employer = "employer",
        /// Gemeinde or Stadt.
        Municipality = "municipality",
        /// Landkreis.
        County = "county",
        /// Zweckverband.
        Zweckverband = "zweckverband",
        /// Welcome Center.
        WelcomeCenter = "welcome_center",
        /// Ausländerbehörde.
        ImmigrationAuthority = "immigration_authority",
        /// Agentur für Arbeit.
        JobAgency = "job_agency",
        /// Jobcenter.
        Jobcenter = "jobcenter",
        /// IHK, Handwerkskammer.
        Chamber = "chamber",
        /// School, college or university.
        SchoolUniversity = "school_university",
        /// Ministry.
        Ministry = "ministry",
        /// Trade union.
        TradeUnion = "trade_union",
        /// Housing company.
        HousingCompany = "housing_company",
        /// Initiative or association.
        Initiative = "initiative",
        /// The office of a network.
        NetworkOffice = "network_office",
        /// Anything else.
        Other = "other",
    }
);

// The enum comes from the `vocabulary!` macro, which cannot take `#[default]`.
#[allow(clippy::derivable_impls)]
impl Default for OrgKind {
    fn default() -> Self {
        OrgKind::Employer
    }
}

impl OrgKind {
    /// Whether the rights of this kind wait for verification by an admin. Employers
    /// publish jobs from the start; a "municipality" anyone can claim to be does not
    /// edit place profiles until someone has checked.
    pub fn needs_verification(self) -> bool {
        self != OrgKind::Employer
    }
}

vocabulary!(
    /// A member's role in one organisation.
    Role {
        /// Sees the organisation's workspace.
        Member = "member",
        /// Also writes the organisation's jobs.
        Editor = "editor",
        /// Also manages members, tokens and the profile.
        Admin = "admin",
    }
);

vocabulary!(
    /// What an API token may do, always for its one organisation.
    Scope {
        /// Create, change and delete the organisation's jobs.
        JobsWrite = "jobs:write",
        /// Change the organisation's profile.
        OrganisationWrite = "organisation:write",
    }
);

/// A user account as stored (without the password hash).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    /// Store id.
    pub id: i64,
    /// Lower-cased e-mail address: the login name.
    pub email: String,
    /// Name shown to colleagues.
    pub display_name: String,
    /// Preferred language code (`de`, `en`).
    pub language: String,
    /// Operator of the installation.
    pub platform_admin: bool,
    /// When the e-mail address was confirmed; `None` = not yet.
    pub email_verified_at: Option<DateTime<Utc>>,
    /// Sign-up.
    pub created_at: DateTime<Utc>,
    /// Since when signing in needs a code from an authenticator app as well (TOTP, see
    /// [`crate::totp`]); `None` = the password alone.
    #[serde(default)]
    pub totp_enabled_at: Option<DateTime<Utc>>,
}

/// A user to be created.
#[derive(Debug, Clone, PartialEq)]
pub struct NewUser {
    /// E-mail address (normalised by [`normalize_email`]).
    pub email: String,
    /// Display name.
    pub display_name: String,
    /// argon2id PHC string, or `None` until the user sets one by link.
    pub password_hash: Option<String>,
    /// Preferred language code.
    pub language: String,
    /// Operator of the installation.
    pub platform_admin: bool,
    /// Whether the address counts as confirmed already (operator-created accounts).
    pub email_verified: bool,
}

/// A user's membership in an organisation, with what the policy needs to know about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    /// The organisation.
    pub org_id: i64,
    /// Its name, for menus.
    pub org_name: String,
    /// Its kind.
    pub kind: OrgKind,
    /// Whether an admin verified it.
    pub verified: bool,
    /// The user's role in it.
    pub role: Role,
    /// Its place (GeoNames id): a municipality's own place, whose profile it edits.
    #[serde(default)]
    pub place_id: i64,
}

impl Membership {
    /// Whether the rights that come with the organisation's kind apply: employers
    /// always, other kinds once verified. Until then members act as plain members.
    pub fn kind_rights(&self) -> bool {
        !self.kind.needs_verification() || self.verified
    }
}

/// A network of organisations over an area (a set of places).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Network {
    /// Store id.
    pub id: i64,
    /// URL name: the portal lives at `/n/{slug}`.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Plain-text description.
    pub description: String,
    /// Fictitious demo record.
    pub demo: bool,
}

/// An API token as listed (the secret itself is never stored, only its hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiToken {
    /// Store id.
    pub id: i64,
    /// The organisation it acts for.
    pub org_id: i64,
    /// Name given by its creator ("ATS export").
    pub name: String,
    /// What it may do.
    pub scopes: Vec<Scope>,
    /// Creation.
    pub created_at: DateTime<Utc>,
    /// Revocation; a revoked token is refused.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Something worth recording: who did what, when, from where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Store id (0 before it is stored).
    pub id: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// The signed-in user, if any.
    pub actor_user_id: Option<i64>,
    /// The API token, if any.
    pub actor_token_id: Option<i64>,
    /// What, e.g. `login`, `login_failed`, `role_changed`, `token_created`,
    /// `job_published` (see the web layer's audit module for the list).
    pub action: String,
    /// The organisation concerned.
    pub org_id: Option<i64>,
    /// The record concerned, e.g. `job:42`, `user:7`, `token:3`.
    pub target: String,
    /// Free detail, e.g. the new role; never a secret.
    pub detail: String,
    /// Client address.
    pub ip: Option<String>,
}

impl AuditEntry {
    /// An entry made now, without actor or address (set those for a request; the
    /// operator's shell has none).
    pub fn new(action: &str, org_id: Option<i64>, target: String, detail: String) -> Self {
        Self {
            id: 0,
            at: Utc::now(),
            actor_user_id: None,
            actor_token_id: None,
            action: action.to_string(),
            org_id,
            target,
            detail,
            ip: None,
        }
    }
}

/// Normalises an e-mail address for use as a login name (trimmed, lower-cased) and
/// checks its form.
pub fn normalize_email(field: &str, raw: &str) -> Result<String, ValidationError> {
    let e = raw.trim().to_lowercase();
    if e.is_empty() {
        return Err(ValidationError::new(field, "enter an e-mail address"));
    }
    if e.chars().count() > 254 {
        return Err(ValidationError::new(
            field,
            "an e-mail address has at most 254 characters",
        ));
    }
    text::check_email(field, &e)?;
    Ok(e)
}

/// Shortest password accepted (OWASP ASVS 4.0 2.1.1: at least 12 characters).
pub const PASSWORD_MIN_CHARS: usize = 12;
/// Longest password accepted (ASVS 2.1.2 allows at least 64; more is hashing cost only).
pub const PASSWORD_MAX_CHARS: usize = 128;

/// Checks a new password: length only, no composition rules (ASVS 2.1.9), every
/// character allowed, spaces included (ASVS 2.1.4).
pub fn check_password(field: &str, password: &str) -> Result<(), ValidationError> {
    let n = password.chars().count();
    if n < PASSWORD_MIN_CHARS {
        return Err(ValidationError::new(
            field,
            format!("use at least {PASSWORD_MIN_CHARS} characters"),
        ));
    }
    if n > PASSWORD_MAX_CHARS {
        return Err(ValidationError::new(
            field,
            format!("use at most {PASSWORD_MAX_CHARS} characters"),
        ));
    }
    Ok(())
}

/// Checks a network slug: 2–40 of `a-z`, `0-9` and `-`.
pub fn check_slug(field: &str, slug: &str) -> Result<(), ValidationError> {
    let ok = (2..=40).contains(&slug.len())
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if ok {
        Ok(())
    } else {
        Err(ValidationError::new(
            field,
            "use 2 to 40 lower-case letters, digits and hyphens",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_folded_and_checked() {
        assert_eq!(
            normalize_email("email", "  Anna.Schmidt@Example.DE ").unwrap(),
            "anna.schmidt@example.de"
        );
        assert!(normalize_email("email", "no-at-sign").is_err());
        assert!(normalize_email("email", "").is_err());
    }

    #[test]
    fn passwords_need_length_not_composition() {
        assert!(check_password("password", "short").is_err());
        assert!(check_password("password", "eleven char").is_err());
        assert!(check_password("password", "zwölf zeichen").is_ok());
        assert!(check_password("password", &"x".repeat(129)).is_err());
    }

    #[test]
    fn only_non_employers_wait_for_verification() {
        let m = |kind, verified| Membership {
            org_id: 1,
            org_name: "x".into(),
            kind,
            verified,
            role: Role::Admin,
            place_id: 2830085,
        };
        assert!(m(OrgKind::Employer, false).kind_rights());
        assert!(!m(OrgKind::Municipality, false).kind_rights());
        assert!(m(OrgKind::Municipality, true).kind_rights());
        assert_eq!(OrgKind::ALL.len(), 16);
        assert_eq!(Scope::parse("jobs:write"), Some(Scope::JobsWrite));
    }
}
