//! Accounts in the store: users (with their TOTP settings), memberships, networks,
//! sessions, one-time links, API tokens, login failures, the audit log and stored files.
//!
//! The SQL is the same on every backend (the tables are declared so that they decode
//! alike), so it is written once, in [`impl_accounts!`](crate::impl_accounts), which each backend expands for
//! its own store type. None of these writes touch jobs, so none appends to the change
//! log.

use async_trait::async_trait;
use bleibe_domain::{ApiToken, AuditEntry, Membership, Network, NewUser, Role, Scope, User};
use chrono::{DateTime, Utc};

use crate::StoreResult;

/// A session as stored: the cookie value's SHA-256, never the value itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// Hex SHA-256 of the cookie value.
    pub id_hash: String,
    /// The user.
    pub user_id: i64,
    /// The CSRF token every form of this session carries.
    pub csrf_token: String,
    /// Start.
    pub created_at: DateTime<Utc>,
    /// End: after this the session is refused.
    pub expires_at: DateTime<Utc>,
    /// When the user confirmed this session with a code from their authenticator app;
    /// `None` for a session signed in with the password alone.
    pub second_factor_at: Option<DateTime<Utc>>,
}

/// A user's TOTP settings as stored (see [`bleibe_domain::totp`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TotpState {
    /// The secret, base32: set while TOTP is being set up or is on.
    pub secret: Option<String>,
    /// When a first code confirmed the secret; `None` while it is only being set up.
    pub enabled_at: Option<DateTime<Utc>>,
    /// The time step of the last code accepted: no code of it or an earlier step is
    /// accepted again.
    pub last_step: Option<i64>,
}

/// What a one-time link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OneTimePurpose {
    /// Confirm the e-mail address given at sign-up.
    VerifyEmail,
    /// Set a new password after "forgot password" (or a first one, for accounts an
    /// operator created).
    ResetPassword,
    /// Join an organisation.
    Invite,
}

impl OneTimePurpose {
    /// Name as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            OneTimePurpose::VerifyEmail => "verify_email",
            OneTimePurpose::ResetPassword => "reset_password",
            OneTimePurpose::Invite => "invite",
        }
    }
}

/// A one-time link as stored: the token's SHA-256, never the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneTime {
    /// Hex SHA-256 of the token in the link.
    pub token_hash: String,
    /// What it is for.
    pub purpose: OneTimePurpose,
    /// The account it is for (none for an invitation of someone without one).
    pub user_id: Option<i64>,
    /// The invited address.
    pub email: Option<String>,
    /// The organisation of an invitation.
    pub org_id: Option<i64>,
    /// The role of an invitation.
    pub role: Option<Role>,
    /// End of validity.
    pub expires_at: DateTime<Utc>,
}

/// A network to be created.
#[derive(Debug, Clone, PartialEq)]
pub struct NewNetwork {
    /// URL name.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Plain-text description.
    pub description: String,
    /// Its area.
    pub place_ids: Vec<i64>,
    /// Member organisations.
    pub org_ids: Vec<i64>,
    /// Fictitious demo record.
    pub demo: bool,
}

/// A stored file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Blob {
    /// Store id.
    pub id: i64,
    /// MIME type, checked at upload.
    pub content_type: String,
    /// Hex SHA-256 of `data`.
    pub sha256: String,
    /// The bytes.
    pub data: Vec<u8>,
}

/// Account storage. Every backend implements it with [`impl_accounts!`](crate::impl_accounts) and passes the
/// accounts part of the conformance suite.
#[async_trait]
pub trait Accounts: Send + Sync {
    /// Creates a user; `Conflict` when the e-mail address is taken.
    async fn create_user(&self, user: &NewUser) -> StoreResult<User>;
    /// One user.
    async fn user(&self, id: i64) -> StoreResult<Option<User>>;
    /// One user by (normalised) e-mail address.
    async fn user_by_email(&self, email: &str) -> StoreResult<Option<User>>;
    /// The user's password hash, `None` when none is set.
    async fn password_hash(&self, user_id: i64) -> StoreResult<Option<String>>;
    /// Sets the password hash.
    async fn set_password_hash(&self, user_id: i64, hash: &str) -> StoreResult<()>;
    /// Records that the user confirmed their e-mail address (keeps the first time).
    async fn mark_email_verified(&self, user_id: i64, at: DateTime<Utc>) -> StoreResult<()>;
    /// Sets the platform-admin flag.
    async fn set_platform_admin(&self, user_id: i64, admin: bool) -> StoreResult<()>;

    /// Marks an organisation verified (or not).
    async fn set_verified(&self, org_id: i64, verified: bool) -> StoreResult<()>;
    /// Sets or clears an organisation's logo.
    async fn set_logo(&self, org_id: i64, blob_id: Option<i64>) -> StoreResult<()>;
    /// The user's memberships, by organisation name.
    async fn memberships(&self, user_id: i64) -> StoreResult<Vec<Membership>>;
    /// An organisation's members and their roles, by name.
    async fn members(&self, org_id: i64) -> StoreResult<Vec<(User, Role)>>;
    /// Gives `user_id` the `role` in `org_id` (joining if not yet a member).
    async fn set_role(&self, org_id: i64, user_id: i64, role: Role) -> StoreResult<()>;
    /// Removes a member; `NotFound` when not a member.
    async fn remove_member(&self, org_id: i64, user_id: i64) -> StoreResult<()>;

    /// Creates a network with its places and member organisations; `Conflict` when the
    /// slug is taken.
    async fn create_network(&self, network: &NewNetwork) -> StoreResult<Network>;
    /// Every network, by name.
    async fn networks(&self) -> StoreResult<Vec<Network>>;
    /// One network.
    async fn network(&self, id: i64) -> StoreResult<Option<Network>>;
    /// One network by slug.
    async fn network_by_slug(&self, slug: &str) -> StoreResult<Option<Network>>;
    /// The places of a network's area.
    async fn network_places(&self, network_id: i64) -> StoreResult<Vec<i64>>;
    /// A network's member organisations.
    async fn network_orgs(&self, network_id: i64) -> StoreResult<Vec<i64>>;
    /// Adds a member organisation (no-op when already a member).
    async fn add_network_org(&self, network_id: i64, org_id: i64) -> StoreResult<()>;
    /// Makes a user an admin of a network (no-op when already one).
    async fn add_network_admin(&self, network_id: i64, user_id: i64) -> StoreResult<()>;
    /// The networks a user administers.
    async fn admin_networks(&self, user_id: i64) -> StoreResult<Vec<i64>>;

    /// Stores a new session.
    async fn create_session(&self, session: &Session) -> StoreResult<()>;
    /// A session that has not expired at `now`.
    async fn session(&self, id_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<Session>>;
    /// Ends a session.
    async fn delete_session(&self, id_hash: &str) -> StoreResult<()>;
    /// Ends every session of a user but `keep` (after a password change or reset).
    async fn delete_user_sessions(&self, user_id: i64, keep: Option<&str>) -> StoreResult<()>;
    /// Records that the session was confirmed with a second factor at `at`; `NotFound`
    /// when there is no such session.
    async fn confirm_session_second_factor(
        &self,
        id_hash: &str,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;

    /// The user's TOTP settings; `None` for an unknown user.
    async fn totp_state(&self, user_id: i64) -> StoreResult<Option<TotpState>>;
    /// Sets (or with `None` clears) the secret of a TOTP set-up that is not confirmed
    /// yet, forgetting the last step used. `Conflict` while TOTP is on (it must be turned
    /// off first, with a code), `NotFound` for an unknown user.
    async fn set_totp_secret(&self, user_id: i64, secret: Option<&str>) -> StoreResult<()>;
    /// Turns TOTP on at `at`, if the pending secret is still `secret` (a set-up started
    /// again in another tab must not be turned on by the first tab's code). `false` when
    /// nothing changed (another secret, none, or on already).
    async fn enable_totp(&self, user_id: i64, secret: &str, at: DateTime<Utc>)
        -> StoreResult<bool>;
    /// Turns TOTP off: secret, time and last step are cleared, and the user's sessions
    /// are no longer confirmed with a second factor. No-op when it is off.
    async fn disable_totp(&self, user_id: i64) -> StoreResult<()>;
    /// Records `step` as the last one used with `secret`, atomically and only when it is
    /// later than the one recorded: of two concurrent uses of one code only one gets
    /// `true`. `false` too when the secret has changed meanwhile.
    async fn record_totp_step(&self, user_id: i64, secret: &str, step: i64) -> StoreResult<bool>;

    /// Stores a one-time link.
    async fn create_one_time(&self, token: &OneTime) -> StoreResult<()>;
    /// Looks at a one-time link without using it: `Some` when it exists, has this
    /// purpose, is unused and has not expired at `now` (to show an invitation before it
    /// is accepted).
    async fn one_time(
        &self,
        token_hash: &str,
        purpose: OneTimePurpose,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<OneTime>>;
    /// Uses a one-time link: returns it and marks it used, atomically, when it exists,
    /// has this purpose, is unused and has not expired at `now`; otherwise `None`.
    async fn consume_one_time(
        &self,
        token_hash: &str,
        purpose: OneTimePurpose,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<OneTime>>;

    /// Stores a new API token (its hash) for an organisation.
    async fn create_api_token(
        &self,
        org_id: i64,
        name: &str,
        token_hash: &str,
        scopes: &[Scope],
        created_by: Option<i64>,
    ) -> StoreResult<ApiToken>;
    /// The token with this hash, revoked or not.
    async fn api_token_by_hash(&self, token_hash: &str) -> StoreResult<Option<ApiToken>>;
    /// An organisation's tokens, newest first.
    async fn api_tokens(&self, org_id: i64) -> StoreResult<Vec<ApiToken>>;
    /// Revokes a token of the organisation; `NotFound` when there is no such token.
    async fn revoke_api_token(&self, org_id: i64, id: i64, at: DateTime<Utc>) -> StoreResult<()>;

    /// Records a failed sign-in under `key` (`account:<email>`, `ip:<address>`).
    async fn record_login_failure(&self, key: &str, at: DateTime<Utc>) -> StoreResult<()>;
    /// The failures under `key` since `since`, oldest first.
    async fn login_failures_since(
        &self,
        key: &str,
        since: DateTime<Utc>,
    ) -> StoreResult<Vec<DateTime<Utc>>>;
    /// Forgets the failures under `key` (after a successful sign-in).
    async fn clear_login_failures(&self, key: &str) -> StoreResult<()>;

    /// Appends to the audit log.
    async fn audit(&self, entry: &AuditEntry) -> StoreResult<()>;
    /// Audit entries newest first, with id below `before` when given.
    async fn audit_log(&self, before: Option<i64>, limit: i64) -> StoreResult<Vec<AuditEntry>>;

    /// Stores a file; returns its id.
    async fn put_blob(&self, content_type: &str, sha256: &str, data: &[u8]) -> StoreResult<i64>;
    /// One stored file.
    async fn blob(&self, id: i64) -> StoreResult<Option<Blob>>;
}

/// `t` at the precision every backend stores: whole microseconds (PostgreSQL's
/// `timestamptz`, and the backup format), truncated as PostgreSQL truncates. Backends
/// pass every instant they write or compare through it, so that SQLite, which would keep
/// nanoseconds, reads back what PostgreSQL does and a restored backup equals its source.
pub fn micros(t: DateTime<Utc>) -> DateTime<Utc> {
    use chrono::SubsecRound;
    t.trunc_subsecs(6)
}

/// Now, in whole microseconds (see [`micros`]).
pub fn now_micros() -> DateTime<Utc> {
    micros(Utc::now())
}

/// Splits the stored form of a token's scopes; unknown names are dropped (a scope
/// removed from a later version grants nothing).
pub fn parse_scopes(s: &str) -> Vec<Scope> {
    s.split(' ').filter_map(Scope::parse).collect()
}

/// Joins scopes for storage.
pub fn join_scopes(scopes: &[Scope]) -> String {
    scopes
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Implements [`Accounts`] for a backend's store type (with its row type), which must have a field `pool`
/// (an `sqlx::Pool`) and a function `db_err(sqlx::Error) -> StoreError` in scope. The
/// statements use `$n` parameters, which both SQLite and PostgreSQL accept.
#[macro_export]
macro_rules! impl_accounts {
    ($store:ty, $row:ty) => {
        mod accounts_sql {
            use super::db_err;
            use bleibe_domain::{
                ApiToken, AuditEntry, Membership, Network, NewUser, OrgKind, Role, Scope, User,
            };
            use bleibe_store::accounts::{
                join_scopes, micros, now_micros, parse_scopes, Blob, NewNetwork, OneTime,
                OneTimePurpose, Session, TotpState,
            };
            use bleibe_store::{StoreError, StoreResult};
            use chrono::{DateTime, Utc};
            use sqlx::Row;

            const USER_COLUMNS: &str =
                "u.id, u.email, u.display_name, u.language, u.platform_admin, u.email_verified_at, u.created_at, \
                 u.totp_enabled_at";

            fn decode<T>(r: Result<T, sqlx::Error>) -> StoreResult<T> {
                r.map_err(db_err)
            }

            pub(super) fn user(r: &$row) -> StoreResult<User> {
                Ok(User {
                    id: decode(r.try_get("id"))?,
                    email: decode(r.try_get("email"))?,
                    display_name: decode(r.try_get("display_name"))?,
                    language: decode(r.try_get("language"))?,
                    platform_admin: decode(r.try_get("platform_admin"))?,
                    email_verified_at: decode(r.try_get("email_verified_at"))?,
                    created_at: decode(r.try_get("created_at"))?,
                    totp_enabled_at: decode(r.try_get("totp_enabled_at"))?,
                })
            }

            fn network(r: &$row) -> StoreResult<Network> {
                Ok(Network {
                    id: decode(r.try_get("id"))?,
                    slug: decode(r.try_get("slug"))?,
                    name: decode(r.try_get("name"))?,
                    description: decode(r.try_get("description"))?,
                    demo: decode(r.try_get("demo"))?,
                })
            }

            fn token(r: &$row) -> StoreResult<ApiToken> {
                let scopes: String = decode(r.try_get("scopes"))?;
                Ok(ApiToken {
                    id: decode(r.try_get("id"))?,
                    org_id: decode(r.try_get("org_id"))?,
                    name: decode(r.try_get("name"))?,
                    scopes: parse_scopes(&scopes),
                    created_at: decode(r.try_get("created_at"))?,
                    revoked_at: decode(r.try_get("revoked_at"))?,
                })
            }

            fn role(s: &str) -> StoreResult<Role> {
                Role::parse(s).ok_or_else(|| StoreError::Database(format!("unknown role {s:?}")))
            }

            const ONE_TIME_COLUMNS: &str = "token_hash, user_id, email, org_id, role, expires_at";

            fn one_time(r: &$row, purpose: OneTimePurpose) -> StoreResult<OneTime> {
                let role_name: Option<String> = decode(r.try_get("role"))?;
                Ok(OneTime {
                    token_hash: decode(r.try_get("token_hash"))?,
                    purpose,
                    user_id: decode(r.try_get("user_id"))?,
                    email: decode(r.try_get("email"))?,
                    org_id: decode(r.try_get("org_id"))?,
                    role: role_name.as_deref().map(role).transpose()?,
                    expires_at: decode(r.try_get("expires_at"))?,
                })
            }

            const NETWORK_COLUMNS: &str = "id, slug, name, description, demo";
            const TOKEN_COLUMNS: &str = "id, org_id, name, scopes, created_at, revoked_at";

            #[async_trait::async_trait]
            impl bleibe_store::Accounts for $store {
                async fn create_user(&self, u: &NewUser) -> StoreResult<User> {
                    let now = now_micros();
                    let row = sqlx::query(&format!(
                        "INSERT INTO users (email, display_name, password_hash, language, platform_admin, email_verified_at, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {}",
                        USER_COLUMNS.replace("u.", "")
                    ))
                    .bind(&u.email)
                    .bind(&u.display_name)
                    .bind(&u.password_hash)
                    .bind(&u.language)
                    .bind(u.platform_admin)
                    .bind(u.email_verified.then_some(now))
                    .bind(now)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_err)?;
                    user(&row)
                }

                async fn user(&self, id: i64) -> StoreResult<Option<User>> {
                    let row = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users u WHERE u.id = $1"))
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db_err)?;
                    row.as_ref().map(user).transpose()
                }

                async fn user_by_email(&self, email: &str) -> StoreResult<Option<User>> {
                    let row = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users u WHERE u.email = $1"))
                        .bind(email)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db_err)?;
                    row.as_ref().map(user).transpose()
                }

                async fn password_hash(&self, user_id: i64) -> StoreResult<Option<String>> {
                    let hash: Option<Option<String>> =
                        sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
                            .bind(user_id)
                            .fetch_optional(&self.pool)
                            .await
                            .map_err(db_err)?;
                    Ok(hash.flatten())
                }

                async fn set_password_hash(&self, user_id: i64, hash: &str) -> StoreResult<()> {
                    let done = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
                        .bind(hash)
                        .bind(user_id)
                        .execute(&self.pool)
                        .await
                        .map_err(db_err)?;
                    found(done.rows_affected(), "user")
                }

                async fn mark_email_verified(&self, user_id: i64, at: DateTime<Utc>) -> StoreResult<()> {
                    sqlx::query("UPDATE users SET email_verified_at = $1 WHERE id = $2 AND email_verified_at IS NULL")
                        .bind(micros(at))
                        .bind(user_id)
                        .execute(&self.pool)
                        .await
                        .map_err(db_err)?;
                    Ok(())
                }

                async fn set_platform_admin(&self, user_id: i64, admin: bool) -> StoreResult<()> {
                    let done = sqlx::query("UPDATE users SET platform_admin = $1 WHERE id = $2")
                        .bind(admin)
                        .bind(user_id)
                        .execute(&self.pool)
                        .await
                        .map_err(db_err)?;
                    found(done.rows_affected(), "user")
                }

                async fn set_verified(&self, org_id: i64, verified: bool) -> StoreResult<()> {
                    let done = sqlx::query("UPDATE employers SET verified = $1 WHERE id = $2")
                        .bind(verified)
                        .bind(org_id)
                        .execute(&self.pool)
                        .await
                        .map_err(db_err)?;
                    found(done.rows_affected(), "organisation")
                }

                async fn set_logo(&self, org_id: i64, blob_id: Option<i64>) -> StoreResult<()> {
                    let done = sqlx::query("UPDATE employers SET logo_blob_id = $1 WHERE id = $2")
                        .bind(blob_id)
                        .bind(org_id)
                        .execute(&self.pool)
                        .await
                        .map_err(db_err)?;
                    found(done.rows_affected(), "organisation")
                }

                async fn memberships(&self, user_id: i64) -> StoreResult<Vec<Membership>> {
                    let rows = sqlx::query(
                        "SELECT m.org_id, e.name, e.kind, e.verified, m.role, e.place_id FROM memberships m \
                         JOIN employers e ON e.id = m.org_id WHERE m.user_id = $1 ORDER BY e.name, e.id",
                    )
                    .bind(user_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                    rows.iter()
                        .map(|r| {
                            let kind: String = decode(r.try_get("kind"))?;
                            let role_name: String = decode(r.try_get("role"))?;
                            Ok(Membership {
                                org_id: decode(r.try_get("org_id"))?,
                                org_name: decode(r.try_get("name"))?,
                                kind: OrgKind::parse(&kind).unwrap_or(OrgKind::Other),
                                verified: decode(r.try_get("verified"))?,
                                role: role(&role_name)?,
                                place_id: decode(r.try_get("place_id"))?,
                            })
                        })
                        .collect()
                }

                async fn members(&self, org_id: i64) -> StoreResult<Vec<(User, Role)>> {
                    let rows = sqlx::query(&format!(
                        "SELECT {USER_COLUMNS}, m.role FROM memberships m JOIN users u ON u.id = m.user_id \
                         WHERE m.org_id = $1 ORDER BY u.display_name, u.id"
                    ))
                    .bind(org_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                    rows.iter()
                        .map(|r| {
                            let role_name: String = decode(r.try_get("role"))?;
                            Ok((user(r)?, role(&role_name)?))
                        })
                        .collect()
                }

                async fn set_role(&self, org_id: i64, user_id: i64, role: Role) -> StoreResult<()> {
                    sqlx::query(
                        "INSERT INTO memberships (org_id, user_id, role, created_at) VALUES ($1, $2, $3, $4) \
                         ON CONFLICT (org_id, user_id) DO UPDATE SET role = excluded.role",
                    )
                    .bind(org_id)
                    .bind(user_id)
                    .bind(role.as_str())
                    .bind(now_micros())
                    .execute(&self.pool)
                    .await
                    .map_err(db_err)?;
                    Ok(())
                }

                async fn remove_member(&self, org_id: i64, user_id: i64) -> StoreResult<()> {
                    let done = sqlx::query("DELETE FROM memberships WHERE org_id = $1 AND user_id = $2")
                        .bind(org_id)
                        .bind(user_id)
                        .execute(&self.pool)
                        .await
                        .map_err(db_err)?;
                    found(done.rows_affected(), "membership")
                }

                async fn create_network(&self, n: &NewNetwork) -> StoreResult<Network> {
                    let mut tx = self.pool.begin().await.map_err(db_err)?;
                    let row = sqlx::query(&format!(
                        "INSERT INTO networks (slug, name, description, demo, created_at) VALUES ($1, $2, $3, $4, $5) \
                         RETURNING {NETWORK_COLUMNS}"
                    ))
                    .bind(&n.slug)
                    .bind(&n.name)
                    .bind(&n.description)
                    .bind(n.demo)
                    .bind(now_micros())
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(db_err)?;
                    let created = network(&row)?;
                    for place in &n.place_ids {
                        sqlx::query("INSERT INTO network_places (network_id, place_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                            .bind(created.id)
                            .bind(place)
                            .execute(&mut *tx)
                            .await
                            .map_err(db_err)?;
                    }
                    for org in &n.org_ids {
                        sqlx::query("INSERT INTO network_orgs (network_id, org_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                            .bind(created.id)
                            .bind(org)
                            .execute(&mut *tx)
                            .await
                            .map_err(db_err)?;
                    }
                    tx.commit().await.map_err(db_err)?;
                    Ok(created)
                }

                async fn networks(&self) -> StoreResult<Vec<Network>> {
                    let rows = sqlx::query(&format!("SELECT {NETWORK_COLUMNS} FROM networks ORDER BY name, id"))
                        .fetch_all(&self.pool)
                        .await
                        .map_err(db_err)?;
                    rows.iter().map(network).collect()
                }

                async fn network(&self, id: i64) -> StoreResult<Option<Network>> {
                    let row = sqlx::query(&format!("SELECT {NETWORK_COLUMNS} FROM networks WHERE id = $1"))
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db_err)?;
                    row.as_ref().map(network).transpose()
                }

                async fn network_by_slug(&self, slug: &str) -> StoreResult<Option<Network>> {
                    let row = sqlx::query(&format!("SELECT {NETWORK_COLUMNS} FROM networks WHERE slug = $1"))
                        .bind(slug)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db_err)?;
                    row.as_ref().map(network).transpose()
                }

                async fn network_places(&self, network_id: i64) -> StoreResult<Vec<i64>> {
                    sqlx::query_scalar("SELECT place_id FROM network_places WHERE network_id = $1 ORDER BY place_id")
                        .bind(network_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(db_err)
                }

                async fn network_orgs(&self, network_id: i64) -> StoreResult<Vec<i64>> {
                    sqlx::query_scalar("SELECT org_id FROM network_orgs WHERE network_id = $1 ORDER BY org_id")
                        .bind(network_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(db_err)
                }

                async fn add_network_org(&self, network_id: i64, org_id: i64) -> StoreResult<()> {
                    sqlx::query("INSERT INTO network_orgs (network_id, org_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                        .bind(network_id)
                        .bind(org_id)
                        .execute(&self.pool)
                        .await
                        .map_err(db_err)?;
                    Ok(())
                }

                async fn add_network_admin(&self, network_id: i64, user_id: i64) -> StoreResult<()> {
                    sqlx::query("INSERT INTO network_admins (network_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                        .bind(network_id)
                        .bind(user_id)
                        .execute(&self.pool)
                        .await
                        .map_err(db_err)?;
                    Ok(())
                }

                async fn admin_networks(&self, user_id: i64) -> StoreResult<Vec<i64>> {
                    sqlx::query_scalar("SELECT network_id FROM network_admins WHERE user_id = $1 ORDER BY network_id")
                        .bind(user_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(db_err)
                }

                async fn create_session(&self, s: &Session) -> StoreResult<()> {
                    sqlx::query(
                        "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at, second_factor_at) \
                         VALUES ($1, $2, $3, $4, $5, $6)",
                    )
                    .bind(&s.id_hash)
                    .bind(s.user_id)
                    .bind(&s.csrf_token)
                    .bind(micros(s.created_at))
                    .bind(micros(s.expires_at))
                    .bind(s.second_factor_at.map(micros))
                    .execute(&self.pool)
                    .await
                    .map_err(db_err)?;
                    Ok(())
                }

                async fn session(&self, id_hash: &str, now: DateTime<Utc>) -> StoreResult<Option<Session>> {
                    let now = micros(now);
                    let row = sqlx::query(
                        "SELECT id_hash, user_id, csrf_token, created_at, expires_at, second_factor_at FROM sessions \
                         WHERE id_hash = $1 AND expires_at > $2",
                    )
                    .bind(id_hash)
                    .bind(now)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db_err)?;
                    row.map(|r| {
                        Ok(Session {
                            id_hash: decode(r.try_get("id_hash"))?,
                            user_id: decode(r.try_get("user_id"))?,
                            csrf_token: decode(r.try_get("csrf_token"))?,
                            created_at: decode(r.try_get("created_at"))?,
                            expires_at: decode(r.try_get("expires_at"))?,
                            second_factor_at: decode(r.try_get("second_factor_at"))?,
                        })
                    })
                    .transpose()
                }

                async fn delete_session(&self, id_hash: &str) -> StoreResult<()> {
                    sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
                        .bind(id_hash)
                        .execute(&self.pool)
                        .await
                        .map_err(db_err)?;
                    Ok(())
                }

                async fn delete_user_sessions(&self, user_id: i64, keep: Option<&str>) -> StoreResult<()> {
                    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2")
                        .bind(user_id)
                        .bind(keep.unwrap_or(""))
                        .execute(&self.pool)
                        .await
                        .map_err(db_err)?;
                    Ok(())
                }

                async fn confirm_session_second_factor(&self, id_hash: &str, at: DateTime<Utc>) -> StoreResult<()> {
                    let done = sqlx::query("UPDATE sessions SET second_factor_at = $1 WHERE id_hash = $2")
                        .bind(micros(at))
                        .bind(id_hash)
                        .execute(&self.pool)
                        .await
                        .map_err(db_err)?;
                    found(done.rows_affected(), "session")
                }

                async fn totp_state(&self, user_id: i64) -> StoreResult<Option<TotpState>> {
                    let row = sqlx::query(
                        "SELECT totp_secret, totp_enabled_at, totp_last_step FROM users WHERE id = $1",
                    )
                    .bind(user_id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db_err)?;
                    row.map(|r| {
                        Ok(TotpState {
                            secret: decode(r.try_get("totp_secret"))?,
                            enabled_at: decode(r.try_get("totp_enabled_at"))?,
                            last_step: decode(r.try_get("totp_last_step"))?,
                        })
                    })
                    .transpose()
                }

                async fn set_totp_secret(&self, user_id: i64, secret: Option<&str>) -> StoreResult<()> {
                    // Never while TOTP is on: replacing the secret would let a session
                    // move the second factor to another app without a code.
                    let done = sqlx::query(
                        "UPDATE users SET totp_secret = $1, totp_last_step = NULL \
                         WHERE id = $2 AND totp_enabled_at IS NULL",
                    )
                    .bind(secret)
                    .bind(user_id)
                    .execute(&self.pool)
                    .await
                    .map_err(db_err)?;
                    if done.rows_affected() > 0 {
                        return Ok(());
                    }
                    match bleibe_store::Accounts::user(self, user_id).await? {
                        Some(_) => Err(StoreError::Conflict("two-factor sign-in is on".into())),
                        None => Err(StoreError::NotFound("user".into())),
                    }
                }

                async fn enable_totp(&self, user_id: i64, secret: &str, at: DateTime<Utc>) -> StoreResult<bool> {
                    let done = sqlx::query(
                        "UPDATE users SET totp_enabled_at = $1 \
                         WHERE id = $2 AND totp_secret = $3 AND totp_enabled_at IS NULL",
                    )
                    .bind(micros(at))
                    .bind(user_id)
                    .bind(secret)
                    .execute(&self.pool)
                    .await
                    .map_err(db_err)?;
                    Ok(done.rows_affected() > 0)
                }

                async fn disable_totp(&self, user_id: i64) -> StoreResult<()> {
                    // Sessions first: should the second statement fail, no session is
                    // left counting a factor that is gone.
                    sqlx::query("UPDATE sessions SET second_factor_at = NULL WHERE user_id = $1")
                        .bind(user_id)
                        .execute(&self.pool)
                        .await
                        .map_err(db_err)?;
                    sqlx::query(
                        "UPDATE users SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL \
                         WHERE id = $1",
                    )
                    .bind(user_id)
                    .execute(&self.pool)
                    .await
                    .map_err(db_err)?;
                    Ok(())
                }

                async fn record_totp_step(&self, user_id: i64, secret: &str, step: i64) -> StoreResult<bool> {
                    // One statement: of two requests with the same code, only the first
                    // to write sees a smaller (or no) last step.
                    let done = sqlx::query(
                        "UPDATE users SET totp_last_step = $1 \
                         WHERE id = $2 AND totp_secret = $3 AND (totp_last_step IS NULL OR totp_last_step < $1)",
                    )
                    .bind(step)
                    .bind(user_id)
                    .bind(secret)
                    .execute(&self.pool)
                    .await
                    .map_err(db_err)?;
                    Ok(done.rows_affected() > 0)
                }

                async fn create_one_time(&self, t: &OneTime) -> StoreResult<()> {
                    sqlx::query(
                        "INSERT INTO one_time_tokens (token_hash, purpose, user_id, email, org_id, role, created_at, expires_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    )
                    .bind(&t.token_hash)
                    .bind(t.purpose.as_str())
                    .bind(t.user_id)
                    .bind(&t.email)
                    .bind(t.org_id)
                    .bind(t.role.map(|r| r.as_str()))
                    .bind(now_micros())
                    .bind(micros(t.expires_at))
                    .execute(&self.pool)
                    .await
                    .map_err(db_err)?;
                    Ok(())
                }

                async fn one_time(
                    &self,
                    token_hash: &str,
                    purpose: OneTimePurpose,
                    now: DateTime<Utc>,
                ) -> StoreResult<Option<OneTime>> {
                    let row = sqlx::query(&format!(
                        "SELECT {ONE_TIME_COLUMNS} FROM one_time_tokens \
                         WHERE expires_at > $1 AND token_hash = $2 AND purpose = $3 AND used_at IS NULL"
                    ))
                    .bind(micros(now))
                    .bind(token_hash)
                    .bind(purpose.as_str())
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db_err)?;
                    row.map(|r| one_time(&r, purpose)).transpose()
                }

                async fn consume_one_time(
                    &self,
                    token_hash: &str,
                    purpose: OneTimePurpose,
                    now: DateTime<Utc>,
                ) -> StoreResult<Option<OneTime>> {
                    // One statement: two concurrent uses cannot both see it unused.
                    let row = sqlx::query(&format!(
                        "UPDATE one_time_tokens SET used_at = $1 \
                         WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at > $1 \
                         RETURNING {ONE_TIME_COLUMNS}"
                    ))
                    .bind(micros(now))
                    .bind(token_hash)
                    .bind(purpose.as_str())
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db_err)?;
                    row.map(|r| one_time(&r, purpose)).transpose()
                }

                async fn create_api_token(
                    &self,
                    org_id: i64,
                    name: &str,
                    token_hash: &str,
                    scopes: &[Scope],
                    created_by: Option<i64>,
                ) -> StoreResult<ApiToken> {
                    let row = sqlx::query(&format!(
                        "INSERT INTO api_tokens (org_id, name, token_hash, scopes, created_by, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6) RETURNING {TOKEN_COLUMNS}"
                    ))
                    .bind(org_id)
                    .bind(name)
                    .bind(token_hash)
                    .bind(join_scopes(scopes))
                    .bind(created_by)
                    .bind(now_micros())
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_err)?;
                    token(&row)
                }

                async fn api_token_by_hash(&self, token_hash: &str) -> StoreResult<Option<ApiToken>> {
                    let row = sqlx::query(&format!("SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE token_hash = $1"))
                        .bind(token_hash)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db_err)?;
                    row.as_ref().map(token).transpose()
                }

                async fn api_tokens(&self, org_id: i64) -> StoreResult<Vec<ApiToken>> {
                    let rows = sqlx::query(&format!(
                        "SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE org_id = $1 ORDER BY id DESC"
                    ))
                    .bind(org_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                    rows.iter().map(token).collect()
                }

                async fn revoke_api_token(&self, org_id: i64, id: i64, at: DateTime<Utc>) -> StoreResult<()> {
                    let done = sqlx::query(
                        "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2 AND org_id = $3",
                    )
                    .bind(micros(at))
                    .bind(id)
                    .bind(org_id)
                    .execute(&self.pool)
                    .await
                    .map_err(db_err)?;
                    found(done.rows_affected(), "token")
                }

                async fn record_login_failure(&self, key: &str, at: DateTime<Utc>) -> StoreResult<()> {
                    sqlx::query("INSERT INTO login_failures (key, at) VALUES ($1, $2)")
                        .bind(key)
                        .bind(micros(at))
                        .execute(&self.pool)
                        .await
                        .map_err(db_err)?;
                    Ok(())
                }

                async fn login_failures_since(
                    &self,
                    key: &str,
                    since: DateTime<Utc>,
                ) -> StoreResult<Vec<DateTime<Utc>>> {
                    sqlx::query_scalar("SELECT at FROM login_failures WHERE key = $1 AND at > $2 ORDER BY at")
                        .bind(key)
                        .bind(micros(since))
                        .fetch_all(&self.pool)
                        .await
                        .map_err(db_err)
                }

                async fn clear_login_failures(&self, key: &str) -> StoreResult<()> {
                    sqlx::query("DELETE FROM login_failures WHERE key = $1")
                        .bind(key)
                        .execute(&self.pool)
                        .await
                        .map_err(db_err)?;
                    Ok(())
                }

                async fn audit(&self, e: &AuditEntry) -> StoreResult<()> {
                    sqlx::query(
                        "INSERT INTO audit_log (at, actor_user_id, actor_token_id, action, org_id, target, detail, ip) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    )
                    .bind(micros(e.at))
                    .bind(e.actor_user_id)
                    .bind(e.actor_token_id)
                    .bind(&e.action)
                    .bind(e.org_id)
                    .bind(&e.target)
                    .bind(&e.detail)
                    .bind(&e.ip)
                    .execute(&self.pool)
                    .await
                    .map_err(db_err)?;
                    Ok(())
                }

                async fn audit_log(&self, before: Option<i64>, limit: i64) -> StoreResult<Vec<AuditEntry>> {
                    let rows = sqlx::query(
                        "SELECT id, at, actor_user_id, actor_token_id, action, org_id, target, detail, ip \
                         FROM audit_log WHERE id < $1 ORDER BY id DESC LIMIT $2",
                    )
                    .bind(before.unwrap_or(i64::MAX))
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                    rows.iter()
                        .map(|r| {
                            Ok(AuditEntry {
                                id: decode(r.try_get("id"))?,
                                at: decode(r.try_get("at"))?,
                                actor_user_id: decode(r.try_get("actor_user_id"))?,
                                actor_token_id: decode(r.try_get("actor_token_id"))?,
                                action: decode(r.try_get("action"))?,
                                org_id: decode(r.try_get("org_id"))?,
                                target: decode(r.try_get("target"))?,
                                detail: decode(r.try_get("detail"))?,
                                ip: decode(r.try_get("ip"))?,
                            })
                        })
                        .collect()
                }

                async fn put_blob(&self, content_type: &str, sha256: &str, data: &[u8]) -> StoreResult<i64> {
                    sqlx::query_scalar(
                        "INSERT INTO blobs (content_type, size, sha256, data, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                    )
                    .bind(content_type)
                    .bind(data.len() as i64)
                    .bind(sha256)
                    .bind(data)
                    .bind(now_micros())
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_err)
                }

                async fn blob(&self, id: i64) -> StoreResult<Option<Blob>> {
                    let row = sqlx::query("SELECT id, content_type, sha256, data FROM blobs WHERE id = $1")
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db_err)?;
                    row.map(|r| {
                        Ok(Blob {
                            id: decode(r.try_get("id"))?,
                            content_type: decode(r.try_get("content_type"))?,
                            sha256: decode(r.try_get("sha256"))?,
                            data: decode(r.try_get("data"))?,
                        })
                    })
                    .transpose()
                }
            }

            fn found(rows: u64, what: &str) -> StoreResult<()> {
                if rows == 0 {
                    Err(StoreError::NotFound(what.to_string()))
                } else {
                    Ok(())
                }
            }
        }
    };
}
