//! Operator settings: who runs this installation, where its legal notices live, how it
//! is reached and how it sends mail.

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
    /// Public base URL without trailing slash (`https://bleibe.example`), for links in
    /// e-mails. Session cookies are `Secure` when it starts with `https://`.
    pub public_url: String,
    /// Whether a reverse proxy in front sets `X-Forwarded-For` and `X-Forwarded-Proto`:
    /// then the client address and the scheme come from them. Off by default: a client
    /// could forge them.
    pub trust_proxy: bool,
    /// Origins allowed to frame the `/embed/…` widget (`https://partner.example`).
    pub embed_origins: Vec<String>,
    /// SMTP server URL for lettre (`smtps://user:pass@mail.example:465`); without it
    /// mail is written as `.eml` files to `outbox_dir`.
    pub smtp_url: Option<String>,
    /// Sender of e-mails.
    pub mail_from: String,
    /// Where mail goes without SMTP (`<data-dir>/outbox`).
    pub outbox_dir: Option<std::path::PathBuf>,
}

impl SiteConfig {
    /// Whether the site is served over https (cookies get `Secure`).
    pub fn https(&self) -> bool {
        self.public_url.starts_with("https://")
    }
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
            public_url: "http://127.0.0.1:8080".into(),
            trust_proxy: false,
            embed_origins: Vec::new(),
            smtp_url: None,
            mail_from: "bleibe <noreply@localhost>".into(),
            outbox_dir: None,
        }
    }
}
