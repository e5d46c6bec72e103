//! Mapping between rows and domain types, as in the SQLite backend: list-valued fields
//! are stored as comma-separated wire names so that they read well in a SQL shell, and
//! alternate place names "|"-separated as in GeoNames.

use bleibe_domain::job::EmployerRef;
use bleibe_domain::{
    Apply, Contract, Employer, Job, JobKind, JobStatus, NewJob, OrgKind, Place, PlaceRef, Salary,
    SalaryUnit, SchoolCertificate, Source, WorkingTime,
};
use sqlx::postgres::PgRow;
use sqlx::Row;

pub(crate) const PLACE_SELECT_ALL: &str =
    "SELECT id, name, alternate_names, lat, lon, population, state_code, county, ags FROM places ORDER BY id";
pub(crate) const PLACE_SELECT_BY_ID: &str =
    "SELECT id, name, alternate_names, lat, lon, population, state_code, county, ags FROM places WHERE id = $1";
pub(crate) const EMPLOYER_SELECT_ALL: &str =
    "SELECT e.id, e.name, e.description, e.website, e.demo, e.kind, e.verified, e.logo_blob_id, p.id AS place_id, p.name AS place_name, p.lat, p.lon, p.state_code \
     FROM employers e JOIN places p ON p.id = e.place_id ORDER BY e.id";
pub(crate) const EMPLOYER_SELECT_BY_ID: &str =
    "SELECT e.id, e.name, e.description, e.website, e.demo, e.kind, e.verified, e.logo_blob_id, p.id AS place_id, p.name AS place_name, p.lat, p.lon, p.state_code \
     FROM employers e JOIN places p ON p.id = e.place_id WHERE e.id = $1";
pub(crate) const JOB_SELECT: &str =
    "SELECT j.*, e.name AS employer_name, p.name AS place_name, p.lat, p.lon, p.state_code \
     FROM jobs j JOIN employers e ON e.id = j.employer_id JOIN places p ON p.id = j.place_id";

/// List-valued job fields in their stored form.
pub(crate) struct JobColumns {
    pub working_time: String,
    pub training_allowance: String,
}

impl From<&NewJob> for JobColumns {
    fn from(j: &NewJob) -> Self {
        Self {
            working_time: j
                .working_time
                .iter()
                .map(|w| w.as_str())
                .collect::<Vec<_>>()
                .join(","),
            training_allowance: j
                .training_allowance
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(","),
        }
    }
}

fn decode_err(column: &str, value: &str) -> sqlx::Error {
    sqlx::Error::ColumnDecode {
        index: column.to_string(),
        source: format!("unexpected value {value:?}").into(),
    }
}

fn parse_enum<T>(
    column: &str,
    value: &str,
    parse: fn(&str) -> Option<T>,
) -> Result<T, sqlx::Error> {
    parse(value).ok_or_else(|| decode_err(column, value))
}

pub(crate) fn place_from_row(r: &PgRow) -> Result<Place, sqlx::Error> {
    let alt: String = r.try_get("alternate_names")?;
    let population: Option<i64> = r.try_get("population")?;
    Ok(Place {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        alternate_names: alt
            .split('|')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        lat: r.try_get("lat")?,
        lon: r.try_get("lon")?,
        population: population.and_then(|p| u32::try_from(p).ok()),
        state_code: r.try_get("state_code")?,
        county: r.try_get("county")?,
        ags: r.try_get("ags")?,
    })
}

fn place_ref(r: &PgRow) -> Result<PlaceRef, sqlx::Error> {
    Ok(PlaceRef {
        id: r.try_get("place_id")?,
        name: r.try_get("place_name")?,
        lat: r.try_get("lat")?,
        lon: r.try_get("lon")?,
        state_code: r.try_get("state_code")?,
    })
}

pub(crate) fn employer_from_row(r: &PgRow) -> Result<Employer, sqlx::Error> {
    Ok(Employer {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        place: place_ref(r)?,
        description: r.try_get("description")?,
        website: r.try_get("website")?,
        demo: r.try_get("demo")?,
        kind: parse_enum("kind", &r.try_get::<String, _>("kind")?, OrgKind::parse)?,
        verified: r.try_get("verified")?,
        logo_blob_id: r.try_get("logo_blob_id")?,
    })
}

pub(crate) fn job_from_row(r: &PgRow) -> Result<Job, sqlx::Error> {
    let kind: String = r.try_get("kind")?;
    let contract: String = r.try_get("contract")?;
    let source: String = r.try_get("source")?;
    let wt: String = r.try_get("working_time")?;
    let working_time = wt
        .split(',')
        .filter(|s| !s.is_empty())
        .map(|w| parse_enum("working_time", w, WorkingTime::parse))
        .collect::<Result<Vec<_>, _>>()?;
    let ta: String = r.try_get("training_allowance")?;
    let training_allowance = ta
        .split(',')
        .filter(|s| !s.is_empty())
        .map(|v| {
            v.parse::<u32>()
                .map_err(|_| decode_err("training_allowance", v))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let salary_min: Option<f64> = r.try_get("salary_min")?;
    let salary_unit: Option<String> = r.try_get("salary_unit")?;
    let salary = match (salary_min, salary_unit) {
        (Some(min), Some(unit)) => Some(Salary {
            min,
            max: r.try_get("salary_max")?,
            unit: parse_enum("salary_unit", &unit, SalaryUnit::parse)?,
        }),
        _ => None,
    };
    let cert: Option<String> = r.try_get("school_certificate")?;
    let data = NewJob {
        employer_id: r.try_get("employer_id")?,
        kind: parse_enum("kind", &kind, JobKind::parse)?,
        title: r.try_get("title")?,
        description: r.try_get("description")?,
        occupation: r.try_get("occupation")?,
        place_id: r.try_get("place_id")?,
        street: r.try_get("street")?,
        postcode: r.try_get("postcode")?,
        working_time,
        contract: parse_enum("contract", &contract, Contract::parse)?,
        salary,
        training_allowance,
        school_certificate: cert
            .map(|c| parse_enum("school_certificate", &c, SchoolCertificate::parse))
            .transpose()?,
        start_date: r.try_get("start_date")?,
        posted_at: r.try_get("posted_at")?,
        valid_through: r.try_get("valid_through")?,
        apply: Apply {
            url: r.try_get("apply_url")?,
            email: r.try_get("apply_email")?,
        },
        source: parse_enum("source", &source, Source::parse)?,
        external_id: r.try_get("external_id")?,
        demo: r.try_get("demo")?,
        status: parse_enum(
            "status",
            &r.try_get::<String, _>("status")?,
            JobStatus::parse,
        )?,
    };
    Ok(Job {
        id: r.try_get("id")?,
        employer: EmployerRef {
            id: data.employer_id,
            name: r.try_get("employer_name")?,
        },
        place: place_ref(r)?,
        data,
        updated_at: r.try_get("updated_at")?,
    })
}
