"""An operational AI built from numpy layers and attack previews.

One phase, in order:

1. **Read the situation** into layers over the whole map: enemy threat (attack strength that
   can reach each hex next turn), distances to the enemy and to own supply sources, own
   supply reach, the value of every objective and VP hex (deadlines make it urgent; a side
   that is losing on points attacks, a side that is winning holds), the front line (the
   boundary between the hexes nearer own units and those nearer the enemy, weighted by what
   lies behind it) and (except for `easy`) the enemy's supply lines.
2. **Garrison** threatened objectives it holds with the nearest units that can get there this
   turn (kept out of attacks), until their defence answers the threat; with `commit` (the
   planner's) not the units the movement phase placed for an attack. `hard` also **seizes**
   the open hexes of the objectives it must take by a deadline: the unit with the best defence
   that can get onto such a hex this phase is sent there.
3. **Plan attacks**: for every enemy hex that ready units can reach, gather attackers
   (strongest first, each from its best hex next to the target: not across a river, good
   ground) while the previewed expected outcome improves; keep attacks worth their expected
   losses; spend air points where one more column counts most. `hard` looks ahead over which
   attack to commit first and values retreats that cut enemy supply.
4. **Move** units into attack positions, **attack** (re-checking each preview against the
   live game), advance after combat.
5. **Move the rest**, one unit at a time, each to the reachable hex with the best score:
   pull towards objectives (less for one another units already head for), cover of
   uncovered front hexes (a unit and its zone of control close a gap), danger from enemy
   threat against the defence it would have there, supply (out-of-supply units head back),
   enemy supply lines it would block. Units defending their sector (stand-fast, locally
   outnumbered, or the side is ahead or outnumbered) weigh closing gaps in the line (the ring
   two steps from the enemy) and defensive ground on it higher, and leave it only for attacks
   clearly worth it. (`easy` is careless: it defends no sector unless ordered to, and weighs
   gaps in its front at a third.) With `holes` (the planner's) a dug-in unit of the side that
   has nothing to take, outnumbered where it stands, counts its entrenchment there too: it is
   lost if the unit moves. The chosen hex updates the layers before the next unit
   decides, so units spread along the front instead of piling up.

Every query goes through the side's `View` (reachable, preview, supply status, its state
arrays) or reads scenario data; read-only rule functions (`engine.combat.preview`,
`engine.supply.trace`, `engine.victory.score`) are called on the view's state, or on
copies of it to look ahead, never on the game itself. The cost of a
turn is one movement search per unit that may move, a few previews per enemy hex in reach
and a handful of whole-map numpy passes.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generator

import numpy as np

from engine import airlift, combat, entrenchment, movement, rail, replacements, rivers, sequence, standfast, supply, victory
from engine.ai.base import Agent, AgentError, register
from engine.ai.layers import BIG, Grid, downhill, hex_distance, steps_from
from engine.orders import Advance, Attack, EndPhase, Interdict, Move, Order, Rail, Replace
from engine.state import ACTIVE, SUPPLIED, Status

if TYPE_CHECKING:
    from engine.fog import View

LEVELS: dict[str, dict[str, Any]] = {
    "easy": {"noise": 1.5, "threshold": -0.5, "behind": 0.0, "ahead": 0.0, "lookahead": 0, "air": "random", "loss_weight": 0.6,
             "seize": 0, "supply_lines": False, "garrison": False, "line": 0.3, "holes": 0, "commit": 0},
    "normal": {"noise": 0.1, "threshold": 0.1, "behind": 0.0, "ahead": 0.0, "lookahead": 0, "air": "best", "loss_weight": 1.0,
               "seize": 0, "supply_lines": True, "garrison": True, "line": 1.0, "holes": 0, "commit": 0},
    "hard": {"noise": 0.0, "threshold": 0.05, "behind": 0.05, "ahead": 0.15, "lookahead": 3, "air": "best", "loss_weight": 0.85,
             "seize": 1, "supply_lines": True, "garrison": True, "line": 1.0, "holes": 0, "commit": 0},
}

# the numeric options a player may set (`heuristic:threshold=0.2`) and the values allowed
OPTION_RANGES: dict[str, tuple[float, float]] = {
    "noise": (0.0, 10.0), "threshold": (-10.0, 10.0), "behind": (-10.0, 10.0), "ahead": (0.0, 10.0), "lookahead": (0, 50),
    "loss_weight": (0.0, 10.0), "seize": (0, 1), "holes": (0, 1), "commit": (0, 1),
}


def day_steps(movement: float) -> int:
    """Hex steps a unit covers in a move, roughly (its movement points over 1.5, a hex's usual cost)."""
    return int(math.ceil(movement / 1.5))


def loss_weight(params: dict[str, Any], ahead: bool) -> float:
    """How much a side weighs its own steps lost against the enemy's: its level's `loss_weight`,
    more while it is winning on points (it has more to lose; the hard level adds its `ahead`,
    so it presses attacks only when behind), less while it is not."""
    if ahead:
        return (float(params["loss_weight"]) + float(params["ahead"])) * 1.25
    return float(params["loss_weight"]) * 0.9

# a unit defending its sector: weight of closing front gaps, of defensive ground on the line,
# of the danger of standing in the line (it stays in the line), and the margin an attack
# must clear to pull it out of the line
HOLD: dict[str, float] = {"cover": 3.0, "terrain": 1.0, "risk": 1.0, "attack_margin": 0.6, "depth": 2, "outnumbered": 1.0}

# an airfield of the side's airlift is worth this many VP for each step a turn it keeps supplied
# (from the turn the airlift begins: a side holds its airfields before the ring closes, not after)
AIRFIELD_WORTH = 2.0

# a unit sent to seize an open objective's hex (one the side must take by a deadline) goes there:
# this much is added to the worth of that hex
SEIZE_PULL = 50.0
AREA_PULL = 3.0             # per move gained towards the area of an order a unit stands outside

# at most this many overruns a movement phase (each is searched for again after the one before)
OVERRUNS_PER_PHASE = 6

_STATIC: dict[int, tuple[Any, "_Static"]] = {}


class _Static:
    """What never changes in a scenario: unit tables, target hexes and distances to them."""

    def __init__(self, sc) -> None:
        m, rules = sc.map, sc.rules
        self.passable = ~rules.impassable[m.terrain]
        self.grid = Grid(m, self.passable)
        units = sc.units
        self.side = np.array([u.side for u in units], dtype=np.int64)
        self.movement = np.array([u.movement for u in units], dtype=np.float64)
        self.zoc = np.array([u.zoc for u in units], dtype=bool)
        self.exploits = np.array([u.exploits for u in units], dtype=bool)
        self.ids = [u.id for u in units]
        self.max_steps = np.array([u.max_steps for u in units], dtype=np.float64)
        # hexes that matter for victory: VP hexes and objective hexes (and the airlift's airfields,
        # which keep the side's pockets fighting)
        targets = set(np.flatnonzero(m.vp > 0).tolist())
        targets.update(airlift.airfields(sc))
        victory_block = sc.model.victory
        self.objectives = []
        if victory_block is not None:
            for o in victory_block.objectives:
                hexes = [m.parse(h) for h in o.hexes]
                targets.update(hexes)
                self.objectives.append((o, hexes))
        self.takers = {o.side for o, _ in self.objectives}      # the sides with an objective to take
        self.targets = np.array(sorted(targets), dtype=np.int64)
        self.target_pos = {int(t): k for k, t in enumerate(self.targets)}
        dist = [steps_from(np.array([t]), m.neighbors, self.passable) for t in self.targets]
        self.tdist = np.array(dist, dtype=np.float64).reshape(len(self.targets), m.size)
        self.tdist[self.tdist >= BIG] = 1e6
        # defensive worth of each hex: terrain and fortification column shifts (negative helps)
        crt = rules.combat
        fort_shift = (crt.fortification_shift_per_level if crt else 0) * m.fort.astype(np.float64)
        self.def_shift = rules.defence_shift[m.terrain].astype(np.float64) + fort_shift
        self.vp = m.vp.astype(np.float64)
        self._by_ice: dict[tuple[int, ...], tuple[np.ndarray, np.ndarray]] = {}
        self.nbr_safe = np.maximum(m.neighbors, 0)       # [N, 6] neighbours, -1 as 0
        self.nbr_on = m.neighbors >= 0
        self.nbr = m.neighbors
        self._steps: dict[tuple[bytes, str, bytes | None], np.ndarray] = {}
        self._protect: tuple[bytes, bytes, np.ndarray] | None = None
        self._discs: dict[tuple, np.ndarray] = {}

    def steps_from(self, sources: np.ndarray, blocked: np.ndarray | None = None) -> np.ndarray:
        """`steps_from` the hexes `sources` over the passable hexes (read-only: the last few are
        kept, for the phases of a side-turn start from the same units)."""
        key = (sources.tobytes(), sources.dtype.str, None if blocked is None else blocked.tobytes())
        got = self._steps.get(key)
        if got is None:
            if len(self._steps) >= 12:
                self._steps.clear()
            got = self._steps[key] = steps_from(sources, self.nbr, self.passable, blocked)
            got.flags.writeable = False
        return got

    def disc_sum(self, centers: np.ndarray, weights: np.ndarray, radii: np.ndarray) -> np.ndarray:
        """`Grid.disc_sum` (read-only: the last few are kept, as `steps_from`)."""
        key = (centers.tobytes(), weights.tobytes(), radii.tobytes(), centers.dtype.str, weights.dtype.str, radii.dtype.str)
        got = self._discs.get(key)
        if got is None:
            if len(self._discs) >= 8:
                self._discs.clear()
            got = self._discs[key] = self.grid.disc_sum(centers, weights, radii)
            got.flags.writeable = False
        return got

    def protect(self, held: np.ndarray, value: np.ndarray) -> np.ndarray:
        """[N] for each hex the most an objective the side holds (`held`, worth `value`) asks to
        be covered from it, falling with the distance (the last one kept)."""
        last = self._protect
        if last is not None and last[0] == held.tobytes() and last[1] == value.tobytes():
            return last[2]
        hv = value[held][:, None]
        got = (hv / (1.0 + self.tdist[held] / 3.0)).max(axis=0)
        got.flags.writeable = False
        self._protect = (held.tobytes(), value.tobytes(), got)
        return got

    def zoc_and_rivers(self, sc, st) -> tuple[np.ndarray, np.ndarray]:
        """([N, 7] each hex and the neighbours a unit there holds in its zone of control (-1 none),
        [N] river hexside bits), as the rules stand this turn (frozen rivers are none)."""
        key = rivers.frozen(sc, st.turn, st.weather)
        got = self._by_ice.get(key)
        if got is None:
            may, _ = movement.zoc_reach(sc, key)
            nbrs = np.concatenate([np.arange(sc.map.size)[:, None], np.where(may, sc.map.neighbors, -1)], axis=1)
            minor, major = rivers.masks_for(sc, key)
            got = self._by_ice[key] = (nbrs, minor | major)
        return got


def _static(sc) -> _Static:
    got = _STATIC.get(id(sc))
    if got is None or got[0] is not sc:
        got = (sc, _Static(sc))
        _STATIC[id(sc)] = got
    return got[1]


@dataclass
class _Plan:
    target: int
    attackers: list[int]
    slots: dict[int, int]            # attacker -> hex it attacks from
    ev: float
    air: int = 0
    moves: list[tuple[int, int]] = field(default_factory=list)


@register("heuristic")
class HeuristicAgent(Agent):
    """Operational AI: fronts, objectives, concentrated attacks by previewed odds."""

    options = {"level": "normal", "noise": None, "threshold": None, "behind": None, "ahead": None, "lookahead": None,
               "loss_weight": None, "seize": None, "holes": None, "commit": None}

    def __init__(self, side: str, seed: int = 0, **options: Any) -> None:
        super().__init__(side, seed, **options)
        level = self.config["level"]
        if level not in LEVELS:
            raise AgentError(f"heuristic level must be one of {', '.join(LEVELS)}, not '{level}'")
        self.level = level
        params = dict(LEVELS[level])
        for key, (lo, hi) in OPTION_RANGES.items():
            raw = self.config[key]
            if raw is None:
                continue
            whole = isinstance(params[key], int)
            try:
                value: float | None = float(raw)
            except (TypeError, ValueError):
                value = None
            if value is not None and whole and not value.is_integer():
                value = None
            if value is None or not lo <= value <= hi:       # also refuses nan
                kind = "a whole number" if whole else "a number"
                raise AgentError(f"heuristic option {key} must be {kind} from {lo:g} to {hi:g}, not '{raw}'")
            params[key] = int(value) if whole else value
        self.params = params
        self._key: tuple[int, str, str, int] | None = None
        self._planned: set[int] = set()     # units moved into attack positions for the coming combat phase
        self._overran: set[int] = set()     # units that overran a hex this movement phase (they may move on)
        self._gen: Generator[Order, View, None] | None = None
        self._refusal: Any = None

    # -- protocol --------------------------------------------------------------------
    def act(self, view: View) -> Order:
        key = (view.turn, view.active_side, view.phase, view.state.phase)
        try:
            if key != self._key or self._gen is None:
                self._key = key
                self._refusal = None
                self._gen = self._phase(view)
                return next(self._gen)
            return self._gen.send(view)
        except StopIteration:
            self._gen = None
            return EndPhase()

    def refused(self, order, exc) -> None:
        self._refusal = (order, exc)

    def context(self, view: View) -> "_Context":
        """The layers and scoring of one phase (an operational agent adds its plan to them)."""
        return _Context(self, view)

    def _was_refused(self) -> bool:
        got = self._refusal is not None
        self._refusal = None
        return got

    # -- one phase -------------------------------------------------------------------
    def _phase(self, view: View) -> Generator[Order, View, None]:
        """One phase: in a movement phase, move into attack positions and then the rest; in a
        combat phase, attack from where the units stand; in an exploitation phase, move the
        exploiting units (and attack with them where the rules allow); in a free phase, all of it."""
        kind = view.phase
        may_attack = kind in ("free", "combat") or (kind == "exploitation" and view.scenario.rules.model.sequence.exploitation.attacks)
        may_move = kind != "combat"
        ctx = self.context(view)
        if kind == "movement":
            self._planned = set()
            self._overran = set()
        # 0. replacement points: the most worn units nearest the enemy first
        for _ in range(int(view.state.replacement_points[ctx.me])):
            ready = replacements.eligible(view.state, ctx.me)
            if not ready:
                break
            st = view.state
            best = min(ready, key=lambda u: (-(ctx.s.max_steps[u] - st.unit_steps[u]) / ctx.s.max_steps[u], ctx.d_enemy[int(st.unit_hex[u])], u))
            view = yield Replace(ctx.s.ids[best])
            if self._was_refused():
                break
        if kind == "movement" and sequence.overrun_phase(view.state):
            view = yield from self._overruns(ctx, view)
        plans = self._plan_attacks(ctx) if (may_attack or kind == "movement") else []
        sc = view.scenario
        # 1. into attack positions
        for plan in plans:
            for u, slot in plan.moves:
                view = yield Move(ctx.s.ids[u], sc.map.hex(slot))
                if self._was_refused():
                    plan.attackers.remove(u)
        if not may_attack:
            # the attacks come in the combat phase: hold the attackers where they stand
            for plan in plans:
                self._planned.update(plan.attackers)
        if kind in ("movement", "free"):
            # air points the attacks will not need interdict the enemy's roads and railways
            for target in ctx.interdiction_targets(spare=int(view.state.air_left[ctx.me]) - ctx.air_needed(plans)):
                view = yield Interdict(sc.map.hex(target))
                if self._was_refused():
                    break
            # units far from the front go by train
            held = {a for plan in plans for a in plan.attackers}
            for u, dest in ctx.rail_moves(view, held):
                view = yield Rail(ctx.s.ids[u], sc.map.hex(dest))
                self._was_refused()
        if not may_attack:
            plans = []
        # 2. attacks, each re-checked against the live game
        for plan in plans:
            st = view.state
            attackers = [a for a in plan.attackers if st.unit_status[a] == ACTIVE and not st.unit_attacked[a]
                         and plan.target in sc.map.neighbors[int(st.unit_hex[a])]]
            if not attackers or not ctx.enemy_at(st, plan.target):
                continue
            ids = [ctx.s.ids[a] for a in attackers]
            air = min(plan.air, int(st.air_left[ctx.me]))
            pv = view.preview(ids, sc.map.hex(plan.target), air)
            if not pv.allowed:
                continue
            ev = ctx.expected_value(pv, plan.target, st)
            if ev < ctx.threshold - 0.25 and air == 0:
                continue
            view = yield Attack(tuple(ids), sc.map.hex(plan.target), air)
            if self._was_refused():
                continue
            adv = view.state.advance
            if adv is not None and adv[0] == plan.target:
                unit = ctx.choose_advance(view.state, adv[1])
                if unit is not None:
                    view = yield Advance(ctx.s.ids[unit])
                    self._was_refused()
        # 3. everything else moves
        if not may_move:
            if view.state.advance is not None:
                unit = ctx.choose_advance(view.state, view.state.advance[1])
                if unit is not None:
                    view = yield Advance(ctx.s.ids[unit])
                    self._was_refused()
            yield EndPhase()
            return
        if view.state.advance is not None:
            unit = ctx.choose_advance(view.state, view.state.advance[1])
            if unit is not None:
                view = yield Advance(ctx.s.ids[unit])
                self._was_refused()
        ctx.refresh(view)
        for u in ctx.movers():
            here = int(view.state.unit_hex[u])
            got = ctx.cached_reach(u, view.state)
            if got is None:
                got = view.reachable_indices(ctx.s.ids[u])
                if not len(got[0]):
                    ctx.place(u, here)
                    continue
            idx, cost = got
            if not len(idx):
                ctx.place(u, here)
                continue
            for _ in range(3):      # under fog a hidden enemy may refuse a move: try the next best hex
                keep = ~np.isin(idx, list(ctx.suspect)) if ctx.suspect else slice(None)
                dest = ctx.choose_move(u, idx[keep], cost[keep])
                if dest == here:
                    break
                view = yield Move(ctx.s.ids[u], sc.map.hex(dest))
                if not self._was_refused():
                    break
                ctx.suspect.add(dest)
                dest = here
            ctx.place(u, dest)
        yield EndPhase()

    def _overruns(self, ctx: "_Context", view: View) -> Generator[Order, View, View]:
        """Overruns, where the rules allow them in the movement phase: a stack of exploiting
        units that can gather next to an enemy hex with the MP to pay for it, and reaches the
        overrun's column there, attacks it on the move, best expected value first. A stack that
        clears the hex moves on with what it has left, with the other movers (step 3)."""
        sc = view.scenario
        if sc.rules.combat is None:
            return view
        need = sequence.overrun_column(view.state)
        mp_cost = float(sc.rules.model.sequence.overrun.mp_cost)
        tried: set[tuple[int, int]] = set()
        for _ in range(OVERRUNS_PER_PHASE):
            best = ctx.best_overrun(need, mp_cost, tried)
            if best is None:
                break
            ev, stack, h, target = best
            tried.add((h, target))
            st = view.state
            for u in stack:
                if int(st.unit_hex[u]) != h:
                    view = yield Move(ctx.s.ids[u], sc.map.hex(h))
                    if self._was_refused():
                        stack = [a for a in stack if a != u]
            st = view.state
            stack = [a for a in stack if int(st.unit_hex[a]) == h]
            pv = view.preview([ctx.s.ids[a] for a in stack], sc.map.hex(target), 0) if stack else None
            if pv is not None and pv.allowed:          # the preview says what the overrun would: its stack, MP and column
                view = yield Attack(tuple(ctx.s.ids[a] for a in stack), sc.map.hex(target), 0)
                if not self._was_refused():
                    self._overran.update(stack)
                    adv = view.state.advance
                    if adv is not None and adv[0] == target:
                        unit = ctx.choose_advance(view.state, adv[1])
                        if unit is not None:
                            view = yield Advance(ctx.s.ids[unit])
                            self._was_refused()
            ctx.refresh(view)
            ctx.reach_cache.clear()
        return view

    # -- attack planning -----------------------------------------------------------
    def _plan_attacks(self, ctx: "_Context") -> list[_Plan]:
        options = ctx.attack_options()
        if not options:
            return []
        plans = []
        for target, cands in options.items():
            plan = ctx.best_group(target, cands, set(), {})
            if plan is not None:
                plans.append(plan)
        plans.sort(key=lambda p: (-p.ev, p.target))
        lookahead = int(self.params["lookahead"])
        if lookahead > 0:
            traced: list = []          # the enemy's supply as it stands, traced once for all these plans
            for plan in plans[: max(lookahead * 2, 6)]:
                plan.ev += ctx.cut_bonus(plan, traced)
            plans.sort(key=lambda p: (-p.ev, p.target))
            firsts = [p for p in plans[:lookahead] if p.ev >= ctx.threshold]
            best, best_total = None, -math.inf
            for first in firsts or plans[:1]:
                chosen = self._commit(ctx, plans, options, first)
                total = sum(p.ev for p in chosen)
                if total > best_total + 1e-9:
                    best, best_total = chosen, total
            chosen = best or []
        else:
            chosen = self._commit(ctx, plans, options, plans[0] if plans else None)
        self._spend_air(ctx, chosen)
        for plan in chosen:
            plan.moves = [(a, plan.slots[a]) for a in plan.attackers if plan.slots[a] != ctx.hex_of(a)]
        return chosen

    def _commit(self, ctx: "_Context", plans: list[_Plan], options: dict, first: _Plan | None) -> list[_Plan]:
        """Greedy: best attack first; later ones re-planned with the units and hexes left."""
        used: set[int] = set()
        slot_use: dict[int, int] = {}
        chosen: list[_Plan] = []
        order = ([first] if first is not None else []) + [p for p in plans if p is not first]
        thr = ctx.threshold
        for plan in order:
            if plan.ev < thr:
                continue
            if (plan.ev < thr + HOLD["attack_margin"] and not ctx.restores_line(plan.target)
                    and any(ctx.leaves_line(a, plan.slots[a]) for a in plan.attackers)):
                continue          # a marginal attack is not worth a gap in the line
            if any(a in used for a in plan.attackers) or any(slot_use.get(plan.slots[a], 0) and plan.slots[a] != ctx.hex_of(a) for a in plan.attackers):
                replanned = ctx.best_group(plan.target, options[plan.target], used, slot_use)
                if replanned is None or replanned.ev < thr:
                    continue
                plan = replanned
            chosen.append(plan)
            for a in plan.attackers:
                used.add(a)
                if plan.slots[a] != ctx.hex_of(a):
                    slot_use[plan.slots[a]] = slot_use.get(plan.slots[a], 0) + 1
        return chosen

    def _spend_air(self, ctx: "_Context", chosen: list[_Plan]) -> None:
        air = int(ctx.st.air_left[ctx.me])
        crt = ctx.sc.rules.combat
        if air <= 0 or not chosen or crt is None or not crt.air_point_shift:
            return
        cap = crt.max_air_points_per_attack
        if self.params["air"] == "random":
            for _ in range(air):
                plan = chosen[int(self.rng.integers(len(chosen)))]
                if plan.air < cap:
                    plan.air += 1
            return
        for _ in range(air):
            best, gain = None, 1e-6
            for plan in chosen:
                if plan.air >= cap:
                    continue
                ev = ctx.group_ev(plan.target, plan.attackers, plan.slots, plan.air + 1)
                base = ctx.group_ev(plan.target, plan.attackers, plan.slots, plan.air)
                if ev is not None and base is not None and ev - base > gain:
                    best, gain = plan, ev - base
            if best is None:
                return
            best.air += 1


class _Context:
    """The layers of one phase and the scoring that reads them."""

    def __init__(self, agent: HeuristicAgent, view) -> None:
        self.agent = agent
        self.view = view
        self.sc = sc = view.scenario
        self.s = _static(sc)
        self.me = view.side
        self.enemy = 1 - view.side
        self.rng = agent.rng
        self.params = agent.params
        self.crt = sc.rules.combat
        self.max_stack = sc.rules.model.stacking.max_units
        self.vp_value = 1.0 + (sc.model.victory.elimination_vp if sc.model.victory is not None else 0.0)
        self.st = view.state
        self._snapshot = (view.state.unit_hex.copy(), view.state.unit_status.copy())
        self.reach_cache: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self._start_reach: dict[int, np.ndarray] = {}
        self.changed = np.zeros(0, np.int64)
        self.suspect: set[int] = set()      # hexes where a move was refused (hidden enemies)
        self._read(view)
        self._posture()
        self._targets()
        self._reserve()
        self.seize: dict[int, int] = {}     # unit -> an open objective's hex it takes this phase
        self._objectives_to_seize()
        self._front()
        self._defending()
        self._supply_lines()

    # -- reading the view ----------------------------------------------------------
    def _read(self, view) -> None:
        st, s = view.state, self.s
        self.st = st
        self.zoc_nbrs, self.river_bits = s.zoc_and_rivers(self.sc, st)
        on = st.unit_status == ACTIVE
        self.mine = np.flatnonzero(on & (s.side == self.me))
        self.enemies = np.flatnonzero(on & (s.side != self.me))
        n = self.s.grid.n
        self.stack = np.bincount(st.unit_hex[self.mine], minlength=n).astype(np.int64)
        self._escape_memo: dict[int, int] = {}       # _escapes by target, while the stack counts stand
        self.enemy_hex = np.zeros(n, dtype=bool)
        self.enemy_hex[st.unit_hex[self.enemies]] = True
        self.defended = np.zeros(n, dtype=bool)          # attacked once this phase already
        self.defended[st.unit_hex[self.enemies[st.unit_defended[self.enemies]]]] = True
        self.defence = st.defence_factors()
        self.attack = np.where(on, combat.attack_strengths(st), 0.0)
        # enemy threat: attack strength that can reach next to each hex next turn
        centers, weights, radii = [], [], []
        for e in self.enemies:
            centers.append(int(st.unit_hex[e]))
            weights.append(self.attack[e])
            radii.append(min(8, day_steps(s.movement[e]) + 1))
        for uid, (hex_id, _turn) in view.last_known.items():
            e = self.sc.unit_index[uid]
            centers.append(self.sc.map.parse(hex_id))
            weights.append(0.5 * self.sc.units[e].attack[-1] if self.sc.units[e].attack else 0.0)
            radii.append(min(8, day_steps(s.movement[e]) + 1))
        self.threat = s.disc_sum(np.array(centers, np.int64), np.array(weights), np.array(radii)) if centers else np.zeros(n)
        eh = st.unit_hex[self.enemies]
        self.d_enemy = s.steps_from(eh) if len(eh) else np.full(n, BIG, np.int32)
        self.d_own = s.steps_from(st.unit_hex[self.mine]) if len(self.mine) else np.full(n, BIG, np.int32)
        srcs = supply.active_sources(st, self.me)
        src = np.array([h for h, _ in srcs], np.int64)
        self.d_src = s.steps_from(src, self.enemy_hex).astype(np.float64) if len(src) else np.full(n, 50.0)
        self.d_src[self.d_src >= BIG] = 50.0
        reach, _ = supply.trace(st, self.me)
        self.supplied = reach >= 0

    def refresh(self, view) -> None:
        """Re-read after combat (enemy units gone or pushed back); keeps per-phase bookkeeping."""
        before = self.st
        old_hex, old_status = before.unit_hex.copy(), before.unit_status.copy()
        if before is view.state:      # no fog: the view shares the live arrays; use the snapshot
            old_hex, old_status = self._snapshot
        new = view.state
        enemy = self.s.side != self.me
        moved = enemy & ((old_hex != new.unit_hex) | (old_status != new.unit_status))
        changed = np.concatenate([old_hex[moved], new.unit_hex[moved]])
        self.changed = changed[changed >= 0].astype(np.int64)
        self.view = view
        self._read(view)
        self._front()
        self.covered = np.zeros(self.s.grid.n, dtype=bool)
        self.placed_def = np.zeros(self.s.grid.n)
        placed = np.array(sorted(self.fixed_units(view.state)), dtype=np.int64)
        if len(placed):
            hexes = view.state.unit_hex[placed]
            np.add.at(self.placed_def, hexes, self.defence[placed])
            self._cover(hexes[self.s.zoc[placed]])

    def cached_reach(self, u: int, st) -> tuple[np.ndarray, np.ndarray] | None:
        """The unit's reachable hexes from planning, if nothing near it has changed since
        (it has not moved, no enemy unit moved or died within its range); full hexes dropped."""
        got = self.reach_cache.get(u)
        if got is None or int(st.unit_hex[u]) != int(self._snapshot[0][u]) or st.unit_moved[u] or st.unit_attacked[u]:
            return None
        if len(self.changed):
            g = self.s.grid
            here = np.full(len(self.changed), int(st.unit_hex[u]), np.int64)
            if hex_distance(g.q, g.r, here, self.changed).min() <= 2 * self.s.movement[u] + 2:
                return None
        idx, cost = got
        mine = (st.unit_status == ACTIVE) & (self.s.side == self.me)
        stacks = np.bincount(st.unit_hex[mine], minlength=self.s.grid.n)
        keep = stacks[idx] < self.max_stack
        return idx[keep], cost[keep]

    def leaves_line(self, u: int, slot: int) -> bool:
        """Would unit `u` leave the line it holds (a defending unit on the front) to attack from `slot`?"""
        here = self.hex_of(u)
        return bool(self.defending[u]) and slot != here and self.d_front[here] <= 1

    def restores_line(self, target: int) -> bool:
        """Does an attack on `target` win back ground of the line (worth leaving the line for)?"""
        return False

    def hex_of(self, u: int) -> int:
        return int(self.st.unit_hex[u])

    def enemy_at(self, st, h: int) -> bool:
        on = st.unit_status == ACTIVE
        return bool(np.any(on & (self.s.side != self.me) & (st.unit_hex == h)))

    # -- what the side wants ---------------------------------------------------------
    def _posture(self) -> None:
        """Is the side winning on points as things stand? Then it holds; else it attacks."""
        sc, st = self.sc, self.st
        v = sc.model.victory
        net = victory.score(st)["net"]
        vp_side = sc.side_ids.index(v.vp_side) if v is not None else 0
        winner = None
        if v is not None and v.levels:
            for lv in v.levels:
                if (lv.min_vp is None or net >= lv.min_vp) and (lv.max_vp is None or net <= lv.max_vp):
                    winner = lv.winner
                    break
        else:
            winner = sc.side_ids[vp_side] if net > 0 else sc.side_ids[1 - vp_side] if net < 0 else None
        self.ahead = winner == sc.side_ids[self.me]
        self.defender = sc.side_ids[self.me] not in self.s.takers      # nothing to take
        self.aggression = 0.5 if self.ahead else 1.0
        self.loss_weight = loss_weight(self.params, self.ahead)

    @property
    def threshold(self) -> float:
        """The expected value an attack must clear. A side behind on points lowers it by the
        level's `behind` (the hard level takes the even chances a losing side must take)."""
        return float(self.params["threshold"]) - (0.0 if self.ahead else float(self.params["behind"]))

    def _targets(self) -> None:
        s, st = self.s, self.st
        value = s.vp[s.targets].copy() if len(s.targets) else np.zeros(0)
        turn = st.turn
        for o, hexes in s.objectives:
            if o.id in st.objectives:
                continue
            if o.by_turn is not None and turn > o.by_turn:
                continue
            w = (abs(o.vp) + abs(o.fail_vp)) / max(1, len(hexes))
            if o.by_turn is not None:
                w *= 1.0 + 1.0 / (1 + o.by_turn - turn)
            if o.sudden_death:
                w += 30.0
            for h in hexes:
                value[s.target_pos[h]] += w
        for h, w in airlift.airfield_worth(self.sc, self.me, int(turn)).items():     # while the airlift flies
            value[s.target_pos[h]] += AIRFIELD_WORTH * w
        self.tvalue = value
        if len(s.targets):
            ctrl = st.control[s.targets]
            held = ctrl == self.me
            guards = self.mine[s.zoc[self.mine]]
            own_def = np.array([self.defence[guards][st.unit_hex[guards] == t].sum() for t in s.targets])
            pressure = np.clip(self.threat[s.targets] / (own_def + 2.0), 0.15, 1.5)
            self.pull = np.where(held, value * pressure * (0.6 + 0.6 * self.ahead), value * self.aggression)
            self.held = held
        else:
            self.pull = np.zeros(0)
            self.held = np.zeros(0, dtype=bool)

    def _reserve(self) -> None:
        """Garrisons: the nearest units that can get to a threatened objective the side holds
        this turn are kept out of attacks and sent there, until their defence answers the threat."""
        s, st = self.s, self.st
        self.reserved: dict[int, int] = {}
        if not len(s.targets) or not self.held.any() or not self.params.get("garrison", True):
            return
        top = float(self.tvalue.max()) if len(self.tvalue) else 0.0
        guards = self.mine[s.zoc[self.mine] & (self.defence[self.mine] > 0)]
        if not len(guards):
            return
        # with `commit`, units the movement phase placed for an attack make it (a garrison is found
        # among the others)
        committed = self.agent._planned if self.params.get("commit") and self.view.phase == "combat" else set()
        for k in np.argsort(-self.tvalue, kind="stable"):
            t = int(s.targets[k])
            if not self.held[k] or self.tvalue[k] < 0.25 * top or self.threat[t] <= 0 or self.enemy_hex[t]:
                continue
            terrain = 1.6 ** -s.def_shift[t]
            need = self.threat[t] / 2.0
            at_t = guards[st.unit_hex[guards] == t]
            have = float(self.defence[at_t].sum()) * terrain
            for u in at_t:
                self.reserved[int(u)] = t
            free = [int(u) for u in guards if int(u) not in self.reserved and not st.unit_attacked[u] and int(u) not in committed]
            if not free or have >= need:
                continue
            turns = np.array([s.tdist[k, int(st.unit_hex[u])] / max(1.0, s.movement[u] / 1.5) for u in free])
            room = self.max_stack - len(at_t)
            for j in np.argsort(turns, kind="stable"):
                if have >= need or room <= 0 or turns[j] > 1.0:
                    break
                u = free[int(j)]
                self.reserved[u] = t
                have += float(self.defence[u]) * terrain
                room -= 1

    def open_objectives(self, side: int) -> list[tuple[Any, list[int]]]:
        """(objective, its hexes) for each objective `side` must take by a turn not yet past and
        has not met."""
        st = self.st
        sid = self.sc.side_ids[side]
        return [(o, hexes) for o, hexes in self.s.objectives
                if o.side == sid and o.kind == "take" and o.by_turn is not None and st.turn <= o.by_turn and o.id not in st.objectives]

    def open_aims(self) -> list[tuple[int, float]]:
        """The hexes of the side's operational objectives still to take: (hex, vp + fail_vp) for
        each hex it does not hold of each open objective it must take by a turn not yet past."""
        return [(int(h), float(o.vp + o.fail_vp)) for o, hexes in self.open_objectives(self.me)
                for h in hexes if self.st.control[h] != self.me]

    def start_reach(self, u: int) -> np.ndarray:
        """The hexes unit u can reach, searched once for the phase's plans (before any order)."""
        got = self._start_reach.get(u)
        if got is None:
            got = self._start_reach[u] = self.view.reachable_indices(self.s.ids[u])[0]
        return got

    def sole_garrison(self, u: int) -> bool:
        """Is unit u the only garrison sent to (or standing on) its post?"""
        post = self.reserved.get(u)
        return post is not None and sum(1 for p in self.reserved.values() if p == post) < 2

    def _objectives_to_seize(self) -> None:
        """With the level's `seize`, send units to the open objectives' hexes they can take now."""
        if self.params["seize"]:
            self.seize = self.seize_objectives(set())

    def seize_objectives(self, busy: set[int]) -> dict[int, int]:
        """Unit -> hex: each open objective's hex (one the side must take by a turn not yet past)
        with no enemy unit on it, for the combat unit with the best defence that can get there this
        phase (not one of `busy`). It may attack on the way (from where the heuristic sends it) and
        moves onto the hex when it moves next. A unit sent to garrison an objective the side holds
        may go if another garrisons it too (the units free of other tasks first); it leaves its post."""
        s = self.s
        out: dict[int, int] = {}
        for h in sorted({h for h, _ in self.open_aims()}):
            if self.enemy_hex[h]:
                continue
            best, best_key = -1, None
            for u in (int(u) for u in self.mine):
                if u in out or u in busy or not s.zoc[u] or self.attack[u] <= 0:
                    continue
                if self.sole_garrison(u):
                    continue        # the only garrison of an objective the side holds stays
                if h in self.start_reach(u):
                    key = (u in self.reserved, -float(self.defence[u]), u)
                    if best_key is None or key < best_key:
                        best, best_key = u, key
            if best >= 0:
                out[best] = h
                self.reserved.pop(best, None)
        return out

    def _front(self) -> None:
        """Front hexes: own-zone hexes next to the enemy's zone, weighted by what is behind them."""
        s = self.s
        n = s.grid.n
        self.covered = getattr(self, "covered", np.zeros(n, dtype=bool))
        if not len(self.enemies) or not len(self.mine):
            self.front = np.zeros(n)
            self.line = np.zeros(n)
            self.d_front = np.full(n, 0.0)
            return
        own_zone = (self.d_own <= self.d_enemy) & s.passable
        enemy_zone = (self.d_enemy < self.d_own) & s.passable
        front = own_zone & (s.nbr_on & enemy_zone[s.nbr_safe]).any(axis=1)     # next to the enemy's zone
        front |= (self.d_enemy == 1) & s.passable & ~self.enemy_hex
        imp = np.zeros(n)
        protect = np.zeros(n)
        if len(s.targets) and self.held.any():
            protect = s.protect(self.held, self.tvalue)
        if front.any():
            imp = np.where(front, 1.0 + 0.3 * protect, 0.0)
        self.front = imp
        # the line a defending unit holds: the ring of hexes two steps from the enemy that own
        # units can get to (with every hex of it in a zone of control, the enemy comes on only
        # by attacking); gaps are its hexes in no own unit's zone of control
        ring = (self.d_enemy == HOLD["depth"]) & s.passable & (self.d_own <= self.d_enemy + 4)
        self.line = np.where(ring, 1.0 + 0.3 * protect, 0.0) if ring.any() else np.zeros(n)
        fr = np.flatnonzero(front)
        self.d_front = s.steps_from(fr).astype(np.float64) if len(fr) else np.zeros(n)
        self.d_front[self.d_front >= BIG] = 30.0

    def _defending(self) -> None:
        """Units that defend their sector: bound to a stand-fast area, or locally outnumbered
        (the enemy's attack strength that can reach them beats the own defence around them);
        every unit when the side is ahead on points or outnumbered as a whole. They close the
        gaps in the line (`self.line`), prefer defensive ground on it, accept more of its danger
        and leave it only for attacks clearly worth it."""
        s, st = self.s, self.st
        n_units = len(s.ids)
        self.defending = np.zeros(n_units, dtype=bool)
        self.pressed = np.zeros(n_units, dtype=bool)      # locally outnumbered, whatever the score
        if not len(self.mine) or not len(self.enemies):
            return
        if self.params["line"] < 1.0:
            local = np.zeros(len(self.mine), dtype=bool)    # a careless side (easy) defends no sector unless ordered to
        else:
            hexes = st.unit_hex[self.mine].astype(np.int64)
            own = s.disc_sum(hexes, self.defence[self.mine], np.full(len(hexes), 3, np.int64))
            local = self.threat[hexes] > 1.2 * own[hexes]
            self.pressed[self.mine[local]] = True
            if self.ahead or self.attack[self.enemies].sum() > HOLD["outnumbered"] * self.defence[self.mine].sum():
                local[:] = True       # the side holds what it has, or is outnumbered: it defends everywhere
        for k, unit in enumerate(self.mine):
            u = int(unit)
            if local[k]:
                self.defending[u] = True
                continue
            bound = standfast.limit(st, u)
            if bound is not None and bound[0] is not None and len(bound[0]) > 1 and standfast.holds(st, u):
                self.defending[u] = True      # ordered to hold its sector (a boundary only keeps it in)

    def _supply_lines(self) -> None:
        """How many enemy units trace supply through each hex (shortest paths from their sources)."""
        n = self.s.grid.n
        self.lines = np.zeros(n)
        if not self.params["supply_lines"] or not len(self.enemies):
            return
        st = self.st
        srcs = supply.active_sources(st, self.enemy)
        if not srcs:
            return
        blocked = supply.blocked_for_supply(st, self.enemy)
        src = np.array([h for h, _ in srcs], np.int64)
        dist = steps_from(src, self.sc.map.neighbors, self.s.passable, blocked)
        cur = st.unit_hex[self.enemies].astype(np.int64)
        cur = cur[dist[cur] < BIG]
        down = downhill(dist, self.sc.map.neighbors)
        passed = []                  # the hexes each unit's line passes, step by step: counted once at the end
        for _ in range(200):
            if not len(cur):
                break
            passed.append(cur)
            cur = down[cur[dist[cur] > 0]]
        if passed:
            self.lines += np.bincount(np.concatenate(passed), minlength=n)
        self.lines[self.enemy_hex] = 0.0

    # -- air and rail ---------------------------------------------------------------
    def air_needed(self, plans: list) -> int:
        """Air points worth keeping for this turn's attacks."""
        crt = self.crt
        if crt is None or not crt.air_point_shift:
            return 0
        return crt.max_air_points_per_attack * max(len(plans), 1)

    def interdiction_targets(self, spare: int) -> list[int]:
        """Enemy railway and road hexes just behind the enemy's front, railways first."""
        rule = self.sc.rules.model.interdiction
        count = spare // rule.cost if rule.cost else 0
        if count <= 0 or not len(self.enemies):
            return []
        m, st = self.sc.map, self.st
        behind = (self.d_own >= 2) & (self.d_own <= 5) & (self.d_enemy <= 2) & (st.control == self.enemy) & self.s.passable
        behind &= st.interdicted != self.me
        score = np.where(m.rail != 0, 2.0, 0.0) + np.where(m.road != 0, 1.0, 0.0)
        score = np.where(behind & (score > 0), score - 0.1 * self.d_own, -np.inf)
        order = np.argsort(-score, kind="stable")
        return [int(h) for h in order[:count] if np.isfinite(score[h])]

    def rail_moves(self, view, held: set[int]) -> list[tuple[int, int]]:
        """(unit, destination) for units far behind the front that a train brings nearer it."""
        st, s = view.state, self.s
        left = rail.capacity(self.sc, self.me) - st.rail_used[self.me]
        out: list[tuple[int, int]] = []
        if left <= 0 or not len(self.enemies):
            return out
        cands = [int(u) for u in self.mine if int(u) not in held and not st.unit_moved[u]
                 and self.d_front[int(st.unit_hex[u])] > 2 * s.movement[u] + 2 and u not in self.reserved]
        cands.sort(key=lambda u: (-self.d_front[int(st.unit_hex[u])], u))
        taken: set[int] = set()
        for u in cands:
            if len(out) >= left:
                break
            reach = rail.reachable(st, u)
            if not reach:
                continue
            hexes = np.array([h for h in reach if h not in taken and self.d_enemy[h] >= 3], np.int64)
            if not len(hexes):
                continue
            dest = int(hexes[np.argmin(self.d_front[hexes] * 100 + hexes * 1e-6)])
            if self.d_front[dest] < self.d_front[int(st.unit_hex[u])] - s.movement[u]:
                out.append((u, dest))
                taken.add(dest)
        return out

    # -- attacks --------------------------------------------------------------------
    def attack_options(self) -> dict[int, list[tuple[int, int, float]]]:
        """Enemy hex -> [(unit, hex to attack from, MP cost)] for every ready unit that can get next to it."""
        st, s = self.st, self.s
        out: dict[int, dict[int, tuple[int, int, float]]] = {}
        if not len(self.enemies) or self.crt is None:
            return {}
        owners: list[int] = []          # the hexes each unit may attack from, unit by unit, scored at once
        froms: list[int] = []
        parts: list[np.ndarray] = []
        part_costs: list[np.ndarray] = []
        for unit in self.mine:
            u = int(unit)
            if st.unit_attacked[u] or self.attack[u] <= 0:
                continue
            here = int(st.unit_hex[u])
            if self.reserved.get(u, -1) != -1 and here != self.reserved[u]:
                continue                  # on its way to garrison an objective
            if self.d_enemy[here] > 2 * s.movement[u] + 1:
                continue
            idx, cost = self.view.reachable_indices(s.ids[u])
            self.reach_cache[u] = (idx, cost)
            near = self.d_enemy[idx] == 1
            hexes = idx[near]
            costs = cost[near]
            if self.d_enemy[here] == 1:
                parts.append(np.array([here], np.int64))
                part_costs.append(np.zeros(1))
                owners.append(u)
                froms.append(here)
            if len(hexes):
                parts.append(hexes)
                part_costs.append(costs)
                owners.extend([u] * len(hexes))
                froms.extend([here] * len(hexes))
        if not parts:
            return {}
        hexes = np.concatenate(parts).astype(np.int64)
        scores, targets = self._slot_scores(np.array(froms, np.int64), hexes, np.concatenate(part_costs).astype(np.float64))
        ii, dd = np.nonzero(targets >= 0)                # unit by unit, slot by slot, each in direction order
        for k, t, score, h in zip(ii.tolist(), targets[ii, dd].tolist(), scores[ii, dd].tolist(), hexes[ii].tolist()):
            u = owners[k]
            best = out.setdefault(t, {}).get(u)
            if best is None or score > best[2]:
                out[t][u] = (u, h, score)
        return {t: sorted(v.values(), key=lambda x: (-self.attack[x[0]], x[0])) for t, v in sorted(out.items())}

    def may_overrun(self, u: int) -> bool:
        """May unit u leave its task to overrun (not a garrison on its way or at its post)?"""
        return u not in self.reserved

    def best_overrun(self, need: int, mp_cost: float, tried: set[tuple[int, int]]) -> tuple[float, list[int], int, int] | None:
        """The best overrun open now: (expected value, the stack, the hex it gathers in, the
        enemy hex), at the `need` column or better and worth the side's attack threshold."""
        st, s, sc = self.st, self.s, self.sc
        nbr = sc.map.neighbors
        if not len(self.enemies):
            return None
        gather: dict[int, list[int]] = {}
        for unit in self.mine:
            u = int(unit)
            if (not s.exploits[u] or self.attack[u] <= 0 or st.unit_attacked[u] or st.unit_stopped[u]
                    or u in self.agent._overran or not self.may_overrun(u)):
                continue
            here = int(st.unit_hex[u])
            mp = sequence.mp_before_stop(st, u)
            if mp + 1e-9 < mp_cost or self.d_enemy[here] > s.movement[u] + 1:
                continue
            idx, cost = self.view.reachable_indices(s.ids[u])
            keep = (cost <= mp - mp_cost + 1e-9) & (self.d_enemy[idx] == 1)
            for h in ([here] if self.d_enemy[here] == 1 else []) + [int(h) for h in idx[keep]]:
                gather.setdefault(h, []).append(u)
        best: tuple[float, list[int], int, int] | None = None
        threshold = self.threshold
        stacked = np.bincount(st.unit_hex[self.mine], minlength=s.grid.n) if len(self.mine) else np.zeros(s.grid.n, np.int64)
        for h in sorted(gather):
            others = int(stacked[h]) - sum(1 for a in gather[h] if int(st.unit_hex[a]) == h)
            stack = sorted(gather[h], key=lambda a: (-self.attack[a], a))[: max(0, self.max_stack - others)]
            if not stack:
                continue
            for t in (int(t) for t in nbr[h]):
                if t < 0 or not self.enemy_hex[t] or (h, t) in tried:
                    continue
                pv = self._odds(t).of(stack, [h] * len(stack), 0)
                if not pv.allowed or pv.column < need:
                    continue
                ev = self.expected_value(pv, t)
                if ev >= threshold and (best is None or ev > best[0]):
                    best = (ev, list(stack), h, t)
        return best

    def _slot_scores(self, here: int | np.ndarray, hexes: np.ndarray, costs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """How good each hex is to attack each neighbour from, for a unit now at `here` (or, an
        array, for the unit at each hex's `here`; [k, 6] scores): no move, no river in between,
        good ground; and the neighbours that can be attacked ([k, 6] enemy hexes not attacked
        yet, -1 for the others)."""
        nb = self.sc.map.neighbors[hexes]
        safe = np.maximum(nb, 0)
        targets = np.where((nb >= 0) & self.enemy_hex[safe] & ~self.defended[safe], nb, -1)
        river = ((self.river_bits[hexes].astype(np.int64)[:, None] >> np.arange(6)) & 1).astype(bool)
        scores = np.where(hexes == here, 2.0, 0.0)[:, None] - 1.5 * river
        scores = scores - (0.3 * self.s.def_shift[hexes])[:, None] - (0.05 * costs)[:, None]
        return scores, targets

    def best_group(self, target: int, cands: list[tuple[int, int, float]], used: set[int], slot_use: dict[int, int]) -> _Plan | None:
        """Strongest attackers first, while the expected value of the attack improves."""
        group: list[int] = []
        slots: dict[int, int] = {}
        best_ev = -math.inf
        taken = dict(slot_use)
        tried = 0
        for u, h, _ in cands:
            if u in used:
                continue
            if h != self.hex_of(u) and self.stack[h] + taken.get(h, 0) >= self.max_stack:
                continue
            tried += 1
            if tried > 8 or len(group) >= 6:
                break
            trial = group + [u]
            tslots = {**slots, u: h}
            got = self._group_preview(target, trial, tslots, 0)
            if got is None:
                group, slots = trial, tslots     # odds still too low: keep gathering
                if h != self.hex_of(u):
                    taken[h] = taken.get(h, 0) + 1
                continue
            ev, top, _ = got
            if ev > best_ev + 0.02:
                group, slots, best_ev = trial, tslots, ev
                if h != self.hex_of(u):
                    taken[h] = taken.get(h, 0) + 1
                if top:
                    break
        if not group or best_ev == -math.inf:
            return None
        return _Plan(target, group, slots, best_ev)

    def group_ev(self, target: int, attackers: list[int], slots: dict[int, int], air: int) -> float | None:
        """Expected value of an attack from the given hexes (None: odds below the table)."""
        got = self._group_preview(target, attackers, slots, air)
        return None if got is None else got[0]

    def _group_preview(self, target: int, attackers: list[int], slots: dict[int, int], air: int) -> tuple[float, bool, Any] | None:
        """(expected value, at the table's best column, the combat preview) of an attack made from
        the given hexes, kept for the phase; None: odds below the table."""
        key = (target, tuple(sorted((a, slots[a]) for a in attackers)), air)
        cache = self.__dict__.setdefault("_ev_cache", {})
        if key in cache:
            return cache[key]
        pv = self._odds(target).of(attackers, [slots[a] for a in attackers], air)
        out = None
        if pv.allowed:
            out = (self.expected_value(pv, target) - 0.05 * len(attackers), pv.column >= len(self.sc.rules.odds) - 1, pv)
        cache[key] = out
        return out

    def _odds(self, target: int) -> combat.TargetOdds:
        """The odds of attacks on `target` as the phase's plans stood (`_hyp`), kept for the phase."""
        hyp = self._hyp
        table = self.__dict__.setdefault("_odds_cache", {})
        got = table.get(target)
        if got is None or got.state is not hyp:
            got = table[target] = combat.TargetOdds(hyp, self.me, target)
        return got

    @property
    def _hyp(self):
        hyp = getattr(self, "_hyp_state", None)
        if hyp is None or hyp is self.st:
            hyp = self._hyp_state = self.st.copy()
        return hyp

    def expected_value(self, pv, target: int, st=None) -> float:
        """Expected enemy steps lost minus own steps lost (weighted), plus the worth of the hex."""
        st = self.st if st is None else st
        take = 0.4 + self._hex_worth(target)
        key, results = self._results_keyed(pv, target, st)
        memo = self.__dict__.setdefault("_ev_memo", {})
        got = memo.get((key, take, self.vp_value, self.loss_weight)) if key is not None else None
        if got is None:
            got = sum(p * (dl * self.vp_value - al * self.vp_value * self.loss_weight + (take if vac else 0.0))
                      for p, dl, al, vac in results)
            if key is not None:
                memo[(key, take, self.vp_value, self.loss_weight)] = got
        ev = got
        if any(st.unit_supply[d] != SUPPLIED for d in pv.defenders):
            ev += 0.1
        return ev

    def take_chance(self, pv, target: int) -> float:
        """The chance that the attack clears the hex (its defenders eliminated or retreating)."""
        return sum(p for p, _, _, vac in self._results(pv, target, self.st) if vac)

    def _results(self, pv, target: int, st) -> list[tuple[float, float, float, bool]]:
        """Per combat result: its chance, the defender's and the attacker's steps lost, and whether
        the hex is left empty. Kept by column and steps when the losses do not depend on which
        units defend (no last step spared by retreating)."""
        return self._results_keyed(pv, target, st)[1]

    def _results_keyed(self, pv, target: int, st) -> tuple[tuple | None, list[tuple[float, float, float, bool]]]:
        """`_results`, and the key they are kept by (None: not kept)."""
        crt = self.crt
        steps = st.unit_steps
        def_steps = float(sum(int(steps[d]) for d in pv.defenders))
        att_steps = float(sum(int(steps[a]) for a in pv.attackers))
        escape = self._escapes(target)
        spare = crt.last_step_retreat > 0
        if spare:
            return None, list(self._each_result(pv, st, def_steps, att_steps, escape, spare))
        key = (pv.column, def_steps, att_steps, escape == 0, len(pv.defenders))     # a column's results are the scenario's
        memo = self.__dict__.setdefault("_results_memo", {})
        got = memo.get(key)
        if got is None:
            got = memo[key] = list(self._each_result(pv, st, def_steps, att_steps, escape, spare))
        return key, got

    def _each_result(self, pv, st, def_steps: float, att_steps: float, escape: int, spare: bool):
        crt = self.crt
        for code, p in pv.probabilities.items():
            res = crt.results[code]
            if spare:
                dl = float(combat.defender_steps_lost(st, pv.defenders, code))     # last steps kept by retreating
            else:
                dl = def_steps if res.defender_eliminated else min(float(res.defender_steps), def_steps)
            al = 0.0
            if res.exchange:
                dl = def_steps
                al = max(1.0, dl)
            al = att_steps if res.attacker_eliminated else min(att_steps, al + res.attacker_steps)
            if res.defender_retreat and dl < def_steps and escape == 0:
                dl = min(def_steps, dl + res.defender_retreat * len(pv.defenders))
            yield p, dl, al, dl >= def_steps or res.defender_retreat > 0

    def _escapes(self, target: int) -> int:
        """Hexes the defender of `target` could retreat into (not held by us, not in our ZOC)."""
        got = self._escape_memo.get(target)
        if got is None:
            got = self._escape_memo[target] = self._count_escapes(target)
        return got

    def _count_escapes(self, target: int) -> int:
        ok = 0
        stack, passable = self.stack, self.s.passable
        for j in self.sc.map.neighbors[target].tolist():
            if j < 0 or not passable[j] or stack[j] > 0:
                continue
            if any(k >= 0 and stack[k] > 0 for k in self.zoc_nbrs[j][1:].tolist()):
                continue
            ok += 1
        return ok

    def _hex_worth(self, h: int) -> float:
        k = self.s.target_pos.get(int(h))
        worth = 0.0 if k is None else 0.5 * float(self.tvalue[k])
        return worth + 0.3 * float(self.lines[h])

    def cut_bonus(self, plan: _Plan, traced: list | None = None) -> float:
        """Look-ahead: the enemy units that would lose supply if the target hex were ours, as
        likely as the attack is to clear it. `traced`: the enemy's supply now (`supply.traced`),
        filled on first need and kept by the caller while the state stands."""
        st = self.st
        got = self._group_preview(plan.target, plan.attackers, plan.slots, plan.air)   # planned: already previewed
        chance = self.take_chance(got[2], plan.target) if got is not None else 0.0
        if chance <= 0.0:
            return 0.0
        hyp = st.copy()
        for d in np.flatnonzero((hyp.unit_hex == plan.target) & (hyp.unit_status == ACTIVE)):
            hyp.unit_status[d] = Status.ELIMINATED
        hyp.unit_hex[plan.attackers[0]] = plan.target
        if traced is None:
            traced = []
        if not traced:
            traced.append(supply.traced(st, self.enemy))
        before, conn_before = traced[0].reach, traced[0].connected
        after, conn_after = supply.trace_after(hyp, self.enemy, traced[0])
        others = [e for e in self.enemies if int(st.unit_hex[e]) != plan.target]
        if not others:
            return 0.0
        eh = st.unit_hex[np.array(others)]
        steps = st.unit_steps[np.array(others)].astype(np.float64)
        oos = ((before[eh] >= 0) & (after[eh] < 0)) * 0.3 + ((conn_before[eh] >= 0) & (conn_after[eh] < 0)) * 0.7
        return float((oos * steps).sum()) * 0.5 * chance

    def choose_advance(self, st, allowed) -> int | None:
        """Advance with the attacker that leaves the least behind: not one holding an objective."""
        best, best_score = None, -math.inf
        for u in allowed:
            u = int(u)
            if st.unit_status[u] != ACTIVE:
                continue
            here = int(st.unit_hex[u])
            if u in self.reserved:
                continue
            leaving = self.s.target_pos.get(here)
            score = float(self.defence[u]) - (5.0 if leaving is not None and self.stack[here] <= 1 else 0.0)
            if score > best_score:
                best, best_score = u, score
        return best

    # -- moves ------------------------------------------------------------------------
    def fixed_units(self, st) -> set[int]:
        """Units that will not move again this phase (moved, attacked, or held for the combat phase)."""
        held = self.agent._planned if self.view.phase == "movement" else set()
        overran = self.agent._overran if self.view.phase == "movement" else set()
        return {int(u) for u in self.mine if st.unit_attacked[u] or (st.unit_moved[u] and int(u) not in overran) or int(u) in held}

    def movers(self) -> list[int]:
        st = self.st
        fixed = self.fixed_units(st)
        units = [int(u) for u in self.mine if int(u) not in fixed]
        here = st.unit_hex[np.array(units, np.int64)] if units else np.zeros(0, np.int64)
        danger = self._risk_at(np.array(units, np.int64), here) if units else np.zeros(0)
        order = sorted(range(len(units)), key=lambda k: (-round(float(danger[k]), 3), self.s.movement[units[k]], units[k]))
        # the stack counts move with each placement: take movers off their hexes until placed
        for u in units:
            self.stack[int(st.unit_hex[u])] -= 1
        self._escape_memo.clear()
        self.assigned: dict[int, int] = {}
        return [units[k] for k in order]

    def _risk_at(self, units: np.ndarray, hexes: np.ndarray) -> np.ndarray:
        """Expected danger of standing at `hexes` next turn, in steps."""
        own = np.array([self.defence[self.mine][self.st.unit_hex[self.mine] == h].sum() for h in hexes]) if len(hexes) else np.zeros(0)
        return self._risk(units, hexes, own)

    def _risk(self, units: np.ndarray, hexes: np.ndarray, own_def: np.ndarray, shift: np.ndarray | None = None) -> np.ndarray:
        threat = self.threat[hexes]
        odds = threat / np.maximum(own_def, 0.5) * (1.6 ** (self.s.def_shift[hexes] if shift is None else shift))
        p = np.clip((odds - 1.0) / 3.0, 0.0, 1.0)
        return p * self.st.unit_steps[units].astype(np.float64)

    def _uncovered_sum(self, layer: np.ndarray, idx: np.ndarray, zone: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
        """For each hex in `idx`: `layer` summed over the hex and the neighbours a unit there
        holds in its zone of control, leaving out the hexes already covered. `zone`: those
        hexes (-1 as 0) and whether each counts, from `_uncovered`, when the caller has them."""
        safe, open_ = zone if zone is not None else self._uncovered(idx)
        return np.where(open_, layer[safe], 0.0).sum(axis=1)

    def _uncovered(self, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """([k, 7] the hexes of each hex's zone of control, -1 as 0; [k, 7] those not covered yet)."""
        zone = self.zoc_nbrs[idx]
        safe = np.maximum(zone, 0)
        return safe, (zone >= 0) & ~self.covered[safe]

    def choose_move(self, u: int, idx: np.ndarray, cost: np.ndarray) -> int:
        """The best hex for unit `u` among where it stands and the hexes it can reach."""
        st, s = self.st, self.s
        here = int(st.unit_hex[u])
        idx = np.concatenate([[here], idx]).astype(np.int64)
        ok = (self.stack[idx] < self.max_stack)
        ok[0] = True
        idx = idx[ok]
        speed = max(1.0, s.movement[u] / 1.5)
        score = np.zeros(len(idx))
        # the ground's defence at each hex; where a unit of the side that defends (it has nothing to
        # take) stands outnumbered, its entrenchment too (`holes`: lost if it moves)
        shift = s.def_shift[idx]
        if self.params.get("holes") and self.pressed[u] and self.defender and entrenchment.level(st, u):
            shift = shift.copy()
            shift[0] += entrenchment.shift(st, (u,), here)[0]
        # pull towards objectives
        if len(s.targets):
            d = s.tdist[:, idx]
            pull = (self.pull[:, None] / (1.0 + d / speed))
            score += pull.max(axis=0)          # the objective each hex is drawn to most (its argmax, for the hex chosen only)
        # front cover and the way to the front
        zone = self._uncovered(idx)
        cover = self._uncovered_sum(self.front, idx, zone)
        w_front = 1.0 if self.ahead else 0.45
        hold = bool(self.defending[u]) and s.zoc[u] and self.attack[u] > 0
        if not s.zoc[u] or self.attack[u] <= 0:
            cover *= 0.0
        if hold:
            w_front = HOLD["cover"]
            cover = self._uncovered_sum(self.line, idx, zone) + 0.3 * cover
            # good defensive ground on the line
            score -= HOLD["terrain"] * shift * (self.d_front[idx] <= 1)
        w_front *= self.params["line"]      # a careless side (easy) leaves gaps in its front
        score += w_front * cover - 0.15 * w_front * self.d_front[idx] / speed
        # danger
        own = self.defence_here(idx) + self.defence[u]
        risk = self._risk(np.full(len(idx), u), idx, own, shift)
        hq = 2.0 if self.attack[u] <= 0 else 1.0
        score -= 1.2 * hq * risk * (0.6 if not self.ahead else 1.0) * (HOLD["risk"] if hold else 1.0)
        # supply
        if st.unit_supply[u] != SUPPLIED:
            score -= 0.8 * self.d_src[idx] / speed
        score -= 1.0 * ~self.supplied[idx]
        # enemy supply lines blocked by our zone of control
        if self.params["supply_lines"] and s.zoc[u]:
            score += 0.3 * self._lines_held()[idx]
        # engage: attackers close in on enemy units when behind
        if not self.ahead and self.attack[u] > 0:
            score -= 0.1 * np.minimum(self.d_enemy[idx], 20) / speed
        score += self.plan_score(u, idx, speed)
        # a unit outside the area of the order that binds it (it stood elsewhere when the order
        # began) may only move nearer to it (engine.standfast): it marches back
        bound = standfast.limit(st, u)
        if bound is not None and bound[0] and here not in bound[0]:
            d_area = movement.steps_to_area(st, bound[0])
            score += AREA_PULL * np.clip((int(d_area[here]) - d_area[idx]) / speed, -3.0, 3.0)
        score[0] += 0.1
        post = self.reserved.get(u)
        if post is not None:
            k_post = s.target_pos[post]
            score += 3.0 * (1.0 + self.tvalue[k_post] / 10.0) * (1.0 / (1.0 + s.tdist[k_post, idx] / speed))
        noise = self.params["noise"]
        if noise > 0:
            score += noise * self.rng.gumbel(size=len(score))
        k = int(np.argmax(score))
        dest = int(idx[k])
        if len(s.targets):
            t = int(np.argmax(pull[:, k]))
            if s.tdist[t, dest] == 0:
                # a garrison: how much of the threat to the hex it answers (an HQ answers none)
                guard = self.defence[u] * (1.6 ** -s.def_shift[dest]) if s.zoc[u] else 0.0
                threat = float(self.threat[dest])
                self.pull[t] *= 0.15 if not self.held[t] or threat <= 0 else float(np.clip(1.0 - guard / threat, 0.15, 0.9))
            else:
                self.pull[t] *= 0.6
        return dest

    def _lines_held(self) -> np.ndarray:
        """[N] the most enemy supply lines a unit at each hex holds in its zone of control (kept
        while the lines and the zones stand)."""
        got = self.__dict__.get("_lines_zoc")
        if got is None or got[0] is not self.lines or got[1] is not self.zoc_nbrs:
            got = self._lines_zoc = (self.lines, self.zoc_nbrs, self.s.grid.gather(self.lines, self.zoc_nbrs).max(axis=1))
        return got[2]

    def plan_score(self, u: int, idx: np.ndarray, speed: float) -> np.ndarray | float:
        """What an operational plan adds to the worth of each hex `idx` for unit u: here only an
        objective's hex it was sent to seize."""
        to = self.seize.get(u)
        if to is None:
            return 0.0
        return np.where(idx == to, SEIZE_PULL, 0.0)

    def defence_here(self, idx: np.ndarray) -> np.ndarray:
        placed = getattr(self, "placed_def", None)
        if placed is None:
            placed = self.placed_def = np.zeros(self.s.grid.n)
        return placed[idx]

    def place(self, u: int, h: int) -> None:
        self.stack[h] += 1
        self._escape_memo.clear()
        if not hasattr(self, "placed_def"):
            self.placed_def = np.zeros(self.s.grid.n)
        self.placed_def[h] += self.defence[u]
        if self.s.zoc[u]:
            self._cover(np.array([h]))

    def _cover(self, hexes: np.ndarray) -> None:
        z = self.zoc_nbrs[np.asarray(hexes, np.int64)].reshape(-1)
        self.covered[z[z >= 0]] = True
