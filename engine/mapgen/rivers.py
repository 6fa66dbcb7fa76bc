"""Rivers and lakes drawn as rivers: from the WDBII lines (or lake centre lines) to hexside lists
of a map block."""

from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np

from engine.mapgen.basemap import _river_lines, _shore_edges
from engine.mapgen.geo import (
    SQRT3,
    Georef,
    hex_size,
    id_digits,
)
from engine.mapgen.hexsides import Side, _densify, _keep_land_sides, _side_text, _sides_along, _sides_nearest
from engine.mapgen.polygons import _odd_crossings
from engine.mapgen.thinning import _thin, _trace

# Default: the major rivers (river-lakes, permanent major, additional major).
DEFAULT_RIVER_CLASSES: tuple[int, ...] = (1, 2, 3)
# Classes drawn as `kind: major`; the others become `minor`.
MAJOR_RIVER_CLASSES = frozenset({1, 2})
# Side branches of lake centre lines shorter than this many hexes are dropped.
SPUR_HEXES = 1.5


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
