//! `/me/case`: a person's own view of what the welcome center holds about them — their
//! cases with every step and due date, their appointments (with calendar files), their
//! consents (each can be withdrawn here, in force no more at once), who saw or changed
//! their data and when, and their data as a file. Reading it is logged as well.

use super::{
    body, calendar, case_status, categories, category, day, json_download, log_rows, page_chrome,
    paragraphs, span, step_status, LogRow,
};
use crate::cases;
use crate::i18n::Lang;
use crate::pages::{html, path_and_query, see_other};
use crate::params::Segment;
use crate::policy::Caller;
use crate::problem::AppError;
use crate::state::AppState;
use crate::views::Chrome;
use askama::Template;
use axum::extract::{Request, State};
use axum::response::Response;
use bleibe_domain::casework::Person;
use bleibe_domain::policy::Action;
use bleibe_store::cases::{CaseFilter, CaseScope};
use chrono::Utc;

/// A step as the person sees it.
struct OwnStep {
    title: String,
    hint: Vec<Vec<String>>,
    category: String,
    body: String,
    due: String,
    due_iso: String,
    status: String,
    overdue: bool,
    optional: bool,
}

/// An appointment as the person sees it.
struct OwnAppointment {
    title: String,
    when: String,
    when_iso: String,
    location: String,
    ics_href: String,
    cancelled: bool,
}

/// A case as the person sees it.
struct OwnCase {
    title: String,
    status: String,
    started: String,
    steps: Vec<OwnStep>,
    appointments: Vec<OwnAppointment>,
}

/// A consent as the person sees it.
struct OwnConsent {
    id: i64,
    recipient: String,
    purpose: String,
    categories: String,
    given: String,
    revoked: Option<String>,
}

/// What the page shows of one person record (a user is usually linked to one).
struct OwnRecord {
    center: String,
    cases: Vec<OwnCase>,
    consents: Vec<OwnConsent>,
    log: Vec<LogRow>,
}

#[derive(Template)]
#[template(path = "cases/me.html")]
struct MePage {
    chrome: Chrome,
    records: Vec<OwnRecord>,
}

#[derive(Template)]
#[template(path = "cases/me_none.html")]
struct NoCasePage {
    chrome: Chrome,
}

/// The signed-in caller's person records (401 for anyone else).
async fn own(state: &AppState, caller: &Caller) -> Result<Vec<Person>, AppError> {
    caller.authorize(Action::ViewOwnCase)?;
    cases::own_persons(state, caller).await
}

/// `GET /me/case`.
pub(super) async fn page(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    let persons = own(&state, &caller).await?;
    let tr = lang.tr();
    let path = path_and_query(&req);
    let title = tr.t("cp-me-title");
    if persons.is_empty() {
        return html(NoCasePage {
            chrome: page_chrome(&state, lang, &caller, &path, "me-case", &title),
        });
    }
    let code = lang.code();
    let orgs = super::org_names(&state).await?;
    let today = Utc::now().date_naive();
    let mut records = Vec::new();
    for person in persons {
        // The person's own reading is part of the record of who saw their data.
        cases::log(&state, &caller, person.id, None, None, "view_own_case", "").await?;
        let rows = state
            .store
            .cases(&CaseFilter {
                person_id: Some(person.id),
                ..CaseFilter::all(CaseScope::Holder(person.org_id))
            })
            .await?;
        let mut own_cases = Vec::new();
        for row in rows {
            let c = row.case;
            let steps = state
                .store
                .steps(c.id)
                .await?
                .into_iter()
                .map(|s| OwnStep {
                    title: s.title.get(code).to_string(),
                    hint: paragraphs(s.hint.get(code)),
                    category: category(&tr, s.category),
                    body: body(&tr, s.body),
                    due: day(lang, s.due_on),
                    due_iso: s.due_on.to_string(),
                    status: step_status(&tr, s.status),
                    overdue: s.is_overdue(today),
                    optional: s.optional,
                })
                .collect();
            let appointments = state
                .store
                .appointments_of_case(c.id)
                .await?
                .into_iter()
                .map(|a| OwnAppointment {
                    when: span(&tr, a.data.starts_at, a.data.ends_at),
                    when_iso: a.data.starts_at.to_rfc3339(),
                    ics_href: format!("/me/case/appointments/{}/invitation.ics", a.id),
                    cancelled: a.cancelled_at.is_some(),
                    title: a.data.title,
                    location: a.data.location,
                })
                .collect();
            own_cases.push(OwnCase {
                title: c.title.get(code).to_string(),
                status: case_status(&tr, c.status),
                started: day(lang, c.started_on),
                steps,
                appointments,
            });
        }
        let consents = state
            .store
            .consents_of_person(person.id)
            .await?
            .into_iter()
            .map(|c| OwnConsent {
                id: c.id,
                recipient: orgs
                    .get(&c.consent.recipient_org)
                    .cloned()
                    .unwrap_or_default(),
                purpose: c.consent.purpose.clone(),
                categories: categories(&tr, &c.consent.categories),
                given: day(lang, c.given_at.date_naive()),
                revoked: c.revoked_at.map(|t| day(lang, t.date_naive())),
            })
            .collect();
        records.push(OwnRecord {
            center: orgs.get(&person.org_id).cloned().unwrap_or_default(),
            cases: own_cases,
            consents,
            log: log_rows(&tr, state.store.access_log(person.id).await?),
        });
    }
    html(MePage {
        chrome: page_chrome(&state, lang, &caller, &path, "me-case", &title),
        records,
    })
}

/// `GET /me/case/appointments/{appointment}/invitation.ics`: one of the person's own
/// appointments for their calendar.
pub(super) async fn invitation(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw): Segment,
) -> Result<Response, AppError> {
    let persons = own(&state, &caller).await?;
    let id = crate::pages::parse_id(&raw)?;
    let a = state
        .store
        .appointment(id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let case = state
        .store
        .case(a.data.case_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    if !persons.iter().any(|p| p.id == case.person_id) {
        return Err(AppError::not_found());
    }
    cases::log(
        &state,
        &caller,
        case.person_id,
        Some(case.id),
        None,
        "download_invitation",
        &a.id.to_string(),
    )
    .await?;
    Ok(calendar(a.id, cases::appointment_ics(&state, &a)))
}

/// `POST /me/case/consents/{consent}/revoke`: the person withdraws a consent.
pub(super) async fn revoke_consent(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw): Segment,
) -> Result<Response, AppError> {
    let persons = own(&state, &caller).await?;
    let id = crate::pages::parse_id(&raw)?;
    let consent = state
        .store
        .consent(id)
        .await?
        .filter(|c| persons.iter().any(|p| p.id == c.consent.person_id))
        .ok_or_else(AppError::not_found)?;
    cases::revoke_consent(&state, &caller, consent.consent.person_id, consent.id).await?;
    Ok(see_other("/me/case#consents-title"))
}

/// `GET /me/case/export.json`: everything bleibe holds about the person, as a file
/// (Art. 15 and 20 GDPR); several records as a list.
pub(super) async fn export(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Response, AppError> {
    let persons = own(&state, &caller).await?;
    if persons.is_empty() {
        return Err(AppError::not_found());
    }
    let mut docs = Vec::new();
    for p in &persons {
        cases::log(&state, &caller, p.id, None, None, "export_own", "").await?;
        docs.push(cases::export(&state, p).await?);
    }
    let doc = if docs.len() == 1 {
        docs.remove(0)
    } else {
        serde_json::Value::Array(docs)
    };
    json_download("bleibe-meine-daten.json", &doc)
}
