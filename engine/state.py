"""The changing part of a game: where units are, their strength, control, turn, RNG.

Everything here is cheap to copy (a handful of numpy arrays and scalars), so the AI can
look ahead on copies, and everything is hashed into `state_hash` so determinism and
"an illegal order changes nothing" can be tested exactly.
"""
from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Hashable
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

import numpy as np

from engine.scenario import Scenario


class Status(IntEnum):
    PENDING = 0      # reinforcement not yet arrived
    ACTIVE = 1       # on the map
    ELIMINATED = 2
    WITHDRAWN = 3


class Supply(IntEnum):
    SUPPLIED = 0
    OUT_OF_SUPPLY = 1
    ISOLATED = 2


# The codes above as plain ints, for comparisons with the state's int8 arrays: numpy compares
# an IntEnum member through its generic path (it looks its array protocol up on the enum
# class), some thirty times slower than a plain int, and the AI compares thousands a turn.
PENDING, ACTIVE, ELIMINATED, WITHDRAWN = (int(s) for s in Status)
SUPPLIED, OUT_OF_SUPPLY, ISOLATED = (int(s) for s in Supply)

SUPPLY_NAMES = {Supply.SUPPLIED: "in supply", Supply.OUT_OF_SUPPLY: "out of supply", Supply.ISOLATED: "isolated"}


@dataclass
class State:
    scenario: Scenario
    turn: int
    side: int                       # index (in turn order) of the side whose phase it is
    unit_hex: np.ndarray            # int32 [U], -1 off the map
    unit_steps: np.ndarray          # int8 [U]
    unit_status: np.ndarray         # int8 [U] Status
    unit_mp_used: np.ndarray        # float64 [U] MP spent this phase
    unit_attacked: np.ndarray       # bool [U] attacked this turn
    unit_moved: np.ndarray          # bool [U] moved this phase
    unit_defended: np.ndarray       # bool [U] was attacked (as a defender) this phase
    unit_stopped: np.ndarray        # bool [U] entered an enemy ZOC this phase: may not move on
    unit_replaced: np.ndarray       # int8 [U] replacement steps received this turn
    unit_dug: np.ndarray            # int8 [U] entrenchment level (counts only while in unit_dug_hex)
    unit_dug_hex: np.ndarray        # int32 [U] the hex the unit dug in (-1 none)
    unit_railed: np.ndarray         # bool [U] moved by rail this turn (its whole turn)
    interdicted: np.ndarray         # int8 [N] side whose air interdicts the hex (-1 none), until that side's next turn (read-only: `replace_layer`)
    unit_supply: np.ndarray         # int8 [U] Supply, as traced at the start of its side's phase
    unit_isolated_turns: np.ndarray  # int16 [U]
    control: np.ndarray             # int8 [N], -1 nobody (read-only: `replace_layer`)
    control_turn: np.ndarray        # int16 [N], turn control last changed (read-only: `replace_layer`)
    rng: np.random.Generator
    weather: str = "clear"
    air_left: list[int] = field(default_factory=list)
    losses: list[int] = field(default_factory=list)      # steps lost per side
    replacement_points: list[int] = field(default_factory=list)   # per side, to spend on steps
    rail_used: list[int] = field(default_factory=list)            # per side, units moved by rail this turn
    objectives: dict[str, int] = field(default_factory=dict)   # objective id -> turn achieved
    over: bool = False
    result: dict[str, Any] | None = None
    advance: tuple[int, tuple[int, ...]] | None = None   # vacated hex, attackers allowed to advance
    phase: int = 0                  # index of the phase in the rule set's sequence of play
    mines: np.ndarray | None = None  # int8 [N] side whose mines are in the hex (-1 none); None: the map has none

    @classmethod
    def initial(cls, scenario: Scenario, seed: int) -> "State":
        units = scenario.units
        n_units = len(units)
        n = scenario.map.size
        state = cls(
            scenario=scenario,
            turn=1,
            side=0,
            unit_hex=np.array([u.start_hex for u in units], dtype=np.int32).reshape(n_units),
            unit_steps=np.array([u.start_steps for u in units], dtype=np.int8).reshape(n_units),
            unit_status=np.array([Status.ACTIVE if u.arrive_turn == 0 else Status.PENDING for u in units], dtype=np.int8).reshape(n_units),
            unit_mp_used=np.zeros(n_units),
            unit_attacked=np.zeros(n_units, dtype=bool),
            unit_moved=np.zeros(n_units, dtype=bool),
            unit_defended=np.zeros(n_units, dtype=bool),
            unit_stopped=np.zeros(n_units, dtype=bool),
            unit_replaced=np.zeros(n_units, dtype=np.int8),
            unit_dug=np.zeros(n_units, dtype=np.int8),
            unit_dug_hex=np.full(n_units, -1, dtype=np.int32),
            unit_railed=np.zeros(n_units, dtype=bool),
            interdicted=np.full(n, -1, dtype=np.int8),
            unit_supply=np.zeros(n_units, dtype=np.int8),
            unit_isolated_turns=np.zeros(n_units, dtype=np.int16),
            control=np.full(n, -1, dtype=np.int8),
            control_turn=np.zeros(n, dtype=np.int16),
            rng=np.random.Generator(np.random.PCG64(seed)),
            weather=scenario.model.weather.default,
            air_left=[0] * len(scenario.sides),
            losses=[0] * len(scenario.sides),
            replacement_points=[0] * len(scenario.sides),
            rail_used=[0] * len(scenario.sides),
            mines=None if scenario.map.mines is None else scenario.map.mines.copy(),
        )
        for name in _REPLACED:
            if getattr(state, name) is not None:
                getattr(state, name).flags.writeable = False
        return state

    def copy(self, *, share_caches: bool = False, share_rng: bool = False) -> "State":
        """An independent copy (arrays, generator, scores; the read-only map layers are shared,
        since a change replaces them); the layer caches, keyed by content, are carried over
        (with `share_caches`, the same dicts: for a copy kept only to be put back, as an order's
        undo; with `share_rng`, the same generator: for the undo of an order that never rolls).
        Cheap: the AI looks ahead on copies."""
        new = type(self).__new__(type(self))     # a copy of __dict__, as copy.copy makes, in a fraction of its time
        old = self.__dict__
        d = new.__dict__
        d.update(old)
        if not share_caches:
            for cache in _CACHES:
                if cache in old:
                    d[cache] = dict(old[cache])
        for name in _ARRAYS:
            d[name] = old[name].copy()
        self._own_scores(d, keep_rng=share_rng)
        return new

    def checkpoint(self, *, keep_rng: bool = False) -> tuple[dict[str, Any], list[bytes]]:
        """What `roll_back` needs to put the state back as it is now, for an order's undo: its
        attributes (the caches shared, the lists and objectives copied, the generator's state
        saved unless `keep_rng`: for an order that never rolls) and the bytes of its unit
        arrays, written back in place on a roll-back (an array's bytes cost a third of a copy)."""
        old = self.__dict__
        saved = dict(old)
        data = [old[name].tobytes() for name in _ARRAYS]
        self._own_scores(saved, keep_rng=keep_rng)
        return saved, data

    def _own_scores(self, d: dict[str, Any], *, keep_rng: bool) -> None:
        """Give the attributes `d` (a copy's or a checkpoint's) their own generator (unless
        `keep_rng`), scores, objectives and result."""
        if not keep_rng:
            d["rng"] = _CopiedRng(self.rng)
        d["air_left"] = list(self.air_left)
        d["losses"] = list(self.losses)
        d["replacement_points"] = list(self.replacement_points)
        d["rail_used"] = list(self.rail_used)
        d["objectives"] = dict(self.objectives)
        if self.result is not None:
            d["result"] = copy.deepcopy(self.result)

    def roll_back(self, point: tuple[dict[str, Any], list[bytes]]) -> None:
        """Put the state back as it was at `checkpoint` (in place: views of it stay valid)."""
        saved, data = point
        for name, raw in zip(_ARRAYS, data):
            array = saved[name]
            array[:] = np.frombuffer(raw, dtype=array.dtype)
        self.__dict__.update(saved)

    def replace_layer(self, name: str, where: Any, value: Any) -> None:
        """Set `where` (hex indices, a mask, a slice) to `value` in one of the read-only map
        layers (`control`, `control_turn`, `interdicted`, `mines`): a changed copy takes the
        layer's place, read-only in its turn."""
        assert name in _REPLACED, name
        new = getattr(self, name).copy()
        new[where] = value
        new.flags.writeable = False
        setattr(self, name, new)

    # -- queries --------------------------------------------------------------
    def active(self, u: int) -> bool:
        return int(self.unit_status[u]) == ACTIVE

    def units_at(self, i: int) -> list[int]:
        status = self.unit_status      # the few units ever in the hex are checked one by one
        return [u for u in (self.unit_hex == i).nonzero()[0].tolist() if status[u] == ACTIVE]

    def occupant_side(self) -> np.ndarray:
        """int8 [N]: the side with units in each hex, -1 for none."""
        occ = np.full(self.scenario.map.size, -1, dtype=np.int8)
        on = self.unit_status == ACTIVE
        sides = np.array([u.side for u in self.scenario.units], dtype=np.int8)
        occ[self.unit_hex[on]] = sides[on]
        return occ

    def units_key(self) -> tuple[bytes, bytes, bytes]:
        """Where every unit is, its status and its steps, as bytes: the key of what derives from them."""
        return self.unit_hex.tobytes(), self.unit_status.tobytes(), self.unit_steps.tobytes()

    def cached_layer(self, kind: Hashable, side: int, build, of: str = "all", units: tuple[bytes, bytes, bytes] | None = None) -> np.ndarray:
        """A map layer derived from where units are (`build(state, side)`), cached read-only
        until a unit moves, arrives, leaves or loses steps. `units`: `units_key()`, when the
        caller has it already.

        With `of="enemies"` the layer reads only the units of `side`'s enemies: when only the
        side's own units changed (its moves), the layer built before is found again by the
        enemies' part of the arrays, so a phase of moves builds its enemy layers once."""
        units = units or self.units_key()
        key = (kind, side, *units)
        cache = self.__dict__.setdefault("_layers", {})
        got = cache.get(key)
        if got is not None:
            return got
        if len(cache) > 16:
            cache.clear()
        part = None
        if of == "enemies":
            part = self._enemy_part(side, units)
            last = self.__dict__.setdefault("_layer_parts", {}).get((kind, side))
            if last is not None and last[0] == part:
                got = last[1]
        if got is None:
            got = build(self, side)
            got.flags.writeable = False
            if part is not None:
                self.__dict__["_layer_parts"][(kind, side)] = (part, got)
        cache[key] = got
        return got

    def _enemy_part(self, side: int, units: tuple[bytes, bytes, bytes]) -> tuple[bytes, bytes, bytes]:
        """`units_key()` of the units of `side`'s enemies alone (the last one kept: the enemy
        layers of one position ask it in turn)."""
        last = self.__dict__.get("_enemy_key")
        if last is not None and last[0] == side and last[1] == units:
            return last[2]
        idx = self._enemies_of(side)
        part = (self.unit_hex[idx].tobytes(), self.unit_status[idx].tobytes(), self.unit_steps[idx].tobytes())
        self.__dict__["_enemy_key"] = (side, units, part)
        return part

    def _enemies_of(self, side: int) -> np.ndarray:
        """Indices of the units of every side but `side` (cached on the scenario)."""
        table = self.scenario.__dict__.setdefault("_enemy_units", {})
        got = table.get(side)
        if got is None:
            got = table[side] = np.flatnonzero(self._sides != side)
        return got

    def stack_counts(self, side: int) -> np.ndarray:
        """int [N]: how many of `side`'s units are in each hex (read-only, cached)."""
        return self.cached_layer("stack", side, _stack_counts)

    @property
    def _sides(self) -> np.ndarray:
        cached = getattr(self.scenario, "_unit_sides", None)
        if cached is None:
            cached = np.array([u.side for u in self.scenario.units], dtype=np.int8)
            self.scenario._unit_sides = cached  # type: ignore[attr-defined]
        return cached

    def unit_sides(self) -> np.ndarray:
        return self._sides

    def attack_of(self, u: int) -> float:
        d = self.scenario.units[u]
        steps = int(self.unit_steps[u])
        return d.attack[steps - 1] if steps > 0 else 0.0

    def defence_of(self, u: int) -> float:
        d = self.scenario.units[u]
        steps = int(self.unit_steps[u])
        return d.defence[steps - 1] if steps > 0 else 0.0

    def attack_factors(self) -> np.ndarray:
        """float [units]: `attack_of` every unit at once."""
        return self._factors()[0][np.arange(len(self.unit_steps)), self.unit_steps]

    def defence_factors(self) -> np.ndarray:
        """float [units]: `defence_of` every unit at once."""
        return self._factors()[1][np.arange(len(self.unit_steps)), self.unit_steps]

    def _factors(self) -> tuple[np.ndarray, np.ndarray]:
        """The units' attack and defence factors by steps left, [unit, steps] (none at 0 steps),
        cached on the scenario."""
        got = self.scenario.__dict__.get("_factors_by_steps")
        if got is None:
            units = self.scenario.units
            width = 1 + max((max(len(d.attack), len(d.defence)) for d in units), default=0)
            attack, defence = np.zeros((len(units), width)), np.zeros((len(units), width))
            for k, d in enumerate(units):
                attack[k, 1:len(d.attack) + 1] = d.attack
                defence[k, 1:len(d.defence) + 1] = d.defence
            got = self.scenario.__dict__["_factors_by_steps"] = (attack, defence)
        return got

    # -- identity -------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        sc = self.scenario
        return {
            "turn": self.turn,
            "side": sc.side_ids[self.side],
            "phase": self.phase,
            "weather": self.weather,
            "air_left": list(self.air_left),
            "losses": list(self.losses),
            "replacement_points": list(self.replacement_points),
            "rail_used": list(self.rail_used),
            "interdicted": self.interdicted.tolist(),
            **({} if self.mines is None else {"mines": self.mines.tolist()}),
            "objectives": dict(sorted(self.objectives.items())),
            "over": self.over,
            "result": self.result,
            "advance": None if self.advance is None else [int(self.advance[0]), [int(u) for u in self.advance[1]]],
            "units": {
                u.id: {
                    "hex": sc.map.hex_id(self.unit_hex[u.index]) if self.unit_hex[u.index] >= 0 else None,
                    "steps": int(self.unit_steps[u.index]),
                    "status": Status(int(self.unit_status[u.index])).name.lower(),
                    "mp_used": float(self.unit_mp_used[u.index]),
                    "attacked": bool(self.unit_attacked[u.index]),
                    "moved": bool(self.unit_moved[u.index]),
                    "defended": bool(self.unit_defended[u.index]),
                    "stopped": bool(self.unit_stopped[u.index]),
                    "replaced": int(self.unit_replaced[u.index]),
                    "dug": int(self.unit_dug[u.index]),
                    "dug_hex": int(self.unit_dug_hex[u.index]),
                    "railed": bool(self.unit_railed[u.index]),
                    "supply": Supply(int(self.unit_supply[u.index])).name.lower(),
                    "isolated_turns": int(self.unit_isolated_turns[u.index]),
                }
                for u in sc.units
            },
            "control": self.control.tolist(),
            "control_turn": self.control_turn.tolist(),
            "rng": _jsonable(self.rng.bit_generator.state),
        }

    def state_hash(self) -> str:
        """SHA-256 of everything that makes up the state (the RNG included)."""
        h = hashlib.sha256()
        h.update(json.dumps([self.turn, self.side, self.phase, self.weather, self.air_left, self.losses, self.replacement_points, self.rail_used,
                             sorted(self.objectives.items()), self.over, self.result,
                             None if self.advance is None else [int(self.advance[0]), [int(u) for u in self.advance[1]]],
                             _jsonable(self.rng.bit_generator.state)], sort_keys=True, default=str).encode())
        for arr in (self.unit_hex, self.unit_steps, self.unit_status, self.unit_mp_used, self.unit_attacked,
                    self.unit_moved, self.unit_defended, self.unit_stopped, self.unit_replaced, self.unit_dug, self.unit_dug_hex,
                    self.unit_railed, self.interdicted, self.unit_supply, self.unit_isolated_turns, self.control, self.control_turn):
            h.update(np.ascontiguousarray(arr).tobytes())
        if self.mines is not None:          # only maps with minefields have the layer
            h.update(np.ascontiguousarray(self.mines).tobytes())
        return h.hexdigest()


_ARRAYS = ("unit_hex", "unit_steps", "unit_status", "unit_mp_used", "unit_attacked", "unit_moved", "unit_defended", "unit_stopped",
           "unit_replaced", "unit_dug", "unit_dug_hex", "unit_railed", "unit_supply", "unit_isolated_turns")
# the per-unit arrays a copy must not share. The map layers, which change with few orders (control
# with one move in six, air interdiction, minefields), are read-only and replaced, not written to,
# when they change (`State.replace_layer`): a copy shares them, and what is derived from them
# (movement costs, the last movement search) is kept by the array's identity
_REPLACED = ("interdicted", "mines", "control", "control_turn")
_CACHES = ("_layers", "_layer_parts")    # caches keyed by content: a copy starts with the same entries


class _CopiedRng:
    """A copy of a generator, made only when it is first used (making a numpy Generator costs
    more than copying the rest of a state): the same stream as the original from where it was."""

    __slots__ = ("_state", "_gen")
    _state: dict[str, Any]

    def __init__(self, original: Any) -> None:
        if isinstance(original, _CopiedRng) and original._gen is None:
            self._state = original._state            # never drawn from: share the saved state
        else:
            self._state = original.bit_generator.state
        self._gen: np.random.Generator | None = None

    def _real(self) -> np.random.Generator:
        if self._gen is None:
            gen = np.random.Generator(np.random.PCG64(0))
            gen.bit_generator.state = self._state
            self._gen = gen
        return self._gen

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real(), name)


def _stack_counts(state: State, side: int) -> np.ndarray:
    on = (state.unit_status == ACTIVE) & (state.unit_sides() == side)
    return np.bincount(state.unit_hex[on], minlength=state.scenario.map.size)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, np.integer):
        return int(value)
    return value
