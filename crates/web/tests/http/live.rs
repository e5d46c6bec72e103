//! Tests that write: each gets a fresh server and database.

use crate::helpers::start;
use bleibe_store::conformance::plain_job;
use std::time::{Duration, Instant};

/// Polls the API until `pred` holds for the search `path`, up to 5 s (the suite runs
/// many servers at once on small machines); says how far the index had followed the
/// change log when it gives up.
async fn eventually(
    app: &crate::helpers::TestApp,
    path: &str,
    pred: impl Fn(&serde_json::Value) -> bool,
) -> Duration {
    let t = Instant::now();
    loop {
        let v = app.json(path).await;
        if pred(&v) {
            return t.elapsed();
        }
        if t.elapsed() > Duration::from_secs(5) {
            let health = app.json("/healthz").await;
            panic!("not within 5 s: {path} → {v}; health: {health}");
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn writes_through_the_store_reach_search_within_a_second() {
    let app = start(20).await;
    let emp = app.store.employers().await.expect("employers")[0].id;
    let ids = app
        .store
        .insert_jobs(&[plain_job(emp, 2830085, "Glasapparatebauer (m/w/d)")])
        .await
        .expect("insert");
    let found = eventually(&app, "/api/v1/jobs?q=Glasapparatebauer", |v| {
        v["total"] == 1
    })
    .await;
    assert!(found < Duration::from_secs(1), "{found:?}");

    let mut changed = plain_job(emp, 2830085, "Orgelbauer (m/w/d)");
    changed.working_time = vec![bleibe_domain::WorkingTime::PartTime];
    app.store
        .update_job(ids[0], &changed)
        .await
        .expect("update");
    eventually(&app, "/api/v1/jobs?q=Orgelbauer", |v| v["total"] == 1).await;
    eventually(&app, "/api/v1/jobs?q=Glasapparatebauer", |v| {
        v["total"] == 0
    })
    .await;

    app.store.delete_job(ids[0]).await.expect("delete");
    eventually(&app, "/api/v1/jobs?q=Orgelbauer", |v| v["total"] == 0).await;
    let (status, _, _) = app.text(&format!("/jobs/{}", ids[0])).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn expired_jobs_are_not_found() {
    let app = start(0).await;
    let emp = app
        .store
        .insert_employers(&[bleibe_demo::employers()[0].clone()])
        .await
        .expect("employer")[0]
        .id;
    let mut expired = plain_job(emp, 2830085, "Bergmann (m/w/d)");
    expired.posted_at = chrono::Utc::now() - chrono::Duration::days(30);
    expired.valid_through = Some(chrono::Utc::now().date_naive() - chrono::Duration::days(1));
    let mut open = plain_job(emp, 2830085, "Bergmann (m/w/d) Nachfolge");
    open.valid_through = Some(chrono::Utc::now().date_naive() + chrono::Duration::days(10));
    let ids = app
        .store
        .insert_jobs(&[expired, open])
        .await
        .expect("insert");
    eventually(&app, "/api/v1/jobs?q=Bergmann", |v| v["total"] == 1).await;
    let v = app.json("/api/v1/jobs?q=Bergmann").await;
    assert_eq!(v["items"][0]["id"], ids[1]);
    // The expired job's own page still answers, and says it has expired.
    let (status, _, html) = app.text(&format!("/jobs/{}", ids[0])).await;
    assert_eq!(status, 200);
    assert!(html.contains("abgelaufen"));
    let api = app.json(&format!("/api/v1/jobs/{}", ids[0])).await;
    assert_eq!(api["open"], false);
}

#[tokio::test]
async fn jsonld_cannot_be_broken_out_of() {
    let app = start(0).await;
    let emp = app
        .store
        .insert_employers(&[bleibe_demo::employers()[0].clone()])
        .await
        .expect("employer")[0]
        .id;
    let title = "Koch </script><script>alert(1)</script> & <!-- (m/w/d)";
    let ids = app
        .store
        .insert_jobs(&[plain_job(emp, 2830085, title)])
        .await
        .expect("insert");
    let (status, _, html) = app.text(&format!("/jobs/{}", ids[0])).await;
    assert_eq!(status, 200);
    assert!(
        !html.contains("<script>alert(1)"),
        "title escaped everywhere"
    );
    let start = html
        .find("<script type=\"application/ld+json\">")
        .expect("block");
    let block = &html[start..];
    let end = block.find("</script>").expect("end");
    let inner = &block["<script type=\"application/ld+json\">".len()..end];
    let ld: serde_json::Value = serde_json::from_str(inner).expect("JSON");
    assert_eq!(
        ld["title"], title,
        "the title survives intact inside the data block"
    );
}
