"""Fog of war: what one side knows. Agents and the UI read a `View`, never the whole state.

A `View` answers the same questions as `Game` (it is a `Query`) over a copy of the state in
which every enemy unit the side cannot see is off the map with nothing known about it: no hex,
full steps, in supply, unmarked. `visible_events` filters the event log the same way. Nothing
a view returns depends on a hidden unit, and asking a view never changes the game.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from engine.events import Event
from engine.hexgrid import distances
from engine.query import Query
from engine.state import ACTIVE, PENDING, State, Status, Supply

if TYPE_CHECKING:
    from engine.game import Game


def visible_mask(state: State, side: int) -> np.ndarray:
    """bool [U]: units `side` can see (its own, and enemies within sight of its units)."""
    sc = state.scenario
    sides = state.unit_sides()
    on = state.unit_status == ACTIVE
    if not sc.model.fog_of_war:
        return np.ones(len(sc.units), dtype=bool)
    seen = (sides == side) | ~on
    enemies = np.flatnonzero(on & (sides != side))
    if len(enemies):
        seen[enemies] = in_sight(state, side, state.unit_hex[enemies])
    return seen


def in_sight(state: State, side: int, hexes: np.ndarray) -> np.ndarray:
    """bool per hex of `hexes` (map indices): within `fog.sight` of one of `side`'s units."""
    sc = state.scenario
    on = (state.unit_status == ACTIVE) & (state.unit_sides() == side)
    own = np.unique(state.unit_hex[on])
    hexes = np.asarray(hexes, dtype=np.int64)
    if not len(own) or not len(hexes):
        return np.zeros(len(hexes), dtype=bool)
    return distances(sc.map.q, sc.map.r, hexes[:, None], own[None, :]).min(axis=1) <= sc.rules.model.fog.sight


def known_state(state: State, side: int) -> State:
    """A copy of the state as `side` knows it: hidden enemy units carry no information."""
    if not state.scenario.model.fog_of_war:
        return state
    seen = visible_mask(state, side)
    known = state.copy()
    hidden = ~seen
    known.unit_status[hidden] = Status.PENDING
    known.unit_hex[hidden] = -1
    known.unit_steps[hidden] = [state.scenario.units[u].max_steps for u in np.flatnonzero(hidden)]
    known.unit_supply[hidden] = Supply.SUPPLIED
    known.unit_isolated_turns[hidden] = 0
    known.unit_mp_used[hidden] = 0.0
    known.unit_replaced[hidden] = 0
    known.unit_dug[hidden] = 0
    known.unit_dug_hex[hidden] = -1
    known.unit_railed[hidden] = False
    for marks in (known.unit_attacked, known.unit_moved, known.unit_defended, known.unit_stopped):
        marks[hidden] = False
    known.rng = np.random.Generator(np.random.PCG64(0))  # the view can never roll the real dice
    return known


class View(Query):
    """One side's picture of the game, with the same query methods as `Game`.

    With fog of war, enemy units out of sight are not in `state` at all (their last known
    hexes are in `last_known`); movement, attack previews and legal orders are computed on
    what the side can see. Orders made from a view are applied to the real game.
    """

    def __init__(self, game: "Game", side: int) -> None:
        self.scenario = game.scenario
        self.side = side
        self.side_id = game.scenario.side_ids[side]
        self.state = known_state(game.state, side)
        self._game = game
        self._memory = dict(game._last_seen.get(side, {}))

    @property
    def last_known(self) -> dict[str, tuple[str, int]]:
        """Enemy units seen before and not in sight now: unit id -> (hex id, turn last seen)."""
        return {k: v for k, v in self._memory.items()
                if self.state.unit_status[self.scenario.unit_index[k]] == PENDING}   # hidden, not eliminated

    @property
    def events(self) -> list[Event]:
        """The game's event log as this side knows it."""
        return visible_events(self._game, self.side, self._game.events)

    def sandbox(self, seed: int = 0) -> "Game":
        """A game to try things on: it starts from what this side knows now (no hidden enemy
        unit is in it) and rolls its own dice (seeded with `seed`), never the real game's.
        Orders applied to it change nothing in the real game: agents look ahead with it."""
        from engine.game import Game

        game = Game.__new__(Game)
        game.scenario = self.scenario
        game.seed = -1
        game.state = self.state.copy()
        game.state.rng = np.random.Generator(np.random.PCG64(seed))
        game.orders, game.events = [], []
        game._last_seen = {self.side: dict(self._memory)}
        return game

    def supply_status(self, unit_id: str) -> str:
        """'supplied', 'out_of_supply', 'isolated', or 'unknown' for an enemy unit out of sight."""
        u = self.unit_index(unit_id)
        if self.state.unit_status[u] == PENDING and self.scenario.units[u].side != self.side and self.scenario.model.fog_of_war:
            return "unknown"
        return super().supply_status(unit_id)


# -- events -------------------------------------------------------------------------------
# Events of the enemy's side that tell nothing about a unit the side cannot see.
_PUBLIC = {"game_started", "turn_began", "weather", "side_began", "phase_began", "phase_ended", "control_changed",
           "objective", "game_over", "combat"}
_ABOUT_A_UNIT = {"unit_moved", "unit_retreated", "advance", "reinforcement_arrived", "step_loss", "unit_eliminated"}


def visible_events(game: "Game", side: int, events: list[Event]) -> list[Event]:
    """The events `side` may know of: all of its own side's, and of the enemy's only those that
    concern units it can see now (paths cut to the hexes it can see). Enemy supply reports,
    pockets, withdrawals and delayed reinforcements are the enemy's own knowledge."""
    sc = game.scenario
    if not sc.model.fog_of_war:
        return list(events)
    me = sc.side_ids[side]
    seen = visible_mask(game.state, side)
    out = []
    for e in events:
        if e.side == me or e.kind in _PUBLIC:
            if e.kind == "combat" and e.side != me and not all(seen[sc.unit_index[a]] for a in e.data.get("attackers", [])):
                continue
            out.append(e)
            continue
        if e.kind not in _ABOUT_A_UNIT:
            continue
        unit = e.data.get("unit")
        u = sc.unit_index.get(unit) if isinstance(unit, str) else None
        if u is None or sc.units[u].side == side:
            out.append(e)                        # the side's own units (a loss in combat, a retreat)
            continue
        if not seen[u] or (e.kind in ("step_loss", "unit_eliminated") and e.data.get("cause") == "isolation"):
            continue
        if "path" in e.data:
            shown = in_sight(game.state, side, np.array([sc.map.parse(h) for h in e.data["path"]]))
            path = [h for h, ok in zip(e.data["path"], shown) if ok]
            if not path:
                continue
            e = Event(e.kind, e.turn, e.side, {**e.data, "path": path})
        out.append(e)
    return out
