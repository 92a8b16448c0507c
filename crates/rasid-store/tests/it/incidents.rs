//! Incidents: atomic replacement, links to claims, cascades.

use rasid_store::{Store, StoreError};

use crate::common::{incident, two_documents, Snapshot, TestIncident};

fn links(pairs: &[(&str, &[(&str, usize)])]) -> Vec<(String, Vec<(String, usize)>)> {
    pairs
        .iter()
        .map(|(incident, claims)| {
            (
                (*incident).to_owned(),
                claims
                    .iter()
                    .map(|(doc, ordinal)| ((*doc).to_owned(), *ordinal))
                    .collect(),
            )
        })
        .collect()
}

fn store_with_incidents() -> Store {
    let mut store = Store::open_in_memory().expect("opens");
    store.ingest_batch(&two_documents()).expect("ingests");
    store
        .replace_incidents(
            &[
                incident("douma-2018-04-07", "2018-04-07", 21),
                incident("harasta-2018-04-07", "2018-04-07", 8),
            ],
            &links(&[
                ("douma-2018-04-07", &[("douma-1", 0), ("douma-1", 1)]),
                ("harasta-2018-04-07", &[("harasta-1", 0), ("harasta-1", 1)]),
            ]),
        )
        .expect("incidents stored");
    store
}

#[test]
fn incidents_are_stored_with_their_claims() {
    let store = store_with_incidents();
    let counts = store.counts().expect("counts");
    assert_eq!((counts.incidents, counts.incident_claims), (2, 4));
    let incidents = store.incidents().expect("reads");
    assert_eq!(incidents[0]["id"], "douma-2018-04-07");
    assert_eq!(incidents[0]["place"], "دوما");
    assert_eq!(incidents[1]["best"], 8);
    let claims = store
        .claims_of_incident("harasta-2018-04-07")
        .expect("reads");
    let values: Vec<u64> = claims
        .iter()
        .map(|c| c["value_min"].as_u64().expect("value"))
        .collect();
    assert_eq!(values, [8, 3]);
}

#[test]
fn replacing_incidents_replaces_them_all() {
    let mut store = store_with_incidents();
    store
        .replace_incidents(
            &[incident("damascus-countryside", "2018-04", 29)],
            &links(&[("damascus-countryside", &[("douma-1", 0), ("harasta-1", 0)])]),
        )
        .expect("replaced");
    let counts = store.counts().expect("counts");
    assert_eq!((counts.incidents, counts.incident_claims), (1, 2));
    // Documents and claims are not derived: they stay.
    assert_eq!((counts.documents, counts.claims), (2, 4));
    store
        .replace_incidents::<TestIncident>(&[], &[])
        .expect("emptied");
    assert_eq!(store.counts().expect("counts").incidents, 0);
}

#[test]
fn a_failed_replacement_keeps_the_incidents_before_it() {
    let mut store = store_with_incidents();
    let before = Snapshot::of(&store);
    let fresh = [
        incident("a", "2018-04-08", 1),
        incident("b", "2018-04-09", 2),
    ];

    let error = store
        .replace_incidents(
            &fresh,
            &links(&[("a", &[("douma-1", 0)]), ("b", &[("douma-1", 7)])]),
        )
        .expect_err("claim 7 does not exist");
    assert!(
        matches!(&error, StoreError::UnknownClaim { incident, doc, ordinal: 7, .. } if incident == "b" && doc == "douma-1"),
        "{error:?}"
    );
    assert_eq!(Snapshot::of(&store), before);

    let error = store
        .replace_incidents(&fresh, &links(&[("c", &[("douma-1", 0)])]))
        .expect_err("no incident c");
    assert!(
        matches!(error, StoreError::UnknownIncident { .. }),
        "{error:?}"
    );
    assert_eq!(Snapshot::of(&store), before);

    let twice = [
        incident("a", "2018-04-08", 1),
        incident("a", "2018-04-09", 2),
    ];
    let error = store.replace_incidents(&twice, &[]).expect_err("id twice");
    assert!(
        matches!(error, StoreError::DuplicateIncident { .. }),
        "{error:?}"
    );
    assert_eq!(Snapshot::of(&store), before);

    let mut poisoned = fresh.clone();
    poisoned[1].poison = true;
    let error = store
        .replace_incidents(&poisoned, &[])
        .expect_err("cannot serialise");
    assert!(matches!(error, StoreError::Serialize { .. }), "{error:?}");
    assert!(error.to_string().contains("incident `b`"), "{error}");
    assert_eq!(Snapshot::of(&store), before);
}

#[test]
fn removing_a_document_cascades_to_its_claims_and_their_links() {
    let mut store = store_with_incidents();
    assert!(store.remove_document("douma-1").expect("removes"));
    assert!(
        !store.remove_document("douma-1").expect("removes"),
        "already gone"
    );
    let counts = store.counts().expect("counts");
    assert_eq!(
        (
            counts.documents,
            counts.claims,
            counts.incidents,
            counts.incident_claims
        ),
        (1, 2, 2, 2),
        "the incident stays, without the removed claims"
    );
    assert!(store
        .claims_of_incident("douma-2018-04-07")
        .expect("reads")
        .is_empty());
    assert!(store.check().expect("checks").is_empty());
}

#[test]
fn updating_a_document_drops_the_links_to_its_old_claims() {
    let mut store = store_with_incidents();
    let mut batch = two_documents();
    batch[0].0.text.push_str(" وارتفعت الحصيلة لاحقا.");
    store.ingest_batch(&batch).expect("ingests");
    assert!(store
        .claims_of_incident("douma-2018-04-07")
        .expect("reads")
        .is_empty());
    assert_eq!(
        store
            .claims_of_incident("harasta-2018-04-07")
            .expect("reads")
            .len(),
        2
    );
    assert!(store.check().expect("checks").is_empty());
}

#[test]
fn incident_columns_are_filterable() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("rasid.sqlite");
    let mut store = Store::open(&path).expect("opens");
    store.ingest_batch(&two_documents()).expect("ingests");
    let mut disputed = incident("douma-2018-04-07", "2018-04-07", 21);
    disputed.disagreement = true;
    disputed.event_types.push("Chemical weapon".to_owned());
    store.replace_incidents(&[disputed], &[]).expect("stored");
    drop(store);
    let raw = rusqlite::Connection::open(&path).expect("raw");
    let (country, lat, best, disagreement, chemical): (String, f64, i64, bool, i64) = raw
        .query_row(
            "SELECT country, lat, best, disagreement, \
             (SELECT count(*) FROM json_each(event_types) WHERE value = ?1) \
             FROM incidents WHERE date BETWEEN '2018-04-01' AND '2018-04-30'",
            ["Chemical weapon"],
            |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                ))
            },
        )
        .expect("one incident");
    assert_eq!(
        (country.as_str(), best, disagreement, chemical),
        ("SY", 21, true, 1)
    );
    assert!((lat - 33.57).abs() < 1e-9);
}
