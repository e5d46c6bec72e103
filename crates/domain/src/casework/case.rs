//! Cases and their steps. A case is made from a template for a person; each template
//! step becomes a case step that keeps its rule for the due date, so due dates are
//! derived ([`due_dates`]) from the case start and from the steps they follow, and a
//! step's date can be overridden by hand.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::template::{BodyKind, Category, DocumentItem, Due, Texts, START};
use crate::error::ValidationError;
use crate::job::vocabulary;

vocabulary!(
    /// Where a case stands.
    CaseStatus {
        /// Asked for through the intake form; staff accept or decline it.
        Requested = "requested",
        /// Being worked on.
        Open = "open",
        /// Finished (retention anonymises it after the configured months).
        Closed = "closed",
        /// A request the welcome center declined.
        Declined = "declined",
    }
);

vocabulary!(
    /// Where a step stands.
    StepStatus {
        /// Not started.
        Open = "open",
        /// Being worked on.
        InProgress = "in_progress",
        /// Waiting for another body (an authority, the embassy …).
        WaitingExternal = "waiting_external",
        /// Done.
        Done = "done",
        /// Does not apply to this person.
        NotApplicable = "not_applicable",
    }
);

impl StepStatus {
    /// Whether nothing is left to do.
    pub fn is_finished(self) -> bool {
        matches!(self, StepStatus::Done | StepStatus::NotApplicable)
    }
}

/// A case as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Case {
    /// Id.
    pub id: i64,
    /// The person.
    pub person_id: i64,
    /// The welcome center that holds the case.
    pub org_id: i64,
    /// Template key.
    pub template_key: String,
    /// Template version the case was made from.
    pub template_version: i64,
    /// The template's name when the case was made.
    pub title: Texts,
    /// Status.
    pub status: CaseStatus,
    /// Start: the reference date of the due dates.
    pub started_on: NaiveDate,
    /// When it was closed or declined.
    pub closed_on: Option<NaiveDate>,
    /// The staff member in charge.
    pub assignee_user: Option<i64>,
    /// What the person wrote in the intake form.
    pub request_message: String,
    /// Optimistic lock: a change names the version it was based on.
    pub version: i64,
    /// Created.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

/// A new case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewCase {
    /// The person.
    pub person_id: i64,
    /// Template key (the newest version is used).
    pub template_key: String,
    /// Start of the case (today when absent).
    pub started_on: Option<NaiveDate>,
    /// The staff member in charge.
    #[serde(default)]
    pub assignee_user: Option<i64>,
}

/// A step of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Step {
    /// Id.
    pub id: i64,
    /// The case.
    pub case_id: i64,
    /// Order within the case.
    pub position: i64,
    /// The template step's key.
    pub key: String,
    /// Title.
    pub title: Texts,
    /// What to do.
    pub hint: Texts,
    /// What it is about (decides who may see it).
    pub category: Category,
    /// Who is responsible.
    pub body: BodyKind,
    /// The due rule from the template.
    pub due: Due,
    /// A date set by hand, replacing the derived one.
    pub due_override: Option<NaiveDate>,
    /// The date in force: the override, else derived ([`due_dates`]).
    pub due_on: NaiveDate,
    /// Only where needed.
    pub optional: bool,
    /// Status.
    pub status: StepStatus,
    /// When it was done (the reference of the steps that follow it).
    pub done_on: Option<NaiveDate>,
    /// The organisation working on it.
    pub assignee_org: Option<i64>,
    /// The staff member working on it.
    pub assignee_user: Option<i64>,
    /// Notes.
    pub note: String,
    /// What to bring.
    pub documents: Vec<DocumentItem>,
    /// Optimistic lock.
    pub version: i64,
}

impl Step {
    /// Open, and its date has passed.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        !self.status.is_finished() && self.due_on < today
    }
}

/// A change to a step, based on the version the editor saw. Absent fields stay.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepUpdate {
    /// The version the change is based on; a stale one is refused (409).
    pub version: i64,
    /// New status.
    #[serde(default)]
    pub status: Option<StepStatus>,
    /// Set the due date by hand.
    #[serde(default)]
    pub due_override: Option<NaiveDate>,
    /// Go back to the derived due date.
    #[serde(default)]
    pub clear_due_override: bool,
    /// The organisation working on it (0 = none).
    #[serde(default)]
    pub assignee_org: Option<i64>,
    /// The staff member working on it (0 = none).
    #[serde(default)]
    pub assignee_user: Option<i64>,
    /// Replaces the notes.
    #[serde(default)]
    pub note: Option<String>,
}

/// Longest note.
pub const MAX_NOTE: usize = 10_000;

impl StepUpdate {
    /// Checks lengths.
    pub fn validate(&self) -> Result<(), ValidationError> {
        if self
            .note
            .as_ref()
            .is_some_and(|n| n.chars().count() > MAX_NOTE)
        {
            return Err(ValidationError::new(
                "note",
                format!("at most {MAX_NOTE} characters"),
            ));
        }
        Ok(())
    }

    /// Applies the change to `step` (done today sets `done_on`; leaving done clears it).
    pub fn apply(&self, step: &mut Step, today: NaiveDate) {
        if let Some(s) = self.status {
            if s == StepStatus::Done && step.status != StepStatus::Done {
                step.done_on = Some(today);
            } else if s != StepStatus::Done {
                step.done_on = None;
            }
            step.status = s;
        }
        if self.clear_due_override {
            step.due_override = None;
        }
        if let Some(d) = self.due_override {
            step.due_override = Some(d);
        }
        if let Some(o) = self.assignee_org {
            step.assignee_org = (o != 0).then_some(o);
        }
        if let Some(u) = self.assignee_user {
            step.assignee_user = (u != 0).then_some(u);
        }
        if let Some(n) = &self.note {
            step.note = n.trim().to_string();
        }
    }
}

/// The due date of every step, in order: the override where one is set, else the
/// anchor's date plus the step's days — the case start, or the step it follows: that
/// step's completion date once it is done, else its own due date. Anchors always point
/// to earlier steps (the template is validated), so one pass suffices; an anchor that
/// is missing falls back to the start.
pub fn due_dates(started_on: NaiveDate, steps: &[Step]) -> Vec<NaiveDate> {
    let mut out: Vec<NaiveDate> = Vec::with_capacity(steps.len());
    for step in steps {
        let due = step.due_override.unwrap_or_else(|| {
            let anchor = if step.due.after == START {
                started_on
            } else {
                steps
                    .iter()
                    .zip(&out)
                    .find(|(s, _)| s.key == step.due.after)
                    .map(|(s, due)| match (s.status, s.done_on) {
                        (StepStatus::Done, Some(done)) => done,
                        _ => *due,
                    })
                    .unwrap_or(started_on)
            };
            anchor + Duration::days(step.due.days)
        });
        out.push(due);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(key: &str, after: &str, days: i64) -> Step {
        Step {
            id: 0,
            case_id: 0,
            position: 0,
            key: key.into(),
            title: Texts::de(key),
            hint: Texts::default(),
            category: Category::Arrival,
            body: BodyKind::Person,
            due: Due {
                after: after.into(),
                days,
            },
            due_override: None,
            due_on: NaiveDate::MIN,
            optional: false,
            status: StepStatus::Open,
            done_on: None,
            assignee_org: None,
            assignee_user: None,
            note: String::new(),
            documents: vec![],
            version: 1,
        }
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn due_dates_follow_the_chain_of_anchors() {
        let steps = vec![
            step("visa", "start", 60),
            step("anmeldung", "visa", 14),
            step("bank", "anmeldung", 7),
        ];
        assert_eq!(
            due_dates(d("2026-01-01"), &steps),
            [d("2026-03-02"), d("2026-03-16"), d("2026-03-23")]
        );
    }

    #[test]
    fn an_override_and_a_completion_move_the_steps_that_follow() {
        let mut steps = vec![
            step("visa", "start", 60),
            step("anmeldung", "visa", 14),
            step("bank", "anmeldung", 7),
        ];
        steps[0].due_override = Some(d("2026-02-01"));
        assert_eq!(
            due_dates(d("2026-01-01"), &steps),
            [d("2026-02-01"), d("2026-02-15"), d("2026-02-22")]
        );
        // Done earlier than planned: the next steps count from the real date.
        StepUpdate {
            status: Some(StepStatus::Done),
            ..StepUpdate::default()
        }
        .apply(&mut steps[1], d("2026-02-05"));
        assert_eq!(steps[1].done_on, Some(d("2026-02-05")));
        assert_eq!(due_dates(d("2026-01-01"), &steps)[2], d("2026-02-12"));
        // Reopened: back to the planned date.
        StepUpdate {
            status: Some(StepStatus::InProgress),
            ..StepUpdate::default()
        }
        .apply(&mut steps[1], d("2026-02-06"));
        assert_eq!(steps[1].done_on, None);
        assert_eq!(due_dates(d("2026-01-01"), &steps)[2], d("2026-02-22"));
    }

    #[test]
    fn overdue_means_unfinished_and_past() {
        let mut s = step("a", "start", 0);
        s.due_on = d("2026-01-01");
        assert!(s.is_overdue(d("2026-01-02")));
        assert!(!s.is_overdue(d("2026-01-01")));
        s.status = StepStatus::NotApplicable;
        assert!(!s.is_overdue(d("2026-01-02")));
    }
}
