//! The store's part of case management: persons, case templates (versioned), cases
//! and steps (optimistic locking, due dates re-derived in the same transaction),
//! documents, appointments, consents, sharing overrides, the access log, and erasure
//! with its anonymised statistical trace. The SQL is written once, in
//! [`impl_cases!`](crate::impl_cases), for both backends.
//!
//! What a partner organisation may see is decided in the domain
//! ([`bleibe_domain::casework::Sharing`]); the store's lists for a partner
//! ([`CaseScope::Shared`]) already leave out every case no unrevoked consent or
//! override covers, so a list cannot leak by a forgotten check.

use async_trait::async_trait;
use bleibe_domain::casework::{
    Case, CaseStatus, CaseTemplate, Consent, NewConsent, NewOverride, NewPerson, Person,
    SharingOverride, Step, StepUpdate,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::StoreResult;

/// Whose cases a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseScope {
    /// The cases the welcome center holds.
    Holder(i64),
    /// Other organisations' cases shared with this one (by consent or override).
    Shared(i64),
}

/// A list of cases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFilter {
    /// Whose.
    pub scope: CaseScope,
    /// Only this status.
    pub status: Option<CaseStatus>,
    /// Only cases of this staff member.
    pub assignee_user: Option<i64>,
    /// Only this person's.
    pub person_id: Option<i64>,
    /// Words in the person's name or e-mail address.
    pub query: Option<String>,
    /// At most this many, newest first.
    pub limit: i64,
}

impl CaseFilter {
    /// Every case of `scope`, up to 200.
    pub fn all(scope: CaseScope) -> Self {
        CaseFilter {
            scope,
            status: None,
            assignee_user: None,
            person_id: None,
            query: None,
            limit: 200,
        }
    }
}

/// A case in a list, with the person's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRow {
    /// The case.
    pub case: Case,
    /// The person's name.
    pub person_name: String,
    /// The holding welcome center's name.
    pub org_name: String,
}

/// A change to a case, based on the version the editor saw.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CaseUpdate {
    /// The version the change is based on.
    pub version: i64,
    /// New status (accepting a request opens it; closing sets the closing date).
    #[serde(default)]
    pub status: Option<CaseStatus>,
    /// The staff member in charge (0 = none).
    #[serde(default)]
    pub assignee_user: Option<i64>,
}

/// An uploaded document (the bytes are a blob).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDocument {
    /// Id.
    pub id: i64,
    /// The case.
    pub case_id: i64,
    /// The step it belongs to.
    pub step_id: Option<i64>,
    /// The checklist item it fulfils.
    pub item_key: String,
    /// File name as uploaded.
    pub filename: String,
    /// The blob.
    pub blob_id: i64,
    /// Type.
    pub content_type: String,
    /// Bytes.
    pub size: i64,
    /// Who uploaded it.
    pub uploaded_by: Option<i64>,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// A new appointment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAppointment {
    /// The case.
    pub case_id: i64,
    /// The step it is about.
    pub step_id: Option<i64>,
    /// What for.
    pub title: String,
    /// Where.
    pub location: String,
    /// Start.
    pub starts_at: DateTime<Utc>,
    /// End.
    pub ends_at: DateTime<Utc>,
    /// The consultation day whose slot it is.
    pub event_id: Option<i64>,
    /// The slot booking.
    pub registration_id: Option<i64>,
    /// The booking's cancellation hash, so that calling the appointment off frees the
    /// slot.
    pub slot_cancel_hash: Option<String>,
}

/// An appointment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appointment {
    /// Id.
    pub id: i64,
    /// What was set.
    pub data: NewAppointment,
    /// Who set it.
    pub created_by: Option<i64>,
    /// Counts up with every change (iCal `SEQUENCE`).
    pub version: i64,
    /// Set.
    pub created_at: DateTime<Utc>,
    /// Called off.
    pub cancelled_at: Option<DateTime<Utc>>,
}

/// One entry of the access log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccess {
    /// Whose records.
    pub person_id: i64,
    /// Which case, if one.
    pub case_id: Option<i64>,
    /// Who.
    pub user_id: Option<i64>,
    /// For which organisation.
    pub org_id: Option<i64>,
    /// What (`view_case`, `update_step` …).
    pub action: String,
    /// Which part.
    pub detail: String,
}

/// An access log entry as the person sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessEntry {
    /// Id.
    pub id: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// What was recorded.
    pub access: NewAccess,
    /// The user's name.
    pub user_name: Option<String>,
    /// The organisation's name.
    pub org_name: Option<String>,
}

/// What an erasure removed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Erasure {
    /// The person's name, for the caller's own clean-up (files in the data dir).
    pub name: String,
    /// Their e-mail address.
    pub email: Option<String>,
    /// Cases turned into statistics.
    pub cases: usize,
    /// Documents deleted.
    pub documents: usize,
    /// Whether a linked user account was anonymised.
    pub account_anonymised: bool,
}

/// The anonymised trace of a case (no name, no free text, dates to the month).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseStatistic {
    /// The holding welcome center.
    pub org_id: i64,
    /// Template.
    pub template_key: String,
    /// Year of arrival.
    pub arrival_year: Option<i32>,
    /// Country group ([`bleibe_domain::casework::person::country_group`]).
    pub country_group: String,
    /// KldB occupation area (one digit).
    pub occupation_area: Option<String>,
    /// `YYYY-MM`.
    pub started_month: String,
    /// `YYYY-MM`.
    pub closed_month: Option<String>,
    /// Per step: key, category, status, due and done month.
    pub steps: Vec<StepStatistic>,
    /// `erasure` or `retention`.
    pub reason: String,
}

/// A step in the anonymised trace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepStatistic {
    /// Template step key.
    pub key: String,
    /// Category.
    pub category: String,
    /// Status at the end.
    pub status: String,
    /// `YYYY-MM`.
    pub due_month: String,
    /// `YYYY-MM`.
    pub done_month: Option<String>,
}

/// `YYYY-MM` of a date: the precision the statistics keep.
pub fn month(d: NaiveDate) -> String {
    d.format("%Y-%m").to_string()
}

/// Persons, templates, cases, steps, documents, appointments, consents, the access log.
#[async_trait]
pub trait Cases: Send + Sync {
    /// Stores the shipped templates that are not stored yet (by key and version).
    async fn install_case_templates(&self, templates: &[CaseTemplate]) -> StoreResult<usize>;
    /// The newest version of every template the organisation uses: its own where it
    /// changed one, else the shipped one.
    async fn case_templates(&self, org: i64) -> StoreResult<Vec<CaseTemplate>>;
    /// The newest version of one template for the organisation.
    async fn case_template(&self, org: i64, key: &str) -> StoreResult<Option<CaseTemplate>>;
    /// Stores a changed template as the organisation's next version. `template.version`
    /// names the version the change is based on; a stale one is a `Conflict`.
    async fn save_case_template(
        &self,
        org: i64,
        template: &CaseTemplate,
        user: i64,
    ) -> StoreResult<CaseTemplate>;

    /// Records a person for a welcome center.
    async fn create_person(
        &self,
        org: i64,
        person: &NewPerson,
        user_id: Option<i64>,
    ) -> StoreResult<Person>;
    /// A person.
    async fn person(&self, id: i64) -> StoreResult<Option<Person>>;
    /// Changes a person, if still at `version` (else `Conflict`).
    async fn update_person(&self, id: i64, version: i64, person: &NewPerson)
        -> StoreResult<Person>;
    /// The persons linked to a user account.
    async fn persons_of_user(&self, user_id: i64) -> StoreResult<Vec<Person>>;
    /// Links the persons recorded with this e-mail address and no account yet to the
    /// user; returns how many.
    async fn link_persons_by_email(&self, email: &str, user_id: i64) -> StoreResult<u64>;
    /// Links (or unlinks) a person and a user account.
    async fn link_person_user(&self, person_id: i64, user_id: Option<i64>) -> StoreResult<()>;

    /// Makes a case from a template: its steps with due dates derived from `started_on`.
    #[allow(clippy::too_many_arguments)]
    async fn create_case(
        &self,
        org: i64,
        person_id: i64,
        template: &CaseTemplate,
        started_on: NaiveDate,
        status: CaseStatus,
        assignee_user: Option<i64>,
        request_message: &str,
    ) -> StoreResult<Case>;
    /// A case.
    async fn case(&self, id: i64) -> StoreResult<Option<Case>>;
    /// A case's steps, in order.
    async fn steps(&self, case_id: i64) -> StoreResult<Vec<Step>>;
    /// The steps of several cases, by case and order.
    async fn steps_of_cases(&self, case_ids: &[i64]) -> StoreResult<Vec<Step>>;
    /// Changes a case, if still at `update.version` (else `Conflict`).
    async fn update_case(
        &self,
        id: i64,
        update: &CaseUpdate,
        today: NaiveDate,
    ) -> StoreResult<Case>;
    /// Changes a step, if still at `update.version` (else `Conflict`), and re-derives
    /// the due dates of the steps that follow it, in one transaction.
    async fn update_step(
        &self,
        case_id: i64,
        step_id: i64,
        update: &StepUpdate,
        today: NaiveDate,
    ) -> StoreResult<Step>;
    /// Cases, newest first.
    async fn cases(&self, filter: &CaseFilter) -> StoreResult<Vec<CaseRow>>;
    /// Unfinished steps due before `today` of the welcome center's open cases, oldest
    /// first.
    async fn overdue_steps(
        &self,
        org: i64,
        today: NaiveDate,
        limit: i64,
    ) -> StoreResult<Vec<(Step, CaseRow)>>;

    /// Records a consent.
    async fn record_consent(
        &self,
        consent: &NewConsent,
        recorded_by: Option<i64>,
    ) -> StoreResult<Consent>;
    /// Revokes a consent (from `at` on); `NotFound` when it is not the person's or
    /// already revoked.
    async fn revoke_consent(
        &self,
        person_id: i64,
        id: i64,
        at: DateTime<Utc>,
    ) -> StoreResult<Consent>;
    /// One consent.
    async fn consent(&self, id: i64) -> StoreResult<Option<Consent>>;
    /// A person's consents, newest first.
    async fn consents_of_person(&self, person_id: i64) -> StoreResult<Vec<Consent>>;
    /// Records sharing without consent.
    async fn record_override(&self, o: &NewOverride, admin: i64) -> StoreResult<SharingOverride>;
    /// Ends an override of a case.
    async fn revoke_override(&self, case_id: i64, id: i64, at: DateTime<Utc>) -> StoreResult<()>;
    /// A case's overrides.
    async fn overrides_of_case(&self, case_id: i64) -> StoreResult<Vec<SharingOverride>>;

    /// Attaches an uploaded blob to a case.
    async fn add_case_document(
        &self,
        case_id: i64,
        step_id: Option<i64>,
        item_key: &str,
        filename: &str,
        blob_id: i64,
        user: Option<i64>,
    ) -> StoreResult<CaseDocument>;
    /// A case's documents.
    async fn case_documents(&self, case_id: i64) -> StoreResult<Vec<CaseDocument>>;

    /// Sets an appointment.
    async fn create_appointment(
        &self,
        a: &NewAppointment,
        user: Option<i64>,
    ) -> StoreResult<Appointment>;
    /// One appointment.
    async fn appointment(&self, id: i64) -> StoreResult<Option<Appointment>>;
    /// A case's appointments, by time.
    async fn appointments_of_case(&self, case_id: i64) -> StoreResult<Vec<Appointment>>;
    /// The welcome center's appointments starting in `[from, to)`, by time.
    async fn org_appointments(
        &self,
        org: i64,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> StoreResult<Vec<(Appointment, CaseRow)>>;
    /// Calls an appointment off.
    async fn cancel_appointment(&self, id: i64, at: DateTime<Utc>) -> StoreResult<Appointment>;

    /// Writes an access log entry.
    async fn log_access(&self, access: &NewAccess) -> StoreResult<()>;
    /// A person's access log, newest first.
    async fn access_log(&self, person_id: i64) -> StoreResult<Vec<AccessEntry>>;

    /// Erases a person (Art. 17 GDPR) in one transaction: their cases become
    /// anonymised statistics (`reason`: `erasure` or `retention`); the person, cases,
    /// steps, notes, documents and their blobs, appointments and slot bookings,
    /// consents, overrides and the access log are deleted; a linked user account is
    /// anonymised (its sessions, links, saved wishes and sign-in failures deleted);
    /// registrations under their address are deleted and the audit log's mentions of
    /// name and address blanked.
    async fn erase_person(&self, person_id: i64, reason: &str) -> StoreResult<Erasure>;
    /// Persons whose cases are all closed or declined before `closed_before`, and
    /// persons without any case whose record was last changed before that day.
    async fn persons_for_retention(&self, closed_before: NaiveDate) -> StoreResult<Vec<i64>>;
    /// The anonymised statistics.
    async fn case_statistics(&self) -> StoreResult<Vec<CaseStatistic>>;
}

/// Categories as stored: space-separated wire names.
pub fn join_categories(c: &[bleibe_domain::casework::Category]) -> String {
    c.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(" ")
}

/// Parses stored categories, skipping unknown names.
pub fn parse_categories(s: &str) -> Vec<bleibe_domain::casework::Category> {
    s.split_whitespace()
        .filter_map(bleibe_domain::casework::Category::parse)
        .collect()
}

/// A value stored as JSON in a text column.
pub trait Stored: serde::de::DeserializeOwned {}
impl<T: serde::de::DeserializeOwned> Stored for T {}

/// Decodes a JSON column; a bad value is a database error naming the column.
pub fn from_json<T: Stored>(column: &str, s: &str) -> StoreResult<T> {
    serde_json::from_str(s)
        .map_err(|e| crate::StoreError::Database(format!("column {column}: {e}")))
}

/// Encodes a value for a JSON column.
pub fn to_json<T: Serialize>(v: &T) -> StoreResult<String> {
    serde_json::to_string(v).map_err(|e| crate::StoreError::Invalid(e.to_string()))
}
