//! Publication dates: read once at the edge, in the forms pages, feeds and
//! users write, and brought to ISO 8601 (`2018-04-06`, or
//! `2018-04-06T09:40:00+03:00` where a time is known), the form that
//! [`Document::published_date`](crate::Document::published_date) reads. A
//! value that is not a date, or whose day and month cannot be told apart, is
//! refused with the reason; the reader then gives the document undated.

use crate::document::days_in_month;
use crate::{Document, ReadError};

/// Reads `document.published` (see [`parse_published`]): written in full
/// ISO 8601 when it is a date, dropped (the document undated) with a notice
/// naming the document when it is not.
pub(crate) fn check_published(document: &mut Document) -> Option<ReadError> {
    let value = document.published.take()?;
    match parse_published(&value) {
        Ok(published) => {
            document.published = published;
            None
        }
        Err(reason) => Some(ReadError::BadPublished {
            path: document.origin.path.clone(),
            line: document.origin.line,
            reason,
        }),
    }
}

/// `value` trimmed; an RFC 2822 date (RSS `pubDate`, some `<meta>` tags:
/// `Tue, 10 Jun 2003 04:00:00 GMT`) is rewritten as ISO 8601 with its own
/// offset (`2003-06-10T04:00:00+00:00`), the clock time unchanged. Anything
/// else is kept as written.
pub(crate) fn normalize_date(value: &str) -> String {
    let value = value.trim();
    rfc2822_to_iso(value).unwrap_or_else(|| value.to_owned())
}

/// A `published` value read: `Ok(None)` when blank, else the date in ISO
/// 8601 (`2018-04-06`, or `2018-04-06T09:40:00+03:00` with its time and
/// offset where the value has them; fractions of a second are dropped).
///
/// Read: ISO 8601 dates and date-times (a space may stand for the `T`, the
/// offset may be `Z`, `±HH:MM`, `±HHMM`, `UTC` or `GMT`); the year first with
/// `/` or `.` (`2018/4/6`); the day and month before the year with `/`, `.`
/// or `-` (`13/03/2019`, `03/13/2019`) when only one reading is on the
/// calendar; RFC 2822 and written English months (`Sat, 7 Apr 2018 21:05:00
/// +0300`, `7 April 2018`, `April 7, 2018`). Arabic-Indic and Persian digits
/// count as digits.
///
/// # Errors
/// The reason, for a value that is not a date (`yesterday`), is not on the
/// calendar (`2019-13-45`), or could be two dates (`03/12/2019`: 3 December
/// or 12 March).
pub(crate) fn parse_published(value: &str) -> Result<Option<String>, String> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let ascii = ascii_digits(value);
    let text = ascii.as_str();
    let bytes = text.as_bytes();
    let leading_digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let parsed = if leading_digits == 4 && bytes.get(4) == Some(&b'-') {
        parse_iso(text)
    } else if leading_digits == 4 && matches!(bytes.get(4), Some(b'/' | b'.')) {
        // `2018/4/6`: the year first is read as year, month, day.
        let separator = char::from(bytes[4]);
        let (date, rest) = split_date(text);
        let parts: Vec<&str> = date.split(separator).collect();
        match parts.as_slice() {
            [year, month, day] => parse_iso(&format!("{year}-{month}-{day}{rest}")),
            _ => Err(not_a_date(value)),
        }
    } else if (1..=2).contains(&leading_digits)
        && matches!(bytes.get(leading_digits), Some(b'/' | b'.' | b'-'))
        && bytes
            .get(leading_digits + 1)
            .is_some_and(u8::is_ascii_digit)
    {
        day_and_month_first(value, text)
    } else if let Some(iso) = rfc2822_to_iso(text).or_else(|| month_first(text)) {
        parse_iso(&iso)
    } else {
        Err(not_a_date(value))
    };
    parsed.map(Some).map_err(|reason| {
        if reason.is_empty() {
            not_a_date(value)
        } else {
            reason
        }
    })
}

fn not_a_date(value: &str) -> String {
    format!("`{value}` is not a date rasid reads (write it as YYYY-MM-DD, e.g. 2019-03-12)")
}

/// Arabic-Indic (٠-٩) and Persian (۰-۹) digits as ASCII digits.
fn ascii_digits(value: &str) -> String {
    value
        .chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            _ => c,
        })
        .collect()
}

/// The date part (up to a `T` or a space) and the rest, the rest keeping its
/// separator.
fn split_date(text: &str) -> (&str, &str) {
    let end = text.find(['T', 't', ' ']).unwrap_or(text.len());
    text.split_at(end)
}

/// `13/03/2019`, `03/13/2019`, `5.5.2019`: the day and the month in either
/// order, read when only one order is on the calendar.
fn day_and_month_first(value: &str, text: &str) -> Result<String, String> {
    let (date, rest) = split_date(text);
    let parts: Vec<&str> = date.split(['/', '.', '-']).collect();
    let [first, second, year] = parts.as_slice() else {
        return Err(not_a_date(value));
    };
    let number = |part: &str| -> Option<u32> {
        (!part.is_empty() && part.len() <= 4 && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse().ok())
            .flatten()
    };
    let (Some(a), Some(b), Some(y)) = (number(first), number(second), number(year)) else {
        return Err(not_a_date(value));
    };
    if year.len() != 4 {
        return Err(format!(
            "`{value}` has a two-digit year: write the year in full (e.g. {a:02}/{b:02}/20{year})"
        ));
    }
    let (day, month) = match (a, b) {
        (a, b) if a == b => (a, b),
        (a, b) if a > 12 && (1..=12).contains(&b) => (a, b),
        (a, b) if b > 12 && (1..=12).contains(&a) => (b, a),
        (a, b) if (1..=12).contains(&a) && (1..=12).contains(&b) => {
            return Err(format!(
                "`{value}` is ambiguous: {a} {} or {b} {} {y} (write it as {y}-{b:02}-{a:02} or {y}-{a:02}-{b:02})",
                MONTH_NAMES[b as usize - 1],
                MONTH_NAMES[a as usize - 1],
            ));
        }
        _ => {
            return Err(format!(
                "`{value}` is not on the calendar: neither {a} nor {b} is a month"
            ))
        }
    };
    parse_iso(&format!("{y:04}-{month:02}-{day:02}{rest}"))
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// `April 7, 2018` and `Apr 7 2018` (a time may follow, as in RFC 2822).
fn month_first(text: &str) -> Option<String> {
    let mut words = text.splitn(3, ' ');
    let month = words.next()?;
    let day = words.next()?.trim_end_matches(',');
    let rest = words.next()?;
    if !month.bytes().all(|b| b.is_ascii_alphabetic()) || month_number(month).is_none() {
        return None;
    }
    rfc2822_to_iso(&format!("{day} {month} {}", rest.replacen(',', "", 1)))
}

/// Checks an ISO 8601 date or date-time and writes it in full.
fn parse_iso(text: &str) -> Result<String, String> {
    let (date, rest) = split_date(text);
    let parts: Vec<&str> = date.split('-').collect();
    let [year, month, day] = parts.as_slice() else {
        return Err(String::new());
    };
    let field = |part: &str, width: std::ops::RangeInclusive<usize>| -> Option<u32> {
        (width.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse().ok())
            .flatten()
    };
    let (Some(year), Some(month), Some(day)) =
        (field(year, 4..=4), field(month, 1..=2), field(day, 1..=2))
    else {
        return Err(String::new());
    };
    if !(1..=12).contains(&month) {
        return Err(format!(
            "`{text}` is not on the calendar: there is no month {month}"
        ));
    }
    let year_number = i32::try_from(year).expect("four digits");
    let month_index = u8::try_from(month).expect("at most 12");
    let days = days_in_month(year_number, month_index);
    if day == 0 || day > u32::from(days) {
        return Err(format!(
            "`{text}` is not on the calendar: {} {year} has {days} days",
            MONTH_NAMES[month as usize - 1]
        ));
    }
    let date = format!("{year:04}-{month:02}-{day:02}");
    if rest.is_empty() {
        return Ok(date);
    }
    let time = rest[1..].trim_start();
    let time = parse_time(time)
        .ok_or_else(|| format!("`{text}` has something after the date that is not a time"))?;
    Ok(format!("{date}T{time}"))
}

/// `HH:MM[:SS[.fff]][zone]` as `HH:MM:SS[zone]`, the zone `±HH:MM` (or none).
fn parse_time(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let two = |at: usize| -> Option<u32> {
        let pair = bytes.get(at..at + 2)?;
        pair.iter()
            .all(u8::is_ascii_digit)
            .then(|| u32::from(pair[0] - b'0') * 10 + u32::from(pair[1] - b'0'))
    };
    let hour = two(0)?;
    if bytes.get(2) != Some(&b':') {
        return None;
    }
    let minute = two(3)?;
    let mut at = 5;
    let mut second = 0;
    if bytes.get(at) == Some(&b':') {
        second = two(at + 1)?;
        at += 3;
        if matches!(bytes.get(at), Some(b'.' | b',')) {
            at += 1;
            let fraction = bytes[at..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            if fraction == 0 {
                return None;
            }
            at += fraction;
        }
    }
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let zone = text[at..].trim_start();
    let offset = match zone {
        "" => String::new(),
        "Z" | "z" => "Z".to_owned(),
        "UTC" | "GMT" | "UT" => "+00:00".to_owned(),
        _ => {
            let (sign, digits) = zone.split_at_checked(1)?;
            if !matches!(sign, "+" | "-") {
                return None;
            }
            let digits = digits.replace(':', "");
            let valid = matches!(digits.len(), 2 | 4) && digits.bytes().all(|b| b.is_ascii_digit());
            if !valid {
                return None;
            }
            let hours: u32 = digits[..2].parse().ok()?;
            let minutes: u32 = digits
                .get(2..)
                .filter(|m| !m.is_empty())
                .map_or(Some(0), |m| m.parse().ok())?;
            if hours > 23 || minutes > 59 {
                return None;
            }
            format!("{sign}{hours:02}:{minutes:02}")
        }
    };
    Some(format!("{hour:02}:{minute:02}:{second:02}{offset}"))
}

fn rfc2822_to_iso(value: &str) -> Option<String> {
    // A leading ISO date is already in the form wanted.
    if value.as_bytes().get(4) == Some(&b'-')
        && value.as_bytes()[..4].iter().all(u8::is_ascii_digit)
    {
        return None;
    }
    let value = match value.split_once(',') {
        Some((weekday, rest)) if weekday.trim().chars().all(|c| c.is_ascii_alphabetic()) => rest,
        _ => value,
    };
    let mut parts = value.split_ascii_whitespace();
    let day: u8 = parts.next()?.parse().ok()?;
    let month = month_number(parts.next()?)?;
    let year: u16 = parts.next()?.parse().ok()?;
    if !(1000..=9999).contains(&year) || !(1..=31).contains(&day) {
        return None;
    }
    let date = format!("{year:04}-{month:02}-{day:02}");
    let Some(time) = parts.next() else {
        return Some(date);
    };
    let mut clock = time.split(':');
    let hour: u8 = clock.next()?.parse().ok()?;
    let minute: u8 = clock.next()?.parse().ok()?;
    let second: u8 = match clock.next() {
        Some(second) => second.parse().ok()?,
        None => 0,
    };
    if clock.next().is_some() || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let offset = match parts.next() {
        None => String::new(),
        Some(zone) => zone_offset(zone)?,
    };
    Some(format!("{date}T{hour:02}:{minute:02}:{second:02}{offset}"))
}

fn month_number(name: &str) -> Option<u8> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let prefix = name.get(..3)?.to_ascii_lowercase();
    let index = MONTHS.iter().position(|month| *month == prefix)?;
    Some(u8::try_from(index).expect("twelve months") + 1)
}

fn zone_offset(zone: &str) -> Option<String> {
    let hours = match zone.to_ascii_uppercase().as_str() {
        "GMT" | "UT" | "UTC" | "Z" => 0,
        "EDT" => -4,
        "EST" | "CDT" => -5,
        "CST" | "MDT" => -6,
        "MST" | "PDT" => -7,
        "PST" => -8,
        _ => {
            let (sign, digits) = zone.split_at_checked(1)?;
            if !matches!(sign, "+" | "-")
                || digits.len() != 4
                || !digits.bytes().all(|b| b.is_ascii_digit())
            {
                return None;
            }
            return Some(format!("{sign}{}:{}", &digits[..2], &digits[2..]));
        }
    };
    Some(if hours < 0 {
        format!("-{:02}:00", -hours)
    } else {
        format!("+{hours:02}:00")
    })
}

#[cfg(test)]
mod tests {
    use super::{normalize_date, parse_published};

    fn read(value: &str) -> Option<String> {
        parse_published(value).unwrap_or_else(|reason| panic!("{value}: {reason}"))
    }

    fn refused(value: &str) -> String {
        match parse_published(value) {
            Ok(date) => panic!("{value} read as {date:?}"),
            Err(reason) => reason,
        }
    }

    #[test]
    fn published_iso_dates_and_datetimes_are_kept() {
        assert_eq!(read("2018-04-06").as_deref(), Some("2018-04-06"));
        assert_eq!(
            read("2018-04-06T09:40:00+03:00").as_deref(),
            Some("2018-04-06T09:40:00+03:00")
        );
        assert_eq!(
            read("2018-04-06 09:40").as_deref(),
            Some("2018-04-06T09:40:00")
        );
        assert_eq!(
            read("2018-04-06T09:40:00.250Z").as_deref(),
            Some("2018-04-06T09:40:00Z")
        );
        assert_eq!(
            read("2018-04-06T09:40:00+0300").as_deref(),
            Some("2018-04-06T09:40:00+03:00")
        );
        assert_eq!(read("2018-4-6").as_deref(), Some("2018-04-06"));
        assert_eq!(read("  ").as_deref(), None);
    }

    #[test]
    fn published_arabic_indic_digits_are_digits() {
        assert_eq!(read("٢٠١٨-٠٤-٠٦").as_deref(), Some("2018-04-06"));
        assert_eq!(read("۲۰۱۸/۴/۶").as_deref(), Some("2018-04-06"));
    }

    #[test]
    fn published_year_first_with_slashes_or_dots() {
        assert_eq!(read("2018/4/6").as_deref(), Some("2018-04-06"));
        assert_eq!(read("2018.04.06").as_deref(), Some("2018-04-06"));
    }

    #[test]
    fn published_day_first_read_when_the_day_is_over_twelve() {
        assert_eq!(read("13/03/2019").as_deref(), Some("2019-03-13"));
        assert_eq!(read("13.03.2019").as_deref(), Some("2019-03-13"));
        assert_eq!(read("27-11-2020").as_deref(), Some("2020-11-27"));
    }

    #[test]
    fn published_month_first_read_when_the_day_is_over_twelve() {
        assert_eq!(read("03/13/2019").as_deref(), Some("2019-03-13"));
    }

    #[test]
    fn published_same_day_and_month_is_not_ambiguous() {
        assert_eq!(read("05/05/2019").as_deref(), Some("2019-05-05"));
    }

    #[test]
    fn published_ambiguous_day_and_month_are_refused_with_both_readings() {
        let reason = refused("03/12/2019");
        assert!(reason.contains("ambiguous"), "{reason}");
        assert!(reason.contains("3 December"), "{reason}");
        assert!(reason.contains("12 March"), "{reason}");
        assert!(
            reason.contains("2019-12-03") && reason.contains("2019-03-12"),
            "{reason}"
        );
    }

    #[test]
    fn published_words_are_refused() {
        for value in ["yesterday", "أمس", "3 days ago", "soon", "2019"] {
            assert!(refused(value).contains("not a date rasid reads"), "{value}");
        }
    }

    #[test]
    fn published_dates_off_the_calendar_are_refused() {
        assert!(refused("2019-13-45").contains("no month 13"));
        assert!(refused("2019-02-29").contains("February 2019 has 28 days"));
        assert!(refused("2019-04-31").contains("April 2019 has 30 days"));
        assert!(refused("14/13/2019").contains("neither"));
        assert!(refused("31/31/2019").contains("no month 31"));
        assert!(refused("2019-04-06T25:00").contains("not a time"));
        assert!(refused("2019-04-06 and more").contains("not a time"));
        assert!(refused("03/12/19").contains("two-digit year"));
    }

    #[test]
    fn published_english_months_and_rfc2822() {
        assert_eq!(read("7 April 2018").as_deref(), Some("2018-04-07"));
        assert_eq!(read("April 7, 2018").as_deref(), Some("2018-04-07"));
        assert_eq!(
            read("Sat, 07 Apr 2018 21:05:00 +0300").as_deref(),
            Some("2018-04-07T21:05:00+03:00")
        );
        assert!(refused("31 April 2018").contains("April 2018 has 30 days"));
    }

    #[test]
    fn rfc2822_dates_become_iso_with_their_offset() {
        assert_eq!(
            normalize_date("Tue, 10 Jun 2003 04:00:00 GMT"),
            "2003-06-10T04:00:00+00:00"
        );
        assert_eq!(
            normalize_date(" Sat, 7 Apr 2018 21:05:00 +0300 "),
            "2018-04-07T21:05:00+03:00"
        );
        assert_eq!(
            normalize_date("7 April 2018 09:30 EST"),
            "2018-04-07T09:30:00-05:00"
        );
        assert_eq!(normalize_date("07 Apr 2018"), "2018-04-07");
    }

    #[test]
    fn other_dates_are_kept_as_written() {
        for value in [
            "2018-04-07T21:05:00+03:00",
            "2018-04-07",
            "السبت 7 نيسان 2018",
            "Tue, 10 Jun 2003 25:00:00 GMT",
            "Tue, 10 Foo 2003",
            "",
        ] {
            assert_eq!(normalize_date(value), value);
        }
    }
}
