use scraper::Html;

use super::{cap_nesting, own_main_text, read_page, smoothie_main_text};

#[path = "../../tests/it/samples.rs"]
mod samples;

#[test]
#[ignore = "prints both extractors' text for a person to compare"]
fn compare_extractors() {
    for (name, page) in [
        ("news", samples::NEWS_PAGE),
        ("short", samples::SHORT_PAGE),
        ("table", samples::TABLE_PAGE),
        ("broken", samples::BROKEN_PAGE),
    ] {
        let document = Html::parse_document(page);
        let parsed = read_page(page);
        println!("===== {name}: {:?} {:?}", parsed.title, parsed.metadata);
        println!(
            "--- dom_smoothie:\n{:?}",
            smoothie_main_text(page, parsed.title.as_deref())
        );
        println!(
            "--- own:\n{}",
            own_main_text(&document, parsed.title.as_deref())
        );
        println!("--- chosen:\n{}", parsed.body);
    }
}

#[test]
fn deeply_nested_markup_does_not_overflow_the_stack() {
    // Twenty times the cap; uncapped, dom_smoothie overflowed the stack here.
    let depth = 10_000;
    let page = format!(
        "<html><body>{}<p>قتل ثلاثة مدنيين في قصف على القرية صباح اليوم</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let parsed = read_page(&page);
    assert!(parsed.body.contains("قتل ثلاثة مدنيين"), "{}", parsed.body);
}

#[test]
fn nesting_is_capped_by_tags_and_text_kept() {
    let page = "<div><div><div>أ</div><span>ب</span></div></div><p>ج<p>د<br><img src=x>";
    assert_eq!(cap_nesting(page, 3), page, "nothing deeper than 3");
    assert_eq!(cap_nesting(page, 1), "<div>أب</div><p>ج<p>د<br><img src=x>");
    let script = "<div><script>if (a<b) { x = '<div><div>'; }</script></div><!-- <div><div> -->";
    assert_eq!(cap_nesting(script, 1), script);
}
