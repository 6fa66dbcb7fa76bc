"""A round-robin tournament: every agent against every other, from both sides.

    .venv/bin/python examples/tournament.py --games 20
"""
import argparse
import itertools

from rich.console import Console
from rich.table import Table

from engine.batch import run_batch

ENTRANTS = {                       # label -> (agent name, options)
    "random": ("random", {}),
    "greedy": ("custom_agent.GreedyAgent", {}),   # module.Class: worker processes import it too
    "heuristic-easy": ("heuristic", {"level": "easy"}),
    "heuristic": ("heuristic", {"level": "normal"}),
    "heuristic-hard": ("heuristic", {"level": "hard"}),
}


def tournament(scenario="tutorial_river", games=20, seed=1, workers=None):
    """{(a, b): games a won against b} over both sides, and the number of games per pairing."""
    wins = {}
    for a, b in itertools.permutations(ENTRANTS, 2):          # (a, b): a plays the first side
        result = run_batch(scenario, games, seed, {"blue": ENTRANTS[a], "red": ENTRANTS[b]}, workers=workers)
        w = result["summary"]["wins"]
        wins[a, b] = wins.get((a, b), 0) + w["blue"]["wins"]
        wins[b, a] = wins.get((b, a), 0) + w["red"]["wins"]
    return wins, 2 * games


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--games", type=int, default=20, help="games per pairing and side")
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    wins, played = tournament(games=args.games, workers=args.workers)
    table = Table(title=f"tutorial_river round robin ({played} games per pairing; row's wins against column)")
    table.add_column("")
    for name in ENTRANTS:
        table.add_column(name, justify="right")
    table.add_column("total", justify="right")
    for a in ENTRANTS:
        row = [f"{wins[a, b]}" if a != b else "-" for b in ENTRANTS]
        table.add_row(a, *row, str(sum(wins[a, b] for b in ENTRANTS if b != a)))
    Console().print(table)


if __name__ == "__main__":
    main()
