//! Hand-made claims for the unit tests: every field the rules read, set by
//! name, the rest as the extractor would leave it.

use rasid_extract::Claim;
use serde_json::{json, Value};

/// A claim under construction.
pub(crate) struct ClaimBuilder(Value);

/// An exact figure, the outlet's own account, published and dated 22 July 2019.
pub(crate) fn claim(doc: &str, kind: &str, value: u64) -> ClaimBuilder {
    ClaimBuilder(json!({
        "doc": doc,
        "kind": kind,
        "value_min": value,
        "value_max": value,
        "qualifier": "exact",
        "group": null,
        "source": {"id": null, "name": null, "surface": null, "span": null, "is_outlet": true, "via": "outlet"},
        "evidence": format!("{value}"),
        "span": {"start": 0, "end": 10},
        "sentence": {"start": 0, "end": 100},
        "scope": "incident",
        "subgroup": false,
        "outlet": format!("Outlet {doc}"),
        "published": "2019-07-22",
        "date": {"value": "2019-07-22", "precision": "day", "via": "sentence"},
    }))
}

impl ClaimBuilder {
    /// Attributed to a canonical source, e.g. `sohr`.
    pub(crate) fn source(mut self, id: &str) -> Self {
        self.0["source"] = json!({"id": id, "name": id, "surface": id, "span": null, "is_outlet": false, "via": "verb"});
        self
    }

    /// Qualified, with its bounds.
    pub(crate) fn qualified(mut self, qualifier: &str, min: Option<u64>, max: Option<u64>) -> Self {
        self.0["qualifier"] = json!(qualifier);
        self.0["value_min"] = json!(min);
        self.0["value_max"] = json!(max);
        self
    }

    /// Published on `date` (and dated by it, to the day, unless dated otherwise).
    pub(crate) fn published(mut self, date: &str) -> Self {
        self.0["published"] = json!(date);
        self.0["date"] = json!({"value": date, "precision": "day", "via": "sentence"});
        self
    }

    /// Dated `value` with `precision`.
    pub(crate) fn dated(mut self, value: &str, precision: &str) -> Self {
        self.0["date"] = json!({"value": value, "precision": precision, "via": "sentence"});
        self
    }

    /// Without a date.
    pub(crate) fn undated(mut self) -> Self {
        self.0.as_object_mut().expect("an object").remove("date");
        self
    }

    /// At a town (`P.PPL`) of Syria.
    pub(crate) fn town(self, name: &str, admin1: &str, lat: f64, lon: f64) -> Self {
        self.place(name, admin1, lat, lon, "P.PPL")
    }

    /// In an area (`A.ADM2`) of Syria.
    pub(crate) fn area(self, name: &str, admin1: &str, lat: f64, lon: f64) -> Self {
        self.place(name, admin1, lat, lon, "A.ADM2")
    }

    fn place(mut self, name: &str, admin1: &str, lat: f64, lon: f64, feature: &str) -> Self {
        self.0["place"] = json!({
            "name": name, "surface": name, "lat": lat, "lon": lon, "admin1": admin1,
            "country": "SY", "span": {"start": 0, "end": 5}, "feature": feature, "via": "sentence",
        });
        self
    }

    /// Of sub-event types `types` (the first also as `sub_event_type`).
    pub(crate) fn types(mut self, types: &[&str]) -> Self {
        self.0["sub_event_types"] = json!(types);
        self.0["sub_event_type"] = json!(types.first());
        self
    }

    /// Counting `group`.
    pub(crate) fn group(mut self, group: &str) -> Self {
        self.0["group"] = json!(group);
        self
    }

    /// A part of the figure before it ("بينهم").
    pub(crate) fn subgroup(mut self) -> Self {
        self.0["subgroup"] = json!(true);
        self
    }

    /// A campaign total.
    pub(crate) fn campaign(mut self) -> Self {
        self.0["scope"] = json!("campaign");
        self
    }

    /// Its figure at `start..end`, in the sentence `sentence`.
    pub(crate) fn at(mut self, start: usize, end: usize, sentence: (usize, usize)) -> Self {
        self.0["span"] = json!({"start": start, "end": end});
        self.0["sentence"] = json!({"start": sentence.0, "end": sentence.1});
        self
    }

    pub(crate) fn build(self) -> Claim {
        serde_json::from_value(self.0).expect("a claim record")
    }
}
