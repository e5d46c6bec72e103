//! Events: returnee days, job fairs, consultation days, info events and working-group
//! meetings, in one model, with registration and a waiting list.
//!
//! Registration is first come, first served: while fewer than `capacity` people are
//! registered a new registration is [`RegistrationStatus::Registered`], after that
//! [`RegistrationStatus::Waiting`]. When a registered person cancels, the longest-waiting
//! person moves up. The store does both atomically (see `bleibe_store::Cooperation`).
//!
//! An event may instead be divided into bookable slots ([`NewEvent::slot_minutes`], a
//! consultation day with 30-minute appointments): then each registration books one slot
//! (one person per slot), the capacity is the number of slots, and there is no waiting
//! list; a cancellation frees the slot.
//!
//! Recurring dates ("every second Tuesday, 09:00–12:00") are a series of such events
//! ([`Recurrence`]): each date is an event of its own, created together, and all of them
//! name the first as their [`Event::series_id`].

use super::Visibility;
use crate::error::ValidationError;
use crate::job::vocabulary;
use crate::text;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

vocabulary!(
    /// What kind of event.
    EventKind {
        /// Rückkehrertag.
        ReturneeDay = "returnee_day",
        /// Job fair (Jobmesse).
        JobFair = "job_fair",
        /// Consultation day (Beratungstag) with bookable slots.
        ConsultationDay = "consultation_day",
        /// Info event.
        InfoEvent = "info_event",
        /// Meeting of a working group.
        WorkingGroupMeeting = "working_group_meeting",
    }
);

vocabulary!(
    /// Where a registration stands.
    RegistrationStatus {
        /// Has a place.
        Registered = "registered",
        /// On the waiting list.
        Waiting = "waiting",
        /// Cancelled.
        Cancelled = "cancelled",
    }
);

/// An event to be created, or its new state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewEvent {
    /// The organising organisation (its feed lists the event).
    pub org_id: i64,
    /// The network it belongs to (its calendar lists the event), if any.
    pub network_id: Option<i64>,
    /// The working group, for its meetings.
    pub working_group_id: Option<i64>,
    /// Kind.
    pub kind: EventKind,
    /// Title.
    pub title: String,
    /// Plain-text description.
    #[serde(default)]
    pub description: String,
    /// Venue ("Niederlausitzhalle Senftenberg").
    #[serde(default)]
    pub venue: String,
    /// Street address of the venue.
    #[serde(default)]
    pub address: String,
    /// Link to join online, if any.
    pub online_url: Option<String>,
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// End.
    pub ends_at: DateTime<Utc>,
    /// Places; `None` = no registration limit. With slots, the number of slots (set by
    /// [`NewEvent::validate`]).
    pub capacity: Option<i64>,
    /// Length of a bookable slot in minutes (5–480); `None` = no slots. The event is
    /// divided into slots of this length from `starts_at`, as many whole slots as end by
    /// `ends_at` (at most [`MAX_SLOTS`]); each registration books one.
    #[serde(default)]
    pub slot_minutes: Option<i64>,
    /// Whether registration is open.
    #[serde(default = "yes")]
    pub registration_open: bool,
    /// Who may see it.
    pub visibility: Visibility,
    /// Agenda, plain text.
    #[serde(default)]
    pub agenda: String,
    /// Minutes or closing report, plain text.
    #[serde(default)]
    pub minutes: String,
    /// Fictitious demo record.
    #[serde(default)]
    pub demo: bool,
}

fn yes() -> bool {
    true
}

/// Shortest and longest slot, in minutes.
pub const SLOT_MINUTES: std::ops::RangeInclusive<i64> = 5..=480;

/// Most slots one event may have.
pub const MAX_SLOTS: i64 = 200;

/// How many whole slots of `minutes` fit between `start` and `end` (0 for a length
/// that is not positive).
fn slot_count(start: DateTime<Utc>, end: DateTime<Utc>, minutes: i64) -> i64 {
    if minutes <= 0 || end <= start {
        return 0;
    }
    let span = (end - start).num_seconds();
    span / (minutes * 60)
}

/// The starts of the whole slots of `minutes` from `start` that end by `end`, at most
/// [`MAX_SLOTS`] of them.
pub fn slot_starts(start: DateTime<Utc>, end: DateTime<Utc>, minutes: i64) -> Vec<DateTime<Utc>> {
    let n = slot_count(start, end, minutes).min(MAX_SLOTS);
    (0..n)
        .map(|i| start + chrono::Duration::minutes(i * minutes))
        .collect()
}

impl NewEvent {
    /// Checks and normalises; the error names the field.
    pub fn validate(mut self) -> Result<Self, ValidationError> {
        self.title = text::required("title", &self.title, 200)?;
        for (field, value, max) in [
            ("description", &mut self.description, 20_000),
            ("venue", &mut self.venue, 300),
            ("address", &mut self.address, 300),
            ("agenda", &mut self.agenda, 20_000),
            ("minutes", &mut self.minutes, 50_000),
        ] {
            *value = value.trim().to_string();
            if value.chars().count() > max {
                return Err(ValidationError::new(
                    field,
                    format!("at most {max} characters"),
                ));
            }
        }
        if let Some(url) = &self.online_url {
            if url.trim().is_empty() {
                self.online_url = None;
            } else {
                text::check_http_url("online_url", url)?;
            }
        }
        if self.ends_at < self.starts_at {
            return Err(ValidationError::new(
                "ends_at",
                "the end must not be before the start",
            ));
        }
        if let Some(minutes) = self.slot_minutes {
            if !SLOT_MINUTES.contains(&minutes) {
                return Err(ValidationError::new(
                    "slot_minutes",
                    format!(
                        "a slot lasts between {} and {} minutes",
                        SLOT_MINUTES.start(),
                        SLOT_MINUTES.end()
                    ),
                ));
            }
            let n = slot_count(self.starts_at, self.ends_at, minutes);
            if n == 0 {
                return Err(ValidationError::new(
                    "slot_minutes",
                    "the event is shorter than one slot",
                ));
            }
            if n > MAX_SLOTS {
                return Err(ValidationError::new(
                    "slot_minutes",
                    format!("at most {MAX_SLOTS} slots: choose longer slots or a shorter event"),
                ));
            }
            // One person per slot.
            self.capacity = Some(n);
        }
        if self.capacity.is_some_and(|c| !(1..=100_000).contains(&c)) {
            return Err(ValidationError::new(
                "capacity",
                "between 1 and 100000 places, or none for no limit",
            ));
        }
        if self.kind == EventKind::WorkingGroupMeeting && self.working_group_id.is_none() {
            return Err(ValidationError::new(
                "working_group_id",
                "a working-group meeting names its working group",
            ));
        }
        if self.working_group_id.is_some() && self.network_id.is_none() {
            return Err(ValidationError::new(
                "network_id",
                "a working group's meeting belongs to the group's network",
            ));
        }
        Ok(self)
    }

    /// The starts of the bookable slots, in order; empty without slots.
    pub fn slots(&self) -> Vec<DateTime<Utc>> {
        match self.slot_minutes {
            Some(m) if SLOT_MINUTES.contains(&m) => slot_starts(self.starts_at, self.ends_at, m),
            _ => Vec::new(),
        }
    }

    /// Whether the event is divided into bookable slots.
    pub fn has_slots(&self) -> bool {
        self.slot_minutes.is_some()
    }
}

/// A stored event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Event {
    /// Store id.
    pub id: i64,
    /// What was written.
    #[serde(flatten)]
    pub data: NewEvent,
    /// The organiser's name.
    pub org_name: String,
    /// Registered people.
    pub registered: i64,
    /// People waiting.
    pub waiting: i64,
    /// Optimistic-locking version.
    pub version: i64,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last change (iCal `LAST-MODIFIED`, Atom `updated`).
    pub updated_at: DateTime<Utc>,
    /// When the organiser called the whole event off; `None` = it takes place. A
    /// cancelled event stays listed (marked), takes no registrations, and calendar feeds
    /// say `STATUS:CANCELLED`.
    #[serde(default)]
    pub cancelled_at: Option<DateTime<Utc>>,
    /// The first event of the series this one belongs to (recurring consultation hours,
    /// see [`Recurrence`]); every event of a series, the first included, carries it.
    /// `None` for an event on its own. Set by the store, never written by a client.
    #[serde(default)]
    pub series_id: Option<i64>,
}

impl Event {
    /// Whether the organiser called the event off.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled_at.is_some()
    }

    /// Free places, `None` when there is no limit.
    pub fn free(&self) -> Option<i64> {
        self.data.capacity.map(|c| (c - self.registered).max(0))
    }

    /// The starts of the bookable slots, in order; empty when the event has no slots.
    pub fn slots(&self) -> Vec<DateTime<Utc>> {
        self.data.slots()
    }

    /// The end of the slot starting at `start` (its start plus the slot length).
    pub fn slot_end(&self, start: DateTime<Utc>) -> DateTime<Utc> {
        start + chrono::Duration::minutes(self.data.slot_minutes.unwrap_or(0))
    }
}

/// How an event repeats: every `every_weeks` weeks, `count` dates in all (the first one
/// included), at the same local (Europe/Berlin) time of day — "every second Tuesday,
/// 09:00–12:00, ten times". Each date becomes an event of its own with the same content
/// and its own registrations or slots; all of them name the first as their
/// [`Event::series_id`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Recurrence {
    /// Weeks between two dates, 1–8 (2 = every second week).
    pub every_weeks: u32,
    /// Number of dates, the first included, 2–52.
    pub count: u32,
}

/// Allowed weeks between two dates of a series.
pub const SERIES_EVERY_WEEKS: std::ops::RangeInclusive<u32> = 1..=8;

/// Allowed number of dates of a series.
pub const SERIES_COUNT: std::ops::RangeInclusive<u32> = 2..=52;

impl Recurrence {
    /// Checks the ranges; the error names the field (`repeat.every_weeks`,
    /// `repeat.count`), as the API's body has it.
    pub fn validate(self) -> Result<Self, ValidationError> {
        if !SERIES_EVERY_WEEKS.contains(&self.every_weeks) {
            return Err(ValidationError::new(
                "repeat.every_weeks",
                format!(
                    "every {} to {} weeks",
                    SERIES_EVERY_WEEKS.start(),
                    SERIES_EVERY_WEEKS.end()
                ),
            ));
        }
        if !SERIES_COUNT.contains(&self.count) {
            return Err(ValidationError::new(
                "repeat.count",
                format!(
                    "between {} and {} dates",
                    SERIES_COUNT.start(),
                    SERIES_COUNT.end()
                ),
            ));
        }
        Ok(self)
    }
}

/// Someone registering.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewRegistration {
    /// Name.
    pub name: String,
    /// E-mail address (confirmation, moving up, cancellation link).
    pub email: String,
    /// Their organisation, free text, may be empty.
    #[serde(default)]
    pub organisation: String,
    /// Their account, if signed in.
    pub user_id: Option<i64>,
    /// The slot to book (its start, one of [`Event::slots`]): required for an event with
    /// slots, not allowed for one without.
    #[serde(default)]
    pub slot: Option<DateTime<Utc>>,
    /// SHA-256 of the cancellation token (the token itself is only in the e-mail).
    #[serde(skip)]
    pub cancel_hash: String,
}

impl NewRegistration {
    /// Checks and normalises; the error names the field.
    pub fn validate(mut self) -> Result<Self, ValidationError> {
        self.name = text::required("name", &self.name, 200)?;
        self.email = self.email.trim().to_lowercase();
        text::check_email("email", &self.email)?;
        self.organisation = self.organisation.trim().to_string();
        if self.organisation.chars().count() > 200 {
            return Err(ValidationError::new(
                "organisation",
                "at most 200 characters",
            ));
        }
        Ok(self)
    }
}

/// A stored registration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Registration {
    /// Store id: also the order of the waiting list.
    pub id: i64,
    /// The event.
    pub event_id: i64,
    /// Name.
    pub name: String,
    /// E-mail address.
    pub email: String,
    /// Organisation, free text.
    pub organisation: String,
    /// Account, if any.
    pub user_id: Option<i64>,
    /// Status.
    pub status: RegistrationStatus,
    /// The booked slot's start, for an event with slots.
    pub slot: Option<DateTime<Utc>>,
    /// Whether they came (recorded after the event).
    pub attended: bool,
    /// Registered.
    pub created_at: DateTime<Utc>,
    /// Last status change.
    pub updated_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event() -> NewEvent {
        let start = DateTime::parse_from_rfc3339("2026-05-09T08:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        NewEvent {
            org_id: 1,
            network_id: Some(1),
            working_group_id: None,
            kind: EventKind::ReturneeDay,
            title: "Rückkehrertag".into(),
            description: String::new(),
            venue: "Niederlausitzhalle".into(),
            address: String::new(),
            online_url: Some(String::new()),
            starts_at: start,
            ends_at: start + chrono::Duration::hours(6),
            capacity: Some(10),
            slot_minutes: None,
            registration_open: true,
            visibility: Visibility::Public,
            agenda: String::new(),
            minutes: String::new(),
            demo: false,
        }
    }

    #[test]
    fn validation_names_the_field() {
        let ok = event().validate().expect("valid");
        assert_eq!(ok.online_url, None, "an empty link is no link");
        let mut e = event();
        e.ends_at = e.starts_at - chrono::Duration::minutes(1);
        assert_eq!(e.validate().unwrap_err().field, "ends_at");
        let mut e = event();
        e.capacity = Some(0);
        assert_eq!(e.validate().unwrap_err().field, "capacity");
        let mut e = event();
        e.kind = EventKind::WorkingGroupMeeting;
        assert_eq!(e.validate().unwrap_err().field, "working_group_id");
    }

    #[test]
    fn slots_are_whole_slots_from_the_start() {
        let mut e = event();
        assert!(e.slots().is_empty(), "no slots without a slot length");
        assert!(!e.has_slots());
        // 08:00–14:00 in 30 minutes: 12 slots, the last one 13:30–14:00.
        e.slot_minutes = Some(30);
        let ok = e.clone().validate().expect("valid");
        assert_eq!(ok.capacity, Some(12), "one person per slot");
        let slots = ok.slots();
        assert_eq!(slots.len(), 12);
        assert_eq!(slots[0], ok.starts_at);
        assert_eq!(slots[1] - slots[0], chrono::Duration::minutes(30));
        assert_eq!(
            *slots.last().expect("some") + chrono::Duration::minutes(30),
            ok.ends_at
        );
        // Only whole slots: 08:00–09:10 in 20 minutes gives 08:00, 08:20, 08:40.
        e.ends_at = e.starts_at + chrono::Duration::minutes(70);
        e.slot_minutes = Some(20);
        let ok = e.clone().validate().expect("valid");
        assert_eq!(ok.capacity, Some(3));
        assert_eq!(
            ok.slots()
                .iter()
                .map(|s| s.format("%H:%M").to_string())
                .collect::<Vec<_>>(),
            vec!["08:00", "08:20", "08:40"]
        );
        let stored = Event {
            id: 1,
            data: ok.clone(),
            org_name: String::new(),
            registered: 0,
            waiting: 0,
            version: 1,
            created_at: ok.starts_at,
            updated_at: ok.starts_at,
            cancelled_at: None,
            series_id: None,
        };
        assert!(!stored.is_cancelled());
        assert_eq!(stored.slots(), ok.slots());
        assert_eq!(
            stored.slot_end(stored.slots()[2]),
            ok.starts_at + chrono::Duration::minutes(60)
        );
    }

    #[test]
    fn recurrence_validation_names_the_field() {
        let ok = Recurrence {
            every_weeks: 2,
            count: 6,
        };
        assert_eq!(ok.validate(), Ok(ok));
        for (every_weeks, count, field) in [
            (0, 6, "repeat.every_weeks"),
            (9, 6, "repeat.every_weeks"),
            (2, 1, "repeat.count"),
            (2, 53, "repeat.count"),
        ] {
            let r = Recurrence { every_weeks, count };
            assert_eq!(r.validate().unwrap_err().field, field, "{r:?}");
        }
        for r in [
            Recurrence {
                every_weeks: 1,
                count: 2,
            },
            Recurrence {
                every_weeks: 8,
                count: 52,
            },
        ] {
            assert!(r.validate().is_ok(), "{r:?}");
        }
    }

    #[test]
    fn slot_validation_names_the_field() {
        for minutes in [0, 4, 481, -30] {
            let mut e = event();
            e.slot_minutes = Some(minutes);
            assert_eq!(e.validate().unwrap_err().field, "slot_minutes", "{minutes}");
        }
        // 5 and 480 minutes are allowed.
        let mut e = event();
        e.slot_minutes = Some(5);
        assert_eq!(e.validate().expect("valid").capacity, Some(72));
        let mut e = event();
        e.ends_at = e.starts_at + chrono::Duration::hours(8);
        e.slot_minutes = Some(480);
        assert_eq!(e.validate().expect("valid").capacity, Some(1));
        // Shorter than one slot.
        let mut e = event();
        e.slot_minutes = Some(480);
        assert_eq!(e.validate().unwrap_err().field, "slot_minutes");
        let mut e = event();
        e.ends_at = e.starts_at;
        e.slot_minutes = Some(30);
        assert_eq!(e.validate().unwrap_err().field, "slot_minutes");
        // At most 200 slots: 1000 minutes in 5 gives exactly 200, one more is too many.
        let mut e = event();
        e.ends_at = e.starts_at + chrono::Duration::minutes(1000);
        e.slot_minutes = Some(5);
        assert_eq!(e.clone().validate().expect("valid").capacity, Some(200));
        e.ends_at += chrono::Duration::minutes(5);
        assert_eq!(e.validate().unwrap_err().field, "slot_minutes");
        // A capacity given with slots is replaced by the number of slots.
        let mut e = event();
        e.capacity = Some(0);
        e.slot_minutes = Some(60);
        assert_eq!(e.validate().expect("valid").capacity, Some(6));
    }
}
