//! The backend conformance suite: one set of behaviours every [`Store`] backend must
//! show. A backend crate runs it with [`conformance_suite!`](crate::conformance_suite),
//! giving an expression that yields a fresh, migrated, empty store per test.

use crate::accounts::{NewNetwork, OneTime, OneTimePurpose, Session};
use crate::cooperation::{Audience, EventFilter, MeasureFilter};
use crate::{ChangeOp, DemoData, Entity, LoadOutcome, Store, StoreError, Table};
use bleibe_domain::cooperation::{
    Cluster, Decision, EventKind, FieldOfAction, FundingSource, IdeaStage, Indicator,
    IndicatorValue, Measure, MeasureStatus, NewContact, NewEvent, NewIdea, NewMeasure,
    NewRegistration, NewTask, NewWorkingGroup, Registration, RegistrationStatus, TargetGroup, Task,
    Visibility,
};
use bleibe_domain::living::{ProfileKey, ProfileValue};
use bleibe_domain::{
    Apply, AuditEntry, Contract, JobKind, JobStatus, NewEmployer, NewJob, NewUser, OrgKind, Place,
    Role, Salary, SalaryUnit, SchoolCertificate, Scope, Source, WorkingTime,
};
use chrono::{DateTime, NaiveDate, Utc};

mod cases;
pub use cases::*;

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
            sessions_are_confirmed_with_a_second_factor,
            totp_is_set_up_confirmed_and_turned_off,
            concurrent_uses_of_a_totp_step_succeed_once,
            one_time_links_work_once,
            concurrent_uses_of_a_one_time_link_succeed_once,
            api_tokens_are_per_organisation_and_revocable,
            login_failures_are_counted_per_key_since,
            audit_log_pages_newest_first,
            job_status_decides_what_is_public,
            updating_an_employer_relogs_its_jobs,
            any_table_makes_the_store_non_empty,
            measures_are_visible_only_where_they_are_shared,
            measures_round_trip_every_field,
            registrations_fill_places_then_the_waiting_list,
            stale_versions_and_concurrent_decisions_conflict,
            ideas_move_by_decisions_and_keep_comments,
            groups_have_members_and_tasks,
            contacts_and_networks_follow_memberships,
            events_round_trip_and_are_listed_by_start,
            slots_are_booked_once_each,
            events_can_be_called_off,
            event_series_are_stored_all_or_nothing,
            place_profiles_round_trip,
            place_profile_upserts_replace,
            place_profile_imports_keep_edited_values,
            place_profiles_are_per_place,
            travel_times_are_replaced_per_mode_and_source,
            saved_wishes_belong_to_their_user,
            cases_derive_due_dates_from_their_template,
            stale_case_and_step_edits_conflict,
            shared_lists_follow_consents_and_overrides,
            templates_are_versioned_per_organisation,
            erasure_leaves_only_the_anonymous_trace,
            retention_finds_persons_whose_cases_closed_long_ago,
            persons_link_to_accounts_by_address,
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
        second_factor_at: None,
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

/// A session stored with a second factor reads back with it; one signed in with the
/// password alone is confirmed later (in whole microseconds), other sessions stay as
/// they are; confirming a session that does not exist is `NotFound`.
pub async fn sessions_are_confirmed_with_a_second_factor(store: &dyn Store) {
    loaded(store).await;
    let anna = user(store, "anna@example.org", "Anna").await;
    let session = |id: &str, second_factor_at: Option<DateTime<Utc>>| Session {
        id_hash: id.to_string(),
        user_id: anna,
        csrf_token: format!("csrf-{id}"),
        created_at: ts("2026-11-02T07:30:15.123456Z"),
        expires_at: ts("2026-11-02T19:30:15.123456Z"),
        second_factor_at,
    };
    let now = ts("2026-11-02T08:00:00Z");
    let confirmed = session("s1", Some(ts("2026-11-02T07:30:20.5Z")));
    let password_only = session("s2", None);
    let other = session("s3", None);
    for s in [&confirmed, &password_only, &other] {
        store.create_session(s).await.expect("create session");
    }
    let read = |id: &'static str| async move {
        store
            .session(id, now)
            .await
            .expect("session")
            .expect("exists")
    };
    assert_eq!(read("s1").await, confirmed);
    assert_eq!(read("s2").await.second_factor_at, None);
    let at = ts("2026-11-02T07:45:00.654321Z");
    store
        .confirm_session_second_factor("s2", at + chrono::Duration::nanoseconds(999))
        .await
        .expect("confirm");
    assert_eq!(read("s2").await.second_factor_at, Some(at));
    assert_eq!(read("s3").await.second_factor_at, None, "only that session");
    let missing = store.confirm_session_second_factor("nope", at).await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "{missing:?}"
    );
}

/// TOTP: a secret is set up (and replaced or cleared) while TOTP is off, turned on only
/// with the secret that was confirmed, kept while on (a new set-up is `Conflict`), and
/// turned off with everything cleared, including the user's sessions' confirmation. The
/// last step only grows and belongs to its secret. Users read back with the time TOTP
/// was turned on.
pub async fn totp_is_set_up_confirmed_and_turned_off(store: &dyn Store) {
    loaded(store).await;
    let anna = user(store, "anna@example.org", "Anna").await;
    let bert = user(store, "bert@example.org", "Bert").await;
    let state = |id: i64| async move { store.totp_state(id).await.expect("state") };
    assert_eq!(state(anna).await, Some(Default::default()));
    assert_eq!(state(anna + 1000).await, None);
    assert_eq!(
        store
            .user(anna)
            .await
            .expect("user")
            .expect("anna")
            .totp_enabled_at,
        None
    );

    // Set up, started again with another secret: the first one's code does not count.
    store
        .set_totp_secret(anna, Some("FIRSTSECRET"))
        .await
        .expect("set up");
    assert!(store
        .record_totp_step(anna, "FIRSTSECRET", 100)
        .await
        .expect("step"));
    store
        .set_totp_secret(anna, Some("SECONDSECRET"))
        .await
        .expect("again");
    assert_eq!(
        state(anna).await,
        Some(crate::accounts::TotpState {
            secret: Some("SECONDSECRET".into()),
            enabled_at: None,
            last_step: None,
        }),
        "a new set-up forgets the last step"
    );
    assert!(!store
        .record_totp_step(anna, "FIRSTSECRET", 101)
        .await
        .expect("step"));
    assert!(!store
        .enable_totp(anna, "FIRSTSECRET", ts("2026-11-02T08:00:00Z"))
        .await
        .expect("enable"));
    assert_eq!(state(anna).await.expect("anna").enabled_at, None);

    // Confirmed with the current secret.
    assert!(store
        .record_totp_step(anna, "SECONDSECRET", 200)
        .await
        .expect("step"));
    let on = ts("2026-11-02T08:00:00.123456Z");
    assert!(store
        .enable_totp(
            anna,
            "SECONDSECRET",
            on + chrono::Duration::nanoseconds(500)
        )
        .await
        .expect("enable"));
    assert!(
        !store
            .enable_totp(anna, "SECONDSECRET", ts("2026-11-03T08:00:00Z"))
            .await
            .expect("enable"),
        "on already: the first time stays"
    );
    assert_eq!(
        state(anna).await,
        Some(crate::accounts::TotpState {
            secret: Some("SECONDSECRET".into()),
            enabled_at: Some(on),
            last_step: Some(200),
        })
    );
    let read = store.user(anna).await.expect("user").expect("anna");
    assert_eq!(read.totp_enabled_at, Some(on));
    assert_eq!(
        store
            .user_by_email("anna@example.org")
            .await
            .expect("by email")
            .expect("anna"),
        read
    );
    assert_eq!(
        store
            .user(bert)
            .await
            .expect("user")
            .expect("bert")
            .totp_enabled_at,
        None,
        "another user's"
    );

    // Steps only grow.
    assert!(!store
        .record_totp_step(anna, "SECONDSECRET", 200)
        .await
        .expect("step"));
    assert!(!store
        .record_totp_step(anna, "SECONDSECRET", 199)
        .await
        .expect("step"));
    assert!(store
        .record_totp_step(anna, "SECONDSECRET", 201)
        .await
        .expect("step"));
    assert_eq!(state(anna).await.expect("anna").last_step, Some(201));
    assert!(!store
        .record_totp_step(bert, "SECONDSECRET", 500)
        .await
        .expect("step"));

    // While on, the secret stays.
    let replace = store.set_totp_secret(anna, Some("THIRD")).await;
    assert!(
        matches!(replace, Err(StoreError::Conflict(_))),
        "{replace:?}"
    );
    let clear = store.set_totp_secret(anna, None).await;
    assert!(matches!(clear, Err(StoreError::Conflict(_))), "{clear:?}");
    let missing = store.set_totp_secret(anna + 1000, Some("X")).await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "{missing:?}"
    );
    assert_eq!(
        state(anna).await.expect("anna").secret.as_deref(),
        Some("SECONDSECRET")
    );

    // Off: everything cleared, the sessions' confirmation too (another user's stays);
    // off twice is fine; a pending set-up can be cleared.
    let confirmed = |id: &str, user_id: i64| Session {
        id_hash: id.to_string(),
        user_id,
        csrf_token: format!("csrf-{id}"),
        created_at: ts("2026-11-02T08:00:00Z"),
        expires_at: ts("2026-11-02T20:00:00Z"),
        second_factor_at: Some(ts("2026-11-02T08:00:01Z")),
    };
    store
        .create_session(&confirmed("anna-2fa", anna))
        .await
        .expect("session");
    store
        .create_session(&confirmed("bert-2fa", bert))
        .await
        .expect("session");
    store.disable_totp(anna).await.expect("off");
    let now = ts("2026-11-02T09:00:00Z");
    let session_of = |id: &'static str| async move {
        store
            .session(id, now)
            .await
            .expect("session")
            .expect("still there")
    };
    assert_eq!(session_of("anna-2fa").await.second_factor_at, None);
    assert_eq!(
        session_of("bert-2fa").await.second_factor_at,
        Some(ts("2026-11-02T08:00:01Z"))
    );
    store.disable_totp(anna).await.expect("off again");
    assert_eq!(state(anna).await, Some(Default::default()));
    assert_eq!(
        store
            .user(anna)
            .await
            .expect("user")
            .expect("anna")
            .totp_enabled_at,
        None
    );
    store
        .set_totp_secret(bert, Some("BERTSECRET"))
        .await
        .expect("set up");
    store.set_totp_secret(bert, None).await.expect("cleared");
    assert_eq!(state(bert).await, Some(Default::default()));
}

/// Of many concurrent uses of one TOTP step exactly one is recorded.
pub async fn concurrent_uses_of_a_totp_step_succeed_once(store: &dyn Store) {
    loaded(store).await;
    let anna = user(store, "anna@example.org", "Anna").await;
    store
        .set_totp_secret(anna, Some("SECRET"))
        .await
        .expect("set up");
    for step in 1000..1005 {
        let go = || store.record_totp_step(anna, "SECRET", step);
        let (a, b, c, d, e, f, g, h) = tokio::join!(go(), go(), go(), go(), go(), go(), go(), go());
        let results = [a, b, c, d, e, f, g, h]
            .into_iter()
            .map(|r| r.expect("record"))
            .collect::<Vec<_>>();
        let won = results.iter().filter(|r| **r).count();
        assert_eq!(won, 1, "step {step}: {results:?}");
    }
    assert_eq!(
        store
            .totp_state(anna)
            .await
            .expect("state")
            .expect("anna")
            .last_step,
        Some(1004)
    );
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

// ---------------------------------------------------------------------------------------
// Network workspace (cooperation)
// ---------------------------------------------------------------------------------------

/// A boxed future, as the store's methods return them.
type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;

/// Runs the futures concurrently (each on its own pooled connection once it gets one)
/// and gives their outputs in input order.
async fn join_all<T>(futures: Vec<BoxFuture<'_, T>>) -> Vec<T> {
    use std::task::Poll;
    let mut futures: Vec<Option<BoxFuture<'_, T>>> = futures.into_iter().map(Some).collect();
    let mut out: Vec<Option<T>> = futures.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (slot, result) in futures.iter_mut().zip(out.iter_mut()) {
            if let Some(f) = slot {
                match f.as_mut().poll(cx) {
                    Poll::Ready(v) => {
                        *result = Some(v);
                        *slot = None;
                    }
                    Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    })
    .await;
    out.into_iter().map(|v| v.expect("finished")).collect()
}

/// A network with these member organisations.
async fn network(store: &dyn Store, slug: &str, org_ids: Vec<i64>) -> i64 {
    store
        .create_network(&NewNetwork {
            slug: slug.into(),
            name: slug.to_uppercase(),
            description: String::new(),
            place_ids: vec![],
            org_ids,
            demo: false,
        })
        .await
        .expect("network")
        .id
}

/// A minimal public measure shared with `network_ids`.
fn new_measure(org_id: i64, network_ids: Vec<i64>, title: &str) -> NewMeasure {
    NewMeasure {
        org_id,
        all_networks: false,
        network_ids,
        title: title.into(),
        description: String::new(),
        cluster: Cluster::Social,
        field: FieldOfAction::WelcomeCulture,
        target_groups: vec![],
        place_ids: vec![],
        start_date: None,
        end_date: None,
        budget_eur: None,
        funding: None,
        status: MeasureStatus::Running,
        indicators: vec![],
        lessons: String::new(),
        links: vec![],
        visibility: Visibility::Public,
        demo: false,
    }
}

/// A measure with every field set.
fn full_measure(org_id: i64, network_ids: Vec<i64>) -> NewMeasure {
    NewMeasure {
        description: "Ein Tag für Rückkehrer/innen\nmit Messe".into(),
        cluster: Cluster::Culture,
        field: FieldOfAction::Recruitment,
        target_groups: vec![TargetGroup::Returnees, TargetGroup::Commuters],
        place_ids: vec![2830085, 2939811],
        start_date: NaiveDate::from_ymd_opt(2026, 1, 15),
        end_date: NaiveDate::from_ymd_opt(2027, 6, 30),
        budget_eur: Some(125_000),
        funding: Some(FundingSource::EsfPlus),
        status: MeasureStatus::Planned,
        indicators: vec![
            Indicator {
                name: "Teilnehmende".into(),
                unit: "Personen".into(),
                target: 250.5,
                values: vec![
                    IndicatorValue {
                        period: "2026-H1".into(),
                        actual: 80.25,
                    },
                    IndicatorValue {
                        period: "2026-H2".into(),
                        actual: 120.0,
                    },
                ],
            },
            Indicator {
                name: "Beratungen".into(),
                unit: String::new(),
                target: 40.0,
                values: vec![],
            },
        ],
        lessons: "Früh einladen; 100% Erfolg mit \"Rückkehrerstammtisch\"".into(),
        links: vec![
            "https://example.org/rueckkehr".into(),
            "http://example.org/a?b=c&d=e".into(),
        ],
        visibility: Visibility::Members,
        demo: true,
        ..new_measure(org_id, network_ids, "Rückkehrertag Lausitz")
    }
}

fn titles(measures: &[Measure]) -> Vec<&str> {
    measures.iter().map(|m| m.data.title.as_str()).collect()
}

async fn measure_titles(store: &dyn Store, filter: MeasureFilter) -> Vec<String> {
    let (found, total) = store.measures(&filter).await.expect("measures");
    assert_eq!(total, found.len() as i64, "{filter:?}");
    titles(&found).into_iter().map(String::from).collect()
}

/// A measure shared with one network is not listed in another, for the public and for
/// that network's members alike; a measure shared with all networks follows its owner's
/// memberships (and ignores its explicit list); a members-only measure reaches the
/// members of its networks and its owner, and nobody else.
pub async fn measures_are_visible_only_where_they_are_shared(store: &dyn Store) {
    let betrieb = loaded(store).await;
    let stadt = org(store, "Stadt Hoyerswerda", OrgKind::Municipality).await;
    let kammer = org(store, "Handwerkskammer", OrgKind::Chamber).await;
    let a = network(store, "a", vec![betrieb, stadt]).await;
    let b = network(store, "b", vec![kammer]).await;

    let only_a = store
        .create_measure(&new_measure(betrieb, vec![a], "Nur A"))
        .await
        .expect("create");
    let everywhere = store
        .create_measure(&NewMeasure {
            all_networks: true,
            // Ignored while all_networks is set: the owner's networks count.
            network_ids: vec![b],
            ..new_measure(stadt, vec![], "Überall")
        })
        .await
        .expect("create");
    let internal = store
        .create_measure(&NewMeasure {
            visibility: Visibility::Members,
            ..new_measure(betrieb, vec![a], "Intern A")
        })
        .await
        .expect("create");
    let internal_all = store
        .create_measure(&NewMeasure {
            visibility: Visibility::Members,
            all_networks: true,
            ..new_measure(stadt, vec![], "Intern überall")
        })
        .await
        .expect("create");
    assert_eq!(everywhere.data.network_ids, vec![b], "stored as given");

    let in_net = |network: i64, members_of: Audience| MeasureFilter {
        network: Some(network),
        members_of,
        ..MeasureFilter::default()
    };
    let member_of_b = Audience::Member {
        networks: vec![b],
        orgs: vec![kammer],
    };
    let member_of_a = Audience::Member {
        networks: vec![a],
        orgs: vec![kammer],
    };

    // Network B: nothing yet, for anyone.
    assert!(measure_titles(store, in_net(b, Audience::Public))
        .await
        .is_empty());
    assert!(measure_titles(store, in_net(b, member_of_b.clone()))
        .await
        .is_empty());
    assert!(measure_titles(store, in_net(b, Audience::All))
        .await
        .is_empty());
    // Network A: the public ones for the public, everything for its members.
    assert_eq!(
        measure_titles(store, in_net(a, Audience::Public)).await,
        vec!["Überall", "Nur A"]
    );
    assert_eq!(
        measure_titles(store, in_net(a, member_of_b.clone())).await,
        vec!["Überall", "Nur A"],
        "members of B do not see A's internal measures"
    );
    assert_eq!(
        measure_titles(store, in_net(a, member_of_a.clone())).await,
        vec!["Intern überall", "Intern A", "Überall", "Nur A"]
    );
    assert_eq!(
        store.measure_networks(only_a.id).await.expect("networks"),
        vec![a]
    );
    assert_eq!(
        store
            .measure_networks(everywhere.id)
            .await
            .expect("networks"),
        vec![a]
    );

    // The owner of the all-networks measures joins B: they follow.
    store.add_network_org(b, stadt).await.expect("join");
    assert_eq!(
        measure_titles(store, in_net(b, Audience::Public)).await,
        vec!["Überall"]
    );
    assert_eq!(
        measure_titles(store, in_net(b, member_of_b.clone())).await,
        vec!["Intern überall", "Überall"]
    );
    assert_eq!(
        store
            .measure_networks(everywhere.id)
            .await
            .expect("networks"),
        vec![a, b]
    );
    assert_eq!(
        store.measure_networks(internal.id).await.expect("networks"),
        vec![a]
    );

    // Without a network filter: the audience alone decides.
    let all_of = |members_of: Audience| MeasureFilter {
        members_of,
        ..MeasureFilter::default()
    };
    assert_eq!(
        measure_titles(store, all_of(Audience::Public)).await,
        vec!["Überall", "Nur A"]
    );
    assert_eq!(
        measure_titles(store, all_of(member_of_b.clone())).await,
        vec!["Intern überall", "Überall", "Nur A"],
        "B's members see what is shared with B, not A's internal measure"
    );
    assert_eq!(
        measure_titles(
            store,
            all_of(Audience::Member {
                networks: vec![],
                orgs: vec![betrieb],
            })
        )
        .await,
        vec!["Intern A", "Überall", "Nur A"],
        "the owner sees its own internal measure"
    );
    assert_eq!(
        measure_titles(
            store,
            all_of(Audience::Member {
                networks: vec![],
                orgs: vec![],
            })
        )
        .await,
        vec!["Überall", "Nur A"]
    );
    assert_eq!(measure_titles(store, all_of(Audience::All)).await.len(), 4);
    assert!(store
        .measure(internal_all.id)
        .await
        .expect("measure")
        .is_some());
}

/// Every field of a measure reads back as written; the filters (owner, cluster, field,
/// target group, status, place, words) and paging select the right ones, newest change
/// first, with the total; an update replaces everything but the creation time and
/// counts the version up; deleting removes it.
pub async fn measures_round_trip_every_field(store: &dyn Store) {
    let betrieb = loaded(store).await;
    let stadt = org(store, "Stadt Hoyerswerda", OrgKind::Municipality).await;
    let a = network(store, "a", vec![betrieb, stadt]).await;
    let b = network(store, "b", vec![betrieb]).await;
    let before = Utc::now() - chrono::Duration::seconds(1);

    let full = full_measure(betrieb, vec![a, b]);
    let created = store.create_measure(&full).await.expect("create");
    assert!(created.id > 0);
    assert_eq!(created.data, full, "every field as written");
    assert_eq!(created.org_name, "Testbetrieb GmbH");
    assert_eq!(created.version, 1);
    assert!(created.created_at > before && created.created_at <= Utc::now());
    assert_eq!(created.created_at, created.updated_at);
    assert_eq!(
        store.measure(created.id).await.expect("measure"),
        Some(created.clone())
    );
    assert_eq!(
        store.measure(created.id + 1000).await.expect("measure"),
        None
    );

    let plain = store
        .create_measure(&new_measure(stadt, vec![a], "Jobmesse Hoyerswerda"))
        .await
        .expect("create");
    assert_eq!(plain.org_name, "Stadt Hoyerswerda");
    assert_eq!(plain.data.indicators, vec![]);
    assert_eq!(plain.data.start_date, None);
    let third = store
        .create_measure(&NewMeasure {
            target_groups: vec![TargetGroup::Pupils],
            place_ids: vec![2898304],
            ..new_measure(stadt, vec![a], "Praktikumswoche 50_50")
        })
        .await
        .expect("create");

    let all = |f: MeasureFilter| MeasureFilter {
        members_of: Audience::All,
        ..f
    };
    let of = |f: MeasureFilter| async move {
        let (found, total) = store.measures(&all(f)).await.expect("measures");
        (found.iter().map(|m| m.id).collect::<Vec<_>>(), total)
    };
    let ids = |v: &[i64]| (v.to_vec(), v.len() as i64);
    assert_eq!(
        of(MeasureFilter::default()).await,
        ids(&[third.id, plain.id, created.id])
    );
    assert_eq!(
        of(MeasureFilter {
            org: Some(stadt),
            ..Default::default()
        })
        .await,
        ids(&[third.id, plain.id])
    );
    assert_eq!(
        of(MeasureFilter {
            cluster: Some(Cluster::Culture),
            ..Default::default()
        })
        .await,
        ids(&[created.id])
    );
    assert_eq!(
        of(MeasureFilter {
            field: Some(FieldOfAction::WelcomeCulture),
            ..Default::default()
        })
        .await,
        ids(&[third.id, plain.id])
    );
    for (group, want) in [
        (TargetGroup::Returnees, vec![created.id]),
        (TargetGroup::Commuters, vec![created.id]),
        (TargetGroup::Pupils, vec![third.id]),
        (TargetGroup::Students, vec![]),
    ] {
        assert_eq!(
            of(MeasureFilter {
                target_group: Some(group),
                ..Default::default()
            })
            .await,
            ids(&want),
            "{group}"
        );
    }
    assert_eq!(
        of(MeasureFilter {
            status: Some(MeasureStatus::Planned),
            ..Default::default()
        })
        .await,
        ids(&[created.id])
    );
    assert_eq!(
        of(MeasureFilter {
            place: Some(2939811),
            ..Default::default()
        })
        .await,
        ids(&[created.id])
    );
    assert_eq!(
        of(MeasureFilter {
            place: Some(2898304),
            ..Default::default()
        })
        .await,
        ids(&[third.id])
    );
    assert_eq!(
        of(MeasureFilter {
            network: Some(b),
            ..Default::default()
        })
        .await,
        ids(&[created.id])
    );
    for (text, want) in [
        ("rückkehrer", vec![created.id]),
        ("  MESSE   rückkehr ", vec![created.id]),
        ("messe", vec![plain.id, created.id]),
        ("stammtisch früh", vec![created.id]),
        ("RÜCKKEHRERTAG", vec![created.id]),
        ("100%", vec![created.id]),
        ("0%", vec![created.id]),
        ("1%0", vec![]),
        ("k_m", vec![]),
        ("50_50", vec![third.id]),
        ("0_5", vec![third.id]),
        ("messe woche", vec![]),
    ] {
        assert_eq!(
            of(MeasureFilter {
                text: Some(text.into()),
                ..Default::default()
            })
            .await,
            ids(&want),
            "{text:?}"
        );
    }
    // Paging: the total counts every match.
    let (page, total) = store
        .measures(&all(MeasureFilter {
            limit: 2,
            offset: 1,
            ..Default::default()
        }))
        .await
        .expect("page");
    assert_eq!(
        (titles(&page), total),
        (vec!["Jobmesse Hoyerswerda", "Rückkehrertag Lausitz"], 3)
    );
    let (page, total) = store
        .measures(&all(MeasureFilter {
            limit: 1,
            offset: 0,
            org: Some(stadt),
            ..Default::default()
        }))
        .await
        .expect("page");
    assert_eq!((page.len(), total), (1, 2));
    let (page, _) = store
        .measures(&all(MeasureFilter {
            limit: -5,
            ..Default::default()
        }))
        .await
        .expect("page");
    assert_eq!(page.len(), 1, "a page holds at least one");

    // Update: everything replaced, version counted up, creation time kept.
    let changed = NewMeasure {
        org_id: betrieb,
        all_networks: true,
        network_ids: vec![],
        title: "Rückkehrertag 2027".into(),
        description: String::new(),
        cluster: Cluster::Tourism,
        field: FieldOfAction::Image,
        target_groups: vec![TargetGroup::International],
        place_ids: vec![2898304],
        start_date: None,
        end_date: NaiveDate::from_ymd_opt(2027, 12, 31),
        budget_eur: None,
        funding: Some(FundingSource::Own),
        status: MeasureStatus::Completed,
        indicators: vec![Indicator {
            name: "Gäste".into(),
            unit: String::new(),
            target: 10.0,
            values: vec![],
        }],
        lessons: String::new(),
        links: vec![],
        visibility: Visibility::Public,
        demo: false,
    };
    let updated = store
        .update_measure(created.id, 1, &changed)
        .await
        .expect("update");
    assert_eq!(updated.data, changed);
    assert_eq!(updated.version, 2);
    assert_eq!(updated.created_at, created.created_at);
    assert!(updated.updated_at >= created.updated_at);
    assert_eq!(
        store.measure(created.id).await.expect("measure"),
        Some(updated.clone())
    );
    assert_eq!(
        of(MeasureFilter::default()).await.0[0],
        created.id,
        "the latest change comes first"
    );
    assert_eq!(
        of(MeasureFilter {
            text: Some("rückkehrertag 2027".into()),
            ..Default::default()
        })
        .await,
        ids(&[created.id]),
        "the words follow the update"
    );
    assert_eq!(
        store.measure_networks(created.id).await.expect("networks"),
        vec![a, b],
        "all networks of the owner"
    );
    let missing = store.update_measure(created.id + 1000, 1, &changed).await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "{missing:?}"
    );

    // Delete.
    store.delete_measure(created.id).await.expect("delete");
    assert_eq!(store.measure(created.id).await.expect("measure"), None);
    assert!(store
        .measure_networks(created.id)
        .await
        .expect("networks")
        .is_empty());
    let again = store.delete_measure(created.id).await;
    assert!(matches!(again, Err(StoreError::NotFound(_))), "{again:?}");
    assert_eq!(
        of(MeasureFilter::default()).await,
        ids(&[third.id, plain.id])
    );
    let bad_place = store
        .create_measure(&NewMeasure {
            place_ids: vec![1],
            ..new_measure(stadt, vec![a], "Nirgendwo")
        })
        .await;
    assert!(
        matches!(bad_place, Err(StoreError::NotFound(_))),
        "{bad_place:?}"
    );
    assert_eq!(
        of(MeasureFilter::default()).await.1,
        2,
        "nothing half-stored"
    );
}

/// An event starting at `starts` (two hours long), public, registration open.
fn new_event(org_id: i64, network_id: Option<i64>, title: &str, starts: &str) -> NewEvent {
    let starts_at = ts(starts);
    NewEvent {
        org_id,
        network_id,
        working_group_id: None,
        kind: EventKind::InfoEvent,
        title: title.into(),
        description: String::new(),
        venue: String::new(),
        address: String::new(),
        online_url: None,
        starts_at,
        ends_at: starts_at + chrono::Duration::hours(2),
        capacity: None,
        slot_minutes: None,
        registration_open: true,
        visibility: Visibility::Public,
        agenda: String::new(),
        minutes: String::new(),
        demo: false,
    }
}

/// Person `i` registering (address and cancellation hash of their own).
fn person(i: usize) -> NewRegistration {
    NewRegistration {
        name: format!("Person {i}"),
        email: format!("person{i}@example.org"),
        organisation: String::new(),
        user_id: None,
        slot: None,
        cancel_hash: format!("cancel-{i}"),
    }
}

/// Registrations of the event with this status, in list order.
async fn with_status(
    store: &dyn Store,
    event_id: i64,
    status: RegistrationStatus,
) -> Vec<Registration> {
    store
        .registrations(event_id)
        .await
        .expect("registrations")
        .into_iter()
        .filter(|r| r.status == status)
        .collect()
}

/// 50 people registering at once for 10 places: exactly 10 get one, 40 wait, the places
/// going to the first ten to be stored. A registered person's cancellation moves exactly
/// the longest-waiting person up; a waiting person's moves nobody; cancelling twice
/// gives `None`; an address registers once (`Conflict`); a closed registration is a
/// `Conflict`; raising the capacity moves as many up as places became free, in order;
/// concurrent cancellations each move a different person up.
pub async fn registrations_fill_places_then_the_waiting_list(store: &dyn Store) {
    use RegistrationStatus::{Cancelled, Registered, Waiting};
    let betrieb = loaded(store).await;
    let a = network(store, "a", vec![betrieb]).await;
    let mut fair = new_event(betrieb, Some(a), "Jobmesse", "2026-05-09T08:00:00Z");
    fair.capacity = Some(10);
    let event = store.create_event(&fair).await.expect("event");

    let people: Vec<NewRegistration> = (0..50).map(person).collect();
    let results = join_all(people.iter().map(|p| store.register(event.id, p)).collect()).await;
    let regs: Vec<Registration> = results.into_iter().map(|r| r.expect("register")).collect();
    assert_eq!(regs.iter().filter(|r| r.status == Registered).count(), 10);
    assert_eq!(regs.iter().filter(|r| r.status == Waiting).count(), 40);
    let event_now = store.event(event.id).await.expect("event").expect("stored");
    assert_eq!((event_now.registered, event_now.waiting), (10, 40));
    assert_eq!(event_now.free(), Some(0));
    let registered = with_status(store, event.id, Registered).await;
    let waiting = with_status(store, event.id, Waiting).await;
    assert_eq!((registered.len(), waiting.len()), (10, 40));
    let max_registered = registered.iter().map(|r| r.id).max().expect("some");
    assert!(
        waiting.iter().all(|w| w.id > max_registered),
        "first come, first served"
    );
    assert!(waiting.windows(2).all(|w| w[0].id < w[1].id), "in order");
    let listed = store.registrations(event.id).await.expect("list");
    assert_eq!(
        listed.iter().map(|r| r.id).collect::<Vec<_>>(),
        registered
            .iter()
            .chain(&waiting)
            .map(|r| r.id)
            .collect::<Vec<_>>(),
        "registered, then waiting"
    );
    let hash_of = |r: &Registration| {
        let i: usize = r.name["Person ".len()..].parse().expect("number");
        people[i].cancel_hash.clone()
    };

    // A registered person cancels: exactly the first waiting one moves up.
    let leaving = &registered[3];
    let c = store
        .cancel_registration(&hash_of(leaving))
        .await
        .expect("cancel")
        .expect("cancelled");
    assert_eq!(c.cancelled.id, leaving.id);
    assert_eq!(c.cancelled.status, Cancelled);
    assert!(c.cancelled.updated_at >= leaving.updated_at);
    let promoted = c.promoted.expect("someone moves up");
    assert_eq!(promoted.id, waiting[0].id, "the longest-waiting person");
    assert_eq!(promoted.status, Registered);
    assert!(promoted.updated_at >= waiting[0].created_at);
    assert_eq!(
        store
            .registration_by_hash(&hash_of(&waiting[0]))
            .await
            .expect("by hash"),
        Some(promoted.clone())
    );
    assert_eq!(with_status(store, event.id, Registered).await.len(), 10);
    assert_eq!(with_status(store, event.id, Waiting).await.len(), 39);

    // A waiting person cancels: nobody moves.
    let c = store
        .cancel_registration(&hash_of(&waiting[5]))
        .await
        .expect("cancel")
        .expect("cancelled");
    assert_eq!(c.promoted, None);
    assert_eq!(c.cancelled.status, Cancelled);
    assert_eq!(with_status(store, event.id, Registered).await.len(), 10);
    assert_eq!(with_status(store, event.id, Waiting).await.len(), 38);

    // Twice, or unknown: None, and nothing changes.
    assert_eq!(
        store
            .cancel_registration(&hash_of(leaving))
            .await
            .expect("cancel"),
        None
    );
    assert_eq!(
        store.cancel_registration("nope").await.expect("cancel"),
        None
    );
    assert_eq!(with_status(store, event.id, Registered).await.len(), 10);
    assert_eq!(
        store
            .registration_by_hash(&hash_of(leaving))
            .await
            .expect("by hash")
            .map(|r| r.status),
        Some(Cancelled)
    );
    assert_eq!(
        store.registration_by_hash("nope").await.expect("hash"),
        None
    );

    // One live registration per address; after cancelling one may register again.
    for p in [&registered[0], &waiting[10]] {
        let again = store
            .register(
                event.id,
                &NewRegistration {
                    cancel_hash: format!("again-{}", p.id),
                    ..person(p.name["Person ".len()..].parse().expect("number"))
                },
            )
            .await;
        assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    }
    let back = store
        .register(
            event.id,
            &NewRegistration {
                cancel_hash: "back".into(),
                ..person(leaving.name["Person ".len()..].parse().expect("number"))
            },
        )
        .await
        .expect("register again");
    assert_eq!(back.status, Waiting);
    let dup_hash = store
        .register(
            event.id,
            &NewRegistration {
                email: "new@example.org".into(),
                ..person(0)
            },
        )
        .await;
    assert!(
        matches!(dup_hash, Err(StoreError::Conflict(_))),
        "{dup_hash:?}"
    );
    let nowhere = store.register(event.id + 1000, &person(99)).await;
    assert!(
        matches!(nowhere, Err(StoreError::NotFound(_))),
        "{nowhere:?}"
    );

    // Closed registration.
    let (closed, moved) = store
        .update_event(
            event.id,
            event.version,
            &NewEvent {
                registration_open: false,
                ..fair.clone()
            },
        )
        .await
        .expect("close");
    assert!(moved.is_empty());
    let late = store.register(event.id, &person(60)).await;
    assert!(matches!(late, Err(StoreError::Conflict(_))), "{late:?}");

    // Raising the capacity from 10 to 12 moves exactly the next two up.
    let waiting = with_status(store, event.id, Waiting).await;
    let (raised, moved) = store
        .update_event(
            event.id,
            closed.version,
            &NewEvent {
                capacity: Some(12),
                ..fair.clone()
            },
        )
        .await
        .expect("raise");
    assert_eq!(
        moved.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![waiting[0].id, waiting[1].id]
    );
    assert!(moved.iter().all(|r| r.status == Registered));
    assert_eq!((raised.registered, raised.waiting), (12, 37));
    assert_eq!(raised.version, closed.version + 1);
    // Lowering it moves nobody down.
    let (lowered, moved) = store
        .update_event(
            event.id,
            raised.version,
            &NewEvent {
                capacity: Some(11),
                ..fair.clone()
            },
        )
        .await
        .expect("lower");
    assert!(moved.is_empty());
    assert_eq!((lowered.registered, lowered.waiting), (12, 37));
    let (restored, _) = store
        .update_event(
            event.id,
            lowered.version,
            &NewEvent {
                capacity: Some(12),
                ..fair.clone()
            },
        )
        .await
        .expect("restore");
    assert_eq!((restored.registered, restored.waiting), (12, 37));

    // Five registered people cancel at once: five different people move up, in order.
    let registered = with_status(store, event.id, Registered).await;
    let waiting = with_status(store, event.id, Waiting).await;
    let hashes: Vec<String> = registered[..5].iter().map(hash_of).collect();
    let results = join_all(
        hashes
            .iter()
            .map(|h| store.cancel_registration(h))
            .collect(),
    )
    .await;
    let mut moved: Vec<i64> = results
        .into_iter()
        .map(|r| {
            r.expect("cancel")
                .expect("cancelled")
                .promoted
                .expect("moved up")
                .id
        })
        .collect();
    moved.sort_unstable();
    assert_eq!(moved, waiting[..5].iter().map(|r| r.id).collect::<Vec<_>>());
    let now = store.event(event.id).await.expect("event").expect("stored");
    assert_eq!((now.registered, now.waiting), (12, 32));

    // Attendance.
    let came = &with_status(store, event.id, Registered).await[0];
    store
        .set_attended(event.id, came.id, true)
        .await
        .expect("attended");
    assert!(
        store
            .registration_by_hash(&hash_of(came))
            .await
            .expect("hash")
            .expect("found")
            .attended
    );
    let wrong = store.set_attended(event.id + 1000, came.id, true).await;
    assert!(matches!(wrong, Err(StoreError::NotFound(_))), "{wrong:?}");

    // Without a limit everyone gets a place.
    let open = store
        .create_event(&new_event(
            betrieb,
            Some(a),
            "Infoabend",
            "2026-06-01T16:00:00Z",
        ))
        .await
        .expect("event");
    // Cancellation hashes are unique across events.
    let again: Vec<NewRegistration> = people[..8]
        .iter()
        .map(|p| NewRegistration {
            cancel_hash: format!("open-{}", p.cancel_hash),
            ..p.clone()
        })
        .collect();
    let results = join_all(again.iter().map(|p| store.register(open.id, p)).collect()).await;
    assert!(results
        .into_iter()
        .all(|r| r.expect("register").status == Registered));
    let open_now = store.event(open.id).await.expect("event").expect("stored");
    assert_eq!(
        (open_now.registered, open_now.waiting, open_now.free()),
        (8, 0, None)
    );
}

/// Optimistic locking: an update with a stale version is a `Conflict` and changes
/// nothing; of concurrent decisions on an idea from the same stage exactly one succeeds.
pub async fn stale_versions_and_concurrent_decisions_conflict(store: &dyn Store) {
    let betrieb = loaded(store).await;
    let anna = user(store, "anna@example.org", "Anna").await;
    let a = network(store, "a", vec![betrieb]).await;

    let m = store
        .create_measure(&new_measure(betrieb, vec![a], "Erster Stand"))
        .await
        .expect("create");
    let second = store
        .update_measure(m.id, 1, &new_measure(betrieb, vec![a], "Zweiter Stand"))
        .await
        .expect("update");
    assert_eq!(second.version, 2);
    let stale = store
        .update_measure(
            m.id,
            1,
            &NewMeasure {
                place_ids: vec![2898304],
                network_ids: vec![],
                all_networks: true,
                ..new_measure(betrieb, vec![a], "Veraltet")
            },
        )
        .await;
    match stale {
        Err(StoreError::Conflict(msg)) => assert!(msg.contains("version 2"), "{msg}"),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(
        store.measure(m.id).await.expect("measure"),
        Some(second.clone()),
        "unchanged"
    );
    // Two writers with the same version: one wins.
    let one = new_measure(betrieb, vec![a], "Eins");
    let two = new_measure(betrieb, vec![a], "Zwei");
    let results = join_all(vec![
        store.update_measure(m.id, 2, &one),
        store.update_measure(m.id, 2, &two),
    ])
    .await;
    assert_eq!(
        results.iter().filter(|r| r.is_ok()).count(),
        1,
        "{results:?}"
    );
    assert!(results
        .iter()
        .any(|r| matches!(r, Err(StoreError::Conflict(_)))));
    assert_eq!(
        store
            .measure(m.id)
            .await
            .expect("m")
            .expect("stored")
            .version,
        3
    );

    let event = store
        .create_event(&new_event(
            betrieb,
            Some(a),
            "Treffen",
            "2026-03-01T09:00:00Z",
        ))
        .await
        .expect("event");
    let renamed = NewEvent {
        title: "Neu".into(),
        ..new_event(betrieb, Some(a), "Treffen", "2026-03-01T09:00:00Z")
    };
    let (after, _) = store
        .update_event(event.id, 1, &renamed)
        .await
        .expect("update");
    assert_eq!(after.version, 2);
    let stale = store.update_event(event.id, 1, &renamed).await;
    assert!(matches!(stale, Err(StoreError::Conflict(_))), "{stale:?}");
    let missing = store.update_event(event.id + 1000, 1, &renamed).await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "{missing:?}"
    );
    assert_eq!(store.event(event.id).await.expect("e"), Some(after));

    // Concurrent decisions on one idea.
    let idea = store
        .create_idea(&NewIdea {
            network_id: a,
            working_group_id: None,
            org_id: betrieb,
            title: "Pendlerbus".into(),
            summary: String::new(),
            institution_ids: vec![],
            demo: false,
        })
        .await
        .expect("idea");
    let decide = |from, to, note: &str| Decision {
        id: 0,
        idea_id: idea.id,
        from,
        to,
        decided_on: NaiveDate::from_ymd_opt(2026, 2, 3).expect("date"),
        note: note.into(),
        decided_by: anna,
        decided_by_name: String::new(),
        at: ts("2026-02-03T10:00:00Z"),
    };
    use IdeaStage::*;
    let rounds = [
        vec![
            decide(Idea, PreConsultation, "a"),
            decide(Idea, PreConsultation, "b"),
            decide(Idea, PreConsultation, "c"),
            decide(Idea, PreConsultation, "d"),
            decide(Idea, PreConsultation, "e"),
            decide(Idea, PreConsultation, "f"),
        ],
        vec![
            decide(PreConsultation, Qualification, "x"),
            decide(PreConsultation, Rejected, "zu teuer"),
            decide(PreConsultation, Parked, "später"),
            decide(PreConsultation, Qualification, "y"),
        ],
    ];
    let mut decided = 0;
    for (i, round) in rounds.iter().enumerate() {
        let results = join_all(round.iter().map(|d| store.decide_idea(d, None)).collect()).await;
        let ok: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
        assert_eq!(ok.len(), 1, "round {i}: {results:?}");
        assert!(
            results
                .iter()
                .filter(|r| r.is_err())
                .all(|r| matches!(r, Err(StoreError::Conflict(_)))),
            "{results:?}"
        );
        decided += 1;
        let (moved, decision) = ok[0];
        assert_eq!(moved.stage, decision.to);
        assert_eq!(
            store
                .idea(idea.id)
                .await
                .expect("idea")
                .expect("idea")
                .stage,
            decision.to
        );
        assert_eq!(
            store.decisions(idea.id).await.expect("decisions").len(),
            decided
        );
    }
    assert_eq!(decided, 2);
}

/// Ideas: submitted with their institutions, listed per network (and working group),
/// moved by decisions that are kept with their author's name, parked and resumed where
/// they stopped, linked to a measure when running (unlinked when it is deleted);
/// comments keep their author's name; a decision from a stage the idea has left is a
/// `Conflict`, on a missing idea `NotFound`.
pub async fn ideas_move_by_decisions_and_keep_comments(store: &dyn Store) {
    use IdeaStage::*;
    let betrieb = loaded(store).await;
    let stadt = org(store, "Stadt Hoyerswerda", OrgKind::Municipality).await;
    let kammer = org(store, "Handwerkskammer", OrgKind::Chamber).await;
    let anna = user(store, "anna@example.org", "Anna Schmidt").await;
    let bert = user(store, "bert@example.org", "Bert Meier").await;
    let a = network(store, "a", vec![betrieb, stadt]).await;
    let b = network(store, "b", vec![kammer]).await;
    let group = store
        .create_group(&NewWorkingGroup {
            network_id: a,
            name: "Mobilität".into(),
            description: String::new(),
            lead_user_id: Some(anna),
            demo: false,
        })
        .await
        .expect("group");

    let submitted = NewIdea {
        network_id: a,
        working_group_id: Some(group.id),
        org_id: stadt,
        title: "Pendlerbus".into(),
        summary: "Ein Bus für Pendler/innen\nzwischen den Städten".into(),
        institution_ids: vec![betrieb, kammer],
        demo: true,
    };
    let before = Utc::now() - chrono::Duration::seconds(1);
    let idea = store.create_idea(&submitted).await.expect("idea");
    assert_eq!(idea.data, submitted);
    assert_eq!(idea.org_name, "Stadt Hoyerswerda");
    assert_eq!(idea.stage, Idea);
    assert_eq!((idea.parked_from, idea.measure_id), (None, None));
    assert!(idea.created_at > before);
    assert_eq!(idea.created_at, idea.updated_at);
    assert_eq!(store.idea(idea.id).await.expect("idea"), Some(idea.clone()));
    assert_eq!(store.idea(idea.id + 1000).await.expect("idea"), None);
    let other = store
        .create_idea(&NewIdea {
            working_group_id: None,
            title: "Wohnen auf Probe".into(),
            summary: String::new(),
            institution_ids: vec![],
            demo: false,
            ..submitted.clone()
        })
        .await
        .expect("idea");
    store
        .create_idea(&NewIdea {
            network_id: b,
            working_group_id: None,
            org_id: kammer,
            ..submitted.clone()
        })
        .await
        .expect("idea");
    let listed = |network, group| async move {
        store
            .ideas(network, group)
            .await
            .expect("ideas")
            .into_iter()
            .map(|i| i.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(listed(a, None).await, vec![other.id, idea.id]);
    assert_eq!(listed(a, Some(group.id)).await, vec![idea.id]);
    assert_eq!(listed(b, Some(group.id)).await, Vec::<i64>::new());

    let decide = |from, to, note: &str, by| Decision {
        id: 0,
        idea_id: idea.id,
        from,
        to,
        decided_on: NaiveDate::from_ymd_opt(2026, 2, 3).expect("date"),
        note: note.into(),
        decided_by: by,
        decided_by_name: String::new(),
        at: ts("2026-02-03T10:15:30.123456Z"),
    };
    let first = decide(Idea, PreConsultation, "In der AG besprechen", anna);
    let (moved, decision) = store.decide_idea(&first, None).await.expect("decide");
    assert!(decision.id > 0);
    assert_eq!(
        decision,
        Decision {
            id: decision.id,
            decided_by_name: "Anna Schmidt".into(),
            ..first.clone()
        }
    );
    assert_eq!(moved.stage, PreConsultation);
    assert!(moved.updated_at >= idea.updated_at);
    assert_eq!(
        listed(a, None).await,
        vec![idea.id, other.id],
        "newest change first"
    );

    // From a stage it has left: Conflict, nothing recorded.
    let stale = store.decide_idea(&first, None).await;
    assert!(matches!(stale, Err(StoreError::Conflict(_))), "{stale:?}");
    let missing = store
        .decide_idea(
            &Decision {
                idea_id: idea.id + 1000,
                ..first.clone()
            },
            None,
        )
        .await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "{missing:?}"
    );

    // Parked, and resumed where it stopped.
    let (parked, _) = store
        .decide_idea(
            &decide(PreConsultation, Parked, "Förderung abwarten", bert),
            None,
        )
        .await
        .expect("park");
    assert_eq!(
        (parked.stage, parked.parked_from),
        (Parked, Some(PreConsultation))
    );
    let (resumed, _) = store
        .decide_idea(&decide(Parked, PreConsultation, "weiter", bert), None)
        .await
        .expect("resume");
    assert_eq!(
        (resumed.stage, resumed.parked_from),
        (PreConsultation, None)
    );
    for (from, to) in [
        (PreConsultation, Qualification),
        (Qualification, Application),
    ] {
        store
            .decide_idea(&decide(from, to, "", anna), None)
            .await
            .expect("decide");
    }
    let m = store
        .create_measure(&new_measure(stadt, vec![a], "Pendlerbus"))
        .await
        .expect("measure");
    let (running, _) = store
        .decide_idea(&decide(Application, Running, "bewilligt", anna), Some(m.id))
        .await
        .expect("run");
    assert_eq!((running.stage, running.measure_id), (Running, Some(m.id)));
    let (completed, _) = store
        .decide_idea(&decide(Running, Completed, "", anna), None)
        .await
        .expect("complete");
    assert_eq!(completed.measure_id, Some(m.id), "kept when not given");
    let bad_measure = store
        .decide_idea(&decide(Completed, Evaluated, "", anna), Some(m.id + 1000))
        .await;
    assert!(
        matches!(bad_measure, Err(StoreError::NotFound(_))),
        "{bad_measure:?}"
    );
    assert_eq!(
        store
            .idea(idea.id)
            .await
            .expect("idea")
            .expect("idea")
            .stage,
        Completed,
        "nothing changed"
    );

    let decisions = store.decisions(idea.id).await.expect("decisions");
    assert_eq!(
        decisions
            .iter()
            .map(|d| (d.from, d.to, d.decided_by_name.as_str()))
            .collect::<Vec<_>>(),
        vec![
            (Idea, PreConsultation, "Anna Schmidt"),
            (PreConsultation, Parked, "Bert Meier"),
            (Parked, PreConsultation, "Bert Meier"),
            (PreConsultation, Qualification, "Anna Schmidt"),
            (Qualification, Application, "Anna Schmidt"),
            (Application, Running, "Anna Schmidt"),
            (Running, Completed, "Anna Schmidt"),
        ]
    );
    assert_eq!(decisions[0], decision);
    assert!(store.decisions(other.id).await.expect("none").is_empty());

    // Deleting the measure unlinks it.
    store.delete_measure(m.id).await.expect("delete");
    assert_eq!(
        store
            .idea(idea.id)
            .await
            .expect("idea")
            .expect("idea")
            .measure_id,
        None
    );

    // Comments.
    let c1 = store
        .add_comment(idea.id, bert, "Gute Idee!\nWer fährt?")
        .await
        .expect("comment");
    let c2 = store
        .add_comment(idea.id, anna, "Die Stadt.")
        .await
        .expect("comment");
    assert_eq!(
        (
            c1.idea_id,
            c1.user_id,
            c1.user_name.as_str(),
            c1.body.as_str()
        ),
        (idea.id, bert, "Bert Meier", "Gute Idee!\nWer fährt?")
    );
    assert!(c2.id > c1.id && c2.at >= c1.at);
    assert_eq!(
        store.comments(idea.id).await.expect("comments"),
        vec![c1, c2]
    );
    assert!(store.comments(other.id).await.expect("none").is_empty());
    let orphan = store.add_comment(idea.id + 1000, anna, "?").await;
    assert!(matches!(orphan, Err(StoreError::NotFound(_))), "{orphan:?}");
}

/// Working groups: created and changed with their lead (and the lead's name), listed
/// per network by name; members added once and removed; tasks with owners and due
/// dates, open ones first by due date, marked done and open again.
pub async fn groups_have_members_and_tasks(store: &dyn Store) {
    let betrieb = loaded(store).await;
    let anna = user(store, "anna@example.org", "Anna Schmidt").await;
    let bert = user(store, "bert@example.org", "Bert Meier").await;
    let carl = user(store, "carl@example.org", "Carl Zander").await;
    let a = network(store, "a", vec![betrieb]).await;
    let b = network(store, "b", vec![]).await;

    let written = NewWorkingGroup {
        network_id: a,
        name: "Willkommenskultur".into(),
        description: "Ankommen in der Lausitz".into(),
        lead_user_id: Some(anna),
        demo: true,
    };
    let g = store.create_group(&written).await.expect("group");
    assert_eq!(g.data, written);
    assert_eq!(g.lead_name.as_deref(), Some("Anna Schmidt"));
    assert_eq!(g.member_count, 0);
    assert_eq!(store.group(g.id).await.expect("group"), Some(g.clone()));
    assert_eq!(store.group(g.id + 1000).await.expect("group"), None);
    let other = store
        .create_group(&NewWorkingGroup {
            name: "Berufliche Orientierung".into(),
            description: String::new(),
            lead_user_id: None,
            demo: false,
            ..written.clone()
        })
        .await
        .expect("group");
    assert_eq!(other.lead_name, None);
    store
        .create_group(&NewWorkingGroup {
            network_id: b,
            ..written.clone()
        })
        .await
        .expect("group");
    assert_eq!(
        store
            .groups(a)
            .await
            .expect("groups")
            .iter()
            .map(|g| g.data.name.as_str())
            .collect::<Vec<_>>(),
        vec!["Berufliche Orientierung", "Willkommenskultur"]
    );
    assert_eq!(
        store.led_groups(anna).await.expect("led").len(),
        2,
        "a and b"
    );
    let changed = NewWorkingGroup {
        name: "Willkommen".into(),
        lead_user_id: Some(bert),
        ..written.clone()
    };
    let g2 = store.update_group(g.id, &changed).await.expect("update");
    assert_eq!(g2.data, changed);
    assert_eq!(g2.lead_name.as_deref(), Some("Bert Meier"));
    assert_eq!(store.led_groups(bert).await.expect("led"), vec![g.id]);
    assert!(!store.led_groups(anna).await.expect("led").contains(&g.id));
    let missing = store.update_group(g.id + 1000, &changed).await;
    assert!(
        matches!(missing, Err(StoreError::NotFound(_))),
        "{missing:?}"
    );

    // Members.
    for u in [carl, anna, carl] {
        store.add_group_member(g.id, u).await.expect("add");
    }
    assert_eq!(
        store.group_members(g.id).await.expect("members"),
        vec![
            (anna, "Anna Schmidt".to_string()),
            (carl, "Carl Zander".to_string())
        ]
    );
    assert_eq!(
        store.group(g.id).await.expect("g").expect("g").member_count,
        2
    );
    store.remove_group_member(g.id, anna).await.expect("remove");
    let again = store.remove_group_member(g.id, anna).await;
    assert!(matches!(again, Err(StoreError::NotFound(_))), "{again:?}");
    assert_eq!(
        store.group_members(g.id).await.expect("members"),
        vec![(carl, "Carl Zander".to_string())]
    );
    let nobody = store.add_group_member(g.id, carl + 1000).await;
    assert!(matches!(nobody, Err(StoreError::NotFound(_))), "{nobody:?}");

    // Tasks.
    let task = |title: &str, owner, due: Option<(i32, u32, u32)>| NewTask {
        group_id: g.id,
        title: title.into(),
        owner_user_id: owner,
        due: due.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
    };
    let later = store
        .create_task(&task("Flyer drucken", Some(carl), Some((2026, 5, 1))))
        .await
        .expect("task");
    assert_eq!(
        later.data,
        task("Flyer drucken", Some(carl), Some((2026, 5, 1)))
    );
    assert_eq!(later.owner_name.as_deref(), Some("Carl Zander"));
    assert_eq!(later.done_at, None);
    let someday = store
        .create_task(&task("Ideen sammeln", None, None))
        .await
        .expect("task");
    assert_eq!(someday.owner_name, None);
    let soon = store
        .create_task(&task("Raum buchen", Some(bert), Some((2026, 3, 1))))
        .await
        .expect("task");
    let first = store
        .create_task(&task("Einladung", Some(bert), Some((2026, 2, 1))))
        .await
        .expect("task");
    let order = |tasks: Vec<Task>| tasks.into_iter().map(|t| t.id).collect::<Vec<_>>();
    assert_eq!(
        order(store.tasks(g.id).await.expect("tasks")),
        vec![first.id, soon.id, later.id, someday.id]
    );
    let done_at = ts("2026-02-01T12:00:00.5Z");
    let done = store
        .set_task_done(g.id, first.id, Some(done_at))
        .await
        .expect("done");
    assert_eq!(done.done_at, Some(done_at));
    assert_eq!(done.data, first.data);
    assert_eq!(
        order(store.tasks(g.id).await.expect("tasks")),
        vec![soon.id, later.id, someday.id, first.id],
        "done ones last"
    );
    let wrong = store.set_task_done(other.id, soon.id, Some(done_at)).await;
    assert!(matches!(wrong, Err(StoreError::NotFound(_))), "{wrong:?}");
    let reopened = store
        .set_task_done(g.id, first.id, None)
        .await
        .expect("open");
    assert_eq!(reopened, first);
    assert!(store.tasks(other.id).await.expect("tasks").is_empty());
}

/// Contact persons: every field read back, listed per network by organisation and
/// name, removed only from their own network. The networks of a user and an
/// organisation follow the memberships.
pub async fn contacts_and_networks_follow_memberships(store: &dyn Store) {
    let betrieb = loaded(store).await;
    let stadt = org(store, "Stadt Hoyerswerda", OrgKind::Municipality).await;
    let kammer = org(store, "Handwerkskammer", OrgKind::Chamber).await;
    let anna = user(store, "anna@example.org", "Anna").await;
    let bert = user(store, "bert@example.org", "Bert").await;
    let a = network(store, "a", vec![betrieb, stadt]).await;
    let b = network(store, "b", vec![stadt, kammer]).await;
    store
        .set_role(betrieb, anna, Role::Admin)
        .await
        .expect("role");
    store
        .set_role(stadt, anna, Role::Member)
        .await
        .expect("role");
    store
        .set_role(kammer, bert, Role::Editor)
        .await
        .expect("role");

    assert_eq!(store.user_networks(anna).await.expect("nets"), vec![a, b]);
    assert_eq!(store.user_networks(bert).await.expect("nets"), vec![b]);
    assert!(store
        .user_networks(bert + 1000)
        .await
        .expect("nets")
        .is_empty());
    assert_eq!(store.org_networks(stadt).await.expect("nets"), vec![a, b]);
    assert_eq!(store.org_networks(betrieb).await.expect("nets"), vec![a]);
    store.remove_member(stadt, anna).await.expect("leave");
    store.add_network_org(a, kammer).await.expect("join");
    assert_eq!(store.user_networks(anna).await.expect("nets"), vec![a]);
    assert_eq!(store.user_networks(bert).await.expect("nets"), vec![a, b]);

    let contact = |org_id, name: &str| NewContact {
        network_id: a,
        org_id,
        user_id: None,
        name: name.into(),
        function: String::new(),
        email: format!("{}@example.org", name.to_lowercase()),
        phone: String::new(),
        consent_at: ts("2026-01-10T09:00:00Z"),
        demo: false,
    };
    let full = NewContact {
        user_id: Some(anna),
        function: "Wirtschaftsförderung".into(),
        phone: "+49 3571 123456".into(),
        consent_at: ts("2026-01-10T09:30:15.654321Z"),
        demo: true,
        ..contact(stadt, "Zora")
    };
    let z = store.add_contact(&full).await.expect("contact");
    assert_eq!(z.data, full);
    assert_eq!(z.org_name, "Stadt Hoyerswerda");
    let m = store
        .add_contact(&contact(stadt, "Mia"))
        .await
        .expect("contact");
    let t = store
        .add_contact(&contact(betrieb, "Tom"))
        .await
        .expect("contact");
    let h = store
        .add_contact(&NewContact {
            network_id: b,
            ..contact(kammer, "Hans")
        })
        .await
        .expect("contact");
    assert_eq!(
        store.contacts(a).await.expect("contacts"),
        vec![m.clone(), z.clone(), t.clone()],
        "by organisation name, then name"
    );
    assert_eq!(store.contacts(b).await.expect("contacts"), vec![h.clone()]);
    let elsewhere = store.remove_contact(b, z.id).await;
    assert!(
        matches!(elsewhere, Err(StoreError::NotFound(_))),
        "{elsewhere:?}"
    );
    store.remove_contact(a, z.id).await.expect("remove");
    assert_eq!(store.contacts(a).await.expect("contacts"), vec![m, t]);
    let bad = store.add_contact(&contact(kammer + 1000, "Nobody")).await;
    assert!(matches!(bad, Err(StoreError::NotFound(_))), "{bad:?}");
}

/// Events: every field read back; listed by start with the total, filtered by network,
/// organiser, working group, kind and time, and by who may see them; the counts of
/// registered and waiting people come with them.
pub async fn events_round_trip_and_are_listed_by_start(store: &dyn Store) {
    let betrieb = loaded(store).await;
    let stadt = org(store, "Stadt Hoyerswerda", OrgKind::Municipality).await;
    let kammer = org(store, "Handwerkskammer", OrgKind::Chamber).await;
    let anna = user(store, "anna@example.org", "Anna").await;
    let a = network(store, "a", vec![betrieb, stadt]).await;
    let b = network(store, "b", vec![kammer]).await;
    let group = store
        .create_group(&NewWorkingGroup {
            network_id: a,
            name: "AG Fachkräfte".into(),
            description: String::new(),
            lead_user_id: Some(anna),
            demo: false,
        })
        .await
        .expect("group");

    let full = NewEvent {
        org_id: stadt,
        network_id: Some(a),
        working_group_id: Some(group.id),
        kind: EventKind::WorkingGroupMeeting,
        title: "AG-Sitzung".into(),
        description: "Zweite Sitzung\nmit Gästen".into(),
        venue: "Rathaus Hoyerswerda".into(),
        address: "Markt 1, 02977 Hoyerswerda".into(),
        online_url: Some("https://meet.example.org/ag".into()),
        starts_at: ts("2026-04-01T08:30:00.123456Z"),
        ends_at: ts("2026-04-01T10:00:00Z"),
        capacity: Some(20),
        slot_minutes: None,
        registration_open: false,
        visibility: Visibility::Members,
        agenda: "1. Begrüßung\n2. Berichte".into(),
        minutes: "Alle da.".into(),
        demo: true,
    };
    let before = Utc::now() - chrono::Duration::seconds(1);
    let meeting = store.create_event(&full).await.expect("event");
    assert_eq!(meeting.data, full);
    assert_eq!(meeting.org_name, "Stadt Hoyerswerda");
    assert_eq!(
        (meeting.registered, meeting.waiting, meeting.version),
        (0, 0, 1)
    );
    assert!(meeting.created_at > before);
    assert_eq!(meeting.created_at, meeting.updated_at);
    assert_eq!(
        store.event(meeting.id).await.expect("event"),
        Some(meeting.clone())
    );
    assert_eq!(store.event(meeting.id + 1000).await.expect("event"), None);

    let fair = store
        .create_event(&NewEvent {
            kind: EventKind::JobFair,
            capacity: Some(1),
            ..new_event(betrieb, Some(a), "Jobmesse", "2026-03-01T09:00:00Z")
        })
        .await
        .expect("event");
    let day = store
        .create_event(&NewEvent {
            kind: EventKind::ReturneeDay,
            ..new_event(kammer, Some(b), "Rückkehrertag", "2026-03-01T09:00:00Z")
        })
        .await
        .expect("event");
    let own = store
        .create_event(&NewEvent {
            visibility: Visibility::Members,
            ..new_event(kammer, None, "Intern", "2026-05-01T09:00:00Z")
        })
        .await
        .expect("event");
    for i in 0..3 {
        store.register(fair.id, &person(i)).await.expect("register");
    }

    let list = |f: EventFilter| async move {
        let (events, total) = store.events(&f).await.expect("events");
        (events.iter().map(|e| e.id).collect::<Vec<_>>(), total)
    };
    let all = |f: EventFilter| EventFilter {
        members_of: Audience::All,
        ..f
    };
    let ids = |v: &[i64]| (v.to_vec(), v.len() as i64);
    assert_eq!(
        list(all(EventFilter::default())).await,
        ids(&[fair.id, day.id, meeting.id, own.id]),
        "by start, then id"
    );
    let (events, _) = store
        .events(&all(EventFilter::default()))
        .await
        .expect("events");
    assert_eq!((events[0].registered, events[0].waiting), (1, 2));
    assert_eq!(events[2], meeting);
    assert_eq!(
        list(EventFilter::default()).await,
        ids(&[fair.id, day.id]),
        "the public sees public events"
    );
    assert_eq!(
        list(EventFilter {
            members_of: Audience::Member {
                networks: vec![a],
                orgs: vec![],
            },
            ..Default::default()
        })
        .await,
        ids(&[fair.id, day.id, meeting.id])
    );
    assert_eq!(
        list(EventFilter {
            members_of: Audience::Member {
                networks: vec![b],
                orgs: vec![kammer],
            },
            ..Default::default()
        })
        .await,
        ids(&[fair.id, day.id, own.id]),
        "members of b see their own, not a's internal meeting"
    );
    assert_eq!(
        list(all(EventFilter {
            network: Some(a),
            ..Default::default()
        }))
        .await,
        ids(&[fair.id, meeting.id])
    );
    assert_eq!(
        list(all(EventFilter {
            org: Some(kammer),
            ..Default::default()
        }))
        .await,
        ids(&[day.id, own.id])
    );
    assert_eq!(
        list(all(EventFilter {
            working_group: Some(group.id),
            ..Default::default()
        }))
        .await,
        ids(&[meeting.id])
    );
    assert_eq!(
        list(all(EventFilter {
            kind: Some(EventKind::ReturneeDay),
            ..Default::default()
        }))
        .await,
        ids(&[day.id])
    );
    // Time: ending at or after `from`, starting before `until`.
    assert_eq!(
        list(all(EventFilter {
            from: Some(ts("2026-04-01T10:00:00Z")),
            ..Default::default()
        }))
        .await,
        ids(&[meeting.id, own.id])
    );
    assert_eq!(
        list(all(EventFilter {
            from: Some(ts("2026-04-01T10:00:00.000001Z")),
            ..Default::default()
        }))
        .await,
        ids(&[own.id])
    );
    assert_eq!(
        list(all(EventFilter {
            until: Some(ts("2026-04-01T08:30:00.123456Z")),
            ..Default::default()
        }))
        .await,
        ids(&[fair.id, day.id])
    );
    assert_eq!(
        list(all(EventFilter {
            from: Some(ts("2026-03-01T10:00:00Z")),
            until: Some(ts("2026-04-02T00:00:00Z")),
            ..Default::default()
        }))
        .await,
        ids(&[fair.id, day.id, meeting.id])
    );
    let (page, total) = store
        .events(&all(EventFilter {
            limit: 2,
            offset: 1,
            ..Default::default()
        }))
        .await
        .expect("page");
    assert_eq!(
        (page.iter().map(|e| e.id).collect::<Vec<_>>(), total),
        (vec![day.id, meeting.id], 4)
    );

    // Update replaces every field.
    let changed = NewEvent {
        org_id: betrieb,
        network_id: Some(b),
        working_group_id: None,
        kind: EventKind::ConsultationDay,
        title: "Beratungstag".into(),
        description: String::new(),
        venue: String::new(),
        address: String::new(),
        online_url: None,
        starts_at: ts("2026-06-01T07:00:00Z"),
        ends_at: ts("2026-06-01T15:00:00Z"),
        capacity: Some(16),
        slot_minutes: Some(30),
        registration_open: true,
        visibility: Visibility::Public,
        agenda: String::new(),
        minutes: String::new(),
        demo: false,
    };
    let (updated, moved) = store
        .update_event(meeting.id, 1, &changed)
        .await
        .expect("update");
    assert!(moved.is_empty());
    assert_eq!(updated.data, changed);
    assert_eq!(updated.org_name, "Testbetrieb GmbH");
    assert_eq!(updated.version, 2);
    assert_eq!(updated.created_at, meeting.created_at);
    assert!(updated.updated_at >= meeting.updated_at);
    assert_eq!(store.event(meeting.id).await.expect("event"), Some(updated));
    // Dropping the limit moves everyone waiting up.
    let (unlimited, moved) = store
        .update_event(
            fair.id,
            1,
            &NewEvent {
                kind: EventKind::JobFair,
                capacity: None,
                ..new_event(betrieb, Some(a), "Jobmesse", "2026-03-01T09:00:00Z")
            },
        )
        .await
        .expect("unlimited");
    assert_eq!(moved.len(), 2);
    assert_eq!((unlimited.registered, unlimited.waiting), (3, 0));
}

/// Calling an event off: the answer is exactly the live (registered and waiting)
/// registrations, registered first, whose status stays as it was; the event keeps
/// `cancelled_at` (also in lists and after an update), its registration is closed and
/// its version bumped; calling it off twice is a `Conflict`, an unknown event
/// `NotFound`; registering afterwards is a `Conflict`, even when an update opened the
/// registration again.
pub async fn events_can_be_called_off(store: &dyn Store) {
    use RegistrationStatus::{Cancelled, Registered, Waiting};
    let betrieb = loaded(store).await;
    let a = network(store, "a", vec![betrieb]).await;
    let mut fair = new_event(betrieb, Some(a), "Jobmesse", "2026-05-09T08:00:00Z");
    fair.capacity = Some(2);
    let event = store.create_event(&fair).await.expect("event");
    let mut regs = Vec::new();
    for i in 0..4 {
        regs.push(
            store
                .register(event.id, &person(i))
                .await
                .expect("register"),
        );
    }
    assert_eq!(
        regs.iter().map(|r| r.status).collect::<Vec<_>>(),
        [Registered, Registered, Waiting, Waiting]
    );
    // A waiting person leaves: nobody moves up, and they are not told again.
    store
        .cancel_registration("cancel-3")
        .await
        .expect("cancel")
        .expect("was live");
    let before = store.event(event.id).await.expect("event").expect("stored");
    assert_eq!(before.cancelled_at, None);
    assert!(!before.is_cancelled());

    let at = ts("2026-04-20T10:15:00.123456Z");
    let told = store.cancel_event(event.id, at).await.expect("call off");
    assert_eq!(
        told.iter().map(|r| r.id).collect::<Vec<_>>(),
        regs[..3].iter().map(|r| r.id).collect::<Vec<_>>(),
        "exactly the live registrations, registered first"
    );
    assert_eq!(
        told.iter().map(|r| r.status).collect::<Vec<_>>(),
        [Registered, Registered, Waiting]
    );
    assert_eq!(told[0].email, "person0@example.org");
    let after = store.event(event.id).await.expect("event").expect("stored");
    assert_eq!(
        after.cancelled_at,
        Some(at),
        "round trip to the microsecond"
    );
    assert!(after.is_cancelled());
    assert!(!after.data.registration_open);
    assert_eq!(after.version, before.version + 1);
    assert!(after.updated_at >= before.updated_at);
    assert_eq!((after.registered, after.waiting), (2, 1), "statuses stay");
    assert_eq!(
        with_status(store, event.id, Cancelled).await.len(),
        1,
        "only the one who left is cancelled"
    );
    let (listed, _) = store
        .events(&EventFilter {
            network: Some(a),
            ..EventFilter::default()
        })
        .await
        .expect("events");
    assert_eq!(listed, vec![after.clone()], "lists keep cancelled events");

    let twice = store.cancel_event(event.id, at).await;
    assert!(matches!(twice, Err(StoreError::Conflict(_))), "{twice:?}");
    let unknown = store.cancel_event(event.id + 1000, at).await;
    assert!(
        matches!(unknown, Err(StoreError::NotFound(_))),
        "{unknown:?}"
    );
    let late = store.register(event.id, &person(9)).await;
    assert!(matches!(late, Err(StoreError::Conflict(_))), "{late:?}");

    // An update keeps the event cancelled, even one that opens registration again.
    let (updated, _) = store
        .update_event(
            event.id,
            after.version,
            &NewEvent {
                capacity: Some(5),
                ..fair.clone()
            },
        )
        .await
        .expect("update");
    assert_eq!(updated.cancelled_at, Some(at));
    assert!(updated.data.registration_open);
    let late = store.register(event.id, &person(9)).await;
    assert!(matches!(late, Err(StoreError::Conflict(_))), "{late:?}");
    assert_eq!(store.registrations(event.id).await.expect("list").len(), 4);

    // An event nobody registered for: nobody to tell.
    let quiet = store
        .create_event(&new_event(
            betrieb,
            None,
            "Infoabend",
            "2026-06-01T16:00:00Z",
        ))
        .await
        .expect("event");
    assert_eq!(
        store.cancel_event(quiet.id, at).await.expect("call off"),
        Vec::new()
    );
}

/// Series: consultation hours every second week, six dates, each an event of its own
/// with the same content, its own times and its own slots, all naming the first as their
/// `series_id` and listed by `EventFilter::series`; a booking in one date leaves the same
/// time of another date free. A date that is not a valid event (ending before it starts)
/// fails the whole series: nothing is stored.
pub async fn event_series_are_stored_all_or_nothing(store: &dyn Store) {
    use RegistrationStatus::Registered;
    let betrieb = loaded(store).await;
    let a = network(store, "a", vec![betrieb]).await;
    let count = || async {
        store
            .events(&EventFilter {
                members_of: Audience::All,
                ..EventFilter::default()
            })
            .await
            .expect("events")
            .1
    };
    let single = store
        .create_event(&new_event(
            betrieb,
            Some(a),
            "Infoabend",
            "2026-05-01T16:00:00Z",
        ))
        .await
        .expect("event");
    assert_eq!(single.series_id, None, "an event on its own is no series");

    // 07:00–10:00 UTC in 30 minutes: six slots a date; every 14 days, six dates.
    let first = NewEvent {
        kind: EventKind::ConsultationDay,
        venue: "Industriepark Schwarze Pumpe, Dock 3".into(),
        slot_minutes: Some(30),
        ..new_event(betrieb, Some(a), "Sprechstunde", "2026-05-12T07:00:00Z")
    }
    .validate()
    .expect("valid");
    let occurrences: Vec<(DateTime<Utc>, DateTime<Utc>)> = (0..6)
        .map(|i| {
            let start = first.starts_at + chrono::Duration::days(14 * i);
            (start, start + chrono::Duration::hours(3))
        })
        .collect();
    let series = store
        .create_event_series(&first, &occurrences)
        .await
        .expect("series");
    assert_eq!(series.len(), 6);
    let series_id = series[0].id;
    for (e, (start, end)) in series.iter().zip(&occurrences) {
        assert_eq!(e.series_id, Some(series_id), "the first included");
        assert_eq!(
            e.data,
            NewEvent {
                starts_at: *start,
                ends_at: *end,
                capacity: Some(6),
                ..first.clone()
            }
        );
        assert_eq!((e.version, e.registered, e.waiting), (1, 0, 0));
        let slots = e.slots();
        assert_eq!(slots.len(), 6, "slots per date");
        assert_eq!(slots[0], *start);
        assert_eq!(
            store.event(e.id).await.expect("event"),
            Some(e.clone()),
            "round trip"
        );
    }
    assert!(
        series.windows(2).all(|w| w[0].id < w[1].id),
        "in the order of the dates"
    );
    let (listed, total) = store
        .events(&EventFilter {
            series: Some(series_id),
            members_of: Audience::All,
            ..EventFilter::default()
        })
        .await
        .expect("events");
    assert_eq!(total, 6);
    assert_eq!(
        listed.iter().map(|e| e.id).collect::<Vec<_>>(),
        series.iter().map(|e| e.id).collect::<Vec<_>>(),
        "the series' dates, by start"
    );
    assert_eq!(count().await, 7);

    // 07:00 of date 3 is booked; 07:00 of date 4 stays free.
    let (third, fourth) = (&series[2], &series[3]);
    let booked = store
        .register(
            third.id,
            &NewRegistration {
                slot: Some(third.slots()[0]),
                ..person(1)
            },
        )
        .await
        .expect("register");
    assert_eq!((booked.status, booked.event_id), (Registered, third.id));
    let fourth_now = store
        .event(fourth.id)
        .await
        .expect("event")
        .expect("stored");
    assert_eq!((fourth_now.registered, fourth_now.free()), (0, Some(6)));
    let other = store
        .register(
            fourth.id,
            &NewRegistration {
                slot: Some(fourth.slots()[0]),
                ..person(2)
            },
        )
        .await
        .expect("the same time two weeks later is free");
    assert_eq!((other.status, other.event_id), (Registered, fourth.id));
    // Date 3's slot is not one of date 4's.
    let wrong = store
        .register(
            fourth.id,
            &NewRegistration {
                slot: Some(third.slots()[1]),
                ..person(3)
            },
        )
        .await;
    assert!(matches!(wrong, Err(StoreError::Invalid(_))), "{wrong:?}");

    // The fourth date ends before it starts: nothing of the series is stored.
    let mut bad = occurrences.clone();
    bad[3].1 = bad[3].0 - chrono::Duration::minutes(1);
    let failed = store.create_event_series(&first, &bad).await;
    assert!(
        matches!(&failed, Err(StoreError::Invalid(m)) if m.starts_with("ends_at")),
        "{failed:?}"
    );
    assert_eq!(count().await, 7, "nothing half-stored");
    let none = store.create_event_series(&first, &[]).await;
    assert!(matches!(none, Err(StoreError::Invalid(_))), "{none:?}");
    assert_eq!(count().await, 7);
}

/// Slots: an event with slots is booked one person per slot. Of concurrent bookings of
/// the same slot exactly one succeeds (the others are `Conflict`), different slots all
/// succeed, always `Registered` (no waiting list); a slot that is not one of the event's
/// (or none, or one for an event without slots) is `Invalid` naming `slot`; a
/// cancellation frees the slot and moves nobody up; the slot reads back with the
/// registration; an update that would leave a booked slot out is a `Conflict` and
/// changes nothing.
pub async fn slots_are_booked_once_each(store: &dyn Store) {
    use RegistrationStatus::{Cancelled, Registered};
    let betrieb = loaded(store).await;
    let a = network(store, "a", vec![betrieb]).await;
    // 08:00–10:00 in 30 minutes: four slots.
    let day = NewEvent {
        kind: EventKind::ConsultationDay,
        venue: "Dock 3 Lausitz, Industriepark Schwarze Pumpe".into(),
        slot_minutes: Some(30),
        ..new_event(betrieb, Some(a), "Beratungstag", "2026-05-12T08:00:00Z")
    }
    .validate()
    .expect("valid");
    assert_eq!(day.capacity, Some(4), "one place per slot");
    let event = store.create_event(&day).await.expect("event");
    assert_eq!(event.data, day);
    assert_eq!(event.data.slot_minutes, Some(30));
    assert_eq!(
        store.event(event.id).await.expect("event"),
        Some(event.clone())
    );
    let slots = event.slots();
    assert_eq!(
        slots,
        vec![
            ts("2026-05-12T08:00:00Z"),
            ts("2026-05-12T08:30:00Z"),
            ts("2026-05-12T09:00:00Z"),
            ts("2026-05-12T09:30:00Z"),
        ]
    );
    let booking = |i: usize, slot: DateTime<Utc>| NewRegistration {
        slot: Some(slot),
        ..person(i)
    };

    // Ten people at once for the first slot: exactly one gets it.
    let people: Vec<NewRegistration> = (0..10).map(|i| booking(i, slots[0])).collect();
    let results = join_all(people.iter().map(|p| store.register(event.id, p)).collect()).await;
    let won: Vec<&Registration> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(won.len(), 1, "{results:?}");
    assert_eq!(won[0].status, Registered);
    assert_eq!(won[0].slot, Some(slots[0]));
    for r in &results {
        if let Err(e) = r {
            assert!(matches!(e, StoreError::Conflict(_)), "{e:?}");
        }
    }
    let first = won[0].clone();

    // Three people at once for the other three slots: all get theirs.
    let others: Vec<NewRegistration> = (1..4).map(|i| booking(10 + i, slots[i])).collect();
    let results = join_all(others.iter().map(|p| store.register(event.id, p)).collect()).await;
    for (r, slot) in results.iter().zip(&slots[1..]) {
        let r = r.as_ref().expect("register");
        assert_eq!((r.status, r.slot), (Registered, Some(*slot)));
    }
    let now = store.event(event.id).await.expect("event").expect("stored");
    assert_eq!((now.registered, now.waiting, now.free()), (4, 0, Some(0)));
    // Fully booked: a booked slot stays taken, there is no waiting list.
    let late = store.register(event.id, &booking(20, slots[2])).await;
    assert!(
        matches!(&late, Err(StoreError::Conflict(m)) if m == "slot taken"),
        "{late:?}"
    );

    // The slot reads back with the registration.
    let listed = store.registrations(event.id).await.expect("registrations");
    let mut booked: Vec<DateTime<Utc>> = listed.iter().filter_map(|r| r.slot).collect();
    booked.sort_unstable();
    assert_eq!(booked, slots);
    assert_eq!(
        store
            .registration_by_hash(&first.name.replace("Person ", "cancel-"))
            .await
            .expect("by hash"),
        Some(first.clone())
    );

    // Not a slot, no slot, a slot of an event without slots: `Invalid` naming `slot`.
    for wrong in [
        Some(ts("2026-05-12T08:15:00Z")),
        Some(ts("2026-05-12T10:00:00Z")),
        Some(ts("2026-05-12T07:30:00Z")),
        None,
    ] {
        let r = store
            .register(
                event.id,
                &NewRegistration {
                    slot: wrong,
                    ..person(30)
                },
            )
            .await;
        assert!(
            matches!(&r, Err(StoreError::Invalid(m)) if m.starts_with("slot")),
            "{wrong:?}: {r:?}"
        );
    }
    let plain = store
        .create_event(&new_event(
            betrieb,
            Some(a),
            "Infoabend",
            "2026-05-12T16:00:00Z",
        ))
        .await
        .expect("event");
    let r = store
        .register(
            plain.id,
            &NewRegistration {
                cancel_hash: "plain-31".into(),
                ..booking(31, ts("2026-05-12T16:00:00Z"))
            },
        )
        .await;
    assert!(
        matches!(&r, Err(StoreError::Invalid(m)) if m.starts_with("slot")),
        "{r:?}"
    );
    // One address books one slot.
    let twice = store
        .register(
            event.id,
            &NewRegistration {
                cancel_hash: "twice".into(),
                ..booking(12, slots[0])
            },
        )
        .await;
    assert!(matches!(twice, Err(StoreError::Conflict(_))), "{twice:?}");

    // Cancelling frees the slot and moves nobody up; someone else books it.
    let c = store
        .cancel_registration(&first.name.replace("Person ", "cancel-"))
        .await
        .expect("cancel")
        .expect("cancelled");
    assert_eq!(c.promoted, None);
    assert_eq!(
        (c.cancelled.status, c.cancelled.slot),
        (Cancelled, Some(slots[0]))
    );
    let now = store.event(event.id).await.expect("event").expect("stored");
    assert_eq!((now.registered, now.free()), (3, Some(1)));
    let again = store
        .register(event.id, &booking(40, slots[0]))
        .await
        .expect("the freed slot");
    assert_eq!((again.status, again.slot), (Registered, Some(slots[0])));

    // Changing the slots so that a booked one is no longer a slot: `Conflict`, and
    // nothing changes.
    let hourly = NewEvent {
        slot_minutes: Some(60),
        ..day.clone()
    }
    .validate()
    .expect("valid");
    let refused = store.update_event(event.id, event.version, &hourly).await;
    assert!(
        matches!(&refused, Err(StoreError::Conflict(m)) if m.starts_with("slots")),
        "{refused:?}"
    );
    let later = NewEvent {
        starts_at: day.starts_at + chrono::Duration::minutes(15),
        ends_at: day.ends_at + chrono::Duration::minutes(15),
        ..day.clone()
    }
    .validate()
    .expect("valid");
    let refused = store.update_event(event.id, event.version, &later).await;
    assert!(
        matches!(&refused, Err(StoreError::Conflict(m)) if m.starts_with("slots")),
        "{refused:?}"
    );
    let without = NewEvent {
        slot_minutes: None,
        ..day.clone()
    };
    let refused = store.update_event(event.id, event.version, &without).await;
    assert!(
        matches!(&refused, Err(StoreError::Conflict(m)) if m.starts_with("slots")),
        "{refused:?}"
    );
    assert_eq!(
        store.event(event.id).await.expect("event").map(|e| e.data),
        Some(day.clone()),
        "nothing changed"
    );
    // Two more slots at the end keep the booked ones.
    let longer = NewEvent {
        ends_at: day.ends_at + chrono::Duration::hours(1),
        ..day.clone()
    }
    .validate()
    .expect("valid");
    let (extended, moved) = store
        .update_event(event.id, event.version, &longer)
        .await
        .expect("longer");
    assert!(moved.is_empty());
    assert_eq!(extended.data.capacity, Some(6));
    assert_eq!(extended.slots().len(), 6);
    assert_eq!((extended.registered, extended.free()), (4, Some(2)));
    // An event without slots but with registrations does not get slots.
    store
        .register(plain.id, &person(50))
        .await
        .expect("register");
    let slotted = NewEvent {
        slot_minutes: Some(30),
        ..new_event(betrieb, Some(a), "Infoabend", "2026-05-12T16:00:00Z")
    }
    .validate()
    .expect("valid");
    let refused = store.update_event(plain.id, plain.version, &slotted).await;
    assert!(
        matches!(&refused, Err(StoreError::Conflict(m)) if m.starts_with("slots")),
        "{refused:?}"
    );
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
/// imports, and then exports the same; accounts, networks, tokens, the audit log,
/// stored files (every byte) and the network workspace (measures, groups, ideas,
/// events and registrations, contacts) read back alike; sessions, one-time links and
/// login failures are not carried over; new rows get keys above the imported ones.
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
    source
        .set_totp_secret(anna, Some("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"))
        .await
        .expect("totp");
    source
        .record_totp_step(anna, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 59_000_001)
        .await
        .expect("step");
    source
        .enable_totp(
            anna,
            "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
            ts("2026-11-02T07:31:00.5Z"),
        )
        .await
        .expect("totp on");
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
    // The network workspace: a row in each of its tables.
    let contact = source
        .add_contact(&NewContact {
            network_id: net.id,
            org_id: stadt,
            user_id: Some(bert),
            name: "Bert".into(),
            function: "Wirtschaftsförderung".into(),
            email: "bert@example.org".into(),
            phone: "+49 3571 1".into(),
            consent_at: ts("2026-01-10T09:30:15.654321Z"),
            demo: false,
        })
        .await
        .expect("contact");
    let measure = source
        .create_measure(&full_measure(emp, vec![net.id]))
        .await
        .expect("measure");
    let group = source
        .create_group(&NewWorkingGroup {
            network_id: net.id,
            name: "AG Mobilität".into(),
            description: String::new(),
            lead_user_id: Some(anna),
            demo: false,
        })
        .await
        .expect("group");
    source
        .add_group_member(group.id, bert)
        .await
        .expect("member");
    let task = source
        .create_task(&NewTask {
            group_id: group.id,
            title: "Fahrplan prüfen".into(),
            owner_user_id: Some(bert),
            due: NaiveDate::from_ymd_opt(2026, 3, 1),
        })
        .await
        .expect("task");
    source
        .set_task_done(group.id, task.id, Some(ts("2026-02-20T12:00:00Z")))
        .await
        .expect("done");
    let idea = source
        .create_idea(&NewIdea {
            network_id: net.id,
            working_group_id: Some(group.id),
            org_id: stadt,
            title: "Pendlerbus".into(),
            summary: "Ein Bus".into(),
            institution_ids: vec![emp],
            demo: false,
        })
        .await
        .expect("idea");
    source
        .decide_idea(
            &Decision {
                id: 0,
                idea_id: idea.id,
                from: IdeaStage::Idea,
                to: IdeaStage::PreConsultation,
                decided_on: NaiveDate::from_ymd_opt(2026, 2, 3).expect("date"),
                note: "besprechen".into(),
                decided_by: anna,
                decided_by_name: String::new(),
                at: ts("2026-02-03T10:15:30.123456Z"),
            },
            None,
        )
        .await
        .expect("decide");
    source
        .add_comment(idea.id, bert, "Gute Idee")
        .await
        .expect("comment");
    let event = source
        .create_event(&NewEvent {
            capacity: Some(1),
            ..new_event(stadt, Some(net.id), "Jobmesse", "2026-05-09T08:00:00Z")
        })
        .await
        .expect("event");
    for i in 1..=2 {
        source
            .register(event.id, &person(i))
            .await
            .expect("register");
    }
    let slotted = source
        .create_event(
            &NewEvent {
                kind: EventKind::ConsultationDay,
                slot_minutes: Some(30),
                ..new_event(stadt, Some(net.id), "Beratungstag", "2026-05-12T08:00:00Z")
            }
            .validate()
            .expect("valid"),
        )
        .await
        .expect("event");
    source
        .register(
            slotted.id,
            &NewRegistration {
                slot: Some(ts("2026-05-12T09:30:00Z")),
                ..person(4)
            },
        )
        .await
        .expect("book a slot");

    let called_off = source
        .create_event(&new_event(
            stadt,
            Some(net.id),
            "Infoabend",
            "2026-05-20T16:00:00Z",
        ))
        .await
        .expect("event");
    source
        .cancel_event(called_off.id, ts("2026-05-01T10:00:00.250000Z"))
        .await
        .expect("call off");

    // Short-lived rows, not carried over.
    source
        .create_session(&Session {
            id_hash: "session".into(),
            user_id: anna,
            csrf_token: "csrf".into(),
            created_at: ts("2026-11-02T07:00:00Z"),
            expires_at: ts("2026-11-03T07:00:00Z"),
            second_factor_at: None,
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

    source
        .set_place_profile_values(
            2898304,
            &[(
                ProfileKey::Kita,
                profile_value(bleibe_domain::living::Value::Number(5.0), "osm"),
            )],
            Some(anna),
        )
        .await
        .expect("place profile");
    source
        .replace_travel_times(
            bleibe_domain::living::Mode::Car,
            bleibe_domain::living::TimeSource::Road,
            &[crate::living::TravelTimeRow {
                origin_id: 2898304,
                destination_id: 2939811,
                minutes: 41.5,
            }],
        )
        .await
        .expect("travel times");
    let mut wishes = bleibe_domain::living::Wishes {
        persons: vec![bleibe_domain::living::PersonWish {
            query: Some("Pflege".into()),
            occupation: None,
            max_commute: bleibe_domain::living::MaxCommute {
                car: Some(30),
                ..Default::default()
            },
        }],
        page: 1,
        per_page: 20,
        ..Default::default()
    };
    wishes.children_ages = vec![4];
    source
        .save_wishes(anna, "Zurück in die Lausitz", &wishes)
        .await
        .expect("saved wishes");
    cases::seed_every_case_table(source, stadt, anna, bert).await;

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
    assert_eq!(
        users[0]["totp_secret"],
        json!("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
    );
    assert_eq!(
        users[0]["totp_enabled_at"],
        json!("2026-11-02T07:31:00.500000Z")
    );
    assert_eq!(users[0]["totp_last_step"], json!(59_000_001));
    for column in ["totp_secret", "totp_enabled_at", "totp_last_step"] {
        assert_eq!(users[1][column], serde_json::Value::Null, "{column}");
    }
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
    assert_eq!(
        target.saved_wishes(anna).await.expect("wishes"),
        source.saved_wishes(anna).await.expect("wishes"),
        "saved wishes read back alike"
    );
    assert_eq!(
        target
            .travel_times(bleibe_domain::living::Mode::Car)
            .await
            .expect("times"),
        source
            .travel_times(bleibe_domain::living::Mode::Car)
            .await
            .expect("times"),
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

    let measures = rows_of(Table::Measures);
    assert_eq!(measures[0]["target_groups"], json!("returnees commuters"));
    assert_eq!(measures[0]["start_date"], json!("2026-01-15"));
    assert_eq!(measures[0]["budget_eur"], json!(125_000));
    assert_eq!(measures[0]["all_networks"], json!(false));
    assert_eq!(measures[0]["version"], json!(1));
    let indicators: serde_json::Value = serde_json::from_str(
        measures[0]["indicators"]
            .as_str()
            .expect("indicators as JSON text"),
    )
    .expect("JSON");
    assert_eq!(indicators[0]["target"], json!(250.5));
    assert_eq!(rows_of(Table::MeasurePlaces).len(), 2);
    let registrations = rows_of(Table::EventRegistrations);
    assert_eq!(registrations[0]["status"], json!("registered"));
    assert_eq!(registrations[1]["status"], json!("waiting"));
    assert_eq!(registrations[1]["cancel_hash"], json!("cancel-2"));
    assert_eq!(rows_of(Table::Events)[0]["capacity"], json!(1));
    assert_eq!(
        rows_of(Table::Events)[0]["slot_minutes"],
        serde_json::Value::Null
    );
    assert_eq!(rows_of(Table::Events)[1]["slot_minutes"], json!(30));
    assert_eq!(
        rows_of(Table::Events)[0]["cancelled_at"],
        serde_json::Value::Null
    );
    assert_eq!(
        rows_of(Table::Events)[2]["cancelled_at"],
        json!("2026-05-01T10:00:00.250000Z")
    );
    assert_eq!(rows_of(Table::Events)[1]["capacity"], json!(4));
    assert_eq!(registrations[0]["slot_start"], serde_json::Value::Null);
    assert_eq!(
        registrations[2]["slot_start"],
        json!("2026-05-12T09:30:00.000000Z")
    );
    assert_eq!(
        rows_of(Table::IdeaDecisions)[0]["decided_on"],
        json!("2026-02-03")
    );
    assert_eq!(
        rows_of(Table::Ideas)[0]["parked_from"],
        serde_json::Value::Null
    );

    // The network workspace reads back alike.
    assert_eq!(
        target.contacts(net.id).await.expect("contacts"),
        vec![contact.clone()]
    );
    assert_eq!(
        target.measure(measure.id).await.expect("measure"),
        source.measure(measure.id).await.expect("measure")
    );
    assert_eq!(
        target.measure_networks(measure.id).await.expect("networks"),
        vec![net.id]
    );
    assert_eq!(
        target.group(group.id).await.expect("group"),
        source.group(group.id).await.expect("group")
    );
    assert_eq!(
        target.group_members(group.id).await.expect("members"),
        vec![(bert, "Bert".to_string())]
    );
    assert_eq!(
        target.tasks(group.id).await.expect("tasks"),
        source.tasks(group.id).await.expect("tasks")
    );
    assert_eq!(
        target.idea(idea.id).await.expect("idea"),
        source.idea(idea.id).await.expect("idea")
    );
    assert_eq!(
        target.decisions(idea.id).await.expect("decisions"),
        source.decisions(idea.id).await.expect("decisions")
    );
    assert_eq!(
        target.comments(idea.id).await.expect("comments"),
        source.comments(idea.id).await.expect("comments")
    );
    assert_eq!(
        target.event(event.id).await.expect("event"),
        source.event(event.id).await.expect("event")
    );
    assert_eq!(
        target.registrations(event.id).await.expect("registrations"),
        source.registrations(event.id).await.expect("registrations")
    );
    assert_eq!(
        target.event(slotted.id).await.expect("event"),
        source.event(slotted.id).await.expect("event")
    );
    let restored = target.event(called_off.id).await.expect("event");
    assert_eq!(restored, source.event(called_off.id).await.expect("event"));
    assert_eq!(
        restored.and_then(|e| e.cancelled_at),
        Some(ts("2026-05-01T10:00:00.250000Z"))
    );
    assert_eq!(
        target
            .registrations(slotted.id)
            .await
            .expect("registrations"),
        source
            .registrations(slotted.id)
            .await
            .expect("registrations")
    );
    // The booked slot stays booked after a restore; the others are free.
    let taken = target
        .register(
            slotted.id,
            &NewRegistration {
                slot: Some(ts("2026-05-12T09:30:00Z")),
                ..person(5)
            },
        )
        .await;
    assert!(matches!(taken, Err(StoreError::Conflict(_))), "{taken:?}");
    let free = target
        .register(
            slotted.id,
            &NewRegistration {
                slot: Some(ts("2026-05-12T08:00:00Z")),
                ..person(5)
            },
        )
        .await
        .expect("a free slot");
    assert_eq!(free.slot, Some(ts("2026-05-12T08:00:00Z")));

    // New rows get keys above the imported ones.
    let waiting = target
        .register(event.id, &person(3))
        .await
        .expect("register");
    assert!(waiting.id > registrations[1]["id"].as_i64().expect("id"));
    assert_eq!(waiting.status, RegistrationStatus::Waiting);
    let cancelled = target
        .cancel_registration("cancel-1")
        .await
        .expect("cancel")
        .expect("cancelled");
    assert_eq!(
        cancelled.promoted.map(|r| r.name),
        Some("Person 2".to_string()),
        "the waiting list survives a restore"
    );
    let m2 = target
        .create_measure(&new_measure(emp, vec![net.id], "Neu"))
        .await
        .expect("measure");
    assert!(m2.id > measure.id);
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

fn profile_value(value: bleibe_domain::living::Value, source: &str) -> ProfileValue {
    ProfileValue::new(
        value,
        source,
        NaiveDate::from_ymd_opt(2026, 10, 1).expect("date"),
    )
}

/// Place profiles: every kind of value (count, money, text) reads back as stored, with
/// source, date and demo flag; `all_place_profiles` holds the same; a membership knows
/// its organisation's place (what the policy asks for profile edits).
pub async fn place_profiles_round_trip(store: &dyn Store) {
    use bleibe_domain::living::Value;
    store
        .load_initial(&sample_places(), None)
        .await
        .expect("load");
    let anna = user(store, "anna@example.org", "Anna").await;
    let stadt = org(store, "Stadt Hoyerswerda", OrgKind::Municipality).await;
    store
        .set_role(stadt, anna, Role::Editor)
        .await
        .expect("role");
    let m = store.memberships(anna).await.expect("memberships");
    assert_eq!(m[0].place_id, 2898304);

    assert!(store
        .place_profile(2898304)
        .await
        .expect("empty")
        .is_empty());
    let mut rent = profile_value(Value::Number(6.85), "Mietspiegel 2026");
    rent.as_of = NaiveDate::from_ymd_opt(2025, 12, 31).expect("date");
    let values = vec![
        (ProfileKey::Kita, profile_value(Value::Number(12.0), "osm")),
        (ProfileKey::MedianRentEurM2, rent.clone()),
        (
            ProfileKey::RailLines,
            profile_value(Value::Text("RE 18, RB 65 „Spreewald“".into()), "VBB"),
        ),
    ];
    store
        .set_place_profile_values(2898304, &values, Some(anna))
        .await
        .expect("set");
    let p = store.place_profile(2898304).await.expect("profile");
    assert_eq!(p.values.len(), 3);
    assert_eq!(p.number(ProfileKey::Kita), Some(12.0));
    assert_eq!(p.get(ProfileKey::MedianRentEurM2), Some(&rent));
    assert_eq!(
        p.text(ProfileKey::RailLines),
        Some("RE 18, RB 65 „Spreewald“")
    );
    assert_eq!(p.get(ProfileKey::Kita).expect("kita").source, "osm");
    assert!(!p.has_demo());
    let all = store.all_place_profiles().await.expect("all");
    assert_eq!(all.len(), 1);
    assert_eq!(all[&2898304], p);

    // An unknown place is refused; nothing is written.
    let err = store
        .set_place_profile_values(1, &values, None)
        .await
        .expect_err("unknown place");
    assert!(matches!(err, StoreError::NotFound(_)), "{err:?}");
    assert!(store.place_profile(1).await.expect("none").is_empty());
}

/// Setting a value again replaces it (also a number by a text of another key's kind);
/// other keys stay; removing deletes one value and says whether there was one.
pub async fn place_profile_upserts_replace(store: &dyn Store) {
    use bleibe_domain::living::Value;
    store
        .load_initial(&sample_places(), None)
        .await
        .expect("load");
    let spremberg = 2830085;
    store
        .set_place_profile_values(
            spremberg,
            &[
                (ProfileKey::Gp, profile_value(Value::Number(4.0), "osm")),
                (
                    ProfileKey::Contact,
                    profile_value(Value::Text("Bürgerbüro".into()), "Stadt"),
                ),
            ],
            None,
        )
        .await
        .expect("first");
    let mut newer = profile_value(Value::Number(5.0), "Kassenärztliche Vereinigung");
    newer.as_of = NaiveDate::from_ymd_opt(2026, 10, 2).expect("date");
    store
        .set_place_profile_values(
            spremberg,
            &[
                (ProfileKey::Gp, profile_value(Value::Number(9.0), "ignored")),
                (ProfileKey::Gp, newer.clone()),
            ],
            None,
        )
        .await
        .expect("second");
    let p = store.place_profile(spremberg).await.expect("profile");
    assert_eq!(
        p.get(ProfileKey::Gp),
        Some(&newer),
        "the last value given wins"
    );
    assert_eq!(p.text(ProfileKey::Contact), Some("Bürgerbüro"));
    assert!(store
        .remove_place_profile_value(spremberg, ProfileKey::Contact)
        .await
        .expect("remove"));
    assert!(!store
        .remove_place_profile_value(spremberg, ProfileKey::Contact)
        .await
        .expect("remove again"));
    let p = store.place_profile(spremberg).await.expect("profile");
    assert_eq!(
        p.values.keys().copied().collect::<Vec<_>>(),
        [ProfileKey::Gp]
    );
}

/// Demo values keep their flag; an import that replaces only its own source's values
/// overwrites earlier values of that source and demo values but keeps what a person
/// entered; a full import replaces everything; the last row for a place and key wins.
pub async fn place_profile_imports_keep_edited_values(store: &dyn Store) {
    use crate::profiles::{ProfileRow, Replace};
    use bleibe_domain::living::Value;
    store
        .load_initial(&sample_places(), None)
        .await
        .expect("load");
    let cottbus = 2939811;
    let row = |key, n: f64, source: &str, demo: bool| ProfileRow {
        place_id: cottbus,
        key,
        value: ProfileValue {
            demo,
            ..profile_value(Value::Number(n), source)
        },
    };
    let demo = vec![
        row(ProfileKey::Kita, 40.0, "demo", true),
        row(ProfileKey::Gp, 50.0, "demo", true),
        row(ProfileKey::Supermarket, 30.0, "demo", true),
        row(ProfileKey::OffersSport, 20.0, "demo", true),
    ];
    assert_eq!(
        store
            .import_profile_values(&demo, Replace::All)
            .await
            .expect("demo"),
        4
    );
    let p = store.place_profile(cottbus).await.expect("profile");
    assert!(p.values.values().all(|v| v.demo && v.source == "demo"));
    // A person corrects the Kitas; an earlier OSM import counted supermarkets.
    store
        .set_place_profile_values(
            cottbus,
            &[(
                ProfileKey::Kita,
                profile_value(Value::Number(44.0), "Stadt Cottbus"),
            )],
            None,
        )
        .await
        .expect("edit");
    store
        .import_profile_values(
            &[row(ProfileKey::Supermarket, 31.0, "osm", false)],
            Replace::All,
        )
        .await
        .expect("first osm");
    let osm = vec![
        row(ProfileKey::Kita, 38.0, "osm", false),
        row(ProfileKey::Gp, 47.0, "osm", false),
        row(ProfileKey::Supermarket, 1.0, "osm", false),
        row(ProfileKey::Supermarket, 33.0, "osm", false),
        row(ProfileKey::Paediatrician, 6.0, "osm", false),
    ];
    let written = store
        .import_profile_values(&osm, Replace::SameSourceOrDemo)
        .await
        .expect("osm");
    assert_eq!(
        written, 3,
        "Gp (demo), Supermarket (osm), Paediatrician (new)"
    );
    let p = store.place_profile(cottbus).await.expect("profile");
    let shown = |k| {
        let v = p.get(k).expect("value");
        (v.value.clone(), v.source.clone(), v.demo)
    };
    assert_eq!(
        shown(ProfileKey::Kita),
        (Value::Number(44.0), "Stadt Cottbus".into(), false)
    );
    assert_eq!(
        shown(ProfileKey::Gp),
        (Value::Number(47.0), "osm".into(), false)
    );
    assert_eq!(
        shown(ProfileKey::Supermarket),
        (Value::Number(33.0), "osm".into(), false)
    );
    assert_eq!(
        shown(ProfileKey::Paediatrician),
        (Value::Number(6.0), "osm".into(), false)
    );
    assert_eq!(
        shown(ProfileKey::OffersSport),
        (Value::Number(20.0), "demo".into(), true)
    );
    // A full import replaces the person's value too.
    store
        .import_profile_values(
            &[row(ProfileKey::Kita, 45.0, "Statistik", false)],
            Replace::All,
        )
        .await
        .expect("csv");
    let p = store.place_profile(cottbus).await.expect("profile");
    assert_eq!(p.number(ProfileKey::Kita), Some(45.0));
    // An unknown place fails the whole import.
    let mut bad = osm.clone();
    bad[0].place_id = 1;
    assert!(matches!(
        store
            .import_profile_values(&bad, Replace::All)
            .await
            .expect_err("unknown place"),
        StoreError::NotFound(_)
    ));
    assert_eq!(
        store
            .import_profile_values(&[], Replace::All)
            .await
            .expect("nothing"),
        0
    );
}

/// Each place has its own profile: writing, replacing and removing at one place leaves
/// the others alone.
pub async fn place_profiles_are_per_place(store: &dyn Store) {
    use bleibe_domain::living::Value;
    store
        .load_initial(&sample_places(), None)
        .await
        .expect("load");
    let (spremberg, hoyerswerda, cottbus) = (2830085, 2898304, 2939811);
    for (place, n) in [(spremberg, 2.0), (hoyerswerda, 5.0)] {
        store
            .set_place_profile_values(
                place,
                &[
                    (
                        ProfileKey::PrimarySchool,
                        profile_value(Value::Number(n), "osm"),
                    ),
                    (
                        ProfileKey::BroadbandMbit,
                        profile_value(Value::Number(n * 100.0), "BNetzA"),
                    ),
                ],
                None,
            )
            .await
            .expect("set");
    }
    store
        .set_place_profile_values(
            spremberg,
            &[(
                ProfileKey::PrimarySchool,
                profile_value(Value::Number(3.0), "Stadt"),
            )],
            None,
        )
        .await
        .expect("replace");
    store
        .remove_place_profile_value(spremberg, ProfileKey::BroadbandMbit)
        .await
        .expect("remove");
    let h = store.place_profile(hoyerswerda).await.expect("h");
    assert_eq!(h.number(ProfileKey::PrimarySchool), Some(5.0));
    assert_eq!(h.number(ProfileKey::BroadbandMbit), Some(500.0));
    let s = store.place_profile(spremberg).await.expect("s");
    assert_eq!(s.number(ProfileKey::PrimarySchool), Some(3.0));
    assert_eq!(s.get(ProfileKey::BroadbandMbit), None);
    assert!(store.place_profile(cottbus).await.expect("c").is_empty());
    let all = store.all_place_profiles().await.expect("all");
    let mut places: Vec<i64> = all.keys().copied().collect();
    places.sort();
    assert_eq!(places, [spremberg, hoyerswerda]);
}

/// A re-import replaces the cached times of its mode and source at once; another
/// source's times for the same mode stay, and the same pair from a new source replaces
/// the old one.
pub async fn travel_times_are_replaced_per_mode_and_source(store: &dyn Store) {
    use crate::living::TravelTimeRow;
    use bleibe_domain::living::{Mode, TimeSource};
    let row = |o: i64, d: i64, minutes: f64| TravelTimeRow {
        origin_id: o,
        destination_id: d,
        minutes,
    };
    let first: Vec<TravelTimeRow> = (0..1200)
        .map(|i| row(1, 1000 + i, i as f64 / 10.0))
        .collect();
    assert_eq!(
        store
            .replace_travel_times(Mode::Car, TimeSource::Road, &first)
            .await
            .expect("first"),
        1200
    );
    store
        .replace_travel_times(Mode::Transit, TimeSource::Transit, &[row(1, 2, 44.0)])
        .await
        .expect("transit");
    store
        .replace_travel_times(
            Mode::Car,
            TimeSource::Road,
            &[row(1, 2, 17.25), row(2, 1, 18.0)],
        )
        .await
        .expect("second");
    let car = store.travel_times(Mode::Car).await.expect("car");
    assert_eq!(
        car,
        vec![
            (row(1, 2, 17.25), TimeSource::Road),
            (row(2, 1, 18.0), TimeSource::Road)
        ]
    );
    assert_eq!(
        store.travel_times(Mode::Transit).await.expect("transit"),
        vec![(row(1, 2, 44.0), TimeSource::Transit)]
    );
    assert!(store
        .travel_times(Mode::Bike)
        .await
        .expect("bike")
        .is_empty());
}

/// Saved wishes are per user: the same name replaces, another user neither sees nor
/// deletes them.
pub async fn saved_wishes_belong_to_their_user(store: &dyn Store) {
    use bleibe_domain::living::{MaxCommute, PersonWish, Wishes};
    let anna = user(store, "anna@example.org", "Anna").await;
    let bert = user(store, "bert@example.org", "Bert").await;
    let wishes = |minutes: u32| Wishes {
        persons: vec![PersonWish {
            query: Some("Mechatroniker".into()),
            occupation: Some("26".into()),
            max_commute: MaxCommute {
                car: Some(minutes),
                ..MaxCommute::default()
            },
        }],
        children_ages: vec![3, 8],
        page: 1,
        per_page: 20,
        ..Wishes::default()
    };
    let id = store
        .save_wishes(anna, "Lausitz", &wishes(30))
        .await
        .expect("save");
    let again = store
        .save_wishes(anna, "Lausitz", &wishes(45))
        .await
        .expect("save");
    assert_eq!(id, again, "the same name replaces");
    store
        .save_wishes(anna, "Dresden", &wishes(20))
        .await
        .expect("save");
    let saved = store.saved_wishes(anna).await.expect("list");
    assert_eq!(saved.len(), 2);
    assert_eq!(saved[0].name, "Dresden", "last saved first");
    assert_eq!(saved[1].wishes, wishes(45));
    assert!(store.saved_wishes(bert).await.expect("list").is_empty());
    assert!(matches!(
        store.delete_saved_wishes(bert, id).await,
        Err(StoreError::NotFound(_))
    ));
    store.delete_saved_wishes(anna, id).await.expect("delete");
    assert_eq!(store.saved_wishes(anna).await.expect("list").len(), 1);
}
