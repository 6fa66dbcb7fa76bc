"""The airlift special rule: isolated units kept merely out of supply by air.

An `airlift` rule gives a side `points` steps a turn (times the weather's air multiplier) of
isolated units that count as out of supply instead. With `airfields` (names of the map's
places of kind airfield) the airlift lands at those airfields: each carries an equal share of
the points, and a share counts only while its airfield *works*:

- the side controls the airfield's hex (`state.control`), no enemy unit stands in it, and
- the airfield is in a pocket: its hex, or a neighbour of it, can be reached from one of the
  side's isolated units along a path supply could trace (passable hexes, no enemy units, no
  enemy zone of control without a friendly unit; the airfield's own hex may be in an enemy
  zone of control). An airfield outside every pocket feeds no one.

So an airlift delivers `points x air multiplier x working airfields / listed airfields`, and
nothing once the side has lost (or been cut off from) all its airfields. Without `airfields` the
airlift is an air-drop that needs no airfield. All active airlift rules of the side add up and
the sum is rounded down (`airlift_points`). `engine.supply.update` spends the points on the
side's isolated units in the order of the scenario's units; `feed` does the same per pocket
(an airfield's share only feeds the pocket it lies in).
"""
from __future__ import annotations

from typing import Any

import numpy as np

from engine.scenario import Scenario
from engine.state import ACTIVE, ISOLATED, State, Supply

EPS = 1e-9


def _rules(sc: Scenario) -> list[tuple[int, Any, tuple[int, ...]]]:
    """(side index, rule, hex index of each airfield) of every airlift rule, cached."""
    got = getattr(sc, "_airlift_rules", None)
    if got is None:
        where: dict[str, int] = {}
        for p in sc.model.map.places:
            try:
                where.setdefault(p.name, sc.map.parse(p.hex))
            except ValueError:
                continue
        got = []
        for rule in sc.model.special_rules:
            if rule.rule != "airlift" or rule.side not in sc.side_ids:
                continue
            names = list(getattr(rule, "airfields", []) or [])
            got.append((sc.side_ids.index(rule.side), rule, tuple(where[n] for n in names if n in where)))
        sc._airlift_rules = got  # type: ignore[attr-defined]
    return got


def airfields(sc: Scenario) -> set[int]:
    """The hexes of every airlift rule's airfields, of either side."""
    return {int(h) for _side, _rule, fields in _rules(sc) for h in fields}


def airfield_worth(sc: Scenario, side: int, turn: int) -> dict[int, float]:
    """Airfield hex -> the steps a turn its share of the side's airlift carries on `turn` (in good
    weather): what losing it costs the side's pockets. Empty when the side has no airlift then."""
    worth: dict[int, float] = {}
    for s, rule, fields in _rules(sc):
        if s != side or turn < rule.from_turn or (rule.until_turn is not None and turn > rule.until_turn) or not fields:
            continue
        listed = len(getattr(rule, "airfields", []) or [])
        for h in fields:
            worth[h] = worth.get(h, 0.0) + float(rule.points) / listed
    return worth


def active_rules(st: State, side: int) -> list[tuple[float, tuple[int, ...], int]]:
    """(points after weather, airfield hexes, airfields listed) of the side's airlift rules this turn."""
    sc = st.scenario
    w = sc.rules.model.weather.get(st.weather)
    mult = w.air_multiplier if w else 1.0
    out = []
    for s, rule, fields in _rules(sc):
        if s != side or st.turn < rule.from_turn or (rule.until_turn is not None and st.turn > rule.until_turn):
            continue
        points = float(rule.points) * mult
        if points > 0:
            out.append((points, fields, len(getattr(rule, "airfields", []) or [])))
    return out


def _isolated_hexes(st: State, side: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(hexes of the side's isolated units, supply-blocked hexes, passable hexes)."""
    from engine import kernels, supply

    sc = st.scenario
    m = sc.map
    blocked = supply.blocked_for_supply(st, side)
    passable = ~sc.rules.impassable[m.terrain]
    src = np.array([h for h, _ in supply.active_sources(st, side)], dtype=np.int32)
    connected = np.empty(m.size, np.int32)
    kernels.bfs_steps(src, m.neighbors, passable, blocked, connected)
    on = (st.unit_status == ACTIVE) & (st.unit_sides() == side)
    hexes = st.unit_hex[on]
    return np.unique(hexes[connected[hexes] < 0]).astype(np.int32), blocked, passable


def _touches(reach: np.ndarray, nbr: np.ndarray, h: int) -> bool:
    """The hex, or one of its neighbours, is reached."""
    if reach[h] >= 0:
        return True
    return any(int(j) >= 0 and reach[int(j)] >= 0 for j in nbr[h])


def working_airfields(st: State, side: int, hexes: Any = None) -> set[int]:
    """The airfields (hex indices) through which the side's airlift lands this turn: held, not
    enemy-occupied, and in a pocket. `hexes`: the airfields to check (default: every airfield
    of the side's airlift rules)."""
    from engine import kernels, movement

    sc = st.scenario
    if hexes is None:
        hexes = {h for s, _, fields in _rules(sc) if s == side for h in fields}
    enemy = movement.enemy_occupied(st, side)
    held = [int(h) for h in hexes if st.control[int(h)] == side and not enemy[int(h)]]
    if not held:
        return set()
    cut, blocked, passable = _isolated_hexes(st, side)
    if not len(cut):
        return set()
    reach = np.empty(sc.map.size, np.int32)
    kernels.bfs_steps(cut, sc.map.neighbors, passable, blocked, reach)
    return {h for h in held if _touches(reach, sc.map.neighbors, h)}


def airlift_points(st: State, side: int) -> int:
    """Steps of the side's isolated units the airlift keeps merely out of supply this turn."""
    rules = active_rules(st, side)
    if not rules:
        return 0
    fields = {h for _, hexes, _ in rules for h in hexes}
    working = working_airfields(st, side, fields) if fields else set()
    total = 0.0
    for points, hexes, listed in rules:
        if listed == 0:
            total += points                                    # an air-drop: no airfield needed
        else:
            total += points * sum(1 for h in hexes if h in working) / listed
    return int(total + EPS)


def feed(st: State, side: int, units: np.ndarray, status: np.ndarray) -> None:
    """Turn isolated units into out-of-supply ones with the airlift, pocket by pocket.

    `units` are the side's unit indices and `status` their traced `Supply` (changed in place),
    as in `engine.supply.update`. Each working airfield's share feeds only the isolated units
    of its own pocket (shares of airfields in one pocket add up, then round down); air-drops
    (rules without airfields) feed any isolated unit left. Within a pool the units are fed in
    the scenario's order while their steps fit in what is left.
    """
    from engine import kernels

    rules = active_rules(st, side)
    if not rules:
        return
    sc = st.scenario
    nbr = sc.map.neighbors
    fields = {h for _, hexes, _ in rules for h in hexes}
    working = working_airfields(st, side, fields) if fields else set()
    share: dict[int, float] = {}
    drop = 0.0
    for points, hexes, listed in rules:
        if listed == 0:
            drop += points
        for h in hexes:
            if h in working:
                share[h] = share.get(h, 0.0) + points / listed
    hexes = st.unit_hex[units]
    pools: list[tuple[float, np.ndarray | None]] = []
    if share:
        _, blocked, passable = _isolated_hexes(st, side)
        claimed = np.zeros(sc.map.size, dtype=bool)
        for h in sorted(share):
            if claimed[h]:
                continue
            starts = [h] + [int(j) for j in nbr[h] if j >= 0]
            reach = np.empty(sc.map.size, np.int32)
            kernels.bfs_steps(np.array(starts, np.int32), nbr, passable, blocked, reach)
            pocket = reach >= 0
            pocket[h] = True
            together = [g for g in share if g == h or (not claimed[g] and _touches(reach, nbr, g))]
            claimed[together] = True
            pools.append((sum(share[g] for g in together), pocket))
    if drop > 0:
        pools.append((drop, None))
    for points, where in pools:
        lift = int(points + EPS)
        for k in np.flatnonzero(status == ISOLATED):
            if where is not None and not where[hexes[k]]:
                continue
            steps = int(st.unit_steps[units[k]])
            if steps <= lift:
                status[k] = Supply.OUT_OF_SUPPLY
                lift -= steps
