//! The HTML pages on the shared demo server.

use crate::helpers::shared;
use serde_json::Value;

/// The content of the page's JSON-LD data block.
fn jsonld(html: &str) -> Value {
    let start_tag = "<script type=\"application/ld+json\">";
    let start = html.find(start_tag).expect("JSON-LD block") + start_tag.len();
    let end = start + html[start..].find("</script>").expect("end of block");
    serde_json::from_str(&html[start..end]).expect("valid JSON")
}

#[tokio::test]
async fn start_page_in_german_and_english() {
    let app = shared();
    let (status, ct, html) = app.text("/").await;
    assert_eq!(status, 200);
    assert!(ct.starts_with("text/html"), "{ct}");
    assert!(html.contains("<html lang=\"de\">"));
    assert!(html.contains("<form class=\"search-form\" action=\"/jobs\" method=\"get\""));
    assert!(
        html.contains("Impressum")
            && html.contains("Barrierefreiheit")
            && html.contains("Datenschutz")
    );
    assert!(!html.contains("<script src"), "no JavaScript needed");
    let (_, _, en) = app.text("/?lang=en").await;
    assert!(en.contains("<html lang=\"en\">"));
    assert!(en.contains("Find jobs"));
}

#[tokio::test]
async fn result_page_keeps_the_query_in_the_url() {
    let app = shared();
    let (status, _, html) = app
        .text("/jobs?q=Mechatroniker&near=Spremberg&radius_km=30&sort=distance")
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("Mechatroniker"));
    assert!(
        html.contains("value=\"Mechatroniker\""),
        "form keeps the query"
    );
    assert!(html.contains("km entfernt"));
    assert!(
        html.contains("class=\"badge demo\""),
        "demo jobs are labelled"
    );
    // Facet links toggle filters and keep the rest of the search.
    assert!(html.contains("kind=job"), "facet links present");
    assert!(html.contains("near=2830085"));
    // The page ignores a radius without a place (the form always sends one).
    let (status, _, _) = app.text("/jobs?q=&near=&radius_km=25").await;
    assert_eq!(status, 200);
    // Paging links.
    let (_, _, all) = app.text("/jobs").await;
    assert!(all.contains("rel=\"next\""));
}

#[tokio::test]
async fn result_page_offers_every_facet_and_its_links_filter() {
    let app = shared();
    let (status, _, html) = app.text("/jobs?contract=permanent").await;
    assert_eq!(status, 200);
    for title in [
        "Vertrag",
        "Bundesland",
        "Ort",
        "Arbeitgeber",
        "Berufsbereich",
    ] {
        assert!(html.contains(&format!("<h3>{title}</h3>")), "facet {title}");
    }
    // The selected contract is marked, and its link removes it again.
    assert!(html.contains("aria-current=\"true\" class=\"selected\""));
    // A place facet link adds `place=<id>` and keeps the contract; following it finds
    // only jobs at that place.
    let start = html.find("place=").expect("a place facet link");
    let id: String = html[start + 6..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let v = app
        .json(&format!(
            "/api/v1/jobs?contract=permanent&place={id}&per_page=100"
        ))
        .await;
    assert!(v["total"].as_u64().expect("total") > 0);
    for item in v["items"].as_array().expect("items") {
        assert_eq!(item["place"]["id"].to_string(), id);
        assert_eq!(item["contract"], "permanent");
    }
    // Links keep the page's own facets parameter out of the URL.
    assert!(
        !html.contains("facets="),
        "the page asks for every facet itself"
    );
}

#[tokio::test]
async fn bad_input_gets_a_friendly_page() {
    let app = shared();
    let (status, ct, html) = app.text("/jobs?near=Spremberg&radius_km=abc").await;
    assert_eq!(status, 400);
    assert!(ct.starts_with("text/html"), "{ct}");
    assert!(html.contains("radius_km"));
    assert!(html.contains("Bitte prüfen Sie Ihre Eingabe"));
    let (status, _, html) = app.text("/jobs?kind=astronaut&lang=en").await;
    assert_eq!(status, 400);
    assert!(html.contains("is not a valid value for"), "{html}");
    for path in [
        "/jobs/abc",
        "/jobs/999999999",
        "/jobs/%FF",
        "/places/0",
        "/lang/%FF",
        "/no-such-page",
    ] {
        let (status, ct, html) = app.text(path).await;
        assert_eq!(status, 404, "{path}");
        assert!(ct.starts_with("text/html"), "{path}: {ct}");
        assert!(html.contains("Nicht gefunden"), "{path}");
    }
}

#[tokio::test]
async fn every_job_page_carries_valid_jobposting_jsonld() {
    let app = shared();
    let mut after = 0;
    let mut checked = 0;
    loop {
        let jobs = app.store.jobs_after(after, 500).await.expect("jobs");
        if jobs.is_empty() {
            break;
        }
        for job in &jobs {
            let (status, _, html) = app.text(&format!("/jobs/{}", job.id)).await;
            assert_eq!(status, 200);
            let ld = jsonld(&html);
            assert_eq!(ld["@context"], "https://schema.org/");
            assert_eq!(ld["@type"], "JobPosting");
            assert_eq!(ld["title"], job.data.title);
            assert!(ld["description"].as_str().is_some_and(|d| !d.is_empty()));
            assert!(ld["datePosted"]
                .as_str()
                .is_some_and(|d| d.starts_with("20")));
            assert_eq!(ld["hiringOrganization"]["@type"], "Organization");
            assert_eq!(ld["hiringOrganization"]["name"], job.employer.name);
            let addr = &ld["jobLocation"]["address"];
            assert_eq!(addr["@type"], "PostalAddress");
            assert_eq!(addr["addressCountry"], "DE");
            assert_eq!(addr["addressLocality"], job.place.name);
            assert!(ld["employmentType"]
                .as_array()
                .is_some_and(|a| !a.is_empty()));
            assert_eq!(ld["identifier"]["value"], job.id.to_string());
            match job.data.valid_through {
                Some(v) => assert!(ld["validThrough"]
                    .as_str()
                    .expect("validThrough")
                    .starts_with(&v.to_string())),
                None => assert!(ld["validThrough"].is_null()),
            }
            assert_eq!(ld["baseSalary"].is_object(), job.data.salary.is_some());
            assert_eq!(
                ld["jobLocationType"] == "TELECOMMUTE",
                job.is_fully_remote()
            );
            assert!(html.contains("Demo:"), "demo notice on demo job page");
            checked += 1;
        }
        after = jobs.last().map(|j| j.id).unwrap_or(after);
    }
    assert_eq!(checked, 2000);
}

#[tokio::test]
async fn place_page_lists_its_jobs() {
    let app = shared();
    let (status, _, html) = app.text("/places/2898304").await;
    assert_eq!(status, 200);
    assert!(html.contains("<h1 id=\"place-title\">Hoyerswerda</h1>"));
    assert!(html.contains("Wojerecy"));
    assert!(html.contains("Sachsen"));
}

#[tokio::test]
async fn information_pages_exist() {
    let app = shared();
    for (path, text) in [
        ("/impressum", "§ 5 DDG"),
        ("/datenschutz", "DSGVO"),
        ("/barrierefreiheit", "BITV 2.0"),
        ("/about", "CC BY 4.0"),
    ] {
        let (status, _, html) = app.text(path).await;
        assert_eq!(status, 200, "{path}");
        assert!(html.contains(text), "{path}");
    }
}

#[tokio::test]
async fn language_switch_sets_a_cookie_and_only_goes_home() {
    let app = shared();
    let res = app
        .get("/lang/en?back=%2Fjobs%3Fq%3DKoch%26lang%3Dde")
        .await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/jobs?q=Koch");
    let cookie = res.headers()["set-cookie"].to_str().expect("cookie");
    assert!(
        cookie.starts_with("bleibe_lang=en") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    for evil in [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
    ] {
        let res = app
            .get(&format!(
                "/lang/de?back={}",
                &serde_urlencoded::to_string([("x", evil)]).expect("enc")[2..]
            ))
            .await;
        assert_eq!(res.headers()["location"], "/", "{evil}");
    }
    let res = app
        .client
        .get(app.url("/jobs"))
        .header("cookie", "bleibe_lang=en")
        .send()
        .await
        .expect("request");
    assert!(res
        .text()
        .await
        .expect("body")
        .contains("<html lang=\"en\">"));
}

#[tokio::test]
async fn security_headers_are_set() {
    let app = shared();
    let res = app.get("/").await;
    let h = res.headers();
    assert!(h["content-security-policy"]
        .to_str()
        .expect("csp")
        .contains("script-src 'none'"));
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert!(h.contains_key("x-request-id"));
}
