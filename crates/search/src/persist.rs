//! The index on disk: a tantivy index in a folder (`<data-dir>/index/`), which records in
//! every commit which change log position of which database its documents reflect, so
//! that a restart catches up from there instead of rebuilding.
//!
//! # What a commit records
//!
//! Every commit carries a payload (tantivy stores it in `meta.json`, written atomically
//! with the commit's documents):
//!
//! ```json
//! {"format": 1001, "applied_seq": 123456, "applied_at": "2026-11-02T07:30:15.123456Z",
//!  "store_id": "5f0c…", "vocabulary": "9a3e…"}
//! ```
//!
//! - `format`: [`INDEX_FORMAT`]; another value means the index was written by a bleibe
//!   with another schema or layout.
//! - `applied_seq`, `applied_at`: the last change log entry applied and its timestamp (the
//!   timestamp tells a change log that was replaced underneath from the one the index
//!   followed).
//! - `store_id`: the database's [`Store::installation_id`]; `null` while the index holds
//!   no complete build (new, or a rebuild is under way or was interrupted).
//! - `vocabulary`: a fingerprint of the compound vocabulary the documents were analysed
//!   with; a changed vocabulary needs a rebuild.
//!
//! # Opening
//!
//! [`JobIndex::open_in_dir`] reuses an index of this format and schema, and otherwise
//! empties the folder and starts a new one ([`Opened`]). [`resume`] then decides: catch up
//! from `applied_seq` when the index was completely built from this very database, else
//! rebuild ([`RebuildReason`]).
//!
//! # One writer
//!
//! tantivy allows one writer per folder, across processes (a lock file): a second
//! `bleibe serve` or a `bleibe reindex` on the same folder gets [`SearchError::InUse`].

use std::fs;
use std::path::{Path, PathBuf};

use bleibe_store::Store;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tantivy::directory::error::LockError;
use tantivy::directory::{MmapDirectory, INDEX_WRITER_LOCK};
use tantivy::{Directory, Index, IndexReader, IndexSettings, IndexWriter, ReloadPolicy};

use crate::error::SearchError;
use crate::follow::{catch_up, rebuild};
use crate::index::{job_schema, JobIndex, SCHEMA_VERSION};

/// Version of what this module writes (payload, folder layout). Bump when that changes.
const LAYOUT_VERSION: u32 = 1;

// `INDEX_FORMAT` keeps the two versions apart only while the schema version is small.
const _: () = assert!(SCHEMA_VERSION < 1000);

/// The `format` every commit of a persisted index records: `1000 × layout version +
/// schema version` (`SCHEMA_VERSION` in the index module). An index with another format is
/// discarded on open and rebuilt.
pub const INDEX_FORMAT: u32 = LAYOUT_VERSION * 1000 + SCHEMA_VERSION;

/// The compound vocabulary the analyzer splits with (the same file the `compound`
/// module embeds): documents analysed with another one need a rebuild.
const VOCABULARY: &str = include_str!("../../../data/compound-parts.txt");

/// FNV-1a (64 bit) of the vocabulary, in hex: stable across builds and toolchains.
fn vocabulary_fingerprint() -> String {
    let hash = VOCABULARY.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

/// Where an index stands: what its last commit recorded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Position {
    /// Last change log entry applied (0: none).
    pub(crate) applied_seq: i64,
    /// Its timestamp (`None` with `applied_seq` 0, or when unknown).
    pub(crate) applied_at: Option<DateTime<Utc>>,
    /// The database the index was completely built from; `None`: no complete build.
    pub(crate) store_id: Option<String>,
}

/// How a commit moves the [`Position`].
#[derive(Debug, Clone)]
pub(crate) enum Progress {
    /// Documents changed outside the change log (or nothing): the position stays.
    Unchanged,
    /// Change log entries up to `seq` (timestamp `at`) are applied.
    Applied {
        /// The last entry applied.
        seq: i64,
        /// Its timestamp.
        at: DateTime<Utc>,
    },
    /// One page of a rebuild: until it finishes, the index is no complete build.
    Partial,
    /// A rebuild finished: the index holds the database as of this position.
    Rebuilt(Position),
    /// Every document was removed: back to the position of a new index.
    Emptied,
}

impl Progress {
    /// The position after a commit with this progress, from `current`.
    pub(crate) fn after(self, current: &Position) -> Position {
        match self {
            Progress::Unchanged => current.clone(),
            Progress::Applied { seq, at } => Position {
                applied_seq: seq,
                applied_at: Some(at),
                store_id: current.store_id.clone(),
            },
            Progress::Partial => Position {
                store_id: None,
                ..current.clone()
            },
            Progress::Rebuilt(position) => position,
            Progress::Emptied => Position::default(),
        }
    }
}

/// The commit payload (see the module documentation).
#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    format: u32,
    applied_seq: i64,
    #[serde(default)]
    applied_at: Option<DateTime<Utc>>,
    store_id: Option<String>,
    vocabulary: String,
}

impl Payload {
    fn of(position: &Position) -> Self {
        Payload {
            format: INDEX_FORMAT,
            applied_seq: position.applied_seq,
            applied_at: position.applied_at,
            store_id: position.store_id.clone(),
            vocabulary: vocabulary_fingerprint(),
        }
    }
}

/// Commits everything the writer holds, with `position` as the payload.
pub(crate) fn commit(writer: &mut IndexWriter, position: &Position) -> tantivy::Result<()> {
    let payload = serde_json::to_string(&Payload::of(position))
        .map_err(|e| tantivy::TantivyError::InternalError(e.to_string()))?;
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&payload);
    prepared.commit()?;
    Ok(())
}

/// What [`JobIndex::open_in_dir`] found in the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    /// No index there yet: a new, empty one was created.
    Created,
    /// An index of this format and schema, reused as it is (its position:
    /// [`JobIndex::applied_seq`]; [`resume`] decides whether it can catch up).
    Existing,
    /// The folder held something unusable (another format or schema, damaged files,
    /// files that are no bleibe index); it was emptied and a new, empty index created.
    Reset {
        /// What was wrong, for the log.
        reason: String,
    },
}

/// The folder's tantivy lock files: never deleted (the lock lives on the file).
const LOCK_FILES: [&str; 2] = [".tantivy-writer.lock", ".tantivy-meta.lock"];

/// The folder's contents, as far as opening goes.
enum Found {
    /// Nothing (or only lock files).
    Nothing,
    /// A usable index and the position it recorded.
    Usable(Index, Position),
    /// Something unusable, and why.
    Unusable(String),
}

impl JobIndex {
    /// Opens the persisted index in `dir` (created if missing; `<data-dir>/index` for
    /// `bleibe serve`), or creates an empty one there, and says which ([`Opened`]).
    ///
    /// An index written by this version (same [`INDEX_FORMAT`], schema and compound
    /// vocabulary) is reused with the position its last commit recorded. Anything else
    /// (another format, a damaged or foreign folder) is deleted, with a warning in the log,
    /// and a new, empty index created; follow with [`resume`], which rebuilds it.
    ///
    /// The folder takes one writer at a time, across processes: when another process
    /// (another `bleibe serve`, a `bleibe reindex`) holds it, the error is
    /// [`SearchError::InUse`] and nothing in the folder is touched.
    pub fn open_in_dir(dir: &Path) -> Result<(JobIndex, Opened), SearchError> {
        let folder_err = |source| SearchError::Folder {
            path: dir.to_path_buf(),
            source,
        };
        fs::create_dir_all(dir).map_err(folder_err)?;
        let directory = MmapDirectory::open(dir).map_err(|e| SearchError::Folder {
            path: dir.to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        })?;
        // Hold the writer lock while looking at (and perhaps emptying) the folder, so that
        // a running instance's index is never touched. Released just before the writer
        // takes it again.
        let guard = directory
            .acquire_lock(&INDEX_WRITER_LOCK)
            .map_err(|e| lock_error(e, dir))?;
        let (index, position, opened) = match inspect(&directory, dir) {
            Found::Usable(index, position) => (index, position, Opened::Existing),
            Found::Nothing => (create(&directory)?, Position::default(), Opened::Created),
            Found::Unusable(reason) => {
                tracing::warn!(
                    dir = %dir.display(),
                    %reason,
                    "discarding the search index folder's contents; the index is rebuilt"
                );
                empty_folder(dir).map_err(folder_err)?;
                let index = create(&directory)?;
                (index, Position::default(), Opened::Reset { reason })
            }
        };
        drop(guard);
        let job_index = JobIndex::from_tantivy(index, position, Some(dir.to_path_buf()))?;
        if opened != Opened::Existing {
            // A first commit with a payload: from now on the folder is a bleibe index
            // (with no complete build yet), not "something unusable".
            job_index.record(Progress::Unchanged)?;
        }
        Ok((job_index, opened))
    }

    /// The database ([`Store::installation_id`]) the index was completely built from, as
    /// its last commit recorded; `None` while it holds no complete build (new, in memory
    /// before a [`crate::rebuild`], or during one).
    pub fn store_id(&self) -> Option<String> {
        self.position().store_id
    }
}

/// Looks at the folder's contents (with the writer lock held).
fn inspect(directory: &MmapDirectory, dir: &Path) -> Found {
    match Index::exists(directory) {
        Ok(true) => {}
        Ok(false) => {
            return match other_files(dir) {
                Ok(files) if files.is_empty() => Found::Nothing,
                Ok(files) => Found::Unusable(format!(
                    "no tantivy index, but other files ({})",
                    files.join(", ")
                )),
                Err(e) => Found::Unusable(format!("cannot list the folder: {e}")),
            };
        }
        Err(e) => return Found::Unusable(format!("unreadable meta.json: {e}")),
    }
    let index = match Index::open(directory.clone()) {
        Ok(index) => index,
        Err(e) => return Found::Unusable(format!("damaged index: {e}")),
    };
    let metas = match index.load_metas() {
        Ok(metas) => metas,
        Err(e) => return Found::Unusable(format!("damaged index: {e}")),
    };
    let Some(payload) = metas.payload else {
        return Found::Unusable("an index without bleibe's commit payload".into());
    };
    let payload: Payload = match serde_json::from_str(&payload) {
        Ok(p) => p,
        Err(e) => return Found::Unusable(format!("unreadable commit payload: {e}")),
    };
    if payload.format != INDEX_FORMAT {
        return Found::Unusable(format!(
            "index format {} (this bleibe writes {INDEX_FORMAT})",
            payload.format
        ));
    }
    if index.schema() != job_schema() {
        return Found::Unusable("another schema under the same format".into());
    }
    if payload.vocabulary != vocabulary_fingerprint() {
        return Found::Unusable("built with another compound vocabulary".into());
    }
    // Opens every segment: missing or truncated files show here.
    let reader: Result<IndexReader, _> = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into();
    if let Err(e) = reader {
        return Found::Unusable(format!("damaged index: {e}"));
    }
    Found::Usable(
        index,
        Position {
            applied_seq: payload.applied_seq,
            applied_at: payload.applied_at,
            store_id: payload.store_id,
        },
    )
}

/// Names of the folder's entries other than tantivy's lock files.
fn other_files(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in fs::read_dir(dir)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if !LOCK_FILES.contains(&name.as_str()) {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}

/// Deletes everything in the folder but the lock files (not following symbolic links).
fn empty_folder(dir: &Path) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if LOCK_FILES.contains(&entry.file_name().to_string_lossy().as_ref()) {
            continue;
        }
        if entry.file_type()?.is_dir() {
            fs::remove_dir_all(entry.path())?;
        } else {
            fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// A new, empty index with the job schema in the (empty) folder.
fn create(directory: &MmapDirectory) -> Result<Index, SearchError> {
    Ok(Index::create(
        directory.clone(),
        job_schema(),
        IndexSettings::default(),
    )?)
}

fn lock_error(e: LockError, dir: &Path) -> SearchError {
    match e {
        LockError::LockBusy => SearchError::InUse {
            dir: dir.to_path_buf(),
        },
        LockError::IoError(io) => SearchError::Folder {
            path: dir.join(&INDEX_WRITER_LOCK.filepath),
            source: std::io::Error::new(io.kind(), io.to_string()),
        },
    }
}

/// Maps an error creating the writer: a busy lock on a folder is [`SearchError::InUse`].
pub(crate) fn writer_error(e: tantivy::TantivyError, dir: Option<&Path>) -> SearchError {
    match (e, dir) {
        (tantivy::TantivyError::LockFailure(LockError::LockBusy, _), Some(dir)) => {
            SearchError::InUse {
                dir: dir.to_path_buf(),
            }
        }
        (e, _) => e.into(),
    }
}

/// Why [`resume`] rebuilt the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RebuildReason {
    /// The index holds no complete build: new, emptied on open, in memory, or a rebuild
    /// was interrupted.
    NotBuilt,
    /// It was built from another database (another [`Store::installation_id`]): another
    /// `--database-url`, a new database, or one filled by `bleibe restore` / `copy`.
    OtherDatabase,
    /// The database's change log does not continue the one the index followed: it ends
    /// before the index's position, or holds another entry there (the database was
    /// replaced underneath, e.g. by `pg_restore` of an older dump).
    ChangeLogDiffers,
    /// More change log entries to apply than the index holds jobs (and at least
    /// 10,000): a rebuild is cheaper than catching up (e.g. after `bleibe seed` or a
    /// large import while no instance ran).
    LongBacklog,
}

impl std::fmt::Display for RebuildReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            RebuildReason::NotBuilt => "the index holds no complete build",
            RebuildReason::OtherDatabase => "the index was built from another database",
            RebuildReason::ChangeLogDiffers => {
                "the database's change log does not continue the one the index followed"
            }
            RebuildReason::LongBacklog => {
                "more changes to apply than the index holds jobs: rebuilding is cheaper"
            }
        })
    }
}

/// What [`resume`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resumed {
    /// The index was rebuilt from the store.
    Rebuilt {
        /// Why a catch-up would not do.
        reason: RebuildReason,
        /// Jobs the index holds now.
        jobs: u64,
    },
    /// The index was built from this database and caught up from its position.
    CaughtUp {
        /// The position it had ([`JobIndex::applied_seq`] before).
        from_seq: i64,
        /// Change log entries applied.
        entries: u64,
    },
}

/// A backlog shorter than this is always caught up, however few jobs the index holds.
const MIN_REBUILD_BACKLOG: i64 = 10_000;

/// Brings an index up to date with the store at start, before the follower
/// ([`crate::spawn_follower`]) takes over: when it was completely built from this very
/// database and the change log continues from its position, [`catch_up`] from there;
/// otherwise [`rebuild`] ([`RebuildReason`] says why; also when the backlog is longer
/// than the index, as a rebuild is cheaper then). An index in memory is always rebuilt.
pub async fn resume(index: &JobIndex, store: &dyn Store) -> Result<Resumed, SearchError> {
    resume_with(index, store, MIN_REBUILD_BACKLOG).await
}

/// [`resume`] with a given minimum backlog for [`RebuildReason::LongBacklog`].
pub(crate) async fn resume_with(
    index: &JobIndex,
    store: &dyn Store,
    min_rebuild_backlog: i64,
) -> Result<Resumed, SearchError> {
    let reason = match stale(index, store, min_rebuild_backlog).await? {
        Some(reason) => reason,
        None => {
            let from_seq = index.applied_seq();
            let entries = catch_up(index, store).await?;
            return Ok(Resumed::CaughtUp { from_seq, entries });
        }
    };
    if index.dir().is_some() {
        tracing::info!(%reason, "rebuilding the search index");
    }
    let jobs = rebuild(index, store).await?;
    Ok(Resumed::Rebuilt { reason, jobs })
}

/// Why the index cannot simply catch up with `store`, if it cannot.
async fn stale(
    index: &JobIndex,
    store: &dyn Store,
    min_rebuild_backlog: i64,
) -> Result<Option<RebuildReason>, SearchError> {
    let position = index.position();
    let Some(built_from) = position.store_id else {
        return Ok(Some(RebuildReason::NotBuilt));
    };
    if built_from != store.installation_id().await? {
        return Ok(Some(RebuildReason::OtherDatabase));
    }
    if position.applied_seq > 0 {
        let here = change_at(store, position.applied_seq).await?;
        if here.is_none() || here != position.applied_at {
            return Ok(Some(RebuildReason::ChangeLogDiffers));
        }
    }
    // Sequence gaps make this an upper bound; good enough to compare costs.
    let backlog = store.latest_change().await? - position.applied_seq;
    let jobs = i64::try_from(index.num_docs()).unwrap_or(i64::MAX);
    if backlog > jobs.max(min_rebuild_backlog) {
        return Ok(Some(RebuildReason::LongBacklog));
    }
    Ok(None)
}

/// The timestamp of change log entry `seq`, if the log holds it.
pub(crate) async fn change_at(
    store: &dyn Store,
    seq: i64,
) -> Result<Option<DateTime<Utc>>, SearchError> {
    if seq <= 0 {
        return Ok(None);
    }
    Ok(store
        .changes_since(seq - 1, 1)
        .await?
        .into_iter()
        .find(|c| c.seq == seq)
        .map(|c| c.at))
}

/// Where `bleibe serve` and `bleibe reindex` keep the index: `<data-dir>/index`.
pub fn index_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("index")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_move_with_progress() {
        let at = DateTime::parse_from_rfc3339("2026-11-02T07:30:15.123456Z")
            .expect("time")
            .with_timezone(&Utc);
        let built = Position {
            applied_seq: 7,
            applied_at: Some(at),
            store_id: Some("db".into()),
        };
        assert_eq!(Progress::Unchanged.after(&built), built);
        let later = at + chrono::Duration::seconds(1);
        assert_eq!(
            Progress::Applied { seq: 9, at: later }.after(&built),
            Position {
                applied_seq: 9,
                applied_at: Some(later),
                store_id: Some("db".into())
            }
        );
        assert_eq!(
            Progress::Partial.after(&built),
            Position {
                store_id: None,
                ..built.clone()
            }
        );
        assert_eq!(
            Progress::Rebuilt(built.clone()).after(&Position::default()),
            built
        );
        assert_eq!(Progress::Emptied.after(&built), Position::default());
    }

    #[test]
    fn the_payload_round_trips() {
        let position = Position {
            applied_seq: 42,
            applied_at: Some(Utc::now()),
            store_id: Some("5f0c".into()),
        };
        let json = serde_json::to_string(&Payload::of(&position)).expect("json");
        let back: Payload = serde_json::from_str(&json).expect("parse");
        assert_eq!(back.format, INDEX_FORMAT);
        assert_eq!(back.applied_seq, 42);
        assert_eq!(back.applied_at, position.applied_at);
        assert_eq!(back.store_id.as_deref(), Some("5f0c"));
        assert_eq!(back.vocabulary, vocabulary_fingerprint());
        assert_eq!(vocabulary_fingerprint().len(), 16);
    }
}
