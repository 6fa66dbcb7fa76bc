"""Air power: each side's air points by date, and air interdiction of hexes.

A side's air points for a turn are the scenario's `air_points` for it (a number, or the last
entry of its list of `{turn or date, points}` that has begun: air superiority that changes with
time) times the weather's air multiplier. It spends them on its attacks (`engine.combat`), keeps
the rest to defend with in the enemy's turn, or interdicts: in its movement (or free) phase it
spends `interdiction.cost` points on a hex, and until the start of its next turn an enemy unit
pays `interdiction.move_add` more MP to enter that hex, and no enemy rail move passes through it
(`interdiction.blocks_rail`).
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from engine.errors import IllegalOrder
from engine.events import Event
from engine.state import State

MakeEvent = Callable[..., Event]


def base_points(st: State, side: int) -> int:
    """The scenario's air points for `side` this turn, before the weather."""
    sc = st.scenario
    spec = sc.model.air_points.get(sc.side_ids[side], 0)
    if isinstance(spec, int):
        return spec
    points = 0
    for entry in sorted(spec, key=lambda e: _turn(st, e)):
        if _turn(st, entry) <= st.turn:
            points = entry.points
    return points


def _turn(st: State, entry) -> int:
    if entry.turn is not None:
        return int(entry.turn)
    if entry.date is not None:
        return st.scenario.turn_of_date(entry.date)
    return 1


def points(st: State, side: int) -> int:
    """Air points `side` receives this turn: its base points times the weather's multiplier."""
    w = st.scenario.rules.model.weather.get(st.weather)
    return int(base_points(st, side) * (w.air_multiplier if w else 1.0))


def clear_interdiction(st: State, side: int) -> None:
    """At the start of a side's turn its interdiction of the previous turn ends."""
    ended = st.interdicted == side
    if ended.any():
        st.replace_layer("interdicted", ended, -1)


def interdiction_refusal(st: State, target: int) -> IllegalOrder | None:
    from engine import sequence

    sc = st.scenario
    rule = sc.rules.model.interdiction
    if sequence.kind(st) not in ("movement", "free"):
        return IllegalOrder("interdict/wrong_phase", f"air interdiction is flown in the movement phase; this is the {sequence.title(st).lower()} phase")
    if target < 0:
        return IllegalOrder("interdict/off_map", "that hex is off the map")
    if sc.rules.impassable[sc.map.terrain[target]]:
        return IllegalOrder("interdict/impassable",
                            f"{sc.map.place(target)} is {sc.rules.terrain_names[sc.map.terrain[target]]}: nothing moves there to interdict")
    if st.interdicted[target] == st.side:
        return IllegalOrder("interdict/already", f"{sc.map.place(target)} is already interdicted")
    if st.air_left[st.side] < rule.cost:
        return IllegalOrder("interdict/no_air",
                            f"interdiction costs {rule.cost} air point{'s' if rule.cost != 1 else ''}; {st.air_left[st.side]} left this turn")
    return None


def interdict(st: State, target: int, event: MakeEvent) -> list[Event]:
    sc = st.scenario
    st.air_left[st.side] -= sc.rules.model.interdiction.cost
    st.replace_layer("interdicted", target, st.side)
    return [event("interdiction", hex=sc.map.hex_id(target), air_left=int(st.air_left[st.side]))]


def extra_cost(st: State, side: int) -> np.ndarray | None:
    """float [N]: MP `side`'s units pay on top to enter each hex (None if nothing is interdicted
    against it); read-only, kept until the interdicted hexes change (every movement search asks)."""
    memo = st.__dict__.get("_interdiction")
    if memo is None or memo[0] is not st.interdicted:     # the layer is replaced when it changes, never written to
        memo = st.__dict__["_interdiction"] = (st.interdicted, {})
    by_side: dict[int, np.ndarray | None] = memo[1]
    if side in by_side:
        return by_side[side]
    against = (st.interdicted >= 0) & (st.interdicted != side)
    got = None
    if against.any():
        got = np.where(against, st.scenario.rules.model.interdiction.move_add, 0.0)
        got.flags.writeable = False
    by_side[side] = got
    return got
