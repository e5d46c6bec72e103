//! Employers (Arbeitgeber): organisations that post jobs. Every organisation is one,
//! whatever its [`OrgKind`]: municipalities and welcome centers employ people too.

use crate::account::OrgKind;
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
    /// What kind of organisation it is.
    pub kind: OrgKind,
    /// Verified by a platform or network admin (matters for kinds other than employer).
    pub verified: bool,
    /// The logo, a stored file.
    pub logo_blob_id: Option<i64>,
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
    /// What kind of organisation it is.
    #[serde(default)]
    pub kind: OrgKind,
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
