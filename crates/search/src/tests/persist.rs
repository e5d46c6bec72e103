//! The index in a folder: reopening, catching up after a stop, noticing another database
//! or a change log that does not continue, discarding unusable folders, and the one-writer
//! lock. Against real SQLite stores.

use std::path::Path;

use bleibe_store::conformance::{export_all, plain_job};
use bleibe_store::{Store, Table};
use bleibe_store_sqlite::SqliteStore;
use tantivy::schema::{Schema, STORED, TEXT};
use tantivy::{doc, Index};

use super::follow::{all_ids, db, titled, SPREMBERG_ID};
use crate::index::job_schema;
use crate::persist::{resume_with, Position, Progress, INDEX_FORMAT};
use crate::{resume, JobIndex, Opened, RebuildReason, Resumed, SearchError};

fn open(dir: &Path) -> (JobIndex, Opened) {
    JobIndex::open_in_dir(dir).expect("open index")
}

fn rebuilt(reason: RebuildReason, jobs: u64) -> Resumed {
    Resumed::Rebuilt { reason, jobs }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_persisted_index_survives_reopening() {
    let db = db().await;
    let ids = db.add(&["Zimmerer", "Dachdecker", "Zimmerer"]).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("index");

    let (index, opened) = open(&folder);
    assert_eq!(opened, Opened::Created);
    assert_eq!(index.dir(), Some(folder.as_path()));
    assert_eq!(index.store_id(), None);
    assert_eq!(
        resume(&index, &db.store).await.expect("resume"),
        rebuilt(RebuildReason::NotBuilt, 3)
    );
    let seq = index.applied_seq();
    assert_eq!(seq, db.latest().await);
    let store_id = db.store.installation_id().await.expect("id");
    assert_eq!(index.store_id().as_deref(), Some(store_id.as_str()));
    index.close().expect("close");

    let (index, opened) = open(&folder);
    assert_eq!(opened, Opened::Existing);
    assert_eq!(index.applied_seq(), seq, "the position survives");
    assert_eq!(index.store_id().as_deref(), Some(store_id.as_str()));
    assert_eq!(index.num_docs(), 3);
    assert_eq!(all_ids(&index), ids, "the documents survive");
    assert_eq!(titled(&index, "Dachdecker"), vec![ids[1]]);
    assert_eq!(
        resume(&index, &db.store).await.expect("resume"),
        Resumed::CaughtUp {
            from_seq: seq,
            entries: 0
        }
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changes_made_while_stopped_are_caught_up_without_a_rebuild() {
    let db = db().await;
    let [baecker, fleischer] = db.add(&["Bäcker", "Fleischer"]).await[..] else {
        panic!("two ids");
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let (index, _) = open(dir.path());
    resume(&index, &db.store).await.expect("resume");
    let stopped_at = index.applied_seq();
    drop(index);

    // Written while no instance runs (by `bleibe seed`, an import, another instance).
    let konditor = db.add(&["Konditor"]).await[0];
    db.retitle(baecker, "Bäckermeister").await;
    db.delete(fleischer).await;

    let (index, opened) = open(dir.path());
    assert_eq!(opened, Opened::Existing);
    assert_eq!(index.applied_seq(), stopped_at);
    assert_eq!(
        resume(&index, &db.store).await.expect("resume"),
        Resumed::CaughtUp {
            from_seq: stopped_at,
            entries: 3
        }
    );
    assert_eq!(index.applied_seq(), db.latest().await);
    assert_eq!(all_ids(&index), vec![baecker, konditor]);
    assert_eq!(titled(&index, "Bäckermeister"), vec![baecker]);
    assert!(titled(&index, "Fleischer").is_empty());
    drop(index);

    // The catch-up's commit recorded its position too.
    let (index, _) = open(dir.path());
    assert_eq!(index.applied_seq(), db.latest().await);
    assert_eq!(all_ids(&index), vec![baecker, konditor]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_database_means_a_rebuild() {
    let first = db().await;
    first.add(&["Koch", "Kellner"]).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let (index, _) = open(dir.path());
    resume(&index, &first.store).await.expect("resume");
    drop(index);

    // A new database (another --database-url) whose change log happens to be longer.
    let second = db().await;
    let ids = second.add(&["Gärtner", "Florist", "Winzer"]).await;
    let (index, opened) = open(dir.path());
    assert_eq!(opened, Opened::Existing);
    assert_eq!(
        resume(&index, &second.store).await.expect("resume"),
        rebuilt(RebuildReason::OtherDatabase, 3)
    );
    assert_eq!(all_ids(&index), ids);
    assert!(titled(&index, "Koch").is_empty());
    drop(index);

    // A restored copy of that database (as `bleibe restore` and `bleibe copy` make it):
    // the same rows and change log, but a database of its own.
    let target = tempfile::tempdir().expect("tempdir");
    let copy = SqliteStore::open_file(&target.path().join("bleibe.db"))
        .await
        .expect("open copy");
    for table in Table::ALL {
        let rows = export_all(&second.store, table, 1000).await;
        copy.import_rows(table, &rows).await.expect("import");
    }
    copy.finish_import().await.expect("finish");
    assert_eq!(
        copy.latest_change().await.expect("latest"),
        second.latest().await
    );
    let (index, _) = open(dir.path());
    assert_eq!(
        resume(&index, &copy).await.expect("resume"),
        rebuilt(RebuildReason::OtherDatabase, 3)
    );
    assert_eq!(all_ids(&index), ids);
}

/// Copies a closed SQLite database file (with its WAL, if any) to `to`.
fn copy_database(from: &Path, to: &Path) {
    std::fs::copy(from, to).expect("copy database");
    let wal = from.with_extension("db-wal");
    if wal.exists() {
        std::fs::copy(&wal, to.with_extension("db-wal")).expect("copy WAL");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_log_that_does_not_continue_means_a_rebuild() {
    let db = db().await;
    let koch = db.add(&["Koch"]).await[0];
    // Copied below bleibe (a file copy, pg_dump): the installation id comes along.
    let id = db.store.installation_id().await.expect("id");
    db.store.close().await;
    let snapshot_dir = tempfile::tempdir().expect("tempdir");
    let snapshot_path = snapshot_dir.path().join("bleibe.db");
    copy_database(&db.path, &snapshot_path);

    let live = SqliteStore::open_file(&db.path).await.expect("reopen");
    live.insert_jobs(&[plain_job(db.employer, SPREMBERG_ID, "Maurer")])
        .await
        .expect("insert");
    let dir = tempfile::tempdir().expect("tempdir");
    let (index, _) = open(dir.path());
    resume(&index, &live).await.expect("resume");
    assert_eq!(index.num_docs(), 2);
    drop(index);

    // The older copy replaces the database: its change log ends before the index's
    // position.
    let snapshot = SqliteStore::open_file(&snapshot_path)
        .await
        .expect("open snapshot");
    assert_eq!(snapshot.installation_id().await.expect("id"), id);
    let (index, _) = open(dir.path());
    assert_eq!(
        resume(&index, &snapshot).await.expect("resume"),
        rebuilt(RebuildReason::ChangeLogDiffers, 1)
    );
    assert_eq!(all_ids(&index), vec![koch]);

    // Built from the live database again; then the copy receives writes of its own, so
    // its log reaches the index's position, but with other entries.
    resume(&index, &live)
        .await
        .expect("back to the live database");
    let applied = index.applied_seq();
    drop(index);
    let mut written = Vec::new();
    while snapshot.latest_change().await.expect("latest") < applied + 1 {
        written.extend(
            snapshot
                .insert_jobs(&[plain_job(db.employer, SPREMBERG_ID, "Glaser")])
                .await
                .expect("insert"),
        );
    }
    let (index, _) = open(dir.path());
    assert_eq!(
        resume(&index, &snapshot).await.expect("resume"),
        rebuilt(RebuildReason::ChangeLogDiffers, 1 + written.len() as u64)
    );
    assert!(titled(&index, "Maurer").is_empty());
    assert_eq!(titled(&index, "Glaser").len(), written.len());
}

/// Makes a tantivy index in `dir` with the given schema and optional payload.
fn foreign_index(dir: &Path, schema: Schema, payload: Option<&str>) {
    let index = Index::create_in_dir(dir, schema).expect("create");
    let mut writer = index
        .writer::<tantivy::TantivyDocument>(15_000_000)
        .expect("writer");
    let mut prepared = writer.prepare_commit().expect("prepare");
    if let Some(payload) = payload {
        prepared.set_payload(payload);
    }
    prepared.commit().expect("commit");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unusable_folders_are_emptied_and_rebuilt() {
    let db = db().await;
    let ids = db.add(&["Elektroniker", "Mechatroniker"]).await;
    let own = format!(
        r#"{{"format":{INDEX_FORMAT},"applied_seq":3,"applied_at":null,"store_id":"x","vocabulary":"0"}}"#
    );
    type Setup = Box<dyn Fn(&Path)>;
    let cases: Vec<(&str, Setup, &str)> = vec![
        (
            "files that are no index",
            Box::new(|d: &Path| {
                std::fs::write(d.join("notes.txt"), "hello").expect("write");
                std::fs::create_dir(d.join("old")).expect("mkdir");
                std::fs::write(d.join("old").join("segment"), "x").expect("write");
            }),
            "other files",
        ),
        (
            "a garbled meta.json",
            Box::new(|d: &Path| std::fs::write(d.join("meta.json"), "{not json").expect("write")),
            "damaged",
        ),
        (
            "another application's index",
            Box::new(|d: &Path| {
                let mut b = Schema::builder();
                let title = b.add_text_field("title", TEXT | STORED);
                let index = Index::create_in_dir(d, b.build()).expect("create");
                let mut w = index.writer(15_000_000).expect("writer");
                w.add_document(doc!(title => "fremd")).expect("add");
                w.commit().expect("commit");
            }),
            "without bleibe's commit payload",
        ),
        (
            "an older format",
            Box::new(|d: &Path| {
                foreign_index(
                    d,
                    job_schema(),
                    Some(r#"{"format":1,"applied_seq":3,"store_id":"x","vocabulary":"0"}"#),
                )
            }),
            "index format 1 ",
        ),
        (
            "another compound vocabulary",
            Box::new(move |d: &Path| {
                let payload = format!(
                    r#"{{"format":{INDEX_FORMAT},"applied_seq":3,"store_id":"x","vocabulary":"0"}}"#
                );
                foreign_index(d, job_schema(), Some(&payload));
            }),
            "another compound vocabulary",
        ),
        (
            "another schema under this format",
            Box::new(move |d: &Path| {
                let mut b = Schema::builder();
                b.add_text_field("title", TEXT);
                foreign_index(d, b.build(), Some(&own));
            }),
            "another schema",
        ),
    ];
    for (what, setup, expect) in cases {
        let dir = tempfile::tempdir().expect("tempdir");
        setup(dir.path());
        let (index, opened) = open(dir.path());
        match &opened {
            Opened::Reset { reason } => assert!(reason.contains(expect), "{what}: {reason}"),
            other => panic!("{what}: {other:?}"),
        }
        assert_eq!(index.num_docs(), 0, "{what}");
        assert!(!dir.path().join("notes.txt").exists(), "{what}");
        assert!(!dir.path().join("old").exists(), "{what}");
        assert_eq!(
            resume(&index, &db.store).await.expect("resume"),
            rebuilt(RebuildReason::NotBuilt, 2),
            "{what}"
        );
        assert_eq!(all_ids(&index), ids, "{what}");
        drop(index);
        assert_eq!(open(dir.path()).1, Opened::Existing, "{what}: usable now");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_index_is_emptied_and_rebuilt() {
    let db = db().await;
    let ids = db.add(&["Elektroniker", "Mechatroniker"]).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let (index, _) = open(dir.path());
    resume(&index, &db.store).await.expect("resume");
    drop(index);
    let mut removed = 0;
    for entry in std::fs::read_dir(dir.path()).expect("list") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "term") {
            std::fs::remove_file(path).expect("remove");
            removed += 1;
        }
    }
    assert!(removed > 0, "the index has segments");
    let (index, opened) = open(dir.path());
    assert!(
        matches!(&opened, Opened::Reset { reason } if reason.contains("damaged")),
        "{opened:?}"
    );
    assert_eq!(
        resume(&index, &db.store).await.expect("resume"),
        rebuilt(RebuildReason::NotBuilt, 2)
    );
    assert_eq!(all_ids(&index), ids);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interrupted_rebuild_is_redone() {
    let db = db().await;
    let ids = db.add(&["Tischler", "Schlosser"]).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let (index, _) = open(dir.path());
    resume(&index, &db.store).await.expect("resume");
    // A rebuild that committed one page, then the process died.
    let jobs = db.store.jobs_by_ids(&ids[..1]).await.expect("jobs");
    index
        .replace_id_range(i64::MIN, Some(ids[0]), &jobs, Progress::Partial)
        .expect("page");
    assert_eq!(index.store_id(), None);
    drop(index);

    let (index, opened) = open(dir.path());
    assert_eq!(opened, Opened::Existing);
    assert_eq!(
        resume(&index, &db.store).await.expect("resume"),
        rebuilt(RebuildReason::NotBuilt, 2)
    );
    assert!(index.store_id().is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_folder_in_use_is_refused_and_left_alone() {
    let db = db().await;
    let ids = db.add(&["Tischler"]).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let (index, _) = open(dir.path());
    resume(&index, &db.store).await.expect("resume");

    // tantivy's lock is a file lock: a second writer is refused, in this process as in
    // any other.
    let err = JobIndex::open_in_dir(dir.path()).expect_err("in use");
    assert!(
        matches!(&err, SearchError::InUse { dir: d } if d == dir.path()),
        "{err:?}"
    );
    let msg = err.to_string();
    assert!(
        msg.contains("in use") && msg.contains("bleibe serve"),
        "{msg}"
    );

    // The first one is untouched and still works.
    let more = db.add(&["Schlosser"]).await;
    crate::catch_up(&index, &db.store).await.expect("catch up");
    assert_eq!(all_ids(&index), [ids, more].concat());
    drop(index);
    assert_eq!(open(dir.path()).1, Opened::Existing);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_index_in_memory_is_always_rebuilt() {
    let db = db().await;
    db.add(&["Koch"]).await;
    let index = JobIndex::in_ram().expect("index");
    assert_eq!(index.dir(), None);
    assert_eq!(
        resume(&index, &db.store).await.expect("resume"),
        rebuilt(RebuildReason::NotBuilt, 1)
    );
    assert_eq!(index.applied_seq(), db.latest().await);
    assert_eq!(
        index.position(),
        Position {
            applied_seq: db.latest().await,
            applied_at: crate::persist::change_at(&db.store, db.latest().await)
                .await
                .expect("at"),
            store_id: Some(db.store.installation_id().await.expect("id")),
        }
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clearing_forgets_documents_and_position() {
    let db = db().await;
    db.add(&["Koch", "Kellner"]).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let (index, _) = open(dir.path());
    resume(&index, &db.store).await.expect("resume");
    index.clear().expect("clear");
    assert_eq!(index.num_docs(), 0);
    assert_eq!(index.applied_seq(), 0);
    assert_eq!(index.store_id(), None);
    drop(index);

    let (index, opened) = open(dir.path());
    assert_eq!(opened, Opened::Existing);
    assert_eq!((index.num_docs(), index.applied_seq()), (0, 0));
    assert_eq!(
        resume(&index, &db.store).await.expect("resume"),
        rebuilt(RebuildReason::NotBuilt, 2)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backlog_longer_than_the_index_is_rebuilt_instead() {
    let db = db().await;
    db.add(&["Koch", "Kellner"]).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let (index, _) = open(dir.path());
    resume(&index, &db.store).await.expect("resume");
    drop(index);

    // Three entries for an index of two jobs (one transaction each).
    for title in ["Bäcker", "Konditor", "Fleischer"] {
        db.add(&[title]).await;
    }
    let (index, _) = open(dir.path());
    assert_eq!(
        resume_with(&index, &db.store, 1).await.expect("resume"),
        rebuilt(RebuildReason::LongBacklog, 5)
    );
    drop(index);

    // One entry for an index of five: caught up. (And with the real minimum, a backlog
    // of three is always caught up.)
    db.add(&["Winzer"]).await;
    let (index, _) = open(dir.path());
    let from_seq = index.applied_seq();
    assert_eq!(
        resume_with(&index, &db.store, 1).await.expect("resume"),
        Resumed::CaughtUp {
            from_seq,
            entries: 1
        }
    );
    for title in [
        "Gärtner",
        "Florist",
        "Glaser",
        "Maler",
        "Maurer",
        "Dachdecker",
    ] {
        db.add(&[title]).await;
    }
    assert!(matches!(
        resume(&index, &db.store).await.expect("resume"),
        Resumed::CaughtUp { entries: 6, .. }
    ));
    assert_eq!(index.num_docs(), 12);
}
