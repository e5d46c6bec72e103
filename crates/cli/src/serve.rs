//! `bleibe serve`.

use crate::{db, DbArgs};
use anyhow::Context;
use bleibe_web::{AppState, SiteConfig};
use clap::Args;
use std::net::SocketAddr;
use std::time::Duration;

/// Options of `bleibe serve`.
#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "BLEIBE_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    #[command(flatten)]
    db: DbArgs,
    /// Load demo employers and jobs into an empty database (default on SQLite, never
    /// without it on PostgreSQL).
    #[arg(long, conflicts_with = "no_demo")]
    demo: bool,
    /// Never load demo data.
    #[arg(long)]
    no_demo: bool,
    /// Name of the portal.
    #[arg(long, env = "BLEIBE_SITE_NAME", default_value = "bleibe")]
    site_name: String,
    /// Operator for the Impressum (§ 5 DDG).
    #[arg(long, env = "BLEIBE_OPERATOR_NAME")]
    operator_name: Option<String>,
    /// Postal address of the operator ("\n" separates lines).
    #[arg(long, env = "BLEIBE_OPERATOR_ADDRESS")]
    operator_address: Option<String>,
    /// Contact e-mail of the operator.
    #[arg(long, env = "BLEIBE_CONTACT_EMAIL")]
    contact_email: Option<String>,
    /// External Impressum page (the footer links there instead of /impressum).
    #[arg(long, env = "BLEIBE_IMPRESSUM_URL")]
    impressum_url: Option<String>,
    /// External privacy notice.
    #[arg(long, env = "BLEIBE_PRIVACY_URL")]
    privacy_url: Option<String>,
    /// External accessibility statement.
    #[arg(long, env = "BLEIBE_ACCESSIBILITY_URL")]
    accessibility_url: Option<String>,
    /// Where people report accessibility barriers.
    #[arg(long, env = "BLEIBE_ACCESSIBILITY_EMAIL")]
    accessibility_email: Option<String>,
    /// Home region as "lat,lon": ambiguous place names resolve near it (default: Lausitz).
    #[arg(long, env = "BLEIBE_HOME", value_parser = parse_home)]
    home: Option<(f64, f64)>,
    /// Name of the home region.
    #[arg(long, env = "BLEIBE_HOME_NAME", default_value = "Lausitz")]
    home_name: String,
    /// Public base URL, for links in e-mails; session cookies are `Secure` when it
    /// starts with https://.
    #[arg(long, env = "BLEIBE_PUBLIC_URL", default_value_t = SiteConfig::default().public_url)]
    public_url: String,
    /// A reverse proxy in front sets X-Forwarded-For and X-Forwarded-Proto: take the
    /// client address and scheme from them (only behind a proxy that overwrites them).
    #[arg(long, env = "BLEIBE_TRUST_PROXY", value_parser = clap::builder::BoolishValueParser::new())]
    trust_proxy: bool,
    /// Origin allowed to frame the /embed widget, e.g. `https://partner.example`
    /// (repeatable; comma-separated in the environment variable).
    #[arg(
        long = "embed-origin",
        env = "BLEIBE_EMBED_ORIGINS",
        value_delimiter = ','
    )]
    embed_origins: Vec<String>,
    /// SMTP server URL (smtps://user:pass@mail.example:465); without it mail is written
    /// as .eml files to `<data-dir>/outbox`.
    #[arg(long, env = "BLEIBE_SMTP_URL")]
    smtp_url: Option<String>,
    /// Sender of e-mails.
    #[arg(long, env = "BLEIBE_MAIL_FROM", default_value_t = SiteConfig::default().mail_from)]
    mail_from: String,
}

/// Parses `--home` ("lat,lon").
pub(crate) fn parse_home(s: &str) -> Result<(f64, f64), String> {
    let (a, b) = s
        .split_once(',')
        .ok_or_else(|| "expected \"lat,lon\", e.g. 51.5,14.4".to_string())?;
    let lat: f64 = a
        .trim()
        .parse()
        .map_err(|_| format!("bad latitude {a:?}"))?;
    let lon: f64 = b
        .trim()
        .parse()
        .map_err(|_| format!("bad longitude {b:?}"))?;
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err("latitude must be within ±90 and longitude within ±180".into());
    }
    Ok((lat, lon))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!(error = %e, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down");
}

/// Runs the server until SIGTERM or Ctrl-C.
pub async fn run(args: ServeArgs) -> anyhow::Result<()> {
    // The search index first: when another process holds it (a second `serve` on this
    // data dir, a `reindex`), stop before touching the database.
    let index = crate::reindex::open_index(&bleibe_search::index_dir(&args.db.data_dir))?;
    let (store, backend) = db::open(&args.db).await?;
    // Demo data by default only on the embedded database: a PostgreSQL installation is
    // a real one unless the operator asks for the demo.
    let demo = match backend {
        db::Backend::Sqlite => !args.no_demo,
        db::Backend::Postgres => args.demo,
    };
    let demo_jobs = if demo { bleibe_demo::DEFAULT_JOBS } else { 0 };
    db::load_initial(store.as_ref(), demo_jobs).await?;
    let config = SiteConfig {
        site_name: args.site_name,
        operator_name: args.operator_name,
        operator_address: args.operator_address.map(|a| a.replace("\\n", "\n")),
        contact_email: args.contact_email,
        impressum_url: args.impressum_url,
        privacy_url: args.privacy_url,
        accessibility_url: args.accessibility_url,
        accessibility_feedback_email: args.accessibility_email,
        home: args.home.unwrap_or(bleibe_geo::DEFAULT_HOME),
        home_name: args.home_name,
        public_url: args.public_url.trim_end_matches('/').to_string(),
        trust_proxy: args.trust_proxy,
        embed_origins: args.embed_origins,
        smtp_url: args.smtp_url,
        mail_from: args.mail_from,
        outbox_dir: Some(args.db.data_dir.join("outbox")),
    };
    let started =
        AppState::start_with_index(store.clone(), config, Duration::from_millis(250), index)
            .await
            .map_err(|e| anyhow::anyhow!("cannot start: {:?}", e))?;
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("cannot listen on {}", args.addr))?;
    let addr = listener.local_addr()?;
    tracing::info!("bleibe is running at http://{addr}");
    bleibe_web::serve(listener, started.state, shutdown_signal()).await?;
    let _ = started.stop.send(true);
    let _ = started.follower.await;
    tracing::info!("stopped");
    Ok(())
}
