//! A network's events as an Atom 1.0 feed (RFC 4287), for feed readers.

use super::german_time;
use bleibe_domain::cooperation::Event;
use chrono::{DateTime, SecondsFormat, Utc};
use std::fmt::Write as _;

/// The `Content-Type` to serve [`feed`] with.
pub const CONTENT_TYPE: &str = "application/atom+xml; charset=utf-8";

/// What the title of a called-off event starts with (the feeds are German).
pub const CANCELLED_PREFIX: &str = "Abgesagt: ";

/// Writes `events` as an Atom feed titled `title`.
///
/// The feed's `id` and `rel="self"` link are `self_url` (the absolute URL the feed is
/// served at), its `rel="alternate"` link is `alternate_url` (the HTML page of the
/// calendar), and its `updated` is the latest `updated_at` of the events, or
/// `updated_fallback` when there are none.
///
/// One `entry` per event, in the given order: `id` and `rel="alternate"` link are
/// `event_url(id)` (the absolute URL of the event page, stable as long as the page is),
/// `title` (with [`CANCELLED_PREFIX`] in front for an event the organiser called off),
/// `updated` (`updated_at`), `published` (`created_at`), a plain-text `summary`
/// (start and end in German civil time, venue and address, online link), `author` (the
/// organiser's name) and a `category` (the kind's wire name).
///
/// The feed holds every event it is given: the caller decides who may see which.
pub fn feed(
    title: &str,
    self_url: &str,
    alternate_url: &str,
    events: &[Event],
    event_url: impl Fn(i64) -> String,
    updated_fallback: DateTime<Utc>,
) -> String {
    let updated = events
        .iter()
        .map(|e| e.updated_at)
        .max()
        .unwrap_or(updated_fallback);
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    // Writing to a String cannot fail.
    let _ = write!(
        out,
        "  <id>{id}</id>\n  <title type=\"text\">{title}</title>\n  <updated>{updated}</updated>\n  \
         <link rel=\"self\" type=\"application/atom+xml\" href=\"{id}\"/>\n  \
         <link rel=\"alternate\" type=\"text/html\" href=\"{alternate}\"/>\n  \
         <generator>bleibe</generator>\n",
        id = escape(self_url),
        title = escape(title),
        updated = date(updated),
        alternate = escape(alternate_url),
    );
    for event in events {
        let url = escape(&event_url(event.id));
        let _ = write!(
            out,
            "  <entry>\n    <id>{url}</id>\n    <title type=\"text\">{title}</title>\n    \
             <updated>{updated}</updated>\n    <published>{published}</published>\n    \
             <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n    \
             <summary type=\"text\">{summary}</summary>\n    \
             <author><name>{author}</name></author>\n    \
             <category term=\"{kind}\"/>\n  </entry>\n",
            title = escape(&entry_title(event)),
            updated = date(event.updated_at),
            published = date(event.created_at),
            summary = escape(&summary(event)),
            author = escape(&event.org_name),
            kind = escape(event.data.kind.as_str()),
        );
    }
    out.push_str("</feed>\n");
    out
}

/// An entry's title: the event's, marked when it was called off.
fn entry_title(event: &Event) -> String {
    if event.is_cancelled() {
        format!("{CANCELLED_PREFIX}{}", event.data.title)
    } else {
        event.data.title.clone()
    }
}

/// The plain-text summary of an event: when (German civil time), where, and the online
/// link, joined by " · ". `09.05.2026, 10:00–16:00 Uhr · Niederlausitzhalle, …`
pub fn summary(event: &Event) -> String {
    let d = &event.data;
    let (start, end) = (german_time(d.starts_at), german_time(d.ends_at));
    let when = if end <= start {
        start.format("%d.%m.%Y, %H:%M Uhr").to_string()
    } else if start.date_naive() == end.date_naive() {
        format!(
            "{}–{} Uhr",
            start.format("%d.%m.%Y, %H:%M"),
            end.format("%H:%M")
        )
    } else {
        format!(
            "{} – {}",
            start.format("%d.%m.%Y, %H:%M Uhr"),
            end.format("%d.%m.%Y, %H:%M Uhr")
        )
    };
    let mut parts = vec![when];
    let place = [d.venue.trim(), d.address.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    if !place.is_empty() {
        parts.push(place);
    }
    if let Some(online) = &d.online_url {
        parts.push(format!("online: {online}"));
    }
    parts.join(" · ")
}

/// An instant as an RFC 3339 date in UTC, as Atom wants it: `2026-05-09T08:00:00Z`.
fn date(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Escapes text for XML content and attribute values: `&`, `<`, `>`, `"` and `'` become
/// entities, and characters XML 1.0 does not allow (control characters other than tab,
/// line feed and carriage return; U+FFFE, U+FFFF) are dropped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            '\u{FFFE}' | '\u{FFFF}' => {}
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feeds::samples::{at, event, event_url, tricky_events};

    const ATOM: &str = "http://www.w3.org/2005/Atom";

    fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> roxmltree::Node<'a, 'i> {
        node.children()
            .find(|n| n.has_tag_name((ATOM, name)))
            .unwrap_or_else(|| panic!("<{name}> in <{}>", node.tag_name().name()))
    }

    fn text<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> &'a str {
        child(node, name).text().unwrap_or_default()
    }

    #[test]
    fn the_feed_parses_and_holds_one_entry_per_event_with_its_page() {
        let mut events = tricky_events();
        events[2].data.title = "Bad\u{1}chars\u{FFFF} & <tags> 'quoted'".into();
        let xml = feed(
            "Termine: Städte-Dreieck & Umgebung <3",
            "https://bleibe.example/netzwerke/3/termine.atom?a=1&b=2",
            "https://bleibe.example/netzwerke/3/termine",
            &events,
            event_url,
            at("2020-01-01T00:00:00Z"),
        );
        let doc = roxmltree::Document::parse(&xml).expect("the feed is well-formed XML");
        let root = doc.root_element();
        assert!(root.has_tag_name((ATOM, "feed")));
        assert_eq!(text(root, "title"), "Termine: Städte-Dreieck & Umgebung <3");
        assert_eq!(
            text(root, "id"),
            "https://bleibe.example/netzwerke/3/termine.atom?a=1&b=2"
        );
        let latest = events.iter().map(|e| e.updated_at).max().expect("events");
        assert_eq!(text(root, "updated"), date(latest));
        let links: Vec<(&str, &str)> = root
            .children()
            .filter(|n| n.has_tag_name((ATOM, "link")))
            .map(|n| {
                (
                    n.attribute("rel").unwrap_or(""),
                    n.attribute("href").unwrap_or(""),
                )
            })
            .collect();
        assert_eq!(
            links,
            [
                (
                    "self",
                    "https://bleibe.example/netzwerke/3/termine.atom?a=1&b=2"
                ),
                ("alternate", "https://bleibe.example/netzwerke/3/termine"),
            ]
        );

        let entries: Vec<_> = root
            .children()
            .filter(|n| n.has_tag_name((ATOM, "entry")))
            .collect();
        assert_eq!(entries.len(), events.len());
        for (entry, event) in entries.iter().zip(&events) {
            assert_eq!(text(*entry, "id"), event_url(event.id));
            let link = child(*entry, "link");
            assert_eq!(link.attribute("rel"), Some("alternate"));
            assert_eq!(link.attribute("href"), Some(event_url(event.id).as_str()));
            assert_eq!(text(*entry, "updated"), date(event.updated_at));
            assert_eq!(text(*entry, "published"), date(event.created_at));
            assert_eq!(text(child(*entry, "author"), "name"), event.org_name);
            assert_eq!(
                child(*entry, "category").attribute("term"),
                Some(event.data.kind.as_str())
            );
            assert_eq!(text(*entry, "summary"), summary(event));
        }
        assert_eq!(
            text(entries[0], "title"),
            "Rückkehrertag 2026: Jobs, Wohnen; Familie – \"Komm zurück\" & bleib <hier>"
        );
        assert_eq!(
            text(entries[0], "summary"),
            "10.05.2026, 10:00–16:00 Uhr · Niederlausitzhalle, Rathausstraße 1, 01968 Senftenberg"
        );
        assert_eq!(
            text(entries[1], "summary"),
            "11.05.2026, 10:00–16:00 Uhr · online: https://meet.example/raum?id=1,2;3"
        );
        // The third event was called off: its title says so.
        assert_eq!(
            text(entries[2], "title"),
            "Abgesagt: Badchars & <tags> 'quoted'"
        );
        assert!(!text(entries[0], "title").starts_with(CANCELLED_PREFIX));
    }

    #[test]
    fn an_empty_feed_is_valid_and_dated_by_the_fallback() {
        let xml = feed(
            "Leer",
            "https://x.example/f",
            "https://x.example/",
            &[],
            event_url,
            at("2026-01-02T03:04:05Z"),
        );
        let doc = roxmltree::Document::parse(&xml).expect("well-formed");
        assert_eq!(text(doc.root_element(), "updated"), "2026-01-02T03:04:05Z");
        assert!(!xml.contains("<entry>"));
    }

    #[test]
    fn the_summary_names_days_when_an_event_spans_several() {
        let mut e = event(0, "Messe");
        e.data.starts_at = at("2026-10-24T07:00:00Z");
        e.data.ends_at = at("2026-10-25T15:00:00Z");
        e.data.venue = String::new();
        assert_eq!(
            summary(&e),
            "24.10.2026, 09:00 Uhr – 25.10.2026, 16:00 Uhr · Rathausstraße 1, 01968 Senftenberg"
        );
        e.data.ends_at = e.data.starts_at;
        e.data.address = String::new();
        assert_eq!(summary(&e), "24.10.2026, 09:00 Uhr");
    }

    #[test]
    fn escaping_covers_markup_and_invalid_characters() {
        assert_eq!(
            escape("a&b<c>d\"e'f\u{0}\u{1b}g\th\u{FFFE}ä"),
            "a&amp;b&lt;c&gt;d&quot;e&apos;fg\thä"
        );
    }
}
