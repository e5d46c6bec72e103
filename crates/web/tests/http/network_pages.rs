//! The network workspace's pages over HTTP with real sessions: what members and others
//! see of members-only measures, registration with a waiting list and cancellation,
//! the idea board and its decision form, and a stale measure edit.

use crate::helpers::{self, anonymous, get_as, location, org, post_as, signed_in, TestApp, Who};
use bleibe_domain::cooperation::{
    Cluster, EventKind, FieldOfAction, IdeaStage, MeasureStatus, NewEvent, NewIdea, NewMeasure,
    RegistrationStatus, TargetGroup, Visibility,
};
use bleibe_domain::{OrgKind, Role};
use bleibe_store::accounts::NewNetwork;
use chrono::{Duration, Utc};

/// Cottbus.
const COTTBUS: i64 = 2939811;

/// A network with one member organisation (a municipality) and an outside employer.
struct Setup {
    network: i64,
    member_org: i64,
    outside_org: i64,
}

async fn setup(app: &TestApp) -> Setup {
    let member_org = org(
        app,
        "Stadt Spremberg (Test)",
        OrgKind::Municipality,
        COTTBUS,
    )
    .await;
    let outside_org = org(app, "Außenstehende GmbH", OrgKind::Employer, COTTBUS).await;
    let network = app
        .store
        .create_network(&NewNetwork {
            slug: "staedte-dreieck-test".into(),
            name: "Städte-Dreieck (Test)".into(),
            description: "Offener Austausch der drei Städte.".into(),
            place_ids: vec![COTTBUS],
            org_ids: vec![member_org],
            demo: false,
        })
        .await
        .expect("network")
        .id;
    Setup {
        network,
        member_org,
        outside_org,
    }
}

/// A signed-in user with `role` in `org_id`.
async fn user_in(app: &TestApp, email: &str, org_id: i64, role: Role) -> Who {
    let who = signed_in(app, email, false).await;
    app.store
        .set_role(org_id, who.id, role)
        .await
        .expect("role");
    who
}

fn measure(org_id: i64, network: i64, title: &str, visibility: Visibility) -> NewMeasure {
    NewMeasure {
        org_id,
        all_networks: false,
        network_ids: vec![network],
        title: title.into(),
        description: "Begrüßungspaket für Rückkehrer/innen.".into(),
        cluster: Cluster::Social,
        field: FieldOfAction::WelcomeCulture,
        target_groups: vec![TargetGroup::Returnees],
        place_ids: vec![COTTBUS],
        start_date: None,
        end_date: None,
        budget_eur: Some(5000),
        funding: None,
        status: MeasureStatus::Running,
        indicators: vec![],
        lessons: String::new(),
        links: vec![],
        visibility,
        demo: false,
    }
}

#[tokio::test]
async fn members_only_measures_reach_members_only() {
    let app = helpers::start(0).await;
    let s = setup(&app).await;
    let member = user_in(&app, "mitglied@example.org", s.member_org, Role::Member).await;
    let outsider = user_in(&app, "aussen@example.org", s.outside_org, Role::Editor).await;
    let internal = app
        .store
        .create_measure(&measure(
            s.member_org,
            s.network,
            "Internes Willkommenspaket",
            Visibility::Members,
        ))
        .await
        .expect("measure");
    let public = app
        .store
        .create_measure(&measure(
            s.member_org,
            s.network,
            "Öffentlicher Rückkehrertag",
            Visibility::Public,
        ))
        .await
        .expect("measure");

    // The member sees it on the network's page, in the list and on its own page.
    let (status, body) = get_as(&app, Some(&member), &format!("/networks/{}", s.network)).await;
    assert_eq!(status, 200);
    assert!(body.contains("Internes Willkommenspaket"), "{body}");
    let (status, body) = get_as(
        &app,
        Some(&member),
        &format!("/networks/{}/measures", s.network),
    )
    .await;
    assert_eq!(status, 200);
    assert!(body.contains("Internes Willkommenspaket"));
    let (status, body) = get_as(&app, Some(&member), &format!("/measures/{}", internal.id)).await;
    assert_eq!(status, 200);
    assert!(body.contains("Internes Willkommenspaket"));
    assert!(
        body.contains("Willkommenskultur"),
        "translated field of action"
    );

    // Someone outside the network, and the public, neither see it nor learn it exists.
    for who in [Some(&outsider), None] {
        let (status, _) = get_as(&app, who, &format!("/measures/{}", internal.id)).await;
        assert_eq!(status, 404);
        for path in [
            format!("/networks/{}", s.network),
            format!("/networks/{}/measures", s.network),
            format!("/networks/{}/measures/compare", s.network),
        ] {
            let (status, body) = get_as(&app, who, &path).await;
            assert_eq!(status, 200, "{path}");
            assert!(!body.contains("Internes Willkommenspaket"), "{path}");
            assert!(body.contains("Öffentlicher Rückkehrertag"), "{path}");
        }
        let (status, _) = get_as(&app, who, &format!("/measures/{}", public.id)).await;
        assert_eq!(status, 200);
    }
    // Filters and bad filter values.
    let (status, body) = get_as(
        &app,
        None,
        &format!(
            "/networks/{}/measures?field=welcome_culture&target_group=returnees&q=Rückkehrertag",
            s.network
        ),
    )
    .await;
    assert_eq!(status, 200);
    assert!(body.contains("Öffentlicher Rückkehrertag"));
    let (status, body) = get_as(
        &app,
        None,
        &format!("/networks/{}/measures?cluster=kegeln", s.network),
    )
    .await;
    assert_eq!(status, 400);
    assert!(body.contains("cluster"), "names the parameter");
}

/// The cancellation token in a registration page's link.
fn token_in(body: &str) -> String {
    let start = body
        .find("href=\"/registrations/")
        .expect("cancellation link")
        + 21;
    body[start..].split('"').next().expect("token").to_string()
}

async fn register(app: &TestApp, event: i64, name: &str, email: &str) -> (u16, String) {
    let (cookie, csrf) = anonymous(app).await;
    let res = app
        .client
        .post(app.url(&format!("/events/{event}/register")))
        .header("cookie", cookie)
        .form(&[
            ("csrf", csrf.as_str()),
            ("name", name),
            ("email", email),
            ("organisation", ""),
        ])
        .send()
        .await
        .expect("request");
    let status = res.status().as_u16();
    (status, res.text().await.expect("body"))
}

#[tokio::test]
async fn registration_fills_places_then_the_waiting_list_and_cancelling_moves_up() {
    let app = helpers::start(0).await;
    let s = setup(&app).await;
    let start = Utc::now() + Duration::days(20);
    let event = app
        .store
        .create_event(&NewEvent {
            org_id: s.member_org,
            network_id: Some(s.network),
            working_group_id: None,
            kind: EventKind::ReturneeDay,
            title: "Rückkehrertag im Test".into(),
            description: String::new(),
            venue: "Niederlausitzhalle".into(),
            address: String::new(),
            online_url: None,
            starts_at: start,
            ends_at: start + Duration::hours(5),
            capacity: Some(1),
            slot_minutes: None,
            registration_open: true,
            visibility: Visibility::Public,
            agenda: String::new(),
            minutes: String::new(),
            demo: false,
        })
        .await
        .expect("event");

    // The calendar and the event page show the free place.
    let (status, body) = get_as(&app, None, &format!("/networks/{}/events", s.network)).await;
    assert_eq!(status, 200);
    assert!(body.contains("Rückkehrertag im Test"));
    assert!(body.contains("Ein Platz frei"), "{body}");
    let (status, body) = get_as(&app, None, &format!("/events/{}", event.id)).await;
    assert_eq!(status, 200);
    assert!(body.contains(r#"action="/events/"#) && body.contains("/register"));

    // A bad address comes back with the field marked.
    let (status, body) = register(&app, event.id, "Anna", "keine-adresse").await;
    assert_eq!(status, 400);
    assert!(body.contains(r##"href="#email""##), "{body}");

    let (status, first) = register(&app, event.id, "Anna Rückkehr", "anna@example.org").await;
    assert_eq!(status, 200, "{first}");
    assert!(first.contains("Sie sind angemeldet."), "{first}");
    let first_token = token_in(&first);
    let (status, second) = register(&app, event.id, "Ben Pendler", "ben@example.org").await;
    assert_eq!(status, 200);
    assert!(second.contains("Warteliste"), "{second}");
    assert!(second.contains("Nummer 1 auf der Warteliste"), "{second}");
    // The same address twice is a conflict.
    let (status, _) = register(&app, event.id, "Anna", "anna@example.org").await;
    assert_eq!(status, 409);
    let (_, body) = get_as(&app, None, &format!("/networks/{}/events", s.network)).await;
    assert!(body.contains("Ausgebucht"), "{body}");

    // The cancellation page shows the registration; cancelling moves Ben up.
    let (status, body) = get_as(&app, None, &format!("/registrations/{first_token}")).await;
    assert_eq!(status, 200);
    assert!(body.contains("Anna Rückkehr"));
    let (cookie, csrf) = anonymous(&app).await;
    let res = app
        .client
        .post(app.url(&format!("/registrations/{first_token}/cancel")))
        .header("cookie", cookie)
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .expect("request");
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), format!("/registrations/{first_token}"));
    let regs = app
        .store
        .registrations(event.id)
        .await
        .expect("registrations");
    let status_of = |email: &str| {
        regs.iter()
            .find(|r| r.email == email)
            .map(|r| r.status)
            .expect("registration")
    };
    assert_eq!(status_of("anna@example.org"), RegistrationStatus::Cancelled);
    assert_eq!(status_of("ben@example.org"), RegistrationStatus::Registered);
    let (_, body) = get_as(&app, None, &format!("/registrations/{first_token}")).await;
    assert!(body.contains("abgesagt"), "{body}");

    // An unknown link is a friendly 404.
    let (status, body) = get_as(
        &app,
        None,
        "/registrations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    )
    .await;
    assert_eq!(status, 404);
    assert!(body.contains("Anmeldung nicht gefunden"), "{body}");

    // The organiser sees the list; others do not.
    let editor = user_in(&app, "orga@example.org", s.member_org, Role::Editor).await;
    let (status, body) = get_as(
        &app,
        Some(&editor),
        &format!("/events/{}/registrations", event.id),
    )
    .await;
    assert_eq!(status, 200);
    assert!(body.contains("ben@example.org"));
    let outsider = user_in(&app, "fremd@example.org", s.outside_org, Role::Editor).await;
    let (status, _) = get_as(
        &app,
        Some(&outsider),
        &format!("/events/{}/registrations", event.id),
    )
    .await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn the_idea_board_shows_stages_and_the_decision_form_refuses_skipping() {
    let app = helpers::start(0).await;
    let s = setup(&app).await;
    let member = user_in(&app, "ideen@example.org", s.member_org, Role::Member).await;
    let admin = signed_in(&app, "koordination@example.org", false).await;
    app.store
        .add_network_admin(s.network, admin.id)
        .await
        .expect("network admin");
    let outsider = user_in(&app, "nicht-dabei@example.org", s.outside_org, Role::Admin).await;
    let idea = app
        .store
        .create_idea(&NewIdea {
            network_id: s.network,
            working_group_id: None,
            org_id: s.member_org,
            title: "Pendlerbus Schwarze Pumpe".into(),
            summary: "Ein Bus für die Frühschicht.".into(),
            institution_ids: vec![],
            demo: false,
        })
        .await
        .expect("idea");

    let board = format!("/networks/{}/ideas", s.network);
    let (status, body) = get_as(&app, Some(&member), &board).await;
    assert_eq!(status, 200);
    let column =
        |body: &str, stage: &str| body.find(&format!(r#"id="stage-{stage}""#)).expect(stage);
    let card = body.find("Pendlerbus Schwarze Pumpe").expect("card");
    assert!(column(&body, "idea") < card && card < column(&body, "pre_consultation"));
    assert_eq!(get_as(&app, Some(&outsider), &board).await.0, 403);
    assert_eq!(get_as(&app, None, &board).await.0, 401);
    assert_eq!(
        get_as(&app, Some(&outsider), &format!("/ideas/{}", idea.id))
            .await
            .0,
        404
    );

    // Only the admin gets the decision form; a member may comment.
    let page = format!("/ideas/{}", idea.id);
    let (_, body) = get_as(&app, Some(&member), &page).await;
    assert!(!body.contains("/decide"));
    assert!(body.contains("/comments"));
    let (_, body) = get_as(&app, Some(&admin), &page).await;
    assert!(body.contains(r#"action="/ideas/"#) && body.contains("/decide"));
    let res = post_as(
        &app,
        &member,
        &format!("/ideas/{}/decide", idea.id),
        &[("to", "pre_consultation")],
    )
    .await;
    assert_eq!(res.status(), 403);

    // Skipping a stage is refused with the field named; nothing moves.
    let res = post_as(
        &app,
        &admin,
        &format!("/ideas/{}/decide", idea.id),
        &[("to", "running"), ("note", "Sofort los")],
    )
    .await;
    assert_eq!(res.status(), 400);
    let body = res.text().await.expect("body");
    assert!(body.contains(r##"href="#to""##), "{body}");
    assert!(body.contains("Neue Phase"), "{body}");
    assert!(body.contains("Vorbefassung"), "the allowed stage is named");
    let stored = app.store.idea(idea.id).await.expect("idea").expect("idea");
    assert_eq!(stored.stage, IdeaStage::Idea);

    // The allowed move goes through, with its dated note.
    let res = post_as(
        &app,
        &admin,
        &format!("/ideas/{}/decide", idea.id),
        &[
            ("to", "pre_consultation"),
            ("note", "In der AG besprechen"),
            ("decided_on", "03.03.2026"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let stored = app.store.idea(idea.id).await.expect("idea").expect("idea");
    assert_eq!(stored.stage, IdeaStage::PreConsultation);
    let (_, body) = get_as(&app, Some(&member), &board).await;
    let card = body.find("Pendlerbus Schwarze Pumpe").expect("card");
    assert!(column(&body, "pre_consultation") < card && card < column(&body, "qualification"));
    let (_, body) = get_as(&app, Some(&member), &page).await;
    assert!(body.contains("In der AG besprechen") && body.contains("03.03.2026"));

    // A comment.
    let res = post_as(
        &app,
        &member,
        &format!("/ideas/{}/comments", idea.id),
        &[("body", "Die Stadt fährt mit.")],
    )
    .await;
    assert_eq!(res.status(), 303);
    let (_, body) = get_as(&app, Some(&member), &page).await;
    assert!(body.contains("Die Stadt fährt mit."));
}

#[tokio::test]
async fn a_stale_measure_edit_shows_the_conflict_and_overwrites_nothing() {
    let app = helpers::start(0).await;
    let s = setup(&app).await;
    let editor = user_in(&app, "redaktion@example.org", s.member_org, Role::Editor).await;
    let m = app
        .store
        .create_measure(&measure(
            s.member_org,
            s.network,
            "Willkommensmappe",
            Visibility::Public,
        ))
        .await
        .expect("measure");
    let (status, body) = get_as(&app, Some(&editor), &format!("/measures/{}/edit", m.id)).await;
    assert_eq!(status, 200);
    assert!(body.contains(r#"name="version" value="1""#), "{body}");

    // Someone else saves first.
    let mut other = m.data.clone();
    other.title = "Willkommensmappe, zweite Auflage".into();
    app.store
        .update_measure(m.id, 1, &other)
        .await
        .expect("update");

    let network = s.network.to_string();
    let form = |version: &'static str, title: &'static str| {
        vec![
            ("network_ids", network.as_str()),
            ("version", version),
            ("title", title),
            ("cluster", "social"),
            ("field", "welcome_culture"),
            ("status", "running"),
            ("visibility", "public"),
            ("target_groups", "returnees"),
            ("ind_name_1", "Ausgegebene Mappen"),
            ("ind_unit_1", "Stück"),
            ("ind_target_1", "500"),
            ("ind_period_1", "2025"),
            ("ind_actual_1", "320"),
        ]
    };
    let fields = form("1", "Meine Fassung");
    let res = post_as(&app, &editor, &format!("/measures/{}/edit", m.id), &fields).await;
    assert_eq!(res.status(), 409);
    let body = res.text().await.expect("body");
    assert!(body.contains("inzwischen geändert"), "{body}");
    assert!(
        body.contains(r#"value="Meine Fassung""#),
        "the input is kept"
    );
    let stored = app
        .store
        .measure(m.id)
        .await
        .expect("measure")
        .expect("measure");
    assert_eq!(stored.data.title, "Willkommensmappe, zweite Auflage");
    assert_eq!(stored.version, 2);

    // With the current version the edit goes through, indicators included.
    let fields = form("2", "Meine Fassung");
    let res = post_as(&app, &editor, &format!("/measures/{}/edit", m.id), &fields).await;
    assert_eq!(res.status(), 303);
    let stored = app
        .store
        .measure(m.id)
        .await
        .expect("measure")
        .expect("measure");
    assert_eq!(stored.data.title, "Meine Fassung");
    assert_eq!(stored.data.indicators.len(), 1);
    assert_eq!(stored.data.indicators[0].latest(), Some(320.0));
    let (_, body) = get_as(&app, None, &format!("/measures/{}", m.id)).await;
    assert!(
        body.contains("Ausgegebene Mappen: 320 von 500 Stück (2025)"),
        "{body}"
    );

    // A member without the editor role may not edit.
    let reader = user_in(&app, "lesen@example.org", s.member_org, Role::Member).await;
    let (status, _) = get_as(&app, Some(&reader), &format!("/measures/{}/edit", m.id)).await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn members_list_themselves_as_contacts_with_consent_and_join_groups() {
    let app = helpers::start(0).await;
    let s = setup(&app).await;
    let member = user_in(&app, "kontakt@example.org", s.member_org, Role::Member).await;
    let path = format!("/networks/{}/contacts", s.network);
    let org_id = s.member_org.to_string();
    // Without consent nothing is listed.
    let res = post_as(
        &app,
        &member,
        &path,
        &[
            ("contact_name", "Karla Kontakt"),
            ("email", "karla@example.org"),
            ("org", org_id.as_str()),
        ],
    )
    .await;
    assert_eq!(res.status(), 400);
    assert!(res
        .text()
        .await
        .expect("body")
        .contains(r##"href="#consent-yes""##));
    assert!(app
        .store
        .contacts(s.network)
        .await
        .expect("contacts")
        .is_empty());
    let res = post_as(
        &app,
        &member,
        &path,
        &[
            ("contact_name", "Karla Kontakt"),
            ("function", "Wirtschaftsförderung"),
            ("email", "karla@example.org"),
            ("org", org_id.as_str()),
            ("consent", "yes"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let contacts = app.store.contacts(s.network).await.expect("contacts");
    assert_eq!(contacts.len(), 1);
    // Members see the contact; the public does not.
    let page = format!("/networks/{}", s.network);
    assert!(get_as(&app, Some(&member), &page)
        .await
        .1
        .contains("Karla Kontakt"));
    assert!(!get_as(&app, None, &page).await.1.contains("Karla Kontakt"));
    // The person removes themselves.
    let res = post_as(
        &app,
        &member,
        &format!("/networks/{}/contacts/{}/remove", s.network, contacts[0].id),
        &[],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert!(app
        .store
        .contacts(s.network)
        .await
        .expect("contacts")
        .is_empty());

    // Working groups: join and leave.
    let group = app
        .store
        .create_group(&bleibe_domain::cooperation::NewWorkingGroup {
            network_id: s.network,
            name: "Berufliche Orientierung".into(),
            description: String::new(),
            lead_user_id: None,
            demo: false,
        })
        .await
        .expect("group");
    let res = post_as(
        &app,
        &member,
        &format!("/working-groups/{}/join", group.id),
        &[],
    )
    .await;
    assert_eq!(res.status(), 303);
    let members = app.store.group_members(group.id).await.expect("members");
    assert_eq!(members.len(), 1);
    let (status, body) = get_as(
        &app,
        Some(&member),
        &format!("/working-groups/{}", group.id),
    )
    .await;
    assert_eq!(status, 200);
    assert!(body.contains("/leave"));
    // Only the lead or the network's admins add tasks.
    let res = post_as(
        &app,
        &member,
        &format!("/working-groups/{}/tasks", group.id),
        &[("title", "Einladung schreiben")],
    )
    .await;
    assert_eq!(res.status(), 403);
    let (status, _) = get_as(&app, None, &format!("/working-groups/{}", group.id)).await;
    assert_eq!(status, 401);
}

async fn book_slot(
    app: &TestApp,
    event: i64,
    name: &str,
    email: &str,
    slot: &str,
) -> (u16, String) {
    let (cookie, csrf) = anonymous(app).await;
    let res = app
        .client
        .post(app.url(&format!("/events/{event}/register")))
        .header("cookie", cookie)
        .form(&[
            ("csrf", csrf.as_str()),
            ("slot", slot),
            ("name", name),
            ("email", email),
            ("organisation", ""),
        ])
        .send()
        .await
        .expect("request");
    let status = res.status().as_u16();
    (status, res.text().await.expect("body"))
}

#[tokio::test]
async fn a_consultation_day_offers_only_its_free_slots() {
    let app = helpers::start(0).await;
    let s = setup(&app).await;
    // 09:00–11:00 German time in 30-minute slots, in three weeks.
    let day = (Utc::now() + Duration::days(21)).date_naive();
    let start = bleibe_web::berlin::from_berlin(day.and_hms_opt(9, 0, 0).expect("time"));
    let event = app
        .store
        .create_event(
            &NewEvent {
                org_id: s.member_org,
                network_id: Some(s.network),
                working_group_id: None,
                kind: EventKind::ConsultationDay,
                title: "Beratungstag im Dock 3 (Test)".into(),
                description: String::new(),
                venue: "Dock 3 Lausitz, Industriepark Schwarze Pumpe".into(),
                address: String::new(),
                online_url: None,
                starts_at: start,
                ends_at: start + Duration::hours(2),
                capacity: None,
                slot_minutes: Some(30),
                registration_open: true,
                visibility: Visibility::Public,
                agenda: String::new(),
                minutes: String::new(),
                demo: false,
            }
            .validate()
            .expect("valid"),
        )
        .await
        .expect("event");
    let slots: Vec<String> = event
        .slots()
        .iter()
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
        .collect();
    assert_eq!(slots.len(), 4);
    // 09:30 is booked already.
    app.store
        .register(
            event.id,
            &bleibe_domain::cooperation::NewRegistration {
                name: "Vorab".into(),
                email: "vorab@example.org".into(),
                organisation: String::new(),
                user_id: None,
                slot: Some(event.slots()[1]),
                cancel_hash: "vorab".into(),
            },
        )
        .await
        .expect("booked");

    // The page offers the free slots as a radio group, not the taken one.
    let page = format!("/events/{}", event.id);
    let (status, body) = get_as(&app, None, &page).await;
    assert_eq!(status, 200);
    assert!(
        body.contains("<fieldset") && body.contains("<legend>"),
        "{body}"
    );
    assert!(body.contains("30 Minuten"), "{body}");
    assert!(body.contains(r#"type="radio""#), "{body}");
    for (slot, label, offered) in [
        (&slots[0], "09:00–09:30", true),
        (&slots[1], "09:30–10:00", false),
        (&slots[2], "10:00–10:30", true),
        (&slots[3], "10:30–11:00", true),
    ] {
        assert_eq!(
            body.contains(&format!(r#"value="{slot}""#)),
            offered,
            "{slot}"
        );
        assert_eq!(body.contains(label), offered, "{label}");
    }
    assert!(body.contains("3 Termine frei"), "{body}");

    // Booking a free slot: the confirmation shows it.
    let (status, body) = book_slot(&app, event.id, "Anna", "anna@example.org", &slots[2]).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Ihr Termin"), "{body}");
    assert!(body.contains("10:00–10:30"), "{body}");
    // A taken slot is a conflict, and the page offers what is still free.
    let (status, body) = book_slot(&app, event.id, "Ben", "ben@example.org", &slots[1]).await;
    assert_eq!(status, 409, "{body}");
    assert!(body.contains("inzwischen vergeben"), "{body}");
    assert!(
        !body.contains(&format!(r#"value="{}""#, slots[2])),
        "{body}"
    );
    assert!(body.contains(&format!(r#"value="{}""#, slots[3])), "{body}");
    // No slot chosen: the field is marked and the summary links to it.
    let (status, body) = book_slot(&app, event.id, "Ben", "ben@example.org", "").await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains(r##"href="#slot-"##), "{body}");
    assert!(
        body.contains("Wählen Sie einen der freien Termine."),
        "{body}"
    );
    // Not a slot at all.
    let (status, _) = book_slot(&app, event.id, "Ben", "ben@example.org", "morgen").await;
    assert_eq!(status, 400);

    // The organiser's list shows the slots.
    let editor = user_in(&app, "beratung@example.org", s.member_org, Role::Editor).await;
    let (status, body) = get_as(
        &app,
        Some(&editor),
        &format!("/events/{}/registrations", event.id),
    )
    .await;
    assert_eq!(status, 200);
    assert!(body.contains(">Termin</th>"), "{body}");
    assert!(
        body.contains("09:30–10:00") && body.contains("10:00–10:30"),
        "{body}"
    );

    // Fully booked: no form, and it says so.
    for (i, slot) in [0, 3].into_iter().enumerate() {
        let (status, _) = book_slot(
            &app,
            event.id,
            "Cleo",
            &format!("cleo{i}@example.org"),
            &slots[slot],
        )
        .await;
        assert_eq!(status, 200);
    }
    let (_, body) = get_as(&app, None, &page).await;
    assert!(body.contains("Alle Termine sind vergeben."), "{body}");
    assert!(!body.contains(r#"type="radio""#), "{body}");
}

#[tokio::test]
async fn the_event_form_creates_a_series_and_each_date_lists_the_others() {
    let app = helpers::start(0).await;
    let s = setup(&app).await;
    let editor = user_in(&app, "sprechstunde@example.org", s.member_org, Role::Editor).await;
    let new = format!("/events/new?org={}", s.member_org);

    // The new-event form offers the repetition as its own fieldset, labelled and hinted.
    let (status, body) = get_as(&app, Some(&editor), &new).await;
    assert_eq!(status, 200);
    assert!(
        body.contains("<legend>Regelmäßig wiederholen</legend>"),
        "{body}"
    );
    for name in ["repeat_every_weeks", "repeat_count"] {
        assert!(body.contains(&format!(r#"<label for="{name}">"#)), "{name}");
        assert!(
            body.contains(&format!(r#"aria-describedby="{name}-hint""#)),
            "{name}: {body}"
        );
    }
    let network = s.network.to_string();
    fn form<'a>(network: &'a str, every: &'a str, count: &'a str) -> Vec<(&'a str, &'a str)> {
        vec![
            ("title", "Sprechstunde Dock 3 (Test)"),
            ("kind", "consultation_day"),
            ("start_date", "2030-10-08"),
            ("start_time", "09:00"),
            ("end_date", ""),
            ("end_time", "12:00"),
            ("venue", "Industriepark Schwarze Pumpe, Dock 3"),
            ("address", ""),
            ("online_url", ""),
            ("description", ""),
            ("capacity", ""),
            ("slot_minutes", "30"),
            ("registration_open", "yes"),
            ("visibility", "public"),
            ("group", ""),
            ("agenda", ""),
            ("minutes", ""),
            ("network", network),
            ("repeat_every_weeks", every),
            ("repeat_count", count),
        ]
    }
    let count_events = || async {
        app.store
            .events(&bleibe_store::cooperation::EventFilter {
                members_of: bleibe_store::cooperation::Audience::All,
                ..Default::default()
            })
            .await
            .expect("events")
            .1
    };

    // Half a repetition: both problems in the error summary, nothing created.
    let res = post_as(&app, &editor, &new, &form(&network, "2", "")).await;
    assert_eq!(res.status(), 400);
    let body = res.text().await.expect("body");
    assert!(body.contains("error-summary"), "{body}");
    assert!(body.contains(r##"href="#repeat_count""##), "{body}");
    assert!(
        body.contains("Geben Sie die Anzahl der Termine als ganze Zahl von 2 bis 52 an"),
        "{body}"
    );
    let res = post_as(&app, &editor, &new, &form(&network, "9", "4")).await;
    assert_eq!(res.status(), 400);
    let body = res.text().await.expect("body");
    assert!(body.contains(r##"href="#repeat_every_weeks""##), "{body}");
    assert_eq!(count_events().await, 0, "nothing created");

    // Every second Tuesday, four dates, across the change of the clocks on 27 October.
    let res = post_as(&app, &editor, &new, &form(&network, "2", "4")).await;
    assert_eq!(
        res.status(),
        303,
        "{}",
        res.text().await.unwrap_or_default()
    );
    let first: i64 = location(&res)
        .strip_prefix("/events/")
        .and_then(|id| id.parse().ok())
        .expect("the first event's page");
    let (series, total) = app
        .store
        .events(&bleibe_store::cooperation::EventFilter {
            series: Some(first),
            members_of: bleibe_store::cooperation::Audience::All,
            ..Default::default()
        })
        .await
        .expect("events");
    assert_eq!(total, 4);
    assert_eq!(series[0].id, first);

    // Each date's page lists the other three, with links, at 09:00–12:00 German time.
    let dates = ["08.10.2030", "22.10.2030", "05.11.2030", "19.11.2030"];
    for (i, e) in series.iter().enumerate() {
        assert_eq!(e.series_id, Some(first));
        let (status, body) = get_as(&app, None, &format!("/events/{}", e.id)).await;
        assert_eq!(status, 200);
        assert!(body.contains("Weitere Termine dieser Reihe"), "{body}");
        let (_, list) = body
            .split_once("Weitere Termine dieser Reihe")
            .expect("the list");
        let list = list.split("</section>").next().expect("section");
        for (j, other) in series.iter().enumerate() {
            let link = format!(r#"href="/events/{}""#, other.id);
            assert_eq!(list.contains(&link), i != j, "date {i} lists date {j}?");
            if i != j {
                assert!(
                    list.contains(&format!("{}, 09:00–12:00 Uhr", dates[j])),
                    "{list}"
                );
            }
        }
    }

    // The edit form offers no repetition.
    let (_, body) = get_as(&app, Some(&editor), &format!("/events/{first}/edit")).await;
    assert!(!body.contains("repeat_every_weeks"), "{body}");
    assert!(body.contains(r#"name="start_time""#), "{body}");
}
