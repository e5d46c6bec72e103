//! The collector behind [`crate::JobIndex::search`]: reads each matching document's
//! values from its segment's [`SegmentTable`], drops expired jobs and jobs outside the
//! radius, applies the facet filters, counts disjunctive facets and keeps the best
//! `offset + limit` hits.

use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap, HashSet};
use std::sync::Arc;

use bleibe_domain::occupation::is_valid_code;
use bleibe_domain::place::{distance_km, STATES};
use bleibe_domain::{Contract, JobKind, WorkingTime};
use chrono::{Datelike, NaiveDate};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::query::{EnableScoring, Query};
use tantivy::{DocId, DocSet, Executor, Score, Searcher, SegmentOrdinal, SegmentReader};

use crate::error::SearchError;
use crate::index::{encode_occupation, encode_state, OCCUPATION_DIGITS};
use crate::query::{
    Facet, FacetSet, Facets, Hit, JobQuery, Sort, EMPLOYER_FACET_SIZE, PLACE_FACET_SIZE,
};
use crate::table::{attr, SegmentTable};

/// Mean Earth radius in km, as used by [`distance_km`].
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// A day as stored in the index: days since 1 January of year 1 (CE).
pub(crate) fn day_number(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce())
}

/// Latitude/longitude box that contains every point within a radius (a cheap test
/// before the exact great-circle distance).
#[derive(Debug, Clone, Copy)]
struct BoundingBox {
    min_lat: f64,
    max_lat: f64,
    /// `None` when the box spans every longitude (near a pole, or across ±180°).
    lon: Option<(f64, f64)>,
}

impl BoundingBox {
    /// The box around (`lat`, `lon`) for `radius_km` (spherical; Matuschek's formula).
    fn around(lat: f64, lon: f64, radius_km: f64) -> BoundingBox {
        // A little slack: the exact distance test decides, the box only has to contain.
        const SLACK_DEG: f64 = 1e-6;
        let angle = radius_km / EARTH_RADIUS_KM;
        let dlat = angle.to_degrees();
        let (min_lat, max_lat) = (lat - dlat - SLACK_DEG, lat + dlat + SLACK_DEG);
        let mut lon_range = None;
        if min_lat > -90.0 && max_lat < 90.0 && angle < std::f64::consts::FRAC_PI_2 {
            let ratio = angle.sin() / lat.to_radians().cos();
            if ratio < 1.0 {
                let dlon = ratio.asin().to_degrees() + SLACK_DEG;
                if lon - dlon >= -180.0 && lon + dlon <= 180.0 {
                    lon_range = Some((lon - dlon, lon + dlon));
                }
            }
        }
        BoundingBox {
            min_lat,
            max_lat,
            lon: lon_range,
        }
    }

    fn contains(&self, lat: f64, lon: f64) -> bool {
        lat >= self.min_lat
            && lat <= self.max_lat
            && self.lon.is_none_or(|(lo, hi)| lon >= lo && lon <= hi)
    }
}

/// The geographic part of a query.
#[derive(Debug, Clone, Copy)]
struct Geo {
    lat: f64,
    lon: f64,
    radius: Option<(f64, BoundingBox)>,
}

/// Order of the hits after resolving "relevance without text".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    Relevance,
    Date,
    Distance,
}

/// A query checked and compiled into what the collector tests per document.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    today: i32,
    /// Bit per allowed kind ordinal; 0 = any.
    kind_mask: u64,
    /// Bit per allowed working time ordinal; 0 = any.
    working_time_mask: u64,
    /// Bit per allowed contract ordinal; 0 = any.
    contract_mask: u64,
    /// Bit per allowed encoded state; 0 = any.
    state_mask: u64,
    /// (shift, value): a document's encoded code matches if `code >> shift == value`.
    occupations: Vec<(u32, u64)>,
    /// Allowed place ids; `None` = any.
    places: Option<HashSet<i64>>,
    /// Allowed employer ids; `None` = any.
    employers: Option<HashSet<i64>>,
    /// The area: jobs elsewhere do not count at all; `None` = anywhere.
    area: Option<HashSet<i64>>,
    geo: Option<Geo>,
    order: Order,
    scoring: bool,
    facets: FacetSet,
    /// How many of the best hits to keep: offset + limit.
    keep: usize,
    /// How many of the best hits to keep per place (0: none).
    per_place: usize,
}

impl Plan {
    /// Checks `q` and compiles it. `has_text` says whether the text query has terms.
    pub(crate) fn new(q: &JobQuery, today: NaiveDate, has_text: bool) -> Result<Plan, SearchError> {
        let invalid = |m: &str| Err(SearchError::InvalidQuery(m.to_string()));
        let geo = match (q.centre, q.radius_km) {
            (None, Some(_)) => return invalid("radius_km needs a centre"),
            (None, None) => None,
            (Some((lat, lon)), radius) => {
                if !(lat.is_finite() && lon.is_finite() && lat.abs() <= 90.0 && lon.abs() <= 180.0)
                {
                    return invalid("centre must be a latitude and longitude in degrees");
                }
                let radius = match radius {
                    Some(r) if !(r.is_finite() && r >= 0.0) => {
                        return invalid("radius_km must be a non-negative number")
                    }
                    Some(r) => Some((r, BoundingBox::around(lat, lon, r))),
                    None => None,
                };
                Some(Geo { lat, lon, radius })
            }
        };
        let order = match q.sort {
            Sort::Relevance if has_text => Order::Relevance,
            Sort::Relevance | Sort::Date => Order::Date,
            Sort::Distance if geo.is_none() => {
                return invalid("sorting by distance needs a centre")
            }
            Sort::Distance => Order::Distance,
        };
        let mut occupations = Vec::with_capacity(q.occupations.len());
        for code in &q.occupations {
            let code = code.trim();
            let encoded = match encode_occupation(code) {
                Some(e) if is_valid_code(code) => e,
                _ => return invalid("occupations must be KldB codes of 1 to 5 digits"),
            };
            let shift = 4 * (OCCUPATION_DIGITS - code.len()) as u32;
            occupations.push((shift, encoded >> shift));
        }
        let mut state_mask = 0;
        for code in &q.states {
            match encode_state(code.trim()) {
                0 => return invalid("states must be GeoNames admin1 codes such as 11 or 13"),
                s => state_mask |= 1 << s,
            }
        }
        let ids = |v: &[i64]| (!v.is_empty()).then(|| v.iter().copied().collect());
        Ok(Plan {
            today: i32::try_from(day_number(today)).unwrap_or(i32::MAX),
            kind_mask: q.kinds.iter().fold(0, |m, k| m | 1 << k.ordinal()),
            working_time_mask: q.working_times.iter().fold(0, |m, w| m | 1 << w.ordinal()),
            contract_mask: q.contracts.iter().fold(0, |m, c| m | 1 << c.ordinal()),
            state_mask,
            occupations,
            places: ids(&q.places),
            employers: ids(&q.employers),
            area: q.area.as_ref().map(|a| a.iter().copied().collect()),
            geo,
            order,
            // Scores only decide the order by relevance; other orders skip them.
            scoring: has_text && order == Order::Relevance,
            facets: q.facets,
            keep: q.offset.saturating_add(q.limit),
            per_place: q.per_place,
        })
    }
}

/// Sort key: smaller is better. (primary, newest first, highest id first)
type Key = (u64, Reverse<i64>, Reverse<i64>);

/// Maps an f64 to a u64 with the same order (for non-NaN values).
fn ordered_f64(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

/// Maps an f32 to a u32 with the same order (for non-NaN values).
fn ordered_f32(x: f32) -> u32 {
    let bits = x.to_bits();
    if bits >> 31 == 1 {
        !bits
    } else {
        bits | 1 << 31
    }
}

/// A hit with its sort key; ordered by the key alone (which includes the unique id).
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    key: Key,
    hit: Hit,
}

impl PartialEq for Candidate {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}
impl Eq for Candidate {}
impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key.cmp(&other.key)
    }
}

/// Number of encoded states (0 = unknown, then one per state).
const STATE_SLOTS: usize = STATES.len() + 1;

/// Counts and best hits of one segment, or of all merged.
#[derive(Debug, Clone)]
pub(crate) struct Harvest {
    total: u64,
    kind: Vec<u64>,
    working_time: Vec<u64>,
    area: [u64; 10],
    contract: Vec<u64>,
    state: [u64; STATE_SLOTS],
    /// Per place id (merged; per segment, see [`JobSegmentCollector::place_counts`]).
    place: HashMap<i64, u64>,
    /// Per employer id.
    employer: HashMap<i64, u64>,
    /// Best first after merging; any order per segment.
    best: Vec<Candidate>,
    /// Per place id: matching jobs and the best of them (with [`Plan::per_place`]).
    by_place: HashMap<i64, (u64, Vec<Candidate>)>,
}

impl Harvest {
    fn empty() -> Harvest {
        Harvest {
            total: 0,
            kind: vec![0; JobKind::ALL.len()],
            working_time: vec![0; WorkingTime::ALL.len()],
            area: [0; 10],
            contract: vec![0; Contract::ALL.len()],
            state: [0; STATE_SLOTS],
            place: HashMap::new(),
            employer: HashMap::new(),
            best: Vec::new(),
            by_place: HashMap::new(),
        }
    }

    fn add(&mut self, other: Harvest) {
        fn sum(a: &mut [u64], b: &[u64]) {
            for (a, b) in a.iter_mut().zip(b) {
                *a += b;
            }
        }
        self.total += other.total;
        sum(&mut self.kind, &other.kind);
        sum(&mut self.working_time, &other.working_time);
        sum(&mut self.area, &other.area);
        sum(&mut self.contract, &other.contract);
        sum(&mut self.state, &other.state);
        for (id, n) in other.place {
            *self.place.entry(id).or_default() += n;
        }
        for (id, n) in other.employer {
            *self.employer.entry(id).or_default() += n;
        }
        self.best.extend(other.best);
        for (id, (n, best)) in other.by_place {
            let entry = self.by_place.entry(id).or_default();
            entry.0 += n;
            entry.1.extend(best);
        }
    }

    /// The page `offset..offset + limit` of `q` and the facets.
    pub(crate) fn into_results(self, q: &JobQuery) -> crate::SearchResults {
        fn sorted<T: Ord>(v: impl IntoIterator<Item = (T, u64)>) -> Vec<(T, u64)> {
            let mut v: Vec<(T, u64)> = v.into_iter().filter(|(_, n)| *n > 0).collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v
        }
        /// The first `size` values, and after them any selected value that did not make
        /// it (so that a selected filter always shows, and can be unselected).
        fn top(all: HashMap<i64, u64>, size: usize, selected: &[i64]) -> Vec<(i64, u64)> {
            let mut v = sorted(all);
            let rest = v.split_off(size.min(v.len()));
            v.extend(rest.into_iter().filter(|(id, _)| selected.contains(id)));
            v
        }
        let place = top(self.place, PLACE_FACET_SIZE, &q.places);
        let mut by_place: Vec<crate::PlaceHits> = self
            .by_place
            .into_iter()
            .map(|(place_id, (total, best))| crate::PlaceHits {
                place_id,
                total,
                hits: best.into_iter().map(|c| c.hit).collect(),
            })
            .collect();
        by_place.sort_unstable_by_key(|p| p.place_id);
        let employer = top(self.employer, EMPLOYER_FACET_SIZE, &q.employers);
        crate::SearchResults {
            total: self.total,
            hits: self
                .best
                .into_iter()
                .skip(q.offset)
                .map(|c| c.hit)
                .collect(),
            facets: Facets {
                kind: sorted(JobKind::ALL.iter().copied().zip(self.kind)),
                working_time: sorted(WorkingTime::ALL.iter().copied().zip(self.working_time)),
                occupation_area: sorted((0..10).map(|d| (d.to_string(), self.area[d]))),
                contract: sorted(Contract::ALL.iter().copied().zip(self.contract)),
                state: sorted(
                    STATES
                        .iter()
                        .enumerate()
                        .map(|(i, s)| (s.code.to_string(), self.state[i + 1])),
                ),
                place,
                employer,
            },
            by_place,
        }
    }
}

/// The collector; see the module docs.
pub(crate) struct JobCollector {
    plan: Arc<Plan>,
    /// Tables of the searcher's segments, by segment ordinal.
    tables: Vec<Arc<SegmentTable>>,
}

impl JobCollector {
    pub(crate) fn new(plan: Plan, tables: Vec<Arc<SegmentTable>>) -> JobCollector {
        JobCollector {
            plan: Arc::new(plan),
            tables,
        }
    }
}

/// `0..max` in `pieces` consecutive ranges of (nearly) equal length.
fn split(max: u32, pieces: u32) -> impl Iterator<Item = (u32, u32)> {
    let step = max.div_ceil(pieces.max(1)).max(1);
    (0..max)
        .step_by(step as usize)
        .map(move |start| (start, start.saturating_add(step).min(max)))
}

impl JobCollector {
    /// Collects every live document that `query` matches (every live document without
    /// one): the same as `searcher.search(query, self)`, but with a large segment split into one range of
    /// documents per search thread (tantivy runs one thread per segment), so that the
    /// broadest searches, which visit most of the index, use every core.
    pub(crate) fn collect_split(
        &self,
        searcher: &Searcher,
        query: Option<&dyn Query>,
    ) -> tantivy::Result<Harvest> {
        /// Segments above this many documents are split.
        const SPLIT_ABOVE: u32 = 100_000;
        let executor = searcher.index().search_executor();
        let threads = match executor {
            Executor::SingleThread => 1,
            Executor::ThreadPool(_) => crate::index::search_threads() as u32,
        };
        let scoring = if self.plan.scoring {
            EnableScoring::enabled_from_searcher(searcher)
        } else {
            EnableScoring::disabled_from_searcher(searcher)
        };
        let weight = query.map(|q| q.weight(scoring)).transpose()?;
        let mut parts = Vec::new();
        for (ord, reader) in searcher.segment_readers().iter().enumerate() {
            let max = reader.max_doc();
            let pieces = if max > SPLIT_ABOVE { threads } else { 1 };
            parts.extend(split(max, pieces).map(|(start, end)| (ord, start, end)));
        }
        let fruits = executor.map(
            |(ord, start, end)| {
                let reader = &searcher.segment_readers()[ord];
                let mut child = self.for_segment(ord as SegmentOrdinal, reader)?;
                let alive = reader.alive_bitset();
                let Some(weight) = &weight else {
                    // No query: every live document, without a scorer in between.
                    match alive {
                        Some(alive) => (start..end)
                            .filter(|d| alive.is_alive(*d))
                            .for_each(|d| child.collect(d, 0.0)),
                        None => (start..end).for_each(|d| child.collect(d, 0.0)),
                    }
                    return Ok(child.harvest());
                };
                let mut scorer = weight.scorer(reader, 1.0)?;
                let mut doc = if scorer.doc() < start {
                    scorer.seek(start)
                } else {
                    scorer.doc()
                };
                while doc < end {
                    if alive.is_none_or(|a| a.is_alive(doc)) {
                        let score = if self.plan.scoring {
                            scorer.score()
                        } else {
                            0.0
                        };
                        child.collect(doc, score);
                    }
                    doc = scorer.advance();
                }
                Ok(child.harvest())
            },
            parts.into_iter(),
        )?;
        self.merge_fruits(fruits)
    }
}

impl Collector for JobCollector {
    type Fruit = Harvest;
    type Child = JobSegmentCollector;

    fn for_segment(
        &self,
        segment_local_id: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<JobSegmentCollector> {
        let table = match self.tables.get(segment_local_id as usize) {
            Some(t) => Arc::clone(t),
            // Not expected (the tables come from the same searcher); stay correct anyway.
            None => Arc::new(SegmentTable::build(segment)?),
        };
        let plan = Arc::clone(&self.plan);
        // Per place of the segment: distance from the centre (NaN: outside the radius),
        // and whether the place filter lets it through.
        let distance = plan.geo.map(|geo| {
            table
                .places
                .iter()
                .map(|p| geo.distance(p.lat, p.lon))
                .collect()
        });
        let place_ok = plan
            .places
            .as_ref()
            .map(|ids| table.places.iter().map(|p| ids.contains(&p.id)).collect());
        let area_ok = plan
            .area
            .as_ref()
            .map(|ids| table.places.iter().map(|p| ids.contains(&p.id)).collect());
        let employer_ok = plan
            .employers
            .as_ref()
            .map(|ids| table.employers.iter().map(|e| ids.contains(e)).collect());
        let place_counts = if plan.facets.contains(Facet::Place) {
            vec![0; table.places.len()]
        } else {
            Vec::new()
        };
        let employer_counts = if plan.facets.contains(Facet::Employer) {
            vec![0; table.employers.len()]
        } else {
            Vec::new()
        };
        let per_place = if plan.per_place > 0 {
            vec![(0, Vec::new()); table.places.len()]
        } else {
            Vec::new()
        };
        let needs_place = distance.is_some()
            || plan.per_place > 0
            || place_ok.is_some()
            || area_ok.is_some()
            || plan.facets.contains(Facet::Place);
        let needs_employer = employer_ok.is_some() || plan.facets.contains(Facet::Employer);
        let keep = plan.keep;
        Ok(JobSegmentCollector {
            needs_place,
            needs_employer,
            plan,
            table,
            distance,
            place_ok,
            area_ok,
            employer_ok,
            place_counts,
            employer_counts,
            per_place,
            counts: RawCounts::ZERO,
            harvest: Harvest::empty(),
            heap: BinaryHeap::new(),
            threshold: if keep == 0 {
                // Nothing is kept: every document stays out (the candidate path checks
                // the rare exception of a key equal to this one).
                (0, Reverse(i64::MAX))
            } else {
                (u64::MAX, Reverse(i64::MIN))
            },
        })
    }

    fn requires_scoring(&self) -> bool {
        self.plan.scoring
    }

    fn merge_fruits(&self, fruits: Vec<Harvest>) -> tantivy::Result<Harvest> {
        let mut all = Harvest::empty();
        for h in fruits {
            all.add(h);
        }
        all.best.sort_unstable();
        all.best.truncate(self.plan.keep);
        for (_, best) in all.by_place.values_mut() {
            best.sort_unstable();
            best.truncate(self.plan.per_place);
        }
        Ok(all)
    }
}

impl Geo {
    /// Distance from the centre, or NaN when (`lat`, `lon`) lies outside the radius or
    /// is unknown while a radius is set.
    fn distance(&self, lat: f64, lon: f64) -> f64 {
        if lat.is_nan() || lon.is_nan() {
            return if self.radius.is_some() {
                f64::NAN
            } else {
                f64::INFINITY
            };
        }
        match &self.radius {
            Some((_, bbox)) if !bbox.contains(lat, lon) => f64::NAN,
            Some((radius, _)) => {
                let d = distance_km(self.lat, self.lon, lat, lon);
                if d <= *radius {
                    d
                } else {
                    f64::NAN
                }
            }
            None => distance_km(self.lat, self.lon, lat, lon),
        }
    }
}

/// Per-segment part of [`JobCollector`].
pub(crate) struct JobSegmentCollector {
    plan: Arc<Plan>,
    table: Arc<SegmentTable>,
    /// Distance per segment place, with a centre.
    distance: Option<Vec<f64>>,
    /// Whether each segment place passes the place filter, with one.
    place_ok: Option<Vec<bool>>,
    /// Per place of the segment: inside the area.
    area_ok: Option<Vec<bool>>,
    /// Whether each segment employer passes the employer filter, with one.
    employer_ok: Option<Vec<bool>>,
    /// Whether anything reads a document's place (distance, filter or facet).
    needs_place: bool,
    /// Whether anything reads a document's employer (filter or facet).
    needs_employer: bool,
    /// Jobs per segment place (empty unless the place facet is asked for).
    place_counts: Vec<u64>,
    /// Jobs per segment employer (empty unless the employer facet is asked for).
    employer_counts: Vec<u64>,
    /// Per segment place: matching jobs and the best [`Plan::per_place`] of them, worst
    /// last (empty unless asked for).
    per_place: Vec<(u64, Vec<Candidate>)>,
    /// Facet counts by the raw value in the document's attributes (fixed arrays, so the
    /// per-document counting needs no bounds checks).
    counts: RawCounts,
    harvest: Harvest,
    /// Worst of the kept hits on top.
    heap: BinaryHeap<Candidate>,
    /// Primary key and date of the worst kept hit once `keep` are kept (a document
    /// above it cannot enter); the greatest key before.
    threshold: (u64, Reverse<i64>),
}

/// Facet counts of one segment, indexed by the values as packed in
/// [`SegmentTable::attrs`].
#[derive(Debug, Clone, Copy)]
struct RawCounts {
    total: u64,
    kind: [u64; 16],
    working_time: [u64; 8],
    /// By the top nibble of the encoded occupation (digit + 1; 0: none).
    area: [u64; 16],
    contract: [u64; 16],
    state: [u64; 32],
}

impl RawCounts {
    const ZERO: RawCounts = RawCounts {
        total: 0,
        kind: [0; 16],
        working_time: [0; 8],
        area: [0; 16],
        contract: [0; 16],
        state: [0; 32],
    };

    /// Adds these counts to `h`.
    fn add_to(&self, h: &mut Harvest) {
        h.total += self.total;
        for (n, c) in h.kind.iter_mut().zip(self.kind) {
            *n += c;
        }
        for (n, c) in h.working_time.iter_mut().zip(self.working_time) {
            *n += c;
        }
        for (n, c) in h.area.iter_mut().zip(&self.area[1..]) {
            *n += c;
        }
        for (n, c) in h.contract.iter_mut().zip(self.contract) {
            *n += c;
        }
        for (n, c) in h.state.iter_mut().zip(self.state) {
            *n += c;
        }
    }
}

/// Bit of a facet in a document's set of failed facet filters (the same bit as in a
/// [`FacetSet`]).
const fn fail(f: Facet) -> u8 {
    f.bit()
}

impl JobSegmentCollector {
    /// Offers a matching document for the kept best hits.
    #[inline(always)]
    fn offer(&mut self, doc: DocId, score: Score, distance: Option<f64>) {
        let d = doc as usize;
        let posted = self.table.posted_at[d];
        let primary = match self.plan.order {
            Order::Relevance => u64::from(u32::MAX - ordered_f32(score)),
            Order::Date => 0,
            Order::Distance => ordered_f64(distance.unwrap_or(f64::INFINITY)),
        };
        // Most documents lose against the worst kept hit already on primary key and
        // date; only the others build a candidate.
        if (primary, Reverse(posted)) > self.threshold {
            return;
        }
        self.offer_candidate(d, primary, posted, score, distance);
    }

    #[inline(never)]
    fn offer_candidate(
        &mut self,
        d: usize,
        primary: u64,
        posted: i64,
        score: Score,
        distance: Option<f64>,
    ) {
        let keep = self.plan.keep;
        let id = self.table.id[d];
        let candidate = Candidate {
            key: (primary, Reverse(posted), Reverse(id)),
            hit: Hit {
                id,
                score,
                distance_km: distance,
            },
        };
        if self.heap.len() < keep {
            self.heap.push(candidate);
        } else if self.heap.peek().is_some_and(|worst| candidate < *worst) {
            self.heap.pop();
            self.heap.push(candidate);
        }
        if self.heap.len() >= keep {
            if let Some(worst) = self.heap.peek() {
                self.threshold = (worst.key.0, worst.key.1);
            }
        }
    }

    /// Counts a matching document for its place and keeps it if it is among the place's
    /// best [`Plan::per_place`] (a short sorted list: places rarely keep more than 3).
    fn offer_to_place(&mut self, d: usize, place: usize, score: Score, distance: Option<f64>) {
        let keep = self.plan.per_place;
        let primary = match self.plan.order {
            Order::Relevance => u64::from(u32::MAX - ordered_f32(score)),
            Order::Date => 0,
            Order::Distance => ordered_f64(distance.unwrap_or(f64::INFINITY)),
        };
        let (n, best) = &mut self.per_place[place];
        *n += 1;
        let key = (
            primary,
            Reverse(self.table.posted_at[d]),
            Reverse(self.table.id[d]),
        );
        if best.len() >= keep && best.last().is_some_and(|worst| worst.key <= key) {
            return;
        }
        let at = best.partition_point(|c| c.key < key);
        best.insert(
            at,
            Candidate {
                key,
                hit: Hit {
                    id: self.table.id[d],
                    score,
                    distance_km: distance,
                },
            },
        );
        best.truncate(keep);
    }

    /// Counts a document into every asked-for facet in `facets`.
    #[inline(always)]
    fn count(&mut self, facets: FacetSet, attrs: u64, place: usize, employer: usize) {
        let c = &mut self.counts;
        let nibble = |shift: u32| ((attrs >> shift) & attr::NIBBLE) as usize;
        if facets.contains(Facet::Kind) {
            c.kind[nibble(attr::KIND_SHIFT)] += 1;
        }
        if facets.contains(Facet::WorkingTime) {
            let wt = attrs >> attr::WORKING_TIME_SHIFT;
            for (bit, n) in c.working_time.iter_mut().enumerate() {
                *n += (wt >> bit) & 1;
            }
        }
        if facets.contains(Facet::OccupationArea) {
            c.area[nibble(4 * (OCCUPATION_DIGITS as u32 - 1))] += 1;
        }
        if facets.contains(Facet::Contract) {
            c.contract[nibble(attr::CONTRACT_SHIFT)] += 1;
        }
        if facets.contains(Facet::State) {
            c.state[((attrs >> attr::STATE_SHIFT) & 0x1F) as usize] += 1;
        }
        if facets.contains(Facet::Place) {
            self.place_counts[place] += 1;
        }
        if facets.contains(Facet::Employer) {
            self.employer_counts[employer] += 1;
        }
    }
}

impl SegmentCollector for JobSegmentCollector {
    type Fruit = Harvest;

    #[inline(always)]
    fn collect(&mut self, doc: DocId, score: Score) {
        let d = doc as usize;
        let plan: &Plan = &self.plan;
        let t: &SegmentTable = &self.table;
        if t.valid_through[d] < plan.today {
            return;
        }
        // Place and employer are read only when something needs them.
        let place = if self.needs_place {
            t.place[d] as usize
        } else {
            0
        };
        if self.area_ok.as_ref().is_some_and(|ok| !ok[place]) {
            return;
        }
        let distance = match &self.distance {
            None => None,
            Some(per_place) => {
                let km = per_place[place];
                if km.is_nan() {
                    return;
                }
                Some(km).filter(|k| k.is_finite())
            }
        };
        let attrs = t.attrs[d];
        let employer = if self.needs_employer {
            t.employer[d] as usize
        } else {
            0
        };
        let mut failed = 0u8;
        if plan.kind_mask != 0 && plan.kind_mask & 1 << ((attrs >> attr::KIND_SHIFT) & 0xF) == 0 {
            failed |= fail(Facet::Kind);
        }
        if plan.working_time_mask != 0
            && (attrs >> attr::WORKING_TIME_SHIFT) & 0xFF & plan.working_time_mask == 0
        {
            failed |= fail(Facet::WorkingTime);
        }
        if !plan.occupations.is_empty() {
            let occupation = attrs & ((1 << attr::OCCUPATION_BITS) - 1);
            if !plan
                .occupations
                .iter()
                .any(|&(shift, value)| occupation >> shift == value)
            {
                failed |= fail(Facet::OccupationArea);
            }
        }
        if plan.contract_mask != 0
            && plan.contract_mask & 1 << ((attrs >> attr::CONTRACT_SHIFT) & 0xF) == 0
        {
            failed |= fail(Facet::Contract);
        }
        if plan.state_mask != 0 && plan.state_mask & 1 << ((attrs >> attr::STATE_SHIFT) & 0x1F) == 0
        {
            failed |= fail(Facet::State);
        }
        if self.place_ok.as_ref().is_some_and(|ok| !ok[place]) {
            failed |= fail(Facet::Place);
        }
        if self.employer_ok.as_ref().is_some_and(|ok| !ok[employer]) {
            failed |= fail(Facet::Employer);
        }
        let facets = plan.facets;
        if failed == 0 {
            self.counts.total += 1;
            self.count(facets, attrs, place, employer);
            if self.plan.per_place > 0 {
                self.offer_to_place(d, place, score, distance);
            }
            self.offer(doc, score, distance);
        } else if failed.is_power_of_two() {
            // Disjunctive facets: a job that fails only one facet's filter counts into
            // that facet (as if its own filter were not set).
            let only = FacetSet::from_bits(failed & facets.bits());
            if only != FacetSet::NONE {
                self.count(only, attrs, place, employer);
            }
        }
    }

    fn harvest(mut self) -> Harvest {
        self.counts.add_to(&mut self.harvest);
        let t = &self.table;
        self.harvest.place = (self.place_counts.iter().zip(&t.places))
            .filter(|(n, _)| **n > 0)
            .map(|(n, p)| (p.id, *n))
            .collect();
        self.harvest.employer = (self.employer_counts.iter().zip(&t.employers))
            .filter(|(n, _)| **n > 0)
            .map(|(n, e)| (*e, *n))
            .collect();
        self.harvest.best = self.heap.into_vec();
        self.harvest.by_place = (self.per_place.into_iter().zip(&t.places))
            .filter(|((n, _), _)| *n > 0)
            .map(|(kept, p)| (p.id, kept))
            .collect();
        self.harvest
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitting_covers_every_document_once() {
        for (max, pieces) in [(0, 2), (1, 2), (7, 2), (100_001, 2), (100_001, 3), (5, 8)] {
            let ranges: Vec<(u32, u32)> = split(max, pieces).collect();
            assert!(
                ranges.len() <= pieces as usize,
                "{max} {pieces}: {ranges:?}"
            );
            let mut next = 0;
            for (start, end) in ranges {
                assert_eq!(start, next);
                assert!(end > start);
                next = end;
            }
            assert_eq!(next, max);
        }
    }

    #[test]
    fn ordered_floats_keep_order() {
        let xs = [-3.5f64, -0.0, 0.0, 1e-9, 2.0, 1e300, f64::INFINITY];
        for w in xs.windows(2) {
            assert!(ordered_f64(w[0]) <= ordered_f64(w[1]), "{w:?}");
        }
        let ys = [-1.0f32, 0.0, 0.5, 7.25, f32::MAX];
        for w in ys.windows(2) {
            assert!(ordered_f32(w[0]) < ordered_f32(w[1]), "{w:?}");
        }
    }

    #[test]
    fn bounding_box_contains_every_point_within_the_radius() {
        // Points on a circle of the radius around a centre in Lusatia and one near the
        // pole must lie in the box; a point just outside along a meridian must not.
        for (lat, lon, r) in [
            (51.76, 14.33, 25.0),
            (51.0, 10.0, 300.0),
            (89.5, 0.0, 100.0),
        ] {
            let b = BoundingBox::around(lat, lon, r);
            for step in 0..360 {
                let bearing = f64::from(step).to_radians();
                let (p_lat, p_lon) = destination(lat, lon, bearing, r * 0.999_999);
                assert!(b.contains(p_lat, p_lon), "{lat},{lon} r={r} bearing={step}");
            }
        }
        let b = BoundingBox::around(51.76, 14.33, 10.0);
        let (p_lat, p_lon) = destination(51.76, 14.33, 0.0, 10.1);
        assert!(!b.contains(p_lat, p_lon));
    }

    /// Point at `d` km from (lat, lon) on initial bearing `bearing` (radians).
    fn destination(lat: f64, lon: f64, bearing: f64, d: f64) -> (f64, f64) {
        let (p1, l1, a) = (lat.to_radians(), lon.to_radians(), d / EARTH_RADIUS_KM);
        let p2 = (p1.sin() * a.cos() + p1.cos() * a.sin() * bearing.cos()).asin();
        let l2 = l1 + (bearing.sin() * a.sin() * p1.cos()).atan2(a.cos() - p1.sin() * p2.sin());
        (p2.to_degrees(), l2.to_degrees())
    }
}
