//! A network's events as an iCalendar feed (RFC 5545), for subscription in calendar apps.
//!
//! All times are written in UTC (`20260509T080000Z`), so the feed needs no `VTIMEZONE`.
//! Lines end with CRLF and are folded at 75 octets, never inside a UTF-8 character.

use bleibe_domain::cooperation::{Event, Visibility};
use chrono::{DateTime, Utc};

/// The `Content-Type` to serve [`calendar`] with.
pub const CONTENT_TYPE: &str = "text/calendar; charset=utf-8";

/// The `PRODID` of every calendar bleibe writes.
pub const PRODID: &str = "-//bleibe//bleibe Veranstaltungen 1.0//DE";

/// The longest content line in octets, without its CRLF (RFC 5545, 3.1).
const MAX_LINE: usize = 75;

/// Writes `events` as a `VCALENDAR` named `name` (`X-WR-CALNAME`), one `VEVENT` each.
///
/// `event_url(id)` gives the absolute URL of an event's page: it becomes the event's
/// `URL` and the last line of its `DESCRIPTION` (some apps do not show `URL`), and its
/// host makes the stable `UID` `event-{id}@{host}`. `now` is the `DTSTAMP` of every
/// event. The other properties: `DTSTART`/`DTEND` (UTC; no `DTEND` when the event has
/// no duration), `LAST-MODIFIED` (`updated_at`), `SEQUENCE` (`version - 1`), `SUMMARY`
/// (title), `DESCRIPTION` (description, agenda, online link, page), `LOCATION` (venue and
/// address, else the online link), `CATEGORIES` (the kind's wire name),
/// `STATUS` (`CONFIRMED`, or `CANCELLED` for an event the organiser called off: it stays
/// in the feed so that subscribed calendar apps remove it or mark it) and `CLASS`
/// (`PUBLIC` for public events, else `PRIVATE`).
///
/// The calendar holds every event it is given: the caller decides who may see which.
pub fn calendar(
    name: &str,
    events: &[Event],
    event_url: impl Fn(i64) -> String,
    now: DateTime<Utc>,
) -> String {
    let mut out = String::new();
    let mut line = |content: &str| push_line(&mut out, content);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line(&format!("PRODID:{}", escape_text(PRODID)));
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!("X-WR-CALNAME:{}", escape_text(name)));
    line("REFRESH-INTERVAL;VALUE=DURATION:PT1H");
    line("X-PUBLISHED-TTL:PT1H");
    for event in events {
        let d = &event.data;
        let url = uri(&event_url(event.id));
        line("BEGIN:VEVENT");
        line(&format!(
            "UID:event-{}@{}",
            event.id,
            escape_text(&host(&url).unwrap_or_else(|| "bleibe".into()))
        ));
        line(&format!("DTSTAMP:{}", utc(now)));
        line(&format!("DTSTART:{}", utc(d.starts_at)));
        // RFC 5545 3.6.1: DTEND must be later than DTSTART; without it the event is
        // an instant.
        if d.ends_at > d.starts_at {
            line(&format!("DTEND:{}", utc(d.ends_at)));
        }
        line(&format!("LAST-MODIFIED:{}", utc(event.updated_at)));
        line(&format!("SEQUENCE:{}", (event.version - 1).max(0)));
        line(&format!("SUMMARY:{}", escape_text(&d.title)));
        line(&format!(
            "DESCRIPTION:{}",
            escape_text(&description(event, &url))
        ));
        let location = [d.venue.trim(), d.address.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        match (location.is_empty(), &d.online_url) {
            (false, _) => line(&format!("LOCATION:{}", escape_text(&location))),
            (true, Some(online)) => line(&format!("LOCATION:{}", escape_text(online))),
            (true, None) => {}
        }
        line(&format!("URL:{url}"));
        line(&format!("CATEGORIES:{}", escape_text(d.kind.as_str())));
        // RFC 5545 3.8.1.11.
        line(if event.is_cancelled() {
            "STATUS:CANCELLED"
        } else {
            "STATUS:CONFIRMED"
        });
        line(match d.visibility {
            Visibility::Public => "CLASS:PUBLIC",
            Visibility::Members => "CLASS:PRIVATE",
        });
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

/// The `DESCRIPTION`: description, agenda, online link and the event page, each block
/// separated by an empty line.
fn description(event: &Event, url: &str) -> String {
    let d = &event.data;
    let mut blocks = Vec::new();
    if !d.description.trim().is_empty() {
        blocks.push(d.description.trim().to_string());
    }
    if !d.agenda.trim().is_empty() {
        blocks.push(format!("Agenda:\n{}", d.agenda.trim()));
    }
    if let Some(online) = &d.online_url {
        blocks.push(format!("Online: {online}"));
    }
    blocks.push(url.to_string());
    blocks.join("\n\n")
}

/// An instant as an RFC 5545 UTC `DATE-TIME`: `YYYYMMDDTHHMMSSZ`.
fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// Escapes a `TEXT` value (RFC 5545, 3.3.11): `\` `;` `,` get a backslash, every line
/// break (CRLF, LF or CR) becomes `\n`, and other control characters, which `TEXT` must
/// not hold, are dropped (a tab stays).
pub fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A URI value as it may stand in a content line: without control characters (a line
/// break would end the line and let the value inject properties).
fn uri(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).collect()
}

/// The host of an absolute URL, lower-cased, without user info and port.
fn host(url: &str) -> Option<String> {
    let (_, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if host_port.starts_with('[') {
        host_port.split_inclusive(']').next()?
    } else {
        host_port.split(':').next()?
    };
    (!host.is_empty()).then(|| host.to_ascii_lowercase())
}

/// Appends one content line, folded (RFC 5545, 3.1): no physical line is longer than 75
/// octets without its CRLF; a continuation line starts with one space, which counts; a
/// fold never splits a UTF-8 character.
pub(crate) fn push_line(out: &mut String, content: &str) {
    let mut used = 0;
    for c in content.chars() {
        if used + c.len_utf8() > MAX_LINE {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// Undoes the folding: removes every CRLF followed by a space or tab.
#[cfg(test)]
fn unfold(s: &str) -> String {
    s.replace("\r\n ", "").replace("\r\n\t", "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feeds::samples::{at, event, event_url, tricky_events};
    use icalendar::{CalendarComponent, Component, DatePerhapsTime, EventLike};

    fn now() -> DateTime<Utc> {
        at("2026-04-01T06:00:00Z")
    }

    fn parse(text: &str) -> icalendar::Calendar {
        let unfolded = icalendar::parser::unfold(text);
        let parsed = icalendar::parser::read_calendar(&unfolded).expect("the feed parses");
        icalendar::Calendar::from(parsed)
    }

    fn vevents(cal: &icalendar::Calendar) -> Vec<&icalendar::Event> {
        cal.components
            .iter()
            .filter_map(|c| match c {
                CalendarComponent::Event(e) => Some(e),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_feed_parses_and_holds_every_event_with_its_page() {
        let events = tricky_events();
        let text = calendar(
            "Netzwerk Städte-Dreieck, Termine",
            &events,
            event_url,
            now(),
        );
        let cal = parse(&text);
        assert_eq!(
            cal.property_value("X-WR-CALNAME"),
            Some("Netzwerk Städte-Dreieck\\, Termine"),
            "the parser leaves X- values escaped"
        );
        assert_eq!(cal.property_value("VERSION"), Some("2.0"));
        assert_eq!(cal.property_value("METHOD"), Some("PUBLISH"));
        assert_eq!(cal.property_value("CALSCALE"), Some("GREGORIAN"));
        assert!(cal
            .property_value("PRODID")
            .is_some_and(|p| p.starts_with("-//bleibe//")));
        let parsed = vevents(&cal);
        assert_eq!(parsed.len(), events.len());
        for (p, e) in parsed.iter().zip(&events) {
            assert_eq!(p.get_url(), Some(event_url(e.id).as_str()));
            assert_eq!(
                p.get_uid(),
                Some(format!("event-{}@bleibe.example", e.id).as_str())
            );
            assert_eq!(p.get_summary(), Some(e.data.title.as_str()));
            assert_eq!(p.get_start(), Some(DatePerhapsTime::from(e.data.starts_at)));
            assert_eq!(p.get_end(), Some(DatePerhapsTime::from(e.data.ends_at)));
            assert_eq!(p.get_timestamp(), Some(now()));
            assert_eq!(p.get_last_modified(), Some(e.updated_at));
            assert_eq!(p.get_sequence(), Some((e.version - 1) as u32));
            let categories: Vec<&str> = p
                .multi_properties()
                .get("CATEGORIES")
                .map(|c| c.iter().map(|p| p.value()).collect())
                .unwrap_or_default();
            assert_eq!(categories, [e.data.kind.as_str()]);
            let status = if e.is_cancelled() {
                "CANCELLED"
            } else {
                "CONFIRMED"
            };
            assert_eq!(p.property_value("STATUS"), Some(status));
            let class = match e.data.visibility {
                Visibility::Public => "PUBLIC",
                Visibility::Members => "PRIVATE",
            };
            assert_eq!(p.property_value("CLASS"), Some(class));
        }
        // Umlauts, commas, semicolons, quotes and angle brackets survive in SUMMARY.
        assert_eq!(
            parsed[0].get_summary(),
            Some("Rückkehrertag 2026: Jobs, Wohnen; Familie – \"Komm zurück\" & bleib <hier>")
        );
        assert_eq!(
            parsed[0].get_description(),
            Some(
                "Zeile 1\nZeile 2, mit Komma; und Semikolon\nÄÖÜ äöü ß \\ Ende\n\n\
                 Agenda:\n10:00 Begrüßung\n11:00 Börse\n\n\
                 https://bleibe.example/netzwerke/3/veranstaltungen/1"
            )
        );
        assert_eq!(
            parsed[0].get_location(),
            Some("Niederlausitzhalle, Rathausstraße 1, 01968 Senftenberg")
        );
        // Without a venue the online link is the location.
        assert_eq!(
            parsed[1].get_location(),
            Some("https://meet.example/raum?id=1,2;3")
        );
        assert_eq!(parsed[1].get_sequence(), Some(0));
    }

    #[test]
    fn a_called_off_event_stays_with_status_cancelled() {
        let mut e = event(4, "Rückkehrertag");
        let text = calendar("n", std::slice::from_ref(&e), event_url, now());
        assert!(text.contains("\r\nSTATUS:CONFIRMED\r\n"));
        e.cancelled_at = Some(now());
        e.version += 1;
        let text = calendar("n", std::slice::from_ref(&e), event_url, now());
        assert!(text.contains("\r\nSTATUS:CANCELLED\r\n"), "{text}");
        assert!(!text.contains("CONFIRMED"));
        let cal = parse(&text);
        let parsed = vevents(&cal);
        assert_eq!(parsed.len(), 1, "the event stays in the feed");
        assert_eq!(parsed[0].property_value("STATUS"), Some("CANCELLED"));
        // Same UID, higher SEQUENCE: calendar apps take it as an update of the event.
        assert_eq!(
            parsed[0].get_uid(),
            Some(format!("event-{}@bleibe.example", e.id).as_str())
        );
        assert_eq!(parsed[0].get_sequence(), Some(3));
    }

    #[test]
    fn lines_are_crlf_folded_at_75_octets_and_unfold_to_the_original() {
        let events = tricky_events();
        let text = calendar("Termine", &events, event_url, now());
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        let body = text.strip_suffix("\r\n").expect("ends with CRLF");
        assert!(
            !body.replace("\r\n", "").contains(['\r', '\n']),
            "only CRLF breaks lines"
        );
        let mut folded = 0;
        for physical in body.split("\r\n") {
            assert!(
                physical.len() <= 75,
                "{} octets: {physical:?}",
                physical.len()
            );
            if physical.starts_with(' ') {
                folded += 1;
            }
        }
        assert!(folded > 3, "the long title and description are folded");
        // The long title is all umlauts and spaces: every fold must keep ä/ö/ü/ß whole
        // (the split above would have panicked on a broken UTF-8 string anyway, so check
        // the unfolded logical line instead).
        let unfolded = unfold(&text);
        let summary = format!("SUMMARY:{}", escape_text(&events[1].data.title));
        assert!(
            summary.len() > 150,
            "the test title must need folding twice"
        );
        assert!(unfolded.split("\r\n").any(|l| l == summary));
        assert!(!text.contains(&summary), "a title this long is folded");
    }

    #[test]
    fn folding_never_splits_a_character() {
        for prefix in 0..4 {
            let content = format!("SUMMARY:{}{}", "x".repeat(prefix), "ä€𝄞".repeat(40));
            let mut out = String::new();
            push_line(&mut out, &content);
            let physical: Vec<&str> = out.trim_end_matches("\r\n").split("\r\n").collect();
            assert!(physical.len() > 1);
            for line in &physical {
                assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
            }
            for line in &physical[..physical.len() - 1] {
                // A line that stopped short did so because the next character did not fit.
                assert!(line.len() > 75 - 4, "{line:?} wastes room");
            }
            assert_eq!(unfold(&out), format!("{content}\r\n"));
        }
        let mut exact = String::new();
        push_line(&mut exact, &"a".repeat(75));
        assert_eq!(
            exact,
            format!("{}\r\n", "a".repeat(75)),
            "75 octets stay on one line"
        );
        let mut over = String::new();
        push_line(&mut over, &"a".repeat(76));
        assert_eq!(over, format!("{}\r\n a\r\n", "a".repeat(75)));
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(
            escape_text("a\\b;c,d\ne\r\nf\rg\u{7}h\ti: ä"),
            "a\\\\b\\;c\\,d\\ne\\nf\\ngh\ti: ä"
        );
        // A title cannot inject a property.
        let mut e = event(9, "x\r\nATTENDEE:mailto:a@b.example");
        e.data.online_url = Some("https://x.example/\r\nATTENDEE:mailto:a@b.example".into());
        let text = calendar(
            "n",
            &[e],
            |id| format!("https://x.example/{id}\r\nX-EVIL:1"),
            now(),
        );
        let unfolded = unfold(&text);
        assert!(!unfolded.split("\r\n").any(|l| l.starts_with("ATTENDEE")));
        assert!(!unfolded.split("\r\n").any(|l| l.starts_with("X-EVIL")));
    }

    #[test]
    fn the_uid_is_stable_and_names_the_host() {
        let e = event(5, "Rückkehrertag");
        let one = calendar("n", std::slice::from_ref(&e), event_url, now());
        let two = calendar("n", &[e], event_url, now() + chrono::Duration::days(1));
        let uid = |t: &str| {
            t.lines()
                .find(|l| l.starts_with("UID:"))
                .map(str::to_string)
        };
        assert_eq!(uid(&one), Some("UID:event-5@bleibe.example".into()));
        assert_eq!(uid(&one), uid(&two));
        assert_eq!(
            host("https://user:pw@Bleibe.Example:8443/a?b#c").as_deref(),
            Some("bleibe.example")
        );
        assert_eq!(host("http://[::1]:8080/x").as_deref(), Some("[::1]"));
        assert_eq!(host("/relative"), None);
    }

    #[test]
    fn an_instant_has_no_end() {
        let mut e = event(1, "Stichtag");
        e.data.ends_at = e.data.starts_at;
        let text = calendar("n", &[e], event_url, now());
        assert!(text.contains("DTSTART:20260510T080000Z\r\n"));
        assert!(!text.contains("DTEND"));
    }
}
