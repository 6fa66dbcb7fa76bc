"""An operational AI: the heuristic's unit-level play under a plan made once a side-turn.

At the start of each of its turns the planner reads the front and makes a plan (kept for the
movement, combat and exploitation phases of that turn):

1. **Fronts and sectors.** The front hexes (the boundary between the ground nearer its units
   and the ground nearer the enemy's) are ordered along the front and cut into sectors; each
   sector gets the attack strength of the side's units behind it and the defence of the enemy
   units before it (terrain counted), and their ratio.
2. **Cut points.** The enemy's supply is traced; each enemy unit's supply runs back to its
   source along the cheapest way, and the hexes those ways share carry the enemy's supply
   "flow" in steps. A hex with much flow, that the side's mobile units can reach, is a place
   to cut: taking it isolates the units whose supply runs through it.
3. **Schwerpunkt.** One or two sectors where the ratio is best and what lies behind them (an
   objective, a cut point) is worth most: attacks there count for more, attacks elsewhere for
   less, and the side's attacking units close up on them.
4. **Pincers and exploitation.** The mobile units nearest the best cut point form the arms of
   a pincer and drive on it from where they stand (two bridgeheads give two axes), in the
   movement and the exploitation phase; once there they hold it (the point stays a target).
   A side with its own units cut off makes their pocket a target instead: relief.
5. **Reserves.** A side on the defensive keeps some mobile units a few hexes behind its most
   threatened sector, out of the line and out of ordinary attacks.
6. **Counterattacks.** Enemy units that are exposed (out of supply, or with the side's units on
   several sides of them) are worth more as targets, above all for armour: a panzer division
   next to a weak enemy attacks. A side on the defensive weighs its losses in a counterattack
   on a fresh penetration, with a mobile unit in it, as a side behind on points does (it
   accepts poorer odds to restore its line); the infantry's counterattacks weigh as usual.
7. **Operational objectives.** The scenario's objectives the side must take by a deadline say
   where an operation closes: their hexes on the enemy's supply become the arms' cut points,
   and empty ones a unit can reach this turn are seized.
   The enemy's such objectives within its reach are denied in their last turns: a unit holds
   one of their hexes (the objective is met only with all of them taken) and attacks only from
   there.
8. **Ring keepers.** Around an enemy pocket the side keeps the fewest units whose zones of
   control still cut it off; they stand fast and the others are free.
9. **Pursuit.** Against a broken enemy (its defence half the side's attack or less) the free
   mobile units drive on the open places it still holds, at any distance.

Every plan can be explained: `agent.explanations` holds one record per turn (sectors with their
ratios, the Schwerpunkt, the axes and the units on them, the reserves, the counterattack
targets), and the option `explain=FILE` appends them to FILE as JSON lines.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from engine import standfast, supply
from engine.ai.base import AgentError, register
from engine.ai.heuristic import HeuristicAgent, _Context, day_steps, loss_weight
from engine.ai.layers import BIG, downhill, hex_distance, steps_from
from engine.state import ACTIVE, ISOLATED, SUPPLIED

# weights of the plan (in the heuristic's units: expected steps for attacks, hex scores for moves)
PLAN: dict[str, float] = {
    "schwerpunkt_bonus": 0.45,      # an attack in the Schwerpunkt
    "elsewhere_malus": 0.15,        # an attack elsewhere, when the side is attacking
    "cut_bonus": 0.5,               # an attack on a hex on the way to a cut point
    "counter_bonus": 0.45,          # armour attacking an exposed enemy
    "reserve_malus": 0.6,           # a reserve unit in an ordinary attack
    "axis_pull": 2.5,               # a mobile unit drawn to its cut point
    "reserve_pull": 2.0,            # a reserve drawn to its post
    "concentrate": 0.6,             # attacking units drawn to the Schwerpunkt
    "penetration_bonus": 0.5,       # an attack on an enemy unit on ground the side held at its last plan
    "counter_pull": 1.5,            # armour of a side on the defensive drawn to the enemy's fresh penetrations
    "counter_mobile": 1.0,          # 1: only a counterattack with a mobile unit in it weighs the side's losses as when behind
    "withdraw_ratio": 3.0,          # the usual `withdraw=` ratio (the option is off, 0, unless given)
    "withdraw_pull": 1.5,           # a withdrawing unit drawn towards its supply, per move of distance
    "sector_size": 8,               # front hexes a sector
    "pincer_turns": 3,              # turns a pincer keeps driving on its cut point before it is reconsidered
    "ring_frees_arms": 1.0,         # 1: once its ring closes, a pincer older than pincer_turns is reconsidered (keepers hold the ring)
    "ring_steps": 4,                # enemy steps in a pocket worth keeping the ring around it closed
    "keep_hold": 50.0,              # a keeper stays where it stands; a unit sent to seize an objective goes there
    "relief_steps": 3,              # own steps cut off worth turning the arms to relieve them
    "aim_arms": 1.0,                # 1: arms drive on open objectives with a deadline (0: only on cut points)
    "deny": 1.0,                    # 1: a hex of each enemy objective with a deadline, within its reach, is held
    "deny_turns": 10,               # ... from this many turns before its deadline
    "seize_first_turns": 6,         # a unit seizing an objective due within this many turns takes it before it attacks
    "aim_vp": 8.0,                  # objective VP that double the worth of a cut point on its hexes
    "cut_hold": 3.0,                # a unit of an arm standing on its cut point (the first one there)
    "pursuit_ratio": 2.0,           # the side's attack at least this many times the enemy's defence (all units): the enemy is broken
    "pursuit_share": 0.67,          # at most this share of the mobile units pursue (those nearest the enemy's places)
    "pursuit_pull": 10.0,           # a pursuing unit drawn towards its place, per move of distance gained
    "pursuit_gain": 4.0,            # moves of distance gained a turn that still count (a drive along a road)
    "pursuit_days": 4.0,            # a place's worth to a pursuer halves at this many moves' distance
}


@dataclass
class Sector:
    id: int
    hexes: np.ndarray
    own: float = 0.0
    enemy: float = 0.0
    value: float = 0.0
    own_defence: float = 0.0        # the side's defence there (ground counted)
    enemy_attack: float = 0.0       # the enemy's attack strength there
    units: list[int] = field(default_factory=list)   # the side's units counted there

    @property
    def ratio(self) -> float:
        return self.own / max(self.enemy, 1.0)


@dataclass
class Plan:
    """One side-turn's operational plan."""

    turn: int
    side: int
    attacking: bool
    sectors: list[Sector] = field(default_factory=list)
    schwerpunkt: list[int] = field(default_factory=list)        # sector ids
    sp_hexes: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    sp_dist: np.ndarray | None = None
    cut: int = -1                                                # the cut point (hex), -1 none
    since: int = 0                                               # the turn the cut point was chosen
    cut_steps: float = 0.0
    cuts: list[int] = field(default_factory=list)                # the arms' cut points (the first is `cut`)
    cut_dists: list[np.ndarray] = field(default_factory=list)
    arm_of: dict[int, int] = field(default_factory=dict)         # unit -> its arm (index in cuts)
    relief: bool = False                                         # the axis relieves an own pocket
    reserves: dict[int, int] = field(default_factory=dict)       # unit -> post hex
    reserve_dist: dict[int, np.ndarray] = field(default_factory=dict)
    exposed: set[int] = field(default_factory=set)               # enemy hexes worth counterattacking
    withdraw: set[int] = field(default_factory=set)              # units falling back towards their supply
    pursuers: dict[int, int] = field(default_factory=dict)       # mobile unit -> the enemy's place it drives on (the enemy is broken)
    near_cut: set[int] = field(default_factory=set)              # enemy hexes on the way to the cut point
    fresh: set[int] = field(default_factory=set)                 # enemy hexes taken from the side since its last turn
    control: np.ndarray | None = None                            # who held each hex when the plan was made
    counter_dist: np.ndarray | None = None                       # steps to the ground next to a penetration
    keepers: set[int] = field(default_factory=set)               # units that keep an enemy pocket closed
    seize: dict[int, int] = field(default_factory=dict)          # unit -> an objective's hex it can take this turn
    deny: dict[int, int] = field(default_factory=dict)           # unit -> the hex it holds so that an enemy objective is not met
    pockets: list[dict[str, Any]] = field(default_factory=list)  # the enemy pockets kept closed (for explanations)
    ring_closed: Any = None                                      # (keepers' hexes) -> does the ring still hold?

    @property
    def cut_dist(self) -> np.ndarray | None:
        """Steps to the first cut point (None: no pincer)."""
        return self.cut_dists[0] if self.cut_dists else None

    @property
    def axis_units(self) -> set[int]:
        """The units of every arm."""
        return set(self.arm_of)


@register("planner")
class PlannerAgent(HeuristicAgent):
    """Operational AI: sectors, Schwerpunkt, pincers, reserves, counterattacks (see the module)."""

    # the hard level's play, but its own losses weighed in full (the hard level weighs them at 0.85
    # while not ahead on points; both add the level's `ahead` while ahead), its attack threshold
    # kept when behind on points (the hard level lowers it), its dug-in units kept in their holes
    # (`holes`) and the units its movement phase placed for an attack committed to it (`commit`)
    options = {**HeuristicAgent.options, "level": "hard", "loss_weight": 1.0, "behind": 0.0, "holes": 1, "commit": 1, "explain": None, "withdraw": 0.0}

    def __init__(self, side: str, seed: int = 0, **options: Any) -> None:
        super().__init__(side, seed, **options)
        try:
            ratio = float(self.config["withdraw"])
        except (TypeError, ValueError):
            ratio = -1.0
        if not (0.0 <= ratio <= 100.0):
            raise AgentError(f"planner option withdraw must be a number from 0 (never) to 100, not '{self.config['withdraw']}'")
        self.withdraw_ratio = ratio
        self.plan: Plan | None = None
        self.explanations: list[dict[str, Any]] = []

    def context(self, view) -> "_PlanContext":
        return _PlanContext(self, view)

    def _record(self, ctx: "_PlanContext", plan: Plan) -> None:
        record = explain(ctx, plan)
        self.explanations.append(record)
        path = self.config.get("explain")
        if path:
            path = str(path).replace("{seed:06d}", f"{self.seed:06d}").replace("{side}", self.side)
            with Path(path).open("a", encoding="utf-8") as out:
                out.write(json.dumps(record, sort_keys=True) + "\n")


class _PlanContext(_Context):
    """The heuristic's layers of one phase, with the side-turn's plan on top."""

    def __init__(self, agent: PlannerAgent, view) -> None:
        super().__init__(agent, view)
        plan = agent.plan
        if plan is None or plan.turn != view.turn or plan.side != self.me:
            plan = make_plan(self, previous=plan)
            agent.plan = plan
            agent._record(self, plan)
        elif view.phase == "exploitation":
            # after combat: the objectives' hexes the attacks opened, and the places taken since
            # the plan was made (a pursuer there drives on to the next)
            mobile = [int(u) for u in self.mine if self.sc.units[int(u)].exploits and self.attack[int(u)] > 0]
            if PLAN["aim_arms"]:
                plan.seize = {}
                _seize(self, plan, mobile)
            if plan.pursuers:
                plan.pursuers = {}
                _pursuit(self, plan, mobile)
        for u in plan.pursuers:
            self.reserved.pop(u, None)      # a pursuer garrisons nothing
        for u, h in plan.deny.items():
            if self.st.unit_status[u] == ACTIVE:
                self.reserved[u] = h        # a unit denying an enemy objective garrisons its hex
        self.plan = plan

    def _objectives_to_seize(self) -> None:
        """The plan seizes objectives (after it has chosen the units that keep rings closed)."""

    def may_overrun(self, u: int) -> bool:
        """Ring keepers and reserves keep their posts; arms, pursuers and the rest may overrun."""
        return super().may_overrun(u) and u not in self.plan.keepers and u not in self.plan.reserves

    # -- attacks ----------------------------------------------------------------------
    def expected_value(self, pv, target: int, st=None) -> float:
        plan = getattr(self, "plan", None)
        if plan is None:
            return super().expected_value(pv, target, st)
        t = int(target)
        if t in plan.fresh and not plan.attacking and (not PLAN["counter_mobile"] or any(self.s.exploits[int(a)] for a in pv.attackers)):
            # a counterattack on a fresh penetration, with a mobile unit in it, is worth its losses even to a
            # side that is ahead: they weigh as they do for a side that is not (the infantry's
            # counterattacks weigh as any other attack of the side)
            keep = self.loss_weight
            self.loss_weight = min(keep, loss_weight(self.params, False))
            try:
                ev = super().expected_value(pv, target, st)
            finally:
                self.loss_weight = keep
        else:
            ev = super().expected_value(pv, target, st)
        if len(plan.sp_hexes) and plan.sp_dist is not None and plan.sp_dist[t] <= 2:
            ev += PLAN["schwerpunkt_bonus"]
        elif plan.attacking and plan.schwerpunkt:
            ev -= PLAN["elsewhere_malus"]
        if t in plan.near_cut:
            ev += PLAN["cut_bonus"]
        armour = any(self.sc.units[a].armour for a in pv.attackers)
        if t in plan.fresh:
            ev += PLAN["penetration_bonus"]
        if t in plan.exposed:
            ev += PLAN["counter_bonus"] * (1.0 if armour else 0.4)
        elif any(a in plan.reserves for a in pv.attackers):
            ev -= PLAN["reserve_malus"]
        return ev

    def restores_line(self, target: int) -> bool:
        plan = getattr(self, "plan", None)
        return plan is not None and int(target) in plan.fresh

    def attack_options(self) -> dict[int, list[tuple[int, int, float]]]:
        """The heuristic's, but a unit that keeps a ring closed attacks only from where it stands, one
        that denies an enemy objective only from its hex, a pursuer only enemy units on its way, and
        one sent to seize the hex of an objective due within `seize_first_turns`, in the movement
        phase, only from that hex (it takes the hex first: an attack planned from elsewhere would
        hold it there, and the attack may not be made)."""
        options = super().attack_options()
        plan = getattr(self, "plan", None)
        if plan is None or not (plan.keepers or plan.pursuers or plan.deny or plan.seize):
            return options
        st = self.st
        first: dict[int, int] = {}
        if plan.seize and self.view.phase == "movement":
            due = {int(h): o.by_turn for o, hexes in self.open_objectives(self.me) for h in hexes}
            first = {u: h for u, h in plan.seize.items() if due.get(h, BIG) - int(st.turn) <= PLAN["seize_first_turns"]}
        out = {}
        for t, cands in options.items():
            kept = [c for c in cands if (c[0] not in plan.keepers or c[1] == int(st.unit_hex[c[0]]))
                    and (c[0] not in plan.deny or c[1] == plan.deny[c[0]])
                    and (c[0] not in first or c[1] == first[c[0]])
                    and (c[0] not in plan.pursuers or self._on_the_way(c[0], t))]
            if kept:
                out[t] = kept
        return out

    def _on_the_way(self, u: int, target: int) -> bool:
        """Is enemy hex `target` on a pursuer's way (nearer its place than the pursuer is)?"""
        d = self.s.tdist[self.s.target_pos[self.plan.pursuers[u]]]
        return bool(d[int(target)] < d[int(self.st.unit_hex[u])])

    def choose_advance(self, st, allowed) -> int | None:
        """A keeper advances only if the ring still holds with it on the hex taken."""
        plan = getattr(self, "plan", None)
        if plan is not None and plan.keepers and st.advance is not None:
            to = int(st.advance[0])
            keep = [u for u in allowed if int(u) not in plan.keepers]
            at = {k: int(st.unit_hex[k]) for k in plan.keepers if st.unit_status[k] == ACTIVE}
            for u in allowed:
                if int(u) in plan.keepers and plan.ring_closed is not None and plan.ring_closed({**at, int(u): to}):
                    keep.append(u)
            allowed = keep
        return super().choose_advance(st, allowed)

    def rail_moves(self, view, held: set[int]) -> list[tuple[int, int]]:
        plan = getattr(self, "plan", None)
        return super().rail_moves(view, held | plan.keepers | set(plan.pursuers) | set(plan.deny) if plan is not None else held)

    # -- moves --------------------------------------------------------------------------
    def plan_score(self, u: int, idx: np.ndarray, speed: float) -> np.ndarray | float:
        plan = getattr(self, "plan", None)
        if plan is None:
            return 0.0
        score = np.zeros(len(idx))
        hold = int(self.st.unit_hex[u]) if u in plan.keepers else plan.seize.get(u, plan.deny.get(u))
        if hold is not None:            # a keeper stays; a unit sent to seize or deny an objective goes there
            score[idx == hold] += PLAN["keep_hold"]
            return score
        if u in plan.reserves:
            d = plan.reserve_dist[u][idx]
            score += PLAN["reserve_pull"] / (1.0 + d / speed)
            score -= 1.0 * (self.d_enemy[idx] <= 1)
            return score
        if u in plan.withdraw:
            here = int(self.st.unit_hex[u])
            score += PLAN["withdraw_pull"] * np.clip((self.d_src[here] - self.d_src[idx]) / speed, -2.0, 2.0)
            score -= 1.0 * (self.d_enemy[idx] <= 1)
            return score
        goal = plan.pursuers.get(u)
        if goal is not None:
            pd = self.s.tdist[self.s.target_pos[goal]]
            here = int(self.st.unit_hex[u])
            gain = PLAN["pursuit_gain"]
            score += PLAN["pursuit_pull"] * np.clip((pd[here] - pd[idx]) / speed, -gain, gain)
            return score
        if u in plan.arm_of:
            cd = plan.cut_dists[plan.arm_of[u]]
            score += PLAN["axis_pull"] * (1.0 + min(plan.cut_steps, 20.0) / 10.0) / (1.0 + cd[idx] / speed)
            # the cut point itself: the first of its arm to get there stands on it
            score += PLAN["cut_hold"] * ((cd[idx] == 0) & (self.stack[idx] == 0))
            return score
        if plan.counter_dist is not None and self.sc.units[u].armour and self.attack[u] > 0:
            score += PLAN["counter_pull"] / (1.0 + plan.counter_dist[idx] / speed)
        if plan.attacking and plan.sp_dist is not None and self.attack[u] > 0 and not self.defending[u]:
            score += PLAN["concentrate"] / (1.0 + plan.sp_dist[idx] / speed)
        return score


# -- the plan ----------------------------------------------------------------------------------
def make_plan(ctx: _Context, previous: Plan | None = None) -> Plan:
    st, s, sc = ctx.st, ctx.s, ctx.sc
    plan = Plan(turn=int(st.turn), side=ctx.me, attacking=not ctx.ahead, control=st.control.copy())
    nbr = sc.map.neighbors
    mobile = [int(u) for u in ctx.mine if sc.units[int(u)].exploits and ctx.attack[int(u)] > 0]
    plan.sectors = _sectors(ctx)
    _cut_point(ctx, plan, mobile, previous)   # a pincer when attacking; relief of an own pocket always
    _ring_keepers(ctx, plan, mobile)           # the units that keep the enemy's pockets closed stay
    _seize(ctx, plan, mobile)                  # empty objective hexes a mobile unit can reach are taken
    _deny(ctx, plan)                           # a hex of each enemy objective within its reach is held
    _pursuit(ctx, plan, mobile)                # against a broken enemy the free mobile units drive on its places
    # Schwerpunkt: the best ratio where the most lies behind
    if plan.sectors and plan.attacking:
        scored = []
        for sec in plan.sectors:
            near_cut = 0.0
            if plan.cut >= 0:
                d = hex_distance(s.grid.q, s.grid.r, sec.hexes, np.array([plan.cut])).min()
                near_cut = plan.cut_steps / (1.0 + d / 3.0)
            scored.append((sec.ratio ** 0.7 * (1.0 + sec.value + near_cut), sec.id))
        scored.sort(key=lambda x: (-x[0], x[1]))
        plan.schwerpunkt = [scored[0][1]]
        if len(scored) > 1 and scored[1][0] >= 0.6 * scored[0][0] and len(mobile) >= 4:
            plan.schwerpunkt.append(scored[1][1])
        plan.sp_hexes = np.concatenate([plan.sectors[i].hexes for i in plan.schwerpunkt]).astype(np.int64)
        plan.sp_dist = steps_from(plan.sp_hexes, nbr, s.passable).astype(np.float64)
    # reserves: a side on the defensive keeps mobile units behind its most threatened sector
    # (only a side strong enough to hold its line without them: an outnumbered one needs every unit in it)
    strong = float(ctx.attack[ctx.mine].sum()) >= 0.8 * float(ctx.attack[ctx.enemies].sum()) if len(ctx.enemies) else False
    if not plan.attacking and plan.sectors and mobile and strong:
        threatened = max(plan.sectors, key=lambda x: (x.enemy / max(x.own, 1.0), -x.id))
        centre = int(threatened.hexes[len(threatened.hexes) // 2])
        d_centre = steps_from(np.array([centre]), nbr, s.passable)
        behind = np.flatnonzero((ctx.d_front == 3) & (ctx.d_own <= ctx.d_enemy) & s.passable & ~ctx.enemy_hex)
        if len(behind):
            post = int(behind[np.argmin(d_centre[behind] * 1000 + behind * 1e-6)])
            keep = max(1, len(mobile) // 4)
            free = [u for u in mobile if u not in plan.arm_of and u not in plan.pursuers and ctx.d_enemy[int(st.unit_hex[u])] > 1
                    and st.unit_supply[u] == SUPPLIED and u not in ctx.reserved]
            free.sort(key=lambda u: (-ctx.attack[u], u))
            dist = steps_from(np.array([post]), nbr, s.passable).astype(np.float64)
            for u in free[:keep]:
                plan.reserves[u] = post
                plan.reserve_dist[u] = dist
    # withdrawal: a side on the defensive (or outnumbered as a whole) pulls back the units of a sector where the enemy's attack
    # is many times its defence, towards its supply (a shorter line nearer its sources), except
    # units ordered to stand fast, holding a place that counts for victory, or cut off
    ratio = float(getattr(ctx.agent, "withdraw_ratio", PLAN["withdraw_ratio"]))
    outnumbered = float(ctx.attack[ctx.enemies].sum()) > float(ctx.defence[ctx.mine].sum()) if len(ctx.enemies) else False
    if (not plan.attacking or outnumbered) and ratio > 0:
        on_target = np.zeros(s.grid.n, dtype=bool)
        if len(s.targets):
            on_target[s.targets] = True
        for sec in plan.sectors:
            if sec.enemy_attack < ratio * max(sec.own_defence, 1.0):
                continue
            for u in sec.units:
                h = int(st.unit_hex[u])
                if (on_target[h] or u in plan.reserves or st.unit_supply[u] == ISOLATED
                        or standfast.holds(st, u)):
                    continue
                plan.withdraw.add(u)
    # counterattacks: enemy units out of supply, with the side's units on several sides, or weak
    # next to its armour (twice their defence, ground counted, in armour next to them)
    own_hex = ctx.stack > 0
    armour_at = np.zeros(s.grid.n)
    for mu in ctx.mine:
        if sc.units[int(mu)].armour:
            armour_at[int(st.unit_hex[mu])] += ctx.attack[int(mu)]
    enemy_def = np.zeros(s.grid.n)
    for e in ctx.enemies:
        enemy_def[int(st.unit_hex[e])] += ctx.defence[int(e)]
    for e in ctx.enemies:
        h = int(st.unit_hex[e])
        next_to = [j for j in nbr[h].tolist() if j >= 0]
        sides = sum(1 for j in next_to if own_hex[j])
        armour = sum(armour_at[j] for j in next_to)
        weak = armour >= 2.0 * enemy_def[h] * (1.6 ** -s.def_shift[h])
        if st.unit_supply[e] != SUPPLIED or sides >= 3 or weak:
            plan.exposed.add(h)
    # penetrations: enemy units on ground the side held when it made its last plan
    if previous is not None and previous.side == ctx.me and previous.control is not None:
        lost = (st.control == ctx.enemy) & (previous.control == ctx.me)
        for e in ctx.enemies:
            h = int(st.unit_hex[e])
            if lost[h]:
                plan.fresh.add(h)
                plan.exposed.add(h)
        if plan.fresh and not plan.attacking:
            around = {int(j) for h in plan.fresh for j in nbr[h] if j >= 0 and s.passable[j] and not ctx.enemy_hex[j]}
            if around:
                plan.counter_dist = steps_from(np.array(sorted(around)), nbr, s.passable, ctx.enemy_hex).astype(np.float64)
    return plan


def _sectors(ctx: _Context) -> list[Sector]:
    """The front hexes ordered along the front and cut into sectors, with the strengths at each."""
    st, s = ctx.st, ctx.s
    front = np.flatnonzero(ctx.front > 0)
    if not len(front) or not len(ctx.mine) or not len(ctx.enemies):
        return []
    x = 1.5 * s.grid.q[front].astype(np.float64)
    y = math.sqrt(3.0) * (s.grid.r[front] + s.grid.q[front] / 2.0)
    pts = np.stack([x - x.mean(), y - y.mean()], axis=1)
    if len(front) > 1:
        _, _, vt = np.linalg.svd(pts, full_matrices=False)
        axis = vt[0] * (1 if vt[0][np.argmax(np.abs(vt[0]))] > 0 else -1)
    else:
        axis = np.array([1.0, 0.0])
    order = np.lexsort((front, pts @ axis))
    front = front[order]
    k = max(1, min(8, int(round(len(front) / PLAN["sector_size"]))))
    sectors = [Sector(i, chunk) for i, chunk in enumerate(np.array_split(front, k))]
    sector_of_front = np.repeat(np.arange(k, dtype=np.int64), [len(sec.hexes) for sec in sectors])    # the chunks in turn
    # each unit near the front counts for the sector of its nearest front hex
    for units, own in ((ctx.mine, True), (ctx.enemies, False)):
        hexes = st.unit_hex[units].astype(np.int64)
        d = hex_distance(s.grid.q, s.grid.r, hexes[:, None], front[None, :])
        near = d.argmin(axis=1)
        close = d.min(axis=1) <= 3
        for k_u, u in enumerate(units):
            if not close[k_u]:
                continue
            sec = sectors[int(sector_of_front[near[k_u]])]
            h = int(hexes[k_u])
            if own:
                sec.own += float(ctx.attack[int(u)])
                sec.own_defence += float(ctx.defence[int(u)]) * (1.6 ** s.def_shift[h])
                sec.units.append(int(u))
            else:
                sec.enemy += float(ctx.defence[int(u)]) * (1.6 ** -s.def_shift[h])
                sec.enemy_attack += float(ctx.attack[int(u)])
    # what lies behind each sector: the worth of the enemy-held targets within six hexes
    if len(s.targets):
        worth = np.where(~ctx.held, ctx.tvalue, 0.0)
        for sec in sectors:
            d = s.tdist[:, sec.hexes].min(axis=1)
            sec.value = float((worth / (1.0 + d / 2.0) * (d <= 6)).sum()) / 10.0
    return sectors


def _flow(ctx: _Context, dist: np.ndarray, units) -> tuple[np.ndarray, dict[int, list[int]]]:
    """Each enemy unit's supply followed down the supply costs to its source: the steps that pass
    through each hex, and each unit's way."""
    st, s = ctx.st, ctx.s
    down = downhill(dist, ctx.sc.map.neighbors)
    flow = np.zeros(s.grid.n)
    units = np.asarray(units, dtype=np.int64)
    at = st.unit_hex[units].astype(np.int64)
    keep = dist[at] >= 0
    units, at = units[keep], at[keep]
    steps = st.unit_steps[units].astype(np.float64)     # whole numbers: the sums do not depend on their order
    ways: dict[int, list[int]] = {int(e): [] for e in units}
    walking = np.arange(len(units))
    for _ in range(60):          # every unit one hex down at a time
        walking = walking[down[at[walking]] >= 0]
        if not len(walking):
            break
        at[walking] = down[at[walking]]
        np.add.at(flow, at[walking], steps[walking])
        for k, h in zip(walking.tolist(), at[walking].tolist()):
            ways[int(units[k])].append(h)
    return flow, ways


def _cut_point(ctx: _Context, plan: Plan, mobile: list[int], previous: Plan | None = None) -> None:
    """The hexes where cutting the enemy's supply isolates the most enemy steps, within reach of
    the side's mobile units; or, with own units cut off, their pocket (relief).

    A pincer has two arms. The first cut point is the hex with the most supply flow that the
    mobile units can reach; then that hex and its neighbours are taken as blocked, the enemy's
    supply is traced again, and the units that found another way show where the second arm must
    cut (the best such hex for the mobile units not in the first arm, three hexes or more from the
    first). A pincer keeps its cut points from turn to turn while the first is worth at least half
    the best one, and holds them once the ring is closed (the enemy behind them cut off)."""
    st, s, sc = ctx.st, ctx.s, ctx.sc
    nbr = sc.map.neighbors
    if not mobile:
        return
    own_cut = [int(u) for u in ctx.mine if st.unit_supply[u] == ISOLATED]
    own_steps = float(st.unit_steps[own_cut].sum())
    pincer_steps = previous.cut_steps if previous is not None and previous.side == ctx.me and previous.cut >= 0 and not previous.relief else 0.0
    if own_steps < PLAN["relief_steps"] or (plan.attacking and own_steps < 0.5 * pincer_steps):
        own_cut = []         # a cut-off regiment is not worth the arms of an offensive, nor a spearhead its pincer
    if own_cut:
        # a relief comes from outside: the pocket's own mobile units hold it, they are not its arms
        mobile = [u for u in mobile if st.unit_supply[u] != ISOLATED]
        if not mobile:
            return
    mob_hexes = np.array([int(st.unit_hex[u]) for u in mobile], np.int64)
    d_mobile = steps_from(mob_hexes, nbr, s.passable, ctx.enemy_hex)
    reach = max(4.0, float(np.median([s.movement[u] for u in mobile])) * 1.5)
    if not own_cut and not plan.attacking:
        return
    cuts: list[int] = []
    if own_cut:
        # relief: through the enemy if need be (the ring is what the arms break)
        d_through = steps_from(mob_hexes, nbr, s.passable)
        pocket = np.array([int(st.unit_hex[u]) for u in own_cut], np.int64)
        target = int(pocket[np.argmin(d_through[pocket] * 1000 + pocket * 1e-6)])
        if d_through[target] < BIG:
            plan.cut, plan.relief = target, True
            plan.cut_steps = float(sum(int(st.unit_steps[u]) for u in own_cut))
            cuts = [target]
    else:
        dist, _ = supply.trace(st, ctx.enemy)
        flow, ways = _flow(ctx, dist, ctx.enemies)
        enter = _may_enter(ctx, mobile)
        open_ground = s.passable & ~ctx.enemy_hex & (d_mobile <= 2 * reach) & (ctx.d_enemy >= 1) & enter
        score = np.where(open_ground & (flow > 0), flow / (1.0 + d_mobile / reach), 0.0) * _aims(ctx)
        kept = previous.cut if previous is not None and previous.side == ctx.me and not previous.relief else -1
        if previous is not None and kept >= 0 and not ctx.enemy_hex[kept]:
            cut_off = [e for e in ctx.enemies if dist[int(st.unit_hex[e])] < 0]
            near = previous.cut_dist
            ring = sum(float(st.unit_steps[e]) for e in cut_off if near is not None and near[int(st.unit_hex[e])] <= 6)
            young = st.turn - previous.since < PLAN["pincer_turns"]
            if (ring >= 3.0 and not PLAN["ring_frees_arms"]) or young or score[kept] >= 0.5 * score.max() > 0:
                plan.cut, plan.cut_steps, plan.since = kept, max(float(flow[kept]), ring, previous.cut_steps), previous.since
                cuts = [c for c in previous.cuts if not ctx.enemy_hex[c]] or [kept]
                if kept not in cuts:
                    cuts.insert(0, kept)
        if plan.cut < 0:
            # an operation with a deadline: the arms drive on its objectives' hexes within their
            # reach that the enemy's supply runs through
            d_through = steps_from(mob_hexes, nbr, s.passable)
            aims = sorted((h for h in ctx.open_aims() if d_through[h[0]] <= 2 * reach and flow[h[0]] > 0 and enter[h[0]] and PLAN["aim_arms"]),
                          key=lambda a: (-a[1], d_through[a[0]], a[0]))
            if aims:
                cuts = [h for h, _ in aims[:2]]
                plan.cut, plan.since = cuts[0], int(st.turn)
                plan.cut_steps = max(float(flow[cuts[0]]), aims[0][1])
        if plan.cut < 0 and score.max() > 0:
            target = int(np.argmax(score))
            # worth a pincer only if it cuts a good part of the enemy
            total = float(st.unit_steps[ctx.enemies].sum()) if len(ctx.enemies) else 0.0
            if flow[target] >= max(3.0, 0.15 * total):
                plan.cut, plan.cut_steps, plan.since = target, float(flow[target]), int(st.turn)
                cuts = [target]
                second = _second_arm(ctx, target, dist, ways, mobile, reach)
                if second >= 0:
                    cuts.append(second)
    if plan.cut < 0:
        return
    plan.cuts = cuts
    plan.cut_dists = [steps_from(np.array([c]), nbr, s.passable).astype(np.float64) for c in cuts]
    # the arms: the mobile units nearest each cut point (at most half of them for the first, at
    # least two; the rest nearest the second for the second)
    free = [u for u in mobile if u not in ctx.reserved]
    share = max(2, len(mobile) // 2) if len(cuts) == 1 else max(2, len(mobile) // 3)
    for k, cd in enumerate(plan.cut_dists):
        cand = sorted((u for u in free if u not in plan.arm_of and (standfast.holds(st, u) or standfast.may_enter(st, u, cuts[k]))),
                      key=lambda u: (cd[int(st.unit_hex[u])], u))
        for u in cand[:share]:
            if cd[int(st.unit_hex[u])] < 3 * reach:
                plan.arm_of[u] = k
    # enemy hexes on the way: within three hexes of a cut point
    for e in ctx.enemies:
        h = int(st.unit_hex[e])
        if any(cd[h] <= 3 for cd in plan.cut_dists):
            plan.near_cut.add(h)


def _may_enter(ctx: _Context, units: list[int]) -> np.ndarray:
    """The hexes one of the units may end a move in as far as boundaries go (an army's boundary,
    a `stand_fast` rule with `hold: false`, keeps its units out of a cut point in the next army's
    sector). A unit under an order to hold counts as free: drawn towards a cut point beyond its
    area it closes up on the side of its area facing the operation, where it defends."""
    mask = np.zeros(ctx.s.grid.n, dtype=bool)
    for u in units:
        bound = standfast.limit(ctx.st, u)
        if bound is None or standfast.holds(ctx.st, u):
            mask[:] = True
            break
        if bound[0] is not None:
            mask[list(bound[0])] = True
    return mask


def _pursuit(ctx: _Context, plan: Plan, mobile: list[int]) -> None:
    """Against a broken enemy (the side's attack `pursuit_ratio` times the enemy's defence or
    more, all units counted), the mobile units free of other tasks and nearest the places the
    enemy still holds drive on them, each on the place worth most for the drive (its worth to
    the side over the days to get there, a long horizon), at any distance. The planner's other
    parts look no farther than twice a day's reach; a pursuit follows a beaten enemy up the road.
    The distances are the static ones from each place (no search)."""
    st, s = ctx.st, ctx.s
    if not mobile or not len(ctx.enemies) or not len(s.targets):
        return
    if float(ctx.attack[ctx.mine].sum()) < PLAN["pursuit_ratio"] * max(float(ctx.defence[ctx.enemies].sum()), 1.0):
        return
    goals = np.flatnonzero(~ctx.held & (ctx.tvalue > 0) & ~ctx.enemy_hex[s.targets])   # open places (positions in s.targets)
    if not len(goals):
        return
    free = [u for u in mobile if u not in plan.arm_of and u not in plan.keepers and u not in plan.seize and u not in plan.deny]
    if not free:
        return
    hexes = st.unit_hex[np.array(free, np.int64)].astype(np.int64)
    speed = np.maximum(1.0, s.movement[free] / 1.5)
    d = s.tdist[goals][:, hexes]                                  # [goal, unit]
    worth = ctx.tvalue[goals][:, None] / (1.0 + d / (PLAN["pursuit_days"] * speed[None, :]))
    worth[d >= 1e6] = 0.0
    best = worth.argmax(axis=0)
    # the units nearest their places first, a garrison of a place the side holds last
    order = sorted(range(len(free)), key=lambda k: (free[k] in ctx.reserved, d[best[k], k], free[k]))
    share = max(1, int(round(PLAN["pursuit_share"] * len(mobile))))
    for k in order[:share]:
        if worth[best[k], k] > 0:
            plan.pursuers[free[k]] = int(s.targets[goals[best[k]]])
            ctx.reserved.pop(free[k], None)


def _aims(ctx: _Context) -> np.ndarray:
    """How much more a cut point is worth on the hexes of the side's open objectives (places it
    must take by a turn not yet past): 1 elsewhere, 1 + (vp + fail_vp) / 8 on them. The
    scenario's objectives say where the operation is meant to close (Kalach and Sovetsky for
    Uranus), and the arms aim there when the enemy's supply runs through them."""
    aims = np.ones(ctx.s.grid.n)
    for h, worth in ctx.open_aims():
        aims[h] += worth / PLAN["aim_vp"]
    return aims


def _second_arm(ctx: _Context, first: int, dist: np.ndarray, ways: dict[int, list[int]], mobile: list[int],
                reach: float) -> int:
    """Where the second arm of a pincer cuts: with the first cut point and its neighbours blocked,
    the best hex on the new ways of the enemy units that found one, for the mobile units farthest
    from the first cut point; -1 if the first cut needs no second."""
    st, s = ctx.st, ctx.s
    nbr = ctx.sc.map.neighbors
    victims = [e for e, way in ways.items() if first in way]
    if not victims:
        return -1
    block = np.zeros(s.grid.n, dtype=bool)
    block[first] = True
    for j in nbr[first]:
        if j >= 0 and s.passable[j]:
            block[j] = True
    dist2, _ = supply.trace(st, ctx.enemy, also_blocked=block)
    rerouted = [e for e in victims if dist2[int(st.unit_hex[e])] >= 0]
    if not rerouted:
        return -1
    flow2, _ = _flow(ctx, dist2, rerouted)
    d_first = hex_distance(s.grid.q, s.grid.r, np.arange(s.grid.n), np.array([first]))
    d_first = np.asarray(d_first).reshape(-1)
    d_cut = steps_from(np.array([first]), nbr, s.passable)
    others = sorted(mobile, key=lambda u: (-d_cut[int(st.unit_hex[u])], u))[: max(1, len(mobile) // 2)]
    d_arm = steps_from(np.array([int(st.unit_hex[u]) for u in others], np.int64), nbr, s.passable, ctx.enemy_hex)
    ok = s.passable & ~ctx.enemy_hex & ~block & (d_arm <= 2 * reach) & (ctx.d_enemy >= 1) & (d_first >= 3) & _may_enter(ctx, others)
    score = np.where(ok & (flow2 > 0), flow2 / (1.0 + d_arm / reach), 0.0) * _aims(ctx)
    if score.max() <= 0:
        return -1
    best = int(np.argmax(score))
    return best if flow2[best] >= 3.0 else -1


def _seize(ctx: _Context, plan: Plan, mobile: list[int]) -> None:
    """The open objectives' hexes a unit can take this phase are seized (the heuristic's
    `seize_objectives`), by units that keep no ring closed."""
    if PLAN["aim_arms"] and ctx.params["seize"]:
        plan.seize = ctx.seize_objectives(plan.keepers)


def _deny(ctx: _Context, plan: Plan) -> None:
    """The enemy's open objectives (places it must take by a turn not yet past, all their hexes
    at once) within its reach are denied in the last `deny_turns` (10) turns before their deadline:
    the side keeps a combat unit on one of their hexes. A unit that is not mobile already
    standing on one stays (the one with the best defence); else the unit with the best defence
    that can get onto one this phase (units free of other tasks first, mobile units last: they
    are wanted at the front) is sent there, and held there as a garrison (it attacks only from
    there). "Within its reach": an enemy unit could get onto one of the hexes in its next move,
    past the side's units and zones of control, were the units standing on the enemy's
    objectives not there (`_enemy_walk_in`). Without this the defender leaves a rear place empty
    once its front has gone, and the enemy walks in."""
    if not PLAN["deny"]:
        return
    st, s = ctx.st, ctx.s
    busy = plan.keepers | set(plan.seize)
    walk_in: np.ndarray | None = None
    for o, hexes in ctx.open_objectives(ctx.enemy):
        if st.turn < o.by_turn - PLAN["deny_turns"]:
            continue
        held = [int(h) for h in hexes if st.control[h] == ctx.me and not ctx.enemy_hex[h]]
        if not held:
            continue
        if walk_in is None:
            # as if the units standing on the enemy's objectives were not there: would it walk in?
            on = {int(h) for o2, hx in s.objectives if o2.side == o.side for h in hx}
            walk_in = _enemy_walk_in(ctx, [int(u) for u in ctx.mine if int(st.unit_hex[u]) not in on])
        if not any(walk_in[int(h)] for h in hexes):
            continue            # no enemy unit can get onto one of its hexes in its next move
        guards = [int(u) for u in ctx.mine if int(st.unit_hex[u]) in held and s.zoc[u] and ctx.defence[u] > 0 and int(u) not in busy
                  and not s.exploits[u]]
        if guards:
            u = max(guards, key=lambda g: (float(ctx.defence[g]), -g))
            plan.deny[u] = ctx.reserved[u] = int(st.unit_hex[u])
            continue
        best, best_hex, best_key = -1, -1, None
        for u in (int(u) for u in ctx.mine):
            if u in busy or u in plan.deny or not s.zoc[u] or ctx.defence[u] <= 0 or st.unit_supply[u] == ISOLATED:
                continue
            if ctx.sole_garrison(u):
                continue        # the only garrison of a place the side holds stays
            for h in held:
                if h in ctx.start_reach(u):
                    key = (u in plan.arm_of, bool(s.exploits[u]), -float(ctx.defence[u]) * 1.6 ** -float(s.def_shift[h]), u, h)
                    if best_key is None or key < best_key:
                        best, best_hex, best_key = u, h, key
        if best >= 0:
            plan.deny[best] = ctx.reserved[best] = best_hex


def _enemy_walk_in(ctx: _Context, units: list[int]) -> np.ndarray:
    """bool [N]: the hexes an enemy unit can get onto in its next move: within a day's reach of it
    (`day_steps`, at most 8) in hex steps over ground free of the side's `units` and their zones
    of control, where a move ends (a hex in a zone of control can be entered, not left). One
    search for each distinct reach."""
    st, s = ctx.st, ctx.s
    n = s.grid.n
    nbr = ctx.sc.map.neighbors
    out = np.zeros(n, dtype=bool)
    if not len(ctx.enemies):
        return out
    zoc = np.zeros(n, dtype=bool)
    idx = np.array(units, np.int64)
    z = ctx.zoc_nbrs[st.unit_hex[idx[s.zoc[idx]]].astype(np.int64)].reshape(-1)
    zoc[z[z >= 0]] = True
    own = np.zeros(n, dtype=bool)
    own[st.unit_hex[idx]] = True
    eh = st.unit_hex[ctx.enemies].astype(np.int64)
    steps = np.array([min(8, day_steps(s.movement[e])) for e in ctx.enemies])
    for r in np.unique(steps):
        src = eh[steps == r]
        blocked = (zoc | own).copy()
        blocked[src] = False        # a unit in a zone of control may leave it
        d = steps_from(src, nbr, s.passable, blocked)
        free = (d <= r) & ~own
        out |= free
        # a hex in a zone of control is entered from a free hex one step short of the reach
        near = s.grid.gather((d <= r - 1).astype(np.float64), nbr).max(axis=1) > 0
        out |= near & zoc & ~own & s.passable
    return out


def _pockets(ctx: _Context, side: int, cut: list[int]) -> list[list[int]]:
    """The side's cut-off units grouped into pockets: those that can reach one another past the
    other side's units and zones of control."""
    from engine import kernels
    st, s = ctx.st, ctx.s
    blocked_now = supply.blocked_for_supply(st, side)
    label: set[int] = set()
    pockets: list[list[int]] = []
    dist = np.empty(s.grid.n, np.int32)
    for e in cut:
        if e in label:
            continue
        kernels.bfs_steps(np.array([st.unit_hex[e]], np.int32), ctx.sc.map.neighbors, s.passable, blocked_now, dist)
        group = [f for f in cut if f not in label and dist[int(st.unit_hex[f])] >= 0] or [e]
        label.update(group)
        pockets.append(group)
    return pockets


def _ring_keepers(ctx: _Context, plan: Plan, mobile: list[int]) -> None:
    """The side's units without which an enemy pocket would open: they hold where they stand.

    The enemy units cut off from every supply source are grouped into pockets (those that can
    reach one another past the side's units and zones of control); pockets of at least
    `PLAN["ring_steps"]` steps are kept closed. Starting from every unit of the side, units are
    let go one at a time, the ones most wanted elsewhere first (armour and mobile units, then
    the strongest attackers), as long as the enemy's supply still reaches no unit of a pocket
    through the zones of control of the units still kept. What remains is a ring that holds
    facing both ways: no relief from outside and no breakout from inside gets through without
    an attack."""
    from engine import kernels

    st, s, sc = ctx.st, ctx.s, ctx.sc
    nbr = sc.map.neighbors
    n = s.grid.n
    if not len(ctx.enemies) or not len(ctx.mine):
        return
    _, connected = supply.trace(st, ctx.enemy)
    eh = st.unit_hex[ctx.enemies].astype(np.int64)
    cut = [int(e) for e in ctx.enemies[connected[eh] < 0]]
    src = np.array([h for h, _ in supply.active_sources(st, ctx.enemy)], np.int32)
    if not cut or not len(src):
        return
    pockets = [p for p in _pockets(ctx, ctx.enemy, cut) if float(st.unit_steps[p].sum()) >= PLAN["ring_steps"]]
    passable = s.passable
    dist = np.empty(n, np.int32)
    if not pockets:
        return
    watch = np.array(sorted({int(st.unit_hex[e]) for p in pockets for e in p}), np.int64)
    enemy_occ = np.zeros(n, dtype=bool)
    enemy_occ[eh] = True
    mine = [int(u) for u in ctx.mine]

    zoc_nbrs = ctx.zoc_nbrs

    def blocked_at(at: dict[int, int]) -> np.ndarray:
        """The hexes the enemy's supply cannot enter with the side's units (unit -> hex) only."""
        blocked = np.zeros(n, dtype=bool)
        if at:
            ks = np.array(list(at), np.int64)
            hs = np.array(list(at.values()), np.int64)
            blocked[hs] = True
            z = zoc_nbrs[hs[s.zoc[ks]]].reshape(-1)
            zoc = np.zeros(n, dtype=bool)
            zoc[z[z >= 0]] = True
            blocked |= zoc & ~enemy_occ
        return blocked

    def closed_at(at: dict[int, int]) -> bool:
        """Is every pocket still cut off with the side's units (unit -> hex) only?"""
        kernels.bfs_steps(src, nbr, passable, blocked_at(at), dist)
        return bool((dist[watch] < 0).all())

    if not closed_at({k: int(st.unit_hex[k]) for k in mine}):
        return
    # the units are let go one by one: the enemy's supply with the units kept (as hex steps, the
    # impassable hexes blocked too) is worked out from that with the units kept before
    closed_ground = ~passable
    kept_blocked = blocked_at({k: int(st.unit_hex[k]) for k in mine}) | closed_ground
    kept_dist = dist.copy()
    trial_dist = np.empty(n, np.int32)
    zeros = np.zeros(len(src), np.int32)
    steps = supply.unit_step_costs(sc)

    def closed(keep: list[int]) -> bool:
        blocked = blocked_at({k: int(st.unit_hex[k]) for k in keep}) | closed_ground
        kernels.flood_update(src, zeros, steps, nbr, kept_blocked, blocked, kept_dist, trial_dist, n)
        if (trial_dist[watch] < 0).all():
            kept_blocked[:] = blocked
            kept_dist[:] = trial_dist
            return True
        return False
    plan.ring_closed = closed_at
    wanted = {int(u) for u in mobile}
    order = sorted(mine, key=lambda u: (-(2.0 if u in wanted else 1.0) * float(ctx.attack[u]) + float(ctx.defence[u]), u))
    keep = list(mine)
    # what the enemy's supply reaches with the units kept, and how many kept units stand on and
    # hold in their zone of control each hex: a unit let go opens only the hexes no other kept
    # unit blocks, and the enemy gets no farther unless one of them touches what it reaches
    reach = dist >= 0
    source = np.zeros(n, dtype=bool)
    source[src] = True
    on = np.zeros(n, np.int64)
    held = np.zeros(n, np.int64)
    zone = {u: zoc_nbrs[int(st.unit_hex[u])][zoc_nbrs[int(st.unit_hex[u])] >= 0] if s.zoc[u] else np.zeros(0, np.int64) for u in mine}
    for u in mine:
        on[int(st.unit_hex[u])] += 1
        np.add.at(held, zone[u], 1)
    for u in order:
        h = int(st.unit_hex[u])
        on[h] -= 1
        np.add.at(held, zone[u], -1)
        near = np.unique(np.concatenate([[h], zone[u]]).astype(np.int64))
        opened = near[(on[near] == 0) & ((held[near] == 0) | enemy_occ[near]) & passable[near]]
        nb = nbr[opened]
        if len(opened) and (source[opened].any() or ((nb >= 0) & reach[np.maximum(nb, 0)]).any()):
            trial = [k for k in keep if k != u]
            if closed(trial):
                keep = trial
                reach = kept_dist >= 0
            else:
                on[h] += 1
                np.add.at(held, zone[u], 1)
        else:
            keep = [k for k in keep if k != u]       # the pockets stay closed without it
    plan.keepers = set(keep)
    for p in pockets:
        hexes = np.array([int(st.unit_hex[e]) for e in p], np.int64)
        plan.pockets.append({"hex": int(hexes.min()), "units": len(p), "steps": float(st.unit_steps[p].sum())})


def explain(ctx: _Context, plan: Plan) -> dict[str, Any]:
    """The plan as a player or a designer reads it (JSON)."""
    sc = ctx.sc
    m = sc.map

    def where(h: int) -> str:
        return m.label(int(h))

    return {
        "turn": plan.turn,
        "side": sc.side_ids[plan.side],
        "posture": "attacking" if plan.attacking else "defending",
        "sectors": [{"id": sec.id, "from": where(sec.hexes[0]), "to": where(sec.hexes[-1]), "hexes": int(len(sec.hexes)),
                     "own_attack": round(sec.own, 1), "enemy_defence": round(sec.enemy, 1), "ratio": round(sec.ratio, 2),
                    "own_defence": round(sec.own_defence, 1), "enemy_attack": round(sec.enemy_attack, 1),
                     "value_behind": round(sec.value, 2)} for sec in plan.sectors],
        "schwerpunkt": plan.schwerpunkt,
        "axis": None if plan.cut < 0 else {"target": where(plan.cut), "hex": m.hex_id(plan.cut), "kind": "relief" if plan.relief else "cut",
                                           "enemy_steps": round(plan.cut_steps, 1),
                                           "units": sorted(sc.units[u].id for u in plan.axis_units),
                                           "arms": [{"target": where(c), "hex": m.hex_id(c),
                                                     "units": sorted(sc.units[u].id for u, k in plan.arm_of.items() if k == i)}
                                                    for i, c in enumerate(plan.cuts)]},
        "reserves": [{"unit": sc.units[u].id, "post": where(h)} for u, h in sorted(plan.reserves.items())],
        "withdrawing": sorted(sc.units[u].id for u in plan.withdraw),
        "pursuit": [{"unit": sc.units[u].id, "place": where(h)} for u, h in sorted(plan.pursuers.items())],
        "counterattack_targets": sorted(where(h) for h in plan.exposed),
        "penetrations": sorted(where(h) for h in plan.fresh),
        "rings": [{"pocket": where(p["hex"]), "enemy_units": p["units"], "enemy_steps": p["steps"]} for p in plan.pockets],
        "ring_keepers": sorted(sc.units[u].id for u in plan.keepers),
        "seize": [{"unit": sc.units[u].id, "objective": where(h)} for u, h in sorted(plan.seize.items())],
        "deny": [{"unit": sc.units[u].id, "objective": where(h)} for u, h in sorted(plan.deny.items())],
    }


__all__ = ["PLAN", "Plan", "PlannerAgent", "explain", "make_plan"]
