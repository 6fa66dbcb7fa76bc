"""The end of a game: result, losses and a turn-by-turn chart of victory points (drawn; the
buttons are widgets)."""
from __future__ import annotations

import pygame
from pygame_gui.elements import UIButton

import engine
from engine import victory
from ui.drawing import fonts
from ui.drawing.palette import darker, palette
from ui.drawing.view import side_colour
from ui.screens import theme
from ui.screens.gui import GuiScreen, button
from ui.stack import ScreenStack
from ui.widgets import draw_panel


def vp_history(game: engine.Game) -> list[tuple[int, int]]:
    """(turn, net VP at the end of that turn), by replaying the game's orders from its seed."""
    replay = engine.Game(game.scenario, game.seed)
    out: list[tuple[int, int]] = [(0, victory.score(replay.state)["net"])]
    turn = replay.turn
    for order in game.orders:
        replay.apply(order)
        if replay.turn != turn or replay.over:
            out.append((turn, victory.score(replay.state)["net"]))
            turn = replay.turn
    return out


class VictoryScreen(GuiScreen):
    """The result over the whole window: drawn (scores, chart), with two buttons."""

    tick = False

    def __init__(self, app: ScreenStack, session) -> None:
        super().__init__(app)
        self.session = session
        self.pal = palette(app.settings.colour_blind)
        try:
            self.history = vp_history(session.game)
        except engine.IllegalOrder:
            self.history = []
        self.buttons: list[UIButton] = []

    def build(self, ui, size: tuple[int, int]) -> None:
        a = self.app
        w, h = a.scaled(200), a.scaled(38)
        y = size[1] - h - a.scaled(30)
        cx = size[0] // 2
        self.buttons = [
            button(ui, pygame.Rect(cx - w - a.scaled(10), y, w, h), "Back to the map", self.back, a.settings.ui_scale, key="Esc"),
            button(ui, pygame.Rect(cx + a.scaled(10), y, w, h), "Main menu", self.main_menu, a.settings.ui_scale),
        ]

    def back(self) -> None:
        if self.app.top is self:
            self.app.pop()

    def main_menu(self) -> None:
        while len(self.app.screens) > 1:
            self.app.pop()

    def on_key(self, event) -> None:
        if event.key in (pygame.K_ESCAPE, pygame.K_RETURN):
            self.back()

    def draw(self, surface: pygame.Surface) -> None:
        a, pal = self.app, self.pal
        g = self.session.game
        sc = g.scenario
        res = g.result or {}
        W, H = surface.get_size()
        surface.fill(theme.screen_background(pal))
        winner = res.get("winner")
        colour = side_colour(sc, sc.side_index(winner), pal) if winner else pal.accent
        t = fonts.text(res.get("name", "Game over"), self.text_size(theme.RESULT), colour, True)
        y = a.scaled(40)
        surface.blit(t, t.get_rect(midtop=(W // 2, y)))
        y += t.get_height() + a.scaled(6)
        sub = f"{sc.title} · turn {res.get('turn', g.turn)} · {res.get('reason', '')}"
        t = fonts.text(sub, self.text_size(theme.LEAD), pal.text_dim)
        surface.blit(t, t.get_rect(midtop=(W // 2, y)))
        y += t.get_height() + a.scaled(20)
        # Scores and losses side by side.
        score = victory.score(g.state)
        losses = victory.losses(g.state)
        box = pygame.Rect(W // 2 - a.scaled(360), y, a.scaled(720), a.scaled(120))
        draw_panel(surface, box, pal)
        col_w = box.width // len(sc.sides)
        for k, side in enumerate(sc.sides):
            x = box.x + k * col_w + a.scaled(20)
            yy = box.y + a.scaled(14)
            t = fonts.text(side.name, self.text_size(theme.SIDE_NAME), side_colour(sc, k, pal), True)
            surface.blit(t, (x, yy))
            yy += t.get_height() + a.scaled(6)
            for line in (f"VP hexes held: {score['hexes'][k]}", f"Steps lost: {losses[side.id]}",
                         f"Units left: {len(g.units(side.id))}"):
                t = fonts.text(line, self.text_size(theme.TEXT), pal.text)
                surface.blit(t, (x, yy))
                yy += t.get_height() + 2
        y = box.bottom + a.scaled(20)
        vp_side = sc.sides[sc.side_index(score["side"])].name
        chart = pygame.Rect(W // 2 - a.scaled(360), y, a.scaled(720), max(a.scaled(120), H - y - a.scaled(100)))
        self._chart(surface, chart, f"Net victory points for {vp_side}, turn by turn (final {score['net']:+d})")

    def _chart(self, surface: pygame.Surface, r: pygame.Rect, title: str) -> None:
        a, pal = self.app, self.pal
        draw_panel(surface, r, pal)
        t = fonts.text(title, self.text_size(theme.TEXT), pal.text, True)
        surface.blit(t, (r.x + a.scaled(14), r.y + a.scaled(10)))
        if len(self.history) < 1:
            return
        caption = self.text_size(theme.CAPTION)
        plot = pygame.Rect(r.x + a.scaled(50), r.y + a.scaled(40), r.width - a.scaled(70), r.height - a.scaled(70))
        values = [v for _, v in self.history]
        levels = []
        v = self.session.game.scenario.model.victory
        if v:
            levels = [lv.min_vp for lv in v.levels if lv.min_vp is not None]
        lo = min(values + levels + [0])
        hi = max(values + levels + [0])
        if hi == lo:
            hi, lo = hi + 1, lo - 1
        turns = [t for t, _ in self.history]
        t0, t1 = min(turns), max(max(turns), 1)

        def pt(turn: int, vp: float) -> tuple[float, float]:
            x = plot.x + (turn - t0) / max(1, t1 - t0) * plot.width
            y = plot.bottom - (vp - lo) / (hi - lo) * plot.height
            return x, y

        # Victory level thresholds as faint lines.
        for lv in levels:
            y = pt(t0, lv)[1]
            pygame.draw.line(surface, darker(pal.text_dim, 0.4), (plot.x, y), (plot.right, y))
            lt = fonts.text(f"{lv:+d}", caption, pal.text_dim)
            surface.blit(lt, (plot.x - lt.get_width() - 6, y - lt.get_height() // 2))
        zero = pt(t0, 0)[1]
        pygame.draw.line(surface, pal.text_dim, (plot.x, zero), (plot.right, zero), 1)
        if 0 not in levels:
            lt = fonts.text("0", caption, pal.text_dim)
            surface.blit(lt, (plot.x - lt.get_width() - 6, zero - lt.get_height() // 2))
        # Turn ticks, labelled as often as they fit; the axes say what they count.
        every = max(1, -(-(t1 - t0 + 1) * a.scaled(26) // max(1, plot.width)))
        for turn in range(t0, t1 + 1):
            x = pt(turn, 0)[0]
            pygame.draw.line(surface, pal.text_dim, (x, plot.bottom), (x, plot.bottom + 3))
            if (turn - t0) % every == 0 or turn == t1:
                lt = fonts.text(str(turn), caption, pal.text_dim)
                surface.blit(lt, (x - lt.get_width() // 2, plot.bottom + 5))
        axis = fonts.text("turn", caption, pal.text_dim, True)
        surface.blit(axis, (plot.right - axis.get_width(), plot.bottom + 5 + axis.get_height()))
        axis = fonts.text("VP", caption, pal.text_dim, True)
        surface.blit(axis, (plot.x - axis.get_width() - 6, plot.y - axis.get_height() - 4))
        pts = [pt(t, v) for t, v in self.history]
        if len(pts) >= 2:
            pygame.draw.lines(surface, pal.accent, False, pts, 3)
        for p, (_, val) in zip(pts, self.history):
            pygame.draw.circle(surface, pal.accent, p, 5)
            lt = fonts.text(f"{val:+d}", caption, pal.text)
            surface.blit(lt, (p[0] - lt.get_width() // 2, p[1] - lt.get_height() - 6))
