//! `GET /networks`: every network of the installation, with what it is and where to go
//! next — the way into the network workspace from the main navigation.

use super::page_chrome;
use crate::i18n::Lang;
use crate::policy::Caller;
use crate::problem::AppError;
use crate::state::AppState;
use crate::views::Chrome;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use bleibe_domain::policy::Action;

/// One network in the list.
pub(super) struct NetworkRow {
    id: i64,
    name: String,
    /// The first paragraph of its description.
    summary: String,
    members: u64,
    places: u64,
    /// Whether the caller sees its members-only records.
    member: bool,
    demo: bool,
}

/// `/networks`.
#[derive(Template)]
#[template(path = "cooperation/networks.html")]
pub(super) struct NetworksPage {
    chrome: Chrome,
    networks: Vec<NetworkRow>,
}

/// `GET /networks`.
pub(super) async fn list(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
) -> Result<Response, AppError> {
    caller.authorize(Action::ViewPublicPages)?;
    let mut networks = Vec::new();
    for n in state.store.networks().await? {
        networks.push(NetworkRow {
            members: state.store.network_orgs(n.id).await?.len() as u64,
            places: state.store.network_places(n.id).await?.len() as u64,
            member: caller.may(Action::ViewNetworkInternal(n.id)),
            summary: n
                .description
                .split("\n\n")
                .next()
                .unwrap_or_default()
                .trim()
                .to_string(),
            id: n.id,
            name: n.name,
            demo: n.demo,
        });
    }
    let title = lang.tr().t("net-index-title");
    crate::pages::html(NetworksPage {
        chrome: page_chrome(&state, lang, &caller, "/networks", &title),
        networks,
    })
}
