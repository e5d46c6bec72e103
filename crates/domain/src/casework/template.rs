//! Case templates: the steps of a kind of case on a standard timeline (CiviCase's case
//! types, as data). A template is edited by a welcome center's admins and versioned: a
//! case keeps the version it was made from, a change makes a new version.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::error::ValidationError;
use crate::job::vocabulary;

vocabulary!(
    /// What a step is about. Consents are given per category ("only housing"), so a
    /// partner organisation sees exactly the steps of the categories it was given.
    Category {
        /// First contact, consent, the plan.
        Intake = "intake",
        /// Recognition of qualifications.
        Recognition = "recognition",
        /// Residence title, visa, residence permit.
        Residence = "residence",
        /// Registration, bank account, tax id.
        Arrival = "arrival",
        /// Job, employer, start of work.
        Work = "work",
        /// Language courses.
        Language = "language",
        /// Flat or house.
        Housing = "housing",
        /// Kita, school, family reunification, the partner's job.
        Family = "family",
        /// Health insurance and social security.
        Health = "health",
        /// Check-ins after the start: staying in the region.
        Retention = "retention",
    }
);

vocabulary!(
    /// The kind of body responsible for a step.
    BodyKind {
        /// Anerkennungsstelle: IHK FOSA, Handwerkskammer, ZAB, LASV, Landesdirektion.
        RecognitionBody = "recognition_body",
        /// Ausländerbehörde.
        ImmigrationOffice = "immigration_office",
        /// German embassy or consulate.
        Embassy = "embassy",
        /// Bundesagentur für Arbeit, ZAV.
        JobAgency = "job_agency",
        /// Jobcenter.
        Jobcenter = "jobcenter",
        /// Meldebehörde, Bürgeramt.
        RegistrationOffice = "registration_office",
        /// Language or integration course provider.
        CourseProvider = "course_provider",
        /// The employer.
        Employer = "employer",
        /// The welcome center itself.
        WelcomeCenter = "welcome_center",
        /// The municipality: Kita, school.
        Municipality = "municipality",
        /// Health insurance.
        HealthInsurance = "health_insurance",
        /// Finanzamt.
        TaxOffice = "tax_office",
        /// The person themselves.
        Person = "person",
        /// Anything else.
        Other = "other",
    }
);

/// A text in several languages: German always, others where translated. Template texts
/// are data edited by welcome centers, so they carry their translations themselves.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct Texts(pub BTreeMap<String, String>);

impl Texts {
    /// The text in `lang`, else German, else any.
    pub fn get(&self, lang: &str) -> &str {
        self.0
            .get(lang)
            .or_else(|| self.0.get("de"))
            .or_else(|| self.0.values().next())
            .map(String::as_str)
            .unwrap_or("")
    }

    /// A German-only text.
    pub fn de(s: &str) -> Self {
        Texts(BTreeMap::from([("de".to_string(), s.to_string())]))
    }
}

/// When a step is due: a number of days after the case start or after another step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Due {
    /// `start`, or the key of an earlier step.
    pub after: String,
    /// Days after it (0–1100).
    pub days: i64,
}

/// The anchor of a due rule that means the case start.
pub const START: &str = "start";

/// One document of a step's checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentItem {
    /// Stable key within the step.
    pub key: String,
    /// What to bring.
    pub label: Texts,
}

/// One step of a template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TemplateStep {
    /// Stable key within the template (lowercase, digits, `-`).
    pub key: String,
    /// Title.
    pub title: Texts,
    /// What to do, where, which law.
    #[serde(default)]
    pub hint: Texts,
    /// What the step is about.
    pub category: Category,
    /// Who is responsible.
    pub body: BodyKind,
    /// When it is due.
    pub due: Due,
    /// Only where needed.
    #[serde(default)]
    pub optional: bool,
    /// What to bring.
    #[serde(default)]
    pub documents: Vec<DocumentItem>,
}

/// A case template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseTemplate {
    /// Stable key (`fachkraft-drittstaat`).
    pub key: String,
    /// Version, counted up by every change.
    pub version: i64,
    /// Name.
    pub name: Texts,
    /// What kind of case it is for.
    #[serde(default)]
    pub description: Texts,
    /// The steps, in order.
    pub steps: Vec<TemplateStep>,
}

/// Longest due offset, in days (three years: the last retention check-in is at 24
/// months after the start of work).
pub const MAX_DUE_DAYS: i64 = 1100;
/// Most steps a template may have.
pub const MAX_STEPS: usize = 60;

fn valid_key(k: &str) -> bool {
    !k.is_empty()
        && k.len() <= 60
        && k.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn required_text(t: &Texts, field: &str) -> Result<(), ValidationError> {
    if t.0.get("de").is_none_or(|s| s.trim().is_empty()) {
        return Err(ValidationError::new(
            format!("{field}.de"),
            "a German text is required",
        ));
    }
    if t.0.values().any(|s| s.chars().count() > 2000) {
        return Err(ValidationError::new(field, "at most 2000 characters"));
    }
    Ok(())
}

impl CaseTemplate {
    /// Checks the template: keys, texts, and due rules that point only to earlier steps
    /// (so due dates can always be derived, without cycles).
    pub fn validate(&self) -> Result<(), ValidationError> {
        if !valid_key(&self.key) {
            return Err(ValidationError::new(
                "key",
                "use lowercase letters, digits and '-' (at most 60)",
            ));
        }
        required_text(&self.name, "name")?;
        if self.steps.is_empty() || self.steps.len() > MAX_STEPS {
            return Err(ValidationError::new(
                "steps",
                format!("a template has between 1 and {MAX_STEPS} steps"),
            ));
        }
        let mut seen = BTreeSet::new();
        for (i, s) in self.steps.iter().enumerate() {
            let f = |name: &str| format!("steps[{i}].{name}");
            if !valid_key(&s.key) {
                return Err(ValidationError::new(
                    f("key"),
                    "use lowercase letters, digits and '-' (at most 60)",
                ));
            }
            if s.key == START {
                return Err(ValidationError::new(f("key"), "'start' is reserved"));
            }
            required_text(&s.title, &f("title"))?;
            if s.due.after != START && !seen.contains(s.due.after.as_str()) {
                return Err(ValidationError::new(
                    f("due.after"),
                    format!(
                        "'{}' is neither 'start' nor the key of an earlier step",
                        s.due.after
                    ),
                ));
            }
            if !(0..=MAX_DUE_DAYS).contains(&s.due.days) {
                return Err(ValidationError::new(
                    f("due.days"),
                    format!("between 0 and {MAX_DUE_DAYS} days"),
                ));
            }
            let mut docs = BTreeSet::new();
            for (j, d) in s.documents.iter().enumerate() {
                if !valid_key(&d.key) || !docs.insert(d.key.as_str()) {
                    return Err(ValidationError::new(
                        f(&format!("documents[{j}].key")),
                        "a unique key of lowercase letters, digits and '-'",
                    ));
                }
                required_text(&d.label, &f(&format!("documents[{j}].label")))?;
            }
            if !seen.insert(s.key.as_str()) {
                return Err(ValidationError::new(
                    f("key"),
                    format!("'{}' is used twice", s.key),
                ));
            }
        }
        Ok(())
    }

    /// The step with this key.
    pub fn step(&self, key: &str) -> Option<&TemplateStep> {
        self.steps.iter().find(|s| s.key == key)
    }
}

/// The templates bleibe ships (`data/case-templates/`), each valid.
pub fn builtin() -> Vec<CaseTemplate> {
    [
        include_str!("../../../../data/case-templates/fachkraft-drittstaat.json"),
        include_str!("../../../../data/case-templates/rueckkehr.json"),
        include_str!("../../../../data/case-templates/eu-grenzpendler.json"),
    ]
    .iter()
    .filter_map(|json| serde_json::from_str(json).ok())
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(key: &str, after: &str, days: i64) -> TemplateStep {
        TemplateStep {
            key: key.into(),
            title: Texts::de(key),
            hint: Texts::default(),
            category: Category::Arrival,
            body: BodyKind::Person,
            due: Due {
                after: after.into(),
                days,
            },
            optional: false,
            documents: vec![],
        }
    }

    fn template(steps: Vec<TemplateStep>) -> CaseTemplate {
        CaseTemplate {
            key: "t".into(),
            version: 1,
            name: Texts::de("T"),
            description: Texts::default(),
            steps,
        }
    }

    #[test]
    fn the_shipped_templates_parse_and_are_valid() {
        let all = builtin();
        assert_eq!(all.len(), 3, "every shipped file parses");
        for t in &all {
            t.validate().unwrap_or_else(|e| panic!("{}: {e:?}", t.key));
            assert!(
                t.steps.iter().all(|s| s.title.0.contains_key("en")),
                "{}",
                t.key
            );
        }
        let keys: Vec<_> = all.iter().map(|t| t.key.as_str()).collect();
        assert_eq!(
            keys,
            ["fachkraft-drittstaat", "rueckkehr", "eu-grenzpendler"]
        );
        let fk = &all[0];
        // The order: residence before recognition before visa before arrival.
        let pos = |c: Category| fk.steps.iter().position(|s| s.category == c).unwrap();
        assert!(pos(Category::Intake) < pos(Category::Residence));
        assert!(pos(Category::Residence) < pos(Category::Recognition));
        assert!(pos(Category::Recognition) < pos(Category::Arrival));
        assert!(
            fk.steps
                .iter()
                .filter(|s| s.category == Category::Retention)
                .count()
                >= 3
        );
    }

    #[test]
    fn due_rules_point_only_backwards() {
        assert!(template(vec![step("a", "start", 0), step("b", "a", 3)])
            .validate()
            .is_ok());
        let e = template(vec![step("a", "b", 0), step("b", "start", 3)])
            .validate()
            .unwrap_err();
        assert_eq!(e.field, "steps[0].due.after");
        let e = template(vec![step("a", "a", 0)]).validate().unwrap_err();
        assert_eq!(e.field, "steps[0].due.after", "a step cannot follow itself");
        let e = template(vec![step("a", "start", 0), step("a", "start", 1)])
            .validate()
            .unwrap_err();
        assert_eq!(e.field, "steps[1].key");
        let e = template(vec![step("a", "start", -1)])
            .validate()
            .unwrap_err();
        assert_eq!(e.field, "steps[0].due.days");
        let e = template(vec![step("A b", "start", 1)])
            .validate()
            .unwrap_err();
        assert_eq!(e.field, "steps[0].key");
        let e = template(vec![]).validate().unwrap_err();
        assert_eq!(e.field, "steps");
    }
}
