"""Replacements: points a side receives each turn and spends to rebuild steps of its units.

The scenario's `replacements` list gives each side a number of points per turn from a turn or
date on (a later entry of the same side replaces an earlier one). At the start of its turn a
side receives its points (added to what it kept, if the rule set's `replacements.accumulate`).
In any phase of its turn it may spend one point to give one step back to a unit that is in
supply and below full strength, at most `replacements.max_steps_per_unit` steps per unit per
turn. Eliminated units are not rebuilt.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from engine.errors import IllegalOrder
from engine.events import Event
from engine.scenario import Scenario
from engine.state import ACTIVE, ISOLATED, SUPPLIED, State

MakeEvent = Callable[..., Event]


def schedule(sc: Scenario) -> list[list[tuple[int, int]]]:
    """Per side (turn order): [(first turn, points per turn)], sorted by turn."""
    cached = getattr(sc, "_replacement_schedule", None)
    if cached is None:
        cached = [[] for _ in sc.side_ids]
        for r in sc.model.replacements:
            turn = r.turn if r.turn is not None else (sc.turn_of_date(r.date) if r.date is not None else 1)
            cached[sc.side_ids.index(r.side)].append((max(1, turn), int(r.points)))
        for entries in cached:
            entries.sort(key=lambda e: e[0])
        sc._replacement_schedule = cached  # type: ignore[attr-defined]
    return cached


def rate(st: State, side: int) -> int:
    """Replacement points `side` receives this turn."""
    points = 0
    for turn, p in schedule(st.scenario)[side]:
        if turn <= st.turn:
            points = p
    return points


def receive(st: State, event: MakeEvent) -> list[Event]:
    """The active side's points at the start of its turn; its units' per-turn counts reset."""
    side = st.side
    st.unit_replaced[st.unit_sides() == side] = 0
    got = rate(st, side)
    keep = st.replacement_points[side] if st.scenario.rules.model.replacements.accumulate else 0
    st.replacement_points[side] = keep + got
    return [event("replacement_points", received=got, points=st.replacement_points[side])] if got else []


def refusal(st: State, u: int) -> IllegalOrder | None:
    """Why unit u may not receive a replacement step now (None if it may)."""
    sc = st.scenario
    d = sc.units[u]
    rules = sc.rules.model.replacements
    if st.replacement_points[d.side] <= 0:
        return IllegalOrder("replace/no_points", f"{sc.sides[d.side].name} has no replacement points left this turn")
    if int(st.unit_steps[u]) >= d.max_steps:
        return IllegalOrder("replace/full_strength", f"{d.name} is at full strength")
    if st.unit_supply[u] != SUPPLIED:
        return IllegalOrder("replace/not_supplied",
                            f"{d.name} is {'isolated' if st.unit_supply[u] == ISOLATED else 'out of supply'}: replacements reach only units in supply")
    if int(st.unit_replaced[u]) >= rules.max_steps_per_unit:
        return IllegalOrder("replace/limit",
                            f"{d.name} has already received {rules.max_steps_per_unit} "
                            f"replacement step{'s' if rules.max_steps_per_unit != 1 else ''} this turn")
    return None


def eligible(st: State, side: int) -> list[int]:
    """Units of `side` that may receive a step now (the conditions of `refusal`, on whole arrays)."""
    if st.replacement_points[side] <= 0:
        return []
    sc = st.scenario
    full = getattr(sc, "_max_steps", None)
    if full is None:
        full = sc._max_steps = np.array([u.max_steps for u in sc.units], dtype=np.int16)  # type: ignore[attr-defined]
    ok = ((st.unit_status == ACTIVE) & (st.unit_sides() == side) & (st.unit_steps < full)
          & (st.unit_supply == SUPPLIED) & (st.unit_replaced < sc.rules.model.replacements.max_steps_per_unit))
    return [int(u) for u in np.flatnonzero(ok)]


def apply(st: State, u: int, event: MakeEvent) -> list[Event]:
    """Spend one point on one step of unit u (checked by `refusal` first)."""
    d = st.scenario.units[u]
    st.replacement_points[d.side] -= 1
    st.unit_steps[u] += 1
    st.unit_replaced[u] += 1
    return [event("replacement", unit=d.id, steps=1, left=int(st.unit_steps[u]), points=st.replacement_points[d.side])]
