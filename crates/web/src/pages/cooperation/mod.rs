//! The network workspace's pages: a network's page with its member directory, the
//! measures registry (search, comparison, detail, form), the project idea board, working
//! groups with meetings and tasks, and events with registration and a waiting list.
//!
//! What a caller may see or change is decided by [`crate::cooperation`], which the JSON
//! API shares: the pages load through its `visible_*` loaders and write through its
//! functions, and ask the policy before anything else.
//!
//! Times are stored in UTC. The pages show them in German civil time (Europe/Berlin,
//! labelled MEZ or MESZ), and the event form reads them the same way, because the
//! networks, their venues and their visitors are in Germany.

mod event_form;
mod events;
mod form;
mod groups;
mod ideas;
mod measure_form;
mod measures;
mod network_page;
mod networks_index;

use crate::i18n::{Lang, Tr};
use crate::pages::cards::{date, thousands};
use crate::policy::Caller;
use crate::routes::Routes;
use crate::state::AppState;
use crate::views::Chrome;
use bleibe_domain::policy;
use chrono::{DateTime, Datelike, NaiveDate, Utc};

/// The routes of this module.
pub(super) fn routes() -> Routes {
    Routes::new()
        // A network and its member directory.
        .get("/networks", networks_index::list)
        .get("/networks/{id}", network_page::page)
        .post("/networks/{id}/contacts", network_page::add_contact)
        .post(
            "/networks/{id}/contacts/{contact}/remove",
            network_page::remove_contact,
        )
        // Measures.
        .get("/networks/{id}/measures", measures::list)
        .get("/networks/{id}/measures/compare", measures::compare)
        .get("/measures/new", measure_form::new_form)
        .post("/measures/new", measure_form::create)
        .get("/measures/{id}", measures::detail)
        .get("/measures/{id}/edit", measure_form::edit_form)
        .post("/measures/{id}/edit", measure_form::update)
        .post("/measures/{id}/delete", measures::delete)
        // Project ideas.
        .get("/networks/{id}/ideas", ideas::board)
        .get("/networks/{id}/ideas/new", ideas::new_form)
        .post("/networks/{id}/ideas/new", ideas::create)
        .get("/ideas/{id}", ideas::detail)
        .post("/ideas/{id}/decide", ideas::decide)
        .post("/ideas/{id}/comments", ideas::comment)
        // Working groups.
        .get("/working-groups/{id}", groups::page)
        .post("/working-groups/{id}/join", groups::join)
        .post("/working-groups/{id}/leave", groups::leave)
        .post("/working-groups/{id}/tasks", groups::add_task)
        .post("/working-groups/{id}/tasks/{task}/done", groups::task_done)
        // Events and registration.
        .get("/networks/{id}/events", events::calendar)
        .get("/events/new", event_form::new_form)
        .post("/events/new", event_form::create)
        .get("/events/{id}", events::detail)
        .post("/events/{id}/register", events::register)
        .get("/events/{id}/edit", event_form::edit_form)
        .post("/events/{id}/edit", event_form::update)
        .get("/events/{id}/registrations", events::registrations)
        .post("/events/{id}/attendance", events::attendance)
        .post("/events/{id}/cancel", events::cancel_event)
        .get("/registrations/{token}", events::registration)
        .post("/registrations/{token}/cancel", events::cancel)
}

/// A page's chrome for the caller, as [`crate::pages::chrome`] makes it from a request:
/// the pages that load after reading the request keep only its path (a request cannot
/// be held across an `.await` of a handler).
pub(super) fn page_chrome(
    state: &AppState,
    lang: Lang,
    caller: &Caller,
    path: &str,
    title: &str,
) -> Chrome {
    Chrome::new(lang, &state.config, path, "networks", title).for_caller(caller)
}

pub(super) use crate::berlin::{from_berlin, summer_time, to_berlin as berlin};

/// The zone's abbreviation at `t` (MEZ/MESZ, CET/CEST).
fn zone(tr: &Tr, t: DateTime<Utc>) -> String {
    if summer_time(t) {
        tr.t("np-zone-summer")
    } else {
        tr.t("np-zone-winter")
    }
}

/// A date in the page language.
pub(super) fn day(lang: Lang, d: NaiveDate) -> String {
    date(lang, d)
}

/// An instant as a date and time in German civil time: "09.05.2026, 10:00 Uhr (MESZ)".
pub(super) fn when(tr: &Tr, t: DateTime<Utc>) -> String {
    let local = berlin(t);
    tr.ta(
        "np-when",
        &[
            ("date", day(tr.lang, local.date_naive())),
            ("time", local.format("%H:%M").to_string()),
            ("zone", zone(tr, t)),
        ],
    )
}

/// The time an event takes: "09.05.2026, 10:00–16:00 Uhr (MESZ)" on one day, else from
/// one date and time to the other.
pub(super) fn span(tr: &Tr, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
    let (s, e) = (berlin(start), berlin(end));
    if s.date_naive() == e.date_naive() {
        tr.ta(
            "np-when-same-day",
            &[
                ("date", day(tr.lang, s.date_naive())),
                ("start", s.format("%H:%M").to_string()),
                ("end", e.format("%H:%M").to_string()),
                ("zone", zone(tr, start)),
            ],
        )
    } else {
        tr.ta(
            "np-when-range",
            &[("start", when(tr, start)), ("end", when(tr, end))],
        )
    }
}

/// The month of a date as a heading: "Mai 2026".
pub(super) fn month_heading(tr: &Tr, d: NaiveDate) -> String {
    tr.ta(
        "np-month-heading",
        &[
            ("month", tr.t(&format!("np-month-{}", d.month()))),
            ("year", d.year().to_string()),
        ],
    )
}

/// A plain text as paragraphs (a blank line starts one) of lines.
pub(super) fn paragraphs(text: &str) -> Vec<Vec<String>> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(|p| {
            p.lines()
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// A number in the page language: whole numbers with thousands separators, others with
/// up to two decimals.
pub(super) fn number(lang: Lang, x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        let n = thousands(lang, x.abs() as u64);
        return if x < 0.0 { format!("-{n}") } else { n };
    }
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0').to_string();
    match lang {
        Lang::De => s.replace('.', ","),
        Lang::En => s,
    }
}

/// A number as a form shows it for editing: no thousands separators.
pub(super) fn number_value(lang: Lang, x: f64) -> String {
    let s = if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    };
    match lang {
        Lang::De => s.replace('.', ","),
        Lang::En => s,
    }
}

/// Whether the caller belongs to organisation `org`.
pub(super) fn in_org(caller: &Caller, org: i64) -> bool {
    match &caller.ctx().caller {
        policy::Caller::User(u) => u.role_in(org).is_some(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("instant")
            .with_timezone(&Utc)
    }

    #[test]
    fn times_and_numbers_read_naturally() {
        let de = Lang::De.tr();
        let s = span(&de, at("2026-05-09T08:00:00Z"), at("2026-05-09T14:00:00Z"));
        assert!(
            s.contains("09.05.2026") && s.contains("10:00") && s.contains("16:00"),
            "{s}"
        );
        assert_eq!(number(Lang::De, 1200.0), "1.200");
        assert_eq!(number(Lang::De, 12.5), "12,5");
        assert_eq!(number(Lang::En, 0.25), "0.25");
        assert_eq!(number_value(Lang::De, 12.5), "12,5");
        assert_eq!(
            paragraphs("a\nb\n\n\nc"),
            vec![
                vec!["a".to_string(), "b".to_string()],
                vec!["c".to_string()]
            ]
        );
    }
}
