"""A builder for tiny test worlds: scenarios written in Python, loaded by the real loader.

    world = (World(columns=6, rows=1, terrain=["..f..."])
             .unit("a1", "allies", "0000")
             .unit("x1", "axis", "0500")
             .river("0200-0300", kind="major")
             .road("0000", "0100", "0200"))
    game = world.game(seed=3)

`World` is the engine's `ScenarioBuilder` (engine/scenario/builder.py) with the tests' defaults;
`build()` writes the scenario as YAML into a temporary folder and loads it with
`engine.load_scenario`, so every test goes through the same checks as a designer's file.
Hex ids are the file format's `CCRR`; `hx(game, "0300")` turns one into an `engine.Hex`.
"""
from __future__ import annotations

import atexit
import datetime as dt
import itertools
import shutil
import tempfile
from pathlib import Path
from typing import Any

import engine
from engine.hexgrid import Hex
from engine.scenario.builder import ScenarioBuilder, scenario_yaml

LEGEND = {
    ".": "clear", "f": "forest", "h": "hills", "m": "marsh", "t": "town", "c": "city",
    "b": "bocage", "r": "rough", "~": "sea", "l": "lake",
}
SIDES = ("allies", "axis")

_folder: Path | None = None
_counter = itertools.count()


def scratch_folder() -> Path:
    """One temporary folder per test session for the generated scenario files."""
    global _folder
    if _folder is None:
        _folder = Path(tempfile.mkdtemp(prefix="wargame-tests-"))
        atexit.register(shutil.rmtree, _folder, True)
    return _folder


class World(ScenarioBuilder):
    """A test scenario under construction (the engine's `ScenarioBuilder` with the tests'
    defaults: two sides `allies` and `axis`, the standard rules, one free phase per turn, the
    tests' legend). Every method returns the world, so calls chain."""

    def __init__(self, columns: int = 8, rows: int = 8, terrain: list[str] | str | None = None,
                 legend: dict[str, str] | None = None, turns: int = 10, start_date: str = "1944-06-06",
                 days_per_turn: int = 1, sides: tuple[str, str] = SIDES) -> None:
        super().__init__(columns, rows, terrain, legend or LEGEND, sides=sides, format=1, title="test world",
                         start_date=dt.date.fromisoformat(start_date), turns=turns, days_per_turn=days_per_turn, hex_km=5,
                         rules="standard",
                         # Mechanics tests move and attack in one phase; sequence tests call `phases(...)`.
                         rule_overrides={"sequence": {"phases": ["free"]}})
        self.sides = tuple(sides)

    def ignore_supply(self) -> "World":
        """Rule overrides that make supply status change nothing (for worlds without sources)."""
        self.rules(
            supply={"out_of_supply_attack": 1.0, "out_of_supply_movement": 1.0, "isolated_attrition_steps": 0},
            combat={"attacker_out_of_supply_shift": 0, "defender_out_of_supply_shift": 0, "defender_isolated_shift": 0},
        )
        return self

    def write(self, folder: Path | None = None, name: str | None = None) -> Path:  # type: ignore[override]
        return super().write(folder or scratch_folder(), name or f"world_{next(_counter)}")

    def build(self, folder: Path | None = None, name: str | None = None) -> engine.Scenario:  # type: ignore[override]
        return engine.load_scenario(self.write(folder, name))

    def game(self, seed: int = 0, folder: Path | None = None) -> engine.Game:
        return engine.Game(self.build(folder), seed=seed)


def dump_yaml(data: Any) -> str:
    return scenario_yaml(data)


# -- small helpers for the tests ------------------------------------------------------------
def hx(game_or_scenario: Any, hex_id: str) -> Hex:
    """The `Hex` of a `CCRR` id in a game's (or scenario's) map."""
    sc = getattr(game_or_scenario, "scenario", game_or_scenario)
    return sc.hex(hex_id)


def hid(game_or_scenario: Any, h: Hex | None) -> str | None:
    """The `CCRR` id of a `Hex` (None stays None)."""
    if h is None:
        return None
    sc = getattr(game_or_scenario, "scenario", game_or_scenario)
    return sc.map.hex_id(sc.map.index(h))


def where(game: engine.Game, unit_id: str) -> str | None:
    """The `CCRR` id of the hex a unit is in (None when off the map)."""
    return hid(game, game.unit_hex(unit_id))


def reach_ids(game: Any, unit_id: str) -> dict[str, float]:
    """`game.reachable(unit)` with hex ids as keys."""
    return {hid(game, h): c for h, c in game.reachable(unit_id).items()}


def move(game: engine.Game, unit_id: str, to: str, path: list[str] | None = None) -> list:
    return game.apply(engine.Move(unit_id, hx(game, to), None if path is None else tuple(hx(game, p) for p in path)))


def attack(game: engine.Game, attackers: list[str] | str, target: str, air: int = 0) -> list:
    attackers = [attackers] if isinstance(attackers, str) else attackers
    return game.apply(engine.Attack(tuple(attackers), hx(game, target), air))


def events_of(events: list, kind: str) -> list:
    return [e for e in events if e.kind == kind]


def steps(game: engine.Game, unit_id: str) -> int:
    return int(game.state.unit_steps[game.unit_index(unit_id)])


def status(game: engine.Game, unit_id: str) -> str:
    from engine.state import Status

    return Status(int(game.state.unit_status[game.unit_index(unit_id)])).name.lower()


def end_phases(game: engine.Game, n: int) -> None:
    for _ in range(n):
        game.end_phase()


def end_turn(game: engine.Game) -> None:
    """End phases until the turn number changes (or the game ends)."""
    turn = game.turn
    while not game.over and game.turn == turn:
        game.end_phase()


def controller(game: engine.Game, hex_id: str) -> str | None:
    side = int(game.state.control[game.scenario.map.parse(hex_id)])
    return None if side < 0 else game.scenario.side_ids[side]


def assert_refused(game: engine.Game, order: Any, code: str, *message_parts: str) -> engine.IllegalOrder:
    """The order raises IllegalOrder with `code`, a readable message, and changes nothing."""
    import pytest

    before = game.state_hash()
    n_orders, n_events = len(game.orders), len(game.events)
    with pytest.raises(engine.IllegalOrder) as info:
        game.apply(order)
    err = info.value
    assert err.code == code, f"expected {code}, got {err.code}: {err.message}"
    assert err.message and str(err) == err.message
    for part in message_parts:
        assert part in err.message, f"{part!r} not in {err.message!r}"
    assert game.state_hash() == before, f"{code} changed the state"
    assert (len(game.orders), len(game.events)) == (n_orders, n_events)
    return err


def centre_km(scenario: Any, hex_id: str) -> tuple[float, float]:
    """The straight-line oracle for place tests, from the format's definition (not the engine):
    flat-top odd-q centre x = 1.5 s col, y = sqrt(3) s (row + 0.5 (col & 1)), s = hex_km / sqrt(3)."""
    import math

    d = len(hex_id) // 2
    col, row = int(hex_id[:d]), int(hex_id[d:])
    s = scenario.model.hex_km / math.sqrt(3)
    return 1.5 * s * col, math.sqrt(3) * s * (row + 0.5 * (col & 1))


def places(scenario: Any) -> dict[str, str]:
    """Place name -> hex id, as written in the scenario."""
    return {p.name: p.hex for p in scenario.model.map.places}

