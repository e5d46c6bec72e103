//! The deterministic demo job generator.

use crate::catalogue::{
    self as cat, Occ, COURSES, INTERNSHIPS, MINI, OCCUPATIONS, PART, REMOTE, SHIFT, STUDIES,
    TRAININGS, YEAR,
};
use crate::employers::{push_escaped, Sector, PROFILES, TOWNS};
use bleibe_domain::{
    Apply, Contract, Employer, JobKind, NewJob, Place, Salary, SalaryUnit, SchoolCertificate,
    Source, WorkingTime,
};
use chrono::{Datelike, Days, Months, NaiveDate, NaiveTime};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::fmt::Write as _;

/// Share of each kind of offer, in percent, in `JobKind::ALL` order.
const KIND_WEIGHTS: [u32; 5] = [70, 12, 5, 8, 5];

/// Share of jobs placed somewhere else than at the employer's seat.
const ELSEWHERE: f64 = 0.15;

/// An endless, deterministic stream of fictitious demo jobs; see [`jobs()`](crate::jobs()).
///
/// Every job is `demo: true`, starts its description with "Dies ist eine fiktive
/// Demo-Stellenanzeige." and links only to `example.org`. The stream ends at once
/// when it was given no employers.
#[derive(Debug)]
pub struct JobGenerator {
    rng: ChaCha8Rng,
    seq: u64,
    ctx: Context,
}

/// Everything the generator reads but never changes.
#[derive(Debug)]
struct Context {
    reference: NaiveDate,
    employers: Vec<Emp>,
    /// One pool per kind, in `JobKind::ALL` order.
    pools: [Pool; 5],
    kind_cum: [u32; 5],
    others: Others,
}

/// A usable employer, with what descriptions need precomputed.
#[derive(Debug)]
struct Emp {
    id: i64,
    name: String,
    place_id: i64,
    place_name: String,
    /// `<p>Über uns: …</p>`, escaped.
    about: String,
}

/// The catalogue entries of one kind with their weights and fitting employers.
#[derive(Debug)]
struct Pool {
    /// Cumulative weights over the entries; an entry no employer fits weighs 0.
    cum: Vec<u32>,
    /// Per entry: indices of employers that may offer it.
    candidates: Vec<Vec<u32>>,
    /// Per entry: the task (or content) list for the description.
    tasks: Vec<&'static [&'static str]>,
}

/// Where jobs not at the employer's seat go.
#[derive(Debug)]
enum Others {
    /// Any place of the gazetteer, weighted by population.
    Gazetteer {
        places: Vec<(i64, String)>,
        cum: Vec<u64>,
    },
    /// Another town of [`TOWNS`].
    Towns,
}

impl JobGenerator {
    pub(crate) fn new(
        seed: u64,
        employers: &[Employer],
        places: &[Place],
        reference: NaiveDate,
    ) -> Self {
        // Demo jobs belong to demo employers; only when none is given do we use all.
        let any_demo = employers.iter().any(|e| e.demo);
        let mut emps = Vec::new();
        let mut sectors: Vec<&'static [Sector]> = Vec::new();
        for e in employers.iter().filter(|e| e.demo || !any_demo) {
            let profile = PROFILES.iter().find(|p| p.name == e.name);
            let mut about = String::with_capacity(200);
            about.push_str("<p>Über uns: ");
            match profile {
                Some(p) => push_escaped(&mut about, p.blurb),
                None => {
                    push_escaped(&mut about, &e.name);
                    about.push_str(" ist ein Arbeitgeber aus ");
                    push_escaped(&mut about, &e.place.name);
                    about.push('.');
                }
            }
            about.push_str("</p>");
            sectors.push(profile.map_or(&[], |p| p.sectors));
            emps.push(Emp {
                id: e.id,
                name: e.name.clone(),
                place_id: e.place.id,
                place_name: e.place.name.clone(),
                about,
            });
        }

        let pools = [
            Pool::new(
                OCCUPATIONS.iter().map(|o| (o.sectors, o.weight, o.tasks)),
                &sectors,
            ),
            Pool::new(
                TRAININGS.iter().map(|t| {
                    (
                        t.sectors,
                        t.weight,
                        tasks_for(t.code, cat::GENERIC_TRAINING_TASKS),
                    )
                }),
                &sectors,
            ),
            Pool::new(
                STUDIES.iter().map(|s| {
                    (
                        s.sectors,
                        s.weight,
                        tasks_for(s.code, cat::GENERIC_TRAINING_TASKS),
                    )
                }),
                &sectors,
            ),
            Pool::new(
                INTERNSHIPS.iter().map(|i| {
                    (
                        i.sectors,
                        i.weight,
                        tasks_for(i.code, cat::GENERIC_TRAINING_TASKS),
                    )
                }),
                &sectors,
            ),
            Pool::new(
                COURSES
                    .iter()
                    .map(|c| (c.sectors, c.weight, cat::GENERIC_COURSE_TASKS)),
                &sectors,
            ),
        ];
        let mut kind_cum = [0u32; 5];
        let mut sum = 0;
        for (k, w) in KIND_WEIGHTS.iter().enumerate() {
            if pools[k].total() > 0 {
                sum += w;
            }
            kind_cum[k] = sum;
        }

        let others = if places.is_empty() {
            Others::Towns
        } else {
            let mut cum = Vec::with_capacity(places.len());
            let mut total = 0u64;
            for p in places {
                total += u64::from(p.population.unwrap_or(1000).max(1));
                cum.push(total);
            }
            Others::Gazetteer {
                places: places.iter().map(|p| (p.id, p.name.clone())).collect(),
                cum,
            }
        };

        JobGenerator {
            rng: ChaCha8Rng::seed_from_u64(seed),
            seq: 0,
            ctx: Context {
                reference,
                employers: emps,
                pools,
                kind_cum,
                others,
            },
        }
    }
}

impl Iterator for JobGenerator {
    type Item = NewJob;

    fn next(&mut self) -> Option<NewJob> {
        if self.ctx.employers.is_empty() {
            return None;
        }
        self.seq += 1;
        Some(generate(&mut self.rng, &self.ctx, self.seq))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.ctx.employers.is_empty() {
            (0, Some(0))
        } else {
            (usize::MAX, None)
        }
    }
}

impl Pool {
    fn new(
        entries: impl Iterator<Item = (&'static [Sector], u32, &'static [&'static str])>,
        employer_sectors: &[&'static [Sector]],
    ) -> Pool {
        let mut weights = Vec::new();
        let mut catalogue_weights = Vec::new();
        let mut candidates = Vec::new();
        let mut tasks = Vec::new();
        for (sectors, weight, t) in entries {
            let fits: Vec<u32> = employer_sectors
                .iter()
                .enumerate()
                .filter(|(_, es)| sectors.is_empty() || es.iter().any(|s| sectors.contains(s)))
                .map(|(i, _)| i as u32)
                .collect();
            weights.push(if fits.is_empty() { 0 } else { weight });
            catalogue_weights.push(weight);
            candidates.push(fits);
            tasks.push(t);
        }
        // No employer fits any entry (e.g. only unknown employers were given): then any
        // employer may offer anything.
        if weights.iter().all(|w| *w == 0) && !employer_sectors.is_empty() {
            let all: Vec<u32> = (0..employer_sectors.len() as u32).collect();
            for c in candidates.iter_mut() {
                c.clone_from(&all);
            }
            weights = catalogue_weights;
        }
        let mut cum = Vec::with_capacity(weights.len());
        let mut sum = 0;
        for w in weights {
            sum += w;
            cum.push(sum);
        }
        Pool {
            cum,
            candidates,
            tasks,
        }
    }

    fn total(&self) -> u32 {
        self.cum.last().copied().unwrap_or(0)
    }
}

/// The task list of the occupation with this code, else of one in the same occupational
/// group (first 3 digits), else `fallback`.
fn tasks_for(code: &str, fallback: &'static [&'static str]) -> &'static [&'static str] {
    OCCUPATIONS
        .iter()
        .find(|o| o.code == code)
        .or_else(|| OCCUPATIONS.iter().find(|o| o.code[..3] == code[..3]))
        .map_or(fallback, |o| o.tasks)
}

/// Index into cumulative weights `cum` (whose total must be positive).
fn weighted<T>(rng: &mut ChaCha8Rng, cum: &[T]) -> usize
where
    T: Copy + PartialOrd + rand::distributions::uniform::SampleUniform + Default,
{
    let total = cum[cum.len() - 1];
    let r = rng.gen_range(T::default()..total);
    cum.partition_point(|&c| c <= r)
}

fn pick<'a>(rng: &mut ChaCha8Rng, items: &[&'a str]) -> &'a str {
    items[rng.gen_range(0..items.len())]
}

fn gender(rng: &mut ChaCha8Rng) -> &'static str {
    match rng.gen_range(0..100) {
        0..=79 => "(m/w/d)",
        80..=89 => "(w/m/d)",
        90..=95 => "(m/w/x)",
        _ => "(d/m/w)",
    }
}

/// The first day of the month `months` months after `reference`'s month.
fn first_of_month(reference: NaiveDate, months: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(reference.year(), reference.month(), 1)
        .and_then(|d| d.checked_add_months(Months::new(months)))
        .unwrap_or(reference)
}

/// Start of a training year: the 1st of `month` (or `other`, with probability
/// 1 - `p_month`), this year if that is still ahead of `reference` (sometimes), else
/// next year.
fn training_start(
    rng: &mut ChaCha8Rng,
    reference: NaiveDate,
    month: u32,
    other: u32,
    p_month: f64,
) -> NaiveDate {
    let m = if rng.gen_bool(p_month) { month } else { other };
    let next_year = rng.gen_bool(0.4);
    match NaiveDate::from_ymd_opt(reference.year(), m, 1) {
        Some(d) if d > reference && !next_year => d,
        _ => NaiveDate::from_ymd_opt(reference.year() + 1, m, 1).unwrap_or(reference),
    }
}

fn round_to(x: f64, step: f64) -> f64 {
    (x / step).round() * step
}

/// Takes `n` items of `items`, starting at a random one, wrapping around.
fn rotated<'a>(
    rng: &mut ChaCha8Rng,
    items: &'a [&'a str],
    n: usize,
) -> impl Iterator<Item = &'a str> + 'a {
    let start = rng.gen_range(0..items.len());
    items
        .iter()
        .cycle()
        .skip(start)
        .take(n.min(items.len()))
        .copied()
}

/// The fields that depend on the kind of offer.
struct Draft {
    title: String,
    /// How the description names the occupation, course or field.
    name: String,
    occupation: &'static str,
    working_time: Vec<WorkingTime>,
    contract: Contract,
    salary: Option<Salary>,
    training_allowance: Vec<u32>,
    school_certificate: Option<SchoolCertificate>,
    start_date: Option<NaiveDate>,
    /// Training years as allowance entries (apprenticeships only).
    years: u8,
}

fn generate(rng: &mut ChaCha8Rng, ctx: &Context, seq: u64) -> NewJob {
    let kind_index = weighted(rng, &ctx.kind_cum);
    let kind = JobKind::ALL[kind_index];
    let pool = &ctx.pools[kind_index];
    let entry = weighted(rng, &pool.cum);
    let candidates = &pool.candidates[entry];
    let emp = &ctx.employers[candidates[rng.gen_range(0..candidates.len())] as usize];

    let (place_id, place_name, branch) = if rng.gen_bool(ELSEWHERE) {
        match &ctx.others {
            Others::Gazetteer { places, cum } => {
                let (id, name) = &places[weighted(rng, cum)];
                (*id, name.as_str(), *id != emp.place_id)
            }
            Others::Towns => {
                let mut i = rng.gen_range(0..TOWNS.len());
                if TOWNS[i].id == emp.place_id {
                    i = (i + 1) % TOWNS.len();
                }
                (TOWNS[i].id, TOWNS[i].name, true)
            }
        }
    } else {
        (emp.place_id, emp.place_name.as_str(), false)
    };

    let reference = ctx.reference;
    let draft = match kind {
        JobKind::Job => job(rng, &OCCUPATIONS[entry], reference, place_name),
        JobKind::Apprenticeship => apprenticeship(rng, entry, reference),
        JobKind::DualStudy => dual_study(rng, entry, reference),
        JobKind::Internship => internship(rng, entry, reference),
        JobKind::FurtherTraining => further_training(rng, entry, reference),
    };

    let description = describe(
        rng,
        kind,
        &draft,
        emp,
        place_name,
        branch,
        pool.tasks[entry],
    );

    let posted_day = reference
        .checked_sub_days(Days::new(rng.gen_range(0..=60)))
        .unwrap_or(reference);
    let time = NaiveTime::from_hms_opt(rng.gen_range(6..=19), rng.gen_range(0..60), 0)
        .unwrap_or(NaiveTime::MIN);
    let posted_at = posted_day.and_time(time).and_utc();
    let valid_through = if rng.gen_bool(0.3) {
        None
    } else {
        reference.checked_add_days(Days::new(rng.gen_range(14..=180)))
    };

    let r = rng.gen_range(0..100);
    let apply = Apply {
        url: (r < 80).then(|| format!("https://example.org/demo/jobs/{seq}")),
        email: (r >= 65).then(|| "bewerbung@example.org".to_string()),
    };

    NewJob {
        employer_id: emp.id,
        kind,
        title: draft.title,
        description,
        occupation: draft.occupation.to_string(),
        place_id,
        street: None,
        postcode: None,
        working_time: draft.working_time,
        contract: draft.contract,
        salary: draft.salary,
        training_allowance: draft.training_allowance,
        school_certificate: draft.school_certificate,
        start_date: draft.start_date,
        posted_at,
        valid_through,
        apply,
        source: Source::Own,
        external_id: None,
        demo: true,
        status: bleibe_domain::JobStatus::Published,
    }
}

fn job(rng: &mut ChaCha8Rng, occ: &Occ, reference: NaiveDate, place_name: &str) -> Draft {
    use WorkingTime::*;
    let traits = occ.traits;
    let level = occ.code.as_bytes()[4] - b'0';

    let mut wt = Vec::with_capacity(2);
    if traits & MINI != 0 && rng.gen_bool(0.12) {
        wt.push(Minijob);
    } else if traits & REMOTE != 0 && rng.gen_bool(0.08) {
        wt.push(Remote);
    } else {
        let part = rng.gen_bool(if traits & PART != 0 { 0.35 } else { 0.04 });
        if part {
            if rng.gen_bool(0.3) {
                wt.push(FullTime);
            }
            wt.push(PartTime);
        } else {
            wt.push(FullTime);
        }
        if wt.len() < 2 {
            if traits & SHIFT != 0 && rng.gen_bool(0.5) {
                wt.push(Shift);
            } else if traits & REMOTE != 0 && rng.gen_bool(0.4) {
                wt.push(Remote);
            }
        }
    }

    let contract = if rng.gen_bool(if wt == [Minijob] { 0.5 } else { 0.8 }) {
        Contract::Permanent
    } else {
        Contract::FixedTerm
    };

    let salary = rng.gen_bool(0.78).then(|| {
        let (lo, hi) = (f64::from(occ.pay.0), f64::from(occ.pay.1));
        if wt == [Minijob] || (level == 1 && rng.gen_bool(0.3)) {
            // In cents, so that amounts like 14.30 stay exact decimals.
            let base = if wt == [Minijob] { 1400 } else { 1450 };
            let min = base + 10 * rng.gen_range(0..=25u32);
            let max = rng
                .gen_bool(0.4)
                .then(|| min + 10 * rng.gen_range(5..=20u32));
            Salary {
                min: f64::from(min) / 100.0,
                max: max.map(|m| f64::from(m) / 100.0),
                unit: SalaryUnit::Hour,
            }
        } else if traits & YEAR != 0 && rng.gen_bool(0.45) {
            let min = round_to((lo + rng.gen_range(0.0..=(hi - lo) / 2.0)) * 12.0, 1000.0);
            let max = rng
                .gen_bool(0.8)
                .then(|| min + 1000.0 * f64::from(rng.gen_range(3..=12u32)));
            Salary {
                min,
                max,
                unit: SalaryUnit::Year,
            }
        } else {
            let factor = if wt == [PartTime] {
                [0.5, 0.625, 0.75, 0.875][rng.gen_range(0..4)]
            } else {
                1.0
            };
            let min = round_to((lo + rng.gen_range(0.0..=(hi - lo) / 2.0)) * factor, 50.0);
            let max = rng
                .gen_bool(0.7)
                .then(|| min + 50.0 * f64::from(rng.gen_range(4..=16u32)));
            Salary {
                min,
                max,
                unit: SalaryUnit::Month,
            }
        }
    });

    let start_date = rng
        .gen_bool(0.3)
        .then(|| first_of_month(reference, rng.gen_range(1..=3)));

    let mut name = String::with_capacity(occ.head.len() + occ.tail.len() + 1);
    name.push_str(occ.head);
    if !occ.tail.is_empty() {
        name.push(' ');
        name.push_str(occ.tail);
    }

    let mut title = String::with_capacity(name.len() + 40);
    title.push_str(occ.head);
    title.push(' ');
    title.push_str(gender(rng));
    if !occ.tail.is_empty() {
        title.push(' ');
        title.push_str(occ.tail);
    }
    let suffix: &str = match wt.as_slice() {
        [Minijob] => pick(rng, &[" – Minijob", " auf Minijob-Basis", " (Minijob)"]),
        [Remote] => pick(
            rng,
            &[" – 100 % remote", " (remote)", " – vollständig remote"],
        ),
        [_, Shift] if rng.gen_bool(0.6) => {
            // Round-the-clock production: KldB area 2 except food, and chemistry.
            let industrial = (occ.code.starts_with('2') && !occ.code.starts_with("29"))
                || occ.code.starts_with("41");
            if !occ.tail.is_empty() {
                pick(rng, &[" – Schichtdienst", " – Schichtbetrieb"])
            } else if industrial {
                pick(
                    rng,
                    &[
                        " im Schichtdienst",
                        " im Drei-Schicht-System",
                        " – Schichtbetrieb",
                    ],
                )
            } else {
                pick(rng, &[" im Schichtdienst", " – Schichtdienst"])
            }
        }
        [PartTime] if rng.gen_bool(0.7) => pick(rng, &[" Teilzeit", " in Teilzeit"]),
        [FullTime, PartTime] if rng.gen_bool(0.5) => " – Voll- oder Teilzeit",
        [FullTime, Remote] if rng.gen_bool(0.5) => {
            pick(rng, &[" – hybrid", " (Homeoffice möglich)"])
        }
        [FullTime] if open_to_career_changers(occ) && rng.gen_bool(0.1) => {
            " – Quereinstieg möglich"
        }
        _ => "",
    };
    title.push_str(suffix);
    if suffix.is_empty() && wt == [FullTime] && rng.gen_bool(0.08) {
        title.push_str(" in ");
        title.push_str(place_name);
    }

    Draft {
        title,
        name,
        occupation: occ.code,
        working_time: wt,
        contract,
        salary,
        training_allowance: Vec::new(),
        school_certificate: None,
        start_date,
        years: 0,
    }
}

/// Whether people without the matching vocational training can start in this job:
/// helper level, or trades that commonly train newcomers on the job.
fn open_to_career_changers(occ: &Occ) -> bool {
    occ.code.ends_with('1')
        || ["51", "54", "62", "63"]
            .iter()
            .any(|p| occ.code.starts_with(p))
        || occ.code == "25122"
}

fn apprenticeship(rng: &mut ChaCha8Rng, entry: usize, reference: NaiveDate) -> Draft {
    let tr = &TRAININGS[entry];
    let start = training_start(rng, reference, 8, 9, 0.7);
    let year = start.year();
    let g = gender(rng);
    let title = match rng.gen_range(0..5) {
        0 => format!("Ausbildung {} {year}", tr.name),
        1 => format!("Ausbildung {} {g}", tr.name),
        2 => format!("Ausbildung als {} {g} – Start {year}", tr.name),
        3 => format!("Azubi {} {g} {year}", tr.name),
        _ => format!("Ausbildungsplatz {} {year}", tr.name),
    };
    let first = (i64::from(tr.base) + 10 * rng.gen_range(-5..=10i64)).max(700) as u32;
    let step = 10 * rng.gen_range(5..=12u32);
    let training_allowance = (0..u32::from(tr.years)).map(|y| first + y * step).collect();
    let cert = match tr.cert {
        SchoolCertificate::Mittlere if rng.gen_bool(0.15) => SchoolCertificate::Hauptschule,
        SchoolCertificate::Abitur if rng.gen_bool(0.3) => SchoolCertificate::Fachhochschulreife,
        c => c,
    };
    Draft {
        title,
        name: tr.name.to_string(),
        occupation: tr.code,
        working_time: vec![WorkingTime::FullTime],
        contract: Contract::FixedTerm,
        salary: None,
        training_allowance,
        school_certificate: Some(cert),
        start_date: Some(start),
        years: tr.years,
    }
}

fn dual_study(rng: &mut ChaCha8Rng, entry: usize, reference: NaiveDate) -> Draft {
    let st = &STUDIES[entry];
    let start = training_start(rng, reference, 10, 9, 0.5);
    let year = start.year();
    let title = match rng.gen_range(0..4) {
        0 => format!("Duales Studium {}", st.name),
        1 => format!("Duales Studium {} {year}", st.name),
        2 => format!("Duales Studium {} {}", st.name, gender(rng)),
        _ => format!(
            "Duales Studium {} – Start {} {year}",
            st.name,
            cat::MONTHS[start.month0() as usize]
        ),
    };
    let years = if rng.gen_bool(0.15) { 4 } else { 3 };
    let first = 10 * rng.gen_range(100..=140u32);
    let step = 10 * rng.gen_range(5..=10u32);
    Draft {
        title,
        name: st.name.to_string(),
        occupation: st.code,
        working_time: vec![WorkingTime::FullTime],
        contract: Contract::FixedTerm,
        salary: None,
        training_allowance: (0..years).map(|y| first + y * step).collect(),
        school_certificate: None,
        start_date: Some(start),
        years: 0,
    }
}

fn internship(rng: &mut ChaCha8Rng, entry: usize, reference: NaiveDate) -> Draft {
    let it = &INTERNSHIPS[entry];
    let form = rng.gen_range(0..100);
    let title = match form {
        0..=34 => format!("Praktikum {}", it.name),
        35..=54 => format!("Praktikum {} {}", it.name, gender(rng)),
        55..=69 => format!("Pflichtpraktikum {}", it.name),
        70..=84 => format!("Praktikum im Bereich {}", it.name),
        85..=94 => format!("Praxissemester {}", it.name),
        _ => format!("Schülerpraktikum {}", it.name),
    };
    let working_time = vec![if rng.gen_bool(0.8) {
        WorkingTime::FullTime
    } else {
        WorkingTime::PartTime
    }];
    let salary = (form < 95 && rng.gen_bool(0.4)).then(|| Salary {
        min: 50.0 * f64::from(rng.gen_range(12..=28u32)),
        max: None,
        unit: SalaryUnit::Month,
    });
    let start_date = rng
        .gen_bool(0.5)
        .then(|| first_of_month(reference, rng.gen_range(1..=5)));
    Draft {
        title,
        name: it.name.to_string(),
        occupation: it.code,
        working_time,
        contract: Contract::FixedTerm,
        salary,
        training_allowance: Vec::new(),
        school_certificate: None,
        start_date,
        years: 0,
    }
}

fn further_training(rng: &mut ChaCha8Rng, entry: usize, reference: NaiveDate) -> Draft {
    let co = &COURSES[entry];
    let part = rng.gen_bool(0.55);
    let start_date = rng
        .gen_bool(0.65)
        .then(|| first_of_month(reference, rng.gen_range(1..=6)));
    let title = match (rng.gen_range(0..4), start_date) {
        (1, _) if part => format!("{} {} (berufsbegleitend)", co.prefix, co.name),
        (1, _) => format!("{} {} in Vollzeit", co.prefix, co.name),
        (2, Some(d)) => format!(
            "{} {} – Start {} {}",
            co.prefix,
            co.name,
            cat::MONTHS[d.month0() as usize],
            d.year()
        ),
        (3, _) => format!("{}: {}", co.prefix, co.name),
        _ => format!("{} {}", co.prefix, co.name),
    };
    Draft {
        title,
        name: format!("{} {}", co.prefix, co.name),
        occupation: co.code,
        working_time: vec![if part {
            WorkingTime::PartTime
        } else {
            WorkingTime::FullTime
        }],
        contract: Contract::FixedTerm,
        salary: None,
        training_allowance: Vec::new(),
        school_certificate: None,
        start_date,
        years: 0,
    }
}

/// Appends an amount in German notation, e.g. `3.250 €` or `14,50 €`.
fn push_amount(out: &mut String, value: f64) {
    let cents = (value * 100.0).round() as i64;
    let euros = (cents / 100).to_string();
    for (i, ch) in euros.chars().enumerate() {
        if i > 0 && (euros.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(ch);
    }
    if cents % 100 != 0 {
        let _ = write!(out, ",{:02}", cents % 100);
    }
    out.push_str(" €");
}

fn push_date(out: &mut String, d: NaiveDate) {
    let _ = write!(
        out,
        "{}. {} {}",
        d.day(),
        cat::MONTHS[d.month0() as usize],
        d.year()
    );
}

fn push_list<'a>(out: &mut String, heading: &str, items: impl Iterator<Item = &'a str>) {
    out.push_str("<h3>");
    out.push_str(heading);
    out.push_str("</h3><ul>");
    for item in items {
        out.push_str("<li>");
        push_escaped(out, item);
        out.push_str("</li>");
    }
    out.push_str("</ul>");
}

fn describe(
    rng: &mut ChaCha8Rng,
    kind: JobKind,
    d: &Draft,
    emp: &Emp,
    place: &str,
    branch: bool,
    tasks: &'static [&'static str],
) -> String {
    use WorkingTime::*;
    let mut out = String::with_capacity(1600);
    let trainee = matches!(
        kind,
        JobKind::Apprenticeship | JobKind::DualStudy | JobKind::Internship
    );

    out.push_str("<p>Dies ist eine fiktive Demo-Stellenanzeige. Den Arbeitgeber ");
    push_escaped(&mut out, &emp.name);
    out.push_str(" gibt es nicht; Bewerbungen über diese Anzeige erreichen niemanden.</p>");

    // Where: "in Cottbus" or "in unserer Niederlassung Leipzig".
    let mut at = String::with_capacity(place.len() + 30);
    at.push_str(if branch {
        "in unserer Niederlassung "
    } else {
        "in "
    });
    push_escaped(&mut at, place);
    let mut name = String::with_capacity(d.name.len() + 8);
    push_escaped(&mut name, &d.name);

    out.push_str("<p>");
    match kind {
        JobKind::Job => {
            let _ = match rng.gen_range(0..4) {
                0 => write!(out, "Für unser Team {at} suchen wir Verstärkung als {name}."),
                1 => {
                    push_escaped(&mut out, &emp.name);
                    write!(out, " wächst – und sucht {at} Unterstützung als {name}.")
                }
                2 => write!(
                    out,
                    "Sie möchten in der Region arbeiten und hier bleiben? Dann werden Sie Teil unseres Teams {at} als {name}."
                ),
                _ => write!(
                    out,
                    "Ob Rückkehrer, Pendler oder neu in der Region: Als {name} {at} finden Sie bei uns eine Aufgabe mit Zukunft."
                ),
            };
            out.push_str(" Beginn: ");
            match d.start_date {
                Some(s) => push_date(&mut out, s),
                None => out.push_str("ab sofort"),
            }
            out.push('.');
        }
        JobKind::Apprenticeship => {
            let _ = match rng.gen_range(0..2) {
                0 => write!(out, "Starte deine Ausbildung als {name} bei uns {at}."),
                _ => write!(
                    out,
                    "Du suchst eine Ausbildung mit Zukunft in der Region? Lerne bei uns {at} den Beruf {name}."
                ),
            };
        }
        JobKind::DualStudy => {
            let _ = write!(
                out,
                "Verbinde Theorie und Praxis: Studiere {name} an einer Hochschule und sammle Praxiserfahrung bei uns {at}."
            );
        }
        JobKind::Internship => {
            let _ = write!(
                out,
                "Lerne den Berufsalltag kennen: Wir bieten ein Praktikum im Bereich {name} bei uns {at}."
            );
        }
        JobKind::FurtherTraining => {
            let _ = write!(
                out,
                "Bilden Sie sich weiter: {name} mit Praxisphasen bei uns {at}."
            );
        }
    }
    if kind != JobKind::Job {
        out.push_str(if kind == JobKind::FurtherTraining {
            " Kursbeginn: "
        } else {
            " Beginn: "
        });
        match d.start_date {
            Some(s) => push_date(&mut out, s),
            None => out.push_str("nach Absprache"),
        }
        out.push('.');
    }
    out.push_str("</p>");
    out.push_str(&emp.about);

    // Tasks or contents.
    let heading = match kind {
        JobKind::Job => "Ihre Aufgaben",
        JobKind::Apprenticeship => "Das lernst du bei uns",
        JobKind::DualStudy => "Deine Praxisphasen",
        JobKind::Internship => "Deine Aufgaben im Praktikum",
        JobKind::FurtherTraining => "Inhalte",
    };
    let n = rng.gen_range(3..=4);
    push_list(&mut out, heading, rotated(rng, tasks, n));

    // Profile.
    let wt = d.working_time.as_slice();
    let mut first: [&str; 2] = ["", ""];
    let level_text;
    match kind {
        JobKind::Job => {
            let level = d.occupation.as_bytes()[4] - b'0';
            level_text = match level {
                _ if d.occupation.starts_with('0') => {
                    "Gesundheitliche Eignung und Bereitschaft zu Lehrgängen".to_string()
                }
                1 => "Keine Ausbildung nötig – wir arbeiten Sie gründlich ein".to_string(),
                2 => format!(
                    "Abgeschlossene Berufsausbildung als {} oder vergleichbare Qualifikation",
                    d.name
                ),
                3 => "Meister, Techniker, Fachwirt oder mehrjährige Berufserfahrung".to_string(),
                _ => "Abgeschlossenes Studium in einem passenden Fach".to_string(),
            };
            first[0] = &level_text;
            if wt.contains(&Shift) {
                first[1] = "Bereitschaft zur Arbeit im Schichtsystem";
            } else if wt.contains(&Remote) {
                first[1] = "Sicherer Umgang mit digitalen Werkzeugen";
            }
        }
        JobKind::Apprenticeship => {
            first[0] = match d.school_certificate {
                Some(SchoolCertificate::Hauptschule) => {
                    "Mindestens Hauptschulabschluss (Berufsbildungsreife)"
                }
                Some(SchoolCertificate::Mittlere) => "Mittlerer Schulabschluss",
                Some(SchoolCertificate::Fachhochschulreife) => "Fachhochschulreife oder Abitur",
                Some(SchoolCertificate::Abitur) => "Abitur",
                _ => "Kein bestimmter Schulabschluss nötig",
            };
        }
        JobKind::DualStudy => first[0] = "Abitur oder Fachhochschulreife",
        JobKind::Internship => {
            first[0] = "Schule, Studium oder berufliche Neuorientierung – alle sind willkommen"
        }
        JobKind::FurtherTraining => {}
    }
    let (heading, pool) = match kind {
        JobKind::Job => ("Ihr Profil", cat::JOB_PROFILE),
        JobKind::FurtherTraining => ("Voraussetzungen", cat::COURSE_PROFILE),
        _ => ("Das bringst du mit", cat::TRAINEE_PROFILE),
    };
    let extra = if kind == JobKind::FurtherTraining {
        3
    } else {
        2
    };
    let items = first
        .iter()
        .copied()
        .filter(|s| !s.is_empty())
        .chain(rotated(rng, pool, extra));
    push_list(&mut out, heading, items);

    // Offers.
    let mut offer_first: [&str; 2] = ["", ""];
    let allowance_text;
    match kind {
        JobKind::Job => {
            if d.contract == Contract::Permanent {
                offer_first[0] = "Unbefristeter Arbeitsvertrag";
            }
            if wt.contains(&Shift) {
                offer_first[1] = "Schichtzulagen und verlässliche Dienstpläne";
            } else if wt.contains(&Remote) {
                offer_first[1] = "Mobiles Arbeiten nach Absprache";
            }
        }
        JobKind::Apprenticeship | JobKind::DualStudy => {
            if let Some(a) = d.training_allowance.first() {
                let mut s = String::with_capacity(80);
                s.push_str(if kind == JobKind::DualStudy {
                    "Monatliche Vergütung während des ganzen Studiums, im 1. Jahr "
                } else {
                    "Ausbildungsvergütung im 1. Jahr "
                });
                push_amount(&mut s, f64::from(*a));
                s.push_str(", danach jedes Jahr mehr");
                allowance_text = s;
                offer_first[0] = &allowance_text;
            }
        }
        _ => {}
    }
    let (heading, pool) = match kind {
        JobKind::Job => ("Wir bieten", cat::JOB_OFFERS),
        JobKind::FurtherTraining => ("Rahmenbedingungen", cat::COURSE_OFFERS),
        _ => ("Das bieten wir dir", cat::TRAINEE_OFFERS),
    };
    let items = offer_first
        .iter()
        .copied()
        .filter(|s| !s.is_empty())
        .chain(rotated(rng, pool, 3));
    push_list(&mut out, heading, items);

    // Conditions.
    out.push_str("<p>");
    out.push_str(if kind == JobKind::FurtherTraining {
        "Form: "
    } else {
        "Arbeitszeit: "
    });
    for (i, w) in wt.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(match w {
            FullTime => "Vollzeit",
            PartTime if kind == JobKind::FurtherTraining => "berufsbegleitend in Teilzeit",
            PartTime => "Teilzeit",
            Shift => "Schichtdienst",
            Remote if wt.len() == 1 => "vollständig remote",
            Remote => "teilweise mobil",
            Minijob => "Minijob",
        });
    }
    out.push('.');
    match kind {
        JobKind::Job => out.push_str(if d.contract == Contract::Permanent {
            " Vertrag: unbefristet."
        } else {
            " Vertrag: zunächst befristet, eine Übernahme ist unser Ziel."
        }),
        JobKind::Apprenticeship => out.push_str(match d.years {
            2 => " Dauer: 2 Jahre.",
            4 => " Dauer: 3½ Jahre.",
            _ => " Dauer: 3 Jahre.",
        }),
        _ => {}
    }
    if let Some(s) = &d.salary {
        out.push_str(if trainee {
            " Vergütung: "
        } else {
            " Gehalt: "
        });
        push_amount(&mut out, s.min);
        if let Some(max) = s.max {
            out.push_str(" bis ");
            push_amount(&mut out, max);
        }
        out.push_str(match s.unit {
            SalaryUnit::Hour => " pro Stunde.",
            SalaryUnit::Month => " brutto im Monat.",
            SalaryUnit::Year => " brutto im Jahr.",
        });
    }
    out.push_str("</p><p>");
    let closings = match kind {
        JobKind::Job => cat::JOB_CLOSINGS,
        JobKind::FurtherTraining => cat::COURSE_CLOSINGS,
        _ => cat::TRAINEE_CLOSINGS,
    };
    out.push_str(pick(rng, closings));
    out.push_str("</p>");
    out
}
