//! Linking batch by batch on articles of our own: later accounts join stored
//! incidents, wire copies in later batches form reports, changed documents
//! are relinked, and a relink gives what linking everything at once gives.

use rasid_docs::Document;
use rasid_extract::Claim;
use rasid_link::LinkOptions;
use rasid_store::Store;

use crate::common::{assert_consistent, document, extracted, incidents, ingest, reports};

const STRIKE: &str = "قال المرصد السوري لحقوق الإنسان إن 12 مدنيا قتلوا في غارات جوية على مدينة سراقب بريف إدلب اليوم، وأضاف أن فرق الإنقاذ ما زالت تبحث عن ناجين تحت أنقاض المباني المدمرة في الحي الشرقي من المدينة.";
const SECOND_ACCOUNT: &str =
    "أفادت مصادر طبية بمقتل 15 مدنيا في غارات جوية استهدفت مدينة سراقب بريف إدلب اليوم.";

fn linked_at_once(batch: &[(Document, Vec<Claim>)]) -> serde_json::Value {
    let (documents, claims): (Vec<Document>, Vec<Vec<Claim>>) = batch.iter().cloned().unzip();
    serde_json::to_value(rasid_pipeline::link(
        claims.into_iter().flatten().collect(),
        &documents,
    ))
    .expect("JSON")
}

#[test]
fn a_later_account_joins_the_stored_incident_and_its_estimate_is_recomputed() {
    let mut store = Store::open_in_memory().expect("a store");
    let first = extracted(document("a", "Wire A", "2020-02-10", STRIKE));
    let second = extracted(document("b", "Wire B", "2020-02-10", SECOND_ACCOUNT));
    ingest(&mut store, std::slice::from_ref(&first));
    let report = rasid_pipeline::store_batch(
        &mut store,
        std::slice::from_ref(&second),
        &LinkOptions::default(),
        |_| {},
    )
    .expect("stored");
    assert_eq!((report.link.founded, report.link.joined), (0, 1));
    let stored = incidents(&store);
    assert_eq!(stored.as_array().map(Vec::len), Some(1));
    // SOHR 12 and medical sources 15: low 12, best the midpoint 13, high 15.
    let killed = &stored[0]["estimates"]["killed"];
    assert_eq!(
        (
            &killed["low"],
            &killed["best"],
            &killed["high"],
            &killed["sources"]
        ),
        (&12.into(), &13.into(), &15.into(), &2.into())
    );
    assert_eq!(stored, linked_at_once(&[first, second]));
    assert_consistent(&store);
}

#[test]
fn a_wire_copy_in_a_later_batch_makes_a_report_with_the_stored_original() {
    let mut store = Store::open_in_memory().expect("a store");
    let original = extracted(document("a", "Wire A", "2020-02-10", STRIKE));
    let copy_text = format!("{STRIKE} وتشهد المنطقة تصعيدا منذ أسابيع.");
    let copy = extracted(document("b", "Wire B", "2020-02-10", &copy_text));
    ingest(&mut store, std::slice::from_ref(&original));
    ingest(&mut store, std::slice::from_ref(&copy));
    let stored = incidents(&store);
    assert_eq!(
        stored[0]["reports"][0]["docs"],
        serde_json::json!(["a", "b"])
    );
    // The same figure from the same source in one report counts once.
    let duplicates = stored[0]["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .filter(|c| c["duplicate"] == true)
        .count();
    assert_eq!(duplicates, 1);
    assert_eq!(stored, linked_at_once(&[original, copy]));
    assert_consistent(&store);
}

#[test]
fn a_report_formed_by_a_later_copy_rebuilds_the_incidents_of_the_original() {
    // The copy's claims land elsewhere (another day), yet the original's
    // incident lists the report: it is rebuilt.
    let mut store = Store::open_in_memory().expect("a store");
    let original = extracted(document("a", "Wire A", "2020-02-10", STRIKE));
    let late_copy = extracted(document("b", "Wire B", "2020-02-14", STRIKE));
    ingest(&mut store, std::slice::from_ref(&original));
    let report = rasid_pipeline::store_batch(
        &mut store,
        std::slice::from_ref(&late_copy),
        &LinkOptions::default(),
        |_| {},
    )
    .expect("stored");
    assert_eq!((report.link.founded, report.link.rebuilt), (1, 1));
    assert_eq!(incidents(&store), linked_at_once(&[original, late_copy]));
    assert_consistent(&store);
}

#[test]
fn a_changed_document_is_linked_again_and_its_old_incident_rebuilt() {
    let mut store = Store::open_in_memory().expect("a store");
    let first = extracted(document("a", "Wire A", "2020-02-10", STRIKE));
    let second = extracted(document("b", "Wire B", "2020-02-10", SECOND_ACCOUNT));
    ingest(&mut store, &[first, second.clone()]);
    assert_eq!(store.counts().expect("counts").incidents, 1);
    // Wire A corrects its story: the strike was on another town.
    let corrected = extracted(document(
        "a",
        "Wire A",
        "2020-02-10",
        &STRIKE.replace("سراقب", "كفرنبل"),
    ));
    let report = rasid_pipeline::store_batch(
        &mut store,
        std::slice::from_ref(&corrected),
        &LinkOptions::default(),
        |_| {},
    )
    .expect("stored");
    assert_eq!(report.ingest.updated, 1);
    assert_eq!(report.link.dissolved, 1);
    let stored = incidents(&store);
    assert_eq!(stored.as_array().map(Vec::len), Some(2));
    assert_eq!(stored, linked_at_once(&[corrected, second]));
    assert_consistent(&store);
}

#[test]
fn re_ingesting_unchanged_documents_links_nothing() {
    let mut store = Store::open_in_memory().expect("a store");
    let batch = reports(0..30, 1);
    ingest(&mut store, &batch);
    let before = incidents(&store);
    let report = rasid_pipeline::store_batch(&mut store, &batch, &LinkOptions::default(), |_| {})
        .expect("stored");
    assert_eq!(report.ingest.unchanged, 30);
    assert_eq!(report.link, rasid_pipeline::LinkReport::default());
    assert_eq!(incidents(&store), before);
}

#[test]
fn batches_in_any_size_give_the_incidents_of_relink() {
    let all = reports(0..120, 1);
    let expected = linked_at_once(&all);
    for size in [1, 7, 40, 120] {
        let mut store = Store::open_in_memory().expect("a store");
        for batch in all.chunks(size) {
            ingest(&mut store, batch);
        }
        assert_consistent(&store);
        // These reports arrive in publication order: no bridging can differ.
        assert!(incidents(&store) == expected, "batches of {size}");
        rasid_pipeline::relink(&mut store, &LinkOptions::default(), |_| {}).expect("relinks");
        assert!(
            incidents(&store) == expected,
            "relink after batches of {size}"
        );
    }
}

#[test]
fn a_store_of_the_old_schema_is_relinked_before_linking_into_it() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("old.db");
    let mut store = Store::open(&path).expect("a store");
    ingest(&mut store, &reports(0..12, 1));
    drop(store);
    // As a store of schema 1 looks after migrating: incidents without
    // profiles or keys, links marked stale.
    let raw = rusqlite::Connection::open(&path).expect("opens");
    raw.execute_batch(
        "DELETE FROM incident_keys; UPDATE incidents SET profile = NULL;
         INSERT INTO store_state (name, value) VALUES ('links', 'stale');",
    )
    .expect("made old");
    drop(raw);
    let mut store = Store::open(&path).expect("reopens");
    assert!(store.links_stale().expect("reads"));
    ingest(&mut store, &reports(12..24, 1));
    assert!(!store.links_stale().expect("reads"));
    assert_eq!(incidents(&store), linked_at_once(&reports(0..24, 1)));
    assert_consistent(&store);
}
