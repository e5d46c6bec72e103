//! The store's part of "Leben & Arbeiten": the cache of routed place-to-place travel
//! times (written by `bleibe import roads` and `bleibe import gtfs`, read into memory by
//! `serve`) and saved wishes. The SQL is written once, in
//! [`impl_living!`](crate::impl_living), for both backends.

use async_trait::async_trait;
use bleibe_domain::living::{Mode, TimeSource};

use crate::StoreResult;

/// One cached travel time from one place to another (GeoNames ids).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TravelTimeRow {
    /// Origin place.
    pub origin_id: i64,
    /// Destination place.
    pub destination_id: i64,
    /// Minutes.
    pub minutes: f64,
}

/// Cached travel times and saved wishes.
#[async_trait]
pub trait Living: Send + Sync {
    /// Replaces every cached time of `mode` from `source` with `rows` in one transaction
    /// (a re-import never leaves a mix of old and new); returns how many were written.
    async fn replace_travel_times(
        &self,
        mode: Mode,
        source: TimeSource,
        rows: &[TravelTimeRow],
    ) -> StoreResult<usize>;
    /// Every cached time of `mode`, with its source.
    async fn travel_times(&self, mode: Mode) -> StoreResult<Vec<(TravelTimeRow, TimeSource)>>;
}

/// Implements [`Living`] for a backend store type with a field `pool` and a function
/// `db_err(sqlx::Error) -> StoreError` in scope, as [`impl_cooperation!`](crate::impl_cooperation).
#[macro_export]
macro_rules! impl_living {
    ($store:ty, $row:ty) => {
        mod living_sql {
            use super::db_err;
            use bleibe_domain::living::{Mode, TimeSource};
            use bleibe_store::accounts::now_micros;
            use bleibe_store::living::TravelTimeRow;
            use bleibe_store::{StoreError, StoreResult};
            use sqlx::Row;

            /// Rows per INSERT statement (5 bound values each, under SQLite's limit).
            const CHUNK: usize = 500;

            #[async_trait::async_trait]
            impl bleibe_store::Living for $store {
                async fn replace_travel_times(
                    &self,
                    mode: Mode,
                    source: TimeSource,
                    rows: &[TravelTimeRow],
                ) -> StoreResult<usize> {
                    let now = now_micros();
                    let mut tx = self.pool.begin().await.map_err(db_err)?;
                    sqlx::query("DELETE FROM travel_times WHERE mode = $1 AND source = $2")
                        .bind(mode.as_str())
                        .bind(source.as_str())
                        .execute(&mut *tx)
                        .await
                        .map_err(db_err)?;
                    for chunk in rows.chunks(CHUNK) {
                        let mut q = sqlx::QueryBuilder::new(
                            "INSERT INTO travel_times \
                             (mode, origin_id, destination_id, minutes, source, computed_at) ",
                        );
                        q.push_values(chunk, |mut b, r| {
                            b.push_bind(mode.as_str())
                                .push_bind(r.origin_id)
                                .push_bind(r.destination_id)
                                .push_bind(r.minutes)
                                .push_bind(source.as_str())
                                .push_bind(now);
                        });
                        // Another source's time for the same pair gives way to this one.
                        q.push(
                            " ON CONFLICT (mode, origin_id, destination_id) DO UPDATE SET \
                             minutes = excluded.minutes, source = excluded.source, \
                             computed_at = excluded.computed_at",
                        );
                        q.build().execute(&mut *tx).await.map_err(db_err)?;
                    }
                    tx.commit().await.map_err(db_err)?;
                    Ok(rows.len())
                }

                async fn travel_times(
                    &self,
                    mode: Mode,
                ) -> StoreResult<Vec<(TravelTimeRow, TimeSource)>> {
                    let rows = sqlx::query(
                        "SELECT origin_id, destination_id, minutes, source FROM travel_times \
                         WHERE mode = $1 ORDER BY id",
                    )
                    .bind(mode.as_str())
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                    rows.iter()
                        .map(|r: &$row| {
                            let source: String = r.try_get("source").map_err(db_err)?;
                            let source = TimeSource::parse(&source).ok_or_else(|| {
                                StoreError::Database(format!("unknown travel time source {source:?}"))
                            })?;
                            Ok((
                                TravelTimeRow {
                                    origin_id: r.try_get("origin_id").map_err(db_err)?,
                                    destination_id: r.try_get("destination_id").map_err(db_err)?,
                                    minutes: r.try_get("minutes").map_err(db_err)?,
                                },
                                source,
                            ))
                        })
                        .collect()
                }
            }
        }
    };
}
