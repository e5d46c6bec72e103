//! Points of interest (amenities, stations, shops, leisure) from an OSM PBF extract, for
//! the place profiles (`bleibe import osm-pois` counts them per place).
//!
//! [`read_pois`] reads the file twice: first nodes and ways with a tag of interest (a
//! tagged node is a point of interest where it is; a way is one at the centroid of its
//! nodes), then the coordinates of the nodes those ways use. Relations (multipolygon
//! areas) are not read. Blocks are decoded on all cores; the result is sorted, so it does
//! not depend on the number of threads.
//!
//! # What counts as what
//!
//! Each kind ([`PoiKind`]) is named like the place profile key it is counted into.
//!
//! | tags | kind |
//! |---|---|
//! | `railway=station` or `railway=halt` | `rail_station` |
//! | `amenity=doctors` or `amenity=clinic` | `gp`, or `paediatrician` (see below) |
//! | `amenity=kindergarten` or `amenity=childcare` | `kita` |
//! | `amenity=school` | `primary_school` and/or `secondary_school` (see below) |
//! | `shop=supermarket` | `supermarket` |
//! | `leisure=sports_centre`, `pitch`, `stadium`, `swimming_pool`; `club=sport` | `offers_sport` |
//! | `amenity=theatre`, `cinema`, `library`, `arts_centre` | `offers_culture` |
//! | `amenity=community_centre`, `social_facility` | `offers_social` |
//! | `leisure=park`, `nature_reserve` | `offers_recreation` |
//! | `tourism=museum`, `attraction`, `zoo`, `theme_park` | `offers_tourism` |
//! | `club=*` other than `sport` | `offers_other` |
//!
//! **Doctors.** `healthcare:speciality` (several values separated by `;`) decides: with
//! `paediatrics` the practice counts as a paediatrician; with `general`,
//! `family_medicine` or `internal` (most Hausärzte are general practitioners or
//! internists) or without the tag as a GP; a practice that names only other
//! specialities (`orthopaedics`, `dermatology`, …) is not counted. A practice with both
//! `general` and `paediatrics` counts as both.
//!
//! **Schools.** The German school type decides first: `school:de` (or, where it is
//! missing, the `name`) containing "Grundschule" counts as a primary school; containing
//! a secondary type (Oberschule, Gymnasium, Gesamtschule, Realschule, Hauptschule,
//! Mittelschule, Gemeinschaftsschule, Sekundarschule, Förderschule, Berufsschule …) as a
//! secondary school; both ("Grund- und Oberschule" also names "Oberschule") as both.
//! Otherwise `isced:level` (values separated by `;`, `,` or `-`): level 1 is primary,
//! levels 2 and 3 secondary. A school about which nothing says "primary" counts as a
//! secondary school.
//!
//! **Leisure** features tagged `access=private` or `access=no` (garden pools, club-only
//! pitches) are left out.
//!
//! **Known limits.** A feature mapped twice (a node inside an area with the same tags)
//! is counted twice; relations are not read, so multipolygon parks, reserves and
//! schools are missing.

use crate::roads::OsmError;
use osmpbf::{BlobDecode, BlobReader, Element, ElementReader};
use std::path::Path;

/// What a point of interest is, named like the place profile key it counts into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PoiKind {
    /// A railway station or halt.
    RailStation,
    /// A general practitioner's practice.
    Gp,
    /// A paediatrician's practice.
    Paediatrician,
    /// A Kita.
    Kita,
    /// A primary school.
    PrimarySchool,
    /// A secondary school.
    SecondarySchool,
    /// A supermarket.
    Supermarket,
    /// A sports facility or club.
    Sport,
    /// A theatre, cinema, library or arts centre.
    Culture,
    /// A park or nature reserve.
    Recreation,
    /// A community centre or social facility.
    Social,
    /// A museum, attraction, zoo or theme park.
    Tourism,
    /// Another club.
    Other,
}

impl PoiKind {
    /// Every kind.
    pub const ALL: [PoiKind; 13] = [
        PoiKind::RailStation,
        PoiKind::Gp,
        PoiKind::Paediatrician,
        PoiKind::Kita,
        PoiKind::PrimarySchool,
        PoiKind::SecondarySchool,
        PoiKind::Supermarket,
        PoiKind::Sport,
        PoiKind::Culture,
        PoiKind::Recreation,
        PoiKind::Social,
        PoiKind::Tourism,
        PoiKind::Other,
    ];

    /// The wire name of the place profile key this kind is counted into.
    pub fn profile_key(self) -> &'static str {
        match self {
            PoiKind::RailStation => "rail_station",
            PoiKind::Gp => "gp",
            PoiKind::Paediatrician => "paediatrician",
            PoiKind::Kita => "kita",
            PoiKind::PrimarySchool => "primary_school",
            PoiKind::SecondarySchool => "secondary_school",
            PoiKind::Supermarket => "supermarket",
            PoiKind::Sport => "offers_sport",
            PoiKind::Culture => "offers_culture",
            PoiKind::Recreation => "offers_recreation",
            PoiKind::Social => "offers_social",
            PoiKind::Tourism => "offers_tourism",
            PoiKind::Other => "offers_other",
        }
    }
}

/// A point of interest: what it is and where (WGS84 degrees).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Poi {
    /// What it is.
    pub kind: PoiKind,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
}

/// The kinds a feature with these tags counts as (none for most features), each once,
/// in [`PoiKind`] order.
pub fn classify<'a>(tags: impl IntoIterator<Item = (&'a str, &'a str)> + Clone) -> Vec<PoiKind> {
    let get = |key: &str| {
        tags.clone()
            .into_iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v)
    };
    let mut kinds = Vec::new();
    if matches!(get("railway"), Some("station" | "halt")) {
        kinds.push(PoiKind::RailStation);
    }
    let private = matches!(get("access"), Some("private" | "no"));
    match get("amenity") {
        Some("doctors" | "clinic") => {
            let specialities: Vec<&str> = get("healthcare:speciality")
                .map(|s| s.split(';').map(str::trim).collect())
                .unwrap_or_default();
            let general = specialities.is_empty()
                || specialities
                    .iter()
                    .any(|s| matches!(*s, "general" | "family_medicine" | "internal"));
            if general {
                kinds.push(PoiKind::Gp);
            }
            if specialities.contains(&"paediatrics") {
                kinds.push(PoiKind::Paediatrician);
            }
        }
        Some("kindergarten" | "childcare") => kinds.push(PoiKind::Kita),
        Some("school") => {
            let (primary, secondary) =
                school_levels(get("school:de"), get("name"), get("isced:level"));
            if primary {
                kinds.push(PoiKind::PrimarySchool);
            }
            if secondary || !primary {
                kinds.push(PoiKind::SecondarySchool);
            }
        }
        Some("theatre" | "cinema" | "library" | "arts_centre") => kinds.push(PoiKind::Culture),
        Some("community_centre" | "social_facility") => kinds.push(PoiKind::Social),
        _ => {}
    }
    if get("shop") == Some("supermarket") {
        kinds.push(PoiKind::Supermarket);
    }
    if !private {
        match get("leisure") {
            Some("sports_centre" | "pitch" | "stadium" | "swimming_pool") => {
                kinds.push(PoiKind::Sport)
            }
            Some("park" | "nature_reserve") => kinds.push(PoiKind::Recreation),
            _ => {}
        }
    }
    match get("club") {
        Some("sport") => kinds.push(PoiKind::Sport),
        Some(_) => kinds.push(PoiKind::Other),
        None => {}
    }
    if matches!(
        get("tourism"),
        Some("museum" | "attraction" | "zoo" | "theme_park")
    ) {
        kinds.push(PoiKind::Tourism);
    }
    kinds.sort_unstable();
    kinds.dedup();
    kinds
}

/// Secondary school types as they appear in `school:de` and names, lower case.
const SECONDARY_TYPES: &[&str] = &[
    "oberschule",
    "gymnasium",
    "gesamtschule",
    "realschule",
    "hauptschule",
    "mittelschule",
    "gemeinschaftsschule",
    "sekundarschule",
    "regelschule",
    "stadtteilschule",
    "förderschule",
    "foerderschule",
    "förderzentrum",
    "berufsschule",
    "oberstufenzentrum",
    "fachoberschule",
    "berufliche schule",
    "berufliches gymnasium",
];

/// Whether a school teaches primary and/or secondary classes, by the German school type
/// (`school:de`, else the name), else `isced:level`; (false, false) when nothing says.
fn school_levels(school_de: Option<&str>, name: Option<&str>, isced: Option<&str>) -> (bool, bool) {
    for text in [school_de, name].into_iter().flatten() {
        let t = text.to_lowercase();
        let primary = t.contains("grundschule") || t.contains("grund- und");
        let secondary = SECONDARY_TYPES.iter().any(|s| t.contains(s));
        if primary || secondary {
            return (primary, secondary);
        }
    }
    let levels: Vec<&str> = isced
        .unwrap_or_default()
        .split([';', ',', '-'])
        .map(str::trim)
        .collect();
    (
        levels.contains(&"1"),
        levels.iter().any(|l| matches!(*l, "2" | "3")),
    )
}

/// The tag keys [`classify`] looks at first: a feature without any of them is skipped
/// quickly.
const KEYS: [&str; 6] = ["railway", "amenity", "shop", "leisure", "club", "tourism"];

/// What pass 1 found in one block.
#[derive(Default)]
struct Found {
    /// Points from tagged nodes.
    points: Vec<Poi>,
    /// Tagged ways: their kinds and node ids.
    ways: Vec<(Vec<PoiKind>, Vec<i64>)>,
}

impl Found {
    fn merge(mut self, other: Found) -> Found {
        self.points.extend(other.points);
        self.ways.extend(other.ways);
        self
    }
}

fn points(kinds: Vec<PoiKind>, lat: f64, lon: f64) -> Vec<Poi> {
    kinds
        .into_iter()
        .map(|kind| Poi { kind, lat, lon })
        .collect()
}

fn interesting<'a>(
    tags: impl Iterator<Item = (&'a str, &'a str)>,
) -> Option<Vec<(&'a str, &'a str)>> {
    let tags: Vec<(&str, &str)> = tags.collect();
    tags.iter().any(|(k, _)| KEYS.contains(k)).then_some(tags)
}

/// Reads the points of interest of an OSM PBF file, sorted by kind and position.
pub fn read_pois(path: &Path) -> Result<Vec<Poi>, OsmError> {
    let read_err = |source| OsmError::Read {
        path: path.to_path_buf(),
        source,
    };
    // Pass 1: tagged nodes are points; tagged ways are remembered with their nodes.
    let found = ElementReader::from_path(path)
        .map_err(read_err)?
        .par_map_reduce(
            |element| {
                let mut f = Found::default();
                match element {
                    Element::Node(n) => {
                        if let Some(tags) = interesting(n.tags()) {
                            f.points = points(classify(tags.iter().copied()), n.lat(), n.lon());
                        }
                    }
                    Element::DenseNode(n) => {
                        if let Some(tags) = interesting(n.tags()) {
                            f.points = points(classify(tags.iter().copied()), n.lat(), n.lon());
                        }
                    }
                    Element::Way(w) => {
                        if let Some(tags) = interesting(w.tags()) {
                            let kinds = classify(tags.iter().copied());
                            if !kinds.is_empty() {
                                f.ways.push((kinds, w.refs().collect()));
                            }
                        }
                    }
                    Element::Relation(_) => {}
                }
                f
            },
            Found::default,
            Found::merge,
        )
        .map_err(read_err)?;
    let mut pois = found.points;

    // Pass 2: the coordinates of the nodes of those ways.
    let mut ids: Vec<i64> = found
        .ways
        .iter()
        .flat_map(|(_, refs)| refs.iter().copied())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    if !ids.is_empty() {
        let ids_ref = &ids;
        let mut coords: Vec<(usize, f64, f64)> = ElementReader::from_path(path)
            .map_err(read_err)?
            .par_map_reduce(
                |element| {
                    let (id, lat, lon) = match element {
                        Element::Node(n) => (n.id(), n.lat(), n.lon()),
                        Element::DenseNode(n) => (n.id(), n.lat(), n.lon()),
                        _ => return Vec::new(),
                    };
                    match ids_ref.binary_search(&id) {
                        Ok(i) => vec![(i, lat, lon)],
                        Err(_) => Vec::new(),
                    }
                },
                Vec::new,
                |mut a, b| {
                    a.extend(b);
                    a
                },
            )
            .map_err(read_err)?;
        coords.sort_unstable_by_key(|c| c.0);
        let at = |id: i64| {
            let i = ids.binary_search(&id).ok()?;
            let j = coords.binary_search_by_key(&i, |c| c.0).ok()?;
            Some((coords[j].1, coords[j].2))
        };
        for (kinds, refs) in found.ways {
            // A closed way repeats its first node at the end: count it once.
            let open = match refs.as_slice() {
                [first, .., last] if first == last => &refs[..refs.len() - 1],
                all => all,
            };
            let known: Vec<(f64, f64)> = open.iter().filter_map(|&id| at(id)).collect();
            if known.is_empty() {
                continue;
            }
            let n = known.len() as f64;
            let lat = known.iter().map(|c| c.0).sum::<f64>() / n;
            let lon = known.iter().map(|c| c.1).sum::<f64>() / n;
            pois.extend(points(kinds, lat, lon));
        }
    }
    pois.sort_by(|a, b| {
        (a.kind, a.lat, a.lon)
            .partial_cmp(&(b.kind, b.lat, b.lon))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    Ok(pois)
}

/// The time the extract was made, from its header
/// (`osmosis_replication_timestamp`, seconds since 1970), if the file says.
pub fn file_timestamp(path: &Path) -> Result<Option<i64>, OsmError> {
    let read_err = |source| OsmError::Read {
        path: path.to_path_buf(),
        source,
    };
    let mut reader = BlobReader::from_path(path).map_err(read_err)?;
    match reader.next() {
        Some(blob) => match blob.map_err(read_err)?.decode().map_err(read_err)? {
            BlobDecode::OsmHeader(header) => Ok(header.osmosis_replication_timestamp()),
            _ => Ok(None),
        },
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(tags: &[(&str, &str)]) -> Vec<PoiKind> {
        classify(tags.iter().copied())
    }

    #[test]
    fn doctors_by_speciality() {
        use PoiKind::*;
        assert_eq!(kinds(&[("amenity", "doctors")]), [Gp]);
        assert_eq!(
            kinds(&[
                ("amenity", "doctors"),
                ("healthcare:speciality", "paediatrics")
            ]),
            [Paediatrician]
        );
        assert_eq!(
            kinds(&[
                ("amenity", "clinic"),
                ("healthcare:speciality", "general; paediatrics")
            ]),
            [Gp, Paediatrician]
        );
        assert!(kinds(&[
            ("amenity", "doctors"),
            ("healthcare:speciality", "orthopaedics")
        ])
        .is_empty());
        assert_eq!(
            kinds(&[
                ("amenity", "doctors"),
                ("healthcare:speciality", "internal")
            ]),
            [Gp]
        );
    }

    #[test]
    fn schools_by_type_name_and_level() {
        use PoiKind::*;
        let school = |extra: &[(&'static str, &'static str)]| {
            let mut t = vec![("amenity", "school")];
            t.extend_from_slice(extra);
            kinds(&t)
        };
        assert_eq!(school(&[("school:de", "Grundschule")]), [PrimarySchool]);
        assert_eq!(school(&[("school:de", "Gymnasium")]), [SecondarySchool]);
        assert_eq!(
            school(&[("school:de", "Grund- und Oberschule")]),
            [PrimarySchool, SecondarySchool]
        );
        assert_eq!(school(&[("name", "Grundschule am Park")]), [PrimarySchool]);
        assert_eq!(school(&[("isced:level", "1")]), [PrimarySchool]);
        assert_eq!(school(&[("isced:level", "2;3")]), [SecondarySchool]);
        assert_eq!(
            school(&[("isced:level", "1-2")]),
            [PrimarySchool, SecondarySchool]
        );
        // school:de wins over isced:level; nothing known is secondary.
        assert_eq!(
            school(&[("school:de", "Grundschule"), ("isced:level", "2")]),
            [PrimarySchool]
        );
        assert_eq!(school(&[("name", "Schule am See")]), [SecondarySchool]);
    }

    #[test]
    fn other_kinds() {
        use PoiKind::*;
        assert_eq!(kinds(&[("railway", "halt")]), [RailStation]);
        assert!(kinds(&[("railway", "platform")]).is_empty());
        assert_eq!(kinds(&[("amenity", "childcare")]), [Kita]);
        assert_eq!(kinds(&[("shop", "supermarket")]), [Supermarket]);
        assert!(kinds(&[("shop", "bakery")]).is_empty());
        assert_eq!(kinds(&[("leisure", "pitch")]), [Sport]);
        assert!(kinds(&[("leisure", "swimming_pool"), ("access", "private")]).is_empty());
        assert_eq!(kinds(&[("club", "sport")]), [Sport]);
        assert_eq!(kinds(&[("club", "music")]), [Other]);
        assert_eq!(kinds(&[("amenity", "library")]), [Culture]);
        assert_eq!(kinds(&[("amenity", "community_centre")]), [Social]);
        assert_eq!(kinds(&[("leisure", "nature_reserve")]), [Recreation]);
        assert_eq!(kinds(&[("tourism", "museum")]), [Tourism]);
        assert_eq!(
            kinds(&[("amenity", "theatre"), ("tourism", "attraction")]),
            [Culture, Tourism]
        );
        assert!(kinds(&[("highway", "residential")]).is_empty());
        let keys: Vec<&str> = PoiKind::ALL.iter().map(|k| k.profile_key()).collect();
        assert_eq!(keys.len(), 13);
        assert!(keys.iter().all(|k| !k.is_empty()));
    }
}
