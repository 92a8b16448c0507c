//! Claims from the real extractor: `ClaimColumns for rasid_extract::Claim`.

use rasid_docs::Document;
use rasid_extract::{Article, Claim, Extractor};
use rasid_store::Store;

use crate::common::document;

fn extracted(documents: Vec<Document>) -> Vec<(Document, Vec<Claim>)> {
    let extractor = Extractor::builtin().expect("shipped lexicons load");
    documents
        .into_iter()
        .map(|document| {
            let claims = extractor.extract(&Article {
                id: &document.id,
                text: &document.text,
                outlet: document.outlet.as_deref(),
                published: document.published.as_deref(),
            });
            (document, claims)
        })
        .collect()
}

#[test]
fn extracted_claims_are_stored_whole_with_their_columns() {
    let batch = extracted(vec![
        document(
            "idlib-1",
            "قال المرصد السوري لحقوق الإنسان إن الغارات الجوية أسفرت عن مقتل 12 مدنياً بينهم ثلاثة أطفال في ريف إدلب.",
        ),
        document(
            "aleppo-1",
            "وأفاد الدفاع المدني بإصابة أكثر من 300 شخص خلال الحملة على حلب.",
        ),
    ]);
    assert!(
        batch.iter().all(|(_, claims)| !claims.is_empty()),
        "{batch:#?}"
    );
    let total: usize = batch.iter().map(|(_, claims)| claims.len()).sum();

    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("rasid.sqlite");
    let mut store = Store::open(&path).expect("opens");
    let report = store.ingest_batch(&batch).expect("ingests");
    assert_eq!((report.added, report.claims), (2, total));
    assert_eq!(store.ingest_batch(&batch).expect("again").unchanged, 2);

    // The JSON is the claim record, field for field.
    for (document, claims) in &batch {
        let stored = store.claims_of(&document.id).expect("reads");
        let expected: Vec<serde_json::Value> = claims
            .iter()
            .map(|claim| serde_json::to_value(claim).expect("serialises"))
            .collect();
        assert_eq!(stored, expected);
    }
    drop(store);

    // The indexed columns agree with the record.
    let raw = rusqlite::Connection::open(&path).expect("raw");
    let mut statement = raw
        .prepare(
            "SELECT kind, value_min, qualifier, grp, source_id, scope, span_start, span_end, json \
             FROM claims ORDER BY doc_id, ordinal",
        )
        .expect("prepares");
    let rows = statement
        .query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, Option<i64>>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, Option<String>>(3)?,
                row.get::<_, Option<String>>(4)?,
                row.get::<_, String>(5)?,
                row.get::<_, i64>(6)?,
                row.get::<_, i64>(7)?,
                row.get::<_, String>(8)?,
            ))
        })
        .expect("runs")
        .collect::<Result<Vec<_>, _>>()
        .expect("reads");
    assert_eq!(rows.len(), total);
    for (kind, value_min, qualifier, group, source_id, scope, start, end, json) in rows {
        let record: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        assert_eq!(record["kind"], kind);
        assert_eq!(record["value_min"].as_i64(), value_min);
        assert_eq!(record["qualifier"], qualifier);
        assert_eq!(record["group"].as_str(), group.as_deref());
        assert_eq!(record["source"]["id"].as_str(), source_id.as_deref());
        assert_eq!(record["scope"], scope);
        assert_eq!(record["span"]["start"], start);
        assert_eq!(record["span"]["end"], end);
    }
    let idlib: Vec<(String, Option<String>)> = raw
        .prepare("SELECT grp, source_id FROM claims WHERE doc_id = 'idlib-1' ORDER BY ordinal")
        .expect("prepares")
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .expect("runs")
        .collect::<Result<_, _>>()
        .expect("reads");
    assert_eq!(
        idlib,
        [
            ("civilians".to_owned(), Some("sohr".to_owned())),
            ("children".to_owned(), Some("sohr".to_owned()))
        ]
    );
    let aleppo: (String, String, String) = raw
        .query_row(
            "SELECT qualifier, scope, source_id FROM claims WHERE doc_id = 'aleppo-1'",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .expect("one claim");
    assert_eq!(
        aleppo,
        (
            "more_than".to_owned(),
            "campaign".to_owned(),
            "civil-defence".to_owned()
        )
    );

    // Filtering by kind and source uses the indexes.
    for (column, index) in [("kind", "claims_kind"), ("source_id", "claims_source_id")] {
        let plan: String = raw
            .query_row(
                &format!("EXPLAIN QUERY PLAN SELECT json FROM claims WHERE {column} = ?1"),
                ["x"],
                |row| row.get(3),
            )
            .expect("a plan");
        assert!(plan.contains(index), "{plan}");
    }
}
