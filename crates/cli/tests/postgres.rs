//! Several `bleibe serve` processes on one PostgreSQL database (runs when
//! `BLEIBE_TEST_POSTGRES_URL` names a server; required in CI).

use bleibe_store::Store;
use bleibe_store_postgres::testing::{test_database, test_url};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running `bleibe serve`; stopped with SIGTERM on drop.
struct Instance {
    child: Child,
    base: String,
    /// Its data dir (holding its search index), removed after the instance stops.
    _dir: tempfile::TempDir,
}

impl Instance {
    fn start(database_url: &str, extra: &[&str]) -> Instance {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut child = Command::new(env!("CARGO_BIN_EXE_bleibe"))
            .args([
                "serve",
                "--addr",
                "127.0.0.1:0",
                "--database-url",
                database_url,
            ])
            .args(extra)
            .arg("--data-dir")
            .arg(dir.path())
            .env("RUST_LOG", "info")
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("spawn");
        let stderr = child.stderr.take().expect("stderr");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let base = loop {
            let line = rx
                .recv_timeout(Duration::from_secs(120))
                .expect("instance printed its address");
            if let Some(url) = line.split("running at ").nth(1) {
                break url.trim().to_string();
            }
        };
        // Keep draining the log so the child never blocks on a full pipe.
        std::thread::spawn(move || while rx.recv().is_ok() {});
        Instance {
            child,
            base,
            _dir: dir,
        }
    }

    async fn json(&self, path: &str) -> serde_json::Value {
        reqwest::get(format!("{}{path}", self.base))
            .await
            .expect("request")
            .json()
            .await
            .expect("json")
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_written_once_is_found_through_every_instance_within_two_seconds() {
    let Some(url) = test_url() else {
        eprintln!("skipped: BLEIBE_TEST_POSTGRES_URL not set");
        return;
    };
    let db = test_database(&url, true).await;
    let a = Instance::start(&db.url, &[]);
    let b = Instance::start(&db.url, &[]);
    for i in [&a, &b] {
        let h = i.json("/healthz").await;
        assert_eq!(h["backend"], "postgres");
        assert_eq!(h["places"], 11_870);
        assert_eq!(h["jobs"], 0, "no demo data on PostgreSQL without --demo");
    }
    // A third party writes, as an importer or a further instance would.
    let writer = bleibe_store_postgres::PgStore::connect(&db.url)
        .await
        .expect("connect");
    let employer = writer
        .insert_employers(&[bleibe_demo::employers()[0].clone()])
        .await
        .expect("employer")[0]
        .id;
    let written = Instant::now();
    writer
        .insert_jobs(&[bleibe_store::conformance::plain_job(
            employer,
            2830085,
            "Klavierbauer (m/w/d)",
        )])
        .await
        .expect("insert");
    for i in [&a, &b] {
        loop {
            let v = i.json("/api/v1/jobs?q=Klavierbauer").await;
            if v["total"] == 1 {
                break;
            }
            assert!(
                written.elapsed() < Duration::from_secs(2),
                "not found through {} within 2 s: {v}",
                i.base
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    eprintln!("found through both instances after {:?}", written.elapsed());
    writer.close().await;
    drop((a, b));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_starting_together_load_the_demo_once() {
    let Some(url) = test_url() else {
        eprintln!("skipped: BLEIBE_TEST_POSTGRES_URL not set");
        return;
    };
    let db = test_database(&url, false).await;
    let (u1, u2) = (db.url.clone(), db.url.clone());
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(move || Instance::start(&u1, &["--demo"]));
        let b = s.spawn(move || Instance::start(&u2, &["--demo"]));
        (a.join().expect("a"), b.join().expect("b"))
    });
    for i in [&a, &b] {
        let h = i.json("/healthz").await;
        assert_eq!(h["places"], 11_870);
        assert_eq!(h["jobs"], 2_000, "loaded once, not twice");
    }
}

#[test]
fn seed_and_search_benchmark_run_on_postgres() {
    let Some(url) = test_url() else {
        eprintln!("skipped: BLEIBE_TEST_POSTGRES_URL not set");
        return;
    };
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let db = rt.block_on(test_database(&url, false));
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_bleibe"))
            .args(args)
            .args(["--database-url", &db.url])
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let seeded = run(&["seed", "--jobs", "500", "--reference-date", "2026-11-01"]);
    assert!(seeded.contains("seeded 500 jobs"), "{seeded}");
    let bench = run(&["bench", "search", "--iterations", "2"]);
    assert!(
        bench.contains("bleibe index: 500 jobs") && bench.contains("bench_fts built in"),
        "{bench}"
    );
    let migrated = run(&["migrate"]);
    assert!(
        migrated.contains("Postgres") && migrated.contains("500 jobs"),
        "{migrated}"
    );
    drop(db);
}
