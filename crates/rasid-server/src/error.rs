//! One error type for every handler, answered as JSON `{error, detail}`.
//!
//! Client errors say what was wrong with the request; server errors are
//! logged with their cause and answered with a plain 500, so no file path or
//! SQL reaches a client.

use axum::body::Body;
use axum::http::{header, HeaderValue, Response, StatusCode};
use axum::response::IntoResponse;
use serde_json::json;

/// What went wrong with a request.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AppError {
    /// A parameter or a body the client sent is not valid (400).
    #[error("{0}")]
    BadRequest(String),
    /// Documents sent for ingest that cannot be read (400), one problem each.
    #[error("{detail}")]
    InvalidDocuments {
        /// A summary.
        detail: String,
        /// Each document's problem, naming its line.
        problems: Vec<String>,
    },
    /// No credentials were given (401).
    #[error("{0}")]
    Unauthorized(String),
    /// The credentials given are wrong (403).
    #[error("{0}")]
    Forbidden(String),
    /// Ingest over HTTP is switched off (403, `ingest_disabled`).
    #[error("{0}")]
    IngestDisabled(String),
    /// No such record (404).
    #[error("{0}")]
    NotFound(String),
    /// The body is over the limit (413).
    #[error("{0}")]
    PayloadTooLarge(String),
    /// The body is in a format the endpoint does not read (415).
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// Too much work is waiting (429, with `Retry-After`).
    #[error("{detail}")]
    TooManyRequests {
        /// What is full.
        detail: String,
        /// Seconds after which to try again.
        retry_after: u64,
    },
    /// The server cannot do it now (503): the request ran out of time, or
    /// the server is stopping.
    #[error("{detail}")]
    Unavailable {
        /// The `error` code: `timeout`, `shutting_down`, `busy`.
        code: &'static str,
        /// What happened, and what became of the request's work.
        detail: String,
        /// Seconds after which to try again, when that may help.
        retry_after: Option<u64>,
    },
    /// Anything on the server's side (500); logged, not shown.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    /// The HTTP status of the error.
    #[must_use]
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::BadRequest(_) | AppError::InvalidDocuments { .. } => StatusCode::BAD_REQUEST,
            AppError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            AppError::Forbidden(_) | AppError::IngestDisabled(_) => StatusCode::FORBIDDEN,
            AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable { .. } => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<rusqlite::Error> for AppError {
    fn from(error: rusqlite::Error) -> Self {
        AppError::Internal(error.into())
    }
}

impl From<rasid_store::StoreError> for AppError {
    fn from(error: rasid_store::StoreError) -> Self {
        AppError::Internal(error.into())
    }
}

/// The short machine-readable name of a status, the `error` field.
pub(crate) fn code(status: StatusCode) -> &'static str {
    match status {
        StatusCode::BAD_REQUEST => "bad_request",
        StatusCode::UNAUTHORIZED => "unauthorized",
        StatusCode::FORBIDDEN => "forbidden",
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::REQUEST_TIMEOUT => "request_timeout",
        StatusCode::PAYLOAD_TOO_LARGE => "payload_too_large",
        StatusCode::URI_TOO_LONG => "uri_too_long",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        StatusCode::TOO_MANY_REQUESTS => "too_many_requests",
        StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE => "headers_too_large",
        StatusCode::UNPROCESSABLE_ENTITY => "unprocessable_entity",
        StatusCode::SERVICE_UNAVAILABLE => "timeout",
        s if s.is_server_error() => "internal",
        _ => "error",
    }
}

/// A JSON error response.
pub(crate) fn json_error(
    status: StatusCode,
    error: &str,
    detail: &str,
    problems: Option<&[String]>,
) -> Response<Body> {
    let mut body = json!({"error": error, "detail": detail});
    if let Some(problems) = problems {
        body["problems"] = json!(problems);
    }
    let mut response = Response::new(Body::from(body.to_string()));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

impl IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        let status = self.status();
        let mut response = match &self {
            AppError::Internal(cause) => {
                tracing::error!(error = format!("{cause:#}"), "request failed");
                json_error(status, code(status), "internal server error", None)
            }
            AppError::InvalidDocuments { detail, problems } => {
                json_error(status, "invalid_documents", detail, Some(problems))
            }
            AppError::IngestDisabled(detail) => json_error(status, "ingest_disabled", detail, None),
            AppError::Unavailable { code, detail, .. } => json_error(status, code, detail, None),
            other => json_error(status, code(status), &other.to_string(), None),
        };
        let retry_after = match &self {
            AppError::TooManyRequests { retry_after, .. } => Some(*retry_after),
            AppError::Unavailable { retry_after, .. } => *retry_after,
            _ => None,
        };
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"rasid\""),
            );
        }
        response
    }
}
