//! Linking a batch of claims, alone or against the incidents stored before it.
//!
//! [`link_batch`] is pure: it is given the batch's claims and the stored
//! incidents that the batch's lookups found ([`crate::block::batch_lookups`],
//! each with its [`Profile`]), and says which claims join which stored
//! incident and which found new ones. Everything it decides on is in memory;
//! the store only answers the lookups.
//!
//! ## The order rule
//!
//! Claims are taken one at a time in the **linking order**: publication date
//! (none first), document id, position of the figure in the document, then
//! position among the document's claims ([`crate::cluster::Account`]). Each
//! joins the best incident it is compatible with ([`crate::cluster`]) or
//! founds a new one. Among equally good incidents, the one whose earliest
//! claim comes first in that order wins, so the choice never depends on which
//! incident was made first. Incidents are never merged: when two incidents
//! are apart and a later claim would fit both (it *bridges* them), the claim
//! joins the better of the two and they stay apart.
//!
//! So where every claim fits at most one incident (as in the Douma corpus),
//! the incidents do not depend on the order or the batches in which articles
//! arrive. Where a claim bridges two incidents, the order can matter: had the
//! bridging claim come before the second incident's claims, they would have
//! joined the first. `rasid relink` takes every stored claim in the linking
//! order and gives the canonical answer; [`crate::link`] does the same in
//! memory.

use std::cmp::Reverse;
use std::collections::HashMap;

use rasid_extract::{Claim, Scope};

use crate::block::{lookups, LinkKey};
use crate::cluster::{Features, Profile, Shape};
use crate::LinkOptions;

/// A stored incident that a batch's lookups found.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Its id in the store.
    pub id: String,
    /// What linking knows of it.
    pub profile: Profile,
}

/// An incident that a batch's claims joined or founded.
#[derive(Debug, Clone)]
pub struct Linked {
    /// The stored incident the claims joined; `None` for a new incident.
    pub stored: Option<String>,
    /// Its profile with the batch's claims in.
    pub profile: Profile,
    /// The batch's claims in it: indices into the batch, in linking order.
    pub members: Vec<usize>,
}

struct Working {
    stored: Option<String>,
    shape: Shape,
    members: Vec<usize>,
}

/// Links a batch: every claim joins a candidate, an incident founded by an
/// earlier claim of the batch, or founds one. The claims of each document
/// must all be in the batch, in the document's order, and no candidate may
/// hold a claim of a document of the batch (a document re-read with changed
/// claims has its old incidents dissolved first). Returns every incident
/// that received a claim.
#[must_use]
pub fn link_batch(
    claims: &[Claim],
    candidates: Vec<Candidate>,
    options: &LinkOptions,
) -> Vec<Linked> {
    let mut ordinals: HashMap<&str, usize> = HashMap::new();
    let features: Vec<Features> = claims
        .iter()
        .map(|c| {
            let ordinal = ordinals.entry(c.doc.as_str()).or_default();
            let f = Features::of(c, *ordinal);
            *ordinal += 1;
            f
        })
        .collect();
    let mut order: Vec<usize> = (0..claims.len()).collect();
    order.sort_by(|&a, &b| features[a].account.cmp(&features[b].account));

    let mut working: Vec<Working> = Vec::with_capacity(candidates.len() + claims.len() / 2);
    let mut index: HashMap<LinkKey, Vec<usize>> = HashMap::new();
    let mut by_doc: HashMap<String, Vec<usize>> = HashMap::new();
    let file = |index: &mut HashMap<LinkKey, Vec<usize>>, shape: &Shape, at: usize| {
        for key in shape.keys() {
            let list = index.entry(key).or_default();
            if !list.contains(&at) {
                list.push(at);
            }
        }
    };
    for candidate in candidates {
        let shape = Shape::from_profile(&candidate.profile);
        file(&mut index, &shape, working.len());
        working.push(Working {
            stored: Some(candidate.id),
            shape,
            members: Vec::new(),
        });
    }

    let mut seen: Vec<usize> = Vec::new();
    for i in order {
        let f = &features[i];
        seen.clear();
        if let Some(own) = by_doc.get(f.doc()) {
            seen.extend(own);
        }
        for key in lookups(f, options) {
            if let Some(found) = index.get(&key) {
                seen.extend(found);
            }
        }
        seen.sort_unstable();
        seen.dedup();
        let first = |w: usize| Reverse(&working[w].shape.first);
        let chosen = seen
            .iter()
            .copied()
            .find(|&w| working[w].shape.holds_sentence(f))
            .or_else(|| match f.scope {
                Scope::Campaign => seen
                    .iter()
                    .copied()
                    .filter(|&w| working[w].shape.admits_campaign(f))
                    .max_by_key(|&w| first(w)),
                Scope::Incident => seen
                    .iter()
                    .copied()
                    .filter_map(|w| working[w].shape.score(f, options).map(|s| (s, w)))
                    .max_by_key(|&(score, w)| (score, first(w)))
                    .map(|(_, w)| w),
            });
        let at = match chosen {
            Some(w) => {
                working[w].shape.add(f);
                working[w].members.push(i);
                w
            }
            None => {
                working.push(Working {
                    stored: None,
                    shape: Shape::new(f),
                    members: vec![i],
                });
                working.len() - 1
            }
        };
        let own = by_doc.entry(f.doc().to_owned()).or_default();
        if !own.contains(&at) {
            own.push(at);
        }
        file(&mut index, &working[at].shape, at);
    }

    working
        .into_iter()
        .filter(|w| !w.members.is_empty())
        .map(|w| Linked {
            stored: w.stored,
            profile: w.shape.profile(),
            members: w.members,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    //! Each compatibility axis, the preferences and the order rule, on
    //! hand-made claims (coordinates of the real towns, rounded).
    use super::*;
    use crate::testing::{claim, ClaimBuilder};

    const AIR: &[&str] = &["Air/drone strike"];
    const SHELLING: &[&str] = &["Shelling/artillery/missile attack"];

    fn ariha(b: ClaimBuilder) -> ClaimBuilder {
        b.town("Ariha", "Idlib", 35.81, 36.61)
    }

    /// The incidents of `claims` linked together, as sorted lists of
    /// `doc:value`.
    fn groups(claims: &[Claim]) -> Vec<Vec<String>> {
        let mut out: Vec<Vec<String>> = link_batch(claims, Vec::new(), &LinkOptions::default())
            .into_iter()
            .map(|l| {
                let mut g: Vec<String> = l
                    .members
                    .iter()
                    .map(|&i| format!("{}:{}", claims[i].doc, claims[i].value_min.unwrap_or(0)))
                    .collect();
                g.sort();
                g
            })
            .collect();
        out.sort();
        out
    }

    fn list(groups: &[&[&str]]) -> Vec<Vec<String>> {
        groups
            .iter()
            .map(|g| g.iter().map(|&s| s.to_owned()).collect())
            .collect()
    }

    #[test]
    fn claims_of_one_sentence_share_an_incident() {
        // A killed and an injured figure of one sentence, though the second
        // has another type and no place.
        let claims = [
            ariha(claim("a", "killed", 5))
                .types(AIR)
                .at(0, 5, (0, 90))
                .build(),
            claim("a", "injured", 9)
                .types(SHELLING)
                .at(10, 15, (0, 90))
                .build(),
        ];
        assert_eq!(groups(&claims), list(&[&["a:5", "a:9"]]));
    }

    #[test]
    fn strikes_a_day_apart_are_one_incident_two_days_apart_two() {
        let claims = [
            ariha(claim("a", "killed", 5))
                .types(AIR)
                .published("2019-07-22")
                .build(),
            ariha(claim("b", "killed", 6))
                .types(AIR)
                .published("2019-07-23")
                .build(),
            ariha(claim("c", "killed", 7))
                .types(AIR)
                .published("2019-07-25")
                .build(),
        ];
        assert_eq!(groups(&claims), list(&[&["a:5", "b:6"], &["c:7"]]));
    }

    #[test]
    fn a_month_precise_claim_joins_an_incident_of_that_month() {
        let claims = [
            ariha(claim("a", "killed", 5))
                .types(AIR)
                .published("2019-07-22")
                .build(),
            ariha(claim("b", "killed", 40))
                .types(AIR)
                .published("2019-08-03")
                .dated("2019-07-01", "month")
                .build(),
            ariha(claim("c", "killed", 9))
                .types(AIR)
                .published("2019-08-03")
                .dated("2019-08-01", "month")
                .build(),
        ];
        assert_eq!(groups(&claims), list(&[&["a:5", "b:40"], &["c:9"]]));
    }

    #[test]
    fn undated_claims_meet_only_undated_ones_across_articles() {
        let claims = [
            ariha(claim("a", "killed", 5)).types(AIR).build(),
            ariha(claim("b", "killed", 6)).types(AIR).undated().build(),
            ariha(claim("c", "killed", 7)).types(AIR).undated().build(),
        ];
        assert_eq!(groups(&claims), list(&[&["a:5"], &["b:6", "c:7"]]));
    }

    #[test]
    fn a_town_joins_an_incident_of_its_area_but_not_of_another_town() {
        let claims = [
            claim("a", "killed", 12)
                .area("Eastern Ghouta", "Rif Dimashq", 33.54, 36.42)
                .types(AIR)
                .build(),
            claim("b", "killed", 14)
                .town("Douma", "Rif Dimashq", 33.571, 36.402)
                .types(AIR)
                .build(),
            claim("c", "killed", 3)
                .town("Damascus", "Damascus", 33.513, 36.292)
                .types(AIR)
                .build(),
        ];
        assert_eq!(groups(&claims), list(&[&["a:12", "b:14"], &["c:3"]]));
    }

    #[test]
    fn a_claim_without_a_place_stays_in_its_article() {
        let claims = [
            ariha(claim("a", "killed", 5))
                .types(AIR)
                .at(0, 5, (0, 50))
                .build(),
            claim("a", "injured", 20).at(60, 65, (60, 90)).build(),
            claim("b", "injured", 21).build(),
        ];
        assert_eq!(groups(&claims), list(&[&["a:20", "a:5"], &["b:21"]]));
    }

    #[test]
    fn different_types_are_different_incidents() {
        let claims = [
            ariha(claim("a", "killed", 5)).types(AIR).build(),
            ariha(claim("b", "killed", 6)).types(SHELLING).build(),
            // No type named: fits either; the earlier account wins the tie.
            ariha(claim("c", "killed", 7)).build(),
            // Displacement meets only displacement.
            ariha(claim("d", "displaced", 300)).build(),
        ];
        assert_eq!(
            groups(&claims),
            list(&[&["a:5", "c:7"], &["b:6"], &["d:300"]])
        );
    }

    #[test]
    fn campaign_totals_stay_apart_and_in_their_article() {
        let claims = [
            ariha(claim("a", "killed", 5))
                .types(AIR)
                .at(0, 5, (0, 50))
                .build(),
            ariha(claim("a", "killed", 400))
                .campaign()
                .at(60, 65, (60, 90))
                .build(),
            ariha(claim("b", "killed", 410)).campaign().build(),
        ];
        assert_eq!(groups(&claims), list(&[&["a:400"], &["a:5"], &["b:410"]]));
    }

    #[test]
    fn an_own_article_incident_is_preferred() {
        // Article b names Ariha in an earlier sentence (a weak place) for its
        // second figure: it joins b's own incident, though a's is as near.
        let options = LinkOptions::default();
        let mut weak = ariha(claim("b", "injured", 30))
            .types(AIR)
            .at(80, 85, (80, 120))
            .build();
        if let Some(p) = weak.place.as_mut() {
            p.via = "before".to_owned();
        }
        let claims = [
            ariha(claim("a", "killed", 5)).types(AIR).build(),
            claim("b", "killed", 6)
                .town("Saraqib", "Idlib", 35.86, 36.80)
                .types(AIR)
                .at(0, 5, (0, 50))
                .build(),
            weak,
        ];
        let linked = link_batch(&claims, Vec::new(), &options);
        let own = linked
            .iter()
            .find(|l| l.members.contains(&1))
            .expect("b's incident");
        assert!(own.members.contains(&2), "{linked:?}");
    }

    /// Links `batches` one after the other against what the earlier ones
    /// stored, as a store does; returns the incidents as sorted lists.
    fn incrementally(batches: &[Vec<Claim>]) -> Vec<Vec<String>> {
        let options = LinkOptions::default();
        let mut stored: Vec<(Profile, Vec<Claim>)> = Vec::new();
        for batch in batches {
            let lookups = crate::block::batch_lookups(batch, &options);
            let candidates = stored
                .iter()
                .enumerate()
                .filter(|(_, (p, _))| p.keys().iter().any(|k| lookups.contains(k)))
                .map(|(i, (p, _))| Candidate {
                    id: i.to_string(),
                    profile: p.clone(),
                })
                .collect();
            for linked in link_batch(batch, candidates, &options) {
                let members = linked.members.iter().map(|&i| batch[i].clone());
                match linked.stored {
                    Some(id) => {
                        let entry = &mut stored[id.parse::<usize>().expect("our ids")];
                        entry.0 = linked.profile;
                        entry.1.extend(members);
                    }
                    None => stored.push((linked.profile, members.collect())),
                }
            }
        }
        let all: Vec<Claim> = batches.iter().flatten().cloned().collect();
        let mut out: Vec<Vec<String>> = stored
            .into_iter()
            .map(|(_, claims)| {
                let mut g: Vec<String> = claims
                    .iter()
                    .map(|c| format!("{}:{}", c.doc, c.value_min.unwrap_or(0)))
                    .collect();
                g.sort();
                g
            })
            .collect();
        out.sort();
        assert_eq!(
            out.iter().map(Vec::len).sum::<usize>(),
            all.len(),
            "every claim in one incident"
        );
        out
    }

    /// Three reports of strikes on one town: a on the 20th, b on the 21st,
    /// c on the 22nd. a and c are two days apart: never one incident; b fits
    /// either.
    fn bridge() -> (Claim, Claim, Claim) {
        let strike = |doc: &str, value: u64, day: &str| {
            ariha(claim(doc, "killed", value))
                .types(AIR)
                .published(day)
                .build()
        };
        (
            strike("a", 10, "2019-07-20"),
            strike("b", 11, "2019-07-21"),
            strike("c", 12, "2019-07-22"),
        )
    }

    #[test]
    fn a_tie_goes_to_the_incident_with_the_earliest_account() {
        // c, then a, then b: when b comes, a's and c's incidents fit it
        // equally (same place, neither the same day); a's first account is
        // earlier, so b joins a — as in the linking order a, b, c.
        let (a, b, c) = bridge();
        let expected = list(&[&["a:10", "b:11"], &["c:12"]]);
        assert_eq!(groups(&[a.clone(), b.clone(), c.clone()]), expected);
        assert_eq!(incrementally(&[vec![c], vec![a], vec![b]]), expected);
    }

    #[test]
    fn a_bridging_claim_that_comes_first_decides_and_relink_restores_the_order() {
        // Published so that the linking order is a, c, b (b late): a and c
        // found two incidents, b joins the earlier, a's.
        let (a, mut b, c) = bridge();
        b.published = Some("2019-07-23".to_owned());
        let canonical = list(&[&["a:10", "b:11"], &["c:12"]]);
        assert_eq!(groups(&[a.clone(), b.clone(), c.clone()]), canonical);
        // Arriving b, c, a (one batch each): c joins b's incident (a day
        // apart), and then a, two days from c, cannot: incidents are never
        // merged or split afterwards, so the order decided.
        let arrived = incrementally(&[vec![b.clone()], vec![c.clone()], vec![a.clone()]]);
        assert_eq!(arrived, list(&[&["a:10"], &["b:11", "c:12"]]));
        // Relinking every claim in the linking order gives the canonical answer.
        assert_eq!(groups(&[b, c, a]), canonical);
    }
}
