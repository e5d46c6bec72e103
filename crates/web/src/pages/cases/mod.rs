//! The Welcome Center's case pages (issue 7): the staff's work views (`/cases`), a
//! case with its steps, documents, appointments and sharing (`/cases/{id}`), persons
//! with their consents, export and erasure (`/persons/…`), a person's own view of their
//! case (`/me/case`) and the public intake form (`/beraten`).
//!
//! Every rule about who may see or change what lives in [`crate::cases`], which the JSON
//! API shares: these handlers only read forms, call its functions and render. Whatever
//! a caller may not see answers 404 there, and every read and write is logged there.
//!
//! Times are stored in UTC and shown, and read from forms, in German civil time
//! (Europe/Berlin), where the welcome centers and their appointments are.

mod case;
mod intake;
mod me;
mod person;
mod templates;
mod work;

use crate::berlin::to_berlin;
use crate::i18n::{Lang, Tr};
use crate::pages::cards::date;
use crate::pages::form::Errors;
use crate::policy::Caller;
use crate::problem::AppError;
use crate::routes::Routes;
use crate::state::AppState;
use crate::views::{Chrome, SelectOption};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use bleibe_domain::casework::{
    BodyKind, CaseStatus, Category, LegalBasis, RecognitionStatus, StepStatus,
};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

/// The routes of these pages, except the document upload ([`upload_routes`]).
pub(super) fn routes() -> Routes {
    Routes::new()
        // Work views and a case.
        .get("/cases", work::page)
        .get("/cases/templates", templates::list)
        .get("/cases/templates/{key}", templates::page)
        .post("/cases/templates/{key}", templates::save)
        .get("/cases/{id}", case::page)
        .post("/cases/{id}/status", case::status)
        .get("/cases/{id}/steps/{step}", case::step_form)
        .post("/cases/{id}/steps/{step}", case::step_save)
        .get("/cases/{id}/documents/{doc}", case::document)
        .post("/cases/{id}/appointments", case::appointment)
        .get(
            "/cases/{id}/appointments/{appointment}/invitation.ics",
            case::invitation,
        )
        .post("/cases/{id}/overrides", case::sharing_override)
        // Persons.
        .get("/persons/new", person::new_form)
        .post("/persons", person::create)
        .get("/persons/{id}", person::page)
        .get("/persons/{id}/edit", person::edit_form)
        .post("/persons/{id}/edit", person::update)
        .post("/persons/{id}/cases", person::open_case)
        .post("/persons/{id}/consents", person::consent)
        .post(
            "/persons/{id}/consents/{consent}/revoke",
            person::revoke_consent,
        )
        .get("/persons/{id}/export", person::export_page)
        .get("/persons/{id}/export.json", person::export_json)
        .get("/persons/{id}/erase", person::erase_form)
        .post("/persons/{id}/erase", person::erase)
        // A person's own view.
        .get("/me/case", me::page)
        .get(
            "/me/case/appointments/{appointment}/invitation.ics",
            me::invitation,
        )
        .post("/me/case/consents/{consent}/revoke", me::revoke_consent)
        .get("/me/case/export.json", me::export)
        // The public intake form.
        .get("/beraten", intake::form)
        .post("/beraten", intake::submit)
}

/// The document upload (`POST /cases/{id}/documents`, multipart, its CSRF token in the
/// query). Listed apart from [`routes`] because its body may be up to
/// [`crate::cases::MAX_DOCUMENT`], ten times the router's general limit: the server
/// recognises the path and allows it that much.
pub fn upload_routes() -> Routes {
    Routes::new().post("/cases/{id}/documents", case::upload)
}

/// A case page's chrome for the caller, with "Fälle" as the current navigation entry
/// (`nav`: `cases`, or `me-case` for the person's own view, or `intake`).
fn page_chrome(
    state: &AppState,
    lang: Lang,
    caller: &Caller,
    path: &str,
    nav: &'static str,
    title: &str,
) -> Chrome {
    Chrome::new(lang, &state.config, path, nav, title).for_caller(caller)
}

/// A date in the page language.
fn day(lang: Lang, d: NaiveDate) -> String {
    date(lang, d)
}

/// An instant as date and time in German civil time ("24.11.2026, 09:30").
fn when(tr: &Tr, t: DateTime<Utc>) -> String {
    let local = to_berlin(t);
    tr.ta(
        "cp-when",
        &[
            ("date", day(tr.lang, local.date_naive())),
            ("time", local.format("%H:%M").to_string()),
        ],
    )
}

/// An appointment's time: "24.11.2026, 09:30–10:30" (German civil time).
fn span(tr: &Tr, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    let (s, e) = (to_berlin(start), to_berlin(end));
    if s.date_naive() == e.date_naive() {
        tr.ta(
            "cp-span",
            &[
                ("date", day(tr.lang, s.date_naive())),
                ("start", s.format("%H:%M").to_string()),
                ("end", e.format("%H:%M").to_string()),
            ],
        )
    } else {
        format!("{} – {}", when(tr, start), when(tr, end))
    }
}

/// A byte count as people read it ("12 KB", "3,0 MB").
fn file_size(lang: Lang, bytes: i64) -> String {
    let kb = (bytes.max(0) as u64).div_ceil(1024);
    if kb < 1024 {
        format!("{} KB", crate::pages::cards::thousands(lang, kb))
    } else {
        format!(
            "{} MB",
            crate::pages::cards::decimal1(lang, kb as f64 / 1024.0)
        )
    }
}

/// The translated name of a case status.
fn case_status(tr: &Tr, s: CaseStatus) -> String {
    tr.t(&format!("cp-case-status-{}", s.as_str()))
}

/// The translated name of a step status.
fn step_status(tr: &Tr, s: StepStatus) -> String {
    tr.t(&format!("cp-step-status-{}", s.as_str()))
}

/// The translated name of a category.
fn category(tr: &Tr, c: Category) -> String {
    tr.t(&format!("cp-category-{}", c.as_str()))
}

/// The translated name of the kind of body responsible for a step.
fn body(tr: &Tr, b: BodyKind) -> String {
    tr.t(&format!("cp-body-{}", b.as_str()))
}

/// The translated name of a legal basis.
fn legal_basis(tr: &Tr, b: LegalBasis) -> String {
    tr.t(&format!("cp-basis-{}", b.as_str()))
}

/// The translated name of a recognition status.
fn recognition(tr: &Tr, r: RecognitionStatus) -> String {
    tr.t(&format!("cp-recognition-{}", r.as_str()))
}

/// Categories as a translated list ("Wohnen, Familie").
fn categories(tr: &Tr, cats: &[Category]) -> String {
    cats.iter()
        .map(|c| category(tr, *c))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What an access log entry's action means, translated where known (the API and
/// future code may log actions these pages do not name yet: those show as recorded).
fn access_action(tr: &Tr, action: &str) -> String {
    let key = format!("cp-action-{action}");
    if tr.has(&key) {
        tr.t(&key)
    } else {
        action.to_string()
    }
}

/// Most access log entries a page shows (the export has them all).
const LOG_ROWS: usize = 200;

/// An access log entry as the pages show it.
struct LogRow {
    at: String,
    at_iso: String,
    who: String,
    org: String,
    action: String,
    /// The case it concerned, if one.
    case: Option<i64>,
}

/// The newest entries of a person's access log, for a table.
fn log_rows(tr: &Tr, entries: Vec<bleibe_store::cases::AccessEntry>) -> Vec<LogRow> {
    entries
        .into_iter()
        .take(LOG_ROWS)
        .map(|e| LogRow {
            at: when(tr, e.at),
            at_iso: e.at.to_rfc3339(),
            who: e.user_name.unwrap_or_else(|| tr.t("cp-log-nobody")),
            org: e.org_name.unwrap_or_default(),
            action: access_action(tr, &e.access.action),
            case: e.access.case_id,
        })
        .collect()
}

/// The names of every organisation, by id (for consents, overrides and assignments).
async fn org_names(state: &AppState) -> Result<HashMap<i64, String>, AppError> {
    Ok(state
        .store
        .employers()
        .await?
        .into_iter()
        .map(|e| (e.id, e.name))
        .collect())
}

/// The staff of a welcome center as (user id, name), by name.
async fn staff(state: &AppState, org: i64) -> Result<Vec<(i64, String)>, AppError> {
    Ok(state
        .store
        .members(org)
        .await?
        .into_iter()
        .map(|(u, _)| (u.id, u.display_name))
        .collect())
}

/// Options for a select box over (id, name) pairs, with a first "none" entry when
/// `none` is given.
fn id_options(items: &[(i64, String)], none: Option<String>, selected: &str) -> Vec<SelectOption> {
    let mut out = Vec::new();
    if let Some(label) = none {
        out.push(SelectOption {
            value: String::new(),
            label,
            selected: selected.trim().is_empty(),
        });
    }
    out.extend(items.iter().map(|(id, name)| SelectOption {
        value: id.to_string(),
        label: name.clone(),
        selected: id.to_string() == selected.trim(),
    }));
    out
}

/// Checkboxes over the categories, those in `checked` ticked.
fn category_checks(tr: &Tr, checked: &[String]) -> Vec<SelectOption> {
    Category::ALL
        .iter()
        .map(|c| SelectOption {
            value: c.as_str().to_string(),
            label: category(tr, *c),
            selected: checked.iter().any(|v| v == c.as_str()),
        })
        .collect()
}

/// The value of `name` in a submitted form (the last one), as typed.
fn value(pairs: &[(String, String)], name: &str) -> String {
    pairs
        .iter()
        .rev()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

/// Every non-empty value of `name` in a submitted form (checkboxes).
fn values(pairs: &[(String, String)], name: &str) -> Vec<String> {
    pairs
        .iter()
        .filter(|(k, v)| k == name && !v.trim().is_empty())
        .map(|(_, v)| v.trim().to_string())
        .collect()
}

/// A date as `YYYY-MM-DD` (the date picker) or `DD.MM.YYYY`; empty is `None`.
fn parse_date(raw: &str) -> Result<Option<NaiveDate>, ()> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d.%m.%Y"))
        .map(Some)
        .map_err(|_| ())
}

/// A time of day as `HH:MM` (the time picker) or `HH.MM`; empty is `None`.
fn parse_time(raw: &str) -> Result<Option<chrono::NaiveTime>, ()> {
    let s = raw.trim().trim_end_matches("Uhr").trim();
    if s.is_empty() {
        return Ok(None);
    }
    chrono::NaiveTime::parse_from_str(s, "%H:%M")
        .or_else(|_| chrono::NaiveTime::parse_from_str(s, "%H.%M"))
        .map(Some)
        .map_err(|_| ())
}

/// An optional positive id; empty is `None`.
fn parse_opt_id(raw: &str) -> Result<Option<i64>, ()> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    s.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .map(Some)
        .ok_or(())
}

/// Notes the translated problem with `field` (`cp-error-<column>`, where a numbered
/// row's field `qual_title_2` shares the message of its column).
fn note(errors: &mut Errors, tr: &Tr, field: &str) {
    let column = field.trim_end_matches(|c: char| c.is_ascii_digit());
    let column = if column.len() < field.len() {
        column.trim_end_matches('_')
    } else {
        field
    };
    let key = format!("cp-error-{column}");
    let message = if tr.has(&key) {
        tr.t(&key)
    } else {
        tr.t("cp-error-invalid")
    };
    errors.add(field, message);
}

/// What a write of [`crate::cases`] answered, for a form shown again: a 400 becomes
/// the problem of the field `fields` maps its parameter to (a generic "invalid" gets
/// the field's own message, a specific one is kept) and `Ok(400)`; anything else —
/// a stale version (409) above all, which the friendly error page explains — is
/// returned as the error it is.
fn note_app_error(
    errors: &mut Errors,
    tr: &Tr,
    err: AppError,
    fields: impl Fn(&str) -> Option<String>,
) -> Result<StatusCode, AppError> {
    if err.status != StatusCode::BAD_REQUEST {
        return Err(err);
    }
    match err.param.as_deref().and_then(&fields) {
        Some(field) if err.detail_key == "error-field-invalid" => note(errors, tr, &field),
        Some(field) => errors.add(&field, err.detail(tr)),
        None => errors.add("", err.detail(tr)),
    }
    Ok(StatusCode::BAD_REQUEST)
}

/// An iCalendar invitation as a download.
fn calendar(id: i64, ics: String) -> Response {
    (
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"termin-{id}.ics\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        ics,
    )
        .into_response()
}

/// A JSON document as a download (the export).
fn json_download(filename: &str, doc: &serde_json::Value) -> Result<Response, AppError> {
    let body = serde_json::to_vec_pretty(doc).map_err(AppError::internal)?;
    Ok(crate::cases::download(filename, "application/json", body))
}

/// A plain text as paragraphs (a blank line starts one) of lines.
fn paragraphs(text: &str) -> Vec<Vec<String>> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(|p| {
            p.lines()
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_values_as_people_type_them() {
        assert_eq!(parse_date(""), Ok(None));
        assert_eq!(
            parse_date("24.11.2026"),
            Ok(NaiveDate::from_ymd_opt(2026, 11, 24))
        );
        assert_eq!(
            parse_date("2026-11-24"),
            Ok(NaiveDate::from_ymd_opt(2026, 11, 24))
        );
        assert_eq!(parse_date("morgen"), Err(()));
        assert_eq!(
            parse_time("9.30 Uhr"),
            Ok(chrono::NaiveTime::from_hms_opt(9, 30, 0))
        );
        assert_eq!(parse_time("25:00"), Err(()));
        assert_eq!(parse_opt_id(""), Ok(None));
        assert_eq!(parse_opt_id("-3"), Err(()));
    }

    #[test]
    fn every_vocabulary_value_has_a_label_in_both_languages() {
        for lang in Lang::ALL {
            let tr = lang.tr();
            let keys = CaseStatus::ALL
                .iter()
                .map(|s| format!("cp-case-status-{}", s.as_str()))
                .chain(
                    StepStatus::ALL
                        .iter()
                        .map(|s| format!("cp-step-status-{}", s.as_str())),
                )
                .chain(
                    Category::ALL
                        .iter()
                        .map(|c| format!("cp-category-{}", c.as_str())),
                )
                .chain(
                    BodyKind::ALL
                        .iter()
                        .map(|b| format!("cp-body-{}", b.as_str())),
                )
                .chain(
                    LegalBasis::ALL
                        .iter()
                        .map(|b| format!("cp-basis-{}", b.as_str())),
                )
                .chain(
                    RecognitionStatus::ALL
                        .iter()
                        .map(|r| format!("cp-recognition-{}", r.as_str())),
                );
            for key in keys {
                assert!(tr.has(&key), "{key} missing in {}", lang.code());
            }
        }
    }

    #[test]
    fn file_sizes_read_naturally() {
        assert_eq!(file_size(Lang::De, 1), "1 KB");
        assert_eq!(file_size(Lang::De, 3 * 1024 * 1024), "3,0 MB");
        assert_eq!(file_size(Lang::En, 1500 * 1024), "1.5 MB");
    }

    #[test]
    fn downloads_are_attachments_with_a_harmless_name() {
        let res = crate::cases::download("Zeugnis \"neu\".pdf", "application/pdf", vec![1]);
        let cd = res.headers()[header::CONTENT_DISPOSITION]
            .to_str()
            .expect("header");
        assert_eq!(cd, "attachment; filename=\"Zeugnis__neu_.pdf\"");
        assert_eq!(res.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    }
}
