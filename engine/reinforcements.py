"""Reinforcements and withdrawals: units that enter the map, or leave it, on their dates.

At the start of its turn a side's units due to leave are withdrawn, then its units due to
arrive enter at the first free entry hex of their list; if the enemy or full stacks block
every one, they are placed on the nearest free hex the side controls within
`reinforcements.nearest_within` hexes, or delayed a turn (`reinforcements.blocked_entry`).
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from engine.events import Event
from engine.state import ACTIVE, PENDING, State, Status
from engine.supply import take_control

MakeEvent = Callable[..., Event]


def arrive(st: State, event: MakeEvent) -> list[Event]:
    """The active side's units due this turn enter at their entry hex, or the nearest free
    friendly hex, or are delayed (`reinforcements.blocked_entry`)."""
    from engine import kernels, movement

    sc = st.scenario
    side = st.side
    rules = sc.rules.model.reinforcements
    limit = sc.rules.model.stacking.max_units
    events: list[Event] = []
    status = st.unit_status.tolist()
    due = [u for u in sc.units if u.side == side and status[u.index] == PENDING and 0 < u.arrive_turn <= st.turn]
    for d in due:
        enemy = movement.enemy_occupied(st, side)
        stacks = st.stack_counts(side)
        place = next((h for h in d.entry_hexes if not enemy[h] and stacks[h] < limit), None)
        if place is None and rules.blocked_entry == "nearest" and d.entry_hexes:
            passable = ~sc.rules.impassable[sc.map.terrain]
            dist = np.empty(sc.map.size, np.int32)
            through = enemy.copy()
            through[list(d.entry_hexes)] = False     # count from the entry hexes even when the enemy holds them
            kernels.bfs_steps(np.array(d.entry_hexes, np.int32), sc.map.neighbors, passable, through, dist)
            ok = (dist >= 0) & (dist <= rules.nearest_within) & (st.control == side) & (stacks < limit) & ~enemy
            cands = np.flatnonzero(ok)
            if len(cands):
                place = int(cands[np.lexsort((cands, dist[cands]))[0]])
        if place is None:
            events.append(event("reinforcement_delayed", unit=d.id, entry=[sc.map.hex_id(h) for h in d.entry_hexes]))
            continue
        st.unit_hex[d.index] = place
        st.unit_status[d.index] = Status.ACTIVE
        st.unit_mp_used[d.index] = 0.0
        events.append(event("reinforcement_arrived", unit=d.id, hex=sc.map.hex_id(place)))
        events += take_control(st, [place], side, event)
    return events


def withdraw(st: State, event: MakeEvent) -> list[Event]:
    """The active side's units due to leave this turn leave the map."""
    sc = st.scenario
    events = []
    status = st.unit_status.tolist()
    for d in sc.units:
        if d.side == st.side and d.withdraw_turn and d.withdraw_turn <= st.turn and status[d.index] == ACTIVE:
            st.unit_status[d.index] = Status.WITHDRAWN
            events.append(event("unit_withdrawn", unit=d.id, hex=sc.map.hex_id(st.unit_hex[d.index])))
            st.unit_hex[d.index] = -1
    return events
