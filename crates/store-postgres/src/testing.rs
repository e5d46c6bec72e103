//! Test harness (feature `testing`): every test gets its own PostgreSQL database, cloned
//! in a few milliseconds from a template, so tests run in parallel (threads and
//! processes) without seeing each other's data.
//!
//! ```no_run
//! # async fn t() {
//! use bleibe_store_postgres::testing::{test_database, test_url};
//! let Some(server) = test_url() else { return }; // BLEIBE_TEST_POSTGRES_URL unset
//! let db = test_database(&server, true).await; // schema + the 11,870 real places
//! // `db.url` for code that connects itself, `&*db` / `db.store` as a `PgStore`.
//! # }
//! ```
//!
//! - Test databases are named `bleibe_test_<pid>_<n>` and dropped when the
//!   [`TestDatabase`] is dropped. Databases left by crashed runs (whose process no longer
//!   exists, per `/proc/<pid>`: test processes and the server must share a machine, as in
//!   CI) are dropped when the harness first runs in a process.
//! - Templates are `bleibe_tmpl_<hash>_schema` (migrated, empty) and
//!   `bleibe_tmpl_<hash>_places` (plus [`bleibe_geo::embedded_places`] loaded through
//!   [`Store::load_initial`], change log entries included). The hash covers the
//!   migrations (and the places), so a schema change makes new templates; templates are
//!   kept between runs and built under a server-wide advisory lock.

use crate::{PgStore, MIGRATOR};
use bleibe_store::Store;
use sqlx::{Connection, PgConnection};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use tokio::sync::Mutex;

/// The environment variable naming the PostgreSQL server for tests, e.g.
/// `postgres://root@127.0.0.1:5432/test` (the database named must exist; test databases
/// are created next to it).
pub const URL_ENV: &str = "BLEIBE_TEST_POSTGRES_URL";

/// Bump when the way templates are built changes (not needed for migrations: they are
/// hashed).
const HARNESS_VERSION: &[u8] = b"bleibe-pg-harness-1";

/// Advisory lock key held (session-level, in the database of the base URL) while a
/// process checks for and builds templates.
const TEMPLATE_LOCK: i64 = 0x626c_6569_6265_0003;

/// Prefix of every per-test database.
const TEST_DB_PREFIX: &str = "bleibe_test_";

/// Numbers the databases of this process.
static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Per base URL: whether leftovers were cleaned up, and the templates known to exist.
static STATE: Mutex<BTreeMap<String, ServerState>> = Mutex::const_new(BTreeMap::new());

#[derive(Default)]
struct ServerState {
    cleaned: bool,
    schema: Option<String>,
    places: Option<String>,
}

/// The test server URL from [`URL_ENV`], or `None` when it is not set (tests then skip).
///
/// # Panics
///
/// When it is not set but `CI=true`: CI must not silently skip PostgreSQL.
pub fn test_url() -> Option<String> {
    match std::env::var(URL_ENV) {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ => {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!(
                    "{URL_ENV} is not set but CI=true: CI must run the PostgreSQL tests. \
                     Set it, e.g. {URL_ENV}=postgres://root@127.0.0.1:5432/test"
                );
            }
            None
        }
    }
}

/// A database of its own for one test, with a store connected to it. Derefs to the
/// [`PgStore`]; dropping it closes the store and drops the database.
pub struct TestDatabase {
    /// URL of this database, for code under test that connects by itself.
    pub url: String,
    /// A store on it (already migrated).
    pub store: PgStore,
    /// The database name (`bleibe_test_<pid>_<n>`).
    pub name: String,
    base_url: String,
}

impl std::ops::Deref for TestDatabase {
    type Target = PgStore;
    fn deref(&self) -> &PgStore {
        &self.store
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        // Close the pool where the runtime allows blocking; elsewhere (current-thread
        // runtimes, no runtime) mark it closed and let `DROP … WITH (FORCE)` end the
        // connections.
        let store = self.store.clone();
        match tokio::runtime::Handle::try_current() {
            Ok(h) if h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => {
                tokio::task::block_in_place(|| {
                    h.block_on(async {
                        let _ = tokio::time::timeout(Duration::from_secs(10), store.close()).await;
                    })
                });
            }
            _ => drop(store.pool().close()),
        }
        // Our own thread and runtime: Drop may run inside any runtime, or none.
        let base = self.base_url.clone();
        let name = self.name.clone();
        let dropped = std::thread::spawn(move || -> Result<(), String> {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| e.to_string())?;
            rt.block_on(async {
                let mut admin = admin(&base).await.map_err(|e| e.to_string())?;
                drop_database(&mut admin, &name)
                    .await
                    .map_err(|e| e.to_string())?;
                admin.close().await.map_err(|e| e.to_string())
            })
        })
        .join();
        match dropped {
            Ok(Ok(())) => {}
            Ok(Err(e)) => eprintln!("warning: could not drop test database {}: {e}", self.name),
            Err(_) => eprintln!("warning: dropping test database {} panicked", self.name),
        }
    }
}

/// Creates a fresh database for one test on the server at `base_url` (see [`test_url`])
/// from a template: with the schema only, or also with the 11,870 real places
/// (`with_places`). Panics on failure: it is for tests.
pub async fn test_database(base_url: &str, with_places: bool) -> TestDatabase {
    let template = template(base_url, with_places).await;
    let name = format!(
        "{TEST_DB_PREFIX}{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    let mut admin = admin(base_url).await.expect("connect to the test server");
    // A database of this name can only be left over from a dead process with our pid.
    drop_database(&mut admin, &name)
        .await
        .expect("drop leftover database");
    sqlx::raw_sql(&format!(
        "CREATE DATABASE {} TEMPLATE {}",
        ident(&name),
        ident(&template)
    ))
    .execute(&mut admin)
    .await
    .unwrap_or_else(|e| panic!("create test database {name} from {template}: {e}"));
    let _ = admin.close().await;
    let url = database_url(base_url, &name);
    let store = PgStore::connect(&url)
        .await
        .unwrap_or_else(|e| panic!("connect to test database {name}: {e}"));
    TestDatabase {
        url,
        store,
        name,
        base_url: base_url.to_string(),
    }
}

/// `base_url` with its database replaced by `database` (query parameters kept).
pub fn database_url(base_url: &str, database: &str) -> String {
    let (main, query) = match base_url.split_once('?') {
        Some((m, q)) => (m, Some(q)),
        None => (base_url, None),
    };
    let authority_start = main.find("://").map(|i| i + 3).unwrap_or(0);
    let prefix = match main[authority_start..].find('/') {
        Some(i) => &main[..authority_start + i],
        None => main,
    };
    match query {
        Some(q) => format!("{prefix}/{database}?{q}"),
        None => format!("{prefix}/{database}"),
    }
}

/// The name of the template holding the schema (and the places).
async fn template(base_url: &str, with_places: bool) -> String {
    let mut state = STATE.lock().await;
    let server = state.entry(base_url.to_string()).or_default();
    if !server.cleaned {
        drop_leftovers(base_url).await;
        server.cleaned = true;
    }
    let known = if with_places {
        &server.places
    } else {
        &server.schema
    };
    if let Some(name) = known {
        return name.clone();
    }
    let schema = match &server.schema {
        Some(name) => name.clone(),
        None => {
            let name = build_template(base_url, None).await;
            server.schema = Some(name.clone());
            name
        }
    };
    if !with_places {
        return schema;
    }
    let places = build_template(base_url, Some(&schema)).await;
    server.places = Some(places.clone());
    places
}

/// Makes sure a template exists (building it under the server-wide lock if not) and
/// returns its name: the schema template when `from` is `None`, else the places template
/// cloned from the schema template `from`.
async fn build_template(base_url: &str, from: Option<&str>) -> String {
    let mut hash = Fnv::new();
    hash.write(HARNESS_VERSION);
    for m in MIGRATOR.iter() {
        hash.write(&m.version.to_le_bytes());
        hash.write(&m.checksum);
    }
    let places = match from {
        Some(_) => {
            let places = bleibe_geo::embedded_places().expect("embedded places");
            for p in &places {
                hash.write(format!("{p:?}").as_bytes());
            }
            Some(places)
        }
        None => None,
    };
    let kind = if places.is_some() { "places" } else { "schema" };
    let name = format!("bleibe_tmpl_{:016x}_{kind}", hash.0);

    let mut admin = admin(base_url).await.expect("connect to the test server");
    if database_exists(&mut admin, &name).await {
        let _ = admin.close().await;
        return name;
    }
    sqlx::query("SELECT pg_advisory_lock($1)")
        .bind(TEMPLATE_LOCK)
        .execute(&mut admin)
        .await
        .expect("template lock");
    if !database_exists(&mut admin, &name).await {
        // Built under another name and renamed when complete: a run that dies halfway
        // never leaves a broken template behind.
        let building = format!("{name}_new");
        drop_database(&mut admin, &building)
            .await
            .expect("drop half-built template");
        let create = match from {
            Some(schema) => format!(
                "CREATE DATABASE {} TEMPLATE {}",
                ident(&building),
                ident(schema)
            ),
            None => format!("CREATE DATABASE {} TEMPLATE template0", ident(&building)),
        };
        sqlx::raw_sql(&create)
            .execute(&mut admin)
            .await
            .unwrap_or_else(|e| panic!("create {building}: {e}"));
        let store = PgStore::connect(&database_url(base_url, &building))
            .await
            .unwrap_or_else(|e| panic!("migrate {building}: {e}"));
        if let Some(places) = &places {
            store
                .load_initial(places, None)
                .await
                .unwrap_or_else(|e| panic!("load places into {building}: {e}"));
        }
        store.close().await;
        // Dropping the pool too: a connection returned while it closed may still sit in
        // it. Server processes of closed connections exit asynchronously, and RENAME
        // (unlike CREATE DATABASE) does not wait for them.
        drop(store);
        wait_until_unused(&mut admin, &building).await;
        sqlx::raw_sql(&format!(
            "ALTER DATABASE {} RENAME TO {}",
            ident(&building),
            ident(&name)
        ))
        .execute(&mut admin)
        .await
        .unwrap_or_else(|e| panic!("rename {building}: {e}"));
        // A template nobody connects to can always be cloned.
        sqlx::raw_sql(&format!(
            "ALTER DATABASE {} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false",
            ident(&name)
        ))
        .execute(&mut admin)
        .await
        .unwrap_or_else(|e| panic!("mark {name} as template: {e}"));
    }
    sqlx::query("SELECT pg_advisory_unlock($1)")
        .bind(TEMPLATE_LOCK)
        .execute(&mut admin)
        .await
        .expect("template unlock");
    let _ = admin.close().await;
    name
}

/// Drops `bleibe_test_<pid>_*` databases of processes that no longer exist.
async fn drop_leftovers(base_url: &str) {
    if !std::path::Path::new("/proc/self").exists() {
        return; // cannot tell which processes run
    }
    let mut admin = admin(base_url).await.expect("connect to the test server");
    let names: Vec<String> = sqlx::query_scalar(
        "SELECT datname FROM pg_database WHERE datname LIKE 'bleibe\\_test\\_%'",
    )
    .fetch_all(&mut admin)
    .await
    .expect("list databases");
    for name in names {
        let Some(pid) = name
            .strip_prefix(TEST_DB_PREFIX)
            .and_then(|rest| rest.split('_').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !std::path::Path::new(&format!("/proc/{pid}")).exists() {
            if let Err(e) = drop_database(&mut admin, &name).await {
                eprintln!("warning: could not drop leftover test database {name}: {e}");
            }
        }
    }
    let _ = admin.close().await;
}

/// Waits (up to 10 s) until no session is connected to database `name`.
async fn wait_until_unused(admin: &mut PgConnection, name: &str) {
    for _ in 0..200 {
        let sessions: i64 =
            sqlx::query_scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = $1")
                .bind(name)
                .fetch_one(&mut *admin)
                .await
                .expect("query pg_stat_activity");
        if sessions == 0 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn admin(base_url: &str) -> Result<PgConnection, sqlx::Error> {
    PgConnection::connect(base_url).await
}

async fn database_exists(admin: &mut PgConnection, name: &str) -> bool {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
        .bind(name)
        .fetch_one(admin)
        .await
        .expect("query pg_database")
}

async fn drop_database(admin: &mut PgConnection, name: &str) -> Result<(), sqlx::Error> {
    sqlx::raw_sql(&format!(
        "DROP DATABASE IF EXISTS {} WITH (FORCE)",
        ident(name)
    ))
    .execute(admin)
    .await
    .map(|_| ())
}

/// A quoted identifier.
fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// FNV-1a, 64 bit: a hash that stays the same across processes and toolchains.
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::database_url;

    #[test]
    fn database_is_replaced_in_urls() {
        assert_eq!(
            database_url("postgres://root@127.0.0.1:5432/test", "x"),
            "postgres://root@127.0.0.1:5432/x"
        );
        assert_eq!(
            database_url("postgres://u:p@h/db?sslmode=disable", "x"),
            "postgres://u:p@h/x?sslmode=disable"
        );
        assert_eq!(
            database_url("postgres://h:5432", "x"),
            "postgres://h:5432/x"
        );
    }
}
