"""UI tests run headless: the dummy SDL video driver, and private config/data dirs."""
from __future__ import annotations

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def user_dirs(tmp_path, monkeypatch):
    """Settings, saves and autosaves go to a temporary folder, never the user's home."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    return tmp_path


@pytest.fixture
def app():
    import pygame

    from ui.app import App
    from ui.settings import Settings

    # The question before ending a phase with idle units is tested on its own (test_game2.py).
    a = App((1280, 800), settings=Settings(ai_speed="instant", edge_pan=False, confirm_end_phase=False))
    yield a
    pygame.display.quit()


def click_event(pos, button=1):
    import pygame

    return [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)),
            pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=button),
            pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=button)]


def key_event(key, mod=0):
    import pygame

    return [pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0),
            pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0)]


def post(app, events, frames=1):
    """Post events to pygame's queue and run frames of the real loop."""
    import pygame

    for e in events:
        pygame.event.post(e)
    for _ in range(frames):
        app.step()


# -- the editor's tests ----------------------------------------------------------------------------
@pytest.fixture
def stack():
    """A screen stack of its own (1280x800, no edge panning) for the editor's tests."""
    import pygame

    from ui.settings import Settings
    from ui.stack import ScreenStack

    s = ScreenStack((1280, 800), settings=Settings(edge_pan=False))
    yield s
    for screen in s.screens:
        screen.leave()
    pygame.display.quit()


@pytest.fixture
def scenario_copy(tmp_path):
    """A copy of the tutorial scenario the test may edit and save."""
    import shutil

    from engine.catalog import shipped_scenarios

    path = tmp_path / "river.yaml"
    shutil.copyfile(shipped_scenarios()["tutorial_river"], path)
    return path


@pytest.fixture
def no_quick_balance(monkeypatch):
    """The editor's Quick balance plays no AI games: it stays at its first state."""
    import ui.editor.balance

    class NoGames:
        def __init__(self, path, games=20, agent="heuristic"):
            self.state = ui.editor.balance.BalanceState(games)

        def poll(self):
            return self.state

        def stop(self):
            pass

    monkeypatch.setattr(ui.editor.balance, "QuickBalance", NoGames)
