//! Operator settings shown on every page: who runs this installation, and where its
//! legal notices live.

/// What the operator of an installation configures about itself. Every field has a safe
/// default so that a local run works; a public installation sets them (see the README).
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// Name of the portal, e.g. "bleibe Lausitz".
    pub site_name: String,
    /// The operator (legal entity) for the Impressum (§ 5 DDG).
    pub operator_name: Option<String>,
    /// Postal address of the operator, one line per line.
    pub operator_address: Option<String>,
    /// Contact e-mail of the operator.
    pub contact_email: Option<String>,
    /// External Impressum page; when set, the footer links there.
    pub impressum_url: Option<String>,
    /// External privacy notice; when set, the footer links there.
    pub privacy_url: Option<String>,
    /// External accessibility statement; when set, the footer links there.
    pub accessibility_url: Option<String>,
    /// Where to report accessibility barriers (BITV 2.0 feedback mechanism).
    pub accessibility_feedback_email: Option<String>,
    /// (lat, lon) of the home region: ambiguous place names resolve near it.
    pub home: (f64, f64),
    /// Name of the home region, e.g. "Lausitz".
    pub home_name: String,
}

impl Default for SiteConfig {
    fn default() -> Self {
        Self {
            site_name: "bleibe".into(),
            operator_name: None,
            operator_address: None,
            contact_email: None,
            impressum_url: None,
            privacy_url: None,
            accessibility_url: None,
            accessibility_feedback_email: None,
            home: bleibe_geo::DEFAULT_HOME,
            home_name: "Lausitz".into(),
        }
    }
}
