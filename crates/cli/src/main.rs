//! The `bleibe` binary: `serve`, `seed`, `migrate`, `reindex`, `backup`, `restore`,
//! `copy`, `openapi`, `bench`, `maintenance`, and the operator commands `user`, `org` and
//! `token`.

mod accounts;
mod backup;
mod bench;
mod db;
mod demo_networks;
mod import;
mod maintenance;
mod networks;
mod reindex;
mod seed;
mod serve;

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// bleibe — arrive and stay: a platform for regional skilled-worker networks.
#[derive(Parser)]
#[command(name = "bleibe", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Where the data lives; every subcommand that touches the database takes these.
#[derive(Args, Clone, Debug)]
pub struct DbArgs {
    /// Directory for local state: the search index (`index/`) and, without
    /// --database-url, the SQLite database (`bleibe.db`).
    #[arg(long, env = "BLEIBE_DATA_DIR", default_value = "./bleibe-data")]
    pub data_dir: PathBuf,
    /// Database URL (`postgres://…` or `sqlite:…`); without it SQLite at
    /// `<data-dir>/bleibe.db` is used.
    #[arg(long, env = "BLEIBE_DATABASE_URL")]
    pub database_url: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the portal (HTML and API).
    Serve(Box<serve::ServeArgs>),
    /// Load places and N deterministic demo jobs (for benchmarks and trials).
    Seed(seed::SeedArgs),
    /// Apply the database migrations (idempotent) and report the schema state.
    Migrate(DbArgs),
    /// Rebuild the search index (the `index` folder in the data dir) from the database,
    /// from scratch (stop `bleibe serve` on this data dir first).
    Reindex(DbArgs),
    /// Write every table to a backend-neutral backup file (JSON Lines; gzip if FILE ends
    /// in .gz).
    Backup(BackupArgs),
    /// Restore a backup file into an empty database.
    Restore(RestoreArgs),
    /// Copy every table from one database into another, empty one (e.g. SQLite to
    /// PostgreSQL).
    Copy(CopyArgs),
    /// Print the OpenAPI description of the HTTP API.
    Openapi,
    /// Benchmarks that print figures.
    #[command(subcommand)]
    Bench(bench::Bench),
    /// User accounts: `user add` (with a password from stdin, or a set-password link).
    #[command(subcommand)]
    User(accounts::UserCommand),
    /// Organisations: `org add`, `org grant` (a user's role), `org verify`.
    #[command(subcommand)]
    Org(accounts::OrgCommand),
    /// API tokens: `token create` (printed once).
    #[command(subcommand)]
    Token(accounts::TokenCommand),
    /// Networks: `network add`, `network join` (a member organisation), `network admin`.
    #[command(subcommand)]
    Network(networks::NetworkCommand),
    /// Imports of real data: `import roads`, `import gtfs`, `import osm-pois`,
    /// `import place-profiles`.
    #[command(subcommand)]
    Import(import::Import),
    /// Regular upkeep (run it nightly): erases persons whose cases all closed more than
    /// `--case-retention-months` ago, keeping the anonymised statistics.
    Maintenance(maintenance::MaintenanceArgs),
}

/// Options of `bleibe backup`.
#[derive(Args, Debug)]
struct BackupArgs {
    #[command(flatten)]
    db: DbArgs,
    /// The backup file to write (gzip-compressed if it ends in `.gz`).
    #[arg(long)]
    to: PathBuf,
}

/// Options of `bleibe restore`.
#[derive(Args, Debug)]
struct RestoreArgs {
    #[command(flatten)]
    db: DbArgs,
    /// The backup file to read (gzip-compressed if it ends in `.gz`).
    #[arg(long)]
    from: PathBuf,
}

/// Options of `bleibe copy`.
#[derive(Args, Debug)]
struct CopyArgs {
    /// Source database URL: `sqlite:PATH` or `postgres://…`.
    #[arg(long)]
    from: String,
    /// Target database URL (must be empty): `sqlite:PATH` or `postgres://…`.
    #[arg(long)]
    to: String,
}

/// Opens a database named by URL alone (for `copy`).
async fn open_url(url: &str) -> anyhow::Result<std::sync::Arc<dyn bleibe_store::Store>> {
    let args = DbArgs {
        data_dir: PathBuf::from("."),
        database_url: Some(url.to_string()),
    };
    Ok(db::open(&args).await?.0)
}

fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,tower_http=info,sqlx=warn,tantivy=warn"));
    let json = std::env::var("BLEIBE_LOG_FORMAT").is_ok_and(|v| v == "json");
    // Colours only on a terminal: log files and journald get plain text.
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(ansi)
        .with_writer(std::io::stderr);
    if json {
        builder.json().init();
    } else {
        builder.compact().init();
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Serve(args) => {
            init_tracing();
            serve::run(*args).await
        }
        Command::Seed(args) => {
            init_tracing();
            seed::run(args).await
        }
        Command::Migrate(args) => {
            init_tracing();
            let (store, backend) = db::open(&args).await?;
            let counts = store.counts().await?;
            println!(
                "schema is current ({backend:?}); {} places, {} employers, {} jobs",
                counts.places, counts.employers, counts.jobs
            );
            Ok(())
        }
        Command::Maintenance(args) => maintenance::run(args).await,
        Command::Reindex(args) => {
            init_tracing();
            reindex::run(args).await
        }
        Command::Backup(args) => {
            init_tracing();
            let (store, _) = db::open(&args.db).await?;
            let summary = backup::backup(store.as_ref(), &args.to).await?;
            summary.print(&format!(
                "backed up the {} database to {}",
                store.backend(),
                args.to.display()
            ));
            Ok(())
        }
        Command::Restore(args) => {
            init_tracing();
            let (store, _) = db::open(&args.db).await?;
            let summary = backup::restore(store.as_ref(), &args.from).await?;
            summary.print(&format!(
                "restored {} into the {} database",
                args.from.display(),
                store.backend()
            ));
            Ok(())
        }
        Command::Copy(args) => {
            init_tracing();
            let from = open_url(&args.from).await?;
            let to = open_url(&args.to).await?;
            let summary = backup::copy(from.as_ref(), to.as_ref()).await?;
            summary.print(&format!(
                "copied {} to {}",
                db::redact(&args.from),
                db::redact(&args.to)
            ));
            Ok(())
        }
        Command::Bench(b) => {
            init_tracing();
            bench::run(b).await
        }
        Command::User(c) => {
            init_tracing();
            accounts::user(c).await
        }
        Command::Org(c) => {
            init_tracing();
            accounts::org(c).await
        }
        Command::Token(c) => {
            init_tracing();
            accounts::token(c).await
        }
        Command::Network(c) => {
            init_tracing();
            networks::run(c).await
        }
        Command::Import(i) => {
            init_tracing();
            import::run(i).await
        }
        Command::Openapi => {
            println!(
                "{}",
                serde_json::to_string_pretty(&bleibe_web::api::openapi())?
            );
            Ok(())
        }
    }
}
