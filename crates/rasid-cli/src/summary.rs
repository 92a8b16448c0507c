//! What a run read, said on stderr: one line per input problem as it comes,
//! and one summary line at the end (documents read, skipped by reason,
//! failed by reason), with the exit code that goes with it.

use std::collections::BTreeMap;

use rasid_docs::{Document, ReadError, Severity};

use crate::{OK, SOME_FAILED};

/// Counts of one run's reading.
#[derive(Debug, Default)]
pub(crate) struct Summary {
    /// Documents given to extraction.
    read: usize,
    /// Of them, without a publication date.
    undated: usize,
    /// Left out by rule, by reason.
    skipped: BTreeMap<&'static str, usize>,
    /// Could not be used, by reason.
    failed: BTreeMap<&'static str, usize>,
}

impl Summary {
    /// A document read.
    pub(crate) fn document(&mut self, document: &Document) {
        self.read += 1;
        if document.published.is_none() {
            self.undated += 1;
        }
    }

    /// A problem: said now on stderr, counted for the summary.
    pub(crate) fn problem(&mut self, error: &ReadError) {
        match error.severity() {
            Severity::Notice => eprintln!("rasid: note: {error}"),
            Severity::Skipped => {
                eprintln!("rasid: skipped: {error}");
                *self.skipped.entry(error.reason()).or_default() += error.count();
            }
            _ => {
                eprintln!("rasid: {error}");
                *self.failed.entry(error.reason()).or_default() += error.count();
            }
        }
    }

    fn failed(&self) -> usize {
        self.failed.values().sum()
    }

    /// The summary line, e.g. `rasid: 12 documents read (3 undated); 1
    /// skipped (1 not Arabic); 2 failed (1 duplicate id, 1 not found)`.
    pub(crate) fn line(&self) -> String {
        let by_reason = |counts: &BTreeMap<&'static str, usize>, what: &str| -> String {
            let total: usize = counts.values().sum();
            if total == 0 {
                return format!("0 {what}");
            }
            let parts: Vec<String> = counts
                .iter()
                .map(|(reason, count)| format!("{count} {reason}"))
                .collect();
            format!("{total} {what} ({})", parts.join(", "))
        };
        let mut line = format!(
            "rasid: {} document(s) read ({} undated); {}; {}",
            self.read,
            self.undated,
            by_reason(&self.skipped, "skipped"),
            by_reason(&self.failed, "failed"),
        );
        if self.failed.contains_key("duplicate id") {
            line.push_str(" (--replace-duplicates keeps the later of two documents with one id)");
        }
        line
    }

    /// Prints the summary line and gives the exit code: `0` when every
    /// input was used (notes and documents skipped by rule allowed), `1`
    /// when an input failed or when no document was read at all.
    pub(crate) fn finish(&self) -> u8 {
        eprintln!("{}", self.line());
        self.exit_code()
    }

    fn exit_code(&self) -> u8 {
        if self.failed() > 0 || self.read == 0 {
            SOME_FAILED
        } else {
            OK
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Summary;
    use crate::{OK, SOME_FAILED};

    #[test]
    fn nothing_read_is_a_failure_even_without_errors() {
        let summary = Summary::default();
        assert_eq!(
            summary.line(),
            "rasid: 0 document(s) read (0 undated); 0 skipped; 0 failed"
        );
        assert_eq!(summary.exit_code(), SOME_FAILED);
    }

    #[test]
    fn reasons_are_counted_apart() {
        let mut summary = Summary {
            read: 3,
            undated: 1,
            ..Summary::default()
        };
        summary.skipped.insert("not Arabic", 2);
        assert_eq!(summary.exit_code(), OK);
        summary.failed.insert("duplicate id", 1);
        summary.failed.insert("not found", 1);
        assert_eq!(
            summary.line(),
            "rasid: 3 document(s) read (1 undated); 2 skipped (2 not Arabic); 2 failed (1 duplicate id, 1 not found) (--replace-duplicates keeps the later of two documents with one id)"
        );
        assert_eq!(summary.exit_code(), SOME_FAILED);
    }
}
