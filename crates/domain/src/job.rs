//! Jobs (Stellenangebote): jobs, apprenticeships, dual study places, internships and
//! further training offers.

use crate::error::ValidationError;
use crate::occupation;
use crate::place::PlaceRef;
use crate::text;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Declares a closed vocabulary: an enum with its wire names (used in the API, the
/// database and URLs alike), parsing and the list of all values.
macro_rules! vocabulary {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vm])* #[serde(rename = $wire)] $variant),+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The wire name, e.g. for the API and the database.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }

            /// Parses a wire name.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($wire => Some($name::$variant),)+ _ => None }
            }

            /// A small stable number, for compact index fields.
            pub fn ordinal(self) -> u64 {
                Self::ALL.iter().position(|v| *v == self).unwrap_or(0) as u64
            }

            /// The value with this ordinal.
            pub fn from_ordinal(n: u64) -> Option<Self> {
                Self::ALL.get(n as usize).copied()
            }

            /// All wire names joined by ", ", for error messages.
            pub fn expected() -> String {
                Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub(crate) use vocabulary;

vocabulary!(
    /// What kind of offer a job is.
    JobKind {
        /// A regular job.
        Job = "job",
        /// Vocational training (Ausbildung).
        Apprenticeship = "apprenticeship",
        /// Dual study place (duales Studium).
        DualStudy = "dual_study",
        /// Internship (Praktikum).
        Internship = "internship",
        /// Further training offer (Weiterbildung).
        FurtherTraining = "further_training",
    }
);

vocabulary!(
    /// Working time arrangement; a job can have several.
    WorkingTime {
        /// Full time.
        FullTime = "full_time",
        /// Part time.
        PartTime = "part_time",
        /// Shift work.
        Shift = "shift",
        /// Remote work; fully remote only when it is the job's only working time.
        Remote = "remote",
        /// Marginal employment (Minijob).
        Minijob = "minijob",
    }
);

vocabulary!(
    /// Contract duration.
    Contract {
        /// Unlimited (unbefristet).
        Permanent = "permanent",
        /// Fixed term (befristet).
        FixedTerm = "fixed_term",
    }
);

vocabulary!(
    /// The period a salary amount refers to.
    SalaryUnit {
        /// EUR per hour.
        Hour = "hour",
        /// EUR per month.
        Month = "month",
        /// EUR per year.
        Year = "year",
    }
);

vocabulary!(
    /// The school-leaving certificate an apprenticeship asks for.
    SchoolCertificate {
        /// No certificate required.
        None = "none",
        /// Hauptschulabschluss / Berufsbildungsreife.
        Hauptschule = "hauptschulabschluss",
        /// Mittlerer Schulabschluss (Realschulabschluss).
        Mittlere = "mittlerer_schulabschluss",
        /// Fachhochschulreife.
        Fachhochschulreife = "fachhochschulreife",
        /// Abitur (allgemeine Hochschulreife).
        Abitur = "abitur",
    }
);

vocabulary!(
    /// Where a job came from.
    Source {
        /// Entered in bleibe by the employer.
        Own = "own",
        /// Imported from another system; then `external_id` identifies it there.
        Imported = "imported",
    }
);

/// Pay in EUR: a range or a single amount (`max` empty) per unit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Salary {
    /// Lower bound (or the amount), EUR.
    pub min: f64,
    /// Upper bound, EUR.
    pub max: Option<f64>,
    /// Per hour, month or year.
    pub unit: SalaryUnit,
}

/// How to apply: at least one of the two.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Apply {
    /// Application page.
    pub url: Option<String>,
    /// Application e-mail address.
    pub email: Option<String>,
}

/// A job to be created or the new state of a job to be changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewJob {
    /// The employer that posts it.
    pub employer_id: i64,
    /// Kind of offer.
    pub kind: JobKind,
    /// Title, e.g. "Industriemechaniker (m/w/d)".
    pub title: String,
    /// Description as HTML; sanitised by [`NewJob::validate`].
    pub description: String,
    /// KldB 2010 code (1–5 digits).
    pub occupation: String,
    /// GeoNames id of the place of work.
    pub place_id: i64,
    /// Street and house number.
    pub street: Option<String>,
    /// German postcode (5 digits).
    pub postcode: Option<String>,
    /// One or more working time arrangements.
    pub working_time: Vec<WorkingTime>,
    /// Contract duration.
    pub contract: Contract,
    /// Pay, when published.
    pub salary: Option<Salary>,
    /// Apprenticeships and dual study: monthly training allowance in EUR per year of
    /// training (index 0 = first year).
    pub training_allowance: Vec<u32>,
    /// Apprenticeships: the school-leaving certificate asked for.
    pub school_certificate: Option<SchoolCertificate>,
    /// Start date, if fixed.
    pub start_date: Option<NaiveDate>,
    /// When it was published.
    pub posted_at: DateTime<Utc>,
    /// Last day it is open; after that it disappears from search.
    pub valid_through: Option<NaiveDate>,
    /// How to apply.
    pub apply: Apply,
    /// Own or imported.
    pub source: Source,
    /// Id in the source system, for imported jobs.
    pub external_id: Option<String>,
    /// Fictitious demo record.
    pub demo: bool,
    /// Draft, published or unpublished; only published jobs are public.
    #[serde(default)]
    pub status: JobStatus,
}

vocabulary!(
    /// Where a job is in its life: only `published` jobs are searchable and public
    /// (until `valid_through`); drafts and unpublished jobs are seen by their
    /// organisation's editors only.
    JobStatus {
        /// Being written; not public.
        Draft = "draft",
        /// Public.
        Published = "published",
        /// Withdrawn; not public.
        Unpublished = "unpublished",
    }
);

// The enum comes from the `vocabulary!` macro, which cannot take `#[default]`.
#[allow(clippy::derivable_impls)]
impl Default for JobStatus {
    /// Imports and the API publish unless told otherwise.
    fn default() -> Self {
        JobStatus::Published
    }
}

/// Reference to the employer of a job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmployerRef {
    /// Store id.
    pub id: i64,
    /// Name.
    pub name: String,
}

/// A stored job with its employer and place resolved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Job {
    /// Store id.
    pub id: i64,
    /// The employer.
    pub employer: EmployerRef,
    /// The place of work.
    pub place: PlaceRef,
    /// Every field as written.
    #[serde(flatten)]
    pub data: NewJob,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

impl Job {
    /// The title.
    pub fn title(&self) -> &str {
        &self.data.title
    }

    /// Whether the job is open on `today` (no `valid_through`, or not yet past).
    pub fn is_open_on(&self, today: NaiveDate) -> bool {
        self.data.valid_through.is_none_or(|d| d >= today)
    }

    /// Whether the job is fully remote (its only working time is `remote`).
    pub fn is_fully_remote(&self) -> bool {
        self.data.working_time == [WorkingTime::Remote]
    }
}

impl NewJob {
    /// Checks every field, sanitises the description and normalises lists. Returns the
    /// first problem found, naming its field.
    pub fn validate(mut self) -> Result<Self, ValidationError> {
        self.title = text::required("title", &self.title, 200)?;
        self.description = text::sanitize_html(&self.description);
        if self.description.len() > 100_000 {
            return Err(ValidationError::new(
                "description",
                "must be at most 100,000 characters",
            ));
        }
        if !occupation::is_valid_code(&self.occupation)
            || occupation::best_match(&self.occupation).is_none()
        {
            return Err(ValidationError::new(
                "occupation",
                "must be a KldB 2010 code of 1 to 5 digits starting with a known area",
            ));
        }
        if let Some(pc) = &self.postcode {
            if pc.len() != 5 || !pc.bytes().all(|b| b.is_ascii_digit()) {
                return Err(ValidationError::new("postcode", "must be 5 digits"));
            }
        }
        if let Some(street) = &self.street {
            self.street = Some(text::required("street", street, 200)?);
        }
        self.working_time.sort();
        self.working_time.dedup();
        if self.working_time.is_empty() {
            return Err(ValidationError::new(
                "working_time",
                format!("needs at least one of: {}", WorkingTime::expected()),
            ));
        }
        if let Some(s) = &self.salary {
            if !(s.min.is_finite() && s.min > 0.0) {
                return Err(ValidationError::new(
                    "salary.min",
                    "must be a positive amount",
                ));
            }
            if let Some(max) = s.max {
                if !(max.is_finite() && max >= s.min) {
                    return Err(ValidationError::new(
                        "salary.max",
                        "must not be below salary.min",
                    ));
                }
            }
        }
        let trains = matches!(self.kind, JobKind::Apprenticeship | JobKind::DualStudy);
        if !self.training_allowance.is_empty() && !trains {
            return Err(ValidationError::new(
                "training_allowance",
                "is only for apprenticeships and dual study places",
            ));
        }
        if self.training_allowance.len() > 4 {
            return Err(ValidationError::new(
                "training_allowance",
                "covers at most 4 years of training",
            ));
        }
        if self.apply.url.is_none() && self.apply.email.is_none() {
            return Err(ValidationError::new(
                "apply",
                "needs a URL or an e-mail address",
            ));
        }
        if let Some(u) = &self.apply.url {
            text::check_http_url("apply.url", u)?;
        }
        if let Some(e) = &self.apply.email {
            text::check_email("apply.email", e)?;
        }
        if let Some(v) = self.valid_through {
            if v < self.posted_at.date_naive() {
                return Err(ValidationError::new(
                    "valid_through",
                    "must not be before the day it was posted",
                ));
            }
        }
        match (self.source, &self.external_id) {
            (Source::Imported, None) => {
                return Err(ValidationError::new(
                    "external_id",
                    "is required for imported jobs",
                ))
            }
            (Source::Own, Some(_)) => {
                return Err(ValidationError::new(
                    "external_id",
                    "is only for imported jobs",
                ))
            }
            _ => {}
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn sample() -> NewJob {
        NewJob {
            employer_id: 1,
            kind: JobKind::Job,
            title: " Industriemechaniker (m/w/d) ".into(),
            description: "<p>Wartung <script>x()</script>der Anlagen</p>".into(),
            occupation: "25".into(),
            place_id: 2830085,
            street: None,
            postcode: Some("03130".into()),
            working_time: vec![
                WorkingTime::Shift,
                WorkingTime::FullTime,
                WorkingTime::Shift,
            ],
            contract: Contract::Permanent,
            salary: Some(Salary {
                min: 3200.0,
                max: Some(3900.0),
                unit: SalaryUnit::Month,
            }),
            training_allowance: vec![],
            school_certificate: None,
            start_date: None,
            posted_at: DateTime::parse_from_rfc3339("2026-11-01T08:00:00Z")
                .map(|d| d.with_timezone(&Utc))
                .unwrap_or_default(),
            valid_through: None,
            apply: Apply {
                url: Some("https://example.de/jobs/1".into()),
                email: None,
            },
            source: Source::Own,
            external_id: None,
            demo: true,
            status: JobStatus::Published,
        }
    }

    #[test]
    fn valid_job_is_normalised() {
        let j = sample().validate().expect("valid");
        assert_eq!(j.title, "Industriemechaniker (m/w/d)");
        assert_eq!(j.description, "<p>Wartung der Anlagen</p>");
        assert_eq!(
            j.working_time,
            vec![WorkingTime::FullTime, WorkingTime::Shift]
        );
    }

    #[test]
    fn invalid_fields_are_named() {
        let field = |j: NewJob| j.validate().expect_err("invalid").field;
        assert_eq!(
            field(NewJob {
                title: "".into(),
                ..sample()
            }),
            "title"
        );
        assert_eq!(
            field(NewJob {
                occupation: "x".into(),
                ..sample()
            }),
            "occupation"
        );
        assert_eq!(
            field(NewJob {
                working_time: vec![],
                ..sample()
            }),
            "working_time"
        );
        assert_eq!(
            field(NewJob {
                postcode: Some("123".into()),
                ..sample()
            }),
            "postcode"
        );
        assert_eq!(
            field(NewJob {
                apply: Apply::default(),
                ..sample()
            }),
            "apply"
        );
        assert_eq!(
            field(NewJob {
                training_allowance: vec![900],
                ..sample()
            }),
            "training_allowance"
        );
        assert_eq!(
            field(NewJob {
                source: Source::Imported,
                ..sample()
            }),
            "external_id"
        );
        let mut s = sample();
        s.salary = Some(Salary {
            min: 10.0,
            max: Some(5.0),
            unit: SalaryUnit::Hour,
        });
        assert_eq!(field(s), "salary.max");
    }

    #[test]
    fn vocabularies_round_trip() {
        for k in JobKind::ALL {
            assert_eq!(JobKind::parse(k.as_str()), Some(*k));
            assert_eq!(JobKind::from_ordinal(k.ordinal()), Some(*k));
        }
        assert_eq!(
            JobKind::parse("further_training"),
            Some(JobKind::FurtherTraining)
        );
        assert_eq!(JobKind::parse("fulltime"), None);
        assert_eq!(
            serde_json::to_string(&WorkingTime::FullTime)
                .ok()
                .as_deref(),
            Some("\"full_time\"")
        );
    }
}
