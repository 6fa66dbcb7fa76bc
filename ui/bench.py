"""Frame-time benchmark of the map screen, for the benchmark suite.

    from ui.bench import frame_times, make_big_scenario
    times = frame_times("tutorial_river")                       # seconds per frame
    times = frame_times(make_big_scenario("/tmp/big"))          # 200x200 hexes, 300 units

Runs the real loop (`App.step`) with the dummy video driver: all units shown (watch mode,
AI paused), the view panning every frame and zooming in and out now and then.
"""
from __future__ import annotations

import datetime as dt
import math
import os
import time
from pathlib import Path

import numpy as np


def frame_times(scenario_name: str | os.PathLike, size: tuple[int, int] = (1280, 800), frames: int = 200,
                warmup: int = 5) -> list[float]:
    """Seconds taken by each of `frames` frames (events, update, draw, flip) after `warmup` frames."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from ui.app import App
    from ui.screens.game import GameScreen
    from ui.session import Session
    from ui.settings import Settings

    app = App(size, settings=Settings(edge_pan=False, ai_speed="normal"))
    try:
        session = Session.new(str(scenario_name), seed=1, mode="watch", ai="random")
        screen = GameScreen(app, session)
        screen.paused = True
        app.push(screen)
        view = screen.view
        view.level = 8
        view.centre_world(0.5, 0.5)
        for _ in range(warmup):
            app.step()
        out: list[float] = []
        centre = view.rect.center
        for f in range(frames):
            events = []
            if f % 40 == 20:
                events.append(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False, precise_x=0.0, precise_y=1.0))
            elif f % 40 == 39:
                events.append(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=-1, flipped=False, precise_x=0.0, precise_y=-1.0))
            # Pan along a slow circle, as a player dragging around the front.
            a = f / frames * 2 * math.pi
            dx, dy = int(12 * math.cos(a)), int(12 * math.sin(a))
            events.append(pygame.event.Event(pygame.MOUSEMOTION, pos=centre, rel=(0, 0), buttons=(0, 0, 0)))
            t0 = time.perf_counter()
            view.pan(dx, dy)
            app.step(events, dt=1 / 60)
            out.append(time.perf_counter() - t0)
        return out
    finally:
        pygame.display.quit()


def make_big_scenario(folder: str | os.PathLike, columns: int = 200, rows: int = 200, units: int = 300, seed: int = 7) -> Path:
    """Write a large random scenario (terrain, rivers, roads, towns, `units` units) for benchmarks."""
    from engine import hexgrid
    from engine.scenario.builder import ScenarioBuilder

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.Generator(np.random.PCG64(seed))
    digits = hexgrid.id_digits(columns, rows)

    def hid(c: int, r: int) -> str:
        return hexgrid.format_hex_id(c, r, digits)

    # Blobby terrain: smoothed noise thresholds.
    noise = rng.random((rows, columns))
    for _ in range(3):
        noise = (noise + np.roll(noise, 1, 0) + np.roll(noise, -1, 0) + np.roll(noise, 1, 1) + np.roll(noise, -1, 1)) / 5
    kinds = np.full((rows, columns), ".", dtype="<U1")
    q = np.quantile(noise, [0.55, 0.68, 0.78, 0.86, 0.93])
    kinds[noise > q[0]] = "f"
    kinds[noise > q[1]] = "b"
    kinds[noise > q[2]] = "h"
    kinds[noise > q[3]] = "m"
    kinds[noise > q[4]] = "r"
    kinds[:, :4] = "~"
    towns = []
    for _ in range(columns * rows // 250):
        c, r = int(rng.integers(5, columns)), int(rng.integers(0, rows))
        kinds[r, c] = "t" if rng.random() < 0.85 else "c"
        towns.append((c, r))
    terrain = ["".join(row) for row in kinds]
    nbr = hexgrid.neighbor_table(columns, rows)

    def walk(c: int, r: int, steps: int, forward: int) -> list[int]:
        i = r * columns + c
        path = [i]
        for _ in range(steps):
            opts = [int(j) for d, j in enumerate(nbr[i]) if j >= 0 and d in (forward, (forward + 1) % 6, (forward + 5) % 6)
                    and kinds[int(j) // columns, int(j) % columns] != "~" and int(j) not in path]
            if not opts:
                break
            i = opts[int(rng.integers(len(opts)))]
            path.append(i)
        return path

    b = ScenarioBuilder(columns, rows, terrain,
                        {".": "clear", "f": "forest", "b": "bocage", "h": "hills", "m": "marsh", "r": "rough", "t": "town", "c": "city",
                         "~": "sea"},
                        sides=[{"id": "blue", "name": "Blue", "colour": "#3f6fb5", "nations": ["blue"]},
                               {"id": "red", "name": "Red", "colour": "#b5473f", "nations": ["red"]}],
                        format=1, id="bench_big", title=f"Benchmark: {columns}x{rows}",
                        description="A generated map for frame-time benchmarks.", start_date=dt.date(1944, 6, 6), turns=10,
                        days_per_turn=1, hex_km=5, rules="standard")
    b.nation("blue", "Blue", "#9fb8d9").nation("red", "Red", "#d9a09a")
    for k in range(6):
        p = walk(int(rng.integers(10, columns - 10)), 0, rows * 2, 5)
        # A river runs along hexsides: use the sides between the walk and its eastern neighbours.
        east = []
        for a in p:
            j = int(nbr[a][0])
            if j >= 0 and kinds[j // columns, j % columns] != "~":
                east.append(f"{hid(a % columns, a // columns)}-{hid(j % columns, j // columns)}")
        b.river(*east, kind="major" if k % 2 else "minor", name=f"River {k}")
    for k in range(10):
        p = walk(5, int(rng.integers(0, rows)), columns * 2, 0)
        b.road(*(hid(a % columns, a // columns) for a in p), name=f"Road {k}")
    for n, (c, r) in enumerate(towns[:80]):
        b.place(f"Town {n}", hid(c, r), kind="town", vp=int(rng.integers(0, 4)))
    types = ["infantry", "infantry", "infantry", "armour", "mechanised", "motorised", "artillery", "airborne"]
    used: dict[tuple[int, int], int] = {}
    for n in range(units):
        side = "blue" if n % 2 == 0 else "red"
        while True:
            c = int(rng.integers(columns // 2 - 30, columns // 2 - 2)) if side == "blue" else int(rng.integers(columns // 2 + 2, columns // 2 + 30))
            r = int(rng.integers(2, rows - 2))
            if kinds[r, c] != "~" and used.get((c, r), 0) < 2:
                used[(c, r)] = used.get((c, r), 0) + 1
                break
        b.unit(f"u{n}", side, hid(c, r), types[n % len(types)], name=f"Unit {n}")
    b.source("blue", hid(5, rows // 2), kind="edge", range=40).source("red", hid(columns - 1, rows // 2), kind="edge", range=40)
    return b.write(folder, "bench_big")


def summary(times: list[float]) -> dict[str, float]:
    a = np.array(times) * 1000
    return {"median_ms": float(np.median(a)), "p95_ms": float(np.percentile(a, 95)), "max_ms": float(a.max()), "frames": len(a)}


if __name__ == "__main__":
    import sys
    import tempfile

    name = sys.argv[1] if len(sys.argv) > 1 else "tutorial_river"
    if name == "big":
        name = str(make_big_scenario(tempfile.mkdtemp()))
    print(summary(frame_times(name)))
