//! Writing through the API: jobs (`POST /api/v1/jobs`, `PUT` and `DELETE
//! /api/v1/jobs/{id}`) and organisation profiles (`GET`/`PATCH
//! /api/v1/organisations/{id}`). Callers are API tokens (acting for their one
//! organisation) or signed-in users; the policy decides, [`crate::manage`] writes.

use super::dto::{JobDto, OrganisationDto};
use crate::i18n::Lang;
use crate::manage;
use crate::pages::parse_id;
use crate::params::Segment;
use crate::policy::Caller;
use crate::problem::AppError;
use crate::search::today;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use bleibe_domain::policy::{Action, Caller as PolicyCaller};
use bleibe_domain::{
    Apply, Contract, JobKind, JobStatus, NewEmployer, NewJob, Role, Salary, SalaryUnit,
    SchoolCertificate, Source, WorkingTime,
};
use chrono::{NaiveDate, Utc};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use utoipa::ToSchema;

/// Pay in a written job.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SalaryInput {
    /// Lower bound or amount, EUR.
    pub min: f64,
    /// Upper bound, EUR.
    pub max: Option<f64>,
    /// `hour`, `month` or `year`.
    pub unit: String,
}

/// How to apply, in a written job.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ApplyInput {
    /// Application page.
    pub url: Option<String>,
    /// Application e-mail.
    pub email: Option<String>,
}

/// The body of `POST /api/v1/jobs` and `PUT /api/v1/jobs/{id}`: the shape of `GET
/// /api/v1/jobs/{id}`, except that `place` is a GeoNames id and `occupation` a KldB
/// code. Read-only fields (`id`, `employer`, `posted_at`, `demo`, `source`, labels,
/// `open`, `url`) are ignored when present.
#[derive(Debug, Deserialize, ToSchema)]
pub struct JobInput {
    /// Title.
    pub title: String,
    /// `job`, `apprenticeship`, `dual_study`, `internship`, `further_training`.
    pub kind: String,
    /// HTML; sanitised (ammonia) before it is stored.
    #[serde(default)]
    pub description: String,
    /// Place of work: GeoNames id.
    pub place: i64,
    /// Street and number.
    pub street: Option<String>,
    /// Postcode (5 digits).
    pub postcode: Option<String>,
    /// KldB 2010 code, 1–5 digits.
    pub occupation: String,
    /// `full_time`, `part_time`, `shift`, `remote`, `minijob` (at least one).
    pub working_time: Vec<String>,
    /// `permanent` or `fixed_term`.
    pub contract: String,
    /// Pay.
    pub salary: Option<SalaryInput>,
    /// Monthly training allowance in EUR per year of training.
    #[serde(default)]
    pub training_allowance: Vec<u32>,
    /// School-leaving certificate asked for.
    pub school_certificate: Option<String>,
    /// Start date, `YYYY-MM-DD`.
    pub start_date: Option<String>,
    /// Last day open, `YYYY-MM-DD`.
    pub valid_through: Option<String>,
    /// How to apply.
    #[serde(default)]
    pub apply: ApplyInput,
    /// Id in the caller's own system.
    pub external_id: Option<String>,
    /// `draft`, `published` (default for POST) or `unpublished`; PUT keeps the
    /// current status when absent.
    pub status: Option<String>,
    /// The organisation the job belongs to: needed for signed-in users with several
    /// organisations; a token always acts for its own (another id is refused).
    pub organisation_id: Option<i64>,
}

/// Parses a JSON body; a malformed body or field is a 400 naming the field.
pub(super) fn json_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, AppError> {
    let de = &mut serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let message = e.inner().to_string();
        // A missing field is reported at its parent ("." for the top level): name the
        // field itself, which is what the caller has to add.
        let missing = message
            .strip_prefix("missing field `")
            .and_then(|rest| rest.split_once('`'))
            .map(|(name, _)| name.to_string());
        let field = match (path.as_str(), missing) {
            (".", Some(name)) => name,
            (".", None) => "body".to_string(),
            (_, Some(name)) => format!("{path}.{name}"),
            (_, None) => path,
        };
        AppError::bad_param(
            &field,
            "error-json-invalid",
            &[("reason", e.into_inner().to_string())],
        )
    })
}

fn vocab<T>(
    field: &str,
    value: &str,
    parse: fn(&str) -> Option<T>,
    expected: String,
) -> Result<T, AppError> {
    parse(value).ok_or_else(|| {
        AppError::bad_param(
            field,
            "error-param-enum",
            &[("value", value.to_string()), ("expected", expected)],
        )
    })
}

fn date(field: &str, value: &Option<String>) -> Result<Option<NaiveDate>, AppError> {
    value
        .as_deref()
        .map(|v| {
            NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| {
                AppError::bad_param(field, "error-param-date", &[("value", v.to_string())])
            })
        })
        .transpose()
}

impl JobInput {
    /// The job to store (validated later by [`manage`]); `org_id` is decided by the
    /// caller, `status` by the input or `default_status`.
    fn into_new_job(self, org_id: i64, default_status: JobStatus) -> Result<NewJob, AppError> {
        let working_time = self
            .working_time
            .iter()
            .map(|w| {
                vocab(
                    "working_time",
                    w,
                    WorkingTime::parse,
                    WorkingTime::expected(),
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        let salary = self
            .salary
            .map(|s| {
                Ok::<_, AppError>(Salary {
                    min: s.min,
                    max: s.max,
                    unit: vocab(
                        "salary.unit",
                        &s.unit,
                        SalaryUnit::parse,
                        SalaryUnit::expected(),
                    )?,
                })
            })
            .transpose()?;
        Ok(NewJob {
            employer_id: org_id,
            kind: vocab("kind", &self.kind, JobKind::parse, JobKind::expected())?,
            title: self.title,
            description: self.description,
            occupation: self.occupation,
            place_id: self.place,
            street: self.street,
            postcode: self.postcode,
            working_time,
            contract: vocab(
                "contract",
                &self.contract,
                Contract::parse,
                Contract::expected(),
            )?,
            salary,
            training_allowance: self.training_allowance,
            school_certificate: self
                .school_certificate
                .as_deref()
                .map(|c| {
                    vocab(
                        "school_certificate",
                        c,
                        SchoolCertificate::parse,
                        SchoolCertificate::expected(),
                    )
                })
                .transpose()?,
            start_date: date("start_date", &self.start_date)?,
            posted_at: Utc::now(),
            valid_through: date("valid_through", &self.valid_through)?,
            apply: Apply {
                url: self.apply.url,
                email: self.apply.email,
            },
            source: Source::Own,
            external_id: self.external_id,
            demo: false,
            status: match self.status.as_deref() {
                Some(s) => vocab("status", s, JobStatus::parse, JobStatus::expected())?,
                None => default_status,
            },
        })
    }
}

/// The organisation a new job is for: a token's own; a user's named one, or their only
/// organisation where they may write.
fn organisation_for(caller: &Caller, named: Option<i64>) -> Result<i64, AppError> {
    match (&caller.ctx().caller, named) {
        (PolicyCaller::Token(t), None) => Ok(t.org_id),
        (PolicyCaller::Token(t), Some(org)) if org == t.org_id => Ok(org),
        (PolicyCaller::Token(_), Some(_)) => Err(AppError::forbidden()),
        (_, Some(org)) => Ok(org),
        (PolicyCaller::User(u), None) => {
            let writable: Vec<i64> = u
                .memberships
                .iter()
                .filter(|m| m.role >= Role::Editor)
                .map(|m| m.org_id)
                .collect();
            match writable.as_slice() {
                [only] => Ok(*only),
                _ => Err(AppError::bad_param(
                    "organisation_id",
                    "error-organisation-needed",
                    &[],
                )),
            }
        }
        (PolicyCaller::Anonymous, None) => Err(AppError::unauthorized()),
    }
}

/// Create a job.
///
/// Answers 201 with the job and its address in `Location`. Needs a token with scope
/// `jobs:write` or a signed-in editor or admin of the organisation.
#[utoipa::path(
    post,
    path = "/api/v1/jobs",
    tag = "jobs",
    request_body = JobInput,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = JobDto),
        (status = 400, description = "A field is invalid; the problem document names it", content_type = "application/problem+json"),
        (status = 401, description = "No or an invalid token", content_type = "application/problem+json"),
        (status = 403, description = "Not permitted for this organisation", content_type = "application/problem+json")
    )
)]
pub(super) async fn create_job(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    body: Bytes,
) -> Result<Response, AppError> {
    // Who may write anything at all is checked before the body is looked at.
    caller.require_identity()?;
    let input: JobInput = json_body(&body)?;
    let org = organisation_for(&caller, input.organisation_id)?;
    caller.authorize(Action::WriteJobs(org))?;
    let job = input.into_new_job(org, JobStatus::Published)?;
    let stored = manage::create(&state, &caller, org, job).await?;
    let location = format!("/api/v1/jobs/{}", stored.id);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(JobDto::new(&lang.tr(), &stored, today())),
    )
        .into_response())
}

/// Replace a job.
///
/// The job keeps its organisation, source and, unless it is published now, its
/// posting date.
#[utoipa::path(
    put,
    path = "/api/v1/jobs/{id}",
    tag = "jobs",
    params(("id" = i64, Path, description = "Job id")),
    request_body = JobInput,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The job as stored", body = JobDto),
        (status = 400, description = "A field is invalid", content_type = "application/problem+json"),
        (status = 401, description = "No or an invalid token", content_type = "application/problem+json"),
        (status = 403, description = "Another organisation's published job", content_type = "application/problem+json"),
        (status = 404, description = "No such job, or another organisation's unpublished one", content_type = "application/problem+json")
    )
)]
pub(super) async fn replace_job(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw_id): Segment,
    body: Bytes,
) -> Result<Json<JobDto>, AppError> {
    caller.require_identity()?;
    let id = parse_id(&raw_id)?;
    let existing = manage::own_job(&state, &caller, id).await?;
    let input: JobInput = json_body(&body)?;
    let job = input.into_new_job(existing.employer.id, existing.data.status)?;
    let stored = manage::update(&state, &caller, &existing, job).await?;
    Ok(Json(JobDto::new(&lang.tr(), &stored, today())))
}

/// Delete a job.
#[utoipa::path(
    delete,
    path = "/api/v1/jobs/{id}",
    tag = "jobs",
    params(("id" = i64, Path, description = "Job id")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "No or an invalid token", content_type = "application/problem+json"),
        (status = 403, description = "Another organisation's published job", content_type = "application/problem+json"),
        (status = 404, description = "No such job, or another organisation's unpublished one", content_type = "application/problem+json")
    )
)]
pub(super) async fn delete_job(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw_id): Segment,
) -> Result<StatusCode, AppError> {
    caller.require_identity()?;
    let id = parse_id(&raw_id)?;
    let existing = manage::own_job(&state, &caller, id).await?;
    manage::delete(&state, &caller, &existing).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// One organisation's public profile.
#[utoipa::path(
    get,
    path = "/api/v1/organisations/{id}",
    tag = "organisations",
    params(("id" = i64, Path, description = "Organisation id")),
    responses(
        (status = 200, description = "The organisation", body = OrganisationDto),
        (status = 404, description = "No such organisation", content_type = "application/problem+json")
    )
)]
pub(super) async fn get_organisation(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw_id): Segment,
) -> Result<Json<OrganisationDto>, AppError> {
    caller.authorize(Action::ViewPublicPages)?;
    let id = parse_id(&raw_id)?;
    let org = manage::organisation(&state, id).await?;
    Ok(Json(OrganisationDto::new(&org)))
}

/// Changes to an organisation's profile: every field optional.
#[derive(Debug, Deserialize, ToSchema)]
pub struct OrganisationPatch {
    /// Name.
    pub name: Option<String>,
    /// HTML; sanitised.
    pub description: Option<String>,
    /// Website (http or https); `null` removes it.
    #[serde(default, deserialize_with = "double_option")]
    #[schema(value_type = Option<String>)]
    pub website: Option<Option<String>>,
    /// Seat: GeoNames id.
    pub place: Option<i64>,
}

/// Tells an absent field (`None`) from an explicit `null` (`Some(None)`).
fn double_option<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

/// Change an organisation's profile.
///
/// Needs a token with scope `organisation:write` or a signed-in admin of the
/// organisation.
#[utoipa::path(
    patch,
    path = "/api/v1/organisations/{id}",
    tag = "organisations",
    params(("id" = i64, Path, description = "Organisation id")),
    request_body = OrganisationPatch,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The organisation as stored", body = OrganisationDto),
        (status = 400, description = "A field is invalid", content_type = "application/problem+json"),
        (status = 401, description = "No or an invalid token", content_type = "application/problem+json"),
        (status = 403, description = "Not permitted", content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", content_type = "application/problem+json")
    )
)]
pub(super) async fn patch_organisation(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw_id): Segment,
    body: Bytes,
) -> Result<Json<OrganisationDto>, AppError> {
    let id = parse_id(&raw_id)?;
    caller.authorize(Action::EditOrganisation(id))?;
    let org = manage::organisation(&state, id).await?;
    let patch: OrganisationPatch = json_body(&body)?;
    let place_id = patch.place.unwrap_or(org.place.id);
    if state.gazetteer.get(place_id).is_none() {
        return Err(AppError::bad_param(
            "place",
            "error-place-unknown",
            &[("value", place_id.to_string())],
        ));
    }
    let changed = NewEmployer {
        name: patch.name.unwrap_or(org.name),
        place_id,
        description: patch.description.unwrap_or(org.description),
        website: patch.website.unwrap_or(org.website),
        demo: org.demo,
        kind: org.kind,
    }
    .validate()
    .map_err(|e| AppError::invalid(&e))?;
    state.store.update_employer(id, &changed).await?;
    let stored = manage::organisation(&state, id).await?;
    Ok(Json(OrganisationDto::new(&stored)))
}
