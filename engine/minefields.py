"""Minefields: hexes a side has mined (the map's `minefields`, the rule set's `minefields` block).

An enemy unit pays `move_add` more MP (by movement class) to enter a mined hex: the time its
engineers take to clear a gap. Once an enemy unit has entered the hex (by a move or an advance
after combat) the gap stays open and the hex no longer hinders anyone (`cleared_by_entry`). An
attack on a hex mined by the defender's own side is shifted by `defence_shift`. The side that
laid the mines crosses them freely (its marked lanes). The mines in force live in the state
(`State.mines`), so clearing is part of the game and of its hash.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from engine.events import Event
from engine.state import State

MakeEvent = Callable[..., Event]


def extra_cost(st: State, side: int, move_class: int) -> np.ndarray | None:
    """float [N]: MP a unit of `side` and `move_class` pays on top to enter each hex (None if no
    hex is mined against it)."""
    if st.mines is None:
        return None
    against = (st.mines >= 0) & (st.mines != side)
    add = float(st.scenario.rules.mine_add[move_class]) if len(st.scenario.rules.mine_add) else 0.0
    if add <= 0 or not against.any():
        return None
    return np.where(against, add, 0.0)


def shift(st: State, defenders: tuple[int, ...], hexes: tuple[int, ...]) -> int:
    """The column shift for attacking `hexes` when one of them is mined by the defenders' side."""
    if st.mines is None or not defenders:
        return 0
    side = st.scenario.units[defenders[0]].side
    if any(int(st.mines[h]) == side for h in hexes):
        return int(st.scenario.rules.model.minefields.defence_shift)
    return 0


def clear(st: State, path: list[int], side: int, event: MakeEvent) -> list[Event]:
    """A unit of `side` entered the hexes of `path` (its start excluded): the enemy mines there are cleared."""
    if st.mines is None or not st.scenario.rules.model.minefields.cleared_by_entry:
        return []
    hexes = [h for h in path if st.mines[h] >= 0 and st.mines[h] != side]
    if not hexes:
        return []
    st.mines[hexes] = -1
    m = st.scenario.map
    return [event("mines_cleared", hexes=[m.hex_id(h) for h in hexes])]
