//! `rasid bench`: end-to-end extraction speed over a corpus generated
//! reproducibly from the bundled sample articles.
//!
//! Document `i` is sample article `(7 i) mod 5` with every figure rewritten by
//! a fixed pseudo-random sequence (so the corpus is the same on every run and
//! machine, and figures vary as they do in real coverage).

use std::io::Write as _;
use std::time::Instant;

use rasid_extract::{Article, Extractor};
use rayon::prelude::*;

const SAMPLES: &[(&str, &str)] = &[
    (
        "2019-07-22",
        include_str!("../../../samples/articles/01_market_strike_local.txt"),
    ),
    (
        "2019-07-23",
        include_str!("../../../samples/articles/02_market_strike_observatory.txt"),
    ),
    (
        "2019-07-22",
        include_str!("../../../samples/articles/03_market_strike_state.txt"),
    ),
    (
        "2019-07-22",
        include_str!("../../../samples/articles/04_market_strike_agency.txt"),
    ),
    (
        "2018-09-03",
        include_str!("../../../samples/articles/05_yemen_hodeidah.txt"),
    ),
];

/// A generated document.
pub(crate) struct Doc {
    pub(crate) id: String,
    pub(crate) published: String,
    pub(crate) text: String,
}

/// The documents of `inputs` (anything `rasid extract` reads), repeated in
/// order until they total at least `bytes` bytes: a benchmark on the user's
/// own news text. Documents that cannot be read are reported and left out.
pub(crate) fn corpus_from(inputs: &[String], bytes: usize) -> anyhow::Result<Vec<Doc>> {
    let inputs: Vec<rasid_docs::Input> =
        inputs.iter().map(|p| rasid_docs::Input::parse(p)).collect();
    let mut read = Vec::new();
    for document in rasid_docs::Reader::default().read(&inputs) {
        match document {
            Ok(d) if !d.text.is_empty() => read.push(d),
            Ok(_) => {}
            Err(e) => eprintln!("rasid: {e}"),
        }
    }
    anyhow::ensure!(
        !read.is_empty(),
        "no document could be read from the corpus"
    );
    let mut docs = Vec::new();
    let mut total = 0;
    for (i, d) in read.iter().cycle().enumerate() {
        if total >= bytes {
            break;
        }
        total += d.text.len();
        docs.push(Doc {
            id: format!("{}#{i}", d.id),
            published: d.published.clone().unwrap_or_default(),
            text: d.text.clone(),
        });
    }
    Ok(docs)
}

/// Documents totalling at least `bytes` bytes.
pub(crate) fn corpus(bytes: usize) -> Vec<Doc> {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut docs = Vec::new();
    let mut total = 0;
    let mut i = 0usize;
    while total < bytes {
        let (published, sample) = SAMPLES[(i * 7) % SAMPLES.len()];
        let mut text = String::with_capacity(sample.len());
        for c in sample.chars() {
            if c.is_ascii_digit() {
                let d = u8::try_from(next() % 10).expect("a digit");
                text.push(char::from(b'0' + d));
            } else {
                text.push(c);
            }
        }
        total += text.len();
        docs.push(Doc {
            id: format!("bench-{i}"),
            published: published.to_owned(),
            text,
        });
        i += 1;
    }
    docs
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// One document as a line of JSON Lines, in the fields `rasid extract` reads.
pub(crate) fn write_document_line(
    out: &mut impl std::io::Write,
    id: &str,
    text: &str,
    outlet: Option<&str>,
    published: Option<&str>,
) -> anyhow::Result<()> {
    serde_json::to_writer(
        &mut *out,
        &serde_json::json!({"id": id, "text": text, "outlet": outlet, "published": published}),
    )?;
    out.write_all(b"\n")?;
    Ok(())
}

/// Writes the corpus as JSON Lines (for timing `rasid extract` from outside).
pub(crate) fn write_corpus(path: &std::path::Path, docs: &[Doc]) -> anyhow::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    for d in docs {
        write_document_line(&mut out, &d.id, &d.text, Some("bench"), Some(&d.published))?;
    }
    out.flush()?;
    Ok(())
}

/// Runs the benchmark and prints a Markdown table.
pub(crate) fn run(
    extractor: &Extractor,
    docs: &[Doc],
    origin: &str,
    threads: &[usize],
    runs: usize,
) -> anyhow::Result<()> {
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    #[allow(clippy::cast_precision_loss)]
    let mb = bytes as f64 / 1e6;
    println!(
        "corpus: {} documents, {:.1} MB ({origin})\n",
        docs.len(),
        mb
    );
    println!("| threads | MB/s (median of {runs}) | documents/s | claims |");
    println!("|---:|---:|---:|---:|");
    let pools = threads
        .iter()
        .map(|&n| rayon::ThreadPoolBuilder::new().num_threads(n).build())
        .collect::<Result<Vec<_>, _>>()?;
    // Runs of the thread counts alternate, so that a slow spell of a shared
    // machine falls on all of them rather than on one.
    let mut speeds = vec![Vec::new(); threads.len()];
    let mut claims = 0;
    for _ in 0..runs.max(1) {
        for (pool, speeds) in pools.iter().zip(&mut speeds) {
            let start = Instant::now();
            claims = pool.install(|| {
                docs.par_iter()
                    .map(|d| {
                        extractor
                            .extract(&Article {
                                id: &d.id,
                                text: &d.text,
                                outlet: Some("bench"),
                                published: Some(&d.published),
                            })
                            .len()
                    })
                    .sum::<usize>()
            });
            speeds.push(mb / start.elapsed().as_secs_f64());
        }
    }
    let mut single = None;
    for (&n, speeds) in threads.iter().zip(speeds) {
        let speed = median(speeds);
        #[allow(clippy::cast_precision_loss)]
        let docs_per_s = speed * docs.len() as f64 / mb;
        let ratio = single.map_or_else(String::new, |s: f64| {
            format!(" ({:.2}× one thread)", speed / s)
        });
        if n == 1 {
            single = Some(speed);
        }
        println!("| {n} | {speed:.1}{ratio} | {docs_per_s:.0} | {claims} |");
    }
    Ok(())
}

/// The text layer alone, on one thread: normalise (with the offset map) and
/// tokenise (with clitic analyses) every document.
pub(crate) fn text_layer(docs: &[Doc], runs: usize) {
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    #[allow(clippy::cast_precision_loss)]
    let mb = bytes as f64 / 1e6;
    let mut speeds = Vec::new();
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        let mut tokens = 0;
        for d in docs {
            let normalized = rasid_text::Normalized::new(&d.text);
            tokens += rasid_text::tokenize(normalized.text()).len();
        }
        std::hint::black_box(tokens);
        speeds.push(mb / start.elapsed().as_secs_f64());
    }
    println!("text layer (normalise + tokenise), one thread: {:.1} MB/s (median of {runs}) over {mb:.1} MB", median(speeds));
}
