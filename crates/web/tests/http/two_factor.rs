//! Two-factor sign-in (TOTP) over HTTP: setting it up on the account page, signing in
//! with password and code, what a password alone gives (nothing), replayed and wrong
//! codes, throttling, turning it off. Codes are computed with `bleibe_domain::totp`
//! from the secret the set-up page shows, as an authenticator app would.

use super::helpers::{
    self, anonymous, cookie_value, header, location, session_for, session_with_second_factor,
    set_cookie, TestApp,
};
use bleibe_domain::totp;
use bleibe_domain::NewUser;
use bleibe_store::accounts::Session;
use bleibe_web::auth::crypto::{hash_password, random_token, sha256_hex};

const PASSWORD: &str = "ein langes richtiges Passwort";
/// A known secret for users whose two-factor sign-in is set up through the store.
const SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

async fn post(
    app: &TestApp,
    path: &str,
    cookie: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .header("cookie", cookie)
        .form(fields)
        .send()
        .await
        .expect("request")
}

async fn get(app: &TestApp, path: &str, cookie: &str) -> reqwest::Response {
    app.client
        .get(app.url(path))
        .header("cookie", cookie)
        .send()
        .await
        .expect("request")
}

async fn body(res: reqwest::Response) -> String {
    res.text().await.expect("body")
}

/// A user with a confirmed address and [`PASSWORD`].
async fn create_user(app: &TestApp, email: &str) -> i64 {
    app.store
        .create_user(&NewUser {
            email: email.into(),
            display_name: "Anna Beispiel".into(),
            password_hash: Some(hash_password(PASSWORD.into()).await.expect("hash")),
            language: "de".into(),
            platform_admin: false,
            email_verified: true,
        })
        .await
        .expect("user")
        .id
}

/// Turns two-factor sign-in on in the store, with [`SECRET`].
async fn enable(app: &TestApp, user_id: i64) {
    app.store
        .set_totp_secret(user_id, Some(SECRET))
        .await
        .expect("secret");
    assert!(app
        .store
        .enable_totp(user_id, SECRET, chrono::Utc::now())
        .await
        .expect("on"));
}

/// Signs in with the password from a fresh browser (`next` as the form would carry it).
async fn password_step(app: &TestApp, email: &str, next: &str) -> reqwest::Response {
    let (cookie, csrf) = anonymous(app).await;
    let mut fields = vec![
        ("csrf", csrf.as_str()),
        ("email", email),
        ("password", PASSWORD),
    ];
    if !next.is_empty() {
        fields.push(("next", next));
    }
    post(app, "/login", &cookie, &fields).await
}

/// The session cookie a response sets, as a `Cookie` header.
fn session_cookie(res: &reqwest::Response) -> String {
    let set = set_cookie(res, "bleibe_session").expect("session cookie");
    format!("bleibe_session={}", cookie_value(&set))
}

/// The CSRF token in a page's forms.
fn csrf_in(html: &str) -> String {
    let start = html.find("name=\"csrf\" value=\"").expect("csrf field") + 19;
    html[start..start + 43].to_string()
}

/// Signs in with the password of a user who has two-factor sign-in on: the pending
/// sign-in's cookie and CSRF token.
async fn pending(app: &TestApp, email: &str) -> (String, String) {
    let res = password_step(app, email, "").await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/sign-in/two-factor");
    let cookie = session_cookie(&res);
    let max_age = set_cookie(&res, "bleibe_session").expect("cookie");
    assert!(max_age.contains("Max-Age=600"), "{max_age}");
    let page = get(app, "/sign-in/two-factor", &cookie).await;
    assert_eq!(page.status(), 200);
    let csrf = csrf_in(&body(page).await);
    (cookie, csrf)
}

fn now() -> u64 {
    u64::try_from(chrono::Utc::now().timestamp()).expect("after 1970")
}

/// A code the server accepts now, after the step `last` was used: the current step's,
/// or the next one's (within the drift) while the current one is used up.
fn fresh_code(secret: &[u8], last: u64) -> (String, u64) {
    let step = totp::step_at(now()).max(last + 1);
    (
        totp::code_of_step(secret, step, totp::DIGITS).expect("code"),
        step,
    )
}

async fn audit_details(app: &TestApp, action: &str) -> Vec<String> {
    app.store
        .audit_log(None, 100)
        .await
        .expect("audit")
        .into_iter()
        .filter(|e| e.action == action)
        .map(|e| e.detail)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn set_up_sign_out_and_sign_in_with_a_code() {
    let app = helpers::start(0).await;
    let id = create_user(&app, "anna@example.de").await;
    // Another device, signed in before: it is signed out when TOTP goes on.
    let other = session_for(&app, id).await;

    // Signed in with the password: the account page links the set-up.
    let res = password_step(&app, "anna@example.de", "").await;
    assert_eq!(location(&res), "/account");
    let cookie = session_cookie(&res);
    let account = body(get(&app, "/account", &cookie).await).await;
    assert!(
        account.contains("href=\"/account/two-factor\""),
        "{account}"
    );
    assert!(account.contains("Zwei-Faktor-Anmeldung ist ausgeschaltet"));
    let csrf = csrf_in(&account);

    // Set up: a secret is shown (grouped, as link and as QR code), not in force yet.
    let res = post(
        &app,
        "/account/two-factor/setup",
        &cookie,
        &[("csrf", &csrf)],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/account/two-factor");
    let res = get(&app, "/account/two-factor", &cookie).await;
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, "cache-control"), "no-store");
    let page = body(res).await;
    let start = page.find("id=\"totp-secret\">").expect("secret shown") + 17;
    let grouped = &page[start..start + 39];
    assert_eq!(grouped.split(' ').count(), 8, "{grouped}");
    assert!(grouped.split(' ').all(|g| g.len() == 4), "{grouped}");
    let secret_b32 = grouped.replace(' ', "");
    let secret = totp::base32_decode(&secret_b32).expect("base32");
    assert_eq!(secret.len(), 20);
    // The link, as the browser reads the attribute.
    let unescaped = page.replace("&#38;", "&").replace("&amp;", "&");
    assert!(
        unescaped.contains(&format!(
            "href=\"otpauth://totp/bleibe:anna%40example.de?secret={secret_b32}&issuer=bleibe\""
        )),
        "{page}"
    );
    assert!(page.contains("src=\"data:image/svg+xml;base64,"), "QR code");
    assert!(page.contains("autocomplete=\"one-time-code\""));
    assert!(page.contains("inputmode=\"numeric\""));
    let user = app.store.user(id).await.expect("user").expect("anna");
    assert_eq!(user.totp_enabled_at, None, "not in force before a code");

    // A wrong code: the form again, with the error tied to the field.
    let wrong = format!(
        "{:06}",
        (totp::hotp(&secret, totp::step_at(now()), 6).expect("code") + 1) % 1_000_000
    );
    let res = post(
        &app,
        "/account/two-factor/confirm",
        &cookie,
        &[("csrf", &csrf), ("code", &wrong)],
    )
    .await;
    assert_eq!(res.status(), 400);
    let page = body(res).await;
    assert!(page.contains("class=\"error-summary\""), "{page}");
    assert!(page.contains("href=\"#code\""));
    assert!(page.contains("aria-invalid=\"true\""));
    assert!(page.contains("id=\"totp-secret\""), "still setting up");

    // The right code turns it on; this session goes on, the other device's ends.
    let (code, used) = fresh_code(&secret, 0);
    let res = post(
        &app,
        "/account/two-factor/confirm",
        &cookie,
        &[("csrf", &csrf), ("code", &code)],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/account/two-factor?enabled=1");
    let page = body(get(&app, "/account/two-factor?enabled=1", &cookie).await).await;
    assert!(page.contains("role=\"status\""), "{page}");
    assert!(
        !page.contains("id=\"totp-secret\""),
        "the secret is not shown again"
    );
    assert!(page.contains("/account/two-factor/disable"));
    assert_eq!(get(&app, "/account", &cookie).await.status(), 200);
    assert_eq!(
        get(&app, "/account", &other.cookie_header()).await.status(),
        401,
        "other sessions end"
    );
    assert!(app
        .store
        .user(id)
        .await
        .expect("user")
        .expect("anna")
        .totp_enabled_at
        .is_some());
    assert_eq!(audit_details(&app, "two_factor_enabled").await.len(), 1);

    // Signed out, the password alone is not a sign-in.
    let res = post(&app, "/logout", &cookie, &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), 303);
    let (pending_cookie, pending_csrf) = pending(&app, "anna@example.de").await;
    assert_eq!(get(&app, "/account", &pending_cookie).await.status(), 401);
    let page = body(get(&app, "/sign-in/two-factor", &pending_cookie).await).await;
    assert!(page.contains("autocomplete=\"one-time-code\""), "{page}");
    assert!(page.contains("inputmode=\"numeric\""));
    assert!(page.contains("<label for=\"code\">"));

    // A wrong code and the code already used are refused, and count.
    let res = post(
        &app,
        "/sign-in/two-factor",
        &pending_cookie,
        &[("csrf", &pending_csrf), ("code", &wrong)],
    )
    .await;
    assert_eq!(res.status(), 400);
    assert!(set_cookie(&res, "bleibe_session").is_none());
    let replay = totp::code_of_step(&secret, used, totp::DIGITS).expect("code");
    let res = post(
        &app,
        "/sign-in/two-factor",
        &pending_cookie,
        &[("csrf", &pending_csrf), ("code", &replay)],
    )
    .await;
    assert_eq!(res.status(), 400, "a used code is refused");
    let page = body(res).await;
    assert!(page.contains("schon benutzt"), "{page}");
    let failures = audit_details(&app, "login_failed").await;
    assert_eq!(
        failures
            .iter()
            .filter(|d| *d == "wrong two-factor code")
            .count(),
        2,
        "{failures:?}"
    );

    // The next code signs in, with a new session id; the pending one is gone.
    let (code, used_again) = fresh_code(&secret, used);
    let res = post(
        &app,
        "/sign-in/two-factor",
        &pending_cookie,
        &[("csrf", &pending_csrf), ("code", &code)],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/account");
    let signed_in = session_cookie(&res);
    assert_ne!(signed_in, pending_cookie);
    assert_eq!(get(&app, "/account", &signed_in).await.status(), 200);
    assert_eq!(
        get(&app, "/sign-in/two-factor", &pending_cookie)
            .await
            .status(),
        303,
        "the pending sign-in is used up"
    );
    assert!(audit_details(&app, "login")
        .await
        .contains(&"with two-factor code".to_string()));

    // The same code once more, from another browser with the password: refused.
    let (again_cookie, again_csrf) = pending(&app, "anna@example.de").await;
    let res = post(
        &app,
        "/sign-in/two-factor",
        &again_cookie,
        &[("csrf", &again_csrf), ("code", &code)],
    )
    .await;
    assert_eq!(res.status(), 400, "replay of step {used_again}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_password_alone_gives_nothing() {
    let app = helpers::start(0).await;
    let id = create_user(&app, "bert@example.de").await;
    enable(&app, id).await;
    let (cookie, csrf) = pending(&app, "bert@example.de").await;
    // Anonymous everywhere: the account, its forms, the set-up pages, sign-out.
    assert_eq!(get(&app, "/account", &cookie).await.status(), 401);
    assert_eq!(
        get(&app, "/account/two-factor", &cookie).await.status(),
        401
    );
    for path in [
        "/account/password",
        "/account/two-factor/disable",
        "/account/two-factor/setup",
        "/logout",
    ] {
        let res = post(&app, path, &cookie, &[("csrf", &csrf), ("code", "000000")]).await;
        assert_eq!(res.status(), 401, "{path}");
    }
    let page = body(get(&app, "/", &cookie).await).await;
    assert!(!page.contains("Anna Beispiel"), "not named as signed in");
    assert!(app
        .store
        .totp_state(id)
        .await
        .expect("state")
        .expect("bert")
        .enabled_at
        .is_some());
    assert!(
        audit_details(&app, "login").await.is_empty(),
        "no sign-in recorded"
    );

    // Without a pending sign-in the step leads back to the password.
    let (anon, anon_csrf) = anonymous(&app).await;
    let res = get(&app, "/sign-in/two-factor", &anon).await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/login");
    let res = post(
        &app,
        "/sign-in/two-factor",
        &anon,
        &[("csrf", &anon_csrf), ("code", "123456")],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/login");

    // A pending sign-in older than ten minutes (or a password-only session from before
    // TOTP was turned on) is nothing at all.
    let sid = random_token();
    let long_ago = chrono::Utc::now() - chrono::Duration::minutes(11);
    app.store
        .create_session(&Session {
            id_hash: sha256_hex(sid.as_bytes()),
            user_id: id,
            csrf_token: random_token(),
            created_at: long_ago,
            expires_at: long_ago + chrono::Duration::hours(12),
            second_factor_at: None,
        })
        .await
        .expect("session");
    let stale = format!("bleibe_session={sid}");
    assert_eq!(get(&app, "/account", &stale).await.status(), 401);
    let res = get(&app, "/sign-in/two-factor", &stale).await;
    assert_eq!(location(&res), "/login");

    // A session confirmed with a code is signed in.
    let confirmed = session_with_second_factor(&app, id).await;
    assert_eq!(
        get(&app, "/account", &confirmed.cookie_header())
            .await
            .status(),
        200
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_codes_are_throttled_and_the_destination_kept() {
    let app = helpers::start(0).await;
    let id = create_user(&app, "clara@example.de").await;
    enable(&app, id).await;
    let secret = totp::base32_decode(SECRET).expect("secret");

    // The password step keeps where the user was going.
    let res = password_step(&app, "clara@example.de", "/orgs/new").await;
    assert_eq!(location(&res), "/sign-in/two-factor?next=%2Forgs%2Fnew");
    let cookie = session_cookie(&res);
    let page = body(get(&app, &location(&res), &cookie).await).await;
    assert!(page.contains("name=\"next\" value=\"/orgs/new\""), "{page}");
    let csrf = csrf_in(&page);

    for bad in ["12345", "abcdef", "000000", "111111", "222222"] {
        let res = post(
            &app,
            "/sign-in/two-factor",
            &cookie,
            &[("csrf", &csrf), ("code", bad), ("next", "/orgs/new")],
        )
        .await;
        assert_eq!(res.status(), 400, "{bad}");
    }
    // The sixth attempt waits, even with the right code.
    let (code, _) = fresh_code(&secret, 0);
    let res = post(
        &app,
        "/sign-in/two-factor",
        &cookie,
        &[("csrf", &csrf), ("code", &code), ("next", "/orgs/new")],
    )
    .await;
    assert_eq!(res.status(), 429);
    assert!(!header(&res, "retry-after").is_empty());
    let page = body(res).await;
    assert!(page.contains("Zu viele falsche Einmalcodes"), "{page}");
    assert!(audit_details(&app, "login_failed")
        .await
        .contains(&"two-factor code throttled".to_string()));

    // Once the failures have aged out (here: forgotten), the code signs in and the
    // user lands where they were going.
    app.store
        .clear_login_failures(&format!("totp:{id}"))
        .await
        .expect("forget");
    let res = post(
        &app,
        "/sign-in/two-factor",
        &cookie,
        &[("csrf", &csrf), ("code", &code), ("next", "/orgs/new")],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/orgs/new");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn turning_it_off_needs_a_current_code() {
    let app = helpers::start(0).await;
    let id = create_user(&app, "dora@example.de").await;
    enable(&app, id).await;
    let secret = totp::base32_decode(SECRET).expect("secret");
    let who = session_with_second_factor(&app, id).await;
    let cookie = who.cookie_header();
    let page = body(get(&app, "/account", &cookie).await).await;
    assert!(
        page.contains("Zwei-Faktor-Anmeldung ist eingeschaltet"),
        "{page}"
    );

    // While on, a new set-up changes nothing.
    let res = post(
        &app,
        "/account/two-factor/setup",
        &cookie,
        &[("csrf", &who.csrf)],
    )
    .await;
    assert_eq!(res.status(), 303);
    let state = app
        .store
        .totp_state(id)
        .await
        .expect("state")
        .expect("dora");
    assert_eq!(state.secret.as_deref(), Some(SECRET));

    let res = post(
        &app,
        "/account/two-factor/disable",
        &cookie,
        &[("csrf", &who.csrf), ("code", "")],
    )
    .await;
    assert_eq!(res.status(), 400);
    let page = body(res).await;
    assert!(page.contains("sechs Ziffern"), "{page}");
    assert!(audit_details(&app, "two_factor_disabled").await.is_empty());

    let (code, _) = fresh_code(&secret, 0);
    let res = post(
        &app,
        "/account/two-factor/disable",
        &cookie,
        &[("csrf", &who.csrf), ("code", &code)],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/account/two-factor?disabled=1");
    assert_eq!(
        app.store.totp_state(id).await.expect("state"),
        Some(Default::default())
    );
    assert_eq!(
        audit_details(&app, "two_factor_disabled").await,
        vec!["turned off with a code".to_string()]
    );
    // Still signed in, with the password alone from now on.
    assert_eq!(get(&app, "/account", &cookie).await.status(), 200);
    let res = password_step(&app, "dora@example.de", "").await;
    assert_eq!(location(&res), "/account");

    // A set-up can be cancelled.
    let res = post(
        &app,
        "/account/two-factor/setup",
        &cookie,
        &[("csrf", &who.csrf)],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert!(app
        .store
        .totp_state(id)
        .await
        .expect("state")
        .expect("dora")
        .secret
        .is_some());
    let res = post(
        &app,
        "/account/two-factor/cancel",
        &cookie,
        &[("csrf", &who.csrf)],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(
        app.store.totp_state(id).await.expect("state"),
        Some(Default::default())
    );
}
