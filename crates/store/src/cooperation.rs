//! The network workspace in the store: measures, ideas and their decisions, working
//! groups and tasks, events and registrations, contact persons.
//!
//! As with [`crate::accounts`], the SQL is the same on every backend and is written once,
//! in [`impl_cooperation!`](crate::impl_cooperation). None of these writes touch jobs, so
//! none appends to the change log.
//!
//! Visibility is applied here, by the filters ([`MeasureFilter::members_of`],
//! [`EventFilter::members_of`]), so that a members-only record cannot slip into a list
//! by a forgotten check in a handler: the web layer says which networks the caller is
//! a member of, the store returns only what those may see.

use async_trait::async_trait;
use bleibe_domain::cooperation::{
    Cluster, Comment, Contact, Decision, Event, EventKind, FieldOfAction, Idea, Measure,
    MeasureStatus, NewContact, NewEvent, NewIdea, NewMeasure, NewRegistration, NewTask,
    NewWorkingGroup, Registration, TargetGroup, Task, WorkingGroup,
};
use chrono::{DateTime, Utc};

use crate::StoreResult;

/// The `Conflict` message of a registration for a slot someone else holds.
pub const SLOT_TAKEN: &str = "slot taken";
/// The `Conflict` message of a registration for an event that was called off.
pub const EVENT_CANCELLED: &str = "the event is cancelled";
/// How the `Conflict` messages of an event change that would strand booked slots begin.
pub const SLOTS_BOOKED: &str = "slots:";

/// Which records the caller may see beyond the public ones.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Audience {
    /// Public records only.
    #[default]
    Public,
    /// Also members-only records of these networks (the caller's), and everything of
    /// these organisations (the caller's own).
    Member {
        /// Networks the caller is a member (or admin) of.
        networks: Vec<i64>,
        /// Organisations the caller belongs to: their own records are always visible.
        orgs: Vec<i64>,
    },
    /// Everything (platform admins).
    All,
}

/// Which measures to list. Every condition given must hold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MeasureFilter {
    /// Shared with this network (explicitly, or by an owner that is a member and shares
    /// with all its networks).
    pub network: Option<i64>,
    /// Owned by this organisation.
    pub org: Option<i64>,
    /// Cluster.
    pub cluster: Option<Cluster>,
    /// Field of action.
    pub field: Option<FieldOfAction>,
    /// Aimed at this target group.
    pub target_group: Option<TargetGroup>,
    /// Status.
    pub status: Option<MeasureStatus>,
    /// At this place.
    pub place: Option<i64>,
    /// Words that must all occur in title, description or lessons (case-insensitive).
    pub text: Option<String>,
    /// Who is asking.
    pub members_of: Audience,
    /// Page size (at most 500).
    pub limit: i64,
    /// Records to skip.
    pub offset: i64,
}

/// Which events to list.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventFilter {
    /// Of this network.
    pub network: Option<i64>,
    /// Organised by this organisation.
    pub org: Option<i64>,
    /// Meetings of this working group.
    pub working_group: Option<i64>,
    /// Of this kind.
    pub kind: Option<EventKind>,
    /// Ending at or after this instant (upcoming and running events).
    pub from: Option<DateTime<Utc>>,
    /// Starting before this instant.
    pub until: Option<DateTime<Utc>>,
    /// Of this series (the id of its first event, [`Event::series_id`]).
    pub series: Option<i64>,
    /// Who is asking.
    pub members_of: Audience,
    /// Page size (at most 500).
    pub limit: i64,
    /// Records to skip.
    pub offset: i64,
}

/// A registration as answered: the stored record and, only when it was just created,
/// nothing else; a cancellation also says who moved up.
#[derive(Debug, Clone, PartialEq)]
pub struct Cancellation {
    /// The cancelled registration.
    pub cancelled: Registration,
    /// The person who moved up from the waiting list, if any.
    pub promoted: Option<Registration>,
}

/// Network-workspace storage. Every backend implements it with
/// [`impl_cooperation!`](crate::impl_cooperation) and passes the cooperation part of
/// the conformance suite.
#[async_trait]
pub trait Cooperation: Send + Sync {
    /// Networks one of the user's organisations is a member of.
    async fn user_networks(&self, user_id: i64) -> StoreResult<Vec<i64>>;
    /// Networks the organisation is a member of.
    async fn org_networks(&self, org_id: i64) -> StoreResult<Vec<i64>>;
    /// Working groups the user leads.
    async fn led_groups(&self, user_id: i64) -> StoreResult<Vec<i64>>;

    /// Lists a contact person (with their consent, recorded in the record).
    async fn add_contact(&self, contact: &NewContact) -> StoreResult<Contact>;
    /// A network's listed contact persons, by organisation and name.
    async fn contacts(&self, network_id: i64) -> StoreResult<Vec<Contact>>;
    /// Removes a contact person (consent withdrawn); `NotFound` when not listed there.
    async fn remove_contact(&self, network_id: i64, id: i64) -> StoreResult<()>;

    /// Creates a measure (validated by the caller) with version 1.
    async fn create_measure(&self, measure: &NewMeasure) -> StoreResult<Measure>;
    /// One measure, whoever may see it (the caller checks).
    async fn measure(&self, id: i64) -> StoreResult<Option<Measure>>;
    /// Replaces a measure's content when its version is still `version`: otherwise
    /// `Conflict` and nothing changes. Returns the new state (version + 1).
    async fn update_measure(
        &self,
        id: i64,
        version: i64,
        measure: &NewMeasure,
    ) -> StoreResult<Measure>;
    /// Deletes a measure; `NotFound` when there is none.
    async fn delete_measure(&self, id: i64) -> StoreResult<()>;
    /// Measures matching the filter, newest change first, with the total count.
    async fn measures(&self, filter: &MeasureFilter) -> StoreResult<(Vec<Measure>, i64)>;
    /// The networks a measure is visible in: those chosen, or with `all_networks` every
    /// network of its owner.
    async fn measure_networks(&self, id: i64) -> StoreResult<Vec<i64>>;

    /// Creates a working group.
    async fn create_group(&self, group: &NewWorkingGroup) -> StoreResult<WorkingGroup>;
    /// Changes a working group.
    async fn update_group(&self, id: i64, group: &NewWorkingGroup) -> StoreResult<WorkingGroup>;
    /// One working group.
    async fn group(&self, id: i64) -> StoreResult<Option<WorkingGroup>>;
    /// A network's working groups, by name.
    async fn groups(&self, network_id: i64) -> StoreResult<Vec<WorkingGroup>>;
    /// Adds a member (no-op when already one).
    async fn add_group_member(&self, group_id: i64, user_id: i64) -> StoreResult<()>;
    /// Removes a member; `NotFound` when not a member.
    async fn remove_group_member(&self, group_id: i64, user_id: i64) -> StoreResult<()>;
    /// A group's members as (user id, display name), by name.
    async fn group_members(&self, group_id: i64) -> StoreResult<Vec<(i64, String)>>;
    /// Creates a task.
    async fn create_task(&self, task: &NewTask) -> StoreResult<Task>;
    /// Marks a task of the group done (or open again); `NotFound` when there is none.
    async fn set_task_done(
        &self,
        group_id: i64,
        task_id: i64,
        done_at: Option<DateTime<Utc>>,
    ) -> StoreResult<Task>;
    /// A group's tasks: open ones first by due date, then done ones.
    async fn tasks(&self, group_id: i64) -> StoreResult<Vec<Task>>;

    /// Submits an idea (stage `idea`).
    async fn create_idea(&self, idea: &NewIdea) -> StoreResult<Idea>;
    /// One idea.
    async fn idea(&self, id: i64) -> StoreResult<Option<Idea>>;
    /// A network's ideas (of one working group when given), newest change first.
    async fn ideas(&self, network_id: i64, group: Option<i64>) -> StoreResult<Vec<Idea>>;
    /// Records a decision and moves the idea, atomically, when the idea is still in
    /// `decision.from`: otherwise `Conflict` and nothing changes. The caller has checked
    /// the move with [`Decision::check`]. `measure_id` links a running project to its
    /// measure (kept when `None`).
    async fn decide_idea(
        &self,
        decision: &Decision,
        measure_id: Option<i64>,
    ) -> StoreResult<(Idea, Decision)>;
    /// An idea's decisions, oldest first.
    async fn decisions(&self, idea_id: i64) -> StoreResult<Vec<Decision>>;
    /// Adds a comment.
    async fn add_comment(&self, idea_id: i64, user_id: i64, body: &str) -> StoreResult<Comment>;
    /// An idea's comments, oldest first.
    async fn comments(&self, idea_id: i64) -> StoreResult<Vec<Comment>>;

    /// Creates an event (version 1).
    async fn create_event(&self, event: &NewEvent) -> StoreResult<Event>;
    /// Creates a series of events in one transaction, all or nothing: one event per
    /// occurrence `(start, end)`, in the given order, each with `first`'s content and its
    /// own times (for an event with slots, its capacity is the number of its own slots),
    /// then sets every one's `series_id` to the id of the first. Returns them in order.
    /// An occurrence that would not be a valid event (ending before it starts, shorter
    /// than one slot) is `Invalid` naming the field, and nothing is stored; so is an
    /// empty list.
    async fn create_event_series(
        &self,
        first: &NewEvent,
        occurrences: &[(DateTime<Utc>, DateTime<Utc>)],
    ) -> StoreResult<Vec<Event>>;
    /// One event, whoever may see it (the caller checks).
    async fn event(&self, id: i64) -> StoreResult<Option<Event>>;
    /// Replaces an event's content when its version is still `version`; otherwise
    /// `Conflict`. Raising the capacity moves people up from the waiting list; the
    /// registrations that moved up are returned (to be told by e-mail). A change of the
    /// slots (their length, or the times) is a `Conflict` starting with "slots" when a
    /// live registration's slot would no longer be a slot, or when slots are introduced
    /// while there are live registrations without one; nothing changes then.
    async fn update_event(
        &self,
        id: i64,
        version: i64,
        event: &NewEvent,
    ) -> StoreResult<(Event, Vec<Registration>)>;
    /// Events matching the filter, by start, with the total count.
    async fn events(&self, filter: &EventFilter) -> StoreResult<(Vec<Event>, i64)>;
    /// Registers someone, atomically with respect to every other registration and
    /// cancellation of the event: `Registered` while places are free, `Waiting` after
    /// that. `Conflict` when the address is already registered or waiting, or when
    /// registration is closed or the event cancelled; `NotFound` when there is no such
    /// event.
    ///
    /// For an event with slots the registration names one of the event's slots
    /// (otherwise `Invalid` starting with "slot:") and books it: always `Registered`,
    /// there is no waiting list; a slot another live registration holds is
    /// `Conflict(SLOT_TAKEN)`. For an event without slots naming a slot is `Invalid`.
    async fn register(&self, event_id: i64, who: &NewRegistration) -> StoreResult<Registration>;
    /// Calls the whole event off at `at`, atomically with respect to every registration
    /// (under the same event lock): sets `cancelled_at`, closes registration and bumps
    /// the version. Returns the live (registered and waiting) registrations, registered
    /// first, so that they can be told; their status is left as it was. `NotFound` when
    /// there is no such event, `Conflict` when it is cancelled already.
    async fn cancel_event(&self, id: i64, at: DateTime<Utc>) -> StoreResult<Vec<Registration>>;
    /// Cancels the registration with this cancellation hash, atomically moving the
    /// longest-waiting person up when a place became free (for an event with slots the
    /// slot becomes free instead). `None` when there is no such registration or it is
    /// cancelled already.
    async fn cancel_registration(&self, cancel_hash: &str) -> StoreResult<Option<Cancellation>>;
    /// The registration with this cancellation hash, in any status.
    async fn registration_by_hash(&self, cancel_hash: &str) -> StoreResult<Option<Registration>>;
    /// An event's registrations: registered, then waiting (in order), then cancelled.
    async fn registrations(&self, event_id: i64) -> StoreResult<Vec<Registration>>;
    /// Records attendance of a registration of the event; `NotFound` when there is none.
    async fn set_attended(
        &self,
        event_id: i64,
        registration_id: i64,
        attended: bool,
    ) -> StoreResult<()>;
}

/// The page size a filter asks for, within 1..=500 (0: the default, 50).
pub fn page_size(limit: i64) -> i64 {
    if limit == 0 {
        50
    } else {
        limit.clamp(1, 500)
    }
}

/// Integer ids for an SQL `IN (…)` list, `None` when there are none (`IN ()` is not SQL).
/// Ids are integers, so formatting them into a statement is safe; text is always bound.
pub fn id_list(ids: &[i64]) -> Option<String> {
    if ids.is_empty() {
        None
    } else {
        Some(
            ids.iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        )
    }
}

/// `%word%` for `LIKE … ESCAPE '\'`: the word lower-cased, with `\`, `%` and `_` escaped.
pub fn like_pattern(word: &str) -> String {
    let mut out = String::from("%");
    for c in word.to_lowercase().chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

/// The lower-cased text a measure's words are searched in (title, description, lessons),
/// stored with it: SQLite's `lower()` only knows ASCII, so both backends compare against
/// text lower-cased here.
pub fn measure_search_text(m: &NewMeasure) -> String {
    format!("{}\n{}\n{}", m.title, m.description, m.lessons).to_lowercase()
}

/// The condition "measure `m` is visible in the network(s) `cond`" (`= $3`, `IN (1, 2)`):
/// shared with it explicitly, or shared with all networks by an owner that is a member.
pub fn measure_in_networks(cond: &str) -> String {
    format!(
        "((m.all_networks AND EXISTS (SELECT 1 FROM network_orgs nw \
           WHERE nw.org_id = m.org_id AND nw.network_id {cond})) \
          OR (NOT m.all_networks AND EXISTS (SELECT 1 FROM measure_networks mn \
           WHERE mn.measure_id = m.id AND mn.network_id {cond})))"
    )
}

/// The visibility condition on measures `m` for `audience`, `None` when everything is
/// visible.
pub fn measure_audience(audience: &Audience) -> Option<String> {
    match audience {
        Audience::All => None,
        Audience::Public => Some("m.visibility = 'public'".into()),
        Audience::Member { networks, orgs } => {
            let mut any = vec!["m.visibility = 'public'".to_string()];
            if let Some(orgs) = id_list(orgs) {
                any.push(format!("m.org_id IN ({orgs})"));
            }
            if let Some(nets) = id_list(networks) {
                any.push(format!(
                    "(m.visibility = 'members' AND {})",
                    measure_in_networks(&format!("IN ({nets})"))
                ));
            }
            Some(format!("({})", any.join(" OR ")))
        }
    }
}

/// The visibility condition on events `ev` for `audience`, `None` when everything is
/// visible.
pub fn event_audience(audience: &Audience) -> Option<String> {
    match audience {
        Audience::All => None,
        Audience::Public => Some("ev.visibility = 'public'".into()),
        Audience::Member { networks, orgs } => {
            let mut any = vec!["ev.visibility = 'public'".to_string()];
            if let Some(orgs) = id_list(orgs) {
                any.push(format!("ev.org_id IN ({orgs})"));
            }
            if let Some(nets) = id_list(networks) {
                any.push(format!(
                    "(ev.visibility = 'members' AND ev.network_id IN ({nets}))"
                ));
            }
            Some(format!("({})", any.join(" OR ")))
        }
    }
}

/// A bound parameter of a statement built at run time.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// An integer.
    Int(i64),
    /// Text.
    Text(String),
    /// An instant (bound in whole microseconds).
    Time(DateTime<Utc>),
}

/// A `WHERE` clause built at run time: conditions joined by `AND` and their parameters,
/// numbered `$1`, `$2`, … in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Conditions {
    /// The conditions.
    pub conds: Vec<String>,
    /// The parameters.
    pub args: Vec<Arg>,
}

impl Conditions {
    /// Adds a parameter; returns its placeholder (`$n`).
    pub fn param(&mut self, arg: Arg) -> String {
        self.args.push(arg);
        format!("${}", self.args.len())
    }

    /// Adds a condition.
    pub fn and(&mut self, cond: impl Into<String>) {
        self.conds.push(cond.into());
    }

    /// ` WHERE …`, or nothing when there are no conditions.
    pub fn clause(&self) -> String {
        if self.conds.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.conds.join(" AND "))
        }
    }

    /// The conditions of a measure filter (on `measures m`).
    pub fn measures(f: &MeasureFilter) -> Self {
        let mut c = Conditions::default();
        if let Some(cond) = measure_audience(&f.members_of) {
            c.and(cond);
        }
        if let Some(n) = f.network {
            let p = c.param(Arg::Int(n));
            c.and(measure_in_networks(&format!("= {p}")));
        }
        if let Some(org) = f.org {
            let p = c.param(Arg::Int(org));
            c.and(format!("m.org_id = {p}"));
        }
        if let Some(cluster) = f.cluster {
            let p = c.param(Arg::Text(cluster.as_str().into()));
            c.and(format!("m.cluster = {p}"));
        }
        if let Some(field) = f.field {
            let p = c.param(Arg::Text(field.as_str().into()));
            c.and(format!("m.field = {p}"));
        }
        if let Some(group) = f.target_group {
            let p = c.param(Arg::Text(format!("% {} %", group.as_str())));
            c.and(format!("(' ' || m.target_groups || ' ') LIKE {p}"));
        }
        if let Some(status) = f.status {
            let p = c.param(Arg::Text(status.as_str().into()));
            c.and(format!("m.status = {p}"));
        }
        if let Some(place) = f.place {
            let p = c.param(Arg::Int(place));
            c.and(format!(
                "EXISTS (SELECT 1 FROM measure_places mp WHERE mp.measure_id = m.id AND mp.place_id = {p})"
            ));
        }
        for word in f.text.as_deref().unwrap_or("").split_whitespace() {
            let p = c.param(Arg::Text(like_pattern(word)));
            c.and(format!("m.search_text LIKE {p} ESCAPE '\\'"));
        }
        c
    }

    /// The conditions of an event filter (on `events ev`).
    pub fn events(f: &EventFilter) -> Self {
        let mut c = Conditions::default();
        if let Some(cond) = event_audience(&f.members_of) {
            c.and(cond);
        }
        if let Some(n) = f.network {
            let p = c.param(Arg::Int(n));
            c.and(format!("ev.network_id = {p}"));
        }
        if let Some(org) = f.org {
            let p = c.param(Arg::Int(org));
            c.and(format!("ev.org_id = {p}"));
        }
        if let Some(group) = f.working_group {
            let p = c.param(Arg::Int(group));
            c.and(format!("ev.working_group_id = {p}"));
        }
        if let Some(kind) = f.kind {
            let p = c.param(Arg::Text(kind.as_str().into()));
            c.and(format!("ev.kind = {p}"));
        }
        if let Some(from) = f.from {
            let p = c.param(Arg::Time(crate::accounts::micros(from)));
            c.and(format!("ev.ends_at >= {p}"));
        }
        if let Some(until) = f.until {
            let p = c.param(Arg::Time(crate::accounts::micros(until)));
            c.and(format!("ev.starts_at < {p}"));
        }
        if let Some(series) = f.series {
            let p = c.param(Arg::Int(series));
            c.and(format!("ev.series_id = {p}"));
        }
        c
    }
}

/// Joins target groups for storage (wire names, space-separated).
pub fn join_target_groups(groups: &[TargetGroup]) -> String {
    groups
        .iter()
        .map(|g| g.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Splits stored target groups; unknown names are dropped.
pub fn parse_target_groups(s: &str) -> Vec<TargetGroup> {
    s.split(' ').filter_map(TargetGroup::parse).collect()
}

/// Implements [`Cooperation`] for a backend's store type (with its row type), which must
/// have a field `pool` (an `sqlx::Pool`) and a function `db_err(sqlx::Error) -> StoreError`
/// in scope. The statements use `$n` parameters, which both SQLite and PostgreSQL accept.
///
/// Writes that must not race take a write lock on the event row first
/// (`UPDATE events SET version = version …`, the transaction's first statement): in
/// PostgreSQL that locks the row until commit, in SQLite the first write takes the
/// database's write lock (waiting out other writers with the pool's busy timeout).
#[macro_export]
macro_rules! impl_cooperation {
    ($store:ty, $row:ty) => {
        mod cooperation_sql {
            use super::db_err;
            use bleibe_domain::cooperation::{
                Cluster, Comment, Contact, Decision, Event, EventKind, FieldOfAction,
                FundingSource, Idea, IdeaStage, Measure, MeasureStatus, NewContact, NewEvent,
                NewIdea, NewMeasure, NewRegistration, NewTask, NewWorkingGroup, Registration,
                RegistrationStatus, Task, Visibility, WorkingGroup,
            };
            use bleibe_store::accounts::{micros, now_micros};
            use bleibe_store::cooperation::{
                id_list, join_target_groups, measure_search_text, page_size,
                parse_target_groups, Arg, Cancellation, Conditions, EventFilter, MeasureFilter,
            };
            use bleibe_store::{StoreError, StoreResult};
            use chrono::{DateTime, Utc};
            use sqlx::Row;
            use std::collections::HashMap;

            bleibe_store::sql_helpers!($row);
            type Conn = <Db as sqlx::Database>::Connection;
            type Query<'q> = sqlx::query::Query<'q, Db, <Db as sqlx::Database>::Arguments<'q>>;

            fn json_err(column: &str, e: serde_json::Error) -> StoreError {
                StoreError::Database(format!("column {column}: {e}"))
            }

            fn to_json_err(e: serde_json::Error) -> StoreError {
                StoreError::Invalid(e.to_string())
            }

            fn bind_all<'q>(mut q: Query<'q>, args: &'q [Arg]) -> Query<'q> {
                for a in args {
                    q = match a {
                        Arg::Int(v) => q.bind(*v),
                        Arg::Text(v) => q.bind(v.as_str()),
                        Arg::Time(v) => q.bind(*v),
                    };
                }
                q
            }

            fn found(rows: u64, what: &str) -> StoreResult<()> {
                if rows == 0 {
                    Err(StoreError::NotFound(what.to_string()))
                } else {
                    Ok(())
                }
            }

            /// `key → values` of a link table for the given keys, values ascending.
            async fn links(
                conn: &mut Conn,
                table: &str,
                key: &str,
                value: &str,
                ids: &[i64],
            ) -> StoreResult<HashMap<i64, Vec<i64>>> {
                let mut out: HashMap<i64, Vec<i64>> = HashMap::new();
                let Some(list) = id_list(ids) else {
                    return Ok(out);
                };
                let rows = sqlx::query(&format!(
                    "SELECT {key}, {value} FROM {table} WHERE {key} IN ({list}) ORDER BY {key}, {value}"
                ))
                .fetch_all(&mut *conn)
                .await
                .map_err(db_err)?;
                for r in &rows {
                    let k: i64 = decode(r.try_get(0))?;
                    let v: i64 = decode(r.try_get(1))?;
                    out.entry(k).or_default().push(v);
                }
                Ok(out)
            }

            // ----- contacts -------------------------------------------------------------

            const CONTACT_SELECT: &str =
                "SELECT c.id, c.network_id, c.org_id, c.user_id, c.name, c.function, c.email, \
                 c.phone, c.consent_at, c.demo, e.name AS org_name \
                 FROM network_contacts c JOIN employers e ON e.id = c.org_id";

            fn contact(r: &$row) -> StoreResult<Contact> {
                Ok(Contact {
                    id: decode(r.try_get("id"))?,
                    data: NewContact {
                        network_id: decode(r.try_get("network_id"))?,
                        org_id: decode(r.try_get("org_id"))?,
                        user_id: decode(r.try_get("user_id"))?,
                        name: decode(r.try_get("name"))?,
                        function: decode(r.try_get("function"))?,
                        email: decode(r.try_get("email"))?,
                        phone: decode(r.try_get("phone"))?,
                        consent_at: decode(r.try_get("consent_at"))?,
                        demo: decode(r.try_get("demo"))?,
                    },
                    org_name: decode(r.try_get("org_name"))?,
                })
            }

            // ----- measures -------------------------------------------------------------

            const MEASURE_SELECT: &str =
                "SELECT m.id, m.org_id, e.name AS org_name, m.all_networks, m.title, \
                 m.description, m.cluster, m.field, m.target_groups, m.start_date, m.end_date, \
                 m.budget_eur, m.funding, m.status, m.indicators, m.lessons, m.links, \
                 m.visibility, m.demo, m.version, m.created_at, m.updated_at \
                 FROM measures m JOIN employers e ON e.id = m.org_id";

            fn measure(r: &$row, network_ids: Vec<i64>, place_ids: Vec<i64>) -> StoreResult<Measure> {
                let groups: String = decode(r.try_get("target_groups"))?;
                let indicators: String = decode(r.try_get("indicators"))?;
                let link_list: String = decode(r.try_get("links"))?;
                Ok(Measure {
                    id: decode(r.try_get("id"))?,
                    org_name: decode(r.try_get("org_name"))?,
                    data: NewMeasure {
                        org_id: decode(r.try_get("org_id"))?,
                        all_networks: decode(r.try_get("all_networks"))?,
                        network_ids,
                        title: decode(r.try_get("title"))?,
                        description: decode(r.try_get("description"))?,
                        cluster: wire(r, "cluster", Cluster::parse)?,
                        field: wire(r, "field", FieldOfAction::parse)?,
                        target_groups: parse_target_groups(&groups),
                        place_ids,
                        start_date: decode(r.try_get("start_date"))?,
                        end_date: decode(r.try_get("end_date"))?,
                        budget_eur: decode(r.try_get("budget_eur"))?,
                        funding: wire_opt(r, "funding", FundingSource::parse)?,
                        status: wire(r, "status", MeasureStatus::parse)?,
                        indicators: serde_json::from_str(&indicators)
                            .map_err(|e| json_err("indicators", e))?,
                        lessons: decode(r.try_get("lessons"))?,
                        links: serde_json::from_str(&link_list)
                            .map_err(|e| json_err("links", e))?,
                        visibility: wire(r, "visibility", Visibility::parse)?,
                        demo: decode(r.try_get("demo"))?,
                    },
                    version: decode(r.try_get("version"))?,
                    created_at: decode(r.try_get("created_at"))?,
                    updated_at: decode(r.try_get("updated_at"))?,
                })
            }

            /// Measures from their rows, with their networks and places.
            /// One page of a filtered list and the count of the whole list: `table` is the
            /// table with its alias as `select` names it, `order` the ORDER BY.
            async fn page(
                conn: &mut Conn,
                table: &str,
                select: &str,
                order: &str,
                c: &Conditions,
                limit: i64,
                offset: i64,
            ) -> StoreResult<(Vec<$row>, i64)> {
                let clause = c.clause();
                let total: i64 = bind_all(
                    sqlx::query(&format!("SELECT count(*) FROM {table}{clause}")),
                    &c.args,
                )
                .fetch_one(&mut *conn)
                .await
                .map_err(db_err)?
                .try_get(0)
                .map_err(db_err)?;
                let n = c.args.len();
                let sql = format!(
                    "{select}{clause} ORDER BY {order} LIMIT ${} OFFSET ${}",
                    n + 1,
                    n + 2
                );
                let rows = bind_all(sqlx::query(&sql), &c.args)
                    .bind(page_size(limit))
                    .bind(offset.max(0))
                    .fetch_all(&mut *conn)
                    .await
                    .map_err(db_err)?;
                Ok((rows, total))
            }

            async fn measures_of(conn: &mut Conn, rows: &[$row]) -> StoreResult<Vec<Measure>> {
                let ids = rows
                    .iter()
                    .map(|r| decode(r.try_get::<i64, _>("id")))
                    .collect::<StoreResult<Vec<i64>>>()?;
                let mut nets = links(conn, "measure_networks", "measure_id", "network_id", &ids).await?;
                let mut places = links(conn, "measure_places", "measure_id", "place_id", &ids).await?;
                rows.iter()
                    .zip(&ids)
                    .map(|(r, id)| {
                        measure(
                            r,
                            nets.remove(id).unwrap_or_default(),
                            places.remove(id).unwrap_or_default(),
                        )
                    })
                    .collect()
            }

            async fn measure_in(conn: &mut Conn, id: i64) -> StoreResult<Option<Measure>> {
                let rows = sqlx::query(&format!("{MEASURE_SELECT} WHERE m.id = $1"))
                    .bind(id)
                    .fetch_all(&mut *conn)
                    .await
                    .map_err(db_err)?;
                Ok(measures_of(conn, &rows).await?.pop())
            }

            /// Replaces a measure's networks and places.
            async fn write_measure_links(conn: &mut Conn, id: i64, m: &NewMeasure) -> StoreResult<()> {
                for table in ["measure_networks", "measure_places"] {
                    sqlx::query(&format!("DELETE FROM {table} WHERE measure_id = $1"))
                        .bind(id)
                        .execute(&mut *conn)
                        .await
                        .map_err(db_err)?;
                }
                link(conn, "measure_networks (measure_id, network_id)", id, &m.network_ids).await?;
                link(conn, "measure_places (measure_id, place_id)", id, &m.place_ids).await
            }

            /// Inserts the pairs (`id`, each of `others`) into a link table, given as
            /// `table (owner_column, other_column)`; pairs already there are kept.
            async fn link(conn: &mut Conn, table_and_columns: &str, id: i64, others: &[i64]) -> StoreResult<()> {
                let sql = format!(
                    "INSERT INTO {table_and_columns} VALUES ($1, $2) ON CONFLICT DO NOTHING"
                );
                for other in others {
                    sqlx::query(&sql)
                        .bind(id)
                        .bind(*other)
                        .execute(&mut *conn)
                        .await
                        .map_err(db_err)?;
                }
                Ok(())
            }

            /// The content columns of a measure, as `$1`…`$18` in this order: org_id,
            /// all_networks, title, description, cluster, field, target_groups,
            /// start_date, end_date, budget_eur, funding, status, indicators, lessons,
            /// links, visibility, demo, search_text.
            fn bind_measure<'q>(q: Query<'q>, m: &'q NewMeasure) -> StoreResult<Query<'q>> {
                Ok(q.bind(m.org_id)
                    .bind(m.all_networks)
                    .bind(m.title.as_str())
                    .bind(m.description.as_str())
                    .bind(m.cluster.as_str())
                    .bind(m.field.as_str())
                    .bind(join_target_groups(&m.target_groups))
                    .bind(m.start_date)
                    .bind(m.end_date)
                    .bind(m.budget_eur)
                    .bind(m.funding.map(|f| f.as_str()))
                    .bind(m.status.as_str())
                    .bind(serde_json::to_string(&m.indicators).map_err(to_json_err)?)
                    .bind(m.lessons.as_str())
                    .bind(serde_json::to_string(&m.links).map_err(to_json_err)?)
                    .bind(m.visibility.as_str())
                    .bind(m.demo)
                    .bind(measure_search_text(m)))
            }

            async fn create_measure_in(conn: &mut Conn, m: &NewMeasure) -> StoreResult<Measure> {
                let now = now_micros();
                let id: i64 = bind_measure(
                    sqlx::query(
                        "INSERT INTO measures (org_id, all_networks, title, description, cluster, \
                         field, target_groups, start_date, end_date, budget_eur, funding, status, \
                         indicators, lessons, links, visibility, demo, search_text, version, \
                         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, \
                         $11, $12, $13, $14, $15, $16, $17, $18, 1, $19, $19) RETURNING id",
                    ),
                    m,
                )?
                .bind(now)
                .fetch_one(&mut *conn)
                .await
                .map_err(db_err)?
                .try_get(0)
                .map_err(db_err)?;
                write_measure_links(conn, id, m).await?;
                measure_in(conn, id)
                    .await?
                    .ok_or_else(|| StoreError::NotFound(format!("measure {id}")))
            }

            async fn update_measure_in(
                conn: &mut Conn,
                id: i64,
                version: i64,
                m: &NewMeasure,
            ) -> StoreResult<Measure> {
                let done = bind_measure(
                    sqlx::query(
                        "UPDATE measures SET org_id = $1, all_networks = $2, title = $3, \
                         description = $4, cluster = $5, field = $6, target_groups = $7, \
                         start_date = $8, end_date = $9, budget_eur = $10, funding = $11, \
                         status = $12, indicators = $13, lessons = $14, links = $15, \
                         visibility = $16, demo = $17, search_text = $18, \
                         version = version + 1, updated_at = $19 \
                         WHERE id = $20 AND version = $21",
                    ),
                    m,
                )?
                .bind(now_micros())
                .bind(id)
                .bind(version)
                .execute(&mut *conn)
                .await
                .map_err(db_err)?;
                if done.rows_affected() == 0 {
                    return Err(stale(conn, "measures", "measure", id).await);
                }
                write_measure_links(conn, id, m).await?;
                measure_in(conn, id)
                    .await?
                    .ok_or_else(|| StoreError::NotFound(format!("measure {id}")))
            }

            /// Why an optimistic update changed nothing: `NotFound`, or `Conflict` naming
            /// the current version.
            async fn stale(conn: &mut Conn, table: &str, what: &str, id: i64) -> StoreError {
                let current: Result<Option<i64>, _> =
                    sqlx::query_scalar(&format!("SELECT version FROM {table} WHERE id = $1"))
                        .bind(id)
                        .fetch_optional(&mut *conn)
                        .await;
                match current {
                    Ok(None) => StoreError::NotFound(format!("{what} {id}")),
                    Ok(Some(v)) => StoreError::Conflict(format!(
                        "the {what} was changed by someone else (version {v}); reload and \
                         apply your change again"
                    )),
                    Err(e) => db_err(e),
                }
            }

            // ----- working groups and tasks ---------------------------------------------

            const GROUP_SELECT: &str =
                "SELECT g.id, g.network_id, g.name, g.description, g.lead_user_id, g.demo, \
                 u.display_name AS lead_name, \
                 (SELECT count(*) FROM working_group_members gm WHERE gm.group_id = g.id) AS member_count \
                 FROM working_groups g LEFT JOIN users u ON u.id = g.lead_user_id";

            fn group(r: &$row) -> StoreResult<WorkingGroup> {
                Ok(WorkingGroup {
                    id: decode(r.try_get("id"))?,
                    data: NewWorkingGroup {
                        network_id: decode(r.try_get("network_id"))?,
                        name: decode(r.try_get("name"))?,
                        description: decode(r.try_get("description"))?,
                        lead_user_id: decode(r.try_get("lead_user_id"))?,
                        demo: decode(r.try_get("demo"))?,
                    },
                    lead_name: decode(r.try_get("lead_name"))?,
                    member_count: decode(r.try_get("member_count"))?,
                })
            }

            const TASK_SELECT: &str =
                "SELECT t.id, t.group_id, t.title, t.owner_user_id, t.due, t.done_at, \
                 u.display_name AS owner_name \
                 FROM group_tasks t LEFT JOIN users u ON u.id = t.owner_user_id";

            fn task(r: &$row) -> StoreResult<Task> {
                Ok(Task {
                    id: decode(r.try_get("id"))?,
                    data: NewTask {
                        group_id: decode(r.try_get("group_id"))?,
                        title: decode(r.try_get("title"))?,
                        owner_user_id: decode(r.try_get("owner_user_id"))?,
                        due: decode(r.try_get("due"))?,
                    },
                    owner_name: decode(r.try_get("owner_name"))?,
                    done_at: decode(r.try_get("done_at"))?,
                })
            }

            // ----- ideas ----------------------------------------------------------------

            const IDEA_SELECT: &str =
                "SELECT i.id, i.network_id, i.working_group_id, i.org_id, e.name AS org_name, \
                 i.title, i.summary, i.demo, i.stage, i.parked_from, i.measure_id, \
                 i.created_at, i.updated_at \
                 FROM ideas i JOIN employers e ON e.id = i.org_id";

            fn idea(r: &$row, institution_ids: Vec<i64>) -> StoreResult<Idea> {
                Ok(Idea {
                    id: decode(r.try_get("id"))?,
                    data: NewIdea {
                        network_id: decode(r.try_get("network_id"))?,
                        working_group_id: decode(r.try_get("working_group_id"))?,
                        org_id: decode(r.try_get("org_id"))?,
                        title: decode(r.try_get("title"))?,
                        summary: decode(r.try_get("summary"))?,
                        institution_ids,
                        demo: decode(r.try_get("demo"))?,
                    },
                    org_name: decode(r.try_get("org_name"))?,
                    stage: wire(r, "stage", IdeaStage::parse)?,
                    parked_from: wire_opt(r, "parked_from", IdeaStage::parse)?,
                    measure_id: decode(r.try_get("measure_id"))?,
                    created_at: decode(r.try_get("created_at"))?,
                    updated_at: decode(r.try_get("updated_at"))?,
                })
            }

            async fn ideas_of(conn: &mut Conn, rows: &[$row]) -> StoreResult<Vec<Idea>> {
                let ids = rows
                    .iter()
                    .map(|r| decode(r.try_get::<i64, _>("id")))
                    .collect::<StoreResult<Vec<i64>>>()?;
                let mut inst = links(conn, "idea_institutions", "idea_id", "org_id", &ids).await?;
                rows.iter()
                    .zip(&ids)
                    .map(|(r, id)| idea(r, inst.remove(id).unwrap_or_default()))
                    .collect()
            }

            async fn idea_in(conn: &mut Conn, id: i64) -> StoreResult<Option<Idea>> {
                let rows = sqlx::query(&format!("{IDEA_SELECT} WHERE i.id = $1"))
                    .bind(id)
                    .fetch_all(&mut *conn)
                    .await
                    .map_err(db_err)?;
                Ok(ideas_of(conn, &rows).await?.pop())
            }

            async fn create_idea_in(conn: &mut Conn, i: &NewIdea) -> StoreResult<Idea> {
                let now = now_micros();
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO ideas (network_id, working_group_id, org_id, title, summary, \
                     stage, demo, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
                )
                .bind(i.network_id)
                .bind(i.working_group_id)
                .bind(i.org_id)
                .bind(&i.title)
                .bind(&i.summary)
                .bind(IdeaStage::Idea.as_str())
                .bind(i.demo)
                .bind(now)
                .fetch_one(&mut *conn)
                .await
                .map_err(db_err)?;
                link(conn, "idea_institutions (idea_id, org_id)", id, &i.institution_ids).await?;
                idea_in(conn, id)
                    .await?
                    .ok_or_else(|| StoreError::NotFound(format!("idea {id}")))
            }

            const DECISION_SELECT: &str =
                "SELECT d.id, d.idea_id, d.from_stage, d.to_stage, d.decided_on, d.note, \
                 d.decided_by, u.display_name AS decided_by_name, d.at \
                 FROM idea_decisions d JOIN users u ON u.id = d.decided_by";

            fn decision(r: &$row) -> StoreResult<Decision> {
                Ok(Decision {
                    id: decode(r.try_get("id"))?,
                    idea_id: decode(r.try_get("idea_id"))?,
                    from: wire(r, "from_stage", IdeaStage::parse)?,
                    to: wire(r, "to_stage", IdeaStage::parse)?,
                    decided_on: decode(r.try_get("decided_on"))?,
                    note: decode(r.try_get("note"))?,
                    decided_by: decode(r.try_get("decided_by"))?,
                    decided_by_name: decode(r.try_get("decided_by_name"))?,
                    at: decode(r.try_get("at"))?,
                })
            }

            async fn decide_in(
                conn: &mut Conn,
                d: &Decision,
                measure_id: Option<i64>,
            ) -> StoreResult<(Idea, Decision)> {
                // The first statement writes: the row (PostgreSQL) or the database
                // (SQLite) stays locked until commit, and a concurrent decision from the
                // same stage finds the stage moved on.
                let parked_from = (d.to == IdeaStage::Parked).then_some(d.from.as_str());
                let done = sqlx::query(
                    "UPDATE ideas SET stage = $1, parked_from = $2, \
                     measure_id = COALESCE($3, measure_id), updated_at = $4 \
                     WHERE id = $5 AND stage = $6",
                )
                .bind(d.to.as_str())
                .bind(parked_from)
                .bind(measure_id)
                .bind(now_micros())
                .bind(d.idea_id)
                .bind(d.from.as_str())
                .execute(&mut *conn)
                .await
                .map_err(db_err)?;
                if done.rows_affected() == 0 {
                    let stage: Option<String> =
                        sqlx::query_scalar("SELECT stage FROM ideas WHERE id = $1")
                            .bind(d.idea_id)
                            .fetch_optional(&mut *conn)
                            .await
                            .map_err(db_err)?;
                    return Err(match stage {
                        None => StoreError::NotFound(format!("idea {}", d.idea_id)),
                        Some(stage) => StoreError::Conflict(format!(
                            "the idea is no longer in stage {} but in {stage}: someone else \
                             decided on it; reload and decide again",
                            d.from
                        )),
                    });
                }
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO idea_decisions (idea_id, from_stage, to_stage, decided_on, note, \
                     decided_by, at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                )
                .bind(d.idea_id)
                .bind(d.from.as_str())
                .bind(d.to.as_str())
                .bind(d.decided_on)
                .bind(&d.note)
                .bind(d.decided_by)
                .bind(micros(d.at))
                .fetch_one(&mut *conn)
                .await
                .map_err(db_err)?;
                let row = sqlx::query(&format!("{DECISION_SELECT} WHERE d.id = $1"))
                    .bind(id)
                    .fetch_one(&mut *conn)
                    .await
                    .map_err(db_err)?;
                let stored = decision(&row)?;
                let idea = idea_in(conn, d.idea_id)
                    .await?
                    .ok_or_else(|| StoreError::NotFound(format!("idea {}", d.idea_id)))?;
                Ok((idea, stored))
            }

            // ----- events and registrations ---------------------------------------------

            const EVENT_SELECT: &str =
                "SELECT ev.id, ev.org_id, ev.network_id, ev.working_group_id, ev.kind, ev.title, \
                 ev.description, ev.venue, ev.address, ev.online_url, ev.starts_at, ev.ends_at, \
                 ev.capacity, ev.slot_minutes, ev.registration_open, ev.visibility, ev.agenda, \
                 ev.minutes, ev.demo, ev.version, ev.created_at, ev.updated_at, ev.cancelled_at, \
                 ev.series_id, e.name AS org_name, \
                 (SELECT count(*) FROM event_registrations r \
                  WHERE r.event_id = ev.id AND r.status = 'registered') AS registered, \
                 (SELECT count(*) FROM event_registrations r \
                  WHERE r.event_id = ev.id AND r.status = 'waiting') AS waiting \
                 FROM events ev JOIN employers e ON e.id = ev.org_id";

            fn event(r: &$row) -> StoreResult<Event> {
                Ok(Event {
                    id: decode(r.try_get("id"))?,
                    data: NewEvent {
                        org_id: decode(r.try_get("org_id"))?,
                        network_id: decode(r.try_get("network_id"))?,
                        working_group_id: decode(r.try_get("working_group_id"))?,
                        kind: wire(r, "kind", EventKind::parse)?,
                        title: decode(r.try_get("title"))?,
                        description: decode(r.try_get("description"))?,
                        venue: decode(r.try_get("venue"))?,
                        address: decode(r.try_get("address"))?,
                        online_url: decode(r.try_get("online_url"))?,
                        starts_at: decode(r.try_get("starts_at"))?,
                        ends_at: decode(r.try_get("ends_at"))?,
                        capacity: decode(r.try_get("capacity"))?,
                        slot_minutes: decode(r.try_get("slot_minutes"))?,
                        registration_open: decode(r.try_get("registration_open"))?,
                        visibility: wire(r, "visibility", Visibility::parse)?,
                        agenda: decode(r.try_get("agenda"))?,
                        minutes: decode(r.try_get("minutes"))?,
                        demo: decode(r.try_get("demo"))?,
                    },
                    org_name: decode(r.try_get("org_name"))?,
                    registered: decode(r.try_get("registered"))?,
                    waiting: decode(r.try_get("waiting"))?,
                    version: decode(r.try_get("version"))?,
                    created_at: decode(r.try_get("created_at"))?,
                    updated_at: decode(r.try_get("updated_at"))?,
                    cancelled_at: decode(r.try_get("cancelled_at"))?,
                    series_id: decode(r.try_get("series_id"))?,
                })
            }

            async fn event_in(conn: &mut Conn, id: i64) -> StoreResult<Option<Event>> {
                let row = sqlx::query(&format!("{EVENT_SELECT} WHERE ev.id = $1"))
                    .bind(id)
                    .fetch_optional(&mut *conn)
                    .await
                    .map_err(db_err)?;
                row.as_ref().map(event).transpose()
            }

            /// Inserts an event (version 1): its content as [`bind_event`] binds it, and
            /// `$19`, the creation time.
            const EVENT_INSERT: &str =
                "INSERT INTO events (org_id, network_id, working_group_id, kind, title, \
                 description, venue, address, online_url, starts_at, ends_at, capacity, \
                 registration_open, visibility, agenda, minutes, demo, slot_minutes, \
                 version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, \
                 $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, 1, $19, $19) \
                 RETURNING id";

            /// Creates a series (see `Cooperation::create_event_series`) in `conn`'s
            /// transaction; an error leaves the transaction to be rolled back.
            async fn create_series_in(
                conn: &mut Conn,
                first: &NewEvent,
                occurrences: &[(DateTime<Utc>, DateTime<Utc>)],
            ) -> StoreResult<Vec<Event>> {
                if occurrences.is_empty() {
                    return Err(StoreError::Invalid(
                        "occurrences: a series has at least one date".into(),
                    ));
                }
                let now = now_micros();
                let mut ids = Vec::with_capacity(occurrences.len());
                for (i, (starts_at, ends_at)) in occurrences.iter().enumerate() {
                    // Each date is checked as an event of its own (this also sets the
                    // capacity of an event with slots to its own number of slots).
                    let e = NewEvent {
                        starts_at: *starts_at,
                        ends_at: *ends_at,
                        ..first.clone()
                    }
                    .validate()
                    .map_err(|err| {
                        StoreError::Invalid(format!(
                            "{}: {} (date {} of the series)",
                            err.field,
                            err.message,
                            i + 1
                        ))
                    })?;
                    let id: i64 = bind_event(sqlx::query(EVENT_INSERT), &e)
                        .bind(now)
                        .fetch_one(&mut *conn)
                        .await
                        .map_err(db_err)?
                        .try_get(0)
                        .map_err(db_err)?;
                    ids.push(id);
                }
                let list = id_list(&ids).unwrap_or_default();
                sqlx::query(&format!("UPDATE events SET series_id = $1 WHERE id IN ({list})"))
                    .bind(ids[0])
                    .execute(&mut *conn)
                    .await
                    .map_err(db_err)?;
                let mut events = Vec::with_capacity(ids.len());
                for id in ids {
                    events.push(
                        event_in(conn, id)
                            .await?
                            .ok_or_else(|| StoreError::NotFound(format!("event {id}")))?,
                    );
                }
                Ok(events)
            }

            /// The content columns of an event, as `$1`…`$18` in this order (the
            /// statements below name them).
            fn bind_event<'q>(q: Query<'q>, e: &'q NewEvent) -> Query<'q> {
                q.bind(e.org_id)
                    .bind(e.network_id)
                    .bind(e.working_group_id)
                    .bind(e.kind.as_str())
                    .bind(e.title.as_str())
                    .bind(e.description.as_str())
                    .bind(e.venue.as_str())
                    .bind(e.address.as_str())
                    .bind(e.online_url.as_deref())
                    .bind(micros(e.starts_at))
                    .bind(micros(e.ends_at))
                    .bind(e.capacity)
                    .bind(e.registration_open)
                    .bind(e.visibility.as_str())
                    .bind(e.agenda.as_str())
                    .bind(e.minutes.as_str())
                    .bind(e.demo)
                    .bind(e.slot_minutes)
            }

            const REGISTRATION_COLUMNS: &str =
                "id, event_id, name, email, organisation, user_id, status, slot_start, attended, \
                 created_at, updated_at";

            fn registration(r: &$row) -> StoreResult<Registration> {
                Ok(Registration {
                    id: decode(r.try_get("id"))?,
                    event_id: decode(r.try_get("event_id"))?,
                    name: decode(r.try_get("name"))?,
                    email: decode(r.try_get("email"))?,
                    organisation: decode(r.try_get("organisation"))?,
                    user_id: decode(r.try_get("user_id"))?,
                    status: wire(r, "status", RegistrationStatus::parse)?,
                    slot: decode(r.try_get("slot_start"))?,
                    attended: decode(r.try_get("attended"))?,
                    created_at: decode(r.try_get("created_at"))?,
                    updated_at: decode(r.try_get("updated_at"))?,
                })
            }

            /// Takes the write lock on event `id` (see the macro's documentation);
            /// `false` when there is no such event.
            async fn lock_event(conn: &mut Conn, id: i64) -> StoreResult<bool> {
                let done = sqlx::query("UPDATE events SET version = version WHERE id = $1")
                    .bind(id)
                    .execute(&mut *conn)
                    .await
                    .map_err(db_err)?;
                Ok(done.rows_affected() > 0)
            }

            async fn count_status(conn: &mut Conn, event_id: i64, status: RegistrationStatus) -> StoreResult<i64> {
                sqlx::query_scalar(
                    "SELECT count(*) FROM event_registrations WHERE event_id = $1 AND status = $2",
                )
                .bind(event_id)
                .bind(status.as_str())
                .fetch_one(&mut *conn)
                .await
                .map_err(db_err)
            }

            /// The slots of the event's live (registered or waiting) registrations, `None`
            /// for those without one. Compared here rather than in SQL, so that the
            /// comparison does not depend on how a backend stores instants.
            async fn live_slots(conn: &mut Conn, event_id: i64) -> StoreResult<Vec<Option<DateTime<Utc>>>> {
                sqlx::query_scalar(
                    "SELECT slot_start FROM event_registrations \
                     WHERE event_id = $1 AND status <> 'cancelled'",
                )
                .bind(event_id)
                .fetch_all(&mut *conn)
                .await
                .map_err(db_err)
            }

            /// Moves people up from the waiting list, in order, while places are free
            /// (at most `at_most`). The event must be locked.
            async fn promote(
                conn: &mut Conn,
                event_id: i64,
                at_most: i64,
            ) -> StoreResult<Vec<Registration>> {
                let capacity: Option<i64> =
                    sqlx::query_scalar("SELECT capacity FROM events WHERE id = $1")
                        .bind(event_id)
                        .fetch_one(&mut *conn)
                        .await
                        .map_err(db_err)?;
                let free = match capacity {
                    None => at_most,
                    Some(c) => {
                        let registered =
                            count_status(conn, event_id, RegistrationStatus::Registered).await?;
                        (c - registered).clamp(0, at_most)
                    }
                };
                if free == 0 {
                    return Ok(Vec::new());
                }
                let ids: Vec<i64> = sqlx::query_scalar(
                    "SELECT id FROM event_registrations WHERE event_id = $1 AND status = 'waiting' \
                     ORDER BY id LIMIT $2",
                )
                .bind(event_id)
                .bind(free)
                .fetch_all(&mut *conn)
                .await
                .map_err(db_err)?;
                let now = now_micros();
                let mut promoted = Vec::with_capacity(ids.len());
                for id in ids {
                    let row = sqlx::query(&format!(
                        "UPDATE event_registrations SET status = 'registered', updated_at = $1 \
                         WHERE id = $2 RETURNING {REGISTRATION_COLUMNS}"
                    ))
                    .bind(now)
                    .bind(id)
                    .fetch_one(&mut *conn)
                    .await
                    .map_err(db_err)?;
                    promoted.push(registration(&row)?);
                }
                Ok(promoted)
            }

            async fn update_event_in(
                conn: &mut Conn,
                id: i64,
                version: i64,
                e: &NewEvent,
            ) -> StoreResult<(Event, Vec<Registration>)> {
                // The first statement writes, and so locks the event (see lock_event).
                let done = bind_event(
                    sqlx::query(
                        "UPDATE events SET org_id = $1, network_id = $2, working_group_id = $3, \
                         kind = $4, title = $5, description = $6, venue = $7, address = $8, \
                         online_url = $9, starts_at = $10, ends_at = $11, capacity = $12, \
                         registration_open = $13, visibility = $14, agenda = $15, minutes = $16, \
                         demo = $17, slot_minutes = $18, version = version + 1, updated_at = $19 \
                         WHERE id = $20 AND version = $21",
                    ),
                    e,
                )
                .bind(now_micros())
                .bind(id)
                .bind(version)
                .execute(&mut *conn)
                .await
                .map_err(db_err)?;
                if done.rows_affected() == 0 {
                    return Err(stale(conn, "events", "event", id).await);
                }
                // Booked slots must stay slots (checked under the lock just taken, against
                // the event as now stored; an error rolls the update back).
                let slots = event_in(conn, id)
                    .await?
                    .ok_or_else(|| StoreError::NotFound(format!("event {id}")))?
                    .slots();
                let live = live_slots(conn, id).await?;
                if e.has_slots() && live.iter().any(Option::is_none) {
                    return Err(StoreError::Conflict(
                        format!("{} the event has registrations without a slot", bleibe_store::cooperation::SLOTS_BOOKED),
                    ));
                }
                if live.iter().flatten().any(|s| !slots.contains(s)) {
                    return Err(StoreError::Conflict(
                        format!("{} a booked slot would no longer be a slot", bleibe_store::cooperation::SLOTS_BOOKED),
                    ));
                }
                // With slots there is no waiting list.
                let promoted = if e.has_slots() {
                    Vec::new()
                } else {
                    promote(conn, id, i64::MAX).await?
                };
                let event = event_in(conn, id)
                    .await?
                    .ok_or_else(|| StoreError::NotFound(format!("event {id}")))?;
                Ok((event, promoted))
            }

            async fn register_in(
                conn: &mut Conn,
                event_id: i64,
                who: &NewRegistration,
            ) -> StoreResult<Registration> {
                if !lock_event(conn, event_id).await? {
                    return Err(StoreError::NotFound(format!("event {event_id}")));
                }
                let event = event_in(conn, event_id)
                    .await?
                    .ok_or_else(|| StoreError::NotFound(format!("event {event_id}")))?;
                let capacity = event.data.capacity;
                if event.is_cancelled() {
                    return Err(StoreError::Conflict(bleibe_store::cooperation::EVENT_CANCELLED.into()));
                }
                if !event.data.registration_open {
                    return Err(StoreError::Conflict(
                        "registration for this event is closed".into(),
                    ));
                }
                let slot = match (event.data.has_slots(), who.slot) {
                    (false, None) => None,
                    (false, Some(_)) => {
                        return Err(StoreError::Invalid(
                            "slot: this event has no slots".into(),
                        ))
                    }
                    (true, None) => {
                        return Err(StoreError::Invalid(
                            "slot: choose one of the event's slots".into(),
                        ))
                    }
                    (true, Some(s)) => {
                        let s = micros(s);
                        if !event.slots().contains(&s) {
                            return Err(StoreError::Invalid(format!(
                                "slot: {} is not one of the event's slots",
                                s.to_rfc3339()
                            )));
                        }
                        Some(s)
                    }
                };
                let taken: i64 = sqlx::query_scalar(
                    "SELECT count(*) FROM event_registrations \
                     WHERE event_id = $1 AND email = $2 AND status <> 'cancelled'",
                )
                .bind(event_id)
                .bind(&who.email)
                .fetch_one(&mut *conn)
                .await
                .map_err(db_err)?;
                if taken > 0 {
                    return Err(StoreError::Conflict(format!(
                        "{} is already registered for this event",
                        who.email
                    )));
                }
                if let Some(s) = slot {
                    if live_slots(conn, event_id).await?.contains(&Some(s)) {
                        return Err(StoreError::Conflict(bleibe_store::cooperation::SLOT_TAKEN.into()));
                    }
                }
                // A slot is a place of its own: no waiting list.
                let full = match capacity {
                    _ if slot.is_some() => false,
                    Some(c) => count_status(conn, event_id, RegistrationStatus::Registered).await? >= c,
                    None => false,
                };
                let status = if full {
                    RegistrationStatus::Waiting
                } else {
                    RegistrationStatus::Registered
                };
                let now = now_micros();
                let row = sqlx::query(&format!(
                    "INSERT INTO event_registrations (event_id, name, email, organisation, user_id, \
                     status, attended, cancel_hash, created_at, updated_at, slot_start) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10) RETURNING {REGISTRATION_COLUMNS}"
                ))
                .bind(event_id)
                .bind(&who.name)
                .bind(&who.email)
                .bind(&who.organisation)
                .bind(who.user_id)
                .bind(status.as_str())
                .bind(false)
                .bind(&who.cancel_hash)
                .bind(now)
                .bind(slot)
                .fetch_one(&mut *conn)
                .await
                .map_err(db_err)?;
                registration(&row)
            }

            async fn cancel_event_in(
                conn: &mut Conn,
                id: i64,
                at: DateTime<Utc>,
            ) -> StoreResult<Vec<Registration>> {
                // The first statement writes, and so locks the event (see lock_event):
                // registrations waiting for the lock see the event cancelled.
                let done = sqlx::query(
                    "UPDATE events SET cancelled_at = $1, registration_open = $2, \
                     version = version + 1, updated_at = $3 \
                     WHERE id = $4 AND cancelled_at IS NULL",
                )
                .bind(micros(at))
                .bind(false)
                .bind(now_micros())
                .bind(id)
                .execute(&mut *conn)
                .await
                .map_err(db_err)?;
                if done.rows_affected() == 0 {
                    return Err(if event_in(conn, id).await?.is_some() {
                        StoreError::Conflict(format!("event {id} is cancelled already"))
                    } else {
                        StoreError::NotFound(format!("event {id}"))
                    });
                }
                let rows = sqlx::query(&format!(
                    "SELECT {REGISTRATION_COLUMNS} FROM event_registrations \
                     WHERE event_id = $1 AND status <> 'cancelled' \
                     ORDER BY CASE status WHEN 'registered' THEN 0 ELSE 1 END, id"
                ))
                .bind(id)
                .fetch_all(&mut *conn)
                .await
                .map_err(db_err)?;
                rows.iter().map(registration).collect()
            }

            async fn cancel_in(conn: &mut Conn, cancel_hash: &str) -> StoreResult<Option<Cancellation>> {
                // Lock the registration's event first (the first statement writes).
                let locked = sqlx::query(
                    "UPDATE events SET version = version WHERE id = \
                     (SELECT event_id FROM event_registrations WHERE cancel_hash = $1)",
                )
                .bind(cancel_hash)
                .execute(&mut *conn)
                .await
                .map_err(db_err)?;
                if locked.rows_affected() == 0 {
                    return Ok(None);
                }
                let row = sqlx::query(&format!(
                    "SELECT {REGISTRATION_COLUMNS} FROM event_registrations WHERE cancel_hash = $1"
                ))
                .bind(cancel_hash)
                .fetch_one(&mut *conn)
                .await
                .map_err(db_err)?;
                let before = registration(&row)?;
                if before.status == RegistrationStatus::Cancelled {
                    return Ok(None);
                }
                let row = sqlx::query(&format!(
                    "UPDATE event_registrations SET status = 'cancelled', updated_at = $1 \
                     WHERE id = $2 RETURNING {REGISTRATION_COLUMNS}"
                ))
                .bind(now_micros())
                .bind(before.id)
                .fetch_one(&mut *conn)
                .await
                .map_err(db_err)?;
                let cancelled = registration(&row)?;
                // A booked slot is simply free again: events with slots have no waiting
                // list.
                let promoted = if before.status == RegistrationStatus::Registered
                    && before.slot.is_none()
                {
                    // Unlimited events have nobody waiting; promote() then finds nobody.
                    promote(conn, before.event_id, 1).await?.pop()
                } else {
                    None
                };
                Ok(Some(Cancellation {
                    cancelled,
                    promoted,
                }))
            }

            #[async_trait::async_trait]
            impl bleibe_store::Cooperation for $store {
                async fn user_networks(&self, user_id: i64) -> StoreResult<Vec<i64>> {
                    sqlx::query_scalar(
                        "SELECT DISTINCT nw.network_id FROM network_orgs nw \
                         JOIN memberships ms ON ms.org_id = nw.org_id \
                         WHERE ms.user_id = $1 ORDER BY nw.network_id",
                    )
                    .bind(user_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)
                }

                async fn org_networks(&self, org_id: i64) -> StoreResult<Vec<i64>> {
                    sqlx::query_scalar(
                        "SELECT network_id FROM network_orgs WHERE org_id = $1 ORDER BY network_id",
                    )
                    .bind(org_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)
                }

                async fn led_groups(&self, user_id: i64) -> StoreResult<Vec<i64>> {
                    sqlx::query_scalar(
                        "SELECT id FROM working_groups WHERE lead_user_id = $1 ORDER BY id",
                    )
                    .bind(user_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)
                }

                async fn add_contact(&self, c: &NewContact) -> StoreResult<Contact> {
                    let id: i64 = sqlx::query_scalar(
                        "INSERT INTO network_contacts (network_id, org_id, user_id, name, function, \
                         email, phone, consent_at, demo, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                    )
                    .bind(c.network_id)
                    .bind(c.org_id)
                    .bind(c.user_id)
                    .bind(&c.name)
                    .bind(&c.function)
                    .bind(&c.email)
                    .bind(&c.phone)
                    .bind(micros(c.consent_at))
                    .bind(c.demo)
                    .bind(now_micros())
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_err)?;
                    let row = sqlx::query(&format!("{CONTACT_SELECT} WHERE c.id = $1"))
                        .bind(id)
                        .fetch_one(&self.pool)
                        .await
                        .map_err(db_err)?;
                    contact(&row)
                }

                async fn contacts(&self, network_id: i64) -> StoreResult<Vec<Contact>> {
                    let rows = sqlx::query(&format!(
                        "{CONTACT_SELECT} WHERE c.network_id = $1 ORDER BY e.name, c.org_id, c.name, c.id"
                    ))
                    .bind(network_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                    rows.iter().map(contact).collect()
                }

                async fn remove_contact(&self, network_id: i64, id: i64) -> StoreResult<()> {
                    let done = sqlx::query(
                        "DELETE FROM network_contacts WHERE id = $1 AND network_id = $2",
                    )
                    .bind(id)
                    .bind(network_id)
                    .execute(&self.pool)
                    .await
                    .map_err(db_err)?;
                    found(done.rows_affected(), "contact")
                }

                async fn create_measure(&self, m: &NewMeasure) -> StoreResult<Measure> {
                    let mut tx = self.pool.begin().await.map_err(db_err)?;
                    let result = create_measure_in(&mut tx, m).await;
                    finish(tx, result).await
                }

                async fn measure(&self, id: i64) -> StoreResult<Option<Measure>> {
                    let mut conn = self.pool.acquire().await.map_err(db_err)?;
                    measure_in(&mut conn, id).await
                }

                async fn update_measure(
                    &self,
                    id: i64,
                    version: i64,
                    m: &NewMeasure,
                ) -> StoreResult<Measure> {
                    let mut tx = self.pool.begin().await.map_err(db_err)?;
                    let result = update_measure_in(&mut tx, id, version, m).await;
                    finish(tx, result).await
                }

                async fn delete_measure(&self, id: i64) -> StoreResult<()> {
                    let done = sqlx::query("DELETE FROM measures WHERE id = $1")
                        .bind(id)
                        .execute(&self.pool)
                        .await
                        .map_err(db_err)?;
                    found(done.rows_affected(), "measure")
                }

                async fn measures(&self, f: &MeasureFilter) -> StoreResult<(Vec<Measure>, i64)> {
                    let mut conn = self.pool.acquire().await.map_err(db_err)?;
                    let (rows, total) = page(
                        &mut conn,
                        "measures m",
                        MEASURE_SELECT,
                        "m.updated_at DESC, m.id DESC",
                        &Conditions::measures(f),
                        f.limit,
                        f.offset,
                    )
                    .await?;
                    Ok((measures_of(&mut conn, &rows).await?, total))
                }

                async fn measure_networks(&self, id: i64) -> StoreResult<Vec<i64>> {
                    sqlx::query_scalar(
                        "SELECT mn.network_id FROM measure_networks mn \
                         JOIN measures m ON m.id = mn.measure_id \
                         WHERE m.id = $1 AND NOT m.all_networks \
                         UNION \
                         SELECT nw.network_id FROM network_orgs nw \
                         JOIN measures m ON m.org_id = nw.org_id \
                         WHERE m.id = $1 AND m.all_networks \
                         ORDER BY 1",
                    )
                    .bind(id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)
                }

                async fn create_group(&self, g: &NewWorkingGroup) -> StoreResult<WorkingGroup> {
                    let id: i64 = sqlx::query_scalar(
                        "INSERT INTO working_groups (network_id, name, description, lead_user_id, \
                         demo, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                    )
                    .bind(g.network_id)
                    .bind(&g.name)
                    .bind(&g.description)
                    .bind(g.lead_user_id)
                    .bind(g.demo)
                    .bind(now_micros())
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_err)?;
                    self.group(id)
                        .await?
                        .ok_or_else(|| StoreError::NotFound(format!("working group {id}")))
                }

                async fn update_group(&self, id: i64, g: &NewWorkingGroup) -> StoreResult<WorkingGroup> {
                    let done = sqlx::query(
                        "UPDATE working_groups SET network_id = $1, name = $2, description = $3, \
                         lead_user_id = $4, demo = $5 WHERE id = $6",
                    )
                    .bind(g.network_id)
                    .bind(&g.name)
                    .bind(&g.description)
                    .bind(g.lead_user_id)
                    .bind(g.demo)
                    .bind(id)
                    .execute(&self.pool)
                    .await
                    .map_err(db_err)?;
                    found(done.rows_affected(), "working group")?;
                    self.group(id)
                        .await?
                        .ok_or_else(|| StoreError::NotFound(format!("working group {id}")))
                }

                async fn group(&self, id: i64) -> StoreResult<Option<WorkingGroup>> {
                    let row = sqlx::query(&format!("{GROUP_SELECT} WHERE g.id = $1"))
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db_err)?;
                    row.as_ref().map(group).transpose()
                }

                async fn groups(&self, network_id: i64) -> StoreResult<Vec<WorkingGroup>> {
                    let rows = sqlx::query(&format!(
                        "{GROUP_SELECT} WHERE g.network_id = $1 ORDER BY g.name, g.id"
                    ))
                    .bind(network_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                    rows.iter().map(group).collect()
                }

                async fn add_group_member(&self, group_id: i64, user_id: i64) -> StoreResult<()> {
                    sqlx::query(
                        "INSERT INTO working_group_members (group_id, user_id, created_at) \
                         VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                    )
                    .bind(group_id)
                    .bind(user_id)
                    .bind(now_micros())
                    .execute(&self.pool)
                    .await
                    .map_err(db_err)?;
                    Ok(())
                }

                async fn remove_group_member(&self, group_id: i64, user_id: i64) -> StoreResult<()> {
                    let done = sqlx::query(
                        "DELETE FROM working_group_members WHERE group_id = $1 AND user_id = $2",
                    )
                    .bind(group_id)
                    .bind(user_id)
                    .execute(&self.pool)
                    .await
                    .map_err(db_err)?;
                    found(done.rows_affected(), "working group member")
                }

                async fn group_members(&self, group_id: i64) -> StoreResult<Vec<(i64, String)>> {
                    sqlx::query_as(
                        "SELECT u.id, u.display_name FROM working_group_members gm \
                         JOIN users u ON u.id = gm.user_id WHERE gm.group_id = $1 \
                         ORDER BY u.display_name, u.id",
                    )
                    .bind(group_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)
                }

                async fn create_task(&self, t: &NewTask) -> StoreResult<Task> {
                    let id: i64 = sqlx::query_scalar(
                        "INSERT INTO group_tasks (group_id, title, owner_user_id, due, created_at) \
                         VALUES ($1, $2, $3, $4, $5) RETURNING id",
                    )
                    .bind(t.group_id)
                    .bind(&t.title)
                    .bind(t.owner_user_id)
                    .bind(t.due)
                    .bind(now_micros())
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_err)?;
                    let row = sqlx::query(&format!("{TASK_SELECT} WHERE t.id = $1"))
                        .bind(id)
                        .fetch_one(&self.pool)
                        .await
                        .map_err(db_err)?;
                    task(&row)
                }

                async fn set_task_done(
                    &self,
                    group_id: i64,
                    task_id: i64,
                    done_at: Option<DateTime<Utc>>,
                ) -> StoreResult<Task> {
                    let done = sqlx::query(
                        "UPDATE group_tasks SET done_at = $1 WHERE id = $2 AND group_id = $3",
                    )
                    .bind(done_at.map(micros))
                    .bind(task_id)
                    .bind(group_id)
                    .execute(&self.pool)
                    .await
                    .map_err(db_err)?;
                    found(done.rows_affected(), "task")?;
                    let row = sqlx::query(&format!("{TASK_SELECT} WHERE t.id = $1"))
                        .bind(task_id)
                        .fetch_one(&self.pool)
                        .await
                        .map_err(db_err)?;
                    task(&row)
                }

                async fn tasks(&self, group_id: i64) -> StoreResult<Vec<Task>> {
                    let rows = sqlx::query(&format!(
                        "{TASK_SELECT} WHERE t.group_id = $1 ORDER BY \
                         CASE WHEN t.done_at IS NULL THEN 0 ELSE 1 END, \
                         CASE WHEN t.due IS NULL THEN 1 ELSE 0 END, t.due, t.id"
                    ))
                    .bind(group_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                    rows.iter().map(task).collect()
                }

                async fn create_idea(&self, i: &NewIdea) -> StoreResult<Idea> {
                    let mut tx = self.pool.begin().await.map_err(db_err)?;
                    let result = create_idea_in(&mut tx, i).await;
                    finish(tx, result).await
                }

                async fn idea(&self, id: i64) -> StoreResult<Option<Idea>> {
                    let mut conn = self.pool.acquire().await.map_err(db_err)?;
                    idea_in(&mut conn, id).await
                }

                async fn ideas(&self, network_id: i64, group: Option<i64>) -> StoreResult<Vec<Idea>> {
                    let mut c = Conditions::default();
                    let p = c.param(Arg::Int(network_id));
                    c.and(format!("i.network_id = {p}"));
                    if let Some(g) = group {
                        let p = c.param(Arg::Int(g));
                        c.and(format!("i.working_group_id = {p}"));
                    }
                    let sql = format!(
                        "{IDEA_SELECT}{} ORDER BY i.updated_at DESC, i.id DESC",
                        c.clause()
                    );
                    let mut conn = self.pool.acquire().await.map_err(db_err)?;
                    let rows = bind_all(sqlx::query(&sql), &c.args)
                        .fetch_all(&mut *conn)
                        .await
                        .map_err(db_err)?;
                    ideas_of(&mut conn, &rows).await
                }

                async fn decide_idea(
                    &self,
                    d: &Decision,
                    measure_id: Option<i64>,
                ) -> StoreResult<(Idea, Decision)> {
                    let mut tx = self.pool.begin().await.map_err(db_err)?;
                    let result = decide_in(&mut tx, d, measure_id).await;
                    finish(tx, result).await
                }

                async fn decisions(&self, idea_id: i64) -> StoreResult<Vec<Decision>> {
                    let rows = sqlx::query(&format!(
                        "{DECISION_SELECT} WHERE d.idea_id = $1 ORDER BY d.id"
                    ))
                    .bind(idea_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                    rows.iter().map(decision).collect()
                }

                async fn add_comment(&self, idea_id: i64, user_id: i64, body: &str) -> StoreResult<Comment> {
                    let at = now_micros();
                    let id: i64 = sqlx::query_scalar(
                        "INSERT INTO idea_comments (idea_id, user_id, body, at) \
                         VALUES ($1, $2, $3, $4) RETURNING id",
                    )
                    .bind(idea_id)
                    .bind(user_id)
                    .bind(body)
                    .bind(at)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_err)?;
                    Ok(self
                        .comments(idea_id)
                        .await?
                        .into_iter()
                        .find(|c| c.id == id)
                        .ok_or_else(|| StoreError::NotFound(format!("comment {id}")))?)
                }

                async fn comments(&self, idea_id: i64) -> StoreResult<Vec<Comment>> {
                    let rows = sqlx::query(
                        "SELECT c.id, c.idea_id, c.user_id, u.display_name AS user_name, c.body, c.at \
                         FROM idea_comments c JOIN users u ON u.id = c.user_id \
                         WHERE c.idea_id = $1 ORDER BY c.id",
                    )
                    .bind(idea_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                    rows.iter()
                        .map(|r| {
                            Ok(Comment {
                                id: decode(r.try_get("id"))?,
                                idea_id: decode(r.try_get("idea_id"))?,
                                user_id: decode(r.try_get("user_id"))?,
                                user_name: decode(r.try_get("user_name"))?,
                                body: decode(r.try_get("body"))?,
                                at: decode(r.try_get("at"))?,
                            })
                        })
                        .collect()
                }

                async fn create_event(&self, e: &NewEvent) -> StoreResult<Event> {
                    let now = now_micros();
                    let id: i64 = bind_event(sqlx::query(EVENT_INSERT), e)
                    .bind(now)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_err)?
                    .try_get(0)
                    .map_err(db_err)?;
                    self.event(id)
                        .await?
                        .ok_or_else(|| StoreError::NotFound(format!("event {id}")))
                }

                async fn create_event_series(
                    &self,
                    first: &NewEvent,
                    occurrences: &[(DateTime<Utc>, DateTime<Utc>)],
                ) -> StoreResult<Vec<Event>> {
                    let mut tx = self.pool.begin().await.map_err(db_err)?;
                    let result = create_series_in(&mut tx, first, occurrences).await;
                    finish(tx, result).await
                }

                async fn event(&self, id: i64) -> StoreResult<Option<Event>> {
                    let mut conn = self.pool.acquire().await.map_err(db_err)?;
                    event_in(&mut conn, id).await
                }

                async fn update_event(
                    &self,
                    id: i64,
                    version: i64,
                    e: &NewEvent,
                ) -> StoreResult<(Event, Vec<Registration>)> {
                    let mut tx = self.pool.begin().await.map_err(db_err)?;
                    let result = update_event_in(&mut tx, id, version, e).await;
                    finish(tx, result).await
                }

                async fn events(&self, f: &EventFilter) -> StoreResult<(Vec<Event>, i64)> {
                    let mut conn = self.pool.acquire().await.map_err(db_err)?;
                    let (rows, total) = page(
                        &mut conn,
                        "events ev",
                        EVENT_SELECT,
                        "ev.starts_at, ev.id",
                        &Conditions::events(f),
                        f.limit,
                        f.offset,
                    )
                    .await?;
                    Ok((rows.iter().map(event).collect::<StoreResult<_>>()?, total))
                }

                async fn register(&self, event_id: i64, who: &NewRegistration) -> StoreResult<Registration> {
                    let mut tx = self.pool.begin().await.map_err(db_err)?;
                    let result = register_in(&mut tx, event_id, who).await;
                    finish(tx, result).await
                }

                async fn cancel_event(&self, id: i64, at: DateTime<Utc>) -> StoreResult<Vec<Registration>> {
                    let mut tx = self.pool.begin().await.map_err(db_err)?;
                    let result = cancel_event_in(&mut tx, id, at).await;
                    finish(tx, result).await
                }

                async fn cancel_registration(&self, cancel_hash: &str) -> StoreResult<Option<Cancellation>> {
                    let mut tx = self.pool.begin().await.map_err(db_err)?;
                    let result = cancel_in(&mut tx, cancel_hash).await;
                    finish(tx, result).await
                }

                async fn registration_by_hash(&self, cancel_hash: &str) -> StoreResult<Option<Registration>> {
                    let row = sqlx::query(&format!(
                        "SELECT {REGISTRATION_COLUMNS} FROM event_registrations WHERE cancel_hash = $1"
                    ))
                    .bind(cancel_hash)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db_err)?;
                    row.as_ref().map(registration).transpose()
                }

                async fn registrations(&self, event_id: i64) -> StoreResult<Vec<Registration>> {
                    let rows = sqlx::query(&format!(
                        "SELECT {REGISTRATION_COLUMNS} FROM event_registrations WHERE event_id = $1 \
                         ORDER BY CASE status WHEN 'registered' THEN 0 WHEN 'waiting' THEN 1 ELSE 2 END, id"
                    ))
                    .bind(event_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                    rows.iter().map(registration).collect()
                }

                async fn set_attended(
                    &self,
                    event_id: i64,
                    registration_id: i64,
                    attended: bool,
                ) -> StoreResult<()> {
                    let done = sqlx::query(
                        "UPDATE event_registrations SET attended = $1 WHERE id = $2 AND event_id = $3",
                    )
                    .bind(attended)
                    .bind(registration_id)
                    .bind(event_id)
                    .execute(&self.pool)
                    .await
                    .map_err(db_err)?;
                    found(done.rows_affected(), "registration")
                }
            }
        }
    };
}
