"""Minefields: hexes a side has mined (the map's `minefields`, the rule set's `minefields` block).

An enemy unit pays `move_add` more MP (by movement class) to enter a mined hex: the time its
engineers take to clear a gap. Once an enemy unit has entered the hex (by a move or an advance
after combat) the gap stays open and the hex no longer hinders anyone (`cleared_by_entry`). An
attack on a hex mined by the defender's own side is shifted by `defence_shift`. The side that
laid the mines crosses them freely (its marked lanes). The mines in force live in the state
(`State.mines`), so clearing is part of the game and of its hash.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from engine.events import Event
from engine.state import State

MakeEvent = Callable[..., Event]


@dataclass(frozen=True)
class Minefield:
    """What a player reads about the minefield of one hex: the rule set's numbers for it."""

    name: str                           # the map's name for the field ("" if it has none)
    side: int                           # the side that laid it
    move_add: dict[str, float]          # movement class -> MP an enemy unit pays on top to enter
    defence_shift: int                  # column shift to an attack on it when its own side defends
    cleared: bool                       # an enemy unit has entered it: the gap is open, it hinders nobody


def describe(st: State, i: int) -> Minefield | None:
    """The minefield of hex `i` in force or cleared (None if the hex was never mined)."""
    start = st.scenario.map.mines
    now = -1 if st.mines is None else int(st.mines[i])
    first = -1 if start is None else int(start[i])
    if now < 0 and first < 0:
        return None
    side = now if now >= 0 else first
    rules = st.scenario.rules.model.minefields
    return Minefield(name=_field_name(st, i, side), side=side,
                     move_add={k: float(v) for k, v in rules.move_add.items()},
                     defence_shift=int(rules.defence_shift), cleared=now < 0)


def _field_name(st: State, i: int, side: int) -> str:
    sc = st.scenario
    for f in sc.model.map.minefields:
        if f.side != sc.side_ids[side]:
            continue
        for hid in f.hexes:
            try:
                if sc.map.parse(hid) == i:
                    return f.name
            except ValueError:
                continue
    return ""


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
    st.replace_layer("mines", hexes, -1)
    m = st.scenario.map
    return [event("mines_cleared", hexes=m.hex_ids(hexes))]
