//! Form fields as the templates render them (`templates/workspace/_fields.html`): a
//! label for every control, hints and errors tied to it by `aria-describedby`, checkbox
//! groups in a fieldset with a legend.

use crate::i18n::Tr;
use crate::problem::AppError;

pub(super) use crate::pages::form::{options, Errors, Field, SummaryItem};

/// The workspace's ways of noting problems.
impl Errors {
    /// Notes the translated message for `field` (key `ws-error-<field>`).
    pub(super) fn field(&mut self, tr: &Tr, field: &str) {
        self.add(field, field_message(tr, field));
    }

    /// Notes a 400 from validation (the domain or [`crate::manage`]) at the form field
    /// it concerns; `fields` maps the error's parameter to a field of this form. Any
    /// other error is returned.
    pub(super) fn add_app_error(
        &mut self,
        tr: &Tr,
        err: AppError,
        fields: impl Fn(&str) -> Option<&'static str>,
    ) -> Result<(), AppError> {
        if err.status != axum::http::StatusCode::BAD_REQUEST {
            return Err(err);
        }
        match err.param.as_deref().and_then(&fields) {
            Some(field) => self.field(tr, field),
            None => self.add("", err.detail(tr)),
        }
        Ok(())
    }
}

/// The translated message for a field (`ws-error-<field>`).
pub(super) fn field_message(tr: &Tr, field: &str) -> String {
    let key = format!("ws-error-{field}");
    if tr.has(&key) {
        tr.t(&key)
    } else {
        tr.t("ws-error-field")
    }
}
