//! "Leben & Arbeiten" for the API and the pages: the atlas and travel-time matrix held in
//! memory (built from the store on first use, rebuilt after a profile or travel-time
//! change), running a household's wishes through the search index and the matching
//! engine, and saying in plain words why each home fits and what to relax.

use crate::i18n::Tr;
use crate::problem::AppError;
use crate::search::today;
use crate::state::AppState;
use bleibe_domain::living::wishes::{Need, PLOT_SQM};
use bleibe_domain::living::PersonWish;
use bleibe_domain::living::{Mode, PlaceProfile, ProfileKey, Settlement, TimeSource, Wishes};
use bleibe_domain::Job;
use bleibe_matching::{
    Atlas, Facility, FactorKind, Facts, Item, JobHit, JobPlace, Outcome, PersonJobs, Relaxation,
    Request, TravelMatrix,
};
use bleibe_search::{FacetSet, JobIndex, JobQuery, SearchError};
use bleibe_store::Store;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// The atlas and the matrix, as loaded.
pub struct Loaded {
    /// Places and what they offer.
    pub atlas: Atlas,
    /// Travel times.
    pub matrix: TravelMatrix,
}

/// How long loaded data is used before it is loaded again: imports (`bleibe import
/// roads|gtfs|osm-pois|place-profiles`) and profile edits on other instances reach this
/// one within this time. Edits through this instance are seen at once.
pub const RELOAD_AFTER: Duration = Duration::from_secs(300);

/// The in-memory data of "Leben & Arbeiten", loaded on first use.
#[derive(Default)]
pub struct Living {
    loaded: RwLock<Option<(Arc<Loaded>, Instant)>>,
}

impl Living {
    /// The loaded data, loading it from the store first if needed (or if older than
    /// [`RELOAD_AFTER`]).
    pub async fn get(&self, store: &dyn Store) -> Result<Arc<Loaded>, AppError> {
        if let Some((l, at)) = self.loaded.read().map_err(AppError::internal)?.as_ref() {
            if at.elapsed() < RELOAD_AFTER {
                return Ok(l.clone());
            }
        }
        let started = Instant::now();
        let loaded = Arc::new(load(store).await?);
        tracing::info!(
            places = loaded.atlas.len(),
            ms = started.elapsed().as_millis() as u64,
            "Leben & Arbeiten: places, profiles and travel times loaded"
        );
        *self.loaded.write().map_err(AppError::internal)? = Some((loaded.clone(), Instant::now()));
        Ok(loaded)
    }

    /// Forgets the loaded data: the next request loads it again (after a place profile
    /// or the travel times changed).
    pub fn invalidate(&self) {
        if let Ok(mut l) = self.loaded.write() {
            *l = None;
        }
    }
}

/// Loads places, profiles and the cached travel times.
pub async fn load(store: &dyn Store) -> Result<Loaded, AppError> {
    let places = store.places().await?;
    let facts = store
        .all_place_profiles()
        .await?
        .iter()
        .map(|(id, p)| (*id, facts_of(p)))
        .collect();
    let atlas = Atlas::new(&places, facts);
    let mut matrix = TravelMatrix::estimated(&atlas);
    for mode in [Mode::Car, Mode::Transit, Mode::Bike] {
        let rows = store.travel_times(mode).await?;
        for source in [TimeSource::Road, TimeSource::Transit] {
            let pairs: Vec<(i64, i64, f64)> = rows
                .iter()
                .filter(|(_, s)| *s == source)
                .map(|(r, _)| (r.origin_id, r.destination_id, r.minutes))
                .collect();
            if !pairs.is_empty() {
                let n = matrix.add_routed(&atlas, mode, source, pairs);
                tracing::info!(
                    mode = mode.as_str(),
                    source = source.as_str(),
                    pairs = n,
                    "travel times loaded"
                );
            }
        }
    }
    Ok(Loaded { atlas, matrix })
}

/// The engine's facts from a place profile.
pub fn facts_of(p: &PlaceProfile) -> Facts {
    let mut f = Facts::default();
    for (facility, key) in [
        (Facility::Kita, ProfileKey::Kita),
        (Facility::PrimarySchool, ProfileKey::PrimarySchool),
        (Facility::SecondarySchool, ProfileKey::SecondarySchool),
        (Facility::Gp, ProfileKey::Gp),
        (Facility::Paediatrician, ProfileKey::Paediatrician),
        (Facility::RailStation, ProfileKey::RailStation),
        (Facility::Sport, ProfileKey::OffersSport),
        (Facility::Culture, ProfileKey::OffersCulture),
        (Facility::Recreation, ProfileKey::OffersRecreation),
    ] {
        if let Some(n) = p.number(key) {
            f.set(facility, n);
        }
    }
    f.rent_eur_m2 = p.number(ProfileKey::MedianRentEurM2);
    f.land_eur_m2 = p.number(ProfileKey::BuildingLandEurM2);
    f.demo = p.values.values().any(|v| v.demo);
    f
}

/// A match with everything needed to show it.
pub struct Found {
    /// The validated wishes.
    pub wishes: Wishes,
    /// The engine's answer.
    pub outcome: Outcome,
    /// The jobs named in the page's items, by id.
    pub jobs: HashMap<i64, Job>,
    /// The atlas and matrix it ran on.
    pub loaded: Arc<Loaded>,
    /// The place to stay close to, resolved.
    pub stay_close: Option<u32>,
}

/// Validates the wishes (a 400 names the field), finds each person's jobs by place,
/// and runs the engine.
pub async fn find(state: &AppState, wishes: Wishes) -> Result<Found, AppError> {
    let wishes = wishes.validate().map_err(|e| AppError::invalid(&e))?;
    let loaded = state.living.get(state.store.as_ref()).await?;
    let stay_close = match &wishes.stay_close_to {
        None => None,
        Some(s) => Some(
            resolve_place(state, &loaded.atlas, &s.place).ok_or_else(|| {
                AppError::bad_param(
                    "stay_close_to.place",
                    "living-error-unknown-place",
                    &[("place", s.place.clone())],
                )
            })?,
        ),
    };
    let mut persons = Vec::with_capacity(wishes.persons.len());
    for p in &wishes.persons {
        persons.push(person_jobs(&state.index, p, today())?);
    }
    let run_loaded = loaded.clone();
    let run_wishes = wishes.clone();
    // The engine is CPU work of some milliseconds: off the async workers.
    let outcome = tokio::task::spawn_blocking(move || {
        let req = Request {
            wishes: &run_wishes,
            persons,
            stay_close,
        };
        bleibe_matching::run(&run_loaded.atlas, &run_loaded.matrix, &req)
    })
    .await
    .map_err(AppError::internal)?;
    let ids: Vec<i64> = outcome
        .items
        .iter()
        .flat_map(|i| i.jobs.iter().map(|j| j.job.id))
        .collect();
    let jobs = state
        .store
        .jobs_by_ids(&ids)
        .await?
        .into_iter()
        .map(|j| (j.id, j))
        .collect();
    Ok(Found {
        wishes,
        outcome,
        jobs,
        loaded,
        stay_close,
    })
}

/// The open jobs that match one person's query, by place (the best of each place):
/// what the engine pairs homes with.
pub fn person_jobs(
    index: &JobIndex,
    wish: &PersonWish,
    today: NaiveDate,
) -> Result<PersonJobs, SearchError> {
    let q = JobQuery {
        text: wish.query.clone(),
        occupations: wish.occupation.iter().cloned().collect(),
        facets: FacetSet::NONE,
        limit: 0,
        per_place: 1,
        ..JobQuery::default()
    };
    let r = index.search(&q, today)?;
    Ok(PersonJobs {
        places: r
            .by_place
            .into_iter()
            .map(|p| JobPlace {
                place_id: p.place_id,
                total: p.total,
                best: p
                    .hits
                    .into_iter()
                    .map(|h| JobHit {
                        id: h.id,
                        score: h.score,
                    })
                    .collect(),
            })
            .collect(),
    })
}

/// A place by GeoNames id or by name (the best match of the gazetteer).
fn resolve_place(state: &AppState, atlas: &Atlas, name: &str) -> Option<u32> {
    let id = match name.parse::<i64>() {
        Ok(id) => id,
        Err(_) => state.gazetteer.search(name, 1).first()?.id,
    };
    atlas.index_of(id)
}

/// The translated name of a mode ("mit dem Auto").
pub fn mode_label(tr: &Tr, mode: Mode) -> String {
    tr.t(&format!("living-mode-{}", mode.as_str()))
}

/// The translated provenance of a time ("geschätzt").
pub fn source_label(tr: &Tr, source: TimeSource) -> String {
    tr.t(&format!("living-source-{}", source.as_str()))
}

fn need_label(tr: &Tr, need: Need) -> String {
    tr.t(&format!("living-need-{}", need.as_str()))
}

/// The translated kind of place ("Dorf").
pub fn settlement_label(tr: &Tr, s: Settlement) -> String {
    tr.t(&format!("living-settlement-{}", s.as_str()))
}

fn whole(x: f64) -> String {
    format!("{}", x.round() as i64)
}

impl Found {
    fn name(&self, i: u32) -> String {
        self.loaded.atlas.place(i).name.clone()
    }

    /// The person's label: "Person 1".
    pub fn person_label(&self, tr: &Tr, p: usize) -> String {
        tr.t1("living-person", "n", p + 1)
    }

    /// Why one part of the score has its value, in plain words.
    pub fn explain(&self, tr: &Tr, item: &Item, f: &bleibe_matching::Factor) -> String {
        let facts = self.loaded.atlas.facts(item.home);
        let who = f
            .person
            .map(|p| self.person_label(tr, p))
            .unwrap_or_default();
        let figure = f.figure.map(whole).unwrap_or_default();
        match f.kind {
            FactorKind::JobFit => {
                let job = item
                    .jobs
                    .iter()
                    .find(|j| Some(j.person) == f.person)
                    .and_then(|j| self.jobs.get(&j.job.id).map(|job| (job, j.place)));
                match job {
                    Some((job, place)) => tr.ta(
                        "living-why-job",
                        &[
                            ("person", who),
                            ("title", job.data.title.clone()),
                            ("employer", job.employer.name.clone()),
                            ("place", self.name(place)),
                            ("percent", whole(f.value * 100.0)),
                        ],
                    ),
                    None => who,
                }
            }
            FactorKind::Commute => {
                let c = item
                    .commute
                    .iter()
                    .filter(|c| Some(c.person) == f.person)
                    .min_by(|a, b| a.time.minutes.total_cmp(&b.time.minutes));
                match c {
                    Some(c) => tr.ta(
                        "living-why-commute",
                        &[
                            ("person", who),
                            ("minutes", whole(c.time.minutes)),
                            ("mode", mode_label(tr, c.mode)),
                            ("place", self.name(c.to)),
                            ("source", source_label(tr, c.time.source)),
                        ],
                    ),
                    None => who,
                }
            }
            FactorKind::Housing => {
                let cost = item.housing_cost.map(whole).unwrap_or_default();
                let h = self.wishes.housing.clone().unwrap_or_default();
                match h.rooms {
                    Some(rooms) => tr.ta(
                        "living-why-rent",
                        &[
                            ("cost", cost),
                            ("rooms", rooms.to_string()),
                            ("left", figure),
                            (
                                "rent",
                                facts
                                    .rent_eur_m2
                                    .map(|r| format!("{r:.2}"))
                                    .unwrap_or_default(),
                            ),
                        ],
                    ),
                    None => tr.ta(
                        "living-why-plot",
                        &[("cost", cost), ("sqm", whole(PLOT_SQM)), ("left", figure)],
                    ),
                }
            }
            FactorKind::Nature => {
                let kind = match Settlement::of(self.loaded.atlas.place(item.home).population) {
                    Some(s) => settlement_label(tr, s),
                    None => tr.t("living-settlement-unknown"),
                };
                match f.figure {
                    Some(n) => tr.ta("living-why-nature", &[("kind", kind), ("n", whole(n))]),
                    None => tr.t1("living-why-nature-size", "kind", kind),
                }
            }
            kind => {
                let key = match kind {
                    FactorKind::Culture => "living-why-culture",
                    FactorKind::Sports => "living-why-sports",
                    FactorKind::HealthCare => "living-why-health",
                    _ => "living-why-rail",
                };
                match f.figure {
                    Some(n) => tr.t1(key, "n", whole(n)),
                    None => tr.t("living-why-no-data"),
                }
            }
        }
    }

    /// Where each need is met, in plain words.
    pub fn needs_text(&self, tr: &Tr, item: &Item) -> Vec<String> {
        item.needs
            .iter()
            .map(|n| {
                if n.at == item.home {
                    tr.t1("living-need-here", "need", need_label(tr, n.need))
                } else {
                    tr.ta(
                        "living-need-near",
                        &[
                            ("need", need_label(tr, n.need)),
                            ("place", self.name(n.at)),
                            ("minutes", whole(n.time.minutes)),
                            ("source", source_label(tr, n.time.source)),
                        ],
                    )
                }
            })
            .collect()
    }

    /// What a relaxation says: why nothing fits, and what to change.
    pub fn relaxation_text(&self, tr: &Tr, r: &Relaxation) -> (String, String) {
        match r {
            Relaxation::NoJobs { person } => {
                let w = &self.wishes.persons[*person];
                let what = w
                    .query
                    .clone()
                    .or_else(|| w.occupation.clone())
                    .unwrap_or_default();
                (
                    tr.ta(
                        "living-relax-no-jobs",
                        &[("person", self.person_label(tr, *person)), ("query", what)],
                    ),
                    tr.t("living-relax-no-jobs-do"),
                )
            }
            Relaxation::Commute { person, nearest } => {
                let who = self.person_label(tr, *person);
                match nearest {
                    Some((mode, minutes, home, work)) => (
                        tr.ta(
                            "living-relax-commute",
                            &[
                                ("person", who),
                                ("minutes", whole(minutes.ceil())),
                                ("mode", mode_label(tr, *mode)),
                                ("home", self.name(*home)),
                                ("work", self.name(*work)),
                            ],
                        ),
                        tr.ta(
                            "living-relax-commute-do",
                            &[
                                (
                                    "field",
                                    format!("persons[{person}].max_commute.{}", mode.as_str()),
                                ),
                                ("minutes", whole(minutes.ceil())),
                            ],
                        ),
                    ),
                    None => (
                        tr.t1("living-relax-commute-none", "person", who),
                        tr.t("living-relax-no-jobs-do"),
                    ),
                }
            }
            Relaxation::Need {
                need,
                limit,
                mode,
                nearest,
            } => match nearest {
                Some((minutes, at, home)) => (
                    tr.ta(
                        "living-relax-need",
                        &[
                            ("need", need_label(tr, *need)),
                            ("limit", whole(*limit)),
                            ("minutes", whole(minutes.ceil())),
                            ("place", self.name(*at)),
                            ("home", self.name(*home)),
                            ("mode", mode_label(tr, *mode)),
                        ],
                    ),
                    tr.t1("living-relax-need-do", "home", self.name(*home)),
                ),
                None => (
                    tr.ta(
                        "living-relax-need-none",
                        &[("need", need_label(tr, *need)), ("limit", whole(*limit))],
                    ),
                    tr.t("living-relax-need-none-do"),
                ),
            },
            Relaxation::Housing { cheapest, budget } => match cheapest {
                Some((cost, home)) => (
                    tr.ta(
                        "living-relax-housing",
                        &[
                            ("home", self.name(*home)),
                            ("cost", whole(*cost)),
                            ("budget", whole(*budget)),
                        ],
                    ),
                    tr.t1("living-relax-housing-do", "cost", whole(cost.ceil())),
                ),
                None => (
                    tr.t("living-relax-housing-unknown"),
                    tr.t("living-relax-housing-unknown-do"),
                ),
            },
            Relaxation::Settlement { homes, kind } => (
                tr.ta(
                    "living-relax-settlement",
                    &[
                        ("homes", homes.to_string()),
                        ("kind", settlement_label(tr, *kind)),
                    ],
                ),
                tr.t1(
                    "living-relax-settlement-do",
                    "kind",
                    settlement_label(tr, *kind),
                ),
            ),
            Relaxation::StayClose { nearest } => {
                let place = self.stay_close.map(|i| self.name(i)).unwrap_or_default();
                match nearest {
                    Some((minutes, home)) => (
                        tr.ta(
                            "living-relax-stay",
                            &[
                                ("place", place),
                                ("home", self.name(*home)),
                                ("minutes", whole(minutes.ceil())),
                            ],
                        ),
                        tr.t1("living-relax-stay-do", "minutes", whole(minutes.ceil())),
                    ),
                    None => (
                        tr.t1("living-relax-stay-none", "place", place),
                        tr.t("living-relax-several-do"),
                    ),
                }
            }
            Relaxation::RulesOut { check, homes } => (
                tr.ta(
                    "living-relax-rules-out",
                    &[
                        ("field", bleibe_matching::relax::check_field(*check)),
                        ("homes", homes.to_string()),
                    ],
                ),
                tr.t("living-relax-several-do"),
            ),
        }
    }
}
