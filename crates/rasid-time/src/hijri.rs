//! Hijri dates to Gregorian, by the tabular Islamic calendar.
//!
//! Why tabular and not `icu_calendar`'s Umm al-Qura: news gives Hijri dates
//! for days that were fixed by moon sighting in the outlet's country, which
//! differs from Umm al-Qura (Saudi Arabia's official calendar) and from any
//! table by a day either way, so no calendar is exact for them. The tabular
//! rule agrees with Umm al-Qura to within one day (tested below against
//! published Umm al-Qura dates), fits in a few lines with no data, and
//! needs none of ICU's dozen crates.
//!
//! The rule: 30-year cycles in which years 2, 5, 7, 10, 13, 16, 18, 21, 24,
//! 26 and 29 have 355 days and the others 354; months alternate 30 and 29
//! days, and the last month has 30 in a long year. Day 1 of Muharram of year
//! 1 is Friday 16 July 622 (Julian), the "civil" epoch.

use jiff::civil::Date;
use jiff::ToSpan;

/// 1 Muharram 1 AH, civil epoch, in the proleptic Gregorian calendar.
const EPOCH: Date = Date::constant(622, 7, 19);

/// Whether a Hijri year has 355 days.
fn is_long_year(year: i32) -> bool {
    (14 + 11 * year).rem_euclid(30) < 11
}

/// Days in a Hijri month.
fn month_length(year: i32, month: i32) -> i32 {
    if month % 2 == 1 || (month == 12 && is_long_year(year)) {
        30
    } else {
        29
    }
}

/// The Gregorian date of a Hijri date, or `None` when the date does not
/// exist (day 30 of a short month) or is out of range (years 1 to 2000).
pub(crate) fn to_gregorian(year: i32, month: i32, day: i32) -> Option<Date> {
    if !(1..=2000).contains(&year)
        || !(1..=12).contains(&month)
        || !(1..=month_length(year, month)).contains(&day)
    {
        return None;
    }
    // Days before the year: 354 each plus one per long year before it.
    let before_year = (year - 1) * 354 + (3 + 11 * year) / 30;
    // Days before the month: 30, 29, 30, … = ceil(29.5 × (month − 1)).
    let before_month = (59 * (month - 1) + 1) / 2;
    let days = before_year + before_month + day - 1;
    EPOCH.checked_add(i64::from(days).days()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn epoch_and_cycle() {
        assert_eq!(to_gregorian(1, 1, 1), Some(EPOCH));
        let long: Vec<i32> = (1..=30).filter(|&y| is_long_year(y)).collect();
        assert_eq!(long, [2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29]);
        // A year runs into the next one without a gap.
        for year in [1444, 1445, 1446] {
            let last = to_gregorian(year, 12, month_length(year, 12)).expect("valid");
            let next = to_gregorian(year + 1, 1, 1).expect("valid");
            assert_eq!(last.tomorrow().ok(), Some(next));
        }
    }

    #[test]
    fn within_a_day_of_umm_al_qura() {
        // (Hijri date, Umm al-Qura's Gregorian date).
        let cases = [
            ((1445, 9, 1), date(2024, 3, 11)),
            ((1445, 10, 1), date(2024, 4, 10)),
            ((1446, 1, 1), date(2024, 7, 7)),
            ((1444, 9, 1), date(2023, 3, 23)),
            ((1439, 9, 1), date(2018, 5, 17)),
            ((1445, 1, 1), date(2023, 7, 19)),
        ];
        for ((y, m, d), expected) in cases {
            let got = to_gregorian(y, m, d).expect("valid");
            let off = got.since(expected).expect("in range").get_days().abs();
            assert!(off <= 1, "{y}-{m}-{d}: {got} vs {expected}");
        }
        assert_eq!(to_gregorian(1445, 9, 15), Some(date(2024, 3, 25)));
    }

    #[test]
    fn impossible_dates() {
        assert_eq!(to_gregorian(1445, 2, 30), None);
        assert_eq!(to_gregorian(1445, 13, 1), None);
        assert_eq!(to_gregorian(1445, 1, 0), None);
        assert_eq!(to_gregorian(0, 1, 1), None);
        // 1445 is year 5 of its 30-year cycle (long), 1446 year 6 (short).
        assert!(to_gregorian(1445, 12, 30).is_some());
        assert_eq!(to_gregorian(1446, 12, 30), None);
    }
}
