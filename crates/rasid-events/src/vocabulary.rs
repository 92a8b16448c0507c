//! The closed vocabularies the data files are checked against: ACLED event
//! and sub-event types, PLOVER categories and modes, actor types.

/// ACLED event types with their sub-event types (ACLED codebook, 2023 edition).
pub(crate) const ACLED: &[(&str, &[&str])] = &[
    (
        "Battles",
        &[
            "Armed clash",
            "Government regains territory",
            "Non-state actor overtakes territory",
        ],
    ),
    (
        "Explosions/Remote violence",
        &[
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        ],
    ),
    (
        "Violence against civilians",
        &[
            "Sexual violence",
            "Attack",
            "Abduction/forced disappearance",
        ],
    ),
    (
        "Protests",
        &[
            "Peaceful protest",
            "Protest with intervention",
            "Excessive force against protesters",
        ],
    ),
    ("Riots", &["Violent demonstration", "Mob violence"]),
    (
        "Strategic developments",
        &[
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        ],
    ),
];

/// PLOVER event categories with their modes (PLOVER manual, current draft:
/// FIGHT folded into ASSAULT, DISAPPROVE and INVESTIGATE into ACCUSE).
pub(crate) const PLOVER: &[(&str, &[&str])] = &[
    ("AGREE", &[]),
    (
        "CONSULT",
        &["visit", "third-party", "multilateral", "phone"],
    ),
    ("SUPPORT", &[]),
    ("CONCEDE", &[]),
    ("COOPERATE", &[]),
    ("AID", &["economic", "military", "humanitarian", "asylum"]),
    (
        "RETREAT",
        &[
            "withdraw",
            "release",
            "return",
            "disarm",
            "ceasefire",
            "access",
            "resign",
        ],
    ),
    ("DEMAND", &["assist", "change", "yield", "meet"]),
    ("ACCUSE", &["disapprove", "investigate", "allege"]),
    ("REJECT", &["assist", "change", "yield", "meet"]),
    (
        "THREATEN",
        &[
            "restrict",
            "ban",
            "arrest",
            "relations",
            "expel",
            "territory",
            "violence",
        ],
    ),
    (
        "PROTEST",
        &[
            "demo",
            "riot",
            "strike-gen",
            "strike-lim",
            "strike-hun",
            "boycott",
            "obstruct",
        ],
    ),
    (
        "SANCTION",
        &["convict", "cancel", "expel", "withdraw", "sever"],
    ),
    ("MOBILIZE", &["troops", "weapons", "police", "militia"]),
    (
        "COERCE",
        &[
            "confiscate",
            "restrict",
            "ban",
            "censor",
            "curfew",
            "martial-law",
            "arrest",
            "deport",
            "withhold",
        ],
    ),
    (
        "ASSAULT",
        &[
            "abduct",
            "beat",
            "torture",
            "execute",
            "sexual",
            "assassinate",
            "destroy",
            "primitive",
            "firearms",
            "explosives",
            "suicide-attack",
            "heavy-weapons",
            "cleansing",
            "massacre",
            "unconventional",
            "sideAB",
        ],
    ),
];

/// Kinds of actor in `actors.tsv`.
pub(crate) const ACTOR_TYPES: &[&str] = &[
    "state_forces",
    "rebel_group",
    "militia",
    "private_military",
    "coalition",
    "government",
    "unidentified",
];

/// The values allowed after `key` in a two-level vocabulary, if `key` is in it.
pub(crate) fn values<'v>(
    vocabulary: &'v [(&str, &'v [&'v str])],
    key: &str,
) -> Option<&'v [&'v str]> {
    vocabulary
        .iter()
        .find(|(name, _)| *name == key)
        .map(|(_, values)| *values)
}

/// The first-level names of a two-level vocabulary, for error messages.
pub(crate) fn names(vocabulary: &[(&str, &[&str])]) -> String {
    vocabulary
        .iter()
        .map(|(name, _)| *name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether `code` looks like an ISO 3166-1 alpha-2 code.
pub(crate) fn is_country(code: &str) -> bool {
    code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase())
}
