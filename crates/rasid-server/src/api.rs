//! The JSON API's handlers: parse and check the request, run the query on a
//! blocking thread, answer JSON (or CSV / GeoJSON for the exports).

use std::sync::{Arc, PoisonError};

use axum::body::to_bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::db;
use crate::error::AppError;
use crate::ingest::{self, Format};
use crate::params::{with_filters, Filters, Pairs, MAX_LIMIT, MAX_SEARCH_LIMIT};
use crate::queue::{CancelOnDrop, IngestQueue, Job, Phase, Refused};
use crate::records;
use crate::search::TextQuery;
use crate::state::{AppState, Shared};

/// Query pairs, or a 400 naming what is wrong with the query string.
type QueryPairs = Result<Query<Vec<(String, String)>>, QueryRejection>;

fn pairs(query: QueryPairs) -> Result<Vec<(String, String)>, AppError> {
    query
        .map(|Query(pairs)| pairs)
        .map_err(|rejection| AppError::BadRequest(rejection.body_text()))
}

/// Longest id accepted in a path.
const MAX_ID: usize = 512;

fn check_id(id: &str) -> Result<(), AppError> {
    if id.is_empty() || id.len() > MAX_ID || id.chars().any(char::is_control) {
        return Err(AppError::BadRequest(format!(
            "an id is 1 to {MAX_ID} bytes without control characters"
        )));
    }
    Ok(())
}

/// The ids of the documents matching `q`, as a JSON array for SQL, searched
/// on a blocking thread.
async fn documents_matching(
    state: &AppState,
    filters: &Filters,
) -> Result<Option<String>, AppError> {
    let Some(q) = &filters.q else {
        return Ok(None);
    };
    let query = TextQuery::parse(q)?;
    let shared = Arc::clone(&state.shared);
    let ids = blocking(move || {
        let mut index = shared.search.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(index.matching(&query)?)
    })
    .await?;
    Ok(Some(
        serde_json::to_string(&ids).map_err(|e| AppError::Internal(e.into()))?,
    ))
}

async fn blocking<R, F>(f: F) -> Result<R, AppError>
where
    R: Send + 'static,
    F: FnOnce() -> Result<R, AppError> + Send + 'static,
{
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("a task failed: {e}")))?
}

/// `GET /api/incidents`
pub(crate) async fn list_incidents(
    State(state): State<AppState>,
    query: QueryPairs,
) -> Result<Json<Value>, AppError> {
    let pairs = pairs(query)?;
    let names = with_filters(&["limit", "offset", "sort"]);
    let params = Pairs::new(&pairs, &names)?;
    let filters = params.filters()?;
    let paging = params.paging(50, MAX_LIMIT)?;
    let sort = params.sort()?;
    let docs = documents_matching(&state, &filters).await?;
    let (total, items) = state
        .shared
        .readers
        .run(move |c| db::list_incidents(c, &filters, docs.as_deref(), sort, paging))
        .await?;
    Ok(Json(json!({
        "total": total,
        "limit": paging.limit,
        "offset": paging.offset,
        "items": items,
    })))
}

/// `GET /api/incidents/{id}`
pub(crate) async fn get_incident(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, AppError> {
    get_one(&state, id, "incident", db::incident).await
}

/// `GET /api/documents/{id}`
pub(crate) async fn get_document(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, AppError> {
    get_one(&state, id, "document", db::document).await
}

/// One record by id: a bad id is a 400, an unknown one a 404 naming `what`.
async fn get_one(
    state: &AppState,
    id: String,
    what: &str,
    fetch: fn(&rusqlite::Connection, &str) -> Result<Option<Value>, AppError>,
) -> Result<Json<Value>, AppError> {
    check_id(&id)?;
    let key = id.clone();
    let found = state.shared.readers.run(move |c| fetch(c, &key)).await?;
    found
        .map(Json)
        .ok_or_else(|| AppError::NotFound(format!("no {what} `{id}`")))
}

/// Which export.
#[derive(Debug, Clone, Copy)]
enum Export {
    Csv,
    GeoJson,
}

async fn export(state: AppState, query: QueryPairs, format: Export) -> Result<Response, AppError> {
    let pairs = pairs(query)?;
    let names = with_filters(&["limit", "offset", "sort"]);
    let params = Pairs::new(&pairs, &names)?;
    let filters = params.filters()?;
    let paging = params.export_paging()?;
    let sort = params.sort()?;
    let docs = documents_matching(&state, &filters).await?;
    let body = state
        .shared
        .readers
        .run(move |c| {
            let records = db::incident_records(c, &filters, docs.as_deref(), sort, paging)?;
            let incidents = records
                .iter()
                .map(|r| records::incident(r))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| {
                    AppError::Internal(anyhow::anyhow!("a stored incident does not read: {e}"))
                })?;
            Ok(match format {
                Export::Csv => rasid_export::to_csv(&incidents),
                Export::GeoJson => rasid_export::to_geojson(&incidents).to_string(),
            })
        })
        .await?;
    let (content_type, file) = match format {
        Export::Csv => (
            "text/csv; charset=utf-8",
            "attachment; filename=\"incidents.csv\"",
        ),
        Export::GeoJson => (
            "application/geo+json",
            "inline; filename=\"incidents.geojson\"",
        ),
    };
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CONTENT_DISPOSITION, HeaderValue::from_static(file)),
        ],
        body,
    )
        .into_response())
}

/// `GET /api/incidents.csv`
pub(crate) async fn incidents_csv(
    State(state): State<AppState>,
    query: QueryPairs,
) -> Result<Response, AppError> {
    export(state, query, Export::Csv).await
}

/// `GET /api/incidents.geojson`
pub(crate) async fn incidents_geojson(
    State(state): State<AppState>,
    query: QueryPairs,
) -> Result<Response, AppError> {
    export(state, query, Export::GeoJson).await
}

/// `GET /api/timeline`
pub(crate) async fn timeline(
    State(state): State<AppState>,
    query: QueryPairs,
) -> Result<Json<Value>, AppError> {
    let pairs = pairs(query)?;
    let names = with_filters(&[]);
    let filters = Pairs::new(&pairs, &names)?.filters()?;
    let docs = documents_matching(&state, &filters).await?;
    let days = state
        .shared
        .readers
        .run(move |c| db::timeline(c, &filters, docs.as_deref()))
        .await?;
    Ok(Json(json!({"items": days})))
}

/// `GET /api/facets`
pub(crate) async fn facets(
    State(state): State<AppState>,
    query: QueryPairs,
) -> Result<Json<Value>, AppError> {
    let pairs = pairs(query)?;
    Pairs::new(&pairs, &[])?;
    Ok(Json(state.shared.readers.run(db::facets).await?))
}

/// `GET /api/health`
pub(crate) async fn health(State(state): State<AppState>) -> Result<Json<Value>, AppError> {
    let ingest = state.ingest_enabled();
    let (documents, incidents) = state
        .shared
        .readers
        .run(|c| {
            let count = |sql: &str| c.query_row(sql, [], |row| row.get::<_, i64>(0));
            Ok((
                count("SELECT count(*) FROM documents")?,
                count("SELECT count(*) FROM incidents")?,
            ))
        })
        .await?;
    Ok(Json(json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "documents": documents,
        "incidents": incidents,
        "ingest": ingest,
    })))
}

/// Characters of a snippet on each side of the first hit.
const SNIPPET_CONTEXT: usize = 90;
/// Most hits given per document.
const MAX_HITS: usize = 50;

/// A window of `text` around `at` (bytes), on character boundaries.
fn snippet(text: &str, at: usize) -> (usize, usize) {
    let before: Vec<usize> = text[..at]
        .char_indices()
        .rev()
        .take(SNIPPET_CONTEXT)
        .map(|(i, _)| i)
        .collect();
    let start = before.last().copied().unwrap_or(at);
    let end = text[at..]
        .char_indices()
        .nth(SNIPPET_CONTEXT)
        .map_or(text.len(), |(i, _)| at + i);
    (start, end)
}

/// `GET /api/search`
pub(crate) async fn search(
    State(state): State<AppState>,
    query: QueryPairs,
) -> Result<Json<Value>, AppError> {
    let pairs = pairs(query)?;
    let params = Pairs::new(&pairs, &["q", "limit", "offset"])?;
    let q = params.required("q")?;
    let paging = params.paging(20, MAX_SEARCH_LIMIT)?;
    let query = TextQuery::parse(&q)?;
    let shared: Arc<Shared> = Arc::clone(&state.shared);
    let searched = query.clone();
    let (total, found) = blocking(move || {
        let mut index = shared.search.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(index.search(&searched, paging.limit, paging.offset)?)
    })
    .await?;
    let items = state
        .shared
        .readers
        .run(move |c| {
            let ids: Vec<String> = found.iter().map(|(id, _)| id.clone()).collect();
            let metadata = db::document_metadata(c, &ids)?;
            let mut items = Vec::with_capacity(found.len());
            for ((id, score), mut meta) in found.into_iter().zip(metadata) {
                // A document removed since the search is left out by
                // `document_metadata`; skip any mismatch rather than mislabel.
                if meta["id"] != id.as_str() {
                    continue;
                }
                let text = db::document_text(c, &id)?.unwrap_or_default();
                let hits = query.hits(&text);
                let (start, end) = hits
                    .first()
                    .map_or_else(|| snippet(&text, 0), |h| snippet(&text, h.start));
                meta["score"] = json!(score);
                meta["hits"] = json!(hits
                    .iter()
                    .take(MAX_HITS)
                    .map(|h| json!({"start": h.start, "end": h.end}))
                    .collect::<Vec<_>>());
                meta["snippet"] = json!({"start": start, "end": end, "text": &text[start..end]});
                items.push(meta);
            }
            Ok(items)
        })
        .await?;
    Ok(Json(json!({
        "total": total,
        "limit": paging.limit,
        "offset": paging.offset,
        "items": items,
    })))
}

/// Equal in time whatever the first differing byte.
fn same_token(given: &[u8], expected: &[u8]) -> bool {
    let mut difference = given.len() ^ expected.len();
    for (index, byte) in expected.iter().enumerate() {
        difference |= usize::from(given.get(index).copied().unwrap_or(0) ^ byte);
    }
    difference == 0
}

fn authorize(headers: &HeaderMap, token: &str) -> Result<(), AppError> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Err(AppError::Unauthorized(
            "ingest needs `Authorization: Bearer <token>`".to_owned(),
        ));
    };
    let given = value
        .to_str()
        .ok()
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim());
    match given {
        None => Err(AppError::Unauthorized(
            "the Authorization header must be `Bearer <token>`".to_owned(),
        )),
        Some(given) if same_token(given.as_bytes(), token.as_bytes()) => Ok(()),
        Some(_) => Err(AppError::Forbidden("the token is not valid".to_owned())),
    }
}

/// The writer, or why ingest is refused.
fn writer(state: &AppState) -> Result<&crate::state::Writer, AppError> {
    state.shared.writer.as_ref().ok_or_else(|| {
        AppError::IngestDisabled(
            "ingest over HTTP is disabled: start the server with the ingest token variable (RASID_INGEST_TOKEN) set".to_owned(),
        )
    })
}

fn stopping() -> AppError {
    AppError::Unavailable {
        code: "shutting_down",
        detail: "the server is stopping; nothing of this request was stored".to_owned(),
        retry_after: Some(5),
    }
}

/// `POST /api/documents`
///
/// Not under the request timeout layer: it keeps the same time limit itself
/// (the body's arrival included), so that its answer can say what became of
/// the work (see [`crate::queue`]).
pub(crate) async fn post_documents(
    State(state): State<AppState>,
    request: Request,
) -> Result<Response, AppError> {
    let deadline = tokio::time::Instant::now() + state.shared.timeout;
    let writer = writer(&state)?;
    if writer.queue.stopping() {
        return Err(stopping());
    }
    let headers = request.headers();
    authorize(headers, &writer.token)?;
    let format = Format::from_content_type(
        headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok()),
    )?;
    let limit = state.shared.body_limit;
    let too_slow = || {
        AppError::Unavailable {
        code: "timeout",
        detail: "the request took too long and was stopped before its documents were read; nothing was stored".to_owned(),
        retry_after: None,
    }
    };
    let body = tokio::time::timeout_at(deadline, to_bytes(request.into_body(), limit))
        .await
        .map_err(|_| too_slow())?
        .map_err(|error| {
            // A body without a length, cut by the body limit layer.
            let too_large = error.to_string().contains("length limit");
            if too_large {
                AppError::PayloadTooLarge(format!("the body is over the limit of {limit} bytes"))
            } else {
                AppError::BadRequest(format!("the body could not be read: {error}"))
            }
        })?;
    let (documents, notices) =
        tokio::time::timeout_at(deadline, blocking(move || ingest::parse(&body, format)))
            .await
            .map_err(|_| too_slow())??;
    let (job, result) = writer
        .queue
        .submit(documents)
        .map_err(|refused| match refused {
            Refused::Full => AppError::TooManyRequests {
                detail: "the ingest queue is full; try again later".to_owned(),
                retry_after: writer.queue.retry_after(),
            },
            Refused::Stopping => stopping(),
        })?;
    // Dropped with this future when the client goes away: a job that has
    // not started is then cancelled.
    let guard = CancelOnDrop(Arc::clone(&job));
    let outcome = tokio::select! {
        outcome = result => outcome,
        () = tokio::time::sleep_until(deadline) => {
            drop(guard);
            return if job.phase() == Phase::Cancelled {
                Err(AppError::Unavailable {
                    code: "timeout",
                    detail: "the request took too long while waiting for the writer; the batch was cancelled before it started and nothing was stored".to_owned(),
                    retry_after: Some(writer.queue.retry_after()),
                })
            } else {
                tracing::info!(job = job.id, "ingest still running when its request timed out: answered 202");
                Ok(accepted(&job))
            };
        }
    };
    drop(guard);
    let Ok(outcome) = outcome else {
        // The writer dropped the job: the server is stopping.
        return Err(stopping());
    };
    let mut summary = outcome?;
    if !notices.is_empty() {
        summary["notices"] = json!(notices);
    }
    tracing::info!(
        job = job.id,
        added = summary["added"].as_u64(),
        updated = summary["updated"].as_u64(),
        unchanged = summary["unchanged"].as_u64(),
        claims = summary["claims"].as_u64(),
        incidents = summary["incidents"].as_u64(),
        "documents ingested over HTTP"
    );
    Ok((StatusCode::OK, Json(summary)).into_response())
}

/// 202: the batch is being written and will commit or roll back whole.
fn accepted(job: &Job) -> Response {
    let url = format!("/api/ingest/{}", job.id);
    let body = json!({
        "status": "running",
        "job": job.id.to_string(),
        "status_url": url,
        "detail": "the request's time ran out while its batch was being written; the batch commits or rolls back as one transaction: GET the status_url for its outcome",
    });
    let mut response = (StatusCode::ACCEPTED, Json(body)).into_response();
    if let Ok(location) = HeaderValue::from_str(&url) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

/// `GET /api/ingest/{job}`: what became of an ingest job.
pub(crate) async fn ingest_status(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<Value>, AppError> {
    let writer = writer(&state)?;
    authorize(&headers, &writer.token)?;
    let job = id
        .parse::<u64>()
        .ok()
        .and_then(|id| writer.queue.job(id))
        .ok_or_else(|| {
            AppError::NotFound(format!(
                "no ingest job `{}` (the outcomes of the last jobs are kept)",
                id.chars().take(40).collect::<String>()
            ))
        })?;
    Ok(Json(IngestQueue::describe(&job)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_compare_whole() {
        assert!(same_token(b"secret", b"secret"));
        assert!(!same_token(b"secre", b"secret"));
        assert!(!same_token(b"secret!", b"secret"));
        assert!(!same_token(b"", b"secret"));
    }

    #[test]
    fn snippets_stay_on_character_boundaries() {
        let text = "قتل ٣٢ شخصاً في دوما";
        let at = text.find('٣').expect("a digit");
        let (start, end) = snippet(text, at);
        assert_eq!((start, end), (0, text.len()));
        let long = "أ".repeat(300);
        let (start, end) = snippet(&long, 200);
        assert!(long.is_char_boundary(start) && long.is_char_boundary(end));
        assert_eq!(long[start..end].chars().count(), 2 * SNIPPET_CONTEXT);
    }
}
