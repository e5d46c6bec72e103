//! `bleibe maintenance`: the retention rule erases persons whose cases all closed more
//! than N months ago, keeps the anonymised trace, and removes their outbox mails.

use bleibe_domain::casework::template::builtin;
use bleibe_domain::casework::{CaseStatus, NewPerson};
use bleibe_domain::{NewEmployer, OrgKind};
use bleibe_store::cases::CaseUpdate;
use bleibe_store::{Cases, Store};
use bleibe_store_sqlite::SqliteStore;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bleibe"))
        .env_remove("BLEIBE_DATABASE_URL")
        .env_remove("BLEIBE_DATA_DIR")
        .env_remove("BLEIBE_CASE_RETENTION_MONTHS")
        .env("RUST_LOG", "warn")
        .args(args)
        .output()
        .expect("run bleibe")
}

fn ok(out: Output) -> String {
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    text
}

#[tokio::test]
async fn retention_erases_only_persons_whose_cases_closed_long_ago() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    ok(run(&[
        "seed",
        "--jobs",
        "1",
        "--reference-date",
        "2026-11-01",
        "--data-dir",
        data,
    ]));
    let (old, current) = {
        let store = SqliteStore::open_file(&dir.path().join("bleibe.db"))
            .await
            .unwrap();
        store.install_case_templates(&builtin()).await.unwrap();
        let wc = store
            .insert_employers(&[NewEmployer {
                name: "Welcome Center".into(),
                place_id: 2830085,
                description: String::new(),
                website: None,
                demo: false,
                kind: OrgKind::WelcomeCenter,
            }])
            .await
            .unwrap()[0]
            .id;
        let template = store.case_template(wc, "rueckkehr").await.unwrap().unwrap();
        let mut ids = Vec::new();
        for (name, closed) in [
            ("Lena Retention", Some("2024-06-30")),
            ("Kai Current", None),
        ] {
            let email = format!(
                "{}@example.org",
                name.split(' ').next().unwrap().to_lowercase()
            );
            let person = NewPerson {
                name: name.into(),
                email: Some(email),
                ..NewPerson::default()
            };
            let p = store.create_person(wc, &person, None).await.unwrap();
            let start = "2024-01-08".parse().unwrap();
            let c = store
                .create_case(wc, p.id, &template, start, CaseStatus::Open, None, "")
                .await
                .unwrap();
            if let Some(day) = closed {
                let u = CaseUpdate {
                    version: c.version,
                    status: Some(CaseStatus::Closed),
                    ..CaseUpdate::default()
                };
                store
                    .update_case(c.id, &u, day.parse().unwrap())
                    .await
                    .unwrap();
            }
            ids.push(p.id);
        }
        (ids[0], ids[1])
    };
    let outbox = dir.path().join("outbox");
    std::fs::create_dir_all(&outbox).unwrap();
    std::fs::write(
        outbox.join("a.eml"),
        "To: lena@example.org\r\nSubject: Termin\r\n\r\nHallo",
    )
    .unwrap();
    std::fs::write(
        outbox.join("b.eml"),
        "To: kai@example.org\r\nSubject: Termin\r\n\r\nHallo",
    )
    .unwrap();

    let args = ["maintenance", "--data-dir", data, "--today", "2026-11-30"];
    let dry = ok(run(&[&args[..], &["--dry-run"]].concat()));
    assert!(
        dry.contains("1 person(s)") && dry.contains("2024-11-30"),
        "{dry}"
    );
    let store = SqliteStore::open_file(&dir.path().join("bleibe.db"))
        .await
        .unwrap();
    assert!(
        store.person(old).await.unwrap().is_some(),
        "a dry run erases nothing"
    );
    drop(store);

    let out = ok(run(&args));
    assert!(
        out.contains("erased 1 person(s)") && out.contains("1 outbox mail(s)"),
        "{out}"
    );
    let store = SqliteStore::open_file(&dir.path().join("bleibe.db"))
        .await
        .unwrap();
    assert!(store.person(old).await.unwrap().is_none());
    assert!(
        store.person(current).await.unwrap().is_some(),
        "an open case is kept"
    );
    let stats = store.case_statistics().await.unwrap();
    assert_eq!((stats.len(), stats[0].reason.as_str()), (1, "retention"));
    assert!(!outbox.join("a.eml").exists() && outbox.join("b.eml").exists());
    // A shorter rule also reaches the later one only once its case is closed.
    let out = ok(run(&[
        "maintenance",
        "--data-dir",
        data,
        "--today",
        "2026-11-30",
        "--case-retention-months",
        "1",
    ]));
    assert!(out.contains("erased 0 person(s)"), "{out}");
    let bad = run(&[
        "maintenance",
        "--data-dir",
        data,
        "--case-retention-months",
        "0",
    ]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("case-retention-months"));
}
