"""The terrain of each hex from the shorelines: sample points in every hex, classified as sea, land
or lake."""

from __future__ import annotations

import math

import numpy as np

from engine.mapgen.geo import (
    SQRT3,
    Georef,
    hex_center_xy,
    hex_size,
)
from engine.mapgen.polygons import _classify_points

SEA, LAKE, CLEAR, TOWN, CITY = "~", "l", ".", "t", "c"
LEGEND = {SEA: "sea", LAKE: "lake", CLEAR: "clear", TOWN: "town", CITY: "city"}
LAND = frozenset({CLEAR, TOWN, CITY})


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
