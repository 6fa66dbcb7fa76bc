"""Synthetic maps for benchmarks: mixed terrain, rivers, roads and enemy units with ZOC."""
from __future__ import annotations

import tempfile

import numpy as np

from engine import hexgrid
from engine.scenario import Scenario
from engine.scenario.builder import ScenarioBuilder

TERRAIN = {".": "clear", "f": "forest", "h": "hills", "m": "marsh", "b": "bocage", "t": "town", "l": "lake"}
WEIGHTS = {".": 0.55, "f": 0.12, "h": 0.1, "m": 0.05, "b": 0.12, "t": 0.04, "l": 0.02}


def synthetic_scenario(size: int, *, enemy_fraction: float = 0.01, units_per_side: int | None = None, seed: int = 1,
                       roads: int | None = None, sources: int = 4) -> Scenario:
    """A size x size map; 'blue' has a few units, 'red' occupies `enemy_fraction` of the hexes."""
    rng = np.random.default_rng(seed)
    chars = np.array(list(WEIGHTS))
    grid = rng.choice(chars, size=(size, size), p=np.array(list(WEIGHTS.values())))
    grid[:, :2] = "."
    b = ScenarioBuilder(size, size, ["".join(r) for r in grid], TERRAIN,
                        sides=[{"id": "blue", "name": "Blue", "nations": ["blue"]}, {"id": "red", "name": "Red", "nations": ["red"]}],
                        title=f"Synthetic {size}x{size}", start_date="1944-06-06", turns=10, days_per_turn=2, hex_km=5)
    b.nation("blue", "Blue", "#8899cc").nation("red", "Red", "#cc8888").rules(stacking={"max_units": 3})
    n_roads = roads if roads is not None else max(2, size // 10)
    for _ in range(n_roads):
        a = hexgrid.from_offset(int(rng.integers(size)), int(rng.integers(size)))
        z = hexgrid.from_offset(int(rng.integers(size)), int(rng.integers(size)))
        path = []
        for h in hexgrid.line(a, z):
            c, r = hexgrid.to_offset(h)
            if 0 <= c < size and 0 <= r < size and grid[r, c] != "l":
                path.append(b.hex_id(c, r))
            else:
                break
        if len(path) >= 2:
            b.road(*path)
    n_enemy = units_per_side if units_per_side is not None else max(1, int(size * size * enemy_fraction))
    free = [(c, r) for r in range(size) for c in range(2, size) if grid[r, c] != "l"]
    picks = rng.choice(len(free), size=min(n_enemy, len(free)), replace=False)
    for k, p in enumerate(picks):
        c, r = free[int(p)]
        b.unit(f"red_{k}", "red", b.hex_id(c, r), name=f"Red {k}")
    blue_rows = rng.choice(size, size=min(size, max(4, n_enemy if units_per_side else 4)), replace=False)
    for k, r in enumerate(blue_rows):
        b.unit(f"blue_{k}", "blue", b.hex_id(k % 2, int(r)), "armour" if k % 2 else "infantry", name=f"Blue {k}")
    for r in np.linspace(0, size - 1, sources).astype(int):
        b.source("blue", b.hex_id(0, int(r)), kind="edge", range=1000)
    return b.build(tempfile.mkdtemp(prefix="wargame-bench-"), f"synthetic_{size}")
