//! The event form: `/events/new?org={org}` and `/events/{id}/edit`, for those who
//! manage the organiser's events. Dates and times are typed in German civil time. The
//! edit carries the version it started from; a stale one overwrites nothing (409).
//! A new event may be repeated every few weeks ("Regelmäßig wiederholen"): that creates a
//! series, one event per date at the same time of day.

use super::form::{
    id_options, note, note_app_error, options, parse_date, parse_number, parse_time, value, Field,
    SummaryItem,
};
use super::page_chrome;
use super::{berlin, from_berlin};
use crate::cooperation::{self, labels};
use crate::i18n::{Lang, Tr};
use crate::manage;
use crate::pages::form::Errors;
use crate::pages::{form_pairs, html_status, parse_id, path_and_query, read_body, see_other};
use crate::params::{RawQuery, Segment};
use crate::policy::Caller;
use crate::problem::AppError;
use crate::state::AppState;
use crate::views::{Chrome, SelectOption};
use askama::Template;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use bleibe_domain::cooperation::{
    Event, EventKind, NewEvent, Recurrence, Visibility, SERIES_COUNT, SERIES_EVERY_WEEKS,
    SLOT_MINUTES,
};
use bleibe_domain::policy::Action;

/// The event form's values, as typed.
#[derive(Debug, Clone, Default)]
struct EventForm {
    kind: String,
    title: String,
    description: String,
    venue: String,
    address: String,
    online_url: String,
    start_date: String,
    start_time: String,
    end_date: String,
    end_time: String,
    capacity: String,
    slot_minutes: String,
    registration_open: bool,
    visibility: String,
    network: String,
    group: String,
    agenda: String,
    minutes: String,
    version: String,
    /// Weeks between the dates of a series (new events only).
    repeat_every_weeks: String,
    /// Number of dates of a series, the first included (new events only).
    repeat_count: String,
}

impl EventForm {
    fn from_pairs(pairs: &[(String, String)]) -> Self {
        Self {
            kind: value(pairs, "kind"),
            title: value(pairs, "title"),
            description: value(pairs, "description"),
            venue: value(pairs, "venue"),
            address: value(pairs, "address"),
            online_url: value(pairs, "online_url"),
            start_date: value(pairs, "start_date"),
            start_time: value(pairs, "start_time"),
            end_date: value(pairs, "end_date"),
            end_time: value(pairs, "end_time"),
            capacity: value(pairs, "capacity"),
            slot_minutes: value(pairs, "slot_minutes"),
            registration_open: value(pairs, "registration_open") == "yes",
            visibility: value(pairs, "visibility"),
            network: value(pairs, "network"),
            group: value(pairs, "group"),
            agenda: value(pairs, "agenda"),
            minutes: value(pairs, "minutes"),
            version: value(pairs, "version"),
            repeat_every_weeks: value(pairs, "repeat_every_weeks"),
            repeat_count: value(pairs, "repeat_count"),
        }
    }

    fn from_event(e: &Event) -> Self {
        let d = &e.data;
        let (s, t) = (berlin(d.starts_at), berlin(d.ends_at));
        Self {
            kind: d.kind.as_str().into(),
            title: d.title.clone(),
            description: d.description.clone(),
            venue: d.venue.clone(),
            address: d.address.clone(),
            online_url: d.online_url.clone().unwrap_or_default(),
            start_date: s.format("%Y-%m-%d").to_string(),
            start_time: s.format("%H:%M").to_string(),
            end_date: t.format("%Y-%m-%d").to_string(),
            end_time: t.format("%H:%M").to_string(),
            capacity: d.capacity.map(|c| c.to_string()).unwrap_or_default(),
            slot_minutes: d.slot_minutes.map(|m| m.to_string()).unwrap_or_default(),
            registration_open: d.registration_open,
            visibility: d.visibility.as_str().into(),
            network: d.network_id.map(|n| n.to_string()).unwrap_or_default(),
            group: d
                .working_group_id
                .map(|g| g.to_string())
                .unwrap_or_default(),
            agenda: d.agenda.clone(),
            minutes: d.minutes.clone(),
            version: e.version.to_string(),
            repeat_every_weeks: String::new(),
            repeat_count: String::new(),
        }
    }

    /// How a new event repeats: `None` when both fields are empty; the problems are
    /// noted when only one is given or a value is out of range.
    fn repeat(&self, tr: &Tr, errors: &mut Errors) -> Option<Recurrence> {
        let (every, count) = (self.repeat_every_weeks.trim(), self.repeat_count.trim());
        if every.is_empty() && count.is_empty() {
            return None;
        }
        let every_weeks = every
            .parse::<u32>()
            .ok()
            .filter(|n| SERIES_EVERY_WEEKS.contains(n));
        if every_weeks.is_none() {
            note(errors, tr, "repeat_every_weeks");
        }
        let count = count
            .parse::<u32>()
            .ok()
            .filter(|n| SERIES_COUNT.contains(n));
        if count.is_none() {
            note(errors, tr, "repeat_count");
        }
        Some(Recurrence {
            every_weeks: every_weeks?,
            count: count?,
        })
    }

    /// A new event for `org_id` and how it repeats, or the problems of both, field by
    /// field.
    fn to_new_series(
        &self,
        tr: &Tr,
        org_id: i64,
    ) -> Result<(NewEvent, Option<Recurrence>), Errors> {
        let mut repeat_errors = Errors::default();
        let repeat = self.repeat(tr, &mut repeat_errors);
        match self.to_new(tr, org_id) {
            Ok(event) if repeat_errors.is_empty() => Ok((event, repeat)),
            Ok(_) => Err(repeat_errors),
            Err(mut errors) => {
                for (field, message) in repeat_errors.iter() {
                    errors.add(field, message.to_string());
                }
                Err(errors)
            }
        }
    }

    /// The event for `org_id`, or the problems field by field.
    fn to_new(&self, tr: &Tr, org_id: i64) -> Result<NewEvent, Errors> {
        let mut errors = Errors::default();
        let kind = EventKind::parse(self.kind.trim());
        if kind.is_none() {
            note(&mut errors, tr, "kind");
        }
        let visibility = Visibility::parse(self.visibility.trim());
        if visibility.is_none() {
            note(&mut errors, tr, "visibility");
        }
        let mut id = |raw: &str, field: &str| match raw.trim() {
            "" => None,
            v => match v.parse::<i64>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    note(&mut errors, tr, field);
                    None
                }
            },
        };
        let network_id = id(&self.network, "network");
        let working_group_id = id(&self.group, "group");
        let start_date = match parse_date(&self.start_date) {
            Ok(Some(d)) => Some(d),
            _ => {
                note(&mut errors, tr, "start_date");
                None
            }
        };
        let start_time = match parse_time(&self.start_time) {
            Ok(Some(t)) => Some(t),
            _ => {
                note(&mut errors, tr, "start_time");
                None
            }
        };
        let end_date = match parse_date(&self.end_date) {
            Ok(d) => d.or(start_date),
            Err(()) => {
                note(&mut errors, tr, "end_date");
                None
            }
        };
        let end_time = match parse_time(&self.end_time) {
            Ok(Some(t)) => Some(t),
            _ => {
                note(&mut errors, tr, "end_time");
                None
            }
        };
        let capacity = match parse_number(&self.capacity) {
            Ok(None) => None,
            Ok(Some(c)) if c.fract() == 0.0 && (1.0..=100_000.0).contains(&c) => Some(c as i64),
            _ => {
                note(&mut errors, tr, "capacity");
                None
            }
        };
        let slot_minutes = match parse_number(&self.slot_minutes) {
            Ok(None) => None,
            Ok(Some(m)) if m.fract() == 0.0 && SLOT_MINUTES.contains(&(m as i64)) => Some(m as i64),
            _ => {
                note(&mut errors, tr, "slot_minutes");
                None
            }
        };
        let (Some(sd), Some(st), Some(ed), Some(et)) = (start_date, start_time, end_date, end_time)
        else {
            return Err(errors);
        };
        let event = NewEvent {
            org_id,
            network_id,
            working_group_id,
            kind: kind.unwrap_or(EventKind::InfoEvent),
            title: self.title.clone(),
            description: self.description.clone(),
            venue: self.venue.clone(),
            address: self.address.clone(),
            online_url: Some(self.online_url.trim().to_string()).filter(|u| !u.is_empty()),
            starts_at: from_berlin(sd.and_time(st)),
            ends_at: from_berlin(ed.and_time(et)),
            capacity,
            slot_minutes,
            registration_open: self.registration_open,
            visibility: visibility.unwrap_or(Visibility::Members),
            agenda: self.agenda.clone(),
            minutes: self.minutes.clone(),
            demo: false,
        };
        if errors.is_empty() {
            return Ok(event);
        }
        if let Err(e) = event.validate() {
            if let Some(f) = event_field(&e.field) {
                note(&mut errors, tr, &f);
            }
        }
        Err(errors)
    }
}

/// The form field a write's parameter concerns.
fn event_field(param: &str) -> Option<String> {
    Some(
        match param {
            "kind" => "kind",
            "title" => "title",
            "description" => "description",
            "venue" => "venue",
            "address" => "address",
            "online_url" => "online_url",
            "starts_at" => "start_date",
            "ends_at" => "end_time",
            "capacity" => "capacity",
            "slot_minutes" => "slot_minutes",
            "visibility" => "visibility",
            "network_id" => "network",
            "working_group_id" => "group",
            "agenda" => "agenda",
            "minutes" => "minutes",
            "repeat.every_weeks" => "repeat_every_weeks",
            "repeat.count" => "repeat_count",
            _ => return None,
        }
        .to_string(),
    )
}

struct EventFields {
    kind: Field,
    title: Field,
    description: Field,
    venue: Field,
    address: Field,
    online_url: Field,
    start_date: Field,
    start_time: Field,
    end_date: Field,
    end_time: Field,
    capacity: Field,
    slot_minutes: Field,
    registration_open: Field,
    visibility: Field,
    network: Field,
    group: Field,
    agenda: Field,
    minutes: Field,
    repeat_every_weeks: Field,
    repeat_count: Field,
}

impl EventFields {
    fn new(
        tr: &Tr,
        f: &EventForm,
        networks: &[(i64, String)],
        groups: &[(i64, String)],
        errors: &Errors,
    ) -> Self {
        let req = |key: &str| tr.t1("ws-required", "label", tr.t(key));
        let date_hint = tr.t("np-date-hint");
        let time_hint = tr.t("np-time-hint");
        Self {
            kind: Field::select(
                "kind",
                req("np-event-kind"),
                options(
                    EventKind::ALL,
                    EventKind::as_str,
                    |k| labels::event_kind(tr, k),
                    &f.kind,
                ),
            )
            .errors(errors),
            title: Field::new("title", req("np-event-title"), f.title.clone())
                .required()
                .maxlength(200)
                .errors(errors),
            description: Field::new(
                "description",
                tr.t("np-event-description"),
                f.description.clone(),
            )
            .control("textarea")
            .hint(tr.t("np-plain-text-hint"))
            .errors(errors),
            venue: Field::new("venue", tr.t("np-event-venue"), f.venue.clone())
                .maxlength(300)
                .errors(errors),
            address: Field::new("address", tr.t("np-event-address"), f.address.clone())
                .maxlength(300)
                .autocomplete("street-address")
                .errors(errors),
            online_url: Field::new("online_url", tr.t("np-event-online"), f.online_url.clone())
                .control("url")
                .errors(errors),
            start_date: Field::new(
                "start_date",
                req("np-event-start-date"),
                f.start_date.clone(),
            )
            .control("date")
            .required()
            .hint(date_hint.clone())
            .errors(errors),
            start_time: Field::new(
                "start_time",
                req("np-event-start-time"),
                f.start_time.clone(),
            )
            .control("time")
            .required()
            .hint(time_hint.clone())
            .errors(errors),
            end_date: Field::new("end_date", tr.t("np-event-end-date"), f.end_date.clone())
                .control("date")
                .hint(tr.t("np-event-end-date-hint"))
                .errors(errors),
            end_time: Field::new("end_time", req("np-event-end-time"), f.end_time.clone())
                .control("time")
                .required()
                .hint(time_hint)
                .errors(errors),
            capacity: Field::new("capacity", tr.t("np-event-capacity"), f.capacity.clone())
                .inputmode("numeric")
                .hint(tr.t("np-event-capacity-hint"))
                .errors(errors),
            slot_minutes: Field::new(
                "slot_minutes",
                tr.t("np-event-slot-minutes"),
                f.slot_minutes.clone(),
            )
            .inputmode("numeric")
            .hint(tr.t("np-event-slot-minutes-hint"))
            .errors(errors),
            registration_open: Field::checks(
                "registration_open",
                tr.t("np-event-registration"),
                vec![SelectOption {
                    value: "yes".into(),
                    label: tr.t("np-event-registration-open"),
                    selected: f.registration_open,
                }],
            )
            .errors(errors),
            visibility: Field::select(
                "visibility",
                req("np-event-visibility"),
                options(
                    Visibility::ALL,
                    Visibility::as_str,
                    |v| labels::visibility(tr, v),
                    &f.visibility,
                ),
            )
            .errors(errors),
            network: Field::select(
                "network",
                tr.t("np-event-network"),
                id_options(networks, Some(tr.t("np-event-network-none")), &f.network),
            )
            .hint(tr.t("np-event-network-hint"))
            .errors(errors),
            group: Field::select(
                "group",
                tr.t("np-event-group"),
                id_options(groups, Some(tr.t("np-event-group-none")), &f.group),
            )
            .hint(tr.t("np-event-group-hint"))
            .errors(errors),
            agenda: Field::new("agenda", tr.t("np-event-agenda"), f.agenda.clone())
                .control("textarea")
                .errors(errors),
            minutes: Field::new("minutes", tr.t("np-event-minutes"), f.minutes.clone())
                .control("textarea")
                .hint(tr.t("np-event-minutes-hint"))
                .errors(errors),
            repeat_every_weeks: Field::new(
                "repeat_every_weeks",
                tr.t("np-event-repeat-every"),
                f.repeat_every_weeks.clone(),
            )
            .inputmode("numeric")
            .hint(tr.t("np-event-repeat-every-hint"))
            .errors(errors),
            repeat_count: Field::new(
                "repeat_count",
                tr.t("np-event-repeat-count"),
                f.repeat_count.clone(),
            )
            .inputmode("numeric")
            .hint(tr.t("np-event-repeat-count-hint"))
            .errors(errors),
        }
    }

    fn all(&self) -> Vec<&Field> {
        vec![
            &self.title,
            &self.kind,
            &self.start_date,
            &self.start_time,
            &self.end_date,
            &self.end_time,
            &self.repeat_every_weeks,
            &self.repeat_count,
            &self.venue,
            &self.address,
            &self.online_url,
            &self.description,
            &self.capacity,
            &self.slot_minutes,
            &self.registration_open,
            &self.visibility,
            &self.network,
            &self.group,
            &self.agenda,
            &self.minutes,
        ]
    }
}

#[derive(Template)]
#[template(path = "cooperation/event_form.html")]
struct EventFormPage {
    chrome: Chrome,
    heading: String,
    org_name: String,
    action: String,
    cancel_href: String,
    f: EventFields,
    version: String,
    /// Offer "Regelmäßig wiederholen" (a new event, not an edit).
    repeatable: bool,
    summary: Vec<SummaryItem>,
    current_href: Option<String>,
}

#[allow(clippy::too_many_arguments)]
async fn form_page(
    state: &AppState,
    caller: &Caller,
    lang: Lang,
    path: &str,
    org_id: i64,
    existing: Option<&Event>,
    form: &EventForm,
    errors: &Errors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let tr = lang.tr();
    let org = manage::organisation(state, org_id).await?;
    let networks = cooperation::org_network_names(state, org_id).await?;
    let mut groups = Vec::new();
    for (id, name) in &networks {
        for g in state.store.groups(*id).await? {
            groups.push((g.id, format!("{name}: {}", g.data.name)));
        }
    }
    let f = EventFields::new(&tr, form, &networks, &groups, errors);
    let summary = errors.summary(&f.all());
    let (heading, action, cancel_href) = match existing {
        Some(e) => (
            tr.t1("np-event-edit-title", "title", &e.data.title),
            format!("/events/{}/edit", e.id),
            format!("/events/{}", e.id),
        ),
        None => (
            tr.t1("np-event-new-title", "org", &org.name),
            format!("/events/new?org={org_id}"),
            networks
                .first()
                .map(|(id, _)| format!("/networks/{id}/events"))
                .unwrap_or_else(|| format!("/orgs/{org_id}")),
        ),
    };
    html_status(
        status,
        EventFormPage {
            chrome: page_chrome(state, lang, caller, path, &heading),
            heading,
            org_name: org.name,
            action,
            cancel_href,
            f,
            version: form.version.clone(),
            repeatable: existing.is_none(),
            summary,
            current_href: (status == StatusCode::CONFLICT)
                .then(|| existing.map(|e| format!("/events/{}", e.id)))
                .flatten(),
        },
    )
}

/// `?org=` (required), `?network=`, `?group=`.
fn params(req: &Request) -> Result<(i64, Option<i64>, Option<i64>), AppError> {
    let raw = RawQuery::parse(req.uri().query())?;
    let org = *raw
        .ids("org")?
        .last()
        .ok_or_else(|| AppError::bad_param("org", "error-param-required", &[]))?;
    Ok((
        org,
        raw.ids("network")?.last().copied(),
        raw.ids("group")?.last().copied(),
    ))
}

/// `GET /events/new?org={org}[&network=][&group=]`: a group's meeting when `group` is
/// given.
pub(super) async fn new_form(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.require_identity()?;
    let (org, network, group) = params(&req)?;
    caller.authorize(Action::ManageEvents(org))?;
    let group = match group {
        Some(g) => state.store.group(g).await?,
        None => None,
    };
    let network = group.as_ref().map(|g| g.data.network_id).or(network);
    let form = EventForm {
        kind: if group.is_some() {
            EventKind::WorkingGroupMeeting
        } else {
            EventKind::InfoEvent
        }
        .as_str()
        .into(),
        registration_open: true,
        visibility: if group.is_some() {
            Visibility::Members
        } else {
            Visibility::Public
        }
        .as_str()
        .into(),
        network: network.map(|n| n.to_string()).unwrap_or_default(),
        group: group.map(|g| g.id.to_string()).unwrap_or_default(),
        ..EventForm::default()
    };
    form_page(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        org,
        None,
        &form,
        &Errors::default(),
        StatusCode::OK,
    )
    .await
}

/// `POST /events/new?org={org}`.
pub(super) async fn create(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.require_identity()?;
    let (org, _, _) = params(&req)?;
    caller.authorize(Action::ManageEvents(org))?;
    manage::organisation(&state, org).await?;
    let (req, body) = read_body(req).await?;
    let form = EventForm::from_pairs(&form_pairs(&body));
    let tr = lang.tr();
    let (errors, status) = match form.to_new_series(&tr, org) {
        Ok((event, repeat)) => {
            match cooperation::create_event(&state, &caller, event, repeat).await {
                Ok(e) => return Ok(see_other(&format!("/events/{}", e.id))),
                Err(e) => {
                    let mut errors = Errors::default();
                    let status = note_app_error(&mut errors, &tr, e, event_field)?;
                    (errors, status)
                }
            }
        }
        Err(errors) => (errors, StatusCode::BAD_REQUEST),
    };
    form_page(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        org,
        None,
        &form,
        &errors,
        status,
    )
    .await
}

/// The event of the path, for those who manage the organiser's events (404 when the
/// caller may not see it, 403 when they see it but may not change it).
async fn own_event(state: &AppState, caller: &Caller, raw: &str) -> Result<Event, AppError> {
    let id = parse_id(raw)?;
    caller.require_identity()?;
    let e = cooperation::visible_event(state, caller, id).await?;
    caller.authorize(Action::ManageEvents(e.data.org_id))?;
    Ok(e)
}

/// `GET /events/{id}/edit`.
pub(super) async fn edit_form(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw_id): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let e = own_event(&state, &caller, &raw_id).await?;
    let form = EventForm::from_event(&e);
    form_page(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        e.data.org_id,
        Some(&e),
        &form,
        &Errors::default(),
        StatusCode::OK,
    )
    .await
}

/// `POST /events/{id}/edit`.
pub(super) async fn update(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw_id): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let e = own_event(&state, &caller, &raw_id).await?;
    let (req, body) = read_body(req).await?;
    let form = EventForm::from_pairs(&form_pairs(&body));
    let version = form
        .version
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::bad_param("version", "error-version-missing", &[]))?;
    let tr = lang.tr();
    let (errors, status) = match form.to_new(&tr, e.data.org_id) {
        Ok(event) => {
            match cooperation::update_event(&state, &caller, &e, version, event, &tr).await {
                Ok(_) => return Ok(see_other(&format!("/events/{}", e.id))),
                Err(err) => {
                    let mut errors = Errors::default();
                    let status = note_app_error(&mut errors, &tr, err, event_field)?;
                    (errors, status)
                }
            }
        }
        Err(errors) => (errors, StatusCode::BAD_REQUEST),
    };
    form_page(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        e.data.org_id,
        Some(&e),
        &form,
        &errors,
        status,
    )
    .await
}
