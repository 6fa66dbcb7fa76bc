"""A player who rests the mouse on a mined hex, or points at it for the side panel, reads what the
minefield does in the rule set's numbers (engine/minefields.py), and that it was cleared once an
enemy unit has entered it; a hex without mines says nothing of mines (issue 18)."""
from __future__ import annotations

import pygame
import pytest
from builders import World, move

from engine import minefields
from tests.ui.conftest import post
from tests.ui.test_game_flow import pos_of
from ui.screens.game import tooltip


def motion(pos):
    return [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))]


def rest(app, frames=3, dt=0.3):
    for _ in range(frames):
        app.step(dt=dt)


def open_game(app, scenario, mode="hotseat"):
    from ui.screens.game import GameScreen
    from ui.screens.menu import MainMenu
    from ui.session import Session

    app.push(MainMenu(app))
    gs = app.push(GameScreen(app, Session.new(scenario, seed=3, mode=mode, ai="random")))
    app.step()
    return gs


def hover(app, gs, i: int) -> None:
    """Centre the map on hex `i`, rest the mouse on it."""
    gs.view.centre_on(i)
    app.step()
    post(app, motion(pos_of(gs, gs.sc.map.hex_id(i))))
    rest(app)
    assert gs.hover == i


def empty_hexes(gs, mined: bool) -> list[int]:
    st, m = gs.game.state, gs.sc.map
    occupied = {int(h) for h in st.unit_hex if h >= 0}
    return [i for i in range(m.size) if (st.mines[i] >= 0) == mined and i not in occupied
            and not gs.sc.rules.impassable[m.terrain[i]]]


@pytest.fixture
def shown(monkeypatch):
    """The lines of each tooltip drawn, as text."""
    out: list[list[str]] = []
    real = tooltip.lines_for
    monkeypatch.setattr(tooltip, "lines_for", lambda g, i: out.append([t for t, _, _ in real(g, i)]) or real(g, i))
    return out


@pytest.mark.parametrize("scenario", ["el_alamein_1942", "kursk_1943"])
def test_the_tooltip_of_a_mined_hex_says_what_the_minefield_costs_and_shifts(app, shown, scenario):
    gs = open_game(app, scenario)
    sc = gs.sc
    mined = empty_hexes(gs, True)[0]
    hover(app, gs, mined)
    layer = sc.sides[int(gs.game.state.mines[mined])].name
    rules = sc.rules.model.minefields
    line = next(t for t in shown[-1] if t.startswith("Minefield"))
    assert line.startswith(f"Minefield (laid by {layer}): ")
    assert f"+{rules.move_add['foot']:g} MP to enter" in line and f"defence shift {rules.defence_shift:+d}" in line
    hover(app, gs, empty_hexes(gs, False)[0])
    assert not any("Minefield" in t for t in shown[-1])


def test_the_side_panel_describes_the_minefield_of_the_hex_pointed_at(app, monkeypatch):
    from ui import widgets

    written: list[str] = []
    real = widgets.TextCursor.line
    monkeypatch.setattr(widgets.TextCursor, "line", lambda self, text, *a, **k: written.append(text) or real(self, text, *a, **k))
    gs = open_game(app, "el_alamein_1942")
    hover(app, gs, empty_hexes(gs, True)[0])
    app.step()
    foot = gs.sc.rules.model.minefields.move_add["foot"]
    assert any(t.startswith(f"Minefield (laid by Panzerarmee Afrika): +{foot:g} MP to enter") for t in written)
    assert any(t.startswith("Devil's Gardens") for t in written), "the field's name from the map"
    hover(app, gs, empty_hexes(gs, False)[0])
    written.clear()
    app.step()
    assert written and not any("Minefield" in t for t in written)


def test_a_cleared_field_is_told_as_a_gap():
    world = World(columns=6, rows=1).ignore_supply().unit("a1", "allies", "0100")
    world.data["map"]["minefields"] = [{"name": "Devil's Gardens", "side": "axis", "hexes": ["0200"]}]
    game = world.game()
    move(game, "a1", "0200")
    mf = minefields.describe(game.state, game.scenario.map.parse("0200"))
    assert mf is not None and mf.cleared
    assert tooltip.minefield_text(game.scenario, mf) == "Minefield (laid by Axis): cleared, a gap is open (no extra MP, no shift)"
