"""Lines to hexsides: a river's points snapped to the hexsides it follows (nearest side, or along
hex corners and edges)."""

from __future__ import annotations

import math

import numpy as np

from engine.mapgen.geo import (
    NEIGHBOR_OFFSETS_EVEN,
    NEIGHBOR_OFFSETS_ODD,
    SQRT3,
    Georef,
    hex_center_xy,
    hex_size,
    xy_to_colrow,
)
from engine.mapgen.terrain import LAND

# --------------------------------------------------------------------------- hex helpers
# Neighbours of a flat-top odd-q hex, clockwise from north, per column parity,
# and the direction (degrees, y south) from a centre to each neighbour.
_NB_EVEN = np.array(NEIGHBOR_OFFSETS_EVEN)
_NB_ODD = np.array(NEIGHBOR_OFFSETS_ODD)
_DIR_ANGLES = (270.0, 330.0, 30.0, 90.0, 150.0, 210.0)


def _neighbour(col: np.ndarray, row: np.ndarray, d: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    odd = (col & 1).astype(bool)
    off = np.where(odd[:, None], _NB_ODD[d], _NB_EVEN[d])
    return col + off[:, 0], row + off[:, 1]


def _direction_towards(dx: np.ndarray, dy: np.ndarray) -> np.ndarray:
    """Index (0=N .. 5=NW, clockwise) of the hex direction closest to (dx, dy)."""
    ang = np.degrees(np.arctan2(dy, dx))
    return (np.round(((ang - 270.0) % 360.0) / 60.0).astype(np.int64)) % 6


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


def _side_text(side: Side, digits: int) -> str:
    (c0, r0), (c1, r1) = side
    return f"{c0:0{digits}d}{r0:0{digits}d}-{c1:0{digits}d}{r1:0{digits}d}"
