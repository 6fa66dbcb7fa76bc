"""The map screen's mouse: a press on the map is a click (select, order) unless it moves, then it
drags the map; the wheel zooms the map or scrolls the log; a press on the minimap moves the
view; clicks in the side panel pick a unit of the stack inspector or centre a log line's hex.
The widgets had the event first (screen.py)."""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pygame

from ui.screens.game import camera, orders, panel

if TYPE_CHECKING:
    from ui.screens.game.screen import GameScreen

DRAG = 5                # a press that moves less than this is a click


def on_mouse(gs: GameScreen, event: pygame.event.Event) -> None:
    """What a mouse event does on the map screen."""
    t = event.type
    if t == pygame.MOUSEWHEEL:
        if panel.log_rect(gs).collidepoint(gs.app.mouse):
            gs.log_scroll = max(0, gs.log_scroll + (3 if event.y > 0 else -3))
        elif gs.view.rect.collidepoint(gs.app.mouse):
            gs.view.zoom_at(1 if event.y > 0 else -1, gs.app.mouse)
    elif t == pygame.MOUSEMOTION:
        if gs.minimap_drag:
            camera.minimap_to(gs, event.pos)
        elif gs.press is not None:
            if not gs.dragging and math.hypot(event.pos[0] - gs.press[0], event.pos[1] - gs.press[1]) > DRAG:
                gs.dragging = True
            if gs.dragging:
                gs.view.pan(-event.rel[0], -event.rel[1])
        hover = gs.view.hex_at(event.pos)
        if hover != gs.hover:
            gs.hover_time = 0.0
        gs.hover = hover
    elif t == pygame.MOUSEBUTTONDOWN:
        if event.button in (4, 5):
            return
        if event.button == 1 and gs.panel.collidepoint(event.pos) and (orders.click_inspector(gs, event.pos) or click_log(gs, event.pos)):
            return
        if gs.minimap_rect.collidepoint(event.pos) and event.button == 1:
            gs.minimap_drag = True
            camera.minimap_to(gs, event.pos)
            return
        if gs.view.rect.collidepoint(event.pos):
            if event.button == 1:
                gs.press = event.pos
                gs.dragging = False
            elif event.button == 3:
                orders.order_at(gs, gs.view.hex_at(event.pos))
    elif t == pygame.MOUSEBUTTONUP:
        if event.button == 1:
            gs.minimap_drag = False
            if gs.press is not None and not gs.dragging:
                orders.click(gs, gs.view.hex_at(event.pos), shift=gs.shift or bool(pygame.key.get_mods() & pygame.KMOD_SHIFT))
            gs.press = None
            gs.dragging = False


def click_log(gs: GameScreen, pos: tuple[int, int]) -> bool:
    """A click on a line of the log: the map centres where it happened."""
    for rect, _, _, line in panel.log_rows(gs):
        if rect.collidepoint(pos):
            if line.hex >= 0:
                gs.view.centre_on(line.hex)
                gs.flash = (line.hex, 1.2)
            return True
    return panel.log_rect(gs).collidepoint(pos)
