//! The backend conformance suite: one set of behaviours every [`Store`] backend must
//! show. A backend crate runs it with [`conformance_suite!`](crate::conformance_suite),
//! giving an expression that yields a fresh, migrated, empty store per test.

use crate::{ChangeOp, DemoData, Entity, LoadOutcome, Store, StoreError, Table};
use bleibe_domain::{
    Apply, Contract, JobKind, NewEmployer, NewJob, Place, Salary, SalaryUnit, SchoolCertificate,
    Source, WorkingTime,
};
use chrono::{DateTime, NaiveDate, Utc};

/// Generates one `#[tokio::test]` per conformance check. `$make` is an async expression
/// producing a fresh store wrapped in anything that derefs to it (so that a guard, such
/// as a temporary directory or a database to drop, lives as long as the test).
///
/// `conformance_suite!(optional: $make)` is for backends that need a server: `$make`
/// yields `Option<guard>`, and on `None` each test prints
/// "skipped: BLEIBE_TEST_POSTGRES_URL not set" and passes.
#[macro_export]
macro_rules! conformance_suite {
    (optional: $make:expr) => {
        $crate::conformance_suite!(@list optional $make);
    };
    (@list $mode:ident $make:expr) => {
        $crate::conformance_suite!(@tests $mode $make;
            initial_load_happens_once,
            concurrent_initial_loads_load_once,
            demo_data_gets_employer_ids,
            jobs_round_trip_every_field,
            lookups_keep_order_and_page,
            writes_append_to_the_change_log,
            missing_records_are_not_found,
            jobs_at_a_place_are_open_and_newest_first,
            export_gives_every_column_as_json,
            import_keeps_keys_and_checks_columns,
            installation_id_is_stable_until_an_import,
        );
    };
    (@tests required $make:expr; $($name:ident),+ $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let store = $make.await;
                $crate::conformance::$name(&*store).await;
            }
        )+
    };
    (@tests optional $make:expr; $($name:ident),+ $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let Some(store) = $make.await else {
                    eprintln!("skipped: BLEIBE_TEST_POSTGRES_URL not set");
                    return;
                };
                $crate::conformance::$name(&*store).await;
            }
        )+
    };
    ($make:expr) => {
        $crate::conformance_suite!(@list required $make);
    };
}

/// Three real places (GeoNames ids and coordinates) for the suite.
pub fn sample_places() -> Vec<Place> {
    let p = |id, name: &str, alt: &[&str], lat, lon, population, state: &str| Place {
        id,
        name: name.to_string(),
        alternate_names: alt.iter().map(|s| s.to_string()).collect(),
        lat,
        lon,
        population,
        state_code: state.to_string(),
        county: None,
        ags: None,
    };
    vec![
        p(
            2830085,
            "Spremberg",
            &["Grodk"],
            51.5696,
            14.37385,
            None,
            "11",
        ),
        p(
            2898304,
            "Hoyerswerda",
            &["Wojerecy"],
            51.43787,
            14.23549,
            Some(30759),
            "13",
        ),
        p(
            2939811,
            "Cottbus",
            &["Chóśebuz"],
            51.75769,
            14.32888,
            Some(99678),
            "11",
        ),
    ]
}

fn employer(name: &str, place_id: i64) -> NewEmployer {
    NewEmployer {
        name: name.to_string(),
        place_id,
        description: "<p>Demo</p>".into(),
        website: Some("https://example.org/".into()),
        demo: true,
        kind: bleibe_domain::OrgKind::Employer,
    }
}

/// A job with every optional field set, valid.
pub fn full_job(employer_id: i64, place_id: i64, title: &str) -> NewJob {
    NewJob {
        employer_id,
        kind: JobKind::Apprenticeship,
        title: title.to_string(),
        description: "<p>Ausbildung mit <strong>Zukunft</strong></p>".into(),
        occupation: "26112".into(),
        place_id,
        street: Some("Industriestraße 1".into()),
        postcode: Some("03130".into()),
        working_time: vec![WorkingTime::FullTime, WorkingTime::Shift],
        contract: Contract::FixedTerm,
        salary: Some(Salary {
            min: 2800.5,
            max: Some(3400.0),
            unit: SalaryUnit::Month,
        }),
        training_allowance: vec![1000, 1080, 1160],
        school_certificate: Some(SchoolCertificate::Mittlere),
        start_date: NaiveDate::from_ymd_opt(2027, 9, 1),
        posted_at: DateTime::parse_from_rfc3339("2026-11-02T07:30:15.123456Z")
            .map(|d| d.with_timezone(&Utc))
            .expect("timestamp"),
        valid_through: NaiveDate::from_ymd_opt(2027, 3, 31),
        apply: Apply {
            url: Some("https://example.org/apply".into()),
            email: Some("jobs@example.org".into()),
        },
        source: Source::Imported,
        external_id: Some("BA-10000-123".into()),
        demo: true,
        status: bleibe_domain::JobStatus::Published,
    }
}

/// A minimal valid job.
pub fn plain_job(employer_id: i64, place_id: i64, title: &str) -> NewJob {
    NewJob {
        kind: JobKind::Job,
        street: None,
        postcode: None,
        working_time: vec![WorkingTime::FullTime],
        contract: Contract::Permanent,
        salary: None,
        training_allowance: vec![],
        school_certificate: None,
        start_date: None,
        valid_through: None,
        apply: Apply {
            url: None,
            email: Some("jobs@example.org".into()),
        },
        source: Source::Own,
        external_id: None,
        ..full_job(employer_id, place_id, title)
    }
}

async fn loaded(store: &dyn Store) -> i64 {
    store
        .load_initial(&sample_places(), None)
        .await
        .expect("load");
    store
        .insert_employers(&[employer("Testbetrieb GmbH", 2830085)])
        .await
        .expect("employer")[0]
        .id
}

/// Places load into an empty database once; a second load is a no-op.
pub async fn initial_load_happens_once(store: &dyn Store) {
    let first = store
        .load_initial(&sample_places(), None)
        .await
        .expect("load");
    assert_eq!(
        first,
        LoadOutcome::Loaded {
            places: 3,
            demo_jobs: 0
        }
    );
    let second = store
        .load_initial(&sample_places(), None)
        .await
        .expect("load");
    assert_eq!(second, LoadOutcome::AlreadyLoaded);
    assert_eq!(store.counts().await.expect("counts").places, 3);
    let places = store.places().await.expect("places");
    assert_eq!(places, sample_places());
    let spremberg = store
        .place(2830085)
        .await
        .expect("place")
        .expect("Spremberg");
    assert_eq!(
        spremberg.population, None,
        "unknown population stays unknown"
    );
    assert_eq!(spremberg.alternate_names, vec!["Grodk".to_string()]);
}

/// Two loads started together load the data exactly once.
pub async fn concurrent_initial_loads_load_once(store: &dyn Store) {
    let places = sample_places();
    let (a, b) = tokio::join!(
        store.load_initial(&places, None),
        store.load_initial(&places, None)
    );
    let outcomes = [a.expect("a"), b.expect("b")];
    let loaded = outcomes
        .iter()
        .filter(|o| matches!(o, LoadOutcome::Loaded { .. }))
        .count();
    assert_eq!(loaded, 1, "{outcomes:?}");
    assert_eq!(store.counts().await.expect("counts").places, 3);
}

/// Demo jobs are made for the stored employers, with their real ids.
pub async fn demo_data_gets_employer_ids(store: &dyn Store) {
    let demo = DemoData {
        employers: vec![employer("A", 2830085), employer("B", 2898304)],
        jobs: Box::new(|employers| {
            employers
                .iter()
                .map(|e| plain_job(e.id, e.place.id, &format!("Job bei {}", e.name)))
                .collect()
        }),
    };
    let outcome = store
        .load_initial(&sample_places(), Some(demo))
        .await
        .expect("load");
    assert_eq!(
        outcome,
        LoadOutcome::Loaded {
            places: 3,
            demo_jobs: 2
        }
    );
    let employers = store.employers().await.expect("employers");
    assert_eq!(employers.len(), 2);
    assert_eq!(employers[1].place.name, "Hoyerswerda");
    let jobs = store.jobs_after(0, 10).await.expect("jobs");
    assert_eq!(jobs.len(), 2);
    assert_eq!(jobs[1].employer.name, "B");
    assert_eq!(jobs[1].title(), "Job bei B");
}

/// Every field of a job survives the round trip.
pub async fn jobs_round_trip_every_field(store: &dyn Store) {
    let emp = loaded(store).await;
    let full = full_job(emp, 2898304, "Ausbildung Elektroniker (m/w/d)");
    let plain = plain_job(emp, 2939811, "Verkäufer (m/w/d)");
    let ids = store
        .insert_jobs(&[full.clone(), plain.clone()])
        .await
        .expect("insert");
    assert_eq!(ids.len(), 2);
    assert!(ids[0] < ids[1]);
    let a = store.job(ids[0]).await.expect("job").expect("exists");
    assert_eq!(a.data, full);
    assert_eq!(a.place.name, "Hoyerswerda");
    assert_eq!(a.place.state_code, "13");
    assert_eq!(a.employer.name, "Testbetrieb GmbH");
    let b = store.job(ids[1]).await.expect("job").expect("exists");
    assert_eq!(b.data, plain);
    // An external id is unique per source.
    let dup = store.insert_jobs(&[full]).await;
    assert!(matches!(dup, Err(StoreError::Conflict(_))), "{dup:?}");
    assert_eq!(store.counts().await.expect("counts").jobs, 2);
}

/// Batch lookups keep the caller's order; paging by id covers everything once.
pub async fn lookups_keep_order_and_page(store: &dyn Store) {
    let emp = loaded(store).await;
    let jobs: Vec<NewJob> = (0..25)
        .map(|i| plain_job(emp, 2830085, &format!("Stelle {i}")))
        .collect();
    let ids = store.insert_jobs(&jobs).await.expect("insert");
    let wanted = vec![ids[7], 999_999, ids[2], ids[20]];
    let got: Vec<i64> = store
        .jobs_by_ids(&wanted)
        .await
        .expect("by ids")
        .iter()
        .map(|j| j.id)
        .collect();
    assert_eq!(got, vec![ids[7], ids[2], ids[20]]);
    let mut seen = Vec::new();
    let mut after = 0;
    loop {
        let page = store.jobs_after(after, 10).await.expect("page");
        if page.is_empty() {
            break;
        }
        after = page.last().map(|j| j.id).unwrap_or(after);
        seen.extend(page.into_iter().map(|j| j.title().to_string()));
    }
    assert_eq!(seen.len(), 25);
    assert_eq!(seen[24], "Stelle 24");
}

/// Inserts, updates and deletes each append to the change log, in order.
pub async fn writes_append_to_the_change_log(store: &dyn Store) {
    let emp = loaded(store).await;
    let start = store.latest_change().await.expect("latest");
    let ids = store
        .insert_jobs(&[plain_job(emp, 2830085, "Schweißer (m/w/d)")])
        .await
        .expect("insert");
    let mut changed = plain_job(emp, 2830085, "Schweißer (m/w/d) Schicht");
    changed.working_time = vec![WorkingTime::Shift];
    store.update_job(ids[0], &changed).await.expect("update");
    assert_eq!(
        store
            .job(ids[0])
            .await
            .expect("job")
            .expect("exists")
            .title(),
        "Schweißer (m/w/d) Schicht"
    );
    store.delete_job(ids[0]).await.expect("delete");
    assert!(store.job(ids[0]).await.expect("job").is_none());
    let changes = store.changes_since(start, 100).await.expect("changes");
    let ops: Vec<(Entity, i64, ChangeOp)> = changes
        .iter()
        .map(|c| (c.entity, c.entity_id, c.op))
        .collect();
    assert_eq!(
        ops,
        vec![
            (Entity::Job, ids[0], ChangeOp::Upsert),
            (Entity::Job, ids[0], ChangeOp::Upsert),
            (Entity::Job, ids[0], ChangeOp::Delete),
        ]
    );
    assert!(changes.windows(2).all(|w| w[0].seq < w[1].seq));
    assert_eq!(store.latest_change().await.expect("latest"), changes[2].seq);
    assert_eq!(
        store
            .changes_since(changes[1].seq, 100)
            .await
            .expect("changes")
            .len(),
        1
    );
    assert_eq!(
        store.changes_since(start, 1).await.expect("changes").len(),
        1
    );
}

/// Unknown ids and dangling references are `NotFound`, not database errors.
pub async fn missing_records_are_not_found(store: &dyn Store) {
    let emp = loaded(store).await;
    assert!(store.job(424242).await.expect("job").is_none());
    assert!(store.employer(424242).await.expect("employer").is_none());
    assert!(store.place(1).await.expect("place").is_none());
    let upd = store
        .update_job(424242, &plain_job(emp, 2830085, "x"))
        .await;
    assert!(matches!(upd, Err(StoreError::NotFound(_))), "{upd:?}");
    let del = store.delete_job(424242).await;
    assert!(matches!(del, Err(StoreError::NotFound(_))), "{del:?}");
    let dangling = store.insert_jobs(&[plain_job(424242, 2830085, "x")]).await;
    assert!(
        matches!(dangling, Err(StoreError::NotFound(_))),
        "{dangling:?}"
    );
    let bad_place = store.insert_jobs(&[plain_job(emp, 1, "x")]).await;
    assert!(
        matches!(bad_place, Err(StoreError::NotFound(_))),
        "{bad_place:?}"
    );
    assert_eq!(
        store.counts().await.expect("counts").jobs,
        0,
        "failed batches leave nothing behind"
    );
    store.ping().await.expect("ping");
}

/// A place lists its open jobs, newest first, with the count; expired ones are left out.
pub async fn jobs_at_a_place_are_open_and_newest_first(store: &dyn Store) {
    let emp = loaded(store).await;
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
    let mut old = plain_job(emp, 2898304, "Alt");
    old.posted_at = DateTime::parse_from_rfc3339("2026-10-01T08:00:00Z")
        .map(|d| d.with_timezone(&Utc))
        .expect("ts");
    let new = plain_job(emp, 2898304, "Neu");
    let mut expired = plain_job(emp, 2898304, "Abgelaufen");
    expired.valid_through = NaiveDate::from_ymd_opt(2026, 11, 21);
    let mut last_day = plain_job(emp, 2898304, "Heute noch");
    last_day.valid_through = Some(today);
    let elsewhere = plain_job(emp, 2830085, "Anderswo");
    store
        .insert_jobs(&[old, new, expired, last_day, elsewhere])
        .await
        .expect("insert");
    let (total, jobs) = store
        .jobs_at_place(2898304, today, 2)
        .await
        .expect("at place");
    assert_eq!(total, 3);
    let titles: Vec<&str> = jobs.iter().map(|j| j.title()).collect();
    assert_eq!(titles.len(), 2);
    assert!(!titles.contains(&"Alt"), "{titles:?}");
    let (_, all) = store
        .jobs_at_place(2898304, today, 10)
        .await
        .expect("at place");
    assert_eq!(all.last().map(|j| j.title()), Some("Alt"));
}

/// Every row of `table`, exported in pages of `page`.
pub async fn export_all(
    store: &dyn Store,
    table: Table,
    page: i64,
) -> Vec<serde_json::Map<String, serde_json::Value>> {
    let mut out: Vec<serde_json::Map<String, serde_json::Value>> = Vec::new();
    let mut after = 0;
    loop {
        let rows = store.export_rows(table, after, page).await.expect("export");
        let Some(last) = rows.last() else { break };
        after = last[table.key()].as_i64().expect("integer key");
        assert!(rows.len() as i64 <= page);
        out.extend(rows);
    }
    out
}

/// Export gives every column of every table, in key order, in the one JSON form:
/// microsecond timestamps in UTC, dates, booleans, numbers and NULLs.
pub async fn export_gives_every_column_as_json(store: &dyn Store) {
    use serde_json::json;
    assert!(
        store.is_empty().await.expect("empty"),
        "a fresh store is empty"
    );
    let emp = loaded(store).await;
    assert!(!store.is_empty().await.expect("empty"));
    let ids = store
        .insert_jobs(&[
            full_job(emp, 2898304, "Ausbildung Elektroniker (m/w/d)"),
            plain_job(emp, 2939811, "Verkäufer (m/w/d)"),
        ])
        .await
        .expect("insert");
    let places = export_all(store, Table::Places, 2).await;
    assert_eq!(places.len(), 3);
    assert_eq!(
        serde_json::Value::Object(places[0].clone()),
        json!({"id": 2830085, "name": "Spremberg", "alternate_names": "Grodk", "lat": 51.5696,
               "lon": 14.37385, "population": null, "state_code": "11", "county": null,
               "ags": null})
    );
    let employers = export_all(store, Table::Employers, 10).await;
    assert_eq!(employers.len(), 1);
    assert_eq!(employers[0]["id"], json!(emp));
    assert_eq!(employers[0]["demo"], json!(true));
    assert_eq!(employers[0]["website"], json!("https://example.org/"));
    let jobs = export_all(store, Table::Jobs, 1).await;
    assert_eq!(jobs.len(), 2);
    let names: Vec<&str> = Table::Jobs.columns().iter().map(|(c, _)| *c).collect();
    for row in &jobs {
        assert_eq!(
            row.keys().map(String::as_str).collect::<Vec<_>>().len(),
            names.len()
        );
        assert!(names.iter().all(|n| row.contains_key(*n)), "{row:?}");
    }
    let full = &jobs[0];
    assert_eq!(full["id"], json!(ids[0]));
    let expect = json!({
        "employer_id": emp, "kind": "apprenticeship", "place_id": 2898304,
        "street": "Industriestraße 1", "postcode": "03130", "working_time": "full_time,shift",
        "contract": "fixed_term", "salary_min": 2800.5, "salary_max": 3400.0,
        "salary_unit": "month", "training_allowance": "1000,1080,1160",
        "school_certificate": "mittlerer_schulabschluss", "start_date": "2027-09-01",
        "posted_at": "2026-11-02T07:30:15.123456Z", "valid_through": "2027-03-31",
        "apply_url": "https://example.org/apply", "source": "imported",
        "external_id": "BA-10000-123", "demo": true,
    });
    for (k, v) in expect.as_object().expect("object") {
        assert_eq!(&full[k], v, "column {k}");
    }
    let updated = full["updated_at"].as_str().expect("updated_at");
    assert!(
        updated.len() == 27 && updated.ends_with('Z'),
        "microseconds in UTC: {updated}"
    );
    let plain = &jobs[1];
    for k in [
        "street",
        "salary_min",
        "salary_max",
        "salary_unit",
        "start_date",
        "external_id",
    ] {
        assert_eq!(plain[k], serde_json::Value::Null, "column {k}");
    }
    assert_eq!(plain["training_allowance"], json!(""));
    let log = export_all(store, Table::ChangeLog, 3).await;
    assert_eq!(log.len(), 3 + 1 + 2, "places, employer, jobs");
    assert!(log
        .windows(2)
        .all(|w| w[0]["seq"].as_i64() < w[1]["seq"].as_i64()));
    assert_eq!(log[5]["entity"], json!("job"));
    assert_eq!(log[5]["entity_id"], json!(ids[1]));
    assert_eq!(log[5]["op"], json!("upsert"));
    let after_last = store
        .export_rows(Table::Jobs, ids[1], 10)
        .await
        .expect("export");
    assert!(after_last.is_empty());
}

/// Import keeps ids and change log sequence numbers, appends nothing to the change log,
/// refuses existing keys (`Conflict`) and unknown or missing columns (`Invalid`); after
/// `finish_import` new rows get keys above the imported ones.
pub async fn import_keeps_keys_and_checks_columns(store: &dyn Store) {
    use serde_json::json;
    let emp = loaded(store).await;
    let ids = store
        .insert_jobs(&[full_job(emp, 2898304, "Elektroniker")])
        .await
        .expect("insert");
    let row = store
        .export_rows(Table::Jobs, 0, 1)
        .await
        .expect("export")
        .remove(0);
    let dup = store
        .import_rows(Table::Jobs, std::slice::from_ref(&row))
        .await;
    assert!(matches!(dup, Err(StoreError::Conflict(_))), "{dup:?}");
    let latest = store.latest_change().await.expect("latest");

    let mut copy = row.clone();
    copy.insert("id".into(), json!(ids[0] + 1000));
    copy.insert("external_id".into(), json!("BA-other"));
    store
        .import_rows(Table::Jobs, &[copy.clone()])
        .await
        .expect("import");
    let imported = store
        .job(ids[0] + 1000)
        .await
        .expect("job")
        .expect("imported");
    let original = store.job(ids[0]).await.expect("job").expect("exists");
    assert_eq!(imported.data.posted_at, original.data.posted_at);
    assert_eq!(imported.data.salary, original.data.salary);
    assert_eq!(imported.data.external_id.as_deref(), Some("BA-other"));
    assert_eq!(
        store.latest_change().await.expect("latest"),
        latest,
        "import appends nothing to the change log"
    );
    let back = store
        .export_rows(Table::Jobs, ids[0], 10)
        .await
        .expect("export");
    assert_eq!(back, vec![copy.clone()], "exported as imported");

    let mut unknown = copy.clone();
    unknown.insert("id".into(), json!(ids[0] + 2000));
    unknown.insert("colour".into(), json!("blue"));
    let err = store.import_rows(Table::Jobs, &[unknown]).await;
    assert!(
        matches!(&err, Err(StoreError::Invalid(m)) if m.contains("colour")),
        "{err:?}"
    );
    let mut missing = copy.clone();
    missing.insert("id".into(), json!(ids[0] + 2000));
    missing.remove("title");
    let err = store.import_rows(Table::Jobs, &[missing]).await;
    assert!(
        matches!(&err, Err(StoreError::Invalid(m)) if m.contains("title")),
        "{err:?}"
    );
    let mut wrong = copy.clone();
    wrong.insert("id".into(), json!(ids[0] + 2000));
    wrong.insert("posted_at".into(), json!("yesterday"));
    let err = store.import_rows(Table::Jobs, &[wrong]).await;
    assert!(
        matches!(&err, Err(StoreError::Invalid(m)) if m.contains("posted_at")),
        "{err:?}"
    );

    let entry = json!({"seq": latest + 500, "entity": "job", "entity_id": ids[0] + 1000,
                       "op": "upsert", "at": "2026-11-02T07:30:15.123456Z"});
    store
        .import_rows(
            Table::ChangeLog,
            &[entry.as_object().expect("object").clone()],
        )
        .await
        .expect("import change");
    let changes = store.changes_since(latest, 10).await.expect("changes");
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].seq, latest + 500);

    store.finish_import().await.expect("finish");
    let next = store
        .insert_jobs(&[plain_job(emp, 2830085, "Danach")])
        .await
        .expect("insert after import");
    assert!(
        next[0] > ids[0] + 1000,
        "{} after {}",
        next[0],
        ids[0] + 1000
    );
    assert!(store.latest_change().await.expect("latest") > latest + 500);
}

/// The installation id is made once and then stays, also when asked for concurrently;
/// making it leaves the database empty; it is not among the exported tables; finishing an
/// import replaces it.
pub async fn installation_id_is_stable_until_an_import(store: &dyn Store) {
    let (a, b) = tokio::join!(store.installation_id(), store.installation_id());
    let id = a.expect("installation id");
    assert_eq!(b.expect("installation id"), id, "made once");
    assert!(id.len() >= 16, "random enough: {id:?}");
    assert_eq!(store.installation_id().await.expect("again"), id);
    assert!(
        store.is_empty().await.expect("empty"),
        "the id does not make the database non-empty (restore needs an empty one)"
    );

    let emp = loaded(store).await;
    store
        .insert_jobs(&[plain_job(emp, 2830085, "Tischler")])
        .await
        .expect("insert");
    assert_eq!(
        store.installation_id().await.expect("id"),
        id,
        "writes keep it"
    );
    for table in Table::ALL {
        let rows = export_all(store, table, 100).await;
        assert!(
            !rows
                .iter()
                .any(|r| r.values().any(|v| v.as_str() == Some(id.as_str()))),
            "{} carries the installation id",
            table.as_str()
        );
    }

    store.finish_import().await.expect("finish import");
    let renewed = store.installation_id().await.expect("renewed");
    assert_ne!(renewed, id, "an import makes the database another one");
    assert_eq!(store.installation_id().await.expect("again"), renewed);
}
