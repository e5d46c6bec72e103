//! The `bleibe` binary itself: `serve` starts, answers and stops on SIGTERM; `seed` is
//! deterministic.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn bleibe() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_bleibe"));
    c.env_remove("BLEIBE_DATABASE_URL")
        .env_remove("BLEIBE_ADDR")
        .env_remove("BLEIBE_DATA_DIR")
        .env("RUST_LOG", "info");
    c
}

#[test]
fn serve_loads_demo_data_answers_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (child, base, _, rx) = serve(dir.path());
    assert!(
        dir.path().join("bleibe.db").exists(),
        "SQLite file in the data dir"
    );
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let health: serde_json::Value = rt.block_on(async {
        reqwest::get(format!("{base}/healthz"))
            .await
            .expect("healthz")
            .json()
            .await
            .expect("json")
    });
    assert_eq!(health["backend"], "sqlite");
    assert_eq!(health["places"], 11_870);
    assert_eq!(health["jobs"], 2_000, "demo data on SQLite by default");
    let exit = stop(child);
    assert!(exit.success(), "graceful exit: {exit:?}");
    let rest: Vec<String> = rx.try_iter().collect();
    assert!(rest.iter().any(|l| l.contains("shutting down")), "{rest:?}");
}

#[test]
fn no_demo_loads_places_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut child = bleibe()
        .args(["serve", "--no-demo", "--addr", "127.0.0.1:0", "--data-dir"])
        .arg(dir.path())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = BufReader::new(stderr).lines();
    let base = loop {
        let line = lines.next().expect("line").expect("utf-8");
        if let Some(url) = line.split("running at ").nth(1) {
            break url.trim().to_string();
        }
    };
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let health: serde_json::Value = rt.block_on(async {
        reqwest::get(format!("{base}/healthz"))
            .await
            .expect("healthz")
            .json()
            .await
            .expect("json")
    });
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(health["places"], 11_870);
    assert_eq!(health["jobs"], 0);
}

fn seed(dir: &std::path::Path, jobs: &str, seed: &str) -> std::process::Output {
    bleibe()
        .args([
            "seed",
            "--jobs",
            jobs,
            "--seed",
            seed,
            "--reference-date",
            "2026-11-01",
            "--data-dir",
        ])
        .arg(dir)
        .output()
        .expect("seed")
}

async fn all_jobs(dir: &std::path::Path) -> Vec<bleibe_domain::NewJob> {
    use bleibe_store::Store;
    let store = bleibe_store_sqlite::SqliteStore::open_file(&dir.join("bleibe.db"))
        .await
        .expect("open");
    store
        .jobs_after(0, 10_000)
        .await
        .expect("jobs")
        .into_iter()
        .map(|j| j.data)
        .collect()
}

#[test]
fn seed_is_deterministic_and_refuses_to_mix() {
    let (a, b, c) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
        tempfile::tempdir().expect("c"),
    );
    for (dir, s) in [(&a, "7"), (&b, "7"), (&c, "8")] {
        let out = seed(dir.path(), "300", s);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains("seeded 300 jobs"), "{stdout}");
    }
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let (ja, jb, jc) = rt.block_on(async {
        (
            all_jobs(a.path()).await,
            all_jobs(b.path()).await,
            all_jobs(c.path()).await,
        )
    });
    assert_eq!(ja.len(), 300);
    assert_eq!(ja, jb, "same seed, same data");
    assert_ne!(ja, jc, "another seed, other data");
    assert!(ja.iter().all(|j| j.demo));
    // A second seed into a filled database is refused with a clear message.
    let again = seed(a.path(), "10", "7");
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already holds 300 jobs"));
}

#[test]
fn unsupported_database_urls_are_refused_clearly() {
    let out = bleibe()
        .args([
            "seed",
            "--jobs",
            "1",
            "--database-url",
            "mysql://localhost/x",
        ])
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unsupported --database-url"));
}

/// A `bleibe serve` on `dir`: the child, its address, the log lines up to the address,
/// and the rest of its log as it comes.
fn serve(
    dir: &std::path::Path,
) -> (
    std::process::Child,
    String,
    Vec<String>,
    std::sync::mpsc::Receiver<String>,
) {
    let mut child = bleibe()
        .args(["serve", "--addr", "127.0.0.1:0", "--data-dir"])
        .arg(dir)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("spawn");
    let stderr = child.stderr.take().expect("stderr");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut log = Vec::new();
    let base = loop {
        let line = rx
            .recv_timeout(Duration::from_secs(120))
            .unwrap_or_else(|_| panic!("server printed no address: {log:#?}"));
        if let Some(url) = line.split("running at ").nth(1) {
            break url.trim().to_string();
        }
        log.push(line);
    };
    (child, base, log, rx)
}

/// Stops a server with SIGTERM and waits for it; its exit status.
fn stop(mut child: std::process::Child) -> std::process::ExitStatus {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(exit) = child.try_wait().expect("wait") {
            return exit;
        }
        assert!(Instant::now() < deadline, "did not stop on SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_index_persists_in_the_data_dir_and_reindex_rebuilds_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = seed(dir.path(), "300", "7");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = bleibe()
        .args(["reindex", "--data-dir"])
        .arg(dir.path())
        .output()
        .expect("reindex");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("reindexed 300 jobs in "), "{stdout}");
    assert!(dir.path().join("index").join("meta.json").exists());

    // Built by reindex: serve only catches up.
    let (child, _base, log, _rx) = serve(dir.path());
    assert!(
        log.iter()
            .any(|l| l.contains("search index caught up") && l.contains("entries=0")),
        "{log:#?}"
    );
    assert!(
        !log.iter().any(|l| l.contains("search index built")),
        "{log:#?}"
    );

    // While it runs, the index folder is its own: reindex and a second serve refuse.
    let out = bleibe()
        .args(["reindex", "--data-dir"])
        .arg(dir.path())
        .output()
        .expect("reindex");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("is in use by another process") && stderr.contains("--data-dir"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    let out = bleibe()
        .args(["serve", "--addr", "127.0.0.1:0", "--data-dir"])
        .arg(dir.path())
        .output()
        .expect("second serve");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("is in use by another process"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stop(child);

    // A job written while no server runs is found after the restart, by catching up.
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        use bleibe_store::Store;
        let store = bleibe_store_sqlite::SqliteStore::open_file(&dir.path().join("bleibe.db"))
            .await
            .expect("open");
        let employer = store.employers().await.expect("employers")[0].id;
        store
            .insert_jobs(&[bleibe_store::conformance::plain_job(
                employer,
                2830085,
                "Orgelbauer (m/w/d)",
            )])
            .await
            .expect("insert");
        store.close().await;
    });
    let (child, base_again, log, _rx) = serve(dir.path());
    assert!(
        log.iter()
            .any(|l| l.contains("search index caught up") && l.contains("entries=1")),
        "{log:#?}"
    );
    let found: serde_json::Value = rt.block_on(async {
        reqwest::get(format!("{base_again}/api/v1/jobs?q=Orgelbauer"))
            .await
            .expect("search")
            .json()
            .await
            .expect("json")
    });
    assert_eq!(found["total"], 1, "{found}");
    stop(child);
}
