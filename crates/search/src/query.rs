//! What a search asks for and what it answers.

use bleibe_domain::{JobKind, WorkingTime};

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Sort {
    /// Best text match first (then newest, then highest id). Without text this is the
    /// same as [`Sort::Date`].
    #[default]
    Relevance,
    /// Newest first (by `posted_at`, then highest id).
    Date,
    /// Nearest to [`JobQuery::centre`] first (then newest, then highest id). Requires a
    /// centre.
    Distance,
}

/// A job search: free text, facet filters, an optional radius, order and page.
#[derive(Debug, Clone, PartialEq)]
pub struct JobQuery {
    /// Free text; every term that survives analysis must match (title, employer, place
    /// or description). Never a syntax error: there is no query syntax.
    pub text: Option<String>,
    /// Kinds of offer; a job matches if it is any of them. Empty: any.
    pub kinds: Vec<JobKind>,
    /// KldB 2010 code prefixes such as "2", "26", "26112"; a job matches if its code
    /// starts with any of them. Empty: any. Each must be 1 to 5 digits.
    pub occupations: Vec<String>,
    /// Working times; a job matches if it has any of them. Empty: any.
    pub working_times: Vec<WorkingTime>,
    /// Centre (latitude, longitude) for distances, radius and [`Sort::Distance`].
    pub centre: Option<(f64, f64)>,
    /// Only with a centre: every hit lies within this great-circle distance, in km.
    pub radius_km: Option<f64>,
    /// Order of the hits.
    pub sort: Sort,
    /// How many of the ordered hits to skip.
    pub offset: usize,
    /// How many hits to return at most (0: only the total and the facets).
    pub limit: usize,
}

impl Default for JobQuery {
    fn default() -> Self {
        JobQuery {
            text: None,
            kinds: Vec::new(),
            occupations: Vec::new(),
            working_times: Vec::new(),
            centre: None,
            radius_km: None,
            sort: Sort::Relevance,
            offset: 0,
            limit: 20,
        }
    }
}

/// One job found.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Store id of the job.
    pub id: i64,
    /// Text relevance (BM25); 0 when the query has no text.
    pub score: f32,
    /// Great-circle distance from the query's centre in km, when it has one.
    pub distance_km: Option<f64>,
}

/// Facet counts over the jobs that match the query. Disjunctive: each facet is counted
/// as if its own filter were not set (but all other filters were), so that the other
/// values of a facet stay visible and show how many jobs choosing them would add.
/// Each list is sorted by count (highest first), then by value; zero counts are left out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facets {
    /// Jobs per kind of offer.
    pub kind: Vec<(JobKind, u64)>,
    /// Jobs per working time (a job with several working times counts for each).
    pub working_time: Vec<(WorkingTime, u64)>,
    /// Jobs per occupation area: the first digit of the KldB code ("1" … "9", "0").
    pub occupation_area: Vec<(String, u64)>,
}

/// The answer to a [`JobQuery`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchResults {
    /// How many jobs match the whole query (all pages).
    pub total: u64,
    /// The requested page of hits, in the requested order.
    pub hits: Vec<Hit>,
    /// Facet counts.
    pub facets: Facets,
}
