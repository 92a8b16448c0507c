//! The linking benchmark's documents: varied wire reports, reproducible from
//! their index alone, so any size is generated on the fly in bounded memory.
//!
//! Document `i` reports event `e = h(i) mod events` (about 2.5 documents per
//! event, scattered over the input, so later batches join incidents of
//! earlier ones). An event has a town (157 towns of Syria, Iraq, Yemen and
//! Libya), a day within the ten years from 2015, a type (air strike,
//! shelling, car bomb, clash) and a toll; each document is a fresh account
//! by one of six sources with its own figure, published that day or the
//! next, or, one time in five, a wire copy of the event's first account by
//! another outlet (a near-duplicate). Sentences come from
//! `data/bench/link-templates.tsv`, written for this project.

use rasid_docs::{Document, Origin};

const TEMPLATES: &str = include_str!("../../../data/bench/link-templates.tsv");
const PLACES: &str = include_str!("../../../data/gazetteer/places.tsv");

/// Days from 1970-01-01 to 2015-01-01.
const START_DAY: i64 = 16_436;
/// The ten years the events fall in.
const DAYS: u64 = 3_652;

/// SplitMix64: a fixed pseudo-random sequence from a seed.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A draw in `0..n` from seed `seed` and stream `stream`.
fn draw(seed: u64, stream: u64, n: usize) -> usize {
    (mix(seed ^ mix(stream)) % n as u64) as usize
}

/// `YYYY-MM-DD` of a day number.
fn date(days: i64) -> String {
    // H. Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The generator: templates and towns read once.
pub(crate) struct Corpus {
    leads: Vec<Vec<String>>,
    injured: Vec<String>,
    children: Vec<String>,
    fillers: Vec<String>,
    copies: Vec<String>,
    streets: Vec<String>,
    towns: Vec<(String, String)>,
    /// Who reports (attribution phrases the extractor knows).
    sources: Vec<String>,
    /// "today" and "yesterday".
    today: String,
    yesterday: String,
    events: u64,
}

impl Corpus {
    /// A corpus of `documents` documents.
    pub(crate) fn new(documents: usize) -> Corpus {
        let mut leads = vec![Vec::new(); 4];
        let (mut injured, mut children, mut fillers, mut copies, mut streets) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let (mut sources, mut countries) = (Vec::new(), Vec::new());
        let (mut today, mut yesterday) = (String::new(), String::new());
        for line in TEMPLATES.lines().skip(1) {
            let Some((role, text)) = line.split_once('\t') else {
                continue;
            };
            let text = text.to_owned();
            match role {
                "lead-air" => leads[0].push(text),
                "lead-shelling" => leads[1].push(text),
                "lead-bomb" => leads[2].push(text),
                "lead-clash" => leads[3].push(text),
                "injured" => injured.push(text),
                "children" => children.push(text),
                "copy" => copies.push(text),
                "street" => streets.push(text),
                "source" => sources.push(text),
                "today" => today = text,
                "yesterday" => yesterday = text,
                _ => match role.strip_prefix("country-") {
                    // The Arabic name of a country whose towns are drawn.
                    Some(code) => countries.push((code.to_owned(), text)),
                    None => fillers.push(text),
                },
            }
        }
        let towns = PLACES
            .lines()
            .skip(1)
            .filter_map(|line| {
                let f: Vec<&str> = line.split('\t').collect();
                let (arabic, country, feature, population) =
                    (f.get(2)?, f.get(3)?, f.get(6)?, f.get(7)?);
                let country = &countries.iter().find(|(code, _)| code == country)?.1;
                let big = population.parse::<u64>().is_ok_and(|p| p > 30_000);
                (feature.starts_with("P.") && big).then(|| {
                    (
                        arabic.split('|').next().unwrap_or(arabic).to_owned(),
                        country.clone(),
                    )
                })
            })
            .collect();
        Corpus {
            leads,
            injured,
            children,
            fillers,
            copies,
            streets,
            towns,
            sources,
            today,
            yesterday,
            events: (documents as u64 * 2 / 5).max(1),
        }
    }

    /// Document `i`.
    pub(crate) fn document(&self, i: usize) -> Document {
        let i = i as u64;
        let event = mix(i ^ 0x5EED) % self.events;
        let (town, country) = &self.towns[draw(event, 1, self.towns.len())];
        let kind = draw(event, 2, 4);
        let day = START_DAY + draw(event, 3, DAYS as usize) as i64;
        let toll = 1 + draw(event, 4, 60);
        // A wire copy of the event's first account, one time in five.
        let copy = draw(i, 5, 5) == 0;
        let account = if copy { event ^ 0x00C0_FFEE } else { i };
        let late = draw(account, 6, 3) == 0;
        let published = date(day + i64::from(late));
        let when = if late { &self.yesterday } else { &self.today };
        let source = &self.sources[draw(account, 7, self.sources.len())];
        // Each source has its own figure, near the event's toll.
        let figure = toll + draw(account, 8, 1 + toll / 3);
        let mut slot = 0;
        let mut fill = |template: &str| {
            let mut out = template.to_owned();
            while let Some(at) = out.find("{street}") {
                slot += 1;
                let street = &self.streets[draw(account, 100 + slot, self.streets.len())];
                out.replace_range(at..at + "{street}".len(), street);
            }
            out.replace("{source}", source)
                .replace("{n}", &figure.to_string())
                .replace("{m}", &(figure * 2 + draw(account, 9, 7)).to_string())
                .replace("{k}", &(1 + figure / 4).to_string())
                .replace("{town}", town)
                .replace("{country}", country)
                .replace("{when}", when)
        };
        let leads = &self.leads[kind];
        let mut text = fill(&leads[draw(account, 10, leads.len())]);
        if draw(account, 11, 2) == 0 {
            text.push(' ');
            text.push_str(&fill(&self.injured[0]));
        }
        if kind != 3 && draw(account, 12, 3) == 0 {
            text.push(' ');
            text.push_str(&fill(&self.children[0]));
        }
        for f in 0..3 {
            text.push(' ');
            text.push_str(&fill(
                &self.fillers[draw(account, 13 + f, self.fillers.len())],
            ));
        }
        if copy {
            text.push(' ');
            text.push_str(&fill(&self.copies[draw(i, 20, self.copies.len())]));
        }
        Document {
            id: format!("bench-{i:07}"),
            outlet: Some(format!("Wire {}", draw(i, 21, 12))),
            published: Some(published),
            url: None,
            lang: Some("ar".to_owned()),
            text,
            origin: Origin {
                path: "generated".to_owned(),
                line: None,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_reproducible_and_varied() {
        let corpus = Corpus::new(1_000);
        assert!(corpus.towns.len() > 100, "{}", corpus.towns.len());
        let a = corpus.document(17);
        assert_eq!(a.text, Corpus::new(1_000).document(17).text);
        let texts: std::collections::BTreeSet<String> =
            (0..1_000).map(|i| corpus.document(i).text).collect();
        // Only two wire copies of one event may repeat each other.
        assert!(texts.len() > 950, "{}", texts.len());
        let dates: std::collections::BTreeSet<String> = (0..1_000)
            .filter_map(|i| corpus.document(i).published)
            .collect();
        assert!(dates.len() > 300, "{}", dates.len());
    }

    #[test]
    fn day_numbers_are_dates() {
        assert_eq!(date(START_DAY), "2015-01-01");
        assert_eq!(date(START_DAY + 59), "2015-03-01");
    }
}
