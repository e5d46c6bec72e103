//! Backend-neutral rows for backup, restore and copy: the tables in dependency order,
//! their columns with kinds, and the one JSON form both backends read and write, so that
//! the same data gives the same JSON on every backend.

use crate::{StoreError, StoreResult};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde_json::{Map, Number, Value as Json};

/// One table of the schema, for [`Store::export_rows`](crate::Store::export_rows) and
/// [`Store::import_rows`](crate::Store::import_rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    /// `places` (GeoNames ids).
    Places,
    /// `employers`.
    Employers,
    /// `jobs`.
    Jobs,
    /// `change_log`.
    ChangeLog,
    /// `users`.
    Users,
    /// `memberships`.
    Memberships,
    /// `networks`.
    Networks,
    /// `network_places`.
    NetworkPlaces,
    /// `network_orgs`.
    NetworkOrgs,
    /// `network_admins`.
    NetworkAdmins,
    /// `api_tokens`.
    ApiTokens,
    /// `audit_log`.
    AuditLog,
    /// `blobs`.
    Blobs,
    /// `network_contacts`.
    NetworkContacts,
    /// `measures`.
    Measures,
    /// `measure_networks`.
    MeasureNetworks,
    /// `measure_places`.
    MeasurePlaces,
    /// `working_groups`.
    WorkingGroups,
    /// `working_group_members`.
    WorkingGroupMembers,
    /// `group_tasks`.
    GroupTasks,
    /// `ideas`.
    Ideas,
    /// `idea_institutions`.
    IdeaInstitutions,
    /// `idea_decisions`.
    IdeaDecisions,
    /// `idea_comments`.
    IdeaComments,
    /// `events`.
    Events,
    /// `event_registrations`.
    EventRegistrations,
    /// `place_profile_values`.
    PlaceProfileValues,
    /// `travel_times`.
    TravelTimes,
    /// `saved_wishes`.
    SavedWishes,
    /// `persons`.
    Persons,
    /// `case_templates`.
    CaseTemplates,
    /// `cases`.
    Cases,
    /// `case_steps`.
    CaseSteps,
    /// `case_documents`.
    CaseDocuments,
    /// `appointments`.
    Appointments,
    /// `consents`.
    Consents,
    /// `sharing_overrides`.
    SharingOverrides,
    /// `case_access_log`.
    CaseAccessLog,
    /// `case_statistics`.
    CaseStatistics,
}

/// How a column is stored, and so how it is written as JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// 64-bit integer: a JSON number.
    Int,
    /// Double: a JSON number.
    Real,
    /// Text: a JSON string.
    Text,
    /// Boolean (SQLite stores 0/1): `true`/`false`.
    Bool,
    /// Instant: an RFC 3339 string in UTC with microseconds (`2026-11-02T07:30:15.123456Z`),
    /// the precision of PostgreSQL's `timestamptz`.
    Timestamp,
    /// Calendar date: `YYYY-MM-DD`.
    Date,
    /// Bytes (stored files): standard base64.
    Bytes,
}

use ColumnKind::{Bool, Bytes, Date, Int, Real, Text, Timestamp};

const PLACES: &[(&str, ColumnKind)] = &[
    ("id", Int),
    ("name", Text),
    ("alternate_names", Text),
    ("lat", Real),
    ("lon", Real),
    ("population", Int),
    ("state_code", Text),
    ("county", Text),
    ("ags", Text),
];

const EMPLOYERS: &[(&str, ColumnKind)] = &[
    ("id", Int),
    ("name", Text),
    ("place_id", Int),
    ("description", Text),
    ("website", Text),
    ("demo", Bool),
    ("created_at", Timestamp),
    ("kind", Text),
    ("verified", Bool),
    ("logo_blob_id", Int),
];

const JOBS: &[(&str, ColumnKind)] = &[
    ("id", Int),
    ("employer_id", Int),
    ("kind", Text),
    ("title", Text),
    ("description", Text),
    ("occupation", Text),
    ("place_id", Int),
    ("street", Text),
    ("postcode", Text),
    ("working_time", Text),
    ("contract", Text),
    ("salary_min", Real),
    ("salary_max", Real),
    ("salary_unit", Text),
    ("training_allowance", Text),
    ("school_certificate", Text),
    ("start_date", Date),
    ("posted_at", Timestamp),
    ("valid_through", Date),
    ("apply_url", Text),
    ("apply_email", Text),
    ("source", Text),
    ("external_id", Text),
    ("demo", Bool),
    ("updated_at", Timestamp),
    ("status", Text),
];

const CHANGE_LOG: &[(&str, ColumnKind)] = &[
    ("seq", Int),
    ("entity", Text),
    ("entity_id", Int),
    ("op", Text),
    ("at", Timestamp),
];

const USERS: &[(&str, ColumnKind)] = &[
    ("id", Int),
    ("email", Text),
    ("display_name", Text),
    ("password_hash", Text),
    ("language", Text),
    ("platform_admin", Bool),
    ("email_verified_at", Timestamp),
    ("created_at", Timestamp),
    ("totp_secret", Text),
    ("totp_enabled_at", Timestamp),
    ("totp_last_step", Int),
];

const MEMBERSHIPS: &[(&str, ColumnKind)] = &[
    ("id", Int),
    ("org_id", Int),
    ("user_id", Int),
    ("role", Text),
    ("created_at", Timestamp),
];

const NETWORKS: &[(&str, ColumnKind)] = &[
    ("id", Int),
    ("slug", Text),
    ("name", Text),
    ("description", Text),
    ("demo", Bool),
    ("created_at", Timestamp),
];

const NETWORK_PLACES: &[(&str, ColumnKind)] =
    &[("id", Int), ("network_id", Int), ("place_id", Int)];
const NETWORK_ORGS: &[(&str, ColumnKind)] = &[("id", Int), ("network_id", Int), ("org_id", Int)];
const NETWORK_ADMINS: &[(&str, ColumnKind)] = &[("id", Int), ("network_id", Int), ("user_id", Int)];

const API_TOKENS: &[(&str, ColumnKind)] = &[
    ("id", Int),
    ("org_id", Int),
    ("name", Text),
    ("token_hash", Text),
    ("scopes", Text),
    ("created_by", Int),
    ("created_at", Timestamp),
    ("revoked_at", Timestamp),
];

const AUDIT_LOG: &[(&str, ColumnKind)] = &[
    ("id", Int),
    ("at", Timestamp),
    ("actor_user_id", Int),
    ("actor_token_id", Int),
    ("action", Text),
    ("org_id", Int),
    ("target", Text),
    ("detail", Text),
    ("ip", Text),
];

const BLOBS: &[(&str, ColumnKind)] = &[
    ("id", Int),
    ("content_type", Text),
    ("size", Int),
    ("sha256", Text),
    ("data", Bytes),
    ("created_at", Timestamp),
];

const NETWORK_CONTACTS: &[(&str, ColumnKind)] = &[
    ("id", Int),
    ("network_id", Int),
    ("org_id", Int),
    ("user_id", Int),
    ("name", Text),
    ("function", Text),
    ("email", Text),
    ("phone", Text),
    ("consent_at", Timestamp),
    ("demo", Bool),
    ("created_at", Timestamp),
];

const MEASURES: &[(&str, ColumnKind)] = &[
    ("id", Int),
    ("org_id", Int),
    ("all_networks", Bool),
    ("title", Text),
    ("description", Text),
    ("cluster", Text),
    ("field", Text),
    ("target_groups", Text),
    ("start_date", Date),
    ("end_date", Date),
    ("budget_eur", Int),
    ("funding", Text),
    ("status", Text),
    ("indicators", Text),
    ("lessons", Text),
    ("links", Text),
    ("visibility", Text),
    ("demo", Bool),
    ("search_text", Text),
    ("version", Int),
    ("created_at", Timestamp),
    ("updated_at", Timestamp),
];

const MEASURE_NETWORKS: &[(&str, ColumnKind)] =
    &[("id", Int), ("measure_id", Int), ("network_id", Int)];

const MEASURE_PLACES: &[(&str, ColumnKind)] =
    &[("id", Int), ("measure_id", Int), ("place_id", Int)];

const WORKING_GROUPS: &[(&str, ColumnKind)] = &[
    ("id", Int),
    ("network_id", Int),
    ("name", Text),
    ("description", Text),
    ("lead_user_id", Int),
    ("demo", Bool),
    ("created_at", Timestamp),
];

const WORKING_GROUP_MEMBERS: &[(&str, ColumnKind)] = &[
    ("id", Int),
    ("group_id", Int),
    ("user_id", Int),
    ("created_at", Timestamp),
];

const GROUP_TASKS: &[(&str, ColumnKind)] = &[
    ("id", Int),
    ("group_id", Int),
    ("title", Text),
    ("owner_user_id", Int),
    ("due", Date),
    ("done_at", Timestamp),
    ("created_at", Timestamp),
];

const IDEAS: &[(&str, ColumnKind)] = &[
    ("id", Int),
    ("network_id", Int),
    ("working_group_id", Int),
    ("org_id", Int),
    ("title", Text),
    ("summary", Text),
    ("stage", Text),
    ("parked_from", Text),
    ("measure_id", Int),
    ("demo", Bool),
    ("created_at", Timestamp),
    ("updated_at", Timestamp),
];

const IDEA_INSTITUTIONS: &[(&str, ColumnKind)] = &[("id", Int), ("idea_id", Int), ("org_id", Int)];

const IDEA_DECISIONS: &[(&str, ColumnKind)] = &[
    ("id", Int),
    ("idea_id", Int),
    ("from_stage", Text),
    ("to_stage", Text),
    ("decided_on", Date),
    ("note", Text),
    ("decided_by", Int),
    ("at", Timestamp),
];

const IDEA_COMMENTS: &[(&str, ColumnKind)] = &[
    ("id", Int),
    ("idea_id", Int),
    ("user_id", Int),
    ("body", Text),
    ("at", Timestamp),
];

const EVENTS: &[(&str, ColumnKind)] = &[
    ("id", Int),
    ("org_id", Int),
    ("network_id", Int),
    ("working_group_id", Int),
    ("kind", Text),
    ("title", Text),
    ("description", Text),
    ("venue", Text),
    ("address", Text),
    ("online_url", Text),
    ("starts_at", Timestamp),
    ("ends_at", Timestamp),
    ("capacity", Int),
    ("slot_minutes", Int),
    ("registration_open", Bool),
    ("visibility", Text),
    ("agenda", Text),
    ("minutes", Text),
    ("demo", Bool),
    ("version", Int),
    ("created_at", Timestamp),
    ("updated_at", Timestamp),
    ("cancelled_at", Timestamp),
    ("series_id", Int),
];

const EVENT_REGISTRATIONS: &[(&str, ColumnKind)] = &[
    ("id", Int),
    ("event_id", Int),
    ("name", Text),
    ("email", Text),
    ("organisation", Text),
    ("user_id", Int),
    ("status", Text),
    ("slot_start", Timestamp),
    ("attended", Bool),
    ("cancel_hash", Text),
    ("created_at", Timestamp),
    ("updated_at", Timestamp),
];

const PLACE_PROFILE_VALUES: &[(&str, ColumnKind)] = &[
    ("id", Int),
    ("place_id", Int),
    ("key", Text),
    ("number", Real),
    ("text", Text),
    ("source", Text),
    ("as_of", Date),
    ("demo", Bool),
    ("updated_by", Int),
    ("updated_at", Timestamp),
];

const TRAVEL_TIMES: &[(&str, ColumnKind)] = &[
    ("id", Int),
    ("mode", Text),
    ("origin_id", Int),
    ("destination_id", Int),
    ("minutes", Real),
    ("source", Text),
    ("computed_at", Timestamp),
];

const SAVED_WISHES: &[(&str, ColumnKind)] = &[
    ("id", Int),
    ("user_id", Int),
    ("name", Text),
    ("wishes", Text),
    ("created_at", Timestamp),
    ("updated_at", Timestamp),
];

const PERSONS: &[(&str, ColumnKind)] = &[
    ("id", Int),
    ("org_id", Int),
    ("user_id", Int),
    ("name", Text),
    ("email", Text),
    ("phone", Text),
    ("languages", Text),
    ("preferred_language", Text),
    ("country", Text),
    ("arrival_year", Int),
    ("qualifications", Text),
    ("household", Text),
    ("search", Text),
    ("version", Int),
    ("created_at", Timestamp),
    ("updated_at", Timestamp),
];

const CASE_TEMPLATES: &[(&str, ColumnKind)] = &[
    ("id", Int),
    ("owner_org", Int),
    ("key", Text),
    ("version", Int),
    ("body", Text),
    ("created_by", Int),
    ("created_at", Timestamp),
];

const CASES: &[(&str, ColumnKind)] = &[
    ("id", Int),
    ("person_id", Int),
    ("org_id", Int),
    ("template_key", Text),
    ("template_version", Int),
    ("title", Text),
    ("status", Text),
    ("started_on", Date),
    ("closed_on", Date),
    ("assignee_user", Int),
    ("request_message", Text),
    ("version", Int),
    ("created_at", Timestamp),
    ("updated_at", Timestamp),
];

const CASE_STEPS: &[(&str, ColumnKind)] = &[
    ("id", Int),
    ("case_id", Int),
    ("position", Int),
    ("key", Text),
    ("title", Text),
    ("hint", Text),
    ("category", Text),
    ("body", Text),
    ("due_after", Text),
    ("due_days", Int),
    ("due_override", Date),
    ("due_on", Date),
    ("optional", Bool),
    ("status", Text),
    ("done_on", Date),
    ("assignee_org", Int),
    ("assignee_user", Int),
    ("note", Text),
    ("documents", Text),
    ("version", Int),
];

const CASE_DOCUMENTS: &[(&str, ColumnKind)] = &[
    ("id", Int),
    ("case_id", Int),
    ("step_id", Int),
    ("item_key", Text),
    ("filename", Text),
    ("blob_id", Int),
    ("uploaded_by", Int),
    ("created_at", Timestamp),
];

const APPOINTMENTS: &[(&str, ColumnKind)] = &[
    ("id", Int),
    ("case_id", Int),
    ("step_id", Int),
    ("title", Text),
    ("location", Text),
    ("starts_at", Timestamp),
    ("ends_at", Timestamp),
    ("event_id", Int),
    ("registration_id", Int),
    ("slot_cancel_hash", Text),
    ("created_by", Int),
    ("version", Int),
    ("created_at", Timestamp),
    ("cancelled_at", Timestamp),
];

const CONSENTS: &[(&str, ColumnKind)] = &[
    ("id", Int),
    ("person_id", Int),
    ("recipient_org", Int),
    ("purpose", Text),
    ("categories", Text),
    ("text_version", Text),
    ("given_at", Timestamp),
    ("revoked_at", Timestamp),
    ("recorded_by", Int),
];

const SHARING_OVERRIDES: &[(&str, ColumnKind)] = &[
    ("id", Int),
    ("case_id", Int),
    ("recipient_org", Int),
    ("categories", Text),
    ("legal_basis", Text),
    ("law", Text),
    ("reason", Text),
    ("created_by", Int),
    ("created_at", Timestamp),
    ("revoked_at", Timestamp),
];

const CASE_ACCESS_LOG: &[(&str, ColumnKind)] = &[
    ("id", Int),
    ("person_id", Int),
    ("case_id", Int),
    ("user_id", Int),
    ("org_id", Int),
    ("action", Text),
    ("detail", Text),
    ("at", Timestamp),
];

const CASE_STATISTICS: &[(&str, ColumnKind)] = &[
    ("id", Int),
    ("org_id", Int),
    ("template_key", Text),
    ("arrival_year", Int),
    ("country_group", Text),
    ("occupation_area", Text),
    ("started_month", Text),
    ("closed_month", Text),
    ("steps", Text),
    ("reason", Text),
    ("recorded_at", Timestamp),
];

impl Table {
    /// Every table, in dependency order: import them in this order. Sessions, one-time
    /// links and login failures are short-lived and not transferred: after a restore
    /// everyone signs in again.
    pub const ALL: [Table; 39] = [
        Table::Places,
        Table::Blobs,
        Table::Employers,
        Table::Jobs,
        Table::ChangeLog,
        Table::Users,
        Table::Memberships,
        Table::Networks,
        Table::NetworkPlaces,
        Table::NetworkOrgs,
        Table::NetworkAdmins,
        Table::ApiTokens,
        Table::AuditLog,
        Table::NetworkContacts,
        Table::Measures,
        Table::MeasureNetworks,
        Table::MeasurePlaces,
        Table::WorkingGroups,
        Table::WorkingGroupMembers,
        Table::GroupTasks,
        Table::Ideas,
        Table::IdeaInstitutions,
        Table::IdeaDecisions,
        Table::IdeaComments,
        Table::Events,
        Table::EventRegistrations,
        Table::PlaceProfileValues,
        Table::TravelTimes,
        Table::SavedWishes,
        Table::Persons,
        Table::CaseTemplates,
        Table::Cases,
        Table::CaseSteps,
        Table::CaseDocuments,
        Table::Appointments,
        Table::Consents,
        Table::SharingOverrides,
        Table::CaseAccessLog,
        Table::CaseStatistics,
    ];

    /// The table's name in the schema.
    pub fn as_str(self) -> &'static str {
        match self {
            Table::Places => "places",
            Table::Employers => "employers",
            Table::Jobs => "jobs",
            Table::ChangeLog => "change_log",
            Table::Users => "users",
            Table::Memberships => "memberships",
            Table::Networks => "networks",
            Table::NetworkPlaces => "network_places",
            Table::NetworkOrgs => "network_orgs",
            Table::NetworkAdmins => "network_admins",
            Table::ApiTokens => "api_tokens",
            Table::AuditLog => "audit_log",
            Table::Blobs => "blobs",
            Table::NetworkContacts => "network_contacts",
            Table::Measures => "measures",
            Table::MeasureNetworks => "measure_networks",
            Table::MeasurePlaces => "measure_places",
            Table::WorkingGroups => "working_groups",
            Table::WorkingGroupMembers => "working_group_members",
            Table::GroupTasks => "group_tasks",
            Table::Ideas => "ideas",
            Table::IdeaInstitutions => "idea_institutions",
            Table::IdeaDecisions => "idea_decisions",
            Table::IdeaComments => "idea_comments",
            Table::Events => "events",
            Table::EventRegistrations => "event_registrations",
            Table::PlaceProfileValues => "place_profile_values",
            Table::TravelTimes => "travel_times",
            Table::SavedWishes => "saved_wishes",
            Table::Persons => "persons",
            Table::CaseTemplates => "case_templates",
            Table::Cases => "cases",
            Table::CaseSteps => "case_steps",
            Table::CaseDocuments => "case_documents",
            Table::Appointments => "appointments",
            Table::Consents => "consents",
            Table::SharingOverrides => "sharing_overrides",
            Table::CaseAccessLog => "case_access_log",
            Table::CaseStatistics => "case_statistics",
        }
    }

    /// Parses a table name.
    pub fn parse(s: &str) -> Option<Self> {
        Table::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// The key column rows are ordered and paged by (`id`, or `seq` for the change log).
    pub fn key(self) -> &'static str {
        match self {
            Table::ChangeLog => "seq",
            _ => "id",
        }
    }

    /// Every column with its kind, in schema order (the key first).
    pub fn columns(self) -> &'static [(&'static str, ColumnKind)] {
        match self {
            Table::Places => PLACES,
            Table::Employers => EMPLOYERS,
            Table::Jobs => JOBS,
            Table::ChangeLog => CHANGE_LOG,
            Table::Users => USERS,
            Table::Memberships => MEMBERSHIPS,
            Table::Networks => NETWORKS,
            Table::NetworkPlaces => NETWORK_PLACES,
            Table::NetworkOrgs => NETWORK_ORGS,
            Table::NetworkAdmins => NETWORK_ADMINS,
            Table::ApiTokens => API_TOKENS,
            Table::AuditLog => AUDIT_LOG,
            Table::Blobs => BLOBS,
            Table::NetworkContacts => NETWORK_CONTACTS,
            Table::Measures => MEASURES,
            Table::MeasureNetworks => MEASURE_NETWORKS,
            Table::MeasurePlaces => MEASURE_PLACES,
            Table::WorkingGroups => WORKING_GROUPS,
            Table::WorkingGroupMembers => WORKING_GROUP_MEMBERS,
            Table::GroupTasks => GROUP_TASKS,
            Table::Ideas => IDEAS,
            Table::IdeaInstitutions => IDEA_INSTITUTIONS,
            Table::IdeaDecisions => IDEA_DECISIONS,
            Table::IdeaComments => IDEA_COMMENTS,
            Table::Events => EVENTS,
            Table::EventRegistrations => EVENT_REGISTRATIONS,
            Table::PlaceProfileValues => PLACE_PROFILE_VALUES,
            Table::TravelTimes => TRAVEL_TIMES,
            Table::SavedWishes => SAVED_WISHES,
            Table::Persons => PERSONS,
            Table::CaseTemplates => CASE_TEMPLATES,
            Table::Cases => CASES,
            Table::CaseSteps => CASE_STEPS,
            Table::CaseDocuments => CASE_DOCUMENTS,
            Table::Appointments => APPOINTMENTS,
            Table::Consents => CONSENTS,
            Table::SharingOverrides => SHARING_OVERRIDES,
            Table::CaseAccessLog => CASE_ACCESS_LOG,
            Table::CaseStatistics => CASE_STATISTICS,
        }
    }
}

/// One typed column value, as backends read and bind it (`None` is NULL).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// [`ColumnKind::Int`].
    Int(Option<i64>),
    /// [`ColumnKind::Real`].
    Real(Option<f64>),
    /// [`ColumnKind::Text`].
    Text(Option<String>),
    /// [`ColumnKind::Bool`].
    Bool(Option<bool>),
    /// [`ColumnKind::Timestamp`].
    Timestamp(Option<DateTime<Utc>>),
    /// [`ColumnKind::Date`].
    Date(Option<NaiveDate>),
    /// [`ColumnKind::Bytes`].
    Bytes(Option<Vec<u8>>),
}

impl Value {
    /// The JSON form (see [`ColumnKind`]).
    pub fn to_json(&self) -> Json {
        match self {
            Value::Int(v) => v.map(Json::from).unwrap_or(Json::Null),
            Value::Real(v) => v
                .and_then(Number::from_f64)
                .map(Json::Number)
                .unwrap_or(Json::Null),
            Value::Text(v) => v.clone().map(Json::String).unwrap_or(Json::Null),
            Value::Bool(v) => v.map(Json::Bool).unwrap_or(Json::Null),
            Value::Timestamp(v) => v
                .map(|t| Json::String(t.to_rfc3339_opts(SecondsFormat::Micros, true)))
                .unwrap_or(Json::Null),
            Value::Date(v) => v
                .map(|d| Json::String(d.format("%Y-%m-%d").to_string()))
                .unwrap_or(Json::Null),
            Value::Bytes(v) => v
                .as_ref()
                .map(|b| Json::String(BASE64.encode(b)))
                .unwrap_or(Json::Null),
        }
    }

    /// Reads the JSON form of a `kind` column; the error says what was expected.
    pub fn from_json(kind: ColumnKind, json: &Json) -> Result<Value, String> {
        if json.is_null() {
            return Ok(match kind {
                Int => Value::Int(None),
                Real => Value::Real(None),
                Text => Value::Text(None),
                Bool => Value::Bool(None),
                Timestamp => Value::Timestamp(None),
                Date => Value::Date(None),
                Bytes => Value::Bytes(None),
            });
        }
        let bad = |what: &str| format!("expected {what}, found {json}");
        Ok(match kind {
            Int => Value::Int(Some(json.as_i64().ok_or_else(|| bad("an integer"))?)),
            Real => Value::Real(Some(json.as_f64().ok_or_else(|| bad("a number"))?)),
            Text => Value::Text(Some(
                json.as_str().ok_or_else(|| bad("a string"))?.to_string(),
            )),
            Bool => Value::Bool(Some(json.as_bool().ok_or_else(|| bad("true or false"))?)),
            Timestamp => {
                let s = json.as_str().ok_or_else(|| bad("an RFC 3339 timestamp"))?;
                let t = DateTime::parse_from_rfc3339(s)
                    .map_err(|_| bad("an RFC 3339 timestamp"))?
                    .with_timezone(&Utc);
                Value::Timestamp(Some(t))
            }
            Date => {
                let s = json.as_str().ok_or_else(|| bad("a date YYYY-MM-DD"))?;
                let d = NaiveDate::parse_from_str(s, "%Y-%m-%d")
                    .map_err(|_| bad("a date YYYY-MM-DD"))?;
                Value::Date(Some(d))
            }
            Bytes => {
                let s = json.as_str().ok_or_else(|| bad("base64 text"))?;
                Value::Bytes(Some(BASE64.decode(s).map_err(|_| bad("base64 text"))?))
            }
        })
    }
}

/// A row of `table` as JSON: `values` in [`Table::columns`] order.
pub fn row_to_json(table: Table, values: &[Value]) -> Map<String, Json> {
    table
        .columns()
        .iter()
        .zip(values)
        .map(|((name, _), v)| (name.to_string(), v.to_json()))
        .collect()
}

/// The typed values of a JSON row of `table`, in [`Table::columns`] order. Every column
/// must be present and no other: `Invalid` names the offending column.
pub fn row_from_json(table: Table, row: &Map<String, Json>) -> StoreResult<Vec<Value>> {
    let columns = table.columns();
    if let Some(unknown) = row.keys().find(|k| !columns.iter().any(|(c, _)| c == k)) {
        return Err(StoreError::Invalid(format!(
            "unknown column {}.{unknown}",
            table.as_str()
        )));
    }
    columns
        .iter()
        .map(|(name, kind)| {
            let json = row.get(*name).ok_or_else(|| {
                StoreError::Invalid(format!("missing column {}.{name}", table.as_str()))
            })?;
            Value::from_json(*kind, json)
                .map_err(|e| StoreError::Invalid(format!("column {}.{name}: {e}", table.as_str())))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_through_json() {
        for (kind, json) in [
            (Int, serde_json::json!(42)),
            (Real, serde_json::json!(2800.5)),
            (Text, serde_json::json!("Grodk")),
            (Bool, serde_json::json!(true)),
            (Timestamp, serde_json::json!("2026-11-02T07:30:15.123456Z")),
            (Date, serde_json::json!("2027-09-01")),
            (Date, Json::Null),
            (Bytes, serde_json::json!("iVBORw0KGgo=")),
        ] {
            let v = Value::from_json(kind, &json).expect("parse");
            assert_eq!(v.to_json(), json);
        }
        assert!(Value::from_json(Int, &serde_json::json!("x")).is_err());
        assert!(Value::from_json(Timestamp, &serde_json::json!("yesterday")).is_err());
    }
}
