//! Publication dates as pages and feeds write them, brought to the
//! `YYYY-MM-DD…` form that [`Document::published_date`](crate::Document::published_date)
//! reads.

/// `value` trimmed; an RFC 2822 date (RSS `pubDate`, some `<meta>` tags:
/// `Tue, 10 Jun 2003 04:00:00 GMT`) is rewritten as ISO 8601 with its own
/// offset (`2003-06-10T04:00:00+00:00`), the clock time unchanged. Anything
/// else is kept as written.
pub(crate) fn normalize_date(value: &str) -> String {
    let value = value.trim();
    rfc2822_to_iso(value).unwrap_or_else(|| value.to_owned())
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
    use super::normalize_date;

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
