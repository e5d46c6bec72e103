//! The network workspace's access rules in the web layer, shared by the pages and the
//! API: what the caller may see ([`audience`], the `visible_*` loaders, which answer 404
//! for what the caller may not know exists) and the checks before a write (`writable_*`,
//! [`check_sharing`]). The policy itself is [`bleibe_domain::policy`]; this module only
//! feeds it the resource's network and organisation.

use crate::auth::audit::{self, actions};
use crate::i18n::Tr;
use crate::policy::Caller;
use crate::problem::AppError;
use crate::state::AppState;
use bleibe_domain::cooperation::{
    Decision, Event, Idea, IdeaStage, Measure, NewEvent, NewIdea, NewMeasure, NewRegistration,
    NewWorkingGroup, Recurrence, Registration, RegistrationStatus, Visibility, WorkingGroup,
};
use bleibe_domain::policy::{self, Action};
use bleibe_domain::Network;
use bleibe_store::cooperation::{self as store_coop, Audience, Cancellation};
use chrono::NaiveDate;

/// Which records beyond the public ones the caller may see in lists.
pub fn audience(caller: &Caller) -> Audience {
    match &caller.ctx().caller {
        policy::Caller::User(u) if u.platform_admin => Audience::All,
        policy::Caller::User(u) => {
            let mut networks = u.member_of_networks.clone();
            networks.extend(&u.network_admin_of);
            networks.sort_unstable();
            networks.dedup();
            Audience::Member {
                networks,
                orgs: u.memberships.iter().map(|m| m.org_id).collect(),
            }
        }
        _ => Audience::Public,
    }
}

/// The network `id`, or 404.
pub async fn network(state: &AppState, id: i64) -> Result<Network, AppError> {
    state
        .store
        .network(id)
        .await?
        .ok_or_else(AppError::not_found)
}

/// Whether the caller belongs to the owner organisation `org`.
fn in_org(caller: &Caller, org: i64) -> bool {
    match &caller.ctx().caller {
        policy::Caller::User(u) => u.role_in(org).is_some(),
        _ => false,
    }
}

/// The networks organisation `org` is a member of, as (id, name): the sharing choice
/// of its forms.
pub async fn org_network_names(state: &AppState, org: i64) -> Result<Vec<(i64, String)>, AppError> {
    let mut out = Vec::new();
    for id in state.store.org_networks(org).await? {
        if let Some(n) = state.store.network(id).await? {
            out.push((n.id, n.name));
        }
    }
    Ok(out)
}

/// Loads a measure the caller may see: public ones for everyone; members-only ones for
/// the members of a network it is shared with and for its owner; 404 for everyone else.
pub async fn visible_measure(
    state: &AppState,
    caller: &Caller,
    id: i64,
) -> Result<Measure, AppError> {
    let m = state
        .store
        .measure(id)
        .await?
        .ok_or_else(AppError::not_found)?;
    if m.data.visibility == Visibility::Public || in_org(caller, m.data.org_id) {
        return Ok(m);
    }
    for net in state.store.measure_networks(id).await? {
        if caller.may(Action::ViewNetworkInternal(net)) {
            return Ok(m);
        }
    }
    Err(AppError::not_found())
}

/// Loads a measure for writing: visible to the caller, and the caller writes for its
/// owner (403 when visible but not theirs).
pub async fn writable_measure(
    state: &AppState,
    caller: &Caller,
    id: i64,
) -> Result<Measure, AppError> {
    let m = visible_measure(state, caller, id).await?;
    caller.authorize(Action::WriteMeasures(m.data.org_id))?;
    Ok(m)
}

/// Whether the caller may remove the measure: its owner's editors, and — moderating —
/// the admins of a network it is shared with.
pub async fn may_remove_measure(
    state: &AppState,
    caller: &Caller,
    m: &Measure,
) -> Result<bool, AppError> {
    if caller.may(Action::WriteMeasures(m.data.org_id)) {
        return Ok(true);
    }
    for net in state.store.measure_networks(m.id).await? {
        if caller.may(Action::AdminNetwork(net)) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Loads a measure for removal: visible to the caller, who writes for its owner or
/// administers a network it is shared with (403 when visible but neither).
pub async fn removable_measure(
    state: &AppState,
    caller: &Caller,
    id: i64,
) -> Result<Measure, AppError> {
    let m = visible_measure(state, caller, id).await?;
    if may_remove_measure(state, caller, &m).await? {
        Ok(m)
    } else {
        Err(AppError::forbidden())
    }
}

/// Checks where a measure is shared: only with networks its owner is a member of.
pub async fn check_sharing(state: &AppState, m: &NewMeasure) -> Result<(), AppError> {
    if m.all_networks {
        return Ok(());
    }
    let own = state.store.org_networks(m.org_id).await?;
    if let Some(bad) = m.network_ids.iter().find(|n| !own.contains(n)) {
        return Err(AppError::bad_param(
            "network_ids",
            "error-network-not-member",
            &[("value", bad.to_string())],
        ));
    }
    Ok(())
}

/// Loads an event the caller may see: public events for everyone, members-only events
/// for the members of its network and its organiser; 404 for everyone else.
pub async fn visible_event(state: &AppState, caller: &Caller, id: i64) -> Result<Event, AppError> {
    let e = state
        .store
        .event(id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let members = e
        .data
        .network_id
        .is_some_and(|n| caller.may(Action::ViewNetworkInternal(n)));
    if e.data.visibility == Visibility::Public || members || in_org(caller, e.data.org_id) {
        Ok(e)
    } else {
        Err(AppError::not_found())
    }
}

/// Whether the caller may see the event's registrations and record attendance: its
/// organiser's editors, the admins of its network.
pub fn manages_event(caller: &Caller, e: &Event) -> bool {
    caller.may(Action::ManageEvents(e.data.org_id))
        || e.data
            .network_id
            .is_some_and(|n| caller.may(Action::AdminNetwork(n)))
}

/// Checks an event's organiser, network and working group fit together: the organiser
/// is a member of the network, the group belongs to it.
pub async fn check_event_links(state: &AppState, e: &NewEvent) -> Result<(), AppError> {
    if let Some(net) = e.network_id {
        network(state, net).await.map_err(|_| {
            AppError::bad_param(
                "network_id",
                "error-network-unknown",
                &[("value", net.to_string())],
            )
        })?;
        if !state.store.org_networks(e.org_id).await?.contains(&net) {
            return Err(AppError::bad_param(
                "network_id",
                "error-network-not-member",
                &[("value", net.to_string())],
            ));
        }
    }
    if let Some(g) = e.working_group_id {
        let group = state.store.group(g).await?;
        if group.map(|g| g.data.network_id) != e.network_id {
            return Err(AppError::bad_param(
                "working_group_id",
                "error-group-unknown",
                &[("value", g.to_string())],
            ));
        }
    }
    Ok(())
}

/// Loads an idea: ideas are internal to their network (404 for everyone else).
pub async fn visible_idea(state: &AppState, caller: &Caller, id: i64) -> Result<Idea, AppError> {
    let idea = state
        .store
        .idea(id)
        .await?
        .ok_or_else(AppError::not_found)?;
    caller.authorize_hidden(Action::ViewNetworkInternal(idea.data.network_id))?;
    Ok(idea)
}

/// Loads a working group: internal to its network (404 for everyone else).
pub async fn visible_group(
    state: &AppState,
    caller: &Caller,
    id: i64,
) -> Result<WorkingGroup, AppError> {
    let g = state
        .store
        .group(id)
        .await?
        .ok_or_else(AppError::not_found)?;
    caller.authorize_hidden(Action::ViewNetworkInternal(g.data.network_id))?;
    Ok(g)
}

/// The caller's organisations that are members of `network` and that they may write
/// measures or events for (for the organisation choice in forms).
pub async fn writing_orgs(
    state: &AppState,
    caller: &Caller,
    network: Option<i64>,
) -> Result<Vec<(i64, String)>, AppError> {
    let orgs = match network {
        Some(n) => member_orgs(state, caller, n).await?,
        None => match &caller.ctx().caller {
            policy::Caller::User(u) => u
                .memberships
                .iter()
                .map(|m| (m.org_id, m.org_name.clone()))
                .collect(),
            _ => Vec::new(),
        },
    };
    Ok(orgs
        .into_iter()
        .filter(|(org, _)| caller.may(Action::WriteMeasures(*org)))
        .collect())
}

/// Creates a measure for its owner: validated, shared only where the owner is a member,
/// recorded in the audit log.
pub async fn create_measure(
    state: &AppState,
    caller: &Caller,
    m: NewMeasure,
) -> Result<Measure, AppError> {
    caller.authorize(Action::WriteMeasures(m.org_id))?;
    let m = m.validate().map_err(|e| AppError::invalid(&e))?;
    check_sharing(state, &m).await?;
    check_places(state, &m.place_ids)?;
    let stored = state.store.create_measure(&m).await?;
    audit::record(
        state,
        caller.ctx(),
        actions::MEASURE_CREATED,
        Some(m.org_id),
        format!("measure:{}", stored.id),
        stored.data.title.clone(),
    )
    .await?;
    Ok(stored)
}

/// Replaces a measure's content when `version` is still current (a stale edit is a 409
/// that says to reload). The owner cannot be changed.
pub async fn update_measure(
    state: &AppState,
    caller: &Caller,
    existing: &Measure,
    version: i64,
    mut m: NewMeasure,
) -> Result<Measure, AppError> {
    m.org_id = existing.data.org_id;
    m.demo = existing.data.demo;
    let m = m.validate().map_err(|e| AppError::invalid(&e))?;
    check_sharing(state, &m).await?;
    check_places(state, &m.place_ids)?;
    let stored = state
        .store
        .update_measure(existing.id, version, &m)
        .await
        .map_err(stale)?;
    audit::record(
        state,
        caller.ctx(),
        actions::MEASURE_CHANGED,
        Some(m.org_id),
        format!("measure:{}", stored.id),
        stored.data.title.clone(),
    )
    .await?;
    Ok(stored)
}

/// Deletes a measure (the caller has loaded it with [`writable_measure`]).
pub async fn delete_measure(
    state: &AppState,
    caller: &Caller,
    existing: &Measure,
) -> Result<(), AppError> {
    state.store.delete_measure(existing.id).await?;
    audit::record(
        state,
        caller.ctx(),
        actions::MEASURE_DELETED,
        Some(existing.data.org_id),
        format!("measure:{}", existing.id),
        existing.data.title.clone(),
    )
    .await
}

fn check_places(state: &AppState, ids: &[i64]) -> Result<(), AppError> {
    match ids.iter().find(|id| state.gazetteer.get(**id).is_none()) {
        Some(bad) => Err(AppError::bad_param(
            "place_ids",
            "error-place-unknown",
            &[("value", bad.to_string())],
        )),
        None => Ok(()),
    }
}

/// A store conflict on an optimistic-locking write becomes the "changed meanwhile" 409.
fn stale(e: bleibe_store::StoreError) -> AppError {
    match e {
        bleibe_store::StoreError::Conflict(_) => AppError::conflict("error-stale-detail"),
        other => other.into(),
    }
}

/// Creates an event for its organiser; with `repeat`, a series of events (one
/// transaction, all or nothing) at the same German civil time of day every
/// `repeat.every_weeks` weeks ([`series_dates`]). Returns the (first) event, which for
/// a series carries the `series_id`.
pub async fn create_event(
    state: &AppState,
    caller: &Caller,
    e: NewEvent,
    repeat: Option<Recurrence>,
) -> Result<Event, AppError> {
    caller.authorize(Action::ManageEvents(e.org_id))?;
    let e = e.validate().map_err(|err| AppError::invalid(&err))?;
    let repeat = repeat
        .map(Recurrence::validate)
        .transpose()
        .map_err(|err| AppError::invalid(&err))?;
    check_event_links(state, &e).await?;
    let stored = match repeat {
        None => vec![state.store.create_event(&e).await?],
        Some(r) => {
            state
                .store
                .create_event_series(&e, &series_dates(e.starts_at, e.ends_at, r))
                .await?
        }
    };
    for ev in &stored {
        audit::record(
            state,
            caller.ctx(),
            actions::EVENT_CREATED,
            Some(e.org_id),
            format!("event:{}", ev.id),
            ev.data.title.clone(),
        )
        .await?;
    }
    stored
        .into_iter()
        .next()
        .ok_or_else(|| AppError::internal("the store created no event"))
}

/// The dates `(start, end)` of a series: the event's own first, then one every
/// `repeat.every_weeks` weeks, `repeat.count` in all, at the same German civil time of
/// day (see [`crate::berlin::weekly`]).
pub fn series_dates(
    starts_at: chrono::DateTime<chrono::Utc>,
    ends_at: chrono::DateTime<chrono::Utc>,
    repeat: Recurrence,
) -> Vec<(chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>)> {
    crate::berlin::weekly(starts_at, ends_at, repeat.every_weeks, repeat.count)
}

/// Replaces an event's content when `version` is still current; people who moved up
/// because the capacity grew are told by e-mail.
pub async fn update_event(
    state: &AppState,
    caller: &Caller,
    existing: &Event,
    version: i64,
    mut e: NewEvent,
    tr: &Tr,
) -> Result<Event, AppError> {
    e.org_id = existing.data.org_id;
    e.demo = existing.data.demo;
    let e = e.validate().map_err(|err| AppError::invalid(&err))?;
    check_event_links(state, &e).await?;
    let (stored, promoted) = state
        .store
        .update_event(existing.id, version, &e)
        .await
        .map_err(|err| match err {
            // Booked slots would no longer be slots.
            bleibe_store::StoreError::Conflict(m) if m.starts_with(store_coop::SLOTS_BOOKED) => {
                AppError::conflict("error-slots-booked")
            }
            other => stale(other),
        })?;
    for r in &promoted {
        tell_promoted(state, tr, &stored, r).await;
    }
    audit::record(
        state,
        caller.ctx(),
        actions::EVENT_CHANGED,
        Some(e.org_id),
        format!("event:{}", stored.id),
        stored.data.title.clone(),
    )
    .await?;
    Ok(stored)
}

/// The address of an event's page.
pub fn event_url(state: &AppState, id: i64) -> String {
    format!(
        "{}/events/{id}",
        state.config.public_url.trim_end_matches('/')
    )
}

/// The address of a registration's cancellation page.
pub fn cancel_url(state: &AppState, token: &str) -> String {
    format!(
        "{}/registrations/{token}",
        state.config.public_url.trim_end_matches('/')
    )
}

/// Registrations one address may make per hour without an account: enough for a family
/// or an office registering colleagues, too few to fill an event by script.
pub const REGISTRATIONS_PER_HOUR: usize = 30;

/// Registers someone for a visible event whose registration is open. Returns the
/// registration and its cancellation token (shown once, and sent by e-mail). For an event
/// with slots the registration books one free slot that has not begun (400 naming `slot`
/// when it names none or one that is not a slot, 409 when it is taken).
pub async fn register(
    state: &AppState,
    caller: &Caller,
    event: &Event,
    mut who: NewRegistration,
    tr: &Tr,
) -> Result<(Registration, String), AppError> {
    if event.data.visibility == Visibility::Members {
        let net = event.data.network_id.unwrap_or_default();
        if !caller.may(Action::ContributeToNetwork(net)) && !in_org(caller, event.data.org_id) {
            return Err(AppError::not_found());
        }
    }
    if event.is_cancelled() {
        return Err(AppError::conflict("error-event-cancelled"));
    }
    if !event.data.registration_open || event.data.ends_at < chrono::Utc::now() {
        return Err(AppError::conflict("error-registration-closed"));
    }
    if caller.ctx().user_id().is_none() {
        if let Some(ip) = &caller.ctx().ip {
            crate::auth::throttle::attempt(
                state,
                &format!("register:ip:{ip}"),
                REGISTRATIONS_PER_HOUR,
                chrono::Duration::hours(1),
            )
            .await?;
        }
    }
    let token = crate::auth::crypto::random_token();
    who.cancel_hash = crate::auth::crypto::sha256_hex(token.as_bytes());
    who.user_id = caller.ctx().user_id();
    let who = who.validate().map_err(|e| AppError::invalid(&e))?;
    check_slot(event, who.slot)?;
    let stored = state
        .store
        .register(event.id, &who)
        .await
        .map_err(|e| match e {
            bleibe_store::StoreError::Conflict(m) if m == store_coop::SLOT_TAKEN => {
                AppError::conflict("error-slot-taken")
            }
            // Called off since it was loaded.
            bleibe_store::StoreError::Conflict(m) if m == store_coop::EVENT_CANCELLED => {
                AppError::conflict("error-event-cancelled")
            }
            bleibe_store::StoreError::Conflict(_) => {
                AppError::conflict("error-registration-duplicate")
            }
            // The event's slots changed since it was loaded.
            bleibe_store::StoreError::Invalid(m) if m.starts_with("slot") => slot_error(who.slot),
            other => other.into(),
        })?;
    let key = if stored.slot.is_some() {
        "event-mail-slot-body"
    } else if stored.status == RegistrationStatus::Registered {
        "event-mail-registered-body"
    } else {
        "event-mail-waiting-body"
    };
    let body = tr.ta(key, &mail_args(state, tr, event, &stored, &token));
    send_quietly(
        state,
        &stored.email,
        &tr.ta(
            "event-mail-registered-subject",
            &[("title", event.data.title.clone())],
        ),
        body,
    )
    .await;
    Ok((stored, token))
}

/// 400 naming `slot`: a slot is required (`given` is `None`) or `given` is not one.
fn slot_error(given: Option<chrono::DateTime<chrono::Utc>>) -> AppError {
    match given {
        None => AppError::bad_param("slot", "error-slot-required", &[]),
        Some(s) => AppError::bad_param(
            "slot",
            "error-slot-invalid",
            &[(
                "value",
                s.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
            )],
        ),
    }
}

/// Checks the slot of a registration before the store does: an event with slots needs
/// one of its slots that has not begun yet; an event without slots takes none. Whether
/// the slot is free only the store can say (under its lock).
fn check_slot(event: &Event, slot: Option<chrono::DateTime<chrono::Utc>>) -> Result<(), AppError> {
    match slot {
        None if event.data.has_slots() => Err(slot_error(None)),
        None => Ok(()),
        Some(s) if !event.slots().contains(&s) => Err(slot_error(Some(s))),
        Some(s) if s < chrono::Utc::now() => Err(AppError::bad_param(
            "slot",
            "error-slot-past",
            &[(
                "value",
                s.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
            )],
        )),
        Some(_) => Ok(()),
    }
}

/// The slots of an event with whether each can still be booked (not taken by a live
/// registration, not begun): (start, end, free). Empty for an event without slots.
pub async fn slot_table(
    state: &AppState,
    event: &Event,
) -> Result<
    Vec<(
        chrono::DateTime<chrono::Utc>,
        chrono::DateTime<chrono::Utc>,
        bool,
    )>,
    AppError,
> {
    let slots = event.slots();
    if slots.is_empty() {
        return Ok(Vec::new());
    }
    let taken: Vec<chrono::DateTime<chrono::Utc>> = state
        .store
        .registrations(event.id)
        .await?
        .into_iter()
        .filter(|r| r.status != RegistrationStatus::Cancelled)
        .filter_map(|r| r.slot)
        .collect();
    let now = chrono::Utc::now();
    Ok(slots
        .into_iter()
        .map(|s| (s, event.slot_end(s), s >= now && !taken.contains(&s)))
        .collect())
}

/// A slot as people read it: German civil time with its zone ("12.05.2026 10:00–10:30
/// MESZ").
pub fn slot_time(
    tr: &Tr,
    start: chrono::DateTime<chrono::Utc>,
    end: chrono::DateTime<chrono::Utc>,
) -> String {
    let zone = if crate::berlin::summer_time(start) {
        tr.t("np-zone-summer")
    } else {
        tr.t("np-zone-winter")
    };
    format!(
        "{}–{} {zone}",
        crate::berlin::to_berlin(start).format("%d.%m.%Y %H:%M"),
        crate::berlin::to_berlin(end).format("%H:%M")
    )
}

/// Cancels the registration with this token; the person who moves up is told.
pub async fn cancel(
    state: &AppState,
    token: &str,
    tr: &Tr,
) -> Result<Option<Cancellation>, AppError> {
    let hash = crate::auth::crypto::sha256_hex(token.as_bytes());
    let Some(done) = state.store.cancel_registration(&hash).await? else {
        return Ok(None);
    };
    if let (Some(p), Some(event)) = (
        &done.promoted,
        state.store.event(done.cancelled.event_id).await?,
    ) {
        tell_promoted(state, tr, &event, p).await;
    }
    Ok(Some(done))
}

/// Calls a whole event off: for those who manage it (its organiser's editors, its
/// network's admins; 403 for everyone else). Everyone registered or waiting is told by
/// e-mail; the event stays listed, marked as cancelled. 409 when it is cancelled
/// already. Returns the event as now stored.
pub async fn cancel_event(
    state: &AppState,
    caller: &Caller,
    event: &Event,
    tr: &Tr,
) -> Result<Event, AppError> {
    if !manages_event(caller, event) {
        return Err(AppError::forbidden());
    }
    let told = state
        .store
        .cancel_event(event.id, chrono::Utc::now())
        .await
        .map_err(|e| match e {
            bleibe_store::StoreError::Conflict(_) => AppError::conflict("error-event-cancelled"),
            other => other.into(),
        })?;
    let stored = state
        .store
        .event(event.id)
        .await?
        .ok_or_else(AppError::not_found)?;
    let subject = tr.ta(
        "event-mail-called-off-subject",
        &[("title", stored.data.title.clone())],
    );
    for r in &told {
        let body = tr.ta(
            "event-mail-called-off-body",
            &mail_args(state, tr, &stored, r, ""),
        );
        send_quietly(state, &r.email, &subject, body).await;
    }
    audit::record(
        state,
        caller.ctx(),
        actions::EVENT_CANCELLED,
        Some(stored.data.org_id),
        format!("event:{}", stored.id),
        format!("{} ({} told)", stored.data.title, told.len()),
    )
    .await?;
    Ok(stored)
}

/// A start time as mails say it: German civil time with its zone.
fn when(tr: &Tr, t: chrono::DateTime<chrono::Utc>) -> String {
    let zone = if crate::berlin::summer_time(t) {
        tr.t("np-zone-summer")
    } else {
        tr.t("np-zone-winter")
    };
    format!(
        "{} {zone}",
        crate::berlin::to_berlin(t).format("%d.%m.%Y %H:%M")
    )
}

fn mail_args(
    state: &AppState,
    tr: &Tr,
    event: &Event,
    r: &Registration,
    token: &str,
) -> Vec<(&'static str, String)> {
    vec![
        ("name", r.name.clone()),
        ("title", event.data.title.clone()),
        ("when", when(tr, event.data.starts_at)),
        (
            "slot",
            r.slot
                .map(|s| slot_time(tr, s, event.slot_end(s)))
                .unwrap_or_default(),
        ),
        ("venue", event.data.venue.clone()),
        ("link", event_url(state, event.id)),
        (
            "cancel",
            if token.is_empty() {
                String::new()
            } else {
                cancel_url(state, token)
            },
        ),
        ("site", state.config.site_name.clone()),
    ]
}

async fn tell_promoted(state: &AppState, tr: &Tr, event: &Event, r: &Registration) {
    // The cancellation token is only in the first mail (only its hash is stored).
    let body = tr.ta(
        "event-mail-promoted-body",
        &mail_args(state, tr, event, r, ""),
    );
    send_quietly(
        state,
        &r.email,
        &tr.ta(
            "event-mail-promoted-subject",
            &[("title", event.data.title.clone())],
        ),
        body,
    )
    .await;
}

/// Sends a notification; a failure is logged, not shown: the registration stands, and
/// the page shows what the mail would have said.
async fn send_quietly(state: &AppState, to: &str, subject: &str, body: String) {
    if let Err(e) = state.mailer.send(to, subject, body).await {
        tracing::warn!(error = %e, "event mail not sent");
    }
}

/// Submits an idea to a network for one of the caller's organisations there.
pub async fn create_idea(
    state: &AppState,
    caller: &Caller,
    idea: NewIdea,
) -> Result<Idea, AppError> {
    caller.authorize(Action::ContributeToNetwork(idea.network_id))?;
    let mine = member_orgs(state, caller, idea.network_id).await?;
    if !mine.iter().any(|(org, _)| *org == idea.org_id) {
        return Err(AppError::bad_param(
            "org_id",
            "error-network-not-member",
            &[("value", idea.org_id.to_string())],
        ));
    }
    if let Some(g) = idea.working_group_id {
        if state.store.group(g).await?.map(|g| g.data.network_id) != Some(idea.network_id) {
            return Err(AppError::bad_param(
                "working_group_id",
                "error-group-unknown",
                &[("value", g.to_string())],
            ));
        }
    }
    let idea = idea.validate().map_err(|e| AppError::invalid(&e))?;
    let stored = state.store.create_idea(&idea).await?;
    audit::record(
        state,
        caller.ctx(),
        actions::IDEA_CREATED,
        Some(idea.org_id),
        format!("idea:{}", stored.id),
        stored.data.title.clone(),
    )
    .await?;
    Ok(stored)
}

/// Moves an idea: allowed moves only, by the network's admins or the group's lead, with
/// a dated note. A running project may name its measure.
pub async fn decide(
    state: &AppState,
    caller: &Caller,
    idea: &Idea,
    to: IdeaStage,
    note: String,
    decided_on: Option<NaiveDate>,
    measure_id: Option<i64>,
) -> Result<(Idea, Decision), AppError> {
    caller.authorize(Action::DecideIdea {
        network: idea.data.network_id,
        group: idea.data.working_group_id,
    })?;
    Decision::check(idea.stage, to, idea.parked_from, &note).map_err(|e| AppError::invalid(&e))?;
    if let Some(m) = measure_id {
        visible_measure(state, caller, m).await.map_err(|_| {
            AppError::bad_param(
                "measure_id",
                "error-measure-unknown",
                &[("value", m.to_string())],
            )
        })?;
    }
    let decision = Decision {
        id: 0,
        idea_id: idea.id,
        from: idea.stage,
        to,
        decided_on: decided_on.unwrap_or_else(|| chrono::Utc::now().date_naive()),
        note: note.trim().to_string(),
        decided_by: caller.ctx().user_id().ok_or_else(AppError::unauthorized)?,
        decided_by_name: String::new(),
        at: chrono::Utc::now(),
    };
    let done = state
        .store
        .decide_idea(&decision, measure_id)
        .await
        .map_err(stale)?;
    audit::record(
        state,
        caller.ctx(),
        actions::IDEA_DECIDED,
        Some(idea.data.org_id),
        format!("idea:{}", idea.id),
        format!("{} -> {}", decision.from, decision.to),
    )
    .await?;
    Ok(done)
}

/// Translated labels of the network workspace's vocabularies (keys in
/// `locales/*/cooperation.ftl`).
pub mod labels {
    use crate::i18n::Tr;
    use bleibe_domain::cooperation::{
        Cluster, EventKind, FieldOfAction, FundingSource, IdeaStage, MeasureStatus,
        RegistrationStatus, TargetGroup, Visibility,
    };

    /// One function per vocabulary: the message `<prefix>-<wire name>`.
    macro_rules! labels {
        ($($(#[$doc:meta])* $name:ident($ty:ty) = $prefix:literal;)+) => {$(
            $(#[$doc])*
            pub fn $name(tr: &Tr, v: $ty) -> String {
                tr.t(&format!(concat!($prefix, "-{}"), v.as_str()))
            }
        )+};
    }

    labels! {
        /// Cluster.
        cluster(Cluster) = "cluster";
        /// Field of action.
        field(FieldOfAction) = "field";
        /// Target group.
        target(TargetGroup) = "target";
        /// Status of a measure.
        measure_status(MeasureStatus) = "measure-status";
        /// Funding source.
        funding(FundingSource) = "funding";
        /// Visibility.
        visibility(Visibility) = "visibility";
        /// Pipeline stage.
        stage(IdeaStage) = "stage";
        /// Kind of event.
        event_kind(EventKind) = "event-kind";
        /// Registration status.
        registration(RegistrationStatus) = "registration";
    }
}

/// Creates a working group (network admins).
pub async fn create_group(
    state: &AppState,
    caller: &Caller,
    g: NewWorkingGroup,
) -> Result<WorkingGroup, AppError> {
    caller.authorize(Action::AdminNetwork(g.network_id))?;
    network(state, g.network_id).await?;
    let g = g.validate().map_err(|e| AppError::invalid(&e))?;
    if let Some(lead) = g.lead_user_id {
        check_network_member(state, g.network_id, lead, "lead_user_id").await?;
    }
    let stored = state.store.create_group(&g).await?;
    audit::record(
        state,
        caller.ctx(),
        actions::GROUP_CHANGED,
        None,
        format!("working_group:{}", stored.id),
        stored.data.name.clone(),
    )
    .await?;
    Ok(stored)
}

/// 400 unless `user_id` belongs to a member organisation of the network.
async fn check_network_member(
    state: &AppState,
    network_id: i64,
    user_id: i64,
    field: &str,
) -> Result<(), AppError> {
    if state
        .store
        .user_networks(user_id)
        .await?
        .contains(&network_id)
    {
        Ok(())
    } else {
        Err(AppError::bad_param(
            field,
            "error-user-not-member",
            &[("value", user_id.to_string())],
        ))
    }
}

// Pages helper additions
//
// Shared writes and loaders the pages needed beyond the ones above: membership of
// networks and working groups, tasks, comments, contact persons and attendance. The
// JSON API may use them as well; each asks the policy itself.

/// The caller's organisations (any role) that are members of `network`: the choice of
/// organisation when submitting an idea or listing oneself as a contact person.
pub async fn member_orgs(
    state: &AppState,
    caller: &Caller,
    network: i64,
) -> Result<Vec<(i64, String)>, AppError> {
    let policy::Caller::User(u) = &caller.ctx().caller else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for m in &u.memberships {
        if state.store.org_networks(m.org_id).await?.contains(&network) {
            out.push((m.org_id, m.org_name.clone()));
        }
    }
    Ok(out)
}

/// Joins a working group of a network the caller takes part in (no-op when a member).
pub async fn join_group(
    state: &AppState,
    caller: &Caller,
    group: &WorkingGroup,
) -> Result<(), AppError> {
    caller.authorize(Action::ContributeToNetwork(group.data.network_id))?;
    let me = caller.ctx().user_id().ok_or_else(AppError::unauthorized)?;
    state.store.add_group_member(group.id, me).await?;
    Ok(())
}

/// Leaves a working group (no-op when not a member).
pub async fn leave_group(
    state: &AppState,
    caller: &Caller,
    group: &WorkingGroup,
) -> Result<(), AppError> {
    caller.authorize(Action::ContributeToNetwork(group.data.network_id))?;
    let me = caller.ctx().user_id().ok_or_else(AppError::unauthorized)?;
    match state.store.remove_group_member(group.id, me).await {
        Ok(()) | Err(bleibe_store::StoreError::NotFound(_)) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// Adds a task to a working group: its lead or the network's admins. The owner, when
/// given, must be a member of the group.
pub async fn add_task(
    state: &AppState,
    caller: &Caller,
    group: &WorkingGroup,
    task: bleibe_domain::cooperation::NewTask,
) -> Result<bleibe_domain::cooperation::Task, AppError> {
    caller.authorize(Action::LeadWorkingGroup {
        network: group.data.network_id,
        group: group.id,
    })?;
    let mut task = task.validate().map_err(|e| AppError::invalid(&e))?;
    task.group_id = group.id;
    if let Some(owner) = task.owner_user_id {
        let members = state.store.group_members(group.id).await?;
        if !members.iter().any(|(id, _)| *id == owner) {
            return Err(AppError::bad_param(
                "owner_user_id",
                "error-user-not-member",
                &[("value", owner.to_string())],
            ));
        }
    }
    let stored = state.store.create_task(&task).await?;
    audit::record(
        state,
        caller.ctx(),
        actions::GROUP_CHANGED,
        None,
        format!("group:{}", group.id),
        format!("task:{} {}", stored.id, stored.data.title),
    )
    .await?;
    Ok(stored)
}

/// Marks a task of the group done (`done`) or open again: its lead or the network's
/// admins. `NotFound` when the group has no such task.
pub async fn set_task_done(
    state: &AppState,
    caller: &Caller,
    group: &WorkingGroup,
    task_id: i64,
    done: bool,
) -> Result<bleibe_domain::cooperation::Task, AppError> {
    caller.authorize(Action::LeadWorkingGroup {
        network: group.data.network_id,
        group: group.id,
    })?;
    let at = done.then(chrono::Utc::now);
    Ok(state.store.set_task_done(group.id, task_id, at).await?)
}

/// Longest comment accepted.
pub const COMMENT_MAX: usize = 10_000;

/// Comments on an idea for those who take part in its network.
pub async fn comment(
    state: &AppState,
    caller: &Caller,
    idea: &Idea,
    body: &str,
) -> Result<bleibe_domain::cooperation::Comment, AppError> {
    caller.authorize(Action::ContributeToNetwork(idea.data.network_id))?;
    let me = caller.ctx().user_id().ok_or_else(AppError::unauthorized)?;
    let body = bleibe_domain::text::required("body", body, COMMENT_MAX)
        .map_err(|e| AppError::invalid(&e))?;
    Ok(state.store.add_comment(idea.id, me, &body).await?)
}

/// Lists the signed-in caller as a contact person of one of their organisations in a
/// network's directory, with their consent (`consent_at` is set here, now).
pub async fn add_contact(
    state: &AppState,
    caller: &Caller,
    mut contact: bleibe_domain::cooperation::NewContact,
) -> Result<bleibe_domain::cooperation::Contact, AppError> {
    caller.authorize(Action::ContributeToNetwork(contact.network_id))?;
    let me = caller.ctx().user_id().ok_or_else(AppError::unauthorized)?;
    let orgs = member_orgs(state, caller, contact.network_id).await?;
    if !orgs.iter().any(|(id, _)| *id == contact.org_id) {
        return Err(AppError::bad_param(
            "org_id",
            "error-network-not-member",
            &[("value", contact.network_id.to_string())],
        ));
    }
    contact.user_id = Some(me);
    contact.consent_at = chrono::Utc::now();
    contact.demo = false;
    let contact = contact.validate().map_err(|e| AppError::invalid(&e))?;
    let stored = state.store.add_contact(&contact).await?;
    audit::record(
        state,
        caller.ctx(),
        actions::CONTACT_CHANGED,
        Some(contact.org_id),
        format!("network:{}", contact.network_id),
        format!("contact:{} listed", stored.id),
    )
    .await?;
    Ok(stored)
}

/// Removes a contact person from a network's directory: the person themselves (who
/// withdraws their consent) or the network's admins. 404 when not listed there.
pub async fn remove_contact(
    state: &AppState,
    caller: &Caller,
    network_id: i64,
    contact_id: i64,
) -> Result<(), AppError> {
    let admin = caller.may(Action::AdminNetwork(network_id));
    if !admin {
        caller.authorize_hidden(Action::ViewNetworkInternal(network_id))?;
    }
    let contact = state
        .store
        .contacts(network_id)
        .await?
        .into_iter()
        .find(|c| c.id == contact_id)
        .ok_or_else(AppError::not_found)?;
    let own = contact.data.user_id.is_some() && contact.data.user_id == caller.ctx().user_id();
    if !admin && !own {
        return Err(AppError::forbidden());
    }
    state.store.remove_contact(network_id, contact_id).await?;
    audit::record(
        state,
        caller.ctx(),
        actions::CONTACT_CHANGED,
        Some(contact.data.org_id),
        format!("network:{network_id}"),
        format!("contact:{contact_id} removed"),
    )
    .await?;
    Ok(())
}

/// Records who came to an event: `attended` holds the ids of the registrations that
/// did; every other live registration is marked absent. For those who manage the event.
pub async fn set_attendance(
    state: &AppState,
    caller: &Caller,
    event: &Event,
    attended: &[i64],
) -> Result<(), AppError> {
    if !manages_event(caller, event) {
        return Err(AppError::forbidden());
    }
    for r in state.store.registrations(event.id).await? {
        if r.status == RegistrationStatus::Cancelled {
            continue;
        }
        let came = attended.contains(&r.id);
        if came != r.attended {
            state.store.set_attended(event.id, r.id, came).await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod slot_tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_booked_slot_is_named_in_german_time_and_in_the_mail() {
        let start = chrono::DateTime::parse_from_rfc3339("2026-05-12T08:30:00Z")
            .expect("instant")
            .with_timezone(&chrono::Utc);
        let end = start + chrono::Duration::minutes(30);
        let de = Lang::De.tr();
        let slot = slot_time(&de, start, end);
        assert_eq!(slot, "12.05.2026 10:30–11:00 MESZ");
        let body = de.ta(
            "event-mail-slot-body",
            &[
                ("name", "Anna".into()),
                ("title", "Beratungstag".into()),
                ("slot", slot.clone()),
                ("venue", "Dock 3".into()),
                ("link", "https://example.org/events/1".into()),
                ("cancel", "https://example.org/registrations/x".into()),
                ("site", "bleibe".into()),
            ],
        );
        assert!(body.contains(&slot), "{body}");
        let en = Lang::En.tr();
        assert!(slot_time(&en, start, end).starts_with("12.05.2026 10:30–11:00"));
    }
}
