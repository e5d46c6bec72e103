//! Persons seeking advice: who they are, how to reach them, what they bring. A person
//! belongs to the welcome center that records them; a link to a user account lets them
//! see their own case.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::ValidationError;
use crate::job::vocabulary;
use crate::text;

vocabulary!(
    /// How far a foreign qualification is recognised.
    RecognitionStatus {
        /// Not yet applied for.
        NotStarted = "not_started",
        /// Applied for, pending.
        InProgress = "in_progress",
        /// Partly equivalent: a measure (§16d) is needed.
        Partial = "partial",
        /// Fully equivalent.
        Full = "full",
        /// Not regulated: no recognition needed.
        NotRequired = "not_required",
        /// Refused.
        Refused = "refused",
    }
);

/// A qualification the person brings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Qualification {
    /// What it is ("Elektroniker", "Pflegefachkraft (BSc)").
    pub title: String,
    /// KldB 2010 code of the matching German occupation, if known (its first digit is
    /// the occupation area kept in the anonymised statistics).
    #[serde(default)]
    pub kldb: Option<String>,
    /// Recognition status.
    pub recognition: RecognitionStatus,
}

/// A member of the person's household.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HouseholdMember {
    /// Name.
    pub name: String,
    /// Relation ("Partnerin", "Sohn").
    pub relation: String,
    /// Year of birth (children: Kita and school).
    #[serde(default)]
    pub birth_year: Option<i32>,
}

/// What is entered about a person.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewPerson {
    /// Full name.
    pub name: String,
    /// E-mail address.
    #[serde(default)]
    pub email: Option<String>,
    /// Phone.
    #[serde(default)]
    pub phone: Option<String>,
    /// Languages spoken (ISO 639-1: `de`, `en`, `uk`, `ar` …).
    #[serde(default)]
    pub languages: Vec<String>,
    /// The language bleibe speaks to them in (`de` or `en`).
    #[serde(default)]
    pub preferred_language: Option<String>,
    /// Country of origin (ISO 3166-1 alpha-2).
    #[serde(default)]
    pub country: Option<String>,
    /// Year of arrival in Germany (planned or past).
    #[serde(default)]
    pub arrival_year: Option<i32>,
    /// Qualifications.
    #[serde(default)]
    pub qualifications: Vec<Qualification>,
    /// Household members.
    #[serde(default)]
    pub household: Vec<HouseholdMember>,
}

/// A person as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Person {
    /// Id.
    pub id: i64,
    /// The welcome center that records them.
    pub org_id: i64,
    /// Their user account, if linked.
    pub user_id: Option<i64>,
    /// What is known.
    #[serde(flatten)]
    pub data: NewPerson,
    /// Optimistic lock.
    pub version: i64,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

fn short(field: &str, s: &str, max: usize) -> Result<(), ValidationError> {
    if s.chars().count() > max {
        return Err(ValidationError::new(
            field,
            format!("at most {max} characters"),
        ));
    }
    Ok(())
}

impl NewPerson {
    /// Trims and checks every field; names the field at fault.
    pub fn normalised(mut self) -> Result<Self, ValidationError> {
        self.name = self.name.trim().to_string();
        if self.name.is_empty() {
            return Err(ValidationError::new("name", "the name is required"));
        }
        short("name", &self.name, 200)?;
        self.email = self
            .email
            .map(|e| e.trim().to_lowercase())
            .filter(|e| !e.is_empty());
        if let Some(e) = &self.email {
            text::check_email("email", e)?;
        }
        self.phone = self
            .phone
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty());
        if let Some(p) = &self.phone {
            short("phone", p, 40)?;
            if !p
                .chars()
                .all(|c| c.is_ascii_digit() || " +-/()".contains(c))
            {
                return Err(ValidationError::new(
                    "phone",
                    "digits, spaces and + - / ( ) only",
                ));
            }
        }
        for (i, l) in self.languages.iter_mut().enumerate() {
            *l = l.trim().to_lowercase();
            if l.len() != 2 || !l.bytes().all(|b| b.is_ascii_lowercase()) {
                return Err(ValidationError::new(
                    format!("languages[{i}]"),
                    "a two-letter language code (ISO 639-1), e.g. de, en, uk",
                ));
            }
        }
        self.languages.dedup();
        if let Some(l) = &self.preferred_language {
            if !matches!(l.as_str(), "de" | "en") {
                return Err(ValidationError::new("preferred_language", "de or en"));
            }
        }
        self.country = self
            .country
            .map(|c| c.trim().to_uppercase())
            .filter(|c| !c.is_empty());
        if let Some(c) = &self.country {
            if c.len() != 2 || !c.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err(ValidationError::new(
                    "country",
                    "a two-letter country code (ISO 3166-1), e.g. IN, UA, PL",
                ));
            }
        }
        if let Some(y) = self.arrival_year {
            if !(1950..=2100).contains(&y) {
                return Err(ValidationError::new("arrival_year", "a year such as 2026"));
            }
        }
        for (i, q) in self.qualifications.iter_mut().enumerate() {
            q.title = q.title.trim().to_string();
            if q.title.is_empty() {
                return Err(ValidationError::new(
                    format!("qualifications[{i}].title"),
                    "the title is required",
                ));
            }
            short(&format!("qualifications[{i}].title"), &q.title, 200)?;
            if let Some(k) = &q.kldb {
                if k.is_empty() || k.len() > 5 || !k.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(ValidationError::new(
                        format!("qualifications[{i}].kldb"),
                        "a KldB 2010 code of 1 to 5 digits",
                    ));
                }
            }
        }
        for (i, m) in self.household.iter_mut().enumerate() {
            m.name = m.name.trim().to_string();
            m.relation = m.relation.trim().to_string();
            if m.name.is_empty() {
                return Err(ValidationError::new(
                    format!("household[{i}].name"),
                    "the name is required",
                ));
            }
            short(&format!("household[{i}].name"), &m.name, 200)?;
            short(&format!("household[{i}].relation"), &m.relation, 100)?;
            if m.birth_year.is_some_and(|y| !(1900..=2100).contains(&y)) {
                return Err(ValidationError::new(
                    format!("household[{i}].birth_year"),
                    "a year such as 2019",
                ));
            }
        }
        if self.qualifications.len() > 20 || self.household.len() > 20 {
            return Err(ValidationError::new(
                "household",
                "at most 20 qualifications and 20 household members",
            ));
        }
        Ok(self)
    }

    /// The occupation area (KldB 2010 Berufsbereich, first digit) of the first
    /// qualification that has a code: kept in the anonymised statistics.
    pub fn occupation_area(&self) -> Option<String> {
        self.qualifications
            .iter()
            .find_map(|q| q.kldb.as_ref()?.get(..1).map(str::to_string))
    }
}

/// A coarse group of countries of origin for the anonymised statistics: fine enough for
/// the demand monitor, too coarse to point to a person in a small region.
pub fn country_group(country: Option<&str>) -> &'static str {
    const EU_EEA_CH: &[&str] = &[
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
        "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
        "CH",
    ];
    const WESTERN_BALKANS: &[&str] = &["AL", "BA", "XK", "ME", "MK", "RS"];
    const EASTERN_EUROPE: &[&str] = &["UA", "MD", "BY", "RU", "GE", "AM", "AZ", "TR"];
    const ASIA: &[&str] = &[
        "IN", "PK", "BD", "LK", "NP", "VN", "PH", "ID", "TH", "MY", "CN", "KR", "JP", "KZ", "UZ",
        "KG", "TJ", "TM", "MN", "AF",
    ];
    const MENA: &[&str] = &[
        "SY", "IQ", "IR", "EG", "MA", "DZ", "TN", "LY", "JO", "LB", "SA", "YE", "AE", "PS",
    ];
    const AMERICAS: &[&str] = &[
        "BR", "MX", "CO", "AR", "PE", "CL", "VE", "EC", "BO", "CU", "US", "CA",
    ];
    let Some(c) = country else {
        return "unknown";
    };
    let groups: [(&[&str], &'static str); 6] = [
        (EU_EEA_CH, "eu_eea_ch"),
        (WESTERN_BALKANS, "western_balkans"),
        (EASTERN_EUROPE, "eastern_europe"),
        (ASIA, "asia"),
        (MENA, "middle_east_north_africa"),
        (AMERICAS, "americas"),
    ];
    groups
        .iter()
        .find(|(list, _)| list.contains(&c))
        .map(|(_, g)| *g)
        .unwrap_or("other")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person() -> NewPerson {
        NewPerson {
            name: " Amina Okafor ".into(),
            email: Some("Amina@Example.org ".into()),
            languages: vec!["EN".into(), "de".into()],
            country: Some("ng".into()),
            qualifications: vec![Qualification {
                title: "Elektronikerin".into(),
                kldb: Some("26212".into()),
                recognition: RecognitionStatus::InProgress,
            }],
            ..NewPerson::default()
        }
    }

    #[test]
    fn a_person_is_normalised() {
        let p = person().normalised().unwrap();
        assert_eq!(p.name, "Amina Okafor");
        assert_eq!(p.email.as_deref(), Some("amina@example.org"));
        assert_eq!(p.languages, ["en", "de"]);
        assert_eq!(p.country.as_deref(), Some("NG"));
        assert_eq!(p.occupation_area().as_deref(), Some("2"));
    }

    #[test]
    fn bad_fields_are_named() {
        let cases: Vec<(NewPerson, &str)> = vec![
            (
                NewPerson {
                    name: " ".into(),
                    ..person()
                },
                "name",
            ),
            (
                NewPerson {
                    email: Some("nope".into()),
                    ..person()
                },
                "email",
            ),
            (
                NewPerson {
                    phone: Some("call me".into()),
                    ..person()
                },
                "phone",
            ),
            (
                NewPerson {
                    languages: vec!["deu".into()],
                    ..person()
                },
                "languages[0]",
            ),
            (
                NewPerson {
                    country: Some("Nigeria".into()),
                    ..person()
                },
                "country",
            ),
            (
                NewPerson {
                    arrival_year: Some(20),
                    ..person()
                },
                "arrival_year",
            ),
            (
                NewPerson {
                    preferred_language: Some("fr".into()),
                    ..person()
                },
                "preferred_language",
            ),
        ];
        for (p, field) in cases {
            assert_eq!(p.normalised().unwrap_err().field, field);
        }
    }

    #[test]
    fn countries_fall_into_coarse_groups() {
        assert_eq!(country_group(Some("PL")), "eu_eea_ch");
        assert_eq!(country_group(Some("RS")), "western_balkans");
        assert_eq!(country_group(Some("UA")), "eastern_europe");
        assert_eq!(country_group(Some("IN")), "asia");
        assert_eq!(country_group(Some("NG")), "other");
        assert_eq!(country_group(None), "unknown");
    }
}
