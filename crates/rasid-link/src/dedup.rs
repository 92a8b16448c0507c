//! Near-duplicate documents by MinHash over word shingles, found through
//! locality-sensitive hashing.
//!
//! Each document's normalised words are cut into overlapping 5-word shingles;
//! [`SIGNATURE`] hash functions keep the minimum hash of any shingle. The
//! share of equal minima estimates the Jaccard similarity of the shingle sets
//! (standard error about 0.06 at 64 hashes).
//!
//! The signature is cut into [`BANDS`] bands of [`ROWS`] hashes; each band
//! hashes to a key ([`band_keys`]). Two documents are compared only when they
//! share a band key, so a store finds a new document's wire copies by looking
//! its keys up, not by comparing it with every stored document. A pair at the
//! threshold (0.6) shares a key with probability 1 − (1 − 0.6⁴)¹⁶ = 0.89, at
//! 0.7 with 0.99, at 0.8 with all but 1 in 10,000; unrelated documents
//! (similarity 0.05) share one once in 10,000 pairs. Two documents are
//! **near-duplicates** when they share a band key and their estimated
//! similarity reaches the threshold; near-duplicates, transitively, form one
//! report. The hashes are fixed (FNV-1a and a 64-bit mixer), so signatures
//! stored by one build match those of the next.

use std::collections::HashMap;

use rasid_text::normalize_str;

use crate::DocInfo;

/// Hash functions per signature.
pub const SIGNATURE: usize = 64;
/// Words per shingle.
pub const SHINGLE: usize = 5;
/// Bands of the signature for locality-sensitive hashing.
pub const BANDS: usize = 16;
/// Hashes per band.
pub const ROWS: usize = SIGNATURE / BANDS;

/// A MinHash signature.
pub type Signature = [u64; SIGNATURE];

fn fnv(words: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for w in words {
        for &b in w.as_bytes() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        h = (h ^ 0xff).wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The finaliser of SplitMix64: spreads every input bit over the output.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// `char::is_alphanumeric`, answered without the Unicode tables for ASCII
/// and the Arabic letters (U+0621–U+064A), which are most of the text.
fn word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        ('\u{0621}'..='\u{064A}').contains(&c) || c.is_alphanumeric()
    }
}

/// The MinHash signature of a text.
#[must_use]
pub fn signature(text: &str) -> Signature {
    let normalized = normalize_str(text);
    let words: Vec<&str> = normalized
        .split(|c: char| !word_char(c))
        .filter(|w| !w.is_empty())
        .collect();
    let mut sig = [u64::MAX; SIGNATURE];
    if words.is_empty() {
        return sig;
    }
    let width = SHINGLE.min(words.len());
    for shingle in words.windows(width) {
        let base = fnv(shingle);
        for (i, slot) in sig.iter_mut().enumerate() {
            // Independent hashes: the base hash mixed with the function's seed.
            let h = mix(base ^ (i as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
            *slot = (*slot).min(h);
        }
    }
    sig
}

/// Whether a signature is that of a text without words (it has no band keys
/// and is nobody's near-duplicate).
#[must_use]
pub fn is_empty(signature: &Signature) -> bool {
    signature.iter().all(|&h| h == u64::MAX)
}

/// The band keys of a signature (none for a text without words).
#[must_use]
pub fn band_keys(signature: &Signature) -> Vec<i64> {
    if is_empty(signature) {
        return Vec::new();
    }
    signature
        .chunks(ROWS)
        .enumerate()
        .map(|(band, rows)| {
            let mut h = mix(band as u64 + 1);
            for &row in rows {
                h = mix(h ^ row);
            }
            i64::from_ne_bytes(h.to_ne_bytes())
        })
        .collect()
}

/// A signature as bytes (little-endian), for a store.
#[must_use]
pub fn to_bytes(signature: &Signature) -> Vec<u8> {
    signature.iter().flat_map(|h| h.to_le_bytes()).collect()
}

/// A signature from [`to_bytes`]; `None` for bytes of another length.
///
/// # Panics
/// Never: the length is checked first, so every chunk has 8 bytes.
#[must_use]
pub fn from_bytes(bytes: &[u8]) -> Option<Signature> {
    if bytes.len() != SIGNATURE * 8 {
        return None;
    }
    let mut signature = [0u64; SIGNATURE];
    for (slot, chunk) in signature.iter_mut().zip(bytes.chunks_exact(8)) {
        *slot = u64::from_le_bytes(chunk.try_into().expect("chunks of 8 bytes"));
    }
    Some(signature)
}

/// Estimated Jaccard similarity of two signatures.
#[must_use]
pub fn similarity(a: &Signature, b: &Signature) -> f64 {
    let equal = a.iter().zip(b).filter(|(x, y)| x == y).count();
    #[allow(clippy::cast_precision_loss)]
    let share = equal as f64 / SIGNATURE as f64;
    share
}

/// Whether two documents are near-duplicates: a band key in common and an
/// estimated similarity of at least `threshold`.
#[must_use]
pub fn near_duplicates(a: &Signature, b: &Signature, threshold: f64) -> bool {
    if is_empty(a) || is_empty(b) {
        return false;
    }
    let shares_band = a.chunks(ROWS).zip(b.chunks(ROWS)).any(|(x, y)| x == y);
    shares_band && similarity(a, b) >= threshold
}

/// Groups of documents under a union-find, by index.
#[derive(Debug)]
pub struct Groups {
    parent: Vec<usize>,
}

impl Groups {
    /// `n` documents, each alone.
    #[must_use]
    pub fn new(n: usize) -> Groups {
        Groups {
            parent: (0..n).collect(),
        }
    }

    /// The representative of `i`'s group.
    pub fn root(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    /// Puts `a` and `b` in one group.
    pub fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.root(a), self.root(b));
        self.parent[a.max(b)] = a.min(b);
    }
}

/// Groups of two or more documents that are one story, each sorted, in
/// sorted order.
#[must_use]
pub fn reports(docs: &[DocInfo<'_>], threshold: f64) -> Vec<Vec<String>> {
    let signed: Vec<(String, Signature)> = docs
        .iter()
        .map(|d| (d.id.to_owned(), signature(d.text)))
        .collect();
    components(&signed, threshold)
        .into_iter()
        .filter(|g| g.len() > 1)
        .collect()
}

/// The documents grouped by near-duplication (transitively), every
/// document in one group (alone when it has no near-duplicate); each group
/// sorted, groups in sorted order. Documents are compared only when they
/// share a band key.
#[must_use]
pub fn components(docs: &[(String, Signature)], threshold: f64) -> Vec<Vec<String>> {
    let mut by_band: HashMap<i64, Vec<usize>> = HashMap::new();
    let mut groups = Groups::new(docs.len());
    for (i, (_, sig)) in docs.iter().enumerate() {
        let mut candidates: Vec<usize> = Vec::new();
        for key in band_keys(sig) {
            let list = by_band.entry(key).or_default();
            candidates.extend(list.iter().copied());
            list.push(i);
        }
        candidates.sort_unstable();
        candidates.dedup();
        for j in candidates {
            if near_duplicates(sig, &docs[j].1, threshold) {
                groups.join(i, j);
            }
        }
    }
    let mut by_root: HashMap<usize, Vec<String>> = HashMap::new();
    for (i, (doc, _)) in docs.iter().enumerate() {
        let r = groups.root(i);
        by_root.entry(r).or_default().push(doc.clone());
    }
    let mut out: Vec<Vec<String>> = by_root
        .into_values()
        .map(|mut g| {
            g.sort();
            g
        })
        .collect();
    out.sort();
    out
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
    fn a_copy_shares_a_band_and_a_different_story_rarely_does() {
        let copy = format!("{STORY}. وتشهد المنطقة تصعيدا عسكريا منذ أسابيع.");
        let (a, b) = (signature(STORY), signature(&copy));
        assert!(near_duplicates(&a, &b, 0.6));
        let keys = band_keys(&a);
        assert_eq!(keys.len(), BANDS);
        assert!(band_keys(&b).iter().any(|k| keys.contains(k)));
        let other = signature("أعلنت وزارة الصحة في غزة أن حصيلة الشهداء ارتفعت إلى 112 منذ صباح اليوم جراء الغارات على مخيم جباليا شمالي القطاع");
        assert!(!near_duplicates(&a, &other, 0.6));
    }

    #[test]
    fn a_text_without_words_is_nobodys_copy() {
        let empty = signature("... !!! ؟");
        assert!(is_empty(&empty));
        assert!(band_keys(&empty).is_empty());
        assert!(!near_duplicates(&empty, &empty, 0.6));
    }

    #[test]
    fn words_are_split_as_by_is_alphanumeric() {
        for c in [
            'ا', 'ي', 'ء', '،', '؟', 'a', '7', ' ', '-', 'é', '٣', '\u{064B}',
        ] {
            assert_eq!(word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn signatures_round_trip_through_bytes() {
        let sig = signature(STORY);
        assert_eq!(from_bytes(&to_bytes(&sig)), Some(sig));
        assert_eq!(from_bytes(&[1, 2, 3]), None);
    }

    #[test]
    fn signatures_do_not_change_between_builds() {
        // Stored signatures must match those computed later: the first hash
        // of a fixed five-word text (one shingle), computed outside Rust from
        // the documented FNV-1a and SplitMix64 over the normalised words.
        let sig = signature("واحد اثنان ثلاثة أربعة خمسة");
        assert_eq!(sig[0], 0x349b_72ac_9288_a34d);
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
