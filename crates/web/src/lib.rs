//! bleibe web layer: server-rendered HTML pages (askama, no JavaScript needed), the open
//! JSON API (`/api/v1`, described by OpenAPI 3.1 at `/api/openapi.json`), translations
//! (Fluent; German first, then English) and the enforcement of the access policy: every
//! handler names the [`Action`](bleibe_domain::policy::Action) it performs and asks
//! [`policy::Caller::authorize`] before it touches the store.

pub mod api;
pub mod auth;
pub mod berlin;
pub mod cases;
pub mod config;
pub mod cooperation;
pub mod feeds;
pub mod i18n;
mod jsonld;
pub mod living;
pub mod manage;
pub mod metrics;
pub mod pages;
pub mod params;
pub mod place_profiles;
pub mod policy;
pub mod problem;
pub mod routes;
pub mod search;
mod server;
pub mod state;
mod views;

pub use config::SiteConfig;
pub use server::{router, serve};
pub use state::AppState;
