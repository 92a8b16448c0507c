//! The Douma corpus stored one article at a time or all at once, in every
//! order: the stored incidents are those of linking the five together (whose
//! pairwise F1 against the gold is 1.000, `rasid-link/tests/douma.rs`), and
//! `rasid relink` gives them again.

use rasid_docs::{Document, Input, Reader, ReaderOptions};
use rasid_extract::Claim;
use rasid_link::LinkOptions;
use rasid_store::Store;
use rasid_testkit::{permutations, shared};

use crate::common::{assert_consistent, extracted, incidents, ingest};

#[test]
fn douma_stored_in_any_order_and_batches_is_douma_linked_at_once() {
    let Some(shared) = shared() else { return };
    let reader = Reader::new(ReaderOptions::default());
    let corpus: Vec<(Document, Vec<Claim>)> = reader
        .read(&[Input::Path(shared.join("corpus/douma-2018"))])
        .map(|d| extracted(d.expect("the corpus reads")))
        .collect();
    assert_eq!(corpus.len(), 5);
    let (documents, claims): (Vec<Document>, Vec<Vec<Claim>>) = corpus.iter().cloned().unzip();
    let expected = serde_json::to_value(rasid_pipeline::link(
        claims.into_iter().flatten().collect(),
        &documents,
    ))
    .expect("JSON");
    assert_eq!(expected.as_array().map(Vec::len), Some(6));

    let orders = permutations(corpus.len());
    assert_eq!(orders.len(), 120);
    for order in &orders {
        for batch_size in [1, 5] {
            let arriving: Vec<(Document, Vec<Claim>)> =
                order.iter().map(|&i| corpus[i].clone()).collect();
            let mut store = Store::open_in_memory().expect("a store");
            for batch in arriving.chunks(batch_size) {
                ingest(&mut store, batch);
            }
            assert!(
                incidents(&store) == expected,
                "order {order:?} in batches of {batch_size} links otherwise"
            );
            if batch_size == 1 && order == &orders[orders.len() - 1] {
                assert_consistent(&store);
                rasid_pipeline::relink(&mut store, &LinkOptions::default(), |_| {})
                    .expect("relinks");
                assert_eq!(incidents(&store), expected, "relink");
                assert_consistent(&store);
            }
        }
    }
}
