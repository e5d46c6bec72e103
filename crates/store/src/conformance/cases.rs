//! Conformance checks of case management ([`crate::Cases`]).

use super::{org, sample_places, user};
use crate::cases::{CaseFilter, CaseScope, CaseUpdate, NewAccess, NewAppointment};
use crate::{Store, StoreError, Table};
use bleibe_domain::casework::template::builtin;
use bleibe_domain::casework::{
    CaseStatus, Category, LegalBasis, NewConsent, NewOverride, NewPerson, Qualification,
    RecognitionStatus, StepStatus, StepUpdate,
};
use bleibe_domain::OrgKind;
use chrono::{Duration, NaiveDate, Utc};
use std::collections::HashMap;

fn d(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn amina() -> NewPerson {
    NewPerson {
        name: "Amina Okafor".into(),
        email: Some("amina.okafor@example.org".into()),
        phone: Some("+49 355 1234".into()),
        languages: vec!["en".into(), "de".into()],
        preferred_language: Some("en".into()),
        country: Some("NG".into()),
        arrival_year: Some(2026),
        qualifications: vec![Qualification {
            title: "Electrical engineer".into(),
            kldb: Some("26312".into()),
            recognition: RecognitionStatus::InProgress,
        }],
        household: vec![],
    }
}

/// A welcome center with the shipped templates and one person.
async fn center(store: &dyn Store) -> (i64, i64) {
    store
        .load_initial(&sample_places(), None)
        .await
        .expect("load");
    store
        .install_case_templates(&builtin())
        .await
        .expect("templates");
    let wc = org(store, "Welcome Center Spree-Neiße", OrgKind::WelcomeCenter).await;
    let p = store
        .create_person(wc, &amina(), None)
        .await
        .expect("person");
    (wc, p.id)
}

/// Cases derive due dates from their template.
pub async fn cases_derive_due_dates_from_their_template(store: &dyn Store) {
    let (wc, person) = center(store).await;
    assert_eq!(
        store.install_case_templates(&builtin()).await.unwrap(),
        0,
        "installed once"
    );
    let templates = store.case_templates(wc).await.unwrap();
    assert_eq!(templates.len(), 3);
    let t = store
        .case_template(wc, "fachkraft-drittstaat")
        .await
        .unwrap()
        .unwrap();
    let start = d("2026-03-02");
    let case = store
        .create_case(wc, person, &t, start, CaseStatus::Open, None, "")
        .await
        .unwrap();
    assert_eq!(case.template_version, t.version);
    let steps = store.steps(case.id).await.unwrap();
    assert_eq!(steps.len(), t.steps.len());
    // Recomputed here from the template's rules alone.
    let mut expected: HashMap<&str, NaiveDate> = HashMap::new();
    for (s, ts) in steps.iter().zip(&t.steps) {
        let anchor = if ts.due.after == "start" {
            start
        } else {
            expected[ts.due.after.as_str()]
        };
        let due = anchor + Duration::days(ts.due.days);
        expected.insert(ts.key.as_str(), due);
        assert_eq!((s.key.as_str(), s.due_on), (ts.key.as_str(), due));
        assert_eq!(s.category, ts.category);
        assert_eq!(s.status, StepStatus::Open);
        assert_eq!(s.documents, ts.documents);
    }
    // Overriding one step's date moves the steps that follow it, not the others.
    let (i, first) = steps
        .iter()
        .enumerate()
        .find(|(_, s)| steps.iter().any(|o| o.due.after == s.key))
        .expect("a step others follow");
    let moved = first.due_on + Duration::days(10);
    let changed = store
        .update_step(
            case.id,
            first.id,
            &StepUpdate {
                version: first.version,
                due_override: Some(moved),
                ..StepUpdate::default()
            },
            start,
        )
        .await
        .unwrap();
    assert_eq!(
        (changed.due_on, changed.version),
        (moved, first.version + 1)
    );
    let after = store.steps(case.id).await.unwrap();
    for (old, new) in steps.iter().zip(&after).skip(i + 1) {
        if old.due.after == first.key {
            assert_eq!(
                new.due_on,
                moved + Duration::days(old.due.days),
                "{}",
                old.key
            );
        }
    }
    for (old, new) in steps.iter().zip(&after).take(i) {
        assert_eq!(old.due_on, new.due_on, "earlier steps stay");
    }
}

/// Stale case and step edits conflict.
pub async fn stale_case_and_step_edits_conflict(store: &dyn Store) {
    let (wc, person) = center(store).await;
    let t = store.case_template(wc, "rueckkehr").await.unwrap().unwrap();
    let case = store
        .create_case(wc, person, &t, d("2026-01-05"), CaseStatus::Open, None, "")
        .await
        .unwrap();
    let step = store.steps(case.id).await.unwrap().remove(0);
    let edit = |note: &str| StepUpdate {
        version: step.version,
        note: Some(note.into()),
        status: Some(StepStatus::InProgress),
        ..StepUpdate::default()
    };
    let (anna, bert) = (edit("Anna"), edit("Bert"));
    let (a, b) = tokio::join!(
        store.update_step(case.id, step.id, &anna, d("2026-01-06")),
        store.update_step(case.id, step.id, &bert, d("2026-01-06")),
    );
    let oks: Vec<_> = [&a, &b].into_iter().filter(|r| r.is_ok()).collect();
    assert_eq!(
        oks.len(),
        1,
        "exactly one of two edits of one version wins: {a:?} {b:?}"
    );
    let loser = if a.is_ok() { &b } else { &a };
    assert!(matches!(loser, Err(StoreError::Conflict(_))), "{loser:?}");
    let stored = store.steps(case.id).await.unwrap().remove(0);
    let winner = oks[0].as_ref().unwrap();
    assert_eq!(
        stored.note, winner.note,
        "the winner's note, not overwritten"
    );
    assert_eq!(stored.version, step.version + 1);

    let update = CaseUpdate {
        version: case.version,
        status: Some(CaseStatus::Closed),
        ..CaseUpdate::default()
    };
    let closed = store
        .update_case(case.id, &update, d("2026-06-30"))
        .await
        .unwrap();
    assert_eq!(
        (closed.status, closed.closed_on),
        (CaseStatus::Closed, Some(d("2026-06-30")))
    );
    assert!(matches!(
        store.update_case(case.id, &update, d("2026-06-30")).await,
        Err(StoreError::Conflict(_))
    ));
    let person_now = store.person(person).await.unwrap().unwrap();
    let mut changed = amina();
    changed.phone = None;
    store
        .update_person(person, person_now.version, &changed)
        .await
        .unwrap();
    assert!(matches!(
        store
            .update_person(person, person_now.version, &amina())
            .await,
        Err(StoreError::Conflict(_))
    ));
}

/// Shared lists follow consents and overrides.
pub async fn shared_lists_follow_consents_and_overrides(store: &dyn Store) {
    let (wc, person) = center(store).await;
    let housing = org(store, "Wohnungsbau Spremberg", OrgKind::HousingCompany).await;
    let other = org(store, "Jobcenter", OrgKind::Jobcenter).await;
    let staff = user(store, "staff@wc.example", "Staff").await;
    let t = store
        .case_template(wc, "fachkraft-drittstaat")
        .await
        .unwrap()
        .unwrap();
    let case = store
        .create_case(wc, person, &t, d("2026-01-05"), CaseStatus::Open, None, "")
        .await
        .unwrap();
    let shared = |org| async move {
        store
            .cases(&CaseFilter::all(CaseScope::Shared(org)))
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.case.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        store
            .cases(&CaseFilter::all(CaseScope::Holder(wc)))
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(shared(housing).await.is_empty(), "no consent, no case");
    let consent = store
        .record_consent(
            &NewConsent {
                person_id: person,
                recipient_org: housing,
                purpose: "Wohnungssuche".into(),
                categories: vec![Category::Housing],
                text_version: "2026-11".into(),
            },
            Some(staff),
        )
        .await
        .unwrap();
    assert_eq!(consent.consent.categories, [Category::Housing]);
    assert_eq!(shared(housing).await, [case.id]);
    assert!(
        shared(other).await.is_empty(),
        "a consent names its recipient"
    );
    assert!(
        shared(wc).await.is_empty(),
        "the holder's own cases are not 'shared'"
    );
    let mut search = CaseFilter::all(CaseScope::Shared(housing));
    search.query = Some("okafor".into());
    assert_eq!(store.cases(&search).await.unwrap().len(), 1);
    search.query = Some("müller".into());
    assert!(store.cases(&search).await.unwrap().is_empty());

    store
        .revoke_consent(person, consent.id, Utc::now())
        .await
        .unwrap();
    assert!(shared(housing).await.is_empty(), "revoked at once");
    assert!(matches!(
        store.revoke_consent(person, consent.id, Utc::now()).await,
        Err(StoreError::NotFound(_))
    ));
    let o = store
        .record_override(
            &NewOverride {
                case_id: case.id,
                recipient_org: other,
                categories: vec![Category::Residence],
                legal_basis: LegalBasis::LegalObligation,
                law: "§ 87 AufenthG".into(),
                reason: "Übermittlungspflicht der öffentlichen Stelle".into(),
            },
            staff,
        )
        .await
        .unwrap();
    assert_eq!(shared(other).await, [case.id]);
    assert_eq!(
        store.overrides_of_case(case.id).await.unwrap()[0]
            .sharing
            .law,
        "§ 87 AufenthG"
    );
    store
        .revoke_override(case.id, o.id, Utc::now())
        .await
        .unwrap();
    assert!(shared(other).await.is_empty());
    // A request not yet accepted is never shared.
    let requested = store
        .create_case(
            wc,
            person,
            &t,
            d("2026-01-05"),
            CaseStatus::Requested,
            None,
            "Hilfe",
        )
        .await
        .unwrap();
    store
        .record_consent(
            &NewConsent {
                person_id: person,
                recipient_org: housing,
                purpose: "Wohnungssuche".into(),
                categories: vec![Category::Housing],
                text_version: "2026-11".into(),
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(shared(housing).await, [case.id], "not {}", requested.id);
}

/// Templates are versioned per organisation.
pub async fn templates_are_versioned_per_organisation(store: &dyn Store) {
    let (wc, _) = center(store).await;
    let admin = user(store, "admin@wc.example", "Admin").await;
    let other = org(store, "Welcome Center Görlitz", OrgKind::WelcomeCenter).await;
    let mut t = store.case_template(wc, "rueckkehr").await.unwrap().unwrap();
    let v = t.version;
    t.steps[0].due.days = 3;
    let saved = store.save_case_template(wc, &t, admin).await.unwrap();
    assert_eq!(saved.version, v + 1);
    assert_eq!(
        store.case_template(wc, "rueckkehr").await.unwrap().unwrap(),
        saved
    );
    let theirs = store
        .case_template(other, "rueckkehr")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        theirs.version, v,
        "another welcome center keeps the shipped one"
    );
    assert_eq!(
        store
            .case_templates(wc)
            .await
            .unwrap()
            .iter()
            .find(|x| x.key == "rueckkehr")
            .unwrap()
            .version,
        v + 1
    );
    // Based on a stale version: refused.
    assert!(matches!(
        store.save_case_template(wc, &t, admin).await,
        Err(StoreError::Conflict(_))
    ));
}

/// Erasure leaves only the anonymous trace.
pub async fn erasure_leaves_only_the_anonymous_trace(store: &dyn Store) {
    let (wc, person) = center(store).await;
    let staff = user(store, "staff@wc.example", "Staff").await;
    let own = user(store, "amina.okafor@example.org", "Amina Okafor").await;
    store.link_person_user(person, Some(own)).await.unwrap();
    let t = store
        .case_template(wc, "fachkraft-drittstaat")
        .await
        .unwrap()
        .unwrap();
    let case = store
        .create_case(
            wc,
            person,
            &t,
            d("2025-09-01"),
            CaseStatus::Open,
            Some(staff),
            "Amina Okafor braucht Hilfe",
        )
        .await
        .unwrap();
    let step = store.steps(case.id).await.unwrap().remove(0);
    store
        .update_step(
            case.id,
            step.id,
            &StepUpdate {
                version: step.version,
                status: Some(StepStatus::Done),
                note: Some("Gespräch mit Amina Okafor".into()),
                ..StepUpdate::default()
            },
            d("2025-09-03"),
        )
        .await
        .unwrap();
    let blob = store
        .put_blob("application/pdf", "00", b"%PDF Amina Okafor")
        .await
        .unwrap();
    store
        .add_case_document(
            case.id,
            Some(step.id),
            "passport",
            "amina-okafor.pdf",
            blob,
            Some(staff),
        )
        .await
        .unwrap();
    let start = Utc::now();
    store
        .create_appointment(
            &NewAppointment {
                case_id: case.id,
                step_id: None,
                title: "Beratung Amina Okafor".into(),
                location: "Dock 3".into(),
                starts_at: start,
                ends_at: start + Duration::minutes(30),
                event_id: None,
                registration_id: None,
                slot_cancel_hash: None,
            },
            Some(staff),
        )
        .await
        .unwrap();
    store
        .record_consent(
            &NewConsent {
                person_id: person,
                recipient_org: wc,
                purpose: "Beratung".into(),
                categories: Category::ALL.to_vec(),
                text_version: "2026-11".into(),
            },
            None,
        )
        .await
        .unwrap();
    store
        .log_access(&NewAccess {
            person_id: person,
            case_id: Some(case.id),
            user_id: Some(staff),
            org_id: Some(wc),
            action: "view_case".into(),
            detail: String::new(),
        })
        .await
        .unwrap();
    assert_eq!(
        store.access_log(person).await.unwrap()[0]
            .user_name
            .as_deref(),
        Some("Staff")
    );

    let erased = store.erase_person(person, "erasure").await.unwrap();
    assert_eq!(
        (erased.cases, erased.documents, erased.account_anonymised),
        (1, 1, true)
    );
    assert!(store.person(person).await.unwrap().is_none());
    assert!(store.case(case.id).await.unwrap().is_none());
    assert!(store.access_log(person).await.unwrap().is_empty());
    // Nothing in any table names her.
    for table in Table::ALL {
        let rows = store.export_rows(table, i64::MIN, 100_000).await.unwrap();
        let text = serde_json::to_string(&rows).unwrap().to_lowercase();
        for needle in ["amina", "okafor"] {
            assert!(
                !text.contains(needle),
                "{} still holds {needle:?}: {text:.300}",
                table.as_str()
            );
        }
    }
    let stats = store.case_statistics().await.unwrap();
    assert_eq!(stats.len(), 1);
    let s = &stats[0];
    assert_eq!(
        (
            s.template_key.as_str(),
            s.arrival_year,
            s.country_group.as_str(),
            s.occupation_area.as_deref()
        ),
        ("fachkraft-drittstaat", Some(2026), "other", Some("2"))
    );
    assert_eq!(s.started_month, "2025-09");
    assert_eq!(s.steps[0].done_month.as_deref(), Some("2025-09"));
    assert_eq!(s.steps.len(), t.steps.len());
    assert!(matches!(
        store.erase_person(person, "erasure").await,
        Err(StoreError::NotFound(_))
    ));
}

/// Retention finds persons whose cases closed long ago.
pub async fn retention_finds_persons_whose_cases_closed_long_ago(store: &dyn Store) {
    let (wc, old) = center(store).await;
    let recent = store
        .create_person(
            wc,
            &NewPerson {
                name: "B".into(),
                ..NewPerson::default()
            },
            None,
        )
        .await
        .unwrap();
    let open = store
        .create_person(
            wc,
            &NewPerson {
                name: "C".into(),
                ..NewPerson::default()
            },
            None,
        )
        .await
        .unwrap();
    let none = store
        .create_person(
            wc,
            &NewPerson {
                name: "D".into(),
                ..NewPerson::default()
            },
            None,
        )
        .await
        .unwrap();
    let t = store.case_template(wc, "rueckkehr").await.unwrap().unwrap();
    for (p, closed) in [
        (old, Some("2023-01-10")),
        (recent.id, Some("2026-10-01")),
        (open.id, None),
    ] {
        let c = store
            .create_case(wc, p, &t, d("2022-06-01"), CaseStatus::Open, None, "")
            .await
            .unwrap();
        if let Some(day) = closed {
            let u = CaseUpdate {
                version: c.version,
                status: Some(CaseStatus::Closed),
                ..CaseUpdate::default()
            };
            store.update_case(c.id, &u, d(day)).await.unwrap();
        }
    }
    assert_eq!(
        store.persons_for_retention(d("2024-11-30")).await.unwrap(),
        [old]
    );
    assert_eq!(
        store.persons_for_retention(d("2026-11-30")).await.unwrap(),
        [old, recent.id]
    );
    // A record without a case counts from its last change (made today, so not yet).
    let later = Utc::now().date_naive() + Duration::days(1);
    assert_eq!(
        store.persons_for_retention(later).await.unwrap(),
        [old, recent.id, none.id],
        "the open case keeps its person"
    );
}

/// A row in every case table (for the backup check): templates, a person with a case,
/// a changed step, a document, an appointment, a consent, an override, the access log,
/// and the statistics of an erased second person.
pub(super) async fn seed_every_case_table(
    store: &dyn Store,
    wc: i64,
    staff: i64,
    partner_user: i64,
) {
    store
        .install_case_templates(&builtin())
        .await
        .expect("templates");
    let p = store
        .create_person(wc, &amina(), Some(partner_user))
        .await
        .expect("person");
    let t = store.case_template(wc, "rueckkehr").await.unwrap().unwrap();
    let case = store
        .create_case(
            wc,
            p.id,
            &t,
            d("2026-01-05"),
            CaseStatus::Open,
            Some(staff),
            "Hilfe",
        )
        .await
        .expect("case");
    let step = store.steps(case.id).await.unwrap().remove(0);
    store
        .update_step(
            case.id,
            step.id,
            &StepUpdate {
                version: step.version,
                status: Some(StepStatus::Done),
                due_override: Some(d("2026-01-20")),
                note: Some("Unterlagen vollständig".into()),
                assignee_user: Some(staff),
                ..StepUpdate::default()
            },
            d("2026-01-19"),
        )
        .await
        .expect("step");
    let blob = store
        .put_blob("application/pdf", "ab", b"%PDF-1.4")
        .await
        .expect("blob");
    store
        .add_case_document(
            case.id,
            Some(step.id),
            "passport",
            "pass.pdf",
            blob,
            Some(staff),
        )
        .await
        .expect("document");
    let start = "2026-02-03T08:00:00Z".parse().unwrap();
    store
        .create_appointment(
            &NewAppointment {
                case_id: case.id,
                step_id: Some(step.id),
                title: "Beratung".into(),
                location: "Dock 3".into(),
                starts_at: start,
                ends_at: start + Duration::minutes(30),
                event_id: None,
                registration_id: None,
                slot_cancel_hash: Some("c0ffee".into()),
            },
            Some(staff),
        )
        .await
        .expect("appointment");
    store
        .record_consent(
            &NewConsent {
                person_id: p.id,
                recipient_org: wc,
                purpose: "Beratung".into(),
                categories: vec![Category::Housing, Category::Family],
                text_version: "2026-11".into(),
            },
            Some(staff),
        )
        .await
        .expect("consent");
    store
        .record_override(
            &NewOverride {
                case_id: case.id,
                recipient_org: wc,
                categories: vec![Category::Residence],
                legal_basis: LegalBasis::PublicTask,
                law: "§ 5 BbgDSG".into(),
                reason: "Gefahr im Verzug".into(),
            },
            staff,
        )
        .await
        .expect("override");
    store
        .log_access(&NewAccess {
            person_id: p.id,
            case_id: Some(case.id),
            user_id: Some(staff),
            org_id: Some(wc),
            action: "view_case".into(),
            detail: String::new(),
        })
        .await
        .expect("log");
    let gone = store
        .create_person(
            wc,
            &NewPerson {
                name: "Erased".into(),
                ..NewPerson::default()
            },
            None,
        )
        .await
        .expect("person");
    store
        .create_case(wc, gone.id, &t, d("2025-01-05"), CaseStatus::Open, None, "")
        .await
        .expect("case");
    store.erase_person(gone.id, "erasure").await.expect("erase");
}

/// Persons are linked to an account by their address, once.
pub async fn persons_link_to_accounts_by_address(store: &dyn Store) {
    let (wc, person) = center(store).await;
    let other = store
        .create_person(
            wc,
            &NewPerson {
                name: "Ohne Adresse".into(),
                ..NewPerson::default()
            },
            None,
        )
        .await
        .unwrap();
    let own = user(store, "amina.okafor@example.org", "Amina").await;
    assert_eq!(
        store
            .link_persons_by_email(" Amina.Okafor@Example.org ", own)
            .await
            .unwrap(),
        1
    );
    assert_eq!(store.persons_of_user(own).await.unwrap()[0].id, person);
    assert!(store
        .person(other.id)
        .await
        .unwrap()
        .unwrap()
        .user_id
        .is_none());
    // Already linked: a second account with the address takes nothing over.
    let second = user(store, "amina2@example.org", "Amina 2").await;
    assert_eq!(
        store
            .link_persons_by_email("amina.okafor@example.org", second)
            .await
            .unwrap(),
        0
    );
}
