"""Point-in-polygon for many points at once: the even-odd rule against the shoreline rings,
scan line by scan line, to tell sea, land and lake apart."""

from __future__ import annotations

import numpy as np

from engine.mapgen.basemap import _shore_edges


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
