//! The store's part of "Leben & Arbeiten": the cache of routed place-to-place travel
//! times (written by `bleibe import roads` and `bleibe import gtfs`, read into memory by
//! `serve`) and saved wishes. The SQL is written once, in
//! [`impl_living!`](crate::impl_living), for both backends.

use async_trait::async_trait;
use bleibe_domain::living::{Mode, TimeSource, Wishes};
use chrono::{DateTime, Utc};

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

/// A household's wishes saved by a user.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedWishes {
    /// Id.
    pub id: i64,
    /// The name the user gave them.
    pub name: String,
    /// The wishes.
    pub wishes: Wishes,
    /// Last saved.
    pub updated_at: DateTime<Utc>,
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

    /// Saves wishes for a user under a name; the same name again replaces them.
    async fn save_wishes(&self, user_id: i64, name: &str, wishes: &Wishes) -> StoreResult<i64>;
    /// A user's saved wishes, last saved first.
    async fn saved_wishes(&self, user_id: i64) -> StoreResult<Vec<SavedWishes>>;
    /// Deletes saved wishes of the user; `NotFound` when the user has none with this id.
    async fn delete_saved_wishes(&self, user_id: i64, id: i64) -> StoreResult<()>;
}

/// Implements [`Living`] for a backend store type with a field `pool` and a function
/// `db_err(sqlx::Error) -> StoreError` in scope, as [`impl_cooperation!`](crate::impl_cooperation).
#[macro_export]
macro_rules! impl_living {
    ($store:ty, $row:ty) => {
        mod living_sql {
            use super::db_err;
            use bleibe_domain::living::{Mode, TimeSource, Wishes};
            use bleibe_store::accounts::now_micros;
            use bleibe_store::living::{SavedWishes, TravelTimeRow};
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

                async fn save_wishes(
                    &self,
                    user_id: i64,
                    name: &str,
                    wishes: &Wishes,
                ) -> StoreResult<i64> {
                    let json = serde_json::to_string(wishes)
                        .map_err(|e| StoreError::Invalid(e.to_string()))?;
                    let now = now_micros();
                    let mut tx = self.pool.begin().await.map_err(db_err)?;
                    let existing: Option<i64> = sqlx::query_scalar(
                        "SELECT id FROM saved_wishes WHERE user_id = $1 AND name = $2",
                    )
                    .bind(user_id)
                    .bind(name)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(db_err)?;
                    let id = match existing {
                        Some(id) => {
                            sqlx::query(
                                "UPDATE saved_wishes SET wishes = $1, updated_at = $2 WHERE id = $3",
                            )
                            .bind(&json)
                            .bind(now)
                            .bind(id)
                            .execute(&mut *tx)
                            .await
                            .map_err(db_err)?;
                            id
                        }
                        None => sqlx::query_scalar(
                            "INSERT INTO saved_wishes (user_id, name, wishes, created_at, updated_at) \
                             VALUES ($1, $2, $3, $4, $4) RETURNING id",
                        )
                        .bind(user_id)
                        .bind(name)
                        .bind(&json)
                        .bind(now)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(db_err)?,
                    };
                    tx.commit().await.map_err(db_err)?;
                    Ok(id)
                }

                async fn saved_wishes(&self, user_id: i64) -> StoreResult<Vec<SavedWishes>> {
                    let rows = sqlx::query(
                        "SELECT id, name, wishes, updated_at FROM saved_wishes \
                         WHERE user_id = $1 ORDER BY updated_at DESC, id DESC",
                    )
                    .bind(user_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                    rows.iter()
                        .map(|r: &$row| {
                            let json: String = r.try_get("wishes").map_err(db_err)?;
                            Ok(SavedWishes {
                                id: r.try_get("id").map_err(db_err)?,
                                name: r.try_get("name").map_err(db_err)?,
                                wishes: serde_json::from_str(&json).map_err(|e| {
                                    StoreError::Database(format!("saved wishes: {e}"))
                                })?,
                                updated_at: r.try_get("updated_at").map_err(db_err)?,
                            })
                        })
                        .collect()
                }

                async fn delete_saved_wishes(&self, user_id: i64, id: i64) -> StoreResult<()> {
                    let done =
                        sqlx::query("DELETE FROM saved_wishes WHERE id = $1 AND user_id = $2")
                            .bind(id)
                            .bind(user_id)
                            .execute(&self.pool)
                            .await
                            .map_err(db_err)?;
                    if done.rows_affected() == 0 {
                        return Err(StoreError::NotFound("saved wishes".into()));
                    }
                    Ok(())
                }
            }
        }
    };
}
