"""What the editor draws: a scenario for the map renderer kept in step with the draft, and the
counters of the draft's units.

The renderer (ui/drawing) draws a loaded `Scenario`. A draft being edited is often not a
valid scenario (that is what the problem list is for), so the editor loads one once (the
whole scenario, or only its map block when the rest has problems) and then writes the draft's
terrain and place names into that scenario's map arrays after each edit, dropping only the
cached map tiles the change touches. Counters are drawn from the draft's own unit list, with
the unit types of the rule set, by the game's counter art.
"""
from __future__ import annotations

import math
import tempfile
import weakref
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pygame
import yaml

from engine.errors import ScenarioError
from engine.rules import RuleSet
from engine.scenario.load import load_map_block, load_rules
from ui.drawing.counters import CounterArt, Look
from ui.drawing.mapart import TILE
from ui.drawing.palette import Palette, hex_colour, lighter
from ui.drawing.view import MapView
from ui.editor.model import Draft


def render_scenario(draft: Draft) -> Any | None:
    """A loaded scenario to draw the draft's map with: the draft itself when it loads, else its
    map block alone; None when even the map does not load (the problem list says why)."""
    scenario, _ = draft.check()
    if scenario is not None:
        return scenario
    block = draft.map_block()
    if not block:
        return None
    with tempfile.TemporaryDirectory(prefix="wargame-edit-map-") as tmp:
        path = Path(tmp) / "map.yaml"
        path.write_text(yaml.safe_dump(block, sort_keys=False, allow_unicode=True), encoding="utf-8")
        try:
            return load_map_block(path)
        except ScenarioError:
            return None


def draft_rules(draft: Draft) -> RuleSet:
    data = draft.data
    name = data.get("rules", "standard")
    overrides = data.get("rule_overrides")
    try:
        return load_rules(name if isinstance(name, str) and "." not in name else "standard",
                          overrides if isinstance(overrides, dict) else None)
    except ScenarioError:
        return load_rules("standard")


# The rivers, roads and railways lists each view last drew (the draft copies a list when it
# changes, so the same objects mean nothing to draw again).
_ROUTES_DRAWN: "weakref.WeakKeyDictionary[MapView, tuple]" = weakref.WeakKeyDictionary()


def sync_map(view: MapView, draft: Draft) -> int:
    """Write the draft's terrain and place names into the view's scenario; drop the tiles of
    the hexes that changed. Returns how many hexes changed."""
    sc = view.scenario
    m = sc.map
    cols, rows = draft.size()
    if (cols, rows) != (m.columns, m.rows):
        return 0
    names = sc.rules.terrain_names
    codes = {ch: names.index(t) for ch, t in draft.legend().items() if t in names}
    lut = np.full(256, -1, dtype=np.int16)      # one-byte legend characters: the row translated at once
    for ch, code in codes.items():
        if len(ch) == 1 and ord(ch) < 128:
            lut[ord(ch)] = code
    terrain = m.terrain.copy()
    for r, line in enumerate(draft.terrain_rows()[:rows]):
        text = line[:cols]
        if text.isascii():
            row = lut[np.frombuffer(text.encode("ascii"), dtype=np.uint8)]
        else:
            row = np.fromiter((codes.get(ch, -1) for ch in text), dtype=np.int16, count=len(text))
        ok = row >= 0
        terrain[r * cols: r * cols + len(row)][ok] = row[ok].astype(terrain.dtype)
    changed = np.flatnonzero(terrain != m.terrain)
    m.terrain[:] = terrain
    new_names: dict[int, str] = {}
    for p in draft.places():
        i = draft.hex_index(p.get("hex"))
        if i is not None and isinstance(p.get("name"), str) and (p.get("label") or i not in new_names):
            new_names[i] = p["name"]
    names_changed = new_names != m.names
    if names_changed:
        m.names.clear()
        m.names.update(new_names)
        view._named = np.array(sorted(m.names), dtype=np.int64)
        for attr in ("_named_order",):
            if hasattr(view, attr):
                delattr(view, attr)
    block = draft.map_block()
    key = (block.get("rivers"), block.get("roads"), block.get("railways"))
    last = _ROUTES_DRAWN.get(view)
    same = last is not None and all(a is b for a, b in zip(key, last))
    _ROUTES_DRAWN[view] = key                  # kept alive with the view, so `is` stays meaningful
    routes = {} if same else route_layers(draft, m)
    moved = np.zeros(m.size, dtype=bool)
    for name, layer in routes.items():
        old = getattr(m, name)
        if old.shape == layer.shape:
            moved |= old != layer
            old[:] = layer
    routes_changed = np.flatnonzero(moved)
    for static in view._static.values():
        if names_changed:
            static._labels.clear()
        if len(routes_changed):
            static._features = np.flatnonzero((m.road | m.rail | m.river_minor | m.river_major) != 0)
            repaint_tiles(static, set(routes_changed.tolist()) | set(changed.tolist()))
        if len(changed):
            refresh_static(static, changed)
    return len(changed) + len(routes_changed)


def route_layers(draft: Draft, m: Any) -> dict[str, np.ndarray]:
    """The draft's rivers, roads and railways as the map's hexside bit layers (bit d of a hex:
    its side towards neighbour d), to draw them; the loader checks them."""
    n = m.size
    layers = {name: np.zeros(n, np.uint8) for name in ("river_minor", "river_major", "road", "rail")}
    nbr = m.neighbors

    def join(layer: np.ndarray, a: int, b: int) -> None:
        for d in range(6):
            if nbr[a, d] == b:
                layer[a] |= 1 << d
                layer[b] |= 1 << ((d + 3) % 6)
                return

    for river in draft.routes("rivers"):
        layer = layers["river_major" if river.get("kind") == "major" else "river_minor"]
        sides = river.get("sides")
        for side in sides if isinstance(sides, list) else []:
            parts = str(side).split("-")
            if len(parts) == 2:
                a, b = draft.hex_index(parts[0]), draft.hex_index(parts[1])
                if a is not None and b is not None:
                    join(layer, a, b)
    for key, name in (("roads", "road"), ("railways", "rail")):
        for route in draft.routes(key):
            path = route.get("path")
            prev = None
            for h in path if isinstance(path, list) else []:
                cur = draft.hex_index(h)
                if cur is not None and prev is not None:
                    join(layers[name], prev, cur)
                prev = cur
    return layers


def refresh_static(static: Any, changed: np.ndarray) -> None:
    """One cached zoom level after terrain changed on `changed` hexes: its water mask, the
    coastline edges near them, and the tiles they touch."""
    from ui.drawing.palette import terrain_art

    sc = static.scenario
    m = sc.map
    water_of = np.array([terrain_art(n).pattern == "water" for n in sc.rules.terrain_names], dtype=bool)
    static.water = water_of[m.terrain]
    near = set(changed.tolist())
    for i in changed.tolist():
        near.update(int(j) for j in m.neighbors[i] if j >= 0)
    coast = [(i, d) for i, d in static._coast if i not in near]
    for i in near:
        if static.water[i]:
            for d in range(6):
                j = m.neighbors[i, d]
                if j >= 0 and not static.water[j]:
                    coast.append((i, d))
    static._coast = coast
    repaint_tiles(static, set(changed.tolist()))


def repaint_tiles(static: Any, hexes: set[int]) -> None:
    """Draw the part of the cached tiles around `hexes` again, in place: the box of those hexes
    (what a hex's terrain, coastline, grid, rivers and roads draw lies within its stamp, `s` and
    a line's width from its centre) is drawn once and copied into each tile it overlaps (a brush
    stroke costs a millisecond or two, not the drawing of whole tiles). A large change (a flood
    fill, an undo) drops the tiles instead; they are drawn again as they come into view."""
    geo, s = static.geo, static.s
    idx = np.fromiter(hexes, dtype=np.int64)
    reach = s + max(2, round(s / 5)) + 3
    x0, x1 = float(geo.cx[idx].min() - reach), float(geo.cx[idx].max() + reach)
    y0, y1 = float(geo.cy[idx].min() - reach), float(geo.cy[idx].max() + reach)
    tx0, tx1, ty0, ty1 = int(x0 // TILE), int(x1 // TILE), int(y0 // TILE), int(y1 // TILE)
    if (x1 - x0) * (y1 - y0) > 2 * TILE * TILE:
        for tx in range(tx0, tx1 + 1):
            for ty in range(ty0, ty1 + 1):
                static.tiles.pop((tx, ty), None)
        return
    cached = [(tx, ty) for tx in range(tx0, tx1 + 1) for ty in range(ty0, ty1 + 1) if (tx, ty) in static.tiles]
    if not cached:
        return
    # draw_region draws every hex that touches the region. Its origin is even, as a tile's is:
    # positions are rounded half to even, so a stamp lands on the pixel it has in the tile.
    margin = 4
    ix0, iy0 = int(math.floor(x0)) & ~1, int(math.floor(y0)) & ~1
    w, h = int(math.ceil(x1)) - ix0, int(math.ceil(y1)) - iy0
    region = pygame.Surface((w + 2 * margin, h + 2 * margin))
    static.draw_region(region, ix0 - margin, iy0 - margin, w + 2 * margin, h + 2 * margin)
    inner = pygame.Rect(margin, margin, w, h)
    for tx, ty in cached:
        tile = static.tiles[(tx, ty)]
        tile.blit(region, (ix0 - tx * TILE, iy0 - ty * TILE), inner)


@dataclass
class UnitLook:
    """A draft unit as the counter art needs it."""

    symbol: str
    size: str
    short: str
    look: Look


def _values(unit: dict, key: str, default: list) -> list:
    v = unit.get(key)
    if isinstance(v, list) and v and all(isinstance(x, (int, float)) for x in v):
        return v
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return [v]
    return default


def unit_look(unit: dict, rules: RuleSet) -> UnitLook:
    """The counter of a unit of the draft: its type's values with the unit's own overrides."""
    utype = rules.model.unit_types.get(str(unit.get("type")))
    attack = _values(unit, "attack", list(utype.attack) if utype else [0])
    defence = _values(unit, "defence", list(utype.defence) if utype else [0])
    given_max, given_steps, given_mp = unit.get("max_steps"), unit.get("steps"), unit.get("movement")
    max_steps = given_max if isinstance(given_max, int) else max(len(attack), utype.steps if utype else 1)
    steps = max(1, min(given_steps if isinstance(given_steps, int) else max_steps, max_steps))
    movement = float(given_mp) if isinstance(given_mp, (int, float)) else float(utype.movement if utype else 0)
    short = str(unit.get("short") or unit.get("name") or unit.get("id") or "?")[:14]
    look = Look(steps, max_steps, float(attack[min(len(attack), steps) - 1] if attack else 0),
                float(defence[min(len(defence), steps) - 1] if defence else 0), movement, 0, False, False, False)
    return UnitLook(str(unit.get("symbol") or (utype.symbol if utype else "infantry")),
                    str(unit.get("size") or (utype.size if utype else "division")), short, look)


class DraftCounters(CounterArt):
    """The game's counter art over the draft's units (indices into `draft.units()`)."""

    def __init__(self, draft: Draft, scenario: Any, rules: RuleSet, pal: Palette) -> None:
        self.draft = draft
        self.rules = rules
        self.sides_data = scenario.sides
        super().__init__(SimpleNamespace(units=[], model=scenario.model, sides=scenario.sides), pal)
        self.revision = -1
        self.key: tuple | None = None
        self.refresh()

    def refresh(self) -> None:
        """Counters again after an edit (only when the draft changed)."""
        if self.revision == self.draft.revision:
            return
        self.revision = self.draft.revision
        data = self.draft.data
        key = (data.get("units"), data.get("nations"), data.get("sides"))
        if self.key is not None and all(a is b for a, b in zip(key, self.key)):
            return                              # the edit was not to the units (data is copied along an edit's path only)
        self.key = key
        sides = [s.get("id") for s in data.get("sides", []) if isinstance(s, dict)]
        nations = data.get("nations") if isinstance(data.get("nations"), dict) else {}
        side_colours = {s.get("id"): s.get("colour") for s in data.get("sides", []) if isinstance(s, dict)}
        units = self.draft.units()
        self.looks = [unit_look(u, self.rules) for u in units]
        self.scenario = SimpleNamespace(units=self.looks, model=self.scenario.model, sides=self.sides_data)
        self.bg, self.ink = [], []
        for u in units:
            nation = nations.get(u.get("nation")) if isinstance(nations, dict) else None
            if isinstance(nation, dict) and nation.get("colour"):
                bg = hex_colour(str(nation["colour"]))
                ink = hex_colour(str(nation.get("text_colour", "#000000")), (0, 0, 0))
            else:
                bg = lighter(hex_colour(str(side_colours.get(u.get("side"), "#808080"))), 0.45)
                ink = (0, 0, 0)
            if self.pal.counter_override and u.get("side") in sides and sides.index(u.get("side")) < len(self.pal.counter_override):
                bg = self.pal.counter_override[sides.index(u.get("side"))]
            self.bg.append(bg)
            self.ink.append(ink)
        self.cache.clear()

    def stacks(self) -> tuple[dict[int, list[int]], dict[int, Look]]:
        """(hex -> units bottom to top, unit -> look) of the units that start on the map."""
        self.refresh()
        stacks: dict[int, list[int]] = {}
        looks: dict[int, Look] = {}
        for k, u in enumerate(self.draft.units()):
            i = self.draft.hex_index(u.get("hex"))
            if i is None:
                continue
            stacks.setdefault(i, []).append(k)
            looks[k] = self.looks[k].look
        return stacks, looks
