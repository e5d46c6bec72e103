//! Case management for welcome centers (individual integration management): persons
//! seeking advice, case templates (as data, versioned), cases with their steps, and the
//! consents that decide what a partner organisation may see.
//!
//! Pure types and rules: due dates are derived here ([`case::due_dates`]), visibility
//! is decided here ([`consent::Sharing`]); the store and the web layer only apply them.

pub mod case;
pub mod consent;
pub mod person;
pub mod template;

pub use case::{Case, CaseStatus, NewCase, Step, StepStatus, StepUpdate};
pub use consent::{Consent, LegalBasis, NewConsent, NewOverride, Sharing, SharingOverride};
pub use person::{HouseholdMember, NewPerson, Person, Qualification, RecognitionStatus};
pub use template::{BodyKind, CaseTemplate, Category, DocumentItem, Due, TemplateStep, Texts};
