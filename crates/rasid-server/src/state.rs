//! What the handlers share: the store's readers, the search index, the
//! writer (only when ingest over HTTP is on) and the limits.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use rasid_extract::Extractor;
use rasid_store::Store;

use crate::db::Pool;
use crate::limits::{DEFAULT_BODY_LIMIT, DEFAULT_INGEST_QUEUE, DEFAULT_TIMEOUT};
use crate::queue::{IngestHook, IngestQueue};
use crate::search::SearchIndex;

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

/// The one writer (behind its queue), with the token that guards it.
pub(crate) struct Writer {
    pub(crate) token: String,
    pub(crate) queue: IngestQueue,
}

impl std::fmt::Debug for Writer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the token.
        f.debug_struct("Writer").finish_non_exhaustive()
    }
}

/// Builds an [`AppState`]; see [`AppState::builder`].
#[derive(Clone)]
pub struct AppStateBuilder {
    db: PathBuf,
    ingest_token: Option<String>,
    body_limit: usize,
    timeout: Duration,
    readers: usize,
    ingest_queue: usize,
    ingest_hook: Option<IngestHook>,
}

impl std::fmt::Debug for AppStateBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the token.
        f.debug_struct("AppStateBuilder")
            .field("db", &self.db)
            .field("body_limit", &self.body_limit)
            .field("timeout", &self.timeout)
            .field("readers", &self.readers)
            .field("ingest_queue", &self.ingest_queue)
            .finish_non_exhaustive()
    }
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
            ingest_queue: DEFAULT_INGEST_QUEUE,
            ingest_hook: None,
        }
    }

    /// Whether `POST /api/documents` is enabled.
    #[must_use]
    pub fn ingest_enabled(&self) -> bool {
        self.shared.writer.is_some()
    }

    /// Stops taking ingest requests and cancels those waiting (their
    /// clients are answered 503 `shutting_down`); the batch being written
    /// goes on. What the server does on SIGTERM or Ctrl-C, before it drains.
    pub fn stop_ingest(&self) {
        if let Some(writer) = &self.shared.writer {
            writer.queue.stop();
        }
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

    /// How many ingest requests may wait while one is written (429 past
    /// that; at least 1).
    #[must_use]
    pub fn ingest_queue(mut self, waiting: usize) -> Self {
        self.ingest_queue = waiting.max(1);
        self
    }

    /// Called by the writer when an ingest job starts and ends: for tests
    /// that need a job to run at a moment of their choosing.
    #[doc(hidden)]
    #[must_use]
    pub fn ingest_hook(mut self, hook: IngestHook) -> Self {
        self.ingest_hook = Some(hook);
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
                let queue =
                    IngestQueue::start(store, extractor, self.ingest_queue, self.ingest_hook)
                        .context("cannot start the ingest thread")?;
                Some(Writer { token, queue })
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

/// The store's error names the file and its cause already.
fn open_store(db: &Path) -> anyhow::Result<Store> {
    Ok(Store::open(db)?)
}
