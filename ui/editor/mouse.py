"""The editor's mouse on the map: painting strokes, dragging counters and places, river and
road strokes, the click tools, and panning with the right or middle button."""
from __future__ import annotations

import math

import pygame

from ui.editor.forms import FormActions

DRAG = 5                 # pixels the mouse moves before a press is a drag


class MouseTools(FormActions):
    """The mouse part of the editor screen (a mixin of `EditorScreen`)."""

    press: tuple[int, int] | None
    press_button: int
    dragging: bool
    panning: bool
    hover: int
    drag_unit: int | None
    drag_place: int | None

    def on_mouse_down(self, event: pygame.event.Event, consumed: bool) -> None:
        if event.button in (4, 5):
            return
        p = self.panels
        if p is not None and event.button == 1:
            k = p.unit_at_pos(event.pos)
            if k is not None:
                self.drag_unit, self.press, self.press_button, self.dragging = k, event.pos, 1, False
                return
        if self.view is None or not self.view.rect.collidepoint(event.pos) or consumed:
            return
        self.press, self.press_button, self.dragging = event.pos, event.button, False
        if event.button in (2, 3):
            return
        i = self.view.hex_at(event.pos)
        self.erasing = bool(pygame.key.get_mods() & pygame.KMOD_SHIFT)
        if self.tool == "paint":
            self.paint_preview(self.brush_hexes(i))
        elif self.tool == "river":
            self.side_stroke = []
            self.extend_river_stroke(event.pos)
        elif self.tool == "road":
            self.route_stroke = [i] if i >= 0 else []
        elif self.tool == "select":
            units = self.draft.units_at(i)
            self.drag_unit = units[-1] if units else None
        elif self.tool == "place":
            self.drag_place = self.draft.place_at(i)

    def on_mouse_motion(self, event: pygame.event.Event) -> None:
        if self.view is None:
            return
        self.hover = self.view.hex_at(event.pos)
        if self.press is None:
            return
        if not self.dragging and math.hypot(event.pos[0] - self.press[0], event.pos[1] - self.press[1]) > DRAG:
            self.dragging = True
        if self.press_button in (2, 3):
            if self.dragging:
                self.panning = True
                self.view.pan(-event.rel[0], -event.rel[1])
            return
        if self.tool == "paint" and self.drag_unit is None and self.hover >= 0:
            self.paint_preview(self.brush_hexes(self.hover))
        elif self.tool == "river":
            self.extend_river_stroke(event.pos)
        elif self.tool == "road" and self.hover >= 0:
            self.extend_route_stroke(self.hover)

    def on_mouse_up(self, event: pygame.event.Event) -> None:
        if self.press is None:
            return
        press, button, dragging = self.press, self.press_button, self.dragging
        self.press, self.press_button, self.dragging, self.panning = None, 0, False, False
        if button in (2, 3) or self.view is None:
            return
        i = self.view.hex_at(event.pos)
        if self.drag_unit is not None:
            k, self.drag_unit = self.drag_unit, None
            if dragging and i >= 0:
                self.drop_unit(k, i)
                return
            if not self.view.rect.collidepoint(press):      # a click in the list, not a drag
                return
        if self.drag_place is not None:
            k, self.drag_place = self.drag_place, None
            if dragging and i >= 0:
                self.run_edit(self.draft.move_place, k, i)
                self.selected_place = k
                self.refresh_panels(form=True)
                return
        if self.tool == "paint":
            self.finish_stroke()
            return
        if self.tool in ("river", "road"):
            self.finish_route()
            return
        if i < 0:
            return
        self.selected_hex = i
        if self.picking_source:
            self.move_source(i)
        elif self.picking:
            self.pick_hex(i)
        elif self.tool == "fill":
            self.run_edit(self.draft.paint, self.fill_hexes(i), self.terrain)
        elif self.tool == "supply":
            self.click_supply(i)
        elif self.tool == "objective":
            self.click_objective(i)
        elif self.tool == "place":
            here = self.draft.place_at(i)
            if here is None:
                self.new_place(i)
            else:
                self.selected_place = here
                self.refresh_panels(form=True)
        else:
            units = self.draft.units_at(i)
            if units:
                self.selected_unit = units[-1] if self.selected_unit not in units else units[(units.index(self.selected_unit) + 1) % len(units)]
                if self.tab == "map" and self.panels is not None:
                    self.tab = "units"
                    self.panels.show_tab("units")
            self.selected_place = self.draft.place_at(i)
            self.refresh_panels(form=True)
