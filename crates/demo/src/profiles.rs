//! Demo place profiles for the Lausitz: a plausible value for every key of every place
//! of the demo's region, so that a fresh installation's place pages and the "Leben &
//! Arbeiten" matching have something to show before real data is imported.
//!
//! **Every value is invented**: source `demo`, `demo: true`, and pages and the API mark
//! them so. The figures follow the population (from the gazetteer) with rough German
//! averages and some deterministic noise per place:
//!
//! | key | rule of thumb |
//! |---|---|
//! | `gp` | one practice per ~1,600 inhabitants |
//! | `paediatrician` | one per ~12,000 |
//! | `kita` | one per ~1,200, at least one from 500 inhabitants |
//! | `primary_school` | one per ~6,000, at least one from 1,000 |
//! | `secondary_school` | one per ~9,000, at least one from 5,000 |
//! | `supermarket` | one per ~2,500, at least one from 1,500 |
//! | `rail_station`, `rail_lines` | towns from 8,000 inhabitants have one, smaller places sometimes |
//! | `offers_*` | clubs and offers per cluster, roughly one sports offer per 700 inhabitants |
//! | `median_rent_eur_m2` | 5.00 € in villages, rising with size (Cottbus about 7 €) |
//! | `building_land_eur_m2` | 15 € in villages, rising with size |
//! | `broadband_mbit` | 50–1,000 Mbit/s, faster in towns |
//! | `contact` | a fictitious contact at the town hall, `example.org` address |
//!
//! The same places and date always give the same values.

use crate::networks::network_demo;
use crate::TOWNS;
use bleibe_domain::living::{ProfileKey, ProfileValue, Value};
use bleibe_domain::place::distance_km;
use bleibe_domain::Place;
use chrono::NaiveDate;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeSet;

/// The source of every demo value.
pub const SOURCE: &str = "demo";

/// The centre of the demo's region (between Spremberg, Hoyerswerda and Weißwasser).
pub const CENTRE: (f64, f64) = (51.55, 14.30);

/// Places within this distance of [`CENTRE`] get a demo profile, and so do the demo
/// towns ([`TOWNS`]) and the places of the demo networks.
pub const RADIUS_KM: f64 = 60.0;

/// Inhabitants assumed when the gazetteer does not know (GeoNames lists places from
/// 500 inhabitants).
const UNKNOWN_POPULATION: f64 = 600.0;

/// Inhabitants of demo places whose population the gazetteer lacks: Spremberg, about
/// 22,000.
const KNOWN_POPULATION: &[(i64, u32)] = &[(2830085, 22_000)];

/// The places of `places` that get a demo profile: those within [`RADIUS_KM`] of
/// [`CENTRE`], the demo towns and the places of the demo networks. In input order.
pub fn region(places: &[Place], reference: NaiveDate) -> Vec<&Place> {
    let mut named: BTreeSet<i64> = TOWNS.iter().map(|t| t.id).collect();
    for n in network_demo(reference).networks {
        named.extend(n.place_ids);
    }
    places
        .iter()
        .filter(|p| {
            named.contains(&p.id) || distance_km(CENTRE.0, CENTRE.1, p.lat, p.lon) <= RADIUS_KM
        })
        .collect()
}

/// Demo values for every key of every place of the region (see [`region`]), dated
/// `as_of`: (place id, key, value), all `demo: true` with source [`SOURCE`].
pub fn place_profiles(places: &[Place], as_of: NaiveDate) -> Vec<(i64, ProfileKey, ProfileValue)> {
    region(places, as_of)
        .into_iter()
        .flat_map(|p| {
            profile(p)
                .into_iter()
                .map(move |(key, value)| (p.id, key, demo_value(value, as_of)))
        })
        .collect()
}

fn demo_value(value: Value, as_of: NaiveDate) -> ProfileValue {
    ProfileValue {
        value,
        source: SOURCE.into(),
        as_of,
        demo: true,
    }
}

/// A count of about `population / per`, with ±30 % noise, at least `floor`.
fn count(rng: &mut ChaCha8Rng, population: f64, per: f64, floor: u32) -> f64 {
    let noise = rng.gen_range(0.7..1.3);
    (population / per * noise).round().max(f64::from(floor))
}

/// The demo values of one place, for every key.
fn profile(place: &Place) -> Vec<(ProfileKey, Value)> {
    use ProfileKey::*;
    let mut rng = ChaCha8Rng::seed_from_u64(crate::DEFAULT_SEED ^ place.id as u64);
    let pop = place
        .population
        .or_else(|| {
            KNOWN_POPULATION
                .iter()
                .find(|(id, _)| *id == place.id)
                .map(|(_, n)| *n)
        })
        .map(f64::from)
        .unwrap_or(UNKNOWN_POPULATION);
    let at_least = |threshold: f64| u32::from(pop >= threshold);

    let stations = if pop >= 50_000.0 {
        2.0
    } else if pop >= 8_000.0 || rng.gen_bool(if pop >= 1_500.0 { 0.4 } else { 0.1 }) {
        1.0
    } else {
        0.0
    };
    let lines = if stations > 0.0 {
        let re = rng.gen_range(1..=19);
        let rb = rng.gen_range(40..=69);
        if pop >= 8_000.0 {
            format!("RE {re}, RB {rb}")
        } else {
            format!("RB {rb}")
        }
    } else {
        format!(
            "keine; Bus {} zum nächsten Bahnhof",
            rng.gen_range(100..=899)
        )
    };
    let secondary = if (2_000.0..5_000.0).contains(&pop) && rng.gen_bool(0.2) {
        1.0
    } else {
        count(&mut rng, pop, 9_000.0, at_least(5_000.0))
    };
    let primary = if pop < 1_000.0 {
        f64::from(u8::from(rng.gen_bool(0.25)))
    } else {
        count(&mut rng, pop, 6_000.0, 1)
    };
    let gp = if pop < 800.0 {
        f64::from(u8::from(rng.gen_bool(0.3)))
    } else {
        count(&mut rng, pop, 1_600.0, 1)
    };
    let size = (1.0 + pop / 10_000.0).ln();
    let rent = 5.0 + 0.9 * size + rng.gen_range(-0.3..0.3);
    let land = 15.0 + 25.0 * (1.0 + pop / 2_000.0).ln() * rng.gen_range(0.85..1.15);
    let speeds = [50.0, 100.0, 250.0, 500.0, 1_000.0];
    let fastest = if pop >= 20_000.0 {
        5
    } else if pop >= 5_000.0 {
        4
    } else {
        3
    };
    let broadband = speeds[rng.gen_range(fastest - 3..fastest)];
    vec![
        (RailStation, Value::Number(stations)),
        (RailLines, Value::Text(lines)),
        (Gp, Value::Number(gp)),
        (
            Paediatrician,
            Value::Number(count(&mut rng, pop, 12_000.0, at_least(8_000.0))),
        ),
        (
            Kita,
            Value::Number(count(&mut rng, pop, 1_200.0, at_least(500.0))),
        ),
        (PrimarySchool, Value::Number(primary)),
        (SecondarySchool, Value::Number(secondary)),
        (
            Supermarket,
            Value::Number(count(&mut rng, pop, 2_500.0, at_least(1_500.0))),
        ),
        (OffersSport, Value::Number(count(&mut rng, pop, 700.0, 1))),
        (OffersCulture, Value::Number(count(&mut rng, pop, 2_500.0, 0))),
        (
            OffersRecreation,
            Value::Number(count(&mut rng, pop, 3_000.0, 1)),
        ),
        (OffersSocial, Value::Number(count(&mut rng, pop, 3_000.0, 0))),
        (
            OffersTourism,
            Value::Number(count(&mut rng, pop, 5_000.0, 0) + f64::from(rng.gen_range(0..=2))),
        ),
        (OffersOther, Value::Number(count(&mut rng, pop, 4_000.0, 0))),
        (MedianRentEurM2, Value::Number((rent * 100.0).round() / 100.0)),
        (BuildingLandEurM2, Value::Number(land.round())),
        (BroadbandMbit, Value::Number(broadband)),
        (
            Contact,
            Value::Text(format!(
                "Demo-Ansprechperson für Zuzug und Rückkehr, Rathaus {} (fiktiv), zuzug@example.org",
                place.name
            )),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::tests::place;

    fn reference() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, 15).expect("date")
    }

    fn places() -> Vec<Place> {
        vec![
            place(2939811, "Cottbus", 51.75769, 14.32888, Some(99_678)),
            // As in the gazetteer: without population.
            place(2830085, "Spremberg", 51.5696, 14.37385, None),
            place(9, "Dorf", 51.6, 14.2, None),
            place(2867714, "München", 48.13743, 11.57549, Some(1_260_391)),
            place(2935022, "Dresden", 51.05089, 13.73832, Some(486_854)),
        ]
    }

    #[test]
    fn every_lausitz_place_gets_every_key_as_valid_demo_values() {
        let values = place_profiles(&places(), reference());
        let ids: BTreeSet<i64> = values.iter().map(|(id, _, _)| *id).collect();
        // München is far away; Dresden is a demo town.
        assert_eq!(
            ids,
            BTreeSet::from([9, 2830085, 2935022, 2939811]),
            "{ids:?}"
        );
        assert_eq!(values.len(), 4 * ProfileKey::ALL.len());
        for (id, key, v) in &values {
            assert!(v.demo && v.source == SOURCE, "{id} {key}");
            let checked = v.clone().validate(*key, reference());
            assert!(checked.is_ok(), "{id} {key}: {checked:?}");
        }
    }

    #[test]
    fn values_are_deterministic_and_follow_size() {
        let a = place_profiles(&places(), reference());
        assert_eq!(a, place_profiles(&places(), reference()));
        let get = |id: i64, key: ProfileKey| {
            a.iter()
                .find(|(p, k, _)| *p == id && *k == key)
                .and_then(|(_, _, v)| v.value.as_number())
                .expect("value")
        };
        assert!(get(2939811, ProfileKey::Kita) > get(2830085, ProfileKey::Kita));
        assert!(
            get(2830085, ProfileKey::Kita) >= 10.0,
            "Spremberg is a town"
        );
        assert!(get(2830085, ProfileKey::Kita) > get(9, ProfileKey::Kita));
        assert!(get(2939811, ProfileKey::RailStation) >= 1.0);
        let rent = get(2939811, ProfileKey::MedianRentEurM2);
        assert!((6.0..8.5).contains(&rent), "{rent}");
        assert!(get(9, ProfileKey::MedianRentEurM2) < rent);
    }
}
