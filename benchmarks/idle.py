"""Idle CPU of the desktop game: the real loop (`App.run_loop`) on a game waiting for the
player, nothing changing, measured as process CPU time over wall time (dummy video driver).

    python -m benchmarks idle
"""
from __future__ import annotations

import os
import time


def idle_cpu(scenario: str = "normandy_1944", seconds: float = 5.0, size: tuple[int, int] = (1280, 800)) -> float:
    """The fraction of one core the game uses while it waits for the player for `seconds`."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from ui.app import App
    from ui.screens.game import GameScreen
    from ui.session import Session
    from ui.settings import Settings

    app = App(size, settings=Settings(edge_pan=False, ai_speed="instant"))
    try:
        session = Session.new(scenario, seed=1, ai="random")
        screen = GameScreen(app, session)
        app.push(screen)
        for _ in range(5):
            app.step()
        screen.toasts.clear()                       # the phase's greeting has been read
        app.settings.save = lambda: None            # type: ignore[method-assign]  (never touch the user's settings)
        pygame.time.set_timer(pygame.QUIT, int(seconds * 1000), loops=1)
        wall, cpu = time.perf_counter(), time.process_time()
        app.run_loop()
        return (time.process_time() - cpu) / (time.perf_counter() - wall)
    finally:
        pygame.display.quit()
