//! The JSON API on the shared demo server.

use crate::helpers::{km, problem, shared, SPREMBERG};
use serde_json::Value;

fn items(v: &Value) -> &Vec<Value> {
    v["items"].as_array().expect("items")
}

#[tokio::test]
async fn health_reports_store_and_index() {
    let app = shared();
    let h = app.json("/healthz").await;
    assert_eq!(h["status"], "ok");
    assert_eq!(h["backend"], crate::helpers::backend());
    assert_eq!(h["jobs"], 2000);
    assert_eq!(h["places"], 11870);
    assert_eq!(h["index_docs"], 2000);
    assert_eq!(h["index_seq"], h["store_seq"]);
}

#[tokio::test]
async fn default_search_pages_and_counts() {
    let app = shared();
    let v = app.json("/api/v1/jobs").await;
    assert_eq!(v["page"], 1);
    assert_eq!(v["per_page"], 20);
    assert_eq!(items(&v).len(), 20);
    let total = v["total"].as_u64().expect("total");
    assert!(total > 1900 && total <= 2000, "{total}");
    for facet in ["kind", "working_time", "occupation_area"] {
        let values = v["facets"][facet].as_array().expect(facet);
        assert!(!values.is_empty(), "{facet}");
        for f in values {
            assert!(
                f["value"].is_string() && f["label"].is_string() && f["count"].is_u64(),
                "{f}"
            );
        }
    }
    let kind_sum: u64 = v["facets"]["kind"]
        .as_array()
        .expect("kind")
        .iter()
        .map(|f| f["count"].as_u64().expect("count"))
        .sum();
    assert_eq!(kind_sum, total, "every job has exactly one kind");
    let first = &items(&v)[0];
    for field in [
        "id",
        "title",
        "kind",
        "employer",
        "place",
        "posted_at",
        "occupation",
        "working_time",
        "demo",
    ] {
        assert!(!first[field].is_null(), "missing {field}: {first}");
    }
    assert!(first.get("distance_km").is_none(), "no centre, no distance");
    assert_eq!(first["demo"], true);

    let p2 = app.json("/api/v1/jobs?page=2&per_page=5").await;
    let p1 = app.json("/api/v1/jobs?page=1&per_page=5").await;
    assert_eq!(p2["total"], p1["total"]);
    let ids = |v: &Value| {
        items(v)
            .iter()
            .map(|i| i["id"].as_i64().expect("id"))
            .collect::<Vec<_>>()
    };
    let (a, b) = (ids(&p1), ids(&p2));
    assert_eq!(a.len(), 5);
    assert!(
        a.iter().all(|x| !b.contains(x)),
        "pages overlap: {a:?} {b:?}"
    );
}

#[tokio::test]
async fn labels_follow_the_language() {
    let app = shared();
    let de = app.json("/api/v1/jobs?per_page=1").await;
    let en = app.json("/api/v1/jobs?per_page=1&lang=en").await;
    let label = |v: &Value, value: &str| {
        v["facets"]["kind"]
            .as_array()
            .expect("kind")
            .iter()
            .find(|f| f["value"] == value)
            .map(|f| f["label"].as_str().expect("label").to_string())
    };
    assert_eq!(label(&de, "apprenticeship").as_deref(), Some("Ausbildung"));
    assert_eq!(
        label(&en, "apprenticeship").as_deref(),
        Some("Apprenticeship")
    );
    let res = app
        .client
        .get(app.url("/api/v1/jobs?per_page=1"))
        .header("accept-language", "en-GB,en;q=0.9")
        .send()
        .await
        .expect("request");
    let v: Value = res.json().await.expect("json");
    assert_eq!(label(&v, "internship").as_deref(), Some("Internship"));
}

#[tokio::test]
async fn mechatroniker_near_spremberg_within_30_km_in_every_order() {
    let app = shared();
    for sort in ["relevance", "date", "distance"] {
        let v = app
            .json(&format!(
                "/api/v1/jobs?q=Mechatroniker&near=Spremberg&radius_km=30&sort={sort}&per_page=100"
            ))
            .await;
        assert_eq!(v["centre"]["id"], 2830085);
        assert_eq!(v["centre"]["name"], "Spremberg");
        assert_eq!(v["centre"]["state"], "Brandenburg");
        let its = items(&v);
        assert!(!its.is_empty(), "no Mechatroniker near Spremberg ({sort})");
        assert_eq!(v["total"].as_u64(), Some(its.len() as u64));
        for i in its {
            assert_eq!(i["demo"], true);
            // Stemming finds "Mechatronik"; compound splitting finds
            // "Baumaschinenmechatroniker".
            assert!(
                i["title"]
                    .as_str()
                    .expect("title")
                    .to_lowercase()
                    .contains("mechatronik"),
                "{}",
                i["title"]
            );
            let p = (
                i["place"]["lat"].as_f64().expect("lat"),
                i["place"]["lon"].as_f64().expect("lon"),
            );
            let d = km(SPREMBERG, p);
            assert!(d <= 30.0, "{} is {d} km away", i["place"]["name"]);
            let reported = i["distance_km"].as_f64().expect("distance");
            assert!((reported - d).abs() < 0.05, "{reported} vs {d}");
        }
        let dist: Vec<f64> = its
            .iter()
            .map(|i| i["distance_km"].as_f64().expect("d"))
            .collect();
        let dates: Vec<&str> = its
            .iter()
            .map(|i| i["posted_at"].as_str().expect("date"))
            .collect();
        match sort {
            "distance" => assert!(dist.windows(2).all(|w| w[0] <= w[1]), "{dist:?}"),
            "date" => assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}"),
            _ => {}
        }
    }
}

#[tokio::test]
async fn coordinates_and_radius_bound_every_item() {
    let app = shared();
    let v = app
        .json("/api/v1/jobs?lat=51.4379&lon=14.2355&radius_km=12.5&per_page=100&sort=distance")
        .await;
    assert!(v["centre"]["id"].is_null());
    for i in items(&v) {
        let p = (
            i["place"]["lat"].as_f64().expect("lat"),
            i["place"]["lon"].as_f64().expect("lon"),
        );
        assert!(km((51.4379, 14.2355), p) <= 12.5);
    }
    assert!(v["total"].as_u64().expect("total") > 0);
}

#[tokio::test]
async fn ambiguous_and_alternate_place_names() {
    let app = shared();
    let forst = app.json("/api/v1/jobs?near=Forst&per_page=1").await;
    assert_eq!(forst["centre"]["state"], "Brandenburg");
    assert!(forst["centre"]["candidates"].as_u64().expect("candidates") >= 2);
    let sorbian = app.json("/api/v1/jobs?near=Wojerecy&per_page=1").await;
    assert_eq!(sorbian["centre"]["name"], "Hoyerswerda");
    let by_id = app.json("/api/v1/jobs?near=2898304&per_page=1").await;
    assert_eq!(by_id["centre"]["name"], "Hoyerswerda");
}

#[tokio::test]
async fn filters_or_within_and_across() {
    let app = shared();
    let v = app
        .json("/api/v1/jobs?kind=apprenticeship&kind=internship&per_page=100")
        .await;
    let total = v["total"].as_u64().expect("total");
    assert!(total > 0);
    for i in items(&v) {
        assert!(
            i["kind"] == "apprenticeship" || i["kind"] == "internship",
            "{}",
            i["kind"]
        );
    }
    // The kind facet ignores the kind filter itself: its two values add up to the total.
    let facet_sum: u64 = v["facets"]["kind"]
        .as_array()
        .expect("kind")
        .iter()
        .filter(|f| f["value"] == "apprenticeship" || f["value"] == "internship")
        .map(|f| f["count"].as_u64().expect("count"))
        .sum();
    assert_eq!(facet_sum, total);

    let occ = app.json("/api/v1/jobs?occupation=26&per_page=100").await;
    assert!(occ["total"].as_u64().expect("total") > 0);
    for i in items(&occ) {
        assert!(i["occupation"]["code"]
            .as_str()
            .expect("code")
            .starts_with("26"));
    }
    let area = app
        .json("/api/v1/jobs?occupation=8&working_time=part_time&per_page=100")
        .await;
    assert!(area["total"].as_u64().expect("total") > 0);
    for i in items(&area) {
        assert!(i["occupation"]["code"]
            .as_str()
            .expect("code")
            .starts_with('8'));
        assert!(i["working_time"]
            .as_array()
            .expect("wt")
            .iter()
            .any(|w| w == "part_time"));
    }
}

/// `(value, count)` of a facet in a search answer.
fn facet(v: &serde_json::Value, name: &str) -> Vec<(String, u64)> {
    v["facets"][name]
        .as_array()
        .unwrap_or_else(|| panic!("facet {name} missing: {}", v["facets"]))
        .iter()
        .map(|f| {
            assert!(f["label"].as_str().is_some_and(|l| !l.is_empty()), "{f}");
            (
                f["value"].as_str().expect("value").to_string(),
                f["count"].as_u64().expect("count"),
            )
        })
        .collect()
}

#[tokio::test]
async fn contract_state_place_and_employer_filters_with_their_facets() {
    let app = shared();
    let all = app
        .json("/api/v1/jobs?facets=contract,state,place,employer&per_page=1")
        .await;
    let total = all["total"].as_u64().expect("total");
    // Only the facets asked for are present.
    assert!(all["facets"].get("kind").is_none(), "{}", all["facets"]);
    for name in ["contract", "state"] {
        let sum: u64 = facet(&all, name).iter().map(|(_, n)| n).sum();
        assert_eq!(sum, total, "{name} counts add up to the total");
    }
    let places = facet(&all, "place");
    let employers = facet(&all, "employer");
    assert!(!places.is_empty() && places.len() <= 20, "{places:?}");
    assert!(
        !employers.is_empty() && employers.len() <= 20,
        "{employers:?}"
    );
    assert!(places.windows(2).all(|w| w[0].1 >= w[1].1), "{places:?}");

    // `facets=none` leaves every facet out and keeps the total.
    let bare = app.json("/api/v1/jobs?facets=none&per_page=1").await;
    assert_eq!(bare["total"].as_u64(), Some(total));
    assert_eq!(bare["facets"], serde_json::json!({}), "{}", bare["facets"]);

    // Each facet value, used as a filter, finds exactly its count, and only such jobs.
    let (contract, n) = facet(&all, "contract")[0].clone();
    let v = app
        .json(&format!("/api/v1/jobs?contract={contract}&per_page=100"))
        .await;
    assert_eq!(v["total"].as_u64(), Some(n));
    assert!(items(&v).iter().all(|i| i["contract"] == contract.as_str()));

    let (place, n) = places[0].clone();
    let v = app
        .json(&format!("/api/v1/jobs?place={place}&per_page=100"))
        .await;
    assert_eq!(v["total"].as_u64(), Some(n));
    assert!(items(&v)
        .iter()
        .all(|i| i["place"]["id"] == place.parse::<i64>().expect("id")));

    let (employer, n) = employers[0].clone();
    let v = app
        .json(&format!("/api/v1/jobs?employer={employer}&per_page=100"))
        .await;
    assert_eq!(v["total"].as_u64(), Some(n));
    assert!(items(&v)
        .iter()
        .all(|i| i["employer"]["id"] == employer.parse::<i64>().expect("id")));

    // OR within a filter, AND across: two states together find both counts; with a
    // contract they find only jobs with both; the state facet still shows both states.
    let states = facet(&all, "state");
    assert!(
        states.len() >= 2,
        "demo jobs lie in several states: {states:?}"
    );
    let (s1, n1) = states[0].clone();
    let (s2, n2) = states[1].clone();
    let both = app
        .json(&format!("/api/v1/jobs?state={s1}&state={s2}&per_page=1"))
        .await;
    assert_eq!(both["total"].as_u64(), Some(n1 + n2));
    let narrowed = app
        .json(&format!(
            "/api/v1/jobs?state={s1}&state={s2}&contract={contract}&facets=state&per_page=100"
        ))
        .await;
    let narrowed_total = narrowed["total"].as_u64().expect("total");
    assert!(narrowed_total < n1 + n2 && narrowed_total > 0);
    let state_counts = facet(&narrowed, "state");
    let selected_sum: u64 = state_counts
        .iter()
        .filter(|(s, _)| *s == s1 || *s == s2)
        .map(|(_, n)| n)
        .sum();
    assert_eq!(selected_sum, narrowed_total);
    for i in items(&narrowed) {
        assert_eq!(i["contract"], contract.as_str());
    }

    // A selected place outside the top 20 is still listed, so it can be unselected.
    let rare = app.json("/api/v1/jobs?facets=place&per_page=1").await;
    let listed: Vec<String> = facet(&rare, "place").into_iter().map(|(p, _)| p).collect();
    let cottbus_jobs = app
        .json("/api/v1/jobs?near=Cottbus&radius_km=500&facets=place&per_page=100")
        .await;
    if let Some(outside) = items(&cottbus_jobs)
        .iter()
        .map(|i| i["place"]["id"].to_string())
        .find(|p| !listed.contains(p))
    {
        let v = app
            .json(&format!(
                "/api/v1/jobs?place={outside}&facets=place&per_page=1"
            ))
            .await;
        assert!(facet(&v, "place").iter().any(|(p, _)| *p == outside));
    }
}

#[tokio::test]
async fn umlauts_and_sharp_s_find_both_spellings() {
    let app = shared();
    for (a, b) in [("Schweißer", "Schweisser"), ("Verkäufer", "Verkaeufer")] {
        let va = app.json(&format!("/api/v1/jobs?q={a}")).await;
        let vb = app.json(&format!("/api/v1/jobs?q={b}")).await;
        assert!(va["total"].as_u64().expect("total") > 0, "{a}");
        assert_eq!(va["total"], vb["total"], "{a} vs {b}");
    }
}

#[tokio::test]
async fn bad_parameters_get_problem_documents_naming_them() {
    let app = shared();
    let cases = [
        ("/api/v1/jobs?near=Spremberg&radius_km=abc", "radius_km"),
        ("/api/v1/jobs?near=Spremberg&radius_km=0", "radius_km"),
        ("/api/v1/jobs?near=Spremberg&radius_km=501", "radius_km"),
        ("/api/v1/jobs?radius_km=10", "radius_km"),
        ("/api/v1/jobs?page=0", "page"),
        ("/api/v1/jobs?page=-1", "page"),
        ("/api/v1/jobs?page=abc", "page"),
        ("/api/v1/jobs?page=9999", "page"),
        ("/api/v1/jobs?per_page=1000", "per_page"),
        ("/api/v1/jobs?per_page=0", "per_page"),
        ("/api/v1/jobs?kind=job&kind=astronaut", "kind"),
        ("/api/v1/jobs?working_time=sometimes", "working_time"),
        ("/api/v1/jobs?occupation=x1", "occupation"),
        ("/api/v1/jobs?contract=forever", "contract"),
        ("/api/v1/jobs?state=99", "state"),
        ("/api/v1/jobs?state=Sachsen", "state"),
        ("/api/v1/jobs?place=1", "place"),
        ("/api/v1/jobs?place=Cottbus", "place"),
        ("/api/v1/jobs?employer=-3", "employer"),
        ("/api/v1/jobs?employer=abc", "employer"),
        ("/api/v1/jobs?facets=kind,colour", "facets"),
        ("/api/v1/jobs?near=Nirgendwohausen-am-See", "near"),
        ("/api/v1/jobs?near=Spremberg&lat=51&lon=14", "near"),
        ("/api/v1/jobs?lat=51.5", "lon"),
        ("/api/v1/jobs?lat=91&lon=14", "lat"),
        ("/api/v1/jobs?sort=distance", "sort"),
        ("/api/v1/jobs?sort=random", "sort"),
        ("/api/v1/places", "q"),
        ("/api/v1/places?q=Cottbus&limit=0", "limit"),
    ];
    for (path, param) in cases {
        let body = problem(app, path, 400).await;
        assert_eq!(body["parameter"], param, "{path}: {body}");
        assert!(
            body["detail"].as_str().expect("detail").contains(param),
            "{path}: {body}"
        );
    }
}

#[tokio::test]
async fn one_job_whole_and_unknown_ids() {
    let app = shared();
    let list = app
        .json("/api/v1/jobs?kind=apprenticeship&per_page=1")
        .await;
    let id = items(&list)[0]["id"].as_i64().expect("id");
    let job = app.json(&format!("/api/v1/jobs/{id}")).await;
    assert_eq!(job["id"], id);
    assert_eq!(job["kind"], "apprenticeship");
    assert_eq!(job["demo"], true);
    assert!(
        job["training_allowance"]
            .as_array()
            .is_some_and(|a| !a.is_empty()),
        "{job}"
    );
    for field in [
        "description",
        "employer",
        "place",
        "occupation",
        "contract",
        "posted_at",
        "apply",
        "source",
        "url",
    ] {
        assert!(!job[field].is_null(), "missing {field}");
    }
    for bad in [
        "/api/v1/jobs/999999999",
        "/api/v1/jobs/abc",
        "/api/v1/jobs/-3",
        "/api/v1/jobs/1.5",
        "/api/v1/jobs/%FF",
        "/api/v1/places/%C3%28",
    ] {
        problem(app, bad, 404).await;
    }
    problem(app, "/api/v1/nothing-here", 404).await;
}

#[tokio::test]
async fn places_by_name_and_id() {
    let app = shared();
    let v = app.json("/api/v1/places?q=Wojerecy").await;
    assert_eq!(items(&v)[0]["name"], "Hoyerswerda");
    let v = app.json("/api/v1/places?q=Cott&limit=3").await;
    assert_eq!(items(&v)[0]["name"], "Cottbus");
    assert!(items(&v).len() <= 3);
    let v = app.json("/api/v1/places?q=Hoyerswreda").await;
    assert_eq!(items(&v)[0]["name"], "Hoyerswerda", "one typo is forgiven");
    let s = app.json("/api/v1/places/2830085").await;
    assert_eq!(s["name"], "Spremberg");
    assert!(
        s["population"].is_null(),
        "unknown population is null, not 0"
    );
    assert_eq!(s["state"], "Brandenburg");
    assert!(s["county"].is_null() && s["ags"].is_null());
    assert!(s["alternate_names"]
        .as_array()
        .expect("alt")
        .iter()
        .any(|a| a == "Grodk"));
    for bad in ["/api/v1/places/1", "/api/v1/places/Spremberg"] {
        problem(app, bad, 404).await;
    }
}

#[tokio::test]
async fn occupations_are_kldb_2010() {
    let app = shared();
    let v = app.json("/api/v1/occupations?lang=en").await;
    let its = items(&v);
    assert_eq!(its.len(), 47);
    assert_eq!(its.iter().filter(|o| o["level"] == 1).count(), 10);
    let g26 = its.iter().find(|o| o["code"] == "26").expect("26");
    assert_eq!(g26["parent"], "2");
    assert_eq!(g26["name"], g26["name_en"]);
    assert_eq!(g26["name_de"], "Mechatronik-, Energie- und Elektroberufe");
}

#[tokio::test]
async fn openapi_describes_every_endpoint() {
    let app = shared();
    let v = app.json("/api/openapi.json").await;
    assert!(v["openapi"].as_str().expect("version").starts_with("3.1"));
    for path in [
        "/api/v1/jobs",
        "/api/v1/jobs/{id}",
        "/api/v1/places",
        "/api/v1/places/{id}",
        "/api/v1/occupations",
        "/healthz",
        "/readyz",
        "/metrics",
    ] {
        assert!(v["paths"][path]["get"].is_object(), "{path} missing");
    }
    let params: Vec<&str> = v["paths"]["/api/v1/jobs"]["get"]["parameters"]
        .as_array()
        .expect("params")
        .iter()
        .map(|p| p["name"].as_str().expect("name"))
        .collect();
    for p in [
        "q",
        "kind",
        "occupation",
        "working_time",
        "near",
        "lat",
        "lon",
        "radius_km",
        "sort",
        "page",
        "per_page",
    ] {
        assert!(params.contains(&p), "{p} not documented");
    }
}

#[tokio::test]
async fn readiness_and_metrics() {
    let app = shared();
    let r = app.json("/readyz").await;
    assert_eq!(r["status"], "ready");
    assert!(r["index_lag"].as_i64().is_some());
    let (status, ct, text) = app.text("/metrics").await;
    assert_eq!(status, 200);
    assert!(ct.starts_with("text/plain; version=0.0.4"), "{ct}");
    assert!(text.contains("\nbleibe_jobs 2000\n"), "{text}");
    assert!(text.contains("bleibe_index_documents 2000"), "{text}");
    assert!(
        text.contains(&format!("backend=\"{}\"", crate::helpers::backend())),
        "{text}"
    );
    let served: u64 = text
        .lines()
        .filter(|l| l.starts_with("bleibe_http_requests_total{class=\"2xx\"}"))
        .filter_map(|l| l.rsplit(' ').next()?.parse::<u64>().ok())
        .sum();
    assert!(served >= 1, "{text}");
}
