"""A question before something that cannot be taken back (leaving a game with unsaved orders):
a short text and a row of choices, drawn over the screen below. Esc picks the last choice
(cancel), Enter the first."""
from __future__ import annotations

from typing import Callable

import pygame

from ui.drawing import fonts
from ui.drawing.palette import palette
from ui.stack import Screen, ScreenStack
from ui.widgets import Button, draw_panel


class Confirm(Screen):
    opaque = False

    def __init__(self, app: ScreenStack, title: str, text: str, choices: list[tuple[str, Callable[[], None]]]) -> None:
        super().__init__(app)
        self.title, self.text = title, text
        self.choices = choices
        self.pal = palette(app.settings.colour_blind)
        self.layout(app.size)

    def layout(self, size: tuple[int, int]) -> None:
        a = self.app
        bw, bh = a.scaled(190), a.scaled(36)
        w = max(a.scaled(440), len(self.choices) * (bw + a.scaled(10)) + a.scaled(30))
        self.lines = fonts.wrap(self.text, w - a.scaled(40), a.scaled(15))
        lh = fonts.font(a.scaled(15)).get_linesize()
        h = a.scaled(70) + len(self.lines) * lh + bh + a.scaled(24)
        self.box = pygame.Rect(0, 0, w, h)
        self.box.center = (size[0] // 2, size[1] // 2)
        x = self.box.centerx - (len(self.choices) * (bw + a.scaled(10)) - a.scaled(10)) // 2
        y = self.box.bottom - bh - a.scaled(18)
        self.buttons = []
        for label, action in self.choices:
            self.buttons.append(Button(pygame.Rect(x, y, bw, bh), label, self._choose(action)))
            x += bw + a.scaled(10)

    def _choose(self, action: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            if self.app.top is self:
                self.app.pop()
            action()
        return run

    def resize(self, size: tuple[int, int]) -> None:
        self.layout(size)

    def process_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.buttons[-1].action()
            elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.buttons[0].action()
            return
        for b in self.buttons:
            if b.handle(event):
                return

    def draw(self, surface: pygame.Surface) -> None:
        a, pal = self.app, self.pal
        dim = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        dim.fill((0, 0, 0, 110))
        surface.blit(dim, (0, 0))
        draw_panel(surface, self.box, pal, 250)
        t = fonts.text(self.title, a.scaled(18), pal.accent, True)
        surface.blit(t, (self.box.x + a.scaled(20), self.box.y + a.scaled(16)))
        y = self.box.y + a.scaled(52)
        for ln in self.lines:
            surface.blit(fonts.text(ln, a.scaled(15), pal.text), (self.box.x + a.scaled(20), y))
            y += fonts.font(a.scaled(15)).get_linesize()
        for b in self.buttons:
            b.hovered = b.rect.collidepoint(a.mouse)
            b.draw(surface, pal, a.scaled(14))
