//! The rules of case management shared by the pages (`pages/cases/`) and the API
//! (`api/cases.rs`): who acts for which organisation, what a caller may see of a case
//! (the domain's [`Sharing`] from the consents in force, computed on every request so a
//! revocation takes effect at once), the access log written for every read and write,
//! documents, appointments with their iCal invitation, the intake form, the export
//! (Art. 15/20 GDPR) and erasure (Art. 17).
//!
//! Whatever a caller may not see answers 404, as if it did not exist.

use crate::policy::Caller;
use crate::problem::AppError;
use crate::state::AppState;
use base64::Engine;
use bleibe_domain::casework::consent::TEXT_VERSION;
use bleibe_domain::casework::{
    Case, CaseStatus, Category, NewCase, NewConsent, NewOverride, NewPerson, Person, Sharing, Step,
    StepUpdate,
};
use bleibe_domain::policy::{self, Action};
use bleibe_domain::{Membership, OrgKind};
use bleibe_store::cases::{
    Appointment, CaseDocument, CaseFilter, CaseScope, CaseUpdate, Erasure, NewAccess,
    NewAppointment,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;

/// Largest document accepted (bytes).
pub const MAX_DOCUMENT: usize = 10 * 1024 * 1024;

/// The types of document accepted, recognised by their bytes.
pub const DOCUMENT_TYPES: [&str; 3] = ["application/pdf", "image/png", "image/jpeg"];

/// The memberships of the signed-in caller.
fn memberships(caller: &Caller) -> &[Membership] {
    match &caller.ctx().caller {
        policy::Caller::User(u) => &u.memberships,
        _ => &[],
    }
}

/// The signed-in user's id.
pub fn user_id(caller: &Caller) -> Option<i64> {
    match &caller.ctx().caller {
        policy::Caller::User(u) => Some(u.user_id),
        _ => None,
    }
}

/// The verified welcome centers the caller works for (holders of cases).
pub fn holder_orgs(caller: &Caller) -> Vec<i64> {
    memberships(caller)
        .iter()
        .filter(|m| m.kind == OrgKind::WelcomeCenter && m.kind_rights())
        .map(|m| m.org_id)
        .collect()
}

/// The organisations the caller may receive shared cases for (all with their rights).
pub fn partner_orgs(caller: &Caller) -> Vec<i64> {
    memberships(caller)
        .iter()
        .filter(|m| m.kind_rights())
        .map(|m| m.org_id)
        .collect()
}

/// The organisation the caller does case work for: `wanted` if they may, else their
/// first welcome center. 403 (or "second factor needed") when there is none.
pub fn working_org(caller: &Caller, wanted: Option<i64>) -> Result<i64, AppError> {
    caller.require_identity()?;
    let orgs = holder_orgs(caller);
    let org = match wanted {
        Some(o) => o,
        None => match orgs.first() {
            Some(o) => *o,
            None => {
                // Not staff of a welcome center: a partner may still see shared cases.
                return Err(AppError::forbidden());
            }
        },
    };
    caller.authorize(Action::ManageCases(org))?;
    Ok(org)
}

/// What the caller may see of one case, and as whom.
#[derive(Debug, Clone)]
pub struct Access {
    /// The case.
    pub case: Case,
    /// Its person.
    pub person: Person,
    /// The organisation the caller acts for.
    pub org: i64,
    /// What that organisation may see.
    pub sharing: Sharing,
}

impl Access {
    /// The holding welcome center's staff: everything, and they may write.
    pub fn is_holder(&self) -> bool {
        self.org == self.case.org_id
    }

    /// The steps the caller may see.
    pub fn steps(&self, steps: Vec<Step>) -> Vec<Step> {
        steps
            .into_iter()
            .filter(|s| self.sharing.covers(s.category))
            .collect()
    }

    /// The person as the caller may see them: name and contact always (a partner needs
    /// them to act), qualifications with recognition or work, the household with
    /// family or housing, the country of origin with residence.
    pub fn person(&self) -> NewPerson {
        let mut p = self.person.data.clone();
        let s = &self.sharing;
        if !(s.covers(Category::Recognition) || s.covers(Category::Work)) {
            p.qualifications.clear();
        }
        if !(s.covers(Category::Family) || s.covers(Category::Housing)) {
            p.household.clear();
        }
        if !s.covers(Category::Residence) {
            p.country = None;
            p.arrival_year = None;
        }
        p
    }
}

/// Loads a case for the caller, or 404 when they may not know it exists. Staff of the
/// holding welcome center see all of it; another organisation sees the categories its
/// consents and overrides cover, only while they are in force. Writes the access log
/// (`action`, `detail`) when access is granted.
pub async fn case_access(
    state: &AppState,
    caller: &Caller,
    id: i64,
    action: &str,
    detail: &str,
) -> Result<Access, AppError> {
    caller.require_identity()?;
    let case = state
        .store
        .case(id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let orgs = partner_orgs(caller);
    let holder = holder_orgs(caller).contains(&case.org_id);
    let (org, sharing) = if holder {
        caller.authorize_hidden(Action::ManageCases(case.org_id))?;
        (
            case.org_id,
            Sharing::of(case.org_id, case.org_id, case.id, case.person_id, &[], &[]),
        )
    } else {
        if !matches!(case.status, CaseStatus::Open | CaseStatus::Closed) || orgs.is_empty() {
            return Err(AppError::not_found());
        }
        let consents = state.store.consents_of_person(case.person_id).await?;
        let overrides = state.store.overrides_of_case(case.id).await?;
        let found = orgs.iter().find_map(|&org| {
            let s = Sharing::of(
                org,
                case.org_id,
                case.id,
                case.person_id,
                &consents,
                &overrides,
            );
            s.any().then_some((org, s))
        });
        let Some((org, sharing)) = found else {
            return Err(AppError::not_found());
        };
        caller.authorize_hidden(Action::ViewSharedCases(org))?;
        (org, sharing)
    };
    let person = state
        .store
        .person(case.person_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let access = Access {
        case,
        person,
        org,
        sharing,
    };
    log(
        state,
        caller,
        access.person.id,
        Some(access.case.id),
        Some(org),
        action,
        detail,
    )
    .await?;
    Ok(access)
}

/// Loads a case for writing: only the holding welcome center's staff.
pub async fn case_for_write(
    state: &AppState,
    caller: &Caller,
    id: i64,
    action: &str,
    detail: &str,
) -> Result<Access, AppError> {
    let access = case_access(state, caller, id, action, detail).await?;
    if !access.is_holder() {
        // A partner sees, but does not change, another organisation's case.
        return Err(AppError::forbidden());
    }
    Ok(access)
}

/// Loads a person for the staff of the welcome center that records them (404 for
/// everyone else) and logs the access.
pub async fn staff_person(
    state: &AppState,
    caller: &Caller,
    id: i64,
    action: &str,
) -> Result<Person, AppError> {
    caller.require_identity()?;
    let person = state
        .store
        .person(id)
        .await?
        .ok_or_else(AppError::not_found)?;
    if !holder_orgs(caller).contains(&person.org_id) {
        return Err(AppError::not_found());
    }
    caller.authorize_hidden(Action::ManageCases(person.org_id))?;
    log(
        state,
        caller,
        person.id,
        None,
        Some(person.org_id),
        action,
        "",
    )
    .await?;
    Ok(person)
}

/// Writes one access log entry for the caller.
pub async fn log(
    state: &AppState,
    caller: &Caller,
    person_id: i64,
    case_id: Option<i64>,
    org_id: Option<i64>,
    action: &str,
    detail: &str,
) -> Result<(), AppError> {
    state
        .store
        .log_access(&NewAccess {
            person_id,
            case_id,
            user_id: user_id(caller),
            org_id,
            action: action.to_string(),
            detail: detail.chars().take(200).collect(),
        })
        .await?;
    Ok(())
}

/// Stale versions are a conflict that says so; everything else as usual.
pub fn stale(e: bleibe_store::StoreError) -> AppError {
    match e {
        bleibe_store::StoreError::Conflict(_) => AppError::conflict("error-stale-detail"),
        other => other.into(),
    }
}

/// Records a person for the caller's welcome center.
pub async fn create_person(
    state: &AppState,
    caller: &Caller,
    org: i64,
    person: NewPerson,
) -> Result<Person, AppError> {
    caller.authorize(Action::ManageCases(org))?;
    let person = person.normalised().map_err(|e| AppError::invalid(&e))?;
    let created = state.store.create_person(org, &person, None).await?;
    log(
        state,
        caller,
        created.id,
        None,
        Some(org),
        "create_person",
        "",
    )
    .await?;
    Ok(created)
}

/// Changes a person (optimistic locking).
pub async fn update_person(
    state: &AppState,
    caller: &Caller,
    id: i64,
    version: i64,
    person: NewPerson,
) -> Result<Person, AppError> {
    let current = staff_person(state, caller, id, "update_person").await?;
    let person = person.normalised().map_err(|e| AppError::invalid(&e))?;
    state
        .store
        .update_person(current.id, version, &person)
        .await
        .map_err(stale)
}

/// Makes a case from a template for one of the organisation's persons.
pub async fn create_case(
    state: &AppState,
    caller: &Caller,
    new: &NewCase,
    status: CaseStatus,
    message: &str,
) -> Result<Case, AppError> {
    let person = staff_person(state, caller, new.person_id, "create_case").await?;
    let template = state
        .store
        .case_template(person.org_id, &new.template_key)
        .await?
        .ok_or_else(|| {
            AppError::bad_param(
                "template_key",
                "error-field-invalid",
                &[("reason", "no template with this key".to_string())],
            )
        })?;
    let started = new.started_on.unwrap_or_else(|| Utc::now().date_naive());
    let case = state
        .store
        .create_case(
            person.org_id,
            person.id,
            &template,
            started,
            status,
            new.assignee_user,
            message,
        )
        .await?;
    Ok(case)
}

/// Changes a case's status or assignee (holder staff, optimistic locking).
pub async fn update_case(
    state: &AppState,
    caller: &Caller,
    id: i64,
    update: &CaseUpdate,
) -> Result<Case, AppError> {
    let detail = update.status.map(|s| s.as_str()).unwrap_or("assignee");
    let access = case_for_write(state, caller, id, "update_case", detail).await?;
    if let Some(user) = update.assignee_user.filter(|u| *u != 0) {
        check_staff(state, access.case.org_id, user).await?;
    }
    state
        .store
        .update_case(id, update, Utc::now().date_naive())
        .await
        .map_err(stale)
}

/// Changes a step (holder staff, optimistic locking). A step may be assigned only to
/// the welcome center itself or to an organisation that a consent or override lets see
/// the step's category: assigning is sharing.
pub async fn update_step(
    state: &AppState,
    caller: &Caller,
    case_id: i64,
    step_id: i64,
    update: &StepUpdate,
) -> Result<Step, AppError> {
    update.validate().map_err(|e| AppError::invalid(&e))?;
    let access =
        case_for_write(state, caller, case_id, "update_step", &step_id.to_string()).await?;
    let steps = state.store.steps(case_id).await?;
    let step = steps
        .iter()
        .find(|s| s.id == step_id)
        .ok_or_else(AppError::not_found)?;
    if let Some(org) = update
        .assignee_org
        .filter(|o| *o != 0 && *o != access.case.org_id)
    {
        let consents = state.store.consents_of_person(access.person.id).await?;
        let overrides = state.store.overrides_of_case(case_id).await?;
        let s = Sharing::of(
            org,
            access.case.org_id,
            case_id,
            access.person.id,
            &consents,
            &overrides,
        );
        if !s.covers(step.category) {
            return Err(AppError::bad_param(
                "assignee_org",
                "cases-error-no-consent",
                &[],
            ));
        }
    }
    if let Some(user) = update.assignee_user.filter(|u| *u != 0) {
        check_staff(state, access.case.org_id, user).await?;
    }
    state
        .store
        .update_step(case_id, step_id, update, Utc::now().date_naive())
        .await
        .map_err(stale)
}

/// 400 unless `user` works for the welcome center `org`: only its staff are assignees.
async fn check_staff(state: &AppState, org: i64, user: i64) -> Result<(), AppError> {
    let staff = state.store.members(org).await?;
    if staff.iter().any(|(u, _)| u.id == user) {
        Ok(())
    } else {
        Err(AppError::bad_param(
            "assignee_user",
            "cases-error-not-staff",
            &[],
        ))
    }
}

/// Records a consent for one of the organisation's persons.
pub async fn record_consent(
    state: &AppState,
    caller: &Caller,
    consent: &NewConsent,
) -> Result<bleibe_domain::casework::Consent, AppError> {
    consent.validate().map_err(|e| AppError::invalid(&e))?;
    staff_person(state, caller, consent.person_id, "record_consent").await?;
    if state.store.employer(consent.recipient_org).await?.is_none() {
        return Err(AppError::bad_param(
            "recipient_org",
            "error-field-invalid",
            &[("reason", "no organisation with this id".to_string())],
        ));
    }
    Ok(state.store.record_consent(consent, user_id(caller)).await?)
}

/// Revokes a consent: staff of the welcome center, or the person themselves (their own
/// account). Takes effect at once.
pub async fn revoke_consent(
    state: &AppState,
    caller: &Caller,
    person_id: i64,
    consent_id: i64,
) -> Result<(), AppError> {
    let own = own_persons(state, caller).await?;
    let person = match own.into_iter().find(|p| p.id == person_id) {
        Some(p) => {
            // The person themselves: logged without an organisation.
            log(
                state,
                caller,
                p.id,
                None,
                None,
                "revoke_consent",
                &consent_id.to_string(),
            )
            .await?;
            p
        }
        None => staff_person(state, caller, person_id, "revoke_consent").await?,
    };
    state
        .store
        .revoke_consent(person.id, consent_id, Utc::now())
        .await?;
    Ok(())
}

/// Records sharing without consent: a welcome-center admin, naming the legal basis.
pub async fn record_override(
    state: &AppState,
    caller: &Caller,
    o: &NewOverride,
) -> Result<bleibe_domain::casework::SharingOverride, AppError> {
    o.validate().map_err(|e| AppError::invalid(&e))?;
    let access = case_for_write(
        state,
        caller,
        o.case_id,
        "record_override",
        o.legal_basis.as_str(),
    )
    .await?;
    caller.authorize(Action::AdminCases(access.case.org_id))?;
    if state.store.employer(o.recipient_org).await?.is_none()
        || o.recipient_org == access.case.org_id
    {
        return Err(AppError::bad_param(
            "recipient_org",
            "error-field-invalid",
            &[("reason", "another organisation's id".to_string())],
        ));
    }
    let admin = user_id(caller).ok_or_else(AppError::unauthorized)?;
    Ok(state.store.record_override(o, admin).await?)
}

/// The persons linked to the signed-in caller's own account. A person recorded with
/// the address the user has confirmed (intake form, staff) is linked on the way: whoever
/// controls the mailbox receives the case's mails anyway.
pub async fn own_persons(state: &AppState, caller: &Caller) -> Result<Vec<Person>, AppError> {
    let Some(u) = user_id(caller) else {
        return Ok(Vec::new());
    };
    if let Some(user) = &caller.ctx().user {
        if user.email_verified_at.is_some() {
            state.store.link_persons_by_email(&user.email, u).await?;
        }
    }
    Ok(state.store.persons_of_user(u).await?)
}

/// The kind of a document by its bytes (PDF, PNG, JPEG), never by its name.
pub fn sniff_document(data: &[u8]) -> Option<&'static str> {
    if data.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if data.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if data.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else {
        None
    }
}

/// Stores an uploaded document of a case (holder staff): PDF, PNG or JPEG by its
/// bytes, at most [`MAX_DOCUMENT`].
pub async fn upload_document(
    state: &AppState,
    caller: &Caller,
    case_id: i64,
    step_id: Option<i64>,
    item_key: &str,
    filename: &str,
    data: &[u8],
) -> Result<CaseDocument, AppError> {
    case_for_write(state, caller, case_id, "upload_document", filename).await?;
    if data.is_empty() {
        return Err(AppError::bad_param("file", "cases-error-file-missing", &[]));
    }
    if data.len() > MAX_DOCUMENT {
        return Err(AppError::payload_too_large());
    }
    let kind =
        sniff_document(data).ok_or_else(|| AppError::unsupported_type("cases-error-file-type"))?;
    if let Some(step) = step_id {
        let steps = state.store.steps(case_id).await?;
        if !steps.iter().any(|s| s.id == step) {
            return Err(AppError::bad_param(
                "step",
                "error-field-invalid",
                &[("reason", "not a step of this case".into())],
            ));
        }
    }
    let name: String = filename
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_control())
        .take(120)
        .collect();
    let name = if name.trim().is_empty() {
        "dokument".to_string()
    } else {
        name
    };
    let sha = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(data));
    let blob = state.store.put_blob(kind, &sha, data).await?;
    Ok(state
        .store
        .add_case_document(case_id, step_id, item_key, &name, blob, user_id(caller))
        .await?)
}

/// A document and its bytes, after the access check: the holder, or a partner that
/// sees the step it belongs to.
pub async fn document(
    state: &AppState,
    caller: &Caller,
    case_id: i64,
    doc_id: i64,
) -> Result<(CaseDocument, bleibe_store::accounts::Blob), AppError> {
    let access = case_access(
        state,
        caller,
        case_id,
        "download_document",
        &doc_id.to_string(),
    )
    .await?;
    let doc = state
        .store
        .case_documents(case_id)
        .await?
        .into_iter()
        .find(|d| d.id == doc_id)
        .ok_or_else(AppError::not_found)?;
    if !access.is_holder() {
        let steps = access.steps(state.store.steps(case_id).await?);
        if !doc.step_id.is_some_and(|s| steps.iter().any(|x| x.id == s)) {
            return Err(AppError::not_found());
        }
    }
    let blob = state
        .store
        .blob(doc.blob_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok((doc, blob))
}

/// The documents the caller may see of a case.
pub async fn visible_documents(
    state: &AppState,
    access: &Access,
    steps: &[Step],
) -> Result<Vec<CaseDocument>, AppError> {
    let docs = state.store.case_documents(access.case.id).await?;
    Ok(docs
        .into_iter()
        .filter(|d| {
            access.is_holder() || d.step_id.is_some_and(|s| steps.iter().any(|x| x.id == s))
        })
        .collect())
}

/// The appointments the caller may see of a case (a partner: those of visible steps).
pub async fn visible_appointments(
    state: &AppState,
    access: &Access,
    steps: &[Step],
) -> Result<Vec<Appointment>, AppError> {
    let all = state.store.appointments_of_case(access.case.id).await?;
    Ok(all
        .into_iter()
        .filter(|a| {
            access.is_holder()
                || a.data
                    .step_id
                    .is_some_and(|s| steps.iter().any(|x| x.id == s))
        })
        .collect())
}

/// Sets an appointment (holder staff) and mails the invitation to the person when they
/// have an address. Times must be in order and at most 12 hours long.
pub async fn create_appointment(
    state: &AppState,
    caller: &Caller,
    a: &NewAppointment,
) -> Result<Appointment, AppError> {
    let title = a.title.trim();
    if title.is_empty() || title.chars().count() > 200 {
        return Err(AppError::bad_param("title", "cases-error-title", &[]));
    }
    if a.ends_at <= a.starts_at || a.ends_at - a.starts_at > chrono::Duration::hours(12) {
        return Err(AppError::bad_param("ends_at", "cases-error-times", &[]));
    }
    if a.location.chars().count() > 300 {
        return Err(AppError::bad_param("location", "cases-error-title", &[]));
    }
    let access = case_for_write(state, caller, a.case_id, "create_appointment", title).await?;
    if let Some(step) = a.step_id {
        if !state
            .store
            .steps(a.case_id)
            .await?
            .iter()
            .any(|s| s.id == step)
        {
            return Err(AppError::bad_param(
                "step_id",
                "error-field-invalid",
                &[("reason", "not a step of this case".into())],
            ));
        }
    }
    let created = state.store.create_appointment(a, user_id(caller)).await?;
    if let Some(to) = access.person.data.email.clone() {
        let tr = lang_of(&access.person.data);
        let when = local_time(created.data.starts_at);
        let body = format!(
            "{}\n\n{}\n{}\n\n{}",
            tr.ta(
                "cases-mail-appointment-body",
                &[
                    ("title", created.data.title.clone()),
                    ("when", when.clone()),
                    ("location", created.data.location.clone())
                ]
            ),
            when,
            created.data.location,
            appointment_ics(state, &created),
        );
        if let Err(e) = state
            .mailer
            .send(&to, &tr.t("cases-mail-appointment-subject"), body)
            .await
        {
            tracing::warn!(error = %e, "appointment invitation not sent");
        }
    }
    Ok(created)
}

/// An appointment as an iCalendar invitation (RFC 5545): one VEVENT with a stable UID
/// and the version as SEQUENCE, cancelled ones with `STATUS:CANCELLED`. The summary
/// names the welcome center's appointment, never the person.
pub fn appointment_ics(state: &AppState, a: &Appointment) -> String {
    let host = state
        .config
        .public_url
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    let stamp = |t: DateTime<Utc>| t.format("%Y%m%dT%H%M%SZ").to_string();
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//bleibe//cases//DE".into(),
        format!(
            "METHOD:{}",
            if a.cancelled_at.is_some() {
                "CANCEL"
            } else {
                "REQUEST"
            }
        ),
        "BEGIN:VEVENT".into(),
        format!("UID:appointment-{}@{}", a.id, host),
        format!("SEQUENCE:{}", a.version - 1),
        format!("DTSTAMP:{}", stamp(a.cancelled_at.unwrap_or(a.created_at))),
        format!("DTSTART:{}", stamp(a.data.starts_at)),
        format!("DTEND:{}", stamp(a.data.ends_at)),
        format!("SUMMARY:{}", crate::feeds::ical::escape_text(&a.data.title)),
    ];
    if !a.data.location.is_empty() {
        lines.push(format!(
            "LOCATION:{}",
            crate::feeds::ical::escape_text(&a.data.location)
        ));
    }
    lines.push(format!(
        "URL:{}/me/case",
        state.config.public_url.trim_end_matches('/')
    ));
    if a.cancelled_at.is_some() {
        lines.push("STATUS:CANCELLED".into());
    }
    lines.push("END:VEVENT".into());
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for l in lines {
        crate::feeds::ical::push_line(&mut out, &l);
    }
    out
}

/// Everything bleibe holds about a person (Art. 15 and 20 GDPR), as one JSON document:
/// the person, their cases with every step, note, document (with its bytes, base64),
/// appointment and override, their consents and the access log.
pub async fn export(state: &AppState, person: &Person) -> Result<serde_json::Value, AppError> {
    let rows = state
        .store
        .cases(&CaseFilter {
            person_id: Some(person.id),
            ..CaseFilter::all(CaseScope::Holder(person.org_id))
        })
        .await?;
    let mut cases = Vec::new();
    for row in rows {
        let c = &row.case;
        let steps = state.store.steps(c.id).await?;
        let mut documents = Vec::new();
        for d in state.store.case_documents(c.id).await? {
            let blob = state.store.blob(d.blob_id).await?;
            documents.push(json!({
                "id": d.id,
                "step_id": d.step_id,
                "item_key": d.item_key,
                "filename": d.filename,
                "content_type": d.content_type,
                "size": d.size,
                "uploaded_at": d.created_at,
                "content_base64": blob.map(|b| base64::engine::general_purpose::STANDARD.encode(b.data)),
            }));
        }
        let appointments: Vec<_> = state
            .store
            .appointments_of_case(c.id)
            .await?
            .into_iter()
            .map(|a| {
                json!({
                    "id": a.id, "step_id": a.data.step_id, "title": a.data.title,
                    "location": a.data.location, "starts_at": a.data.starts_at,
                    "ends_at": a.data.ends_at, "cancelled_at": a.cancelled_at,
                })
            })
            .collect();
        let overrides = state.store.overrides_of_case(c.id).await?;
        cases.push(json!({
            "case": c,
            "welcome_center": row.org_name,
            "steps": steps,
            "documents": documents,
            "appointments": appointments,
            "sharing_overrides": overrides,
        }));
    }
    let consents = state.store.consents_of_person(person.id).await?;
    let log: Vec<_> = state
        .store
        .access_log(person.id)
        .await?
        .into_iter()
        .map(|e| {
            json!({
                "at": e.at, "action": e.access.action, "detail": e.access.detail,
                "case_id": e.access.case_id, "user": e.user_name, "organisation": e.org_name,
            })
        })
        .collect();
    Ok(json!({
        "exported_at": Utc::now(),
        "format": "bleibe-person-export-1",
        "person": person,
        "cases": cases,
        "consents": consents,
        "access_log": log,
    }))
}

/// Erases a person (Art. 17 GDPR): the store's erasure, then the mails to them still
/// lying in the outbox of the data dir.
pub async fn erase(state: &AppState, person_id: i64, reason: &str) -> Result<Erasure, AppError> {
    let erased = state.store.erase_person(person_id, reason).await?;
    if let Some(address) = &erased.email {
        state.mailer.forget(address).await;
    }
    Ok(erased)
}

/// The intake form's content.
#[derive(Debug, Clone, Default)]
pub struct Intake {
    /// The welcome center asked.
    pub org_id: i64,
    /// The situation: the template to use.
    pub template_key: String,
    /// Who asks.
    pub person: NewPerson,
    /// What they need.
    pub message: String,
    /// The consent box was ticked.
    pub consent: bool,
}

/// The welcome centers one can ask for advice: verified ones.
pub async fn welcome_centers(state: &AppState) -> Result<Vec<(i64, String)>, AppError> {
    let orgs = state.store.employers().await?;
    Ok(orgs
        .into_iter()
        .filter(|e| e.kind == OrgKind::WelcomeCenter && e.verified)
        .map(|e| (e.id, e.name))
        .collect())
}

/// Handles the public intake form: records the person, their consent to the welcome
/// center (the version of the text they agreed to), and a case request that staff accept
/// or decline. Mails a confirmation when an address is given.
pub async fn intake(state: &AppState, caller: &Caller, form: Intake) -> Result<Case, AppError> {
    caller.authorize(Action::RequestCounselling)?;
    let centers = welcome_centers(state).await?;
    if !centers.iter().any(|(id, _)| *id == form.org_id) {
        return Err(AppError::bad_param("org", "cases-error-center", &[]));
    }
    let person = form
        .person
        .normalised()
        .map_err(|e| AppError::invalid(&e))?;
    if person.email.is_none() && person.phone.is_none() {
        return Err(AppError::bad_param("email", "cases-error-contact", &[]));
    }
    let message = form.message.trim();
    if message.chars().count() > 4000 {
        return Err(AppError::bad_param("message", "cases-error-message", &[]));
    }
    if !form.consent {
        return Err(AppError::bad_param("consent", "cases-error-consent", &[]));
    }
    let template = state
        .store
        .case_template(form.org_id, &form.template_key)
        .await?
        .ok_or_else(|| AppError::bad_param("situation", "cases-error-situation", &[]))?;
    let user = user_id(caller);
    let created = state
        .store
        .create_person(form.org_id, &person, user)
        .await?;
    state
        .store
        .record_consent(
            &NewConsent {
                person_id: created.id,
                recipient_org: form.org_id,
                purpose: "Beratung / advice (intake)".into(),
                categories: Category::ALL.to_vec(),
                text_version: TEXT_VERSION.into(),
            },
            None,
        )
        .await?;
    let case = state
        .store
        .create_case(
            form.org_id,
            created.id,
            &template,
            Utc::now().date_naive(),
            CaseStatus::Requested,
            None,
            message,
        )
        .await?;
    log(state, caller, created.id, Some(case.id), None, "intake", "").await?;
    if let Some(to) = &person.email {
        let tr = lang_of(&person);
        let body = tr.t("cases-mail-intake-body");
        if let Err(e) = state
            .mailer
            .send(to, &tr.t("cases-mail-intake-subject"), body)
            .await
        {
            tracing::warn!(error = %e, "intake confirmation not sent");
        }
    }
    Ok(case)
}

/// Parses a date field (`YYYY-MM-DD`), naming the field when it is not one.
pub fn date(field: &str, s: &str) -> Result<NaiveDate, AppError> {
    s.trim().parse().map_err(|_| {
        AppError::bad_param(
            field,
            "error-field-invalid",
            &[("reason", "a date as YYYY-MM-DD".into())],
        )
    })
}

/// The person's language for mails (German unless they chose another).
fn lang_of(p: &NewPerson) -> crate::i18n::Tr {
    p.preferred_language
        .as_deref()
        .and_then(crate::i18n::Lang::parse)
        .unwrap_or_default()
        .tr()
}

/// A time as people in the Lausitz read it: `24.11.2026 09:30`.
pub fn local_time(t: DateTime<Utc>) -> String {
    crate::berlin::to_berlin(t)
        .format("%d.%m.%Y %H:%M")
        .to_string()
}

/// A stored file as a download: never shown inline, never sniffed, never cached, and
/// sandboxed should a browser open it anyway. Only characters that need no quoting stay
/// in the file name; the rest become `_`.
pub fn download(filename: &str, content_type: &str, data: Vec<u8>) -> axum::response::Response {
    use axum::http::header;
    let safe: String = filename
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    axum::response::IntoResponse::into_response((
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{safe}\""),
            ),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; sandbox".to_string(),
            ),
        ],
        data,
    ))
}
