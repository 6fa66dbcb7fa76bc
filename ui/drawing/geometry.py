"""Screen geometry of a map at one hex size: hex centres, corners, hexside edges, picking.

Flat-top hexes, "odd-q" offsets (odd columns shifted down half a hex), as in
`engine.hexgrid`. World pixels are the pixels of the whole map drawn at hex size `s`
(centre to corner); the camera maps them to the screen.
"""
from __future__ import annotations

import math

import numpy as np

from engine import hexgrid
from engine.hexgrid import FLAT, Layout

SQRT3 = math.sqrt(3.0)

# Corner i of a flat-top hex lies at angle 60*i degrees (screen y grows downwards).
CORNERS = np.array([(math.cos(math.radians(60 * i)), math.sin(math.radians(60 * i))) for i in range(6)])


def _edge_corners() -> list[tuple[int, int]]:
    """For each engine direction d, the two corners of the hexside towards DIRECTIONS[d]."""
    unit = Layout(FLAT, (1.0, 1.0))
    out = []
    for d in hexgrid.DIRECTIONS:
        x, y = unit.hex_to_pixel(d)
        ang = math.degrees(math.atan2(y, x)) % 360
        a = int(round((ang - 30) / 60)) % 6
        out.append((a, (a + 1) % 6))
    return out


EDGE_CORNERS = _edge_corners()
# Unit vector from a hex centre towards its neighbour in direction d (length = apothem).
_unit = Layout(FLAT, (1.0, 1.0))
DIR_VECTORS = np.array([_unit.hex_to_pixel(d) for d in hexgrid.DIRECTIONS]) / 2.0


class MapGeometry:
    """Pixel geometry of one map at hex size `s` (centre-to-corner radius in pixels)."""

    def __init__(self, columns: int, rows: int, s: float, margin: float | None = None) -> None:
        self.columns, self.rows, self.s = columns, rows, float(s)
        self.margin = float(margin if margin is not None else max(4.0, s * 0.4))
        m, s = self.margin, self.s
        self.h = SQRT3 * s                         # hex height (flat to flat)
        self.ox = m + s                            # centre of column 0
        self.oy = m + self.h / 2                   # centre of row 0 (even column)
        idx = np.arange(columns * rows)
        col, row = idx % columns, idx // columns
        self.cx = self.ox + 1.5 * s * col
        self.cy = self.oy + self.h * (row + 0.5 * (col & 1))
        self.width = int(math.ceil(2 * m + 2 * s + 1.5 * s * (columns - 1)))
        self.height = int(math.ceil(2 * m + self.h * (rows + (0.5 if columns > 1 else 0))))
        self.layout = Layout(FLAT, (s, s), (self.ox, self.oy))
        self.corners = CORNERS * s                 # (6, 2) offsets

    def centre(self, i: int) -> tuple[float, float]:
        return float(self.cx[i]), float(self.cy[i])

    def polygon(self, i: int, scale: float = 1.0, dx: float = 0.0, dy: float = 0.0) -> list[tuple[float, float]]:
        cx, cy = self.cx[i] + dx, self.cy[i] + dy
        return [(cx + x * scale, cy + y * scale) for x, y in self.corners]

    def edge(self, i: int, d: int, dx: float = 0.0, dy: float = 0.0) -> tuple[tuple[float, float], tuple[float, float]]:
        """The two end points of hexside d of hex i."""
        a, b = EDGE_CORNERS[d]
        cx, cy = self.cx[i] + dx, self.cy[i] + dy
        return (cx + self.corners[a][0], cy + self.corners[a][1]), (cx + self.corners[b][0], cy + self.corners[b][1])

    def edge_mid(self, i: int, d: int, dx: float = 0.0, dy: float = 0.0) -> tuple[float, float]:
        v = DIR_VECTORS[d] * self.s
        return self.cx[i] + dx + v[0], self.cy[i] + dy + v[1]

    def pick(self, x: float, y: float) -> int:
        """Dense index of the hex under world pixel (x, y), or -1 off the map."""
        h = self.layout.pixel_to_hex(x, y)
        col, row = hexgrid.to_offset(h)
        if 0 <= col < self.columns and 0 <= row < self.rows:
            return row * self.columns + col
        return -1

    def indices_in_rect(self, x0: float, y0: float, x1: float, y1: float, pad: float = 0.0) -> np.ndarray:
        """Indices of every hex whose box touches the world rectangle (grown by `pad`)."""
        s = self.s
        x0, y0, x1, y1 = x0 - pad, y0 - pad, x1 + pad, y1 + pad
        c0 = max(0, int(math.floor((x0 - self.ox - s) / (1.5 * s))))
        c1 = min(self.columns - 1, int(math.ceil((x1 - self.ox + s) / (1.5 * s))))
        r0 = max(0, int(math.floor((y0 - self.oy - self.h) / self.h)))
        r1 = min(self.rows - 1, int(math.ceil((y1 - self.oy + self.h) / self.h)))
        if c1 < c0 or r1 < r0:
            return np.zeros(0, dtype=np.int64)
        cols = np.arange(c0, c1 + 1)
        rows = np.arange(r0, r1 + 1)
        return (rows[:, None] * self.columns + cols[None, :]).ravel()
