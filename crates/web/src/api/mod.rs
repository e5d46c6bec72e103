//! The open JSON API, version 1. Routes and the OpenAPI 3.1 description come from one
//! source (utoipa): each handler's `#[utoipa::path]` is both.

mod dto;
mod jobs;
mod meta;
mod places;

use crate::state::AppState;
use axum::routing::get;
use axum::Router;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use dto::*;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "bleibe API",
        description = "Open API of a bleibe installation: jobs, places and occupations. \
            Errors are RFC 9457 problem documents (`application/problem+json`) that name the parameter to fix. \
            Labels follow the `lang` parameter or `Accept-Language` (de, en).",
        license(name = "EUPL-1.2", identifier = "EUPL-1.2")
    ),
    tags(
        (name = "jobs", description = "Job search and job details"),
        (name = "places", description = "The places of Germany (GeoNames, CC BY 4.0)"),
        (name = "reference", description = "Reference data"),
        (name = "operations", description = "Health")
    )
)]
struct ApiDoc;

/// Every API route with its OpenAPI description: the one list both come from.
fn documented() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(jobs::list_jobs))
        .routes(routes!(jobs::get_job))
        .routes(routes!(places::list_places))
        .routes(routes!(places::get_place))
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
