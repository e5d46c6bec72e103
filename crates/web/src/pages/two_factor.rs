//! Two-factor sign-in (TOTP): the second step of signing in, and the account page that
//! sets it up and turns it off. Codes are checked by [`crate::auth::totp`]: throttled
//! per user like passwords (5 wrong ones within 15 minutes, then 429) and each accepted
//! once.
//!
//! Setting up: `POST /account/two-factor/setup` stores a new secret (not yet in force)
//! and the page shows it (grouped for typing, as `otpauth://` link and as QR code); the
//! first right code turns TOTP on and confirms the current session; other sessions of
//! the account end. Turning it off needs a current code; an operator can reset it for a
//! lost phone (`bleibe user reset-two-factor`).

use super::account::{local_path, with_cookie};
use super::form::Errors;
use super::{chrome, html_status, parse_form, read_body, see_other};
use crate::auth::audit::{self, actions};
use crate::auth::{session, totp};
use crate::i18n::{Lang, Tr};
use crate::params::{encode, RawQuery};
use crate::policy::Caller;
use crate::problem::{AppError, TWO_FACTOR_PATH};
use crate::routes::Routes;
use crate::state::AppState;
use crate::views::Chrome;
use askama::Template;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use bleibe_domain::policy::Action;
use bleibe_domain::{totp as codes, User};
use bleibe_store::accounts::TotpState;
use bleibe_store::StoreError;
use chrono::Utc;
use serde::Deserialize;

/// The second step of signing in.
pub(crate) const SIGN_IN_PATH: &str = "/sign-in/two-factor";

/// The routes of this module.
pub(super) fn routes() -> Routes {
    Routes::new()
        .get(SIGN_IN_PATH, sign_in_form)
        .post(SIGN_IN_PATH, sign_in)
        .get(TWO_FACTOR_PATH, settings)
        .post("/account/two-factor/setup", setup)
        .post("/account/two-factor/confirm", confirm)
        .post("/account/two-factor/cancel", cancel)
        .post("/account/two-factor/disable", disable)
}

/// Where the password step sends a user with TOTP on, keeping where they were going.
pub(crate) fn sign_in_path(next: &str) -> String {
    match local_path(next) {
        Some(next) => format!("{SIGN_IN_PATH}?{}", encode(&[("next", next.to_string())])),
        None => SIGN_IN_PATH.to_string(),
    }
}

// ---------------------------------------------------------------------------------------
// View models
// ---------------------------------------------------------------------------------------

/// `/sign-in/two-factor`.
#[derive(Template)]
#[template(path = "account/two_factor_sign_in.html")]
pub(crate) struct SignInPage {
    chrome: Chrome,
    next: String,
    errors: Errors,
}

/// A set-up in progress: what the app needs.
pub(crate) struct Setup {
    /// The secret in groups of four, for typing in.
    secret: String,
    /// The `otpauth://` URI (a link that opens the app on a phone).
    uri: String,
    /// The QR code of the URI as a `data:` URI.
    qr: Option<String>,
}

/// `/account/two-factor`.
#[derive(Template)]
#[template(path = "account/two_factor.html")]
pub(crate) struct SettingsPage {
    chrome: Chrome,
    /// Since when it is on (formatted), if on.
    enabled_since: Option<String>,
    /// The set-up in progress, if any (and not on).
    setup: Option<Setup>,
    notice: Option<String>,
    errors: Errors,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct CodeForm {
    code: String,
    next: String,
}

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/// The message for a code that was refused: malformed, or wrong / used / too old.
fn code_error(tr: &Tr, code: &str) -> String {
    if codes::normalize_code(code).is_none() {
        tr.t("two-factor-error-format")
    } else {
        tr.t("two-factor-error-wrong")
    }
}

/// `Cache-Control: no-store` for pages that may show a secret.
fn no_store(mut res: Response) -> Response {
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// A date and time in the page language, UTC.
fn when(lang: Lang, t: chrono::DateTime<Utc>) -> String {
    match lang {
        Lang::De => t.format("%d.%m.%Y, %H:%M UTC").to_string(),
        Lang::En => t.format("%-d %b %Y, %H:%M UTC").to_string(),
    }
}

async fn totp_state(state: &AppState, user_id: i64) -> Result<TotpState, AppError> {
    state
        .store
        .totp_state(user_id)
        .await?
        .ok_or_else(AppError::unauthorized)
}

/// The settings page for `user` in its current state.
async fn settings_page(
    state: &AppState,
    user: &User,
    lang: Lang,
    chrome: Chrome,
    notice: Option<String>,
    errors: Errors,
) -> Result<SettingsPage, AppError> {
    let stored = totp_state(state, user.id).await?;
    let setup = match (&stored.secret, stored.enabled_at) {
        (Some(secret), None) => {
            let bytes = codes::base32_decode(secret).unwrap_or_default();
            let uri = codes::otpauth_uri(&state.config.site_name, &user.email, &bytes);
            Some(Setup {
                secret: codes::grouped(secret),
                qr: totp::qr_data_uri(&uri),
                uri,
            })
        }
        _ => None,
    };
    Ok(SettingsPage {
        chrome,
        enabled_since: stored.enabled_at.map(|t| when(lang, t)),
        setup,
        notice,
        errors,
    })
}

fn settings_chrome(state: &AppState, lang: Lang, req: &Request) -> Chrome {
    chrome(
        state,
        lang,
        req,
        "account",
        &lang.tr().t("two-factor-title"),
    )
}

/// The signed-in user (401 otherwise).
fn user_of(caller: &Caller) -> Result<User, AppError> {
    caller.ctx().user.clone().ok_or_else(AppError::unauthorized)
}

// ---------------------------------------------------------------------------------------
// Signing in: the second step
// ---------------------------------------------------------------------------------------

fn sign_in_page(
    state: &AppState,
    lang: Lang,
    req: &Request,
    next: &str,
    errors: Errors,
) -> SignInPage {
    SignInPage {
        chrome: chrome(
            state,
            lang,
            req,
            "login",
            &lang.tr().t("two-factor-sign-in-title"),
        ),
        next: local_path(next).unwrap_or("").to_string(),
        errors,
    }
}

/// `GET /sign-in/two-factor`: the code form while a sign-in waits for it; otherwise to
/// the sign-in form (or, signed in already, the account page).
async fn sign_in_form(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::Authenticate)?;
    let ctx = caller.ctx();
    if ctx.user.is_some() {
        return Ok(see_other("/account"));
    }
    if ctx.pending.is_none() {
        return Ok(see_other("/login"));
    }
    let query = RawQuery::parse(req.uri().query())?;
    let next = query.get("next").unwrap_or("").to_string();
    html_status(
        StatusCode::OK,
        sign_in_page(&state, lang, &req, &next, Errors::default()),
    )
}

/// `POST /sign-in/two-factor`: the right code finishes the sign-in with a new session
/// confirmed with a second factor; a wrong one counts as a failed sign-in.
async fn sign_in(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::Authenticate)?;
    let (req, body) = read_body(req).await?;
    let form: CodeForm = parse_form(&body)?;
    let ctx = caller.ctx();
    if ctx.user.is_some() {
        return Ok(see_other("/account"));
    }
    let Some(pending) = &ctx.pending else {
        // Timed out, or never signed in: start again.
        return Ok(see_other("/login"));
    };
    let user = &pending.user;
    let stored = totp_state(&state, user.id).await?;
    let (Some(secret), Some(_)) = (&stored.secret, stored.enabled_at) else {
        // Turned off meanwhile (by an operator): the password step decides again.
        return Ok(see_other("/login"));
    };
    let checked = totp::check_code(&state, user.id, secret, &form.code).await;
    let accepted = match checked {
        Ok(accepted) => accepted,
        Err(e) => {
            audit::record_as(
                &state,
                ctx,
                Some(user.id),
                actions::LOGIN_FAILED,
                None,
                user.email.clone(),
                "two-factor code throttled".into(),
            )
            .await?;
            return Err(e);
        }
    };
    if !accepted {
        audit::record_as(
            &state,
            ctx,
            Some(user.id),
            actions::LOGIN_FAILED,
            None,
            user.email.clone(),
            "wrong two-factor code".into(),
        )
        .await?;
        let mut errors = Errors::default();
        errors.add("code", code_error(&lang.tr(), &form.code));
        let page = sign_in_page(&state, lang, &req, &form.next, errors);
        return html_status(StatusCode::BAD_REQUEST, page);
    }
    let cookie = session::start_confirmed(&state, ctx, user.id, Utc::now()).await?;
    audit::record_as(
        &state,
        ctx,
        Some(user.id),
        actions::LOGIN,
        None,
        user.email.clone(),
        "with two-factor code".into(),
    )
    .await?;
    let to = local_path(&form.next).unwrap_or("/account");
    with_cookie(see_other(to), &cookie)
}

// ---------------------------------------------------------------------------------------
// The account page
// ---------------------------------------------------------------------------------------

/// `GET /account/two-factor`: whether it is on; the set-up in progress; the forms.
async fn settings(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::ManageOwnAccount)?;
    let user = user_of(&caller)?;
    let query = RawQuery::parse(req.uri().query())?;
    let tr = lang.tr();
    let notice = if query.get("enabled").is_some() {
        Some(tr.t("two-factor-enabled-notice"))
    } else if query.get("disabled").is_some() {
        Some(tr.t("two-factor-disabled-notice"))
    } else {
        None
    };
    let chrome = settings_chrome(&state, lang, &req);
    let page = settings_page(&state, &user, lang, chrome, notice, Errors::default()).await?;
    Ok(no_store(html_status(StatusCode::OK, page)?))
}

/// `POST /account/two-factor/setup`: a new secret, not in force until confirmed with a
/// code. While TOTP is on nothing changes (it must be turned off first, with a code).
async fn setup(State(state): State<AppState>, caller: Caller) -> Result<Response, AppError> {
    caller.authorize(Action::ManageOwnAccount)?;
    let user = user_of(&caller)?;
    match state
        .store
        .set_totp_secret(user.id, Some(&totp::new_secret()))
        .await
    {
        Ok(()) | Err(StoreError::Conflict(_)) => Ok(see_other(TWO_FACTOR_PATH)),
        Err(e) => Err(e.into()),
    }
}

/// `POST /account/two-factor/cancel`: forgets a set-up in progress.
async fn cancel(State(state): State<AppState>, caller: Caller) -> Result<Response, AppError> {
    caller.authorize(Action::ManageOwnAccount)?;
    let user = user_of(&caller)?;
    match state.store.set_totp_secret(user.id, None).await {
        Ok(()) | Err(StoreError::Conflict(_)) => Ok(see_other(TWO_FACTOR_PATH)),
        Err(e) => Err(e.into()),
    }
}

/// Shows the settings page again with an error at the code field (400).
async fn refused(
    state: &AppState,
    user: &User,
    lang: Lang,
    chrome: Chrome,
    message: String,
) -> Result<Response, AppError> {
    let mut errors = Errors::default();
    errors.add("code", message);
    let page = settings_page(state, user, lang, chrome, None, errors).await?;
    Ok(no_store(html_status(StatusCode::BAD_REQUEST, page)?))
}

/// `POST /account/two-factor/confirm`: the first right code turns TOTP on and confirms
/// this session; the account's other sessions end (they were not confirmed).
async fn confirm(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::ManageOwnAccount)?;
    let (req, body) = read_body(req).await?;
    let form: CodeForm = parse_form(&body)?;
    let ctx = caller.ctx();
    let user = user_of(&caller)?;
    let chrome = settings_chrome(&state, lang, &req);
    let stored = totp_state(&state, user.id).await?;
    let secret = match (&stored.secret, stored.enabled_at) {
        (Some(secret), None) => secret.clone(),
        // On already, or no set-up started: the page says what there is to do.
        _ => return Ok(see_other(TWO_FACTOR_PATH)),
    };
    if !totp::check_code(&state, user.id, &secret, &form.code).await? {
        let message = code_error(&lang.tr(), &form.code);
        return refused(&state, &user, lang, chrome, message).await;
    }
    let now = Utc::now();
    if !state.store.enable_totp(user.id, &secret, now).await? {
        // Set up again in another tab meanwhile: that one's code is needed.
        return Ok(see_other(TWO_FACTOR_PATH));
    }
    // The same instant as the time it was turned on: this session counts as confirmed.
    if let Some(s) = &ctx.session {
        state
            .store
            .confirm_session_second_factor(&s.id_hash, now)
            .await?;
    }
    let keep = ctx.session.as_ref().map(|s| s.id_hash.as_str());
    state.store.delete_user_sessions(user.id, keep).await?;
    audit::record(
        &state,
        ctx,
        actions::TWO_FACTOR_ENABLED,
        None,
        user.email.clone(),
        "authenticator app confirmed with a code".into(),
    )
    .await?;
    Ok(see_other(&format!("{TWO_FACTOR_PATH}?enabled=1")))
}

/// `POST /account/two-factor/disable`: with a current code, TOTP is turned off.
async fn disable(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::ManageOwnAccount)?;
    let (req, body) = read_body(req).await?;
    let form: CodeForm = parse_form(&body)?;
    let ctx = caller.ctx();
    let user = user_of(&caller)?;
    let chrome = settings_chrome(&state, lang, &req);
    let stored = totp_state(&state, user.id).await?;
    let secret = match (&stored.secret, stored.enabled_at) {
        (Some(secret), Some(_)) => secret.clone(),
        _ => return Ok(see_other(TWO_FACTOR_PATH)),
    };
    if !totp::check_code(&state, user.id, &secret, &form.code).await? {
        audit::record(
            &state,
            ctx,
            actions::LOGIN_FAILED,
            None,
            user.email.clone(),
            "wrong two-factor code when turning it off".into(),
        )
        .await?;
        let message = code_error(&lang.tr(), &form.code);
        return refused(&state, &user, lang, chrome, message).await;
    }
    state.store.disable_totp(user.id).await?;
    audit::record(
        &state,
        ctx,
        actions::TWO_FACTOR_DISABLED,
        None,
        user.email.clone(),
        "turned off with a code".into(),
    )
    .await?;
    Ok(see_other(&format!("{TWO_FACTOR_PATH}?disabled=1")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_second_step_keeps_only_local_destinations() {
        assert_eq!(sign_in_path(""), SIGN_IN_PATH);
        assert_eq!(sign_in_path("https://evil.example"), SIGN_IN_PATH);
        assert_eq!(
            sign_in_path("/orgs/3?tab=jobs"),
            "/sign-in/two-factor?next=%2Forgs%2F3%3Ftab%3Djobs"
        );
    }

    #[test]
    fn refused_codes_are_explained_in_both_languages() {
        for lang in Lang::ALL {
            let tr = lang.tr();
            let format = code_error(&tr, "12ab");
            let wrong = code_error(&tr, "123 456");
            assert_ne!(format, wrong);
            for text in [format, wrong] {
                assert!(!text.starts_with("two-factor-"), "{text}");
            }
        }
    }
}
