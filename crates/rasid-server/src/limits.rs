//! The limits a server runs under: each has a default, a flag of `rasid
//! serve` and an environment variable (see the crate README).

use std::time::Duration;

/// Connection, request and ingest limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// How long a client has to send a request's head (request line and
    /// headers): from the connection's start, or from the first byte of a
    /// later request on a kept-alive connection. Past it the connection is
    /// closed.
    pub header_timeout: Duration,
    /// How long a kept-alive connection may wait, with no request under way,
    /// for its next request. Past it the connection is closed.
    pub idle_timeout: Duration,
    /// How long a request may take, its body included, before it is
    /// answered 503 (an ingest that has started by then is answered 202: see
    /// the crate README).
    pub request_timeout: Duration,
    /// Connections served at once; one more is answered 503 and closed.
    pub max_connections: usize,
    /// Ingest requests waiting while one runs; one more is answered 429.
    pub ingest_queue: usize,
    /// After SIGTERM or Ctrl-C, how long requests under way may take to
    /// finish before the server stops anyway.
    pub shutdown_timeout: Duration,
    /// The largest request body, in bytes (413 past it).
    pub body_limit: usize,
}

/// 10 seconds.
pub const DEFAULT_HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// 60 seconds.
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(60);
/// 30 seconds.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// 512 connections.
pub const DEFAULT_MAX_CONNECTIONS: usize = 512;
/// 4 waiting ingest requests.
pub const DEFAULT_INGEST_QUEUE: usize = 4;
/// 10 seconds.
pub const DEFAULT_SHUTDOWN_TIMEOUT: Duration = Duration::from_secs(10);
/// 16 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 16 * 1024 * 1024;

impl Default for Limits {
    fn default() -> Self {
        Self {
            header_timeout: DEFAULT_HEADER_TIMEOUT,
            idle_timeout: DEFAULT_IDLE_TIMEOUT,
            request_timeout: DEFAULT_TIMEOUT,
            max_connections: DEFAULT_MAX_CONNECTIONS,
            ingest_queue: DEFAULT_INGEST_QUEUE,
            shutdown_timeout: DEFAULT_SHUTDOWN_TIMEOUT,
            body_limit: DEFAULT_BODY_LIMIT,
        }
    }
}

/// A duration as written on a command line or in the environment: `30`
/// (seconds), `30s`, `500ms`, `2m`.
///
/// # Errors
/// For anything else, or zero.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let (number, unit) = text
        .find(|c: char| !c.is_ascii_digit())
        .map_or((text, ""), |at| text.split_at(at));
    let value: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a duration (write e.g. `30s`, `500ms`, `2m`)"))?;
    let duration = match unit.trim() {
        "" | "s" => Duration::from_secs(value),
        "ms" => Duration::from_millis(value),
        "m" | "min" => Duration::from_secs(value.saturating_mul(60)),
        other => {
            return Err(format!(
                "`{other}` is not a unit of time here: use `ms`, `s` or `m`"
            ))
        }
    };
    if duration.is_zero() {
        return Err("a duration of zero would refuse everything".to_owned());
    }
    Ok(duration)
}

#[cfg(test)]
mod tests {
    use super::parse_duration;
    use std::time::Duration;

    #[test]
    fn durations_in_seconds_milliseconds_and_minutes() {
        assert_eq!(parse_duration("30"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert!(parse_duration("0").is_err());
        assert!(parse_duration("ten").is_err());
        assert!(parse_duration("5h").is_err());
    }
}
