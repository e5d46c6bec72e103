//! Employers (Arbeitgeber): organisations that post jobs.

use crate::error::ValidationError;
use crate::place::PlaceRef;
use crate::text;
use serde::{Deserialize, Serialize};

/// An employer as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Employer {
    /// Store id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// Where the employer is based.
    pub place: PlaceRef,
    /// Sanitised HTML.
    pub description: String,
    /// Optional website.
    pub website: Option<String>,
    /// Fictitious demo record.
    pub demo: bool,
}

/// An employer to be created.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewEmployer {
    /// Display name.
    pub name: String,
    /// GeoNames id of the place it is based in.
    pub place_id: i64,
    /// HTML; sanitised by [`NewEmployer::validate`].
    pub description: String,
    /// Optional website (http or https).
    pub website: Option<String>,
    /// Fictitious demo record.
    pub demo: bool,
}

impl NewEmployer {
    /// Checks the fields and sanitises the description.
    pub fn validate(mut self) -> Result<Self, ValidationError> {
        self.name = text::required("name", &self.name, 200)?;
        self.description = text::sanitize_html(&self.description);
        if let Some(w) = &self.website {
            text::check_http_url("website", w)?;
        }
        Ok(self)
    }
}
