//! Schema migrations: an ordered list of SQL steps. The file's
//! `PRAGMA user_version` counts the steps applied; opening a store applies the
//! missing ones in one transaction, so a failed step leaves the schema as it
//! was. Steps are only ever appended: a released step is never edited.

use rusqlite::{Connection, TransactionBehavior};

/// One step of the schema.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Migration {
    /// What the step does; named in errors.
    pub(crate) name: &'static str,
    pub(crate) sql: &'static str,
}

/// Every step, oldest first; step `i` leads to schema version `i + 1`.
pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
        name: "documents, claims, incidents and their links",
        sql: r"
CREATE TABLE documents (
    id             TEXT PRIMARY KEY NOT NULL,
    outlet         TEXT,
    published      TEXT,
    url            TEXT,
    lang           TEXT,
    text           TEXT NOT NULL,
    -- SHA-256 of `text`, lower-case hex.
    content_sha256 TEXT NOT NULL,
    -- SHA-256 of the metadata and the claims' JSON: a document whose text is
    -- unchanged but whose claims differ (a newer extractor) is updated.
    record_sha256  TEXT NOT NULL,
    origin_path    TEXT NOT NULL,
    origin_line    INTEGER,
    ingested_at    TEXT NOT NULL
) STRICT;

CREATE TABLE claims (
    -- The rowid: stable while the document's record is unchanged.
    id             INTEGER PRIMARY KEY,
    doc_id         TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal        INTEGER NOT NULL,
    kind           TEXT NOT NULL,
    value_min      INTEGER,
    value_max      INTEGER,
    qualifier      TEXT NOT NULL,
    grp            TEXT,
    source_id      TEXT,
    source_surface TEXT,
    scope          TEXT NOT NULL,
    span_start     INTEGER NOT NULL,
    span_end       INTEGER NOT NULL,
    -- The full claim record, as `rasid extract` writes it.
    json           TEXT NOT NULL,
    UNIQUE (doc_id, ordinal)
) STRICT;
-- `doc_id` is served by the UNIQUE index above (its first column).
CREATE INDEX claims_kind ON claims (kind);
CREATE INDEX claims_source_id ON claims (source_id);

CREATE TABLE incidents (
    id           TEXT PRIMARY KEY NOT NULL,
    -- The full incident record.
    json         TEXT NOT NULL,
    date         TEXT,
    country      TEXT,
    admin1       TEXT,
    place        TEXT,
    lat          REAL,
    lon          REAL,
    -- A JSON array of strings: `json_each(event_types)` filters on it.
    event_types  TEXT NOT NULL DEFAULT '[]',
    best         INTEGER,
    low          INTEGER,
    high         INTEGER,
    disagreement INTEGER NOT NULL DEFAULT 0 CHECK (disagreement IN (0, 1))
) STRICT;
CREATE INDEX incidents_date ON incidents (date);
CREATE INDEX incidents_country ON incidents (country);

CREATE TABLE incident_claims (
    incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    claim_rowid INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    PRIMARY KEY (incident_id, claim_rowid)
) STRICT, WITHOUT ROWID;
-- Deleting a claim (a document re-ingested with new claims) looks its links up here.
CREATE INDEX incident_claims_claim ON incident_claims (claim_rowid);
",
    },
    Migration {
        name: "incremental linking: linking index, near-duplicate signatures",
        sql: r"
-- What linking knows of an incident (its dates, places, types and first
-- account, as JSON written by rasid-link), beside its record; NULL for the
-- incidents of schema 1, which the next relink rebuilds.
ALTER TABLE incidents ADD COLUMN scope TEXT NOT NULL DEFAULT 'incident';
ALTER TABLE incidents ADD COLUMN profile TEXT;
-- Incidents in listing order (date, then id), for reading and paging.
DROP INDEX incidents_date;
CREATE INDEX incidents_date_id ON incidents (date, id);

-- The linking index: an incident filed under a place key and a period of a
-- country (a linking block); a new claim finds its candidates here.
CREATE TABLE incident_keys (
    country     TEXT NOT NULL,
    key         INTEGER NOT NULL,
    period      INTEGER NOT NULL,
    incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    PRIMARY KEY (country, key, period, incident_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX incident_keys_incident ON incident_keys (incident_id);

-- Each document's MinHash signature, its band keys (both little-endian
-- 64-bit words) and its report: the smallest id of its near-duplicates.
CREATE TABLE document_signatures (
    doc_id    TEXT PRIMARY KEY NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    signature BLOB NOT NULL,
    bands     BLOB NOT NULL,
    report    TEXT NOT NULL
) STRICT;
CREATE INDEX document_signatures_report ON document_signatures (report);
-- Band key -> documents: a new document finds its wire copies here. Rows
-- are removed with their document's signature (by key, from `bands`).
CREATE TABLE document_bands (
    key    INTEGER NOT NULL,
    doc_id TEXT NOT NULL,
    PRIMARY KEY (key, doc_id)
) STRICT, WITHOUT ROWID;

-- Documents in linking order (publication, then id), for `rasid relink`.
CREATE INDEX documents_published ON documents (published, id);

-- Facts about the store as a whole.
CREATE TABLE store_state (
    name  TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;
-- A store of schema 1 holds incidents linked by the old full relink, without
-- the linking index: the next ingest relinks it once.
INSERT INTO store_state (name, value)
    SELECT 'links', 'stale' WHERE EXISTS (SELECT 1 FROM documents);
",
    },
];

/// Why [`migrate`] failed.
#[derive(Debug)]
pub(crate) enum MigrateError {
    /// The file's version is newer than the steps known.
    TooNew { found: u32, known: u32 },
    /// The step leading to `version` (or reading the version) failed.
    Step {
        version: u32,
        name: &'static str,
        source: rusqlite::Error,
    },
}

/// The schema version a list of steps leads to.
pub(crate) fn version_of(migrations: &[Migration]) -> u32 {
    u32::try_from(migrations.len()).expect("fewer than 2^32 migrations")
}

/// Applies the steps the file lacks, all in one transaction (taken with a
/// write lock at once, so two processes opening one new file do not both
/// migrate). Returns the version reached.
pub(crate) fn migrate(
    connection: &mut Connection,
    migrations: &[Migration],
) -> Result<u32, MigrateError> {
    let known = version_of(migrations);
    let step_error = |version, name| {
        move |source| MigrateError::Step {
            version,
            name,
            source,
        }
    };
    let reading = "reading the schema version";
    let transaction = connection
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(step_error(0, reading))?;
    let found: u32 = transaction
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(step_error(0, reading))?;
    if found > known {
        return Err(MigrateError::TooNew { found, known });
    }
    for (index, migration) in migrations.iter().enumerate().skip(found as usize) {
        let version = version_of(&migrations[..=index]);
        transaction
            .execute_batch(migration.sql)
            .map_err(step_error(version, migration.name))?;
        // `user_version` lives in the file header and is written inside the
        // transaction: it commits or rolls back with the step.
        transaction
            .pragma_update(None, "user_version", version)
            .map_err(step_error(version, migration.name))?;
    }
    transaction
        .commit()
        .map_err(step_error(known, "committing the migrations"))?;
    Ok(known)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIRST: Migration = Migration {
        name: "a",
        sql: "CREATE TABLE a (x INTEGER);",
    };
    const SECOND: Migration = Migration {
        name: "b",
        sql: "CREATE TABLE b (y INTEGER); INSERT INTO a VALUES (1);",
    };
    const BROKEN: Migration = Migration {
        name: "broken",
        sql: "CREATE TABLE c (z INTEGER); INSERT INTO no_such_table VALUES (1);",
    };

    fn version(connection: &Connection) -> u32 {
        connection
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .expect("user_version reads")
    }

    fn tables(connection: &Connection) -> Vec<String> {
        let mut statement = connection
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .expect("query prepares");
        statement
            .query_map([], |row| row.get(0))
            .expect("query runs")
            .collect::<Result<_, _>>()
            .expect("rows read")
    }

    #[test]
    fn applies_only_the_missing_steps() {
        let mut connection = Connection::open_in_memory().expect("opens");
        assert!(matches!(migrate(&mut connection, &[FIRST]), Ok(1)));
        assert_eq!(version(&connection), 1);
        // A later build with one more step applies that step alone.
        assert!(matches!(migrate(&mut connection, &[FIRST, SECOND]), Ok(2)));
        assert_eq!(tables(&connection), ["a", "b"]);
        // Idempotent: nothing left to apply.
        assert!(matches!(migrate(&mut connection, &[FIRST, SECOND]), Ok(2)));
        let rows: i64 = connection
            .query_row("SELECT count(*) FROM a", [], |row| row.get(0))
            .expect("counts");
        assert_eq!(rows, 1, "the second step ran once");
    }

    #[test]
    fn a_failed_step_rolls_back_every_step_of_the_run() {
        let mut connection = Connection::open_in_memory().expect("opens");
        match migrate(&mut connection, &[FIRST, SECOND, BROKEN]) {
            Err(MigrateError::Step { version: 3, .. }) => {}
            other => panic!("expected step 3 to fail, got {other:?}"),
        }
        assert_eq!(version(&connection), 0);
        assert!(tables(&connection).is_empty());
    }

    #[test]
    fn a_newer_file_is_refused() {
        let mut connection = Connection::open_in_memory().expect("opens");
        migrate(&mut connection, &[FIRST, SECOND]).expect("migrates");
        match migrate(&mut connection, &[FIRST]) {
            Err(MigrateError::TooNew { found: 2, known: 1 }) => {}
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn a_store_of_step_one_migrates_and_is_marked_for_a_relink() {
        let mut connection = Connection::open_in_memory().expect("opens");
        migrate(&mut connection, &MIGRATIONS[..1]).expect("step 1");
        connection
            .execute_batch(
                "INSERT INTO documents (id, text, content_sha256, record_sha256, origin_path, ingested_at)
                 VALUES ('a', 'نص', 'x', 'y', 'a.txt', 'now');
                 INSERT INTO incidents (id, json, date) VALUES ('i', '{}', '2018-04-06');",
            )
            .expect("a store of step 1");
        migrate(&mut connection, MIGRATIONS).expect("migrates");
        let (scope, profile): (String, Option<String>) = connection
            .query_row("SELECT scope, profile FROM incidents", [], |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .expect("the incident is kept");
        assert_eq!((scope.as_str(), profile), ("incident", None));
        let stale: String = connection
            .query_row(
                "SELECT value FROM store_state WHERE name = 'links'",
                [],
                |row| row.get(0),
            )
            .expect("marked");
        assert_eq!(stale, "stale");
        // A new, empty store has nothing to relink.
        let mut fresh = Connection::open_in_memory().expect("opens");
        migrate(&mut fresh, MIGRATIONS).expect("migrates");
        let marks: i64 = fresh
            .query_row("SELECT count(*) FROM store_state", [], |row| row.get(0))
            .expect("counts");
        assert_eq!(marks, 0);
    }

    #[test]
    fn the_shipped_schema_applies() {
        let mut connection = Connection::open_in_memory().expect("opens");
        let version = migrate(&mut connection, MIGRATIONS).expect("the schema applies");
        assert_eq!(version, version_of(MIGRATIONS));
        assert_eq!(
            tables(&connection),
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
    }
}
