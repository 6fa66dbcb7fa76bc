"""The search agent: the heuristic's turn and variations of it, each played forward on sandboxes.

At the start of its side's turn (the first phase it is asked to play) the agent:

1. plays the heuristic's own turn (the **base plan**) on a sandbox (`View.sandbox(seed)`: what
   the side knows, with dice of its own), then the opponent's whole turn with the heuristic,
   and scores the position reached; on the way it records the attacks the heuristic planned
   and the ones it turned down;
2. builds a pool of **plan genomes** from that: the base, and variations of it (drop one of
   its attacks, force one it turned down, route the air points to another attack, a higher or
   lower attack threshold, an attacking or a defending posture, mobile reserves held back for
   the exploitation phase, garrisons committed, look-ahead on or off, noise with a seed);
3. races them by **sequential halving** with common random numbers: every candidate is
   evaluated on the same sandbox seeds, the better half goes on to be evaluated on more seeds,
   until one is left; after the first round the two best variations that beat the base are
   crossed (their genes merged) into one more candidate;
4. plays the winner for real, phase by phase, through the heuristic: a genome is a policy
   (parameters and choices), not a list of orders, so the combat phase still answers the real
   dice.

An **evaluation** is one candidate on one seed: a copy of the seed's sandbox, the side's
remaining phases of the turn with the candidate, the opponent's turn with the heuristic
(`reply` level), then a score for the side (`evaluate_position`). The agent never applies an
order anywhere but to sandboxes, and never reads more than its `View` (a sandbox holds no
hidden enemy unit).

Options: `iterations=N` (evaluations per turn, default 16; deterministic for a game seed),
`budget=2s` (seconds of thinking per turn, wall clock; deterministic but for how many
evaluations fit), `level` (what plays the plans: `planner`, the default, or the heuristic at
a level), `reply` (what models the opponent: the heuristic at a level, default hard, or
`planner`). `iterations=1`
plays exactly like the planner (or `heuristic` at `level`).
"""
from __future__ import annotations

import copy
import math
import time
import zlib
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from engine import supply, victory
from engine.ai.base import Agent, AgentError, play_phase, register
from engine.ai.heuristic import HOLD, LEVELS, HeuristicAgent, loss_weight
from engine.ai.planner import Plan, PlannerAgent
from engine.state import ACTIVE, ISOLATED, OUT_OF_SUPPLY

DEFAULT_ITERATIONS = 16
MAX_EVALUATIONS = 256            # per turn, whatever the budget
WIN = 1000.0                     # the value of a game won inside the look-ahead

# the score of a position, for the side: VP are worth 1
WEIGHTS: dict[str, float] = {
    "step": 1.0,                 # each step the enemy lost minus each step the side lost
    "own_out_of_supply": 0.3,    # per step of the side's units out of supply
    "own_isolated": 1.0,         # per step of the side's units cut off from every source
    "enemy_out_of_supply": 0.3,  # per step of enemy units out of supply (traced at the end)
    "enemy_isolated": 0.7,       # more per step of enemy units cut off
    "objective": 0.25,           # times (vp + fail_vp) times the share of an open objective's hexes held
}


# -- plans -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Genome:
    """One plan for a turn: changes to the heuristic's parameters and choices.

    `params` overrides heuristic parameters (threshold, noise, lookahead, garrison);
    `noise_seed` seeds the noise of moves; `drop`/`force` are target hexes (map indices) whose
    attack is left out / committed first whatever its expected value; `air_first` is a target
    hex that gets the air points first; `posture` "attack" or "defend" overrides whether the
    side reckons itself ahead; `reserve` holds mobile units that are not attacking back in the
    movement phase, to exploit after combat."""

    params: tuple[tuple[str, Any], ...] = ()
    noise_seed: int | None = None
    drop: frozenset[int] = frozenset()
    force: frozenset[int] = frozenset()
    air_first: int | None = None
    posture: str | None = None
    reserve: bool = False
    label: str = field(default="heuristic", compare=False)

    def merge(self, other: "Genome") -> "Genome | None":
        """Both plans' genes at once (the crossover), or None where they contradict each other."""
        mine, theirs = dict(self.params), dict(other.params)
        if any(k in mine and mine[k] != v for k, v in theirs.items()):
            return None
        for a, b in ((self.noise_seed, other.noise_seed), (self.air_first, other.air_first), (self.posture, other.posture)):
            if a is not None and b is not None and a != b:
                return None
        drop = self.drop | other.drop
        force = (self.force | other.force) - drop
        if self.air_first in drop or other.air_first in drop:
            return None
        return Genome(params=tuple(sorted({**mine, **theirs}.items())),
                      noise_seed=self.noise_seed if self.noise_seed is not None else other.noise_seed,
                      drop=drop, force=force,
                      air_first=self.air_first if self.air_first is not None else other.air_first,
                      posture=self.posture or other.posture, reserve=self.reserve or other.reserve,
                      label=f"{self.label} + {other.label}")


BASE = Genome()


class _Genomed:
    """The heuristic (or the planner), playing a `Genome`: the same phases, with the genome's
    parameters, its attacks dropped or forced, its air routed, its posture and its reserves.
    With the base genome it is the heuristic (the planner) exactly. It records what it planned
    in the first planning of a turn (`seen`), from which the search builds its variations."""

    params: dict[str, Any]
    rng: np.random.Generator
    _planned: set[int]

    def _start(self) -> None:
        self.base_params = dict(self.params)
        self.genome = BASE
        self.seen: dict[str, Any] | None = None
        self._all: list = []

    def set_genome(self, genome: Genome, rng: np.random.Generator) -> None:
        self.genome = genome
        self.params = {**self.base_params, **dict(genome.params)}
        self.rng = rng
        self.seen = None

    # -- the heuristic's planning, changed by the genome -------------------------------
    def _plan_attacks(self, ctx):
        g = self.genome
        self._all = []
        if g.posture is not None:
            _set_posture(ctx, g.posture)
        chosen = super()._plan_attacks(ctx)
        if g.air_first is not None:
            _route_air(ctx, chosen, g.air_first)
        if g.reserve and ctx.view.phase == "movement":
            self._planned.update(_mobile_reserve(ctx, chosen))
        if self.seen is None:
            targets = {p.target for p in chosen}
            self.seen = {
                "phase": ctx.view.phase,
                "chosen": [(int(p.target), float(p.ev), int(p.air)) for p in chosen],
                "rejected": sorted(((int(p.target), float(p.ev)) for p in self._all if p.target not in targets), key=lambda x: (-x[1], x[0])),
                "air": int(ctx.st.air_left[ctx.me]),
                "mobile": bool(_mobile_reserve(ctx, chosen)),
            }
        return chosen

    def _commit(self, ctx, plans, options, first):
        g = self.genome
        if not self._all:
            self._all = list(plans)
        if g.drop:
            plans = [p for p in plans if p.target not in g.drop]
            if first is not None and first.target in g.drop:
                first = plans[0] if plans else None
        if g.force:
            bar = ctx.threshold + HOLD["attack_margin"] + 0.01
            forced = [p for p in plans if p.target in g.force]
            for p in forced:
                p.ev = max(p.ev, bar)
            if forced:
                plans = forced + [p for p in plans if p.target not in g.force]
                first = forced[0]
        return super()._commit(ctx, plans, options, first)  # type: ignore[misc]


class _PlanAgent(_Genomed, HeuristicAgent):
    """The heuristic at a level, playing a genome."""

    def __init__(self, side: str, seed: int = 0, level: str = "hard") -> None:
        HeuristicAgent.__init__(self, side, seed, level=level)
        self._start()


class _PlanPlanner(_Genomed, PlannerAgent):
    """The planner, playing a genome (its operational plan is made as usual; the genome
    changes the heuristic's choices under it)."""

    def __init__(self, side: str, seed: int = 0) -> None:
        PlannerAgent.__init__(self, side, seed)
        self._start()


def _player(side: str, seed: int, level: str) -> "_PlanAgent | _PlanPlanner":
    """The agent that plays the search's plans: the planner, or the heuristic at a level."""
    return _PlanPlanner(side, seed) if level == "planner" else _PlanAgent(side, seed, level)


def _set_posture(ctx, posture: str) -> None:
    """As if the side were ahead on points (it holds: "defend") or behind (it attacks)."""
    ahead = posture == "defend"
    ctx.ahead = ahead
    ctx.aggression = 0.5 if ahead else 1.0
    ctx.loss_weight = loss_weight(ctx.params, ahead)
    ctx._targets()
    ctx.defending[:] = False
    if ahead:
        ctx.defending[ctx.mine] = True


def _route_air(ctx, chosen: list, target: int) -> None:
    """The air points go to the attack on `target` first (up to the cap), the rest as planned."""
    crt = ctx.sc.rules.combat
    first = [p for p in chosen if p.target == target]
    if crt is None or not crt.air_point_shift or not first:
        return
    left = int(ctx.st.air_left[ctx.me])
    first[0].air = min(crt.max_air_points_per_attack, left)
    left -= first[0].air
    for p in chosen:
        if p is not first[0]:
            p.air = min(p.air, left)
            left -= p.air


def _mobile_reserve(ctx, chosen: list) -> list[int]:
    """Exploiting units near the enemy that no attack uses: held in place for the exploitation phase."""
    busy = {a for p in chosen for a in p.attackers}
    units = ctx.sc.units
    out = []
    for u in ctx.mine:
        u = int(u)
        if u in busy or u in ctx.reserved or not units[u].exploits or ctx.attack[u] <= 0:
            continue
        if ctx.d_enemy[int(ctx.st.unit_hex[u])] <= ctx.s.movement[u]:
            out.append(u)
    return out


# -- scoring -----------------------------------------------------------------------------
def evaluate_position(st, side: int, start_losses: list[int]) -> float:
    """The worth of a position to `side`: net VP, steps lost on each side since `start_losses`,
    supply of its own units and of the enemy's (traced now), open objectives held in part, and
    a game won or lost. Only reads the state (a sandbox's)."""
    sc = st.scenario
    me = sc.side_ids[side]
    value = 0.0
    if st.over and st.result is not None and st.result.get("winner") is not None:
        value += WIN if st.result["winner"] == me else -WIN
    got = victory.score(st)
    vp_side = sc.side_ids.index(got["side"])
    hexes = got["hexes"]
    net = hexes[vp_side] - sum(x for s, x in enumerate(hexes) if s != vp_side) + got["objectives"] + got["elimination"]
    value += net if vp_side == side else -net
    lost = [st.losses[s] - start_losses[s] for s in range(len(sc.sides))]
    value += WEIGHTS["step"] * (sum(lost[s] for s in range(len(sc.sides)) if s != side) - lost[side])
    sides = st.unit_sides()
    on = st.unit_status == ACTIVE
    mine = np.flatnonzero(on & (sides == side))
    steps = st.unit_steps[mine].astype(np.float64)
    value -= WEIGHTS["own_out_of_supply"] * float(steps[st.unit_supply[mine] == OUT_OF_SUPPLY].sum())
    value -= WEIGHTS["own_isolated"] * float(steps[st.unit_supply[mine] == ISOLATED].sum())
    for other in range(len(sc.sides)):
        if other == side:
            continue
        theirs = np.flatnonzero(on & (sides == other))
        if not len(theirs):
            continue
        reach, connected = supply.trace(st, other)
        where = st.unit_hex[theirs]
        steps = st.unit_steps[theirs].astype(np.float64)
        value += WEIGHTS["enemy_out_of_supply"] * float(steps[reach[where] < 0].sum())
        value += WEIGHTS["enemy_isolated"] * float(steps[connected[where] < 0].sum())
    for o in victory.objective_state(st):
        if o["status"] != "open" or o["counts"]:
            continue
        owner = sc.side_ids.index(o["side"])
        hexes_o = _objective_hexes(sc, o["id"])
        share = float((st.control[hexes_o] == owner).mean()) if len(hexes_o) else 0.0
        worth = WEIGHTS["objective"] * share * (abs(o["vp"]) + abs(o["fail_vp"]))
        value += worth if owner == side else -worth
    return value


def _objective_hexes(sc, oid: str) -> np.ndarray:
    cache = sc.__dict__.setdefault("_search_objective_hexes", {})
    got = cache.get(oid)
    if got is None:
        o = next(o for o in sc.model.victory.objectives if o.id == oid)
        got = cache[oid] = np.array([sc.map.parse(h) for h in o.hexes], dtype=np.int64)
    return got


# -- the agent ---------------------------------------------------------------------------
def _parse_budget(value: Any) -> float | None:
    if value is None:
        return None
    text = value
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, str):
        text = value.strip().lower()
        scale = 1.0
        if text.endswith("ms"):
            text, scale = text[:-2], 0.001
        elif text.endswith("s"):
            text = text[:-1]
        seconds = float(text) * scale
    else:
        seconds = float(value)
    if not math.isfinite(seconds) or seconds <= 0:
        raise ValueError
    return seconds


def _parse_iterations(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError
        value = int(value)
    n = int(str(value).strip()) if isinstance(value, str) else int(value)
    if n < 1:
        raise ValueError
    return n


_VALID = ("budget=SECONDS (a number > 0, e.g. budget=2s, budget=0.5, budget=500ms), "
          "iterations=N (a whole number >= 1, default 16), level=planner|easy|normal|hard (default planner), "
          "reply=planner|easy|normal|hard (default hard)")


@register("search")
class SearchAgent(Agent):
    """Plays the best of the heuristic's turn and variations of it, each looked ahead on sandboxes
    over its own turn and the opponent's reply."""

    options = {"budget": None, "iterations": None, "level": "planner", "reply": "hard"}

    def __init__(self, side: str, seed: int = 0, **options: Any) -> None:
        super().__init__(side, seed, **options)
        try:
            self.budget = _parse_budget(self.config["budget"])
        except (TypeError, ValueError):
            raise AgentError(f"agent 'search': bad budget {self.config['budget']!r}; valid options: {_VALID}") from None
        try:
            self.iterations = _parse_iterations(self.config["iterations"])
        except (TypeError, ValueError):
            raise AgentError(f"agent 'search': bad iterations {self.config['iterations']!r}; valid options: {_VALID}") from None
        for key in ("level", "reply"):
            if self.config[key] not in LEVELS and self.config[key] != "planner":
                raise AgentError(f"agent 'search': bad {key} {self.config[key]!r}; valid options: {_VALID}")
        if self.budget is None and self.iterations is None:
            self.iterations = DEFAULT_ITERATIONS
        self.level = str(self.config["level"])
        self.reply = str(self.config["reply"])
        self._player = _player(self.side, self.seed, self.level)
        self._rng0 = self._player.rng          # the heuristic's own generator, kept across turns
        self._turn: tuple[int, str] | None = None
        self.plan: Genome = BASE
        # one entry per turn: evaluations, candidates, the plan chosen, look-aheads that failed,
        # wall and CPU seconds (never used to decide anything when `iterations` is given)
        self.stats: list[dict[str, Any]] = []

    # -- protocol --------------------------------------------------------------------
    def act(self, view):
        key = (view.turn, view.active_side)
        if key != self._turn:
            self._turn = key
            self._think(view)
        return self._player.act(view)

    def refused(self, order, exc) -> None:
        self._player.refused(order, exc)

    def applied(self, order, events) -> None:
        self._player.applied(order, events)

    # -- thinking --------------------------------------------------------------------
    def _think(self, view) -> None:
        t0, c0 = time.perf_counter(), time.process_time()
        search = _Search(self, view, t0)
        genome = search.run()
        rng = self._rng0 if genome.noise_seed is None else _noise_rng(genome.noise_seed)
        self._player.set_genome(genome, rng)
        self.plan = genome
        self.stats.append({"turn": view.turn, "phase": view.phase, "evaluations": search.spent,
                           "candidates": len(search.results), "plan": genome.label, "errors": search.errors,
                           "seconds": time.perf_counter() - t0, "cpu_seconds": time.process_time() - c0})


def _noise_rng(seed: int) -> np.random.Generator:
    return np.random.Generator(np.random.PCG64(seed))


class _Search:
    """One turn's search: sandboxes per seed, evaluations, the pool and sequential halving."""

    def __init__(self, agent: SearchAgent, view, t0: float) -> None:
        self.agent = agent
        self.view = view
        self.t0 = t0
        self.side = view.side
        self.turn = view.turn
        turn_seed = np.random.SeedSequence([agent.seed, zlib.crc32(agent.side.encode()), int(view.turn), 0x5EA])
        self.rng = np.random.Generator(np.random.PCG64(turn_seed))
        self.seeds: list[int] = []
        self.roots: dict[int, Any] = {}
        self.results: dict[Genome, dict[int, float]] = {}
        self.spent = 0
        self.errors = 0
        self.eval_seconds = 0.0
        self.max_evals = agent.iterations if agent.iterations is not None else MAX_EVALUATIONS
        self.budget = agent.budget

    # -- evaluations -------------------------------------------------------------------
    def seed(self, k: int) -> int:
        while len(self.seeds) <= k:
            self.seeds.append(int(self.rng.integers(2**31 - 1)))
        return self.seeds[k]

    def out_of_time(self) -> bool:
        if self.budget is None:
            return False
        elapsed = time.perf_counter() - self.t0
        per = self.eval_seconds / self.spent if self.spent else 0.0
        return elapsed + per > self.budget

    def can_evaluate(self) -> bool:
        return self.spent < self.max_evals and not self.out_of_time()

    def evaluate(self, genome: Genome, k: int) -> float:
        """Candidate `genome` on the k-th sandbox seed: its turn, the heuristic's reply, the score."""
        got = self.results.setdefault(genome, {})
        if k in got:
            return got[k]
        t = time.perf_counter()
        seed = self.seed(k)
        root = self.roots.get(seed)
        if root is None:
            root = self.roots[seed] = self.view.sandbox(seed)
        game = root.copy()
        agent = self.agent
        player = _player(agent.side, agent.seed, agent.level)
        plan = getattr(agent._player, "plan", None)
        if isinstance(player, _PlanPlanner) and isinstance(plan, Plan):
            player.plan = copy.deepcopy(plan)       # the planner's plan so far (its cut points last turns)
        rng = copy.deepcopy(agent._rng0) if genome.noise_seed is None else _noise_rng(genome.noise_seed)
        player.set_genome(genome, rng)
        start = list(game.state.losses)
        try:
            me = agent.side
            for _ in range(64):                      # the side's phases left in this turn
                if game.over or game.active_side != me or game.turn != self.turn:
                    break
                play_phase(game, player)
            models: dict[str, Agent] = {}
            for _ in range(64):                      # the other sides' turns, until the side's next one
                if game.over or game.active_side == me:
                    break
                other = game.active_side
                if other not in models:
                    models[other] = (PlannerAgent(other, seed=seed) if agent.reply == "planner"
                                     else HeuristicAgent(other, seed=seed, level=agent.reply))
                play_phase(game, models[other])
            value = evaluate_position(game.state, self.side, start)
        except Exception:                            # a failed look-ahead must not stop the real game
            self.errors += 1
            value = -math.inf
        if genome == BASE and k == 0:
            self.seen = player.seen
        got[k] = value
        self.spent += 1
        self.eval_seconds += time.perf_counter() - t
        return value

    def mean(self, genome: Genome, seeds: int) -> float:
        got = self.results.get(genome, {})
        vals = [got[k] for k in range(seeds) if k in got]
        return sum(vals) / len(vals) if vals else -math.inf

    # -- the race ------------------------------------------------------------------------
    def run(self) -> Genome:
        if self.max_evals <= 1 and self.budget is None:
            return BASE                      # one evaluation has nothing to compare: the heuristic
        self.seen = None
        self.evaluate(BASE, 0)
        pool = build_pool(self.seen, self.agent._player.base_params)
        n = self.max_evals
        if self.budget is not None:
            per = max(self.eval_seconds, 1e-4)
            n = min(n, max(1, int(self.budget / per)))
        if n <= 1 or len(pool) <= 1:
            return BASE
        arms = pool[: min(len(pool), max(2, n // 2))]
        survivors = list(arms)
        done = 0                             # seeds 0 .. done-1: evaluated for every survivor
        rounds = math.ceil(math.log2(len(survivors)))
        first_round = True
        while len(survivors) > 1 and rounds > 0:
            per = max(1, (n - self.spent) // (rounds * len(survivors)))
            complete = True
            for k in range(done, done + per):
                for g in survivors:
                    if k in self.results.get(g, {}):
                        continue
                    if not self.can_evaluate():
                        complete = False
                        break
                    self.evaluate(g, k)
                if not complete:
                    break
            if not complete:
                if first_round:
                    survivors = [g for g in survivors if 0 in self.results.get(g, {})]
                    done = 1
                break
            done += per
            ranked = self.rank(survivors, done)
            keep = math.ceil(len(ranked) / 2)
            if first_round:
                first_round = False
                child = self.crossover(ranked, done)
                if child is not None:
                    ranked = self.rank(ranked + [child], done)     # the child may take a place in the better half
            survivors = ranked[:keep]
            rounds -= 1
        return self.rank(survivors, done)[0]

    def rank(self, genomes: list[Genome], seeds: int) -> list[Genome]:
        """Best mean over the first `seeds` seeds first (common random numbers); ties: pool order."""
        order = {g: i for i, g in enumerate(genomes)}
        return sorted(genomes, key=lambda g: (-self.mean(g, seeds), order[g]))

    def crossover(self, ranked: list[Genome], seeds: int) -> Genome | None:
        """The two best variations that beat the base, merged, evaluated on the same seeds."""
        base = self.mean(BASE, seeds)
        better = [g for g in ranked if g != BASE and self.mean(g, seeds) > base]
        if len(better) < 2:
            return None
        child = better[0].merge(better[1])
        if child is None or child in self.results or self.spent + seeds > self.max_evals:
            return None
        for k in range(seeds):
            if not self.can_evaluate():
                return None
            self.evaluate(child, k)
        return child


def build_pool(seen: dict[str, Any] | None, params: dict[str, Any]) -> list[Genome]:
    """The base and its variations, most promising first (the search takes as many as its
    budget allows). `seen` is what the base planned in its first planning of the turn."""
    seen = seen or {"chosen": [], "rejected": [], "air": 0, "mobile": False}
    chosen = sorted(seen["chosen"], key=lambda c: (c[1], c[0]))          # weakest attack first
    rejected = seen["rejected"]                                           # best turned down first
    thr = float(params["threshold"])
    pool: list[Genome] = [BASE]

    def add(g: Genome) -> None:
        if g not in pool:
            pool.append(g)

    def p(label: str, **kv: Any) -> Genome:
        return Genome(params=tuple(sorted(kv.items())), label=label)

    if chosen:
        add(Genome(drop=frozenset([chosen[0][0]]), label=f"drop attack on {chosen[0][0]}"))
    add(p(f"threshold {thr + 0.35:+.2f}", threshold=round(thr + 0.35, 3)))
    if rejected:
        add(Genome(force=frozenset([rejected[0][0]]), label=f"force attack on {rejected[0][0]}"))
    add(Genome(posture="defend", label="posture defend"))
    add(p(f"threshold {thr - 0.35:+.2f}", threshold=round(thr - 0.35, 3)))
    add(Genome(posture="attack", label="posture attack"))
    if seen.get("mobile"):
        add(Genome(reserve=True, label="mobile reserve"))
    if len(chosen) >= 2:
        add(Genome(drop=frozenset([chosen[1][0]]), label=f"drop attack on {chosen[1][0]}"))
    if seen.get("air", 0) > 0 and len(chosen) >= 2:
        least = min(chosen, key=lambda c: (c[2], -c[1], c[0]))
        add(Genome(air_first=least[0], label=f"air to {least[0]}"))
    look = int(params.get("lookahead", 0))
    add(p(f"lookahead {0 if look else 3}", lookahead=0 if look else 3))
    if params.get("garrison", True):
        add(p("garrisons committed", garrison=False))
    if len(rejected) >= 2:
        add(Genome(force=frozenset([rejected[1][0]]), label=f"force attack on {rejected[1][0]}"))
    if len(chosen) >= 3:
        add(Genome(drop=frozenset([chosen[-1][0]]), label=f"drop attack on {chosen[-1][0]}"))
    for s in (1, 2):
        add(Genome(params=(("noise", 0.3),), noise_seed=s, label=f"noise 0.3 seed {s}"))
    add(p(f"threshold {thr + 0.8:+.2f}", threshold=round(thr + 0.8, 3)))
    return pool
