//! Authentication and its safeguards: who is asking ([`context`]), sessions, CSRF,
//! password hashing, sign-in throttling, the second factor (TOTP), outgoing mail and the
//! audit log. What a caller may do is decided elsewhere: in the domain's policy module.

pub mod audit;
pub mod context;
pub mod cookies;
pub mod crypto;
pub mod issue;
pub mod mail;
pub mod session;
pub mod throttle;
pub mod totp;

pub use context::RequestContext;
