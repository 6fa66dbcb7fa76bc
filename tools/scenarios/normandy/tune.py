"""Run a batch of AI-vs-AI games of normandy_1944 and summarise what matters for balance.

    .venv/bin/python tools/scenarios/normandy/tune.py [--games 20] [--seed 1] [--ai heuristic] [--workers 2]

Runs `wargame simulate` (the same code path as the documented command) and prints the
outcome spread and, per objective, how often and when it was achieved.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--games", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--ai", action="append", default=None)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--json", default=None)
    a = ap.parse_args()
    out = a.json or tempfile.mktemp(suffix=".json")
    cmd = [str(ROOT / ".venv/bin/wargame"), "simulate", "normandy_1944", "--games", str(a.games), "--seed", str(a.seed),
           "--workers", str(a.workers), "--json", out, "--quiet"]
    for ai in a.ai or ["heuristic"]:
        cmd += ["--ai", ai]
    subprocess.run(cmd, check=True, cwd=ROOT)
    data = json.loads(Path(out).read_text())
    games = data["games"]
    outcome = Counter((g["winner"], g["level"]) for g in games)
    print(f"{len(games)} games:", ", ".join(f"{w or 'draw'} {lv}: {n}" for (w, lv), n in sorted(outcome.items(), key=lambda x: -x[1])))
    vps = [g["vp"] for g in games]
    print(f"VP: mean {statistics.mean(vps):.1f}, median {statistics.median(vps)}, min {min(vps)}, max {max(vps)}")
    print("VP sorted:", sorted(vps))
    la = [g["losses"]["allies"] for g in games]
    lg = [g["losses"]["axis"] for g in games]
    print(f"steps lost: allies {statistics.mean(la):.1f}, axis {statistics.mean(lg):.1f}")
    names = list(games[0]["objectives"])
    for o in names:
        turns = [g["objectives"][o] for g in games if g["objectives"].get(o) is not None]
        if turns:
            print(f"  {o:16s} {len(turns):3d}/{len(games)}  turn mean {statistics.mean(turns):5.1f}  min {min(turns):2d}  max {max(turns):2d}")
        else:
            print(f"  {o:16s}   0/{len(games)}")


if __name__ == "__main__":
    main()
