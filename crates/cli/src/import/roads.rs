//! `bleibe import` (in progress).

use crate::DbArgs;
use clap::Args;

/// Options.
#[derive(Args, Debug)]
pub struct RoadsArgs {
    #[command(flatten)]
    db: DbArgs,
}

/// Runs the import.
pub async fn run(args: RoadsArgs) -> anyhow::Result<()> {
    let _ = args.db;
    anyhow::bail!("not built yet")
}
