//! One write transaction: documents and claims stored, and the queries that
//! incremental linking asks of the store, all committed together or not at
//! all. A batch of documents is stored and its claims linked inside one
//! [`Batch`], so a crash, a kill or an error at any point leaves the store
//! before the batch or after it, with every stored claim in an incident.
//!
//! The queries are plain lookups on indexed columns: documents sharing a
//! near-duplicate band key (`document_bands`), incidents filed under a
//! linking key (`incident_keys`: a country, a place key and a period), the
//! incidents and claims of given documents. What the keys and profiles mean
//! is rasid-link's business; the store keeps them as given.

use std::collections::BTreeSet;
use std::ops::ControlFlow;
use std::path::Path;

use rasid_docs::Document;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;

use crate::columns::{ClaimColumns, IncidentColumns};
use crate::store::{ingest_document, integer, read_documents, Written};
use crate::{IngestReport, Outcome, Progress, StoreError};

/// An open write transaction on a store; see the [module](self) and
/// [`crate::Store::begin`]. Dropped without [`Batch::commit`], it rolls back.
#[derive(Debug)]
pub struct Batch<'s> {
    transaction: Transaction<'s>,
    path: &'s Path,
}

/// What [`Batch::ingest`] wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ingested {
    /// The counts.
    pub report: IngestReport,
    /// The documents added or updated (unchanged ones are left out).
    pub changed: Vec<ChangedDocument>,
    /// Incidents that held claims of updated documents' earlier versions
    /// (those claims are gone), sorted, distinct.
    pub orphaned: Vec<String>,
}

/// A document that [`Batch::ingest`] added or updated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedDocument {
    /// Its position in the batch.
    pub index: usize,
    /// Added or updated.
    pub outcome: Outcome,
    /// The rowids of its claims, in order.
    pub claim_ids: Vec<i64>,
}

/// A document's near-duplicate signature as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSignature {
    /// The document.
    pub doc: String,
    /// The MinHash signature, as given to [`Batch::put_signature`].
    pub signature: Vec<u8>,
    /// Its band keys.
    pub bands: Vec<i64>,
    /// The report it belongs to: the smallest id of its near-duplicates.
    pub report: String,
}

/// A stored claim with where it is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredClaim {
    /// Its rowid (stable while its document is unchanged).
    pub rowid: i64,
    /// Its document.
    pub doc: String,
    /// Its position among its document's claims.
    pub ordinal: usize,
    /// The claim record.
    pub json: String,
}

/// One entry of the linking index: a country, a place key, a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IndexKey<'a> {
    /// ISO 3166 country code.
    pub country: &'a str,
    /// Where (a hash of a name, a grid cell or a governorate).
    pub key: i64,
    /// When (a week, month or year number, or "undated").
    pub period: i64,
}

/// An incident's record and computed columns, ready to write.
struct Record {
    json: String,
    event_types: String,
    best: Option<i64>,
    low: Option<i64>,
    high: Option<i64>,
}

/// Where [`Batch::documents_in_linking_order`] goes on from: the last
/// document's publication date and id.
pub type Cursor = (Option<String>, String);

fn words_to_bytes(words: &[i64]) -> Vec<u8> {
    words.iter().flat_map(|w| w.to_le_bytes()).collect()
}

fn bytes_to_words(bytes: &[u8]) -> Vec<i64> {
    bytes
        .chunks_exact(8)
        .map(|c| i64::from_le_bytes(c.try_into().expect("chunks of 8 bytes")))
        .collect()
}

fn ordinal_of(value: i64) -> rusqlite::Result<usize> {
    usize::try_from(value).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(1, value))
}

impl<'s> Batch<'s> {
    pub(crate) fn new(transaction: Transaction<'s>, path: &'s Path) -> Batch<'s> {
        Batch { transaction, path }
    }

    /// The database file.
    #[must_use]
    pub fn path(&self) -> &Path {
        self.path
    }

    fn sql(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sql {
            path: self.path.to_path_buf(),
            source,
        }
    }

    /// Makes everything written through the batch visible, at once.
    ///
    /// # Errors
    /// When the commit fails; the store is then as it was before the batch.
    pub fn commit(self) -> Result<(), StoreError> {
        let path = self.path.to_path_buf();
        self.transaction
            .commit()
            .map_err(|source| StoreError::Sql { path, source })
    }

    /// Stores documents with their claims (see [`crate::Store::ingest_batch`]
    /// for what counts as unchanged or updated), calling `on_document` after
    /// each; a [`ControlFlow::Break`] stops with [`StoreError::Aborted`] (and
    /// the caller drops the batch).
    ///
    /// # Errors
    /// As [`crate::Store::ingest_batch`], and [`StoreError::Aborted`].
    pub fn ingest<C, F>(
        &self,
        batch: &[(Document, Vec<C>)],
        on_document: &mut F,
    ) -> Result<Ingested, StoreError>
    where
        C: Serialize + ClaimColumns,
        F: FnMut(&Progress<'_>) -> ControlFlow<()>,
    {
        let mut ingested = Ingested::default();
        let mut orphaned = BTreeSet::new();
        for (index, (document, claims)) in batch.iter().enumerate() {
            let Written {
                outcome,
                claim_ids,
                orphaned: lost,
            } = ingest_document(&self.transaction, self.path, document, claims)?;
            match outcome {
                Outcome::Added => ingested.report.added += 1,
                Outcome::Updated => ingested.report.updated += 1,
                Outcome::Unchanged => ingested.report.unchanged += 1,
            }
            if outcome != Outcome::Unchanged {
                ingested.report.claims += claims.len();
                ingested.changed.push(ChangedDocument {
                    index,
                    outcome,
                    claim_ids,
                });
            }
            orphaned.extend(lost);
            let progress = Progress {
                done: index + 1,
                total: batch.len(),
                id: &document.id,
                outcome,
            };
            if on_document(&progress).is_break() {
                return Err(StoreError::Aborted {
                    path: self.path.to_path_buf(),
                    done: index + 1,
                    total: batch.len(),
                });
            }
        }
        ingested.orphaned = orphaned.into_iter().collect();
        Ok(ingested)
    }

    /// Removes a document with its claims and their incident links.
    /// Returns whether it was stored.
    ///
    /// # Errors
    /// When the write fails.
    pub fn remove_document(&self, id: &str) -> Result<bool, StoreError> {
        self.transaction
            .execute("DELETE FROM documents WHERE id = ?1", [id])
            .map(|rows| rows > 0)
            .map_err(|source| self.sql(source))
    }

    /// The stored document count.
    ///
    /// # Errors
    /// When the query fails.
    pub fn document_count(&self) -> Result<usize, StoreError> {
        let count: i64 = self
            .transaction
            .query_row("SELECT count(*) FROM documents", [], |row| row.get(0))
            .map_err(|source| self.sql(source))?;
        Ok(usize::try_from(count).unwrap_or(0))
    }

    /// Up to `limit` documents in linking order (publication date, none
    /// first, then id), after `after`.
    ///
    /// # Errors
    /// When the query fails.
    pub fn documents_in_linking_order(
        &self,
        after: Option<&Cursor>,
        limit: usize,
    ) -> Result<Vec<Document>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        // Undated documents first, by id; then dated ones by (date, id). Both
        // walk the index on (published, id).
        let mut out = match after {
            None | Some((None, _)) => {
                let after_id = after.map_or("", |(_, id)| id.as_str());
                read_documents(
                    &self.transaction,
                    "WHERE published IS NULL AND id > ?1 ORDER BY published, id LIMIT ?2",
                    params![after_id, limit],
                )
                .map_err(|source| self.sql(source))?
            }
            Some(_) => Vec::new(),
        };
        let rest = limit - i64::try_from(out.len()).unwrap_or(0);
        if rest > 0 {
            let (published, id) = match after {
                Some((Some(published), id)) => (published.as_str(), id.as_str()),
                // From the first dated document ('' sorts before any date; the
                // empty id after it).
                _ => ("", ""),
            };
            out.extend(
                read_documents(
                    &self.transaction,
                    "WHERE published IS NOT NULL AND (published, id) > (?1, ?2) \
                     ORDER BY published, id LIMIT ?3",
                    params![published, id, rest],
                )
                .map_err(|source| self.sql(source))?,
            );
        }
        Ok(out.into_iter().map(|d| d.document).collect())
    }

    // ---- near-duplicates -------------------------------------------------

    /// The stored signatures of `docs` (those that have one), in the order given.
    ///
    /// # Errors
    /// When the query fails.
    pub fn signatures(&self, docs: &[String]) -> Result<Vec<StoredSignature>, StoreError> {
        let read = || -> rusqlite::Result<Vec<StoredSignature>> {
            let mut statement = self.transaction.prepare_cached(
                "SELECT signature, bands, report FROM document_signatures WHERE doc_id = ?1",
            )?;
            let mut out = Vec::with_capacity(docs.len());
            for doc in docs {
                let found = statement
                    .query_row([doc], |row| {
                        Ok(StoredSignature {
                            doc: doc.clone(),
                            signature: row.get(0)?,
                            bands: bytes_to_words(&row.get::<_, Vec<u8>>(1)?),
                            report: row.get(2)?,
                        })
                    })
                    .optional()?;
                out.extend(found);
            }
            Ok(out)
        };
        read().map_err(|source| self.sql(source))
    }

    /// The documents filed under any of the band keys, sorted, distinct.
    ///
    /// # Errors
    /// When the query fails.
    pub fn documents_with_bands(&self, keys: &[i64]) -> Result<Vec<String>, StoreError> {
        let read = || -> rusqlite::Result<BTreeSet<String>> {
            let mut statement = self
                .transaction
                .prepare_cached("SELECT doc_id FROM document_bands WHERE key = ?1")?;
            let mut out = BTreeSet::new();
            for key in keys {
                let rows = statement.query_map([key], |row| row.get::<_, String>(0))?;
                for row in rows {
                    out.insert(row?);
                }
            }
            Ok(out)
        };
        read()
            .map(|set| set.into_iter().collect())
            .map_err(|source| self.sql(source))
    }

    /// Keeps a document's signature, band keys and report (replacing what it
    /// had).
    ///
    /// # Errors
    /// When the write fails.
    pub fn put_signature(
        &self,
        doc: &str,
        signature: &[u8],
        bands: &[i64],
        report: &str,
    ) -> Result<(), StoreError> {
        self.remove_signature(doc)?;
        let write = || -> rusqlite::Result<()> {
            self.transaction
                .prepare_cached(
                    "INSERT INTO document_signatures (doc_id, signature, bands, report) \
                     VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![doc, signature, words_to_bytes(bands), report])?;
            let mut band = self.transaction.prepare_cached(
                "INSERT OR IGNORE INTO document_bands (key, doc_id) VALUES (?1, ?2)",
            )?;
            for key in bands {
                band.execute(params![key, doc])?;
            }
            Ok(())
        };
        write().map_err(|source| self.sql(source))
    }

    /// Removes a document's signature and band keys, if any.
    ///
    /// # Errors
    /// When the write fails.
    pub fn remove_signature(&self, doc: &str) -> Result<(), StoreError> {
        let write = || -> rusqlite::Result<()> {
            let bands: Option<Vec<u8>> = self
                .transaction
                .prepare_cached("SELECT bands FROM document_signatures WHERE doc_id = ?1")?
                .query_row([doc], |row| row.get(0))
                .optional()?;
            let Some(bands) = bands else {
                return Ok(());
            };
            let mut remove = self
                .transaction
                .prepare_cached("DELETE FROM document_bands WHERE key = ?1 AND doc_id = ?2")?;
            for key in bytes_to_words(&bands) {
                remove.execute(params![key, doc])?;
            }
            self.transaction
                .prepare_cached("DELETE FROM document_signatures WHERE doc_id = ?1")?
                .execute([doc])?;
            Ok(())
        };
        write().map_err(|source| self.sql(source))
    }

    /// The documents of a report, sorted.
    ///
    /// # Errors
    /// When the query fails.
    pub fn report_members(&self, report: &str) -> Result<Vec<String>, StoreError> {
        let read = || -> rusqlite::Result<Vec<String>> {
            let mut statement = self.transaction.prepare_cached(
                "SELECT doc_id FROM document_signatures WHERE report = ?1 ORDER BY doc_id",
            )?;
            let rows = statement.query_map([report], |row| row.get(0))?;
            rows.collect()
        };
        read().map_err(|source| self.sql(source))
    }

    /// Puts a document in a report.
    ///
    /// # Errors
    /// When the write fails.
    pub fn set_report(&self, doc: &str, report: &str) -> Result<(), StoreError> {
        self.transaction
            .prepare_cached("UPDATE document_signatures SET report = ?2 WHERE doc_id = ?1")
            .and_then(|mut s| s.execute(params![doc, report]))
            .map(|_| ())
            .map_err(|source| self.sql(source))
    }

    // ---- incidents ---------------------------------------------------------

    /// The incidents filed under any of `keys`, sorted, distinct.
    ///
    /// # Errors
    /// When the query fails.
    pub fn incidents_filed_under(&self, keys: &[IndexKey<'_>]) -> Result<Vec<String>, StoreError> {
        let read = || -> rusqlite::Result<BTreeSet<String>> {
            let mut statement = self.transaction.prepare_cached(
                "SELECT incident_id FROM incident_keys WHERE country = ?1 AND key = ?2 AND period = ?3",
            )?;
            let mut out = BTreeSet::new();
            for k in keys {
                let rows = statement.query_map(params![k.country, k.key, k.period], |row| {
                    row.get::<_, String>(0)
                })?;
                for row in rows {
                    out.insert(row?);
                }
            }
            Ok(out)
        };
        read()
            .map(|set| set.into_iter().collect())
            .map_err(|source| self.sql(source))
    }

    /// The linking profiles of incidents (`None` for an incident stored
    /// without one), in the order given; unknown ids are left out.
    ///
    /// # Errors
    /// When the query fails.
    pub fn profiles(&self, ids: &[String]) -> Result<Vec<(String, Option<String>)>, StoreError> {
        let read = || -> rusqlite::Result<Vec<(String, Option<String>)>> {
            let mut statement = self
                .transaction
                .prepare_cached("SELECT profile FROM incidents WHERE id = ?1")?;
            let mut out = Vec::with_capacity(ids.len());
            for id in ids {
                let found: Option<Option<String>> =
                    statement.query_row([id], |row| row.get(0)).optional()?;
                if let Some(profile) = found {
                    out.push((id.clone(), profile));
                }
            }
            Ok(out)
        };
        read().map_err(|source| self.sql(source))
    }

    /// The incidents holding claims of any of `docs`, sorted, distinct.
    ///
    /// # Errors
    /// When the query fails.
    pub fn incidents_of_documents(&self, docs: &[String]) -> Result<Vec<String>, StoreError> {
        let read = || -> rusqlite::Result<BTreeSet<String>> {
            let mut statement = self.transaction.prepare_cached(
                "SELECT DISTINCT l.incident_id FROM claims AS c \
                 JOIN incident_claims AS l ON l.claim_rowid = c.id WHERE c.doc_id = ?1",
            )?;
            let mut out = BTreeSet::new();
            for doc in docs {
                let rows = statement.query_map([doc], |row| row.get::<_, String>(0))?;
                for row in rows {
                    out.insert(row?);
                }
            }
            Ok(out)
        };
        read()
            .map(|set| set.into_iter().collect())
            .map_err(|source| self.sql(source))
    }

    /// The claims linked to an incident, by document then position.
    ///
    /// # Errors
    /// When the query fails.
    pub fn incident_claims(&self, id: &str) -> Result<Vec<StoredClaim>, StoreError> {
        self.query_claims(
            "SELECT c.id, c.doc_id, c.ordinal, c.json FROM incident_claims AS l \
             JOIN claims AS c ON c.id = l.claim_rowid WHERE l.incident_id = ?1 \
             ORDER BY c.doc_id, c.ordinal",
            &[id],
        )
    }

    /// The claims of documents, by document (in the order given) then position.
    ///
    /// # Errors
    /// When the query fails.
    pub fn claims_of_documents(&self, docs: &[String]) -> Result<Vec<StoredClaim>, StoreError> {
        let docs: Vec<&str> = docs.iter().map(String::as_str).collect();
        self.query_claims(
            "SELECT id, doc_id, ordinal, json FROM claims WHERE doc_id = ?1 ORDER BY ordinal",
            &docs,
        )
    }

    fn query_claims(&self, sql: &str, keys: &[&str]) -> Result<Vec<StoredClaim>, StoreError> {
        let read = || -> rusqlite::Result<Vec<StoredClaim>> {
            let mut statement = self.transaction.prepare_cached(sql)?;
            let mut out = Vec::new();
            for key in keys {
                let rows = statement.query_map([key], |row| {
                    Ok(StoredClaim {
                        rowid: row.get(0)?,
                        doc: row.get(1)?,
                        ordinal: ordinal_of(row.get(2)?)?,
                        json: row.get(3)?,
                    })
                })?;
                for row in rows {
                    out.push(row?);
                }
            }
            Ok(out)
        };
        read().map_err(|source| self.sql(source))
    }

    /// The rowid of claim `ordinal` of document `doc`, if stored.
    ///
    /// # Errors
    /// When the query fails.
    pub fn claim_rowid(&self, doc: &str, ordinal: usize) -> Result<Option<i64>, StoreError> {
        // An ordinal beyond i64 cannot name a stored claim.
        let Ok(position) = i64::try_from(ordinal) else {
            return Ok(None);
        };
        self.transaction
            .prepare_cached("SELECT id FROM claims WHERE doc_id = ?1 AND ordinal = ?2")
            .and_then(|mut s| {
                s.query_row(params![doc, position], |row| row.get(0))
                    .optional()
            })
            .map_err(|source| self.sql(source))
    }

    /// Removes incidents with their links and linking keys.
    ///
    /// # Errors
    /// When the write fails.
    pub fn remove_incidents(&self, ids: &[String]) -> Result<(), StoreError> {
        let write = || -> rusqlite::Result<()> {
            let mut statement = self
                .transaction
                .prepare_cached("DELETE FROM incidents WHERE id = ?1")?;
            for id in ids {
                statement.execute([id])?;
            }
            Ok(())
        };
        write().map_err(|source| self.sql(source))
    }

    /// Removes every incident (their links and keys go with them).
    ///
    /// # Errors
    /// When the write fails.
    pub fn clear_incidents(&self) -> Result<(), StoreError> {
        self.transaction
            .execute("DELETE FROM incidents", [])
            .map(|_| ())
            .map_err(|source| self.sql(source))
    }

    /// Removes every incident and every near-duplicate signature: the state
    /// before a full relink.
    ///
    /// # Errors
    /// When the write fails.
    pub fn clear_links(&self) -> Result<(), StoreError> {
        self.transaction
            .execute_batch(
                "DELETE FROM incidents; DELETE FROM document_bands; DELETE FROM document_signatures;",
            )
            .map_err(|source| self.sql(source))
    }

    /// Records that every stored claim is linked by the current rules (after
    /// a full relink).
    ///
    /// # Errors
    /// When the write fails.
    pub fn set_links_fresh(&self) -> Result<(), StoreError> {
        self.transaction
            .execute("DELETE FROM store_state WHERE name = 'links'", [])
            .map(|_| ())
            .map_err(|source| self.sql(source))
    }

    /// The record and the computed columns of an incident, checked.
    fn record<I: Serialize + IncidentColumns>(&self, incident: &I) -> Result<Record, StoreError> {
        let path = self.path;
        let id = incident.id();
        let what = || format!("incident `{id}`");
        let serialize = |what: String, source| StoreError::Serialize {
            path: path.to_path_buf(),
            what,
            source,
        };
        Ok(Record {
            json: serde_json::to_string(incident).map_err(|e| serialize(what(), e))?,
            event_types: serde_json::to_string(&incident.event_types())
                .map_err(|e| serialize(format!("the event types of incident `{id}`"), e))?,
            best: integer(path, incident.best(), || {
                format!("the best estimate of {}", what())
            })?,
            low: integer(path, incident.low(), || {
                format!("the low estimate of {}", what())
            })?,
            high: integer(path, incident.high(), || {
                format!("the high estimate of {}", what())
            })?,
        })
    }

    /// Runs `sql` (an insert or an update of one incident row) with the
    /// row's fifteen values as `?1`…`?15`, in the column order of the
    /// `incidents` table; returns the rows changed.
    fn write_incident_row<I: Serialize + IncidentColumns>(
        &self,
        sql: &str,
        incident: &I,
        profile: Option<&str>,
    ) -> Result<usize, StoreError> {
        let Record {
            json,
            event_types,
            best,
            low,
            high,
        } = self.record(incident)?;
        self.transaction
            .prepare_cached(sql)
            .and_then(|mut statement| {
                statement.execute(params![
                    incident.id(),
                    json,
                    incident.date(),
                    incident.country(),
                    incident.admin1(),
                    incident.place(),
                    incident.lat(),
                    incident.lon(),
                    event_types,
                    best,
                    low,
                    high,
                    incident.disagreement(),
                    incident.scope(),
                    profile,
                ])
            })
            .map_err(|source| self.sql(source))
    }

    /// Writes an incident: its record and indexed columns, its linking
    /// profile, the keys it is filed under and the claims (rowids) it holds.
    ///
    /// # Errors
    /// When the record cannot be serialised, a figure does not fit, the id
    /// is taken, a claim is not stored, or a write fails.
    pub fn insert_incident<I: Serialize + IncidentColumns>(
        &self,
        incident: &I,
        profile: Option<&str>,
        keys: &[IndexKey<'_>],
        claims: &[i64],
    ) -> Result<(), StoreError> {
        let id = incident.id();
        self.write_incident_row(
            "INSERT INTO incidents (id, json, date, country, admin1, place, lat, lon, \
             event_types, best, low, high, disagreement, scope, profile) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            incident,
            profile,
        )?;
        self.file_keys(id, keys)?;
        self.link_claims(id, claims)
    }

    /// Rewrites a stored incident in place (same id): its record, columns and
    /// profile replaced, `keys` and `claims` added to those it had (an
    /// incident that a batch joins only gains keys and claims). Returns
    /// whether it was stored.
    ///
    /// # Errors
    /// As [`Batch::insert_incident`].
    pub fn update_incident<I: Serialize + IncidentColumns>(
        &self,
        incident: &I,
        profile: Option<&str>,
        keys: &[IndexKey<'_>],
        claims: &[i64],
    ) -> Result<bool, StoreError> {
        let id = incident.id();
        let updated = self.write_incident_row(
            "UPDATE incidents SET json = ?2, date = ?3, country = ?4, admin1 = ?5, place = ?6, \
             lat = ?7, lon = ?8, event_types = ?9, best = ?10, low = ?11, high = ?12, \
             disagreement = ?13, scope = ?14, profile = ?15 WHERE id = ?1",
            incident,
            profile,
        )?;
        if updated == 0 {
            return Ok(false);
        }
        self.file_keys(id, keys)?;
        self.link_claims(id, claims)?;
        Ok(true)
    }

    fn file_keys(&self, id: &str, keys: &[IndexKey<'_>]) -> Result<(), StoreError> {
        let write = || -> rusqlite::Result<()> {
            let mut key = self.transaction.prepare_cached(
                "INSERT OR IGNORE INTO incident_keys (country, key, period, incident_id) \
                 VALUES (?1, ?2, ?3, ?4)",
            )?;
            for k in keys {
                key.execute(params![k.country, k.key, k.period, id])?;
            }
            Ok(())
        };
        write().map_err(|source| self.sql(source))
    }

    /// Links claims (rowids) to an incident.
    ///
    /// # Errors
    /// When a claim or the incident is not stored, or the write fails.
    pub fn link_claims(&self, incident: &str, claims: &[i64]) -> Result<(), StoreError> {
        let write = || -> rusqlite::Result<()> {
            let mut link = self.transaction.prepare_cached(
                "INSERT OR IGNORE INTO incident_claims (incident_id, claim_rowid) VALUES (?1, ?2)",
            )?;
            for rowid in claims {
                link.execute(params![incident, rowid])?;
            }
            Ok(())
        };
        write().map_err(|source| self.sql(source))
    }
}
