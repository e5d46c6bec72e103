//! Place profiles: what a place offers a household — rail, doctors, Kitas, schools,
//! shops, clubs and offers by cluster, rent and building land, broadband, a contact
//! person. Every value carries its source and date; values invented for the demo are
//! marked `demo` wherever they are shown.
//!
//! A profile is a map from [`ProfileKey`] to [`ProfileValue`]. Counts come from
//! OpenStreetMap (`bleibe import osm-pois`), from CSV files (`bleibe import
//! place-profiles`) or from the municipality itself, who edits its place's profile.
//! [`ProfileValue::validate`] checks an edit; its error names the field as
//! `<key>.value`, `<key>.source` or `<key>.as_of`.

use crate::error::ValidationError;
use crate::job::vocabulary;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

vocabulary!(
    /// One thing a place profile says about a place.
    ProfileKey {
        /// Railway stations and halts (count).
        RailStation = "rail_station",
        /// The rail lines that stop there (text, "RE 18, RB 65").
        RailLines = "rail_lines",
        /// General practitioners' practices (Hausärzte; count).
        Gp = "gp",
        /// Paediatricians' practices (Kinderärzte; count).
        Paediatrician = "paediatrician",
        /// Kitas: day-care centres for children (count).
        Kita = "kita",
        /// Primary schools (Grundschulen; count).
        PrimarySchool = "primary_school",
        /// Secondary schools (Oberschule, Gymnasium, Gesamtschule, …; count).
        SecondarySchool = "secondary_school",
        /// Supermarkets (count).
        Supermarket = "supermarket",
        /// Clubs and offers of the cluster Sport (count).
        OffersSport = "offers_sport",
        /// Clubs and offers of the cluster Kultur (count).
        OffersCulture = "offers_culture",
        /// Clubs and offers of the cluster Erholung (count).
        OffersRecreation = "offers_recreation",
        /// Clubs and offers of the cluster Soziales (count).
        OffersSocial = "offers_social",
        /// Clubs and offers of the cluster Tourismus (count).
        OffersTourism = "offers_tourism",
        /// Clubs and offers of the cluster Sonstiges (count).
        OffersOther = "offers_other",
        /// Median asking rent, EUR per m² (net, cold).
        MedianRentEurM2 = "median_rent_eur_m2",
        /// Standard land value for building land (Bodenrichtwert), EUR per m².
        BuildingLandEurM2 = "building_land_eur_m2",
        /// Broadband available to most households, Mbit/s download.
        BroadbandMbit = "broadband_mbit",
        /// The contact person for newcomers (text: name, office, phone or e-mail).
        Contact = "contact",
    }
);

vocabulary!(
    /// How the keys of a profile are grouped on a place's page, in display order.
    ProfileGroup {
        /// Rail stations and lines.
        Mobility = "mobility",
        /// Doctors.
        Health = "health",
        /// Kitas and schools.
        Children = "children",
        /// Supermarkets.
        Everyday = "everyday",
        /// Clubs and offers by cluster.
        Offers = "offers",
        /// Rent and building land.
        Housing = "housing",
        /// Broadband.
        Internet = "internet",
        /// The contact person.
        Contact = "contact",
    }
);

/// What kind of value a key takes, and so how it is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// A whole number from 0 to [`MAX_COUNT`].
    Count,
    /// EUR per m², from 0 to the key's [`ProfileKey::max`].
    Money,
    /// Mbit/s, from 0 to the key's [`ProfileKey::max`].
    Speed,
    /// Text of at most the key's [`ProfileKey::max_chars`] characters.
    Text,
}

/// The largest count accepted (no place has more of anything).
pub const MAX_COUNT: f64 = 100_000.0;

/// The longest source accepted, in characters.
pub const MAX_SOURCE_CHARS: usize = 200;

impl ProfileKey {
    /// What kind of value this key takes.
    pub fn kind(self) -> ValueKind {
        use ProfileKey::*;
        match self {
            RailLines | Contact => ValueKind::Text,
            MedianRentEurM2 | BuildingLandEurM2 => ValueKind::Money,
            BroadbandMbit => ValueKind::Speed,
            _ => ValueKind::Count,
        }
    }

    /// The group it is shown in.
    pub fn group(self) -> ProfileGroup {
        use ProfileKey::*;
        match self {
            RailStation | RailLines => ProfileGroup::Mobility,
            Gp | Paediatrician => ProfileGroup::Health,
            Kita | PrimarySchool | SecondarySchool => ProfileGroup::Children,
            Supermarket => ProfileGroup::Everyday,
            OffersSport | OffersCulture | OffersRecreation | OffersSocial | OffersTourism
            | OffersOther => ProfileGroup::Offers,
            MedianRentEurM2 | BuildingLandEurM2 => ProfileGroup::Housing,
            BroadbandMbit => ProfileGroup::Internet,
            Contact => ProfileGroup::Contact,
        }
    }

    /// The largest plausible number: counts up to [`MAX_COUNT`], a median rent up to
    /// 100 EUR/m² (German cities ask 5–25), building land up to 20,000 EUR/m² (the most
    /// expensive inner-city plots stay below), broadband up to 100,000 Mbit/s.
    pub fn max(self) -> f64 {
        match self {
            ProfileKey::MedianRentEurM2 => 100.0,
            ProfileKey::BuildingLandEurM2 => 20_000.0,
            ProfileKey::BroadbandMbit => 100_000.0,
            _ => MAX_COUNT,
        }
    }

    /// The longest text accepted (text keys).
    pub fn max_chars(self) -> usize {
        match self {
            ProfileKey::RailLines => 300,
            _ => 500,
        }
    }

    /// Whether the value is a number (every key but the text ones).
    pub fn is_number(self) -> bool {
        self.kind() != ValueKind::Text
    }

    /// The keys of `group`, in display order.
    pub fn of_group(group: ProfileGroup) -> impl Iterator<Item = ProfileKey> {
        Self::ALL
            .iter()
            .copied()
            .filter(move |k| k.group() == group)
    }
}

/// A value: a number (counts, EUR/m², Mbit/s) or a text (rail lines, contact person).
/// Whole numbers are written without a fraction (`3`, not `3.0`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum Value {
    /// A number.
    Number(f64),
    /// A text.
    Text(String),
}

impl Value {
    /// The number, if it is one.
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Number(n) => Some(*n),
            Value::Text(_) => None,
        }
    }

    /// The text, if it is one.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Number(_) => None,
            Value::Text(t) => Some(t),
        }
    }
}

/// Whole numbers up to 2⁵³ are exact as integers.
const EXACT_INTEGER: f64 = 9_007_199_254_740_992.0;

impl Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Number(n) if n.fract() == 0.0 && n.abs() <= EXACT_INTEGER => {
                serializer.serialize_i64(*n as i64)
            }
            Value::Number(n) => serializer.serialize_f64(*n),
            Value::Text(t) => serializer.serialize_str(t),
        }
    }
}

impl std::fmt::Display for Value {
    /// Whole numbers without a fraction, others as given.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => write!(f, "{}", *n as i64),
            Value::Number(n) => write!(f, "{n}"),
            Value::Text(t) => f.write_str(t),
        }
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// One value of a place's profile with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProfileValue {
    /// The value: a number, or text for `rail_lines` and `contact`.
    pub value: Value,
    /// Where it comes from: `osm` (counted in OpenStreetMap), `demo`, the name of a
    /// statistics office or of the municipality.
    pub source: String,
    /// The date the value refers to.
    pub as_of: NaiveDate,
    /// Invented for the demo (present only when true; ignored on input).
    #[serde(default, skip_serializing_if = "is_false")]
    pub demo: bool,
}

impl ProfileValue {
    /// A value with its source and date, not demo.
    pub fn new(value: Value, source: impl Into<String>, as_of: NaiveDate) -> Self {
        Self {
            value,
            source: source.into(),
            as_of,
            demo: false,
        }
    }

    /// Checks and normalises the value of `key` as of `today`: counts whole and from 0,
    /// money and speeds from 0 up to the key's plausible maximum, texts trimmed and not
    /// too long, a source present, the date not in the future. The error names the field
    /// as `<key>.value`, `<key>.source` or `<key>.as_of`.
    pub fn validate(mut self, key: ProfileKey, today: NaiveDate) -> Result<Self, ValidationError> {
        let field = |part: &str| format!("{}.{part}", key.as_str());
        match (key.kind(), &self.value) {
            (ValueKind::Text, Value::Text(t)) => {
                let t = crate::text::required(&field("value"), t, key.max_chars())?;
                if t.chars().any(|c| c.is_control() && c != '\n') {
                    return Err(ValidationError::new(
                        field("value"),
                        "must not contain control characters",
                    ));
                }
                self.value = Value::Text(t);
            }
            (ValueKind::Text, Value::Number(_)) => {
                return Err(ValidationError::new(field("value"), "must be a text"));
            }
            (_, Value::Text(_)) => {
                return Err(ValidationError::new(field("value"), "must be a number"));
            }
            (kind, Value::Number(n)) => {
                let n = *n;
                if !n.is_finite() || n < 0.0 {
                    return Err(ValidationError::new(
                        field("value"),
                        "must be a number of at least 0",
                    ));
                }
                if kind == ValueKind::Count && n.fract() != 0.0 {
                    return Err(ValidationError::new(
                        field("value"),
                        "must be a whole number",
                    ));
                }
                if n > key.max() {
                    return Err(ValidationError::new(
                        field("value"),
                        format!("must be at most {}", Value::Number(key.max())),
                    ));
                }
            }
        }
        self.source = crate::text::required(&field("source"), &self.source, MAX_SOURCE_CHARS)?;
        if self.as_of > today {
            return Err(ValidationError::new(
                field("as_of"),
                "must not be in the future",
            ));
        }
        if self.as_of < NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN) {
            return Err(ValidationError::new(field("as_of"), "must be after 1900"));
        }
        Ok(self)
    }
}

/// What a place offers: a value per key, each with source and date. Serialised as a
/// JSON object keyed by the keys' wire names; keys without a value are absent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PlaceProfile {
    /// The values, by key.
    pub values: BTreeMap<ProfileKey, ProfileValue>,
}

impl PlaceProfile {
    /// The value of `key`, if known.
    pub fn get(&self, key: ProfileKey) -> Option<&ProfileValue> {
        self.values.get(&key)
    }

    /// The number of `key`, if known and a number (counts, EUR/m², Mbit/s).
    pub fn number(&self, key: ProfileKey) -> Option<f64> {
        self.get(key).and_then(|v| v.value.as_number())
    }

    /// The text of `key`, if known and a text.
    pub fn text(&self, key: ProfileKey) -> Option<&str> {
        self.get(key).and_then(|v| v.value.as_text())
    }

    /// Whether no value is known.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// Whether any value is a demo value.
    pub fn has_demo(&self) -> bool {
        self.values.values().any(|v| v.demo)
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for PlaceProfile {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Ref};
        let mut object = ObjectBuilder::new().description(Some(
            "The place's profile: one entry per known value, keyed by its name; unknown \
             values are absent. Counts are whole numbers; `median_rent_eur_m2` and \
             `building_land_eur_m2` are EUR per m², `broadband_mbit` Mbit/s; `rail_lines` \
             and `contact` are text. Demo values carry `\"demo\": true`.",
        ));
        for key in ProfileKey::ALL {
            object = object.property(key.as_str(), Ref::from_schema_name("ProfileValue"));
        }
        object
            .additional_properties(Some(
                utoipa::openapi::schema::AdditionalProperties::FreeForm(false),
            ))
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for PlaceProfile {
    fn schemas(
        schemas: &mut Vec<(
            String,
            utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>,
        )>,
    ) {
        use utoipa::PartialSchema;
        schemas.push(("ProfileValue".into(), ProfileValue::schema()));
        <ProfileValue as utoipa::ToSchema>::schemas(schemas);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    fn value(v: Value) -> ProfileValue {
        ProfileValue::new(v, "osm", day(2026, 10, 1))
    }

    #[test]
    fn keys_have_the_documented_wire_names_and_groups() {
        let names: Vec<&str> = ProfileKey::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(
            names,
            [
                "rail_station",
                "rail_lines",
                "gp",
                "paediatrician",
                "kita",
                "primary_school",
                "secondary_school",
                "supermarket",
                "offers_sport",
                "offers_culture",
                "offers_recreation",
                "offers_social",
                "offers_tourism",
                "offers_other",
                "median_rent_eur_m2",
                "building_land_eur_m2",
                "broadband_mbit",
                "contact"
            ]
        );
        assert_eq!(ProfileKey::parse("kita"), Some(ProfileKey::Kita));
        assert!(!ProfileKey::RailLines.is_number() && !ProfileKey::Contact.is_number());
        // Every key is in exactly one group, and the groups list them in key order.
        let grouped: Vec<ProfileKey> = ProfileGroup::ALL
            .iter()
            .flat_map(|g| ProfileKey::of_group(*g))
            .collect();
        assert_eq!(grouped, ProfileKey::ALL);
    }

    #[test]
    fn a_profile_is_an_object_keyed_by_wire_name() {
        let mut profile = PlaceProfile::default();
        profile
            .values
            .insert(ProfileKey::Kita, value(Value::Number(3.0)));
        let mut demo = value(Value::Text("RE 18".into()));
        demo.demo = true;
        demo.source = "demo".into();
        profile.values.insert(ProfileKey::RailLines, demo);
        let json = serde_json::to_value(&profile).expect("json");
        assert_eq!(
            json,
            serde_json::json!({
                "rail_lines": {"value": "RE 18", "source": "demo", "as_of": "2026-10-01", "demo": true},
                "kita": {"value": 3, "source": "osm", "as_of": "2026-10-01"}
            })
        );
        let back: PlaceProfile = serde_json::from_value(json).expect("back");
        assert_eq!(back, profile);
        assert_eq!(back.number(ProfileKey::Kita), Some(3.0));
        assert_eq!(back.number(ProfileKey::RailLines), None);
        assert_eq!(back.text(ProfileKey::RailLines), Some("RE 18"));
        assert!(back.get(ProfileKey::Gp).is_none());
        assert!(back.has_demo());
        assert!(serde_json::from_str::<PlaceProfile>(r#"{"kitas": {}}"#).is_err());
    }

    #[test]
    fn values_display_whole_numbers_without_fraction() {
        assert_eq!(Value::Number(3.0).to_string(), "3");
        assert_eq!(Value::Number(6.85).to_string(), "6.85");
        assert_eq!(Value::Text("RB 65".into()).to_string(), "RB 65");
    }

    #[test]
    fn validation_names_the_field() {
        let today = day(2026, 10, 2);
        let err = |key, v: ProfileValue| v.validate(key, today).expect_err("invalid").field;
        assert_eq!(
            err(ProfileKey::Kita, value(Value::Number(-1.0))),
            "kita.value"
        );
        assert_eq!(
            err(ProfileKey::Kita, value(Value::Number(2.5))),
            "kita.value"
        );
        assert_eq!(
            err(ProfileKey::Kita, value(Value::Number(f64::NAN))),
            "kita.value"
        );
        assert_eq!(
            err(ProfileKey::Gp, value(Value::Text("drei".into()))),
            "gp.value"
        );
        assert_eq!(
            err(ProfileKey::Contact, value(Value::Number(1.0))),
            "contact.value"
        );
        assert_eq!(
            err(ProfileKey::Contact, value(Value::Text("  ".into()))),
            "contact.value"
        );
        assert_eq!(
            err(ProfileKey::RailLines, value(Value::Text("R".repeat(301)))),
            "rail_lines.value"
        );
        assert_eq!(
            err(ProfileKey::MedianRentEurM2, value(Value::Number(250.0))),
            "median_rent_eur_m2.value"
        );
        assert_eq!(
            err(ProfileKey::BroadbandMbit, value(Value::Number(-0.5))),
            "broadband_mbit.value"
        );
        let mut no_source = value(Value::Number(1.0));
        no_source.source = " ".into();
        assert_eq!(err(ProfileKey::Kita, no_source), "kita.source");
        let mut future = value(Value::Number(1.0));
        future.as_of = day(2026, 10, 3);
        assert_eq!(err(ProfileKey::Kita, future), "kita.as_of");

        // Valid values are normalised.
        let ok = ProfileValue::new(
            Value::Text("  Frau Demo, Bürgerbüro  ".into()),
            " Stadt ",
            today,
        )
        .validate(ProfileKey::Contact, today)
        .expect("valid");
        assert_eq!(ok.value, Value::Text("Frau Demo, Bürgerbüro".into()));
        assert_eq!(ok.source, "Stadt");
        for (key, n) in [
            (ProfileKey::MedianRentEurM2, 6.85),
            (ProfileKey::BuildingLandEurM2, 0.0),
            (ProfileKey::BroadbandMbit, 1000.0),
            (ProfileKey::Kita, 0.0),
        ] {
            assert!(
                value(Value::Number(n)).validate(key, today).is_ok(),
                "{key}"
            );
        }
    }
}
