//! Times each stage of extraction over the sample articles (a profiling aid):
//! `cargo run --release -p rasid-extract --example stages`.

use std::time::Instant;

fn main() {
    let text: String = [
        include_str!("../../../samples/articles/01_market_strike_local.txt"),
        include_str!("../../../samples/articles/02_market_strike_observatory.txt"),
        include_str!("../../../samples/articles/03_market_strike_state.txt"),
        include_str!("../../../samples/articles/04_market_strike_agency.txt"),
        include_str!("../../../samples/articles/05_yemen_hodeidah.txt"),
    ]
    .concat()
    .repeat(50);
    #[allow(clippy::cast_precision_loss)]
    let mb = text.len() as f64 / 1e6;
    let time = |name: &str, f: &dyn Fn()| {
        let start = Instant::now();
        f();
        let s = start.elapsed().as_secs_f64();
        println!("{name:<24} {:>8.1} ms  {:>7.1} MB/s", s * 1e3, mb / s);
    };
    let normalized = rasid_text::Normalized::new(&text);
    let tokens = rasid_text::tokenize(normalized.text());
    let lexicons = rasid_lexicon::Lexicons::builtin().expect("lexicons");
    let gazetteer = rasid_geo::Gazetteer::embedded();
    let events = rasid_events::EventLexicons::builtin().expect("events");
    time("normalize", &|| {
        std::hint::black_box(rasid_text::Normalized::new(&text));
    });
    time("tokenize", &|| {
        std::hint::black_box(rasid_text::tokenize(normalized.text()));
    });
    time("sentences", &|| {
        std::hint::black_box(rasid_text::sentences(normalized.text()));
    });
    time("lexicon matches", &|| {
        let mut n = 0;
        for i in 0..tokens.len() {
            n += lexicons.matches_at(normalized.text(), &tokens, i).count();
        }
        std::hint::black_box(n);
    });
    time("numbers", &|| {
        let mut n = 0;
        for i in 0..tokens.len() {
            n += usize::from(
                rasid_lexicon::numbers::parse_number(normalized.text(), &tokens, i).is_some(),
            );
        }
        std::hint::black_box(n);
    });
    time("dates", &|| {
        std::hint::black_box(rasid_time::find_dates(
            normalized.text(),
            &tokens,
            rasid_time::parse_published("2019-07-22"),
        ));
    });
    time("places find", &|| {
        std::hint::black_box(gazetteer.find_places(normalized.text(), &tokens));
    });
    let mentions = gazetteer.find_places(normalized.text(), &tokens);
    time("places resolve", &|| {
        let context = rasid_geo::DocContext::from_mentions(&mentions);
        std::hint::black_box(gazetteer.resolve(&mentions, &context));
    });
    time("events+actors", &|| {
        let range = 0..tokens.len();
        std::hint::black_box(events.events(normalized.text(), &tokens, range.clone()));
        std::hint::black_box(events.actors(normalized.text(), &tokens, range));
    });
    let extractor = rasid_extract::Extractor::builtin().expect("extractor");
    time("extract (whole)", &|| {
        std::hint::black_box(extractor.extract(&rasid_extract::Article {
            id: "x",
            text: &text,
            outlet: None,
            published: Some("2019-07-22"),
        }));
    });
}
