//! Shows that reading stays within bounded memory: writes a large JSON Lines
//! file (plain and gzip'd), a large `.warc.gz` and one 100 MB document into a
//! temporary directory, reads each, and prints the process's peak resident
//! memory (`VmHWM`, Linux) after each step.
//!
//! ```sh
//! cargo run --release -p rasid-docs --example bounded_memory            # 300 MB JSONL
//! cargo run --release -p rasid-docs --example bounded_memory -- 600     # 600 MB JSONL
//! cargo run --release -p rasid-docs --example bounded_memory -- long-line 16
//! ```
//!
//! `long-line N` measures alone (the peak only grows) what a refused JSON
//! line costs: one line of 100 MiB under a limit of N MiB, then a short one.
//!
//! The streamed inputs are read first, since the peak only grows: their
//! line shows what streaming costs whatever the file's size. Then a 50 MiB
//! HTML page (read whole, parsed twice), and last the 100 MB document,
//! twice: refused unread under the default limit (64 MiB), then read whole
//! under a 128 MiB limit, which costs about its size.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::Path;

use flate2::write::GzEncoder;
use flate2::Compression;
use rasid_docs::{read_inputs, Input, ReaderOptions};

const PARAGRAPH: &str = "قال الدفاع المدني السوري إن 12 مدنيا بينهم أربعة أطفال قتلوا، وأصيب أكثر من 30 آخرين، في قصف مدفعي استهدف بلدة كفرنبل بريف إدلب الجنوبي صباح الثلاثاء. ";

fn peak_resident_mib() -> String {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmHWM:"))
                .and_then(|line| line.split_whitespace().nth(1))
                .and_then(|kib| kib.parse::<u64>().ok())
        })
        .map_or_else(|| "unknown".to_owned(), |kib| format!("{} MiB", kib / 1024))
}

/// Reads `path` and reports documents, errors and the peak memory so far.
fn read(label: &str, path: &Path, options: &ReaderOptions) {
    let mut documents = 0u64;
    let mut bytes = 0u64;
    let mut errors = Vec::new();
    for item in read_inputs(&[Input::Path(path.to_path_buf())], options) {
        match item {
            Ok(document) => {
                documents += 1;
                bytes += document.text.len() as u64;
            }
            Err(error) => errors.push(error.to_string()),
        }
    }
    let size = fs::metadata(path).map_or(0, |metadata| metadata.len());
    println!(
        "{label}: file {} MiB, {documents} documents, {} MiB of text, {} errors{}; peak resident {}",
        size >> 20,
        bytes >> 20,
        errors.len(),
        errors.first().map(|error| format!(" ({error})")).unwrap_or_default(),
        peak_resident_mib()
    );
}

/// One JSON line of 100 MiB, refused under a limit of `limit_mib`, then a
/// short line that is read.
fn long_line(limit_mib: u64) -> std::io::Result<()> {
    let directory = tempfile::tempdir()?;
    let path = directory.path().join("long.jsonl");
    {
        let mut file = BufWriter::new(File::create(&path)?);
        file.write_all(b"{\"id\": \"long\", \"text\": \"")?;
        for _ in 0..(100 << 20) / PARAGRAPH.len() {
            file.write_all(PARAGRAPH.as_bytes())?;
        }
        file.write_all(b"\"}\n")?;
        writeln!(file, "{{\"id\": \"short\", \"text\": \"{PARAGRAPH}\"}}")?;
        file.flush()?;
    }
    read(
        &format!("one 100 MiB JSON line under a {limit_mib} MiB limit"),
        &path,
        &ReaderOptions {
            max_document_bytes: limit_mib << 20,
            ..ReaderOptions::default()
        },
    );
    Ok(())
}

fn main() -> std::io::Result<()> {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    if arguments.first().map(String::as_str) == Some("long-line") {
        let limit = arguments.get(1).and_then(|n| n.parse().ok()).unwrap_or(16);
        return long_line(limit);
    }
    let jsonl_mib: u64 = std::env::args()
        .nth(1)
        .and_then(|arg| arg.parse().ok())
        .unwrap_or(300);
    let directory = tempfile::TempDir::new()?;
    let root = directory.path();
    println!("at start: peak resident {}", peak_resident_mib());

    // JSON Lines of about 2 KiB a line.
    let line = format!(
        "{{\"id\": \"ID\", \"outlet\": \"شبكة الشمال\", \"published\": \"2019-05-14\", \"text\": \"{}\"}}\n",
        PARAGRAPH.repeat(7)
    );
    let lines = (jsonl_mib << 20) / line.len() as u64;
    let jsonl = root.join("big.jsonl");
    let gz = root.join("big.jsonl.gz");
    {
        let mut plain = BufWriter::new(File::create(&jsonl)?);
        let mut packed = GzEncoder::new(BufWriter::new(File::create(&gz)?), Compression::fast());
        for number in 0..lines {
            let line = line.replacen("ID", &number.to_string(), 1);
            plain.write_all(line.as_bytes())?;
            packed.write_all(line.as_bytes())?;
        }
        plain.flush()?;
        packed.finish()?.flush()?;
    }
    let options = ReaderOptions::default();
    read("JSON Lines", &jsonl, &options);
    read("JSON Lines, gzip'd", &gz, &options);
    fs::remove_file(&jsonl)?;
    fs::remove_file(&gz)?;

    // A crawl: one gzip member per response record, a 25 KiB page each.
    let page = format!(
        "<html lang=\"ar\"><head><title>قصف على ريف إدلب</title></head><body><nav><a href=\"/\">الرئيسية</a></nav><article>{}</article><footer>جميع الحقوق محفوظة</footer></body></html>",
        format!("<p>{}</p>", PARAGRAPH.repeat(3)).repeat(30)
    );
    let warc = root.join("crawl.warc.gz");
    {
        let mut file = BufWriter::new(File::create(&warc)?);
        let http = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{page}",
            page.len()
        );
        for number in 0..4000 {
            let record = format!(
                "WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{number:08}>\r\nWARC-Target-URI: https://north.example/{number}\r\nWARC-Date: 2019-05-14T12:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
                http.len()
            );
            let mut member = GzEncoder::new(Vec::new(), Compression::fast());
            member.write_all(record.as_bytes())?;
            file.write_all(&member.finish()?)?;
        }
        file.flush()?;
    }
    read("WARC, gzip'd (100 MiB of pages)", &warc, &options);
    fs::remove_file(&warc)?;

    // One 50 MiB HTML page: parsed, it costs several times its size.
    let html = root.join("huge.html");
    {
        let mut file = BufWriter::new(File::create(&html)?);
        file.write_all(b"<html lang=\"ar\"><head><title>\xd9\x82\xd8\xb5\xd9\x81</title></head><body><article>")?;
        let paragraph = format!("<p>{PARAGRAPH}</p>\n");
        for _ in 0..(50 << 20) / paragraph.len() {
            file.write_all(paragraph.as_bytes())?;
        }
        file.write_all(b"</article></body></html>")?;
        file.flush()?;
    }
    read("50 MiB .html, default limit", &html, &options);
    fs::remove_file(&html)?;

    // One 100 MiB document.
    let text = root.join("huge.txt");
    {
        let mut file = BufWriter::new(File::create(&text)?);
        for _ in 0..(100 << 20) / PARAGRAPH.len() {
            file.write_all(PARAGRAPH.as_bytes())?;
        }
        file.flush()?;
    }
    read("100 MiB .txt, default limit", &text, &options);
    read(
        "100 MiB .txt, 128 MiB limit",
        &text,
        &ReaderOptions {
            max_document_bytes: 128 << 20,
            ..ReaderOptions::default()
        },
    );
    Ok(())
}
