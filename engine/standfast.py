"""Stand-fast orders: units bound to an area (or to their hex) until a turn.

A scenario's `stand_fast` special rule names a side, an area of hexes, the units it binds (by
default all of the side's units that start in the area) and the turns it binds them (from
`from_turn`, default the first, until `until_turn`). A bound
unit may not move out of its area; with an empty area it may not move at all. An order to hold
(`hold: true`, the default) binds retreats too, and the AI defends the area; a boundary
(`hold: false`: an army's sector, a corps held to its task) binds only movement and advances
after combat. Movement, retreats and the AI ask `limit` and `holds`.
"""
from __future__ import annotations

from engine.scenario import Scenario
from engine.state import State


def _cache(scenario: Scenario) -> dict:
    cache = getattr(scenario, "_standfast_cache", None)
    if cache is None:
        cache = {}
        scenario._standfast_cache = cache  # type: ignore[attr-defined]
    return cache


def _stand_fast(sc: Scenario) -> list[tuple[int, set[int], set[int], int, int, str, bool]]:
    cache = _cache(sc)
    got = cache.get("stand_fast")
    if got is None:
        got = []
        for rule in sc.model.special_rules:
            if rule.rule != "stand_fast":
                continue
            side = sc.side_ids.index(rule.side)
            area = {sc.map.parse(h) for h in rule.hexes}
            units = {sc.unit_index[u] for u in rule.units} if rule.units else {u.index for u in sc.units if u.side == side and u.start_hex in area}
            got.append((side, area, units, rule.from_turn, rule.until_turn, rule.note, rule.hold))
        cache["stand_fast"] = got
    return got


def _by_unit(sc: Scenario) -> dict[int, list[tuple[set[int], int, int, str, bool]]]:
    """Unit -> its stand-fast orders in the scenario's order: (area, from turn, until turn, the
    reason to show, an order to hold or only a boundary). Built once: every movement search and
    move check asks about its unit."""
    got = sc.__dict__.get("_standfast_by_unit")
    if got is None:
        got = {}
        for _side, area, units, since, until, note, hold in _stand_fast(sc):
            what = "is ordered to stand fast" if hold else "is held within its boundary"
            for u in sorted(units):
                reason = f"{sc.units[u].name} {what} until turn {until}" + (f" ({note})" if note else "")
                got.setdefault(u, []).append((area, since, until, reason, hold))
        sc.__dict__["_standfast_by_unit"] = got
    return got


def _binding(st: State, u: int) -> tuple[set[int], int, int, str, bool] | None:
    """The order that binds unit u this turn (the first of its orders in force), or None."""
    for order in _by_unit(st.scenario).get(u, ()):
        if order[1] <= st.turn <= order[2]:
            return order
    return None


def limit(st: State, u: int) -> tuple[set[int] | None, str] | None:
    """None if the unit may move freely; else (hexes it must stay within, or None if it may
    not move at all, and the reason to show). A unit that stands outside its area (it was there
    when the order began, or it retreated out of a boundary) may move, but only to end nearer
    the area: `movement.search` and `outside_reason`."""
    memo = st.scenario.__dict__.get("_standfast_limits")
    if memo is None:
        memo = st.scenario.__dict__["_standfast_limits"] = {}
    key = (u, st.turn)            # asked by every move check and search: kept per unit and turn
    if key not in memo:
        order = _binding(st, u)
        memo[key] = None if order is None else (order[0], order[3] + ": it may not leave its area")
    return memo[key]


def outside_reason(st: State, u: int) -> str | None:
    """Why a unit that stands outside the area of its order may move only nearer to it (None if
    it is free, or in its area)."""
    order = _binding(st, u)
    if order is None or int(st.unit_hex[u]) in order[0]:
        return None
    return order[3] + ": it stands outside its area and may only move nearer to it"


def holds(st: State, u: int) -> bool:
    """Is the unit under an order to hold its area (not only a boundary) this turn? The first
    rule that binds it decides, as in `limit`."""
    order = _binding(st, u)
    return order is not None and order[4]


def may_enter(st: State, u: int, i: int) -> bool:
    """May unit u enter hex i as far as its stand-fast order goes (an advance after combat)?"""
    bound = limit(st, u)
    return bound is None or (bound[0] is not None and i in bound[0])
