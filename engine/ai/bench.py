"""Benchmark helpers for agents: a synthetic big scenario and heuristic turn times.

`synthetic_scenario(units_per_side=100)` builds (with the engine's `ScenarioBuilder`) a Normandy-sized invented scenario (a
130 x 60 map with a river front, roads, towns and two armies facing each other) and loads
it (from a temporary file, or from `folder` to keep it), so turn times can be measured before the big historical
scenarios ship. `heuristic_turn_times()` plays a few turns of it and times every phase.

    .venv/bin/python -m engine.ai.bench --units 100 --turns 3
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any, TypedDict

import numpy as np

from engine.scenario.builder import ScenarioBuilder


class PhaseTime(TypedDict):
    """One timed phase in `heuristic_turn_times`."""

    turn: int
    side: str
    units: int
    seconds: float
    think_seconds: float
    orders: int


_TYPES = [("infantry", 0.55), ("armour", 0.15), ("mechanised", 0.1), ("motorised", 0.1), ("infantry_brigade", 0.1)]


def synthetic_builder(units_per_side: int = 100, columns: int = 130, rows: int = 60, seed: int = 0, turns: int = 10) -> ScenarioBuilder:
    """An invented scenario with `units_per_side` units per side on a big map, not yet written."""
    rng = np.random.default_rng(seed)
    grid = rng.choice(list(".fhbmt"), size=(rows, columns), p=[0.62, 0.12, 0.1, 0.08, 0.04, 0.04])
    grid[:, 0] = "~"
    b = ScenarioBuilder(columns, rows, ["".join(row) for row in grid],
                        {".": "clear", "f": "forest", "h": "hills", "b": "bocage", "m": "marsh", "t": "town", "~": "sea"},
                        sides=[{"id": "west", "name": "West", "nations": ["west"]}, {"id": "east", "name": "East", "nations": ["east"]}],
                        format=1, id="synthetic_front", title="Synthetic front (benchmark)", start_date=dt.date(1944, 7, 1),
                        turns=turns, days_per_turn=2, hex_km=6)
    b.nation("west", "West", "#9fb8d9").nation("east", "East", "#d9a09a").set(air_points={"west": 4, "east": 2})
    mid = columns // 2
    b.river(*(f"{b.hex_id(mid, row)}-{b.hex_id(mid + 1, row)}" for row in range(rows)), kind="minor", name="Front river")
    for r0 in range(5, rows, 12):
        b.road(*(b.hex_id(c, r0) for c in range(1, columns)))
    for k, r0 in enumerate(range(5, rows, 12)):
        for c in (mid - columns // 10, mid + 1 + columns // 10, mid - columns // 4, mid + 1 + columns // 4):
            b.place(f"Town {k}-{c}", b.hex_id(c, r0), kind="town", vp=int(rng.integers(2, 8)))
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
            b.unit(f"{side}_{k:03d}", side, b.hex_id(c, r), kind, name=f"{side.title()} unit {k}")
    for r0 in range(2, rows, 8):
        b.source("west", b.hex_id(1, r0), kind="edge", range=40)
        b.source("east", b.hex_id(columns - 1, r0), kind="edge", range=40)
    b.victory("west", levels=[{"name": "West wins", "winner": "west", "level": "marginal", "min_vp": 1},
                              {"name": "Draw", "winner": None, "level": "draw", "min_vp": 0},
                              {"name": "East wins", "winner": "east", "level": "marginal"}])
    return b


def synthetic_yaml(units_per_side: int = 100, columns: int = 130, rows: int = 60, seed: int = 0, turns: int = 10) -> str:
    """The text of `synthetic_builder(...)`'s scenario."""
    return synthetic_builder(units_per_side, columns, rows, seed, turns).yaml()


def synthetic_scenario(units_per_side: int = 100, columns: int = 130, rows: int = 60, seed: int = 0, turns: int = 10, folder: str | Path | None = None):
    """Write `synthetic_builder(...)`'s scenario to a file (in `folder`, else a temporary folder) and load it."""
    b = synthetic_builder(units_per_side, columns, rows, seed, turns)
    if folder is not None:
        return b.build(folder, "synthetic_front")
    with tempfile.TemporaryDirectory(prefix="wargame_bench_") as tmp:
        return b.build(tmp, "synthetic_front")


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
