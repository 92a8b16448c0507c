//! What the handlers share: the store's readers, the search index, the
//! writer (only when ingest over HTTP is on) and the limits.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use rasid_extract::Extractor;
use rasid_store::Store;

use crate::db::Pool;
use crate::search::SearchIndex;

/// Largest request body accepted by default: 16 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 16 * 1024 * 1024;
/// How long a request may take by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The state of one server: cheap to clone, shared by every request.
#[derive(Clone, Debug)]
pub struct AppState {
    pub(crate) shared: Arc<Shared>,
}

#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) readers: Arc<Pool>,
    pub(crate) search: Mutex<SearchIndex>,
    pub(crate) writer: Option<Writer>,
    pub(crate) body_limit: usize,
    pub(crate) timeout: Duration,
}

/// The one writer, with the token that guards it.
pub(crate) struct Writer {
    pub(crate) token: String,
    pub(crate) store: Mutex<Store>,
    pub(crate) extractor: Extractor,
}

impl std::fmt::Debug for Writer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the token.
        f.debug_struct("Writer").finish_non_exhaustive()
    }
}

/// Builds an [`AppState`]; see [`AppState::builder`].
#[derive(Debug, Clone)]
pub struct AppStateBuilder {
    db: PathBuf,
    ingest_token: Option<String>,
    body_limit: usize,
    timeout: Duration,
    readers: usize,
}

impl AppState {
    /// A builder for the store at `db`: ingest over HTTP off, default limits.
    pub fn builder(db: impl Into<PathBuf>) -> AppStateBuilder {
        AppStateBuilder {
            db: db.into(),
            ingest_token: None,
            body_limit: DEFAULT_BODY_LIMIT,
            timeout: DEFAULT_TIMEOUT,
            readers: std::thread::available_parallelism().map_or(4, |n| n.get() * 2),
        }
    }

    /// Whether `POST /api/documents` is enabled.
    #[must_use]
    pub fn ingest_enabled(&self) -> bool {
        self.shared.writer.is_some()
    }
}

impl AppStateBuilder {
    /// Enables ingest over HTTP, guarded by `token` (`None` or blank: off).
    #[must_use]
    pub fn ingest_token(mut self, token: Option<String>) -> Self {
        self.ingest_token = token.filter(|t| !t.trim().is_empty());
        self
    }

    /// The largest request body, in bytes.
    #[must_use]
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// How long a request may take before it is answered 503.
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How many read-only connections serve queries at once (at least 1).
    #[must_use]
    pub fn readers(mut self, readers: usize) -> Self {
        self.readers = readers.max(1);
        self
    }

    /// Opens the store and builds the search index.
    ///
    /// With ingest on, a missing store is created and its schema brought up
    /// to date; with it off, the store must exist (run `rasid ingest` first)
    /// and is only ever read: it may be a file the user cannot write.
    ///
    /// # Errors
    /// When the store is missing (ingest off), cannot be opened or migrated,
    /// or the lexicons do not load.
    pub fn build(self) -> anyhow::Result<AppState> {
        let db = self.db.as_path();
        let writer = match self.ingest_token {
            Some(token) => {
                let store = open_store(db)?;
                let extractor =
                    Extractor::builtin().context("cannot load the built-in lexicons")?;
                Some(Writer {
                    token,
                    store: Mutex::new(store),
                    extractor,
                })
            }
            None => {
                // Checks the file (present, of this schema) without writing to it.
                drop(Store::open_read_only(db)?);
                None
            }
        };
        let readers = Pool::new(db, self.readers)
            .with_context(|| format!("cannot read the store `{}`", db.display()))?;
        let started = Instant::now();
        let search = SearchIndex::build(db)
            .with_context(|| format!("cannot index the documents of `{}`", db.display()))?;
        tracing::info!(
            documents = search.len().unwrap_or(0),
            elapsed_ms = started.elapsed().as_millis(),
            "search index built"
        );
        Ok(AppState {
            shared: Arc::new(Shared {
                readers: Arc::new(readers),
                search: Mutex::new(search),
                writer,
                body_limit: self.body_limit,
                timeout: self.timeout,
            }),
        })
    }
}

fn open_store(db: &Path) -> anyhow::Result<Store> {
    Store::open(db).with_context(|| format!("cannot open the store `{}`", db.display()))
}
