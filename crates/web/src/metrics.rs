//! Prometheus metrics (`GET /metrics`, text exposition format 0.0.4), kept in atomics:
//! request counts by status class and total request time, plus gauges read at scrape
//! time (jobs, index position, change log position).

use crate::state::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

/// Counters shared by all requests of one instance.
#[derive(Debug)]
pub struct Metrics {
    started: Instant,
    by_class: [AtomicU64; 5],
    micros_total: AtomicU64,
}

impl Default for Metrics {
    fn default() -> Self {
        Self {
            started: Instant::now(),
            by_class: Default::default(),
            micros_total: AtomicU64::new(0),
        }
    }
}

impl Metrics {
    fn record(&self, status: u16, micros: u64) {
        let class = usize::from(status / 100).clamp(1, 5) - 1;
        self.by_class[class].fetch_add(1, Ordering::Relaxed);
        self.micros_total.fetch_add(micros, Ordering::Relaxed);
    }

    /// Requests answered so far.
    pub fn requests(&self) -> u64 {
        self.by_class
            .iter()
            .map(|c| c.load(Ordering::Relaxed))
            .sum()
    }
}

/// Middleware: counts every response.
pub async fn track(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let t = Instant::now();
    let res = next.run(req).await;
    let micros = u64::try_from(t.elapsed().as_micros()).unwrap_or(u64::MAX);
    state.metrics.record(res.status().as_u16(), micros);
    res
}

/// Renders the exposition text.
pub fn render(
    m: &Metrics,
    backend: &str,
    jobs: i64,
    index_docs: u64,
    index_seq: i64,
    store_seq: i64,
) -> String {
    let mut out = String::new();
    let mut gauge = |name: &str, help: &str, value: String| {
        let _ = writeln!(
            out,
            "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}"
        );
    };
    gauge(
        "bleibe_build_info",
        "Version and database backend of this instance.",
        String::new(),
    );
    gauge(
        "bleibe_uptime_seconds",
        "Seconds since start.",
        format!("{:.0}", m.started.elapsed().as_secs_f64()),
    );
    gauge("bleibe_jobs", "Jobs in the database.", jobs.to_string());
    gauge(
        "bleibe_index_documents",
        "Jobs in this instance's search index.",
        index_docs.to_string(),
    );
    gauge(
        "bleibe_index_applied_seq",
        "Last change-log entry applied to the search index.",
        index_seq.to_string(),
    );
    gauge(
        "bleibe_store_change_seq",
        "Last change-log entry in the database.",
        store_seq.to_string(),
    );
    gauge(
        "bleibe_index_lag_entries",
        "Change-log entries the search index has not applied yet.",
        (store_seq - index_seq).max(0).to_string(),
    );
    // The info gauge carries labels; patch its sample line.
    out = out.replacen(
        "bleibe_build_info \n",
        &format!(
            "bleibe_build_info{{version=\"{}\",backend=\"{backend}\"}} 1\n",
            env!("CARGO_PKG_VERSION")
        ),
        1,
    );
    let _ = writeln!(
        out,
        "# HELP bleibe_http_requests_total HTTP responses by status class."
    );
    let _ = writeln!(out, "# TYPE bleibe_http_requests_total counter");
    for (i, c) in m.by_class.iter().enumerate() {
        let _ = writeln!(
            out,
            "bleibe_http_requests_total{{class=\"{}xx\"}} {}",
            i + 1,
            c.load(Ordering::Relaxed)
        );
    }
    let _ = writeln!(
        out,
        "# HELP bleibe_http_request_seconds_total Time spent answering requests."
    );
    let _ = writeln!(out, "# TYPE bleibe_http_request_seconds_total counter");
    let _ = writeln!(
        out,
        "bleibe_http_request_seconds_total {:.6}",
        m.micros_total.load(Ordering::Relaxed) as f64 / 1e6
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exposition_format() {
        let m = Metrics::default();
        m.record(200, 1500);
        m.record(404, 500);
        m.record(200, 1000);
        let text = render(&m, "sqlite", 5, 4, 10, 12);
        assert!(
            text.contains("bleibe_http_requests_total{class=\"2xx\"} 2"),
            "{text}"
        );
        assert!(
            text.contains("bleibe_http_requests_total{class=\"4xx\"} 1"),
            "{text}"
        );
        assert!(
            text.contains("bleibe_http_request_seconds_total 0.003000"),
            "{text}"
        );
        assert!(text.contains("bleibe_index_lag_entries 2"), "{text}");
        assert!(text.contains("bleibe_build_info{version="), "{text}");
        assert!(text.contains("backend=\"sqlite\"} 1"), "{text}");
        assert_eq!(m.requests(), 3);
        // Every sample line is "name{labels} value" or "name value".
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            assert_eq!(line.rsplit(' ').count(), line.split(' ').count());
            assert!(
                line.rsplit(' ')
                    .next()
                    .is_some_and(|v| v.parse::<f64>().is_ok()),
                "{line}"
            );
        }
    }
}
