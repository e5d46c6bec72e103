//! The job index: schema, writing (upsert, remove) and searching.

use std::ops::Bound;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use bleibe_domain::text::html_to_text;
use bleibe_domain::Job;
use chrono::NaiveDate;
use tantivy::collector::Count;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, Term};

use crate::analysis::{analyze, german_index_analyzer, query_words, ANALYZER};
use crate::collector::{day_number, JobCollector, Plan};
use crate::error::SearchError;
use crate::query::{JobQuery, SearchResults};

pub(crate) const F_ID: &str = "id";
pub(crate) const F_TITLE: &str = "title";
pub(crate) const F_DESCRIPTION: &str = "description";
pub(crate) const F_EMPLOYER: &str = "employer";
pub(crate) const F_PLACE: &str = "place";
pub(crate) const F_KIND: &str = "kind";
pub(crate) const F_WORKING_TIME: &str = "working_time";
pub(crate) const F_OCCUPATION: &str = "occupation";
pub(crate) const F_LAT: &str = "lat";
pub(crate) const F_LON: &str = "lon";
pub(crate) const F_POSTED_AT: &str = "posted_at";
pub(crate) const F_VALID_THROUGH: &str = "valid_through";

/// Digits of a full KldB 2010 code.
pub(crate) const OCCUPATION_DIGITS: usize = 5;

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

/// The schema's fields.
#[derive(Debug, Clone, Copy)]
struct Fields {
    id: Field,
    title: Field,
    description: Field,
    employer: Field,
    place: Field,
    kind: Field,
    working_time: Field,
    occupation: Field,
    lat: Field,
    lon: Field,
    posted_at: Field,
    valid_through: Field,
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
            title: b.add_text_field(F_TITLE, text.clone()),
            description: b.add_text_field(F_DESCRIPTION, text.clone()),
            employer: b.add_text_field(F_EMPLOYER, text.clone()),
            place: b.add_text_field(F_PLACE, text),
            kind: b.add_u64_field(F_KIND, FAST),
            working_time: b.add_u64_field(F_WORKING_TIME, FAST),
            occupation: b.add_u64_field(F_OCCUPATION, FAST),
            lat: b.add_f64_field(F_LAT, FAST),
            lon: b.add_f64_field(F_LON, FAST),
            posted_at: b.add_i64_field(F_POSTED_AT, FAST),
            valid_through: b.add_i64_field(F_VALID_THROUGH, FAST),
        };
        (b.build(), fields)
    }

    fn document(&self, job: &Job) -> TantivyDocument {
        let d = &job.data;
        let mut doc = TantivyDocument::default();
        doc.add_i64(self.id, job.id);
        doc.add_text(self.title, &d.title);
        doc.add_text(self.description, html_to_text(&d.description));
        doc.add_text(self.employer, &job.employer.name);
        doc.add_text(self.place, &job.place.name);
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
        doc
    }

    /// Text fields and their boosts.
    fn weighted_text(&self) -> [(Field, f32); 4] {
        [
            (self.title, 3.0),
            (self.employer, 1.5),
            (self.place, 1.0),
            (self.description, 1.0),
        ]
    }
}

/// The job search index. Held in memory, derived from the store (see [`crate::rebuild`]
/// and [`crate::catch_up`]). `Send + Sync`: share it as `Arc<JobIndex>`; searches run
/// concurrently, writes are serialised.
pub struct JobIndex {
    reader: IndexReader,
    writer: Mutex<IndexWriter>,
    fields: Fields,
    applied_seq: AtomicI64,
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
        let (schema, fields) = Fields::schema();
        let index = Index::create_in_ram(schema);
        index
            .tokenizers()
            .register(ANALYZER, german_index_analyzer());
        let writer = index.writer(WRITER_MEMORY_BYTES)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(JobIndex {
            reader,
            writer: Mutex::new(writer),
            fields,
            applied_seq: AtomicI64::new(0),
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
        self.write(|writer, fields| {
            for id in remove {
                writer.delete_term(Term::from_field_i64(fields.id, *id));
            }
            for job in upsert {
                writer.delete_term(Term::from_field_i64(fields.id, job.id));
                writer.add_document(fields.document(job))?;
            }
            Ok(())
        })
    }

    /// Replaces every job with an id in `(after, upto]` (`upto` unbounded: every id above
    /// `after`) by `jobs`, in one commit. Used by [`crate::rebuild`], which pages through
    /// the store by id: jobs that are gone from the store disappear from the index too.
    pub(crate) fn replace_id_range(
        &self,
        after: i64,
        upto: Option<i64>,
        jobs: &[Job],
    ) -> Result<(), SearchError> {
        self.write(|writer, fields| {
            let upper = upto.map_or(Bound::Unbounded, |u| {
                Bound::Included(Term::from_field_i64(fields.id, u))
            });
            let lower = Bound::Excluded(Term::from_field_i64(fields.id, after));
            writer.delete_query(Box::new(RangeQuery::new(lower, upper)))?;
            for job in jobs {
                writer.delete_term(Term::from_field_i64(fields.id, job.id));
                writer.add_document(fields.document(job))?;
            }
            Ok(())
        })
    }

    /// Runs `ops` on the writer and commits; rolls back on failure. Reloads the reader
    /// before the writer lock is released, so searches see commits in order.
    fn write(
        &self,
        ops: impl FnOnce(&IndexWriter, &Fields) -> tantivy::Result<()>,
    ) -> Result<(), SearchError> {
        let mut writer = self.lock_writer();
        let result = ops(&writer, &self.fields).and_then(|()| writer.commit().map(|_| ()));
        if let Err(e) = result {
            if let Err(rollback) = writer.rollback() {
                tracing::error!(error = %rollback, "search index rollback failed");
            }
            return Err(e.into());
        }
        self.reader.reload()?;
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

    /// The last change log sequence number applied (0 before anything was).
    pub fn applied_seq(&self) -> i64 {
        self.applied_seq.load(Ordering::SeqCst)
    }

    pub(crate) fn set_applied_seq(&self, seq: i64) {
        self.applied_seq.store(seq, Ordering::SeqCst);
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
        let Some(query) = text_query else {
            let harvest = searcher.search(&AllQuery, &JobCollector::new(plan))?;
            return Ok(harvest.into_results(q.offset));
        };
        let results = searcher
            .search(&*query, &JobCollector::new(plan.clone()))?
            .into_results(q.offset);
        // Only when the words themselves are unknown, not when filters removed every hit.
        if results.total > 0 || searcher.search(&*query, &Count)? > 0 {
            return Ok(results);
        }
        let text = q.text.as_deref().unwrap_or_default();
        match self.fuzzy_text_query(&searcher, text)? {
            Some(fuzzy) => Ok(searcher
                .search(&*fuzzy, &JobCollector::new(plan))?
                .into_results(q.offset)),
            None => Ok(results),
        }
    }

    /// One required clause: any of `terms` (with `fuzzy`, also the first within one
    /// edit) in any text field, weighted per field.
    fn term_clause(&self, terms: &[String], fuzzy: bool) -> (Occur, Box<dyn Query>) {
        let mut per_field: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (field, boost) in self.fields.weighted_text() {
            for (i, term) in terms.iter().enumerate() {
                let term = Term::from_field_text(field, term);
                let q: Box<dyn Query> = if fuzzy && i == 0 {
                    Box::new(FuzzyTermQuery::new(term, 1, true))
                } else {
                    Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))
                };
                let q: Box<dyn Query> = if boost == 1.0 {
                    q
                } else {
                    Box::new(BoostQuery::new(q, boost))
                };
                per_field.push((Occur::Should, q));
            }
        }
        (Occur::Must, Box::new(BooleanQuery::new(per_field)))
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
            let mut variants: Vec<String> = one_edit_variants(&word)
                .iter()
                .filter_map(|v| analyze(v).into_iter().next())
                .filter(|t| *t != stem)
                .collect();
            variants.sort();
            variants.dedup();
            for variant in variants {
                let mut indexed = false;
                for (field, _) in self.fields.weighted_text() {
                    if searcher.doc_freq(&Term::from_field_text(field, &variant))? > 0 {
                        indexed = true;
                        break;
                    }
                }
                if indexed {
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
