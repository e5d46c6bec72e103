//! A working group's page: its members, meetings (events of the group, with agenda and
//! minutes) and tasks; joining and leaving (for those who take part in the network);
//! adding tasks and marking them done (for its lead and the network's admins). Working
//! groups are internal to their network.

use super::form::{
    id_options, note, note_app_error, parse_date, parse_opt_id, value, Field, SummaryItem,
};
use super::page_chrome;
use super::{day, paragraphs, span};
use crate::cooperation::{self, audience};
use crate::i18n::Lang;
use crate::pages::form::Errors;
use crate::pages::{form_pairs, html_status, parse_id, path_and_query, read_body, see_other};
use crate::params::{IdPair, Segment};
use crate::policy::Caller;
use crate::problem::AppError;
use crate::state::AppState;
use crate::views::Chrome;
use askama::Template;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use bleibe_domain::cooperation::{NewTask, Visibility, WorkingGroup};
use bleibe_domain::policy::Action;
use bleibe_store::cooperation::EventFilter;
use chrono::Utc;

/// Most meetings the page lists.
const MEETINGS: i64 = 200;

/// A meeting of the group.
struct MeetingRow {
    href: String,
    title: String,
    when: String,
    when_iso: String,
    venue: String,
    agenda: Vec<Vec<String>>,
    minutes: Vec<Vec<String>>,
    members_only: bool,
    /// Called off by the organiser.
    cancelled: bool,
}

/// A task of the group.
struct TaskRow {
    id: i64,
    title: String,
    owner: Option<String>,
    due: Option<String>,
    due_iso: String,
    overdue: bool,
    /// Done since, formatted.
    done: Option<String>,
}

/// What was typed into the task form.
#[derive(Default)]
struct TaskForm {
    title: String,
    owner: String,
    due: String,
}

struct TaskFields {
    title: Field,
    owner: Field,
    due: Field,
}

#[derive(Template)]
#[template(path = "cooperation/group.html")]
struct GroupPage {
    chrome: Chrome,
    id: i64,
    name: String,
    demo: bool,
    network_id: i64,
    network_name: String,
    description: Vec<Vec<String>>,
    lead: Option<String>,
    members: Vec<String>,
    is_member: bool,
    can_contribute: bool,
    can_lead: bool,
    upcoming: Vec<MeetingRow>,
    past: Vec<MeetingRow>,
    tasks: Vec<TaskRow>,
    task_form: Option<TaskFields>,
    summary: Vec<SummaryItem>,
    /// "New meeting" links: (href, label), one per organisation the caller organises for.
    new_meeting_links: Vec<(String, String)>,
}

#[allow(clippy::too_many_arguments)]
async fn render(
    state: &AppState,
    caller: &Caller,
    lang: Lang,
    path: &str,
    group: WorkingGroup,
    form: &TaskForm,
    errors: &Errors,
    status: StatusCode,
) -> Result<Response, AppError> {
    let tr = lang.tr();
    let net = group.data.network_id;
    let network = cooperation::network(state, net).await?;
    let members = state.store.group_members(group.id).await?;
    let me = caller.ctx().user_id();
    let is_member = me.is_some_and(|me| members.iter().any(|(id, _)| *id == me));
    let can_lead = caller.may(Action::LeadWorkingGroup {
        network: net,
        group: group.id,
    });
    let (events, _) = state
        .store
        .events(&EventFilter {
            working_group: Some(group.id),
            members_of: audience(caller),
            limit: MEETINGS,
            ..EventFilter::default()
        })
        .await?;
    let now = Utc::now();
    let row = |e: &bleibe_domain::cooperation::Event| MeetingRow {
        href: format!("/events/{}", e.id),
        title: e.data.title.clone(),
        when: span(&tr, e.data.starts_at, e.data.ends_at),
        when_iso: e.data.starts_at.to_rfc3339(),
        venue: e.data.venue.clone(),
        agenda: paragraphs(&e.data.agenda),
        minutes: paragraphs(&e.data.minutes),
        members_only: e.data.visibility == Visibility::Members,
        cancelled: e.is_cancelled(),
    };
    let upcoming = events
        .iter()
        .filter(|e| e.data.ends_at >= now)
        .map(row)
        .collect();
    let past = events
        .iter()
        .rev()
        .filter(|e| e.data.ends_at < now)
        .map(row)
        .collect();
    let today = now.date_naive();
    let tasks = state
        .store
        .tasks(group.id)
        .await?
        .into_iter()
        .map(|t| TaskRow {
            id: t.id,
            owner: t.owner_name.clone(),
            due: t.data.due.map(|d| day(lang, d)),
            due_iso: t.data.due.map(|d| d.to_string()).unwrap_or_default(),
            overdue: t.done_at.is_none() && t.data.due.is_some_and(|d| d < today),
            done: t.done_at.map(|d| day(lang, d.date_naive())),
            title: t.data.title,
        })
        .collect();
    let task_form = can_lead.then(|| TaskFields {
        title: Field::new(
            "title",
            tr.t1("ws-required", "label", tr.t("np-task-title")),
            form.title.clone(),
        )
        .required()
        .maxlength(300)
        .errors(errors),
        owner: Field::select(
            "owner",
            tr.t("np-task-owner"),
            id_options(&members, Some(tr.t("np-task-owner-none")), &form.owner),
        )
        .hint(tr.t("np-task-owner-hint"))
        .errors(errors),
        due: Field::new("due", tr.t("np-task-due"), form.due.clone())
            .hint(tr.t("np-date-hint"))
            .errors(errors),
    });
    let summary = match &task_form {
        Some(f) => errors.summary(&[&f.title, &f.owner, &f.due]),
        None => Vec::new(),
    };
    let new_meeting_links = if caller.may(Action::ViewNetworkInternal(net)) {
        cooperation::writing_orgs(state, caller, Some(net))
            .await?
            .into_iter()
            .map(|(oid, name)| {
                (
                    format!("/events/new?org={oid}&group={}", group.id),
                    tr.t1("np-meeting-new-for", "org", name),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    html_status(
        status,
        GroupPage {
            chrome: page_chrome(state, lang, caller, path, &group.data.name),
            id: group.id,
            name: group.data.name.clone(),
            demo: group.data.demo,
            network_id: net,
            network_name: network.name,
            description: paragraphs(&group.data.description),
            lead: group.lead_name.clone(),
            members: members.into_iter().map(|(_, n)| n).collect(),
            is_member,
            can_contribute: caller.may(Action::ContributeToNetwork(net)),
            can_lead,
            upcoming,
            past,
            tasks,
            task_form,
            summary,
            new_meeting_links,
        },
    )
}

/// The group of the path, for a signed-in caller who may see it.
async fn group_of(state: &AppState, caller: &Caller, raw: &str) -> Result<WorkingGroup, AppError> {
    let id = parse_id(raw)?;
    caller.require_identity()?;
    cooperation::visible_group(state, caller, id).await
}

/// `GET /working-groups/{id}`.
pub(super) async fn page(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let group = group_of(&state, &caller, &raw).await?;
    render(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        group,
        &TaskForm::default(),
        &Errors::default(),
        StatusCode::OK,
    )
    .await
}

/// `POST /working-groups/{id}/join`.
pub(super) async fn join(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw): Segment,
) -> Result<Response, AppError> {
    let group = group_of(&state, &caller, &raw).await?;
    caller.authorize(Action::ContributeToNetwork(group.data.network_id))?;
    cooperation::join_group(&state, &caller, &group).await?;
    Ok(see_other(&format!("/working-groups/{}", group.id)))
}

/// `POST /working-groups/{id}/leave`.
pub(super) async fn leave(
    State(state): State<AppState>,
    caller: Caller,
    Segment(raw): Segment,
) -> Result<Response, AppError> {
    let group = group_of(&state, &caller, &raw).await?;
    caller.authorize(Action::ContributeToNetwork(group.data.network_id))?;
    cooperation::leave_group(&state, &caller, &group).await?;
    Ok(see_other(&format!("/working-groups/{}", group.id)))
}

/// The task form field a write's parameter concerns.
fn task_field(param: &str) -> Option<String> {
    Some(
        match param {
            "title" => "title",
            "owner_user_id" => "owner",
            "due" => "due",
            _ => return None,
        }
        .to_string(),
    )
}

/// `POST /working-groups/{id}/tasks`.
pub(super) async fn add_task(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    Segment(raw): Segment,
    req: Request,
) -> Result<Response, AppError> {
    let group = group_of(&state, &caller, &raw).await?;
    caller.authorize(Action::LeadWorkingGroup {
        network: group.data.network_id,
        group: group.id,
    })?;
    let (req, body) = read_body(req).await?;
    let pairs = form_pairs(&body);
    let form = TaskForm {
        title: value(&pairs, "title"),
        owner: value(&pairs, "owner"),
        due: value(&pairs, "due"),
    };
    let tr = lang.tr();
    let mut errors = Errors::default();
    let owner = parse_opt_id(&form.owner).unwrap_or_else(|()| {
        note(&mut errors, &tr, "owner");
        None
    });
    let due = parse_date(&form.due).unwrap_or_else(|()| {
        note(&mut errors, &tr, "due");
        None
    });
    let mut status = StatusCode::BAD_REQUEST;
    if errors.is_empty() {
        let task = NewTask {
            group_id: group.id,
            title: form.title.clone(),
            owner_user_id: owner,
            due,
        };
        match cooperation::add_task(&state, &caller, &group, task).await {
            Ok(_) => {
                return Ok(see_other(&format!(
                    "/working-groups/{}#tasks-title",
                    group.id
                )))
            }
            Err(e) => status = note_app_error(&mut errors, &tr, e, task_field)?,
        }
    }
    render(
        &state,
        &caller,
        lang,
        &path_and_query(&req),
        group,
        &form,
        &errors,
        status,
    )
    .await
}

/// `POST /working-groups/{id}/tasks/{task}/done`: marks the task done (or open again
/// with `done=0`).
pub(super) async fn task_done(
    State(state): State<AppState>,
    caller: Caller,
    IdPair(id, task): IdPair,
    req: Request,
) -> Result<Response, AppError> {
    caller.require_identity()?;
    let group = cooperation::visible_group(&state, &caller, id).await?;
    caller.authorize(Action::LeadWorkingGroup {
        network: group.data.network_id,
        group: group.id,
    })?;
    let (_, body) = read_body(req).await?;
    let done = value(&form_pairs(&body), "done") != "0";
    cooperation::set_task_done(&state, &caller, &group, task, done).await?;
    Ok(see_other(&format!("/working-groups/{id}#tasks-title")))
}
