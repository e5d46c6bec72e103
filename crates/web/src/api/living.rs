//! `POST /api/v1/match`: "Leben & Arbeiten" — where a household could live, with the
//! jobs each person reaches from there, the commute with its provenance, a scored
//! breakdown in plain words, and what to relax when nothing fits.

use super::dto::JobItemDto;
use super::write::json_body;
use crate::i18n::{Lang, Tr};
use crate::living::{self, Found};
use crate::policy::Caller;
use crate::problem::AppError;
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::State;
use axum::Json;
use bleibe_domain::living::{Mode, Settlement, TimeSource, Wishes};
use bleibe_domain::policy::Action;
use serde::Serialize;
use utoipa::ToSchema;

/// A place, briefly.
#[derive(Serialize, ToSchema)]
pub struct MatchPlaceDto {
    /// GeoNames id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
}

/// A home that fits.
#[derive(Serialize, ToSchema)]
pub struct HomeDto {
    /// GeoNames id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Inhabitants, if known.
    pub population: Option<u32>,
    /// The kind of place by size; absent when the population is unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settlement: Option<Settlement>,
    /// Whether the place's profile holds generated demo values.
    pub demo_data: bool,
}

/// A job offered to one person.
#[derive(Serialize, ToSchema)]
pub struct MatchJobDto {
    /// Index of the person in `persons`.
    pub person: usize,
    /// The job, as in `/api/v1/jobs`.
    pub job: JobItemDto,
}

/// A person's commute to their best job, by one mode.
#[derive(Serialize, ToSchema)]
pub struct CommuteDto {
    /// Index of the person.
    pub person: usize,
    /// `car`, `transit` or `bike`.
    pub mode: Mode,
    /// Minutes, one way.
    pub minutes: f64,
    /// `estimated`, `road` or `transit`.
    pub source: TimeSource,
    /// The place of work.
    pub to: MatchPlaceDto,
}

/// Where a child's need is met.
#[derive(Serialize, ToSchema)]
pub struct NeedDto {
    /// `kita`, `primary_school` or `secondary_school`.
    pub need: &'static str,
    /// Where.
    pub place: MatchPlaceDto,
    /// Minutes from home (by the household's main mode).
    pub minutes: f64,
    /// Provenance of the minutes.
    pub source: TimeSource,
}

/// One part of the score.
#[derive(Serialize, ToSchema)]
pub struct FactorDto {
    /// `job_fit`, `commute`, `housing`, `nature`, `culture`, `sports`, `health_care`,
    /// `rail_link`.
    pub factor: &'static str,
    /// The person it is about (job fit, commute).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<usize>,
    /// 0 to 1.
    pub value: f64,
    /// Its weight.
    pub weight: f64,
    /// Its share of the score: value × weight ÷ the sum of the weights.
    pub contribution: f64,
    /// Why, in plain words (the request's language).
    pub explanation: String,
}

/// A home with its jobs, commutes and score.
#[derive(Serialize, ToSchema)]
pub struct MatchItemDto {
    /// The home.
    pub home: HomeDto,
    /// Up to three jobs per person.
    pub jobs: Vec<MatchJobDto>,
    /// Per person the commute to their best job, by each mode they accept that makes it.
    pub commute: Vec<CommuteDto>,
    /// Where each need of the children is met.
    pub needs: Vec<NeedDto>,
    /// Monthly warm rent, or the price of the building plot, when housing was asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub housing_cost_eur: Option<f64>,
    /// 0 to 1: the sum of the contributions.
    pub score: f64,
    /// The parts of the score.
    pub breakdown: Vec<FactorDto>,
}

/// What to change when nothing fits.
#[derive(Serialize, ToSchema)]
pub struct RelaxationDto {
    /// The field of the wishes, e.g. `persons[0].max_commute` or `children_ages`.
    pub constraint: String,
    /// Why nothing fits, with figures.
    pub explanation: String,
    /// What to change.
    pub suggestion: String,
}

/// The answer to a household's wishes.
#[derive(Serialize, ToSchema)]
pub struct MatchResponse {
    /// How many homes fit.
    pub total: usize,
    /// Page.
    pub page: u32,
    /// Results per page.
    pub per_page: u32,
    /// The homes of this page, best first.
    pub items: Vec<MatchItemDto>,
    /// Filled when nothing fits.
    pub relaxations: Vec<RelaxationDto>,
}

fn round(x: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    (x * f).round() / f
}

impl MatchResponse {
    /// The response for a match.
    pub fn new(found: &Found, tr: &Tr) -> Self {
        let atlas = &found.loaded.atlas;
        let place = |i: u32| MatchPlaceDto {
            id: atlas.place(i).id,
            name: atlas.place(i).name.clone(),
            lat: atlas.place(i).lat,
            lon: atlas.place(i).lon,
        };
        let items = found
            .outcome
            .items
            .iter()
            .map(|item| {
                let p = atlas.place(item.home);
                MatchItemDto {
                    home: HomeDto {
                        id: p.id,
                        name: p.name.clone(),
                        lat: p.lat,
                        lon: p.lon,
                        population: p.population,
                        settlement: Settlement::of(p.population),
                        demo_data: atlas.facts(item.home).demo,
                    },
                    jobs: item
                        .jobs
                        .iter()
                        .filter_map(|j| {
                            found.jobs.get(&j.job.id).map(|job| MatchJobDto {
                                person: j.person,
                                job: JobItemDto::new(tr, job, None),
                            })
                        })
                        .collect(),
                    commute: item
                        .commute
                        .iter()
                        .map(|c| CommuteDto {
                            person: c.person,
                            mode: c.mode,
                            minutes: round(c.time.minutes, 1),
                            source: c.time.source,
                            to: place(c.to),
                        })
                        .collect(),
                    needs: item
                        .needs
                        .iter()
                        .map(|n| NeedDto {
                            need: n.need.as_str(),
                            place: place(n.at),
                            minutes: round(n.time.minutes, 1),
                            source: n.time.source,
                        })
                        .collect(),
                    housing_cost_eur: item.housing_cost.map(|c| round(c, 0)),
                    score: round(item.score, 4),
                    breakdown: item
                        .breakdown
                        .iter()
                        .map(|f| FactorDto {
                            factor: f.kind.as_str(),
                            person: f.person,
                            value: round(f.value, 4),
                            weight: f.weight,
                            contribution: round(f.contribution, 4),
                            explanation: found.explain(tr, item, f),
                        })
                        .collect(),
                }
            })
            .collect();
        let relaxations = found
            .outcome
            .relaxations
            .iter()
            .map(|r| {
                let (explanation, suggestion) = found.relaxation_text(tr, r);
                RelaxationDto {
                    constraint: r.constraint(),
                    explanation,
                    suggestion,
                }
            })
            .collect();
        MatchResponse {
            total: found.outcome.total,
            page: found.wishes.page,
            per_page: found.wishes.per_page,
            items,
            relaxations,
        }
    }
}

/// Where could we live and work?
///
/// Takes a household's wishes — one or two persons with what they look for and their
/// longest commute per mode, the children's ages, housing, the kind of place, weighted
/// preferences, a place to stay close to — and answers every place that meets every
/// hard constraint, best first, with the jobs each person reaches from there and the
/// travel times with their provenance (`estimated`, `road`, `transit`). When nothing
/// fits, `relaxations` says which wish to change and by how much. Hard constraints are
/// never violated; missing data (an unknown rent, no known Kita) never counts as met.
#[utoipa::path(
    post,
    path = "/api/v1/match",
    tag = "living",
    request_body = Wishes,
    responses(
        (status = 200, description = "The homes that fit, or what to relax", body = MatchResponse),
        (status = 400, description = "A wish is invalid: the problem names the field (e.g. persons[0].max_commute.car)", content_type = "application/problem+json")
    )
)]
pub(super) async fn match_household(
    State(state): State<AppState>,
    caller: Caller,
    lang: Lang,
    body: Bytes,
) -> Result<Json<MatchResponse>, AppError> {
    caller.authorize(Action::SearchJobs)?;
    let wishes: Wishes = json_body(&body)?;
    let found = living::find(&state, wishes).await?;
    Ok(Json(MatchResponse::new(&found, &lang.tr())))
}
