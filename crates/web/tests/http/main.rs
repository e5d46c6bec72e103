//! HTTP integration tests: the real router on 127.0.0.1:0 over a real SQLite database in
//! a temporary directory, loaded with the real places and the demo data.

mod accounts;
mod api;
mod case_pages;
mod cases;
mod helpers;
mod live;
mod living;
mod matrix;
mod network_api;
mod network_pages;
mod pages;
mod place_profiles;
mod team;
mod two_factor;
mod workspace;
