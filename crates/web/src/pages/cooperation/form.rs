//! Form fields of the network workspace's pages, rendered by the same macros as the
//! organisation workspace (`templates/workspace/_fields.html`): a label for every
//! control, hints and errors tied to it by `aria-describedby`, checkbox groups in a
//! fieldset with a legend, and an error summary that links to each field.

use crate::i18n::Tr;
pub(super) use crate::pages::form::{options, Errors, Field, SummaryItem};
use crate::problem::AppError;
use crate::views::SelectOption;
use axum::http::StatusCode;

/// Options for a select box over (id, name) pairs, with an optional first "none" entry.
pub(super) fn id_options(
    items: &[(i64, String)],
    none: Option<String>,
    selected: &str,
) -> Vec<SelectOption> {
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

/// Checkboxes over (value, label) pairs, those in `checked` ticked.
pub(super) fn check_options(items: Vec<(String, String)>, checked: &[String]) -> Vec<SelectOption> {
    items
        .into_iter()
        .map(|(value, label)| SelectOption {
            selected: checked.contains(&value),
            value,
            label,
        })
        .collect()
}

/// The translated message for a field of these forms (`np-error-<field>`), if there is
/// one. Fields of repeated rows (`ind_name_3`) share the message of their column.
pub(super) fn field_message(tr: &Tr, field: &str) -> Option<String> {
    let column = field.trim_end_matches(|c: char| c.is_ascii_digit());
    let column = if column.len() < field.len() {
        column.trim_end_matches('_')
    } else {
        field
    };
    let key = format!("np-error-{column}");
    tr.has(&key).then(|| tr.t(&key))
}

/// Notes the translated problem with `field`.
pub(super) fn note(errors: &mut Errors, tr: &Tr, field: &str) {
    let message = field_message(tr, field).unwrap_or_else(|| tr.t("np-error-invalid"));
    errors.add(field, message);
}

/// What a write answered, for a form: `Ok(status)` when the form is to be shown again
/// with the problem noted (400 for a field, 409 for a conflict such as a stale
/// version); any other error is returned as it is. `fields` maps the error's parameter
/// to a form field.
pub(super) fn note_app_error(
    errors: &mut Errors,
    tr: &Tr,
    err: AppError,
    fields: impl Fn(&str) -> Option<String>,
) -> Result<StatusCode, AppError> {
    match err.status {
        StatusCode::BAD_REQUEST => {
            match err.param.as_deref().and_then(&fields) {
                // A generic "invalid" from validation gets the field's own message; a
                // specific one (unknown place, not a member) says more and is kept.
                Some(field) if err.detail_key == "error-field-invalid" => note(errors, tr, &field),
                Some(field) => errors.add(&field, err.detail(tr)),
                None => errors.add("", err.detail(tr)),
            }
            Ok(StatusCode::BAD_REQUEST)
        }
        StatusCode::CONFLICT => {
            errors.add("", err.detail(tr));
            Ok(StatusCode::CONFLICT)
        }
        _ => Err(err),
    }
}

/// The value of `name` in a submitted form (the last one), as typed.
pub(super) fn value(pairs: &[(String, String)], name: &str) -> String {
    pairs
        .iter()
        .rev()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

/// Every value of `name` in a submitted form (checkboxes).
pub(super) fn values(pairs: &[(String, String)], name: &str) -> Vec<String> {
    pairs
        .iter()
        .filter(|(k, v)| k == name && !v.trim().is_empty())
        .map(|(_, v)| v.trim().to_string())
        .collect()
}

/// A date as `YYYY-MM-DD` (the date picker) or `DD.MM.YYYY`; empty is `None`.
pub(super) fn parse_date(raw: &str) -> Result<Option<chrono::NaiveDate>, ()> {
    let s = raw.trim();
    if s.is_empty() {
        return Ok(None);
    }
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| chrono::NaiveDate::parse_from_str(s, "%d.%m.%Y"))
        .map(Some)
        .map_err(|_| ())
}

/// A time of day as `HH:MM` (the time picker), `HH.MM` or a bare hour; empty is `None`.
pub(super) fn parse_time(raw: &str) -> Result<Option<chrono::NaiveTime>, ()> {
    let s = raw.trim().trim_end_matches("Uhr").trim();
    if s.is_empty() {
        return Ok(None);
    }
    chrono::NaiveTime::parse_from_str(s, "%H:%M")
        .or_else(|_| chrono::NaiveTime::parse_from_str(s, "%H:%M:%S"))
        .or_else(|_| chrono::NaiveTime::parse_from_str(s, "%H.%M"))
        .or_else(|_| {
            s.parse::<u32>()
                .ok()
                .and_then(|h| chrono::NaiveTime::from_hms_opt(h, 0, 0))
                .ok_or(())
        })
        .map(Some)
        .map_err(|_| ())
}

/// An optional positive id; empty is `None`.
pub(super) fn parse_opt_id(raw: &str) -> Result<Option<i64>, ()> {
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

/// A number as people type it ("1200", "1.200", "12,5"); empty is `None`.
pub(super) fn parse_number(raw: &str) -> Result<Option<f64>, ()> {
    let s: String = raw
        .trim()
        .trim_end_matches('€')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if s.is_empty() {
        return Ok(None);
    }
    let last_comma = s.rfind(',');
    let last_dot = s.rfind('.');
    let normalised = match (last_comma, last_dot) {
        (Some(c), Some(d)) if c > d => s.replace('.', "").replace(',', "."),
        (Some(_), Some(_)) => s.replace(',', ""),
        (Some(i), None) | (None, Some(i)) => {
            let sep = if last_comma.is_some() { ',' } else { '.' };
            // A single separator followed by exactly three digits groups thousands.
            if s.len() - i - 1 == 3 {
                s.replace(sep, "")
            } else {
                s.replace(sep, ".")
            }
        }
        (None, None) => s,
    };
    normalised
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .map(Some)
        .ok_or(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_as_people_type_them() {
        assert_eq!(parse_number(""), Ok(None));
        assert_eq!(parse_number("1.200"), Ok(Some(1200.0)));
        assert_eq!(parse_number("12,5"), Ok(Some(12.5)));
        assert_eq!(parse_number("40"), Ok(Some(40.0)));
        assert_eq!(parse_number("viele"), Err(()));
        let t = chrono::NaiveTime::from_hms_opt(9, 30, 0);
        assert_eq!(parse_time("09:30"), Ok(t));
        assert_eq!(parse_time("9.30 Uhr"), Ok(t));
        assert_eq!(parse_time("25:00"), Err(()));
        assert_eq!(
            parse_date("09.05.2026"),
            Ok(chrono::NaiveDate::from_ymd_opt(2026, 5, 9))
        );
        assert_eq!(parse_opt_id(" "), Ok(None));
        assert_eq!(parse_opt_id("0"), Err(()));
    }
}
