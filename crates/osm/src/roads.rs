//! The car road graph from an OSM PBF extract.
//!
//! [`read_car_graph`] reads the file twice: first the ways, keeping those a car may drive
//! on (with a speed per direction), then the nodes, keeping only the coordinates of nodes
//! those ways use. Node ids are compacted into `0..n` (in the order of their OSM ids), so
//! a Brandenburg + Saxony extract (about 20 million nodes) costs memory for the few
//! million road nodes only. Blocks are decoded on all cores; the result does not depend
//! on the number of threads.
//!
//! # The car profile
//!
//! A way is a road for cars if its `highway=*` value is in this table. The speed is used
//! where the way has no usable `maxspeed`:
//!
//! | `highway=`                         | km/h |
//! |------------------------------------|-----:|
//! | `motorway`                         |  120 |
//! | `motorway_link`                    |   60 |
//! | `trunk`                            |  100 |
//! | `trunk_link`                       |   50 |
//! | `primary`                          |   80 |
//! | `primary_link`                     |   50 |
//! | `secondary`                        |   70 |
//! | `secondary_link`                   |   40 |
//! | `tertiary`                         |   60 |
//! | `tertiary_link`                    |   35 |
//! | `unclassified`                     |   50 |
//! | `residential`                      |   30 |
//! | `road` (class unknown)             |   30 |
//! | `service`                          |   15 |
//! | `living_street`                    |    7 |
//!
//! Everything else (`track`, `path`, `footway`, `cycleway`, `pedestrian`, `steps`,
//! `busway`, `construction`, `proposed`, …) and any way tagged `area=yes` is not a road
//! for cars.
//!
//! **Speed limits.** `maxspeed` (or `maxspeed:forward` / `maxspeed:backward` for one
//! direction) replaces the table's speed where it can be read: a number in km/h (`"50"`,
//! `"50 km/h"`), in mph (`"30 mph"`), a zone (`"DE:urban"` 50, `"DE:rural"` 100,
//! `"DE:zone30"` and `"DE:zone:30"` 30, `"DE:living_street"` and `"walk"` 7,
//! `"DE:motorway"` 120); of several values separated by `;` the lowest. Other values
//! (`"signals"`, `"variable"`, typos) are ignored. A signed limit is the most one may
//! drive, not what one drives on average between junctions: the speed used is
//! [`LIMIT_FACTOR`] × the limit. `"none"` (no limit, the German Autobahn) means the
//! motorway speed of the table, 120. No speed is above [`MAX_SPEED_KMH`] (a mistyped
//! "500" stays harmless).
//!
//! **Direction.** `oneway=yes`, `1` or `true` allow only the direction in which the way
//! is drawn; `oneway=-1` or `reverse` only the other one; `oneway=no` both. Without a
//! `oneway` tag, `highway=motorway` and roundabouts (`junction=roundabout` or
//! `junction=circular`) are one-way. `oneway=reversible` and `alternating` (direction
//! changes by time of day) are left out.
//!
//! **Access.** The most specific of `motorcar`, `motor_vehicle`, `vehicle` and `access`
//! decides: `no`, `private`, `agricultural`, `forestry`, `delivery`, `emergency`,
//! `military`, `psv` and `bus` close the way to cars; any other value (`yes`,
//! `destination`, `permissive`, `customers`, …) leaves it open.
//!
//! **Time.** A segment between two consecutive nodes of a way takes its great-circle
//! (haversine) length divided by the speed, in whole milliseconds. Two fixed delays stand
//! in for what happens at junctions, added to the segment that arrives at the node:
//!
//! - [`SIGNAL_DELAY_MS`] (4 s) at a node tagged `highway=traffic_signals`. A car that
//!   arrives at random at a light with a 40 s red phase in an 80 s cycle waits 10 s on
//!   average; OSM often maps a light at the stop line of each approach, so that a car
//!   crossing a junction passes two signal nodes, and green waves wait less: 4 s per
//!   node.
//! - Otherwise [`JUNCTION_DELAY_MS`] (3 s) at a junction — a node where at least three
//!   road segments meet, not counting `highway=service` (driveways and parking aisles
//!   joining a street make no junction for it) — except on motorway and trunk
//!   carriageways, whose junctions are grade-separated. It is the mean cost of slowing,
//!   yielding and turning over the ways through a junction, straight on (about nothing)
//!   or turning (several seconds), since a node-based graph cannot tell one from the
//!   other.
//!
//! Both values were set with these reasons and then checked against OSRM's car profile
//! (`scripts/osrm-compare.sh`, `bleibe bench osrm`): on central Helsinki the median
//! difference of 200 × 200 travel times is about 8 %, with no bias either way; without
//! the delays our times were 29 % shorter than OSRM's.
//!
//! **Not modelled:** turn restrictions (relations `type=restriction`), penalties by turn
//! angle (left, right, U-turn: OSRM's car profile has them), stop signs, crossings and
//! barriers, time-dependent limits (`maxspeed:conditional`, `oneway:conditional`),
//! traffic and congestion, ferries (`route=ferry`), road surface and width. Times are
//! free-flow times under light traffic.
//!
//! # Bad data
//!
//! A way that names a node the file does not hold (an extract clipped at its border, a
//! broken file) keeps its other segments: the segments next to the missing node are
//! dropped and counted in [`RoadStats`]. Nodes that end up on no segment are left out.

use bleibe_routing::snap::haversine;
use bleibe_routing::{Arc, RoadGraph};
use osmpbf::{BlobDecode, BlobReader, Element, PrimitiveBlock};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The speed used is this share of a signed limit (see the module documentation).
pub const LIMIT_FACTOR: f64 = 0.9;

/// No segment is driven faster than this, whatever its `maxspeed` says, km/h.
pub const MAX_SPEED_KMH: f64 = 130.0;

/// The delay at a node tagged `highway=traffic_signals`, milliseconds.
pub const SIGNAL_DELAY_MS: u32 = 4_000;

/// The delay at a junction (module documentation), milliseconds.
pub const JUNCTION_DELAY_MS: u32 = 3_000;

/// The speed of a `highway=living_street` (and of `maxspeed=walk`), km/h.
const WALKING_PACE_KMH: f64 = 7.0;

/// The car profile's speed per `highway=*` value, km/h, where a way has no usable
/// `maxspeed`; `None` for a value that is no road for cars.
pub fn highway_speed_kmh(highway: &str) -> Option<f64> {
    Some(match highway {
        "motorway" => 120.0,
        "motorway_link" => 60.0,
        "trunk" => 100.0,
        "trunk_link" => 50.0,
        "primary" => 80.0,
        "primary_link" => 50.0,
        "secondary" => 70.0,
        "secondary_link" => 40.0,
        "tertiary" => 60.0,
        "tertiary_link" => 35.0,
        "unclassified" => 50.0,
        "residential" | "road" => 30.0,
        "service" => 15.0,
        "living_street" => WALKING_PACE_KMH,
        _ => return None,
    })
}

/// The speed of the motorway row of the table, used for `maxspeed=none`.
const MOTORWAY_KMH: f64 = 120.0;

/// A `maxspeed` value in km/h as the profile reads it (before [`LIMIT_FACTOR`] and
/// [`MAX_SPEED_KMH`]), or `None` if it cannot be read.
///
/// ```
/// use bleibe_osm::roads::parse_maxspeed;
/// assert_eq!(parse_maxspeed("50"), Some(50.0));
/// assert_eq!(parse_maxspeed("DE:rural"), Some(100.0));
/// assert_eq!(parse_maxspeed("30 mph").map(f64::round), Some(48.0));
/// assert_eq!(parse_maxspeed("none"), Some(120.0));
/// assert_eq!(parse_maxspeed("signals"), None);
/// ```
pub fn parse_maxspeed(value: &str) -> Option<f64> {
    value
        .split(';')
        .filter_map(|v| parse_one_maxspeed(v.trim()))
        .min_by(f64::total_cmp)
}

fn parse_one_maxspeed(v: &str) -> Option<f64> {
    let lower = v.to_ascii_lowercase();
    match lower.as_str() {
        "none" => return Some(MOTORWAY_KMH),
        "walk" => return Some(WALKING_PACE_KMH),
        _ => {}
    }
    if let Some((_country, zone)) = lower.split_once(':') {
        // Zone values such as "DE:urban", "DE:zone30", "DE:zone:30", "FI:rural".
        let country = &lower[..2.min(lower.len())];
        return match zone {
            "urban" => Some(50.0),
            "rural" => Some(match country {
                "de" | "at" => 100.0,
                "fi" | "se" | "dk" => 80.0,
                _ => 90.0,
            }),
            "motorway" | "autobahn" => Some(MOTORWAY_KMH),
            "living_street" | "walk" => Some(WALKING_PACE_KMH),
            "bicycle_road" => Some(30.0),
            z => {
                let digits = z.trim_start_matches("zone").trim_start_matches(':');
                digits.parse::<f64>().ok().filter(|s| *s > 0.0)
            }
        };
    }
    let (number, factor) = if let Some(n) = lower.strip_suffix("mph") {
        (n.trim(), 1.609_344)
    } else if let Some(n) = lower
        .strip_suffix("km/h")
        .or_else(|| lower.strip_suffix("kmh"))
        .or_else(|| lower.strip_suffix("kph"))
    {
        (n.trim(), 1.0)
    } else {
        (lower.as_str(), 1.0)
    };
    number
        .parse::<f64>()
        .ok()
        .filter(|s| s.is_finite() && *s > 0.0)
        .map(|s| s * factor)
}

/// The speed driven under a `maxspeed` value: [`LIMIT_FACTOR`] × the limit, and the
/// motorway speed of the table where there is no limit (`"none"`).
fn driven_kmh(value: &str) -> Option<f64> {
    if value.trim().eq_ignore_ascii_case("none") {
        Some(MOTORWAY_KMH)
    } else {
        parse_maxspeed(value).map(|limit| limit * LIMIT_FACTOR)
    }
}

/// What the car profile makes of one way's tags.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CarWay {
    /// Not a road for cars (no `highway`, a footway, an area, …).
    NotARoad,
    /// A road for cars by its `highway` value, but closed to them by access tags (or
    /// reversible).
    Closed,
    /// Drivable: the speed in km/h in the way's direction and against it, `None` where
    /// cars may not drive that way.
    Open {
        /// Speed in the direction the way is drawn.
        forward_kmh: Option<f64>,
        /// Speed against it.
        backward_kmh: Option<f64>,
        /// How the way takes part in junctions.
        junctions: Junctions,
    },
}

/// How a road takes part in junctions, for [`JUNCTION_DELAY_MS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Junctions {
    /// A motorway or trunk carriageway: grade-separated, no junction delay on it.
    GradeSeparated,
    /// An ordinary road: delayed at every junction.
    AtGrade,
    /// A service road (driveway, parking aisle, access road): delayed at junctions, but
    /// where it joins a road it makes no junction of that road's node.
    Minor,
}

/// The tags of a way the profile looks at.
#[derive(Default)]
struct WayTags<'a> {
    highway: Option<&'a str>,
    area: Option<&'a str>,
    maxspeed: Option<&'a str>,
    maxspeed_forward: Option<&'a str>,
    maxspeed_backward: Option<&'a str>,
    oneway: Option<&'a str>,
    junction: Option<&'a str>,
    access: Option<&'a str>,
    vehicle: Option<&'a str>,
    motor_vehicle: Option<&'a str>,
    motorcar: Option<&'a str>,
}

/// Applies the car profile (module documentation) to a way's tags.
///
/// ```
/// use bleibe_osm::roads::{car_way, CarWay, Junctions};
/// let way = car_way([("highway", "primary"), ("oneway", "yes"), ("maxspeed", "50")]);
/// let junctions = Junctions::AtGrade;
/// assert_eq!(way, CarWay::Open { forward_kmh: Some(45.0), backward_kmh: None, junctions });
/// assert_eq!(car_way([("highway", "residential"), ("access", "private")]), CarWay::Closed);
/// assert_eq!(car_way([("highway", "footway")]), CarWay::NotARoad);
/// ```
pub fn car_way<'a>(tags: impl IntoIterator<Item = (&'a str, &'a str)>) -> CarWay {
    let mut t = WayTags::default();
    for (k, v) in tags {
        let slot = match k {
            "highway" => &mut t.highway,
            "area" => &mut t.area,
            "maxspeed" => &mut t.maxspeed,
            "maxspeed:forward" => &mut t.maxspeed_forward,
            "maxspeed:backward" => &mut t.maxspeed_backward,
            "oneway" => &mut t.oneway,
            "junction" => &mut t.junction,
            "access" => &mut t.access,
            "vehicle" => &mut t.vehicle,
            "motor_vehicle" => &mut t.motor_vehicle,
            "motorcar" => &mut t.motorcar,
            _ => continue,
        };
        *slot = Some(v);
    }
    let Some(highway) = t.highway else {
        return CarWay::NotARoad;
    };
    let Some(default_kmh) = highway_speed_kmh(highway) else {
        return CarWay::NotARoad;
    };
    if t.area == Some("yes") {
        return CarWay::NotARoad;
    }
    let access = t.motorcar.or(t.motor_vehicle).or(t.vehicle).or(t.access);
    if let Some(a) = access {
        if matches!(
            a,
            "no" | "private"
                | "agricultural"
                | "forestry"
                | "delivery"
                | "emergency"
                | "military"
                | "psv"
                | "bus"
        ) {
            return CarWay::Closed;
        }
    }
    let roundabout = matches!(t.junction, Some("roundabout" | "circular"));
    let (forward, backward) = match t.oneway {
        Some("yes" | "1" | "true") => (true, false),
        Some("-1" | "reverse") => (false, true),
        Some("reversible" | "alternating") => return CarWay::Closed,
        Some("no" | "0" | "false") => (true, true),
        _ if highway == "motorway" || roundabout => (true, false),
        _ => (true, true),
    };
    let limit = t.maxspeed.and_then(driven_kmh);
    let speed = |directional: Option<&str>| {
        directional
            .and_then(driven_kmh)
            .or(limit)
            .unwrap_or(default_kmh)
            .min(MAX_SPEED_KMH)
    };
    let junctions = match highway {
        "motorway" | "trunk" => Junctions::GradeSeparated,
        "service" => Junctions::Minor,
        _ => Junctions::AtGrade,
    };
    CarWay::Open {
        forward_kmh: forward.then(|| speed(t.maxspeed_forward)),
        backward_kmh: backward.then(|| speed(t.maxspeed_backward)),
        junctions,
    }
}

/// The travel time over `metres` at `kmh`, in whole milliseconds.
pub fn segment_millis(metres: f64, kmh: f64) -> u32 {
    let millis = (metres * 3600.0 / kmh).round();
    if millis >= f64::from(u32::MAX) {
        u32::MAX
    } else {
        millis as u32
    }
}

/// The smallest latitude/longitude rectangle around every node of a graph.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    /// Southern edge, degrees.
    pub min_lat: f64,
    /// Western edge, degrees.
    pub min_lon: f64,
    /// Northern edge, degrees.
    pub max_lat: f64,
    /// Eastern edge, degrees.
    pub max_lon: f64,
}

impl Bounds {
    /// The rectangle around `coords` (latitude, longitude), `None` if there are none.
    pub fn around(coords: &[[f64; 2]]) -> Option<Bounds> {
        let first = coords.first()?;
        let mut b = Bounds {
            min_lat: first[0],
            min_lon: first[1],
            max_lat: first[0],
            max_lon: first[1],
        };
        for c in coords {
            b.min_lat = b.min_lat.min(c[0]);
            b.max_lat = b.max_lat.max(c[0]);
            b.min_lon = b.min_lon.min(c[1]);
            b.max_lon = b.max_lon.max(c[1]);
        }
        Some(b)
    }

    /// Whether the point lies inside (edges included).
    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        (self.min_lat..=self.max_lat).contains(&lat) && (self.min_lon..=self.max_lon).contains(&lon)
    }
}

/// What [`read_car_graph`] found, including the bad data it went past.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RoadStats {
    /// Ways in the file.
    pub ways: u64,
    /// Ways kept as roads for cars.
    pub car_ways: u64,
    /// Of those, ways drivable in one direction only.
    pub oneway_ways: u64,
    /// Ways with a car `highway` value left out by access tags (or reversible).
    pub closed_ways: u64,
    /// Car ways that name at least one node the file does not hold.
    pub ways_with_missing_nodes: u64,
    /// Distinct missing nodes named by car ways.
    pub missing_nodes: u64,
    /// Segments left out because one of their ends is missing.
    pub segments_skipped: u64,
    /// Nodes of the graph.
    pub nodes: usize,
    /// Of those, nodes with traffic signals.
    pub signals: usize,
    /// Of those, junctions without signals (module documentation).
    pub junctions: usize,
    /// Directed arcs of the graph (a two-way segment is two).
    pub arcs: usize,
    /// The rectangle around the graph's nodes; `None` for an empty graph.
    pub bounds: Option<Bounds>,
}

/// Why an OSM file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum OsmError {
    /// The file cannot be opened or is no valid PBF.
    #[error("cannot read the OpenStreetMap file {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        #[source]
        source: osmpbf::Error,
    },
    /// More road nodes than 32-bit node indexes can number.
    #[error("the OpenStreetMap file {path} has {nodes} road nodes, more than this graph can hold")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Road nodes found.
        nodes: usize,
    },
}

/// The car ways of a run of blocks: node refs of all ways one after another.
#[derive(Default)]
struct WayChunk {
    ways: u64,
    closed: u64,
    /// OSM node ids of the ways, concatenated.
    refs: Vec<i64>,
    ways_kept: Vec<KeptWay>,
}

/// A car way of [`WayChunk`].
#[derive(Clone, Copy)]
struct KeptWay {
    /// The end of its refs in `refs`.
    end: usize,
    /// Speeds forward and backward, km/h; 0 = not allowed.
    kmh: [f32; 2],
    junctions: Junctions,
}

/// Decodes the file's blocks on all cores, calling `map` on each data block and `sink`
/// (one at a time) with its block number and result.
fn par_blocks<T: Send>(
    path: &Path,
    map: impl Fn(&PrimitiveBlock) -> T + Sync,
    sink: impl FnMut(usize, T) + Send,
) -> Result<(), OsmError> {
    let read_err = |source| OsmError::Read {
        path: path.to_path_buf(),
        source,
    };
    let reader = Mutex::new((BlobReader::from_path(path).map_err(read_err)?, 0_usize));
    let sink = Mutex::new(sink);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let first_error: Mutex<Option<osmpbf::Error>> = Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                if first_error.lock().expect("lock").is_some() {
                    return;
                }
                let (number, blob) = {
                    let mut r = reader.lock().expect("lock");
                    let Some(blob) = r.0.next() else { return };
                    r.1 += 1;
                    (r.1 - 1, blob)
                };
                let decoded = blob.and_then(|b| match b.decode()? {
                    BlobDecode::OsmData(block) => Ok(Some(map(&block))),
                    BlobDecode::OsmHeader(_) | BlobDecode::Unknown(_) => Ok(None),
                });
                match decoded {
                    Ok(Some(result)) => {
                        let mut sink = sink.lock().expect("lock");
                        (*sink)(number, result);
                    }
                    Ok(None) => {}
                    Err(e) => {
                        first_error.lock().expect("lock").get_or_insert(e);
                        return;
                    }
                }
            });
        }
    });
    match first_error.into_inner().expect("lock") {
        Some(e) => Err(read_err(e)),
        None => Ok(()),
    }
}

fn read_ways(block: &PrimitiveBlock) -> WayChunk {
    let mut chunk = WayChunk::default();
    for group in block.groups() {
        for way in group.ways() {
            chunk.ways += 1;
            match car_way(way.tags()) {
                CarWay::NotARoad => {}
                CarWay::Closed => chunk.closed += 1,
                CarWay::Open {
                    forward_kmh,
                    backward_kmh,
                    junctions,
                } => {
                    chunk.refs.extend(way.refs());
                    chunk.ways_kept.push(KeptWay {
                        end: chunk.refs.len(),
                        kmh: [
                            forward_kmh.unwrap_or(0.0) as f32,
                            backward_kmh.unwrap_or(0.0) as f32,
                        ],
                        junctions,
                    });
                }
            }
        }
    }
    chunk
}

/// Reads the car road graph (module documentation) from an OSM PBF file.
///
/// Node `i` of the graph is the `i`-th smallest OSM node id used by an arc. Ways with
/// missing nodes are reported in [`RoadStats`], not as an error.
pub fn read_car_graph(path: &Path) -> Result<(RoadGraph, RoadStats), OsmError> {
    let mut stats = RoadStats::default();

    // Pass 1: the car ways, in file order.
    let mut chunks: Vec<(usize, WayChunk)> = Vec::new();
    par_blocks(path, read_ways, |number, chunk| {
        if chunk.ways > 0 {
            chunks.push((number, chunk));
        }
    })?;
    chunks.sort_unstable_by_key(|(number, _)| *number);
    let mut refs: Vec<i64> = Vec::with_capacity(chunks.iter().map(|(_, c)| c.refs.len()).sum());
    let mut ways: Vec<KeptWay> = Vec::new();
    for (_, chunk) in chunks {
        stats.ways += chunk.ways;
        stats.closed_ways += chunk.closed;
        let offset = refs.len();
        refs.extend_from_slice(&chunk.refs);
        ways.extend(chunk.ways_kept.iter().map(|&w| KeptWay {
            end: w.end + offset,
            ..w
        }));
    }
    stats.car_ways = ways.len() as u64;
    stats.oneway_ways = ways
        .iter()
        .filter(|w| (w.kmh[0] > 0.0) != (w.kmh[1] > 0.0))
        .count() as u64;

    // The nodes the car ways use, sorted; refs become indexes into them.
    let mut ids = refs.clone();
    ids.sort_unstable();
    ids.dedup();
    if ids.len() >= u32::MAX as usize {
        return Err(OsmError::TooLarge {
            path: path.to_path_buf(),
            nodes: ids.len(),
        });
    }
    let refs: Vec<u32> = refs
        .iter()
        .map(|r| ids.binary_search(r).expect("every ref is in ids") as u32)
        .collect();

    // Pass 2: the coordinates of those nodes, and which have traffic signals.
    let mut coords = vec![[f64::NAN; 2]; ids.len()];
    let mut signal = vec![false; ids.len()];
    let ids_ref = &ids;
    par_blocks(
        path,
        |block| {
            let mut found: Vec<(u32, [f64; 2], bool)> = Vec::new();
            for element in block.elements() {
                // Nanodegrees ÷ 10⁹: the nearest f64 to what the file holds (× 10⁻⁹, as
                // `lat()` does, is not always).
                let (id, lat, lon) = match &element {
                    Element::DenseNode(n) => (n.id(), n.nano_lat(), n.nano_lon()),
                    Element::Node(n) => (n.id(), n.nano_lat(), n.nano_lon()),
                    Element::Way(_) | Element::Relation(_) => continue,
                };
                let Ok(i) = ids_ref.binary_search(&id) else {
                    continue;
                };
                let is_signal = match &element {
                    Element::DenseNode(n) => n.tags().any(is_signal_tag),
                    Element::Node(n) => n.tags().any(is_signal_tag),
                    Element::Way(_) | Element::Relation(_) => false,
                };
                found.push((i as u32, [lat as f64 / 1e9, lon as f64 / 1e9], is_signal));
            }
            found
        },
        |_, found| {
            for (i, c, is_signal) in found {
                coords[i as usize] = c;
                signal[i as usize] = is_signal;
            }
        },
    )?;
    drop(ids);
    let present = |i: u32| !coords[i as usize][0].is_nan();
    stats.missing_nodes = (0..coords.len() as u32).filter(|&i| !present(i)).count() as u64;

    // The segments, in way order, on the old indexes.
    struct Segment {
        a: u32,
        b: u32,
        way: u32,
    }
    let mut segments: Vec<Segment> = Vec::new();
    let mut start = 0;
    for (w, way) in ways.iter().enumerate() {
        let nodes = &refs[start..way.end];
        start = way.end;
        let mut missing = false;
        for pair in nodes.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if !present(a) || !present(b) {
                missing = true;
                stats.segments_skipped += 1;
            } else if a != b {
                segments.push(Segment {
                    a,
                    b,
                    way: w as u32,
                });
            }
        }
        // A one-node way referring to a missing node.
        if nodes.len() == 1 && !present(nodes[0]) {
            missing = true;
        }
        if missing {
            stats.ways_with_missing_nodes += 1;
        }
    }
    drop(refs);

    // Junctions: nodes with at least three distinct neighbours over roads other than
    // service roads.
    let junction = {
        let mut pairs: Vec<(u32, u32)> = segments
            .iter()
            .filter(|s| ways[s.way as usize].junctions != Junctions::Minor)
            .map(|s| (s.a.min(s.b), s.a.max(s.b)))
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        let mut degree = vec![0_u8; coords.len()];
        for (a, b) in pairs {
            degree[a as usize] = degree[a as usize].saturating_add(1);
            degree[b as usize] = degree[b as usize].saturating_add(1);
        }
        degree.into_iter().map(|d| d >= 3).collect::<Vec<bool>>()
    };

    // The arcs: travel time plus the delay at the node they arrive at.
    let delay = |to: u32, way: &KeptWay| {
        if signal[to as usize] {
            SIGNAL_DELAY_MS
        } else if junction[to as usize] && way.junctions != Junctions::GradeSeparated {
            JUNCTION_DELAY_MS
        } else {
            0
        }
    };
    let mut arcs: Vec<Arc> = Vec::with_capacity(segments.len() * 2);
    for seg in &segments {
        let way = &ways[seg.way as usize];
        let metres = haversine(coords[seg.a as usize], coords[seg.b as usize]);
        for (from, to, kmh) in [(seg.a, seg.b, way.kmh[0]), (seg.b, seg.a, way.kmh[1])] {
            if kmh > 0.0 {
                let millis = segment_millis(metres, f64::from(kmh)).saturating_add(delay(to, way));
                arcs.push(Arc { from, to, millis });
            }
        }
    }
    drop(segments);

    // Keep the nodes on some arc, numbered in OSM id order.
    const UNUSED: u32 = u32::MAX;
    let mut index = vec![UNUSED; coords.len()];
    for arc in &arcs {
        index[arc.from as usize] = 0;
        index[arc.to as usize] = 0;
    }
    let mut kept = Vec::new();
    for (old, slot) in index.iter_mut().enumerate() {
        if *slot != UNUSED {
            *slot = kept.len() as u32;
            kept.push(coords[old]);
            if signal[old] {
                stats.signals += 1;
            } else if junction[old] {
                stats.junctions += 1;
            }
        }
    }
    drop(coords);
    for arc in &mut arcs {
        arc.from = index[arc.from as usize];
        arc.to = index[arc.to as usize];
    }
    stats.nodes = kept.len();
    stats.arcs = arcs.len();
    stats.bounds = Bounds::around(&kept);
    Ok((RoadGraph { coords: kept, arcs }, stats))
}

/// Whether a node tag marks traffic signals.
fn is_signal_tag((key, value): (&str, &str)) -> bool {
    key == "highway" && value == "traffic_signals"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(way: CarWay) -> (Option<f64>, Option<f64>) {
        match way {
            CarWay::Open {
                forward_kmh,
                backward_kmh,
                ..
            } => (forward_kmh, backward_kmh),
            other => panic!("not open: {other:?}"),
        }
    }

    #[test]
    fn highway_classes_and_defaults() {
        assert_eq!(
            open(car_way([("highway", "residential")])),
            (Some(30.0), Some(30.0))
        );
        assert_eq!(
            open(car_way([("highway", "motorway")])),
            (Some(120.0), None)
        );
        assert_eq!(
            open(car_way([("highway", "living_street")])),
            (Some(7.0), Some(7.0))
        );
        for not in [
            "track",
            "footway",
            "cycleway",
            "path",
            "construction",
            "busway",
        ] {
            assert_eq!(car_way([("highway", not)]), CarWay::NotARoad, "{not}");
        }
        assert_eq!(car_way([("building", "yes")]), CarWay::NotARoad);
        assert_eq!(
            car_way([("highway", "service"), ("area", "yes")]),
            CarWay::NotARoad
        );
    }

    #[test]
    fn junction_roles() {
        let role = |highway| match car_way([("highway", highway)]) {
            CarWay::Open { junctions, .. } => junctions,
            other => panic!("{other:?}"),
        };
        assert_eq!(role("motorway"), Junctions::GradeSeparated);
        assert_eq!(role("trunk"), Junctions::GradeSeparated);
        assert_eq!(role("motorway_link"), Junctions::AtGrade);
        assert_eq!(role("residential"), Junctions::AtGrade);
        assert_eq!(role("service"), Junctions::Minor);
    }

    #[test]
    fn oneway_and_roundabouts() {
        let r = [("highway", "tertiary")];
        for yes in ["yes", "1", "true"] {
            let w = car_way(r.iter().copied().chain([("oneway", yes)]));
            assert_eq!(open(w), (Some(60.0), None), "{yes}");
        }
        let w = car_way(r.iter().copied().chain([("oneway", "-1")]));
        assert_eq!(open(w), (None, Some(60.0)));
        let w = car_way(r.iter().copied().chain([("junction", "roundabout")]));
        assert_eq!(open(w), (Some(60.0), None));
        let w = car_way([("highway", "motorway"), ("oneway", "no")]);
        assert_eq!(open(w), (Some(120.0), Some(120.0)));
        let w = car_way(r.iter().copied().chain([("oneway", "reversible")]));
        assert_eq!(w, CarWay::Closed);
    }

    #[test]
    fn access_most_specific_wins() {
        let r = ("highway", "residential");
        for closed in ["no", "private", "agricultural", "delivery"] {
            assert_eq!(car_way([r, ("access", closed)]), CarWay::Closed, "{closed}");
        }
        assert_eq!(car_way([r, ("motor_vehicle", "no")]), CarWay::Closed);
        assert_eq!(car_way([r, ("motorcar", "no")]), CarWay::Closed);
        assert!(matches!(
            car_way([r, ("access", "no"), ("motor_vehicle", "yes")]),
            CarWay::Open { .. }
        ));
        assert!(matches!(
            car_way([r, ("access", "destination")]),
            CarWay::Open { .. }
        ));
        assert_eq!(
            car_way([r, ("access", "yes"), ("vehicle", "private")]),
            CarWay::Closed
        );
    }

    #[test]
    fn maxspeed_values() {
        assert_eq!(parse_maxspeed("70"), Some(70.0));
        assert_eq!(parse_maxspeed("70 km/h"), Some(70.0));
        assert_eq!(parse_maxspeed("DE:urban"), Some(50.0));
        assert_eq!(parse_maxspeed("DE:rural"), Some(100.0));
        assert_eq!(parse_maxspeed("DE:zone30"), Some(30.0));
        assert_eq!(parse_maxspeed("DE:zone:30"), Some(30.0));
        assert_eq!(parse_maxspeed("DE:motorway"), Some(120.0));
        assert_eq!(parse_maxspeed("FI:rural"), Some(80.0));
        assert_eq!(parse_maxspeed("none"), Some(120.0));
        assert_eq!(parse_maxspeed("walk"), Some(7.0));
        assert_eq!(parse_maxspeed("50;30"), Some(30.0));
        assert_eq!(parse_maxspeed("signals"), None);
        assert_eq!(parse_maxspeed("-5"), None);
        assert_eq!(parse_maxspeed(""), None);
    }

    #[test]
    fn maxspeed_is_used_scaled_and_capped() {
        let w = car_way([("highway", "primary"), ("maxspeed", "100")]);
        assert_eq!(open(w), (Some(90.0), Some(90.0)));
        let w = car_way([("highway", "residential"), ("maxspeed", "500")]);
        assert_eq!(open(w), (Some(MAX_SPEED_KMH), Some(MAX_SPEED_KMH)));
        let w = car_way([("highway", "motorway"), ("maxspeed", "none")]);
        assert_eq!(open(w), (Some(120.0), None));
        let w = car_way([
            ("highway", "secondary"),
            ("maxspeed", "100"),
            ("maxspeed:backward", "50"),
        ]);
        assert_eq!(open(w), (Some(90.0), Some(45.0)));
        let w = car_way([("highway", "secondary"), ("maxspeed", "signals")]);
        assert_eq!(open(w), (Some(70.0), Some(70.0)));
    }

    #[test]
    fn segment_time() {
        // 1 km at 36 km/h is 100 s.
        assert_eq!(segment_millis(1000.0, 36.0), 100_000);
    }
}
