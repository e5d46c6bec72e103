//! `bleibe backup`, `restore` and `copy` on real databases: every table comes back equal,
//! row by row; new rows get ids above the restored ones; non-empty targets and truncated
//! files are refused. The PostgreSQL part runs when `BLEIBE_TEST_POSTGRES_URL` is set.

use bleibe_store::conformance::{export_all, plain_job};
use bleibe_store::{Store, Table};
use bleibe_store_sqlite::SqliteStore;
use std::path::Path;
use std::process::{Command, Output};

type Rows = Vec<serde_json::Map<String, serde_json::Value>>;

fn bleibe() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_bleibe"));
    c.env_remove("BLEIBE_DATABASE_URL")
        .env_remove("BLEIBE_DATA_DIR")
        .env("RUST_BACKTRACE", "0")
        .env("RUST_LOG", "warn");
    c
}

fn run(args: &[&str]) -> Output {
    bleibe().args(args).output().expect("run bleibe")
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn seed(dir: &Path, jobs: &str) {
    ok(run(&[
        "seed",
        "--jobs",
        jobs,
        "--reference-date",
        "2026-11-01",
        "--data-dir",
        dir.to_str().expect("utf-8"),
    ]));
}

/// Every table of `store`, in pages smaller than the tables.
async fn dump(store: &dyn Store) -> Vec<(Table, Rows)> {
    let mut out = Vec::new();
    for table in Table::ALL {
        out.push((table, export_all(store, table, 997).await));
    }
    out
}

fn assert_same(a: &[(Table, Rows)], b: &[(Table, Rows)], what: &str) {
    for ((table, ra), (_, rb)) in a.iter().zip(b) {
        assert_eq!(ra.len(), rb.len(), "{what}: {} row count", table.as_str());
        for (x, y) in ra.iter().zip(rb) {
            assert_eq!(x, y, "{what}: a {} row differs", table.as_str());
        }
    }
}

async fn open(dir: &Path) -> SqliteStore {
    SqliteStore::open_file(&dir.join("bleibe.db"))
        .await
        .expect("open")
}

/// The rows of `table` in a dump.
fn rows(dump: &[(Table, Rows)], table: Table) -> &Rows {
    dump.iter()
        .find(|(t, _)| *t == table)
        .map(|(_, r)| r)
        .expect("every table is dumped")
}

fn max_key(rows: &[(Table, Rows)], table: Table) -> i64 {
    rows.iter()
        .find(|(t, _)| *t == table)
        .and_then(|(_, r)| r.last())
        .and_then(|r| r[table.key()].as_i64())
        .expect("rows")
}

/// Inserts a job into `store`; checks it and its change log entry get keys above
/// everything in `before`.
async fn insert_after_restore(store: &dyn Store, before: &[(Table, Rows)]) {
    let employer = store.employers().await.expect("employers")[0].id;
    let ids = store
        .insert_jobs(&[plain_job(employer, 2830085, "Nach der Wiederherstellung")])
        .await
        .expect("insert after restore");
    assert!(
        ids[0] > max_key(before, Table::Jobs),
        "new job id {}",
        ids[0]
    );
    assert!(store.latest_change().await.expect("latest") > max_key(before, Table::ChangeLog));
}

#[test]
fn backup_and_restore_on_sqlite_give_back_every_row() {
    let root = tempfile::tempdir().expect("tempdir");
    let (a, b, c) = (
        root.path().join("a"),
        root.path().join("b"),
        root.path().join("c"),
    );
    seed(&a, "300");
    let gz = root.path().join("x.jsonl.gz");
    let s = |p: &Path| p.to_str().expect("utf-8").to_string();
    let out = ok(run(&["backup", "--data-dir", &s(&a), "--to", &s(&gz)]));
    assert!(out.contains("jobs") && out.contains("300 rows"), "{out}");
    eprintln!("backup:\n{out}");
    let out = ok(run(&["restore", "--data-dir", &s(&b), "--from", &s(&gz)]));
    assert!(out.contains("300 rows"), "{out}");
    eprintln!("restore:\n{out}");

    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        let (sa, sb) = (open(&a).await, open(&b).await);
        let (da, db) = (dump(&sa).await, dump(&sb).await);
        assert_eq!(rows(&da, Table::Jobs).len(), 300);
        assert_eq!(rows(&da, Table::Places).len(), 11_870);
        assert_same(&da, &db, "backup → restore");
        insert_after_restore(&sb, &db).await;
        sa.close().await;
        sb.close().await;
    });

    // A non-empty target is refused.
    let again = run(&["restore", "--data-dir", &s(&b), "--from", &s(&gz)]);
    assert!(!again.status.success());
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(err.contains("not empty"), "{err}");

    // A file cut in the middle is refused, naming the line, and nothing is written.
    let plain = root.path().join("x.jsonl");
    ok(run(&["backup", "--data-dir", &s(&a), "--to", &s(&plain)]));
    let bytes = std::fs::read(&plain).expect("read");
    let cut = root.path().join("cut.jsonl");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).expect("write");
    let out = run(&["restore", "--data-dir", &s(&c), "--from", &s(&cut)]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("truncated") && err.contains("line "), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    // Cut exactly at a line end: the end marker is missing.
    let at_line = bytes[..bytes.len() / 2]
        .iter()
        .rposition(|b| *b == b'\n')
        .expect("newline");
    std::fs::write(&cut, &bytes[..=at_line]).expect("write");
    let out = run(&["restore", "--data-dir", &s(&c), "--from", &s(&cut)]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("end marker"), "{err}");
    // A cut gzip file too.
    let gz_bytes = std::fs::read(&gz).expect("read");
    let cut_gz = root.path().join("cut.jsonl.gz");
    std::fs::write(&cut_gz, &gz_bytes[..gz_bytes.len() / 2]).expect("write");
    let out = run(&["restore", "--data-dir", &s(&c), "--from", &s(&cut_gz)]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("truncated"), "{err}");
    // Not a backup at all.
    let junk = root.path().join("junk.jsonl");
    std::fs::write(&junk, "hello\n").expect("write");
    let out = run(&["restore", "--data-dir", &s(&c), "--from", &s(&junk)]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("line 1"), "{err}");
    rt.block_on(async {
        let sc = open(&c).await;
        assert!(
            sc.is_empty().await.expect("empty"),
            "failed restores wrote nothing"
        );
        sc.close().await;
    });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn copy_sqlite_to_postgres_and_back_gives_back_every_row() {
    use bleibe_store_postgres::testing::{test_database, test_url};
    let Some(url) = test_url() else {
        eprintln!("skipped: BLEIBE_TEST_POSTGRES_URL not set");
        return;
    };
    let root = tempfile::tempdir().expect("tempdir");
    let (a, c) = (root.path().join("a"), root.path().join("c"));
    seed(&a, "300");
    std::fs::create_dir_all(&c).expect("mkdir");
    let pg = test_database(&url, false).await;
    let from = format!("sqlite:{}", a.join("bleibe.db").display());
    let back = format!("sqlite:{}", c.join("bleibe.db").display());
    let out = ok(run(&["copy", "--from", &from, "--to", &pg.url]));
    assert!(out.contains("300 rows"), "{out}");
    eprintln!("copy SQLite → PostgreSQL:\n{out}");
    let out = ok(run(&["copy", "--from", &pg.url, "--to", &back]));
    eprintln!("copy PostgreSQL → SQLite:\n{out}");

    let (sa, sc) = (open(&a).await, open(&c).await);
    let (da, dp, dc) = (dump(&sa).await, dump(&*pg).await, dump(&sc).await);
    assert_eq!(rows(&da, Table::Jobs).len(), 300);
    assert_same(&da, &dp, "SQLite → PostgreSQL");
    assert_same(&da, &dc, "SQLite → PostgreSQL → SQLite");
    insert_after_restore(&*pg, &dp).await;
    insert_after_restore(&sc, &dc).await;

    // The target must be empty.
    let out = run(&["copy", "--from", &from, "--to", &pg.url]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("not empty"), "{err}");
    sa.close().await;
    sc.close().await;
}
