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
//! * [`numbers`] — Arabic numbers written in digits, in words (every gender and
//!   case), mixed ("150 ألفا") and vague quantities (عشرات، مئات، آلاف).
//!
//! ```
//! use rasid_text::{Normalized, tokenize, numbers::parse_number};
//!
//! let original = "قُتل خمسةٌ وعشرون مدنياً";
//! let norm = Normalized::new(original);
//! assert_eq!(norm.text(), "قتل خمسه وعشرون مدنيا");
//! let tokens = tokenize(norm.text());
//! let number = parse_number(norm.text(), &tokens, 1).expect("a number");
//! assert_eq!(number.value, 25);
//! let span = norm.to_original(tokens[1].span.start..tokens[number.end - 1].span.end);
//! assert_eq!(&original[span.range()], "خمسةٌ وعشرون");
//! ```

mod normalize;
pub mod numbers;
mod sentence;
mod span;
mod token;

pub use normalize::{fold_char, normalize_str, Normalized};
pub use sentence::{sentences, Sentence};
pub use span::Span;
pub use token::{tokenize, Token, TokenKind};
