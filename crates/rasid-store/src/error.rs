use std::path::PathBuf;

/// What went wrong with a store; every message names the database file
/// (`:memory:` for a store in memory).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The file could not be opened or set up (journal mode, foreign keys).
    #[error("Cannot open the store `{path}`: {source}")]
    Open {
        /// The database file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: rusqlite::Error,
    },
    /// There is no store at the path (and the command does not create one).
    #[error("There is no store at `{path}`: run `rasid ingest --db {path} …` first, or give the right path")]
    Missing {
        /// The path given.
        path: PathBuf,
    },
    /// The store has an older schema and was opened read-only, so it cannot be migrated.
    #[error(
        "The store `{path}` has schema version {found}, older than the {known} this rasid reads: run `rasid relink --db {path}` once to bring it up to date"
    )]
    Outdated {
        /// The database file.
        path: PathBuf,
        /// `PRAGMA user_version` of the file.
        found: u32,
        /// The version this build reads.
        known: u32,
    },
    /// A migration step failed; the store keeps the schema it had.
    #[error("Cannot migrate the store `{path}` to schema version {version} ({step}): {source}")]
    Migrate {
        /// The database file.
        path: PathBuf,
        /// The version the failed step leads to.
        version: u32,
        /// What the step does.
        step: &'static str,
        /// The cause.
        #[source]
        source: rusqlite::Error,
    },
    /// The file was written by a newer rasid, whose schema this one does not know.
    #[error(
        "The store `{path}` has schema version {found}, newer than the {known} this rasid knows: upgrade rasid"
    )]
    TooNew {
        /// The database file.
        path: PathBuf,
        /// `PRAGMA user_version` of the file.
        found: u32,
        /// The newest version this build migrates to.
        known: u32,
    },
    /// A query or a write failed.
    #[error("Store `{path}`: {source}")]
    Sql {
        /// The database file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: rusqlite::Error,
    },
    /// A record could not be turned into JSON; nothing of its batch was written.
    #[error("Cannot store {what} in `{path}`: {source}")]
    Serialize {
        /// The database file.
        path: PathBuf,
        /// Which record, e.g. ``claim 3 of document `a1` ``.
        what: String,
        /// The cause.
        #[source]
        source: serde_json::Error,
    },
    /// A stored JSON record could not be read back.
    #[error("Corrupt record in `{path}` ({what}): {source}")]
    Corrupt {
        /// The database file.
        path: PathBuf,
        /// Which record.
        what: String,
        /// The cause.
        #[source]
        source: serde_json::Error,
    },
    /// A number does not fit SQLite's 64-bit signed integers.
    #[error("Cannot store {what} in `{path}`: {value} is larger than {max}", max = i64::MAX)]
    OutOfRange {
        /// The database file.
        path: PathBuf,
        /// Which value.
        what: String,
        /// The value.
        value: u64,
    },
    /// An incident links a claim that is not stored.
    #[error(
        "Incident `{incident}` links claim {ordinal} of document `{doc}`, which is not in `{path}`"
    )]
    UnknownClaim {
        /// The database file.
        path: PathBuf,
        /// The incident's id.
        incident: String,
        /// The claim's document.
        doc: String,
        /// The claim's position in its document.
        ordinal: usize,
    },
    /// Links name an incident that is not in the replacing set.
    #[error(
        "Links name incident `{incident}`, which is not among the incidents given for `{path}`"
    )]
    UnknownIncident {
        /// The database file.
        path: PathBuf,
        /// The incident's id.
        incident: String,
    },
    /// Two incidents of one replacing set share an id.
    #[error("Incident id `{incident}` is given twice for `{path}`")]
    DuplicateIncident {
        /// The database file.
        path: PathBuf,
        /// The incident's id.
        incident: String,
    },
    /// The progress callback of [`crate::Store::ingest_batch_with`] asked to stop.
    #[error("Ingest into `{path}` stopped after {done} of {total} documents; nothing of the batch was written")]
    Aborted {
        /// The database file.
        path: PathBuf,
        /// Documents processed before the stop (all rolled back).
        done: usize,
        /// Documents in the batch.
        total: usize,
    },
}
