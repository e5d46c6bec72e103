//! Issuing secrets: one-time links and API tokens. The secret is handed out once — in a
//! mail, on a page, on the operator's terminal — and the store keeps only its SHA-256.
//! The pages and the operator CLI both issue through here.

use super::crypto::{random_token, sha256_hex};
use bleibe_domain::{ApiToken, Role, Scope};
use bleibe_store::accounts::{Accounts, OneTime, OneTimePurpose};
use bleibe_store::StoreResult;
use chrono::{Duration, Utc};

/// What every API token starts with, so that secret scanners and people recognise one.
pub const API_TOKEN_PREFIX: &str = "bleibe_";

/// What a one-time link is for, and for whom.
#[derive(Debug, Clone)]
pub struct LinkFor {
    /// Its purpose.
    pub purpose: OneTimePurpose,
    /// The account it is for, if there is one.
    pub user_id: Option<i64>,
    /// The address it was sent to.
    pub email: Option<String>,
    /// For an invitation: the organisation and the role offered.
    pub invite: Option<(i64, Role)>,
    /// How long it stays valid.
    pub valid: Duration,
}

/// Stores a new one-time link; returns its token (the last segment of the URL).
pub async fn one_time_link<S: Accounts + ?Sized>(store: &S, link: LinkFor) -> StoreResult<String> {
    let token = random_token();
    store
        .create_one_time(&OneTime {
            token_hash: sha256_hex(token.as_bytes()),
            purpose: link.purpose,
            user_id: link.user_id,
            email: link.email,
            org_id: link.invite.map(|i| i.0),
            role: link.invite.map(|i| i.1),
            expires_at: Utc::now() + link.valid,
        })
        .await?;
    Ok(token)
}

/// Creates an API token for an organisation; returns the secret (to show once) and the
/// stored token.
pub async fn api_token<S: Accounts + ?Sized>(
    store: &S,
    org_id: i64,
    name: &str,
    scopes: &[Scope],
    created_by: Option<i64>,
) -> StoreResult<(String, ApiToken)> {
    let secret = format!("{API_TOKEN_PREFIX}{}", random_token());
    let stored = store
        .create_api_token(
            org_id,
            name,
            &sha256_hex(secret.as_bytes()),
            scopes,
            created_by,
        )
        .await?;
    Ok((secret, stored))
}
