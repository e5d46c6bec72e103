//! Search behaviour on hand-built jobs.

use std::collections::BTreeSet;

use bleibe_domain::place::distance_km;
use bleibe_domain::{Contract, Job, JobKind, WorkingTime};
use chrono::Duration;
use proptest::prelude::*;

use super::*;
use crate::{analyze, Facet, FacetSet, JobIndex, JobQuery, SearchError, Sort};

fn index_of(jobs: &[Job]) -> JobIndex {
    let index = JobIndex::in_ram().expect("index");
    index.upsert(jobs).expect("upsert");
    index
}

fn text(t: &str) -> JobQuery {
    JobQuery {
        text: Some(t.into()),
        ..JobQuery::default()
    }
}

fn found(index: &JobIndex, q: &JobQuery) -> BTreeSet<i64> {
    index
        .search(q, today())
        .expect("search")
        .hits
        .iter()
        .map(|h| h.id)
        .collect()
}

fn set(ids: &[i64]) -> BTreeSet<i64> {
    ids.iter().copied().collect()
}

#[test]
fn umlauts_and_sharp_s_meet_their_transcriptions() {
    let index = index_of(&[
        job(1, "Schweißer (m/w/d)"),
        job(2, "Schweisser MAG/WIG"),
        job(3, "Verkäufer (m/w/d) Lebensmittel"),
        job(4, "Verkaeuferin in Teilzeit"),
        job(5, "Koch (m/w/d)"),
    ]);
    for q in ["Schweißer", "Schweisser", "SCHWEISSER", "schweißer"] {
        assert_eq!(found(&index, &text(q)), set(&[1, 2]), "{q}");
    }
    for q in ["Verkäufer", "Verkaeufer", "Verkäuferin", "verkaufer"] {
        assert_eq!(found(&index, &text(q)), set(&[3, 4]), "{q}");
    }
}

#[test]
fn a_title_match_ranks_above_a_match_in_the_description_or_employer() {
    let mut in_description = job(1, "Lagerist (m/w/d)");
    in_description.data.description = "<p>Auch für Schweißer mit Erfahrung.</p>".into();
    let mut in_employer = job(2, "Fahrer (m/w/d)");
    in_employer.employer.name = "Schweißer & Söhne GmbH".into();
    let in_title = job(3, "Schweißer (m/w/d)");
    let index = index_of(&[in_description, in_employer, in_title]);
    let r = index.search(&text("Schweißer"), today()).expect("search");
    assert_eq!(ids(&r), vec![3, 2, 1]);
    assert!(r.hits.windows(2).all(|w| w[0].score > w[1].score), "{r:?}");
}

#[test]
fn stemming_and_feminine_titles() {
    let mut kauf = job(4, "Kaufmann für Büromanagement (m/w/d)");
    kauf.data.occupation = "71402".into();
    let index = index_of(&[
        job(1, "Elektroniker für Betriebstechnik (m/w/d)"),
        job(2, "Pflegekraft im Nachtdienst"),
        job(3, "Zahnarzt (m/w/d)"),
        kauf,
        job(5, "Lagerist"),
    ]);
    assert_eq!(found(&index, &text("Elektronikerin")), set(&[1]));
    assert_eq!(found(&index, &text("Elektronikerinnen")), set(&[1]));
    assert_eq!(found(&index, &text("Pflegekräfte")), set(&[2]));
    assert_eq!(found(&index, &text("Pflegekräften")), set(&[2]));
    assert_eq!(found(&index, &text("Zahnärztin")), set(&[3]));
    assert_eq!(found(&index, &text("Kauffrau Büromanagement")), set(&[4]));
    assert!(
        found(&index, &text("Elektrik")).is_empty(),
        "\"elektrik\" is more than one edit from every indexed term"
    );
}

#[test]
fn compounds_are_found_by_their_parts() {
    let index = index_of(&[
        job(1, "Pflegefachkraft (m/w/d)"),
        job(2, "Industrieelektroniker (m/w/d)"),
        job(3, "Anlagenmechaniker SHK"),
        job(4, "Fachinformatiker Systemintegration"),
        job(5, "Fachkraft für Lagerlogistik"),
        job(6, "Pflegehelferin"),
        job(7, "Elektroniker für Betriebstechnik"),
        job(8, "Kfz-Mechatroniker"),
        job(9, "Arbeitsvermittler im Jobcenter"),
    ]);
    let cases: &[(&str, &[i64])] = &[
        ("Pflegefachkraft", &[1]),
        ("Pflege", &[1, 6]),
        ("Fachkraft", &[1, 5]),
        ("Fachkräfte", &[1, 5]),
        ("Kraft", &[1, 5]),
        ("Elektroniker", &[2, 7]),
        ("Elektronikerin", &[2, 7]),
        ("Industrie", &[2]),
        ("Mechaniker", &[3]),
        ("Anlagen", &[3]),
        ("Mechatroniker", &[8]),
        ("Helfer", &[6]),
        ("Lager", &[5]),
        ("Logistik", &[5]),
        ("Vermittler", &[9]),
        ("Arbeit", &[9]),
        // "Fach" is a part of several compounds, and of nothing else.
        ("Fach", &[1, 4, 5]),
        ("Informatiker", &[4]),
        // A whole compound only finds itself, never a job that merely shares a part.
        ("Fachinformatiker", &[4]),
        ("Pflegehelfer", &[6]),
        ("Pflegefachkraft Informatiker", &[]),
        ("Pflegefach", &[1]),
        // Queries are not split: an unknown compound of known parts finds nothing.
        ("Pflegeinformatiker", &[]),
    ];
    for (q, expected) in cases {
        assert_eq!(found(&index, &text(q)), set(expected), "{q}");
    }
}

#[test]
fn compound_parts_are_indexed_at_the_position_of_the_compound() {
    let terms = crate::index_terms("Pflegefachkraft Cottbus");
    assert_eq!(
        terms,
        [
            "pflegefachkraft",
            "pfleg",
            "pflegefach",
            "fach",
            "fachkraft",
            "kraft",
            "cottbus"
        ]
    );
    // The query side is not split.
    assert_eq!(analyze("Pflegefachkraft"), ["pflegefachkraft"]);
    assert_eq!(crate::index_terms("Elektroniker"), analyze("Elektroniker"));
}

#[test]
fn typos_are_tolerated_when_nothing_matches_exactly() {
    let index = index_of(&[
        job(1, "Elektroniker für Betriebstechnik"),
        job(2, "Mechatroniker (m/w/d)"),
        job(3, "Koch"),
        job(4, "Maurer"),
        job(5, "Mauser Werkzeugbau"),
        job(6, "Pflegefachkraft"),
    ]);
    assert_eq!(found(&index, &text("Elecktroniker")), set(&[1]));
    assert_eq!(
        found(&index, &text("Eletkroniker")),
        set(&[1]),
        "transposition"
    );
    assert_eq!(found(&index, &text("Mechatronikr")), set(&[2]));
    assert_eq!(found(&index, &text("Mechatronikerin")), set(&[2]));
    assert_eq!(found(&index, &text("Mechatronikr Cottbus")), set(&[2]));
    assert_eq!(found(&index, &text("Mauerer")), set(&[4]));
    // A compound part with a typo.
    assert_eq!(found(&index, &text("Fachkarft")), set(&[6]));
    // Words shorter than five characters stay exact.
    assert_eq!(found(&index, &text("Kcoh")), set(&[]));
    assert_eq!(found(&index, &text("Kcoh Maurer")), set(&[]));
    // Two edits are too many.
    assert_eq!(found(&index, &text("Elecktronikr")), set(&[]));
    // Every word is still required.
    assert_eq!(found(&index, &text("Mechatronikr Elecktroniker")), set(&[]));
}

#[test]
fn an_exact_hit_suppresses_the_typo_fallback() {
    let mut old = job(3, "Mechatroniker");
    old.data.valid_through = Some(today() - Duration::days(1));
    let index = index_of(&[job(1, "Maurer"), job(2, "Mauser Werkzeugbau"), old]);
    // "Mauser" is one edit from "Maurer", but "Maurer" matches exactly.
    assert_eq!(found(&index, &text("Maurer")), set(&[1]));
    assert_eq!(found(&index, &text("Mauser")), set(&[2]));
    let r = index.search(&text("Maurer"), today()).expect("search");
    assert_eq!(r.total, 1);
    // A typo that matches nothing exactly finds both ("mausr" is one edit from the
    // stems "maur" and "maus").
    assert_eq!(found(&index, &text("Mausre")), set(&[1, 2]));
    // An exact match that filters remove (here: expired) is still an exact match: no
    // fuzzy hits ("Mechatronikers" would not be a typo of anything else anyway).
    assert_eq!(found(&index, &text("Mechatroniker")), set(&[]));
    // Filters apply to the fallback as well.
    let mut q = text("Mausre");
    q.kinds = vec![JobKind::Apprenticeship];
    assert_eq!(found(&index, &q), set(&[]));
}

#[test]
fn analysis_drops_gender_markers_and_function_words() {
    assert!(analyze("(m/w/d)").is_empty());
    assert!(analyze("(w/m/d) (gn) (m/w/div) (d/m/w)").is_empty());
    assert_eq!(analyze("Lehrer/in"), analyze("Lehrer"));
    assert_eq!(analyze("Lehrer*innen"), analyze("Lehrer"));
    assert_eq!(
        analyze("Pflegekraft in Cottbus und Umgebung"),
        analyze("Pflegekraft Cottbus Umgebung")
    );
    // Negations are kept: "ohne Ausbildung" must not mean "Ausbildung".
    assert_eq!(analyze("ohne").len(), 1);
}

#[test]
fn a_text_of_only_gender_markers_is_no_text() {
    let index = index_of(&[
        job(1, "Koch (m/w/d)"),
        job(2, "Maurer"),
        job(3, "Fliesenleger"),
    ]);
    let r = index.search(&text("(m/w/d)"), today()).expect("search");
    assert_eq!(r.total, 3);
    // Relevance without text falls back to newest first.
    assert_eq!(ids(&r), vec![3, 2, 1]);
    assert!(r.hits.iter().all(|h| h.score == 0.0));
}

#[test]
fn query_syntax_characters_are_just_text() {
    let index = index_of(&[job(1, "C++ Entwickler"), job(2, "Maurer")]);
    for q in [
        "\"Maurer",
        "Maurer AND (",
        "title:Maurer",
        "Maurer^2 -",
        "*",
        "~~~",
        "",
    ] {
        let r = index.search(&text(q), today());
        assert!(r.is_ok(), "{q}: {r:?}");
    }
    assert_eq!(
        found(&index, &text("title:Maurer")),
        set(&[]),
        "'title' is a term here"
    );
    assert_eq!(found(&index, &text("Maurer^2 -")), set(&[2]));
}

#[test]
fn every_term_is_required_and_may_match_any_field() {
    let mut goerlitz = job(2, "Schweißer (m/w/d)");
    goerlitz.place = place_ref(GOERLITZ);
    let mut other_employer = job(3, "Schlosser");
    other_employer.employer.name = "Stahlbau Spreewald".into();
    let mut in_description = job(4, "Helfer Metall");
    in_description.data.description =
        "<ul><li>Schweißen von Bauteilen</li><li>Schweißer willkommen</li></ul>".into();
    let index = index_of(&[
        job(1, "Schweißer (m/w/d)"),
        goerlitz,
        other_employer,
        in_description,
    ]);
    assert_eq!(found(&index, &text("Schweißer Cottbus")), set(&[1, 4]));
    assert_eq!(found(&index, &text("Schweißer Görlitz")), set(&[2]));
    assert_eq!(found(&index, &text("Schweißer Goerlitz")), set(&[2]));
    assert_eq!(found(&index, &text("Spreewald")), set(&[3]));
    assert_eq!(found(&index, &text("Schweißer Spreewald")), set(&[]));
    // The title weighs more than the description.
    let r = index
        .search(&text("Schweißer Cottbus"), today())
        .expect("search");
    assert_eq!(ids(&r), vec![1, 4]);
    assert!(r.hits[0].score > r.hits[1].score);
}

#[test]
fn radius_keeps_only_jobs_within_it() {
    let mut jobs = Vec::new();
    for (i, p) in [COTTBUS, SPREMBERG, FORST, GOERLITZ, BERLIN]
        .into_iter()
        .enumerate()
    {
        let mut j = job(i as i64 + 1, "Mechatroniker");
        j.place = place_ref(p);
        jobs.push(j);
    }
    let index = index_of(&jobs);
    let (lat, lon) = (COTTBUS.1, COTTBUS.2);
    for radius in [0.0, 10.0, 21.0, 22.0, 25.0, 90.0, 150.0] {
        let q = JobQuery {
            centre: Some((lat, lon)),
            radius_km: Some(radius),
            ..JobQuery::default()
        };
        let r = index.search(&q, today()).expect("search");
        let expected: BTreeSet<i64> = jobs
            .iter()
            .filter(|j| distance_km(lat, lon, j.place.lat, j.place.lon) <= radius)
            .map(|j| j.id)
            .collect();
        assert_eq!(
            r.hits.iter().map(|h| h.id).collect::<BTreeSet<_>>(),
            expected,
            "r={radius}"
        );
        assert_eq!(r.total, expected.len() as u64);
        for h in &r.hits {
            let d = h.distance_km.expect("distance with a centre");
            assert!(d <= radius, "{} at {d} km outside {radius} km", h.id);
        }
    }
    // Spremberg is about 21.4 km from Cottbus, Görlitz about 85 km.
    let q = JobQuery {
        centre: Some((lat, lon)),
        radius_km: Some(25.0),
        ..JobQuery::default()
    };
    let within = found(&index, &q);
    assert!(within.contains(&2) && !within.contains(&4), "{within:?}");
}

#[test]
fn sorting_by_date_and_by_distance() {
    let mut jobs = Vec::new();
    // Posted order (by id) differs from distance order on purpose.
    for (id, p) in [
        (1, GOERLITZ),
        (2, COTTBUS),
        (3, BERLIN),
        (4, SPREMBERG),
        (5, FORST),
    ] {
        let mut j = job(id, "Elektriker");
        j.place = place_ref(p);
        jobs.push(j);
    }
    let index = index_of(&jobs);
    let by_date = index
        .search(
            &JobQuery {
                sort: Sort::Date,
                ..text("Elektriker")
            },
            today(),
        )
        .expect("search");
    assert_eq!(ids(&by_date), vec![5, 4, 3, 2, 1]);
    let q = JobQuery {
        sort: Sort::Distance,
        centre: Some((COTTBUS.1, COTTBUS.2)),
        ..JobQuery::default()
    };
    let by_distance = index.search(&q, today()).expect("search");
    // Forst (about 21.2 km) is a little nearer than Spremberg (about 21.4 km).
    assert_eq!(ids(&by_distance), vec![2, 5, 4, 1, 3]);
    let d: Vec<f64> = by_distance
        .hits
        .iter()
        .map(|h| h.distance_km.expect("d"))
        .collect();
    assert!(d.windows(2).all(|w| w[0] <= w[1]), "{d:?}");
    assert_eq!(d[0], 0.0);
}

#[test]
fn paging_returns_disjoint_pages_and_the_total() {
    let jobs: Vec<Job> = (1..=25).map(|i| job(i, "Busfahrer")).collect();
    let index = index_of(&jobs);
    let mut seen = Vec::new();
    for (offset, expected_len) in [(0, 10), (10, 10), (20, 5), (30, 0)] {
        let q = JobQuery {
            offset,
            limit: 10,
            ..text("Busfahrerin")
        };
        let r = index.search(&q, today()).expect("search");
        assert_eq!(r.total, 25);
        assert_eq!(r.hits.len(), expected_len, "offset {offset}");
        seen.extend(ids(&r));
    }
    // Equal scores: newest first, so the pages together are 25 down to 1.
    assert_eq!(seen, (1..=25).rev().collect::<Vec<_>>());
    let counts_only = index.search(
        &JobQuery {
            limit: 0,
            ..text("Busfahrer")
        },
        today(),
    );
    let counts_only = counts_only.expect("search");
    assert_eq!((counts_only.total, counts_only.hits.len()), (25, 0));
    assert_eq!(counts_only.facets.kind, vec![(JobKind::Job, 25)]);
}

#[test]
fn expired_jobs_are_excluded() {
    let mut yesterday = job(1, "Tischler");
    yesterday.data.valid_through = Some(today() - Duration::days(1));
    let mut until_today = job(2, "Tischler");
    until_today.data.valid_through = Some(today());
    let open = job(3, "Tischler");
    let index = index_of(&[yesterday, until_today, open]);
    let r = index.search(&text("Tischler"), today()).expect("search");
    assert_eq!(found(&index, &text("Tischler")), set(&[2, 3]));
    assert_eq!(r.total, 2);
    assert_eq!(r.facets.kind, vec![(JobKind::Job, 2)]);
    let later = index
        .search(&text("Tischler"), today() + Duration::days(1))
        .expect("search");
    assert_eq!(ids(&later), vec![3]);
}

/// Twelve jobs with known kinds, working times and occupations.
fn facet_jobs() -> Vec<Job> {
    use JobKind::*;
    use WorkingTime::*;
    let specs: [(JobKind, &[WorkingTime], &str); 12] = [
        (Job, &[FullTime], "26112"),
        (Job, &[FullTime, Shift], "26112"),
        (Job, &[PartTime], "25100"),
        (Job, &[PartTime, Remote], "81302"),
        (Job, &[FullTime], "81302"),
        (Apprenticeship, &[FullTime], "26112"),
        (Apprenticeship, &[FullTime], "25100"),
        (Apprenticeship, &[FullTime, Shift], "81302"),
        (DualStudy, &[FullTime], "43"),
        (Internship, &[PartTime], "26"),
        (Internship, &[FullTime], "2"),
        (FurtherTraining, &[PartTime, Remote], "81"),
    ];
    specs
        .iter()
        .enumerate()
        .map(|(i, (kind, wt, occ))| {
            let mut j = job(i as i64 + 1, "Stelle");
            j.data.kind = *kind;
            j.data.working_time = wt.to_vec();
            j.data.occupation = occ.to_string();
            j
        })
        .collect()
}

#[test]
fn facets_count_and_are_disjunctive() {
    let index = index_of(&facet_jobs());
    let all = index.search(&JobQuery::default(), today()).expect("search");
    assert_eq!(all.total, 12);
    assert_eq!(
        all.facets.kind,
        vec![
            (JobKind::Job, 5),
            (JobKind::Apprenticeship, 3),
            (JobKind::Internship, 2),
            (JobKind::DualStudy, 1),
            (JobKind::FurtherTraining, 1),
        ]
    );
    assert_eq!(
        all.facets.working_time,
        vec![
            (WorkingTime::FullTime, 8),
            (WorkingTime::PartTime, 4),
            (WorkingTime::Shift, 2),
            (WorkingTime::Remote, 2),
        ]
    );
    assert_eq!(
        all.facets.occupation_area,
        vec![
            ("2".to_string(), 7),
            ("8".to_string(), 4),
            ("4".to_string(), 1)
        ]
    );

    // kind = job: the kind facet still shows every kind; the others count jobs only.
    let q = JobQuery {
        kinds: vec![JobKind::Job],
        ..JobQuery::default()
    };
    let r = index.search(&q, today()).expect("search");
    assert_eq!(r.total, 5);
    assert_eq!(r.facets.kind, all.facets.kind);
    assert_eq!(
        r.facets.working_time,
        vec![
            (WorkingTime::FullTime, 3),
            (WorkingTime::PartTime, 2),
            (WorkingTime::Shift, 1),
            (WorkingTime::Remote, 1),
        ]
    );
    assert_eq!(
        r.facets.occupation_area,
        vec![("2".to_string(), 3), ("8".to_string(), 2)]
    );

    // kind = job AND working time = part time.
    let q = JobQuery {
        kinds: vec![JobKind::Job],
        working_times: vec![WorkingTime::PartTime],
        ..JobQuery::default()
    };
    let r = index.search(&q, today()).expect("search");
    assert_eq!(found(&index, &q), set(&[3, 4]));
    assert_eq!(r.total, 2);
    // Kind counted among part-time jobs: jobs 3, 4 (job), 10 (internship), 12 (training).
    assert_eq!(
        r.facets.kind,
        vec![
            (JobKind::Job, 2),
            (JobKind::Internship, 1),
            (JobKind::FurtherTraining, 1)
        ]
    );
    // Working time counted among kind = job, as before.
    assert_eq!(r.facets.working_time[0], (WorkingTime::FullTime, 3));
    // Areas among part-time regular jobs: 25100 and 81302.
    assert_eq!(
        r.facets.occupation_area,
        vec![("2".to_string(), 1), ("8".to_string(), 1)]
    );

    // Occupation area 8 selected: the area facet still shows 2 and 4.
    let q = JobQuery {
        occupations: vec!["8".into()],
        ..JobQuery::default()
    };
    let r = index.search(&q, today()).expect("search");
    assert_eq!(found(&index, &q), set(&[4, 5, 8, 12]));
    assert_eq!(r.facets.occupation_area, all.facets.occupation_area);
    assert_eq!(
        r.facets.kind,
        vec![
            (JobKind::Job, 2),
            (JobKind::Apprenticeship, 1),
            (JobKind::FurtherTraining, 1),
        ]
    );
}

#[test]
fn occupation_filters_match_by_prefix() {
    let index = index_of(&facet_jobs());
    let occ = |codes: &[&str]| JobQuery {
        occupations: codes.iter().map(|c| c.to_string()).collect(),
        ..JobQuery::default()
    };
    assert_eq!(found(&index, &occ(&["26"])), set(&[1, 2, 6, 10]));
    assert_eq!(found(&index, &occ(&["26112"])), set(&[1, 2, 6]));
    assert_eq!(found(&index, &occ(&["2"])), set(&[1, 2, 3, 6, 7, 10, 11]));
    assert_eq!(found(&index, &occ(&["261", "4"])), set(&[1, 2, 6, 9]));
    assert_eq!(found(&index, &occ(&["813"])), set(&[4, 5, 8]));
    assert_eq!(found(&index, &occ(&["9"])), set(&[]));
}

#[test]
fn invalid_queries_are_errors() {
    let index = index_of(&[job(1, "Maler")]);
    let bad = [
        JobQuery {
            sort: Sort::Distance,
            ..JobQuery::default()
        },
        JobQuery {
            radius_km: Some(10.0),
            ..JobQuery::default()
        },
        JobQuery {
            occupations: vec!["2a".into()],
            ..JobQuery::default()
        },
        JobQuery {
            occupations: vec!["261123".into()],
            ..JobQuery::default()
        },
        JobQuery {
            centre: Some((f64::NAN, 14.0)),
            ..JobQuery::default()
        },
        JobQuery {
            centre: Some((51.0, 14.0)),
            radius_km: Some(-1.0),
            ..JobQuery::default()
        },
    ];
    for q in bad {
        assert!(
            matches!(index.search(&q, today()), Err(SearchError::InvalidQuery(_))),
            "{q:?}"
        );
    }
}

#[test]
fn upsert_replaces_and_remove_removes() {
    let index = index_of(&[job(1, "Bäcker (m/w/d)"), job(2, "Friseur")]);
    assert_eq!(index.num_docs(), 2);
    let mut changed = job(1, "Konditor (m/w/d)");
    changed.data.kind = JobKind::Apprenticeship;
    index.upsert(&[changed]).expect("upsert");
    assert_eq!(index.num_docs(), 2);
    assert_eq!(found(&index, &text("Konditor")), set(&[1]));
    assert!(found(&index, &text("Bäcker")).is_empty());
    let r = index.search(&JobQuery::default(), today()).expect("search");
    // Equal counts: in vocabulary order.
    assert_eq!(
        r.facets.kind,
        vec![(JobKind::Job, 1), (JobKind::Apprenticeship, 1)]
    );

    // The same id twice in one batch: the last one wins.
    index
        .upsert(&[job(2, "Friseurin"), job(2, "Kosmetiker")])
        .expect("upsert");
    assert_eq!(index.num_docs(), 2);
    assert_eq!(found(&index, &text("Kosmetiker")), set(&[2]));
    assert!(found(&index, &text("Friseur")).is_empty());

    index.remove(&[1, 99]).expect("remove");
    assert_eq!(index.num_docs(), 1);
    assert!(found(&index, &text("Konditor")).is_empty());
    assert_eq!(found(&index, &JobQuery::default()), set(&[2]));
}

#[test]
fn the_index_is_shareable_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<JobIndex>();
    let index = std::sync::Arc::new(index_of(&[]));
    let writers: Vec<_> = (0..4)
        .map(|t| {
            let index = std::sync::Arc::clone(&index);
            std::thread::spawn(move || {
                for i in 0..5 {
                    index.upsert(&[job(t * 10 + i, "Gärtner")]).expect("upsert");
                    index.search(&text("Gartner"), today()).expect("search");
                }
            })
        })
        .collect();
    for w in writers {
        w.join().expect("thread");
    }
    assert_eq!(index.num_docs(), 20);
    assert_eq!(
        index
            .search(&text("Gaertner"), today())
            .expect("search")
            .total,
        20
    );
}

// ---- Property: the index agrees with a plain reference implementation. ----

const PLACES: [(&str, f64, f64); 5] = [COTTBUS, SPREMBERG, FORST, GOERLITZ, BERLIN];
const CODES: [&str; 6] = ["26112", "2611", "25100", "81302", "8", "43"];
const PREFIXES: [&str; 6] = ["2", "26", "2611", "81302", "8", "4"];

fn subset<T: Copy>(all: &[T], mask: u32) -> Vec<T> {
    all.iter()
        .enumerate()
        .filter(|(i, _)| mask & (1 << i) != 0)
        .map(|(_, v)| *v)
        .collect()
}

/// kind, working time mask, code, place, posted offset (hours), valid_through offset,
/// contract, employer.
type JobSpec = (usize, u32, usize, usize, i64, Option<i64>, usize, i64);

fn arb_job() -> impl Strategy<Value = JobSpec> {
    (
        0..5usize,
        1..32u32,
        0..CODES.len(),
        0..PLACES.len(),
        0..48i64,
        prop::option::of(-3..3i64),
        0..2usize,
        1..4i64,
    )
}

/// Filters: kinds, working times, occupation prefixes, contracts, states, places and
/// employers (each a mask over its candidates).
type FilterSpec = (u32, u32, u32, u32, u32, u32, u32);

fn arb_filters() -> impl Strategy<Value = FilterSpec> {
    (
        0..32u32,
        0..32u32,
        0..64u32,
        0..4u32,
        0..8u32,
        0..32u32,
        0..8u32,
    )
}

/// Centre place and radius, sort selector, offset, limit, facet set.
type QuerySpec = (Option<(usize, Option<f64>)>, u8, usize, usize, u8);

fn arb_query() -> impl Strategy<Value = QuerySpec> {
    (
        prop::option::of((0..PLACES.len(), prop::option::of(0.0..120.0f64))),
        0..3u8,
        0..8usize,
        0..8usize,
        0..128u8,
    )
}

/// A facet and the reference test of its filter.
type FacetTest<'a> = (Facet, Box<dyn Fn(&Job) -> bool + 'a>);

/// States the filter chooses from: two with test places, one without.
const STATE_CODES: [&str; 3] = ["11", "13", "02"];

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn search_agrees_with_a_reference(
        specs in prop::collection::vec(arb_job(), 0..30),
        (kinds, wts, occs, contracts, states, places, employers) in arb_filters(),
        (geo, sort, offset, limit, facet_bits) in arb_query(),
        per_place in 0..3usize,
    ) {
        let jobs: Vec<Job> = specs.iter().enumerate().map(
            |(i, &(k, wt, c, p, posted, valid, contract, employer))| {
            let mut j = job(i as i64 + 1, "Stelle");
            j.data.kind = JobKind::ALL[k];
            j.data.working_time = subset(WorkingTime::ALL, wt);
            j.data.occupation = CODES[c].to_string();
            j.data.contract = Contract::ALL[contract];
            j.place = place_ref(PLACES[p]);
            j.employer.id = employer;
            // Posting times collide on purpose, so the id tie-break is exercised.
            j.data.posted_at = job(0, "").data.posted_at + Duration::hours(posted);
            j.data.valid_through = valid.map(|d| today() + Duration::days(d));
            j
        }).collect();
        // Several commits, so that results are merged across segments.
        let index = JobIndex::in_ram().expect("index");
        for chunk in jobs.chunks(7) {
            index.upsert(chunk).expect("upsert");
        }
        let centre = geo.map(|(p, _)| (PLACES[p].1, PLACES[p].2));
        let radius = geo.and_then(|(_, r)| r);
        let sort = match (sort, centre) {
            (2, Some(_)) => Sort::Distance,
            (1, _) => Sort::Date,
            _ => Sort::Relevance,
        };
        let facets = FacetSet::of(&subset(&Facet::ALL, u32::from(facet_bits)));
        let q = JobQuery {
            text: None,
            kinds: subset(JobKind::ALL, kinds),
            occupations: subset(&PREFIXES, occs).into_iter().map(String::from).collect(),
            working_times: subset(WorkingTime::ALL, wts),
            contracts: subset(Contract::ALL, contracts),
            states: subset(&STATE_CODES, states).into_iter().map(String::from).collect(),
            places: subset(&PLACES, places).into_iter().map(|p| place_ref(p).id).collect(),
            employers: subset(&[1, 2, 3], employers),
            area: None,
            facets,
            centre,
            radius_km: radius,
            sort,
            offset,
            limit,
            per_place,
        };
        let r = index.search(&q, today()).expect("search");

        // Reference: one test per facet filter; a job counts into a facet when it passes
        // every other facet's filter.
        let tests: [FacetTest<'_>; 7] = [
            (Facet::Kind, Box::new(|j: &Job| q.kinds.is_empty() || q.kinds.contains(&j.data.kind))),
            (Facet::WorkingTime, Box::new(|j: &Job| q.working_times.is_empty()
                || j.data.working_time.iter().any(|w| q.working_times.contains(w)))),
            (Facet::OccupationArea, Box::new(|j: &Job| q.occupations.is_empty()
                || q.occupations.iter().any(|p| j.data.occupation.starts_with(p.as_str())))),
            (Facet::Contract, Box::new(|j: &Job| q.contracts.is_empty()
                || q.contracts.contains(&j.data.contract))),
            (Facet::State, Box::new(|j: &Job| q.states.is_empty()
                || q.states.contains(&j.place.state_code))),
            (Facet::Place, Box::new(|j: &Job| q.places.is_empty() || q.places.contains(&j.place.id))),
            (Facet::Employer, Box::new(|j: &Job| q.employers.is_empty()
                || q.employers.contains(&j.employer.id))),
        ];
        let passes_except = |j: &Job, skip: Option<Facet>| {
            tests.iter().all(|(f, t)| Some(*f) == skip || t(j))
        };
        let dist = |j: &Job| centre.map(|(la, lo)| distance_km(la, lo, j.place.lat, j.place.lon));
        let base: Vec<&Job> = jobs.iter()
            .filter(|j| j.is_open_on(today()))
            .filter(|j| match (dist(j), radius) { (Some(d), Some(r)) => d <= r, _ => true })
            .collect();
        let mut matching: Vec<&Job> =
            base.iter().copied().filter(|j| passes_except(j, None)).collect();
        prop_assert_eq!(r.total, matching.len() as u64);

        fn ordered<T: Ord + Clone>(m: std::collections::BTreeMap<T, u64>) -> Vec<(T, u64)> {
            let mut v: Vec<(T, u64)> = m.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v
        }
        fn counts<T: Ord + Clone>(
            jobs: &[&Job],
            keep: impl Fn(&Job) -> bool,
            values: impl Fn(&Job) -> Vec<T>,
        ) -> Vec<(T, u64)> {
            let mut m = std::collections::BTreeMap::new();
            for j in jobs.iter().filter(|j| keep(j)) {
                for v in values(j) {
                    *m.entry(v).or_insert(0u64) += 1;
                }
            }
            ordered(m)
        }
        fn or_empty<T>(facets: FacetSet, f: Facet, v: Vec<T>) -> Vec<T> {
            if facets.contains(f) { v } else { Vec::new() }
        }
        let keep = |f: Facet| move |j: &Job| passes_except(j, Some(f));
        prop_assert_eq!(&r.facets.kind, &or_empty(facets, Facet::Kind,
            counts(&base, keep(Facet::Kind), |j| vec![j.data.kind])));
        prop_assert_eq!(&r.facets.working_time, &or_empty(facets, Facet::WorkingTime,
            counts(&base, keep(Facet::WorkingTime), |j| j.data.working_time.clone())));
        prop_assert_eq!(&r.facets.occupation_area, &or_empty(facets, Facet::OccupationArea,
            counts(&base, keep(Facet::OccupationArea), |j| vec![j.data.occupation[..1].to_string()])));
        prop_assert_eq!(&r.facets.contract, &or_empty(facets, Facet::Contract,
            counts(&base, keep(Facet::Contract), |j| vec![j.data.contract])));
        prop_assert_eq!(&r.facets.state, &or_empty(facets, Facet::State,
            counts(&base, keep(Facet::State), |j| vec![j.place.state_code.clone()])));
        prop_assert_eq!(&r.facets.place, &or_empty(facets, Facet::Place,
            counts(&base, keep(Facet::Place), |j| vec![j.place.id])));
        prop_assert_eq!(&r.facets.employer, &or_empty(facets, Facet::Employer,
            counts(&base, keep(Facet::Employer), |j| vec![j.employer.id])));

        let newest = |a: &Job, b: &Job| b.data.posted_at.cmp(&a.data.posted_at).then(b.id.cmp(&a.id));
        if sort == Sort::Distance {
            matching.sort_by(|a, b| dist(a).partial_cmp(&dist(b)).expect("finite").then_with(|| newest(a, b)));
        } else {
            matching.sort_by(|a, b| newest(a, b));
        }
        let expected: Vec<i64> = matching.iter().skip(offset).take(limit).map(|j| j.id).collect();
        prop_assert_eq!(ids(&r), expected);
        // Per place: every place with a match, its count, and its best in the same order.
        let mut by_place: std::collections::BTreeMap<i64, Vec<i64>> = Default::default();
        if per_place > 0 {
            for j in &matching {
                by_place.entry(j.place.id).or_default().push(j.id);
            }
        }
        let got: Vec<(i64, u64, Vec<i64>)> = r.by_place.iter()
            .map(|p| (p.place_id, p.total, p.hits.iter().map(|h| h.id).collect()))
            .collect();
        let want: Vec<(i64, u64, Vec<i64>)> = by_place.into_iter()
            .map(|(id, all)| (id, all.len() as u64, all.into_iter().take(per_place).collect()))
            .collect();
        prop_assert_eq!(got, want);
        for h in &r.hits {
            let j = jobs.iter().find(|j| j.id == h.id).expect("known id");
            prop_assert_eq!(h.distance_km, dist(j));
        }
    }
}
