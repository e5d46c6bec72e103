//! The authorisation matrix: every route of the application × every kind of caller,
//! against the answer the policy should give. The route list comes from the
//! application itself (`bleibe_web::routes::all`), so a new route without an entry
//! here fails the test.

use super::helpers::{anonymous, new_user, org, session_for, start, TestApp};
use bleibe_domain::cooperation::{
    NewContact, NewEvent, NewIdea, NewMeasure, NewRegistration, NewTask, NewWorkingGroup,
};
use bleibe_domain::{JobStatus, OrgKind, Role};
use bleibe_store::accounts::NewNetwork;
use bleibe_web::auth::crypto::sha256_hex;
use bleibe_web::auth::issue;
use std::collections::BTreeMap;

/// The callers, in column order.
const ACTORS: [&str; 7] = [
    "anonymous",
    "talent",
    "editor A",
    "editor B",
    "admin A",
    "network admin",
    "platform admin",
];

/// What a caller should get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    /// Allowed: anything but 401, 403, 404 and 5xx (a 400 for a deliberately thin form
    /// body still shows that the policy let the request through).
    Ok,
    /// Allowed, and the answer may be 404 (a page about a one-time link that does not
    /// exist): anything but 401, 403 and 5xx.
    Open,
    /// 401: sign in first.
    Unauth,
    /// 403: not permitted.
    Forbid,
    /// 404: not permitted, and the thing's existence is private.
    Hidden,
}
use Want::{Forbid as F, Hidden as H, Ok as O, Open as P, Unauth as U};

/// A caller as the requests carry it: a `Cookie` header and the CSRF token of forms.
struct Actor {
    cookie: String,
    csrf: String,
}

struct Fixture {
    /// The signed-in callers' user ids, in [`ACTORS`] order after the anonymous one.
    users: Vec<i64>,
    org_a: i64,
    org_b: i64,
    network: i64,
    network_slug: String,
    member_of_a: i64,
    actors: Vec<Actor>,
    /// A working group of the network.
    group: i64,
    /// A task of that group, without owner.
    task: i64,
    /// A public event of A in the network, with a registration.
    event: i64,
    registration: i64,
    /// An idea of A in the network.
    idea: i64,
}

/// A new session of a user.
async fn session(app: &TestApp, user_id: i64) -> Actor {
    let who = session_for(app, user_id).await;
    Actor {
        cookie: who.cookie_header(),
        csrf: who.csrf,
    }
}

async fn fixture(app: &TestApp) -> Fixture {
    let org_a = org(app, "Matrix A GmbH", OrgKind::Employer, 2_939_811).await;
    let org_b = org(app, "Matrix B GmbH", OrgKind::Employer, 2_939_811).await;
    let logo = app
        .store
        .put_blob("image/png", &sha256_hex(b"png"), b"\x89PNG\r\n\x1a\n")
        .await
        .expect("blob");
    app.store.set_logo(org_a, Some(logo)).await.expect("logo");
    let talent = new_user(app, "talent@example.org", false).await;
    let editor_a = new_user(app, "editor.a@example.org", false).await;
    let editor_b = new_user(app, "editor.b@example.org", false).await;
    let admin_a = new_user(app, "admin.a@example.org", false).await;
    let net_admin = new_user(app, "netz@example.org", false).await;
    let platform = new_user(app, "betrieb@example.org", true).await;
    let member_of_a = new_user(app, "member.a@example.org", false).await;
    for (org, u, role) in [
        (org_a, editor_a, Role::Editor),
        (org_b, editor_b, Role::Editor),
        (org_a, admin_a, Role::Admin),
        (org_a, member_of_a, Role::Member),
    ] {
        app.store.set_role(org, u, role).await.expect("role");
    }
    let network = app
        .store
        .create_network(&NewNetwork {
            slug: "matrix-netz".into(),
            name: "Matrix-Netz".into(),
            description: String::new(),
            place_ids: vec![2_939_811],
            org_ids: vec![org_a],
            demo: false,
        })
        .await
        .expect("network");
    app.store
        .add_network_admin(network.id, net_admin)
        .await
        .expect("network admin");
    let users = vec![talent, editor_a, editor_b, admin_a, net_admin, platform];
    let group = app
        .store
        .create_group(&NewWorkingGroup {
            network_id: network.id,
            name: "AG Matrix".into(),
            description: String::new(),
            lead_user_id: None,
            demo: false,
        })
        .await
        .expect("group")
        .id;
    let task = app
        .store
        .create_task(&NewTask {
            group_id: group,
            title: "Protokoll".into(),
            owner_user_id: None,
            due: None,
        })
        .await
        .expect("task")
        .id;
    let event = new_event(app, org_a, network.id).await;
    let registration = app
        .store
        .register(
            event,
            &NewRegistration {
                name: "Gast".into(),
                email: "gast@example.org".into(),
                organisation: String::new(),
                user_id: None,
                slot: None,
                cancel_hash: sha256_hex(b"matrix-gast"),
            },
        )
        .await
        .expect("registration")
        .id;
    let idea = new_idea(app, org_a, network.id).await;
    let (cookie, csrf) = anonymous(app).await;
    let mut actors = vec![Actor { cookie, csrf }];
    for u in &users {
        actors.push(session(app, *u).await);
    }
    Fixture {
        users,
        org_a,
        org_b,
        network: network.id,
        network_slug: network.slug,
        member_of_a,
        actors,
        group,
        task,
        event,
        registration,
        idea,
    }
}

fn measure_json(org: i64, network: i64) -> serde_json::Value {
    serde_json::json!({
        "org_id": org, "all_networks": false, "network_ids": [network],
        "title": "Matrix-Maßnahme", "cluster": "social", "field": "welcome_culture",
        "start_date": null, "end_date": null, "budget_eur": null, "funding": null,
        "status": "running", "visibility": "members", "version": 1
    })
}

fn event_json(org: i64, network: i64) -> serde_json::Value {
    let start = chrono::Utc::now() + chrono::Duration::days(10);
    serde_json::json!({
        "org_id": org, "network_id": network, "working_group_id": null,
        "kind": "info_event", "title": "Matrix-Termin", "online_url": null,
        "starts_at": start.to_rfc3339(),
        "ends_at": (start + chrono::Duration::hours(2)).to_rfc3339(),
        "capacity": 100, "visibility": "public", "version": 1
    })
}

/// A members-only measure of `org` shared with `network`.
async fn new_measure(app: &TestApp, org: i64, network: i64) -> i64 {
    let m: NewMeasure = serde_json::from_value(measure_json(org, network)).expect("measure");
    app.store.create_measure(&m).await.expect("measure").id
}

/// A public event of `org` in `network`.
async fn new_event(app: &TestApp, org: i64, network: i64) -> i64 {
    let e: NewEvent = serde_json::from_value(event_json(org, network)).expect("event");
    app.store.create_event(&e).await.expect("event").id
}

/// An idea of `org` in `network`, in stage `idea`.
async fn new_idea(app: &TestApp, org: i64, network: i64) -> i64 {
    app.store
        .create_idea(&NewIdea {
            network_id: network,
            working_group_id: None,
            org_id: org,
            title: "Matrix-Idee".into(),
            summary: String::new(),
            institution_ids: vec![],
            demo: false,
        })
        .await
        .expect("idea")
        .id
}

/// A fresh job of organisation A (so that one caller's delete does not change what the
/// next one sees).
async fn job(app: &TestApp, fx: &Fixture, status: JobStatus) -> i64 {
    let mut j = bleibe_store::conformance::plain_job(fx.org_a, 2_939_811, "Matrix-Stelle");
    j.status = status;
    app.store.insert_jobs(&[j]).await.expect("job")[0]
}

fn job_json(org: i64) -> serde_json::Value {
    serde_json::json!({
        "title": "Elektroniker (m/w/d)",
        "kind": "job",
        "description": "<p>Schichtarbeit</p>",
        "place": 2939811,
        "occupation": "26",
        "working_time": ["full_time"],
        "contract": "permanent",
        "apply": {"url": "https://example.org/bewerbung"},
        "organisation_id": org
    })
}

/// The concrete request for a route pattern, made fresh for each caller.
async fn concrete(
    app: &TestApp,
    fx: &Fixture,
    pattern: &str,
) -> (String, Option<serde_json::Value>) {
    let a = fx.org_a;
    let path = match pattern {
        "/jobs/{id}" | "/api/v1/jobs/{id}" => {
            let j = job(app, fx, JobStatus::Published).await;
            pattern.replace("{id}", &j.to_string())
        }
        "/places/{id}"
        | "/api/v1/places/{id}"
        | "/places/{id}/profile/edit"
        | "/api/v1/places/{id}/profile" => pattern.replace("{id}", "2939811"),
        "/lang/{code}" => "/lang/en".into(),
        // Saved wishes of nobody: the callers may ask, and get 404.
        "/leben-und-arbeiten/saved/{id}/delete" => pattern.replace("{id}", "999999"),
        "/n/{slug}" => format!("/n/{}", fx.network_slug),
        "/api/v1/organisations/{id}"
        | "/orgs/{id}"
        | "/orgs/{id}/logo"
        | "/orgs/{id}/team"
        | "/orgs/{id}/profile"
        | "/orgs/{id}/jobs/new"
        | "/orgs/{id}/members"
        | "/orgs/{id}/tokens" => pattern.replace("{id}", &a.to_string()),
        p if p.starts_with("/orgs/{id}/jobs/{job}") => {
            // Drafts: their existence is private to those who may write them.
            let j = job(app, fx, JobStatus::Draft).await;
            p.replace("{id}", &a.to_string())
                .replace("{job}", &j.to_string())
        }
        p if p.starts_with("/orgs/{id}/members/{user}") => p
            .replace("{id}", &a.to_string())
            .replace("{user}", &fx.member_of_a.to_string()),
        p if p.starts_with("/orgs/{id}/tokens/{token}") => {
            let (_, t) = issue::api_token(
                app.store.as_ref(),
                a,
                "Matrix",
                &[bleibe_domain::Scope::JobsWrite],
                None,
            )
            .await
            .expect("token");
            p.replace("{id}", &a.to_string())
                .replace("{token}", &t.id.to_string())
        }
        "/admin/orgs/{id}/verify" => pattern.replace("{id}", &fx.org_b.to_string()),
        "/networks/{id}/admin" => pattern.replace("{id}", &fx.network.to_string()),
        "/api/v1/networks/{id}" => pattern.replace("{id}", &fx.network.to_string()),
        "/networks/{id}/contacts/{contact}/remove" => {
            // A fresh listing of A's admin each time (the first allowed caller removes it).
            let c = app
                .store
                .add_contact(&NewContact {
                    network_id: fx.network,
                    org_id: a,
                    user_id: Some(fx.users[3]),
                    name: "Admin A".into(),
                    function: String::new(),
                    email: "admin.a@example.org".into(),
                    phone: String::new(),
                    consent_at: chrono::Utc::now(),
                    demo: false,
                })
                .await
                .expect("contact");
            pattern
                .replace("{id}", &fx.network.to_string())
                .replace("{contact}", &c.id.to_string())
        }
        p if p.starts_with("/networks/{id}") && !p.contains("{org}") => {
            p.replace("{id}", &fx.network.to_string())
        }
        "/measures/new" | "/events/new" => format!("{pattern}?org={a}"),
        p if p.starts_with("/measures/{id}") => {
            let m = new_measure(app, a, fx.network).await;
            p.replace("{id}", &m.to_string())
        }
        // A fresh event each time (the first allowed caller calls it off).
        "/events/{id}/cancel" => {
            let e = new_event(app, a, fx.network).await;
            pattern.replace("{id}", &e.to_string())
        }
        p if p.starts_with("/events/{id}") => p.replace("{id}", &fx.event.to_string()),
        p if p.starts_with("/ideas/{id}/decide") => {
            let i = new_idea(app, a, fx.network).await;
            p.replace("{id}", &i.to_string())
        }
        p if p.starts_with("/ideas/{id}") => p.replace("{id}", &fx.idea.to_string()),
        p if p.starts_with("/working-groups/{id}") => p
            .replace("{id}", &fx.group.to_string())
            .replace("{task}", &fx.task.to_string()),
        "/organisations/{id}/events.ics" => pattern.replace("{id}", &a.to_string()),
        "/api/v1/ideas" | "/api/v1/working-groups" => format!("{pattern}?network={}", fx.network),
        "/api/v1/measures/{id}" => {
            let m = new_measure(app, a, fx.network).await;
            pattern.replace("{id}", &m.to_string())
        }
        "/api/v1/events/{id}" | "/api/v1/events/{id}/cancel" => {
            let e = new_event(app, a, fx.network).await;
            pattern.replace("{id}", &e.to_string())
        }
        "/api/v1/events/{id}/registrations" | "/api/v1/events/{id}/slots" => {
            pattern.replace("{id}", &fx.event.to_string())
        }
        "/api/v1/events/{id}/registrations/{registration}" => pattern
            .replace("{id}", &fx.event.to_string())
            .replace("{registration}", &fx.registration.to_string()),
        "/api/v1/ideas/{id}/decisions" => {
            let i = new_idea(app, a, fx.network).await;
            pattern.replace("{id}", &i.to_string())
        }
        p if p.starts_with("/api/v1/ideas/{id}") => p.replace("{id}", &fx.idea.to_string()),
        p if p.starts_with("/api/v1/working-groups/{id}") => p
            .replace("{id}", &fx.group.to_string())
            .replace("{task}", &fx.task.to_string()),
        "/networks/{id}/orgs/{org}/verify" => pattern
            .replace("{id}", &fx.network.to_string())
            .replace("{org}", &a.to_string()),
        p if p.contains("{token}") => p.replace("{token}", "unbekannter-link"),
        // Case API: ids of nothing, as for the case pages below.
        "/api/v1/cases/{id}/documents" => "/api/v1/cases/999999/documents?filename=x.pdf".into(),
        "/api/v1/consents" => "/api/v1/consents?person=999999".into(),
        "/api/v1/case-templates/{key}" => "/api/v1/case-templates/rueckkehr".into(),
        p if [
            "/api/v1/persons/",
            "/api/v1/cases/",
            "/api/v1/consents/",
            "/api/v1/appointments/",
        ]
        .iter()
        .any(|prefix| p.starts_with(prefix)) =>
        {
            ["{id}", "{step}", "{document}"]
                .iter()
                .fold(p.to_string(), |p, k| p.replace(k, "999999"))
        }
        // Case pages: ids of nothing. None of the callers works for a welcome center,
        // so a real case would be as unknown to them.
        p if p.starts_with("/cases/")
            || p.starts_with("/persons/")
            || p.starts_with("/me/case/") =>
        {
            ["{id}", "{step}", "{doc}", "{appointment}", "{consent}"]
                .iter()
                .fold(p.to_string(), |p, k| p.replace(k, "999999"))
        }
        p => p.to_string(),
    };
    let body = match pattern {
        "/api/v1/jobs" | "/api/v1/jobs/{id}" => Some(job_json(a)),
        "/api/v1/organisations/{id}" => Some(serde_json::json!({"description": "<p>Neu</p>"})),
        "/api/v1/persons" => Some(serde_json::json!({"name": "Matrix Person"})),
        "/api/v1/persons/{id}" => Some(serde_json::json!({"version": 1, "name": "Matrix"})),
        "/api/v1/cases" => {
            Some(serde_json::json!({"person_id": 999999, "template_key": "rueckkehr"}))
        }
        "/api/v1/cases/{id}" => Some(serde_json::json!({"version": 1, "status": "closed"})),
        "/api/v1/cases/{id}/steps/{step}" => Some(serde_json::json!({"version": 1})),
        "/api/v1/cases/{id}/overrides" => Some(serde_json::json!({
            "recipient_org": a, "categories": ["housing"], "legal_basis": "art6_1e",
            "law": "§ 5 BbgDSG", "reason": "Matrix-Begründung"})),
        "/api/v1/consents" => Some(serde_json::json!({
            "person_id": 999999, "recipient_org": a, "purpose": "Matrix",
            "categories": ["housing"], "text_version": "2026-11"})),
        "/api/v1/appointments" => {
            let start = chrono::Utc::now() + chrono::Duration::days(1);
            Some(serde_json::json!({"case_id": 999999, "title": "Matrix",
                "starts_at": start, "ends_at": start + chrono::Duration::minutes(30)}))
        }
        "/api/v1/match" => Some(serde_json::json!({
            "persons": [{"query": "Pflege", "max_commute": {"car": 30}}]})),
        "/api/v1/places/{id}/profile" => Some(serde_json::json!({
            "kita": {"value": 3, "source": "Matrix", "as_of": "2026-01-01"}})),
        "/api/v1/measures" | "/api/v1/measures/{id}" => Some(measure_json(a, fx.network)),
        "/api/v1/events" | "/api/v1/events/{id}" => Some(event_json(a, fx.network)),
        "/api/v1/events/{id}/registrations" => Some(serde_json::json!({
            "name": "Matrix", "email": "matrix@example.org"})),
        "/api/v1/events/{id}/registrations/{registration}" => {
            Some(serde_json::json!({"attended": true}))
        }
        "/api/v1/registrations/cancel" => Some(serde_json::json!({"token": "unbekannt"})),
        "/api/v1/ideas" => Some(serde_json::json!({
            "network_id": fx.network, "working_group_id": null, "org_id": a, "title": "Idee"})),
        "/api/v1/ideas/{id}/decisions" => {
            Some(serde_json::json!({"to": "pre_consultation", "note": "ok"}))
        }
        "/api/v1/ideas/{id}/comments" => Some(serde_json::json!({"body": "Gut"})),
        "/api/v1/working-groups" => Some(serde_json::json!({
            "network_id": fx.network, "name": "AG Neu", "lead_user_id": null})),
        "/api/v1/working-groups/{id}/members" => Some(serde_json::json!({})),
        "/api/v1/working-groups/{id}/tasks" => Some(serde_json::json!({"title": "Einladen"})),
        "/api/v1/working-groups/{id}/tasks/{task}" => Some(serde_json::json!({"done": true})),
        _ => None,
    };
    (path, body)
}

/// Expected answers per route, one per actor in [`ACTORS`] order.
fn expectations() -> BTreeMap<&'static str, [Want; 7]> {
    let public = [O; 7];
    let open = [P; 7];
    let signed_in = [U, O, O, O, O, O, O];
    let workspace = [U, F, O, F, O, F, O];
    let writers_hidden = [U, H, O, H, O, H, O];
    let writers = [U, F, O, F, O, F, O];
    let org_admin = [U, F, F, F, O, F, F];
    let platform = [U, F, F, F, F, F, O];
    let network_admin = [U, F, F, F, F, O, O];
    // Inside a network: its members (A's people), its admin, the platform's admins.
    let network_members = [U, F, O, F, O, O, O];
    let network_members_hidden = [U, H, O, H, O, O, O];
    let deciders = [U, H, F, H, F, O, O];
    let measure_writers_hidden = [U, H, O, H, O, F, O];
    // Removing is also for the admins of the networks a measure is shared with.
    let measure_removers_hidden = [U, H, O, H, O, O, O];
    // Calling an event off: its organiser's editors and the network's admins.
    let event_cancellers = [U, F, O, F, O, O, O];
    // A case or person of a welcome center none of the callers works for.
    let case_hidden = [U, H, H, H, H, H, H];
    BTreeMap::from([
        // Public reading.
        ("GET /", public),
        ("GET /jobs", public),
        ("GET /jobs/{id}", public),
        ("GET /places/{id}", public),
        // Leben & Arbeiten: open to everyone; saved wishes are one's own.
        ("GET /leben-und-arbeiten", public),
        ("POST /api/v1/match", public),
        // Case management through the API: none of the callers works for a welcome
        // center (403 where no case is named), and named cases and persons do not exist
        // for them (404).
        ("POST /api/v1/persons", [U, F, F, F, F, F, F]),
        ("GET /api/v1/persons/{id}", case_hidden),
        ("PUT /api/v1/persons/{id}", case_hidden),
        ("DELETE /api/v1/persons/{id}", case_hidden),
        ("GET /api/v1/persons/{id}/export", case_hidden),
        ("GET /api/v1/persons/{id}/access-log", case_hidden),
        ("GET /api/v1/cases", [U, F, F, F, F, F, F]),
        ("POST /api/v1/cases", case_hidden),
        ("GET /api/v1/cases/{id}", case_hidden),
        ("PATCH /api/v1/cases/{id}", case_hidden),
        ("PATCH /api/v1/cases/{id}/steps/{step}", case_hidden),
        ("POST /api/v1/cases/{id}/overrides", case_hidden),
        ("POST /api/v1/cases/{id}/documents", case_hidden),
        ("GET /api/v1/cases/{id}/documents/{document}", case_hidden),
        ("GET /api/v1/consents", case_hidden),
        ("POST /api/v1/consents", case_hidden),
        ("POST /api/v1/consents/{id}/revoke", case_hidden),
        ("GET /api/v1/appointments", [U, F, F, F, F, F, F]),
        ("POST /api/v1/appointments", case_hidden),
        ("GET /api/v1/appointments/{id}/invitation.ics", case_hidden),
        ("POST /api/v1/appointments/{id}/cancel", case_hidden),
        ("GET /api/v1/case-templates", [U, F, F, F, F, F, F]),
        ("PUT /api/v1/case-templates/{key}", [U, F, F, F, F, F, F]),
        ("POST /leben-und-arbeiten/saved", signed_in),
        (
            "POST /leben-und-arbeiten/saved/{id}/delete",
            [U, P, P, P, P, P, P],
        ),
        ("GET /impressum", public),
        ("GET /datenschutz", public),
        ("GET /barrierefreiheit", public),
        ("GET /about", public),
        ("GET /lang/{code}", public),
        ("GET /static/bleibe.css", public),
        ("GET /n/{slug}", public),
        ("GET /embed/jobs", public),
        ("GET /orgs/{id}/logo", public),
        ("GET /api/openapi.json", public),
        ("GET /api/v1/jobs", public),
        ("GET /api/v1/jobs/{id}", public),
        ("GET /api/v1/places", public),
        ("GET /api/v1/places/{id}", public),
        ("GET /api/v1/occupations", public),
        ("GET /api/v1/organisations/{id}", public),
        ("GET /api/v1/networks", public),
        ("GET /healthz", public),
        ("GET /readyz", public),
        ("GET /metrics", public),
        // Becoming someone: open to everyone.
        ("GET /signup", open),
        ("POST /signup", open),
        ("GET /login", open),
        ("POST /login", open),
        ("GET /verify/{token}", open),
        ("GET /verify/resend", open),
        ("POST /verify/resend", open),
        ("GET /password/forgot", open),
        ("POST /password/forgot", open),
        ("GET /password/reset/{token}", open),
        ("POST /password/reset/{token}", open),
        ("GET /invite/{token}", open),
        ("POST /invite/{token}", open),
        ("POST /logout", signed_in),
        // One's own account; founding an organisation.
        ("GET /account", signed_in),
        ("POST /account/password", signed_in),
        // Two-factor sign-in: the second step is for anyone (it leads back to the
        // password without a pending sign-in); the settings are one's own.
        ("GET /sign-in/two-factor", open),
        ("POST /sign-in/two-factor", open),
        ("GET /account/two-factor", signed_in),
        ("POST /account/two-factor/setup", signed_in),
        ("POST /account/two-factor/confirm", signed_in),
        ("POST /account/two-factor/cancel", signed_in),
        ("POST /account/two-factor/disable", signed_in),
        ("GET /orgs/new", signed_in),
        ("POST /orgs/new", signed_in),
        // An organisation's workspace and jobs.
        ("GET /orgs/{id}", workspace),
        ("GET /orgs/{id}/team", workspace),
        ("GET /orgs/{id}/jobs/new", writers),
        ("POST /orgs/{id}/jobs/new", writers),
        ("GET /orgs/{id}/jobs/{job}/edit", writers_hidden),
        ("POST /orgs/{id}/jobs/{job}/edit", writers_hidden),
        ("GET /orgs/{id}/jobs/{job}/preview", writers_hidden),
        ("POST /orgs/{id}/jobs/{job}/publish", writers_hidden),
        ("POST /orgs/{id}/jobs/{job}/unpublish", writers_hidden),
        ("POST /orgs/{id}/jobs/{job}/expire", writers_hidden),
        ("POST /orgs/{id}/jobs/{job}/duplicate", writers_hidden),
        ("POST /orgs/{id}/jobs/{job}/delete", writers_hidden),
        ("POST /api/v1/jobs", writers),
        ("PUT /api/v1/jobs/{id}", writers),
        ("DELETE /api/v1/jobs/{id}", writers),
        // The organisation itself: its admins.
        ("GET /orgs/{id}/profile", org_admin),
        ("POST /orgs/{id}/profile", org_admin),
        ("POST /orgs/{id}/logo", org_admin),
        ("PATCH /api/v1/organisations/{id}", org_admin),
        ("POST /orgs/{id}/members", org_admin),
        ("POST /orgs/{id}/members/{user}/role", org_admin),
        ("POST /orgs/{id}/members/{user}/remove", org_admin),
        ("POST /orgs/{id}/tokens", org_admin),
        ("POST /orgs/{id}/tokens/{token}/revoke", org_admin),
        // Networks and the platform.
        ("GET /networks/{id}/admin", network_admin),
        ("POST /networks/{id}/orgs/{org}/verify", network_admin),
        ("GET /admin", platform),
        ("GET /admin/audit", platform),
        ("POST /admin/orgs/{id}/verify", platform),
        ("GET /api/v1/audit", platform),
        // Place profiles: the place's verified municipality (none here) and the platform.
        ("GET /places/{id}/profile/edit", platform),
        ("POST /places/{id}/profile/edit", platform),
        ("PUT /api/v1/places/{id}/profile", platform),
        // The network workspace: public reading, feeds and open data.
        ("GET /api/v1/networks/{id}", public),
        ("GET /api/v1/measures", public),
        ("GET /api/v1/events", public),
        ("GET /api/v1/events/{id}", public),
        ("GET /api/v1/events/{id}/slots", public),
        ("POST /api/v1/events/{id}/registrations", public),
        ("POST /api/v1/registrations/cancel", open),
        ("GET /networks/{id}/events.ics", public),
        ("GET /organisations/{id}/events.ics", public),
        ("GET /networks/{id}/events.atom", public),
        ("GET /networks/{id}/open-data/measures.csv", public),
        ("GET /networks/{id}/open-data/measures.json", public),
        ("GET /networks/{id}/open-data/events.csv", public),
        ("GET /networks/{id}/open-data/events.json", public),
        // Measures and events: their organisation's writers.
        ("POST /api/v1/measures", writers),
        ("GET /api/v1/measures/{id}", [H, H, O, H, O, O, O]),
        ("PUT /api/v1/measures/{id}", measure_writers_hidden),
        ("DELETE /api/v1/measures/{id}", measure_removers_hidden),
        ("POST /api/v1/events", writers),
        ("PUT /api/v1/events/{id}", writers),
        ("POST /api/v1/events/{id}/cancel", event_cancellers),
        ("GET /api/v1/events/{id}/registrations", network_members),
        (
            "PATCH /api/v1/events/{id}/registrations/{registration}",
            network_members,
        ),
        // Ideas and working groups: inside the network.
        ("GET /api/v1/ideas", network_members),
        ("POST /api/v1/ideas", network_members),
        ("GET /api/v1/ideas/{id}", network_members_hidden),
        ("POST /api/v1/ideas/{id}/decisions", deciders),
        ("POST /api/v1/ideas/{id}/comments", network_members_hidden),
        ("GET /api/v1/working-groups", network_members),
        ("POST /api/v1/working-groups", network_admin),
        ("GET /api/v1/working-groups/{id}", network_members_hidden),
        (
            "POST /api/v1/working-groups/{id}/members",
            network_members_hidden,
        ),
        ("POST /api/v1/working-groups/{id}/tasks", deciders),
        ("PATCH /api/v1/working-groups/{id}/tasks/{task}", deciders),
        // The same as pages.
        ("GET /networks", public),
        ("GET /networks/{id}", public),
        ("GET /networks/{id}/events", public),
        ("GET /networks/{id}/measures", public),
        ("GET /networks/{id}/measures/compare", public),
        ("GET /events/{id}", public),
        ("POST /events/{id}/register", public),
        ("GET /registrations/{token}", open),
        ("POST /registrations/{token}/cancel", open),
        ("GET /measures/{id}", [H, H, O, H, O, O, O]),
        ("GET /measures/new", writers),
        ("POST /measures/new", writers),
        ("GET /measures/{id}/edit", measure_writers_hidden),
        ("POST /measures/{id}/edit", measure_writers_hidden),
        ("POST /measures/{id}/delete", measure_removers_hidden),
        ("GET /events/new", writers),
        ("POST /events/new", writers),
        ("GET /events/{id}/edit", writers),
        ("POST /events/{id}/edit", writers),
        ("GET /events/{id}/registrations", network_members),
        ("POST /events/{id}/attendance", network_members),
        ("POST /events/{id}/cancel", event_cancellers),
        ("GET /networks/{id}/ideas", network_members),
        ("GET /networks/{id}/ideas/new", network_members),
        ("POST /networks/{id}/ideas/new", network_members),
        ("GET /ideas/{id}", network_members_hidden),
        ("POST /ideas/{id}/decide", deciders),
        ("POST /ideas/{id}/comments", network_members_hidden),
        ("GET /working-groups/{id}", network_members_hidden),
        ("POST /working-groups/{id}/join", network_members_hidden),
        ("POST /working-groups/{id}/leave", network_members_hidden),
        ("POST /working-groups/{id}/tasks", deciders),
        ("POST /working-groups/{id}/tasks/{task}/done", deciders),
        ("POST /networks/{id}/contacts", network_members),
        (
            "POST /networks/{id}/contacts/{contact}/remove",
            [U, H, F, H, O, O, O],
        ),
        // Case pages. Case work needs a welcome center and a second factor (none of
        // the callers has either; `case_pages.rs` tests those who do); cases and
        // persons are private: 404 to everyone who may not see them.
        ("GET /cases", [U, F, F, F, F, F, F]),
        ("GET /cases/templates", [U, F, F, F, F, F, F]),
        ("GET /cases/templates/{key}", [U, F, F, F, F, F, F]),
        ("POST /cases/templates/{key}", [U, F, F, F, F, F, F]),
        ("GET /persons/new", [U, F, F, F, F, F, F]),
        ("POST /persons", [U, F, F, F, F, F, F]),
        ("GET /cases/{id}", case_hidden),
        ("POST /cases/{id}/status", case_hidden),
        ("GET /cases/{id}/steps/{step}", case_hidden),
        ("POST /cases/{id}/steps/{step}", case_hidden),
        ("GET /cases/{id}/documents/{doc}", case_hidden),
        ("POST /cases/{id}/documents", case_hidden),
        ("POST /cases/{id}/appointments", case_hidden),
        (
            "GET /cases/{id}/appointments/{appointment}/invitation.ics",
            case_hidden,
        ),
        ("POST /cases/{id}/overrides", case_hidden),
        ("GET /persons/{id}", case_hidden),
        ("GET /persons/{id}/edit", case_hidden),
        ("POST /persons/{id}/edit", case_hidden),
        ("POST /persons/{id}/cases", case_hidden),
        ("POST /persons/{id}/consents", case_hidden),
        ("POST /persons/{id}/consents/{consent}/revoke", case_hidden),
        ("GET /persons/{id}/export", case_hidden),
        ("GET /persons/{id}/export.json", case_hidden),
        ("GET /persons/{id}/erase", case_hidden),
        ("POST /persons/{id}/erase", case_hidden),
        // One's own case: for everyone signed in (those without one get a page that
        // says so, and 404 for what they do not have).
        ("GET /me/case", signed_in),
        (
            "GET /me/case/appointments/{appointment}/invitation.ics",
            [U, P, P, P, P, P, P],
        ),
        (
            "POST /me/case/consents/{consent}/revoke",
            [U, P, P, P, P, P, P],
        ),
        ("GET /me/case/export.json", [U, P, P, P, P, P, P]),
        // Asking for advice: everyone.
        ("GET /beraten", public),
        ("POST /beraten", public),
    ])
}

fn acceptable(want: Want, status: u16) -> bool {
    match want {
        Want::Ok => !matches!(status, 401 | 403 | 404 | 405) && status < 500,
        Want::Open => !matches!(status, 401 | 403 | 405) && status < 500,
        Want::Unauth => status == 401,
        Want::Forbid => status == 403,
        Want::Hidden => status == 404,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_answers_every_caller_as_the_policy_says() {
    let app = start(20).await;
    let fx = fixture(&app).await;
    let want = expectations();
    let routes = bleibe_web::routes::all();
    let unlisted: Vec<String> = routes
        .iter()
        .map(|r| r.to_string())
        .filter(|r| !want.contains_key(r.as_str()))
        .collect();
    assert!(
        unlisted.is_empty(),
        "routes without an entry in the authorisation matrix: {unlisted:?}"
    );
    let listed: Vec<String> = routes.iter().map(|r| r.to_string()).collect();
    let stale: Vec<&&str> = want
        .keys()
        .filter(|k| !listed.iter().any(|r| r == *k))
        .collect();
    assert!(
        stale.is_empty(),
        "matrix entries for routes that do not exist: {stale:?}"
    );

    let mut failures = Vec::new();
    for route in &routes {
        let key = route.to_string();
        let expected = want[key.as_str()];
        for i in 0..ACTORS.len() {
            // A fresh session each time: some routes end the caller's sessions (sign
            // out, password change).
            let fresh;
            let actor = match i {
                0 => &fx.actors[0],
                _ => {
                    fresh = session(&app, fx.users[i - 1]).await;
                    &fresh
                }
            };
            let (path, json) = concrete(&app, &fx, &route.path).await;
            let mut req = app.client.request(route.method.clone(), app.url(&path));
            req = req.header("cookie", &actor.cookie);
            if route.path.starts_with("/api/") {
                // Scripts of signed-in users send the session's CSRF token as a header.
                req = req.header("x-csrf-token", &actor.csrf);
            }
            req = match (json, route.method.as_str()) {
                (Some(j), _) => req.json(&j),
                (None, "GET") => req,
                // Forms carry the caller's CSRF token, so that the answer is the
                // policy's and not the CSRF check's.
                (None, _) => req.form(&[("csrf", actor.csrf.as_str())]),
            };
            let status = req.send().await.expect("request").status().as_u16();
            if !acceptable(expected[i], status) {
                failures.push(format!(
                    "{key} as {}: got {status}, want {:?}",
                    ACTORS[i], expected[i]
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_tokens_act_for_their_organisation_within_their_scopes() {
    let app = start(5).await;
    let fx = fixture(&app).await;
    let token_of = |scopes: &'static [bleibe_domain::Scope], org: i64| {
        let store = app.store.clone();
        async move {
            issue::api_token(store.as_ref(), org, "test", scopes, None)
                .await
                .expect("token")
                .0
        }
    };
    let writer = token_of(&[bleibe_domain::Scope::JobsWrite], fx.org_a).await;
    let profile_only = token_of(&[bleibe_domain::Scope::OrganisationWrite], fx.org_a).await;
    let other = token_of(&[bleibe_domain::Scope::JobsWrite], fx.org_b).await;
    let post = |token: String, body: serde_json::Value| {
        app.client
            .post(app.url("/api/v1/jobs"))
            .bearer_auth(token)
            .json(&body)
            .send()
    };
    // The token's own organisation, named or not.
    let mut body = job_json(fx.org_a);
    body.as_object_mut()
        .expect("object")
        .remove("organisation_id");
    let res = post(writer.clone(), body).await.expect("post");
    assert_eq!(res.status(), 201);
    let location = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    let created: serde_json::Value = res.json().await.expect("json");
    assert_eq!(location, format!("/api/v1/jobs/{}", created["id"]));
    assert_eq!(created["employer"]["id"], fx.org_a);
    // Another organisation's id in the body is refused, as is a token without the scope.
    let res = post(writer.clone(), job_json(fx.org_b))
        .await
        .expect("post");
    assert_eq!(res.status(), 403);
    let res = post(profile_only.clone(), job_json(fx.org_a))
        .await
        .expect("post");
    assert_eq!(res.status(), 403);
    // Another organisation's token cannot change or delete A's job.
    let put = app
        .client
        .put(app.url(&location))
        .bearer_auth(&other)
        .json(&job_json(fx.org_b))
        .send()
        .await
        .expect("put");
    assert_eq!(put.status(), 403);
    let del = app
        .client
        .delete(app.url(&location))
        .bearer_auth(&other)
        .send()
        .await
        .expect("delete");
    assert_eq!(del.status(), 403);
    // Read-only fields in the body are ignored.
    let mut body = job_json(fx.org_a);
    body["id"] = serde_json::json!(999_999);
    body["employer"] = serde_json::json!({"id": fx.org_b, "name": "B"});
    body["demo"] = serde_json::json!(true);
    body["source"] = serde_json::json!("imported");
    body["title"] = serde_json::json!("Mechatroniker (m/w/d)");
    let res = app
        .client
        .put(app.url(&location))
        .bearer_auth(&writer)
        .json(&body)
        .send()
        .await
        .expect("put");
    assert_eq!(res.status(), 200);
    let updated: serde_json::Value = res.json().await.expect("json");
    assert_eq!(updated["id"], created["id"]);
    assert_eq!(updated["employer"]["id"], fx.org_a);
    assert_eq!(updated["demo"], false);
    assert_eq!(updated["source"], "own");
    assert_eq!(updated["title"], "Mechatroniker (m/w/d)");
    // Malformed JSON names the field; a wrong token is 401 problem+json.
    let mut bad = job_json(fx.org_a);
    bad["place"] = serde_json::json!("Cottbus");
    let res = post(writer.clone(), bad).await.expect("post");
    assert_eq!(res.status(), 400);
    let problem: serde_json::Value = res.json().await.expect("json");
    assert_eq!(problem["parameter"], "place");
    let res = post("bleibe_falsch".into(), job_json(fx.org_a))
        .await
        .expect("post");
    assert_eq!(res.status(), 401);
    assert_eq!(
        res.headers()["content-type"].to_str().expect("ct"),
        "application/problem+json"
    );
    // Deleting with the right token works once.
    let del = app
        .client
        .delete(app.url(&location))
        .bearer_auth(&writer)
        .send()
        .await
        .expect("delete");
    assert_eq!(del.status(), 204);
    let again = app.get(&location).await;
    assert_eq!(again.status(), 404);
    // The profile token patches the profile, not jobs.
    let res = app
        .client
        .patch(app.url(&format!("/api/v1/organisations/{}", fx.org_a)))
        .bearer_auth(&profile_only)
        .json(&serde_json::json!({"name": "Matrix A AG", "website": null}))
        .send()
        .await
        .expect("patch");
    assert_eq!(res.status(), 200);
    let org: serde_json::Value = res.json().await.expect("json");
    assert_eq!(org["name"], "Matrix A AG");
    assert!(org["website"].is_null());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_response_carries_the_security_headers() {
    let app = super::helpers::shared();
    for path in [
        "/",
        "/jobs",
        "/api/v1/jobs",
        "/login",
        "/no-such-page",
        "/embed/jobs",
    ] {
        let res = app.get(path).await;
        let h = res.headers();
        let csp = h["content-security-policy"].to_str().expect("csp");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert!(csp.contains("script-src 'none'"), "{path}: {csp}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert!(h.contains_key("referrer-policy"), "{path}");
        assert!(h.contains_key("permissions-policy"), "{path}");
        // Only pages with forms hand out the anonymous CSRF cookie: the API and the
        // widget set no cookie at all.
        let sets_cookie = h.contains_key("set-cookie");
        if path.starts_with("/api/") || path.starts_with("/embed/") {
            assert!(!sets_cookie, "{path}: set-cookie");
        }
        if path == "/login" {
            assert!(
                sets_cookie,
                "{path}: the sign-in form needs its CSRF cookie"
            );
        }
        if path.starts_with("/embed/") {
            assert!(!h.contains_key("x-frame-options"), "{path}");
        } else {
            assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
            assert_eq!(h["x-frame-options"], "DENY", "{path}");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_network_bounds_search_and_its_facets_to_its_area() {
    let app = start(300).await;
    let all: serde_json::Value = app.json("/api/v1/jobs?facets=place&per_page=100").await;
    let places: Vec<i64> = all["facets"]["place"]
        .as_array()
        .expect("place facet")
        .iter()
        .take(2)
        .map(|p| {
            p["value"]
                .as_str()
                .and_then(|v| v.parse().ok())
                .or(p["value"].as_i64())
                .expect("id")
        })
        .collect();
    assert_eq!(places.len(), 2, "{}", all["facets"]["place"]);
    let network = app
        .store
        .create_network(&NewNetwork {
            slug: "zwei-orte".into(),
            name: "Zwei Orte".into(),
            description: String::new(),
            place_ids: places.clone(),
            org_ids: vec![],
            demo: false,
        })
        .await
        .expect("network");
    let inside: serde_json::Value = app
        .json(&format!(
            "/api/v1/jobs?network={}&facets=place&per_page=100",
            network.id
        ))
        .await;
    let total = inside["total"].as_u64().expect("total");
    assert!(total > 0 && total < all["total"].as_u64().expect("total"));
    for item in inside["items"].as_array().expect("items") {
        assert!(
            places.contains(&item["place"]["id"].as_i64().expect("place")),
            "{item}"
        );
    }
    // The place facet counts only places of the area.
    for p in inside["facets"]["place"].as_array().expect("facet") {
        let id = p["value"]
            .as_str()
            .and_then(|v| v.parse().ok())
            .or(p["value"].as_i64())
            .expect("id");
        assert!(places.contains(&id), "{p}");
    }
    let listed: serde_json::Value = app.json("/api/v1/networks").await;
    assert!(listed
        .as_array()
        .expect("list")
        .iter()
        .any(|n| n["id"] == network.id && n["place_count"] == 2));
    let res = app.get("/api/v1/jobs?network=999999").await;
    assert_eq!(res.status(), 400);
    let problem: serde_json::Value = res.json().await.expect("json");
    assert_eq!(problem["parameter"], "network");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_writes_with_a_session_need_json_or_the_csrf_header() {
    let app = start(5).await;
    let fx = fixture(&app).await;
    let editor = session(&app, fx.users[1]).await;
    let cookie = editor.cookie.clone();
    // A cross-site form can post text/plain with the cookie: refused.
    let res = app
        .client
        .post(app.url("/api/v1/jobs"))
        .header("cookie", &cookie)
        .header("content-type", "text/plain")
        .body(job_json(fx.org_a).to_string())
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 403);
    // JSON is fine: no other site can send it with the cookie without a preflight.
    let res = app
        .client
        .post(app.url("/api/v1/jobs"))
        .header("cookie", &cookie)
        .json(&job_json(fx.org_a))
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), 201);
    let location = res.headers()["location"]
        .to_str()
        .expect("location")
        .to_string();
    // A bodiless DELETE needs the header.
    let bare = app
        .client
        .delete(app.url(&location))
        .header("cookie", &cookie)
        .send()
        .await
        .expect("delete");
    assert_eq!(bare.status(), 403);
    let with = app
        .client
        .delete(app.url(&location))
        .header("cookie", &cookie)
        .header("x-csrf-token", &editor.csrf)
        .send()
        .await
        .expect("delete");
    assert_eq!(with.status(), 204);
}
