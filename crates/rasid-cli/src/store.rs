//! The store as the commands use it: ingest with progress, relink, load.

use std::collections::HashMap;
use std::ops::ControlFlow;
use std::path::Path;

use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rasid_docs::Document;
use rasid_extract::{Claim, Extractor};
use rasid_link::Incident;
use rasid_store::{IncidentColumns, IngestReport, Store};
use serde::Serialize;

use crate::pipeline;

/// An incident as the store indexes it.
#[derive(Serialize)]
#[serde(transparent)]
struct Stored<'a>(&'a Incident);

impl IncidentColumns for Stored<'_> {
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

fn progress_bar() -> ProgressBar {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos} documents ({per_sec}) {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar
}

/// Reads, extracts and stores; every batch is one transaction. Returns the
/// totals and how many inputs could not be read.
pub(crate) fn ingest(
    store: &mut Store,
    extractor: &Extractor,
    paths: &[String],
    max_document_bytes: u64,
    batch_size: usize,
) -> anyhow::Result<(IngestReport, usize)> {
    let bar = progress_bar();
    let mut total = IngestReport::default();
    let failed = pipeline::for_each_batch(paths, max_document_bytes, batch_size, |documents| {
        let claims = pipeline::extract_batch(extractor, &documents);
        let batch: Vec<(Document, Vec<Claim>)> = documents.into_iter().zip(claims).collect();
        let report = store
            .ingest_batch_with(&batch, |p| {
                bar.inc(1);
                let _ = p;
                ControlFlow::Continue(())
            })
            .with_context(|| format!("cannot store into `{}`", store_path(store)))?;
        total.added += report.added;
        total.updated += report.updated;
        total.unchanged += report.unchanged;
        total.claims += report.claims;
        Ok(())
    })?;
    bar.finish_and_clear();
    Ok((total, failed))
}

fn store_path(store: &Store) -> String {
    store.path().display().to_string()
}

/// What the store holds: documents, claims, and each claim's (doc, ordinal).
pub(crate) type Loaded = (Vec<Document>, Vec<Claim>, Vec<(String, usize)>);

/// Every stored document and claim, with each claim's (doc, ordinal).
pub(crate) fn load(store: &Store) -> anyhow::Result<Loaded> {
    let documents: Vec<Document> = store
        .documents()
        .context("cannot read the stored documents")?
        .into_iter()
        .map(|d| d.document)
        .collect();
    let mut ordinals: HashMap<String, usize> = HashMap::new();
    let mut claims = Vec::new();
    let mut keys = Vec::new();
    for value in store.claims().context("cannot read the stored claims")? {
        let claim: Claim =
            serde_json::from_value(value).context("a stored claim does not parse")?;
        let ordinal = ordinals.entry(claim.doc.clone()).or_default();
        keys.push((claim.doc.clone(), *ordinal));
        *ordinal += 1;
        claims.push(claim);
    }
    Ok((documents, claims, keys))
}

/// Links every stored claim anew and replaces the stored incidents.
pub(crate) fn relink(store: &mut Store) -> anyhow::Result<Vec<Incident>> {
    let (documents, claims, keys) = load(store)?;
    let index: HashMap<(String, usize, usize, rasid_lexicon::Kind), (String, usize)> = claims
        .iter()
        .zip(&keys)
        .map(|(c, k)| ((c.doc.clone(), c.span.start, c.span.end, c.kind), k.clone()))
        .collect();
    let incidents = pipeline::link(claims, &documents);
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
    let stored: Vec<Stored<'_>> = incidents.iter().map(Stored).collect();
    store
        .replace_incidents(&stored, &links)
        .context("cannot store the incidents")?;
    Ok(incidents)
}

/// Opens (or creates) the store.
pub(crate) fn open(path: &Path) -> anyhow::Result<Store> {
    Store::open(path).with_context(|| format!("cannot open the store `{}`", path.display()))
}
