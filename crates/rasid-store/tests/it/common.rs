//! Documents, hand-built claims and store snapshots shared by the tests.

use rasid_docs::{Document, Origin};
use rasid_store::{ClaimColumns, Counts, IncidentColumns, Store, StoredDocument};
use serde::{Serialize, Serializer};
use std::fmt::Write as _;

/// A claim record of our own: the store must not care which stage wrote it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TestClaim {
    pub(crate) doc: String,
    pub(crate) kind: String,
    pub(crate) value_min: Option<u64>,
    pub(crate) value_max: Option<u64>,
    pub(crate) qualifier: String,
    pub(crate) group: Option<String>,
    pub(crate) source_id: Option<String>,
    pub(crate) source_surface: Option<String>,
    pub(crate) scope: String,
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Makes serialisation fail: a claim the store cannot write.
    #[serde(serialize_with = "refuse_when_set")]
    pub(crate) poison: bool,
}

// serde's `serialize_with` hands the field by reference.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn refuse_when_set<S: Serializer>(poison: &bool, serializer: S) -> Result<S::Ok, S::Error> {
    if *poison {
        Err(serde::ser::Error::custom("a poisoned claim"))
    } else {
        serializer.serialize_bool(false)
    }
}

impl ClaimColumns for TestClaim {
    fn kind(&self) -> &str {
        &self.kind
    }
    fn value_min(&self) -> Option<u64> {
        self.value_min
    }
    fn value_max(&self) -> Option<u64> {
        self.value_max
    }
    fn qualifier(&self) -> &str {
        &self.qualifier
    }
    fn group(&self) -> Option<&str> {
        self.group.as_deref()
    }
    fn source_id(&self) -> Option<&str> {
        self.source_id.as_deref()
    }
    fn source_surface(&self) -> Option<&str> {
        self.source_surface.as_deref()
    }
    fn scope(&self) -> &str {
        &self.scope
    }
    fn span(&self) -> (usize, usize) {
        (self.start, self.end)
    }
}

/// An incident record of our own.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct TestIncident {
    pub(crate) id: String,
    pub(crate) date: Option<String>,
    pub(crate) country: Option<String>,
    pub(crate) place: Option<String>,
    pub(crate) lat: Option<f64>,
    pub(crate) lon: Option<f64>,
    pub(crate) event_types: Vec<String>,
    pub(crate) best: Option<u64>,
    pub(crate) disagreement: bool,
    #[serde(serialize_with = "refuse_when_set")]
    pub(crate) poison: bool,
}

impl IncidentColumns for TestIncident {
    fn id(&self) -> &str {
        &self.id
    }
    fn date(&self) -> Option<&str> {
        self.date.as_deref()
    }
    fn country(&self) -> Option<&str> {
        self.country.as_deref()
    }
    fn admin1(&self) -> Option<&str> {
        None
    }
    fn place(&self) -> Option<&str> {
        self.place.as_deref()
    }
    fn lat(&self) -> Option<f64> {
        self.lat
    }
    fn lon(&self) -> Option<f64> {
        self.lon
    }
    fn event_types(&self) -> Vec<String> {
        self.event_types.clone()
    }
    fn best(&self) -> Option<u64> {
        self.best
    }
    fn low(&self) -> Option<u64> {
        self.best
    }
    fn high(&self) -> Option<u64> {
        self.best
    }
    fn disagreement(&self) -> bool {
        self.disagreement
    }
}

pub(crate) fn incident(id: &str, date: &str, best: u64) -> TestIncident {
    TestIncident {
        id: id.to_owned(),
        date: Some(date.to_owned()),
        country: Some("SY".to_owned()),
        place: Some("دوما".to_owned()),
        lat: Some(33.57),
        lon: Some(36.4),
        event_types: vec!["Air/drone strike".to_owned()],
        best: Some(best),
        disagreement: false,
        poison: false,
    }
}

pub(crate) fn document(id: &str, text: &str) -> Document {
    Document {
        id: id.to_owned(),
        outlet: Some("Observatory Wire".to_owned()),
        published: Some("2018-04-08".to_owned()),
        url: Some(format!("https://example.invalid/{id}")),
        lang: Some("ar".to_owned()),
        text: text.to_owned(),
        origin: Origin {
            path: "batch.jsonl".to_owned(),
            line: Some(1),
        },
    }
}

/// A claim on the bytes of `needle` in `text`.
pub(crate) fn claim(doc: &str, text: &str, needle: &str, kind: &str, value: u64) -> TestClaim {
    let start = text.find(needle).expect("the needle is in the text");
    TestClaim {
        doc: doc.to_owned(),
        kind: kind.to_owned(),
        value_min: Some(value),
        value_max: Some(value),
        qualifier: "exact".to_owned(),
        group: Some("civilians".to_owned()),
        source_id: Some("sohr".to_owned()),
        source_surface: Some("المرصد السوري".to_owned()),
        scope: "incident".to_owned(),
        start,
        end: start + needle.len(),
        poison: false,
    }
}

pub(crate) const DOUMA: &str =
    "قال المرصد السوري لحقوق الإنسان إن 21 مدنيا قتلوا وأصيب 70 آخرون في غارات على دوما.";
pub(crate) const HARASTA: &str =
    "أفاد الدفاع المدني بمقتل ثمانية أشخاص بينهم ثلاثة أطفال في قصف مدفعي على حرستا.";

/// Two documents with two claims each.
pub(crate) fn two_documents() -> Vec<(Document, Vec<TestClaim>)> {
    vec![
        (
            document("douma-1", DOUMA),
            vec![
                claim("douma-1", DOUMA, "21 مدنيا قتلوا", "killed", 21),
                claim("douma-1", DOUMA, "أصيب 70 آخرون", "injured", 70),
            ],
        ),
        (
            document("harasta-1", HARASTA),
            vec![
                claim("harasta-1", HARASTA, "مقتل ثمانية أشخاص", "killed", 8),
                claim("harasta-1", HARASTA, "ثلاثة أطفال", "killed", 3),
            ],
        ),
    ]
}

/// `count` documents of about 1 KB with three claims each; `version` changes
/// every text, so a later version updates every document of an earlier one.
pub(crate) fn generated(
    range: std::ops::Range<usize>,
    version: u32,
) -> Vec<(Document, Vec<TestClaim>)> {
    range
        .map(|i| {
            let id = format!("gen-{i:05}");
            let killed = 10 + i % 90;
            let mut text = format!(
                "قال المرصد السوري لحقوق الإنسان إن {killed} مدنيا قتلوا وأصيب {} آخرون في غارات على البلدة {i}. ",
                killed * 2
            );
            // Body text, as a real article has, around the claim sentence.
            for _ in 0..6 {
                text.push_str("وأضاف المصدر أن فرق الدفاع المدني ما زالت تبحث عن ناجين تحت الأنقاض في الأحياء الشرقية. ");
            }
            let _ = write!(text, "(النسخة {version})");
            let doc = document(&id, &text);
            let claims = vec![
                claim(&id, &text, &format!("{killed} مدنيا قتلوا"), "killed", killed as u64),
                claim(&id, &text, &format!("أصيب {} آخرون", killed * 2), "injured", (killed * 2) as u64),
                claim(&id, &text, "المرصد السوري", "killed", u64::from(version)),
            ];
            (doc, claims)
        })
        .collect()
}

/// Everything a reader of the store can see.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Snapshot {
    pub(crate) counts: Counts,
    pub(crate) documents: Vec<StoredDocument>,
    pub(crate) claims: Vec<serde_json::Value>,
    pub(crate) incidents: Vec<serde_json::Value>,
    pub(crate) links: Vec<(String, Vec<serde_json::Value>)>,
}

impl Snapshot {
    pub(crate) fn of(store: &Store) -> Snapshot {
        let incidents = store.incidents().expect("incidents read");
        let links = incidents
            .iter()
            .map(|incident| {
                let id = incident["id"].as_str().expect("an incident id").to_owned();
                let claims = store.claims_of_incident(&id).expect("links read");
                (id, claims)
            })
            .collect();
        Snapshot {
            counts: store.counts().expect("counts read"),
            documents: store.documents().expect("documents read"),
            claims: store.claims().expect("claims read"),
            incidents,
            links,
        }
    }

    /// The same content, whenever it was written.
    pub(crate) fn without_times(mut self) -> Snapshot {
        for document in &mut self.documents {
            document.ingested_at.clear();
        }
        self
    }
}
