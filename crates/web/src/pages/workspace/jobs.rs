//! `/orgs/{id}`: the organisation's jobs, and the job form, preview and actions. Every
//! write goes through [`crate::manage`].

use super::fields::{Errors, SummaryItem};
use super::job_form::{field_of, occupation_suggestions, JobFields, JobForm};
use super::{org_id, OrgJob};
use crate::i18n::{Lang, Tr};
use crate::manage;
use crate::pages::cards::date;
use crate::pages::job::job_body;
use crate::pages::{chrome, form_pairs, html, see_other};
use crate::pages::{html_status, org_kind_label, read_body};
use crate::params::Segment;
use crate::policy::Caller;
use crate::problem::AppError;
use crate::search::{kind_label, today};
use crate::state::AppState;
use crate::views::{Chrome, JobBody};
use askama::Template;
use axum::extract::{Request, State};
use axum::response::Response;
use bleibe_domain::policy::Action;
use bleibe_domain::{Employer, Job, JobStatus};

/// Where a job stands, as the workspace shows it.
fn status_of(job: &Job) -> &'static str {
    match job.data.status {
        JobStatus::Published if !job.is_open_on(today()) => "expired",
        JobStatus::Published => "published",
        JobStatus::Draft => "draft",
        JobStatus::Unpublished => "unpublished",
    }
}

fn status_label(tr: &Tr, job: &Job) -> String {
    tr.t(&format!("ws-status-{}", status_of(job)))
}

/// One job in the workspace list.
struct JobRow {
    id: i64,
    title: String,
    status: &'static str,
    status_label: String,
    meta: String,
    updated: String,
    updated_iso: String,
    public_href: Option<String>,
    can_publish: bool,
    can_unpublish: bool,
    can_expire: bool,
}

#[derive(Template)]
#[template(path = "workspace/workspace.html")]
struct WorkspacePage {
    chrome: Chrome,
    org_id: i64,
    name: String,
    kind: String,
    verification_pending: bool,
    has_logo: bool,
    can_write: bool,
    can_edit: bool,
    rows: Vec<JobRow>,
}

/// `GET /orgs/{id}`: the workspace.
pub(super) async fn workspace(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    segment: Segment,
    req: Request,
) -> Result<Response, AppError> {
    let id = org_id(&segment)?;
    caller.authorize(Action::ViewWorkspace(id))?;
    let org = manage::organisation(&state, id).await?;
    let tr = lang.tr();
    let jobs = state
        .store
        .jobs_of_employer(id, manage::WORKSPACE_JOBS)
        .await?;
    let rows = jobs
        .iter()
        .map(|j| {
            let status = status_of(j);
            JobRow {
                id: j.id,
                title: j.data.title.clone(),
                status,
                status_label: status_label(&tr, j),
                meta: format!("{} · {}", kind_label(&tr, j.data.kind), j.place.name),
                updated: date(lang, j.updated_at.date_naive()),
                updated_iso: j.updated_at.date_naive().to_string(),
                public_href: (status == "published").then(|| format!("/jobs/{}", j.id)),
                can_publish: j.data.status != JobStatus::Published,
                can_unpublish: j.data.status == JobStatus::Published,
                can_expire: status == "published",
            }
        })
        .collect();
    html(WorkspacePage {
        chrome: chrome(&state, lang, &req, "account", &org.name),
        org_id: id,
        kind: org_kind_label(&tr, org.kind),
        verification_pending: org.kind.needs_verification() && !org.verified,
        has_logo: org.logo_blob_id.is_some(),
        can_write: caller.may(Action::WriteJobs(id)),
        can_edit: caller.may(Action::EditOrganisation(id)),
        name: org.name,
        rows,
    })
}

#[derive(Template)]
#[template(path = "workspace/job_form.html")]
struct JobFormPage {
    chrome: Chrome,
    heading: String,
    org_id: i64,
    org_name: String,
    action: String,
    f: JobFields,
    summary: Vec<SummaryItem>,
    occupations: Vec<(String, String)>,
    /// Label of the button that keeps the job from the public.
    draft_label: String,
    /// Label of the button that publishes.
    publish_label: String,
    preview_href: Option<String>,
}

/// Renders the job form; with errors, as a 400.
fn form_page(
    state: &AppState,
    lang: Lang,
    req: &Request,
    org: &Employer,
    existing: Option<&Job>,
    form: &JobForm,
    errors: &Errors,
) -> Result<Response, AppError> {
    let tr = lang.tr();
    let f = JobFields::new(state, &tr, form, errors);
    let summary = errors.summary(&f.all());
    let (heading, action, preview_href) = match existing {
        Some(j) => (
            tr.t1("ws-job-edit-title", "title", &j.data.title),
            format!("/orgs/{}/jobs/{}/edit", org.id, j.id),
            Some(format!("/orgs/{}/jobs/{}/preview", org.id, j.id)),
        ),
        None => (
            tr.t("ws-job-new-title"),
            format!("/orgs/{}/jobs/new", org.id),
            None,
        ),
    };
    let status = existing.map(|j| j.data.status);
    let draft_label = tr.t(match status {
        None | Some(JobStatus::Draft) => "ws-save-draft",
        Some(_) => "ws-save-unpublished",
    });
    let publish_label = tr.t(match status {
        Some(JobStatus::Published) => "ws-save-published",
        _ => "ws-save-publish",
    });
    html_status(
        errors.status(),
        JobFormPage {
            chrome: chrome(state, lang, req, "account", &heading),
            heading,
            org_id: org.id,
            org_name: org.name.clone(),
            action,
            f,
            summary,
            occupations: occupation_suggestions(&tr),
            draft_label,
            publish_label,
            preview_href,
        },
    )
}

/// Loads job `ids.job` for writing and checks it belongs to organisation `ids.org`
/// (else 404). Members of the organisation see its jobs, drafts included, so refusing
/// them is a 403; for everyone else [`manage::own_job`] keeps unpublished jobs hidden.
async fn own_job(state: &AppState, caller: &Caller, ids: &OrgJob) -> Result<Job, AppError> {
    if caller.may(Action::ViewWorkspace(ids.org)) {
        caller.authorize(Action::WriteJobs(ids.org))?;
    }
    let job = manage::own_job(state, caller, ids.job).await?;
    if job.employer.id != ids.org {
        return Err(AppError::not_found());
    }
    Ok(job)
}

/// `GET /orgs/{id}/jobs/new`.
pub(super) async fn new_form(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    segment: Segment,
    req: Request,
) -> Result<Response, AppError> {
    let id = org_id(&segment)?;
    caller.authorize(Action::WriteJobs(id))?;
    let org = manage::organisation(&state, id).await?;
    form_page(
        &state,
        lang,
        &req,
        &org,
        None,
        &JobForm::blank(),
        &Errors::default(),
    )
}

/// `POST /orgs/{id}/jobs/new`.
pub(super) async fn create(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    segment: Segment,
    req: Request,
) -> Result<Response, AppError> {
    let id = org_id(&segment)?;
    caller.authorize(Action::WriteJobs(id))?;
    let org = manage::organisation(&state, id).await?;
    let (req, body) = read_body(req).await?;
    let form = JobForm::from_pairs(form_pairs(&body));
    let tr = lang.tr();
    let errors = match form.to_new_job(&state, &tr, None) {
        Ok(job) => match manage::create(&state, &caller, id, job).await {
            Ok(_) => return Ok(see_other(&format!("/orgs/{id}"))),
            Err(e) => {
                let mut errors = Errors::default();
                errors.add_app_error(&tr, e, field_of)?;
                errors
            }
        },
        Err(errors) => errors,
    };
    form_page(&state, lang, &req, &org, None, &form, &errors)
}

/// `GET /orgs/{id}/jobs/{job}/edit`.
pub(super) async fn edit_form(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    ids: OrgJob,
    req: Request,
) -> Result<Response, AppError> {
    let job = own_job(&state, &caller, &ids).await?;
    let org = manage::organisation(&state, ids.org).await?;
    let form = JobForm::from_job(&state, &job);
    form_page(
        &state,
        lang,
        &req,
        &org,
        Some(&job),
        &form,
        &Errors::default(),
    )
}

/// `POST /orgs/{id}/jobs/{job}/edit`.
pub(super) async fn update(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    ids: OrgJob,
    req: Request,
) -> Result<Response, AppError> {
    let job = own_job(&state, &caller, &ids).await?;
    let org = manage::organisation(&state, ids.org).await?;
    let (req, body) = read_body(req).await?;
    let form = JobForm::from_pairs(form_pairs(&body));
    let tr = lang.tr();
    let errors = match form.to_new_job(&state, &tr, Some(job.data.status)) {
        Ok(data) => match manage::update(&state, &caller, &job, data).await {
            Ok(_) => return Ok(see_other(&format!("/orgs/{}", ids.org))),
            Err(e) => {
                let mut errors = Errors::default();
                errors.add_app_error(&tr, e, field_of)?;
                errors
            }
        },
        Err(errors) => errors,
    };
    form_page(&state, lang, &req, &org, Some(&job), &form, &errors)
}

/// How a job will look: the job page's layout, marked as a preview.
#[derive(Template)]
#[template(path = "workspace/preview.html")]
struct PreviewPage {
    chrome: Chrome,
    job: JobBody,
    status: String,
    org_id: i64,
    job_id: i64,
    can_publish: bool,
}

/// `GET /orgs/{id}/jobs/{job}/preview`.
pub(super) async fn preview(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    ids: OrgJob,
    req: Request,
) -> Result<Response, AppError> {
    let job = own_job(&state, &caller, &ids).await?;
    let tr = lang.tr();
    let title = tr.t1("ws-preview-page-title", "title", &job.data.title);
    html(PreviewPage {
        chrome: chrome(&state, lang, &req, "account", &title),
        job: job_body(&tr, &job),
        status: status_label(&tr, &job),
        org_id: ids.org,
        job_id: job.id,
        can_publish: job.data.status != JobStatus::Published,
    })
}

/// `POST /orgs/{id}/jobs/{job}/publish`. A job that cannot be published as it is (a
/// draft whose closing date has passed) comes back as its form, the problem marked.
pub(super) async fn publish(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    ids: OrgJob,
    req: Request,
) -> Result<Response, AppError> {
    let job = own_job(&state, &caller, &ids).await?;
    match manage::set_status(&state, &caller, &job, JobStatus::Published).await {
        Ok(_) => Ok(see_other(&format!("/orgs/{}", ids.org))),
        Err(e) => {
            let mut errors = Errors::default();
            errors.add_app_error(&lang.tr(), e, field_of)?;
            let org = manage::organisation(&state, ids.org).await?;
            let form = JobForm::from_job(&state, &job);
            form_page(&state, lang, &req, &org, Some(&job), &form, &errors)
        }
    }
}

/// `POST /orgs/{id}/jobs/{job}/unpublish`.
pub(super) async fn unpublish(
    State(state): State<AppState>,
    caller: Caller,
    ids: OrgJob,
) -> Result<Response, AppError> {
    let job = own_job(&state, &caller, &ids).await?;
    manage::set_status(&state, &caller, &job, JobStatus::Unpublished).await?;
    Ok(see_other(&format!("/orgs/{}", ids.org)))
}

/// `POST /orgs/{id}/jobs/{job}/expire`.
pub(super) async fn expire(
    State(state): State<AppState>,
    caller: Caller,
    ids: OrgJob,
) -> Result<Response, AppError> {
    let job = own_job(&state, &caller, &ids).await?;
    manage::expire(&state, &caller, &job).await?;
    Ok(see_other(&format!("/orgs/{}", ids.org)))
}

/// `POST /orgs/{id}/jobs/{job}/duplicate`: the copy is a draft in the workspace.
pub(super) async fn duplicate(
    State(state): State<AppState>,
    caller: Caller,
    ids: OrgJob,
) -> Result<Response, AppError> {
    let job = own_job(&state, &caller, &ids).await?;
    manage::duplicate(&state, &caller, &job).await?;
    Ok(see_other(&format!("/orgs/{}", ids.org)))
}

/// `POST /orgs/{id}/jobs/{job}/delete`.
pub(super) async fn delete(
    State(state): State<AppState>,
    caller: Caller,
    ids: OrgJob,
) -> Result<Response, AppError> {
    let job = own_job(&state, &caller, &ids).await?;
    manage::delete(&state, &caller, &job).await?;
    Ok(see_other(&format!("/orgs/{}", ids.org)))
}
