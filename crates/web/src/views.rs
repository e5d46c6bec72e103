//! View models: what each template gets. Templates live in `templates/`.

use crate::config::SiteConfig;
use crate::i18n::{Lang, Tr};
use crate::search::FacetValue;
use askama::Template;

/// A link in the language switch.
pub struct LangLink {
    /// Language code.
    pub code: &'static str,
    /// Native name.
    pub name: &'static str,
    /// Switch URL.
    pub href: String,
    /// Whether it is the current language.
    pub current: bool,
}

/// What every page shares: language, navigation, footer.
pub struct Chrome {
    /// Current language.
    pub lang: Lang,
    /// Translator.
    pub tr: Tr,
    /// Portal name.
    pub site_name: String,
    /// `<title>` (without the site name).
    pub title: String,
    /// Active navigation entry (`home`, `jobs`, …).
    pub nav: &'static str,
    /// Language switch.
    pub switch: Vec<LangLink>,
    /// Footer links.
    pub impressum_href: String,
    /// Privacy notice link.
    pub privacy_href: String,
    /// Accessibility statement link.
    pub accessibility_href: String,
    /// The signed-in user's display name (the header shows their menu and sign-out).
    pub user_name: Option<String>,
    /// The CSRF token for forms on the page (sign-out included).
    pub csrf: String,
    /// Whether the navigation offers the case work ("Fälle"): for staff of a welcome
    /// center, and for members of other organisations signed in with a second factor,
    /// who may receive shared cases.
    pub cases_nav: bool,
}

impl Chrome {
    /// Builds the chrome for a page at `path_and_query`.
    pub fn new(
        lang: Lang,
        config: &SiteConfig,
        path_and_query: &str,
        nav: &'static str,
        title: &str,
    ) -> Self {
        let back = crate::params::encode(&[("back", path_and_query.to_string())]);
        Self {
            lang,
            tr: lang.tr(),
            site_name: config.site_name.clone(),
            title: title.to_string(),
            nav,
            switch: Lang::ALL
                .iter()
                .map(|l| LangLink {
                    code: l.code(),
                    name: l.native_name(),
                    href: format!("/lang/{}?{back}", l.code()),
                    current: *l == lang,
                })
                .collect(),
            impressum_href: config
                .impressum_url
                .clone()
                .unwrap_or_else(|| "/impressum".into()),
            privacy_href: config
                .privacy_url
                .clone()
                .unwrap_or_else(|| "/datenschutz".into()),
            accessibility_href: config
                .accessibility_url
                .clone()
                .unwrap_or_else(|| "/barrierefreiheit".into()),
            user_name: None,
            csrf: String::new(),
            cases_nav: false,
        }
    }

    /// Adds what the header shows about the caller: their name and sign-out, or
    /// sign-in; and the CSRF token for the page's forms.
    pub fn for_caller(mut self, caller: &crate::policy::Caller) -> Self {
        let ctx = caller.ctx();
        self.user_name = ctx.user.as_ref().map(|u| u.display_name.clone());
        self.csrf = ctx.csrf.clone();
        self.cases_nav = match &ctx.caller {
            bleibe_domain::policy::Caller::User(u) => u.memberships.iter().any(|m| {
                m.kind_rights()
                    && (m.kind == bleibe_domain::OrgKind::WelcomeCenter || u.second_factor)
            }),
            _ => false,
        };
        self
    }

    /// Shortcut for templates: `chrome.t("key")`.
    pub fn t(&self, key: &str) -> String {
        self.tr.t(key)
    }

    /// Shortcut for templates: a message with one argument.
    pub fn t1(&self, key: &str, name: &'static str, value: impl ToString) -> String {
        self.tr.t1(key, name, value)
    }

    /// Shortcut for templates: a message with a count (plural forms).
    pub fn tn(&self, key: &str, name: &'static str, n: &u64) -> String {
        self.tr.tn(key, name, *n)
    }
}

/// A job in a result list.
pub struct JobCard {
    /// Page link.
    pub href: String,
    /// Title.
    pub title: String,
    /// Employer name.
    pub employer: String,
    /// Place name.
    pub place: String,
    /// Kind label.
    pub kind: String,
    /// Working time labels, joined.
    pub working_time: String,
    /// Distance, formatted, when a centre was given.
    pub distance: Option<String>,
    /// Posting date, formatted.
    pub posted: String,
    /// ISO date for `<time datetime>`.
    pub posted_iso: String,
    /// Demo record.
    pub demo: bool,
}

/// A link that toggles a facet value.
pub struct FacetLink {
    /// The value.
    pub value: FacetValue,
    /// URL with the value toggled.
    pub href: String,
}

/// A facet group.
pub struct FacetGroup {
    /// Heading.
    pub title: String,
    /// Values.
    pub links: Vec<FacetLink>,
}

/// A sort option.
pub struct SortLink {
    /// Label.
    pub label: String,
    /// URL.
    pub href: String,
    /// Whether current.
    pub current: bool,
}

/// Pagination link.
pub struct PageLink {
    /// Page number, or `None` for a gap.
    pub number: Option<u32>,
    /// URL.
    pub href: String,
    /// Whether current.
    pub current: bool,
}

/// An option in a select box.
pub struct SelectOption {
    /// Value.
    pub value: String,
    /// Label.
    pub label: String,
    /// Selected.
    pub selected: bool,
}

/// The search form, shared by the start page and the result page.
pub struct SearchForm {
    /// Free text.
    pub q: String,
    /// Place field.
    pub near: String,
    /// Kind options.
    pub kinds: Vec<SelectOption>,
    /// Radius options.
    pub radii: Vec<SelectOption>,
    /// Hidden fields that keep filters the form does not show.
    pub hidden: Vec<(String, String)>,
}

/// `/`.
#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage {
    /// Chrome.
    pub chrome: Chrome,
    /// Search form.
    pub form: SearchForm,
    /// Number of open jobs.
    pub total_jobs: u64,
    /// Home region name.
    pub region: String,
    /// Quick links by kind: (label, href, count).
    pub kind_links: Vec<(String, String, u64)>,
    /// Latest jobs.
    pub latest: Vec<JobCard>,
}

/// `/jobs`.
#[derive(Template)]
#[template(path = "jobs.html")]
pub struct JobsPage {
    /// Chrome.
    pub chrome: Chrome,
    /// Search form.
    pub form: SearchForm,
    /// Result count sentence.
    pub summary: String,
    /// Note about how an ambiguous place was resolved.
    pub centre_note: Option<String>,
    /// Results.
    pub cards: Vec<JobCard>,
    /// Facets.
    pub facets: Vec<FacetGroup>,
    /// Sort links.
    pub sorts: Vec<SortLink>,
    /// Pages.
    pub pages: Vec<PageLink>,
    /// Previous page.
    pub prev: Option<String>,
    /// Next page.
    pub next: Option<String>,
    /// Link to the same search as JSON.
    pub api_href: String,
}

/// A labelled fact on a job page.
pub struct Fact {
    /// Label.
    pub label: String,
    /// Value.
    pub value: String,
}

/// `/jobs/{id}`.
#[derive(Template)]
#[template(path = "job.html")]
pub struct JobPage {
    /// Chrome.
    pub chrome: Chrome,
    /// The job as shown.
    pub job: JobBody,
    /// JSON-LD, already escaped for a data block.
    pub jsonld: String,
}

/// A job as its page shows it (the public page and the workspace's preview).
pub struct JobBody {
    /// Title.
    pub title: String,
    /// Employer name.
    pub employer: String,
    /// Place name.
    pub place: String,
    /// Place page.
    pub place_href: String,
    /// Facts list.
    pub facts: Vec<Fact>,
    /// Training allowance rows (year label, amount).
    pub allowance: Vec<(String, String)>,
    /// Sanitised description HTML.
    pub description_html: String,
    /// Apply by URL.
    pub apply_url: Option<String>,
    /// Apply by e-mail.
    pub apply_email: Option<String>,
    /// Demo record.
    pub demo: bool,
    /// Expired.
    pub expired: bool,
    /// Link to nearby jobs.
    pub nearby_href: String,
}

/// `/places/{id}`.
#[derive(Template)]
#[template(path = "place.html")]
pub struct PlacePage {
    /// Chrome.
    pub chrome: Chrome,
    /// Name.
    pub name: String,
    /// Facts.
    pub facts: Vec<Fact>,
    /// Alternate names, joined.
    pub alternate_names: String,
    /// Jobs at this place.
    pub cards: Vec<JobCard>,
    /// Number of open jobs at this place.
    pub jobs_here: u64,
    /// Link to jobs within 25 km.
    pub nearby_href: String,
    /// OpenStreetMap link.
    pub map_href: String,
    /// What the place offers, with sources.
    pub profile: crate::pages::place_profile::ProfileSection,
}

/// A legal or information page.
#[derive(Template)]
#[template(path = "info.html")]
pub struct InfoPage {
    /// Chrome.
    pub chrome: Chrome,
    /// Heading.
    pub heading: String,
    /// Sections: (heading, paragraphs).
    pub sections: Vec<(String, Vec<String>)>,
    /// Shown when the operator has not configured this page yet.
    pub unconfigured: Option<String>,
}

/// Error page.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    /// Chrome.
    pub chrome: Chrome,
    /// Heading.
    pub title: String,
    /// What to fix.
    pub detail: String,
    /// Parameter at fault.
    pub param: Option<String>,
    /// HTTP status.
    pub status: u16,
    /// A page that helps: path and link text.
    pub help: Option<(String, String)>,
}
