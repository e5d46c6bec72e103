//! Feeds and open data of a network, written without I/O: the handlers fetch the records,
//! decide what the caller may see, and pass them here.
//!
//! - [`ical::calendar`]: the events as an iCalendar feed (RFC 5545), for calendar apps.
//! - [`atom::feed`]: the events as an Atom feed (RFC 4287), for feed readers.
//! - [`open_data`]: measures and events as CSV (RFC 4180) and JSON, with a stable,
//!   documented column list ([`open_data::MEASURE_COLUMNS`], [`open_data::EVENT_COLUMNS`]).
//!
//! The calendar and the Atom feed list exactly the events they are given (members-only
//! events included, the calendar marks them `CLASS:PRIVATE`); open data only ever holds
//! [`Visibility::Public`](bleibe_domain::cooperation::Visibility::Public) records and
//! never personal data (registrations, contact persons).

pub mod atom;
pub mod ical;
pub mod open_data;

pub(crate) use crate::berlin::to_berlin as german_time;

/// Sample records for the tests of the writers.
#[cfg(test)]
pub(crate) mod samples {
    use bleibe_domain::cooperation::{
        Cluster, Event, EventKind, FieldOfAction, FundingSource, Indicator, IndicatorValue,
        Measure, MeasureStatus, NewEvent, NewMeasure, TargetGroup, Visibility,
    };
    use chrono::{DateTime, NaiveDate, Utc};

    /// Parses an RFC 3339 instant.
    pub fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("valid instant")
            .with_timezone(&Utc)
    }

    /// The page of an event, as the handlers build it.
    pub fn event_url(id: i64) -> String {
        format!("https://bleibe.example/netzwerke/3/veranstaltungen/{id}")
    }

    /// A public event with the given id and title.
    pub fn event(id: i64, title: &str) -> Event {
        let start = at("2026-05-09T08:00:00Z") + chrono::Duration::days(id);
        Event {
            id,
            data: NewEvent {
                org_id: 7,
                network_id: Some(3),
                working_group_id: None,
                kind: EventKind::ReturneeDay,
                title: title.into(),
                description: "Rückkehrer/innen treffen Arbeitgeber aus der Region.".into(),
                venue: "Niederlausitzhalle".into(),
                address: "Rathausstraße 1, 01968 Senftenberg".into(),
                online_url: None,
                starts_at: start,
                ends_at: start + chrono::Duration::hours(6),
                capacity: Some(120),
                slot_minutes: None,
                registration_open: true,
                visibility: Visibility::Public,
                agenda: String::new(),
                minutes: String::new(),
                demo: false,
            },
            org_name: "Stadt Senftenberg".into(),
            registered: 42,
            waiting: 0,
            version: 3,
            created_at: at("2026-01-10T09:00:00Z"),
            updated_at: at("2026-02-01T12:30:00Z") + chrono::Duration::hours(id),
            cancelled_at: None,
            series_id: None,
        }
    }

    /// Events whose texts hold everything that needs escaping.
    pub fn tricky_events() -> Vec<Event> {
        let mut a = event(
            1,
            "Rückkehrertag 2026: Jobs, Wohnen; Familie – \"Komm zurück\" & bleib <hier>",
        );
        a.data.description =
            "Zeile 1\nZeile 2, mit Komma; und Semikolon\r\nÄÖÜ äöü ß \\ Ende".into();
        a.data.agenda = "10:00 Begrüßung\n11:00 Börse".into();
        let mut b = event(2, &"Größenwahn für Fachkräfte ".repeat(12));
        b.data.kind = EventKind::JobFair;
        b.data.visibility = Visibility::Members;
        b.data.venue = String::new();
        b.data.address = String::new();
        b.data.online_url = Some("https://meet.example/raum?id=1,2;3".into());
        b.data.capacity = None;
        b.data.network_id = None;
        b.data.demo = true;
        b.version = 1;
        let mut c = event(3, "Beratungstag");
        c.data.kind = EventKind::ConsultationDay;
        c.data.description = String::new();
        c.data.venue = "Saal \"Glück auf\", 1. OG\nEingang B".into();
        // Called off by the organiser: still in the feeds, marked.
        c.cancelled_at = Some(at("2026-03-01T07:00:00Z"));
        c.data.registration_open = false;
        vec![a, b, c]
    }

    /// A public measure with the given id and title.
    pub fn measure(id: i64, title: &str) -> Measure {
        Measure {
            id,
            org_name: "Wirtschaftsförderung Lausitz, \"WFL\"".into(),
            data: NewMeasure {
                org_id: 7,
                all_networks: true,
                network_ids: vec![],
                title: title.into(),
                description: "Beschreibung".into(),
                cluster: Cluster::Social,
                field: FieldOfAction::WelcomeCulture,
                target_groups: vec![TargetGroup::Returnees, TargetGroup::International],
                place_ids: vec![2879139, 2950159],
                start_date: NaiveDate::from_ymd_opt(2026, 1, 1),
                end_date: NaiveDate::from_ymd_opt(2026, 12, 31),
                budget_eur: Some(25_000),
                funding: Some(FundingSource::EsfPlus),
                status: MeasureStatus::Running,
                indicators: vec![
                    Indicator {
                        name: "Rückkehrer/innen beraten".into(),
                        unit: "Personen".into(),
                        target: 100.0,
                        values: vec![
                            IndicatorValue {
                                period: "2026-H2".into(),
                                actual: 61.5,
                            },
                            IndicatorValue {
                                period: "2026-H1".into(),
                                actual: 40.0,
                            },
                        ],
                    },
                    Indicator {
                        name: "Quote a=b | c\\d".into(),
                        unit: String::new(),
                        target: 0.25,
                        values: vec![],
                    },
                ],
                lessons: String::new(),
                links: vec![
                    "https://example.org/a?x=1,2".into(),
                    "https://example.org/b|c".into(),
                ],
                visibility: Visibility::Public,
                demo: false,
            },
            version: 2,
            created_at: at("2025-11-01T08:00:00Z"),
            updated_at: at("2026-03-15T10:45:00Z"),
        }
    }

    /// Measures whose texts and lists need quoting, one of them members-only.
    pub fn tricky_measures() -> Vec<Measure> {
        let a = measure(
            1,
            "Willkommen, \"Rückkehrer\"; Zeile 1\nZeile 2\r\nÄÖÜ äöü ß – 𝄞",
        );
        let mut b = measure(2, "Nur für Mitglieder");
        b.data.visibility = Visibility::Members;
        let mut c = measure(3, "=SUMME(A1:A2), leer");
        c.data.target_groups.clear();
        c.data.place_ids.clear();
        c.data.indicators.clear();
        c.data.links.clear();
        c.data.start_date = None;
        c.data.end_date = None;
        c.data.budget_eur = None;
        c.data.funding = None;
        c.data.status = MeasureStatus::Planned;
        c.data.demo = true;
        vec![a, b, c]
    }
}
