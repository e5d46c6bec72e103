//! Tests of the engine on hand-built places with known answers, and a property test over
//! random wishes: every result meets every hard constraint, every home that meets them
//! is a result, and every travel time says where it came from.

use crate::*;
use bleibe_domain::living::wishes::{Housing, MaxCommute, PersonWish, StayClose};
use bleibe_domain::living::{Mode, Settlement, TimeSource, Wishes};
use bleibe_domain::Place;
use proptest::prelude::*;
use std::collections::HashMap;

fn place(id: i64, name: &str, lat: f64, lon: f64, population: u32) -> Place {
    Place {
        id,
        name: name.into(),
        alternate_names: Vec::new(),
        lat,
        lon,
        population: Some(population),
        state_code: "13".into(),
        county: None,
        ags: None,
    }
}

fn person(car: u32) -> PersonWish {
    PersonWish {
        query: Some("Mechatroniker".into()),
        occupation: None,
        max_commute: MaxCommute {
            car: Some(car),
            ..MaxCommute::default()
        },
    }
}

fn wishes(persons: Vec<PersonWish>) -> Wishes {
    Wishes {
        persons,
        page: 1,
        per_page: 50,
        ..Wishes::default()
    }
}

fn jobs_at(places: &[(i64, i64)]) -> PersonJobs {
    PersonJobs {
        places: places
            .iter()
            .map(|&(place_id, job)| JobPlace {
                place_id,
                total: 1,
                best: vec![JobHit {
                    id: job,
                    score: 1.0,
                }],
            })
            .collect(),
    }
}

/// Four places on a line of longitude 14.0, 0.1° of latitude apart (11.1 km): the
/// estimated car time between neighbours is 11.1 × 1.3 / 55 × 60 + 3 ≈ 18.8 minutes.
fn line() -> Vec<Place> {
    vec![
        place(1, "Ahorn", 51.0, 14.0, 800),
        place(2, "Buche", 51.1, 14.0, 12_000),
        place(3, "Castanie", 51.2, 14.0, 1_500),
        place(4, "Dornbusch", 51.3, 14.0, 60_000),
    ]
}

fn homes(outcome: &Outcome, atlas: &Atlas) -> Vec<i64> {
    let mut ids: Vec<i64> = outcome
        .items
        .iter()
        .map(|i| atlas.place(i.home).id)
        .collect();
    ids.sort();
    ids
}

#[test]
fn homes_within_the_commute_of_a_job_fit_and_say_the_time_is_estimated() {
    let atlas = Atlas::new(&line(), HashMap::new());
    let matrix = TravelMatrix::estimated(&atlas);
    let w = wishes(vec![person(20)]);
    let req = Request {
        wishes: &w,
        persons: vec![jobs_at(&[(2, 100)])],
        stay_close: None,
    };
    let out = run(&atlas, &matrix, &req);
    // Buche itself (within the place) and its two neighbours at ~18.8 minutes.
    assert_eq!(homes(&out, &atlas), vec![1, 2, 3]);
    for item in &out.items {
        assert_eq!(item.commute.len(), 1);
        let c = &item.commute[0];
        assert_eq!((c.mode, c.time.source), (Mode::Car, TimeSource::Estimated));
        assert!(c.time.minutes <= 20.0, "{}", c.time.minutes);
        assert_eq!(item.jobs[0].job.id, 100);
    }
    // The home at the job ranks first (shortest commute).
    assert_eq!(atlas.place(out.items[0].home).id, 2);
    // 18 minutes is too short for the neighbours.
    let w = wishes(vec![person(18)]);
    let req = Request { wishes: &w, ..req };
    assert_eq!(homes(&run(&atlas, &matrix, &req), &atlas), vec![2]);
}

#[test]
fn routed_times_replace_estimates_both_ways() {
    let atlas = Atlas::new(&line(), HashMap::new());
    let mut matrix = TravelMatrix::estimated(&atlas);
    // A motorway from Ahorn to Dornbusch (33 km: estimated 50 minutes) in 22 minutes; a
    // river between Ahorn and Buche makes their 19 estimated minutes 31 routed.
    let pairs = [(1, 4, 22.0), (4, 1, 22.0), (1, 2, 31.0), (2, 1, 31.0)];
    assert_eq!(
        matrix.add_routed(&atlas, Mode::Car, TimeSource::Road, pairs),
        4
    );
    let w = wishes(vec![person(25)]);
    let req = Request {
        wishes: &w,
        persons: vec![jobs_at(&[(4, 7)])],
        stay_close: None,
    };
    let out = run(&atlas, &matrix, &req);
    let ahorn = out
        .items
        .iter()
        .find(|i| atlas.place(i.home).id == 1)
        .expect("Ahorn reaches Dornbusch by motorway");
    assert_eq!(ahorn.commute[0].time.source, TimeSource::Road);
    assert_eq!(ahorn.commute[0].time.minutes, 22.0);
    // Castanie is not covered by the router: estimated, 18.8 minutes.
    let castanie = out
        .items
        .iter()
        .find(|i| atlas.place(i.home).id == 3)
        .expect("Castanie");
    assert_eq!(castanie.commute[0].time.source, TimeSource::Estimated);

    // Jobs in Buche: Ahorn is now 31 minutes away (routed), too far for 25.
    let req = Request {
        persons: vec![jobs_at(&[(2, 8)])],
        ..req
    };
    let out = run(&atlas, &matrix, &req);
    assert!(
        !homes(&out, &atlas).contains(&1),
        "{:?}",
        homes(&out, &atlas)
    );
    // Between covered places a missing pair is no connection: Buche to Dornbusch.
    assert_eq!(matrix.time(Mode::Car, 1, 3), None);
    assert_eq!(
        matrix.time(Mode::Car, 0, 2).map(|t| t.source),
        Some(TimeSource::Estimated)
    );
}

#[test]
fn both_persons_need_a_job_and_each_gets_their_own() {
    let atlas = Atlas::new(&line(), HashMap::new());
    let matrix = TravelMatrix::estimated(&atlas);
    let w = wishes(vec![person(20), person(20)]);
    let req = Request {
        wishes: &w,
        persons: vec![jobs_at(&[(1, 10)]), jobs_at(&[(3, 30)])],
        stay_close: None,
    };
    let out = run(&atlas, &matrix, &req);
    // Only Buche lies within 20 minutes of both Ahorn and Castanie.
    assert_eq!(homes(&out, &atlas), vec![2]);
    let jobs: Vec<(usize, i64)> = out.items[0]
        .jobs
        .iter()
        .map(|j| (j.person, j.job.id))
        .collect();
    assert_eq!(jobs, vec![(0, 10), (1, 30)]);
}

fn kita_facts(n: f64) -> Facts {
    let mut f = Facts::default();
    f.set(Facility::Kita, n);
    f
}

#[test]
fn a_missing_kita_is_explained_with_the_nearest_one() {
    let mut places = line();
    places.push(place(5, "Schleife", 51.0, 14.18, 2_600));
    // Schleife lies 12.6 km east of Ahorn: by car about 20.9 minutes.
    let facts = HashMap::from([(5, kita_facts(2.0)), (3, kita_facts(0.0))]);
    let atlas = Atlas::new(&places, facts);
    let matrix = TravelMatrix::estimated(&atlas);
    let mut w = wishes(vec![person(20)]);
    w.children_ages = vec![3];
    w.settlement = Some(Settlement::Village);
    let req = Request {
        wishes: &w,
        persons: vec![jobs_at(&[(1, 10)])],
        stay_close: None,
    };
    let out = run(&atlas, &matrix, &req);
    assert_eq!(out.total, 0);
    // Ahorn is a village with the job, but the nearest Kita is in Schleife.
    let need = out
        .relaxations
        .iter()
        .find(|r| matches!(r, Relaxation::Need { .. }))
        .expect("the Kita is named");
    let Relaxation::Need {
        limit,
        nearest: Some((minutes, at, home)),
        ..
    } = need
    else {
        panic!("{need:?}");
    };
    assert_eq!(*limit, 10.0);
    assert_eq!(atlas.place(*at).name, "Schleife");
    assert_eq!(atlas.place(*home).name, "Ahorn");
    assert!((20.0..22.0).contains(minutes), "{minutes}");
    assert_eq!(need.constraint(), "children_ages");

    // With a Kita in Ahorn the home fits and says where the need is met.
    let facts = HashMap::from([(1, kita_facts(1.0))]);
    let atlas = Atlas::new(&places, facts);
    let out = run(&atlas, &matrix, &req);
    assert_eq!(homes(&out, &atlas), vec![1]);
    assert_eq!(out.items[0].needs[0].at, atlas.index_of(1).expect("Ahorn"));
}

#[test]
fn nothing_fits_names_the_commute_to_raise_and_jobs_that_do_not_exist() {
    let atlas = Atlas::new(&line(), HashMap::new());
    let matrix = TravelMatrix::estimated(&atlas);
    let mut w = wishes(vec![person(15)]);
    w.settlement = Some(Settlement::Village);
    // Jobs only in Dornbusch (a town): the villages Ahorn (33 km) and Castanie (11 km).
    let req = Request {
        wishes: &w,
        persons: vec![jobs_at(&[(4, 1)])],
        stay_close: None,
    };
    let out = run(&atlas, &matrix, &req);
    assert_eq!(out.total, 0);
    let commute = out
        .relaxations
        .iter()
        .find_map(|r| match r {
            Relaxation::Commute { person: 0, nearest } => *nearest,
            _ => None,
        })
        .expect("commute relaxation");
    assert_eq!(atlas.place(commute.2).name, "Castanie");
    assert!((18.0..20.0).contains(&commute.1), "{}", commute.1);

    let req = Request {
        persons: vec![PersonJobs::default()],
        ..req
    };
    let out = run(&atlas, &matrix, &req);
    assert_eq!(out.relaxations, vec![Relaxation::NoJobs { person: 0 }]);
    assert_eq!(out.relaxations[0].constraint(), "persons[0].query");
}

#[test]
fn housing_and_staying_close_are_hard_constraints() {
    let mut facts = HashMap::new();
    for (id, rent) in [(1, 5.0), (2, 9.0), (3, 6.0)] {
        facts.insert(
            id,
            Facts {
                rent_eur_m2: Some(rent),
                ..Facts::default()
            },
        );
    }
    let atlas = Atlas::new(&line(), facts);
    let matrix = TravelMatrix::estimated(&atlas);
    let mut w = wishes(vec![person(60)]);
    // 3 rooms: 75 m² × (rent + 2.8): Ahorn 585, Buche 885, Castanie 660; Dornbusch unknown.
    w.housing = Some(Housing {
        max_warm_rent_eur: Some(700),
        rooms: Some(3),
        max_plot_eur: None,
    });
    let req = Request {
        wishes: &w,
        persons: vec![jobs_at(&[(2, 1)])],
        stay_close: None,
    };
    let out = run(&atlas, &matrix, &req);
    assert_eq!(homes(&out, &atlas), vec![1, 3]);
    let ahorn = out
        .items
        .iter()
        .find(|i| atlas.place(i.home).id == 1)
        .expect("Ahorn");
    assert!((ahorn.housing_cost.expect("cost") - 585.0).abs() < 1e-9);

    let persons = req.persons.clone();
    w.stay_close_to = Some(StayClose {
        place: "Dornbusch".into(),
        max_minutes: 25,
        mode: None,
    });
    let req = Request {
        wishes: &w,
        persons,
        stay_close: atlas.index_of(4),
    };
    assert_eq!(homes(&run(&atlas, &matrix, &req), &atlas), vec![3]);
}

#[test]
fn the_same_best_job_heads_at_most_three_homes_in_a_row() {
    // Ten villages around one job place, all within reach.
    let mut places = vec![place(100, "Mitte", 51.0, 14.0, 30_000)];
    for i in 0..10 {
        let angle = f64::from(i) * 0.6;
        places.push(place(
            i64::from(i) + 1,
            &format!("Dorf {i}"),
            51.0 + 0.05 * angle.sin(),
            14.0 + 0.07 * angle.cos(),
            500,
        ));
    }
    places.push(place(200, "Nord", 51.3, 14.0, 30_000));
    places.push(place(201, "Norddorf", 51.32, 14.0, 400));
    let atlas = Atlas::new(&places, HashMap::new());
    let matrix = TravelMatrix::estimated(&atlas);
    let w = wishes(vec![person(30)]);
    let req = Request {
        wishes: &w,
        persons: vec![jobs_at(&[(100, 1), (200, 2)])],
        stay_close: None,
    };
    let out = run(&atlas, &matrix, &req);
    let best: Vec<i64> = out.items.iter().map(|i| i.jobs[0].job.id).collect();
    let first_other = best.iter().position(|&j| j == 2).expect("job 2 appears");
    assert!(
        first_other <= 3,
        "job 2 comes within the first four: {best:?}"
    );
    assert_eq!(out.total, out.items.len());
}

// ---- property test ----

fn arb_place(id: i64) -> impl Strategy<Value = (Place, Facts)> {
    (
        51.0..51.4f64,
        14.0..14.5f64,
        0u32..150_000,
        prop::option::of(0.0..3.0f64),
        prop::option::of(0.0..3.0f64),
        prop::option::of(4.0..12.0f64),
    )
        .prop_map(move |(lat, lon, pop, kita, school, rent)| {
            let mut facts = Facts::default();
            if let Some(k) = kita {
                facts.set(Facility::Kita, k.floor());
            }
            if let Some(s) = school {
                facts.set(Facility::PrimarySchool, s.floor());
                facts.set(Facility::SecondarySchool, s.floor());
            }
            facts.rent_eur_m2 = rent;
            (place(id, &format!("P{id}"), lat, lon, pop), facts)
        })
}

fn arb_limits() -> impl Strategy<Value = MaxCommute> {
    (
        prop::option::of(5u32..60),
        prop::option::of(10u32..90),
        prop::option::of(5u32..40),
    )
        .prop_filter("one mode", |(c, t, b)| {
            c.is_some() || t.is_some() || b.is_some()
        })
        .prop_map(|(car, transit, bike)| MaxCommute { car, transit, bike })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn results_meet_every_hard_constraint_and_miss_no_home(
        places in (10usize..40).prop_flat_map(|n| (0..n as i64).map(|i| arb_place(i + 1)).collect::<Vec<_>>()),
        routed in prop::collection::vec((0usize..40, 0usize..40, 1.0..80.0f64), 0..120),
        job_places in prop::collection::vec((0usize..40, 0.1..10.0f32), 1..10),
        limits in prop::collection::vec(arb_limits(), 1..3),
        children in prop::collection::vec(0u8..18, 0..2),
        budget in prop::option::weighted(0.3, 400u32..1500),
        // "any" half of the time, so that most cases have homes to check.
        settlement in prop_oneof![Just(4usize), 0usize..5],
        stay in prop::option::of((0usize..40, 5u32..60)),
    ) {
        let n = places.len();
        let (plain, facts): (Vec<Place>, Vec<Facts>) = places.into_iter().unzip();
        let facts: HashMap<i64, Facts> = plain.iter().map(|p| p.id).zip(facts).collect();
        let atlas = Atlas::new(&plain, facts);
        let mut matrix = TravelMatrix::estimated(&atlas);
        let road: Vec<(i64, i64, f64)> = routed.iter()
            .filter(|(a, b, _)| *a < n && *b < n)
            .map(|&(a, b, m)| (plain[a].id, plain[b].id, m))
            .collect();
        matrix.add_routed(&atlas, Mode::Car, TimeSource::Road, road);
        let persons: Vec<PersonJobs> = limits.iter().enumerate().map(|(p, _)| PersonJobs {
            places: job_places.iter().enumerate()
                .filter(|(k, (i, _))| *i < n && (p == 0 || (k + p) % 2 == 0))
                .map(|(k, &(i, score))| JobPlace {
                    place_id: plain[i].id,
                    total: 1,
                    best: vec![JobHit { id: k as i64 + 1, score }],
                })
                .collect(),
        }).collect();
        let mut w = wishes(limits.iter().map(|l| PersonWish {
            query: Some("x".into()),
            occupation: None,
            max_commute: l.clone(),
        }).collect());
        w.children_ages = children;
        w.housing = budget.map(|b| Housing { max_warm_rent_eur: Some(b), rooms: Some(3), max_plot_eur: None });
        w.settlement = Some(Settlement::ALL[settlement]);
        let stay_close = stay.filter(|(i, _)| *i < n).map(|(i, minutes)| {
            w.stay_close_to = Some(StayClose { place: plain[i].name.clone(), max_minutes: minutes, mode: None });
            i as u32
        });
        let w = w.validate().expect("valid wishes");
        let req = Request { wishes: &w, persons: persons.clone(), stay_close };
        let out = run(&atlas, &matrix, &req);

        // Brute force, without the grid: does home h meet every hard constraint?
        let main = engine::main_mode(&w);
        let fits = |h: u32| -> bool {
            let p = atlas.place(h);
            let f = atlas.facts(h);
            if !w.settlement.unwrap_or(Settlement::Any).admits(p.population) { return false; }
            if let Some(hs) = &w.housing {
                match f.rent_eur_m2.and_then(|r| hs.warm_rent(r)) {
                    Some(cost) if cost <= f64::from(hs.max_warm_rent_eur.unwrap_or(0)) => {}
                    _ => return false,
                }
            }
            if let (Some(s), Some(sc)) = (&w.stay_close_to, stay_close) {
                match matrix.time(main, h, sc) {
                    Some(t) if t.minutes <= f64::from(s.max_minutes) => {}
                    _ => return false,
                }
            }
            for need in w.needs(&p.state_code) {
                let facility = engine::need_facility(need);
                let ok = (0..atlas.len() as u32).any(|j| {
                    atlas.facts(j).count(facility).is_some_and(|c| c > 0.0)
                        && (j == h || matrix.time(main, h, j).is_some_and(|t| t.minutes <= engine::need_minutes(need)))
                });
                if !ok { return false; }
            }
            persons.iter().zip(&w.persons).all(|(jobs, wish)| {
                jobs.places.iter().any(|jp| {
                    let j = atlas.index_of(jp.place_id).expect("known");
                    wish.max_commute.limits().iter().any(|&(m, l)| {
                        matrix.time(m, h, j).is_some_and(|t| t.minutes <= f64::from(l))
                    })
                })
            })
        };
        let want: Vec<u32> = (0..atlas.len() as u32).filter(|&h| fits(h)).collect();
        let mut got: Vec<u32> = out.items.iter().map(|i| i.home).collect();
        got.sort();
        prop_assert_eq!(out.total, want.len());
        prop_assert_eq!(got, want.clone());
        for item in &out.items {
            // Every person has a job and a commute within their limit, with provenance.
            for (p, wish) in w.persons.iter().enumerate() {
                prop_assert!(item.jobs.iter().any(|j| j.person == p));
                let commutes: Vec<&Commute> = item.commute.iter().filter(|c| c.person == p).collect();
                prop_assert!(!commutes.is_empty());
                for c in commutes {
                    let limit = wish.max_commute.limits().iter().find(|l| l.0 == c.mode).expect("a mode given").1;
                    prop_assert!(c.time.minutes <= f64::from(limit));
                    let expected = matrix.time(c.mode, item.home, c.to).expect("time");
                    prop_assert_eq!(c.time, expected);
                    let covered = matrix.routed_pairs(Mode::Car) > 0;
                    prop_assert!(c.time.source == TimeSource::Estimated || covered && c.time.source == TimeSource::Road);
                }
            }
            for need in &item.needs {
                prop_assert!(need.at == item.home || need.time.minutes <= engine::need_minutes(need.need));
            }
            let sum: f64 = item.breakdown.iter().map(|f| f.contribution).sum();
            prop_assert!((sum - item.score).abs() < 1e-9);
            prop_assert!((0.0..=1.0 + 1e-9).contains(&item.score));
        }
        if want.is_empty() {
            prop_assert!(!out.relaxations.is_empty(), "nothing fits, so something is named to relax");
        }
    }
}
