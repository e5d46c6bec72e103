//! bleibe store on embedded SQLite: one file under the data dir, WAL journal, foreign
//! keys on, migrations applied at open. This is the default backend: `bleibe serve`
//! without a database URL runs on it.
//!
//! Instants are TEXT, as sqlx writes a `DateTime<Utc>`: RFC 3339 with offset `+00:00`
//! and a fraction of 0, 3, 6 or 9 digits (the shortest exact one), here always at most
//! 6 ([`bleibe_store::accounts::micros`], PostgreSQL's precision). Compared as text
//! (`expires_at > $2`, `ORDER BY at`) these sort as the instants do: the date and time
//! are fixed-width, a missing fraction ends in `+`, which sorts before `.`, and a
//! shorter fraction ends in `+` where a longer one has a digit. This holds only for
//! values bound as `DateTime<Utc>`; never write instants as other text.

mod rows;

use async_trait::async_trait;
use bleibe_domain::{Employer, Job, NewEmployer, NewJob, Place};
use bleibe_store::accounts::{micros, now_micros};
use bleibe_store::transfer::{self, ColumnKind, Value};
use bleibe_store::{
    Change, ChangeOp, Counts, DemoData, Entity, LoadOutcome, Store, StoreError, StoreResult, Table,
};
use chrono::Utc;
use rows::{job_from_row, JOB_SELECT};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{QueryBuilder, Row, Sqlite, SqlitePool};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

bleibe_store::impl_accounts!(crate::SqliteStore, sqlx::sqlite::SqliteRow);
bleibe_store::impl_cooperation!(crate::SqliteStore, sqlx::sqlite::SqliteRow);
bleibe_store::impl_living!(crate::SqliteStore, sqlx::sqlite::SqliteRow);
bleibe_store::impl_cases!(crate::SqliteStore, sqlx::sqlite::SqliteRow);
bleibe_store::impl_place_profiles!(crate::SqliteStore, sqlx::sqlite::SqliteRow);

/// SQLite limits bound parameters per statement to 32,766; chunk bulk inserts below it.
const MAX_PARAMS: usize = 32_000;

/// The SQLite store.
#[derive(Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
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

impl SqliteStore {
    /// Opens (creating if needed) the database file at `path` and migrates it.
    pub async fn open_file(path: &Path) -> StoreResult<Self> {
        let opts = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true);
        Self::open_with(opts, 4).await
    }

    /// Opens a `sqlite:` URL (e.g. `sqlite:///var/lib/bleibe/bleibe.db`) and migrates it.
    pub async fn open_url(url: &str) -> StoreResult<Self> {
        let opts = SqliteConnectOptions::from_str(url)
            .map_err(db_err)?
            .create_if_missing(true);
        Self::open_with(opts, 4).await
    }

    async fn open_with(opts: SqliteConnectOptions, max: u32) -> StoreResult<Self> {
        let opts = opts
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            // Deleted rows are overwritten with zeros, so an erased person's data does
            // not linger in free pages of the file (Art. 17 GDPR).
            .pragma("secure_delete", "ON")
            .busy_timeout(Duration::from_secs(30));
        let pool = SqlitePoolOptions::new()
            .max_connections(max)
            .connect_with(opts)
            .await
            .map_err(db_err)?;
        sqlx::migrate!("./migrations")
            .run(&pool)
            .await
            .map_err(|e| match e {
                sqlx::migrate::MigrateError::VersionMissing(v) => StoreError::schema_newer(v),
                other => StoreError::Schema(other.to_string()),
            })?;
        Ok(Self { pool })
    }

    /// The schema migrations applied to this database, in order (version, description).
    pub async fn applied_migrations(&self) -> StoreResult<Vec<(i64, String)>> {
        sqlx::query_as("SELECT version, description FROM _sqlx_migrations ORDER BY version")
            .fetch_all(&self.pool)
            .await
            .map_err(db_err)
    }

    /// Closes the pool, checkpointing the WAL.
    pub async fn close(&self) {
        self.pool.close().await;
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

async fn insert_places(conn: &mut SqliteConnection, places: &[Place]) -> StoreResult<()> {
    for chunk in places.chunks(MAX_PARAMS / 9) {
        let mut qb = QueryBuilder::<Sqlite>::new(
            "INSERT INTO places (id, name, alternate_names, lat, lon, population, state_code, county, ags) ",
        );
        qb.push_values(chunk, |mut b, p| {
            b.push_bind(p.id)
                .push_bind(&p.name)
                .push_bind(p.alternate_names.join("|"))
                .push_bind(p.lat)
                .push_bind(p.lon)
                .push_bind(p.population.map(i64::from))
                .push_bind(&p.state_code)
                .push_bind(&p.county)
                .push_bind(&p.ags);
        });
        qb.build().execute(&mut *conn).await.map_err(db_err)?;
    }
    log_changes(
        conn,
        Entity::Place,
        ChangeOp::Upsert,
        &places.iter().map(|p| p.id).collect::<Vec<_>>(),
    )
    .await
}

async fn log_changes(
    conn: &mut SqliteConnection,
    entity: Entity,
    op: ChangeOp,
    ids: &[i64],
) -> StoreResult<()> {
    let now = now_micros();
    for chunk in ids.chunks(MAX_PARAMS / 4) {
        let mut qb =
            QueryBuilder::<Sqlite>::new("INSERT INTO change_log (entity, entity_id, op, at) ");
        qb.push_values(chunk, |mut b, id| {
            b.push_bind(entity.as_str())
                .push_bind(*id)
                .push_bind(op.as_str())
                .push_bind(now);
        });
        qb.build().execute(&mut *conn).await.map_err(db_err)?;
    }
    Ok(())
}

async fn insert_employers(
    conn: &mut SqliteConnection,
    employers: &[NewEmployer],
) -> StoreResult<Vec<Employer>> {
    let mut out = Vec::with_capacity(employers.len());
    for e in employers {
        let e = e
            .clone()
            .validate()
            .map_err(|v| StoreError::Invalid(v.to_string()))?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO employers (name, place_id, description, website, demo, created_at, kind) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(&e.name)
        .bind(e.place_id)
        .bind(&e.description)
        .bind(&e.website)
        .bind(e.demo)
        .bind(now_micros())
        .bind(e.kind.as_str())
        .fetch_one(&mut *conn)
        .await
        .map_err(db_err)?;
        out.push(id);
    }
    log_changes(conn, Entity::Employer, ChangeOp::Upsert, &out).await?;
    let mut employers_out = Vec::with_capacity(out.len());
    for id in out {
        let row = sqlx::query(rows::EMPLOYER_SELECT_BY_ID)
            .bind(id)
            .fetch_one(&mut *conn)
            .await
            .map_err(db_err)?;
        employers_out.push(rows::employer_from_row(&row).map_err(db_err)?);
    }
    Ok(employers_out)
}

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

/// Binds one job's values in the order of [`JOB_COLUMN_LIST`].
fn push_job_row<'q>(
    b: &mut sqlx::query_builder::Separated<'_, 'q, Sqlite, &'static str>,
    j: &'q NewJob,
    now: chrono::DateTime<Utc>,
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
        .push_bind(micros(j.posted_at))
        .push_bind(j.valid_through)
        .push_bind(&j.apply.url)
        .push_bind(&j.apply.email)
        .push_bind(j.source.as_str())
        .push_bind(&j.external_id)
        .push_bind(j.demo)
        .push_bind(now)
        .push_bind(j.status.as_str());
}

async fn insert_jobs(conn: &mut SqliteConnection, jobs: &[NewJob]) -> StoreResult<Vec<i64>> {
    let now = now_micros();
    let mut ids = Vec::with_capacity(jobs.len());
    for chunk in jobs.chunks(MAX_PARAMS / JOB_COLUMN_LIST.len()) {
        let mut qb = QueryBuilder::<Sqlite>::new(format!(
            "INSERT INTO jobs ({}) ",
            JOB_COLUMN_LIST.join(", ")
        ));
        qb.push_values(chunk, |mut b, j| push_job_row(&mut b, j, now));
        qb.push(" RETURNING id");
        let mut chunk_ids: Vec<i64> = qb
            .build_query_scalar()
            .fetch_all(&mut *conn)
            .await
            .map_err(db_err)?;
        // Rows are inserted in VALUES order inside one write transaction, so ascending ids
        // correspond to input order whatever order RETURNING reports them in.
        chunk_ids.sort_unstable();
        ids.extend(chunk_ids);
    }
    log_changes(conn, Entity::Job, ChangeOp::Upsert, &ids).await?;
    Ok(ids)
}

/// Replaces every column of job `id` (which must exist).
async fn update_job(conn: &mut SqliteConnection, id: i64, j: &NewJob) -> StoreResult<()> {
    let mut qb = QueryBuilder::<Sqlite>::new(format!(
        "UPDATE jobs SET ({}) = (",
        JOB_COLUMN_LIST.join(", ")
    ));
    {
        let mut row = qb.separated(", ");
        push_job_row(&mut row, j, now_micros());
    }
    qb.push(") WHERE id = ").push_bind(id);
    let done = qb.build().execute(&mut *conn).await.map_err(db_err)?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound(format!("job {id}")));
    }
    log_changes(conn, Entity::Job, ChangeOp::Upsert, &[id]).await
}

async fn begin_immediate(pool: &SqlitePool) -> StoreResult<sqlx::pool::PoolConnection<Sqlite>> {
    let mut conn = pool.acquire().await.map_err(db_err)?;
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut *conn)
        .await
        .map_err(db_err)?;
    Ok(conn)
}

async fn finish<T>(
    mut conn: sqlx::pool::PoolConnection<Sqlite>,
    result: StoreResult<T>,
) -> StoreResult<T> {
    let end = if result.is_ok() { "COMMIT" } else { "ROLLBACK" };
    let ended = sqlx::query(end).execute(&mut *conn).await.map_err(db_err);
    match (result, ended) {
        (Ok(v), Ok(_)) => Ok(v),
        (Err(e), _) | (Ok(_), Err(e)) => Err(e),
    }
}

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
    row: &sqlx::sqlite::SqliteRow,
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
fn bind_value(b: &mut sqlx::query_builder::Separated<'_, '_, Sqlite, &'static str>, v: Value) {
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

async fn import_rows(
    conn: &mut SqliteConnection,
    table: Table,
    rows: &[serde_json::Map<String, serde_json::Value>],
) -> StoreResult<()> {
    let columns = table.columns();
    let values = rows
        .iter()
        .map(|r| transfer::row_from_json(table, r))
        .collect::<StoreResult<Vec<_>>>()?;
    let names: Vec<&str> = columns.iter().map(|(c, _)| *c).collect();
    for chunk in values.chunks(MAX_PARAMS / columns.len()) {
        let mut qb = QueryBuilder::<Sqlite>::new(format!(
            "INSERT INTO {} ({}) ",
            table.as_str(),
            names.join(", ")
        ));
        qb.push_values(chunk.iter().cloned(), |mut b, row| {
            for v in row {
                bind_value(&mut b, v);
            }
        });
        qb.build().execute(&mut *conn).await.map_err(db_err)?;
    }
    Ok(())
}

#[async_trait]
impl Store for SqliteStore {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    async fn load_initial(
        &self,
        places: &[Place],
        demo: Option<DemoData>,
    ) -> StoreResult<LoadOutcome> {
        // BEGIN IMMEDIATE takes SQLite's write lock at once: a second process starting at
        // the same time waits here (busy timeout), then finds the places and skips.
        let mut conn = begin_immediate(&self.pool).await?;
        let result = async {
            let n: i64 = sqlx::query_scalar("SELECT count(*) FROM places")
                .fetch_one(&mut *conn)
                .await
                .map_err(db_err)?;
            if n > 0 {
                return Ok(LoadOutcome::AlreadyLoaded);
            }
            insert_places(&mut conn, places).await?;
            let mut demo_jobs = 0;
            if let Some(demo) = demo {
                let employers = insert_employers(&mut conn, &demo.employers).await?;
                let jobs = (demo.jobs)(&employers);
                demo_jobs = insert_jobs(&mut conn, &jobs).await?.len();
            }
            Ok(LoadOutcome::Loaded {
                places: places.len(),
                demo_jobs,
            })
        }
        .await;
        finish(conn, result).await
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
        let mut conn = begin_immediate(&self.pool).await?;
        let result = insert_employers(&mut conn, employers).await;
        finish(conn, result).await
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
        let mut conn = begin_immediate(&self.pool).await?;
        let result = async {
            let done = sqlx::query(
                "UPDATE employers SET name = ?, place_id = ?, description = ?, website = ?, kind = ? WHERE id = ?",
            )
            .bind(&e.name)
            .bind(e.place_id)
            .bind(&e.description)
            .bind(&e.website)
            .bind(e.kind.as_str())
            .bind(id)
            .execute(&mut *conn)
            .await
            .map_err(db_err)?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound(format!("organisation {id}")));
            }
            log_changes(&mut conn, Entity::Employer, ChangeOp::Upsert, &[id]).await?;
            let jobs: Vec<i64> = sqlx::query_scalar("SELECT id FROM jobs WHERE employer_id = ? ORDER BY id")
                .bind(id)
                .fetch_all(&mut *conn)
                .await
                .map_err(db_err)?;
            log_changes(&mut conn, Entity::Job, ChangeOp::Upsert, &jobs).await
        }
        .await;
        finish(conn, result).await
    }

    async fn jobs_of_employer(&self, employer_id: i64, limit: i64) -> StoreResult<Vec<Job>> {
        self.jobs_where(
            "j.employer_id = ? ORDER BY j.updated_at DESC, j.id DESC LIMIT ?",
            employer_id,
            limit,
        )
        .await
    }

    async fn insert_jobs(&self, jobs: &[NewJob]) -> StoreResult<Vec<i64>> {
        let mut conn = begin_immediate(&self.pool).await?;
        let result = insert_jobs(&mut conn, jobs).await;
        finish(conn, result).await
    }

    async fn update_job(&self, id: i64, j: &NewJob) -> StoreResult<()> {
        let mut conn = begin_immediate(&self.pool).await?;
        let result = update_job(&mut conn, id, j).await;
        finish(conn, result).await
    }

    async fn delete_job(&self, id: i64) -> StoreResult<()> {
        let mut conn = begin_immediate(&self.pool).await?;
        let result = async {
            let done = sqlx::query("DELETE FROM jobs WHERE id = ?")
                .bind(id)
                .execute(&mut *conn)
                .await
                .map_err(db_err)?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound(format!("job {id}")));
            }
            log_changes(&mut conn, Entity::Job, ChangeOp::Delete, &[id]).await
        }
        .await;
        finish(conn, result).await
    }

    async fn job(&self, id: i64) -> StoreResult<Option<Job>> {
        let row = sqlx::query(&format!("{JOB_SELECT} WHERE j.id = ?"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await
            .map_err(db_err)?;
        row.map(|r| job_from_row(&r)).transpose().map_err(db_err)
    }

    async fn jobs_by_ids(&self, ids: &[i64]) -> StoreResult<Vec<Job>> {
        let mut found = std::collections::HashMap::with_capacity(ids.len());
        for chunk in ids.chunks(MAX_PARAMS) {
            let mut qb = QueryBuilder::<Sqlite>::new(JOB_SELECT);
            qb.push(" WHERE j.id IN (");
            let mut sep = qb.separated(", ");
            for id in chunk {
                sep.push_bind(*id);
            }
            qb.push(")");
            for row in qb.build().fetch_all(&self.pool).await.map_err(db_err)? {
                let job = job_from_row(&row).map_err(db_err)?;
                found.insert(job.id, job);
            }
        }
        Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
    }

    async fn jobs_at_place(
        &self,
        place_id: i64,
        today: chrono::NaiveDate,
        limit: i64,
    ) -> StoreResult<(u64, Vec<Job>)> {
        const OPEN: &str = "j.place_id = ? AND j.status = 'published' \
                            AND (j.valid_through IS NULL OR j.valid_through >= ?)";
        let total: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM jobs j WHERE {OPEN}"))
            .bind(place_id)
            .bind(today)
            .fetch_one(&self.pool)
            .await
            .map_err(db_err)?;
        let rows = sqlx::query(&format!(
            "{JOB_SELECT} WHERE {OPEN} ORDER BY j.posted_at DESC, j.id DESC LIMIT ?"
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
        self.jobs_where("j.id > ? ORDER BY j.id LIMIT ?", after_id, limit)
            .await
    }

    async fn changes_since(&self, after: i64, limit: i64) -> StoreResult<Vec<Change>> {
        let rows = sqlx::query(
            "SELECT seq, entity, entity_id, op, at FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?",
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
        sqlx::query_scalar("SELECT coalesce(max(seq), 0) FROM change_log")
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
        // Made once: of several processes racing here, the first insert wins and every
        // one of them reads that.
        sqlx::query(
            "INSERT INTO store_meta (key, value) \
             VALUES ('installation_id', lower(hex(randomblob(16)))) \
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
            "SELECT {} FROM {t} WHERE {k} > ? ORDER BY {k} LIMIT ?",
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

    async fn import_rows(
        &self,
        table: Table,
        rows: &[serde_json::Map<String, serde_json::Value>],
    ) -> StoreResult<()> {
        let mut conn = begin_immediate(&self.pool).await?;
        let result = import_rows(&mut conn, table, rows).await;
        finish(conn, result).await
    }

    async fn finish_import(&self) -> StoreResult<()> {
        // Inserting an explicit id into an AUTOINCREMENT table raises its sqlite_sequence
        // entry already; this makes sure of it (and is a no-op then).
        let mut conn = begin_immediate(&self.pool).await?;
        let result = async {
            for table in Table::ALL.into_iter().filter(|t| *t != Table::Places) {
                let (t, k) = (table.as_str(), table.key());
                let max: i64 =
                    sqlx::query_scalar(&format!("SELECT coalesce(max({k}), 0) FROM {t}"))
                        .fetch_one(&mut *conn)
                        .await
                        .map_err(db_err)?;
                if max == 0 {
                    continue;
                }
                let updated =
                    sqlx::query("UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = ?")
                        .bind(max)
                        .bind(t)
                        .execute(&mut *conn)
                        .await
                        .map_err(db_err)?;
                if updated.rows_affected() == 0 {
                    sqlx::query("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)")
                        .bind(t)
                        .bind(max)
                        .execute(&mut *conn)
                        .await
                        .map_err(db_err)?;
                }
            }
            // Another database's data now: the next installation_id() makes a new one.
            sqlx::query("DELETE FROM store_meta WHERE key = 'installation_id'")
                .execute(&mut *conn)
                .await
                .map_err(db_err)?;
            Ok(())
        }
        .await;
        finish(conn, result).await
    }

    async fn is_empty(&self) -> StoreResult<bool> {
        let any: bool = sqlx::query_scalar(&any_rows_sql())
            .fetch_one(&self.pool)
            .await
            .map_err(db_err)?;
        Ok(!any)
    }
}
