//! Load time and memory of the embedded gazetteer, and matching speed on a
//! news-like paragraph.
//!
//! `cargo bench -p rasid-geo --bench load`; the memory figures are printed
//! once before the timings (Linux: resident set size from /proc).

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use rasid_geo::Gazetteer;
use rasid_text::Normalized;

/// A paragraph in the style of a field report (written for this bench).
const TEXT: &str =
    "أفاد ناشطون بأن الطائرات الحربية شنت صباح اليوم الجمعة عدة غارات على مدينة دوما \
في الغوطة الشرقية بريف دمشق، ما أدى إلى مقتل سبعة مدنيين بينهم طفلان، فيما استهدف قصف مدفعي \
بلدة سقبا وحي جوبر شرقي العاصمة دمشق. وفي الشمال السوري، تعرضت قرية كفرنبل جنوب إدلب لقصف \
صاروخي، بينما شهدت مدينة خان شيخون اشتباكات عنيفة. وفي قطاع غزة، قال الدفاع المدني إن غارة \
على مخيم جباليا ومنزل في خان يونس أوقعت ضحايا، كما سقطت قذائف قرب رفح.";

fn resident_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn report_memory() {
    let before = resident_kib();
    let started = std::time::Instant::now();
    let gazetteer = Gazetteer::embedded();
    let elapsed = started.elapsed();
    let after = resident_kib();
    if let (Some(before), Some(after)) = (before, after) {
        eprintln!(
            "gazetteer: {} places, {} keys; first load {elapsed:.1?}; resident set +{} KiB ({before} → {after} KiB)",
            gazetteer.places().len(),
            gazetteer.key_count(),
            after.saturating_sub(before),
        );
    }
    black_box(gazetteer);
}

fn load(c: &mut Criterion) {
    report_memory();
    c.bench_function("load embedded gazetteer", |b| {
        b.iter(|| {
            let gazetteer = Gazetteer::embedded();
            assert!(gazetteer.places().len() > 3000);
            gazetteer
        });
    });
}

fn find_and_resolve(c: &mut Criterion) {
    let gazetteer = Gazetteer::embedded();
    let norm = Normalized::new(TEXT);
    c.bench_function("find and resolve places in a paragraph", |b| {
        b.iter(|| {
            let places = gazetteer.locate(black_box(norm.text()));
            assert!(places.len() >= 10, "{}", places.len());
            places.len()
        });
    });
}

criterion_group!(benches, load, find_and_resolve);
criterion_main!(benches);
