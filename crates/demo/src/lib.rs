//! bleibe demo data: fictitious employers and jobs, so that a fresh installation has
//! something to search, and so that benchmarks have realistic volume.
//!
//! **Everything here is invented.** The employers do not exist (no name belongs to a real
//! company), every record carries `demo: true`, every employer description begins
//! "Fiktiver Demo-Arbeitgeber" and every job description begins "Dies ist eine fiktive
//! Demo-Stellenanzeige.". Websites and application links point only to `example.org`.
//! Only the towns are real: employers are placed in real towns of the Lausitz and around
//! by their GeoNames id (see [`TOWNS`]), so that search by place and distance works.
//!
//! Jobs come from a deterministic generator ([`jobs()`]): the same seed, employers,
//! gazetteer and reference date always give the same jobs, with no clock and no hash
//! map order involved. They cover all ten KldB 2010 areas and all kinds of offer
//! (regular jobs, apprenticeships, dual study, internships, further training) in a
//! realistic mix, with plausible German titles, pay and dates.
//!
//! ```
//! use bleibe_demo::{employers, jobs, DEFAULT_SEED};
//! # use bleibe_domain::{Employer, PlaceRef};
//! # let stored: Vec<Employer> = employers().into_iter().enumerate().map(|(i, e)| Employer {
//! #     id: i as i64 + 1, name: e.name, description: e.description, website: e.website,
//! #     demo: e.demo, kind: e.kind, verified: false, logo_blob_id: None,
//! #     place: PlaceRef { id: e.place_id, name: "Spremberg".into(),
//! #     lat: 51.5696, lon: 14.37385, state_code: "11".into() } }).collect();
//! let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 15).unwrap();
//! for job in jobs(DEFAULT_SEED, &stored, &[], today).take(3) {
//!     assert!(job.demo && job.description.starts_with("<p>Dies ist eine fiktive"));
//! }
//! ```

mod catalogue;
mod employers;
mod jobs;
pub mod networks;
pub mod profiles;

pub use employers::{Town, TOWNS};
pub use jobs::JobGenerator;

use bleibe_domain::{Employer, NewEmployer, Place};
use chrono::NaiveDate;

/// Default seed for the demo loaded at first start.
pub const DEFAULT_SEED: u64 = 2026;

/// Default number of jobs for the demo loaded at first start.
pub const DEFAULT_JOBS: usize = 2000;

/// About 60 fictitious employers, every one `demo: true`, over real towns of the Lausitz
/// and around (see [`TOWNS`]). Several industrial employers sit in the Industriepark
/// Schwarze Pumpe (Spremberg). Always the same list, in the same order.
pub fn employers() -> Vec<NewEmployer> {
    employers::all()
}

/// An endless, deterministic stream of demo jobs for the given (stored) employers:
/// same seed + same employers + same reference date + same places => identical jobs.
///
/// `employers` are the stored employers; jobs use only their ids. When some of them
/// are demo employers, only those get jobs. Employers from [`employers()`] are
/// recognised by name and get jobs that fit their trade; others get general jobs.
/// With no employers the stream is empty.
///
/// `places` is the whole gazetteer (may be empty): about 15 % of jobs are at another
/// place than the employer's seat, drawn from `places` weighted by population (a
/// "Niederlassung" anywhere in Germany), or from [`TOWNS`] when `places` is empty.
///
/// `reference` is "today" for `posted_at` (up to 60 days before), `valid_through`
/// (14 to 180 days after) and start dates (after it).
pub fn jobs(
    seed: u64,
    employers: &[Employer],
    places: &[Place],
    reference: NaiveDate,
) -> JobGenerator {
    JobGenerator::new(seed, employers, places, reference)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use bleibe_domain::place::distance_km;
    use bleibe_domain::{JobKind, NewJob, PlaceRef, SalaryUnit, WorkingTime};
    use chrono::Datelike;

    const SPREMBERG: (f64, f64) = (51.5696, 14.37385);

    fn reference() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 15).expect("date")
    }

    fn town(id: i64) -> &'static Town {
        TOWNS.iter().find(|t| t.id == id).expect("listed town")
    }

    /// The demo employers as the store would return them, with ids from 101.
    fn stored() -> Vec<Employer> {
        employers()
            .into_iter()
            .enumerate()
            .map(|(i, e)| {
                let t = town(e.place_id);
                Employer {
                    id: 101 + i as i64,
                    name: e.name,
                    place: PlaceRef {
                        id: t.id,
                        name: t.name.to_string(),
                        lat: t.lat,
                        lon: t.lon,
                        state_code: "11".into(),
                    },
                    description: e.description,
                    website: e.website,
                    demo: e.demo,
                    kind: e.kind,
                    verified: false,
                    logo_blob_id: None,
                }
            })
            .collect()
    }

    /// A place in Brandenburg for tests.
    pub(crate) fn place(id: i64, name: &str, lat: f64, lon: f64, population: Option<u32>) -> Place {
        Place {
            id,
            name: name.into(),
            alternate_names: vec![],
            lat,
            lon,
            population,
            state_code: "11".into(),
            county: None,
            ags: None,
        }
    }

    /// A small gazetteer: the demo towns plus a few big cities far away.
    fn gazetteer() -> Vec<Place> {
        let mut v: Vec<Place> = TOWNS
            .iter()
            .map(|t| place(t.id, t.name, t.lat, t.lon, Some(20_000)))
            .collect();
        v.push(place(
            2950159,
            "Berlin",
            52.52437,
            13.41053,
            Some(3_426_354),
        ));
        v.push(place(
            2867714,
            "München",
            48.13743,
            11.57549,
            Some(1_260_391),
        ));
        v.push(place(2879139, "Leipzig", 51.33962, 12.37129, Some(504_971)));
        v.push(place(1, "Irgendwo", 50.0, 10.0, None));
        v
    }

    fn default_jobs(places: &[Place]) -> Vec<NewJob> {
        jobs(DEFAULT_SEED, &stored(), places, reference())
            .take(DEFAULT_JOBS)
            .collect()
    }

    #[test]
    fn employers_are_fictitious_demo_records() {
        let list = employers();
        assert!((55..=70).contains(&list.len()), "{}", list.len());
        let forbidden = [
            "LEAG",
            "BASF",
            "Vattenfall",
            "Siemens",
            "Alstom",
            "Bundeswehr",
            "Vestas",
            "Spreewaldhof",
            "Mercedes",
            "Daimler",
            "Bombardier",
            "Lausitz Energie",
        ];
        for (i, e) in list.iter().enumerate() {
            assert!(e.demo, "{}", e.name);
            assert!(
                e.description.starts_with("<p>Fiktiver Demo-Arbeitgeber"),
                "{}",
                e.name
            );
            if let Some(w) = &e.website {
                assert!(w.starts_with("https://example.org/"), "{w}");
            }
            for f in forbidden {
                assert!(!e.name.contains(f), "{}", e.name);
            }
            assert!(
                list[i + 1..].iter().all(|o| o.name != e.name),
                "duplicate {}",
                e.name
            );
            let valid = e.clone().validate().expect("valid employer");
            assert_eq!(&valid, e, "description survives sanitising unchanged");
        }
    }

    #[test]
    fn every_job_validates() {
        let employers = stored();
        let places = gazetteer();
        for places in [&[][..], &places[..]] {
            for (n, job) in jobs(7, &employers, places, reference())
                .take(5000)
                .enumerate()
            {
                let valid = job
                    .clone()
                    .validate()
                    .unwrap_or_else(|e| panic!("job {n} {:?}: {e}", job.title));
                assert_eq!(valid.working_time, job.working_time, "{}", job.title);
            }
        }
    }

    #[test]
    fn same_inputs_give_same_jobs_and_seeds_differ() {
        let employers = stored();
        let places = gazetteer();
        let a: Vec<NewJob> = jobs(42, &employers, &places, reference())
            .take(500)
            .collect();
        let b: Vec<NewJob> = jobs(42, &employers, &places, reference())
            .take(500)
            .collect();
        assert_eq!(a, b);
        let c: Vec<NewJob> = jobs(43, &employers, &places, reference())
            .take(500)
            .collect();
        assert_ne!(a, c);
        let same = a.iter().zip(&c).filter(|(x, y)| x.title == y.title).count();
        assert!(same < 100, "{same}");
    }

    #[test]
    fn jobs_have_demo_fields() {
        let employers = stored();
        let ids: Vec<i64> = employers.iter().map(|e| e.id).collect();
        let today = reference();
        for job in default_jobs(&[]) {
            assert!(job.demo);
            assert!(ids.contains(&job.employer_id));
            assert!(job
                .description
                .starts_with("<p>Dies ist eine fiktive Demo-Stellenanzeige."));
            assert!(job.street.is_none() && job.postcode.is_none() && job.external_id.is_none());
            assert_eq!(job.source, bleibe_domain::Source::Own);
            if let Some(u) = &job.apply.url {
                assert!(u.starts_with("https://example.org/demo/jobs/"), "{u}");
            }
            if let Some(e) = &job.apply.email {
                assert_eq!(e, "bewerbung@example.org");
            }
            assert!(job.apply.url.is_some() || job.apply.email.is_some());
            let posted = job.posted_at.date_naive();
            assert!(posted <= today && posted >= today - chrono::Days::new(60));
            if let Some(v) = job.valid_through {
                assert!(v >= today + chrono::Days::new(14) && v <= today + chrono::Days::new(180));
                assert!(v >= posted);
            }
            if let Some(s) = job.start_date {
                assert!(s > today, "{} starts {s}", job.title);
            }
            assert!(job.title.chars().count() <= 200);
        }
    }

    #[test]
    fn kinds_come_in_a_realistic_mix() {
        let all: Vec<NewJob> = jobs(1, &stored(), &[], reference()).take(20_000).collect();
        let share =
            |k: JobKind| all.iter().filter(|j| j.kind == k).count() as f64 / all.len() as f64;
        let expect = [
            (JobKind::Job, 0.70),
            (JobKind::Apprenticeship, 0.12),
            (JobKind::DualStudy, 0.05),
            (JobKind::Internship, 0.08),
            (JobKind::FurtherTraining, 0.05),
        ];
        for (k, p) in expect {
            let s = share(k);
            assert!((s - p).abs() < 0.02, "{k}: {s}");
        }
        let with_salary = all.iter().filter(|j| j.salary.is_some()).count() as f64;
        let s = with_salary / all.len() as f64;
        assert!((0.5..=0.7).contains(&s), "salary share {s}");
        let elsewhere = all
            .iter()
            .filter(|j| {
                let e = &stored()[(j.employer_id - 101) as usize];
                e.place.id != j.place_id
            })
            .count() as f64;
        let s = elsewhere / all.len() as f64;
        assert!((0.12..=0.18).contains(&s), "elsewhere share {s}");
    }

    #[test]
    fn default_jobs_cover_all_areas_and_kinds() {
        let all = default_jobs(&[]);
        for area in '0'..='9' {
            assert!(
                all.iter().any(|j| j.occupation.starts_with(area)),
                "no job in KldB area {area}"
            );
        }
        for k in JobKind::ALL {
            assert!(all.iter().any(|j| j.kind == *k), "{k}");
        }
        let text: String = all.iter().map(|j| j.title.as_str()).collect();
        for word in ["(w/m/d)", "(m/w/x)", "ä", "ö", "ü", "ß"] {
            assert!(text.contains(word), "{word}");
        }
    }

    #[test]
    fn mechatroniker_near_spremberg() {
        let count = |jobs: &[NewJob], places: &[Place]| {
            jobs.iter()
                .filter(|j| j.title.contains("Mechatroniker"))
                .filter(|j| {
                    let (lat, lon) = places
                        .iter()
                        .find(|p| p.id == j.place_id)
                        .map(|p| (p.lat, p.lon))
                        .unwrap_or_else(|| (town(j.place_id).lat, town(j.place_id).lon));
                    distance_km(SPREMBERG.0, SPREMBERG.1, lat, lon) <= 30.0
                })
                .count()
        };
        let plain = default_jobs(&[]);
        let n = count(&plain, &[]);
        assert!(
            n >= 10,
            "only {n} Mechatroniker jobs within 30 km of Spremberg"
        );
        let places = gazetteer();
        let with_places = default_jobs(&places);
        let n = count(&with_places, &places);
        assert!(
            n >= 10,
            "only {n} Mechatroniker jobs within 30 km (gazetteer)"
        );
        // Some at Industriepark employers in Spremberg itself.
        let spremberg = plain
            .iter()
            .filter(|j| j.title.contains("Mechatroniker") && j.place_id == 2830085)
            .count();
        assert!(spremberg >= 3, "{spremberg}");
    }

    #[test]
    fn codes_match_titles() {
        let all: Vec<NewJob> = jobs(3, &stored(), &[], reference()).take(10_000).collect();
        let mut seen = 0;
        for j in &all {
            let t = &j.title;
            let code = j.occupation.as_str();
            let expect: Option<&[&str]> = if t.contains("Kfz-Mechatroniker") {
                Some(&["25"])
            } else if t.starts_with("Mechatroniker") || t.contains("Ausbildung Mechatroniker") {
                Some(&["26"])
            } else if t.starts_with("Pflegefachkraft") || t.contains("Pflegefachfrau") {
                Some(&["81"])
            } else if t.starts_with("Verkäufer") || t.contains("Ausbildung Verkäufer") {
                Some(&["62"])
            } else if t.starts_with("Koch ") || t.contains("Ausbildung Koch") {
                Some(&["29", "63"])
            } else if t.contains("Fachinformatiker") {
                Some(&["43"])
            } else if t.contains("Berufskraftfahrer") {
                Some(&["52"])
            } else {
                None
            };
            if let Some(prefixes) = expect {
                seen += 1;
                assert!(prefixes.iter().any(|p| code.starts_with(p)), "{t}: {code}");
            }
        }
        assert!(seen > 500, "{seen}");
    }

    #[test]
    fn training_fields_by_kind() {
        let today = reference();
        for j in jobs(5, &stored(), &[], today).take(5000) {
            match j.kind {
                JobKind::Apprenticeship => {
                    assert!((2..=4).contains(&j.training_allowance.len()), "{}", j.title);
                    assert!(j.training_allowance.windows(2).all(|w| w[0] < w[1]));
                    assert!(j.school_certificate.is_some());
                    let s = j.start_date.expect("apprenticeship start");
                    assert!(s.day() == 1 && (s.month() == 8 || s.month() == 9), "{s}");
                    assert!(s > today && s.year() <= today.year() + 1);
                    assert!(j.salary.is_none());
                    assert_eq!(j.contract, bleibe_domain::Contract::FixedTerm);
                }
                JobKind::DualStudy => {
                    assert!((3..=4).contains(&j.training_allowance.len()));
                    assert!(j.training_allowance.windows(2).all(|w| w[0] < w[1]));
                    assert!(j.school_certificate.is_none());
                    assert!(j.start_date.is_some());
                }
                _ => {
                    assert!(j.training_allowance.is_empty());
                    assert!(j.school_certificate.is_none());
                }
            }
            if let Some(s) = &j.salary {
                assert!(s.max.is_none_or(|m| m >= s.min));
                match s.unit {
                    SalaryUnit::Hour => assert!((12.0..=25.0).contains(&s.min), "{s:?}"),
                    SalaryUnit::Month => assert!((500.0..=10_000.0).contains(&s.min), "{s:?}"),
                    SalaryUnit::Year => assert!((30_000.0..=120_000.0).contains(&s.min), "{s:?}"),
                }
                if j.working_time == [WorkingTime::Minijob] {
                    assert_eq!(s.unit, SalaryUnit::Hour);
                }
            }
            if j.working_time.contains(&WorkingTime::Remote) {
                assert!(
                    j.occupation.starts_with('4')
                        || j.occupation.starts_with('7')
                        || j.occupation.starts_with('9')
                        || ["23", "27", "31", "34", "42", "51", "61", "84"]
                            .iter()
                            .any(|p| j.occupation.starts_with(p)),
                    "{} remote",
                    j.title
                );
            }
        }
    }

    #[test]
    fn only_demo_employers_get_jobs_and_unknown_ones_work() {
        let mut employers = stored();
        let mut real = employers[0].clone();
        real.id = 1;
        real.name = "Echte Firma GmbH".into();
        real.demo = false;
        employers.push(real.clone());
        assert!(jobs(9, &employers, &[], reference())
            .take(2000)
            .all(|j| j.employer_id != 1));
        // Only unknown, non-demo employers: they get jobs of every kind.
        let only = vec![real];
        let list: Vec<NewJob> = jobs(9, &only, &[], reference()).take(500).collect();
        assert!(list.iter().all(|j| j.employer_id == 1));
        assert!(list.into_iter().all(|j| j.validate().is_ok()));
        // No employers: no jobs.
        assert_eq!(jobs(9, &[], &[], reference()).next(), None);
    }

    #[test]
    fn places_are_weighted_by_population() {
        let places = gazetteer();
        let all: Vec<NewJob> = jobs(11, &stored(), &places, reference())
            .take(20_000)
            .collect();
        let at = |id: i64| all.iter().filter(|j| j.place_id == id).count();
        assert!(at(2950159) > at(2879139), "Berlin before Leipzig");
        assert!(
            at(2879139) > at(1),
            "Leipzig before a place without population"
        );
        assert!(all
            .iter()
            .all(|j| places.iter().any(|p| p.id == j.place_id)));
    }

    #[test]
    fn fifty_thousand_jobs() {
        let employers = stored();
        let places = gazetteer();
        let n = jobs(DEFAULT_SEED, &employers, &places, reference())
            .take(50_000)
            .filter(|j| !j.title.is_empty())
            .count();
        assert_eq!(n, 50_000);
    }
}
