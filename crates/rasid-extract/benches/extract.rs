//! Extraction throughput over realistic Arabic news text: the bundled sample
//! articles (written for this project), one article and all of them at once.
//! Run: `cargo bench -p rasid-extract --bench extract`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rasid_extract::{Article, Extractor};

const ARTICLES: &[&str] = &[
    include_str!("../../../samples/articles/01_market_strike_local.txt"),
    include_str!("../../../samples/articles/02_market_strike_observatory.txt"),
    include_str!("../../../samples/articles/03_market_strike_state.txt"),
    include_str!("../../../samples/articles/04_market_strike_agency.txt"),
    include_str!("../../../samples/articles/05_yemen_hodeidah.txt"),
];

fn extraction(c: &mut Criterion) {
    let extractor = Extractor::builtin().expect("shipped lexicons load");
    let article = ARTICLES[0];
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(article.len() as u64));
    group.bench_function("one_article", |b| {
        b.iter(|| {
            let claims = extractor.extract(&Article {
                id: "bench",
                text: black_box(article),
                outlet: Some("bench"),
                published: Some("2019-07-22"),
            });
            assert!(claims.len() >= 5);
            claims
        });
    });
    // A long page: every sample article in a row, 20 times (~80 KB).
    let long: String = ARTICLES.concat().repeat(20);
    group.throughput(Throughput::Bytes(long.len() as u64));
    group.bench_function("long_page", |b| {
        b.iter(|| {
            let claims = extractor.extract(&Article {
                id: "bench",
                text: black_box(&long),
                outlet: Some("bench"),
                published: Some("2019-07-22"),
            });
            assert!(claims.len() > 100);
            claims
        });
    });
    group.finish();
}

fn lexicon_load(c: &mut Criterion) {
    c.bench_function("lexicons_load", |b| {
        b.iter(|| Extractor::builtin().expect("loads"));
    });
}

criterion_group!(benches, extraction, lexicon_load);
criterion_main!(benches);
