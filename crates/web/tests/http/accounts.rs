//! Accounts over HTTP: sign-up and confirmation, sign-in and its safeguards (CSRF,
//! throttling, no account enumeration, session fixation), sign-out, password reset and
//! change, invitations. One-time links are created through the store, as the mails that
//! carry them are not kept in tests.

use super::helpers::{self, anonymous, cookie_value, location, set_cookie, TestApp};
use bleibe_domain::{NewUser, Role, User};
use bleibe_store::accounts::OneTimePurpose;
use bleibe_web::auth::crypto::{hash_password, random_token};
use bleibe_web::auth::issue::{self, LinkFor};
use chrono::Duration;

const PASSWORD: &str = "ein langes richtiges Passwort";
const NEW_PASSWORD: &str = "noch ein anderes langes Passwort";

async fn post(
    app: &TestApp,
    path: &str,
    cookie: Option<&str>,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let mut req = app.client.post(app.url(path)).form(fields);
    if let Some(c) = cookie {
        req = req.header("cookie", c);
    }
    req.send().await.expect("request")
}

async fn get_with(app: &TestApp, path: &str, cookie: &str) -> reqwest::Response {
    app.client
        .get(app.url(path))
        .header("cookie", cookie)
        .send()
        .await
        .expect("request")
}

async fn create_user(app: &TestApp, email: &str, verified: bool) -> User {
    app.store
        .create_user(&NewUser {
            email: email.into(),
            display_name: "Anna Beispiel".into(),
            password_hash: Some(hash_password(PASSWORD.into()).await.expect("hash")),
            language: "de".into(),
            platform_admin: false,
            email_verified: verified,
        })
        .await
        .expect("user")
}

/// Signs in from a fresh browser.
async fn login(app: &TestApp, email: &str, password: &str) -> reqwest::Response {
    let (cookie, csrf) = anonymous(app).await;
    post(
        app,
        "/login",
        Some(&cookie),
        &[("csrf", &csrf), ("email", email), ("password", password)],
    )
    .await
}

/// Signs in and returns the session cookie as a `Cookie` header.
async fn session(app: &TestApp, email: &str, password: &str) -> String {
    let res = login(app, email, password).await;
    assert_eq!(res.status(), 303, "sign-in of {email}");
    let sid = cookie_value(&set_cookie(&res, "bleibe_session").expect("session cookie"));
    format!("bleibe_session={sid}")
}

/// The CSRF token of a signed-in browser, read from its account page.
async fn session_csrf(app: &TestApp, cookie: &str) -> String {
    let res = get_with(app, "/account", cookie).await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.expect("body");
    let start = html.find("name=\"csrf\" value=\"").expect("csrf field") + 19;
    html[start..start + 43].to_string()
}

/// Stores a one-time link and returns its token.
async fn one_time(
    app: &TestApp,
    purpose: OneTimePurpose,
    user_id: Option<i64>,
    invite: Option<(&str, i64, Role)>,
    valid: Duration,
) -> String {
    issue::one_time_link(
        app.store.as_ref(),
        LinkFor {
            purpose,
            user_id,
            email: invite.map(|i| i.0.to_string()),
            invite: invite.map(|i| (i.1, i.2)),
            valid,
        },
    )
    .await
    .expect("one-time link")
}

#[tokio::test]
async fn forms_need_the_csrf_token() {
    let app = helpers::start(0).await;
    create_user(&app, "anna@example.de", true).await;
    let fields = [("email", "anna@example.de"), ("password", PASSWORD)];
    // Neither cookie nor field.
    let res = post(&app, "/login", None, &fields).await;
    assert_eq!(res.status(), 403);
    assert!(set_cookie(&res, "bleibe_session").is_none());
    // The cookie without the field, the field without the cookie, and a wrong field.
    let (cookie, csrf) = anonymous(&app).await;
    assert_eq!(
        post(&app, "/login", Some(&cookie), &fields).await.status(),
        403
    );
    let with_field = [
        ("csrf", csrf.as_str()),
        ("email", "anna@example.de"),
        ("password", PASSWORD),
    ];
    assert_eq!(post(&app, "/login", None, &with_field).await.status(), 403);
    let wrong = [
        ("csrf", "x".repeat(43)),
        ("email", "anna@example.de".into()),
        ("password", PASSWORD.into()),
    ];
    let wrong: Vec<(&str, &str)> = wrong.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        post(&app, "/login", Some(&cookie), &wrong).await.status(),
        403
    );
    // Both: signed in.
    let res = post(&app, "/login", Some(&cookie), &with_field).await;
    assert_eq!(res.status(), 303);
    // Sign-out is a form too.
    let signed_in = format!(
        "bleibe_session={}",
        cookie_value(&set_cookie(&res, "bleibe_session").expect("session"))
    );
    assert_eq!(
        post(&app, "/logout", Some(&signed_in), &[]).await.status(),
        403
    );
}

#[tokio::test]
async fn unknown_account_and_wrong_password_answer_alike() {
    let app = helpers::start(0).await;
    let anna = create_user(&app, "anna@example.de", true).await;
    let (cookie, csrf) = anonymous(&app).await;
    let attempt = |email: &'static str| {
        let (cookie, csrf) = (cookie.clone(), csrf.clone());
        let app = &app;
        async move {
            let res = post(
                app,
                "/login",
                Some(&cookie),
                &[
                    ("csrf", csrf.as_str()),
                    ("email", email),
                    ("password", "falsches passwort 123"),
                ],
            )
            .await;
            assert!(set_cookie(&res, "bleibe_session").is_none());
            let status = res.status().as_u16();
            // The form keeps the address typed; apart from it the pages are the same.
            (
                status,
                res.text().await.expect("body").replace(email, "EMAIL"),
            )
        }
    };
    let unknown = attempt("niemand@example.de").await;
    let wrong = attempt("anna@example.de").await;
    assert_eq!(unknown.0, 400);
    assert_eq!(unknown, wrong);
    assert!(unknown.1.contains("role=\"alert\""));
    assert!(unknown.1.contains("aria-describedby=\"login-error\""));
    // Both are audited as failures, with the address tried, and the account when known.
    let log = app.store.audit_log(None, 10).await.expect("audit");
    let failed: Vec<_> = log.iter().filter(|e| e.action == "login_failed").collect();
    assert_eq!(failed.len(), 2, "{log:?}");
    assert!(failed
        .iter()
        .any(|e| e.target == "anna@example.de" && e.actor_user_id == Some(anna.id)));
    assert!(failed
        .iter()
        .any(|e| e.target == "niemand@example.de" && e.actor_user_id.is_none()));
}

#[tokio::test]
async fn the_sixth_attempt_is_refused_even_with_the_right_password() {
    let app = helpers::start(0).await;
    create_user(&app, "anna@example.de", true).await;
    for i in 0..5 {
        let res = login(&app, "anna@example.de", "falsches passwort 123").await;
        assert_eq!(res.status(), 400, "attempt {}", i + 1);
    }
    let res = login(&app, "anna@example.de", PASSWORD).await;
    assert_eq!(res.status(), 429);
    let retry: u64 = res
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("Retry-After");
    assert!(retry > 0 && retry <= 15 * 60, "{retry}");
    assert!(set_cookie(&res, "bleibe_session").is_none());
    // An unknown address from the same client is refused as well (the address counts).
    let res = login(&app, "niemand@example.de", "irgendein passwort 123").await;
    assert_eq!(res.status(), 429);
}

#[tokio::test]
async fn sign_in_sets_a_safe_cookie_and_a_new_session_id_each_time() {
    let app = helpers::start(0).await;
    create_user(&app, "anna@example.de", true).await;
    // A session id planted before sign-in is not taken over.
    let (csrf_cookie, csrf) = anonymous(&app).await;
    let planted = random_token();
    let res = post(
        &app,
        "/login",
        Some(&format!("{csrf_cookie}; bleibe_session={planted}")),
        &[
            ("csrf", csrf.as_str()),
            ("email", " Anna@Example.DE "),
            ("password", PASSWORD),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/account");
    let header = set_cookie(&res, "bleibe_session").expect("session cookie");
    assert!(header.contains("HttpOnly"), "{header}");
    assert!(header.contains("SameSite=Lax"), "{header}");
    assert!(header.contains("Path=/"), "{header}");
    let first = cookie_value(&header);
    assert_ne!(first, planted);
    let first = format!("bleibe_session={first}");
    let res = get_with(&app, "/account", &first).await;
    assert_eq!(res.status(), 200);
    let html = res.text().await.expect("body");
    assert!(html.contains("anna@example.de") && html.contains("Anna Beispiel"));
    // Signing in again from the same browser: a new id, and the old one ends.
    let csrf = session_csrf(&app, &first).await;
    let res = post(
        &app,
        "/login",
        Some(&first),
        &[
            ("csrf", csrf.as_str()),
            ("email", "anna@example.de"),
            ("password", PASSWORD),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let second = format!(
        "bleibe_session={}",
        cookie_value(&set_cookie(&res, "bleibe_session").expect("session cookie"))
    );
    assert_ne!(first, second);
    assert_eq!(get_with(&app, "/account", &first).await.status(), 401);
    assert_eq!(get_with(&app, "/account", &second).await.status(), 200);
    let log = app.store.audit_log(None, 10).await.expect("audit");
    assert_eq!(log.iter().filter(|e| e.action == "login").count(), 2);
}

#[tokio::test]
async fn sign_in_goes_on_to_local_paths_only() {
    let app = helpers::start(0).await;
    create_user(&app, "anna@example.de", true).await;
    let (_, _, html) = app.text("/login?next=/jobs%3Fq%3Dx").await;
    assert!(html.contains("name=\"next\" value=\"/jobs?q=x\""), "{html}");
    for (next, expected) in [
        ("/jobs?q=x", "/jobs?q=x"),
        ("//evil.example/", "/account"),
        ("/\\evil.example", "/account"),
        ("https://evil.example/", "/account"),
    ] {
        let (cookie, csrf) = anonymous(&app).await;
        let res = post(
            &app,
            "/login",
            Some(&cookie),
            &[
                ("csrf", csrf.as_str()),
                ("email", "anna@example.de"),
                ("password", PASSWORD),
                ("next", next),
            ],
        )
        .await;
        assert_eq!(res.status(), 303, "{next}");
        assert_eq!(location(&res), expected, "{next}");
    }
}

#[tokio::test]
async fn sign_out_ends_the_session() {
    let app = helpers::start(0).await;
    create_user(&app, "anna@example.de", true).await;
    let cookie = session(&app, "anna@example.de", PASSWORD).await;
    let csrf = session_csrf(&app, &cookie).await;
    let res = post(&app, "/logout", Some(&cookie), &[("csrf", &csrf)]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/");
    let cleared = set_cookie(&res, "bleibe_session").expect("cleared cookie");
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    // The old cookie no longer opens the account page.
    assert_eq!(get_with(&app, "/account", &cookie).await.status(), 401);
    assert_eq!(app.get("/account").await.status(), 401);
    let log = app.store.audit_log(None, 5).await.expect("audit");
    assert_eq!(log[0].action, "logout");
}

#[tokio::test]
async fn sign_up_confirm_by_link_and_no_enumeration() {
    let app = helpers::start(0).await;
    let (cookie, csrf) = anonymous(&app).await;
    let (status, _, html) = app.text("/signup").await;
    assert_eq!(status, 200);
    for attr in [
        "autocomplete=\"email\"",
        "autocomplete=\"name\"",
        "autocomplete=\"new-password\"",
        "<label for=\"password\">",
    ] {
        assert!(html.contains(attr), "{attr}");
    }
    assert_eq!(html.matches("<h1").count(), 1);
    let form = |email: &'static str, password: &'static str| {
        let csrf = csrf.clone();
        vec![
            ("csrf", csrf),
            ("email", email.to_string()),
            ("display_name", "Bernd Neu".to_string()),
            ("password", password.to_string()),
            ("language", "en".to_string()),
        ]
    };
    let send = |fields: Vec<(&'static str, String)>| {
        let cookie = cookie.clone();
        let app = &app;
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let res = post(app, "/signup", Some(&cookie), &fields).await;
            assert!(set_cookie(&res, "bleibe_session").is_none());
            (res.status().as_u16(), res.text().await.expect("body"))
        }
    };
    // A too short password: the form again, the error tied to the field.
    let (status, html) = send(form("bernd@example.de", "kurz")).await;
    assert_eq!(status, 400);
    assert!(html.contains("aria-describedby=\"password-hint password-error\""));
    assert!(html.contains("id=\"password-error\""));
    assert!(html.contains("value=\"bernd@example.de\""));
    assert!(app
        .store
        .user_by_email("bernd@example.de")
        .await
        .expect("lookup")
        .is_none());
    // A new address, then the same again: the same answer.
    let first = send(form("bernd@example.de", PASSWORD)).await;
    let again = send(form("Bernd@Example.de", NEW_PASSWORD)).await;
    assert_eq!(first.0, 200);
    assert_eq!(first, again);
    let bernd = app
        .store
        .user_by_email("bernd@example.de")
        .await
        .expect("lookup")
        .expect("created");
    assert!(bernd.email_verified_at.is_none());
    assert_eq!(bernd.language, "en");
    // Not confirmed yet: no session, the link is sent again.
    let res = login(&app, "bernd@example.de", PASSWORD).await;
    assert_eq!(res.status(), 403);
    assert!(set_cookie(&res, "bleibe_session").is_none());
    // The link confirms, signs in and leads to the account page.
    let token = one_time(
        &app,
        OneTimePurpose::VerifyEmail,
        Some(bernd.id),
        None,
        Duration::hours(48),
    )
    .await;
    let res = app.get(&format!("/verify/{token}")).await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/account");
    let signed_in = format!(
        "bleibe_session={}",
        cookie_value(&set_cookie(&res, "bleibe_session").expect("session"))
    );
    let res = get_with(&app, "/account", &signed_in).await;
    assert_eq!(res.status(), 200);
    assert!(res.text().await.expect("body").contains("bernd@example.de"));
    // Used once only; a bad link gets a friendly page with a way on.
    let (status, _, html) = app.text(&format!("/verify/{token}")).await;
    assert_eq!(status, 404);
    assert!(html.contains("href=\"/verify/resend\""));
    let (status, _, _) = app.text("/verify/not-a-token").await;
    assert_eq!(status, 404);
    // Now the password signs in: the first one (the second sign-up changed nothing).
    assert_eq!(
        login(&app, "bernd@example.de", PASSWORD).await.status(),
        303
    );
    let log = app.store.audit_log(None, 20).await.expect("audit");
    assert_eq!(log.iter().filter(|e| e.action == "signup").count(), 2);
}

#[tokio::test]
async fn resend_and_forgot_answer_alike_for_every_address() {
    let app = helpers::start(0).await;
    create_user(&app, "anna@example.de", false).await;
    for path in ["/verify/resend", "/password/forgot"] {
        let (status, _, html) = app.text(path).await;
        assert_eq!(status, 200, "{path}");
        assert!(html.contains("autocomplete=\"email\""));
        let (cookie, csrf) = anonymous(&app).await;
        let mut bodies = Vec::new();
        for email in ["anna@example.de", "niemand@example.de"] {
            let res = post(
                &app,
                path,
                Some(&cookie),
                &[("csrf", csrf.as_str()), ("email", email)],
            )
            .await;
            assert_eq!(res.status(), 200, "{path} {email}");
            bodies.push(res.text().await.expect("body").replace(email, "EMAIL"));
        }
        assert_eq!(bodies[0], bodies[1], "{path}");
        let res = post(
            &app,
            path,
            Some(&cookie),
            &[("csrf", csrf.as_str()), ("email", "no-address")],
        )
        .await;
        assert_eq!(res.status(), 400, "{path}");
        let html = res.text().await.expect("body");
        assert!(html.contains("aria-describedby=\"email-error\""), "{path}");
    }
}

#[tokio::test]
async fn a_reset_link_works_once_and_expires() {
    let app = helpers::start(0).await;
    let anna = create_user(&app, "anna@example.de", false).await;
    let token = one_time(
        &app,
        OneTimePurpose::ResetPassword,
        Some(anna.id),
        None,
        Duration::hours(1),
    )
    .await;
    let path = format!("/password/reset/{token}");
    // Showing the form does not use the link.
    for _ in 0..2 {
        let (status, _, html) = app.text(&path).await;
        assert_eq!(status, 200);
        assert!(html.contains(&format!("action=\"{path}\"")));
        assert!(html.contains("autocomplete=\"new-password\""));
    }
    let (cookie, csrf) = anonymous(&app).await;
    // A too short password does not use it either.
    let res = post(
        &app,
        &path,
        Some(&cookie),
        &[("csrf", csrf.as_str()), ("password", "kurz")],
    )
    .await;
    assert_eq!(res.status(), 400);
    let res = post(
        &app,
        &path,
        Some(&cookie),
        &[("csrf", csrf.as_str()), ("password", NEW_PASSWORD)],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/login?reset=1");
    let (_, _, html) = app.text("/login?reset=1").await;
    assert!(html.contains("role=\"status\""));
    // Once only.
    let res = post(
        &app,
        &path,
        Some(&cookie),
        &[
            ("csrf", csrf.as_str()),
            ("password", "ein drittes langes Passwort"),
        ],
    )
    .await;
    assert_eq!(res.status(), 404);
    assert!(res
        .text()
        .await
        .expect("body")
        .contains("href=\"/password/forgot\""));
    // The new password holds, the old does not; the link confirmed the address.
    assert_eq!(login(&app, "anna@example.de", PASSWORD).await.status(), 400);
    let signed_in = session(&app, "anna@example.de", NEW_PASSWORD).await;
    let user = app.store.user(anna.id).await.expect("user").expect("anna");
    assert!(user.email_verified_at.is_some());
    // A reset ends every session.
    let token = one_time(
        &app,
        OneTimePurpose::ResetPassword,
        Some(anna.id),
        None,
        Duration::hours(1),
    )
    .await;
    let res = post(
        &app,
        &format!("/password/reset/{token}"),
        Some(&cookie),
        &[("csrf", csrf.as_str()), ("password", PASSWORD)],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(get_with(&app, "/account", &signed_in).await.status(), 401);
    // An expired link does nothing.
    let expired = one_time(
        &app,
        OneTimePurpose::ResetPassword,
        Some(anna.id),
        None,
        Duration::minutes(-1),
    )
    .await;
    let res = post(
        &app,
        &format!("/password/reset/{expired}"),
        Some(&cookie),
        &[("csrf", csrf.as_str()), ("password", NEW_PASSWORD)],
    )
    .await;
    assert_eq!(res.status(), 404);
    assert_eq!(login(&app, "anna@example.de", PASSWORD).await.status(), 303);
    // A link for another purpose is no reset link.
    let verify = one_time(
        &app,
        OneTimePurpose::VerifyEmail,
        Some(anna.id),
        None,
        Duration::hours(1),
    )
    .await;
    let res = post(
        &app,
        &format!("/password/reset/{verify}"),
        Some(&cookie),
        &[("csrf", csrf.as_str()), ("password", NEW_PASSWORD)],
    )
    .await;
    assert_eq!(res.status(), 404);
    let log = app.store.audit_log(None, 20).await.expect("audit");
    assert_eq!(
        log.iter()
            .filter(|e| e.action == "password_changed")
            .count(),
        2
    );
}

#[tokio::test]
async fn changing_the_password_ends_the_other_sessions() {
    let app = helpers::start(0).await;
    create_user(&app, "anna@example.de", true).await;
    let here = session(&app, "anna@example.de", PASSWORD).await;
    let elsewhere = session(&app, "anna@example.de", PASSWORD).await;
    let csrf = session_csrf(&app, &here).await;
    // A wrong current password: the form again, with the message tied to the field.
    let res = post(
        &app,
        "/account/password",
        Some(&here),
        &[
            ("csrf", csrf.as_str()),
            ("current_password", "falsches passwort 123"),
            ("new_password", NEW_PASSWORD),
        ],
    )
    .await;
    assert_eq!(res.status(), 400);
    let html = res.text().await.expect("body");
    assert!(html.contains("aria-describedby=\"current_password-error\""));
    assert_eq!(get_with(&app, "/account", &elsewhere).await.status(), 200);
    let res = post(
        &app,
        "/account/password",
        Some(&here),
        &[
            ("csrf", csrf.as_str()),
            ("current_password", PASSWORD),
            ("new_password", NEW_PASSWORD),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/account?changed=1");
    let res = get_with(&app, "/account?changed=1", &here).await;
    assert_eq!(res.status(), 200);
    assert!(res.text().await.expect("body").contains("role=\"status\""));
    assert_eq!(get_with(&app, "/account", &elsewhere).await.status(), 401);
    assert_eq!(login(&app, "anna@example.de", PASSWORD).await.status(), 400);
    assert_eq!(
        login(&app, "anna@example.de", NEW_PASSWORD).await.status(),
        303
    );
    // Anonymous callers have no account page and cannot change a password.
    let (cookie, csrf) = anonymous(&app).await;
    let res = post(
        &app,
        "/account/password",
        Some(&cookie),
        &[
            ("csrf", csrf.as_str()),
            ("current_password", PASSWORD),
            ("new_password", NEW_PASSWORD),
        ],
    )
    .await;
    assert_eq!(res.status(), 401);
}

#[tokio::test]
async fn the_account_page_lists_organisations_and_the_pages_speak_english() {
    let app = helpers::start(0).await;
    let anna = create_user(&app, "anna@example.de", true).await;
    let org = app.store.employers().await.expect("employers")[0].clone();
    app.store
        .set_role(org.id, anna.id, Role::Editor)
        .await
        .expect("role");
    let cookie = session(&app, "anna@example.de", PASSWORD).await;
    let res = get_with(&app, "/account", &cookie).await;
    let html = res.text().await.expect("body");
    assert!(html.contains(&format!("href=\"/orgs/{}\"", org.id)));
    assert!(html.contains("Redaktion"));
    assert!(html.contains("href=\"/orgs/new\""));
    assert!(!html.contains("href=\"/admin\""));
    assert!(html.contains("aria-current=\"page\""));
    assert_eq!(html.matches("<h1").count(), 1);
    let res = get_with(&app, "/account?lang=en", &cookie).await;
    let html = res.text().await.expect("body");
    assert!(html.contains("<html lang=\"en\">") && html.contains("Your account"));
    let (_, _, html) = app.text("/login?lang=en").await;
    assert!(html.contains("autocomplete=\"current-password\""));
    assert!(html.contains("Forgot your password?"));
}

#[tokio::test]
async fn an_invitation_makes_a_new_account_or_joins_an_existing_one() {
    let app = helpers::start(0).await;
    let org = app.store.employers().await.expect("employers")[0].id;
    // Someone without an account: a confirmed account, the role, signed in.
    let token = one_time(
        &app,
        OneTimePurpose::Invite,
        None,
        Some(("neu@example.de", org, Role::Editor)),
        Duration::days(7),
    )
    .await;
    let path = format!("/invite/{token}");
    let (status, _, html) = app.text(&path).await;
    assert_eq!(status, 200);
    assert!(html.contains(&format!("next=%2Finvite%2F{token}")));
    let (cookie, csrf) = anonymous(&app).await;
    let res = post(
        &app,
        &path,
        Some(&cookie),
        &[
            ("csrf", csrf.as_str()),
            ("display_name", "Nora Neu"),
            ("password", "kurz"),
        ],
    )
    .await;
    assert_eq!(res.status(), 400);
    let res = post(
        &app,
        &path,
        Some(&cookie),
        &[
            ("csrf", csrf.as_str()),
            ("display_name", "Nora Neu"),
            ("password", PASSWORD),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), format!("/orgs/{org}"));
    assert!(set_cookie(&res, "bleibe_session").is_some());
    let nora = app
        .store
        .user_by_email("neu@example.de")
        .await
        .expect("lookup")
        .expect("created");
    assert!(nora.email_verified_at.is_some());
    let roles = app.store.memberships(nora.id).await.expect("memberships");
    assert_eq!(roles.len(), 1);
    assert_eq!((roles[0].org_id, roles[0].role), (org, Role::Editor));
    // Once only.
    let res = post(
        &app,
        &path,
        Some(&cookie),
        &[
            ("csrf", csrf.as_str()),
            ("display_name", "Nora Neu"),
            ("password", PASSWORD),
        ],
    )
    .await;
    assert_eq!(res.status(), 404);

    // An address with an account: sign in first, then accept.
    let anna = create_user(&app, "anna@example.de", true).await;
    let token = one_time(
        &app,
        OneTimePurpose::Invite,
        None,
        Some(("anna@example.de", org, Role::Member)),
        Duration::days(7),
    )
    .await;
    let res = post(
        &app,
        &format!("/invite/{token}"),
        Some(&cookie),
        &[
            ("csrf", csrf.as_str()),
            ("display_name", "Anna Zwei"),
            ("password", NEW_PASSWORD),
        ],
    )
    .await;
    assert_eq!(res.status(), 409);
    let html = res.text().await.expect("body");
    let marker = "/login?next=%2Finvite%2F";
    let start = html.find(marker).expect("sign-in link") + marker.len();
    let again = html[start..start + 43].to_string();
    assert_eq!(
        again, token,
        "the invitation keeps its link until it is accepted"
    );
    assert_eq!(
        login(&app, "anna@example.de", NEW_PASSWORD).await.status(),
        400
    );
    let res = post(
        &app,
        "/login",
        Some(&cookie),
        &[
            ("csrf", csrf.as_str()),
            ("email", "anna@example.de"),
            ("password", PASSWORD),
            ("next", &format!("/invite/{again}")),
        ],
    )
    .await;
    assert_eq!(location(&res), format!("/invite/{again}"));
    let signed_in = format!(
        "bleibe_session={}",
        cookie_value(&set_cookie(&res, "bleibe_session").expect("session"))
    );
    let res = get_with(&app, &format!("/invite/{again}"), &signed_in).await;
    assert_eq!(res.status(), 200);
    assert!(res.text().await.expect("body").contains("anna@example.de"));
    let session_token = session_csrf(&app, &signed_in).await;
    let res = post(
        &app,
        &format!("/invite/{again}"),
        Some(&signed_in),
        &[("csrf", session_token.as_str())],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), format!("/orgs/{org}"));
    let roles = app.store.memberships(anna.id).await.expect("memberships");
    assert_eq!((roles[0].org_id, roles[0].role), (org, Role::Member));

    // A signed-in user with another address may not accept it.
    let token = one_time(
        &app,
        OneTimePurpose::Invite,
        None,
        Some(("jemand@example.de", org, Role::Admin)),
        Duration::days(7),
    )
    .await;
    let res = post(
        &app,
        &format!("/invite/{token}"),
        Some(&signed_in),
        &[("csrf", session_token.as_str())],
    )
    .await;
    assert_eq!(res.status(), 403);
    let roles = app.store.memberships(anna.id).await.expect("memberships");
    assert_eq!(roles[0].role, Role::Member);
    let kept = app
        .store
        .one_time(
            &bleibe_web::auth::crypto::sha256_hex(token.as_bytes()),
            OneTimePurpose::Invite,
            chrono::Utc::now(),
        )
        .await
        .expect("look");
    assert!(
        kept.is_some(),
        "a refused acceptance leaves the link usable"
    );
    let log = app.store.audit_log(None, 30).await.expect("audit");
    assert_eq!(log.iter().filter(|e| e.action == "role_changed").count(), 2);
}
