"""A builder for tiny test worlds: scenarios written in Python, loaded by the real loader.

    world = (World(columns=6, rows=1, terrain=["..f..."])
             .unit("a1", "allies", "0000")
             .unit("x1", "axis", "0500")
             .river("0200-0300", kind="major")
             .road("0000", "0100", "0200"))
    game = world.game(seed=3)

`build()` writes the scenario as YAML into a temporary folder and loads it with
`engine.load_scenario`, so every test goes through the same checks as a designer's file.
Hex ids are the file format's `CCRR`; `hx(game, "0300")` turns one into an `engine.Hex`.
"""
from __future__ import annotations

import atexit
import copy
import datetime as dt
import itertools
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml

import engine
from engine.hexgrid import Hex

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


def _merge(base: dict, extra: dict) -> dict:
    out = dict(base)
    for k, v in extra.items():
        out[k] = _merge(out[k], v) if isinstance(out.get(k), dict) and isinstance(v, dict) else v
    return out


class World:
    """A scenario under construction. Every method returns the world, so calls chain."""

    def __init__(self, columns: int = 8, rows: int = 8, terrain: list[str] | str | None = None,
                 legend: dict[str, str] | None = None, turns: int = 10, start_date: str = "1944-06-06",
                 days_per_turn: int = 1, sides: tuple[str, str] = SIDES) -> None:
        if terrain is None:
            terrain = ["." * columns] * rows
        if isinstance(terrain, str):
            terrain = [line for line in terrain.strip("\n").split("\n")]
        self.sides = sides
        self.data: dict[str, Any] = {
            "format": 1,
            "title": "test world",
            "start_date": dt.date.fromisoformat(start_date),
            "turns": turns,
            "days_per_turn": days_per_turn,
            "hex_km": 5,
            "sides": [{"id": s, "name": s.capitalize()} for s in sides],
            "rules": "standard",
            # Mechanics tests move and attack in one phase; sequence tests call `phases(...)`.
            "rule_overrides": {"sequence": {"phases": ["free"]}},
            "map": {
                "columns": columns,
                "rows": rows,
                "legend": dict(legend or LEGEND),
                "terrain": "\n".join(terrain) + "\n",
                "rivers": [], "roads": [], "railways": [], "places": [],
            },
            "units": [],
        }

    # -- forces ---------------------------------------------------------------
    def unit(self, uid: str, side: str, hex: str, type: str = "infantry", **fields: Any) -> "World":
        """A unit on the map at the start (`fields`: steps, attack, defence, movement, name ...)."""
        self.data["units"].append(self._unit(uid, side, type, hex=hex, **fields))
        return self

    def _unit(self, uid: str, side: str, type: str, **fields: Any) -> dict:
        u = {"id": uid, "name": fields.pop("name", uid), "side": side, "nation": side, "type": type}
        u.update({k: v for k, v in fields.items() if v is not None})
        return u

    def reinforcement(self, turn: int, hex: str | list[str], *units: tuple[str, str] | tuple[str, str, str]) -> "World":
        """Units `(id, side[, type])` arriving at `hex` (or the first free of several) on `turn`."""
        entry = {"turn": turn, "hex": hex,
                 "units": [self._unit(u[0], u[1], u[2] if len(u) > 2 else "infantry") for u in units]}
        self.data.setdefault("reinforcements", []).append(entry)
        return self

    def withdrawal(self, turn: int, *unit_ids: str) -> "World":
        self.data.setdefault("withdrawals", []).append({"turn": turn, "units": list(unit_ids)})
        return self

    # -- map features -----------------------------------------------------------
    def river(self, *sides: str, kind: str = "minor") -> "World":
        """River hexsides, each written 'CCRR-CCRR' between neighbouring hexes."""
        self.data["map"]["rivers"].append({"kind": kind, "sides": list(sides)})
        return self

    def road(self, *path: str) -> "World":
        self.data["map"]["roads"].append({"path": list(path)})
        return self

    def rail(self, *path: str) -> "World":
        self.data["map"]["railways"].append({"path": list(path)})
        return self

    def place(self, name: str, hex: str, **fields: Any) -> "World":
        self.data["map"]["places"].append({"name": name, "hex": hex, **fields})
        return self

    def source(self, side: str, hex: str, **fields: Any) -> "World":
        """A supply source (`fields`: range, kind, capture_delay, from_turn, until_turn)."""
        self.data.setdefault("supply_sources", []).append({"side": side, "hex": hex, **fields})
        return self

    # -- rules and the rest ---------------------------------------------------------
    def rules(self, **overrides: Any) -> "World":
        """Rule overrides, merged into the scenario's `rule_overrides` (nested dicts merge)."""
        self.data["rule_overrides"] = _merge(self.data.get("rule_overrides", {}), overrides)
        return self

    def phases(self, *kinds: str, **sequence: Any) -> "World":
        """The sequence of play of each side's turn, e.g. `phases("movement", "combat", "exploitation")`."""
        return self.rules(sequence={"phases": list(kinds), **sequence})

    def ignore_supply(self) -> "World":
        """Rule overrides that make supply status change nothing (for worlds without sources)."""
        return self.rules(
            supply={"out_of_supply_attack": 1.0, "out_of_supply_movement": 1.0, "isolated_attrition_steps": 0},
            combat={"attacker_out_of_supply_shift": 0, "defender_out_of_supply_shift": 0, "defender_isolated_shift": 0},
        )

    def set(self, **fields: Any) -> "World":
        """Any top-level scenario field (weather, air_points, victory, fog_of_war, first_side ...)."""
        self.data.update(fields)
        return self

    def special(self, **rule: Any) -> "World":
        self.data.setdefault("special_rules", []).append(rule)
        return self

    def victory(self, vp_side: str | None = None, **fields: Any) -> "World":
        v = self.data.setdefault("victory", {"vp_side": vp_side or self.sides[0]})
        if vp_side:
            v["vp_side"] = vp_side
        for key, value in fields.items():
            if isinstance(value, list) and isinstance(v.get(key), list):
                v[key] = v[key] + value
            else:
                v[key] = value
        return self

    def objective(self, oid: str, side: str, hexes: list[str], **fields: Any) -> "World":
        return self.victory(objectives=[{"id": oid, "name": fields.pop("name", oid), "side": side, "hexes": hexes, **fields}])

    # -- output -------------------------------------------------------------------------
    def to_dict(self) -> dict:
        return copy.deepcopy(self.data)

    def yaml(self) -> str:
        return dump_yaml(self.data)

    def write(self, folder: Path | None = None, name: str | None = None) -> Path:
        folder = folder or scratch_folder()
        path = Path(folder) / f"{name or f'world_{next(_counter)}'}.yaml"
        path.write_text(self.yaml(), encoding="utf-8")
        return path

    def build(self, folder: Path | None = None, name: str | None = None) -> engine.Scenario:
        return engine.load_scenario(self.write(folder, name))

    def game(self, seed: int = 0, folder: Path | None = None) -> engine.Game:
        return engine.Game(self.build(folder), seed=seed)


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else ("'" if value.isdigit() else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump_yaml(data: Any) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, default_flow_style=False, allow_unicode=True)


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

