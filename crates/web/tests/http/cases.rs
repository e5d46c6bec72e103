//! Welcome Center case management through the API: sharing only with consent, the
//! access log, due dates from the template, optimistic locking, export and erasure.

use crate::helpers::*;
use bleibe_domain::casework::template::builtin;
use bleibe_domain::{OrgKind, Role};
use bleibe_store::Table;
use chrono::{Duration, NaiveDate};
use serde_json::{json, Value};
use std::collections::HashMap;

const NAME: &str = "Amina Okafor";
const EMAIL: &str = "amina.okafor@example.org";

/// A welcome center with staff and an admin, two partner organisations with a member
/// each (all signed in with a second factor), and one person with an open case.
struct World {
    wc: i64,
    housing: i64,
    staff: Who,
    admin: Who,
    partner: Who,
    other_partner: Who,
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

async fn send(
    app: &TestApp,
    who: &Who,
    method: reqwest::Method,
    path: &str,
    body: Option<Value>,
) -> reqwest::Response {
    let mut req = app
        .client
        .request(method, app.url(path))
        .header("cookie", who.cookie_header())
        .header("x-csrf-token", &who.csrf);
    if let Some(b) = body {
        req = req.json(&b);
    }
    req.send().await.expect("request")
}

async fn json_as(app: &TestApp, who: &Who, path: &str) -> (u16, Value) {
    let res = send(app, who, reqwest::Method::GET, path, None).await;
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

async fn expect(res: reqwest::Response, status: u16) -> Value {
    let got = res.status().as_u16();
    let body: Value = res.json().await.unwrap_or(Value::Null);
    assert_eq!(got, status, "{body}");
    body
}

async fn world(app: &TestApp) -> World {
    let wc = verified(app, "Welcome Center Spree-Neiße", OrgKind::WelcomeCenter).await;
    let housing = verified(app, "Wohnungsbau Spremberg", OrgKind::HousingCompany).await;
    let jobcenter = verified(app, "Jobcenter Spree-Neiße", OrgKind::Jobcenter).await;
    let staff = member(app, wc, "staff@wc.example", Role::Editor).await;
    let admin = member(app, wc, "admin@wc.example", Role::Admin).await;
    let partner = member(app, housing, "team@wohnen.example", Role::Member).await;
    let other_partner = member(app, jobcenter, "team@jobcenter.example", Role::Member).await;
    let person = expect(
        send(
            app,
            &staff,
            reqwest::Method::POST,
            "/api/v1/persons",
            Some(json!({
                "name": NAME, "email": EMAIL, "languages": ["en", "yo"], "country": "NG",
                "arrival_year": 2026, "preferred_language": "en",
                "qualifications": [{"title": "Electrical engineer", "kldb": "26312", "recognition": "in_progress"}],
                "household": [{"name": "Tobi Okafor", "relation": "Sohn", "birth_year": 2020}]
            })),
        )
        .await,
        201,
    )
    .await["id"]
        .as_i64()
        .unwrap();
    let case = expect(
        send(
            app,
            &staff,
            reqwest::Method::POST,
            "/api/v1/cases",
            Some(json!({"person_id": person, "template_key": "fachkraft-drittstaat", "started_on": "2026-03-02"})),
        )
        .await,
        201,
    )
    .await["id"]
        .as_i64()
        .unwrap();
    World {
        wc,
        housing,
        staff,
        admin,
        partner,
        other_partner,
        person,
        case,
    }
}

fn categories(detail: &Value) -> Vec<String> {
    detail["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["category"].as_str().unwrap().to_string())
        .collect()
}

fn shared_ids(list: &Value) -> Vec<i64> {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["case"]["id"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn a_partner_sees_a_case_only_while_a_consent_covers_it_and_every_access_is_logged() {
    let app = start(0).await;
    let w = world(&app).await;
    let case_path = format!("/api/v1/cases/{}", w.case);

    // Without consent: the case does not exist for the partner, in no list, no search.
    let (status, _) = json_as(&app, &w.partner, &case_path).await;
    assert_eq!(status, 404);
    let (status, list) = json_as(&app, &w.partner, "/api/v1/cases?view=shared").await;
    assert_eq!(status, 200);
    assert!(shared_ids(&list).is_empty(), "{list}");
    let (_, found) = json_as(&app, &w.partner, "/api/v1/cases?view=shared&q=okafor").await;
    assert!(shared_ids(&found).is_empty());
    let (status, _) = json_as(&app, &w.partner, &format!("/api/v1/persons/{}", w.person)).await;
    assert_eq!(status, 404);

    // Consent for housing: the partner sees the case, and only its housing steps.
    let consent = expect(
        send(
            &app,
            &w.staff,
            reqwest::Method::POST,
            "/api/v1/consents",
            Some(json!({"person_id": w.person, "recipient_org": w.housing, "purpose": "Wohnungssuche",
                        "categories": ["housing"], "text_version": "2026-11"})),
        )
        .await,
        201,
    )
    .await;
    let (status, detail) = json_as(&app, &w.partner, &case_path).await;
    assert_eq!(status, 200, "{detail}");
    let cats = categories(&detail);
    let template = builtin()
        .into_iter()
        .find(|t| t.key == "fachkraft-drittstaat")
        .unwrap();
    let housing_steps = template
        .steps
        .iter()
        .filter(|s| s.category.as_str() == "housing")
        .count();
    assert!(housing_steps > 0);
    assert_eq!(cats.len(), housing_steps, "{cats:?}");
    assert!(cats.iter().all(|c| c == "housing"), "{cats:?}");
    assert_eq!(detail["categories"], json!(["housing"]));
    assert_eq!(detail["person"]["name"], NAME);
    assert_eq!(
        detail["person"]["qualifications"],
        json!([]),
        "no recognition consent"
    );
    assert_eq!(
        detail["person"]["household"][0]["name"], "Tobi Okafor",
        "housing needs the household"
    );
    assert!(
        detail["person"]["country"].is_null(),
        "no residence consent"
    );
    let (_, list) = json_as(&app, &w.partner, "/api/v1/cases?view=shared&q=okafor").await;
    assert_eq!(shared_ids(&list), [w.case]);
    assert!(list["items"][0]["next_step"]["category"] == "housing");
    // Another organisation has no consent and still sees nothing.
    assert_eq!(json_as(&app, &w.other_partner, &case_path).await.0, 404);
    let (_, other) = json_as(&app, &w.other_partner, "/api/v1/cases?view=shared").await;
    assert!(shared_ids(&other).is_empty());
    // Seeing is not changing.
    let step = detail["steps"][0].clone();
    let res = send(
        &app,
        &w.partner,
        reqwest::Method::PATCH,
        &format!("{case_path}/steps/{}", step["id"]),
        Some(json!({"version": step["version"], "status": "done"})),
    )
    .await;
    assert_eq!(res.status(), 403);

    // Revoked: gone with the next request.
    expect(
        send(
            &app,
            &w.staff,
            reqwest::Method::POST,
            &format!("/api/v1/consents/{}/revoke", consent["id"]),
            None,
        )
        .await,
        204,
    )
    .await;
    assert_eq!(json_as(&app, &w.partner, &case_path).await.0, 404);
    let (_, list) = json_as(&app, &w.partner, "/api/v1/cases?view=shared").await;
    assert!(shared_ids(&list).is_empty());

    // Every access is in the log, with who and for which organisation.
    let (status, log) = json_as(
        &app,
        &w.staff,
        &format!("/api/v1/persons/{}/access-log", w.person),
    )
    .await;
    assert_eq!(status, 200);
    let entries = log.as_array().unwrap();
    let count = |action: &str, org: &str| {
        entries
            .iter()
            .filter(|e| e["action"] == action && e["organisation"] == org)
            .count()
    };
    assert_eq!(count("view_case", "Wohnungsbau Spremberg"), 1, "{log:#}");
    assert_eq!(count("list_case", "Wohnungsbau Spremberg"), 1);
    assert_eq!(
        count("update_step", "Wohnungsbau Spremberg"),
        1,
        "the refused write is logged too"
    );
    assert!(count("create_person", "Welcome Center Spree-Neiße") == 1);
    assert!(count("revoke_consent", "Welcome Center Spree-Neiße") == 1);
    assert!(entries
        .iter()
        .all(|e| e["at"].is_string() && e["user"].is_string()));
    assert!(
        entries
            .iter()
            .all(|e| e["organisation"] != "Jobcenter Spree-Neiße"),
        "a refused read leaves no trace of the case"
    );
}

#[tokio::test]
async fn sharing_without_consent_needs_an_admin_with_a_legal_basis() {
    let app = start(0).await;
    let w = world(&app).await;
    let body = json!({"recipient_org": w.housing, "categories": ["residence"], "legal_basis": "art6_1e",
                      "law": "Art. 6(1)(e) DSGVO i. V. m. § 5 BbgDSG", "reason": "Gefahr für die Unterkunft der Familie"});
    let path = format!("/api/v1/cases/{}/overrides", w.case);
    let res = send(
        &app,
        &w.staff,
        reqwest::Method::POST,
        &path,
        Some(body.clone()),
    )
    .await;
    assert_eq!(res.status(), 403, "staff are not admins");
    let mut no_reason = body.clone();
    no_reason["reason"] = json!("");
    let problem = expect(
        send(
            &app,
            &w.admin,
            reqwest::Method::POST,
            &path,
            Some(no_reason),
        )
        .await,
        400,
    )
    .await;
    assert_eq!(problem["parameter"], "reason");
    expect(
        send(&app, &w.admin, reqwest::Method::POST, &path, Some(body)).await,
        201,
    )
    .await;
    let (status, detail) = json_as(&app, &w.partner, &format!("/api/v1/cases/{}", w.case)).await;
    assert_eq!(status, 200);
    assert!(categories(&detail).iter().all(|c| c == "residence"));
    // Assigning a step is sharing: refused for a category without consent.
    let (_, full) = json_as(&app, &w.staff, &format!("/api/v1/cases/{}", w.case)).await;
    let housing = full["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["category"] == "housing")
        .unwrap();
    let problem = expect(
        send(
            &app,
            &w.staff,
            reqwest::Method::PATCH,
            &format!("/api/v1/cases/{}/steps/{}", w.case, housing["id"]),
            Some(json!({"version": housing["version"], "assignee_org": w.housing})),
        )
        .await,
        400,
    )
    .await;
    assert_eq!(problem["parameter"], "assignee_org");
    let _ = w.wc;
}

#[tokio::test]
async fn case_work_needs_a_second_factor_and_no_token_reaches_it() {
    let app = start(0).await;
    let w = world(&app).await;
    let plain = new_user(&app, "plain@wc.example", false).await;
    app.store.set_role(w.wc, plain, Role::Editor).await.unwrap();
    let without = session_for(&app, plain).await;
    let problem = expect(
        send(
            &app,
            &without,
            reqwest::Method::GET,
            &format!("/api/v1/cases/{}", w.case),
            None,
        )
        .await,
        403,
    )
    .await;
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("/account/two-factor"),
        "{problem}"
    );
    let res = send(&app, &without, reqwest::Method::GET, "/api/v1/cases", None).await;
    assert_eq!(res.status(), 403);
    let anonymous = app.get(&format!("/api/v1/cases/{}", w.case)).await;
    assert_eq!(anonymous.status(), 401);
}

#[tokio::test]
async fn due_dates_follow_the_template_and_move_with_what_is_done() {
    let app = start(0).await;
    let w = world(&app).await;
    let (_, detail) = json_as(&app, &w.staff, &format!("/api/v1/cases/{}", w.case)).await;
    let template = builtin()
        .into_iter()
        .find(|t| t.key == "fachkraft-drittstaat")
        .unwrap();
    let start: NaiveDate = "2026-03-02".parse().unwrap();
    let mut due: HashMap<String, NaiveDate> = HashMap::new();
    let steps = detail["steps"].as_array().unwrap();
    assert_eq!(steps.len(), template.steps.len());
    for (s, t) in steps.iter().zip(&template.steps) {
        let anchor = if t.due.after == "start" {
            start
        } else {
            due[&t.due.after]
        };
        let expected = anchor + Duration::days(t.due.days);
        due.insert(t.key.clone(), expected);
        assert_eq!(s["key"], t.key.as_str());
        assert_eq!(s["due_on"], expected.to_string(), "{}", t.key);
    }
    // Done today: the steps that follow it count from today.
    let (i, first) = template
        .steps
        .iter()
        .enumerate()
        .find(|(_, s)| template.steps.iter().any(|o| o.due.after == s.key))
        .unwrap();
    let step = &steps[i];
    let done = expect(
        send(
            &app,
            &w.staff,
            reqwest::Method::PATCH,
            &format!("/api/v1/cases/{}/steps/{}", w.case, step["id"]),
            Some(json!({"version": step["version"], "status": "done"})),
        )
        .await,
        200,
    )
    .await;
    let today = chrono::Utc::now().date_naive();
    assert_eq!(done["done_on"], today.to_string());
    let (_, after) = json_as(&app, &w.staff, &format!("/api/v1/cases/{}", w.case)).await;
    for (s, t) in after["steps"]
        .as_array()
        .unwrap()
        .iter()
        .zip(&template.steps)
    {
        if t.due.after == first.key {
            assert_eq!(
                s["due_on"],
                (today + Duration::days(t.due.days)).to_string(),
                "{}",
                t.key
            );
        }
    }
}

#[tokio::test]
async fn two_concurrent_edits_give_one_conflict_and_no_lost_update() {
    let app = start(0).await;
    let w = world(&app).await;
    let (_, detail) = json_as(&app, &w.staff, &format!("/api/v1/cases/{}", w.case)).await;
    let step = detail["steps"][1].clone();
    let path = format!("/api/v1/cases/{}/steps/{}", w.case, step["id"]);
    let edit =
        |note: &str| json!({"version": step["version"], "note": note, "status": "in_progress"});
    let (a, b) = tokio::join!(
        send(
            &app,
            &w.staff,
            reqwest::Method::PATCH,
            &path,
            Some(edit("Termin bei der Ausländerbehörde vereinbart"))
        ),
        send(
            &app,
            &w.admin,
            reqwest::Method::PATCH,
            &path,
            Some(edit("Unterlagen fehlen noch"))
        ),
    );
    let mut statuses = [a.status().as_u16(), b.status().as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 409]);
    let (winner, loser) = if a.status() == 200 { (a, b) } else { (b, a) };
    let winner: Value = winner.json().await.unwrap();
    let problem: Value = loser.json().await.unwrap();
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("überschrieben"),
        "{problem}"
    );
    let (_, after) = json_as(&app, &w.staff, &format!("/api/v1/cases/{}", w.case)).await;
    assert_eq!(after["steps"][1]["note"], winner["note"]);
    assert_eq!(
        after["steps"][1]["version"],
        step["version"].as_i64().unwrap() + 1
    );
    // The same for the case itself.
    let case_path = format!("/api/v1/cases/{}", w.case);
    let version = after["case"]["version"].clone();
    let (a, b) = tokio::join!(
        send(
            &app,
            &w.staff,
            reqwest::Method::PATCH,
            &case_path,
            Some(json!({"version": version, "status": "closed"}))
        ),
        send(
            &app,
            &w.admin,
            reqwest::Method::PATCH,
            &case_path,
            Some(json!({"version": version, "assignee_user": w.admin.id}))
        ),
    );
    let mut statuses = [a.status().as_u16(), b.status().as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 409]);
}

/// A small valid PDF.
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

async fn upload(
    app: &TestApp,
    who: &Who,
    case: i64,
    step: i64,
    body: &'static [u8],
) -> reqwest::Response {
    app.client
        .post(app.url(&format!(
            "/api/v1/cases/{case}/documents?filename=pass.pdf&step={step}&item=passport"
        )))
        .header("cookie", who.cookie_header())
        .header("x-csrf-token", &who.csrf)
        .header("content-type", "application/pdf")
        .body(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn the_export_holds_everything_and_erasure_leaves_nothing_personal() {
    let app = start(0).await;
    let w = world(&app).await;
    // Her own account, linked to her record.
    let own = new_user(&app, EMAIL, false).await;
    app.store
        .link_person_user(w.person, Some(own))
        .await
        .unwrap();
    let (_, detail) = json_as(&app, &w.staff, &format!("/api/v1/cases/{}", w.case)).await;
    let step = detail["steps"][0].clone();
    expect(
        send(
            &app,
            &w.staff,
            reqwest::Method::PATCH,
            &format!("/api/v1/cases/{}/steps/{}", w.case, step["id"]),
            Some(
                json!({"version": step["version"], "note": "Amina Okafor bringt das Zeugnis mit"}),
            ),
        )
        .await,
        200,
    )
    .await;
    let doc = expect(
        upload(&app, &w.staff, w.case, step["id"].as_i64().unwrap(), PDF).await,
        201,
    )
    .await;
    assert_eq!(doc["content_type"], "application/pdf");
    assert_eq!(
        upload(
            &app,
            &w.staff,
            w.case,
            step["id"].as_i64().unwrap(),
            b"just text"
        )
        .await
        .status(),
        415
    );
    // The partner without consent cannot fetch it; staff can.
    let doc_path = format!("/api/v1/cases/{}/documents/{}", w.case, doc["id"]);
    assert_eq!(
        send(&app, &w.partner, reqwest::Method::GET, &doc_path, None)
            .await
            .status(),
        404
    );
    let got = send(&app, &w.staff, reqwest::Method::GET, &doc_path, None).await;
    assert_eq!(got.status(), 200);
    assert_eq!(got.headers()["x-content-type-options"], "nosniff");
    assert_eq!(&got.bytes().await.unwrap()[..], PDF);
    // An appointment: its invitation goes by mail into the outbox of the data dir.
    let starts = chrono::Utc::now() + Duration::days(2);
    let appointment = expect(
        send(
            &app,
            &w.staff,
            reqwest::Method::POST,
            "/api/v1/appointments",
            Some(json!({"case_id": w.case, "title": "Beratung", "location": "Industriepark Schwarze Pumpe, Dock 3",
                        "starts_at": starts, "ends_at": starts + Duration::minutes(30)})),
        )
        .await,
        201,
    )
    .await;
    let ics = send(
        &app,
        &w.staff,
        reqwest::Method::GET,
        &format!("/api/v1/appointments/{}/invitation.ics", appointment["id"]),
        None,
    )
    .await;
    assert_eq!(ics.status(), 200);
    let ics = ics.text().await.unwrap();
    assert!(
        ics.contains("BEGIN:VEVENT") && ics.contains("Dock 3"),
        "{ics}"
    );
    assert!(
        !ics.contains("Okafor"),
        "the invitation does not name the person"
    );
    let outbox = std::fs::read_dir(app.data_dir.join("outbox"))
        .unwrap()
        .count();
    assert!(outbox >= 1, "the invitation was mailed");
    expect(
        send(
            &app,
            &w.staff,
            reqwest::Method::POST,
            "/api/v1/consents",
            Some(json!({"person_id": w.person, "recipient_org": w.housing, "purpose": "Wohnungssuche",
                        "categories": ["housing", "family"], "text_version": "2026-11"})),
        )
        .await,
        201,
    )
    .await;

    // The export holds everything.
    let (status, export) = json_as(
        &app,
        &w.staff,
        &format!("/api/v1/persons/{}/export", w.person),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(export["person"]["name"], NAME);
    assert_eq!(export["person"]["household"][0]["name"], "Tobi Okafor");
    assert_eq!(export["person"]["qualifications"][0]["kldb"], "26312");
    let case = &export["cases"][0];
    assert_eq!(case["case"]["id"], w.case);
    assert_eq!(
        case["steps"].as_array().unwrap().len(),
        detail["steps"].as_array().unwrap().len()
    );
    assert_eq!(
        case["steps"][0]["note"],
        "Amina Okafor bringt das Zeugnis mit"
    );
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(case["documents"][0]["content_base64"].as_str().unwrap())
        .unwrap();
    assert_eq!(bytes, PDF);
    assert_eq!(
        case["appointments"][0]["location"],
        "Industriepark Schwarze Pumpe, Dock 3"
    );
    assert_eq!(export["consents"][0]["purpose"], "Wohnungssuche");
    assert!(export["access_log"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["action"] == "download_document"));

    // Erasure: admins only.
    let path = format!("/api/v1/persons/{}", w.person);
    assert_eq!(
        send(&app, &w.staff, reqwest::Method::DELETE, &path, None)
            .await
            .status(),
        403
    );
    let report = expect(
        send(&app, &w.admin, reqwest::Method::DELETE, &path, None).await,
        200,
    )
    .await;
    assert_eq!(
        report,
        json!({"cases": 1, "documents": 1, "account_anonymised": true})
    );
    assert_eq!(json_as(&app, &w.staff, &path).await.0, 404);
    assert_eq!(
        json_as(&app, &w.staff, &format!("/api/v1/cases/{}", w.case))
            .await
            .0,
        404
    );

    // Nothing personal is left: not in any table …
    let needles = ["amina", "okafor", EMAIL];
    for table in Table::ALL {
        let rows = app
            .store
            .export_rows(table, i64::MIN, 1_000_000)
            .await
            .unwrap();
        let text = serde_json::to_string(&rows).unwrap().to_lowercase();
        for needle in needles {
            assert!(
                !text.contains(needle),
                "table {} still holds {needle:?}",
                table.as_str()
            );
        }
    }
    // … nor anywhere in the data dir (the database file, its log, the outbox).
    let mut files = vec![app.data_dir.clone()];
    let mut scanned = 0;
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        let bytes = std::fs::read(&path).unwrap().to_ascii_lowercase();
        scanned += 1;
        for needle in needles {
            let found = bytes.windows(needle.len()).any(|w| w == needle.as_bytes());
            assert!(!found, "{} still holds {needle:?}", path.display());
        }
    }
    // On SQLite the database lives there too; on PostgreSQL only the outbox does.
    assert!(
        scanned >= 1 || backend() == "postgres",
        "the data dir was scanned"
    );
    // The anonymised trace stays for the demand monitor.
    let stats = app.store.case_statistics().await.unwrap();
    assert_eq!(stats.len(), 1);
    assert_eq!(
        (stats[0].arrival_year, stats[0].occupation_area.as_deref()),
        (Some(2026), Some("2"))
    );
}
