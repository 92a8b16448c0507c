use std::collections::HashSet;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rasid_docs::{Document, Origin};
use rusqlite::{
    params, Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior,
};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::batch::Batch;
use crate::columns::{ClaimColumns, IncidentColumns};
use crate::schema::{self, MigrateError, MIGRATIONS};
use crate::StoreError;

/// How long a writer waits for another process's write lock before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// The file name given to a store in memory, in errors.
const IN_MEMORY: &str = ":memory:";

/// Documents, their claims and the incidents derived from them, in one
/// SQLite file. See the [crate] documentation.
#[derive(Debug)]
pub struct Store {
    connection: Connection,
    path: PathBuf,
}

/// What one [`Store::ingest_batch`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct IngestReport {
    /// Documents new to the store.
    pub added: usize,
    /// Documents already stored whose text, metadata or claims changed: their
    /// claims were replaced.
    pub updated: usize,
    /// Documents stored before with the same text, metadata and claims: left as they were.
    pub unchanged: usize,
    /// Claims written (those of added and updated documents).
    pub claims: usize,
}

/// How many rows each table holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Documents.
    pub documents: usize,
    /// Claims.
    pub claims: usize,
    /// Incidents.
    pub incidents: usize,
    /// Links between incidents and claims.
    pub incident_claims: usize,
}

/// A document as stored, with what the store adds to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDocument {
    /// The document as it was ingested.
    pub document: Document,
    /// SHA-256 of the text, lower-case hex.
    pub content_sha256: String,
    /// When this version of the document was written (UTC, RFC 3339).
    pub ingested_at: String,
}

/// What ingesting did with one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// It was new.
    Added,
    /// It replaced a different version.
    Updated,
    /// The same version was stored already.
    Unchanged,
}

/// Where an ingest stands, after each document; see [`Store::ingest_batch_with`].
#[derive(Debug, Clone, Copy)]
pub struct Progress<'a> {
    /// Documents processed so far, this one included.
    pub done: usize,
    /// Documents in the batch.
    pub total: usize,
    /// The id of the document just processed.
    pub id: &'a str,
    /// What was done with it.
    pub outcome: Outcome,
}

impl Store {
    /// Opens the store in the file at `path`, creating it when missing, and
    /// brings its schema up to date.
    ///
    /// The file is put in WAL mode (readers do not block the writer, and a
    /// crash never leaves half a transaction) with foreign keys enforced.
    ///
    /// # Errors
    /// When the file cannot be opened or is not a database ([`StoreError::Open`]),
    /// a migration fails ([`StoreError::Migrate`], the schema is left as it
    /// was) or the file comes from a newer rasid ([`StoreError::TooNew`]).
    pub fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref().to_path_buf();
        match Connection::open(&path) {
            Ok(connection) => Self::set_up(connection, path),
            Err(source) => Err(StoreError::Open { path, source }),
        }
    }

    /// [`Store::open`] for a store that must exist already: a wrong path is
    /// an error, not a new empty store.
    ///
    /// # Errors
    /// [`StoreError::Missing`] when there is no file at `path`; else as
    /// [`Store::open`].
    pub fn open_existing(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref().to_path_buf();
        if !path.is_file() {
            return Err(StoreError::Missing { path });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        match Connection::open_with_flags(&path, flags) {
            Ok(connection) => Self::set_up(connection, path),
            Err(source) => Err(StoreError::Open { path, source }),
        }
    }

    /// Opens an existing store for reading only: nothing is ever written to
    /// the file, so it works on a file the user cannot write, and a wrong
    /// path creates nothing. The schema is not migrated: a store of an older
    /// schema is refused ([`StoreError::Outdated`]) until a writing command
    /// (`rasid relink`) brings it up to date.
    ///
    /// # Errors
    /// [`StoreError::Missing`], [`StoreError::Open`], [`StoreError::TooNew`]
    /// or [`StoreError::Outdated`].
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref().to_path_buf();
        let connection = read_only_connection(&path)?;
        let found: u32 = connection
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(|source| StoreError::Open {
                path: path.clone(),
                source,
            })?;
        let known = schema::version_of(MIGRATIONS);
        if found > known {
            return Err(StoreError::TooNew { path, found, known });
        }
        if found < known {
            return Err(StoreError::Outdated { path, found, known });
        }
        Ok(Store { connection, path })
    }

    /// A store in memory, gone when dropped: for tests and one-off runs.
    ///
    /// # Errors
    /// As [`Store::open`].
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let path = PathBuf::from(IN_MEMORY);
        match Connection::open_in_memory() {
            Ok(connection) => Self::set_up(connection, path),
            Err(source) => Err(StoreError::Open { path, source }),
        }
    }

    fn set_up(mut connection: Connection, path: PathBuf) -> Result<Store, StoreError> {
        let configured = (|| {
            connection.busy_timeout(BUSY_TIMEOUT)?;
            // A store in memory answers `memory`: it has no file to journal.
            let _mode: String =
                connection
                    .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
            // In WAL mode, NORMAL loses no committed transaction on a process
            // crash and keeps the file consistent on a power loss; FULL would
            // add an fsync per commit.
            connection.pragma_update(None, "synchronous", "NORMAL")?;
            connection.pragma_update(None, "foreign_keys", true)
        })();
        if let Err(source) = configured {
            return Err(StoreError::Open { path, source });
        }
        match schema::migrate(&mut connection, MIGRATIONS) {
            Ok(_) => Ok(Store { connection, path }),
            Err(MigrateError::TooNew { found, known }) => {
                Err(StoreError::TooNew { path, found, known })
            }
            // A file that is not a database fails at its first read.
            Err(MigrateError::Step {
                version: 0, source, ..
            }) => Err(StoreError::Open { path, source }),
            Err(MigrateError::Step {
                version,
                name,
                source,
            }) => Err(StoreError::Migrate {
                path,
                version,
                step: name,
                source,
            }),
        }
    }

    /// Sets SQLite's page cache of this connection, in KiB (2 MiB unless
    /// set). Linking reads its index and the near-duplicate bands at
    /// random; on a large store a cache of tens of MiB keeps their upper
    /// pages in memory. A transaction larger than the cache spills its pages
    /// into the write-ahead log before it commits (still all or nothing).
    ///
    /// # Errors
    /// When the setting fails.
    pub fn set_cache_kib(&self, kib: u32) -> Result<(), StoreError> {
        self.connection
            .pragma_update(None, "cache_size", -i64::from(kib))
            .map_err(|source| self.sql(source))
    }

    /// The database file (`:memory:` for a store in memory).
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the file (`PRAGMA user_version`): the number of
    /// migration steps applied.
    ///
    /// # Errors
    /// When the query fails.
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        self.connection
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(|source| self.sql(source))
    }

    /// The schema version this build writes.
    #[must_use]
    pub fn latest_schema_version() -> u32 {
        schema::version_of(MIGRATIONS)
    }

    /// Ingests a batch atomically, in one transaction: either every document
    /// of the batch is written or, on any error, none is.
    ///
    /// A document whose id, text, metadata and claims are stored already is
    /// left unchanged, so ingesting the same batch twice writes nothing the
    /// second time. A document stored with a different text, metadata or
    /// claims (a newer extractor) is updated and its claims replaced; links
    /// from incidents to its old claims go with them, so incidents should be
    /// derived again ([`Store::replace_incidents`]). `origin` is where a
    /// document was read from, not part of it: a document read again from
    /// another file is unchanged.
    ///
    /// # Errors
    /// When a claim cannot be serialised ([`StoreError::Serialize`]), a value
    /// does not fit ([`StoreError::OutOfRange`]) or a write fails
    /// ([`StoreError::Sql`]); the store is then as it was before the call.
    pub fn ingest_batch<C: Serialize + ClaimColumns>(
        &mut self,
        batch: &[(Document, Vec<C>)],
    ) -> Result<IngestReport, StoreError> {
        self.ingest_batch_with(batch, |_| ControlFlow::Continue(()))
    }

    /// [`Store::ingest_batch`], calling `on_document` after each document
    /// (for a progress bar); when it returns [`ControlFlow::Break`] the batch
    /// is rolled back and [`StoreError::Aborted`] returned.
    ///
    /// # Errors
    /// As [`Store::ingest_batch`], and [`StoreError::Aborted`].
    pub fn ingest_batch_with<C, F>(
        &mut self,
        batch: &[(Document, Vec<C>)],
        mut on_document: F,
    ) -> Result<IngestReport, StoreError>
    where
        C: Serialize + ClaimColumns,
        F: FnMut(&Progress<'_>) -> ControlFlow<()>,
    {
        let transaction = self.begin()?;
        let ingested = transaction.ingest(batch, &mut on_document)?;
        transaction.commit()?;
        Ok(ingested.report)
    }

    /// Starts a write transaction: what is written through the [`Batch`]
    /// becomes visible at [`Batch::commit`], all at once; dropped without a
    /// commit (an error, a panic, a killed process) it leaves the store as
    /// it was. Storing a batch of documents and linking its claims go in one.
    ///
    /// # Errors
    /// When the write lock cannot be taken (after a wait of 10 s for another
    /// writer).
    pub fn begin(&mut self) -> Result<Batch<'_>, StoreError> {
        // IMMEDIATE takes the write lock now, not at the first write, so a
        // busy store fails (after BUSY_TIMEOUT) before any work is done.
        match self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
        {
            Ok(transaction) => Ok(Batch::new(transaction, &self.path)),
            Err(source) => Err(StoreError::Sql {
                path: self.path.clone(),
                source,
            }),
        }
    }

    /// Whether the stored incidents need a full relink before incremental
    /// linking can go on: set by the migration of a store from before the
    /// linking index, cleared by a relink.
    ///
    /// # Errors
    /// When the query fails.
    pub fn links_stale(&self) -> Result<bool, StoreError> {
        self.connection
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM store_state WHERE name = 'links' AND value = 'stale')",
                [],
                |row| row.get(0),
            )
            .map_err(|source| self.sql(source))
    }

    /// Removes a document with its claims, their incident links
    /// (foreign keys cascade) and its near-duplicate signature. Returns
    /// whether it was stored. The incidents that held its claims keep their
    /// other claims; `rasid relink` rebuilds them.
    ///
    /// # Errors
    /// When the write fails.
    pub fn remove_document(&mut self, id: &str) -> Result<bool, StoreError> {
        let batch = self.begin()?;
        batch.remove_signature(id)?;
        let removed = batch.remove_document(id)?;
        batch.commit()?;
        Ok(removed)
    }

    /// Every stored document, by id.
    ///
    /// # Errors
    /// When the query fails.
    pub fn documents(&self) -> Result<Vec<StoredDocument>, StoreError> {
        self.query_documents("", [])
    }

    /// The stored document `id`, if any.
    ///
    /// # Errors
    /// When the query fails.
    pub fn document(&self, id: &str) -> Result<Option<StoredDocument>, StoreError> {
        Ok(self
            .query_documents("WHERE id = ?1", [id])?
            .into_iter()
            .next())
    }

    fn query_documents<P: rusqlite::Params>(
        &self,
        filter: &str,
        params: P,
    ) -> Result<Vec<StoredDocument>, StoreError> {
        read_documents(&self.connection, &format!("{filter} ORDER BY id"), params)
            .map_err(|source| self.sql(source))
    }

    /// Every claim record, by document id then position in the document.
    ///
    /// # Errors
    /// When the query fails or a stored record is not JSON.
    pub fn claims(&self) -> Result<Vec<serde_json::Value>, StoreError> {
        self.query_claims(
            "SELECT doc_id, ordinal, json FROM claims ORDER BY doc_id, ordinal",
            [],
        )
    }

    /// The claim records of one document, in order.
    ///
    /// # Errors
    /// As [`Store::claims`].
    pub fn claims_of(&self, doc_id: &str) -> Result<Vec<serde_json::Value>, StoreError> {
        self.query_claims(
            "SELECT doc_id, ordinal, json FROM claims WHERE doc_id = ?1 ORDER BY ordinal",
            [doc_id],
        )
    }

    /// The claim records linked to incident `incident_id`, by document then position.
    ///
    /// # Errors
    /// As [`Store::claims`].
    pub fn claims_of_incident(
        &self,
        incident_id: &str,
    ) -> Result<Vec<serde_json::Value>, StoreError> {
        self.query_claims(
            "SELECT c.doc_id, c.ordinal, c.json FROM incident_claims AS l \
             JOIN claims AS c ON c.id = l.claim_rowid \
             WHERE l.incident_id = ?1 ORDER BY c.doc_id, c.ordinal",
            [incident_id],
        )
    }

    fn query_claims<P: rusqlite::Params>(
        &self,
        sql: &str,
        params: P,
    ) -> Result<Vec<serde_json::Value>, StoreError> {
        let read = || -> rusqlite::Result<Vec<(String, i64, String)>> {
            let mut statement = self.connection.prepare_cached(sql)?;
            let rows =
                statement.query_map(params, |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?;
            rows.collect()
        };
        let rows = read().map_err(|source| self.sql(source))?;
        rows.into_iter()
            .map(|(doc, ordinal, json)| {
                serde_json::from_str(&json).map_err(|source| StoreError::Corrupt {
                    path: self.path.clone(),
                    what: format!("claim {ordinal} of document `{doc}`"),
                    source,
                })
            })
            .collect()
    }

    /// Replaces every incident and every incident–claim link, atomically: on
    /// any error the incidents stored before stay as they were.
    ///
    /// `links` gives, per incident id, the claims it holds as
    /// `(document id, position of the claim in the document)`.
    ///
    /// # Errors
    /// When an incident cannot be serialised, two incidents share an id
    /// ([`StoreError::DuplicateIncident`]), a link names an incident not in
    /// `incidents` ([`StoreError::UnknownIncident`]) or a claim not stored
    /// ([`StoreError::UnknownClaim`]), or a write fails.
    pub fn replace_incidents<I: Serialize + IncidentColumns>(
        &mut self,
        incidents: &[I],
        links: &[(String, Vec<(String, usize)>)],
    ) -> Result<(), StoreError> {
        let batch = self.begin()?;
        let path = batch.path().to_path_buf();
        batch.clear_incidents()?;
        let mut ids = HashSet::with_capacity(incidents.len());
        for incident in incidents {
            let id = incident.id();
            if !ids.insert(id) {
                return Err(StoreError::DuplicateIncident {
                    path,
                    incident: id.to_owned(),
                });
            }
            batch.insert_incident(incident, None, &[], &[])?;
        }
        for (incident, claims) in links {
            if !ids.contains(incident.as_str()) {
                return Err(StoreError::UnknownIncident {
                    path,
                    incident: incident.clone(),
                });
            }
            for (doc, ordinal) in claims {
                let unknown = || StoreError::UnknownClaim {
                    path: path.clone(),
                    incident: incident.clone(),
                    doc: doc.clone(),
                    ordinal: *ordinal,
                };
                let rowid = batch.claim_rowid(doc, *ordinal)?.ok_or_else(unknown)?;
                batch.link_claims(incident, &[rowid])?;
            }
        }
        batch.commit()
    }

    /// Every incident record, in listing order: by date (undated first), then id.
    ///
    /// # Errors
    /// When the query fails or a stored record is not JSON.
    pub fn incidents(&self) -> Result<Vec<serde_json::Value>, StoreError> {
        let read = || -> rusqlite::Result<Vec<(String, String)>> {
            let mut statement = self
                .connection
                .prepare_cached("SELECT id, json FROM incidents ORDER BY date, id")?;
            let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
            rows.collect()
        };
        let rows = read().map_err(|source| self.sql(source))?;
        rows.into_iter()
            .map(|(id, json)| {
                serde_json::from_str(&json).map_err(|source| StoreError::Corrupt {
                    path: self.path.clone(),
                    what: format!("incident `{id}`"),
                    source,
                })
            })
            .collect()
    }

    /// Calls `f` with each incident's stored JSON, in listing order (by
    /// date, undated first, then id), one row at a time: reading a large
    /// store holds one record in memory, not all.
    ///
    /// # Errors
    /// When the query fails, or the first error `f` returns.
    pub fn for_each_incident<E: From<StoreError>>(
        &self,
        mut f: impl FnMut(&str) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut statement = self
            .connection
            .prepare_cached("SELECT json FROM incidents ORDER BY date, id")
            .map_err(|source| self.sql(source))?;
        let mut rows = statement.query([]).map_err(|source| self.sql(source))?;
        while let Some(row) = rows.next().map_err(|source| self.sql(source))? {
            let json = row
                .get_ref(0)
                .and_then(|v| v.as_str().map_err(Into::into))
                .map_err(|source| self.sql(source))?;
            f(json)?;
        }
        Ok(())
    }

    /// How many rows each table holds.
    ///
    /// # Errors
    /// When the query fails.
    pub fn counts(&self) -> Result<Counts, StoreError> {
        let count = |row: &rusqlite::Row<'_>, index: usize| -> rusqlite::Result<usize> {
            let value: i64 = row.get(index)?;
            usize::try_from(value)
                .map_err(|_| rusqlite::Error::IntegralValueOutOfRange(index, value))
        };
        self.connection
            .query_row(
                "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM claims), \
                 (SELECT count(*) FROM incidents), (SELECT count(*) FROM incident_claims)",
                [],
                |row| {
                    Ok(Counts {
                        documents: count(row, 0)?,
                        claims: count(row, 1)?,
                        incidents: count(row, 2)?,
                        incident_claims: count(row, 3)?,
                    })
                },
            )
            .map_err(|source| self.sql(source))
    }

    /// Checks the file: SQLite's `integrity_check` and `foreign_key_check`.
    /// Returns the problems found, none when the store is sound.
    ///
    /// # Errors
    /// When the checks cannot run.
    pub fn check(&self) -> Result<Vec<String>, StoreError> {
        let run = || -> rusqlite::Result<Vec<String>> {
            let mut problems = Vec::new();
            self.connection
                .pragma_query(None, "integrity_check", |row| {
                    let line: String = row.get(0)?;
                    if line != "ok" {
                        problems.push(line);
                    }
                    Ok(())
                })?;
            self.connection
                .pragma_query(None, "foreign_key_check", |row| {
                    let table: String = row.get(0)?;
                    let rowid: Option<i64> = row.get(1)?;
                    let parent: String = row.get(2)?;
                    problems.push(format!(
                        "row {} of `{table}` names a missing row of `{parent}`",
                        rowid.map_or_else(|| "?".to_owned(), |rowid| rowid.to_string())
                    ));
                    Ok(())
                })?;
            Ok(problems)
        };
        run().map_err(|source| self.sql(source))
    }

    fn sql(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sql {
            path: self.path.clone(),
            source,
        }
    }
}

/// What writing one document did.
pub(crate) struct Written {
    pub(crate) outcome: Outcome,
    /// The rowids of its claims, in order (none when unchanged).
    pub(crate) claim_ids: Vec<i64>,
    /// Incidents that held a claim of the document's earlier version.
    pub(crate) orphaned: Vec<String>,
}

/// Writes one document and its claims inside the batch's transaction.
pub(crate) fn ingest_document<C: Serialize + ClaimColumns>(
    transaction: &Transaction<'_>,
    path: &Path,
    document: &Document,
    claims: &[C],
) -> Result<Written, StoreError> {
    let sql = |source| StoreError::Sql {
        path: path.to_path_buf(),
        source,
    };
    let what = |ordinal: usize| format!("claim {ordinal} of document `{}`", document.id);
    let jsons = claims
        .iter()
        .enumerate()
        .map(|(ordinal, claim)| {
            serde_json::to_string(claim).map_err(|source| StoreError::Serialize {
                path: path.to_path_buf(),
                what: what(ordinal),
                source,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let content = hex(&Sha256::digest(document.text.as_bytes()));
    let record = record_digest(document, &jsons);

    let stored: Option<(String, String)> = transaction
        .prepare_cached("SELECT content_sha256, record_sha256 FROM documents WHERE id = ?1")
        .and_then(|mut statement| {
            statement
                .query_row([&document.id], |row| Ok((row.get(0)?, row.get(1)?)))
                .optional()
        })
        .map_err(sql)?;
    let origin_line = integer(path, document.origin.line.map(|line| line as u64), || {
        format!("the line of document `{}`", document.id)
    })?;
    let outcome = match stored {
        Some((stored_content, stored_record))
            if stored_content == content && stored_record == record =>
        {
            return Ok(Written {
                outcome: Outcome::Unchanged,
                claim_ids: Vec::new(),
                orphaned: Vec::new(),
            });
        }
        Some(_) => Outcome::Updated,
        None => Outcome::Added,
    };
    // One statement writes a new document or replaces a changed one.
    transaction
        .prepare_cached(
            "INSERT INTO documents (id, outlet, published, url, lang, text, \
             content_sha256, record_sha256, origin_path, origin_line, ingested_at) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, \
             strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) \
             ON CONFLICT(id) DO UPDATE SET outlet = excluded.outlet, \
             published = excluded.published, url = excluded.url, lang = excluded.lang, \
             text = excluded.text, content_sha256 = excluded.content_sha256, \
             record_sha256 = excluded.record_sha256, origin_path = excluded.origin_path, \
             origin_line = excluded.origin_line, ingested_at = excluded.ingested_at",
        )
        .and_then(|mut statement| {
            statement.execute(params![
                document.id,
                document.outlet,
                document.published,
                document.url,
                document.lang,
                document.text,
                content,
                record,
                document.origin.path,
                origin_line,
            ])
        })
        .map_err(sql)?;
    let mut orphaned = Vec::new();
    if outcome == Outcome::Updated {
        // The incidents of the old claims lose them: the caller relinks.
        let mut statement = transaction
            .prepare_cached(
                "SELECT DISTINCT l.incident_id FROM claims AS c \
                 JOIN incident_claims AS l ON l.claim_rowid = c.id WHERE c.doc_id = ?1 \
                 ORDER BY l.incident_id",
            )
            .map_err(sql)?;
        orphaned = statement
            .query_map([&document.id], |row| row.get(0))
            .and_then(Iterator::collect)
            .map_err(sql)?;
        // The changed document's claims are replaced below.
        transaction
            .prepare_cached("DELETE FROM claims WHERE doc_id = ?1")
            .and_then(|mut statement| statement.execute([&document.id]))
            .map_err(sql)?;
    }

    let mut insert = transaction
        .prepare_cached(
            "INSERT INTO claims (doc_id, ordinal, kind, value_min, value_max, qualifier, grp, \
             source_id, source_surface, scope, span_start, span_end, json) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )
        .map_err(sql)?;
    let mut claim_ids = Vec::with_capacity(claims.len());
    for (ordinal, (claim, json)) in claims.iter().zip(&jsons).enumerate() {
        let (span_start, span_end) = claim.span();
        let value = |value: Option<u64>, name: &str| {
            integer(path, value, || format!("the {name} of {}", what(ordinal)))
        };
        insert
            .execute(params![
                document.id,
                value(Some(ordinal as u64), "position")?,
                claim.kind(),
                value(claim.value_min(), "minimum")?,
                value(claim.value_max(), "maximum")?,
                claim.qualifier(),
                claim.group(),
                claim.source_id(),
                claim.source_surface(),
                claim.scope(),
                value(Some(span_start as u64), "span start")?,
                value(Some(span_end as u64), "span end")?,
                json,
            ])
            .map_err(sql)?;
        claim_ids.push(transaction.last_insert_rowid());
    }
    Ok(Written {
        outcome,
        claim_ids,
        orphaned,
    })
}

/// Documents of `documents` matching `tail` (a WHERE clause, its order and
/// limit), as stored.
pub(crate) fn read_documents<P: rusqlite::Params>(
    connection: &Connection,
    tail: &str,
    params: P,
) -> rusqlite::Result<Vec<StoredDocument>> {
    let sql = format!(
        "SELECT id, outlet, published, url, lang, text, origin_path, origin_line, \
         content_sha256, ingested_at FROM documents {tail}"
    );
    let mut statement = connection.prepare_cached(&sql)?;
    let rows = statement.query_map(params, |row| {
        let line: Option<i64> = row.get(7)?;
        let line = line
            .map(|line| {
                usize::try_from(line).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(7, line))
            })
            .transpose()?;
        Ok(StoredDocument {
            document: Document {
                id: row.get(0)?,
                outlet: row.get(1)?,
                published: row.get(2)?,
                url: row.get(3)?,
                lang: row.get(4)?,
                text: row.get(5)?,
                origin: Origin {
                    path: row.get(6)?,
                    line,
                },
            },
            content_sha256: row.get(8)?,
            ingested_at: row.get(9)?,
        })
    })?;
    rows.collect()
}

/// A read-only connection to the store at `path`, for readers that run their
/// own queries (the server): nothing is written to the file or beside it
/// when that cannot be done. A store in WAL mode needs its shared-memory
/// file; when it is absent and cannot be created (a directory the user
/// cannot write) and no write-ahead log is pending, the file is read as
/// immutable.
///
/// # Errors
/// [`StoreError::Missing`] when there is no file at `path`,
/// [`StoreError::Open`] when it cannot be read.
pub fn read_only_connection(path: &Path) -> Result<Connection, StoreError> {
    if !path.is_file() {
        return Err(StoreError::Missing {
            path: path.to_path_buf(),
        });
    }
    let open_error = |source| StoreError::Open {
        path: path.to_path_buf(),
        source,
    };
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let connection = Connection::open_with_flags(path, flags).map_err(open_error)?;
    connection.busy_timeout(BUSY_TIMEOUT).map_err(open_error)?;
    // The first read opens the WAL index: a failure here is that of -shm.
    let readable = connection.query_row("SELECT count(*) FROM sqlite_schema", [], |row| {
        row.get::<_, i64>(0)
    });
    match readable {
        Ok(_) => Ok(connection),
        Err(first) => {
            let mut wal = path.as_os_str().to_owned();
            wal.push("-wal");
            let pending = std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0);
            if pending {
                return Err(open_error(first));
            }
            let uri = format!("file:{}?mode=ro&immutable=1", uri_path(path));
            let connection = Connection::open_with_flags(uri, flags).map_err(open_error)?;
            connection
                .query_row("SELECT count(*) FROM sqlite_schema", [], |row| {
                    row.get::<_, i64>(0)
                })
                .map_err(|_| open_error(first))?;
            Ok(connection)
        }
    }
}

/// A path as the path part of a `file:` URI (RFC 3986: unreserved bytes and
/// `/` kept, every other byte percent-encoded).
fn uri_path(path: &Path) -> String {
    use std::fmt::Write as _;
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::new();
    for &b in absolute.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// SQLite integers are signed: a value past `i64::MAX` is refused, not wrapped.
pub(crate) fn integer(
    path: &Path,
    value: Option<u64>,
    what: impl FnOnce() -> String,
) -> Result<Option<i64>, StoreError> {
    value
        .map(|value| {
            i64::try_from(value).map_err(|_| StoreError::OutOfRange {
                path: path.to_path_buf(),
                what: what(),
                value,
            })
        })
        .transpose()
}

/// SHA-256 over what decides whether a stored document is unchanged: its
/// metadata, text and claims. Each field is written with its length, so no
/// two different records hash the same input.
fn record_digest(document: &Document, claims: &[String]) -> String {
    let mut hasher = Sha256::new();
    let mut field = |value: Option<&str>| match value {
        None => hasher.update([0]),
        Some(value) => {
            hasher.update([1]);
            hasher.update((value.len() as u64).to_le_bytes());
            hasher.update(value.as_bytes());
        }
    };
    field(document.outlet.as_deref());
    field(document.published.as_deref());
    field(document.url.as_deref());
    field(document.lang.as_deref());
    field(Some(&document.text));
    for claim in claims {
        field(Some(claim));
    }
    hex(&hasher.finalize())
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_is_lower_case_sha256() {
        assert_eq!(
            hex(&Sha256::digest(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn record_digest_separates_fields() {
        let mut a = Document {
            id: "a".into(),
            outlet: Some("ab".into()),
            published: Some("c".into()),
            url: None,
            lang: None,
            text: "نص".into(),
            origin: Origin {
                path: "a.txt".into(),
                line: None,
            },
        };
        let before = record_digest(&a, &[]);
        a.outlet = Some("a".into());
        a.published = Some("bc".into());
        assert_ne!(record_digest(&a, &[]), before, "field boundaries count");
        let claims = ["{}".to_owned()];
        assert_ne!(record_digest(&a, &claims), record_digest(&a, &[]));
        a.origin.path = "elsewhere.txt".into();
        assert_eq!(
            record_digest(&a, &claims),
            record_digest(
                &Document {
                    origin: Origin {
                        path: "a.txt".into(),
                        line: Some(3)
                    },
                    ..a.clone()
                },
                &claims
            ),
            "where a document was read from is not part of it"
        );
    }
}
