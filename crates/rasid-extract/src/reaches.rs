//! How far the constructions the recognisers read may stretch, from
//! `data/lexicons/reaches.tsv`: properties of how Arabic news writes a
//! claim, kept as data beside the words.

use rasid_lexicon::table::{Schema, Table};
use rasid_lexicon::{DataError, LexiconFiles};

/// The reaches, in words unless said (see the header of `reaches.tsv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reaches {
    pub(crate) trigger: usize,
    pub(crate) trigger_phrase: usize,
    pub(crate) toll: usize,
    pub(crate) toll_unlinked: usize,
    pub(crate) post: usize,
    pub(crate) parent: usize,
    pub(crate) subgroup_opener: usize,
    pub(crate) blocker: usize,
    pub(crate) coordination: usize,
    pub(crate) colleagues: usize,
    pub(crate) campaign_before: usize,
    pub(crate) campaign_after: usize,
    pub(crate) rise: usize,
    /// Sentences.
    pub(crate) carry: usize,
    pub(crate) postposed: usize,
    pub(crate) subject: usize,
    pub(crate) relative_clause: usize,
    pub(crate) headline_source: usize,
    /// Days.
    pub(crate) recent_days: i32,
}

impl Reaches {
    /// Reads `reaches.tsv` from a set of lexicon files.
    pub(crate) fn from_files(files: &LexiconFiles) -> Result<Self, DataError> {
        let (origin, text) = files.get("reaches.tsv");
        let table = Table::parse(origin, text, &Schema::new(&["name", "value", "example"]))?;
        let mut values: Vec<(&str, Option<u64>)> = NAMES.iter().map(|&n| (n, None)).collect();
        for row in table.rows() {
            let name = table.get(row, "name");
            let Some(slot) = values.iter_mut().find(|(n, _)| *n == name) else {
                return Err(table.error(
                    row.line,
                    format!("unknown reach `{name}` (one of {})", NAMES.join(", ")),
                ));
            };
            if slot.1.is_some() {
                return Err(table.error(row.line, format!("`{name}` is listed twice")));
            }
            slot.1 = Some(table.number(row, "value", 0..=100)?);
        }
        let get = |name: &str| -> Result<usize, DataError> {
            let value = values
                .iter()
                .find(|(n, _)| *n == name)
                .and_then(|(_, v)| *v)
                .ok_or_else(|| {
                    table.error(
                        table.rows().last().map_or(1, |r| r.line),
                        format!("no row for the reach `{name}`"),
                    )
                })?;
            Ok(usize::try_from(value).expect("at most 100"))
        };
        Ok(Self {
            trigger: get("trigger")?,
            trigger_phrase: get("trigger_phrase")?,
            toll: get("toll")?,
            toll_unlinked: get("toll_unlinked")?,
            post: get("post")?,
            parent: get("parent")?,
            subgroup_opener: get("subgroup_opener")?,
            blocker: get("blocker")?,
            coordination: get("coordination")?,
            colleagues: get("colleagues")?,
            campaign_before: get("campaign_before")?,
            campaign_after: get("campaign_after")?,
            rise: get("rise")?,
            carry: get("carry")?,
            postposed: get("postposed")?,
            subject: get("subject")?,
            relative_clause: get("relative_clause")?,
            headline_source: get("headline_source")?,
            recent_days: i32::try_from(get("recent_days")?).expect("at most 100"),
        })
    }
}

/// Every reach `reaches.tsv` lists.
const NAMES: &[&str] = &[
    "trigger",
    "trigger_phrase",
    "toll",
    "toll_unlinked",
    "post",
    "parent",
    "subgroup_opener",
    "blocker",
    "coordination",
    "colleagues",
    "campaign_before",
    "campaign_after",
    "rise",
    "carry",
    "postposed",
    "subject",
    "relative_clause",
    "headline_source",
    "recent_days",
];
