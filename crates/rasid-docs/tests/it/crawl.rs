//! What crawlers produce: HTML pages, WARC files, RSS and Atom feeds,
//! gzip'd JSON Lines. Every sample is written here, in the test.

use std::io::{Cursor, Write};

use flate2::write::GzEncoder;
use flate2::Compression;
use rasid_docs::{Document, ReadError, Reader, ReaderOptions};
use tempfile::TempDir;

use super::samples::{
    BROKEN_PAGE, NEWS_BOILERPLATE, NEWS_PAGE, NEWS_PARAGRAPHS, NEWS_TITLE, SHORT_PAGE, TABLE_PAGE,
};
use super::{expect_document, expect_error, label, path_arg, read_all, read_default, write};

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    encoder.write_all(bytes).expect("gzip in memory");
    encoder.finish().expect("gzip in memory")
}

fn assert_news_text(text: &str) {
    assert!(
        text.starts_with(&format!("{NEWS_TITLE}\n\n")),
        "the title is the first line: {text}"
    );
    let mut from = 0;
    for paragraph in NEWS_PARAGRAPHS {
        let at = text[from..]
            .find(paragraph)
            .unwrap_or_else(|| panic!("missing or out of order: {paragraph}\nin: {text}"));
        from += at + paragraph.len();
    }
    for boilerplate in NEWS_BOILERPLATE {
        assert!(!text.contains(boilerplate), "kept `{boilerplate}`: {text}");
    }
    assert_eq!(
        text.matches(NEWS_TITLE).count(),
        1,
        "the <h1> is not repeated after the title"
    );
}

// ---------------------------------------------------------------------------
// HTML

#[test]
fn html_page_gives_its_title_then_its_main_text_and_its_metadata() {
    let directory = TempDir::new().expect("a temporary directory");
    write(directory.path(), "idlib.html", NEWS_PAGE);

    let items = read_default(&[path_arg(directory.path())]);
    assert_eq!(items.len(), 1, "{items:?}");
    let document = expect_document(&items[0]);
    assert_eq!(document.id, "idlib");
    assert_news_text(&document.text);
    // JSON-LD `datePublished` before `<time datetime>` (09:00).
    assert_eq!(
        document.published.as_deref(),
        Some("2019-05-14T09:20:00+03:00")
    );
    // `og:site_name` before JSON-LD `publisher` and `<meta name="author">`.
    assert_eq!(document.outlet.as_deref(), Some("شبكة الشمال الإخبارية"));
    // `<link rel="canonical">` before `og:url`.
    assert_eq!(
        document.url.as_deref(),
        Some("https://north.example/news/idlib-shelling")
    );
    assert_eq!(document.lang.as_deref(), Some("ar"));
    assert_eq!(document.origin.line, None);
}

#[test]
fn html_metadata_sources_in_their_order() {
    let page = |head: &str, body: &str| {
        format!(
            "<html><head>{head}</head><body><article><p>{}</p></article>{body}</body></html>",
            NEWS_PARAGRAPHS[0]
        )
    };
    let reader = Reader::default();
    let read = |html: String| reader.read_html(html.as_bytes(), "p.html").expect("a page");

    let all_dates = read(page(
        r#"<meta name="date" content="2019-01-03"><meta property="article:published_time" content="2019-01-01T10:00:00Z">"#,
        r#"<time datetime="2019-01-04">"#,
    ));
    assert_eq!(all_dates.published.as_deref(), Some("2019-01-01T10:00:00Z"));

    let meta_date = read(page(
        r#"<meta name="date" content="2019-01-03">"#,
        r#"<time datetime="2019-01-04">x</time>"#,
    ));
    assert_eq!(meta_date.published.as_deref(), Some("2019-01-03"));

    let time_only = read(page(
        "",
        r#"<time datetime="2019-01-04T08:00">4 كانون الثاني</time>"#,
    ));
    assert_eq!(time_only.published.as_deref(), Some("2019-01-04T08:00"));

    let rfc_date = read(page(
        r#"<meta name="pubdate" content="Fri, 04 Jan 2019 08:00:00 GMT">"#,
        "",
    ));
    assert_eq!(
        rfc_date.published.as_deref(),
        Some("2019-01-04T08:00:00+00:00")
    );

    let publisher = read(page(
        r##"<meta name="author" content="كاتب"><script type="application/ld+json">{"@graph": [{"@type": "WebSite", "@id": "#site"}, {"@type": "NewsArticle", "publisher": {"@id": "#org"}}, {"@type": "NewsMediaOrganization", "@id": "#org", "name": "عنب بلدي"}]}</script>"##,
        "",
    ));
    assert_eq!(publisher.outlet.as_deref(), Some("عنب بلدي"));

    let author = read(page(r#"<meta name="author" content="وكالة سانا">"#, ""));
    assert_eq!(author.outlet.as_deref(), Some("وكالة سانا"));

    let og_url = read(page(
        r#"<meta property="og:url" content="https://x.example/1">"#,
        "",
    ));
    assert_eq!(og_url.url.as_deref(), Some("https://x.example/1"));

    let broken_json_ld = read(page(
        r#"<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": </script><title>عنوان - موقع</title><meta property="og:site_name" content="موقع">"#,
        "",
    ));
    assert_eq!(broken_json_ld.published, None);
    assert!(
        broken_json_ld.text.starts_with("عنوان\n\n"),
        "the outlet is cut from the <title>: {}",
        broken_json_ld.text
    );
}

#[test]
fn short_table_and_broken_pages_still_give_their_text() {
    let reader = Reader::default();

    let short = reader
        .read_html(SHORT_PAGE.as_bytes(), "short.html")
        .expect("a page");
    assert_eq!(
        short.text,
        "عاجل | المرصد: ارتفاع حصيلة قتلى غارات أريحا إلى 9\n\n\
         قال المرصد السوري لحقوق الإنسان إن حصيلة قتلى الغارات على مدينة أريحا ارتفعت إلى تسعة مدنيين.\n\n\
         وأصيب 15 آخرون بجروح متفاوتة."
    );
    assert_eq!(short.published.as_deref(), Some("2020-02-03"));
    assert_eq!(short.lang.as_deref(), Some("ar-SY"));

    let table = reader
        .read_html(TABLE_PAGE.as_bytes(), "table.html")
        .expect("a page");
    assert!(
        table.text.contains("إن سبعة أشخاص قتلوا وأصيب 20 آخرون"),
        "{}",
        table.text
    );
    assert!(
        table.text.contains("فيما نقلت سيارات الإسعاف الجرحى"),
        "{}",
        table.text
    );
    assert!(
        !table.text.contains("الأرشيف"),
        "the menu cell is left out: {}",
        table.text
    );

    let broken = reader
        .read_html(BROKEN_PAGE.as_bytes(), "broken.html")
        .expect("a page");
    assert!(broken.text.starts_with("خبر\n\n"), "{}", broken.text);
    assert!(
        broken.text.contains("قتل ثلاثة مدنيين في قصف على القرية"),
        "{}",
        broken.text
    );
    assert!(broken.text.contains("وأصيب خمسة آخرون"), "{}", broken.text);
}

#[test]
fn unusable_html_files_are_one_clear_error_each() {
    let directory = TempDir::new().expect("a temporary directory");
    let root = directory.path();
    write(
        root,
        "a_binary.html",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\x00\x10",
    );
    write(
        root,
        "b_garbage.htm",
        [0xC3u8, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1].repeat(20),
    );
    write(root, "c_scripts.html", "<html><head><title>x</title><script>var a = 'قتل 5';</script></head><body><nav><a href='/'>الرئيسية</a></nav></body></html>");
    write(root, "d_empty.html", "");
    write(root, "e_fine.html", SHORT_PAGE);

    let items = read_default(&[path_arg(root)]);
    let at = |name: &str| label(&root.join(name));
    assert_eq!(items.len(), 5, "{items:?}");
    assert_eq!(
        expect_error(&items[0]),
        format!(
            "`{}`: binary data, not text (NUL at byte 8)",
            at("a_binary.html")
        )
    );
    assert_eq!(
        expect_error(&items[1]),
        format!("`{}`: not valid UTF-8 (byte 0)", at("b_garbage.htm"))
    );
    assert_eq!(
        expect_error(&items[2]),
        format!(
            "`{}`: no readable text in the HTML page",
            at("c_scripts.html")
        )
    );
    assert_eq!(
        expect_error(&items[3]),
        format!("`{}`: empty", at("d_empty.html"))
    );
    assert_eq!(expect_document(&items[4]).id, "e_fine");
}

#[test]
fn html_pages_take_their_manifest_entry_first() {
    let directory = TempDir::new().expect("a temporary directory");
    write(
        directory.path(),
        "manifest.jsonl",
        r#"{"doc": "n-17", "file": "page.HTML", "outlet": "North Network", "published": "2019-05-15"}"#,
    );
    write(directory.path(), "page.HTML", NEWS_PAGE);

    let items = read_default(&[path_arg(directory.path())]);
    let document = expect_document(&items[0]);
    assert_eq!(document.id, "n-17");
    assert_eq!(document.outlet.as_deref(), Some("North Network"));
    assert_eq!(document.published.as_deref(), Some("2019-05-15"));
    assert_eq!(document.lang.as_deref(), Some("ar"), "from the page");
}

#[test]
fn an_html_file_over_the_limit_is_refused_unread() {
    let directory = TempDir::new().expect("a temporary directory");
    write(directory.path(), "big.html", NEWS_PAGE);
    let options = ReaderOptions {
        max_document_bytes: 1000,
        ..ReaderOptions::default()
    };
    let items = read_all(&[path_arg(&directory.path().join("big.html"))], &options);
    assert_eq!(
        expect_error(&items[0]),
        format!(
            "`{}`: {} bytes, over the limit of 1000 bytes",
            label(&directory.path().join("big.html")),
            NEWS_PAGE.len()
        )
    );
}

// ---------------------------------------------------------------------------
// WARC

fn warc_record(headers: &[(&str, &str)], content: &[u8]) -> Vec<u8> {
    let mut record = b"WARC/1.1\r\n".to_vec();
    for (name, value) in headers {
        record.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    record.extend_from_slice(format!("Content-Length: {}\r\n\r\n", content.len()).as_bytes());
    record.extend_from_slice(content);
    record.extend_from_slice(b"\r\n\r\n");
    record
}

fn http_response(status: &str, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut message = format!("HTTP/1.1 {status}\r\n").into_bytes();
    for (name, value) in headers {
        message.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    message.extend_from_slice(b"\r\n");
    message.extend_from_slice(body);
    message
}

fn chunked(body: &[u8], size: usize) -> Vec<u8> {
    let mut out = Vec::new();
    for chunk in body.chunks(size) {
        out.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        out.extend_from_slice(chunk);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

const NEWS_URI: &str = "https://north.example/news/2019/05/14/idlib?utm=feed";
const TABLE_URI: &str = "http://agency.example/iraq/7.html";

/// The records of a small crawl: warcinfo, request, the news page (chunked
/// and gzip'd by the server), a redirect, an image, the table page in
/// windows-1256 without a `WARC-Record-ID`, and a metadata record.
fn crawl_records() -> Vec<Vec<u8>> {
    let http = "application/http; msgtype=response";
    let (table_1256, _, _) = encoding_rs::WINDOWS_1256.encode(TABLE_PAGE);
    vec![
        warc_record(
            &[
                ("WARC-Type", "warcinfo"),
                (
                    "WARC-Record-ID",
                    "<urn:uuid:00000000-0000-0000-0000-000000000001>",
                ),
                ("Content-Type", "application/warc-fields"),
            ],
            b"software: rasid-tests\r\nformat: WARC File Format 1.1\r\n",
        ),
        warc_record(
            &[
                ("WARC-Type", "request"),
                (
                    "WARC-Record-ID",
                    "<urn:uuid:00000000-0000-0000-0000-000000000002>",
                ),
                ("WARC-Target-URI", NEWS_URI),
                ("Content-Type", "application/http; msgtype=request"),
            ],
            b"GET /news/2019/05/14/idlib?utm=feed HTTP/1.1\r\nHost: north.example\r\n\r\n",
        ),
        warc_record(
            &[
                ("WARC-Type", "response"),
                (
                    "WARC-Record-ID",
                    "<urn:uuid:00000000-0000-0000-0000-000000000003>",
                ),
                ("WARC-Target-URI", NEWS_URI),
                ("WARC-Date", "2019-05-14T12:00:00Z"),
                ("Content-Type", http),
            ],
            &http_response(
                "200 OK",
                &[
                    ("Content-Type", "text/html; charset=UTF-8"),
                    ("Transfer-Encoding", "chunked"),
                    ("Content-Encoding", "gzip"),
                ],
                &chunked(&gzip(NEWS_PAGE.as_bytes()), 700),
            ),
        ),
        warc_record(
            &[
                ("WARC-Type", "response"),
                (
                    "WARC-Record-ID",
                    "<urn:uuid:00000000-0000-0000-0000-000000000004>",
                ),
                ("WARC-Target-URI", "http://north.example/"),
                ("Content-Type", http),
            ],
            &http_response(
                "301 Moved Permanently",
                &[
                    ("Location", "https://north.example/"),
                    ("Content-Type", "text/html"),
                ],
                b"<html><body><p>moved</p></body></html>",
            ),
        ),
        warc_record(
            &[
                ("WARC-Type", "response"),
                (
                    "WARC-Record-ID",
                    "<urn:uuid:00000000-0000-0000-0000-000000000005>",
                ),
                ("WARC-Target-URI", "https://north.example/logo.png"),
                ("Content-Type", http),
            ],
            &http_response(
                "200 OK",
                &[("Content-Type", "image/png")],
                b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            ),
        ),
        warc_record(
            &[
                ("WARC-Type", "response"),
                ("WARC-Target-URI", TABLE_URI),
                ("WARC-Date", "2021-03-01T10:00:00Z"),
                ("Content-Type", http),
            ],
            &http_response(
                "200 OK",
                &[("Content-Type", "text/html; charset=windows-1256")],
                &table_1256,
            ),
        ),
        warc_record(
            &[
                ("WARC-Type", "metadata"),
                (
                    "WARC-Record-ID",
                    "<urn:uuid:00000000-0000-0000-0000-000000000007>",
                ),
                ("Content-Type", "application/warc-fields"),
            ],
            b"via: https://north.example/\r\n",
        ),
    ]
}

fn check_crawl_documents(items: &[Result<Document, String>], path: &str) {
    assert_eq!(items.len(), 2, "{items:?}");
    let news = expect_document(&items[0]);
    assert_eq!(news.id, "urn:uuid:00000000-0000-0000-0000-000000000003");
    assert_eq!(
        news.url.as_deref(),
        Some(NEWS_URI),
        "WARC-Target-URI, not the canonical link"
    );
    assert_eq!(
        news.published.as_deref(),
        Some("2019-05-14T09:20:00+03:00"),
        "the page's date before WARC-Date"
    );
    assert_eq!(news.outlet.as_deref(), Some("شبكة الشمال الإخبارية"));
    assert_eq!(news.lang.as_deref(), Some("ar"));
    assert_news_text(&news.text);
    assert_eq!(
        (news.origin.path.as_str(), news.origin.line),
        (path, Some(3))
    );

    let table = expect_document(&items[1]);
    assert!(
        table.id.starts_with("uri:") && table.id.len() == 20,
        "{}",
        table.id
    );
    assert_eq!(table.url.as_deref(), Some(TABLE_URI));
    assert_eq!(
        table.published.as_deref(),
        Some("2021-03-01T10:00:00Z"),
        "WARC-Date"
    );
    assert!(
        table.text.contains("إن سبعة أشخاص قتلوا وأصيب 20 آخرون"),
        "decoded from windows-1256: {}",
        table.text
    );
    assert_eq!(table.origin.line, Some(6));
}

#[test]
fn warc_gz_with_one_gzip_member_per_record() {
    let directory = TempDir::new().expect("a temporary directory");
    let bytes: Vec<u8> = crawl_records()
        .iter()
        .flat_map(|record| gzip(record))
        .collect();
    write(directory.path(), "crawl.warc.gz", bytes);

    let path = directory.path().join("crawl.warc.gz");
    check_crawl_documents(&read_default(&[path_arg(directory.path())]), &label(&path));
}

#[test]
fn plain_warc_and_one_gzip_stream_read_alike() {
    let directory = TempDir::new().expect("a temporary directory");
    let plain: Vec<u8> = crawl_records().concat();
    write(directory.path(), "plain.warc", &plain);
    write(directory.path(), "whole.warc.gz", gzip(&plain));

    let plain_path = label(&directory.path().join("plain.warc"));
    check_crawl_documents(
        &read_default(&[path_arg(&directory.path().join("plain.warc"))]),
        &plain_path,
    );
    let whole_path = label(&directory.path().join("whole.warc.gz"));
    check_crawl_documents(
        &read_default(&[path_arg(&directory.path().join("whole.warc.gz"))]),
        &whole_path,
    );
}

/// The gzip members of the crawl and the byte where each starts.
fn members() -> (Vec<Vec<u8>>, Vec<u64>) {
    let members: Vec<Vec<u8>> = crawl_records().iter().map(|record| gzip(record)).collect();
    let offsets = members
        .iter()
        .scan(0u64, |offset, member| {
            let start = *offset;
            *offset += member.len() as u64;
            Some(start)
        })
        .collect();
    (members, offsets)
}

#[test]
fn truncated_warc_gz_gives_what_precedes_and_one_error() {
    let (members, offsets) = members();
    let mut bytes: Vec<u8> = members[..5].concat();
    bytes.extend_from_slice(&members[5][..members[5].len() / 2]);

    let items: Vec<_> = Reader::default()
        .read_warc(Cursor::new(bytes), "cut.warc.gz")
        .map(|item| item.map_err(|error| error.to_string()))
        .collect();
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(expect_document(&items[0]).origin.line, Some(3));
    assert_eq!(
        expect_error(&items[1]),
        format!(
            "`cut.warc.gz` record 6 (byte {}): truncated gzip member: the file ends inside it",
            offsets[5]
        )
    );
}

#[test]
fn corrupt_gzip_member_is_skipped_and_the_next_member_read() {
    let (mut members, offsets) = members();
    let middle = members[2].len() / 2;
    members[2][middle..middle + 16].fill(0xFF);
    let bytes = members.concat();

    let items: Vec<_> = Reader::default()
        .read_warc(Cursor::new(bytes), "bad.warc.gz")
        .collect();
    assert_eq!(items.len(), 2, "{items:?}");
    let error = items[0].as_ref().expect_err("the corrupt member");
    assert_eq!(error.record(), Some(3));
    assert!(matches!(error, ReadError::BadRecord { offset, .. } if *offset == offsets[2]));
    let message = error.to_string();
    assert!(
        message.starts_with(&format!(
            "`bad.warc.gz` record 3 (byte {}): corrupt gzip member (",
            offsets[2]
        )) && message.ends_with(&format!("; reading resumes at byte {}", offsets[3])),
        "{message} {offsets:?}"
    );
    let table = items[1].as_ref().expect("the member after it");
    assert_eq!(table.url.as_deref(), Some(TABLE_URI));
}

#[test]
fn malformed_plain_record_is_reported_and_the_next_record_found() {
    let records = crawl_records();
    let mut bytes = records[..3].concat();
    let garbage_at = bytes.len();
    bytes.extend_from_slice(
        b"this is not a record\r\nContent-Length: 12\r\n\r\nWARC/ in the middle\r\n",
    );
    bytes.extend_from_slice(&records[3..].concat());

    let items: Vec<_> = Reader::default()
        .read_warc(Cursor::new(bytes), "mixed.warc")
        .map(|item| item.map_err(|error| error.to_string()))
        .collect();
    assert_eq!(items.len(), 3, "{items:?}");
    assert_eq!(expect_document(&items[0]).origin.line, Some(3));
    assert_eq!(
        expect_error(&items[1]),
        format!("`mixed.warc` record 4 (byte {garbage_at}): not a WARC record: starts with `this is not a record`")
    );
    assert_eq!(expect_document(&items[2]).url.as_deref(), Some(TABLE_URI));
}

#[test]
fn warc_payload_over_the_limit_is_one_error_and_reading_goes_on() {
    let (_, offsets) = members();
    let bytes: Vec<u8> = crawl_records()
        .iter()
        .flat_map(|record| gzip(record))
        .collect();
    let reader = Reader::new(ReaderOptions {
        max_document_bytes: 1500,
        ..ReaderOptions::default()
    });
    let items: Vec<_> = reader
        .read_warc(Cursor::new(bytes), "crawl.warc.gz")
        .map(|item| item.map_err(|error| error.to_string()))
        .collect();
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(
        expect_error(&items[0]),
        format!(
            "`crawl.warc.gz` record 3 (byte {}): a payload over the limit of 1500 bytes",
            offsets[2]
        )
    );
    assert_eq!(expect_document(&items[1]).url.as_deref(), Some(TABLE_URI));
}

#[test]
fn warc_that_is_not_one_and_empty_warc() {
    let directory = TempDir::new().expect("a temporary directory");
    write(directory.path(), "a.warc", "<html><p>قتل 3</p></html>\n");
    write(directory.path(), "b.warc.gz", "");
    write(
        directory.path(),
        "c.warc.gz",
        [0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02],
    );
    let items = read_default(&[path_arg(directory.path())]);
    let at = |name: &str| label(&directory.path().join(name));
    assert_eq!(items.len(), 3, "{items:?}");
    assert_eq!(
        expect_error(&items[0]),
        format!(
            "`{}` record 1 (byte 0): not a WARC record: starts with `<html><p>قتل 3</p></html`",
            at("a.warc")
        )
    );
    assert_eq!(
        expect_error(&items[1]),
        format!("`{}`: empty", at("b.warc.gz"))
    );
    assert_eq!(
        expect_error(&items[2]),
        format!(
            "`{}` record 1 (byte 0): truncated gzip member: the file ends inside it",
            at("c.warc.gz")
        )
    );
}

// ---------------------------------------------------------------------------
// Feeds

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>وكالة الأنباء المحلية</title>
<link>https://agency.example/</link>
<description>آخر الأخبار</description>
<language>ar</language>
<image><title>شعار الوكالة</title><url>https://agency.example/logo.png</url></image>
<item>
  <title>مقتل خمسة مدنيين بغارة على معرة النعمان</title>
  <link>https://agency.example/news/1</link>
  <guid isPermaLink="false">agency-1</guid>
  <pubDate>Sat, 07 Apr 2018 21:05:00 +0300</pubDate>
  <description><![CDATA[<p>قال ناشطون إن <b>خمسة مدنيين</b> قتلوا بغارة جوية على المدينة.</p><p>وأصيب عشرة آخرون.</p><script>alert("قتل 100")</script>]]></description>
</item>
<item>
  <title>ارتفاع حصيلة ضحايا الفيضانات &amp; السيول</title>
  <link>https://agency.example/news/2?a=1&b=2</link>
  <dc:date>2018-04-08T06:00:00Z</dc:date>
  <description>&lt;p&gt;ملخص قصير&lt;/p&gt;</description>
  <content:encoded><![CDATA[<div><p>أعلن الدفاع المدني ارتفاع حصيلة الضحايا إلى 14&nbsp;شخصا.</p></div>]]></content:encoded>
</item>
<item><link>https://agency.example/news/3</link></item>
<item>
  <title>عنوان فقط: نزوح 300 عائلة &#1605;&#x646; المخيم</title>
</item>
</channel>
</rss>
"#;

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">
  <title type="text">مرصد الأخبار</title>
  <id>urn:feed:1</id>
  <updated>2020-01-02T00:00:00Z</updated>
  <author><name>المحرر</name></author>
  <entry>
    <title>قصف على بلدة في ريف حلب</title>
    <link rel="enclosure" href="https://observer.example/a/1.mp3"/>
    <link rel="alternate" href="https://observer.example/a/1"/>
    <id>urn:entry:1</id>
    <published>2020-01-01T08:00:00+02:00</published>
    <updated>2020-01-01T09:00:00+02:00</updated>
    <author><name>مراسل</name></author>
    <summary type="html">&lt;p&gt;قتل طفلان في القصف.&lt;/p&gt;</summary>
  </entry>
  <entry>
    <title>اشتباكات على الطريق الدولي</title>
    <link href="https://observer.example/a/2"/>
    <id>urn:entry:2</id>
    <updated>2020-01-02T10:00:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>لقي ثلاثة عناصر مصرعهم.</p><p>وأصيب <b>اثنان</b>.</p></div></content>
  </entry>
</feed>
"#;

#[test]
fn rss_items_are_documents_with_the_channel_as_outlet() {
    let items: Vec<_> = Reader::default()
        .read_feed(Cursor::new(RSS), "wire/news.rss")
        .map(|item| item.map_err(|error| error.to_string()))
        .collect();
    assert_eq!(items.len(), 4, "{items:?}");

    let first = expect_document(&items[0]);
    assert_eq!(first.id, "agency-1");
    assert_eq!(first.url.as_deref(), Some("https://agency.example/news/1"));
    assert_eq!(
        first.published.as_deref(),
        Some("2018-04-07T21:05:00+03:00")
    );
    assert_eq!(first.published_date(), Some((2018, 4, 7)));
    assert_eq!(
        first.outlet.as_deref(),
        Some("وكالة الأنباء المحلية"),
        "not the image's title"
    );
    assert_eq!(first.lang.as_deref(), Some("ar"));
    assert_eq!(
        first.text,
        "مقتل خمسة مدنيين بغارة على معرة النعمان\n\nقال ناشطون إن خمسة مدنيين قتلوا بغارة جوية على المدينة.\n\nوأصيب عشرة آخرون."
    );
    assert_eq!(
        (first.origin.path.as_str(), first.origin.line),
        ("wire/news.rss", Some(1))
    );

    let second = expect_document(&items[1]);
    assert_eq!(
        second.id, "https://agency.example/news/2?a=1&b=2",
        "no guid: the link"
    );
    assert_eq!(second.published.as_deref(), Some("2018-04-08T06:00:00Z"));
    assert_eq!(
        second.text,
        "ارتفاع حصيلة ضحايا الفيضانات & السيول\n\nأعلن الدفاع المدني ارتفاع حصيلة الضحايا إلى 14 شخصا.",
        "content:encoded before the description"
    );

    assert_eq!(
        expect_error(&items[2]),
        "`wire/news.rss` item 3: no title, description or content"
    );

    let fourth = expect_document(&items[3]);
    assert_eq!(fourth.id, "news:4");
    assert_eq!(fourth.text, "عنوان فقط: نزوح 300 عائلة من المخيم");
    assert_eq!(fourth.published, None);
}

#[test]
fn atom_entries_are_documents() {
    let items: Vec<_> = Reader::default()
        .read_feed(Cursor::new(ATOM), "observer.atom")
        .map(|item| item.map_err(|error| error.to_string()))
        .collect();
    assert_eq!(items.len(), 2, "{items:?}");
    let first = expect_document(&items[0]);
    assert_eq!(first.id, "urn:entry:1");
    assert_eq!(first.url.as_deref(), Some("https://observer.example/a/1"));
    assert_eq!(
        first.published.as_deref(),
        Some("2020-01-01T08:00:00+02:00"),
        "published before updated"
    );
    assert_eq!(first.outlet.as_deref(), Some("مرصد الأخبار"));
    assert_eq!(first.lang.as_deref(), Some("ar"));
    assert_eq!(first.text, "قصف على بلدة في ريف حلب\n\nقتل طفلان في القصف.");

    let second = expect_document(&items[1]);
    assert_eq!(second.url.as_deref(), Some("https://observer.example/a/2"));
    assert_eq!(second.published.as_deref(), Some("2020-01-02T10:00:00Z"));
    assert_eq!(
        second.text,
        "اشتباكات على الطريق الدولي\n\nلقي ثلاثة عناصر مصرعهم.\n\nوأصيب اثنان."
    );
}

#[test]
fn malformed_feed_keeps_the_items_before_the_fault() {
    let broken = RSS.replacen(
        "<item><link>https://agency.example/news/3</link></item>",
        "<item><title>x</titel></item>",
        1,
    );
    let items: Vec<_> = Reader::default()
        .read_feed(Cursor::new(broken), "news.rss")
        .map(|item| item.map_err(|error| error.to_string()))
        .collect();
    assert_eq!(items.len(), 3, "{items:?}");
    assert!(items[0].is_ok() && items[1].is_ok());
    let error = expect_error(&items[2]);
    assert!(
        error.starts_with("`news.rss` byte ") && error.contains(": malformed XML: "),
        "{error}"
    );
}

#[test]
fn feed_item_over_the_limit_is_skipped() {
    let long = RSS.replacen("ملخص قصير", &"ملخص طويل جدا ".repeat(40), 1);
    let reader = Reader::new(ReaderOptions {
        max_document_bytes: 400,
        ..ReaderOptions::default()
    });
    let items: Vec<_> = reader
        .read_feed(Cursor::new(long), "news.rss")
        .map(|item| item.map_err(|error| error.to_string()))
        .collect();
    assert_eq!(items.len(), 4, "{items:?}");
    assert_eq!(
        expect_error(&items[1]),
        "`news.rss` item 2: over the limit of 400 bytes"
    );
    assert!(items[0].is_ok() && items[3].is_ok());
}

#[test]
fn xml_files_are_read_when_they_are_feeds() {
    let directory = TempDir::new().expect("a temporary directory");
    let root = directory.path();
    let sitemap = r#"<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.example/</loc></url></urlset>"#;
    write(root, "a_sitemap.xml", sitemap);
    write(root, "b_feed.xml", ATOM);
    write(root, "c_broken.xml", "<<<not xml");

    let items = read_default(&[path_arg(root)]);
    assert_eq!(
        items.len(),
        2,
        "the sitemap and the broken file pass in silence: {items:?}"
    );
    assert_eq!(expect_document(&items[0]).id, "urn:entry:1");

    let named = read_default(&[
        path_arg(&root.join("a_sitemap.xml")),
        path_arg(&root.join("c_broken.xml")),
    ]);
    assert_eq!(
        expect_error(&named[0]),
        format!(
            "`{}`: not an RSS or Atom feed (the root element is `<urlset>`)",
            label(&root.join("a_sitemap.xml"))
        )
    );
    assert!(
        expect_error(&named[1]).starts_with(&format!(
            "`{}`: not an RSS or Atom feed (",
            label(&root.join("c_broken.xml"))
        )),
        "{named:?}"
    );
}

// ---------------------------------------------------------------------------
// gzip'd JSON Lines, and everything together

#[test]
fn jsonl_gz_is_streamed_and_a_truncated_one_reported() {
    let directory = TempDir::new().expect("a temporary directory");
    // No ids: each line is named `<file stem>:<line>`, so the two files'
    // documents are not duplicates of each other.
    let lines = format!(
        "{{\"text\": \"{}\"}}\n{{\"text\": \"{}\"}}\n",
        NEWS_PARAGRAPHS[0], NEWS_PARAGRAPHS[1]
    )
    .repeat(200);
    let packed = gzip(lines.as_bytes());
    write(directory.path(), "a.jsonl.gz", &packed);
    write(directory.path(), "b.JSONL.GZ", &packed[..packed.len() / 2]);

    let items = read_default(&[path_arg(directory.path())]);
    let (documents, errors): (Vec<_>, Vec<_>) = items.iter().partition(|item| item.is_ok());
    assert!(documents.len() >= 400, "{}", documents.len());
    assert_eq!(expect_document(&items[399]).origin.line, Some(400));
    assert_eq!(errors.len(), 1, "{errors:?}");
    let error = expect_error(errors[0]);
    assert!(
        error.starts_with(&format!(
            "`{}` line ",
            label(&directory.path().join("b.JSONL.GZ"))
        )) && error.contains("cannot read"),
        "{error}"
    );
}

#[test]
fn a_directory_of_every_kind_is_read_in_name_order() {
    let directory = TempDir::new().expect("a temporary directory");
    let root = directory.path();
    write(root, "1.txt", NEWS_PARAGRAPHS[0]);
    write(root, "2.html", SHORT_PAGE);
    write(
        root,
        "3.jsonl",
        format!("{{\"id\": \"j\", \"text\": \"{}\"}}\n", NEWS_PARAGRAPHS[1]),
    );
    write(
        root,
        "4.warc.gz",
        crawl_records()
            .iter()
            .flat_map(|record| gzip(record))
            .collect::<Vec<u8>>(),
    );
    write(root, "5.rss", RSS);
    write(root, "6.atom", ATOM);
    write(root, "7.htm", TABLE_PAGE);
    write(root, "notes.md", "ليس مقالا");

    let ids: Vec<String> = read_default(&[path_arg(root)])
        .into_iter()
        .map(|item| item.map_or_else(|error| format!("error: {error}"), |document| document.id))
        .collect();
    assert_eq!(ids.len(), 13, "{ids:?}");
    // The file of another kind is named once, before the directory's documents.
    assert!(
        ids[0].starts_with("error: ")
            && ids[0].contains("passed over 1 file(s)")
            && ids[0].contains("`notes.md`"),
        "{}",
        ids[0]
    );
    let ids = &ids[1..];
    assert_eq!(
        &ids[..4],
        [
            "1",
            "2",
            "j",
            "urn:uuid:00000000-0000-0000-0000-000000000003"
        ]
    );
    assert!(ids[4].starts_with("uri:"));
    assert_eq!(ids[5], "agency-1");
    assert!(
        ids[7].starts_with("error: ")
            && ids[7].ends_with("item 3: no title, description or content")
    );
    assert_eq!(&ids[9..], ["urn:entry:1", "urn:entry:2", "7"]);
}

#[test]
fn file_names_choose_the_reader_in_any_case() {
    let directory = TempDir::new().expect("a temporary directory");
    let root = directory.path();
    write(root, "A.HTM", SHORT_PAGE);
    write(root, "B.Warc", crawl_records().concat());
    write(root, "C.XML", RSS);
    let items = read_default(&[path_arg(root)]);
    assert_eq!(items.len(), 1 + 2 + 4, "{items:?}");
}
