//! Full-text search over the stored articles, Arabic-aware.
//!
//! Each word of an article is indexed under **every analysis** the text
//! layer gives it ([`rasid_text::Token::forms`]): "والجرحى" is indexed as
//! "والجرحى", "الجرحى" and "جرحى", after normalisation
//! ([`rasid_text::normalize_str`]: diacritics dropped, أ/إ/آ → ا, ى → ي,
//! ة → ه, Arabic-Indic digits → ASCII). A query word matches an article word
//! when the two share an analysis, so "الجرحى" finds "والجرحى" and "جرحى",
//! "كيماوي" finds "الكيماوي", and "٣٢" finds "32". Keeping every analysis
//! rather than one stem matters because clitic splitting is ambiguous: "وزارة"
//! is not و + زارة, and "كيماوي" would lose its ك as a preposition; a shared
//! analysis matches both readings without choosing.
//!
//! The index is SQLite FTS5 in a database **in memory**, built when the
//! server starts and brought up to date before each search when the store
//! changed (SQLite's `PRAGMA data_version` tells, whichever process wrote).
//! See the crate README for why not a side table in the store's file.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rasid_text::{normalize_str, tokenize, Normalized, Span, TokenKind};
use rusqlite::{params, Connection};

use crate::error::AppError;

/// Most words a query may hold.
const MAX_WORDS: usize = 16;

/// One word of a query: its analyses, and whether it is a prefix (`word*`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QueryWord {
    pub(crate) forms: Vec<String>,
    pub(crate) prefix: bool,
}

/// A parsed query: every word must appear.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TextQuery {
    pub(crate) words: Vec<QueryWord>,
}

impl TextQuery {
    /// Parses a query: words (every one must appear), `word*` for a prefix.
    ///
    /// # Errors
    /// When the query has no word or too many.
    pub(crate) fn parse(query: &str) -> Result<Self, AppError> {
        let normalized = normalize_str(query);
        let tokens = tokenize(&normalized);
        let mut words: Vec<QueryWord> = Vec::new();
        for (index, token) in tokens.iter().enumerate() {
            if token.kind == TokenKind::Punct {
                continue;
            }
            let prefix = tokens.get(index + 1).is_some_and(|next| {
                next.is_punct(&normalized, '*') && next.span.start == token.span.end
            });
            let all: Vec<String> = token.forms(&normalized).map(str::to_owned).collect();
            // A short prefix would match half the language: keep the forms of
            // three letters or more, else the word as written.
            let forms = if prefix {
                let long: Vec<String> = all
                    .iter()
                    .filter(|f| f.chars().count() >= 3)
                    .cloned()
                    .collect();
                if long.is_empty() {
                    all[..1].to_vec()
                } else {
                    long
                }
            } else {
                all
            };
            let word = QueryWord { forms, prefix };
            if !words.contains(&word) {
                words.push(word);
            }
        }
        if words.is_empty() {
            return Err(AppError::BadRequest(
                "`q` has no word or number to search for".to_owned(),
            ));
        }
        if words.len() > MAX_WORDS {
            return Err(AppError::BadRequest(format!(
                "`q` has {} words; at most {MAX_WORDS} are searched",
                words.len()
            )));
        }
        Ok(Self { words })
    }

    /// The FTS5 expression: each form a quoted string, so no character of the
    /// query is read as FTS5 syntax.
    fn fts(&self) -> String {
        self.words
            .iter()
            .map(|word| {
                let alternatives: Vec<String> = word
                    .forms
                    .iter()
                    .map(|f| {
                        let quoted = format!("\"{}\"", f.replace('"', "\"\""));
                        if word.prefix {
                            quoted + "*"
                        } else {
                            quoted
                        }
                    })
                    .collect();
                format!("({})", alternatives.join(" OR "))
            })
            .collect::<Vec<_>>()
            .join(" AND ")
    }

    /// Whether a word of an article, given its analyses, matches a query word.
    fn matches(&self, forms: &[&str]) -> bool {
        self.words.iter().any(|word| {
            forms.iter().any(|form| {
                word.forms.iter().any(|q| {
                    if word.prefix {
                        form.starts_with(q.as_str())
                    } else {
                        form == q
                    }
                })
            })
        })
    }

    /// Where the query's words stand in `text` (original bytes), in order.
    pub(crate) fn hits(&self, text: &str) -> Vec<Span> {
        let normalized = Normalized::new(text);
        tokenize(normalized.text())
            .iter()
            .filter(|t| {
                let forms: Vec<&str> = t.forms(normalized.text()).collect();
                t.kind != TokenKind::Punct && self.matches(&forms)
            })
            .map(|t| normalized.to_original(t.span.range()))
            .collect()
    }
}

/// The terms an article is indexed under: every analysis of every word.
fn terms(text: &str) -> String {
    let normalized = normalize_str(text);
    let mut out = String::with_capacity(normalized.len() * 2);
    for token in tokenize(&normalized) {
        if token.kind == TokenKind::Punct {
            continue;
        }
        for form in token.forms(&normalized) {
            out.push_str(form);
            out.push(' ');
        }
    }
    out
}

/// The index and the connection it watches the store through.
pub(crate) struct SearchIndex {
    fts: Connection,
    watch: Connection,
    version: Option<i64>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// An index of the store at `db`, built now.
    ///
    /// # Errors
    /// When the store cannot be read.
    pub(crate) fn build(db: &Path) -> rusqlite::Result<Self> {
        let watch = crate::db::open_read_only(db)?;
        watch.busy_timeout(std::time::Duration::from_secs(10))?;
        let fts = Connection::open_in_memory()?;
        // `tokenchars '.,'` keeps "1.5" and "1,200" as one term, as the text
        // layer's tokens do; terms never hold other punctuation.
        fts.execute_batch(
            "CREATE VIRTUAL TABLE docs USING fts5(terms, tokenize = \"unicode61 remove_diacritics 0 tokenchars '.,'\");
             CREATE TABLE doc_ids (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, sha TEXT NOT NULL);",
        )?;
        let mut index = Self {
            fts,
            watch,
            version: None,
        };
        index.refresh()?;
        Ok(index)
    }

    /// How many documents are indexed.
    pub(crate) fn len(&self) -> rusqlite::Result<i64> {
        self.fts
            .query_row("SELECT count(*) FROM doc_ids", [], |row| row.get(0))
    }

    /// Brings the index up to date with the store when the store changed.
    pub(crate) fn refresh(&mut self) -> rusqlite::Result<()> {
        let version: i64 = self
            .watch
            .query_row("PRAGMA data_version", [], |row| row.get(0))?;
        if self.version == Some(version) {
            return Ok(());
        }
        // One read transaction: the ids, hashes and texts of one state.
        let read = self.watch.unchecked_transaction()?;
        let stored: HashMap<String, String> = {
            let mut statement = read.prepare("SELECT id, content_sha256 FROM documents")?;
            let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let indexed: HashMap<String, String> = {
            let mut statement = self.fts.prepare("SELECT id, sha FROM doc_ids")?;
            let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let write = self.fts.unchecked_transaction()?;
        let stale: HashSet<&String> = indexed
            .iter()
            .filter(|(id, sha)| stored.get(*id) != Some(*sha))
            .map(|(id, _)| id)
            .collect();
        for id in &stale {
            write.execute(
                "DELETE FROM docs WHERE rowid = (SELECT rowid FROM doc_ids WHERE id = ?1)",
                params![id],
            )?;
            write.execute("DELETE FROM doc_ids WHERE id = ?1", params![id])?;
        }
        let mut text_of = read.prepare("SELECT text FROM documents WHERE id = ?1")?;
        for (id, sha) in &stored {
            if indexed.get(id) == Some(sha) {
                continue;
            }
            let text: String = text_of.query_row(params![id], |row| row.get(0))?;
            write.execute(
                "INSERT INTO doc_ids (id, sha) VALUES (?1, ?2)",
                params![id, sha],
            )?;
            let rowid = write.last_insert_rowid();
            write.execute(
                "INSERT INTO docs (rowid, terms) VALUES (?1, ?2)",
                params![rowid, terms(&text)],
            )?;
        }
        drop(text_of);
        write.commit()?;
        read.finish()?;
        self.version = Some(version);
        Ok(())
    }

    /// One page of matching documents, best first, with the total.
    pub(crate) fn search(
        &mut self,
        query: &TextQuery,
        limit: i64,
        offset: i64,
    ) -> rusqlite::Result<(i64, Vec<(String, f64)>)> {
        self.refresh()?;
        let expression = query.fts();
        let total: i64 = self.fts.query_row(
            "SELECT count(*) FROM docs WHERE docs MATCH ?1",
            params![expression],
            |row| row.get(0),
        )?;
        let mut statement = self.fts.prepare(
            "SELECT d.id, bm25(docs) AS score FROM docs JOIN doc_ids d ON d.rowid = docs.rowid
             WHERE docs MATCH ?1 ORDER BY score, d.id LIMIT ?2 OFFSET ?3",
        )?;
        let rows = statement.query_map(params![expression, limit, offset], |row| {
            // bm25 is lower for better matches: turn it into a positive score.
            let score: f64 = row.get(1)?;
            Ok((row.get(0)?, -score))
        })?;
        Ok((total, rows.collect::<rusqlite::Result<_>>()?))
    }

    /// Every matching document's id.
    pub(crate) fn matching(&mut self, query: &TextQuery) -> rusqlite::Result<Vec<String>> {
        self.refresh()?;
        let mut statement = self.fts.prepare(
            "SELECT d.id FROM docs JOIN doc_ids d ON d.rowid = docs.rowid WHERE docs MATCH ?1",
        )?;
        let rows = statement.query_map(params![query.fts()], |row| row.get(0))?;
        rows.collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(query: &str, text: &str) -> Vec<String> {
        let q = TextQuery::parse(query).expect("a query");
        q.hits(text)
            .into_iter()
            .map(|s| text[s.range()].to_owned())
            .collect()
    }

    #[test]
    fn a_word_matches_its_forms_with_clitics_and_article() {
        let text = "ارتفع عدد القتلى والجرحى في دوما إلى ٣٢ شخصاً بالسلاح الكيماوي.";
        assert_eq!(found("الجرحى", text), ["والجرحى"]);
        assert_eq!(found("جرحى", text), ["والجرحى"]);
        assert_eq!(found("32", text), ["٣٢"]);
        assert_eq!(found("كيماوي", text), ["الكيماوي"]);
        assert_eq!(found("السلاح", text), ["بالسلاح"]);
        assert_eq!(found("شخصا", text), ["شخصاً"]);
        assert!(found("مصابين", text).is_empty());
    }

    #[test]
    fn a_prefix_needs_three_letters() {
        let text = "هجوم كيميائي على المدينة";
        assert_eq!(found("كيمي*", text), ["كيميائي"]);
        let q = TextQuery::parse("كي*").expect("a query");
        assert_eq!(q.words[0].forms, ["كي"]);
    }

    #[test]
    fn the_fts_expression_quotes_every_form() {
        let q = TextQuery::parse("\"والجرحى\" OR x*").expect("a query");
        assert_eq!(
            q.fts(),
            "(\"والجرحي\" OR \"الجرحي\" OR \"جرحي\") AND (\"or\")"
                .replace("AND (\"or\")", "AND (\"or\") AND (\"x\"*)")
        );
    }

    #[test]
    fn punctuation_alone_is_no_query() {
        assert!(TextQuery::parse(" ...!؟ ").is_err());
    }
}
