//! Sign-up, sign-in and out, e-mail confirmation, password reset and change, invitations, and the account page.
//! For a user with two-factor sign-in on, the right password leads on to the code
//! (`super::two_factor`) instead of signing in.
//!
//! The forms answer so that nobody learns from them whether an address has an account:
//! sign-up, "forgot password" and "send the confirmation again" give the same answer
//! either way (the owner of the address learns the rest by mail), and a failed sign-in
//! says the same for an unknown address as for a wrong password, after the same work.
//! Failed sign-ins are throttled before any password is checked.

use super::form::Errors;
use super::two_factor;
use super::{chrome, parse_form, see_other};
use super::{html, html_status, read_body, role_label};
use crate::auth::audit::{self, actions};
use crate::auth::crypto::{hash_password, sha256_hex, verify_password};
use crate::auth::issue::{self, LinkFor};
use crate::auth::{session, throttle};
use crate::i18n::{Lang, Tr};
use crate::params::{encode, RawQuery, Segment};
use crate::policy::Caller;
use crate::problem::AppError;
use crate::routes::Routes;
use crate::state::AppState;
use crate::views::{Chrome, SelectOption};
use askama::Template;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use bleibe_domain::account::{
    check_password, normalize_email, PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS,
};
use bleibe_domain::policy::{Action, Caller as PolicyCaller};
use bleibe_domain::{text, NewUser, Role, User};
use bleibe_store::accounts::{OneTime, OneTimePurpose};
use bleibe_store::StoreError;
use chrono::{Duration, Utc};
use serde::Deserialize;

/// The routes of this module.
pub(super) fn routes() -> Routes {
    Routes::new()
        .get("/signup", signup_form)
        .post("/signup", signup)
        .get("/verify/resend", resend_form)
        .post("/verify/resend", resend)
        .get("/verify/{token}", verify)
        .get("/login", login_form)
        .post("/login", login)
        .post("/logout", logout)
        .get("/password/forgot", forgot_form)
        .post("/password/forgot", forgot)
        .get("/password/reset/{token}", reset_form)
        .post("/password/reset/{token}", reset)
        .get("/account", account)
        .post("/account/password", change_password)
        .get("/invite/{token}", invite_form)
        .post("/invite/{token}", invite)
}

/// How long the link confirming an address stays valid.
const VERIFY_HOURS: u64 = 48;
/// How long a password-reset link stays valid.
const RESET_HOURS: u64 = 1;
/// Longest display name.
const NAME_MAX_CHARS: usize = 100;

// ---------------------------------------------------------------------------------------
// View models
// ---------------------------------------------------------------------------------------

/// A link with its text.
pub(crate) struct Link {
    href: String,
    label: String,
}

fn link(href: impl Into<String>, label: String) -> Link {
    Link {
        href: href.into(),
        label,
    }
}

/// `/signup`.
#[derive(Template)]
#[template(path = "account/signup.html")]
pub(crate) struct SignupPage {
    chrome: Chrome,
    email: String,
    display_name: String,
    languages: Vec<SelectOption>,
    errors: Errors,
    min_chars: usize,
}

/// `/login`.
#[derive(Template)]
#[template(path = "account/login.html")]
pub(crate) struct LoginPage {
    chrome: Chrome,
    email: String,
    next: String,
    notice: Option<String>,
    error: Option<String>,
}

/// A form that asks for an address only (`/password/forgot`, `/verify/resend`).
#[derive(Template)]
#[template(path = "account/email_form.html")]
pub(crate) struct EmailFormPage {
    chrome: Chrome,
    heading: String,
    intro: String,
    action: &'static str,
    submit: String,
    email: String,
    errors: Errors,
}

/// `/password/reset/{token}`.
#[derive(Template)]
#[template(path = "account/reset.html")]
pub(crate) struct ResetPage {
    chrome: Chrome,
    action: String,
    errors: Errors,
    min_chars: usize,
}

/// A message after a form, or about a link that no longer works.
#[derive(Template)]
#[template(path = "account/notice.html")]
pub(crate) struct NoticePage {
    chrome: Chrome,
    heading: String,
    paragraphs: Vec<String>,
    links: Vec<Link>,
}

/// An organisation on the account page.
pub(crate) struct MembershipRow {
    href: String,
    name: String,
    role: String,
}

/// `/account`.
#[derive(Template)]
#[template(path = "account/account.html")]
pub(crate) struct AccountPage {
    chrome: Chrome,
    display_name: String,
    email: String,
    memberships: Vec<MembershipRow>,
    networks: Vec<Link>,
    platform_admin: bool,
    /// Whether two-factor sign-in is on.
    two_factor: bool,
    notice: Option<String>,
    errors: Errors,
    min_chars: usize,
}

/// `/invite/{token}`.
#[derive(Template)]
#[template(path = "account/invite.html")]
pub(crate) struct InvitePage {
    chrome: Chrome,
    action: String,
    login_href: String,
    /// "Name (address)" of the signed-in user.
    signed_in_as: Option<String>,
    display_name: String,
    errors: Errors,
    min_chars: usize,
}

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

/// Adds a `Set-Cookie` header.
pub(super) fn with_cookie(mut res: Response, cookie: &str) -> Result<Response, AppError> {
    res.headers_mut().append(
        header::SET_COOKIE,
        HeaderValue::from_str(cookie).map_err(AppError::internal)?,
    );
    Ok(res)
}

/// `next` when it is a path on this site (never an open redirect: "//host" and "/\host"
/// are not local), and fit for a `Location` header.
pub(super) fn local_path(next: &str) -> Option<&str> {
    (next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && next.bytes().all(|b| (0x21..0x7f).contains(&b)))
    .then_some(next)
}

/// Whether a path segment can be a token we issued (URL-safe base64, 43 characters).
fn token_shaped(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn language_options(selected: Lang) -> Vec<SelectOption> {
    Lang::ALL
        .iter()
        .map(|l| SelectOption {
            value: l.code().to_string(),
            label: l.native_name().to_string(),
            selected: *l == selected,
        })
        .collect()
}

/// The language of mail to `user`: their own, else the request's.
fn user_lang(user: &User, fallback: Lang) -> Lang {
    Lang::parse(&user.language).unwrap_or(fallback)
}

fn password_error(tr: &Tr, password: &str) -> Option<String> {
    check_password("password", password).err().map(|_| {
        tr.ta(
            "account-error-password-length",
            &[
                ("min", PASSWORD_MIN_CHARS.to_string()),
                ("max", PASSWORD_MAX_CHARS.to_string()),
            ],
        )
    })
}

fn name_error(tr: &Tr, name: &str) -> Option<String> {
    text::required("display_name", name, NAME_MAX_CHARS)
        .err()
        .map(|_| tr.t1("account-error-name", "max", NAME_MAX_CHARS))
}

/// Uses the one-time link `token` for `purpose`.
async fn consume(
    state: &AppState,
    token: &str,
    purpose: OneTimePurpose,
) -> Result<Option<OneTime>, AppError> {
    if !token_shaped(token) {
        return Ok(None);
    }
    Ok(state
        .store
        .consume_one_time(&sha256_hex(token.as_bytes()), purpose, Utc::now())
        .await?)
}

/// Looks at the one-time link `token` for `purpose` without using it.
async fn peek(
    state: &AppState,
    token: &str,
    purpose: OneTimePurpose,
) -> Result<Option<OneTime>, AppError> {
    if !token_shaped(token) {
        return Ok(None);
    }
    Ok(state
        .store
        .one_time(&sha256_hex(token.as_bytes()), purpose, Utc::now())
        .await?)
}

/// Sends a plain-text mail in the background: the answer to the form does not wait for
/// the mail server (nor does its timing tell whether a mail was sent). Failures are
/// logged.
fn send_mail(state: &AppState, lang: Lang, to: &str, subject: String, lines: Vec<String>) {
    let body = mail_body(
        &lang.tr(),
        &state.config.site_name,
        &state.config.public_url,
        &lines,
    );
    let mailer = state.mailer.clone();
    let to = to.to_string();
    tokio::spawn(async move {
        if let Err(e) = mailer.send(&to, &subject, body).await {
            tracing::error!(error = %e, "mail not sent");
        }
    });
}

/// A mail's text: its paragraphs, then the signature.
fn mail_body(tr: &Tr, site: &str, url: &str, paragraphs: &[String]) -> String {
    let mut body = paragraphs.join("\n\n");
    body.push_str("\n\n-- \n");
    body.push_str(&tr.ta(
        "account-mail-signature",
        &[("site", site.to_string()), ("url", url.to_string())],
    ));
    body.push('\n');
    body
}

fn site_arg(state: &AppState) -> (&'static str, String) {
    ("site", state.config.site_name.clone())
}

/// A mail that carries a one-time link for the recipient's own account.
struct LinkMail {
    purpose: OneTimePurpose,
    /// The page the link opens, before the token.
    path: &'static str,
    hours: u64,
    subject_key: &'static str,
    body_key: &'static str,
    expiry_key: &'static str,
}

/// Confirming the address given at sign-up.
const VERIFY_MAIL: LinkMail = LinkMail {
    purpose: OneTimePurpose::VerifyEmail,
    path: "/verify/",
    hours: VERIFY_HOURS,
    subject_key: "account-mail-verify-subject",
    body_key: "account-mail-verify-body",
    expiry_key: "account-mail-verify-expiry",
};

/// Setting a new password.
const RESET_MAIL: LinkMail = LinkMail {
    purpose: OneTimePurpose::ResetPassword,
    path: "/password/reset/",
    hours: RESET_HOURS,
    subject_key: "account-mail-reset-subject",
    body_key: "account-mail-reset-body",
    expiry_key: "account-mail-reset-expiry",
};

/// Mails `user` a new one-time link of the kind `mail` describes.
async fn send_link(
    state: &AppState,
    user: &User,
    lang: Lang,
    mail: &LinkMail,
) -> Result<(), AppError> {
    let token = issue::one_time_link(
        state.store.as_ref(),
        LinkFor {
            purpose: mail.purpose,
            user_id: Some(user.id),
            email: None,
            invite: None,
            valid: Duration::hours(mail.hours as i64),
        },
    )
    .await?;
    let tr = lang.tr();
    let url = format!("{}{}{token}", state.config.public_url, mail.path);
    send_mail(
        state,
        lang,
        &user.email,
        tr.ta(mail.subject_key, &[site_arg(state)]),
        vec![
            tr.t1("account-mail-greeting", "name", &user.display_name),
            tr.ta(mail.body_key, &[site_arg(state)]),
            url,
            tr.tn(mail.expiry_key, "hours", mail.hours),
            tr.t("account-mail-ignore"),
        ],
    );
    Ok(())
}

/// Tells the owner of an address that someone tried to sign up with it.
fn send_signup_exists(state: &AppState, user: &User, lang: Lang) {
    let tr = lang.tr();
    let base = &state.config.public_url;
    send_mail(
        state,
        lang,
        &user.email,
        tr.ta("account-mail-exists-subject", &[site_arg(state)]),
        vec![
            tr.t1("account-mail-greeting", "name", &user.display_name),
            tr.ta("account-mail-exists-body", &[site_arg(state)]),
            tr.t1("account-mail-exists-login", "link", format!("{base}/login")),
            tr.t1(
                "account-mail-exists-reset",
                "link",
                format!("{base}/password/forgot"),
            ),
            tr.t("account-mail-ignore"),
        ],
    );
}

/// Renders a notice page.
fn notice(
    state: &AppState,
    lang: Lang,
    req: &Request,
    status: StatusCode,
    heading_key: &str,
    paragraphs: Vec<String>,
    links: Vec<Link>,
) -> Result<Response, AppError> {
    let heading = lang.tr().t(heading_key);
    html_status(
        status,
        NoticePage {
            chrome: chrome(state, lang, req, "", &heading),
            heading,
            paragraphs,
            links,
        },
    )
}

// ---------------------------------------------------------------------------------------
// Sign-up and confirmation
// ---------------------------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default)]
struct SignupForm {
    email: String,
    display_name: String,
    password: String,
    language: String,
}

fn signup_page(
    state: &AppState,
    lang: Lang,
    req: &Request,
    form: &SignupForm,
    chosen: Lang,
    errors: Errors,
) -> SignupPage {
    SignupPage {
        chrome: chrome(
            state,
            lang,
            req,
            "signup",
            &lang.tr().t("account-signup-title"),
        ),
        email: form.email.trim().to_string(),
        display_name: form.display_name.trim().to_string(),
        languages: language_options(chosen),
        errors,
        min_chars: PASSWORD_MIN_CHARS,
    }
}

/// `GET /signup`.
async fn signup_form(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::Authenticate)?;
    let page = signup_page(
        &state,
        lang,
        &req,
        &SignupForm::default(),
        lang,
        Errors::default(),
    );
    html(page)
}

/// `POST /signup`: creates an unconfirmed account and mails the link confirming it. An
/// address that has an account already gets the same answer; its owner gets a mail.
async fn signup(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::Authenticate)?;
    let (req, body) = read_body(req).await?;
    let form: SignupForm = parse_form(&body)?;
    let ctx = caller.ctx();
    let tr = lang.tr();
    let chosen = Lang::parse(&form.language).unwrap_or(lang);
    let mut errors = Errors::default();
    let email = normalize_email("email", &form.email);
    if email.is_err() {
        errors.add("email", tr.t("account-error-email"));
    }
    if let Some(e) = name_error(&tr, &form.display_name) {
        errors.add("display_name", e);
    }
    if let Some(e) = password_error(&tr, &form.password) {
        errors.add("password", e);
    }
    let email = match email {
        Ok(email) if !errors.any() => email,
        _ => {
            let page = signup_page(&state, lang, &req, &form, chosen, errors);
            return html_status(StatusCode::BAD_REQUEST, page);
        }
    };
    // Hashed whether or not the address is taken: the answer takes as long either way.
    let hash = hash_password(form.password.clone())
        .await
        .map_err(AppError::internal)?;
    let created = state
        .store
        .create_user(&NewUser {
            email: email.clone(),
            display_name: form.display_name.trim().to_string(),
            password_hash: Some(hash),
            language: chosen.code().to_string(),
            platform_admin: false,
            email_verified: false,
        })
        .await;
    match created {
        Ok(user) => {
            send_link(&state, &user, chosen, &VERIFY_MAIL).await?;
            audit::record_as(
                &state,
                ctx,
                Some(user.id),
                actions::SIGNUP,
                None,
                email.clone(),
                String::new(),
            )
            .await?;
        }
        Err(StoreError::Conflict(_)) => {
            if let Some(existing) = state.store.user_by_email(&email).await? {
                send_signup_exists(&state, &existing, user_lang(&existing, chosen));
                audit::record_as(
                    &state,
                    ctx,
                    None,
                    actions::SIGNUP,
                    None,
                    email.clone(),
                    "address already has an account; its owner was told by mail".into(),
                )
                .await?;
            }
        }
        Err(e) => return Err(e.into()),
    }
    notice(
        &state,
        lang,
        &req,
        StatusCode::OK,
        "account-signup-sent-title",
        vec![
            tr.t1("account-signup-sent", "email", &email),
            tr.tn("account-signup-sent-expiry", "hours", VERIFY_HOURS),
        ],
        vec![link("/verify/resend", tr.t("account-verify-resend-link"))],
    )
}

/// `GET /verify/{token}`: confirms the address, signs in and goes to the account page.
async fn verify(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(token): Segment,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::Authenticate)?;
    let ctx = caller.ctx();
    let used = consume(&state, &token, OneTimePurpose::VerifyEmail).await?;
    let user = match used.and_then(|t| t.user_id) {
        Some(id) => state.store.user(id).await?,
        None => None,
    };
    let Some(user) = user else {
        let tr = lang.tr();
        return notice(
            &state,
            lang,
            &req,
            StatusCode::NOT_FOUND,
            "account-verify-failed-title",
            vec![tr.t("account-verify-failed")],
            vec![link("/verify/resend", tr.t("account-verify-resend-link"))],
        );
    };
    state.store.mark_email_verified(user.id, Utc::now()).await?;
    if user.totp_enabled_at.is_some() {
        // A link (an old one, used after two-factor sign-in was turned on) is no more
        // than a password: the code is asked for next.
        let cookie = session::start_pending(&state, ctx, user.id).await?;
        return with_cookie(see_other(two_factor::SIGN_IN_PATH), &cookie);
    }
    let cookie = session::start(&state, ctx, user.id).await?;
    audit::record_as(
        &state,
        ctx,
        Some(user.id),
        actions::LOGIN,
        None,
        user.email.clone(),
        "address confirmed by link".into(),
    )
    .await?;
    with_cookie(see_other("/account"), &cookie)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct EmailForm {
    email: String,
}

fn resend_page(
    state: &AppState,
    lang: Lang,
    req: &Request,
    email: &str,
    errors: Errors,
) -> EmailFormPage {
    let tr = lang.tr();
    let heading = tr.t("account-resend-title");
    EmailFormPage {
        chrome: chrome(state, lang, req, "", &heading),
        heading,
        intro: tr.t("account-resend-intro"),
        action: "/verify/resend",
        submit: tr.t("account-resend-submit"),
        email: email.trim().to_string(),
        errors,
    }
}

/// `GET /verify/resend`.
async fn resend_form(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::Authenticate)?;
    html(resend_page(&state, lang, &req, "", Errors::default()))
}

/// `POST /verify/resend`: a new confirmation link for an unconfirmed account; the same
/// answer for every address.
async fn resend(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::Authenticate)?;
    let (req, body) = read_body(req).await?;
    let form: EmailForm = parse_form(&body)?;
    let tr = lang.tr();
    let Ok(email) = normalize_email("email", &form.email) else {
        let mut errors = Errors::default();
        errors.add("email", tr.t("account-error-email"));
        let page = resend_page(&state, lang, &req, &form.email, errors);
        return html_status(StatusCode::BAD_REQUEST, page);
    };
    if let Some(user) = state.store.user_by_email(&email).await? {
        if user.email_verified_at.is_none() {
            send_link(&state, &user, user_lang(&user, lang), &VERIFY_MAIL).await?;
        }
    }
    notice(
        &state,
        lang,
        &req,
        StatusCode::OK,
        "account-resend-sent-title",
        vec![tr.t1("account-resend-sent", "email", &email)],
        vec![link("/login", tr.t("account-to-login"))],
    )
}

// ---------------------------------------------------------------------------------------
// Sign-in and out
// ---------------------------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default)]
struct LoginForm {
    email: String,
    password: String,
    next: String,
}

fn login_page(
    state: &AppState,
    lang: Lang,
    req: &Request,
    email: &str,
    next: &str,
    notice: Option<String>,
    error: Option<String>,
) -> LoginPage {
    LoginPage {
        chrome: chrome(
            state,
            lang,
            req,
            "login",
            &lang.tr().t("account-login-title"),
        ),
        email: email.trim().to_string(),
        next: local_path(next).unwrap_or("").to_string(),
        notice,
        error,
    }
}

/// `GET /login?next=/path`.
async fn login_form(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::Authenticate)?;
    let query = RawQuery::parse(req.uri().query())?;
    let tr = lang.tr();
    let notice = query
        .get("reset")
        .is_some()
        .then(|| tr.t("account-reset-done"));
    let next = query.get("next").unwrap_or("").to_string();
    html(login_page(&state, lang, &req, "", &next, notice, None))
}

/// `POST /login`.
async fn login(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::Authenticate)?;
    let (req, body) = read_body(req).await?;
    let form: LoginForm = parse_form(&body)?;
    let ctx = caller.ctx();
    let tr = lang.tr();
    let email =
        normalize_email("email", &form.email).unwrap_or_else(|_| form.email.trim().to_lowercase());
    let keys = throttle::keys(&email, ctx.ip.as_deref());
    if let Err(e) = throttle::check(&state, &keys).await {
        audit::record_as(
            &state,
            ctx,
            None,
            actions::LOGIN_FAILED,
            None,
            email,
            "throttled".into(),
        )
        .await?;
        return Err(e);
    }
    let user = state.store.user_by_email(&email).await?;
    let hash = match &user {
        Some(u) => state.store.password_hash(u.id).await?,
        None => None,
    };
    // Runs against a dummy hash when there is no account, so that it takes as long.
    let ok = verify_password(form.password.clone(), hash).await;
    let user = match user {
        Some(user) if ok => user,
        other => {
            throttle::failed(&state, &keys).await?;
            let detail = if other.is_some() {
                "wrong password"
            } else {
                "unknown account"
            };
            audit::record_as(
                &state,
                ctx,
                other.map(|u| u.id),
                actions::LOGIN_FAILED,
                None,
                email,
                detail.into(),
            )
            .await?;
            let page = login_page(
                &state,
                lang,
                &req,
                &form.email,
                &form.next,
                None,
                Some(tr.t("account-login-failed")),
            );
            return html_status(StatusCode::BAD_REQUEST, page);
        }
    };
    if user.email_verified_at.is_none() {
        send_link(&state, &user, user_lang(&user, lang), &VERIFY_MAIL).await?;
        audit::record_as(
            &state,
            ctx,
            Some(user.id),
            actions::LOGIN_FAILED,
            None,
            email.clone(),
            "address not confirmed yet; link sent again".into(),
        )
        .await?;
        return notice(
            &state,
            lang,
            &req,
            StatusCode::FORBIDDEN,
            "account-unverified-title",
            vec![
                tr.t1("account-unverified", "email", &email),
                tr.tn("account-signup-sent-expiry", "hours", VERIFY_HOURS),
            ],
            vec![link("/verify/resend", tr.t("account-verify-resend-link"))],
        );
    }
    throttle::succeeded(&state, &keys).await?;
    if user.totp_enabled_at.is_some() {
        // The password alone signs nobody in: the code is asked for next, and the
        // sign-in is recorded once it is right.
        let cookie = session::start_pending(&state, ctx, user.id).await?;
        return with_cookie(see_other(&two_factor::sign_in_path(&form.next)), &cookie);
    }
    let cookie = session::start(&state, ctx, user.id).await?;
    audit::record_as(
        &state,
        ctx,
        Some(user.id),
        actions::LOGIN,
        None,
        user.email.clone(),
        String::new(),
    )
    .await?;
    let to = local_path(&form.next).unwrap_or("/account");
    with_cookie(see_other(to), &cookie)
}

/// `POST /logout`.
async fn logout(State(state): State<AppState>, caller: Caller) -> Result<Response, AppError> {
    caller.authorize(Action::ManageOwnAccount)?;
    let ctx = caller.ctx();
    let target = ctx
        .user
        .as_ref()
        .map(|u| u.email.clone())
        .unwrap_or_default();
    audit::record(&state, ctx, actions::LOGOUT, None, target, String::new()).await?;
    let cookie = session::end(&state, ctx).await?;
    with_cookie(see_other("/"), &cookie)
}

// ---------------------------------------------------------------------------------------
// Forgotten password
// ---------------------------------------------------------------------------------------

fn forgot_page(
    state: &AppState,
    lang: Lang,
    req: &Request,
    email: &str,
    errors: Errors,
) -> EmailFormPage {
    let tr = lang.tr();
    let heading = tr.t("account-forgot-title");
    EmailFormPage {
        chrome: chrome(state, lang, req, "", &heading),
        heading,
        intro: tr.tn("account-forgot-intro", "hours", RESET_HOURS),
        action: "/password/forgot",
        submit: tr.t("account-forgot-submit"),
        email: email.trim().to_string(),
        errors,
    }
}

/// `GET /password/forgot`.
async fn forgot_form(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::Authenticate)?;
    html(forgot_page(&state, lang, &req, "", Errors::default()))
}

/// `POST /password/forgot`: mails a reset link when the address has an account; the same
/// answer either way.
async fn forgot(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::Authenticate)?;
    let (req, body) = read_body(req).await?;
    let form: EmailForm = parse_form(&body)?;
    let tr = lang.tr();
    let Ok(email) = normalize_email("email", &form.email) else {
        let mut errors = Errors::default();
        errors.add("email", tr.t("account-error-email"));
        let page = forgot_page(&state, lang, &req, &form.email, errors);
        return html_status(StatusCode::BAD_REQUEST, page);
    };
    if let Some(user) = state.store.user_by_email(&email).await? {
        send_link(&state, &user, user_lang(&user, lang), &RESET_MAIL).await?;
    }
    notice(
        &state,
        lang,
        &req,
        StatusCode::OK,
        "account-forgot-sent-title",
        vec![
            tr.t1("account-forgot-sent", "email", &email),
            tr.tn("account-mail-reset-expiry", "hours", RESET_HOURS),
        ],
        vec![link("/login", tr.t("account-to-login"))],
    )
}

fn reset_page(
    state: &AppState,
    lang: Lang,
    req: &Request,
    token: &str,
    errors: Errors,
) -> ResetPage {
    ResetPage {
        chrome: chrome(state, lang, req, "", &lang.tr().t("account-reset-title")),
        action: format!("/password/reset/{token}"),
        errors,
        min_chars: PASSWORD_MIN_CHARS,
    }
}

fn reset_invalid(state: &AppState, lang: Lang, req: &Request) -> Result<Response, AppError> {
    let tr = lang.tr();
    notice(
        state,
        lang,
        req,
        StatusCode::NOT_FOUND,
        "account-reset-invalid-title",
        vec![tr.t("account-reset-invalid")],
        vec![link("/password/forgot", tr.t("account-forgot-link"))],
    )
}

/// `GET /password/reset/{token}`: the form only; the link is used when the form is sent.
async fn reset_form(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(token): Segment,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::Authenticate)?;
    if !token_shaped(&token) {
        return reset_invalid(&state, lang, &req);
    }
    html(reset_page(&state, lang, &req, &token, Errors::default()))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct ResetForm {
    password: String,
}

/// `POST /password/reset/{token}`: sets the new password, confirms the address (the
/// link proved it) and ends every session of the account.
async fn reset(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(token): Segment,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::Authenticate)?;
    let (req, body) = read_body(req).await?;
    let form: ResetForm = parse_form(&body)?;
    let ctx = caller.ctx();
    let tr = lang.tr();
    if !token_shaped(&token) {
        return reset_invalid(&state, lang, &req);
    }
    if let Some(e) = password_error(&tr, &form.password) {
        let mut errors = Errors::default();
        errors.add("password", e);
        let page = reset_page(&state, lang, &req, &token, errors);
        return html_status(StatusCode::BAD_REQUEST, page);
    }
    let used = consume(&state, &token, OneTimePurpose::ResetPassword).await?;
    let user = match used.and_then(|t| t.user_id) {
        Some(id) => state.store.user(id).await?,
        None => None,
    };
    let Some(user) = user else {
        return reset_invalid(&state, lang, &req);
    };
    let hash = hash_password(form.password)
        .await
        .map_err(AppError::internal)?;
    state.store.set_password_hash(user.id, &hash).await?;
    state.store.mark_email_verified(user.id, Utc::now()).await?;
    state.store.delete_user_sessions(user.id, None).await?;
    // The throttle message suggests a reset: after one the account may sign in again.
    throttle::succeeded(&state, &throttle::keys(&user.email, None)).await?;
    audit::record_as(
        &state,
        ctx,
        Some(user.id),
        actions::PASSWORD_CHANGED,
        None,
        user.email.clone(),
        "reset by link".into(),
    )
    .await?;
    Ok(see_other("/login?reset=1"))
}

// ---------------------------------------------------------------------------------------
// The account page
// ---------------------------------------------------------------------------------------

/// The account page's chrome (built before any await: a request is not `Sync`).
fn account_chrome(state: &AppState, lang: Lang, req: &Request) -> Chrome {
    chrome(state, lang, req, "account", &lang.tr().t("account-title"))
}

async fn account_page(
    state: &AppState,
    caller: &Caller,
    lang: Lang,
    chrome: Chrome,
    notice: Option<String>,
    errors: Errors,
) -> Result<AccountPage, AppError> {
    let ctx = caller.ctx();
    let (Some(user), PolicyCaller::User(signed_in)) = (&ctx.user, &ctx.caller) else {
        return Err(AppError::unauthorized());
    };
    let tr = lang.tr();
    let memberships = signed_in
        .memberships
        .iter()
        .map(|m| MembershipRow {
            href: format!("/orgs/{}", m.org_id),
            name: m.org_name.clone(),
            role: role_label(&tr, m.role),
        })
        .collect();
    let mut networks = Vec::new();
    for id in &signed_in.network_admin_of {
        if let Some(n) = state.store.network(*id).await? {
            networks.push(link(format!("/networks/{id}/admin"), n.name));
        }
    }
    Ok(AccountPage {
        chrome,
        display_name: user.display_name.clone(),
        email: user.email.clone(),
        memberships,
        networks,
        platform_admin: signed_in.platform_admin,
        two_factor: user.totp_enabled_at.is_some(),
        notice,
        errors,
        min_chars: PASSWORD_MIN_CHARS,
    })
}

/// `GET /account`.
async fn account(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::ManageOwnAccount)?;
    let query = RawQuery::parse(req.uri().query())?;
    let notice = query
        .get("changed")
        .is_some()
        .then(|| lang.tr().t("account-password-changed"));
    let chrome = account_chrome(&state, lang, &req);
    let page = account_page(&state, &caller, lang, chrome, notice, Errors::default()).await?;
    html(page)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct PasswordForm {
    current_password: String,
    new_password: String,
}

/// `POST /account/password`: a wrong current password counts as a failed sign-in. On
/// success every other session of the account ends.
async fn change_password(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::ManageOwnAccount)?;
    let (req, body) = read_body(req).await?;
    let form: PasswordForm = parse_form(&body)?;
    let ctx = caller.ctx();
    let user = ctx.user.as_ref().ok_or_else(AppError::unauthorized)?;
    let tr = lang.tr();
    let keys = throttle::keys(&user.email, ctx.ip.as_deref());
    throttle::check(&state, &keys).await?;
    let hash = state.store.password_hash(user.id).await?;
    let mut errors = Errors::default();
    if !verify_password(form.current_password.clone(), hash).await {
        throttle::failed(&state, &keys).await?;
        audit::record(
            &state,
            ctx,
            actions::LOGIN_FAILED,
            None,
            user.email.clone(),
            "wrong current password when changing it".into(),
        )
        .await?;
        errors.add("current_password", tr.t("account-error-current-password"));
    }
    if let Some(e) = password_error(&tr, &form.new_password) {
        errors.add("new_password", e);
    }
    if errors.any() {
        let chrome = account_chrome(&state, lang, &req);
        let page = account_page(&state, &caller, lang, chrome, None, errors).await?;
        return html_status(StatusCode::BAD_REQUEST, page);
    }
    let hash = hash_password(form.new_password)
        .await
        .map_err(AppError::internal)?;
    state.store.set_password_hash(user.id, &hash).await?;
    let keep = ctx.session.as_ref().map(|s| s.id_hash.as_str());
    state.store.delete_user_sessions(user.id, keep).await?;
    audit::record(
        &state,
        ctx,
        actions::PASSWORD_CHANGED,
        None,
        user.email.clone(),
        "changed on the account page".into(),
    )
    .await?;
    Ok(see_other("/account?changed=1"))
}

// ---------------------------------------------------------------------------------------
// Invitations
// ---------------------------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default)]
struct InviteForm {
    display_name: String,
    password: String,
}

fn invite_login_href(token: &str) -> String {
    format!("/login?{}", encode(&[("next", format!("/invite/{token}"))]))
}

fn invite_page(
    state: &AppState,
    caller: &Caller,
    lang: Lang,
    req: &Request,
    token: &str,
    display_name: &str,
    errors: Errors,
) -> InvitePage {
    let tr = lang.tr();
    InvitePage {
        chrome: chrome(state, lang, req, "", &tr.t("account-invite-title")),
        action: format!("/invite/{token}"),
        login_href: invite_login_href(token),
        signed_in_as: caller
            .ctx()
            .user
            .as_ref()
            .map(|u| format!("{} ({})", u.display_name, u.email)),
        display_name: display_name.trim().to_string(),
        errors,
        min_chars: PASSWORD_MIN_CHARS,
    }
}

fn invite_invalid(state: &AppState, lang: Lang, req: &Request) -> Result<Response, AppError> {
    notice(
        state,
        lang,
        req,
        StatusCode::NOT_FOUND,
        "account-invite-invalid-title",
        vec![lang.tr().t("account-invite-invalid")],
        vec![link("/", lang.tr().t("account-to-home"))],
    )
}

/// The page for an invitation of an address that has an account already, with its
/// link (`token`) to accept it after signing in.
fn invite_sign_in_first(
    state: &AppState,
    lang: Lang,
    req: &Request,
    token: &str,
) -> Result<Response, AppError> {
    let tr = lang.tr();
    notice(
        state,
        lang,
        req,
        StatusCode::CONFLICT,
        "account-invite-sign-in-first-title",
        vec![tr.t("account-invite-sign-in-first")],
        vec![
            link(invite_login_href(token), tr.t("account-invite-sign-in")),
            link("/password/forgot", tr.t("account-forgot-link")),
        ],
    )
}

/// `GET /invite/{token}`: what the invitation offers; the link is used only when the form
/// is sent.
async fn invite_form(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(token): Segment,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::Authenticate)?;
    if !token_shaped(&token) {
        return invite_invalid(&state, lang, &req);
    }
    let page = invite_page(&state, &caller, lang, &req, &token, "", Errors::default());
    html(page)
}

/// `POST /invite/{token}`: a signed-in user with the invited address joins; someone
/// without an account gets one for the invited address (confirmed: the link proved it),
/// joins and is signed in.
async fn invite(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(token): Segment,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::Authenticate)?;
    let (req, body) = read_body(req).await?;
    let form: InviteForm = parse_form(&body)?;
    let ctx = caller.ctx();
    let tr = lang.tr();
    if !token_shaped(&token) {
        return invite_invalid(&state, lang, &req);
    }
    if let Some(user) = &ctx.user {
        // Looked at first, used only when accepted: a wrong account keeps the link.
        let Some(invitation) = peek(&state, &token, OneTimePurpose::Invite).await? else {
            return invite_invalid(&state, lang, &req);
        };
        let Some(org_id) = invitation.org_id else {
            return invite_invalid(&state, lang, &req);
        };
        let for_user = match &invitation.email {
            Some(e) => e.trim().eq_ignore_ascii_case(&user.email),
            None => invitation.user_id == Some(user.id),
        };
        if !for_user {
            return notice(
                &state,
                lang,
                &req,
                StatusCode::FORBIDDEN,
                "account-invite-wrong-account-title",
                vec![tr.t("account-invite-wrong-account")],
                vec![link(
                    invite_login_href(&token),
                    tr.t("account-invite-sign-in-other"),
                )],
            );
        }
        if consume(&state, &token, OneTimePurpose::Invite)
            .await?
            .is_none()
        {
            return invite_invalid(&state, lang, &req);
        }
        let invited = invitation.role.unwrap_or(Role::Member);
        // Accepting an invitation never lowers a role the user has already.
        let current = match &ctx.caller {
            PolicyCaller::User(u) => u.role_in(org_id),
            _ => None,
        };
        let role = current.map_or(invited, |c| c.max(invited));
        state.store.set_role(org_id, user.id, role).await?;
        audit::record(
            &state,
            ctx,
            actions::ROLE_CHANGED,
            Some(org_id),
            user.email.clone(),
            format!("invitation accepted: {}", role.as_str()),
        )
        .await?;
        return Ok(see_other(&format!("/orgs/{org_id}")));
    }

    // Not signed in: a new account for the invited address.
    let mut errors = Errors::default();
    if let Some(e) = name_error(&tr, &form.display_name) {
        errors.add("display_name", e);
    }
    if let Some(e) = password_error(&tr, &form.password) {
        errors.add("password", e);
    }
    if errors.any() {
        let page = invite_page(
            &state,
            &caller,
            lang,
            &req,
            &token,
            &form.display_name,
            errors,
        );
        return html_status(StatusCode::BAD_REQUEST, page);
    }
    let Some(invitation) = peek(&state, &token, OneTimePurpose::Invite).await? else {
        return invite_invalid(&state, lang, &req);
    };
    let Some(org_id) = invitation.org_id else {
        return invite_invalid(&state, lang, &req);
    };
    let email = match invitation
        .email
        .as_deref()
        .and_then(|e| normalize_email("email", e).ok())
    {
        Some(e) if invitation.user_id.is_none() => e,
        // An invitation naming an account: that account signs in first.
        _ => return invite_sign_in_first(&state, lang, &req, &token),
    };
    if state.store.user_by_email(&email).await?.is_some() {
        return invite_sign_in_first(&state, lang, &req, &token);
    }
    let hash = hash_password(form.password)
        .await
        .map_err(AppError::internal)?;
    if consume(&state, &token, OneTimePurpose::Invite)
        .await?
        .is_none()
    {
        return invite_invalid(&state, lang, &req);
    }
    let created = state
        .store
        .create_user(&NewUser {
            email: email.clone(),
            display_name: form.display_name.trim().to_string(),
            password_hash: Some(hash),
            language: lang.code().to_string(),
            platform_admin: false,
            email_verified: true,
        })
        .await;
    let user = match created {
        Ok(user) => user,
        // Someone made an account for the address in the meantime.
        Err(StoreError::Conflict(_)) => {
            return invite_sign_in_first(&state, lang, &req, &token);
        }
        Err(e) => return Err(e.into()),
    };
    let role = invitation.role.unwrap_or(Role::Member);
    state.store.set_role(org_id, user.id, role).await?;
    audit::record_as(
        &state,
        ctx,
        Some(user.id),
        actions::SIGNUP,
        Some(org_id),
        email.clone(),
        "by invitation".into(),
    )
    .await?;
    audit::record_as(
        &state,
        ctx,
        Some(user.id),
        actions::ROLE_CHANGED,
        Some(org_id),
        email,
        format!("invitation accepted: {}", role.as_str()),
    )
    .await?;
    let cookie = session::start(&state, ctx, user.id).await?;
    with_cookie(see_other(&format!("/orgs/{org_id}")), &cookie)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(local_path("/account"), Some("/account"));
        assert_eq!(local_path("/invite/abc?x=1"), Some("/invite/abc?x=1"));
        for bad in [
            "",
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "account",
            "/a b",
            "/ü",
            "/a\r\nSet-Cookie: x",
        ] {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn messages_with_counts_and_mails_read_well_in_both_languages() {
        for lang in Lang::ALL {
            let tr = lang.tr();
            for (key, n) in [
                ("account-mail-verify-expiry", VERIFY_HOURS),
                ("account-mail-reset-expiry", RESET_HOURS),
                ("account-signup-sent-expiry", VERIFY_HOURS),
                ("account-forgot-intro", RESET_HOURS),
            ] {
                let text = tr.tn(key, "hours", n);
                assert!(
                    !text.contains(['{', '}']) && !text.starts_with("account-"),
                    "{text}"
                );
                assert_eq!(text.contains(&n.to_string()), n != 1, "{text}");
            }
            let body = mail_body(
                &tr,
                "bleibe",
                "https://bleibe.example",
                &[
                    tr.t1("account-mail-greeting", "name", "Anna"),
                    "https://bleibe.example/verify/x".into(),
                ],
            );
            assert!(
                body.contains("Anna,\n\nhttps://bleibe.example/verify/x\n\n-- \n"),
                "{body}"
            );
            assert!(
                body.ends_with("bleibe · https://bleibe.example\n"),
                "{body}"
            );
        }
        assert_eq!(
            Lang::De.tr().tn("account-mail-reset-expiry", "hours", 1),
            "Der Link gilt eine Stunde lang und nur einmal."
        );
    }

    #[test]
    fn tokens_have_the_shape_we_issue() {
        assert!(token_shaped(&crate::auth::crypto::random_token()));
        assert!(!token_shaped("short"));
        assert!(!token_shaped(&"a".repeat(42)));
        assert!(!token_shaped(&format!("{}=", "a".repeat(42))));
    }
}
