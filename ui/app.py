"""The desktop game's composition root: the App that knows every screen, and `run()` for
`wargame play`. The screens know only the stack (ui/stack.py), so nothing imports back here.
"""
from __future__ import annotations

import pygame

from ui.screens.game import GameScreen
from ui.screens.menu import MainMenu
from ui.session import Session
from ui.stack import FPS, MIN_SIZE, Screen, ScreenStack, has_display

__all__ = ["App", "FPS", "MIN_SIZE", "Screen", "has_display", "run"]


class App(ScreenStack):
    """The window and the screen stack, with the game's own screens."""

    def replace_game(self, session: Session) -> Screen:
        """Show another game: back to the main menu, then the new game screen on top."""
        while len(self.screens) > 1:
            self.screens.pop().leave()
        if not self.screens or not isinstance(self.screens[0], MainMenu):
            while self.screens:
                self.screens.pop().leave()
            self.screens.append(MainMenu(self))
        return self.push(GameScreen(self, session))


def run(scenario_name: str | None = None, side: str | None = None, ai: str = "heuristic", seed: int | None = None,
        load: str | None = None, pbem: str | None = None) -> int:
    """Open the desktop game (`wargame play`). Returns the exit code.

    With a scenario (or a save to `load`) the game starts at once; otherwise the main menu
    opens. `side` is a side id, "hotseat" or "watch" (default: the first side vs the AI).
    """
    if not has_display():
        print("wargame play: no display found (DISPLAY/WAYLAND_DISPLAY unset); "
              "use `wargame simulate` for AI games or `wargame render SCENARIO --out FILE.png` for a picture of the map")
        return 1
    import engine

    session = None
    if pbem:
        from ui.pbem import PbemError, read_turn
        try:
            session = read_turn(pbem)
        except PbemError as exc:
            print(f"wargame play: {exc}")
            return 1
        load = pbem
    try:
        if session is not None:
            pass
        elif load:
            session = Session.load(load, mode=side, ai=ai)
        elif scenario_name:
            session = Session.new(scenario_name, seed=seed, mode=side, ai=ai)
    except engine.ScenarioError as exc:
        print(f"wargame play: {exc}")
        return 1
    except ValueError as exc:
        print(f"wargame play: {exc}")
        return 2
    try:
        app = App()
    except pygame.error as exc:
        print(f"wargame play: cannot open a window ({exc}); "
              "use `wargame simulate` or `wargame render` without a display")
        return 1
    try:
        app.push(MainMenu(app))
        if session is not None and load:
            app.push(GameScreen(app, session))
        elif session is not None:
            # A new game opens on its briefing; Start (Enter) shows the map.
            from ui.screens.briefing import BriefingScreen
            game = session
            player = session.mode if session.mode in session.scenario.side_ids else None
            app.push(BriefingScreen(app, session.scenario, player, lambda: app.push(GameScreen(app, game)), on_back=lambda: None))
        return app.run_loop()
    finally:
        pygame.quit()
