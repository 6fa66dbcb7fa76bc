"""Strategic rail movement: a unit boards a train on a railway and travels along it.

In a movement (or free) phase, a unit that has not moved or attacked yet this turn's phase, on a
hex with a railway and not in an enemy zone of control, may travel along railway hexsides to any
hex up to `rail_movement.max_hexes` away, passing only through hexes its side controls that are
free of enemy units, enemy zones of control and enemy air interdiction, and ending within the
stacking limit. That is its whole turn: it does not move again or attack until its side's next
turn. Each side may move `rail_capacity` units a turn this way (scenario data; 0 for none).
"""
from __future__ import annotations

from collections import deque
from typing import Callable

import numpy as np

from engine.errors import IllegalOrder
from engine.events import Event
from engine.scenario import Scenario
from engine.state import State

MakeEvent = Callable[..., Event]


def capacity(sc: Scenario, side: int) -> int:
    """Units `side` may move by rail each turn."""
    return int(sc.model.rail_capacity.get(sc.side_ids[side], 0))


def _on_rail(sc: Scenario) -> np.ndarray:
    cached = getattr(sc, "_on_rail", None)
    if cached is None:
        cached = sc.map.rail != 0
        sc._on_rail = cached  # type: ignore[attr-defined]
    return cached


def refusal(st: State, u: int) -> IllegalOrder | None:
    """Why unit u may not board a train now (None if it may)."""
    from engine import movement, sequence, standfast

    sc = st.scenario
    d = sc.units[u]
    if sequence.kind(st) not in ("movement", "free"):
        return IllegalOrder("rail/wrong_phase", f"rail moves are made in the movement phase; this is the {sequence.title(st).lower()} phase")
    if capacity(sc, d.side) <= 0:
        return IllegalOrder("rail/no_capacity", f"{sc.sides[d.side].name} has no rail capacity in this scenario")
    if st.rail_used[d.side] >= capacity(sc, d.side):
        return IllegalOrder("rail/no_capacity",
                            f"{sc.sides[d.side].name} has used its rail capacity "
                            f"({capacity(sc, d.side)} unit{'s' if capacity(sc, d.side) != 1 else ''}) this turn")
    if st.unit_moved[u] or st.unit_attacked[u] or st.unit_railed[u]:
        return IllegalOrder("rail/moved", f"{d.name} has already moved or attacked: a rail move is a unit's whole turn")
    bound = standfast.limit(st, u)
    if bound is not None:
        return IllegalOrder("rail/stand_fast", bound[1])
    if movement.mp_allowance(st, u) <= 0:
        return IllegalOrder("rail/no_movement", f"{d.name} has no movement allowance and cannot board a train")
    here = int(st.unit_hex[u])
    if not _on_rail(sc)[here]:
        return IllegalOrder("rail/not_on_rail", f"{d.name} is not on a railway")
    if movement.zoc_layer(st, d.side)[here]:
        return IllegalOrder("rail/in_zoc", f"{d.name} is in an enemy zone of control and cannot board a train")
    return None


def reachable(st: State, u: int) -> dict[int, int]:
    """Hexes unit u may travel to by rail now -> hexes travelled (empty if it may not)."""
    if refusal(st, u) is not None:
        return {}
    return _search(st, u)


def _search(st: State, u: int) -> dict[int, int]:
    from engine import movement

    sc = st.scenario
    d = sc.units[u]
    m = sc.map
    limit = sc.rules.model.rail_movement.max_hexes
    ok = (~movement.enemy_occupied(st, d.side) & ~movement.zoc_layer(st, d.side) & (st.control == d.side)
          & ~interdicted_against(st, d.side))
    start = int(st.unit_hex[u])
    dist = {start: 0}
    queue = deque([start])
    while queue:
        h = queue.popleft()
        if limit and dist[h] >= limit:
            continue
        bits = int(m.rail[h])
        for k in range(6):
            if not bits >> k & 1:
                continue
            j = int(m.neighbors[h, k])
            if j >= 0 and j not in dist and ok[j]:
                dist[j] = dist[h] + 1
                queue.append(j)
    stacks = st.stack_counts(d.side)
    full = sc.rules.model.stacking.max_units
    return {h: n for h, n in dist.items() if h != start and stacks[h] < full}


def interdicted_against(st: State, side: int) -> np.ndarray:
    """bool [N]: hexes the enemy of `side` has interdicted from the air, where that stops trains."""
    if not st.scenario.rules.model.interdiction.blocks_rail:
        return np.zeros(st.scenario.map.size, dtype=bool)
    return (st.interdicted >= 0) & (st.interdicted != side)


def check(st: State, u: int, target: int) -> int:
    """Hexes travelled on a legal rail move of u to `target`; IllegalOrder otherwise."""
    refused = refusal(st, u)
    if refused is not None:
        raise refused
    sc = st.scenario
    reach = _search(st, u)
    if target not in reach:
        name = sc.map.place(target)
        if target == int(st.unit_hex[u]):
            raise IllegalOrder("rail/same_hex", f"{sc.units[u].name} is already in {name}")
        raise IllegalOrder("rail/no_line", f"no railway from {sc.map.place(int(st.unit_hex[u]))} to {name} "
                           "through hexes your side holds, clear of the enemy, its zones of control and its air interdiction"
                           + (f", within {sc.rules.model.rail_movement.max_hexes} hexes" if sc.rules.model.rail_movement.max_hexes else ""))
    return reach[target]


def apply(st: State, u: int, target: int, hexes: int, event: MakeEvent) -> list[Event]:
    from engine import movement, supply

    sc = st.scenario
    d = sc.units[u]
    start = int(st.unit_hex[u])
    st.unit_hex[u] = target
    st.unit_dug_hex[u] = -1
    st.unit_moved[u] = True
    st.unit_railed[u] = True
    st.unit_mp_used[u] = movement.mp_allowance(st, u)
    st.rail_used[d.side] += 1
    events = [event("rail_moved", unit=d.id, frm=sc.map.hex_id(start), to=sc.map.hex_id(target), hexes=hexes,
                    left=capacity(sc, d.side) - st.rail_used[d.side])]
    events += supply.take_control(st, [target], d.side, event)
    return events
