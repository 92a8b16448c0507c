//! Stored incident records read back as [`rasid_link::Incident`], so the
//! exports are the very writers of `rasid incidents` (`rasid-export`). A
//! field the store's record lacks takes its default, so records written by
//! an older rasid still export.

use rasid_link::Incident;

/// Reads a stored incident record.
///
/// # Errors
/// When the record is not an incident's JSON.
pub(crate) fn incident(record: &str) -> serde_json::Result<Incident> {
    serde_json::from_str(record)
}
