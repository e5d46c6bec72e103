//! When no home fits: which single constraint, relaxed, would let homes through, and by
//! how much ("No Kita within 10 minutes of a home that fits otherwise; the nearest is 14
//! minutes away, in Schleife").
//!
//! The method is leave-one-out: for each hard constraint, the homes that pass every
//! other constraint but fail this one; if there are any, the constraint is reported with
//! the smallest change that admits one of them. When no single constraint would help,
//! every constraint is reported with how many homes it rules out.

use crate::engine::{need_facility, need_minutes, par_homes, Check, Ctx};
use bleibe_domain::living::wishes::{Need, MAX_COMMUTE_MINUTES};
use bleibe_domain::living::{Mode, Settlement};

/// What to relax, with the figures that say why.
#[derive(Debug, Clone, PartialEq)]
pub enum Relaxation {
    /// No open job matches this person's query anywhere.
    NoJobs {
        /// Index of the person.
        person: usize,
    },
    /// No matching job within the person's commute from a home that fits otherwise.
    Commute {
        /// Index of the person.
        person: usize,
        /// The nearest matching job from such a home: mode, minutes, the home and the
        /// place of work (atlas indices); `None`: none within [`MAX_COMMUTE_MINUTES`].
        nearest: Option<(Mode, f64, u32, u32)>,
    },
    /// The children's need is not met near any home that fits otherwise.
    Need {
        /// The need.
        need: Need,
        /// The limit in minutes.
        limit: f64,
        /// The household's main mode.
        mode: Mode,
        /// The nearest: minutes, the facility's place and the home; `None`: none known
        /// within an hour.
        nearest: Option<(f64, u32, u32)>,
    },
    /// No home that fits otherwise is within the housing budget.
    Housing {
        /// The cheapest such home: its cost and the home; `None`: no rent or land price
        /// is known for any of them.
        cheapest: Option<(f64, u32)>,
        /// The budget given.
        budget: f64,
    },
    /// Homes of another size fit otherwise.
    Settlement {
        /// How many.
        homes: usize,
        /// The most common size among them.
        kind: Settlement,
    },
    /// No home that fits otherwise is close enough to the place to stay close to.
    StayClose {
        /// The nearest such home: minutes and the home.
        nearest: Option<(f64, u32)>,
    },
    /// A constraint that rules out homes, when no single one would help.
    RulesOut {
        /// The constraint.
        check: Check,
        /// How many homes fail it.
        homes: usize,
    },
}

impl Relaxation {
    /// The wishes' field to change, in dotted form.
    pub fn constraint(&self) -> String {
        match self {
            Relaxation::NoJobs { person } => format!("persons[{person}].query"),
            Relaxation::Commute { person, .. } => format!("persons[{person}].max_commute"),
            Relaxation::Need { .. } => "children_ages".into(),
            Relaxation::Housing { .. } => "housing".into(),
            Relaxation::Settlement { .. } => "settlement".into(),
            Relaxation::StayClose { .. } => "stay_close_to.max_minutes".into(),
            Relaxation::RulesOut { check, .. } => check_field(*check),
        }
    }
}

/// The wishes' field behind a check.
pub fn check_field(check: Check) -> String {
    match check {
        Check::Settlement => "settlement".into(),
        Check::Housing => "housing".into(),
        Check::StayClose => "stay_close_to.max_minutes".into(),
        Check::Need(_) => "children_ages".into(),
        Check::Commute(p) => format!("persons[{p}].max_commute"),
    }
}

/// How far to look for the nearest facility when explaining, minutes.
const NEED_SEARCH_MINUTES: f64 = 60.0;

pub(crate) fn relaxations(ctx: &Ctx<'_>) -> Vec<Relaxation> {
    let no_jobs: Vec<Relaxation> = (0..ctx.persons.len())
        .filter(|&p| ctx.persons[p].places.is_empty())
        .map(|person| Relaxation::NoJobs { person })
        .collect();
    if !no_jobs.is_empty() {
        return no_jobs;
    }
    // Every check of every home, evaluated in full.
    let homes: Vec<(u32, Vec<(Check, bool)>)> = (0..ctx.atlas.len() as u32)
        .map(|h| {
            let checks = ctx.checks(h);
            (
                h,
                checks.into_iter().map(|c| (c, ctx.passes(h, c))).collect(),
            )
        })
        .collect();
    let mut kinds: Vec<Check> = Vec::new();
    for (_, checks) in &homes {
        for (c, _) in checks {
            if !kinds.contains(c) {
                kinds.push(*c);
            }
        }
    }
    let mut out = Vec::new();
    for &check in &kinds {
        // Homes that fail only this check.
        let only: Vec<u32> = homes
            .iter()
            .filter(|(_, cs)| {
                cs.iter().all(|(c, ok)| *ok || *c == check)
                    && cs.iter().any(|(c, ok)| *c == check && !ok)
            })
            .map(|(h, _)| *h)
            .collect();
        if only.is_empty() {
            continue;
        }
        out.push(explain(ctx, check, &only));
    }
    if out.is_empty() {
        for check in kinds {
            let failing = homes
                .iter()
                .filter(|(_, cs)| cs.iter().any(|(c, ok)| *c == check && !ok))
                .count();
            if failing > 0 {
                out.push(Relaxation::RulesOut {
                    check,
                    homes: failing,
                });
            }
        }
    }
    out
}

fn explain(ctx: &Ctx<'_>, check: Check, homes: &[u32]) -> Relaxation {
    match check {
        Check::Commute(person) => Relaxation::Commute {
            person,
            nearest: nearest_job(ctx, person, homes),
        },
        Check::Need(need) => {
            let limit = need_minutes(need);
            let nearest = par_homes(homes.len() as u32, |k| {
                let h = homes[k as usize];
                ctx.nearest(h, need_facility(need), NEED_SEARCH_MINUTES)
                    .map(|(at, t)| (t.minutes, at, h))
            })
            .into_iter()
            .min_by(|a, b| a.0.total_cmp(&b.0).then(a.2.cmp(&b.2)));
            Relaxation::Need {
                need,
                limit,
                mode: ctx.main_mode,
                nearest,
            }
        }
        Check::Housing => {
            let budget = homes
                .first()
                .and_then(|&h| ctx.housing_cost(h))
                .map_or(0.0, |c| c.1);
            let cheapest = homes
                .iter()
                .filter_map(|&h| ctx.housing_cost(h).and_then(|c| c.0).map(|c| (c, h)))
                .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            Relaxation::Housing { cheapest, budget }
        }
        Check::Settlement => {
            let mut counts: Vec<(Settlement, usize)> = Vec::new();
            for &h in homes {
                let Some(kind) = Settlement::of(ctx.atlas.place(h).population) else {
                    continue;
                };
                match counts.iter_mut().find(|(k, _)| *k == kind) {
                    Some(c) => c.1 += 1,
                    None => counts.push((kind, 1)),
                }
            }
            counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            Relaxation::Settlement {
                homes: homes.len(),
                kind: counts.first().map_or(Settlement::Any, |c| c.0),
            }
        }
        Check::StayClose => Relaxation::StayClose {
            nearest: homes
                .iter()
                .filter_map(|&h| ctx.stay_close_time(h).map(|t| (t.minutes, h)))
                .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1))),
        },
    }
}

/// The smallest increase of a commute limit that reaches a matching job from one of
/// `homes`: every limit is raised by the same minutes, step by step (5, 10, 20, 40, 80,
/// then up to the maximum); the first step that finds a job gives the answer, and since
/// nothing was found one step before, its smallest excess is the smallest there is.
fn nearest_job(ctx: &Ctx<'_>, person: usize, homes: &[u32]) -> Option<(Mode, f64, u32, u32)> {
    let limits = &ctx.persons[person].limits;
    for extra in [5.0, 10.0, 20.0, 40.0, 80.0, f64::from(MAX_COMMUTE_MINUTES)] {
        let found = par_homes(homes.len() as u32, |k| {
            let h = homes[k as usize];
            ctx.reach(h, person, extra)
                .into_iter()
                .map(|r| {
                    let limit = limits.iter().find(|l| l.0 == r.mode).map_or(0.0, |l| l.1);
                    (r.time.minutes - limit, h, r.mode, r.time.minutes, r.place)
                })
                .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)))
        });
        let best = found
            .into_iter()
            .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        if let Some((_, home, mode, minutes, place)) = best {
            return Some((mode, minutes, home, place));
        }
    }
    None
}
