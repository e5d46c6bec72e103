//! Consent and sharing (Primero's rule): a partner organisation sees a case — and only
//! the consented categories of it — only while a consent of the person covers it, or
//! while a welcome-center admin's recorded override (naming its legal basis) does.
//! Revoking takes effect at once because visibility is computed from the records on
//! every request ([`Sharing`]).

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::template::Category;
use crate::error::ValidationError;
use crate::job::vocabulary;

vocabulary!(
    /// The legal basis of sharing without consent (Art. 6(1) GDPR, with the state's
    /// data protection act).
    LegalBasis {
        /// Art. 6(1)(c): a legal obligation.
        LegalObligation = "art6_1c",
        /// Art. 6(1)(e): a task in the public interest, with the state's act.
        PublicTask = "art6_1e",
    }
);

/// A consent as it is recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewConsent {
    /// The person.
    pub person_id: i64,
    /// The organisation that may receive the data.
    pub recipient_org: i64,
    /// What for ("Wohnungssuche").
    pub purpose: String,
    /// Which parts of the case (`housing` …).
    pub categories: Vec<Category>,
    /// The version of the consent text the person agreed to.
    pub text_version: String,
}

/// A recorded consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Consent {
    /// Id.
    pub id: i64,
    /// What was agreed.
    #[serde(flatten)]
    pub consent: NewConsent,
    /// Given.
    pub given_at: DateTime<Utc>,
    /// Revoked (no longer in force from then on).
    pub revoked_at: Option<DateTime<Utc>>,
    /// The staff member who recorded it; `None` when the person gave it themselves
    /// (intake form, own account).
    pub recorded_by: Option<i64>,
}

/// Sharing without consent, recorded by a welcome-center admin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewOverride {
    /// The case.
    pub case_id: i64,
    /// The organisation that receives it.
    pub recipient_org: i64,
    /// Which parts.
    pub categories: Vec<Category>,
    /// The legal basis.
    pub legal_basis: LegalBasis,
    /// The provision of the state's act or the law that obliges (e.g. "§ 5 BbgDSG").
    pub law: String,
    /// Why.
    pub reason: String,
}

/// A recorded override.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SharingOverride {
    /// Id.
    pub id: i64,
    /// What was recorded.
    #[serde(flatten)]
    pub sharing: NewOverride,
    /// The admin who recorded it.
    pub created_by: i64,
    /// When.
    pub created_at: DateTime<Utc>,
    /// Ended.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// The current version of the consent text (stored with each consent).
pub const TEXT_VERSION: &str = "2026-11";

fn check_categories(categories: &[Category]) -> Result<(), ValidationError> {
    if categories.is_empty() {
        return Err(ValidationError::new(
            "categories",
            "choose at least one category (e.g. housing)",
        ));
    }
    Ok(())
}

impl NewConsent {
    /// Checks purpose, categories and text version.
    pub fn validate(&self) -> Result<(), ValidationError> {
        if self.purpose.trim().is_empty() || self.purpose.chars().count() > 500 {
            return Err(ValidationError::new(
                "purpose",
                "say what the data is shared for (at most 500 characters)",
            ));
        }
        check_categories(&self.categories)?;
        if self.text_version.trim().is_empty() || self.text_version.len() > 40 {
            return Err(ValidationError::new(
                "text_version",
                "the version of the consent text the person agreed to",
            ));
        }
        Ok(())
    }
}

impl NewOverride {
    /// An override must name its legal basis, the provision and a reason.
    pub fn validate(&self) -> Result<(), ValidationError> {
        check_categories(&self.categories)?;
        if self.law.trim().is_empty() || self.law.chars().count() > 200 {
            return Err(ValidationError::new(
                "law",
                "name the provision (e.g. Art. 6(1)(e) GDPR with § 5 BbgDSG)",
            ));
        }
        if self.reason.trim().chars().count() < 10 || self.reason.chars().count() > 2000 {
            return Err(ValidationError::new(
                "reason",
                "give the reason in at least 10 characters",
            ));
        }
        Ok(())
    }
}

/// What one organisation may see of one case, from the records in force.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Sharing {
    /// The categories it may see; empty = nothing (the case does not exist for it).
    pub categories: BTreeSet<Category>,
}

impl Sharing {
    /// The categories `org` may see of a case of `person_id` held by `case_org`: all
    /// of them for the holding welcome center; for anyone else the union of the
    /// person's unrevoked consents to `org` and the case's unrevoked overrides for
    /// `org`.
    pub fn of(
        org: i64,
        case_org: i64,
        case_id: i64,
        person_id: i64,
        consents: &[Consent],
        overrides: &[SharingOverride],
    ) -> Sharing {
        if org == case_org {
            return Sharing {
                categories: Category::ALL.iter().copied().collect(),
            };
        }
        let by_consent = consents
            .iter()
            .filter(|c| {
                c.revoked_at.is_none()
                    && c.consent.person_id == person_id
                    && c.consent.recipient_org == org
            })
            .flat_map(|c| c.consent.categories.iter().copied());
        let by_override = overrides
            .iter()
            .filter(|o| {
                o.revoked_at.is_none()
                    && o.sharing.case_id == case_id
                    && o.sharing.recipient_org == org
            })
            .flat_map(|o| o.sharing.categories.iter().copied());
        Sharing {
            categories: by_consent.chain(by_override).collect(),
        }
    }

    /// Whether the case exists for the organisation at all.
    pub fn any(&self) -> bool {
        !self.categories.is_empty()
    }

    /// Whether steps of `category` are visible.
    pub fn covers(&self, category: Category) -> bool {
        self.categories.contains(&category)
    }

    /// Whether every category is visible (the holding welcome center).
    pub fn is_full(&self) -> bool {
        self.categories.len() == Category::ALL.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn consent(org: i64, cats: &[Category], revoked: bool) -> Consent {
        Consent {
            id: 1,
            consent: NewConsent {
                person_id: 7,
                recipient_org: org,
                purpose: "Wohnung".into(),
                categories: cats.to_vec(),
                text_version: TEXT_VERSION.into(),
            },
            given_at: Utc::now(),
            revoked_at: revoked.then(Utc::now),
            recorded_by: None,
        }
    }

    #[test]
    fn the_holder_sees_all_a_partner_only_what_was_consented() {
        let holder = Sharing::of(1, 1, 3, 7, &[], &[]);
        assert!(holder.is_full());
        let none = Sharing::of(2, 1, 3, 7, &[], &[]);
        assert!(!none.any());
        let housing = Sharing::of(2, 1, 3, 7, &[consent(2, &[Category::Housing], false)], &[]);
        assert!(housing.covers(Category::Housing));
        assert!(!housing.covers(Category::Residence));
        // Another organisation's consent, a revoked one, another person's: nothing.
        let other = Sharing::of(2, 1, 3, 7, &[consent(9, &[Category::Housing], false)], &[]);
        assert!(!other.any());
        let revoked = Sharing::of(2, 1, 3, 7, &[consent(2, &[Category::Housing], true)], &[]);
        assert!(!revoked.any());
        let mut stranger = consent(2, &[Category::Housing], false);
        stranger.consent.person_id = 8;
        assert!(!Sharing::of(2, 1, 3, 7, &[stranger], &[]).any());
    }

    #[test]
    fn an_override_covers_its_case_only() {
        let o = SharingOverride {
            id: 1,
            sharing: NewOverride {
                case_id: 3,
                recipient_org: 2,
                categories: vec![Category::Residence],
                legal_basis: LegalBasis::LegalObligation,
                law: "§ 87 AufenthG".into(),
                reason: "Übermittlungspflicht".into(),
            },
            created_by: 5,
            created_at: Utc::now(),
            revoked_at: None,
        };
        assert!(Sharing::of(2, 1, 3, 7, &[], std::slice::from_ref(&o)).covers(Category::Residence));
        assert!(!Sharing::of(2, 1, 4, 7, &[], &[o]).any());
    }

    #[test]
    fn an_override_needs_a_provision_and_a_reason() {
        let mut o = NewOverride {
            case_id: 3,
            recipient_org: 2,
            categories: vec![Category::Residence],
            legal_basis: LegalBasis::PublicTask,
            law: " ".into(),
            reason: "weil".into(),
        };
        assert_eq!(o.validate().unwrap_err().field, "law");
        o.law = "§ 5 BbgDSG".into();
        assert_eq!(o.validate().unwrap_err().field, "reason");
        o.reason = "Gefahr für Leib und Leben".into();
        assert!(o.validate().is_ok());
    }
}
