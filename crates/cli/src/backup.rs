//! `bleibe backup`, `restore` and `copy`: every table, backend-neutral, as JSON Lines.
//!
//! File format (see docs/OPERATIONS.md, "Backups"): a header line
//! `{"format":"bleibe-backup","version":1,"bleibe":"…","created_at":"…","source_backend":"…"}`,
//! then one line `{"table":"…","row":{…}}` per row, tables in [`Table::ALL`] order and
//! rows by key, then `{"end":true,"rows":{"places":N,…}}`. A path ending in `.gz` is
//! gzip-compressed. Rows are exported and imported in pages of [`PAGE`].

use anyhow::{anyhow, bail, Context};
use bleibe_store::{Store, Table};
use serde_json::{json, Map, Value};
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;
use std::time::{Duration, Instant};

/// Rows per export page and per import transaction.
pub const PAGE: usize = 5_000;

/// The `format` value of the header line.
pub const FORMAT: &str = "bleibe-backup";

/// The format version this bleibe writes and reads.
pub const VERSION: i64 = 1;

type Row = Map<String, Value>;

/// What a backup, restore or copy moved.
#[derive(Debug)]
pub struct Summary {
    /// Rows per table, in [`Table::ALL`] order.
    pub rows: Vec<(Table, u64)>,
    /// Time taken.
    pub took: Duration,
}

impl Summary {
    /// Prints the row counts per table and the time taken, under `title`.
    pub fn print(&self, title: &str) {
        println!("{title}");
        for (table, n) in &self.rows {
            println!("  {:<11} {n:>10} rows", table.as_str());
        }
        let total: u64 = self.rows.iter().map(|(_, n)| n).sum();
        let secs = self.took.as_secs_f64();
        println!(
            "  {total} rows in {secs:.2} s ({:.0} rows/s)",
            total as f64 / secs.max(1e-9)
        );
    }
}

fn is_gzip(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "gz")
}

/// The output file, plain or gzip-compressed.
enum Output {
    Plain(BufWriter<File>),
    /// Boxed: the encoder's state is large beside a plain writer.
    Gzip(Box<flate2::write::GzEncoder<BufWriter<File>>>),
}

impl Output {
    fn create(path: &Path) -> anyhow::Result<Self> {
        let file = BufWriter::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        );
        Ok(if is_gzip(path) {
            Output::Gzip(Box::new(flate2::write::GzEncoder::new(
                file,
                flate2::Compression::default(),
            )))
        } else {
            Output::Plain(file)
        })
    }

    fn writer(&mut self) -> &mut dyn Write {
        match self {
            Output::Plain(w) => w,
            Output::Gzip(w) => w.as_mut(),
        }
    }

    fn finish(self) -> std::io::Result<()> {
        let mut inner = match self {
            Output::Plain(w) => w,
            Output::Gzip(w) => w.finish()?,
        };
        inner.flush()?;
        inner.get_ref().sync_all()
    }
}

/// Refuses a target that holds data.
async fn require_empty(store: &dyn Store) -> anyhow::Result<()> {
    if !store.is_empty().await? {
        bail!(
            "the target database is not empty: restore and copy only write into an \
             empty database (use a fresh --data-dir, or create a new PostgreSQL database)"
        );
    }
    Ok(())
}

/// Writes every table of `store` to `path`.
pub async fn backup(store: &dyn Store, path: &Path) -> anyhow::Result<Summary> {
    let started = Instant::now();
    let mut out = Output::create(path)?;
    let write_err = |e: std::io::Error| anyhow!("cannot write {}: {e}", path.display());
    let header = json!({
        "format": FORMAT,
        "version": VERSION,
        "bleibe": env!("CARGO_PKG_VERSION"),
        "created_at": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
        "source_backend": store.backend(),
    });
    writeln!(out.writer(), "{header}").map_err(write_err)?;
    let mut counts = Vec::new();
    for table in Table::ALL {
        let mut n = 0u64;
        let mut after = 0;
        loop {
            let rows = store.export_rows(table, after, PAGE as i64).await?;
            let Some(last) = rows.last() else { break };
            after = key_of(table, last)?;
            let w = out.writer();
            for row in &rows {
                write!(w, "{{\"table\":\"{}\",\"row\":", table.as_str()).map_err(write_err)?;
                serde_json::to_writer(&mut *w, row).map_err(|e| write_err(e.into()))?;
                writeln!(w, "}}").map_err(write_err)?;
            }
            n += rows.len() as u64;
        }
        counts.push((table, n));
    }
    let totals: Map<String, Value> = counts
        .iter()
        .map(|(t, n)| (t.as_str().to_string(), json!(n)))
        .collect();
    writeln!(out.writer(), "{}", json!({"end": true, "rows": totals})).map_err(write_err)?;
    out.finish().map_err(write_err)?;
    Ok(Summary {
        rows: counts,
        took: started.elapsed(),
    })
}

fn key_of(table: Table, row: &Row) -> anyhow::Result<i64> {
    row.get(table.key())
        .and_then(Value::as_i64)
        .ok_or_else(|| anyhow!("{} row without an integer {}", table.as_str(), table.key()))
}

/// Reads a backup file line by line, checking its structure as it goes.
struct Reader {
    input: Box<dyn BufRead>,
    display: String,
    line_no: u64,
    buf: String,
}

/// One line of a backup file after the header.
enum Line {
    Row(Table, Row),
    End(Map<String, Value>),
}

impl Reader {
    fn open(path: &Path) -> anyhow::Result<Self> {
        let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
        let input: Box<dyn BufRead> = if is_gzip(path) {
            Box::new(BufReader::new(flate2::read::GzDecoder::new(file)))
        } else {
            Box::new(BufReader::new(file))
        };
        Ok(Self {
            input,
            display: path.display().to_string(),
            line_no: 0,
            buf: String::new(),
        })
    }

    fn err(&self, msg: impl std::fmt::Display) -> anyhow::Error {
        anyhow!("{}, line {}: {msg}", self.display, self.line_no)
    }

    /// The next line as JSON, or `None` at the end of the file.
    fn next_json(&mut self) -> anyhow::Result<Option<Map<String, Value>>> {
        self.buf.clear();
        self.line_no += 1;
        let n = self.input.read_line(&mut self.buf).map_err(|e| {
            self.err(format!(
                "cannot read ({e}): the file is truncated or corrupt"
            ))
        })?;
        if n == 0 {
            return Ok(None);
        }
        let complete = self.buf.ends_with('\n');
        match serde_json::from_str::<Value>(self.buf.trim_end()) {
            Ok(Value::Object(m)) if complete => Ok(Some(m)),
            Ok(Value::Object(_)) | Err(_) if !complete => {
                Err(self
                    .err("the line is incomplete: the file is truncated (it lacks the end marker)"))
            }
            Ok(_) => Err(self.err("expected a JSON object")),
            Err(e) => Err(self.err(format!("invalid JSON: {e}"))),
        }
    }

    /// Reads and checks the header line; returns it.
    fn header(&mut self) -> anyhow::Result<Map<String, Value>> {
        let Some(h) = self.next_json()? else {
            return Err(self.err("the file is empty"));
        };
        if h.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(self.err(format!(
                "not a bleibe backup (the header lacks \"format\":\"{FORMAT}\")"
            )));
        }
        match h.get("version").and_then(Value::as_i64) {
            Some(VERSION) => Ok(h),
            v => Err(self.err(format!(
                "backup format version {} is not supported by this bleibe (it reads version {VERSION})",
                v.map_or("unknown".to_string(), |v| v.to_string())
            ))),
        }
    }

    /// The next row or the end marker; an error if the file ends before the marker.
    fn next_line(&mut self) -> anyhow::Result<Line> {
        let Some(mut m) = self.next_json()? else {
            return Err(self.err("the file ends without the end marker: it is truncated"));
        };
        if m.get("end") == Some(&Value::Bool(true)) {
            return match m.remove("rows") {
                Some(Value::Object(rows)) => Ok(Line::End(rows)),
                _ => Err(self.err("the end marker lacks its row counts")),
            };
        }
        let table = match m.get("table").and_then(Value::as_str) {
            Some(name) => {
                Table::parse(name).ok_or_else(|| self.err(format!("unknown table {name:?}")))?
            }
            None => return Err(self.err("expected {\"table\":…,\"row\":{…}} or the end marker")),
        };
        match m.remove("row") {
            Some(Value::Object(row)) => Ok(Line::Row(table, row)),
            _ => Err(self.err("the row is missing or not an object")),
        }
    }
}

/// Checks a whole backup file (structure, table order, end marker and its counts)
/// without writing anything; returns the rows per table.
fn verify(path: &Path) -> anyhow::Result<Vec<(Table, u64)>> {
    let mut r = Reader::open(path)?;
    r.header()?;
    let mut counts: Vec<(Table, u64)> = Table::ALL.iter().map(|t| (*t, 0)).collect();
    let mut current = 0usize;
    loop {
        match r.next_line()? {
            Line::Row(table, _) => {
                let pos = Table::ALL.iter().position(|t| *t == table).unwrap_or(0);
                if pos < current {
                    return Err(r.err(format!(
                        "{} rows after {} rows: tables must come in the order {}",
                        table.as_str(),
                        Table::ALL[current].as_str(),
                        Table::ALL.map(|t| t.as_str()).join(", ")
                    )));
                }
                current = pos;
                counts[pos].1 += 1;
            }
            Line::End(expected) => {
                for (table, n) in &counts {
                    let want = expected.get(table.as_str()).and_then(Value::as_u64);
                    if want != Some(*n) {
                        return Err(r.err(format!(
                            "the end marker counts {} {} rows, the file holds {n}: it is corrupt",
                            want.map_or("no".to_string(), |w| w.to_string()),
                            table.as_str()
                        )));
                    }
                }
                if r.next_json()?.is_some() {
                    return Err(r.err("data after the end marker"));
                }
                return Ok(counts);
            }
        }
    }
}

/// Restores a backup file into the empty `store`. The whole file is checked first, so a
/// bad or truncated file leaves the database untouched.
pub async fn restore(store: &dyn Store, path: &Path) -> anyhow::Result<Summary> {
    let started = Instant::now();
    require_empty(store).await?;
    let counts = verify(path)?;
    let mut r = Reader::open(path)?;
    r.header()?;
    let mut batch: Vec<Row> = Vec::with_capacity(PAGE);
    let mut batch_table = Table::Places;
    loop {
        let line = r.next_line()?;
        let flush = match &line {
            Line::Row(t, _) => *t != batch_table || batch.len() >= PAGE,
            Line::End(_) => true,
        };
        if flush && !batch.is_empty() {
            store
                .import_rows(batch_table, &batch)
                .await
                .map_err(|e| r.err(format!("importing {} rows: {e}", batch_table.as_str())))?;
            batch.clear();
        }
        match line {
            Line::Row(t, row) => {
                batch_table = t;
                batch.push(row);
            }
            Line::End(_) => break,
        }
    }
    store.finish_import().await?;
    Ok(Summary {
        rows: counts,
        took: started.elapsed(),
    })
}

/// Copies every table from `from` into the empty `to`, page by page.
pub async fn copy(from: &dyn Store, to: &dyn Store) -> anyhow::Result<Summary> {
    let started = Instant::now();
    require_empty(to).await?;
    let mut counts = Vec::new();
    for table in Table::ALL {
        let mut n = 0u64;
        let mut after = 0;
        loop {
            let rows = from.export_rows(table, after, PAGE as i64).await?;
            let Some(last) = rows.last() else { break };
            after = key_of(table, last)?;
            to.import_rows(table, &rows)
                .await
                .with_context(|| format!("importing {} rows", table.as_str()))?;
            n += rows.len() as u64;
        }
        counts.push((table, n));
    }
    to.finish_import().await?;
    Ok(Summary {
        rows: counts,
        took: started.elapsed(),
    })
}
