//! Bad records found while reading a feed: counted per kind, with a few examples, and
//! skipped — one broken trip never stops an import.

use std::collections::BTreeMap;
use std::fmt;

/// How many examples are kept per kind.
pub const EXAMPLES_PER_KIND: usize = 3;

/// What was wrong with a skipped (or partly used) record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IssueKind {
    /// An optional file (transfers.txt, frequencies.txt) could not be parsed; it is left
    /// out as a whole (gtfs-structures reads a file all or nothing).
    UnreadableFile,
    /// A stop, station or entrance without latitude/longitude. Vehicles still run
    /// through it, but nobody walks to, from or via it.
    StopWithoutCoordinates,
    /// A second stop with an id seen before; the first one counts.
    DuplicateStop,
    /// A second trip with an id seen before; the first one counts.
    DuplicateTrip,
    /// A stop time of a trip that trips.txt does not list.
    StopTimeOfUnknownTrip,
    /// A trip that calls at a stop stops.txt does not list; the trip is skipped.
    TripWithUnknownStop,
    /// A trip whose service_id neither calendar.txt nor calendar_dates.txt knows; it
    /// never runs.
    TripWithUnknownService,
    /// A trip with fewer than two stop times; skipped.
    TripTooShort,
    /// A trip without a time at its first or last stop (nothing to interpolate from);
    /// skipped.
    TripWithoutTimes,
    /// A trip with two stop times of the same stop_sequence; skipped.
    TripWithDuplicateSequence,
    /// A trip whose times go backwards (departure before arrival, or an arrival before
    /// the previous departure); skipped.
    TripTimesBackwards,
    /// A frequencies.txt row with a headway of 0, an end not after its start, or an
    /// unknown trip; skipped.
    InvalidFrequency,
    /// A transfers.txt row naming an unknown stop; skipped.
    TransferWithUnknownStop,
}

impl IssueKind {
    /// A short English description for reports.
    pub fn describe(self) -> &'static str {
        match self {
            IssueKind::UnreadableFile => "optional file unreadable, left out",
            IssueKind::StopWithoutCoordinates => {
                "stop without coordinates (vehicles pass, no walking to it)"
            }
            IssueKind::DuplicateStop => "duplicate stop_id, later one skipped",
            IssueKind::DuplicateTrip => "duplicate trip_id, later one skipped",
            IssueKind::StopTimeOfUnknownTrip => "stop time of an unknown trip, skipped",
            IssueKind::TripWithUnknownStop => "trip calling at an unknown stop, skipped",
            IssueKind::TripWithUnknownService => "trip with an unknown service_id, skipped",
            IssueKind::TripTooShort => "trip with fewer than two stop times, skipped",
            IssueKind::TripWithoutTimes => "trip without a time at its first or last stop, skipped",
            IssueKind::TripWithDuplicateSequence => "trip with a repeated stop_sequence, skipped",
            IssueKind::TripTimesBackwards => "trip whose times go backwards, skipped",
            IssueKind::InvalidFrequency => "invalid frequencies.txt row, skipped",
            IssueKind::TransferWithUnknownStop => "transfer naming an unknown stop, skipped",
        }
    }
}

impl fmt::Display for IssueKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

/// The count of one kind of issue and its first few examples.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// How many records had this issue.
    pub count: usize,
    /// Up to [`EXAMPLES_PER_KIND`] examples, each naming the record.
    pub examples: Vec<String>,
}

/// Every issue found, by kind.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Issues {
    tallies: BTreeMap<IssueKind, Tally>,
}

impl Issues {
    /// Counts one record of `kind`; `example` is called only while examples are wanted.
    pub fn record(&mut self, kind: IssueKind, example: impl FnOnce() -> String) {
        let tally = self.tallies.entry(kind).or_default();
        tally.count += 1;
        if tally.examples.len() < EXAMPLES_PER_KIND {
            tally.examples.push(example());
        }
    }

    /// How many records had `kind`.
    pub fn count(&self, kind: IssueKind) -> usize {
        self.tallies.get(&kind).map_or(0, |t| t.count)
    }

    /// How many issues in all.
    pub fn total(&self) -> usize {
        self.tallies.values().map(|t| t.count).sum()
    }

    /// Whether nothing was wrong.
    pub fn is_empty(&self) -> bool {
        self.tallies.is_empty()
    }

    /// Every kind found with its tally, in a fixed order.
    pub fn iter(&self) -> impl Iterator<Item = (IssueKind, &Tally)> {
        self.tallies.iter().map(|(k, t)| (*k, t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_counting_after_the_examples_are_full() {
        let mut issues = Issues::default();
        for i in 0..5 {
            issues.record(IssueKind::TripTimesBackwards, || format!("trip {i}"));
        }
        issues.record(IssueKind::DuplicateStop, || "s".into());
        assert_eq!(issues.count(IssueKind::TripTimesBackwards), 5);
        assert_eq!(issues.total(), 6);
        let (kind, tally) = issues.iter().nth(1).unwrap();
        assert_eq!(kind, IssueKind::TripTimesBackwards);
        assert_eq!(tally.examples, ["trip 0", "trip 1", "trip 2"]);
    }
}
