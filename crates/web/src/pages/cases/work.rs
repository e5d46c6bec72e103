//! `GET /cases`: the work views of a welcome center's staff — my cases, overdue steps,
//! this week's appointments, the board of open cases by the area of their next step,
//! requests from the intake form (accept or decline), search by name or address — and
//! the cases other welcome centers share with the caller's organisations. Partners who
//! are not staff of a welcome center get only the shared view.

use super::{case_status, category, day, page_chrome, span, staff};
use crate::berlin::{from_berlin, to_berlin};
use crate::cases;
use crate::i18n::{Lang, Tr};
use crate::pages::{html, path_and_query};
use crate::params::RawQuery;
use crate::policy::Caller;
use crate::problem::AppError;
use crate::state::AppState;
use crate::views::Chrome;
use askama::Template;
use axum::extract::{Request, State};
use axum::response::Response;
use bleibe_domain::casework::{CaseStatus, Category, Step};
use bleibe_domain::policy::Action;
use bleibe_store::cases::{CaseFilter, CaseRow, CaseScope};
use chrono::{Datelike, Duration, NaiveDate, Utc};
use std::collections::HashMap;

/// The views, in tab order.
const VIEWS: [&str; 7] = [
    "mine", "overdue", "week", "board", "requests", "search", "shared",
];

/// Most rows a view lists.
const LIMIT: i64 = 200;

/// A tab of the work views.
struct Tab {
    href: String,
    label: String,
    current: bool,
}

/// A case in a list.
struct CaseItem {
    id: i64,
    href: String,
    person: String,
    title: String,
    status: String,
    /// The holding welcome center (shared view).
    org: String,
    /// The organisation it is shared with (shared view).
    shared_with: String,
    started: String,
    started_iso: String,
    assignee: Option<String>,
    /// The first unfinished step.
    next: Option<NextStep>,
    /// What the person wrote (requests).
    message: String,
    version: i64,
}

/// The first unfinished step of a case.
struct NextStep {
    title: String,
    due: String,
    due_iso: String,
    overdue: bool,
    category: Category,
}

/// An overdue step.
struct OverdueItem {
    href: String,
    person: String,
    step: String,
    category: String,
    due: String,
    due_iso: String,
    days: u64,
}

/// An appointment of the week.
struct WeekItem {
    href: String,
    person: String,
    title: String,
    when: String,
    when_iso: String,
    location: String,
    cancelled: bool,
}

/// A column of the board.
struct Column {
    id: String,
    heading: String,
    cards: Vec<CaseItem>,
}

#[derive(Template)]
#[template(path = "cases/work.html")]
struct WorkPage {
    chrome: Chrome,
    view: &'static str,
    heading: String,
    tabs: Vec<Tab>,
    /// Links to the same view for each welcome center the caller works for (when
    /// more than one): (href, name, current).
    org_links: Vec<(String, String, bool)>,
    /// Link to record a new person.
    new_person_href: Option<String>,
    /// Caption of the table.
    caption: String,
    rows: Vec<CaseItem>,
    overdue: Vec<OverdueItem>,
    week: Vec<WeekItem>,
    columns: Vec<Column>,
    /// The search words (search view).
    q: String,
    /// Whether a search was made.
    searched: bool,
    /// The form's `back` value: this page.
    back: String,
}

/// Monday 00:00 to the next Monday 00:00 of the week of `today`, German civil time.
fn week_of(today: NaiveDate) -> (NaiveDate, chrono::DateTime<Utc>, chrono::DateTime<Utc>) {
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let start = |d: NaiveDate| from_berlin(d.and_time(chrono::NaiveTime::MIN));
    (monday, start(monday), start(monday + Duration::days(7)))
}

/// The rows of a list: each case with its first unfinished step (staff of the holder
/// see every step). Logs that each listed case was seen.
async fn holder_items(
    state: &AppState,
    caller: &Caller,
    tr: &Tr,
    org: i64,
    rows: Vec<CaseRow>,
) -> Result<Vec<CaseItem>, AppError> {
    let ids: Vec<i64> = rows.iter().map(|r| r.case.id).collect();
    let steps = state.store.steps_of_cases(&ids).await?;
    let names: HashMap<i64, String> = staff(state, org).await?.into_iter().collect();
    let today = Utc::now().date_naive();
    let mut out = Vec::new();
    for row in rows {
        let next = steps
            .iter()
            .find(|s| s.case_id == row.case.id && !s.status.is_finished());
        cases::log(
            state,
            caller,
            row.case.person_id,
            Some(row.case.id),
            Some(org),
            "list_case",
            "",
        )
        .await?;
        out.push(item(tr, row, next, today, &names, ""));
    }
    Ok(out)
}

fn item(
    tr: &Tr,
    row: CaseRow,
    next: Option<&Step>,
    today: NaiveDate,
    names: &HashMap<i64, String>,
    shared_with: &str,
) -> CaseItem {
    let c = &row.case;
    CaseItem {
        id: c.id,
        href: format!("/cases/{}", c.id),
        person: row.person_name.clone(),
        title: c.title.get(tr.lang.code()).to_string(),
        status: case_status(tr, c.status),
        org: row.org_name.clone(),
        shared_with: shared_with.to_string(),
        started: day(tr.lang, c.started_on),
        started_iso: c.started_on.to_string(),
        assignee: c.assignee_user.and_then(|u| names.get(&u).cloned()),
        next: next.map(|s| NextStep {
            title: s.title.get(tr.lang.code()).to_string(),
            due: day(tr.lang, s.due_on),
            due_iso: s.due_on.to_string(),
            overdue: s.is_overdue(today),
            category: s.category,
        }),
        message: c.request_message.clone(),
        version: c.version,
    }
}

/// `GET /cases?view=…&org=…&q=…`.
pub(super) async fn page(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    req: Request,
) -> Result<Response, AppError> {
    caller.require_identity()?;
    let tr = lang.tr();
    let raw = RawQuery::parse(req.uri().query())?;
    let path = path_and_query(&req);
    let holders = cases::holder_orgs(&caller);
    let org_param = raw.id("org")?;
    // Partners who are not staff of a welcome center have only the shared view.
    let view = match (holders.is_empty(), raw.get("view")) {
        (true, _) => "shared",
        (false, None) => "mine",
        (false, Some(v)) => VIEWS.iter().copied().find(|x| *x == v).ok_or_else(|| {
            AppError::bad_param(
                "view",
                "error-param-enum",
                &[("value", v.to_string()), ("expected", VIEWS.join(", "))],
            )
        })?,
    };
    let org = if holders.is_empty() {
        None
    } else {
        Some(cases::working_org(&caller, org_param)?)
    };
    let org_query = match (org, holders.len() > 1) {
        (Some(o), true) => format!("&org={o}"),
        _ => String::new(),
    };
    let tabs = if org.is_some() {
        VIEWS
            .iter()
            .map(|v| Tab {
                href: format!("/cases?view={v}{org_query}"),
                label: tr.t(&format!("cp-view-{v}")),
                current: *v == view,
            })
            .collect()
    } else {
        Vec::new()
    };
    let org_links = if holders.len() > 1 {
        let memberships = match &caller.ctx().caller {
            bleibe_domain::policy::Caller::User(u) => u.memberships.clone(),
            _ => Vec::new(),
        };
        memberships
            .into_iter()
            .filter(|m| holders.contains(&m.org_id))
            .map(|m| {
                (
                    format!("/cases?view={view}&org={}", m.org_id),
                    m.org_name,
                    Some(m.org_id) == org,
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut page = WorkPage {
        chrome: page_chrome(
            &state,
            lang,
            &caller,
            &path,
            "cases",
            &tr.t("cp-work-title"),
        ),
        view,
        heading: tr.t(&format!("cp-view-{view}-heading")),
        tabs,
        org_links,
        new_person_href: org.map(|o| format!("/persons/new?org={o}")),
        caption: tr.t(&format!("cp-view-{view}-caption")),
        rows: Vec::new(),
        overdue: Vec::new(),
        week: Vec::new(),
        columns: Vec::new(),
        q: raw.get("q").unwrap_or("").trim().to_string(),
        searched: false,
        back: path.clone(),
    };
    let today = Utc::now().date_naive();
    match (view, org) {
        ("shared", _) => {
            page.rows = shared_items(&state, &caller, &tr).await?;
        }
        ("overdue", Some(org)) => {
            for (step, row) in state.store.overdue_steps(org, today, LIMIT).await? {
                cases::log(
                    &state,
                    &caller,
                    row.case.person_id,
                    Some(row.case.id),
                    Some(org),
                    "list_case",
                    "",
                )
                .await?;
                page.overdue.push(OverdueItem {
                    href: format!("/cases/{}#step-{}", row.case.id, step.id),
                    person: row.person_name,
                    step: step.title.get(lang.code()).to_string(),
                    category: category(&tr, step.category),
                    due: day(lang, step.due_on),
                    due_iso: step.due_on.to_string(),
                    days: (today - step.due_on).num_days().unsigned_abs(),
                });
            }
        }
        ("week", Some(org)) => {
            let (monday, from, to) = week_of(to_berlin(Utc::now()).date_naive());
            page.caption = tr.ta(
                "cp-view-week-caption",
                &[
                    ("from", day(lang, monday)),
                    ("to", day(lang, monday + Duration::days(6))),
                ],
            );
            for (a, row) in state.store.org_appointments(org, from, to).await? {
                cases::log(
                    &state,
                    &caller,
                    row.case.person_id,
                    Some(row.case.id),
                    Some(org),
                    "list_appointment",
                    "",
                )
                .await?;
                page.week.push(WeekItem {
                    href: format!("/cases/{}#appointments-title", row.case.id),
                    person: row.person_name,
                    when: span(&tr, a.data.starts_at, a.data.ends_at),
                    when_iso: a.data.starts_at.to_rfc3339(),
                    title: a.data.title,
                    location: a.data.location,
                    cancelled: a.cancelled_at.is_some(),
                });
            }
        }
        ("board", Some(org)) => {
            let rows = state
                .store
                .cases(&CaseFilter {
                    status: Some(CaseStatus::Open),
                    limit: LIMIT,
                    ..CaseFilter::all(CaseScope::Holder(org))
                })
                .await?;
            let items = holder_items(&state, &caller, &tr, org, rows).await?;
            page.columns = board(&tr, items);
        }
        (_, Some(org)) => {
            let me = cases::user_id(&caller);
            let filter = match view {
                "mine" => CaseFilter {
                    status: Some(CaseStatus::Open),
                    assignee_user: me,
                    limit: LIMIT,
                    ..CaseFilter::all(CaseScope::Holder(org))
                },
                "requests" => CaseFilter {
                    status: Some(CaseStatus::Requested),
                    limit: LIMIT,
                    ..CaseFilter::all(CaseScope::Holder(org))
                },
                _ => {
                    // Search: nothing before words are given.
                    if page.q.is_empty() {
                        return html(page);
                    }
                    page.searched = true;
                    CaseFilter {
                        query: Some(page.q.chars().take(200).collect()),
                        limit: LIMIT,
                        ..CaseFilter::all(CaseScope::Holder(org))
                    }
                }
            };
            let rows = state.store.cases(&filter).await?;
            page.rows = holder_items(&state, &caller, &tr, org, rows).await?;
        }
        (_, None) => return Err(AppError::forbidden()),
    }
    html(page)
}

/// The open cases grouped by the area of their first unfinished step, in the order
/// of the areas; cases with every step finished last.
fn board(tr: &Tr, items: Vec<CaseItem>) -> Vec<Column> {
    let mut by: HashMap<Category, Vec<CaseItem>> = HashMap::new();
    let mut finished = Vec::new();
    for i in items {
        match i.next.as_ref().map(|n| n.category) {
            Some(c) => by.entry(c).or_default().push(i),
            None => finished.push(i),
        }
    }
    let mut columns: Vec<Column> = Category::ALL
        .iter()
        .map(|c| Column {
            id: c.as_str().to_string(),
            heading: category(tr, *c),
            cards: by.remove(c).unwrap_or_default(),
        })
        .collect();
    columns.push(Column {
        id: "finished".into(),
        heading: tr.t("cp-board-finished"),
        cards: finished,
    });
    columns
}

/// The cases other welcome centers share with the caller's organisations, for each
/// organisation the caller may receive them for (second factor needed).
async fn shared_items(
    state: &AppState,
    caller: &Caller,
    tr: &Tr,
) -> Result<Vec<CaseItem>, AppError> {
    let orgs = cases::partner_orgs(caller);
    if orgs.is_empty() {
        return Err(AppError::forbidden());
    }
    let names = super::org_names(state).await?;
    let today = Utc::now().date_naive();
    let mut out = Vec::new();
    for org in orgs {
        caller.authorize(Action::ViewSharedCases(org))?;
        let rows = state
            .store
            .cases(&CaseFilter {
                limit: LIMIT,
                ..CaseFilter::all(CaseScope::Shared(org))
            })
            .await?;
        for row in rows {
            cases::log(
                state,
                caller,
                row.case.person_id,
                Some(row.case.id),
                Some(org),
                "list_case",
                "",
            )
            .await?;
            let with = names.get(&org).cloned().unwrap_or_default();
            out.push(item(tr, row, None, today, &HashMap::new(), &with));
        }
    }
    Ok(out)
}
