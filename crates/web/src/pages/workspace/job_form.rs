//! The job form: what was submitted (kept as typed, so nothing is lost when it comes
//! back with errors), how it becomes a [`NewJob`], and its fields.

use super::fields::{options, Errors, Field};
use super::{html_to_text, place_label, place_value, resolve_place, text_to_html};
use crate::i18n::Tr;
use crate::search::{kind_label, occupation_label, working_time_label};
use crate::state::AppState;
use crate::views::SelectOption;
use bleibe_domain::{
    occupation, Apply, Contract, Job, JobKind, JobStatus, NewJob, Salary, SalaryUnit,
    SchoolCertificate, Source, WorkingTime,
};
use chrono::{NaiveDate, Utc};

/// Years of training allowance the form offers.
pub(super) const ALLOWANCE_YEARS: usize = 4;
const ALLOWANCE_FIELDS: [&str; ALLOWANCE_YEARS] =
    ["allowance_1", "allowance_2", "allowance_3", "allowance_4"];

/// The value of the submit button that publishes (the other one, `draft`, keeps the
/// job from the public).
pub(super) const ACTION_PUBLISH: &str = "publish";

/// The job form's values, as typed.
#[derive(Debug, Clone, Default)]
pub(super) struct JobForm {
    pub title: String,
    pub kind: String,
    pub description: String,
    pub occupation: String,
    pub place: String,
    pub street: String,
    pub postcode: String,
    pub working_time: Vec<String>,
    pub contract: String,
    pub salary_min: String,
    pub salary_max: String,
    pub salary_unit: String,
    pub school_certificate: String,
    pub allowance: [String; ALLOWANCE_YEARS],
    pub start_date: String,
    pub valid_through: String,
    pub apply_url: String,
    pub apply_email: String,
    /// Which submit button: `draft` or [`ACTION_PUBLISH`].
    pub action: String,
}

impl JobForm {
    /// An empty form with sensible choices.
    pub fn blank() -> Self {
        Self {
            kind: JobKind::Job.as_str().into(),
            contract: Contract::Permanent.as_str().into(),
            salary_unit: SalaryUnit::Month.as_str().into(),
            working_time: vec![WorkingTime::FullTime.as_str().into()],
            ..Self::default()
        }
    }

    /// A submitted form (repeated `working_time` fields are the checkboxes).
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut f = Self::default();
        for (k, v) in pairs {
            match k.as_str() {
                "title" => f.title = v,
                "kind" => f.kind = v,
                "description" => f.description = v,
                "occupation" => f.occupation = v,
                "place" => f.place = v,
                "street" => f.street = v,
                "postcode" => f.postcode = v,
                "working_time" => f.working_time.push(v),
                "contract" => f.contract = v,
                "salary_min" => f.salary_min = v,
                "salary_max" => f.salary_max = v,
                "salary_unit" => f.salary_unit = v,
                "school_certificate" => f.school_certificate = v,
                "start_date" => f.start_date = v,
                "valid_through" => f.valid_through = v,
                "apply_url" => f.apply_url = v,
                "apply_email" => f.apply_email = v,
                "action" => f.action = v,
                other => {
                    if let Some(i) = ALLOWANCE_FIELDS.iter().position(|n| *n == other) {
                        f.allowance[i] = v;
                    }
                }
            }
        }
        f
    }

    /// The form filled from a stored job.
    pub fn from_job(state: &AppState, job: &Job) -> Self {
        let d = &job.data;
        let amount = |x: f64| {
            if x.fract() == 0.0 {
                format!("{x:.0}")
            } else {
                format!("{x:.2}")
            }
        };
        let mut allowance: [String; ALLOWANCE_YEARS] = Default::default();
        for (slot, a) in allowance.iter_mut().zip(&d.training_allowance) {
            *slot = a.to_string();
        }
        Self {
            title: d.title.clone(),
            kind: d.kind.as_str().into(),
            description: html_to_text(&d.description),
            occupation: d.occupation.clone(),
            place: place_value(state, d.place_id),
            street: d.street.clone().unwrap_or_default(),
            postcode: d.postcode.clone().unwrap_or_default(),
            working_time: d
                .working_time
                .iter()
                .map(|w| w.as_str().to_string())
                .collect(),
            contract: d.contract.as_str().into(),
            salary_min: d.salary.map(|s| amount(s.min)).unwrap_or_default(),
            salary_max: d.salary.and_then(|s| s.max).map(amount).unwrap_or_default(),
            salary_unit: d
                .salary
                .map_or(SalaryUnit::Month, |s| s.unit)
                .as_str()
                .into(),
            school_certificate: d
                .school_certificate
                .map(|c| c.as_str().to_string())
                .unwrap_or_default(),
            allowance,
            start_date: d.start_date.map(|x| x.to_string()).unwrap_or_default(),
            valid_through: d.valid_through.map(|x| x.to_string()).unwrap_or_default(),
            apply_url: d.apply.url.clone().unwrap_or_default(),
            apply_email: d.apply.email.clone().unwrap_or_default(),
            action: String::new(),
        }
    }

    /// The status the chosen button asks for: publish, or keep it from the public (a
    /// new job or a draft stays a draft, a job that was out already is unpublished).
    pub fn status(&self, existing: Option<JobStatus>) -> JobStatus {
        if self.action == ACTION_PUBLISH {
            JobStatus::Published
        } else {
            match existing {
                None | Some(JobStatus::Draft) => JobStatus::Draft,
                Some(_) => JobStatus::Unpublished,
            }
        }
    }

    /// The job the form describes, or the fields that could not be read (the domain
    /// checks the rest when the job is saved).
    pub fn to_new_job(
        &self,
        state: &AppState,
        tr: &Tr,
        existing: Option<JobStatus>,
    ) -> Result<NewJob, Errors> {
        let mut errors = Errors::default();
        let kind = JobKind::parse(&self.kind);
        if kind.is_none() {
            errors.field(tr, "kind");
        }
        let occupation_code = self.occupation.trim().to_string();
        let place_id = resolve_place(state, &self.place);
        if place_id.is_none() {
            errors.field(tr, "place");
        }
        let mut working_time = Vec::new();
        for w in &self.working_time {
            match WorkingTime::parse(w) {
                Some(w) => working_time.push(w),
                None => errors.field(tr, "working_time"),
            }
        }
        let contract = Contract::parse(&self.contract);
        if contract.is_none() {
            errors.field(tr, "contract");
        }
        let min = parse_amount(&self.salary_min);
        let max = parse_amount(&self.salary_max);
        let unit = SalaryUnit::parse(&self.salary_unit);
        let salary = match (min, max, unit) {
            (Ok(None), Ok(None), _) => None,
            (Ok(Some(min)), Ok(max), Some(unit)) => Some(Salary { min, max, unit }),
            (min, max, unit) => {
                if !matches!(min, Ok(Some(_))) {
                    errors.field(tr, "salary_min");
                }
                if max.is_err() {
                    errors.field(tr, "salary_max");
                }
                if unit.is_none() {
                    errors.field(tr, "salary_unit");
                }
                None
            }
        };
        let school_certificate = match self.school_certificate.trim() {
            "" => None,
            c => {
                let parsed = SchoolCertificate::parse(c);
                if parsed.is_none() {
                    errors.field(tr, "school_certificate");
                }
                parsed
            }
        };
        let mut training_allowance = Vec::new();
        for (i, a) in self.allowance.iter().enumerate() {
            let a = a.trim();
            if a.is_empty() {
                continue;
            }
            match a.parse::<u32>() {
                Ok(n) if training_allowance.len() == i => training_allowance.push(n),
                // A gap (year 2 without year 1) or not a whole number.
                _ => errors.field(tr, ALLOWANCE_FIELDS[i]),
            }
        }
        let start_date = parse_date(&self.start_date);
        if start_date.is_err() {
            errors.field(tr, "start_date");
        }
        let valid_through = parse_date(&self.valid_through);
        if valid_through.is_err() {
            errors.field(tr, "valid_through");
        }
        let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let job = NewJob {
            employer_id: 0,
            kind: kind.unwrap_or(JobKind::Job),
            title: self.title.clone(),
            description: text_to_html(&self.description),
            occupation: occupation_code,
            place_id: place_id.unwrap_or(0),
            street: opt(&self.street),
            postcode: opt(&self.postcode),
            working_time,
            contract: contract.unwrap_or(Contract::Permanent),
            salary,
            training_allowance,
            school_certificate,
            start_date: start_date.unwrap_or(None),
            posted_at: Utc::now(),
            valid_through: valid_through.unwrap_or(None),
            apply: Apply {
                url: opt(&self.apply_url),
                email: opt(&self.apply_email),
            },
            source: Source::Own,
            external_id: None,
            demo: false,
            status: self.status(existing),
        };
        if errors.is_empty() {
            return Ok(job);
        }
        // Say what the domain would say as well (its first problem), so that one round
        // trip shows more than the fields read here.
        if let Err(e) = job.validate() {
            if let Some(field) = field_of(&e.field) {
                errors.field(tr, field);
            }
        }
        Err(errors)
    }
}

/// An amount in euros as people type it ("3200", "3.200", "14,50"); empty is `None`.
fn parse_amount(raw: &str) -> Result<Option<f64>, ()> {
    let s: String = raw
        .trim()
        .trim_end_matches('€')
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if s.is_empty() {
        return Ok(None);
    }
    // With both separators the last one is the decimal point ("3.200,50", "3,200.50");
    // a single kind followed by exactly three digits groups thousands ("3.200",
    // "3,200"), otherwise it is the decimal point ("14,50", "14.5").
    let last_comma = s.rfind(',');
    let last_dot = s.rfind('.');
    let normalised = match (last_comma, last_dot) {
        (Some(c), Some(d)) if c > d => s.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => s.replace(',', ""),
        (Some(i), None) | (None, Some(i)) => {
            let sep = if last_comma.is_some() { ',' } else { '.' };
            if s.len() - i - 1 == 3 {
                s.replace(sep, "")
            } else {
                s.replace(sep, ".")
            }
        }
        (None, None) => s,
    };
    normalised
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .map(Some)
        .ok_or(())
}

/// A date as `YYYY-MM-DD` (the date picker) or `DD.MM.YYYY`; empty is `None`.
fn parse_date(raw: &str) -> Result<Option<NaiveDate>, ()> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d.%m.%Y"))
        .map(Some)
        .map_err(|_| ())
}

/// The form field a validation error's parameter concerns.
pub(super) fn field_of(param: &str) -> Option<&'static str> {
    Some(match param {
        "title" => "title",
        "kind" => "kind",
        "description" => "description",
        "occupation" => "occupation",
        "place" | "place_id" => "place",
        "street" => "street",
        "postcode" => "postcode",
        "working_time" => "working_time",
        "contract" => "contract",
        "salary" | "salary.min" => "salary_min",
        "salary.max" => "salary_max",
        "salary.unit" => "salary_unit",
        "school_certificate" => "school_certificate",
        "training_allowance" => "allowance_1",
        "start_date" => "start_date",
        "valid_through" => "valid_through",
        "apply" | "apply.url" => "apply_url",
        "apply.email" => "apply_email",
        _ => return None,
    })
}

/// The job form's fields, filled and with their errors.
pub(super) struct JobFields {
    pub title: Field,
    pub kind: Field,
    pub description: Field,
    pub occupation: Field,
    pub place: Field,
    pub street: Field,
    pub postcode: Field,
    pub working_time: Field,
    pub contract: Field,
    pub salary_min: Field,
    pub salary_max: Field,
    pub salary_unit: Field,
    pub school_certificate: Field,
    pub allowance: Vec<Field>,
    pub start_date: Field,
    pub valid_through: Field,
    pub apply_url: Field,
    pub apply_email: Field,
}

impl JobFields {
    /// Every field, in page order (for the error summary).
    pub fn all(&self) -> Vec<&Field> {
        let mut v = vec![
            &self.title,
            &self.kind,
            &self.occupation,
            &self.description,
            &self.place,
            &self.street,
            &self.postcode,
            &self.working_time,
            &self.contract,
            &self.salary_min,
            &self.salary_max,
            &self.salary_unit,
            &self.school_certificate,
        ];
        v.extend(self.allowance.iter());
        v.extend([
            &self.start_date,
            &self.valid_through,
            &self.apply_url,
            &self.apply_email,
        ]);
        v
    }

    /// The fields for `form`.
    pub fn new(state: &AppState, tr: &Tr, form: &JobForm, errors: &Errors) -> Self {
        let req = |key: &str| tr.t1("ws-required", "label", tr.t(key));
        let occupation_hint = {
            let code = form.occupation.trim();
            let base = tr.t("ws-job-occupation-hint");
            if occupation::is_valid_code(code) && occupation::best_match(code).is_some() {
                format!(
                    "{base} {}",
                    tr.t1("ws-selected", "value", occupation_label(tr, code))
                )
            } else {
                base
            }
        };
        let place_hint = {
            let base = tr.t("ws-place-hint");
            match resolve_place(state, &form.place).and_then(|id| place_label(state, id)) {
                Some(label) => format!("{base} {}", tr.t1("ws-selected", "value", label)),
                None => base,
            }
        };
        let date_hint = tr.t("ws-date-hint");
        let mut certificates = vec![SelectOption {
            value: String::new(),
            label: tr.t("ws-job-certificate-none"),
            selected: form.school_certificate.is_empty(),
        }];
        certificates.extend(options(
            SchoolCertificate::ALL,
            SchoolCertificate::as_str,
            |c| tr.t(&format!("certificate-{}", c.as_str())),
            &form.school_certificate,
        ));
        Self {
            title: Field::new("title", req("ws-job-title"), form.title.clone())
                .required()
                .maxlength(200)
                .errors(errors),
            kind: Field::select(
                "kind",
                tr.t("ws-job-kind"),
                options(
                    JobKind::ALL,
                    JobKind::as_str,
                    |k| kind_label(tr, k),
                    &form.kind,
                ),
            )
            .errors(errors),
            description: Field::new(
                "description",
                tr.t("ws-job-description"),
                form.description.clone(),
            )
            .control("textarea")
            .hint(tr.t("ws-description-hint"))
            .errors(errors),
            occupation: Field::new(
                "occupation",
                req("ws-job-occupation"),
                form.occupation.clone(),
            )
            .required()
            .hint(occupation_hint)
            .inputmode("numeric")
            .list("occupations")
            .maxlength(5)
            .errors(errors),
            place: Field::new("place", req("ws-job-place"), form.place.clone())
                .required()
                .hint(place_hint)
                .autocomplete("address-level2")
                .errors(errors),
            street: Field::new("street", tr.t("ws-job-street"), form.street.clone())
                .autocomplete("street-address")
                .maxlength(200)
                .errors(errors),
            postcode: Field::new("postcode", tr.t("ws-job-postcode"), form.postcode.clone())
                .autocomplete("postal-code")
                .inputmode("numeric")
                .maxlength(5)
                .errors(errors),
            working_time: Field::checks(
                "working_time",
                req("ws-job-working-time"),
                WorkingTime::ALL
                    .iter()
                    .map(|w| SelectOption {
                        value: w.as_str().into(),
                        label: working_time_label(tr, *w),
                        selected: form.working_time.iter().any(|s| s == w.as_str()),
                    })
                    .collect(),
            )
            .hint(tr.t("ws-job-working-time-hint"))
            .errors(errors),
            contract: Field::select(
                "contract",
                tr.t("ws-job-contract"),
                options(
                    Contract::ALL,
                    Contract::as_str,
                    |c| tr.t(&format!("contract-{}", c.as_str())),
                    &form.contract,
                ),
            )
            .errors(errors),
            salary_min: Field::new(
                "salary_min",
                tr.t("ws-job-salary-min"),
                form.salary_min.clone(),
            )
            .inputmode("decimal")
            .errors(errors),
            salary_max: Field::new(
                "salary_max",
                tr.t("ws-job-salary-max"),
                form.salary_max.clone(),
            )
            .inputmode("decimal")
            .errors(errors),
            salary_unit: Field::select(
                "salary_unit",
                tr.t("ws-job-salary-unit"),
                options(
                    SalaryUnit::ALL,
                    SalaryUnit::as_str,
                    |u| tr.t(&format!("ws-salary-unit-{}", u.as_str())),
                    &form.salary_unit,
                ),
            )
            .errors(errors),
            school_certificate: Field::select(
                "school_certificate",
                tr.t("ws-job-certificate"),
                certificates,
            )
            .errors(errors),
            allowance: ALLOWANCE_FIELDS
                .iter()
                .zip(&form.allowance)
                .enumerate()
                .map(|(i, (name, value))| {
                    Field::new(
                        *name,
                        tr.t1("ws-job-allowance-year", "year", i + 1),
                        value.clone(),
                    )
                    .inputmode("numeric")
                    .errors(errors)
                })
                .collect(),
            start_date: Field::new("start_date", tr.t("ws-job-start"), form.start_date.clone())
                .control("date")
                .hint(date_hint.clone())
                .errors(errors),
            valid_through: Field::new(
                "valid_through",
                tr.t("ws-job-valid-through"),
                form.valid_through.clone(),
            )
            .control("date")
            .hint(date_hint)
            .errors(errors),
            apply_url: Field::new(
                "apply_url",
                tr.t("ws-job-apply-url"),
                form.apply_url.clone(),
            )
            .control("url")
            .autocomplete("url")
            .errors(errors),
            apply_email: Field::new(
                "apply_email",
                tr.t("ws-job-apply-email"),
                form.apply_email.clone(),
            )
            .control("email")
            .autocomplete("email")
            .errors(errors),
        }
    }
}

/// The occupations for the code field's suggestion list: (code, name).
pub(super) fn occupation_suggestions(tr: &Tr) -> Vec<(String, String)> {
    occupation::all()
        .iter()
        .map(|o| (o.code.clone(), o.name(tr.lang.code()).to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_as_people_type_them() {
        assert_eq!(parse_amount(""), Ok(None));
        assert_eq!(parse_amount("3200"), Ok(Some(3200.0)));
        assert_eq!(parse_amount("3.200"), Ok(Some(3200.0)));
        assert_eq!(parse_amount("3.200,50 €"), Ok(Some(3200.5)));
        assert_eq!(parse_amount("14,50"), Ok(Some(14.5)));
        assert_eq!(parse_amount("14.5"), Ok(Some(14.5)));
        assert_eq!(parse_amount("3,200"), Ok(Some(3200.0)));
        assert_eq!(parse_amount("3,200.50"), Ok(Some(3200.5)));
        assert_eq!(parse_amount("1.000.000"), Ok(Some(1_000_000.0)));
        assert_eq!(parse_amount("viel"), Err(()));
    }

    #[test]
    fn dates_in_both_forms() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 1);
        assert_eq!(parse_date("2026-03-01"), Ok(d));
        assert_eq!(parse_date("01.03.2026"), Ok(d));
        assert_eq!(parse_date(" "), Ok(None));
        assert_eq!(parse_date("März"), Err(()));
    }

    #[test]
    fn the_buttons_choose_the_status() {
        let mut f = JobForm::blank();
        f.action = "draft".into();
        assert_eq!(f.status(None), JobStatus::Draft);
        assert_eq!(f.status(Some(JobStatus::Published)), JobStatus::Unpublished);
        f.action = ACTION_PUBLISH.into();
        assert_eq!(f.status(Some(JobStatus::Draft)), JobStatus::Published);
    }
}
