//! Test helpers: hand-built jobs and an in-memory change-logging store.

mod follow;
mod search;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

use async_trait::async_trait;
use bleibe_domain::job::EmployerRef;
use bleibe_domain::place::PlaceRef;
use bleibe_domain::{
    Apply, Contract, Employer, Job, JobKind, NewEmployer, NewJob, Place, Source, WorkingTime,
};
use bleibe_store::{
    Change, ChangeOp, Counts, DemoData, Entity, LoadOutcome, Store, StoreError, StoreResult,
};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

/// The day searches run on in these tests.
pub(crate) fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 1).expect("date")
}

/// Real places in Lusatia (GeoNames coordinates, rounded).
pub(crate) const COTTBUS: (&str, f64, f64) = ("Cottbus", 51.7606, 14.3340);
pub(crate) const SPREMBERG: (&str, f64, f64) = ("Spremberg", 51.5696, 14.3739);
pub(crate) const FORST: (&str, f64, f64) = ("Forst (Lausitz)", 51.7339, 14.6396);
pub(crate) const GOERLITZ: (&str, f64, f64) = ("Görlitz", 51.1528, 14.9872);
pub(crate) const BERLIN: (&str, f64, f64) = ("Berlin", 52.5244, 13.4105);

/// A job with sensible defaults: a full-time regular job (KldB 26112) in Cottbus,
/// posted `id` hours after 1 January 2026, never expiring.
pub(crate) fn job(id: i64, title: &str) -> Job {
    let posted_at: DateTime<Utc> = Utc
        .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .expect("time")
        + Duration::hours(id);
    Job {
        id,
        employer: EmployerRef {
            id: 1,
            name: "Lausitzer Werkstätten GmbH".into(),
        },
        place: place_ref(COTTBUS),
        data: NewJob {
            employer_id: 1,
            kind: JobKind::Job,
            title: title.into(),
            description: "<p>Wir suchen Verstärkung für unser Team.</p>".into(),
            occupation: "26112".into(),
            place_id: 1,
            street: None,
            postcode: None,
            working_time: vec![WorkingTime::FullTime],
            contract: Contract::Permanent,
            salary: None,
            training_allowance: vec![],
            school_certificate: None,
            start_date: None,
            posted_at,
            valid_through: None,
            apply: Apply {
                url: Some("https://example.de/jobs".into()),
                email: None,
            },
            source: Source::Own,
            external_id: None,
            demo: true,
        },
        updated_at: posted_at,
    }
}

/// A place reference from (name, lat, lon).
pub(crate) fn place_ref((name, lat, lon): (&str, f64, f64)) -> PlaceRef {
    PlaceRef {
        id: 1,
        name: name.into(),
        lat,
        lon,
        state_code: "11".into(),
    }
}

/// Ids of the hits, in order.
pub(crate) fn ids(results: &crate::SearchResults) -> Vec<i64> {
    results.hits.iter().map(|h| h.id).collect()
}

#[derive(Default)]
struct FakeState {
    jobs: BTreeMap<i64, Job>,
    log: Vec<Change>,
}

/// An in-memory store for the follower tests. Only the reads the follower uses are
/// implemented (faithfully to the [`Store`] contract: ordered, limited, unknown ids
/// skipped); writes go through [`FakeStore::put`] and [`FakeStore::delete`], which append
/// to the change log like a real backend does in the same transaction. Every other
/// method fails loudly.
#[derive(Default)]
pub(crate) struct FakeStore {
    state: Mutex<FakeState>,
    /// When set, `jobs_by_ids` fails (to test error handling).
    pub(crate) fail_fetch: AtomicBool,
}

impl FakeStore {
    fn state(&self) -> std::sync::MutexGuard<'_, FakeState> {
        self.state.lock().expect("fake store lock")
    }

    fn log(state: &mut FakeState, entity: Entity, entity_id: i64, op: ChangeOp) {
        let seq = state.log.last().map_or(0, |c| c.seq) + 1;
        state.log.push(Change {
            seq,
            entity,
            entity_id,
            op,
            at: Utc::now(),
        });
    }

    /// Creates or replaces a job, logging an upsert.
    pub(crate) fn put(&self, job: Job) {
        let mut s = self.state();
        let id = job.id;
        s.jobs.insert(id, job);
        Self::log(&mut s, Entity::Job, id, ChangeOp::Upsert);
    }

    /// Deletes a job, logging a delete.
    pub(crate) fn delete(&self, id: i64) {
        let mut s = self.state();
        s.jobs.remove(&id);
        Self::log(&mut s, Entity::Job, id, ChangeOp::Delete);
    }

    /// Deletes a job without logging it (as if the delete's log entry were still to come).
    pub(crate) fn delete_unlogged(&self, id: i64) {
        self.state().jobs.remove(&id);
    }

    /// Logs a change to another entity (which the index ignores).
    pub(crate) fn log_employer_change(&self, id: i64) {
        let mut s = self.state();
        Self::log(&mut s, Entity::Employer, id, ChangeOp::Upsert);
    }
}

fn unsupported<T>(what: &str) -> StoreResult<T> {
    Err(StoreError::Database(format!(
        "{what} is not supported by the test fake"
    )))
}

#[async_trait]
impl Store for FakeStore {
    fn backend(&self) -> &'static str {
        "fake"
    }
    async fn load_initial(
        &self,
        _places: &[Place],
        _demo: Option<DemoData>,
    ) -> StoreResult<LoadOutcome> {
        unsupported("load_initial")
    }
    async fn counts(&self) -> StoreResult<Counts> {
        unsupported("counts")
    }
    async fn place(&self, _id: i64) -> StoreResult<Option<Place>> {
        unsupported("place")
    }
    async fn places(&self) -> StoreResult<Vec<Place>> {
        unsupported("places")
    }
    async fn insert_employers(&self, _e: &[NewEmployer]) -> StoreResult<Vec<Employer>> {
        unsupported("insert_employers")
    }
    async fn employer(&self, _id: i64) -> StoreResult<Option<Employer>> {
        unsupported("employer")
    }
    async fn employers(&self) -> StoreResult<Vec<Employer>> {
        unsupported("employers")
    }
    async fn insert_jobs(&self, _jobs: &[NewJob]) -> StoreResult<Vec<i64>> {
        unsupported("insert_jobs")
    }
    async fn update_job(&self, _id: i64, _job: &NewJob) -> StoreResult<()> {
        unsupported("update_job")
    }
    async fn delete_job(&self, _id: i64) -> StoreResult<()> {
        unsupported("delete_job")
    }
    async fn job(&self, id: i64) -> StoreResult<Option<Job>> {
        Ok(self.state().jobs.get(&id).cloned())
    }
    async fn jobs_by_ids(&self, ids: &[i64]) -> StoreResult<Vec<Job>> {
        if self.fail_fetch.load(Ordering::SeqCst) {
            return Err(StoreError::Database("connection lost (simulated)".into()));
        }
        let s = self.state();
        Ok(ids
            .iter()
            .filter_map(|id| s.jobs.get(id).cloned())
            .collect())
    }
    async fn jobs_at_place(
        &self,
        _place_id: i64,
        _today: NaiveDate,
        _limit: i64,
    ) -> StoreResult<(u64, Vec<Job>)> {
        unsupported("jobs_at_place")
    }
    async fn jobs_after(&self, after_id: i64, limit: i64) -> StoreResult<Vec<Job>> {
        let s = self.state();
        Ok(s.jobs
            .range(after_id.saturating_add(1)..)
            .take(usize::try_from(limit).unwrap_or(0))
            .map(|(_, j)| j.clone())
            .collect())
    }
    async fn changes_since(&self, after: i64, limit: i64) -> StoreResult<Vec<Change>> {
        let s = self.state();
        Ok(s.log
            .iter()
            .filter(|c| c.seq > after)
            .take(usize::try_from(limit).unwrap_or(0))
            .cloned()
            .collect())
    }
    async fn latest_change(&self) -> StoreResult<i64> {
        Ok(self.state().log.last().map_or(0, |c| c.seq))
    }
    async fn ping(&self) -> StoreResult<()> {
        Ok(())
    }
}
