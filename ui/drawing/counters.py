"""Unit counters: nation colour, NATO symbol, size mark, values, step pips and markers.

A counter is drawn once per (unit, look, size) and cached; the map draws all counters of
a frame with one `blits` call.
"""
from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass

import pygame

from ui.drawing import fonts
from ui.drawing.palette import Palette, darker, hex_colour, lighter

SIZE_MARKS = {"team": "o", "squad": "o", "section": "oo", "platoon": "ooo", "company": "I", "battalion": "II",
              "regiment": "III", "brigade": "X", "division": "XX", "corps": "XXX", "army": "XXXX", "army_group": "XXXXX",
              "group": "XXXXX", "front": "XXXXXX"}


def fmt_value(x: float) -> str:
    return str(int(round(x))) if abs(x - round(x)) < 1e-9 else f"{x:.1f}"


@dataclass(frozen=True)
class Look:
    """Everything about a unit's state that changes its counter."""

    steps: int
    max_steps: int
    attack: float
    defence: float
    movement: float
    supply: int          # engine.state.Supply value
    moved: bool
    attacked: bool
    spent: bool          # can do nothing more this phase (dimmed)
    stand_fast: bool = False   # ordered to stand fast (a scenario's special rule)


def draw_symbol(surf: pygame.Surface, symbol: str, box: pygame.Rect, ink, width: int) -> None:
    """The NATO symbol of a unit type inside its frame `box`."""
    x0, y0, x1, y1 = box.left, box.top, box.right - 1, box.bottom - 1
    w, h = box.width, box.height

    def cross() -> None:
        pygame.draw.line(surf, ink, (x0, y0), (x1, y1), width)
        pygame.draw.line(surf, ink, (x0, y1), (x1, y0), width)

    def oval() -> None:
        r = pygame.Rect(0, 0, max(4, round(w * 0.62)), max(3, round(h * 0.56)))
        r.center = box.center
        pygame.draw.ellipse(surf, ink, r, width)

    if symbol in ("infantry", "static", "static_infantry"):
        cross()
    elif symbol == "armour":
        oval()
    elif symbol == "mechanised":
        cross()
        oval()
    elif symbol == "motorised":
        cross()
        pygame.draw.line(surf, ink, (box.centerx, y0), (box.centerx, y1), width)
    elif symbol == "airborne":
        cross()
        r = max(2, round(w * 0.14))
        cy = y1 - max(1, round(h * 0.18))
        for sign in (-1, 1):
            arc = pygame.Rect(0, 0, 2 * r, 2 * r)
            arc.center = (box.centerx + sign * r, cy + r // 2)
            pygame.draw.arc(surf, ink, arc, 0, math.pi, width)
    elif symbol == "artillery":
        pygame.draw.circle(surf, ink, box.center, max(2, round(min(w, h) * 0.2)))
    elif symbol in ("headquarters", "hq"):
        # Flag: staff on the left of the frame, the frame itself is the flag.
        pygame.draw.line(surf, ink, (x0, y0), (x0, y1 + max(2, round(h * 0.45))), max(width, 2))
        t = fonts.fit_text("HQ", int(w * 0.8), max(7, int(h * 0.55)), ink, True)
        surf.blit(t, t.get_rect(center=box.center))
    elif symbol == "cavalry":
        pygame.draw.line(surf, ink, (x0, y1), (x1, y0), width)
    elif symbol == "mountain":
        cross()
        tw = max(3, round(w * 0.24))
        th = max(2, round(h * 0.3))
        pygame.draw.polygon(surf, ink, [(box.centerx - tw // 2, y1), (box.centerx + tw // 2, y1), (box.centerx, y1 - th)])
    elif symbol in ("engineer", "engineers"):
        m = round(w * 0.25)
        pts = [(x0 + m, box.centery + h // 6), (x0 + m, box.centery - h // 6), (x1 - m, box.centery - h // 6), (x1 - m, box.centery + h // 6)]
        pygame.draw.lines(surf, ink, False, pts, width)
        pygame.draw.line(surf, ink, (box.centerx, box.centery - h // 6), (box.centerx, box.centery + h // 6), width)
    elif symbol in ("anti_tank", "antitank"):
        pygame.draw.lines(surf, ink, False, [(x0, y1), (box.centerx, y0), (x1, y1)], width)


def draw_size_mark(surf: pygame.Surface, size: str, cx: float, cy: float, h: float, ink, width: int) -> None:
    """Echelon mark above the frame (XX division, X brigade, XXX corps ...), drawn as lines."""
    mark = SIZE_MARKS.get(size, "")
    if not mark:
        return
    h = max(3.0, h)
    unit_w = h * (0.75 if mark[0] == "X" else 0.35 if mark[0] == "I" else 0.8)
    gap = max(1.0, h * 0.18)
    total = len(mark) * unit_w + (len(mark) - 1) * gap
    x = cx - total / 2
    top, bot = cy - h / 2, cy + h / 2
    for ch in mark:
        if ch == "X":
            pygame.draw.line(surf, ink, (x, top), (x + unit_w, bot), width)
            pygame.draw.line(surf, ink, (x, bot), (x + unit_w, top), width)
        elif ch == "I":
            pygame.draw.line(surf, ink, (x + unit_w / 2, top), (x + unit_w / 2, bot), width)
        else:
            pygame.draw.circle(surf, ink, (x + unit_w / 2, cy), unit_w / 2, width)
        x += unit_w + gap


class CounterArt:
    """Draws and caches counter sprites for one scenario and palette."""

    def __init__(self, scenario, pal: Palette) -> None:
        self.scenario = scenario
        self.pal = pal
        self.cache: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self.badges: dict[tuple, pygame.Surface] = {}
        nations = scenario.model.nations
        self.bg: list[tuple[int, int, int]] = []
        self.ink: list[tuple[int, int, int]] = []
        for d in scenario.units:
            n = nations.get(d.nation)
            side = scenario.sides[d.side]
            if pal.counter_override and d.side < len(pal.counter_override):
                bg = pal.counter_override[d.side]
            elif n is not None:
                bg = hex_colour(n.colour)
            else:
                bg = lighter(hex_colour(side.colour), 0.45)
            self.bg.append(bg)
            self.ink.append(hex_colour(n.text_colour, (0, 0, 0)) if n is not None else (0, 0, 0))

    def sprite(self, u: int, look: Look, c: int) -> pygame.Surface:
        key = (u, look, c)
        surf = self.cache.get(key)
        if surf is None:
            surf = self._draw(u, look, c)
            self.cache[key] = surf
            if len(self.cache) > 4000:
                self.cache.popitem(last=False)
        return surf

    def shadow_offset(self, c: int) -> int:
        return max(1, c // 22)

    def _draw(self, u: int, look: Look, c: int) -> pygame.Surface:
        d = self.scenario.units[u]
        pal = self.pal
        bg, ink = self.bg[u], self.ink[u]
        sh = self.shadow_offset(c)
        surf = pygame.Surface((c + sh, c + sh), pygame.SRCALPHA)
        radius = max(2, c // 9)
        pygame.draw.rect(surf, (0, 0, 0, 110), pygame.Rect(sh, sh, c, c), border_radius=radius)
        body = pygame.Rect(0, 0, c, c)
        pygame.draw.rect(surf, bg, body, border_radius=radius)
        pygame.draw.rect(surf, darker(bg, 0.55), body, 1, border_radius=radius)
        if c >= 20:
            pygame.draw.line(surf, lighter(bg, 0.45), (radius, 1), (c - radius, 1))
        lw = max(1, round(c / 30))
        if c < 16:
            # Far out: a plain chip in the nation's colour, darker edge; the size says the echelon.
            if c >= 11:
                box = pygame.Rect(0, 0, round(c * 0.6), round(c * 0.4))
                box.center = (c // 2, c // 2)
                pygame.draw.rect(surf, darker(bg, 0.45), box, 1)
        else:
            detail = c >= 40
            bw = round(c * 0.56)
            bh = round(c * (0.30 if detail else 0.34))
            box = pygame.Rect((c - bw) // 2, round(c * (0.20 if detail else 0.23)), bw, bh)
            pygame.draw.rect(surf, lighter(bg, 0.5), box)
            draw_symbol(surf, d.symbol, box.inflate(-2 * lw, -2 * lw) if d.symbol == "headquarters" else box, ink, lw)
            pygame.draw.rect(surf, ink, box, lw)
            draw_size_mark(surf, d.size, c / 2, box.top - c * 0.095, c * 0.095, ink, max(1, lw))
            values = f"{fmt_value(look.attack)}-{fmt_value(look.defence)}-{fmt_value(look.movement)}"
            vt = fonts.fit_text(values, int(c * 0.9), max(7, int(c * 0.26)), ink, True)
            surf.blit(vt, vt.get_rect(midbottom=(c // 2, c - max(1, c // 24))))
            if detail:
                lt = fonts.fit_text(d.short, int(c * 0.92), max(8, int(c * 0.16)), ink, False, min_size=8)
                surf.blit(lt, lt.get_rect(midtop=(c // 2, box.bottom + max(1, c // 50))))
            # Step pips down the right edge: filled for steps left, hollow for steps lost.
            if look.max_steps > 1 and c >= 22:
                p = max(3, round(c * 0.075))
                x = c - p - max(2, round(c * 0.05))
                for k in range(look.max_steps):
                    r = pygame.Rect(x, max(2, round(c * 0.06)) + k * (p + max(1, p // 2)), p, p)
                    if k < look.steps:
                        pygame.draw.rect(surf, ink, r)
                    else:
                        pygame.draw.rect(surf, ink, r, 1)
        # Markers, each a shape, a colour and (from the default zoom) a letter, big enough to read.
        m = max(5, round(c * 0.4))
        x = max(1, c // 24)
        if look.supply:
            colour = pal.out_of_supply if look.supply == 1 else pal.isolated
            self._badge(surf, pygame.Rect(x, x, m, m), colour, "S" if look.supply == 1 else "I",
                        (0, 0, 0) if look.supply == 1 else (255, 255, 255), round_=True)
            x += m + 1
        if look.stand_fast and c >= 16:
            self._badge(surf, pygame.Rect(x, max(1, c // 24), m, m), (235, 235, 225), "H", (20, 20, 20), round_=False)
        if look.moved and c >= 16:
            y = round(c * 0.52)
            x = max(1, c // 24)
            a = max(4, round(c * 0.13))
            tri = [(x, y - a), (x + a + 1, y), (x, y + a)]
            pygame.draw.polygon(surf, pal.moved, tri)
            pygame.draw.polygon(surf, (255, 255, 255), tri, 1)
        if look.attacked and c >= 16:
            y = round(c * (0.62 if c >= 22 else 0.5))
            a = max(4, round(c * 0.12))
            x = c - a - max(2, c // 18)
            w = max(3, lw + 2)
            for colour, width in (((255, 255, 255), w + 2), (pal.attacked, w)):
                pygame.draw.line(surf, colour, (x - a, y - a), (x + a, y + a), width)
                pygame.draw.line(surf, colour, (x - a, y + a), (x + a, y - a), width)
        if look.spent:
            dim = pygame.Surface((c, c), pygame.SRCALPHA)
            pygame.draw.rect(dim, (40, 40, 40, 80), dim.get_rect(), border_radius=radius)
            surf.blit(dim, (0, 0))
        return surf

    @staticmethod
    def _badge(surf: pygame.Surface, r: pygame.Rect, colour, letter: str, ink, round_: bool) -> None:
        """A status marker: a disc (supply) or a square (orders) with its letter when there is room."""
        if round_:
            pygame.draw.circle(surf, colour, r.center, r.width / 2)
            pygame.draw.circle(surf, (0, 0, 0), r.center, r.width / 2, 1)
        else:
            pygame.draw.rect(surf, colour, r)
            pygame.draw.rect(surf, (0, 0, 0), r, 1)
        if r.width >= 9:
            t = fonts.text(letter, max(7, int(r.width * 0.85)), ink, True)
            surf.blit(t, t.get_rect(center=(r.centerx + 0.5, r.centery + 0.5)))

    def count_badge(self, n: int, c: int) -> pygame.Surface:
        """The number of units in a stack, drawn on the top counter's corner."""
        key = (n, c)
        b = self.badges.get(key)
        if b is None:
            r = max(5, round(c * 0.16))
            b = pygame.Surface((2 * r + 1, 2 * r + 1), pygame.SRCALPHA)
            pygame.draw.circle(b, (30, 30, 30), (r, r), r)
            pygame.draw.circle(b, (240, 240, 230), (r, r), r, 1)
            t = fonts.text(str(n), max(7, int(r * 1.3)), (255, 255, 255), True)
            b.blit(t, t.get_rect(center=(r + 0.5, r + 0.5)))
            self.badges[key] = b
        return b
