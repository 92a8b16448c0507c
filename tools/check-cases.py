#!/usr/bin/env python3
"""Runs the sentence cases of a TOML file (the format of crates/rasid-extract/tests/sentences.toml)
through `rasid extract -` and counts the cases whose figures (kind, min, max) are exactly the expected ones.

usage: tools/check-cases.py CASES.toml path/to/rasid [-v]
"""
import tomllib, json, subprocess, sys
cases = tomllib.load(open(sys.argv[1],'rb'))['case']
binary = sys.argv[2]
inp = "\n".join(json.dumps({"id": c["name"], "text": c["text"], "outlet": "Test Outlet", "published": "2020-01-15"}, ensure_ascii=False) for c in cases) + "\n"
out = subprocess.run([binary, "extract", "-"], input=inp.encode(), capture_output=True).stdout.decode()
got = {}
for l in out.splitlines():
    c = json.loads(l); got.setdefault(c["doc"], []).append(c)
ok = 0; bad = []
for c in cases:
    want = {(e["kind"], e.get("min"), e.get("max")) for e in c["claims"]}
    have = {(g["kind"], g["value_min"], g["value_max"]) for g in got.get(c["name"], [])}
    if want == have: ok += 1
    else: bad.append((c["name"], sorted(want - have, key=str), sorted(have - want, key=str)))
print(f"{ok}/{len(cases)} cases give exactly the expected figures")
if "-v" in sys.argv:
    for b in bad: print(*b)
