//! `bleibe import osm-pois`: counts points of interest of an OpenStreetMap extract into
//! the place profiles.
//!
//! 1. Read the points of interest with the rules of [`bleibe_osm::pois`] (stations,
//!    doctors, Kitas, schools, supermarkets, clubs and offers by cluster).
//! 2. Assign each to the nearest place of the store (a grid over the places'
//!    coordinates); one farther than `--max-km` (10 km) from every place is reported as
//!    unassigned and not counted.
//! 3. Count per place and key. A place with at least one point of interest gets a count
//!    for every key the import knows — 0 where the extract has none —, so that a
//!    re-import also lowers counts; a place without any keeps what it had (it may lie
//!    outside the extract).
//! 4. Store the counts with source `osm`, dated by the file's header timestamp
//!    (`osmosis_replication_timestamp`) or, without one, today. Earlier `osm` values and
//!    demo values are replaced; a value with any other source — entered by a person on
//!    the place's page or through the API, or loaded by `import place-profiles` — is
//!    never overwritten.

use crate::{db, DbArgs};
use anyhow::{bail, Context};
use bleibe_domain::living::{ProfileKey, ProfileValue, Value};
use bleibe_domain::place::distance_km;
use bleibe_domain::Place;
use bleibe_osm::pois::{Poi, PoiKind};
use bleibe_store::profiles::{ProfileRow, Replace};
use bleibe_store::Store;
use chrono::NaiveDate;
use clap::Args;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// The source of the values this import writes.
pub const SOURCE: &str = "osm";

/// Options of `bleibe import osm-pois`.
#[derive(Args, Debug)]
pub struct OsmPoisArgs {
    #[command(flatten)]
    db: DbArgs,
    /// The OpenStreetMap extract (`.osm.pbf`), e.g. Brandenburg and Saxony from a
    /// Geofabrik download.
    #[arg(long)]
    pbf: PathBuf,
    /// Points of interest farther than this from every place (km, straight line) are
    /// not counted.
    #[arg(long, default_value_t = 10.0)]
    max_km: f64,
}

/// The profile key a kind of point of interest is counted into.
fn key_of(kind: PoiKind) -> ProfileKey {
    ProfileKey::parse(kind.profile_key()).expect("every kind names a profile key")
}

/// Places on a grid of cells at least `max_km` wide, so that every place within
/// `max_km` of a point lies in the point's cell or one of its eight neighbours.
struct Grid<'a> {
    places: &'a [Place],
    max_km: f64,
    lat_step: f64,
    lon_step: f64,
    cells: HashMap<(i64, i64), Vec<usize>>,
}

impl<'a> Grid<'a> {
    fn new(places: &'a [Place], max_km: f64) -> Self {
        let lat_step = max_km / 111.0;
        // A degree of longitude is shortest at the place farthest from the equator.
        let max_lat = places
            .iter()
            .map(|p| p.lat.abs())
            .fold(0.0_f64, f64::max)
            .min(85.0);
        let lon_step = max_km / (111.0 * (max_lat + 1.0).min(89.0).to_radians().cos());
        let mut grid = Self {
            places,
            max_km,
            lat_step,
            lon_step,
            cells: HashMap::new(),
        };
        for (i, p) in places.iter().enumerate() {
            let cell = grid.cell(p.lat, p.lon);
            grid.cells.entry(cell).or_default().push(i);
        }
        grid
    }

    fn cell(&self, lat: f64, lon: f64) -> (i64, i64) {
        (
            (lat / self.lat_step).floor() as i64,
            (lon / self.lon_step).floor() as i64,
        )
    }

    /// The nearest place within `max_km` (of equally near ones the smallest id).
    fn nearest(&self, lat: f64, lon: f64) -> Option<&'a Place> {
        if lat.abs() > 86.0 {
            return None;
        }
        let (r, c) = self.cell(lat, lon);
        let mut best: Option<(f64, &Place)> = None;
        for dr in -1..=1 {
            for dc in -1..=1 {
                for &i in self.cells.get(&(r + dr, c + dc)).into_iter().flatten() {
                    let p = &self.places[i];
                    let d = distance_km(lat, lon, p.lat, p.lon);
                    let better = match best {
                        None => true,
                        Some((bd, bp)) => d < bd || (d == bd && p.id < bp.id),
                    };
                    if d <= self.max_km && better {
                        best = Some((d, p));
                    }
                }
            }
        }
        best.map(|(_, p)| p)
    }
}

/// Points of interest counted per place.
#[derive(Debug, Default, PartialEq)]
pub struct Counts {
    /// Per place (GeoNames id), per kind.
    pub per_place: BTreeMap<i64, BTreeMap<PoiKind, u32>>,
    /// Points of interest farther than `max_km` from every place.
    pub unassigned: usize,
}

/// Assigns each point of interest to the nearest place within `max_km` and counts.
pub fn count(places: &[Place], pois: &[Poi], max_km: f64) -> Counts {
    let grid = Grid::new(places, max_km);
    let mut counts = Counts::default();
    for poi in pois {
        match grid.nearest(poi.lat, poi.lon) {
            Some(p) => {
                *counts
                    .per_place
                    .entry(p.id)
                    .or_default()
                    .entry(poi.kind)
                    .or_default() += 1
            }
            None => counts.unassigned += 1,
        }
    }
    counts
}

/// The values to store: every key of every counted place (0 where none was found).
pub fn rows(counts: &Counts, as_of: NaiveDate) -> Vec<ProfileRow> {
    let mut rows = Vec::new();
    for (&place_id, kinds) in &counts.per_place {
        for kind in PoiKind::ALL {
            let n = kinds.get(&kind).copied().unwrap_or(0);
            rows.push(ProfileRow {
                place_id,
                key: key_of(kind),
                value: ProfileValue::new(Value::Number(f64::from(n)), SOURCE, as_of),
            });
        }
    }
    rows
}

/// The date of the extract: its header timestamp, else (and never after) `today`.
pub fn as_of(timestamp: Option<i64>, today: NaiveDate) -> NaiveDate {
    timestamp
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .map(|t| t.date_naive())
        .unwrap_or(today)
        .min(today)
}

/// What an import did.
#[derive(Debug, PartialEq)]
pub struct Summary {
    /// Places with at least one point of interest.
    pub places: usize,
    /// Values offered to the store.
    pub offered: usize,
    /// Values written (the rest were kept: another source set them).
    pub written: usize,
}

/// Stores the counts; see the module documentation for what is replaced.
pub async fn store_counts(
    store: &dyn Store,
    counts: &Counts,
    as_of: NaiveDate,
) -> anyhow::Result<Summary> {
    let rows = rows(counts, as_of);
    let written = store
        .import_profile_values(&rows, Replace::SameSourceOrDemo)
        .await
        .context("storing the counts")?;
    Ok(Summary {
        places: counts.per_place.len(),
        offered: rows.len(),
        written,
    })
}

/// Runs the import.
pub async fn run(args: OsmPoisArgs) -> anyhow::Result<()> {
    if !(args.max_km > 0.0 && args.max_km <= 100.0) {
        bail!("--max-km must be more than 0 and at most 100");
    }
    let (store, _) = db::open(&args.db).await?;
    db::load_initial(store.as_ref(), 0).await?;
    let places = store.places().await.context("reading the places")?;

    let path = args.pbf.clone();
    let (pois, timestamp) = tokio::task::spawn_blocking(move || {
        Ok::<_, bleibe_osm::OsmError>((
            bleibe_osm::pois::read_pois(&path)?,
            bleibe_osm::pois::file_timestamp(&path)?,
        ))
    })
    .await
    .context("the reader thread failed")??;
    let today = chrono::Utc::now().date_naive();
    let as_of = as_of(timestamp, today);
    println!(
        "read {}: {} points of interest (as of {as_of}{})",
        args.pbf.display(),
        pois.len(),
        if timestamp.is_some() {
            ", from the file's header"
        } else {
            ", today: the file's header has no timestamp"
        }
    );

    let counts = count(&places, &pois, args.max_km);
    let summary = store_counts(store.as_ref(), &counts, as_of).await?;
    println!(
        "assigned {} to {} places; {} farther than {} km from every place (not counted)",
        pois.len() - counts.unassigned,
        summary.places,
        counts.unassigned,
        args.max_km
    );
    let mut per_kind: BTreeMap<PoiKind, u64> = BTreeMap::new();
    for kinds in counts.per_place.values() {
        for (kind, n) in kinds {
            *per_kind.entry(*kind).or_default() += u64::from(*n);
        }
    }
    let listed: Vec<String> = PoiKind::ALL
        .iter()
        .map(|k| {
            format!(
                "{} {}",
                k.profile_key(),
                per_kind.get(k).copied().unwrap_or(0)
            )
        })
        .collect();
    println!("counted: {}", listed.join(", "));
    println!(
        "values stored with source {SOURCE}: {}; kept because another source (a person, a CSV import) set them: {}",
        summary.written,
        summary.offered - summary.written
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use bleibe_store::{PlaceProfiles, Store};
    use bleibe_store_sqlite::SqliteStore;
    use std::path::Path;

    fn fixture() -> &'static Path {
        Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../osm/tests/fixtures/pois.osm.pbf"
        ))
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn every_kind_counts_into_a_profile_key() {
        for kind in PoiKind::ALL {
            assert_eq!(key_of(kind).as_str(), kind.profile_key());
            assert!(key_of(kind).is_number());
        }
    }

    #[test]
    fn the_date_is_the_files_but_never_in_the_future() {
        let today = day("2026-11-30");
        assert_eq!(as_of(Some(1_790_812_800), today), day("2026-10-01"));
        assert_eq!(as_of(None, today), today);
        assert_eq!(as_of(Some(4_000_000_000), today), today);
    }

    #[tokio::test]
    async fn counts_go_to_the_nearest_place_and_keep_edited_values() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = SqliteStore::open_file(&dir.path().join("bleibe.db"))
            .await
            .expect("open");
        let places = bleibe_store::conformance::sample_places();
        store.load_initial(&places, None).await.expect("load");
        let (spremberg, hoyerswerda, cottbus) = (2830085, 2898304, 2939811);
        // A person set the Kitas of Hoyerswerda; Cottbus has demo supermarkets.
        let mut demo = ProfileValue::new(Value::Number(99.0), "demo", day("2026-01-01"));
        demo.demo = true;
        store
            .set_place_profile_values(
                hoyerswerda,
                &[(
                    ProfileKey::Kita,
                    ProfileValue::new(Value::Number(12.0), "Stadt Hoyerswerda", day("2026-05-01")),
                )],
                None,
            )
            .await
            .expect("edit");
        store
            .set_place_profile_values(cottbus, &[(ProfileKey::Supermarket, demo)], None)
            .await
            .expect("demo");

        let pois = bleibe_osm::pois::read_pois(fixture()).expect("read");
        let counts = count(&places, &pois, 10.0);
        assert_eq!(counts.unassigned, 1, "the doctor in Poland");
        let n = |place: i64, kind: PoiKind| {
            counts.per_place[&place]
                .get(&kind)
                .copied()
                .unwrap_or_default()
        };
        assert_eq!(n(spremberg, PoiKind::RailStation), 1);
        assert_eq!(n(spremberg, PoiKind::Recreation), 1);
        assert_eq!(n(hoyerswerda, PoiKind::Sport), 2);
        assert_eq!(n(cottbus, PoiKind::Kita), 1);

        let as_of = as_of(
            bleibe_osm::pois::file_timestamp(fixture()).expect("ts"),
            day("2026-11-30"),
        );
        let summary = store_counts(&store, &counts, as_of).await.expect("store");
        assert_eq!(summary.places, 3);
        assert_eq!(summary.offered, 3 * PoiKind::ALL.len());
        assert_eq!(
            summary.written,
            summary.offered - 1,
            "the edited Kitas stay"
        );

        let h = store.place_profile(hoyerswerda).await.expect("h");
        assert_eq!(h.number(ProfileKey::Kita), Some(12.0));
        assert_eq!(
            h.get(ProfileKey::Kita).expect("kita").source,
            "Stadt Hoyerswerda"
        );
        assert_eq!(h.number(ProfileKey::OffersSport), Some(2.0));
        assert_eq!(h.number(ProfileKey::Paediatrician), Some(1.0));
        let s = store.place_profile(spremberg).await.expect("s");
        let station = s.get(ProfileKey::RailStation).expect("station");
        assert_eq!(
            (station.source.as_str(), station.as_of),
            ("osm", day("2026-10-01"))
        );
        assert_eq!(
            s.number(ProfileKey::Supermarket),
            Some(0.0),
            "none found: 0"
        );
        assert_eq!(s.get(ProfileKey::RailLines), None, "not from OSM");
        let c = store.place_profile(cottbus).await.expect("c");
        let shop = c.get(ProfileKey::Supermarket).expect("supermarket");
        assert_eq!((shop.value.as_number(), shop.demo), (Some(1.0), false));

        // Again: the same values, the edited one still kept.
        let again = store_counts(&store, &counts, as_of).await.expect("again");
        assert_eq!(again, summary);
        assert_eq!(store.place_profile(spremberg).await.expect("s"), s);
    }

    #[test]
    fn points_far_from_every_place_are_not_assigned() {
        let places = bleibe_store::conformance::sample_places();
        let poi = |lat, lon| Poi {
            kind: PoiKind::Kita,
            lat,
            lon,
        };
        // 9 km north of Cottbus is Cottbus; 12 km is nowhere.
        let counts = count(
            &places,
            &[
                poi(51.7577 + 0.081, 14.32888),
                poi(51.7577 + 0.108, 14.32888),
            ],
            10.0,
        );
        assert_eq!(counts.unassigned, 1);
        assert_eq!(counts.per_place[&2939811][&PoiKind::Kita], 1);
        assert!(count(&[], &[poi(51.0, 14.0)], 10.0).per_place.is_empty());
    }
}
