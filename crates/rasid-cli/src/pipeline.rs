//! Reading inputs in batches for the commands, reporting unreadable ones.

use std::sync::mpsc;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rasid_docs::{Document, Input, Reader, ReaderOptions};

use crate::summary::Summary;

/// Batches read ahead while the current one is extracted.
const READ_AHEAD: usize = 2;

/// A spinner with documents/s on a terminal; nothing when stderr is piped.
pub(crate) fn progress_bar() -> ProgressBar {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos} documents ({per_sec}) {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar
}

/// Reads documents in batches of `size`, reporting each input problem on
/// stderr as it comes; returns what was read, for the summary line.
///
/// With more than one extraction thread, a thread of its own reads (and
/// parses and decompresses) the next batches while `f` works on the current
/// one, so reading does not leave the extraction threads idle; batches still
/// reach `f` in input order.
pub(crate) fn for_each_batch(
    paths: &[String],
    options: ReaderOptions,
    size: usize,
    mut f: impl FnMut(Vec<Document>) -> anyhow::Result<()>,
) -> anyhow::Result<Summary> {
    let inputs: Vec<Input> = paths.iter().map(|p| Input::parse(p)).collect();
    let reader = Reader::new(options);
    if rayon::current_num_threads() == 1 {
        return read_batches(&reader, &inputs, size, &mut f);
    }
    std::thread::scope(|scope| {
        let (send, receive) = mpsc::sync_channel::<Vec<Document>>(READ_AHEAD);
        let reading = scope.spawn(move || {
            // A closed channel means `f` failed: stop reading.
            read_batches(&reader, &inputs, size, &mut |batch| Ok(send.send(batch)?))
        });
        let mut outcome = Ok(());
        for batch in &receive {
            outcome = f(batch);
            if outcome.is_err() {
                break;
            }
        }
        // Dropping the receiver ends the reader at its next batch.
        drop(receive);
        let read = reading.join().expect("the reading thread does not panic");
        outcome?;
        read
    })
}

fn read_batches(
    reader: &Reader,
    inputs: &[Input],
    size: usize,
    f: &mut dyn FnMut(Vec<Document>) -> anyhow::Result<()>,
) -> anyhow::Result<Summary> {
    let mut summary = Summary::default();
    let mut batch = Vec::with_capacity(size);
    for item in reader.read(inputs) {
        match item {
            Ok(document) => {
                summary.document(&document);
                batch.push(document);
            }
            Err(e) => summary.problem(&e),
        }
        if batch.len() >= size {
            f(std::mem::replace(&mut batch, Vec::with_capacity(size)))?;
        }
    }
    if !batch.is_empty() {
        f(batch)?;
    }
    Ok(summary)
}
