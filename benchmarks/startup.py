"""Time to the first window of the desktop game: `wargame play SCENARIO` in a fresh process
(dummy video driver), from the process start to its first `pygame.display.flip`.

    python -m benchmarks startup

"Warm": the median of three runs after one that fills the file cache and the bytecode cache,
as on a machine where the game has run before.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

_CHILD = """
import os, sys
import pygame
_flip = pygame.display.flip
def flip():
    _flip()
    sys.stdout.write("first frame\\n")
    sys.stdout.flush()
    os._exit(0)
pygame.display.flip = flip
from ui.cli import main
sys.exit(main(["play", sys.argv[1], "--seed", "1"]))
"""


def first_window(scenario: str = "normandy_1944", runs: int = 3) -> float:
    """Median seconds from starting `wargame play SCENARIO` to its first frame on screen."""
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    times = []
    for k in range(runs + 1):
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", _CHILD, scenario], env=env, capture_output=True, text=True, timeout=120)
        elapsed = time.perf_counter() - t0
        if "first frame" not in proc.stdout:
            raise RuntimeError(f"wargame play {scenario} showed no frame: {proc.stderr.strip()[-500:]}")
        if k:                                   # the first run warms the caches
            times.append(elapsed)
    return statistics.median(times)
