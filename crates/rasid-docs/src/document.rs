use serde::Serialize;

/// One article, as read from a file, a JSON line, a WARC record or a feed
/// item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Document {
    /// The manifest's `doc` or the JSON `id`; else the file stem (`.txt`,
    /// `.html`) or `<file stem>:<line>` (JSON Lines, `stdin:<line>` on
    /// stdin). A WARC record's `WARC-Record-ID`; a feed item's `guid` or `id`.
    pub id: String,
    /// The news outlet, e.g. `Baladi News`.
    pub outlet: Option<String>,
    /// The publication date as written; see [`Document::published_date`].
    pub published: Option<String>,
    /// Where the article was found online.
    pub url: Option<String>,
    /// The language tag, e.g. `ar`.
    pub lang: Option<String>,
    /// The article text, unchanged (a leading byte-order mark is dropped), so
    /// that byte offsets into it can be cited. For an HTML page or a feed
    /// item: the title, a blank line, then the main text extracted.
    pub text: String,
    /// Where the document was read from.
    pub origin: Origin,
}

/// Where a [`Document`] was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// The file's path as given or found in a directory; `-` for stdin.
    pub path: String,
    /// The 1-based line of a JSON Lines input, record of a WARC file, or
    /// item of a feed; `None` for a one-document file (`.txt`, `.html`).
    pub line: Option<usize>,
}

impl Document {
    /// The date that `published` starts with, written `YYYY-MM-DD` in ASCII
    /// digits (anything may follow a date, e.g. `2018-04-06T09:30:00Z`), as
    /// `(year, month, day)`. `None` when there is no such valid calendar date.
    ///
    /// ```
    /// # use rasid_docs::{Document, Origin};
    /// let mut document = Document {
    ///     id: "a".into(), outlet: None, published: Some("2020-02-29 10:00".into()),
    ///     url: None, lang: None, text: "نص".into(),
    ///     origin: Origin { path: "a.txt".into(), line: None },
    /// };
    /// assert_eq!(document.published_date(), Some((2020, 2, 29)));
    /// document.published = Some("2019-02-29".into());
    /// assert_eq!(document.published_date(), None);
    /// ```
    #[must_use]
    pub fn published_date(&self) -> Option<(i32, u8, u8)> {
        self.published.as_deref().and_then(parse_leading_date)
    }
}

fn parse_leading_date(value: &str) -> Option<(i32, u8, u8)> {
    let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2, rest @ ..] = value.trim_start().as_bytes()
    else {
        return None;
    };
    // `2018-04-061` is not a date followed by text but a malformed value.
    if rest.first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let year = i32::from(digits([*y1, *y2])?) * 100 + i32::from(digits([*y3, *y4])?);
    let month = digits([*m1, *m2])?;
    let day = digits([*d1, *d2])?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    Some((year, month, day))
}

fn digits(pair: [u8; 2]) -> Option<u8> {
    let [tens, ones] = pair;
    if tens.is_ascii_digit() && ones.is_ascii_digit() {
        Some((tens - b'0') * 10 + (ones - b'0'))
    } else {
        None
    }
}

pub(crate) fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::parse_leading_date;

    #[test]
    fn dates_with_and_without_a_time() {
        assert_eq!(parse_leading_date("2018-04-06"), Some((2018, 4, 6)));
        assert_eq!(
            parse_leading_date(" 2018-04-06T09:30:00Z"),
            Some((2018, 4, 6))
        );
        assert_eq!(parse_leading_date("2000-02-29"), Some((2000, 2, 29)));
    }

    #[test]
    fn impossible_or_partial_dates() {
        for value in [
            "",
            "2018",
            "2018-4-6",
            "2018-13-01",
            "2018-00-10",
            "2018-04-31",
            "1900-02-29",
            "2018-04-061",
            "٢٠١٨-٠٤-٠٦",
            "06/04/2018",
        ] {
            assert_eq!(parse_leading_date(value), None, "{value}");
        }
    }
}
