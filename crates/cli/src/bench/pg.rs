//! The PostgreSQL full-text search side of `bleibe bench search`: a denormalised table
//! `bench_fts` built from the store's tables in the same database, and each [`JobQuery`]
//! translated into SQL that computes what bleibe computes (total, the page of hits in the
//! same order, the default facets, disjunctive).
//!
//! # The table
//!
//! One row per job: title, description as plain text (tags stripped, the entities the
//! sanitiser writes decoded, as `html_to_text` does for bleibe), employer and place name,
//! kind, working times (an array), occupation, contract, state, place and employer id,
//! coordinates, `posted_at`, `valid_through`, and `tsv`: `to_tsvector('german', …)` of
//! title (weight A), employer (B), place (C) and description (D). Indexes: GIN on `tsv`,
//! a btree on `(lat, lon)` for the bounding box, btrees for the filters and for newest
//! first.
//!
//! # A search
//!
//! Two statements on one connection, timed together:
//!
//! 1. One pass over the matching rows with `count(*) FILTER (…)` per facet value (the
//!    vocabularies are closed): the total, and the facets, each ignoring its own filter
//!    (a job that fails only the kind filter still counts into the kind facet).
//! 2. The page: `ORDER BY ts_rank(…) DESC` (relevance), `posted_at DESC` (date) or the
//!    exact haversine distance (distance), then `posted_at DESC, id DESC`, `LIMIT 20`.
//!
//! Text: `plainto_tsquery('german', …)`, every word required, as in bleibe. A radius is a
//! bounding box on `(lat, lon)`, then the exact great-circle distance (the same formula
//! and Earth radius as `bleibe_domain::place::distance_km`). Values are written into the
//! SQL as literals (quoted), so PostgreSQL plans each query for its actual values.

use anyhow::Context;
use bleibe_domain::{JobKind, WorkingTime};
use bleibe_search::{Facet, FacetSet, JobQuery, Sort};
use chrono::NaiveDate;
use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, Connection, PgConnection, Row};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::str::FromStr;
use std::time::{Duration, Instant};

/// Mean Earth radius in km, as in `bleibe_domain::place::distance_km`.
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// `ts_rank` weights for D, C, B, A: description 1, place 1, employer 1.5, title 3, as
/// bleibe boosts its fields.
const RANK_WEIGHTS: &str = "'{0.1, 0.1, 0.15, 0.3}'";

/// What preparing `bench_fts` did.
#[derive(Debug, Clone)]
pub struct Build {
    /// Whether a table with the store's jobs was there already (then no times).
    pub reused: bool,
    /// Rows.
    pub rows: i64,
    /// `CREATE TABLE … AS SELECT` with the tsvectors.
    pub table: Duration,
    /// The GIN index on `tsv`.
    pub gin: Duration,
    /// The other indexes and `VACUUM ANALYZE`.
    pub rest: Duration,
    /// Table and indexes, bytes.
    pub bytes: i64,
}

/// Connects to the database.
pub async fn connect(url: &str) -> anyhow::Result<PgConnection> {
    let options = PgConnectOptions::from_str(url)
        .with_context(|| format!("bad PostgreSQL URL {}", crate::db::redact(url)))?
        // Slow statements are what this measures; no warnings about them.
        .disable_statement_logging();
    PgConnection::connect_with(&options)
        .await
        .with_context(|| format!("cannot connect to {}", crate::db::redact(url)))
}

/// Makes sure `bench_fts` holds exactly the store's jobs: reuses it when it has as many
/// rows and the same highest id as `jobs`, else (re)builds it and its indexes.
pub async fn prepare(conn: &mut PgConnection) -> anyhow::Result<Build> {
    let (jobs, max_id): (i64, Option<i64>) = sqlx::query_as("SELECT count(*), max(id) FROM jobs")
        .fetch_one(&mut *conn)
        .await?;
    let exists: bool = sqlx::query_scalar("SELECT to_regclass('bench_fts') IS NOT NULL")
        .fetch_one(&mut *conn)
        .await?;
    if exists {
        let (rows, fts_max): (i64, Option<i64>) =
            sqlx::query_as("SELECT count(*), max(id) FROM bench_fts")
                .fetch_one(&mut *conn)
                .await?;
        if rows == jobs && fts_max == max_id {
            return Ok(Build {
                reused: true,
                rows,
                table: Duration::ZERO,
                gin: Duration::ZERO,
                rest: Duration::ZERO,
                bytes: size(conn).await?,
            });
        }
        tracing::info!(
            rows,
            jobs,
            "bench_fts does not match the jobs; rebuilding it"
        );
    }
    sqlx::raw_sql("DROP TABLE IF EXISTS bench_fts; SET maintenance_work_mem = '256MB'")
        .execute(&mut *conn)
        .await?;
    let t = Instant::now();
    sqlx::raw_sql(
        r#"
        CREATE TABLE bench_fts AS
        SELECT j.id, j.title, d.description, e.name AS employer_name, p.name AS place_name,
               j.kind, string_to_array(j.working_time, ',') AS working_time, j.occupation,
               j.contract, p.state_code, j.place_id, j.employer_id, p.lat, p.lon,
               j.posted_at, j.valid_through,
               setweight(to_tsvector('german', j.title), 'A')
               || setweight(to_tsvector('german', e.name), 'B')
               || setweight(to_tsvector('german', p.name), 'C')
               || setweight(to_tsvector('german', d.description), 'D') AS tsv
        FROM jobs j
        JOIN employers e ON e.id = j.employer_id
        JOIN places p ON p.id = j.place_id
        CROSS JOIN LATERAL (
            SELECT replace(replace(replace(replace(replace(replace(
                       regexp_replace(j.description, '<[^>]*>', ' ', 'g'),
                       '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''),
                       '&nbsp;', ' '), '&amp;', '&') AS description
        ) d
        "#,
    )
    .execute(&mut *conn)
    .await
    .context("create bench_fts")?;
    let table = t.elapsed();
    let t = Instant::now();
    sqlx::raw_sql("CREATE INDEX bench_fts_tsv ON bench_fts USING GIN (tsv)")
        .execute(&mut *conn)
        .await
        .context("GIN index on bench_fts")?;
    let gin = t.elapsed();
    let t = Instant::now();
    sqlx::raw_sql(
        "ALTER TABLE bench_fts ADD PRIMARY KEY (id);
         CREATE INDEX bench_fts_lat_lon ON bench_fts (lat, lon);
         CREATE INDEX bench_fts_posted ON bench_fts (posted_at DESC, id DESC);
         CREATE INDEX bench_fts_kind ON bench_fts (kind, posted_at DESC);
         CREATE INDEX bench_fts_occupation ON bench_fts (occupation text_pattern_ops);
         CREATE INDEX bench_fts_working_time ON bench_fts USING GIN (working_time);
         CREATE INDEX bench_fts_state ON bench_fts (state_code);
         CREATE INDEX bench_fts_place ON bench_fts (place_id);
         CREATE INDEX bench_fts_employer ON bench_fts (employer_id);",
    )
    .execute(&mut *conn)
    .await
    .context("indexes on bench_fts")?;
    sqlx::raw_sql("VACUUM (ANALYZE) bench_fts")
        .execute(&mut *conn)
        .await?;
    let rest = t.elapsed();
    Ok(Build {
        reused: false,
        rows: jobs,
        table,
        gin,
        rest,
        bytes: size(conn).await?,
    })
}

async fn size(conn: &mut PgConnection) -> anyhow::Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT pg_total_relation_size('bench_fts')")
            .fetch_one(conn)
            .await?,
    )
}

/// What a search found, in the shape the cross-check compares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// Matching jobs.
    pub total: u64,
    /// Facet → value (wire name, or area digit) → count; zero counts left out.
    pub facets: BTreeMap<&'static str, BTreeMap<String, u64>>,
    /// Ids of the page, in order.
    pub ids: Vec<i64>,
}

/// The two statements of a search.
#[derive(Debug, Clone)]
pub struct Sql {
    /// Total and facet counts: one row, one column per count (see [`Sql::columns`]).
    pub counts: String,
    /// The page: `id` in order.
    pub page: String,
    /// What each column of `counts` after the first (the total) counts.
    columns: Vec<(&'static str, String)>,
}

/// An SQL string literal.
fn lit(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// A float8 literal that reads back as exactly `x`.
fn float(x: f64) -> String {
    format!("{x:?}::float8")
}

fn list(values: impl IntoIterator<Item = String>) -> String {
    values.into_iter().collect::<Vec<_>>().join(", ")
}

/// Latitude/longitude box around a point that contains every point within `radius_km`
/// (with a little slack; the exact distance decides). `None` for the longitude when it
/// would wrap.
fn bounding_box(lat: f64, lon: f64, radius_km: f64) -> ((f64, f64), Option<(f64, f64)>) {
    const SLACK_DEG: f64 = 1e-6;
    let angle = radius_km / EARTH_RADIUS_KM;
    let dlat = angle.to_degrees() + SLACK_DEG;
    let lat_range = (lat - dlat, lat + dlat);
    let mut lon_range = None;
    if lat_range.0 > -90.0 && lat_range.1 < 90.0 && angle < std::f64::consts::FRAC_PI_2 {
        let ratio = angle.sin() / lat.to_radians().cos();
        if ratio < 1.0 {
            let dlon = ratio.asin().to_degrees() + SLACK_DEG;
            if lon - dlon >= -180.0 && lon + dlon <= 180.0 {
                lon_range = Some((lon - dlon, lon + dlon));
            }
        }
    }
    (lat_range, lon_range)
}

/// The haversine distance from (`lat`, `lon`) to the row, in km, as
/// `bleibe_domain::place::distance_km` computes it.
fn haversine(lat: f64, lon: f64) -> String {
    format!(
        "2.0::float8 * {r} * asin(least(1.0::float8, sqrt(\
         power(sin(radians(bench_fts.lat - {lat}) / 2.0::float8), 2) \
         + cos(radians({lat})) * cos(radians(bench_fts.lat)) \
         * power(sin(radians(bench_fts.lon - {lon}) / 2.0::float8), 2))))",
        r = float(EARTH_RADIUS_KM),
        lat = float(lat),
        lon = float(lon),
    )
}

/// Translates `q` (searching on `today`) into SQL on `bench_fts`. Handles the default
/// facets (kind, working time, occupation area); the filters of other facets restrict
/// like plain conditions, which is what bleibe does when those facets are not asked for.
pub fn translate(q: &JobQuery, today: NaiveDate) -> Sql {
    assert_eq!(
        q.facets,
        FacetSet::default(),
        "the PostgreSQL side computes the default facets"
    );
    let mut from = String::from("bench_fts");
    let mut hard: Vec<String> = vec![format!(
        "(valid_through IS NULL OR valid_through >= DATE {})",
        lit(&today.to_string())
    )];
    let text = q
        .text
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .map(|t| {
            let _ = write!(
                from,
                " CROSS JOIN plainto_tsquery('german', {}) AS tsq",
                lit(t)
            );
            hard.push("tsv @@ tsq".into());
        })
        .is_some();
    if let Some((lat, lon)) = q.centre {
        let _ = write!(
            from,
            " CROSS JOIN LATERAL (SELECT {} AS dist) AS g",
            haversine(lat, lon)
        );
        if let Some(r) = q.radius_km {
            let ((lat0, lat1), lon_range) = bounding_box(lat, lon, r);
            hard.push(format!("lat BETWEEN {} AND {}", float(lat0), float(lat1)));
            if let Some((lon0, lon1)) = lon_range {
                hard.push(format!("lon BETWEEN {} AND {}", float(lon0), float(lon1)));
            }
            hard.push(format!("dist <= {}", float(r)));
        }
    }
    if !q.contracts.is_empty() {
        hard.push(format!(
            "contract IN ({})",
            list(q.contracts.iter().map(|c| lit(c.as_str())))
        ));
    }
    if !q.states.is_empty() {
        hard.push(format!(
            "state_code IN ({})",
            list(q.states.iter().map(|s| lit(s.trim())))
        ));
    }
    if !q.places.is_empty() {
        hard.push(format!(
            "place_id IN ({})",
            list(q.places.iter().map(i64::to_string))
        ));
    }
    if !q.employers.is_empty() {
        hard.push(format!(
            "employer_id IN ({})",
            list(q.employers.iter().map(i64::to_string))
        ));
    }
    // The facet filters, each a condition of its own (TRUE when not set).
    let ok_kind = if q.kinds.is_empty() {
        "TRUE".to_string()
    } else {
        format!(
            "kind IN ({})",
            list(q.kinds.iter().map(|k| lit(k.as_str())))
        )
    };
    let ok_working_time = if q.working_times.is_empty() {
        "TRUE".to_string()
    } else {
        format!(
            "working_time && ARRAY[{}]::text[]",
            list(q.working_times.iter().map(|w| lit(w.as_str())))
        )
    };
    let ok_occupation = if q.occupations.is_empty() {
        "TRUE".to_string()
    } else {
        format!(
            "({})",
            q.occupations
                .iter()
                .map(|o| format!("occupation LIKE {}", lit(&format!("{}%", o.trim()))))
                .collect::<Vec<_>>()
                .join(" OR ")
        )
    };
    let all_ok = format!("{ok_kind} AND {ok_working_time} AND {ok_occupation}");
    let mut counts = vec![format!("count(*) FILTER (WHERE {all_ok})")];
    let mut columns = Vec::new();
    for k in JobKind::ALL {
        counts.push(format!(
            "count(*) FILTER (WHERE {ok_working_time} AND {ok_occupation} AND kind = {})",
            lit(k.as_str())
        ));
        columns.push((Facet::Kind.as_str(), k.as_str().to_string()));
    }
    for w in WorkingTime::ALL {
        counts.push(format!(
            "count(*) FILTER (WHERE {ok_kind} AND {ok_occupation} AND {} = ANY(working_time))",
            lit(w.as_str())
        ));
        columns.push((Facet::WorkingTime.as_str(), w.as_str().to_string()));
    }
    for area in 0..10 {
        counts.push(format!(
            "count(*) FILTER (WHERE {ok_kind} AND {ok_working_time} AND occupation LIKE '{area}%')"
        ));
        columns.push((Facet::OccupationArea.as_str(), area.to_string()));
    }
    let where_ = hard.join(" AND ");
    let counts = format!(
        "SELECT {} FROM {from} WHERE {where_}",
        counts.join(",\n       ")
    );
    let order = match (q.sort, text) {
        (Sort::Relevance, true) => {
            format!("ts_rank({RANK_WEIGHTS}, tsv, tsq) DESC, posted_at DESC, id DESC")
        }
        (Sort::Relevance | Sort::Date, _) => "posted_at DESC, id DESC".into(),
        (Sort::Distance, _) => "dist ASC, posted_at DESC, id DESC".into(),
    };
    let page = format!(
        "SELECT id FROM {from} WHERE {where_} AND {all_ok} ORDER BY {order} LIMIT {} OFFSET {}",
        q.limit, q.offset
    );
    Sql {
        counts,
        page,
        columns,
    }
}

/// Runs both statements of `sql` and returns what they found.
pub async fn search(conn: &mut PgConnection, sql: &Sql) -> anyhow::Result<Found> {
    let row = sqlx::query(&sql.counts)
        .persistent(false)
        .fetch_one(&mut *conn)
        .await
        .with_context(|| format!("PostgreSQL counts: {}", sql.counts))?;
    let mut found = Found {
        total: u64::try_from(row.try_get::<i64, _>(0)?)?,
        ..Found::default()
    };
    for (i, (facet, value)) in sql.columns.iter().enumerate() {
        let n = u64::try_from(row.try_get::<i64, _>(i + 1)?)?;
        if n > 0 {
            found
                .facets
                .entry(facet)
                .or_default()
                .insert(value.clone(), n);
        }
    }
    found.ids = sqlx::query_scalar(&sql.page)
        .persistent(false)
        .fetch_all(&mut *conn)
        .await
        .with_context(|| format!("PostgreSQL page: {}", sql.page))?;
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_are_quoted() {
        assert_eq!(lit("it's"), "'it''s'");
        assert_eq!(float(51.75769), "51.75769::float8");
    }

    #[test]
    fn the_box_contains_the_radius() {
        let ((lat0, lat1), lon) = bounding_box(51.75769, 14.32888, 25.0);
        let (lon0, lon1) = lon.expect("no wrap");
        for (lat, lon) in [(lat0 + 1e-6, 14.32888), (lat1 - 1e-6, 14.32888)] {
            let d = bleibe_domain::place::distance_km(51.75769, 14.32888, lat, lon);
            assert!(d <= 25.0 + 1e-3, "{d}");
        }
        assert!(lon0 < 14.0 && lon1 > 14.6);
    }

    #[test]
    fn facet_filters_are_disjunctive() {
        let q = JobQuery {
            text: Some("Team".into()),
            kinds: vec![JobKind::Job],
            states: vec!["11".into()],
            ..JobQuery::default()
        };
        let sql = translate(&q, NaiveDate::from_ymd_opt(2026, 3, 15).expect("date"));
        // The kind facet's counts ignore the kind filter; the state filter always holds.
        assert!(sql
            .counts
            .contains("count(*) FILTER (WHERE TRUE AND TRUE AND kind = 'apprenticeship')"));
        assert!(sql.counts.contains("state_code IN ('11')"));
        assert!(sql.page.contains("kind IN ('job')"));
        assert!(sql.page.contains("ORDER BY ts_rank("));
    }
}
