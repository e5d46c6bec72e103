//! Working together in a network: the measures registry, the project pipeline, working
//! groups, events with registration, and the member directory's contact persons.
//!
//! Visibility is decided in one place, [`Visibility`]: public records reach everyone,
//! members-only records only the members of the network they are shared with
//! ([`crate::policy::Action::ViewNetworkInternal`]).

mod event;
mod group;
mod idea;
mod measure;

pub use event::{
    slot_starts, Event, EventKind, NewEvent, NewRegistration, Recurrence, Registration,
    RegistrationStatus, MAX_SLOTS, SERIES_COUNT, SERIES_EVERY_WEEKS, SLOT_MINUTES,
};
pub use group::{Contact, NewContact, NewTask, NewWorkingGroup, Task, WorkingGroup};
pub use idea::{Comment, Decision, Idea, IdeaStage, NewIdea};
pub use measure::{
    Cluster, FieldOfAction, FundingSource, Indicator, IndicatorValue, Measure, MeasureStatus,
    NewMeasure, TargetGroup,
};

use crate::job::vocabulary;
use serde::{Deserialize, Serialize};

vocabulary!(
    /// Who may see a record of a network.
    Visibility {
        /// Everyone, also in open data and the public calendar.
        Public = "public",
        /// The members of the networks it is shared with.
        Members = "members",
    }
);
