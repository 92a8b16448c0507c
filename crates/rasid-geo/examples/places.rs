//! Prints the places found in text read from standard input, one per line:
//! the matched text, the prefix, the place chosen and why.
//!
//! ```sh
//! echo "قصف على بلدة دوما في ريف دمشق" | cargo run -p rasid-geo --example places
//! ```

use std::io::Read;

use rasid_geo::Gazetteer;
use rasid_text::Normalized;

fn main() -> std::io::Result<()> {
    let mut original = String::new();
    std::io::stdin().read_to_string(&mut original)?;
    let gazetteer = Gazetteer::embedded();
    let norm = Normalized::new(&original);
    for found in gazetteer.locate(norm.text()) {
        let span = norm.to_original(found.mention.full_span());
        let place = found.place;
        println!(
            "{}\t{}\t{} {} ({}, {}) {}\t{:?}\t{} candidates",
            &original[span.range()],
            found.mention.key,
            place.id,
            place.name,
            place.admin1,
            place.country,
            place.feature,
            found.resolution,
            found.mention.candidates.len(),
        );
    }
    Ok(())
}
