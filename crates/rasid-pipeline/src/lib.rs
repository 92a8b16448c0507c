//! The stages of rasid run together, for the shells (`rasid` and
//! `rasid serve`) to share: extraction of a batch on every core in input
//! order, then storing the batch and linking its claims against the stored
//! incidents in one transaction ([`ingest_batch`]); the full relink of a
//! store ([`relink`]); the stored incidents read back ([`stored_incidents`]).
//!
//! ```
//! use rasid_docs::{Document, Origin};
//! use rasid_extract::Extractor;
//! use rasid_store::Store;
//!
//! let extractor = Extractor::builtin().expect("lexicons load");
//! let mut store = Store::open_in_memory().expect("store opens");
//! let doc = |id: &str, text: &str| Document {
//!     id: id.into(), outlet: Some(format!("Outlet {id}")), published: Some("2020-03-01".into()),
//!     url: None, lang: Some("ar".into()), text: text.into(),
//!     origin: Origin { path: "-".into(), line: None },
//! };
//! let first = doc("d1", "قتل 7 مدنيين في غارة على مدينة أريحا اليوم الأحد، بحسب مصادر طبية.");
//! let report = rasid_pipeline::ingest_batch(&mut store, &extractor, vec![first], |_| {}).expect("stored");
//! assert_eq!((report.ingest.added, report.ingest.claims, report.link.founded), (1, 1, 1));
//! // A second account of the strike joins the stored incident.
//! let second = doc("d2", "قال المرصد السوري إن 9 مدنيين قتلوا في غارة على مدينة أريحا اليوم الأحد.");
//! let report = rasid_pipeline::ingest_batch(&mut store, &extractor, vec![second], |_| {}).expect("stored");
//! assert_eq!((report.link.founded, report.link.joined), (0, 1));
//! let incidents = rasid_pipeline::stored_incidents(&store).expect("read");
//! assert_eq!(incidents.len(), 1);
//! assert_eq!(incidents[0].estimates["killed"].sources, 2);
//! ```

mod linking;

use std::ops::ControlFlow;

use rasid_docs::Document;
use rasid_extract::{Article, Claim, Extractor};
use rasid_link::{DocInfo, Incident, LinkOptions};
use rasid_store::{IngestReport, Progress, Store, StoreError};
use rayon::prelude::*;

pub use linking::{
    link_ingested, relink, signatures, stored_incidents, LinkReport, RelinkProgress, RelinkReport,
    RELINK_CHUNK,
};

/// Why a pipeline step failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PipelineError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A stored claim is not a claim record.
    #[error("a stored claim of `{doc}` does not parse: {source}")]
    Claim {
        /// Its document.
        doc: String,
        /// Why.
        source: serde_json::Error,
    },
    /// A stored incident is not an incident record.
    #[error("a stored incident does not parse: {source}")]
    Incident {
        /// Why.
        source: serde_json::Error,
    },
    /// A stored incident's linking profile does not parse.
    #[error("the linking profile of incident `{incident}` does not parse: {source}")]
    Profile {
        /// The incident.
        incident: String,
        /// Why.
        source: serde_json::Error,
    },
    /// A stored incident has no linking profile: the store was linked by an
    /// older rasid and needs `rasid relink`.
    #[error("incident `{incident}` was linked by an older rasid: run `rasid relink` once")]
    Unlinked {
        /// The incident.
        incident: String,
    },
}

/// The extractor's view of a document.
#[must_use]
pub fn article(d: &Document) -> Article<'_> {
    Article {
        id: &d.id,
        text: &d.text,
        outlet: d.outlet.as_deref(),
        published: d.published.as_deref(),
    }
}

/// The claims of each document, extracted on every core, in input order.
#[must_use]
pub fn extract_batch(extractor: &Extractor, documents: &[Document]) -> Vec<Vec<Claim>> {
    documents
        .par_iter()
        .map(|d| extractor.extract(&article(d)))
        .collect()
}

/// The claims of each document as JSON Lines, extracted and serialised on
/// every core, in input order (serialising is a good part of the work).
#[must_use]
pub fn extract_batch_jsonl(extractor: &Extractor, documents: &[Document]) -> Vec<Vec<u8>> {
    documents
        .par_iter()
        .map(|d| {
            let claims = extractor.extract(&article(d));
            let mut out = Vec::with_capacity(claims.len() * 1024);
            for claim in &claims {
                // Plain data into a Vec: serialising cannot fail.
                if serde_json::to_writer(&mut out, claim).is_ok() {
                    out.push(b'\n');
                }
            }
            out
        })
        .collect()
}

/// Links claims of documents into incidents with the default rules, in
/// memory (no store): what `rasid incidents PATH…` prints.
#[must_use]
pub fn link(claims: Vec<Claim>, documents: &[Document]) -> Vec<Incident> {
    let infos: Vec<DocInfo<'_>> = documents
        .iter()
        .map(|d| DocInfo {
            id: &d.id,
            text: &d.text,
        })
        .collect();
    rasid_link::link(claims, &infos, &LinkOptions::default())
}

/// What [`ingest_batch`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchReport {
    /// Documents and claims stored.
    pub ingest: IngestReport,
    /// Incidents founded and rebuilt.
    pub link: LinkReport,
}

/// Extracts a batch, stores it and links its new claims against the stored
/// incidents, all in one transaction: a crash or an error leaves the store
/// as before the batch, with every stored claim in an incident.
/// `on_document` is told of each stored document (for a progress bar).
///
/// A store whose links are stale (migrated from before the linking index)
/// is relinked first ([`relink`]); callers that want to show that call
/// [`relink`] themselves when [`Store::links_stale`] says so.
///
/// # Errors
/// When the store fails or a stored record does not parse; the batch is
/// then rolled back.
pub fn ingest_batch(
    store: &mut Store,
    extractor: &Extractor,
    documents: Vec<Document>,
    on_document: impl FnMut(&Progress<'_>),
) -> Result<BatchReport, PipelineError> {
    let claims = extract_batch(extractor, &documents);
    let batch: Vec<(Document, Vec<Claim>)> = documents.into_iter().zip(claims).collect();
    store_batch(store, &batch, &LinkOptions::default(), on_document)
}

/// [`ingest_batch`] for documents whose claims are extracted already.
///
/// # Errors
/// As [`ingest_batch`].
pub fn store_batch(
    store: &mut Store,
    batch: &[(Document, Vec<Claim>)],
    options: &LinkOptions,
    mut on_document: impl FnMut(&Progress<'_>),
) -> Result<BatchReport, PipelineError> {
    if store.links_stale()? {
        relink(store, options, |_| {})?;
    }
    let transaction = store.begin()?;
    let ingested = transaction.ingest(batch, &mut |p: &Progress<'_>| {
        on_document(p);
        ControlFlow::Continue(())
    })?;
    let link = link_ingested(&transaction, batch, &ingested, options)?;
    transaction.commit()?;
    Ok(BatchReport {
        ingest: ingested.report,
        link,
    })
}
