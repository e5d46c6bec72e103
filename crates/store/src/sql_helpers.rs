//! Small helpers every SQL implementation macro (`impl_cooperation!`, `impl_cases!`)
//! needs inside its generated module: decoding a column, a stored wire name as its
//! value, and committing or rolling back a transaction.

/// Defines `Db`, `Tx`, `decode`, `wire`, `wire_opt` and `finish` for the row type `$row`,
/// in a module that has `db_err(sqlx::Error) -> StoreError` in scope.
#[macro_export]
#[doc(hidden)]
macro_rules! sql_helpers {
    ($row:ty) => {
        type Db = <$row as sqlx::Row>::Database;
        type Tx = sqlx::Transaction<'static, Db>;

        fn decode<T>(r: Result<T, sqlx::Error>) -> bleibe_store::StoreResult<T> {
            r.map_err(db_err)
        }

        /// A stored wire name as its value.
        fn wire<T>(
            r: &$row,
            column: &str,
            parse: fn(&str) -> Option<T>,
        ) -> bleibe_store::StoreResult<T> {
            let s: String = decode(sqlx::Row::try_get(r, column))?;
            parse(&s).ok_or_else(|| {
                bleibe_store::StoreError::Database(format!(
                    "unknown value {s:?} in column {column}"
                ))
            })
        }

        /// A stored optional wire name as its value.
        #[allow(dead_code)]
        fn wire_opt<T>(
            r: &$row,
            column: &str,
            parse: fn(&str) -> Option<T>,
        ) -> bleibe_store::StoreResult<Option<T>> {
            let s: Option<String> = decode(sqlx::Row::try_get(r, column))?;
            s.map(|s| {
                parse(&s).ok_or_else(|| {
                    bleibe_store::StoreError::Database(format!(
                        "unknown value {s:?} in column {column}"
                    ))
                })
            })
            .transpose()
        }

        /// Commits when `result` is `Ok`, rolls back (now, not when dropped) otherwise.
        async fn finish<T>(
            tx: Tx,
            result: bleibe_store::StoreResult<T>,
        ) -> bleibe_store::StoreResult<T> {
            match result {
                Ok(v) => {
                    tx.commit().await.map_err(db_err)?;
                    Ok(v)
                }
                Err(e) => {
                    let _ = tx.rollback().await;
                    Err(e)
                }
            }
        }
    };
}
