//! The UI in headless Chromium (Debian's package, no driver): a server on a
//! loopback port in a thread, pages loaded by URL with `--dump-dom` (the DOM
//! once the page's requests have settled) and `--screenshot`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::thread::JoinHandle;

use rasid_server::{run, AppState};

use rasid_testkit::{chromium, repo_root};

use crate::common::{douma_db, sample_db, scratch};

/// A server on 127.0.0.1:0 in a thread of its own, stopped when dropped.
struct Server {
    base: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    fn start(db: &Path) -> Server {
        let state = AppState::builder(db).readers(2).build().expect("state");
        let (addr_tx, addr_rx) = mpsc::channel();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                    .await
                    .expect("a loopback port");
                addr_tx
                    .send(listener.local_addr().expect("address"))
                    .expect("the test waits");
                run(listener, state, async {
                    let _ = stopped.await;
                })
                .await
                .expect("serves");
            });
        });
        let addr = addr_rx.recv().expect("the server starts");
        Server {
            base: format!("http://{addr}"),
            stop: Some(stop),
            thread: Some(thread),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn chromium_command(chromium: &str, profile: &Path) -> Command {
    let mut command = Command::new(chromium);
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            // Time for the page's fetches and drawing; network waits do not count.
            "--virtual-time-budget=15000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()));
    command
}

/// The DOM of `url` once its scripts have run.
fn dump_dom(chromium: &str, url: &str, profile: &Path) -> String {
    let output = chromium_command(chromium, profile)
        .arg("--window-size=1300,1000")
        .arg("--dump-dom")
        .arg(url)
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        dom.contains("data-state=\"ready\""),
        "{url} did not render: {}\n{}",
        &dom[..dom.len().min(3000)],
        String::from_utf8_lossy(&output.stderr)
    );
    dom
}

fn screenshot(chromium: &str, url: &str, png: &Path, size: &str, profile: &Path) {
    let output = chromium_command(chromium, profile)
        .arg(format!("--window-size={size}"))
        .arg(format!("--screenshot={}", png.display()))
        .arg(url)
        .output()
        .expect("chromium runs");
    assert!(
        output.status.success() && png.exists(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Pixels of exactly this colour in a PNG.
fn pixels_of(png: &Path, rgb: [u8; 3]) -> usize {
    let decoder = png::Decoder::new(std::fs::File::open(png).expect("png"));
    let mut reader = decoder.read_info().expect("png header");
    let mut buffer = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buffer).expect("png frame");
    let channels = info.color_type.samples();
    buffer[..info.buffer_size()]
        .chunks(channels)
        .filter(|p| p[..3] == rgb)
        .count()
}

/// The `href` of the first link in the incident table's row holding `needle`.
fn row_link(dom: &str, needle: &str) -> String {
    let table = dom
        .split("<table class=\"incidents\"")
        .nth(1)
        .expect("the incident table");
    let row = table
        .split("<tr")
        .find(|row| row.contains(needle))
        .unwrap_or_else(|| panic!("no row with {needle}"));
    let start = row.find("href=\"").expect("a link in the row") + "href=\"".len();
    let end = start + row[start..].find('"').expect("the link ends");
    row[start..end].replace("&amp;", "&")
}

/// The claim rows of an incident page, each as (value, row HTML).
fn claim_rows(dom: &str) -> Vec<(String, String)> {
    dom.split("<tr class=\"claim")
        .skip(1)
        .map(|row| {
            let row = row.split("</tr>").next().unwrap_or(row).to_owned();
            let start = row.find("data-value=\"").expect("a value") + "data-value=\"".len();
            let end = start + row[start..].find('"').expect("the value ends");
            (row[start..end].to_owned(), row)
        })
        .collect()
}

fn keep(png: &Path, name: &str) -> PathBuf {
    let target = repo_root().join("target");
    std::fs::create_dir_all(&target).expect("target folder");
    let kept = target.join(name);
    std::fs::copy(png, &kept).expect("the screenshot is kept");
    kept
}

#[test]
fn the_ui_finds_the_douma_incident_and_its_conflicting_tolls() {
    let Some(chromium) = chromium() else { return };
    let Some(db) = douma_db() else { return };
    let server = Server::start(db);
    let dir = scratch("browser-douma");
    let profile = dir.join("profile");

    // The list, filtered as an analyst would: Duma, 6 April 2018.
    let list_url = format!(
        "{}/?lang=en&place=Duma&date_from=2018-04-06&date_to=2018-04-06",
        server.base
    );
    let dom = dump_dom(chromium, &list_url, &profile);
    assert!(
        dom.contains("id=\"total\">2<"),
        "two Duma incidents that day"
    );
    assert!(
        !dom.contains("class=\"incident-link\">Damascus<"),
        "the filter leaves Damascus out"
    );
    assert!(dom.contains("<svg class=\"map\""), "a map is drawn");
    assert!(dom.contains("class=\"country\""), "with the basemap");
    assert!(dom.contains("class=\"dot"), "and the incidents on it");
    assert!(dom.contains("<svg viewBox=\"0 0"), "a timeline is drawn");
    // The incident whose sources disagree: open it from its row.
    let href = row_link(&dom, "30–35–40");
    assert!(href.starts_with("/?incident=2018-04-06-duma-"), "{href}");

    let incident_url = format!("{}{href}&lang=en", server.base);
    let dom = dump_dom(chromium, &incident_url, &profile);
    let rows = claim_rows(&dom);
    let sohr = "Syrian Observatory for Human Rights";
    for (value, source, outlet) in [
        ("30", "Baladi News", "Baladi News"),
        ("32", sohr, "Reuters"),
        ("40", sohr, "AFP"),
    ] {
        let (_, row) = rows
            .iter()
            .find(|(v, _)| v == value)
            .unwrap_or_else(|| panic!("no claim row {value} in {rows:#?}"));
        assert!(row.contains(source), "{value}: {row}");
        assert!(row.contains(outlet), "{value}: {row}");
    }
    // Each article is shown right to left, the figures and sources marked
    // where they stand (byte spans cut in the browser).
    assert!(dom.contains("class=\"text\" dir=\"rtl\" lang=\"ar\""));
    for figure in [
        "مقتل 32 شخصا</mark>",
        "مقتل أربعين مدنياً</mark>",
        "30 شهيداً</mark>",
    ] {
        assert!(dom.contains(figure), "{figure} is marked");
    }
    assert!(dom.contains(">المرصد السوري لحقوق الإنسان</mark>"));

    // What an analyst sees, in Arabic.
    let png = dir.join("incident.png");
    let arabic = incident_url.replace("&lang=en", "&lang=ar");
    screenshot(chromium, &arabic, &png, "1300,2200", &profile);
    assert!(
        pixels_of(&png, [0xff, 0xe0, 0x8a]) > 500,
        "figures are highlighted"
    );
    assert!(
        pixels_of(&png, [0xbf, 0xe3, 0xff]) > 500,
        "sources are highlighted"
    );
    let kept = keep(&png, "rasid-server-incident.png");
    eprintln!("screenshot: {}", kept.display());
    let png = dir.join("list.png");
    screenshot(
        chromium,
        &list_url.replace("lang=en&", "lang=ar&"),
        &png,
        "1300,1100",
        &profile,
    );
    assert!(
        pixels_of(&png, [0xdf, 0xea, 0xf3]) > 10_000,
        "the map's sea is drawn"
    );
    keep(&png, "rasid-server-list.png");
}

#[test]
fn the_ui_renders_search_and_documents_on_our_samples() {
    let Some(chromium) = chromium() else { return };
    let server = Server::start(sample_db());
    let dir = scratch("browser-samples");
    let profile = dir.join("profile");
    // Search: "الجرحى" finds "والجرحى", highlighted in the snippet.
    let dom = dump_dom(
        chromium,
        &format!(
            "{}/?view=search&q=%D8%A7%D9%84%D8%AC%D8%B1%D8%AD%D9%89",
            server.base
        ),
        &profile,
    );
    assert!(dom.contains("<mark class=\"hit\">والجرحى</mark>"), "{dom}");
    // A document: its claims in a table, its figure and source marked.
    let dom = dump_dom(
        chromium,
        &format!("{}/?doc=t-ariha-2&lang=en", server.base),
        &profile,
    );
    let rows = claim_rows(&dom);
    assert_eq!(rows.len(), 2);
    assert!(rows[0].1.contains("Civil Defence"));
    assert!(dom.contains("قتل ٢٠ شخصاً</mark>"), "{dom}");
    assert!(dom.contains("<mark class=\"src\"") && dom.contains(">الدفاع المدني</mark>"));
    // An unknown incident: an error, not a blank page.
    let output = chromium_command(chromium, &profile)
        .arg("--dump-dom")
        .arg(format!("{}/?incident=nope", server.base))
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&output.stdout);
    assert!(
        dom.contains("data-state=\"error\"") && dom.contains("no incident"),
        "{dom}"
    );
}

#[test]
fn a_javascript_url_is_shown_as_text_and_an_https_url_as_a_link() {
    let Some(chromium) = chromium() else { return };
    let db = scratch("browser-urls").join("u.db");
    let text = "قال مسعفون إن ثلاثة مدنيين قتلوا في قصف على قرية البارة في ريف إدلب اليوم الأحد.";
    let lines = [
        serde_json::json!({"id": "u-script", "outlet": "Wire Script", "published": "2021-03-07",
            "url": "javascript:alert(document.domain)", "text": text}),
        serde_json::json!({"id": "u-data", "outlet": "Wire Data", "published": "2021-03-07",
            "url": " data:text/html,<script>alert(1)</script>", "text": text}),
        serde_json::json!({"id": "u-web", "outlet": "Wire Web", "published": "2021-03-07",
            "url": "https://wire.example/2021/03/07/baraa", "text": text}),
    ]
    .map(|line| line.to_string())
    .join("\n");
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime")
            .block_on(crate::common::ingest_into(&db, lines));
        db
    })
    .join()
    .map(|db| {
        let server = Server::start(&db);
        let profile = scratch("browser-urls-profile");
        for (id, shown) in [
            ("u-script", "javascript:alert(document.domain)"),
            (
                "u-data",
                "data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;",
            ),
        ] {
            let dom = dump_dom(
                chromium,
                &format!("{}/?doc={id}&lang=en", server.base),
                &profile,
            );
            assert!(
                !dom.contains("href=\"javascript:"),
                "{id}: a javascript: link"
            );
            assert!(!dom.contains("href=\"data:"), "{id}: a data: link");
            assert!(
                dom.contains(&format!(
                    "<span class=\"source-url\" dir=\"ltr\">{}",
                    shown.trim()
                )),
                "{id}: the address is shown as text"
            );
        }
        let dom = dump_dom(
            chromium,
            &format!("{}/?doc=u-web&lang=en", server.base),
            &profile,
        );
        assert!(
            dom.contains("href=\"https://wire.example/2021/03/07/baraa\""),
            "an https address is a link"
        );
    })
    .expect("the store builds");
}
