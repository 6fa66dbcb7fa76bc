"""When do the ports fall, and when do they start supplying the Allies? AI-vs-AI games of normandy_1944.

    .venv/bin/python tools/scenarios/normandy/ports.py [--games 20] [--seed 1] [--ai heuristic] [--workers 1]

For each port with an Allied supply source (Cherbourg, Granville, Saint-Malo, Brest, Lorient,
Saint-Nazaire) it prints in how many games the Allies took it, the turn (mean, min, max; the
historical turn for comparison) and the turn its source first supplied them (capture + the
source's `capture_delay`, as `engine.supply.active_sources` sees it at the start of the
Allied phase), and whether its fortress garrison was still on the map at the end.
"""
from __future__ import annotations

import argparse
import statistics
import sys
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

PORTS = ["Cherbourg", "Granville", "Saint-Malo", "Brest", "Lorient", "Saint-Nazaire"]
HISTORY = {"Cherbourg": "26 Jun - 1 Jul (turns 7-9)", "Granville": "30-31 Jul (turn 19)", "Saint-Malo": "17 Aug (turn 24)",
           "Brest": "19 Sep (after the end)", "Lorient": "May 1945 (never)", "Saint-Nazaire": "May 1945 (never)"}
GARRISON = {"Cherbourg": "de_cherbourg_garrison", "Saint-Malo": "de_saint_malo_garrison", "Brest": "de_brest_garrison",
            "Lorient": "de_lorient_garrison", "Saint-Nazaire": "de_saint_nazaire_garrison"}


def one(args: tuple[int, str]) -> dict:
    import engine
    import engine.ai
    from engine import supply
    from engine.state import Status

    seed, ai = args
    sc = engine.load_scenario("normandy_1944")
    game = engine.Game(sc, seed=seed)
    hexes = {p: sc.map.index(sc.place(p)) for p in PORTS}
    taken: dict[str, int] = {}
    opened: dict[str, int] = {}

    def on_phase(g, _report) -> None:
        st = g.state
        for p, h in hexes.items():
            if st.control[h] == 0 and p not in taken:
                taken[p] = int(st.control_turn[h]) or st.turn
        if g.active_side == "allies" and not g.over:
            active = {h for h, _ in supply.active_sources(st, 0)}
            for p, h in hexes.items():
                if h in active and p not in opened:
                    opened[p] = st.turn

    agents = {s: engine.ai.make(ai, side=s, seed=seed) for s in sc.side_ids}
    engine.ai.play_game(game, agents, on_phase=on_phase)
    st = game.state
    alive = {p: bool(st.unit_status[sc.unit_index[u]] == Status.ACTIVE) for p, u in GARRISON.items()}
    return {"seed": seed, "taken": taken, "opened": opened, "alive": alive, "winner": (game.result or {}).get("winner"),
            "level": (game.result or {}).get("level")}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--games", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--ai", default="heuristic")
    ap.add_argument("--workers", type=int, default=1)
    a = ap.parse_args()
    jobs = [(a.seed + i, a.ai) for i in range(a.games)]
    if a.workers > 1:
        with Pool(a.workers) as pool:
            games = pool.map(one, jobs)
    else:
        games = [one(j) for j in jobs]
    n = len(games)
    print(f"{n} games, seeds {a.seed}-{a.seed + n - 1}, {a.ai} against {a.ai}")
    for p in PORTS:
        t = [g["taken"][p] for g in games if p in g["taken"]]
        o = [g["opened"][p] for g in games if p in g["opened"]]
        alive = sum(g["alive"][p] for g in games) if p in GARRISON else None
        line = f"  {p:14s} taken {len(t):3d}/{n}"
        if t:
            line += f" (turn mean {statistics.mean(t):4.1f}, {min(t)}-{max(t)})"
        line += f"; supplying {len(o):3d}/{n}"
        if o:
            line += f" (from turn mean {statistics.mean(o):4.1f}, {min(o)}-{max(o)})"
        if alive is not None:
            line += f"; garrison alive at the end {alive}/{n}"
        print(line + f"   [history: {HISTORY[p]}]")


if __name__ == "__main__":
    main()
