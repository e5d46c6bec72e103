//! A case: `GET /cases/{id}` with the person (as far as the caller may see them), the
//! steps, their documents and the appointments; for the holding welcome center's staff
//! also the consents and overrides in force and the forms that change the case (status
//! and assignee, appointments, and for its admins sharing without consent). A step is
//! changed on its own page, `/cases/{id}/steps/{step}`, which also takes its documents.
//!
//! A partner organisation sees only the steps its consents cover, and no forms.

use super::{
    body, case_status, category, category_checks, day, id_options, legal_basis, note,
    note_app_error, org_names, page_chrome, paragraphs, parse_date, parse_opt_id, parse_time,
    recognition, span, staff, step_status, value, values,
};
use crate::berlin::from_berlin;
use crate::cases::{self, Access};
use crate::i18n::{Lang, Tr};
use crate::pages::form::{options, Errors, Field, SummaryItem};
use crate::pages::{form_pairs, html_status, path_and_query, read_body, see_other};
use crate::params::{IdPair, Segment};
use crate::policy::Caller;
use crate::problem::AppError;
use crate::state::AppState;
use crate::views::{Chrome, SelectOption};
use askama::Template;
use axum::extract::multipart::{Multipart, MultipartError, MultipartRejection};
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use bleibe_domain::casework::{
    CaseStatus, Category, LegalBasis, NewOverride, NewPerson, Step, StepStatus, StepUpdate,
};
use bleibe_domain::policy::Action;
use bleibe_store::cases::{CaseDocument, CaseUpdate, NewAppointment};
use chrono::Utc;
use std::collections::HashMap;

/// A file of a case, as a download link.
struct DocLink {
    href: String,
    name: String,
    uploaded: String,
    size: String,
}

/// One item of a step's checklist with the files uploaded for it.
struct ChecklistItem {
    label: String,
    files: Vec<DocLink>,
}

/// A step as the page shows it.
struct StepView {
    id: i64,
    edit_href: Option<String>,
    title: String,
    hint: Vec<Vec<String>>,
    category: String,
    body: String,
    due: String,
    due_iso: String,
    /// The date was set by hand.
    due_set: bool,
    overdue: bool,
    status: String,
    done: Option<String>,
    optional: bool,
    assignee: Option<String>,
    note: Vec<Vec<String>>,
    checklist: Vec<ChecklistItem>,
    /// Files of the step that belong to no item of its checklist.
    other_files: Vec<DocLink>,
}

/// An appointment as the page shows it.
struct AppointmentView {
    title: String,
    when: String,
    when_iso: String,
    location: String,
    step: Option<String>,
    ics_href: String,
    cancelled: bool,
}

/// A consent or an override, as the holder sees it.
struct SharingView {
    recipient: String,
    what: String,
    categories: String,
    given: String,
    revoked: Option<String>,
    /// The legal basis and provision (overrides).
    basis: Option<String>,
}

/// The person as the caller may see them.
struct PersonView {
    href: Option<String>,
    name: String,
    email: Option<String>,
    phone: Option<String>,
    languages: String,
    preferred_language: Option<String>,
    country: Option<String>,
    arrival_year: Option<i32>,
    qualifications: Vec<String>,
    household: Vec<String>,
}

/// A button that changes the case's status: (value, label).
struct StatusAction {
    value: &'static str,
    label: String,
}

/// What was typed into the appointment form.
#[derive(Default)]
struct AppointmentInput {
    title: String,
    location: String,
    date: String,
    start: String,
    end: String,
    step_id: String,
}

/// What was typed into the override form.
#[derive(Default)]
struct OverrideInput {
    recipient_org: String,
    categories: Vec<String>,
    legal_basis: String,
    law: String,
    reason: String,
}

struct AppointmentFields {
    title: Field,
    location: Field,
    date: Field,
    start: Field,
    end: Field,
    step_id: Field,
}

struct OverrideFields {
    recipient_org: Field,
    categories: Field,
    legal_basis: Field,
    law: Field,
    reason: Field,
}

#[derive(Template)]
#[template(path = "cases/case.html")]
struct CasePage {
    chrome: Chrome,
    id: i64,
    title: String,
    holder_name: String,
    status: String,
    started: String,
    started_iso: String,
    closed: Option<String>,
    request_message: Vec<Vec<String>>,
    is_holder: bool,
    /// What a partner may see, named (for the note at the top).
    shared_categories: String,
    person: PersonView,
    steps: Vec<StepView>,
    /// Files that belong to no step.
    general_files: Vec<DocLink>,
    appointments: Vec<AppointmentView>,
    consents: Vec<SharingView>,
    overrides: Vec<SharingView>,
    version: i64,
    status_actions: Vec<StatusAction>,
    assignee: Option<String>,
    assignee_field: Option<Field>,
    appointment: Option<AppointmentFields>,
    sharing: Option<OverrideFields>,
    appointment_summary: Vec<SummaryItem>,
    sharing_summary: Vec<SummaryItem>,
}

/// The case id of the path, after the caller was found to be someone (so that an
/// anonymous caller hears "sign in", not "not found").
fn case_id(caller: &Caller, raw: &str) -> Result<i64, AppError> {
    caller.require_identity()?;
    crate::pages::parse_id(raw)
}

fn doc_link(lang: Lang, d: &CaseDocument) -> DocLink {
    DocLink {
        href: format!("/cases/{}/documents/{}", d.case_id, d.id),
        name: d.filename.clone(),
        uploaded: day(lang, d.created_at.date_naive()),
        size: super::file_size(lang, d.size),
    }
}

/// The person's data as lines the page shows.
fn person_view(tr: &Tr, p: &NewPerson, href: Option<String>) -> PersonView {
    PersonView {
        href,
        name: p.name.clone(),
        email: p.email.clone(),
        phone: p.phone.clone(),
        languages: p.languages.join(", "),
        preferred_language: p
            .preferred_language
            .as_deref()
            .map(|l| tr.t(&format!("cp-lang-{l}"))),
        country: p.country.clone(),
        arrival_year: p.arrival_year,
        qualifications: p
            .qualifications
            .iter()
            .map(|q| {
                let mut s = q.title.clone();
                if let Some(k) = &q.kldb {
                    s.push_str(&format!(" (KldB {k})"));
                }
                format!("{s}: {}", recognition(tr, q.recognition))
            })
            .collect(),
        household: p
            .household
            .iter()
            .map(|m| {
                let mut s = m.name.clone();
                if !m.relation.is_empty() {
                    s.push_str(&format!(", {}", m.relation));
                }
                if let Some(y) = m.birth_year {
                    s.push_str(&format!(" ({})", tr.t1("cp-born", "year", y)));
                }
                s
            })
            .collect(),
    }
}

/// The steps as the page shows them, with their checklists and files.
fn step_views(
    tr: &Tr,
    access: &Access,
    steps: &[Step],
    docs: &[CaseDocument],
    orgs: &HashMap<i64, String>,
    staff: &HashMap<i64, String>,
) -> Vec<StepView> {
    let lang = tr.lang;
    let code = lang.code();
    let today = Utc::now().date_naive();
    steps
        .iter()
        .map(|s| {
            let mine: Vec<&CaseDocument> =
                docs.iter().filter(|d| d.step_id == Some(s.id)).collect();
            let checklist = s
                .documents
                .iter()
                .map(|item| ChecklistItem {
                    label: item.label.get(code).to_string(),
                    files: mine
                        .iter()
                        .filter(|d| d.item_key == item.key)
                        .map(|d| doc_link(lang, d))
                        .collect(),
                })
                .collect();
            let other_files = mine
                .iter()
                .filter(|d| !s.documents.iter().any(|i| i.key == d.item_key))
                .map(|d| doc_link(lang, d))
                .collect();
            let assignee = match (s.assignee_org, s.assignee_user) {
                (_, Some(u)) if staff.contains_key(&u) => staff.get(&u).cloned(),
                (Some(o), _) => orgs.get(&o).cloned(),
                _ => None,
            };
            StepView {
                id: s.id,
                edit_href: access
                    .is_holder()
                    .then(|| format!("/cases/{}/steps/{}", s.case_id, s.id)),
                title: s.title.get(code).to_string(),
                hint: paragraphs(s.hint.get(code)),
                category: category(tr, s.category),
                body: body(tr, s.body),
                due: day(lang, s.due_on),
                due_iso: s.due_on.to_string(),
                due_set: s.due_override.is_some(),
                overdue: s.is_overdue(today),
                status: step_status(tr, s.status),
                done: s.done_on.map(|d| day(lang, d)),
                optional: s.optional,
                assignee,
                // A partner sees the step, not the welcome center's notes about it.
                note: if access.is_holder() {
                    paragraphs(&s.note)
                } else {
                    Vec::new()
                },
                checklist,
                other_files,
            }
        })
        .collect()
}

/// The buttons that move a case on from its status.
fn status_actions(tr: &Tr, s: CaseStatus) -> Vec<StatusAction> {
    let a = |value: &'static str, key: &str| StatusAction {
        value,
        label: tr.t(key),
    };
    match s {
        CaseStatus::Requested => vec![a("open", "cp-accept"), a("declined", "cp-decline")],
        CaseStatus::Open => vec![a("closed", "cp-close")],
        CaseStatus::Closed => vec![a("open", "cp-reopen")],
        CaseStatus::Declined => vec![a("open", "cp-accept")],
    }
}

/// Renders the case page; `appointment` and `sharing` are what was typed into those
/// forms, `errors` their problems.
#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AppState,
    caller: &Caller,
    lang: Lang,
    path: &str,
    access: Access,
    appointment: &AppointmentInput,
    sharing: &OverrideInput,
    errors: &Errors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let tr = lang.tr();
    let code = lang.code();
    let case = &access.case;
    let holder = access.is_holder();
    let steps = access.steps(state.store.steps(case.id).await?);
    let docs = cases::visible_documents(state, &access, &steps).await?;
    let appointments = cases::visible_appointments(state, &access, &steps).await?;
    let orgs = org_names(state).await?;
    let staff_list = if holder {
        staff(state, case.org_id).await?
    } else {
        Vec::new()
    };
    let staff_names: HashMap<i64, String> = staff_list.iter().cloned().collect();
    let step_title = |id: Option<i64>| {
        id.and_then(|id| steps.iter().find(|s| s.id == id))
            .map(|s| s.title.get(code).to_string())
    };
    let appointment_views = appointments
        .iter()
        .map(|a| AppointmentView {
            title: a.data.title.clone(),
            when: span(&tr, a.data.starts_at, a.data.ends_at),
            when_iso: a.data.starts_at.to_rfc3339(),
            location: a.data.location.clone(),
            step: step_title(a.data.step_id),
            ics_href: format!("/cases/{}/appointments/{}/invitation.ics", case.id, a.id),
            cancelled: a.cancelled_at.is_some(),
        })
        .collect();
    let org_name = |id: i64| orgs.get(&id).cloned().unwrap_or_else(|| format!("#{id}"));
    let (consents, overrides) = if holder {
        let consents = state
            .store
            .consents_of_person(access.person.id)
            .await?
            .into_iter()
            .map(|c| SharingView {
                recipient: org_name(c.consent.recipient_org),
                what: c.consent.purpose.clone(),
                categories: super::categories(&tr, &c.consent.categories),
                given: day(lang, c.given_at.date_naive()),
                revoked: c.revoked_at.map(|t| day(lang, t.date_naive())),
                basis: None,
            })
            .collect();
        let overrides = state
            .store
            .overrides_of_case(case.id)
            .await?
            .into_iter()
            .map(|o| SharingView {
                recipient: org_name(o.sharing.recipient_org),
                what: o.sharing.reason.clone(),
                categories: super::categories(&tr, &o.sharing.categories),
                given: day(lang, o.created_at.date_naive()),
                revoked: o.revoked_at.map(|t| day(lang, t.date_naive())),
                basis: Some(format!(
                    "{} – {}",
                    legal_basis(&tr, o.sharing.legal_basis),
                    o.sharing.law
                )),
            })
            .collect();
        (consents, overrides)
    } else {
        (Vec::new(), Vec::new())
    };
    let general_files = if holder {
        docs.iter()
            .filter(|d| d.step_id.is_none())
            .map(|d| doc_link(lang, d))
            .collect()
    } else {
        Vec::new()
    };
    let step_options = |selected: &str| {
        id_options(
            &steps
                .iter()
                .map(|s| (s.id, s.title.get(code).to_string()))
                .collect::<Vec<_>>(),
            Some(tr.t("cp-appointment-step-none")),
            selected,
        )
    };
    let req = |key: &str| tr.t1("ws-required", "label", tr.t(key));
    let appointment_fields = holder.then(|| AppointmentFields {
        title: Field::new(
            "title",
            req("cp-appointment-title"),
            appointment.title.clone(),
        )
        .required()
        .maxlength(200)
        .errors(errors),
        location: Field::new(
            "location",
            tr.t("cp-appointment-location"),
            appointment.location.clone(),
        )
        .maxlength(300)
        .errors(errors),
        date: Field::new("date", req("cp-appointment-date"), appointment.date.clone())
            .control("date")
            .required()
            .errors(errors),
        start: Field::new(
            "start",
            req("cp-appointment-start"),
            appointment.start.clone(),
        )
        .control("time")
        .hint(tr.t("cp-time-hint"))
        .required()
        .errors(errors),
        end: Field::new("end", req("cp-appointment-end"), appointment.end.clone())
            .control("time")
            .required()
            .errors(errors),
        step_id: Field::select(
            "step_id",
            tr.t("cp-appointment-step"),
            step_options(&appointment.step_id),
        )
        .errors(errors),
    });
    let may_override = holder && caller.may(Action::AdminCases(case.org_id));
    let sharing_fields = if may_override {
        let mut recipients: Vec<(i64, String)> = orgs
            .iter()
            .filter(|(id, _)| **id != case.org_id)
            .map(|(id, n)| (*id, n.clone()))
            .collect();
        recipients.sort_by(|a, b| a.1.cmp(&b.1));
        Some(OverrideFields {
            recipient_org: Field::select(
                "recipient_org",
                req("cp-override-recipient"),
                id_options(&recipients, Some(tr.t("cp-choose")), &sharing.recipient_org),
            )
            .errors(errors),
            categories: Field::checks(
                "categories",
                req("cp-override-categories"),
                category_checks(&tr, &sharing.categories),
            )
            .errors(errors),
            legal_basis: Field::radios(
                "legal_basis",
                req("cp-override-basis"),
                options(
                    LegalBasis::ALL,
                    LegalBasis::as_str,
                    |b| legal_basis(&tr, b),
                    &sharing.legal_basis,
                ),
            )
            .errors(errors),
            law: Field::new("law", req("cp-override-law"), sharing.law.clone())
                .hint(tr.t("cp-override-law-hint"))
                .maxlength(200)
                .errors(errors),
            reason: Field::new("reason", req("cp-override-reason"), sharing.reason.clone())
                .control("textarea")
                .hint(tr.t("cp-override-reason-hint"))
                .errors(errors),
        })
    } else {
        None
    };
    let appointment_summary = match &appointment_fields {
        Some(f) => errors.summary(&[&f.title, &f.location, &f.date, &f.start, &f.end, &f.step_id]),
        None => Vec::new(),
    };
    let sharing_summary = match &sharing_fields {
        Some(f) => errors.summary(&[
            &f.recipient_org,
            &f.categories,
            &f.legal_basis,
            &f.law,
            &f.reason,
        ]),
        None => Vec::new(),
    };
    // Problems of a form that is not shown (none should occur) still reach the page.
    let (appointment_summary, sharing_summary) =
        if appointment_summary.is_empty() && sharing_summary.is_empty() && errors.any() {
            (errors.summary(&[]), Vec::new())
        } else {
            (appointment_summary, sharing_summary)
        };
    let assignee_field = holder.then(|| {
        Field::select(
            "assignee_user",
            tr.t("cp-case-assignee"),
            id_options(
                &staff_list,
                Some(tr.t("cp-assignee-none")),
                &case
                    .assignee_user
                    .map(|u| u.to_string())
                    .unwrap_or_default(),
            ),
        )
    });
    let title = case.title.get(code).to_string();
    let steps_view = step_views(&tr, &access, &steps, &docs, &orgs, &staff_names);
    let shared_categories = super::categories(
        &tr,
        &access
            .sharing
            .categories
            .iter()
            .copied()
            .collect::<Vec<_>>(),
    );
    let page = CasePage {
        chrome: page_chrome(
            state,
            lang,
            caller,
            path,
            "cases",
            &tr.ta(
                "cp-case-page-title",
                &[
                    ("person", access.person.data.name.clone()),
                    ("case", title.clone()),
                ],
            ),
        ),
        id: case.id,
        title,
        holder_name: org_name(case.org_id),
        status: case_status(&tr, case.status),
        started: day(lang, case.started_on),
        started_iso: case.started_on.to_string(),
        closed: case.closed_on.map(|d| day(lang, d)),
        request_message: if holder {
            paragraphs(&case.request_message)
        } else {
            Vec::new()
        },
        is_holder: holder,
        shared_categories,
        person: person_view(
            &tr,
            &access.person(),
            holder.then(|| format!("/persons/{}", access.person.id)),
        ),
        steps: steps_view,
        general_files,
        appointments: appointment_views,
        consents,
        overrides,
        version: case.version,
        status_actions: if holder {
            status_actions(&tr, case.status)
        } else {
            Vec::new()
        },
        assignee: case
            .assignee_user
            .and_then(|u| staff_names.get(&u).cloned()),
        assignee_field,
        appointment: appointment_fields,
        sharing: sharing_fields,
        appointment_summary,
        sharing_summary,
    };
    html_status(status, page)
}

/// `GET /cases/{id}`.
pub(super) async fn page(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let id = case_id(&caller, &raw)?;
    let access = cases::case_access(&state, &caller, id, "view_case", "").await?;
    render(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        access,
        &AppointmentInput::default(),
        &OverrideInput::default(),
        &Errors::default(),
        StatusCode::OK,
    )
    .await
}

/// A form could not be read: the caller still learns nothing about a case they may
/// not change (the access check answers first), and the holder's staff get `err`.
async fn refused(state: &AppState, caller: &Caller, id: i64, err: AppError) -> AppError {
    match cases::case_for_write(state, caller, id, "invalid_form", "").await {
        Ok(_) => err,
        Err(e) => e,
    }
}

/// Where to go after a status change: a work view the form came from, else the case.
fn back_to(raw: &str, id: i64) -> String {
    if raw.starts_with("/cases") && !raw.contains("//") && !raw.contains('\\') {
        raw.to_string()
    } else {
        format!("/cases/{id}")
    }
}

/// `POST /cases/{id}/status`: `status` and/or `assignee_user`, with the `version` the
/// page showed. Accepting a request nobody is in charge of puts the caller in charge.
pub(super) async fn status(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let id = case_id(&caller, &raw)?;
    let (_, body) = read_body(req).await?;
    let pairs = form_pairs(&body);
    let version = match value(&pairs, "version").trim().parse::<i64>() {
        Ok(v) => v,
        Err(_) => {
            let err = AppError::bad_param("version", "cp-error-version", &[]);
            return Err(refused(&state, &caller, id, err).await);
        }
    };
    let status = match value(&pairs, "status").trim() {
        "" => None,
        s => match CaseStatus::parse(s) {
            Some(s) => Some(s),
            None => {
                let err = AppError::bad_param("status", "cp-error-status", &[]);
                return Err(refused(&state, &caller, id, err).await);
            }
        },
    };
    let assignee = if pairs.iter().any(|(k, _)| k == "assignee_user") {
        match parse_opt_id(&value(&pairs, "assignee_user")) {
            Ok(a) => Some(a.unwrap_or(0)),
            Err(()) => {
                let err = AppError::bad_param("assignee_user", "cp-error-assignee_user", &[]);
                return Err(refused(&state, &caller, id, err).await);
            }
        }
    } else {
        None
    };
    // Only someone of the welcome center can be in charge: `cases::update_case` checks.
    let updated = cases::update_case(
        &state,
        &caller,
        id,
        &CaseUpdate {
            version,
            status,
            assignee_user: assignee,
        },
    )
    .await?;
    if status == Some(CaseStatus::Open) && updated.assignee_user.is_none() {
        if let Some(me) = cases::user_id(&caller) {
            cases::update_case(
                &state,
                &caller,
                id,
                &CaseUpdate {
                    version: updated.version,
                    status: None,
                    assignee_user: Some(me),
                },
            )
            .await?;
        }
    }
    Ok(see_other(&back_to(&value(&pairs, "back"), id)))
}

/// What was typed into a step's form.
#[derive(Default)]
struct StepInput {
    status: String,
    due_override: String,
    note: String,
    assignee_org: String,
    assignee_user: String,
    version: String,
}

impl StepInput {
    fn of(step: &Step) -> Self {
        Self {
            status: step.status.as_str().to_string(),
            due_override: step.due_override.map(|d| d.to_string()).unwrap_or_default(),
            note: step.note.clone(),
            assignee_org: step.assignee_org.map(|o| o.to_string()).unwrap_or_default(),
            assignee_user: step
                .assignee_user
                .map(|u| u.to_string())
                .unwrap_or_default(),
            version: step.version.to_string(),
        }
    }

    fn from_pairs(pairs: &[(String, String)]) -> Self {
        Self {
            status: value(pairs, "status"),
            due_override: value(pairs, "due_override"),
            note: value(pairs, "note"),
            assignee_org: value(pairs, "assignee_org"),
            assignee_user: value(pairs, "assignee_user"),
            version: value(pairs, "version"),
        }
    }

    /// The change, or the problems field by field.
    fn to_update(&self, tr: &Tr) -> Result<StepUpdate, Errors> {
        let mut errors = Errors::default();
        let status = StepStatus::parse(self.status.trim());
        if status.is_none() {
            note(&mut errors, tr, "status");
        }
        let due = parse_date(&self.due_override).unwrap_or_else(|()| {
            note(&mut errors, tr, "due_override");
            None
        });
        let org = parse_opt_id(&self.assignee_org).unwrap_or_else(|()| {
            note(&mut errors, tr, "assignee_org");
            None
        });
        let user = parse_opt_id(&self.assignee_user).unwrap_or_else(|()| {
            note(&mut errors, tr, "assignee_user");
            None
        });
        let version = self.version.trim().parse::<i64>().unwrap_or_else(|_| {
            note(&mut errors, tr, "version");
            0
        });
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(StepUpdate {
            version,
            status,
            // The field shows the date set by hand; emptied, the plan's date applies.
            due_override: due,
            clear_due_override: due.is_none(),
            assignee_org: Some(org.unwrap_or(0)),
            assignee_user: Some(user.unwrap_or(0)),
            note: Some(self.note.clone()),
        })
    }
}

struct StepFields {
    status: Field,
    due_override: Field,
    note: Field,
    assignee_org: Field,
    assignee_user: Field,
    item: Field,
}

#[derive(Template)]
#[template(path = "cases/step.html")]
struct StepPage {
    chrome: Chrome,
    case_id: i64,
    case_title: String,
    person: String,
    step: StepView,
    f: StepFields,
    version: String,
    summary: Vec<SummaryItem>,
}

/// Renders a step's page for the holder's staff.
#[allow(clippy::too_many_arguments)]
async fn render_step(
    state: &AppState,
    caller: &Caller,
    lang: Lang,
    path: &str,
    access: Access,
    step: Step,
    input: &StepInput,
    errors: &Errors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let tr = lang.tr();
    let code = lang.code();
    let case = &access.case;
    let orgs = org_names(state).await?;
    let staff_list = staff(state, case.org_id).await?;
    let staff_names: HashMap<i64, String> = staff_list.iter().cloned().collect();
    let docs = cases::visible_documents(state, &access, std::slice::from_ref(&step)).await?;
    // The organisations that can sensibly work on a step: the welcome center and the
    // recipients of the person's consents and of the case's overrides (whether these
    // cover the step's area is checked when saving), and the one assigned now.
    let mut candidates: Vec<i64> = vec![case.org_id];
    for c in state.store.consents_of_person(access.person.id).await? {
        if c.revoked_at.is_none() {
            candidates.push(c.consent.recipient_org);
        }
    }
    for o in state.store.overrides_of_case(case.id).await? {
        if o.revoked_at.is_none() {
            candidates.push(o.sharing.recipient_org);
        }
    }
    candidates.extend(step.assignee_org);
    candidates.sort_unstable();
    candidates.dedup();
    let org_items: Vec<(i64, String)> = candidates
        .into_iter()
        .map(|id| {
            (
                id,
                orgs.get(&id).cloned().unwrap_or_else(|| format!("#{id}")),
            )
        })
        .collect();
    let mut items: Vec<SelectOption> = step
        .documents
        .iter()
        .map(|i| SelectOption {
            value: i.key.clone(),
            label: i.label.get(code).to_string(),
            selected: false,
        })
        .collect();
    items.push(SelectOption {
        value: String::new(),
        label: tr.t("cp-document-other"),
        selected: items.is_empty(),
    });
    let f = StepFields {
        status: Field::select(
            "status",
            tr.t("cp-step-status"),
            options(
                StepStatus::ALL,
                StepStatus::as_str,
                |s| step_status(&tr, s),
                &input.status,
            ),
        )
        .errors(errors),
        due_override: Field::new(
            "due_override",
            tr.t("cp-step-due-override"),
            input.due_override.clone(),
        )
        .control("date")
        .hint(tr.t("cp-step-due-override-hint"))
        .errors(errors),
        note: Field::new("note", tr.t("cp-step-note"), input.note.clone())
            .control("textarea")
            .hint(tr.t("cp-step-note-hint"))
            .errors(errors),
        assignee_org: Field::select(
            "assignee_org",
            tr.t("cp-step-assignee-org"),
            id_options(
                &org_items,
                Some(tr.t("cp-assignee-none")),
                &input.assignee_org,
            ),
        )
        .hint(tr.t("cp-step-assignee-org-hint"))
        .errors(errors),
        assignee_user: Field::select(
            "assignee_user",
            tr.t("cp-step-assignee-user"),
            id_options(
                &staff_list,
                Some(tr.t("cp-assignee-none")),
                &input.assignee_user,
            ),
        )
        .errors(errors),
        item: Field::select("item", tr.t("cp-document-item"), items),
    };
    let summary = errors.summary(&[
        &f.status,
        &f.due_override,
        &f.note,
        &f.assignee_org,
        &f.assignee_user,
    ]);
    let view = step_views(
        &tr,
        &access,
        std::slice::from_ref(&step),
        &docs,
        &orgs,
        &staff_names,
    )
    .pop()
    .ok_or_else(AppError::not_found)?;
    let case_title = case.title.get(code).to_string();
    html_status(
        status,
        StepPage {
            chrome: page_chrome(
                state,
                lang,
                caller,
                path,
                "cases",
                &tr.ta(
                    "cp-step-page-title",
                    &[
                        ("step", view.title.clone()),
                        ("person", access.person.data.name.clone()),
                    ],
                ),
            ),
            case_id: case.id,
            case_title,
            person: access.person.data.name.clone(),
            step: view,
            f,
            version: input.version.clone(),
            summary,
        },
    )
}

/// The case for its holder's staff and one of its steps.
async fn step_of(
    state: &AppState,
    caller: &Caller,
    id: i64,
    step: i64,
    action: &str,
) -> Result<(Access, Step), AppError> {
    let access = cases::case_for_write(state, caller, id, action, &step.to_string()).await?;
    let found = state
        .store
        .steps(id)
        .await?
        .into_iter()
        .find(|s| s.id == step)
        .ok_or_else(AppError::not_found)?;
    Ok((access, found))
}

/// `GET /cases/{id}/steps/{step}`: the step's form and documents.
pub(super) async fn step_form(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    IdPair(id, step): IdPair,
    req: Request,
) -> Result<Response, AppError> {
    caller.require_identity()?;
    let (access, step) = step_of(&state, &caller, id, step, "view_step").await?;
    let input = StepInput::of(&step);
    render_step(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        access,
        step,
        &input,
        &Errors::default(),
        StatusCode::OK,
    )
    .await
}

/// The step form field a write's parameter concerns.
fn step_field(param: &str) -> Option<String> {
    match param {
        "status" | "due_override" | "note" | "assignee_org" | "assignee_user" => {
            Some(param.to_string())
        }
        _ => None,
    }
}

/// `POST /cases/{id}/steps/{step}`: saves the step; a stale version is refused with
/// the page that explains it (409), bad values show the form again (400).
pub(super) async fn step_save(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    IdPair(id, step_id): IdPair,
    req: Request,
) -> Result<Response, AppError> {
    caller.require_identity()?;
    let (req, body) = read_body(req).await?;
    let path = path_and_query(&req);
    let input = StepInput::from_pairs(&form_pairs(&body));
    let tr = lang.tr();
    let mut errors = match input.to_update(&tr) {
        Ok(update) => match cases::update_step(&state, &caller, id, step_id, &update).await {
            Ok(_) => return Ok(see_other(&format!("/cases/{id}#step-{step_id}"))),
            Err(e) => {
                let mut errors = Errors::default();
                note_app_error(&mut errors, &tr, e, step_field)?;
                errors
            }
        },
        Err(errors) => errors,
    };
    let (access, step) = step_of(&state, &caller, id, step_id, "view_step").await?;
    if errors.is_empty() {
        errors.add("", tr.t("cp-error-invalid"));
    }
    render_step(
        &state,
        &caller,
        lang,
        &path,
        access,
        step,
        &input,
        &errors,
        StatusCode::BAD_REQUEST,
    )
    .await
}

/// `POST /cases/{id}/documents?csrf=…` (multipart: `step`, `item`, `file`): stores a
/// document (PDF, PNG or JPEG, judged by its bytes) and goes back to its step.
pub(super) async fn upload(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw): Segment,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    let id = case_id(&caller, &raw)?;
    let bad_form = |e: MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            AppError::payload_too_large()
        } else {
            AppError::bad_param("file", "error-form-invalid", &[("reason", e.body_text())])
        }
    };
    let mut multipart = match multipart {
        Ok(m) => m,
        Err(e) => {
            let err =
                AppError::bad_param("file", "error-form-invalid", &[("reason", e.body_text())]);
            return Err(refused(&state, &caller, id, err).await);
        }
    };
    let (mut step, mut item, mut file) = (String::new(), String::new(), None);
    while let Some(mut field) = multipart.next_field().await.map_err(bad_form)? {
        match field.name() {
            Some("step") => step = field.text().await.map_err(bad_form)?,
            Some("item") => item = field.text().await.map_err(bad_form)?,
            Some("file") => {
                let name = field.file_name().unwrap_or("").to_string();
                let mut data = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(bad_form)? {
                    if data.len() + chunk.len() > cases::MAX_DOCUMENT {
                        return Err(AppError::payload_too_large());
                    }
                    data.extend_from_slice(&chunk);
                }
                file = Some((name, data));
            }
            _ => {}
        }
    }
    let step_id = match parse_opt_id(&step) {
        Ok(s) => s,
        Err(()) => {
            let err = AppError::bad_param("step", "cp-error-invalid", &[]);
            return Err(refused(&state, &caller, id, err).await);
        }
    };
    let (name, data) = file.unwrap_or_default();
    let item: String = item.trim().chars().take(60).collect();
    cases::upload_document(&state, &caller, id, step_id, &item, &name, &data).await?;
    Ok(see_other(&match step_id {
        Some(s) => format!("/cases/{id}/steps/{s}#documents-title"),
        None => format!("/cases/{id}#documents-title"),
    }))
}

/// `GET /cases/{id}/documents/{doc}`: the file, as an attachment, for whoever may see
/// the step it belongs to.
pub(super) async fn document(
    State(state): State<AppState>,
    caller: Caller,
    IdPair(id, doc): IdPair,
) -> Result<Response, AppError> {
    caller.require_identity()?;
    let (doc, blob) = cases::document(&state, &caller, id, doc).await?;
    // Only what was accepted at upload keeps its type; anything else is bytes.
    let kind = if cases::DOCUMENT_TYPES.contains(&blob.content_type.as_str()) {
        blob.content_type.as_str()
    } else {
        "application/octet-stream"
    };
    Ok(cases::download(&doc.filename, kind, blob.data))
}

/// `GET /cases/{id}/appointments/{appointment}/invitation.ics`.
pub(super) async fn invitation(
    State(state): State<AppState>,
    caller: Caller,
    IdPair(id, appointment): IdPair,
) -> Result<Response, AppError> {
    caller.require_identity()?;
    let access = cases::case_access(
        &state,
        &caller,
        id,
        "download_invitation",
        &appointment.to_string(),
    )
    .await?;
    let steps = access.steps(state.store.steps(id).await?);
    let a = cases::visible_appointments(&state, &access, &steps)
        .await?
        .into_iter()
        .find(|a| a.id == appointment)
        .ok_or_else(AppError::not_found)?;
    Ok(super::calendar(a.id, cases::appointment_ics(&state, &a)))
}

/// The appointment form field a write's parameter concerns.
fn appointment_field(param: &str) -> Option<String> {
    Some(
        match param {
            "title" => "title",
            "location" => "location",
            "ends_at" | "starts_at" => "end",
            "step_id" => "step_id",
            _ => return None,
        }
        .to_string(),
    )
}

/// `POST /cases/{id}/appointments`: title, location, date, start and end (German civil
/// time), optionally the step it is about. The person gets the invitation by mail.
pub(super) async fn appointment(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let id = case_id(&caller, &raw)?;
    let (req, body) = read_body(req).await?;
    let pairs = form_pairs(&body);
    let input = AppointmentInput {
        title: value(&pairs, "title"),
        location: value(&pairs, "location"),
        date: value(&pairs, "date"),
        start: value(&pairs, "start"),
        end: value(&pairs, "end"),
        step_id: value(&pairs, "step_id"),
    };
    let tr = lang.tr();
    let mut errors = Errors::default();
    if input.title.trim().is_empty() {
        note(&mut errors, &tr, "title");
    }
    let date = match parse_date(&input.date) {
        Ok(Some(d)) => Some(d),
        _ => {
            note(&mut errors, &tr, "date");
            None
        }
    };
    let start = match parse_time(&input.start) {
        Ok(Some(t)) => Some(t),
        _ => {
            note(&mut errors, &tr, "start");
            None
        }
    };
    let end = match parse_time(&input.end) {
        Ok(Some(t)) => Some(t),
        _ => {
            note(&mut errors, &tr, "end");
            None
        }
    };
    let step_id = parse_opt_id(&input.step_id).unwrap_or_else(|()| {
        note(&mut errors, &tr, "step_id");
        None
    });
    if let (Some(d), Some(s), Some(e), true) = (date, start, end, errors.is_empty()) {
        let new = NewAppointment {
            case_id: id,
            step_id,
            title: input.title.trim().to_string(),
            location: input.location.trim().to_string(),
            starts_at: from_berlin(d.and_time(s)),
            ends_at: from_berlin(d.and_time(e)),
            event_id: None,
            registration_id: None,
            slot_cancel_hash: None,
        };
        match cases::create_appointment(&state, &caller, &new).await {
            Ok(_) => return Ok(see_other(&format!("/cases/{id}#appointments-title"))),
            Err(e) => {
                note_app_error(&mut errors, &tr, e, appointment_field)?;
            }
        }
    }
    let access = cases::case_for_write(&state, &caller, id, "view_case", "").await?;
    render(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        access,
        &input,
        &OverrideInput::default(),
        &errors,
        StatusCode::BAD_REQUEST,
    )
    .await
}

/// The override form field a write's parameter concerns.
fn override_field(param: &str) -> Option<String> {
    match param {
        "recipient_org" | "categories" | "legal_basis" | "law" | "reason" => {
            Some(param.to_string())
        }
        _ => None,
    }
}

/// `POST /cases/{id}/overrides`: sharing without consent (welcome-center admins),
/// naming the legal basis, the provision and the reason.
pub(super) async fn sharing_override(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let id = case_id(&caller, &raw)?;
    let (req, body) = read_body(req).await?;
    let pairs = form_pairs(&body);
    let input = OverrideInput {
        recipient_org: value(&pairs, "recipient_org"),
        categories: values(&pairs, "categories"),
        legal_basis: value(&pairs, "legal_basis"),
        law: value(&pairs, "law"),
        reason: value(&pairs, "reason"),
    };
    let tr = lang.tr();
    let mut errors = Errors::default();
    let recipient = match parse_opt_id(&input.recipient_org) {
        Ok(Some(r)) => r,
        _ => {
            note(&mut errors, &tr, "recipient_org");
            0
        }
    };
    let mut cats = Vec::new();
    for c in &input.categories {
        match Category::parse(c) {
            Some(c) => cats.push(c),
            None => note(&mut errors, &tr, "categories"),
        }
    }
    if cats.is_empty() {
        note(&mut errors, &tr, "categories");
    }
    let basis = LegalBasis::parse(input.legal_basis.trim());
    if basis.is_none() {
        note(&mut errors, &tr, "legal_basis");
    }
    if let (Some(basis), true) = (basis, errors.is_empty()) {
        let o = NewOverride {
            case_id: id,
            recipient_org: recipient,
            categories: cats,
            legal_basis: basis,
            law: input.law.trim().to_string(),
            reason: input.reason.trim().to_string(),
        };
        match cases::record_override(&state, &caller, &o).await {
            Ok(_) => return Ok(see_other(&format!("/cases/{id}#sharing-title"))),
            Err(e) => {
                note_app_error(&mut errors, &tr, e, override_field)?;
            }
        }
    }
    let access = cases::case_for_write(&state, &caller, id, "view_case", "").await?;
    caller.authorize(Action::AdminCases(access.case.org_id))?;
    render(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        access,
        &AppointmentInput::default(),
        &input,
        &errors,
        StatusCode::BAD_REQUEST,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_change_goes_back_only_to_a_work_view() {
        assert_eq!(back_to("/cases?view=requests", 3), "/cases?view=requests");
        assert_eq!(back_to("https://example.org/", 3), "/cases/3");
        assert_eq!(back_to("/cases//evil", 3), "/cases/3");
        assert_eq!(back_to("", 3), "/cases/3");
    }
}
