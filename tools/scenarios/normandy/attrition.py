"""How the German army of normandy_1944 wears away in AI games, and so whether a Falaise pocket
can form: planner against planner (or the agents given), game by game.

    .venv/bin/python tools/scenarios/normandy/attrition.py [--games 10] [--seed 1] [--ai planner] [--scenario PATH]

For each game it plays, at the end of the turns in CHECKS: the German field units on the map
(the fortress garrisons left out), how many stand within 8 hexes of Chambois, and their steps;
then, over the whole batch, the German steps lost by cause and by block of four turns (in their
own attacks, in defence, to isolation, to retreats they could not make), the German units
eliminated, the attacks each side makes a turn, and the odds columns of the attacks on German hexes to turn 20 with the number of
defenders and their steps; last, the largest German pocket formed from turn POCKET_FROM on (the
most German units cut off together, as `wargame history` follows pockets). The figures of
docs/scenarios/normandy_1944.md (*The Falaise pocket*) come from it.
"""
from __future__ import annotations

import argparse
import statistics
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

CHECKS = (10, 14, 17, 20, 22, 24)
BLOCKS = 7           # blocks of four turns: 1-4, 5-8, ... 25-28
NEAR = 8             # hexes from Chambois
CLOSE = 5            # hexes from Chambois: the radius of the Falaise pocket milestone (history.yaml)
GROUP = 6            # hexes: the largest German group is the most field units within this of one of them
POCKET_FROM = 17     # pockets formed from this turn (late July: after Cobra)


def set_plan(parser: argparse.ArgumentParser, items: list[str]) -> None:
    """Set the planner's PLAN weights given as KEY=VALUE (`--plan`); a malformed item or an
    unknown weight is the parser's usage error."""
    import engine.ai.planner as planner

    for kv in items:
        key, eq, value = kv.partition("=")
        if not eq or key not in planner.PLAN:
            parser.error(f"--plan {kv}: not KEY=VALUE with a planner weight (weights: {', '.join(sorted(planner.PLAN))})")
        try:
            planner.PLAN[key] = float(value)
        except ValueError:
            parser.error(f"--plan {kv}: {value!r} is not a number")


def field_units(sc) -> list:
    """The German field units (the fortress garrisons left out)."""
    axis = sc.side_ids.index("axis")
    return [u for u in sc.units if u.side == axis and not u.id.endswith("_garrison")]


def watch_field(sc, checks=CHECKS):
    """(on_phase hook for `play_game`, what it sees): at the end of each turn in `checks`, the
    German field units on the map (the fortress garrisons left out), how many stand within NEAR
    hexes of Chambois, their steps, the largest group of them (the most within GROUP hexes of one
    of them: a mass), how many stand within CLOSE hexes of Chambois, and the largest chain of them
    with a unit within CLOSE hexes of Chambois (units linked by at most `history.MERGE_DISTANCE`
    hexes, joined as the history report joins cut-off groups into one pocket: the most units the Falaise
    pocket milestone could count, were they all cut off), and the German units cut off together in
    one enclosed region reaching within CLOSE hexes of Chambois (`enclosed` below), as
    seen[turn] = (units, near, steps, group, close, chain, enclosed)."""
    import numpy as np

    from engine import hexgrid, kernels, supply
    from engine.history import _clusters
    from engine.state import ACTIVE

    chambois = sc.place("Chambois")
    field = field_units(sc)
    seen: dict[int, tuple[int, int, int, int, int, int, int]] = {}

    def enclosed(st) -> int:
        """The most German units (all of them, garrisons too) cut off in one enclosed region (hexes
        the German supply may cross but cannot reach from a source) that reaches within CLOSE
        hexes of Chambois: units cut off together, however far apart they stand."""
        side = sc.side_ids.index("axis")
        _reach, connected = supply.trace(st, side)
        free = supply._passable(sc) & ~supply.blocked_for_supply(st, side) & (connected < 0)
        nowhere = np.zeros(sc.map.size, dtype=bool)
        steps = np.empty(sc.map.size, np.int32)
        region = np.full(sc.map.size, -1, np.int64)        # the first cut-off hex of each region found
        counts: dict[int, int] = {}
        close: set[int] = set()
        for u in sc.units:
            h = int(st.unit_hex[u.index])
            if u.side != side or st.unit_status[u.index] != ACTIVE or connected[h] >= 0:
                continue
            if region[h] < 0:
                kernels.bfs_steps(np.array([h], np.int32), sc.map.neighbors, free, nowhere, steps)
                region[steps >= 0] = h
            r = int(region[h])
            counts[r] = counts.get(r, 0) + 1
            if hexgrid.distance(sc.map.hex(h), chambois) <= CLOSE:
                close.add(r)
        return max((n for r, n in counts.items() if r in close), default=0)

    last = [0]

    def on_phase(g, _report) -> None:
        st = g.state
        if g.active_side != sc.side_ids[0] and not g.over:
            return
        turn = st.turn - (0 if g.over else 1)
        if turn == last[0]:
            return
        last[0] = turn
        if turn in checks:
            on = [u for u in field if st.unit_status[u.index] == ACTIVE]
            where = [sc.map.hex(int(st.unit_hex[u.index])) for u in on]
            away = [hexgrid.distance(h, chambois) for h in where]
            group = max((sum(1 for b in where if hexgrid.distance(a, b) <= GROUP) for a in where), default=0)
            # joined as the history report joins cut-off groups into one pocket
            ids = [sc.map.hex_id(int(st.unit_hex[u.index])) for u in on]
            chains = _clusters(sc, [{"units": [u.id], "hexes": [h], "steps": 0} for u, h in zip(on, ids)])
            chain = max((len(units) for units, hexes, _ in chains
                         if any(hexgrid.distance(sc.map.hex(sc.map.parse(h)), chambois) <= CLOSE for h in hexes)), default=0)
            seen[turn] = (len(on), sum(1 for d in away if d <= NEAR), int(sum(int(st.unit_steps[u.index]) for u in on)),
                          group, sum(1 for d in away if d <= CLOSE), chain, enclosed(st))

    return on_phase, seen


def play(scenario: str, seed: int, ai: str) -> tuple[dict[int, tuple[int, int, int, int, int, int, int]], Counter, Counter, Counter, int, Counter]:
    import engine
    import engine.ai
    from engine import history

    sc = engine.load_scenario(scenario)
    game = engine.Game(sc, seed=seed)
    agents = {side: engine.ai.make(ai, side=side, seed=seed) for side in sc.side_ids}
    ids = {u.id for u in field_units(sc)}
    on_phase, seen = watch_field(sc)
    engine.ai.play_game(game, agents, on_phase=on_phase)
    losses: Counter = Counter()
    eliminated: Counter = Counter()
    attacks: Counter = Counter()
    made: Counter = Counter()          # (side, block): attacks made
    steps = {u.id: u.start_steps for u in sc.units}
    combat = None
    for e in game.events:
        block = min((e.turn - 1) // 4, BLOCKS - 1)
        if e.kind == "combat":
            combat = e
            made[(sc.side_ids[sc.unit(e["attackers"][0]).side], block)] += 1
            if e.turn <= 20 and e["defenders"][0] in ids:
                attacks[(e["column"], len(e["defenders"]), sum(steps[d] for d in e["defenders"]))] += 1
        elif e.kind == "step_loss":
            steps[e["unit"]] = e["left"]
            if e["unit"] in ids:
                cause = e["cause"]
                if cause == "combat" and combat is not None:
                    cause = "own attacks" if e["unit"] in combat["attackers"] else "defence"
                losses[(cause, block)] += e["steps"]
        elif e.kind == "unit_eliminated" and e["unit"] in ids:
            eliminated[block] += 1
    pockets = [p["max_size"] for p in history.measure(game)["pockets"] if p["side"] == "axis" and p["turn"] >= POCKET_FROM]
    return seen, losses, eliminated, attacks, max(pockets, default=0), made


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--games", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--ai", default="planner")
    ap.add_argument("--scenario", default="normandy_1944")
    a = ap.parse_args(argv)
    runs = [play(a.scenario, seed, a.ai) for seed in range(a.seed, a.seed + a.games)]
    n = len(runs)
    print(f"{a.scenario}, {a.ai} against {a.ai}, {n} games (seeds {a.seed}-{a.seed + n - 1})")
    print(f"German field units at the end of the turn: median (range), within {NEAR} hexes of Chambois, steps, "
          f"the largest group (within {GROUP} hexes of one of them), within {CLOSE} hexes of Chambois, the largest chain reaching there, "
          f"the units cut off together in one enclosed region reaching there")
    for t in CHECKS:
        got = [r[0][t] for r in runs if t in r[0]]
        if got:
            units, near, st, group, close, chain, ring = ([g[k] for g in got] for k in range(7))
            print(f"  turn {t:2d}: {statistics.median(units):5.1f} ({min(units)}-{max(units)})   near {statistics.median(near):4.1f} "
                  f"({min(near)}-{max(near)})   steps {statistics.median(st):5.1f}   group {statistics.median(group):4.1f} "
                  f"({min(group)}-{max(group)})   close {statistics.median(close):4.1f} ({min(close)}-{max(close)})   "
                  f"chain {statistics.median(chain):4.1f} ({min(chain)}-{max(chain)})   enclosed {statistics.median(ring):4.1f} ({min(ring)}-{max(ring)})")
    losses: Counter = sum((r[1] for r in runs), Counter())
    eliminated: Counter = sum((r[2] for r in runs), Counter())
    attacks: Counter = sum((r[3] for r in runs), Counter())
    print("German steps lost a game, by cause, turns " + " ".join(f"{4 * b + 1:>2}-{4 * b + 4:<2}" for b in range(BLOCKS)))
    for cause in sorted({c for c, _ in losses}):
        print(f"  {cause:12s} " + " ".join(f"{losses[(cause, b)] / n:5.1f}" for b in range(BLOCKS)))
    print(f"  {'eliminated':12s} " + " ".join(f"{eliminated[b] / n:5.1f}" for b in range(BLOCKS)) + "  (units)")
    made: Counter = sum((r[5] for r in runs), Counter())
    import engine

    turns = engine.load_scenario(a.scenario).turns
    per_block = [max(1, min(4, turns - 4 * b)) for b in range(BLOCKS)]
    print("Attacks made a turn (mean over the block's turns)")
    for side in ("allies", "axis"):
        print(f"  {side:12s} " + " ".join(f"{made[(side, b)] / n / per_block[b]:5.1f}" for b in range(BLOCKS)))
    print("Attacks on German hexes to turn 20, a game: column, defenders, their steps")
    for (column, defenders, st), k in sorted(attacks.items(), key=lambda x: -x[1])[:8]:
        print(f"  {column:>4s}  {defenders} unit(s), {st} step(s): {k / n:.1f}")
    largest = [r[4] for r in runs]
    print(f"Largest German pocket formed from turn {POCKET_FROM} (units): median {statistics.median(largest):.1f}, "
          f"most {max(largest)}; 10 or more in {sum(1 for k in largest if k >= 10)} of {n} games")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
