"""Reading the JSON of `wargame simulate`: rates, one side's losses, the longest game, a replay.

    wargame simulate tutorial_river --ai blue=heuristic --ai red=random --games 50 --json results.json --replays replays
    .venv/bin/python examples/read_results.py results.json

Without a file it runs a small batch first (the same as the command above, 10 games).
"""
import json
import sys
import tempfile
from pathlib import Path

import engine
from ui.commands.batch import run_simulate


def main(argv):
    if argv:
        path = Path(argv[0])
    else:
        folder = Path(tempfile.mkdtemp(prefix="wargame_results_"))
        path = folder / "results.json"
        code = run_simulate(["tutorial_river", "--ai", "blue=heuristic", "--ai", "red=random", "--games", "10", "--workers", "1",
                             "--json", str(path), "--replays", str(folder / "replays"), "--quiet"])
        if code != 0:
            return code
    data = json.loads(path.read_text(encoding="utf-8"))
    summary = data["summary"]
    print(f"{data['scenario']}: {summary['games']} games")
    for side, w in summary["wins"].items():
        lo, hi = w["ci95"]
        print(f"  {side:>6} wins {w['rate']:.0%} (95% CI {lo:.0%}-{hi:.0%})")
    games = data["games"]                                  # one record per seed, sorted by seed
    for side in summary["wins"]:
        worst = max(games, key=lambda g: (g["losses"][side], -g["seed"]))
        print(f"  worst game for {side}: seed {worst['seed']}, {worst['losses'][side]} steps lost")
    longest = max(games, key=lambda g: (g["turns"], g["orders"], -g["seed"]))
    print(f"  longest: seed {longest['seed']}, {longest['turns']} turns, {longest['orders']} orders, winner {longest['winner']}")
    for oid, o in summary["objectives"].items():
        print(f"  objective {oid}: taken in {o['taken']} games")
    if longest.get("replay"):
        game = engine.Game.load(longest["replay"])          # replays every order and checks the final hash
        print(f"  replay of seed {longest['seed']} verified: {game.result['name']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
