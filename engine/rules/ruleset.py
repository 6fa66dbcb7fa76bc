"""A rule set compiled into the arrays the engine's kernels index directly."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from engine.rules.model import CombatRules, RuleSetModel, UnitTypeRule

INF = math.inf
_ODDS = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)\s*$")

# Bits of the per-hex hexside masks: bit d is the hexside towards DIRECTIONS[d].
ROAD, RAIL, RIVER_MINOR, RIVER_MAJOR = "road", "railway", "river_minor", "river_major"
HEXSIDE_KINDS = (ROAD, RAIL, RIVER_MINOR, RIVER_MAJOR)


def deep_merge(base: Any, override: Any) -> Any:
    """Scenario overrides on top of a shared rule set: mappings merge, anything else replaces."""
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for key, value in override.items():
            merged[key] = deep_merge(base[key], value) if key in base else value
        return merged
    return override


def parse_odds(text: str) -> float:
    match = _ODDS.match(text)
    if not match or float(match.group(2)) == 0:
        raise ValueError(f"odds column '{text}' is not of the form A:D (for example 3:1)")
    return float(match.group(1)) / float(match.group(2))


@dataclass(frozen=True)
class UnitType:
    name: str
    symbol: str
    move_class: str
    movement: float
    steps: int
    attack: tuple[float, ...]
    defence: tuple[float, ...]
    size: str
    armour: bool
    zoc: bool
    description: str = ""
    exploits: bool = False
    entrenches: bool = False


@dataclass
class RuleSet:
    """Rule tables as numpy arrays: ``move_cost[move_class, terrain]`` and friends."""

    model: RuleSetModel
    classes: list[str]
    terrain_names: list[str]
    move_cost: np.ndarray          # float64 [class, terrain], inf where impassable
    supply_cost: np.ndarray        # float64 [terrain]
    defence_shift: np.ndarray      # int32 [terrain]
    open_ground: np.ndarray        # bool [terrain]
    impassable: np.ndarray         # bool [terrain]
    blocks_zoc: np.ndarray         # bool [terrain]
    road_move: np.ndarray          # float64 [class], inf if roads give no benefit
    rail_move: np.ndarray          # float64 [class]
    river_add: np.ndarray          # float64 [2, class]: minor, major
    mine_add: np.ndarray = field(default_factory=lambda: np.zeros(0))   # float64 [class]: MP to enter an enemy-mined hex
    unit_types: dict[str, UnitType] = field(default_factory=dict)
    odds: tuple[float, ...] = ()

    @property
    def name(self) -> str:
        return self.model.name

    @property
    def combat(self) -> CombatRules | None:
        return self.model.combat

    def terrain_index(self, name: str) -> int:
        return self.terrain_names.index(name)

    def class_index(self, name: str) -> int:
        return self.classes.index(name)

    def describe_terrain(self, name: str) -> str:
        return self.model.terrain[name].description


class RuleError(ValueError):
    """A rule set that parses but does not hold together; `path` says where."""

    def __init__(self, path: tuple, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


def compile_rules(model: RuleSetModel) -> RuleSet:
    """Turn the validated model into arrays; raise RuleError for cross-field problems."""
    classes = list(model.movement_classes)
    if len(set(classes)) != len(classes):
        raise RuleError(("movement_classes",), "movement classes must be unique")
    terrain_names = list(model.terrain)
    n_c, n_t = len(classes), len(terrain_names)
    move_cost = np.full((n_c, n_t), INF)
    for t, name in enumerate(terrain_names):
        rule = model.terrain[name]
        for cls in rule.move:
            if cls not in classes:
                raise RuleError(("terrain", name, "move", cls), f"unknown movement class '{cls}'; the classes are {', '.join(classes)}")
        if rule.impassable:
            continue
        for c, cls in enumerate(classes):
            if cls not in rule.move:
                raise RuleError(("terrain", name, "move"), f"terrain '{name}' gives no cost for movement class '{cls}'")
            move_cost[c, t] = rule.move[cls]

    def per_class(rule_move: dict[str, float], path: tuple, default: float) -> np.ndarray:
        out = np.full(n_c, default)
        for cls, value in rule_move.items():
            if cls not in classes:
                raise RuleError(path + (cls,), f"unknown movement class '{cls}'; the classes are {', '.join(classes)}")
            out[classes.index(cls)] = value
        return out

    hs = model.hexsides
    road_move = per_class(hs.road.move, ("hexsides", "road", "move"), INF)
    rail_move = per_class(hs.railway.move, ("hexsides", "railway", "move"), INF)
    river_add = np.stack([
        per_class(hs.river_minor.move_add, ("hexsides", "river_minor", "move_add"), 0.0),
        per_class(hs.river_major.move_add, ("hexsides", "river_major", "move_add"), 0.0),
    ])
    unit_types: dict[str, UnitType] = {}
    for name, ut in model.unit_types.items():
        unit_types[name] = _unit_type(name, ut, classes)
    odds: tuple[float, ...] = ()
    if model.combat is not None:
        odds = _check_combat(model.combat)
    _check_sequence(model)
    for wname, weather in model.weather.items():
        per_class(weather.move_add, ("weather", wname, "move_add"), 0.0)
    mine_add = per_class(model.minefields.move_add, ("minefields", "move_add"), 0.0)
    return RuleSet(
        model=model,
        classes=classes,
        terrain_names=terrain_names,
        move_cost=move_cost,
        supply_cost=np.array([model.terrain[t].supply_cost if not model.terrain[t].impassable else INF for t in terrain_names]),
        defence_shift=np.array([model.terrain[t].defence_shift for t in terrain_names], dtype=np.int32),
        open_ground=np.array([model.terrain[t].open for t in terrain_names], dtype=bool),
        impassable=np.array([model.terrain[t].impassable for t in terrain_names], dtype=bool),
        blocks_zoc=np.array([model.terrain[t].blocks_zoc for t in terrain_names], dtype=bool),
        road_move=road_move,
        rail_move=rail_move,
        river_add=river_add,
        mine_add=mine_add,
        unit_types=unit_types,
        odds=odds,
    )


def _check_sequence(model: RuleSetModel) -> None:
    seq = model.sequence
    if "free" in seq.phases and len(seq.phases) > 1:
        raise RuleError(("sequence", "phases"), "a 'free' phase (moves and attacks in any order) is the whole turn: it cannot be combined with other phases")
    if seq.overrun.enabled and model.combat is not None and seq.overrun.min_column not in model.combat.columns:
        raise RuleError(("sequence", "overrun", "min_column"),
                        f"'{seq.overrun.min_column}' is not a column of the combat table ({', '.join(model.combat.columns)})")


def _unit_type(name: str, ut: UnitTypeRule, classes: list[str]) -> UnitType:
    path = ("unit_types", name)
    if ut.move_class not in classes:
        raise RuleError(path + ("move_class",), f"unknown movement class '{ut.move_class}'; the classes are {', '.join(classes)}")
    for key in ("attack", "defence"):
        values = getattr(ut, key)
        if len(values) != ut.steps:
            raise RuleError(path + (key,), f"{key} lists {len(values)} values but the type has {ut.steps} steps (one value per step, full strength first)")
    return UnitType(name, ut.symbol, ut.move_class, ut.movement, ut.steps, tuple(ut.attack), tuple(ut.defence), ut.size, ut.armour, ut.zoc, ut.description,
                    ut.exploits,
                    ut.entrenches)


def _check_combat(combat: CombatRules) -> tuple[float, ...]:
    odds = []
    for i, col in enumerate(combat.columns):
        try:
            odds.append(parse_odds(col))
        except ValueError as exc:
            raise RuleError(("combat", "columns", i), str(exc)) from None
    if any(b <= a for a, b in zip(odds, odds[1:])):
        raise RuleError(("combat", "columns"), "odds columns must go up from left to right")
    rolls = sorted(combat.table)
    if rolls != list(range(1, combat.die + 1)):
        raise RuleError(("combat", "table"), f"the table needs one row for each roll 1..{combat.die}")
    for roll, row in combat.table.items():
        if len(row) != len(combat.columns):
            raise RuleError(("combat", "table", roll), f"row {roll} has {len(row)} results for {len(combat.columns)} columns")
        for i, code in enumerate(row):
            if code not in combat.results:
                raise RuleError(("combat", "table", roll, i), f"result '{code}' is not defined under combat.results")
    return tuple(odds)
