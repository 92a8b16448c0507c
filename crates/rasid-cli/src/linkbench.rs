//! `rasid bench --link`: ingest at scale. Generated documents
//! ([`crate::corpus`]) go into a new store in batches (each extracted, stored
//! and linked in one transaction, as `rasid ingest` does); the table gives
//! documents/s, the time of the first and the last batch, the peak memory of
//! the process and the size of the store on disk.

use std::io::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use rasid_extract::Extractor;

use crate::corpus::Corpus;

/// The peak resident memory of this process, in MiB (Linux `VmHWM`).
fn peak_memory_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

fn size_mib(db: &Path) -> f64 {
    let size = |suffix: &str| {
        let mut path = db.as_os_str().to_owned();
        path.push(suffix);
        std::fs::metadata(path).map_or(0, |m| m.len())
    };
    #[allow(clippy::cast_precision_loss)]
    let mib = (size("") + size("-wal")) as f64 / (1024.0 * 1024.0);
    mib
}

/// Writes documents `0..documents` of the corpus as JSON Lines, in files of
/// `per_file` documents (`PATH`, or for `NAME.jsonl` `NAME.1.jsonl`,
/// `NAME.2.jsonl`, … when more than one).
pub(crate) fn write_corpus(path: &Path, documents: usize, per_file: usize) -> anyhow::Result<()> {
    let corpus = Corpus::new(documents);
    let files = documents.div_ceil(per_file.max(1));
    for file in 0..files {
        let target = if files == 1 {
            path.to_path_buf()
        } else {
            let name = path.to_string_lossy();
            let stem = name.strip_suffix(".jsonl").unwrap_or(&name);
            std::path::PathBuf::from(format!("{stem}.{}.jsonl", file + 1))
        };
        let mut out = std::io::BufWriter::new(
            std::fs::File::create(&target)
                .with_context(|| format!("cannot write `{}`", target.display()))?,
        );
        for i in file * per_file..((file + 1) * per_file).min(documents) {
            let d = corpus.document(i);
            crate::bench::write_document_line(
                &mut out,
                &d.id,
                &d.text,
                d.outlet.as_deref(),
                d.published.as_deref(),
            )?;
        }
        out.flush()?;
    }
    Ok(())
}

/// Ingests `documents` generated documents into a new store at `db` in
/// batches of `batch`, and prints a Markdown table.
pub(crate) fn run(
    extractor: &Extractor,
    db: &Path,
    documents: usize,
    batch: usize,
) -> anyhow::Result<()> {
    anyhow::ensure!(
        !db.exists(),
        "`{}` exists: the benchmark needs a new store",
        db.display()
    );
    let mut store = crate::store::open(db)?;
    let corpus = Corpus::new(documents);
    let batch = batch.max(1);
    let mut times: Vec<Duration> = Vec::new();
    let mut claims = 0;
    let started = Instant::now();
    let mut linking = Duration::ZERO;
    for start in (0..documents).step_by(batch) {
        let docs: Vec<rasid_docs::Document> = (start..(start + batch).min(documents))
            .map(|i| corpus.document(i))
            .collect();
        let n = docs.len();
        let began = Instant::now();
        let report = rasid_pipeline::ingest_batch(&mut store, extractor, docs, |_| {})
            .context("cannot ingest a batch")?;
        let took = began.elapsed();
        linking += took;
        claims += report.ingest.claims;
        times.push(took);
        eprintln!(
            "rasid bench: {} of {documents} documents, batch of {n} in {:.2} s ({} incidents founded, {} joined, {} rebuilt)",
            start + n,
            took.as_secs_f64(),
            report.link.founded,
            report.link.joined,
            report.link.rebuilt,
        );
    }
    let total = started.elapsed();
    let incidents = store.counts()?.incidents;
    drop(store);
    let first = times.first().copied().unwrap_or_default();
    let last = times.last().copied().unwrap_or_default();
    #[allow(clippy::cast_precision_loss)]
    let per_second = documents as f64 / linking.as_secs_f64().max(1e-9);
    println!(
        "| documents | claims | incidents | batches of | documents/s | first batch | last batch | last / first | peak memory | store |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    println!(
        "| {documents} | {claims} | {incidents} | {batch} | {per_second:.0} | {:.2} s | {:.2} s | {:.2}× | {} MiB | {:.0} MiB |",
        first.as_secs_f64(),
        last.as_secs_f64(),
        last.as_secs_f64() / first.as_secs_f64().max(1e-9),
        peak_memory_mib().map_or_else(|| "?".to_owned(), |m| m.to_string()),
        size_mib(db),
    );
    eprintln!(
        "rasid bench: {documents} documents in {:.1} s",
        total.as_secs_f64()
    );
    Ok(())
}
