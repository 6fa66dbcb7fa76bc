"""The scenario editor's screen: the map with its tools, the side panel, the problem list.

Tools: Select (click a counter or place; drag a counter to move it), Paint (a brush of 1, 3 or
7 hexes; one stroke is one undo step), Fill (the connected area of one terrain), Place (click
an empty hex for a new place, a place to select it; drag a place to move it). Counters are
also dragged from the order-of-battle list onto the map. The map pans with the right or
middle button or the arrow keys and zooms with the wheel, as in the game.
"""
from __future__ import annotations

import math
import time
from typing import Any

import numpy as np
import pygame
import pygame_gui

from engine.errors import Problem, ScenarioError
from engine.scenario.roundtrip import EditError
from ui.drawing import fonts
from ui.drawing.palette import palette
from ui.drawing.view import MapView, counter_size
from ui.editor.art import DraftCounters, draft_rules, render_scenario, sync_map
from ui.editor.model import Draft
from ui.editor.panels import PANEL_W, PROBLEMS_H, STATUS_H, TOOLBAR_H, UNIT_FIELDS, Panels, oob_rows, parse_field
from ui.editor.validation import Request, Validator
from ui.stack import Screen, ScreenStack

AUTOSAVE_EVERY = 20.0          # seconds between recovery files while there are unsaved edits
PAN_SPEED = 900.0
DRAG = 5
BRUSHES = (1, 3, 7)

HELP = [
    "S select / move counters     B paint     F fill     P places",
    "1 / 2 / 3   brush of 1, 3 or 7 hexes     [ and ]   previous / next terrain",
    "Left drag   paint, or move a counter or place     Right or middle drag   pan",
    "Wheel, + and -   zoom     Arrows   pan",
    "Ctrl+Z undo     Ctrl+Y or Ctrl+Shift+Z redo     Ctrl+S save     Ctrl+D copy unit     Delete   delete unit",
    "Drag a unit from the Units list onto the map to place it",
    "Click a problem to select its hex or unit     Esc   clear the selection     F1   this help",
]


def recovery_dir():
    from ui.settings import data_dir

    return data_dir() / "editor"


class EditorScreen(Screen):
    """One draft open in the window."""

    def __init__(self, app: ScreenStack, draft: Draft, inline_validation: bool = False) -> None:
        super().__init__(app)
        self.draft = draft
        self.pal = palette(app.settings.colour_blind)
        self.tool = "select"
        self.tab = "map"
        self.brush = 1
        self.rules = draft_rules(draft)
        self.terrains = list(self.rules.terrain_names)
        self.terrain = "forest" if "forest" in self.terrains else self.terrains[0]
        self.selected_unit: int | None = None
        self.selected_place: int | None = None
        self.selected_hex = -1
        self.hover = -1
        self.message = ""
        self.message_until = 0.0
        self.help = False
        self.problems: list[Problem] = []
        self.validated_revision = -1
        self.validation_ms = 0.0
        self.last_autosave = time.monotonic()
        self.autosaved_revision = draft.revision
        # mouse state
        self.press: tuple[int, int] | None = None
        self.press_button = 0
        self.panning = False
        self.stroke: set[int] = set()
        self.drag_unit: int | None = None
        self.drag_place: int | None = None
        self.dragging = False
        self.keys_down: set[int] = set()
        self.view: MapView | None = None
        scenario = render_scenario(draft)
        if scenario is not None:
            self.view = MapView(scenario, self.pal, self.map_rect())
            self.counters = DraftCounters(draft, scenario, self.rules, self.pal)
            self.view.counters = self.counters
            self.view.fit()
            sync_map(self.view, draft)
        for f in draft.files.files.values():
            try:
                f.root()                            # composed now, so the first stroke does not wait for it
            except EditError:
                pass
        self.validator = Validator(inline=inline_validation)
        self.recovered = draft.read_recovery(recovery_dir())
        if self.recovered:
            self.say("recovered the unsaved edits of the last session (Ctrl+Z discards them)")
        self.panels: Panels | None = None
        self.request_validation()

    # -- layout ---------------------------------------------------------------------------
    def map_rect(self) -> pygame.Rect:
        w, h = self.app.size
        return pygame.Rect(0, TOOLBAR_H, w - PANEL_W, h - TOOLBAR_H - PROBLEMS_H - STATUS_H)

    def enter(self) -> None:
        self.build()

    def build(self) -> None:
        ui = self.app.gui()
        ui.clear_and_reset()
        self.panels = Panels(ui, self.app.size, self.terrains, self.tab)
        self.panels.set_tool(self.tool)
        self.panels.set_brush(self.brush)
        self.panels.select_terrain(self.terrain)
        self.refresh_panels(form=True)

    def resize(self, size: tuple[int, int]) -> None:
        if self.view is not None:
            self.view.set_rect(self.map_rect())
        if self.app.top is self:
            self.build()

    def leave(self) -> None:
        self.validator.close()

    def closing(self) -> None:
        self.autosave(force=True)
        self.validator.close()

    def wake_in(self) -> float | None:
        if self.keys_down or self.dragging or self.panning or self.validator.busy:
            return 0
        return 0.25

    def say(self, text: str, seconds: float = 4.0) -> None:
        self.message = text
        self.message_until = time.monotonic() + seconds

    # -- validation and autosave -----------------------------------------------------------
    def request_validation(self) -> None:
        f = self.draft.files
        self.validator.submit(Request(self.draft.revision, str(f.main), f.folder_layout, f.texts(), dict(f.includes)))

    def after_edit(self) -> None:
        """The draft changed (an edit, undo or redo): redraw what changed, check it again."""
        if self.view is not None:
            sync_map(self.view, self.draft)
        if self.selected_unit is not None and self.selected_unit >= len(self.draft.units()):
            self.selected_unit = None
        if self.selected_place is not None and self.selected_place >= len(self.draft.places()):
            self.selected_place = None
        self.refresh_panels(form=True)
        self.request_validation()

    def autosave(self, force: bool = False) -> None:
        if self.draft.revision == self.autosaved_revision and not force:
            return
        if not self.draft.dirty:
            self.autosaved_revision = self.draft.revision
            return
        try:
            self.draft.write_recovery(recovery_dir())
            self.autosaved_revision = self.draft.revision
        except OSError as exc:
            self.say(f"cannot write the recovery file: {exc.strerror or exc}")
        self.last_autosave = time.monotonic()

    def update(self, dt: float) -> None:
        self.app.gui().update(dt)
        self.validator.poll()
        got = self.validator.latest
        if got is not None and got.revision != self.validated_revision:
            self.validated_revision = got.revision
            self.validation_ms = got.ms
            self.problems = got.problems
            if got.error:
                self.say(f"validation failed: {got.error}")
            self.refresh_problems()
        self._pan(dt)
        if time.monotonic() - self.last_autosave > AUTOSAVE_EVERY:
            self.last_autosave = time.monotonic()
            self.autosave()

    def _pan(self, dt: float) -> None:
        if self.view is None or self.panels is None or self.panels.focused_entry() is not None:
            return
        dx = (pygame.K_RIGHT in self.keys_down) - (pygame.K_LEFT in self.keys_down)
        dy = (pygame.K_DOWN in self.keys_down) - (pygame.K_UP in self.keys_down)
        if dx or dy:
            self.view.pan(dx * PAN_SPEED * dt, dy * PAN_SPEED * dt)

    # -- panels ---------------------------------------------------------------------------
    def refresh_panels(self, form: bool = False) -> None:
        p = self.panels
        if p is None:
            return
        p.set_oob(oob_rows(self.draft), self.selected_unit)
        if form:
            units = self.draft.units()
            p.fill_unit_form(units[self.selected_unit] if self.selected_unit is not None else None)
            places = self.draft.places()
            p.fill_place_form(places[self.selected_place] if self.selected_place is not None else None)
        self.refresh_problems()

    def refresh_problems(self) -> None:
        if self.panels is None:
            return
        rows = [str(p) for p in self.problems[:300]]
        if len(self.problems) > 300:
            rows.append(f"... and {len(self.problems) - 300} more (fix these first)")
        self.panels.set_problems(rows)

    # -- edits ----------------------------------------------------------------------------
    def run_edit(self, action, *args: Any) -> Any:
        """Call a draft edit; an edit that cannot be made says why and changes nothing."""
        try:
            result = action(*args)
        except (EditError, ScenarioError, ValueError) as exc:
            self.say(f"cannot do that: {exc}")
            return None
        self.after_edit()
        return result

    def undo(self) -> None:
        label = self.draft.undo()
        self.say(f"undid: {label}" if label else "nothing to undo", 2.0)
        if label:
            self.after_edit()

    def redo(self) -> None:
        label = self.draft.redo()
        self.say(f"redid: {label}" if label else "nothing to redo", 2.0)
        if label:
            self.after_edit()

    def save(self) -> None:
        try:
            known = self.problems if self.validated_revision == self.draft.revision else None
            result = self.draft.save(problems=known)
        except OSError as exc:
            self.say(f"NOT saved: {exc.strerror or exc} ({exc.filename}); the file on disk is unchanged", 8.0)
            return
        self.say(result.message(), 6.0)
        if not result.draft:
            try:
                self.draft.recovery_path(recovery_dir()).unlink()
            except OSError:
                pass
        self.autosaved_revision = self.draft.revision

    def brush_hexes(self, i: int) -> list[int]:
        if i < 0:
            return []
        nbr = self.view.scenario.map.neighbors if self.view is not None else None
        if self.brush == 1 or nbr is None:
            return [i]
        around = [int(j) for j in nbr[i] if j >= 0]
        if self.brush == 3:
            return [i] + [int(j) for j in nbr[i][:2] if j >= 0]
        return [i] + around

    def fill_hexes(self, i: int) -> list[int]:
        """The connected hexes of the same terrain as hex i (the flood fill's area)."""
        if self.view is None or i < 0:
            return []
        m = self.view.scenario.map
        t = m.terrain[i]
        seen = np.zeros(m.size, dtype=bool)
        seen[i] = True
        todo = [i]
        out = []
        while todo:
            k = todo.pop()
            out.append(k)
            for j in m.neighbors[k]:
                if j >= 0 and not seen[j] and m.terrain[j] == t:
                    seen[j] = True
                    todo.append(int(j))
        return out

    def paint_preview(self, hexes: list[int]) -> None:
        """Show a stroke at once on the map (the draft takes it on mouse up, as one undo step)."""
        if self.view is None:
            return
        m = self.view.scenario.map
        code = self.terrains.index(self.terrain)
        new = [i for i in hexes if i not in self.stroke]
        self.stroke.update(hexes)
        changed = np.array([i for i in new if m.terrain[i] != code], dtype=np.int64)
        if len(changed):
            m.terrain[changed] = code
            from ui.editor.art import refresh_static

            view = self.view
            for level in [lvl for lvl in view._static if lvl != view.level]:
                del view._static[level]              # other zoom levels are drawn again when shown
            refresh_static(view.static(), changed)

    def finish_stroke(self) -> None:
        if not self.stroke:
            return
        hexes, self.stroke = sorted(self.stroke), set()
        n = self.run_edit(self.draft.paint, hexes, self.terrain)
        if n is None and self.view is not None:
            sync_map(self.view, self.draft)          # the edit failed: show the draft as it is

    def place_check(self, k: int, i: int) -> str:
        """What is wrong with unit k starting on hex i, said at once (live validation confirms)."""
        if self.view is None:
            return ""
        m = self.view.scenario.map
        rules = self.view.scenario.rules
        t = int(m.terrain[i])
        if rules.impassable[t]:
            return f"{self.draft.hex_id(i)} is {rules.terrain_names[t]}: units cannot enter it"
        units = self.draft.units()
        others = [j for j in self.draft.units_at(i) if j != k]
        side = units[k].get("side")
        if any(units[j].get("side") != side for j in others):
            return f"units of the other side are on {self.draft.hex_id(i)}"
        limit = self.rules.model.stacking.max_units
        if len(others) + 1 > limit:
            return f"{len(others) + 1} units on {self.draft.hex_id(i)}; the stacking limit is {limit}"
        return ""

    def drop_unit(self, k: int, i: int) -> None:
        if i < 0:
            return
        warning = self.place_check(k, i)
        self.run_edit(self.draft.move_unit, k, i)
        self.selected_unit = k
        self.selected_hex = i
        self.refresh_panels(form=True)
        if warning:
            self.say(f"placed, but: {warning}", 6.0)

    def new_unit(self) -> None:
        units = self.draft.units()
        base = dict(units[self.selected_unit]) if self.selected_unit is not None else (dict(units[-1]) if units else {})
        sides = [s.get("id") for s in self.draft.data.get("sides", []) if isinstance(s, dict)]
        unit = {"id": self.draft.fresh_id(str(base.get("id", "new_unit"))), "name": "New unit",
                "side": base.get("side", sides[0] if sides else "a"), "nation": base.get("nation", base.get("side", "a")),
                "type": base.get("type", next(iter(self.rules.model.unit_types)))}
        if self.selected_hex >= 0:
            unit["hex"] = self.draft.hex_id(self.selected_hex)
        k = self.run_edit(self.draft.add_unit, unit)
        if k is not None:
            self.selected_unit = k
            self.refresh_panels(form=True)

    def apply_unit_form(self) -> None:
        if self.selected_unit is None or self.panels is None:
            self.say("select a unit first")
            return
        unit = self.draft.units()[self.selected_unit]
        changes = []
        for name in UNIT_FIELDS:
            text = self.panels.fields[name].get_text()
            try:
                value = parse_field(name, text)
            except ValueError:
                self.say(f"{name}: '{text}' is not a number")
                return
            if value != unit.get(name) and not (value is None and name not in unit):
                changes.append((name, value))
        if not changes:
            return
        k = self.selected_unit

        def apply() -> None:
            with self.draft.edit(f"unit {', '.join(n for n, _ in changes)}") as files:
                for name, value in changes:
                    if value is None:
                        if files.has(("units", k, name)):
                            files.delete(("units", k, name))
                    else:
                        files.set(("units", k, name), value)

        self.run_edit(apply)

    def apply_place_form(self) -> None:
        if self.selected_place is None or self.panels is None:
            self.say("select a place first (Place tool)")
            return
        place = self.draft.places()[self.selected_place]
        changes = []
        for name, entry in self.panels.place_fields.items():
            try:
                value = parse_field(name, entry.get_text())
            except ValueError:
                self.say(f"{name}: '{entry.get_text()}' is not a number")
                return
            if value != place.get(name) and not (value is None and name not in place):
                changes.append((name, value))
        k = self.selected_place

        def apply() -> None:
            with self.draft.edit(f"place {', '.join(n for n, _ in changes)}") as files:
                for name, value in changes:
                    if value is None:
                        if files.has(("map", "places", k, name)):
                            files.delete(("map", "places", k, name))
                    else:
                        files.set(("map", "places", k, name), value)

        if changes:
            self.run_edit(apply)

    def new_place(self, i: int) -> None:
        taken = {p.get("name") for p in self.draft.places()}
        n = 1
        while f"New place {n}" in taken:
            n += 1
        if self.run_edit(self.draft.add_place, f"New place {n}", i) is not None or True:
            self.selected_place = self.draft.place_at(i)
            self.refresh_panels(form=True)

    # -- problems -------------------------------------------------------------------------
    def select_problem(self, k: int) -> None:
        """Select what problem k is about: its unit, place or hex, and bring it into view."""
        if k >= len(self.problems):
            return
        p = self.problems[k]
        path = tuple(p.path)
        target = -1
        if len(path) >= 2 and path[0] == "units" and isinstance(path[1], int) and path[1] < len(self.draft.units()):
            self.selected_unit = path[1]
            self.tab = "units"
            target = self.draft.hex_index(self.draft.units()[path[1]].get("hex")) or -1
        elif len(path) >= 3 and path[:2] == ("map", "places") and isinstance(path[2], int) and path[2] < len(self.draft.places()):
            self.selected_place = path[2]
            self.tab = "map"
            target = self.draft.hex_index(self.draft.places()[path[2]].get("hex")) or -1
        elif path[:2] == ("map", "terrain"):
            target = self.terrain_problem_hex(p)
        else:
            node: Any = self.draft.data
            for part in path:
                if isinstance(node, dict) and part in node:
                    node = node[part]
                elif isinstance(node, list) and isinstance(part, int) and part < len(node):
                    node = node[part]
                else:
                    break
            if isinstance(node, dict) and "hex" in node:
                target = self.draft.hex_index(node["hex"]) or -1
            elif isinstance(node, str):
                target = self.draft.hex_index(node) or -1
        if target >= 0:
            self.selected_hex = target
            if self.view is not None:
                self.view.centre_on(target)
        if self.panels is not None:
            self.panels.show_tab(self.tab)
        self.refresh_panels(form=True)
        self.say(p.message, 6.0)

    def terrain_problem_hex(self, p: Problem) -> int:
        f, inner = self.draft.files.file_for(("map", "terrain"))
        try:
            node = f.node(inner)
        except EditError:
            return -1
        lines = f.text.split("\n")
        first = node.start_mark.line + 1
        while first < len(lines) and not lines[first].strip():
            first += 1
        indent = len(lines[first]) - len(lines[first].lstrip(" ")) if first < len(lines) else 0
        row, col = p.line - 1 - first, p.col - 1 - indent
        cols, rows = self.draft.size()
        return row * cols + col if 0 <= row < rows and 0 <= col < cols else -1

    # -- events ---------------------------------------------------------------------------
    def process_event(self, event: pygame.event.Event) -> None:
        ui = self.app.gui()
        consumed = ui.process_events(event)
        t = event.type
        if t == pygame_gui.UI_BUTTON_PRESSED:
            self.on_button(event.ui_element)
            return
        if t == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION:
            self.on_select(event.ui_element)
            return
        if t == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            if self.panels is not None and event.ui_element in self.panels.fields.values():
                self.apply_unit_form()
            elif self.panels is not None and event.ui_element in self.panels.place_fields.values():
                self.apply_place_form()
            return
        if t == pygame.KEYUP:
            self.keys_down.discard(event.key)
            return
        if t == pygame.KEYDOWN:
            entry = self.panels.focused_entry() if self.panels is not None else None
            if entry is not None:
                if event.key == pygame.K_ESCAPE:
                    entry.unfocus()
                return
            self.on_key(event)
            return
        if t == pygame.MOUSEWHEEL:
            if self.view is not None and self.view.rect.collidepoint(self.app.mouse):
                self.view.zoom_at(1 if event.y > 0 else -1, self.app.mouse)
            return
        if t == pygame.MOUSEBUTTONDOWN:
            self.on_mouse_down(event, consumed)
        elif t == pygame.MOUSEMOTION:
            self.on_mouse_motion(event)
        elif t == pygame.MOUSEBUTTONUP:
            self.on_mouse_up(event)

    def on_button(self, element: Any) -> None:
        p = self.panels
        if p is None:
            return
        for tool, button in p.tool_buttons.items():
            if element is button:
                self.set_tool(tool)
                return
        if element is p.brush_button:
            self.set_brush(BRUSHES[(BRUSHES.index(self.brush) + 1) % len(BRUSHES)])
        elif element is p.undo_button:
            self.undo()
        elif element is p.redo_button:
            self.redo()
        elif element is p.save_button:
            self.save()
        elif element is p.help_button:
            self.help = not self.help
        elif element is p.map_tab:
            self.tab = "map"
            p.show_tab("map")
        elif element is p.units_tab:
            self.tab = "units"
            p.show_tab("units")
        elif element is p.add_button:
            self.new_unit()
        elif element is p.copy_button:
            self.copy_selected()
        elif element is p.delete_button:
            self.delete_selected()
        elif element is p.unit_apply:
            self.apply_unit_form()
        elif element is p.place_apply:
            self.apply_place_form()
        elif element is p.place_delete and self.selected_place is not None:
            k, self.selected_place = self.selected_place, None
            self.run_edit(self.draft.delete_place, k)

    def on_select(self, element: Any) -> None:
        p = self.panels
        if p is None:
            return
        if element is p.terrain_list:
            text = element.get_single_selection()
            if text in self.terrains:
                self.terrain = text
                if self.tool not in ("paint", "fill"):
                    self.set_tool("paint")
        elif element is p.oob:
            got = element.get_single_selection(include_object_id=True)
            if got and str(got[1]).startswith("#u"):
                self.selected_unit = int(str(got[1])[2:])
                i = self.draft.hex_index(self.draft.units()[self.selected_unit].get("hex"))
                if i is not None and self.view is not None:
                    self.selected_hex = i
                    if not self.view.rect.collidepoint(self.view.to_screen(i)):
                        self.view.centre_on(i)
                self.refresh_panels(form=True)
        elif element is p.problems:
            got = element.get_single_selection(include_object_id=True)
            if got and str(got[1]).startswith("#p"):
                self.select_problem(int(str(got[1])[2:]))

    def set_tool(self, tool: str) -> None:
        self.tool = tool
        if self.panels is not None:
            self.panels.set_tool(tool)
            if tool in ("paint", "fill", "place") and self.tab != "map":
                self.tab = "map"
                self.panels.show_tab("map")

    def set_brush(self, size: int) -> None:
        self.brush = size
        if self.panels is not None:
            self.panels.set_brush(size)

    def copy_selected(self) -> None:
        if self.selected_unit is None:
            self.say("select a unit to copy")
            return
        k = self.run_edit(self.draft.copy_unit, self.selected_unit)
        if k is not None:
            self.selected_unit = k
            self.refresh_panels(form=True)

    def delete_selected(self) -> None:
        if self.selected_unit is None:
            self.say("select a unit to delete")
            return
        k, self.selected_unit = self.selected_unit, None
        self.run_edit(self.draft.delete_unit, k)

    def on_key(self, event: pygame.event.Event) -> None:
        k = event.key
        ctrl = bool(event.mod & (pygame.KMOD_CTRL | pygame.KMOD_META))
        shift = bool(event.mod & pygame.KMOD_SHIFT)
        if ctrl and k == pygame.K_z:
            self.redo() if shift else self.undo()
        elif ctrl and k == pygame.K_y:
            self.redo()
        elif ctrl and k == pygame.K_s:
            self.save()
        elif ctrl and k == pygame.K_d:
            self.copy_selected()
        elif ctrl and k == pygame.K_q:
            self.closing()
            self.app.quit(0)
        elif k in (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN):
            self.keys_down.add(k)
        elif k == pygame.K_s:
            self.set_tool("select")
        elif k == pygame.K_b:
            self.set_tool("paint")
        elif k == pygame.K_f:
            self.set_tool("fill")
        elif k == pygame.K_p:
            self.set_tool("place")
        elif k in (pygame.K_1, pygame.K_2, pygame.K_3):
            self.set_brush(BRUSHES[k - pygame.K_1])
        elif k in (pygame.K_LEFTBRACKET, pygame.K_RIGHTBRACKET):
            n = self.terrains.index(self.terrain) + (1 if k == pygame.K_RIGHTBRACKET else -1)
            self.terrain = self.terrains[n % len(self.terrains)]
            if self.panels is not None:
                self.panels.select_terrain(self.terrain)
            self.say(f"terrain: {self.terrain}", 2.0)
        elif k in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS, pygame.K_MINUS, pygame.K_KP_MINUS) and self.view is not None:
            self.view.zoom_at(-1 if k in (pygame.K_MINUS, pygame.K_KP_MINUS) else 1,
                              self.app.mouse if self.view.rect.collidepoint(self.app.mouse) else None)
        elif k == pygame.K_DELETE:
            self.delete_selected()
        elif k == pygame.K_F1:
            self.help = not self.help
        elif k == pygame.K_ESCAPE:
            if self.help:
                self.help = False
            else:
                self.selected_unit = self.selected_place = None
                self.selected_hex = -1
                self.refresh_panels(form=True)

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
        if self.tool == "paint":
            self.paint_preview(self.brush_hexes(i))
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
        if i < 0:
            return
        self.selected_hex = i
        if self.tool == "fill":
            self.run_edit(self.draft.paint, self.fill_hexes(i), self.terrain)
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
                if self.tab != "units" and self.panels is not None:
                    self.tab = "units"
                    self.panels.show_tab("units")
            self.selected_place = self.draft.place_at(i)
            self.refresh_panels(form=True)

    # -- drawing --------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        surface.fill((30, 34, 32))
        view = self.view
        if view is not None:
            view.draw_static(surface)
            counters = self.counters
            stacks, looks = counters.stacks()
            view.draw_units(surface, stacks, looks)
            clip = surface.get_clip()
            surface.set_clip(view.rect)
            if self.tool in ("paint", "fill") and self.hover >= 0 and self.press is None:
                hexes = self.brush_hexes(self.hover) if self.tool == "paint" else [self.hover]
                for i in hexes:
                    view.draw_hex_outline(surface, i, (255, 255, 255), 2)
            if self.selected_hex >= 0:
                view.draw_hex_outline(surface, self.selected_hex, (226, 196, 110), 3)
            if self.selected_unit is not None and self.selected_unit < len(self.draft.units()):
                on = self.draft.hex_index(self.draft.units()[self.selected_unit].get("hex"))
                if on is not None:
                    view.draw_hex_outline(surface, on, (255, 230, 120), 3, scale=1.0)
            for p in self.problems[:200]:
                bad = self.problem_hex(p)
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
        self.draw_status(surface)
        self.app.gui().draw_ui(surface)
        if self.help:
            self.draw_help(surface)

    def problem_hex(self, p: Problem) -> int | None:
        path = tuple(p.path)
        if len(path) >= 3 and path[0] == "units" and path[2] == "hex" and isinstance(path[1], int) and path[1] < len(self.draft.units()):
            return self.draft.hex_index(self.draft.units()[path[1]].get("hex"))
        return None

    def draw_status(self, surface: pygame.Surface) -> None:
        w, h = self.app.size
        bar = pygame.Rect(0, h - STATUS_H, w, STATUS_H)
        surface.fill((36, 40, 38), bar)
        parts = [("* " if self.draft.dirty else "") + self.draft.name]
        if self.hover >= 0:
            terrain = self.draft.terrain_at(self.hover) or "?"
            k = self.draft.place_at(self.hover)
            place = f" {self.draft.places()[k].get('name')}" if k is not None else ""
            parts.append(f"{self.draft.hex_id(self.hover)} {terrain}{place}")
        parts.append(f"tool: {self.tool}" + (f" {self.terrain} brush {self.brush}" if self.tool in ("paint", "fill") else ""))
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

    def draw_help(self, surface: pygame.Surface) -> None:
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
