//! Perpetrator and target: which actor of a sentence did the attack and which
//! suffered it, read from the words around each actor.
//!
//! Arabic news puts the attacker right after an attack verb ("قصفت قوات
//! النظام") or an attack noun in construct ("قصف المعارضة لدمشق"، "غارات
//! للطيران الروسي"), before a verb ("الطيران الروسي … استهدف"), or after an
//! agent marker ("برصاص قناص"، "على يد مسلحين"). The target follows a place
//! noun ("مواقع لجيش الإسلام"، "مناطق سيطرة النظام") or "على"/"ضد". These are
//! heuristics over a window of a few words, stopped by punctuation and clause
//! words; they know nothing of vocalisation, so a passive "قُصفت" reads as an
//! active "قَصفت" (the place noun after it usually settles the case).
//! Known false positive: "أسقطت الفصائل طائرة حربية تابعة للنظام" makes the
//! regime a perpetrator, because the aircraft it owns is itself an attack word.

use rustc_hash::FxHashSet as HashSet;

use rasid_text::{normalize_str, Token, TokenKind};
use serde::Serialize;

use crate::{ActorMention, EventMention};

/// What an actor does in a sentence's event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Role {
    /// Carried out the attack, or fought in a two-sided clash (PLOVER codes
    /// every side of two-sided violence as a source).
    Perpetrator,
    /// Was attacked, arrested, killed or lost ground.
    Target,
    /// Named without a role in an event: a negotiator, a source, a bystander.
    Mentioned,
}

/// Word lists the rules read, normalised once.
#[derive(Debug, Clone)]
pub(crate) struct Cues {
    /// Verbs of attack, with their subject after them ("قصفت قوات النظام").
    /// "قتل" and "قتلت" are left out: unvocalised they are as often passive
    /// ("قُتل عنصران من قوات النظام"), and the actor after them is the victim.
    attack_verbs: HashSet<String>,
    /// Nouns of harm whose complement is the victim: "اعتقال ناشطين"،
    /// "اغتيال القيادي"، "مقتل عنصرين من قوات النظام". Known false positive:
    /// "استهداف قوات النظام للبلدة" (the regime targets) is read with the
    /// regime as target unless "ل" follows.
    patient_nouns: HashSet<String>,
    /// Places and equipment that belong to the target: "مواقع"، "مقرات".
    target_nouns: HashSet<String>,
    /// People nouns heading an actor ("عناصر داعش"، "مقاتلي المعارضة"): the
    /// actor's role is read from before them.
    person_nouns: HashSet<String>,
    /// Verbs that carry an attack noun after them ("يواصل النظام قصف").
    support_verbs: HashSet<String>,
    /// Words that end the window: a new clause or a reported statement.
    clause_breaks: HashSet<String>,
    /// "تابع/تابعة ل": the actor owns what was named before.
    affiliation: HashSet<String>,
}

fn set(words: &[&str]) -> HashSet<String> {
    words.iter().map(|w| normalize_str(w)).collect()
}

impl Cues {
    pub(crate) fn new() -> Self {
        Self {
            attack_verbs: set(&[
                "قصف",
                "قصفت",
                "يقصف",
                "تقصف",
                "قصفوا",
                "استهدف",
                "استهدفت",
                "يستهدف",
                "تستهدف",
                "استهدفوا",
                "شن",
                "شنت",
                "يشن",
                "تشن",
                "شنوا",
                "نفذ",
                "نفذت",
                "ينفذ",
                "تنفذ",
                "هاجم",
                "هاجمت",
                "يهاجم",
                "تهاجم",
                "هاجموا",
                "اقتحم",
                "اقتحمت",
                "يقتحم",
                "تقتحم",
                "اقتحموا",
                "ارتكب",
                "ارتكبت",
                "يرتكب",
                "ترتكب",
                "ألقى",
                "ألقت",
                "يلقي",
                "تلقي",
                "أطلق",
                "أطلقت",
                "يطلق",
                "تطلق",
                "أطلقوا",
                "أعدم",
                "أعدمت",
                "اختطف",
                "اختطفت",
                "خطف",
                "خطفت",
                "اعتقل",
                "اعتقلت",
                "يعتقل",
                "تعتقل",
                "داهم",
                "داهمت",
                "يداهم",
                "تداهم",
                "اغتال",
                "اغتالت",
                "فجرت",
                "فجروا",
                "سيطر",
                "سيطرت",
                "استعاد",
                "استعادت",
                "توغل",
                "توغلت",
                "دمر",
                "دمرت",
                "أسقط",
                "أسقطت",
                "أغار",
                "أغارت",
                "اشتبك",
                "اشتبكت",
                "حاصر",
                "حاصرت",
                "صادر",
                "صادرت",
                "أحرق",
                "أحرقت",
                "زرع",
                "زرعت",
                "استولى",
                "استولت",
                "قنص",
                "قنصت",
            ]),
            patient_nouns: set(&[
                "استهداف",
                "مهاجمة",
                "اعتقال",
                "اغتيال",
                "اختطاف",
                "خطف",
                "إعدام",
                "تصفية",
                "قتل",
                "مقتل",
                "إصابة",
                "أسر",
                "محاصرة",
                "حصار",
                "ملاحقة",
                "مطاردة",
                "استشهاد",
                "استشهد",
                "أصيب",
                "أصيبت",
                "جرح",
            ]),
            target_nouns: set(&[
                "مواقع",
                "موقع",
                "مقرات",
                "مقر",
                "نقاط",
                "نقطة",
                "تجمعات",
                "تجمع",
                "معاقل",
                "معقل",
                "حواجز",
                "حاجز",
                "ثكنات",
                "ثكنة",
                "مستودعات",
                "مستودع",
                "مخازن",
                "مخزن",
                "أرتال",
                "رتل",
                "آليات",
                "آلية",
                "دبابات",
                "دبابة",
                "عربات",
                "عربة",
                "أهداف",
                "هدف",
                "مراكز",
                "مركز",
                "قواعد",
                "قاعدة",
                "سيطرة",
                "نفوذ",
                "جبهات",
                "تحصينات",
                "خطوط",
                "سجون",
                "سجن",
                "معتقلات",
            ]),
            person_nouns: set(&[
                "عناصر",
                "عنصر",
                "عنصرين",
                "عنصران",
                "مقاتلي",
                "مقاتلو",
                "مقاتلين",
                "مسلحي",
                "مسلحو",
                "قادة",
                "قائد",
                "قيادي",
                "قياديا",
                "قياديين",
                "جنود",
                "جندي",
                "جنديين",
                "ضباط",
                "ضابط",
                "أفراد",
                "دورية",
                "دوريات",
                "قناصة",
                "قناص",
            ]),
            support_verbs: set(&[
                "واصل",
                "واصلت",
                "يواصل",
                "تواصل",
                "صعد",
                "صعدت",
                "يصعد",
                "تصعد",
                "جدد",
                "جددت",
                "يجدد",
                "تجدد",
            ]),
            clause_breaks: set(&["فيما", "بينما", "إن", "أن", "حيث", "لكن"]),
            affiliation: set(&["تابع", "تابعة", "تابعين", "تابعون"]),
        }
    }
}

/// An attack or coercion word the roles hang on.
#[derive(Debug, Clone, Copy)]
struct Anchor {
    start: usize,
    end: usize,
    /// A verb: its subject follows it, or precedes it.
    verbal: bool,
    /// A noun whose complement is the victim ("اعتقال"، "مقتل").
    patient: bool,
    /// The preposition glued to its first word ("بقصف" → 'ب').
    preposition: Option<char>,
}

/// The words of a sentence and the lists, with helpers.
struct Reader<'a> {
    cues: &'a Cues,
    normalized: &'a str,
    tokens: &'a [Token],
    start: usize,
}

impl Reader<'_> {
    /// The word without a conjunction: "وقصفت" → "قصفت".
    fn head(&self, i: usize) -> Option<&str> {
        let token = self.tokens.get(i).filter(|_| i >= self.start)?;
        if token.kind != TokenKind::Word {
            return None;
        }
        let text = token.text(self.normalized);
        if token.has_conjunction() {
            text.char_indices().nth(1).map(|(at, _)| &text[at..])
        } else {
            Some(text)
        }
    }

    fn head_in(&self, i: usize, set: &HashSet<String>) -> bool {
        self.head(i).is_some_and(|h| set.contains(h))
    }

    fn head_is(&self, i: usize, words: &[&str]) -> bool {
        self.head(i).is_some_and(|h| words.contains(&h))
    }

    /// Whether any analysis of the word is in `set` ("لمواقع" → "مواقع").
    fn form_in(&self, i: usize, set: &HashSet<String>) -> bool {
        i >= self.start
            && self.tokens.get(i).is_some_and(|t| {
                t.kind == TokenKind::Word && t.forms(self.normalized).any(|f| set.contains(f))
            })
    }

    /// Whether token `i` ends a window.
    fn is_break(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_none_or(|t| t.kind == TokenKind::Punct)
            || self.head_in(i, &self.cues.clause_breaks)
    }

    /// The preposition among the clitics stripped before byte `at` of token `i`.
    fn preposition(&self, i: usize, at: usize) -> Option<char> {
        let token = self.tokens.get(i)?;
        let clitics = self.normalized.get(token.span.start..at)?;
        let mut chars = clitics.chars().peekable();
        if chars.peek().is_some_and(|c| matches!(c, 'و' | 'ف')) && clitics.chars().count() > 1 {
            chars.next();
        }
        chars.next().filter(|c| matches!(c, 'ب' | 'ل' | 'ك'))
    }
}

/// Roles of the actors lying in `tokens[start..]` (the slice ends with the
/// sentence).
pub(crate) fn roles(
    cues: &Cues,
    normalized: &str,
    tokens: &[Token],
    start: usize,
    actors: &[ActorMention],
    events: &[EventMention],
) -> Vec<(usize, Role)> {
    let end = tokens.len();
    let reader = Reader {
        cues,
        normalized,
        tokens,
        start,
    };
    let inside = |r: &std::ops::Range<usize>| start <= r.start && r.end <= end && r.start < r.end;
    let present: Vec<usize> = (0..actors.len())
        .filter(|&k| inside(&actors[k].tokens))
        .collect();
    let actor_at = |i: usize| {
        present
            .iter()
            .copied()
            .find(|&k| actors[k].tokens.contains(&i))
    };
    let anchors = anchors(&reader, actors, &present, events, &inside);
    let clash = events.iter().any(|e| {
        inside(&e.tokens) && e.event_type == "Battles" && e.sub_event_type == "Armed clash"
    });

    let mut out: Vec<(usize, Role)> = Vec::with_capacity(present.len());
    for (n, &k) in present.iter().enumerate() {
        let actor = &actors[k];
        let first = actor.tokens.start;
        let mut preposition = reader.preposition(first, actor.span.start);
        // "عناصر من داعش"، "مقاتلي المعارضة": read from the people noun.
        let mut s = first;
        if s > start && reader.form_in(s - 1, &cues.person_nouns) {
            s -= 1;
        } else if s > start + 1
            && reader.head_is(s - 1, &["من"])
            && reader.form_in(s - 2, &cues.person_nouns)
        {
            s -= 2;
        }
        if s != first {
            let token = tokens[s];
            let word = token.text(normalized);
            let stem = token
                .forms(normalized)
                .find(|f| cues.person_nouns.contains(*f))
                .map_or(0, |f| word.len() - f.len());
            preposition = reader.preposition(s, token.span.start + stem);
        }
        // "مواقع تابعة لقسد": the actor owns the target. "قناص تابع لقوات
        // النظام"، "طائرة تابعة للنظام": the actor takes the role of what it
        // owns, read from before "تابع".
        let mut owned_place = false;
        if preposition == Some('ل') && s > start && reader.form_in(s - 1, &cues.affiliation) {
            owned_place = s > start + 1 && reader.form_in(s - 2, &cues.target_nouns);
            s -= 1;
            preposition = None;
        }

        let coordinated = (n > 0)
            .then(|| out[n - 1])
            .filter(|&(previous, role)| {
                role != Role::Mentioned
                    && actors[previous].tokens.end == first
                    && tokens[first].has_conjunction()
            })
            .map(|(_, role)| role);
        let role = coordinated
            .or_else(|| owned_place.then_some(Role::Target))
            .or_else(|| marker(&reader, s))
            .or_else(|| {
                (clash && s > start && reader.head_is(s - 1, &["بين", "مع"]))
                    .then_some(Role::Perpetrator)
            })
            .or_else(|| anchor_before(&reader, &anchors, s, preposition, &actor_at))
            .or_else(|| anchor_after(&reader, &anchors, actor.tokens.end, &actor_at))
            .unwrap_or(Role::Mentioned);
        out.push((k, role));
    }
    out
}

/// Attack and coercion words of the sentence: violent or coercive event
/// triggers (PLOVER ASSAULT, COERCE) and attack verbs, cut where they run into
/// an actor ("قصف الطيران" of "قصف الطيران الروسي" keeps "قصف").
fn anchors(
    reader: &Reader<'_>,
    actors: &[ActorMention],
    present: &[usize],
    events: &[EventMention],
    inside: &dyn Fn(&std::ops::Range<usize>) -> bool,
) -> Vec<Anchor> {
    let cues = reader.cues;
    let mut anchors: Vec<Anchor> = Vec::new();
    for event in events.iter().filter(|e| inside(&e.tokens)) {
        if !matches!(event.plover_event.as_str(), "ASSAULT" | "COERCE") {
            continue;
        }
        let (start, mut end) = (event.tokens.start, event.tokens.end);
        for &k in present {
            let actor = &actors[k].tokens;
            if actor.start < end && start < actor.end {
                end = if start < actor.start {
                    actor.start
                } else {
                    start
                };
            }
        }
        if start < end {
            anchors.push(Anchor {
                start,
                end,
                verbal: reader.head_in(start, &cues.attack_verbs),
                patient: reader.form_in(start, &cues.patient_nouns),
                preposition: reader.preposition(start, event.span.start),
            });
        }
    }
    for i in reader.start..reader.tokens.len() {
        let taken = anchors.iter().any(|a| a.start <= i && i < a.end)
            || present.iter().any(|&k| actors[k].tokens.contains(&i));
        if taken {
            continue;
        }
        let verbal = reader.head_in(i, &cues.attack_verbs);
        let patient = reader.head_in(i, &cues.patient_nouns);
        if verbal || patient {
            anchors.push(Anchor {
                start: i,
                end: i + 1,
                verbal,
                patient: patient && !verbal,
                preposition: None,
            });
        }
    }
    anchors.sort_by_key(|a| a.start);
    anchors
}

/// Agent and target markers right before the actor.
fn marker(reader: &Reader<'_>, s: usize) -> Option<Role> {
    let cues = reader.cues;
    if s <= reader.start {
        return None;
    }
    let before = s - 1;
    let two_before = before.checked_sub(1).filter(|&i| i >= reader.start);
    let two_is = |words: &[&str]| two_before.is_some_and(|i| reader.head_is(i, words));
    // "من قبل"، "من جانب"، "على يد"، "على أيدي": the agent of a passive.
    if (reader.head_is(before, &["قبل", "جانب"]) && two_is(&["من"]))
        || (reader.head_is(before, &["يد", "ايدي", "يدي"]) && two_is(&["علي"]))
    {
        return Some(Role::Perpetrator);
    }
    // "على حساب الفصائل": at the expense of.
    if reader.head_is(before, &["حساب"]) && two_is(&["علي"]) {
        return Some(Role::Target);
    }
    if reader.head_is(before, &["علي", "ضد"]) || reader.form_in(before, &cues.target_nouns) {
        return Some(Role::Target);
    }
    None
}

/// The role given by the nearest attack before the actor, at most three
/// words away: its subject or agent, or its object.
fn anchor_before(
    reader: &Reader<'_>,
    anchors: &[Anchor],
    s: usize,
    preposition: Option<char>,
    actor_at: &dyn Fn(usize) -> Option<usize>,
) -> Option<Role> {
    let mut words = 0;
    let mut actor_between = false;
    let mut i = s;
    while i > reader.start {
        let j = i - 1;
        if let Some(anchor) = anchors.iter().find(|a| a.end == i && a.start <= j) {
            return Some(if actor_between {
                // "استهدفت الفصائل قوات النظام": the second argument.
                Role::Target
            } else if matches!(preposition, Some('ل' | 'ب')) {
                // "غارات للطيران الروسي"، "قصف بالطيران الروسي".
                Role::Perpetrator
            } else if anchor.patient {
                Role::Target
            } else {
                Role::Perpetrator
            });
        }
        if reader.is_break(j) {
            return None;
        }
        if let Some(k) = actor_at(j) {
            actor_between = true;
            // Skip the whole mention.
            let mut first = j;
            while first > reader.start && actor_at(first - 1) == Some(k) {
                first -= 1;
            }
            i = first;
            continue;
        }
        words += 1;
        if words > 3 {
            return None;
        }
        i = j;
    }
    None
}

/// The actor as subject of an attack verb after it, at most four words away,
/// with no other actor between ("الطيران الحربي الروسي … استهدف"), or accused
/// of an attack ("… النظام بقصف").
fn anchor_after(
    reader: &Reader<'_>,
    anchors: &[Anchor],
    e: usize,
    actor_at: &dyn Fn(usize) -> Option<usize>,
) -> Option<Role> {
    let mut words = 0;
    let mut supported = false;
    let mut j = e;
    // Where an actor joined by "و" may start: "قوات النظام والميليشيات … قصف".
    let mut coordinated_at = e;
    while j < reader.tokens.len() {
        if let Some(anchor) = anchors.iter().find(|a| a.start == j) {
            let subject = anchor.verbal || anchor.preposition == Some('ب') || supported;
            return subject.then_some(Role::Perpetrator);
        }
        if reader.is_break(j) {
            return None;
        }
        if let Some(k) = actor_at(j) {
            if j != coordinated_at || !reader.tokens[j].has_conjunction() {
                return None;
            }
            while actor_at(j) == Some(k) {
                j += 1;
            }
            coordinated_at = j;
            continue;
        }
        supported |= reader.head_in(j, &reader.cues.support_verbs);
        words += 1;
        if words > 4 {
            return None;
        }
        j += 1;
    }
    None
}
