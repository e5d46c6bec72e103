//! bleibe store on PostgreSQL: the scale-out backend. Several `bleibe serve` instances
//! share one database; each follows the change log to keep its own search index.
//!
//! Behaviour mirrors the SQLite backend exactly (both pass the conformance suite in
//! [`bleibe_store::conformance`]); what differs is how concurrency is handled:
//!
//! - **Change log order.** `change_log.seq` is assigned when a row is inserted, but
//!   concurrent transactions could commit out of sequence order, and a follower reading
//!   `seq > last` would then skip the earlier entry forever. Every transaction that
//!   appends to the change log therefore first takes the transaction-level advisory lock
//!   [`CHANGE_LOG_LOCK`] and holds it until it commits or rolls back: log-appending
//!   transactions run one at a time, so they commit in `seq` order, and an entry is never
//!   visible before every entry with a smaller `seq` is. (Sequence gaps from rolled-back
//!   transactions remain possible and are harmless.) This serialises writes, as SQLite's
//!   single writer does; reads are never blocked.
//! - **Notifications.** In the same transaction a writer sends
//!   `NOTIFY bleibe_changes, '<highest seq>'`, delivered at commit;
//!   [`Store::wait_for_change`] LISTENs for it, so followers wake up at once instead of
//!   polling.
//! - **First start.** [`Store::load_initial`] takes the advisory lock [`INITIAL_LOAD_LOCK`]
//!   before it checks whether `places` is empty, so instances starting together load once.
//!
//! LISTEN needs a session-mode connection: behind pgbouncer (or another pooler) in
//! *transaction* pooling mode notifications are not delivered. Point bleibe directly at
//! PostgreSQL, or at a session-mode pool.

mod rows;

#[cfg(feature = "testing")]
#[doc(hidden)]
pub mod testing;

use async_trait::async_trait;
use bleibe_domain::{Employer, Job, NewEmployer, NewJob, Place};
use bleibe_store::transfer::{self, ColumnKind, Value};
use bleibe_store::{
    Change, ChangeOp, Counts, DemoData, Entity, LoadOutcome, Store, StoreError, StoreResult, Table,
};
use chrono::{DateTime, NaiveDate, Utc};
use rows::{job_from_row, JOB_SELECT};
use sqlx::migrate::{MigrateError, Migrator};
use sqlx::postgres::{PgConnectOptions, PgListener, PgPoolOptions};
use sqlx::{PgConnection, PgPool, Postgres, QueryBuilder, Row, Transaction};
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Mutex;

/// Advisory lock key held by every transaction that appends to the change log, from
/// before its first append until it ends (`pg_advisory_xact_lock`). Value: "bleibe" in
/// ASCII, then 1.
pub const CHANGE_LOG_LOCK: i64 = 0x626c_6569_6265_0001;

/// Advisory lock key held by [`Store::load_initial`] while it checks and loads.
pub const INITIAL_LOAD_LOCK: i64 = 0x626c_6569_6265_0002;

/// The NOTIFY channel writers signal on; the payload is the highest `seq` they appended.
pub const CHANGES_CHANNEL: &str = "bleibe_changes";

/// Connections in the pool; once [`Store::wait_for_change`] is first called, one of them
/// is kept by its listener.
const MAX_CONNECTIONS: u32 = 8;

/// Rows per bulk statement. Bulk inserts bind one array per column (`UNNEST`), so the
/// 65,535 bind-parameter limit does not apply; chunks only bound message size.
const CHUNK_ROWS: usize = 10_000;

/// The schema migrations under `migrations/`.
pub(crate) static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

bleibe_store::impl_accounts!(crate::PgStore, sqlx::postgres::PgRow);
bleibe_store::impl_cooperation!(crate::PgStore, sqlx::postgres::PgRow);
bleibe_store::impl_living!(crate::PgStore, sqlx::postgres::PgRow);
bleibe_store::impl_cases!(crate::PgStore, sqlx::postgres::PgRow);
bleibe_store::impl_place_profiles!(crate::PgStore, sqlx::postgres::PgRow);

/// The PostgreSQL store. Cheap to clone: clones share the pool and the listener.
#[derive(Clone)]
pub struct PgStore {
    pool: PgPool,
    listen: Arc<Listen>,
}

/// State of [`Store::wait_for_change`], shared by clones.
#[derive(Default)]
struct Listen {
    /// The LISTENing connection, created on first use; one waiter uses it at a time.
    listener: Mutex<Option<PgListener>>,
    /// Counts wake-ups (notifications, new or lost listeners). A waiter that queued for
    /// the listener while another was woken returns at once instead of missing it.
    wakeups: AtomicU64,
}

fn db_err(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::Database(d) if d.is_foreign_key_violation() => {
            StoreError::NotFound(format!("referenced record does not exist ({d})"))
        }
        sqlx::Error::Database(d) if d.is_unique_violation() => StoreError::Conflict(d.to_string()),
        _ => StoreError::Database(e.to_string()),
    }
}

fn migrate_err(e: MigrateError) -> StoreError {
    match e {
        MigrateError::VersionMissing(version) => StoreError::schema_newer(version),
        e => StoreError::Schema(e.to_string()),
    }
}

impl PgStore {
    /// Connects to a `postgres://` URL (e.g. `postgres://bleibe@db.internal/bleibe`) and
    /// migrates the database. Several instances may do this at once: migrations run under
    /// sqlx's own advisory lock.
    pub async fn connect(url: &str) -> StoreResult<Self> {
        let opts = PgConnectOptions::from_str(url).map_err(db_err)?;
        Self::connect_with(opts).await
    }

    /// Like [`PgStore::connect`], with options already parsed.
    pub async fn connect_with(opts: PgConnectOptions) -> StoreResult<Self> {
        let opts = opts.application_name("bleibe");
        let pool = PgPoolOptions::new()
            .max_connections(MAX_CONNECTIONS)
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(opts)
            .await
            .map_err(db_err)?;
        MIGRATOR.run(&pool).await.map_err(migrate_err)?;
        Ok(Self {
            pool,
            listen: Arc::default(),
        })
    }

    /// The schema migrations applied to this database, in order (version, description).
    pub async fn applied_migrations(&self) -> StoreResult<Vec<(i64, String)>> {
        sqlx::query_as("SELECT version, description FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&self.pool)
            .await
            .map_err(db_err)
    }

    /// The connection pool, for tools and tests that need plain SQL.
    pub fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// Stops listening and closes every connection (waits for connections in use to be
    /// returned).
    pub async fn close(&self) {
        // Marks the pool closed at once: a pending `wait_for_change` gives up its wait.
        let closing = self.pool.close();
        drop(self.listen.listener.lock().await.take());
        closing.await;
    }

    /// Jobs matching `condition` (the rest of a `WHERE` clause with its order and limit,
    /// taking two integer parameters).
    async fn jobs_where(&self, condition: &str, a: i64, b: i64) -> StoreResult<Vec<Job>> {
        let rows = sqlx::query(&format!("{JOB_SELECT} WHERE {condition}"))
            .bind(a)
            .bind(b)
            .fetch_all(&self.pool)
            .await
            .map_err(db_err)?;
        rows.iter()
            .map(job_from_row)
            .collect::<Result<_, _>>()
            .map_err(db_err)
    }
}

/// A write transaction that appends to the change log: holds [`CHANGE_LOG_LOCK`] from its
/// start and notifies [`CHANGES_CHANNEL`] just before it commits.
struct Writer {
    tx: Transaction<'static, Postgres>,
    /// The highest `seq` appended so far (0: none).
    last_seq: i64,
}

/// Column types of a job row as the bulk insert binds them: `id`, then the job's stored
/// columns in [`JOB_COLUMN_LIST`] order except `updated_at` (bound once for the batch).
const JOB_UNNEST_TYPES: [&str; 25] = [
    "bigint[]",
    "bigint[]",
    "text[]",
    "text[]",
    "text[]",
    "text[]",
    "bigint[]",
    "text[]",
    "text[]",
    "text[]",
    "text[]",
    "float8[]",
    "float8[]",
    "text[]",
    "text[]",
    "text[]",
    "date[]",
    "timestamptz[]",
    "date[]",
    "text[]",
    "text[]",
    "text[]",
    "text[]",
    "boolean[]",
    "text[]",
];

/// The stored columns of a job, in the order [`push_job_row`] binds them.
const JOB_COLUMN_LIST: [&str; 25] = [
    "employer_id",
    "kind",
    "title",
    "description",
    "occupation",
    "place_id",
    "street",
    "postcode",
    "working_time",
    "contract",
    "salary_min",
    "salary_max",
    "salary_unit",
    "training_allowance",
    "school_certificate",
    "start_date",
    "posted_at",
    "valid_through",
    "apply_url",
    "apply_email",
    "source",
    "external_id",
    "demo",
    "updated_at",
    "status",
];

/// `INSERT INTO jobs (id, …) SELECT … FROM UNNEST($1::bigint[], …)`: one array per column.
fn job_insert_sql() -> String {
    let params: Vec<String> = JOB_UNNEST_TYPES
        .iter()
        .enumerate()
        .map(|(i, t)| format!("${}::{t}", i + 1))
        .collect();
    let columns: Vec<&str> = JOB_COLUMN_LIST
        .iter()
        .copied()
        .filter(|c| *c != "updated_at")
        .collect();
    format!(
        "INSERT INTO jobs (id, {}, updated_at) SELECT t.*, ${}::timestamptz FROM UNNEST({}) AS t",
        columns.join(", "),
        JOB_UNNEST_TYPES.len() + 1,
        params.join(", ")
    )
}

/// Binds one job's values in the order of [`JOB_COLUMN_LIST`].
fn push_job_row<'q>(
    b: &mut sqlx::query_builder::Separated<'_, 'q, Postgres, &'static str>,
    j: &'q NewJob,
    now: DateTime<Utc>,
) {
    let s = rows::JobColumns::from(j);
    b.push_bind(j.employer_id)
        .push_bind(j.kind.as_str())
        .push_bind(&j.title)
        .push_bind(&j.description)
        .push_bind(&j.occupation)
        .push_bind(j.place_id)
        .push_bind(&j.street)
        .push_bind(&j.postcode)
        .push_bind(s.working_time)
        .push_bind(j.contract.as_str())
        .push_bind(j.salary.map(|s| s.min))
        .push_bind(j.salary.and_then(|s| s.max))
        .push_bind(j.salary.map(|s| s.unit.as_str()))
        .push_bind(s.training_allowance)
        .push_bind(j.school_certificate.map(|c| c.as_str()))
        .push_bind(j.start_date)
        .push_bind(j.posted_at)
        .push_bind(j.valid_through)
        .push_bind(&j.apply.url)
        .push_bind(&j.apply.email)
        .push_bind(j.source.as_str())
        .push_bind(&j.external_id)
        .push_bind(j.demo)
        .push_bind(now)
        .push_bind(j.status.as_str());
}

async fn advisory_xact_lock(conn: &mut PgConnection, key: i64) -> StoreResult<()> {
    sqlx::query("SELECT pg_advisory_xact_lock($1)")
        .bind(key)
        .execute(conn)
        .await
        .map(|_| ())
        .map_err(db_err)
}

/// Bind parameters per statement stay below PostgreSQL's limit of 65,535.
const MAX_PARAMS: usize = 60_000;

/// `SELECT EXISTS (…) OR …` over every transferred table: whether any holds a row.
fn any_rows_sql() -> String {
    let exists: Vec<String> = Table::ALL
        .iter()
        .map(|t| format!("EXISTS (SELECT 1 FROM {})", t.as_str()))
        .collect();
    format!("SELECT {}", exists.join(" OR "))
}

/// Reads column `i` of `row` as `kind`.
fn column_value(
    row: &sqlx::postgres::PgRow,
    i: usize,
    kind: ColumnKind,
) -> Result<Value, sqlx::Error> {
    Ok(match kind {
        ColumnKind::Int => Value::Int(row.try_get(i)?),
        ColumnKind::Real => Value::Real(row.try_get(i)?),
        ColumnKind::Text => Value::Text(row.try_get(i)?),
        ColumnKind::Bool => Value::Bool(row.try_get(i)?),
        ColumnKind::Timestamp => Value::Timestamp(row.try_get(i)?),
        ColumnKind::Date => Value::Date(row.try_get(i)?),
        ColumnKind::Bytes => Value::Bytes(row.try_get(i)?),
    })
}

/// Binds one imported value.
fn bind_value(b: &mut sqlx::query_builder::Separated<'_, '_, Postgres, &'static str>, v: Value) {
    match v {
        Value::Int(v) => b.push_bind(v),
        Value::Real(v) => b.push_bind(v),
        Value::Text(v) => b.push_bind(v),
        Value::Bool(v) => b.push_bind(v),
        Value::Timestamp(v) => b.push_bind(v),
        Value::Date(v) => b.push_bind(v),
        Value::Bytes(v) => b.push_bind(v),
    };
}

impl Writer {
    /// Inserts exported rows as they are (explicit ids; identity columns overridden).
    async fn import_rows(
        &mut self,
        table: Table,
        rows: &[serde_json::Map<String, serde_json::Value>],
    ) -> StoreResult<()> {
        let columns = table.columns();
        let values = rows
            .iter()
            .map(|r| transfer::row_from_json(table, r))
            .collect::<StoreResult<Vec<_>>>()?;
        let names: Vec<&str> = columns.iter().map(|(c, _)| *c).collect();
        let overriding = if table == Table::Places {
            ""
        } else {
            " OVERRIDING SYSTEM VALUE"
        };
        for chunk in values.chunks(MAX_PARAMS / columns.len()) {
            let mut qb = QueryBuilder::<Postgres>::new(format!(
                "INSERT INTO {} ({}){overriding} ",
                table.as_str(),
                names.join(", ")
            ));
            qb.push_values(chunk.iter().cloned(), |mut b, row| {
                for v in row {
                    bind_value(&mut b, v);
                }
            });
            qb.build().execute(&mut *self.tx).await.map_err(db_err)?;
        }
        Ok(())
    }

    /// Begins a write transaction and takes the change log lock.
    async fn begin(pool: &PgPool) -> StoreResult<Self> {
        let tx = pool.begin().await.map_err(db_err)?;
        Self::with(tx).await
    }

    /// Takes the change log lock in a transaction already begun.
    async fn with(mut tx: Transaction<'static, Postgres>) -> StoreResult<Self> {
        advisory_xact_lock(&mut tx, CHANGE_LOG_LOCK).await?;
        Ok(Self { tx, last_seq: 0 })
    }

    /// Commits when `result` is `Ok` (notifying followers first), rolls back otherwise.
    async fn finish<T>(mut self, result: StoreResult<T>) -> StoreResult<T> {
        match result {
            Ok(v) => {
                if self.last_seq > 0 {
                    sqlx::query("SELECT pg_notify($1, $2)")
                        .bind(CHANGES_CHANNEL)
                        .bind(self.last_seq.to_string())
                        .execute(&mut *self.tx)
                        .await
                        .map_err(db_err)?;
                }
                self.tx.commit().await.map_err(db_err)?;
                Ok(v)
            }
            Err(e) => {
                // Ends the transaction (and releases the lock) now rather than when the
                // connection is next used.
                let _ = self.tx.rollback().await;
                Err(e)
            }
        }
    }

    /// Appends one entry per id, in order.
    async fn log(&mut self, entity: Entity, op: ChangeOp, ids: &[i64]) -> StoreResult<()> {
        let now = Utc::now();
        for chunk in ids.chunks(CHUNK_ROWS) {
            let max: Option<i64> = sqlx::query_scalar(
                "WITH ins AS ( \
                   INSERT INTO change_log (entity, entity_id, op, at) \
                   SELECT $1, t.id, $3, $4 FROM UNNEST($2::bigint[]) WITH ORDINALITY AS t(id, n) \
                   ORDER BY t.n RETURNING seq) \
                 SELECT max(seq) FROM ins",
            )
            .bind(entity.as_str())
            .bind(chunk)
            .bind(op.as_str())
            .bind(now)
            .fetch_one(&mut *self.tx)
            .await
            .map_err(db_err)?;
            self.last_seq = self.last_seq.max(max.unwrap_or(0));
        }
        Ok(())
    }

    async fn insert_places(&mut self, places: &[Place]) -> StoreResult<()> {
        for chunk in places.chunks(CHUNK_ROWS) {
            sqlx::query(
                "INSERT INTO places (id, name, alternate_names, lat, lon, population, state_code, county, ags) \
                 SELECT * FROM UNNEST($1::bigint[], $2::text[], $3::text[], $4::float8[], $5::float8[], \
                                      $6::bigint[], $7::text[], $8::text[], $9::text[])",
            )
            .bind(chunk.iter().map(|p| p.id).collect::<Vec<_>>())
            .bind(chunk.iter().map(|p| p.name.as_str()).collect::<Vec<_>>())
            .bind(
                chunk
                    .iter()
                    .map(|p| p.alternate_names.join("|"))
                    .collect::<Vec<_>>(),
            )
            .bind(chunk.iter().map(|p| p.lat).collect::<Vec<_>>())
            .bind(chunk.iter().map(|p| p.lon).collect::<Vec<_>>())
            .bind(
                chunk
                    .iter()
                    .map(|p| p.population.map(i64::from))
                    .collect::<Vec<_>>(),
            )
            .bind(
                chunk
                    .iter()
                    .map(|p| p.state_code.as_str())
                    .collect::<Vec<_>>(),
            )
            .bind(
                chunk
                    .iter()
                    .map(|p| p.county.as_deref())
                    .collect::<Vec<_>>(),
            )
            .bind(chunk.iter().map(|p| p.ags.as_deref()).collect::<Vec<_>>())
            .execute(&mut *self.tx)
            .await
            .map_err(db_err)?;
        }
        let ids: Vec<i64> = places.iter().map(|p| p.id).collect();
        self.log(Entity::Place, ChangeOp::Upsert, &ids).await
    }

    async fn insert_employers(&mut self, employers: &[NewEmployer]) -> StoreResult<Vec<Employer>> {
        let mut ids = Vec::with_capacity(employers.len());
        for e in employers {
            let e = e
                .clone()
                .validate()
                .map_err(|v| StoreError::Invalid(v.to_string()))?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO employers (name, place_id, description, website, demo, created_at, kind) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            )
            .bind(&e.name)
            .bind(e.place_id)
            .bind(&e.description)
            .bind(&e.website)
            .bind(e.demo)
            .bind(Utc::now())
            .bind(e.kind.as_str())
            .fetch_one(&mut *self.tx)
            .await
            .map_err(db_err)?;
            ids.push(id);
        }
        self.log(Entity::Employer, ChangeOp::Upsert, &ids).await?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let row = sqlx::query(rows::EMPLOYER_SELECT_BY_ID)
                .bind(id)
                .fetch_one(&mut *self.tx)
                .await
                .map_err(db_err)?;
            out.push(rows::employer_from_row(&row).map_err(db_err)?);
        }
        Ok(out)
    }

    async fn insert_jobs(&mut self, jobs: &[NewJob]) -> StoreResult<Vec<i64>> {
        let now = Utc::now();
        let sql = job_insert_sql();
        let mut ids = Vec::with_capacity(jobs.len());
        for chunk in jobs.chunks(CHUNK_ROWS) {
            // Take the ids first, so that they map to the input order by construction
            // (sequence values only grow, so sorted they follow the input).
            let mut chunk_ids: Vec<i64> = sqlx::query_scalar(
                "SELECT nextval(pg_get_serial_sequence('jobs', 'id')) FROM generate_series(1, $1)",
            )
            .bind(i64::try_from(chunk.len()).unwrap_or(i64::MAX))
            .fetch_all(&mut *self.tx)
            .await
            .map_err(db_err)?;
            chunk_ids.sort_unstable();
            let cols: Vec<rows::JobColumns> = chunk.iter().map(rows::JobColumns::from).collect();
            let col = |f: fn(&NewJob) -> Option<&str>| chunk.iter().map(f).collect::<Vec<_>>();
            sqlx::query(&sql)
                .bind(&chunk_ids)
                .bind(chunk.iter().map(|j| j.employer_id).collect::<Vec<_>>())
                .bind(col(|j| Some(j.kind.as_str())))
                .bind(col(|j| Some(j.title.as_str())))
                .bind(col(|j| Some(j.description.as_str())))
                .bind(col(|j| Some(j.occupation.as_str())))
                .bind(chunk.iter().map(|j| j.place_id).collect::<Vec<_>>())
                .bind(col(|j| j.street.as_deref()))
                .bind(col(|j| j.postcode.as_deref()))
                .bind(
                    cols.iter()
                        .map(|c| c.working_time.as_str())
                        .collect::<Vec<_>>(),
                )
                .bind(col(|j| Some(j.contract.as_str())))
                .bind(
                    chunk
                        .iter()
                        .map(|j| j.salary.map(|s| s.min))
                        .collect::<Vec<_>>(),
                )
                .bind(
                    chunk
                        .iter()
                        .map(|j| j.salary.and_then(|s| s.max))
                        .collect::<Vec<_>>(),
                )
                .bind(col(|j| j.salary.map(|s| s.unit.as_str())))
                .bind(
                    cols.iter()
                        .map(|c| c.training_allowance.as_str())
                        .collect::<Vec<_>>(),
                )
                .bind(col(|j| j.school_certificate.map(|c| c.as_str())))
                .bind(chunk.iter().map(|j| j.start_date).collect::<Vec<_>>())
                .bind(chunk.iter().map(|j| j.posted_at).collect::<Vec<_>>())
                .bind(chunk.iter().map(|j| j.valid_through).collect::<Vec<_>>())
                .bind(col(|j| j.apply.url.as_deref()))
                .bind(col(|j| j.apply.email.as_deref()))
                .bind(col(|j| Some(j.source.as_str())))
                .bind(col(|j| j.external_id.as_deref()))
                .bind(chunk.iter().map(|j| j.demo).collect::<Vec<_>>())
                .bind(col(|j| Some(j.status.as_str())))
                .bind(now)
                .execute(&mut *self.tx)
                .await
                .map_err(db_err)?;
            ids.extend(chunk_ids);
        }
        self.log(Entity::Job, ChangeOp::Upsert, &ids).await?;
        Ok(ids)
    }

    /// Replaces every column of job `id` (which must exist).
    async fn update_job(&mut self, id: i64, j: &NewJob) -> StoreResult<()> {
        let mut qb = QueryBuilder::<Postgres>::new(format!(
            "UPDATE jobs SET ({}) = (",
            JOB_COLUMN_LIST.join(", ")
        ));
        {
            let mut row = qb.separated(", ");
            push_job_row(&mut row, j, Utc::now());
        }
        qb.push(") WHERE id = ").push_bind(id);
        let done = qb.build().execute(&mut *self.tx).await.map_err(db_err)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound(format!("job {id}")));
        }
        self.log(Entity::Job, ChangeOp::Upsert, &[id]).await
    }

    async fn delete_job(&mut self, id: i64) -> StoreResult<()> {
        let done = sqlx::query("DELETE FROM jobs WHERE id = $1")
            .bind(id)
            .execute(&mut *self.tx)
            .await
            .map_err(db_err)?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound(format!("job {id}")));
        }
        self.log(Entity::Job, ChangeOp::Delete, &[id]).await
    }
}

#[async_trait]
impl Store for PgStore {
    fn backend(&self) -> &'static str {
        "postgres"
    }

    async fn load_initial(
        &self,
        places: &[Place],
        demo: Option<DemoData>,
    ) -> StoreResult<LoadOutcome> {
        // A second instance starting at the same time waits on the lock, then (its next
        // statement taking a fresh snapshot) finds the places and skips.
        let mut tx = self.pool.begin().await.map_err(db_err)?;
        advisory_xact_lock(&mut tx, INITIAL_LOAD_LOCK).await?;
        let loaded: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM places)")
            .fetch_one(&mut *tx)
            .await
            .map_err(db_err)?;
        if loaded {
            tx.rollback().await.map_err(db_err)?;
            return Ok(LoadOutcome::AlreadyLoaded);
        }
        let mut w = Writer::with(tx).await?;
        let result = async {
            w.insert_places(places).await?;
            let mut demo_jobs = 0;
            if let Some(demo) = demo {
                let employers = w.insert_employers(&demo.employers).await?;
                let jobs = (demo.jobs)(&employers);
                demo_jobs = w.insert_jobs(&jobs).await?.len();
            }
            Ok(LoadOutcome::Loaded {
                places: places.len(),
                demo_jobs,
            })
        }
        .await;
        w.finish(result).await
    }

    async fn counts(&self) -> StoreResult<Counts> {
        let row = sqlx::query(
            "SELECT (SELECT count(*) FROM places), (SELECT count(*) FROM employers), (SELECT count(*) FROM jobs)",
        )
        .fetch_one(&self.pool)
        .await
        .map_err(db_err)?;
        Ok(Counts {
            places: row.try_get(0).map_err(db_err)?,
            employers: row.try_get(1).map_err(db_err)?,
            jobs: row.try_get(2).map_err(db_err)?,
        })
    }

    async fn place(&self, id: i64) -> StoreResult<Option<Place>> {
        let row = sqlx::query(rows::PLACE_SELECT_BY_ID)
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(db_err)?;
        row.map(|r| rows::place_from_row(&r))
            .transpose()
            .map_err(db_err)
    }

    async fn places(&self) -> StoreResult<Vec<Place>> {
        let rows = sqlx::query(rows::PLACE_SELECT_ALL)
            .fetch_all(&self.pool)
            .await
            .map_err(db_err)?;
        rows.iter()
            .map(rows::place_from_row)
            .collect::<Result<_, _>>()
            .map_err(db_err)
    }

    async fn insert_employers(&self, employers: &[NewEmployer]) -> StoreResult<Vec<Employer>> {
        let mut w = Writer::begin(&self.pool).await?;
        let result = w.insert_employers(employers).await;
        w.finish(result).await
    }

    async fn employer(&self, id: i64) -> StoreResult<Option<Employer>> {
        let row = sqlx::query(rows::EMPLOYER_SELECT_BY_ID)
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(db_err)?;
        row.map(|r| rows::employer_from_row(&r))
            .transpose()
            .map_err(db_err)
    }

    async fn employers(&self) -> StoreResult<Vec<Employer>> {
        let rows = sqlx::query(rows::EMPLOYER_SELECT_ALL)
            .fetch_all(&self.pool)
            .await
            .map_err(db_err)?;
        rows.iter()
            .map(rows::employer_from_row)
            .collect::<Result<_, _>>()
            .map_err(db_err)
    }

    async fn update_employer(&self, id: i64, e: &NewEmployer) -> StoreResult<()> {
        let e = e
            .clone()
            .validate()
            .map_err(|v| StoreError::Invalid(v.to_string()))?;
        let mut w = Writer::begin(&self.pool).await?;
        let result = async {
            let done = sqlx::query(
                "UPDATE employers SET name = $1, place_id = $2, description = $3, website = $4, kind = $5 WHERE id = $6",
            )
            .bind(&e.name)
            .bind(e.place_id)
            .bind(&e.description)
            .bind(&e.website)
            .bind(e.kind.as_str())
            .bind(id)
            .execute(&mut *w.tx)
            .await
            .map_err(db_err)?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound(format!("organisation {id}")));
            }
            w.log(Entity::Employer, ChangeOp::Upsert, &[id]).await?;
            let jobs: Vec<i64> =
                sqlx::query_scalar("SELECT id FROM jobs WHERE employer_id = $1 ORDER BY id")
                    .bind(id)
                    .fetch_all(&mut *w.tx)
                    .await
                    .map_err(db_err)?;
            w.log(Entity::Job, ChangeOp::Upsert, &jobs).await
        }
        .await;
        w.finish(result).await
    }

    async fn jobs_of_employer(&self, employer_id: i64, limit: i64) -> StoreResult<Vec<Job>> {
        self.jobs_where(
            "j.employer_id = $1 ORDER BY j.updated_at DESC, j.id DESC LIMIT $2",
            employer_id,
            limit,
        )
        .await
    }

    async fn insert_jobs(&self, jobs: &[NewJob]) -> StoreResult<Vec<i64>> {
        let mut w = Writer::begin(&self.pool).await?;
        let result = w.insert_jobs(jobs).await;
        w.finish(result).await
    }

    async fn update_job(&self, id: i64, j: &NewJob) -> StoreResult<()> {
        let mut w = Writer::begin(&self.pool).await?;
        let result = w.update_job(id, j).await;
        w.finish(result).await
    }

    async fn delete_job(&self, id: i64) -> StoreResult<()> {
        let mut w = Writer::begin(&self.pool).await?;
        let result = w.delete_job(id).await;
        w.finish(result).await
    }

    async fn job(&self, id: i64) -> StoreResult<Option<Job>> {
        let row = sqlx::query(&format!("{JOB_SELECT} WHERE j.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(db_err)?;
        row.map(|r| job_from_row(&r)).transpose().map_err(db_err)
    }

    async fn jobs_by_ids(&self, ids: &[i64]) -> StoreResult<Vec<Job>> {
        let mut found = std::collections::HashMap::with_capacity(ids.len());
        let rows = sqlx::query(&format!("{JOB_SELECT} WHERE j.id = ANY($1)"))
            .bind(ids)
            .fetch_all(&self.pool)
            .await
            .map_err(db_err)?;
        for row in rows {
            let job = job_from_row(&row).map_err(db_err)?;
            found.insert(job.id, job);
        }
        Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
    }

    async fn jobs_at_place(
        &self,
        place_id: i64,
        today: NaiveDate,
        limit: i64,
    ) -> StoreResult<(u64, Vec<Job>)> {
        const OPEN: &str = "j.place_id = $1 AND j.status = 'published' \
                            AND (j.valid_through IS NULL OR j.valid_through >= $2)";
        let total: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM jobs j WHERE {OPEN}"))
            .bind(place_id)
            .bind(today)
            .fetch_one(&self.pool)
            .await
            .map_err(db_err)?;
        let rows = sqlx::query(&format!(
            "{JOB_SELECT} WHERE {OPEN} ORDER BY j.posted_at DESC, j.id DESC LIMIT $3"
        ))
        .bind(place_id)
        .bind(today)
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        let jobs = rows
            .iter()
            .map(job_from_row)
            .collect::<Result<_, _>>()
            .map_err(db_err)?;
        Ok((u64::try_from(total).unwrap_or(0), jobs))
    }

    async fn jobs_after(&self, after_id: i64, limit: i64) -> StoreResult<Vec<Job>> {
        self.jobs_where("j.id > $1 ORDER BY j.id LIMIT $2", after_id, limit)
            .await
    }

    async fn changes_since(&self, after: i64, limit: i64) -> StoreResult<Vec<Change>> {
        let rows = sqlx::query(
            "SELECT seq, entity, entity_id, op, at FROM change_log WHERE seq > $1 ORDER BY seq LIMIT $2",
        )
        .bind(after)
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .map_err(db_err)?;
        rows.iter()
            .map(|r| {
                let entity: String = r.try_get("entity").map_err(db_err)?;
                let op: String = r.try_get("op").map_err(db_err)?;
                Ok(Change {
                    seq: r.try_get("seq").map_err(db_err)?,
                    entity: Entity::parse(&entity)
                        .ok_or_else(|| StoreError::Database(format!("unknown entity {entity}")))?,
                    entity_id: r.try_get("entity_id").map_err(db_err)?,
                    op: ChangeOp::parse(&op)
                        .ok_or_else(|| StoreError::Database(format!("unknown op {op}")))?,
                    at: r.try_get("at").map_err(db_err)?,
                })
            })
            .collect()
    }

    async fn latest_change(&self) -> StoreResult<i64> {
        sqlx::query_scalar("SELECT coalesce(max(seq), 0)::bigint FROM change_log")
            .fetch_one(&self.pool)
            .await
            .map_err(db_err)
    }

    async fn installation_id(&self) -> StoreResult<String> {
        const READ: &str = "SELECT value FROM store_meta WHERE key = 'installation_id'";
        let found: Option<String> = sqlx::query_scalar(READ)
            .fetch_optional(&self.pool)
            .await
            .map_err(db_err)?;
        if let Some(id) = found {
            return Ok(id);
        }
        // Made once: of several instances racing here, the first insert wins (the others'
        // inserts wait for it, then do nothing) and every one of them reads that. Two
        // statements: a single one would read with a snapshot taken before the winner
        // committed.
        sqlx::query(
            "INSERT INTO store_meta (key, value) \
             VALUES ('installation_id', replace(gen_random_uuid()::text, '-', '')) \
             ON CONFLICT (key) DO NOTHING",
        )
        .execute(&self.pool)
        .await
        .map_err(db_err)?;
        sqlx::query_scalar(READ)
            .fetch_one(&self.pool)
            .await
            .map_err(db_err)
    }

    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1")
            .execute(&self.pool)
            .await
            .map(|_| ())
            .map_err(db_err)
    }

    async fn export_rows(
        &self,
        table: Table,
        after: i64,
        limit: i64,
    ) -> StoreResult<Vec<serde_json::Map<String, serde_json::Value>>> {
        let columns = table.columns();
        let names: Vec<&str> = columns.iter().map(|(c, _)| *c).collect();
        let sql = format!(
            "SELECT {} FROM {t} WHERE {k} > $1 ORDER BY {k} LIMIT $2",
            names.join(", "),
            t = table.as_str(),
            k = table.key()
        );
        let rows = sqlx::query(&sql)
            .bind(after)
            .bind(limit)
            .fetch_all(&self.pool)
            .await
            .map_err(db_err)?;
        rows.iter()
            .map(|r| {
                let values = columns
                    .iter()
                    .enumerate()
                    .map(|(i, (_, kind))| column_value(r, i, *kind))
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(db_err)?;
                Ok(transfer::row_to_json(table, &values))
            })
            .collect()
    }

    /// Takes the change log lock like every writer, so imported entries commit in order
    /// with anything else written meanwhile.
    async fn import_rows(
        &self,
        table: Table,
        rows: &[serde_json::Map<String, serde_json::Value>],
    ) -> StoreResult<()> {
        let mut w = Writer::begin(&self.pool).await?;
        let result = w.import_rows(table, rows).await;
        w.finish(result).await
    }

    async fn finish_import(&self) -> StoreResult<()> {
        let mut w = Writer::begin(&self.pool).await?;
        let result = async {
            for table in Table::ALL.into_iter().filter(|t| *t != Table::Places) {
                let (t, k) = (table.as_str(), table.key());
                // is_called = false: the next value handed out is max + 1 (1 when empty).
                sqlx::query(&format!(
                    "SELECT setval(pg_get_serial_sequence('{t}', '{k}'), \
                     coalesce((SELECT max({k}) FROM {t}), 0) + 1, false)"
                ))
                .execute(&mut *w.tx)
                .await
                .map_err(db_err)?;
            }
            // Another database's data now: the next installation_id() makes a new one.
            sqlx::query("DELETE FROM store_meta WHERE key = 'installation_id'")
                .execute(&mut *w.tx)
                .await
                .map_err(db_err)?;
            Ok(())
        }
        .await;
        w.finish(result).await
    }

    async fn is_empty(&self) -> StoreResult<bool> {
        let any: bool = sqlx::query_scalar(&any_rows_sql())
            .fetch_one(&self.pool)
            .await
            .map_err(db_err)?;
        Ok(!any)
    }

    /// Waits for a `NOTIFY` on [`CHANGES_CHANNEL`] (sent by any instance's writer at
    /// commit), at most `timeout`.
    ///
    /// Uses one dedicated connection taken from the pool on the first call and kept, in
    /// session state, `LISTEN`ing: this needs a session-mode connection (pgbouncer in
    /// transaction pooling mode breaks it). The first call, and a call after the
    /// connection was lost and re-established, return at once: notifications sent while
    /// nobody listened are lost, so the caller must re-read the log. Concurrent callers
    /// on one store (or its clones) take turns on the one listener; all of them return
    /// when a notification arrives. On an error the listener is dropped (re-created on
    /// the next call) and the call sleeps out the rest of `timeout`, so followers fall
    /// back to polling.
    async fn wait_for_change(&self, timeout: Duration) -> StoreResult<()> {
        let deadline = tokio::time::Instant::now() + timeout;
        let listen = &*self.listen;
        let seen = listen.wakeups.load(Ordering::SeqCst);
        let waited = tokio::time::timeout_at(deadline, async {
            let mut guard = listen.listener.lock().await;
            if listen.wakeups.load(Ordering::SeqCst) != seen {
                return Ok(()); // woken while queued for the listener
            }
            let Some(listener) = guard.as_mut() else {
                let mut listener = PgListener::connect_with(&self.pool).await?;
                listener.listen(CHANGES_CHANNEL).await?;
                *guard = Some(listener);
                listen.wakeups.fetch_add(1, Ordering::SeqCst);
                return Ok(());
            };
            // `None`: the connection was lost (and re-established); anything sent
            // meanwhile is lost, so return and let the caller re-read.
            if listener.try_recv().await?.is_some() {
                // Several commits in a row need one re-read: swallow those already here.
                while let Ok(Ok(Some(_))) =
                    tokio::time::timeout(Duration::ZERO, listener.try_recv()).await
                {
                }
            }
            listen.wakeups.fetch_add(1, Ordering::SeqCst);
            Ok::<(), sqlx::Error>(())
        })
        .await;
        match waited {
            Err(_) | Ok(Ok(())) => Ok(()),
            Ok(Err(_)) if self.pool.is_closed() => Ok(()), // shutting down
            Ok(Err(e)) => {
                tracing::warn!(error = %e, "listening for change notifications failed; polling");
                drop(listen.listener.lock().await.take());
                tokio::time::sleep_until(deadline).await;
                Ok(())
            }
        }
    }
}
