//! What the store indexes of a record besides its JSON: the columns that
//! queries filter on. The JSON stays the record of truth, so fields added to
//! a claim or an incident are kept without a migration.

use rasid_extract::{Claim, Scope};

/// The indexed columns of a claim (`claims` table).
///
/// Implemented here for [`rasid_extract::Claim`]; a test or another stage may
/// implement it for its own record.
pub trait ClaimColumns {
    /// Kind of harm, e.g. `killed`.
    fn kind(&self) -> &str;
    /// Smallest value of the figure.
    fn value_min(&self) -> Option<u64>;
    /// Largest value of the figure.
    fn value_max(&self) -> Option<u64>;
    /// How the figure is qualified, e.g. `at_least`.
    fn qualifier(&self) -> &str;
    /// Who the figure counts, e.g. `civilians`.
    fn group(&self) -> Option<&str>;
    /// Canonical id of the source, e.g. `sohr`.
    fn source_id(&self) -> Option<&str>;
    /// The attributing phrase as written.
    fn source_surface(&self) -> Option<&str>;
    /// `incident` or `campaign`.
    fn scope(&self) -> &str;
    /// Where the claim stands in its document (original UTF-8 bytes, end exclusive).
    fn span(&self) -> (usize, usize);
}

/// The indexed columns of an incident (`incidents` table).
pub trait IncidentColumns {
    /// Stable id, unique in one set of incidents.
    fn id(&self) -> &str;
    /// Date (`YYYY-MM-DD`, or coarser) of the incident.
    fn date(&self) -> Option<&str>;
    /// ISO 3166 country code.
    fn country(&self) -> Option<&str>;
    /// First-level administrative unit.
    fn admin1(&self) -> Option<&str>;
    /// Place name.
    fn place(&self) -> Option<&str>;
    /// Latitude (WGS 84).
    fn lat(&self) -> Option<f64>;
    /// Longitude (WGS 84).
    fn lon(&self) -> Option<f64>;
    /// Event types, e.g. `Air/drone strike`.
    fn event_types(&self) -> Vec<String>;
    /// Best estimate of the toll.
    fn best(&self) -> Option<u64>;
    /// Conservative estimate.
    fn low(&self) -> Option<u64>;
    /// High estimate.
    fn high(&self) -> Option<u64>;
    /// Whether the sources disagree.
    fn disagreement(&self) -> bool;
    /// `incident`, or `campaign` for a total over a campaign.
    // Implementations borrow it from their incident; only the default is static.
    #[allow(clippy::unnecessary_literal_bound)]
    fn scope(&self) -> &str {
        "incident"
    }
}

impl ClaimColumns for Claim {
    fn kind(&self) -> &str {
        self.kind.as_str()
    }
    fn value_min(&self) -> Option<u64> {
        self.value_min
    }
    fn value_max(&self) -> Option<u64> {
        self.value_max
    }
    fn qualifier(&self) -> &str {
        self.qualifier.as_str()
    }
    fn group(&self) -> Option<&str> {
        self.group.as_deref()
    }
    fn source_id(&self) -> Option<&str> {
        self.source.as_ref().and_then(|source| source.id.as_deref())
    }
    fn source_surface(&self) -> Option<&str> {
        self.source
            .as_ref()
            .and_then(|source| source.surface.as_deref())
    }
    fn scope(&self) -> &str {
        // The names of the claim format (`#[serde(rename_all = "snake_case")]`).
        match self.scope {
            Scope::Incident => "incident",
            Scope::Campaign => "campaign",
        }
    }
    fn span(&self) -> (usize, usize) {
        (self.span.start, self.span.end)
    }
}

impl<T: ClaimColumns + ?Sized> ClaimColumns for &T {
    fn kind(&self) -> &str {
        (**self).kind()
    }
    fn value_min(&self) -> Option<u64> {
        (**self).value_min()
    }
    fn value_max(&self) -> Option<u64> {
        (**self).value_max()
    }
    fn qualifier(&self) -> &str {
        (**self).qualifier()
    }
    fn group(&self) -> Option<&str> {
        (**self).group()
    }
    fn source_id(&self) -> Option<&str> {
        (**self).source_id()
    }
    fn source_surface(&self) -> Option<&str> {
        (**self).source_surface()
    }
    fn scope(&self) -> &str {
        (**self).scope()
    }
    fn span(&self) -> (usize, usize) {
        (**self).span()
    }
}
