"""How much does the airlift deliver, and when are its airfields lost? AI-vs-AI games of stalingrad_1942.

    .venv/bin/python tools/scenarios/stalingrad/airlift.py [--games 20] [--seed 1] [--ai heuristic] [--workers 1] [--scenario PATH]

For each game it reads, at the start of every Axis phase, the airlift points
(`engine.airlift.airlift_points`) and the Axis units' supply, and records the turn Pitomnik and
Gumrak first changed to Soviet hands. It prints the outcome spread, the mean airlift per turn
from turn 2, the turns the airfields fell (history: Pitomnik 16 Jan = turn 20, Gumrak 21-23
Jan = turn 22), how many Axis steps were isolated, how many the airlift fed, and the losses.
"""
from __future__ import annotations

import argparse
import statistics
import sys
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

FIELDS = ["Pitomnik", "Gumrak"]


def one(args: tuple[int, str, str]) -> dict:
    import numpy as np

    import engine
    import engine.ai
    from engine import airlift, supply
    from engine.state import Status, Supply

    seed, ai, scenario = args
    sc = engine.load_scenario(scenario)
    axis = sc.side_ids.index("axis")
    game = engine.Game(sc, seed=seed)
    hexes = {p: sc.map.index(sc.place(p)) for p in FIELDS}
    lost: dict[str, int] = {}
    lift: dict[int, int] = {}
    isolated: dict[int, int] = {}
    fed: dict[int, int] = {}

    def on_phase(g, _report) -> None:
        st = g.state
        for p, h in hexes.items():
            if st.control[h] != axis and p not in lost:
                lost[p] = st.turn
        if g.active_side == "axis" and not g.over and st.turn not in lift:
            lift[st.turn] = airlift.airlift_points(st, axis)
            on = np.flatnonzero((st.unit_status == Status.ACTIVE) & (st.unit_sides() == axis))
            cut = on[st.unit_isolated_turns[on] > 0]
            isolated[st.turn] = int(st.unit_steps[cut].sum())
            # units cut off from every source but fed by the airlift are out of supply with 0 isolated turns
            _, connected = supply.trace(st, axis)
            out = on[(connected[st.unit_hex[on]] < 0) & (st.unit_supply[on] == Supply.OUT_OF_SUPPLY)]
            fed[st.turn] = int(st.unit_steps[out].sum())

    agents = {s: engine.ai.make(ai, side=s, seed=seed) for s in sc.side_ids}
    engine.ai.play_game(game, agents, on_phase=on_phase)
    r = game.result or {}
    return {"seed": seed, "winner": r.get("winner"), "level": r.get("level"), "vp": r.get("vp"), "lost": lost,
            "lift": lift, "isolated": isolated, "fed": fed, "losses": list(game.state.losses)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--games", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--ai", default="heuristic")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--scenario", default="stalingrad_1942", help="a shipped name or a path (a variant to compare)")
    a = ap.parse_args()
    jobs = [(a.seed + i, a.ai, a.scenario) for i in range(a.games)]
    if a.workers > 1:
        with Pool(a.workers) as pool:
            games = pool.map(one, jobs)
    else:
        games = [one(j) for j in jobs]
    n = len(games)
    print(f"{n} games, seeds {a.seed}-{a.seed + n - 1}, {a.ai} against {a.ai}")
    out = Counter((g["winner"] or "draw", g["level"]) for g in games)
    print("  outcomes:", ", ".join(f"{w} {lv} {k}" for (w, lv), k in sorted(out.items(), key=lambda x: -x[1])))
    print(f"  net VP median {statistics.median(g['vp'] for g in games)}; steps lost soviet "
          f"{statistics.mean(g['losses'][0] for g in games):.1f}, axis {statistics.mean(g['losses'][1] for g in games):.1f}")
    for p in FIELDS:
        t = [g["lost"][p] for g in games if p in g["lost"]]
        print(f"  {p:9s} lost in {len(t):3d}/{n}" + (f", turn mean {statistics.mean(t):4.1f} ({min(t)}-{max(t)})" if t else ""))
    turns = sorted({t for g in games for t in g["lift"]})
    print("  turn: airlift points (mean) / Axis steps isolated / steps fed by air (cut off but out of supply)")
    for t in turns:
        got = [g["lift"][t] for g in games if t in g["lift"]]
        iso = [g["isolated"][t] for g in games if t in g["isolated"]]
        fed = [g["fed"][t] for g in games if t in g["fed"]]
        print(f"   {t:2d}: {statistics.mean(got):5.1f} / {statistics.mean(iso):5.1f} / {statistics.mean(fed):5.1f}")
    total = [sum(g["fed"].values()) for g in games]
    print(f"  steps-turns fed by air per game: mean {statistics.mean(total):.1f}")


if __name__ == "__main__":
    main()
