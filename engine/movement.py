"""Movement: costs per movement class, roads and rails, rivers, zones of control, stacking.

The rule lives here and only here: the UI and the AI ask `reachable` and `path`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from engine import air, minefields, rivers, sequence, standfast
from engine.scenario import Scenario
from engine.state import ACTIVE, SUPPLIED, State

INF = math.inf


@dataclass(eq=False)
class MoveSearch:
    """The result of one movement search: reachable hex indices, their costs, predecessors.

    Read-only: `search` hands the same result to every caller that asks about the same unit
    in the same position (the agent's choice, then the move's check)."""

    unit: int
    start: int
    mp: float
    nodes: np.ndarray      # int32 indices reached (start first)
    costs: np.ndarray      # float64 cost of each node
    pred_map: np.ndarray   # int32 [N]: the hex each node is reached from (-1 for the start; other hexes: no meaning)
    end_ok: np.ndarray     # bool per node: may the move end there (stacking)
    where: np.ndarray      # int32 [N]: the place of each node in `nodes` (other hexes: no meaning)

    @cached_property
    def pred(self) -> dict[int, int]:
        """Hex -> the hex it is reached from (built when first asked: most searches never are)."""
        return dict(zip(self.nodes.tolist(), self.pred_map[self.nodes].tolist()))

    def as_dict(self) -> dict[int, float]:
        return {int(i): float(c) for i, c, ok in zip(self.nodes, self.costs, self.end_ok) if ok and i != self.start}

    def position(self, target: int) -> int:
        """Where hex `target` stands in `nodes` (-1 if the search did not reach it)."""
        at = int(self.where[target])           # any number for a hex not reached: checked against `nodes`
        return at if 0 <= at < len(self.nodes) and int(self.nodes[at]) == target else -1

    def path_to(self, target: int, *, reached: bool = False) -> list[int]:
        """The hexes from the start to `target` (KeyError if the search did not reach it;
        `reached`: the caller has checked that it did)."""
        if not reached and self.position(target) < 0:
            raise KeyError(target)
        pred = self.pred_map
        path = [target]
        while path[-1] != self.start:
            path.append(int(pred[path[-1]]))
        path.reverse()
        return path


def _cache(scenario: Scenario) -> dict:
    cache = getattr(scenario, "_movement_cache", None)
    if cache is None:
        cache = {}
        scenario._movement_cache = cache  # type: ignore[attr-defined]
    return cache


def step_costs(scenario: Scenario, move_class: int, weather: str, turn: int = 1) -> np.ndarray:
    """float64 [N, 6]: MP to move from each hex to each neighbour (inf where not allowed), on
    `turn` (rivers frozen by date: `engine.rivers`) in `weather`.

    Computed once per (movement class, weather, rivers frozen) and cached on the scenario.
    """
    frozen = rivers.frozen(scenario, turn, weather)
    cache = _cache(scenario)
    key = ("step", move_class, weather, frozen)
    table = cache.get(key)
    if table is not None:
        return table
    rules, m = scenario.rules, scenario.map
    w = rules.model.weather.get(weather) or next(iter(rules.model.weather.values()))
    add = w.move_add.get(rules.classes[move_class], 0.0)
    mult = w.move_multiplier
    nbr = m.neighbors
    valid = nbr >= 0
    safe = np.where(valid, nbr, 0)
    terrain_cost = rules.move_cost[move_class][m.terrain] + add          # cost to enter each hex
    cost = np.where(valid, terrain_cost[safe], INF)
    bits = (1 << np.arange(6, dtype=np.uint8))[None, :]
    minor_bits, major_bits = rivers.masks_for(scenario, frozen)
    river_minor = (minor_bits[:, None] & bits) != 0
    river_major = (major_bits[:, None] & bits) != 0
    cost = cost + np.where(river_minor, rules.river_add[0, move_class], 0.0) + np.where(river_major, rules.river_add[1, move_class], 0.0)
    enter_ok = valid & ~rules.impassable[m.terrain][safe]
    road = ((m.road[:, None] & bits) != 0) & enter_ok
    rail = ((m.rail[:, None] & bits) != 0) & enter_ok
    cost = np.where(road, np.minimum(cost, rules.road_move[move_class]), cost)
    cost = np.where(rail, np.minimum(cost, rules.rail_move[move_class]), cost)
    cost = np.where(enter_ok, cost * mult, INF)
    table = np.ascontiguousarray(cost, dtype=np.float64)
    cache[key] = table
    return table


def unit_costs(state: State, u: int) -> np.ndarray:
    """float64 [N, 6]: MP for unit u to move from each hex to each neighbour now: its class's
    `step_costs` plus the enemy's air interdiction (`engine.air`) and the enemy's minefields
    (`engine.minefields`), cached until those change."""
    sc = state.scenario
    d = sc.units[u]
    # the tables kept for one set of interdicted and mined hexes: those layers are replaced when
    # they change, never written to, so the arrays themselves are the key (a copy of the state
    # shares them and the tables)
    memo = state.__dict__.get("_costs")
    if memo is None or memo[0] is not state.interdicted or memo[1] is not state.mines:
        memo = state.__dict__["_costs"] = (state.interdicted, state.mines, {})
    cache: dict[tuple, np.ndarray] = memo[2]
    key = (d.move_class, state.weather, state.turn, d.side)
    got = cache.get(key)
    if got is None:
        got = step_costs(sc, d.move_class, state.weather, state.turn)
        extra = air.extra_cost(state, d.side)
        mined = minefields.extra_cost(state, d.side, d.move_class)
        if extra is not None or mined is not None:
            nbr = sc.map.neighbors
            add = (0.0 if extra is None else extra) + (0.0 if mined is None else mined)
            got = np.ascontiguousarray(got + np.where(nbr >= 0, np.asarray(add)[np.where(nbr >= 0, nbr, 0)], 0.0))
        if len(cache) > 32:
            cache.clear()
        cache[key] = got
    return got


def zoc_layer(state: State, side: int, units: tuple[bytes, bytes, bytes] | None = None) -> np.ndarray:
    """bool [N]: hexes in the zone of control of `side`'s enemies (read-only, cached; `units`:
    `state.units_key()` when the caller has it)."""
    frozen = rivers.frozen(state.scenario, state.turn, state.weather)     # the layer follows the ice
    return state.cached_layer(("zoc", frozen) if frozen else "zoc", side, _zoc_layer, of="enemies", units=units)


def zoc_reach(sc: Scenario, frozen: tuple[int, ...] = ()) -> tuple[np.ndarray, np.ndarray]:
    """(may [N, 6] bool, safe [N, 6] int): a combat unit in hex i projects its zone of control
    into neighbour safe[i, d] where may[i, d]: not off the map, not into terrain that blocks
    ZOC, not across a major river unless the rule set says so (a frozen river is none;
    `frozen` is `rivers.frozen(...)`). The one home of the ZOC projection rule."""
    key = ("zocmask", frozen)
    cache = _cache(sc)
    got = cache.get(key)
    if got is None:
        m, rules = sc.map, sc.rules
        nbr = m.neighbors
        valid = nbr >= 0
        safe = np.where(valid, nbr, 0)
        may = valid & ~rules.blocks_zoc[m.terrain][safe]
        if not rules.model.zoc.across_major_river:
            bits = (1 << np.arange(6, dtype=np.uint8))[None, :]
            may &= (rivers.masks_for(sc, frozen)[1][:, None] & bits) == 0
        got = (may, safe)
        cache[key] = got
    return got


def _zoc_layer(state: State, side: int) -> np.ndarray:
    sc = state.scenario
    m = sc.map
    may, safe = zoc_reach(sc, rivers.frozen(sc, state.turn, state.weather))
    cache = _cache(sc)
    zoc_units = cache.get("zoc_units")
    if zoc_units is None:
        zoc_units = np.array([u.zoc for u in sc.units], dtype=bool)
        cache["zoc_units"] = zoc_units
    sides = state.unit_sides()
    exerting = (state.unit_status == ACTIVE) & (sides != side) & zoc_units & (state.unit_steps > 0)
    hexes = state.unit_hex[exerting]           # a hex held by several units just sets its targets again
    layer = np.zeros(m.size, dtype=bool)
    if len(hexes):
        targets = safe[hexes][may[hexes]]
        layer[targets] = True
    return layer


def enemy_occupied(state: State, side: int, units: tuple[bytes, bytes, bytes] | None = None) -> np.ndarray:
    """bool [N]: hexes holding units of `side`'s enemies (read-only, cached; `units`:
    `state.units_key()` when the caller has it)."""
    return state.cached_layer("enemy", side, _enemy_occupied, of="enemies", units=units)


def _enemy_occupied(state: State, side: int) -> np.ndarray:
    sides = state.unit_sides()
    on = (state.unit_status == ACTIVE) & (sides != side)
    blocked = np.zeros(state.scenario.map.size, dtype=bool)
    blocked[state.unit_hex[on]] = True
    return blocked


def mp_allowance(state: State, u: int) -> float:
    """The unit's movement points in this phase (its share in an exploitation phase)."""
    d = state.scenario.units[u]
    mp = d.movement * sequence.movement_share(state, u)
    if state.unit_supply[u] != SUPPLIED:
        mp *= state.scenario.rules.model.supply.out_of_supply_movement
    return mp


def mp_left(state: State, u: int) -> float:
    """Movement points left this phase: none once the unit has stopped in an enemy ZOC."""
    if state.unit_stopped[u]:
        return 0.0
    return max(0.0, mp_allowance(state, u) - float(state.unit_mp_used[u]))


def area_steps(state: State, outside: np.ndarray) -> np.ndarray:
    """int32 [N]: hexes from each hex to the nearest hex of a stand-fast area (`outside`: the
    mask of `_stand_fast_outside`), cached on the scenario with the mask."""
    cache = _cache(state.scenario)
    key = ("stand_fast_steps", id(outside))
    got = cache.get(key)
    if got is None:
        from engine import kernels

        everywhere = np.ones(len(outside), dtype=bool)
        steps = np.empty(len(outside), np.int32)
        kernels.bfs_steps(np.flatnonzero(~outside).astype(np.int32), state.scenario.map.neighbors, everywhere, ~everywhere, steps)
        steps.flags.writeable = False
        got = cache[key] = (outside, steps)      # the mask is kept with it, so its id is not taken by another
    return got[1]


def steps_to_area(state: State, area: set[int]) -> np.ndarray:
    """int32 [N] (read-only): hexes from each hex to the nearest hex of a stand-fast order's
    `area`, the layer `stand_fast_breach` judges "nearer" by."""
    return area_steps(state, _outside_mask(state, area))


def stand_fast_breach(state: State, u: int, path: list[int]) -> str | None:
    """Why a move along `path` (start first) breaks unit u's stand-fast order (None if it keeps
    it): a unit in its area may not leave it; one outside it must end nearer it."""
    bound = standfast.limit(state, u)
    if bound is None or bound[0] is None:
        return None
    outside = _outside_mask(state, bound[0])
    if outside[path[0]] and bound[0]:
        steps = area_steps(state, outside)
        return None if steps[path[-1]] < steps[path[0]] else standfast.outside_reason(state, u)
    return bound[1] if any(outside[i] for i in path[1:]) else None


def _stand_fast_outside(state: State, u: int) -> np.ndarray | None:
    """bool [N]: hexes outside the area a stand-fast order binds unit u to (None if free)."""
    bound = standfast.limit(state, u)
    return None if bound is None or bound[0] is None else _outside_mask(state, bound[0])


def _outside_mask(state: State, area: set[int]) -> np.ndarray:
    """bool [N]: the hexes outside a stand-fast area (cached on the scenario by the area, which
    the scenario keeps)."""
    cache = _cache(state.scenario)
    key = ("stand_fast", id(area))
    mask = cache.get(key)
    if mask is None:
        mask = np.ones(state.scenario.map.size, dtype=bool)
        mask[list(area)] = False
        cache[key] = mask
    return mask


def enemy_layers(state: State, side: int) -> tuple[np.ndarray, np.ndarray]:
    """(`enemy_occupied`, `zoc_layer`) for `side` now: the layers a move is checked and made on."""
    around = _enemy_layers(state, side, state.units_key())
    return around[1], around[2]


def _enemy_layers(state: State, side: int, units: tuple[bytes, bytes, bytes]) -> tuple[Any, np.ndarray, np.ndarray, dict[int, np.ndarray]]:
    """The enemy's units and zones of control for `side`, the same for every unit of the side
    searched while the enemy's units stand as they are: (key, enemy units, zones of control,
    the enemy units with each stand-fast area's outside added). The last set is kept, found
    again by the enemy's part of `units`: an agent looks at its units in turn, then the move it
    orders is checked and made, and the side's next moves find the same set."""
    around = state.__dict__.get("_search_layers")
    key = (side, state.turn, state.weather, state._enemy_part(side, units))     # the side's own moves keep them
    if around is None or around[0] != key:
        around = state.__dict__["_search_layers"] = (key, enemy_occupied(state, side, units), zoc_layer(state, side, units), {})
    return around


def search(state: State, u: int, mp: float | None = None) -> MoveSearch:
    """Everything unit `u` can reach with its MP left (or `mp`).

    The last result is kept with everything it depends on: the unit, its MP, the turn and the
    weather (costs, frozen rivers, stand-fast orders), where every unit is and its status and
    steps (enemy units, ZOC, stacks), the interdicted and mined hexes. Asked again with all of
    them equal, the search returns that result (read-only), so an agent's look at a unit and the
    move it then orders cost one search."""
    sc = state.scenario
    budget = mp_left(state, u) if mp is None else mp
    units = state.units_key()
    # the interdicted and mined hexes by identity: those layers are replaced, never written to
    # (the entry keeps the arrays, so their ids are not taken by others while it stands)
    key = (u, budget, state.turn, state.weather, *units, id(state.interdicted), id(state.mines))
    cache = _cache(sc)
    last = cache.get("last_search")
    if last is not None and last[0] == key:
        return last[1]
    d = sc.units[u]
    side = d.side
    start = int(state.unit_hex[u])
    cost = unit_costs(state, u)
    around = _enemy_layers(state, side, units)
    blocked, zoc = around[1], around[2]
    outside = _stand_fast_outside(state, u)
    toward = None
    if outside is not None and outside[start] and not outside.all():
        # the unit stands outside the area of its order (it was there when the order began, or
        # retreated out of a boundary): it may move, but only to end nearer the area
        toward = area_steps(state, outside)
        outside = None
    ws: dict[str, Any] | None = cache.get("ws")     # the kernel, its arrays and "gen", the search counter
    if ws is None:
        from engine import kernels  # numba loads with the first search

        ws = {**kernels.workspace(sc.map.size), "gen": 0, "kernel": kernels.movement_search}
        cache["ws"] = ws
    ws["gen"] += 1
    gen = ws["gen"]
    pred_map = np.empty(sc.map.size, np.int32)      # the search's own, written only where it reaches: kept with its result
    where = np.empty(sc.map.size, np.int32)
    if outside is not None:
        # a unit ordered to stand fast never leaves its area (the blocked layer kept per area,
        # which the scenario keeps, so its id stays its own)
        fenced = around[3].get(id(outside))
        if fenced is None:
            fenced = around[3][id(outside)] = blocked | outside
        blocked = fenced
    # the kernel also counts the side's units in the hexes reached: a move ends only short of the stacking limit
    count = ws["kernel"](start, float(budget), cost, sc.map.neighbors, blocked, zoc,
                         float(sc.rules.model.zoc.leave_cost), ws["dist"], pred_map, ws["stamp"], gen,
                         ws["heap_cost"], ws["heap_node"], ws["out"], ws["out_cost"], ws["out_ok"], where,
                         state.unit_hex, state.unit_status, state.unit_sides(), side, ACTIVE,
                         sc.rules.model.stacking.max_units, ws["count"])
    nodes = ws["out"][:count].copy()
    costs = ws["out_cost"][:count].copy()
    end_ok = ws["out_ok"][:count].copy()
    if toward is not None:
        end_ok &= toward[nodes] < toward[start]
        end_ok[0] = True
    for arr in (nodes, costs, pred_map, end_ok, where):
        arr.setflags(write=False)
    found = MoveSearch(u, start, budget, nodes, costs, pred_map, end_ok, where)
    cache["last_search"] = (key, found, state.interdicted, state.mines)
    return found


def path_cost(state: State, u: int, path: list[int]) -> float:
    """MP cost of moving unit u along `path` (start first), checking every step rule on the way:
    neighbours, enemy units, impassable terrain, the stop on entering an enemy ZOC, no ZOC to ZOC,
    the MP left and the stacking limit at the end. IllegalOrder if the path breaks one."""
    from engine.errors import IllegalOrder

    sc = state.scenario
    d = sc.units[u]
    cost_table = unit_costs(state, u)
    blocked = enemy_occupied(state, d.side)
    zoc = zoc_layer(state, d.side)
    total = 0.0
    for k, (a, b) in enumerate(zip(path, path[1:])):
        dirs = np.flatnonzero(sc.map.neighbors[a] == b)
        if not len(dirs):
            raise IllegalOrder("move/not_adjacent", f"{sc.map.place(a)} and {sc.map.place(b)} are not neighbours")
        if blocked[b]:
            raise IllegalOrder("move/enemy_hex", f"{sc.map.place(b)} is held by the enemy")
        c = float(cost_table[a, dirs[0]])
        if not np.isfinite(c):
            raise IllegalOrder("move/impassable", f"{d.name} cannot enter {sc.map.place(b)}")
        if k == 0 and zoc[a]:
            if zoc[b]:
                raise IllegalOrder("move/zoc_to_zoc", f"{d.name} cannot move directly from one enemy zone of control to another")
            c += sc.rules.model.zoc.leave_cost
        if k > 0 and zoc[a]:
            raise IllegalOrder("move/zoc_stop", f"{d.name} must stop on entering an enemy zone of control at {sc.map.place(a)}")
        total += c
    left = mp_left(state, u)
    if total > left + 1e-9:
        raise IllegalOrder("move/not_enough_mp", f"{d.name} has {_fmt(left)} MP left; that path costs {_fmt(total)}")
    if state.stack_counts(d.side)[path[-1]] >= sc.rules.model.stacking.max_units:
        raise IllegalOrder("move/stacking", f"{sc.map.place(path[-1])} already holds {sc.rules.model.stacking.max_units} units (the stacking limit)")
    return total


def walk(state: State, u: int, path: list[int], blocked: np.ndarray, zoc: np.ndarray) -> tuple[list[int], float, int | None]:
    """Follow a planned path on a map that may hold what the mover did not know about: stop
    before a unit in `blocked`, at the first hex in `zoc`, or short of a full stack. Returns
    the hexes actually moved through (start first), their cost and the contact hex (or None)."""
    sc = state.scenario
    d = sc.units[u]
    table = unit_costs(state, u)
    costs = [0.0]
    contact = None
    for k in range(1, len(path)):
        a, b = path[k - 1], path[k]
        if blocked[b] or (k == 1 and zoc[a] and zoc[b]):
            contact = b
            break
        step = float(table[a, int(np.flatnonzero(sc.map.neighbors[a] == b)[0])])
        if k == 1 and zoc[a]:
            step += sc.rules.model.zoc.leave_cost
        costs.append(costs[-1] + step)
        if zoc[b]:
            if k < len(path) - 1:
                contact = b
            break
    stop = len(costs) - 1
    stacks = state.stack_counts(d.side)
    while stop > 0 and stacks[path[stop]] >= sc.rules.model.stacking.max_units:
        stop -= 1
    return path[: stop + 1], costs[stop], contact


def _fmt(x: float) -> str:
    return f"{x:g}" if abs(x - round(x)) > 1e-9 else str(int(round(x)))
