//! Incremental linking inside the store's transaction, and the full relink.
//!
//! A batch's documents are stored and their claims linked in one
//! [`Batch`]: near-duplicates found by band-key lookup, candidate incidents
//! by linking-key lookup, decisions by [`rasid_link::link_batch`] in memory,
//! and only the incidents the batch touches are rebuilt from their own
//! claims. The cost follows the batch, not the store.

use std::collections::{BTreeMap, BTreeSet};

use rasid_docs::Document;
use rasid_extract::Claim;
use rasid_link::dedup::{self, Signature};
use rasid_link::{reconcile, Candidate, Incident, LinkKey, LinkOptions, Profile, Reports};
use rasid_store::{Batch, IndexKey, Ingested, Outcome, StoredClaim};
use rayon::prelude::*;
use serde::Serialize;

use crate::PipelineError;

/// What linking a batch did to the incidents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LinkReport {
    /// Incidents founded by the batch's claims.
    pub founded: usize,
    /// Stored incidents the batch's claims joined (rebuilt from their claims).
    pub joined: usize,
    /// Stored incidents rebuilt because their documents' reports changed.
    pub rebuilt: usize,
    /// Stored incidents dissolved and linked again because a document of
    /// theirs changed.
    pub dissolved: usize,
}

/// An incident as the store indexes it.
#[derive(Serialize)]
#[serde(transparent)]
pub(crate) struct Indexed<'a>(pub(crate) &'a Incident);

impl rasid_store::IncidentColumns for Indexed<'_> {
    fn id(&self) -> &str {
        &self.0.id
    }
    fn date(&self) -> Option<&str> {
        self.0.date.as_ref().map(|d| d.value.as_str())
    }
    fn country(&self) -> Option<&str> {
        self.0.place.as_ref().map(|p| p.country.as_str())
    }
    fn admin1(&self) -> Option<&str> {
        self.0.place.as_ref().and_then(|p| p.admin1.as_deref())
    }
    fn place(&self) -> Option<&str> {
        self.0.place.as_ref().map(|p| p.name.as_str())
    }
    fn lat(&self) -> Option<f64> {
        self.0.place.as_ref().map(|p| p.lat)
    }
    fn lon(&self) -> Option<f64> {
        self.0.place.as_ref().map(|p| p.lon)
    }
    fn event_types(&self) -> Vec<String> {
        self.0.sub_event_types.clone()
    }
    fn best(&self) -> Option<u64> {
        self.0.estimates.get("killed").and_then(|e| e.best)
    }
    fn low(&self) -> Option<u64> {
        self.0.estimates.get("killed").and_then(|e| e.low)
    }
    fn high(&self) -> Option<u64> {
        self.0.estimates.get("killed").and_then(|e| e.high)
    }
    fn disagreement(&self) -> bool {
        self.0.disagreement
    }
    fn scope(&self) -> &str {
        &self.0.scope
    }
}

fn parse_claim(stored: &StoredClaim) -> Result<Claim, PipelineError> {
    serde_json::from_str(&stored.json).map_err(|source| PipelineError::Claim {
        doc: stored.doc.clone(),
        source,
    })
}

fn parse_profile(id: &str, json: Option<&str>) -> Result<Profile, PipelineError> {
    let json = json.ok_or_else(|| PipelineError::Unlinked {
        incident: id.to_owned(),
    })?;
    serde_json::from_str(json).map_err(|source| PipelineError::Profile {
        incident: id.to_owned(),
        source,
    })
}

fn index_keys(keys: &[LinkKey]) -> Vec<IndexKey<'_>> {
    keys.iter()
        .map(|k| IndexKey {
            country: &k.country,
            key: k.key,
            period: k.period,
        })
        .collect()
}

/// The signatures of documents, computed on every core.
#[must_use]
pub fn signatures(documents: &[&Document]) -> Vec<Signature> {
    documents
        .par_iter()
        .map(|d| dedup::signature(&d.text))
        .collect()
}

/// Files the new or changed documents' signatures and maintains the reports
/// (groups of near-duplicates, each named by its smallest document id).
/// Returns the documents whose report changed.
fn file_signatures(
    batch: &Batch<'_>,
    documents: &[(&str, &Signature)],
    threshold: f64,
) -> Result<BTreeSet<String>, PipelineError> {
    let mut touched = BTreeSet::new();
    for &(doc, signature) in documents {
        let bands = dedup::band_keys(signature);
        // A changed document leaves its old report, which may fall apart.
        if let Some(old) = batch.signatures(&[doc.to_owned()])?.pop() {
            let members = batch.report_members(&old.report)?;
            batch.remove_signature(doc)?;
            if members.len() > 1 {
                let rest: Vec<String> = members.iter().filter(|m| *m != doc).cloned().collect();
                regroup(batch, &rest, threshold)?;
                touched.extend(members);
            }
        }
        let candidates: Vec<String> = batch
            .documents_with_bands(&bands)?
            .into_iter()
            .filter(|d| d != doc)
            .collect();
        let mut reports: BTreeSet<String> = BTreeSet::new();
        for other in batch.signatures(&candidates)? {
            let near = dedup::from_bytes(&other.signature)
                .is_some_and(|s| dedup::near_duplicates(signature, &s, threshold));
            if near {
                reports.insert(other.report);
            }
        }
        let mut members: BTreeSet<String> = BTreeSet::new();
        members.insert(doc.to_owned());
        for report in &reports {
            members.extend(batch.report_members(report)?);
        }
        let name = members.first().cloned().unwrap_or_else(|| doc.to_owned());
        batch.put_signature(doc, &dedup::to_bytes(signature), &bands, &name)?;
        if members.len() > 1 {
            for report in &reports {
                if *report != name {
                    for member in batch.report_members(report)? {
                        batch.set_report(&member, &name)?;
                    }
                }
            }
            touched.extend(members);
        }
    }
    Ok(touched)
}

/// Regroups the documents of a report after one of them left it.
fn regroup(batch: &Batch<'_>, docs: &[String], threshold: f64) -> Result<(), PipelineError> {
    let signed: Vec<(String, Signature)> = batch
        .signatures(docs)?
        .into_iter()
        .filter_map(|s| Some((s.doc, dedup::from_bytes(&s.signature)?)))
        .collect();
    for group in dedup::components(&signed, threshold) {
        let name = &group[0];
        for doc in &group {
            batch.set_report(doc, name)?;
        }
    }
    Ok(())
}

/// The reports of the documents `docs` belong to (groups of two or more).
fn reports_of(batch: &Batch<'_>, docs: &BTreeSet<String>) -> Result<Reports, PipelineError> {
    let list: Vec<String> = docs.iter().cloned().collect();
    let names: BTreeSet<String> = batch
        .signatures(&list)?
        .into_iter()
        .map(|s| s.report)
        .collect();
    let mut groups = Vec::new();
    for name in names {
        let members = batch.report_members(&name)?;
        if members.len() > 1 {
            groups.push(members);
        }
    }
    Ok(Reports::new(groups))
}

/// A claim to link with where it is stored.
struct Pending {
    claim: Claim,
    rowid: i64,
}

/// Links the documents a [`Batch::ingest`] just added or updated, inside the
/// same transaction: their signatures and reports, then their claims
/// against the stored incidents, then the touched incidents rebuilt.
///
/// `batch_documents` are the documents given to `ingest` with their claims.
///
/// # Errors
/// When the store fails or a stored record does not parse.
pub fn link_ingested(
    batch: &Batch<'_>,
    batch_documents: &[(Document, Vec<Claim>)],
    ingested: &Ingested,
    options: &LinkOptions,
) -> Result<LinkReport, PipelineError> {
    let refs: Vec<&Document> = ingested
        .changed
        .iter()
        .map(|c| &batch_documents[c.index].0)
        .collect();
    let signed = signatures(&refs);
    let changed: Vec<(&str, &Signature)> = refs
        .iter()
        .zip(&signed)
        .map(|(d, s)| (d.id.as_str(), s))
        .collect();
    let touched_docs = file_signatures(batch, &changed, options.duplicate_threshold)?;

    // Incidents that held claims of updated documents are dissolved, with
    // every incident of the documents whose claims they held, until no
    // stored incident holds a claim of a document being linked.
    let mut pending: Vec<Pending> = Vec::new();
    let mut linked_docs: BTreeSet<String> = BTreeSet::new();
    for c in &ingested.changed {
        let (document, claims) = &batch_documents[c.index];
        linked_docs.insert(document.id.clone());
        pending.extend(
            claims
                .iter()
                .zip(&c.claim_ids)
                .map(|(claim, &rowid)| Pending {
                    claim: claim.clone(),
                    rowid,
                }),
        );
    }
    let mut dissolved: BTreeSet<String> = BTreeSet::new();
    let mut frontier: Vec<String> = ingested.orphaned.clone();
    while !frontier.is_empty() {
        let mut docs = BTreeSet::new();
        for id in &frontier {
            if dissolved.insert(id.clone()) {
                for stored in batch.incident_claims(id)? {
                    if !linked_docs.contains(&stored.doc) {
                        docs.insert(stored.doc);
                    }
                }
            }
        }
        let docs: Vec<String> = docs.into_iter().collect();
        for stored in batch.claims_of_documents(&docs)? {
            pending.push(Pending {
                claim: parse_claim(&stored)?,
                rowid: stored.rowid,
            });
        }
        linked_docs.extend(docs.iter().cloned());
        frontier = batch
            .incidents_of_documents(&docs)?
            .into_iter()
            .filter(|id| !dissolved.contains(id))
            .collect();
    }
    let dissolved: Vec<String> = dissolved.into_iter().collect();
    batch.remove_incidents(&dissolved)?;
    // Claims of one document together, in their order (the linker's input).
    pending.sort_by(|a, b| (&a.claim.doc, a.rowid).cmp(&(&b.claim.doc, b.rowid)));
    let claims: Vec<Claim> = pending.iter().map(|p| p.claim.clone()).collect();

    let lookups = rasid_link::batch_lookups(&claims, options);
    let ids = batch.incidents_filed_under(&index_keys(&lookups))?;
    let mut candidates = Vec::with_capacity(ids.len());
    for (id, profile) in batch.profiles(&ids)? {
        let profile = parse_profile(&id, profile.as_deref())?;
        candidates.push(Candidate { id, profile });
    }
    let linked = rasid_link::link_batch(&claims, candidates, options);

    let mut report = LinkReport {
        dissolved: dissolved.len(),
        ..LinkReport::default()
    };
    // Every incident to write: the stored one it replaces, its profile, its
    // claims with their rowids, and how many of them are stored already.
    let mut rebuild: Vec<Rebuild> = Vec::new();
    let mut joined: BTreeSet<String> = BTreeSet::new();
    for l in linked {
        let mut members: Vec<(Claim, i64)> = Vec::new();
        if let Some(id) = &l.stored {
            for stored in batch.incident_claims(id)? {
                members.push((parse_claim(&stored)?, stored.rowid));
            }
            joined.insert(id.clone());
            report.joined += 1;
        } else {
            report.founded += 1;
        }
        let kept = members.len();
        members.extend(
            l.members
                .iter()
                .map(|&i| (pending[i].claim.clone(), pending[i].rowid)),
        );
        rebuild.push(Rebuild {
            stored: l.stored,
            profile: l.profile,
            members,
            kept,
        });
    }
    let touched_docs: Vec<String> = touched_docs.into_iter().collect();
    for id in batch.incidents_of_documents(&touched_docs)? {
        if joined.contains(&id) {
            continue;
        }
        let (_, profile) = batch
            .profiles(std::slice::from_ref(&id))?
            .pop()
            .ok_or_else(|| PipelineError::Unlinked {
                incident: id.clone(),
            })?;
        let profile = parse_profile(&id, profile.as_deref())?;
        let mut members = Vec::new();
        for stored in batch.incident_claims(&id)? {
            members.push((parse_claim(&stored)?, stored.rowid));
        }
        report.rebuilt += 1;
        let kept = members.len();
        rebuild.push(Rebuild {
            stored: Some(id),
            profile,
            members,
            kept,
        });
    }

    let docs: BTreeSet<String> = rebuild
        .iter()
        .flat_map(|r| r.members.iter().map(|(c, _)| c.doc.clone()))
        .collect();
    let reports = reports_of(batch, &docs)?;
    let built: Vec<(Rebuild, Incident)> = rebuild
        .into_iter()
        .map(|r| {
            let claims = r.members.iter().map(|(c, _)| c.clone()).collect();
            let incident = reconcile::incident(claims, r.profile.scope, &reports, options);
            (r, incident)
        })
        .collect();
    // A stored incident keeps its row when its id stays (its first account,
    // date and place are the same): only what the batch adds is written.
    let moved: Vec<String> = built
        .iter()
        .filter_map(|(r, i)| r.stored.clone().filter(|id| *id != i.id))
        .collect();
    batch.remove_incidents(&moved)?;
    for (r, incident) in built {
        write_incident(batch, &r, &incident)?;
    }
    Ok(report)
}

/// An incident to write after linking a batch.
struct Rebuild {
    /// The stored incident it replaces.
    stored: Option<String>,
    profile: Profile,
    /// Its claims with their rowids: the stored ones first.
    members: Vec<(Claim, i64)>,
    /// How many of `members` were stored in it already.
    kept: usize,
}

fn write_incident(
    batch: &Batch<'_>,
    rebuild: &Rebuild,
    incident: &Incident,
) -> Result<(), PipelineError> {
    let keys = rebuild.profile.keys();
    let json =
        serde_json::to_string(&rebuild.profile).map_err(|source| PipelineError::Profile {
            incident: incident.id.clone(),
            source,
        })?;
    let keys = index_keys(&keys);
    if rebuild.stored.as_deref() == Some(incident.id.as_str()) {
        let added: Vec<i64> = rebuild.members[rebuild.kept..]
            .iter()
            .map(|(_, r)| *r)
            .collect();
        if batch.update_incident(&Indexed(incident), Some(&json), &keys, &added)? {
            return Ok(());
        }
    }
    let rowids: Vec<i64> = rebuild.members.iter().map(|(_, r)| *r).collect();
    batch.insert_incident(&Indexed(incident), Some(&json), &keys, &rowids)?;
    Ok(())
}

/// Where a relink stands.
#[derive(Debug, Clone, Copy)]
pub struct RelinkProgress {
    /// Documents linked so far.
    pub done: usize,
    /// Documents in the store.
    pub total: usize,
}

/// What a relink did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RelinkReport {
    /// Documents read.
    pub documents: usize,
    /// Claims linked.
    pub claims: usize,
    /// Incidents written.
    pub incidents: usize,
}

/// Documents read and linked at a time by [`relink`].
pub const RELINK_CHUNK: usize = 2_000;

/// Rebuilds every incident and every near-duplicate report from the stored
/// documents and claims, in one transaction: documents are taken in linking
/// order (publication date, then id) a chunk at a time, and each chunk is
/// linked against the incidents of the chunks before it through the
/// linking index, as an ingest would — so the whole costs O(n log n) and
/// holds one chunk in memory. The answer is the canonical one of the order
/// rule ([`rasid_link::linker`]).
///
/// # Errors
/// When the store fails or a stored record does not parse; the store is
/// then as it was.
pub fn relink(
    store: &mut rasid_store::Store,
    options: &LinkOptions,
    mut on_progress: impl FnMut(RelinkProgress),
) -> Result<RelinkReport, PipelineError> {
    let batch = store.begin()?;
    batch.clear_links()?;
    let total = batch.document_count()?;
    let mut report = RelinkReport::default();
    let mut cursor: Option<rasid_store::Cursor> = None;
    loop {
        let documents = batch.documents_in_linking_order(cursor.as_ref(), RELINK_CHUNK)?;
        let Some(last) = documents.last() else {
            break;
        };
        cursor = Some((last.published.clone(), last.id.clone()));
        let ids: Vec<String> = documents.iter().map(|d| d.id.clone()).collect();
        let mut by_doc: BTreeMap<String, Vec<StoredClaim>> = BTreeMap::new();
        for stored in batch.claims_of_documents(&ids)? {
            by_doc.entry(stored.doc.clone()).or_default().push(stored);
        }
        let mut chunk: Vec<(Document, Vec<Claim>)> = Vec::with_capacity(documents.len());
        let mut changed = Vec::with_capacity(documents.len());
        for (index, document) in documents.into_iter().enumerate() {
            let stored = by_doc.remove(&document.id).unwrap_or_default();
            let claims = stored
                .iter()
                .map(parse_claim)
                .collect::<Result<Vec<_>, _>>()?;
            report.claims += claims.len();
            changed.push(rasid_store::ChangedDocument {
                index,
                outcome: Outcome::Added,
                claim_ids: stored.iter().map(|s| s.rowid).collect(),
            });
            chunk.push((document, claims));
        }
        let ingested = Ingested {
            changed,
            ..Ingested::default()
        };
        link_ingested(&batch, &chunk, &ingested, options)?;
        report.documents += chunk.len();
        on_progress(RelinkProgress {
            done: report.documents,
            total,
        });
    }
    batch.set_links_fresh()?;
    batch.commit()?;
    report.incidents = store.counts()?.incidents;
    Ok(report)
}

/// Every stored incident, read back from the store in listing order (by
/// date, then id); nothing is linked.
///
/// # Errors
/// When the store fails or a stored record is not an incident.
pub fn stored_incidents(store: &rasid_store::Store) -> Result<Vec<Incident>, PipelineError> {
    let mut out = Vec::new();
    store.for_each_incident(|json| {
        let incident: Incident =
            serde_json::from_str(json).map_err(|source| PipelineError::Incident { source })?;
        out.push(incident);
        Ok::<(), PipelineError>(())
    })?;
    Ok(out)
}
