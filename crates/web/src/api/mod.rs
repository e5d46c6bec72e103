//! The open JSON API, version 1. Routes and the OpenAPI 3.1 description come from one
//! source (utoipa): each handler's `#[utoipa::path]` is both.

mod admin;
pub mod cases;
mod dto;
pub mod events;
mod groups;
mod ideas;
mod jobs;
mod living;
pub mod measures;
mod meta;
mod places;
mod write;

use crate::state::AppState;
use axum::routing::get;
use axum::Router;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use dto::*;

#[derive(OpenApi)]
#[openapi(
    modifiers(&BearerAuth),
    info(
        title = "bleibe API",
        description = "Open API of a bleibe installation: jobs, places, occupations, and the work of regional networks (measures, project ideas, working groups, events with registration). \
            Writing needs `Authorization: Bearer <token>` (an organisation's API token with scope `jobs:write` or `organisation:write`) or a signed-in session. \
            Errors are RFC 9457 problem documents (`application/problem+json`) that name the parameter to fix. \
            Labels follow the `lang` parameter or `Accept-Language` (de, en).",
        license(name = "EUPL-1.2", identifier = "EUPL-1.2")
    ),
    tags(
        (name = "jobs", description = "Job search and job details"),
        (name = "places", description = "The places of Germany (GeoNames, CC BY 4.0)"),
        (name = "living", description = "Leben & Arbeiten: where a household could live and work, with travel times and their provenance"),
        (name = "organisations", description = "Organisations: employers, municipalities, welcome centers, …"),
        (name = "networks", description = "Regional networks of organisations"),
        (name = "cases", description = "Welcome Center case management: persons, cases, consents, appointments. Signed-in staff with a second factor only; partners see what consents cover; every access is logged"),
        (name = "reference", description = "Reference data"),
        (name = "operations", description = "Health")
    )
)]
struct ApiDoc;

/// Declares the `bearer` security scheme the writing endpoints name.
struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// Every API route with its OpenAPI description: the one list both come from.
fn documented() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(jobs::list_jobs, write::create_job))
        .routes(routes!(
            jobs::get_job,
            write::replace_job,
            write::delete_job
        ))
        .routes(routes!(write::get_organisation, write::patch_organisation))
        .routes(routes!(admin::list_networks))
        .routes(routes!(groups::get_network))
        .routes(routes!(measures::list_measures, measures::create_measure))
        .routes(routes!(
            measures::get_measure,
            measures::replace_measure,
            measures::delete_measure
        ))
        .routes(routes!(ideas::list_ideas, ideas::create_idea))
        .routes(routes!(ideas::get_idea))
        .routes(routes!(ideas::decide))
        .routes(routes!(ideas::add_comment))
        .routes(routes!(groups::list_groups, groups::create_group))
        .routes(routes!(groups::get_group))
        .routes(routes!(groups::join_group))
        .routes(routes!(groups::add_task))
        .routes(routes!(groups::patch_task))
        .routes(routes!(events::list_events, events::create_event))
        .routes(routes!(events::get_event, events::replace_event))
        .routes(routes!(events::list_registrations, events::register))
        .routes(routes!(events::set_attendance))
        .routes(routes!(events::cancel_event))
        .routes(routes!(events::list_slots))
        .routes(routes!(events::cancel_registration))
        .routes(routes!(admin::audit_log))
        .routes(routes!(cases::create_person))
        .routes(routes!(
            cases::get_person,
            cases::put_person,
            cases::erase_person
        ))
        .routes(routes!(cases::export_person))
        .routes(routes!(cases::access_log))
        .routes(routes!(cases::list_cases, cases::create_case))
        .routes(routes!(cases::get_case, cases::patch_case))
        .routes(routes!(cases::patch_step))
        .routes(routes!(cases::create_override))
        .routes(routes!(cases::get_document))
        .routes(routes!(cases::upload_document))
        .routes(routes!(cases::list_templates))
        .routes(routes!(cases::put_template))
        .routes(routes!(cases::list_consents, cases::create_consent))
        .routes(routes!(cases::revoke_consent))
        .routes(routes!(cases::list_appointments, cases::create_appointment))
        .routes(routes!(cases::appointment_ics))
        .routes(routes!(cases::cancel_appointment))
        .routes(routes!(living::match_household))
        .routes(routes!(places::list_places))
        .routes(routes!(places::get_place))
        .routes(routes!(places::put_profile))
        .routes(routes!(meta::list_occupations))
        .routes(routes!(meta::healthz))
        .routes(routes!(meta::readyz))
        .routes(routes!(meta::metrics))
}

/// The API routes, plus `/api/openapi.json` serving their description.
pub fn routes() -> Router<AppState> {
    let (router, api) = documented().split_for_parts();
    let spec = std::sync::Arc::new(api);
    router.route(
        "/api/openapi.json",
        get(move || {
            let spec = spec.clone();
            async move { axum::Json(spec.as_ref().clone()) }
        }),
    )
}

/// The OpenAPI document (for `bleibe openapi` and tests).
pub fn openapi() -> utoipa::openapi::OpenApi {
    documented().split_for_parts().1
}
