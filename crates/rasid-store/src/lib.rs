//! The rasid store: documents, their casualty claims and the incidents
//! derived from them, in one embedded SQLite file — no server to install.
//!
//! * **Schema migrations.** [`Store::open`] creates the file when missing and
//!   applies, in one transaction, the migration steps it lacks;
//!   `PRAGMA user_version` counts the steps applied. A file from a newer rasid
//!   is refused ([`StoreError::TooNew`]).
//! * **Atomic batches.** [`Store::ingest_batch`] writes a batch in one
//!   transaction: an error, an abort from the progress callback
//!   ([`Store::ingest_batch_with`]) or a killed process leaves the store as it
//!   was before the batch (WAL mode: a transaction not committed is never seen).
//! * **Idempotent.** A document stored with the same text, metadata and claims
//!   is left unchanged; a changed one has its claims replaced.
//! * **Records as JSON.** Each claim and incident is kept whole as the JSON its
//!   stage writes (fields are added to those records, never renamed), beside
//!   indexed columns for filtering ([`ClaimColumns`], [`IncidentColumns`]). The
//!   store is generic over the record types through serde.
//!
//! * **Linking inside the store.** [`Store::begin`] gives a [`Batch`]: one
//!   write transaction in which a batch is stored and its claims linked, with
//!   the lookups incremental linking needs (documents by near-duplicate band
//!   key, incidents by linking key, the claims and incidents of documents).
//! * **Reading is reading.** [`Store::open_read_only`] never writes, never
//!   creates a file, and reads a file the user cannot write.
//!
//! Tables: `documents` (id, outlet, published, url, lang, text, content and
//! record SHA-256, origin, ingested_at), `claims` (rowid `id`, `doc_id` →
//! documents ON DELETE CASCADE, ordinal, kind, values, qualifier, `grp`, source,
//! scope, span, `json`), `incidents` (id, `json`, date, country, admin1, place,
//! lat, lon, event types, best/low/high, disagreement, scope, linking
//! `profile`), `incident_claims`, `incident_keys` (the linking index),
//! `document_signatures` and `document_bands` (near-duplicates) and
//! `store_state`.
//!
//! ```
//! use rasid_docs::{Document, Origin};
//! use rasid_extract::{Article, Extractor};
//! use rasid_store::Store;
//!
//! let document = Document {
//!     id: "demo-1".into(),
//!     outlet: Some("Demo News".into()),
//!     published: Some("2019-05-02".into()),
//!     url: None,
//!     lang: Some("ar".into()),
//!     text: "قال المرصد السوري إن الغارات أسفرت عن مقتل 12 مدنياً بينهم ثلاثة أطفال.".into(),
//!     origin: Origin { path: "demo.jsonl".into(), line: Some(1) },
//! };
//! let extractor = Extractor::builtin().expect("shipped lexicons load");
//! let claims = extractor.extract(&Article {
//!     id: &document.id,
//!     text: &document.text,
//!     outlet: document.outlet.as_deref(),
//!     published: document.published.as_deref(),
//! });
//! let batch = vec![(document, claims)];
//!
//! let mut store = Store::open_in_memory()?;
//! let report = store.ingest_batch(&batch)?;
//! assert_eq!((report.added, report.claims), (1, 2));
//!
//! // Ingesting the same batch again writes nothing.
//! let again = store.ingest_batch(&batch)?;
//! assert_eq!((again.unchanged, again.claims), (1, 0));
//!
//! let claims = store.claims_of("demo-1")?;
//! assert_eq!(claims[0]["value_min"], 12);
//! assert_eq!(claims[0]["source"]["id"], "sohr");
//! assert_eq!(store.counts()?.claims, 2);
//! # Ok::<(), rasid_store::StoreError>(())
//! ```

mod batch;
mod columns;
mod error;
mod schema;
mod store;

pub use batch::{Batch, ChangedDocument, Cursor, IndexKey, Ingested, StoredClaim, StoredSignature};
pub use columns::{ClaimColumns, IncidentColumns};
pub use error::StoreError;
pub use store::{
    read_only_connection, Counts, IngestReport, Outcome, Progress, Store, StoredDocument,
};
