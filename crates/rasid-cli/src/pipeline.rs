//! Reading inputs in batches for the commands, reporting unreadable ones.

use rasid_docs::{Document, Input, Reader, ReaderOptions};

/// Reads documents in batches of `size`, reporting unreadable inputs on
/// stderr; returns how many failed.
pub(crate) fn for_each_batch(
    paths: &[String],
    max_document_bytes: u64,
    size: usize,
    mut f: impl FnMut(Vec<Document>) -> anyhow::Result<()>,
) -> anyhow::Result<usize> {
    let inputs: Vec<Input> = paths.iter().map(|p| Input::parse(p)).collect();
    let reader = Reader::new(ReaderOptions { max_document_bytes });
    let mut failed = 0;
    let mut batch = Vec::with_capacity(size);
    for item in reader.read(&inputs) {
        match item {
            Ok(document) => batch.push(document),
            Err(e) => {
                eprintln!("rasid: {e}");
                failed += 1;
            }
        }
        if batch.len() >= size {
            f(std::mem::take(&mut batch))?;
        }
    }
    if !batch.is_empty() {
        f(batch)?;
    }
    Ok(failed)
}
