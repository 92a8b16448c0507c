//! Documents of our own and checks on a store's incidents.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use rasid_docs::{Document, Origin};
use rasid_extract::{Claim, Extractor};
use rasid_link::LinkOptions;
use rasid_store::Store;

pub(crate) fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::builtin().expect("the shipped lexicons load"))
}

pub(crate) fn document(id: &str, outlet: &str, published: &str, text: &str) -> Document {
    Document {
        id: id.to_owned(),
        outlet: Some(outlet.to_owned()),
        published: Some(published.to_owned()),
        url: None,
        lang: Some("ar".to_owned()),
        text: text.to_owned(),
        origin: Origin {
            path: "test.jsonl".to_owned(),
            line: None,
        },
    }
}

/// A document with the claims the extractor finds in it.
pub(crate) fn extracted(document: Document) -> (Document, Vec<Claim>) {
    let claims = extractor().extract(&rasid_pipeline::article(&document));
    (document, claims)
}

/// Towns of Idlib and Hama (their Arabic names as the gazetteer knows them).
const TOWNS: &[&str] = &[
    "أريحا",
    "سراقب",
    "معرة النعمان",
    "خان شيخون",
    "جسر الشغور",
    "كفرنبل",
];

/// `n` short reports of our own: strikes on six towns over thirty days,
/// two or three outlets per strike with their own figures, so that later
/// documents join incidents of earlier ones.
pub(crate) fn reports(range: std::ops::Range<usize>, version: u32) -> Vec<(Document, Vec<Claim>)> {
    range
        .map(|i| {
            let strike = i / 3;
            let town = TOWNS[strike % TOWNS.len()];
            let day = 1 + (strike / TOWNS.len()) % 28;
            let killed = 3 + (strike * 7 + i) % 40;
            let published = format!("2020-03-{day:02}");
            let text = format!(
                "قال المرصد السوري لحقوق الإنسان إن {killed} مدنيين قتلوا في غارات جوية على مدينة {town} بريف إدلب اليوم. \
                 وأضاف أن فرق الدفاع المدني ما زالت تبحث عن ناجين تحت الأنقاض. (نشرة {version}-{i})"
            );
            extracted(document(
                &format!("r{i:05}"),
                &format!("Wire {}", i % 3),
                &published,
                &text,
            ))
        })
        .collect()
}

/// Stores `batch` and links it, in one transaction.
pub(crate) fn ingest(store: &mut Store, batch: &[(Document, Vec<Claim>)]) {
    rasid_pipeline::store_batch(store, batch, &LinkOptions::default(), |_| {})
        .expect("the batch is stored and linked");
}

/// The stored incidents as JSON, in listing order.
pub(crate) fn incidents(store: &Store) -> serde_json::Value {
    serde_json::to_value(rasid_pipeline::stored_incidents(store).expect("incidents read"))
        .expect("JSON")
}

/// Every stored claim is in exactly one incident, and each incident's record
/// holds exactly the claims linked to it.
pub(crate) fn assert_consistent(store: &Store) {
    let counts = store.counts().expect("counts");
    let key = |c: &serde_json::Value| {
        format!(
            "{}:{}:{}:{}",
            c["doc"], c["kind"], c["span"]["start"], c["span"]["end"]
        )
    };
    let mut linked = BTreeSet::new();
    let mut total = 0;
    for incident in store.incidents().expect("incidents") {
        let id = incident["id"].as_str().expect("an id");
        let claims: BTreeSet<String> = store
            .claims_of_incident(id)
            .expect("links")
            .iter()
            .map(key)
            .collect();
        let recorded: BTreeSet<String> = incident["claims"]
            .as_array()
            .expect("claims")
            .iter()
            .map(key)
            .collect();
        assert_eq!(claims, recorded, "incident {id}: links and record differ");
        total += claims.len();
        linked.extend(claims);
    }
    assert_eq!(total, linked.len(), "a claim is in two incidents");
    assert_eq!(
        linked.len(),
        counts.claims,
        "a stored claim is in no incident"
    );
    assert_eq!(counts.incident_claims, counts.claims);
    assert_eq!(store.check().expect("checks"), Vec::<String>::new());
}
