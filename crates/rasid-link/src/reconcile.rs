//! Reconciling the figures of one incident.
//!
//! For each kind (and separately for each kind and group):
//!
//! 1. Claims are keyed by **source**: the canonical id (`sohr`), else the
//!    attributing phrase, else the outlet's own account (`outlet:<outlet>`).
//!    Outlets repeating one source (SOHR via AFP and via Reuters) are one
//!    source; the same figure in near-duplicate reports counts once.
//! 2. Within a source the **latest** publication wins; its earlier, different
//!    figures are marked `superseded` and kept. Within one article the most
//!    precise figure wins (exact over vague).
//! 3. From each source's current figure: **low** is the smallest lower bound
//!    (conservative, as ACLED codes fatalities), **high** the largest upper
//!    bound (or lower bound when open-ended), **best** the median of the
//!    sources' point figures (exact value; lower bound of "at least"/"more
//!    than"; middle of a range; upper bound of "up to"; smallest meaning of
//!    "dozens"), the UCDP-style best estimate.
//! 4. **disagreement** when two sources' point figures differ by more than
//!    `disagreement_tolerance` (25 %) of the smaller.
//!
//! A vague figure ("عشرات") enters low/best/high only when no source gives a
//! precise one; it stays listed with its claim.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rasid_extract::{Claim, PlaceRef, Qualifier, Scope};
use rasid_text::normalize_str;
use serde::{Deserialize, Serialize};

use crate::cluster::claim_types;
use crate::{Incident, IncidentClaim, IncidentDate, LinkOptions, Report};

/// Near-duplicate reports: groups of two or more documents that are one
/// story ([`crate::dedup`]), each sorted, in sorted order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reports {
    groups: Vec<Vec<String>>,
    of_doc: HashMap<String, usize>,
}

impl Reports {
    /// The reports among `groups` (groups of one document are left out).
    #[must_use]
    pub fn new(groups: Vec<Vec<String>>) -> Reports {
        let mut groups: Vec<Vec<String>> = groups
            .into_iter()
            .filter(|g| g.len() > 1)
            .map(|mut g| {
                g.sort();
                g.dedup();
                g
            })
            .collect();
        groups.sort();
        let of_doc = groups
            .iter()
            .enumerate()
            .flat_map(|(i, g)| g.iter().map(move |d| (d.clone(), i)))
            .collect();
        Reports { groups, of_doc }
    }

    /// The groups, sorted.
    #[must_use]
    pub fn groups(&self) -> &[Vec<String>] {
        &self.groups
    }

    /// The report a document belongs to, if any.
    #[must_use]
    pub fn group_of(&self, doc: &str) -> Option<usize> {
        self.of_doc.get(doc).copied()
    }

    /// The report of a document, or the document itself when it is in none.
    fn key<'a>(&self, doc: &'a str) -> Result<usize, &'a str> {
        self.group_of(doc).ok_or(doc)
    }
}

/// low / best / high of one kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    /// Conservative figure (ACLED-style).
    pub low: Option<u64>,
    /// Best estimate (UCDP-style): median of the sources' figures.
    pub best: Option<u64>,
    /// Highest credible figure.
    pub high: Option<u64>,
    /// Independent sources behind the figure.
    #[serde(default)]
    pub sources: usize,
    /// Claims behind it (superseded and duplicates included).
    #[serde(default)]
    pub claims: usize,
    /// Whether sources disagree beyond the tolerance.
    #[serde(default)]
    pub disagreement: bool,
}

/// A source of an incident's claims.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SourceSummary {
    /// Key the claims count under.
    pub key: String,
    /// Canonical id, when known.
    pub id: Option<String>,
    /// Canonical or outlet name, when known.
    pub name: Option<String>,
    /// How an article wrote it.
    pub surface: Option<String>,
    /// Outlets that carried it.
    #[serde(default)]
    pub outlets: Vec<String>,
    /// Documents that carried it.
    #[serde(default)]
    pub docs: Vec<String>,
}

/// The key a claim's source counts under.
#[must_use]
pub fn source_key(claim: &Claim) -> String {
    match &claim.source {
        Some(s) if !s.is_outlet => match (&s.id, &s.surface) {
            (Some(id), _) => id.clone(),
            (None, Some(surface)) => format!("said:{}", normalize_str(surface)),
            (None, None) => "unknown".to_owned(),
        },
        _ => format!("outlet:{}", claim.outlet.as_deref().unwrap_or(&claim.doc)),
    }
}

fn point(claim: &Claim) -> Option<u64> {
    match claim.qualifier {
        Qualifier::Range => match (claim.value_min, claim.value_max) {
            (Some(a), Some(b)) => Some(u64::midpoint(a, b)),
            (a, b) => a.or(b),
        },
        Qualifier::UpTo | Qualifier::LessThan => claim.value_max.or(claim.value_min),
        _ => claim.value_min.or(claim.value_max),
    }
}

fn precision_rank(q: Qualifier) -> u8 {
    match q {
        Qualifier::Exact => 0,
        Qualifier::About | Qualifier::AtLeast | Qualifier::MoreThan => 1,
        Qualifier::Range | Qualifier::UpTo | Qualifier::LessThan => 2,
        Qualifier::Vague => 3,
    }
}

fn median(mut values: Vec<u64>) -> Option<u64> {
    values.sort_unstable();
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some(u64::midpoint(values[n / 2 - 1], values[n / 2])),
    }
}

/// Estimates over `members` (indices into `claims`), marking superseded and
/// duplicate claims.
fn estimate(
    claims: &mut [IncidentClaim],
    members: &[usize],
    reports: &Reports,
    tolerance: f64,
) -> Estimate {
    let report_of = |doc: &str| reports.key(doc).map_err(str::to_owned);
    let mut by_source: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for &m in members {
        by_source
            .entry(claims[m].source_key.clone())
            .or_default()
            .push(m);
    }
    let mut current: Vec<&Claim> = Vec::new();
    let mut current_index = Vec::new();
    for list in by_source.values() {
        // Latest publication first, then the most precise figure, then the last in text.
        let mut ranked = list.clone();
        ranked.sort_by(|&a, &b| {
            let (ca, cb) = (&claims[a].claim, &claims[b].claim);
            cb.published
                .cmp(&ca.published)
                .then(precision_rank(ca.qualifier).cmp(&precision_rank(cb.qualifier)))
                .then(cb.span.start.cmp(&ca.span.start))
        });
        let chosen = ranked[0];
        let chosen_report = report_of(&claims[chosen].claim.doc);
        let chosen_point = point(&claims[chosen].claim);
        for &other in &ranked[1..] {
            let same_figure = point(&claims[other].claim) == chosen_point;
            if same_figure
                && report_of(&claims[other].claim.doc) == chosen_report
                && claims[other].claim.doc != claims[chosen].claim.doc
            {
                claims[other].duplicate = true;
            } else if !same_figure && claims[other].claim.doc != claims[chosen].claim.doc {
                claims[other].superseded = true;
            }
        }
        current_index.push(chosen);
    }
    for &i in &current_index {
        current.push(&claims[i].claim);
    }
    // "Dozens" is consistent with any larger figure: vague figures count only
    // when no source gives a precise one.
    if current.iter().any(|c| c.qualifier != Qualifier::Vague) {
        current.retain(|c| c.qualifier != Qualifier::Vague);
    }
    let points: Vec<u64> = current.iter().filter_map(|c| point(c)).collect();
    let low = current
        .iter()
        .filter_map(|c| c.value_min.or(point(c)))
        .min();
    let high = current
        .iter()
        .filter_map(|c| c.value_max.or(c.value_min))
        .max();
    let disagreement = match (points.iter().min(), points.iter().max()) {
        (Some(&lo), Some(&hi)) if lo > 0 => {
            #[allow(clippy::cast_precision_loss)]
            let spread = (hi - lo) as f64 / lo as f64;
            spread > tolerance
        }
        _ => false,
    };
    Estimate {
        low,
        best: median(points),
        high,
        sources: current.len(),
        claims: members.len(),
        disagreement,
    }
}

fn most_common<T: Ord + Clone>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut counts: BTreeMap<T, usize> = BTreeMap::new();
    for item in items {
        *counts.entry(item).or_default() += 1;
    }
    let mut ordered: Vec<(T, usize)> = counts.into_iter().collect();
    ordered.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ordered.into_iter().map(|(t, _)| t).collect()
}

fn incident_date(members: &[Claim]) -> Option<IncidentDate> {
    for precision in ["day", "week", "month", "year"] {
        let dates = most_common(
            members
                .iter()
                .filter_map(|c| c.date.as_ref())
                .filter(|d| d.precision == precision && d.via != "published")
                .map(|d| d.value.clone()),
        );
        if let Some(value) = dates.into_iter().next() {
            return Some(IncidentDate {
                value,
                precision: precision.to_owned(),
            });
        }
    }
    let published = members
        .iter()
        .filter_map(|c| c.date.as_ref())
        .map(|d| d.value.clone())
        .min()?;
    Some(IncidentDate {
        value: published,
        precision: "week".to_owned(),
    })
}

fn incident_place(members: &[Claim]) -> Option<PlaceRef> {
    // The most specific (a town before an area before a country), then the most named.
    let rank = |p: &PlaceRef| {
        if p.feature.starts_with("P.") {
            0
        } else if p.feature.starts_with("A.PCL") {
            2
        } else {
            1
        }
    };
    let best_rank = members
        .iter()
        .filter_map(|c| c.place.as_ref())
        .map(rank)
        .min()?;
    let names = most_common(
        members
            .iter()
            .filter_map(|c| c.place.as_ref())
            .filter(|p| rank(p) == best_rank)
            .map(|p| p.name.clone()),
    );
    let name = names.first()?;
    members
        .iter()
        .filter_map(|c| c.place.clone())
        .find(|p| &p.name == name)
}

fn slug(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// FNV-1a: a stable short hash for ids.
fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The incident of `members`: its date, place, types and actors, its id, and
/// the estimates of its figures by the rules above. `reports` must hold the
/// reports of the members' documents.
#[must_use]
pub fn incident(
    members: Vec<Claim>,
    scope: Scope,
    reports: &Reports,
    options: &LinkOptions,
) -> Incident {
    // The same members give the same incident whatever order they come in.
    let mut members = members;
    members.sort_by(|a, b| {
        (
            &a.published,
            &a.doc,
            a.span.start,
            a.span.end,
            a.kind,
            a.value_min,
        )
            .cmp(&(
                &b.published,
                &b.doc,
                b.span.start,
                b.span.end,
                b.kind,
                b.value_min,
            ))
    });
    let date = incident_date(&members);
    let place = incident_place(&members);
    let mut sub_event_types = most_common(members.iter().flat_map(|c| {
        claim_types(c)
            .into_iter()
            .filter(|t| t != "Displacement" && t != "Arrests")
    }));
    if members.iter().any(|c| c.kind.as_str() == "displaced") && sub_event_types.is_empty() {
        sub_event_types.push("Displacement".to_owned());
    }
    let event_types = most_common(members.iter().filter_map(|c| c.event_type.clone()));
    let actors = most_common(
        members
            .iter()
            .flat_map(|c| c.actors.iter().map(|a| a.name.clone())),
    );
    // The id hashes the incident's first account (its earliest claim in the
    // linking order, a claim no other incident holds): a later claim joining
    // the incident keeps its id, unless it changes the date or place.
    let first = members
        .first()
        .map(|c| format!("{}:{}:{}", c.doc, c.span.start, c.span.end))
        .unwrap_or_default();
    let id = format!(
        "{}-{}-{}{:08x}",
        date.as_ref()
            .map_or("undated".to_owned(), |d| d.value.clone()),
        place
            .as_ref()
            .map_or("unplaced".to_owned(), |p| slug(&p.name)),
        if scope == Scope::Campaign {
            "campaign-"
        } else {
            ""
        },
        fnv(&first) & 0xffff_ffff
    );

    let mut claims: Vec<IncidentClaim> = members
        .into_iter()
        .map(|claim| IncidentClaim {
            source_key: source_key(&claim),
            claim,
            superseded: false,
            duplicate: false,
        })
        .collect();
    claims.sort_by(|a, b| {
        (&a.claim.published, &a.claim.doc, a.claim.span.start).cmp(&(
            &b.claim.published,
            &b.claim.doc,
            b.claim.span.start,
        ))
    });

    let mut estimates = BTreeMap::new();
    let mut group_estimates = BTreeMap::new();
    let kinds: BTreeSet<String> = claims
        .iter()
        .map(|c| c.claim.kind.as_str().to_owned())
        .collect();
    for kind in &kinds {
        let totals: Vec<usize> = (0..claims.len())
            .filter(|&i| claims[i].claim.kind.as_str() == kind && !claims[i].claim.subgroup)
            .collect();
        if !totals.is_empty() {
            let e = estimate(
                &mut claims,
                &totals,
                reports,
                options.disagreement_tolerance,
            );
            estimates.insert(kind.clone(), e);
        }
        let groups: BTreeSet<String> = claims
            .iter()
            .filter(|c| c.claim.kind.as_str() == kind)
            .filter_map(|c| c.claim.group.clone())
            .collect();
        for group in groups {
            let members: Vec<usize> = (0..claims.len())
                .filter(|&i| {
                    claims[i].claim.kind.as_str() == kind
                        && claims[i].claim.group.as_deref() == Some(group.as_str())
                        && claims[i].claim.subgroup
                })
                .collect();
            if !members.is_empty() {
                let e = estimate(
                    &mut claims,
                    &members,
                    reports,
                    options.disagreement_tolerance,
                );
                group_estimates.insert(format!("{kind}:{group}"), e);
            }
        }
    }
    let disagreement = estimates.values().any(|e| e.disagreement);

    let mut sources: BTreeMap<String, SourceSummary> = BTreeMap::new();
    for c in &claims {
        let entry = sources
            .entry(c.source_key.clone())
            .or_insert_with(|| SourceSummary {
                key: c.source_key.clone(),
                id: c.claim.source.as_ref().and_then(|s| s.id.clone()),
                name: c.claim.source.as_ref().and_then(|s| s.name.clone()),
                surface: c.claim.source.as_ref().and_then(|s| s.surface.clone()),
                outlets: Vec::new(),
                docs: Vec::new(),
            });
        if let Some(outlet) = &c.claim.outlet {
            if !entry.outlets.contains(outlet) {
                entry.outlets.push(outlet.clone());
            }
        }
        if !entry.docs.contains(&c.claim.doc) {
            entry.docs.push(c.claim.doc.clone());
        }
    }
    let docs: BTreeSet<&str> = claims.iter().map(|c| c.claim.doc.as_str()).collect();
    let mut in_reports: BTreeMap<usize, usize> = BTreeMap::new();
    for doc in &docs {
        if let Some(group) = reports.group_of(doc) {
            *in_reports.entry(group).or_default() += 1;
        }
    }
    let incident_reports = in_reports
        .into_iter()
        .filter(|&(_, docs)| docs > 1)
        .map(|(group, _)| Report {
            docs: reports.groups()[group].clone(),
        })
        .collect();
    Incident {
        id,
        scope: match scope {
            Scope::Campaign => "campaign".to_owned(),
            Scope::Incident => "incident".to_owned(),
        },
        event_types,
        sub_event_types,
        date,
        place,
        actors,
        estimates,
        group_estimates,
        sources: sources.into_values().collect(),
        disagreement,
        reports: incident_reports,
        claims,
    }
}

#[cfg(test)]
mod tests {
    //! ACLED/UCDP-style examples worked by hand from the rules above: each
    //! expected figure is derived in the comment beside it.
    use super::*;
    use crate::testing::claim;

    fn reconcile(members: Vec<Claim>) -> Incident {
        incident(
            members,
            Scope::Incident,
            &Reports::default(),
            &LinkOptions::default(),
        )
    }

    fn figures(e: &Estimate) -> (Option<u64>, Option<u64>, Option<u64>, usize) {
        (e.low, e.best, e.high, e.sources)
    }

    #[test]
    fn a_later_figure_from_the_same_source_supersedes_the_earlier() {
        // SOHR said 12 on the 20th (via one outlet) and 15 on the 21st (via
        // another): one source, current figure 15; 12 is kept, superseded.
        let i = reconcile(vec![
            claim("a", "killed", 12)
                .source("sohr")
                .published("2019-07-20")
                .build(),
            claim("b", "killed", 15)
                .source("sohr")
                .published("2019-07-21")
                .build(),
        ]);
        assert_eq!(
            figures(&i.estimates["killed"]),
            (Some(15), Some(15), Some(15), 1)
        );
        let superseded: Vec<(u64, bool)> = i
            .claims
            .iter()
            .map(|c| (c.claim.value_min.expect("a figure"), c.superseded))
            .collect();
        assert_eq!(superseded, vec![(12, true), (15, false)]);
        assert_eq!(i.estimates["killed"].claims, 2);
    }

    #[test]
    fn low_best_high_over_three_sources() {
        // Health ministry 20 (exact), SOHR "at least 25", activists "between
        // 30 and 40". Lower bounds 20, 25, 30: low 20. Upper bounds 20, 25
        // (open-ended: its lower bound), 40: high 40. Point figures 20, 25,
        // 35 (a range's middle): best is their median, 25. The spread,
        // 35 − 20 = 15, is over 25 % of 20: they disagree.
        let i = reconcile(vec![
            claim("a", "killed", 20).source("health-ministry").build(),
            claim("b", "killed", 25)
                .source("sohr")
                .qualified("at_least", Some(25), None)
                .build(),
            claim("c", "killed", 30)
                .source("activists")
                .qualified("range", Some(30), Some(40))
                .build(),
        ]);
        let killed = &i.estimates["killed"];
        assert_eq!(figures(killed), (Some(20), Some(25), Some(40), 3));
        assert!(killed.disagreement && i.disagreement);
    }

    #[test]
    fn the_median_of_two_figures_is_their_midpoint_rounded_down() {
        // 10 and 15: the midpoint 12.5, rounded down.
        let i = reconcile(vec![
            claim("a", "killed", 10).source("sohr").build(),
            claim("b", "killed", 15).source("civil-defence").build(),
        ]);
        assert_eq!(
            figures(&i.estimates["killed"]),
            (Some(10), Some(12), Some(15), 2)
        );
    }

    #[test]
    fn sources_disagree_only_beyond_a_quarter_of_the_smaller_figure() {
        // 25 − 20 = 5 is exactly 25 % of 20: within the tolerance.
        let within = reconcile(vec![
            claim("a", "injured", 20).source("sohr").build(),
            claim("b", "injured", 25).source("medical-sources").build(),
        ]);
        assert!(!within.estimates["injured"].disagreement);
        // 26 − 20 = 6 is 30 %: beyond it.
        let beyond = reconcile(vec![
            claim("a", "injured", 20).source("sohr").build(),
            claim("b", "injured", 26).source("medical-sources").build(),
        ]);
        assert!(beyond.estimates["injured"].disagreement && beyond.disagreement);
    }

    #[test]
    fn two_outlets_carrying_one_source_are_one_source() {
        // SOHR's 18, carried by two outlets the same day: one independent
        // source, two claims, nothing superseded.
        let i = reconcile(vec![
            claim("a", "killed", 18).source("sohr").build(),
            claim("b", "killed", 18).source("sohr").build(),
        ]);
        let killed = &i.estimates["killed"];
        assert_eq!(figures(killed), (Some(18), Some(18), Some(18), 1));
        assert_eq!(killed.claims, 2);
        assert!(i.claims.iter().all(|c| !c.superseded && !c.duplicate));
        assert_eq!(i.sources.len(), 1);
        assert_eq!(i.sources[0].outlets, vec!["Outlet a", "Outlet b"]);
    }

    #[test]
    fn the_same_figure_in_a_wire_copy_counts_once_as_a_duplicate() {
        let reports = Reports::new(vec![vec!["a".to_owned(), "b".to_owned()]]);
        let i = incident(
            vec![
                claim("a", "killed", 18).source("sohr").build(),
                claim("b", "killed", 18).source("sohr").build(),
            ],
            Scope::Incident,
            &reports,
            &LinkOptions::default(),
        );
        assert_eq!(i.claims.iter().filter(|c| c.duplicate).count(), 1);
        assert_eq!(i.reports.len(), 1);
        assert_eq!(i.reports[0].docs, vec!["a", "b"]);
    }

    #[test]
    fn the_outlets_own_accounts_are_sources_of_their_own() {
        // Two outlets reporting on their own (no source named): two
        // independent accounts.
        let i = reconcile(vec![
            claim("a", "killed", 7).build(),
            claim("b", "killed", 9).build(),
        ]);
        assert_eq!(
            figures(&i.estimates["killed"]),
            (Some(7), Some(8), Some(9), 2)
        );
        assert_eq!(
            i.sources.iter().map(|s| s.key.as_str()).collect::<Vec<_>>(),
            vec!["outlet:Outlet a", "outlet:Outlet b"]
        );
    }

    #[test]
    fn a_vague_figure_counts_only_when_no_source_is_precise() {
        // "Dozens" (20+) from one source, "at least 150" from another: the
        // precise one alone sets the figures.
        let i = reconcile(vec![
            claim("a", "killed", 20)
                .source("pope-francis")
                .qualified("vague", Some(20), None)
                .build(),
            claim("b", "killed", 150)
                .source("civil-defence")
                .qualified("at_least", Some(150), None)
                .build(),
        ]);
        assert_eq!(
            figures(&i.estimates["killed"]),
            (Some(150), Some(150), Some(150), 1)
        );
        // Alone, "dozens" gives its smallest meaning.
        let vague = reconcile(vec![claim("a", "killed", 20)
            .source("pope-francis")
            .qualified("vague", Some(20), None)
            .build()]);
        assert_eq!(
            figures(&vague.estimates["killed"]),
            (Some(20), Some(20), Some(20), 1)
        );
    }

    #[test]
    fn within_one_article_the_most_precise_figure_wins_and_supersedes_nothing() {
        // One article: "dozens killed … 32 killed", both the outlet's own.
        let i = reconcile(vec![
            claim("a", "killed", 20)
                .qualified("vague", Some(20), None)
                .at(0, 10, (0, 50))
                .build(),
            claim("a", "killed", 32).at(60, 70, (60, 120)).build(),
        ]);
        assert_eq!(
            figures(&i.estimates["killed"]),
            (Some(32), Some(32), Some(32), 1)
        );
        assert!(i.claims.iter().all(|c| !c.superseded));
    }

    #[test]
    fn subgroups_have_estimates_of_their_own() {
        // 30 killed, among them 8 children: the total counts 30, the
        // children's estimate 8.
        let i = reconcile(vec![
            claim("a", "killed", 30)
                .source("sohr")
                .at(0, 10, (0, 80))
                .build(),
            claim("a", "killed", 8)
                .source("sohr")
                .group("children")
                .subgroup()
                .at(20, 30, (0, 80))
                .build(),
        ]);
        assert_eq!(
            figures(&i.estimates["killed"]),
            (Some(30), Some(30), Some(30), 1)
        );
        assert_eq!(
            figures(&i.group_estimates["killed:children"]),
            (Some(8), Some(8), Some(8), 1)
        );
    }

    #[test]
    fn kinds_are_reconciled_apart() {
        let i = reconcile(vec![
            claim("a", "killed", 4).build(),
            claim("a", "injured", 11).at(20, 30, (0, 100)).build(),
        ]);
        assert_eq!(
            figures(&i.estimates["killed"]),
            (Some(4), Some(4), Some(4), 1)
        );
        assert_eq!(
            figures(&i.estimates["injured"]),
            (Some(11), Some(11), Some(11), 1)
        );
    }
}
