"""The map screen's widgets: the bar's buttons, the log's filters, the advance-after-combat choice
and the tutorial's buttons. They are pygame_gui buttons in the app's shared manager, in the one
theme (ui/screens/theme.py); the boxes around the advance choice and the tutorial, and
everything else on the map, are drawn (dialogs.py, tutorial.py, panel.py).

They are built when the screen comes on top, and brought in step with the game before each
frame (`sync`): which toggles are on, what may be clicked now, which choices are offered.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

import pygame
from pygame_gui.elements import UIButton

from ui.screens.game import dialogs, orders
from ui.screens.gui import button, set_enabled, set_text, set_toggled

if TYPE_CHECKING:
    from ui.screens.game.screen import GameScreen

Spec = tuple[pygame.Rect, str, Callable[[], None]]


def bar_specs(gs: GameScreen) -> list[tuple[str, Callable[[], None], str, int, str]]:
    """(label, action, key, width at 100%, tooltip) of the bar's buttons, left to right."""
    return [
        ("End phase", lambda: orders.end_phase(gs), "E", 110, "End this phase (asks first if units could still act)"),
        ("Undo", lambda: orders.undo(gs), "U", 70, "Take back the last move, if it revealed nothing and rolled no die (Ctrl+Z)"),
        ("Supply", lambda: gs.toggle_overlay("supply"), "S", 80, "Supply overlay: where your sources reach"),
        ("Control", lambda: gs.toggle_overlay("control"), "C", 84, "Control overlay: who holds each hex"),
        ("Arrows", gs.toggle_arrows, "A", 78, "Arrows of this turn's moves and attacks"),
        ("Objectives", gs.toggle_objectives, "O", 100, "Objectives and victory points"),
        ("Turns", gs.toggle_turn_track, "K", 72, "Turn track: reinforcements, weather and deadlines to come"),
        ("Help", gs.toggle_help, "F1", 70, "Every key and mouse action"),
        ("Menu", gs.open_menu, "Esc", 78, "Save, load, settings, main menu, quit"),
    ]


def bar_rects(gs: GameScreen) -> list[pygame.Rect]:
    a = gs.app
    x = a.scaled(6)
    out = []
    for *_, width, _tip in bar_specs(gs):
        r = pygame.Rect(x, a.scaled(4), a.scaled(width), gs.bar_h - a.scaled(8))
        out.append(r)
        x = r.right + a.scaled(5)
    return out


class Controls:
    """The widgets of one game screen, by name."""

    def __init__(self, gs: GameScreen) -> None:
        self.gs = gs
        self.bar: list[UIButton] = []
        self.by_label: dict[str, UIButton] = {}
        self.log: list[UIButton] = []
        self.advance: list[UIButton] = []
        self.tutorial: list[UIButton] = []
        self._advance_key: tuple | None = None
        self._tutorial_key: tuple | None = None

    def build(self, ui) -> None:
        """Every widget anew (the manager was cleared: the screen came on top, or the layout changed)."""
        gs = self.gs
        scale = gs.app.settings.ui_scale
        self.bar = [button(ui, r, label, action, scale, tooltip=tip, small=True, key=key)
                    for r, (label, action, key, _w, tip) in zip(bar_rects(gs), bar_specs(gs))]
        self.by_label = {spec[0]: b for spec, b in zip(bar_specs(gs), self.bar)}
        self.log = []
        self.advance, self._advance_key = [], None
        self.tutorial, self._tutorial_key = [], None
        self.sync()

    def sync(self) -> None:
        """The widgets as the game stands now."""
        if not self.bar:
            return
        gs = self.gs
        b = self.by_label
        set_enabled(b["End phase"], gs.session.human_to_move)
        set_enabled(b["Undo"], gs.session.can_undo())
        set_toggled(b["Supply"], gs.overlay == "supply")
        set_toggled(b["Control"], gs.overlay == "control")
        set_toggled(b["Arrows"], gs.show_arrows)
        set_toggled(b["Objectives"], gs.show_objectives)
        set_toggled(b["Turns"], gs.show_turn_track)
        set_toggled(b["Help"], gs.show_help)
        self.sync_log()
        self.sync_advance()
        self.sync_tutorial()

    def sync_log(self) -> list[UIButton]:
        """The log's three filter buttons: their labels say the filter, and they follow the log."""
        from ui.screens.game import panel

        if not self.bar:
            return []
        gs = self.gs
        specs = panel.log_button_specs(gs)
        if len(self.log) != len(specs):
            for w in self.log:
                w.kill()
            self.log = [button(gs.app.gui(), r, label, action, gs.app.settings.ui_scale, small=True) for r, label, action in specs]
        for w, (r, label, _action) in zip(self.log, specs):
            set_text(w, label)
            if w.rect != r:
                w.set_dimensions(r.size)
                w.set_relative_position(r.topleft)
            set_toggled(w, label == "Less")
        return self.log

    def _swap(self, old: list[UIButton], specs: list[Spec]) -> list[UIButton]:
        for w in old:
            w.kill()
        gs = self.gs
        return [button(gs.app.gui(), r, label, action, gs.app.settings.ui_scale, small=True) for r, label, action in specs]

    def sync_advance(self) -> list[UIButton]:
        """Advance with one of the units that may, or stay: while the choice is open."""
        if not self.bar:
            return []
        specs = dialogs.advance_specs(self.gs)
        key = tuple((tuple(r), label) for r, label, _ in specs)
        if key != self._advance_key:
            self.advance, self._advance_key = self._swap(self.advance, specs), key
        return self.advance

    def sync_tutorial(self) -> list[UIButton]:
        """Skip step and Quit, or Close once the tutorial is done."""
        if not self.bar:
            return []
        tut = self.gs.tutorial
        specs = tut.button_specs(self.gs) if tut is not None else []
        key = (id(tut),) + tuple((tuple(r), label) for r, label, _ in specs)
        if key != self._tutorial_key:
            self.tutorial, self._tutorial_key = self._swap(self.tutorial, specs), key
        return self.tutorial
