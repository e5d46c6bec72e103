//! Validation errors that name the field to fix.

/// A value that does not satisfy the domain's rules. `field` names the input field so
/// that the HTTP layer can say exactly which parameter to fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct ValidationError {
    /// The field or parameter at fault, e.g. `title` or `radius_km`.
    pub field: String,
    /// What is wrong and how to fix it, in plain words.
    pub message: String,
}

impl ValidationError {
    /// Builds an error for `field` with a message saying what to fix.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
        }
    }
}
