"""Georeferencing of a hex map: longitude/latitude <-> map kilometres <-> hexes.

The map uses flat-top hexes in the "odd-q" offset layout (odd columns shifted
down half a hex), with y pointing SOUTH so that row 0 is the northern edge.

* ``hex_km`` is the distance between the centres of two adjacent hexes (the
  flat-to-flat width); the hex size (centre to corner) is ``s = hex_km / sqrt(3)``.
* The centre of hex (col, row) lies at ``x = 1.5 * s * col`` and
  ``y = sqrt(3) * s * (row + 0.5 * (col & 1))`` kilometres from the centre of
  hex (0, 0).
* Geography is projected with a local equirectangular projection::

      x_km = (lon - origin_lon) * 111.320 * cos(radians(ref_lat))
      y_km = (origin_lat - lat) * 110.574

  where (origin_lon, origin_lat) is the position of the centre of hex (0, 0)
  (the top-left hex) and ``ref_lat`` the latitude of the middle of the map.

Over an operational map (a few hundred kilometres, mid latitudes) the
projection keeps distances within a few per cent of the great-circle distance.

The hex maths (rounding, offsets, neighbours, ids) is the engine's, from engine/hexgrid.py;
this module adds the projection. Every conversion takes plain floats or numpy arrays
(elementwise).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from engine import hexgrid
from engine.hexgrid import format_hex_id, id_digits

__all__ = [
    "KM_PER_DEG_LON_EQUATOR",
    "KM_PER_DEG_LAT",
    "SQRT3",
    "EARTH_RADIUS_KM",
    "MAX_MAP_HEXES",
    "Georef",
    "hex_size",
    "hex_center_xy",
    "xy_to_colrow",
    "hex_neighbors",
    "real_distance_km",
    "id_digits",
    "format_hex_id",
]

KM_PER_DEG_LON_EQUATOR = 111.320
KM_PER_DEG_LAT = 110.574
EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)
SQRT3 = math.sqrt(3.0)

# Largest map (columns or rows) that `Georef.for_bbox` agrees to lay out.
MAX_MAP_HEXES = 400


def hex_size(hex_km: float) -> float:
    """Centre-to-corner size of a flat-top hex whose flat-to-flat width is `hex_km`."""
    return hex_km / SQRT3


def hex_center_xy(col: Any, row: Any, hex_km: float) -> tuple[Any, Any]:
    """Centre of hex (col, row) in km from the centre of hex (0, 0), y to the south."""
    s = hex_size(hex_km)
    col_a = np.asarray(col)
    row_a = np.asarray(row)
    x = 1.5 * s * col_a
    y = SQRT3 * s * (row_a + 0.5 * (col_a & 1))
    if x.ndim == 0:
        return float(x), float(y)
    return x, y


def xy_to_colrow(x: Any, y: Any, hex_km: float) -> tuple[Any, Any]:
    """The hex (col, row) whose centre is nearest to the point (x, y) km.

    Exact hex rounding: the point is converted to fractional cube coordinates,
    rounded, and the component with the largest rounding error recomputed from
    the other two, so points near a hexside land in the right hex (not in the
    hex of the nearest row).
    """
    s = hex_size(hex_km)
    xa = np.asarray(x, dtype=float)
    ya = np.asarray(y, dtype=float)
    # fractional axial coordinates (flat-top, y down)
    qf = (2.0 / 3.0) * xa / s
    rf = (-1.0 / 3.0) * xa / s + (SQRT3 / 3.0) * ya / s
    col, row = hexgrid.axial_to_offset_arrays(*hexgrid.hex_round_arrays(qf, rf), "odd-q")
    if col.ndim == 0:
        return int(col), int(row)
    return col, row


# The engine's directions (axial) in the order used here: N, NE, SE, S, SW, NW (clockwise from
# north, y pointing south), and as (column, row) offsets per column parity.
CLOCKWISE_FROM_NORTH = tuple(hexgrid.DIRECTIONS[i] for i in (2, 1, 0, 5, 4, 3))


def _offsets(col: int) -> tuple[tuple[int, int], ...]:
    h = hexgrid.from_offset(col, 0)
    return tuple((c - col, r) for c, r in (hexgrid.to_offset(h + d) for d in CLOCKWISE_FROM_NORTH))


NEIGHBOR_OFFSETS_EVEN = _offsets(0)
NEIGHBOR_OFFSETS_ODD = _offsets(1)


def hex_neighbors(col: int, row: int) -> list[tuple[int, int]]:
    """The six neighbours of (col, row), clockwise from north (may be off the map)."""
    table = NEIGHBOR_OFFSETS_ODD if col & 1 else NEIGHBOR_OFFSETS_EVEN
    return [(col + dc, row + dr) for dc, dr in table]


def real_distance_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle (haversine) distance in km between two points in degrees."""
    p1 = math.radians(lat1)
    p2 = math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2.0 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class Georef:
    """Ties a hex map to the Earth (see the module docstring for the formulas).

    `columns` and `rows` are the map size when known (set by `for_bbox`); they
    are not needed by the conversions.
    """

    origin_lon: float
    origin_lat: float
    ref_lat: float
    hex_km: float
    columns: int = 0
    rows: int = 0

    def __post_init__(self) -> None:
        if not (self.hex_km > 0 and math.isfinite(self.hex_km)):
            raise ValueError(f"hex_km must be a positive number, not {self.hex_km!r}")
        if not -85.0 <= self.ref_lat <= 85.0:
            raise ValueError(f"ref_lat {self.ref_lat!r} is too close to a pole for this projection")

    # ------------------------------------------------------------------ building
    @classmethod
    def for_bbox(
        cls, west: float, south: float, east: float, north: float, hex_km: float
    ) -> "Georef":
        """The georeference and map size covering a longitude/latitude box.

        The centre of hex (0, 0) sits on the north-west corner of the box, the
        projection is referenced to the latitude of the box middle, and
        `columns` x `rows` are the fewest hexes whose centres reach the east and
        south edges. Raises ValueError for an empty or impossible box, or one
        needing more than MAX_MAP_HEXES columns or rows.
        """
        vals = (west, south, east, north, hex_km)
        if not all(isinstance(v, (int, float)) and math.isfinite(v) for v in vals):
            raise ValueError("bbox and hex size must be finite numbers")
        if hex_km <= 0:
            raise ValueError(f"hex size must be positive, not {hex_km:g} km")
        if not (-180.0 <= west < east <= 180.0):
            raise ValueError(
                f"need -180 <= west < east <= 180 (got west {west:g}, east {east:g})"
            )
        if not (-85.0 <= south < north <= 85.0):
            raise ValueError(
                f"need -85 <= south < north <= 85 (got south {south:g}, north {north:g})"
            )
        ref_lat = 0.5 * (south + north)
        probe = cls(west, north, ref_lat, hex_km)
        width_km, height_km = probe.lonlat_to_xy(east, south)
        s = hex_size(hex_km)
        columns = int(math.ceil(width_km / (1.5 * s) - 1e-9)) + 1
        rows = int(math.ceil(height_km / (SQRT3 * s) - 1e-9)) + 1
        if columns > MAX_MAP_HEXES or rows > MAX_MAP_HEXES:
            raise ValueError(
                f"the box needs {columns} x {rows} hexes of {hex_km:g} km; the most is "
                f"{MAX_MAP_HEXES} x {MAX_MAP_HEXES}: use bigger hexes or a smaller box"
            )
        return cls(west, north, ref_lat, hex_km, columns, rows)

    # --------------------------------------------------------------- projection
    @property
    def km_per_deg_lon(self) -> float:
        return KM_PER_DEG_LON_EQUATOR * math.cos(math.radians(self.ref_lat))

    def lonlat_to_xy(self, lon: Any, lat: Any) -> tuple[Any, Any]:
        """Map kilometres (x east, y south) from the centre of hex (0, 0)."""
        x = (np.asarray(lon, dtype=float) - self.origin_lon) * self.km_per_deg_lon
        y = (self.origin_lat - np.asarray(lat, dtype=float)) * KM_PER_DEG_LAT
        if x.ndim == 0:
            return float(x), float(y)
        return x, y

    def xy_to_lonlat(self, x: Any, y: Any) -> tuple[Any, Any]:
        """Inverse of `lonlat_to_xy`."""
        lon = self.origin_lon + np.asarray(x, dtype=float) / self.km_per_deg_lon
        lat = self.origin_lat - np.asarray(y, dtype=float) / KM_PER_DEG_LAT
        if lon.ndim == 0:
            return float(lon), float(lat)
        return lon, lat

    # --------------------------------------------------------------------- hexes
    def lonlat_to_colrow(self, lon: Any, lat: Any) -> tuple[Any, Any]:
        """The hex (col, row) whose centre is nearest to the point (may be off the map)."""
        x, y = self.lonlat_to_xy(lon, lat)
        return xy_to_colrow(x, y, self.hex_km)

    def colrow_to_lonlat(self, col: Any, row: Any) -> tuple[Any, Any]:
        """Geographic position of the centre of hex (col, row)."""
        x, y = hex_center_xy(col, row, self.hex_km)
        return self.xy_to_lonlat(x, y)

    def hex_distance_km(self, col1: int, row1: int, col2: int, row2: int) -> float:
        """Straight-line distance in map km between two hex centres."""
        x1, y1 = hex_center_xy(col1, row1, self.hex_km)
        x2, y2 = hex_center_xy(col2, row2, self.hex_km)
        return math.hypot(x2 - x1, y2 - y1)

    def on_map(self, col: int, row: int) -> bool:
        return 0 <= col < self.columns and 0 <= row < self.rows

    def hex_id(self, col: int, row: int) -> str:
        """Hex id text for this map's size (needs `columns`/`rows`)."""
        return format_hex_id(col, row, id_digits(self.columns, self.rows))

    def as_block(self, source: str | None = None) -> dict[str, Any]:
        """The `geo:` mapping of a scenario map block."""
        out: dict[str, Any] = {
            "origin_lon": round(self.origin_lon, 6),
            "origin_lat": round(self.origin_lat, 6),
            "ref_lat": round(self.ref_lat, 6),
            "hex_km": self.hex_km,
        }
        if source is not None:
            out["source"] = source
        return out
