//! The store as the commands use it: ingest (each batch stored and linked in
//! one transaction), relink with a progress bar, and the read-only reading
//! of stored incidents for `incidents`, `report` and `serve`.

use std::path::Path;

use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rasid_docs::{Document, ReaderOptions};
use rasid_extract::Extractor;
use rasid_link::{Incident, LinkOptions};
use rasid_pipeline::{LinkReport, RelinkReport};
use rasid_store::{IngestReport, Store};

use crate::pipeline;
use crate::summary::Summary;

/// SQLite's page cache for the writing commands: the linking index, the
/// near-duplicate bands and the joined incidents' claims are read at random;
/// at 100,000 documents 256 MiB made the last batch of 10,000 a third
/// faster than 64 MiB (README, "Linking at scale"), within the 1 GB budget.
const CACHE_KIB: u32 = 256 * 1024;

/// What an ingest did, summed over its batches.
#[derive(Debug, Default)]
pub(crate) struct Totals {
    pub(crate) stored: IngestReport,
    pub(crate) linked: LinkReport,
}

/// Reads, extracts, stores and links; every batch is one transaction. Returns
/// the totals and what was read.
pub(crate) fn ingest(
    store: &mut Store,
    extractor: &Extractor,
    paths: &[String],
    options: ReaderOptions,
    batch_size: usize,
) -> anyhow::Result<(Totals, Summary)> {
    relink_if_stale(store)?;
    let bar = pipeline::progress_bar();
    let mut total = Totals::default();
    let summary = pipeline::for_each_batch(paths, options, batch_size, |documents| {
        // The store's errors name its file already.
        let report = rasid_pipeline::ingest_batch(store, extractor, documents, |_| bar.inc(1))
            .context("cannot store the documents")?;
        let (s, l) = (report.ingest, report.link);
        total.stored.added += s.added;
        total.stored.updated += s.updated;
        total.stored.unchanged += s.unchanged;
        total.stored.claims += s.claims;
        total.linked.founded += l.founded;
        total.linked.joined += l.joined;
        total.linked.rebuilt += l.rebuilt;
        total.linked.dissolved += l.dissolved;
        Ok(())
    })?;
    bar.finish_and_clear();
    Ok((total, summary))
}

/// A store migrated from before the linking index is relinked once, before
/// anything is linked into it.
fn relink_if_stale(store: &mut Store) -> anyhow::Result<()> {
    if store.links_stale().context("cannot read the store")? {
        eprintln!(
            "rasid: {} was linked by an older rasid: relinking it once",
            store.path().display()
        );
        relink(store)?;
    }
    Ok(())
}

/// Relinks every stored claim (`rasid relink`), with a progress bar.
pub(crate) fn relink(store: &mut Store) -> anyhow::Result<RelinkReport> {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template(
            "{bar:30} {pos}/{len} documents relinked ({per_sec}, {eta} left)",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    // The store's errors name its file already.
    let report = rasid_pipeline::relink(store, &LinkOptions::default(), |p| {
        bar.set_length(p.total as u64);
        bar.set_position(p.done as u64);
    })
    .context("cannot relink the stored claims")?;
    bar.finish_and_clear();
    Ok(report)
}

/// Opens (or creates) the store for writing. Its error names the file and
/// the cause already ("Cannot open the store `x.db`: …"), so nothing is
/// added to it.
pub(crate) fn open(path: &Path) -> anyhow::Result<Store> {
    let store = Store::open(path)?;
    store.set_cache_kib(CACHE_KIB)?;
    Ok(store)
}

/// Opens a store that must exist, for writing (`relink`).
pub(crate) fn open_existing(path: &Path) -> anyhow::Result<Store> {
    let store = Store::open_existing(path)?;
    store.set_cache_kib(CACHE_KIB)?;
    Ok(store)
}

/// The stored incidents, read from a store opened read-only; with `texts`,
/// also the documents their claims come from (for the report).
pub(crate) fn read(path: &Path, texts: bool) -> anyhow::Result<(Vec<Incident>, Vec<Document>)> {
    let store = Store::open_read_only(path)?;
    let incidents = rasid_pipeline::stored_incidents(&store)
        .with_context(|| format!("cannot read the incidents of `{}`", path.display()))?;
    let mut documents = Vec::new();
    if texts {
        let mut ids: Vec<&str> = incidents
            .iter()
            .flat_map(|i| i.claims.iter().map(|c| c.claim.doc.as_str()))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            if let Some(stored) = store.document(id)? {
                documents.push(stored.document);
            }
        }
    }
    Ok((incidents, documents))
}
