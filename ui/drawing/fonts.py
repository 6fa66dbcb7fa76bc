"""Fonts (DejaVu Sans Condensed, shipped in assets/fonts) and a cache of rendered text."""
from __future__ import annotations

import errno
from collections import OrderedDict

import pygame

from engine.shipped import shipped_folder

ASSETS = shipped_folder("assets")
FONT_FILES = {False: ASSETS / "fonts" / "DejaVuSansCondensed.ttf", True: ASSETS / "fonts" / "DejaVuSansCondensed-Bold.ttf"}

_fonts: dict[tuple[bool, int], pygame.font.Font] = {}
_text: OrderedDict[tuple, pygame.Surface] = OrderedDict()
_TEXT_CACHE = 2048


def font(size: int, bold: bool = False) -> pygame.font.Font:
    """The UI font at `size` pixels. A missing font file is an incomplete install, reported as
    such: falling back to pygame's default font would hide it behind wrongly sized text."""
    size = max(6, int(size))
    key = (bold, size)
    f = _fonts.get(key)
    if f is None:
        if not pygame.font.get_init():
            pygame.font.init()
        path = FONT_FILES[bold]
        if not path.is_file():
            raise FileNotFoundError(errno.ENOENT, "the UI font is missing; reinstall wargame", str(path))
        f = pygame.font.Font(str(path), size)
        _fonts[key] = f
    return f


def text(s: str, size: int, colour, bold: bool = False) -> pygame.Surface:
    """Rendered, anti-aliased text (cached: panels redraw the same strings every frame)."""
    key = (s, int(size), tuple(colour), bold)
    surf = _text.get(key)
    if surf is not None:
        _text.move_to_end(key)
        return surf
    surf = font(size, bold).render(s, True, colour)
    _text[key] = surf
    if len(_text) > _TEXT_CACHE:
        _text.popitem(last=False)
    return surf


def halo_text(s: str, size: int, colour, halo, bold: bool = False, width: int = 1) -> pygame.Surface:
    """Text with a halo around each letter: readable over any terrain."""
    key = ("halo", s, int(size), tuple(colour), tuple(halo), bold, width)
    surf = _text.get(key)
    if surf is not None:
        return surf
    inner = font(size, bold).render(s, True, colour)
    outer = font(size, bold).render(s, True, halo)
    w, h = inner.get_size()
    surf = pygame.Surface((w + 2 * width, h + 2 * width), pygame.SRCALPHA)
    for dx in range(-width, width + 1):
        for dy in range(-width, width + 1):
            if dx or dy:
                surf.blit(outer, (width + dx, width + dy))
    surf.blit(inner, (width, width))
    _text[key] = surf
    if len(_text) > _TEXT_CACHE:
        _text.popitem(last=False)
    return surf


def fit_text(s: str, max_width: int, size: int, colour, bold: bool = False, min_size: int = 7) -> pygame.Surface:
    """Text shrunk (then cut with an ellipsis) to fit `max_width` pixels."""
    while size > min_size and font(size, bold).size(s)[0] > max_width:
        size -= 1
    if font(size, bold).size(s)[0] <= max_width:
        return text(s, size, colour, bold)
    cut = s
    while len(cut) > 1 and font(size, bold).size(cut + "…")[0] > max_width:
        cut = cut[:-1]
    return text(cut + "…", size, colour, bold)


def wrap(s: str, max_width: int, size: int, bold: bool = False) -> list[str]:
    """Split text into lines no wider than `max_width` pixels."""
    f = font(size, bold)
    lines: list[str] = []
    for para in s.split("\n"):
        words = para.split()
        line = ""
        for w in words:
            cand = f"{line} {w}" if line else w
            if f.size(cand)[0] <= max_width or not line:
                line = cand
            else:
                lines.append(line)
                line = w
        lines.append(line)
    return lines
