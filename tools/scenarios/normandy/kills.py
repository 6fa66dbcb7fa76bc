"""How the German field units of normandy_1944 are eliminated, by cause, in planner games: the
combat result that destroyed each (as the defender or the attacker), a retreat it could not make
(with the reason and the result), or isolation; per game, and by block of four turns.

    .venv/bin/python tools/scenarios/normandy/kills.py SCENARIO GAMES [LAST_TURN] [--plan KEY=VALUE ...]

SCENARIO a name or a folder (a copy written by build.py --out); LAST_TURN counts eliminations to
that turn (all by default). docs/scenarios/normandy_1944.md (*The Falaise pocket*) has its figures.
"""
from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from attrition import BLOCKS, field_units, set_plan  # noqa: E402  (the same German field units and blocks as attrition.py)


def main(argv: list[str] | None = None) -> int:
    import engine
    import engine.ai

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("scenario")
    ap.add_argument("games", type=int)
    ap.add_argument("last_turn", type=int, nargs="?", default=99)
    ap.add_argument("--plan", action="append", default=[], metavar="KEY=VALUE")
    a = ap.parse_args(argv)
    set_plan(ap, a.plan)
    sc = engine.load_scenario(a.scenario)
    field = {u.id for u in field_units(sc)}
    tally: collections.Counter = collections.Counter()
    blocks: collections.Counter = collections.Counter()
    for seed in range(1, a.games + 1):
        game = engine.Game(sc, seed=seed)
        engine.ai.play_game(game, {s: engine.ai.make("planner", s, seed=seed) for s in sc.side_ids})
        last = blocked = None
        for e in game.events:
            if e.kind == "combat":
                last = e
            elif e.kind == "retreat_blocked":
                blocked = e
            elif e.kind == "unit_eliminated" and e.turn <= a.last_turn and e["unit"] in field:
                cause = e["cause"]
                if cause == "combat" and last is not None:
                    cause = f"combat, {'defender' if e['unit'] in last['defenders'] else 'attacker'}, {last['result']}"
                elif cause == "retreat" and blocked is not None and last is not None:
                    cause = f"retreat ({blocked['reason']}, {last['result']})"
                tally[cause] += 1
                blocks[(e.turn - 1) // 4] += 1
    for cause, n in tally.most_common():
        print(f"{n / a.games:6.2f}  {cause}")
    print("per block of four turns: " + ", ".join(f"{4 * b + 1}-{4 * b + 4}: {blocks[b] / a.games:.2f}" for b in range(BLOCKS)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
