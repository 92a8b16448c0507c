//! Ingest over HTTP, one batch at a time: a bounded queue in front of the
//! one writer, so that work started by a request stays bounded by it.
//!
//! The rule, for a request that runs out of time or whose client goes away:
//!
//! * a batch still **waiting** in the queue is cancelled: it never runs, and
//!   the client (when it is still there) is answered 503 `timeout`, nothing
//!   stored;
//! * a batch that has **started** is never cut: it is written as one
//!   transaction ([`crate::ingest::ingest`]) and commits or rolls back whole.
//!   A client whose request runs out of time then is answered `202 Accepted`
//!   with the job's id, and `GET /api/ingest/{job}` tells its outcome; so no
//!   client is ever told "failed" about work that goes on.
//!
//! A full queue is answered 429 with `Retry-After`. When the server stops
//! (SIGTERM, Ctrl-C), waiting batches are cancelled (their clients are
//! answered 503 `shutting_down`) and the running one finishes within the
//! drain time, or is rolled back by the process's exit.

use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicU8, Ordering};
use std::sync::mpsc::{sync_channel, SyncSender, TrySendError};
use std::sync::{Arc, Mutex, PoisonError};

use rasid_docs::Document;
use rasid_extract::Extractor;
use rasid_store::Store;
use serde_json::{json, Value};
use tokio::sync::oneshot;

use crate::error::AppError;

/// Jobs whose outcome `GET /api/ingest/{job}` can still tell.
const KEPT_OUTCOMES: usize = 256;

/// What a job is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    Queued,
    Running,
    /// Left out before it started: its request timed out or went away, or
    /// the server is stopping.
    Cancelled,
    Done,
}

impl Phase {
    fn from_u8(value: u8) -> Self {
        match value {
            0 => Self::Queued,
            1 => Self::Running,
            2 => Self::Cancelled,
            _ => Self::Done,
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Running => "running",
            Self::Cancelled => "cancelled",
            Self::Done => "done",
        }
    }
}

/// One job's state, shared by its request and the writer.
#[derive(Debug)]
pub(crate) struct Job {
    pub(crate) id: u64,
    phase: AtomicU8,
    /// The summary, or the error's detail, once done.
    outcome: Mutex<Option<Result<Value, String>>>,
}

impl Job {
    pub(crate) fn phase(&self) -> Phase {
        Phase::from_u8(self.phase.load(Ordering::SeqCst))
    }

    fn swap(&self, from: Phase, to: Phase) -> bool {
        self.phase
            .compare_exchange(from as u8, to as u8, Ordering::SeqCst, Ordering::SeqCst)
            .is_ok()
    }

    /// Cancels the job if it has not started; whether it was cancelled.
    pub(crate) fn cancel(&self) -> bool {
        self.swap(Phase::Queued, Phase::Cancelled)
    }

    pub(crate) fn outcome(&self) -> Option<Result<Value, String>> {
        self.outcome
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// Cancels a job when its request ends before the job started (a client
/// that went away drops the request's future).
pub(crate) struct CancelOnDrop(pub(crate) Arc<Job>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        if self.0.cancel() {
            tracing::info!(job = self.0.id, "ingest cancelled before it started");
        }
    }
}

struct Work {
    job: Arc<Job>,
    documents: Vec<Document>,
    reply: oneshot::Sender<Result<Value, AppError>>,
}

/// Called by the writer when a job starts (`"start"`) and ends (`"end"`),
/// with the job's id: for tests, which hold a job there to choose when it
/// runs.
pub type IngestHook = Arc<dyn Fn(&str, u64) + Send + Sync>;

/// The queue and the writer thread behind it.
pub(crate) struct IngestQueue {
    sender: Mutex<Option<SyncSender<Work>>>,
    jobs: Mutex<VecDeque<Arc<Job>>>,
    next_id: AtomicU64,
    stopping: Arc<AtomicBool>,
    capacity: usize,
}

impl std::fmt::Debug for IngestQueue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IngestQueue")
            .field("capacity", &self.capacity)
            .finish_non_exhaustive()
    }
}

/// Where a job's summary (or error) comes when it is done.
pub(crate) type Outcome = oneshot::Receiver<Result<Value, AppError>>;

/// Why a batch was not queued.
pub(crate) enum Refused {
    Full,
    Stopping,
}

impl IngestQueue {
    /// Starts the writer thread over `store`, with `capacity` batches
    /// waiting at most.
    pub(crate) fn start(
        store: Store,
        extractor: Extractor,
        capacity: usize,
        hook: Option<IngestHook>,
    ) -> std::io::Result<Self> {
        let (sender, receiver) = sync_channel::<Work>(capacity);
        let stopping = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&stopping);
        std::thread::Builder::new()
            .name("rasid-ingest".to_owned())
            .spawn(move || {
                let mut store = store;
                for work in receiver {
                    if stop.load(Ordering::SeqCst) {
                        work.job.cancel();
                        continue;
                    }
                    if !work.job.swap(Phase::Queued, Phase::Running) {
                        continue;
                    }
                    let id = work.job.id;
                    if let Some(hook) = &hook {
                        hook("start", id);
                    }
                    let result = catch_unwind(AssertUnwindSafe(|| {
                        crate::ingest::ingest(&mut store, &extractor, work.documents)
                    }))
                    .unwrap_or_else(|_| {
                        Err(AppError::Internal(anyhow::anyhow!(
                            "the ingest of job {id} panicked; its transaction was rolled back"
                        )))
                    });
                    let kept = match &result {
                        Ok(summary) => Ok(summary.clone()),
                        Err(error) => Err(match error {
                            AppError::Internal(_) => "internal server error".to_owned(),
                            other => other.to_string(),
                        }),
                    };
                    *work
                        .job
                        .outcome
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner) = Some(kept);
                    work.job.swap(Phase::Running, Phase::Done);
                    if let Some(hook) = &hook {
                        hook("end", id);
                    }
                    // The request may be gone: its outcome is kept above.
                    let _ = work.reply.send(result);
                }
            })?;
        Ok(Self {
            sender: Mutex::new(Some(sender)),
            jobs: Mutex::new(VecDeque::new()),
            next_id: AtomicU64::new(1),
            stopping,
            capacity,
        })
    }

    /// Queues `documents`; the job and where its result will come.
    pub(crate) fn submit(&self, documents: Vec<Document>) -> Result<(Arc<Job>, Outcome), Refused> {
        if self.stopping.load(Ordering::SeqCst) {
            return Err(Refused::Stopping);
        }
        let job = Arc::new(Job {
            id: self.next_id.fetch_add(1, Ordering::SeqCst),
            phase: AtomicU8::new(Phase::Queued as u8),
            outcome: Mutex::new(None),
        });
        let (reply, result) = oneshot::channel();
        let work = Work {
            job: Arc::clone(&job),
            documents,
            reply,
        };
        let sender = self.sender.lock().unwrap_or_else(PoisonError::into_inner);
        let Some(sender) = sender.as_ref() else {
            return Err(Refused::Stopping);
        };
        match sender.try_send(work) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => return Err(Refused::Full),
            Err(TrySendError::Disconnected(_)) => return Err(Refused::Stopping),
        }
        let mut jobs = self.jobs.lock().unwrap_or_else(PoisonError::into_inner);
        if jobs.len() == KEPT_OUTCOMES {
            jobs.pop_front();
        }
        jobs.push_back(Arc::clone(&job));
        Ok((job, result))
    }

    /// The job `id`, while its outcome is kept.
    pub(crate) fn job(&self, id: u64) -> Option<Arc<Job>> {
        self.jobs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
            .find(|job| job.id == id)
            .cloned()
    }

    /// Whether the server is stopping.
    pub(crate) fn stopping(&self) -> bool {
        self.stopping.load(Ordering::SeqCst)
    }

    /// Stops taking batches and cancels the waiting ones; the running one
    /// goes on.
    pub(crate) fn stop(&self) {
        self.stopping.store(true, Ordering::SeqCst);
        for job in self
            .jobs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
        {
            job.cancel();
        }
        // Dropping the sender ends the writer once the queue is drained.
        self.sender
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
    }

    /// Seconds a client refused with 429 should wait: about one batch per
    /// waiting place.
    pub(crate) fn retry_after(&self) -> u64 {
        (self.capacity as u64).clamp(1, 30)
    }

    /// The JSON of a job, for `GET /api/ingest/{job}`.
    pub(crate) fn describe(job: &Job) -> Value {
        let phase = job.phase();
        let mut body = json!({"job": job.id.to_string(), "state": phase.name()});
        match job.outcome() {
            Some(Ok(summary)) => body["result"] = summary,
            Some(Err(detail)) => {
                body["state"] = json!("failed");
                body["detail"] = json!(detail);
            }
            None => {}
        }
        body
    }
}
