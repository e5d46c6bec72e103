//! The API's JSON shapes. Field names are a public interface: add, never rename.

use crate::i18n::Tr;
use crate::search::{kind_label, occupation_label, FacetsView};
use bleibe_domain::{Job, Place, State};
use serde::Serialize;
use utoipa::ToSchema;

/// An employer reference.
#[derive(Serialize, ToSchema)]
pub struct EmployerDto {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
}

/// A place reference in a job.
#[derive(Serialize, ToSchema)]
pub struct JobPlaceDto {
    /// GeoNames id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Federal state.
    pub state: String,
}

/// An occupation reference.
#[derive(Serialize, ToSchema)]
pub struct OccupationRefDto {
    /// KldB 2010 code as given by the employer (1–5 digits).
    pub code: String,
    /// Name of the most specific known group, in the request's language.
    pub name: String,
}

/// A job in a result list.
#[derive(Serialize, ToSchema)]
pub struct JobItemDto {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// `job`, `apprenticeship`, `dual_study`, `internship` or `further_training`.
    pub kind: String,
    /// Employer.
    pub employer: EmployerDto,
    /// Place of work.
    pub place: JobPlaceDto,
    /// Great-circle distance from the centre in km (only when a centre is given).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distance_km: Option<f64>,
    /// When it was published (RFC 3339).
    pub posted_at: String,
    /// Occupation.
    pub occupation: OccupationRefDto,
    /// Working time values.
    pub working_time: Vec<String>,
    /// `permanent` or `fixed_term`.
    pub contract: String,
    /// Fictitious demo record.
    pub demo: bool,
}

/// The centre a search used.
#[derive(Serialize, ToSchema)]
pub struct CentreDto {
    /// GeoNames id (when the centre is a place).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Name (when the centre is a place).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Federal state (when the centre is a place).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// How many places carry the given name; above 1 means the installation's home region decided.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub candidates: Option<usize>,
}

/// A page of search results.
#[derive(Serialize, ToSchema)]
pub struct JobSearchDto {
    /// Matching jobs in all.
    pub total: u64,
    /// Page (1-based).
    pub page: u32,
    /// Page size.
    pub per_page: u32,
    /// The centre used, when `near` or `lat`/`lon` was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub centre: Option<CentreDto>,
    /// The jobs of this page.
    pub items: Vec<JobItemDto>,
    /// Facet counts over the whole result set; a facet's own filter is left out of its counts.
    pub facets: FacetsView,
}

/// Pay.
#[derive(Serialize, ToSchema)]
pub struct SalaryDto {
    /// Lower bound or amount.
    pub min: f64,
    /// Upper bound.
    pub max: Option<f64>,
    /// `hour`, `month` or `year`.
    pub unit: String,
    /// Always `EUR`.
    pub currency: &'static str,
}

/// How to apply.
#[derive(Serialize, ToSchema)]
pub struct ApplyDto {
    /// Application page.
    pub url: Option<String>,
    /// Application e-mail.
    pub email: Option<String>,
}

/// The whole job.
#[derive(Serialize, ToSchema)]
pub struct JobDto {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: String,
    /// Kind, translated.
    pub kind_label: String,
    /// Sanitised HTML.
    pub description: String,
    /// Employer.
    pub employer: EmployerDto,
    /// Place of work.
    pub place: JobPlaceDto,
    /// Street.
    pub street: Option<String>,
    /// Postcode.
    pub postcode: Option<String>,
    /// Occupation.
    pub occupation: OccupationRefDto,
    /// Working time values.
    pub working_time: Vec<String>,
    /// `permanent` or `fixed_term`.
    pub contract: String,
    /// Pay, when published.
    pub salary: Option<SalaryDto>,
    /// Monthly training allowance in EUR per year of training.
    pub training_allowance: Vec<u32>,
    /// School-leaving certificate asked for.
    pub school_certificate: Option<String>,
    /// Start date.
    pub start_date: Option<String>,
    /// Published (RFC 3339).
    pub posted_at: String,
    /// Last day open.
    pub valid_through: Option<String>,
    /// Whether it is still open today.
    pub open: bool,
    /// How to apply.
    pub apply: ApplyDto,
    /// `own` or `imported`.
    pub source: String,
    /// Id in the source system.
    pub external_id: Option<String>,
    /// Fictitious demo record.
    pub demo: bool,
    /// The job's page.
    pub url: String,
}

/// A place in a list.
#[derive(Serialize, ToSchema)]
pub struct PlaceItemDto {
    /// GeoNames id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Inhabitants; null when unknown.
    pub population: Option<u32>,
    /// Federal state.
    pub state: String,
}

/// Places found.
#[derive(Serialize, ToSchema)]
pub struct PlaceListDto {
    /// Matches: exact first, then by population (unknown last).
    pub items: Vec<PlaceItemDto>,
}

/// One place.
#[derive(Serialize, ToSchema)]
pub struct PlaceDto {
    /// GeoNames id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// All alternate names GeoNames lists.
    pub alternate_names: Vec<String>,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Inhabitants; null when unknown.
    pub population: Option<u32>,
    /// Federal state.
    pub state: String,
    /// GeoNames admin1 code of the state.
    pub state_code: String,
    /// County; null until a real source is loaded.
    pub county: Option<String>,
    /// Official municipality key (AGS); null until a real source is loaded.
    pub ags: Option<String>,
    /// Open jobs at this place.
    pub open_jobs: u64,
    /// The place's page.
    pub url: String,
    /// What the place offers (rail, doctors, Kitas, schools, shops, clubs and offers,
    /// rent, building land, broadband, contact), each value with `source` and `as_of`;
    /// demo values carry `"demo": true`. Unknown values are absent.
    pub profile: bleibe_domain::living::PlaceProfile,
}

/// A KldB 2010 entry.
#[derive(Serialize, ToSchema)]
pub struct OccupationDto {
    /// Code.
    pub code: String,
    /// 1 = Berufsbereich, 2 = Berufshauptgruppe.
    pub level: usize,
    /// Parent code (for main groups).
    pub parent: Option<String>,
    /// Name in the request's language.
    pub name: String,
    /// German name (official).
    pub name_de: String,
    /// English name (bleibe's working translation).
    pub name_en: String,
}

/// All occupations.
#[derive(Serialize, ToSchema)]
pub struct OccupationListDto {
    /// Entries in code order.
    pub items: Vec<OccupationDto>,
    /// Where they come from.
    pub source: &'static str,
}

/// Health.
#[derive(Serialize, ToSchema)]
pub struct HealthDto {
    /// `ok`.
    pub status: &'static str,
    /// Database backend.
    pub backend: &'static str,
    /// Jobs in the database.
    pub jobs: i64,
    /// Places in the database.
    pub places: i64,
    /// Documents in the search index.
    pub index_docs: u64,
    /// Last change-log entry applied to the index.
    pub index_seq: i64,
    /// Last change-log entry in the database.
    pub store_seq: i64,
    /// Version.
    pub version: &'static str,
}

/// Readiness.
#[derive(Serialize, ToSchema)]
pub struct ReadyDto {
    /// `ready`.
    pub status: &'static str,
    /// Change-log entries the search index has not applied yet.
    pub index_lag: i64,
}

fn place_dto(p: &bleibe_domain::PlaceRef) -> JobPlaceDto {
    JobPlaceDto {
        id: p.id,
        name: p.name.clone(),
        lat: p.lat,
        lon: p.lon,
        state: State::from_code(&p.state_code).name.to_string(),
    }
}

fn occupation_ref(tr: &Tr, code: &str) -> OccupationRefDto {
    OccupationRefDto {
        code: code.to_string(),
        name: occupation_label(tr, code),
    }
}

impl JobItemDto {
    /// From a job and its distance.
    pub fn new(tr: &Tr, job: &Job, distance_km: Option<f64>) -> Self {
        Self {
            id: job.id,
            title: job.data.title.clone(),
            kind: job.data.kind.as_str().into(),
            employer: EmployerDto {
                id: job.employer.id,
                name: job.employer.name.clone(),
            },
            place: place_dto(&job.place),
            distance_km: distance_km.map(|d| (d * 100.0).round() / 100.0),
            posted_at: job.data.posted_at.to_rfc3339(),
            occupation: occupation_ref(tr, &job.data.occupation),
            working_time: job
                .data
                .working_time
                .iter()
                .map(|w| w.as_str().to_string())
                .collect(),
            contract: job.data.contract.as_str().into(),
            demo: job.data.demo,
        }
    }
}

impl JobDto {
    /// From a job.
    pub fn new(tr: &Tr, job: &Job, today: chrono::NaiveDate) -> Self {
        let d = &job.data;
        Self {
            id: job.id,
            title: d.title.clone(),
            kind: d.kind.as_str().into(),
            kind_label: kind_label(tr, d.kind),
            description: d.description.clone(),
            employer: EmployerDto {
                id: job.employer.id,
                name: job.employer.name.clone(),
            },
            place: place_dto(&job.place),
            street: d.street.clone(),
            postcode: d.postcode.clone(),
            occupation: occupation_ref(tr, &d.occupation),
            working_time: d
                .working_time
                .iter()
                .map(|w| w.as_str().to_string())
                .collect(),
            contract: d.contract.as_str().into(),
            salary: d.salary.map(|s| SalaryDto {
                min: s.min,
                max: s.max,
                unit: s.unit.as_str().into(),
                currency: "EUR",
            }),
            training_allowance: d.training_allowance.clone(),
            school_certificate: d.school_certificate.map(|c| c.as_str().to_string()),
            start_date: d.start_date.map(|s| s.to_string()),
            posted_at: d.posted_at.to_rfc3339(),
            valid_through: d.valid_through.map(|v| v.to_string()),
            open: job.is_open_on(today),
            apply: ApplyDto {
                url: d.apply.url.clone(),
                email: d.apply.email.clone(),
            },
            source: d.source.as_str().into(),
            external_id: d.external_id.clone(),
            demo: d.demo,
            url: format!("/jobs/{}", job.id),
        }
    }
}

impl PlaceItemDto {
    /// From a place.
    pub fn new(p: &Place) -> Self {
        Self {
            id: p.id,
            name: p.name.clone(),
            lat: p.lat,
            lon: p.lon,
            population: p.population,
            state: p.state().name.to_string(),
        }
    }
}

/// An organisation's public profile.
#[derive(Serialize, ToSchema)]
pub struct OrganisationDto {
    /// Id (the `employer` id of its jobs).
    pub id: i64,
    /// Name.
    pub name: String,
    /// Kind: `employer`, `municipality`, `welcome_center`, …
    pub kind: String,
    /// Verified by a platform or network admin.
    pub verified: bool,
    /// Seat.
    pub place: JobPlaceDto,
    /// Sanitised HTML.
    pub description: String,
    /// Website.
    pub website: Option<String>,
    /// Logo address, when it has one.
    pub logo_url: Option<String>,
    /// Fictitious demo record.
    pub demo: bool,
}

impl OrganisationDto {
    /// From a stored organisation.
    pub fn new(e: &bleibe_domain::Employer) -> Self {
        Self {
            id: e.id,
            name: e.name.clone(),
            kind: e.kind.as_str().into(),
            verified: e.verified,
            place: JobPlaceDto {
                id: e.place.id,
                name: e.place.name.clone(),
                lat: e.place.lat,
                lon: e.place.lon,
                state: e.place.state_code.clone(),
            },
            description: e.description.clone(),
            website: e.website.clone(),
            logo_url: e.logo_blob_id.map(|_| format!("/orgs/{}/logo", e.id)),
            demo: e.demo,
        }
    }
}

/// A network in the list.
#[derive(Serialize, ToSchema)]
pub struct NetworkDto {
    /// Id.
    pub id: i64,
    /// URL name: the portal is `/n/{slug}`.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Member organisations.
    pub member_count: usize,
    /// Places of its area.
    pub place_count: usize,
    /// Fictitious demo record.
    pub demo: bool,
}

/// An audit log entry.
#[derive(Serialize, ToSchema)]
pub struct AuditEntryDto {
    /// Id; page with `before`.
    pub id: i64,
    /// When (RFC 3339).
    pub at: String,
    /// Acting user.
    pub actor_user_id: Option<i64>,
    /// Acting API token.
    pub actor_token_id: Option<i64>,
    /// What happened, e.g. `login_failed`, `token_created`, `job_published`.
    pub action: String,
    /// Organisation concerned.
    pub org_id: Option<i64>,
    /// Record concerned, e.g. `job:42`.
    pub target: String,
    /// Detail.
    pub detail: String,
    /// Client address.
    pub ip: Option<String>,
}
