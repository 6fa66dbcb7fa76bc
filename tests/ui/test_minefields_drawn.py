"""The map draws the minefields of the state it shows: a mined hex looks different from the same
hex unmined at every zoom level, a cleared field disappears from the drawing, and the map tiles
are drawn again only when the minefields change."""
from __future__ import annotations

import numpy as np
import pygame
from builders import World, hx, move

import engine
from ui.drawing.palette import palette
from ui.drawing.view import ZOOMS, MapView


def corridor(mined: bool = True) -> engine.Game:
    """A one-row map 0000..0500 of clear hexes; an Axis minefield on 0200 (if `mined`), an Allied
    infantry unit at 0000."""
    world = World(columns=6, rows=1).ignore_supply().unit("a1", "allies", "0000")
    if mined:
        world.data["map"]["minefields"] = [{"name": "Devil's Gardens", "side": "axis", "hexes": ["0200"]}]
    return world.game()


def hex_pixels(view: MapView, surface: pygame.Surface, game: engine.Game, hex_id: str) -> np.ndarray:
    """The pixels of the hex's inner square (sides 1.4 s) as drawn on `surface`."""
    x, y = view.to_screen(game.scenario.map.index(hx(game, hex_id)))
    k = max(2, int(view.s * 0.7))
    rect = pygame.Rect(round(x) - k, round(y) - k, 2 * k, 2 * k).clip(surface.get_rect())
    return pygame.surfarray.array3d(surface.subsurface(rect)).astype(int)


def drawn(game: engine.Game, level: int, view: MapView | None = None) -> tuple[MapView, pygame.Surface]:
    """The static map of `game`'s state at zoom `level`, as the game screen draws it."""
    if view is None:
        view = MapView(game.scenario, palette(False), pygame.Rect(0, 0, 1400, 300), level=level)
        view.cam_x = view.cam_y = 0.0
    surface = pygame.Surface((1400, 300))
    view.set_mines(game.state.mines)
    view.draw_static(surface)
    return view, surface


def test_a_mined_hex_is_drawn_differently_at_every_zoom_level():
    mined, plain = corridor(True), corridor(False)
    for level in range(len(ZOOMS)):
        view, with_mines = drawn(mined, level)
        other, without = drawn(plain, level)
        assert np.abs(hex_pixels(view, with_mines, mined, "0200") - hex_pixels(other, without, plain, "0200")).sum() > 0, ZOOMS[level]
        # The next hex is not mined: the two drawings agree there.
        assert np.array_equal(hex_pixels(view, with_mines, mined, "0400"), hex_pixels(other, without, plain, "0400")), ZOOMS[level]


def test_the_mark_keeps_clear_of_the_counter():
    """The marks ring the hex, outside the square a counter covers."""
    from ui.drawing.mapart import mine_marks
    from ui.drawing.view import counter_size

    for s in ZOOMS:
        half = counter_size(s) / 2
        assert any(abs(x) > half or abs(y) > half for x, y in mine_marks(s)), s


def test_a_cleared_field_disappears_and_the_tiles_are_kept_until_then():
    game, plain = corridor(True), corridor(False)
    level = 8
    view, before = drawn(game, level)
    tiles = dict(view.static().tiles)
    view, again = drawn(game, level, view)          # the same state: the same cached tiles
    assert all(view.static().tiles[k] is t for k, t in tiles.items())
    move(game, "a1", "0200")                         # entering the field clears it
    assert game.state.mines[game.scenario.map.index(hx(game, "0200"))] == -1
    view, after = drawn(game, level, view)
    assert not np.array_equal(hex_pixels(view, before, game, "0200"), hex_pixels(view, after, game, "0200"))
    other, unmined = drawn(plain, level)
    assert np.array_equal(hex_pixels(view, after, game, "0200"), hex_pixels(other, unmined, plain, "0200"))


def test_the_render_command_draws_the_minefields_of_a_game(tmp_path):
    from ui.render import render_scenario_surface

    game = corridor(True)
    start = render_scenario_surface(game.scenario, game=game, hex_px=20, title=False)
    move(game, "a1", "0200")
    cleared = render_scenario_surface(game.scenario, game=game, hex_px=20, title=False)
    assert not np.array_equal(pygame.surfarray.array3d(start), pygame.surfarray.array3d(cleared))
