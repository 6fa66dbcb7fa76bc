"""The situation at the end of some turns of one AI-vs-AI game of normandy_1944, as text: who
controls each hex and where the units stand, in a window of the map (by default Caen to Le Mans,
Avranches to Lisieux, the ground of the Falaise pocket).

    .venv/bin/python tools/scenarios/normandy/situation.py [--scenario PATH] [--seed 1] [--ai planner]
        [--turns 20,22,24] [--window 50,100,8,34] [--plan KEY=VALUE ...]

--scenario a name or a folder (a copy written by build.py --out); --window the first and last
column and row (the last ones not shown); --plan sets a weight of the planner's PLAN for the game,
as probe.py and kills.py take it. Each hex is a character, one map row a line (the map's
odd columns stand half a hex lower than the line shows): `.` Allied control, `:` German, `~`
sea; `a` and `g` one Allied or German unit, `A` and `G` a stack; the places of the legend in
lower case. docs/scenarios/normandy_1944.md (*The Falaise pocket*) describes games with it.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from attrition import set_plan  # noqa: E402  (--plan read as probe.py and kills.py read it)

PLACES = {"Caen": "k", "Falaise": "f", "Trun": "t", "Chambois": "c", "Argentan": "n", "Vire": "v", "Mortain": "m",
          "Alencon": "l", "Avranches": "h", "Lisieux": "x", "Flers": "e", "Le Mans": "s"}


def picture(game, window: tuple[int, int, int, int]) -> list[str]:
    """The lines of the window at the game's present state."""
    from engine.state import ACTIVE

    sc, st = game.scenario, game.state
    m = sc.map
    allies = sc.side_ids.index("allies")
    on: dict[int, list[int]] = {}
    for u, d in enumerate(sc.units):
        if st.unit_status[u] == ACTIVE:
            on.setdefault(int(st.unit_hex[u]), []).append(d.side)
    label = {i: PLACES[n] for i, n in m.names.items() if n in PLACES}
    c0, c1, r0, r1 = window
    lines = []
    for r in range(r0, min(r1, m.rows)):
        row = []
        for c in range(c0, min(c1, m.columns)):
            i = r * m.columns + c
            if i in on:
                ch = "a" if on[i][0] == allies else "g"
                row.append(ch.upper() if len(on[i]) > 1 else ch)
            elif i in label:
                row.append(label[i])
            elif sc.rules.terrain_names[m.terrain[i]] == "sea":
                row.append("~")
            else:
                row.append("." if st.control[i] == allies else ":")
        lines.append(f"{r:3d} " + " ".join(row))
    return lines


def main(argv: list[str] | None = None) -> int:
    import engine
    import engine.ai

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scenario", default="normandy_1944")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--ai", default="planner")
    ap.add_argument("--turns", default="20,22,24")
    ap.add_argument("--window", default="50,100,8,34")
    ap.add_argument("--plan", action="append", default=[], metavar="KEY=VALUE",
                    help="a weight of the planner's PLAN (engine/ai/planner.py) for this game, as probe.py takes it")
    a = ap.parse_args(argv)
    set_plan(ap, a.plan)
    try:
        turns = sorted(int(t) for t in a.turns.split(","))
        edges = [int(x) for x in a.window.split(",")]
    except ValueError:
        ap.error("--turns and --window take whole numbers separated by commas")
    if len(edges) != 4:
        ap.error("--window takes four numbers: first column, last column, first row, last row")
    window = (edges[0], edges[1], edges[2], edges[3])
    try:
        game = engine.Game(engine.load_scenario(a.scenario), seed=a.seed)
        agents = {s: engine.ai.make(a.ai, s, seed=a.seed) for s in game.scenario.side_ids}
    except (engine.ScenarioError, engine.ai.AgentError) as exc:
        print(f"situation.py: {exc}", file=sys.stderr)
        return 1
    print("legend: . Allied control, : German, ~ sea; a g a unit, A G a stack; "
          + ", ".join(f"{ch} {name}" for name, ch in PLACES.items()))
    for turn in turns:
        engine.ai.play_game(game, agents, max_turns=turn)
        print(f"\n{a.scenario}, seed {a.seed}, {a.ai}: the end of turn {game.turn - 1 if not game.over else game.turn}")
        print("\n".join(picture(game, window)))
        if game.over:
            break
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
