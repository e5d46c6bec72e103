//! Per-segment tables of what the collector reads for every matching document.
//!
//! A search with facets visits every matching job, up to the whole index (a million
//! jobs for "all jobs near me"). Reading eight fast-field columns per document costs
//! 20–40 ms at that size; these tables hold the same values as plain arrays, with the
//! small attributes packed into one word per document and places and employers replaced
//! by segment-local numbers, so that a query tests a few bytes per document and
//! computes a distance once per place instead of once per job.
//!
//! Segments are immutable, so a table is built once per segment (when a search first
//! meets it) and dropped when the segment leaves the index; deletions are handled by
//! tantivy, which never hands a deleted document to the collector.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use tantivy::index::SegmentId;
use tantivy::{Searcher, SegmentReader};

use crate::index::{
    F_CONTRACT, F_EMPLOYER_ID, F_ID, F_KIND, F_LAT, F_LON, F_OCCUPATION, F_PLACE_ID, F_POSTED_AT,
    F_STATE, F_VALID_THROUGH, F_WORKING_TIME,
};

/// Bit layout of [`SegmentTable::attrs`].
pub(crate) mod attr {
    /// Encoded KldB code (see `encode_occupation`): bits 0..20.
    pub const OCCUPATION_BITS: u32 = 20;
    /// Kind ordinal: bits 20..24.
    pub const KIND_SHIFT: u32 = 20;
    /// Working-time bit set: bits 24..32.
    pub const WORKING_TIME_SHIFT: u32 = 24;
    /// Contract ordinal: bits 32..36.
    pub const CONTRACT_SHIFT: u32 = 32;
    /// Encoded state (see `encode_state`): bits 36..41.
    pub const STATE_SHIFT: u32 = 36;
    /// Mask of a 4-bit field.
    pub const NIBBLE: u64 = 0xF;
}

/// A place that jobs in a segment are at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TablePlace {
    /// GeoNames id.
    pub id: i64,
    /// Coordinates; NaN when the index has none.
    pub lat: f64,
    pub lon: f64,
}

/// The collector's view of one segment; every vector is indexed by document id.
#[derive(Debug, Default)]
pub(crate) struct SegmentTable {
    /// Store id.
    pub id: Vec<i64>,
    /// Publication time (Unix seconds).
    pub posted_at: Vec<i64>,
    /// Last open day as a day number (`i32::MAX`: open-ended).
    pub valid_through: Vec<i32>,
    /// Index into [`Self::places`].
    pub place: Vec<u32>,
    /// Index into [`Self::employers`].
    pub employer: Vec<u32>,
    /// Occupation, kind, working time, contract and state packed (see [`attr`]).
    pub attrs: Vec<u64>,
    /// Places of this segment's jobs.
    pub places: Vec<TablePlace>,
    /// Employer ids of this segment's jobs.
    pub employers: Vec<i64>,
}

impl SegmentTable {
    /// Reads every document's values from the segment's fast fields.
    pub(crate) fn build(segment: &SegmentReader) -> tantivy::Result<SegmentTable> {
        let ff = segment.fast_fields();
        let id = ff.i64(F_ID)?;
        let posted_at = ff.i64(F_POSTED_AT)?;
        let valid_through = ff.i64(F_VALID_THROUGH)?;
        let place_id = ff.i64(F_PLACE_ID)?;
        let employer_id = ff.i64(F_EMPLOYER_ID)?;
        let lat = ff.f64(F_LAT)?;
        let lon = ff.f64(F_LON)?;
        let kind = ff.u64(F_KIND)?;
        let working_time = ff.u64(F_WORKING_TIME)?;
        let occupation = ff.u64(F_OCCUPATION)?;
        let contract = ff.u64(F_CONTRACT)?;
        let state = ff.u64(F_STATE)?;

        let n = segment.max_doc() as usize;
        let mut t = SegmentTable {
            id: Vec::with_capacity(n),
            posted_at: Vec::with_capacity(n),
            valid_through: Vec::with_capacity(n),
            place: Vec::with_capacity(n),
            employer: Vec::with_capacity(n),
            attrs: Vec::with_capacity(n),
            places: Vec::new(),
            employers: Vec::new(),
        };
        let mut place_ix: HashMap<i64, u32> = HashMap::new();
        let mut employer_ix: HashMap<i64, u32> = HashMap::new();
        for doc in 0..segment.max_doc() {
            t.id.push(id.first(doc).unwrap_or(0));
            t.posted_at.push(posted_at.first(doc).unwrap_or(i64::MIN));
            let vt = valid_through.first(doc).unwrap_or(i64::MAX);
            t.valid_through.push(i32::try_from(vt).unwrap_or(if vt < 0 {
                i32::MIN
            } else {
                i32::MAX
            }));
            let pid = place_id.first(doc).unwrap_or(0);
            let next = t.places.len() as u32;
            let p = *place_ix.entry(pid).or_insert_with(|| {
                t.places.push(TablePlace {
                    id: pid,
                    lat: lat.first(doc).unwrap_or(f64::NAN),
                    lon: lon.first(doc).unwrap_or(f64::NAN),
                });
                next
            });
            t.place.push(p);
            let eid = employer_id.first(doc).unwrap_or(0);
            let next = t.employers.len() as u32;
            let e = *employer_ix.entry(eid).or_insert_with(|| {
                t.employers.push(eid);
                next
            });
            t.employer.push(e);
            let small = |v: Option<u64>, bits: u32| v.unwrap_or(0) & ((1 << bits) - 1);
            t.attrs.push(
                small(occupation.first(doc), attr::OCCUPATION_BITS)
                    | small(kind.first(doc), 4) << attr::KIND_SHIFT
                    | small(working_time.first(doc), 8) << attr::WORKING_TIME_SHIFT
                    | small(contract.first(doc), 4) << attr::CONTRACT_SHIFT
                    | small(state.first(doc), 5) << attr::STATE_SHIFT,
            );
        }
        Ok(t)
    }
}

/// The tables of the segments currently searched, built when first needed.
#[derive(Debug, Default)]
pub(crate) struct TableCache {
    tables: Mutex<HashMap<SegmentId, Arc<SegmentTable>>>,
}

impl TableCache {
    /// The tables of `searcher`'s segments, in segment order. Builds missing tables and
    /// forgets those of segments that are no longer in `searcher` (merged or deleted
    /// away); a searcher older than the cache simply rebuilds what it misses.
    pub(crate) fn tables(&self, searcher: &Searcher) -> tantivy::Result<Vec<Arc<SegmentTable>>> {
        let readers = searcher.segment_readers();
        let mut cached: Vec<Option<Arc<SegmentTable>>> = {
            let map = self.lock();
            readers
                .iter()
                .map(|r| map.get(&r.segment_id()).cloned())
                .collect()
        };
        let mut built = Vec::new();
        for (slot, reader) in cached.iter_mut().zip(readers) {
            if slot.is_none() {
                let table = Arc::new(SegmentTable::build(reader)?);
                built.push((reader.segment_id(), Arc::clone(&table)));
                *slot = Some(table);
            }
        }
        if !built.is_empty() {
            let mut map = self.lock();
            map.extend(built);
            map.retain(|id, _| readers.iter().any(|r| r.segment_id() == *id));
        }
        Ok(cached.into_iter().flatten().collect())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<SegmentId, Arc<SegmentTable>>> {
        // The map only ever holds complete tables; a panic elsewhere cannot leave it
        // half-updated.
        self.tables.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
