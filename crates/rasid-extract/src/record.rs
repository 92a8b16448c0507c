//! The claim record: the public contract of `rasid extract`
//! (`docs/claims-format.md`). Fields may be added, never renamed. Plain data,
//! the bottom layer of the crate: every recogniser may use it.

pub use rasid_lexicon::{Kind, Qualifier};
use rasid_text::Span;
use serde::{Deserialize, Serialize};

/// Whether a figure counts one incident or a campaign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// One event.
    Incident,
    /// A total over a campaign or a war ("خلال الحملة"، "منذ بدء الهجوم").
    Campaign,
}

/// How a claim's source was found (`source.via` in the claim format).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Via {
    /// A reporting verb with its subject ("قال المرصد").
    Verb,
    /// A preposition before the source ("وفق المرصد"، "بحسب مصادر طبية").
    Preposition,
    /// A source named in an earlier sentence, carried to a verb without a
    /// subject ("وأشارت إلى أن …").
    Carried,
    /// A source before a colon, as headlines write it ("وزارة الصحة: …").
    Headline,
    /// No source: the outlet's own account.
    Outlet,
}

impl Via {
    /// The name used in claim records.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Verb => "verb",
            Via::Preposition => "preposition",
            Via::Carried => "carried",
            Via::Headline => "headline",
            Via::Outlet => "outlet",
        }
    }
}

/// Who a claim is attributed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    /// Canonical id (`sohr`, `civil-defence`, …) when known.
    pub id: Option<String>,
    /// Canonical name when known; the outlet's name for its own account.
    pub name: Option<String>,
    /// The attributing phrase as written; null for the outlet's own account.
    pub surface: Option<String>,
    /// Where the phrase stands (original bytes).
    pub span: Option<Span>,
    /// Whether the outlet reports the figure on its own account.
    pub is_outlet: bool,
    /// How the attribution was found: `verb`, `preposition`, `carried`,
    /// `headline`, `outlet`.
    pub via: Via,
}

/// When the event a claim counts happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRef {
    /// `YYYY-MM-DD`; for precision `week`/`month`/`year` the first day known.
    pub value: String,
    /// `day`, `week`, `month` or `year`.
    pub precision: String,
    /// The date expression as written; absent when the date is the publication date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub surface: Option<String>,
    /// Where it stands (original bytes).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
    /// How it was chosen: `sentence` (the claim's own), `before` (the nearest
    /// earlier one), `published` (the publication date, precision `week`).
    pub via: String,
}

/// Where the event a claim counts happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceRef {
    /// Canonical (English) name.
    pub name: String,
    /// The mention as written, with its prefix ("بمدينة دوما").
    pub surface: String,
    /// Latitude, WGS 84.
    pub lat: f64,
    /// Longitude, WGS 84.
    pub lon: f64,
    /// First-level administrative division.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// Where the mention stands (original bytes).
    pub span: Span,
    /// GeoNames id when the place comes from GeoNames.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geonames_id: Option<u64>,
    /// GeoNames feature class and code (`P.PPL`, `A.ADM1`, `L.RGN`, …).
    pub feature: String,
    /// How it was chosen: `sentence` or `before`.
    pub via: String,
}

/// PLOVER event type and mode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plover {
    /// PLOVER event type (`ASSAULT`, `COERCE`, `AGREE`, …).
    pub event: String,
    /// PLOVER mode, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
}

/// An actor named around a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorRef {
    /// Canonical name ("Military Forces of Syria").
    pub name: String,
    /// `perpetrator`, `target` or `mentioned`.
    pub role: String,
    /// The name the outlet used ("قوات الأسد").
    pub surface: String,
    /// Where it stands (original bytes).
    pub span: Span,
}

/// A casualty claim: one figure, what it counts, and who says so.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// Document id.
    pub doc: String,
    /// Kind of harm.
    pub kind: Kind,
    /// Smallest value (null for "up to"/"less than" without a floor).
    pub value_min: Option<u64>,
    /// Largest value (null when open-ended).
    pub value_max: Option<u64>,
    /// How the figure is qualified.
    pub qualifier: Qualifier,
    /// Who the figure counts, when the text says.
    pub group: Option<String>,
    /// Who the text attributes the figure to; `is_outlet` for the outlet's own account.
    pub source: Option<SourceRef>,
    /// The text that states the figure.
    pub evidence: String,
    /// Where it stands: original UTF-8 byte offsets, end exclusive.
    pub span: Span,
    /// The sentence holding the claim (original bytes).
    pub sentence: Span,
    /// Whether the figure totals a campaign rather than one incident.
    pub scope: Scope,
    /// Whether the claim is a part of the figure before it ("بينهم ستة أطفال").
    pub subgroup: bool,
    /// The outlet, as given with the document.
    pub outlet: Option<String>,
    /// Publication date, as given with the document.
    pub published: Option<String>,
    /// When the event happened (absent when nothing supports a date).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<DateRef>,
    /// Where it happened (absent when no place is named).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<PlaceRef>,
    /// ACLED event type(s) of the claim's sentence, first the most specific.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_type: Option<String>,
    /// ACLED sub-event type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sub_event_type: Option<String>,
    /// Every ACLED sub-event type the sentence names ("air strikes and shelling").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_event_types: Vec<String>,
    /// PLOVER event and mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plover: Option<Plover>,
    /// Actors named around the claim, with their role.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<ActorRef>,
}

impl Claim {
    /// Moves every span by `offset` bytes (a claim read from a piece of a
    /// longer text).
    pub(crate) fn shift(&mut self, offset: usize) {
        let shift = |s: &mut Span| *s = Span::new(s.start + offset, s.end + offset);
        shift(&mut self.span);
        shift(&mut self.sentence);
        if let Some(span) = self.source.as_mut().and_then(|s| s.span.as_mut()) {
            shift(span);
        }
        if let Some(span) = self.date.as_mut().and_then(|d| d.span.as_mut()) {
            shift(span);
        }
        if let Some(place) = self.place.as_mut() {
            shift(&mut place.span);
        }
        for actor in &mut self.actors {
            shift(&mut actor.span);
        }
    }
}
