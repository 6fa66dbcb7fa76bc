"""Entrenchment: units that do not move dig in, one level a turn, and a dug-in defender shifts
the column of an attack on its hex.

The state keeps per unit the level it has dug (`unit_dug`) and the hex it dug it in
(`unit_dug_hex`); a level counts only while the unit is in that hex, so a unit that moves,
retreats or advances leaves its holes behind at once. `dig` runs at the start of each side's
turn (after its supply is traced); `shift` is what `combat.preview` shows.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from engine.events import Event
from engine.scenario import Scenario
from engine.state import ACTIVE, ISOLATED, State

MakeEvent = Callable[..., Event]


def entrenching_units(sc: Scenario) -> np.ndarray:
    """bool [U]: units whose type `entrenches` (cached on the scenario)."""
    got = getattr(sc, "_entrenching_units", None)
    if got is None:
        types = sc.rules.unit_types
        got = np.array([types[u.type].entrenches if u.type in types else False for u in sc.units], dtype=bool).reshape(len(sc.units))
        got.flags.writeable = False
        sc._entrenching_units = got  # type: ignore[attr-defined]
    return got


def level(st: State, u: int) -> int:
    """The entrenchment level unit u has where it stands now (0 away from the hex it dug in)."""
    if int(st.unit_dug_hex[u]) < 0 or int(st.unit_hex[u]) != int(st.unit_dug_hex[u]):
        return 0
    return int(st.unit_dug[u])


def dig(st: State, event: MakeEvent) -> list[Event]:
    """The dig check of the active side's units, at the start of its turn.

    A unit whose type entrenches and that stands in the hex of its previous check (it has not
    moved since the start of its side's previous turn) gains one level, up to
    `entrenchment.max_level`; an isolated unit gains none (unless `dig_when_isolated`) but keeps
    what it has. A unit in another hex starts over there: level 0, that hex."""
    sc = st.scenario
    rules = sc.rules.model.entrenchment
    units = np.flatnonzero((st.unit_status == ACTIVE) & (st.unit_sides() == st.side) & entrenching_units(sc))
    here = st.unit_hex[units]
    moved = st.unit_dug_hex[units] != here
    st.unit_dug[units[moved]] = 0                 # each unit's own fields: the whole side at once
    st.unit_dug_hex[units[moved]] = here[moved]
    stayed = units[~moved]
    gains = st.unit_dug[stayed] < rules.max_level
    if not rules.dig_when_isolated:
        gains &= st.unit_supply[stayed] != ISOLATED
    dug = stayed[gains]
    st.unit_dug[dug] += 1
    return [event("dug_in", unit=sc.units[u].id, level=lv) for u, lv in zip(dug.tolist(), st.unit_dug[dug].tolist())]


def best_level(st: State, defenders: tuple[int, ...]) -> int:
    """The level of the best-dug of the defenders, where they stand."""
    return max((level(st, d) for d in defenders), default=0)


def shift(st: State, defenders: tuple[int, ...], target: int) -> tuple[int, str]:
    """(column shift, reason) of the defenders' entrenchment in hex `target`: `shift_per_level`
    per level of the best-dug defender, counting only the levels that fit under
    `max_total_fort` with the hex's fortification level (which always counts in full)."""
    rules = st.scenario.rules.model.entrenchment
    dug = best_level(st, defenders)
    if dug <= 0 or not rules.shift_per_level:
        return 0, ""
    counted = dug
    cap = rules.max_total_fort
    if cap is not None:
        counted = min(dug, max(0, cap - int(st.scenario.map.fort[target])))
    if counted <= 0:
        return 0, ""
    if counted == dug:
        return counted * rules.shift_per_level, f"dug in (level {dug})"
    return (counted * rules.shift_per_level,
            f"dug in (level {dug}; {counted} count{'s' if counted == 1 else ''}: fortifications and entrenchment at most {cap} levels)")
