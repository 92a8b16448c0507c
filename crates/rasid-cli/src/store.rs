//! The store as the commands use it: ingest with a progress bar.

use std::path::Path;

use anyhow::Context as _;
use rasid_docs::ReaderOptions;
use rasid_extract::Extractor;
use rasid_store::{IngestReport, Store};

use crate::pipeline;
use crate::summary::Summary;

/// Reads, extracts and stores; every batch is one transaction. Returns the
/// totals and what was read.
pub(crate) fn ingest(
    store: &mut Store,
    extractor: &Extractor,
    paths: &[String],
    options: ReaderOptions,
    batch_size: usize,
) -> anyhow::Result<(IngestReport, Summary)> {
    let bar = pipeline::progress_bar();
    let mut total = IngestReport::default();
    let summary = pipeline::for_each_batch(paths, options, batch_size, |documents| {
        // The store's errors name its file already.
        let report = rasid_pipeline::ingest_batch(store, extractor, documents, |_| bar.inc(1))
            .context("cannot store the documents")?;
        total.added += report.added;
        total.updated += report.updated;
        total.unchanged += report.unchanged;
        total.claims += report.claims;
        Ok(())
    })?;
    bar.finish_and_clear();
    Ok((total, summary))
}

/// Opens (or creates) the store. Its error names the file and the cause
/// already ("Cannot open the store `x.db`: …"), so nothing is added to it.
pub(crate) fn open(path: &Path) -> anyhow::Result<Store> {
    Ok(Store::open(path)?)
}
