//! Places (Gemeinden / Orte) from GeoNames, and the German states.

use serde::{Deserialize, Serialize};

/// A municipality or locality with coordinates. The id is the GeoNames id, so that it
/// is stable across installations and links from outside keep working.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// GeoNames id.
    pub id: i64,
    /// The main name as GeoNames gives it.
    pub name: String,
    /// Every alternate name GeoNames lists (untagged language: German, Sorbian,
    /// transliterations, other scripts).
    pub alternate_names: Vec<String>,
    /// Latitude, WGS84 degrees.
    pub lat: f64,
    /// Longitude, WGS84 degrees.
    pub lon: f64,
    /// Inhabitants; `None` where the source says 0 (unknown).
    pub population: Option<u32>,
    /// GeoNames admin1 code of the federal state, e.g. `11` for Brandenburg.
    pub state_code: String,
    /// County (Landkreis). Only from a real source; empty while none is loaded.
    pub county: Option<String>,
    /// Official municipality key (AGS). Only from a real source; empty while none is loaded.
    pub ags: Option<String>,
}

impl Place {
    /// The federal state this place lies in.
    pub fn state(&self) -> State {
        State::from_code(&self.state_code)
    }

    /// A short reference to this place.
    pub fn to_ref(&self) -> PlaceRef {
        PlaceRef {
            id: self.id,
            name: self.name.clone(),
            lat: self.lat,
            lon: self.lon,
            state_code: self.state_code.clone(),
        }
    }
}

/// The part of a place that listings need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceRef {
    /// GeoNames id.
    pub id: i64,
    /// Main name.
    pub name: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// GeoNames admin1 code of the state.
    pub state_code: String,
}

/// A German federal state (Bundesland), identified by its GeoNames admin1 code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    /// GeoNames admin1 code, e.g. `13`.
    pub code: &'static str,
    /// German name, e.g. `Sachsen`.
    pub name: &'static str,
}

/// GeoNames admin1 codes for Germany and the states' names.
pub const STATES: [State; 16] = [
    State {
        code: "01",
        name: "Baden-Württemberg",
    },
    State {
        code: "02",
        name: "Bayern",
    },
    State {
        code: "03",
        name: "Bremen",
    },
    State {
        code: "04",
        name: "Hamburg",
    },
    State {
        code: "05",
        name: "Hessen",
    },
    State {
        code: "06",
        name: "Niedersachsen",
    },
    State {
        code: "07",
        name: "Nordrhein-Westfalen",
    },
    State {
        code: "08",
        name: "Rheinland-Pfalz",
    },
    State {
        code: "09",
        name: "Saarland",
    },
    State {
        code: "10",
        name: "Schleswig-Holstein",
    },
    State {
        code: "11",
        name: "Brandenburg",
    },
    State {
        code: "12",
        name: "Mecklenburg-Vorpommern",
    },
    State {
        code: "13",
        name: "Sachsen",
    },
    State {
        code: "14",
        name: "Sachsen-Anhalt",
    },
    State {
        code: "15",
        name: "Thüringen",
    },
    State {
        code: "16",
        name: "Berlin",
    },
];

impl State {
    /// Looks a state up by its admin1 code; an unknown code yields a state named by
    /// the code itself rather than failing, since the gazetteer is external data.
    pub fn from_code(code: &str) -> State {
        STATES
            .iter()
            .copied()
            .find(|s| s.code == code)
            .unwrap_or(State { code: "", name: "" })
    }
}

/// Great-circle distance in kilometres (haversine, mean Earth radius 6371.0088 km).
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    const R: f64 = 6371.0088;
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = (lat2 - lat1).to_radians();
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * R * a.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_distance_cottbus_spremberg() {
        // Cottbus (51.7606, 14.3340) to Spremberg (51.5696, 14.3739): about 21.4 km.
        let d = distance_km(51.7606, 14.3340, 51.5696, 14.3739);
        assert!((d - 21.4).abs() < 0.3, "{d}");
    }

    #[test]
    fn states_resolve() {
        assert_eq!(State::from_code("11").name, "Brandenburg");
        assert_eq!(State::from_code("13").name, "Sachsen");
        assert_eq!(State::from_code("99").name, "");
    }
}
