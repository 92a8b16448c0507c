//! Integration tests of rasid-geo: the embedded gazetteer, mention finding
//! and resolution, on sentences written for these tests.

mod data;
mod find;
mod resolve;

use std::sync::OnceLock;

use rasid_geo::{Gazetteer, PlaceMention, ResolvedPlace};
use rasid_text::{tokenize, Normalized};

/// The embedded gazetteer, loaded once for every test.
fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();
    GAZETTEER.get_or_init(Gazetteer::embedded)
}

/// Finds mentions in an original text; returns them with the normalised text.
fn mentions(original: &str) -> (String, Vec<PlaceMention<'static>>) {
    let norm = Normalized::new(original);
    let text = norm.text().to_owned();
    let tokens = tokenize(&text);
    let found = gazetteer().find_places(&text, &tokens);
    (text, found)
}

/// Finds and resolves the places of an original text.
fn places(original: &str) -> Vec<ResolvedPlace<'static>> {
    let norm = Normalized::new(original);
    gazetteer().locate(norm.text())
}

/// (English name, country) of each resolved place.
fn names(original: &str) -> Vec<(String, String)> {
    places(original)
        .iter()
        .map(|r| (r.place.name.clone(), r.place.country.clone()))
        .collect()
}

fn pair(name: &str, country: &str) -> (String, String) {
    (name.to_owned(), country.to_owned())
}
