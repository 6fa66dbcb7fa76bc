"""The calibration benchmark of issue 13: `make history` (python -m benchmarks.history).

Plays each campaign with `wargame history` (100 games, seed 1, the best AI against itself) and
checks the targets the calibrated campaigns must meet, reading the history report of the JSON:

    python -m benchmarks.history [--games 100] [--ai planner] [--workers 2] [--out build/history]
    python -m benchmarks.history --from build/history      # check JSON files already written

Writes OUT/SCENARIO.json and OUT/SCENARIO.png (the timeline chart), prints the milestone table
and one line per target (met or not). Exit code 0 whatever the figures: a benchmark, not a
test. Nothing here runs in the test suite.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Callable

Check = tuple[str, Callable[[dict[str, Any]], tuple[bool, str]]]


def _row(batch: dict[str, Any], mid: str) -> dict[str, Any]:
    for row in batch["history"]["milestones"]:
        if row["id"] == mid:
            return row
    raise KeyError(f"the scenario has no milestone '{mid}'")


def median_within(mid: str) -> Check:
    """The median day within the milestone's tolerance of its date (the tolerances in the data are the bands)."""
    def check(batch: dict[str, Any]) -> tuple[bool, str]:
        r = _row(batch, mid)
        return r["within"], f"median {r['median']} (history {r['day']} ±{r['tolerance']}), reached in {r['reached']:.0%}"
    return f"{mid}: median within the tolerance of the date", check


def share(mid: str, at_least: float, what: str, by_day: int | None = None) -> Check:
    """At least this share of games: reached (by a day), or following history (`in_window`)."""
    def check(batch: dict[str, Any]) -> tuple[bool, str]:
        r = _row(batch, mid)
        n = len(r["values"])
        if what == "reached":
            got = sum(1 for v in r["values"] if v is not None and (by_day is None or v <= by_day)) / n
        else:
            got = r["in_window"]
        return got >= at_least, f"{got:.0%} of games"
    when = f" by day {by_day}" if by_day is not None else ""
    return f"{mid}: {what}{when} in at least {at_least:.0%} of games", check


def ratio_between(mid: str, lo: float, hi: float) -> Check:
    def check(batch: dict[str, Any]) -> tuple[bool, str]:
        med = _row(batch, mid)["median"]
        return med is not None and lo <= med <= hi, f"median {med}"
    return f"{mid}: median ratio between {lo:g} and {hi:g}", check


def nobody_always_wins(batch: dict[str, Any]) -> tuple[bool, str]:
    wins = batch["summary"]["wins"]
    n = batch["summary"]["games"]
    return all(w["wins"] < n for w in wins.values()), ", ".join(f"{s} {w['wins']}" for s, w in wins.items())


TARGETS: dict[str, list[Check]] = {
    "normandy_1944": [
        median_within("carentan"), median_within("cherbourg"), median_within("caen"), median_within("saint_lo"),
        median_within("avranches"),
        share("falaise_pocket", 0.4, "reached"),
        share("paris", 0.5, "in_window"),
        ratio_between("losses", 1.5, 2.5),
        ("neither side wins every game", nobody_always_wins),
    ],
    "stalingrad_1942": [
        share("uranus_pincers", 0.7, "reached", by_day=6),
        share("winter_storm_stopped", 0.6, "in_window"),
        share("sixth_army_destroyed", 0.5, "reached"),
        ("neither side wins every game", nobody_always_wins),
    ],
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.history", description=__doc__.splitlines()[0])
    ap.add_argument("--games", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--ai", default="planner")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--out", default="build/history")
    ap.add_argument("--from", dest="read", default=None, metavar="DIR", help="check the JSON files in DIR, play nothing")
    ap.add_argument("scenarios", nargs="*", default=list(TARGETS))
    a = ap.parse_args(argv)
    folder = Path(a.read or a.out)
    folder.mkdir(parents=True, exist_ok=True)
    from ui.cli import main as wargame

    for name in a.scenarios:
        path = folder / f"{name}.json"
        if a.read is None:
            args = ["history", name, "--ai", a.ai, "--games", str(a.games), "--seed", str(a.seed),
                    "--json", str(path), "--plot", str(folder / f"{name}.png")]
            if a.workers:
                args += ["--workers", str(a.workers)]
            print("wargame " + " ".join(args), flush=True)
            if wargame(args) != 0:
                return 1
        batch = json.loads(path.read_text())
        print(f"\n{name}: targets of issue 13 ({batch['summary']['games']} games)")
        for label, check in TARGETS.get(name, []):
            ok, detail = check(batch)
            print(f"  [{'met' if ok else 'NOT met'}] {label}: {detail}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
