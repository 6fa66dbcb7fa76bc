"""Property tests: random small maps (terrain, rivers, roads, railways, units, sources)
and random order sequences, checked against invariants and against plain oracles written
here from the rule text (Dijkstra for movement and supply), never against engine internals.
"""
from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import engine
from engine import movement
from builders import World
from engine import EndPhase, IllegalOrder, Move, hexgrid
from engine.state import Status, Supply

TERRAIN = "......ffhmtcbr~"
TYPES = ("infantry", "infantry", "armour", "motorised", "headquarters", "infantry_brigade", "static_infantry", "artillery")
SIDES = ("allies", "axis")
INF = math.inf


@dataclass
class Spec:
    """What the random world is made of, kept apart from the engine for the oracles."""

    columns: int
    rows: int
    terrain: list[str]
    rivers: dict[frozenset, str] = field(default_factory=dict)     # {a, b} -> "minor" | "major"
    roads: set[frozenset] = field(default_factory=set)
    rails: set[frozenset] = field(default_factory=set)
    world: World | None = None

    def hid(self, i: int) -> str:
        return f"{i % self.columns:02d}{i // self.columns:02d}"

    def char(self, i: int) -> str:
        return self.terrain[i // self.columns][i % self.columns]


def neighbours(columns: int, rows: int, i: int) -> list[int]:
    h = hexgrid.from_offset(i % columns, i // columns)
    out = []
    for n in hexgrid.neighbors(h):
        j = hexgrid.index_of(n, columns, rows)
        if j >= 0:
            out.append(j)
    return out


@st.composite
def worlds(draw) -> Spec:
    columns, rows = draw(st.integers(3, 7)), draw(st.integers(2, 5))
    n = columns * rows
    terrain = ["".join(draw(st.lists(st.sampled_from(TERRAIN), min_size=columns, max_size=columns))) for _ in range(rows)]
    spec = Spec(columns, rows, terrain)
    pairs = sorted({(min(i, j), max(i, j)) for i in range(n) for j in neighbours(columns, rows, i)})
    for a, b in draw(st.lists(st.sampled_from(pairs), max_size=6, unique=True)):
        spec.rivers[frozenset((a, b))] = draw(st.sampled_from(("minor", "major")))
    routes: list[tuple[str, list[int]]] = []
    for kind in ("road", "road", "rail"):
        if not draw(st.booleans()):
            continue
        path = [draw(st.integers(0, n - 1))]
        for _ in range(draw(st.integers(1, 6))):
            options = [j for j in neighbours(columns, rows, path[-1]) if j not in path]
            if not options:
                break
            path.append(draw(st.sampled_from(options)))
        if len(path) >= 2:
            routes.append((kind, path))
            target = spec.roads if kind == "road" else spec.rails
            target.update(frozenset(p) for p in zip(path, path[1:]))
    max_units = draw(st.sampled_from((2, 3)))
    world = World(columns=columns, rows=rows, terrain=terrain, turns=draw(st.integers(2, 6)))
    world.rules(stacking={"max_units": max_units},
                zoc={"leave_cost": draw(st.sampled_from((0, 1))), "across_major_river": draw(st.booleans())})
    world.set(weather={"schedule": {1: draw(st.sampled_from(("clear", "rain", "snow")))}}, air_points={"allies": 1, "axis": 1})
    for pair, kind in spec.rivers.items():
        a, b = sorted(pair)
        world.river(f"{spec.hid(a)}-{spec.hid(b)}", kind=kind)
    for kind, path in routes:
        (world.road if kind == "road" else world.rail)(*[spec.hid(i) for i in path])
    passable = [i for i in range(n) if spec.char(i) != "~"]
    if not passable:
        terrain[0] = "." + terrain[0][1:]
        world.data["map"]["terrain"] = "\n".join(terrain) + "\n"
        passable = [0]
    side_at: dict[int, str] = {}
    count: dict[int, int] = {}
    for k, (where, side, utype, lost) in enumerate(draw(st.lists(
            st.tuples(st.sampled_from(passable), st.sampled_from(SIDES), st.sampled_from(TYPES), st.integers(0, 2)),
            min_size=2, max_size=12))):
        if side_at.get(where, side) != side or count.get(where, 0) >= max_units:
            continue
        side_at[where] = side
        count[where] = count.get(where, 0) + 1
        full = world_steps(utype)
        world.unit(f"{side[:2]}{k}", side, spec.hid(where), utype, steps=max(1, full - lost))
    for side in SIDES:
        for where, rng in draw(st.lists(st.tuples(st.sampled_from(passable), st.integers(0, 8)), max_size=2)):
            world.source(side, spec.hid(where), range=rng)
    if draw(st.booleans()):
        world.reinforcement(2, spec.hid(draw(st.sampled_from(passable))), ("late_allies", "allies"))
    spec.world = world
    return spec


def world_steps(utype: str) -> int:
    return engine.scenario.load_rules("standard").unit_types[utype].steps


# -- oracles, from the rule text -------------------------------------------------------------------
def zoc_oracle(game: engine.Game, spec: Spec, side: int) -> set[int]:
    """Hexes next to an enemy combat unit, unless the hex's terrain blocks ZOC or (when the
    rule says so) a major river lies between."""
    sc, st_ = game.scenario, game.state
    rules = sc.rules.model
    out = set()
    for u in sc.units:
        if u.side == side or st_.unit_status[u.index] != Status.ACTIVE or st_.unit_steps[u.index] <= 0:
            continue
        if not rules.unit_types[u.type].zoc:
            continue
        here = int(st_.unit_hex[u.index])
        for j in neighbours(spec.columns, spec.rows, here):
            name = rules.terrain[terrain_name(game, spec, j)]
            if name.blocks_zoc:
                continue
            if spec.rivers.get(frozenset((here, j))) == "major" and not rules.zoc.across_major_river:
                continue
            out.add(j)
    return out


def terrain_name(game: engine.Game, spec: Spec, i: int) -> str:
    return game.scenario.model.map.legend[spec.char(i)]


def step_cost(game: engine.Game, spec: Spec, cls: str, a: int, b: int) -> float:
    rules = game.scenario.rules.model
    t = rules.terrain[terrain_name(game, spec, b)]
    if t.impassable:
        return INF
    w = rules.weather[game.state.weather]
    cost = t.move[cls] + w.move_add.get(cls, 0.0)
    river = spec.rivers.get(frozenset((a, b)))
    if river:
        cost += getattr(rules.hexsides, f"river_{river}").move_add.get(cls, 0.0)
    if frozenset((a, b)) in spec.roads:
        cost = min(cost, rules.hexsides.road.move.get(cls, INF))
    if frozenset((a, b)) in spec.rails:
        cost = min(cost, rules.hexsides.railway.move.get(cls, INF))
    return cost * w.move_multiplier


def movement_oracle(game: engine.Game, spec: Spec, unit_id: str) -> dict[int, float]:
    sc, st_ = game.scenario, game.state
    rules = sc.rules.model
    u = sc.unit(unit_id)
    cls = rules.unit_types[u.type].move_class
    allowance = u.movement * (1.0 if st_.unit_supply[u.index] == Supply.SUPPLIED else rules.supply.out_of_supply_movement)
    mp = allowance - float(st_.unit_mp_used[u.index])
    enemy = {int(st_.unit_hex[v.index]) for v in sc.units if v.side != u.side and st_.unit_status[v.index] == Status.ACTIVE}
    zoc = zoc_oracle(game, spec, u.side)
    start = int(st_.unit_hex[u.index])
    best = {start: 0.0}
    heap = [(0.0, start)]
    while heap:
        d, i = heapq.heappop(heap)
        if d > best[i]:
            continue
        if i != start and i in zoc:
            continue
        for j in neighbours(spec.columns, spec.rows, i):
            if j in enemy:
                continue
            c = step_cost(game, spec, cls, i, j)
            if i == start and start in zoc:
                if j in zoc:
                    continue
                c += rules.zoc.leave_cost
            nd = d + c
            if nd <= mp + 1e-9 and nd < best.get(j, INF) - 1e-9:
                best[j] = nd
                heapq.heappush(heap, (nd, j))
    mine = [int(st_.unit_hex[v.index]) for v in sc.units if v.side == u.side and st_.unit_status[v.index] == Status.ACTIVE]
    limit = rules.stacking.max_units
    return {i: c for i, c in best.items() if i != start and mine.count(i) < limit}


def supply_oracle(game: engine.Game, spec: Spec, side: int) -> dict[str, str]:
    sc, st_ = game.scenario, game.state
    rules = sc.rules.model
    n = spec.columns * spec.rows
    on = lambda v: st_.unit_status[v.index] == Status.ACTIVE
    enemy = {int(st_.unit_hex[v.index]) for v in sc.units if v.side != side and on(v)}
    friends = {int(st_.unit_hex[v.index]) for v in sc.units if v.side == side and on(v)}
    blocked = enemy | (zoc_oracle(game, spec, side) - friends)
    w = rules.weather[st_.weather]
    sources = []
    for s in sc.model.supply_sources:
        i = sc.map.parse(s.hex)
        if sc.side_ids.index(s.side) != side or st_.turn < s.from_turn or (s.until_turn and st_.turn > s.until_turn):
            continue
        if st_.control[i] != side:
            continue
        taken = int(st_.control_turn[i])
        if s.capture_delay is not None and taken > 0 and st_.turn - taken < s.capture_delay:
            continue
        rng = s.range if s.range is not None else rules.supply.default_range
        if i not in blocked:
            sources.append((i, rng * w.supply_range_multiplier))

    def cost(a: int, b: int) -> float:
        t = rules.terrain[terrain_name(game, spec, b)]
        if t.impassable:
            return INF
        c = t.supply_cost
        river = spec.rivers.get(frozenset((a, b)))
        if river:
            c += getattr(rules.hexsides, f"river_{river}").supply_add
        friendly = st_.control[b] == side or not rules.supply.friendly_road_only
        if friendly and frozenset((a, b)) in spec.roads:
            c = min(c, rules.hexsides.road.supply_cost)
        if friendly and frozenset((a, b)) in spec.rails:
            c = min(c, rules.hexsides.railway.supply_cost)
        return c

    supplied: set[int] = set()
    for src, rng in sources:
        best = {src: 0.0}
        heap = [(0.0, src)]
        while heap:
            d, i = heapq.heappop(heap)
            if d > best[i]:
                continue
            supplied.add(i)
            for j in neighbours(spec.columns, spec.rows, i):
                if j in blocked:
                    continue
                nd = d + cost(i, j)
                if nd <= rng + 1e-9 and nd < best.get(j, INF):
                    best[j] = nd
                    heapq.heappush(heap, (nd, j))
    connected = {s for s, _ in sources}
    frontier = list(connected)
    while frontier:
        i = frontier.pop()
        for j in neighbours(spec.columns, spec.rows, i):
            if j not in connected and j not in blocked and cost(i, j) < INF:
                connected.add(j)
                frontier.append(j)
    out = {}
    for v in sc.units:
        if v.side == side and on(v):
            h = int(st_.unit_hex[v.index])
            out[v.id] = "supplied" if h in supplied else "out_of_supply" if h in connected else "isolated"
    assert n > 0
    return out


# -- invariants ---------------------------------------------------------------------------------------
def check_invariants(game: engine.Game, before_steps: np.ndarray, before_status: np.ndarray) -> None:
    sc, st_ = game.scenario, game.state
    on = st_.unit_status == Status.ACTIVE
    sides = st_.unit_sides()
    limit = sc.rules.model.stacking.max_units
    for i in np.unique(st_.unit_hex[on]):
        here = on & (st_.unit_hex == i)
        assert len(set(sides[here].tolist())) == 1, f"both sides in {sc.map.hex_id(i)}"
        assert here.sum() <= limit, f"{here.sum()} units in {sc.map.hex_id(i)}"
        assert st_.control[i] == sides[here][0], f"{sc.map.hex_id(i)} is held but not controlled"
    arrived = (before_status == Status.PENDING) & (st_.unit_status == Status.ACTIVE)
    grew = (st_.unit_steps > before_steps) & ~arrived
    assert not grew.any(), "steps grew"
    assert ((st_.unit_steps > 0) | (st_.unit_status != Status.ACTIVE)).all(), "an active unit with no steps"


def check_reachable(game: engine.Game, spec: Spec, unit_id: str) -> None:
    reach = game.reachable(unit_id)
    if not reach:
        return
    sc = game.scenario
    got = {sc.map.index(h): c for h, c in reach.items()}
    want = movement_oracle(game, spec, unit_id)
    assert set(got) == set(want), (unit_id, sorted(map(sc.map.hex_id, set(got) ^ set(want))))
    for i, c in got.items():
        assert math.isclose(c, want[i], abs_tol=1e-9)
    u = sc.unit(unit_id)
    cls = sc.rules.model.unit_types[u.type].move_class
    zoc = zoc_oracle(game, spec, u.side)
    leave = sc.rules.model.zoc.leave_cost
    for h, c in reach.items():
        path = [sc.map.index(p) for p in game.path(unit_id, h)]
        assert path[0] == int(game.state.unit_hex[u.index]) and path[-1] == sc.map.index(h)
        total = 0.0
        for k, (a, b) in enumerate(zip(path, path[1:])):
            assert b in neighbours(spec.columns, spec.rows, a)
            assert not (k > 0 and a in zoc), "the path goes on after entering an enemy ZOC"
            if k == 0 and a in zoc:
                assert b not in zoc, "the path steps from one enemy ZOC hex straight into another"
                total += leave
            total += step_cost(game, spec, cls, a, b)
        assert math.isclose(total, c, abs_tol=1e-9)
        # the compiled search and the step rule in engine/movement.py agree on every path it finds
        assert math.isclose(movement.path_cost(game.state, u.index, path), c, abs_tol=1e-9)


def check_supply(game: engine.Game, spec: Spec) -> None:
    side = game.state.side
    want = supply_oracle(game, spec, side)
    got = {uid: game.supply_status(uid) for uid in want}
    assert got == want


def random_order(game: engine.Game, rng: np.random.Generator):
    """Any unit (either side, on the map or not), any hex: mostly illegal orders."""
    units = [u.id for u in game.scenario.units]
    unit = units[int(rng.integers(len(units)))]
    target = game.scenario.map.hex(int(rng.integers(game.scenario.map.size)))
    kind = rng.random()
    if kind < 0.5:
        return Move(unit, target)
    if kind < 0.85:
        more = units[int(rng.integers(len(units)))]
        return engine.Attack((unit,) if rng.random() < 0.6 else (unit, more), target, int(rng.integers(0, 4)))
    return engine.Advance(unit)


def play(spec: Spec, seed: int, n_orders: int, check_each: bool) -> engine.Game:
    game = spec.world.game(seed=seed)
    rng = np.random.Generator(np.random.PCG64(seed))
    check_supply(game, spec)
    for _ in range(n_orders):
        if game.over:
            break
        steps_before, status_before = game.state.unit_steps.copy(), game.state.unit_status.copy()
        # now and then a random order that is probably illegal: refused, it must change nothing
        if rng.random() < 0.25:
            order = random_order(game, rng)
            before, n_orders = game.state_hash(), len(game.orders)
            try:
                game.apply(order)
            except IllegalOrder as exc:
                assert exc.code and exc.message
                assert game.state_hash() == before and len(game.orders) == n_orders
            check_invariants(game, steps_before, status_before)
            continue
        options = game.legal_orders()
        attacks = [o for o in options if isinstance(o, (engine.Attack, engine.Advance))]
        if attacks and rng.random() < 0.5:
            order = attacks[int(rng.integers(len(attacks)))]
        elif rng.random() < 0.1:
            order = EndPhase()
        else:
            order = options[int(rng.integers(len(options)))]
        game.apply(order)           # every order legal_orders lists must be accepted
        check_invariants(game, steps_before, status_before)
        if isinstance(order, EndPhase) and not game.over:
            check_supply(game, spec)
        if check_each and not game.over:
            mine = game.units(game.active_side)
            if mine:
                check_reachable(game, spec, mine[int(rng.integers(len(mine)))])
    return game


# -- the properties -----------------------------------------------------------------------------------
@settings(max_examples=60)
@given(worlds(), st.integers(0, 2**16))
def test_random_games_keep_the_invariants_and_match_the_oracles(spec, seed):
    play(spec, seed, 60, check_each=True)


@settings(max_examples=40)
@given(worlds())
def test_reachable_matches_a_plain_dijkstra_for_every_unit(spec):
    game = spec.world.game(seed=0)
    for uid in game.units(game.active_side):
        check_reachable(game, spec, uid)


@settings(max_examples=40)
@given(worlds())
def test_supply_matches_a_plain_dijkstra_for_both_sides(spec):
    game = spec.world.game(seed=0)
    check_supply(game, spec)
    game.end_phase()
    if not game.over:
        check_supply(game, spec)


@settings(max_examples=30)
@given(worlds(), st.integers(0, 2**16))
def test_every_preview_sums_to_one_and_is_what_attack_would_roll_from(spec, seed):
    game = play(spec, seed, 15, check_each=False)
    if game.over:
        return
    for order in game.legal_orders(moves=False):
        if isinstance(order, engine.Attack):
            pv = game.preview(order.attackers, order.target)
            assert math.isclose(sum(pv.probabilities.values()), 1.0)
            assert len(pv.results) == game.scenario.rules.combat.die
            assert all(p > 0 for p in pv.probabilities.values())
