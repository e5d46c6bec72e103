//! Place profiles over HTTP: the profile in `GET /api/v1/places/{id}` and on the place's
//! page (with source, date and the demo mark), `PUT /api/v1/places/{id}/profile` and the
//! edit form, for the place's verified municipality and no one else.

use crate::helpers::{self, get_as, location, org, post_as, signed_in, TestApp, Who};
use bleibe_domain::living::{ProfileKey, ProfileValue, Value};
use bleibe_domain::{OrgKind, Role};
use bleibe_store::profiles::{ProfileRow, Replace};
use chrono::NaiveDate;

const SPREMBERG: i64 = 2830085;
const HOYERSWERDA: i64 = 2898304;

fn day(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

/// A demo Kita count and a real rail station at Spremberg.
async fn seed_profile(app: &TestApp) {
    let mut demo = ProfileValue::new(Value::Number(7.0), "demo", day("2026-03-01"));
    demo.demo = true;
    app.store
        .import_profile_values(
            &[
                ProfileRow {
                    place_id: SPREMBERG,
                    key: ProfileKey::Kita,
                    value: demo,
                },
                ProfileRow {
                    place_id: SPREMBERG,
                    key: ProfileKey::RailStation,
                    value: ProfileValue::new(Value::Number(1.0), "osm", day("2026-10-01")),
                },
            ],
            Replace::All,
        )
        .await
        .expect("profile");
}

/// A signed-in editor of a municipality at `place`, verified or not.
async fn town_editor(app: &TestApp, email: &str, place: i64, verified: bool) -> Who {
    let who = signed_in(app, email, false).await;
    let town = org(app, &format!("Stadt {email}"), OrgKind::Municipality, place).await;
    if verified {
        app.store.set_verified(town, true).await.expect("verify");
    }
    app.store
        .set_role(town, who.id, Role::Editor)
        .await
        .expect("role");
    who
}

async fn put_profile(
    app: &TestApp,
    who: Option<&Who>,
    place: i64,
    body: serde_json::Value,
) -> (u16, serde_json::Value) {
    let mut req = app
        .client
        .put(app.url(&format!("/api/v1/places/{place}/profile")))
        .json(&body);
    if let Some(w) = who {
        req = req.header("cookie", w.cookie_header());
    }
    let res = req.send().await.expect("request");
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(serde_json::Value::Null))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_profile_is_public_with_source_date_and_demo_mark() {
    let app = helpers::start(0).await;
    seed_profile(&app).await;
    let place = app.json(&format!("/api/v1/places/{SPREMBERG}")).await;
    // The existing fields stay.
    assert_eq!(place["id"], SPREMBERG);
    assert_eq!(place["name"], "Spremberg");
    assert!(place["open_jobs"].is_number());
    assert_eq!(
        place["profile"],
        serde_json::json!({
            "rail_station": {"value": 1, "source": "osm", "as_of": "2026-10-01"},
            "kita": {"value": 7, "source": "demo", "as_of": "2026-03-01", "demo": true}
        })
    );
    let other = app.json(&format!("/api/v1/places/{HOYERSWERDA}")).await;
    assert_eq!(other["profile"], serde_json::json!({}));

    // The page: grouped, with source and date, the demo value labelled.
    let (status, page) = get_as(&app, None, &format!("/places/{SPREMBERG}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("id=\"profile\""), "{page}");
    assert!(page.contains("Leben am Ort"), "{page}");
    assert!(page.contains("Mobilität") && page.contains("Kinder und Schule"));
    assert!(
        page.contains("<dt>Kitas</dt><dd>7 <span class=\"badge demo\">Demo</span>"),
        "{page}"
    );
    assert!(page.contains("Quelle: osm, Stand: 01.10.2026"), "{page}");
    assert!(page.contains("banner demo"), "the demo notice");
    assert!(
        !page.contains("/profile/edit"),
        "no edit link for the public"
    );
    let (_, english) = get_as(&app, None, &format!("/places/{SPREMBERG}?lang=en")).await;
    assert!(english.contains("Living here") && english.contains("Source: osm, as of 1 Oct 2026"));
    let (_, empty) = get_as(&app, None, &format!("/places/{HOYERSWERDA}")).await;
    assert!(empty.contains("Für diesen Ort sind noch keine Angaben hinterlegt."));
    assert!(!empty.contains("banner demo"));

    // The OpenAPI description documents the profile and the PUT.
    let spec = app.json("/api/openapi.json").await;
    let put = &spec["paths"]["/api/v1/places/{id}/profile"]["put"];
    assert!(put.is_object(), "{}", spec["paths"]);
    let profile = &spec["components"]["schemas"]["PlaceProfile"];
    assert!(profile["properties"]["kita"].is_object(), "{profile}");
    assert!(spec["components"]["schemas"]["ProfileValue"]["properties"]["as_of"].is_object());
    assert!(spec["components"]["schemas"]["PlaceDto"]["properties"]["profile"].is_object());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_verified_municipality_of_the_place_writes_its_profile() {
    let app = helpers::start(0).await;
    seed_profile(&app).await;
    let editor = town_editor(&app, "rathaus@spremberg.example", SPREMBERG, true).await;
    let other = town_editor(&app, "rathaus@hoyerswerda.example", HOYERSWERDA, true).await;
    let unverified = town_editor(&app, "neu@spremberg.example", SPREMBERG, false).await;
    let body = serde_json::json!({
        "kita": {"value": 9, "source": "Stadt Spremberg", "as_of": "2026-09-30"},
        "contact": {"value": "Frau Beispiel, Bürgerbüro", "source": "Stadt Spremberg", "as_of": "2026-09-30"},
        "rail_station": null
    });

    let (status, problem) = put_profile(&app, None, SPREMBERG, body.clone()).await;
    assert_eq!(status, 401, "{problem}");
    assert_eq!(
        put_profile(&app, Some(&other), SPREMBERG, body.clone())
            .await
            .0,
        403
    );
    assert_eq!(
        put_profile(&app, Some(&unverified), SPREMBERG, body.clone())
            .await
            .0,
        403
    );
    assert_eq!(
        put_profile(&app, Some(&editor), HOYERSWERDA, body.clone())
            .await
            .0,
        403,
        "another place"
    );
    let unchanged = app.json(&format!("/api/v1/places/{SPREMBERG}")).await;
    assert_eq!(unchanged["profile"]["kita"]["demo"], true);

    let (status, stored) = put_profile(&app, Some(&editor), SPREMBERG, body).await;
    assert_eq!(status, 200, "{stored}");
    assert_eq!(
        stored,
        serde_json::json!({
            "kita": {"value": 9, "source": "Stadt Spremberg", "as_of": "2026-09-30"},
            "contact": {"value": "Frau Beispiel, Bürgerbüro", "source": "Stadt Spremberg", "as_of": "2026-09-30"}
        })
    );
    let place = app.json(&format!("/api/v1/places/{SPREMBERG}")).await;
    assert_eq!(place["profile"], stored);
    let audit = app.store.audit_log(None, 100).await.expect("audit");
    assert!(audit
        .iter()
        .any(|e| e.action == "place_profile_changed" && e.target == format!("place:{SPREMBERG}")));

    // Bad input: a 400 problem document naming the field.
    for (body, field) in [
        (
            serde_json::json!({"kita": {"value": -1, "source": "x", "as_of": "2026-01-01"}}),
            "kita.value",
        ),
        (
            serde_json::json!({"kita": {"value": 2.5, "source": "x", "as_of": "2026-01-01"}}),
            "kita.value",
        ),
        (
            serde_json::json!({"gp": {"value": "viele", "source": "x", "as_of": "2026-01-01"}}),
            "gp.value",
        ),
        (
            serde_json::json!({"median_rent_eur_m2": {"value": 500, "source": "x", "as_of": "2026-01-01"}}),
            "median_rent_eur_m2.value",
        ),
        (
            serde_json::json!({"kita": {"value": 1, "source": " ", "as_of": "2026-01-01"}}),
            "kita.source",
        ),
        (
            serde_json::json!({"kita": {"value": 1, "source": "x", "as_of": "2999-01-01"}}),
            "kita.as_of",
        ),
        (
            serde_json::json!({"kita": {"value": 1, "source": "x", "as_of": "gestern"}}),
            "kita.as_of",
        ),
        (
            serde_json::json!({"kita": {"value": 1, "source": "x"}}),
            "kita.as_of",
        ),
        (
            serde_json::json!({"kitas": {"value": 1, "source": "x", "as_of": "2026-01-01"}}),
            "kitas",
        ),
        (serde_json::json!({"kita": 3}), "kita"),
        (serde_json::json!([1, 2]), "body"),
    ] {
        let (status, problem) = put_profile(&app, Some(&editor), SPREMBERG, body.clone()).await;
        assert_eq!(status, 400, "{body}: {problem}");
        assert_eq!(problem["parameter"], field, "{body}: {problem}");
    }
    // Nothing of a refused body is stored.
    let after = app.json(&format!("/api/v1/places/{SPREMBERG}")).await;
    assert_eq!(after["profile"], stored);

    // Platform admins may edit any place.
    let admin = signed_in(&app, "betrieb@example.org", true).await;
    let (status, _) = put_profile(
        &app,
        Some(&admin),
        HOYERSWERDA,
        serde_json::json!({"gp": {"value": 4, "source": "KV Sachsen", "as_of": "2026-06-30"}}),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        put_profile(&app, Some(&admin), 1, serde_json::json!({}))
            .await
            .0,
        404
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_edit_form_round_trips() {
    let app = helpers::start(0).await;
    seed_profile(&app).await;
    let editor = town_editor(&app, "rathaus@spremberg.example", SPREMBERG, true).await;
    let path = format!("/places/{SPREMBERG}/profile/edit");

    // The public and other people get no form.
    assert_eq!(get_as(&app, None, &path).await.0, 401);
    let stranger = signed_in(&app, "jemand@example.org", false).await;
    assert_eq!(get_as(&app, Some(&stranger), &path).await.0, 403);

    // The editor sees the link and the form, filled in.
    let (_, page) = get_as(&app, Some(&editor), &format!("/places/{SPREMBERG}")).await;
    assert!(page.contains(&format!("href=\"{path}\"")), "{page}");
    let (status, form) = get_as(&app, Some(&editor), &path).await;
    assert_eq!(status, 200, "{form}");
    assert!(form.contains(&format!("name=\"csrf\" value=\"{}\"", editor.csrf)));
    assert!(form.contains("<label for=\"kita\">Kitas</label>"), "{form}");
    assert!(
        form.contains("name=\"kita\" type=\"text\" value=\"7\""),
        "{form}"
    );
    assert!(
        form.contains("name=\"kita_source\" type=\"text\" value=\"demo\""),
        "{form}"
    );
    assert!(
        form.contains("name=\"kita_as_of\" type=\"date\" value=\"2026-03-01\""),
        "{form}"
    );
    assert!(form.contains("Derzeit ein Demo-Wert."), "{form}");
    assert!(form.contains("<legend>Gesundheit</legend>"));

    // Sending the form back unchanged changes nothing: the demo value stays demo.
    let fields: Vec<(String, String)> = [
        ("kita", "7"),
        ("kita_source", "demo"),
        ("kita_as_of", "2026-03-01"),
        ("rail_station", "1"),
        ("rail_station_source", "osm"),
        ("rail_station_as_of", "2026-10-01"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let send = |f: Vec<(String, String)>| {
        let app = &app;
        let editor = &editor;
        let path = path.clone();
        async move {
            let pairs: Vec<(&str, &str)> =
                f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            post_as(app, editor, &path, &pairs).await
        }
    };
    let res = send(fields.clone()).await;
    assert_eq!(res.status(), 303);
    assert_eq!(location(&res), format!("/places/{SPREMBERG}#profile"));
    let p = app.store.place_profile(SPREMBERG).await.expect("profile");
    assert!(p.get(ProfileKey::Kita).expect("kita").demo);

    // A bad value comes back with the error summary and the typed values.
    let mut bad = fields.clone();
    bad[0].1 = "sieben".into();
    bad.push(("gp".into(), "3".into()));
    bad.push(("gp_source".into(), "".into()));
    let res = send(bad).await;
    assert_eq!(res.status(), 400);
    let page = res.text().await.expect("body");
    assert!(page.contains("error-summary"), "{page}");
    assert!(page.contains("href=\"#kita\""), "{page}");
    assert!(page.contains("href=\"#gp_source\""), "{page}");
    assert!(page.contains("value=\"sieben\""), "{page}");
    assert!(page.contains("aria-invalid=\"true\""));
    assert!(app
        .store
        .place_profile(SPREMBERG)
        .await
        .expect("p")
        .get(ProfileKey::Gp)
        .is_none());

    // A real value replaces the demo one; an emptied field removes its value; a new
    // value without a date is dated today.
    let mut good = fields.clone();
    good[0].1 = "9".into();
    good[1].1 = "Stadt Spremberg".into();
    good[2].1 = "2026-09-30".into();
    good[3].1 = String::new();
    good.push(("median_rent_eur_m2".into(), "6,85".into()));
    good.push((
        "median_rent_eur_m2_source".into(),
        "Mietspiegel 2026".into(),
    ));
    let res = send(good).await;
    assert_eq!(
        res.status(),
        303,
        "{}",
        res.text().await.unwrap_or_default()
    );
    let p = app.store.place_profile(SPREMBERG).await.expect("profile");
    let kita = p.get(ProfileKey::Kita).expect("kita");
    assert_eq!(
        (
            kita.value.as_number(),
            kita.source.as_str(),
            kita.as_of,
            kita.demo
        ),
        (Some(9.0), "Stadt Spremberg", day("2026-09-30"), false)
    );
    assert!(p.get(ProfileKey::RailStation).is_none());
    let rent = p.get(ProfileKey::MedianRentEurM2).expect("rent");
    assert_eq!(rent.value.as_number(), Some(6.85));
    assert_eq!(rent.as_of, chrono::Utc::now().date_naive());
    let (_, page) = get_as(&app, None, &format!("/places/{SPREMBERG}")).await;
    assert!(page.contains("6,85 €/m²"), "{page}");
    assert!(
        page.contains("Quelle: Stadt Spremberg, Stand: 30.09.2026"),
        "{page}"
    );
    assert!(!page.contains("badge demo"), "no demo value left");
    let (_, form) = get_as(&app, Some(&editor), &path).await;
    assert!(
        form.contains("name=\"median_rent_eur_m2\" type=\"text\" value=\"6,85\""),
        "{form}"
    );

    // Without the form's CSRF token the change is refused.
    let res = app
        .client
        .post(app.url(&path))
        .header("cookie", editor.cookie_header())
        .form(&[("kita", "1")])
        .send()
        .await
        .expect("request");
    assert_eq!(res.status(), 403);
}
