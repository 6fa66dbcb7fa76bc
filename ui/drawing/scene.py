"""What the map shows of a state: stacks of counters and each counter's look.

Everything is read from the engine's state (or a fog-of-war view's state); nothing here
decides a rule.
"""
from __future__ import annotations

import numpy as np

from engine import movement, standfast
from engine.state import Status
from ui.drawing.counters import Look


def unit_looks(state, visible: np.ndarray | None = None, rotate: dict[int, int] | None = None
               ) -> tuple[dict[int, list[int]], dict[int, Look]]:
    """(hex -> unit indices bottom to top, unit -> Look) for the units on the map.

    `visible` (bool per unit) hides units the viewer cannot see; `rotate` cycles stacks
    (hex -> how many times the player cycled it).
    """
    sc = state.scenario
    on = (state.unit_status == Status.ACTIVE) & (state.unit_hex >= 0)
    if visible is not None:
        on &= visible
    stacks: dict[int, list[int]] = {}
    looks: dict[int, Look] = {}
    for u in np.flatnonzero(on).tolist():
        d = sc.units[u]
        i = int(state.unit_hex[u])
        stacks.setdefault(i, []).append(u)
        own_phase = d.side == state.side
        attacked = bool(state.unit_attacked[u])
        moved = bool(state.unit_moved[u])
        left = movement.mp_left(state, u) if own_phase else 1.0
        spent = own_phase and (attacked or (moved and left <= 1e-9))
        looks[u] = Look(int(state.unit_steps[u]), d.max_steps, state.attack_of(u), state.defence_of(u), d.movement,
                        int(state.unit_supply[u]), moved and own_phase, attacked, spent, standfast.limit(state, u) is not None)
    if rotate:
        for i, k in rotate.items():
            units = stacks.get(i)
            if units and len(units) > 1:
                k %= len(units)
                stacks[i] = units[k:] + units[:k]
    return stacks, looks


def top_unit(stacks: dict[int, list[int]], i: int) -> int | None:
    units = stacks.get(i)
    return units[-1] if units else None
