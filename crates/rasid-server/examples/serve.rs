//! Serves a store until Ctrl-C, as `rasid serve` will:
//!
//! ```sh
//! cargo run -p rasid-cli -- ingest samples/articles --db /tmp/s.db
//! cargo run -p rasid-server --example serve -- /tmp/s.db 127.0.0.1:8080
//! ```

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let defaults = rasid_server::ServeOptions::default();
    let db = args.next().map_or(defaults.db, Into::into);
    let addr = match args.next() {
        Some(addr) => addr.parse()?,
        None => defaults.addr,
    };
    rasid_server::serve(rasid_server::ServeOptions {
        db,
        addr,
        ..defaults
    })
}
