//! `/networks/{id}`: a network's page. Its member directory (contact persons for those
//! who see inside the network), working groups (members only), upcoming events and
//! latest measures visible to the caller, and the links to its calendar, feeds and
//! open data. Members list themselves as contact persons here, with their consent.

use super::events::{event_row, EventRow};
use super::form::{id_options, note, note_app_error, value, Field, SummaryItem};
use super::measures::{measure_card, MeasureCard};
use super::page_chrome;
use super::paragraphs;
use crate::cooperation::{self, audience};
use crate::i18n::{Lang, Tr};
use crate::pages::form::Errors;
use crate::pages::{
    form_pairs, html_status, org_kind_label, parse_id, path_and_query, read_body, see_other,
};
use crate::params::{IdPair, Segment};
use crate::policy::Caller;
use crate::problem::AppError;
use crate::state::AppState;
use crate::views::{Chrome, SelectOption};
use askama::Template;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use bleibe_domain::cooperation::{Contact, NewContact};
use bleibe_domain::policy::Action;
use bleibe_domain::{Network, OrgKind};
use bleibe_store::cooperation::{EventFilter, MeasureFilter};

/// Upcoming events the page lists.
const PAGE_EVENTS: i64 = 10;
/// Latest measures the page lists.
const PAGE_MEASURES: i64 = 5;

/// A contact person in the directory.
pub(super) struct ContactRow {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Function.
    pub function: String,
    /// E-mail address.
    pub email: String,
    /// Phone.
    pub phone: String,
    /// Whether the viewer may remove the entry (their own, or a network admin).
    pub can_remove: bool,
    /// Demo record.
    pub demo: bool,
}

/// A member organisation in the directory.
pub(super) struct OrgEntry {
    /// Name.
    pub name: String,
    /// Kind, translated.
    pub kind: String,
    /// Its measures shared with the network.
    pub measures_href: String,
    /// Demo record.
    pub demo: bool,
    /// Listed contact persons.
    pub contacts: Vec<ContactRow>,
}

/// A working group as listed.
pub(super) struct GroupRow {
    /// Page.
    pub href: String,
    /// Name.
    pub name: String,
    /// Its lead, if any.
    pub lead: Option<String>,
    /// "3 members".
    pub members: String,
    /// Demo record.
    pub demo: bool,
}

/// The form that lists the viewer as a contact person.
pub(super) struct ContactFields {
    name: Field,
    function: Field,
    email: Field,
    phone: Field,
    org: Field,
    consent: Field,
}

/// What was typed into the contact form.
#[derive(Default)]
struct ContactForm {
    name: String,
    function: String,
    email: String,
    phone: String,
    org: String,
    consent: bool,
}

#[derive(Template)]
#[template(path = "cooperation/network.html")]
struct NetworkPage {
    chrome: Chrome,
    network: Network,
    paragraphs: Vec<Vec<String>>,
    orgs: Vec<OrgEntry>,
    /// The viewer sees inside the network: contact persons, working groups, ideas.
    internal: bool,
    /// The viewer administers the network.
    admin: bool,
    groups: Vec<GroupRow>,
    events: Vec<EventRow>,
    measures: Vec<MeasureCard>,
    measures_more: String,
    contact: Option<ContactFields>,
    /// Why there is no contact form for a member (no member organisation).
    contact_hint: Option<String>,
    summary: Vec<SummaryItem>,
}

/// Ranks organisations for the directory and the comparison: municipalities and the
/// other public bodies of a place first.
pub(super) fn kind_rank(kind: OrgKind) -> u8 {
    match kind {
        OrgKind::Municipality => 0,
        OrgKind::County => 1,
        OrgKind::Zweckverband => 2,
        _ => 3,
    }
}

/// `GET /networks/{id}`.
pub(super) async fn page(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let id = parse_id(&raw)?;
    caller.authorize(Action::ViewPublicPages)?;
    let network = cooperation::network(&state, id).await?;
    let form = default_contact(&caller);
    render(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        network,
        &form,
        &Errors::default(),
        StatusCode::OK,
    )
    .await
}

/// The contact form filled with the viewer's name and address.
fn default_contact(caller: &Caller) -> ContactForm {
    let user = caller.ctx().user.as_ref();
    ContactForm {
        name: user.map(|u| u.display_name.clone()).unwrap_or_default(),
        email: user.map(|u| u.email.clone()).unwrap_or_default(),
        ..ContactForm::default()
    }
}

#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AppState,
    caller: &Caller,
    lang: Lang,
    path: &str,
    network: Network,
    form: &ContactForm,
    errors: &Errors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let tr = lang.tr();
    let id = network.id;
    let internal = caller.may(Action::ViewNetworkInternal(id));
    let admin = caller.may(Action::AdminNetwork(id));
    let me = caller.ctx().user_id();
    let contacts: Vec<Contact> = if internal {
        state.store.contacts(id).await?
    } else {
        Vec::new()
    };
    let mut orgs = Vec::new();
    for oid in state.store.network_orgs(id).await? {
        let Some(e) = state.store.employer(oid).await? else {
            continue;
        };
        let contacts = contacts
            .iter()
            .filter(|c| c.data.org_id == oid)
            .map(|c| ContactRow {
                id: c.id,
                name: c.data.name.clone(),
                function: c.data.function.clone(),
                email: c.data.email.clone(),
                phone: c.data.phone.clone(),
                can_remove: admin || (c.data.user_id.is_some() && c.data.user_id == me),
                demo: c.data.demo,
            })
            .collect();
        orgs.push((
            kind_rank(e.kind),
            OrgEntry {
                kind: org_kind_label(&tr, e.kind),
                measures_href: format!("/networks/{id}/measures?org={oid}"),
                demo: e.demo,
                contacts,
                name: e.name,
            },
        ));
    }
    orgs.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| a.1.name.to_lowercase().cmp(&b.1.name.to_lowercase()))
    });
    let groups = if internal {
        state
            .store
            .groups(id)
            .await?
            .into_iter()
            .map(|g| GroupRow {
                href: format!("/working-groups/{}", g.id),
                lead: g.lead_name.clone(),
                members: tr.tn(
                    "np-group-members-count",
                    "count",
                    g.member_count.max(0) as u64,
                ),
                demo: g.data.demo,
                name: g.data.name,
            })
            .collect()
    } else {
        Vec::new()
    };
    let (events, _) = state
        .store
        .events(&EventFilter {
            network: Some(id),
            from: Some(chrono::Utc::now()),
            members_of: audience(caller),
            limit: PAGE_EVENTS,
            ..EventFilter::default()
        })
        .await?;
    let (measures, total) = state
        .store
        .measures(&MeasureFilter {
            network: Some(id),
            members_of: audience(caller),
            limit: PAGE_MEASURES,
            ..MeasureFilter::default()
        })
        .await?;
    let (contact, contact_hint) = if caller.may(Action::ContributeToNetwork(id)) {
        let mine = cooperation::member_orgs(state, caller, id).await?;
        if mine.is_empty() {
            (None, Some(tr.t("np-contact-no-org")))
        } else {
            (Some(contact_fields(&tr, form, &mine, errors)), None)
        }
    } else {
        (None, None)
    };
    let summary = match &contact {
        Some(f) => errors.summary(&[&f.name, &f.function, &f.email, &f.phone, &f.org, &f.consent]),
        None => Vec::new(),
    };
    html_status(
        status,
        NetworkPage {
            chrome: page_chrome(state, lang, caller, path, &network.name),
            paragraphs: paragraphs(&network.description),
            orgs: orgs.into_iter().map(|(_, o)| o).collect(),
            internal,
            admin,
            groups,
            events: events.iter().map(|e| event_row(&tr, e)).collect(),
            measures: measures.iter().map(|m| measure_card(&tr, m)).collect(),
            measures_more: tr.tn("np-measures-all", "count", total.max(0) as u64),
            contact,
            contact_hint,
            summary,
            network,
        },
    )
}

fn contact_fields(
    tr: &Tr,
    form: &ContactForm,
    orgs: &[(i64, String)],
    errors: &Errors,
) -> ContactFields {
    let req = |key: &str| tr.t1("ws-required", "label", tr.t(key));
    let org = if form.org.is_empty() && orgs.len() == 1 {
        orgs[0].0.to_string()
    } else {
        form.org.clone()
    };
    ContactFields {
        name: Field::new("contact_name", req("np-contact-name"), form.name.clone())
            .required()
            .maxlength(200)
            .autocomplete("name")
            .errors(errors),
        function: Field::new(
            "function",
            tr.t("np-contact-function"),
            form.function.clone(),
        )
        .hint(tr.t("np-contact-function-hint"))
        .maxlength(200)
        .autocomplete("organization-title")
        .errors(errors),
        email: Field::new("email", req("np-contact-email"), form.email.clone())
            .control("email")
            .required()
            .autocomplete("email")
            .errors(errors),
        phone: Field::new("phone", tr.t("np-contact-phone"), form.phone.clone())
            .control("tel")
            .maxlength(50)
            .autocomplete("tel")
            .errors(errors),
        org: Field::select("org", req("np-contact-org"), id_options(orgs, None, &org))
            .errors(errors),
        consent: Field::checks(
            "consent",
            req("np-contact-consent"),
            vec![SelectOption {
                value: "yes".into(),
                label: tr.t("np-contact-consent-label"),
                selected: form.consent,
            }],
        )
        .hint(tr.t("np-contact-consent-hint"))
        .errors(errors),
    }
}

/// The contact form field a write's parameter concerns.
fn contact_field(param: &str) -> Option<String> {
    Some(
        match param {
            "name" => "contact_name",
            "function" => "function",
            "email" => "email",
            "phone" => "phone",
            "org_id" => "org",
            _ => return None,
        }
        .to_string(),
    )
}

/// `POST /networks/{id}/contacts`: lists the caller as a contact person.
pub(super) async fn add_contact(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let id = parse_id(&raw)?;
    caller.authorize(Action::ContributeToNetwork(id))?;
    let network = cooperation::network(&state, id).await?;
    let (req, body) = read_body(req).await?;
    let pairs = form_pairs(&body);
    let form = ContactForm {
        name: value(&pairs, "contact_name"),
        function: value(&pairs, "function"),
        email: value(&pairs, "email"),
        phone: value(&pairs, "phone"),
        org: value(&pairs, "org"),
        consent: value(&pairs, "consent") == "yes",
    };
    let tr = lang.tr();
    let mut errors = Errors::default();
    let org_id = form.org.trim().parse::<i64>().ok();
    if org_id.is_none() {
        note(&mut errors, &tr, "org");
    }
    if !form.consent {
        note(&mut errors, &tr, "consent");
    }
    let mut status = StatusCode::BAD_REQUEST;
    if let (Some(org_id), true) = (org_id, errors.is_empty()) {
        let contact = NewContact {
            network_id: id,
            org_id,
            user_id: None,
            name: form.name.clone(),
            function: form.function.clone(),
            email: form.email.clone(),
            phone: form.phone.clone(),
            consent_at: chrono::Utc::now(),
            demo: false,
        };
        match cooperation::add_contact(&state, &caller, contact).await {
            Ok(_) => return Ok(see_other(&format!("/networks/{id}#contacts-title"))),
            Err(e) => status = note_app_error(&mut errors, &tr, e, contact_field)?,
        }
    }
    render(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        network,
        &form,
        &errors,
        status,
    )
    .await
}

/// `POST /networks/{id}/contacts/{contact}/remove`: the person themselves or a network
/// admin takes an entry out of the directory.
pub(super) async fn remove_contact(
    State(state): State<AppState>,
    caller: Caller,
    IdPair(id, contact): IdPair,
) -> Result<Response, AppError> {
    caller.require_identity()?;
    cooperation::network(&state, id).await?;
    cooperation::remove_contact(&state, &caller, id, contact).await?;
    Ok(see_other(&format!("/networks/{id}#contacts-title")))
}
