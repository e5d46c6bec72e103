//! `bleibe bench search` end to end, on a small corpus: every class of the mix is
//! reported with figures, and — with `BLEIBE_TEST_POSTGRES_URL` — bleibe and PostgreSQL
//! full-text search find the same jobs wherever their semantics agree (a cross-check of
//! both engines on the same data).

use bleibe_store_postgres::testing::{test_database, test_url};
use std::process::{Command, Output};

/// The classes of the mix, in report order.
const CLASSES: [&str; 9] = [
    "common",
    "rare",
    "two_terms",
    "phrase",
    "term_25km",
    "radius_50km",
    "filter",
    "term_3_filters",
    "typo",
];

/// Classes whose semantics differ between the engines (the rest must agree).
const DIFFERENT_SEMANTICS: [&str; 1] = ["typo"];

fn bleibe(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bleibe"))
        .args(args)
        .env_remove("BLEIBE_DATABASE_URL")
        .env_remove("BLEIBE_DATA_DIR")
        .env("RUST_LOG", "warn")
        .env("RUST_BACKTRACE", "0")
        .output()
        .expect("run bleibe")
}

fn run_ok(args: &[&str]) -> String {
    let out = bleibe(args);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "bleibe {args:?} failed\nstdout:\n{stdout}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

fn is_number(s: &str) -> bool {
    s.parse::<f64>().is_ok_and(f64::is_finite)
}

/// Rows of the latency table: class → its fields (after the name, without the `|`s).
fn latency_rows(out: &str) -> Vec<(String, Vec<String>)> {
    let table = out
        .split("latency in ms")
        .nth(1)
        .unwrap_or_else(|| panic!("no latency table:\n{out}"));
    table
        .lines()
        .skip(2)
        .take_while(|l| !l.starts_with('('))
        .map(|l| {
            let mut fields = l.split_whitespace().filter(|f| *f != "|");
            let name = fields.next().unwrap_or_default().to_string();
            (name, fields.map(str::to_string).collect())
        })
        .collect()
}

/// One row of the query table.
#[derive(Debug)]
struct QueryRow {
    class: String,
    label: String,
    bleibe: u64,
    /// PostgreSQL's hits, facets, top 20 and check.
    pg: Option<(u64, String, String, String)>,
}

fn query_rows(out: &str, with_pg: bool) -> Vec<QueryRow> {
    let table = out
        .split("queries (default facets")
        .nth(1)
        .unwrap_or_else(|| panic!("no query table:\n{out}"));
    table
        .lines()
        .skip(2)
        .take_while(|l| !l.trim().is_empty() && !l.starts_with('('))
        .map(|l| {
            let fields: Vec<&str> = l.split_whitespace().collect();
            let n = fields.len();
            let num = |s: &str| s.parse::<u64>().unwrap_or_else(|_| panic!("{s:?} in {l}"));
            if with_pg {
                QueryRow {
                    class: fields[0].into(),
                    label: fields[1..n - 5].join(" "),
                    bleibe: num(fields[n - 5]),
                    pg: Some((
                        num(fields[n - 4]),
                        fields[n - 3].into(),
                        fields[n - 2].into(),
                        fields[n - 1].into(),
                    )),
                }
            } else {
                QueryRow {
                    class: fields[0].into(),
                    label: fields[1..n - 1].join(" "),
                    bleibe: num(fields[n - 1]),
                    pg: None,
                }
            }
        })
        .collect()
}

/// Checks the report's shape: every class with figures, for one or both engines.
fn check_report(out: &str, with_pg: bool) {
    let rows = latency_rows(out);
    let names: Vec<&str> = rows.iter().map(|(n, _)| n.as_str()).collect();
    let mut expected: Vec<&str> = CLASSES.to_vec();
    expected.push("overall");
    assert_eq!(names, expected, "{out}");
    // runs, hits, p50, p95, p99, max [, hits PG, PG p50, p95, p99, max, p50 ×, p99 ×]
    let width = if with_pg { 13 } else { 6 };
    for (name, fields) in &rows {
        assert_eq!(fields.len(), width, "{name}: {fields:?}");
        for f in &fields[..if with_pg { 11 } else { 6 }] {
            assert!(is_number(f), "{name}: {f:?} in {fields:?}");
        }
        if with_pg {
            for f in &fields[11..] {
                assert!(
                    f == "-" || f.strip_suffix('×').is_some_and(is_number),
                    "{name}: {f:?}"
                );
            }
        }
        let runs = if name == "overall" { "27" } else { "3" };
        assert_eq!(fields[0], runs, "{name}: three timed runs per class");
    }
    for (label, key) in [
        ("index build", "bleibe index: "),
        ("peak RSS", "peak RSS (VmHWM)"),
        ("command", "reproduce: bleibe bench search --jobs 2000"),
    ] {
        assert!(out.contains(key), "no {label} in\n{out}");
    }
    let queries = query_rows(out, with_pg);
    for class in CLASSES {
        let n = queries.iter().filter(|q| q.class == class).count();
        assert!((3..=5).contains(&n), "{class}: {n} variants\n{out}");
    }
    // The corpus is big enough for the broad classes to find something.
    for q in &queries {
        if ["common", "phrase", "radius_50km", "filter"].contains(&q.class.as_str()) {
            assert!(q.bleibe > 0, "{} {} found nothing", q.class, q.label);
        }
    }
}

#[test]
fn bench_search_on_sqlite_reports_every_class_and_refuses_other_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data_dir = dir.path().to_str().expect("utf-8 path");
    let out = run_ok(&[
        "bench",
        "search",
        "--jobs",
        "2000",
        "--iterations",
        "3",
        "--data-dir",
        data_dir,
    ]);
    check_report(&out, false);
    assert!(out.contains("seeded now"), "{out}");
    assert!(
        std::fs::read_dir(dir.path())
            .expect("data dir")
            .filter_map(Result::ok)
            .all(|e| !e.file_name().to_string_lossy().starts_with("bench-index-")),
        "the temporary index is removed"
    );
    // The same data dir with another job count is refused, and says what to do.
    let refused = bleibe(&[
        "bench",
        "search",
        "--jobs",
        "500",
        "--iterations",
        "1",
        "--data-dir",
        data_dir,
    ]);
    assert!(!refused.status.success());
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(
        err.contains("already holds 2000 jobs") && err.contains("empty --data-dir"),
        "{err}"
    );
    // The HTTP mix has every query of the report.
    let urls = run_ok(&["bench", "urls"]);
    assert!(urls.lines().all(|u| u.starts_with("/api/v1/jobs?")));
    assert!(urls.contains("/api/v1/jobs?q=Region\n"), "{urls}");
}

#[tokio::test(flavor = "multi_thread")]
async fn bench_search_against_postgres_agrees_where_semantics_agree() {
    let Some(server) = test_url() else {
        eprintln!("skipped: BLEIBE_TEST_POSTGRES_URL is not set");
        return;
    };
    let db = test_database(&server, true).await;
    let dir = tempfile::tempdir().expect("tempdir");
    let url = db.url.clone();
    let data_dir = dir.path().to_str().expect("utf-8 path").to_string();
    let out = tokio::task::spawn_blocking(move || {
        run_ok(&[
            "bench",
            "search",
            "--jobs",
            "2000",
            "--iterations",
            "3",
            "--data-dir",
            &data_dir,
            "--postgres-url",
            &url,
        ])
    })
    .await
    .expect("join");
    check_report(&out, true);
    assert!(out.contains("PostgreSQL: bench_fts built in"), "{out}");
    let queries = query_rows(&out, true);
    let mut compared_pages = 0;
    for q in &queries {
        let (pg, facets, top, check) = q.pg.as_ref().expect("PostgreSQL columns");
        if DIFFERENT_SEMANTICS.contains(&q.class.as_str()) {
            assert_eq!(check, "semantics-differ", "{q:?}");
            continue;
        }
        assert_eq!(
            q.bleibe, *pg,
            "{} {}: bleibe and PostgreSQL find different numbers of jobs\n{out}",
            q.class, q.label
        );
        assert_eq!(
            facets, "same",
            "{} {}: facet counts differ\n{out}",
            q.class, q.label
        );
        assert_ne!(
            top, "differ",
            "{} {}: pages differ\n{out}",
            q.class, q.label
        );
        compared_pages += usize::from(top == "same");
        assert_eq!(check, "ok", "{q:?}");
    }
    assert!(
        compared_pages >= 8,
        "date and distance pages compared: {compared_pages}"
    );
    assert!(
        out.contains("cross-check: bleibe and PostgreSQL agree"),
        "{out}"
    );
    // The typo class shows why it is kept apart: bleibe finds the intended word,
    // PostgreSQL full-text search nothing.
    let typo = queries
        .iter()
        .find(|q| q.label == "q=\"Elecktroniker\"")
        .expect("typo query");
    assert!(
        typo.bleibe > 0 && typo.pg.as_ref().is_some_and(|p| p.0 == 0),
        "{typo:?}"
    );
}
