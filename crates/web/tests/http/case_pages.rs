//! The case pages of the welcome centers: work views, a case as its staff and as a
//! partner see it, the step form with its version, documents, the intake form, the
//! person's own view with the access log, and erasure. Set up through the store.

use crate::helpers::*;
use bleibe_domain::casework::{CaseStatus, Category, NewConsent, NewPerson, StepStatus};
use bleibe_domain::{OrgKind, Role};
use bleibe_store::cases::NewAppointment;
use chrono::{Duration, Utc};

const NAME: &str = "Amina Okafor";

/// A verified welcome center with an editor and an admin, a verified housing company
/// with a member (all signed in with a second factor), and a person with an open case
/// of the editor's, started 60 days ago so that its first steps are overdue.
struct World {
    wc: i64,
    housing: i64,
    staff: Who,
    admin: Who,
    partner: Who,
    person: i64,
    case: i64,
}

async fn verified(app: &TestApp, name: &str, kind: OrgKind) -> i64 {
    let id = org(app, name, kind, 2830085).await;
    app.store.set_verified(id, true).await.expect("verify");
    id
}

async fn member(app: &TestApp, org: i64, email: &str, role: Role) -> Who {
    let id = new_user(app, email, false).await;
    app.store.set_role(org, id, role).await.expect("role");
    session_with_second_factor(app, id).await
}

async fn new_case(
    app: &TestApp,
    wc: i64,
    person: i64,
    status: CaseStatus,
    assignee: Option<i64>,
) -> i64 {
    let template = app
        .store
        .case_template(wc, "fachkraft-drittstaat")
        .await
        .expect("template")
        .expect("installed at start");
    app.store
        .create_case(
            wc,
            person,
            &template,
            Utc::now().date_naive() - Duration::days(60),
            status,
            assignee,
            "Ich brauche Hilfe beim Visum.",
        )
        .await
        .expect("case")
        .id
}

async fn world(app: &TestApp) -> World {
    let wc = verified(app, "Welcome Center Spree-Neiße", OrgKind::WelcomeCenter).await;
    let housing = verified(app, "Wohnungsbau Spremberg", OrgKind::HousingCompany).await;
    let staff = member(app, wc, "staff@wc.example", Role::Editor).await;
    let admin = member(app, wc, "admin@wc.example", Role::Admin).await;
    let partner = member(app, housing, "team@wohnen.example", Role::Member).await;
    let person = app
        .store
        .create_person(
            wc,
            &NewPerson {
                name: NAME.into(),
                email: Some("amina.okafor@example.org".into()),
                ..NewPerson::default()
            },
            None,
        )
        .await
        .expect("person")
        .id;
    let case = new_case(app, wc, person, CaseStatus::Open, Some(staff.id)).await;
    World {
        wc,
        housing,
        staff,
        admin,
        partner,
        person,
        case,
    }
}

/// The German title of the case's first step of `category`, and its id.
async fn step_of(app: &TestApp, case: i64, category: Category) -> (i64, String) {
    let s = app
        .store
        .steps(case)
        .await
        .expect("steps")
        .into_iter()
        .find(|s| s.category == category)
        .expect("a step of the category");
    (s.id, s.title.get("de").to_string())
}

/// A multipart body with the fields `step`, `item` and a file `file`.
fn multipart(step: i64, filename: &str, content_type: &str, data: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----bleibe-case-boundary";
    let mut body = Vec::new();
    for (name, value) in [("step", step.to_string()), ("item", String::new())] {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\nContent-Type: {content_type}\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(data);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload(app: &TestApp, who: &Who, case: i64, step: i64, name: &str, data: &[u8]) -> u16 {
    let (ct, body) = multipart(step, name, "application/octet-stream", data);
    app.client
        .post(app.url(&format!("/cases/{case}/documents?csrf={}", who.csrf)))
        .header("cookie", who.cookie_header())
        .header("content-type", ct)
        .body(body)
        .send()
        .await
        .expect("upload")
        .status()
        .as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_work_views_list_the_right_cases_and_requests_are_accepted() {
    let app = start(0).await;
    let w = world(&app).await;
    let (first_step, first_title) = step_of(&app, w.case, Category::Intake).await;
    assert!(first_step > 0);

    // My cases (the default view), with the case's first unfinished step overdue.
    let (status, page) = get_as(&app, Some(&w.staff), "/cases").await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains(NAME), "{page}");
    assert!(page.contains(&format!("href=\"/cases/{}\"", w.case)));
    assert!(
        page.contains(">Fälle</a>"),
        "the navigation offers the case work"
    );
    // The admin is in charge of nothing.
    let (_, page) = get_as(&app, Some(&w.admin), "/cases?view=mine").await;
    assert!(!page.contains(NAME));

    let (status, page) = get_as(&app, Some(&w.staff), "/cases?view=overdue").await;
    assert_eq!(status, 200);
    assert!(page.contains(NAME) && page.contains(&first_title), "{page}");
    assert!(page.contains("überfällig"));

    let (status, page) = get_as(&app, Some(&w.staff), "/cases?view=search&q=okafor").await;
    assert_eq!(status, 200);
    assert!(page.contains(NAME), "{page}");
    let (_, page) = get_as(&app, Some(&w.staff), "/cases?view=search&q=Niemand").await;
    assert!(!page.contains(NAME));

    let (status, page) = get_as(&app, Some(&w.staff), "/cases?view=board").await;
    assert_eq!(status, 200);
    assert!(page.contains(NAME));

    // This week's appointments.
    let start = Utc::now() + Duration::minutes(5);
    app.store
        .create_appointment(
            &NewAppointment {
                case_id: w.case,
                step_id: None,
                title: "Beratung Visum".into(),
                location: "Spremberg, Rathaus".into(),
                starts_at: start,
                ends_at: start + Duration::hours(1),
                event_id: None,
                registration_id: None,
                slot_cancel_hash: None,
            },
            Some(w.staff.id),
        )
        .await
        .expect("appointment");
    let (status, page) = get_as(&app, Some(&w.staff), "/cases?view=week").await;
    assert_eq!(status, 200);
    // Close to midnight on Sunday the appointment may fall into next week.
    let berlin = bleibe_web::berlin::to_berlin(start).date_naive();
    if berlin == bleibe_web::berlin::to_berlin(Utc::now()).date_naive() {
        assert!(page.contains("Beratung Visum"), "{page}");
    }

    // A request: listed, accepted with its version, then open and the accepter's.
    let asking = app
        .store
        .create_person(
            w.wc,
            &NewPerson {
                name: "Jonas Weber".into(),
                phone: Some("0355 1234".into()),
                ..NewPerson::default()
            },
            None,
        )
        .await
        .expect("person");
    let request = new_case(&app, w.wc, asking.id, CaseStatus::Requested, None).await;
    let (status, page) = get_as(&app, Some(&w.staff), "/cases?view=requests").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Jonas Weber") && page.contains("Annehmen"),
        "{page}"
    );
    assert!(!page.contains(NAME), "an open case is no request");
    let version = app.store.case(request).await.unwrap().unwrap().version;
    let res = post_as(
        &app,
        &w.staff,
        &format!("/cases/{request}/status"),
        &[
            ("status", "open"),
            ("version", &version.to_string()),
            ("back", "/cases?view=requests"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), "/cases?view=requests");
    let accepted = app.store.case(request).await.unwrap().unwrap();
    assert_eq!(accepted.status, CaseStatus::Open);
    assert_eq!(accepted.assignee_user, Some(w.staff.id));
    // The same version again is stale.
    let res = post_as(
        &app,
        &w.staff,
        &format!("/cases/{request}/status"),
        &[("status", "closed"), ("version", &version.to_string())],
    )
    .await;
    assert_eq!(res.status(), 409);

    // Without a second factor: the page that says so, not the case.
    let plain = session_for(&app, w.staff.id).await;
    for path in ["/cases".to_string(), format!("/cases/{}", w.case)] {
        let (status, page) = get_as(&app, Some(&plain), &path).await;
        assert_eq!(status, 403, "{path}");
        assert!(page.contains("/account/two-factor"), "{page}");
        assert!(!page.contains(NAME));
    }
    // Signed out: sign in first. A view that does not exist: 400.
    let (status, _) = get_as(&app, None, "/cases").await;
    assert_eq!(status, 401);
    let (status, _) = get_as(&app, Some(&w.staff), "/cases?view=alles").await;
    assert_eq!(status, 400);
    // The case page itself, in English as well.
    let (status, page) = get_as(&app, Some(&w.staff), &format!("/cases/{}", w.case)).await;
    assert_eq!(status, 200);
    assert!(page.contains(&first_title) && page.contains("Beratung Visum"));
    assert!(page.contains(&format!("/cases/{}/steps/{first_step}", w.case)));
    let (status, page) = get_as(&app, Some(&w.staff), &format!("/cases/{}?lang=en", w.case)).await;
    assert_eq!(status, 200);
    assert!(page.contains("Steps") && page.contains("<html lang=\"en\">"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_partner_sees_only_what_a_consent_covers_and_documents_follow_it() {
    let app = start(0).await;
    let w = world(&app).await;
    let (housing_step, housing_title) = step_of(&app, w.case, Category::Housing).await;
    let (residence_step, residence_title) = step_of(&app, w.case, Category::Residence).await;
    let case_path = format!("/cases/{}", w.case);

    // Documents: a small PDF for each step; a text file is refused by its bytes.
    let pdf = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
    assert_eq!(
        upload(&app, &w.staff, w.case, housing_step, "mietvertrag.pdf", pdf).await,
        303
    );
    assert_eq!(
        upload(&app, &w.staff, w.case, residence_step, "pass.pdf", pdf).await,
        303
    );
    assert_eq!(
        upload(&app, &w.staff, w.case, housing_step, "notiz.txt", b"hallo").await,
        415
    );
    // Nobody but the staff uploads.
    assert_eq!(
        upload(&app, &w.partner, w.case, housing_step, "x.pdf", pdf).await,
        404
    );
    let docs = app.store.case_documents(w.case).await.expect("documents");
    assert_eq!(docs.len(), 2);
    let doc = |step: i64| {
        let d = docs.iter().find(|d| d.step_id == Some(step)).expect("doc");
        format!("/cases/{}/documents/{}", w.case, d.id)
    };
    let res = app
        .client
        .get(app.url(&doc(housing_step)))
        .header("cookie", w.staff.cookie_header())
        .send()
        .await
        .expect("download");
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, "content-type"), "application/pdf");
    assert!(header(&res, "content-disposition").starts_with("attachment"));
    assert_eq!(header(&res, "x-content-type-options"), "nosniff");
    assert_eq!(res.bytes().await.expect("bytes").as_ref(), pdf);

    // Without consent the partner learns nothing.
    let (status, page) = get_as(&app, Some(&w.partner), &case_path).await;
    assert_eq!(status, 404, "{page}");
    assert!(!page.contains(NAME));
    let (status, page) = get_as(&app, Some(&w.partner), "/cases?view=shared").await;
    assert_eq!(status, 200, "{page}");
    assert!(!page.contains(NAME));
    let (status, _) = get_as(&app, Some(&w.partner), &doc(housing_step)).await;
    assert_eq!(status, 404);

    // The staff record a consent for housing through the person's page.
    let res = post_as(
        &app,
        &w.staff,
        &format!("/persons/{}/consents", w.person),
        &[
            ("recipient_org", &w.housing.to_string()),
            ("purpose", "Wohnungssuche"),
            ("categories", "housing"),
            ("confirmed", "yes"),
            (
                "text_version",
                bleibe_domain::casework::consent::TEXT_VERSION,
            ),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);

    // Now: the shared list, the housing steps and their documents, nothing else.
    let (status, page) = get_as(&app, Some(&w.partner), "/cases").await;
    assert_eq!(status, 200);
    assert!(page.contains(NAME), "partners get the shared view: {page}");
    let (status, page) = get_as(&app, Some(&w.partner), &case_path).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains(&housing_title), "{page}");
    assert!(!page.contains(&residence_title), "{page}");
    assert!(page.contains("mietvertrag.pdf") && !page.contains("pass.pdf"));
    assert!(!page.contains("/steps/"), "no forms for partners");
    assert!(!page.contains(&format!("action=\"/cases/{}/appointments\"", w.case)));
    let (status, _) = get_as(&app, Some(&w.partner), &doc(housing_step)).await;
    assert_eq!(status, 200);
    let (status, _) = get_as(&app, Some(&w.partner), &doc(residence_step)).await;
    assert_eq!(status, 404);
    // A partner reads, but does not write.
    let step_form = format!("/cases/{}/steps/{housing_step}", w.case);
    let (status, _) = get_as(&app, Some(&w.partner), &step_form).await;
    assert_eq!(status, 403);

    // The staff's view of the case lists the consent; revoking ends the sharing at once.
    let (_, page) = get_as(&app, Some(&w.staff), &case_path).await;
    assert!(page.contains("Wohnungssuche") && page.contains("Wohnungsbau Spremberg"));
    let consent = app.store.consents_of_person(w.person).await.unwrap()[0].id;
    let res = post_as(
        &app,
        &w.staff,
        &format!("/persons/{}/consents/{consent}/revoke", w.person),
        &[],
    )
    .await;
    assert_eq!(res.status(), 303);
    let (status, _) = get_as(&app, Some(&w.partner), &case_path).await;
    assert_eq!(status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_step_form_saves_with_its_version_and_refuses_a_stale_one() {
    let app = start(0).await;
    let w = world(&app).await;
    let (step, title) = step_of(&app, w.case, Category::Intake).await;
    let path = format!("/cases/{}/steps/{step}", w.case);
    let (status, page) = get_as(&app, Some(&w.staff), &path).await;
    assert_eq!(status, 200);
    assert!(
        page.contains(&title) && page.contains("name=\"version\" value=\"1\""),
        "{page}"
    );
    assert!(page.contains(&format!("/cases/{}/documents?csrf=", w.case)));

    let form = |version: &'static str, due: &'static str| {
        vec![
            ("status", "done"),
            ("due_override", due),
            ("note", "Erstgespräch geführt."),
            ("assignee_org", ""),
            ("assignee_user", ""),
            ("version", version),
        ]
    };
    let res = post_as(&app, &w.staff, &path, &form("1", "")).await;
    assert_eq!(res.status(), 303);
    let saved = app.store.steps(w.case).await.unwrap();
    let saved = saved.iter().find(|s| s.id == step).unwrap();
    assert_eq!(saved.status, StepStatus::Done);
    assert_eq!(saved.note, "Erstgespräch geführt.");

    // Someone else's change came first: nothing is overwritten, and the page says so.
    let res = post_as(&app, &w.staff, &path, &form("1", "")).await;
    assert_eq!(res.status(), 409);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("Jemand anderes hat diesen Eintrag inzwischen geändert"),
        "{page}"
    );

    // A date that is none: the form again, with the summary linking to the field.
    let res = post_as(&app, &w.staff, &path, &form("2", "morgen")).await;
    assert_eq!(res.status(), 400);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("error-summary") && page.contains("href=\"#due_override\""),
        "{page}"
    );
    assert!(page.contains("value=\"morgen\""), "what was typed stays");

    // Assigning the step to an organisation without consent is refused by the rule.
    let housing = w.housing.to_string();
    let res = post_as(
        &app,
        &w.staff,
        &path,
        &[
            ("status", "done"),
            ("assignee_org", &housing),
            ("version", "2"),
        ],
    )
    .await;
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("keine Einwilligung"));

    // Others: 404 for a partner, 401 signed out.
    let res = post_as(&app, &w.partner, &path, &form("2", "")).await;
    assert_eq!(res.status(), 404);
    let (status, _) = get_as(&app, None, &path).await;
    assert_eq!(status, 401);

    // An appointment through the case page's form, in German civil time.
    let day = (Utc::now() + Duration::days(7)).date_naive().to_string();
    let res = post_as(
        &app,
        &w.staff,
        &format!("/cases/{}/appointments", w.case),
        &[
            ("title", "Termin Ausländerbehörde"),
            ("location", "Forst (Lausitz)"),
            ("date", &day),
            ("start", "09:30"),
            ("end", "09:00"),
            ("step_id", ""),
        ],
    )
    .await;
    assert_eq!(res.status(), 400, "the end before the start");
    assert!(res.text().await.unwrap().contains("href=\"#end\""));
    let res = post_as(
        &app,
        &w.staff,
        &format!("/cases/{}/appointments", w.case),
        &[
            ("title", "Termin Ausländerbehörde"),
            ("location", "Forst (Lausitz)"),
            ("date", &day),
            ("start", "09:30"),
            ("end", "10:30"),
            ("step_id", &step.to_string()),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let a = app.store.appointments_of_case(w.case).await.unwrap()[0].clone();
    let local = bleibe_web::berlin::to_berlin(a.data.starts_at);
    assert_eq!(local.format("%H:%M").to_string(), "09:30");
    let ics = format!("/cases/{}/appointments/{}/invitation.ics", w.case, a.id);
    let res = app
        .client
        .get(app.url(&ics))
        .header("cookie", w.staff.cookie_header())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(header(&res, "content-type").starts_with("text/calendar"));
    assert!(res
        .text()
        .await
        .unwrap()
        .contains("SUMMARY:Termin Ausländerbehörde"));

    // An override: only for admins, and it names its legal basis.
    let override_path = format!("/cases/{}/overrides", w.case);
    let fields = [
        ("recipient_org", housing.as_str()),
        ("categories", "housing"),
        ("legal_basis", "art6_1e"),
        ("law", "§ 5 BbgDSG"),
        ("reason", "Drohende Obdachlosigkeit der Familie"),
    ];
    let res = post_as(&app, &w.staff, &override_path, &fields).await;
    assert_eq!(res.status(), 403);
    let res = post_as(&app, &w.admin, &override_path, &fields[..4]).await;
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("href=\"#reason\""));
    let res = post_as(&app, &w.admin, &override_path, &fields).await;
    assert_eq!(res.status(), 303);
    let (status, page) = get_as(&app, Some(&w.partner), &format!("/cases/{}", w.case)).await;
    assert_eq!(status, 200);
    assert!(page.contains(NAME));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_intake_form_makes_a_request_and_the_person_sees_their_case_and_its_log() {
    let app = start(0).await;
    let w = world(&app).await;
    // Without an account: the form, with the anonymous CSRF cookie.
    let (cookie, csrf) = anonymous(&app).await;
    let (status, page) = get_as(&app, None, "/beraten").await;
    assert_eq!(status, 200);
    assert!(page.contains("Welcome Center Spree-Neiße") && page.contains("Ohne Einwilligung"));
    let wc = w.wc.to_string();
    let fields = |consent: &'static str| {
        vec![
            ("csrf", csrf.clone()),
            ("org", wc.clone()),
            ("situation", "rueckkehr".to_string()),
            ("name", "Lena Schulz".to_string()),
            ("email", "lena.schulz@example.org".to_string()),
            ("phone", String::new()),
            ("preferred_language", "de".to_string()),
            ("languages", "de, pl".to_string()),
            ("country", "pl".to_string()),
            (
                "message",
                "Wir ziehen im Sommer zurück nach Cottbus.".to_string(),
            ),
            ("consent", consent.to_string()),
        ]
    };
    let post = |f: Vec<(&'static str, String)>| {
        app.client
            .post(app.url("/beraten"))
            .header("cookie", &cookie)
            .form(&f)
            .send()
    };
    let res = post(fields("")).await.unwrap();
    assert_eq!(res.status(), 400);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("error-summary") && page.contains("href=\"#consent-yes\""),
        "{page}"
    );
    assert!(page.contains("value=\"Lena Schulz\""));
    let res = post(fields("yes")).await.unwrap();
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("Danke für Ihre Anfrage"));
    let (_, page) = get_as(&app, Some(&w.staff), "/cases?view=requests").await;
    assert!(page.contains("Lena Schulz"), "{page}");

    // A signed-in person asks too: their request is linked to their account.
    let me = signed_in(&app, "ana@example.org", false).await;
    let (status, page) = get_as(&app, Some(&me), "/me/case").await;
    assert_eq!(status, 200);
    assert!(page.contains("href=\"/beraten\""), "no case yet: {page}");
    let mut mine: Vec<(&str, String)> = fields("yes");
    mine[0].1 = me.csrf.clone();
    mine[3].1 = "Ana Souza".into();
    mine[4].1 = "ana@example.org".into();
    let res = app
        .client
        .post(app.url("/beraten"))
        .header("cookie", me.cookie_header())
        .form(&mine)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let person = app.store.persons_of_user(me.id).await.unwrap()[0].clone();
    // The staff open the request: that is logged, and the person sees it.
    let (_, page) = get_as(&app, Some(&w.staff), "/cases?view=requests").await;
    assert!(page.contains("Ana Souza"));
    let case = app
        .store
        .cases(&bleibe_store::cases::CaseFilter {
            person_id: Some(person.id),
            ..bleibe_store::cases::CaseFilter::all(bleibe_store::cases::CaseScope::Holder(w.wc))
        })
        .await
        .unwrap()[0]
        .case
        .id;
    let (status, _) = get_as(&app, Some(&w.staff), &format!("/cases/{case}")).await;
    assert_eq!(status, 200);
    let (status, page) = get_as(&app, Some(&me), "/me/case").await;
    assert_eq!(status, 200);
    assert!(page.contains("Rückkehr in die Region"), "{page}");
    assert!(
        page.contains("Fall angesehen") && page.contains(">staff</th>"),
        "{page}"
    );
    assert!(page.contains("Anfrage über das Formular gestellt"));
    let entries = app.store.access_log(person.id).await.unwrap();
    assert!(entries.iter().any(|e| e.access.action == "view_own_case"));
    // Their consent, withdrawn by themselves.
    let consent = app.store.consents_of_person(person.id).await.unwrap()[0].id;
    assert!(page.contains(&format!("/me/case/consents/{consent}/revoke")));
    let res = post_as(
        &app,
        &me,
        &format!("/me/case/consents/{consent}/revoke"),
        &[],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert!(app.store.consents_of_person(person.id).await.unwrap()[0]
        .revoked_at
        .is_some());
    // Someone else's consent is nobody's business.
    let other = app
        .store
        .record_consent(
            &NewConsent {
                person_id: w.person,
                recipient_org: w.housing,
                purpose: "Wohnung".into(),
                categories: vec![Category::Housing],
                text_version: "2026-11".into(),
            },
            None,
        )
        .await
        .unwrap();
    let res = post_as(
        &app,
        &me,
        &format!("/me/case/consents/{}/revoke", other.id),
        &[],
    )
    .await;
    assert_eq!(res.status(), 404);
    // Their data as a file.
    let res = app
        .client
        .get(app.url("/me/case/export.json"))
        .header("cookie", me.cookie_header())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(header(&res, "content-disposition").starts_with("attachment"));
    let doc: serde_json::Value = res.json().await.unwrap();
    assert_eq!(doc["person"]["name"], "Ana Souza");
    // Signed out: sign in first.
    let (status, _) = get_as(&app, None, "/me/case").await;
    assert_eq!(status, 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn persons_are_recorded_exported_and_erased() {
    let app = start(0).await;
    let w = world(&app).await;
    // Recording a person: the form, its problems, then their page.
    let (status, page) = get_as(&app, Some(&w.staff), &format!("/persons/new?org={}", w.wc)).await;
    assert_eq!(status, 200, "{page}");
    let wc = w.wc.to_string();
    let res = post_as(
        &app,
        &w.staff,
        "/persons",
        &[
            ("org", &wc),
            ("name", "Olena Koval"),
            ("email", "keine-adresse"),
            ("qual_title_1", "Pflegefachkraft"),
            ("qual_kldb_1", "8130"),
            ("qual_recognition_1", "partial"),
            ("member_name_1", ""),
        ],
    )
    .await;
    assert_eq!(res.status(), 400);
    let page = res.text().await.unwrap();
    assert!(
        page.contains("href=\"#email\"") && page.contains("value=\"Pflegefachkraft\""),
        "{page}"
    );
    let res = post_as(
        &app,
        &w.staff,
        "/persons",
        &[
            ("org", &wc),
            ("name", "Olena Koval"),
            ("email", "olena@example.org"),
            ("languages", "uk, de"),
            ("qual_title_1", "Pflegefachkraft"),
            ("qual_kldb_1", "8130"),
            ("qual_recognition_1", "partial"),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    let to = location(&res);
    assert!(to.starts_with("/persons/"), "{to}");
    let (status, page) = get_as(&app, Some(&w.staff), &to).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Olena Koval") && page.contains("teilweise gleichwertig"),
        "{page}"
    );
    // A case from a template.
    let res = post_as(
        &app,
        &w.staff,
        &format!("{to}/cases"),
        &[
            ("template_key", "eu-grenzpendler"),
            ("started_on", ""),
            ("assignee_user", ""),
        ],
    )
    .await;
    assert_eq!(res.status(), 303);
    assert!(location(&res).starts_with("/cases/"));
    // Editing with a stale version is refused.
    let res = post_as(
        &app,
        &w.staff,
        &format!("{to}/edit"),
        &[("name", "Olena Kowal"), ("version", "0")],
    )
    .await;
    assert_eq!(res.status(), 409);

    // The export: readable, and as a file.
    let export = format!("/persons/{}/export", w.person);
    let (status, page) = get_as(&app, Some(&w.staff), &export).await;
    assert_eq!(status, 200);
    assert!(
        page.contains(NAME) && page.contains("Fachkraft aus einem Drittstaat"),
        "{page}"
    );
    assert!(!page.contains("content_base64"));
    let res = app
        .client
        .get(app.url(&format!("{export}.json")))
        .header("cookie", w.staff.cookie_header())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(header(&res, "content-disposition").starts_with("attachment"));

    // Erasure: admins only, after confirming; then the person is gone.
    let erase = format!("/persons/{}/erase", w.person);
    let (status, _) = get_as(&app, Some(&w.staff), &erase).await;
    assert_eq!(status, 403);
    let (status, page) = get_as(&app, Some(&w.admin), &erase).await;
    assert_eq!(status, 200, "{page}");
    let res = post_as(&app, &w.admin, &erase, &[]).await;
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("href=\"#confirm-yes\""));
    let res = post_as(&app, &w.admin, &erase, &[("confirm", "yes")]).await;
    assert_eq!(res.status(), 200);
    assert!(res.text().await.unwrap().contains("Gelöscht"));
    let (status, _) = get_as(&app, Some(&w.admin), &format!("/persons/{}", w.person)).await;
    assert_eq!(status, 404);
    let (status, _) = get_as(&app, Some(&w.staff), &format!("/cases/{}", w.case)).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn templates_are_shown_to_staff_and_changed_by_admins_as_a_new_version() {
    let app = start(0).await;
    let w = world(&app).await;
    let path = format!("/cases/templates/rueckkehr?org={}", w.wc);
    let (status, list) = get_as(&app, Some(&w.staff), "/cases/templates").await;
    assert_eq!(status, 200);
    assert!(list.contains("Rückkehr in die Region"), "{list}");
    let (status, page) = get_as(&app, Some(&w.staff), &path).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("Tage nach Fallbeginn"),
        "the due rules are shown"
    );
    assert!(!page.contains("name=\"template\""), "staff see no editor");
    let stored = app
        .store
        .case_template(w.wc, "rueckkehr")
        .await
        .unwrap()
        .unwrap();
    let mut changed = stored.clone();
    changed.steps[0].due.days = 5;
    let json = serde_json::to_string(&changed).unwrap();
    let res = post_as(&app, &w.staff, &path, &[("template", json.as_str())]).await;
    assert_eq!(res.status(), 403, "only admins change templates");

    // An admin: the editor; broken JSON and a rule pointing forward are refused.
    let (_, page) = get_as(&app, Some(&w.admin), &path).await;
    assert!(page.contains("name=\"template\""));
    let res = post_as(&app, &w.admin, &path, &[("template", "{ kein json")]).await;
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("error-summary"));
    let mut forward = stored.clone();
    forward.steps[0].due.after = forward.steps[1].key.clone();
    let bad = serde_json::to_string(&forward).unwrap();
    let res = post_as(&app, &w.admin, &path, &[("template", bad.as_str())]).await;
    assert_eq!(res.status(), 400);
    assert!(res.text().await.unwrap().contains("steps[0].due.after"));
    assert_eq!(
        app.store
            .case_template(w.wc, "rueckkehr")
            .await
            .unwrap()
            .unwrap(),
        stored
    );

    // A valid change becomes the next version; saving the old one again is stale.
    let res = post_as(&app, &w.admin, &path, &[("template", json.as_str())]).await;
    assert_eq!(res.status(), 303);
    let saved = app
        .store
        .case_template(w.wc, "rueckkehr")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (saved.version, saved.steps[0].due.days),
        (stored.version + 1, 5)
    );
    let res = post_as(&app, &w.admin, &path, &[("template", json.as_str())]).await;
    assert_eq!(res.status(), 409);
    let _ = (w.housing, w.partner, w.person, w.case);
}
