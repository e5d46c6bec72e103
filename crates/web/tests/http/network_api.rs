//! The network workspace through the API: who sees which measure, optimistic locking,
//! registration with a waiting list, the idea pipeline's rules, and the feeds and open
//! data that leave the installation.

use super::helpers::{new_user, org, session_for, start, TestApp, Who};
use bleibe_domain::{OrgKind, Role};
use bleibe_store::accounts::NewNetwork;
use serde_json::{json, Value};

const COTTBUS: i64 = 2_939_811;

struct Net {
    net_a: i64,
    net_b: i64,
    org_a: i64,
    editor_a: Who,
    member_b: Who,
    outsider: Who,
    net_admin: Who,
}

async fn networks(app: &TestApp) -> Net {
    let org_a = org(app, "Stadt A", OrgKind::Municipality, COTTBUS).await;
    let org_b = org(app, "Stadt B", OrgKind::Municipality, COTTBUS).await;
    let mut ids = Vec::new();
    for (slug, orgs) in [("netz-a", vec![org_a]), ("netz-b", vec![org_b])] {
        let n = app
            .store
            .create_network(&NewNetwork {
                slug: slug.into(),
                name: slug.to_uppercase(),
                description: String::new(),
                place_ids: vec![COTTBUS],
                org_ids: orgs,
                demo: false,
            })
            .await
            .expect("network");
        ids.push(n.id);
    }
    let editor = new_user(app, "redaktion@stadt-a.example", false).await;
    app.store
        .set_role(org_a, editor, Role::Editor)
        .await
        .expect("role");
    let member = new_user(app, "mitglied@stadt-b.example", false).await;
    app.store
        .set_role(org_b, member, Role::Member)
        .await
        .expect("role");
    let outsider = new_user(app, "aussen@example.org", false).await;
    let admin = new_user(app, "netzbuero@example.org", false).await;
    app.store
        .add_network_admin(ids[0], admin)
        .await
        .expect("admin");
    Net {
        net_a: ids[0],
        net_b: ids[1],
        org_a,
        editor_a: session_for(app, editor).await,
        member_b: session_for(app, member).await,
        outsider: session_for(app, outsider).await,
        net_admin: session_for(app, admin).await,
    }
}

async fn send(
    app: &TestApp,
    who: Option<&Who>,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let mut req = app.client.request(method, app.url(path));
    if let Some(w) = who {
        req = req
            .header("cookie", w.cookie_header())
            .header("x-csrf-token", &w.csrf);
    }
    if let Some(b) = body {
        req = req.json(&b);
    }
    let res = req.send().await.expect("request");
    let status = res.status().as_u16();
    let text = res.text().await.expect("body");
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn measure(org: i64, networks: &[i64], visibility: &str, title: &str) -> Value {
    json!({
        "org_id": org,
        "all_networks": false,
        "network_ids": networks,
        "title": title,
        "description": "Beratung für Rückkehrer/innen, mit Wohnungsbörse",
        "cluster": "social",
        "field": "welcome_culture",
        "target_groups": ["returnees"],
        "place_ids": [COTTBUS],
        "start_date": "2026-01-01",
        "end_date": "2026-12-31",
        "budget_eur": 12000,
        "funding": "esf_plus",
        "status": "running",
        "indicators": [{"name": "Beratungen", "unit": "", "target": 100.0,
                        "values": [{"period": "2026-H1", "actual": 42.0}]}],
        "lessons": "Samstage funktionieren besser.",
        "links": ["https://example.org/rueckkehr"],
        "visibility": visibility
    })
}

fn titles(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|m| m["title"].as_str().expect("title").to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_measure_shared_with_one_network_stays_out_of_another() {
    let app = start(0).await;
    let n = networks(&app).await;
    let post = reqwest::Method::POST;
    let (s, internal) = send(
        &app,
        Some(&n.editor_a),
        post.clone(),
        "/api/v1/measures",
        Some(measure(
            n.org_a,
            &[n.net_a],
            "members",
            "Intern: Rückkehrerstammtisch",
        )),
    )
    .await;
    assert_eq!(s, 201, "{internal}");
    let (s, public) = send(
        &app,
        Some(&n.editor_a),
        post.clone(),
        "/api/v1/measures",
        Some(measure(
            n.org_a,
            &[n.net_a],
            "public",
            "Öffentlich: Willkommenspaket",
        )),
    )
    .await;
    assert_eq!(s, 201, "{public}");
    assert_eq!(public["version"], 1);
    assert_eq!(public["indicators"][0]["values"][0]["actual"], 42.0);

    // Network B sees neither, whoever asks; network A's public view only the public one.
    let get = reqwest::Method::GET;
    for who in [None, Some(&n.member_b), Some(&n.editor_a)] {
        let (_, list) = send(
            &app,
            who,
            get.clone(),
            &format!("/api/v1/measures?network={}", n.net_b),
            None,
        )
        .await;
        assert_eq!(list["total"], 0, "{list}");
    }
    let (_, list) = send(
        &app,
        None,
        get.clone(),
        &format!("/api/v1/measures?network={}", n.net_a),
        None,
    )
    .await;
    assert_eq!(titles(&list), vec!["Öffentlich: Willkommenspaket"]);
    let (_, list) = send(
        &app,
        Some(&n.net_admin),
        get.clone(),
        &format!("/api/v1/measures?network={}", n.net_a),
        None,
    )
    .await;
    assert_eq!(
        list["total"], 2,
        "the network's admin sees members-only measures"
    );
    let path = format!("/api/v1/measures/{}", internal["id"]);
    assert_eq!(
        send(&app, Some(&n.member_b), get.clone(), &path, None)
            .await
            .0,
        404
    );
    assert_eq!(send(&app, None, get.clone(), &path, None).await.0, 404);
    assert_eq!(
        send(&app, Some(&n.editor_a), get.clone(), &path, None)
            .await
            .0,
        200
    );

    // Sharing with a network the owner is not in is refused, naming the field.
    let (s, problem) = send(
        &app,
        Some(&n.editor_a),
        post.clone(),
        "/api/v1/measures",
        Some(measure(n.org_a, &[n.net_b], "public", "Falsch geteilt")),
    )
    .await;
    assert_eq!(s, 400);
    assert_eq!(problem["parameter"], "network_ids");
    // A vocabulary slip names the field too.
    let mut bad = measure(n.org_a, &[n.net_a], "public", "x");
    bad["cluster"] = json!("sports");
    let (s, problem) = send(&app, Some(&n.editor_a), post, "/api/v1/measures", Some(bad)).await;
    assert_eq!(s, 400);
    assert_eq!(problem["parameter"], "cluster");

    // Someone outside the owner cannot write it; a stale version is refused.
    let put = reqwest::Method::PUT;
    let mut change = measure(n.org_a, &[n.net_a], "public", "Willkommenspaket 2.0");
    change["version"] = json!(1);
    let path = format!("/api/v1/measures/{}", public["id"]);
    assert_eq!(
        send(
            &app,
            Some(&n.member_b),
            put.clone(),
            &path,
            Some(change.clone())
        )
        .await
        .0,
        403
    );
    let (s, v2) = send(
        &app,
        Some(&n.editor_a),
        put.clone(),
        &path,
        Some(change.clone()),
    )
    .await;
    assert_eq!(s, 200, "{v2}");
    assert_eq!(v2["version"], 2);
    change["title"] = json!("Verlorene Änderung");
    let (s, _) = send(&app, Some(&n.editor_a), put, &path, Some(change)).await;
    assert_eq!(s, 409);
    let (_, now) = send(&app, None, reqwest::Method::GET, &path, None).await;
    assert_eq!(
        now["title"], "Willkommenspaket 2.0",
        "nothing was overwritten"
    );
}

fn event(org: i64, network: i64, visibility: &str, capacity: i64) -> Value {
    let start = chrono::Utc::now() + chrono::Duration::days(30);
    json!({
        "org_id": org,
        "network_id": network,
        "working_group_id": null,
        "kind": "returnee_day",
        "title": "Rückkehrertag, Niederlausitzhalle",
        "description": "Arbeitgeber, Wohnungen, Kita-Plätze; Anmeldung erbeten",
        "venue": "Niederlausitzhalle Senftenberg",
        "address": "Rathausstraße 1, 01968 Senftenberg",
        "online_url": null,
        "starts_at": start.to_rfc3339(),
        "ends_at": (start + chrono::Duration::hours(5)).to_rfc3339(),
        "capacity": capacity,
        "visibility": visibility
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn registrations_fill_the_places_then_the_waiting_list_and_cancellations_move_it_up() {
    let app = start(0).await;
    let n = networks(&app).await;
    let (s, ev) = send(
        &app,
        Some(&n.editor_a),
        reqwest::Method::POST,
        "/api/v1/events",
        Some(event(n.org_a, n.net_a, "public", 3)),
    )
    .await;
    assert_eq!(s, 201, "{ev}");
    let path = format!("/api/v1/events/{}/registrations", ev["id"]);
    // Eight people at once, anonymously, for three places.
    let requests = (0..8).map(|i| {
        let body = json!({"name": format!("Person {i}"), "email": format!("p{i}@example.org")});
        send(&app, None, reqwest::Method::POST, &path, Some(body))
    });
    let answers = futures::future::join_all(requests).await;
    let mut receipts = Vec::new();
    for (s, r) in answers {
        assert_eq!(s, 201, "{r}");
        receipts.push(r);
    }
    let count = |status: &str| {
        receipts
            .iter()
            .filter(|r| r["registration"]["status"] == status)
            .count()
    };
    assert_eq!((count("registered"), count("waiting")), (3, 5));
    // The same address again is a conflict; an invalid address names the field.
    let (s, _) = send(
        &app,
        None,
        reqwest::Method::POST,
        &path,
        Some(json!({"name": "Person 0", "email": "P0@example.org"})),
    )
    .await;
    assert_eq!(s, 409);
    let (s, problem) = send(
        &app,
        None,
        reqwest::Method::POST,
        &path,
        Some(json!({"name": "Ohne", "email": "keine-adresse"})),
    )
    .await;
    assert_eq!((s, problem["parameter"].as_str()), (400, Some("email")));

    // Only the organiser sees the list.
    assert_eq!(
        send(&app, None, reqwest::Method::GET, &path, None).await.0,
        401
    );
    assert_eq!(
        send(&app, Some(&n.member_b), reqwest::Method::GET, &path, None)
            .await
            .0,
        403
    );
    let (s, list) = send(&app, Some(&n.editor_a), reqwest::Method::GET, &path, None).await;
    assert_eq!(s, 200);
    let first_waiting = list
        .as_array()
        .expect("list")
        .iter()
        .find(|r| r["status"] == "waiting")
        .expect("waiting")["id"]
        .clone();

    // A registered person cancels with their link: exactly the first waiting moves up.
    let registered = receipts
        .iter()
        .find(|r| r["registration"]["status"] == "registered")
        .expect("registered");
    let token = registered["cancel_url"]
        .as_str()
        .expect("url")
        .rsplit('/')
        .next()
        .expect("token")
        .to_string();
    let (s, done) = send(
        &app,
        None,
        reqwest::Method::POST,
        "/api/v1/registrations/cancel",
        Some(json!({"token": token})),
    )
    .await;
    assert_eq!(s, 200, "{done}");
    assert_eq!(done["promoted"], true);
    let (s, _) = send(
        &app,
        None,
        reqwest::Method::POST,
        "/api/v1/registrations/cancel",
        Some(json!({"token": token})),
    )
    .await;
    assert_eq!(s, 404, "a link cancels once");
    let (_, list) = send(&app, Some(&n.editor_a), reqwest::Method::GET, &path, None).await;
    let status_of = |id: &Value| {
        list.as_array()
            .expect("list")
            .iter()
            .find(|r| &r["id"] == id)
            .expect("registration")["status"]
            .clone()
    };
    assert_eq!(status_of(&first_waiting), "registered");
    let (_, ev_now) = send(
        &app,
        None,
        reqwest::Method::GET,
        &format!("/api/v1/events/{}", ev["id"]),
        None,
    )
    .await;
    assert_eq!(
        (ev_now["registered"].as_i64(), ev_now["waiting"].as_i64()),
        (Some(3), Some(4))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_organiser_calls_an_event_off_and_everyone_is_told() {
    let app = start(0).await;
    let n = networks(&app).await;
    let (s, ev) = send(
        &app,
        Some(&n.editor_a),
        reqwest::Method::POST,
        "/api/v1/events",
        Some(event(n.org_a, n.net_a, "public", 1)),
    )
    .await;
    assert_eq!(s, 201, "{ev}");
    let id = ev["id"].as_i64().expect("id");
    assert_eq!(ev["cancelled_at"], Value::Null, "it takes place");
    let registrations = format!("/api/v1/events/{id}/registrations");
    // One registered, one waiting.
    for i in 0..2 {
        let body = json!({"name": format!("Person {i}"), "email": format!("p{i}@example.org")});
        let (s, r) = send(
            &app,
            None,
            reqwest::Method::POST,
            &registrations,
            Some(body),
        )
        .await;
        assert_eq!(s, 201, "{r}");
    }

    // Its page offers those who manage it the button, inside a confirmation.
    let page_for = |who: &Who| {
        app.client
            .get(app.url(&format!("/events/{id}")))
            .header("cookie", who.cookie_header())
            .send()
    };
    let button = format!("action=\"/events/{id}/cancel\"");
    let html = page_for(&n.editor_a)
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(html.contains(&button), "{html}");
    assert!(html.contains("<details class=\"ws-delete\">"));
    let html = page_for(&n.outsider)
        .await
        .expect("page")
        .text()
        .await
        .expect("html");
    assert!(!html.contains(&button));

    // Only those who manage it may call it off.
    let cancel = format!("/api/v1/events/{id}/cancel");
    assert_eq!(
        send(&app, None, reqwest::Method::POST, &cancel, None)
            .await
            .0,
        401
    );
    for outsider in [&n.outsider, &n.member_b] {
        let (s, problem) = send(&app, Some(outsider), reqwest::Method::POST, &cancel, None).await;
        assert_eq!(s, 403, "{problem}");
    }
    let (_, still) = send(
        &app,
        None,
        reqwest::Method::GET,
        &format!("/api/v1/events/{id}"),
        None,
    )
    .await;
    assert_eq!(still["cancelled_at"], Value::Null, "nothing changed");

    let (s, called_off) = send(
        &app,
        Some(&n.editor_a),
        reqwest::Method::POST,
        &cancel,
        None,
    )
    .await;
    assert_eq!(s, 200, "{called_off}");
    assert!(called_off["cancelled_at"].is_string(), "{called_off}");
    assert_eq!(called_off["registration_open"], false);
    assert_eq!(
        called_off["version"],
        ev["version"].as_i64().expect("v") + 1
    );
    // Twice is a conflict.
    let (s, _) = send(
        &app,
        Some(&n.editor_a),
        reqwest::Method::POST,
        &cancel,
        None,
    )
    .await;
    assert_eq!(s, 409);

    // Registering afterwards is a conflict.
    let (s, problem) = send(
        &app,
        None,
        reqwest::Method::POST,
        &registrations,
        Some(json!({"name": "Zu spät", "email": "spaet@example.org"})),
    )
    .await;
    assert_eq!(s, 409, "{problem}");

    // The event says so.
    let (s, now) = send(
        &app,
        None,
        reqwest::Method::GET,
        &format!("/api/v1/events/{id}"),
        None,
    )
    .await;
    assert_eq!(s, 200);
    assert_eq!(now["cancelled_at"], called_off["cancelled_at"]);
    assert_eq!(
        (now["registered"].as_i64(), now["waiting"].as_i64()),
        (Some(1), Some(1)),
        "the registrations stand as they were"
    );

    // Its page says so at the top and offers no registration; the calendar marks it.
    let (s, _, page) = app.text(&format!("/events/{id}")).await;
    assert_eq!(s, 200);
    assert!(page.contains("class=\"badge cancelled\""), "{page}");
    assert!(page.contains("class=\"banner cancelled\""));
    assert!(!page.contains(&format!("action=\"/events/{id}/register\"")));
    assert!(!page.contains(&format!("action=\"/events/{id}/cancel\"")));
    let (s, _, calendar) = app.text(&format!("/networks/{}/events", n.net_a)).await;
    assert_eq!(s, 200);
    assert!(calendar.contains("class=\"badge cancelled\""));

    // The calendar feed keeps it, cancelled; the Atom feed marks its title.
    let (s, _, ics) = app.text(&format!("/networks/{}/events.ics", n.net_a)).await;
    assert_eq!(s, 200);
    let unfolded = ics.replace("\r\n ", "");
    let vevent = unfolded
        .split("BEGIN:VEVENT")
        .find(|v| v.contains(&format!("UID:event-{id}@")))
        .expect("the cancelled event stays in the feed");
    assert!(vevent.contains("\r\nSTATUS:CANCELLED\r\n"), "{vevent}");
    assert!(!vevent.contains("STATUS:CONFIRMED"));
    let (s, _, atom) = app
        .text(&format!("/networks/{}/events.atom", n.net_a))
        .await;
    assert_eq!(s, 200);
    assert!(atom.contains("Abgesagt: Rückkehrertag"), "{atom}");
    // Open data says so in its last column.
    let (s, _, csv) = app
        .text(&format!("/networks/{}/open-data/events.csv", n.net_a))
        .await;
    assert_eq!(s, 200);
    assert!(csv.lines().next().expect("header").ends_with(",cancelled"));
    assert!(csv.contains(",true\r\n"), "{csv}");

    // The registered and the waiting person were told (the test server has no outbox:
    // the audit log records how many mails went out).
    let log = app.store.audit_log(None, 50).await.expect("audit");
    let entry = log
        .iter()
        .find(|e| e.action == "event_cancelled")
        .expect("recorded");
    assert_eq!(entry.target, format!("event:{id}"));
    assert!(entry.detail.ends_with("(2 told)"), "{}", entry.detail);
    assert_eq!(entry.org_id, Some(n.org_a));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ideas_move_only_along_the_pipeline_and_only_by_those_who_decide() {
    let app = start(0).await;
    let n = networks(&app).await;
    let (s, idea) = send(
        &app,
        Some(&n.editor_a),
        reqwest::Method::POST,
        "/api/v1/ideas",
        Some(
            json!({"network_id": n.net_a, "working_group_id": null, "org_id": n.org_a,
                    "title": "Pendlerbus zum Industriepark", "summary": "Frühschicht"}),
        ),
    )
    .await;
    assert_eq!(s, 201, "{idea}");
    assert_eq!(idea["stage"], "idea");
    let path = format!("/api/v1/ideas/{}", idea["id"]);
    assert_eq!(
        send(&app, Some(&n.member_b), reqwest::Method::GET, &path, None)
            .await
            .0,
        404
    );
    assert_eq!(
        send(&app, None, reqwest::Method::GET, &path, None).await.0,
        401
    );
    let decide = format!("{path}/decisions");
    // A member may not decide; the network's admin may, but only allowed moves.
    let (s, _) = send(
        &app,
        Some(&n.editor_a),
        reqwest::Method::POST,
        &decide,
        Some(json!({"to": "pre_consultation"})),
    )
    .await;
    assert_eq!(s, 403);
    let (s, problem) = send(
        &app,
        Some(&n.net_admin),
        reqwest::Method::POST,
        &decide,
        Some(json!({"to": "running"})),
    )
    .await;
    assert_eq!((s, problem["parameter"].as_str()), (400, Some("to")));
    let (s, problem) = send(
        &app,
        Some(&n.net_admin),
        reqwest::Method::POST,
        &decide,
        Some(json!({"to": "rejected", "note": " "})),
    )
    .await;
    assert_eq!((s, problem["parameter"].as_str()), (400, Some("note")));
    let (s, detail) = send(&app, Some(&n.net_admin), reqwest::Method::POST, &decide,
        Some(json!({"to": "pre_consultation", "note": "In der AG vorstellen", "decided_on": "2026-11-20"}))).await;
    assert_eq!(s, 201, "{detail}");
    assert_eq!(detail["idea"]["stage"], "pre_consultation");
    assert_eq!(detail["decisions"][0]["decided_on"], "2026-11-20");
    assert_eq!(
        detail["next"],
        json!(["qualification", "rejected", "parked"])
    );
    let (s, parked) = send(
        &app,
        Some(&n.net_admin),
        reqwest::Method::POST,
        &decide,
        Some(json!({"to": "parked", "note": "Förderaufruf abwarten"})),
    )
    .await;
    assert_eq!(s, 201);
    assert_eq!(
        parked["next"],
        json!(["pre_consultation", "rejected"]),
        "resumes where it stopped"
    );
    let (s, c) = send(
        &app,
        Some(&n.editor_a),
        reqwest::Method::POST,
        &format!("{path}/comments"),
        Some(json!({"body": "Wir hätten zwei Busse."})),
    )
    .await;
    assert_eq!(s, 201, "{c}");
    let (_, full) = send(&app, Some(&n.editor_a), reqwest::Method::GET, &path, None).await;
    assert_eq!(full["comments"][0]["body"], "Wir hätten zwei Busse.");
    assert_eq!(full["decisions"].as_array().map(Vec::len), Some(2));
    // Lists are for members of the network.
    let list = format!("/api/v1/ideas?network={}", n.net_a);
    assert_eq!(
        send(&app, Some(&n.outsider), reqwest::Method::GET, &list, None)
            .await
            .0,
        403
    );
    let (s, items) = send(&app, Some(&n.editor_a), reqwest::Method::GET, &list, None).await;
    assert_eq!((s, items.as_array().map(Vec::len)), (200, Some(1)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn feeds_and_open_data_carry_public_records_only() {
    let app = start(0).await;
    let n = networks(&app).await;
    let post = reqwest::Method::POST;
    let (_, public) = send(
        &app,
        Some(&n.editor_a),
        post.clone(),
        "/api/v1/events",
        Some(event(n.org_a, n.net_a, "public", 50)),
    )
    .await;
    let mut internal = event(n.org_a, n.net_a, "members", 10);
    internal["title"] = json!("Interne Sitzung");
    let (s, _) = send(
        &app,
        Some(&n.editor_a),
        post.clone(),
        "/api/v1/events",
        Some(internal),
    )
    .await;
    assert_eq!(s, 201);
    let mut m = measure(
        n.org_a,
        &[n.net_a],
        "public",
        "Jobmesse \"Zukunft\", Lausitz; mit Zeilen\numbruch",
    );
    m["links"] = json!([]);
    let (s, _) = send(
        &app,
        Some(&n.editor_a),
        post.clone(),
        "/api/v1/measures",
        Some(m),
    )
    .await;
    assert_eq!(s, 201);
    let (s, _) = send(
        &app,
        Some(&n.editor_a),
        post,
        "/api/v1/measures",
        Some(measure(n.org_a, &[n.net_a], "members", "Intern")),
    )
    .await;
    assert_eq!(s, 201);

    for path in [
        format!("/networks/{}/events.ics", n.net_a),
        format!("/organisations/{}/events.ics", n.org_a),
    ] {
        let (status, ct, body) = app.text(&path).await;
        assert_eq!(status, 200, "{path}");
        assert!(ct.starts_with("text/calendar"), "{ct}");
        // A real parser reads it, and the one event links back to its page.
        use icalendar::{CalendarComponent, Component};
        let unfolded = icalendar::parser::unfold(&body);
        let cal = icalendar::Calendar::from(
            icalendar::parser::read_calendar(&unfolded).expect("the feed parses"),
        );
        let events: Vec<&icalendar::Event> = cal
            .components
            .iter()
            .filter_map(|c| match c {
                CalendarComponent::Event(e) => Some(e),
                _ => None,
            })
            .collect();
        assert_eq!(events.len(), 1, "{body}");
        assert_eq!(
            events[0].get_url(),
            Some(format!("http://127.0.0.1:8080/events/{}", public["id"]).as_str()),
            "links back: {body}"
        );
        assert_eq!(
            events[0].get_summary(),
            Some("Rückkehrertag, Niederlausitzhalle")
        );
        assert!(!body.contains("Interne Sitzung"));
    }
    let (status, ct, atom) = app
        .text(&format!("/networks/{}/events.atom", n.net_a))
        .await;
    assert_eq!(status, 200);
    assert!(ct.starts_with("application/atom+xml"), "{ct}");
    assert_eq!(atom.matches("<entry>").count(), 1);

    let (status, ct, csv) = app
        .text(&format!("/networks/{}/open-data/measures.csv", n.net_a))
        .await;
    assert_eq!(status, 200);
    assert!(ct.starts_with("text/csv"), "{ct}");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().expect("header").clone();
    let title_col = headers
        .iter()
        .position(|h| h == "title")
        .expect("title column");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 1, "members-only measures stay inside");
    assert_eq!(
        &rows[0][title_col],
        "Jobmesse \"Zukunft\", Lausitz; mit Zeilen\numbruch"
    );
    let json: Value = app
        .json(&format!("/networks/{}/open-data/measures.json", n.net_a))
        .await;
    assert_eq!(json.as_array().map(Vec::len), Some(1), "{json}");
    let json: Value = app
        .json(&format!("/networks/{}/open-data/events.json", n.net_a))
        .await;
    assert_eq!(json.as_array().map(Vec::len), Some(1), "{json}");
    let (status, _, _) = app.text("/networks/999999/events.ics").await;
    assert_eq!(status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_address_cannot_fill_an_event_by_script() {
    let app = start(0).await;
    let n = networks(&app).await;
    let (_, ev) = send(
        &app,
        Some(&n.editor_a),
        reqwest::Method::POST,
        "/api/v1/events",
        Some(event(n.org_a, n.net_a, "public", 1000)),
    )
    .await;
    let path = format!("/api/v1/events/{}/registrations", ev["id"]);
    let limit = bleibe_web::cooperation::REGISTRATIONS_PER_HOUR;
    for i in 0..limit {
        let body = json!({"name": "Skript", "email": format!("s{i}@example.org")});
        assert_eq!(
            send(&app, None, reqwest::Method::POST, &path, Some(body))
                .await
                .0,
            201,
            "{i}"
        );
    }
    let res = app
        .client
        .post(app.url(&path))
        .json(&json!({"name": "Skript", "email": "zu-viel@example.org"}))
        .send()
        .await
        .expect("request");
    assert_eq!(res.status(), 429);
    assert!(res.headers().contains_key("retry-after"));
    // A signed-in member is not held up by the address's anonymous registrations.
    let body = json!({"name": "Mitglied", "email": "mitglied@stadt-b.example"});
    assert_eq!(
        send(
            &app,
            Some(&n.member_b),
            reqwest::Method::POST,
            &path,
            Some(body)
        )
        .await
        .0,
        201
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn consultation_slots_are_booked_one_person_each_and_freed_by_cancelling() {
    let app = start(0).await;
    let n = networks(&app).await;
    let post = reqwest::Method::POST;
    let get = reqwest::Method::GET;
    // Five hours in 30-minute slots: ten appointments, one person each.
    let mut body = event(n.org_a, n.net_a, "public", 500);
    body["kind"] = json!("consultation_day");
    body["title"] = json!("Beratungstag im Dock 3");
    body["slot_minutes"] = json!(30);
    let (s, ev) = send(
        &app,
        Some(&n.editor_a),
        post.clone(),
        "/api/v1/events",
        Some(body),
    )
    .await;
    assert_eq!(s, 201, "{ev}");
    assert_eq!(ev["slot_minutes"], 30);
    assert_eq!(ev["capacity"], 10, "the capacity is the number of slots");
    let slots_path = format!("/api/v1/events/{}/slots", ev["id"]);
    let path = format!("/api/v1/events/{}/registrations", ev["id"]);

    // Everyone may see the slots; all are free.
    let (s, slots) = send(&app, None, get.clone(), &slots_path, None).await;
    assert_eq!(s, 200, "{slots}");
    let slots = slots.as_array().expect("slots").clone();
    assert_eq!(slots.len(), 10);
    assert!(slots.iter().all(|x| x["free"] == true));
    let at = |v: &Value| {
        chrono::DateTime::parse_from_rfc3339(v.as_str().expect("instant")).expect("RFC 3339")
    };
    assert_eq!(slots[0]["start"], ev["starts_at"]);
    assert_eq!(
        at(&slots[0]["end"]) - at(&slots[0]["start"]),
        chrono::Duration::minutes(30)
    );
    assert_eq!(slots[1]["start"], slots[0]["end"]);
    assert_eq!(slots[9]["end"], ev["ends_at"]);
    let book = |name: &str, email: &str, slot: &Value| json!({"name": name, "email": email, "slot": slot.clone()});

    // Two different slots: both booked.
    let (s, anna) = send(
        &app,
        None,
        post.clone(),
        &path,
        Some(book("Anna", "anna@example.org", &slots[0]["start"])),
    )
    .await;
    assert_eq!(s, 201, "{anna}");
    assert_eq!(anna["registration"]["status"], "registered");
    assert_eq!(anna["registration"]["slot"], slots[0]["start"]);
    let (s, ben) = send(
        &app,
        None,
        post.clone(),
        &path,
        Some(book("Ben", "ben@example.org", &slots[1]["start"])),
    )
    .await;
    assert_eq!(s, 201, "{ben}");
    assert_eq!(ben["registration"]["slot"], slots[1]["start"]);

    // The same slot again is a conflict.
    let (s, problem) = send(
        &app,
        None,
        post.clone(),
        &path,
        Some(book("Cleo", "cleo@example.org", &slots[0]["start"])),
    )
    .await;
    assert_eq!(s, 409, "{problem}");
    let said = problem["detail"].as_str().expect("detail").to_lowercase();
    assert!(
        said.contains("vergeben") || said.contains("booked"),
        "{said}"
    );
    // What is not a slot (between two, before the first, none, no instant) is a 400
    // naming `slot`.
    let between = (at(&slots[0]["start"]) + chrono::Duration::minutes(15)).to_rfc3339();
    let before = (at(&slots[0]["start"]) - chrono::Duration::minutes(30)).to_rfc3339();
    for wrong in [
        json!(between),
        json!(before),
        Value::Null,
        json!("morgen früh"),
    ] {
        let (s, problem) = send(
            &app,
            None,
            post.clone(),
            &path,
            Some(book("Cleo", "cleo@example.org", &wrong)),
        )
        .await;
        assert_eq!(
            (s, problem["parameter"].as_str()),
            (400, Some("slot")),
            "{wrong}: {problem}"
        );
    }

    // The slots show which are taken, and nothing about who took them.
    let (s, now) = send(&app, None, get.clone(), &slots_path, None).await;
    assert_eq!(s, 200);
    let free: Vec<bool> = now
        .as_array()
        .expect("slots")
        .iter()
        .map(|x| x["free"].as_bool().expect("free"))
        .collect();
    assert_eq!(
        free,
        [false, false, true, true, true, true, true, true, true, true]
    );
    assert!(!now.to_string().contains("example.org"), "{now}");
    assert!(now
        .as_array()
        .expect("slots")
        .iter()
        .all(|x| x.as_object().expect("object").len() == 3));
    let (_, ev_now) = send(
        &app,
        None,
        get.clone(),
        &format!("/api/v1/events/{}", ev["id"]),
        None,
    )
    .await;
    assert_eq!(
        (ev_now["registered"].as_i64(), ev_now["waiting"].as_i64()),
        (Some(2), Some(0))
    );

    // Cancelling frees the slot (nobody moves up: there is no waiting list); then
    // someone else books it.
    let token = anna["cancel_url"]
        .as_str()
        .expect("url")
        .rsplit('/')
        .next()
        .expect("token")
        .to_string();
    let (s, done) = send(
        &app,
        None,
        post.clone(),
        "/api/v1/registrations/cancel",
        Some(json!({"token": token})),
    )
    .await;
    assert_eq!(s, 200, "{done}");
    assert_eq!(done["promoted"], false);
    assert_eq!(done["cancelled"]["slot"], slots[0]["start"]);
    let (_, now) = send(&app, None, get.clone(), &slots_path, None).await;
    assert_eq!(now[0]["free"], true);
    assert_eq!(now[1]["free"], false);
    let (s, cleo) = send(
        &app,
        None,
        post.clone(),
        &path,
        Some(book("Cleo", "cleo@example.org", &slots[0]["start"])),
    )
    .await;
    assert_eq!(s, 201, "{cleo}");
    assert_eq!(cleo["registration"]["status"], "registered");

    // The organiser's list carries the slots.
    let (s, list) = send(&app, Some(&n.editor_a), get.clone(), &path, None).await;
    assert_eq!(s, 200);
    let live: Vec<&Value> = list
        .as_array()
        .expect("list")
        .iter()
        .filter(|r| r["status"] == "registered")
        .map(|r| &r["slot"])
        .collect();
    assert_eq!(live.len(), 2);
    assert!(live.contains(&&slots[0]["start"]) && live.contains(&&slots[1]["start"]));

    // Changing the slot length so that a booked slot falls away is refused.
    let mut longer = ev_now.clone();
    longer["slot_minutes"] = json!(45);
    let (s, problem) = send(
        &app,
        Some(&n.editor_a),
        reqwest::Method::PUT,
        &format!("/api/v1/events/{}", ev["id"]),
        Some(longer),
    )
    .await;
    assert_eq!(s, 409, "{problem}");
    let said = problem["detail"].as_str().expect("detail");
    assert!(said.contains("Termin") || said.contains("slot"), "{said}");

    // An event without slots has none, and takes no slot; a members-only event's slots
    // are as hidden as the event.
    let (_, plain) = send(
        &app,
        Some(&n.editor_a),
        post.clone(),
        "/api/v1/events",
        Some(event(n.org_a, n.net_a, "public", 5)),
    )
    .await;
    let (s, none) = send(
        &app,
        None,
        get.clone(),
        &format!("/api/v1/events/{}/slots", plain["id"]),
        None,
    )
    .await;
    assert_eq!((s, none), (200, json!([])));
    let (s, problem) = send(
        &app,
        None,
        post.clone(),
        &format!("/api/v1/events/{}/registrations", plain["id"]),
        Some(book("Dora", "dora@example.org", &plain["starts_at"])),
    )
    .await;
    assert_eq!((s, problem["parameter"].as_str()), (400, Some("slot")));
    let mut internal = event(n.org_a, n.net_a, "members", 1);
    internal["slot_minutes"] = json!(60);
    let (_, internal) = send(
        &app,
        Some(&n.editor_a),
        post.clone(),
        "/api/v1/events",
        Some(internal),
    )
    .await;
    let internal_slots = format!("/api/v1/events/{}/slots", internal["id"]);
    assert_eq!(
        send(&app, None, get.clone(), &internal_slots, None).await.0,
        404
    );
    let (s, hourly) = send(&app, Some(&n.editor_a), get, &internal_slots, None).await;
    assert_eq!(s, 200);
    assert_eq!(hourly.as_array().expect("slots").len(), 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_networks_page_lists_every_network_and_marks_ones_own() {
    let app = start(0).await;
    let n = networks(&app).await;
    let (s, page) = super::helpers::get_as(&app, None, "/networks").await;
    assert_eq!(s, 200);
    assert!(
        page.contains(&format!("href=\"/networks/{}\"", n.net_a)),
        "{page}"
    );
    assert!(page.contains(&format!("href=\"/networks/{}\"", n.net_b)));
    assert!(!page.contains("Ihr Netzwerk"));
    let (_, page) = super::helpers::get_as(&app, Some(&n.editor_a), "/networks").await;
    assert_eq!(
        page.matches("Ihr Netzwerk").count(),
        1,
        "only network A is theirs"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_series_keeps_its_local_time_across_the_change_of_the_clocks() {
    let app = start(0).await;
    let n = networks(&app).await;
    let post = reqwest::Method::POST;
    let get = reqwest::Method::GET;
    let at = |v: &Value| {
        chrono::DateTime::parse_from_rfc3339(v.as_str().expect("instant"))
            .expect("RFC 3339")
            .with_timezone(&chrono::Utc)
    };
    // Tuesday 8 October 2030, 09:00–12:00 German summer time, every second week, four
    // times: the clocks go back on Sunday 27 October, between the second and third date.
    let mut body = event(n.org_a, n.net_a, "public", 500);
    body["kind"] = json!("consultation_day");
    body["title"] = json!("Sprechstunde Industriepark Schwarze Pumpe, Dock 3");
    body["starts_at"] = json!("2030-10-08T07:00:00Z");
    body["ends_at"] = json!("2030-10-08T10:00:00Z");
    body["slot_minutes"] = json!(30);
    body["repeat"] = json!({"every_weeks": 2, "count": 4});
    let (s, first) = send(
        &app,
        Some(&n.editor_a),
        post.clone(),
        "/api/v1/events",
        Some(body.clone()),
    )
    .await;
    assert_eq!(s, 201, "{first}");
    assert_eq!(first["series_id"], first["id"], "the first names itself");
    assert_eq!(at(&first["starts_at"]), at(&json!("2030-10-08T07:00:00Z")));

    let (s, list) = send(
        &app,
        None,
        get.clone(),
        &format!("/api/v1/events?series={}", first["id"]),
        None,
    )
    .await;
    assert_eq!(s, 200, "{list}");
    assert_eq!(list["total"], 4, "{list}");
    let items = list["items"].as_array().expect("items");
    let berlin = |v: &Value| {
        bleibe_web::berlin::to_berlin(at(v))
            .format("%Y-%m-%d %a %H:%M")
            .to_string()
    };
    assert_eq!(
        items
            .iter()
            .map(|e| format!(
                "{}–{}",
                berlin(&e["starts_at"]),
                &berlin(&e["ends_at"])[15..]
            ))
            .collect::<Vec<_>>(),
        vec![
            "2030-10-08 Tue 09:00–12:00",
            "2030-10-22 Tue 09:00–12:00",
            "2030-11-05 Tue 09:00–12:00",
            "2030-11-19 Tue 09:00–12:00",
        ],
        "09:00 German time on every date"
    );
    assert_eq!(
        at(&items[2]["starts_at"]),
        at(&json!("2030-11-05T08:00:00Z")),
        "an hour later in UTC after the change"
    );
    for e in items {
        assert_eq!(e["series_id"], first["id"], "{e}");
        assert_eq!(e["capacity"], 6, "six slots a date: {e}");
        assert_eq!(e["title"], body["title"]);
        assert_eq!(e["venue"], body["venue"]);
    }
    // Each date has its own slots, from its own start.
    let (s, slots) = send(
        &app,
        None,
        get.clone(),
        &format!("/api/v1/events/{}/slots", items[2]["id"]),
        None,
    )
    .await;
    assert_eq!(s, 200, "{slots}");
    assert_eq!(slots[0]["start"], items[2]["starts_at"]);
    // The calendar has one VEVENT per date, each at its own time (no RRULE).
    let (status, _, ics) = app.text(&format!("/networks/{}/events.ics", n.net_a)).await;
    assert_eq!(status, 200);
    use icalendar::{CalendarComponent, Component};
    let cal = icalendar::Calendar::from(
        icalendar::parser::read_calendar(&icalendar::parser::unfold(&ics)).expect("parses"),
    );
    let mut starts: Vec<String> = cal
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .filter(|e| e.get_summary() == body["title"].as_str())
        .map(|e| format!("{:?}", e.get_start()))
        .collect();
    starts.dedup();
    assert_eq!(starts.len(), 4, "{ics}");
    assert!(!ics.contains("RRULE"), "{ics}");
    // An event on its own has no series.
    let (s, single) = send(
        &app,
        Some(&n.editor_a),
        post.clone(),
        "/api/v1/events",
        Some(event(n.org_a, n.net_a, "public", 10)),
    )
    .await;
    assert_eq!(s, 201, "{single}");
    assert_eq!(single["series_id"], Value::Null);

    // A bad `repeat` is a 400 naming the field, and nothing is created.
    let (_, before) = send(
        &app,
        None,
        get.clone(),
        &format!("/api/v1/events?org={}&from=2030-01-01", n.org_a),
        None,
    )
    .await;
    for (repeat, field) in [
        (json!({"every_weeks": 0, "count": 6}), "repeat.every_weeks"),
        (json!({"every_weeks": 9, "count": 6}), "repeat.every_weeks"),
        (json!({"every_weeks": -2, "count": 6}), "repeat.every_weeks"),
        (json!({"every_weeks": 2, "count": 1}), "repeat.count"),
        (json!({"every_weeks": 2, "count": 53}), "repeat.count"),
        (json!({"every_weeks": 2}), "repeat.count"),
    ] {
        let mut bad = body.clone();
        bad["repeat"] = repeat.clone();
        let (s, problem) = send(
            &app,
            Some(&n.editor_a),
            post.clone(),
            "/api/v1/events",
            Some(bad),
        )
        .await;
        assert_eq!(
            (s, problem["parameter"].as_str()),
            (400, Some(field)),
            "{repeat}: {problem}"
        );
    }
    let (_, after) = send(
        &app,
        None,
        get,
        &format!("/api/v1/events?org={}&from=2030-01-01", n.org_a),
        None,
    )
    .await;
    assert_eq!(after["total"], before["total"], "nothing half-created");
    assert_eq!(before["total"], 4);
}
