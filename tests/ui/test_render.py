"""`render_scenario_png`: headless, the right size, terrain told apart by colour; clear errors."""
from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pygame
import pytest

import engine
from ui.render import RenderError, map_pixel_size, render_scenario_png


def test_png_of_the_right_size(tmp_path):
    sc = engine.load_scenario("tutorial_river")
    out = tmp_path / "map.png"
    render_scenario_png(sc, out, hex_px=20)
    img = pygame.image.load(str(out))
    assert img.get_size() == map_pixel_size(sc, 20)
    out2 = tmp_path / "narrow.png"
    render_scenario_png("tutorial_river", out2, width=400)
    assert pygame.image.load(str(out2)).get_width() == 400


def test_terrain_types_have_different_colours(tmp_path):
    from ui.drawing.geometry import MapGeometry

    sc = engine.load_scenario("tutorial_river")
    out = tmp_path / "map.png"
    s = 30
    render_scenario_png(sc, out, hex_px=s)
    pixels = pygame.surfarray.array3d(pygame.image.load(str(out))).astype(float)   # [x, y, 3]
    m = sc.map
    geo = MapGeometry(m.columns, m.rows, s)
    occupied = {int(u.start_hex) for u in sc.units}
    features = (m.road | m.rail | m.river_minor | m.river_major) != 0
    mean: dict[str, np.ndarray] = {}
    for i in range(m.size):
        name = sc.rules.terrain_names[m.terrain[i]]
        if name in mean or i in occupied or features[i] or i in m.names or m.vp[i] or m.fort[i]:
            continue
        cx, cy = int(geo.cx[i]), int(geo.cy[i])
        r = int(s * 0.45)
        mean[name] = pixels[cx - r:cx + r, cy - r:cy + r].reshape(-1, 3).mean(axis=0)
    assert {"clear", "forest", "sea", "hills", "marsh", "bocage"} <= set(mean)
    names = sorted(mean)
    for a in range(len(names)):
        for b in range(a + 1, len(names)):
            d = np.abs(mean[names[a]] - mean[names[b]]).sum()
            assert d > 12, f"{names[a]} and {names[b]} look alike ({d:.1f})"


def test_draws_a_game_in_progress(tmp_path):
    game = engine.Game("tutorial_river", seed=2)
    game.apply(engine.Move("blue_1st_armd", next(iter(game.reachable("blue_1st_armd")))))
    render_scenario_png(game.scenario, tmp_path / "g.png", game=game, hex_px=12)
    assert (tmp_path / "g.png").stat().st_size > 1000


def test_unwritable_paths_raise_a_clear_error(tmp_path):
    with pytest.raises(RenderError, match="does not exist"):
        render_scenario_png("tutorial_river", tmp_path / "no" / "such" / "dir" / "map.png")
    with pytest.raises(RenderError, match="folder"):
        render_scenario_png("tutorial_river", tmp_path)
    if os.geteuid() != 0:
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o500)
        with pytest.raises(RenderError, match="permission"):
            render_scenario_png("tutorial_river", ro / "map.png")


def test_render_needs_no_display(tmp_path):
    """In a fresh process with no SDL driver and no X display, the PNG is still written."""
    env = {k: v for k, v in os.environ.items() if k not in ("SDL_VIDEODRIVER", "DISPLAY", "WAYLAND_DISPLAY")}
    out = tmp_path / "headless.png"
    code = f"from ui.render import render_scenario_png; render_scenario_png('tutorial_river', {str(out)!r}, hex_px=8)"
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))), timeout=60)
    assert out.exists()
