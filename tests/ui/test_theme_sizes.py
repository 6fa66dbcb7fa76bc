"""Every text size of the screens comes from the theme (ui/screens/theme.py) at the interface
scale (issue 14): the pages read over the whole window (briefing, victory, the turn report, the
menu's title, the hot-seat curtain) as much as the map screen."""
from __future__ import annotations

import pygame
import pytest

from tests.ui.conftest import post


@pytest.fixture
def sizes(monkeypatch):
    """The size of every text drawn."""
    from ui.drawing import fonts

    out: list[int] = []
    real = fonts.font
    monkeypatch.setattr(fonts, "font", lambda size, bold=False: out.append(size) or real(size, bold))
    return out


def theme_sizes(scale: float) -> set[int]:
    from ui.screens import theme

    return {theme.size(v, scale) for k, v in vars(theme).items() if k.isupper() and isinstance(v, int)}


@pytest.mark.parametrize("scale", [0.8, 1.5])
def test_the_pages_draw_in_the_themes_sizes_at_the_ui_scale(app, sizes, scale):
    import engine.ai as ai
    from ui.screens.briefing import BriefingScreen
    from ui.screens.game import GameScreen
    from ui.screens.game.report import TurnReport
    from ui.screens.menu import MainMenu
    from ui.screens.pause import Curtain
    from ui.screens.victory import VictoryScreen
    from ui.session import Session

    app.settings.ui_scale = scale
    menu = app.push(MainMenu(app))
    post(app, [], frames=1)
    session = Session.new("tutorial_river", seed=11, mode="hotseat", ai="heuristic")
    sizes.clear()
    app.push(BriefingScreen(app, session.scenario, "blue", lambda: None))
    post(app, [], frames=2)
    assert sizes and set(sizes) <= theme_sizes(scale), sorted(set(sizes) - theme_sizes(scale))
    app.pop()
    gs = app.push(GameScreen(app, session))
    post(app, [], frames=1)
    surface = pygame.Surface(app.size)
    sizes.clear()                                       # the map's own labels scale with the zoom
    menu.draw_background(surface)
    Curtain(app, gs, "Blue").draw(surface)
    report = TurnReport(app, gs, [line for line in gs.log if line.text][:12], [])
    report.draw(surface)
    assert sizes and set(sizes) <= theme_sizes(scale), sorted(set(sizes) - theme_sizes(scale))
    game = session.game
    agents = {side: ai.make("random", side=side, seed=1) for side in game.scenario.side_ids}
    while not game.over:
        ai.play_phase(game, agents[game.active_side])
    app.push(VictoryScreen(app, session))
    sizes.clear()
    post(app, [], frames=2)
    assert sizes and set(sizes) <= theme_sizes(scale), sorted(set(sizes) - theme_sizes(scale))
