use super::*;
use std::path::Path;

#[test]
fn shipped_lexicons_load() {
    let lex = Lexicons::builtin().expect("shipped lexicons are valid");
    assert!(lex.victims.len() > 100);
    assert!(lex.persons.len() > 100);
    assert!(lex.sources.iter().any(|s| s.id == "sohr"));
}

#[test]
fn a_bad_row_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("victims.tsv"),
        "# comment\nphrase\trole\tkind\tgroup\tnumber\texample\nمقتل\ttrigger\tkilled\t-\t-\tمقتل 5\nقتلى\tnoun\tdead\t-\tpl\t5 قتلى\n",
    )
    .unwrap();
    let err = Lexicons::load_dir(dir.path()).unwrap_err().to_string();
    assert!(err.contains("victims.tsv` line 4"), "{err}");
    assert!(err.contains("unknown kind `dead`"), "{err}");
}

#[test]
fn an_example_must_contain_its_phrase() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("persons.tsv"),
        "phrase\tgroup\tnumber\texample\nطفل\tchildren\tsg\tمقتل امرأة\n",
    )
    .unwrap();
    let err = Lexicons::load_dir(dir.path()).unwrap_err().to_string();
    assert!(err.contains("persons.tsv` line 2"), "{err}");
    assert!(err.contains("does not contain"), "{err}");
}

#[test]
fn a_missing_column_count_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("qualifiers.tsv"),
        "phrase\tqualifier\tposition\texample\nنحو\tabout\tنحو 30\n",
    )
    .unwrap();
    let err = Lexicons::load_dir(dir.path()).unwrap_err().to_string();
    assert!(err.contains("line 2: 3 fields, the header has 4"), "{err}");
}

#[test]
fn an_edited_directory_overrides_the_shipped_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("sources.tsv"),
        "id\tname\talias\texample\nmy-monitor\tMy Monitor\tالراصد المحلي\tقال الراصد المحلي\n",
    )
    .unwrap();
    let lex = Lexicons::load_dir(dir.path()).unwrap();
    assert_eq!(lex.sources.len(), 1);
    let text = rasid_text::normalize_str("وقال الراصد المحلي إن");
    let tokens = rasid_text::tokenize(&text);
    let m = lex
        .matches_at(&text, &tokens, 1)
        .next()
        .expect("alias found");
    assert_eq!((m.start, m.end, m.tag), (1, 3, Tag::Source(0)));
}

#[test]
fn a_missing_folder_or_an_unknown_file_is_an_error() {
    let err = LexiconFiles::load_dir(Path::new("/nonexistent/lexicons")).unwrap_err();
    assert!(err.to_string().contains("no such folder"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "x").unwrap();
    let err = LexiconFiles::load_dir(dir.path()).unwrap_err().to_string();
    assert!(
        err.contains("notes.txt") && err.contains("victims.tsv"),
        "{err}"
    );
    // An editor's hidden file is left alone.
    std::fs::remove_file(dir.path().join("notes.txt")).unwrap();
    std::fs::write(dir.path().join(".victims.tsv.swp"), "x").unwrap();
    assert!(LexiconFiles::load_dir(dir.path()).is_ok());
}

#[test]
fn changes_list_the_rows_an_edit_adds_and_removes() {
    let dir = tempfile::tempdir().unwrap();
    let shipped = files::builtin_text("qualifiers.tsv");
    let edited = shipped.replace("نحو\tabout\tbefore\t", "نحو\tabout\tafter\t");
    assert_ne!(edited, shipped, "the row to edit is in the file");
    std::fs::write(dir.path().join("qualifiers.tsv"), &edited).unwrap();
    let files = LexiconFiles::load_dir(dir.path()).unwrap();
    let changes = files.changes().unwrap();
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].name, "qualifiers.tsv");
    assert_eq!(changes[0].added.len(), 1);
    assert_eq!(changes[0].removed.len(), 1);
    assert!(changes[0].added[0].1.starts_with("نحو\tabout\tafter"));
    assert!(changes[0].removed[0].1.starts_with("نحو\tabout\tbefore"));
}

#[test]
fn the_table_reader_checks_columns_values_and_examples() {
    use table::{Schema, Table};
    let schema = Schema::new(&["phrase", "kind"]).example_of("phrase");
    let ok = "# c\nphrase\tkind\tnote\texample\nجرحى\tinjured\t\tسقط 5 جرحى\n";
    let t = Table::parse("f.tsv", ok, &schema).unwrap();
    assert_eq!(t.rows()[0].line, 3);
    assert_eq!(t.get(&t.rows()[0], "note"), "");
    let err = t
        .choice(&t.rows()[0], "kind", &[("killed", 1)])
        .unwrap_err()
        .to_string();
    assert_eq!(err, "`f.tsv` line 3: unknown kind `injured` (killed)");
    let lacking = "phrase\texample\nجرحى\tسقط 5 جرحى\n";
    let err = Table::parse("f.tsv", lacking, &schema)
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("`f.tsv` line 1: the header lacks column `kind`"),
        "{err}"
    );
    let empty = "phrase\tkind\texample\nجرحى\t\tسقط 5 جرحى\n";
    let err = Table::parse("f.tsv", empty, &schema)
        .unwrap_err()
        .to_string();
    assert_eq!(err, "`f.tsv` line 2: empty `kind`");
    // Examples are compared normalised, runs of spaces as one.
    let spaced = "phrase\tkind\texample\nقتلى  وجرحى\tx\tسقط 5 قتلى وجرحى\n";
    assert!(Table::parse("f.tsv", spaced, &schema).is_ok());
}

#[test]
fn readings_decide_how_a_phrase_meets_the_text() {
    let find = |index: &PhraseIndex<u8>, text: &str, i: usize| -> Vec<(usize, u8, u8)> {
        let n = rasid_text::normalize_str(text);
        let tokens = rasid_text::tokenize(&n);
        index
            .matches_at(&n, &tokens, i)
            .map(|m| (m.end, m.tag, m.prefix))
            .collect()
    };
    let mut index = PhraseIndex::default();
    index.insert_with("دير الزور", Reading::Name, 1).unwrap();
    index.insert_with("الأمس", Reading::Listed, 2).unwrap();
    index.insert_with("أمس", Reading::Listed, 3).unwrap();
    // A name: the first word through its clitics and article, the rest as written.
    assert_eq!(find(&index, "وبدير الزور", 0), [(2, 1, 4)]);
    assert!(find(&index, "دير والزور", 0).is_empty());
    // Listed: the article is part of the word; the caller reads the clitics.
    assert_eq!(find(&index, "بالأمس", 0), [(1, 2, 2), (1, 3, 6)]);
    // Exact: as written only.
    let mut exact = PhraseIndex::default();
    exact.insert("=من", 4).unwrap();
    assert_eq!(find(&exact, "من", 0), [(1, 4, 0)]);
    assert!(find(&exact, "لمن", 0).is_empty());
}
