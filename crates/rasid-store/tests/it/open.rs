//! Opening: migrations from an empty file, re-opening, refusals.

use rasid_store::{Store, StoreError};
use rusqlite::Connection;

use crate::common::{two_documents, Snapshot};

#[test]
fn a_new_file_gets_the_whole_schema_in_wal_mode() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("rasid.sqlite");
    let store = Store::open(&path).expect("a new store opens");
    assert!(path.exists());
    assert_eq!(
        store.schema_version().expect("version reads"),
        Store::latest_schema_version()
    );
    assert_eq!(store.counts().expect("counts").documents, 0);
    drop(store);

    let raw = Connection::open(&path).expect("raw connection");
    let mode: String = raw
        .pragma_query_value(None, "journal_mode", |row| row.get(0))
        .expect("journal mode reads");
    assert_eq!(mode, "wal");
    let mut tables: Vec<String> = raw
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .expect("prepares")
        .query_map([], |row| row.get(0))
        .expect("runs")
        .collect::<Result<_, _>>()
        .expect("reads");
    tables.sort();
    assert_eq!(
        tables,
        [
            "claims",
            "document_bands",
            "document_signatures",
            "documents",
            "incident_claims",
            "incident_keys",
            "incidents",
            "store_state"
        ]
    );
    let indexes: Vec<String> = raw
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .expect("prepares")
        .query_map([], |row| row.get(0))
        .expect("runs")
        .collect::<Result<_, _>>()
        .expect("reads");
    assert_eq!(
        indexes,
        [
            "claims_kind",
            "claims_source_id",
            "document_signatures_report",
            "documents_published",
            "incident_claims_claim",
            "incident_keys_incident",
            "incidents_country",
            "incidents_date_id"
        ]
    );
}

#[test]
fn reopening_keeps_the_data_and_migrates_nothing() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("rasid.sqlite");
    let before = {
        let mut store = Store::open(&path).expect("opens");
        store.ingest_batch(&two_documents()).expect("ingests");
        Snapshot::of(&store)
    };
    for _ in 0..2 {
        let store = Store::open(&path).expect("re-opens");
        assert_eq!(
            store.schema_version().expect("version"),
            Store::latest_schema_version()
        );
        assert_eq!(Snapshot::of(&store), before);
        assert!(store.check().expect("checks run").is_empty());
    }
}

#[test]
fn a_file_from_a_newer_rasid_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("rasid.sqlite");
    drop(Store::open(&path).expect("opens"));
    let newer = Store::latest_schema_version() + 1;
    Connection::open(&path)
        .expect("raw connection")
        .pragma_update(None, "user_version", newer)
        .expect("version written");

    let error = Store::open(&path).expect_err("a newer schema is refused");
    assert!(
        matches!(error, StoreError::TooNew { found, .. } if found == newer),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(message.contains(&path.display().to_string()), "{message}");
    let version: u32 = Connection::open(&path)
        .expect("raw connection")
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .expect("reads");
    assert_eq!(version, newer);
}

#[test]
fn a_file_that_is_not_a_database_is_an_open_error_naming_it() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("notes.sqlite");
    std::fs::write(
        &path,
        "هذا ليس ملف قاعدة بيانات، بل نص عادي طويل بما يكفي ليبدو ملفا. ".repeat(20),
    )
    .expect("written");
    let error = Store::open(&path).expect_err("not a database");
    assert!(matches!(error, StoreError::Open { .. }), "{error:?}");
    assert!(error.to_string().contains("notes.sqlite"), "{error}");
}

#[test]
fn a_missing_directory_is_an_open_error_naming_the_path() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("no-such-dir").join("rasid.sqlite");
    let error = Store::open(&path).expect_err("no directory");
    assert!(matches!(error, StoreError::Open { .. }), "{error:?}");
    assert!(error.to_string().contains("no-such-dir"), "{error}");
}

#[test]
fn the_schema_declares_foreign_keys() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("rasid.sqlite");
    drop(Store::open(&path).expect("opens"));
    let raw = Connection::open(&path).expect("raw connection");
    raw.pragma_update(None, "foreign_keys", true).expect("on");
    let orphan = raw.execute(
        "INSERT INTO claims (doc_id, ordinal, kind, qualifier, scope, span_start, span_end, json) \
         VALUES ('nobody', 0, 'killed', 'exact', 'incident', 0, 1, '{}')",
        [],
    );
    assert!(orphan.is_err(), "a claim needs its document");
}

#[test]
fn read_only_opening_creates_nothing_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let missing = dir.path().join("typo.sqlite");
    match Store::open_read_only(&missing) {
        Err(StoreError::Missing { path }) => assert_eq!(path, missing),
        other => panic!("expected Missing, got {other:?}"),
    }
    assert!(!missing.exists(), "no file was created");
    assert!(matches!(
        Store::open_existing(&missing),
        Err(StoreError::Missing { .. })
    ));
    assert!(!missing.exists());

    let path = dir.path().join("rasid.sqlite");
    let mut store = Store::open(&path).expect("a new store");
    store.ingest_batch(&two_documents()).expect("ingested");
    drop(store);
    let mut reader = Store::open_read_only(&path).expect("opens read-only");
    assert_eq!(reader.counts().expect("counts").documents, 2);
    // Writing through it is refused by SQLite itself.
    assert!(reader.remove_document("douma-1").is_err());
    assert_eq!(reader.counts().expect("counts").documents, 2);
}

#[test]
fn an_older_schema_is_refused_read_only() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("old.sqlite");
    let store = Store::open(&path).expect("a new store");
    drop(store);
    let raw = Connection::open(&path).expect("raw connection");
    raw.pragma_update(None, "user_version", 1)
        .expect("set back");
    drop(raw);
    match Store::open_read_only(&path) {
        Err(StoreError::Outdated { found: 1, .. }) => {}
        other => panic!("expected Outdated, got {other:?}"),
    }
    let message = Store::open_read_only(&path)
        .expect_err("outdated")
        .to_string();
    assert!(message.contains("rasid relink"), "{message}");
}
