//! The organisation workspace over HTTP with real sessions: founding an organisation,
//! writing, previewing and publishing jobs, who may do what, form errors, the logo.

use crate::helpers::{self, get_as, header, location, org, post_as, signed_in, TestApp, Who};
use bleibe_domain::{JobStatus, OrgKind, Role};
use bleibe_store::conformance::plain_job;
use chrono::{Duration as Days, Utc};
use std::time::{Duration, Instant};

/// Spremberg.
const SPREMBERG: i64 = 2830085;

/// An organisation made in the store, with `who` in `role`.
async fn org_with(app: &TestApp, name: &str, who: &[(&Who, Role)]) -> i64 {
    let id = org(app, name, OrgKind::Employer, SPREMBERG).await;
    for (w, role) in who {
        app.store.set_role(id, w.id, *role).await.expect("role");
    }
    id
}

/// A new user, signed in.
async fn sign_in(app: &TestApp, email: &str) -> Who {
    signed_in(app, email, false).await
}

/// A job of `org` with `status`, stored directly.
async fn job_in(app: &TestApp, org: i64, title: &str, status: JobStatus) -> i64 {
    let mut job = plain_job(org, SPREMBERG, title);
    job.status = status;
    job.demo = false;
    app.store.insert_jobs(&[job]).await.expect("job")[0]
}

/// A complete job form; `title` and `action` vary.
fn job_form<'a>(title: &'a str, action: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", title),
        ("kind", "job"),
        ("occupation", "25"),
        (
            "description",
            "Wir suchen Verstärkung.\n\nAb sofort in Vollzeit.",
        ),
        ("place", "Spremberg"),
        ("street", "Am Markt 1"),
        ("postcode", "03130"),
        ("working_time", "full_time"),
        ("working_time", "shift"),
        ("contract", "permanent"),
        ("salary_min", "3.200"),
        ("salary_max", "3900"),
        ("salary_unit", "month"),
        ("apply_email", "bewerbung@example.org"),
        ("action", action),
    ]
}

/// Founds an organisation through the form and returns its id.
async fn found(app: &TestApp, who: &Who, name: &str, kind: &str) -> i64 {
    let res = post_as(
        app,
        who,
        "/orgs/new",
        &[
            ("name", name),
            ("kind", kind),
            ("place", "Spremberg"),
            ("description", "Ein Betrieb in der Lausitz."),
            ("website", "https://example.org"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let to = location(&res);
    to.strip_prefix("/orgs/")
        .and_then(|id| id.parse().ok())
        .unwrap_or_else(|| panic!("redirect to the workspace, not {to}"))
}

/// Polls the search API for `q` until its total is `n`, up to 2 s; returns how long
/// it took.
async fn search_total(app: &TestApp, q: &str, n: u64) -> Duration {
    let t = Instant::now();
    let path = format!("/api/v1/jobs?q={}", urlencode(q));
    loop {
        let v = app.json(&path).await;
        if v["total"].as_u64() == Some(n) {
            return t.elapsed();
        }
        assert!(
            t.elapsed() < Duration::from_secs(2),
            "{path}: total {} is not {n} within 2 s",
            v["total"]
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("x", s)]).expect("encode")[2..].to_string()
}

#[tokio::test]
async fn founding_an_organisation_makes_you_its_admin() {
    let app = helpers::start(0).await;
    let (status, _) = get_as(&app, None, "/orgs/new").await;
    assert_eq!(status, 401);
    let anna = sign_in(&app, "anna@example.org").await;
    let (status, page) = get_as(&app, Some(&anna), "/orgs/new").await;
    assert_eq!(status, 200);
    assert_eq!(page.matches("<h1").count(), 1);
    assert!(page.contains(&format!("name=\"csrf\" value=\"{}\"", anna.csrf)));
    for field in ["name", "kind", "place", "description", "website"] {
        assert!(page.contains(&format!("<label for=\"{field}\"")), "{field}");
    }
    assert!(page.contains("Welcome Center"), "kinds have labels");
    assert!(
        page.contains("prüft eine Administratorin"),
        "verification note"
    );

    // A missing name comes back with everything else kept.
    let res = post_as(
        &app,
        &anna,
        "/orgs/new",
        &[
            ("name", " "),
            ("kind", "welcome_center"),
            ("place", "Spremberg"),
            ("website", "https://willkommen.example.org"),
        ],
    )
    .await;
    assert_eq!(res.status(), 400);
    let page = res.text().await.expect("body");
    assert!(page.contains("value=\"https://willkommen.example.org\""));
    assert!(page.contains("<option value=\"welcome_center\" selected>"));
    assert!(page.contains("aria-describedby=\"name-error\""), "{page}");
    assert!(page.contains("id=\"name-error\""));
    assert!(
        page.contains("href=\"#name\""),
        "the summary links to the field"
    );
    let res = post_as(
        &app,
        &anna,
        "/orgs/new",
        &[("name", "X"), ("kind", "employer"), ("place", "Xqzwvj")],
    )
    .await;
    assert_eq!(res.status(), 400);

    let id = found(&app, &anna, "Welcome Center Test", "welcome_center").await;
    let members = app.store.members(id).await.expect("members");
    assert_eq!(members.len(), 1);
    assert_eq!(members[0].0.id, anna.id);
    assert_eq!(members[0].1, Role::Admin);
    let org = app.store.employer(id).await.expect("org").expect("exists");
    assert_eq!(org.place.id, SPREMBERG);
    assert_eq!(org.kind, OrgKind::WelcomeCenter);
    assert!(!org.demo && !org.verified);
    assert_eq!(org.description, "<p>Ein Betrieb in der Lausitz.</p>");
    let log = app.store.audit_log(None, 100).await.expect("audit");
    assert!(log.iter().any(|e| e.action == "org_created"
        && e.org_id == Some(id)
        && e.actor_user_id == Some(anna.id)));
    assert!(log.iter().any(|e| e.action == "role_changed"
        && e.org_id == Some(id)
        && e.target == format!("user:{}", anna.id)
        && e.detail == "admin"));

    let (status, page) = get_as(&app, Some(&anna), &format!("/orgs/{id}")).await;
    assert_eq!(status, 200);
    assert_eq!(page.matches("<h1").count(), 1);
    assert!(page.contains("Welcome Center Test"));
    assert!(page.contains("wartet auf die Prüfung"), "not verified yet");
    assert!(page.contains(&format!("href=\"/orgs/{id}/team\"")));
    assert!(page.contains(&format!("href=\"/orgs/{id}/profile\"")));
    assert!(page.contains(&format!("href=\"/orgs/{id}/jobs/new\"")));
    // An employer does not wait for verification.
    let emp = found(&app, &anna, "Tischlerei Test", "employer").await;
    let (_, page) = get_as(&app, Some(&anna), &format!("/orgs/{emp}")).await;
    assert!(!page.contains("wartet auf die Prüfung"));

    // The profile: shown filled, saved, checked.
    let (status, page) = get_as(&app, Some(&anna), &format!("/orgs/{emp}/profile")).await;
    assert_eq!(status, 200);
    assert!(page.contains("value=\"Tischlerei Test\""));
    assert!(page.contains("enctype=\"multipart/form-data\""));
    assert!(page.contains(&format!("/orgs/{emp}/logo?csrf={}", anna.csrf)));
    let res = post_as(
        &app,
        &anna,
        &format!("/orgs/{emp}/profile"),
        &[
            ("name", "Tischlerei Neu"),
            ("kind", "employer"),
            ("place", "2939811"),
            ("website", "kein-link"),
        ],
    )
    .await;
    assert_eq!(res.status(), 400);
    assert!(res
        .text()
        .await
        .expect("body")
        .contains("value=\"kein-link\""));
    let res = post_as(
        &app,
        &anna,
        &format!("/orgs/{emp}/profile"),
        &[
            ("name", "Tischlerei Neu"),
            ("kind", "employer"),
            ("place", "2939811"),
            ("website", ""),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let org = app.store.employer(emp).await.expect("org").expect("exists");
    assert_eq!(org.name, "Tischlerei Neu");
    assert_eq!(org.place.id, 2939811);
    assert_eq!(org.website, None);

    // Verification was given for a kind: another kind that needs it waits again.
    app.store.set_verified(id, true).await.expect("verify");
    let res = post_as(
        &app,
        &anna,
        &format!("/orgs/{id}/profile"),
        &[
            ("name", "Welcome Center Test"),
            ("kind", "welcome_center"),
            ("place", "Spremberg"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert!(
        app.store
            .employer(id)
            .await
            .expect("org")
            .expect("exists")
            .verified
    );
    let res = post_as(
        &app,
        &anna,
        &format!("/orgs/{id}/profile"),
        &[
            ("name", "Welcome Center Test"),
            ("kind", "municipality"),
            ("place", "Spremberg"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let org = app.store.employer(id).await.expect("org").expect("exists");
    assert_eq!(org.kind, OrgKind::Municipality);
    assert!(!org.verified);
}

#[tokio::test]
async fn drafts_stay_private_until_published() {
    let app = helpers::start(0).await;
    let anna = sign_in(&app, "anna@example.org").await;
    let id = found(&app, &anna, "Luftschiffwerft Test", "employer").await;
    let (status, page) = get_as(&app, Some(&anna), &format!("/orgs/{id}/jobs/new")).await;
    assert_eq!(status, 200);
    assert_eq!(page.matches("<h1").count(), 1);
    assert!(page.contains("<legend>Arbeitszeit (Pflichtfeld)</legend>"));
    assert!(page.contains("<datalist id=\"occupations\">"));

    let title = "Zeppelinkapitän Draftmann";
    let res = post_as(
        &app,
        &anna,
        &format!("/orgs/{id}/jobs/new"),
        &job_form(title, "draft"),
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), format!("/orgs/{id}"));
    let jobs = app.store.jobs_of_employer(id, 10).await.expect("jobs");
    assert_eq!(jobs.len(), 1);
    let job = &jobs[0];
    assert_eq!(job.data.status, JobStatus::Draft);
    assert_eq!(job.data.place_id, SPREMBERG);
    assert_eq!(job.data.salary.map(|s| s.min), Some(3200.0));
    assert_eq!(
        job.data.description,
        "<p>Wir suchen Verstärkung.</p>\n<p>Ab sofort in Vollzeit.</p>"
    );
    let jid = job.id;

    // Not public: not in search, no page, no preview for the public.
    tokio::time::sleep(Duration::from_millis(300)).await;
    search_total(&app, "Draftmann", 0).await;
    let (status, _) = get_as(&app, None, &format!("/jobs/{jid}")).await;
    assert_eq!(status, 404);
    let (status, _) = get_as(&app, None, &format!("/orgs/{id}/jobs/{jid}/preview")).await;
    assert_eq!(status, 401);

    // Its organisation sees it as a draft, with a preview marked as such.
    let (status, page) = get_as(&app, Some(&anna), &format!("/orgs/{id}")).await;
    assert_eq!(status, 200);
    assert!(page.contains(title) && page.contains("Entwurf"));
    assert!(page.contains(&format!("action=\"/orgs/{id}/jobs/{jid}/publish\"")));
    assert!(page.contains(&format!("href=\"/orgs/{id}/jobs/{jid}/edit\"")));
    let (status, page) = get_as(&app, Some(&anna), &format!("/orgs/{id}/jobs/{jid}/preview")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Vorschau") && page.contains(title));
    assert!(page.contains("Status: Entwurf"));
    assert!(page.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(!page.contains("application/ld+json"));
    assert_eq!(page.matches("<h1").count(), 1);

    // The edit form comes back filled.
    let (status, page) = get_as(&app, Some(&anna), &format!("/orgs/{id}/jobs/{jid}/edit")).await;
    assert_eq!(status, 200);
    assert!(page.contains(&format!("value=\"{title}\"")));
    assert!(page.contains("value=\"Spremberg\""));
    assert!(page.contains("Wir suchen Verstärkung.\n\nAb sofort in Vollzeit."));
    assert!(page.contains("value=\"shift\" checked"));

    // Published: searchable within a second, and public.
    let res = post_as(&app, &anna, &format!("/orgs/{id}/jobs/{jid}/publish"), &[]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), format!("/orgs/{id}"));
    let took = search_total(&app, "Draftmann", 1).await;
    assert!(took < Duration::from_secs(1), "{took:?}");
    let (status, page) = get_as(&app, None, &format!("/jobs/{jid}")).await;
    assert_eq!(status, 200);
    assert!(page.contains(title));
    let log = app.store.audit_log(None, 100).await.expect("audit");
    assert!(log
        .iter()
        .any(|e| e.action == "job_published" && e.target == format!("job:{jid}")));

    // Edited with "publish" it stays public under its new title.
    let res = post_as(
        &app,
        &anna,
        &format!("/orgs/{id}/jobs/{jid}/edit"),
        &job_form("Zeppelinkapitän Neumann", "publish"),
    )
    .await;
    assert_eq!(res.status(), 303);
    search_total(&app, "Neumann", 1).await;

    // Unpublished, it leaves search and the public page.
    let res = post_as(
        &app,
        &anna,
        &format!("/orgs/{id}/jobs/{jid}/unpublish"),
        &[],
    )
    .await;
    assert_eq!(res.status(), 303);
    search_total(&app, "Neumann", 0).await;
    let (status, _) = get_as(&app, None, &format!("/jobs/{jid}")).await;
    assert_eq!(status, 404);
    let (_, page) = get_as(&app, Some(&anna), &format!("/orgs/{id}")).await;
    assert!(page.contains("Zurückgezogen"));

    // Duplicated: a draft copy; deleted: gone.
    let res = post_as(
        &app,
        &anna,
        &format!("/orgs/{id}/jobs/{jid}/duplicate"),
        &[],
    )
    .await;
    assert_eq!(res.status(), 303);
    let jobs = app.store.jobs_of_employer(id, 10).await.expect("jobs");
    assert_eq!(jobs.len(), 2);
    let copy = jobs.iter().find(|j| j.id != jid).expect("copy");
    assert_eq!(copy.data.status, JobStatus::Draft);
    assert_eq!(copy.data.title, "Zeppelinkapitän Neumann");
    let res = post_as(
        &app,
        &anna,
        &format!("/orgs/{id}/jobs/{}/delete", copy.id),
        &[],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert!(app.store.job(copy.id).await.expect("job").is_none());
    assert!(app
        .store
        .audit_log(None, 100)
        .await
        .expect("audit")
        .iter()
        .any(|e| e.action == "job_deleted" && e.target == format!("job:{}", copy.id)));
}

#[tokio::test]
async fn an_expired_job_leaves_search() {
    let app = helpers::start(0).await;
    let anna = sign_in(&app, "anna@example.org").await;
    let id = org_with(&app, "Verfall GmbH", &[(&anna, Role::Editor)]).await;
    // Posted ten days ago, so that it can have ended yesterday (a job posted today is
    // withdrawn instead: see the next test).
    let mut job = plain_job(id, SPREMBERG, "Fristenwächter Ablaufmann");
    job.demo = false;
    job.posted_at = Utc::now() - Days::days(10);
    let jid = app.store.insert_jobs(&[job]).await.expect("job")[0];
    search_total(&app, "Ablaufmann", 1).await;
    let (_, page) = get_as(&app, Some(&anna), &format!("/orgs/{id}")).await;
    assert!(page.contains(&format!("action=\"/orgs/{id}/jobs/{jid}/expire\"")));
    let res = post_as(&app, &anna, &format!("/orgs/{id}/jobs/{jid}/expire"), &[]).await;
    assert_eq!(res.status(), 303);
    search_total(&app, "Ablaufmann", 0).await;
    let (_, page) = get_as(&app, Some(&anna), &format!("/orgs/{id}")).await;
    assert!(page.contains("Abgelaufen"));
    assert!(
        !page.contains(&format!("/jobs/{jid}/expire\"")),
        "expired already"
    );
    let (_, page) = get_as(&app, Some(&anna), &format!("/orgs/{id}/jobs/{jid}/preview")).await;
    assert!(page.contains("Status: Abgelaufen"));
}

#[tokio::test]
async fn a_job_posted_today_is_withdrawn_by_expiring_and_its_copy_is_open() {
    let app = helpers::start(0).await;
    let anna = sign_in(&app, "anna@example.org").await;
    let id = org_with(&app, "Tagesfrist GmbH", &[(&anna, Role::Editor)]).await;
    let mut job = plain_job(id, SPREMBERG, "Eintagsfliege Schnellschluss");
    job.demo = false;
    job.posted_at = Utc::now();
    let jid = app.store.insert_jobs(&[job]).await.expect("job")[0];
    search_total(&app, "Schnellschluss", 1).await;
    let res = post_as(&app, &anna, &format!("/orgs/{id}/jobs/{jid}/expire"), &[]).await;
    assert_eq!(res.status(), 303);
    search_total(&app, "Schnellschluss", 0).await;
    let stored = app.store.job(jid).await.expect("job").expect("exists");
    assert_eq!(stored.data.status, JobStatus::Unpublished);
    assert_eq!(stored.data.valid_through, Some(Utc::now().date_naive()));

    // A copy of a job whose closing day has passed is a draft without that day.
    let mut old = plain_job(id, SPREMBERG, "Altlast Kopiervorlage");
    old.demo = false;
    old.posted_at = Utc::now() - Days::days(10);
    old.valid_through = Some((Utc::now() - Days::days(2)).date_naive());
    let old_id = app.store.insert_jobs(&[old]).await.expect("job")[0];
    let res = post_as(
        &app,
        &anna,
        &format!("/orgs/{id}/jobs/{old_id}/duplicate"),
        &[],
    )
    .await;
    assert_eq!(res.status(), 303);
    let copies: Vec<_> = app
        .store
        .jobs_of_employer(id, 10)
        .await
        .expect("jobs")
        .into_iter()
        .filter(|j| j.data.title == "Altlast Kopiervorlage" && j.id != old_id)
        .collect();
    assert_eq!(copies.len(), 1);
    assert_eq!(copies[0].data.status, JobStatus::Draft);
    assert_eq!(copies[0].data.valid_through, None);
}

#[tokio::test]
async fn an_editor_of_another_organisation_cannot_touch_its_jobs() {
    let app = helpers::start(0).await;
    let alice = sign_in(&app, "alice@example.org").await;
    let bob = sign_in(&app, "bob@example.org").await;
    let a = org_with(&app, "Betrieb A", &[(&alice, Role::Admin)]).await;
    let b = org_with(&app, "Betrieb B", &[(&bob, Role::Editor)]).await;
    let draft = job_in(&app, a, "Geheimer Entwurf", JobStatus::Draft).await;
    let public = job_in(&app, a, "Offene Stelle", JobStatus::Published).await;

    // Bob writes for B only: A's draft does not exist for him, its public job is not his.
    for (job, status) in [(draft, 404), (public, 403)] {
        for org in [a, b] {
            let (got, _) = get_as(&app, Some(&bob), &format!("/orgs/{org}/jobs/{job}/edit")).await;
            assert_eq!(got, status, "edit of job {job} via org {org}");
            let (got, _) =
                get_as(&app, Some(&bob), &format!("/orgs/{org}/jobs/{job}/preview")).await;
            assert_eq!(got, status, "preview of job {job} via org {org}");
            let res = post_as(
                &app,
                &bob,
                &format!("/orgs/{org}/jobs/{job}/edit"),
                &job_form("Übernommen", "publish"),
            )
            .await;
            assert_eq!(res.status().as_u16(), status, "post edit {job} via {org}");
            for action in ["publish", "unpublish", "expire", "duplicate", "delete"] {
                let res =
                    post_as(&app, &bob, &format!("/orgs/{org}/jobs/{job}/{action}"), &[]).await;
                assert_eq!(res.status().as_u16(), status, "{action} {job} via {org}");
            }
        }
    }
    let (status, _) = get_as(&app, Some(&bob), &format!("/orgs/{a}")).await;
    assert_eq!(status, 403);
    let (status, _) = get_as(&app, Some(&bob), &format!("/orgs/{a}/jobs/new")).await;
    assert_eq!(status, 403);
    let res = post_as(
        &app,
        &bob,
        &format!("/orgs/{a}/jobs/new"),
        &job_form("Fremd", "draft"),
    )
    .await;
    assert_eq!(res.status(), 403);
    assert_eq!(
        app.store.jobs_of_employer(a, 10).await.expect("jobs").len(),
        2
    );
    assert_eq!(
        app.store
            .job(draft)
            .await
            .expect("job")
            .expect("kept")
            .data
            .title,
        "Geheimer Entwurf"
    );
    // Alice's job via Bob's organisation is not found for Alice either.
    let (status, _) = get_as(&app, Some(&alice), &format!("/orgs/{b}/jobs/{draft}/edit")).await;
    assert_eq!(status, 404);
    // Bob may write B's jobs; editors do not edit the profile.
    let (status, _) = get_as(&app, Some(&bob), &format!("/orgs/{b}/jobs/new")).await;
    assert_eq!(status, 200);
    let (status, _) = get_as(&app, Some(&bob), &format!("/orgs/{b}/profile")).await;
    assert_eq!(status, 403);
    // Unknown organisations and jobs.
    let (status, _) = get_as(&app, Some(&alice), &format!("/orgs/{a}/jobs/999999/edit")).await;
    assert_eq!(status, 404);
    let (status, _) = get_as(&app, Some(&alice), "/orgs/abc").await;
    assert_eq!(status, 404);
    let (status, _) = get_as(&app, Some(&alice), &format!("/orgs/{a}/jobs/x/edit")).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_member_sees_the_workspace_but_does_not_write() {
    let app = helpers::start(0).await;
    let admin = sign_in(&app, "chefin@example.org").await;
    let member = sign_in(&app, "mitglied@example.org").await;
    let stranger = sign_in(&app, "fremd@example.org").await;
    let id = org_with(
        &app,
        "Pflegedienst Test",
        &[(&admin, Role::Admin), (&member, Role::Member)],
    )
    .await;
    let draft = job_in(&app, id, "Pflegefachkraft Entwurf", JobStatus::Draft).await;

    let (status, page) = get_as(&app, Some(&member), &format!("/orgs/{id}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Pflegefachkraft Entwurf"));
    assert!(!page.contains("/publish\""), "no buttons for members");
    assert!(!page.contains("/jobs/new\""));
    let res = post_as(
        &app,
        &member,
        &format!("/orgs/{id}/jobs/{draft}/publish"),
        &[],
    )
    .await;
    assert_eq!(res.status(), 403);
    let (status, _) = get_as(&app, Some(&member), &format!("/orgs/{id}/jobs/new")).await;
    assert_eq!(status, 403);
    let (status, _) = get_as(&app, Some(&member), &format!("/orgs/{id}/profile")).await;
    assert_eq!(status, 403);
    assert_eq!(
        app.store
            .job(draft)
            .await
            .expect("job")
            .expect("kept")
            .data
            .status,
        JobStatus::Draft
    );

    let (status, _) = get_as(&app, Some(&stranger), &format!("/orgs/{id}")).await;
    assert_eq!(status, 403);
    let (status, _) = get_as(&app, None, &format!("/orgs/{id}")).await;
    assert_eq!(status, 401);
    // The admin's workspace has the buttons; forms carry the CSRF token.
    let (_, page) = get_as(&app, Some(&admin), &format!("/orgs/{id}")).await;
    assert!(page.contains(&format!("action=\"/orgs/{id}/jobs/{draft}/publish\"")));
    assert!(page.contains(&format!("name=\"csrf\" value=\"{}\"", admin.csrf)));
    // Without the token a button does nothing.
    let res = app
        .client
        .post(app.url(&format!("/orgs/{id}/jobs/{draft}/publish")))
        .header("cookie", admin.cookie_header())
        .header("content-type", "application/x-www-form-urlencoded")
        .body("")
        .send()
        .await
        .expect("request");
    assert_eq!(res.status(), 403);
}

#[tokio::test]
async fn validation_errors_keep_the_input() {
    let app = helpers::start(0).await;
    let anna = sign_in(&app, "anna@example.org").await;
    let id = org_with(&app, "Bäckerei Test", &[(&anna, Role::Editor)]).await;
    let path = format!("/orgs/{id}/jobs/new");

    // The domain refuses the occupation: 400, the message at the field, nothing lost.
    let mut form = job_form("Bäckermeister Teigwerk", "publish");
    form.retain(|(k, _)| *k != "occupation");
    form.push(("occupation", "abc"));
    let res = post_as(&app, &anna, &path, &form).await;
    assert_eq!(res.status(), 400);
    let page = res.text().await.expect("body");
    assert!(page.contains("value=\"Bäckermeister Teigwerk\""), "{page}");
    assert!(page.contains("Wir suchen Verstärkung."));
    assert!(page.contains("value=\"shift\" checked"));
    assert!(page.contains("value=\"3.200\""));
    assert!(page.contains("id=\"occupation-error\""));
    assert!(page.contains("aria-describedby=\"occupation-hint occupation-error\""));
    assert!(page.contains("aria-invalid=\"true\""));
    assert!(page.contains("Berufscode der KldB 2010"));
    assert!(page.contains("role=\"alert\""));
    assert_eq!(page.matches("<h1").count(), 1);

    // Fields the form reads itself: several at once.
    let mut form = job_form("Bäckermeister Teigwerk", "draft");
    form.retain(|(k, _)| !matches!(*k, "working_time" | "place" | "salary_min"));
    form.extend([
        ("place", "Xqzwvjpl"),
        ("salary_min", "viel"),
        ("valid_through", "morgen"),
    ]);
    let res = post_as(&app, &anna, &path, &form).await;
    assert_eq!(res.status(), 400);
    let page = res.text().await.expect("body");
    // The domain's first problem (no working time) is named as well.
    for field in ["place", "working_time", "salary_min", "valid_through"] {
        assert!(page.contains(&format!("id=\"{field}-error\"")), "{field}");
    }
    assert!(page.contains("value=\"Xqzwvjpl\"") && page.contains("value=\"viel\""));
    assert!(page.contains("value=\"morgen\""));

    // Without a working time.
    let mut form = job_form("Bäckermeister Teigwerk", "draft");
    form.retain(|(k, _)| *k != "working_time");
    let res = post_as(&app, &anna, &path, &form).await;
    assert_eq!(res.status(), 400);
    let page = res.text().await.expect("body");
    assert!(page.contains("id=\"working_time-error\""));
    assert!(page.contains("aria-describedby=\"working_time-hint working_time-error\""));

    // Without a title, in English.
    let res = post_as(
        &app,
        &anna,
        &format!("{path}?lang=en"),
        &job_form("", "draft"),
    )
    .await;
    assert_eq!(res.status(), 400);
    let page = res.text().await.expect("body");
    assert!(page.contains("Give a title"), "{page}");
    assert!(page.contains("value=\"bewerbung@example.org\""));

    assert!(app
        .store
        .jobs_of_employer(id, 10)
        .await
        .expect("jobs")
        .is_empty());
}

#[tokio::test]
async fn a_script_in_a_title_stays_text() {
    let app = helpers::start(0).await;
    let anna = sign_in(&app, "anna@example.org").await;
    let id = org_with(&app, "Sicherheit GmbH", &[(&anna, Role::Admin)]).await;
    let title = "<script>alert(1)</script>";
    let res = post_as(
        &app,
        &anna,
        &format!("/orgs/{id}/jobs/new"),
        &job_form(title, "draft"),
    )
    .await;
    assert_eq!(res.status(), 303);
    let jid = app.store.jobs_of_employer(id, 1).await.expect("jobs")[0].id;
    for path in [
        format!("/orgs/{id}"),
        format!("/orgs/{id}/jobs/{jid}/preview"),
        format!("/orgs/{id}/jobs/{jid}/edit"),
    ] {
        let (status, page) = get_as(&app, Some(&anna), &path).await;
        assert_eq!(status, 200, "{path}");
        assert!(!page.contains("<script>alert(1)"), "{path}");
        assert!(page.contains("alert(1)"), "{path}");
        assert!(
            page.contains("&lt;script&gt;") || page.contains("&#60;script&#62;"),
            "{path}"
        );
    }
}

/// A multipart body with one file field `logo`.
fn multipart(filename: &str, content_type: &str, data: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----bleibe-test-boundary";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"logo\"; filename=\"{filename}\"\r\nContent-Type: {content_type}\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(data);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload(
    app: &TestApp,
    who: &Who,
    org: i64,
    csrf: &str,
    file: (String, Vec<u8>),
) -> reqwest::Response {
    app.client
        .post(app.url(&format!("/orgs/{org}/logo?csrf={csrf}")))
        .header("cookie", who.cookie_header())
        .header("content-type", file.0)
        .body(file.1)
        .send()
        .await
        .expect("request")
}

#[tokio::test]
async fn logos_are_checked_and_served() {
    let app = helpers::start(0).await;
    let admin = sign_in(&app, "chefin@example.org").await;
    let editor = sign_in(&app, "redaktion@example.org").await;
    let id = org_with(
        &app,
        "Logo GmbH",
        &[(&admin, Role::Admin), (&editor, Role::Editor)],
    )
    .await;
    let (status, _) = get_as(&app, None, &format!("/orgs/{id}/logo")).await;
    assert_eq!(status, 404, "no logo yet");

    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend_from_slice(&[7u8; 200]);

    // Admins only, and only with the CSRF token.
    let res = upload(
        &app,
        &editor,
        id,
        &editor.csrf,
        multipart("a.png", "image/png", &png),
    )
    .await;
    assert_eq!(res.status(), 403);
    let res = upload(
        &app,
        &admin,
        id,
        "wrong",
        multipart("a.png", "image/png", &png),
    )
    .await;
    assert_eq!(res.status(), 403);

    // Too large: 413 with a message, even below the router's limit.
    let mut big = png.clone();
    big.resize(600 * 1024, 0);
    let res = upload(
        &app,
        &admin,
        id,
        &admin.csrf,
        multipart("big.png", "image/png", &big),
    )
    .await;
    assert_eq!(res.status(), 413);
    assert!(res.text().await.expect("body").contains("zu groß"));

    // Text named .png, and SVG: 415 with a message.
    let res = upload(
        &app,
        &admin,
        id,
        &admin.csrf,
        multipart("logo.png", "image/png", b"Ich bin gar kein Bild."),
    )
    .await;
    assert_eq!(res.status(), 415);
    assert!(res
        .text()
        .await
        .expect("body")
        .contains("kein PNG-, JPEG- oder WebP-Bild"));
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
    let res = upload(
        &app,
        &admin,
        id,
        &admin.csrf,
        multipart("logo.svg", "image/svg+xml", svg),
    )
    .await;
    assert_eq!(res.status(), 415);
    assert!(app
        .store
        .employer(id)
        .await
        .expect("org")
        .expect("exists")
        .logo_blob_id
        .is_none());

    // A PNG is stored and served to everyone with its type, safely.
    let res = upload(
        &app,
        &admin,
        id,
        &admin.csrf,
        multipart("logo.png", "image/png", &png),
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), format!("/orgs/{id}/profile"));
    let res = app.get(&format!("/orgs/{id}/logo")).await;
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, "content-type"), "image/png");
    assert_eq!(header(&res, "x-content-type-options"), "nosniff");
    assert_eq!(header(&res, "cache-control"), "public, max-age=3600");
    assert_eq!(
        header(&res, "content-security-policy"),
        "default-src 'none'"
    );
    assert_eq!(res.bytes().await.expect("body").as_ref(), png.as_slice());
    // The workspace and the profile show it.
    let (_, page) = get_as(&app, Some(&admin), &format!("/orgs/{id}")).await;
    assert!(page.contains(&format!(
        "src=\"/orgs/{id}/logo\" alt=\"Logo von Logo GmbH\""
    )));

    // A JPEG replaces it.
    let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F'];
    let res = upload(
        &app,
        &admin,
        id,
        &admin.csrf,
        multipart("logo.jpg", "image/jpeg", &jpeg),
    )
    .await;
    assert_eq!(res.status(), 303);
    let res = app.get(&format!("/orgs/{id}/logo")).await;
    assert_eq!(header(&res, "content-type"), "image/jpeg");
    let (status, _) = get_as(&app, None, "/orgs/999999/logo").await;
    assert_eq!(status, 404);
}
