//! bleibe store: the one interface every database backend implements, its errors, and
//! the conformance suite each backend runs (see [`conformance`]).
//!
//! The database is the source of truth. Every write appends to a change log in the same
//! transaction; derived state (search index, caches) follows that log with
//! [`Store::changes_since`], so writes by `seed`, by imports and by other instances are
//! picked up the same way as writes by this process.

pub mod accounts;
pub mod cases;
mod cases_sql;
pub mod conformance;
pub mod cooperation;
pub mod living;
pub mod profiles;
mod sql_helpers;
pub mod transfer;

pub use accounts::Accounts;
pub use cases::Cases;
pub use cooperation::Cooperation;
pub use living::Living;
pub use profiles::PlaceProfiles;
pub use transfer::{ColumnKind, Table};

use async_trait::async_trait;
use bleibe_domain::{Employer, Job, NewEmployer, NewJob, Place};
use chrono::{DateTime, Utc};

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The referenced record does not exist (e.g. a job's employer or place).
    #[error("not found: {0}")]
    NotFound(String),
    /// The write conflicts with existing data (e.g. a duplicate external id).
    #[error("conflict: {0}")]
    Conflict(String),
    /// The database could not be reached or failed.
    #[error("database error: {0}")]
    Database(String),
    /// The record is invalid (names the field).
    #[error("invalid: {0}")]
    Invalid(String),
    /// The database holds a schema newer than this binary knows.
    #[error("schema: {0}")]
    Schema(String),
}

impl StoreError {
    /// The database carries migration `version`, unknown to this binary: it was migrated
    /// by a newer bleibe. Starting anyway could corrupt data, so backends refuse.
    pub fn schema_newer(version: i64) -> Self {
        StoreError::Schema(format!(
            "the database has schema migration {version}, which this bleibe {} does not know: \
             it was upgraded by a newer version. Run that version, or restore a backup made \
             before the upgrade",
            env!("CARGO_PKG_VERSION")
        ))
    }
}

/// Result alias for store operations.
pub type StoreResult<T> = Result<T, StoreError>;

/// Which kind of record a change log entry is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    /// A job.
    Job,
    /// An employer.
    Employer,
    /// A place.
    Place,
}

impl Entity {
    /// Name as stored in the change log.
    pub fn as_str(self) -> &'static str {
        match self {
            Entity::Job => "job",
            Entity::Employer => "employer",
            Entity::Place => "place",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "job" => Some(Entity::Job),
            "employer" => Some(Entity::Employer),
            "place" => Some(Entity::Place),
            _ => None,
        }
    }
}

/// What happened to the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeOp {
    /// Created or changed.
    Upsert,
    /// Deleted.
    Delete,
}

impl ChangeOp {
    /// Name as stored in the change log.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeOp::Upsert => "upsert",
            ChangeOp::Delete => "delete",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "upsert" => Some(ChangeOp::Upsert),
            "delete" => Some(ChangeOp::Delete),
            _ => None,
        }
    }
}

/// One entry of the change log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Strictly increasing sequence number.
    pub seq: i64,
    /// Kind of record.
    pub entity: Entity,
    /// Its id.
    pub entity_id: i64,
    /// What happened.
    pub op: ChangeOp,
    /// When.
    pub at: DateTime<Utc>,
}

/// Row counts, for health and status output.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Places.
    pub places: i64,
    /// Employers.
    pub employers: i64,
    /// Jobs.
    pub jobs: i64,
}

/// Makes the demo jobs once the demo employers are stored and have ids.
pub type DemoJobs = Box<dyn FnOnce(&[Employer]) -> Vec<NewJob> + Send>;

/// Demo data for the first start: employers, and a function that makes the jobs once the
/// employers have ids.
pub struct DemoData {
    /// The demo employers.
    pub employers: Vec<NewEmployer>,
    /// Makes the demo jobs for the stored employers.
    pub jobs: DemoJobs,
}

/// What [`Store::load_initial`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadOutcome {
    /// The database already held places; nothing was loaded.
    AlreadyLoaded,
    /// Places (and demo data, if given) were loaded.
    Loaded {
        /// Places loaded.
        places: usize,
        /// Demo jobs loaded.
        demo_jobs: usize,
    },
}

/// The store: every backend implements this, and every backend passes the conformance
/// suite in [`conformance`].
#[async_trait]
pub trait Store:
    Accounts + Cases + Cooperation + Living + PlaceProfiles + Send + Sync + 'static
{
    /// Short backend name (`sqlite`, `postgres`).
    fn backend(&self) -> &'static str;

    /// Loads places, and demo data when given, into an empty database. Holds a lock
    /// across instances while it checks and loads, so two instances starting together
    /// load once; the second sees [`LoadOutcome::AlreadyLoaded`].
    async fn load_initial(
        &self,
        places: &[Place],
        demo: Option<DemoData>,
    ) -> StoreResult<LoadOutcome>;

    /// Row counts.
    async fn counts(&self) -> StoreResult<Counts>;

    /// One place by GeoNames id.
    async fn place(&self, id: i64) -> StoreResult<Option<Place>>;

    /// All places (about 12,000), for the in-memory gazetteer.
    async fn places(&self) -> StoreResult<Vec<Place>>;

    /// Creates employers (validated), returning them with their ids, in input order.
    async fn insert_employers(&self, employers: &[NewEmployer]) -> StoreResult<Vec<Employer>>;

    /// One employer.
    async fn employer(&self, id: i64) -> StoreResult<Option<Employer>>;

    /// All employers, by id.
    async fn employers(&self) -> StoreResult<Vec<Employer>>;

    /// Replaces an organisation's profile fields (name, place, description, website,
    /// kind). Appends an upsert of each of its jobs to the change log, so that search
    /// shows the new name. `NotFound` when it does not exist.
    async fn update_employer(&self, id: i64, employer: &NewEmployer) -> StoreResult<()>;

    /// An organisation's jobs in every status, newest first, at most `limit`.
    async fn jobs_of_employer(&self, employer_id: i64, limit: i64) -> StoreResult<Vec<Job>>;

    /// Creates jobs in one transaction, with one change log entry each; returns their ids
    /// in input order. Jobs must already be validated ([`NewJob::validate`]).
    async fn insert_jobs(&self, jobs: &[NewJob]) -> StoreResult<Vec<i64>>;

    /// Replaces a job's fields. `NotFound` when it does not exist.
    async fn update_job(&self, id: i64, job: &NewJob) -> StoreResult<()>;

    /// Deletes a job. `NotFound` when it does not exist.
    async fn delete_job(&self, id: i64) -> StoreResult<()>;

    /// One job.
    async fn job(&self, id: i64) -> StoreResult<Option<Job>>;

    /// Jobs by id, in the order of `ids`; unknown ids are skipped.
    async fn jobs_by_ids(&self, ids: &[i64]) -> StoreResult<Vec<Job>>;

    /// Published jobs at a place that are open on `today` (newest first, at most `limit`) and how
    /// many there are.
    async fn jobs_at_place(
        &self,
        place_id: i64,
        today: chrono::NaiveDate,
        limit: i64,
    ) -> StoreResult<(u64, Vec<Job>)>;

    /// Up to `limit` jobs with id greater than `after_id`, by id: for rebuilding indexes.
    async fn jobs_after(&self, after_id: i64, limit: i64) -> StoreResult<Vec<Job>>;

    /// Up to `limit` change log entries with `seq` greater than `after`, in order.
    async fn changes_since(&self, after: i64, limit: i64) -> StoreResult<Vec<Change>>;

    /// The highest change log sequence number (0 when empty).
    async fn latest_change(&self) -> StoreResult<i64>;

    /// This database's installation id: random, made on the first call and the same on
    /// every later call, from any connection or process. Derived state kept outside the
    /// database (the search index under the data dir) records it, to notice when it is
    /// opened against another database (a different URL, a fresh or a restored one).
    ///
    /// Not exported or imported with the tables ([`Table`] does not include it), and
    /// [`Store::finish_import`] discards it, so a restored or copied database gets an id
    /// of its own. Creating it does not make the database non-empty
    /// ([`Store::is_empty`]). Copies made below bleibe (`pg_dump`, copying the SQLite
    /// file) do carry it over.
    async fn installation_id(&self) -> StoreResult<String>;

    /// Whether the database answers.
    async fn ping(&self) -> StoreResult<()>;

    /// Up to `limit` rows of `table` whose key ([`Table::key`]) is greater than `after`,
    /// ordered by key: every column as stored, in the JSON form of
    /// [`transfer::ColumnKind`] (the same on every backend). For backup and copy.
    async fn export_rows(
        &self,
        table: Table,
        after: i64,
        limit: i64,
    ) -> StoreResult<Vec<serde_json::Map<String, serde_json::Value>>>;

    /// Inserts rows as [`Store::export_rows`] gives them, keeping their ids (and `seq`s),
    /// in one transaction, without appending to the change log (the change log is
    /// imported as a table of its own). A row with an unknown or missing column is
    /// `Invalid` (naming the column); an existing key is a `Conflict`. Import tables in
    /// [`Table::ALL`] order, then call [`Store::finish_import`].
    async fn import_rows(
        &self,
        table: Table,
        rows: &[serde_json::Map<String, serde_json::Value>],
    ) -> StoreResult<()>;

    /// After [`Store::import_rows`]: makes new rows get ids (and `seq`s) above every
    /// imported one, and discards the [`Store::installation_id`] (the next call makes a
    /// new one): the database now holds another database's data.
    async fn finish_import(&self) -> StoreResult<()>;

    /// Whether no table holds any row (restore and copy only write into empty databases).
    async fn is_empty(&self) -> StoreResult<bool>;

    /// Waits until the change log may have grown, at most `timeout`. Backends that can be
    /// told about commits (PostgreSQL: LISTEN/NOTIFY) return early when one happens;
    /// others simply wait out the timeout, so followers poll. Returning early without a
    /// new entry is allowed: followers always read the log itself afterwards.
    async fn wait_for_change(&self, timeout: std::time::Duration) -> StoreResult<()> {
        tokio::time::sleep(timeout).await;
        Ok(())
    }
}
