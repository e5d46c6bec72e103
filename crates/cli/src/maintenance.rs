//! `bleibe maintenance`: the jobs an operator runs regularly (e.g. nightly from cron or
//! a systemd timer). Today: the retention rule of case management — persons whose cases
//! were all closed (or declined) more than N months ago, and persons recorded without a
//! case whose record has not changed for N months, are erased, leaving the anonymised
//! statistical trace of their cases (docs/PRIVACY.md).

use crate::{db, DbArgs};
use chrono::{Months, NaiveDate, Utc};

/// Options of `bleibe maintenance`.
#[derive(clap::Args, Debug)]
pub struct MaintenanceArgs {
    #[command(flatten)]
    db: DbArgs,
    /// Erase persons whose cases all closed more than this many months ago (1–120).
    #[arg(long, env = "BLEIBE_CASE_RETENTION_MONTHS", default_value_t = 24,
          value_parser = clap::value_parser!(u32).range(1..=120))]
    case_retention_months: u32,
    /// Say what would be erased, erase nothing.
    #[arg(long)]
    dry_run: bool,
    /// The day to count from (default today; for trials).
    #[arg(long)]
    today: Option<NaiveDate>,
}

/// The cut-off day: cases closed before it are due.
pub fn cutoff(today: NaiveDate, months: u32) -> NaiveDate {
    today
        .checked_sub_months(Months::new(months))
        .unwrap_or(NaiveDate::MIN)
}

/// Runs the retention rule and prints what it did.
pub async fn run(args: MaintenanceArgs) -> anyhow::Result<()> {
    let (store, _) = db::open(&args.db).await?;
    let today = args.today.unwrap_or_else(|| Utc::now().date_naive());
    let before = cutoff(today, args.case_retention_months);
    let due = store.persons_for_retention(before).await?;
    if args.dry_run {
        println!(
            "retention: {} person(s) whose cases all closed before {before} (or who have none and were last changed before it) would be erased (dry run)",
            due.len()
        );
        return Ok(());
    }
    let outbox = args.db.data_dir.join("outbox");
    let (mut cases, mut documents, mut mails) = (0, 0, 0);
    for id in &due {
        let erased = store.erase_person(*id, "retention").await?;
        cases += erased.cases;
        documents += erased.documents;
        if let Some(address) = &erased.email {
            mails += bleibe_web::auth::mail::forget_in_outbox(&outbox, address);
        }
    }
    println!(
        "retention: erased {} person(s) whose cases all closed before {before} (or who have none and were last changed before it): {cases} case(s) kept as anonymised statistics, {documents} document(s) and {mails} outbox mail(s) deleted",
        due.len()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cutoff_counts_calendar_months_back() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(cutoff(d("2026-11-30"), 24), d("2024-11-30"));
        // The last day of a shorter month.
        assert_eq!(cutoff(d("2026-03-31"), 1), d("2026-02-28"));
    }
}
