//! The backend conformance suite: one set of behaviours every [`Store`] backend must
//! show. A backend crate runs it with [`conformance_suite!`](crate::conformance_suite),
//! giving an expression that yields a fresh, migrated, empty store per test.

use crate::accounts::{NewNetwork, OneTime, OneTimePurpose, Session};
use crate::{ChangeOp, DemoData, Entity, LoadOutcome, Store, StoreError, Table};
use bleibe_domain::{
    Apply, AuditEntry, Contract, JobKind, JobStatus, NewEmployer, NewJob, NewUser, OrgKind, Place,
    Role, Salary, SalaryUnit, SchoolCertificate, Scope, Source, WorkingTime,
};
use chrono::{DateTime, NaiveDate, Utc};

/// Generates one `#[tokio::test]` per conformance check. `$make` is an async expression
/// producing a fresh store wrapped in anything that derefs to it (so that a guard, such
/// as a temporary directory or a database to drop, lives as long as the test). Checks
/// that copy between two stores (backup and restore) evaluate it twice.
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
            users_are_unique_by_email_and_keep_their_flags,
            roles_upsert_and_members_are_listed,
            logos_are_stored_files,
            networks_have_places_orgs_and_admins,
            sessions_expire_and_end,
            one_time_links_work_once,
            concurrent_uses_of_a_one_time_link_succeed_once,
            api_tokens_are_per_organisation_and_revocable,
            login_failures_are_counted_per_key_since,
            audit_log_pages_newest_first,
            job_status_decides_what_is_public,
            updating_an_employer_relogs_its_jobs,
            any_table_makes_the_store_non_empty,
        );
        $crate::conformance_suite!(@pairs $mode $make;
            backup_copies_accounts_and_files,
        );
    };
    (@pairs required $make:expr; $($name:ident),+ $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let source = $make.await;
                let target = $make.await;
                $crate::conformance::$name(&*source, &*target).await;
            }
        )+
    };
    (@pairs optional $make:expr; $($name:ident),+ $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                let (Some(source), Some(target)) = ($make.await, $make.await) else {
                    eprintln!("skipped: BLEIBE_TEST_POSTGRES_URL not set");
                    return;
                };
                $crate::conformance::$name(&*source, &*target).await;
            }
        )+
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

// ---------------------------------------------------------------------------------------
// Accounts
// ---------------------------------------------------------------------------------------

/// An instant from RFC 3339 text. The suite uses at most microseconds, the precision
/// PostgreSQL keeps, so that values read back equal the values written on every backend.
fn ts(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .map(|d| d.with_timezone(&Utc))
        .expect("timestamp")
}

fn new_user(email: &str, display_name: &str) -> NewUser {
    NewUser {
        email: email.to_string(),
        display_name: display_name.to_string(),
        password_hash: None,
        language: "de".into(),
        platform_admin: false,
        email_verified: false,
    }
}

async fn user(store: &dyn Store, email: &str, display_name: &str) -> i64 {
    store
        .create_user(&new_user(email, display_name))
        .await
        .expect("create user")
        .id
}

/// An organisation of `kind` at Hoyerswerda.
async fn org(store: &dyn Store, name: &str, kind: OrgKind) -> i64 {
    let mut e = employer(name, 2898304);
    e.kind = kind;
    store.insert_employers(&[e]).await.expect("organisation")[0].id
}

/// A file with every byte value (and a PNG signature), and its SHA-256.
fn sample_file() -> (Vec<u8>, &'static str) {
    let mut data = vec![0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
    data.extend(0..=255u8);
    data.extend([0, 0, 255]);
    (
        data,
        "7ef2a7dfa3861e10f74975c4cd6b979b111e079c79a202735fb2f48587d99d56",
    )
}

/// Users: created with their fields, found by id and e-mail address, e-mail addresses
/// unique (`Conflict`), password hash set and read, first verification kept, the
/// platform-admin flag set and cleared; unknown users are `NotFound` or `None`.
pub async fn users_are_unique_by_email_and_keep_their_flags(store: &dyn Store) {
    let before = Utc::now() - chrono::Duration::seconds(1);
    let anna = store
        .create_user(&new_user("anna@example.org", "Anna Schmidt"))
        .await
        .expect("create");
    assert!(anna.id > 0);
    assert_eq!(anna.email, "anna@example.org");
    assert_eq!(anna.display_name, "Anna Schmidt");
    assert_eq!(anna.language, "de");
    assert!(!anna.platform_admin);
    assert_eq!(anna.email_verified_at, None);
    assert!(
        anna.created_at > before && anna.created_at <= Utc::now(),
        "{}",
        anna.created_at
    );
    assert_eq!(
        anna.created_at.timestamp_subsec_nanos() % 1000,
        0,
        "instants are kept in whole microseconds on every backend: {}",
        anna.created_at
    );
    assert_eq!(store.user(anna.id).await.expect("user"), Some(anna.clone()));
    assert_eq!(
        store
            .user_by_email("anna@example.org")
            .await
            .expect("by email"),
        Some(anna.clone())
    );
    assert_eq!(
        store
            .user_by_email("bert@example.org")
            .await
            .expect("by email"),
        None
    );
    assert_eq!(store.user(anna.id + 1000).await.expect("user"), None);

    let dup = store
        .create_user(&new_user("anna@example.org", "Andere Anna"))
        .await;
    assert!(matches!(dup, Err(StoreError::Conflict(_))), "{dup:?}");

    // Operator-made accounts: hash, verification and admin flag given at creation.
    let mut made = new_user("op@example.org", "Operator");
    made.password_hash = Some("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into());
    made.email_verified = true;
    made.platform_admin = true;
    made.language = "en".into();
    let op = store.create_user(&made).await.expect("create operator");
    assert_ne!(op.id, anna.id);
    assert!(op.platform_admin);
    assert_eq!(op.language, "en");
    assert!(op.email_verified_at.is_some());
    assert_eq!(
        store.password_hash(op.id).await.expect("hash").as_deref(),
        made.password_hash.as_deref()
    );

    assert_eq!(store.password_hash(anna.id).await.expect("hash"), None);
    store
        .set_password_hash(anna.id, "$argon2id$v=19$first")
        .await
        .expect("set hash");
    store
        .set_password_hash(anna.id, "$argon2id$v=19$second")
        .await
        .expect("set hash");
    assert_eq!(
        store.password_hash(anna.id).await.expect("hash").as_deref(),
        Some("$argon2id$v=19$second")
    );
    assert_eq!(
        store.password_hash(anna.id + 1000).await.expect("hash"),
        None
    );
    let missing = store.set_password_hash(anna.id + 1000, "x").await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "{missing:?}"
    );

    let first = ts("2026-11-02T07:30:15.123456Z");
    store
        .mark_email_verified(anna.id, first)
        .await
        .expect("verify");
    store
        .mark_email_verified(anna.id, ts("2026-11-03T08:00:00Z"))
        .await
        .expect("verify again");
    let anna_now = store.user(anna.id).await.expect("user").expect("exists");
    assert_eq!(
        anna_now.email_verified_at,
        Some(first),
        "the first time stays"
    );

    store
        .set_platform_admin(anna.id, true)
        .await
        .expect("admin");
    assert!(
        store
            .user(anna.id)
            .await
            .expect("user")
            .expect("exists")
            .platform_admin
    );
    store
        .set_platform_admin(anna.id, false)
        .await
        .expect("no admin");
    assert!(
        !store
            .user(anna.id)
            .await
            .expect("user")
            .expect("exists")
            .platform_admin
    );
    assert!(
        store
            .user(op.id)
            .await
            .expect("user")
            .expect("exists")
            .platform_admin
    );
    let missing = store.set_platform_admin(anna.id + 1000, true).await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "{missing:?}"
    );
}

/// `set_role` joins or changes the role (one row per user and organisation);
/// memberships carry the organisation's name, kind and verification and are ordered by
/// name; members are ordered by name; removing a non-member is `NotFound`.
pub async fn roles_upsert_and_members_are_listed(store: &dyn Store) {
    let betrieb = loaded(store).await; // "Testbetrieb GmbH"
    let stadt = org(store, "Stadt Hoyerswerda", OrgKind::Municipality).await;
    let anna = user(store, "anna@example.org", "Anna").await;
    let bert = user(store, "bert@example.org", "Bert").await;

    store
        .set_role(betrieb, anna, Role::Member)
        .await
        .expect("join");
    store
        .set_role(betrieb, anna, Role::Admin)
        .await
        .expect("change role");
    let ms = store.memberships(anna).await.expect("memberships");
    assert_eq!(ms.len(), 1, "a role change adds no row: {ms:?}");
    assert_eq!(ms[0].role, Role::Admin);
    assert_eq!(ms[0].org_id, betrieb);
    assert_eq!(ms[0].org_name, "Testbetrieb GmbH");
    assert_eq!(ms[0].kind, OrgKind::Employer);
    assert!(!ms[0].verified);

    store
        .set_role(stadt, anna, Role::Editor)
        .await
        .expect("join second");
    let ms = store.memberships(anna).await.expect("memberships");
    let summary: Vec<(i64, &str, OrgKind, bool, Role)> = ms
        .iter()
        .map(|m| (m.org_id, m.org_name.as_str(), m.kind, m.verified, m.role))
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                stadt,
                "Stadt Hoyerswerda",
                OrgKind::Municipality,
                false,
                Role::Editor
            ),
            (
                betrieb,
                "Testbetrieb GmbH",
                OrgKind::Employer,
                false,
                Role::Admin
            ),
        ],
        "by organisation name"
    );
    assert!(
        !ms[0].kind_rights(),
        "an unverified municipality has no kind rights"
    );

    store.set_verified(stadt, true).await.expect("verify");
    let ms = store.memberships(anna).await.expect("memberships");
    assert!(ms[0].verified && ms[0].kind_rights(), "{ms:?}");
    assert!(
        store
            .employer(stadt)
            .await
            .expect("org")
            .expect("exists")
            .verified
    );
    store.set_verified(stadt, false).await.expect("unverify");
    assert!(
        !store
            .employer(stadt)
            .await
            .expect("org")
            .expect("exists")
            .verified
    );
    let missing = store.set_verified(424242, true).await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "{missing:?}"
    );

    // Bert first, to see that members are ordered by name, not by joining.
    store
        .set_role(betrieb, bert, Role::Member)
        .await
        .expect("join");
    let members = store.members(betrieb).await.expect("members");
    let listed: Vec<(i64, &str, Role)> = members
        .iter()
        .map(|(u, r)| (u.id, u.email.as_str(), *r))
        .collect();
    assert_eq!(
        listed,
        vec![
            (anna, "anna@example.org", Role::Admin),
            (bert, "bert@example.org", Role::Member),
        ]
    );
    assert_eq!(
        members[0].0,
        store.user(anna).await.expect("user").expect("exists"),
        "members come as full users"
    );
    assert_eq!(store.members(stadt).await.expect("members").len(), 1);
    assert!(store.memberships(bert).await.expect("memberships").len() == 1);

    store.remove_member(betrieb, bert).await.expect("remove");
    assert!(store
        .memberships(bert)
        .await
        .expect("memberships")
        .is_empty());
    assert_eq!(store.members(betrieb).await.expect("members").len(), 1);
    let again = store.remove_member(betrieb, bert).await;
    assert!(matches!(again, Err(StoreError::NotFound(_))), "{again:?}");
    let never = store.remove_member(stadt, bert).await;
    assert!(matches!(never, Err(StoreError::NotFound(_))), "{never:?}");
    assert_eq!(
        store.memberships(anna).await.expect("memberships").len(),
        2,
        "removing Bert leaves Anna"
    );

    let nobody = store.set_role(betrieb, 424242, Role::Member).await;
    assert!(matches!(nobody, Err(StoreError::NotFound(_))), "{nobody:?}");
    let nowhere = store.set_role(424242, anna, Role::Member).await;
    assert!(
        matches!(nowhere, Err(StoreError::NotFound(_))),
        "{nowhere:?}"
    );
}

/// Stored files keep their bytes, type and hash; a logo is set, replaced and cleared;
/// an unknown organisation or file is `NotFound`.
pub async fn logos_are_stored_files(store: &dyn Store) {
    let betrieb = loaded(store).await;
    let (data, sha) = sample_file();
    let id = store.put_blob("image/png", sha, &data).await.expect("put");
    let blob = store.blob(id).await.expect("blob").expect("stored");
    assert_eq!(blob.id, id);
    assert_eq!(blob.content_type, "image/png");
    assert_eq!(blob.sha256, sha);
    assert_eq!(blob.data, data, "every byte value survives");
    assert_eq!(store.blob(id + 1000).await.expect("blob"), None);
    let svg = store
        .put_blob("image/svg+xml", "00", b"<svg/>")
        .await
        .expect("put");
    assert_ne!(svg, id);
    let empty = store
        .put_blob("text/plain", "e3b0", b"")
        .await
        .expect("put");
    assert_eq!(
        store.blob(empty).await.expect("blob").expect("stored").data,
        Vec::<u8>::new()
    );

    store.set_logo(betrieb, Some(id)).await.expect("set logo");
    assert_eq!(
        store
            .employer(betrieb)
            .await
            .expect("employer")
            .expect("exists")
            .logo_blob_id,
        Some(id)
    );
    store
        .set_logo(betrieb, Some(svg))
        .await
        .expect("replace logo");
    assert_eq!(
        store.employers().await.expect("employers")[0].logo_blob_id,
        Some(svg)
    );
    store.set_logo(betrieb, None).await.expect("clear logo");
    assert_eq!(
        store
            .employer(betrieb)
            .await
            .expect("employer")
            .expect("exists")
            .logo_blob_id,
        None
    );
    let missing = store.set_logo(424242, Some(id)).await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "{missing:?}"
    );
    let dangling = store.set_logo(betrieb, Some(id + 1000)).await;
    assert!(
        matches!(dangling, Err(StoreError::NotFound(_))),
        "a logo must be a stored file: {dangling:?}"
    );
    assert_eq!(
        store
            .employer(betrieb)
            .await
            .expect("employer")
            .expect("exists")
            .logo_blob_id,
        None
    );
}

/// Networks: created with their places and member organisations in one go (a taken
/// slug is `Conflict`, an unknown place `NotFound`, and neither leaves anything behind),
/// found by id and slug, listed by name; organisations and admins are added once.
pub async fn networks_have_places_orgs_and_admins(store: &dyn Store) {
    let betrieb = loaded(store).await;
    let stadt = org(store, "Stadt Hoyerswerda", OrgKind::Municipality).await;
    let anna = user(store, "anna@example.org", "Anna").await;
    let bert = user(store, "bert@example.org", "Bert").await;

    let lausitz = NewNetwork {
        slug: "lausitz".into(),
        name: "Lausitz".into(),
        description: "Fachkräfte für die Lausitz".into(),
        place_ids: vec![2939811, 2830085, 2939811],
        org_ids: vec![betrieb],
        demo: true,
    };
    let net = store.create_network(&lausitz).await.expect("create");
    assert!(net.id > 0);
    assert_eq!(net.slug, "lausitz");
    assert_eq!(net.name, "Lausitz");
    assert_eq!(net.description, "Fachkräfte für die Lausitz");
    assert!(net.demo);
    assert_eq!(
        store.network(net.id).await.expect("network"),
        Some(net.clone())
    );
    assert_eq!(
        store.network_by_slug("lausitz").await.expect("by slug"),
        Some(net.clone())
    );
    assert_eq!(
        store.network_by_slug("altmark").await.expect("by slug"),
        None
    );
    assert_eq!(store.network(net.id + 1000).await.expect("network"), None);
    assert_eq!(
        store.network_places(net.id).await.expect("places"),
        vec![2830085, 2939811]
    );
    assert_eq!(
        store.network_orgs(net.id).await.expect("orgs"),
        vec![betrieb]
    );

    let taken = store
        .create_network(&NewNetwork {
            name: "Noch einmal".into(),
            place_ids: vec![2898304],
            ..lausitz.clone()
        })
        .await;
    assert!(matches!(taken, Err(StoreError::Conflict(_))), "{taken:?}");
    let bad_place = store
        .create_network(&NewNetwork {
            slug: "nirgendwo".into(),
            place_ids: vec![2830085, 1],
            ..lausitz.clone()
        })
        .await;
    assert!(
        matches!(bad_place, Err(StoreError::NotFound(_))),
        "{bad_place:?}"
    );
    assert_eq!(
        store.network_by_slug("nirgendwo").await.expect("by slug"),
        None,
        "a failed creation leaves no network behind"
    );
    let bad_org = store
        .create_network(&NewNetwork {
            slug: "niemand".into(),
            org_ids: vec![424242],
            ..lausitz.clone()
        })
        .await;
    assert!(
        matches!(bad_org, Err(StoreError::NotFound(_))),
        "{bad_org:?}"
    );

    let altmark = store
        .create_network(&NewNetwork {
            slug: "altmark".into(),
            name: "Altmark".into(),
            description: String::new(),
            place_ids: vec![],
            org_ids: vec![],
            demo: false,
        })
        .await
        .expect("create second");
    let names: Vec<String> = store
        .networks()
        .await
        .expect("networks")
        .into_iter()
        .map(|n| n.name)
        .collect();
    assert_eq!(
        names,
        vec!["Altmark", "Lausitz"],
        "by name, failed ones absent"
    );
    assert!(store
        .network_places(altmark.id)
        .await
        .expect("places")
        .is_empty());
    assert!(store
        .network_orgs(altmark.id)
        .await
        .expect("orgs")
        .is_empty());

    store.add_network_org(net.id, stadt).await.expect("add org");
    store
        .add_network_org(net.id, stadt)
        .await
        .expect("add org again");
    store
        .add_network_org(net.id, betrieb)
        .await
        .expect("add member again");
    assert_eq!(
        store.network_orgs(net.id).await.expect("orgs"),
        vec![betrieb, stadt]
    );
    assert!(store
        .network_orgs(altmark.id)
        .await
        .expect("orgs")
        .is_empty());
    let unknown = store.add_network_org(net.id, 424242).await;
    assert!(
        matches!(unknown, Err(StoreError::NotFound(_))),
        "{unknown:?}"
    );

    store.add_network_admin(net.id, anna).await.expect("admin");
    store
        .add_network_admin(net.id, anna)
        .await
        .expect("admin again");
    store
        .add_network_admin(altmark.id, anna)
        .await
        .expect("admin");
    let mut expected = vec![net.id, altmark.id];
    expected.sort_unstable();
    assert_eq!(
        store.admin_networks(anna).await.expect("admin of"),
        expected
    );
    assert!(store
        .admin_networks(bert)
        .await
        .expect("admin of")
        .is_empty());
    let unknown = store.add_network_admin(net.id, 424242).await;
    assert!(
        matches!(unknown, Err(StoreError::NotFound(_))),
        "{unknown:?}"
    );
}

/// A session is found until `expires_at` (exclusive; also when the instants differ only
/// in their fractional seconds), ends on its own or with every other of its user's.
pub async fn sessions_expire_and_end(store: &dyn Store) {
    loaded(store).await;
    let anna = user(store, "anna@example.org", "Anna").await;
    let bert = user(store, "bert@example.org", "Bert").await;
    let session = |id: &str, user_id, expires: &str| Session {
        id_hash: id.to_string(),
        user_id,
        csrf_token: format!("csrf-{id}"),
        created_at: ts("2026-11-02T07:30:15.123456Z"),
        expires_at: ts(expires),
    };
    let whole = session("a1", anna, "2026-11-02T12:00:00Z");
    let half = session("a2", anna, "2026-11-02T12:00:00.5Z");
    let third = session("a3", anna, "2026-11-03T12:00:00Z");
    let other = session("b1", bert, "2026-11-03T12:00:00Z");
    for s in [&whole, &half, &third, &other] {
        store.create_session(s).await.expect("create session");
    }
    let dup = store.create_session(&whole).await;
    assert!(matches!(dup, Err(StoreError::Conflict(_))), "{dup:?}");
    let nobody = store
        .create_session(&session("x", 424242, "2026-11-03T12:00:00Z"))
        .await;
    assert!(matches!(nobody, Err(StoreError::NotFound(_))), "{nobody:?}");

    let at = |id: &'static str, now: &'static str| async move {
        store.session(id, ts(now)).await.expect("session")
    };
    assert_eq!(at("a1", "2026-11-02T11:00:00Z").await, Some(whole.clone()));
    assert_eq!(
        at("a1", "2026-11-02T11:59:59.999999Z").await,
        Some(whole.clone())
    );
    assert_eq!(
        at("a1", "2026-11-02T12:00:00Z").await,
        None,
        "expired at expires_at"
    );
    assert_eq!(at("a1", "2026-11-02T12:00:00.000001Z").await, None);
    assert_eq!(at("a1", "2026-11-02T12:00:01Z").await, None);
    assert_eq!(at("a1", "2026-12-01T00:00:00Z").await, None);
    assert_eq!(at("a2", "2026-11-02T12:00:00Z").await, Some(half.clone()));
    assert_eq!(
        at("a2", "2026-11-02T12:00:00.499999Z").await,
        Some(half.clone())
    );
    assert_eq!(at("a2", "2026-11-02T12:00:00.5Z").await, None);
    assert_eq!(at("a2", "2026-11-02T12:00:00.500001Z").await, None);
    assert_eq!(at("zz", "2026-11-02T11:00:00Z").await, None);

    store.delete_session("a1").await.expect("delete");
    assert_eq!(at("a1", "2026-11-02T11:00:00Z").await, None);
    assert_eq!(at("a2", "2026-11-02T11:00:00Z").await, Some(half.clone()));
    store
        .delete_session("a1")
        .await
        .expect("deleting twice is fine");

    store
        .delete_user_sessions(anna, Some("a3"))
        .await
        .expect("others");
    assert_eq!(at("a2", "2026-11-02T11:00:00Z").await, None, "ended");
    assert_eq!(
        at("a3", "2026-11-02T11:00:00Z").await,
        Some(third.clone()),
        "kept"
    );
    assert_eq!(
        at("b1", "2026-11-02T11:00:00Z").await,
        Some(other.clone()),
        "another user's"
    );
    store.delete_user_sessions(anna, None).await.expect("all");
    assert_eq!(at("a3", "2026-11-02T11:00:00Z").await, None);
    assert_eq!(at("b1", "2026-11-02T11:00:00Z").await, Some(other));
}

/// A one-time link is used once, for its purpose, before it expires; it comes back with
/// every field.
pub async fn one_time_links_work_once(store: &dyn Store) {
    let betrieb = loaded(store).await;
    let anna = user(store, "anna@example.org", "Anna").await;
    let reset = OneTime {
        token_hash: "reset-hash".into(),
        purpose: OneTimePurpose::ResetPassword,
        user_id: Some(anna),
        email: None,
        org_id: None,
        role: None,
        expires_at: ts("2026-11-02T12:00:00Z"),
    };
    let invite = OneTime {
        token_hash: "invite-hash".into(),
        purpose: OneTimePurpose::Invite,
        user_id: None,
        email: Some("neu@example.org".into()),
        org_id: Some(betrieb),
        role: Some(Role::Editor),
        expires_at: ts("2026-11-09T12:00:00.654321Z"),
    };
    let verify = OneTime {
        token_hash: "verify-hash".into(),
        purpose: OneTimePurpose::VerifyEmail,
        user_id: Some(anna),
        email: Some("anna@example.org".into()),
        org_id: None,
        role: None,
        expires_at: ts("2026-11-02T12:00:00.5Z"),
    };
    for t in [&reset, &invite, &verify] {
        store.create_one_time(t).await.expect("create");
    }
    let dup = store.create_one_time(&reset).await;
    assert!(matches!(dup, Err(StoreError::Conflict(_))), "{dup:?}");

    let use_at = |hash: &'static str, purpose, now: &'static str| async move {
        store
            .consume_one_time(hash, purpose, ts(now))
            .await
            .expect("consume")
    };
    use OneTimePurpose::{Invite, ResetPassword, VerifyEmail};
    assert_eq!(
        use_at("reset-hash", VerifyEmail, "2026-11-02T11:00:00Z").await,
        None,
        "wrong purpose"
    );
    assert_eq!(
        use_at("reset-hash", ResetPassword, "2026-11-02T12:00:00Z").await,
        None,
        "expired at expires_at"
    );
    assert_eq!(
        use_at("reset-hash", ResetPassword, "2026-11-02T12:00:00.000001Z").await,
        None
    );
    assert_eq!(
        use_at("reset-hash", ResetPassword, "2026-11-02T11:59:59.999999Z").await,
        Some(reset.clone()),
        "neither a wrong purpose nor a late try uses it up"
    );
    assert_eq!(
        use_at("reset-hash", ResetPassword, "2026-11-02T11:59:59.999999Z").await,
        None,
        "used"
    );
    assert_eq!(
        use_at("unknown", ResetPassword, "2026-11-02T11:00:00Z").await,
        None
    );
    // Looking does not use it up; after use there is nothing to look at.
    let look = |hash: &'static str, purpose, now: &'static str| async move {
        store.one_time(hash, purpose, ts(now)).await.expect("look")
    };
    assert_eq!(
        look("invite-hash", Invite, "2026-11-09T12:00:00.654320Z").await,
        Some(invite.clone())
    );
    assert_eq!(
        look("invite-hash", ResetPassword, "2026-11-02T11:00:00Z").await,
        None
    );
    assert_eq!(
        look("invite-hash", Invite, "2026-11-09T12:00:00.654321Z").await,
        None
    );
    assert_eq!(
        use_at("invite-hash", Invite, "2026-11-09T12:00:00.654320Z").await,
        Some(invite.clone())
    );
    assert_eq!(
        look("invite-hash", Invite, "2026-11-02T11:00:00Z").await,
        None
    );
    assert_eq!(
        use_at("invite-hash", Invite, "2026-11-02T11:00:00Z").await,
        None
    );
    assert_eq!(
        use_at("verify-hash", VerifyEmail, "2026-11-02T12:00:00.5Z").await,
        None,
        "expired, fractional seconds"
    );
    assert_eq!(
        use_at("verify-hash", VerifyEmail, "2026-11-02T12:00:00Z").await,
        Some(verify)
    );
}

/// Of many concurrent uses of one link exactly one succeeds.
pub async fn concurrent_uses_of_a_one_time_link_succeed_once(store: &dyn Store) {
    loaded(store).await;
    let anna = user(store, "anna@example.org", "Anna").await;
    let now = ts("2026-11-02T11:00:00Z");
    for round in 0..5 {
        let hash = format!("race-{round}");
        store
            .create_one_time(&OneTime {
                token_hash: hash.clone(),
                purpose: OneTimePurpose::ResetPassword,
                user_id: Some(anna),
                email: None,
                org_id: None,
                role: None,
                expires_at: ts("2026-11-02T12:00:00Z"),
            })
            .await
            .expect("create");
        let go = || store.consume_one_time(&hash, OneTimePurpose::ResetPassword, now);
        let (a, b, c, d, e, f, g, h) = tokio::join!(go(), go(), go(), go(), go(), go(), go(), go());
        let results = [a, b, c, d, e, f, g, h]
            .into_iter()
            .map(|r| r.expect("consume"))
            .collect::<Vec<_>>();
        let used = results.iter().filter(|r| r.is_some()).count();
        assert_eq!(used, 1, "round {round}: {results:?}");
        assert_eq!(
            store
                .consume_one_time(&hash, OneTimePurpose::ResetPassword, now)
                .await
                .expect("consume"),
            None
        );
    }
}

/// API tokens: scopes round trip, found by hash (revoked or not), listed newest first
/// per organisation, revoked only by their own organisation (the first revocation time
/// stays); duplicate hashes are `Conflict`.
pub async fn api_tokens_are_per_organisation_and_revocable(store: &dyn Store) {
    let betrieb = loaded(store).await;
    let stadt = org(store, "Stadt Hoyerswerda", OrgKind::Municipality).await;
    let anna = user(store, "anna@example.org", "Anna").await;
    let before = Utc::now() - chrono::Duration::seconds(1);
    let ats = store
        .create_api_token(
            betrieb,
            "ATS-Export",
            "hash-1",
            &[Scope::JobsWrite, Scope::OrganisationWrite],
            Some(anna),
        )
        .await
        .expect("create");
    assert_eq!(ats.org_id, betrieb);
    assert_eq!(ats.name, "ATS-Export");
    assert_eq!(ats.scopes, vec![Scope::JobsWrite, Scope::OrganisationWrite]);
    assert_eq!(ats.revoked_at, None);
    assert!(ats.created_at > before && ats.created_at <= Utc::now());
    let second = store
        .create_api_token(betrieb, "Website", "hash-2", &[Scope::JobsWrite], None)
        .await
        .expect("create");
    let none = store
        .create_api_token(betrieb, "Nichts", "hash-3", &[], None)
        .await
        .expect("create");
    assert!(none.scopes.is_empty(), "{:?}", none.scopes);
    let theirs = store
        .create_api_token(stadt, "Stadt", "hash-4", &[Scope::OrganisationWrite], None)
        .await
        .expect("create");
    let dup = store
        .create_api_token(stadt, "Doppelt", "hash-1", &[], None)
        .await;
    assert!(matches!(dup, Err(StoreError::Conflict(_))), "{dup:?}");
    let nowhere = store
        .create_api_token(424242, "x", "hash-5", &[], None)
        .await;
    assert!(
        matches!(nowhere, Err(StoreError::NotFound(_))),
        "{nowhere:?}"
    );

    assert_eq!(
        store.api_token_by_hash("hash-1").await.expect("by hash"),
        Some(ats.clone())
    );
    assert_eq!(
        store.api_token_by_hash("hash-4").await.expect("by hash"),
        Some(theirs.clone())
    );
    assert_eq!(
        store.api_token_by_hash("hash-9").await.expect("by hash"),
        None
    );
    let ids =
        |tokens: Vec<bleibe_domain::ApiToken>| tokens.iter().map(|t| t.id).collect::<Vec<_>>();
    assert_eq!(
        ids(store.api_tokens(betrieb).await.expect("tokens")),
        vec![none.id, second.id, ats.id],
        "newest first"
    );
    assert_eq!(
        store.api_tokens(stadt).await.expect("tokens"),
        vec![theirs.clone()]
    );

    let at = ts("2026-11-02T07:30:15.123456Z");
    let foreign = store.revoke_api_token(stadt, ats.id, at).await;
    assert!(
        matches!(foreign, Err(StoreError::NotFound(_))),
        "{foreign:?}"
    );
    assert_eq!(
        store
            .api_token_by_hash("hash-1")
            .await
            .expect("by hash")
            .expect("exists")
            .revoked_at,
        None,
        "another organisation cannot revoke it"
    );
    store
        .revoke_api_token(betrieb, ats.id, at)
        .await
        .expect("revoke");
    let revoked = store
        .api_token_by_hash("hash-1")
        .await
        .expect("by hash")
        .expect("still found");
    assert_eq!(revoked.revoked_at, Some(at));
    assert_eq!(revoked.scopes, ats.scopes);
    store
        .revoke_api_token(betrieb, ats.id, ts("2026-12-01T00:00:00Z"))
        .await
        .expect("revoke again");
    assert_eq!(
        store
            .api_token_by_hash("hash-1")
            .await
            .expect("by hash")
            .expect("exists")
            .revoked_at,
        Some(at),
        "the first revocation stays"
    );
    let listed = store.api_tokens(betrieb).await.expect("tokens");
    assert_eq!(listed.len(), 3, "revoked tokens stay listed");
    assert_eq!(listed[2].revoked_at, Some(at));
    assert_eq!(listed[1].revoked_at, None);
    let missing = store.revoke_api_token(betrieb, theirs.id + 1000, at).await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "{missing:?}"
    );
}

/// Login failures are kept per key, read back oldest first after `since` (also when
/// the instants differ only in fractional seconds), and cleared per key.
pub async fn login_failures_are_counted_per_key_since(store: &dyn Store) {
    let account = "account:anna@example.org";
    let ip = "ip:192.0.2.7";
    let t1 = ts("2026-11-02T10:00:00Z");
    let t2 = ts("2026-11-02T10:00:00.5Z");
    let t3 = ts("2026-11-02T10:00:01.000001Z");
    let t4 = ts("2026-11-02T10:15:00.25Z");
    for t in [t3, t1, t4, t2] {
        store
            .record_login_failure(account, t)
            .await
            .expect("record");
    }
    store.record_login_failure(ip, t2).await.expect("record");
    let none: Vec<DateTime<Utc>> = Vec::new();
    let since = |key: &'static str, s: &'static str| async move {
        store.login_failures_since(key, ts(s)).await.expect("since")
    };
    assert_eq!(
        since(account, "2026-11-02T09:00:00Z").await,
        vec![t1, t2, t3, t4]
    );
    assert_eq!(
        since(account, "2026-11-02T10:00:00.25Z").await,
        vec![t2, t3, t4]
    );
    assert_eq!(
        since(account, "2026-11-02T10:00:00.999999Z").await,
        vec![t3, t4]
    );
    assert_eq!(since(account, "2026-11-02T10:00:01Z").await, vec![t3, t4]);
    assert_eq!(since(account, "2026-11-02T10:15:00Z").await, vec![t4]);
    assert_eq!(since(account, "2026-11-02T11:00:00Z").await, none);
    assert_eq!(since(ip, "2026-11-02T09:00:00Z").await, vec![t2]);
    assert_eq!(since("ip:198.51.100.1", "2026-11-02T09:00:00Z").await, none);

    store.clear_login_failures(account).await.expect("clear");
    assert_eq!(since(account, "2026-11-02T09:00:00Z").await, none);
    assert_eq!(
        since(ip, "2026-11-02T09:00:00Z").await,
        vec![t2],
        "other keys stay"
    );
    store
        .clear_login_failures(account)
        .await
        .expect("clear twice");
}

/// The audit log keeps every field and reads newest first, paged by `before`.
pub async fn audit_log_pages_newest_first(store: &dyn Store) {
    let betrieb = loaded(store).await;
    let anna = user(store, "anna@example.org", "Anna").await;
    assert!(store.audit_log(None, 10).await.expect("log").is_empty());
    let entry = |i: i64| AuditEntry {
        id: 0,
        at: ts("2026-11-02T07:30:15.123456Z") + chrono::Duration::minutes(i),
        actor_user_id: (i % 2 == 0).then_some(anna),
        actor_token_id: (i % 2 == 1).then_some(i),
        action: format!("action_{i}"),
        org_id: (i != 3).then_some(betrieb),
        target: format!("job:{i}"),
        detail: if i == 0 {
            String::new()
        } else {
            format!("Rolle → admin {i}")
        },
        ip: (i != 4).then(|| "2001:db8::1".to_string()),
    };
    for i in 0..5 {
        store.audit(&entry(i)).await.expect("audit");
    }
    let all = store.audit_log(None, 100).await.expect("log");
    assert_eq!(all.len(), 5);
    assert!(all.windows(2).all(|w| w[0].id > w[1].id), "newest first");
    for (got, i) in all.iter().zip((0..5).rev()) {
        assert_eq!(
            got,
            &AuditEntry {
                id: got.id,
                ..entry(i)
            }
        );
    }
    let first = store.audit_log(None, 2).await.expect("page");
    assert_eq!(
        first.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
        vec!["action_4", "action_3"]
    );
    let next = store.audit_log(Some(first[1].id), 2).await.expect("page");
    assert_eq!(
        next.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
        vec!["action_2", "action_1"]
    );
    let last = store.audit_log(Some(next[1].id), 2).await.expect("page");
    assert_eq!(
        last.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
        vec!["action_0"]
    );
    assert!(store
        .audit_log(Some(last[0].id), 2)
        .await
        .expect("page")
        .is_empty());
}

/// A job's status round-trips; only published jobs are listed at a place; an
/// organisation sees its jobs in every status, last changed first.
pub async fn job_status_decides_what_is_public(store: &dyn Store) {
    let emp = loaded(store).await;
    let other = org(store, "Anderer Betrieb", OrgKind::Employer).await;
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
    let with_status = |title: &str, status| NewJob {
        status,
        ..plain_job(emp, 2898304, title)
    };
    let ids = store
        .insert_jobs(&[
            with_status("Entwurf", JobStatus::Draft),
            with_status("Öffentlich", JobStatus::Published),
            with_status("Zurückgezogen", JobStatus::Unpublished),
            NewJob {
                status: JobStatus::Published,
                ..plain_job(other, 2898304, "Anderswo")
            },
        ])
        .await
        .expect("insert");
    let status = |id| async move {
        store
            .job(id)
            .await
            .expect("job")
            .expect("exists")
            .data
            .status
    };
    assert_eq!(
        status(ids[0]).await,
        JobStatus::Draft,
        "a draft stays a draft"
    );
    assert_eq!(status(ids[1]).await, JobStatus::Published);
    assert_eq!(status(ids[2]).await, JobStatus::Unpublished);
    assert_eq!(
        store.jobs_by_ids(&ids[..3]).await.expect("by ids")[0]
            .data
            .status,
        JobStatus::Draft
    );

    let (total, public) = store
        .jobs_at_place(2898304, today, 10)
        .await
        .expect("at place");
    let titles: Vec<&str> = public.iter().map(|j| j.title()).collect();
    assert_eq!(total, 2, "{titles:?}");
    assert!(titles.contains(&"Öffentlich") && titles.contains(&"Anderswo"));

    let own = store.jobs_of_employer(emp, 10).await.expect("of employer");
    assert_eq!(
        own.iter().map(|j| j.id).collect::<Vec<_>>(),
        vec![ids[2], ids[1], ids[0]],
        "every status; written together, so by id, newest first"
    );
    assert_eq!(
        store.jobs_of_employer(emp, 2).await.expect("limit").len(),
        2
    );
    assert_eq!(
        store
            .jobs_of_employer(other, 10)
            .await
            .expect("of employer")
            .iter()
            .map(|j| j.id)
            .collect::<Vec<_>>(),
        vec![ids[3]]
    );
    assert!(store
        .jobs_of_employer(424242, 10)
        .await
        .expect("none")
        .is_empty());

    // Publishing the draft makes it public and the most recently changed.
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    store
        .update_job(ids[0], &with_status("Entwurf", JobStatus::Published))
        .await
        .expect("publish");
    assert_eq!(status(ids[0]).await, JobStatus::Published);
    assert_eq!(
        store.jobs_of_employer(emp, 1).await.expect("latest")[0].id,
        ids[0]
    );
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    store
        .update_job(ids[1], &with_status("Öffentlich", JobStatus::Unpublished))
        .await
        .expect("withdraw");
    let (total, public) = store
        .jobs_at_place(2898304, today, 10)
        .await
        .expect("at place");
    let mut titles: Vec<&str> = public.iter().map(|j| j.title()).collect();
    titles.sort_unstable();
    assert_eq!((total, titles), (2, vec!["Anderswo", "Entwurf"]));
    assert_eq!(
        store
            .jobs_of_employer(emp, 10)
            .await
            .expect("of employer")
            .iter()
            .map(|j| j.id)
            .collect::<Vec<_>>(),
        vec![ids[1], ids[0], ids[2]],
        "last changed first"
    );
}

/// Updating an organisation's profile changes it (keeping verification and logo) and
/// appends an upsert of it and of each of its jobs, and of nothing else.
pub async fn updating_an_employer_relogs_its_jobs(store: &dyn Store) {
    let emp = loaded(store).await;
    let other = org(store, "Anderer Betrieb", OrgKind::Employer).await;
    let ids = store
        .insert_jobs(&[
            plain_job(emp, 2830085, "Eins"),
            plain_job(other, 2830085, "Fremd"),
            NewJob {
                status: JobStatus::Draft,
                ..plain_job(emp, 2939811, "Zwei")
            },
        ])
        .await
        .expect("insert");
    let (data, sha) = sample_file();
    let logo = store.put_blob("image/png", sha, &data).await.expect("blob");
    store.set_logo(emp, Some(logo)).await.expect("logo");
    store.set_verified(emp, true).await.expect("verify");
    let start = store.latest_change().await.expect("latest");

    let renamed = NewEmployer {
        name: "  Neuer Name GmbH ".into(),
        place_id: 2939811,
        description: "<p>Neu</p><script>alert(1)</script>".into(),
        website: None,
        demo: true,
        kind: OrgKind::WelcomeCenter,
    };
    store.update_employer(emp, &renamed).await.expect("update");
    let e = store
        .employer(emp)
        .await
        .expect("employer")
        .expect("exists");
    assert_eq!(e.name, "Neuer Name GmbH");
    assert_eq!(e.place.id, 2939811);
    assert_eq!(e.place.name, "Cottbus");
    assert!(!e.description.contains("script"), "{}", e.description);
    assert!(e.description.contains("Neu"), "{}", e.description);
    assert_eq!(e.website, None);
    assert_eq!(e.kind, OrgKind::WelcomeCenter);
    assert!(e.verified, "verification stays");
    assert_eq!(e.logo_blob_id, Some(logo), "the logo stays");
    assert_eq!(
        store
            .job(ids[0])
            .await
            .expect("job")
            .expect("exists")
            .employer
            .name,
        "Neuer Name GmbH"
    );
    assert_eq!(
        store
            .job(ids[1])
            .await
            .expect("job")
            .expect("exists")
            .employer
            .name,
        "Anderer Betrieb"
    );
    let changes = store.changes_since(start, 100).await.expect("changes");
    let ops: Vec<(Entity, i64, ChangeOp)> = changes
        .iter()
        .map(|c| (c.entity, c.entity_id, c.op))
        .collect();
    assert_eq!(
        ops,
        vec![
            (Entity::Employer, emp, ChangeOp::Upsert),
            (Entity::Job, ids[0], ChangeOp::Upsert),
            (Entity::Job, ids[2], ChangeOp::Upsert),
        ]
    );

    let latest = store.latest_change().await.expect("latest");
    let missing = store.update_employer(424242, &renamed).await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "{missing:?}"
    );
    let nowhere = store
        .update_employer(
            emp,
            &NewEmployer {
                place_id: 1,
                ..renamed.clone()
            },
        )
        .await;
    assert!(
        matches!(nowhere, Err(StoreError::NotFound(_))),
        "{nowhere:?}"
    );
    let nameless = store
        .update_employer(
            emp,
            &NewEmployer {
                name: " ".into(),
                ..renamed.clone()
            },
        )
        .await;
    assert!(
        matches!(nameless, Err(StoreError::Invalid(_))),
        "{nameless:?}"
    );
    assert_eq!(
        store.latest_change().await.expect("latest"),
        latest,
        "failed updates log nothing"
    );
    assert_eq!(
        store
            .employer(emp)
            .await
            .expect("employer")
            .expect("exists")
            .place
            .id,
        2939811
    );

    // An organisation without jobs logs itself only.
    store
        .update_employer(other, &employer("Anderer Betrieb AG", 2830085))
        .await
        .expect("update other");
    let ops: Vec<(Entity, i64)> = store
        .changes_since(latest, 100)
        .await
        .expect("changes")
        .iter()
        .map(|c| (c.entity, c.entity_id))
        .collect();
    assert_eq!(ops, vec![(Entity::Employer, other), (Entity::Job, ids[1])]);
}

/// A row in any transferred table makes the store non-empty: restore and copy refuse
/// to mix another database's rows into it.
pub async fn any_table_makes_the_store_non_empty(store: &dyn Store) {
    assert!(store.is_empty().await.expect("empty"));
    let (data, sha) = sample_file();
    store.put_blob("image/png", sha, &data).await.expect("blob");
    assert!(
        !store.is_empty().await.expect("empty"),
        "a stored file makes it non-empty"
    );
}

/// Backup and restore of every table: what one store exports, a second (empty) store
/// imports, and then exports the same; accounts, networks, tokens, the audit log and
/// stored files (every byte) read back alike; sessions, one-time links and login
/// failures are not carried over; new rows get keys above the imported ones.
pub async fn backup_copies_accounts_and_files(source: &dyn Store, target: &dyn Store) {
    use base64::Engine;
    use serde_json::json;

    // A source with a row in every table.
    let emp = loaded(source).await;
    let stadt = org(source, "Stadt Hoyerswerda", OrgKind::Municipality).await;
    let (data, sha) = sample_file();
    let logo = source
        .put_blob("image/png", sha, &data)
        .await
        .expect("blob");
    source.set_logo(emp, Some(logo)).await.expect("logo");
    source.set_verified(stadt, true).await.expect("verify");
    let mut anna = new_user("anna@example.org", "Anna");
    anna.password_hash = Some("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into());
    let anna = source.create_user(&anna).await.expect("user").id;
    let bert = user(source, "bert@example.org", "Bert").await;
    source
        .mark_email_verified(anna, ts("2026-11-02T07:30:15.123456Z"))
        .await
        .expect("verify");
    source.set_platform_admin(anna, true).await.expect("admin");
    source.set_role(emp, anna, Role::Admin).await.expect("role");
    source
        .set_role(stadt, bert, Role::Editor)
        .await
        .expect("role");
    let net = source
        .create_network(&NewNetwork {
            slug: "lausitz".into(),
            name: "Lausitz".into(),
            description: "Fachkräfte".into(),
            place_ids: vec![2830085, 2939811],
            org_ids: vec![emp, stadt],
            demo: false,
        })
        .await
        .expect("network");
    source.add_network_admin(net.id, bert).await.expect("admin");
    let token = source
        .create_api_token(emp, "ATS", "hash-1", &[Scope::JobsWrite], Some(anna))
        .await
        .expect("token");
    source
        .create_api_token(stadt, "Alt", "hash-2", &[Scope::OrganisationWrite], None)
        .await
        .expect("token");
    source
        .revoke_api_token(stadt, token.id + 1, ts("2026-11-03T08:00:00Z"))
        .await
        .expect("revoke");
    source
        .audit(&AuditEntry {
            id: 0,
            at: ts("2026-11-02T07:30:15.123456Z"),
            actor_user_id: Some(anna),
            actor_token_id: None,
            action: "role_changed".into(),
            org_id: Some(emp),
            target: format!("user:{anna}"),
            detail: "admin".into(),
            ip: Some("192.0.2.7".into()),
        })
        .await
        .expect("audit");
    let jobs = source
        .insert_jobs(&[
            full_job(emp, 2898304, "Elektroniker"),
            NewJob {
                status: JobStatus::Draft,
                ..plain_job(stadt, 2898304, "Entwurf")
            },
        ])
        .await
        .expect("jobs");
    // Short-lived rows, not carried over.
    source
        .create_session(&Session {
            id_hash: "session".into(),
            user_id: anna,
            csrf_token: "csrf".into(),
            created_at: ts("2026-11-02T07:00:00Z"),
            expires_at: ts("2026-11-03T07:00:00Z"),
        })
        .await
        .expect("session");
    source
        .create_one_time(&OneTime {
            token_hash: "link".into(),
            purpose: OneTimePurpose::ResetPassword,
            user_id: Some(bert),
            email: None,
            org_id: None,
            role: None,
            expires_at: ts("2026-11-03T07:00:00Z"),
        })
        .await
        .expect("link");
    source
        .record_login_failure("ip:192.0.2.7", ts("2026-11-02T07:00:00Z"))
        .await
        .expect("failure");

    // Every table has rows, each with exactly its columns.
    let mut exported = Vec::new();
    for table in Table::ALL {
        let rows = export_all(source, table, 2).await;
        assert!(!rows.is_empty(), "{} is exported", table.as_str());
        let names: Vec<&str> = table.columns().iter().map(|(c, _)| *c).collect();
        for row in &rows {
            let mut keys: Vec<&str> = row.keys().map(String::as_str).collect();
            let mut want = names.clone();
            keys.sort_unstable();
            want.sort_unstable();
            assert_eq!(keys, want, "{}", table.as_str());
        }
        exported.push((table, rows));
    }
    let rows_of = |t: Table| {
        exported
            .iter()
            .find(|(table, _)| *table == t)
            .map(|(_, rows)| rows.clone())
            .expect("exported")
    };
    // The JSON form of the new tables and columns.
    let blobs = rows_of(Table::Blobs);
    assert_eq!(blobs[0]["id"], json!(logo));
    assert_eq!(blobs[0]["content_type"], json!("image/png"));
    assert_eq!(blobs[0]["size"], json!(data.len()));
    assert_eq!(blobs[0]["sha256"], json!(sha));
    assert_eq!(
        blobs[0]["data"],
        json!(base64::engine::general_purpose::STANDARD.encode(&data))
    );
    let employers = rows_of(Table::Employers);
    assert_eq!(employers[0]["kind"], json!("employer"));
    assert_eq!(employers[0]["verified"], json!(false));
    assert_eq!(employers[0]["logo_blob_id"], json!(logo));
    assert_eq!(employers[1]["kind"], json!("municipality"));
    assert_eq!(employers[1]["verified"], json!(true));
    assert_eq!(employers[1]["logo_blob_id"], serde_json::Value::Null);
    let job_rows = rows_of(Table::Jobs);
    assert_eq!(job_rows[0]["status"], json!("published"));
    assert_eq!(job_rows[1]["status"], json!("draft"));
    let users = rows_of(Table::Users);
    assert_eq!(users.len(), 2);
    assert_eq!(users[0]["email"], json!("anna@example.org"));
    assert_eq!(users[0]["platform_admin"], json!(true));
    assert_eq!(
        users[0]["email_verified_at"],
        json!("2026-11-02T07:30:15.123456Z")
    );
    assert_eq!(
        users[0]["password_hash"],
        json!("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA")
    );
    assert_eq!(users[1]["password_hash"], serde_json::Value::Null);
    assert_eq!(users[1]["email_verified_at"], serde_json::Value::Null);
    let created = users[0]["created_at"].as_str().expect("created_at");
    assert!(created.len() == 27 && created.ends_with('Z'), "{created}");
    let memberships = rows_of(Table::Memberships);
    assert_eq!(memberships[0]["role"], json!("admin"));
    assert_eq!(memberships[1]["role"], json!("editor"));
    assert_eq!(rows_of(Table::NetworkPlaces).len(), 2);
    assert_eq!(rows_of(Table::NetworkOrgs).len(), 2);
    let tokens = rows_of(Table::ApiTokens);
    assert_eq!(tokens[0]["scopes"], json!("jobs:write"));
    assert_eq!(tokens[0]["token_hash"], json!("hash-1"));
    assert_eq!(tokens[0]["created_by"], json!(anna));
    assert_eq!(tokens[0]["revoked_at"], serde_json::Value::Null);
    assert_eq!(
        tokens[1]["revoked_at"],
        json!("2026-11-03T08:00:00.000000Z")
    );
    let audit = rows_of(Table::AuditLog);
    assert_eq!(audit[0]["at"], json!("2026-11-02T07:30:15.123456Z"));
    assert_eq!(audit[0]["actor_token_id"], serde_json::Value::Null);
    assert_eq!(audit[0]["ip"], json!("192.0.2.7"));

    // Restore into an empty store, in Table::ALL order.
    assert!(target.is_empty().await.expect("empty"));
    for (table, rows) in &exported {
        target
            .import_rows(*table, rows)
            .await
            .unwrap_or_else(|e| panic!("import {}: {e}", table.as_str()));
    }
    target.finish_import().await.expect("finish");
    assert!(!target.is_empty().await.expect("empty"));
    for (table, rows) in &exported {
        assert_eq!(
            &export_all(target, *table, 100).await,
            rows,
            "{} exports as imported",
            table.as_str()
        );
    }

    // Read back through the store.
    let blob = target.blob(logo).await.expect("blob").expect("restored");
    assert_eq!(
        (blob.content_type.as_str(), blob.sha256.as_str()),
        ("image/png", sha)
    );
    assert_eq!(blob.data, data, "every byte survives backup and restore");
    assert_eq!(
        target.employer(emp).await.expect("employer"),
        source.employer(emp).await.expect("employer")
    );
    assert_eq!(
        target
            .user_by_email("anna@example.org")
            .await
            .expect("user"),
        source
            .user_by_email("anna@example.org")
            .await
            .expect("user")
    );
    assert_eq!(
        target.password_hash(anna).await.expect("hash"),
        source.password_hash(anna).await.expect("hash")
    );
    for u in [anna, bert] {
        assert_eq!(
            target.memberships(u).await.expect("memberships"),
            source.memberships(u).await.expect("memberships")
        );
        assert_eq!(
            target.admin_networks(u).await.expect("admin"),
            source.admin_networks(u).await.expect("admin")
        );
    }
    assert_eq!(
        target.admin_networks(bert).await.expect("admin"),
        vec![net.id]
    );
    assert_eq!(
        target.network_by_slug("lausitz").await.expect("network"),
        Some(net.clone())
    );
    assert_eq!(
        target.network_places(net.id).await.expect("places"),
        vec![2830085, 2939811]
    );
    assert_eq!(
        target.network_orgs(net.id).await.expect("orgs"),
        source.network_orgs(net.id).await.expect("orgs")
    );
    for hash in ["hash-1", "hash-2"] {
        assert_eq!(
            target.api_token_by_hash(hash).await.expect("token"),
            source.api_token_by_hash(hash).await.expect("token")
        );
    }
    assert_eq!(
        target.audit_log(None, 10).await.expect("audit"),
        source.audit_log(None, 10).await.expect("audit")
    );
    assert_eq!(
        target
            .job(jobs[1])
            .await
            .expect("job")
            .expect("restored")
            .data
            .status,
        JobStatus::Draft
    );
    assert_eq!(
        target.jobs_by_ids(&jobs).await.expect("jobs"),
        source.jobs_by_ids(&jobs).await.expect("jobs"),
        "jobs read back alike, updated_at included"
    );
    let now = ts("2026-11-02T08:00:00Z");
    assert_eq!(target.session("session", now).await.expect("session"), None);
    assert!(source
        .session("session", now)
        .await
        .expect("session")
        .is_some());
    assert_eq!(
        target
            .consume_one_time("link", OneTimePurpose::ResetPassword, now)
            .await
            .expect("link"),
        None
    );
    assert!(target
        .login_failures_since("ip:192.0.2.7", ts("2026-11-01T00:00:00Z"))
        .await
        .expect("failures")
        .is_empty());

    // New rows get keys above the imported ones.
    let carl = user(target, "carl@example.org", "Carl").await;
    assert!(carl > bert, "{carl} after {bert}");
    let dup = target.create_user(&new_user("anna@example.org", "x")).await;
    assert!(matches!(dup, Err(StoreError::Conflict(_))), "{dup:?}");
    let file = target
        .put_blob("text/plain", "00", b"x")
        .await
        .expect("blob");
    assert!(file > logo);
    let net2 = target
        .create_network(&NewNetwork {
            slug: "altmark".into(),
            name: "Altmark".into(),
            description: String::new(),
            place_ids: vec![2898304],
            org_ids: vec![emp],
            demo: false,
        })
        .await
        .expect("network");
    assert!(net2.id > net.id);
    let t = target
        .create_api_token(emp, "Neu", "hash-3", &[], Some(carl))
        .await
        .expect("token");
    assert!(t.id > token.id + 1);
    target
        .audit(&AuditEntry {
            id: 0,
            at: now,
            actor_user_id: Some(carl),
            actor_token_id: None,
            action: "login".into(),
            org_id: None,
            target: String::new(),
            detail: String::new(),
            ip: None,
        })
        .await
        .expect("audit");
    let log = target.audit_log(None, 10).await.expect("audit");
    assert_eq!(log.len(), 2);
    assert_eq!(
        log[0].action, "login",
        "newest first after the imported entry"
    );
    target
        .set_role(emp, carl, Role::Member)
        .await
        .expect("role");
    target.add_network_admin(net.id, carl).await.expect("admin");
    let memberships = export_all(target, Table::Memberships, 100).await;
    assert_eq!(memberships.len(), 3);
    assert!(memberships[2]["id"].as_i64() > memberships[1]["id"].as_i64());
}
