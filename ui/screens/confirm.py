"""A question before something that cannot be taken back (leaving a game with unsaved orders):
a short text and a row of choices, drawn over the screen below. Esc picks the last choice
(cancel), Enter the first."""
from __future__ import annotations

from typing import Callable

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UILabel, UIPanel

from ui.drawing import fonts
from ui.screens import theme
from ui.screens.gui import GuiScreen, button
from ui.stack import ScreenStack


class Confirm(GuiScreen):
    opaque = False
    tick = False

    def __init__(self, app: ScreenStack, title: str, text: str, choices: list[tuple[str, Callable[[], None]]]) -> None:
        super().__init__(app)
        self.title, self.text = title, text
        self.choices = choices
        self.buttons: list[UIButton] = []

    def build(self, ui, size: tuple[int, int]) -> None:
        a = self.app
        bw, bh, gap = a.scaled(190), a.scaled(36), a.scaled(10)
        w = max(a.scaled(440), len(self.choices) * (bw + gap) + a.scaled(30))
        lines = wrap_hard(self.text, w - a.scaled(40), theme.size(theme.BODY, a.settings.ui_scale))
        lh = fonts.font(theme.size(theme.BODY, a.settings.ui_scale)).get_linesize()
        h = a.scaled(70) + len(lines) * lh + bh + a.scaled(24)
        self.box = pygame.Rect(0, 0, w, h)
        self.box.center = (size[0] // 2, size[1] // 2)
        panel = UIPanel(self.box, starting_height=1, manager=ui, container=self.container)
        UILabel(pygame.Rect(a.scaled(18), a.scaled(12), w - a.scaled(36), a.scaled(30)), self.title, ui, container=panel,
                object_id=ObjectID(object_id="#heading", class_id="@left"))
        y = a.scaled(50)
        for ln in lines:
            UILabel(pygame.Rect(a.scaled(18), y, w - a.scaled(36), lh), ln, ui, container=panel, object_id="@left")
            y += lh
        x = (w - (len(self.choices) * (bw + gap) - gap)) // 2 - 1
        y = h - bh - a.scaled(18)
        self.buttons = []
        for label, action in self.choices:
            self.buttons.append(button(ui, pygame.Rect(x, y, bw, bh), label, self._choose(action), a.settings.ui_scale, container=panel))
            x += bw + gap

    def _choose(self, action: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            if self.app.top is self:
                self.app.pop()
            action()
        return run

    def on_key(self, event) -> None:
        if event.key == pygame.K_ESCAPE:
            self._choose(self.choices[-1][1])()
        elif event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self._choose(self.choices[0][1])()


def wrap_hard(text: str, width: int, px: int) -> list[str]:
    """Lines no wider than `width`: at spaces, and inside a word too long for a line (a path)."""
    f = fonts.font(px)
    out: list[str] = []
    for line in fonts.wrap(text, width, px):
        while f.size(line)[0] > width and len(line) > 1:
            k = len(line) - 1
            while k > 1 and f.size(line[:k])[0] > width:
                k -= 1
            out.append(line[:k])
            line = line[k:]
        out.append(line)
    return out
