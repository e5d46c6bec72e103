//! Measures (Maßnahmen): what a member organisation does for skilled workers, shared with
//! its networks so that others can learn from it.

use super::Visibility;
use crate::error::ValidationError;
use crate::job::vocabulary;
use crate::text;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

vocabulary!(
    /// The cluster of the Städte-Dreieck's agreement (seed 000).
    Cluster {
        /// Sport.
        Sport = "sport",
        /// Kultur.
        Culture = "culture",
        /// Erholung.
        Recreation = "recreation",
        /// Soziales.
        Social = "social",
        /// Tourismus.
        Tourism = "tourism",
        /// Sonstiges.
        Other = "other",
    }
);

vocabulary!(
    /// Field of action (Handlungsfeld), as PROF.ISP names them (seed 000) plus career
    /// orientation (seed 003).
    FieldOfAction {
        /// Anwerbung.
        Recruitment = "recruitment",
        /// Aus- und Weiterbildung.
        Training = "training",
        /// Weiche Standortfaktoren.
        SoftFactors = "soft_factors",
        /// Außenwirkung.
        Image = "image",
        /// Willkommenskultur.
        WelcomeCulture = "welcome_culture",
        /// Berufliche Orientierung.
        CareerOrientation = "career_orientation",
    }
);

vocabulary!(
    /// Whom a measure is for.
    TargetGroup {
        /// Rückkehrer/innen.
        Returnees = "returnees",
        /// Pendler/innen.
        Commuters = "commuters",
        /// Internationale Fachkräfte.
        International = "international",
        /// Schüler/innen.
        Pupils = "pupils",
        /// Studierende.
        Students = "students",
        /// Beschäftigte.
        Employees = "employees",
    }
);

vocabulary!(
    /// Where a measure stands.
    MeasureStatus {
        /// Planned, not started.
        Planned = "planned",
        /// Running.
        Running = "running",
        /// Finished as planned.
        Completed = "completed",
        /// Stopped early.
        Stopped = "stopped",
    }
);

vocabulary!(
    /// Who pays.
    FundingSource {
        /// Europäischer Sozialfonds Plus.
        EsfPlus = "esf_plus",
        /// Just Transition Fund.
        Jtf = "jtf",
        /// Strukturstärkungsgesetz Kohleregionen.
        Strukturstaerkung = "strukturstaerkung",
        /// Own budget.
        Own = "own",
        /// Anything else.
        Other = "other",
    }
);

/// A measured value for one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct IndicatorValue {
    /// The period, free form but sortable (`2025`, `2025-H1`, `2025-Q3`).
    pub period: String,
    /// The actual value.
    pub actual: f64,
}

/// An indicator with a target and actual values per period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Indicator {
    /// What is counted ("Teilnehmende", "Rückkehrer/innen beraten").
    pub name: String,
    /// Unit, may be empty.
    #[serde(default)]
    pub unit: String,
    /// Target value for the whole period of the measure.
    pub target: f64,
    /// Actual values per period.
    #[serde(default)]
    pub values: Vec<IndicatorValue>,
}

impl Indicator {
    /// The latest actual value (by period), if any.
    pub fn latest(&self) -> Option<f64> {
        self.values
            .iter()
            .max_by(|a, b| a.period.cmp(&b.period))
            .map(|v| v.actual)
    }
}

/// A measure to be created or the new state of one (everything an owner writes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewMeasure {
    /// The owner organisation.
    pub org_id: i64,
    /// Shared with every network the owner belongs to (now and later).
    pub all_networks: bool,
    /// Shared with these networks (ignored when `all_networks`).
    #[serde(default)]
    pub network_ids: Vec<i64>,
    /// Title.
    pub title: String,
    /// Plain-text description.
    #[serde(default)]
    pub description: String,
    /// Cluster.
    pub cluster: Cluster,
    /// Field of action.
    pub field: FieldOfAction,
    /// Target groups.
    #[serde(default)]
    pub target_groups: Vec<TargetGroup>,
    /// Places it happens at.
    #[serde(default)]
    pub place_ids: Vec<i64>,
    /// First day.
    pub start_date: Option<NaiveDate>,
    /// Last day.
    pub end_date: Option<NaiveDate>,
    /// Budget in whole euros.
    pub budget_eur: Option<i64>,
    /// Who pays.
    pub funding: Option<FundingSource>,
    /// Status.
    pub status: MeasureStatus,
    /// Indicators.
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    /// Lessons learned, plain text.
    #[serde(default)]
    pub lessons: String,
    /// Links (http or https).
    #[serde(default)]
    pub links: Vec<String>,
    /// Who may see it.
    pub visibility: Visibility,
    /// Fictitious demo record.
    #[serde(default)]
    pub demo: bool,
}

impl NewMeasure {
    /// Checks and normalises the measure; the error names the field to fix.
    pub fn validate(mut self) -> Result<Self, ValidationError> {
        self.title = text::required("title", &self.title, 200)?;
        self.description = self.description.trim().to_string();
        if self.description.chars().count() > 20_000 {
            return Err(ValidationError::new(
                "description",
                "at most 20000 characters",
            ));
        }
        if self.lessons.chars().count() > 20_000 {
            return Err(ValidationError::new("lessons", "at most 20000 characters"));
        }
        if let (Some(s), Some(e)) = (self.start_date, self.end_date) {
            if e < s {
                return Err(ValidationError::new(
                    "end_date",
                    "the end must not be before the start",
                ));
            }
        }
        if self.budget_eur.is_some_and(|b| b < 0) {
            return Err(ValidationError::new("budget_eur", "must not be negative"));
        }
        if !self.all_networks && self.network_ids.is_empty() {
            return Err(ValidationError::new(
                "network_ids",
                "share the measure with at least one network, or with all (all_networks)",
            ));
        }
        for (i, ind) in self.indicators.iter_mut().enumerate() {
            ind.name = text::required(&format!("indicators[{i}].name"), &ind.name, 200)?;
            if !ind.target.is_finite() || ind.values.iter().any(|v| !v.actual.is_finite()) {
                return Err(ValidationError::new(
                    format!("indicators[{i}]"),
                    "target and values must be numbers",
                ));
            }
        }
        for (i, link) in self.links.iter().enumerate() {
            text::check_http_url(&format!("links[{i}]"), link)?;
        }
        self.target_groups.sort();
        self.target_groups.dedup();
        self.network_ids.sort();
        self.network_ids.dedup();
        self.place_ids.sort();
        self.place_ids.dedup();
        Ok(self)
    }
}

/// A stored measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Measure {
    /// Store id.
    pub id: i64,
    /// The owner's name.
    pub org_name: String,
    /// Everything the owner wrote.
    #[serde(flatten)]
    pub data: NewMeasure,
    /// Optimistic-locking version: 1 when created, +1 per change.
    pub version: i64,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measure() -> NewMeasure {
        NewMeasure {
            org_id: 1,
            all_networks: false,
            network_ids: vec![2, 2],
            title: "  Rückkehrertag  ".into(),
            description: String::new(),
            cluster: Cluster::Social,
            field: FieldOfAction::WelcomeCulture,
            target_groups: vec![TargetGroup::Returnees, TargetGroup::Returnees],
            place_ids: vec![],
            start_date: NaiveDate::from_ymd_opt(2026, 1, 1),
            end_date: NaiveDate::from_ymd_opt(2026, 12, 31),
            budget_eur: Some(1000),
            funding: Some(FundingSource::Own),
            status: MeasureStatus::Running,
            indicators: vec![],
            lessons: String::new(),
            links: vec![],
            visibility: Visibility::Public,
            demo: false,
        }
    }

    #[test]
    fn validation_normalises_and_names_the_field() {
        let ok = measure().validate().expect("valid");
        assert_eq!(ok.title, "Rückkehrertag");
        assert_eq!(ok.network_ids, vec![2]);
        assert_eq!(ok.target_groups, vec![TargetGroup::Returnees]);

        let mut m = measure();
        m.end_date = NaiveDate::from_ymd_opt(2025, 1, 1);
        assert_eq!(m.validate().unwrap_err().field, "end_date");
        let mut m = measure();
        m.network_ids.clear();
        assert_eq!(m.validate().unwrap_err().field, "network_ids");
        let mut m = measure();
        m.links = vec!["javascript:alert(1)".into()];
        assert_eq!(m.validate().unwrap_err().field, "links[0]");
    }

    #[test]
    fn the_latest_value_is_the_latest_period() {
        let ind = Indicator {
            name: "Teilnehmende".into(),
            unit: String::new(),
            target: 100.0,
            values: vec![
                IndicatorValue {
                    period: "2026".into(),
                    actual: 80.0,
                },
                IndicatorValue {
                    period: "2025".into(),
                    actual: 40.0,
                },
            ],
        };
        assert_eq!(ind.latest(), Some(80.0));
    }
}
