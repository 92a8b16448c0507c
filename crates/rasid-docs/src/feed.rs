//! RSS 2.0, RSS 1.0 (RDF) and Atom feeds, read an item at a time.
//!
//! Parsed with `quick-xml` as a stream of events rather than with `feed-rs`,
//! which builds the whole feed in memory first: a feed here costs one item
//! (and one XML event, capped) at a time, however long it is.

use std::io::{self, BufRead};
use std::iter::FusedIterator;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader as XmlReader;

use crate::date::normalize_date;
use crate::html::fragment_text;
use crate::{Document, Origin, ReadError};

/// Room for the markup around the largest text an event may carry.
const EVENT_SLACK: u64 = 64 * 1024;

/// The documents of one feed: each RSS `<item>` or Atom `<entry>` is one.
///
/// The text is the item's title, a blank line, then its content
/// (`content:encoded`, Atom `content`) or, failing that, its description
/// (`description`, Atom `summary`), with HTML markup stripped. `published` is
/// `pubDate` (rewritten as ISO 8601), `dc:date`, Atom `published`, then
/// `updated`; `url` is the item's link; `outlet` the channel's (feed's)
/// title; `lang` the channel's `language` or the feed's `xml:lang`; `id` the
/// `guid` (Atom `id`), else the link, else `<file stem>:<item>`. An item
/// over the size limit, or without any text, is one
/// [`ReadError::BadItem`]; XML that is not well-formed ends the feed with one
/// [`ReadError::MalformedXml`].
pub struct FeedDocuments<R> {
    xml: XmlReader<Budget<R>>,
    buffer: Vec<u8>,
    path: String,
    stem: String,
    limit: u64,
    /// Not a feed: say nothing (an `.xml` file met in a directory).
    quiet_if_not_feed: bool,
    kind: Option<FeedKind>,
    /// Lower-case local names of the open elements.
    stack: Vec<String>,
    channel: Channel,
    item: Option<Item>,
    items: usize,
    done: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FeedKind {
    /// RSS 2.0 and RSS 1.0 (RDF): `<item>`.
    Rss,
    /// Atom: `<entry>`.
    Atom,
}

#[derive(Default)]
struct Channel {
    title: String,
    lang: Option<String>,
    /// Reading the channel's `title` or `language` (the stack depth).
    field: Option<(ChannelField, usize)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ChannelField {
    Title,
    Language,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Field {
    Title,
    Description,
    Content,
    Link,
    Published,
    Updated,
    Id,
}

/// How a field's text is written.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Markup {
    /// Escaped or CDATA HTML (RSS descriptions, Atom `type="html"`).
    Html,
    /// Plain text, or Atom `type="xhtml"` (whose elements are read as XML).
    Text,
}

#[derive(Default)]
struct Item {
    /// Stack depth of the `<item>` element.
    depth: usize,
    title: String,
    description: Option<(String, Markup)>,
    content: Option<(String, Markup)>,
    link: Option<String>,
    published: Option<String>,
    updated: Option<String>,
    id: Option<String>,
    /// The field being read and the stack depth of its element.
    field: Option<(Field, usize)>,
    size: u64,
    too_large: bool,
    undecodable: bool,
}

impl Item {
    fn buffer(&mut self, field: Field) -> Option<&mut String> {
        match field {
            Field::Title => Some(&mut self.title),
            Field::Description => self.description.as_mut().map(|(text, _)| text),
            Field::Content => self.content.as_mut().map(|(text, _)| text),
            Field::Link => self.link.as_mut(),
            Field::Published => self.published.as_mut(),
            Field::Updated => self.updated.as_mut(),
            Field::Id => self.id.as_mut(),
        }
    }
}

/// Fails a read once one XML event has taken more than `cap` bytes, so that
/// a runaway text node cannot fill memory.
struct Budget<R> {
    inner: R,
    used: u64,
    cap: u64,
}

impl<R: BufRead> io::Read for Budget<R> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let count = available.len().min(buffer.len());
        buffer[..count].copy_from_slice(&available[..count]);
        self.consume(count);
        Ok(count)
    }
}

impl<R: BufRead> BufRead for Budget<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.used > self.cap {
            return Err(io::Error::other(format!(
                "one element or text of more than {} bytes",
                self.cap
            )));
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.used += amount as u64;
        self.inner.consume(amount);
    }
}

impl<R: BufRead> FeedDocuments<R> {
    pub(crate) fn new(reader: R, path: &str, limit: u64, quiet_if_not_feed: bool) -> Self {
        let mut xml = XmlReader::from_reader(Budget {
            inner: reader,
            used: 0,
            cap: limit.saturating_add(EVENT_SLACK),
        });
        let config = xml.config_mut();
        // Feeds in the wild carry bare `&` in links and text.
        config.allow_dangling_amp = true;
        config.expand_empty_elements = false;
        Self {
            xml,
            buffer: Vec::new(),
            path: path.to_owned(),
            stem: Path::new(path).file_stem().map_or_else(
                || path.to_owned(),
                |stem| stem.to_string_lossy().into_owned(),
            ),
            limit,
            quiet_if_not_feed,
            kind: None,
            stack: Vec::new(),
            channel: Channel::default(),
            item: None,
            items: 0,
            done: false,
        }
    }

    fn not_a_feed(&mut self, reason: String) -> Option<Result<Document, ReadError>> {
        self.done = true;
        if self.quiet_if_not_feed {
            return None;
        }
        Some(Err(ReadError::NotAFeed {
            path: self.path.clone(),
            reason,
        }))
    }

    fn malformed(&mut self, reason: String) -> Option<Result<Document, ReadError>> {
        self.done = true;
        if self.kind.is_none() {
            return self.not_a_feed(format!("not well-formed XML: {reason}"));
        }
        Some(Err(ReadError::MalformedXml {
            path: self.path.clone(),
            byte: self.xml.error_position(),
            reason,
        }))
    }

    /// An element opens; `empty` for `<link href="…"/>`.
    fn open(
        &mut self,
        element: &BytesStart<'_>,
        empty: bool,
    ) -> Option<Result<Document, ReadError>> {
        let name = String::from_utf8_lossy(element.local_name().as_ref()).to_ascii_lowercase();
        let Some(kind) = self.kind else {
            self.kind = match name.as_str() {
                "rss" | "rdf" => Some(FeedKind::Rss),
                "feed" => Some(FeedKind::Atom),
                _ => {
                    return self
                        .not_a_feed(format!("the root element is `<{}>`", name.escape_debug()))
                }
            };
            self.channel.lang = self.attribute(element, "lang");
            if !empty {
                self.stack.push(name);
            }
            return None;
        };
        let parent = self.stack.last().map(String::as_str);
        let item_name = if kind == FeedKind::Atom {
            "entry"
        } else {
            "item"
        };
        let depth = self.stack.len() + 1;
        if self.item.is_none() && name == item_name {
            if empty {
                self.items += 1;
                return Some(Err(
                    self.bad_item("no title, description or content".to_owned())
                ));
            }
            self.item = Some(Item {
                depth,
                ..Item::default()
            });
        } else if let Some(item) = &self.item {
            let in_field = item.field.is_some();
            let direct = depth == item.depth + 1;
            if in_field {
                // Inside an Atom `type="xhtml"` field: its elements are markup.
                if is_block(&name) {
                    self.push_text("\n");
                }
            } else if direct {
                self.open_item_field(kind, &name, element, depth, empty);
            }
        } else if self.channel.field.is_none() {
            let in_channel = match kind {
                FeedKind::Atom => depth == 2,
                FeedKind::Rss => parent == Some("channel"),
            };
            if in_channel && !empty {
                self.channel.field = match name.as_str() {
                    "title" => Some((ChannelField::Title, depth)),
                    "language" => Some((ChannelField::Language, depth)),
                    _ => None,
                };
            }
        }
        if !empty {
            self.stack.push(name);
        }
        None
    }

    fn open_item_field(
        &mut self,
        kind: FeedKind,
        name: &str,
        element: &BytesStart<'_>,
        depth: usize,
        empty: bool,
    ) {
        let markup = match self.attribute(element, "type").as_deref() {
            Some("html" | "text/html") => Markup::Html,
            Some("xhtml" | "text" | "text/plain" | "application/xhtml+xml") => Markup::Text,
            // RSS descriptions are HTML more often than not, and stripping
            // tags from plain text changes nothing.
            _ => Markup::Html,
        };
        let field = match name {
            "title" => Field::Title,
            "description" | "summary" => Field::Description,
            "encoded" | "content" => Field::Content,
            "link" if kind == FeedKind::Atom => {
                let rel = self.attribute(element, "rel");
                if rel.as_deref().is_none_or(|rel| rel == "alternate") {
                    if let (Some(href), Some(item)) =
                        (self.attribute(element, "href"), &mut self.item)
                    {
                        if item.link.is_none() || rel.is_some() {
                            item.link = Some(href);
                        }
                    }
                }
                return;
            }
            "link" => Field::Link,
            "pubdate" | "published" | "date" | "issued" => Field::Published,
            "updated" | "modified" => Field::Updated,
            "guid" | "id" => Field::Id,
            _ => return,
        };
        let Some(item) = &mut self.item else { return };
        match field {
            Field::Description => item.description = Some((String::new(), markup)),
            Field::Content => item.content = Some((String::new(), markup)),
            Field::Link => item.link = Some(String::new()),
            Field::Published => item.published = Some(String::new()),
            Field::Updated => item.updated = Some(String::new()),
            Field::Id => item.id = Some(String::new()),
            Field::Title => item.title.clear(),
        }
        if !empty {
            item.field = Some((field, depth));
        }
    }

    fn attribute(&self, element: &BytesStart<'_>, local: &str) -> Option<String> {
        element.attributes().flatten().find_map(|attribute| {
            if !attribute
                .key
                .local_name()
                .as_ref()
                .eq_ignore_ascii_case(local.as_bytes())
            {
                return None;
            }
            let value = attribute
                .decode_and_unescape_value(self.xml.decoder())
                .ok()?;
            let value = value.trim();
            (!value.is_empty()).then(|| value.to_owned())
        })
    }

    /// An element closes; the end of an item gives its document or error.
    fn close(&mut self) -> Option<Result<Document, ReadError>> {
        let depth = self.stack.len();
        let name = self.stack.pop().unwrap_or_default();
        if self.channel.field.is_some_and(|(_, at)| at == depth) {
            self.channel.field = None;
        }
        let item = self.item.as_mut()?;
        if let Some((_, at)) = item.field {
            if at == depth {
                item.field = None;
            } else if is_block(&name) {
                self.push_text("\n");
            }
            return None;
        }
        if item.depth != depth {
            return None;
        }
        let item = self.item.take()?;
        self.items += 1;
        Some(self.finish_item(item))
    }

    fn bad_item(&self, reason: String) -> ReadError {
        ReadError::BadItem {
            path: self.path.clone(),
            item: self.items,
            reason,
        }
    }

    fn finish_item(&self, item: Item) -> Result<Document, ReadError> {
        if item.too_large {
            return Err(self.bad_item(format!("over the limit of {} bytes", self.limit)));
        }
        if item.undecodable {
            return Err(
                self.bad_item("text that cannot be decoded in the feed's encoding".to_owned())
            );
        }
        let title = collapse(&item.title);
        let body = [item.content, item.description]
            .into_iter()
            .flatten()
            .map(|(text, markup)| match markup {
                Markup::Html => fragment_text(&text),
                Markup::Text => paragraphs(&text),
            })
            .find(|text| !text.is_empty())
            .unwrap_or_default();
        let text = match (title.is_empty(), body.is_empty()) {
            (true, true) => {
                return Err(self.bad_item("no title, description or content".to_owned()))
            }
            (false, true) => title,
            (true, false) => body,
            (false, false) => format!("{title}\n\n{body}"),
        };
        let link = item
            .link
            .map(|link| link.trim().to_owned())
            .filter(|link| !link.is_empty());
        let id = item
            .id
            .map(|id| id.trim().to_owned())
            .filter(|id| !id.is_empty())
            .or_else(|| link.clone())
            .unwrap_or_else(|| format!("{}:{}", self.stem, self.items));
        let published = [item.published, item.updated]
            .into_iter()
            .flatten()
            .map(|date| normalize_date(&date))
            .find(|date| !date.is_empty());
        let outlet = Some(collapse(&self.channel.title)).filter(|title| !title.is_empty());
        Ok(Document {
            id,
            outlet,
            published,
            url: link,
            lang: self.channel.lang.clone(),
            text,
            origin: Origin {
                path: self.path.clone(),
                line: Some(self.items),
            },
        })
    }

    fn push_text(&mut self, text: &str) {
        if let Some((field, _)) = self.channel.field {
            let target = match field {
                ChannelField::Title => &mut self.channel.title,
                ChannelField::Language => self.channel.lang.get_or_insert_with(String::new),
            };
            // A channel title is a line; more is not a title.
            if target.len() + text.len() <= 4096 {
                target.push_str(text);
            }
            return;
        }
        let limit = self.limit;
        let Some(item) = &mut self.item else { return };
        let Some((field, _)) = item.field else { return };
        item.size += text.len() as u64;
        if item.size > limit {
            item.too_large = true;
        }
        if item.too_large {
            return;
        }
        if let Some(buffer) = item.buffer(field) {
            buffer.push_str(text);
        }
    }

    fn mark_undecodable(&mut self) {
        if let Some(item) = &mut self.item {
            if item.field.is_some() {
                item.undecodable = true;
            }
        }
    }
}

impl<R: BufRead> Iterator for FeedDocuments<R> {
    type Item = Result<Document, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut buffer = std::mem::take(&mut self.buffer);
        let item = loop {
            if self.done {
                break None;
            }
            buffer.clear();
            self.xml.get_mut().used = 0;
            let event = match self.xml.read_event_into(&mut buffer) {
                Ok(event) => event,
                Err(error) => break self.malformed(error.to_string()),
            };
            let item = match event {
                Event::Start(element) => self.open(&element, false),
                Event::Empty(element) => self.open(&element, true),
                Event::End(_) => self.close(),
                Event::Text(text) => {
                    if self.kind.is_some() {
                        match text.xml10_content() {
                            Ok(text) => self.push_text(&text),
                            Err(_) => self.mark_undecodable(),
                        }
                    }
                    None
                }
                Event::CData(data) => {
                    match data.xml10_content() {
                        Ok(text) => self.push_text(&text),
                        Err(_) => self.mark_undecodable(),
                    }
                    None
                }
                Event::GeneralRef(reference) => {
                    match reference.resolve_char_ref() {
                        Ok(Some(character)) => self.push_text(character.encode_utf8(&mut [0; 4])),
                        Ok(None) => match reference.decode() {
                            Ok(name) => {
                                let text = entity(&name)
                                    .map_or_else(|| format!("&{name};"), str::to_owned);
                                self.push_text(&text);
                            }
                            Err(_) => self.mark_undecodable(),
                        },
                        Err(_) => self.mark_undecodable(),
                    }
                    None
                }
                Event::Eof => {
                    self.done = true;
                    if self.kind.is_none() {
                        if self.xml.buffer_position() == 0 {
                            break if self.quiet_if_not_feed {
                                None
                            } else {
                                Some(Err(ReadError::Empty {
                                    path: self.path.clone(),
                                }))
                            };
                        }
                        break self.not_a_feed("no root element".to_owned());
                    }
                    if let Some(open) = self.stack.last() {
                        let reason = format!("the file ends inside `<{}>`", open.escape_debug());
                        break self.malformed(reason);
                    }
                    None
                }
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => None,
            };
            if item.is_some() {
                break item;
            }
        };
        self.buffer = buffer;
        item
    }
}

impl<R: BufRead> FusedIterator for FeedDocuments<R> {}

/// The five XML entities, and `&nbsp;`, which feeds use though XML lacks it.
fn entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        _ => return None,
    })
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "li"
            | "ul"
            | "ol"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "tr"
            | "table"
    )
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Plain text with runs of white space collapsed within lines, and blank
/// lines between paragraphs.
fn paragraphs(text: &str) -> String {
    text.lines()
        .map(collapse)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}
