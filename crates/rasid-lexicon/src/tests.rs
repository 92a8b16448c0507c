use super::*;

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
