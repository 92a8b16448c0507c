//! The text layer of rasid: everything that happens to an article's text before
//! any fact is recognised in it.
//!
//! * [`Normalized`] — a folded view of the text for matching (diacritics and
//!   tatweel removed, alef/yeh/ta-marbuta folded, Arabic-Indic and Persian digits
//!   made ASCII, invisible marks dropped) with a map from every normalised byte
//!   back to the original bytes, so that every fact cites the original text.
//! * [`sentences`] — sentence boundaries (`. ؟ ! ؛`, line breaks).
//! * [`tokenize`] — words, numbers and punctuation, each word with its
//!   proclitic analyses (و ف ب ل ك ال لل).
//! * [`morphology`] — the letters of the proclitics and the article, and
//!   what a run of them is; the only vocabulary of this crate. Number words
//!   and every other word list are data (`data/lexicons/`, read by
//!   `rasid-lexicon`).
//!
//! ```
//! use rasid_text::{Normalized, tokenize};
//!
//! let original = "قُتل خمسةٌ وعشرون مدنياً";
//! let norm = Normalized::new(original);
//! assert_eq!(norm.text(), "قتل خمسه وعشرون مدنيا");
//! let tokens = tokenize(norm.text());
//! assert_eq!(tokens[2].forms(norm.text()).collect::<Vec<_>>(), ["وعشرون", "عشرون"]);
//! let span = norm.to_original(tokens[1].span.start..tokens[2].span.end);
//! assert_eq!(&original[span.range()], "خمسةٌ وعشرون");
//! ```

pub mod morphology;
mod normalize;
mod sentence;
mod span;
mod token;

pub use normalize::{fold_char, normalize_str, Normalized};
pub use sentence::{sentences, Sentence};
pub use span::Span;
pub use token::{tokenize, Token, TokenKind};
