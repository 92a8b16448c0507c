//! The stages of rasid run together, for the shells (`rasid` and
//! `rasid serve`) to share: extraction of a batch on every core in input
//! order, storing a batch in one transaction, and relinking every stored claim
//! into incidents.
//!
//! ```
//! use rasid_docs::{Document, Origin};
//! use rasid_extract::Extractor;
//! use rasid_store::Store;
//!
//! let extractor = Extractor::builtin().expect("lexicons load");
//! let mut store = Store::open_in_memory().expect("store opens");
//! let doc = Document {
//!     id: "d1".into(), outlet: Some("Outlet".into()), published: Some("2020-03-01".into()),
//!     url: None, lang: Some("ar".into()),
//!     text: "قتل 7 مدنيين في غارة على مدينة أريحا اليوم الأحد، بحسب مصادر طبية.".into(),
//!     origin: Origin { path: "-".into(), line: None },
//! };
//! let report = rasid_pipeline::ingest_batch(&mut store, &extractor, vec![doc], |_| {}).expect("stored");
//! assert_eq!((report.added, report.claims), (1, 1));
//! let incidents = rasid_pipeline::relink(&mut store).expect("linked");
//! assert_eq!(incidents.len(), 1);
//! ```

use std::collections::HashMap;
use std::ops::ControlFlow;

use rasid_docs::Document;
use rasid_extract::{Article, Claim, Extractor};
use rasid_lexicon::Kind;
use rasid_link::{DocInfo, Incident, LinkOptions};
use rasid_store::{IncidentColumns, IngestReport, Progress, Store, StoreError};
use rayon::prelude::*;
use serde::Serialize;

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

/// Links claims of documents into incidents with the default rules.
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

/// Extracts a batch and stores it in one transaction; `on_document` is told
/// of each stored document (for a progress bar).
///
/// # Errors
/// When the store fails; the batch is then rolled back.
pub fn ingest_batch(
    store: &mut Store,
    extractor: &Extractor,
    documents: Vec<Document>,
    mut on_document: impl FnMut(&Progress<'_>),
) -> Result<IngestReport, PipelineError> {
    let claims = extract_batch(extractor, &documents);
    let batch: Vec<(Document, Vec<Claim>)> = documents.into_iter().zip(claims).collect();
    Ok(store.ingest_batch_with(&batch, |p| {
        on_document(p);
        ControlFlow::Continue(())
    })?)
}

/// What the store holds: documents, claims, and each claim's (doc, ordinal).
pub struct Stored {
    /// Every document.
    pub documents: Vec<Document>,
    /// Every claim, by document then ordinal.
    pub claims: Vec<Claim>,
    /// Each claim's (doc, ordinal) key in the store.
    pub keys: Vec<(String, usize)>,
}

/// Every stored document and claim.
///
/// # Errors
/// When the store fails or a stored claim does not parse.
pub fn load(store: &Store) -> Result<Stored, PipelineError> {
    let documents: Vec<Document> = store.documents()?.into_iter().map(|d| d.document).collect();
    let mut ordinals: HashMap<String, usize> = HashMap::new();
    let mut claims = Vec::new();
    let mut keys = Vec::new();
    for value in store.claims()? {
        let doc = value["doc"].as_str().unwrap_or_default().to_owned();
        let claim: Claim =
            serde_json::from_value(value).map_err(|source| PipelineError::Claim { doc, source })?;
        let ordinal = ordinals.entry(claim.doc.clone()).or_default();
        keys.push((claim.doc.clone(), *ordinal));
        *ordinal += 1;
        claims.push(claim);
    }
    Ok(Stored {
        documents,
        claims,
        keys,
    })
}

/// An incident as the store indexes it.
#[derive(Serialize)]
#[serde(transparent)]
struct Indexed<'a>(&'a Incident);

impl IncidentColumns for Indexed<'_> {
    fn id(&self) -> &str {
        &self.0.id
    }
    fn date(&self) -> Option<&str> {
        self.0.date.as_ref().map(|d| d.value.as_str())
    }
    fn country(&self) -> Option<&str> {
        self.0.place.as_ref().map(|p| p.country.as_str())
    }
    fn admin1(&self) -> Option<&str> {
        self.0.place.as_ref().and_then(|p| p.admin1.as_deref())
    }
    fn place(&self) -> Option<&str> {
        self.0.place.as_ref().map(|p| p.name.as_str())
    }
    fn lat(&self) -> Option<f64> {
        self.0.place.as_ref().map(|p| p.lat)
    }
    fn lon(&self) -> Option<f64> {
        self.0.place.as_ref().map(|p| p.lon)
    }
    fn event_types(&self) -> Vec<String> {
        self.0.sub_event_types.clone()
    }
    fn best(&self) -> Option<u64> {
        self.0.estimates.get("killed").and_then(|e| e.best)
    }
    fn low(&self) -> Option<u64> {
        self.0.estimates.get("killed").and_then(|e| e.low)
    }
    fn high(&self) -> Option<u64> {
        self.0.estimates.get("killed").and_then(|e| e.high)
    }
    fn disagreement(&self) -> bool {
        self.0.disagreement
    }
}

/// Links every stored claim anew and replaces the stored incidents
/// (atomically); returns them.
///
/// # Errors
/// When the store fails or a stored claim does not parse.
pub fn relink(store: &mut Store) -> Result<Vec<Incident>, PipelineError> {
    let Stored {
        documents,
        claims,
        keys,
    } = load(store)?;
    let index: HashMap<(String, usize, usize, Kind), (String, usize)> = claims
        .iter()
        .zip(&keys)
        .map(|(c, k)| ((c.doc.clone(), c.span.start, c.span.end, c.kind), k.clone()))
        .collect();
    let incidents = link(claims, &documents);
    let links: Vec<(String, Vec<(String, usize)>)> = incidents
        .iter()
        .map(|i| {
            let members = i
                .claims
                .iter()
                .filter_map(|c| {
                    index
                        .get(&(
                            c.claim.doc.clone(),
                            c.claim.span.start,
                            c.claim.span.end,
                            c.claim.kind,
                        ))
                        .cloned()
                })
                .collect();
            (i.id.clone(), members)
        })
        .collect();
    let indexed: Vec<Indexed<'_>> = incidents.iter().map(Indexed).collect();
    store.replace_incidents(&indexed, &links)?;
    Ok(incidents)
}
