//! `bleibe import` (in progress).

use crate::DbArgs;
use clap::Args;

/// Options.
#[derive(Args, Debug)]
pub struct OsmPoisArgs {
    #[command(flatten)]
    db: DbArgs,
}

/// Runs the import.
pub async fn run(args: OsmPoisArgs) -> anyhow::Result<()> {
    let _ = args.db;
    anyhow::bail!("not built yet")
}
