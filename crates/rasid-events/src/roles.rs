//! Perpetrator and target: which actor of a sentence did the attack and which
//! suffered it, read from the words around each actor.
//!
//! Arabic news puts the attacker right after an attack verb ("قصفت قوات
//! النظام") or an attack noun in construct ("قصف الفصائل لحلب"، "غارات
//! للطيران الروسي"), before a verb ("الطيران الروسي … استهدف"), or after an
//! agent marker ("برصاص قناص"، "على يد مجهولين"). The target follows a place
//! noun ("مواقع لجيش الإسلام"، "مناطق سيطرة النظام") or "على"/"ضد". These are
//! heuristics over a window of a few words, stopped by punctuation and clause
//! words; they know nothing of vocalisation, so a passive "قُصفت" reads as an
//! active "قَصفت" (the place noun after it usually settles the case).
//! Known false positive: "أسقطت الفصائل طائرة حربية تابعة للنظام" makes the
//! regime a perpetrator, because the aircraft it owns is itself an attack word.

use rasid_lexicon::table::{Schema, Table};
use rasid_lexicon::{DataError, PhraseIndex, PhraseMatch, Reading};
use rasid_text::morphology::{Preposition, Proclitics};
use rasid_text::{Token, TokenKind};
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

/// The kinds of cue of `roles.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cue {
    /// Verbs of attack, with their subject after them ("قصفت قوات الجيش").
    AttackVerb,
    /// Nouns of harm whose complement is the victim. Known false positive:
    /// "استهداف قوات الجيش للبلدة" (the army targets) is read with the army as
    /// target unless "ل" follows.
    PatientNoun,
    /// Places and equipment that belong to the target: "مواقع"، "مقرات".
    TargetNoun,
    /// People nouns heading an actor ("عناصر الفصيل").
    PersonNoun,
    /// Verbs that carry an attack noun after them ("يواصل الجيش قصف").
    SupportVerb,
    /// Words that end the window: a new clause or a reported statement.
    ClauseBreak,
    /// "تابع/تابعة ل": the actor owns what was named before.
    Affiliation,
    /// "من قبل"، "على يد": the agent of a passive.
    AgentMarker,
    /// "على حساب": at the expense of.
    ExpenseMarker,
    /// "على"، "ضد": against.
    TargetMarker,
    /// "بين"، "مع": a side of a clash.
    ClashSide,
    /// "من" between a people noun and its actor ("عناصر من الفصيل").
    Partitive,
}

const CUES: &[(&str, Cue)] = &[
    ("attack_verb", Cue::AttackVerb),
    ("patient_noun", Cue::PatientNoun),
    ("target_noun", Cue::TargetNoun),
    ("person_noun", Cue::PersonNoun),
    ("support_verb", Cue::SupportVerb),
    ("clause_break", Cue::ClauseBreak),
    ("affiliation", Cue::Affiliation),
    ("agent_marker", Cue::AgentMarker),
    ("expense_marker", Cue::ExpenseMarker),
    ("target_marker", Cue::TargetMarker),
    ("clash_side", Cue::ClashSide),
    ("partitive", Cue::Partitive),
];

/// The cues of `roles.tsv`, indexed in the shared phrase matcher.
#[derive(Debug, Clone, Default)]
pub(crate) struct Cues {
    index: PhraseIndex<Cue>,
}

impl Cues {
    /// Reads `roles.tsv` (`file` is the name errors cite).
    pub(crate) fn parse(file: &str, text: &str) -> Result<Self, DataError> {
        let table = Table::parse(
            file,
            text,
            &Schema::new(&["phrase", "type"]).example_of("phrase"),
        )?;
        let mut cues = Self::default();
        for row in table.rows() {
            let cue = table.choice(row, "type", CUES)?;
            let phrase = table.get(row, "phrase");
            cues.index
                .insert_with(phrase, Reading::Listed, cue)
                .map_err(|e| table.error(row.line, format!("cannot index `{phrase}`: {e}")))?;
        }
        Ok(cues)
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
    preposition: Option<Preposition>,
}

/// The words of a sentence and the lists, with helpers.
struct Reader<'a> {
    normalized: &'a str,
    tokens: &'a [Token],
    start: usize,
    /// Every cue of the sentence, found once: token `start + k` has
    /// `matches[offsets[k]..offsets[k + 1]]`.
    matches: Vec<PhraseMatch<Cue>>,
    offsets: Vec<u32>,
}

impl<'a> Reader<'a> {
    /// Finds the cues of `tokens[start..]` once.
    fn new(cues: &Cues, normalized: &'a str, tokens: &'a [Token], start: usize) -> Self {
        let mut matches = Vec::new();
        let mut offsets = Vec::with_capacity(tokens.len().saturating_sub(start) + 1);
        offsets.push(0);
        for i in start..tokens.len() {
            if tokens[i].kind == TokenKind::Word {
                cues.index.matches_into(normalized, tokens, i, &mut matches);
            }
            offsets.push(u32::try_from(matches.len()).expect("fewer than 4 billion cues"));
        }
        Self {
            normalized,
            tokens,
            start,
            matches,
            offsets,
        }
    }

    /// The cues of `cue` starting at token `i`, each with what it strips.
    fn cue_matches(&self, i: usize, cue: Cue) -> impl Iterator<Item = &PhraseMatch<Cue>> + '_ {
        let found: &[PhraseMatch<Cue>] = if i >= self.start && i < self.tokens.len() {
            let k = i - self.start;
            &self.matches[self.offsets[k] as usize..self.offsets[k + 1] as usize]
        } else {
            &[]
        };
        found.iter().filter(move |m| m.tag == cue)
    }

    /// A cue of `cue` at token `i`, written alone or after a conjunction
    /// ("قصفت"، "وقصفت"; not "بقصف" or "القصف"): where it ends.
    fn head(&self, i: usize, cue: Cue) -> Option<usize> {
        let token = self.tokens.get(i)?;
        if token.kind != TokenKind::Word {
            return None;
        }
        self.cue_matches(i, cue)
            .find(|m| {
                let proclitics = token.proclitics_of(self.normalized, usize::from(m.prefix));
                proclitics.at_most_conjunction()
                    && (m.prefix == 0 || proclitics.conjunction.is_some())
            })
            .map(|m| m.end)
    }

    /// Whether token `i` is a one-word cue of `cue`, alone or after a
    /// conjunction.
    fn head_in(&self, i: usize, cue: Cue) -> bool {
        self.head(i, cue) == Some(i + 1)
    }

    /// Whether any analysis of the word is a cue of `cue` ("لمواقع" →
    /// "مواقع").
    fn form_in(&self, i: usize, cue: Cue) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Word)
            && self.cue_matches(i, cue).any(|m| m.end == i + 1)
    }

    /// A cue of `cue` that ends right before token `s` (one or two words).
    fn ends_before(&self, s: usize, cue: Cue) -> bool {
        (s.saturating_sub(2).max(self.start)..s).any(|i| self.head(i, cue) == Some(s))
    }

    /// Whether token `i` ends a window.
    fn is_break(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_none_or(|t| t.kind == TokenKind::Punct)
            || self.head_in(i, Cue::ClauseBreak)
    }

    /// The preposition among the clitics stripped before byte `at` of token `i`.
    fn preposition(&self, i: usize, at: usize) -> Option<Preposition> {
        let token = self.tokens.get(i)?;
        let clitics = self.normalized.get(token.span.start..at)?;
        Proclitics::parse(clitics).and_then(|p| p.preposition)
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
    let reader = Reader::new(cues, normalized, tokens, start);
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
        if s > start && reader.form_in(s - 1, Cue::PersonNoun) {
            s -= 1;
        } else if s > start + 1
            && reader.head_in(s - 1, Cue::Partitive)
            && reader.form_in(s - 2, Cue::PersonNoun)
        {
            s -= 2;
        }
        if s != first {
            let token = tokens[s];
            let stem = reader
                .cue_matches(s, Cue::PersonNoun)
                .find(|m| m.end == s + 1)
                .map_or(0, |m| usize::from(m.prefix));
            preposition = reader.preposition(s, token.span.start + stem);
        }
        // "مواقع تابعة لقسد": the actor owns the target. "قناص تابع لقوات
        // النظام"، "طائرة تابعة للنظام": the actor takes the role of what it
        // owns, read from before "تابع".
        let mut owned_place = false;
        if preposition == Some(Preposition::Li)
            && s > start
            && reader.form_in(s - 1, Cue::Affiliation)
        {
            owned_place = s > start + 1 && reader.form_in(s - 2, Cue::TargetNoun);
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
                (clash && s > start && reader.head_in(s - 1, Cue::ClashSide))
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
                verbal: reader.head_in(start, Cue::AttackVerb),
                patient: reader.form_in(start, Cue::PatientNoun),
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
        let verbal = reader.head_in(i, Cue::AttackVerb);
        let patient = reader.head_in(i, Cue::PatientNoun);
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

/// Agent and target markers right before the actor ("من قبل"، "على يد"،
/// "على حساب"، "على"، "ضد"), and the places of a target ("مواقع").
fn marker(reader: &Reader<'_>, s: usize) -> Option<Role> {
    if s <= reader.start {
        return None;
    }
    // The agent of a passive.
    if reader.ends_before(s, Cue::AgentMarker) {
        return Some(Role::Perpetrator);
    }
    // At the expense of.
    if reader.ends_before(s, Cue::ExpenseMarker) {
        return Some(Role::Target);
    }
    if reader.head_in(s - 1, Cue::TargetMarker) || reader.form_in(s - 1, Cue::TargetNoun) {
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
    preposition: Option<Preposition>,
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
            } else if matches!(preposition, Some(Preposition::Li | Preposition::Bi)) {
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
            let subject = anchor.verbal || anchor.preposition == Some(Preposition::Bi) || supported;
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
        supported |= reader.head_in(j, Cue::SupportVerb);
        words += 1;
        if words > 4 {
            return None;
        }
        j += 1;
    }
    None
}
