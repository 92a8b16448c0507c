//! The cross-article stage: from the claims of many articles to incidents.
//!
//! 1. **Near-duplicates** ([`dedup`]): wire copies and light rewrites of one
//!    story are found by MinHash over word shingles of the normalised text and
//!    kept as one *report* carried by several outlets.
//! 2. **Linking** ([`cluster`] the rules, [`linker`] the order): claims are
//!    grouped into incidents by date window, place, event type and the
//!    sentence they share; campaign totals ("خلال الحملة"، "منذ بدء الهجوم")
//!    become incidents of their own. [`link_batch`] links a batch against the
//!    stored incidents that the batch's lookups ([`block`]) found in a store,
//!    each given by its [`Profile`]: pure, in memory, and the same answer as
//!    linking everything at once where no claim bridges two incidents.
//! 3. **Reconciliation** ([`reconcile`]): per incident and kind, every claim is
//!    kept with its source; a later figure from the same source supersedes its
//!    earlier one; low / best / high, the number of independent sources and a
//!    disagreement flag are derived by the documented rules.
//!
//! ```
//! use rasid_extract::{Article, Extractor};
//! use rasid_link::{link, DocInfo, LinkOptions};
//!
//! let extractor = Extractor::builtin().expect("lexicons load");
//! let a = "قال المرصد السوري إن 12 مدنيا قتلوا في غارة على مدينة أريحا اليوم الاثنين.";
//! let b = "قتل 15 شخصا في غارات جوية على مدينة أريحا الاثنين، بحسب مصادر طبية.";
//! let mut claims = extractor.extract(&Article { id: "a", text: a, outlet: Some("A"), published: Some("2019-07-22") });
//! claims.extend(extractor.extract(&Article { id: "b", text: b, outlet: Some("B"), published: Some("2019-07-22") }));
//! let docs = [DocInfo { id: "a", text: a }, DocInfo { id: "b", text: b }];
//! let incidents = link(claims, &docs, &LinkOptions::default());
//! assert_eq!(incidents.len(), 1);
//! let killed = &incidents[0].estimates["killed"];
//! assert_eq!((killed.low, killed.high, killed.sources), (Some(12), Some(15), 2));
//! ```

pub mod block;
pub mod cluster;
pub mod dedup;
pub mod linker;
pub mod reconcile;

use std::collections::BTreeMap;

use rasid_extract::{Claim, PlaceRef};
use serde::{Deserialize, Serialize};

pub use block::{batch_lookups, Block, LinkKey};
pub use cluster::{Account, Profile};
pub use linker::{link_batch, Candidate, Linked};
pub use reconcile::{Estimate, Reports, SourceSummary};

/// A document's text, for near-duplicate detection.
#[derive(Debug, Clone, Copy)]
pub struct DocInfo<'a> {
    /// Document id (as in the claims).
    pub id: &'a str,
    /// Original text.
    pub text: &'a str,
}

/// Tunable rules, with documented defaults.
#[derive(Debug, Clone, Copy)]
pub struct LinkOptions {
    /// Claims dated this many days apart may still be one incident (reports
    /// of an evening attack are dated the next day).
    pub date_window_days: i32,
    /// Estimated Jaccard similarity of word 5-shingles from which two
    /// documents are one report.
    pub duplicate_threshold: f64,
    /// Independent sources disagree when their figures differ by more than
    /// this fraction of the smaller one.
    pub disagreement_tolerance: f64,
}

impl Default for LinkOptions {
    fn default() -> Self {
        Self {
            date_window_days: 1,
            duplicate_threshold: 0.6,
            disagreement_tolerance: 0.25,
        }
    }
}

/// The date of an incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentDate {
    /// `YYYY-MM-DD`.
    pub value: String,
    /// `day`, `week`, `month` or `year`.
    pub precision: String,
}

/// A claim as part of an incident.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IncidentClaim {
    /// The claim record, in the claims format.
    #[serde(flatten)]
    pub claim: Claim,
    /// Key of the source it counts under (`sohr`, `outlet:Baladi News`, …).
    #[serde(default)]
    pub source_key: String,
    /// A later figure from the same source replaced this one.
    #[serde(default)]
    pub superseded: bool,
    /// The same figure from the same source in a near-duplicate report.
    #[serde(default)]
    pub duplicate: bool,
}

/// Several outlets carrying one story.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Report {
    /// Documents of the report.
    #[serde(default)]
    pub docs: Vec<String>,
}

/// One incident: every claim about it, who made each, and an estimate.
///
/// It reads back from the JSON it writes; a field missing from a stored
/// record (written by an older rasid) takes its default.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Incident {
    /// Stable id: date, place and a hash of the first account (the earliest
    /// claim in the linking order), so it stays when later claims join.
    pub id: String,
    /// `incident`, or `campaign` for totals over a campaign or a war.
    #[serde(default)]
    pub scope: String,
    /// ACLED event types.
    #[serde(default)]
    pub event_types: Vec<String>,
    /// ACLED sub-event types (an incident may carry several).
    #[serde(default)]
    pub sub_event_types: Vec<String>,
    /// When (the most precise date its claims agree on).
    #[serde(default)]
    pub date: Option<IncidentDate>,
    /// Where (the most specific place its claims name).
    #[serde(default)]
    pub place: Option<PlaceRef>,
    /// Actors named in its claims' sentences.
    #[serde(default)]
    pub actors: Vec<String>,
    /// Per kind (`killed`, `injured`, …): low / best / high over the totals.
    #[serde(default)]
    pub estimates: BTreeMap<String, Estimate>,
    /// Per kind and group (`killed:children`): estimates of subgroups and groups.
    #[serde(default)]
    pub group_estimates: BTreeMap<String, Estimate>,
    /// The independent sources and the outlets that carried them.
    #[serde(default)]
    pub sources: Vec<SourceSummary>,
    /// Whether independent sources disagree beyond the tolerance on any kind.
    #[serde(default)]
    pub disagreement: bool,
    /// Near-duplicate reports among its documents.
    #[serde(default)]
    pub reports: Vec<Report>,
    /// Every claim, in the claims format, with its status.
    #[serde(default)]
    pub claims: Vec<IncidentClaim>,
}

/// Incidents in the order they are listed: by date (undated first), then id.
pub fn sort_incidents(incidents: &mut [Incident]) {
    fn date(i: &Incident) -> Option<&str> {
        i.date.as_ref().map(|d| d.value.as_str())
    }
    incidents.sort_by(|a, b| date(a).cmp(&date(b)).then_with(|| a.id.cmp(&b.id)));
}

/// Links the claims of many articles into incidents, in memory: the
/// near-duplicate reports of `docs`, then every claim in the linking order
/// ([`linker`]), as `rasid relink` does over a store. The claims of each
/// document must come together, in the document's order (as the extractor
/// gives them).
#[must_use]
pub fn link(claims: Vec<Claim>, docs: &[DocInfo<'_>], options: &LinkOptions) -> Vec<Incident> {
    let reports = Reports::new(dedup::reports(docs, options.duplicate_threshold));
    let linked = link_batch(&claims, Vec::new(), options);
    let mut slots: Vec<Option<Claim>> = claims.into_iter().map(Some).collect();
    let mut incidents: Vec<Incident> = linked
        .into_iter()
        .map(|l| {
            let members: Vec<Claim> = l.members.iter().filter_map(|&i| slots[i].take()).collect();
            reconcile::incident(members, l.profile.scope, &reports, options)
        })
        .collect();
    sort_incidents(&mut incidents);
    incidents
}

#[cfg(test)]
mod testing;
