//! Query parameters: parsed by hand rather than by a serde extractor, so that repeated
//! parameters (`kind=job&kind=internship`) work, empty form fields count as absent, and
//! every bad value gets a 400 that names its parameter.

use crate::problem::AppError;
use bleibe_domain::place::STATES;
use bleibe_domain::{occupation, Contract, JobKind, WorkingTime};
use bleibe_geo::Gazetteer;
use bleibe_search::{Facet, FacetSet, Sort};

/// Deepest result reachable by paging (page × per_page), as in other search engines:
/// deeper paging costs memory and nobody reads that far.
pub const MAX_RESULT_WINDOW: u32 = 10_000;

/// The raw `key=value` pairs of a query string, in order.
#[derive(Debug, Clone, Default)]
pub struct RawQuery(pub Vec<(String, String)>);

impl RawQuery {
    /// Parses a query string (`None` = no query).
    pub fn parse(query: Option<&str>) -> Result<Self, AppError> {
        match query {
            None | Some("") => Ok(Self::default()),
            Some(q) => serde_urlencoded::from_str(q)
                .map(RawQuery)
                .map_err(|_| AppError::bad_param("query", "error-query-malformed", &[])),
        }
    }

    /// The last non-empty value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    }

    /// Every non-empty value of `name`, in order.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0
            .iter()
            .filter(|(k, v)| k == name && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
            .collect()
    }

    /// An integer in `min..=max`, or `default` when absent.
    pub fn int(&self, name: &str, min: u32, max: u32, default: u32) -> Result<u32, AppError> {
        let Some(v) = self.get(name) else {
            return Ok(default);
        };
        let range = || {
            AppError::bad_param(
                name,
                "error-param-int-range",
                &[
                    ("min", min.to_string()),
                    ("max", max.to_string()),
                    ("value", v.to_string()),
                ],
            )
        };
        let n: i64 = v.parse().map_err(|_| range())?;
        if n < i64::from(min) || n > i64::from(max) {
            return Err(range());
        }
        Ok(n as u32)
    }

    /// A finite number in `min..=max`, if present.
    pub fn float(&self, name: &str, min: f64, max: f64) -> Result<Option<f64>, AppError> {
        let Some(v) = self.get(name) else {
            return Ok(None);
        };
        let n: f64 = v.replace(',', ".").parse().map_err(|_| {
            AppError::bad_param(name, "error-param-number", &[("value", v.to_string())])
        })?;
        if !n.is_finite() || n < min || n > max {
            return Err(AppError::bad_param(
                name,
                "error-param-float-range",
                &[
                    ("min", min.to_string()),
                    ("max", max.to_string()),
                    ("value", v.to_string()),
                ],
            ));
        }
        Ok(Some(n))
    }

    /// Every value of `name` as a positive integer id.
    /// Every value of `name` as a positive id.
    pub fn ids(&self, name: &str) -> Result<Vec<i64>, AppError> {
        self.all(name)
            .into_iter()
            .map(|v| {
                v.parse::<i64>().ok().filter(|id| *id > 0).ok_or_else(|| {
                    AppError::bad_param(name, "error-param-id", &[("value", v.to_string())])
                })
            })
            .collect()
    }

    /// The last value of `name` as a positive id, if present.
    pub fn id(&self, name: &str) -> Result<Option<i64>, AppError> {
        Ok(self.ids(name)?.last().copied())
    }

    /// The last value of `name` as a word of a vocabulary (`parse` and `expected` of a
    /// `vocabulary!` type), if present.
    pub fn word<T>(
        &self,
        name: &str,
        parse: fn(&str) -> Option<T>,
        expected: fn() -> String,
    ) -> Result<Option<T>, AppError> {
        self.get(name)
            .map(|v| {
                parse(v).ok_or_else(|| {
                    AppError::bad_param(
                        name,
                        "error-param-enum",
                        &[("value", v.to_string()), ("expected", expected())],
                    )
                })
            })
            .transpose()
    }

    /// The facets named in `facets` (comma-separated, or repeated); the default set
    /// when absent; none with `facets=none`.
    fn facets(&self) -> Result<FacetSet, AppError> {
        let values = self.all("facets");
        if values.is_empty() {
            return Ok(FacetSet::default());
        }
        let mut chosen = Vec::new();
        for name in values.iter().flat_map(|v| v.split(',')).map(str::trim) {
            if name.is_empty() || name == "none" {
                continue;
            }
            let facet = Facet::parse(name).ok_or_else(|| {
                let mut expected: Vec<&str> = Facet::ALL.iter().map(|f| f.as_str()).collect();
                expected.push("none");
                AppError::bad_param(
                    "facets",
                    "error-param-enum",
                    &[
                        ("value", name.to_string()),
                        ("expected", expected.join(", ")),
                    ],
                )
            })?;
            chosen.push(facet);
        }
        Ok(FacetSet::of(&chosen))
    }

    /// Every value of `name` parsed as a vocabulary value.
    fn vocab<T: Copy>(
        &self,
        name: &str,
        parse: fn(&str) -> Option<T>,
        expected: fn() -> String,
    ) -> Result<Vec<T>, AppError> {
        self.all(name)
            .into_iter()
            .map(|v| {
                parse(v).ok_or_else(|| {
                    AppError::bad_param(
                        name,
                        "error-param-enum",
                        &[("value", v.to_string()), ("expected", expected())],
                    )
                })
            })
            .collect()
    }
}

/// The search centre: a place, or coordinates.
#[derive(Debug, Clone, PartialEq)]
pub struct Centre {
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// The place, when the centre came from `near`.
    pub place: Option<CentrePlace>,
}

/// The place a `near` value resolved to.
#[derive(Debug, Clone, PartialEq)]
pub struct CentrePlace {
    /// GeoNames id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// State name.
    pub state: String,
    /// How many places carry the name that was given (above 1: ambiguous).
    pub candidates: usize,
}

/// A validated job search.
#[derive(Debug, Clone)]
pub struct JobSearch {
    /// Free text.
    pub q: Option<String>,
    /// Kinds (OR).
    pub kinds: Vec<JobKind>,
    /// KldB prefixes (OR).
    pub occupations: Vec<String>,
    /// Working times (OR).
    pub working_times: Vec<WorkingTime>,
    /// Contract durations (OR).
    pub contracts: Vec<Contract>,
    /// Federal states by GeoNames admin1 code (OR).
    pub states: Vec<String>,
    /// Places by GeoNames id (OR).
    pub places: Vec<i64>,
    /// Employers by id (OR).
    pub employers: Vec<i64>,
    /// A network: only jobs inside its area.
    pub network: Option<i64>,
    /// The facets to count.
    pub facets: FacetSet,
    /// Centre, from `near` or `lat` + `lon`.
    pub centre: Option<Centre>,
    /// Radius around the centre.
    pub radius_km: Option<f64>,
    /// Sort order.
    pub sort: Sort,
    /// 1-based page.
    pub page: u32,
    /// Results per page.
    pub per_page: u32,
}

fn parse_sort(s: &str) -> Option<Sort> {
    match s {
        "relevance" => Some(Sort::Relevance),
        "date" => Some(Sort::Date),
        "distance" => Some(Sort::Distance),
        _ => None,
    }
}

/// Wire name of a sort order.
pub fn sort_name(s: Sort) -> &'static str {
    match s {
        Sort::Relevance => "relevance",
        Sort::Date => "date",
        Sort::Distance => "distance",
    }
}

impl JobSearch {
    /// Validates the parameters of `/api/v1/jobs` and `/jobs`.
    pub fn parse(raw: &RawQuery, gazetteer: &Gazetteer) -> Result<Self, AppError> {
        let q = raw
            .get("q")
            .map(|s| s.chars().take(500).collect::<String>());
        let kinds = raw.vocab("kind", JobKind::parse, JobKind::expected)?;
        let working_times = raw.vocab("working_time", WorkingTime::parse, WorkingTime::expected)?;
        let mut occupations = Vec::new();
        for o in raw.all("occupation") {
            if !occupation::is_valid_code(o) || occupation::best_match(o).is_none() {
                return Err(AppError::bad_param(
                    "occupation",
                    "error-param-occupation",
                    &[("value", o.to_string())],
                ));
            }
            occupations.push(o.to_string());
        }
        let contracts = raw.vocab("contract", Contract::parse, Contract::expected)?;
        let mut states = Vec::new();
        for v in raw.all("state") {
            if !STATES.iter().any(|s| s.code == v) {
                let expected = STATES
                    .iter()
                    .map(|s| format!("{} ({})", s.code, s.name))
                    .collect::<Vec<_>>()
                    .join(", ");
                return Err(AppError::bad_param(
                    "state",
                    "error-param-enum",
                    &[("value", v.to_string()), ("expected", expected)],
                ));
            }
            states.push(v.to_string());
        }
        let mut places = Vec::new();
        for v in raw.all("place") {
            match v
                .parse::<i64>()
                .ok()
                .filter(|id| gazetteer.get(*id).is_some())
            {
                Some(id) => places.push(id),
                None => {
                    return Err(AppError::bad_param(
                        "place",
                        "error-param-place-id",
                        &[("value", v.to_string())],
                    ))
                }
            }
        }
        let employers = raw.ids("employer")?;
        let network = match raw.ids("network")?.as_slice() {
            [] => None,
            [id] => Some(*id),
            [..] => {
                return Err(AppError::bad_param("network", "error-param-once", &[]));
            }
        };
        let facets = raw.facets()?;
        let lat = raw.float("lat", -90.0, 90.0)?;
        let lon = raw.float("lon", -180.0, 180.0)?;
        let near = raw.get("near");
        let centre = match (near, lat, lon) {
            (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
                return Err(AppError::bad_param(
                    "near",
                    "error-near-and-coordinates",
                    &[],
                ));
            }
            (Some(n), None, None) => {
                let r = gazetteer.resolve(n).ok_or_else(|| {
                    AppError::bad_param("near", "error-unknown-place", &[("value", n.to_string())])
                })?;
                Some(Centre {
                    lat: r.place.lat,
                    lon: r.place.lon,
                    place: Some(CentrePlace {
                        id: r.place.id,
                        name: r.place.name.clone(),
                        state: r.place.state().name.to_string(),
                        candidates: r.candidates,
                    }),
                })
            }
            (None, Some(lat), Some(lon)) => Some(Centre {
                lat,
                lon,
                place: None,
            }),
            (None, Some(_), None) => {
                return Err(AppError::bad_param("lon", "error-lat-lon-pair", &[]));
            }
            (None, None, Some(_)) => {
                return Err(AppError::bad_param("lat", "error-lat-lon-pair", &[]));
            }
            (None, None, None) => None,
        };
        let radius_km = raw.float("radius_km", 1.0, 500.0)?;
        if radius_km.is_some() && centre.is_none() {
            return Err(AppError::bad_param(
                "radius_km",
                "error-radius-needs-centre",
                &[],
            ));
        }
        let sort = match raw.get("sort") {
            None => Sort::Relevance,
            Some(s) => parse_sort(s).ok_or_else(|| {
                AppError::bad_param(
                    "sort",
                    "error-param-enum",
                    &[
                        ("value", s.to_string()),
                        ("expected", "relevance, date, distance".into()),
                    ],
                )
            })?,
        };
        if sort == Sort::Distance && centre.is_none() {
            return Err(AppError::bad_param(
                "sort",
                "error-distance-needs-centre",
                &[],
            ));
        }
        let page = raw.int("page", 1, MAX_RESULT_WINDOW, 1)?;
        let per_page = raw.int("per_page", 1, 100, 20)?;
        if page.saturating_mul(per_page) > MAX_RESULT_WINDOW {
            return Err(AppError::bad_param(
                "page",
                "error-page-too-deep",
                &[("max", MAX_RESULT_WINDOW.to_string())],
            ));
        }
        Ok(Self {
            q,
            kinds,
            occupations,
            working_times,
            contracts,
            states,
            places,
            employers,
            network,
            facets,
            centre,
            radius_km,
            sort,
            page,
            per_page,
        })
    }

    /// The engine's query for this search.
    pub fn to_query(&self) -> bleibe_search::JobQuery {
        bleibe_search::JobQuery {
            text: self.q.clone(),
            kinds: self.kinds.clone(),
            occupations: self.occupations.clone(),
            working_times: self.working_times.clone(),
            contracts: self.contracts.clone(),
            states: self.states.clone(),
            places: self.places.clone(),
            employers: self.employers.clone(),
            area: None,
            facets: self.facets,
            centre: self.centre.as_ref().map(|c| (c.lat, c.lon)),
            radius_km: self.radius_km,
            sort: self.sort,
            offset: ((self.page - 1) * self.per_page) as usize,
            limit: self.per_page as usize,
            per_place: 0,
        }
    }

    /// The search as query pairs (for links that keep it), without `page`.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut p: Vec<(&'static str, String)> = Vec::new();
        if let Some(q) = &self.q {
            p.push(("q", q.clone()));
        }
        for k in &self.kinds {
            p.push(("kind", k.as_str().to_string()));
        }
        for o in &self.occupations {
            p.push(("occupation", o.clone()));
        }
        for w in &self.working_times {
            p.push(("working_time", w.as_str().to_string()));
        }
        for c in &self.contracts {
            p.push(("contract", c.as_str().to_string()));
        }
        for s in &self.states {
            p.push(("state", s.clone()));
        }
        for id in &self.places {
            p.push(("place", id.to_string()));
        }
        for id in &self.employers {
            p.push(("employer", id.to_string()));
        }
        if let Some(n) = self.network {
            p.push(("network", n.to_string()));
        }
        if self.facets == FacetSet::NONE {
            p.push(("facets", "none".into()));
        } else if self.facets != FacetSet::default() {
            let names: Vec<&str> = self.facets.iter().map(Facet::as_str).collect();
            p.push(("facets", names.join(",")));
        }
        if let Some(c) = &self.centre {
            match &c.place {
                Some(pl) => p.push(("near", pl.id.to_string())),
                None => {
                    p.push(("lat", c.lat.to_string()));
                    p.push(("lon", c.lon.to_string()));
                }
            }
        }
        if let Some(r) = self.radius_km {
            p.push(("radius_km", r.to_string()));
        }
        if self.sort != Sort::Relevance {
            p.push(("sort", sort_name(self.sort).to_string()));
        }
        if self.per_page != 20 {
            p.push(("per_page", self.per_page.to_string()));
        }
        p
    }
}

/// Encodes pairs as a query string.
pub fn encode(pairs: &[(&str, String)]) -> String {
    serde_urlencoded::to_string(pairs).unwrap_or_default()
}

/// One path segment (`/jobs/{id}`). Unlike axum's `Path`, a segment that is not valid
/// UTF-8 is a 404 in our error format, not a plain-text 400: a malformed id names nothing.
#[derive(Debug, Clone)]
pub struct Segment(pub String);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Segment {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<String>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(s)| Segment(s))
            .map_err(|_| AppError::not_found())
    }
}

/// Two ids in the path (`/orgs/{id}/members/{user}`, `/orgs/{id}/jobs/{job}`): anything
/// but two positive numbers is a 404 in our error format.
#[derive(Debug, Clone, Copy)]
pub struct IdPair(pub i64, pub i64);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for IdPair {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        let axum::extract::Path((a, b)) =
            axum::extract::Path::<(String, String)>::from_request_parts(parts, state)
                .await
                .map_err(|_| AppError::not_found())?;
        let id = |raw: &str| {
            raw.parse::<i64>()
                .ok()
                .filter(|id| *id > 0)
                .ok_or_else(AppError::not_found)
        };
        Ok(IdPair(id(&a)?, id(&b)?))
    }
}
