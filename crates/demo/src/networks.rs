//! Demo data for the network workspace: the four networks of the press texts (seeds 000,
//! 002, 003, 004), their member organisations as the press texts name them, and —
//! for fictitious demo organisations only — invented measures, project ideas with their
//! decisions, working groups with tasks, events and contact persons.
//!
//! **What is real and what is invented.** The networks, their areas and their member
//! organisations are public facts from the press texts: those organisations carry
//! `demo: false`, and their description only says that they are listed as members
//! (nothing else is claimed about them). Every other record is invented and carries
//! `demo: true`: the demo organisations (names end in "(fiktiv)", descriptions begin
//! "Fiktive Demo-Organisation"), and everything they own — measures, ideas, events,
//! contact persons. Invented records never name real people and never involve a real
//! organisation: the owner, the organiser, the submitter and every involved institution
//! is a demo organisation. The three working groups of the Kompetenzregion Lausitz are
//! named in the press text and are therefore not demo records; their tasks and meetings
//! are invented.
//!
//! This module is pure data: records refer to organisations, networks, working groups
//! and measures by `&'static str` keys, because store ids exist only once stored. A
//! loader stores the records in order — organisations, networks, measures, groups,
//! tasks, ideas (and their decisions), events, contacts — collecting the ids in [`Ids`],
//! and turns each record into its domain type with `resolve`.
//!
//! Dates are relative to a reference date ("today" of the installation): running
//! measures run across it, decisions lie before it, and events lie after it (except
//! past working-group meetings, which carry minutes). The same reference date always
//! gives the same data. Times are UTC.

use bleibe_domain::cooperation::{
    Cluster, EventKind, FieldOfAction, FundingSource, IdeaStage, Indicator, IndicatorValue,
    MeasureStatus, NewContact, NewEvent, NewIdea, NewMeasure, NewTask, NewWorkingGroup,
    TargetGroup, Visibility,
};
use bleibe_domain::{NewEmployer, OrgKind};
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};
use std::collections::BTreeMap;

// GeoNames ids (cities500, as embedded in `data/places-de.tsv.gz`; the first ones are
// also in [`crate::TOWNS`]). Checked against the embedded gazetteer by the cli's test.
const SPREMBERG: i64 = 2830085; // with Schwarze Pumpe, a part of Spremberg
const HOYERSWERDA: i64 = 2898304;
const WEISSWASSER: i64 = 2811698; // Weißwasser/O.L.
const SENFTENBERG: i64 = 2833073;
const GROSSRAESCHEN: i64 = 2915157;
const LAUCHHAMMER: i64 = 2880221;
const FINSTERWALDE: i64 = 2926670;
const SCHIPKAU: i64 = 2839101;
const COTTBUS: i64 = 2939811;
const GUBEN: i64 = 2913922;
const FORST: i64 = 2925832; // Forst (Lausitz)
const KAMENZ: i64 = 2893437;
const BAUTZEN: i64 = 2951881;
const DRESDEN: i64 = 2935022;
const LUEBBENAU: i64 = 2875623; // main name "Lubnjow"
const CALAU: i64 = 2940424; // main name "Kalawa"
const WELZOW: i64 = 2811348;
const ELSTERWERDA: i64 = 2930680;
const RUHLAND: i64 = 2843256;
const SCHWARZHEIDE: i64 = 2834740;
const GROSSENHAIN: i64 = 2916630;
const PULSNITZ: i64 = 2851719;
const RADEBURG: i64 = 2851074;
const RADEBERG: i64 = 2851079;
const GROSSROEHRSDORF: i64 = 2915124;
const POTSDAM: i64 = 2852458;
const BERLIN_CITY: i64 = 2950159;
const FRANKFURT_ODER: i64 = 2925535;
const WILDAU: i64 = 2809033;
const LUEBBEN: i64 = 2875625; // Lübben (Spreewald), main name "Lubin"
const LUCKAU: i64 = 2875509; // Luckau in Brandenburg, not the one in Lower Saxony
const HERZBERG_ELSTER: i64 = 2905504; // Herzberg (Elster), not the other Herzbergs
const VETSCHAU: i64 = 2817517;
const DREBKAU: i64 = 2935298;
const PEITZ: i64 = 2855024;

/// Network key: Städte-Dreieck Spremberg–Weißwasser–Hoyerswerda (seed 000).
pub const DREIECK: &str = "staedte-dreieck";
/// Network key: Regionaler Wachstumskern Westlausitz (seed 002).
pub const WESTLAUSITZ: &str = "westlausitz";
/// Network key: Kompetenzregion Lausitz (seed 003).
pub const KOMPETENZREGION: &str = "kompetenzregion-lausitz";
/// Network key: Wachstumsregion Dresden (seed 004).
pub const WACHSTUMSREGION: &str = "wachstumsregion-dresden";

/// An organisation: a real member named in a press text (`demo: false`) or a fictitious
/// demo organisation (`demo: true`).
#[derive(Debug, Clone, PartialEq)]
pub struct DemoOrg {
    /// Key the other records refer to it by.
    pub key: &'static str,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: OrgKind,
    /// GeoNames id of its seat.
    pub place_id: i64,
    /// Plain text. Demo organisations: begins "Fiktive Demo-Organisation".
    pub description: String,
    /// Website: `example.org` for demo organisations, none for real ones.
    pub website: Option<String>,
    /// Fictitious.
    pub demo: bool,
}

impl DemoOrg {
    /// As an organisation to store (the description as one HTML paragraph).
    pub fn new_employer(&self) -> NewEmployer {
        NewEmployer {
            name: self.name.clone(),
            place_id: self.place_id,
            description: format!("<p>{}</p>", escape_html(&self.description)),
            website: self.website.clone(),
            demo: self.demo,
            kind: self.kind,
        }
    }
}

/// The fictitious account of a network's office: records the idea decisions, leads the
/// working groups and administers the network. No password: nobody can sign in as it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoUser {
    /// E-mail address (`@example.org`).
    pub email: String,
    /// Display name, clearly fictitious ("Demo-Netzwerkbüro …").
    pub display_name: String,
}

/// A network as named in its press text.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoNetwork {
    /// Key, also the slug.
    pub key: &'static str,
    /// URL name.
    pub slug: &'static str,
    /// Name.
    pub name: String,
    /// Plain text: what the press text says, and that the workspace content is fictitious.
    pub description: String,
    /// Its area: GeoNames ids.
    pub place_ids: Vec<i64>,
    /// Member organisations (keys), real ones first.
    pub members: Vec<&'static str>,
    /// The demo organisation that runs its office in the demo (key).
    pub office_org: &'static str,
    /// The office's fictitious account.
    pub office_user: DemoUser,
    /// The network record itself is real (from the press text), so this is `false`.
    pub demo: bool,
}

/// Whom a measure is shared with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Share {
    /// Every network of the owner.
    All,
    /// These networks (keys).
    Only(Vec<&'static str>),
}

/// A fictitious measure of a demo organisation.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoMeasure {
    /// Key (ideas that became projects refer to it).
    pub key: &'static str,
    /// Owner (key of a demo organisation).
    pub owner: &'static str,
    /// Shared with.
    pub share: Share,
    /// The content; `org_id`, `all_networks` and `network_ids` are set by
    /// [`DemoMeasure::resolve`].
    pub data: NewMeasure,
}

/// A working group.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoGroup {
    /// Key.
    pub key: &'static str,
    /// Network key.
    pub network: &'static str,
    /// Name.
    pub name: String,
    /// Remit.
    pub description: String,
    /// Invented (the Kompetenzregion's three groups are real: `false`).
    pub demo: bool,
}

/// A fictitious task of a working group.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoTask {
    /// Group key.
    pub group: &'static str,
    /// What to do.
    pub title: String,
    /// By when.
    pub due: Option<NaiveDate>,
}

/// One step of an idea through the pipeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoDecision {
    /// Stage after the decision.
    pub to: IdeaStage,
    /// Date of the (fictitious) meeting that decided it.
    pub on: NaiveDate,
    /// Decision note.
    pub note: String,
}

/// A fictitious project idea with the decisions that moved it to its stage.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoIdea {
    /// Network key.
    pub network: &'static str,
    /// Working group key.
    pub group: Option<&'static str>,
    /// Submitting demo organisation (key).
    pub org: &'static str,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Involved demo organisations (keys).
    pub institutions: Vec<&'static str>,
    /// Decisions, oldest first; the first starts at [`IdeaStage::Idea`].
    pub decisions: Vec<DemoDecision>,
    /// The measure a running project carries out (key), linked by the decision to
    /// [`IdeaStage::Running`].
    pub measure: Option<&'static str>,
}

/// One move of an idea: from, to, and where it was parked (for [`IdeaStage::may_move_to`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step<'a> {
    /// Stage before.
    pub from: IdeaStage,
    /// The decision.
    pub decision: &'a DemoDecision,
    /// The stage the idea was parked in, while parked.
    pub parked_from: Option<IdeaStage>,
}

impl DemoIdea {
    /// The decisions with the stage each one starts from.
    pub fn steps(&self) -> Vec<Step<'_>> {
        let mut stage = IdeaStage::Idea;
        let mut parked_from = None;
        let mut out = Vec::with_capacity(self.decisions.len());
        for d in &self.decisions {
            out.push(Step {
                from: stage,
                decision: d,
                parked_from,
            });
            parked_from = if d.to == IdeaStage::Parked {
                Some(stage)
            } else {
                None
            };
            stage = d.to;
        }
        out
    }

    /// The stage after the last decision.
    pub fn stage(&self) -> IdeaStage {
        self.decisions.last().map_or(IdeaStage::Idea, |d| d.to)
    }
}

/// A fictitious event organised by a demo organisation.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoEvent {
    /// Organiser (demo organisation key).
    pub org: &'static str,
    /// Network key.
    pub network: Option<&'static str>,
    /// Working group key, for meetings.
    pub group: Option<&'static str>,
    /// The content; `org_id`, `network_id` and `working_group_id` are set by
    /// [`DemoEvent::resolve`].
    pub data: NewEvent,
}

/// A fictitious contact person of a demo organisation, listed with (fictitious) consent.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoContact {
    /// Network key.
    pub network: &'static str,
    /// Organisation key.
    pub org: &'static str,
    /// Invented name.
    pub name: String,
    /// Function.
    pub function: String,
    /// `@example.org` address.
    pub email: String,
    /// When they consented to being listed.
    pub consent_at: DateTime<Utc>,
}

/// The whole demo of the network workspace.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkDemo {
    /// Organisations, real ones first.
    pub orgs: Vec<DemoOrg>,
    /// The four networks.
    pub networks: Vec<DemoNetwork>,
    /// Measures.
    pub measures: Vec<DemoMeasure>,
    /// Working groups.
    pub groups: Vec<DemoGroup>,
    /// Tasks.
    pub tasks: Vec<DemoTask>,
    /// Ideas.
    pub ideas: Vec<DemoIdea>,
    /// Events.
    pub events: Vec<DemoEvent>,
    /// Contact persons.
    pub contacts: Vec<DemoContact>,
}

/// A key that has no stored id (yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKey {
    /// What it should name: `organisation`, `network`, `group`, `measure`.
    pub kind: &'static str,
    /// The key.
    pub key: String,
}

impl std::fmt::Display for UnknownKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "no stored {} with key {:?}", self.kind, self.key)
    }
}

impl std::error::Error for UnknownKey {}

/// Store ids by key, filled in by the loader as it stores records.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ids {
    /// Organisations.
    pub orgs: BTreeMap<&'static str, i64>,
    /// Networks.
    pub networks: BTreeMap<&'static str, i64>,
    /// Working groups.
    pub groups: BTreeMap<&'static str, i64>,
    /// Measures.
    pub measures: BTreeMap<&'static str, i64>,
}

fn lookup(
    map: &BTreeMap<&'static str, i64>,
    kind: &'static str,
    key: &str,
) -> Result<i64, UnknownKey> {
    map.get(key).copied().ok_or_else(|| UnknownKey {
        kind,
        key: key.to_string(),
    })
}

impl Ids {
    /// An organisation's id.
    pub fn org(&self, key: &str) -> Result<i64, UnknownKey> {
        lookup(&self.orgs, "organisation", key)
    }
    /// A network's id.
    pub fn network(&self, key: &str) -> Result<i64, UnknownKey> {
        lookup(&self.networks, "network", key)
    }
    /// A working group's id.
    pub fn group(&self, key: &str) -> Result<i64, UnknownKey> {
        lookup(&self.groups, "group", key)
    }
    /// A measure's id.
    pub fn measure(&self, key: &str) -> Result<i64, UnknownKey> {
        lookup(&self.measures, "measure", key)
    }
}

impl DemoMeasure {
    /// The measure to store.
    pub fn resolve(&self, ids: &Ids) -> Result<NewMeasure, UnknownKey> {
        let mut m = self.data.clone();
        m.org_id = ids.org(self.owner)?;
        match &self.share {
            Share::All => {
                m.all_networks = true;
                m.network_ids = Vec::new();
            }
            Share::Only(keys) => {
                m.all_networks = false;
                m.network_ids = keys
                    .iter()
                    .map(|k| ids.network(k))
                    .collect::<Result<_, _>>()?;
            }
        }
        Ok(m)
    }
}

impl DemoGroup {
    /// The working group to store, led by `lead`.
    pub fn resolve(&self, ids: &Ids, lead: Option<i64>) -> Result<NewWorkingGroup, UnknownKey> {
        Ok(NewWorkingGroup {
            network_id: ids.network(self.network)?,
            name: self.name.clone(),
            description: self.description.clone(),
            lead_user_id: lead,
            demo: self.demo,
        })
    }
}

impl DemoTask {
    /// The task to store, owned by `owner`.
    pub fn resolve(&self, ids: &Ids, owner: Option<i64>) -> Result<NewTask, UnknownKey> {
        Ok(NewTask {
            group_id: ids.group(self.group)?,
            title: self.title.clone(),
            owner_user_id: owner,
            due: self.due,
        })
    }
}

impl DemoIdea {
    /// The idea to submit (it starts in stage `idea`; the decisions move it on).
    pub fn resolve(&self, ids: &Ids) -> Result<NewIdea, UnknownKey> {
        Ok(NewIdea {
            network_id: ids.network(self.network)?,
            working_group_id: self.group.map(|g| ids.group(g)).transpose()?,
            org_id: ids.org(self.org)?,
            title: self.title.clone(),
            summary: self.summary.clone(),
            institution_ids: self
                .institutions
                .iter()
                .map(|k| ids.org(k))
                .collect::<Result<_, _>>()?,
            demo: true,
        })
    }
}

impl DemoEvent {
    /// The event to store.
    pub fn resolve(&self, ids: &Ids) -> Result<NewEvent, UnknownKey> {
        let mut e = self.data.clone();
        e.org_id = ids.org(self.org)?;
        e.network_id = self.network.map(|n| ids.network(n)).transpose()?;
        e.working_group_id = self.group.map(|g| ids.group(g)).transpose()?;
        Ok(e)
    }
}

impl DemoContact {
    /// The contact person to list.
    pub fn resolve(&self, ids: &Ids) -> Result<NewContact, UnknownKey> {
        Ok(NewContact {
            network_id: ids.network(self.network)?,
            org_id: ids.org(self.org)?,
            user_id: None,
            name: self.name.clone(),
            function: self.function.clone(),
            email: self.email.clone(),
            phone: String::new(),
            consent_at: self.consent_at,
            demo: true,
        })
    }
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

// ---------------------------------------------------------------------------------------
// Real member organisations.

/// A real organisation as a press text names it.
struct Real {
    key: &'static str,
    name: &'static str,
    kind: OrgKind,
    place_id: i64,
    /// The seat is not in the press text and was chosen for the directory (the region's
    /// centre, Cottbus, or the state capital for state-wide bodies).
    place_assumed: bool,
}

const fn real(
    key: &'static str,
    name: &'static str,
    kind: OrgKind,
    place_id: i64,
    place_assumed: bool,
) -> Real {
    Real {
        key,
        name,
        kind,
        place_id,
        place_assumed,
    }
}

#[rustfmt::skip]
const REAL: &[Real] = &[
    // Seed 000: the three towns and the Mittelstands-Initiative.
    real("stadt-spremberg", "Stadt Spremberg", OrgKind::Municipality, SPREMBERG, false),
    real("stadt-weisswasser", "Stadt Weißwasser/O.L.", OrgKind::Municipality, WEISSWASSER, false),
    real("stadt-hoyerswerda", "Stadt Hoyerswerda", OrgKind::Municipality, HOYERSWERDA, false),
    real("prof-isp", "Mittelstands-Initiative PROF.ISP", OrgKind::Initiative, SPREMBERG, false),
    real("wil", "Wirtschaftsinitiative Lausitz e.V.", OrgKind::Initiative, COTTBUS, true),
    // Seed 002: the five towns of the RWK.
    real("stadt-finsterwalde", "Stadt Finsterwalde", OrgKind::Municipality, FINSTERWALDE, false),
    real("stadt-grossraeschen", "Stadt Großräschen", OrgKind::Municipality, GROSSRAESCHEN, false),
    real("stadt-lauchhammer", "Stadt Lauchhammer", OrgKind::Municipality, LAUCHHAMMER, false),
    real("stadt-schwarzheide", "Stadt Schwarzheide", OrgKind::Municipality, SCHWARZHEIDE, false),
    real("stadt-senftenberg", "Stadt Senftenberg", OrgKind::Municipality, SENFTENBERG, false),
    // Seed 003: the institutions of the Kompetenzregion Lausitz, as listed.
    real("mwae", "Ministerium für Wirtschaft, Arbeit und Energie des Landes Brandenburg (MWAE)", OrgKind::Ministry, POTSDAM, false),
    real("mbjs", "Ministerium für Bildung, Jugend und Sport des Landes Brandenburg (MBJS)", OrgKind::Ministry, POTSDAM, false),
    real("wfbb", "Wirtschaftsförderung Brandenburg (WFBB)", OrgKind::Other, POTSDAM, true),
    real("schulamt-cottbus", "Staatliches Schulamt Cottbus", OrgKind::Other, COTTBUS, false),
    real("aa-cottbus", "Agentur für Arbeit Cottbus", OrgKind::JobAgency, COTTBUS, false),
    real("zukunftsteam", "Zukunftsteam Lausitz", OrgKind::Initiative, COTTBUS, true),
    real("hwk-cottbus", "Handwerkskammer Cottbus", OrgKind::Chamber, COTTBUS, false),
    real("ihk-cottbus", "Industrie- und Handelskammer Cottbus", OrgKind::Chamber, COTTBUS, false),
    real("ihk-projekt", "IHK-Projektgesellschaft Ostbrandenburg mbH", OrgKind::Other, FRANKFURT_ODER, true),
    real("dgb-revierwende", "DGB-Projekt Revierwende", OrgKind::TradeUnion, COTTBUS, true),
    real("blbs", "Brandenburgischer Lehrerverband beruflicher Schulen e.V.", OrgKind::Initiative, POTSDAM, true),
    real("junge-lausitz", "Junge Lausitz e.V.", OrgKind::Initiative, COTTBUS, true),
    real("btu", "Brandenburgische Technische Universität Cottbus-Senftenberg", OrgKind::SchoolUniversity, COTTBUS, false),
    real("th-wildau", "Technische Hochschule Wildau", OrgKind::SchoolUniversity, WILDAU, false),
    real("netzwerk-zukunft", "Netzwerk Zukunft. Schule, Wirtschaft für Brandenburg e.V.", OrgKind::Initiative, POTSDAM, true),
    real("netzwerkbuero-bildung", "Netzwerkbüro Bildung in der Lausitz", OrgKind::Initiative, COTTBUS, true),
    real("ankommen-bb", "Netzwerk Ankommen in Brandenburg", OrgKind::Initiative, POTSDAM, true),
    real("kausa-bb", "KAUSA Landesstelle Brandenburg", OrgKind::Initiative, POTSDAM, true),
    real("bildungsbuero-lds", "Bildungsbüro des Landkreises Dahme-Spreewald", OrgKind::County, LUEBBEN, false),
    real("ctk", "Carl-Thiem-Klinikum Cottbus", OrgKind::Employer, COTTBUS, false),
    real("db", "Deutsche Bahn", OrgKind::Employer, BERLIN_CITY, false),
    real("leag", "LEAG", OrgKind::Employer, COTTBUS, false),
    real("tuev-akademie", "TÜV Rheinland Akademie", OrgKind::Other, COTTBUS, true),
    real("qlee", "Qualifizierungsverbund in der Lausitz für Erneuerbare Energien (QLEE)", OrgKind::Initiative, COTTBUS, true),
    real("cit", "Centrum für Innovation und Technologie GmbH", OrgKind::Other, COTTBUS, true),
    real("egc", "EGC Cottbus", OrgKind::Other, COTTBUS, false),
    real("welcome-cottbus", "Welcome Center Cottbus", OrgKind::WelcomeCenter, COTTBUS, false),
    // "Wirtschaftsförderungen der LK OSL, EE und SPN": one line of the list, three
    // organisations, each at its county town.
    real("wf-osl", "Wirtschaftsförderung des Landkreises Oberspreewald-Lausitz (OSL)", OrgKind::County, SENFTENBERG, true),
    real("wf-ee", "Wirtschaftsförderung des Landkreises Elbe-Elster (EE)", OrgKind::County, HERZBERG_ELSTER, true),
    real("wf-spn", "Wirtschaftsförderung des Landkreises Spree-Neiße (SPN)", OrgKind::County, FORST, true),
    // Seed 004: the partners of the Wachstumsregion Dresden (Hoyerswerda is above).
    real("stadt-grossenhain", "Stadt Großenhain", OrgKind::Municipality, GROSSENHAIN, false),
    real("lhs-dresden", "Landeshauptstadt Dresden", OrgKind::Municipality, DRESDEN, false),
    real("lk-bautzen", "Landkreis Bautzen", OrgKind::County, BAUTZEN, false),
    real("stadt-pulsnitz", "Stadt Pulsnitz", OrgKind::Municipality, PULSNITZ, false),
    real("stadt-radeburg", "Stadt Radeburg", OrgKind::Municipality, RADEBURG, false),
    real("stadt-radeberg", "Stadt Radeberg", OrgKind::Municipality, RADEBERG, false),
    real("stadt-grossroehrsdorf", "Stadt Großröhrsdorf", OrgKind::Municipality, GROSSROEHRSDORF, false),
    real("stadt-kamenz", "Stadt Kamenz", OrgKind::Municipality, KAMENZ, false),
];

// ---------------------------------------------------------------------------------------
// Builders.

/// Dates and periods relative to the reference date.
struct When {
    reference: NaiveDate,
}

impl When {
    /// The day `n` days after the reference (before it when negative).
    fn day(&self, n: i64) -> NaiveDate {
        self.reference + Duration::days(n)
    }

    /// `n` days after the reference at `h:m` UTC.
    fn at(&self, n: i64, h: u32, m: u32) -> DateTime<Utc> {
        let t = NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN);
        self.day(n).and_time(t).and_utc()
    }

    /// The quarter `k` quarters before the reference's (`2025-Q3`): the latest completed
    /// quarter for `k = 1`.
    fn quarter(&self, k: i32) -> String {
        let q = self.reference.year() * 4 + (self.reference.month0() / 3) as i32 - k;
        format!("{}-Q{}", q.div_euclid(4), q.rem_euclid(4) + 1)
    }

    /// Actual values for the last `values.len()` completed quarters, oldest first.
    fn values(&self, values: &[f64]) -> Vec<IndicatorValue> {
        let n = values.len() as i32;
        values
            .iter()
            .enumerate()
            .map(|(i, v)| IndicatorValue {
                period: self.quarter(n - i as i32),
                actual: *v,
            })
            .collect()
    }

    fn indicator(&self, name: &str, unit: &str, target: f64, values: &[f64]) -> Indicator {
        Indicator {
            name: name.into(),
            unit: unit.into(),
            target,
            values: self.values(values),
        }
    }
}

/// A demo measure with defaults; the fields that differ are set by struct update.
fn measure(title: &str, cluster: Cluster, field: FieldOfAction) -> NewMeasure {
    NewMeasure {
        org_id: 0,
        all_networks: false,
        network_ids: Vec::new(),
        title: title.into(),
        description: String::new(),
        cluster,
        field,
        target_groups: Vec::new(),
        place_ids: Vec::new(),
        start_date: None,
        end_date: None,
        budget_eur: None,
        funding: None,
        status: MeasureStatus::Running,
        indicators: Vec::new(),
        lessons: String::new(),
        links: Vec::new(),
        visibility: Visibility::Public,
        demo: true,
    }
}

/// A demo event with defaults, `hours` long.
fn event(kind: EventKind, title: &str, starts_at: DateTime<Utc>, hours: i64) -> NewEvent {
    NewEvent {
        org_id: 0,
        network_id: None,
        working_group_id: None,
        kind,
        title: title.into(),
        description: String::new(),
        venue: String::new(),
        address: String::new(),
        online_url: None,
        starts_at,
        ends_at: starts_at + Duration::hours(hours),
        capacity: None,
        slot_minutes: None,
        registration_open: true,
        visibility: Visibility::Public,
        agenda: String::new(),
        minutes: String::new(),
        demo: true,
    }
}

fn decision(on: NaiveDate, to: IdeaStage, note: &str) -> DemoDecision {
    DemoDecision {
        to,
        on,
        note: note.into(),
    }
}

fn demo_org(key: &'static str, name: &str, kind: OrgKind, place_id: i64, about: &str) -> DemoOrg {
    DemoOrg {
        key,
        name: name.into(),
        kind,
        place_id,
        description: format!("Fiktive Demo-Organisation: {about} Alle Angaben sind erfunden."),
        website: Some(format!("https://example.org/demo/{key}")),
        demo: true,
    }
}

fn contact(
    w: &When,
    network: &'static str,
    org: &'static str,
    name: &str,
    function: &str,
    consent_days_ago: i64,
) -> DemoContact {
    let email = name
        .to_lowercase()
        .replace(' ', ".")
        .replace('ä', "ae")
        .replace('ö', "oe")
        .replace('ü', "ue")
        .replace('ß', "ss")
        .replace('ł', "l")
        .replace('ř', "r")
        .replace('í', "i");
    DemoContact {
        network,
        org,
        name: name.into(),
        function: function.into(),
        email: format!("{email}@example.org"),
        consent_at: w.at(-consent_days_ago, 9, 30),
    }
}

fn office_user(slug: &str, label: &str) -> DemoUser {
    DemoUser {
        email: format!("netzwerkbuero.{slug}@example.org"),
        display_name: format!("Demo-Netzwerkbüro {label}"),
    }
}

/// The note every network description ends with.
const CONTENT_NOTE: &str = "In dieser Demo-Installation sind alle Maßnahmen, Projektideen, Arbeitsgruppen-Aufgaben, \
     Termine und Ansprechpersonen sowie die als „(fiktiv)“ gekennzeichneten Organisationen erfunden.";

/// The demo of the network workspace for the given reference date ("today").
pub fn network_demo(reference: NaiveDate) -> NetworkDemo {
    let w = When { reference };
    let mut demo = NetworkDemo {
        orgs: Vec::new(),
        networks: Vec::new(),
        measures: Vec::new(),
        groups: Vec::new(),
        tasks: Vec::new(),
        ideas: Vec::new(),
        events: Vec::new(),
        contacts: Vec::new(),
    };
    staedte_dreieck(&w, &mut demo);
    westlausitz(&w, &mut demo);
    kompetenzregion(&w, &mut demo);
    wachstumsregion(&w, &mut demo);

    // Real organisations first, described by the networks that list them.
    let mut orgs: Vec<DemoOrg> = REAL
        .iter()
        .map(|r| {
            let listed: Vec<&str> = demo
                .networks
                .iter()
                .filter(|n| n.members.contains(&r.key))
                .map(|n| n.name.as_str())
                .collect();
            let mut description = format!(
                "Laut öffentlichem Pressetext als Mitglied gelistet: {}. \
                 Weitere Angaben sind in dieser Demo-Installation nicht hinterlegt.",
                listed.join("; ")
            );
            if r.place_assumed {
                description.push_str(
                    " Der Ort im Verzeichnis ist eine Annahme; der Pressetext nennt keinen Sitz.",
                );
            }
            DemoOrg {
                key: r.key,
                name: r.name.into(),
                kind: r.kind,
                place_id: r.place_id,
                description,
                website: None,
                demo: false,
            }
        })
        .collect();
    orgs.append(&mut demo.orgs);
    demo.orgs = orgs;
    demo
}

// ---------------------------------------------------------------------------------------
// 1. Städte-Dreieck Spremberg–Weißwasser–Hoyerswerda (seed 000).

fn staedte_dreieck(w: &When, demo: &mut NetworkDemo) {
    const N: &str = DREIECK;
    const OFFICE: &str = "demo-dreieck-buero";
    const INDUSTRIE: &str = "demo-industrieservice";
    const KULTUR: &str = "demo-kulturverein-dreieck";
    const WELCOME: &str = "demo-welcome-hoyerswerda";
    const GROUP: &str = "dreieck-ag-standort";
    let all3 = vec![SPREMBERG, WEISSWASSER, HOYERSWERDA];

    demo.orgs.extend([
        demo_org(
            OFFICE,
            "Demo-Koordinierungsstelle Städte-Dreieck (fiktiv)",
            OrgKind::NetworkOffice,
            SPREMBERG,
            "koordiniert in dieser Demo den Austausch der drei Städte über Maßnahmen und Erfolge der Fachkräftegewinnung.",
        ),
        demo_org(
            INDUSTRIE,
            "Demo-Industrieservice Schwarze Pumpe GmbH (fiktiv)",
            OrgKind::Employer,
            SPREMBERG,
            "ein erfundener mittelständischer Instandhaltungsbetrieb mit rund 180 Beschäftigten im Industriepark Schwarze Pumpe.",
        ),
        demo_org(
            KULTUR,
            "Demo-Kulturverein Städte-Dreieck e. V. (fiktiv)",
            OrgKind::Initiative,
            WEISSWASSER,
            "ein erfundener Verein, der Kultur- und Freizeitangebote für Zugezogene in Weißwasser, Spremberg und Hoyerswerda bündelt.",
        ),
        demo_org(
            WELCOME,
            "Demo-Willkommensservice Hoyerswerda (fiktiv)",
            OrgKind::WelcomeCenter,
            HOYERSWERDA,
            "eine erfundene Anlaufstelle für neu zugezogene Fachkräfte und ihre Familien in Hoyerswerda.",
        ),
    ]);

    demo.networks.push(DemoNetwork {
        key: N,
        slug: N,
        name: "Städte-Dreieck Spremberg–Weißwasser–Hoyerswerda".into(),
        description: format!(
            "Die Städte Spremberg, Weißwasser/O.L. und Hoyerswerda haben am 9. August 2023 im Dock 3 Lausitz \
             am Industriepark Schwarze Pumpe eine Kooperationsvereinbarung zur Fachkräftegewinnung unterzeichnet. \
             Sie vereinbaren einen offenen, transparenten Austausch über Erfahrungen, Projekte, Maßnahmen und \
             Erfolge der Fachkräftegewinnung und stimmen sich in den Clustern Sport, Kultur, Erholung, Soziales, \
             Tourismus und Sonstiges ab. Allein im Industriepark Schwarze Pumpe werden in den kommenden Jahren \
             bis zu 5000 Fachkräfte benötigt. Die 2022 gegründete Mittelstands-Initiative PROF.ISP unter \
             Federführung der Wirtschaftsinitiative Lausitz arbeitet auf den Ebenen Anwerbung, Aus- und \
             Weiterbildung, weiche Standortfaktoren, Außenwirkung und Willkommenskultur. \
             (Quelle: öffentlicher Pressetext.) {CONTENT_NOTE}"
        ),
        // Schwarze Pumpe is a part of Spremberg and has no entry of its own. The Saxon
        // part of the Industriepark (municipality Spreetal) is not in the gazetteer.
        place_ids: all3.clone(),
        members: vec![
            "stadt-spremberg",
            "stadt-weisswasser",
            "stadt-hoyerswerda",
            "prof-isp",
            "wil",
            OFFICE,
            INDUSTRIE,
            KULTUR,
            WELCOME,
            // Invented for the Kompetenzregion, also working in the Städte-Dreieck.
            "demo-fachkraefteagentur",
        ],
        office_org: OFFICE,
        office_user: office_user(N, "Städte-Dreieck"),
        demo: false,
    });

    demo.measures.extend([
        DemoMeasure {
            key: "dreieck-kulturpass",
            owner: KULTUR,
            share: Share::All,
            data: NewMeasure {
                description: "Neu zugezogene Fachkräfte erhalten mit dem Arbeitsvertrag einen Kulturpass: \
                    freier Eintritt zu je drei Veranstaltungen in Weißwasser, Spremberg und Hoyerswerda und \
                    eine Begleitung durch Vereinsmitglieder beim ersten Besuch."
                    .into(),
                target_groups: vec![TargetGroup::International, TargetGroup::Returnees],
                place_ids: all3.clone(),
                start_date: Some(w.day(-300)),
                end_date: Some(w.day(430)),
                budget_eur: Some(18_000),
                funding: Some(FundingSource::Strukturstaerkung),
                indicators: vec![
                    w.indicator("Ausgegebene Kulturpässe", "Pässe", 300.0, &[42.0, 61.0, 57.0]),
                    w.indicator("Eingelöste Eintritte", "Eintritte", 900.0, &[70.0, 132.0, 151.0]),
                ],
                lessons: "Die Pässe werden deutlich häufiger genutzt, wenn der Arbeitgeber sie am ersten \
                    Arbeitstag persönlich überreicht. Ein Versand per Post allein brachte kaum Einlösungen."
                    .into(),
                links: vec!["https://example.org/demo/kulturpass".into()],
                ..measure(
                    "Kulturpass für Neu-Lausitzer/innen",
                    Cluster::Culture,
                    FieldOfAction::WelcomeCulture,
                )
            },
        },
        DemoMeasure {
            key: "dreieck-schichtsport",
            owner: INDUSTRIE,
            share: Share::Only(vec![N]),
            data: NewMeasure {
                description: "Kurse in Rückenfitness, Schwimmen und Laufen zu Zeiten, die zu Früh-, Spät- und \
                    Nachtschicht passen, gemeinsam mit Sportvereinen der drei Städte."
                    .into(),
                target_groups: vec![TargetGroup::Employees, TargetGroup::Commuters],
                place_ids: vec![SPREMBERG],
                start_date: Some(w.day(-200)),
                end_date: Some(w.day(165)),
                budget_eur: Some(12_000),
                funding: Some(FundingSource::Own),
                indicators: vec![w.indicator(
                    "Teilnehmende je Quartal",
                    "Personen",
                    150.0,
                    &[88.0, 121.0],
                )],
                lessons: "Angebote direkt nach der Frühschicht sind voll, solche am Wochenende kaum. \
                    Die Vereine brauchen eine feste Ansprechperson im Betrieb."
                    .into(),
                visibility: Visibility::Members,
                ..measure(
                    "Schichtverträgliche Sportangebote im Industriepark",
                    Cluster::Sport,
                    FieldOfAction::SoftFactors,
                )
            },
        },
        DemoMeasure {
            key: "dreieck-messeauftritt",
            owner: OFFICE,
            share: Share::All,
            data: NewMeasure {
                description: "Die drei Städte treten auf überregionalen Fachkräftemessen mit einem gemeinsamen \
                    Stand auf und stellen Arbeitgeber des Industrieparks, Wohnungsangebote und Freizeit im \
                    Lausitzer Seenland gemeinsam vor."
                    .into(),
                target_groups: vec![TargetGroup::Returnees, TargetGroup::Commuters],
                place_ids: all3.clone(),
                start_date: Some(w.day(-420)),
                end_date: Some(w.day(-60)),
                budget_eur: Some(25_000),
                funding: Some(FundingSource::Jtf),
                status: MeasureStatus::Completed,
                indicators: vec![
                    w.indicator("Messegespräche", "Gespräche", 400.0, &[95.0, 140.0, 188.0]),
                    w.indicator("Bewerbungen aus Messekontakten", "Bewerbungen", 40.0, &[6.0, 14.0, 19.0]),
                ],
                lessons: "Ein gemeinsamer Stand wirkt stärker als drei kleine. Entscheidend war, dass \
                    Beschäftigte aus Betrieben mit am Stand standen und nicht nur die Verwaltung."
                    .into(),
                ..measure(
                    "Gemeinsamer Messeauftritt der drei Städte",
                    Cluster::Other,
                    FieldOfAction::Image,
                )
            },
        },
        DemoMeasure {
            key: "dreieck-willkommenspaket",
            owner: WELCOME,
            share: Share::All,
            data: NewMeasure {
                description: "Ein Willkommenspaket mit Stadtplan, Vereinsübersicht und Behördenwegweiser sowie \
                    ehrenamtliche Patenschaften für die ersten sechs Monate nach dem Zuzug."
                    .into(),
                target_groups: vec![TargetGroup::International, TargetGroup::Returnees],
                place_ids: vec![HOYERSWERDA],
                start_date: Some(w.day(-150)),
                end_date: Some(w.day(580)),
                budget_eur: Some(40_000),
                funding: Some(FundingSource::EsfPlus),
                indicators: vec![
                    w.indicator("Begleitete Neuzugezogene", "Personen", 60.0, &[9.0, 14.0]),
                    w.indicator("Aktive Patenschaften", "Patenschaften", 30.0, &[5.0, 11.0]),
                ],
                lessons: "Patinnen und Paten aus demselben Betrieb halten länger Kontakt als solche aus der \
                    Nachbarschaft."
                    .into(),
                visibility: Visibility::Members,
                ..measure(
                    "Willkommenspaket und Patenschaften Hoyerswerda",
                    Cluster::Social,
                    FieldOfAction::WelcomeCulture,
                )
            },
        },
        DemoMeasure {
            key: "dreieck-seenland",
            owner: KULTUR,
            share: Share::Only(vec![N]),
            data: NewMeasure {
                description: "Geführte Rad- und Bootstouren im Lausitzer Seenland für Familien, die erst \
                    pendeln und einen Umzug erwägen."
                    .into(),
                target_groups: vec![TargetGroup::Commuters],
                place_ids: vec![SPREMBERG, HOYERSWERDA],
                start_date: Some(w.day(60)),
                end_date: Some(w.day(240)),
                budget_eur: Some(9_500),
                funding: Some(FundingSource::Own),
                status: MeasureStatus::Planned,
                indicators: vec![w.indicator("Teilnehmende Familien", "Familien", 40.0, &[])],
                ..measure(
                    "Seenland-Wochenenden für Pendlerfamilien",
                    Cluster::Tourism,
                    FieldOfAction::SoftFactors,
                )
            },
        },
        DemoMeasure {
            key: "dreieck-ausbildungsverbund",
            owner: INDUSTRIE,
            share: Share::All,
            data: NewMeasure {
                description: "Kleine Betriebe bilden gemeinsam in Metall- und Elektroberufen aus: die \
                    Grundausbildung findet in der Lehrwerkstatt eines Betriebs statt, die Fachphasen reihum."
                    .into(),
                target_groups: vec![TargetGroup::Pupils],
                place_ids: vec![SPREMBERG, WEISSWASSER],
                start_date: Some(w.day(-520)),
                end_date: Some(w.day(900)),
                budget_eur: Some(85_000),
                funding: Some(FundingSource::EsfPlus),
                indicators: vec![w.indicator(
                    "Abgeschlossene Ausbildungsverträge",
                    "Verträge",
                    24.0,
                    &[3.0, 0.0, 1.0, 7.0],
                )],
                lessons: "Die meisten Verträge kommen über Schülerpraktika zustande; Praktikumsplätze früh im \
                    Schuljahr anbieten."
                    .into(),
                ..measure(
                    "Ausbildungsverbund Metall und Elektro",
                    Cluster::Other,
                    FieldOfAction::Training,
                )
            },
        },
    ]);

    demo.groups.push(DemoGroup {
        key: GROUP,
        network: N,
        name: "AG Weiche Standortfaktoren".into(),
        description:
            "Stimmt Angebote der drei Städte in Sport, Kultur, Erholung und Tourismus ab, damit \
            neue Fachkräfte und ihre Familien schnell ankommen. (Fiktive Demo-Arbeitsgruppe.)"
                .into(),
        demo: true,
    });
    demo.tasks.extend([
        DemoTask {
            group: GROUP,
            title: "Vereinsübersicht der drei Städte zusammenführen und abstimmen".into(),
            due: Some(w.day(14)),
        },
        DemoTask {
            group: GROUP,
            title: "Termine der Kulturpass-Veranstaltungen für das nächste Quartal sammeln".into(),
            due: Some(w.day(28)),
        },
        DemoTask {
            group: GROUP,
            title: "Fahrgastpotenzial für einen Schicht-Shuttle aus Hoyerswerda abschätzen".into(),
            due: Some(w.day(35)),
        },
    ]);

    demo.ideas.extend([
        DemoIdea {
            network: N,
            group: Some(GROUP),
            org: INDUSTRIE,
            title: "Schicht-Shuttle Hoyerswerda – Schwarze Pumpe".into(),
            summary: "Ein Kleinbus-Shuttle passend zu den Schichtwechseln, damit Beschäftigte ohne Auto \
                im Industriepark arbeiten können."
                .into(),
            institutions: vec![WELCOME],
            decisions: vec![
                decision(w.day(-90), IdeaStage::PreConsultation, "In der Netzwerkrunde vorgestellt. Die Städte prüfen, ob es bestehende Linien ergänzen kann."),
                decision(w.day(-40), IdeaStage::Qualification, "Bedarf bestätigt (fiktive Umfrage: rund 140 Interessierte). Kostenschätzung und Betreibermodell bis zur nächsten Sitzung."),
            ],
            measure: None,
        },
        DemoIdea {
            network: N,
            group: Some(GROUP),
            org: KULTUR,
            title: "Sommerfest für neue Fachkräfte im Städte-Dreieck".into(),
            summary: "Ein jährliches Fest, das reihum in einer der drei Städte stattfindet und neue Fachkräfte mit \
                Vereinen, Betrieben und Nachbarn zusammenbringt."
                .into(),
            institutions: vec![OFFICE],
            decisions: vec![decision(
                w.day(-20),
                IdeaStage::PreConsultation,
                "Zur Vorbefassung angenommen. Offene Frage: welche Stadt beginnt?",
            )],
            measure: None,
        },
        DemoIdea {
            network: N,
            group: None,
            org: OFFICE,
            title: "Gemeinsames Rückkehrer-Portal der drei Städte".into(),
            summary: "Eine gemeinsame Seite mit Stellen, Wohnungen und Ansprechpersonen für Menschen, die \
                zurückkehren möchten."
                .into(),
            institutions: vec![],
            decisions: vec![
                decision(w.day(-120), IdeaStage::PreConsultation, "Vorgestellt und grundsätzlich begrüßt."),
                decision(w.day(-75), IdeaStage::Parked, "Zurückgestellt, bis die Jobbörse der Plattform im Netzwerk genutzt wird; dann prüfen, ob ein eigenes Portal noch nötig ist."),
            ],
            measure: None,
        },
        DemoIdea {
            network: N,
            group: None,
            org: WELCOME,
            title: "Willkommenspaket und Patenschaften Hoyerswerda".into(),
            summary: "Neu Zugezogene erhalten ein Willkommenspaket und eine Patin oder einen Paten für die \
                ersten sechs Monate."
                .into(),
            institutions: vec![KULTUR],
            decisions: vec![
                decision(w.day(-330), IdeaStage::PreConsultation, "Vorbefassung: Erfahrungen aus Weißwasser einbeziehen."),
                decision(w.day(-290), IdeaStage::Qualification, "Konzept mit Patenschaftsmodell ausarbeiten."),
                decision(w.day(-240), IdeaStage::Application, "Antrag (fiktiv) im ESF+ eingereicht."),
                decision(w.day(-150), IdeaStage::Running, "Bewilligt (fiktiv). Start mit der Maßnahme im Register."),
            ],
            measure: Some("dreieck-willkommenspaket"),
        },
        DemoIdea {
            network: N,
            group: None,
            org: INDUSTRIE,
            title: "Kinderbetreuung zu Schichtzeiten".into(),
            summary: "Betriebe des Industrieparks und die Städte prüfen gemeinsam Randzeiten-Betreuung für \
                Kinder von Schichtarbeitenden."
                .into(),
            institutions: vec![],
            decisions: vec![],
            measure: None,
        },
    ]);

    demo.events.extend([
        DemoEvent {
            org: WELCOME,
            network: Some(N),
            group: None,
            data: NewEvent {
                description: "Persönliche Beratung zu Jobs im Industriepark, Wohnen, Kita und Anerkennung von \
                    Abschlüssen. Termine zu je 30 Minuten, bitte einen freien Termin buchen. \
                    (Fiktive Demo-Veranstaltung.)"
                    .into(),
                venue: "Dock 3 Lausitz, Industriepark Schwarze Pumpe".into(),
                address: "Industriepark Schwarze Pumpe, Spremberg".into(),
                // Six hours in 30-minute slots: twelve appointments, one person each.
                capacity: Some(12),
                slot_minutes: Some(30),
                ..event(
                    EventKind::ConsultationDay,
                    "Beratungstag Fachkräfte im Dock 3",
                    w.at(16, 8, 0),
                    6,
                )
            },
        },
        DemoEvent {
            org: OFFICE,
            network: Some(N),
            group: None,
            data: NewEvent {
                description: "Arbeitgeber aus Spremberg, Weißwasser und Hoyerswerda stellen Stellen, \
                    Ausbildungsplätze und Praktika vor. (Fiktive Demo-Veranstaltung.)"
                    .into(),
                venue: "Lausitzhalle Hoyerswerda".into(),
                address: "Hoyerswerda".into(),
                capacity: Some(800),
                ..event(EventKind::JobFair, "Jobmesse Städte-Dreieck", w.at(45, 8, 0), 7)
            },
        },
        DemoEvent {
            org: KULTUR,
            network: Some(N),
            group: None,
            data: NewEvent {
                description: "Wie lebt es sich in Weißwasser, wenn man in Schwarze Pumpe arbeitet? Zugezogene \
                    berichten, Vereine stellen sich vor. (Fiktive Demo-Veranstaltung.)"
                    .into(),
                venue: "Vereinsraum Demo-Kulturverein (fiktiv)".into(),
                address: "Weißwasser/O.L.".into(),
                capacity: Some(60),
                ..event(
                    EventKind::InfoEvent,
                    "Infoabend: Im Industriepark arbeiten, in Weißwasser leben",
                    w.at(24, 16, 30),
                    2,
                )
            },
        },
        DemoEvent {
            org: OFFICE,
            network: Some(N),
            group: Some(GROUP),
            data: NewEvent {
                description: "Sitzung der Arbeitsgruppe (fiktiv).".into(),
                venue: "Demo-Koordinierungsstelle (fiktiv), Spremberg".into(),
                online_url: Some("https://example.org/demo/meeting/dreieck".into()),
                capacity: Some(20),
                visibility: Visibility::Members,
                agenda: "1. Stand Vereinsübersicht\n2. Kulturpass: Zahlen des letzten Quartals\n\
                    3. Idee Schicht-Shuttle: Kostenschätzung\n4. Verschiedenes"
                    .into(),
                ..event(
                    EventKind::WorkingGroupMeeting,
                    "Sitzung AG Weiche Standortfaktoren",
                    w.at(10, 12, 0),
                    2,
                )
            },
        },
        DemoEvent {
            org: OFFICE,
            network: Some(N),
            group: Some(GROUP),
            data: NewEvent {
                description: "Sitzung der Arbeitsgruppe (fiktiv).".into(),
                venue: "Demo-Koordinierungsstelle (fiktiv), Spremberg".into(),
                capacity: Some(20),
                registration_open: false,
                visibility: Visibility::Members,
                agenda: "1. Schicht-Shuttle: Ergebnis der Umfrage\n2. Sommerfest: Vorschlag des Kulturvereins".into(),
                minutes: "Anwesend: Vertretungen der drei Städte und von vier Mitgliedsorganisationen (fiktiv).\n\
                    TOP 1: Rund 140 Interessierte; die Idee geht in die Qualifizierung.\n\
                    TOP 2: Vorschlag begrüßt, Vorbefassung in der nächsten Netzwerkrunde.\n\
                    Nächste Sitzung in vier Wochen."
                    .into(),
                ..event(
                    EventKind::WorkingGroupMeeting,
                    "Sitzung AG Weiche Standortfaktoren",
                    w.at(-18, 12, 0),
                    2,
                )
            },
        },
    ]);

    demo.contacts.extend([
        contact(
            w,
            N,
            OFFICE,
            "Maja Musterfeld",
            "Netzwerkkoordination (fiktiv)",
            200,
        ),
        contact(
            w,
            N,
            WELCOME,
            "Tomasz Przykład",
            "Willkommensberatung Deutsch/Polnisch (fiktiv)",
            150,
        ),
        contact(
            w,
            N,
            INDUSTRIE,
            "Jonas Beispielmann",
            "Personalgewinnung (fiktiv)",
            90,
        ),
    ]);
}

// ---------------------------------------------------------------------------------------
// 2. Regionaler Wachstumskern Westlausitz (seed 002).

fn westlausitz(w: &When, demo: &mut NetworkDemo) {
    const N: &str = WESTLAUSITZ;
    const OFFICE: &str = "demo-west-buero";
    const WIFOE: &str = "demo-west-wirtschaftsfoerderung";
    const HEIMAT: &str = "demo-rueckkehrinitiative";
    const AZS: &str = "demo-ausbildungszentrum-schwarzheide";
    const GROUP: &str = "west-ag-rueckkehr";
    let five = vec![
        FINSTERWALDE,
        GROSSRAESCHEN,
        LAUCHHAMMER,
        SCHWARZHEIDE,
        SENFTENBERG,
    ];

    demo.orgs.extend([
        demo_org(
            OFFICE,
            "Demo-Netzwerkbüro RWK Westlausitz (fiktiv)",
            OrgKind::NetworkOffice,
            FINSTERWALDE,
            "führt in dieser Demo die Geschäftsstelle des Netzwerks.",
        ),
        demo_org(
            WIFOE,
            "Demo-Wirtschaftsförderung Westlausitz (fiktiv)",
            OrgKind::Other,
            SENFTENBERG,
            "eine erfundene gemeinsame Wirtschaftsförderung, die Betriebe der fünf Kommunen bei der Personalgewinnung berät.",
        ),
        demo_org(
            HEIMAT,
            "Demo-Rückkehrinitiative Heimatwärts (fiktiv)",
            OrgKind::Initiative,
            LAUCHHAMMER,
            "ein erfundener Verein von Rückkehrerinnen und Rückkehrern, der Weggezogene berät.",
        ),
        demo_org(
            AZS,
            "Demo-Ausbildungszentrum Schwarzheide (fiktiv)",
            OrgKind::SchoolUniversity,
            SCHWARZHEIDE,
            "ein erfundener überbetrieblicher Bildungsträger für Chemie-, Metall- und Elektroberufe.",
        ),
    ]);

    demo.networks.push(DemoNetwork {
        key: N,
        slug: N,
        name: "Regionaler Wachstumskern Westlausitz".into(),
        description: format!(
            "Der Regionale Wachstumskern (RWK) Westlausitz verbindet die fünf Kommunen Finsterwalde, \
             Großräschen, Lauchhammer, Schwarzheide und Senftenberg. Ab 2024 übernimmt die Stadt Finsterwalde \
             die Geschäftsführung. Schwerpunkte laut Pressetext vom Dezember 2023: der Fachkräftemangel und die \
             Neubelebung der Rückkehrertage, die Sanierung und Nutzungserweiterung der Niederlausitzhalle in \
             Senftenberg, die BTU-Präsenzstelle in Finsterwalde und gemeinsames Handeln gegen den Ärztemangel. \
             Die fünf Kommunen haben beantragt, die Gemeinde Schipkau als sechste gleichberechtigte Kommune \
             aufzunehmen; Schipkau ist hier deshalb noch kein Mitglied. (Quelle: öffentlicher Pressetext.) \
             {CONTENT_NOTE}"
        ),
        place_ids: five.clone(),
        members: vec![
            "stadt-finsterwalde",
            "stadt-grossraeschen",
            "stadt-lauchhammer",
            "stadt-schwarzheide",
            "stadt-senftenberg",
            OFFICE,
            WIFOE,
            HEIMAT,
            AZS,
        ],
        office_org: OFFICE,
        office_user: office_user(N, "Westlausitz"),
        demo: false,
    });

    demo.measures.extend([
        DemoMeasure {
            key: "west-rueckkehrertage",
            owner: HEIMAT,
            share: Share::All,
            data: NewMeasure {
                description: "Neuauflage der Rückkehrertage: Arbeitgeber, Wohnungsunternehmen, Kitas und \
                    Vereine der fünf Kommunen an einem Tag und an einem Ort, dazu Beratung für Paare, die beide \
                    eine Stelle suchen."
                    .into(),
                target_groups: vec![TargetGroup::Returnees, TargetGroup::Commuters],
                place_ids: vec![SENFTENBERG],
                start_date: Some(w.day(-250)),
                end_date: Some(w.day(480)),
                budget_eur: Some(35_000),
                funding: Some(FundingSource::Strukturstaerkung),
                indicators: vec![
                    w.indicator("Besucher/innen am Rückkehrertag", "Personen", 600.0, &[0.0, 410.0]),
                    w.indicator("Rückkehrer/innen mit Arbeitsvertrag", "Personen", 40.0, &[4.0, 9.0, 7.0]),
                ],
                lessons: "Der Termin zwischen den Jahren erreicht die meisten Weggezogenen, weil sie dann \
                    ohnehin die Familie besuchen. Doppelkarriere-Beratung wurde stärker nachgefragt als erwartet."
                    .into(),
                ..measure(
                    "Rückkehrertage Westlausitz – Neustart",
                    Cluster::Social,
                    FieldOfAction::Recruitment,
                )
            },
        },
        DemoMeasure {
            key: "west-hospitation",
            owner: WIFOE,
            share: Share::Only(vec![N]),
            data: NewMeasure {
                description: "Medizinstudierende verbringen eine Hospitationswoche in Praxen der Region, mit \
                    Unterkunft und Freizeitprogramm."
                    .into(),
                target_groups: vec![TargetGroup::Students],
                place_ids: vec![SENFTENBERG, GROSSRAESCHEN, FINSTERWALDE],
                start_date: Some(w.day(-180)),
                end_date: Some(w.day(550)),
                budget_eur: Some(22_000),
                funding: Some(FundingSource::Own),
                indicators: vec![w.indicator("Hospitierende", "Personen", 30.0, &[4.0, 6.0])],
                lessons: "Die Unterkunft ist das wichtigste Argument; Zusagen kamen erst, als sie fest \
                    organisiert war."
                    .into(),
                visibility: Visibility::Members,
                ..measure(
                    "Hospitationswochen für Medizinstudierende",
                    Cluster::Social,
                    FieldOfAction::Recruitment,
                )
            },
        },
        DemoMeasure {
            key: "west-sommerschule",
            owner: AZS,
            share: Share::All,
            data: NewMeasure {
                description: "Eine Woche Experimente, Werkstatt und Betriebsbesuche in Chemie- und \
                    Energieberufen für Schülerinnen und Schüler der Klassen 8 bis 10."
                    .into(),
                target_groups: vec![TargetGroup::Pupils],
                place_ids: vec![SCHWARZHEIDE, LAUCHHAMMER],
                start_date: Some(w.day(-380)),
                end_date: Some(w.day(-310)),
                budget_eur: Some(14_000),
                funding: Some(FundingSource::EsfPlus),
                status: MeasureStatus::Completed,
                indicators: vec![w.indicator("Teilnehmende", "Personen", 60.0, &[58.0])],
                lessons: "Ausgebucht innerhalb von zwei Wochen; Mädchen meldeten sich vor allem über die \
                    Schulen an, nicht über soziale Medien."
                    .into(),
                ..measure(
                    "Sommerschule Chemie und Energie",
                    Cluster::Other,
                    FieldOfAction::CareerOrientation,
                )
            },
        },
        DemoMeasure {
            key: "west-mitfahrboerse",
            owner: WIFOE,
            share: Share::Only(vec![N]),
            data: NewMeasure {
                description: "Eine Mitfahrbörse für Beschäftigte von Schichtbetrieben zwischen den fünf Kommunen."
                    .into(),
                target_groups: vec![TargetGroup::Commuters, TargetGroup::Employees],
                place_ids: five.clone(),
                start_date: Some(w.day(-400)),
                end_date: Some(w.day(-200)),
                budget_eur: Some(6_000),
                funding: Some(FundingSource::Own),
                status: MeasureStatus::Stopped,
                indicators: vec![w.indicator("Vermittelte Fahrgemeinschaften", "Fahrgemeinschaften", 50.0, &[3.0, 2.0])],
                lessons: "Vorzeitig beendet: zu wenige Einträge, weil sich Schichtpläne kurzfristig ändern. \
                    Besser wirken Fahrgemeinschaften, die die Betriebe selbst innerhalb einer Schicht vermitteln."
                    .into(),
                visibility: Visibility::Members,
                ..measure(
                    "Mitfahrbörse für Schichtbetriebe",
                    Cluster::Other,
                    FieldOfAction::SoftFactors,
                )
            },
        },
        DemoMeasure {
            key: "west-heimatpost",
            owner: OFFICE,
            share: Share::All,
            data: NewMeasure {
                description: "Ein vierteljährlicher Newsletter für Weggezogene: neue Stellen, neue Kita-Plätze, \
                    Bauplätze und Termine der fünf Kommunen."
                    .into(),
                target_groups: vec![TargetGroup::Returnees],
                place_ids: five.clone(),
                start_date: Some(w.day(-300)),
                end_date: None,
                budget_eur: Some(4_800),
                funding: Some(FundingSource::Own),
                indicators: vec![w.indicator("Abonnent/innen", "Personen", 1500.0, &[310.0, 560.0, 790.0])],
                lessons: "Persönliche Geschichten von Rückkehrenden werden am häufigsten geöffnet.".into(),
                links: vec!["https://example.org/demo/heimatpost".into()],
                ..measure(
                    "Heimatpost – Newsletter für Weggezogene",
                    Cluster::Culture,
                    FieldOfAction::Image,
                )
            },
        },
        DemoMeasure {
            key: "west-vereinsschnuppern",
            owner: HEIMAT,
            share: Share::Only(vec![N]),
            data: NewMeasure {
                description: "Sportvereine der fünf Kommunen bieten Neubürgerinnen und Neubürgern vier Wochen \
                    kostenloses Probetraining an."
                    .into(),
                target_groups: vec![TargetGroup::Returnees, TargetGroup::International],
                place_ids: five.clone(),
                start_date: Some(w.day(45)),
                end_date: Some(w.day(410)),
                budget_eur: Some(7_500),
                funding: Some(FundingSource::Jtf),
                status: MeasureStatus::Planned,
                indicators: vec![w.indicator("Neue Vereinsmitglieder", "Personen", 80.0, &[])],
                ..measure(
                    "Sport verbindet: Vereinsschnuppern für Neubürger/innen",
                    Cluster::Sport,
                    FieldOfAction::WelcomeCulture,
                )
            },
        },
    ]);

    demo.groups.push(DemoGroup {
        key: GROUP,
        network: N,
        name: "AG Rückkehr und Willkommen".into(),
        description:
            "Bereitet die Rückkehrertage vor und stimmt Willkommensangebote der fünf Kommunen \
            ab. (Fiktive Demo-Arbeitsgruppe.)"
                .into(),
        demo: true,
    });
    demo.tasks.extend([
        DemoTask {
            group: GROUP,
            title: "Ausstellerliste für den Rückkehrertag schließen".into(),
            due: Some(w.day(30)),
        },
        DemoTask {
            group: GROUP,
            title: "Kita-Lotsinnen und -Lotsen der fünf Kommunen für den Rückkehrertag anfragen"
                .into(),
            due: Some(w.day(21)),
        },
        DemoTask {
            group: GROUP,
            title: "Heimatpost: Beitrag über Rückkehrende aus Lauchhammer vorbereiten".into(),
            due: Some(w.day(12)),
        },
    ]);

    demo.ideas.extend([
        DemoIdea {
            network: N,
            group: Some(GROUP),
            org: HEIMAT,
            title: "Rückkehrertage Westlausitz – Neustart".into(),
            summary: "Das bewährte Format der Rückkehrertage neu beleben, mit allen fünf Kommunen an einem Ort."
                .into(),
            institutions: vec![OFFICE, WIFOE],
            decisions: vec![
                decision(w.day(-340), IdeaStage::PreConsultation, "Konzept für die Neubelebung vorgestellt."),
                decision(w.day(-320), IdeaStage::Qualification, "Ort und Termin abstimmen; Doppelkarriere-Beratung ergänzen."),
                decision(w.day(-290), IdeaStage::Application, "Antrag (fiktiv) im Programm Strukturstärkung gestellt."),
                decision(w.day(-250), IdeaStage::Running, "Bewilligt (fiktiv); läuft als Maßnahme."),
            ],
            measure: Some("west-rueckkehrertage"),
        },
        DemoIdea {
            network: N,
            group: Some(GROUP),
            org: HEIMAT,
            title: "Wohnungs- und Kita-Lotsen für Rückkehrende".into(),
            summary: "Feste Lotsinnen und Lotsen in jeder Kommune, die Rückkehrenden in den ersten Wochen bei \
                Wohnung, Kita und Schule helfen."
                .into(),
            institutions: vec![WIFOE],
            decisions: vec![
                decision(w.day(-100), IdeaStage::PreConsultation, "Vorbefassung: alle fünf Kommunen unterstützen die Idee."),
                decision(w.day(-70), IdeaStage::Qualification, "Stellenanteile je Kommune klären."),
                decision(w.day(-15), IdeaStage::Application, "Antrag (fiktiv) im ESF+ gestellt; Entscheidung erwartet in drei Monaten."),
            ],
            measure: None,
        },
        DemoIdea {
            network: N,
            group: None,
            org: WIFOE,
            title: "Zentrale Bewerbungsmappe aller RWK-Arbeitgeber".into(),
            summary: "Eine gemeinsame Bewerbung, die an mehrere Arbeitgeber der Region geht.".into(),
            institutions: vec![],
            decisions: vec![
                decision(w.day(-160), IdeaStage::PreConsultation, "Vorgestellt."),
                decision(w.day(-130), IdeaStage::Rejected, "Abgelehnt: doppelt zur Jobbörse der Plattform, in der Arbeitgeber bereits gemeinsam auffindbar sind. Die Mittel fließen in die Rückkehrertage."),
            ],
            measure: None,
        },
        DemoIdea {
            network: N,
            group: None,
            org: AZS,
            title: "Sommerschule Chemie und Energie".into(),
            summary: "Eine Ferienwoche zur Berufsorientierung in Chemie- und Energieberufen.".into(),
            institutions: vec![],
            decisions: vec![
                decision(w.day(-520), IdeaStage::PreConsultation, "Vorbefassung: Schulen der fünf Kommunen einbinden."),
                decision(w.day(-490), IdeaStage::Qualification, "Programm und Partnerbetriebe festlegen."),
                decision(w.day(-450), IdeaStage::Application, "Antrag (fiktiv) im ESF+ gestellt."),
                decision(w.day(-380), IdeaStage::Running, "Bewilligt (fiktiv)."),
                decision(w.day(-305), IdeaStage::Completed, "Durchgeführt, Abschlussbericht liegt vor."),
                decision(w.day(-260), IdeaStage::Evaluated, "Evaluiert: 58 von 60 Plätzen belegt, gute Rückmeldungen. Empfehlung: jährlich wiederholen."),
            ],
            measure: Some("west-sommerschule"),
        },
        DemoIdea {
            network: N,
            group: None,
            org: WIFOE,
            title: "Praxissemester-Börse für Studierende in der Westlausitz".into(),
            summary: "Betriebe der fünf Kommunen bieten Praxissemester und Abschlussarbeiten gebündelt an."
                .into(),
            institutions: vec![AZS],
            decisions: vec![],
            measure: None,
        },
    ]);

    demo.events.extend([
        DemoEvent {
            org: HEIMAT,
            network: Some(N),
            group: None,
            data: NewEvent {
                description: "Arbeitgeber, Wohnungsanbieter, Kitas und Vereine der fünf Kommunen an einem Ort. \
                    Beratung für Paare, die gemeinsam zurückkommen möchten. (Fiktive Demo-Veranstaltung.)"
                    .into(),
                venue: "Niederlausitzhalle Senftenberg".into(),
                address: "Senftenberg".into(),
                capacity: Some(600),
                ..event(EventKind::ReturneeDay, "Rückkehrertag Westlausitz", w.at(52, 9, 0), 6)
            },
        },
        DemoEvent {
            org: AZS,
            network: Some(N),
            group: None,
            data: NewEvent {
                description: "Ausbildungsbetriebe zeigen ihre Werkstätten; Bewerbungsmappen-Check vor Ort. \
                    (Fiktive Demo-Veranstaltung.)"
                    .into(),
                venue: "Werkhalle Demo-Ausbildungszentrum (fiktiv)".into(),
                address: "Schwarzheide".into(),
                capacity: Some(300),
                ..event(EventKind::JobFair, "Ausbildungsmesse Westlausitz", w.at(33, 8, 0), 5)
            },
        },
        DemoEvent {
            org: OFFICE,
            network: Some(N),
            group: None,
            data: NewEvent {
                description: "Online-Info für Weggezogene: Stellen, Wohnen und Kita in der Westlausitz, mit \
                    Fragerunde. (Fiktive Demo-Veranstaltung.)"
                    .into(),
                venue: "Online".into(),
                online_url: Some("https://example.org/demo/westlausitz/info".into()),
                capacity: Some(100),
                ..event(
                    EventKind::InfoEvent,
                    "Online-Info: Zurück in die Westlausitz",
                    w.at(19, 17, 0),
                    1,
                )
            },
        },
        DemoEvent {
            org: OFFICE,
            network: Some(N),
            group: Some(GROUP),
            data: NewEvent {
                description: "Sitzung der Arbeitsgruppe (fiktiv).".into(),
                venue: "Demo-Netzwerkbüro (fiktiv), Finsterwalde".into(),
                capacity: Some(15),
                visibility: Visibility::Members,
                agenda: "1. Rückkehrertag: Stand Aussteller und Programm\n2. Lotsen-Antrag: Rückfragen\n\
                    3. Heimatpost: Themen der nächsten Ausgabe"
                    .into(),
                ..event(
                    EventKind::WorkingGroupMeeting,
                    "Sitzung AG Rückkehr und Willkommen",
                    w.at(8, 13, 0),
                    2,
                )
            },
        },
        DemoEvent {
            org: OFFICE,
            network: Some(N),
            group: Some(GROUP),
            data: NewEvent {
                description: "Sitzung der Arbeitsgruppe (fiktiv).".into(),
                venue: "Demo-Netzwerkbüro (fiktiv), Finsterwalde".into(),
                capacity: Some(15),
                registration_open: false,
                visibility: Visibility::Members,
                agenda: "1. Lotsen-Idee: Antrag\n2. Rückkehrertag: Termin".into(),
                minutes: "TOP 1: Der Antrag (fiktiv) wird gestellt.\n\
                    TOP 2: Termin zwischen den Jahren bestätigt, Niederlausitzhalle angefragt.\n\
                    Aufgaben: Ausstellerliste, Lotsen anfragen."
                    .into(),
                ..event(
                    EventKind::WorkingGroupMeeting,
                    "Sitzung AG Rückkehr und Willkommen",
                    w.at(-16, 13, 0),
                    2,
                )
            },
        },
    ]);

    demo.contacts.extend([
        contact(
            w,
            N,
            OFFICE,
            "Sabine Musterhoff",
            "Geschäftsstelle (fiktiv)",
            240,
        ),
        contact(
            w,
            N,
            HEIMAT,
            "Felix Beispiel",
            "Rückkehrberatung (fiktiv)",
            120,
        ),
        contact(
            w,
            N,
            WIFOE,
            "Ines Probstmann",
            "Fachkräfteberatung für Betriebe (fiktiv)",
            60,
        ),
    ]);
}

// ---------------------------------------------------------------------------------------
// 3. Kompetenzregion Lausitz (seed 003).

fn kompetenzregion(w: &When, demo: &mut NetworkDemo) {
    const N: &str = KOMPETENZREGION;
    const OFFICE: &str = "demo-kompetenz-buero";
    const AGENTUR: &str = "demo-fachkraefteagentur";
    const BO: &str = "demo-bo-netz";
    const SCHULE: &str = "demo-oberschule";
    const G_BO: &str = "kr-berufliche-orientierung";
    const G_FK: &str = "kr-fachkraeftegewinnung";
    const G_AW: &str = "kr-aus-und-weiterbildung";

    demo.orgs.extend([
        demo_org(
            OFFICE,
            "Demo-Netzwerkbüro Kompetenzregion (fiktiv)",
            OrgKind::NetworkOffice,
            COTTBUS,
            "betreut in dieser Demo Arbeitsgruppen und Projektideen des Netzwerks.",
        ),
        demo_org(
            AGENTUR,
            "Demo-Fachkräfteagentur Lausitz (fiktiv)",
            OrgKind::Other,
            COTTBUS,
            "eine erfundene Agentur, die Betriebe bei der Gewinnung internationaler Fachkräfte unterstützt.",
        ),
        demo_org(
            BO,
            "Demo-Berufsorientierungsnetz Lausitz e. V. (fiktiv)",
            OrgKind::Initiative,
            SENFTENBERG,
            "ein erfundener Verein, der Schulen und Betriebe für Praxistage zusammenbringt.",
        ),
        demo_org(
            SCHULE,
            "Demo-Oberschule am Seeufer (fiktiv)",
            OrgKind::SchoolUniversity,
            GROSSRAESCHEN,
            "eine erfundene Oberschule mit Schwerpunkt Berufsorientierung.",
        ),
    ]);

    let mut members = vec![
        "mwae",
        "mbjs",
        "wfbb",
        "schulamt-cottbus",
        "aa-cottbus",
        "zukunftsteam",
        "hwk-cottbus",
        "ihk-cottbus",
        "ihk-projekt",
        "dgb-revierwende",
        "blbs",
        "junge-lausitz",
        "btu",
        "th-wildau",
        "netzwerk-zukunft",
        "netzwerkbuero-bildung",
        "ankommen-bb",
        "kausa-bb",
        "bildungsbuero-lds",
        "ctk",
        "db",
        "leag",
        "tuev-akademie",
        "qlee",
        "cit",
        "egc",
        "welcome-cottbus",
        "wf-osl",
        "wf-ee",
        "wf-spn",
        "wil",
    ];
    members.extend([OFFICE, AGENTUR, BO, SCHULE]);

    demo.networks.push(DemoNetwork {
        key: N,
        slug: N,
        name: "Kompetenzregion Lausitz".into(),
        description: format!(
            "Das Fachkräftenetzwerk der Region: ein auf Freiwilligkeit beruhendes Netzwerk nahezu aller \
             regionalen Akteure mit dem gemeinsamen Ziel, die Fachkräftesituation im Strukturwandel der Lausitz \
             zu verbessern. Es dient der Vernetzung der Institutionen und der Vorbefassung und Entwicklung von \
             Projektideen; Vertreter von Ministerien und Institutionen werden frühzeitig in die \
             Projektqualifizierung eingebunden. 2018 unter Federführung des Ministeriums für Wirtschaft, Arbeit \
             und Energie des Landes Brandenburg initiiert, seit dem Neustart im März 2022 unter der Leitung der \
             Wirtschaftsregion Lausitz GmbH. Die Netzwerkarbeit findet in drei thematischen Arbeitsgruppen \
             statt: berufliche Orientierung, Fachkräftegewinnung sowie Aus- und Weiterbildung. Das Netzwerk \
             steht allen offen, die aktiv mitarbeiten möchten. (Quelle: öffentlicher Netzwerktext.) {CONTENT_NOTE}"
        ),
        // The Brandenburg Lausitz: Cottbus and the towns of Spree-Neiße, Oberspreewald-Lausitz,
        // Elbe-Elster and Dahme-Spreewald (Lübben, Luckau) that the gazetteer lists.
        place_ids: vec![
            COTTBUS,
            SPREMBERG,
            FORST,
            GUBEN,
            WELZOW,
            DREBKAU,
            PEITZ,
            SENFTENBERG,
            GROSSRAESCHEN,
            LAUCHHAMMER,
            SCHWARZHEIDE,
            SCHIPKAU,
            RUHLAND,
            LUEBBENAU,
            CALAU,
            VETSCHAU,
            FINSTERWALDE,
            ELSTERWERDA,
            HERZBERG_ELSTER,
            LUEBBEN,
            LUCKAU,
        ],
        members,
        office_org: OFFICE,
        office_user: office_user(N, "Kompetenzregion"),
        demo: false,
    });

    let lausitz = vec![COTTBUS, SENFTENBERG, SPREMBERG, FINSTERWALDE];

    demo.measures.extend([
        DemoMeasure {
            key: "kr-praxistage",
            owner: BO,
            share: Share::All,
            data: NewMeasure {
                description: "Schülerinnen und Schüler der 8. Klassen verbringen zwei Praxistage in Betrieben \
                    aus Energie, Handwerk und Pflege; Lehrkräfte begleiten und werten mit der Klasse aus."
                    .into(),
                target_groups: vec![TargetGroup::Pupils],
                place_ids: lausitz.clone(),
                start_date: Some(w.day(-400)),
                end_date: Some(w.day(700)),
                budget_eur: Some(48_000),
                funding: Some(FundingSource::EsfPlus),
                indicators: vec![
                    w.indicator("Teilnehmende Schüler/innen", "Personen", 900.0, &[140.0, 0.0, 380.0, 310.0]),
                    w.indicator("Beteiligte Betriebe", "Betriebe", 45.0, &[18.0, 18.0, 27.0, 31.0]),
                ],
                lessons: "Praxistage wirken, wenn sie vor der Praktikumswahl liegen. Kleine Betriebe brauchen \
                    eine fertige Ablaufvorlage."
                    .into(),
                ..measure(
                    "Praxistage Energie, Handwerk und Pflege für 8. Klassen",
                    Cluster::Other,
                    FieldOfAction::CareerOrientation,
                )
            },
        },
        DemoMeasure {
            key: "kr-elternabend",
            owner: SCHULE,
            share: Share::Only(vec![N]),
            data: NewMeasure {
                description: "Ein Elternabend zur Berufswahl, an dem Ausbildungsbetriebe der Region an Tischen \
                    Fragen von Eltern beantworten."
                    .into(),
                target_groups: vec![TargetGroup::Pupils],
                place_ids: vec![GROSSRAESCHEN],
                start_date: Some(w.day(-140)),
                end_date: Some(w.day(-140)),
                budget_eur: Some(2_500),
                funding: Some(FundingSource::Own),
                status: MeasureStatus::Completed,
                indicators: vec![w.indicator("Teilnehmende Eltern", "Personen", 120.0, &[134.0])],
                lessons: "Eltern sind die wichtigsten Berufsberater; Betriebe sollten Auszubildende mitbringen, \
                    nicht nur die Personalabteilung."
                    .into(),
                ..measure(
                    "Elternabend Berufswahl mit Betrieben",
                    Cluster::Social,
                    FieldOfAction::CareerOrientation,
                )
            },
        },
        DemoMeasure {
            key: "kr-anerkennungslotsen",
            owner: AGENTUR,
            share: Share::All,
            data: NewMeasure {
                description: "Lotsinnen und Lotsen begleiten internationale Pflegekräfte durch die Anerkennung \
                    ihres Abschlusses, vom ersten Antrag bis zur Kenntnisprüfung."
                    .into(),
                target_groups: vec![TargetGroup::International],
                place_ids: vec![COTTBUS, SPREMBERG, HOYERSWERDA],
                start_date: Some(w.day(-220)),
                end_date: Some(w.day(870)),
                budget_eur: Some(120_000),
                funding: Some(FundingSource::Jtf),
                indicators: vec![
                    w.indicator("Begleitete Pflegekräfte", "Personen", 80.0, &[12.0, 17.0]),
                    w.indicator("Abgeschlossene Anerkennungen", "Personen", 50.0, &[2.0, 6.0]),
                ],
                lessons: "Die längste Wartezeit entsteht bei fehlenden Unterlagen aus dem Herkunftsland; eine \
                    Checkliste in der Muttersprache vor der Einreise spart Wochen."
                    .into(),
                visibility: Visibility::Members,
                ..measure(
                    "Anerkennungslotsen für internationale Pflegekräfte",
                    Cluster::Social,
                    FieldOfAction::WelcomeCulture,
                )
            },
        },
        DemoMeasure {
            key: "kr-bedarfsbefragung",
            owner: OFFICE,
            share: Share::Only(vec![N]),
            data: NewMeasure {
                description: "Eine Kurzbefragung von Betrieben zu ihren Qualifizierungsbedarfen der nächsten drei \
                    Jahre, ausgewertet nach Branche und Landkreis."
                    .into(),
                target_groups: vec![TargetGroup::Employees],
                place_ids: lausitz.clone(),
                start_date: Some(w.day(-330)),
                end_date: Some(w.day(-150)),
                budget_eur: Some(15_000),
                funding: Some(FundingSource::Strukturstaerkung),
                status: MeasureStatus::Completed,
                indicators: vec![w.indicator("Antwortende Betriebe", "Betriebe", 200.0, &[96.0, 164.0])],
                lessons: "Telefonische Nachfassaktionen verdoppelten den Rücklauf. Die Ergebnisse gehen in die \
                    AG Aus- und Weiterbildung."
                    .into(),
                visibility: Visibility::Members,
                ..measure(
                    "Kurzbefragung Qualifizierungsbedarfe in Betrieben",
                    Cluster::Other,
                    FieldOfAction::Training,
                )
            },
        },
        DemoMeasure {
            key: "kr-karriereportraits",
            owner: AGENTUR,
            share: Share::All,
            data: NewMeasure {
                description: "Kurze Videoporträts von Menschen, die in der Lausitz Karriere machen, für soziale \
                    Medien und Karriereseiten der Mitglieder."
                    .into(),
                target_groups: vec![TargetGroup::Students, TargetGroup::Returnees],
                place_ids: vec![COTTBUS],
                start_date: Some(w.day(-120)),
                end_date: Some(w.day(245)),
                budget_eur: Some(30_000),
                funding: Some(FundingSource::Jtf),
                indicators: vec![w.indicator("Veröffentlichte Porträts", "Porträts", 24.0, &[6.0, 8.0])],
                ..measure(
                    "Lausitz-Karriereporträts",
                    Cluster::Culture,
                    FieldOfAction::Image,
                )
            },
        },
        DemoMeasure {
            key: "kr-teilzeitausbildung",
            owner: BO,
            share: Share::Only(vec![N]),
            data: NewMeasure {
                description: "Pilot für Ausbildung in Teilzeit für Alleinerziehende, mit abgestimmten \
                    Kita-Zeiten und einer festen Ansprechperson in der Kammer."
                    .into(),
                target_groups: vec![TargetGroup::Employees],
                place_ids: vec![COTTBUS, SENFTENBERG],
                start_date: Some(w.day(90)),
                end_date: Some(w.day(820)),
                budget_eur: Some(60_000),
                funding: Some(FundingSource::EsfPlus),
                status: MeasureStatus::Planned,
                indicators: vec![w.indicator("Teilzeit-Ausbildungsverträge", "Verträge", 15.0, &[])],
                visibility: Visibility::Members,
                ..measure(
                    "Teilzeitausbildung für Alleinerziehende – Pilot",
                    Cluster::Social,
                    FieldOfAction::Training,
                )
            },
        },
    ]);

    demo.groups.extend([
        DemoGroup {
            key: G_BO,
            network: N,
            name: "Berufliche Orientierung".into(),
            description:
                "Thematische Arbeitsgruppe der Kompetenzregion Lausitz (laut Netzwerktext). \
                Aufgaben, Sitzungen und Projektideen in dieser Demo sind fiktiv."
                    .into(),
            demo: false,
        },
        DemoGroup {
            key: G_FK,
            network: N,
            name: "Fachkräftegewinnung".into(),
            description:
                "Thematische Arbeitsgruppe der Kompetenzregion Lausitz (laut Netzwerktext). \
                Aufgaben, Sitzungen und Projektideen in dieser Demo sind fiktiv."
                    .into(),
            demo: false,
        },
        DemoGroup {
            key: G_AW,
            network: N,
            name: "Aus- und Weiterbildung".into(),
            description:
                "Thematische Arbeitsgruppe der Kompetenzregion Lausitz (laut Netzwerktext). \
                Aufgaben, Sitzungen und Projektideen in dieser Demo sind fiktiv."
                    .into(),
            demo: false,
        },
    ]);
    demo.tasks.extend([
        DemoTask {
            group: G_BO,
            title: "Ablaufvorlage für Praxistage in kleinen Betrieben überarbeiten".into(),
            due: Some(w.day(20)),
        },
        DemoTask {
            group: G_BO,
            title: "Schulen für die digitale Praktikumsbörse gewinnen (Pilot mit fünf Schulen)"
                .into(),
            due: Some(w.day(40)),
        },
        DemoTask {
            group: G_FK,
            title: "Checkliste Anerkennung in fünf Sprachen abstimmen".into(),
            due: Some(w.day(18)),
        },
        DemoTask {
            group: G_FK,
            title: "Karriereporträts: Vorschläge für weitere Personen sammeln".into(),
            due: Some(w.day(32)),
        },
        DemoTask {
            group: G_AW,
            title: "Ergebnisse der Bedarfsbefragung nach Landkreis aufbereiten".into(),
            due: Some(w.day(15)),
        },
        DemoTask {
            group: G_AW,
            title: "Mögliche Partner für Weiterbildungsverbünde auflisten".into(),
            due: None,
        },
    ]);

    demo.ideas.extend([
        DemoIdea {
            network: N,
            group: Some(G_BO),
            org: BO,
            title: "Digitale Praktikumsbörse für Schülerpraktika".into(),
            summary: "Betriebe melden Praktikumsplätze an einer Stelle, Schulen sehen freie Plätze nach \
                Berufsfeld und Erreichbarkeit mit Bus und Bahn."
                .into(),
            institutions: vec![SCHULE],
            decisions: vec![
                decision(w.day(-110), IdeaStage::PreConsultation, "Vorbefassung in der AG: hoher Bedarf, Doppelungen mit bestehenden Angeboten prüfen."),
                decision(w.day(-60), IdeaStage::Qualification, "Keine Doppelung gefunden. Pilot mit fünf Schulen ausarbeiten."),
            ],
            measure: None,
        },
        DemoIdea {
            network: N,
            group: Some(G_BO),
            org: SCHULE,
            title: "MINT-Feriencamp für Mädchen".into(),
            summary: "Eine Ferienwoche mit Technik, Informatik und Energie, gestaltet von jungen Frauen aus \
                Betrieben der Region."
                .into(),
            institutions: vec![BO],
            decisions: vec![],
            measure: None,
        },
        DemoIdea {
            network: N,
            group: Some(G_AW),
            org: OFFICE,
            title: "Regionale Weiterbildungsverbünde für kleine Betriebe".into(),
            summary: "Kleine Betriebe planen Weiterbildungen gemeinsam, damit Kurse zustande kommen und \
                Vertretungen organisiert werden können."
                .into(),
            institutions: vec![AGENTUR],
            decisions: vec![
                decision(w.day(-200), IdeaStage::PreConsultation, "Vorbefassung: Ergebnisse der Bedarfsbefragung abwarten."),
                decision(w.day(-120), IdeaStage::Qualification, "Befragung zeigt Bedarf in Elektrotechnik und Pflege; Verbundmodell ausarbeiten."),
                decision(w.day(-35), IdeaStage::Application, "Antrag (fiktiv) im ESF+ gestellt."),
            ],
            measure: None,
        },
        DemoIdea {
            network: N,
            group: Some(G_FK),
            org: AGENTUR,
            title: "Anerkennungslotsen für internationale Pflegekräfte".into(),
            summary: "Begleitung internationaler Pflegekräfte durch die Anerkennung ihres Abschlusses.".into(),
            institutions: vec![OFFICE],
            decisions: vec![
                decision(w.day(-380), IdeaStage::PreConsultation, "Vorbefassung: Bedarf aus mehreren Kliniken und Pflegediensten gemeldet (fiktiv)."),
                decision(w.day(-340), IdeaStage::Qualification, "Projektskizze mit Fallzahlen erarbeiten."),
                decision(w.day(-290), IdeaStage::Application, "Antrag (fiktiv) im JTF gestellt."),
                decision(w.day(-220), IdeaStage::Running, "Bewilligt (fiktiv); Start der Maßnahme."),
            ],
            measure: Some("kr-anerkennungslotsen"),
        },
        DemoIdea {
            network: N,
            group: Some(G_FK),
            org: AGENTUR,
            title: "Lausitz-Botschafterinnen und -Botschafter in Großstädten".into(),
            summary: "Weggezogene werben in ihren heutigen Städten für Stellen in der Lausitz.".into(),
            institutions: vec![],
            decisions: vec![
                decision(w.day(-150), IdeaStage::PreConsultation, "Vorgestellt; Interesse, aber offene Fragen zur Betreuung der Ehrenamtlichen."),
                decision(w.day(-90), IdeaStage::Parked, "Zurückgestellt: zuerst die Wirkung der Karriereporträts auswerten, dann neu beraten."),
            ],
            measure: None,
        },
        DemoIdea {
            network: N,
            group: Some(G_AW),
            org: OFFICE,
            title: "Kurzbefragung Qualifizierungsbedarfe".into(),
            summary: "Betriebe nennen ihre Qualifizierungsbedarfe der nächsten drei Jahre.".into(),
            institutions: vec![],
            decisions: vec![
                decision(w.day(-420), IdeaStage::PreConsultation, "Vorbefassung: Fragebogen kurz halten."),
                decision(w.day(-400), IdeaStage::Qualification, "Fragebogen mit der AG abgestimmt."),
                decision(w.day(-370), IdeaStage::Application, "Finanzierung (fiktiv) aus Strukturstärkungsmitteln beantragt."),
                decision(w.day(-330), IdeaStage::Running, "Bewilligt (fiktiv)."),
                decision(w.day(-145), IdeaStage::Completed, "Befragung abgeschlossen, 164 Antworten."),
                decision(w.day(-100), IdeaStage::Evaluated, "Ausgewertet; Folgeidee Weiterbildungsverbünde in der AG Aus- und Weiterbildung."),
            ],
            measure: Some("kr-bedarfsbefragung"),
        },
    ]);

    demo.events.extend([
        DemoEvent {
            org: OFFICE,
            network: Some(N),
            group: Some(G_BO),
            data: NewEvent {
                description: "Sitzung der Arbeitsgruppe (fiktiv).".into(),
                venue: "Demo-Netzwerkbüro (fiktiv), Cottbus".into(),
                online_url: Some("https://example.org/demo/meeting/bo".into()),
                capacity: Some(30),
                visibility: Visibility::Members,
                agenda: "1. Praxistage: Zwischenstand\n2. Idee Praktikumsbörse: Pilot-Schulen\n\
                    3. Idee MINT-Feriencamp: Vorstellung"
                    .into(),
                ..event(
                    EventKind::WorkingGroupMeeting,
                    "AG Berufliche Orientierung",
                    w.at(9, 9, 0),
                    3,
                )
            },
        },
        DemoEvent {
            org: OFFICE,
            network: Some(N),
            group: Some(G_FK),
            data: NewEvent {
                description: "Sitzung der Arbeitsgruppe (fiktiv).".into(),
                venue: "Demo-Netzwerkbüro (fiktiv), Cottbus".into(),
                capacity: Some(30),
                registration_open: false,
                visibility: Visibility::Members,
                agenda: "1. Anerkennungslotsen: Fallzahlen\n2. Idee Botschafterprogramm".into(),
                minutes: "TOP 1: 17 Begleitungen im letzten Quartal (fiktiv); Checkliste wird übersetzt.\n\
                    TOP 2: Idee zurückgestellt, bis die Karriereporträts ausgewertet sind.\n\
                    Nächste Sitzung in sechs Wochen."
                    .into(),
                ..event(
                    EventKind::WorkingGroupMeeting,
                    "AG Fachkräftegewinnung",
                    w.at(-14, 9, 0),
                    3,
                )
            },
        },
        DemoEvent {
            org: OFFICE,
            network: Some(N),
            group: Some(G_AW),
            data: NewEvent {
                description: "Sitzung der Arbeitsgruppe (fiktiv).".into(),
                venue: "Online".into(),
                online_url: Some("https://example.org/demo/meeting/aw".into()),
                capacity: Some(30),
                visibility: Visibility::Members,
                agenda: "1. Bedarfsbefragung: Ergebnisse nach Landkreis\n2. Antrag Weiterbildungsverbünde: Stand"
                    .into(),
                ..event(
                    EventKind::WorkingGroupMeeting,
                    "AG Aus- und Weiterbildung",
                    w.at(23, 12, 0),
                    2,
                )
            },
        },
        DemoEvent {
            org: OFFICE,
            network: Some(N),
            group: None,
            data: NewEvent {
                description: "Überblick über Förderwege für Fachkräfteprojekte (ESF+, JTF, Strukturstärkung) \
                    und Beispiele aus dem Netzwerk. (Fiktive Demo-Veranstaltung.)"
                    .into(),
                venue: "Demo-Netzwerkbüro (fiktiv), Cottbus".into(),
                address: "Cottbus".into(),
                online_url: Some("https://example.org/demo/kompetenzregion/foerderung".into()),
                capacity: Some(120),
                ..event(
                    EventKind::InfoEvent,
                    "Infoveranstaltung: Förderwege für Fachkräfteprojekte",
                    w.at(30, 12, 30),
                    2,
                )
            },
        },
        DemoEvent {
            org: AGENTUR,
            network: Some(N),
            group: None,
            data: NewEvent {
                description: "Einzelberatung zur Anerkennung ausländischer Berufsabschlüsse in Pflege und \
                    Technik, 45 Minuten je Termin. (Fiktive Demo-Veranstaltung.)"
                    .into(),
                venue: "Demo-Fachkräfteagentur Lausitz (fiktiv)".into(),
                address: "Cottbus".into(),
                capacity: Some(16),
                ..event(
                    EventKind::ConsultationDay,
                    "Beratungstag Anerkennung von Berufsabschlüssen",
                    w.at(26, 8, 0),
                    7,
                )
            },
        },
    ]);

    demo.contacts.extend([
        contact(
            w,
            N,
            OFFICE,
            "Lena Beispielhaus",
            "Netzwerkkoordination (fiktiv)",
            300,
        ),
        contact(
            w,
            N,
            AGENTUR,
            "Olena Prykladenko",
            "Anerkennungsberatung Deutsch/Ukrainisch (fiktiv)",
            110,
        ),
        contact(
            w,
            N,
            BO,
            "Henrik Musterberg",
            "Berufsorientierung (fiktiv)",
            45,
        ),
    ]);
}

// ---------------------------------------------------------------------------------------
// 4. Wachstumsregion Dresden (seed 004).

fn wachstumsregion(w: &When, demo: &mut NetworkDemo) {
    const N: &str = WACHSTUMSREGION;
    const OFFICE: &str = "demo-wachstumsregion-buero";
    const PENDLER: &str = "demo-pendlerservice";
    const HANDWERK: &str = "demo-handwerkerhof";
    const WELCOME: &str = "demo-welcome-hoyerswerda";
    const GROUP: &str = "dd-ag-rueckkehr-pendeln";

    demo.orgs.extend([
        demo_org(
            OFFICE,
            "Demo-Projektbüro Wachstumsregion (fiktiv)",
            OrgKind::NetworkOffice,
            KAMENZ,
            "koordiniert in dieser Demo die Zusammenarbeit der Wirtschaftsförderungen der Partner.",
        ),
        demo_org(
            PENDLER,
            "Demo-Pendlerservice Dresdner Norden (fiktiv)",
            OrgKind::Initiative,
            RADEBERG,
            "eine erfundene Beratungsstelle für Menschen, die zwischen Dresden und dem Umland pendeln oder umziehen möchten.",
        ),
        demo_org(
            HANDWERK,
            "Demo-Handwerkerhof Großenhain GmbH (fiktiv)",
            OrgKind::Employer,
            GROSSENHAIN,
            "ein erfundener Handwerksbetrieb für Elektro- und Sanitärtechnik mit 35 Beschäftigten.",
        ),
    ]);

    demo.networks.push(DemoNetwork {
        key: N,
        slug: N,
        name: "Wachstumsregion Dresden".into(),
        description: format!(
            "Die »Wachstumsregion Dresden« wurde 2014 als Imageprojekt gegründet, um vorwiegend Rückkehrer als \
             Fachkräfte zu gewinnen, und ist heute ein Verbund aus Kommunen: Großenhain, Dresden, der Landkreis \
             Bautzen, Pulsnitz, Radeburg, Radeberg, Großröhrsdorf und Kamenz, seit dem 3. Juni (laut \
             Pressetext) auch Hoyerswerda. Im Mittelpunkt steht der Aufbau eines Netzwerks von \
             Wirtschaftsförderern und Partnern, die regionale Potenziale bündeln, Erfahrungen austauschen und \
             Kompetenzen verbinden. Mit eigenen Jobportalen ist die Wachstumsregion Ansprechpartner für \
             regionale Unternehmen und für Menschen, die in der Großstadt arbeiten, aber dort nicht leben \
             möchten, oder umgekehrt. (Quelle: öffentlicher Pressetext.) {CONTENT_NOTE}"
        ),
        // The Landkreis Bautzen is a county, not a place of the gazetteer: its county town
        // Bautzen stands for it (Kamenz, Pulsnitz, Radeberg, Großröhrsdorf and Hoyerswerda
        // are in the county too and listed themselves).
        place_ids: vec![
            GROSSENHAIN,
            DRESDEN,
            BAUTZEN,
            PULSNITZ,
            RADEBURG,
            RADEBERG,
            GROSSROEHRSDORF,
            KAMENZ,
            HOYERSWERDA,
        ],
        members: vec![
            "stadt-grossenhain",
            "lhs-dresden",
            "lk-bautzen",
            "stadt-pulsnitz",
            "stadt-radeburg",
            "stadt-radeberg",
            "stadt-grossroehrsdorf",
            "stadt-kamenz",
            "stadt-hoyerswerda",
            OFFICE,
            PENDLER,
            HANDWERK,
            // Invented for the Städte-Dreieck; Hoyerswerda belongs to both networks.
            WELCOME,
        ],
        office_org: OFFICE,
        office_user: office_user(N, "Wachstumsregion Dresden"),
        demo: false,
    });

    demo.measures.extend([
        DemoMeasure {
            key: "dd-heimspiel",
            owner: OFFICE,
            share: Share::All,
            data: NewMeasure {
                description: "Ein Stammtisch in Dresden für Menschen aus Kamenz, Radeberg, Großenhain und \
                    Umgebung, die in der Stadt arbeiten und über eine Rückkehr nachdenken; Betriebe aus dem \
                    Umland sind jedes Mal dabei."
                    .into(),
                target_groups: vec![TargetGroup::Returnees, TargetGroup::Commuters],
                place_ids: vec![DRESDEN],
                start_date: Some(w.day(-260)),
                end_date: Some(w.day(470)),
                budget_eur: Some(8_000),
                funding: Some(FundingSource::Own),
                indicators: vec![
                    w.indicator("Gäste je Stammtisch", "Personen", 40.0, &[22.0, 31.0, 35.0]),
                    w.indicator("Vermittelte Gespräche mit Betrieben", "Gespräche", 120.0, &[14.0, 25.0, 29.0]),
                ],
                lessons: "Ein fester Termin (jeder erste Donnerstag) war wichtiger als ein besonderer Ort.".into(),
                ..measure(
                    "Rückkehrer-Stammtisch „Heimspiel“ in Dresden",
                    Cluster::Social,
                    FieldOfAction::Recruitment,
                )
            },
        },
        DemoMeasure {
            key: "dd-ortsportraets",
            owner: PENDLER,
            share: Share::Only(vec![N]),
            data: NewMeasure {
                description: "Ortsporträts der Partnerkommunen mit Fahrzeiten nach Dresden, Kita-Plätzen, \
                    Mieten und Freizeit, für Beschäftigte, die in Dresden arbeiten und im Umland wohnen möchten."
                    .into(),
                target_groups: vec![TargetGroup::Commuters],
                place_ids: vec![RADEBERG, PULSNITZ, GROSSROEHRSDORF, RADEBURG, KAMENZ, GROSSENHAIN],
                start_date: Some(w.day(-90)),
                end_date: Some(w.day(275)),
                budget_eur: Some(16_000),
                funding: Some(FundingSource::Strukturstaerkung),
                indicators: vec![w.indicator("Fertige Ortsporträts", "Porträts", 8.0, &[2.0])],
                ..measure(
                    "Wohnen im Umland – Ortsporträts für Dresdner Beschäftigte",
                    Cluster::Recreation,
                    FieldOfAction::SoftFactors,
                )
            },
        },
        DemoMeasure {
            key: "dd-probearbeiten",
            owner: HANDWERK,
            share: Share::Only(vec![N]),
            data: NewMeasure {
                description: "Probearbeiten an Samstagen, damit Beschäftigte aus Dresden den Betrieb kennenlernen \
                    können, ohne Urlaub zu nehmen."
                    .into(),
                target_groups: vec![TargetGroup::Commuters, TargetGroup::Employees],
                place_ids: vec![GROSSENHAIN],
                start_date: Some(w.day(-300)),
                end_date: Some(w.day(-120)),
                budget_eur: Some(3_000),
                funding: Some(FundingSource::Own),
                status: MeasureStatus::Completed,
                indicators: vec![w.indicator("Eingestellte Fachkräfte", "Personen", 3.0, &[1.0, 2.0])],
                lessons: "Drei Probearbeitstage, zwei Einstellungen. Wichtig war, dass der Meister selbst \
                    Zeit hatte und nicht nur die Auszubildenden."
                    .into(),
                visibility: Visibility::Members,
                ..measure(
                    "Probearbeiten am Samstag",
                    Cluster::Other,
                    FieldOfAction::Recruitment,
                )
            },
        },
        DemoMeasure {
            key: "dd-stellenrubrik",
            owner: OFFICE,
            share: Share::All,
            data: NewMeasure {
                description: "Die Wirtschaftsförderungen der Partner pflegen eine gemeinsame Stellenrubrik und \
                    verweisen gegenseitig auf Angebote."
                    .into(),
                target_groups: vec![TargetGroup::Returnees, TargetGroup::Commuters],
                place_ids: vec![KAMENZ, HOYERSWERDA, DRESDEN],
                start_date: Some(w.day(-500)),
                end_date: None,
                budget_eur: Some(12_000),
                funding: Some(FundingSource::Own),
                indicators: vec![w.indicator("Teilnehmende Betriebe", "Betriebe", 150.0, &[88.0, 97.0, 104.0])],
                lessons: "Betriebe pflegen Stellen nur dann aktuell, wenn sie sie nur an einer Stelle eintragen \
                    müssen."
                    .into(),
                visibility: Visibility::Members,
                ..measure(
                    "Gemeinsame Stellenrubrik der Wirtschaftsförderungen",
                    Cluster::Other,
                    FieldOfAction::Image,
                )
            },
        },
        DemoMeasure {
            key: "dd-radpendeln",
            owner: PENDLER,
            share: Share::Only(vec![N]),
            data: NewMeasure {
                description: "Aktionswochen mit geführten Pendlerrouten, Rad-Checks und Dienstrad-Beratung \
                    für Betriebe."
                    .into(),
                target_groups: vec![TargetGroup::Commuters],
                place_ids: vec![RADEBERG, DRESDEN],
                start_date: Some(w.day(70)),
                end_date: Some(w.day(98)),
                budget_eur: Some(5_500),
                funding: Some(FundingSource::Own),
                status: MeasureStatus::Planned,
                indicators: vec![w.indicator("Teilnehmende", "Personen", 150.0, &[])],
                ..measure(
                    "Aktionswochen Radpendeln Radeberg–Dresden",
                    Cluster::Sport,
                    FieldOfAction::SoftFactors,
                )
            },
        },
    ]);

    demo.groups.push(DemoGroup {
        key: GROUP,
        network: N,
        name: "AG Rückkehr und Pendeln".into(),
        description:
            "Tauscht Erfahrungen der Partner zu Rückkehrenden und Pendelnden aus und bereitet \
            gemeinsame Auftritte vor. (Fiktive Demo-Arbeitsgruppe.)"
                .into(),
        demo: true,
    });
    demo.tasks.extend([
        DemoTask {
            group: GROUP,
            title: "Ortsporträts: Fahrzeiten nach Dresden für alle Partnerkommunen prüfen".into(),
            due: Some(w.day(25)),
        },
        DemoTask {
            group: GROUP,
            title: "Betriebe für den nächsten Stammtisch „Heimspiel“ anfragen".into(),
            due: Some(w.day(10)),
        },
    ]);

    demo.ideas.extend([
        DemoIdea {
            network: N,
            group: Some(GROUP),
            org: PENDLER,
            title: "Jobticket-Beratung für kleine Betriebe".into(),
            summary: "Beratung für Betriebe im Umland, wie sie Beschäftigten ein Jobticket anbieten können."
                .into(),
            institutions: vec![HANDWERK],
            decisions: vec![decision(
                w.day(-25),
                IdeaStage::PreConsultation,
                "Vorbefassung: Interesse bei mehreren Partnern; Kosten je Betrieb klären.",
            )],
            measure: None,
        },
        DemoIdea {
            network: N,
            group: Some(GROUP),
            org: OFFICE,
            title: "Kita-Platz-Lotse für zuziehende Familien".into(),
            summary: "Eine Ansprechperson, die zuziehenden Familien freie Kita-Plätze in den Partnerkommunen \
                vermittelt."
                .into(),
            institutions: vec![PENDLER, WELCOME],
            decisions: vec![
                decision(w.day(-95), IdeaStage::PreConsultation, "Vorgestellt; Erfahrungen aus Hoyerswerda einbeziehen."),
                decision(w.day(-50), IdeaStage::Qualification, "Kooperationsmodell mit den Kita-Trägern ausarbeiten."),
            ],
            measure: None,
        },
        DemoIdea {
            network: N,
            group: None,
            org: OFFICE,
            title: "Rückkehrer-Stammtisch „Heimspiel“".into(),
            summary: "Ein regelmäßiger Stammtisch in Dresden für Menschen aus dem Umland.".into(),
            institutions: vec![],
            decisions: vec![
                decision(w.day(-360), IdeaStage::PreConsultation, "Vorbefassung: Termin und Ort klären."),
                decision(w.day(-335), IdeaStage::Qualification, "Betriebe aus dem Umland für jeden Termin gewinnen."),
                decision(w.day(-300), IdeaStage::Application, "Finanzierung aus Eigenmitteln der Partner beantragt."),
                decision(w.day(-260), IdeaStage::Running, "Zugesagt (fiktiv); läuft als Maßnahme."),
            ],
            measure: Some("dd-heimspiel"),
        },
        DemoIdea {
            network: N,
            group: None,
            org: PENDLER,
            title: "Co-Working-Räume in Kleinstädten".into(),
            summary: "Arbeitsplätze in Kleinstädten für Beschäftigte Dresdner Firmen an Homeoffice-Tagen."
                .into(),
            institutions: vec![],
            decisions: vec![decision(
                w.day(-45),
                IdeaStage::Parked,
                "Zurückgestellt: zuerst mit einer Umfrage unter Pendelnden klären, ob Bedarf besteht.",
            )],
            measure: None,
        },
    ]);

    demo.events.extend([
        DemoEvent {
            org: OFFICE,
            network: Some(N),
            group: None,
            data: NewEvent {
                description: "Die Partner der Wachstumsregion stellen Stellen, Bauland und Kita-Angebote vor; \
                    für Rückkehrende und alle, die in Dresden arbeiten und im Umland leben möchten. \
                    Ohne Anmeldung. (Fiktive Demo-Veranstaltung.)"
                    .into(),
                venue: "Marktplatz Kamenz".into(),
                address: "Kamenz".into(),
                capacity: None,
                registration_open: false,
                ..event(EventKind::ReturneeDay, "Rückkehrertag Wachstumsregion", w.at(60, 8, 0), 6)
            },
        },
        DemoEvent {
            org: HANDWERK,
            network: Some(N),
            group: None,
            data: NewEvent {
                description: "Handwerksbetriebe aus Großenhain und Umgebung stellen sich vor, mit Probearbeiten \
                    an Werkbänken. (Fiktive Demo-Veranstaltung.)"
                    .into(),
                venue: "Werkhalle Demo-Handwerkerhof (fiktiv)".into(),
                address: "Großenhain".into(),
                capacity: Some(150),
                ..event(EventKind::JobFair, "Handwerks-Jobmesse Großenhain", w.at(40, 8, 0), 5)
            },
        },
        DemoEvent {
            org: PENDLER,
            network: Some(N),
            group: None,
            data: NewEvent {
                description: "Online-Sprechstunde: Fahrzeiten, Mieten und Kita im Umland für Beschäftigte in \
                    Dresden. (Fiktive Demo-Veranstaltung.)"
                    .into(),
                venue: "Online".into(),
                online_url: Some("https://example.org/demo/wachstumsregion/sprechstunde".into()),
                capacity: Some(50),
                ..event(
                    EventKind::InfoEvent,
                    "Arbeiten in Dresden, leben im Umland",
                    w.at(13, 17, 0),
                    1,
                )
            },
        },
        DemoEvent {
            org: OFFICE,
            network: Some(N),
            group: Some(GROUP),
            data: NewEvent {
                description: "Sitzung der Arbeitsgruppe (fiktiv).".into(),
                venue: "Demo-Projektbüro (fiktiv), Kamenz".into(),
                capacity: Some(20),
                visibility: Visibility::Members,
                agenda: "1. Stammtisch „Heimspiel“: Rückblick\n2. Kita-Platz-Lotse: Modell\n\
                    3. Rückkehrertag: Aufgabenverteilung"
                    .into(),
                ..event(
                    EventKind::WorkingGroupMeeting,
                    "Sitzung AG Rückkehr und Pendeln",
                    w.at(15, 12, 0),
                    2,
                )
            },
        },
        DemoEvent {
            org: OFFICE,
            network: Some(N),
            group: Some(GROUP),
            data: NewEvent {
                description: "Sitzung der Arbeitsgruppe (fiktiv).".into(),
                venue: "Demo-Projektbüro (fiktiv), Kamenz".into(),
                capacity: Some(20),
                registration_open: false,
                visibility: Visibility::Members,
                agenda: "1. Ortsporträts: erste Entwürfe\n2. Idee Co-Working".into(),
                minutes: "TOP 1: Zwei Porträts fertig; Fahrzeiten werden vereinheitlicht.\n\
                    TOP 2: Idee zurückgestellt, Umfrage unter Pendelnden vorbereiten.\n\
                    Nächste Sitzung in vier Wochen."
                    .into(),
                ..event(
                    EventKind::WorkingGroupMeeting,
                    "Sitzung AG Rückkehr und Pendeln",
                    w.at(-13, 12, 0),
                    2,
                )
            },
        },
    ]);

    demo.contacts.extend([
        contact(
            w,
            N,
            OFFICE,
            "Erik Mustermann",
            "Projektkoordination (fiktiv)",
            180,
        ),
        contact(
            w,
            N,
            PENDLER,
            "Paula Beispielberg",
            "Pendlerberatung (fiktiv)",
            75,
        ),
    ]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn reference() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 15).expect("date")
    }

    fn demo() -> NetworkDemo {
        network_demo(reference())
    }

    /// Every key gets an id, as a loader would give them.
    fn ids(d: &NetworkDemo) -> Ids {
        let mut ids = Ids::default();
        for (i, o) in d.orgs.iter().enumerate() {
            ids.orgs.insert(o.key, 100 + i as i64);
        }
        for (i, n) in d.networks.iter().enumerate() {
            ids.networks.insert(n.key, 1 + i as i64);
        }
        for (i, g) in d.groups.iter().enumerate() {
            ids.groups.insert(g.key, 10 + i as i64);
        }
        for (i, m) in d.measures.iter().enumerate() {
            ids.measures.insert(m.key, 500 + i as i64);
        }
        ids
    }

    fn org<'a>(d: &'a NetworkDemo, key: &str) -> &'a DemoOrg {
        d.orgs
            .iter()
            .find(|o| o.key == key)
            .unwrap_or_else(|| panic!("no organisation {key}"))
    }

    fn network<'a>(d: &'a NetworkDemo, key: &str) -> &'a DemoNetwork {
        d.networks
            .iter()
            .find(|n| n.key == key)
            .unwrap_or_else(|| panic!("no network {key}"))
    }

    fn demo_org_in(d: &NetworkDemo, key: &str, net: &str, what: &str) {
        let o = org(d, key);
        assert!(o.demo, "{what}: {} is not a demo organisation", o.name);
        assert!(
            network(d, net).members.contains(&key),
            "{what}: {key} is no member of {net}"
        );
    }

    /// Every text an invented record shows.
    fn invented_texts(d: &NetworkDemo) -> Vec<String> {
        let mut t = Vec::new();
        for o in d.orgs.iter() {
            t.push(o.name.clone());
            t.push(o.description.clone());
        }
        for n in &d.networks {
            t.push(n.name.clone());
            t.push(n.description.clone());
            t.push(n.office_user.display_name.clone());
            t.push(n.office_user.email.clone());
        }
        for m in &d.measures {
            t.extend([
                m.data.title.clone(),
                m.data.description.clone(),
                m.data.lessons.clone(),
            ]);
            t.extend(m.data.indicators.iter().map(|i| i.name.clone()));
            t.extend(m.data.links.iter().cloned());
        }
        for g in &d.groups {
            t.extend([g.name.clone(), g.description.clone()]);
        }
        t.extend(d.tasks.iter().map(|x| x.title.clone()));
        for i in &d.ideas {
            t.extend([i.title.clone(), i.summary.clone()]);
            t.extend(i.decisions.iter().map(|x| x.note.clone()));
        }
        for e in &d.events {
            let e = &e.data;
            t.extend([
                e.title.clone(),
                e.description.clone(),
                e.venue.clone(),
                e.address.clone(),
                e.agenda.clone(),
                e.minutes.clone(),
            ]);
            t.extend(e.online_url.iter().cloned());
        }
        for c in &d.contacts {
            t.extend([c.name.clone(), c.function.clone(), c.email.clone()]);
        }
        t
    }

    #[test]
    fn every_invented_record_is_demo() {
        let d = demo();
        assert!(d.measures.iter().all(|m| m.data.demo));
        assert!(d.events.iter().all(|e| e.data.demo));
        let ids = ids(&d);
        for i in &d.ideas {
            assert!(i.resolve(&ids).expect("keys").demo, "{}", i.title);
        }
        for c in &d.contacts {
            assert!(c.resolve(&ids).expect("keys").demo, "{}", c.name);
        }
        for g in &d.groups {
            // Only the three groups the Kompetenzregion's text names are real.
            assert_eq!(g.demo, g.network != KOMPETENZREGION, "{}", g.name);
        }
        for o in &d.orgs {
            if o.demo {
                assert!(
                    o.description.starts_with("Fiktive Demo-Organisation"),
                    "{}",
                    o.name
                );
                assert!(
                    o.name.ends_with("(fiktiv)") && o.name.starts_with("Demo-"),
                    "{}",
                    o.name
                );
                assert!(o
                    .new_employer()
                    .description
                    .starts_with("<p>Fiktive Demo-Organisation"));
                let w = o.website.as_deref().expect("website");
                assert!(w.starts_with("https://example.org/"), "{w}");
            } else {
                assert!(
                    o.description.starts_with("Laut öffentlichem Pressetext"),
                    "{}",
                    o.name
                );
                assert!(o.website.is_none(), "nothing invented about {}", o.name);
                assert!(!o.name.contains("fiktiv"), "{}", o.name);
            }
        }
        for n in &d.networks {
            assert!(!n.demo, "the networks are real");
            assert!(n.office_user.email.ends_with("@example.org"));
            assert!(n.office_user.display_name.starts_with("Demo-"));
            assert!(org(&d, n.office_org).demo);
        }
        for c in &d.contacts {
            assert!(c.email.ends_with("@example.org"), "{}", c.email);
            assert!(c.function.contains("fiktiv"), "{}", c.function);
            assert!(
                c.consent_at.date_naive() < reference(),
                "consent before today"
            );
        }
    }

    #[test]
    fn no_invented_text_names_a_person_of_the_press_texts() {
        let people = [
            "Christine Herrntier",
            "Torsten Pötzsch",
            "Torsten Ruban-Zeh",
            "Jacob Kirschke",
            "Heiko Jahn",
            "Thomas Berlin",
            "Roland Dantz",
            "Jens Frühauf",
        ];
        let d = demo();
        let texts = invented_texts(&d);
        for person in people {
            let surname = person.rsplit(' ').next().expect("surname");
            let parts: Vec<&str> = std::iter::once(surname)
                .chain(surname.split('-').filter(|p| p.len() > 3))
                .collect();
            for text in &texts {
                assert!(!text.contains(person), "{person} in {text:?}");
                // Whole words only: "Berlin" the surname, not "Berliner"; the city
                // appears nowhere in the texts either.
                for word in text.split(|c: char| !c.is_alphanumeric() && c != '-') {
                    for part in &parts {
                        assert!(
                            !word.eq_ignore_ascii_case(part)
                                && !word.split('-').any(|w| w.eq_ignore_ascii_case(part)),
                            "{part} ({person}) in {text:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn every_key_exists_and_resolves() {
        let d = demo();
        let ids = ids(&d);
        let keys: BTreeSet<&str> = d.orgs.iter().map(|o| o.key).collect();
        assert_eq!(keys.len(), d.orgs.len(), "organisation keys are unique");
        let names: BTreeSet<&str> = d.orgs.iter().map(|o| o.name.as_str()).collect();
        assert_eq!(names.len(), d.orgs.len(), "organisation names are unique");
        let measures: BTreeSet<&str> = d.measures.iter().map(|m| m.key).collect();
        assert_eq!(measures.len(), d.measures.len());
        let groups: BTreeSet<&str> = d.groups.iter().map(|g| g.key).collect();
        assert_eq!(groups.len(), d.groups.len());

        for n in &d.networks {
            bleibe_domain::account::check_slug("slug", n.slug).expect("slug");
            for m in &n.members {
                assert!(keys.contains(m), "{m} in {}", n.key);
            }
            let unique: BTreeSet<_> = n.members.iter().collect();
            assert_eq!(unique.len(), n.members.len(), "{}", n.key);
            assert!(!n.place_ids.is_empty());
        }
        // Every real organisation is a member somewhere.
        for o in d.orgs.iter().filter(|o| !o.demo) {
            assert!(
                d.networks.iter().any(|n| n.members.contains(&o.key)),
                "{}",
                o.key
            );
        }
        for m in &d.measures {
            m.resolve(&ids).expect("measure keys");
        }
        for g in &d.groups {
            g.resolve(&ids, Some(1)).expect("group keys");
        }
        for t in &d.tasks {
            t.resolve(&ids, Some(1))
                .expect("task keys")
                .validate()
                .expect("task");
        }
        for i in &d.ideas {
            i.resolve(&ids).expect("idea keys");
            if let Some(m) = i.measure {
                ids.measure(m).expect("measure of an idea");
            }
        }
        for e in &d.events {
            e.resolve(&ids).expect("event keys");
        }
        for c in &d.contacts {
            c.resolve(&ids).expect("contact keys");
        }
        assert_eq!(
            Ids::default().org("x"),
            Err(UnknownKey {
                kind: "organisation",
                key: "x".into()
            })
        );
    }

    #[test]
    fn every_demo_record_belongs_to_a_demo_member_organisation() {
        let d = demo();
        for m in &d.measures {
            let owner = org(&d, m.owner);
            assert!(owner.demo, "{}", m.data.title);
            match &m.share {
                Share::All => {}
                Share::Only(nets) => {
                    for n in nets {
                        demo_org_in(&d, m.owner, n, &m.data.title);
                    }
                }
            }
            assert!(
                d.networks.iter().any(|n| n.members.contains(&m.owner)),
                "{}",
                m.data.title
            );
        }
        for i in &d.ideas {
            demo_org_in(&d, i.org, i.network, &i.title);
            for inst in &i.institutions {
                demo_org_in(&d, inst, i.network, &i.title);
            }
            if let Some(g) = i.group {
                let g = d.groups.iter().find(|x| x.key == g).expect("group");
                assert_eq!(g.network, i.network, "{}", i.title);
            }
            if let Some(m) = i.measure {
                let m = d.measures.iter().find(|x| x.key == m).expect("measure");
                assert_eq!(m.owner, i.org, "{}", i.title);
            }
        }
        for e in &d.events {
            let n = e.network.expect("every demo event is in a network");
            demo_org_in(&d, e.org, n, &e.data.title);
            if let Some(g) = e.group {
                let g = d.groups.iter().find(|x| x.key == g).expect("group");
                assert_eq!(g.network, n, "{}", e.data.title);
            }
        }
        for c in &d.contacts {
            demo_org_in(&d, c.org, c.network, &c.name);
        }
        for t in &d.tasks {
            assert!(d.groups.iter().any(|g| g.key == t.group));
        }
    }

    #[test]
    fn every_record_passes_validation() {
        let d = demo();
        let ids = ids(&d);
        for o in &d.orgs {
            o.new_employer().validate().expect("organisation");
        }
        for m in &d.measures {
            m.resolve(&ids)
                .expect("keys")
                .validate()
                .unwrap_or_else(|e| panic!("{}: {e:?}", m.data.title));
        }
        for i in &d.ideas {
            i.resolve(&ids).expect("keys").validate().expect("idea");
        }
        for e in &d.events {
            e.resolve(&ids)
                .expect("keys")
                .validate()
                .unwrap_or_else(|err| panic!("{}: {err:?}", e.data.title));
        }
        for c in &d.contacts {
            c.resolve(&ids).expect("keys").validate().expect("contact");
        }
        for g in &d.groups {
            g.resolve(&ids, None)
                .expect("keys")
                .validate()
                .expect("group");
        }
    }

    #[test]
    fn idea_decisions_follow_the_pipeline() {
        let d = demo();
        let mut stages = BTreeSet::new();
        for i in &d.ideas {
            let mut last = None;
            for s in i.steps() {
                assert!(
                    s.from.may_move_to(s.decision.to, s.parked_from),
                    "{}: {} → {}",
                    i.title,
                    s.from,
                    s.decision.to
                );
                bleibe_domain::cooperation::Decision::check(
                    s.from,
                    s.decision.to,
                    s.parked_from,
                    &s.decision.note,
                )
                .unwrap_or_else(|e| panic!("{}: {e:?}", i.title));
                assert!(
                    s.decision.on < reference(),
                    "{}: decisions are past",
                    i.title
                );
                if let Some(prev) = last {
                    assert!(s.decision.on > prev, "{}: decisions in date order", i.title);
                }
                last = Some(s.decision.on);
            }
            // A project that runs (or ran) carries out a measure, and only then.
            let ran = i.decisions.iter().any(|x| x.to == IdeaStage::Running);
            assert_eq!(ran, i.measure.is_some(), "{}", i.title);
            stages.insert(i.stage());
        }
        for n in &d.networks {
            let count = d.ideas.iter().filter(|i| i.network == n.key).count();
            assert!((3..=6).contains(&count), "{}: {count} ideas", n.key);
        }
        // The pipeline is shown in many stages.
        for s in [
            IdeaStage::Idea,
            IdeaStage::PreConsultation,
            IdeaStage::Qualification,
            IdeaStage::Application,
            IdeaStage::Running,
            IdeaStage::Evaluated,
            IdeaStage::Rejected,
            IdeaStage::Parked,
        ] {
            assert!(stages.contains(&s), "no idea in stage {s}");
        }
    }

    #[test]
    fn each_network_has_the_asked_for_content() {
        let d = demo();
        for n in &d.networks {
            let k = n.key;
            let demo_orgs = d
                .orgs
                .iter()
                .filter(|o| o.demo && n.members.contains(&o.key))
                .count();
            assert!((2..=5).contains(&demo_orgs), "{k}: {demo_orgs}");
            let measures: Vec<&DemoMeasure> = d
                .measures
                .iter()
                .filter(|m| match &m.share {
                    Share::All => n.members.contains(&m.owner),
                    Share::Only(v) => v.contains(&k),
                })
                .collect();
            assert!(
                (4..=10).contains(&measures.len()),
                "{k}: {}",
                measures.len()
            );
            let only_here = d.measures.iter().any(|m| m.share == Share::Only(vec![k]));
            assert!(only_here, "{k}: a measure shared with this network only");
            let events: Vec<_> = d.events.iter().filter(|e| e.network == Some(k)).collect();
            assert!((4..=8).contains(&events.len()), "{k}: {}", events.len());
            assert!(events
                .iter()
                .any(|e| e.data.kind == EventKind::WorkingGroupMeeting));
            for e in &events {
                if e.data.minutes.is_empty() {
                    assert!(
                        e.data.starts_at.date_naive() > reference(),
                        "{}: upcoming",
                        e.data.title
                    );
                } else {
                    assert!(
                        e.data.starts_at.date_naive() < reference(),
                        "{}: minutes of a past meeting",
                        e.data.title
                    );
                }
            }
            let contacts = d.contacts.iter().filter(|c| c.network == k).count();
            assert!((2..=3).contains(&contacts), "{k}: {contacts}");
            let groups = d.groups.iter().filter(|g| g.network == k).count();
            assert_eq!(groups, if k == KOMPETENZREGION { 3 } else { 1 }, "{k}");
        }
        for n in [DREIECK, WESTLAUSITZ, KOMPETENZREGION, WACHSTUMSREGION] {
            network(&d, n);
        }
        // Public and members-only, shared with one network and with all.
        assert!(d
            .measures
            .iter()
            .any(|m| m.data.visibility == Visibility::Members));
        assert!(d
            .measures
            .iter()
            .any(|m| m.data.visibility == Visibility::Public));
        for f in [
            FundingSource::EsfPlus,
            FundingSource::Jtf,
            FundingSource::Strukturstaerkung,
            FundingSource::Own,
        ] {
            assert!(d.measures.iter().any(|m| m.data.funding == Some(f)), "{f}");
        }
        for c in Cluster::ALL {
            assert!(d.measures.iter().any(|m| m.data.cluster == *c), "{c}");
        }
        for k in [
            EventKind::ReturneeDay,
            EventKind::JobFair,
            EventKind::ConsultationDay,
            EventKind::InfoEvent,
        ] {
            assert!(d.events.iter().any(|e| e.data.kind == k), "{k}");
        }
        assert!(d
            .events
            .iter()
            .any(|e| e.data.venue == "Niederlausitzhalle Senftenberg"
                && e.data.kind == EventKind::ReturneeDay));
        let dock = d
            .events
            .iter()
            .find(|e| e.data.venue.contains("Dock 3") && e.data.kind == EventKind::ConsultationDay)
            .expect("the consultation day in Dock 3");
        // Bookable 30-minute slots; the stored capacity is their number.
        assert_eq!(dock.data.slot_minutes, Some(30));
        let checked = dock.data.clone().validate().expect("valid");
        assert_eq!(checked.capacity, dock.data.capacity);
        assert_eq!(checked.slots().len(), 12);
        // Overlaps: Hoyerswerda in the Städte-Dreieck and the Wachstumsregion; the
        // Wirtschaftsinitiative Lausitz in the Städte-Dreieck and the Kompetenzregion.
        assert!(network(&d, DREIECK).members.contains(&"stadt-hoyerswerda"));
        assert!(network(&d, WACHSTUMSREGION)
            .members
            .contains(&"stadt-hoyerswerda"));
        assert!(network(&d, KOMPETENZREGION).members.contains(&"wil"));
        assert!(
            !network(&d, WESTLAUSITZ).place_ids.contains(&SCHIPKAU),
            "Schipkau only applied"
        );
        assert_eq!(
            network(&d, KOMPETENZREGION)
                .members
                .iter()
                .filter(|m| !org(&d, m).demo)
                .count(),
            31
        );
    }

    #[test]
    fn the_same_reference_gives_the_same_data_and_dates_move_with_it() {
        assert_eq!(demo(), demo());
        let later = network_demo(reference() + Duration::days(100));
        let shift = Duration::days(100);
        for (a, b) in demo().events.iter().zip(&later.events) {
            assert_eq!(a.data.starts_at + shift, b.data.starts_at);
        }
        let w = When {
            reference: reference(),
        };
        assert_eq!(w.quarter(1), "2025-Q4");
        assert_eq!(w.quarter(4), "2025-Q1");
        assert_eq!(w.quarter(5), "2024-Q4");
        let v = w.values(&[1.0, 2.0]);
        assert_eq!(v[0].period, "2025-Q3");
        assert_eq!(v[1].period, "2025-Q4");
    }
}
