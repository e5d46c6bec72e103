//! Writing an organisation's jobs: the one implementation behind the employer workspace
//! pages and the API (`POST/PUT/DELETE /api/v1/jobs`). Callers authorise first
//! ([`own_job`] does it for existing jobs); these functions validate, store, and record
//! publications in the audit log.

use crate::auth::audit::{self, actions};
use crate::policy::Caller;
use crate::problem::AppError;
use crate::state::AppState;
use bleibe_domain::policy::Action;
use bleibe_domain::{Employer, Job, JobStatus, NewJob};
use chrono::{Duration, Utc};

/// How many jobs the workspace lists.
pub const WORKSPACE_JOBS: i64 = 500;

/// Loads job `job_id` for writing by the caller: 404 when it does not exist; when it
/// belongs to an organisation the caller may not write for, 403 if it is public and
/// 404 if not (an unpublished job's existence is private).
pub async fn own_job(state: &AppState, caller: &Caller, job_id: i64) -> Result<Job, AppError> {
    let job = state
        .store
        .job(job_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let action = Action::WriteJobs(job.employer.id);
    if job.data.status == JobStatus::Published {
        caller.authorize(action)?;
    } else {
        caller.authorize_hidden(action)?;
    }
    Ok(job)
}

/// The organisation `id`, or 404.
pub async fn organisation(state: &AppState, id: i64) -> Result<Employer, AppError> {
    state
        .store
        .employer(id)
        .await?
        .ok_or_else(AppError::not_found)
}

/// Loads a job for reading: a published job for everyone; a draft or unpublished job
/// only for those who may write its organisation's jobs (404 for everyone else).
pub async fn visible_job(state: &AppState, caller: &Caller, job_id: i64) -> Result<Job, AppError> {
    let job = state
        .store
        .job(job_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    if job.data.status != JobStatus::Published && !caller.may(Action::WriteJobs(job.employer.id)) {
        return Err(AppError::not_found());
    }
    Ok(job)
}

/// Validates a job for organisation `org_id`: the organisation is set from the caller's
/// choice, never from the body; the place must be a known place.
fn prepare(state: &AppState, org_id: i64, mut job: NewJob) -> Result<NewJob, AppError> {
    job.employer_id = org_id;
    if state.gazetteer.get(job.place_id).is_none() {
        return Err(AppError::bad_param(
            "place",
            "error-place-unknown",
            &[("value", job.place_id.to_string())],
        ));
    }
    job.validate().map_err(|e| AppError::invalid(&e))
}

async fn published(state: &AppState, caller: &Caller, job: &Job) -> Result<(), AppError> {
    audit::record(
        state,
        caller.ctx(),
        actions::JOB_PUBLISHED,
        Some(job.employer.id),
        format!("job:{}", job.id),
        job.data.title.clone(),
    )
    .await
}

/// Creates a job for `org_id` (the caller may write its jobs). A job created published
/// gets `posted_at` now.
pub async fn create(
    state: &AppState,
    caller: &Caller,
    org_id: i64,
    job: NewJob,
) -> Result<Job, AppError> {
    let mut job = job;
    job.posted_at = Utc::now();
    let job = prepare(state, org_id, job)?;
    let ids = state.store.insert_jobs(std::slice::from_ref(&job)).await?;
    let id = ids
        .first()
        .copied()
        .ok_or_else(|| AppError::internal("insert returned no id"))?;
    let stored = state.store.job(id).await?.ok_or_else(AppError::not_found)?;
    if stored.data.status == JobStatus::Published {
        published(state, caller, &stored).await?;
    }
    Ok(stored)
}

/// Replaces a job's fields, keeping its organisation, source and original posting
/// date; publishing a job that was not published makes `posted_at` now.
pub async fn update(
    state: &AppState,
    caller: &Caller,
    existing: &Job,
    job: NewJob,
) -> Result<Job, AppError> {
    let mut job = job;
    job.source = existing.data.source;
    job.external_id = existing.data.external_id.clone();
    job.demo = existing.data.demo;
    let newly_published =
        job.status == JobStatus::Published && existing.data.status != JobStatus::Published;
    job.posted_at = if newly_published {
        Utc::now()
    } else {
        existing.data.posted_at
    };
    // Validated with the dates it will have: publishing a draft whose closing day has
    // passed is refused, not published already expired.
    let job = prepare(state, existing.employer.id, job)?;
    state.store.update_job(existing.id, &job).await?;
    let stored = state
        .store
        .job(existing.id)
        .await?
        .ok_or_else(AppError::not_found)?;
    if newly_published {
        published(state, caller, &stored).await?;
    } else if job.status != JobStatus::Published && existing.data.status == JobStatus::Published {
        audit::record(
            state,
            caller.ctx(),
            actions::JOB_UNPUBLISHED,
            Some(stored.employer.id),
            format!("job:{}", stored.id),
            stored.data.title.clone(),
        )
        .await?;
    }
    Ok(stored)
}

/// Sets a job's status (publish, unpublish).
pub async fn set_status(
    state: &AppState,
    caller: &Caller,
    existing: &Job,
    status: JobStatus,
) -> Result<Job, AppError> {
    let mut data = existing.data.clone();
    data.status = status;
    update(state, caller, existing, data).await
}

/// Ends a job's validity yesterday: it leaves search at once and shows as expired. A
/// job posted today cannot have closed yesterday: it closes today and is withdrawn, so
/// that it leaves search at once all the same.
pub async fn expire(state: &AppState, caller: &Caller, existing: &Job) -> Result<Job, AppError> {
    let mut data = existing.data.clone();
    let today = crate::search::today();
    if existing.data.posted_at.date_naive() < today {
        data.valid_through = Some(today - Duration::days(1));
    } else {
        data.valid_through = Some(today);
        data.status = JobStatus::Unpublished;
    }
    update(state, caller, existing, data).await
}

/// Copies a job as a new draft of the same organisation.
pub async fn duplicate(state: &AppState, caller: &Caller, existing: &Job) -> Result<Job, AppError> {
    let mut data = existing.data.clone();
    data.status = JobStatus::Draft;
    data.external_id = None;
    data.source = bleibe_domain::Source::Own;
    data.demo = false;
    // The copy is posted now: a closing day already past does not carry over.
    if data
        .valid_through
        .is_some_and(|d| d < crate::search::today())
    {
        data.valid_through = None;
    }
    create(state, caller, existing.employer.id, data).await
}

/// Deletes a job.
pub async fn delete(state: &AppState, caller: &Caller, existing: &Job) -> Result<(), AppError> {
    state.store.delete_job(existing.id).await?;
    audit::record(
        state,
        caller.ctx(),
        actions::JOB_DELETED,
        Some(existing.employer.id),
        format!("job:{}", existing.id),
        existing.data.title.clone(),
    )
    .await
}
