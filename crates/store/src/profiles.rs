//! Place profiles in the store: one row of `place_profile_values` per place and key, each
//! with its source, date and demo flag, and who last changed it. The SQL is written once,
//! in [`impl_place_profiles!`](crate::impl_place_profiles), for both backends.
//!
//! Profiles are not in the change log: the search index holds no profile values, and the
//! matching engine reads them all at once ([`PlaceProfiles::all_place_profiles`]).

use async_trait::async_trait;
use bleibe_domain::living::{PlaceProfile, ProfileKey, ProfileValue};
use std::collections::HashMap;

use crate::StoreResult;

/// One value for [`PlaceProfiles::import_profile_values`].
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileRow {
    /// The place (GeoNames id).
    pub place_id: i64,
    /// What the value says.
    pub key: ProfileKey,
    /// The value with its source and date.
    pub value: ProfileValue,
}

/// Which stored values an import replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Every stored value of the same place and key (a CSV file the operator loads on
    /// purpose, the demo).
    All,
    /// Only stored values from the same source as the new one, and demo values: a value
    /// a person entered, or that came from another source, stays
    /// (`bleibe import osm-pois`).
    SameSourceOrDemo,
}

/// Place profiles.
#[async_trait]
pub trait PlaceProfiles: Send + Sync {
    /// The profile of a place (empty when nothing is known, also for an unknown place).
    async fn place_profile(&self, place_id: i64) -> StoreResult<PlaceProfile>;

    /// Every place's profile that has at least one value, by place id.
    async fn all_place_profiles(&self) -> StoreResult<HashMap<i64, PlaceProfile>>;

    /// Stores the given values of a place in one transaction, replacing the stored
    /// values of the same keys (other keys stay as they are); `by` is the user who made
    /// the change. The values are stored as given: validate them first. An unknown place
    /// is [`crate::StoreError::NotFound`].
    async fn set_place_profile_values(
        &self,
        place_id: i64,
        values: &[(ProfileKey, ProfileValue)],
        by: Option<i64>,
    ) -> StoreResult<()>;

    /// Removes one value; whether there was one.
    async fn remove_place_profile_value(&self, place_id: i64, key: ProfileKey)
        -> StoreResult<bool>;

    /// Stores many values in one transaction (imports, the demo), replacing stored
    /// values as `replace` says; of several rows for the same place and key the last
    /// wins. Returns how many values were written (those `replace` kept are not
    /// counted). An unknown place fails the whole import with
    /// [`crate::StoreError::NotFound`].
    async fn import_profile_values(
        &self,
        rows: &[ProfileRow],
        replace: Replace,
    ) -> StoreResult<usize>;
}

/// The rows to write: the last of each (place, key), in input order of those.
pub fn last_per_key(rows: &[ProfileRow]) -> Vec<&ProfileRow> {
    let mut last: HashMap<(i64, ProfileKey), usize> = HashMap::with_capacity(rows.len());
    for (i, r) in rows.iter().enumerate() {
        last.insert((r.place_id, r.key), i);
    }
    rows.iter()
        .enumerate()
        .filter(|(i, r)| last.get(&(r.place_id, r.key)) == Some(i))
        .map(|(_, r)| r)
        .collect()
}

/// Implements [`PlaceProfiles`] for a backend store type with a field `pool` and a
/// function `db_err(sqlx::Error) -> StoreError` in scope, as
/// [`impl_living!`](crate::impl_living).
#[macro_export]
macro_rules! impl_place_profiles {
    ($store:ty, $row:ty) => {
        mod place_profiles_sql {
            use super::db_err;
            use bleibe_domain::living::{PlaceProfile, ProfileKey, ProfileValue, Value};
            use bleibe_store::accounts::now_micros;
            use bleibe_store::profiles::{last_per_key, ProfileRow, Replace};
            use bleibe_store::{StoreError, StoreResult};
            use sqlx::Row;
            use std::collections::HashMap;

            /// Rows per INSERT statement (9 bound values each, well under SQLite's limit).
            const CHUNK: usize = 500;

            const COLUMNS: &str = "place_id, key, number, text, source, as_of, demo";

            /// A stored row as (place, key, value); `None` for a key this version does
            /// not know (written by a newer bleibe): it is left out.
            fn decode(r: &$row) -> StoreResult<Option<(i64, ProfileKey, ProfileValue)>> {
                let key: String = r.try_get("key").map_err(db_err)?;
                let Some(key) = ProfileKey::parse(&key) else {
                    return Ok(None);
                };
                let number: Option<f64> = r.try_get("number").map_err(db_err)?;
                let text: Option<String> = r.try_get("text").map_err(db_err)?;
                let value = match (number, text) {
                    (Some(n), _) => Value::Number(n),
                    (None, Some(t)) => Value::Text(t),
                    (None, None) => {
                        return Err(StoreError::Database(format!(
                            "profile value {key} without number or text"
                        )))
                    }
                };
                Ok(Some((
                    r.try_get("place_id").map_err(db_err)?,
                    key,
                    ProfileValue {
                        value,
                        source: r.try_get("source").map_err(db_err)?,
                        as_of: r.try_get("as_of").map_err(db_err)?,
                        demo: r.try_get("demo").map_err(db_err)?,
                    },
                )))
            }

            /// Writes `rows` (place, key, value, by) in chunks; returns the rows written.
            async fn upsert(
                tx: &mut sqlx::Transaction<'static, <$row as sqlx::Row>::Database>,
                rows: &[(i64, ProfileKey, &ProfileValue, Option<i64>)],
                replace: Replace,
            ) -> StoreResult<usize> {
                let now = now_micros();
                let mut written = 0;
                for chunk in rows.chunks(CHUNK) {
                    let mut q = sqlx::QueryBuilder::new(format!(
                        "INSERT INTO place_profile_values ({COLUMNS}, updated_by, updated_at) "
                    ));
                    q.push_values(chunk, |mut b, (place_id, key, v, by)| {
                        let (number, text) = match &v.value {
                            Value::Number(n) => (Some(*n), None),
                            Value::Text(t) => (None, Some(t.clone())),
                        };
                        b.push_bind(*place_id)
                            .push_bind(key.as_str())
                            .push_bind(number)
                            .push_bind(text)
                            .push_bind(v.source.clone())
                            .push_bind(v.as_of)
                            .push_bind(v.demo)
                            .push_bind(*by)
                            .push_bind(now);
                    });
                    q.push(
                        " ON CONFLICT (place_id, key) DO UPDATE SET \
                         number = excluded.number, text = excluded.text, \
                         source = excluded.source, as_of = excluded.as_of, demo = excluded.demo, \
                         updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                    );
                    if replace == Replace::SameSourceOrDemo {
                        q.push(
                            " WHERE place_profile_values.source = excluded.source \
                             OR place_profile_values.demo",
                        );
                    }
                    let done = q.build().execute(&mut **tx).await.map_err(db_err)?;
                    written += done.rows_affected() as usize;
                }
                Ok(written)
            }

            #[async_trait::async_trait]
            impl bleibe_store::PlaceProfiles for $store {
                async fn place_profile(&self, place_id: i64) -> StoreResult<PlaceProfile> {
                    let rows = sqlx::query(&format!(
                        "SELECT {COLUMNS} FROM place_profile_values WHERE place_id = $1"
                    ))
                    .bind(place_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                    let mut profile = PlaceProfile::default();
                    for r in &rows {
                        if let Some((_, key, value)) = decode(r)? {
                            profile.values.insert(key, value);
                        }
                    }
                    Ok(profile)
                }

                async fn all_place_profiles(&self) -> StoreResult<HashMap<i64, PlaceProfile>> {
                    let rows = sqlx::query(&format!(
                        "SELECT {COLUMNS} FROM place_profile_values ORDER BY place_id"
                    ))
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                    let mut all: HashMap<i64, PlaceProfile> = HashMap::new();
                    for r in &rows {
                        if let Some((place_id, key, value)) = decode(r)? {
                            all.entry(place_id).or_default().values.insert(key, value);
                        }
                    }
                    Ok(all)
                }

                async fn set_place_profile_values(
                    &self,
                    place_id: i64,
                    values: &[(ProfileKey, ProfileValue)],
                    by: Option<i64>,
                ) -> StoreResult<()> {
                    let mut last: HashMap<ProfileKey, &ProfileValue> = HashMap::new();
                    for (k, v) in values {
                        last.insert(*k, v);
                    }
                    let mut rows: Vec<_> = last
                        .into_iter()
                        .map(|(k, v)| (place_id, k, v, by))
                        .collect();
                    rows.sort_by_key(|r| r.1);
                    let mut tx = self.pool.begin().await.map_err(db_err)?;
                    upsert(&mut tx, &rows, Replace::All).await?;
                    tx.commit().await.map_err(db_err)?;
                    Ok(())
                }

                async fn remove_place_profile_value(
                    &self,
                    place_id: i64,
                    key: ProfileKey,
                ) -> StoreResult<bool> {
                    let done = sqlx::query(
                        "DELETE FROM place_profile_values WHERE place_id = $1 AND key = $2",
                    )
                    .bind(place_id)
                    .bind(key.as_str())
                    .execute(&self.pool)
                    .await
                    .map_err(db_err)?;
                    Ok(done.rows_affected() > 0)
                }

                async fn import_profile_values(
                    &self,
                    rows: &[ProfileRow],
                    replace: Replace,
                ) -> StoreResult<usize> {
                    let rows: Vec<_> = last_per_key(rows)
                        .into_iter()
                        .map(|r| (r.place_id, r.key, &r.value, None))
                        .collect();
                    let mut tx = self.pool.begin().await.map_err(db_err)?;
                    let written = upsert(&mut tx, &rows, replace).await?;
                    tx.commit().await.map_err(db_err)?;
                    Ok(written)
                }
            }
        }
    };
}
