//! Events: a network's public calendar, an event's page with its registration form,
//! the registration's own page (reached by the link from the confirmation, which also
//! cancels it and moves the first person on the waiting list up), and for organisers
//! the list of registrations with attendance. The event form is in `event_form`.

use super::form::{note_app_error, value, values, Field, SummaryItem};
use super::page_chrome;
use super::{berlin, in_org, month_heading, paragraphs, span, when};
use crate::auth::crypto::sha256_hex;
use crate::cooperation::{self, audience, labels};
use crate::i18n::{Lang, Tr};
use crate::pages::form::Errors;
use crate::pages::{
    chrome, form_pairs, html, html_status, parse_id, path_and_query, read_body, see_other,
};
use crate::params::{RawQuery, Segment};
use crate::policy::Caller;
use crate::problem::AppError;
use crate::state::AppState;
use crate::views::Chrome;
use crate::views::SelectOption;
use askama::Template;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use bleibe_domain::cooperation::{
    Event, NewRegistration, Registration, RegistrationStatus, Visibility,
};
use bleibe_domain::policy::Action;
use bleibe_domain::Network;
use bleibe_store::cooperation::EventFilter;
use chrono::{DateTime, Datelike, SecondsFormat, Utc};

/// Most events the calendar lists.
const CALENDAR_MAX: i64 = 500;

/// An event in a list.
pub(super) struct EventRow {
    /// Page.
    pub href: String,
    /// Title.
    pub title: String,
    /// Kind, translated.
    pub kind: String,
    /// Date and time.
    pub when: String,
    /// Start, RFC 3339.
    pub when_iso: String,
    /// Venue.
    pub venue: String,
    /// Free places, "waiting list", or no limit.
    pub places: String,
    /// Organiser.
    pub org: String,
    /// For members only.
    pub members_only: bool,
    /// Demo record.
    pub demo: bool,
    /// Called off by the organiser.
    pub cancelled: bool,
}

/// What an event says about its places: free places, "booked up: waiting list", no
/// limit, or registration closed; for an event with slots, free slots or "fully
/// booked"; for a called-off event, that it does not take place.
fn places(tr: &Tr, e: &Event) -> String {
    if e.is_cancelled() {
        return tr.t("np-places-cancelled");
    }
    if !e.data.registration_open {
        return tr.t("np-places-closed");
    }
    if e.data.has_slots() {
        return match e.free() {
            Some(n) if n > 0 => tr.tn("np-places-slots-free", "count", n as u64),
            _ => tr.t("np-slots-none"),
        };
    }
    match e.free() {
        None => tr.t("np-places-unlimited"),
        Some(0) => tr.t("np-places-waiting"),
        Some(n) => tr.tn("np-places-free", "count", n.max(0) as u64),
    }
}

/// An event as a list shows it.
pub(super) fn event_row(tr: &Tr, e: &Event) -> EventRow {
    EventRow {
        href: format!("/events/{}", e.id),
        title: e.data.title.clone(),
        kind: labels::event_kind(tr, e.data.kind),
        when: span(tr, e.data.starts_at, e.data.ends_at),
        when_iso: e.data.starts_at.to_rfc3339(),
        venue: e.data.venue.clone(),
        places: places(tr, e),
        org: e.org_name.clone(),
        members_only: e.data.visibility == Visibility::Members,
        demo: e.data.demo,
        cancelled: e.is_cancelled(),
    }
}

/// A month of the calendar.
struct MonthGroup {
    id: String,
    heading: String,
    events: Vec<EventRow>,
}

#[derive(Template)]
#[template(path = "cooperation/events.html")]
struct CalendarPage {
    chrome: Chrome,
    network: Network,
    months: Vec<MonthGroup>,
    /// "New event" links: (href, label).
    new_links: Vec<(String, String)>,
}

/// `GET /networks/{id}/events`: the upcoming events the caller may see, by month.
pub(super) async fn calendar(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw_id): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let id = parse_id(&raw_id)?;
    caller.authorize(Action::ViewPublicPages)?;
    let network = cooperation::network(&state, id).await?;
    let tr = lang.tr();
    let (events, _) = state
        .store
        .events(&EventFilter {
            network: Some(id),
            from: Some(Utc::now()),
            members_of: audience(&caller),
            limit: CALENDAR_MAX,
            ..EventFilter::default()
        })
        .await?;
    let mut months: Vec<MonthGroup> = Vec::new();
    for e in &events {
        let d = berlin(e.data.starts_at).date_naive();
        let key = format!("{:04}-{:02}", d.year(), d.month());
        if months.last().map(|m| &m.id) != Some(&key) {
            months.push(MonthGroup {
                id: key,
                heading: month_heading(&tr, d),
                events: Vec::new(),
            });
        }
        if let Some(m) = months.last_mut() {
            m.events.push(event_row(&tr, e));
        }
    }
    let new_links = cooperation::writing_orgs(&state, &caller, Some(id))
        .await?
        .into_iter()
        .map(|(oid, name)| {
            (
                format!("/events/new?org={oid}&network={id}"),
                tr.t1("np-event-new-for", "org", name),
            )
        })
        .collect();
    let title = tr.t1("np-calendar-title", "network", &network.name);
    html(CalendarPage {
        chrome: chrome(&state, lang, &req, "networks", &title),
        network,
        months,
        new_links,
    })
}

/// What was typed into the registration form.
#[derive(Default)]
struct RegisterForm {
    name: String,
    email: String,
    organisation: String,
    /// The chosen slot's start (RFC 3339), for an event with slots.
    slot: String,
}

struct RegisterFields {
    name: Field,
    email: Field,
    organisation: Field,
    /// The free slots to choose from, for an event with slots.
    slot: Option<Field>,
}

/// A slot's start as the form carries it (RFC 3339 in UTC, whole seconds).
fn slot_value(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// The slot chosen in the form: `Ok(None)` when none, `Err(())` when it is no instant.
fn parse_slot(raw: &str) -> Result<Option<DateTime<Utc>>, ()> {
    match raw.trim() {
        "" => Ok(None),
        v => DateTime::parse_from_rfc3339(v)
            .map(|t| Some(t.with_timezone(&Utc)))
            .map_err(|_| ()),
    }
}

/// A slot as a choice in the form: its time of day in German time ("10:00–10:30"),
/// with the date when the event spans several days.
fn slot_label(e: &Event, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    let (s, t) = (berlin(start), berlin(end));
    let several_days = berlin(e.data.starts_at).date_naive() != berlin(e.data.ends_at).date_naive();
    if several_days {
        format!(
            "{} {}–{}",
            s.format("%d.%m."),
            s.format("%H:%M"),
            t.format("%H:%M")
        )
    } else {
        format!("{}–{}", s.format("%H:%M"), t.format("%H:%M"))
    }
}

#[derive(Template)]
#[template(path = "cooperation/event.html")]
struct EventPage {
    chrome: Chrome,
    id: i64,
    title: String,
    kind: String,
    demo: bool,
    members_only: bool,
    when: String,
    when_iso: String,
    venue: String,
    address: String,
    online_url: Option<String>,
    organiser: String,
    /// (href, name).
    network: Option<(String, String)>,
    /// (href, name), for those who may see the group.
    group: Option<(String, String)>,
    capacity: Option<String>,
    /// Divided into bookable slots.
    slotted: bool,
    places: String,
    description: Vec<Vec<String>>,
    agenda: Vec<Vec<String>>,
    minutes: Vec<Vec<String>>,
    can_edit: bool,
    can_manage: bool,
    /// When it was called off (a date as people read it), `None` when it takes place.
    cancelled: Option<String>,
    /// The caller may call it off (manages it, and it is not cancelled yet).
    can_cancel: bool,
    register: Option<RegisterFields>,
    /// Why one cannot register (closed, past, members only).
    closed: Option<String>,
    summary: Vec<SummaryItem>,
    /// The signed-in viewer's registration status.
    my_status: Option<String>,
    /// The other dates of the event's series that the caller may see, by start.
    series: Vec<SeriesDate>,
}

/// Another date of an event's series.
struct SeriesDate {
    /// Its page.
    href: String,
    /// When, as people read it.
    when: String,
    /// `when` as RFC 3339.
    when_iso: String,
    /// Called off.
    cancelled: bool,
}

/// The other dates of `e`'s series that the caller may see (empty for an event on its
/// own), by start.
async fn series_dates(
    state: &AppState,
    caller: &Caller,
    tr: &Tr,
    e: &Event,
) -> Result<Vec<SeriesDate>, AppError> {
    let Some(series) = e.series_id else {
        return Ok(Vec::new());
    };
    let (events, _) = state
        .store
        .events(&EventFilter {
            series: Some(series),
            members_of: audience(caller),
            limit: 100,
            ..EventFilter::default()
        })
        .await?;
    Ok(events
        .iter()
        .filter(|other| other.id != e.id)
        .map(|other| SeriesDate {
            href: format!("/events/{}", other.id),
            when: span(tr, other.data.starts_at, other.data.ends_at),
            when_iso: other.data.starts_at.to_rfc3339(),
            cancelled: other.is_cancelled(),
        })
        .collect())
}

/// Whether the caller may register for the event (as [`cooperation::register`] decides).
fn may_register(caller: &Caller, e: &Event) -> bool {
    e.data.visibility == Visibility::Public
        || e.data
            .network_id
            .is_some_and(|n| caller.may(Action::ContributeToNetwork(n)))
        || in_org(caller, e.data.org_id)
}

#[allow(clippy::too_many_arguments)]
async fn render_event(
    state: &AppState,
    caller: &Caller,
    lang: Lang,
    path: &str,
    e: &Event,
    form: &RegisterForm,
    errors: &Errors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let tr = lang.tr();
    let d = &e.data;
    let network = match d.network_id {
        Some(n) => state
            .store
            .network(n)
            .await?
            .map(|n| (format!("/networks/{}", n.id), n.name)),
        None => None,
    };
    let group = match d.working_group_id {
        Some(g) => match cooperation::visible_group(state, caller, g).await {
            Ok(g) => Some((format!("/working-groups/{}", g.id), g.data.name)),
            Err(_) => None,
        },
        None => None,
    };
    let open = d.registration_open && d.ends_at >= Utc::now() && !e.is_cancelled();
    // Free slots only: taken ones (and those that have begun) are not offered.
    let free_slots: Vec<(DateTime<Utc>, DateTime<Utc>)> = cooperation::slot_table(state, e)
        .await?
        .into_iter()
        .filter(|(_, _, free)| *free)
        .map(|(s, t, _)| (s, t))
        .collect();
    let closed = if e.is_cancelled() {
        Some(tr.t("np-register-cancelled"))
    } else if !d.registration_open {
        Some(tr.t("np-register-closed"))
    } else if d.ends_at < Utc::now() {
        Some(tr.t("np-register-past"))
    } else if !may_register(caller, e) {
        Some(tr.t("np-register-members-only"))
    } else if d.has_slots() && free_slots.is_empty() {
        Some(tr.t("np-slots-none"))
    } else {
        None
    };
    let register = (open && closed.is_none()).then(|| {
        let req_label = |key: &str| tr.t1("ws-required", "label", tr.t(key));
        let slot = d.has_slots().then(|| {
            let zone = free_slots
                .first()
                .map(|(s, _)| {
                    if super::summer_time(*s) {
                        tr.t("np-zone-summer")
                    } else {
                        tr.t("np-zone-winter")
                    }
                })
                .unwrap_or_default();
            let options = free_slots
                .iter()
                .map(|(s, t)| SelectOption {
                    value: slot_value(*s),
                    label: slot_label(e, *s, *t),
                    selected: parse_slot(&form.slot) == Ok(Some(*s)),
                })
                .collect();
            Field::radios(
                "slot",
                tr.t1(
                    "ws-required",
                    "label",
                    tr.ta(
                        "np-slot-legend",
                        &[
                            ("minutes", d.slot_minutes.unwrap_or_default().to_string()),
                            ("zone", zone),
                        ],
                    ),
                ),
                options,
            )
            .required()
            .hint(tr.t("np-slot-hint"))
            .errors(errors)
        });
        RegisterFields {
            slot,
            name: Field::new("name", req_label("np-register-name"), form.name.clone())
                .required()
                .maxlength(200)
                .autocomplete("name")
                .errors(errors),
            email: Field::new("email", req_label("np-register-email"), form.email.clone())
                .control("email")
                .required()
                .autocomplete("email")
                .hint(tr.t("np-register-email-hint"))
                .errors(errors),
            organisation: Field::new(
                "organisation",
                tr.t("np-register-organisation"),
                form.organisation.clone(),
            )
            .maxlength(200)
            .autocomplete("organization")
            .errors(errors),
        }
    });
    let summary = match &register {
        Some(f) => {
            let mut fields = vec![&f.name, &f.email, &f.organisation];
            if let Some(slot) = &f.slot {
                fields.insert(0, slot);
            }
            errors.summary(&fields)
        }
        // A conflict (closed meanwhile) without a form still says what happened.
        None => errors.summary(&[]),
    };
    let my_status = match caller.ctx().user_id() {
        Some(me) => state
            .store
            .registrations(e.id)
            .await?
            .into_iter()
            .find(|r| r.user_id == Some(me) && r.status != RegistrationStatus::Cancelled)
            .map(|r| match r.slot {
                Some(s) => format!(
                    "{}, {}",
                    labels::registration(&tr, r.status),
                    cooperation::slot_time(&tr, s, e.slot_end(s))
                ),
                None => labels::registration(&tr, r.status),
            }),
        None => None,
    };
    let series = series_dates(state, caller, &tr, e).await?;
    html_status(
        status,
        EventPage {
            chrome: page_chrome(state, lang, caller, path, &d.title),
            id: e.id,
            title: d.title.clone(),
            kind: labels::event_kind(&tr, d.kind),
            demo: d.demo,
            members_only: d.visibility == Visibility::Members,
            when: span(&tr, d.starts_at, d.ends_at),
            when_iso: d.starts_at.to_rfc3339(),
            venue: d.venue.clone(),
            address: d.address.clone(),
            online_url: d.online_url.clone(),
            organiser: e.org_name.clone(),
            network,
            group,
            capacity: match d.slot_minutes {
                Some(minutes) => Some(tr.ta(
                    "np-event-slots-value",
                    &[
                        ("count", e.slots().len().to_string()),
                        ("minutes", minutes.to_string()),
                    ],
                )),
                None => d
                    .capacity
                    .map(|c| tr.tn("np-event-capacity-value", "count", c.max(0) as u64)),
            },
            slotted: d.has_slots(),
            places: places(&tr, e),
            description: paragraphs(&d.description),
            agenda: paragraphs(&d.agenda),
            minutes: paragraphs(&d.minutes),
            can_edit: caller.may(Action::ManageEvents(d.org_id)),
            can_manage: cooperation::manages_event(caller, e),
            cancelled: e
                .cancelled_at
                .map(|t| super::day(lang, berlin(t).date_naive())),
            can_cancel: !e.is_cancelled() && cooperation::manages_event(caller, e),
            register,
            closed,
            summary,
            my_status,
            series,
        },
    )
}

/// The registration form filled with the signed-in viewer's name and address.
fn default_register(caller: &Caller) -> RegisterForm {
    let user = caller.ctx().user.as_ref();
    RegisterForm {
        name: user.map(|u| u.display_name.clone()).unwrap_or_default(),
        email: user.map(|u| u.email.clone()).unwrap_or_default(),
        organisation: String::new(),
        slot: String::new(),
    }
}

/// `GET /events/{id}`.
pub(super) async fn detail(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw_id): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let id = parse_id(&raw_id)?;
    caller.authorize(Action::ViewPublicPages)?;
    let e = cooperation::visible_event(&state, &caller, id).await?;
    let form = default_register(&caller);
    render_event(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        &e,
        &form,
        &Errors::default(),
        StatusCode::OK,
    )
    .await
}

/// The registration's page: after registering (`token` shown once, with the
/// cancellation link), and at the link itself.
#[derive(Template)]
#[template(path = "cooperation/registration.html")]
struct RegistrationPage {
    chrome: Chrome,
    token: String,
    /// Just registered: show the link to keep.
    fresh: bool,
    cancel_link: String,
    event_href: String,
    event_title: String,
    when: String,
    /// The booked slot, for an event with slots.
    slot: Option<String>,
    venue: String,
    status: String,
    /// `registered`, `waiting` or `cancelled`.
    status_id: &'static str,
    /// Place on the waiting list.
    position: Option<usize>,
    name: String,
    email: String,
    organisation: String,
}

async fn render_registration(
    state: &AppState,
    caller: &Caller,
    lang: Lang,
    path: &str,
    r: &Registration,
    token: &str,
    fresh: bool,
) -> Result<Response, AppError> {
    let tr = lang.tr();
    let event = state
        .store
        .event(r.event_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let position = if r.status == RegistrationStatus::Waiting {
        state
            .store
            .registrations(event.id)
            .await?
            .iter()
            .filter(|x| x.status == RegistrationStatus::Waiting)
            .position(|x| x.id == r.id)
            .map(|p| p + 1)
    } else {
        None
    };
    let title = tr.t1("np-registration-title", "title", &event.data.title);
    html(RegistrationPage {
        chrome: page_chrome(state, lang, caller, path, &title),
        token: token.to_string(),
        fresh,
        cancel_link: cooperation::cancel_url(state, token),
        event_href: format!("/events/{}", event.id),
        event_title: event.data.title.clone(),
        when: span(&tr, event.data.starts_at, event.data.ends_at),
        slot: r
            .slot
            .map(|s| cooperation::slot_time(&tr, s, event.slot_end(s))),
        venue: event.data.venue.clone(),
        status: labels::registration(&tr, r.status),
        status_id: r.status.as_str(),
        position,
        name: r.name.clone(),
        email: r.email.clone(),
        organisation: r.organisation.clone(),
    })
}

/// The registration form field a write's parameter concerns.
fn register_field(param: &str) -> Option<String> {
    matches!(param, "name" | "email" | "organisation" | "slot").then(|| param.to_string())
}

/// `POST /events/{id}/register`: registered while places are free, on the waiting list
/// after that (for an event with slots: the chosen slot, when it is still free); the
/// answer shows which, and the cancellation link.
pub(super) async fn register(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw_id): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let id = parse_id(&raw_id)?;
    caller.authorize(Action::ViewPublicPages)?;
    let e = cooperation::visible_event(&state, &caller, id).await?;
    if e.data.visibility == Visibility::Members && !in_org(&caller, e.data.org_id) {
        caller.authorize_hidden(Action::ContributeToNetwork(
            e.data.network_id.unwrap_or_default(),
        ))?;
    }
    let (req, body) = read_body(req).await?;
    let pairs = form_pairs(&body);
    let form = RegisterForm {
        name: value(&pairs, "name"),
        email: value(&pairs, "email"),
        organisation: value(&pairs, "organisation"),
        slot: value(&pairs, "slot"),
    };
    let tr = lang.tr();
    let result = match parse_slot(&form.slot) {
        Ok(slot) => {
            let who = NewRegistration {
                name: form.name.clone(),
                email: form.email.clone(),
                organisation: form.organisation.clone(),
                user_id: None,
                slot,
                cancel_hash: String::new(),
            };
            cooperation::register(&state, &caller, &e, who, &tr).await
        }
        Err(()) => Err(AppError::bad_param(
            "slot",
            "error-slot-invalid",
            &[("value", form.slot.clone())],
        )),
    };
    let mut errors = Errors::default();
    let status = match result {
        Ok((r, token)) => {
            return render_registration(
                &state,
                &caller,
                lang,
                &path_and_query(&req),
                &r,
                &token,
                true,
            )
            .await
        }
        Err(err) => note_app_error(&mut errors, &tr, err, register_field)?,
    };
    // Show the event as it is now (places may have gone meanwhile).
    let e = cooperation::visible_event(&state, &caller, id).await?;
    render_event(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        &e,
        &form,
        &errors,
        status,
    )
    .await
}

/// An unknown or malformed registration link.
#[derive(Template)]
#[template(path = "cooperation/registration_unknown.html")]
struct UnknownRegistrationPage {
    chrome: Chrome,
}

fn unknown_registration(
    state: &AppState,
    caller: &Caller,
    lang: Lang,
    path: &str,
) -> Result<Response, AppError> {
    let title = lang.tr().t("np-registration-unknown-title");
    html_status(
        StatusCode::NOT_FOUND,
        UnknownRegistrationPage {
            chrome: page_chrome(state, lang, caller, path, &title),
        },
    )
}

/// Whether a path segment can be a cancellation token (URL-safe base64).
fn plausible_token(token: &str) -> bool {
    (20..=100).contains(&token.len())
        && token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// `GET /registrations/{token}`: the registration, with a button to cancel it. The
/// token (from the confirmation) is the only key: no sign-in needed.
pub(super) async fn registration(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(token): Segment,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::ViewPublicPages)?;
    if !plausible_token(&token) {
        return unknown_registration(&state, &caller, lang, &path_and_query(&req));
    }
    match state
        .store
        .registration_by_hash(&sha256_hex(token.as_bytes()))
        .await?
    {
        Some(r) => {
            render_registration(
                &state,
                &caller,
                lang,
                &path_and_query(&req),
                &r,
                &token,
                false,
            )
            .await
        }
        None => unknown_registration(&state, &caller, lang, &path_and_query(&req)),
    }
}

/// `POST /registrations/{token}/cancel`: cancels; the first person waiting moves up and
/// is told by e-mail.
pub(super) async fn cancel(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(token): Segment,
    req: Request,
) -> Result<Response, AppError> {
    caller.authorize(Action::ViewPublicPages)?;
    if !plausible_token(&token) {
        return unknown_registration(&state, &caller, lang, &path_and_query(&req));
    }
    let tr = lang.tr();
    let done = cooperation::cancel(&state, &token, &tr).await?;
    let known = done.is_some()
        || state
            .store
            .registration_by_hash(&sha256_hex(token.as_bytes()))
            .await?
            .is_some();
    if known {
        Ok(see_other(&format!("/registrations/{token}")))
    } else {
        unknown_registration(&state, &caller, lang, &path_and_query(&req))
    }
}

/// A registration in the organiser's list.
struct RegistrationRow {
    id: i64,
    /// The booked slot ("" without).
    slot: String,
    /// Its start, RFC 3339.
    slot_iso: String,
    name: String,
    email: String,
    organisation: String,
    status: String,
    live: bool,
    at: String,
    at_iso: String,
    attended: bool,
}

#[derive(Template)]
#[template(path = "cooperation/registrations.html")]
struct RegistrationsPage {
    chrome: Chrome,
    id: i64,
    title: String,
    when: String,
    counts: String,
    /// The event has slots: show the slot column.
    slotted: bool,
    rows: Vec<RegistrationRow>,
    saved: bool,
}

/// The event of the path for those who manage it: 404 when the caller may not see it,
/// 403 when they see it but do not manage it.
async fn managed_event(state: &AppState, caller: &Caller, raw: &str) -> Result<Event, AppError> {
    let id = parse_id(raw)?;
    caller.require_identity()?;
    let e = cooperation::visible_event(state, caller, id).await?;
    if !cooperation::manages_event(caller, &e) {
        return Err(AppError::forbidden());
    }
    Ok(e)
}

/// `GET /events/{id}/registrations`.
pub(super) async fn registrations(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw_id): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let e = managed_event(&state, &caller, &raw_id).await?;
    let tr = lang.tr();
    let mut list = state.store.registrations(e.id).await?;
    // Live bookings by slot (the store's order of statuses kept).
    list.sort_by_key(|r| (r.status == RegistrationStatus::Cancelled, r.slot));
    let rows = list
        .iter()
        .map(|r| RegistrationRow {
            id: r.id,
            slot: r
                .slot
                .map(|s| cooperation::slot_time(&tr, s, e.slot_end(s)))
                .unwrap_or_default(),
            slot_iso: r.slot.map(|s| s.to_rfc3339()).unwrap_or_default(),
            name: r.name.clone(),
            email: r.email.clone(),
            organisation: r.organisation.clone(),
            status: labels::registration(&tr, r.status),
            live: r.status != RegistrationStatus::Cancelled,
            at: when(&tr, r.created_at),
            at_iso: r.created_at.to_rfc3339(),
            attended: r.attended,
        })
        .collect();
    let counts = tr.ta(
        "np-registrations-counts",
        &[
            ("registered", e.registered.to_string()),
            (
                "capacity",
                e.data
                    .capacity
                    .map(|c| c.to_string())
                    .unwrap_or_else(|| tr.t("np-capacity-unlimited")),
            ),
            ("waiting", e.waiting.to_string()),
        ],
    );
    let raw = RawQuery::parse(req.uri().query())?;
    let title = tr.t1("np-registrations-title", "title", &e.data.title);
    html(RegistrationsPage {
        chrome: chrome(&state, lang, &req, "networks", &title),
        id: e.id,
        title: e.data.title.clone(),
        when: span(&tr, e.data.starts_at, e.data.ends_at),
        counts,
        slotted: e.data.has_slots(),
        rows,
        saved: raw.get("saved").is_some(),
    })
}

/// `POST /events/{id}/cancel`: calls the whole event off (for those who manage it);
/// everyone registered or waiting is told by e-mail. Back to the event, which now says
/// it is cancelled; calling it off again changes nothing.
pub(super) async fn cancel_event(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw_id): Segment,
) -> Result<Response, AppError> {
    let e = managed_event(&state, &caller, &raw_id).await?;
    if !e.is_cancelled() {
        cooperation::cancel_event(&state, &caller, &e, &lang.tr()).await?;
    }
    Ok(see_other(&format!("/events/{}", e.id)))
}

/// `POST /events/{id}/attendance`: the ticked registrations came, the others did not.
pub(super) async fn attendance(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw_id): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let e = managed_event(&state, &caller, &raw_id).await?;
    let (_, body) = read_body(req).await?;
    let ids: Vec<i64> = values(&form_pairs(&body), "attended")
        .iter()
        .filter_map(|v| v.parse().ok())
        .collect();
    cooperation::set_attendance(&state, &caller, &e, &ids).await?;
    Ok(see_other(&format!(
        "/events/{}/registrations?saved=1",
        e.id
    )))
}
