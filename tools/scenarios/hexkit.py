"""Helpers for the scenario build scripts: a georeferenced hex grid addressed by `CCRR` ids, and
the YAML writing the generated files share.

A build script makes one `Grid` from its map's `Georef` and places things by longitude and
latitude (`at`), joins waypoints with hex lines (`chain`), floods areas (`flood`) and turns
lon/lat polylines into hexsides with the map generator's own code (`sides_along`). YAML scalars
are written with `q` and `flow` (the generator's YAML writer, engine/mapgen/yamltext.py), lists
wrapped with the generator's `wrap_items`, so the generated files read like the generator's maps.
"""
from __future__ import annotations

import hashlib
import math

import numpy as np

from engine import hexgrid
from engine.mapgen import hexsides
from engine.mapgen.geo import Georef, hex_center_xy
from engine.mapgen import wrap_items as wrap  # noqa: F401  (re-exported for the build scripts)
from engine.mapgen.yamltext import scalar


class Grid:
    """The hexes of one map, by `CCRR` id (two digits each: maps under 100 x 100)."""

    def __init__(self, geo: Georef) -> None:
        self.geo = geo
        self.cols, self.rows = geo.columns, geo.rows

    def hid(self, c: int, r: int) -> str:
        return f"{c:02d}{r:02d}"

    def parse(self, h: str) -> tuple[int, int]:
        return int(h[:2]), int(h[2:])

    def on_map(self, c: int, r: int) -> bool:
        return 0 <= c < self.cols and 0 <= r < self.rows

    def all(self) -> list[str]:
        return [self.hid(c, r) for r in range(self.rows) for c in range(self.cols)]

    def at(self, lon: float, lat: float) -> str:
        """The hex whose centre is nearest to a point."""
        c, r = self.geo.lonlat_to_colrow(lon, lat)
        return self.hid(int(c), int(r))

    def lonlat(self, h: str) -> tuple[float, float]:
        return self.geo.colrow_to_lonlat(*self.parse(h))

    def nbrs(self, h: str) -> list[str]:
        out = []
        for q in hexgrid.neighbors(hexgrid.from_offset(*self.parse(h))):
            cc, rr = hexgrid.to_offset(q)
            if self.on_map(cc, rr):
                out.append(self.hid(cc, rr))
        return out

    def line(self, a: str, b: str) -> list[str]:
        """Chain of neighbouring hexes from a to b (both included)."""
        ha, hb = hexgrid.from_offset(*self.parse(a)), hexgrid.from_offset(*self.parse(b))
        return [self.hid(*hexgrid.to_offset(h)) for h in hexgrid.line(ha, hb)]

    def chain(self, points: list[str]) -> list[str]:
        out: list[str] = []
        for a, b in zip(points, points[1:]):
            seg = self.line(a, b)
            out.extend(seg if not out else seg[1:])
        return out

    def shortest(self, a: str, b: str, allowed: set[str]) -> list[str]:
        """Fewest-hexes path from a to b through `allowed` hexes (ties: nearest to b, then lowest id)."""
        prev = {a: a}
        frontier = [a]
        while frontier and b not in prev:
            nxt = []
            for h in frontier:
                for n in sorted(self.nbrs(h), key=lambda n: (self.km_between(n, b), n)):
                    if n not in prev and (n in allowed or n == b):
                        prev[n] = h
                        nxt.append(n)
            frontier = nxt
        if b not in prev:
            raise ValueError(f"no path from {a} to {b}")
        path = [b]
        while path[-1] != a:
            path.append(prev[path[-1]])
        return path[::-1]

    def route(self, points: list[str], allowed: set[str]) -> list[str]:
        """Straight hex lines between waypoints, each led round hexes not `allowed` (water) where it must."""
        out: list[str] = []
        for a, b in zip(points, points[1:]):
            seg = self.line(a, b)
            if any(h not in allowed for h in seg[1:-1]):
                seg = self.shortest(a, b, allowed)
            out.extend(seg if not out else seg[1:])
        return out

    def km_between(self, a: str, b: str) -> float:
        (c1, r1), (c2, r2) = self.parse(a), self.parse(b)
        return self.geo.hex_distance_km(c1, r1, c2, r2)

    def near(self, lon: float, lat: float, km: float) -> list[str]:
        """Hexes whose centres lie within `km` of a point."""
        x0, y0 = self.geo.lonlat_to_xy(lon, lat)
        out = []
        for c in range(self.cols):
            for r in range(self.rows):
                x, y = hex_center_xy(c, r, self.geo.hex_km)
                if math.hypot(x - x0, y - y0) <= km:
                    out.append(self.hid(c, r))
        return out

    def along(self, polyline: list[tuple[float, float]], width_km: float = 0.0) -> list[str]:
        """Hexes a lon/lat polyline passes through (and within `width_km` of it), in order."""
        pts = [self.at(lon, lat) for lon, lat in polyline]
        out = list(dict.fromkeys(self.chain(pts) if len(pts) > 1 else pts))
        if width_km > 0:
            for lon, lat in polyline:
                out += [h for h in self.near(lon, lat, width_km) if h not in out]
        return out

    def flood(self, start: str, allowed: set[str]) -> set[str]:
        """Hexes of `allowed` joined to `start`."""
        seen, stack = {start}, [start]
        while stack:
            h = stack.pop()
            for n in self.nbrs(h):
                if n in allowed and n not in seen:
                    seen.add(n)
                    stack.append(n)
        return seen

    def south_of(self, edge: list[tuple[float, float]]) -> set[str]:
        """Hexes whose centres lie south of a west-east lon/lat line (linear between its points;
        nothing beyond its ends)."""
        lons = np.array([p[0] for p in edge])
        lats = np.array([p[1] for p in edge])
        out = set()
        for h in self.all():
            lon, lat = self.lonlat(h)
            if lons[0] <= lon <= lons[-1] and lat < float(np.interp(lon, lons, lats)):
                out.add(h)
        return out

    def sides_along(self, polyline: list[tuple[float, float]]) -> list[tuple[str, str]]:
        """Hexsides along a lon/lat polyline, by the map generator's river code."""
        pts = np.array(polyline, dtype=float)
        x, y = self.geo.lonlat_to_xy(pts[:, 0], pts[:, 1])
        x, y = hexsides._densify(np.asarray(x), np.asarray(y), self.geo.hex_km / 8.0)
        return [(self.hid(*a), self.hid(*b)) for a, b in hexsides._sides_along(self.geo, x, y)
                if self.on_map(*a) and self.on_map(*b)]


def jitter(h: str, salt: str) -> float:
    """A fixed pseudo-random number in [0, 1) per hex (for terrain patches)."""
    return int(hashlib.sha256(f"{salt}:{h}".encode()).hexdigest()[:8], 16) / 2**32


def q(v) -> str:
    """A YAML scalar, plain when it is an identifier (the one writer: engine/mapgen/yamltext.py)."""
    return scalar(v, quote_keys=())


def flow(d) -> str:
    """A YAML flow collection on one line (None values written as null)."""
    return scalar(d, quote_keys=(), nulls=True)


# -- the files every campaign writes the same way ------------------------------------------------
def turn_of(date: str, start: str, days_per_turn: int) -> int:
    """The turn (from 1) that holds `date` (ISO) in a game starting on `start`."""
    import datetime as dt

    return (dt.date.fromisoformat(date) - dt.date.fromisoformat(start)).days // days_per_turn + 1


def supply_yaml(header: str, comments: list[str], sources: list[tuple], hex_of) -> str:
    """supply.yaml: one source a line; `sources` holds (side, where, kind, range, name, from_turn,
    until_turn) and `hex_of(where)` gives the hex id."""
    out = [header.rstrip("\n")] + [f"# {c}" for c in comments]
    for side, where, kind, rng, name, frm, until in sources:
        d = {"side": side, "hex": hex_of(where), "kind": kind, "range": rng, "name": name}
        if frm:
            d["from_turn"] = frm
        if until:
            d["until_turn"] = until
        out.append(f"- {flow(d)}")
    return "\n".join(out) + "\n"


def victory_yaml(header: str, vp_side: str, elimination_vp: float, objectives: list[dict], levels: list[dict],
                 names: dict[str, str]) -> str:
    """victory.yaml: objectives (their places named, written as hexes) and levels."""
    out = [header.rstrip("\n"), f"vp_side: {vp_side}", f"elimination_vp: {elimination_vp}", "objectives:"]
    for o in objectives:
        out.append(f"  - {flow(dict(o, hexes=[names[h] for h in o['hexes']]))}")
    out.append("levels:")
    out += [f"  - {flow(lv)}" for lv in levels]
    return "\n".join(out) + "\n"


def history_yaml(header: str, year: int, reference: str, start_text: str, start: str, days_per_turn: int,
                 milestones: list[dict]) -> str:
    """history.yaml: each milestone with its day and turn in a comment."""
    import datetime as dt

    out = [header.rstrip("\n"), f"# What happened in {year}, for `wargame history` (docs/SCENARIOS.md, History): each",
           "# milestone's date, the tolerance in days and the source (ref = a record of",
           f"# shared/reference/{reference}). Day 0 is the start, {start_text}.", "milestones:"]
    first = dt.date.fromisoformat(start)
    for h in milestones:
        day = (dt.date.fromisoformat(h["date"]) - first).days
        out.append(f"  - {flow(h)}    # day {day}, turn {turn_of(h['date'], start, days_per_turn)}")
    return "\n".join(out) + "\n"


def scenario_head(header: str, name: str, rules, hex_km: float, nations: dict) -> list[str]:
    """The first lines of scenario.yaml, down to the rule overrides: `rules` is the campaign's
    rules module (TITLE, DESCRIPTION, START_DATE, TURNS, DAYS_PER_TURN, SIDES, FIRST_SIDE,
    RULE_OVERRIDES with `terrain` and `weather` blocks)."""
    import textwrap

    out = [header.rstrip("\n"),
           "# yaml-language-server: $schema=../../docs/scenario.schema.json",
           "format: 1",
           f"id: {name}",
           f"title: {q(rules.TITLE)}",
           "description: >",
           textwrap.fill(rules.DESCRIPTION, 96, initial_indent="  ", subsequent_indent="  "),
           f"start_date: {rules.START_DATE}",
           f"turns: {rules.TURNS}",
           f"days_per_turn: {rules.DAYS_PER_TURN}",
           f"hex_km: {hex_km}",
           "sides:"]
    out += [f"  - {flow(s)}" for s in rules.SIDES]
    out.append(f"first_side: {rules.FIRST_SIDE}")
    out.append("nations:")
    out += [f"  {k}: {flow(v)}" for k, v in nations.items()]
    out.append("rules: standard")
    out.append("rule_overrides:")
    for block in ("terrain", "weather"):
        out.append(f"  {block}:")
        out += [f"    {k}: {flow(v)}" for k, v in rules.RULE_OVERRIDES[block].items()]
    out += [f"  {k}: {flow(v)}" for k, v in rules.RULE_OVERRIDES.items() if k not in ("terrain", "weather")]
    return out


def map_head(header: str, m: dict) -> list[str]:
    """The first lines of map.yaml: size, offset, geo block, legend and terrain rows."""
    import json

    out = [header.rstrip("\n"), f"columns: {m['columns']}", f"rows: {m['rows']}", f"offset: {m['offset']}",
           f"geo: {flow(m['geo'])}", "legend:"]
    out += [f"  {json.dumps(k)}: {v}" for k, v in m["legend"].items()]
    out.append("terrain: |")
    out += ["  " + line for line in m["terrain"].splitlines()]
    return out


def routes_and_places(m: dict) -> list[str]:
    """map.yaml's railways, roads (named hex paths) and places."""
    out = []
    for key in ("railways", "roads"):
        out.append(f"{key}:")
        for r in m[key]:
            out.append(f"  - name: {q(r['name'])}")
            out.append("    path: [" + wrap([f'"{x}"' for x in r["path"]], 11) + "]")
    out.append("places:")
    out += [f"  - {flow(p)}" for p in m["places"]]
    return out


def hex_groups(key: str, groups: list[dict], field: str) -> list[str]:
    """A map.yaml list of named hex groups (`minefields` with their side, `fortifications` with
    their level): name, `field`, hexes."""
    out = [f"{key}:"]
    for g in groups:
        out.append(f"  - name: {q(g['name'])}")
        out.append(f"    {field}: {g[field]}")
        out.append("    hexes: [" + wrap([f'"{x}"' for x in g["hexes"]], 12) + "]")
    return out


def build_options(doc: str | None, argv: list[str] | None = None) -> None:
    """The command line of a build script that takes no options: `--help` shows its docstring's
    first line and writes nothing; anything else given is refused (exit 2) before a file is written."""
    import argparse

    argparse.ArgumentParser(description=(doc or "").strip().splitlines()[0] if doc else None).parse_args(argv)


def write_files(out, files: dict[str, str], root) -> None:
    """Write each generated file into the folder `out` that differs from what is there, and say so
    (paths shown relative to `root`)."""
    out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        path = out / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(root)}")
