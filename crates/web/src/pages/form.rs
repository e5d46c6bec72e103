//! What went wrong with a submitted form, field by field: pages re-render the form with
//! the submitted values and each message next to its field.

/// The problems of a submitted form: (field name, message), in the order found. A
/// field name of "" is a problem of the whole form.
#[derive(Debug, Default)]
pub(crate) struct Errors(Vec<(String, String)>);

impl Errors {
    /// Notes a problem with `field`; the first problem of a field wins.
    pub(crate) fn add(&mut self, field: &str, message: String) {
        if self.get(field).is_none() {
            self.0.push((field.to_string(), message));
        }
    }

    /// The message for `field`, if any.
    pub(crate) fn get(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    /// Whether the form was fine.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The status of the page that shows the form again: 400 with problems.
    pub(crate) fn status(&self) -> axum::http::StatusCode {
        if self.is_empty() {
            axum::http::StatusCode::OK
        } else {
            axum::http::StatusCode::BAD_REQUEST
        }
    }

    /// Whether any field has a message (for templates).
    pub(crate) fn any(&self) -> bool {
        !self.is_empty()
    }

    /// Every (field, message), in the order found.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(f, m)| (f.as_str(), m.as_str()))
    }
}
