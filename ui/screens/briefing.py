"""The briefing before the first turn: the situation, each side's goals, the victory levels, the
special rules and a small map of the objectives. The words are the scenario's `briefing`; the
levels, rules and objectives come from its victory and special-rule data, so they never drift."""
from __future__ import annotations

import datetime as dt
from typing import Callable

import pygame
from pygame_gui.elements import UIButton

from ui.drawing import fonts
from ui.drawing.mapart import minimap_image
from ui.drawing.palette import palette
from ui.drawing.view import side_colour
from ui.screens import theme
from ui.screens.gui import GuiScreen, button
from ui.stack import ScreenStack
from ui.widgets import draw_panel

RULE_NAMES = {"stand_fast": "Stand fast", "naval_gunfire": "Naval gunfire", "airlift": "Airlift"}


def briefing_text(sc, player: str | None) -> list[tuple[str, str]]:
    """(style, text) paragraphs: style is title / head / body / good / dim; the player's side first."""
    m = sc.model
    b = m.briefing
    last = sc.date_of_turn(sc.turns) + dt.timedelta(days=m.days_per_turn - 1)      # the last turn's last day
    out: list[tuple[str, str]] = [("title", sc.title),
                                  ("dim", f"{m.start_date.day} {m.start_date:%B %Y} – {last.day} {last:%B %Y}: {sc.turns} turns of "
                                          f"{m.days_per_turn} day{'s' if m.days_per_turn != 1 else ''}, hexes of {m.hex_km:g} km")]
    out += [("head", "Situation"), ("body", (b.situation if b else m.description).strip())]
    order = sorted(sc.sides, key=lambda s: s.id != player)
    for s in order:
        goal = b.goals.get(s.id) if b else None
        if goal:
            you = " (you)" if s.id == player else ""
            out += [("head", f"{s.name}{you}"), ("good" if you else "body", goal.strip())]
    v = m.victory
    if v is not None and v.levels:
        vp_side = sc.sides[sc.side_index(v.vp_side)].name if v.vp_side else sc.sides[0].name
        out.append(("head", f"Victory (net VP for {vp_side} at the end)"))
        for lv in v.levels:
            out.append(("body", f"{lv.name}: {f'{lv.min_vp:+d} or more' if lv.min_vp is not None else 'below that'}"))
    rules: dict[tuple[str, str], list[str]] = {}
    for r in m.special_rules:
        rules.setdefault((r.rule, r.side), []).append((getattr(r, "note", "") or "").split(":")[0])
    if rules:
        out.append(("head", "Special rules"))
        for (rule, side), notes in rules.items():
            who = sc.sides[sc.side_index(side)].name
            named = [n for n in notes if n][:4]
            out.append(("body", f"{RULE_NAMES.get(rule, rule)} ({who})" + (": " + "; ".join(named) if named else "")))
    if b and b.notes:
        out += [("head", "Notes"), ("dim", b.notes.strip())]
    return out


class BriefingScreen(GuiScreen):
    """Full window; Enter or Start begins, Esc goes back."""

    tick = False

    def __init__(self, app: ScreenStack, scenario, player: str | None, on_start: Callable[[], object],
                 on_back: Callable[[], None] | None = None) -> None:
        super().__init__(app)
        self.sc = scenario
        self.player = player
        self.on_start, self.on_back = on_start, on_back
        self.pal = palette(app.settings.colour_blind)
        self.scroll = 0
        self.buttons: list[UIButton] = []
        self.layout(app.size)

    def layout(self, size: tuple[int, int]) -> None:
        a = self.app
        w, h = size
        pad = a.scaled(24)
        self.text_rect = pygame.Rect(pad, pad, int(w * 0.58) - pad, h - 2 * pad - a.scaled(56))
        self.map_rect = pygame.Rect(self.text_rect.right + pad, pad, w - self.text_rect.right - 2 * pad, h - 2 * pad - a.scaled(56))
        self.page = self._render_text()
        self.map_img = self._render_map()

    def build(self, ui, size: tuple[int, int]) -> None:
        a = self.app
        w, h = size
        pad = a.scaled(24)
        bw, bh = a.scaled(180), a.scaled(40)
        y = h - pad - bh
        self.buttons = [button(ui, pygame.Rect(w - pad - bw, y, bw, bh), "Start", self.start, a.settings.ui_scale, key="Enter")]
        if self.on_back is not None:
            self.buttons.append(button(ui, pygame.Rect(w - pad - 2 * bw - a.scaled(12), y, bw, bh), "Back", self.back,
                                       a.settings.ui_scale, key="Esc"))

    def resize(self, size: tuple[int, int]) -> None:
        self.layout(size)
        super().resize(size)

    def _render_text(self) -> pygame.Surface:
        a, pal = self.app, self.pal
        width = self.text_rect.width - a.scaled(32)
        px = self.text_size
        styles = {"title": (px(theme.PAGE_TITLE), pal.accent, True), "head": (px(theme.LEAD), pal.accent, True),
                  "body": (px(theme.TEXT), pal.text, False), "good": (px(theme.TEXT), pal.good, False),
                  "dim": (px(theme.BODY), pal.text_dim, False)}
        rows: list[pygame.Surface | int] = []
        for style, text in briefing_text(self.sc, self.player):
            size, colour, bold = styles[style]
            if style in ("head", "title") and rows:
                rows.append(a.scaled(10))
            for ln in fonts.wrap(text, width, size, bold):
                rows.append(fonts.text(ln, size, colour, bold))
        height = sum(r if isinstance(r, int) else r.get_height() for r in rows) + a.scaled(32)
        page = pygame.Surface((self.text_rect.width, max(height, self.text_rect.height)), pygame.SRCALPHA)
        y = a.scaled(16)
        for r in rows:
            if isinstance(r, int):
                y += r
            else:
                page.blit(r, (a.scaled(16), y))
                y += r.get_height()
        return page

    def _render_map(self) -> pygame.Surface:
        """The map with the objectives' hexes ringed and numbered, and their list below it."""
        a, pal, sc = self.app, self.pal, self.sc
        r = self.map_rect
        img = minimap_image(sc, r.width - a.scaled(24), int(r.height * 0.6))
        m = sc.map
        sx, sy = img.get_width() / m.columns, img.get_height() / (m.rows + 0.5)
        v = sc.model.victory
        objectives = list(v.objectives) if v is not None else []
        for k, o in enumerate(objectives, start=1):
            colour = side_colour(sc, sc.side_index(o.side), pal)
            for h in o.hexes:
                i = m.parse(h)
                c, row = i % m.columns, i // m.columns
                centre = (c * sx + sx / 2, (row + 0.5 * (c & 1)) * sy + sy / 2)
                rad = max(4, int(min(sx, sy) * 0.9))
                pygame.draw.circle(img, (20, 20, 20), centre, rad + 2, 3)
                pygame.draw.circle(img, colour, centre, rad, 2)
            i = m.parse(o.hexes[0])
            c, row = i % m.columns, i // m.columns
            t = fonts.text(str(k), self.text_size(theme.SMALL), (20, 20, 20), True)
            img.blit(t, (c * sx + sx, (row + 0.5 * (c & 1)) * sy - t.get_height()))
        return img

    def start(self) -> None:
        if self.app.top is self:
            self.app.pop()
        self.on_start()

    def back(self) -> None:
        if self.app.top is self:
            self.app.pop()
        if self.on_back is not None:
            self.on_back()

    def process_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                self.start()
            elif event.key == pygame.K_ESCAPE:
                self.back() if self.on_back is not None else self.start()
            elif event.key in (pygame.K_DOWN, pygame.K_PAGEDOWN):
                self.scroll_by(self.app.scaled(60 if event.key == pygame.K_DOWN else 300))
            elif event.key in (pygame.K_UP, pygame.K_PAGEUP):
                self.scroll_by(-self.app.scaled(60 if event.key == pygame.K_UP else 300))
            return
        if event.type == pygame.MOUSEWHEEL:
            self.scroll_by(-self.app.scaled(40) * event.y)
            return
        super().process_event(event)

    def scroll_by(self, dy: int) -> None:
        self.scroll = max(0, min(self.page.get_height() - self.text_rect.height, self.scroll + dy))

    def draw(self, surface: pygame.Surface) -> None:
        a, pal, sc = self.app, self.pal, self.sc
        surface.fill(pal.background)
        draw_panel(surface, self.text_rect, pal, 255)
        clip = surface.get_clip()
        surface.set_clip(self.text_rect.inflate(-2, -2))
        surface.blit(self.page, (self.text_rect.x, self.text_rect.y - self.scroll))
        surface.set_clip(clip)
        if self.page.get_height() > self.text_rect.height:
            more = self.scroll < self.page.get_height() - self.text_rect.height
            hint = fonts.text("More below: mouse wheel or arrow keys" if more else "The end (wheel or arrows to scroll back)",
                              self.text_size(theme.NOTE), pal.accent if more else pal.text_dim)
            surface.blit(hint, (self.text_rect.x + a.scaled(4), self.text_rect.bottom + a.scaled(10)))
        draw_panel(surface, self.map_rect, pal, 255)
        surface.blit(fonts.text("Objectives", self.text_size(theme.LEAD), pal.accent, True), (self.map_rect.x + a.scaled(12), self.map_rect.y + a.scaled(10)))
        y = self.map_rect.y + a.scaled(36)
        surface.blit(self.map_img, (self.map_rect.centerx - self.map_img.get_width() // 2, y))
        y += self.map_img.get_height() + a.scaled(10)
        v = sc.model.victory
        note = self.text_size(theme.NOTE)
        for k, o in enumerate(v.objectives if v is not None else [], start=1):
            when = f"by turn {o.by_turn}" if o.by_turn else f"until turn {o.until_turn}" if getattr(o, "until_turn", None) else "at the end"
            text = f"{k}. {o.name} ({when}, {o.vp:+d} VP)"
            for ln in fonts.wrap(text, self.map_rect.width - a.scaled(24), note):
                if y > self.map_rect.bottom - a.scaled(20):
                    break
                surface.blit(fonts.text(ln, note, side_colour(sc, sc.side_index(o.side), pal) if not pal.side_override else pal.text),
                             (self.map_rect.x + a.scaled(12), y))
                y += fonts.font(note).get_linesize()
