//! The match: every place is a possible home; it fits when every hard constraint holds
//! — its size, the housing budget, the place to stay close to, a Kita or school near
//! enough for each child, and for every person a matching job within their commute —
//! and fitting homes are ranked by a weighted score whose parts are reported.
//!
//! Hard constraints are never traded against the score: a home that violates one is not
//! a result. Missing data never counts as met: a place without a known rent does not fit
//! a rent budget, a place without a known Kita does not serve a child under six.
//!
//! Diversity: each home is one result (its best jobs listed inside it), and at most
//! [`MAX_HOMES_PER_JOB`] homes in a row of the ranking may offer the same best job to the
//! first person; further ones move behind the others (they still count in `total`).

use crate::atlas::{Atlas, Facility};
use crate::grid::Grid;
use crate::matrix::TravelMatrix;
use crate::relax::{relaxations, Relaxation};
use bleibe_domain::living::wishes::{Need, MAX_COMMUTE_MINUTES, PLOT_SQM};
use bleibe_domain::living::{Mode, Settlement, TravelTime, Wishes};

/// At most this many homes (of a page and the ones before it) share the same best job
/// of the first person before further ones are moved back.
pub const MAX_HOMES_PER_JOB: usize = 3;
/// Jobs listed per person and home (from different places of work).
pub const JOBS_PER_PERSON: usize = 3;

/// How far a need may be from home, in minutes by the household's main mode: a Kita 10,
/// a primary school (with Hort) 15, a secondary school 30 (school buses run). One in the
/// home place itself always counts.
pub fn need_minutes(need: Need) -> f64 {
    match need {
        Need::Kita => 10.0,
        Need::PrimarySchool => 15.0,
        Need::SecondarySchool => 30.0,
    }
}

/// The facility that serves a need.
pub fn need_facility(need: Need) -> Facility {
    match need {
        Need::Kita => Facility::Kita,
        Need::PrimarySchool => Facility::PrimarySchool,
        Need::SecondarySchool => Facility::SecondarySchool,
    }
}

/// One matching job, as the search found it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct JobHit {
    /// Store id of the job.
    pub id: i64,
    /// Text relevance (0 without text).
    pub score: f32,
}

/// The matching jobs at one place of work.
#[derive(Debug, Clone, PartialEq)]
pub struct JobPlace {
    /// GeoNames id of the place.
    pub place_id: i64,
    /// How many jobs there match.
    pub total: u64,
    /// The best of them, best first.
    pub best: Vec<JobHit>,
}

/// The jobs that match one person's query, by place.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PersonJobs {
    /// Places of work with matching jobs.
    pub places: Vec<JobPlace>,
}

/// What the engine is asked.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The validated wishes.
    pub wishes: &'a Wishes,
    /// Per person of the wishes, the jobs that match.
    pub persons: Vec<PersonJobs>,
    /// The place to stay close to (atlas index), resolved by the caller.
    pub stay_close: Option<u32>,
}

/// A job offered to one person from one home.
#[derive(Debug, Clone, PartialEq)]
pub struct OfferedJob {
    /// Index of the person in the wishes.
    pub person: usize,
    /// The job.
    pub job: JobHit,
    /// Place of work (atlas index).
    pub place: u32,
}

/// A commute from home to a person's best job place by one mode.
#[derive(Debug, Clone, PartialEq)]
pub struct Commute {
    /// Index of the person.
    pub person: usize,
    /// Mode.
    pub mode: Mode,
    /// The time with its provenance.
    pub time: TravelTime,
    /// Place of work (atlas index).
    pub to: u32,
}

/// A part of the score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FactorKind {
    /// How well the person's best job matches the query.
    JobFit,
    /// How short the person's commute is against their limit.
    Commute,
    /// How much of the housing budget is left.
    Housing,
    /// Nature and quiet (smaller places, parks and reserves).
    Nature,
    /// Culture offers in the place.
    Culture,
    /// Sports offers in the place.
    Sports,
    /// Doctors in the place.
    HealthCare,
    /// A railway station in the place.
    RailLink,
}

impl FactorKind {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            FactorKind::JobFit => "job_fit",
            FactorKind::Commute => "commute",
            FactorKind::Housing => "housing",
            FactorKind::Nature => "nature",
            FactorKind::Culture => "culture",
            FactorKind::Sports => "sports",
            FactorKind::HealthCare => "health_care",
            FactorKind::RailLink => "rail_link",
        }
    }
}

/// One part of a home's score: `contribution = value × weight / Σ weights`.
#[derive(Debug, Clone, PartialEq)]
pub struct Factor {
    /// Which part.
    pub kind: FactorKind,
    /// The person it is about (job fit, commute).
    pub person: Option<usize>,
    /// 0 to 1.
    pub value: f64,
    /// The weight given.
    pub weight: f64,
    /// Its share of the score.
    pub contribution: f64,
    /// The figure behind the value: minutes, a count, euros left per month; `None`:
    /// no data.
    pub figure: Option<f64>,
}

/// A need of the children met near a home.
#[derive(Debug, Clone, PartialEq)]
pub struct NeedMet {
    /// The need.
    pub need: Need,
    /// Where (atlas index).
    pub at: u32,
    /// How far from home.
    pub time: TravelTime,
}

/// A home that fits, with why.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The home (atlas index).
    pub home: u32,
    /// Up to [`JOBS_PER_PERSON`] jobs per person.
    pub jobs: Vec<OfferedJob>,
    /// Per person, the commute to the best job by each mode they accept that makes it
    /// in time.
    pub commute: Vec<Commute>,
    /// Where each need is met.
    pub needs: Vec<NeedMet>,
    /// The monthly warm rent (or the plot price when buying), if housing was asked.
    pub housing_cost: Option<f64>,
    /// 0 to 1.
    pub score: f64,
    /// The parts of the score.
    pub breakdown: Vec<Factor>,
}

/// The answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// How many homes fit.
    pub total: usize,
    /// The requested page.
    pub items: Vec<Item>,
    /// When nothing fits: what to relax.
    pub relaxations: Vec<Relaxation>,
}

/// A hard constraint, for explaining what failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Check {
    /// The kind of place.
    Settlement,
    /// The housing budget.
    Housing,
    /// The place to stay close to.
    StayClose,
    /// A need of the children.
    Need(Need),
    /// A job within the commute of this person.
    Commute(usize),
}

/// One person's jobs prepared for lookups.
pub(crate) struct Prepared {
    /// Per atlas index: index into `places`, if jobs match there.
    pub(crate) at: Vec<Option<u32>>,
    pub(crate) grid: Grid,
    pub(crate) places: Vec<JobPlace>,
    /// Relevance of each place's best job, 0 to 1 (1 without text).
    pub(crate) fit: Vec<f64>,
    pub(crate) limits: Vec<(Mode, f64)>,
}

/// A person's reachable place of work from one home: the fastest mode.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reach {
    pub(crate) place: u32,
    pub(crate) mode: Mode,
    pub(crate) time: TravelTime,
    pub(crate) rank: f64,
}

/// The shared state of one query.
pub(crate) struct Ctx<'a> {
    pub(crate) atlas: &'a Atlas,
    pub(crate) matrix: &'a TravelMatrix,
    pub(crate) wishes: &'a Wishes,
    pub(crate) persons: Vec<Prepared>,
    pub(crate) stay_close: Option<u32>,
    /// The mode in which needs and the place to stay close are measured.
    pub(crate) main_mode: Mode,
}

/// The household's main mode: the car if anyone drives, else public transport, else
/// the bike.
pub fn main_mode(wishes: &Wishes) -> Mode {
    [Mode::Car, Mode::Transit, Mode::Bike]
        .into_iter()
        .find(|m| {
            wishes
                .persons
                .iter()
                .any(|p| p.max_commute.limits().iter().any(|(pm, _)| pm == m))
        })
        .unwrap_or(Mode::Car)
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(atlas: &'a Atlas, matrix: &'a TravelMatrix, req: &Request<'a>) -> Self {
        let persons = req
            .persons
            .iter()
            .zip(&req.wishes.persons)
            .map(|(jobs, wish)| {
                let mut at = vec![None; atlas.len()];
                let mut places = Vec::new();
                for jp in &jobs.places {
                    if let Some(i) = atlas.index_of(jp.place_id) {
                        if jp.best.is_empty() {
                            continue;
                        }
                        at[i as usize] = Some(places.len() as u32);
                        places.push(jp.clone());
                    }
                }
                let grid = Grid::new(places.iter().map(|jp| {
                    let i = atlas.index_of(jp.place_id).unwrap_or(0);
                    let (lat, lon) = atlas.point(i);
                    (i, lat, lon)
                }));
                let max = places
                    .iter()
                    .map(|p| p.best[0].score)
                    .fold(0.0f32, f32::max);
                let fit = places
                    .iter()
                    .map(|p| {
                        if max > 0.0 {
                            f64::from(p.best[0].score / max)
                        } else {
                            1.0
                        }
                    })
                    .collect();
                let limits = wish
                    .max_commute
                    .limits()
                    .into_iter()
                    .map(|(m, l)| (m, f64::from(l)))
                    .collect();
                Prepared {
                    at,
                    grid,
                    places,
                    fit,
                    limits,
                }
            })
            .collect();
        Ctx {
            atlas,
            matrix,
            wishes: req.wishes,
            persons,
            stay_close: req.stay_close,
            main_mode: main_mode(req.wishes),
        }
    }

    /// The places of work person `p` reaches from `home` within their limits, each by
    /// its fastest mode, best ranked first (fit and shortness of the commute, equally).
    /// `extra` minutes are added to every limit (for explaining what a longer commute
    /// would give), up to the longest commute that can be asked for.
    pub(crate) fn reach(&self, home: u32, p: usize, extra: f64) -> Vec<Reach> {
        let person = &self.persons[p];
        let mut found: Vec<Reach> = Vec::new();
        for &(mode, limit) in &person.limits {
            let limit = (limit + extra)
                .min(f64::from(MAX_COMMUTE_MINUTES))
                .max(limit);
            self.matrix.reach(
                mode,
                home,
                limit,
                &person.grid,
                |j| person.at[j as usize].is_some(),
                |j, time| {
                    let Some(k) = person.at[j as usize] else {
                        return;
                    };
                    let short = 1.0 - time.minutes / limit.max(1.0);
                    found.push(Reach {
                        place: j,
                        mode,
                        time,
                        rank: 0.5 * person.fit[k as usize] + 0.5 * short,
                    });
                },
            );
        }
        // Per place the fastest; then best ranked first.
        found.sort_unstable_by(|a, b| {
            a.place
                .cmp(&b.place)
                .then(a.time.minutes.total_cmp(&b.time.minutes))
        });
        found.dedup_by_key(|r| r.place);
        found.sort_unstable_by(|a, b| b.rank.total_cmp(&a.rank).then(a.place.cmp(&b.place)));
        found
    }

    /// The nearest place from `home` with `facility` within `limit` minutes by the main
    /// mode. A facility in the home place itself always counts, whatever the limit: it
    /// is in the place (the time given is the estimate across a town).
    pub(crate) fn nearest(
        &self,
        home: u32,
        facility: Facility,
        limit: f64,
    ) -> Option<(u32, TravelTime)> {
        let has = |j: u32| self.atlas.facts(j).count(facility).is_some_and(|n| n > 0.0);
        if has(home) {
            return self
                .matrix
                .time(self.main_mode, home, home)
                .map(|t| (home, t));
        }
        let mut best: Option<(u32, TravelTime)> = None;
        self.matrix.reach(
            self.main_mode,
            home,
            limit,
            self.atlas.with_facility(facility),
            has,
            |j, t| {
                if best.is_none_or(|(bj, bt)| (t.minutes, j) < (bt.minutes, bj)) {
                    best = Some((j, t));
                }
            },
        );
        best
    }

    /// Where each of the children's needs is met near `home`.
    pub(crate) fn needs_met(&self, home: u32) -> Vec<NeedMet> {
        let state = &self.atlas.place(home).state_code;
        self.wishes
            .needs(state)
            .into_iter()
            .filter_map(|need| {
                self.nearest(home, need_facility(need), need_minutes(need))
                    .map(|(at, time)| NeedMet { need, at, time })
            })
            .collect()
    }

    /// The monthly warm rent or the plot price at `home`, if known; with the budget.
    pub(crate) fn housing_cost(&self, home: u32) -> Option<(Option<f64>, f64)> {
        let h = self.wishes.housing.as_ref()?;
        let facts = self.atlas.facts(home);
        if let (Some(budget), Some(_)) = (h.max_warm_rent_eur, h.rooms) {
            return Some((
                facts.rent_eur_m2.and_then(|r| h.warm_rent(r)),
                f64::from(budget),
            ));
        }
        h.max_plot_eur
            .map(|budget| (facts.land_eur_m2.map(|l| l * PLOT_SQM), f64::from(budget)))
    }

    pub(crate) fn stay_close_time(&self, home: u32) -> Option<TravelTime> {
        let sc = self.stay_close?;
        let mode = self
            .wishes
            .stay_close_to
            .as_ref()
            .and_then(|s| s.mode)
            .unwrap_or(self.main_mode);
        self.matrix.time(mode, home, sc)
    }

    /// Whether `home` passes `check` (cheap checks are cheap; commute is the costly one).
    pub(crate) fn passes(&self, home: u32, check: Check) -> bool {
        let place = self.atlas.place(home);
        match check {
            Check::Settlement => self
                .wishes
                .settlement
                .unwrap_or(Settlement::Any)
                .admits(place.population),
            Check::Housing => match self.housing_cost(home) {
                None => true,
                Some((Some(cost), budget)) => cost <= budget,
                Some((None, _)) => false,
            },
            Check::StayClose => match (&self.wishes.stay_close_to, self.stay_close_time(home)) {
                (None, _) => true,
                (Some(s), Some(t)) => t.minutes <= f64::from(s.max_minutes),
                (Some(_), None) => false,
            },
            Check::Need(need) => self
                .nearest(home, need_facility(need), need_minutes(need))
                .is_some(),
            Check::Commute(p) => !self.reach(home, p, 0.0).is_empty(),
        }
    }

    /// The checks that apply to `home`, cheapest first.
    pub(crate) fn checks(&self, home: u32) -> Vec<Check> {
        let mut checks = vec![Check::Settlement, Check::Housing, Check::StayClose];
        let state = &self.atlas.place(home).state_code;
        checks.extend(self.wishes.needs(state).into_iter().map(Check::Need));
        checks.extend((0..self.persons.len()).map(Check::Commute));
        checks
    }
}

/// Saturation: `x / (x + k)` — 0 for none, ½ at `k`, approaching 1.
fn saturate(x: f64, k: f64) -> f64 {
    if x <= 0.0 {
        0.0
    } else {
        x / (x + k)
    }
}

/// How natural a place of this size is: villages 1, small towns 0.7, towns 0.4, cities
/// 0.15; unknown size 0 (missing data never counts as met).
fn size_nature(population: Option<u32>) -> f64 {
    match Settlement::of(population) {
        Some(Settlement::Village) => 1.0,
        Some(Settlement::SmallTown) => 0.7,
        Some(Settlement::Town) => 0.4,
        Some(_) => 0.15,
        None => 0.0,
    }
}

/// Weight of each person's job fit and of their commute; of housing when asked.
const JOB_FIT_WEIGHT: f64 = 2.0;
const COMMUTE_WEIGHT: f64 = 2.0;
const HOUSING_WEIGHT: f64 = 1.0;

impl Ctx<'_> {
    /// Builds the result for a home that passed every check.
    fn item(&self, home: u32, reaches: Vec<Vec<Reach>>) -> Item {
        let mut jobs = Vec::new();
        let mut commute = Vec::new();
        let mut raw: Vec<Factor> = Vec::new();
        // The contribution is set once every weight is known.
        let factor = |kind, person, value, weight, figure| Factor {
            kind,
            person,
            value,
            weight,
            contribution: 0.0,
            figure,
        };
        for (p, reach) in reaches.iter().enumerate() {
            let person = &self.persons[p];
            for r in reach.iter().take(JOBS_PER_PERSON) {
                if let Some(k) = person.at[r.place as usize] {
                    jobs.push(OfferedJob {
                        person: p,
                        job: person.places[k as usize].best[0],
                        place: r.place,
                    });
                }
            }
            let best = reach[0];
            for &(mode, limit) in &person.limits {
                if let Some(time) = self.matrix.time(mode, home, best.place) {
                    if time.minutes <= limit {
                        commute.push(Commute {
                            person: p,
                            mode,
                            time,
                            to: best.place,
                        });
                    }
                }
            }
            let k = person.at[best.place as usize].unwrap_or(0) as usize;
            raw.push(factor(
                FactorKind::JobFit,
                Some(p),
                person.fit[k],
                JOB_FIT_WEIGHT,
                None,
            ));
            let limit = person
                .limits
                .iter()
                .find(|(m, _)| *m == best.mode)
                .map_or(1.0, |l| l.1);
            raw.push(factor(
                FactorKind::Commute,
                Some(p),
                (1.0 - best.time.minutes / limit).clamp(0.0, 1.0),
                COMMUTE_WEIGHT,
                Some(best.time.minutes),
            ));
        }
        let housing = self.housing_cost(home);
        if let Some((Some(cost), budget)) = housing {
            raw.push(factor(
                FactorKind::Housing,
                None,
                (1.0 - cost / budget).clamp(0.0, 1.0),
                HOUSING_WEIGHT,
                Some(budget - cost),
            ));
        }
        let facts = self.atlas.facts(home);
        let place = self.atlas.place(home);
        let prefs = self.wishes.preferences;
        let count = |f: Facility| facts.count(f);
        let sum = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (None, None) => None,
            (a, b) => Some(a.unwrap_or(0.0) + b.unwrap_or(0.0)),
        };
        let nature = {
            let size = size_nature(place.population);
            match count(Facility::Recreation) {
                Some(n) => 0.5 * size + 0.5 * saturate(n, 2.0),
                None => size,
            }
        };
        for (kind, weight, value, figure) in [
            (
                FactorKind::Nature,
                prefs.nature,
                Some(nature),
                count(Facility::Recreation),
            ),
            (
                FactorKind::Culture,
                prefs.culture,
                count(Facility::Culture).map(|n| saturate(n, 3.0)),
                count(Facility::Culture),
            ),
            (
                FactorKind::Sports,
                prefs.sports,
                count(Facility::Sport).map(|n| saturate(n, 3.0)),
                count(Facility::Sport),
            ),
            (
                FactorKind::HealthCare,
                prefs.health_care,
                sum(count(Facility::Gp), count(Facility::Paediatrician)).map(|n| saturate(n, 3.0)),
                sum(count(Facility::Gp), count(Facility::Paediatrician)),
            ),
            (
                FactorKind::RailLink,
                prefs.rail_link,
                count(Facility::RailStation).map(|n| if n > 0.0 { 1.0 } else { 0.0 }),
                count(Facility::RailStation),
            ),
        ] {
            if weight > 0 {
                raw.push(factor(
                    kind,
                    None,
                    value.unwrap_or(0.0),
                    f64::from(weight),
                    figure,
                ));
            }
        }
        let total_weight: f64 = raw.iter().map(|f| f.weight).sum();
        let breakdown: Vec<Factor> = raw
            .into_iter()
            .map(|f| Factor {
                contribution: f.value * f.weight / total_weight,
                ..f
            })
            .collect();
        let score = breakdown.iter().map(|f| f.contribution).sum();
        Item {
            home,
            jobs,
            commute,
            needs: Vec::new(),
            housing_cost: housing.and_then(|h| h.0),
            score,
            breakdown,
        }
    }
}

impl Ctx<'_> {
    /// The result for `home` if it passes every check (cheapest checks first), without
    /// its needs (filled in for the page only).
    fn evaluate(&self, home: u32) -> Option<Item> {
        let mut reaches = Vec::new();
        for check in self.checks(home) {
            match check {
                Check::Commute(p) => {
                    let reach = self.reach(home, p, 0.0);
                    if reach.is_empty() {
                        return None;
                    }
                    reaches.push(reach);
                }
                other => {
                    if !self.passes(home, other) {
                        return None;
                    }
                }
            }
        }
        Some(self.item(home, reaches))
    }
}

/// `f(k)` for every `k` in `0..n`, split over every core, the `Some` answers in order.
pub(crate) fn par_homes<T: Send>(n: u32, f: impl Fn(u32) -> Option<T> + Sync) -> Vec<T> {
    let threads = std::thread::available_parallelism().map_or(1, |t| t.get()) as u32;
    let chunk = n.div_ceil(threads.max(1)).max(1);
    std::thread::scope(|s| {
        let f = &f;
        let parts: Vec<_> = (0..n)
            .step_by(chunk as usize)
            .map(|start| {
                s.spawn(move || {
                    (start..(start + chunk).min(n))
                        .filter_map(f)
                        .collect::<Vec<T>>()
                })
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|p| match p.join() {
                Ok(items) => items,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

/// Runs the match: every fitting home, ranked, the requested page, and what to relax
/// when nothing fits. The homes are evaluated on every core.
pub fn run(atlas: &Atlas, matrix: &TravelMatrix, req: &Request<'_>) -> Outcome {
    let ctx = Ctx::new(atlas, matrix, req);
    let mut fitting: Vec<Item> = par_homes(atlas.len() as u32, |h| ctx.evaluate(h));
    fitting.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(atlas.place(a.home).id.cmp(&atlas.place(b.home).id))
    });
    let fitting = diversify(fitting);
    let total = fitting.len();
    let relaxations = if total == 0 {
        relaxations(&ctx)
    } else {
        Vec::new()
    };
    let per_page = req.wishes.per_page.max(1) as usize;
    let skip = (req.wishes.page.max(1) as usize - 1) * per_page;
    let items = fitting
        .into_iter()
        .skip(skip)
        .take(per_page)
        .map(|mut item| {
            item.needs = ctx.needs_met(item.home);
            item
        })
        .collect();
    Outcome {
        total,
        items,
        relaxations,
    }
}

/// Moves homes whose first person's best job already heads [`MAX_HOMES_PER_JOB`] higher
/// ranked homes behind the others, keeping the order within both groups.
fn diversify(ranked: Vec<Item>) -> Vec<Item> {
    let mut seen: std::collections::HashMap<i64, usize> = Default::default();
    let (mut kept, mut moved) = (Vec::new(), Vec::new());
    for item in ranked {
        let key = item.jobs.iter().find(|j| j.person == 0).map(|j| j.job.id);
        let n = key.map(|k| {
            let n = seen.entry(k).or_default();
            *n += 1;
            *n
        });
        if n.is_some_and(|n| n > MAX_HOMES_PER_JOB) {
            moved.push(item);
        } else {
            kept.push(item);
        }
    }
    kept.extend(moved);
    kept
}
