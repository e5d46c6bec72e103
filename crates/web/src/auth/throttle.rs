//! Sign-in throttling: after [`MAX_FAILURES`] failed attempts within [`WINDOW_MINUTES`]
//! for one account or from one address, further attempts are refused with 429 and
//! `Retry-After` until the oldest failure of the window has aged out. Failures are
//! counted in the database, so every instance sees them.

use crate::problem::AppError;
use crate::state::AppState;
use chrono::{DateTime, Duration, Utc};

/// Failures allowed within the window.
pub const MAX_FAILURES: usize = 5;
/// The window, in minutes.
pub const WINDOW_MINUTES: i64 = 15;

/// The keys an attempt counts against: the account (whether it exists or not, so
/// that the answer does not tell) and the client address.
pub fn keys(email: &str, ip: Option<&str>) -> Vec<String> {
    let mut k = vec![format!("account:{email}")];
    if let Some(ip) = ip {
        k.push(format!("ip:{ip}"));
    }
    k
}

/// Seconds until the failures at `times` (oldest first, all within the window) drop
/// below the limit; `None` when below it already.
pub fn retry_after(times: &[DateTime<Utc>], now: DateTime<Utc>) -> Option<u64> {
    if times.len() < MAX_FAILURES {
        return None;
    }
    let freeing = times[times.len() - MAX_FAILURES];
    let wait = (freeing + Duration::minutes(WINDOW_MINUTES) - now).num_seconds();
    Some(wait.max(1) as u64)
}

/// Refuses with 429 when any key is over the limit.
pub async fn check(state: &AppState, keys: &[String]) -> Result<(), AppError> {
    let now = Utc::now();
    let since = now - Duration::minutes(WINDOW_MINUTES);
    let mut wait = None;
    for key in keys {
        let times = state.store.login_failures_since(key, since).await?;
        wait = wait.max(retry_after(&times, now));
    }
    match wait {
        Some(secs) => Err(AppError::too_many_attempts(secs)),
        None => Ok(()),
    }
}

/// Counts a failure against every key.
pub async fn failed(state: &AppState, keys: &[String]) -> Result<(), AppError> {
    let now = Utc::now();
    for key in keys {
        state.store.record_login_failure(key, now).await?;
    }
    Ok(())
}

/// After a successful sign-in: the account's failures are forgotten (the address's
/// are not, so that one account of one's own cannot reset a guessing run).
pub async fn succeeded(state: &AppState, keys: &[String]) -> Result<(), AppError> {
    if let Some(account) = keys.first() {
        state.store.clear_login_failures(account).await?;
    }
    Ok(())
}

/// A rate limit for something anyone may do without an account (registering for an
/// event): at most `max` times per `window` under `key`, counted in the same table as
/// failed sign-ins. Refuses with 429 when the limit is reached, else counts this one.
pub async fn attempt(
    state: &AppState,
    key: &str,
    max: usize,
    window: Duration,
) -> Result<(), AppError> {
    let now = Utc::now();
    let times = state.store.login_failures_since(key, now - window).await?;
    if times.len() >= max {
        let freeing = times[times.len() - max];
        let wait = (freeing + window - now).num_seconds().max(1) as u64;
        return Err(AppError::rate_limited(wait));
    }
    state.store.record_login_failure(key, now).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sixth_attempt_waits_for_the_first_to_age_out() {
        let now = Utc::now();
        let t = |mins_ago: i64| now - Duration::minutes(mins_ago);
        assert_eq!(retry_after(&[t(10), t(9), t(8), t(7)], now), None);
        let five = [t(10), t(9), t(8), t(7), t(1)];
        assert_eq!(retry_after(&five, now), Some(5 * 60));
        let six = [t(14), t(10), t(9), t(8), t(7), t(1)];
        assert_eq!(retry_after(&six, now), Some(5 * 60));
    }
}
