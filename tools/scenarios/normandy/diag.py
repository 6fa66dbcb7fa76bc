"""Play one AI-vs-AI game of normandy_1944 and print how it goes, turn by turn.

    .venv/bin/python tools/scenarios/normandy/diag.py [--seed N] [--ai heuristic] [--snap 3,10] [--turns N]

--snap writes /tmp/normandy_turnNN.png previews (units as coloured boxes) after those turns.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

import engine  # noqa: E402
import engine.ai  # noqa: E402
from engine import victory  # noqa: E402
from engine.state import Status, Supply  # noqa: E402

KEY = ["Cherbourg", "Carentan", "Caen", "Saint-Lo", "Villers-Bocage", "Vire", "Avranches", "Falaise", "Argentan",
       "Alencon", "Le Mans", "Rennes", "Chartres", "Evreux", "Rouen", "Paris", "Brest", "Lorient", "Saint-Malo"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--ai", default="heuristic")
    ap.add_argument("--axis-ai", default=None)
    ap.add_argument("--snap", default="")
    ap.add_argument("--turns", type=int, default=None)
    a = ap.parse_args()
    sc = engine.load_scenario("normandy_1944")
    game = engine.Game(sc, seed=a.seed)
    agents = {"allies": engine.ai.make(a.ai, side="allies", seed=a.seed),
              "axis": engine.ai.make(a.axis_ai or a.ai, side="axis", seed=a.seed)}
    snaps = {int(x) for x in a.snap.split(",") if x}
    idx = {n.lower(): i for i, n in sc.map.names.items()}
    t0 = time.time()
    last = [0]

    def on_phase(g, report) -> None:
        st = g.state
        if g.active_side != "allies" and not g.over:
            return
        turn = st.turn - (0 if g.over else 1)
        if turn == last[0]:
            return
        last[0] = turn
        held = "".join("A" if st.control[idx[n.lower()]] == 0 else "g" for n in KEY)
        on = st.unit_status == Status.ACTIVE
        sides = st.unit_sides()
        txt = []
        for s in (0, 1):
            mine = on & (sides == s)
            steps = int(st.unit_steps[mine].sum())
            oos = int((mine & (st.unit_supply != Supply.SUPPLIED)).sum())
            txt.append(f"{int(mine.sum()):3d}u {steps:3d}st {oos:2d}oos")
        sco = victory.score(st)
        print(f"T{turn:2d} {sc.date_of_turn(turn)} {st.weather:8s} A[{txt[0]}] G[{txt[1]}] lost {st.losses} "
              f"vp {sco['net']:4d} obj {sorted(st.objectives.items(), key=lambda x: x[1])} {held} {time.time() - t0:.1f}s")
        if turn in snaps:
            snap(g, f"/tmp/normandy_turn{turn:02d}.png")

    print("key places:", " ".join(f"{n[:3]}" for n in KEY))
    engine.ai.play_game(g := game, agents, max_turns=a.turns, on_phase=on_phase)
    print(g.result)


def snap(game, out: str) -> None:
    import os
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import math
    import pygame

    sc, st = game.scenario, game.state
    m = sc.map
    R = 6.0
    W, H = int(1.5 * R * m.columns + 2 * R + 10), int(math.sqrt(3) * R * (m.rows + 1) + 10)
    pygame.init()
    surf = pygame.Surface((W, H))
    surf.fill((255, 255, 255))
    cols = {"sea": (92, 130, 190), "clear": (214, 222, 170), "bocage": (150, 178, 110), "forest": (70, 120, 60),
            "marsh": (140, 180, 170), "hills": (190, 160, 110), "town": (200, 120, 110), "city": (170, 50, 50)}

    def centre(i):
        c, r = i % m.columns, i // m.columns
        return (R + 5 + 1.5 * R * c, math.sqrt(3) * R * (r + 0.5 * (c & 1)) + math.sqrt(3) / 2 * R + 5)

    for i in range(m.size):
        x, y = centre(i)
        pts = [(x + R * math.cos(math.radians(60 * k)), y + R * math.sin(math.radians(60 * k))) for k in range(6)]
        col = cols[sc.rules.terrain_names[m.terrain[i]]]
        if st.control[i] == 0:
            col = tuple(int(0.6 * c + 0.4 * b) for c, b in zip(col, (80, 120, 255)))
        pygame.draw.polygon(surf, col, pts)
    for u in sc.units:
        if st.unit_status[u.index] != Status.ACTIVE:
            continue
        x, y = centre(int(st.unit_hex[u.index]))
        c = (30, 60, 220) if u.side == 0 else (20, 20, 20)
        if u.armour:
            c = (0, 160, 255) if u.side == 0 else (200, 0, 0)
        pygame.draw.circle(surf, c, (int(x), int(y)), 4)
    pygame.image.save(surf, out)
    print("  snapshot", out)


if __name__ == "__main__":
    main()
