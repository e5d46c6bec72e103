//! `/places/{id}`: a place, what it offers (its profile) and its jobs.

use super::cards::thousands;
use super::{card, html, parse_id};
use crate::i18n::Lang;
use crate::params::encode;
use crate::params::Segment;
use crate::policy::Caller;
use crate::problem::AppError;
use crate::search::today;
use crate::state::AppState;
use crate::views::{Fact, PlacePage};
use axum::extract::{Request, State};
use axum::response::Response;
use bleibe_domain::policy::Action;

pub(super) async fn place(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw_id): Segment,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::ViewPlaces)?;
    let id = parse_id(&raw_id)?;
    let place = state
        .store
        .place(id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let tr = lang.tr();
    let (jobs_here, jobs) = state.store.jobs_at_place(id, today(), 20).await?;
    let profile = state.store.place_profile(id).await?;
    let profile = super::place_profile::section(&tr, &caller, &place, &profile);
    let unknown = tr.t("value-unknown");
    let facts = vec![
        Fact {
            label: tr.t("place-state"),
            value: place.state().name.to_string(),
        },
        Fact {
            label: tr.t("place-population"),
            value: place
                .population
                .map(|p| thousands(lang, u64::from(p)))
                .unwrap_or(unknown.clone()),
        },
        Fact {
            label: tr.t("place-county"),
            value: place.county.clone().unwrap_or(unknown.clone()),
        },
        Fact {
            label: tr.t("place-ags"),
            value: place.ags.clone().unwrap_or(unknown),
        },
        Fact {
            label: tr.t("place-coordinates"),
            value: format!("{:.4}° N, {:.4}° E", place.lat, place.lon),
        },
        Fact {
            label: tr.t("place-geonames-id"),
            value: place.id.to_string(),
        },
    ];
    html(PlacePage {
        chrome: super::chrome(&state, lang, &req, "", &place.name),
        name: place.name.clone(),
        facts,
        alternate_names: place.alternate_names.join(", "),
        cards: jobs.iter().map(|j| card(&tr, j, None)).collect(),
        jobs_here,
        nearby_href: format!(
            "/jobs?{}",
            encode(&[("near", place.id.to_string()), ("radius_km", "25".into())])
        ),
        map_href: format!(
            "https://www.openstreetmap.org/?mlat={lat:.5}&mlon={lon:.5}#map=12/{lat:.5}/{lon:.5}",
            lat = place.lat,
            lon = place.lon
        ),
        profile,
    })
}
