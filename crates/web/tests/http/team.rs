//! Teams, API tokens, platform and network administration, network portals and the job
//! widget, over HTTP with real sessions.

use crate::helpers::{self, get_as, location, org, post_as, shared, signed_in, TestApp};
use bleibe_domain::{AuditEntry, OrgKind, Role};
use bleibe_store::accounts::NewNetwork;
use bleibe_web::auth::crypto::sha256_hex;
use chrono::Utc;

/// Cottbus.
const COTTBUS: i64 = 2939811;

async fn audit_actions(app: &TestApp) -> Vec<AuditEntry> {
    app.store.audit_log(None, 1000).await.expect("audit")
}

async fn bearer_status(app: &TestApp, token: &str) -> (u16, String, String) {
    let res = app
        .client
        .get(app.url("/api/v1/jobs?per_page=1"))
        .header("authorization", format!("Bearer {token}"))
        .send()
        .await
        .expect("request");
    let status = res.status().as_u16();
    let ct = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (status, ct, res.text().await.expect("body"))
}

#[tokio::test]
async fn tokens_are_shown_once_and_work_until_revoked() {
    let app = helpers::start(20).await;
    let admin = signed_in(&app, "admin@example.org", false).await;
    let id = org(&app, "Tischlerei Test", OrgKind::Employer, COTTBUS).await;
    app.store
        .set_role(id, admin.id, Role::Admin)
        .await
        .expect("role");

    // Without the CSRF token the form is refused.
    let res = app
        .client
        .post(app.url(&format!("/orgs/{id}/tokens")))
        .header("cookie", admin.cookie_header())
        .header("content-type", "application/x-www-form-urlencoded")
        .body("name=x&scope=jobs%3Awrite")
        .send()
        .await
        .expect("request");
    assert_eq!(res.status(), 403);
    // A token needs a name and a scope.
    let res = post_as(
        &app,
        &admin,
        &format!("/orgs/{id}/tokens"),
        &[("name", "x")],
    )
    .await;
    assert_eq!(res.status(), 400);
    let res = post_as(
        &app,
        &admin,
        &format!("/orgs/{id}/tokens"),
        &[("name", " "), ("scope", "jobs:write")],
    )
    .await;
    assert_eq!(res.status(), 400);
    let res = post_as(
        &app,
        &admin,
        &format!("/orgs/{id}/tokens"),
        &[("name", "x"), ("scope", "everything")],
    )
    .await;
    assert_eq!(res.status(), 400);

    let res = post_as(
        &app,
        &admin,
        &format!("/orgs/{id}/tokens"),
        &[("name", "ATS-Export"), ("scope", "jobs:write")],
    )
    .await;
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    let page = res.text().await.expect("body");
    let start = page.find("bleibe_").expect("the token is shown");
    let token: String = page[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
        .collect();
    assert_eq!(token.len(), "bleibe_".len() + 43, "{token}");
    assert!(page.contains("nur dieses eine Mal"), "{page}");

    // The team page lists it by name, never the secret.
    let (status, team) = get_as(&app, Some(&admin), &format!("/orgs/{id}/team")).await;
    assert_eq!(status, 200);
    assert!(team.contains("ATS-Export"));
    assert!(!team.contains(&token));
    assert!(team.contains("<caption>"));
    // Only the hash is stored.
    let stored = app.store.api_tokens(id).await.expect("tokens");
    assert_eq!(stored.len(), 1);
    assert!(app
        .store
        .api_token_by_hash(&sha256_hex(token.as_bytes()))
        .await
        .expect("lookup")
        .is_some());

    // It works as a bearer token; a garbage one is refused with a problem document.
    let (status, _, _) = bearer_status(&app, &token).await;
    assert_eq!(status, 200);
    let (status, ct, body) = bearer_status(&app, "bleibe_garbage").await;
    assert_eq!(status, 401);
    assert_eq!(ct, "application/problem+json");
    assert!(body.contains("\"status\":401"), "{body}");

    // Creation is audited, without the secret.
    let log = audit_actions(&app).await;
    let created = log
        .iter()
        .find(|e| e.action == "token_created")
        .expect("token_created");
    assert_eq!(created.org_id, Some(id));
    assert_eq!(created.actor_user_id, Some(admin.id));
    assert!(log
        .iter()
        .all(|e| !e.detail.contains(&token) && !e.target.contains(&token)));

    // Revoked, it no longer works.
    let tid = stored[0].id;
    let res = post_as(
        &app,
        &admin,
        &format!("/orgs/{id}/tokens/{tid}/revoke"),
        &[],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), format!("/orgs/{id}/team"));
    let (status, ct, _) = bearer_status(&app, &token).await;
    assert_eq!(status, 401);
    assert_eq!(ct, "application/problem+json");
    assert!(audit_actions(&app)
        .await
        .iter()
        .any(|e| e.action == "token_revoked" && e.target == format!("token:{tid}")));
    let (_, team) = get_as(&app, Some(&admin), &format!("/orgs/{id}/team")).await;
    assert!(team.contains("Widerrufen am"));
    // Another organisation's token id is not found.
    let res = post_as(
        &app,
        &admin,
        &format!("/orgs/{id}/tokens/999999/revoke"),
        &[],
    )
    .await;
    assert_eq!(res.status(), 404);
}

#[tokio::test]
async fn only_admins_manage_members_and_tokens() {
    let app = helpers::start(0).await;
    let admin = signed_in(&app, "chefin@example.org", false).await;
    let editor = signed_in(&app, "redaktion@example.org", false).await;
    let stranger = signed_in(&app, "fremd@example.org", false).await;
    let id = org(&app, "Bäckerei Test", OrgKind::Employer, COTTBUS).await;
    app.store
        .set_role(id, admin.id, Role::Admin)
        .await
        .expect("role");
    app.store
        .set_role(id, editor.id, Role::Editor)
        .await
        .expect("role");

    // Members see the team; only admins get the forms.
    let (status, page) = get_as(&app, Some(&editor), &format!("/orgs/{id}/team")).await;
    assert_eq!(status, 200);
    assert!(page.contains("chefin"));
    assert!(!page.contains("/tokens\""), "no token form for editors");
    assert!(
        !page.contains("chefin@example.org"),
        "addresses for admins only"
    );
    let (_, page) = get_as(&app, Some(&admin), &format!("/orgs/{id}/team")).await;
    assert!(page.contains(&format!("action=\"/orgs/{id}/tokens\"")));
    assert!(page.contains(&format!("action=\"/orgs/{id}/members\"")));
    assert!(page.contains(&format!("name=\"csrf\" value=\"{}\"", admin.csrf)));
    assert_eq!(page.matches("<h1").count(), 1);

    let res = post_as(
        &app,
        &editor,
        &format!("/orgs/{id}/tokens"),
        &[("name", "mine"), ("scope", "jobs:write")],
    )
    .await;
    assert_eq!(res.status(), 403);
    let res = post_as(
        &app,
        &editor,
        &format!("/orgs/{id}/members/{}/role", editor.id),
        &[("role", "admin")],
    )
    .await;
    assert_eq!(res.status(), 403);
    let res = post_as(
        &app,
        &editor,
        &format!("/orgs/{id}/members/{}/remove", admin.id),
        &[],
    )
    .await;
    assert_eq!(res.status(), 403);
    let res = post_as(
        &app,
        &editor,
        &format!("/orgs/{id}/members"),
        &[("email", "neu@example.org"), ("role", "admin")],
    )
    .await;
    assert_eq!(res.status(), 403);
    assert!(app.store.api_tokens(id).await.expect("tokens").is_empty());

    // Strangers and the anonymous public see nothing.
    let (status, _) = get_as(&app, Some(&stranger), &format!("/orgs/{id}/team")).await;
    assert_eq!(status, 403);
    let (status, _) = get_as(&app, None, &format!("/orgs/{id}/team")).await;
    assert_eq!(status, 401);
    let (status, _) = get_as(&app, Some(&admin), "/orgs/abc/team").await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn roles_change_invitations_go_out_and_the_last_admin_stays() {
    let app = helpers::start(0).await;
    let admin = signed_in(&app, "admin@example.org", false).await;
    let colleague = signed_in(&app, "kollege@example.org", false).await;
    let id = org(&app, "Pflegedienst Test", OrgKind::Employer, COTTBUS).await;
    app.store
        .set_role(id, admin.id, Role::Admin)
        .await
        .expect("role");

    // The only admin can neither step down nor be removed.
    let res = post_as(
        &app,
        &admin,
        &format!("/orgs/{id}/members/{}/role", admin.id),
        &[("role", "editor")],
    )
    .await;
    assert_eq!(res.status(), 400);
    let page = res.text().await.expect("body");
    assert!(page.contains("einzige"), "{page}");
    let res = post_as(
        &app,
        &admin,
        &format!("/orgs/{id}/members/{}/remove", admin.id),
        &[],
    )
    .await;
    assert_eq!(res.status(), 400);
    // Someone who is not a member is not found; a bad role is a 400.
    let res = post_as(
        &app,
        &admin,
        &format!("/orgs/{id}/members/{}/role", colleague.id),
        &[("role", "editor")],
    )
    .await;
    assert_eq!(res.status(), 404);

    app.store
        .set_role(id, colleague.id, Role::Member)
        .await
        .expect("role");
    let res = post_as(
        &app,
        &admin,
        &format!("/orgs/{id}/members/{}/role", colleague.id),
        &[("role", "boss")],
    )
    .await;
    assert_eq!(res.status(), 400);
    let res = post_as(
        &app,
        &admin,
        &format!("/orgs/{id}/members/{}/role", colleague.id),
        &[("role", "admin")],
    )
    .await;
    assert_eq!(res.status(), 303);
    let roles = app.store.members(id).await.expect("members");
    assert!(roles
        .iter()
        .any(|(u, r)| u.id == colleague.id && *r == Role::Admin));
    let log = audit_actions(&app).await;
    assert!(log.iter().any(|e| e.action == "role_changed"
        && e.target == format!("user:{}", colleague.id)
        && e.org_id == Some(id)));
    // With a second admin the first may step down, and then be removed.
    let res = post_as(
        &app,
        &admin,
        &format!("/orgs/{id}/members/{}/role", admin.id),
        &[("role", "editor")],
    )
    .await;
    assert_eq!(res.status(), 303);
    let res = post_as(
        &app,
        &colleague,
        &format!("/orgs/{id}/members/{}/remove", admin.id),
        &[],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(app.store.members(id).await.expect("members").len(), 1);
    assert!(audit_actions(&app)
        .await
        .iter()
        .any(|e| e.action == "member_removed" && e.target == format!("user:{}", admin.id)));

    // Invitations: checked, stored as a one-time link, mailed and audited.
    let res = post_as(
        &app,
        &colleague,
        &format!("/orgs/{id}/members"),
        &[("email", "kein-at-zeichen"), ("role", "editor")],
    )
    .await;
    assert_eq!(res.status(), 400);
    let res = post_as(
        &app,
        &colleague,
        &format!("/orgs/{id}/members"),
        &[("email", "neu@example.org"), ("role", "chef")],
    )
    .await;
    assert_eq!(res.status(), 400);
    let res = post_as(
        &app,
        &colleague,
        &format!("/orgs/{id}/members"),
        &[("email", "kollege@example.org"), ("role", "editor")],
    )
    .await;
    assert_eq!(res.status(), 409, "already a member");
    let res = post_as(
        &app,
        &colleague,
        &format!("/orgs/{id}/members"),
        &[("email", " Neu@Example.org "), ("role", "editor")],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), format!("/orgs/{id}/team?invited=1"));
    let invited = audit_actions(&app)
        .await
        .into_iter()
        .find(|e| e.action == "invited")
        .expect("invited");
    assert_eq!(invited.org_id, Some(id));
    assert_eq!(invited.target, "email:neu@example.org");
    assert_eq!(invited.detail, "editor");
    assert_eq!(invited.actor_user_id, Some(colleague.id));
    let (_, page) = get_as(
        &app,
        Some(&colleague),
        &format!("/orgs/{id}/team?invited=1"),
    )
    .await;
    assert!(page.contains("Einladung wurde verschickt"));
}

#[tokio::test]
async fn platform_admins_verify_organisations_and_read_the_audit_log() {
    let app = helpers::start(0).await;
    let operator = signed_in(&app, "betrieb@example.org", true).await;
    let mayor = signed_in(&app, "rathaus@example.org", false).await;
    let id = org(&app, "Stadt Teststadt", OrgKind::Municipality, COTTBUS).await;
    app.store
        .set_role(id, mayor.id, Role::Admin)
        .await
        .expect("role");

    let (status, _) = get_as(&app, None, "/admin").await;
    assert_eq!(status, 401);
    let (status, _) = get_as(&app, Some(&mayor), "/admin").await;
    assert_eq!(status, 403);
    let (status, _) = get_as(&app, Some(&mayor), "/admin/audit").await;
    assert_eq!(status, 403);
    let res = post_as(&app, &mayor, &format!("/admin/orgs/{id}/verify"), &[]).await;
    assert_eq!(res.status(), 403);

    let (status, page) = get_as(&app, Some(&operator), "/admin").await;
    assert_eq!(status, 200);
    assert!(page.contains("Stadt Teststadt"));
    assert!(page.contains("/admin/audit"));
    assert_eq!(
        page.matches("/verify\"").count(),
        1,
        "employers do not wait for verification"
    );
    let res = post_as(&app, &operator, &format!("/admin/orgs/{id}/verify"), &[]).await;
    assert_eq!(res.status(), 303);
    let m = app.store.memberships(mayor.id).await.expect("memberships");
    assert!(m.iter().any(|m| m.org_id == id && m.verified));
    let (_, page) = get_as(&app, Some(&operator), "/admin").await;
    assert!(
        !page.contains("Stadt Teststadt"),
        "verified: no longer waiting"
    );
    let res = post_as(&app, &operator, "/admin/orgs/999999/verify", &[]).await;
    assert_eq!(res.status(), 404);

    // The audit log: newest first, with the actor's address; 50 to a page.
    app.store
        .audit(&AuditEntry {
            id: 0,
            at: Utc::now(),
            actor_user_id: None,
            actor_token_id: None,
            action: "login_failed".into(),
            org_id: None,
            target: "account:niemand@example.org".into(),
            detail: String::new(),
            ip: Some("192.0.2.7".into()),
        })
        .await
        .expect("audit");
    let (status, page) = get_as(&app, Some(&operator), "/admin/audit").await;
    assert_eq!(status, 200);
    assert!(page.contains("login_failed") && page.contains("192.0.2.7"));
    assert!(page.contains("org_verified") && page.contains("betrieb@example.org"));
    assert!(page.find("login_failed") < page.find("org_verified"));
    assert!(page.contains("scope=\"col\""));
    assert!(!page.contains("rel=\"next\""), "one page only");
    for n in 0..60 {
        app.store
            .audit(&AuditEntry {
                id: 0,
                at: Utc::now(),
                actor_user_id: Some(mayor.id),
                actor_token_id: None,
                action: "job_published".into(),
                org_id: Some(id),
                target: format!("job:{n}"),
                detail: String::new(),
                ip: None,
            })
            .await
            .expect("audit");
    }
    let (_, page) = get_as(&app, Some(&operator), "/admin/audit").await;
    assert!(page.contains("job:59") && !page.contains("login_failed"));
    let start = page.find("/admin/audit?before=").expect("older link");
    let href: String = page[start..].chars().take_while(|c| *c != '"').collect();
    let (status, older) = get_as(&app, Some(&operator), &href).await;
    assert_eq!(status, 200);
    assert!(older.contains("login_failed") && !older.contains("job:59"));
    let (status, _) = get_as(&app, Some(&operator), "/admin/audit?before=abc").await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn networks_have_a_portal_and_admins_for_their_own_members() {
    let app = helpers::start(200).await;
    let operator = signed_in(&app, "betrieb@example.org", true).await;
    let net_admin = signed_in(&app, "netz@example.org", false).await;
    let outsider = signed_in(&app, "aussen@example.org", false).await;
    let inside = org(&app, "Landkreis Innen", OrgKind::County, COTTBUS).await;
    let outside = org(&app, "Landkreis Außen", OrgKind::County, COTTBUS).await;
    // The network's area: the place of a demo job; the portal shows its newest jobs.
    let place = app.store.jobs_after(0, 1).await.expect("jobs")[0].place.id;
    let (_, at_place) = app
        .store
        .jobs_at_place(place, Utc::now().date_naive(), 1)
        .await
        .expect("jobs at place");
    let job = at_place.into_iter().next().expect("an open job there");
    let network = app
        .store
        .create_network(&NewNetwork {
            slug: "test-netz".into(),
            name: "Fachkräftenetz Test".into(),
            description: "Ein Netzwerk für Tests.".into(),
            place_ids: vec![place],
            org_ids: vec![inside],
            demo: true,
        })
        .await
        .expect("network");
    let nid = network.id;
    app.store
        .add_network_admin(nid, net_admin.id)
        .await
        .expect("admin");

    // The portal is public.
    let (status, page) = get_as(&app, None, "/n/test-netz").await;
    assert_eq!(status, 200);
    assert!(page.contains("Fachkräftenetz Test"));
    assert!(page.contains("Landkreis Innen") && !page.contains("Landkreis Außen"));
    assert!(page.contains(&format!("/jobs?network={nid}")));
    assert!(page.contains(&format!("/api/v1/jobs?network={nid}")));
    assert!(
        page.contains("class=\"badge demo\""),
        "demo networks are labelled"
    );
    assert!(
        page.contains(&format!("/jobs/{}", job.id)),
        "newest jobs of the area"
    );
    assert_eq!(page.matches("<h1").count(), 1);
    let (status, _) = get_as(&app, None, "/n/kein-netz").await;
    assert_eq!(status, 404);

    // Its administration: its admins and platform admins only.
    let (status, _) = get_as(&app, None, &format!("/networks/{nid}/admin")).await;
    assert_eq!(status, 401);
    let (status, _) = get_as(&app, Some(&outsider), &format!("/networks/{nid}/admin")).await;
    assert_eq!(status, 403);
    let (status, page) = get_as(&app, Some(&net_admin), &format!("/networks/{nid}/admin")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Landkreis Innen"));
    assert!(page.contains("/embed/jobs?network="));
    let (status, _) = get_as(&app, Some(&operator), "/networks/999999/admin").await;
    assert_eq!(status, 404);

    let res = post_as(
        &app,
        &outsider,
        &format!("/networks/{nid}/orgs/{inside}/verify"),
        &[],
    )
    .await;
    assert_eq!(res.status(), 403);
    let res = post_as(
        &app,
        &net_admin,
        &format!("/networks/{nid}/orgs/{outside}/verify"),
        &[],
    )
    .await;
    assert_eq!(res.status(), 404, "not a member of the network");
    let res = post_as(
        &app,
        &net_admin,
        &format!("/networks/{nid}/orgs/{inside}/verify"),
        &[],
    )
    .await;
    assert_eq!(res.status(), 303);
    let orgs = app.store.employers().await.expect("employers");
    assert!(orgs.iter().any(|o| o.id == inside && o.verified));
    assert!(orgs.iter().any(|o| o.id == outside && !o.verified));
    assert!(audit_actions(&app)
        .await
        .iter()
        .any(|e| e.action == "org_verified"
            && e.org_id == Some(inside)
            && e.actor_user_id == Some(net_admin.id)));

    // The widget for the network lists the area's jobs.
    let (status, page) = get_as(&app, None, &format!("/embed/jobs?network={nid}&limit=20")).await;
    assert_eq!(status, 200);
    assert!(page.contains(&format!("href=\"/jobs/{}\"", job.id)));
    assert!(page.contains("Fachkräftenetz Test"));
    // A network without an area has no jobs (not every job).
    let empty = app
        .store
        .create_network(&NewNetwork {
            slug: "leer".into(),
            name: "Leeres Netz".into(),
            description: String::new(),
            place_ids: Vec::new(),
            org_ids: Vec::new(),
            demo: false,
        })
        .await
        .expect("network");
    let (status, page) = get_as(&app, None, "/n/leer").await;
    assert_eq!(status, 200);
    assert!(page.contains("keine offenen Stellen") && !page.contains("class=\"card\""));
    assert!(!page.contains("class=\"badge demo\""));
    let (_, page) = get_as(&app, None, &format!("/embed/jobs?network={}", empty.id)).await;
    assert!(!page.contains("<li>"), "{page}");
    let (status, _) = get_as(&app, None, "/embed/jobs?network=999999").await;
    assert_eq!(status, 404);
    let (status, _) = get_as(&app, None, "/embed/jobs?network=abc").await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn the_widget_is_a_small_standalone_list() {
    let app = shared();
    let res = app.get("/embed/jobs?limit=3&lang=en").await;
    assert_eq!(res.status(), 200);
    let ct = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    assert!(ct.starts_with("text/html"), "{ct}");
    let page = res.text().await.expect("body");
    assert!(page.contains("<html lang=\"en\">"));
    assert!(!page.contains("site-header") && !page.contains("site-footer"));
    assert!(!page.contains("csrf"), "no forms, nothing per visitor");
    // Three jobs and the link to the whole search, each in a new tab.
    assert_eq!(page.matches("<li>").count(), 3, "{page}");
    assert_eq!(
        page.matches("target=\"_blank\" rel=\"noopener\"").count(),
        4
    );
    let (status, _, page) = app.text("/embed/jobs?q=Pflege").await;
    assert_eq!(status, 200);
    assert!(page.contains("/jobs?q=Pflege"));
    assert_eq!(page.matches("<li>").count(), 5, "five by default");
    for bad in [
        "/embed/jobs?limit=0",
        "/embed/jobs?limit=21",
        "/embed/jobs?limit=x",
    ] {
        let (status, _, _) = app.text(bad).await;
        assert_eq!(status, 400, "{bad}");
    }
}
