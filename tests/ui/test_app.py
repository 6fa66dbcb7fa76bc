"""The window's edges: no display, the main menu, settings files, the engine stays pygame-free."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pygame

from tests.ui.conftest import click_event, key_event, post

ROOT = Path(__file__).resolve().parents[2]


def test_run_without_a_display_says_so(monkeypatch, capsys):
    from ui.app import run

    for var in ("SDL_VIDEODRIVER", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(var, raising=False)
    if not sys.platform.startswith("linux"):
        return
    assert run("tutorial_river") == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and "no display" in out[0] and "wargame simulate" in out[0] and "wargame render" in out[0]


def test_main_menu_starts_a_game_against_the_ai(app):
    from ui.screens.game import GameScreen
    from ui.screens.menu import MainMenu

    app.settings.last_scenario = "tutorial_river"
    menu = app.push(MainMenu(app))
    post(app, [], frames=2)
    assert menu.chosen == "tutorial_river" and menu.preview is not None
    post(app, click_event(menu.new_button.rect.center), frames=2)
    post(app, key_event(pygame.K_RETURN), frames=2)          # past the briefing
    assert isinstance(app.top, GameScreen)
    assert app.top.session.mode == "blue" and app.top.session.humans == {"blue"}
    from ui.settings import Settings
    assert Settings.load().last_scenario == "tutorial_river"


def test_load_screen_lists_saves(app):
    from ui.screens.game import GameScreen
    from ui.screens.menu import LoadScreen, MainMenu
    from ui.session import Session

    Session.new("tutorial_river", seed=5, mode="red").save_named()
    app.push(MainMenu(app))
    screen = app.push(LoadScreen(app))
    post(app, [], frames=1)
    assert len(screen.items) == 1
    label = next(iter(screen.items))
    screen.load(screen.items[label])
    assert isinstance(app.top, GameScreen) and app.top.session.mode == "red"


def test_settings_file_is_json_and_bad_values_fall_back(user_dirs):
    from ui.settings import Settings

    s = Settings(ui_scale=1.25, colour_blind=True, window=(1400, 900))
    s.save()
    data = json.loads(Settings.path().read_text())
    assert data["ui_scale"] == 1.25 and data["window"] == [1400, 900]
    Settings.path().write_text('{"ui_scale": "huge", "ai_speed": "warp", "colour_blind": 3}')
    loaded = Settings.load()
    assert loaded.ui_scale == 1.0 and loaded.ai_speed == "normal" and loaded.colour_blind is False
    Settings.path().write_text("not json")
    assert Settings.load() == Settings()


def test_ui_scale_relays_out_the_map_screen(app):
    from ui.screens.game import GameScreen
    from ui.session import Session

    gs = app.push(GameScreen(app, Session.new("tutorial_river", seed=1, mode="blue")))
    app.step()
    w = gs.panel.width
    app.settings.ui_scale = 1.5
    gs.apply_settings()
    app.step()
    assert gs.panel.width > w


def test_engine_never_imports_pygame():
    code = ("import sys, engine, engine.game, engine.combat, engine.movement, engine.supply, engine.victory, engine.fog\n"
            "import ui.render, ui.settings\n"
            "assert 'pygame' not in sys.modules, 'pygame imported'\n")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=60)


def test_help_key_and_escape(app):
    from ui.screens.game import GameScreen
    from ui.session import Session

    gs = app.push(GameScreen(app, Session.new("tutorial_river", seed=1, mode="blue")))
    post(app, key_event(pygame.K_F1))
    assert gs.show_help
    post(app, key_event(pygame.K_ESCAPE))
    assert not gs.show_help and app.top is gs


def test_settings_and_saves_go_where_the_system_keeps_them(tmp_path, monkeypatch):
    import sys

    from ui.settings import autosave_dir, config_dir, saves_dir

    if sys.platform.startswith("linux"):
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
        assert config_dir() == tmp_path / "cfg" / "wargame"
        assert (saves_dir(), autosave_dir()) == (tmp_path / "share" / "wargame" / "saves", tmp_path / "share" / "wargame" / "autosave")
    assert config_dir().name == "wargame" and saves_dir().parent.name == "wargame"


def test_one_theme_for_the_widgets_and_the_drawn_panels():
    """Widgets and the panels drawn around them take their colours from the palette and their
    font from the game's own font files."""
    from ui.drawing import fonts
    from ui.drawing.palette import STANDARD
    from ui.screens import theme

    t = theme.theme_dict(1.25)
    colours = t["defaults"]["colours"]
    assert colours["dark_bg"] == "#%02x%02x%02x" % STANDARD.panel
    assert colours["normal_border"] == "#%02x%02x%02x" % STANDARD.panel_edge
    assert colours["normal_text"] == "#%02x%02x%02x" % STANDARD.text
    blocks = [b["font"] for b in t.values() if "font" in b]
    assert blocks and all(b["regular_path"] == str(fonts.FONT_FILES[False]) for b in blocks)
    assert t["button"]["font"]["size"] == str(theme.size(theme.BODY, 1.25)) == str(round(14 * 1.25))
