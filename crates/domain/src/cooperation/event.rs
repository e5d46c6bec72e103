//! Events: returnee days, job fairs, consultation days, info events and working-group
//! meetings, in one model, with registration and a waiting list.
//!
//! Registration is first come, first served: while fewer than `capacity` people are
//! registered a new registration is [`RegistrationStatus::Registered`], after that
//! [`RegistrationStatus::Waiting`]. When a registered person cancels, the longest-waiting
//! person moves up. The store does both atomically (see `bleibe_store::Cooperation`).

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
    /// Places; `None` = no registration limit.
    pub capacity: Option<i64>,
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
}

impl Event {
    /// Free places, `None` when there is no limit.
    pub fn free(&self) -> Option<i64> {
        self.data.capacity.map(|c| (c - self.registered).max(0))
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
}
