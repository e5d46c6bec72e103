//! The collector behind [`crate::JobIndex::search`]: reads fast fields per matching
//! document, drops expired jobs and jobs outside the radius, applies the facet filters,
//! counts disjunctive facets and keeps the best `offset + limit` hits.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use std::sync::Arc;

use bleibe_domain::occupation::is_valid_code;
use bleibe_domain::place::distance_km;
use bleibe_domain::{JobKind, WorkingTime};
use chrono::{Datelike, NaiveDate};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::error::SearchError;
use crate::index::{
    encode_occupation, F_ID, F_KIND, F_LAT, F_LON, F_OCCUPATION, F_POSTED_AT, F_VALID_THROUGH,
    F_WORKING_TIME, OCCUPATION_DIGITS,
};
use crate::query::{Facets, Hit, JobQuery, Sort};

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
    today: i64,
    /// Bit per allowed kind ordinal; 0 = any.
    kind_mask: u64,
    /// Bit per allowed working time ordinal; 0 = any.
    working_time_mask: u64,
    /// (shift, value): a document's encoded code matches if `code >> shift == value`.
    occupations: Vec<(u32, u64)>,
    geo: Option<Geo>,
    order: Order,
    scoring: bool,
    /// How many of the best hits to keep: offset + limit.
    keep: usize,
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
        Ok(Plan {
            today: day_number(today),
            kind_mask: q.kinds.iter().fold(0, |m, k| m | 1 << k.ordinal()),
            working_time_mask: q.working_times.iter().fold(0, |m, w| m | 1 << w.ordinal()),
            occupations,
            geo,
            order,
            scoring: has_text,
            keep: q.offset.saturating_add(q.limit),
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

/// Counts and best hits of one segment, or of all merged.
#[derive(Debug, Clone)]
pub(crate) struct Harvest {
    total: u64,
    kind: Vec<u64>,
    working_time: Vec<u64>,
    area: [u64; 10],
    /// Best first after merging; any order per segment.
    best: Vec<Candidate>,
}

impl Harvest {
    fn empty() -> Harvest {
        Harvest {
            total: 0,
            kind: vec![0; JobKind::ALL.len()],
            working_time: vec![0; WorkingTime::ALL.len()],
            area: [0; 10],
            best: Vec::new(),
        }
    }

    /// The page `offset..offset + limit` and the facets.
    pub(crate) fn into_results(self, offset: usize) -> crate::SearchResults {
        fn sorted<T: Ord>(mut v: Vec<(T, u64)>) -> Vec<(T, u64)> {
            v.retain(|(_, n)| *n > 0);
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v
        }
        let kind = JobKind::ALL
            .iter()
            .copied()
            .zip(self.kind.iter().copied())
            .collect();
        let working_time = WorkingTime::ALL
            .iter()
            .copied()
            .zip(self.working_time.iter().copied())
            .collect();
        let area = (0..10).map(|d| (d.to_string(), self.area[d])).collect();
        crate::SearchResults {
            total: self.total,
            hits: self.best.into_iter().skip(offset).map(|c| c.hit).collect(),
            facets: Facets {
                kind: sorted(kind),
                working_time: sorted(working_time),
                occupation_area: sorted(area),
            },
        }
    }
}

/// The collector; see the module docs.
pub(crate) struct JobCollector {
    plan: Arc<Plan>,
}

impl JobCollector {
    pub(crate) fn new(plan: Plan) -> JobCollector {
        JobCollector {
            plan: Arc::new(plan),
        }
    }
}

impl Collector for JobCollector {
    type Fruit = Harvest;
    type Child = JobSegmentCollector;

    fn for_segment(
        &self,
        _segment_local_id: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<JobSegmentCollector> {
        let ff = segment.fast_fields();
        Ok(JobSegmentCollector {
            plan: Arc::clone(&self.plan),
            id: ff.i64(F_ID)?,
            kind: ff.u64(F_KIND)?,
            working_time: ff.u64(F_WORKING_TIME)?,
            occupation: ff.u64(F_OCCUPATION)?,
            lat: ff.f64(F_LAT)?,
            lon: ff.f64(F_LON)?,
            posted_at: ff.i64(F_POSTED_AT)?,
            valid_through: ff.i64(F_VALID_THROUGH)?,
            harvest: Harvest::empty(),
            heap: BinaryHeap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.plan.scoring
    }

    fn merge_fruits(&self, fruits: Vec<Harvest>) -> tantivy::Result<Harvest> {
        let mut all = Harvest::empty();
        for h in fruits {
            all.total += h.total;
            for (a, b) in all.kind.iter_mut().zip(&h.kind) {
                *a += b;
            }
            for (a, b) in all.working_time.iter_mut().zip(&h.working_time) {
                *a += b;
            }
            for (a, b) in all.area.iter_mut().zip(&h.area) {
                *a += b;
            }
            all.best.extend(h.best);
        }
        all.best.sort_unstable();
        all.best.truncate(self.plan.keep);
        Ok(all)
    }
}

/// Per-segment part of [`JobCollector`].
pub(crate) struct JobSegmentCollector {
    plan: Arc<Plan>,
    id: Column<i64>,
    kind: Column<u64>,
    working_time: Column<u64>,
    occupation: Column<u64>,
    lat: Column<f64>,
    lon: Column<f64>,
    posted_at: Column<i64>,
    valid_through: Column<i64>,
    harvest: Harvest,
    /// Worst of the kept hits on top.
    heap: BinaryHeap<Candidate>,
}

impl JobSegmentCollector {
    /// Distance from the centre, or `Err(())` when the document lies outside the radius.
    fn distance(&self, geo: &Geo, doc: DocId) -> Result<Option<f64>, ()> {
        let (Some(lat), Some(lon)) = (self.lat.first(doc), self.lon.first(doc)) else {
            return if geo.radius.is_some() {
                Err(())
            } else {
                Ok(None)
            };
        };
        if let Some((radius, bbox)) = &geo.radius {
            if !bbox.contains(lat, lon) {
                return Err(());
            }
            let d = distance_km(geo.lat, geo.lon, lat, lon);
            return if d <= *radius { Ok(Some(d)) } else { Err(()) };
        }
        Ok(Some(distance_km(geo.lat, geo.lon, lat, lon)))
    }

    fn offer(&mut self, doc: DocId, score: Score, distance: Option<f64>) {
        let keep = self.plan.keep;
        if keep == 0 {
            return;
        }
        let posted = self.posted_at.first(doc).unwrap_or(i64::MIN);
        let id = self.id.first(doc).unwrap_or(0);
        let primary = match self.plan.order {
            Order::Relevance => u64::from(u32::MAX - ordered_f32(score)),
            Order::Date => 0,
            Order::Distance => ordered_f64(distance.unwrap_or(f64::INFINITY)),
        };
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
    }
}

impl SegmentCollector for JobSegmentCollector {
    type Fruit = Harvest;

    fn collect(&mut self, doc: DocId, score: Score) {
        let plan: &Plan = &self.plan;
        if self.valid_through.first(doc).unwrap_or(i64::MAX) < plan.today {
            return;
        }
        let distance = match &plan.geo {
            None => None,
            Some(geo) => match self.distance(geo, doc) {
                Ok(d) => d,
                Err(()) => return,
            },
        };
        let kind = self.kind.first(doc).unwrap_or(u64::MAX);
        let working_time = self.working_time.first(doc).unwrap_or(0);
        let occupation = self.occupation.first(doc).unwrap_or(0);
        let kind_ok = plan.kind_mask == 0 || (kind < 64 && plan.kind_mask & (1 << kind) != 0);
        let working_time_ok =
            plan.working_time_mask == 0 || working_time & plan.working_time_mask != 0;
        let occupation_ok = plan.occupations.is_empty()
            || plan
                .occupations
                .iter()
                .any(|&(shift, value)| occupation >> shift == value);

        let h = &mut self.harvest;
        let count_kind = |h: &mut Harvest| {
            if let Some(n) = usize::try_from(kind).ok().and_then(|k| h.kind.get_mut(k)) {
                *n += 1;
            }
        };
        let count_working_time = |h: &mut Harvest| {
            for (bit, n) in h.working_time.iter_mut().enumerate() {
                if working_time & (1 << bit) != 0 {
                    *n += 1;
                }
            }
        };
        let count_area = |h: &mut Harvest| {
            let nibble = (occupation >> (4 * (OCCUPATION_DIGITS - 1))) & 0xF;
            if (1..=10).contains(&nibble) {
                h.area[nibble as usize - 1] += 1;
            }
        };
        match (kind_ok, working_time_ok, occupation_ok) {
            (true, true, true) => {
                h.total += 1;
                count_kind(h);
                count_working_time(h);
                count_area(h);
                self.offer(doc, score, distance);
            }
            (false, true, true) => count_kind(h),
            (true, false, true) => count_working_time(h),
            (true, true, false) => count_area(h),
            _ => {}
        }
    }

    fn harvest(mut self) -> Harvest {
        self.harvest.best = self.heap.into_vec();
        self.harvest
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
