//! Project ideas and their pipeline: idea → pre-consultation (Vorbefassung) →
//! qualification → funding application → running → completed → evaluated, or rejected /
//! parked with a reason. Which step may follow which is decided here, and only here.

use crate::error::ValidationError;
use crate::job::vocabulary;
use crate::text;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

vocabulary!(
    /// Where an idea stands in the pipeline.
    IdeaStage {
        /// Submitted.
        Idea = "idea",
        /// Vorbefassung: discussed in the network.
        PreConsultation = "pre_consultation",
        /// Being qualified into a project.
        Qualification = "qualification",
        /// Funding applied for.
        Application = "application",
        /// Running: links to its measure.
        Running = "running",
        /// Finished.
        Completed = "completed",
        /// Evaluated: the end of the road.
        Evaluated = "evaluated",
        /// Rejected, with a reason: the end of the road.
        Rejected = "rejected",
        /// Parked, with a reason: may resume where it stopped.
        Parked = "parked",
    }
);

impl IdeaStage {
    /// The stage that follows on the main line, if any.
    pub fn next(self) -> Option<IdeaStage> {
        use IdeaStage::*;
        match self {
            Idea => Some(PreConsultation),
            PreConsultation => Some(Qualification),
            Qualification => Some(Application),
            Application => Some(Running),
            Running => Some(Completed),
            Completed => Some(Evaluated),
            Evaluated | Rejected | Parked => None,
        }
    }

    /// Whether the idea can still be rejected or parked: before it runs.
    pub fn open(self) -> bool {
        use IdeaStage::*;
        matches!(self, Idea | PreConsultation | Qualification | Application)
    }

    /// Whether moving from `self` to `to` is allowed. `parked_from` is the stage an idea
    /// was parked in (only looked at when `self` is [`IdeaStage::Parked`]): a parked idea
    /// resumes there, or is rejected.
    pub fn may_move_to(self, to: IdeaStage, parked_from: Option<IdeaStage>) -> bool {
        use IdeaStage::*;
        match self {
            Parked => to == Rejected || Some(to) == parked_from,
            s if s.open() && matches!(to, Rejected | Parked) => true,
            s => s.next() == Some(to),
        }
    }

    /// Whether a decision into this stage needs a written reason.
    pub fn needs_reason(self) -> bool {
        matches!(self, IdeaStage::Rejected | IdeaStage::Parked)
    }

    /// The stages that may follow `self`.
    pub fn successors(self, parked_from: Option<IdeaStage>) -> Vec<IdeaStage> {
        IdeaStage::ALL
            .iter()
            .copied()
            .filter(|to| self.may_move_to(*to, parked_from))
            .collect()
    }
}

/// A project idea to be submitted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewIdea {
    /// The network it is submitted to.
    pub network_id: i64,
    /// The working group that handles it, if any.
    pub working_group_id: Option<i64>,
    /// The submitting organisation.
    pub org_id: i64,
    /// Title.
    pub title: String,
    /// Plain-text summary.
    #[serde(default)]
    pub summary: String,
    /// Involved institutions (organisations).
    #[serde(default)]
    pub institution_ids: Vec<i64>,
    /// Fictitious demo record.
    #[serde(default)]
    pub demo: bool,
}

impl NewIdea {
    /// Checks and normalises; the error names the field.
    pub fn validate(mut self) -> Result<Self, ValidationError> {
        self.title = text::required("title", &self.title, 200)?;
        self.summary = self.summary.trim().to_string();
        if self.summary.chars().count() > 20_000 {
            return Err(ValidationError::new("summary", "at most 20000 characters"));
        }
        self.institution_ids.sort();
        self.institution_ids.dedup();
        Ok(self)
    }
}

/// A stored idea.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Idea {
    /// Store id.
    pub id: i64,
    /// What was submitted.
    #[serde(flatten)]
    pub data: NewIdea,
    /// The submitting organisation's name.
    pub org_name: String,
    /// Current stage.
    pub stage: IdeaStage,
    /// The stage it was parked in, while parked.
    pub parked_from: Option<IdeaStage>,
    /// The measure a running project carries out.
    pub measure_id: Option<i64>,
    /// Submitted.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// A dated decision that moved an idea.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Decision {
    /// Store id (0 before it is stored).
    pub id: i64,
    /// The idea.
    pub idea_id: i64,
    /// Stage before.
    pub from: IdeaStage,
    /// Stage after.
    pub to: IdeaStage,
    /// The date of the decision (the meeting that took it).
    pub decided_on: NaiveDate,
    /// Decision note: why, and what next.
    pub note: String,
    /// Who recorded it.
    pub decided_by: i64,
    /// Their name.
    #[serde(default)]
    pub decided_by_name: String,
    /// When it was recorded.
    pub at: DateTime<Utc>,
}

impl Decision {
    /// Checks that the move is allowed and the note is present where a reason is needed.
    pub fn check(
        from: IdeaStage,
        to: IdeaStage,
        parked_from: Option<IdeaStage>,
        note: &str,
    ) -> Result<(), ValidationError> {
        if !from.may_move_to(to, parked_from) {
            let allowed = from
                .successors(parked_from)
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            return Err(ValidationError::new(
                "to",
                format!(
                    "an idea in stage {from} cannot move to {to}; allowed: {}",
                    if allowed.is_empty() { "none" } else { &allowed }
                ),
            ));
        }
        if to.needs_reason() && note.trim().is_empty() {
            return Err(ValidationError::new(
                "note",
                format!("give a reason when an idea is {to}"),
            ));
        }
        if note.chars().count() > 10_000 {
            return Err(ValidationError::new("note", "at most 10000 characters"));
        }
        Ok(())
    }
}

/// A comment on an idea.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Comment {
    /// Store id.
    pub id: i64,
    /// The idea.
    pub idea_id: i64,
    /// Author.
    pub user_id: i64,
    /// Author's name.
    pub user_name: String,
    /// Plain text.
    pub body: String,
    /// Written.
    pub at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::IdeaStage::*;
    use super::*;

    #[test]
    fn only_the_pipeline_moves_are_allowed() {
        let mut allowed = 0;
        for from in IdeaStage::ALL {
            for to in IdeaStage::ALL {
                if from.may_move_to(*to, Some(Qualification)) {
                    allowed += 1;
                }
            }
        }
        // 6 forward moves, 4 open stages × (reject, park), parked → resume or reject.
        assert_eq!(allowed, 6 + 8 + 2);
        assert!(Idea.may_move_to(PreConsultation, None));
        assert!(!Idea.may_move_to(Qualification, None), "no skipping");
        assert!(
            !Running.may_move_to(Rejected, None),
            "running projects complete"
        );
        assert!(!Evaluated.may_move_to(Idea, None));
        assert!(Parked.may_move_to(Qualification, Some(Qualification)));
        assert!(!Parked.may_move_to(Application, Some(Qualification)));
        assert!(!Rejected.may_move_to(Idea, None));
    }

    #[test]
    fn rejecting_needs_a_reason_and_errors_say_what_is_allowed() {
        let e = Decision::check(Idea, Rejected, None, " ").unwrap_err();
        assert_eq!(e.field, "note");
        let e = Decision::check(Idea, Running, None, "ok").unwrap_err();
        assert_eq!(e.field, "to");
        assert!(e.message.contains("pre_consultation"), "{}", e.message);
        assert!(Decision::check(Idea, PreConsultation, None, "").is_ok());
    }
}
