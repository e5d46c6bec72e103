//! bleibe domain: the types every other crate speaks, their validation, and the access
//! policy. No I/O and no async here: everything in this crate is a pure function of its
//! inputs, so it can be tested exhaustively and reused by every backend.

pub mod account;
pub mod casework;
pub mod cooperation;
pub mod employer;
pub mod error;
pub mod job;
pub mod living;
pub mod occupation;
pub mod place;
pub mod policy;
pub mod text;
pub mod totp;

pub use account::{ApiToken, AuditEntry, Membership, Network, NewUser, OrgKind, Role, Scope, User};
pub use employer::{Employer, NewEmployer};
pub use error::ValidationError;
pub use job::{
    Apply, Contract, Job, JobKind, JobStatus, NewJob, Salary, SalaryUnit, SchoolCertificate,
    Source, WorkingTime,
};
pub use occupation::Occupation;
pub use place::{Place, PlaceRef, State};
