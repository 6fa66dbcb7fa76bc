"""The Falaise pocket's measures in one batch: each milestone of the scenario's history block (as
`wargame history` gives them), the largest German pocket formed from turn 17 on, the outcomes,
and at the end of turns 17, 20, 22 and 24 the German field units alive (and within 8 hexes of
Chambois), the largest group of them (field units within 6 hexes of one of them: a mass), those
within 5 hexes of Chambois (the pocket milestone's radius), the largest chain of them reaching
there (units at most 2 hexes apart, as the history report joins cut-off groups into one pocket:
the most units the milestone could count were they all cut off) and the German units cut off
together in one enclosed region reaching there (however far apart they stand).

    .venv/bin/python tools/scenarios/normandy/probe.py SCENARIO GAMES [--seed 1] [--ai planner]
        [--axis SPEC] [--plan KEY=VALUE ...] [--json FILE]

SCENARIO a name or a folder (a copy written by build.py --out); --ai the agent of both sides,
--axis another for the Germans; --plan sets a weight of the planner's PLAN (engine/ai/planner.py)
for the batch. One process, the games one after another (about 3 seconds a game); the same
seeds give the same games as `wargame history`. docs/scenarios/normandy_1944.md (*The Falaise
pocket*) has its figures.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from attrition import CLOSE, GROUP, NEAR, POCKET_FROM, set_plan, watch_field  # noqa: E402  (the same turn-end count as attrition.py)

CHECKS = (17, 20, 22, 24)


def _agent(spec: str, side: str, seed: int) -> Any:
    import engine.ai

    name, _, opts = spec.partition(":")
    options = dict(kv.split("=", 1) for kv in opts.split(",")) if opts else {}
    return engine.ai.make(name, side=side, seed=seed, **options)


def play(sc: Any, seed: int, ai: str, axis_ai: str | None) -> dict[str, Any]:
    """One game: history.measure's record, with the units alive at CHECKS and the largest pocket."""
    import engine
    import engine.ai
    from engine import history

    game = engine.Game(sc, seed=seed)
    agents = {s: _agent(ai, s, seed) for s in sc.side_ids}
    if axis_ai:
        agents["axis"] = _agent(axis_ai, "axis", seed)
    on_phase, watched = watch_field(sc, CHECKS)
    engine.ai.play_game(game, agents, on_phase=on_phase)
    record = history.measure(game)
    record["alive"] = {turn: (units, near) for turn, (units, near, _steps, _group, _close, _chain, _ring) in watched.items()}
    record["group"] = {turn: (group, close, chain, ring) for turn, (_units, _near, _steps, group, close, chain, ring) in watched.items()}
    result = game.result or {}
    record["outcome"] = f"{result.get('winner') or 'nobody'} {result.get('level', 'unfinished')}"
    record["largest"] = max((p["max_size"] for p in record["pockets"] if p["side"] == "axis" and p["turn"] >= POCKET_FROM), default=0)
    return record


def main(argv: list[str] | None = None) -> int:
    import engine
    from engine import history

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("scenario")
    ap.add_argument("games", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--ai", default="planner")
    ap.add_argument("--axis", default=None)
    ap.add_argument("--plan", action="append", default=[], metavar="KEY=VALUE")
    ap.add_argument("--json", default=None)
    a = ap.parse_args(argv)
    set_plan(ap, a.plan)
    sc = engine.load_scenario(a.scenario)
    start = time.time()
    records = []
    for seed in range(a.seed, a.seed + a.games):
        records.append(play(sc, seed, a.ai, a.axis))
        r = records[-1]
        print(f"seed {seed}: largest pocket {r['largest']}, alive {r['alive']} ({time.time() - start:.0f} s)", file=sys.stderr, flush=True)
    report = history.report(sc, records)
    print(f"{a.scenario}: {a.ai}" + (f", axis {a.axis}" if a.axis else "") + (f", PLAN {' '.join(a.plan)}" if a.plan else "")
          + f"; {a.games} games, seeds {a.seed}-{a.seed + a.games - 1}")
    for row in report["milestones"]:
        if "ratio" in row:
            print(f"  {row['id'][:26]:26s} median {row['median']}  in window {row['in_window']:.0%}")
        else:
            print(f"  {row['id'][:26]:26s} day {row['day']:3d} ±{row['tolerance']:<3d} median {row['median']}  IQR {row['q1']}-{row['q3']}"
                  f"  reached {row['reached']:.0%}  in window {row['in_window']:.0%}")
    largest = [r["largest"] for r in records]
    print(f"  largest German pocket from turn {POCKET_FROM}: median {statistics.median(largest)}, most {max(largest)}; "
          f"10 or more in {sum(1 for k in largest if k >= 10)} of {len(largest)}")
    outcomes: dict[str, int] = {}
    for r in records:
        outcomes[r["outcome"]] = outcomes.get(r["outcome"], 0) + 1
    print("  outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
    for t in CHECKS:
        got = [r["alive"][t] for r in records if t in r["alive"]]
        if got:
            units, near = [g[0] for g in got], [g[1] for g in got]
            print(f"  turn {t}: German field units {statistics.median(units)} ({min(units)}-{max(units)}), "
                  f"within {NEAR} hexes of Chambois {statistics.median(near)} (most {max(near)})")
    for t in CHECKS:
        got = [r["group"][t] for r in records if t in r["group"]]
        if got:
            group, close, chain, ring = ([g[k] for g in got] for k in range(4))
            print(f"  turn {t}: largest German group (field units within {GROUP} hexes of one of them) {statistics.median(group)} "
                  f"(most {max(group)}, 10 or more in {sum(1 for g in group if g >= 10)}); within {CLOSE} hexes of Chambois "
                  f"{statistics.median(close)} (most {max(close)}); the largest chain reaching there {statistics.median(chain)} "
                  f"(most {max(chain)}, 10 or more in {sum(1 for c in chain if c >= 10)}); German units cut off together in one "
                  f"enclosed region reaching there {statistics.median(ring)} (most {max(ring)}, 10 or more in {sum(1 for r in ring if r >= 10)})")
    if a.json:
        Path(a.json).write_text(json.dumps({"report": report, "games": records}, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
