"""The desktop game 2.0 (issue 15): each defect driven through posted events, checked by what a
player sees (toasts, panel lines, the view, the files)."""
from __future__ import annotations

import re

import pygame
import pytest

import engine
from tests.ui.conftest import click_event, key_event, post
from tests.ui.test_game_flow import find_attack_setup, pos_of, start_game

HEX_CODE = re.compile(r"\b(?!19\d\d\b)\d{4,6}\b")     # a hex id, not a year


def motion(pos):
    return [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))]


@pytest.fixture
def panel_text(monkeypatch):
    """Every line the side panel writes, as a player would read it."""
    from ui import widgets

    lines: list[str] = []
    real = widgets.TextCursor.line

    def line(self, text, *args, **kwargs):
        lines.append(text)
        return real(self, text, *args, **kwargs)
    monkeypatch.setattr(widgets.TextCursor, "line", line)
    return lines


def to_combat_phase(app, gs):
    """Move a blue unit next to a red one, end the movement phase; (unit, its hex, the target)."""
    sc = gs.sc
    uid, dest, target = find_attack_setup(gs.game)
    u = sc.unit_index[uid]
    post(app, click_event(pos_of(gs, sc.map.hex_id(int(gs.game.state.unit_hex[u])))))
    post(app, click_event(pos_of(gs, sc.map.hex_id(dest))))
    post(app, key_event(pygame.K_e))
    assert gs.game.phase == "combat"
    return u, dest, target


# -- 4. names, not hex codes ------------------------------------------------------------------
def test_refusals_and_results_name_places_not_hex_codes(app):
    gs = start_game(app)
    u, dest, target = to_combat_phase(app, gs)
    # An enemy no selected unit touches: the refusal names the place.
    far = next(i for i in gs.scene()[0] if gs.enemy_in(i) and i not in gs.sc.map.neighbors[dest])
    post(app, click_event(pos_of(gs, gs.sc.map.hex_id(dest))))
    post(app, click_event(pos_of(gs, gs.sc.map.hex_id(far))))
    refusal = gs.toasts[-1].text
    assert refusal.startswith("No selected unit is next to") and not HEX_CODE.search(refusal)
    assert gs.sc.map.place(far) in refusal
    # The attack's result and the log's lines use names too.
    post(app, click_event(pos_of(gs, gs.sc.map.hex_id(target))))
    result = next(t.text for t in gs.toasts if t.kind == "combat")
    assert result.startswith(f"Attack on {gs.sc.map.place(target)}") and not HEX_CODE.search(result)
    assert not any(HEX_CODE.search(line.text) for line in gs.log)


# -- 8. air points ------------------------------------------------------------------------------
def test_air_support_goes_back_to_none_after_each_attack(app):
    gs = start_game(app)
    u, dest, target = to_combat_phase(app, gs)
    post(app, click_event(pos_of(gs, gs.sc.map.hex_id(dest))))
    post(app, key_event(pygame.K_RIGHTBRACKET))
    assert gs.air == 1
    post(app, click_event(pos_of(gs, gs.sc.map.hex_id(target))))
    combat = next(e for e in reversed(gs.game.events) if e.kind == "combat")
    assert combat.data["air"] == 1, "the attack had the air point chosen"
    assert gs.air == 0, "the next attack starts without air support"


# -- 9. the preview names eliminations -----------------------------------------------------------
def test_preview_names_the_units_a_result_eliminates(app, panel_text):
    gs = start_game(app)
    u, dest, target = to_combat_phase(app, gs)
    st = gs.game.state
    for d in st.units_at(target):
        st.unit_steps[d] = 1                     # a worn defender: any step loss eliminates it
    gs.session.version += 1
    post(app, click_event(pos_of(gs, gs.sc.map.hex_id(dest))))
    panel_text.clear()
    post(app, motion(pos_of(gs, gs.sc.map.hex_id(target))))
    prev = gs.preview(target)
    assert prev is not None and not isinstance(prev, engine.IllegalOrder)
    names = [gs.sc.units[d].short for d in st.units_at(target)]
    shown = [ln for ln in panel_text if ln.strip().startswith("eliminates")]
    assert shown, "a result that costs the 1-step defender its last step says so"
    assert all(any(n in ln for n in names) for ln in shown)
