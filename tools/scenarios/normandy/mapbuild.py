"""Build the Normandy 1944 map block from the generated base map and geography.py.

The base map (base_map.yaml, a copy of `wargame mapgen --bbox -5.2 47.1 2.6 50 --hex-km 6`)
gives the coastline, the Seine and the Loire and the georeference. On it this module paints
the terrain regions, adds the rivers WDBII lacks (as hexside chains from lon/lat waypoints,
with the generator's own `_sides_along`), places, roads and railways.
"""
from __future__ import annotations

import math
from collections import deque
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from engine import hexgrid
from engine.mapgen.geo import Georef, hex_center_xy, hex_neighbors
from engine.mapgen.hexsides import _densify, _sides_along

import geography as G

HERE = Path(__file__).resolve().parent
SEA = "~"
LEGEND = {"~": "sea", ".": "clear", "b": "bocage", "f": "forest", "m": "marsh", "h": "hills", "t": "town", "c": "city"}
TERRAIN_CHAR = {"clear": ".", "bocage": "b", "forest": "f", "marsh": "m", "hills": "h", "town": "t", "city": "c"}

Side = tuple[tuple[int, int], tuple[int, int]]


class MapBuilder:
    def __init__(self, base_path: Path = HERE / "base_map.yaml") -> None:
        base = yaml.load(base_path.read_text(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        self.base = base
        g = base["geo"]
        self.geo = Georef(g["origin_lon"], g["origin_lat"], g["ref_lat"], g["hex_km"], base["columns"], base["rows"])
        self.cols, self.rows = base["columns"], base["rows"]
        self.digits = hexgrid.id_digits(self.cols, self.rows)
        lines = base["terrain"].splitlines()
        # Start from sea and clear only: the generated town/city hexes were modern places.
        self.grid = np.array([[SEA if ch == SEA else "." for ch in line] for line in lines])
        self.places: list[dict[str, Any]] = []
        self.place_hex: dict[str, tuple[int, int]] = {}
        self.rivers: list[dict[str, Any]] = []
        self.blown: set[Side] = set()          # hexsides of rivers without usable bridges
        self.roads: list[dict[str, Any]] = []
        self.railways: list[dict[str, Any]] = []
        self.notes: list[str] = []

    # -- helpers --------------------------------------------------------------------------
    def hid(self, c: int, r: int) -> str:
        return hexgrid.format_hex_id(c, r, self.digits)

    def colrow(self, lon: float, lat: float) -> tuple[int, int]:
        c, r = self.geo.lonlat_to_colrow(lon, lat)
        return int(c), int(r)

    def on_map(self, c: int, r: int) -> bool:
        return 0 <= c < self.cols and 0 <= r < self.rows

    def land(self, c: int, r: int) -> bool:
        return self.on_map(c, r) and self.grid[r, c] != SEA

    def centres_lonlat(self) -> tuple[np.ndarray, np.ndarray]:
        cols, rows = np.meshgrid(np.arange(self.cols), np.arange(self.rows))
        return self.geo.colrow_to_lonlat(cols, rows)

    # -- terrain ----------------------------------------------------------------------------
    def paint_regions(self) -> None:
        lon, lat = self.centres_lonlat()
        x, y = self.geo.lonlat_to_xy(lon, lat)
        for region in G.REGIONS:
            ch = TERRAIN_CHAR[region["terrain"]]
            mask = np.zeros(self.grid.shape, bool)
            if "polygon" in region:
                mask |= _inside(lon, lat, region["polygon"])
            for blon, blat, radius in region.get("blobs", []):
                bx, by = self.geo.lonlat_to_xy(blon, blat)
                mask |= np.hypot(x - bx, y - by) <= radius
                c, r = self.colrow(blon, blat)
                if self.on_map(c, r):
                    mask[r, c] = True
            mask &= self.grid != SEA
            self.grid[mask] = ch

    def add_places(self) -> None:
        taken: dict[tuple[int, int], str] = {}
        for p in G.PLACES:
            c, r = self.colrow(p["lon"], p["lat"])
            if not self.on_map(c, r):
                raise SystemExit(f"{p['name']} is off the map")
            if (c, r) in taken:
                raise SystemExit(f"{p['name']} falls in the hex of {taken[(c, r)]} ({self.hid(c, r)})")
            taken[(c, r)] = p["name"]
            if self.grid[r, c] == SEA:
                self.notes.append(f"{p['name']}: hex {self.hid(c, r)} was sea in the generated map; made land")
                self.grid[r, c] = "."
            if p.get("t"):
                self.grid[r, c] = p["t"]
            self.place_hex[p["name"]] = (c, r)
            out: dict[str, Any] = {"name": p["name"], "hex": self.hid(c, r), "kind": p["kind"]}
            for key in ("vp", "fort"):
                if p.get(key):
                    out[key] = p[key]
            if p.get("port"):
                out["port"] = True
            if p.get("local") and p["local"] != p["name"]:
                out["name_local"] = p["local"]
            self.places.append(out)

    # -- rivers -----------------------------------------------------------------------------
    def add_rivers(self) -> None:
        used: set[Side] = set()
        # generated rivers first (Loire, Seine, Marne), renamed
        where = {p["hex"]: p["name"] for p in self.base.get("places", [])}
        for river in self.base.get("rivers", []):
            sides = [_parse_side(s, self.digits) for s in river["sides"]]
            near = {where.get(self.hid(*h)) for sd in sides for h in sd} - {None}
            name, blown = None, False
            for place, (rname, rblown) in G.GENERATED_RIVERS.items():
                if place in near:
                    name, blown = rname, rblown
            if name is None:
                continue
            sides = [sd for sd in sides if self.land(*sd[0]) and self.land(*sd[1]) and sd not in used]
            used.update(sides)
            if blown:
                for sd in sides:
                    lon, _ = self.geo.colrow_to_lonlat(*sd[0])
                    if name != "Seine" or lon < G.SEINE_BRIDGES_EAST_OF_LON:
                        self.blown.add(sd)
            self.rivers.append({"name": name, "kind": river["kind"], "sides": sides})
        for river in G.RIVERS:
            pts = np.array(river["points"], dtype=float)
            x, y = self.geo.lonlat_to_xy(pts[:, 0], pts[:, 1])
            x, y = _densify(np.asarray(x), np.asarray(y), self.geo.hex_km / 8.0)
            sides = _sides_along(self.geo, x, y)
            sides = [sd for sd in sides if self.land(*sd[0]) and self.land(*sd[1]) and sd not in used]
            used.update(sides)
            if len(sides) < 2:
                self.notes.append(f"river {river['name']}: only {len(sides)} hexsides, dropped")
                continue
            self.rivers.append({"name": river["name"], "kind": river["kind"], "sides": sides})
        self.river_sides = used

    # -- roads and railways ------------------------------------------------------------------
    def _point(self, p: Any) -> tuple[int, int]:
        if isinstance(p, str):
            return self.place_hex[p]
        return self.colrow(*p)

    def _land_path(self, a: tuple[int, int], b: tuple[int, int]) -> list[tuple[int, int]]:
        """Hexes from a to b: the straight hex line if it stays on land, else the shortest
        land path (ties broken towards the straight line)."""
        ha, hb = hexgrid.from_offset(*a), hexgrid.from_offset(*b)
        straight = [hexgrid.to_offset(h) for h in hexgrid.line(ha, hb)]
        if all(self.land(*h) for h in straight):
            return straight
        ax, ay = hex_center_xy(a[0], a[1], self.geo.hex_km)
        bx, by = hex_center_xy(b[0], b[1], self.geo.hex_km)

        def off_line(h: tuple[int, int]) -> float:
            hx, hy = hex_center_xy(h[0], h[1], self.geo.hex_km)
            dx, dy = bx - ax, by - ay
            return abs(dx * (hy - ay) - dy * (hx - ax)) / max(1e-9, math.hypot(dx, dy))

        prev = {a: a}
        q = deque([a])
        while q:
            cur = q.popleft()
            if cur == b:
                break
            for nb in sorted(hex_neighbors(*cur), key=off_line):
                if nb not in prev and self.land(*nb):
                    prev[nb] = cur
                    q.append(nb)
        if b not in prev:
            raise SystemExit(f"no land path from {self.hid(*a)} to {self.hid(*b)}")
        path = [b]
        while path[-1] != a:
            path.append(prev[path[-1]])
        return path[::-1]

    def _route(self, name: str, points: list) -> list[dict[str, Any]]:
        hexes: list[tuple[int, int]] = []
        for p0, p1 in zip(points, points[1:]):
            seg = self._land_path(self._point(p0), self._point(p1))
            hexes.extend(seg if not hexes else seg[1:])
        # cut where the route crosses a river whose bridges were down
        pieces: list[list[tuple[int, int]]] = [[hexes[0]]]
        for h0, h1 in zip(hexes, hexes[1:]):
            if (min(h0, h1), max(h0, h1)) in self.blown:
                pieces.append([h1])
            else:
                pieces[-1].append(h1)
        out = []
        for k, piece in enumerate(pieces):
            if len(piece) >= 2:
                label = name if len(pieces) == 1 else f"{name} ({k + 1})"
                out.append({"name": label, "path": [self.hid(*h) for h in piece]})
        return out

    def add_routes(self) -> None:
        for name, pts in G.ROADS:
            self.roads.extend(self._route(name, pts))
        for name, pts in G.RAILWAYS:
            self.railways.extend(self._route(name, pts))

    # -- output -----------------------------------------------------------------------------
    def build(self) -> dict[str, Any]:
        self.paint_regions()
        self.add_places()
        self.add_rivers()
        self.add_routes()
        return self.block()

    def block(self) -> dict[str, Any]:
        g = self.base["geo"]
        return {
            "columns": self.cols, "rows": self.rows, "offset": "odd-q",
            "geo": {"origin_lon": g["origin_lon"], "origin_lat": g["origin_lat"], "ref_lat": g["ref_lat"],
                    "hex_km": g["hex_km"], "source": g.get("source", "") + "; painted by tools/scenarios/normandy/build.py"},
            "legend": dict(LEGEND),
            "terrain": "\n".join("".join(row) for row in self.grid) + "\n",
            "rivers": [{"name": r["name"], "kind": r["kind"], "sides": [f"{self.hid(*a)}-{self.hid(*b)}" for a, b in r["sides"]]} for r in self.rivers],
            "roads": self.roads,
            "railways": self.railways,
            "places": self.places,
        }


def _parse_side(text: str, digits: int) -> Side:
    a, b = text.split("-")
    ha = (int(a[:digits]), int(a[digits:]))
    hb = (int(b[:digits]), int(b[digits:]))
    return (ha, hb) if ha < hb else (hb, ha)


def _inside(lon: np.ndarray, lat: np.ndarray, poly: list[tuple[float, float]]) -> np.ndarray:
    """Even-odd point-in-polygon test for arrays of points."""
    inside = np.zeros(lon.shape, bool)
    n = len(poly)
    for i in range(n):
        x0, y0 = poly[i]
        x1, y1 = poly[(i + 1) % n]
        crosses = (y0 > lat) != (y1 > lat)
        with np.errstate(divide="ignore", invalid="ignore"):
            xint = x0 + (lat - y0) * (x1 - x0) / (y1 - y0)
        inside ^= crosses & (lon < xint)
    return inside
