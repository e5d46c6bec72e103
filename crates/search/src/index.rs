//! The job index: schema, writing (upsert, remove) and searching.

use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use bleibe_domain::place::STATES;
use bleibe_domain::text::html_to_text;
use bleibe_domain::Job;
use chrono::NaiveDate;
use tantivy::collector::Count;
use tantivy::query::{BooleanQuery, FuzzyTermQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term};

use crate::analysis::{analyze, german_index_analyzer, query_words, ANALYZER};
use crate::collector::{day_number, JobCollector, Plan};
use crate::error::SearchError;
use crate::persist::{self, Position, Progress};
use crate::query::{JobQuery, SearchResults};
use crate::table::TableCache;

/// Version of the index schema, the documents made from jobs and their analysis. Bump it
/// whenever any of them changes: an index persisted by an older version is then discarded
/// and rebuilt on open (it is part of [`persist::INDEX_FORMAT`]).
pub(crate) const SCHEMA_VERSION: u32 = 2;

pub(crate) const F_ID: &str = "id";
pub(crate) const F_TEXT: &str = "text";
pub(crate) const F_KIND: &str = "kind";
pub(crate) const F_WORKING_TIME: &str = "working_time";
pub(crate) const F_OCCUPATION: &str = "occupation";
pub(crate) const F_LAT: &str = "lat";
pub(crate) const F_LON: &str = "lon";
pub(crate) const F_POSTED_AT: &str = "posted_at";
pub(crate) const F_VALID_THROUGH: &str = "valid_through";
pub(crate) const F_CONTRACT: &str = "contract";
pub(crate) const F_STATE: &str = "state";
pub(crate) const F_PLACE_ID: &str = "place_id";
pub(crate) const F_EMPLOYER_ID: &str = "employer_id";

/// Digits of a full KldB 2010 code.
pub(crate) const OCCUPATION_DIGITS: usize = 5;

/// Threads a search runs its segments on: one per core (at most four), so that a
/// search over the whole index uses every core of a small server.
pub(crate) fn search_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}

/// How often the title is indexed (its weight against place and description).
const TITLE_REPEAT: usize = 3;
/// How often the employer's name is indexed.
const EMPLOYER_REPEAT: usize = 2;

/// Writer memory budget (split across tantivy's indexing threads).
const WRITER_MEMORY_BYTES: usize = 50_000_000;

/// At most this many distinct query terms are used; the rest of a very long query is
/// ignored.
const MAX_QUERY_TERMS: usize = 32;

/// Encodes a KldB code of 1 to 5 digits as one nibble per digit (digit + 1, so that a
/// missing digit, 0, never equals a present one), most significant first: "26" →
/// 0x37000. A prefix filter of k digits then compares the top k nibbles.
pub(crate) fn encode_occupation(code: &str) -> Option<u64> {
    let bytes = code.as_bytes();
    if !(1..=OCCUPATION_DIGITS).contains(&bytes.len()) || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some((0..OCCUPATION_DIGITS).fold(0, |acc, i| {
        (acc << 4) | bytes.get(i).map_or(0, |b| u64::from(b - b'0') + 1)
    }))
}

/// Encodes a state's GeoNames admin1 code as its position in [`STATES`] plus one
/// (0: unknown), small enough for a bit mask.
pub(crate) fn encode_state(code: &str) -> u64 {
    STATES
        .iter()
        .position(|s| s.code == code)
        .map_or(0, |i| i as u64 + 1)
}

/// Queues the replacement of every job with an id in `(after, upto]` by `jobs`.
/// Only published jobs are searchable: drafts and unpublished jobs stay out of the
/// index (an upsert of one removes any earlier published version).
fn searchable(job: &Job) -> bool {
    job.data.status == bleibe_domain::JobStatus::Published
}

fn queue_id_range(
    writer: &IndexWriter,
    fields: &Fields,
    after: i64,
    upto: Option<i64>,
    jobs: &[Job],
) -> tantivy::Result<()> {
    let upper = upto.map_or(Bound::Unbounded, |u| {
        Bound::Included(Term::from_field_i64(fields.id, u))
    });
    let lower = Bound::Excluded(Term::from_field_i64(fields.id, after));
    writer.delete_query(Box::new(RangeQuery::new(lower, upper)))?;
    for job in jobs.iter().filter(|j| searchable(j)) {
        writer.delete_term(Term::from_field_i64(fields.id, job.id));
        writer.add_document(fields.document(job))?;
    }
    Ok(())
}

/// The schema's fields.
#[derive(Debug, Clone, Copy)]
struct Fields {
    id: Field,
    /// Everything searchable: title, employer, place and description.
    text: Field,
    kind: Field,
    working_time: Field,
    occupation: Field,
    lat: Field,
    lon: Field,
    posted_at: Field,
    valid_through: Field,
    contract: Field,
    state: Field,
    place_id: Field,
    employer_id: Field,
}

impl Fields {
    fn schema() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let fields = Fields {
            id: b.add_i64_field(F_ID, INDEXED | FAST),
            text: b.add_text_field(F_TEXT, text),
            kind: b.add_u64_field(F_KIND, FAST),
            working_time: b.add_u64_field(F_WORKING_TIME, FAST),
            occupation: b.add_u64_field(F_OCCUPATION, FAST),
            lat: b.add_f64_field(F_LAT, FAST),
            lon: b.add_f64_field(F_LON, FAST),
            posted_at: b.add_i64_field(F_POSTED_AT, FAST),
            valid_through: b.add_i64_field(F_VALID_THROUGH, FAST),
            contract: b.add_u64_field(F_CONTRACT, FAST),
            state: b.add_u64_field(F_STATE, FAST),
            place_id: b.add_i64_field(F_PLACE_ID, FAST),
            employer_id: b.add_i64_field(F_EMPLOYER_ID, FAST),
        };
        (b.build(), fields)
    }

    fn document(&self, job: &Job) -> TantivyDocument {
        let d = &job.data;
        let mut doc = TantivyDocument::default();
        doc.add_i64(self.id, job.id);
        // Field weights by repetition: a word of the title counts three times, one of
        // the employer's name twice (BM25 saturates, so a title match ranks first
        // without drowning the rest). One field keeps matching at one posting list per
        // term, which is what makes broad searches fast.
        for _ in 0..TITLE_REPEAT {
            doc.add_text(self.text, &d.title);
        }
        for _ in 0..EMPLOYER_REPEAT {
            doc.add_text(self.text, &job.employer.name);
        }
        doc.add_text(self.text, &job.place.name);
        doc.add_text(self.text, html_to_text(&d.description));
        doc.add_u64(self.kind, d.kind.ordinal());
        doc.add_u64(
            self.working_time,
            d.working_time.iter().fold(0, |m, w| m | 1 << w.ordinal()),
        );
        doc.add_u64(
            self.occupation,
            encode_occupation(d.occupation.trim()).unwrap_or(0),
        );
        doc.add_f64(self.lat, job.place.lat);
        doc.add_f64(self.lon, job.place.lon);
        doc.add_i64(self.posted_at, d.posted_at.timestamp());
        doc.add_i64(
            self.valid_through,
            d.valid_through.map_or(i64::MAX, day_number),
        );
        doc.add_u64(self.contract, d.contract.ordinal());
        doc.add_u64(self.state, encode_state(&job.place.state_code));
        doc.add_i64(self.place_id, job.place.id);
        doc.add_i64(self.employer_id, job.employer.id);
        doc
    }
}

/// The schema of every job index (what a persisted index must have to be reused).
pub(crate) fn job_schema() -> Schema {
    Fields::schema().0
}

/// The job search index, derived from the store (see [`crate::rebuild`] and
/// [`crate::catch_up`]): in memory ([`JobIndex::in_ram`]) or in a folder that survives
/// restarts ([`JobIndex::open_in_dir`], then [`crate::resume`]). `Send + Sync`: share it as
/// `Arc<JobIndex>`; searches run concurrently, writes are serialised.
pub struct JobIndex {
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    fields: Fields,
    /// `position.applied_seq`, readable without a lock.
    applied_seq: AtomicI64,
    /// What the last commit recorded (its payload): lock after `writer`, never before.
    position: Mutex<Position>,
    /// The folder the index lives in (`None`: in memory).
    dir: Option<PathBuf>,
    /// Per-segment value tables for the collector.
    tables: TableCache,
    /// Serialises [`crate::rebuild`] and [`crate::catch_up`], so that they never
    /// interleave and `applied_seq` only moves with what was applied.
    pub(crate) follow_lock: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for JobIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JobIndex")
            .field("num_docs", &self.num_docs())
            .field("applied_seq", &self.applied_seq())
            .finish()
    }
}

impl JobIndex {
    /// An empty index in memory.
    pub fn in_ram() -> Result<Self, SearchError> {
        let (schema, _) = Fields::schema();
        Self::from_tantivy(Index::create_in_ram(schema), Position::default(), None)
    }

    /// Wraps a tantivy index whose schema is [`job_schema`] (the caller checked), at
    /// `position` (from its last commit), living in `dir` (`None`: in memory). Takes the
    /// writer lock: with `dir`, another process holding it is [`SearchError::InUse`].
    pub(crate) fn from_tantivy(
        mut index: Index,
        position: Position,
        dir: Option<PathBuf>,
    ) -> Result<Self, SearchError> {
        let (_, fields) = Fields::schema();
        index.set_multithread_executor(search_threads())?;
        index
            .tokenizers()
            .register(ANALYZER, german_index_analyzer());
        let writer = index
            .writer(WRITER_MEMORY_BYTES)
            .map_err(|e| persist::writer_error(e, dir.as_deref()))?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(JobIndex {
            reader,
            writer: Mutex::new(writer),
            fields,
            applied_seq: AtomicI64::new(position.applied_seq),
            position: Mutex::new(position),
            dir,
            tables: TableCache::default(),
            follow_lock: tokio::sync::Mutex::new(()),
        })
    }

    /// Adds jobs or replaces them (by id); commits, so that a following search sees them.
    pub fn upsert(&self, jobs: &[Job]) -> Result<(), SearchError> {
        self.apply(jobs, &[])
    }

    /// Removes jobs by id (unknown ids are ignored); commits.
    pub fn remove(&self, ids: &[i64]) -> Result<(), SearchError> {
        self.apply(&[], ids)
    }

    /// Removes `remove`, then adds or replaces `upsert`, in one commit: a search sees all
    /// of it or none of it.
    pub fn apply(&self, upsert: &[Job], remove: &[i64]) -> Result<(), SearchError> {
        if upsert.is_empty() && remove.is_empty() {
            return Ok(());
        }
        self.apply_with(upsert, remove, Progress::Unchanged)
    }

    /// [`Self::apply`], recording `progress` in the same commit; commits even when there
    /// is nothing to change, so that the position is recorded.
    pub(crate) fn apply_with(
        &self,
        upsert: &[Job],
        remove: &[i64],
        progress: Progress,
    ) -> Result<(), SearchError> {
        self.write(progress, |writer, fields| {
            for id in remove {
                writer.delete_term(Term::from_field_i64(fields.id, *id));
            }
            for job in upsert {
                writer.delete_term(Term::from_field_i64(fields.id, job.id));
                if searchable(job) {
                    writer.add_document(fields.document(job))?;
                }
            }
            Ok(())
        })
    }

    /// Replaces every job with an id in `(after, upto]` (`upto` unbounded: every id above
    /// `after`) by `jobs`, in one commit that records `progress`. Used by
    /// [`crate::rebuild`], which pages through the store by id: jobs that are gone from
    /// the store disappear from the index too.
    pub(crate) fn replace_id_range(
        &self,
        after: i64,
        upto: Option<i64>,
        jobs: &[Job],
        progress: Progress,
    ) -> Result<(), SearchError> {
        self.write(progress, |writer, fields| {
            queue_id_range(writer, fields, after, upto, jobs)
        })
    }

    /// [`Self::replace_id_range`] without the commit: the operations wait in the writer
    /// (and are indexed in the background) until the next commit, which makes them
    /// visible with that commit's position. Lets [`crate::rebuild`] read the next page
    /// from the store while tantivy indexes this one.
    pub(crate) fn stage_id_range(
        &self,
        after: i64,
        upto: Option<i64>,
        jobs: &[Job],
    ) -> Result<(), SearchError> {
        let mut writer = self.lock_writer();
        if let Err(e) = queue_id_range(&writer, &self.fields, after, upto, jobs) {
            if let Err(rollback) = writer.rollback() {
                tracing::error!(error = %rollback, "search index rollback failed");
            }
            return Err(e.into());
        }
        Ok(())
    }

    /// Runs `ops` on the writer and commits, recording the position that `progress`
    /// leads to in the commit's payload (so that, on disk, documents and position move
    /// together); rolls back on failure. Reloads the reader before the writer lock is
    /// released, so searches see commits in order; [`Self::applied_seq`] moves after the
    /// reload, so whoever sees it move also finds the documents.
    fn write(
        &self,
        progress: Progress,
        ops: impl FnOnce(&IndexWriter, &Fields) -> tantivy::Result<()>,
    ) -> Result<(), SearchError> {
        let mut writer = self.lock_writer();
        let mut position = self.position.lock().unwrap_or_else(PoisonError::into_inner);
        let next = progress.after(&position);
        let result = ops(&writer, &self.fields).and_then(|()| persist::commit(&mut writer, &next));
        if let Err(e) = result {
            if let Err(rollback) = writer.rollback() {
                tracing::error!(error = %rollback, "search index rollback failed");
            }
            return Err(e.into());
        }
        *position = next;
        self.reader.reload()?;
        self.applied_seq
            .store(position.applied_seq, Ordering::SeqCst);
        Ok(())
    }

    /// Commits nothing but `progress` (e.g. the first payload of a new index).
    pub(crate) fn record(&self, progress: Progress) -> Result<(), SearchError> {
        self.write(progress, |_, _| Ok(()))
    }

    /// Removes every job in one commit (dropping every segment) and goes back to
    /// position 0 with no complete build, as a new index. `bleibe reindex` starts here,
    /// so that the rebuilt index shares nothing with the old one.
    pub fn clear(&self) -> Result<(), SearchError> {
        self.write(Progress::Emptied, |writer, _| {
            writer.delete_all_documents().map(|_| ())
        })
    }

    /// What the last commit recorded.
    pub(crate) fn position(&self) -> Position {
        self.position
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The folder the index lives in; `None` for an index in memory.
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Closes the index, first waiting for tantivy's background segment merges to finish
    /// (dropping it instead abandons them; the next writer merges again). For tools such
    /// as `bleibe reindex` that exit after writing, so the folder is left compact.
    pub fn close(self) -> Result<(), SearchError> {
        let writer = self
            .writer
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        writer.wait_merging_threads()?;
        Ok(())
    }

    fn lock_writer(&self) -> MutexGuard<'_, IndexWriter> {
        // A panic while holding the lock leaves at most uncommitted operations behind,
        // which the next commit or rollback settles; the writer itself stays usable.
        self.writer.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Number of jobs in the index (as of the last commit).
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// The last change log sequence number applied (0 before anything was). For an index
    /// opened from a folder, what its last commit recorded.
    pub fn applied_seq(&self) -> i64 {
        self.applied_seq.load(Ordering::SeqCst)
    }

    /// Searches: jobs open on `today` that match the text and every filter, in the
    /// requested order and page, with total and disjunctive facet counts.
    ///
    /// Typo tolerance: when the text's exact terms match no job at all (whatever the
    /// filters), the search runs once more with every word of at least
    /// five characters allowed one edit (a transposition counting as one).
    pub fn search(&self, q: &JobQuery, today: NaiveDate) -> Result<SearchResults, SearchError> {
        let text_query = q.text.as_deref().and_then(|t| self.text_query(t));
        let plan = Plan::new(q, today, text_query.is_some())?;
        let searcher = self.reader.searcher();
        let tables = self.tables.tables(&searcher)?;
        let collector = |plan: Plan| JobCollector::new(plan, tables.clone());
        let Some(query) = text_query else {
            let harvest = collector(plan).collect_split(&searcher, None)?;
            return Ok(harvest.into_results(q));
        };
        let results = collector(plan.clone())
            .collect_split(&searcher, Some(&*query))?
            .into_results(q);
        // Only when the words themselves are unknown, not when filters removed every hit.
        if results.total > 0 || searcher.search(&*query, &Count)? > 0 {
            return Ok(results);
        }
        let text = q.text.as_deref().unwrap_or_default();
        match self.fuzzy_text_query(&searcher, text)? {
            Some(fuzzy) => Ok(collector(plan)
                .collect_split(&searcher, Some(&*fuzzy))?
                .into_results(q)),
            None => Ok(results),
        }
    }

    /// One required clause: any of `terms` (with `fuzzy`, the first also within one
    /// edit) in the job's text (title, employer, place, description; see
    /// [`Fields::document`] for their weights).
    fn term_clause(&self, terms: &[String], fuzzy: bool) -> (Occur, Box<dyn Query>) {
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> = terms
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let term = Term::from_field_text(self.fields.text, t);
                let q: Box<dyn Query> = if fuzzy && i == 0 {
                    Box::new(FuzzyTermQuery::new(term, 1, true))
                } else {
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
                };
                (Occur::Should, q)
            })
            .collect();
        let clause: Box<dyn Query> = if alternatives.len() == 1 {
            alternatives.remove(0).1
        } else {
            Box::new(BooleanQuery::new(alternatives))
        };
        (Occur::Must, clause)
    }

    /// Every analysed term is required; each may match in any text field, the title
    /// counting most. `None` when no term survives analysis.
    fn text_query(&self, text: &str) -> Option<Box<dyn Query>> {
        let mut terms = analyze(text);
        let mut seen = std::collections::HashSet::new();
        terms.retain(|t| seen.insert(t.clone()));
        terms.truncate(MAX_QUERY_TERMS);
        if terms.is_empty() {
            return None;
        }
        let clauses = terms
            .iter()
            .map(|term| self.term_clause(std::slice::from_ref(term), false))
            .collect();
        Some(Box::new(BooleanQuery::new(clauses)))
    }

    /// The typo-tolerant variant of [`Self::text_query`]: every word of at least
    /// [`MIN_FUZZY_CHARS`] characters matches its analysed (folded, stemmed) term within
    /// one edit (a transposition counting as one), and also every indexed term that a
    /// one-edit variant of the unstemmed word is analysed to (so "Mechatronikr" meets
    /// "Mechatroniker", whose stem is three edits away from the typo's); shorter words
    /// stay exact. `None` when no word is long enough (the retry would change nothing).
    fn fuzzy_text_query(
        &self,
        searcher: &Searcher,
        text: &str,
    ) -> Result<Option<Box<dyn Query>>, SearchError> {
        let mut seen = std::collections::HashSet::new();
        let mut clauses = Vec::new();
        let mut any_fuzzy = false;
        for word in query_words(text) {
            let Some(stem) = analyze(&word).into_iter().next() else {
                continue;
            };
            if !seen.insert(stem.clone()) {
                continue;
            }
            if clauses.len() == MAX_QUERY_TERMS {
                break;
            }
            if word.chars().count() < MIN_FUZZY_CHARS {
                clauses.push(self.term_clause(&[stem], false));
                continue;
            }
            any_fuzzy = true;
            let mut terms = vec![stem.clone()];
            // Analysed in one go (the query analysis maps each word to at most one
            // term); a variant whose stem is indexed joins the alternatives, since a
            // word's stem and a misspelling's stem can drift more than one edit apart
            // ("Mechatronikr").
            let mut variants = one_edit_variants(&word);
            variants.sort_unstable();
            variants.dedup();
            let mut stems = analyze(&variants.join(" "));
            stems.sort_unstable();
            stems.dedup();
            for variant in stems {
                if variant != stem
                    && searcher.doc_freq(&Term::from_field_text(self.fields.text, &variant))? > 0
                {
                    terms.push(variant);
                }
            }
            clauses.push(self.term_clause(&terms, true));
        }
        if !any_fuzzy {
            return Ok(None);
        }
        Ok(Some(Box::new(BooleanQuery::new(clauses))))
    }
}

/// Words of at least this many characters may match with one edit in the fallback.
pub(crate) const MIN_FUZZY_CHARS: usize = 5;

/// Every string one edit (deletion, insertion or substitution of a letter a–z, or
/// transposition of neighbours) away from `word`.
fn one_edit_variants(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    let mut out = Vec::new();
    let make = |v: Vec<char>| v.into_iter().collect::<String>();
    for i in 0..n {
        let mut v = chars.clone();
        v.remove(i);
        out.push(make(v));
        if i + 1 < n {
            let mut v = chars.clone();
            v.swap(i, i + 1);
            out.push(make(v));
        }
    }
    for c in 'a'..='z' {
        for i in 0..=n {
            let mut v = chars.clone();
            v.insert(i, c);
            out.push(make(v));
            if i < n && chars[i] != c {
                let mut v = chars.clone();
                v[i] = c;
                out.push(make(v));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn occupation_codes_encode_by_digit() {
        assert_eq!(encode_occupation("26"), Some(0x37000));
        assert_eq!(encode_occupation("26112"), Some(0x37223));
        assert_eq!(encode_occupation("0"), Some(0x10000));
        assert_eq!(encode_occupation(""), None);
        assert_eq!(encode_occupation("261123"), None);
        assert_eq!(encode_occupation("2a"), None);
    }
}
