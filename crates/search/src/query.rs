//! What a search asks for and what it answers.

use bleibe_domain::{Contract, JobKind, WorkingTime};

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
    /// Contract durations; a job matches if it has any of them. Empty: any.
    pub contracts: Vec<Contract>,
    /// Federal states by GeoNames admin1 code ("11", "13"); a job matches if its place
    /// lies in any of them. Empty: any.
    pub states: Vec<String>,
    /// Places by GeoNames id; a job matches if it is at any of them. Empty: any.
    pub places: Vec<i64>,
    /// Employers by store id; a job matches if it is posted by any of them. Empty: any.
    pub employers: Vec<i64>,
    /// An area (a network's places by GeoNames id): only jobs at one of them exist for
    /// this search — unlike `places`, facets are bounded by it too. `None`: anywhere.
    pub area: Option<Vec<i64>>,
    /// Which facets to count (the others stay empty in [`Facets`]).
    pub facets: FacetSet,
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
    /// Also keep the best this many hits of every place, in the requested order, with
    /// the place's count ([`SearchResults::by_place`]): what "Leben & Arbeiten" needs to
    /// pair homes with the jobs around them. 0: off.
    pub per_place: usize,
}

impl Default for JobQuery {
    fn default() -> Self {
        JobQuery {
            text: None,
            kinds: Vec::new(),
            occupations: Vec::new(),
            working_times: Vec::new(),
            contracts: Vec::new(),
            states: Vec::new(),
            places: Vec::new(),
            employers: Vec::new(),
            area: None,
            facets: FacetSet::default(),
            centre: None,
            radius_km: None,
            sort: Sort::Relevance,
            offset: 0,
            limit: 20,
            per_place: 0,
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

/// A facet: a dimension the hits are counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facet {
    /// Kind of offer.
    Kind,
    /// Working time.
    WorkingTime,
    /// Occupation area (first KldB digit).
    OccupationArea,
    /// Contract duration.
    Contract,
    /// Federal state.
    State,
    /// Place of work (the [`PLACE_FACET_SIZE`] places with most jobs).
    Place,
    /// Employer (the [`EMPLOYER_FACET_SIZE`] employers with most jobs).
    Employer,
}

/// How many places the place facet lists at most.
pub const PLACE_FACET_SIZE: usize = 20;
/// How many employers the employer facet lists at most.
pub const EMPLOYER_FACET_SIZE: usize = 20;

impl Facet {
    /// Every facet, in display order.
    pub const ALL: [Facet; 7] = [
        Facet::Kind,
        Facet::WorkingTime,
        Facet::OccupationArea,
        Facet::Contract,
        Facet::State,
        Facet::Place,
        Facet::Employer,
    ];

    /// Wire name, as in `facets=kind,state`.
    pub fn as_str(self) -> &'static str {
        match self {
            Facet::Kind => "kind",
            Facet::WorkingTime => "working_time",
            Facet::OccupationArea => "occupation_area",
            Facet::Contract => "contract",
            Facet::State => "state",
            Facet::Place => "place",
            Facet::Employer => "employer",
        }
    }

    /// The facet with wire name `s`.
    pub fn parse(s: &str) -> Option<Facet> {
        Facet::ALL.into_iter().find(|f| f.as_str() == s)
    }

    pub(crate) const fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// A set of facets. The default is kind, working time and occupation area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FacetSet(u8);

impl FacetSet {
    /// No facets.
    pub const NONE: FacetSet = FacetSet(0);

    /// The set of `facets`.
    pub fn of(facets: &[Facet]) -> FacetSet {
        FacetSet(facets.iter().fold(0, |m, f| m | f.bit()))
    }

    pub(crate) const fn from_bits(bits: u8) -> FacetSet {
        FacetSet(bits)
    }

    pub(crate) const fn bits(self) -> u8 {
        self.0
    }

    /// Every facet.
    pub fn all() -> FacetSet {
        FacetSet::of(&Facet::ALL)
    }

    /// Whether `f` is in the set.
    pub fn contains(self, f: Facet) -> bool {
        self.0 & f.bit() != 0
    }

    /// The facets in the set, in display order.
    pub fn iter(self) -> impl Iterator<Item = Facet> {
        Facet::ALL.into_iter().filter(move |f| self.contains(*f))
    }
}

impl Default for FacetSet {
    fn default() -> Self {
        FacetSet::of(&[Facet::Kind, Facet::WorkingTime, Facet::OccupationArea])
    }
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
    /// Jobs per contract duration.
    pub contract: Vec<(Contract, u64)>,
    /// Jobs per federal state (GeoNames admin1 code).
    pub state: Vec<(String, u64)>,
    /// Jobs per place (GeoNames id): the [`PLACE_FACET_SIZE`] places with most jobs.
    pub place: Vec<(i64, u64)>,
    /// Jobs per employer (store id): the [`EMPLOYER_FACET_SIZE`] with most jobs.
    pub employer: Vec<(i64, u64)>,
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
    /// With [`JobQuery::per_place`]: every place with a matching job, by GeoNames id
    /// ascending, with its count and best hits.
    pub by_place: Vec<PlaceHits>,
}

/// The matching jobs of one place ([`JobQuery::per_place`]).
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceHits {
    /// GeoNames id of the place.
    pub place_id: i64,
    /// How many jobs there match the whole query.
    pub total: u64,
    /// The best of them, in the query's order, at most [`JobQuery::per_place`].
    pub hits: Vec<Hit>,
}
