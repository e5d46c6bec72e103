//! Test servers and signed-in callers. Read-only tests share one server (loading 11,870
//! places and 2,000 jobs once); tests that write get a fresh one each.

use bleibe_domain::{NewEmployer, NewUser, OrgKind};
use bleibe_store::accounts::Session;
use bleibe_store::{DemoData, Store};
use bleibe_store_sqlite::SqliteStore;
use bleibe_web::auth::crypto::{random_token, sha256_hex};
use bleibe_web::{AppState, SiteConfig};
use chrono::Utc;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

pub struct TestApp {
    pub base: String,
    /// The data dir: the SQLite file (on SQLite) and the mail outbox.
    pub data_dir: std::path::PathBuf,
    pub store: Arc<dyn Store>,
    pub client: reqwest::Client,
    /// Keeps the database alive: a temporary directory (SQLite) or a test database
    /// (PostgreSQL) that is dropped with the app.
    _guard: Box<dyn std::any::Any + Send + Sync>,
    /// Dropping the sender would stop the index follower.
    _stop: tokio::sync::watch::Sender<bool>,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request")
    }

    pub async fn json(&self, path: &str) -> serde_json::Value {
        let res = self.get(path).await;
        assert_eq!(res.status(), 200, "GET {path}");
        res.json().await.expect("json")
    }

    pub async fn text(&self, path: &str) -> (u16, String, String) {
        let res = self.get(path).await;
        let status = res.status().as_u16();
        let ct = res
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        (status, ct, res.text().await.expect("body"))
    }
}

/// The backend the HTTP tests run on: SQLite, or PostgreSQL when
/// `BLEIBE_TEST_HTTP_BACKEND=postgres` (CI runs the suite once that way).
pub fn backend() -> &'static str {
    match std::env::var("BLEIBE_TEST_HTTP_BACKEND").as_deref() {
        Ok("postgres") => "postgres",
        _ => "sqlite",
    }
}

/// Starts a server over a fresh database with places and `demo_jobs` demo jobs.
pub async fn start(demo_jobs: usize) -> TestApp {
    let places = bleibe_geo::embedded_places().expect("places");
    let today = chrono::Utc::now().date_naive();
    let (store, guard): (Arc<dyn Store>, Box<dyn std::any::Any + Send + Sync>) = if backend()
        == "postgres"
    {
        let url = bleibe_store_postgres::testing::test_url()
            .expect("BLEIBE_TEST_POSTGRES_URL must be set for PostgreSQL HTTP tests");
        // The template already holds the places: add the demo data as `serve --demo`
        // would, through the store.
        let db = bleibe_store_postgres::testing::test_database(&url, true).await;
        let store = bleibe_store_postgres::PgStore::connect(&db.url)
            .await
            .expect("connect");
        let employers = store
            .insert_employers(&bleibe_demo::employers())
            .await
            .expect("employers");
        let jobs: Vec<_> = bleibe_demo::jobs(bleibe_demo::DEFAULT_SEED, &employers, &places, today)
            .take(demo_jobs)
            .collect();
        store.insert_jobs(&jobs).await.expect("jobs");
        (Arc::new(store), Box::new(db))
    } else {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = SqliteStore::open_file(&dir.path().join("bleibe.db"))
            .await
            .expect("open");
        let all = places.clone();
        let demo = DemoData {
            employers: bleibe_demo::employers(),
            jobs: Box::new(move |employers| {
                bleibe_demo::jobs(bleibe_demo::DEFAULT_SEED, employers, &all, today)
                    .take(demo_jobs)
                    .collect()
            }),
        };
        store.load_initial(&places, Some(demo)).await.expect("load");
        (Arc::new(store), Box::new(dir))
    };
    let data = tempfile::tempdir().expect("tempdir");
    let data_dir = match guard.downcast_ref::<tempfile::TempDir>() {
        Some(dir) => dir.path().to_path_buf(),
        None => data.path().to_path_buf(),
    };
    let guard: Box<dyn std::any::Any + Send + Sync> = Box::new((guard, data));
    let started = AppState::start(
        store.clone(),
        SiteConfig {
            outbox_dir: Some(data_dir.join("outbox")),
            ..SiteConfig::default()
        },
        Duration::from_millis(50),
    )
    .await
    .map_err(|e| format!("{e:?}"))
    .expect("start");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(bleibe_web::serve(
        listener,
        started.state,
        std::future::pending(),
    ));
    let stop = started.stop;
    TestApp {
        base,
        data_dir,
        store,
        // No pooled connections: tests run on different runtimes, and a connection's task
        // dies with the runtime that opened it.
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .pool_max_idle_per_host(0)
            .build()
            .expect("client"),
        _guard: guard,
        _stop: stop,
    }
}

/// The shared read-only server with the full demo data (2,000 jobs), running on its own
/// runtime so that it outlives each test's runtime.
pub fn shared() -> &'static TestApp {
    static APP: OnceLock<TestApp> = OnceLock::new();
    APP.get_or_init(|| {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async move {
                let app = start(bleibe_demo::DEFAULT_JOBS).await;
                tx.send(app).expect("send");
                std::future::pending::<()>().await;
            });
        });
        rx.recv().expect("shared app")
    })
}

/// Asserts a problem+json answer and returns its body.
pub async fn problem(app: &TestApp, path: &str, status: u16) -> serde_json::Value {
    problem_of(app.get(path).await, status, &format!("GET {path}")).await
}

/// Asserts that `res` is a problem+json answer with `status` and returns its body.
pub async fn problem_of(res: reqwest::Response, status: u16, what: &str) -> serde_json::Value {
    assert_eq!(res.status().as_u16(), status, "{what}");
    let ct = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    assert_eq!(ct, "application/problem+json", "{what}");
    let body: serde_json::Value = res.json().await.expect("json");
    assert_eq!(body["status"], status, "{body}");
    assert!(
        body["title"].as_str().is_some_and(|t| !t.is_empty()),
        "{body}"
    );
    assert!(
        body["detail"].as_str().is_some_and(|t| !t.is_empty()),
        "{body}"
    );
    assert!(body["type"].as_str().is_some(), "{body}");
    body
}

/// Great-circle distance, independent of the code under test.
pub fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let r = 6371.0088_f64;
    let (la1, la2) = (a.0.to_radians(), b.0.to_radians());
    let dla = (b.0 - a.0).to_radians();
    let dlo = (b.1 - a.1).to_radians();
    let h = (dla / 2.0).sin().powi(2) + la1.cos() * la2.cos() * (dlo / 2.0).sin().powi(2);
    2.0 * r * h.sqrt().asin()
}

pub const SPREMBERG: (f64, f64) = (51.5696, 14.37385);

/// A signed-in user: the session cookie's value and the CSRF token of their forms.
pub struct Who {
    pub id: i64,
    pub cookie: String,
    pub csrf: String,
}

impl Who {
    /// The `Cookie` header that carries the session.
    pub fn cookie_header(&self) -> String {
        format!("bleibe_session={}", self.cookie)
    }
}

/// Creates a user with a confirmed address and no password (tests sign them in by
/// session, see [`session_for`]).
pub async fn new_user(app: &TestApp, email: &str, platform_admin: bool) -> i64 {
    app.store
        .create_user(&NewUser {
            email: email.into(),
            display_name: email.split('@').next().unwrap_or("x").into(),
            password_hash: None,
            language: "de".into(),
            platform_admin,
            email_verified: true,
        })
        .await
        .expect("user")
        .id
}

/// A new session for a user, made in the store (what signing in would make).
pub async fn session_for(app: &TestApp, user_id: i64) -> Who {
    new_session(app, user_id, None).await
}

/// A new session for a user, confirmed with a second factor (what signing in with
/// password and TOTP code would make): the policy sees `second_factor: true`. The
/// user's two-factor settings are left as they are, so their other sessions (made with
/// [`session_for`]) keep working.
pub async fn session_with_second_factor(app: &TestApp, user_id: i64) -> Who {
    new_session(app, user_id, Some(Utc::now())).await
}

async fn new_session(
    app: &TestApp,
    user_id: i64,
    second_factor_at: Option<chrono::DateTime<Utc>>,
) -> Who {
    let cookie = random_token();
    let csrf = random_token();
    let now = Utc::now();
    app.store
        .create_session(&Session {
            id_hash: sha256_hex(cookie.as_bytes()),
            user_id,
            csrf_token: csrf.clone(),
            created_at: now,
            expires_at: now + chrono::Duration::hours(1),
            second_factor_at,
        })
        .await
        .expect("session");
    Who {
        id: user_id,
        cookie,
        csrf,
    }
}

/// A new user, signed in.
pub async fn signed_in(app: &TestApp, email: &str, platform_admin: bool) -> Who {
    let id = new_user(app, email, platform_admin).await;
    session_for(app, id).await
}

/// An organisation made in the store.
pub async fn org(app: &TestApp, name: &str, kind: OrgKind, place_id: i64) -> i64 {
    app.store
        .insert_employers(&[NewEmployer {
            name: name.into(),
            place_id,
            description: String::new(),
            website: None,
            demo: false,
            kind,
        }])
        .await
        .expect("org")[0]
        .id
}

/// GET as `who` (or anonymously): status and body.
pub async fn get_as(app: &TestApp, who: Option<&Who>, path: &str) -> (u16, String) {
    let mut req = app.client.get(app.url(path));
    if let Some(w) = who {
        req = req.header("cookie", w.cookie_header());
    }
    let res = req.send().await.expect("request");
    let status = res.status().as_u16();
    (status, res.text().await.expect("body"))
}

/// Posts a form as `who`, with their CSRF token.
pub async fn post_as(
    app: &TestApp,
    who: &Who,
    path: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let mut pairs = vec![("csrf", who.csrf.as_str())];
    pairs.extend_from_slice(fields);
    app.client
        .post(app.url(path))
        .header("cookie", who.cookie_header())
        .form(&pairs)
        .send()
        .await
        .expect("request")
}

/// A response header as text ("" when absent).
pub fn header(res: &reqwest::Response, name: &str) -> String {
    res.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

/// The `Location` of a redirect ("" when absent).
pub fn location(res: &reqwest::Response) -> String {
    header(res, "location")
}

/// The `Set-Cookie` header of a response for cookie `name`.
pub fn set_cookie(res: &reqwest::Response, name: &str) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .map(str::to_string)
}

/// The value in a `Set-Cookie` header.
pub fn cookie_value(set_cookie: &str) -> String {
    let (_, rest) = set_cookie.split_once('=').expect("name=value");
    rest.split(';').next().expect("value").to_string()
}

/// A browser before sign-in, as a form page makes it: its CSRF cookie (as a `Cookie`
/// header) and token.
pub async fn anonymous(app: &TestApp) -> (String, String) {
    let res = app.get("/login").await;
    assert_eq!(res.status(), 200);
    let token = cookie_value(&set_cookie(&res, "bleibe_csrf").expect("CSRF cookie"));
    (format!("bleibe_csrf={token}"), token)
}
