//! `rasid serve`: its arguments (each limit a flag and an environment
//! variable), the address as users write it, and the line that says where
//! the server listens once it does.

use std::net::{SocketAddr, ToSocketAddrs as _};
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context as _;
use rasid_server::{parse_duration, Limits, ServeOptions, Server};

#[derive(clap::Args)]
pub(crate) struct ServeArgs {
    /// The SQLite database.
    #[arg(long, default_value = "rasid.db")]
    db: PathBuf,
    /// Where to listen: `HOST:PORT` (`127.0.0.1:8080`, `localhost:8080`,
    /// `[::1]:8080`) or `:PORT` for 127.0.0.1; port 0 picks a free one.
    #[arg(long, default_value = "127.0.0.1:8080", env = "RASID_ADDR")]
    addr: String,
    /// The environment variable holding the token for `POST /api/documents`;
    /// ingest over HTTP stays off unless it is set.
    #[arg(long, default_value = "RASID_INGEST_TOKEN")]
    ingest_token_env: String,
    /// Time a client has to send a request's head (`10s`, `500ms`, `2m`).
    #[arg(long, default_value = "10s", env = "RASID_HEADER_TIMEOUT", value_parser = parse_duration)]
    header_timeout: Duration,
    /// Time a kept-alive connection may wait for its next request.
    #[arg(long, default_value = "60s", env = "RASID_IDLE_TIMEOUT", value_parser = parse_duration)]
    idle_timeout: Duration,
    /// Time a request may take (503 past it; an ingest under way is answered 202).
    #[arg(long, default_value = "30s", env = "RASID_REQUEST_TIMEOUT", value_parser = parse_duration)]
    request_timeout: Duration,
    /// Connections served at once (one more is answered 503).
    #[arg(long, default_value_t = rasid_server::DEFAULT_MAX_CONNECTIONS, env = "RASID_MAX_CONNECTIONS")]
    max_connections: usize,
    /// Ingest requests that may wait while one is written (one more is answered 429).
    #[arg(long, default_value_t = rasid_server::DEFAULT_INGEST_QUEUE, env = "RASID_INGEST_QUEUE")]
    ingest_queue: usize,
    /// After SIGTERM or Ctrl-C, time the requests under way get to finish.
    #[arg(long, default_value = "10s", env = "RASID_SHUTDOWN_TIMEOUT", value_parser = parse_duration)]
    shutdown_timeout: Duration,
    /// Largest request body, in bytes.
    #[arg(long, default_value_t = rasid_server::DEFAULT_BODY_LIMIT, env = "RASID_BODY_LIMIT")]
    body_limit: usize,
}

/// `HOST:PORT`, `[v6]:PORT` or `:PORT` (on 127.0.0.1), a host name resolved.
fn resolve(addr: &str) -> anyhow::Result<SocketAddr> {
    let addr = addr.trim();
    let written = match addr.strip_prefix(':') {
        Some(port) => format!("127.0.0.1:{port}"),
        None => addr.to_owned(),
    };
    let mut found = written
        .to_socket_addrs()
        .with_context(|| format!("`{addr}` is not an address to listen on (write HOST:PORT, e.g. 127.0.0.1:8080 or localhost:8080)"))?;
    found
        .next()
        .with_context(|| format!("`{addr}` names no address"))
}

/// Binds, says where, serves until Ctrl-C or SIGTERM.
pub(crate) fn run(args: ServeArgs) -> anyhow::Result<()> {
    let addr = resolve(&args.addr)?;
    let server = Server::bind(ServeOptions {
        db: args.db.clone(),
        addr,
        ingest_token_env: args.ingest_token_env,
        limits: Limits {
            header_timeout: args.header_timeout,
            idle_timeout: args.idle_timeout,
            request_timeout: args.request_timeout,
            max_connections: args.max_connections.max(1),
            ingest_queue: args.ingest_queue.max(1),
            shutdown_timeout: args.shutdown_timeout,
            body_limit: args.body_limit,
        },
    })?;
    eprintln!(
        "rasid: serving {} on http://{}/",
        args.db.display(),
        server.local_addr()
    );
    server.run()
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn addresses_as_users_write_them() {
        assert_eq!(
            resolve("127.0.0.1:8080").expect("an address").to_string(),
            "127.0.0.1:8080"
        );
        assert_eq!(
            resolve(":0").expect("an address").to_string(),
            "127.0.0.1:0"
        );
        assert!(resolve("localhost:8080")
            .expect("localhost resolves")
            .ip()
            .is_loopback());
        assert!(resolve("no port").is_err());
    }
}
