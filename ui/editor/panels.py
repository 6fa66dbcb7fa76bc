"""The editor's pygame_gui widgets: the tool bar, the side panel (terrain palette and place
form on the Map tab; order-of-battle tree and unit form on the Units tab) and the problem
list. They live in the window's shared manager with the menus' theme; the screen
(ui/editor/screen.py) reacts to their events."""
from __future__ import annotations

from typing import Any

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UILabel, UISelectionList, UITextEntryLine

from ui.editor.model import Draft, side_count, side_limits
from ui.editor.records import field_text
from ui.editor.rulestab import RulesPanel, mark_selected

TOOLBAR_H = 36
PANEL_W = 380
PROBLEMS_H = 150
STATUS_H = 24

UNIT_FIELDS = ("id", "name", "short", "type", "side", "nation", "hex", "steps", "attack", "defence", "movement", "size", "parent", "note")
PLACE_FIELDS = ("name", "name_local", "kind", "vp")
HEADER_FIELDS = ("title", "start_date", "turns", "days_per_turn", "hex_km", "first_side",
                 "sides.0.name", "sides.0.colour", "sides.1.name", "sides.1.colour", "victory.vp_side", "weather.default")
TOOLS = (("select", "Select [S]"), ("paint", "Paint [B]"), ("fill", "Fill [F]"), ("place", "Place [P]"), ("river", "River [R]"),
         ("road", "Road [O]"), ("supply", "Supply [U]"),
         ("objective", "Goal [J]"))
SUPPLY_FIELDS = ("side", "kind", "range", "from_turn", "until_turn", "capture_delay", "name")
OBJECTIVE_FIELDS = ("id", "name", "side", "kind", "hexes", "by_turn", "until_turn", "vp", "fail_vp", "sudden_death")
MAX_PROBLEMS_LISTED = 300


def parse_field(name: str, text: str) -> Any:
    """What a designer typed into a form field, as the value to write (None: remove the field)."""
    text = text.strip()
    if not text:
        return None
    if name in ("attack", "defence"):
        return [_number(t) for t in text.replace(";", ",").split(",") if t.strip()]
    if name in ("steps", "max_steps", "vp", "fail_vp", "turns", "days_per_turn", "from_turn", "until_turn", "by_turn", "capture_delay"):
        return int(text)
    if name in ("movement", "hex_km", "range"):
        return _number(text)
    if name == "start_date":
        import datetime as dt

        return dt.date.fromisoformat(text)
    return text


def _number(text: str) -> int | float:
    value = float(text.strip())
    return int(value) if value.is_integer() else value


def turn_rows(draft: Draft) -> list[tuple[str, str]]:
    """One row a turn: its date, how many units arrive and leave."""
    arrive: dict[int, int] = {}
    leave: dict[int, int] = {}
    for key, counts in (("reinforcements", arrive), ("withdrawals", leave)):
        for entry in draft.schedule(key):
            turn = draft.turn_of(entry)
            if turn is not None:
                counts[turn] = counts.get(turn, 0) + len(entry.get("units") or [])
    rows = []
    for t in range(1, draft.turns() + 1):
        date = draft.turn_date(t)
        what = "".join([f"  +{arrive[t]} arrive" if t in arrive else "", f"  -{leave[t]} leave" if t in leave else ""])
        rows.append((f"Turn {t:>2}  {date:%d %b %Y}{what}" if date else f"Turn {t:>2}{what}", f"#turn{t}"))
    return rows


def turn_event_rows(draft: Draft, turn: int) -> list[tuple[str, str]]:
    """What happens on `turn`: `+ unit at hexes` (`#r<entry>_<unit>`), `- unit leaves` (`#w<entry>_<unit>`)."""
    rows = []
    for g, entry in enumerate(draft.schedule("reinforcements")):
        if draft.turn_of(entry) == turn:
            where = entry.get("hex")
            where = ", ".join(map(str, where)) if isinstance(where, list) else str(where)
            for j, u in enumerate(entry.get("units") or []):
                name = u.get("name", u.get("id")) if isinstance(u, dict) else u
                rows.append((f"+ {str(name)[:34]}  at {where}", f"#r{g}_{j}"))
    for g, entry in enumerate(draft.schedule("withdrawals")):
        if draft.turn_of(entry) == turn:
            for j, uid in enumerate(entry.get("units") or []):
                rows.append((f"- {uid}  leaves", f"#w{g}_{j}"))
    if not rows:
        rows.append(("nothing arrives or leaves on this turn", "#none"))
    return rows


def oob_rows(draft: Draft) -> list[tuple[str, str]]:
    """The order of battle as list rows (text, object id): side, nation, parent formation, then
    the units under each: those on the map at the start (`#u<index>`, with their hex) and the
    reinforcements (`#r<entry>_<position>`, with the turn they arrive); a nation's row is
    `#nationrow_<row>_<nation>`."""
    data = draft.data
    sides = [s for s in data.get("sides", []) if isinstance(s, dict)]
    order = [str(s.get("id")) for s in sides]
    names = {str(s.get("id")): str(s.get("name", s.get("id"))) for s in sides}
    tree: dict[str, dict[str, dict[str, list[tuple[str, dict, str]]]]] = {}

    def put(u: dict, oid: str, where: str) -> None:
        side = str(u.get("side", "?"))
        tree.setdefault(side, {}).setdefault(str(u.get("nation", "?")), {}).setdefault(str(u.get("parent") or ""), []).append((oid, u, where))

    for k, u in enumerate(draft.units()):
        put(u, f"#u{k}", str(u.get("hex") or "off map"))
    for g, entry in enumerate(draft.schedule("reinforcements")):
        turn = draft.turn_of(entry)
        for j, u in enumerate(entry.get("units") or []):
            if isinstance(u, dict):
                put(u, f"#r{g}_{j}", f"turn {turn}" if turn else "later")
    rows: list[tuple[str, str]] = []
    for side in order + sorted(set(tree) - set(order)):
        if side not in tree:
            rows.append((f"{names.get(side, side)} ({side}): no units", f"#side_{len(rows)}"))
            continue
        rows.append((f"{names.get(side, side)} ({side})", f"#side_{len(rows)}"))
        for nation, parents in tree[side].items():
            rows.append((f"   {nation}", f"#nationrow_{len(rows)}_{nation}"))
            for parent, members in parents.items():
                indent = "      "
                if parent:
                    rows.append((f"      {parent[:40]}", f"#parent_{len(rows)}"))
                    indent = "         "
                for oid, u, where in members:
                    rows.append((f"{indent}{str(u.get('name', u.get('id')))[:38]}  [{where}]", oid))
    return rows


class Panels:
    """Every widget of the editor, built for one window size."""

    def __init__(self, ui: Any, size: tuple[int, int], terrains: list[str], tab: str) -> None:
        w, h = size
        self.ui = ui
        self.tab = tab
        # The tree and the problem list read left to right: their rows are aligned left (the
        # shared theme centres list rows, as the menus want; these ids are the editor's own).
        left = {"misc": {"text_horiz_alignment": "left", "text_horiz_alignment_padding": "8"}}
        ui.get_theme().load_theme({"#editor_tree.@selection_list_item": left, "#editor_problems.@selection_list_item": left})
        self.tool_buttons: dict[str, UIButton] = {}
        x = 6
        for tool, label in TOOLS:
            self.tool_buttons[tool] = UIButton(pygame.Rect(x, 4, 78, 28), label, manager=ui)
            x += 80
        self.brush_button = UIButton(pygame.Rect(x, 4, 70, 28), "Brush 1", manager=ui, tool_tip_text="brush of 1, 3 or 7 hexes (keys 1, 2, 3)")
        x += 74
        self.undo_button = UIButton(pygame.Rect(x, 4, 60, 28), "Undo", manager=ui, tool_tip_text="Ctrl+Z")
        self.redo_button = UIButton(pygame.Rect(x + 63, 4, 60, 28), "Redo", manager=ui, tool_tip_text="Ctrl+Y")
        self.save_button = UIButton(pygame.Rect(x + 126, 4, 60, 28), "Save", manager=ui, tool_tip_text="Ctrl+S")
        self.help_button = UIButton(pygame.Rect(x + 189, 4, 56, 28), "Help", manager=ui, tool_tip_text="F1")
        self.play_button = UIButton(pygame.Rect(x + 248, 4, 56, 28), "Play", manager=ui,
                                    tool_tip_text="playtest the scenario as edited in the game (Ctrl+P)")
        self.balance_button = UIButton(pygame.Rect(x + 396, 4, 80, 28), "Balance", manager=ui,
                                       tool_tip_text="AI-vs-AI games of the scenario as edited, in the background: win rates, mean VP")
        self.grid_button = UIButton(pygame.Rect(x + 307, 4, 86, 28), "Graticule", manager=ui,
                                    tool_tip_text="lines of longitude and latitude, from the map's geo block (G)")
        px = w - PANEL_W
        tw = (PANEL_W - 12 - 16) // 5
        self.map_tab = UIButton(pygame.Rect(px + 6, TOOLBAR_H + 4, tw, 28), "Map", manager=ui)
        self.units_tab = UIButton(pygame.Rect(px + 6 + tw + 4, TOOLBAR_H + 4, tw, 28), "Units", manager=ui)
        self.turns_tab = UIButton(pygame.Rect(px + 6 + 2 * (tw + 4), TOOLBAR_H + 4, tw, 28), "Turns", manager=ui,
                                  tool_tip_text="the turn track: reinforcements and withdrawals")
        self.scenario_tab = UIButton(pygame.Rect(px + 6 + 3 * (tw + 4), TOOLBAR_H + 4, tw, 28), "Scenario", manager=ui)
        self.rules_tab = UIButton(pygame.Rect(px + 6 + 4 * (tw + 4), TOOLBAR_H + 4, tw, 28), "Rules", manager=ui,
                                  tool_tip_text="nations, victory, weather, special rules and history milestones")
        top = TOOLBAR_H + 38
        bottom = h - STATUS_H
        inner = pygame.Rect(px + 6, top, PANEL_W - 12, bottom - top - 6)
        self.fields: dict[str, UITextEntryLine] = {}
        self.field_labels: list[UILabel] = []
        # Map tab: terrain palette, then the selected place's form.
        self.terrain_list = UISelectionList(pygame.Rect(inner.x, inner.y, inner.width, min(230, 24 * len(terrains) + 8)),
                                            [(t, f"#t_{t}") for t in terrains], manager=ui)
        y = self.terrain_list.rect.bottom + 8
        self.place_title = UILabel(pygame.Rect(inner.x, y, inner.width, 24), "Place: click a hex with the Place tool", manager=ui, object_id="#dim")
        y += 26
        self.place_fields: dict[str, UITextEntryLine] = {}
        for name in PLACE_FIELDS:
            self.field_labels.append(UILabel(pygame.Rect(inner.x, y, 96, 28), name, manager=ui, object_id="#dim"))
            self.place_fields[name] = UITextEntryLine(pygame.Rect(inner.x + 100, y, inner.width - 100, 28), manager=ui)
            y += 32
        self.place_apply = UIButton(pygame.Rect(inner.x, y, inner.width // 2 - 3, 28), "Apply", manager=ui, tool_tip_text="Enter")
        self.place_delete = UIButton(pygame.Rect(inner.x + inner.width // 2 + 3, y, inner.width // 2 - 3, 28), "Delete place", manager=ui)
        self.place_widgets: list[Any] = [self.place_title, self.place_apply, self.place_delete, *self.place_fields.values(), *self.field_labels]
        # The supply source form takes the place form's room while the Supply tool is on.
        y = self.terrain_list.rect.bottom + 8
        self.supply_title = UILabel(pygame.Rect(inner.x, y, inner.width, 24), "Supply: click a hex with the Supply tool",
                                    manager=ui, object_id="#dim")
        y += 26
        self.supply_fields: dict[str, UITextEntryLine] = {}
        supply_labels = []
        for name in SUPPLY_FIELDS:
            supply_labels.append(UILabel(pygame.Rect(inner.x, y, 110, 28), name, manager=ui, object_id="#dim"))
            self.supply_fields[name] = UITextEntryLine(pygame.Rect(inner.x + 114, y, inner.width - 114, 28), manager=ui)
            y += 30
        third = (inner.width - 8) // 3
        self.supply_apply = UIButton(pygame.Rect(inner.x, y, third, 28), "Apply", manager=ui, tool_tip_text="Enter")
        self.supply_delete = UIButton(pygame.Rect(inner.x + third + 4, y, third, 28), "Delete source", manager=ui)
        self.supply_pick = UIButton(pygame.Rect(inner.x + 2 * (third + 4), y, third, 28), "Pick hex", manager=ui,
                                    tool_tip_text="the next map click moves the source there (an airfield, a port, a depot) (H; Esc cancels)")
        self.supply_widgets: list[Any] = [self.supply_title, self.supply_apply, self.supply_delete, self.supply_pick, *self.supply_fields.values(),
                                          *supply_labels]
        # The objective form, in the same room while the Goal tool is on.
        y = self.terrain_list.rect.bottom + 8
        self.objective_title = UILabel(pygame.Rect(inner.x, y, inner.width, 24), "Objective: click a hex with the Goal tool",
                                       manager=ui, object_id="#dim")
        y += 26
        self.objective_fields: dict[str, UITextEntryLine] = {}
        objective_labels = []
        for name in OBJECTIVE_FIELDS:
            objective_labels.append(UILabel(pygame.Rect(inner.x, y, 110, 28), name, manager=ui, object_id="#dim"))
            self.objective_fields[name] = UITextEntryLine(pygame.Rect(inner.x + 114, y, inner.width - 114, 28), manager=ui)
            y += 30
        self.objective_apply = UIButton(pygame.Rect(inner.x, y, inner.width, 28), "Apply", manager=ui, tool_tip_text="Enter")
        self.objective_widgets: list[Any] = [self.objective_title, self.objective_apply, *self.objective_fields.values(), *objective_labels]
        self.map_widgets: list[Any] = [self.terrain_list, *self.place_widgets, *self.supply_widgets, *self.objective_widgets]
        self.supply_mode = False
        self.form = "place"
        # Units tab: the order of battle, its buttons, the unit's form.
        form_h = 32 * len(UNIT_FIELDS) + 36
        tree_h = max(120, inner.height - form_h - 36)
        self.oob = UISelectionList(pygame.Rect(inner.x, inner.y, inner.width, tree_h), [], manager=ui, object_id=ObjectID("#editor_tree"))
        y = inner.y + tree_h + 4
        bw = (inner.width - 8) // 3
        self.add_button = UIButton(pygame.Rect(inner.x, y, bw, 28), "Add", manager=ui, tool_tip_text="a new unit on the selected hex")
        self.copy_button = UIButton(pygame.Rect(inner.x + bw + 4, y, bw, 28), "Copy", manager=ui, tool_tip_text="Ctrl+D")
        self.delete_button = UIButton(pygame.Rect(inner.x + 2 * (bw + 4), y, bw, 28), "Delete", manager=ui, tool_tip_text="Delete")
        y += 34
        unit_labels = []
        for name in UNIT_FIELDS:
            unit_labels.append(UILabel(pygame.Rect(inner.x, y, 80, 28), name, manager=ui, object_id="#dim"))
            self.fields[name] = UITextEntryLine(pygame.Rect(inner.x + 84, y, inner.width - 84, 28), manager=ui)
            y += 30
        self.unit_apply = UIButton(pygame.Rect(inner.x, y + 2, inner.width, 28), "Apply to unit", manager=ui, tool_tip_text="Enter")
        self.unit_widgets: list[Any] = [self.oob, self.add_button, self.copy_button, self.delete_button, self.unit_apply,
                                        *self.fields.values(), *unit_labels]
        # Scenario tab: the header (title, dates, turns, hex size) and the first two sides.
        y = inner.y
        header_labels = []
        self.header_fields: dict[str, UITextEntryLine] = {}
        for name in HEADER_FIELDS:
            header_labels.append(UILabel(pygame.Rect(inner.x, y, 110, 28), name.replace("sides.", "side ").replace(".", " "),
                                         manager=ui, object_id="#dim"))
            self.header_fields[name] = UITextEntryLine(pygame.Rect(inner.x + 114, y, inner.width - 114, 28), manager=ui)
            y += 32
        self.header_apply = UIButton(pygame.Rect(inner.x, y + 2, inner.width, 28), "Apply to scenario", manager=ui, tool_tip_text="Enter")
        y += 40
        self.sides_label = UILabel(pygame.Rect(inner.x, y, inner.width, 24), "Sides", manager=ui, object_id="#dim")
        y += 26
        half = (inner.width - 4) // 2
        self.add_side_button = UIButton(pygame.Rect(inner.x, y, half, 28), "+ Side", manager=ui,
                                        tool_tip_text="another side, if the scenario format allows one")
        self.remove_side_button = UIButton(pygame.Rect(inner.x + half + 4, y, half, 28), "- Side", manager=ui,
                                           tool_tip_text="the last side out, if the format allows fewer and no unit fights for it")
        y += 32
        self.new_button = UIButton(pygame.Rect(inner.x, y, inner.width, 28), "New scenario...", manager=ui,
                                   tool_tip_text="a new scenario: a blank map or real geography (Ctrl+N)")
        self.scenario_widgets: list[Any] = [*self.header_fields.values(), *header_labels, self.header_apply, self.sides_label,
                                            self.add_side_button, self.remove_side_button, self.new_button]
        # Turns tab: the turn track, the selected turn's arrivals and withdrawals, their buttons.
        track_h = max(120, (inner.height - 120) // 2)
        self.turn_list = UISelectionList(pygame.Rect(inner.x, inner.y, inner.width, track_h), [], manager=ui,
                                         object_id=ObjectID("#editor_tree"))
        y = inner.y + track_h + 4
        self.turn_events = UISelectionList(pygame.Rect(inner.x, y, inner.width, track_h - 40), [], manager=ui,
                                           object_id=ObjectID("#editor_tree"))
        y += track_h - 36
        half = (inner.width - 4) // 2
        self.earlier_button = UIButton(pygame.Rect(inner.x, y, half, 28), "< Earlier", manager=ui, tool_tip_text="the selected entry a turn earlier")
        self.later_button = UIButton(pygame.Rect(inner.x + half + 4, y, half, 28), "Later >", manager=ui, tool_tip_text="the selected entry a turn later")
        y += 32
        self.arrive_button = UIButton(pygame.Rect(inner.x, y, half, 28), "Arrives this turn", manager=ui,
                                      tool_tip_text="the unit selected on the map or the Units tab enters on this turn, at its hex")
        self.withdraw_button = UIButton(pygame.Rect(inner.x + half + 4, y, half, 28), "Withdrawn this turn", manager=ui,
                                        tool_tip_text="the selected unit leaves the game on this turn")
        self.turn_widgets: list[Any] = [self.turn_list, self.turn_events, self.earlier_button, self.later_button, self.arrive_button,
                                        self.withdraw_button]
        self.turn_rows: list[tuple[str, str]] = []
        self.event_rows: list[tuple[str, str]] = []
        # The problem list, under the map.
        self.problems = UISelectionList(pygame.Rect(0, h - STATUS_H - PROBLEMS_H, w - PANEL_W, PROBLEMS_H), [], manager=ui,
                                        object_id=ObjectID("#editor_problems"))
        self.problem_rows: list[str] = []
        self.oob_ids: list[str] = []
        self.rules = RulesPanel(ui, inner)
        self.show_tab(tab)

    def show_tab(self, tab: str) -> None:
        self.tab = tab
        self.terrain_list.show() if tab == "map" else self.terrain_list.hide()
        for form, widgets in (("place", self.place_widgets), ("supply", self.supply_widgets), ("objective", self.objective_widgets)):
            for widget in widgets:
                widget.show() if tab == "map" and self.form == form else widget.hide()
        for widget in self.unit_widgets:
            widget.show() if tab == "units" else widget.hide()
        for widget in self.scenario_widgets:
            widget.show() if tab == "scenario" else widget.hide()
        for widget in self.turn_widgets:
            widget.show() if tab == "turns" else widget.hide()
        self.rules.show(tab == "rules")

    def set_tool(self, tool: str) -> None:
        for name, button in self.tool_buttons.items():
            button.select() if name == tool else button.unselect()
        form = tool if tool in ("supply", "objective") else "place"
        if form != self.form:
            self.form = form
            self.supply_mode = form == "supply"
            self.show_tab(self.tab)

    def fill_objective_form(self, objective: dict | None) -> None:
        self.objective_title.set_text(f"Objective on {', '.join(map(str, objective.get('hexes') or []))}"[:60] if objective
                                      else "Objective: click a hex with the Goal tool")
        _fill(self.objective_fields, objective)

    def fill_supply_form(self, source: dict | None) -> None:
        self.supply_title.set_text(f"Supply source at {source.get('hex')}" if source else "Supply: click a hex with the Supply tool")
        _fill(self.supply_fields, source)

    def set_kinds(self, river: str, route: str) -> None:
        self.tool_buttons["river"].set_text("Major [R]" if river == "major" else "River [R]")
        self.tool_buttons["road"].set_text("Rail [O]" if route == "railways" else "Road [O]")

    def set_brush(self, size: int) -> None:
        self.brush_button.set_text(f"Brush {size}")

    def select_terrain(self, terrain: str) -> None:
        mark_selected(self.terrain_list, terrain, key="text")

    def set_oob(self, rows: list[tuple[str, str]], selected: int | str | None) -> None:
        """The tree's rows; `selected` is a start unit's index or a row's id (`#r...`)."""
        ids = [oid for _, oid in rows]
        if ids != self.oob_ids or [t for t, _ in rows] != [item["text"] for item in self.oob.item_list]:
            self.oob.set_item_list(list[str | tuple[str, str]](rows))
            self.oob_ids = ids
        mark_selected(self.oob, f"#u{selected}" if isinstance(selected, int) else selected)

    def unit_at_pos(self, pos: tuple[int, int]) -> int | None:
        """The unit of the order-of-battle row under the mouse (to drag it onto the map)."""
        if not self.oob.visible or not self.oob.rect.collidepoint(pos):
            return None
        for item in self.oob.item_list:
            button = item.get("button_element")
            if button is not None and button.rect.collidepoint(pos) and str(item["object_id"]).startswith("#u"):
                return int(str(item["object_id"])[2:])
        return None

    def fill_unit_form(self, unit: dict | None) -> None:
        _fill(self.fields, unit)

    def fill_place_form(self, place: dict | None) -> None:
        self.place_title.set_text(f"Place at {place.get('hex')}" if place else "Place: click a hex with the Place tool")
        _fill(self.place_fields, place)

    def set_problems(self, rows: list[str]) -> None:
        if rows != self.problem_rows:
            self.problem_rows = rows
            items: list[str | tuple[str, str]] = [(row, f"#p{k}") for k, row in enumerate(rows)]
            self.problems.set_item_list(items)

    def set_turns(self, rows: list[tuple[str, str]], events: list[tuple[str, str]], turn: int, event: str | None) -> None:
        """The turn track's rows (one a turn) and the selected turn's entries, selections kept."""
        if rows != self.turn_rows:
            self.turn_rows = rows
            self.turn_list.set_item_list(list[str | tuple[str, str]](rows))
        if events != self.event_rows:
            self.event_rows = events
            self.turn_events.set_item_list(list[str | tuple[str, str]](events))
        mark_selected(self.turn_list, f"#turn{turn}")
        mark_selected(self.turn_events, event)

    def fill_header_form(self, data: dict) -> None:
        sides = [s for s in data.get("sides", []) if isinstance(s, dict)] if isinstance(data.get("sides"), list) else []
        text = f"Sides: {', '.join(str(s.get('id')) for s in sides)} (a scenario has {side_count(*side_limits())})"
        if self.sides_label.text != text[:64]:
            self.sides_label.set_text(text[:64])
        for name, entry in self.header_fields.items():
            value: Any = data
            for part in name.split("."):
                if isinstance(value, dict):
                    value = value.get(part)
                elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
                    value = value[int(part)]
                else:
                    value = None
            text = field_text(value)
            if entry.get_text() != text:
                entry.set_text(text)

    def focused_entry(self) -> UITextEntryLine | None:
        for entry in [*self.fields.values(), *self.place_fields.values(), *self.header_fields.values(), *self.supply_fields.values(),
                      *self.objective_fields.values(), *self.rules.entries]:
            if entry.is_focused:
                return entry
        return None


def _fill(fields: dict, record: dict | None) -> None:
    """Show a record's values in a form's text boxes (blank without one); unchanged boxes stay as they are."""
    for name, entry in fields.items():
        text = field_text(record.get(name)) if record else ""
        if entry.get_text() != text:
            entry.set_text(text)
