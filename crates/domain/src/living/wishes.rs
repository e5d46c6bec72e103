//! A household's wishes for "Leben & Arbeiten": who looks for work (one or two persons,
//! for dual careers), how far each will commute and how, the children (and so the Kita
//! and school places needed), housing, the kind of place, weighted preferences, and
//! optionally a place that should stay close.
//!
//! [`Wishes::validate`] names the field to fix in the API's dotted form
//! (`persons[1].max_commute.car`), so the problem document can point at it.

use super::travel::Mode;
use crate::error::ValidationError;
use crate::job::vocabulary;
use serde::{Deserialize, Serialize};

/// At most this many persons look for work (the issue's dual career).
pub const MAX_PERSONS: usize = 2;
/// The longest one-way commute that can be asked for, in minutes.
pub const MAX_COMMUTE_MINUTES: u32 = 180;
/// At most this many children.
pub const MAX_CHILDREN: usize = 10;
/// Results per page at most.
pub const MAX_PER_PAGE: u32 = 50;

vocabulary!(
    /// The kind of place a household wants to live in, by inhabitants — the German
    /// official classes: Landgemeinde (< 5,000), Kleinstadt (5,000–19,999), Mittelstadt
    /// (20,000–99,999), Großstadt (≥ 100,000).
    Settlement {
        /// Fewer than 5,000 inhabitants.
        Village = "village",
        /// 5,000 to 19,999 inhabitants.
        SmallTown = "small_town",
        /// 20,000 to 99,999 inhabitants.
        Town = "town",
        /// 100,000 inhabitants or more.
        City = "city",
        /// Any size.
        Any = "any",
    }
);

impl Settlement {
    /// Whether a place with this many inhabitants is of this kind. A place whose
    /// population is unknown (GeoNames gives 0 for many, Spremberg among them) is of no
    /// known kind: only [`Settlement::Any`] admits it — missing data never counts as met.
    pub fn admits(self, population: Option<u32>) -> bool {
        let p = match (self, population) {
            (Settlement::Any, _) => return true,
            (_, None | Some(0)) => return false,
            (_, Some(p)) => p,
        };
        match self {
            Settlement::Village => p < 5_000,
            Settlement::SmallTown => (5_000..20_000).contains(&p),
            Settlement::Town => (20_000..100_000).contains(&p),
            Settlement::City => p >= 100_000,
            Settlement::Any => true,
        }
    }

    /// The kind of a place with this many inhabitants; `None` when unknown.
    pub fn of(population: Option<u32>) -> Option<Settlement> {
        [
            Settlement::Village,
            Settlement::SmallTown,
            Settlement::Town,
            Settlement::City,
        ]
        .into_iter()
        .find(|s| s.admits(population))
    }
}

/// The longest one-way commute a person accepts, per mode; the person may use any mode
/// listed. At least one is required.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MaxCommute {
    /// Minutes by car.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub car: Option<u32>,
    /// Minutes by bus and train.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transit: Option<u32>,
    /// Minutes by bike.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bike: Option<u32>,
}

impl MaxCommute {
    /// The modes given with their limits, in [`Mode::ALL`] order.
    pub fn limits(&self) -> Vec<(Mode, u32)> {
        [
            (Mode::Car, self.car),
            (Mode::Transit, self.transit),
            (Mode::Bike, self.bike),
        ]
        .into_iter()
        .filter_map(|(m, l)| l.map(|l| (m, l)))
        .collect()
    }
}

/// One person who looks for work.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PersonWish {
    /// Free text as in the job search ("Mechatroniker").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// A KldB 2010 code prefix of 1 to 5 digits ("26").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupation: Option<String>,
    /// The longest one-way commute per mode.
    pub max_commute: MaxCommute,
}

/// Housing: rent (a warm-rent budget and the rooms needed) or buying (a budget for the
/// building plot).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Housing {
    /// The most the household pays per month, rent with heating and service charges.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_warm_rent_eur: Option<u32>,
    /// Rooms needed (with `max_warm_rent_eur`); the flat's size is
    /// [`SQM_PER_ROOM`] m² per room.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rooms: Option<u32>,
    /// Buying instead of renting: the most the household pays for a building plot of
    /// [`PLOT_SQM`] m².
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_plot_eur: Option<u32>,
}

/// The flat's size per room needed, in m² (kitchen, bath and hall included): 25 m² per
/// room, so 3 rooms are 75 m², about the German average for a three-room flat.
pub const SQM_PER_ROOM: f64 = 25.0;
/// Heating and service charges per m² on top of the net rent (Betriebskosten incl.
/// heating; the German average in the Betriebskostenspiegel is about €2.50–3.00).
pub const SERVICE_CHARGES_EUR_M2: f64 = 2.8;
/// The size of a building plot for a family house, in m².
pub const PLOT_SQM: f64 = 600.0;

impl Housing {
    /// The monthly warm rent of the flat wanted at a net rent of `rent_eur_m2`.
    pub fn warm_rent(&self, rent_eur_m2: f64) -> Option<f64> {
        self.rooms
            .map(|r| f64::from(r) * SQM_PER_ROOM * (rent_eur_m2 + SERVICE_CHARGES_EUR_M2))
    }
}

/// Preferences, each weighted 0 (does not matter) to 3 (matters a lot).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Preferences {
    /// Nature and quiet.
    #[serde(default)]
    pub nature: u8,
    /// Culture: theatre, cinema, library.
    #[serde(default)]
    pub culture: u8,
    /// Sports clubs and facilities.
    #[serde(default)]
    pub sports: u8,
    /// Doctors nearby.
    #[serde(default)]
    pub health_care: u8,
    /// A railway station.
    #[serde(default)]
    pub rail_link: u8,
}

/// A place that should stay close ("my parents live in Weißwasser").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StayClose {
    /// The place: a name ("Weißwasser") or a GeoNames id.
    pub place: String,
    /// The longest trip from home to it, in minutes.
    pub max_minutes: u32,
    /// How that trip is made; default car.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<Mode>,
}

/// What a household wishes for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Wishes {
    /// One or two persons looking for work.
    pub persons: Vec<PersonWish>,
    /// The children's ages in years.
    #[serde(default)]
    pub children_ages: Vec<u8>,
    /// Housing; none: not a criterion.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub housing: Option<Housing>,
    /// The kind of place; default any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settlement: Option<Settlement>,
    /// Weighted preferences.
    #[serde(default)]
    pub preferences: Preferences,
    /// A place that should stay close.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stay_close_to: Option<StayClose>,
    /// Page, from 1.
    #[serde(default = "first_page")]
    pub page: u32,
    /// Results per page, 1 to [`MAX_PER_PAGE`].
    #[serde(default = "default_per_page")]
    pub per_page: u32,
}

fn first_page() -> u32 {
    1
}

fn default_per_page() -> u32 {
    20
}

vocabulary!(
    /// What the children need near home, by age and the state's school system.
    Need {
        /// A Kita place (children under 6).
        Kita = "kita",
        /// A primary school (Grundschule, with Hort).
        PrimarySchool = "primary_school",
        /// A secondary school.
        SecondarySchool = "secondary_school",
    }
);

/// The last grade of primary school in a state: 6 in Brandenburg (`11`) and Berlin
/// (`16`), 4 elsewhere (Saxony `13` included).
pub fn primary_grades(state_code: &str) -> u8 {
    match state_code {
        "11" | "16" => 6,
        _ => 4,
    }
}

impl Wishes {
    /// Checks every field and normalises text (trimmed; empty text is none). The error
    /// names the field in dotted form.
    pub fn validate(mut self) -> Result<Self, ValidationError> {
        if self.persons.is_empty() {
            return Err(ValidationError::new(
                "persons",
                "give at least one person who looks for work",
            ));
        }
        if self.persons.len() > MAX_PERSONS {
            return Err(ValidationError::new(
                "persons",
                format!("at most {MAX_PERSONS} persons"),
            ));
        }
        for (i, p) in self.persons.iter_mut().enumerate() {
            let field = |f: &str| format!("persons[{i}].{f}");
            p.query = p
                .query
                .take()
                .map(|q| q.trim().to_string())
                .filter(|q| !q.is_empty());
            if p.query.as_ref().is_some_and(|q| q.chars().count() > 200) {
                return Err(ValidationError::new(
                    field("query"),
                    "at most 200 characters",
                ));
            }
            p.occupation = p
                .occupation
                .take()
                .map(|o| o.trim().to_string())
                .filter(|o| !o.is_empty());
            if let Some(o) = &p.occupation {
                if o.len() > 5 || !o.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(ValidationError::new(
                        field("occupation"),
                        "a KldB 2010 code of 1 to 5 digits, e.g. 26",
                    ));
                }
            }
            if p.query.is_none() && p.occupation.is_none() {
                return Err(ValidationError::new(
                    field("query"),
                    "give what the person looks for: query, occupation or both",
                ));
            }
            let limits = p.max_commute.limits();
            if limits.is_empty() {
                return Err(ValidationError::new(
                    field("max_commute"),
                    "give at least one mode: car, transit or bike (minutes)",
                ));
            }
            for (mode, minutes) in limits {
                if minutes == 0 || minutes > MAX_COMMUTE_MINUTES {
                    return Err(ValidationError::new(
                        field(&format!("max_commute.{}", mode.as_str())),
                        format!("minutes from 1 to {MAX_COMMUTE_MINUTES}"),
                    ));
                }
            }
        }
        if self.children_ages.len() > MAX_CHILDREN {
            return Err(ValidationError::new(
                "children_ages",
                format!("at most {MAX_CHILDREN} children"),
            ));
        }
        if let Some(age) = self.children_ages.iter().find(|a| **a > 17) {
            return Err(ValidationError::new(
                "children_ages",
                format!("{age} is not a child's age (0 to 17)"),
            ));
        }
        if let Some(h) = &self.housing {
            match (h.max_warm_rent_eur, h.rooms, h.max_plot_eur) {
                (Some(_), Some(_), None) | (None, None, Some(_)) => {}
                (_, _, Some(_)) => {
                    return Err(ValidationError::new(
                        "housing",
                        "either rent (max_warm_rent_eur and rooms) or buy (max_plot_eur), not both",
                    ))
                }
                (Some(_), None, None) => {
                    return Err(ValidationError::new(
                        "housing.rooms",
                        "give the rooms needed with the rent budget",
                    ))
                }
                (None, _, None) => {
                    return Err(ValidationError::new(
                        "housing.max_warm_rent_eur",
                        "give a warm-rent budget per month (or max_plot_eur to buy)",
                    ))
                }
            }
            if h.rooms.is_some_and(|r| r == 0 || r > 12) {
                return Err(ValidationError::new("housing.rooms", "1 to 12 rooms"));
            }
            if h.max_warm_rent_eur == Some(0) {
                return Err(ValidationError::new(
                    "housing.max_warm_rent_eur",
                    "a budget above 0",
                ));
            }
            if h.max_plot_eur == Some(0) {
                return Err(ValidationError::new(
                    "housing.max_plot_eur",
                    "a budget above 0",
                ));
            }
        }
        let p = self.preferences;
        for (name, w) in [
            ("nature", p.nature),
            ("culture", p.culture),
            ("sports", p.sports),
            ("health_care", p.health_care),
            ("rail_link", p.rail_link),
        ] {
            if w > 3 {
                return Err(ValidationError::new(
                    format!("preferences.{name}"),
                    "a weight from 0 (does not matter) to 3 (matters a lot)",
                ));
            }
        }
        if let Some(s) = &mut self.stay_close_to {
            s.place = s.place.trim().to_string();
            if s.place.is_empty() {
                return Err(ValidationError::new(
                    "stay_close_to.place",
                    "name the place, e.g. Weißwasser",
                ));
            }
            if s.max_minutes == 0 || s.max_minutes > MAX_COMMUTE_MINUTES {
                return Err(ValidationError::new(
                    "stay_close_to.max_minutes",
                    format!("minutes from 1 to {MAX_COMMUTE_MINUTES}"),
                ));
            }
        }
        if self.page == 0 {
            return Err(ValidationError::new("page", "pages count from 1"));
        }
        if self.per_page == 0 || self.per_page > MAX_PER_PAGE {
            return Err(ValidationError::new(
                "per_page",
                format!("1 to {MAX_PER_PAGE} results per page"),
            ));
        }
        Ok(self)
    }

    /// What the children need near a home in the state `state_code`: a Kita under 6, a
    /// primary school (with Hort) for the state's primary grades — grades 1–6 in
    /// Brandenburg, 1–4 in Saxony — and a secondary school after that.
    pub fn needs(&self, state_code: &str) -> Vec<Need> {
        let last_primary_age = 5 + primary_grades(state_code);
        let mut needs: Vec<Need> = self
            .children_ages
            .iter()
            .map(|&age| {
                if age < 6 {
                    Need::Kita
                } else if age <= last_primary_age {
                    Need::PrimarySchool
                } else {
                    Need::SecondarySchool
                }
            })
            .collect();
        needs.sort();
        needs.dedup();
        needs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person() -> PersonWish {
        PersonWish {
            query: Some("Mechatroniker".into()),
            occupation: None,
            max_commute: MaxCommute {
                car: Some(35),
                ..MaxCommute::default()
            },
        }
    }

    fn wishes() -> Wishes {
        Wishes {
            persons: vec![person()],
            page: 1,
            per_page: 20,
            ..Wishes::default()
        }
    }

    fn field_of(w: Wishes) -> String {
        w.validate().expect_err("invalid").field
    }

    #[test]
    fn the_issue_example_parses_and_validates() {
        let json = r#"{"persons": [{"query": "Mechatroniker", "occupation": "26", "max_commute": {"car": 35, "transit": 60}},
             {"query": "Pflegefachkraft", "max_commute": {"car": 25}}],
             "children_ages": [3, 8],
             "housing": {"max_warm_rent_eur": 950, "rooms": 3},
             "settlement": "village",
             "preferences": {"nature": 3, "culture": 1, "sports": 2, "health_care": 3, "rail_link": 1},
             "stay_close_to": {"place": "Weißwasser", "max_minutes": 45},
             "page": 1, "per_page": 20}"#;
        let w: Wishes = serde_json::from_str(json).expect("parses");
        let w = w.validate().expect("valid");
        assert_eq!(w.persons[0].max_commute.limits().len(), 2);
        assert_eq!(w.settlement, Some(Settlement::Village));
        // A child of 8 is in primary school in Brandenburg (grades 1–6) but in Saxony
        // (grades 1–4) too: 8 is grade 2 or 3.
        assert_eq!(w.needs("11"), vec![Need::Kita, Need::PrimarySchool]);
    }

    #[test]
    fn school_needs_follow_the_state() {
        let mut w = wishes();
        w.children_ages = vec![11];
        assert_eq!(
            w.needs("11"),
            vec![Need::PrimarySchool],
            "Brandenburg: grade 5"
        );
        assert_eq!(
            w.needs("13"),
            vec![Need::SecondarySchool],
            "Saxony: grade 5"
        );
        w.children_ages = vec![5, 6];
        assert_eq!(w.needs("13"), vec![Need::Kita, Need::PrimarySchool]);
        w.children_ages = vec![];
        assert!(w.needs("13").is_empty());
    }

    #[test]
    fn bad_wishes_name_the_field() {
        let mut w = wishes();
        w.persons.clear();
        assert_eq!(field_of(w), "persons");

        let mut w = wishes();
        w.persons.push(person());
        w.persons[1].max_commute = MaxCommute::default();
        assert_eq!(field_of(w), "persons[1].max_commute");

        let mut w = wishes();
        w.persons[0].max_commute.transit = Some(0);
        assert_eq!(field_of(w), "persons[0].max_commute.transit");

        let mut w = wishes();
        w.persons[0].query = Some("  ".into());
        assert_eq!(field_of(w), "persons[0].query");

        let mut w = wishes();
        w.persons[0].occupation = Some("2a".into());
        assert_eq!(field_of(w), "persons[0].occupation");

        let mut w = wishes();
        w.children_ages = vec![3, 19];
        assert_eq!(field_of(w), "children_ages");

        let mut w = wishes();
        w.housing = Some(Housing {
            max_warm_rent_eur: Some(900),
            ..Housing::default()
        });
        assert_eq!(field_of(w), "housing.rooms");

        let mut w = wishes();
        w.preferences.nature = 4;
        assert_eq!(field_of(w), "preferences.nature");

        let mut w = wishes();
        w.stay_close_to = Some(StayClose {
            place: "Weißwasser".into(),
            max_minutes: 0,
            mode: None,
        });
        assert_eq!(field_of(w), "stay_close_to.max_minutes");

        let mut w = wishes();
        w.per_page = 51;
        assert_eq!(field_of(w), "per_page");

        let negative = r#"{"persons": [{"query": "x", "max_commute": {"car": -5}}]}"#;
        assert!(serde_json::from_str::<Wishes>(negative).is_err());
    }

    #[test]
    fn settlement_classes_follow_population() {
        assert!(Settlement::Village.admits(Some(4_999)));
        assert!(!Settlement::Village.admits(None), "unknown is no kind");
        assert!(
            !Settlement::Village.admits(Some(0)),
            "GeoNames' 0 is unknown"
        );
        assert!(Settlement::Any.admits(None));
        assert_eq!(Settlement::of(Some(0)), None);
        assert!(Settlement::SmallTown.admits(Some(5_000)));
        assert!(Settlement::Town.admits(Some(99_999)));
        assert!(Settlement::City.admits(Some(100_000)));
        assert_eq!(Settlement::of(Some(25_000)), Some(Settlement::Town));
        assert_eq!(Settlement::of(Some(250_000)), Some(Settlement::City));
    }

    #[test]
    fn warm_rent_uses_the_documented_size_and_charges() {
        let h = Housing {
            max_warm_rent_eur: Some(950),
            rooms: Some(3),
            max_plot_eur: None,
        };
        let rent = h.warm_rent(6.0).expect("rooms given");
        assert!((rent - 3.0 * 25.0 * 8.8).abs() < 1e-9, "{rent}");
    }
}
