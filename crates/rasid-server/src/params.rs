//! Query parameters, validated once at the edge: every value that reaches a
//! query is typed, bounded and named in the error when it is not valid.
//!
//! An empty value counts as absent, so a filter form submitted with blank
//! fields asks for no filter. Unknown and repeated parameters are refused:
//! a typo (`limt=10`) is an error, not a silently ignored filter.

use crate::error::AppError;

/// Longest accepted text filter, in characters.
const MAX_TEXT: usize = 200;
/// Longest accepted full-text query, in characters.
const MAX_QUERY: usize = 500;
/// Largest page of incidents.
pub(crate) const MAX_LIMIT: i64 = 500;
/// Largest export, in incidents.
pub(crate) const MAX_EXPORT: i64 = 100_000;
/// Largest page of search results.
pub(crate) const MAX_SEARCH_LIMIT: i64 = 100;
/// Largest offset accepted.
const MAX_OFFSET: i64 = 1_000_000_000;

/// Filters over incidents, shared by the list, the exports and the timeline.
#[derive(Debug, Default, Clone)]
pub(crate) struct Filters {
    /// First day (`YYYY-MM-DD`, inclusive).
    pub(crate) date_from: Option<String>,
    /// Last day (`YYYY-MM-DD`, inclusive).
    pub(crate) date_to: Option<String>,
    /// ISO 3166-1 alpha-2, upper case.
    pub(crate) country: Option<String>,
    /// First-level administrative unit, exact (any case).
    pub(crate) admin1: Option<String>,
    /// Part of the place's name or of its mention.
    pub(crate) place: Option<String>,
    /// ACLED event or sub-event type, exact (any case).
    pub(crate) event_type: Option<String>,
    /// Part of an actor's name.
    pub(crate) actor: Option<String>,
    /// A source's id, or part of its name, phrase or outlet.
    pub(crate) source: Option<String>,
    /// `incident` or `campaign`.
    pub(crate) scope: Option<String>,
    /// Smallest best estimate of the killed.
    pub(crate) min_best: Option<i64>,
    /// Whether sources disagree.
    pub(crate) disagreement: Option<bool>,
    /// Full text over the incident's articles (and its place names).
    pub(crate) q: Option<String>,
}

/// A page.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Paging {
    pub(crate) limit: i64,
    pub(crate) offset: i64,
}

/// An optional bound on an export.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ExportPaging {
    pub(crate) limit: Option<i64>,
    pub(crate) offset: i64,
}

/// The order of incidents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Sort {
    /// Oldest first (the default), then by id.
    #[default]
    Date,
    /// Newest first.
    DateDesc,
    /// Largest best estimate first.
    BestDesc,
    /// Smallest best estimate first.
    Best,
}

impl Sort {
    /// The ORDER BY clause: a fixed string per variant, never built from input.
    pub(crate) fn sql(self) -> &'static str {
        match self {
            Sort::Date => "date IS NULL, date ASC, id ASC",
            Sort::DateDesc => "date IS NULL, date DESC, id ASC",
            Sort::BestDesc => "best IS NULL, best DESC, date ASC, id ASC",
            Sort::Best => "best IS NULL, best ASC, date ASC, id ASC",
        }
    }
}

/// The names of the filter parameters.
pub(crate) const FILTER_NAMES: &[&str] = &[
    "date_from",
    "date_to",
    "country",
    "admin1",
    "place",
    "event_type",
    "actor",
    "source",
    "scope",
    "min_best",
    "disagreement",
    "q",
];

/// Query pairs with the checks every endpoint shares.
pub(crate) struct Pairs<'a> {
    pairs: &'a [(String, String)],
    known: Vec<&'static str>,
}

impl<'a> Pairs<'a> {
    /// Checks that every name is among `known` and given once.
    pub(crate) fn new(
        pairs: &'a [(String, String)],
        known: &[&'static str],
    ) -> Result<Self, AppError> {
        for (index, (name, _)) in pairs.iter().enumerate() {
            if !known.contains(&name.as_str()) {
                return Err(AppError::BadRequest(format!(
                    "unknown parameter `{}`; this endpoint takes: {}",
                    clip(name),
                    known.join(", ")
                )));
            }
            if pairs[..index].iter().any(|(other, _)| other == name) {
                return Err(AppError::BadRequest(format!(
                    "parameter `{name}` is given more than once"
                )));
            }
        }
        Ok(Self {
            pairs,
            known: known.to_vec(),
        })
    }

    /// The value of `name`, `None` when absent or blank.
    pub(crate) fn get(&self, name: &str) -> Option<&'a str> {
        debug_assert!(self.known.contains(&name), "{name} is a known parameter");
        self.pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    fn text(&self, name: &str, max: usize) -> Result<Option<String>, AppError> {
        match self.get(name) {
            Some(value) if value.chars().count() > max => Err(AppError::BadRequest(format!(
                "`{name}` is longer than {max} characters"
            ))),
            Some(value) if value.chars().any(char::is_control) => Err(AppError::BadRequest(
                format!("`{name}` holds a control character"),
            )),
            other => Ok(other.map(str::to_owned)),
        }
    }

    fn integer(&self, name: &str, min: i64, max: i64) -> Result<Option<i64>, AppError> {
        let Some(value) = self.get(name) else {
            return Ok(None);
        };
        match value.parse::<i64>() {
            Ok(n) if (min..=max).contains(&n) => Ok(Some(n)),
            Ok(_) => Err(AppError::BadRequest(format!(
                "`{name}` must be between {min} and {max}, not `{}`",
                clip(value)
            ))),
            Err(_) => Err(AppError::BadRequest(format!(
                "`{name}` must be an integer, not `{}`",
                clip(value)
            ))),
        }
    }

    fn date(&self, name: &str) -> Result<Option<String>, AppError> {
        let Some(value) = self.get(name) else {
            return Ok(None);
        };
        if is_date(value) {
            Ok(Some(value.to_owned()))
        } else {
            Err(AppError::BadRequest(format!(
                "`{name}` must be a date written YYYY-MM-DD, not `{}`",
                clip(value)
            )))
        }
    }

    /// The filters.
    pub(crate) fn filters(&self) -> Result<Filters, AppError> {
        let filters = Filters {
            date_from: self.date("date_from")?,
            date_to: self.date("date_to")?,
            country: match self.get("country") {
                None => None,
                Some(c) if c.len() == 2 && c.bytes().all(|b| b.is_ascii_alphabetic()) => {
                    Some(c.to_ascii_uppercase())
                }
                Some(c) => {
                    return Err(AppError::BadRequest(format!(
                        "`country` must be an ISO 3166-1 alpha-2 code such as `SY`, not `{}`",
                        clip(c)
                    )))
                }
            },
            admin1: self.text("admin1", MAX_TEXT)?,
            place: self.text("place", MAX_TEXT)?,
            event_type: self.text("event_type", MAX_TEXT)?,
            actor: self.text("actor", MAX_TEXT)?,
            source: self.text("source", MAX_TEXT)?,
            scope: match self.get("scope") {
                None => None,
                Some(s @ ("incident" | "campaign")) => Some(s.to_owned()),
                Some(s) => {
                    return Err(AppError::BadRequest(format!(
                        "`scope` must be `incident` or `campaign`, not `{}`",
                        clip(s)
                    )))
                }
            },
            min_best: self.integer("min_best", 0, i64::MAX)?,
            disagreement: match self.get("disagreement") {
                None => None,
                Some("true" | "1") => Some(true),
                Some("false" | "0") => Some(false),
                Some(v) => {
                    return Err(AppError::BadRequest(format!(
                        "`disagreement` must be `true` or `false`, not `{}`",
                        clip(v)
                    )))
                }
            },
            q: self.text("q", MAX_QUERY)?,
        };
        if let (Some(from), Some(to)) = (&filters.date_from, &filters.date_to) {
            if from > to {
                return Err(AppError::BadRequest(format!(
                    "`date_from` ({from}) is after `date_to` ({to})"
                )));
            }
        }
        Ok(filters)
    }

    /// `limit` (1 to `max`, default `default`) and `offset`.
    pub(crate) fn paging(&self, default: i64, max: i64) -> Result<Paging, AppError> {
        Ok(Paging {
            limit: self.integer("limit", 1, max)?.unwrap_or(default),
            offset: self.integer("offset", 0, MAX_OFFSET)?.unwrap_or(0),
        })
    }

    /// `limit` (optional, up to [`MAX_EXPORT`]) and `offset` of an export.
    pub(crate) fn export_paging(&self) -> Result<ExportPaging, AppError> {
        Ok(ExportPaging {
            limit: self.integer("limit", 1, MAX_EXPORT)?,
            offset: self.integer("offset", 0, MAX_OFFSET)?.unwrap_or(0),
        })
    }

    /// `sort`.
    pub(crate) fn sort(&self) -> Result<Sort, AppError> {
        match self.get("sort") {
            None | Some("date") => Ok(Sort::Date),
            Some("-date") => Ok(Sort::DateDesc),
            Some("best") => Ok(Sort::Best),
            Some("-best") => Ok(Sort::BestDesc),
            Some(other) => Err(AppError::BadRequest(format!(
                "`sort` must be one of `date`, `-date`, `best`, `-best`, not `{}`",
                clip(other)
            ))),
        }
    }

    /// A required text parameter.
    pub(crate) fn required(&self, name: &str) -> Result<String, AppError> {
        self.text(name, MAX_QUERY)?
            .ok_or_else(|| AppError::BadRequest(format!("`{name}` is required")))
    }
}

/// The names an endpoint takes: the filters and `extra`.
pub(crate) fn with_filters(extra: &[&'static str]) -> Vec<&'static str> {
    FILTER_NAMES.iter().chain(extra).copied().collect()
}

/// A value quoted in an error, cut to a readable length.
fn clip(value: &str) -> String {
    const MAX: usize = 40;
    if value.chars().count() > MAX {
        let cut: String = value.chars().take(MAX).collect();
        format!("{cut}…")
    } else {
        value.to_owned()
    }
}

/// Whether `value` is a valid calendar date written `YYYY-MM-DD`.
pub(crate) fn is_date(value: &str) -> bool {
    let bytes = value.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = &value[range];
        if part.bytes().all(|b| b.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// `value` with LIKE's wildcards escaped (`\` is the escape character), wrapped in `%`.
pub(crate) fn like_contains(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('%');
    for c in value.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn dates_are_checked_on_the_calendar() {
        assert!(is_date("2018-04-06"));
        assert!(is_date("2020-02-29"));
        assert!(!is_date("2019-02-29"));
        assert!(!is_date("2018-13-01"));
        assert!(!is_date("2018-4-6"));
        assert!(!is_date("٢٠١٨-٠٤-٠٦"));
        assert!(!is_date("2018-04-06T00"));
    }

    #[test]
    fn blank_values_are_absent_and_unknown_names_refused() {
        let list = pairs(&[("country", ""), ("place", " Duma ")]);
        let names = with_filters(&[]);
        let p = Pairs::new(&list, &names).expect("known names");
        let f = p.filters().expect("valid");
        assert_eq!(f.country, None);
        assert_eq!(f.place.as_deref(), Some("Duma"));
        let list = pairs(&[("limt", "10")]);
        assert!(Pairs::new(&list, &names).is_err());
        let list = pairs(&[("place", "a"), ("place", "b")]);
        assert!(Pairs::new(&list, &names).is_err());
    }

    #[test]
    fn like_wildcards_are_escaped() {
        assert_eq!(like_contains("50%_a\\"), "%50\\%\\_a\\\\%");
    }

    #[test]
    fn a_reversed_date_range_is_refused() {
        let list = pairs(&[("date_from", "2018-04-07"), ("date_to", "2018-04-06")]);
        let names = with_filters(&[]);
        let p = Pairs::new(&list, &names).expect("known names");
        assert!(p.filters().is_err());
    }
}
