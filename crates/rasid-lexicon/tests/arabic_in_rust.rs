//! Linguistic knowledge lives in `data/`, not in Rust: this test reads every
//! Rust source of the workspace's libraries and binaries and fails on an
//! Arabic letter in code or in a string or character literal, outside
//! comments (doc comments included) and tests. A word list in Rust fails it;
//! so does one spelled with `\u{…}` escapes.
//!
//! The exceptions are listed in [`ALLOWED`], each with its reason.

use std::path::{Path, PathBuf};

/// Files that may hold Arabic letters in code, and why.
const ALLOWED: &[(&str, &str)] = &[
    (
        "crates/rasid-text/src/morphology.rs",
        "the letters of the proclitics و ف ب ل ك, the article ال and the imperfect prefixes: a mechanism, no word (checked below: no literal longer than two letters)",
    ),
    (
        "crates/rasid-export/src/html.rs",
        "the Arabic labels of the report's interface (headings, kinds, groups): text shown to readers, not knowledge used to read text",
    ),
    (
        "crates/rasid-cli/src/main.rs",
        "the program's name (راصد) and the report's title",
    ),
];

/// Whether a character is an Arabic letter (not a mark, digit or punctuation).
fn is_arabic_letter(c: char) -> bool {
    matches!(c as u32,
        0x0621..=0x063A | 0x0641..=0x064A | 0x066E..=0x066F | 0x0671..=0x06D3 | 0x06D5
        | 0x06EE..=0x06EF | 0x06FA..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF
        | 0xFB50..=0xFDFF | 0xFE70..=0xFEFC)
}

/// A finding: the line and the code or literal holding Arabic letters.
#[derive(Debug, PartialEq, Eq)]
struct Finding {
    line: usize,
    text: String,
}

/// The code of a Rust source without its comments and its `#[cfg(test)]`
/// items, with string and character literals kept (escapes decoded), as
/// (line, text) pieces: code runs and literals.
fn pieces(source: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 1;
    let mut code = String::new();
    let mut code_line = 1;
    let flush = |code: &mut String, code_line: usize, out: &mut Vec<(usize, String)>| {
        if !code.trim().is_empty() {
            out.push((code_line, std::mem::take(code)));
        }
        code.clear();
    };
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\n' {
            line += 1;
            code.push(c);
            i += 1;
            continue;
        }
        // Comments, doc comments included.
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if chars[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
            continue;
        }
        // `#[cfg(test)]` and the item after it.
        if source_at(&chars, i, "#[cfg(test)]") {
            i += "#[cfg(test)]".len();
            // Up to the item's `;` or its braces.
            let mut depth = 0usize;
            while i < chars.len() {
                match chars[i] {
                    '\n' => line += 1,
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            i += 1;
                            break;
                        }
                    }
                    ';' if depth == 0 => {
                        i += 1;
                        break;
                    }
                    _ => {}
                }
                i += 1;
            }
            continue;
        }
        // Raw strings r"…", r#"…"#.
        if c == 'r' && (next == Some('"') || next == Some('#')) && !prev_ident(&chars, i) {
            let mut hashes = 0;
            let mut j = i + 1;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) == Some(&'"') {
                flush(&mut code, code_line, &mut out);
                let start_line = line;
                let mut literal = String::new();
                j += 1;
                while j < chars.len() {
                    if chars[j] == '"' && (0..hashes).all(|k| chars.get(j + 1 + k) == Some(&'#')) {
                        j += 1 + hashes;
                        break;
                    }
                    if chars[j] == '\n' {
                        line += 1;
                    }
                    literal.push(chars[j]);
                    j += 1;
                }
                out.push((start_line, literal));
                i = j;
                code_line = line;
                continue;
            }
        }
        // Strings and characters, with their escapes decoded.
        let is_char = c == '\'' && is_char_literal(&chars, i);
        if c == '"' || is_char {
            flush(&mut code, code_line, &mut out);
            let start_line = line;
            let mut literal = String::new();
            let mut escaped = String::new();
            let mut j = i + 1;
            while j < chars.len() && chars[j] != c {
                if chars[j] == '\\' {
                    let (decoded, len) = escape(&chars[j..]);
                    // A letter written as an escape counts only in a word:
                    // one escaped letter is a table of the normaliser.
                    escaped.extend(decoded.filter(|&c| is_arabic_letter(c)));
                    j += len;
                    continue;
                }
                if chars[j] == '\n' {
                    line += 1;
                }
                literal.push(chars[j]);
                j += 1;
            }
            if escaped.chars().count() > 1 {
                literal.push_str(&escaped);
            }
            out.push((start_line, literal));
            i = j + 1;
            code_line = line;
            continue;
        }
        if code.is_empty() {
            code_line = line;
        }
        code.push(c);
        i += 1;
    }
    flush(&mut code, code_line, &mut out);
    out
}

fn source_at(chars: &[char], i: usize, word: &str) -> bool {
    word.chars()
        .enumerate()
        .all(|(k, w)| chars.get(i + k) == Some(&w))
}

fn prev_ident(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

/// Whether the quote at `i` opens a character literal rather than a lifetime.
fn is_char_literal(chars: &[char], i: usize) -> bool {
    matches!(
        (chars.get(i + 1), chars.get(i + 2)),
        (Some('\\'), _) | (Some(_), Some('\''))
    )
}

/// An escape at the start of `s`: the characters it stands for and its length.
fn escape(s: &[char]) -> (Option<char>, usize) {
    match s.get(1) {
        Some('u') if s.get(2) == Some(&'{') => {
            let end = s.iter().position(|&c| c == '}').unwrap_or(s.len() - 1);
            let hex: String = s[3..end].iter().collect();
            (
                u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32),
                end + 1,
            )
        }
        Some('x') => (None, 4),
        Some(_) => (None, 2),
        None => (None, 1),
    }
}

/// The pieces of a source that hold Arabic letters.
fn findings(source: &str) -> Vec<Finding> {
    pieces(source)
        .into_iter()
        .filter(|(_, text)| text.chars().any(is_arabic_letter))
        .map(|(line, text)| Finding {
            line,
            text: text.trim().chars().take(60).collect(),
        })
        .collect()
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every Rust source of the crates' `src/` folders (tests, benches and
/// examples are elsewhere), and `tests.rs` files left out.
fn sources() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("a folder")
            .map(|e| e.expect("an entry").path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs")
                && path.file_name().is_some_and(|n| n != "tests.rs")
            {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    let mut crates: Vec<_> = std::fs::read_dir(root().join("crates"))
        .expect("crates/")
        .map(|e| e.expect("an entry").path())
        .collect();
    crates.sort();
    for krate in crates {
        let src = krate.join("src");
        if src.is_dir() {
            walk(&src, &mut out);
        }
    }
    out
}

#[test]
fn no_arabic_word_list_in_rust() {
    let root = root().canonicalize().expect("the repository root");
    let mut failures = Vec::new();
    let mut allowed_seen = Vec::new();
    for path in sources() {
        let relative = path
            .canonicalize()
            .expect("a source")
            .strip_prefix(&root)
            .expect("inside the repository")
            .to_string_lossy()
            .replace('\\', "/");
        let source = std::fs::read_to_string(&path).expect("a source");
        let found = findings(&source);
        if found.is_empty() {
            continue;
        }
        if ALLOWED.iter().any(|(file, _)| *file == relative) {
            allowed_seen.push(relative.clone());
            if relative.ends_with("morphology.rs") {
                for f in &found {
                    let letters = f.text.chars().filter(|&c| is_arabic_letter(c)).count();
                    let is_literal = !f.text.contains(char::is_whitespace);
                    if !is_literal || letters > 2 {
                        failures.push(format!(
                            "{relative}:{}: `{}` (more than a letter or the article)",
                            f.line, f.text
                        ));
                    }
                }
            }
            continue;
        }
        for f in found {
            failures.push(format!("{relative}:{}: `{}`", f.line, f.text));
        }
    }
    assert!(
        failures.is_empty(),
        "Arabic in Rust code outside comments and tests: move it to data/lexicons/ \
         (or, for a letter of the morphology, to rasid_text::morphology):\n{}",
        failures.join("\n")
    );
    for (file, _) in ALLOWED {
        assert!(
            allowed_seen.iter().any(|f| f == file),
            "{file} holds no Arabic any more: remove it from ALLOWED"
        );
    }
}

#[test]
fn the_scan_finds_a_word_list_and_leaves_comments_and_tests() {
    let source = r#"
//! Doc comment: "قتل" is fine here.
/// So are "جرحى" and 'ب' in docs.
const WORDS: &[&str] = &["مقتل", "إصابة"]; // "قتلى" in a comment is fine
const ESCAPED: &str = "\u{0645}\u{0642}\u{062A}\u{0644}";
fn lifetime<'a>(s: &'a str) -> &'a str { s }
/* a block "نزوح" comment */
#[cfg(test)]
mod tests {
    const SENTENCE: &str = "قتل 5 مدنيين";
}
"#;
    let found = findings(source);
    let lines: Vec<usize> = found.iter().map(|f| f.line).collect();
    assert_eq!(lines, [4, 4, 5], "{found:?}");
    assert_eq!(found[0].text, "مقتل");
    assert_eq!(found[2].text, "مقتل");
}
