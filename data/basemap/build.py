#!/usr/bin/env python3
"""Builds data/basemap/mena.geojson from world-atlas's countries-50m.json.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 data/basemap/build.py package/countries-50m.json > data/basemap/mena.geojson

Decodes the TopoJSON (quantised, delta-encoded arcs), keeps the countries that
reach the Middle East and North/East Africa window, clips them to it, simplifies
each ring (Douglas-Peucker) and rounds coordinates to 0.01 degree (about 1 km,
finer than one pixel of the web UI's map). Only the standard library is used.
"""

import json
import sys

# lon_min, lat_min, lon_max, lat_max: Morocco to Iran, Turkey to Kenya.
WINDOW = (-20.0, -6.0, 66.0, 44.0)
TOLERANCE = 0.02  # degrees
DECIMALS = 2

# ISO 3166-1 numeric -> (alpha-2, Arabic name) for the countries of the window.
# Natural Earth's English names are kept as `name`.
COUNTRIES = {
    "004": ("AF", "أفغانستان"),
    "012": ("DZ", "الجزائر"),
    "031": ("AZ", "أذربيجان"),
    "048": ("BH", "البحرين"),
    "051": ("AM", "أرمينيا"),
    "100": ("BG", "بلغاريا"),
    "108": ("BI", "بوروندي"),
    "120": ("CM", "الكاميرون"),
    "140": ("CF", "جمهورية أفريقيا الوسطى"),
    "148": ("TD", "تشاد"),
    "180": ("CD", "جمهورية الكونغو الديمقراطية"),
    "196": ("CY", "قبرص"),
    "231": ("ET", "إثيوبيا"),
    "232": ("ER", "إريتريا"),
    "262": ("DJ", "جيبوتي"),
    "268": ("GE", "جورجيا"),
    "275": ("PS", "فلسطين"),
    "300": ("GR", "اليونان"),
    "364": ("IR", "إيران"),
    "368": ("IQ", "العراق"),
    "376": ("IL", "إسرائيل"),
    "380": ("IT", "إيطاليا"),
    "398": ("KZ", "كازاخستان"),
    "400": ("JO", "الأردن"),
    "404": ("KE", "كينيا"),
    "414": ("KW", "الكويت"),
    "422": ("LB", "لبنان"),
    "434": ("LY", "ليبيا"),
    "466": ("ML", "مالي"),
    "470": ("MT", "مالطا"),
    "478": ("MR", "موريتانيا"),
    "504": ("MA", "المغرب"),
    "512": ("OM", "عُمان"),
    "562": ("NE", "النيجر"),
    "566": ("NG", "نيجيريا"),
    "586": ("PK", "باكستان"),
    "620": ("PT", "البرتغال"),
    "634": ("QA", "قطر"),
    "643": ("RU", "روسيا"),
    "646": ("RW", "رواندا"),
    "682": ("SA", "السعودية"),
    "706": ("SO", "الصومال"),
    "724": ("ES", "إسبانيا"),
    "728": ("SS", "جنوب السودان"),
    "729": ("SD", "السودان"),
    "732": ("EH", "الصحراء الغربية"),
    "760": ("SY", "سوريا"),
    "762": ("TJ", "طاجيكستان"),
    "788": ("TN", "تونس"),
    "792": ("TR", "تركيا"),
    "795": ("TM", "تركمانستان"),
    "800": ("UG", "أوغندا"),
    "804": ("UA", "أوكرانيا"),
    "784": ("AE", "الإمارات"),
    "818": ("EG", "مصر"),
    "834": ("TZ", "تنزانيا"),
    "860": ("UZ", "أوزبكستان"),
    "887": ("YE", "اليمن"),
}


def decode_arcs(topology):
    sx, sy = topology["transform"]["scale"]
    tx, ty = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs, indices):
    points = []
    for index in indices:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def clip(points, window):
    """Sutherland-Hodgman against the window's four edges."""
    x0, y0, x1, y1 = window
    edges = [
        (lambda p: p[0] >= x0, lambda a, b: cut_x(a, b, x0)),
        (lambda p: p[0] <= x1, lambda a, b: cut_x(a, b, x1)),
        (lambda p: p[1] >= y0, lambda a, b: cut_y(a, b, y0)),
        (lambda p: p[1] <= y1, lambda a, b: cut_y(a, b, y1)),
    ]
    for inside, cut in edges:
        if not points:
            break
        out = []
        prev = points[-1]
        for p in points:
            if inside(p):
                if not inside(prev):
                    out.append(cut(prev, p))
                out.append(p)
            elif inside(prev):
                out.append(cut(prev, p))
            prev = p
        points = out
    return points


def cut_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def cut_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def simplify(points, tolerance):
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        ax, ay = points[first]
        bx, by = points[last]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        best, index = 0.0, None
        for i in range(first + 1, last):
            px, py = points[i]
            if norm == 0:
                d = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            else:
                d = abs(dy * px - dx * py + bx * ay - by * ax) / norm
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep) if k]


def finish(points):
    rounded = []
    for x, y in points:
        p = [round(x, DECIMALS), round(y, DECIMALS)]
        if not rounded or rounded[-1] != p:
            rounded.append(p)
    if len(rounded) < 4:
        return None
    if rounded[0] != rounded[-1]:
        rounded.append(rounded[0])
    return rounded


def main(path):
    with open(path, encoding="utf-8") as f:
        topology = json.load(f)
    arcs = decode_arcs(topology)
    features = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        kind = geometry["type"]
        if kind == "Polygon":
            polygons = [geometry["arcs"]]
        elif kind == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        out = []
        for polygon in polygons:
            rings = []
            for indices in polygon:
                points = clip(ring(arcs, indices), WINDOW)
                if len(points) < 3:
                    continue
                points = finish(simplify(points + [points[0]], TOLERANCE))
                if points:
                    rings.append(points)
            if rings:
                out.append(rings)
        if not out:
            continue
        code = geometry.get("id")
        iso2, name_ar = COUNTRIES.get(code, (None, None))
        properties = {"name": geometry["properties"]["name"]}
        if iso2:
            properties["iso2"] = iso2
            properties["name_ar"] = name_ar
        features.append(
            {
                "type": "Feature",
                "properties": properties,
                "geometry": {"type": "MultiPolygon", "coordinates": out},
            }
        )
    features.sort(key=lambda f: f["properties"]["name"])
    collection = {
        "type": "FeatureCollection",
        "bbox": list(WINDOW),
        "features": features,
    }
    json.dump(collection, sys.stdout, ensure_ascii=False, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
