"""Synthetic maps for benchmarks: mixed terrain, rivers, roads and enemy units with ZOC."""
from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import yaml

from engine import hexgrid
from engine.scenario import Scenario, load_scenario

TERRAIN = {".": "clear", "f": "forest", "h": "hills", "m": "marsh", "b": "bocage", "t": "town", "l": "lake"}
WEIGHTS = {".": 0.55, "f": 0.12, "h": 0.1, "m": 0.05, "b": 0.12, "t": 0.04, "l": 0.02}


def synthetic_scenario(size: int, *, enemy_fraction: float = 0.01, units_per_side: int | None = None, seed: int = 1,
                       roads: int | None = None, sources: int = 4) -> Scenario:
    """A size x size map; 'blue' has a few units, 'red' occupies `enemy_fraction` of the hexes."""
    rng = np.random.default_rng(seed)
    chars = np.array(list(WEIGHTS))
    grid = rng.choice(chars, size=(size, size), p=np.array(list(WEIGHTS.values())))
    grid[:, :2] = "."
    rows = ["".join(r) for r in grid]
    n_roads = roads if roads is not None else max(2, size // 10)
    road_list = []
    for _ in range(n_roads):
        a = hexgrid.from_offset(int(rng.integers(size)), int(rng.integers(size)))
        b = hexgrid.from_offset(int(rng.integers(size)), int(rng.integers(size)))
        path = []
        for h in hexgrid.line(a, b):
            c, r = hexgrid.to_offset(h)
            if 0 <= c < size and 0 <= r < size and grid[r, c] != "l":
                path.append(f"{c:0{_d(size)}d}{r:0{_d(size)}d}")
            else:
                break
        if len(path) >= 2:
            road_list.append({"path": path})
    n_enemy = units_per_side if units_per_side is not None else max(1, int(size * size * enemy_fraction))
    free = [(c, r) for r in range(size) for c in range(2, size) if grid[r, c] != "l"]
    picks = rng.choice(len(free), size=min(n_enemy, len(free)), replace=False)
    units = []
    for k, p in enumerate(picks):
        c, r = free[int(p)]
        units.append({"id": f"red_{k}", "name": f"Red {k}", "side": "red", "nation": "red", "type": "infantry", "hex": _id(c, r, size)})
    blue_rows = rng.choice(size, size=min(size, max(4, n_enemy if units_per_side else 4)), replace=False)
    for k, r in enumerate(blue_rows):
        units.append({"id": f"blue_{k}", "name": f"Blue {k}", "side": "blue", "nation": "blue",
                      "type": "armour" if k % 2 else "infantry", "hex": _id(k % 2, int(r), size)})
    src = [{"side": "blue", "hex": _id(0, int(r), size), "kind": "edge", "range": 1000} for r in np.linspace(0, size - 1, sources).astype(int)]
    data = {
        "title": f"Synthetic {size}x{size}", "start_date": "1944-06-06", "turns": 10, "days_per_turn": 2, "hex_km": 5,
        "sides": [{"id": "blue", "name": "Blue", "nations": ["blue"]}, {"id": "red", "name": "Red", "nations": ["red"]}],
        "nations": {"blue": {"name": "Blue", "colour": "#8899cc"}, "red": {"name": "Red", "colour": "#cc8888"}},
        "rule_overrides": {"stacking": {"max_units": 3}},
        "map": {"columns": size, "rows": size, "legend": {k: v for k, v in TERRAIN.items()}, "terrain": "\n".join(rows) + "\n",
                "roads": road_list},
        "units": units, "supply_sources": src,
    }
    folder = Path(tempfile.mkdtemp(prefix="wargame-bench-"))
    path = folder / f"synthetic_{size}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return load_scenario(path)


def _d(size: int) -> int:
    return hexgrid.id_digits(size, size)


def _id(c: int, r: int, size: int) -> str:
    return hexgrid.format_hex_id(c, r, _d(size))
