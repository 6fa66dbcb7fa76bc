"""The scenario editor's screen: the map with its tools, the side panel, the problem list.

Tools: Select (click a counter or place; drag a counter to move it), Paint (a brush of 1, 3 or
7 hexes; one stroke is one undo step), Fill (the connected area of one terrain), Place (click
an empty hex for a new place, a place to select it; drag a place to move it). Counters are
also dragged from the order-of-battle list onto the map. The map pans with the right or
middle button or the arrow keys and zooms with the wheel, as in the game.
"""
from __future__ import annotations

import time
from typing import Any, Callable

import pygame
import pygame_gui

from engine.errors import Problem
from engine.scenario.roundtrip import EditError
from ui.drawing.palette import palette
from ui.drawing.view import MapView
from ui.editor.art import DraftCounters, draft_rules, render_scenario, sync_map
from ui.editor.hud import draw_editor
from ui.editor.model import Draft, recovery_dir
from ui.editor.mouse import MouseTools
from ui.editor.panels import PANEL_W, PROBLEMS_H, STATUS_H, TOOLBAR_H, Panels, oob_rows, turn_event_rows, turn_rows
from ui.editor.validation import Request, Validator
from ui.stack import Screen, ScreenStack

AUTOSAVE_EVERY = 20.0          # seconds between recovery files while there are unsaved edits
PAN_SPEED = 900.0
BRUSHES = (1, 3, 7)



NO_PROBLEMS = "No problems: the scenario is valid (the same check as wargame validate)."


class EditorScreen(MouseTools, Screen):
    """One draft open in the window."""

    partial_frames = True         # a stroke, the brush outline and the status line change small regions

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
        self.river_kind = "minor"
        self.route_key = "roads"
        self.side_stroke: list[tuple[int, int]] = []
        self.route_stroke: list[int] = []
        self.erasing = False
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
        self.georef = draft.georef()                 # None without a geo block
        self.balance: Any = None                     # a QuickBalance while games run or their report shows
        self.selected_source: int | None = None      # a supply source (Supply tool)
        self.selected_reinforcement: tuple[int, int] | None = None    # (entry, position) of a reinforcement in the tree
        self.selected_objective: int | None = None   # an objective (Goal tool)
        self.turn = 1                                # the turn track's selected turn
        self.turn_event: str | None = None           # its selected entry: #r<entry>_<unit> or #w<entry>_<unit>
        self.graticule = False
        self.selected_record: str | None = None      # the Rules tab's record (#level_0, #rule_2 ...)
        self.picking = False                         # map clicks go to the record's hexes
        self.picking_source = False                  # the next map click moves the selected supply source
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
        self.panels.set_kinds(self.river_kind, self.route_key)
        self.panels.select_terrain(self.terrain)
        self.refresh_panels(form=True)

    def resize(self, size: tuple[int, int]) -> None:
        if self.view is not None:
            self.view.set_rect(self.map_rect())
        if self.app.top is self:
            self.build()

    def leave(self) -> None:
        self.validator.close()
        if self.balance is not None:
            self.balance.stop()

    def closing(self) -> None:
        self.autosave(force=True)
        self.validator.close()

    def wake_in(self) -> float | None:
        if self.keys_down or self.dragging or self.panning or self.validator.busy or (self.balance is not None and not self.balance.state.finished):
            return 0
        return 0.25

    def say(self, text: str, seconds: float = 4.0) -> None:
        self.message = text
        self.message_until = time.monotonic() + seconds

    # -- validation and autosave -----------------------------------------------------------
    def request_validation(self) -> None:
        f = self.draft.files
        self.validator.submit(Request(self.draft.revision, str(f.main), f.folder_layout, f.texts(), dict(f.includes)))

    def after_edit(self, panels: bool = True) -> None:
        """The draft changed (an edit, undo or redo): redraw what changed, check it again.
        `panels=False`: nothing the side panel shows changed (terrain painted), its lists and
        forms stay as they are."""
        if self.view is not None:
            sync_map(self.view, self.draft)
        if self.selected_unit is not None and self.selected_unit >= len(self.draft.units()):
            self.selected_unit = None
        if self.selected_place is not None and self.selected_place >= len(self.draft.places()):
            self.selected_place = None
        if panels:
            self.refresh_panels(form=True)
        else:
            self.refresh_problems()
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
            if self.panels is not None:
                self.panels.rules.problem.set_text(self.record_problem()[:70])
        if self.balance is not None:
            before = (self.balance.state.done, self.balance.state.finished)
            state = self.balance.poll()
            if (state.done, state.finished) != before:
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
        reinforcement = self.reinforcement_unit() if self.selected_unit is None else None
        chosen: int | str | None = self.selected_unit
        if reinforcement is not None and self.selected_reinforcement is not None:
            chosen = f"#r{self.selected_reinforcement[0]}_{self.selected_reinforcement[1]}"
        p.set_oob(oob_rows(self.draft), chosen)
        if self.tab == "turns":
            self.turn = max(1, min(self.turn, max(1, self.draft.turns())))
            p.set_turns(turn_rows(self.draft), turn_event_rows(self.draft, self.turn), self.turn, self.turn_event)
        if form:
            units = self.draft.units()
            p.fill_unit_form(units[self.selected_unit] if self.selected_unit is not None else reinforcement)
            places = self.draft.places()
            p.fill_place_form(places[self.selected_place] if self.selected_place is not None else None)
            p.fill_header_form(self.draft.data)
            sources = self.draft.supply_sources()
            p.fill_supply_form(sources[self.selected_source] if self.selected_source is not None and self.selected_source < len(sources) else None)
            goals = self.draft.objectives()
            p.fill_objective_form(goals[self.selected_objective] if self.selected_objective is not None and self.selected_objective < len(goals)
                                  else None)
            self.fill_rules()
        self.refresh_problems()

    def fill_rules(self) -> None:
        """The Rules tab: its records, and the selected one's form with its first problem."""
        if self.panels is None:
            return
        records = self.draft.records()
        record = next((r for r in records if r.oid == self.selected_record), None)
        if record is None:
            self.selected_record = None
            self.picking = False
        self.panels.rules.set_records([(r.label[:58], r.oid) for r in records], self.selected_record)
        self.panels.rules.fill(record, self.draft.record_values(record) if record is not None else {}, self.record_problem(), self.picking)

    def record_problem(self) -> str:
        """The first problem of the Rules tab's record (as `wargame validate` words it)."""
        record = self.draft.record(self.selected_record) if self.selected_record else None
        if record is None:
            return ""
        if self.validated_revision != self.draft.revision:
            return "checking..."
        mine = [q for q in self.problems if tuple(q.path[:len(record.path)]) == record.path]
        if not mine:
            return "no problems"
        more = f" (+{len(mine) - 1} more)" if len(mine) > 1 else ""
        return f"line {mine[0].line}: {mine[0].message}{more}"

    def refresh_problems(self) -> None:
        if self.panels is None:
            return
        rows = [str(p) for p in self.problems[:300]]
        if len(self.problems) > 300:
            rows.append(f"... and {len(self.problems) - 300} more (fix these first)")
        if not rows and (self.validated_revision == self.draft.revision or self.panels.problem_rows[:1] == [NO_PROBLEMS]):
            # While an edit is checked (the status line says so) the list keeps its verdict: a
            # stroke does not empty and refill it twice.
            rows = [NO_PROBLEMS]
        if self.balance is not None:
            from ui.editor.balance import report_lines

            data = self.draft.data
            names = {str(s.get("id")): str(s.get("name", s.get("id"))) for s in data.get("sides", []) if isinstance(s, dict)}
            victory = data.get("victory")
            vp_side = victory.get("vp_side") if isinstance(victory, dict) else None
            rows = report_lines(self.balance.state, names, vp_side) + rows
        self.panels.set_problems(rows)

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
            elif self.panels is not None and event.ui_element in self.panels.objective_fields.values():
                self.apply_objective_form()
            elif self.panels is not None and event.ui_element in self.panels.supply_fields.values():
                self.apply_supply_form()
            elif self.panels is not None and event.ui_element in self.panels.header_fields.values():
                self.apply_header_form()
            elif self.panels is not None and event.ui_element in self.panels.rules.entries:
                self.apply_record_form()
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
                if tool == self.tool == "river":
                    self.river_kind = "major" if self.river_kind == "minor" else "minor"
                elif tool == self.tool == "road":
                    self.route_key = "railways" if self.route_key == "roads" else "roads"
                self.set_tool(tool)
                return
        tabs = {p.map_tab: "map", p.units_tab: "units", p.turns_tab: "turns", p.scenario_tab: "scenario", p.rules_tab: "rules"}
        if element in tabs:
            self.tab = tabs[element]
            p.show_tab(self.tab)
            if self.tab == "turns":
                self.refresh_panels()
            elif self.tab == "rules":
                self.refresh_panels(form=True)
            return
        actions: dict[Any, Callable[[], Any]] = {
            p.brush_button: lambda: self.set_brush(BRUSHES[(BRUSHES.index(self.brush) + 1) % len(BRUSHES)]),
            p.undo_button: self.undo, p.redo_button: self.redo, p.save_button: self.save, p.play_button: self.play,
            p.balance_button: self.quick_balance, p.grid_button: self.toggle_graticule, p.help_button: self.toggle_help,
            p.earlier_button: lambda: self.move_turn_entry(-1), p.later_button: lambda: self.move_turn_entry(1),
            p.arrive_button: self.arrive_this_turn, p.withdraw_button: self.withdraw_this_turn,
            p.header_apply: self.apply_header_form, p.add_side_button: self.add_side, p.remove_side_button: self.remove_side,
            p.new_button: self.open_new_form,
            p.rules.apply: self.apply_record_form, p.rules.delete: self.delete_record, p.rules.pick: self.toggle_picking,
            p.rules.add_level: lambda: self.add_record("level"), p.rules.add_weather: lambda: self.add_record("weather"),
            p.rules.add_kind: lambda: self.add_record("kind"), p.rules.add_nation: lambda: self.add_record("nation"),
            p.rules.add_rule: lambda: self.add_record("rule"), p.rules.add_milestone: lambda: self.add_record("milestone"),
            p.add_button: self.new_unit, p.copy_button: self.copy_selected, p.delete_button: self.delete_selected,
            p.unit_apply: self.apply_unit_form, p.objective_apply: self.apply_objective_form,
            p.supply_apply: self.apply_supply_form, p.place_apply: self.apply_place_form, p.supply_pick: self.pick_source_hex,
        }
        if element in actions:
            actions[element]()
        elif element is p.supply_delete and self.selected_source is not None:
            k, self.selected_source = self.selected_source, None
            self.run_edit(self.draft.delete_source, k)
        elif element is p.place_delete and self.selected_place is not None:
            k, self.selected_place = self.selected_place, None
            self.run_edit(self.draft.delete_place, k)

    def toggle_help(self) -> None:
        self.help = not self.help

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
            if got and str(got[1]).startswith("#nationrow_"):
                self.open_nation(str(got[1]).split("_", 2)[2])
            elif got and str(got[1]).startswith("#r"):
                self.selected_unit = None
                g, j = (int(x) for x in str(got[1])[2:].split("_"))
                self.selected_reinforcement = (g, j)
                self.refresh_panels(form=True)
            elif got and str(got[1]).startswith("#u"):
                self.selected_reinforcement = None
                self.selected_unit = int(str(got[1])[2:])
                i = self.draft.hex_index(self.draft.units()[self.selected_unit].get("hex"))
                if i is not None and self.view is not None:
                    self.selected_hex = i
                    if not self.view.rect.collidepoint(self.view.to_screen(i)):
                        self.view.centre_on(i)
                self.refresh_panels(form=True)
        elif element is p.turn_list:
            got = element.get_single_selection(include_object_id=True)
            if got and str(got[1]).startswith("#turn"):
                self.turn = int(str(got[1])[5:])
                self.turn_event = None
                self.refresh_panels()
        elif element is p.turn_events:
            got = element.get_single_selection(include_object_id=True)
            if got and str(got[1])[:2] in ("#r", "#w"):
                self.turn_event = str(got[1])
        elif element is p.rules.list:
            got = element.get_single_selection(include_object_id=True)
            if got:
                self.select_record(str(got[1]))
        elif element is p.problems:
            got = element.get_single_selection(include_object_id=True)
            if got and str(got[1]).startswith("#p"):
                self.select_problem(int(str(got[1])[2:]))

    def toggle_graticule(self) -> None:
        if self.georef is None:
            self.say("the map has no geo block (wargame mapgen writes one): no longitude and latitude to show")
            return
        self.graticule = not self.graticule

    def set_tool(self, tool: str) -> None:
        self.tool = tool
        if self.picking_source and tool != "supply":
            self.pick_source_hex()                       # another tool: the source stays
        if self.panels is not None:
            self.panels.set_tool(tool)
            self.panels.set_kinds(self.river_kind, self.route_key)
            if tool in ("paint", "fill", "place", "supply", "objective") and self.tab != "map":
                self.tab = "map"
                self.panels.show_tab("map")

    def set_brush(self, size: int) -> None:
        self.brush = size
        if self.panels is not None:
            self.panels.set_brush(size)

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
        elif ctrl and k == pygame.K_p:
            self.play()
        elif ctrl and k == pygame.K_n:
            self.open_new_form()
        elif ctrl and k == pygame.K_q:
            self.closing()
            self.app.quit(0)
        elif k in (pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN):
            self.keys_down.add(k)
        elif k == pygame.K_s:
            self.set_tool("select")
        elif k == pygame.K_g:
            self.toggle_graticule()
        elif k == pygame.K_r:
            if self.tool == "river":
                self.river_kind = "major" if self.river_kind == "minor" else "minor"
            self.set_tool("river")
        elif k == pygame.K_u:
            self.set_tool("supply")
        elif k == pygame.K_h:
            self.toggle_picking()
        elif k == pygame.K_j:
            self.set_tool("objective")
        elif k == pygame.K_o:
            if self.tool == "road":
                self.route_key = "railways" if self.route_key == "roads" else "roads"
            self.set_tool("road")
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
            self.toggle_help()
        elif k == pygame.K_ESCAPE:
            if self.help:
                self.help = False
            elif self.picking_source:
                self.pick_source_hex()                   # cancelled: the source stays
            elif self.picking:
                self.picking = False
                self.refresh_panels(form=True)
            else:
                self.selected_unit = self.selected_place = self.selected_source = self.selected_objective = None
                self.selected_hex = -1
                self.refresh_panels(form=True)

    # -- drawing --------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        draw_editor(self, surface)

    def redrew_all(self) -> bool:
        """The map moved (a pan, a zoom, a new size): the whole window changed."""
        return self.camera_moved(self.view)
