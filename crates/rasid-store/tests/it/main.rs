//! Integration tests of the store, as one binary.

mod common;
mod crash;
mod extract;
mod incidents;
mod ingest;
mod open;
