#!/usr/bin/env python3
"""Scores the places of extracted claims against hand-checked expectations.

usage: tools/places/score.py EXPECTATIONS.toml PRED.jsonl [--verbose]

EXPECTATIONS (tools/places/news-dev-places.toml) names figures by their
scoring key (doc, kind, value_min or "vague") and lists the places each may
be in (country, optional admin1, optional [lat, lon] within km), plus per
article the countries where its incidents are. Two measures:

* placed right: of the predicted claims whose key is listed, the share whose
  place falls inside one of the accepted alternatives (a claim with no place
  is wrong);
* in a country of the article: of all predicted claims of the listed
  articles, the share placed in one of the article's countries (no place
  counts as wrong here too).
"""
import json
import math
import re
import sys
import tomllib


def norm(s):
    return re.sub(r"[^a-z]", "", (s or "").lower())


def km(a, b):
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def inside(place, alt):
    if not place or place.get("country") != alt["country"]:
        return False
    if "admin1" in alt and norm(place.get("admin1")) != norm(alt["admin1"]):
        return False
    if "near" in alt:
        if place.get("lat") is None or place.get("lon") is None:
            return False
        if km((place["lat"], place["lon"]), alt["near"]) > alt["km"]:
            return False
    return True


def key(c):
    value = "vague" if c.get("qualifier") == "vague" else c.get("value_min")
    return (c["doc"], c["kind"], value)


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    verbose = "--verbose" in argv
    with open(argv[0], "rb") as f:
        spec = tomllib.load(f)
    expected = {(c["doc"], c["kind"], c["value"]): c for c in spec["claim"]}
    countries = {a["doc"]: set(a["countries"]) for a in spec["article"]}
    preds = [json.loads(l) for l in open(argv[1], encoding="utf-8") if l.strip()]
    right = total = 0
    in_country = all_claims = 0
    for c in preds:
        place = c.get("place")
        if c["doc"] in countries:
            all_claims += 1
            ok = bool(place) and place.get("country") in countries[c["doc"]]
            in_country += ok
            if verbose and not ok:
                print(f"country   {key(c)} placed in {place and place.get('country')} ({place and place.get('name')})")
        e = expected.get(key(c))
        if e is None:
            continue
        total += 1
        ok = any(inside(place, alt) for alt in e["accept"])
        right += ok
        if verbose and not ok:
            got = place and f"{place.get('name')} [{place.get('country')}/{place.get('admin1')}]"
            print(f"wrong     {key(c)} got {got}; expected: {e['why']}")
    covered = {key(c) for c in preds} & set(expected)
    print(
        f"places {right / max(total, 1):.3f} ({right}/{total} predicted claims of {len(covered)} listed figures placed right); "
        f"in a country of the article {in_country / max(all_claims, 1):.3f} ({in_country}/{all_claims})"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
