//! Working groups (their members and tasks; their meetings are events of kind
//! [`super::EventKind::WorkingGroupMeeting`]) and the member directory's contact persons.

use crate::error::ValidationError;
use crate::text;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A working group to be created, or its new state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewWorkingGroup {
    /// The network.
    pub network_id: i64,
    /// Name ("Berufliche Orientierung").
    pub name: String,
    /// Plain-text description: its remit.
    #[serde(default)]
    pub description: String,
    /// The user who leads it: may move the group's ideas and manage it.
    pub lead_user_id: Option<i64>,
    /// Fictitious demo record.
    #[serde(default)]
    pub demo: bool,
}

impl NewWorkingGroup {
    /// Checks and normalises; the error names the field.
    pub fn validate(mut self) -> Result<Self, ValidationError> {
        self.name = text::required("name", &self.name, 200)?;
        self.description = self.description.trim().to_string();
        if self.description.chars().count() > 5_000 {
            return Err(ValidationError::new(
                "description",
                "at most 5000 characters",
            ));
        }
        Ok(self)
    }
}

/// A stored working group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WorkingGroup {
    /// Store id.
    pub id: i64,
    /// What was written.
    #[serde(flatten)]
    pub data: NewWorkingGroup,
    /// The lead's name.
    pub lead_name: Option<String>,
    /// Number of members.
    pub member_count: i64,
}

/// A task of a working group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewTask {
    /// The group.
    pub group_id: i64,
    /// What to do.
    pub title: String,
    /// Who does it.
    pub owner_user_id: Option<i64>,
    /// By when.
    pub due: Option<NaiveDate>,
}

impl NewTask {
    /// Checks and normalises; the error names the field.
    pub fn validate(mut self) -> Result<Self, ValidationError> {
        self.title = text::required("title", &self.title, 300)?;
        Ok(self)
    }
}

/// A stored task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Task {
    /// Store id.
    pub id: i64,
    /// What was written.
    #[serde(flatten)]
    pub data: NewTask,
    /// The owner's name.
    pub owner_name: Option<String>,
    /// Done since.
    pub done_at: Option<DateTime<Utc>>,
}

/// A contact person to be listed in a network's member directory. Listed only with
/// their consent: `consent_at` is when they agreed, and a person is removed from the
/// directory when they withdraw it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewContact {
    /// The network whose directory lists them.
    pub network_id: i64,
    /// Their organisation (a member of the network).
    pub org_id: i64,
    /// Their account, when they have one (they listed themselves).
    pub user_id: Option<i64>,
    /// Name.
    pub name: String,
    /// Function ("Wirtschaftsförderung").
    #[serde(default)]
    pub function: String,
    /// E-mail address.
    pub email: String,
    /// Phone, may be empty.
    #[serde(default)]
    pub phone: String,
    /// When they consented to being listed.
    pub consent_at: DateTime<Utc>,
    /// Fictitious demo record.
    #[serde(default)]
    pub demo: bool,
}

impl NewContact {
    /// Checks and normalises; the error names the field.
    pub fn validate(mut self) -> Result<Self, ValidationError> {
        self.name = text::required("name", &self.name, 200)?;
        self.function = self.function.trim().to_string();
        self.email = self.email.trim().to_lowercase();
        text::check_email("email", &self.email)?;
        self.phone = self.phone.trim().to_string();
        if self.function.chars().count() > 200 || self.phone.chars().count() > 50 {
            return Err(ValidationError::new("function", "too long"));
        }
        Ok(self)
    }
}

/// A listed contact person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Contact {
    /// Store id.
    pub id: i64,
    /// What was written.
    #[serde(flatten)]
    pub data: NewContact,
    /// The organisation's name.
    pub org_name: String,
}
