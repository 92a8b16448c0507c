//! Near-duplicate documents by MinHash over word shingles.
//!
//! Each document's normalised words are cut into overlapping 5-word shingles;
//! [`SIGNATURE`] hash functions keep the minimum hash of any shingle. The
//! share of equal minima estimates the Jaccard similarity of the shingle sets
//! (standard error about 0.06 at 64 hashes). Documents at or above the
//! threshold, transitively, form one report.

use std::hash::{BuildHasher, Hasher};

use rasid_text::normalize_str;

use crate::DocInfo;

/// Hash functions per signature.
pub const SIGNATURE: usize = 64;
/// Words per shingle.
pub const SHINGLE: usize = 5;

/// A MinHash signature.
pub type Signature = [u64; SIGNATURE];

fn hash(seed: u64, words: &[&str]) -> u64 {
    // A fixed-key hasher: signatures must not change between runs.
    let mut h =
        std::hash::BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default()
            .build_hasher();
    h.write_u64(seed);
    for w in words {
        h.write(w.as_bytes());
        h.write_u8(0xff);
    }
    h.finish()
}

/// The MinHash signature of a text.
#[must_use]
pub fn signature(text: &str) -> Signature {
    let normalized = normalize_str(text);
    let words: Vec<&str> = normalized
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut sig = [u64::MAX; SIGNATURE];
    if words.is_empty() {
        return sig;
    }
    let width = SHINGLE.min(words.len());
    for shingle in words.windows(width) {
        let base = hash(0, shingle);
        for (i, slot) in sig.iter_mut().enumerate() {
            // Cheap independent hashes: mix the base hash with the index.
            let h = base ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            let h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9).rotate_left(31);
            *slot = (*slot).min(h);
        }
    }
    sig
}

/// Estimated Jaccard similarity of two signatures.
#[must_use]
pub fn similarity(a: &Signature, b: &Signature) -> f64 {
    let equal = a.iter().zip(b).filter(|(x, y)| x == y).count();
    #[allow(clippy::cast_precision_loss)]
    let share = equal as f64 / SIGNATURE as f64;
    share
}

/// Groups of two or more documents that are one story, each sorted.
#[must_use]
pub fn reports(docs: &[DocInfo<'_>], threshold: f64) -> Vec<Vec<String>> {
    let signatures: Vec<Signature> = docs.iter().map(|d| signature(d.text)).collect();
    let mut parent: Vec<usize> = (0..docs.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for i in 0..docs.len() {
        for j in i + 1..docs.len() {
            if similarity(&signatures[i], &signatures[j]) >= threshold {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<String>> =
        std::collections::BTreeMap::new();
    for (i, doc) in docs.iter().enumerate() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(doc.id.to_owned());
    }
    groups
        .into_values()
        .filter(|g| g.len() > 1)
        .map(|mut g| {
            g.sort();
            g
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "قال المرصد السوري لحقوق الإنسان إن غارات جوية استهدفت سوقا شعبية في مدينة أريحا بريف إدلب الجنوبي صباح اليوم ما أسفر عن مقتل 18 مدنيا بينهم خمسة أطفال وإصابة أكثر من 40 آخرين بجروح متفاوتة";

    #[test]
    fn a_wire_copy_is_a_near_duplicate() {
        let copy = format!("{STORY}. وتشهد المنطقة تصعيدا عسكريا منذ أسابيع.");
        let s = similarity(&signature(STORY), &signature(&copy));
        assert!(s > 0.6, "{s}");
    }

    #[test]
    fn a_different_story_is_not() {
        let other = "أعلنت وزارة الصحة في غزة أن حصيلة الشهداء ارتفعت إلى 112 منذ صباح اليوم جراء الغارات الإسرائيلية على مخيم جباليا شمالي القطاع";
        let s = similarity(&signature(STORY), &signature(other));
        assert!(s < 0.2, "{s}");
    }

    #[test]
    fn reports_group_transitively() {
        let copy = format!("{STORY} وفق ما أفاد");
        let docs = [
            DocInfo {
                id: "a",
                text: STORY,
            },
            DocInfo {
                id: "b",
                text: &copy,
            },
            DocInfo {
                id: "c",
                text: "نص آخر لا علاقة له بالقصة على الإطلاق ولا يشبهها في شيء أبدا",
            },
        ];
        assert_eq!(
            reports(&docs, 0.6),
            vec![vec!["a".to_owned(), "b".to_owned()]]
        );
    }
}
