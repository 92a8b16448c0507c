//! The error of a bad gazetteer file: the one error of a bad data file.

/// What can go wrong while loading a gazetteer: [`rasid_lexicon::DataError`],
/// naming the file and the line.
pub type GeoError = rasid_lexicon::DataError;
