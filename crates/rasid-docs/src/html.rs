//! HTML pages: the main text without menus, comments, scripts and footers,
//! and what the page says about itself (title, date, outlet, address,
//! language).
//!
//! The main text comes from `dom_smoothie` (a port of Mozilla's
//! Readability.js). When it finds nothing, or something much shorter than the
//! page's paragraphs, rasid's own readability-style pass over `scraper` takes
//! over (see [`main_text`]). The metadata is read with `scraper`, by the rules
//! in [`Metadata`].

use rasid_lexicon::table::{Schema, Table};
use std::collections::HashMap;

use dom_smoothie::{Config, Readability, TextMode};
use ego_tree::iter::Edge;
use ego_tree::{NodeId, NodeRef};
use scraper::node::Element;
use scraper::{Html, Node, Selector};
use serde_json::Value;

use crate::date::normalize_date;

/// What a page yields: its title, its main text and its metadata.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Page {
    pub(crate) title: Option<String>,
    /// Paragraphs separated by a blank line, without the title.
    pub(crate) body: String,
    pub(crate) metadata: Metadata,
}

impl Page {
    /// The document text: the title on the first line, a blank line, then the
    /// body. The title comes first because casualty figures are often in the
    /// headline ("مقتل 12 مدنيا في قصف على ...") and nowhere else. `None` when
    /// the body is empty: a title alone is usually an error page or a page
    /// built by scripts.
    pub(crate) fn text(&self) -> Option<String> {
        if self.body.trim().is_empty() {
            return None;
        }
        Some(match &self.title {
            Some(title) => format!("{title}\n\n{}", self.body),
            None => self.body.clone(),
        })
    }
}

/// The metadata of a page, each from the first source that has it:
///
/// * `published`: `<meta property="article:published_time">`, JSON-LD
///   `datePublished`, `<meta name="date">` (and `pubdate`, `publishdate`,
///   `DC.date.issued`, `dcterms.created`, `itemprop="datePublished"`), then
///   the first `<time datetime>` (one inside `<article>` first);
/// * `outlet`: `og:site_name`, JSON-LD `publisher` (its `name`),
///   `<meta name="author">`;
/// * `url`: `<link rel="canonical">`, `og:url`;
/// * `lang`: `<html lang>`, then `<meta http-equiv="content-language">`.
///
/// The title is JSON-LD `headline`, `og:title`, the first `<h1>`, then
/// `<title>`, less a trailing or leading outlet name ("… - الجزيرة نت").
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Metadata {
    pub(crate) published: Option<String>,
    pub(crate) outlet: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) lang: Option<String>,
}

/// Parses `html` and extracts its title, main text and metadata. Never fails:
/// a page without text gives an empty body.
pub(crate) fn read_page(html: &str) -> Page {
    let html = cap_nesting(html, MAX_NESTING);
    let document = Html::parse_document(&html);
    let metadata = metadata(&document);
    let title = title(&document, metadata.outlet.as_deref());
    let body = main_text(&html, &document, title.as_deref());
    Page {
        title,
        body,
        metadata,
    }
}

/// The text of an HTML fragment (a feed item's description), block by block;
/// scripts, styles and the like are dropped, nothing else.
pub(crate) fn fragment_text(html: &str) -> String {
    let fragment = Html::parse_fragment(html);
    let mut builder = TextBuilder::default();
    collect_text(fragment.tree.root(), SkipRules::TagsOnly, &mut builder);
    builder.finish(0.0).join("\n\n")
}

// ---------------------------------------------------------------------------
// Nesting

/// The deepest nesting of elements kept, as in Chrome's parser (which hangs
/// deeper elements on the 512th ancestor). The HTML parser's work per tag
/// grows with the depth, and `dom_smoothie` recurses through it: a crafted
/// page of nested `<div>`s would take hours, or overflow the stack.
const MAX_NESTING: usize = 512;

/// `html` with the tags nested deeper than `max` removed (their text is
/// kept); borrowed when nothing is that deep.
///
/// The depth is estimated from the tags alone: start tags minus end tags,
/// leaving out void elements (`<br>`), elements whose end tag may be omitted
/// (`<p>`, `<li>`, `<td>`: counting them would make a page of unclosed
/// paragraphs look deep), self-closed tags, comments, and the content of
/// `<script>`, `<style>` and the like.
pub(crate) fn cap_nesting(html: &str, max: usize) -> std::borrow::Cow<'_, str> {
    let tags = Tags::new(html);
    let mut depth = 0usize;
    let mut deepest = 0usize;
    for tag in tags {
        if tag.counted {
            if tag.end {
                depth = depth.saturating_sub(1);
            } else {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
    }
    if deepest <= max {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut kept = String::with_capacity(html.len());
    let mut copied = 0;
    depth = 0;
    for tag in Tags::new(html) {
        if !tag.counted {
            continue;
        }
        let drop = if tag.end {
            let drop = depth > max;
            depth = depth.saturating_sub(1);
            drop
        } else {
            depth += 1;
            depth > max
        };
        if drop {
            kept.push_str(&html[copied..tag.start]);
            copied = tag.end_byte;
        }
    }
    kept.push_str(&html[copied..]);
    std::borrow::Cow::Owned(kept)
}

/// A tag found by [`Tags`]: its bytes and whether it counts for depth.
struct Tag {
    start: usize,
    end_byte: usize,
    end: bool,
    counted: bool,
}

/// A rough scan of the tags of an HTML text (see [`cap_nesting`]).
struct Tags<'a> {
    html: &'a str,
    at: usize,
}

impl<'a> Tags<'a> {
    fn new(html: &'a str) -> Self {
        Self { html, at: 0 }
    }

    /// The byte after the first `needle` (ASCII, any case) from `from`, or
    /// the end.
    fn after(&self, from: usize, needle: &str) -> usize {
        let bytes = self.html.as_bytes();
        let needle = needle.as_bytes();
        bytes
            .get(from..)
            .and_then(|rest| {
                rest.windows(needle.len())
                    .position(|window| window.eq_ignore_ascii_case(needle))
            })
            .map_or(bytes.len(), |at| from + at + needle.len())
    }
}

impl Iterator for Tags<'_> {
    type Item = Tag;

    fn next(&mut self) -> Option<Tag> {
        let bytes = self.html.as_bytes();
        loop {
            let start = self.at + bytes.get(self.at..)?.iter().position(|&b| b == b'<')?;
            let rest = &bytes[start..];
            if rest.starts_with(b"<!--") {
                self.at = self.after(start + 4, "-->");
                continue;
            }
            if rest.get(1).is_some_and(|b| matches!(b, b'!' | b'?')) {
                self.at = self.after(start + 1, ">");
                continue;
            }
            let end = rest.get(1) == Some(&b'/');
            let name_start = start + 1 + usize::from(end);
            let name_length = bytes[name_start..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            if name_length == 0 || !bytes[name_start].is_ascii_alphabetic() {
                self.at = start + 1;
                continue;
            }
            let name = self.html[name_start..name_start + name_length].to_ascii_lowercase();
            let end_byte = self.after(name_start, ">");
            let self_closed = end_byte >= 2 && bytes[end_byte - 2] == b'/';
            self.at = end_byte;
            let raw_text = matches!(
                name.as_str(),
                "script"
                    | "style"
                    | "textarea"
                    | "title"
                    | "xmp"
                    | "iframe"
                    | "noembed"
                    | "noframes"
                    | "plaintext"
            );
            if raw_text && !end {
                // Its content is text, whatever it looks like; its end tag
                // is skipped with it.
                self.at = self.after(self.after(end_byte, &format!("</{name}")), ">");
            }
            let counted = !raw_text
                && !self_closed
                && !matches!(
                    name.as_str(),
                    "area"
                        | "base"
                        | "br"
                        | "col"
                        | "embed"
                        | "hr"
                        | "img"
                        | "input"
                        | "link"
                        | "meta"
                        | "source"
                        | "track"
                        | "wbr"
                        | "param"
                        | "keygen"
                        | "p"
                        | "li"
                        | "dt"
                        | "dd"
                        | "tr"
                        | "td"
                        | "th"
                        | "option"
                        | "optgroup"
                        | "tbody"
                        | "thead"
                        | "tfoot"
                        | "colgroup"
                        | "caption"
                        | "rb"
                        | "rt"
                        | "rp"
                        | "rtc"
                        | "html"
                        | "head"
                        | "body"
                );
            return Some(Tag {
                start,
                end_byte,
                end,
                counted,
            });
        }
    }
}

// ---------------------------------------------------------------------------
// Main text

/// The main text of the page.
///
/// `dom_smoothie` is tried first (on pages up to [`SMOOTHIE_MAX_BYTES`]);
/// its text is kept unless it is empty or under half of what rasid's own
/// pass finds, which happens on short news
/// items (Readability wants 500 characters) and on pages whose article is
/// split between containers. Both drop the title when it opens the body.
pub(crate) fn main_text(html: &str, document: &Html, title: Option<&str>) -> String {
    let own = own_main_text(document, title);
    if html.len() > SMOOTHIE_MAX_BYTES {
        return own;
    }
    let smoothie = smoothie_main_text(html, title).unwrap_or_default();
    if smoothie.chars().count() * 2 >= own.chars().count() && !smoothie.is_empty() {
        smoothie
    } else {
        own
    }
}

/// Pages larger than this (4 MiB; news pages are rarely over 1 MiB) are read
/// by rasid's own pass alone: `dom_smoothie` parses the page again, keeps
/// its best attempt besides, and its scoring is slower, so a 50 MiB page cost
/// about 14 times its size in memory with it.
const SMOOTHIE_MAX_BYTES: usize = 4 << 20;

/// The main text according to `dom_smoothie`, or `None` when it gives up.
pub(crate) fn smoothie_main_text(html: &str, title: Option<&str>) -> Option<String> {
    let config = Config {
        text_mode: TextMode::Formatted,
        // rasid reads the metadata itself, with its own order of sources.
        disable_json_ld: true,
        ..Config::default()
    };
    let mut readability = Readability::new(html, None, Some(config)).ok()?;
    let article = readability.parse().ok()?;
    // Its cleaned HTML, not its text: read block by block, the link lists it
    // keeps (the menu cell of a table layout) can be dropped.
    let content = Html::parse_fragment(&article.content);
    let mut builder = TextBuilder::default();
    collect_text(content.tree.root(), SkipRules::TagsAndNames, &mut builder);
    Some(join_without_title(builder.finish(0.5), title))
}

/// The main text by rasid's own readability-style pass (see
/// [`own_main_text`]'s steps in the crate README).
pub(crate) fn own_main_text(document: &Html, title: Option<&str>) -> String {
    let root = document.tree.root();
    let text = own_main_text_with(root, title, SkipRules::TagsAndNames);
    if text.is_empty() {
        // A page may wrap everything in a container whose name looks like a
        // menu (`<div id="nav-wrapper">`): read it again by tags only.
        own_main_text_with(root, title, SkipRules::TagsOnly)
    } else {
        text
    }
}

fn own_main_text_with(root: NodeRef<'_, Node>, title: Option<&str>, rules: SkipRules) -> String {
    let scores = score(root, rules);
    let page_text = scores
        .values()
        .map(|stats| stats.text)
        .max()
        .unwrap_or_default();
    let chosen = match best_candidate(&scores) {
        // A short page is read whole: its few paragraphs may not share a
        // container (broken markup), and there is little to drop.
        Some(best) if page_text >= SHORT_PAGE_CHARS => with_siblings(root, best, &scores),
        _ => vec![root.id()],
    };
    let mut builder = TextBuilder::default();
    for id in chosen {
        if let Some(node) = root.tree().get(id) {
            collect_text(node, rules, &mut builder);
            builder.break_block();
        }
    }
    // A block that is mostly links is a list of other articles.
    join_without_title(builder.finish(0.5), title)
}

/// Under this many characters of text (outside what the rules skip), a
/// page is read whole rather than from its best-scoring container.
const SHORT_PAGE_CHARS: usize = 500;

/// What an element holds, counted in characters, and its content score.
#[derive(Debug, Default, Clone, Copy)]
struct Stats {
    text: usize,
    links: usize,
    score: f64,
    /// Whether any paragraph gave it a score.
    candidate: bool,
}

/// One open element during the scoring walk.
struct Frame {
    id: NodeId,
    is_block: bool,
    is_link: bool,
    stats: Stats,
    /// Text directly inside this block (through inline children).
    own_text: usize,
    own_links: usize,
    own_commas: usize,
    /// The class and tag bonus, applied when it becomes a candidate.
    weight: f64,
}

/// Scores every element as Readability does: each paragraph (a block with at
/// least 25 characters of its own text) gives its parent `1 + commas +
/// min(length / 100, 3)`, its grandparent half and the next one a third,
/// scaled down by the paragraph's share of link text.
fn score(root: NodeRef<'_, Node>, rules: SkipRules) -> HashMap<NodeId, Stats> {
    let mut scores: HashMap<NodeId, Stats> = HashMap::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut skipping: Option<NodeId> = None;
    let mut links_open = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Element(element) => {
                        if rules.skips(element) {
                            skipping = Some(node.id());
                            continue;
                        }
                        let is_link = element.name() == "a";
                        links_open += usize::from(is_link);
                        stack.push(Frame {
                            id: node.id(),
                            is_block: is_block(element.name()),
                            is_link,
                            stats: Stats::default(),
                            own_text: 0,
                            own_links: 0,
                            own_commas: 0,
                            weight: weight(element),
                        });
                    }
                    Node::Text(text) => {
                        let count = text.chars().filter(|c| !c.is_whitespace()).count();
                        let commas = text.chars().filter(|c| matches!(c, ',' | '،')).count();
                        let links = if links_open > 0 { count } else { 0 };
                        if let Some(top) = stack.last_mut() {
                            top.stats.text += count;
                            top.stats.links += links;
                        }
                        if let Some(block) = stack.iter_mut().rev().find(|frame| frame.is_block) {
                            block.own_text += count;
                            block.own_links += links;
                            block.own_commas += commas;
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(skipped) = skipping {
                    if skipped == node.id() {
                        skipping = None;
                    }
                    continue;
                }
                if !matches!(node.value(), Node::Element(_)) {
                    continue;
                }
                let Some(frame) = stack.pop() else { continue };
                links_open -= usize::from(frame.is_link);
                let depth = stack.len();
                if let Some(parent) = stack.last_mut() {
                    parent.stats.text += frame.stats.text;
                    parent.stats.links += frame.stats.links;
                }
                if frame.is_block && frame.own_text >= 25 {
                    let density = frame.own_links as f64 / frame.own_text as f64;
                    let points =
                        (1.0 + frame.own_commas as f64 + (frame.own_text as f64 / 100.0).min(3.0))
                            * (1.0 - density);
                    for (level, divisor) in [(1, 1.0), (2, 2.0), (3, 3.0)] {
                        if let Some(ancestor) = depth.checked_sub(level).map(|at| &mut stack[at]) {
                            ancestor.stats.score += points / divisor;
                            ancestor.stats.candidate = true;
                        }
                    }
                }
                let mut stats = frame.stats;
                if stats.candidate {
                    stats.score += frame.weight;
                }
                scores.insert(frame.id, stats);
            }
        }
    }
    scores
}

/// The candidate with the highest score once scaled by its link density.
fn best_candidate(scores: &HashMap<NodeId, Stats>) -> Option<NodeId> {
    scores
        .iter()
        .filter(|(_, stats)| stats.candidate && stats.text > 0)
        .map(|(id, stats)| (*id, final_score(stats)))
        .filter(|(_, score)| *score > 0.0)
        // Ties broken by id so that the choice does not depend on hashing.
        .max_by(|a, b| a.1.total_cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .map(|(id, _)| id)
}

fn final_score(stats: &Stats) -> f64 {
    let density = stats.links as f64 / stats.text.max(1) as f64;
    stats.score * (1.0 - density)
}

/// The best candidate with those of its siblings that score at least a fifth
/// of it (an article split into two containers), in document order.
fn with_siblings(
    root: NodeRef<'_, Node>,
    best: NodeId,
    scores: &HashMap<NodeId, Stats>,
) -> Vec<NodeId> {
    let Some(node) = root.tree().get(best) else {
        return vec![best];
    };
    let Some(parent) = node.parent() else {
        return vec![best];
    };
    let best_score = scores.get(&best).map_or(0.0, final_score);
    let threshold = (best_score * 0.2).max(10.0);
    parent
        .children()
        .filter(|sibling| {
            sibling.id() == best
                || scores
                    .get(&sibling.id())
                    .is_some_and(|stats| stats.candidate && final_score(stats) >= threshold)
        })
        .map(|sibling| sibling.id())
        .collect()
}

/// Readability's class weight: +25 for a name that says content, -25 for
/// one that says boilerplate; `<article>` and `<main>` get a little more.
fn weight(element: &Element) -> f64 {
    let tokens = name_tokens(element);
    let mut weight = match element.name() {
        "article" => 10.0,
        "main" => 5.0,
        "div" => 5.0,
        "td" | "blockquote" | "pre" => 3.0,
        _ => 0.0,
    };
    if tokens.iter().any(|token| is_positive(token)) {
        weight += 25.0;
    }
    if tokens.iter().any(|token| is_weak_boilerplate(token)) {
        weight -= 25.0;
    }
    weight
}

// ---------------------------------------------------------------------------
// What is skipped

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SkipRules {
    /// Tags, roles and hidden elements.
    TagsOnly,
    /// Also `class` and `id` names of boilerplate.
    TagsAndNames,
}

impl SkipRules {
    fn skips(self, element: &Element) -> bool {
        let name = element.name();
        if SKIPPED_TAGS.contains(&name) {
            return true;
        }
        if element.attr("hidden").is_some()
            || element
                .attr("aria-hidden")
                .is_some_and(|value| value.trim().eq_ignore_ascii_case("true"))
        {
            return true;
        }
        if element.attr("style").is_some_and(|style| {
            let style: String = style
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            style.contains("display:none") || style.contains("visibility:hidden")
        }) {
            return true;
        }
        if element.attr("role").is_some_and(|role| {
            SKIPPED_ROLES
                .iter()
                .any(|skipped| role.trim().eq_ignore_ascii_case(skipped))
        }) {
            return true;
        }
        if self == Self::TagsOnly || matches!(name, "html" | "body" | "article" | "main") {
            return false;
        }
        let tokens = name_tokens(element);
        if tokens.iter().any(|token| is_boilerplate(token)) {
            return true;
        }
        tokens.iter().any(|token| is_weak_boilerplate(token))
            && !tokens.iter().any(|token| is_positive(token))
    }
}

/// Never article text. `form` is not here: ASP.NET pages wrap the whole page
/// in one.
const SKIPPED_TAGS: &[&str] = &[
    "head", "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
    "canvas", "video", "audio", "picture", "img", "button", "select", "option", "textarea",
    "input", "label", "nav", "header", "footer", "aside", "menu", "dialog", "title", "meta",
    "link",
];

const SKIPPED_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "menu",
    "menubar",
    "dialog",
    "alertdialog",
];

/// Lower-case words of the element's `class` and `id`, split at anything not
/// a letter or digit: `"post-comments__list"` → `post`, `comments`, `list`.
fn name_tokens(element: &Element) -> Vec<String> {
    let mut tokens = Vec::new();
    for value in [element.attr("class"), element.attr("id")]
        .into_iter()
        .flatten()
    {
        tokens.extend(
            value
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|token| !token.is_empty())
                .map(str::to_ascii_lowercase),
        );
    }
    tokens
}

/// Names that mark boilerplate whatever else the element is called:
/// `article-comments` is the comments under an article, not the article.
fn is_boilerplate(token: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "comment",
        "nav",
        "menu",
        "footer",
        "sidebar",
        "share",
        "sharing",
        "social",
        "related",
        "breadcrumb",
        "advert",
        "cookie",
        "newsletter",
        "subscri",
        "sponsor",
        "promo",
        "popular",
        "mostread",
        "trending",
        "disqus",
        "outbrain",
        "taboola",
    ];
    PREFIXES.iter().any(|prefix| token.starts_with(prefix))
}

/// Names that mark boilerplate unless the element also says content
/// (`header` vs `article-header-content`).
fn is_weak_boilerplate(token: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "header",
        "banner",
        "widget",
        "popup",
        "modal",
        "pager",
        "pagination",
        "toolbar",
        "masthead",
        "copyright",
        "login",
        "signup",
        "most",
    ];
    const WORDS: &[&str] = &["ad", "ads", "tag", "tags", "rss", "print", "skip"];
    WORDS.contains(&token) || PREFIXES.iter().any(|prefix| token.starts_with(prefix))
}

fn is_positive(token: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "article", "content", "story", "entry", "post", "main", "body", "text", "detail",
    ];
    PREFIXES.iter().any(|prefix| token.starts_with(prefix))
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "br"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "li"
            | "main"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
    )
}

// ---------------------------------------------------------------------------
// Text

/// Builds blocks of text with runs of white space collapsed to one space.
#[derive(Default)]
struct TextBuilder {
    blocks: Vec<(String, usize, usize)>,
    current: String,
    current_chars: usize,
    current_links: usize,
    space: bool,
}

impl TextBuilder {
    fn push(&mut self, text: &str, in_link: bool) {
        for c in text.chars() {
            if c.is_whitespace() {
                self.space = !self.current.is_empty();
                continue;
            }
            if self.space {
                self.current.push(' ');
                self.space = false;
            }
            self.current.push(c);
            self.current_chars += 1;
            self.current_links += usize::from(in_link);
        }
    }

    fn break_block(&mut self) {
        if !self.current.is_empty() {
            self.blocks.push((
                std::mem::take(&mut self.current),
                self.current_chars,
                self.current_links,
            ));
        }
        self.current_chars = 0;
        self.current_links = 0;
        self.space = false;
    }

    /// The blocks, less those whose share of link text is over
    /// `max_link_density` (0 keeps them all).
    fn finish(mut self, max_link_density: f64) -> Vec<String> {
        self.break_block();
        self.blocks
            .into_iter()
            .filter(|(_, chars, links)| {
                max_link_density <= 0.0 || (*links as f64) <= max_link_density * (*chars as f64)
            })
            .map(|(text, _, _)| text)
            .filter(|text| !is_boilerplate_line(text))
            .collect()
    }
}

/// Lines that news sites put between paragraphs and that are never news
/// ("read also", "share", "follow us"), from `data/documents/boilerplate.tsv`.
/// Matched whole, so a sentence that starts with one stays (a known false
/// negative: the heading of an unmarked list of links goes only when the list
/// is dropped for its links and the heading stands alone).
fn is_boilerplate_line(text: &str) -> bool {
    static LINES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    let lines = LINES.get_or_init(|| {
        const FILE: &str = "data/documents/boilerplate.tsv";
        const TEXT: &str = include_str!("../../../data/documents/boilerplate.tsv");
        let schema = Schema::new(&["line", "meaning"]);
        let table = Table::parse(FILE, TEXT, &schema)
            .expect("the shipped boilerplate list is checked by a test");
        table
            .rows()
            .iter()
            .map(|row| table.get(row, "line"))
            .collect()
    });
    let trimmed = text.trim_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '：' | '|'));
    lines.contains(&trimmed)
}

/// The text under `node`, block by block, skipping what `rules` skip.
fn collect_text(node: NodeRef<'_, Node>, rules: SkipRules, builder: &mut TextBuilder) {
    let mut skipping: Option<NodeId> = None;
    let mut links_open = 0usize;
    for edge in node.traverse() {
        match edge {
            Edge::Open(current) => {
                if skipping.is_some() {
                    continue;
                }
                match current.value() {
                    Node::Element(element) => {
                        if rules.skips(element) {
                            skipping = Some(current.id());
                            continue;
                        }
                        if element.name() == "a" {
                            links_open += 1;
                        }
                        if is_block(element.name()) {
                            builder.break_block();
                        }
                    }
                    Node::Text(text) => builder.push(text, links_open > 0),
                    _ => {}
                }
            }
            Edge::Close(current) => {
                if let Some(skipped) = skipping {
                    if skipped == current.id() {
                        skipping = None;
                    }
                    continue;
                }
                if let Node::Element(element) = current.value() {
                    if element.name() == "a" {
                        links_open = links_open.saturating_sub(1);
                    }
                    if is_block(element.name()) {
                        builder.break_block();
                    }
                }
            }
        }
    }
}

/// Joins blocks with a blank line, leaving out a first block that repeats
/// the title (the `<h1>` of the article).
fn join_without_title(mut blocks: Vec<String>, title: Option<&str>) -> String {
    if let (Some(first), Some(title)) = (blocks.first(), title) {
        if collapse_whitespace(first) == collapse_whitespace(title) {
            blocks.remove(0);
        }
    }
    blocks.join("\n\n")
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn non_empty(text: &str) -> Option<String> {
    let text = collapse_whitespace(text);
    (!text.is_empty()).then_some(text)
}

// ---------------------------------------------------------------------------
// Metadata

fn selector(css: &str) -> Selector {
    Selector::parse(css).expect("the selectors of this module are valid CSS")
}

/// `<meta>` contents by lower-case `property`, `name`, `itemprop` and
/// `http-equiv`; the first one of each name wins.
fn meta_contents(document: &Html) -> HashMap<String, String> {
    let mut contents = HashMap::new();
    for meta in document.select(&selector("meta[content]")) {
        let Some(content) = meta.attr("content").and_then(non_empty) else {
            continue;
        };
        for attribute in ["property", "name", "itemprop", "http-equiv"] {
            if let Some(key) = meta.attr(attribute) {
                contents
                    .entry(key.trim().to_ascii_lowercase())
                    .or_insert_with(|| content.clone());
            }
        }
    }
    contents
}

/// What JSON-LD says about the article.
#[derive(Default)]
struct JsonLd {
    headline: Option<String>,
    published: Option<String>,
    publisher: Option<String>,
}

fn metadata(document: &Html) -> Metadata {
    let meta = meta_contents(document);
    let get = |key: &str| meta.get(key).cloned();
    let json_ld = json_ld(document);

    let published = get("article:published_time")
        .or_else(|| json_ld.published.clone())
        .or_else(|| {
            [
                "date",
                "pubdate",
                "publishdate",
                "publish-date",
                "dc.date.issued",
                "dc.date",
                "dcterms.created",
                "dcterms.date",
                "datepublished",
                "og:published_time",
            ]
            .into_iter()
            .find_map(get)
        })
        .or_else(|| time_datetime(document))
        .map(|date| normalize_date(&date));
    let outlet = get("og:site_name")
        .or_else(|| json_ld.publisher.clone())
        .or_else(|| get("author"));
    let url = document
        .select(&selector("link[rel][href]"))
        .find(|link| {
            link.attr("rel").is_some_and(|rel| {
                rel.split_ascii_whitespace()
                    .any(|word| word.eq_ignore_ascii_case("canonical"))
            })
        })
        .and_then(|link| link.attr("href").and_then(non_empty))
        .or_else(|| get("og:url"));
    let lang = document
        .root_element()
        .attr("lang")
        .and_then(non_empty)
        .or_else(|| get("content-language"));
    Metadata {
        published,
        outlet,
        url,
        lang,
    }
}

fn title(document: &Html, outlet: Option<&str>) -> Option<String> {
    let meta = meta_contents(document);
    let title = json_ld(document)
        .headline
        .or_else(|| meta.get("og:title").cloned())
        .or_else(|| meta.get("twitter:title").cloned())
        .or_else(|| {
            document
                .select(&selector("article h1, h1"))
                .find_map(|h1| non_empty(&h1.text().collect::<String>()))
        })
        .or_else(|| {
            document
                .select(&selector("title"))
                .find_map(|title| non_empty(&title.text().collect::<String>()))
        })?;
    Some(strip_outlet(&title, outlet))
}

/// "مقتل 5 مدنيين - الجزيرة نت" → "مقتل 5 مدنيين" when the outlet is
/// "الجزيرة نت"; the outlet alone stays.
fn strip_outlet(title: &str, outlet: Option<&str>) -> String {
    let Some(outlet) = outlet.map(str::trim).filter(|outlet| !outlet.is_empty()) else {
        return title.to_owned();
    };
    for separator in [" - ", " | ", " – ", " — ", " :: ", " « ", " » "] {
        if let Some(rest) = title
            .strip_suffix(outlet)
            .and_then(|rest| rest.strip_suffix(separator))
        {
            if !rest.trim().is_empty() {
                return rest.trim().to_owned();
            }
        }
        if let Some(rest) = title
            .strip_prefix(outlet)
            .and_then(|rest| rest.strip_prefix(separator))
        {
            if !rest.trim().is_empty() {
                return rest.trim().to_owned();
            }
        }
    }
    title.to_owned()
}

fn time_datetime(document: &Html) -> Option<String> {
    let in_article = document
        .select(&selector("article time[datetime]"))
        .find_map(|time| time.attr("datetime").and_then(non_empty));
    in_article.or_else(|| {
        document
            .select(&selector("time[datetime]"))
            .find_map(|time| time.attr("datetime").and_then(non_empty))
    })
}

/// Schema.org types whose `headline` and `datePublished` are the article's.
const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BackgroundNewsArticle",
    "OpinionNewsArticle",
    "LiveBlogPosting",
    "BlogPosting",
    "Report",
];

fn json_ld(document: &Html) -> JsonLd {
    let mut objects = Vec::new();
    for script in document.select(&selector("script[type]")) {
        if !script
            .attr("type")
            .is_some_and(|kind| kind.trim().eq_ignore_ascii_case("application/ld+json"))
        {
            continue;
        }
        let text: String = script.text().collect();
        let text = text.trim();
        let text = text
            .strip_prefix("<![CDATA[")
            .and_then(|rest| rest.strip_suffix("]]>"))
            .unwrap_or(text);
        // A malformed block is ignored: the page's other metadata stands.
        if let Ok(value) = serde_json::from_str::<Value>(text) {
            flatten_json_ld(value, &mut objects);
        }
    }
    let is_article = |object: &serde_json::Map<String, Value>| match object.get("@type") {
        Some(Value::String(kind)) => ARTICLE_TYPES.contains(&kind.as_str()),
        Some(Value::Array(kinds)) => kinds.iter().any(|kind| {
            kind.as_str()
                .is_some_and(|kind| ARTICLE_TYPES.contains(&kind))
        }),
        _ => false,
    };
    let by_id: HashMap<&str, &serde_json::Map<String, Value>> = objects
        .iter()
        .filter_map(|object| Some((object.get("@id")?.as_str()?, object)))
        .collect();
    let Some(article) = objects.iter().find(|object| is_article(object)) else {
        return JsonLd::default();
    };
    let string = |value: Option<&Value>| value.and_then(Value::as_str).and_then(non_empty);
    let publisher = match article.get("publisher") {
        Some(Value::String(name)) => non_empty(name),
        Some(Value::Object(publisher)) => string(publisher.get("name")).or_else(|| {
            let id = publisher.get("@id")?.as_str()?;
            string(by_id.get(id)?.get("name"))
        }),
        Some(Value::Array(publishers)) => publishers
            .iter()
            .find_map(|publisher| string(publisher.get("name"))),
        _ => None,
    };
    JsonLd {
        headline: string(article.get("headline")).or_else(|| string(article.get("name"))),
        published: string(article.get("datePublished")),
        publisher,
    }
}

/// The objects of a JSON-LD block: the block itself, the items of an array
/// and of `@graph`.
fn flatten_json_ld(value: Value, objects: &mut Vec<serde_json::Map<String, Value>>) {
    let mut pending = vec![value];
    while let Some(value) = pending.pop() {
        match value {
            Value::Array(items) => pending.extend(items.into_iter().rev()),
            Value::Object(mut object) => {
                if let Some(graph) = object.remove("@graph") {
                    pending.push(graph);
                }
                objects.push(object);
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod boilerplate_tests {
    use super::is_boilerplate_line;

    #[test]
    fn a_listed_line_is_boilerplate_with_its_colon() {
        assert!(is_boilerplate_line("اقرأ أيضا:"));
        assert!(is_boilerplate_line("  تابعونا على |"));
    }

    #[test]
    fn a_sentence_that_starts_like_a_listed_line_stays() {
        assert!(!is_boilerplate_line("اقرأ أيضا التقرير الكامل للجنة"));
        assert!(!is_boilerplate_line("شارك عشرات في المسيرة"));
    }
}
