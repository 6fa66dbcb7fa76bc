"""Drive the real event loop through a turn of tutorial_river and check the engine's state."""
from __future__ import annotations

import pygame

import engine
from tests.ui.conftest import click_event, key_event, post


def start_game(app, seed=3, mode="blue", ai="random"):
    from ui.screens.game import GameScreen
    from ui.screens.menu import MainMenu
    from ui.session import Session

    app.push(MainMenu(app))
    screen = app.push(GameScreen(app, Session.new("tutorial_river", seed=seed, mode=mode, ai=ai)))
    app.step()
    return screen


def pos_of(screen, hex_id):
    i = screen.sc.map.parse(hex_id)
    x, y = screen.view.to_screen(i)
    return (int(round(x)), int(round(y)))


def find_attack_setup(game):
    """A blue unit, a hex it can reach next to a red unit, and the red hex: an attack the engine allows."""
    sc = game.scenario
    st = game.state
    red = {int(st.unit_hex[u.index]) for u in sc.units if u.side == 1 and st.active(u.index)}
    for uid in game.units("blue"):
        for h, cost in sorted(game.reachable(uid).items(), key=lambda kv: kv[1]):
            i = sc.map.index(h)
            for j in sc.map.neighbors[i]:
                if int(j) in red:
                    trial = engine.Game(sc, game.seed)
                    for o in game.orders:
                        trial.apply(o)
                    trial.apply(engine.Move(uid, h))
                    trial.end_phase()                       # attacks come in the combat phase
                    p = trial.preview([uid], sc.map.hex(int(j)))
                    if p.allowed and p.ratio >= 1:
                        return uid, i, int(j)
    raise AssertionError("no attack possible on this map")


def test_select_move_attack_end_phase_and_ai_reply(app):
    gs = start_game(app)
    game = gs.game
    sc = gs.sc
    uid, dest, target = find_attack_setup(game)
    u = sc.unit_index[uid]
    start = int(game.state.unit_hex[u])

    # Select the unit with a click on its hex.
    post(app, click_event(pos_of(gs, sc.map.hex_id(start))))
    assert gs.selection == [u]
    assert gs.reachable(u), "the reachable hexes are highlighted"

    # Hover the destination (path shown), then click it: the unit moves there.
    post(app, click_event(pos_of(gs, sc.map.hex_id(dest))))
    assert int(gs.game.state.unit_hex[u]) == dest
    assert gs.game.events[-1].kind in ("unit_moved", "control_changed")

    # E ends the movement phase: the bar and the hints name the combat phase.
    post(app, key_event(pygame.K_e))
    assert gs.game.phase == "combat" and gs.game.active_side == "blue"
    assert any("Combat phase" in t.text for t in gs.toasts)
    post(app, click_event(pos_of(gs, sc.map.hex_id(dest))))
    assert gs.selection == [u] and not gs.reachable(u), "nothing moves in the combat phase"

    # Hover the enemy: the panel shows the engine's preview; click to attack.
    tpos = pos_of(gs, sc.map.hex_id(target))
    post(app, [pygame.event.Event(pygame.MOUSEMOTION, pos=tpos, rel=(0, 0), buttons=(0, 0, 0))])
    prev = gs.preview(target)
    assert prev is not None and not isinstance(prev, engine.IllegalOrder) and prev.allowed
    n_events = len(gs.game.events)
    post(app, click_event(tpos))
    combats = [e for e in gs.game.events[n_events:] if e.kind == "combat"]
    assert len(combats) == 1 and combats[0].data["attackers"] == [uid]
    assert gs.game.state.unit_attacked[u]
    assert any("roll" in t.text for t in gs.toasts), "the result is shown"
    assert any(line.kind == "combat" for line in gs.log), "and logged"

    # An advance after combat, if offered, is a prompt; decline it.
    if gs.advance_choice() is not None:
        stay = gs.advance_buttons()[-1]
        post(app, click_event(stay.rect.center))
        assert gs.advance_choice() is None

    # End the combat and exploitation phases: the AI (red) plays its whole turn, then it is blue's turn 2.
    post(app, key_event(pygame.K_e))
    assert gs.game.phase == "exploitation"
    post(app, key_event(pygame.K_e), frames=3)
    assert gs.game.active_side == "blue"
    assert gs.game.turn == 2
    assert any(e.kind == "phase_ended" and e.side == "red" for e in gs.game.events)


def test_refused_order_shows_the_engines_message(app):
    gs = start_game(app)
    sc = gs.sc
    u = sc.unit_index["blue_3rd_inf"]
    post(app, click_event(pos_of(gs, sc.map.hex_id(int(gs.game.state.unit_hex[u])))))
    assert gs.selection == [u]
    far = sc.map.parse("1511")
    before = gs.game.state_hash()
    post(app, click_event(pos_of(gs, "1511"), button=3))
    assert gs.game.state_hash() == before
    try:
        gs.game.apply(engine.Move("blue_3rd_inf", sc.map.hex(far)))
    except engine.IllegalOrder as exc:
        expected = exc.message
    assert gs.toasts and gs.toasts[-1].kind == "error" and gs.toasts[-1].text == expected


def test_undo_takes_back_a_move(app):
    gs = start_game(app)
    sc = gs.sc
    u = sc.unit_index["blue_2nd_inf"]
    start = int(gs.game.state.unit_hex[u])
    dest = sc.map.index(next(iter(gs.game.reachable("blue_2nd_inf"))))
    post(app, click_event(pos_of(gs, sc.map.hex_id(start))))
    post(app, click_event(pos_of(gs, sc.map.hex_id(dest))))
    assert int(gs.game.state.unit_hex[u]) == dest
    post(app, key_event(pygame.K_u))
    assert int(gs.game.state.unit_hex[u]) == start
    assert gs.game.orders == []


def test_undo_steps_back_move_by_move_to_the_start_of_the_phase(app):
    gs = start_game(app)
    sc = gs.sc
    first = gs.game.state_hash()
    hashes = [first]
    for uid in ("blue_2nd_inf", "blue_3rd_inf"):
        u = sc.unit_index[uid]
        dest = sc.map.index(next(iter(gs.game.reachable(uid))))
        post(app, click_event(pos_of(gs, sc.map.hex_id(int(gs.game.state.unit_hex[u])))))
        post(app, click_event(pos_of(gs, sc.map.hex_id(dest))))
        hashes.append(gs.game.state_hash())
    assert len(set(hashes)) == 3
    post(app, key_event(pygame.K_u))
    assert gs.game.state_hash() == hashes[1]
    post(app, key_event(pygame.K_u))
    assert gs.game.state_hash() == first and not gs.session.can_undo()
    post(app, key_event(pygame.K_e))                     # the end of a phase is never taken back
    assert not gs.session.can_undo()


def test_stack_cycles_and_shift_click_selects_several(app):
    gs = start_game(app)
    sc = gs.sc
    a, b = sc.unit_index["blue_1st_inf"], sc.unit_index["blue_1st_armd"]
    post(app, click_event(pos_of(gs, sc.map.hex_id(int(gs.game.state.unit_hex[a])))))
    post(app, [pygame.event.Event(pygame.KEYDOWN, key=pygame.K_LSHIFT, mod=pygame.KMOD_LSHIFT, unicode="", scancode=0)])
    post(app, click_event(pos_of(gs, sc.map.hex_id(int(gs.game.state.unit_hex[b])))))
    post(app, [pygame.event.Event(pygame.KEYUP, key=pygame.K_LSHIFT, mod=0, unicode="", scancode=0)])
    assert gs.selection == [a, b]
    # Move b onto a's hex, then clicking that hex cycles through the stack.
    gs.selection = [b]
    post(app, click_event(pos_of(gs, sc.map.hex_id(int(gs.game.state.unit_hex[a]))), button=3))
    assert gs.game.state.unit_hex[a] == gs.game.state.unit_hex[b]
    hex_ = int(gs.game.state.unit_hex[a])
    assert gs.selection == [b]
    post(app, click_event(pos_of(gs, sc.map.hex_id(hex_))))
    assert gs.selection == [a] and gs.scene()[0][hex_][-1] == a, "a click on the selected unit's stack selects the next one"
    post(app, key_event(pygame.K_TAB))
    assert gs.selection == [b]


def test_overlays_help_objectives_and_zoom_do_not_change_the_game(app):
    gs = start_game(app)
    before = gs.game.state_hash()
    level = gs.view.level
    for key in (pygame.K_s, pygame.K_c, pygame.K_a, pygame.K_o, pygame.K_F1, pygame.K_F1, pygame.K_o, pygame.K_MINUS, pygame.K_HOME):
        post(app, key_event(key))
    assert gs.overlay == "control"
    post(app, [pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=1, flipped=False, precise_x=0.0, precise_y=1.0)])
    post(app, key_event(pygame.K_s))
    assert gs.overlay == "supply"
    assert gs.game.state_hash() == before
    assert gs.view.level != level or gs.view.level == level  # zoom keeps the map valid
    # Drag pans the view.
    x0 = gs.view.cam_x
    p = gs.view.rect.center
    post(app, [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=p, button=1),
               pygame.event.Event(pygame.MOUSEMOTION, pos=(p[0] - 60, p[1]), rel=(-60, 0), buttons=(1, 0, 0)),
               pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(p[0] - 60, p[1]), button=1)])
    assert gs.view.cam_x != x0 or gs.view.geo.width <= gs.view.rect.width
    assert gs.game.state_hash() == before


def test_save_and_load(app, user_dirs):
    gs = start_game(app)
    sc = gs.sc
    u = sc.unit_index["blue_2nd_inf"]
    dest = sc.map.index(next(iter(gs.game.reachable("blue_2nd_inf"))))
    post(app, click_event(pos_of(gs, sc.map.hex_id(int(gs.game.state.unit_hex[u])))))
    post(app, click_event(pos_of(gs, sc.map.hex_id(dest))))
    saved_hash = gs.game.state_hash()
    post(app, key_event(pygame.K_F5))
    from ui.settings import saves_dir
    assert (saves_dir() / "quicksave.json").exists()
    assert (saves_dir() / "quicksave.meta.json").exists()
    post(app, key_event(pygame.K_u))
    assert gs.game.state_hash() != saved_hash
    post(app, key_event(pygame.K_F9))
    from ui.screens.game import GameScreen
    top = app.top
    assert isinstance(top, GameScreen) and top is not gs
    assert top.game.state_hash() == saved_hash
    assert top.session.mode == "blue"


def test_autosave_each_turn(app):
    gs = start_game(app)
    for _ in gs.game.phases:
        post(app, key_event(pygame.K_e), frames=3)
    assert gs.game.turn == 2
    assert gs.session.autosave_path().exists()
    loaded = engine.Game.load(gs.session.autosave_path())
    assert loaded.turn == 2


def test_watch_ai_to_the_victory_screen(app):
    from ui.screens.victory import VictoryScreen

    gs = start_game(app, mode="watch")
    for _ in range(200):
        app.step()
        if gs.game.over:
            break
    assert gs.game.over
    app.step()
    assert isinstance(app.top, VictoryScreen)
    assert app.top.history and app.top.history[0][0] == 0
    post(app, key_event(pygame.K_ESCAPE))
    assert app.top is gs


def test_pause_menu_and_settings_palette(app):
    from ui.screens.menu import SettingsScreen
    from ui.screens.pause import PauseMenu

    gs = start_game(app)
    post(app, key_event(pygame.K_ESCAPE))
    assert isinstance(app.top, PauseMenu)
    settings_button = next(b for b in app.top.buttons if b.text == "Settings")
    post(app, click_event(settings_button.rect.center))
    assert isinstance(app.top, SettingsScreen)
    post(app, click_event(app.top.cb_button.rect.center), frames=2)
    assert app.settings.colour_blind
    post(app, key_event(pygame.K_ESCAPE))
    assert app.top is gs and gs.pal.name == "colour_blind"
    from ui.settings import Settings
    assert Settings.load().colour_blind, "settings are remembered"


def test_resize_keeps_the_game_usable(app):
    gs = start_game(app)
    post(app, [pygame.event.Event(pygame.VIDEORESIZE, w=1000, h=700, size=(1000, 700))])
    assert gs.view.rect.right <= 1000 and gs.panel.right == 1000


def test_hotseat_with_fog_hides_the_map(app, monkeypatch):
    from ui.screens.game import GameScreen
    from ui.screens.pause import Curtain
    from ui.session import Session

    session = Session.new("tutorial_river", seed=1, mode="hotseat")
    monkeypatch.setattr(session, "fog", True)
    gs = app.push(GameScreen(app, session))
    app.step()
    post(app, key_event(pygame.K_e))
    assert app.top is gs and gs.game.phase == "combat"       # the same player's next phase: no curtain
    post(app, key_event(pygame.K_e))
    post(app, key_event(pygame.K_e))
    assert isinstance(app.top, Curtain)
    post(app, key_event(pygame.K_RETURN))
    assert app.top is gs and gs.game.active_side == "red"


def test_r_spends_a_replacement_point_on_the_selected_unit(app):
    gs = start_game(app)
    sc = gs.sc
    u = sc.unit_index["blue_3rd_inf"]
    gs.game.state.unit_steps[u] -= 1
    gs.session.version += 1
    post(app, click_event(pos_of(gs, sc.map.hex_id(int(gs.game.state.unit_hex[u])))))
    assert gs.selection == [u]
    post(app, key_event(pygame.K_r))
    assert int(gs.game.state.unit_steps[u]) == sc.units[u].max_steps
    assert gs.game.state.replacement_points[0] == 0 and "replacement" in gs.toasts[-1].text
    post(app, key_event(pygame.K_r))
    assert gs.toasts[-1].kind == "error"           # full strength, and no points left: the engine's reason


def test_t_moves_a_unit_by_train_and_i_interdicts_a_hex(app, tmp_path):
    import yaml

    from engine.scenario.load import resolve
    from ui.screens.game import GameScreen
    from ui.session import Session

    data = yaml.safe_load(resolve("tutorial_river").read_text())
    data["rail_capacity"] = {"blue": 1}
    data["map"]["railways"].append({"name": "Branch line", "path": ["0508", "0408", "0308", "0208", "0108"]})
    path = tmp_path / "rail.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    gs = app.push(GameScreen(app, Session.new(str(path), seed=3, mode="blue", ai="random")))
    app.step()
    sc, st = gs.sc, gs.game.state
    railed = [u for u in sc.units if u.side == 0 and gs.game.rail_reachable(u.id)]
    assert railed, "a blue unit stands on the railway"
    u = railed[0].index
    post(app, click_event(pos_of(gs, sc.map.hex_id(int(st.unit_hex[u])))))
    post(app, key_event(pygame.K_t))
    assert gs.rail_mode and gs.reachable(u)
    dest = max(gs.reachable(u), key=lambda i: gs.reachable(u)[i])
    post(app, click_event(pos_of(gs, sc.map.hex_id(dest))))
    assert int(gs.game.state.unit_hex[u]) == dest and not gs.rail_mode
    assert any(e.kind == "rail_moved" for e in gs.game.events)
    # I over a hex spends an air point on it
    air = int(gs.game.state.air_left[0])
    target = sc.map.parse("1206")
    post(app, [pygame.event.Event(pygame.MOUSEMOTION, pos=pos_of(gs, "1206"), rel=(0, 0), buttons=(0, 0, 0))])
    post(app, key_event(pygame.K_i))
    assert int(gs.game.state.interdicted[target]) == 0 and gs.game.state.air_left[0] == air - 1
