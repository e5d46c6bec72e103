//! Figures and tables of `bleibe bench search`.

use std::path::Path;
use std::time::Duration;

/// Milliseconds.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Seconds, one decimal.
pub fn secs(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

/// Mebibytes, one decimal.
pub fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / 1_048_576.0)
}

/// Latency percentiles of a set of timings (nearest rank).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Percentiles {
    /// Median, ms.
    pub p50: f64,
    /// 95th percentile, ms.
    pub p95: f64,
    /// 99th percentile, ms.
    pub p99: f64,
    /// Slowest, ms.
    pub max: f64,
}

impl Percentiles {
    /// The percentiles of `times` (`None` when empty).
    pub fn of(times: &[Duration]) -> Option<Percentiles> {
        if times.is_empty() {
            return None;
        }
        let mut sorted = times.to_vec();
        sorted.sort_unstable();
        let rank = |p: f64| {
            let i = (p * sorted.len() as f64).ceil() as usize;
            ms(sorted[i.clamp(1, sorted.len()) - 1])
        };
        Some(Percentiles {
            p50: rank(0.50),
            p95: rank(0.95),
            p99: rank(0.99),
            max: ms(sorted[sorted.len() - 1]),
        })
    }
}

/// Sum of the sizes of the files in `dir` (and below).
pub fn dir_size(dir: &Path) -> std::io::Result<u64> {
    let mut total = 0;
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        total += if meta.is_dir() {
            dir_size(&entry.path())?
        } else {
            meta.len()
        };
    }
    Ok(total)
}

/// A `Vm…` line of /proc/self/status in bytes (Linux only).
pub fn proc_status_bytes(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status.lines().find_map(|line| {
        let rest = line.strip_prefix(key)?.strip_prefix(':')?;
        let kb: u64 = rest.trim().strip_suffix("kB")?.trim().parse().ok()?;
        Some(kb * 1024)
    })
}

/// Resets the peak RSS (`VmHWM`) of this process to its current RSS (Linux: writing 5 to
/// /proc/self/clear_refs). Returns whether it worked.
pub fn reset_peak_rss() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// `b / a`, as "12.3×" (or "-" when undefined).
pub fn ratio(a: f64, b: f64) -> String {
    if a > 0.0 {
        format!("{:.1}×", b / a)
    } else {
        "-".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let times: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        let p = Percentiles::of(&times).expect("some");
        assert_eq!((p.p50, p.p95, p.p99, p.max), (50.0, 95.0, 99.0, 100.0));
        let one = Percentiles::of(&[Duration::from_millis(3)]).expect("some");
        assert_eq!((one.p50, one.p99), (3.0, 3.0));
        assert!(Percentiles::of(&[]).is_none());
    }

    #[test]
    fn peak_rss_is_read() {
        if Path::new("/proc/self/status").exists() {
            assert!(proc_status_bytes("VmHWM").is_some_and(|b| b > 0));
        }
    }
}
