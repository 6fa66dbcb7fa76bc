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


def wheel(y):
    return [pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=y, flipped=False, precise_x=0.0, precise_y=float(y))]


def start_big(app, mode="allies", ai="random"):
    from ui.screens.game import GameScreen
    from ui.screens.menu import MainMenu
    from ui.session import Session

    app.push(MainMenu(app))
    gs = app.push(GameScreen(app, Session.new("normandy_1944", seed=5, mode=mode, ai=ai)))
    app.step()
    return gs


def end_turn(app, gs):
    """E until the AI has played and it is the player's phase again (the report may open)."""
    side = gs.session.active
    for _ in range(6):
        post(app, key_event(pygame.K_e), frames=2)
        if gs.session.active != side:
            break
    for _ in range(50):
        app.step()
        if gs.session.human_to_move:
            break
    assert gs.session.human_to_move and gs.session.active == side


def in_map(view):
    geo = view.geo
    edge = geo.s + 1
    return (-edge <= view.cam_x <= max(0, geo.width - view.rect.width) + edge
            and -edge <= view.cam_y <= max(0, geo.height - view.rect.height) + edge)


# -- 1. camera ----------------------------------------------------------------------------------
def test_the_players_phase_starts_where_they_left_the_view(app):
    gs = start_big(app)
    v = gs.view
    assert v.visible().size and gs.front_hex() in set(v.visible().tolist()), "the game opens on the player's front"
    # Look somewhere else with the arrow keys, then hand over to the AI.
    post(app, [pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RIGHT, mod=0, unicode="", scancode=0)], frames=20)
    post(app, [pygame.event.Event(pygame.KEYUP, key=pygame.K_RIGHT, mod=0, unicode="", scancode=0)])
    left = (v.level, v.cam_x, v.cam_y)
    end_turn(app, gs)
    assert (v.level, v.cam_x, v.cam_y) == left
    assert in_map(v)


def test_home_centres_on_the_front_and_the_view_never_leaves_the_map(app):
    gs = start_big(app)
    v = gs.view
    for key in (pygame.K_LEFT, pygame.K_UP):
        post(app, [pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0)], frames=240)
        post(app, [pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0)])
        assert in_map(v)
    assert v.cam_x <= 0 and v.cam_y <= 0, "panned to the corner, and no further than its edge"
    post(app, key_event(pygame.K_HOME))
    front = gs.front_hex()
    x, y = v.to_screen(front)
    assert v.rect.inflate(-v.geo.s * 2, -v.geo.s * 2).collidepoint(x, y), "Home brings the front into view"
    assert in_map(v)


# -- 2. log and turn report ---------------------------------------------------------------------
def test_the_enemy_turn_report_lists_what_happened_and_centres_the_map(app):
    from ui.screens.game.report import TurnReport

    gs = start_big(app)
    end_turn(app, gs)
    report = app.top
    assert isinstance(report, TurnReport), "the enemy's turn ends with a report"
    texts = [ln.text for ln in report.lines]
    assert texts[0].startswith("Germany:") and "moved" in texts[0]
    assert not any(HEX_CODE.search(t) for t in texts)
    # A line with a place: click it and the map centres there.
    rect, _, line = next((r, t, ln) for r, t, ln in report.rows() if ln.hex >= 0)
    post(app, click_event(rect.center))
    x, y = gs.view.to_screen(line.hex)
    assert gs.view.rect.collidepoint(x, y) and gs.flash is not None and gs.flash[0] == line.hex
    # V replays the enemy's moves: counters glide again.
    post(app, key_event(pygame.K_v))
    assert app.top is gs and (gs.anim is not None or gs.replay_queue)


def test_the_log_scrolls_and_filters_by_turn_and_side(app):
    from ui.screens.game import panel

    gs = start_big(app)
    end_turn(app, gs)
    if app.top is not gs:
        post(app, key_event(pygame.K_RETURN))
    assert app.top is gs
    rect = panel.log_rect(gs)
    newest = panel.log_rows(gs)[-1][3]
    post(app, motion((rect.centerx, rect.bottom - 30)) + wheel(1))
    assert gs.log_scroll > 0 and panel.log_rows(gs)[-1][3] != newest, "the wheel scrolls back in history"
    post(app, wheel(-1) * 5)
    assert gs.log_scroll == 0
    turn_button, side_button, _ = panel.log_buttons(gs)
    post(app, click_event(turn_button.rect.center))
    assert gs.log_turn == "this" and all(r[3].turn == gs.game.turn for r in panel.log_rows(gs))
    post(app, click_event(side_button.rect.center))
    assert gs.log_side == "allies" and all(r[3].side == "allies" or r[3].kind == "turn" for r in panel.log_rows(gs))
    post(app, key_event(pygame.K_l))
    assert gs.log_expanded and panel.log_rect(gs).height > rect.height


# -- 3. stacks ----------------------------------------------------------------------------------
def stack_next_to_enemy(app, gs):
    """Two blue divisions stacked next to a red unit, in blue's combat phase: (units, hex, target)."""
    sc, st = gs.sc, gs.game.state
    a, b = sc.unit_index["blue_2nd_inf"], sc.unit_index["blue_3rd_inf"]
    red = sc.unit_index["red_11th_inf"]
    target = int(st.unit_hex[red])
    here = next(int(j) for j in sc.map.neighbors[target] if j >= 0 and not st.units_at(int(j))
                and not sc.rules.impassable[sc.map.terrain[int(j)]])
    st.unit_hex[a] = st.unit_hex[b] = here
    gs.session.version += 1
    post(app, key_event(pygame.K_e))
    assert gs.game.phase == "combat"
    return [a, b], here, target


def test_two_units_of_one_stack_attack_together(app):
    gs = start_game(app)
    units, here, target = stack_next_to_enemy(app, gs)
    post(app, click_event(pos_of(gs, gs.sc.map.hex_id(here))))
    assert len(gs.selection) == 1 and gs.selection[0] in units
    post(app, key_event(pygame.K_g))
    assert sorted(gs.selection) == sorted(units), "G selects the whole stack"
    post(app, click_event(pos_of(gs, gs.sc.map.hex_id(target))))
    combat = next(e for e in reversed(gs.game.events) if e.kind == "combat")
    assert sorted(combat.data["attackers"]) == sorted(gs.sc.units[u].id for u in units)


def test_shift_click_adds_the_stacks_units_one_by_one_and_tab_keeps_them(app):
    gs = start_game(app)
    units, here, target = stack_next_to_enemy(app, gs)
    pos = pos_of(gs, gs.sc.map.hex_id(here))
    shift = [pygame.event.Event(pygame.KEYDOWN, key=pygame.K_LSHIFT, mod=pygame.KMOD_LSHIFT, unicode="", scancode=0)]
    post(app, shift + click_event(pos))
    post(app, click_event(pos))
    assert sorted(gs.selection) == sorted(units), "the second shift+click adds the counter beneath"
    post(app, key_event(pygame.K_TAB))
    assert sorted(gs.selection) == sorted(units), "Tab shows the next counter and keeps the selection"
    post(app, click_event(pos))
    assert gs.selection == [], "with the whole stack in, shift+click takes it out"
    post(app, [pygame.event.Event(pygame.KEYUP, key=pygame.K_LSHIFT, mod=0, unicode="", scancode=0)])


def test_the_stack_inspector_lists_every_unit_and_selects_each(app, panel_text):
    from ui.screens.game import panel

    gs = start_game(app)
    units, here, target = stack_next_to_enemy(app, gs)
    post(app, click_event(pos_of(gs, gs.sc.map.hex_id(here))))
    rows = panel.inspector_rows(gs)
    assert [u for _, u in rows] == gs.inspected() + [-1] and sorted(gs.inspected()) == sorted(units)
    below = next(u for _, u in rows if u >= 0 and u not in gs.selection)
    post(app, click_event(next(r for r, u in rows if u == below).center))
    assert below in gs.selection and len(gs.selection) == 2
    post(app, click_event(next(r for r, u in rows if u == below).center))
    assert below not in gs.selection
    post(app, click_event(next(r for r, u in rows if u == -1).center))
    assert sorted(gs.selection) == sorted(units)


# -- 5. labels under counters; 6. readable markers -----------------------------------------------
def test_place_names_and_stars_are_drawn_before_the_counters(app):
    gs = start_big(app)
    order: list[str] = []

    class Spy(pygame.Surface):
        def blits(self, seq, doreturn=True):
            items = list(seq)
            sizes = {s.get_size() for s, _ in items}
            c = gs.view.counters
            is_counter = any(sprite.get_size() in sizes for sprite in c.cache.values()) if c.cache else False
            order.append("counters" if is_counter and len(items) > 3 else "other")
            return super().blits(items, doreturn)

    st = gs.shown_state()
    stacks, looks = gs.scene()
    spy = Spy(app.size)
    gs.view.draw_units(spy, stacks, looks, control=st.control)
    assert order.count("counters") == 1 and order.index("counters") >= 2, "names and stars first, counters over them"


def test_status_markers_are_readable_at_the_default_zoom(app):
    from ui.drawing.counters import Look
    from ui.drawing.view import DEFAULT_ZOOM, ZOOMS, counter_size

    gs = start_big(app)
    c = counter_size(ZOOMS[DEFAULT_ZOOM])
    plain = Look(2, 2, 5, 7, 4, 0, False, False, False)
    u = 0

    def pixels(look, colour):
        surf = gs.view.counters._draw(u, look, c)
        arr = pygame.surfarray.pixels3d(surf)
        import numpy as np
        return int((np.abs(arr.astype(int) - np.array(colour)).sum(axis=2) < 40).sum())
    amber = gs.pal.out_of_supply
    assert pixels(Look(2, 2, 5, 7, 4, 1, False, False, False), amber) - pixels(plain, amber) >= 60, \
        "out of supply: a lettered disc, two fifths of the counter wide"
    red = gs.pal.isolated
    assert pixels(Look(2, 2, 5, 7, 4, 2, False, False, False), red) - pixels(plain, red) >= 60
    white = (235, 235, 225)
    assert pixels(Look(2, 2, 5, 7, 4, 0, False, False, False, True), white) - pixels(plain, white) >= 40, "stand fast"
    assert pixels(Look(2, 2, 5, 7, 4, 0, False, True, False), gs.pal.attacked) - pixels(plain, gs.pal.attacked) >= 30


# -- 11. toolbar and keys -------------------------------------------------------------------------
def test_toolbar_toggles_show_their_state(app):
    gs = start_game(app)
    b = gs.button
    assert b["Arrows"].is_selected == gs.show_arrows
    for key, name in ((pygame.K_s, "Supply"), (pygame.K_c, "Control"), (pygame.K_a, "Arrows"), (pygame.K_o, "Objectives"),
                      (pygame.K_F1, "Help")):
        before = b[name].is_selected
        post(app, key_event(key))
        assert b[name].is_selected != before, name
    assert not b["Supply"].is_selected, "supply and control overlays exclude each other"


def test_the_bar_is_clicked_and_a_dialog_over_it_takes_its_clicks(app):
    from ui.screens.pause import PauseMenu

    gs = start_game(app)
    supply = gs.button["Supply"]
    assert supply.tool_tip_text, "every bar button says what it does"
    post(app, click_event(supply.rect.center))
    assert gs.overlay == "supply" and supply.is_selected
    post(app, click_event(gs.button["Menu"].rect.center))
    assert isinstance(app.top, PauseMenu)
    post(app, click_event(gs.button["Supply"].rect.center))
    assert gs.overlay == "supply" and isinstance(app.top, PauseMenu), "under the menu the bar shows, dimmed, and takes no click"
    post(app, key_event(pygame.K_ESCAPE))
    assert app.top is gs
    post(app, click_event(gs.button["Supply"].rect.center))
    assert gs.overlay is None and not gs.button["Supply"].is_selected


def test_esc_does_one_thing_per_press_and_swallows_no_key(app):
    from ui.screens.pause import PauseMenu

    gs = start_game(app)
    sc = gs.sc
    u = sc.unit_index["blue_2nd_inf"]
    post(app, click_event(pos_of(gs, sc.map.hex_id(int(gs.game.state.unit_hex[u])))))
    post(app, key_event(pygame.K_F1))
    post(app, key_event(pygame.K_ESCAPE))
    assert not gs.show_help and gs.selection == [u] and app.top is gs, "the help closes, nothing else"
    # Held down, Esc repeats: the selection clears, and the menu does not open on the repeat.
    down = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="", scancode=0)
    post(app, [down, down, down])
    assert gs.selection == [] and app.top is gs
    post(app, [pygame.event.Event(pygame.KEYUP, key=pygame.K_ESCAPE, mod=0, unicode="", scancode=0)])
    post(app, key_event(pygame.K_ESCAPE))
    assert isinstance(app.top, PauseMenu)
    post(app, [down])                                  # Esc in the menu: back to the map ...
    assert app.top is gs
    post(app, [pygame.event.Event(pygame.KEYUP, key=pygame.K_ESCAPE, mod=0, unicode="", scancode=0)])
    post(app, key_event(pygame.K_e))                   # ... and the next key works
    assert gs.game.phase == "combat"


# -- 13. idle: redraw only when something changes --------------------------------------------------
def test_a_game_waiting_for_the_player_does_not_redraw(app):
    gs = start_game(app)
    gs.toasts.clear()
    assert gs.wake_in() is None, "nothing moves: only input changes the picture"
    draws = []
    real = app.draw
    app.draw = lambda: (draws.append(1), real())[1]
    app.settings.save = lambda: None
    pygame.time.set_timer(pygame.QUIT, 400, loops=1)
    app.run_loop()
    assert len(draws) <= 2, f"{len(draws)} frames drawn in 0.4 s of waiting (60 fps would be 24)"


def test_anything_that_moves_keeps_the_frames_coming(app):
    gs = start_game(app)
    gs.toasts.clear()
    post(app, [pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RIGHT, mod=0, unicode="", scancode=0)])
    assert gs.wake_in() == 0.0, "a held arrow key pans every frame"
    post(app, [pygame.event.Event(pygame.KEYUP, key=pygame.K_RIGHT, mod=0, unicode="", scancode=0)])
    gs.toast("Saved", "info", 2.0)
    assert 0 < gs.wake_in() <= 2.0, "a message is redrawn when it expires"


# -- 7. autosaves, Continue, confirmation -----------------------------------------------------------
def play_a_move(app, gs):
    sc = gs.sc
    uid = "blue_2nd_inf"
    u = sc.unit_index[uid]
    dest = sc.map.index(next(iter(gs.game.reachable(uid))))
    post(app, click_event(pos_of(gs, sc.map.hex_id(int(gs.game.state.unit_hex[u])))))
    post(app, click_event(pos_of(gs, sc.map.hex_id(dest))))
    assert gs.game.orders


def test_a_new_game_never_overwrites_another_games_autosaves(app):
    from ui.session import AUTOSAVES_KEPT, Session
    from ui.settings import autosave_dir

    first = Session.new("tutorial_river", seed=1, mode="blue", ai="random")
    first.autosave()
    second = Session.new("tutorial_river", seed=2, mode="blue", ai="random")
    second.game_id = first.game_id + "b"
    second.autosave()
    saves = sorted(p.name for p in autosave_dir().glob("*.json") if not p.name.endswith(".meta.json"))
    assert len(saves) == 2
    # One game's autosaves rotate: the last AUTOSAVES_KEPT turns stay.
    for turn in range(1, AUTOSAVES_KEPT + 3):
        first.game.state.turn = turn
        first.autosave()
    mine = [p for p in autosave_dir().glob(f"*{first.game_id}-t*.json") if not p.name.endswith(".meta.json")]
    assert len(mine) == AUTOSAVES_KEPT
    assert sorted(p.name[-7:-5] for p in mine) == [f"{t:02d}" for t in range(3, AUTOSAVES_KEPT + 3)]


def test_leaving_with_unsaved_orders_asks_and_continue_picks_the_game_up(app):
    from ui.screens.confirm import Confirm
    from ui.screens.menu import MainMenu
    from ui.screens.pause import PauseMenu

    gs = start_game(app)
    play_a_move(app, gs)
    assert gs.session.unsaved
    post(app, key_event(pygame.K_ESCAPE))         # clears the selection
    post(app, key_event(pygame.K_ESCAPE))
    pause = app.top
    assert isinstance(pause, PauseMenu)
    main_menu = next(b for b in pause.buttons if b.text == "Main menu")
    post(app, click_event(main_menu.rect.center))
    confirm = app.top
    assert isinstance(confirm, Confirm) and [b.text for b in confirm.buttons] == ["Save and leave", "Leave without saving", "Cancel"]
    post(app, key_event(pygame.K_ESCAPE))
    assert app.top is pause, "Esc cancels: still in the game"
    post(app, click_event(main_menu.rect.center))
    post(app, click_event(app.top.buttons[0].rect.center))
    menu = app.top
    assert isinstance(menu, MainMenu) and menu.continue_button is not None
    assert "turn 1" in menu.continue_button.text
    orders = list(gs.game.orders)
    menu.on_button(menu.continue_button)
    resumed = app.top
    assert resumed is not gs and resumed.game.orders == orders


def test_nothing_to_lose_leaves_at_once(app):
    from ui.screens.menu import MainMenu

    gs = start_game(app)
    post(app, key_event(pygame.K_ESCAPE))
    main_menu = next(b for b in app.top.buttons if b.text == "Main menu")
    post(app, click_event(main_menu.rect.center))
    assert isinstance(app.top, MainMenu)
    assert gs.session.unsaved is False


# -- 12. side names ---------------------------------------------------------------------------------
def test_a_side_is_named_by_its_id_or_by_the_name_the_menu_shows():
    from ui.session import Session

    sc = engine.load_scenario("normandy_1944")
    for text in ("axis", "Germany", "germany"):
        assert Session(engine.Game(sc, 1), text, "random").mode == "axis"
    with pytest.raises(ValueError) as err:
        Session(engine.Game(sc, 1), "Prussia", "random")
    assert "axis (Germany)" in str(err.value) and "hotseat" in str(err.value)


def test_play_help_shows_side_ids_and_names(capsys):
    from ui.cli import main

    with pytest.raises(SystemExit) as done:
        main(["play", "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert "normandy_1944: allies, axis (Germany)" in out and "stalingrad_1942: soviet (Soviet Union), axis" in out


# -- 10. main menu ----------------------------------------------------------------------------------
def test_main_menu_titles_fit_and_the_side_list_opens_inside_the_window_and_closes(app):
    from pygame_gui.elements.ui_drop_down_menu import UIExpandedDropDownState

    from ui.drawing import fonts
    from ui.screens.menu import MainMenu

    app.settings.last_scenario = "stalingrad_1942"
    menu = app.push(MainMenu(app))
    app.step()
    width = menu.list.rect.width
    assert all(fonts.font(app.scaled(14)).size(label)[0] <= width - 20 for label in menu.labels)
    post(app, click_event(menu.mode_menu.rect.center), frames=3)
    state = menu.mode_menu.current_state
    assert isinstance(state, UIExpandedDropDownState)
    window = pygame.Rect((0, 0), app.size)
    assert window.contains(state.options_selection_list.rect), "every option is on screen"
    post(app, click_event((menu.list.rect.centerx, menu.list.rect.bottom - 5)), frames=3)
    assert not isinstance(menu.mode_menu.current_state, UIExpandedDropDownState), "a click elsewhere closes it"


def test_the_summary_dates_cover_the_last_turn():
    from ui.screens.menu import _scenario_summary

    sc = engine.load_scenario("normandy_1944")
    text = _scenario_summary(sc)
    assert "6 June 1944 – 25 August 1944" in text and "6 June - 25 August 1944" in sc.model.description


def test_the_vp_line_explains_where_the_score_comes_from(app, panel_text):
    from engine import victory

    gs = start_big(app)
    panel_text.clear()
    app.step()
    score = victory.score(gs.game.state)
    line = next(t for t in panel_text if t.startswith(" = VP hexes held"))
    assert f"objectives {score['objectives']:+d}" in line
    assert any(f"VP {score['net']:+d} for Allies" in t for t in panel_text)


# -- new for players: tooltips ---------------------------------------------------------------------
def rest(app, frames=3, dt=0.3):
    for _ in range(frames):
        app.step(dt=dt)


def test_resting_on_a_unit_shows_its_card(app, monkeypatch):
    from ui.screens.game import tooltip

    gs = start_game(app)
    shown: list[list] = []
    real = tooltip.lines_for
    monkeypatch.setattr(tooltip, "lines_for", lambda g, i: shown.append(real(g, i)) or shown[-1])
    sc = gs.sc
    u = sc.unit_index["blue_1st_armd"]
    post(app, motion(pos_of(gs, sc.map.hex_id(int(gs.game.state.unit_hex[u])))))
    assert not shown and 0 < gs.wake_in() <= tooltip.DELAY, "not at once: after a moment's rest"
    rest(app)
    texts = [t for t, _, _ in shown[-1]]
    assert texts[0] == sc.units[u].name
    assert any(t.startswith("Steps ") for t in texts) and any("MP left" in t and "supply" in t for t in texts)


def test_resting_on_terrain_says_what_it_costs_and_shifts(app, monkeypatch):
    from ui.screens.game import tooltip

    gs = start_game(app)
    sc, st = gs.sc, gs.game.state
    shown: list[list] = []
    real = tooltip.lines_for
    monkeypatch.setattr(tooltip, "lines_for", lambda g, i: shown.append(real(g, i)) or shown[-1])
    occupied = {int(h) for h in st.unit_hex if h >= 0}
    river = next(i for i in range(sc.map.size) if (sc.map.river_minor[i] or sc.map.river_major[i]) and i not in occupied)
    post(app, motion(pos_of(gs, sc.map.hex_id(river))))
    rest(app)
    texts = [t for t, _, _ in shown[-1]]
    assert any(t.startswith("Entering costs") for t in texts)
    assert any("river on" in t and "crossing" in t for t in texts)


# -- new for players: end-of-phase warnings --------------------------------------------------------
def test_ending_a_phase_with_unmoved_units_flags_them_and_asks_once(app):
    from ui.screens.confirm import Confirm

    app.settings.confirm_end_phase = True
    gs = start_game(app)
    idle = gs.idle_units()
    assert idle, "at the start every unit can move"
    post(app, key_event(pygame.K_e))
    ask = app.top
    assert isinstance(ask, Confirm) and gs.game.phase == "movement"
    assert f"{len(idle)} units have not moved" in ask.text and gs.flagged is not None and gs.flagged[0] == idle
    post(app, key_event(pygame.K_ESCAPE))                 # keep playing
    assert app.top is gs and gs.game.phase == "movement"
    post(app, key_event(pygame.K_e))                      # asked once: the second E ends the phase
    assert app.top is gs and gs.game.phase == "combat"


def test_the_question_can_be_turned_off(app):
    app.settings.confirm_end_phase = True
    gs = start_game(app)
    post(app, key_event(pygame.K_e))
    stop = next(b for b in app.top.buttons if b.text == "End, and stop asking")
    post(app, click_event(stop.rect.center))
    assert gs.game.phase == "combat" and app.settings.confirm_end_phase is False
    from ui.settings import Settings
    assert Settings.load().confirm_end_phase is False, "remembered"


# -- new for players: the turn track -----------------------------------------------------------------
def test_the_turn_track_lists_reinforcements_weather_and_deadlines(app, panel_text):
    from ui.screens.game import turntrack

    gs = start_big(app)
    post(app, key_event(pygame.K_k))
    assert gs.show_turn_track and gs.button["Turns"].is_selected
    rows = turntrack.track(gs)
    assert rows[0]["turn"] == gs.game.turn and len(rows) == turntrack.AHEAD + 1
    sc = gs.sc
    st = gs.game.state
    due = {u.short or u.name for u in sc.units if gs.game.turn < u.arrive_turn <= gs.game.turn + turntrack.AHEAD
           or (u.arrive_turn == gs.game.turn and st.unit_hex[u.index] < 0)}      # this turn's, not yet on the map
    listed = {n for row in rows for names in row["arriving"].values() for n in names}
    assert due and listed == due, "every reinforcement due in the next turns, by name"
    assert all(row["weather"] for row in rows)
    assert any("reinforcements:" in t for t in panel_text)
    post(app, key_event(pygame.K_ESCAPE))
    assert not gs.show_turn_track and app.top is gs


# -- new for players: the briefing -------------------------------------------------------------------
@pytest.mark.parametrize("name", ["tutorial_river", "normandy_1944", "stalingrad_1942", "el_alamein_1942"])
def test_every_shipped_scenario_has_a_briefing_with_each_sides_goal(name):
    from ui.screens.briefing import briefing_text

    sc = engine.load_scenario(name)
    assert sc.model.briefing is not None and set(sc.model.briefing.goals) == set(sc.side_ids)
    text = briefing_text(sc, sc.side_ids[0])
    heads = [t for style, t in text if style == "head"]
    assert heads[0] == "Situation" and heads[1].endswith("(you)")
    assert any(h.startswith("Victory") for h in heads)


def test_a_new_game_opens_on_its_briefing_and_enter_starts_it(app):
    from ui.screens.briefing import BriefingScreen
    from ui.screens.game import GameScreen
    from ui.screens.menu import MainMenu

    app.settings.last_scenario = "tutorial_river"
    menu = app.push(MainMenu(app))
    app.step()
    menu.mode = "red"
    menu.start()
    briefing = app.top
    assert isinstance(briefing, BriefingScreen) and briefing.player == "red"
    app.step()
    post(app, key_event(pygame.K_ESCAPE))
    assert app.top is menu, "Esc: back to the menu"
    menu.start()
    post(app, key_event(pygame.K_RETURN), frames=2)
    assert isinstance(app.top, GameScreen) and app.top.session.mode == "red"


def test_a_briefing_in_a_scenario_names_only_its_sides(tmp_path):
    src = engine.load_scenario("tutorial_river").path
    text = src.read_text(encoding="utf-8").replace("    blue: >\n      Force", "    bleu: >\n      Force")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(engine.ScenarioError) as err:
        engine.load_scenario(bad)
    assert any("unknown side 'bleu'" in p.message for p in err.value.problems)


def test_closing_the_window_keeps_unsaved_orders_in_an_autosave(app):
    from ui.session import newest_save

    gs = start_game(app)
    play_a_move(app, gs)
    orders = len(gs.game.orders)
    post(app, [pygame.event.Event(pygame.QUIT)])
    assert not app.running
    path, meta = newest_save()
    assert meta["game_id"] == gs.session.game_id and len(engine.Game.load(path).orders) == orders


# -- new for players: the tutorial -------------------------------------------------------------------
def test_the_tutorial_waits_for_each_step_and_restarts_from_the_menu(app):
    from ui.screens.game import GameScreen
    from ui.screens.game.tutorial import STEPS
    from ui.screens.menu import MainMenu

    menu = app.push(MainMenu(app))
    app.step()
    menu.on_button(menu.tutorial_button)
    gs = app.top
    assert isinstance(gs, GameScreen) and gs.tutorial is not None and gs.sc.name == "tutorial_river"
    tut = gs.tutorial
    rest(app, 3)
    assert tut.k == 0, "nothing done yet: the first step waits"
    sc = gs.sc
    uid, dest, target = find_attack_setup(gs.game)
    u = sc.unit_index[uid]
    post(app, click_event(pos_of(gs, sc.map.hex_id(int(gs.game.state.unit_hex[u])))))
    assert tut.k == 1 and STEPS[tut.k].title == "Move"
    post(app, click_event(pos_of(gs, sc.map.hex_id(dest))))
    assert STEPS[tut.k].title == "End the movement phase", "moved next to the enemy: select, move and ZOC done"
    post(app, key_event(pygame.K_e))
    post(app, click_event(pos_of(gs, sc.map.hex_id(dest))))
    post(app, motion(pos_of(gs, sc.map.hex_id(target))))
    assert STEPS[tut.k].title == "Attack"
    post(app, click_event(pos_of(gs, sc.map.hex_id(target))))
    app.step()
    if gs.advance_choice() is not None:
        post(app, click_event(gs.advance_buttons()[-1].rect.center))
    assert STEPS[tut.k].title == "Supply"
    skip = tut.buttons(gs)[0]
    assert skip.text == "Skip step"
    post(app, click_event(skip.rect.center))
    assert STEPS[tut.k].title == "End the turn"
    # Back to the menu and again: the tutorial starts over.
    gs.session.saved_version = gs.session.version
    app.pop()
    menu.on_button(menu.tutorial_button)
    assert app.top is not gs and app.top.tutorial.k == 0


# -- new for players: sound -------------------------------------------------------------------------
def test_moves_combat_and_the_turn_are_heard_and_m_mutes(app):
    gs = start_game(app)
    played = app.sounds.played
    u, dest, target = to_combat_phase(app, gs)
    assert "move" in played
    post(app, click_event(pos_of(gs, gs.sc.map.hex_id(dest))))
    post(app, click_event(pos_of(gs, gs.sc.map.hex_id(target))))
    combat = next(e for e in reversed(gs.game.events) if e.kind == "combat")
    from ui.sound import combat_sound
    assert played[-1] == combat_sound(combat.data["result"])
    post(app, key_event(pygame.K_m))
    assert app.settings.mute
    before = len(played)
    post(app, key_event(pygame.K_e))
    post(app, key_event(pygame.K_e), frames=3)            # Red plays its turn, Blue's starts: silence
    assert gs.game.turn == 2 and len(played) == before
    if app.top is not gs:
        post(app, key_event(pygame.K_RETURN))              # the report of Red's turn
    post(app, key_event(pygame.K_m))
    assert not app.settings.mute


def test_without_an_audio_device_the_game_is_silent(app, monkeypatch):
    def no_device(*args, **kwargs):
        raise pygame.error("no audio device")
    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(pygame.mixer, "init", no_device)
    gs = start_game(app)
    play_a_move(app, gs)
    assert app.sounds.played == [] and app.sounds._failed


def test_volume_off_never_opens_the_mixer(app, monkeypatch):
    opened = []
    monkeypatch.setattr(pygame.mixer, "init", lambda *a, **k: opened.append(1))
    app.settings.volume = "off"
    gs = start_game(app)
    play_a_move(app, gs)
    assert not opened and app.sounds.played == []


# -- new for players: play by e-mail ------------------------------------------------------------------
def pbem_game(app, side="blue"):
    from ui.screens.game import GameScreen
    from ui.session import Session

    gs = app.push(GameScreen(app, Session.new("tutorial_river", seed=4, mode=side, pbem=True)))
    app.step()
    return gs


def end_my_turn(app, gs):
    from ui.screens.confirm import Confirm

    side = gs.session.active
    for _ in range(4):
        post(app, key_event(pygame.K_e), frames=2)
        if gs.session.active != side:
            break
    assert gs.session.remote_to_move and not gs.session.ai_to_move, "the opponent plays by e-mail, not the AI"
    assert isinstance(app.top, Confirm) and app.top.title == "Turn file written"
    post(app, key_event(pygame.K_RETURN))
    return gs.last_turn_file


def test_send_turn_then_the_opponent_plays_it_and_answers(app):
    from ui.pbem import read_turn

    gs = pbem_game(app)
    play_a_move(app, gs)
    sent = end_my_turn(app, gs)
    assert sent.exists() and gs.game.active_side == "red"
    orders = list(gs.game.orders)
    # The opponent's machine: the file replays to the same game, red to play, blue by e-mail.
    theirs = read_turn(sent)
    assert theirs.game.orders == orders and theirs.game.state_hash() == gs.game.state_hash()
    assert theirs.human_to_move and theirs.remote == {"blue"}
    app.pop()
    gs2 = app.push(__import__("ui.screens.game", fromlist=["GameScreen"]).GameScreen(app, theirs))
    app.step()
    answer = end_my_turn(app, gs2)
    back = read_turn(answer)
    assert back.mode == "blue" and back.game.turn == 2 and back.human_to_move


def test_a_tampered_old_or_out_of_order_turn_file_is_refused_and_nothing_changes(app, tmp_path):
    import json

    from ui.pbem import PbemError, pbem_dir, read_turn

    gs = pbem_game(app)
    play_a_move(app, gs)
    sent = end_my_turn(app, gs)
    doc = json.loads(sent.read_text())
    ledger = sorted(p.name for p in pbem_dir().iterdir())
    # Tampered: an order's target moved one hex.
    bad = json.loads(json.dumps(doc))
    move = next(o for o in bad["save"]["orders"] if "to" in o or "hex" in o or "target" in o)
    key = next(k for k in ("to", "hex", "target") if k in move)
    move[key] = "0101" if move[key] != "0101" else "0102"
    (tmp_path / "tampered.json").write_text(json.dumps(bad))
    with pytest.raises(PbemError) as err:
        read_turn(tmp_path / "tampered.json")
    assert "refused" in str(err.value)
    # Out of order: blue's own file opened as if sent to blue (its answer must follow what blue sent).
    red = read_turn(sent)
    own = json.loads(json.dumps(doc))
    own["to"], own["from"] = "blue", "red"
    (tmp_path / "own.json").write_text(json.dumps(own))
    with pytest.raises(PbemError):
        read_turn(tmp_path / "own.json")
    # An old file: red answers; then red's machine is handed blue's first file again by mistake... and
    # blue is handed a file older than what blue already sent.
    older = json.loads(json.dumps(doc))
    older["to"], older["from"] = "blue", "red"
    older["save"]["orders"] = []
    older["orders_count"] = 0
    fresh = __import__("engine").Game(red.scenario, red.game.seed)
    older["save"]["state_hash"] = fresh.state_hash()
    older["save"]["turn"], older["save"]["side"], older["save"]["phase"] = 1, "blue", "movement"
    (tmp_path / "older.json").write_text(json.dumps(older))
    with pytest.raises(PbemError) as err:
        read_turn(tmp_path / "older.json")
    assert "not newer" in str(err.value)
    assert sorted(p.name for p in pbem_dir().iterdir()) == ledger, "nothing changed"


def test_play_pbem_refuses_a_bad_file_with_a_message(tmp_path, capsys):
    from ui.cli import main

    bad = tmp_path / "turn.json"
    bad.write_text('{"format": 1, "kind": "wargame-save"}')
    assert main(["play", "--pbem", str(bad)]) == 1
    out = capsys.readouterr()
    assert "not a play-by-e-mail turn file" in out.out + out.err and "Traceback" not in out.out + out.err
