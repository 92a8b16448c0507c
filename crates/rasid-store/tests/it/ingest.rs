//! Ingesting: idempotence, updates, atomicity of a batch that fails.

use std::ops::ControlFlow;

use rasid_store::{IngestReport, Outcome, Store, StoreError};

use crate::common::{claim, document, generated, two_documents, Snapshot, TestClaim, DOUMA};

fn report(added: usize, updated: usize, unchanged: usize, claims: usize) -> IngestReport {
    IngestReport {
        added,
        updated,
        unchanged,
        claims,
    }
}

#[test]
fn a_batch_of_two_documents_is_stored_with_its_claims() {
    let mut store = Store::open_in_memory().expect("opens");
    let batch = two_documents();
    assert_eq!(
        store.ingest_batch(&batch).expect("ingests"),
        report(2, 0, 0, 4)
    );
    let counts = store.counts().expect("counts");
    assert_eq!((counts.documents, counts.claims), (2, 4));

    let stored = store.document("douma-1").expect("reads").expect("stored");
    assert_eq!(stored.document, batch[0].0, "the document round-trips");
    assert_eq!(stored.content_sha256.len(), 64);
    assert!(stored.ingested_at.ends_with('Z'), "{}", stored.ingested_at);
    assert!(store.document("nobody").expect("reads").is_none());

    let claims = store.claims_of("douma-1").expect("reads");
    assert_eq!(claims.len(), 2);
    assert_eq!(claims[0]["value_min"], 21);
    assert_eq!(claims[1]["kind"], "injured");
    let start = claims[1]["start"].as_u64().expect("a start") as usize;
    let end = claims[1]["end"].as_u64().expect("an end") as usize;
    assert_eq!(&DOUMA[start..end], "أصيب 70 آخرون");

    // All claims, by document id then position.
    let all = store.claims().expect("reads");
    let order: Vec<(&str, u64)> = all
        .iter()
        .map(|c| {
            (
                c["doc"].as_str().expect("doc"),
                c["value_min"].as_u64().expect("value"),
            )
        })
        .collect();
    assert_eq!(
        order,
        [
            ("douma-1", 21),
            ("douma-1", 70),
            ("harasta-1", 8),
            ("harasta-1", 3)
        ]
    );
}

#[test]
fn ingesting_the_same_batch_again_changes_nothing() {
    let mut store = Store::open_in_memory().expect("opens");
    let batch = two_documents();
    store.ingest_batch(&batch).expect("ingests");
    let before = Snapshot::of(&store);
    for _ in 0..3 {
        assert_eq!(
            store.ingest_batch(&batch).expect("ingests again"),
            report(0, 0, 2, 0)
        );
        // Same rows, same claim rowids, same ingest times.
        assert_eq!(Snapshot::of(&store), before);
    }
}

#[test]
fn a_document_read_again_from_elsewhere_is_unchanged() {
    let mut store = Store::open_in_memory().expect("opens");
    let mut batch = two_documents();
    store.ingest_batch(&batch).expect("ingests");
    batch[0].0.origin.path = "elsewhere/copy.jsonl".to_owned();
    batch[0].0.origin.line = Some(99);
    assert_eq!(
        store.ingest_batch(&batch).expect("ingests"),
        report(0, 0, 2, 0)
    );
}

#[test]
fn a_changed_text_replaces_the_claims() {
    let mut store = Store::open_in_memory().expect("opens");
    store.ingest_batch(&two_documents()).expect("ingests");

    let text = "ارتفع عدد القتلى في دوما إلى 42 مدنيا، بحسب المرصد السوري.";
    let changed = vec![(
        document("douma-1", text),
        vec![claim("douma-1", text, "42 مدنيا", "killed", 42)],
    )];
    assert_eq!(
        store.ingest_batch(&changed).expect("ingests"),
        report(0, 1, 0, 1)
    );

    let stored = store.document("douma-1").expect("reads").expect("stored");
    assert_eq!(stored.document.text, text);
    let claims = store.claims_of("douma-1").expect("reads");
    assert_eq!(claims.len(), 1, "the old claims are gone");
    assert_eq!(claims[0]["value_min"], 42);
    assert_eq!(store.counts().expect("counts").claims, 3);
    // The other document is untouched.
    assert_eq!(store.claims_of("harasta-1").expect("reads").len(), 2);
}

#[test]
fn new_claims_for_the_same_text_update_the_document() {
    // A newer extractor finds more in the same article.
    let mut store = Store::open_in_memory().expect("opens");
    let mut batch = two_documents();
    store.ingest_batch(&batch).expect("ingests");
    batch[1].1.pop();
    assert_eq!(
        store.ingest_batch(&batch).expect("ingests"),
        report(0, 1, 1, 1)
    );
    assert_eq!(store.claims_of("harasta-1").expect("reads").len(), 1);
}

#[test]
fn a_document_twice_in_one_batch_keeps_the_last_version() {
    let mut store = Store::open_in_memory().expect("opens");
    let mut batch = two_documents();
    let mut later = batch[0].clone();
    later.0.text.push_str(" وفق حصيلة جديدة.");
    later.1.truncate(1);
    batch.push(later);
    assert_eq!(
        store.ingest_batch(&batch).expect("ingests"),
        report(2, 1, 0, 5)
    );
    assert_eq!(store.claims_of("douma-1").expect("reads").len(), 1);
    assert_eq!(store.counts().expect("counts").claims, 3);
}

#[test]
fn an_empty_batch_and_a_document_without_claims() {
    let mut store = Store::open_in_memory().expect("opens");
    let empty: Vec<(rasid_docs::Document, Vec<TestClaim>)> = Vec::new();
    assert_eq!(
        store.ingest_batch(&empty).expect("ingests"),
        report(0, 0, 0, 0)
    );
    let quiet = vec![(
        document("quiet", "لم ترد أنباء عن ضحايا."),
        Vec::<TestClaim>::new(),
    )];
    assert_eq!(
        store.ingest_batch(&quiet).expect("ingests"),
        report(1, 0, 0, 0)
    );
    assert_eq!(
        store.ingest_batch(&quiet).expect("ingests"),
        report(0, 0, 1, 0)
    );
}

#[test]
fn progress_is_reported_after_each_document() {
    let mut store = Store::open_in_memory().expect("opens");
    let batch = two_documents();
    store.ingest_batch(&batch[..1]).expect("ingests");
    let mut seen = Vec::new();
    store
        .ingest_batch_with(&batch, |progress| {
            seen.push((
                progress.done,
                progress.total,
                progress.id.to_owned(),
                progress.outcome,
            ));
            ControlFlow::Continue(())
        })
        .expect("ingests");
    assert_eq!(
        seen,
        [
            (1, 2, "douma-1".to_owned(), Outcome::Unchanged),
            (2, 2, "harasta-1".to_owned(), Outcome::Added)
        ]
    );
}

/// A store holding a first batch, and a second batch that updates one of its
/// documents and adds many: what an interrupted ingest must not half-write.
fn store_and_next_batch() -> (Store, Vec<(rasid_docs::Document, Vec<TestClaim>)>) {
    let mut store = Store::open_in_memory().expect("opens");
    let mut first = generated(0..5, 1);
    first.extend(two_documents());
    store.ingest_batch(&first).expect("ingests");
    let next = generated(3..40, 2);
    (store, next)
}

#[test]
fn an_aborted_ingest_leaves_the_store_exactly_as_before() {
    let (mut store, next) = store_and_next_batch();
    let before = Snapshot::of(&store);
    for stop_after in [1, 2, 10, next.len()] {
        let error = store
            .ingest_batch_with(&next, |progress| {
                if progress.done == stop_after {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            })
            .expect_err("the callback stops the ingest");
        assert!(
            matches!(error, StoreError::Aborted { done, total, .. } if done == stop_after && total == next.len()),
            "{error:?}"
        );
        assert!(error.to_string().contains(":memory:"), "{error}");
        assert_eq!(Snapshot::of(&store), before, "stopped after {stop_after}");
    }
    // The store still takes the batch afterwards.
    let report = store.ingest_batch(&next).expect("ingests");
    assert_eq!((report.added, report.updated), (35, 2));
}

#[test]
fn a_claim_that_cannot_be_serialised_rolls_back_the_whole_batch() {
    let (mut store, mut next) = store_and_next_batch();
    let before = Snapshot::of(&store);
    // Late in the batch: every document before it has been written.
    next[30].1[1].poison = true;
    let error = store
        .ingest_batch(&next)
        .expect_err("the poisoned claim fails");
    assert!(matches!(error, StoreError::Serialize { .. }), "{error:?}");
    let message = error.to_string();
    assert!(
        message.contains("claim 1 of document `gen-00033`"),
        "{message}"
    );
    assert_eq!(Snapshot::of(&store), before);
}

#[test]
fn a_value_too_large_for_sqlite_rolls_back_the_whole_batch() {
    let (mut store, mut next) = store_and_next_batch();
    let before = Snapshot::of(&store);
    next[20].1[0].value_max = Some(u64::MAX);
    let error = store.ingest_batch(&next).expect_err("out of range");
    assert!(
        matches!(
            error,
            StoreError::OutOfRange {
                value: u64::MAX,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(Snapshot::of(&store), before);
}

#[test]
fn a_batch_is_atomic_in_a_file_too() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("rasid.sqlite");
    let mut store = Store::open(&path).expect("opens");
    store.ingest_batch(&two_documents()).expect("ingests");
    let before = Snapshot::of(&store);
    let mut next = generated(0..50, 1);
    next[49].1[2].poison = true;
    store.ingest_batch(&next).expect_err("fails");
    drop(store);
    let store = Store::open(&path).expect("re-opens");
    assert_eq!(Snapshot::of(&store), before);
}
