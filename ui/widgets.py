"""Text panels drawn over the map: a translucent box, and a cursor that writes lines down it.

These are drawings, not widgets: every button, list and form of the game is a pygame_gui
element (ui/screens/gui.py), themed from the same palette (ui/screens/theme.py). The map
screen draws its side panel, tooltips, messages and help with these, under or over its widgets.
"""
from __future__ import annotations

import pygame

from ui.drawing import fonts
from ui.drawing.palette import Palette, darker


def draw_panel(surface: pygame.Surface, rect: pygame.Rect, pal: Palette, alpha: int = 235, radius: int = 6) -> None:
    """A box in the colours of the theme's panels (the palette's panel and edge), a little translucent."""
    layer = pygame.Surface(rect.size, pygame.SRCALPHA)
    pygame.draw.rect(layer, (*pal.panel, alpha), layer.get_rect(), border_radius=radius)
    pygame.draw.rect(layer, (*pal.panel_edge, 255), layer.get_rect(), 1, border_radius=radius)
    surface.blit(layer, rect.topleft)


class TextCursor:
    """Writes lines of text down a panel, wrapping and clipping at its bottom."""

    def __init__(self, surface: pygame.Surface, rect: pygame.Rect, pal: Palette, size: int) -> None:
        self.surface, self.rect, self.pal, self.size = surface, rect, pal, size
        self.y = rect.y

    @property
    def full(self) -> bool:
        return self.y >= self.rect.bottom

    def line(self, text: str, colour=None, bold: bool = False, size: int | None = None, indent: int = 0,
             wrap: bool = True, right: str | None = None, right_colour=None) -> None:
        size = size or self.size
        colour = colour or self.pal.text
        width = self.rect.width - indent
        lines = fonts.wrap(text, width - (fonts.font(size).size(right)[0] + 6 if right else 0), size, bold) if wrap else [text]
        for k, ln in enumerate(lines):
            h = fonts.font(size, bold).get_linesize()
            if self.y + h > self.rect.bottom:
                self.y = self.rect.bottom
                return
            t = fonts.fit_text(ln, width, size, colour, bold)
            self.surface.blit(t, (self.rect.x + indent, self.y))
            if right and k == 0:
                rt = fonts.text(right, size, right_colour or colour, bold)
                self.surface.blit(rt, (self.rect.right - rt.get_width(), self.y))
            self.y += h

    def gap(self, px: int | None = None) -> None:
        self.y += px if px is not None else self.size // 2

    def rule(self) -> None:
        if self.y + 4 < self.rect.bottom:
            pygame.draw.line(self.surface, self.pal.panel_edge, (self.rect.x, self.y + 2), (self.rect.right, self.y + 2))
            self.y += 6

    def bar(self, frac: float, colour, height: int | None = None, label: str = "", indent: int = 0) -> None:
        h = height or self.size
        if self.y + h > self.rect.bottom:
            self.y = self.rect.bottom
            return
        r = pygame.Rect(self.rect.x + indent, self.y + 1, self.rect.width - indent, h - 2)
        pygame.draw.rect(self.surface, darker(self.pal.panel, 0.3), r)
        pygame.draw.rect(self.surface, colour, (r.x, r.y, max(0, round(r.width * frac)), r.height))
        if label:
            t = fonts.fit_text(label, r.width - 6, max(8, h - 4), self.pal.text)
            self.surface.blit(t, (r.x + 4, r.y + (r.height - t.get_height()) // 2))
        self.y += h
