"""A UI that survives anything: thousands of random events against the real event loop.

Random mouse moves, clicks (left, right, shift), wheel, drags, keys (including every key the
help lists), window resizes and menu actions, on the main menu and in games of the shipped
scenarios. No exception may escape, and after every burst the engine state must still be
valid (one side per hex, stacking, steps in bounds) and the game must still load from its
own order log.
"""
from __future__ import annotations

import os

import numpy as np
import pygame
import pytest

import engine
from engine.state import Status
from tests.ui.conftest import post

EVENTS = int(os.environ.get("WARGAME_MONKEY_EVENTS", "3000"))

KEYS = [pygame.K_e, pygame.K_u, pygame.K_s, pygame.K_c, pygame.K_a, pygame.K_o, pygame.K_F1, pygame.K_ESCAPE,
        pygame.K_n, pygame.K_TAB, pygame.K_SPACE, pygame.K_p, pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4,
        pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN, pygame.K_PLUS, pygame.K_MINUS, pygame.K_EQUALS,
        pygame.K_RETURN, pygame.K_BACKSPACE, pygame.K_F5, pygame.K_F9, pygame.K_LEFTBRACKET, pygame.K_RIGHTBRACKET,
        pygame.K_DELETE, pygame.K_HOME, pygame.K_z, pygame.K_m, pygame.K_l, pygame.K_x, pygame.K_q,
        # the game 2.0: select a stack, turn track, replay, log; the report's and briefing's scroll keys
        pygame.K_g, pygame.K_k, pygame.K_v, pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_KP_ENTER]


def random_events(rng: np.random.Generator, size: tuple[int, int]) -> list[pygame.event.Event]:
    w, h = size
    pos = (int(rng.integers(-20, w + 20)), int(rng.integers(-20, h + 20)))
    kind = rng.random()
    mods = [0, pygame.KMOD_SHIFT, pygame.KMOD_CTRL][int(rng.integers(3))]
    if kind < 0.35:
        return [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(int(rng.integers(-30, 30)), int(rng.integers(-30, 30))),
                                   buttons=(int(rng.random() < 0.2), 0, 0))]
    if kind < 0.65:
        button = int(rng.choice([1, 1, 1, 3, 2]))
        pygame.key.set_mods(mods)
        return [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
                pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button),
                pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button)]
    if kind < 0.75:
        y = int(rng.choice([-1, 1]))
        return [pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=y, flipped=False, precise_x=0.0, precise_y=float(y))]
    if kind < 0.97:
        key = KEYS[int(rng.integers(len(KEYS)))]
        return [pygame.event.Event(pygame.KEYDOWN, key=key, mod=mods, unicode="", scancode=0),
                pygame.event.Event(pygame.KEYUP, key=key, mod=mods, unicode="", scancode=0)]
    new = (int(rng.integers(320, 1600)), int(rng.integers(240, 1000)))
    return [pygame.event.Event(pygame.VIDEORESIZE, size=new, w=new[0], h=new[1])]


def check_state(game: engine.Game) -> None:
    st, sc = game.state, game.scenario
    on = st.unit_status == Status.ACTIVE
    sides = st.unit_sides()
    occupant: dict[int, int] = {}
    for u in np.flatnonzero(on):
        h = int(st.unit_hex[u])
        assert occupant.setdefault(h, int(sides[u])) == int(sides[u]), "both sides in one hex"
        assert 1 <= st.unit_steps[u] <= sc.units[u].max_steps
    for side in range(len(sc.sides)):
        counts = np.bincount(st.unit_hex[on & (sides == side)], minlength=sc.map.size)
        assert counts.max(initial=0) <= sc.rules.model.stacking.max_units


def current_game(app) -> engine.Game | None:
    for screen in reversed(app.screens):
        session = getattr(screen, "session", None)
        if session is not None:
            return session.game
    return None


@pytest.mark.parametrize("scenario,mode", [("tutorial_river", "blue"), ("tutorial_river", "hotseat"),
                                           ("normandy_1944", "allies"), ("stalingrad_1942", "axis")])
def test_random_events_never_crash_the_game_and_keep_the_state_valid(app, scenario, mode):
    from ui.screens.game import GameScreen
    from ui.session import Session

    if scenario not in engine.shipped_scenarios():
        pytest.skip(f"{scenario} is not shipped")
    rng = np.random.default_rng([len(scenario), len(mode), 7])
    app.settings.confirm_end_phase = True           # the question before ending a phase is on screen too
    app.push(GameScreen(app, Session.new(scenario, seed=3, mode=mode, ai="random")))
    n = restarts = 0
    while n < EVENTS:
        burst = []
        for _ in range(int(rng.integers(1, 6))):
            burst += random_events(rng, app.size)
        n += len(burst)
        post(app, burst, frames=1)
        if not app.running or not app.screens:
            # The monkey quit the game from its menu: note it and start again.
            restarts += 1
            app.running = True
            app.push(GameScreen(app, Session.new(scenario, seed=3 + restarts, mode=mode, ai="random")))
        game = current_game(app)
        if game is not None and n % 50 < 6:
            check_state(game)
    game = current_game(app)
    if game is not None:
        check_state(game)
        print(f"{scenario}/{mode}: {n} events, {restarts} restarts, {len(game.orders)} orders in the last game, turn {game.turn}")
        again = engine.Game.from_json(game.to_json())
        assert again.state_hash() == game.state_hash()


def test_random_events_on_the_menus_never_crash(app):
    from ui.screens.menu import MainMenu

    rng = np.random.default_rng(11)
    app.settings.confirm_end_phase = True
    app.push(MainMenu(app))
    for _ in range(EVENTS // 4):
        post(app, random_events(rng, app.size), frames=1)
        game = current_game(app)
        if game is not None:
            check_state(game)


EDITOR_KEYS = [pygame.K_s, pygame.K_b, pygame.K_f, pygame.K_p, pygame.K_r, pygame.K_o, pygame.K_u, pygame.K_j, pygame.K_h, pygame.K_g,
               pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_LEFTBRACKET, pygame.K_RIGHTBRACKET, pygame.K_z, pygame.K_y, pygame.K_d,
               pygame.K_DELETE, pygame.K_ESCAPE, pygame.K_F1, pygame.K_LEFT, pygame.K_UP, pygame.K_PLUS, pygame.K_MINUS,
               pygame.K_RETURN, pygame.K_BACKSPACE, pygame.K_TAB]


@pytest.mark.parametrize("scenario,tab", [("tutorial_river", "map"), ("el_alamein_1942", "rules")])
def test_random_events_never_crash_the_editor_and_its_files_stay_scenarios(app, scenario, tab, tmp_path, monkeypatch, no_quick_balance):
    """The scenario editor under the same monkey, on a copy: every tab and tool, the Rules tab's
    forms included. Play and Quick balance are stubbed (no game windows, no AI games); every
    text stays YAML the editor reads, and what it saves is the draft."""
    import shutil
    import subprocess

    from engine.scenario.roundtrip import ScenarioFiles
    from ui.editor.model import Draft
    from ui.editor.screen import EditorScreen

    if scenario not in engine.shipped_scenarios():
        pytest.skip(f"{scenario} is not shipped")
    source = engine.shipped_scenarios()[scenario]
    target = tmp_path / source.name
    (shutil.copytree if source.is_dir() else shutil.copyfile)(source, target)
    monkeypatch.setattr(subprocess, "Popen", lambda args, **kw: None)
    monkeypatch.chdir(tmp_path)                     # a New scenario the monkey creates goes beside the copy
    monkeypatch.setitem(globals(), "KEYS", EDITOR_KEYS)     # random_events draws the editor's keys
    screen = EditorScreen(app, Draft.open(target), inline_validation=True)
    screen.tab = tab
    app.push(screen)
    rng = np.random.default_rng([len(scenario), 16])
    for burst in range(EVENTS // 40):
        events = []
        for _ in range(20):
            events += random_events(rng, app.size)
        post(app, events, frames=2)
        if not app.running or not app.screens:
            break                                   # Ctrl+Q: the editor quit
        if burst % 10 == 0:
            assert isinstance(screen.draft.data, dict)
    pygame.key.set_mods(0)
    print(f"editor {scenario}: {screen.draft.revision} changes, {len(screen.draft.undo_stack)} to undo, last tab {screen.tab}")
    assert screen.draft.revision > 0
    screen.save()
    assert ScenarioFiles.read(target).texts() == screen.draft.files.texts()
    screen.leave()
