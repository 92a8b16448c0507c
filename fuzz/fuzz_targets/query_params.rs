//! Any query string, decoded as axum's `Query` decodes it, through the HTTP
//! parameter checks of every endpoint: never a panic; each value accepted is
//! within its bounds (dates on the calendar, `date_from` not after
//! `date_to`, limits and offsets in range, text without control characters),
//! and each refusal is a 400 naming the problem.
//!
//! `params.rs` is compiled in here as it is in the server (its only outside
//! name, `crate::error::AppError`, is given below), so the fuzzer does not
//! build the whole server.

#![no_main]

use libfuzzer_sys::fuzz_target;

mod error {
    /// What the parameter checks answer with, as in the server.
    #[derive(Debug)]
    pub(crate) enum AppError {
        BadRequest(String),
    }
}

#[allow(dead_code, unreachable_pub)]
#[path = "../../crates/rasid-server/src/params.rs"]
mod params;

use error::AppError;
use params::{is_date, with_filters, Pairs, MAX_LIMIT};

fn check(pairs: &[(String, String)], names: &[&'static str]) {
    let params = match Pairs::new(pairs, names) {
        Ok(params) => params,
        Err(AppError::BadRequest(reason)) => {
            assert!(!reason.is_empty());
            return;
        }
    };
    if let Ok(filters) = params.filters() {
        for date in [&filters.date_from, &filters.date_to].into_iter().flatten() {
            assert!(is_date(date), "{date} passed as a date");
        }
        if let (Some(from), Some(to)) = (&filters.date_from, &filters.date_to) {
            assert!(from <= to);
        }
        if let Some(country) = &filters.country {
            assert!(country.len() == 2 && country.bytes().all(|b| b.is_ascii_uppercase()));
        }
        for text in [&filters.place, &filters.actor, &filters.source, &filters.q]
            .into_iter()
            .flatten()
        {
            assert!(!text.chars().any(char::is_control));
            assert!(!text.trim().is_empty());
        }
        assert!(filters.min_best.is_none_or(|n| n >= 0));
    }
    if let Ok(paging) = params.paging(50, MAX_LIMIT) {
        assert!((1..=MAX_LIMIT).contains(&paging.limit));
        assert!(paging.offset >= 0);
    }
    let _ = params.sort().map(|sort| sort.sql());
    let _ = params.export_paging();
}

fuzz_target!(|data: &[u8]| {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(data)
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    let list = with_filters(&["limit", "offset", "sort"]);
    check(&pairs, &list);
    check(&pairs, &with_filters(&[]));
    check(&pairs, &["q", "limit", "offset"]);
});
