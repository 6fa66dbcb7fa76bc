"""Fog of war: what one side knows. Agents and the UI read a `View`, never the whole state."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

import numpy as np

from engine.hexgrid import Hex
from engine.state import State, Status

if TYPE_CHECKING:
    from engine.game import Game


def visible_mask(state: State, side: int) -> np.ndarray:
    """bool [U]: units `side` can see (its own, and enemies within sight of its units)."""
    sc = state.scenario
    m = sc.map
    sides = state.unit_sides()
    on = state.unit_status == Status.ACTIVE
    seen = (sides == side) | ~on
    if not sc.model.fog_of_war:
        return np.ones(len(sc.units), dtype=bool)
    sight = sc.rules.model.fog.sight
    own = np.unique(state.unit_hex[on & (sides == side)])
    enemies = np.flatnonzero(on & (sides != side))
    if len(own) and len(enemies):
        eh = state.unit_hex[enemies]
        dq = m.q[eh][:, None] - m.q[own][None, :]
        dr = m.r[eh][:, None] - m.r[own][None, :]
        dist = (np.abs(dq) + np.abs(dr) + np.abs(dq + dr)) // 2
        seen[enemies[dist.min(axis=1) <= sight]] = True
    return seen


class View:
    """One side's picture of the game, with the same query methods as `Game`.

    With fog of war, enemy units out of sight are not in `state` at all (their last known
    hexes are in `last_known`); movement, attack previews and legal orders are computed on
    what the side can see. Orders made from a view are applied to the real game.
    """

    def __init__(self, game: "Game", side: int) -> None:
        from engine.game import Game

        self.game = game
        self.side = side
        self.side_id = game.scenario.side_ids[side]
        self.scenario = game.scenario
        state = game.state
        if game.scenario.model.fog_of_war:
            seen = visible_mask(state, side)
            state = state.copy()
            hidden = ~seen
            state.unit_status[hidden] = Status.PENDING
            state.unit_hex[hidden] = -1
            state.rng = np.random.Generator(np.random.PCG64(0))  # the view can never roll the real dice
            game._remember(side, seen)
        self.state = state
        shadow = Game.__new__(Game)
        shadow.scenario = game.scenario
        shadow.seed = -1
        shadow.state = state
        shadow.orders, shadow.events = [], []
        self._shadow = shadow

    @property
    def last_known(self) -> dict[str, tuple[str, int]]:
        """Enemy units seen before and not in sight now: unit id -> (hex id, turn last seen)."""
        return {k: v for k, v in self.game._last_seen.get(self.side, {}).items()
                if self.state.unit_status[self.scenario.unit_index[k]] == Status.PENDING}   # hidden, not eliminated

    @property
    def turn(self) -> int:
        return self.state.turn

    @property
    def active_side(self) -> str:
        return self.scenario.side_ids[self.state.side]

    @property
    def phase(self) -> str:
        """The kind of the current phase: 'free', 'movement', 'combat' or 'exploitation'."""
        return self.game.phase

    @property
    def phases(self) -> list[str]:
        return self.game.phases

    @property
    def over(self) -> bool:
        return self.game.over

    def units(self, side: str | None = None) -> list[str]:
        return self._shadow.units(side)

    def unit_hex(self, unit_id: str) -> Hex | None:
        return self._shadow.unit_hex(unit_id)

    def reachable(self, unit_id: str) -> dict[Hex, float]:
        return self._shadow.reachable(unit_id)

    def why_cannot_move(self, unit_id: str) -> str | None:
        return self._shadow.why_cannot_move(unit_id)

    def reachable_indices(self, unit_id: str) -> tuple[np.ndarray, np.ndarray]:
        return self._shadow.reachable_indices(unit_id)

    def path(self, unit_id: str, to: Hex) -> list[Hex]:
        return self._shadow.path(unit_id, to)

    def preview(self, attackers: Iterable[str], target: Hex, air: int = 0) -> Any:
        return self._shadow.preview(attackers, target, air)

    def legal_orders(self, side: str | None = None, *, moves: bool = True) -> list:
        return self._shadow.legal_orders(side or self.side_id, moves=moves)

    def supply_status(self, unit_id: str) -> str:
        return self._shadow.supply_status(unit_id)
