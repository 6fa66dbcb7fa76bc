"""Drawing the editor screen: the map with its counters and marks, the status line, the help."""
from __future__ import annotations

import math
import time
from typing import TYPE_CHECKING

import pygame

from engine.errors import Problem
from ui.drawing import fonts
from ui.drawing.view import counter_size
from ui.editor.panels import STATUS_H, TOOLBAR_H

if TYPE_CHECKING:
    from ui.editor.screen import EditorScreen

HELP = [
    "S select / move counters     B paint     F fill     P places     R rivers (again: minor / major)     O roads (again: railways)",
    "Rivers: drag along hexsides     Roads and railways: drag through hexes     Shift+drag erases",
    "U supply sources: click a hex to add one (or select it), Shift+click deletes; H, then a click, moves it; form on the Map tab",
    "J objectives: click a hex for a new one (or to select one); then clicks add hexes, Shift+click takes them out; Esc",
    "1 / 2 / 3   brush of 1, 3 or 7 hexes     [ and ]   previous / next terrain",
    "Left drag   paint, or move a counter or place     Right or middle drag   pan",
    "Wheel, + and -   zoom     Arrows   pan",
    "Ctrl+Z undo     Ctrl+Y or Ctrl+Shift+Z redo     Ctrl+S save     Ctrl+D copy unit     Delete   delete unit",
    "Drag a unit from the Units list onto the map to place it",
    "Click a problem to select its hex or unit     Esc   clear the selection     F1   this help     Ctrl+Q quit",
    "G   longitude and latitude lines (maps with a geo block)     Ctrl+P   play the scenario as edited",
    "Ctrl+N   a new scenario (blank map or real geography)     Scenario tab: + Side / - Side (the format's limit says)",
    "Rules tab: nations, victory, levels, objectives, weather (schedule, table, kinds and their effects), special rules, history",
    "H   pick on map: clicks fill in the record's hexes, places, airfields, near place or unit     Esc stops",
]


def draw_editor(self: EditorScreen, surface: pygame.Surface) -> None:
    surface.fill((30, 34, 32))
    view = self.view
    if view is not None:
        view.draw_static(surface)
        counters = self.counters
        stacks, looks = counters.stacks()
        view.draw_units(surface, stacks, looks)
        clip = surface.get_clip()
        surface.set_clip(view.rect)
        if self.graticule and self.georef is not None:
            draw_graticule(self, surface)
        if self.tool in ("paint", "fill") and self.hover >= 0 and self.press is None:
            hexes = self.brush_hexes(self.hover) if self.tool == "paint" else [self.hover]
            for i in hexes:
                view.draw_hex_outline(surface, i, (255, 255, 255), 2)
        if self.side_stroke:
            colour = (224, 112, 96) if self.erasing else self.pal.river
            width = max(2, round(view.s / (5 if self.river_kind == "major" else 9)))
            ox, oy = view.rect.x - view.cam_x, view.rect.y - view.cam_y
            for i, j in self.side_stroke:
                d = next((d for d in range(6) if view.scenario.map.neighbors[i, d] == j), None)
                if d is not None:
                    a, b = view.geo.edge(i, d, ox, oy)
                    pygame.draw.line(surface, colour, a, b, width + 2)
        if len(self.route_stroke) > 1 or (self.erasing and self.route_stroke):
            colour = (224, 112, 96) if self.erasing else (self.pal.rail if self.route_key == "railways" else self.pal.road)
            pts = [view.to_screen(i) for i in self.route_stroke]
            if len(pts) > 1:
                pygame.draw.lines(surface, colour, False, pts, max(2, round(view.s / 8)))
            for p_ in pts:
                pygame.draw.circle(surface, colour, p_, max(2, round(view.s / 10)))
        draw_sources(self, surface)
        draw_objectives(self, surface)
        draw_record_hexes(self, surface)
        if self.selected_hex >= 0:
            view.draw_hex_outline(surface, self.selected_hex, (226, 196, 110), 3)
        if self.selected_unit is not None and self.selected_unit < len(self.draft.units()):
            on = self.draft.hex_index(self.draft.units()[self.selected_unit].get("hex"))
            if on is not None:
                view.draw_hex_outline(surface, on, (255, 230, 120), 3, scale=1.0)
        for p in self.problems[:200]:
            bad = problem_hex(self, p)
            if bad is not None:
                view.draw_hex_outline(surface, bad, (224, 112, 96), 2, scale=0.8)
        if self.drag_unit is not None and self.dragging:
            pos = self.app.mouse
            c = counter_size(view.s)
            k = self.drag_unit
            if k < len(counters.looks):
                sprite = counters.sprite(k, counters.looks[k].look, c)
                surface.blit(sprite, (pos[0] - c // 2, pos[1] - c // 2))
                target = view.hex_at(pos)
                if target >= 0:
                    warning = self.place_check(k, target)
                    view.draw_hex_outline(surface, target, (224, 112, 96) if warning else (120, 220, 120), 3)
        surface.set_clip(clip)
    else:
        r = self.map_rect()
        t = fonts.text("The map cannot be drawn: fix the problems listed below (the editor shows them with their lines).", 15, (230, 200, 190))
        surface.blit(t, t.get_rect(center=r.center))
    draw_status(self, surface)
    self.app.gui().draw_ui(surface)
    if self.help:
        draw_help(self, surface)

def problem_hex(self: EditorScreen, p: Problem) -> int | None:
    path = tuple(p.path)
    if len(path) >= 3 and path[0] == "units" and path[2] == "hex" and isinstance(path[1], int) and path[1] < len(self.draft.units()):
        return self.draft.hex_index(self.draft.units()[path[1]].get("hex"))
    return None

KIND_LETTERS = {"port": "P", "beach": "B", "edge": "E", "depot": "D", "airfield": "A"}


def draw_sources(self: EditorScreen, surface: pygame.Surface) -> None:
    """The supply sources: a disc in the side's colour with the kind's letter, at the hex's
    upper right (the game's supply overlay marks them the same way)."""
    view = self.view
    if view is None:
        return
    colours = {str(s.get("id")): s.get("colour") for s in self.draft.data.get("sides", []) if isinstance(s, dict)}
    from ui.drawing.palette import hex_colour

    r = max(6, round(view.s * 0.32))
    for k, src in enumerate(self.draft.supply_sources()):
        i = self.draft.hex_index(src.get("hex"))
        if i is None:
            continue
        x, y = view.to_screen(i)
        c = (round(x + view.s * 0.45), round(y - view.s * 0.45))
        colour = hex_colour(str(colours.get(str(src.get("side")), "#808080")))
        pygame.draw.circle(surface, colour, c, r)
        pygame.draw.circle(surface, (255, 230, 120) if k == self.selected_source else (20, 20, 20), c, r, 2 if k == self.selected_source else 1)
        if r >= 6:
            t = fonts.text(KIND_LETTERS.get(str(src.get("kind", "depot")), "?"), max(8, r + 3), (255, 255, 255), True)
            surface.blit(t, t.get_rect(center=c))


def draw_objectives(self: EditorScreen, surface: pygame.Surface) -> None:
    """Objective hexes ringed in the side's colour; the selected objective's thicker, with its VP."""
    view = self.view
    if view is None:
        return
    from ui.drawing.palette import hex_colour

    colours = {str(s.get("id")): s.get("colour") for s in self.draft.data.get("sides", []) if isinstance(s, dict)}
    for k, o in enumerate(self.draft.objectives()):
        colour = hex_colour(str(colours.get(str(o.get("side")), "#808080")))
        chosen = k == self.selected_objective
        if not chosen and self.tool != "objective":
            continue
        for h in o.get("hexes") or []:
            i = self.draft.hex_index(h)
            if i is not None:
                view.draw_hex_outline(surface, i, colour, 4 if chosen else 2, scale=0.86)


def draw_record_hexes(self: EditorScreen, surface: pygame.Surface) -> None:
    """What the Rules tab's record points at on the map (a stand-fast area, an objective's
    hexes, a milestone's places, an airlift's airfields, a unit): ringed in the side's colour
    while the Rules tab shows it, thicker while picking."""
    view = self.view
    if view is None or self.tab != "rules" or not self.selected_record:
        return
    from ui.drawing.palette import hex_colour
    from ui.editor.records import record_data

    record = self.draft.record(self.selected_record)
    if record is None:
        return
    data = record_data(self.draft.data, record)
    colours = {str(s.get("id")): s.get("colour") for s in self.draft.data.get("sides", []) if isinstance(s, dict)}
    colour = hex_colour(str(colours.get(str(data.get("side")), "#808080")))
    for i in self.draft.record_hexes(record):
        view.draw_hex_outline(surface, i, colour, 4 if self.picking else 3, scale=0.86)


def draw_graticule(self: EditorScreen, surface: pygame.Surface) -> None:
    """Lines of longitude and latitude over the map (every degree, or every half or tenth of a
    degree as the view narrows), from the map's geo block."""
    view, geo = self.view, self.georef
    if view is None or geo is None:
        return
    g = view.geo
    k = math.sqrt(3) * g.s / geo.hex_km               # pixels per km: neighbouring hex centres are hex_km apart
    x0, y0 = g.cx[0] - view.cam_x + view.rect.x, g.cy[0] - view.cam_y + view.rect.y

    def to_px(lon: float, lat: float) -> tuple[float, float]:
        x, y = geo.lonlat_to_xy(lon, lat)
        return x0 + x * k, y0 + y * k

    corners = [(view.rect.left, view.rect.top), (view.rect.right, view.rect.bottom)]
    lons, lats = [], []
    for px, py in corners:
        lon, lat = geo.xy_to_lonlat((px - x0) / k, (py - y0) / k)
        lons.append(lon)
        lats.append(lat)
    span = max(abs(lons[1] - lons[0]), abs(lats[1] - lats[0]))
    step = 1.0 if span > 4 else 0.5 if span > 1.5 else 0.1
    colour = (40, 60, 110)
    label = (30, 40, 80)
    lon = math.floor(min(lons) / step) * step
    while lon <= max(lons) + step:
        a, b = to_px(lon, max(lats)), to_px(lon, min(lats))
        pygame.draw.line(surface, colour, a, b, 1)
        t = fonts.text(f"{abs(lon):.1f}{'E' if lon >= 0 else 'W'}", 12, label)
        surface.blit(t, (a[0] + 3, view.rect.top + 3))
        lon += step
    lat = math.floor(min(lats) / step) * step
    while lat <= max(lats) + step:
        a, b = to_px(min(lons), lat), to_px(max(lons), lat)
        pygame.draw.line(surface, colour, a, b, 1)
        t = fonts.text(f"{abs(lat):.1f}{'N' if lat >= 0 else 'S'}", 12, label)
        surface.blit(t, (view.rect.left + 3, a[1] + 2))
        lat += step


def draw_status(self: EditorScreen, surface: pygame.Surface) -> None:
    w, h = self.app.size
    bar = pygame.Rect(0, h - STATUS_H, w, STATUS_H)
    surface.fill((36, 40, 38), bar)
    parts = [("* " if self.draft.dirty else "") + self.draft.name]
    if self.hover >= 0:
        terrain = self.draft.terrain_at(self.hover) or "?"
        k = self.draft.place_at(self.hover)
        place = f" {self.draft.places()[k].get('name')}" if k is not None else ""
        where = ""
        if self.georef is not None:
            cols = max(1, self.draft.size()[0])
            lon, lat = self.georef.colrow_to_lonlat(self.hover % cols, self.hover // cols)
            where = f"  {abs(lat):.2f}{'N' if lat >= 0 else 'S'} {abs(lon):.2f}{'E' if lon >= 0 else 'W'}"
        parts.append(f"{self.draft.hex_id(self.hover)} {terrain}{place}{where}")
    tool = f"tool: {self.tool}" + (f" {self.terrain} brush {self.brush}" if self.tool in ("paint", "fill") else "")
    if self.tool == "river":
        tool += f" ({self.river_kind}; R again: {'minor' if self.river_kind == 'major' else 'major'}; Shift+drag erases)"
    elif self.tool == "road":
        now, other = ("railway", "road") if self.route_key == "railways" else ("road", "railway")
        tool += f" ({now}; O again: {other}; Shift+drag erases)"
    if self.picking_source:
        tool += " (click the hex the supply source moves to; Esc cancels)"
    if self.picking and self.selected_record:
        record = self.draft.record(self.selected_record)
        what = record.pick_field() if record is not None else None
        tool += f" (picking the {what} of {self.selected_record[1:].replace('_', ' ')} on the map; H or Esc stops)"
    parts.append(tool)
    if self.validator.busy:
        parts.append("checking...")
    elif self.problems:
        parts.append(f"{len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}")
    else:
        parts.append(f"valid ({self.validation_ms:.0f} ms)")
    if self.message and time.monotonic() < self.message_until:
        parts.append(self.message)
    t = fonts.text("   |   ".join(parts), 14, (232, 230, 220))
    surface.blit(t, (8, bar.y + (STATUS_H - t.get_height()) // 2))
    top = pygame.Rect(0, 0, w, TOOLBAR_H)
    pygame.draw.line(surface, (70, 76, 70), top.bottomleft, top.bottomright)

def draw_help(self: EditorScreen, surface: pygame.Surface) -> None:
    lines = [fonts.text("Scenario editor: keys", 18, (226, 196, 110), True)] + [fonts.text(line, 15, (232, 230, 220)) for line in HELP]
    width = max(t.get_width() for t in lines) + 40
    height = sum(t.get_height() + 6 for t in lines) + 30
    box = pygame.Rect(0, 0, width, height)
    box.center = self.map_rect().center
    shade = pygame.Surface(box.size, pygame.SRCALPHA)
    shade.fill((24, 28, 26, 235))
    surface.blit(shade, box)
    pygame.draw.rect(surface, (226, 196, 110), box, 1)
    y = box.y + 15
    for t in lines:
        surface.blit(t, (box.x + 20, y))
        y += t.get_height() + 6
