"""Supply, isolation, attrition, pockets, hex control, reinforcements and withdrawals.

Supply is traced for one side at the start of its phase in one multi-source pass over the
whole map (`kernels.supply_flood`), never one search per unit.
"""
from __future__ import annotations

from typing import Callable, NamedTuple

import numpy as np

from engine import airlift
from engine.events import Event
from engine.scenario import Scenario
from engine.state import ACTIVE, ISOLATED, OUT_OF_SUPPLY, SUPPLIED, State, Status

QUARTERS = 4          # supply costs are traced in quarter supply points (integers)
MakeEvent = Callable[..., Event]


def _cache(scenario: Scenario) -> dict:
    cache = getattr(scenario, "_supply_cache", None)
    if cache is None:
        cache = {}
        scenario._supply_cache = cache  # type: ignore[attr-defined]
    return cache


# -- control ------------------------------------------------------------------------
def initial_control(st: State) -> None:
    """Start-of-game control: the scenario's default (a side, or the side whose units are
    nearest, ties to nobody), then its listed hexes, then every hex with units is theirs."""
    from engine import kernels

    sc = st.scenario
    m = sc.map
    spec = sc.model.control
    passable = ~sc.rules.impassable[m.terrain]
    control = np.full(m.size, -1, dtype=np.int8)
    if spec.default == "nearest":
        none = np.zeros(m.size, dtype=bool)
        dists = []
        for side in range(len(sc.sides)):
            on = (st.unit_status == ACTIVE) & (st.unit_sides() == side)
            d = np.empty(m.size, np.int32)
            kernels.bfs_steps(st.unit_hex[on].astype(np.int32), m.neighbors, passable, none, d)
            dists.append(np.where(d < 0, np.iinfo(np.int32).max, d))
        a, b = dists[0], dists[1]
        control[a < b] = 0
        control[b < a] = 1
    else:
        control[:] = sc.side_ids.index(spec.default)
    for side_id, hexes in spec.hexes.items():
        for h in hexes:
            control[m.parse(h)] = sc.side_ids.index(side_id)
    on = st.unit_status == ACTIVE
    control[st.unit_hex[on]] = st.unit_sides()[on]
    control[~passable] = -1
    st.replace_layer("control", slice(None), control)
    st.replace_layer("control_turn", slice(None), 0)


def take_control(st: State, hexes: list[int], side: int, event: MakeEvent) -> list[Event]:
    sc = st.scenario
    control = st.control
    changed = [int(i) for i in hexes if control[i] != side]      # a path of a few hexes: one by one
    if not changed:
        return []
    st.replace_layer("control", changed, side)
    st.replace_layer("control_turn", changed, st.turn)
    named = [sc.map.label(i) for i in changed if i in sc.map.names or sc.map.vp[i]]
    return [event("control_changed", to=sc.side_ids[side], hexes=sc.map.hex_ids(changed), places=named)]


# -- supply tracing -------------------------------------------------------------------
def _base_costs(sc: Scenario, frozen: tuple[int, ...] = ()) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Integer quarter-point supply costs [N, 6] off-road, the road/rail costs (-1 none) and the
    neighbour table (0 off the map), with the freezing rules `frozen` (`engine.rivers.frozen`) in
    force; cached per frozen state."""
    from engine import rivers

    cache = _cache(sc)
    key = ("base", frozen)
    got = cache.get(key)
    if got is not None:
        return got
    rules, m = sc.rules, sc.map
    hs = rules.model.hexsides
    nbr = m.neighbors
    valid = nbr >= 0
    safe = np.where(valid, nbr, 0)
    enter = rules.supply_cost[m.terrain][safe]
    bits = (1 << np.arange(6, dtype=np.uint8))[None, :]
    minor_bits, major_bits = rivers.masks_for(sc, frozen)
    river_minor = (minor_bits[:, None] & bits) != 0
    river_major = (major_bits[:, None] & bits) != 0
    cost = enter + np.where(river_minor, hs.river_minor.supply_add, 0.0) + np.where(river_major, hs.river_major.supply_add, 0.0)
    ok = valid & np.isfinite(enter)
    quarters = np.where(ok, np.ceil(cost * QUARTERS - 1e-9), -1).astype(np.int32)
    road = ((m.road[:, None] & bits) != 0) & ok
    rail = ((m.rail[:, None] & bits) != 0) & ok
    road_q = int(np.ceil((hs.road.supply_cost if hs.road.supply_cost is not None else 1.0) * QUARTERS - 1e-9))
    rail_q = int(np.ceil((hs.railway.supply_cost if hs.railway.supply_cost is not None else 1.0) * QUARTERS - 1e-9))
    cheap = np.where(rail, rail_q, np.where(road, road_q, -1)).astype(np.int32)
    got = (quarters, cheap, safe)
    cache[key] = got
    return got


def supply_costs(st: State, side: int) -> np.ndarray:
    """int32 [N, 6] quarter supply points to trace from hex i to neighbour d (-1 impassable;
    read-only, the last table of each side kept until the roads it may use change).

    A road or railway is taken where it is cheaper than the ground (or the only way), and with
    `friendly_road_only` only into hexes the side controls: the hexsides where it may be are
    found once per frozen state, and only those are looked at each time."""
    from engine import rivers

    sc = st.scenario
    frozen = rivers.frozen(sc, st.turn, st.weather)
    base, cheap, safe = _base_costs(sc, frozen)
    cache = _cache(sc)
    key = ("roads", frozen)
    roads = cache.get(key)
    if roads is None:
        at = np.flatnonzero((cheap >= 0) & ((cheap < base) | (base < 0)))      # flat [N * 6] positions
        roads = cache[key] = (at, cheap.reshape(-1)[at], safe.reshape(-1)[at])
    at, cheaper, into = roads
    ok = st.control[into] == side if sc.rules.model.supply.friendly_road_only else None
    table_key = ("costs", frozen, side, None if ok is None else ok.tobytes())      # the last table, read-only
    last = cache.get(("last_costs", side))
    if last is not None and last[0] == table_key:
        return last[1]
    out = base.copy()
    if ok is not None:
        out.reshape(-1)[at[ok]] = cheaper[ok]
    else:
        out.reshape(-1)[at] = cheaper
    out.flags.writeable = False
    cache[("last_costs", side)] = (table_key, out)
    return out


def blocked_for_supply(st: State, side: int) -> np.ndarray:
    """Enemy units, and enemy ZOC not occupied by a friendly unit."""
    from engine import movement

    blocked = movement.enemy_occupied(st, side)
    zoc = movement.zoc_layer(st, side)
    friendly = st.stack_counts(side) > 0
    return blocked | (zoc & ~friendly)


def active_sources(st: State, side: int) -> list[tuple[int, float]]:
    """(hex, range in supply points) of each source the side can draw on this turn."""
    sc = st.scenario
    w = sc.rules.model.weather.get(st.weather)
    mult = w.supply_range_multiplier if w else 1.0
    out = []
    for s in sc.sources:
        if s.side != side or st.turn < s.from_turn or (s.until_turn and st.turn > s.until_turn):
            continue
        if st.control[s.hex] != side:
            continue     # captured (or never taken, for a port the side must capture)
        taken = int(st.control_turn[s.hex])      # 0: held since the start, never captured
        if s.capture_delay >= 0 and taken > 0 and st.turn - taken < s.capture_delay:
            continue     # a captured port being cleared and repaired
        out.append((s.hex, s.range * mult))
    return out


def trace(st: State, side: int, also_blocked: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Supply distance field for `side`: (reach in quarter points, connected-at-all steps).

    reach[i] >= 0: hex i is within range of a source; connected[i] >= 0: a path exists.
    `also_blocked` (bool [N]) blocks more hexes: what if the enemy stood there (for planners).
    """
    got = traced(st, side, also_blocked)
    return got.reach, got.connected


class Traced(NamedTuple):
    """A side's supply as `trace` found it, with what it was found from (for `trace_after`)."""

    reach: np.ndarray           # int32 [N] quarter points, -1 out of range
    connected: np.ndarray       # int32 [N] hex steps, -1 cut off
    blocked: np.ndarray         # bool [N] the hexes the trace could not enter
    src: np.ndarray             # int32 the sources' hexes
    start: np.ndarray           # int32 the cost each source starts at (reach: max_cost - its range)
    max_cost: int
    costs: np.ndarray           # `supply_costs`
    turn: int
    weather: str
    control: np.ndarray         # the state's control layers, read-only (replaced when they change)
    control_turn: np.ndarray


def traced(st: State, side: int, also_blocked: np.ndarray | None = None) -> Traced:
    """`trace`, with what it was found from (read-only: the last trace of each side is kept
    until a unit moves, arrives, leaves or loses steps, or the turn, weather or control change)."""
    from engine import kernels

    sc = st.scenario
    m = sc.map
    cache = _cache(sc)
    key = (st.turn, st.weather, *st.units_key())
    if also_blocked is None:
        last = cache.get(("last_trace", side))
        if last is not None and last[0] == key and last[1].control is st.control and last[1].control_turn is st.control_turn:
            return last[1]
    sources = active_sources(st, side)
    blocked = blocked_for_supply(st, side)
    if also_blocked is not None:
        blocked = blocked | also_blocked
    src = np.array([h for h, _ in sources], dtype=np.int32)
    ranges = np.array([int(round(r * QUARTERS)) for _, r in sources], dtype=np.int32)
    reach = np.empty(m.size, np.int32)
    max_cost = int(ranges.max()) if len(ranges) else 0
    costs = supply_costs(st, side)
    kernels.supply_flood(src, ranges, costs, m.neighbors, blocked, reach, max_cost)
    connected = np.empty(m.size, np.int32)
    kernels.bfs_steps(src, m.neighbors, _passable(sc), blocked, connected)
    reach.flags.writeable = False
    connected.flags.writeable = False
    got = Traced(reach, connected, blocked, src, np.maximum(max_cost - ranges, 0).astype(np.int32), max_cost, costs,
                 st.turn, st.weather, st.control, st.control_turn)
    if also_blocked is None:
        cache[("last_trace", side)] = (key, got)
    return got


def trace_after(st: State, side: int, before: Traced) -> tuple[np.ndarray, np.ndarray]:
    """`trace(st, side)` for a state that differs from the one `before` was traced in only by
    where units stand and which are on the map (the same turn, weather and control, so the
    same sources and costs): only the hexes whose way to a source changed are traced again
    (`kernels.flood_update`). Any other state is traced whole."""
    from engine import kernels

    sc = st.scenario
    if (st.turn != before.turn or st.weather != before.weather or st.control is not before.control
            or st.control_turn is not before.control_turn or not _positive(sc, before.costs)):
        return trace(st, side)
    m = sc.map
    blocked = blocked_for_supply(st, side)
    reach = np.empty(m.size, np.int32)
    kernels.flood_update(before.src, before.start, before.costs, m.neighbors, before.blocked, blocked, before.reach, reach,
                         before.max_cost)
    closed = ~_passable(sc)
    connected = np.empty(m.size, np.int32)
    kernels.flood_update(before.src, np.zeros(len(before.src), np.int32), unit_step_costs(sc), m.neighbors, before.blocked | closed,
                         blocked | closed, before.connected, connected, m.size)
    return reach, connected


def _positive(sc: Scenario, costs: np.ndarray) -> bool:
    """Does every step of a cost table cost something? (`supply_flood` settles a hex's
    neighbours of the same cost in the order it meets them, `flood_update` all of them: the
    two agree only without free steps; kept per table.)"""
    memo = _cache(sc).setdefault("positive", {})
    got = memo.get(id(costs))
    if got is None or got[0] is not costs:
        if len(memo) > 8:
            memo.clear()
        got = memo[id(costs)] = (costs, not bool((costs == 0).any()))
    return got[1]


def unit_step_costs(sc: Scenario) -> np.ndarray:
    """int32 [N, 6]: 1 to each neighbour on the map, -1 off it (`bfs_steps` as a flood; cached)."""
    cache = _cache(sc)
    got = cache.get("unit_steps")
    if got is None:
        got = cache["unit_steps"] = np.where(sc.map.neighbors >= 0, 1, -1).astype(np.int32)
    return got


def _passable(sc: Scenario) -> np.ndarray:
    """bool [N]: hexes whose terrain is not impassable (cached on the scenario; never written to)."""
    cache = _cache(sc)
    got = cache.get("passable")
    if got is None:
        got = cache["passable"] = ~sc.rules.impassable[sc.map.terrain]
    return got


def _status(st: State, side: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The side's units on the map, their hexes, their traced supply status, and connectivity."""
    reach, connected = trace(st, side)
    units = np.flatnonzero((st.unit_status == ACTIVE) & (st.unit_sides() == side))
    hexes = st.unit_hex[units]
    status = np.where(reach[hexes] >= 0, SUPPLIED, np.where(connected[hexes] >= 0, OUT_OF_SUPPLY, ISOLATED)).astype(np.int8)
    return units, hexes, status, connected


def initial_status(st: State) -> None:
    """Before the first phase every side's supply status is known (no attrition, no events),
    so the first side's attacks see the defenders' real status."""
    for side in range(len(st.scenario.sides)):
        units, _, status, _ = _status(st, side)
        st.unit_supply[units] = status


def update(st: State, side: int, event: MakeEvent) -> list[Event]:
    """Trace supply for `side`, apply isolation attrition, report pockets."""
    sc = st.scenario
    rules = sc.rules.model.supply
    units, hexes, status, connected = _status(st, side)
    was_isolated = st.unit_isolated_turns[units] > 0
    # Airlift: isolated units its airfields (or air-drops) feed count as merely out of supply.
    airlift.feed(st, side, units, status)
    events: list[Event] = []
    st.unit_supply[units] = status
    isolated = units[status == ISOLATED]
    st.unit_isolated_turns[units[status != ISOLATED]] = 0
    st.unit_isolated_turns[isolated] += 1
    counts = {name: int((status == s).sum()) for s, name in ((SUPPLIED, "supplied"), (OUT_OF_SUPPLY, "out_of_supply"), (ISOLATED, "isolated"))}
    events.append(event("supply_traced", **counts))
    # Pockets: connected groups of isolated (or airlifted) units cut off from every source.
    cut = units[connected[hexes] < 0]
    for group in _groups(st, cut):
        new = not any(was_isolated[np.flatnonzero(units == u)[0]] for u in group)
        steps = int(sum(int(st.unit_steps[u]) for u in group))
        events.append(event("pocket", units=[sc.units[u].id for u in group], size=len(group), steps=steps, new=new,
                             hexes=sorted({sc.map.hex_id(st.unit_hex[u]) for u in group})))
    after = rules.isolated_attrition_after
    for u in isolated:
        if st.unit_isolated_turns[u] > after and rules.isolated_attrition_steps > 0:
            events += lose_steps(st, int(u), rules.isolated_attrition_steps, event, cause="isolation")
    return events


def _groups(st: State, units: np.ndarray) -> list[list[int]]:
    """Units whose hexes touch (same or neighbouring hex) form one group."""
    nbr = st.scenario.map.neighbors
    by_hex: dict[int, list[int]] = {}
    for u in units:
        by_hex.setdefault(int(st.unit_hex[u]), []).append(int(u))
    seen: set[int] = set()
    groups = []
    for start in sorted(by_hex):
        if start in seen:
            continue
        stack, group = [start], []
        seen.add(start)
        while stack:
            h = stack.pop()
            group.extend(by_hex[h])
            for j in nbr[h]:
                j = int(j)
                if j >= 0 and j in by_hex and j not in seen:
                    seen.add(j)
                    stack.append(j)
        groups.append(sorted(group))
    return groups


def lose_steps(st: State, u: int, steps: int, event: MakeEvent, cause: str) -> list[Event]:
    """Take up to `steps` steps from unit u; a unit with no steps left is eliminated."""
    sc = st.scenario
    d = sc.units[u]
    before = int(st.unit_steps[u])
    lost = min(before, steps)
    if lost <= 0:
        return []
    st.unit_steps[u] = before - lost
    st.losses[d.side] += lost
    events = [event("step_loss", unit=d.id, steps=lost, left=before - lost, cause=cause)]
    if st.unit_steps[u] <= 0:
        st.unit_status[u] = Status.ELIMINATED
        events.append(event("unit_eliminated", unit=d.id, hex=sc.map.hex_id(st.unit_hex[u]), cause=cause))
    return events

