//! Reading the store: a small pool of read-only SQLite connections and the
//! queries the API answers with.
//!
//! Every query is a fixed SQL text with `?` parameters; the only parts put
//! together at run time are fixed fragments chosen by which filters are set
//! (and the ORDER BY of [`Sort::sql`]), never text from a request.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use rusqlite::types::Value as SqlValue;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row};
use serde_json::{json, Map, Value};
use tokio::sync::Semaphore;

use crate::error::AppError;
use crate::params::{like_contains, ExportPaging, Filters, Paging, Sort};

/// How long a reader waits on a locked file (a checkpoint) before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Read-only connections to the store, used on blocking threads.
#[derive(Debug)]
pub(crate) struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
    permits: Arc<Semaphore>,
}

impl Pool {
    /// `size` connections to the store at `path`, opened now so a bad file fails at start.
    pub(crate) fn new(path: &Path, size: usize) -> rusqlite::Result<Self> {
        let idle = (0..size)
            .map(|_| open_read_only(path))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Self {
            path: path.to_path_buf(),
            idle: Mutex::new(idle),
            permits: Arc::new(Semaphore::new(size)),
        })
    }

    /// Runs `f` with a connection on a blocking thread. When the request is
    /// dropped first (its time ran out, its client went away), the query is
    /// interrupted: no reading goes on for an answer no one will get.
    pub(crate) async fn run<R, F>(self: &Arc<Self>, f: F) -> Result<R, AppError>
    where
        R: Send + 'static,
        F: FnOnce(&Connection) -> Result<R, AppError> + Send + 'static,
    {
        let permit = Arc::clone(&self.permits)
            .acquire_owned()
            .await
            .map_err(|e| AppError::Internal(e.into()))?;
        let taken = self
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        // A connection lost to a panic is replaced.
        let connection = match taken {
            Some(connection) => connection,
            None => open_read_only(&self.path)?,
        };
        let mut interrupt = InterruptOnDrop(Some(connection.get_interrupt_handle()));
        let pool = Arc::clone(self);
        let result = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let result = f(&connection);
            pool.idle
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(connection);
            result
        })
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("a database task failed: {e}")))?;
        interrupt.0 = None;
        result
    }
}

/// Interrupts a connection's running statement when dropped armed.
struct InterruptOnDrop(Option<rusqlite::InterruptHandle>);

impl Drop for InterruptOnDrop {
    fn drop(&mut self) {
        if let Some(handle) = self.0.take() {
            handle.interrupt();
        }
    }
}

/// A read-only connection: no request can write through it, and a file the
/// user cannot write is read all the same (`rasid_store::read_only_connection`).
pub(crate) fn open_read_only(path: &Path) -> rusqlite::Result<Connection> {
    let connection = rasid_store::read_only_connection(path).map_err(|e| match e {
        rasid_store::StoreError::Open { source, .. } => source,
        // The file is gone.
        _ => rusqlite::Error::InvalidPath(path.to_path_buf()),
    })?;
    connection.busy_timeout(BUSY_TIMEOUT)?;
    // Each filter combination is one statement; keep the common ones parsed.
    connection.set_prepared_statement_cache_capacity(64);
    Ok(connection)
}

/// The WHERE clause of the filters and its parameters. `docs` is a JSON
/// array of the ids of the documents matching `q` (searched beforehand).
fn where_clause(filters: &Filters, docs: Option<&str>) -> (String, Vec<SqlValue>) {
    let mut clauses: Vec<&'static str> = Vec::new();
    let mut values: Vec<SqlValue> = Vec::new();
    let text = |s: &str| SqlValue::Text(s.to_owned());
    if let Some(v) = &filters.date_from {
        clauses.push("date >= ?");
        values.push(text(v));
    }
    if let Some(v) = &filters.date_to {
        // A date of coarser precision is stored as its first day.
        clauses.push("date <= ?");
        values.push(text(v));
    }
    if let Some(v) = &filters.country {
        clauses.push("country = ?");
        values.push(text(v));
    }
    if let Some(v) = &filters.admin1 {
        clauses.push("admin1 = ? COLLATE NOCASE");
        values.push(text(v));
    }
    if let Some(v) = &filters.place {
        clauses.push(
            "(place LIKE ? ESCAPE '\\' OR json_extract(json, '$.place.surface') LIKE ? ESCAPE '\\')",
        );
        values.push(text(&like_contains(v)));
        values.push(text(&like_contains(v)));
    }
    if let Some(v) = &filters.event_type {
        clauses.push(
            "(EXISTS (SELECT 1 FROM json_each(incidents.event_types) WHERE value = ? COLLATE NOCASE)
              OR EXISTS (SELECT 1 FROM json_each(incidents.json, '$.event_types') WHERE value = ? COLLATE NOCASE))",
        );
        values.push(text(v));
        values.push(text(v));
    }
    if let Some(v) = &filters.actor {
        clauses.push(
            "EXISTS (SELECT 1 FROM json_each(incidents.json, '$.actors') WHERE value LIKE ? ESCAPE '\\')",
        );
        values.push(text(&like_contains(v)));
    }
    if let Some(v) = &filters.source {
        clauses.push(
            "EXISTS (SELECT 1 FROM json_each(incidents.json, '$.sources') AS s
                     WHERE json_extract(s.value, '$.id') = ?
                        OR json_extract(s.value, '$.name') LIKE ? ESCAPE '\\'
                        OR json_extract(s.value, '$.surface') LIKE ? ESCAPE '\\'
                        OR EXISTS (SELECT 1 FROM json_each(s.value, '$.outlets') WHERE value LIKE ? ESCAPE '\\'))",
        );
        values.push(text(v));
        for _ in 0..3 {
            values.push(text(&like_contains(v)));
        }
    }
    if let Some(v) = &filters.scope {
        clauses.push("json_extract(json, '$.scope') = ?");
        values.push(text(v));
    }
    if let Some(v) = filters.min_best {
        clauses.push("best >= ?");
        values.push(SqlValue::Integer(v));
    }
    if let Some(v) = filters.disagreement {
        clauses.push("disagreement = ?");
        values.push(SqlValue::Integer(i64::from(v)));
    }
    if let (Some(q), Some(docs)) = (&filters.q, docs) {
        clauses.push(
            "(place LIKE ? ESCAPE '\\' OR admin1 LIKE ? ESCAPE '\\'
              OR EXISTS (SELECT 1 FROM incident_claims ic JOIN claims c ON c.id = ic.claim_rowid
                         WHERE ic.incident_id = incidents.id
                           AND c.doc_id IN (SELECT value FROM json_each(?))))",
        );
        values.push(text(&like_contains(q)));
        values.push(text(&like_contains(q)));
        values.push(text(docs));
    }
    if clauses.is_empty() {
        (String::new(), values)
    } else {
        (format!(" WHERE {}", clauses.join(" AND ")), values)
    }
}

const SUMMARY_COLUMNS: &str =
    "id, date, json_extract(json, '$.date.precision'), json_extract(json, '$.scope'),
    country, admin1, place, lat, lon, json_extract(json, '$.event_types'), event_types,
    json_extract(json, '$.actors'), low, best, high, json_extract(json, '$.estimates.injured.best'),
    json_array_length(json, '$.sources'), json_array_length(json, '$.claims'), disagreement";

fn json_column(row: &Row<'_>, index: usize) -> rusqlite::Result<Value> {
    let text: Option<String> = row.get(index)?;
    Ok(text
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_else(|| json!([])))
}

fn summary(row: &Row<'_>) -> rusqlite::Result<Value> {
    let lat: Option<f64> = row.get(7)?;
    let lon: Option<f64> = row.get(8)?;
    Ok(json!({
        "id": row.get::<_, String>(0)?,
        "date": row.get::<_, Option<String>>(1)?,
        "date_precision": row.get::<_, Option<String>>(2)?,
        "scope": row.get::<_, Option<String>>(3)?,
        "country": row.get::<_, Option<String>>(4)?,
        "admin1": row.get::<_, Option<String>>(5)?,
        "place": row.get::<_, Option<String>>(6)?,
        "lat": lat,
        "lon": lon,
        "event_types": json_column(row, 9)?,
        "sub_event_types": json_column(row, 10)?,
        "actors": json_column(row, 11)?,
        "killed": {
            "low": row.get::<_, Option<i64>>(12)?,
            "best": row.get::<_, Option<i64>>(13)?,
            "high": row.get::<_, Option<i64>>(14)?,
        },
        "injured_best": row.get::<_, Option<i64>>(15)?,
        "sources": row.get::<_, Option<i64>>(16)?.unwrap_or(0),
        "claims": row.get::<_, Option<i64>>(17)?.unwrap_or(0),
        "disagreement": row.get::<_, i64>(18)? != 0,
    }))
}

/// One page of incident summaries and how many match.
pub(crate) fn list_incidents(
    connection: &Connection,
    filters: &Filters,
    docs: Option<&str>,
    sort: Sort,
    paging: Paging,
) -> Result<(i64, Vec<Value>), AppError> {
    let (clause, mut values) = where_clause(filters, docs);
    let total: i64 = connection
        .prepare_cached(&format!("SELECT count(*) FROM incidents{clause}"))?
        .query_row(params_from_iter(values.iter()), |row| row.get(0))?;
    values.push(SqlValue::Integer(paging.limit));
    values.push(SqlValue::Integer(paging.offset));
    let mut statement = connection.prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM incidents{clause} ORDER BY {} LIMIT ? OFFSET ?",
        sort.sql()
    ))?;
    let items = statement
        .query_map(params_from_iter(values.iter()), summary)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((total, items))
}

/// The stored records of the matching incidents, for an export.
pub(crate) fn incident_records(
    connection: &Connection,
    filters: &Filters,
    docs: Option<&str>,
    sort: Sort,
    paging: ExportPaging,
) -> Result<Vec<String>, AppError> {
    let (clause, mut values) = where_clause(filters, docs);
    // LIMIT -1 is SQLite's "no limit".
    values.push(SqlValue::Integer(paging.limit.unwrap_or(-1)));
    values.push(SqlValue::Integer(paging.offset));
    let mut statement = connection.prepare_cached(&format!(
        "SELECT json FROM incidents{clause} ORDER BY {} LIMIT ? OFFSET ?",
        sort.sql()
    ))?;
    let records = statement
        .query_map(params_from_iter(values.iter()), |row| row.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(records)
}

/// Incidents per day of the matching incidents.
pub(crate) fn timeline(
    connection: &Connection,
    filters: &Filters,
    docs: Option<&str>,
) -> Result<Vec<Value>, AppError> {
    let (clause, values) = where_clause(filters, docs);
    let clause = if clause.is_empty() {
        " WHERE date IS NOT NULL".to_owned()
    } else {
        format!("{clause} AND date IS NOT NULL")
    };
    let mut statement = connection.prepare_cached(&format!(
        "SELECT date, count(*), sum(best), sum(disagreement) FROM incidents{clause} GROUP BY date ORDER BY date"
    ))?;
    let days = statement
        .query_map(params_from_iter(values.iter()), |row| {
            Ok(json!({
                "date": row.get::<_, String>(0)?,
                "incidents": row.get::<_, i64>(1)?,
                "killed_best": row.get::<_, Option<i64>>(2)?.unwrap_or(0),
                "disagreements": row.get::<_, i64>(3)?,
            }))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(days)
}

/// Metadata of documents, by id, in the order given (unknown ids left out).
pub(crate) fn document_metadata(
    connection: &Connection,
    ids: &[String],
) -> Result<Vec<Value>, AppError> {
    let mut statement = connection
        .prepare("SELECT id, outlet, published, url, lang FROM documents WHERE id = ?1")?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let found = statement
            .query_row(params![id], |row| {
                Ok(json!({
                    "id": row.get::<_, String>(0)?,
                    "outlet": row.get::<_, Option<String>>(1)?,
                    "published": row.get::<_, Option<String>>(2)?,
                    "url": row.get::<_, Option<String>>(3)?,
                    "lang": row.get::<_, Option<String>>(4)?,
                }))
            })
            .optional()?;
        out.extend(found);
    }
    Ok(out)
}

/// The text of a document.
pub(crate) fn document_text(connection: &Connection, id: &str) -> Result<Option<String>, AppError> {
    Ok(connection
        .query_row(
            "SELECT text FROM documents WHERE id = ?1",
            params![id],
            |row| row.get(0),
        )
        .optional()?)
}

/// An incident's record and the documents its claims come from.
pub(crate) fn incident(connection: &Connection, id: &str) -> Result<Option<Value>, AppError> {
    let record: Option<String> = connection
        .query_row(
            "SELECT json FROM incidents WHERE id = ?1",
            params![id],
            |row| row.get(0),
        )
        .optional()?;
    let Some(record) = record else {
        return Ok(None);
    };
    let record: Value = serde_json::from_str(&record)
        .map_err(|e| AppError::Internal(anyhow::anyhow!("incident `{id}` is not JSON: {e}")))?;
    let mut docs: Vec<String> = Vec::new();
    for claim in record["claims"].as_array().into_iter().flatten() {
        if let Some(doc) = claim["doc"].as_str() {
            if !docs.iter().any(|d| d == doc) {
                docs.push(doc.to_owned());
            }
        }
    }
    let documents = document_metadata(connection, &docs)?;
    Ok(Some(json!({"incident": record, "documents": documents})))
}

/// A document with its claims and the incidents they are linked to.
pub(crate) fn document(connection: &Connection, id: &str) -> Result<Option<Value>, AppError> {
    let found = connection
        .query_row(
            "SELECT id, outlet, published, url, lang, text, content_sha256, ingested_at
             FROM documents WHERE id = ?1",
            params![id],
            |row| {
                Ok(json!({
                    "id": row.get::<_, String>(0)?,
                    "outlet": row.get::<_, Option<String>>(1)?,
                    "published": row.get::<_, Option<String>>(2)?,
                    "url": row.get::<_, Option<String>>(3)?,
                    "lang": row.get::<_, Option<String>>(4)?,
                    "text": row.get::<_, String>(5)?,
                    "content_sha256": row.get::<_, String>(6)?,
                    "ingested_at": row.get::<_, String>(7)?,
                }))
            },
        )
        .optional()?;
    let Some(document) = found else {
        return Ok(None);
    };
    let mut statement = connection
        .prepare_cached("SELECT ordinal, json FROM claims WHERE doc_id = ?1 ORDER BY ordinal")?;
    let claims = statement
        .query_map(params![id], |row| {
            let ordinal: i64 = row.get(0)?;
            let text: String = row.get(1)?;
            Ok((ordinal, text))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .map(|(ordinal, text)| {
            let mut claim: Value = serde_json::from_str(&text).map_err(|e| {
                AppError::Internal(anyhow::anyhow!(
                    "claim {ordinal} of `{id}` is not JSON: {e}"
                ))
            })?;
            if let Some(object) = claim.as_object_mut() {
                object.insert("ordinal".to_owned(), json!(ordinal));
            }
            Ok(claim)
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let mut statement = connection.prepare_cached(
        "SELECT DISTINCT ic.incident_id FROM incident_claims ic JOIN claims c ON c.id = ic.claim_rowid
         WHERE c.doc_id = ?1 ORDER BY ic.incident_id",
    )?;
    let incidents = statement
        .query_map(params![id], |row| row.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Some(
        json!({"document": document, "claims": claims, "incidents": incidents}),
    ))
}

fn counted(connection: &Connection, sql: &str) -> Result<Vec<Value>, AppError> {
    let mut statement = connection.prepare_cached(sql)?;
    let columns = statement.column_count();
    let names: Vec<String> = statement.column_names().map(str::to_owned).collect();
    let rows = statement
        .query_map([], |row| {
            let mut object = Map::new();
            for (index, name) in names.iter().enumerate().take(columns) {
                let value = match row.get_ref(index)? {
                    rusqlite::types::ValueRef::Integer(n) => json!(n),
                    rusqlite::types::ValueRef::Real(x) => json!(x),
                    rusqlite::types::ValueRef::Text(t) => json!(String::from_utf8_lossy(t)),
                    _ => Value::Null,
                };
                object.insert(name.clone(), value);
            }
            Ok(Value::Object(object))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The values the filters can take, with how many incidents have each.
pub(crate) fn facets(connection: &Connection) -> Result<Value, AppError> {
    let (incidents, date_min, date_max): (i64, Option<String>, Option<String>) = connection
        .query_row(
            "SELECT count(*), min(date), max(date) FROM incidents",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )?;
    let documents: i64 =
        connection.query_row("SELECT count(*) FROM documents", [], |row| row.get(0))?;
    Ok(json!({
        "incidents": incidents,
        "documents": documents,
        "date_min": date_min,
        "date_max": date_max,
        "countries": counted(connection,
            "SELECT country AS value, count(*) AS count FROM incidents WHERE country IS NOT NULL
             GROUP BY country ORDER BY count DESC, value")?,
        "admin1": counted(connection,
            "SELECT admin1 AS value, country, count(*) AS count FROM incidents WHERE admin1 IS NOT NULL
             GROUP BY admin1, country ORDER BY count DESC, value")?,
        "places": counted(connection,
            "SELECT place AS value, country, count(*) AS count FROM incidents WHERE place IS NOT NULL
             GROUP BY place, country ORDER BY count DESC, value")?,
        "event_types": counted(connection,
            "SELECT value, count(*) AS count FROM (
                 SELECT DISTINCT i.id, e.value FROM incidents i, json_each(i.json, '$.event_types') e
                 UNION SELECT DISTINCT i.id, e.value FROM incidents i, json_each(i.event_types) e)
             GROUP BY value ORDER BY count DESC, value")?,
        "actors": counted(connection,
            "SELECT a.value AS value, count(*) AS count FROM incidents i, json_each(i.json, '$.actors') a
             GROUP BY a.value ORDER BY count DESC, value")?,
        "sources": counted(connection,
            "SELECT value, max(name) AS name, count(*) AS count FROM (
                 SELECT coalesce(json_extract(s.value, '$.id'), json_extract(s.value, '$.name')) AS value,
                        json_extract(s.value, '$.name') AS name
                 FROM incidents i, json_each(i.json, '$.sources') s)
             WHERE value IS NOT NULL
             GROUP BY value ORDER BY count DESC, value")?,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_filter_no_clause() {
        let (clause, values) = where_clause(&Filters::default(), None);
        assert!(clause.is_empty());
        assert!(values.is_empty());
    }

    #[test]
    fn placeholders_and_values_agree() {
        let filters = Filters {
            date_from: Some("2018-04-01".into()),
            country: Some("SY".into()),
            place: Some("دوما".into()),
            event_type: Some("Air/drone strike".into()),
            actor: Some("Syria".into()),
            source: Some("sohr".into()),
            scope: Some("incident".into()),
            min_best: Some(10),
            disagreement: Some(true),
            q: Some("كيماوي".into()),
            ..Filters::default()
        };
        let (clause, values) = where_clause(&filters, Some("[\"a\"]"));
        assert_eq!(clause.matches('?').count(), values.len());
    }
}
