//! Networks: the portal page `/n/{slug}`, network administration, and the `/embed/jobs` widget.
//!
//! A network's jobs are the published jobs at the places of its area
//! ([`bleibe_store::Accounts::network_places`]); the portal and the widget find them with
//! the job search's `network` filter, as `/jobs?network={id}` does.

use super::{card, html, org_kind_label, parse_id, see_other};
use crate::auth::audit::{self, actions};
use crate::i18n::{Lang, Tr};
use crate::params::IdPair;
use crate::params::{encode, JobSearch, RawQuery, Segment};
use crate::policy::Caller;
use crate::problem::AppError;
use crate::routes::Routes;
use crate::search;
use crate::state::AppState;
use crate::views::{Chrome, JobCard};
use askama::Template;
use axum::extract::{Request, State};
use axum::http::header;
use axum::response::Response;
use bleibe_domain::policy::Action;
use bleibe_domain::Network;
use bleibe_search::{FacetSet, Sort};

/// Jobs the portal lists.
const PORTAL_JOBS: u32 = 20;
/// Most jobs the widget lists.
const EMBED_MAX: u32 = 20;
/// Jobs the widget lists by default.
const EMBED_DEFAULT: u32 = 5;

/// The routes of this module.
pub(super) fn routes() -> Routes {
    Routes::new()
        .get("/n/{slug}", portal)
        .get("/networks/{id}/admin", network_admin)
        .post("/networks/{id}/orgs/{org}/verify", verify)
        .get("/embed/jobs", embed_jobs)
}

/// A member organisation as listed.
pub struct OrgRow {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Kind, translated.
    pub kind: String,
    /// Verified by an admin.
    pub verified: bool,
    /// Whether its kind waits for verification.
    pub needs_verification: bool,
    /// Its jobs in the search.
    pub jobs_href: String,
    /// Demo record.
    pub demo: bool,
}

/// `/n/{slug}`.
#[derive(Template)]
#[template(path = "network/portal.html")]
pub struct PortalPage {
    /// Chrome.
    pub chrome: Chrome,
    /// The network.
    pub network: Network,
    /// Description paragraphs.
    pub paragraphs: Vec<String>,
    /// Member organisations.
    pub orgs: Vec<OrgRow>,
    /// Newest jobs in the area.
    pub cards: Vec<JobCard>,
    /// Open jobs in the area.
    pub total: u64,
    /// Every job of the network in the search.
    pub jobs_href: String,
    /// The same as JSON.
    pub api_href: String,
}

/// `/networks/{id}/admin`.
#[derive(Template)]
#[template(path = "network/admin.html")]
pub struct NetworkAdminPage {
    /// Chrome.
    pub chrome: Chrome,
    /// The network.
    pub network: Network,
    /// Member organisations.
    pub orgs: Vec<OrgRow>,
    /// HTML snippet that frames the widget.
    pub embed_snippet: String,
}

/// A job in the widget.
pub struct EmbedItem {
    /// Job page.
    pub href: String,
    /// Title.
    pub title: String,
    /// Employer name.
    pub employer: String,
    /// Place name.
    pub place: String,
    /// Posting date, formatted.
    pub posted: String,
    /// ISO date.
    pub posted_iso: String,
    /// Demo record.
    pub demo: bool,
}

/// `/embed/jobs`: standalone, without the site's header and footer.
#[derive(Template)]
#[template(path = "network/embed.html")]
pub struct EmbedPage {
    /// Language.
    pub lang: Lang,
    /// Translator.
    pub tr: Tr,
    /// Portal name.
    pub site_name: String,
    /// Heading.
    pub heading: String,
    /// Jobs.
    pub items: Vec<EmbedItem>,
    /// Text of the link to the whole search, with the number of jobs.
    pub more_label: String,
    /// The whole search on the portal.
    pub more_href: String,
}

/// The member organisations of a network, by name.
async fn org_rows(state: &AppState, tr: &Tr, network_id: i64) -> Result<Vec<OrgRow>, AppError> {
    let mut rows = Vec::new();
    for oid in state.store.network_orgs(network_id).await? {
        if let Some(e) = state.store.employer(oid).await? {
            rows.push(OrgRow {
                id: e.id,
                kind: org_kind_label(tr, e.kind),
                verified: e.verified,
                needs_verification: e.kind.needs_verification(),
                jobs_href: format!("/jobs?{}", encode(&[("employer", e.id.to_string())])),
                demo: e.demo,
                name: e.name,
            });
        }
    }
    rows.sort_by_key(|r| r.name.to_lowercase());
    Ok(rows)
}

/// The newest published jobs in a network's area (none when it has no places), matching
/// `q`: the same search as `/jobs?network={id}`.
async fn network_jobs(
    state: &AppState,
    tr: &Tr,
    network_id: i64,
    q: Option<&str>,
    limit: u32,
) -> Result<search::Outcome, AppError> {
    let mut search = text_search(state, q, limit)?;
    search.network = Some(network_id);
    search::run(state, &search, tr).await
}

/// A search for `q`, newest first when there is no text, `limit` jobs, no facets.
fn text_search(state: &AppState, q: Option<&str>, limit: u32) -> Result<JobSearch, AppError> {
    let raw = RawQuery(
        q.map(|q| vec![("q".to_string(), q.to_string())])
            .unwrap_or_default(),
    );
    let mut search = JobSearch::parse(&raw, &state.gazetteer)?;
    if search.q.is_none() {
        search.sort = Sort::Date;
    }
    search.per_page = limit;
    search.facets = FacetSet::NONE;
    Ok(search)
}

/// `GET /n/{slug}`: the public portal of a network.
async fn portal(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(slug): Segment,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::ViewPublicPages)?;
    let network = state
        .store
        .network_by_slug(&slug)
        .await?
        .ok_or_else(AppError::not_found)?;
    let tr = lang.tr();
    let orgs = org_rows(&state, &tr, network.id).await?;
    let outcome = network_jobs(&state, &tr, network.id, None, PORTAL_JOBS).await?;
    let network_param = [("network", network.id.to_string())];
    let paragraphs = network
        .description
        .split("\n\n")
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    html(PortalPage {
        chrome: super::chrome(&state, lang, &req, "", &network.name),
        paragraphs,
        orgs,
        cards: outcome
            .items
            .iter()
            .map(|(j, d)| card(&tr, j, *d))
            .collect(),
        total: outcome.total,
        jobs_href: format!("/jobs?{}", encode(&network_param)),
        api_href: format!("/api/v1/jobs?{}", encode(&network_param)),
        network,
    })
}

/// The network, or 404.
async fn network(state: &AppState, id: i64) -> Result<Network, AppError> {
    state
        .store
        .network(id)
        .await?
        .ok_or_else(AppError::not_found)
}

/// `GET /networks/{id}/admin`.
async fn network_admin(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw_id): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let id = parse_id(&raw_id)?;
    caller.authorize(Action::AdminNetwork(id))?;
    let network = network(&state, id).await?;
    let tr = lang.tr();
    let orgs = org_rows(&state, &tr, id).await?;
    let src = format!(
        "{}/embed/jobs?{}",
        state.config.public_url.trim_end_matches('/'),
        encode(&[("network", id.to_string())])
    );
    let embed_snippet = format!(
        "<iframe src=\"{src}\" title=\"{}\" width=\"100%\" height=\"480\" loading=\"lazy\"></iframe>",
        tr.t1("net-embed-frame-title", "network", &network.name)
            .replace('&', "&amp;")
            .replace('"', "&quot;")
    );
    let title = tr.t1("net-admin-title", "network", &network.name);
    html(NetworkAdminPage {
        chrome: super::chrome(&state, lang, &req, "admin", &title),
        network,
        orgs,
        embed_snippet,
    })
}

/// `POST /networks/{id}/orgs/{org}/verify`: a network admin verifies a member.
async fn verify(
    State(state): State<AppState>,
    caller: Caller,
    IdPair(id, org_id): IdPair,
) -> Result<Response, AppError> {
    caller.authorize(Action::AdminNetwork(id))?;
    network(&state, id).await?;
    if !state.store.network_orgs(id).await?.contains(&org_id) {
        return Err(AppError::not_found());
    }
    state.store.set_verified(org_id, true).await?;
    audit::record(
        &state,
        caller.ctx(),
        actions::ORG_VERIFIED,
        Some(org_id),
        format!("org:{org_id}"),
        format!("network:{id}"),
    )
    .await?;
    Ok(see_other(&format!("/networks/{id}/admin")))
}

/// The widget's language: the `lang` parameter, else the browser's; never a cookie (the
/// widget lives in other sites' pages and shows the same to everyone).
fn embed_lang(raw: &RawQuery, req: &Request) -> Lang {
    raw.get("lang")
        .and_then(Lang::parse)
        .or_else(|| {
            req.headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or_default()
}

/// `GET /embed/jobs?q=&network=&limit=`: a small list of jobs for partners' pages.
async fn embed_jobs(
    State(state): State<AppState>,
    caller: Caller,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::SearchJobs)?;
    let raw = RawQuery::parse(req.uri().query())?;
    let lang = embed_lang(&raw, &req);
    let tr = lang.tr();
    let limit = raw.int("limit", 1, EMBED_MAX, EMBED_DEFAULT)?;
    let q = raw.get("q");
    let network = match raw.get("network") {
        None => None,
        Some(v) => {
            let id = v.parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| {
                AppError::bad_param("network", "error-param-id", &[("value", v.to_string())])
            })?;
            Some(network(&state, id).await?)
        }
    };
    let outcome = match &network {
        Some(n) => network_jobs(&state, &tr, n.id, q, limit).await?,
        None => search::run(&state, &text_search(&state, q, limit)?, &tr).await?,
    };
    let mut more = Vec::new();
    if let Some(q) = q {
        more.push(("q", q.to_string()));
    }
    if let Some(n) = &network {
        more.push(("network", n.id.to_string()));
    }
    let more_href = if more.is_empty() {
        "/jobs".to_string()
    } else {
        format!("/jobs?{}", encode(&more))
    };
    let heading = match &network {
        Some(n) => tr.t1("embed-heading-network", "network", &n.name),
        None => tr.t1("embed-heading", "site", &state.config.site_name),
    };
    let items = outcome
        .items
        .iter()
        .map(|(j, _)| EmbedItem {
            href: format!("/jobs/{}", j.id),
            title: j.data.title.clone(),
            employer: j.employer.name.clone(),
            place: j.place.name.clone(),
            posted: super::cards::date(lang, j.data.posted_at.date_naive()),
            posted_iso: j.data.posted_at.date_naive().to_string(),
            demo: j.data.demo,
        })
        .collect();
    let more_label = tr.tn("embed-more", "count", outcome.total);
    html(EmbedPage {
        lang,
        tr,
        site_name: state.config.site_name.clone(),
        heading,
        items,
        more_label,
        more_href,
    })
}
