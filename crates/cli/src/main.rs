//! The `bleibe` binary: `serve`, `seed` and `openapi`.

mod bench;
mod db;
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
    /// Directory for the embedded database and other local state.
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
    /// Print the OpenAPI description of the HTTP API.
    Openapi,
    /// Benchmarks that print figures.
    #[command(subcommand)]
    Bench(bench::Bench),
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
        Command::Bench(b) => {
            init_tracing();
            bench::run(b).await
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
