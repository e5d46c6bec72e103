//! `bleibe import place-profiles`: place profile values from a CSV file.
//!
//! The file has a header line naming the columns `place_id`, `key`, `value`, `source`
//! and `as_of` (in any order; further columns are ignored), separated by `,` or — as
//! German spreadsheets write it — `;` (the header decides). One value per line:
//!
//! ```text
//! place_id,key,value,source,as_of
//! 2830085,kita,14,Stadt Spremberg,2026-09-30
//! 2830085,median_rent_eur_m2,6.20,Mietspiegel Spremberg 2026,2026-01-01
//! 2830085,rail_lines,"RE 18, RB 65",VBB,2026-08-15
//! ```
//!
//! `place_id` is the GeoNames id; `key` one of the profile keys
//! ([`bleibe_domain::living::ProfileKey`]); `value` a number (a decimal comma is
//! accepted) or, for `rail_lines` and `contact`, a text; `as_of` a date `YYYY-MM-DD`.
//! Each row is checked as an edit on the place's page is
//! ([`bleibe_domain::living::ProfileValue::validate`]); a bad row is reported with its
//! line number and reason and left out, the others are imported in one transaction.
//! An imported value replaces whatever the place had for the key (of several rows for
//! the same place and key, the last wins).

use crate::{db, DbArgs};
use anyhow::{bail, Context};
use bleibe_domain::living::{ProfileKey, ProfileValue, Value};
use bleibe_store::profiles::{ProfileRow, Replace};
use bleibe_store::Store;
use chrono::NaiveDate;
use clap::Args;
use std::collections::{BTreeSet, HashSet};
use std::path::PathBuf;

/// The columns the header must name.
pub const COLUMNS: [&str; 5] = ["place_id", "key", "value", "source", "as_of"];

/// Bad rows listed in the summary; the rest are counted.
const LIST_AT_MOST: usize = 50;

/// Options of `bleibe import place-profiles`.
#[derive(Args, Debug)]
pub struct ProfilesArgs {
    #[command(flatten)]
    db: DbArgs,
    /// The CSV file: a header line, then place_id,key,value,source,as_of per line.
    #[arg(long)]
    csv: PathBuf,
}

/// A row left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRow {
    /// Line number in the file (the header is line 1).
    pub line: u64,
    /// What is wrong.
    pub reason: String,
}

/// What a file holds: the good rows and the bad ones.
#[derive(Debug, Default)]
pub struct Parsed {
    /// Rows to import.
    pub rows: Vec<ProfileRow>,
    /// Rows left out.
    pub bad: Vec<BadRow>,
}

/// Parses the file's text; `places` are the known place ids, `today` the latest
/// allowed `as_of`. A missing or incomplete header is an error.
pub fn parse(text: &str, places: &HashSet<i64>, today: NaiveDate) -> anyhow::Result<Parsed> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or_default();
    let delimiter = if first.contains(';') && !first.contains(',') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header = reader.headers().context("reading the header line")?.clone();
    let mut at = [0usize; 5];
    for (i, column) in COLUMNS.iter().enumerate() {
        at[i] = header
            .iter()
            .position(|h| h.eq_ignore_ascii_case(column))
            .with_context(|| {
                format!(
                    "the header line must name the columns {} (it has: {})",
                    COLUMNS.join(","),
                    header.iter().collect::<Vec<_>>().join(",")
                )
            })?;
    }
    let mut parsed = Parsed::default();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                parsed.bad.push(BadRow {
                    line,
                    reason: format!("unreadable: {e}"),
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(str::is_empty) {
            continue;
        }
        let field = |i: usize| record.get(at[i]).unwrap_or_default();
        match row(
            [field(0), field(1), field(2), field(3), field(4)],
            places,
            today,
        ) {
            Ok(r) => parsed.rows.push(r),
            Err(reason) => parsed.bad.push(BadRow { line, reason }),
        }
    }
    Ok(parsed)
}

/// One row's value, or why it is bad.
fn row(
    [place_id, key, value, source, as_of]: [&str; 5],
    places: &HashSet<i64>,
    today: NaiveDate,
) -> Result<ProfileRow, String> {
    let place_id: i64 = place_id
        .parse()
        .map_err(|_| format!("place_id: {place_id:?} is not a GeoNames id"))?;
    if !places.contains(&place_id) {
        return Err(format!("place_id: no place {place_id}"));
    }
    let key = ProfileKey::parse(key).ok_or_else(|| {
        format!(
            "key: {key:?} is not a profile key (one of {})",
            ProfileKey::expected()
        )
    })?;
    if value.is_empty() {
        return Err(format!("{key}.value: missing"));
    }
    let value = if key.is_number() {
        let n: f64 = value
            .replace(',', ".")
            .parse()
            .map_err(|_| format!("{key}.value: {value:?} is not a number"))?;
        Value::Number(n)
    } else {
        Value::Text(value.to_string())
    };
    let as_of = NaiveDate::parse_from_str(as_of, "%Y-%m-%d")
        .map_err(|_| format!("{key}.as_of: {as_of:?} is not a date YYYY-MM-DD"))?;
    let value = ProfileValue::new(value, source, as_of)
        .validate(key, today)
        .map_err(|e| e.to_string())?;
    Ok(ProfileRow {
        place_id,
        key,
        value,
    })
}

/// Imports the good rows of `parsed`; returns how many values were written.
pub async fn import(store: &dyn Store, parsed: &Parsed) -> anyhow::Result<usize> {
    store
        .import_profile_values(&parsed.rows, Replace::All)
        .await
        .context("storing the values")
}

/// Runs the import.
pub async fn run(args: ProfilesArgs) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.csv)
        .with_context(|| format!("cannot read {}", args.csv.display()))?;
    let (store, _) = db::open(&args.db).await?;
    db::load_initial(store.as_ref(), 0).await?;
    let places: HashSet<i64> = store
        .places()
        .await
        .context("reading the places")?
        .iter()
        .map(|p| p.id)
        .collect();
    let parsed = parse(&text, &places, chrono::Utc::now().date_naive())
        .with_context(|| format!("{} is no place profile CSV", args.csv.display()))?;
    let written = import(store.as_ref(), &parsed).await?;
    let touched: BTreeSet<i64> = parsed.rows.iter().map(|r| r.place_id).collect();
    println!(
        "{}: rows: {}; values imported: {} (places: {}); bad rows left out: {}",
        args.csv.display(),
        parsed.rows.len() + parsed.bad.len(),
        written,
        touched.len(),
        parsed.bad.len()
    );
    for b in parsed.bad.iter().take(LIST_AT_MOST) {
        println!("  line {}: {}", b.line, b.reason);
    }
    if parsed.bad.len() > LIST_AT_MOST {
        println!("  … and {} more", parsed.bad.len() - LIST_AT_MOST);
    }
    if parsed.rows.is_empty() && !parsed.bad.is_empty() {
        bail!("no row of {} could be imported", args.csv.display());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use bleibe_store::{PlaceProfiles, Store};
    use bleibe_store_sqlite::SqliteStore;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 30).expect("date")
    }

    fn places() -> HashSet<i64> {
        bleibe_store::conformance::sample_places()
            .iter()
            .map(|p| p.id)
            .collect()
    }

    #[test]
    fn bad_rows_are_reported_with_line_and_reason() {
        let text = "\
place_id,key,value,source,as_of
2830085,kita,14,Stadt Spremberg,2026-09-30
2830085,rail_lines,\"RE 18, RB 65\",VBB,2026-08-15
1,kita,3,x,2026-01-01
2830085,kitas,3,x,2026-01-01
2830085,gp,2.5,KV,2026-01-01
2830085,gp,drei,KV,2026-01-01
2830085,gp,3,,2026-01-01
2830085,gp,3,KV,2027-01-01
2830085,gp,3,KV,01.01.2026
abc,gp,3,KV,2026-01-01

2898304,median_rent_eur_m2,\"6,85\",Mietspiegel,2026-01-01
";
        let parsed = parse(text, &places(), today()).expect("parse");
        let lines: Vec<u64> = parsed.bad.iter().map(|b| b.line).collect();
        assert_eq!(lines, [4, 5, 6, 7, 8, 9, 10, 11], "{:?}", parsed.bad);
        let reason = |line| {
            parsed
                .bad
                .iter()
                .find(|b| b.line == line)
                .map(|b| b.reason.clone())
                .expect("bad row")
        };
        assert!(
            reason(4).starts_with("place_id: no place 1"),
            "{}",
            reason(4)
        );
        assert!(reason(5).starts_with("key: \"kitas\""), "{}", reason(5));
        assert!(reason(6).starts_with("gp.value"), "{}", reason(6));
        assert!(reason(7).contains("not a number"), "{}", reason(7));
        assert!(reason(8).starts_with("gp.source"), "{}", reason(8));
        assert!(reason(9).starts_with("gp.as_of"), "{}", reason(9));
        assert!(reason(10).contains("YYYY-MM-DD"), "{}", reason(10));
        assert!(reason(11).starts_with("place_id"), "{}", reason(11));
        assert_eq!(parsed.rows.len(), 3);
        assert_eq!(
            parsed.rows[1].value.value,
            Value::Text("RE 18, RB 65".into())
        );
        assert_eq!(parsed.rows[2].value.value, Value::Number(6.85));
    }

    #[test]
    fn the_header_is_required_and_may_use_semicolons() {
        let err =
            parse("2830085,kita,14,x,2026-01-01\n", &places(), today()).expect_err("no header");
        assert!(
            err.to_string().contains("place_id,key,value,source,as_of"),
            "{err}"
        );
        let text = "\u{feff}As_Of;Source;Value;Key;Place_ID;Bemerkung\n2026-01-01;Stadt;6,5;median_rent_eur_m2;2830085;geprüft\n";
        let parsed = parse(text, &places(), today()).expect("parse");
        assert!(parsed.bad.is_empty(), "{:?}", parsed.bad);
        assert_eq!(parsed.rows[0].value.value, Value::Number(6.5));
        assert_eq!(parsed.rows[0].value.source, "Stadt");
    }

    #[tokio::test]
    async fn good_rows_are_imported_and_replace_stored_values() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = SqliteStore::open_file(&dir.path().join("bleibe.db"))
            .await
            .expect("open");
        store
            .load_initial(&bleibe_store::conformance::sample_places(), None)
            .await
            .expect("load");
        store
            .set_place_profile_values(
                2830085,
                &[(
                    ProfileKey::Kita,
                    ProfileValue::new(Value::Number(2.0), "osm", today()),
                )],
                None,
            )
            .await
            .expect("earlier");
        let text = "place_id,key,value,source,as_of\n2830085,kita,14,Stadt Spremberg,2026-09-30\n2830085,contact,Frau Beispiel,Stadt Spremberg,2026-09-30\nx,kita,1,y,2026-01-01\n";
        let parsed = parse(text, &places(), today()).expect("parse");
        assert_eq!(parsed.bad.len(), 1);
        assert_eq!(import(&store, &parsed).await.expect("import"), 2);
        let p = store.place_profile(2830085).await.expect("profile");
        assert_eq!(p.number(ProfileKey::Kita), Some(14.0));
        assert_eq!(
            p.get(ProfileKey::Kita).expect("kita").source,
            "Stadt Spremberg"
        );
        assert_eq!(p.text(ProfileKey::Contact), Some("Frau Beispiel"));
        assert!(!p.has_demo());
    }
}
