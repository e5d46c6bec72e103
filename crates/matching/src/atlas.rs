//! What the engine knows about places: where they are, how large, in which state, and
//! what they offer (a compact form of the place profiles).

use crate::grid::Grid;
use bleibe_domain::Place;
use std::collections::HashMap;

/// What a place offers that the engine weighs, counted per place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Facility {
    /// Kitas.
    Kita,
    /// Primary schools.
    PrimarySchool,
    /// Secondary schools.
    SecondarySchool,
    /// GP practices.
    Gp,
    /// Paediatricians.
    Paediatrician,
    /// Railway stations.
    RailStation,
    /// Sports clubs and facilities.
    Sport,
    /// Culture.
    Culture,
    /// Recreation and nature.
    Recreation,
}

impl Facility {
    /// Every facility.
    pub const ALL: [Facility; 9] = [
        Facility::Kita,
        Facility::PrimarySchool,
        Facility::SecondarySchool,
        Facility::Gp,
        Facility::Paediatrician,
        Facility::RailStation,
        Facility::Sport,
        Facility::Culture,
        Facility::Recreation,
    ];

    fn index(self) -> usize {
        self as usize
    }
}

/// What is known about one place's offer; `None`: no data.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Facts {
    /// Counts per [`Facility`] (in [`Facility::ALL`] order).
    pub counts: [Option<f64>; 9],
    /// Median net rent, €/m².
    pub rent_eur_m2: Option<f64>,
    /// Building land, €/m².
    pub land_eur_m2: Option<f64>,
    /// Whether any of these values is generated demo data.
    pub demo: bool,
}

impl Facts {
    /// The count of a facility, if known.
    pub fn count(&self, f: Facility) -> Option<f64> {
        self.counts[f.index()]
    }

    /// Sets the count of a facility.
    pub fn set(&mut self, f: Facility, n: f64) {
        self.counts[f.index()] = Some(n);
    }
}

/// One place as the engine sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct AtlasPlace {
    /// GeoNames id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Inhabitants, if known.
    pub population: Option<u32>,
    /// GeoNames admin1 code of the state.
    pub state_code: String,
}

/// Every place, their facts, and per facility a grid for "which places near here have one".
#[derive(Debug, Clone)]
pub struct Atlas {
    places: Vec<AtlasPlace>,
    by_id: HashMap<i64, u32>,
    facts: Vec<Facts>,
    /// Per facility: the places known to have at least one.
    with_facility: Vec<Grid>,
}

impl Atlas {
    /// An atlas of `places` with the facts known (by place id; places without an entry
    /// have no data).
    pub fn new(places: &[Place], mut facts: HashMap<i64, Facts>) -> Atlas {
        let places: Vec<AtlasPlace> = places
            .iter()
            .map(|p| AtlasPlace {
                id: p.id,
                name: p.name.clone(),
                lat: p.lat,
                lon: p.lon,
                population: p.population,
                state_code: p.state_code.clone(),
            })
            .collect();
        let by_id = places
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id, i as u32))
            .collect();
        let facts: Vec<Facts> = places
            .iter()
            .map(|p| facts.remove(&p.id).unwrap_or_default())
            .collect();
        let with_facility = Facility::ALL
            .iter()
            .map(|f| {
                Grid::new(
                    places
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| facts[*i].count(*f).is_some_and(|n| n > 0.0))
                        .map(|(i, p)| (i as u32, p.lat, p.lon)),
                )
            })
            .collect();
        Atlas {
            places,
            by_id,
            facts,
            with_facility,
        }
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// Whether there is no place.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The place with this index.
    pub fn place(&self, i: u32) -> &AtlasPlace {
        &self.places[i as usize]
    }

    /// The facts of the place with this index.
    pub fn facts(&self, i: u32) -> &Facts {
        &self.facts[i as usize]
    }

    /// The index of a place by GeoNames id.
    pub fn index_of(&self, id: i64) -> Option<u32> {
        self.by_id.get(&id).copied()
    }

    /// The grid over the places known to have `f`.
    pub fn with_facility(&self, f: Facility) -> &Grid {
        &self.with_facility[f.index()]
    }

    /// Coordinates of a place.
    pub fn point(&self, i: u32) -> (f64, f64) {
        let p = &self.places[i as usize];
        (p.lat, p.lon)
    }
}
