//! Ingest throughput, in documents per second: 1,000 news articles (the
//! bundled samples, each made distinct) with the claims the real extractor
//! finds in them, written in one batch to a new file, to memory, and again
//! to a file that holds them already (the idempotent path).
//! Run: `cargo bench -p rasid-store --bench ingest`.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use rasid_docs::{Document, Origin};
use rasid_extract::{Article, Claim, Extractor};
use rasid_store::Store;

const ARTICLES: &[&str] = &[
    include_str!("../../../samples/articles/01_market_strike_local.txt"),
    include_str!("../../../samples/articles/02_market_strike_observatory.txt"),
    include_str!("../../../samples/articles/03_market_strike_state.txt"),
    include_str!("../../../samples/articles/04_market_strike_agency.txt"),
    include_str!("../../../samples/articles/05_yemen_hodeidah.txt"),
];

const DOCUMENTS: usize = 1_000;

fn batch() -> Vec<(Document, Vec<Claim>)> {
    let extractor = Extractor::builtin().expect("shipped lexicons load");
    let claims: Vec<Vec<Claim>> = ARTICLES
        .iter()
        .map(|text| {
            extractor.extract(&Article {
                id: "sample",
                text,
                outlet: Some("Bench Wire"),
                published: Some("2019-07-22"),
            })
        })
        .collect();
    (0..DOCUMENTS)
        .map(|i| {
            let id = format!("bench-{i:05}");
            // Appended, so the claims' spans still point at their bytes.
            let text = format!("{}\nنسخة {i}", ARTICLES[i % ARTICLES.len()]);
            let document = Document {
                id: id.clone(),
                outlet: Some("Bench Wire".to_owned()),
                published: Some("2019-07-22".to_owned()),
                url: Some(format!("https://example.invalid/{id}")),
                lang: Some("ar".to_owned()),
                text,
                origin: Origin {
                    path: "bench.jsonl".to_owned(),
                    line: Some(i + 1),
                },
            };
            let claims = claims[i % ARTICLES.len()]
                .iter()
                .cloned()
                .map(|mut claim| {
                    claim.doc.clone_from(&id);
                    claim
                })
                .collect();
            (document, claims)
        })
        .collect()
}

fn ingest(c: &mut Criterion) {
    let batch = batch();
    let claims: usize = batch.iter().map(|(_, claims)| claims.len()).sum();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut group = c.benchmark_group("ingest");
    group.sample_size(20);
    group.throughput(Throughput::Elements(DOCUMENTS as u64));

    let mut run = 0;
    group.bench_function("new_documents_file", |b| {
        b.iter_batched(
            || {
                run += 1;
                Store::open(dir.path().join(format!("new-{run}.sqlite"))).expect("opens")
            },
            |mut store| {
                let report = store.ingest_batch(&batch).expect("ingests");
                assert_eq!((report.added, report.claims), (DOCUMENTS, claims));
                store
            },
            BatchSize::PerIteration,
        );
    });

    group.bench_function("new_documents_memory", |b| {
        b.iter_batched(
            || Store::open_in_memory().expect("opens"),
            |mut store| {
                let report = store.ingest_batch(&batch).expect("ingests");
                assert_eq!(report.added, DOCUMENTS);
                store
            },
            BatchSize::PerIteration,
        );
    });

    let mut store = Store::open(dir.path().join("unchanged.sqlite")).expect("opens");
    store.ingest_batch(&batch).expect("ingests");
    group.bench_function("unchanged_file", |b| {
        b.iter(|| {
            let report = store.ingest_batch(&batch).expect("ingests");
            assert_eq!(report.unchanged, DOCUMENTS);
        });
    });
    group.finish();
}

criterion_group!(benches, ingest);
criterion_main!(benches);
