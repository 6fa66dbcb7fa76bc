"""Benchmark helpers for agents: a synthetic big scenario and heuristic turn times.

`synthetic_scenario(units_per_side=100)` builds a Normandy-sized invented scenario (a
130 x 60 map with a river front, roads, towns and two armies facing each other) and loads
it (from a temporary file, or from `folder` to keep it), so turn times can be measured before the big historical
scenarios ship. `heuristic_turn_times()` plays a few turns of it and times every phase.

    .venv/bin/python -m engine.ai.bench --units 100 --turns 3
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any, TypedDict

import numpy as np

from engine.hexgrid import format_hex_id


class PhaseTime(TypedDict):
    """One timed phase in `heuristic_turn_times`."""

    turn: int
    side: str
    units: int
    seconds: float
    think_seconds: float
    orders: int


_TYPES = [("infantry", 0.55), ("armour", 0.15), ("mechanised", 0.1), ("motorised", 0.1), ("infantry_brigade", 0.1)]


def synthetic_yaml(units_per_side: int = 100, columns: int = 130, rows: int = 60, seed: int = 0, turns: int = 10) -> str:
    """The text of an invented scenario with `units_per_side` units per side on a big map."""
    rng = np.random.default_rng(seed)
    grid = rng.choice(list(".fhbmt"), size=(rows, columns), p=[0.62, 0.12, 0.1, 0.08, 0.04, 0.04])
    grid[:, 0] = "~"
    terrain = "\n".join("    " + "".join(row) for row in grid)
    mid = columns // 2
    river = []
    for row in range(rows):
        a = format_hex_id(mid, row, 2 if max(columns, rows) <= 100 else 3)
        b = format_hex_id(mid + 1, row, 2 if max(columns, rows) <= 100 else 3)
        river.append(f'"{a}-{b}"')
    digits = 2 if max(columns, rows) <= 100 else 3

    def hid(c: int, r: int) -> str:
        return format_hex_id(int(c), int(r), digits)

    roads = []
    for r0 in range(5, rows, 12):
        path = [hid(c, r0) for c in range(1, columns)]
        roads.append("    - {path: [" + ", ".join(f'"{h}"' for h in path) + "]}")
    places, vp_hexes = [], []
    for k, r0 in enumerate(range(5, rows, 12)):
        for c in (mid - columns // 10, mid + 1 + columns // 10, mid - columns // 4, mid + 1 + columns // 4):
            vp = int(rng.integers(2, 8))
            places.append(f'    - {{name: Town {k}-{c}, hex: "{hid(c, r0)}", kind: town, vp: {vp}}}')
            vp_hexes.append(hid(c, r0))
    units = []
    names = [t for t, _ in _TYPES]
    probs = np.array([p for _, p in _TYPES])
    for side, (lo, hi) in (("west", (mid - 10, mid)), ("east", (mid + 1, mid + 11))):
        taken: set[tuple[int, int]] = set()
        for k in range(units_per_side):
            while True:
                c, r = int(rng.integers(lo, hi)), int(rng.integers(0, rows))
                if (c, r) not in taken and grid[r, c] != "~":
                    taken.add((c, r))
                    break
            kind = names[int(rng.choice(len(names), p=probs))]
            units.append(f'  - {{id: {side}_{k:03d}, name: {side.title()} unit {k}, side: {side}, nation: {side}, type: {kind}, hex: "{hid(c, r)}"}}')
    sources = []
    for r0 in range(2, rows, 8):
        sources.append(f'  - {{side: west, hex: "{hid(1, r0)}", kind: edge, range: 40}}')
        sources.append(f'  - {{side: east, hex: "{hid(columns - 1, r0)}", kind: edge, range: 40}}')
    return f"""format: 1
id: synthetic_front
title: Synthetic front (benchmark)
start_date: 1944-07-01
turns: {turns}
days_per_turn: 2
hex_km: 6
sides:
  - {{id: west, name: West, nations: [west]}}
  - {{id: east, name: East, nations: [east]}}
nations:
  west: {{name: West, colour: "#9fb8d9"}}
  east: {{name: East, colour: "#d9a09a"}}
air_points: {{west: 4, east: 2}}
map:
  columns: {columns}
  rows: {rows}
  legend: {{".": clear, f: forest, h: hills, b: bocage, m: marsh, t: town, "~": sea}}
  terrain: |
{terrain}
  rivers:
    - {{name: Front river, kind: minor, sides: [{", ".join(river)}]}}
  roads:
{chr(10).join(roads)}
  places:
{chr(10).join(places)}
units:
{chr(10).join(units)}
supply_sources:
{chr(10).join(sources)}
victory:
  vp_side: west
  levels:
    - {{name: West wins, winner: west, level: marginal, min_vp: 1}}
    - {{name: Draw, winner: null, level: draw, min_vp: 0}}
    - {{name: East wins, winner: east, level: marginal}}
"""


def synthetic_scenario(units_per_side: int = 100, columns: int = 130, rows: int = 60, seed: int = 0, turns: int = 10, folder: str | Path | None = None):
    """Write `synthetic_yaml(...)` to a file (in `folder`, else a temporary folder) and load it."""
    import engine

    text = synthetic_yaml(units_per_side, columns, rows, seed, turns)
    if folder is not None:
        path = Path(folder) / "synthetic_front.yaml"
        path.write_text(text, encoding="utf-8")
        return engine.load_scenario(path)
    with tempfile.TemporaryDirectory(prefix="wargame_bench_") as tmp:
        path = Path(tmp) / "synthetic_front.yaml"
        path.write_text(text, encoding="utf-8")
        return engine.load_scenario(path)


def heuristic_turn_times(units_per_side: int = 100, turns: int = 3, seed: int = 0, level: str = "normal",
                         columns: int = 130, rows: int = 60, scenario: Any = None, agent: str = "heuristic") -> dict[str, Any]:
    """Play `turns` turns heuristic against heuristic and time every phase (agent and engine).

    Returns {"units": units per side (the most seen in a phase, for a given `scenario`), "phases": [{turn, side, units, seconds, think_seconds, orders}],
    "median_ms", "max_ms", "median_think_ms"}. The first phase is played once before timing so
    compilation and caches are warm.
    """
    import engine
    import engine.ai as ai

    sc = scenario if scenario is not None else synthetic_scenario(units_per_side, columns, rows, seed)
    warm = engine.Game(sc, seed)
    ai.play_phase(warm, ai.make(agent, side=warm.active_side, seed=seed, level=level))
    game = engine.Game(sc, seed)
    agents = {s: ai.make(agent, side=s, seed=seed, level=level) for s in sc.side_ids}
    think = {"t": 0.0}
    for player in agents.values():
        act = player.act

        def timed(view, _act=act):
            t0 = time.perf_counter()
            try:
                return _act(view)
            finally:
                think["t"] += time.perf_counter() - t0

        player.act = timed  # type: ignore[method-assign]
    phases: list[PhaseTime] = []
    while not game.over and game.turn <= turns:
        side, turn = game.active_side, game.turn
        n_units = len(game.units(side))
        think["t"] = 0.0
        t0 = time.perf_counter()
        report = ai.play_phase(game, agents[side])
        phases.append({"turn": turn, "side": side, "units": n_units,
                       "seconds": time.perf_counter() - t0, "think_seconds": think["t"], "orders": report.applied})
    secs = [p["seconds"] * 1000 for p in phases]
    thinks = [p["think_seconds"] * 1000 for p in phases]
    units = units_per_side if scenario is None else max((p["units"] for p in phases), default=0)
    # a side's turn: all its phases (movement, combat, exploitation) together
    turn_ms: dict[tuple[int, str], float] = {}
    for p in phases:
        key = (p["turn"], p["side"])
        turn_ms[key] = turn_ms.get(key, 0.0) + p["seconds"] * 1000
    side_turns = list(turn_ms.values())
    return {"units": units, "hexes": sc.map.size, "phases": phases,
            "median_ms": statistics.median(secs) if secs else 0.0, "max_ms": max(secs) if secs else 0.0,
            "median_think_ms": statistics.median(thinks) if thinks else 0.0,
            "median_side_turn_ms": statistics.median(side_turns) if side_turns else 0.0,
            "max_side_turn_ms": max(side_turns) if side_turns else 0.0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m engine.ai.bench", description="heuristic AI turn times on a synthetic big scenario")
    parser.add_argument("--units", type=int, default=100, help="units per side")
    parser.add_argument("--turns", type=int, default=3)
    parser.add_argument("--level", default="normal")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    out = heuristic_turn_times(args.units, args.turns, args.seed, args.level)
    for p in out["phases"]:
        print(f"turn {p['turn']:>2} {p['side']:<5} units {p['units']:>3}  phase {p['seconds'] * 1000:7.1f} ms"
              f"  (agent {p['think_seconds'] * 1000:6.1f} ms)  orders {p['orders']}")
    print(f"{out['hexes']} hexes, {out['units']} units per side: median phase {out['median_ms']:.1f} ms, "
          f"max {out['max_ms']:.1f} ms, median agent time {out['median_think_ms']:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
