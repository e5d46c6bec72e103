//! Open data of a network: its measures and events as CSV and JSON.
//!
//! Only [`Visibility::Public`] records are written (members-only records are skipped,
//! whatever the caller passes), and only the public, non-personal fields listed in
//! [`MEASURE_COLUMNS`] and [`EVENT_COLUMNS`]: never registrations, contact persons or
//! anything else about a person.
//!
//! **CSV** (RFC 4180): UTF-8 without byte-order mark, CRLF line ends, a header row with
//! the column names, one row per record; fields holding a comma, a double quote or a line
//! break are enclosed in double quotes (a quote doubled). Empty field = no value.
//! Values: numbers in plain decimal notation (`25000`, `0.25`), dates `YYYY-MM-DD`,
//! instants RFC 3339 in UTC (`2026-05-09T08:00:00Z`), booleans `true`/`false`,
//! vocabularies by their wire name (`welcome_culture`). Lists are joined by `|`
//! ([`LIST_SEPARATOR`]); inside a list item a literal `|` is written `\|` and a literal
//! `\` is written `\\`.
//!
//! **JSON**: an array with one object per record, the keys being the column names, the
//! values typed (numbers, `null` for no value, arrays for lists, and indicators as
//! objects).

use bleibe_domain::cooperation::{Event, Indicator, Measure, Visibility};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use serde_json::{json, Value};

/// The `Content-Type` to serve the CSV with.
pub const CSV_CONTENT_TYPE: &str = "text/csv; charset=utf-8; header=present";

/// The separator of list items inside one CSV field.
pub const LIST_SEPARATOR: char = '|';

/// The columns of the measures table, in order (CSV header; JSON keys).
///
/// - `id`: store id.
/// - `title`: title.
/// - `organisation`: name of the owner organisation.
/// - `cluster`: `sport`, `culture`, `recreation`, `social`, `tourism` or `other`.
/// - `field`: field of action, `recruitment`, `training`, `soft_factors`, `image`,
///   `welcome_culture` or `career_orientation`.
/// - `target_groups`: list of `returnees`, `commuters`, `international`, `pupils`,
///   `students`, `employees`.
/// - `start_date`, `end_date`: first and last day, `YYYY-MM-DD`, may be empty.
/// - `status`: `planned`, `running`, `completed` or `stopped`.
/// - `budget_eur`: budget in whole euros, may be empty.
/// - `funding`: `esf_plus`, `jtf`, `strukturstaerkung`, `own` or `other`, may be empty.
/// - `place_ids`: list of the GeoNames ids of the places it happens at.
/// - `indicators`: list of `name=actual/target`, `actual` being the latest value (empty
///   when none was measured yet); split an item at its last `=`, the rest at `/`.
///   JSON: objects `{name, unit, target, actual, values: [{period, actual}]}`.
/// - `links`: list of http(s) links.
/// - `demo`: `true` for fictitious demo records.
/// - `updated_at`: last change, RFC 3339 UTC.
pub const MEASURE_COLUMNS: [&str; 16] = [
    "id",
    "title",
    "organisation",
    "cluster",
    "field",
    "target_groups",
    "start_date",
    "end_date",
    "status",
    "budget_eur",
    "funding",
    "place_ids",
    "indicators",
    "links",
    "demo",
    "updated_at",
];

/// The columns of the events table, in order (CSV header; JSON keys).
///
/// - `id`: store id.
/// - `kind`: `returnee_day`, `job_fair`, `consultation_day`, `info_event` or
///   `working_group_meeting`.
/// - `title`: title.
/// - `organiser`: name of the organising organisation.
/// - `network_id`: the network whose calendar lists it, may be empty.
/// - `starts_at`, `ends_at`: RFC 3339 UTC.
/// - `venue`, `address`: where, may be empty.
/// - `online_url`: link to join online, may be empty.
/// - `capacity`: places, empty = no limit.
/// - `registered`: number of people registered (a count, no names).
/// - `url`: the event's page.
/// - `demo`: `true` for fictitious demo records.
/// - `cancelled`: `true` when the organiser called the event off.
///
/// New columns are only ever appended.
pub const EVENT_COLUMNS: [&str; 15] = [
    "id",
    "kind",
    "title",
    "organiser",
    "network_id",
    "starts_at",
    "ends_at",
    "venue",
    "address",
    "online_url",
    "capacity",
    "registered",
    "url",
    "demo",
    "cancelled",
];

/// The public measures as CSV, columns [`MEASURE_COLUMNS`].
pub fn measures_csv(measures: &[Measure]) -> String {
    write_csv(
        &MEASURE_COLUMNS,
        public_measures(measures).map(|m| measure_row(m).to_vec()),
    )
}

/// The public measures as JSON: an array of objects keyed by [`MEASURE_COLUMNS`].
pub fn measures_json(measures: &[Measure]) -> Value {
    public_measures(measures)
        .map(|m| {
            let d = &m.data;
            json!({
                "id": m.id,
                "title": d.title,
                "organisation": m.org_name,
                "cluster": d.cluster.as_str(),
                "field": d.field.as_str(),
                "target_groups": d.target_groups.iter().map(|t| t.as_str()).collect::<Vec<_>>(),
                "start_date": d.start_date.map(day),
                "end_date": d.end_date.map(day),
                "status": d.status.as_str(),
                "budget_eur": d.budget_eur,
                "funding": d.funding.map(|f| f.as_str()),
                "place_ids": d.place_ids,
                "indicators": d.indicators.iter().map(|i| json!({
                    "name": i.name,
                    "unit": i.unit,
                    "target": i.target,
                    "actual": i.latest(),
                    "values": i.values.iter().map(|v| json!({
                        "period": v.period,
                        "actual": v.actual,
                    })).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
                "links": d.links,
                "demo": d.demo,
                "updated_at": instant(m.updated_at),
            })
        })
        .collect()
}

/// The public events as CSV, columns [`EVENT_COLUMNS`]; `event_url(id)` gives the
/// absolute URL of an event's page (column `url`).
pub fn events_csv(events: &[Event], event_url: impl Fn(i64) -> String) -> String {
    write_csv(
        &EVENT_COLUMNS,
        public_events(events).map(|e| event_row(e, &event_url).to_vec()),
    )
}

/// The public events as JSON: an array of objects keyed by [`EVENT_COLUMNS`];
/// `event_url(id)` gives the absolute URL of an event's page (key `url`).
pub fn events_json(events: &[Event], event_url: impl Fn(i64) -> String) -> Value {
    public_events(events)
        .map(|e| {
            let d = &e.data;
            json!({
                "id": e.id,
                "kind": d.kind.as_str(),
                "title": d.title,
                "organiser": e.org_name,
                "network_id": d.network_id,
                "starts_at": instant(d.starts_at),
                "ends_at": instant(d.ends_at),
                "venue": d.venue,
                "address": d.address,
                "online_url": d.online_url,
                "capacity": d.capacity,
                "registered": e.registered,
                "url": event_url(e.id),
                "demo": d.demo,
                "cancelled": e.is_cancelled(),
            })
        })
        .collect()
}

fn public_measures(measures: &[Measure]) -> impl Iterator<Item = &Measure> {
    measures
        .iter()
        .filter(|m| m.data.visibility == Visibility::Public)
}

fn public_events(events: &[Event]) -> impl Iterator<Item = &Event> {
    events
        .iter()
        .filter(|e| e.data.visibility == Visibility::Public)
}

/// One CSV row of a measure, in the order of [`MEASURE_COLUMNS`].
fn measure_row(m: &Measure) -> [String; 16] {
    let d = &m.data;
    [
        m.id.to_string(),
        d.title.clone(),
        m.org_name.clone(),
        d.cluster.as_str().into(),
        d.field.as_str().into(),
        list(d.target_groups.iter().map(|t| t.as_str())),
        d.start_date.map(day).unwrap_or_default(),
        d.end_date.map(day).unwrap_or_default(),
        d.status.as_str().into(),
        optional(d.budget_eur),
        d.funding
            .map(|f| f.as_str().to_string())
            .unwrap_or_default(),
        list(d.place_ids.iter().map(i64::to_string)),
        list(d.indicators.iter().map(indicator)),
        list(d.links.iter()),
        d.demo.to_string(),
        instant(m.updated_at),
    ]
}

/// One CSV row of an event, in the order of [`EVENT_COLUMNS`].
fn event_row(e: &Event, event_url: &impl Fn(i64) -> String) -> [String; 15] {
    let d = &e.data;
    [
        e.id.to_string(),
        d.kind.as_str().into(),
        d.title.clone(),
        e.org_name.clone(),
        optional(d.network_id),
        instant(d.starts_at),
        instant(d.ends_at),
        d.venue.clone(),
        d.address.clone(),
        d.online_url.clone().unwrap_or_default(),
        optional(d.capacity),
        e.registered.to_string(),
        event_url(e.id),
        d.demo.to_string(),
        e.is_cancelled().to_string(),
    ]
}

/// `name=actual/target`, `actual` being the latest value or empty.
fn indicator(i: &Indicator) -> String {
    let actual = i.latest().map(|a| a.to_string()).unwrap_or_default();
    format!("{}={actual}/{}", i.name, i.target)
}

/// Joins list items by [`LIST_SEPARATOR`], escaping `\` and `|` inside an item.
fn list<S: AsRef<str>>(items: impl Iterator<Item = S>) -> String {
    items
        .map(|item| item.as_ref().replace('\\', "\\\\").replace('|', "\\|"))
        .collect::<Vec<_>>()
        .join("|")
}

fn optional(v: Option<i64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn instant(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Writes a header row and the rows as RFC 4180 CSV with CRLF line ends.
fn write_csv(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing rows of equal length into memory cannot fail.
    w.write_record(header).expect("CSV into memory");
    for row in rows {
        w.write_record(&row).expect("CSV into memory");
    }
    let bytes = w.into_inner().expect("CSV into memory");
    String::from_utf8(bytes).expect("CSV of strings is UTF-8")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feeds::samples::{event_url, tricky_events, tricky_measures};
    use std::collections::BTreeSet;

    /// Splits a list field: the inverse of [`list`].
    fn split_list(field: &str) -> Vec<String> {
        if field.is_empty() {
            return vec![];
        }
        let mut items = vec![String::new()];
        let mut chars = field.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => items
                    .last_mut()
                    .expect("an item")
                    .push(chars.next().expect("an escaped character")),
                '|' => items.push(String::new()),
                c => items.last_mut().expect("an item").push(c),
            }
        }
        items
    }

    fn read(csv_text: &str) -> (Vec<String>, Vec<csv::StringRecord>) {
        let mut r = csv::ReaderBuilder::new().from_reader(csv_text.as_bytes());
        let header = r
            .headers()
            .expect("a header row")
            .iter()
            .map(str::to_string)
            .collect();
        let rows = r.records().collect::<Result<_, _>>().expect("valid CSV");
        (header, rows)
    }

    fn fmt_opt<T: ToString>(v: Option<T>) -> String {
        v.map(|v| v.to_string()).unwrap_or_default()
    }

    #[test]
    fn measures_round_trip_through_csv() {
        let measures = tricky_measures();
        let text = measures_csv(&measures);
        assert!(text.starts_with("id,title,organisation,cluster,field,target_groups,"));
        assert!(text.ends_with("\r\n"));
        let (header, rows) = read(&text);
        assert_eq!(header, MEASURE_COLUMNS);
        let public: Vec<&Measure> = measures
            .iter()
            .filter(|m| m.data.visibility == Visibility::Public)
            .collect();
        assert_eq!(public.len(), 2, "the members-only measure is not open data");
        assert_eq!(rows.len(), public.len());
        for (row, m) in rows.iter().zip(public) {
            let d = &m.data;
            let field = |name: &str| {
                let i = MEASURE_COLUMNS
                    .iter()
                    .position(|c| *c == name)
                    .expect("column");
                row.get(i).expect("field").to_string()
            };
            assert_eq!(row.len(), MEASURE_COLUMNS.len());
            assert_eq!(field("id").parse::<i64>().ok(), Some(m.id));
            assert_eq!(field("title"), d.title);
            assert_eq!(field("organisation"), m.org_name);
            assert_eq!(field("cluster"), d.cluster.as_str());
            assert_eq!(field("field"), d.field.as_str());
            assert_eq!(
                split_list(&field("target_groups")),
                d.target_groups
                    .iter()
                    .map(|t| t.as_str())
                    .collect::<Vec<_>>()
            );
            assert_eq!(field("start_date"), fmt_opt(d.start_date));
            assert_eq!(field("end_date"), fmt_opt(d.end_date));
            assert_eq!(field("status"), d.status.as_str());
            assert_eq!(field("budget_eur"), fmt_opt(d.budget_eur));
            assert_eq!(field("funding"), fmt_opt(d.funding));
            assert_eq!(
                split_list(&field("place_ids")),
                d.place_ids.iter().map(i64::to_string).collect::<Vec<_>>()
            );
            let indicators: Vec<(String, Option<f64>, f64)> = split_list(&field("indicators"))
                .iter()
                .map(|item| {
                    let (name, numbers) = item.rsplit_once('=').expect("name=actual/target");
                    let (actual, target) = numbers.split_once('/').expect("actual/target");
                    (
                        name.to_string(),
                        (!actual.is_empty()).then(|| actual.parse().expect("a number")),
                        target.parse().expect("a number"),
                    )
                })
                .collect();
            assert_eq!(
                indicators,
                d.indicators
                    .iter()
                    .map(|i| (i.name.clone(), i.latest(), i.target))
                    .collect::<Vec<_>>()
            );
            assert_eq!(split_list(&field("links")), d.links);
            assert_eq!(field("demo").parse::<bool>().ok(), Some(d.demo));
            assert_eq!(
                DateTime::parse_from_rfc3339(&field("updated_at")).ok(),
                Some(m.updated_at.fixed_offset())
            );
        }
        // Quoting really was needed: the title holds a comma, quotes and line breaks.
        assert!(text.contains("\"Willkommen, \"\"Rückkehrer\"\"; Zeile 1\nZeile 2\r\nÄÖÜ"));
        assert!(text.contains("Rückkehrer/innen beraten=61.5/100|Quote a=b \\| c\\\\d=/0.25"));
    }

    #[test]
    fn events_round_trip_through_csv() {
        let events = tricky_events();
        let text = events_csv(&events, event_url);
        assert!(text.starts_with(&format!("{}\r\n", EVENT_COLUMNS.join(","))));
        assert!(text.ends_with("\r\n"));
        let (header, rows) = read(&text);
        assert_eq!(header, EVENT_COLUMNS);
        let public: Vec<&Event> = events
            .iter()
            .filter(|e| e.data.visibility == Visibility::Public)
            .collect();
        assert_eq!(public.len(), 2, "the members-only event is not open data");
        assert_eq!(rows.len(), public.len());
        for (row, e) in rows.iter().zip(public) {
            let d = &e.data;
            let field = |name: &str| {
                let i = EVENT_COLUMNS
                    .iter()
                    .position(|c| *c == name)
                    .expect("column");
                row.get(i).expect("field").to_string()
            };
            assert_eq!(row.len(), EVENT_COLUMNS.len());
            assert_eq!(field("id").parse::<i64>().ok(), Some(e.id));
            assert_eq!(field("kind"), d.kind.as_str());
            assert_eq!(field("title"), d.title);
            assert_eq!(field("organiser"), e.org_name);
            assert_eq!(field("network_id"), fmt_opt(d.network_id));
            assert_eq!(
                DateTime::parse_from_rfc3339(&field("starts_at")).ok(),
                Some(d.starts_at.fixed_offset())
            );
            assert!(field("starts_at").ends_with('Z'));
            assert_eq!(
                DateTime::parse_from_rfc3339(&field("ends_at")).ok(),
                Some(d.ends_at.fixed_offset())
            );
            assert_eq!(field("venue"), d.venue);
            assert_eq!(field("address"), d.address);
            assert_eq!(
                field("online_url"),
                d.online_url.clone().unwrap_or_default()
            );
            assert_eq!(field("capacity"), fmt_opt(d.capacity));
            assert_eq!(field("registered").parse::<i64>().ok(), Some(e.registered));
            assert_eq!(field("url"), event_url(e.id));
            assert_eq!(field("demo").parse::<bool>().ok(), Some(d.demo));
            assert_eq!(
                field("cancelled").parse::<bool>().ok(),
                Some(e.is_cancelled())
            );
        }
        assert_eq!(
            EVENT_COLUMNS.last(),
            Some(&"cancelled"),
            "new columns are appended"
        );
        assert!(
            rows.iter()
                .any(|r| r.get(EVENT_COLUMNS.len() - 1) == Some("true")),
            "the called-off event says so"
        );
        assert!(text.contains(
            "\"Rückkehrertag 2026: Jobs, Wohnen; Familie – \"\"Komm zurück\"\" & bleib <hier>\""
        ));
    }

    #[test]
    fn json_holds_the_same_records_under_the_column_names() {
        let measures = tricky_measures();
        let (_, rows) = read(&measures_csv(&measures));
        let json = measures_json(&measures);
        let records = json.as_array().expect("an array");
        assert_eq!(records.len(), rows.len());
        for (record, row) in records.iter().zip(&rows) {
            let keys: BTreeSet<&str> = record
                .as_object()
                .expect("an object")
                .keys()
                .map(String::as_str)
                .collect();
            assert_eq!(
                keys,
                MEASURE_COLUMNS.into_iter().collect(),
                "nothing more, nothing less"
            );
            for (i, column) in MEASURE_COLUMNS.iter().enumerate() {
                let csv_field = row.get(i).expect("field");
                match &record[column] {
                    Value::String(s) => assert_eq!(s, csv_field, "{column}"),
                    Value::Number(n) => assert_eq!(n.to_string(), csv_field, "{column}"),
                    Value::Bool(b) => assert_eq!(b.to_string(), csv_field, "{column}"),
                    Value::Null => assert_eq!(csv_field, "", "{column}"),
                    Value::Array(_) => {}
                    Value::Object(_) => panic!("{column} is no object"),
                }
            }
        }
        let m = &measures[0];
        assert_eq!(
            records[0]["target_groups"],
            json!(["returnees", "international"])
        );
        assert_eq!(records[0]["place_ids"], json!(m.data.place_ids));
        assert_eq!(records[0]["links"], json!(m.data.links));
        assert_eq!(
            records[0]["indicators"][0]["name"],
            "Rückkehrer/innen beraten"
        );
        assert_eq!(records[0]["indicators"][0]["actual"], 61.5);
        assert_eq!(records[0]["indicators"][0]["target"], 100.0);
        assert_eq!(records[0]["indicators"][1]["actual"], Value::Null);
        assert_eq!(records[1]["target_groups"], json!([]));

        let events = tricky_events();
        let (_, rows) = read(&events_csv(&events, event_url));
        let json = events_json(&events, event_url);
        let records = json.as_array().expect("an array");
        assert_eq!(records.len(), rows.len());
        for (record, row) in records.iter().zip(&rows) {
            let keys: BTreeSet<&str> = record
                .as_object()
                .expect("an object")
                .keys()
                .map(String::as_str)
                .collect();
            assert_eq!(keys, EVENT_COLUMNS.into_iter().collect());
            for (i, column) in EVENT_COLUMNS.iter().enumerate() {
                let csv_field = row.get(i).expect("field");
                match &record[column] {
                    Value::String(s) => assert_eq!(s, csv_field, "{column}"),
                    Value::Number(n) => assert_eq!(n.to_string(), csv_field, "{column}"),
                    Value::Bool(b) => assert_eq!(b.to_string(), csv_field, "{column}"),
                    Value::Null => assert_eq!(csv_field, "", "{column}"),
                    other => panic!("{column} is {other}"),
                }
            }
        }
    }

    #[test]
    fn list_items_escape_the_separator() {
        let items = ["a|b", "c\\d", "", "e\\|f", "ä"];
        let joined = list(items.iter());
        assert_eq!(joined, "a\\|b|c\\\\d||e\\\\\\|f|ä");
        assert_eq!(split_list(&joined), items);
        assert_eq!(list(std::iter::empty::<&str>()), "");
    }
}
