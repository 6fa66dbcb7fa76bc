"""`wargame render`: the map and units of a scenario (or of a game in progress) as a PNG.

Works without a window: no display is opened, only surfaces and fonts. The same drawing
code as the desktop game (`ui.drawing`) is used, so the picture is what a player sees.
"""
from __future__ import annotations

import os
from pathlib import Path

DEFAULT_WIDTH = 2000          # default: the map about this many pixels wide ...
MAX_DEFAULT_HEX_PX = 40       # ... but hexes no bigger than this
MAX_PIXELS = 120_000_000      # about 480 MB of pixels: beyond this ask for a smaller --width


class RenderError(Exception):
    """The picture cannot be made or written (message says why and what to do)."""


def _pygame():
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    if not pygame.font.get_init():
        pygame.font.init()
    return pygame


def map_pixel_size(scenario, hex_px: float) -> tuple[int, int]:
    """Width and height in pixels of the whole map drawn at `hex_px` (hex centre to corner)."""
    from ui.drawing.view import _geo_size

    return _geo_size(scenario, hex_px)


def hex_px_for_width(scenario, width: int) -> float:
    """The hex size at which the map is `width` pixels wide (margins included)."""
    cols = scenario.map.columns
    # width = 2 * 0.4 s + 2 s + 1.5 s (cols - 1)   (margin is 0.4 s for s >= 10)
    return max(2.0, width / (2.8 + 1.5 * (cols - 1)))


def _check_out_path(out_path: str | os.PathLike) -> Path:
    path = Path(out_path)
    if path.exists() and path.is_dir():
        raise RenderError(f"cannot write {path}: it is a folder; give a file name ending in .png")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.exists():
        raise RenderError(f"cannot write {path}: the folder {parent} does not exist")
    if not parent.is_dir():
        raise RenderError(f"cannot write {path}: {parent} is not a folder")
    if not os.access(parent, os.W_OK):
        raise RenderError(f"cannot write {path}: no permission to write in {parent}")
    if path.exists() and not os.access(path, os.W_OK):
        raise RenderError(f"cannot write {path}: the file is read-only")
    return path


def render_scenario_surface(scenario, *, game=None, width: int | None = None, hex_px: float | None = None,
                            colour_blind: bool = False, title: bool = True):
    """The picture as a pygame Surface (see `render_scenario_png`)."""
    pg = _pygame()
    import engine
    from ui.drawing.palette import palette
    from ui.drawing.scene import unit_looks
    from ui.drawing.view import MapView

    if isinstance(scenario, (str, os.PathLike)):
        scenario = engine.load_scenario(scenario if isinstance(scenario, str) else Path(scenario))
    if width is not None:
        if width < 16:
            raise RenderError(f"width must be at least 16 pixels, not {width}")
        s = hex_px_for_width(scenario, width)
    elif hex_px is not None:
        if not (2 <= hex_px <= 400):
            raise RenderError(f"hex size must be between 2 and 400 pixels, not {hex_px}")
        s = float(hex_px)
    else:
        s = min(float(MAX_DEFAULT_HEX_PX), max(3.0, hex_px_for_width(scenario, DEFAULT_WIDTH)))
    w, h = map_pixel_size(scenario, s)
    if width is not None:
        w = int(width)
    if w * h > MAX_PIXELS:
        raise RenderError(f"the picture would be {w}x{h} pixels; give a smaller width or hex size")
    pal = palette(colour_blind)
    surf = pg.Surface((w, h))
    view = MapView(scenario, pal, pg.Rect(0, 0, w, h), level=0, zooms=(s,))
    view.cam_x = view.cam_y = 0.0
    if game is not None:
        view.set_mines(game.state.mines)
    view.static().draw_region(surf, 0, 0, w, h)
    if game is not None:
        state = game.state
        stacks, looks = unit_looks(state)
        view.draw_units(surf, stacks, looks, control=state.control)
    else:
        import numpy as np

        view.draw_stars(surf, np.full(scenario.map.size, -1, dtype=np.int8))
    if title:
        _cartouche(pg, surf, scenario, game)
    return surf


def _cartouche(pg, surf, scenario, game) -> None:
    from ui.drawing import fonts

    w = surf.get_width()
    size = max(11, min(22, w // 60))
    when = f"{game.date:%d %B %Y} · turn {game.turn} of {scenario.turns}" if game is not None else f"{scenario.start_date:%d %B %Y}"
    lines = [(scenario.title, size + 2, True), (f"{when} · {scenario.map.columns}x{scenario.map.rows} hexes", size - 1, False)]
    rendered = [fonts.text(t, sz, (30, 28, 24), b) for t, sz, b in lines]
    bw = max(r.get_width() for r in rendered) + 2 * size
    bh = sum(r.get_height() for r in rendered) + size
    if bw > w * 0.9:
        return
    box = pg.Surface((bw, bh), pg.SRCALPHA)
    pg.draw.rect(box, (246, 242, 226, 225), box.get_rect(), border_radius=6)
    pg.draw.rect(box, (90, 80, 60), box.get_rect(), 1, border_radius=6)
    y = size // 2
    for r in rendered:
        box.blit(r, (size, y))
        y += r.get_height()
    surf.blit(box, (max(4, size // 2), max(4, size // 2)))


def render_scenario_png(scenario, out_path, *, game=None, width: int | None = None, hex_px: float | None = None,
                        colour_blind: bool = False) -> None:
    """Draw the map and units of `scenario` (name, path or Scenario) to a PNG file.

    Units are drawn from `game` (for the start: `engine.Game(scenario, seed=0)`); without a
    game only the map. The size is `width` pixels wide if given, else `hex_px` pixels from
    hex centre to corner (default: the map about 2000 px wide, hexes at most 40 px; see
    `map_pixel_size`). Needs no display. Raises RenderError with a readable message
    if the file cannot be written; the file is replaced atomically.
    """
    path = _check_out_path(out_path)
    surf = render_scenario_surface(scenario, game=game, width=width, hex_px=hex_px, colour_blind=colour_blind)
    pg = _pygame()
    from engine.files import write_atomic

    try:
        write_atomic(path, lambda tmp: pg.image.save(surf, tmp), suffix=".png", check=_whole_png)
    except OSError as exc:
        raise RenderError(f"cannot write {path}: {exc.strerror or exc}") from None
    except pg.error as exc:
        kept = "the old file is kept" if path.exists() else "no file was made"
        raise RenderError(f"cannot write {path}: {exc}; {kept}") from None


def _whole_png(tmp: str) -> None:
    """OSError unless `tmp` is a whole PNG (SDL may ignore a failed write: a full disk)."""
    import errno

    size = os.path.getsize(tmp)
    with open(tmp, "rb") as fh:
        head = fh.read(8)
        fh.seek(max(0, size - 12))
        tail = fh.read(12)
    if head != b"\x89PNG\r\n\x1a\n" or tail[4:8] != b"IEND":
        raise OSError(errno.EIO, "the picture was not written whole (disk full?)", tmp)


