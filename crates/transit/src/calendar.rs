//! On which days a service runs: calendar.txt (weekdays over a date range) with the
//! exceptions of calendar_dates.txt (a day added or removed), and the choice of a
//! representative weekday.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// A weekly pattern from calendar.txt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Weekly {
    /// Monday first.
    pub days: [bool; 7],
    /// First day, inclusive.
    pub start: NaiveDate,
    /// Last day, inclusive.
    pub end: NaiveDate,
}

/// One service_id: its weekly pattern (if calendar.txt has one) and its exceptions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Service {
    pub weekly: Option<Weekly>,
    /// calendar_dates.txt exception_type 1.
    pub added: Vec<NaiveDate>,
    /// calendar_dates.txt exception_type 2.
    pub removed: Vec<NaiveDate>,
}

impl Service {
    /// Whether the service runs on `date`: an added date runs, a removed date does not,
    /// otherwise the weekly pattern decides (a service without one runs only on added
    /// dates).
    pub fn runs_on(&self, date: NaiveDate) -> bool {
        if self.added.contains(&date) {
            return true;
        }
        if self.removed.contains(&date) {
            return false;
        }
        self.weekly.as_ref().is_some_and(|w| {
            w.start <= date
                && date <= w.end
                && w.days[date.weekday().num_days_from_monday() as usize]
        })
    }

    /// The first and last day this service could run on.
    pub fn range(&self) -> Option<(NaiveDate, NaiveDate)> {
        let weekly = self.weekly.as_ref().map(|w| (w.start, w.end));
        let added = self.added.iter().map(|d| (*d, *d));
        weekly
            .into_iter()
            .chain(added)
            .reduce(|(a, b), (c, d)| (a.min(c), b.max(d)))
    }
}

/// The representative weekday for a timetable: the first Tuesday on or after `from`.
/// Tuesday is an ordinary working day, away from the Monday and Friday peculiarities of
/// some timetables.
pub fn representative_weekday(from: NaiveDate) -> NaiveDate {
    let ahead =
        (7 + Weekday::Tue.num_days_from_monday() - from.weekday().num_days_from_monday()) % 7;
    from + Days::new(u64::from(ahead))
}

/// A date from its parts as gtfs-structures (jiff) gives them.
pub(crate) fn ymd(year: i16, month: i8, day: i8) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        i32::from(year),
        u32::try_from(month).ok()?,
        u32::try_from(day).ok()?,
    )
}

/// The weekly pattern of a calendar.txt row.
pub(crate) fn weekly(c: &gtfs_structures::Calendar) -> Option<Weekly> {
    let (s, e) = (c.start_date, c.end_date);
    Some(Weekly {
        days: [
            c.monday,
            c.tuesday,
            c.wednesday,
            c.thursday,
            c.friday,
            c.saturday,
            c.sunday,
        ],
        start: ymd(s.year(), s.month(), s.day())?,
        end: ymd(e.year(), e.month(), e.day())?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn representative_weekday_is_the_next_tuesday_or_the_day_itself() {
        // 2026-11-30 is a Monday.
        assert_eq!(representative_weekday(day("2026-11-30")), day("2026-12-01"));
        assert_eq!(representative_weekday(day("2026-12-01")), day("2026-12-01"));
        assert_eq!(representative_weekday(day("2026-12-02")), day("2026-12-08"));
        assert_eq!(representative_weekday(day("2026-12-06")), day("2026-12-08"));
    }

    #[test]
    fn exceptions_override_the_weekly_pattern() {
        let service = Service {
            weekly: Some(Weekly {
                days: [true, true, true, true, true, false, false],
                start: day("2026-01-01"),
                end: day("2026-12-31"),
            }),
            added: vec![day("2026-03-07")],
            removed: vec![day("2026-03-03")],
        };
        assert!(service.runs_on(day("2026-03-02")), "a Monday in range");
        assert!(!service.runs_on(day("2026-03-03")), "removed Tuesday");
        assert!(service.runs_on(day("2026-03-07")), "added Saturday");
        assert!(!service.runs_on(day("2026-03-08")), "a Sunday");
        assert!(!service.runs_on(day("2027-01-04")), "after the end");
        assert_eq!(
            service.range(),
            Some((day("2026-01-01"), day("2026-12-31")))
        );
        let only_added = Service {
            added: vec![day("2026-05-05")],
            ..Service::default()
        };
        assert!(only_added.runs_on(day("2026-05-05")));
        assert!(!only_added.runs_on(day("2026-05-12")));
        assert_eq!(
            only_added.range(),
            Some((day("2026-05-05"), day("2026-05-05")))
        );
    }
}
