//! WARC files (`.warc`, `.warc.gz`): what crawlers write, read one record at
//! a time.
//!
//! rasid reads WARC itself rather than with the `warc` crate: that crate
//! reads a gzip'd file as one stream (a corrupt member loses the rest of the
//! file, and no offset can be reported), reads header lines of any length and
//! holds every record body in memory, however large. Here a `.warc.gz` is
//! read member by member with `flate2`, so a bad member is reported with its
//! byte offset and skipped; header blocks are capped at
//! [`MAX_HEADER_BYTES`]; and a body is buffered only when it is a page to
//! read, up to [`ReaderOptions::max_document_bytes`](crate::ReaderOptions).

use std::io::{self, BufRead, BufReader, Read};
use std::iter::FusedIterator;
use std::path::Path;

use flate2::bufread::{GzDecoder, MultiGzDecoder, ZlibDecoder};

use crate::html::read_page;
use crate::text::decode_html;
use crate::{Document, Origin, ReadError};

/// The largest WARC or HTTP header block read, in bytes.
pub const MAX_HEADER_BYTES: usize = 64 * 1024;

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// The documents of one WARC file, plain or gzip'd (recognised by its first
/// bytes, not its name), read a record at a time.
///
/// A `response` record whose HTTP status is 2xx and whose payload is HTML
/// (`text/html`, `application/xhtml+xml`, or untyped and looking like HTML)
/// or `text/plain` gives a document; so does a `resource` record of those
/// types. Every other record is skipped without being buffered.
///
/// A record that cannot be used gives one [`ReadError::BadRecord`] with its
/// number and byte offset, and reading goes on: after a bad record body with
/// the next record; after a malformed header block with the next line that
/// starts a record (`WARC/`); in a `.warc.gz`, after a corrupt gzip member
/// with the next gzip member found in the file. A truncated file (a gzip
/// member or a record cut short) ends with one such error.
pub struct WarcDocuments<R> {
    path: String,
    stem: String,
    limit: u64,
    state: State<R>,
    /// Records (and undecodable stretches) met so far: the number of the
    /// current one.
    record: usize,
    /// Records started in the current gzip member.
    member_records: usize,
    member_start: u64,
}

enum State<R> {
    Start(Counted<R>),
    Plain(Counted<R>),
    /// Between gzip members.
    Gzip(Counted<R>),
    Member(Box<BufReader<GzDecoder<Counted<R>>>>),
    Done,
}

/// Counts the bytes read from the file, for offsets in errors.
struct Counted<R> {
    inner: R,
    position: u64,
}

impl<R: BufRead> Read for Counted<R> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let read = self.inner.read(buffer)?;
        self.position += read as u64;
        Ok(read)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.position += amount as u64;
        self.inner.consume(amount);
    }
}

/// What reading one record gave.
enum Outcome {
    /// No record left in this stream (file or gzip member).
    End,
    Document(Box<Document>),
    Skipped,
    /// The record cannot be used; `resync` when its header block was
    /// unreadable, so the stream is not at the start of a record.
    Problem {
        reason: String,
        resync: bool,
    },
    /// Reading the stream itself failed (in a `.warc.gz`: the gzip data).
    Io(io::Error),
}

impl<R: BufRead> WarcDocuments<R> {
    pub(crate) fn new(reader: R, path: &str, limit: u64) -> Self {
        Self {
            path: path.to_owned(),
            stem: Path::new(path).file_name().map_or_else(
                || path.to_owned(),
                |name| {
                    let name = name.to_string_lossy();
                    let lower = name.to_ascii_lowercase();
                    let cut = [".warc.gz", ".warc"]
                        .iter()
                        .find(|suffix| lower.ends_with(*suffix))
                        .map_or(0, |suffix| suffix.len());
                    name[..name.len() - cut].to_owned()
                },
            ),
            limit,
            state: State::Start(Counted {
                inner: reader,
                position: 0,
            }),
            record: 0,
            member_records: 0,
            member_start: 0,
        }
    }

    fn bad_record(&self, offset: u64, reason: String) -> ReadError {
        ReadError::BadRecord {
            path: self.path.clone(),
            record: self.record,
            offset,
            reason,
        }
    }

    /// One step: an item, or `None` with `self.state` moved on.
    fn step(&mut self) -> Option<Result<Document, ReadError>> {
        match std::mem::replace(&mut self.state, State::Done) {
            State::Done => None,
            State::Start(mut source) => match source.fill_buf() {
                Err(cause) => Some(Err(ReadError::from_io(&self.path, None, cause))),
                Ok([]) => Some(Err(ReadError::Empty {
                    path: self.path.clone(),
                })),
                Ok(bytes) => {
                    self.state = if bytes.starts_with(&GZIP_MAGIC) {
                        State::Gzip(source)
                    } else {
                        State::Plain(source)
                    };
                    None
                }
            },
            State::Plain(mut source) => {
                if let Err(cause) = skip_line_breaks(&mut source) {
                    return Some(Err(self.read_failure(source.position, &cause)));
                }
                let offset = source.position;
                let outcome = self.read_record(&mut source);
                match outcome {
                    Outcome::End => None,
                    Outcome::Io(cause) => Some(Err(self.read_failure(offset, &cause))),
                    outcome => {
                        let resync = matches!(outcome, Outcome::Problem { resync: true, .. });
                        let item = self.item(outcome, offset);
                        if resync {
                            if let Err(cause) = skip_to_record_start(&mut source) {
                                return Some(Err(self.read_failure(source.position, &cause)));
                            }
                        }
                        self.state = State::Plain(source);
                        item
                    }
                }
            }
            State::Gzip(mut source) => {
                let start = source.position;
                match source.fill_buf() {
                    Err(cause) => Some(Err(self.read_failure(start, &cause))),
                    Ok([]) => None,
                    Ok(bytes) if bytes.starts_with(&GZIP_MAGIC) => {
                        self.member_start = start;
                        self.member_records = 0;
                        self.state =
                            State::Member(Box::new(BufReader::new(GzDecoder::new(source))));
                        None
                    }
                    Ok(_) => {
                        self.record += 1;
                        let reason = "not a gzip member".to_owned();
                        Some(Err(self.resync_gzip(source, start, &reason)))
                    }
                }
            }
            State::Member(mut member) => {
                let start = self.member_start;
                match self.read_record(&mut *member) {
                    Outcome::End => {
                        self.state = State::Gzip(member.into_inner().into_inner());
                        None
                    }
                    Outcome::Io(cause) => Some(Err(self.gzip_failure(*member, &cause))),
                    outcome @ Outcome::Problem { .. } => {
                        // The rest of the member is this record's, or cannot
                        // be told apart from it. When the member turns out
                        // corrupt, that is the cause to report: the record's
                        // problem came from its damaged bytes.
                        match io::copy(&mut *member, &mut io::sink()) {
                            Ok(_) => {
                                self.state = State::Gzip(member.into_inner().into_inner());
                                self.item(outcome, start)
                            }
                            Err(cause) => Some(Err(self.gzip_failure(*member, &cause))),
                        }
                    }
                    Outcome::Document(document) => {
                        // Read on to the end of the member when it holds no
                        // other record, so that its checksum is verified
                        // before a document made from its bytes is given.
                        match skip_line_breaks(&mut *member) {
                            Ok(true) => self.state = State::Member(member),
                            Ok(false) => {
                                self.state = State::Gzip(member.into_inner().into_inner());
                            }
                            Err(cause) => return Some(Err(self.gzip_failure(*member, &cause))),
                        }
                        Some(Ok(*document))
                    }
                    Outcome::Skipped => {
                        self.state = State::Member(member);
                        None
                    }
                }
            }
        }
    }

    fn item(&mut self, outcome: Outcome, offset: u64) -> Option<Result<Document, ReadError>> {
        match outcome {
            Outcome::Document(document) => Some(Ok(*document)),
            Outcome::Problem { reason, .. } => Some(Err(self.bad_record(offset, reason))),
            Outcome::Io(cause) => Some(Err(self.read_failure(offset, &cause))),
            Outcome::End | Outcome::Skipped => None,
        }
    }

    /// A plain file that cannot be read on: the file ends here.
    fn read_failure(&mut self, offset: u64, cause: &io::Error) -> ReadError {
        self.state = State::Done;
        if self.record == 0 {
            self.record = 1;
        }
        let reason = if cause.kind() == io::ErrorKind::UnexpectedEof {
            "truncated record".to_owned()
        } else {
            format!("cannot read: {cause}")
        };
        self.bad_record(offset, reason)
    }

    /// A gzip member that cannot be decompressed: reported, then reading
    /// resumes at the next gzip member, if any.
    fn gzip_failure(
        &mut self,
        member: BufReader<GzDecoder<Counted<R>>>,
        cause: &io::Error,
    ) -> ReadError {
        if self.member_records == 0 {
            self.record += 1;
        }
        let start = self.member_start;
        let source = member.into_inner().into_inner();
        if cause.kind() == io::ErrorKind::UnexpectedEof {
            self.state = State::Done;
            return self.bad_record(
                start,
                "truncated gzip member: the file ends inside it".to_owned(),
            );
        }
        self.resync_gzip(source, start, &format!("corrupt gzip member ({cause})"))
    }

    fn resync_gzip(&mut self, mut source: Counted<R>, start: u64, reason: &str) -> ReadError {
        match skip_to_gzip_member(&mut source, start) {
            Ok(true) => {
                let resumed = source.position;
                self.state = State::Gzip(source);
                self.bad_record(
                    start,
                    format!("{reason}; reading resumes at byte {resumed}"),
                )
            }
            Ok(false) => {
                self.state = State::Done;
                self.bad_record(start, format!("{reason}; no gzip member follows"))
            }
            Err(cause) => {
                self.state = State::Done;
                self.bad_record(start, format!("{reason}; then cannot read: {cause}"))
            }
        }
    }

    /// Reads one record from `source`, at the start of a record or of the
    /// blank lines before one.
    fn read_record(&mut self, source: &mut dyn BufRead) -> Outcome {
        match skip_line_breaks(source) {
            Err(cause) => return Outcome::Io(cause),
            Ok(false) => return Outcome::End,
            Ok(true) => {}
        }
        self.record += 1;
        self.member_records += 1;
        let problem = |reason: &str| Outcome::Problem {
            reason: reason.to_owned(),
            resync: true,
        };
        let block = match read_header_block(source) {
            Err(cause) => return Outcome::Io(cause),
            Ok(block) => block,
        };
        let Some((version, headers)) = block.lines.split_first() else {
            return problem("an empty header block");
        };
        if !version.starts_with("WARC/") {
            return problem(&format!(
                "not a WARC record: starts with `{}`",
                quote_start(version)
            ));
        }
        match block.end {
            BlockEnd::Blank => {}
            BlockEnd::TooLong => {
                return problem(&format!("a header block over {MAX_HEADER_BYTES} bytes"))
            }
            BlockEnd::Eof => return problem("truncated record: the file ends in its header"),
        }
        let headers = Headers::parse(headers);
        let Some(length) = headers.get("content-length") else {
            return problem("no `Content-Length` header");
        };
        let Ok(length) = length.trim().parse::<u64>() else {
            return problem(&format!(
                "a `Content-Length` of `{}`",
                length.escape_debug()
            ));
        };
        let mut content = source.take(length);
        let outcome = self.read_content(&headers, &mut content);
        if let Err(cause) = io::copy(&mut content, &mut io::sink()) {
            return Outcome::Io(cause);
        }
        if content.limit() > 0 {
            return Outcome::Problem {
                reason: format!(
                    "truncated record: {} of {length} content bytes",
                    length - content.limit()
                ),
                resync: false,
            };
        }
        outcome
    }

    fn read_content(&self, headers: &Headers, content: &mut dyn BufRead) -> Outcome {
        let problem = |reason: String| Outcome::Problem {
            reason,
            resync: false,
        };
        let warc_type = headers
            .get("warc-type")
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        let content_type = headers.get("content-type").unwrap_or_default();
        let (kind, charset, transfer) = match warc_type.as_str() {
            "response"
                if media_type(content_type).is_empty()
                    || media_type(content_type) == "application/http" =>
            {
                let head = match read_header_block(content) {
                    Err(cause) => return Outcome::Io(cause),
                    Ok(head) => head,
                };
                let Some((status, http)) = head.lines.split_first() else {
                    return problem("an empty HTTP response".to_owned());
                };
                let Some(code) = status_code(status) else {
                    return problem(format!(
                        "not an HTTP response: starts with `{}`",
                        quote_start(status)
                    ));
                };
                match head.end {
                    BlockEnd::Blank => {}
                    BlockEnd::TooLong => {
                        return problem(format!("an HTTP header over {MAX_HEADER_BYTES} bytes"))
                    }
                    BlockEnd::Eof => return problem("truncated HTTP response header".to_owned()),
                }
                // Redirects and error pages are not articles.
                if !(200..300).contains(&code) {
                    return Outcome::Skipped;
                }
                let http = Headers::parse(http);
                let payload_type = http.get("content-type").unwrap_or_default();
                let Some(kind) = PayloadKind::of(payload_type) else {
                    return Outcome::Skipped;
                };
                let transfer = Transfer {
                    chunked: http
                        .get("transfer-encoding")
                        .is_some_and(|value| value.to_ascii_lowercase().contains("chunked")),
                    encoding: http
                        .get("content-encoding")
                        .map(|value| value.trim().to_ascii_lowercase()),
                };
                (kind, charset(payload_type), transfer)
            }
            "response" | "resource" => {
                let Some(kind) = PayloadKind::of(content_type) else {
                    return Outcome::Skipped;
                };
                (kind, charset(content_type), Transfer::default())
            }
            _ => return Outcome::Skipped,
        };
        let raw = match read_at_most(content, self.limit) {
            Err(cause) => return Outcome::Io(cause),
            Ok(None) if kind == PayloadKind::Unknown => return Outcome::Skipped,
            Ok(None) => {
                return problem(format!("a payload over the limit of {} bytes", self.limit))
            }
            Ok(Some(raw)) => raw,
        };
        let body = match transfer.decode(raw, self.limit) {
            Ok(body) => body,
            Err(reason) => return problem(reason),
        };
        let kind = match kind {
            PayloadKind::Unknown if looks_like_html(&body) => PayloadKind::Html,
            PayloadKind::Unknown => return Outcome::Skipped,
            kind => kind,
        };
        let what = if kind == PayloadKind::Html {
            "HTML payload"
        } else {
            "text payload"
        };
        let text = match decode_html(body, charset.as_deref()) {
            Ok(text) => text,
            Err(text_problem) => return problem(text_problem.describe(what)),
        };
        let target = headers.get("warc-target-uri").and_then(|uri| {
            non_empty(uri.trim_matches(|c: char| c == '<' || c == '>' || c.is_whitespace()))
        });
        let warc_date = headers
            .get("warc-date")
            .and_then(|date| non_empty(date.trim()));
        let id = headers
            .get("warc-record-id")
            .and_then(|id| non_empty(id.trim().trim_start_matches('<').trim_end_matches('>')))
            .or_else(|| {
                target
                    .as_deref()
                    .map(|uri| format!("uri:{:016x}", fnv1a(uri.as_bytes())))
            })
            .unwrap_or_else(|| format!("{}:{}", self.stem, self.record));
        let origin = Origin {
            path: self.path.clone(),
            line: Some(self.record),
        };
        let document = if kind == PayloadKind::Html {
            let page = read_page(&text);
            let Some(text) = page.text() else {
                return problem("no readable text in the HTML page".to_owned());
            };
            let metadata = page.metadata;
            Document {
                id,
                outlet: metadata.outlet,
                published: metadata.published.or(warc_date),
                url: target.or(metadata.url),
                lang: metadata.lang,
                text,
                origin,
            }
        } else {
            Document {
                id,
                outlet: None,
                published: warc_date,
                url: target,
                lang: None,
                text,
                origin,
            }
        };
        Outcome::Document(Box::new(document))
    }
}

impl<R: BufRead> Iterator for WarcDocuments<R> {
    type Item = Result<Document, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if matches!(self.state, State::Done) {
                return None;
            }
            if let Some(item) = self.step() {
                return Some(item);
            }
        }
    }
}

impl<R: BufRead> FusedIterator for WarcDocuments<R> {}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PayloadKind {
    Html,
    Plain,
    /// No `Content-Type`: read if it looks like HTML.
    Unknown,
}

impl PayloadKind {
    fn of(content_type: &str) -> Option<Self> {
        match media_type(content_type).as_str() {
            "" => Some(Self::Unknown),
            "text/html" | "application/xhtml+xml" => Some(Self::Html),
            "text/plain" => Some(Self::Plain),
            _ => None,
        }
    }
}

/// How an HTTP body was sent.
#[derive(Default)]
struct Transfer {
    chunked: bool,
    encoding: Option<String>,
}

impl Transfer {
    /// The body as the page's bytes. Crawlers differ in what they store: some
    /// keep the chunks and compression, some store the decoded body with the
    /// original headers. So a body that does not parse as chunks, or does not
    /// start like compressed data, is taken as it is.
    fn decode(&self, raw: Vec<u8>, limit: u64) -> Result<Vec<u8>, String> {
        let body = if self.chunked {
            dechunk(&raw).unwrap_or(raw)
        } else {
            raw
        };
        let too_large = || format!("a decompressed payload over the limit of {limit} bytes");
        match self.encoding.as_deref() {
            None | Some("" | "identity" | "none") => Ok(body),
            Some("gzip" | "x-gzip") if body.starts_with(&GZIP_MAGIC) => {
                inflate(MultiGzDecoder::new(body.as_slice()), limit)
                    .map_err(|cause| format!("corrupt gzip content encoding ({cause})"))?
                    .ok_or_else(too_large)
            }
            Some("deflate") if body.first().is_some_and(|byte| byte & 0x0f == 8) => {
                inflate(ZlibDecoder::new(body.as_slice()), limit)
                    .map_err(|cause| format!("corrupt deflate content encoding ({cause})"))?
                    .ok_or_else(too_large)
            }
            Some("gzip" | "x-gzip" | "deflate") => Ok(body),
            Some(other) => Err(format!(
                "content encoding `{}` is not supported",
                other.escape_debug()
            )),
        }
    }
}

fn inflate(decoder: impl Read, limit: u64) -> io::Result<Option<Vec<u8>>> {
    read_at_most(&mut BufReader::new(decoder), limit)
}

/// Undoes `Transfer-Encoding: chunked`; `None` when `raw` is not chunks.
fn dechunk(raw: &[u8]) -> Option<Vec<u8>> {
    let mut body = Vec::with_capacity(raw.len());
    let mut rest = raw;
    loop {
        let end = rest.iter().position(|&byte| byte == b'\n')?;
        let line = std::str::from_utf8(&rest[..end]).ok()?;
        let size = line.split(';').next()?.trim();
        let size = usize::from_str_radix(size, 16).ok()?;
        rest = &rest[end + 1..];
        if size == 0 {
            return Some(body);
        }
        body.extend_from_slice(rest.get(..size)?);
        rest = &rest[size..];
        rest = rest.strip_prefix(b"\r").unwrap_or(rest);
        rest = rest.strip_prefix(b"\n")?;
    }
}

/// All of `reader`, or `None` when it holds more than `limit` bytes (then
/// read no further than the limit).
fn read_at_most(reader: &mut dyn BufRead, limit: u64) -> io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

fn looks_like_html(body: &[u8]) -> bool {
    let head = body[..body.len().min(1024)].to_ascii_lowercase();
    let trimmed = head.trim_ascii_start();
    let trimmed = trimmed.strip_prefix(b"\xef\xbb\xbf").unwrap_or(trimmed);
    trimmed.starts_with(b"<")
        && [&b"<html"[..], b"<!doctype html", b"<head", b"<body"]
            .iter()
            .any(|tag| head.windows(tag.len()).any(|window| window == *tag))
}

/// `text/html` from `Text/HTML; charset=windows-1256`.
fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

fn charset(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|parameter| {
        let (name, value) = parameter.split_once('=')?;
        name.trim().eq_ignore_ascii_case("charset").then(|| {
            value
                .trim()
                .trim_matches(|c| c == '"' || c == '\'')
                .to_owned()
        })
    })
}

fn status_code(status_line: &str) -> Option<u16> {
    let mut words = status_line.split_ascii_whitespace();
    if !words.next()?.starts_with("HTTP/") {
        return None;
    }
    let code = words.next()?;
    if code.len() != 3 {
        return None;
    }
    code.parse().ok()
}

fn non_empty(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_owned())
}

/// FNV-1a, 64 bits: a stable id for a page without a `WARC-Record-ID`.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Header fields, names lower-cased, in order.
struct Headers(Vec<(String, String)>);

impl Headers {
    /// Parses `Name: value` lines; a line starting with a space or tab
    /// continues the previous value; lines without a colon are ignored.
    fn parse(lines: &[String]) -> Self {
        let mut fields: Vec<(String, String)> = Vec::new();
        for line in lines {
            if line.starts_with([' ', '\t']) {
                if let Some((_, value)) = fields.last_mut() {
                    value.push(' ');
                    value.push_str(line.trim());
                }
                continue;
            }
            if let Some((name, value)) = line.split_once(':') {
                fields.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
            }
        }
        Self(fields)
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Lines up to a blank one, without line endings; the first line is kept
/// even when the block is cut short, so that it can be shown.
struct HeaderBlock {
    lines: Vec<String>,
    end: BlockEnd,
}

#[derive(PartialEq, Eq)]
enum BlockEnd {
    /// The blank line.
    Blank,
    /// Over [`MAX_HEADER_BYTES`].
    TooLong,
    /// The input ended before the blank line.
    Eof,
}

/// Reads lines up to a blank one, at most [`MAX_HEADER_BYTES`] in all.
/// Bytes that are not UTF-8 are replaced (header values are ASCII; a URI
/// may hold raw bytes).
fn read_header_block(source: &mut dyn BufRead) -> io::Result<HeaderBlock> {
    let mut lines = Vec::new();
    let mut total = 0usize;
    let mut line = Vec::new();
    loop {
        line.clear();
        let budget = MAX_HEADER_BYTES.saturating_sub(total);
        let read = source
            .take(budget as u64 + 1)
            .read_until(b'\n', &mut line)?;
        total += read;
        let end = if total > MAX_HEADER_BYTES {
            BlockEnd::TooLong
        } else if line.last() != Some(&b'\n') {
            BlockEnd::Eof
        } else {
            line.pop();
            if line.last() == Some(&b'\r') {
                line.pop();
            }
            if line.is_empty() {
                return Ok(HeaderBlock {
                    lines,
                    end: BlockEnd::Blank,
                });
            }
            lines.push(String::from_utf8_lossy(&line).into_owned());
            continue;
        };
        if lines.is_empty() && !line.is_empty() {
            lines.push(String::from_utf8_lossy(&line).into_owned());
        }
        return Ok(HeaderBlock { lines, end });
    }
}

/// The start of a line, for a message.
fn quote_start(line: &str) -> String {
    line.chars()
        .take(24)
        .collect::<String>()
        .escape_debug()
        .to_string()
}

/// Consumes CR and LF bytes; `false` at the end of the input.
fn skip_line_breaks(source: &mut dyn BufRead) -> io::Result<bool> {
    loop {
        let available = source.fill_buf()?;
        if available.is_empty() {
            return Ok(false);
        }
        let breaks = available
            .iter()
            .take_while(|&&byte| byte == b'\r' || byte == b'\n')
            .count();
        let more = breaks == available.len();
        source.consume(breaks);
        if !more {
            return Ok(true);
        }
    }
}

/// Skips to the next line that starts with `WARC/` (or the end).
fn skip_to_record_start(source: &mut dyn BufRead) -> io::Result<()> {
    let mut line_start = false;
    loop {
        let available = source.fill_buf()?;
        if available.is_empty() {
            return Ok(());
        }
        if line_start && available.starts_with(b"WARC/") {
            return Ok(());
        }
        match available.iter().position(|&byte| byte == b'\n') {
            Some(newline) => {
                source.consume(newline + 1);
                line_start = true;
            }
            None => {
                let length = available.len();
                source.consume(length);
                line_start = false;
            }
        }
    }
}

/// Skips to the next gzip member header (`1f 8b 08`); `false` when there is
/// none.
fn skip_to_gzip_member<R: BufRead>(source: &mut Counted<R>, failed_at: u64) -> io::Result<bool> {
    // Past the byte where the failed member started, or the search finds it
    // again; a member that failed at its end (its checksum) may be followed
    // by the next one right here.
    let mut skip_first = source.position == failed_at;
    loop {
        let available = source.fill_buf()?;
        if available.len() < 3 {
            // Too short to be a member; a tail that is one is read as one
            // and fails as truncated.
            if available.is_empty() {
                return Ok(false);
            }
            if available.starts_with(&GZIP_MAGIC) && !skip_first {
                return Ok(true);
            }
            let length = available.len();
            source.consume(length.min(1));
            skip_first = false;
            continue;
        }
        let from = usize::from(skip_first);
        match available[from..]
            .windows(3)
            .position(|window| window == [0x1f, 0x8b, 0x08])
        {
            Some(at) => {
                source.consume(from + at);
                return Ok(true);
            }
            None => {
                // Keep the last two bytes: a header may straddle the buffer.
                let keep = 2;
                let length = available.len() - keep;
                source.consume(length);
                skip_first = false;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{dechunk, fnv1a, looks_like_html, status_code, Headers};

    #[test]
    fn chunks_are_joined_and_non_chunks_refused() {
        assert_eq!(
            dechunk("4\r\nقص\r\n2;ext=1\r\nف\r\n0\r\n\r\n".as_bytes()).as_deref(),
            Some("قصف".as_bytes())
        );
        assert_eq!(dechunk(b"<html>not chunks</html>"), None);
        assert_eq!(dechunk(b"ff\r\nshort"), None);
    }

    #[test]
    fn headers_fold_and_ignore_case() {
        let lines = [
            "WARC-Type: response",
            "Content-Type: text/html;",
            "\tcharset=utf-8",
            "junk",
        ]
        .map(String::from);
        let headers = Headers::parse(&lines);
        assert_eq!(headers.get("warc-type"), Some("response"));
        assert_eq!(
            headers.get("content-type"),
            Some("text/html; charset=utf-8")
        );
    }

    #[test]
    fn status_lines() {
        assert_eq!(status_code("HTTP/1.1 200 OK"), Some(200));
        assert_eq!(status_code("HTTP/2 301"), Some(301));
        assert_eq!(status_code("GET / HTTP/1.1"), None);
        assert_eq!(status_code("HTTP/1.1 2000"), None);
    }

    #[test]
    fn html_is_recognised_without_a_content_type() {
        assert!(looks_like_html(b"\n<!DOCTYPE html><html lang=\"ar\">"));
        assert!(!looks_like_html(b"{\"json\": \"<html>\"}"));
    }

    #[test]
    fn fnv_is_stable() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
