//! `/api/v1/persons`, `/api/v1/cases`, `/api/v1/consents`, `/api/v1/appointments`:
//! Welcome Center case management as JSON. Every handler goes through
//! [`crate::cases`], which checks the caller against the policy, decides what they may
//! see from the consents in force, and writes the access log. Case data needs a signed-in
//! session confirmed with a second factor; API tokens get 403.

use super::write::json_body;
use crate::cases::{self, Access};
use crate::params::RawQuery;
use crate::policy::Caller;
use crate::problem::AppError;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery as QueryString, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use bleibe_domain::casework::{
    Case, CaseStatus, Category, Consent, NewCase, NewConsent, NewOverride, NewPerson, Person,
    SharingOverride, Step, StepUpdate,
};
use bleibe_domain::cooperation::NewRegistration;
use bleibe_domain::policy::Action;
use bleibe_store::cases::{
    Appointment, CaseFilter, CaseRow, CaseScope, CaseUpdate, NewAppointment,
};
use chrono::{DateTime, Datelike, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

const TAG: &str = "cases";

fn id(raw: &str) -> Result<i64, AppError> {
    crate::pages::parse_id(raw)
}

// ----- persons ---------------------------------------------------------------------

/// The body of `PUT /api/v1/persons/{id}`: the person with the `version` that was read.
#[derive(Deserialize, ToSchema)]
pub struct PersonUpdate {
    /// The version the change is based on.
    pub version: i64,
    /// The new content.
    #[serde(flatten)]
    pub data: NewPerson,
}

/// Record a person.
///
/// For staff of a verified welcome center (signed in with a second factor); `org`
/// chooses the welcome center when the caller works for several.
#[utoipa::path(post, path = "/api/v1/persons", tag = TAG, request_body = NewPerson,
    params(("org" = Option<i64>, Query, description = "The welcome center (default: the caller's first)")),
    responses(
        (status = 201, description = "Recorded", body = Person),
        (status = 400, description = "A field is invalid; the problem names it", content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", content_type = "application/problem+json"),
        (status = 403, description = "Not welcome-center staff, or no second factor", content_type = "application/problem+json")
    ))]
pub(super) async fn create_person(
    State(state): State<AppState>,
    caller: Caller,
    QueryString(query): QueryString,
    body: Bytes,
) -> Result<Response, AppError> {
    let raw = RawQuery::parse(query.as_deref())?;
    let org = cases::working_org(&caller, raw.id("org")?)?;
    let person: NewPerson = json_body(&body)?;
    let created = cases::create_person(&state, &caller, org, person).await?;
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

/// Read a person.
#[utoipa::path(get, path = "/api/v1/persons/{id}", tag = TAG,
    params(("id" = i64, Path, description = "Person id")),
    responses(
        (status = 200, description = "The person", body = Person),
        (status = 404, description = "No such person for the caller", content_type = "application/problem+json")
    ))]
pub(super) async fn get_person(
    State(state): State<AppState>,
    caller: Caller,
    Path(raw): Path<String>,
) -> Result<Json<Person>, AppError> {
    Ok(Json(
        cases::staff_person(&state, &caller, id(&raw)?, "view_person").await?,
    ))
}

/// Change a person (optimistic locking: a stale `version` is 409).
#[utoipa::path(put, path = "/api/v1/persons/{id}", tag = TAG, request_body = PersonUpdate,
    params(("id" = i64, Path, description = "Person id")),
    responses(
        (status = 200, description = "Changed", body = Person),
        (status = 400, description = "A field is invalid", content_type = "application/problem+json"),
        (status = 409, description = "Changed by someone else since it was read; nothing was overwritten", content_type = "application/problem+json")
    ))]
pub(super) async fn put_person(
    State(state): State<AppState>,
    caller: Caller,
    Path(raw): Path<String>,
    body: Bytes,
) -> Result<Json<Person>, AppError> {
    let pid = id(&raw)?;
    caller.require_identity()?;
    let u: PersonUpdate = json_body(&body)?;
    Ok(Json(
        cases::update_person(&state, &caller, pid, u.version, u.data).await?,
    ))
}

/// What an erasure removed.
#[derive(Serialize, ToSchema)]
pub struct ErasureReport {
    /// Cases turned into anonymised statistics.
    pub cases: usize,
    /// Documents deleted.
    pub documents: usize,
    /// Whether the person's own user account was anonymised.
    pub account_anonymised: bool,
}

/// Erase a person (Art. 17 GDPR).
///
/// Welcome-center admins only. Removes the person, their cases, steps, notes, documents,
/// appointments, consents and access log, and anonymises their own account; keeps an
/// anonymised statistical trace (year of arrival, country group, occupation area, step
/// months).
#[utoipa::path(delete, path = "/api/v1/persons/{id}", tag = TAG,
    params(("id" = i64, Path, description = "Person id")),
    responses(
        (status = 200, description = "Erased", body = ErasureReport),
        (status = 403, description = "Not an admin of the welcome center", content_type = "application/problem+json"),
        (status = 404, description = "No such person for the caller", content_type = "application/problem+json")
    ))]
pub(super) async fn erase_person(
    State(state): State<AppState>,
    caller: Caller,
    Path(raw): Path<String>,
) -> Result<Json<ErasureReport>, AppError> {
    let person = cases::staff_person(&state, &caller, id(&raw)?, "erase").await?;
    caller.authorize(Action::AdminCases(person.org_id))?;
    let e = cases::erase(&state, person.id, "erasure").await?;
    Ok(Json(ErasureReport {
        cases: e.cases,
        documents: e.documents,
        account_anonymised: e.account_anonymised,
    }))
}

/// Everything about a person (Art. 15 and 20 GDPR).
///
/// One JSON document: the person, every case with its steps, notes, documents (with
/// their bytes in base64), appointments and overrides, the consents and the access log.
#[utoipa::path(get, path = "/api/v1/persons/{id}/export", tag = TAG,
    params(("id" = i64, Path, description = "Person id")),
    responses(
        (status = 200, description = "The export", content_type = "application/json"),
        (status = 404, description = "No such person for the caller", content_type = "application/problem+json")
    ))]
pub(super) async fn export_person(
    State(state): State<AppState>,
    caller: Caller,
    Path(raw): Path<String>,
) -> Result<Response, AppError> {
    let person = cases::staff_person(&state, &caller, id(&raw)?, "export").await?;
    let doc = cases::export(&state, &person).await?;
    Ok((
        [(
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"person-{}.json\"", person.id),
        )],
        Json(doc),
    )
        .into_response())
}

/// One access log entry.
#[derive(Serialize, ToSchema)]
pub struct AccessLogEntry {
    /// When.
    pub at: DateTime<Utc>,
    /// What (`view_case`, `update_step`, …).
    pub action: String,
    /// Which part.
    pub detail: String,
    /// The case, if one.
    pub case_id: Option<i64>,
    /// Who.
    pub user: Option<String>,
    /// For which organisation.
    pub organisation: Option<String>,
}

/// The access log of a person: every read and write of their records.
#[utoipa::path(get, path = "/api/v1/persons/{id}/access-log", tag = TAG,
    params(("id" = i64, Path, description = "Person id")),
    responses(
        (status = 200, description = "Newest first", body = Vec<AccessLogEntry>),
        (status = 404, description = "No such person for the caller", content_type = "application/problem+json")
    ))]
pub(super) async fn access_log(
    State(state): State<AppState>,
    caller: Caller,
    Path(raw): Path<String>,
) -> Result<Json<Vec<AccessLogEntry>>, AppError> {
    let person = cases::staff_person(&state, &caller, id(&raw)?, "view_access_log").await?;
    Ok(Json(log_entries(&state, person.id).await?))
}

/// The access log in its API form.
pub async fn log_entries(state: &AppState, person: i64) -> Result<Vec<AccessLogEntry>, AppError> {
    Ok(state
        .store
        .access_log(person)
        .await?
        .into_iter()
        .map(|e| AccessLogEntry {
            at: e.at,
            action: e.access.action,
            detail: e.access.detail,
            case_id: e.access.case_id,
            user: e.user_name,
            organisation: e.org_name,
        })
        .collect())
}

// ----- cases -----------------------------------------------------------------------

/// A case in a list.
#[derive(Serialize, ToSchema)]
pub struct CaseListItem {
    /// The case.
    pub case: Case,
    /// The person's name.
    pub person_name: String,
    /// The holding welcome center.
    pub organisation: String,
    /// The first unfinished step the caller may see.
    pub next_step: Option<Step>,
    /// Unfinished steps past their date (of those the caller may see).
    pub overdue_steps: usize,
}

/// A list of cases.
#[derive(Serialize, ToSchema)]
pub struct CaseList {
    /// The cases, last changed first.
    pub items: Vec<CaseListItem>,
}

/// Lists with their steps summarised; for shared lists only over the consented steps.
async fn list_items(
    state: &AppState,
    caller: &Caller,
    rows: Vec<(CaseRow, Option<i64>)>,
) -> Result<Vec<CaseListItem>, AppError> {
    let ids: Vec<i64> = rows.iter().map(|(r, _)| r.case.id).collect();
    let steps = state.store.steps_of_cases(&ids).await?;
    let today = Utc::now().date_naive();
    let mut items = Vec::new();
    for (row, partner) in rows {
        let visible: Vec<&Step> = match partner {
            None => steps.iter().filter(|s| s.case_id == row.case.id).collect(),
            Some(org) => {
                // Computed from the records in force, as for the case itself.
                let consents = state.store.consents_of_person(row.case.person_id).await?;
                let overrides = state.store.overrides_of_case(row.case.id).await?;
                let sharing = bleibe_domain::casework::Sharing::of(
                    org,
                    row.case.org_id,
                    row.case.id,
                    row.case.person_id,
                    &consents,
                    &overrides,
                );
                if !sharing.any() {
                    continue;
                }
                steps
                    .iter()
                    .filter(|s| s.case_id == row.case.id && sharing.covers(s.category))
                    .collect()
            }
        };
        cases::log(
            state,
            caller,
            row.case.person_id,
            Some(row.case.id),
            partner.or(Some(row.case.org_id)),
            "list_case",
            "",
        )
        .await?;
        items.push(CaseListItem {
            next_step: visible
                .iter()
                .find(|s| !s.status.is_finished())
                .map(|s| (*s).clone()),
            overdue_steps: visible.iter().filter(|s| s.is_overdue(today)).count(),
            case: row.case,
            person_name: row.person_name,
            organisation: row.org_name,
        });
    }
    Ok(items)
}

/// List cases (work views).
///
/// `view`: `mine` (assigned to the caller), `all` (the welcome center's), `requests`
/// (from the intake form, to accept or decline), `shared` (other welcome centers' cases
/// shared with the caller's organisations by consent or override). `q` searches names
/// and e-mail addresses.
#[utoipa::path(get, path = "/api/v1/cases", tag = TAG,
    params(
        ("view" = Option<String>, Query, description = "mine, all, requests, shared (default all)"),
        ("status" = Option<String>, Query, description = "requested, open, closed, declined"),
        ("q" = Option<String>, Query, description = "Words of the person's name or e-mail address"),
        ("org" = Option<i64>, Query, description = "The organisation the caller acts for")
    ),
    responses(
        (status = 200, description = "Cases the caller may see", body = CaseList),
        (status = 400, description = "A parameter is invalid", content_type = "application/problem+json"),
        (status = 403, description = "No case rights, or no second factor", content_type = "application/problem+json")
    ))]
pub(super) async fn list_cases(
    State(state): State<AppState>,
    caller: Caller,
    QueryString(query): QueryString,
) -> Result<Json<CaseList>, AppError> {
    caller.require_identity()?;
    let raw = RawQuery::parse(query.as_deref())?;
    let view = raw.get("view").unwrap_or("all");
    let status = raw.word("status", CaseStatus::parse, CaseStatus::expected)?;
    let q = raw
        .get("q")
        .map(str::to_string)
        .filter(|s| !s.trim().is_empty());
    let org_param = raw.id("org")?;
    let mut rows = Vec::new();
    match view {
        "shared" => {
            let orgs: Vec<i64> = cases::partner_orgs(&caller)
                .into_iter()
                .filter(|o| org_param.is_none_or(|p| p == *o))
                .collect();
            if orgs.is_empty() {
                return Err(AppError::forbidden());
            }
            for org in orgs {
                caller.authorize(Action::ViewSharedCases(org))?;
                let filter = CaseFilter {
                    status,
                    query: q.clone(),
                    ..CaseFilter::all(CaseScope::Shared(org))
                };
                rows.extend(
                    state
                        .store
                        .cases(&filter)
                        .await?
                        .into_iter()
                        .map(|r| (r, Some(org))),
                );
            }
        }
        "mine" | "all" | "requests" => {
            let org = cases::working_org(&caller, org_param)?;
            let filter = CaseFilter {
                status: if view == "requests" {
                    Some(CaseStatus::Requested)
                } else {
                    status
                },
                assignee_user: (view == "mine").then(|| cases::user_id(&caller)).flatten(),
                query: q,
                ..CaseFilter::all(CaseScope::Holder(org))
            };
            rows.extend(
                state
                    .store
                    .cases(&filter)
                    .await?
                    .into_iter()
                    .map(|r| (r, None)),
            );
        }
        other => {
            return Err(AppError::bad_param(
                "view",
                "error-param-enum",
                &[
                    ("value", other.to_string()),
                    ("expected", "mine, all, requests, shared".into()),
                ],
            ))
        }
    }
    Ok(Json(CaseList {
        items: list_items(&state, &caller, rows).await?,
    }))
}

/// Open a case for a person from a template (the template's newest version).
#[utoipa::path(post, path = "/api/v1/cases", tag = TAG, request_body = NewCase,
    responses(
        (status = 201, description = "Opened, with its steps and derived due dates", body = Case),
        (status = 400, description = "A field is invalid", content_type = "application/problem+json"),
        (status = 404, description = "No such person for the caller", content_type = "application/problem+json")
    ))]
pub(super) async fn create_case(
    State(state): State<AppState>,
    caller: Caller,
    body: Bytes,
) -> Result<Response, AppError> {
    caller.require_identity()?;
    let new: NewCase = json_body(&body)?;
    let case = cases::create_case(&state, &caller, &new, CaseStatus::Open, "").await?;
    Ok((StatusCode::CREATED, Json(case)).into_response())
}

/// An uploaded document (without its bytes).
#[derive(Serialize, ToSchema)]
pub struct DocumentInfo {
    /// Id (download: `/api/v1/cases/{case}/documents/{id}`).
    pub id: i64,
    /// The step.
    pub step_id: Option<i64>,
    /// The checklist item.
    pub item_key: String,
    /// File name.
    pub filename: String,
    /// Type.
    pub content_type: String,
    /// Bytes.
    pub size: i64,
    /// Uploaded.
    pub created_at: DateTime<Utc>,
}

/// An appointment.
#[derive(Serialize, ToSchema)]
pub struct AppointmentInfo {
    /// Id (invitation: `/api/v1/appointments/{id}/invitation.ics`).
    pub id: i64,
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
    /// Called off.
    pub cancelled_at: Option<DateTime<Utc>>,
}

impl From<bleibe_store::cases::CaseDocument> for DocumentInfo {
    fn from(d: bleibe_store::cases::CaseDocument) -> Self {
        DocumentInfo {
            id: d.id,
            step_id: d.step_id,
            item_key: d.item_key,
            filename: d.filename,
            content_type: d.content_type,
            size: d.size,
            created_at: d.created_at,
        }
    }
}

impl From<Appointment> for AppointmentInfo {
    fn from(a: Appointment) -> Self {
        AppointmentInfo {
            id: a.id,
            case_id: a.data.case_id,
            step_id: a.data.step_id,
            title: a.data.title,
            location: a.data.location,
            starts_at: a.data.starts_at,
            ends_at: a.data.ends_at,
            event_id: a.data.event_id,
            cancelled_at: a.cancelled_at,
        }
    }
}

/// A case as the caller may see it.
#[derive(Serialize, ToSchema)]
pub struct CaseDetail {
    /// The case.
    pub case: Case,
    /// The person, as far as the caller may see them.
    pub person: NewPerson,
    /// The organisation the caller acts for.
    pub viewer_org: i64,
    /// The categories the caller may see (all of them for the holding welcome center).
    pub categories: Vec<Category>,
    /// The steps the caller may see.
    pub steps: Vec<Step>,
    /// Their documents.
    pub documents: Vec<DocumentInfo>,
    /// Their appointments.
    pub appointments: Vec<AppointmentInfo>,
    /// Sharing without consent (holder only).
    pub overrides: Vec<SharingOverride>,
}

/// The case as `access` may see it.
pub async fn detail(state: &AppState, access: Access) -> Result<CaseDetail, AppError> {
    let steps = access.steps(state.store.steps(access.case.id).await?);
    let documents = cases::visible_documents(state, &access, &steps)
        .await?
        .into_iter()
        .map(DocumentInfo::from)
        .collect();
    let appointments = cases::visible_appointments(state, &access, &steps)
        .await?
        .into_iter()
        .map(AppointmentInfo::from)
        .collect();
    let overrides = if access.is_holder() {
        state.store.overrides_of_case(access.case.id).await?
    } else {
        Vec::new()
    };
    Ok(CaseDetail {
        person: access.person(),
        viewer_org: access.org,
        categories: access.sharing.categories.iter().copied().collect(),
        steps,
        documents,
        appointments,
        overrides,
        case: access.case,
    })
}

/// Read a case.
///
/// The holding welcome center's staff see all of it; a partner organisation sees it only
/// while a consent of the person (or an admin's recorded override) covers it, and then
/// only the consented categories; everyone else gets 404. Every read is logged.
#[utoipa::path(get, path = "/api/v1/cases/{id}", tag = TAG,
    params(("id" = i64, Path, description = "Case id")),
    responses(
        (status = 200, description = "The case as the caller may see it", body = CaseDetail),
        (status = 403, description = "No second factor", content_type = "application/problem+json"),
        (status = 404, description = "No such case for the caller", content_type = "application/problem+json")
    ))]
pub(super) async fn get_case(
    State(state): State<AppState>,
    caller: Caller,
    Path(raw): Path<String>,
) -> Result<Json<CaseDetail>, AppError> {
    let access = cases::case_access(&state, &caller, id(&raw)?, "view_case", "").await?;
    Ok(Json(detail(&state, access).await?))
}

/// The body of `PATCH /api/v1/cases/{id}`.
#[derive(Deserialize, ToSchema)]
pub struct CasePatch {
    /// The version the change is based on.
    pub version: i64,
    /// New status: `open` accepts a request, `declined` declines it, `closed` closes.
    #[serde(default)]
    pub status: Option<CaseStatus>,
    /// The staff member in charge (0 = none).
    #[serde(default)]
    pub assignee_user: Option<i64>,
}

/// Change a case's status or assignee (optimistic locking).
#[utoipa::path(patch, path = "/api/v1/cases/{id}", tag = TAG, request_body = CasePatch,
    params(("id" = i64, Path, description = "Case id")),
    responses(
        (status = 200, description = "Changed", body = Case),
        (status = 409, description = "Changed by someone else since it was read; nothing was overwritten", content_type = "application/problem+json")
    ))]
pub(super) async fn patch_case(
    State(state): State<AppState>,
    caller: Caller,
    Path(raw): Path<String>,
    body: Bytes,
) -> Result<Json<Case>, AppError> {
    let cid = id(&raw)?;
    caller.require_identity()?;
    let p: CasePatch = json_body(&body)?;
    let update = CaseUpdate {
        version: p.version,
        status: p.status,
        assignee_user: p.assignee_user,
    };
    Ok(Json(
        cases::update_case(&state, &caller, cid, &update).await?,
    ))
}

/// Change a step: status, due date, assignee, notes (optimistic locking).
///
/// A stale `version` is 409 and nothing is overwritten. Setting `done` records the day
/// and moves the due dates of the steps that follow it.
#[utoipa::path(patch, path = "/api/v1/cases/{id}/steps/{step}", tag = TAG, request_body = StepUpdate,
    params(("id" = i64, Path, description = "Case id"), ("step" = i64, Path, description = "Step id")),
    responses(
        (status = 200, description = "Changed", body = Step),
        (status = 400, description = "A field is invalid (e.g. an assignee without consent)", content_type = "application/problem+json"),
        (status = 409, description = "Changed by someone else since it was read; nothing was overwritten", content_type = "application/problem+json")
    ))]
pub(super) async fn patch_step(
    State(state): State<AppState>,
    caller: Caller,
    Path((raw, raw_step)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<Step>, AppError> {
    let (cid, sid) = (id(&raw)?, id(&raw_step)?);
    caller.require_identity()?;
    let u: StepUpdate = json_body(&body)?;
    Ok(Json(
        cases::update_step(&state, &caller, cid, sid, &u).await?,
    ))
}

/// The body of `POST /api/v1/cases/{id}/overrides`.
#[derive(Deserialize, ToSchema)]
pub struct OverrideBody {
    /// The organisation that receives the data.
    pub recipient_org: i64,
    /// Which parts.
    pub categories: Vec<Category>,
    /// `art6_1c` or `art6_1e`.
    pub legal_basis: bleibe_domain::casework::LegalBasis,
    /// The provision (e.g. "Art. 6(1)(e) DSGVO i. V. m. § 5 BbgDSG").
    pub law: String,
    /// Why.
    pub reason: String,
}

/// Share a case without consent (welcome-center admins; legal basis and reason
/// required, logged).
#[utoipa::path(post, path = "/api/v1/cases/{id}/overrides", tag = TAG, request_body = OverrideBody,
    params(("id" = i64, Path, description = "Case id")),
    responses(
        (status = 201, description = "Recorded", body = SharingOverride),
        (status = 400, description = "Legal basis, provision or reason missing", content_type = "application/problem+json"),
        (status = 403, description = "Not an admin of the welcome center", content_type = "application/problem+json")
    ))]
pub(super) async fn create_override(
    State(state): State<AppState>,
    caller: Caller,
    Path(raw): Path<String>,
    body: Bytes,
) -> Result<Response, AppError> {
    let cid = id(&raw)?;
    caller.require_identity()?;
    let b: OverrideBody = json_body(&body)?;
    let o = NewOverride {
        case_id: cid,
        recipient_org: b.recipient_org,
        categories: b.categories,
        legal_basis: b.legal_basis,
        law: b.law,
        reason: b.reason,
    };
    let created = cases::record_override(&state, &caller, &o).await?;
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

/// Download a document (after the access check; logged).
#[utoipa::path(get, path = "/api/v1/cases/{id}/documents/{document}", tag = TAG,
    params(("id" = i64, Path, description = "Case id"), ("document" = i64, Path, description = "Document id")),
    responses(
        (status = 200, description = "The file"),
        (status = 404, description = "No such document for the caller", content_type = "application/problem+json")
    ))]
pub(super) async fn get_document(
    State(state): State<AppState>,
    caller: Caller,
    Path((raw, raw_doc)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (doc, blob) = cases::document(&state, &caller, id(&raw)?, id(&raw_doc)?).await?;
    Ok(cases::download(
        &doc.filename,
        &blob.content_type,
        blob.data,
    ))
}

// ----- consents --------------------------------------------------------------------

/// A person's consents (staff of their welcome center).
#[utoipa::path(get, path = "/api/v1/consents", tag = TAG,
    params(("person" = i64, Query, description = "The person")),
    responses(
        (status = 200, description = "Newest first", body = Vec<Consent>),
        (status = 400, description = "`person` missing", content_type = "application/problem+json"),
        (status = 404, description = "No such person for the caller", content_type = "application/problem+json")
    ))]
pub(super) async fn list_consents(
    State(state): State<AppState>,
    caller: Caller,
    QueryString(query): QueryString,
) -> Result<Json<Vec<Consent>>, AppError> {
    caller.require_identity()?;
    let raw = RawQuery::parse(query.as_deref())?;
    let pid = raw
        .id("person")?
        .ok_or_else(|| AppError::bad_param("person", "error-param-required", &[]))?;
    let person = cases::staff_person(&state, &caller, pid, "view_consents").await?;
    Ok(Json(state.store.consents_of_person(person.id).await?))
}

/// Record a consent: purpose, recipient organisation, categories, and the version of the
/// consent text the person agreed to.
#[utoipa::path(post, path = "/api/v1/consents", tag = TAG, request_body = NewConsent,
    responses(
        (status = 201, description = "Recorded", body = Consent),
        (status = 400, description = "A field is invalid", content_type = "application/problem+json"),
        (status = 404, description = "No such person for the caller", content_type = "application/problem+json")
    ))]
pub(super) async fn create_consent(
    State(state): State<AppState>,
    caller: Caller,
    body: Bytes,
) -> Result<Response, AppError> {
    caller.require_identity()?;
    let c: NewConsent = json_body(&body)?;
    let created = cases::record_consent(&state, &caller, &c).await?;
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

/// Revoke a consent: at once, the recipient loses access with the next request.
///
/// Staff of the welcome center, or the person themselves (signed in, linked account).
#[utoipa::path(post, path = "/api/v1/consents/{id}/revoke", tag = TAG,
    params(("id" = i64, Path, description = "Consent id")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 404, description = "No such consent for the caller, or already revoked", content_type = "application/problem+json")
    ))]
pub(super) async fn revoke_consent(
    State(state): State<AppState>,
    caller: Caller,
    Path(raw): Path<String>,
) -> Result<StatusCode, AppError> {
    caller.require_identity()?;
    let consent = state
        .store
        .consent(id(&raw)?)
        .await?
        .ok_or_else(AppError::not_found)?;
    cases::revoke_consent(&state, &caller, consent.consent.person_id, consent.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

// ----- appointments ----------------------------------------------------------------

/// The body of `POST /api/v1/appointments`: a time and place, or a slot of a
/// consultation day (`event_id` and `slot`), which books the slot for the person.
#[derive(Deserialize, ToSchema)]
pub struct AppointmentBody {
    /// The case.
    pub case_id: i64,
    /// The step it is about.
    #[serde(default)]
    pub step_id: Option<i64>,
    /// What for (default for a slot: the consultation day's title).
    #[serde(default)]
    pub title: Option<String>,
    /// Where (default for a slot: the consultation day's venue).
    #[serde(default)]
    pub location: Option<String>,
    /// Start (not with a slot).
    #[serde(default)]
    pub starts_at: Option<DateTime<Utc>>,
    /// End (not with a slot).
    #[serde(default)]
    pub ends_at: Option<DateTime<Utc>>,
    /// A consultation day with bookable slots.
    #[serde(default)]
    pub event_id: Option<i64>,
    /// The slot's start (one of `GET /api/v1/events/{id}/slots`).
    #[serde(default)]
    pub slot: Option<DateTime<Utc>>,
}

/// Set an appointment; the person gets the invitation by mail (with an iCal file).
#[utoipa::path(post, path = "/api/v1/appointments", tag = TAG, request_body = AppointmentBody,
    responses(
        (status = 201, description = "Set", body = AppointmentInfo),
        (status = 400, description = "A field is invalid", content_type = "application/problem+json"),
        (status = 409, description = "The slot is taken", content_type = "application/problem+json")
    ))]
pub(super) async fn create_appointment(
    State(state): State<AppState>,
    caller: Caller,
    body: Bytes,
) -> Result<Response, AppError> {
    caller.require_identity()?;
    let b: AppointmentBody = json_body(&body)?;
    let new = match (b.event_id, b.slot) {
        (Some(event_id), Some(slot)) => {
            book_slot(&state, &caller, b.case_id, b.step_id, event_id, slot).await?
        }
        (None, None) => NewAppointment {
            case_id: b.case_id,
            step_id: b.step_id,
            title: b.title.unwrap_or_default(),
            location: b.location.unwrap_or_default(),
            starts_at: b
                .starts_at
                .ok_or_else(|| AppError::bad_param("starts_at", "error-param-required", &[]))?,
            ends_at: b
                .ends_at
                .ok_or_else(|| AppError::bad_param("ends_at", "error-param-required", &[]))?,
            event_id: None,
            registration_id: None,
            slot_cancel_hash: None,
        },
        (Some(_), None) => return Err(AppError::bad_param("slot", "error-param-required", &[])),
        (None, Some(_)) => {
            return Err(AppError::bad_param("event_id", "error-param-required", &[]))
        }
    };
    let created = cases::create_appointment(&state, &caller, &new).await?;
    Ok((StatusCode::CREATED, Json(AppointmentInfo::from(created))).into_response())
}

/// Books a slot of a consultation day for the case's person (the same booking as the
/// event page's, so the slot is taken for everyone) and returns the appointment to set.
async fn book_slot(
    state: &AppState,
    caller: &Caller,
    case_id: i64,
    step_id: Option<i64>,
    event_id: i64,
    slot: DateTime<Utc>,
) -> Result<NewAppointment, AppError> {
    let access =
        cases::case_for_write(state, caller, case_id, "book_slot", &event_id.to_string()).await?;
    let event = crate::cooperation::visible_event(state, caller, event_id).await?;
    let minutes = event
        .data
        .slot_minutes
        .ok_or_else(|| AppError::bad_param("event_id", "cases-error-no-slots", &[]))?;
    let email = access
        .person
        .data
        .email
        .clone()
        .ok_or_else(|| AppError::bad_param("event_id", "cases-error-slot-email", &[]))?;
    let who = NewRegistration {
        name: access.person.data.name.clone(),
        email,
        organisation: String::new(),
        user_id: None,
        slot: Some(slot),
        cancel_hash: String::new(),
    };
    let tr = crate::i18n::Lang::default().tr();
    let (registration, token) =
        crate::cooperation::register(state, caller, &event, who, &tr).await?;
    Ok(NewAppointment {
        case_id,
        step_id,
        title: event.data.title.clone(),
        location: [event.data.venue.as_str(), event.data.address.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(", "),
        starts_at: slot,
        ends_at: slot + Duration::minutes(minutes),
        event_id: Some(event.id),
        registration_id: Some(registration.id),
        slot_cancel_hash: Some(crate::auth::crypto::sha256_hex(token.as_bytes())),
    })
}

/// This week's (or the given range's) appointments of the welcome center.
#[utoipa::path(get, path = "/api/v1/appointments", tag = TAG,
    params(
        ("from" = Option<String>, Query, description = "Start (RFC 3339; default: this Monday 00:00 Berlin)"),
        ("to" = Option<String>, Query, description = "End, exclusive (default: a week after from)"),
        ("org" = Option<i64>, Query, description = "The welcome center")
    ),
    responses(
        (status = 200, description = "By start", body = Vec<AppointmentInfo>),
        (status = 400, description = "A parameter is invalid", content_type = "application/problem+json")
    ))]
pub(super) async fn list_appointments(
    State(state): State<AppState>,
    caller: Caller,
    QueryString(query): QueryString,
) -> Result<Json<Vec<AppointmentInfo>>, AppError> {
    let raw = RawQuery::parse(query.as_deref())?;
    let org = cases::working_org(&caller, raw.id("org")?)?;
    let time = |name: &str| -> Result<Option<DateTime<Utc>>, AppError> {
        raw.get(name)
            .map(|s| {
                DateTime::parse_from_rfc3339(s)
                    .map(|t| t.with_timezone(&Utc))
                    .map_err(|_| {
                        AppError::bad_param(
                            name,
                            "error-field-invalid",
                            &[("reason", "a time as 2026-11-30T09:00:00+01:00".into())],
                        )
                    })
            })
            .transpose()
    };
    let from = match time("from")? {
        Some(t) => t,
        None => week_start(Utc::now()),
    };
    let to = time("to")?.unwrap_or(from + Duration::days(7));
    if to <= from || to - from > Duration::days(366) {
        return Err(AppError::bad_param(
            "to",
            "error-field-invalid",
            &[("reason", "after from, at most a year later".into())],
        ));
    }
    let list = state.store.org_appointments(org, from, to).await?;
    for (a, row) in &list {
        cases::log(
            &state,
            &caller,
            row.case.person_id,
            Some(a.data.case_id),
            Some(org),
            "list_appointment",
            "",
        )
        .await?;
    }
    Ok(Json(list.into_iter().map(|(a, _)| a.into()).collect()))
}

/// Monday 00:00 in Berlin of the week of `now`.
pub fn week_start(now: DateTime<Utc>) -> DateTime<Utc> {
    let local = crate::berlin::to_berlin(now).date_naive();
    let monday = local - Duration::days(i64::from(local.weekday().num_days_from_monday()));
    crate::berlin::from_berlin(monday.and_hms_opt(0, 0, 0).unwrap_or_default())
}

/// The appointment and the access to its case, for the caller.
async fn appointment_access(
    state: &AppState,
    caller: &Caller,
    raw: &str,
    action: &str,
) -> Result<(Appointment, Access), AppError> {
    caller.require_identity()?;
    let a = state
        .store
        .appointment(id(raw)?)
        .await?
        .ok_or_else(AppError::not_found)?;
    let access =
        cases::case_access(state, caller, a.data.case_id, action, &a.id.to_string()).await?;
    let steps = access.steps(state.store.steps(a.data.case_id).await?);
    let visible = cases::visible_appointments(state, &access, &steps).await?;
    if !visible.iter().any(|v| v.id == a.id) {
        return Err(AppError::not_found());
    }
    Ok((a, access))
}

/// The appointment as an iCalendar invitation (RFC 5545).
#[utoipa::path(get, path = "/api/v1/appointments/{id}/invitation.ics", tag = TAG,
    params(("id" = i64, Path, description = "Appointment id")),
    responses(
        (status = 200, description = "text/calendar"),
        (status = 404, description = "No such appointment for the caller", content_type = "application/problem+json")
    ))]
pub(super) async fn appointment_ics(
    State(state): State<AppState>,
    caller: Caller,
    Path(raw): Path<String>,
) -> Result<Response, AppError> {
    let (a, _) = appointment_access(&state, &caller, &raw, "view_appointment").await?;
    Ok((
        [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
        cases::appointment_ics(&state, &a),
    )
        .into_response())
}

/// Call an appointment off (a booked slot is freed).
#[utoipa::path(post, path = "/api/v1/appointments/{id}/cancel", tag = TAG,
    params(("id" = i64, Path, description = "Appointment id")),
    responses(
        (status = 200, description = "Cancelled", body = AppointmentInfo),
        (status = 404, description = "No such appointment for the caller, or already cancelled", content_type = "application/problem+json")
    ))]
pub(super) async fn cancel_appointment(
    State(state): State<AppState>,
    caller: Caller,
    Path(raw): Path<String>,
) -> Result<Json<AppointmentInfo>, AppError> {
    let (a, access) = appointment_access(&state, &caller, &raw, "cancel_appointment").await?;
    if !access.is_holder() {
        return Err(AppError::forbidden());
    }
    let cancelled = state.store.cancel_appointment(a.id, Utc::now()).await?;
    if let Some(hash) = &a.data.slot_cancel_hash {
        // Frees the consultation-day slot through the booking's own cancellation.
        state.store.cancel_registration(hash).await?;
    }
    Ok(Json(cancelled.into()))
}

// ----- documents and templates -----------------------------------------------------

/// Upload a document to a case: the request body is the file (PDF, PNG or JPEG, at most
/// 10 MiB, recognised by its bytes); `filename`, `step` and `item` say what it is.
#[utoipa::path(post, path = "/api/v1/cases/{id}/documents", tag = TAG,
    params(
        ("id" = i64, Path, description = "Case id"),
        ("filename" = String, Query, description = "The file's name"),
        ("step" = Option<i64>, Query, description = "The step it belongs to"),
        ("item" = Option<String>, Query, description = "The checklist item it fulfils")
    ),
    request_body(content = Vec<u8>, content_type = "application/pdf"),
    responses(
        (status = 201, description = "Stored", body = DocumentInfo),
        (status = 413, description = "Larger than 10 MiB", content_type = "application/problem+json"),
        (status = 415, description = "Not a PDF, PNG or JPEG", content_type = "application/problem+json")
    ))]
pub(super) async fn upload_document(
    State(state): State<AppState>,
    caller: Caller,
    Path(raw): Path<String>,
    QueryString(query): QueryString,
    body: Bytes,
) -> Result<Response, AppError> {
    let cid = id(&raw)?;
    caller.require_identity()?;
    let q = RawQuery::parse(query.as_deref())?;
    let filename = q
        .get("filename")
        .ok_or_else(|| AppError::bad_param("filename", "error-param-required", &[]))?;
    let d = cases::upload_document(
        &state,
        &caller,
        cid,
        q.id("step")?,
        q.get("item").unwrap_or(""),
        filename,
        &body,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(DocumentInfo::from(d))).into_response())
}

/// The case templates the caller's welcome center uses (newest versions).
#[utoipa::path(get, path = "/api/v1/case-templates", tag = TAG,
    params(("org" = Option<i64>, Query, description = "The welcome center")),
    responses((status = 200, description = "Templates", body = Vec<bleibe_domain::casework::CaseTemplate>)))]
pub(super) async fn list_templates(
    State(state): State<AppState>,
    caller: Caller,
    QueryString(query): QueryString,
) -> Result<Json<Vec<bleibe_domain::casework::CaseTemplate>>, AppError> {
    let raw = RawQuery::parse(query.as_deref())?;
    let org = cases::working_org(&caller, raw.id("org")?)?;
    Ok(Json(state.store.case_templates(org).await?))
}

/// Change a case template (welcome-center admins): stored as the welcome center's next
/// version; `version` names the version the change is based on (409 when stale). Cases
/// keep the version they were made from.
#[utoipa::path(put, path = "/api/v1/case-templates/{key}", tag = TAG,
    request_body = bleibe_domain::casework::CaseTemplate,
    params(("key" = String, Path, description = "Template key"), ("org" = Option<i64>, Query, description = "The welcome center")),
    responses(
        (status = 200, description = "The new version", body = bleibe_domain::casework::CaseTemplate),
        (status = 400, description = "Invalid; the problem names the field (e.g. steps[3].due.after)", content_type = "application/problem+json"),
        (status = 403, description = "Not an admin of the welcome center", content_type = "application/problem+json"),
        (status = 409, description = "Changed by someone else since it was read", content_type = "application/problem+json")
    ))]
pub(super) async fn put_template(
    State(state): State<AppState>,
    caller: Caller,
    Path(key): Path<String>,
    QueryString(query): QueryString,
    body: Bytes,
) -> Result<Json<bleibe_domain::casework::CaseTemplate>, AppError> {
    let raw = RawQuery::parse(query.as_deref())?;
    let org = cases::working_org(&caller, raw.id("org")?)?;
    caller.authorize(Action::AdminCases(org))?;
    let t: bleibe_domain::casework::CaseTemplate = json_body(&body)?;
    if t.key != key {
        return Err(AppError::bad_param(
            "key",
            "error-field-invalid",
            &[(
                "reason",
                "the key in the body must be the key in the path".into(),
            )],
        ));
    }
    t.validate().map_err(|e| AppError::invalid(&e))?;
    let user = cases::user_id(&caller).ok_or_else(AppError::unauthorized)?;
    Ok(Json(
        state
            .store
            .save_case_template(org, &t, user)
            .await
            .map_err(cases::stale)?,
    ))
}
