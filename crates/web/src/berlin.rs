//! German civil time (Europe/Berlin), which every page, mail and feed shows: CEST
//! (+02:00) from 01:00 UTC on the last Sunday of March up to 01:00 UTC on the last Sunday
//! of October, else CET (+01:00), as the EU rule (Directive 2000/84/EC) has it. Stored
//! instants are UTC; this is the one place that converts.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, Utc};

/// Whether German summer time is in force at `t`.
pub fn summer_time(t: DateTime<Utc>) -> bool {
    let switch = |month: u32| {
        NaiveDate::from_ymd_opt(t.year(), month, 31).and_then(|last| {
            let sunday = last - chrono::Days::new(u64::from(last.weekday().num_days_from_sunday()));
            sunday.and_hms_opt(1, 0, 0).map(|d| d.and_utc())
        })
    };
    matches!((switch(3), switch(10)), (Some(start), Some(end)) if t >= start && t < end)
}

/// The instant `t` in German civil time.
pub fn to_berlin(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    let hours = if summer_time(t) { 2 } else { 1 };
    match FixedOffset::east_opt(hours * 3600) {
        Some(offset) => t.with_timezone(&offset),
        None => t.fixed_offset(),
    }
}

/// The instant of a German civil time (a form's input). A time skipped when the clocks
/// go forward counts as winter time; a time that occurs twice when they go back, as its
/// first occurrence.
pub fn from_berlin(local: NaiveDateTime) -> DateTime<Utc> {
    let summer = (local - chrono::Duration::hours(2)).and_utc();
    if summer_time(summer) {
        summer
    } else {
        (local - chrono::Duration::hours(1)).and_utc()
    }
}

/// `count` repetitions of the span `starts_at`–`ends_at`, the span itself first, one
/// every `every_weeks` weeks at the same German civil time of day: "Tuesday 09:00–12:00"
/// stays 09:00–12:00 when the clocks change in between (and so moves by an hour in UTC).
/// A civil time that a change of the clocks skips or repeats is read as
/// [`from_berlin`] reads it.
pub fn weekly(
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    every_weeks: u32,
    count: u32,
) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let (start, end) = (
        to_berlin(starts_at).naive_local(),
        to_berlin(ends_at).naive_local(),
    );
    (0..count)
        .map(|i| {
            let shift = chrono::Duration::weeks(i64::from(i) * i64::from(every_weeks));
            (from_berlin(start + shift), from_berlin(end + shift))
        })
        .collect()
}

/// The UTC offset in force at the end of `day`, as `+02:00` or `+01:00`.
pub fn offset_at_end_of(day: NaiveDate) -> &'static str {
    match day.and_hms_opt(21, 0, 0) {
        Some(t) if summer_time(t.and_utc()) => "+02:00",
        _ => "+01:00",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("instant")
            .with_timezone(&Utc)
    }

    #[test]
    fn the_clocks_change_at_one_utc_on_the_last_sundays_of_march_and_october() {
        let hours = |s: &str| to_berlin(at(s)).offset().local_minus_utc() / 3600;
        assert_eq!(hours("2026-03-29T00:59:59Z"), 1);
        assert_eq!(hours("2026-03-29T01:00:00Z"), 2);
        assert_eq!(hours("2026-10-25T00:59:59Z"), 2);
        assert_eq!(hours("2026-10-25T01:00:00Z"), 1);
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("day");
        assert_eq!(offset_at_end_of(day(2026, 3, 28)), "+01:00");
        assert_eq!(offset_at_end_of(day(2026, 3, 29)), "+02:00");
        assert_eq!(offset_at_end_of(day(2026, 10, 24)), "+02:00");
        assert_eq!(offset_at_end_of(day(2026, 10, 25)), "+01:00");
        assert_eq!(
            offset_at_end_of(day(2027, 3, 28)),
            "+02:00",
            "last Sunday of March 2027"
        );
    }

    #[test]
    fn weekly_dates_keep_the_civil_time_across_both_changes_of_the_clocks() {
        let local = |t: DateTime<Utc>| to_berlin(t).format("%Y-%m-%d %a %H:%M").to_string();
        let shown = |dates: &[(DateTime<Utc>, DateTime<Utc>)]| {
            dates
                .iter()
                .map(|(s, e)| format!("{}–{}", local(*s), to_berlin(*e).format("%H:%M")))
                .collect::<Vec<_>>()
        };
        // Tuesday 09:00–12:00 every second week over the last Sunday of March (29th).
        let march = weekly(at("2026-03-17T08:00:00Z"), at("2026-03-17T11:00:00Z"), 2, 3);
        assert_eq!(
            shown(&march),
            vec![
                "2026-03-17 Tue 09:00–12:00",
                "2026-03-31 Tue 09:00–12:00",
                "2026-04-14 Tue 09:00–12:00",
            ]
        );
        assert_eq!(
            march[1],
            (at("2026-03-31T07:00:00Z"), at("2026-03-31T10:00:00Z")),
            "summer time: an hour earlier in UTC"
        );
        // And over the last Sunday of October (25th), weekly.
        let october = weekly(at("2026-10-20T07:00:00Z"), at("2026-10-20T10:00:00Z"), 1, 3);
        assert_eq!(
            shown(&october),
            vec![
                "2026-10-20 Tue 09:00–12:00",
                "2026-10-27 Tue 09:00–12:00",
                "2026-11-03 Tue 09:00–12:00",
            ]
        );
        assert_eq!(
            october[1],
            (at("2026-10-27T08:00:00Z"), at("2026-10-27T11:00:00Z")),
            "winter time: an hour later in UTC"
        );
        // The first date is the event itself; `count` dates in all.
        assert_eq!(october[0].0, at("2026-10-20T07:00:00Z"));
        assert_eq!(
            weekly(
                at("2026-10-20T07:00:00Z"),
                at("2026-10-20T10:00:00Z"),
                8,
                52
            )
            .len(),
            52
        );
    }

    #[test]
    fn form_times_read_back_as_they_were_typed() {
        let local = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("local");
        let t = from_berlin(local("2026-05-09 10:00"));
        assert_eq!(t, at("2026-05-09T08:00:00Z"));
        assert_eq!(to_berlin(t).naive_local(), local("2026-05-09 10:00"));
        assert_eq!(
            from_berlin(local("2026-12-01 10:00")),
            at("2026-12-01T09:00:00Z")
        );
        // Skipped (02:30 on the spring Sunday) counts as winter time.
        assert_eq!(
            from_berlin(local("2026-03-29 02:30")),
            at("2026-03-29T01:30:00Z")
        );
    }
}
