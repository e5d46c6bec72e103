//! Formatting shared by the pages: job cards, numbers and dates in the page language.

use crate::i18n::{Lang, Tr};
use crate::search::{kind_label, working_time_label};
use crate::views::JobCard;
use bleibe_domain::Job;
use chrono::NaiveDate;

/// A date as people write it: 22.11.2026 in German, 22 Nov 2026 in English.
pub fn date(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::De => d.format("%d.%m.%Y").to_string(),
        Lang::En => d.format("%-d %b %Y").to_string(),
    }
}

/// A number with one decimal in the page language (German decimal comma).
pub fn decimal1(lang: Lang, x: f64) -> String {
    let s = format!("{x:.1}");
    match lang {
        Lang::De => s.replace('.', ","),
        Lang::En => s,
    }
}

/// A whole number with thousands separators (German: dot, English: comma).
pub fn thousands(lang: Lang, n: u64) -> String {
    let digits = n.to_string();
    let sep = match lang {
        Lang::De => '.',
        Lang::En => ',',
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// An amount in euros: "3.200 €" / "€3,200".
pub fn euros(lang: Lang, amount: f64) -> String {
    let whole = amount.round().max(0.0) as u64;
    let cents = ((amount - amount.trunc()) * 100.0).round() as u64;
    let n = if cents > 0 && amount < 100.0 {
        // Hourly wages keep their cents.
        match lang {
            Lang::De => format!("{},{:02}", thousands(lang, amount.trunc() as u64), cents),
            Lang::En => format!("{}.{:02}", thousands(lang, amount.trunc() as u64), cents),
        }
    } else {
        thousands(lang, whole)
    };
    match lang {
        Lang::De => format!("{n} €"),
        Lang::En => format!("€{n}"),
    }
}

/// A job as a result card.
pub fn card(tr: &Tr, job: &Job, distance_km: Option<f64>) -> JobCard {
    JobCard {
        href: format!("/jobs/{}", job.id),
        title: job.data.title.clone(),
        employer: job.employer.name.clone(),
        place: job.place.name.clone(),
        kind: kind_label(tr, job.data.kind),
        working_time: job
            .data
            .working_time
            .iter()
            .map(|w| working_time_label(tr, *w))
            .collect::<Vec<_>>()
            .join(", "),
        distance: distance_km.map(|d| tr.t1("distance-km", "km", decimal1(tr.lang, d))),
        posted: date(tr.lang, job.data.posted_at.date_naive()),
        posted_iso: job.data.posted_at.date_naive().to_string(),
        demo: job.data.demo,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_both_languages() {
        assert_eq!(thousands(Lang::De, 1234567), "1.234.567");
        assert_eq!(thousands(Lang::En, 999), "999");
        assert_eq!(euros(Lang::De, 3200.0), "3.200 €");
        assert_eq!(euros(Lang::En, 3200.0), "€3,200");
        assert_eq!(euros(Lang::De, 14.5), "14,50 €");
        assert_eq!(decimal1(Lang::De, 12.345), "12,3");
        let d = NaiveDate::from_ymd_opt(2026, 11, 2).expect("date");
        assert_eq!(date(Lang::De, d), "02.11.2026");
        assert_eq!(date(Lang::En, d), "2 Nov 2026");
    }
}
