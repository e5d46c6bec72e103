//! The one SQL implementation of [`Cases`](crate::Cases), for both backends.

/// Implements [`Cases`](crate::Cases) for a backend store type with a field `pool` and
/// a function `db_err(sqlx::Error) -> StoreError` in scope, as
/// [`impl_cooperation!`](crate::impl_cooperation).
#[macro_export]
macro_rules! impl_cases {
    ($store:ty, $row:ty) => {
        mod cases_sql {
            use super::db_err;
            use bleibe_domain::casework::case::due_dates;
            use bleibe_domain::casework::person::country_group;
            use bleibe_domain::casework::{
                BodyKind, Case, CaseStatus, CaseTemplate, Category, Consent, Due, LegalBasis,
                NewConsent, NewOverride, NewPerson, Person, SharingOverride, Step, StepStatus,
                StepUpdate,
            };
            use bleibe_store::accounts::now_micros;
            use bleibe_store::cases::{
                to_json,
                join_categories, month, parse_categories, AccessEntry, Appointment, CaseDocument,
                CaseFilter, CaseRow, CaseScope, CaseStatistic, CaseUpdate, Erasure, NewAccess,
                NewAppointment, StepStatistic,
            };
            use bleibe_store::cooperation::id_list;
            use bleibe_store::{StoreError, StoreResult};
            use chrono::{DateTime, NaiveDate, Utc};
            use sqlx::Row;

            bleibe_store::sql_helpers!($row);

            fn json<T: bleibe_store::cases::Stored>(r: &$row, column: &str) -> StoreResult<T> {
                let s: String = decode(r.try_get(column))?;
                bleibe_store::cases::from_json(column, &s)
            }

            fn conflict(what: &str) -> StoreError {
                StoreError::Conflict(format!(
                    "the {what} was changed by someone else in the meantime; nothing was \
                     overwritten: reload it and make your change again"
                ))
            }

            // ----- templates ------------------------------------------------------------

            fn template(r: &$row) -> StoreResult<CaseTemplate> {
                let mut t: CaseTemplate = json(r, "body")?;
                t.version = decode(r.try_get("version"))?;
                Ok(t)
            }

            const TEMPLATE_SELECT: &str =
                "SELECT t.owner_org, t.key, t.version, t.body FROM case_templates t";

            // ----- persons --------------------------------------------------------------

            const PERSON_COLUMNS: &str =
                "id, org_id, user_id, name, email, phone, languages, preferred_language, \
                 country, arrival_year, qualifications, household, version, created_at, \
                 updated_at";

            fn person(r: &$row) -> StoreResult<Person> {
                let languages: String = decode(r.try_get("languages"))?;
                let arrival: Option<i64> = decode(r.try_get("arrival_year"))?;
                Ok(Person {
                    id: decode(r.try_get("id"))?,
                    org_id: decode(r.try_get("org_id"))?,
                    user_id: decode(r.try_get("user_id"))?,
                    data: NewPerson {
                        name: decode(r.try_get("name"))?,
                        email: decode(r.try_get("email"))?,
                        phone: decode(r.try_get("phone"))?,
                        languages: languages.split_whitespace().map(str::to_string).collect(),
                        preferred_language: decode(r.try_get("preferred_language"))?,
                        country: decode(r.try_get("country"))?,
                        arrival_year: arrival.map(|y| y as i32),
                        qualifications: json(r, "qualifications")?,
                        household: json(r, "household")?,
                    },
                    version: decode(r.try_get("version"))?,
                    created_at: decode(r.try_get("created_at"))?,
                    updated_at: decode(r.try_get("updated_at"))?,
                })
            }

            fn person_search(p: &NewPerson) -> String {
                bleibe_domain::text::fold(&format!(
                    "{} {}",
                    p.name,
                    p.email.as_deref().unwrap_or("")
                ))
            }

            // ----- cases and steps ------------------------------------------------------

            const CASE_COLUMNS: &str =
                "c.id, c.person_id, c.org_id, c.template_key, c.template_version, c.title, \
                 c.status, c.started_on, c.closed_on, c.assignee_user, c.request_message, \
                 c.version, c.created_at, c.updated_at";

            fn case(r: &$row) -> StoreResult<Case> {
                Ok(Case {
                    id: decode(r.try_get("id"))?,
                    person_id: decode(r.try_get("person_id"))?,
                    org_id: decode(r.try_get("org_id"))?,
                    template_key: decode(r.try_get("template_key"))?,
                    template_version: decode(r.try_get("template_version"))?,
                    title: json(r, "title")?,
                    status: wire(r, "status", CaseStatus::parse)?,
                    started_on: decode(r.try_get("started_on"))?,
                    closed_on: decode(r.try_get("closed_on"))?,
                    assignee_user: decode(r.try_get("assignee_user"))?,
                    request_message: decode(r.try_get("request_message"))?,
                    version: decode(r.try_get("version"))?,
                    created_at: decode(r.try_get("created_at"))?,
                    updated_at: decode(r.try_get("updated_at"))?,
                })
            }

            /// The columns without table prefix, for `RETURNING` (SQLite allows no alias there).
            fn bare(columns: &str) -> String {
                columns.replace("c.", "").replace("a.", "")
            }

            fn case_row(r: &$row) -> StoreResult<CaseRow> {
                Ok(CaseRow {
                    case: case(r)?,
                    person_name: decode(r.try_get("person_name"))?,
                    org_name: decode(r.try_get("org_name"))?,
                })
            }

            const CASE_ROW_SELECT: &str = "FROM cases c JOIN persons p ON p.id = c.person_id \
                 JOIN employers e ON e.id = c.org_id";

            const STEP_COLUMNS: &str =
                "id, case_id, position, key, title, hint, category, body, due_after, due_days, \
                 due_override, due_on, optional, status, done_on, assignee_org, assignee_user, \
                 note, documents, version";

            fn step(r: &$row) -> StoreResult<Step> {
                Ok(Step {
                    id: decode(r.try_get("id"))?,
                    case_id: decode(r.try_get("case_id"))?,
                    position: decode(r.try_get("position"))?,
                    key: decode(r.try_get("key"))?,
                    title: json(r, "title")?,
                    hint: json(r, "hint")?,
                    category: wire(r, "category", Category::parse)?,
                    body: wire(r, "body", BodyKind::parse)?,
                    due: Due {
                        after: decode(r.try_get("due_after"))?,
                        days: decode(r.try_get("due_days"))?,
                    },
                    due_override: decode(r.try_get("due_override"))?,
                    due_on: decode(r.try_get("due_on"))?,
                    optional: decode(r.try_get("optional"))?,
                    status: wire(r, "status", StepStatus::parse)?,
                    done_on: decode(r.try_get("done_on"))?,
                    assignee_org: decode(r.try_get("assignee_org"))?,
                    assignee_user: decode(r.try_get("assignee_user"))?,
                    note: decode(r.try_get("note"))?,
                    documents: json(r, "documents")?,
                    version: decode(r.try_get("version"))?,
                })
            }

            async fn steps_in(tx: &mut Tx, case_id: i64) -> StoreResult<Vec<Step>> {
                let rows = sqlx::query(&format!(
                    "SELECT {STEP_COLUMNS} FROM case_steps WHERE case_id = $1 ORDER BY position"
                ))
                .bind(case_id)
                .fetch_all(&mut **tx)
                .await
                .map_err(db_err)?;
                rows.iter().map(step).collect()
            }

            async fn case_in(tx: &mut Tx, id: i64) -> StoreResult<Case> {
                let row = sqlx::query(&format!("SELECT {CASE_COLUMNS} FROM cases c WHERE c.id = $1"))
                    .bind(id)
                    .fetch_optional(&mut **tx)
                    .await
                    .map_err(db_err)?;
                row.as_ref()
                    .map(case)
                    .transpose()?
                    .ok_or_else(|| StoreError::NotFound("case".into()))
            }

            // ----- consents -------------------------------------------------------------

            const CONSENT_COLUMNS: &str = "id, person_id, recipient_org, purpose, categories, \
                 text_version, given_at, revoked_at, recorded_by";

            fn consent(r: &$row) -> StoreResult<Consent> {
                let categories: String = decode(r.try_get("categories"))?;
                Ok(Consent {
                    id: decode(r.try_get("id"))?,
                    consent: NewConsent {
                        person_id: decode(r.try_get("person_id"))?,
                        recipient_org: decode(r.try_get("recipient_org"))?,
                        purpose: decode(r.try_get("purpose"))?,
                        categories: parse_categories(&categories),
                        text_version: decode(r.try_get("text_version"))?,
                    },
                    given_at: decode(r.try_get("given_at"))?,
                    revoked_at: decode(r.try_get("revoked_at"))?,
                    recorded_by: decode(r.try_get("recorded_by"))?,
                })
            }

            const OVERRIDE_COLUMNS: &str = "id, case_id, recipient_org, categories, legal_basis, \
                 law, reason, created_by, created_at, revoked_at";

            fn sharing_override(r: &$row) -> StoreResult<SharingOverride> {
                let categories: String = decode(r.try_get("categories"))?;
                Ok(SharingOverride {
                    id: decode(r.try_get("id"))?,
                    sharing: NewOverride {
                        case_id: decode(r.try_get("case_id"))?,
                        recipient_org: decode(r.try_get("recipient_org"))?,
                        categories: parse_categories(&categories),
                        legal_basis: wire(r, "legal_basis", LegalBasis::parse)?,
                        law: decode(r.try_get("law"))?,
                        reason: decode(r.try_get("reason"))?,
                    },
                    created_by: decode(r.try_get("created_by"))?,
                    created_at: decode(r.try_get("created_at"))?,
                    revoked_at: decode(r.try_get("revoked_at"))?,
                })
            }

            // ----- documents and appointments -------------------------------------------

            const DOCUMENT_SELECT: &str =
                "SELECT d.id, d.case_id, d.step_id, d.item_key, d.filename, d.blob_id, \
                 b.content_type, b.size, d.uploaded_by, d.created_at \
                 FROM case_documents d JOIN blobs b ON b.id = d.blob_id";

            fn document(r: &$row) -> StoreResult<CaseDocument> {
                Ok(CaseDocument {
                    id: decode(r.try_get("id"))?,
                    case_id: decode(r.try_get("case_id"))?,
                    step_id: decode(r.try_get("step_id"))?,
                    item_key: decode(r.try_get("item_key"))?,
                    filename: decode(r.try_get("filename"))?,
                    blob_id: decode(r.try_get("blob_id"))?,
                    content_type: decode(r.try_get("content_type"))?,
                    size: decode(r.try_get("size"))?,
                    uploaded_by: decode(r.try_get("uploaded_by"))?,
                    created_at: decode(r.try_get("created_at"))?,
                })
            }

            const APPOINTMENT_COLUMNS: &str =
                "a.id, a.case_id, a.step_id, a.title, a.location, a.starts_at, a.ends_at, \
                 a.event_id, a.registration_id, a.slot_cancel_hash, a.created_by, a.version, \
                 a.created_at, a.cancelled_at";

            fn appointment(r: &$row) -> StoreResult<Appointment> {
                Ok(Appointment {
                    id: decode(r.try_get("id"))?,
                    data: NewAppointment {
                        case_id: decode(r.try_get("case_id"))?,
                        step_id: decode(r.try_get("step_id"))?,
                        title: decode(r.try_get("title"))?,
                        location: decode(r.try_get("location"))?,
                        starts_at: decode(r.try_get("starts_at"))?,
                        ends_at: decode(r.try_get("ends_at"))?,
                        event_id: decode(r.try_get("event_id"))?,
                        registration_id: decode(r.try_get("registration_id"))?,
                        slot_cancel_hash: decode(r.try_get("slot_cancel_hash"))?,
                    },
                    created_by: decode(r.try_get("created_by"))?,
                    version: decode(r.try_get("version"))?,
                    created_at: decode(r.try_get("created_at"))?,
                    cancelled_at: decode(r.try_get("cancelled_at"))?,
                })
            }

            // ----- erasure --------------------------------------------------------------

            async fn exec(tx: &mut Tx, sql: &str, id: i64) -> StoreResult<u64> {
                Ok(sqlx::query(sql)
                    .bind(id)
                    .execute(&mut **tx)
                    .await
                    .map_err(db_err)?
                    .rows_affected())
            }

            async fn erase_in(tx: &mut Tx, person_id: i64, reason: &str) -> StoreResult<Erasure> {
                // Write first (see update_case), so the erasure does not meet a
                // concurrent write halfway.
                exec(tx, "UPDATE persons SET version = version + 1 WHERE id = $1", person_id).await?;
                let row = sqlx::query(&format!("SELECT {PERSON_COLUMNS} FROM persons WHERE id = $1"))
                    .bind(person_id)
                    .fetch_optional(&mut **tx)
                    .await
                    .map_err(db_err)?;
                let p = row
                    .as_ref()
                    .map(person)
                    .transpose()?
                    .ok_or_else(|| StoreError::NotFound("person".into()))?;
                let now = now_micros();
                let rows = sqlx::query(&format!(
                    "SELECT {CASE_COLUMNS} FROM cases c WHERE c.person_id = $1 ORDER BY c.id"
                ))
                .bind(person_id)
                .fetch_all(&mut **tx)
                .await
                .map_err(db_err)?;
                let cases: Vec<Case> = rows.iter().map(case).collect::<StoreResult<_>>()?;
                for c in &cases {
                    let steps = steps_in(tx, c.id).await?;
                    let trace: Vec<StepStatistic> = steps
                        .iter()
                        .map(|s| StepStatistic {
                            key: s.key.clone(),
                            category: s.category.as_str().into(),
                            status: s.status.as_str().into(),
                            due_month: month(s.due_on),
                            done_month: s.done_on.map(month),
                        })
                        .collect();
                    sqlx::query(
                        "INSERT INTO case_statistics (org_id, template_key, arrival_year, \
                         country_group, occupation_area, started_month, closed_month, steps, \
                         reason, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                    )
                    .bind(c.org_id)
                    .bind(&c.template_key)
                    .bind(p.data.arrival_year.map(i64::from))
                    .bind(country_group(p.data.country.as_deref()))
                    .bind(p.data.occupation_area())
                    .bind(month(c.started_on))
                    .bind(c.closed_on.map(month))
                    .bind(to_json(&trace)?)
                    .bind(reason)
                    .bind(now)
                    .execute(&mut **tx)
                    .await
                    .map_err(db_err)?;
                }
                let of_cases = "(SELECT id FROM cases WHERE person_id = $1)";
                exec(tx, "DELETE FROM case_access_log WHERE person_id = $1", person_id).await?;
                let registrations: Vec<Option<i64>> = sqlx::query_scalar(&format!(
                    "SELECT registration_id FROM appointments WHERE case_id IN {of_cases}"
                ))
                .bind(person_id)
                .fetch_all(&mut **tx)
                .await
                .map_err(db_err)?;
                exec(tx, &format!("DELETE FROM appointments WHERE case_id IN {of_cases}"), person_id).await?;
                for r in registrations.into_iter().flatten() {
                    exec(tx, "DELETE FROM event_registrations WHERE id = $1", r).await?;
                }
                let blobs: Vec<i64> = sqlx::query_scalar(&format!(
                    "SELECT blob_id FROM case_documents WHERE case_id IN {of_cases}"
                ))
                .bind(person_id)
                .fetch_all(&mut **tx)
                .await
                .map_err(db_err)?;
                exec(tx, &format!("DELETE FROM case_documents WHERE case_id IN {of_cases}"), person_id).await?;
                for b in &blobs {
                    exec(tx, "DELETE FROM blobs WHERE id = $1", *b).await?;
                }
                exec(tx, &format!("DELETE FROM sharing_overrides WHERE case_id IN {of_cases}"), person_id).await?;
                exec(tx, &format!("DELETE FROM case_steps WHERE case_id IN {of_cases}"), person_id).await?;
                exec(tx, "DELETE FROM cases WHERE person_id = $1", person_id).await?;
                exec(tx, "DELETE FROM consents WHERE person_id = $1", person_id).await?;
                exec(tx, "DELETE FROM persons WHERE id = $1", person_id).await?;

                // What else may carry the name or the address.
                let mut addresses: Vec<String> = p.data.email.iter().cloned().collect();
                let mut account_anonymised = false;
                if let Some(user) = p.user_id {
                    let email: Option<String> =
                        sqlx::query_scalar("SELECT email FROM users WHERE id = $1")
                            .bind(user)
                            .fetch_optional(&mut **tx)
                            .await
                            .map_err(db_err)?;
                    let linked_elsewhere: i64 = sqlx::query_scalar(
                        "SELECT COUNT(*) FROM persons WHERE user_id = $1",
                    )
                    .bind(user)
                    .fetch_one(&mut **tx)
                    .await
                    .map_err(db_err)?;
                    let staff: i64 =
                        sqlx::query_scalar("SELECT COUNT(*) FROM memberships WHERE user_id = $1")
                            .bind(user)
                            .fetch_one(&mut **tx)
                            .await
                            .map_err(db_err)?;
                    if linked_elsewhere == 0 && staff == 0 {
                        addresses.extend(email);
                        for sql in [
                            "DELETE FROM sessions WHERE user_id = $1",
                            "DELETE FROM one_time_tokens WHERE user_id = $1",
                            "DELETE FROM saved_wishes WHERE user_id = $1",
                            "DELETE FROM network_contacts WHERE user_id = $1",
                            "UPDATE event_registrations SET user_id = NULL WHERE user_id = $1",
                            "UPDATE users SET email = 'erased-' || CAST(id AS TEXT) || '@invalid', \
                             display_name = '-', password_hash = NULL, totp_secret = NULL, \
                             totp_enabled_at = NULL, email_verified_at = NULL WHERE id = $1",
                        ] {
                            exec(tx, sql, user).await?;
                        }
                        account_anonymised = true;
                    }
                }
                addresses.sort();
                addresses.dedup();
                for a in &addresses {
                    for sql in [
                        "DELETE FROM event_registrations WHERE email = $1",
                        "DELETE FROM one_time_tokens WHERE email = $1",
                        "DELETE FROM login_failures WHERE key = 'account:' || $1",
                        "UPDATE audit_log SET detail = REPLACE(detail, $1, '[erased]'), \
                         target = REPLACE(target, $1, '[erased]')",
                    ] {
                        sqlx::query(sql).bind(a).execute(&mut **tx).await.map_err(db_err)?;
                    }
                }
                sqlx::query(
                    "UPDATE audit_log SET detail = REPLACE(detail, $1, '[erased]'), \
                     target = REPLACE(target, $1, '[erased]')",
                )
                .bind(&p.data.name)
                .execute(&mut **tx)
                .await
                .map_err(db_err)?;
                Ok(Erasure {
                    name: p.data.name,
                    email: p.data.email,
                    cases: cases.len(),
                    documents: blobs.len(),
                    account_anonymised,
                })
            }

            #[async_trait::async_trait]
            impl bleibe_store::Cases for $store {
                async fn install_case_templates(&self, templates: &[CaseTemplate]) -> StoreResult<usize> {
                    let mut n = 0;
                    for t in templates {
                        let done = sqlx::query(
                            "INSERT INTO case_templates (owner_org, key, version, body, created_at) \
                             VALUES (0, $1, $2, $3, $4) ON CONFLICT (owner_org, key, version) DO NOTHING",
                        )
                        .bind(&t.key)
                        .bind(t.version)
                        .bind(to_json(t)?)
                        .bind(now_micros())
                        .execute(&self.pool)
                        .await
                        .map_err(db_err)?;
                        n += done.rows_affected() as usize;
                    }
                    Ok(n)
                }

                async fn case_templates(&self, org: i64) -> StoreResult<Vec<CaseTemplate>> {
                    // The newest version per key, the organisation's own before shipped.
                    let rows = sqlx::query(&format!(
                        "{TEMPLATE_SELECT} WHERE t.owner_org IN (0, $1) ORDER BY t.id"
                    ))
                    .bind(org)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                    let mut out: Vec<(i64, CaseTemplate)> = Vec::new();
                    for r in &rows {
                        let owner: i64 = decode(r.try_get("owner_org"))?;
                        let t = template(r)?;
                        match out.iter_mut().find(|(_, o)| o.key == t.key) {
                            Some(slot) => {
                                if (owner, t.version) > (slot.0, slot.1.version) {
                                    *slot = (owner, t);
                                }
                            }
                            None => out.push((owner, t)),
                        }
                    }
                    Ok(out.into_iter().map(|(_, t)| t).collect())
                }

                async fn case_template(&self, org: i64, key: &str) -> StoreResult<Option<CaseTemplate>> {
                    let row = sqlx::query(&format!(
                        "{TEMPLATE_SELECT} WHERE t.owner_org IN (0, $1) AND t.key = $2 \
                         ORDER BY t.version DESC, t.owner_org DESC LIMIT 1"
                    ))
                    .bind(org)
                    .bind(key)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db_err)?;
                    row.as_ref().map(template).transpose()
                }

                async fn save_case_template(
                    &self,
                    org: i64,
                    t: &CaseTemplate,
                    user: i64,
                ) -> StoreResult<CaseTemplate> {
                    let mut tx = self.pool.begin().await.map_err(db_err)?;
                    let result = async {
                        // Write first (see update_case): concurrent saves queue.
                        sqlx::query(
                            "UPDATE case_templates SET version = version WHERE owner_org IN (0, $1) AND key = $2",
                        )
                        .bind(org)
                        .bind(&t.key)
                        .execute(&mut *tx)
                        .await
                        .map_err(db_err)?;
                        let newest: Option<i64> = sqlx::query_scalar(
                            "SELECT MAX(version) FROM case_templates WHERE owner_org IN (0, $1) AND key = $2",
                        )
                        .bind(org)
                        .bind(&t.key)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(db_err)?;
                        if newest.is_some_and(|v| v != t.version) {
                            return Err(conflict("template"));
                        }
                        let mut saved = t.clone();
                        saved.version = newest.unwrap_or(0) + 1;
                        // Two saves of the same version: the unique key lets one through.
                        sqlx::query(
                            "INSERT INTO case_templates (owner_org, key, version, body, created_by, created_at) \
                             VALUES ($1, $2, $3, $4, $5, $6)",
                        )
                        .bind(org)
                        .bind(&saved.key)
                        .bind(saved.version)
                        .bind(to_json(&saved)?)
                        .bind(user)
                        .bind(now_micros())
                        .execute(&mut *tx)
                        .await
                        .map_err(|e| match db_err(e) {
                            StoreError::Conflict(_) => conflict("template"),
                            other => other,
                        })?;
                        Ok(saved)
                    }
                    .await;
                    finish(tx, result).await
                }

                async fn create_person(
                    &self,
                    org: i64,
                    p: &NewPerson,
                    user_id: Option<i64>,
                ) -> StoreResult<Person> {
                    let now = now_micros();
                    let row = sqlx::query(&format!(
                        "INSERT INTO persons (org_id, user_id, name, email, phone, languages, \
                         preferred_language, country, arrival_year, qualifications, household, \
                         search, version, created_at, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, $13, $13) \
                         RETURNING {PERSON_COLUMNS}"
                    ))
                    .bind(org)
                    .bind(user_id)
                    .bind(&p.name)
                    .bind(&p.email)
                    .bind(&p.phone)
                    .bind(p.languages.join(" "))
                    .bind(&p.preferred_language)
                    .bind(&p.country)
                    .bind(p.arrival_year.map(i64::from))
                    .bind(to_json(&p.qualifications)?)
                    .bind(to_json(&p.household)?)
                    .bind(person_search(p))
                    .bind(now)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_err)?;
                    person(&row)
                }

                async fn person(&self, id: i64) -> StoreResult<Option<Person>> {
                    let row = sqlx::query(&format!("SELECT {PERSON_COLUMNS} FROM persons WHERE id = $1"))
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db_err)?;
                    row.as_ref().map(person).transpose()
                }

                async fn update_person(&self, id: i64, version: i64, p: &NewPerson) -> StoreResult<Person> {
                    let row = sqlx::query(&format!(
                        "UPDATE persons SET name = $1, email = $2, phone = $3, languages = $4, \
                         preferred_language = $5, country = $6, arrival_year = $7, \
                         qualifications = $8, household = $9, search = $10, \
                         version = version + 1, updated_at = $11 \
                         WHERE id = $12 AND version = $13 RETURNING {PERSON_COLUMNS}"
                    ))
                    .bind(&p.name)
                    .bind(&p.email)
                    .bind(&p.phone)
                    .bind(p.languages.join(" "))
                    .bind(&p.preferred_language)
                    .bind(&p.country)
                    .bind(p.arrival_year.map(i64::from))
                    .bind(to_json(&p.qualifications)?)
                    .bind(to_json(&p.household)?)
                    .bind(person_search(p))
                    .bind(now_micros())
                    .bind(id)
                    .bind(version)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db_err)?;
                    match row {
                        Some(r) => person(&r),
                        None if self.person(id).await?.is_some() => Err(conflict("person")),
                        None => Err(StoreError::NotFound("person".into())),
                    }
                }

                async fn persons_of_user(&self, user_id: i64) -> StoreResult<Vec<Person>> {
                    let rows = sqlx::query(&format!(
                        "SELECT {PERSON_COLUMNS} FROM persons WHERE user_id = $1 ORDER BY id"
                    ))
                    .bind(user_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                    rows.iter().map(person).collect()
                }

                async fn link_persons_by_email(&self, email: &str, user_id: i64) -> StoreResult<u64> {
                    let done = sqlx::query(
                        "UPDATE persons SET user_id = $1 WHERE email = $2 AND user_id IS NULL",
                    )
                    .bind(user_id)
                    .bind(email.trim().to_lowercase())
                    .execute(&self.pool)
                    .await
                    .map_err(db_err)?;
                    Ok(done.rows_affected())
                }

                async fn link_person_user(&self, person_id: i64, user_id: Option<i64>) -> StoreResult<()> {
                    let done = sqlx::query("UPDATE persons SET user_id = $1 WHERE id = $2")
                        .bind(user_id)
                        .bind(person_id)
                        .execute(&self.pool)
                        .await
                        .map_err(db_err)?;
                    if done.rows_affected() == 0 {
                        return Err(StoreError::NotFound("person".into()));
                    }
                    Ok(())
                }

                async fn create_case(
                    &self,
                    org: i64,
                    person_id: i64,
                    t: &CaseTemplate,
                    started_on: NaiveDate,
                    status: CaseStatus,
                    assignee_user: Option<i64>,
                    request_message: &str,
                ) -> StoreResult<Case> {
                    let now = now_micros();
                    let mut tx = self.pool.begin().await.map_err(db_err)?;
                    let result = async {
                        let row = sqlx::query(&format!(
                            "INSERT INTO cases (person_id, org_id, template_key, template_version, \
                             title, status, started_on, assignee_user, request_message, version, \
                             created_at, updated_at) \
                             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $10) \
                             RETURNING {}",
                            bare(CASE_COLUMNS)
                        ))
                        .bind(person_id)
                        .bind(org)
                        .bind(&t.key)
                        .bind(t.version)
                        .bind(to_json(&t.name)?)
                        .bind(status.as_str())
                        .bind(started_on)
                        .bind(assignee_user)
                        .bind(request_message)
                        .bind(now)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(db_err)?;
                        let created = case(&row)?;
                        let steps: Vec<Step> = t
                            .steps
                            .iter()
                            .enumerate()
                            .map(|(i, s)| Step {
                                id: 0,
                                case_id: created.id,
                                position: i as i64,
                                key: s.key.clone(),
                                title: s.title.clone(),
                                hint: s.hint.clone(),
                                category: s.category,
                                body: s.body,
                                due: s.due.clone(),
                                due_override: None,
                                due_on: started_on,
                                optional: s.optional,
                                status: StepStatus::Open,
                                done_on: None,
                                assignee_org: None,
                                assignee_user: None,
                                note: String::new(),
                                documents: s.documents.clone(),
                                version: 1,
                            })
                            .collect();
                        let due = due_dates(started_on, &steps);
                        for (s, due_on) in steps.iter().zip(due) {
                            sqlx::query(
                                "INSERT INTO case_steps (case_id, position, key, title, hint, category, \
                                 body, due_after, due_days, due_on, optional, status, documents, version) \
                                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1)",
                            )
                            .bind(s.case_id)
                            .bind(s.position)
                            .bind(&s.key)
                            .bind(to_json(&s.title)?)
                            .bind(to_json(&s.hint)?)
                            .bind(s.category.as_str())
                            .bind(s.body.as_str())
                            .bind(&s.due.after)
                            .bind(s.due.days)
                            .bind(due_on)
                            .bind(s.optional)
                            .bind(s.status.as_str())
                            .bind(to_json(&s.documents)?)
                            .execute(&mut *tx)
                            .await
                            .map_err(db_err)?;
                        }
                        Ok(created)
                    }
                    .await;
                    finish(tx, result).await
                }

                async fn case(&self, id: i64) -> StoreResult<Option<Case>> {
                    let row = sqlx::query(&format!("SELECT {CASE_COLUMNS} FROM cases c WHERE c.id = $1"))
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db_err)?;
                    row.as_ref().map(case).transpose()
                }

                async fn steps(&self, case_id: i64) -> StoreResult<Vec<Step>> {
                    self.steps_of_cases(&[case_id]).await
                }

                async fn steps_of_cases(&self, case_ids: &[i64]) -> StoreResult<Vec<Step>> {
                    let Some(list) = id_list(case_ids) else {
                        return Ok(Vec::new());
                    };
                    let rows = sqlx::query(&format!(
                        "SELECT {STEP_COLUMNS} FROM case_steps WHERE case_id IN ({list}) \
                         ORDER BY case_id, position"
                    ))
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                    rows.iter().map(step).collect()
                }

                async fn update_case(&self, id: i64, u: &CaseUpdate, today: NaiveDate) -> StoreResult<Case> {
                    let mut tx = self.pool.begin().await.map_err(db_err)?;
                    let result = async {
                        // Write first: the row lock (PostgreSQL) or the write lock
                        // (SQLite) before reading, so two edits queue instead of both
                        // reading and one failing to upgrade.
                        sqlx::query("UPDATE cases SET version = version WHERE id = $1")
                            .bind(id)
                            .execute(&mut *tx)
                            .await
                            .map_err(db_err)?;
                        let mut c = case_in(&mut tx, id).await?;
                        if c.version != u.version {
                            return Err(conflict("case"));
                        }
                        if let Some(s) = u.status {
                            c.closed_on = match s {
                                CaseStatus::Closed | CaseStatus::Declined => {
                                    c.closed_on.or(Some(today))
                                }
                                _ => None,
                            };
                            c.status = s;
                        }
                        if let Some(a) = u.assignee_user {
                            c.assignee_user = (a != 0).then_some(a);
                        }
                        let row = sqlx::query(&format!(
                            "UPDATE cases SET status = $1, closed_on = $2, assignee_user = $3, \
                             version = version + 1, updated_at = $4 \
                             WHERE id = $5 AND version = $6 RETURNING {}",
                            bare(CASE_COLUMNS)
                        ))
                        .bind(c.status.as_str())
                        .bind(c.closed_on)
                        .bind(c.assignee_user)
                        .bind(now_micros())
                        .bind(id)
                        .bind(u.version)
                        .fetch_optional(&mut *tx)
                        .await
                        .map_err(db_err)?;
                        row.as_ref().map(case).transpose()?.ok_or_else(|| conflict("case"))
                    }
                    .await;
                    finish(tx, result).await
                }

                async fn update_step(
                    &self,
                    case_id: i64,
                    step_id: i64,
                    u: &StepUpdate,
                    today: NaiveDate,
                ) -> StoreResult<Step> {
                    let mut tx = self.pool.begin().await.map_err(db_err)?;
                    let result = async {
                        // Writing the case row first serialises step changes per case (a
                        // row lock in PostgreSQL, the write lock in SQLite), so the due
                        // dates are derived from a consistent set of steps.
                        let locked = sqlx::query("UPDATE cases SET updated_at = $1 WHERE id = $2")
                            .bind(now_micros())
                            .bind(case_id)
                            .execute(&mut *tx)
                            .await
                            .map_err(db_err)?;
                        if locked.rows_affected() == 0 {
                            return Err(StoreError::NotFound("case".into()));
                        }
                        let c = case_in(&mut tx, case_id).await?;
                        let mut steps = steps_in(&mut tx, case_id).await?;
                        let Some(i) = steps.iter().position(|s| s.id == step_id) else {
                            return Err(StoreError::NotFound("step".into()));
                        };
                        if steps[i].version != u.version {
                            return Err(conflict("step"));
                        }
                        u.apply(&mut steps[i], today);
                        let due = due_dates(c.started_on, &steps);
                        for (j, (s, due_on)) in steps.iter_mut().zip(due).enumerate() {
                            if j == i {
                                s.due_on = due_on;
                                s.version += 1;
                                let done = sqlx::query(
                                    "UPDATE case_steps SET status = $1, due_override = $2, due_on = $3, \
                                     done_on = $4, assignee_org = $5, assignee_user = $6, note = $7, \
                                     version = $8 WHERE id = $9 AND version = $10",
                                )
                                .bind(s.status.as_str())
                                .bind(s.due_override)
                                .bind(s.due_on)
                                .bind(s.done_on)
                                .bind(s.assignee_org)
                                .bind(s.assignee_user)
                                .bind(&s.note)
                                .bind(s.version)
                                .bind(s.id)
                                .bind(u.version)
                                .execute(&mut *tx)
                                .await
                                .map_err(db_err)?;
                                if done.rows_affected() == 0 {
                                    return Err(conflict("step"));
                                }
                            } else if s.due_on != due_on {
                                s.due_on = due_on;
                                sqlx::query("UPDATE case_steps SET due_on = $1 WHERE id = $2")
                                    .bind(due_on)
                                    .bind(s.id)
                                    .execute(&mut *tx)
                                    .await
                                    .map_err(db_err)?;
                            }
                        }
                        Ok(steps.swap_remove(i))
                    }
                    .await;
                    finish(tx, result).await
                }

                async fn cases(&self, f: &CaseFilter) -> StoreResult<Vec<CaseRow>> {
                    let mut q = sqlx::QueryBuilder::<Db>::new(format!(
                        "SELECT {CASE_COLUMNS}, p.name AS person_name, e.name AS org_name {CASE_ROW_SELECT} WHERE "
                    ));
                    match f.scope {
                        CaseScope::Holder(org) => {
                            q.push("c.org_id = ").push_bind(org);
                        }
                        CaseScope::Shared(org) => {
                            q.push("c.org_id <> ")
                                .push_bind(org)
                                .push(" AND c.status IN ('open', 'closed') AND (EXISTS (SELECT 1 FROM consents k \
                                       WHERE k.person_id = c.person_id AND k.revoked_at IS NULL AND k.recipient_org = ")
                                .push_bind(org)
                                .push(") OR EXISTS (SELECT 1 FROM sharing_overrides o WHERE o.case_id = c.id \
                                       AND o.revoked_at IS NULL AND o.recipient_org = ")
                                .push_bind(org)
                                .push("))");
                        }
                    }
                    if let Some(s) = f.status {
                        q.push(" AND c.status = ").push_bind(s.as_str());
                    }
                    if let Some(a) = f.assignee_user {
                        q.push(" AND c.assignee_user = ").push_bind(a);
                    }
                    if let Some(p) = f.person_id {
                        q.push(" AND c.person_id = ").push_bind(p);
                    }
                    if let Some(text) = &f.query {
                        for word in bleibe_domain::text::fold(text).split_whitespace().take(5) {
                            let pattern = format!(
                                "%{}%",
                                word.replace('\\', "").replace('%', "").replace('_', "")
                            );
                            q.push(" AND p.search LIKE ").push_bind(pattern);
                        }
                    }
                    q.push(" ORDER BY c.updated_at DESC, c.id DESC LIMIT ")
                        .push_bind(f.limit.clamp(1, 500));
                    let rows = q.build().fetch_all(&self.pool).await.map_err(db_err)?;
                    rows.iter().map(case_row).collect()
                }

                async fn overdue_steps(
                    &self,
                    org: i64,
                    today: NaiveDate,
                    limit: i64,
                ) -> StoreResult<Vec<(Step, CaseRow)>> {
                    let rows = sqlx::query(&format!(
                        "SELECT s.id AS step_id FROM case_steps s JOIN cases c ON c.id = s.case_id \
                         WHERE c.org_id = $1 AND c.status = 'open' AND s.due_on < $2 \
                         AND s.status NOT IN ('done', 'not_applicable') \
                         ORDER BY s.due_on, s.id LIMIT $3"
                    ))
                    .bind(org)
                    .bind(today)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                    let ids: Vec<i64> = rows
                        .iter()
                        .map(|r| decode(r.try_get("step_id")))
                        .collect::<StoreResult<_>>()?;
                    let Some(list) = id_list(&ids) else {
                        return Ok(Vec::new());
                    };
                    let rows = sqlx::query(&format!(
                        "SELECT {STEP_COLUMNS} FROM case_steps WHERE id IN ({list}) ORDER BY due_on, id"
                    ))
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                    let steps: Vec<Step> = rows.iter().map(step).collect::<StoreResult<_>>()?;
                    let mut case_ids: Vec<i64> = steps.iter().map(|s| s.case_id).collect();
                    case_ids.sort_unstable();
                    case_ids.dedup();
                    let list = id_list(&case_ids).unwrap_or_default();
                    let rows = sqlx::query(&format!(
                        "SELECT {CASE_COLUMNS}, p.name AS person_name, e.name AS org_name \
                         {CASE_ROW_SELECT} WHERE c.id IN ({list})"
                    ))
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                    let cases: Vec<CaseRow> = rows.iter().map(case_row).collect::<StoreResult<_>>()?;
                    Ok(steps
                        .into_iter()
                        .filter_map(|s| {
                            let c = cases.iter().find(|c| c.case.id == s.case_id)?.clone();
                            Some((s, c))
                        })
                        .collect())
                }

                async fn record_consent(&self, k: &NewConsent, recorded_by: Option<i64>) -> StoreResult<Consent> {
                    let row = sqlx::query(&format!(
                        "INSERT INTO consents (person_id, recipient_org, purpose, categories, \
                         text_version, given_at, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7) \
                         RETURNING {CONSENT_COLUMNS}"
                    ))
                    .bind(k.person_id)
                    .bind(k.recipient_org)
                    .bind(k.purpose.trim())
                    .bind(join_categories(&k.categories))
                    .bind(k.text_version.trim())
                    .bind(now_micros())
                    .bind(recorded_by)
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_err)?;
                    consent(&row)
                }

                async fn revoke_consent(&self, person_id: i64, id: i64, at: DateTime<Utc>) -> StoreResult<Consent> {
                    let row = sqlx::query(&format!(
                        "UPDATE consents SET revoked_at = $1 WHERE id = $2 AND person_id = $3 \
                         AND revoked_at IS NULL RETURNING {CONSENT_COLUMNS}"
                    ))
                    .bind(bleibe_store::accounts::micros(at))
                    .bind(id)
                    .bind(person_id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db_err)?;
                    row.as_ref()
                        .map(consent)
                        .transpose()?
                        .ok_or_else(|| StoreError::NotFound("consent".into()))
                }

                async fn consent(&self, id: i64) -> StoreResult<Option<Consent>> {
                    let row = sqlx::query(&format!("SELECT {CONSENT_COLUMNS} FROM consents WHERE id = $1"))
                        .bind(id)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err(db_err)?;
                    row.as_ref().map(consent).transpose()
                }

                async fn consents_of_person(&self, person_id: i64) -> StoreResult<Vec<Consent>> {
                    let rows = sqlx::query(&format!(
                        "SELECT {CONSENT_COLUMNS} FROM consents WHERE person_id = $1 ORDER BY id DESC"
                    ))
                    .bind(person_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                    rows.iter().map(consent).collect()
                }

                async fn record_override(&self, o: &NewOverride, admin: i64) -> StoreResult<SharingOverride> {
                    let row = sqlx::query(&format!(
                        "INSERT INTO sharing_overrides (case_id, recipient_org, categories, legal_basis, \
                         law, reason, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                         RETURNING {OVERRIDE_COLUMNS}"
                    ))
                    .bind(o.case_id)
                    .bind(o.recipient_org)
                    .bind(join_categories(&o.categories))
                    .bind(o.legal_basis.as_str())
                    .bind(o.law.trim())
                    .bind(o.reason.trim())
                    .bind(admin)
                    .bind(now_micros())
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_err)?;
                    sharing_override(&row)
                }

                async fn revoke_override(&self, case_id: i64, id: i64, at: DateTime<Utc>) -> StoreResult<()> {
                    let done = sqlx::query(
                        "UPDATE sharing_overrides SET revoked_at = $1 WHERE id = $2 AND case_id = $3 \
                         AND revoked_at IS NULL",
                    )
                    .bind(bleibe_store::accounts::micros(at))
                    .bind(id)
                    .bind(case_id)
                    .execute(&self.pool)
                    .await
                    .map_err(db_err)?;
                    if done.rows_affected() == 0 {
                        return Err(StoreError::NotFound("override".into()));
                    }
                    Ok(())
                }

                async fn overrides_of_case(&self, case_id: i64) -> StoreResult<Vec<SharingOverride>> {
                    let rows = sqlx::query(&format!(
                        "SELECT {OVERRIDE_COLUMNS} FROM sharing_overrides WHERE case_id = $1 ORDER BY id DESC"
                    ))
                    .bind(case_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                    rows.iter().map(sharing_override).collect()
                }

                async fn add_case_document(
                    &self,
                    case_id: i64,
                    step_id: Option<i64>,
                    item_key: &str,
                    filename: &str,
                    blob_id: i64,
                    user: Option<i64>,
                ) -> StoreResult<CaseDocument> {
                    let id: i64 = sqlx::query_scalar(
                        "INSERT INTO case_documents (case_id, step_id, item_key, filename, blob_id, \
                         uploaded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                    )
                    .bind(case_id)
                    .bind(step_id)
                    .bind(item_key)
                    .bind(filename)
                    .bind(blob_id)
                    .bind(user)
                    .bind(now_micros())
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_err)?;
                    let row = sqlx::query(&format!("{DOCUMENT_SELECT} WHERE d.id = $1"))
                        .bind(id)
                        .fetch_one(&self.pool)
                        .await
                        .map_err(db_err)?;
                    document(&row)
                }

                async fn case_documents(&self, case_id: i64) -> StoreResult<Vec<CaseDocument>> {
                    let rows = sqlx::query(&format!("{DOCUMENT_SELECT} WHERE d.case_id = $1 ORDER BY d.id"))
                        .bind(case_id)
                        .fetch_all(&self.pool)
                        .await
                        .map_err(db_err)?;
                    rows.iter().map(document).collect()
                }

                async fn create_appointment(&self, a: &NewAppointment, user: Option<i64>) -> StoreResult<Appointment> {
                    let row = sqlx::query(&format!(
                        "INSERT INTO appointments (case_id, step_id, title, location, starts_at, \
                         ends_at, event_id, registration_id, slot_cancel_hash, created_by, version, \
                         created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11) RETURNING {}",
                        bare(APPOINTMENT_COLUMNS)
                    ))
                    .bind(a.case_id)
                    .bind(a.step_id)
                    .bind(a.title.trim())
                    .bind(a.location.trim())
                    .bind(bleibe_store::accounts::micros(a.starts_at))
                    .bind(bleibe_store::accounts::micros(a.ends_at))
                    .bind(a.event_id)
                    .bind(a.registration_id)
                    .bind(&a.slot_cancel_hash)
                    .bind(user)
                    .bind(now_micros())
                    .fetch_one(&self.pool)
                    .await
                    .map_err(db_err)?;
                    appointment(&row)
                }

                async fn appointment(&self, id: i64) -> StoreResult<Option<Appointment>> {
                    let row = sqlx::query(&format!(
                        "SELECT {APPOINTMENT_COLUMNS} FROM appointments a WHERE a.id = $1"
                    ))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db_err)?;
                    row.as_ref().map(appointment).transpose()
                }

                async fn appointments_of_case(&self, case_id: i64) -> StoreResult<Vec<Appointment>> {
                    let rows = sqlx::query(&format!(
                        "SELECT {APPOINTMENT_COLUMNS} FROM appointments a WHERE a.case_id = $1 \
                         ORDER BY a.starts_at, a.id"
                    ))
                    .bind(case_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                    rows.iter().map(appointment).collect()
                }

                async fn org_appointments(
                    &self,
                    org: i64,
                    from: DateTime<Utc>,
                    to: DateTime<Utc>,
                ) -> StoreResult<Vec<(Appointment, CaseRow)>> {
                    let rows = sqlx::query(&format!(
                        "SELECT {APPOINTMENT_COLUMNS}, a.id AS appointment_id FROM appointments a \
                         JOIN cases c ON c.id = a.case_id WHERE c.org_id = $1 AND a.starts_at >= $2 \
                         AND a.starts_at < $3 AND a.cancelled_at IS NULL ORDER BY a.starts_at, a.id"
                    ))
                    .bind(org)
                    .bind(from)
                    .bind(to)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                    let appointments: Vec<Appointment> =
                        rows.iter().map(appointment).collect::<StoreResult<_>>()?;
                    let mut case_ids: Vec<i64> = appointments.iter().map(|a| a.data.case_id).collect();
                    case_ids.sort_unstable();
                    case_ids.dedup();
                    let Some(list) = id_list(&case_ids) else {
                        return Ok(Vec::new());
                    };
                    let rows = sqlx::query(&format!(
                        "SELECT {CASE_COLUMNS}, p.name AS person_name, e.name AS org_name \
                         {CASE_ROW_SELECT} WHERE c.id IN ({list})"
                    ))
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                    let cases: Vec<CaseRow> = rows.iter().map(case_row).collect::<StoreResult<_>>()?;
                    Ok(appointments
                        .into_iter()
                        .filter_map(|a| {
                            let c = cases.iter().find(|c| c.case.id == a.data.case_id)?.clone();
                            Some((a, c))
                        })
                        .collect())
                }

                async fn cancel_appointment(&self, id: i64, at: DateTime<Utc>) -> StoreResult<Appointment> {
                    let row = sqlx::query(&format!(
                        "UPDATE appointments SET cancelled_at = $1, version = version + 1 \
                         WHERE id = $2 AND cancelled_at IS NULL RETURNING {}",
                        bare(APPOINTMENT_COLUMNS)
                    ))
                    .bind(bleibe_store::accounts::micros(at))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err(db_err)?;
                    row.as_ref()
                        .map(appointment)
                        .transpose()?
                        .ok_or_else(|| StoreError::NotFound("appointment".into()))
                }

                async fn log_access(&self, a: &NewAccess) -> StoreResult<()> {
                    sqlx::query(
                        "INSERT INTO case_access_log (person_id, case_id, user_id, org_id, action, detail, at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    )
                    .bind(a.person_id)
                    .bind(a.case_id)
                    .bind(a.user_id)
                    .bind(a.org_id)
                    .bind(&a.action)
                    .bind(&a.detail)
                    .bind(now_micros())
                    .execute(&self.pool)
                    .await
                    .map_err(db_err)?;
                    Ok(())
                }

                async fn access_log(&self, person_id: i64) -> StoreResult<Vec<AccessEntry>> {
                    let rows = sqlx::query(
                        "SELECT l.id, l.person_id, l.case_id, l.user_id, l.org_id, l.action, l.detail, \
                         l.at, u.display_name AS user_name, e.name AS org_name \
                         FROM case_access_log l LEFT JOIN users u ON u.id = l.user_id \
                         LEFT JOIN employers e ON e.id = l.org_id \
                         WHERE l.person_id = $1 ORDER BY l.id DESC",
                    )
                    .bind(person_id)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                    rows.iter()
                        .map(|r: &$row| {
                            Ok(AccessEntry {
                                id: decode(r.try_get("id"))?,
                                at: decode(r.try_get("at"))?,
                                access: NewAccess {
                                    person_id: decode(r.try_get("person_id"))?,
                                    case_id: decode(r.try_get("case_id"))?,
                                    user_id: decode(r.try_get("user_id"))?,
                                    org_id: decode(r.try_get("org_id"))?,
                                    action: decode(r.try_get("action"))?,
                                    detail: decode(r.try_get("detail"))?,
                                },
                                user_name: decode(r.try_get("user_name"))?,
                                org_name: decode(r.try_get("org_name"))?,
                            })
                        })
                        .collect()
                }

                async fn erase_person(&self, person_id: i64, reason: &str) -> StoreResult<Erasure> {
                    let mut tx = self.pool.begin().await.map_err(db_err)?;
                    let result = erase_in(&mut tx, person_id, reason).await;
                    let erased = finish(tx, result).await?;
                    // SQLite keeps earlier page images in its write-ahead log until a
                    // checkpoint: write them back (zeroed, see secure_delete) and empty
                    // the log, so no copy of the erased rows stays in the data dir.
                    if <Db as sqlx::Database>::NAME == "SQLite" {
                        sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                            .execute(&self.pool)
                            .await
                            .map_err(db_err)?;
                    }
                    Ok(erased)
                }

                async fn persons_for_retention(&self, closed_before: NaiveDate) -> StoreResult<Vec<i64>> {
                    // A person without any case counts from their record's last change.
                    let cutoff = closed_before.and_time(chrono::NaiveTime::MIN).and_utc();
                    sqlx::query_scalar(
                        "SELECT p.id FROM persons p WHERE (EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id) \
                         AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id AND \
                         (c.status IN ('open', 'requested') OR c.closed_on IS NULL OR c.closed_on >= $1))) \
                         OR (NOT EXISTS (SELECT 1 FROM cases c WHERE c.person_id = p.id) AND p.updated_at < $2) \
                         ORDER BY p.id",
                    )
                    .bind(closed_before)
                    .bind(cutoff)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)
                }

                async fn case_statistics(&self) -> StoreResult<Vec<CaseStatistic>> {
                    let rows = sqlx::query(
                        "SELECT org_id, template_key, arrival_year, country_group, occupation_area, \
                         started_month, closed_month, steps, reason FROM case_statistics ORDER BY id",
                    )
                    .fetch_all(&self.pool)
                    .await
                    .map_err(db_err)?;
                    rows.iter()
                        .map(|r: &$row| {
                            let arrival: Option<i64> = decode(r.try_get("arrival_year"))?;
                            Ok(CaseStatistic {
                                org_id: decode(r.try_get("org_id"))?,
                                template_key: decode(r.try_get("template_key"))?,
                                arrival_year: arrival.map(|y| y as i32),
                                country_group: decode(r.try_get("country_group"))?,
                                occupation_area: decode(r.try_get("occupation_area"))?,
                                started_month: decode(r.try_get("started_month"))?,
                                closed_month: decode(r.try_get("closed_month"))?,
                                steps: json(r, "steps")?,
                                reason: decode(r.try_get("reason"))?,
                            })
                        })
                        .collect()
                }
            }
        }
    };
}
