"""The side panel's Rules tab: the list of victory, weather, special-rule and history records,
their Add buttons, and the selected record's form (a text box a field, labelled by the engine
model's field names), with the record's own problems under it."""
from __future__ import annotations

from typing import Any

import pygame
from pygame_gui.core import ObjectID
from pygame_gui.elements import UIButton, UILabel, UISelectionList, UITextEntryLine

from ui.editor.records import Record, field_text


def mark_selected(selection: UISelectionList, want: str | None, key: str = "object_id") -> None:
    """Select the rows of a selection list whose `key` ("object_id" or "text") is `want` and
    unselect the others, touching only the rows that change."""
    for item in selection.item_list:
        on = item[key] == want
        if item["selected"] != on:
            item["selected"] = on
            button = item.get("button_element")
            if button is not None:
                button.select() if on else button.unselect()

RULE_ROWS = 12                   # the most fields a record has (a milestone: 11)


class RulesPanel:
    def __init__(self, ui: Any, inner: pygame.Rect) -> None:
        list_h = 200
        self.list = UISelectionList(pygame.Rect(inner.x, inner.y, inner.width, list_h), [], manager=ui, object_id=ObjectID("#editor_tree"))
        y = inner.y + list_h + 4
        bw = (inner.width - 8) // 3

        def at(k: int) -> pygame.Rect:                 # two rows of three Add buttons
            return pygame.Rect(inner.x + (k % 3) * (bw + 4), y + (k // 3) * 30, bw, 28)

        self.add_nation = UIButton(at(0), "+ Nation", manager=ui,
                                   tool_tip_text="a nation fighting on the side of the nation selected (or the first side); rename it in `id`")
        self.add_level = UIButton(at(1), "+ Level", manager=ui, tool_tip_text="a victory level")
        self.add_weather = UIButton(at(2), "+ Weather", manager=ui, tool_tip_text="a row of the weather table (months, chances)")
        self.add_kind = UIButton(at(3), "+ Kind", manager=ui,
                                 tool_tip_text="a weather kind of the scenario's own (its effects in rule_overrides); rename it in `name`")
        self.add_rule = UIButton(at(4), "+ Rule", manager=ui,
                                 tool_tip_text="a special rule: stand_fast (or the kind of the rule selected); change `rule` for another")
        self.add_milestone = UIButton(at(5), "+ History", manager=ui,
                                      tool_tip_text="a history milestone: place_taken (or the kind selected); change `kind` for another")
        y += 62
        self.title = UILabel(pygame.Rect(inner.x, y, inner.width, 24), "Select a record above", manager=ui, object_id="#dim")
        y += 26
        self.labels: list[UILabel] = []
        self.entries: list[UITextEntryLine] = []
        for _ in range(RULE_ROWS):
            self.labels.append(UILabel(pygame.Rect(inner.x, y, 162, 26), "", manager=ui, object_id="#dim"))
            self.entries.append(UITextEntryLine(pygame.Rect(inner.x + 166, y, inner.width - 166, 26), manager=ui))
            y += 28
        self.rows_top = y - RULE_ROWS * 28
        self.problem = UILabel(pygame.Rect(inner.x, y, inner.width, 24), "", manager=ui, object_id="#dim")
        y += 26
        bw = (inner.width - 8) // 3
        self.apply = UIButton(pygame.Rect(inner.x, y, bw, 28), "Apply", manager=ui, tool_tip_text="Enter")
        self.delete = UIButton(pygame.Rect(inner.x + bw + 4, y, bw, 28), "Delete", manager=ui)
        self.pick = UIButton(pygame.Rect(inner.x + 2 * (bw + 4), y, bw, 28), "Pick on map", manager=ui,
                             tool_tip_text="map clicks fill in the record's hexes, places, airfields, `near` place or unit (H; Esc stops)")
        self.names: list[str] = []
        self.rows: list[tuple[str, str]] = []
        self.shown: str | None = None            # the selected row the list was last scrolled to
        self.visible = False
        self.widgets: list[Any] = [self.list, self.add_nation, self.add_level, self.add_weather, self.add_kind, self.add_rule, self.add_milestone,
                                   self.title, self.problem,
                                   self.apply, self.delete, self.pick]

    def show(self, on: bool) -> None:
        self.visible = on
        for widget in self.widgets:
            widget.show() if on else widget.hide()
        for k, (label, entry) in enumerate(zip(self.labels, self.entries)):
            for widget in (label, entry):
                widget.show() if on and k < len(self.names) else widget.hide()

    def set_records(self, rows: list[tuple[str, str]], selected: str | None) -> None:
        if rows != self.rows:
            self.rows = rows
            self.list.set_item_list(list[str | tuple[str, str]](rows))
        if selected != self.shown:
            self.shown = selected
            self.scroll_to(selected)
        mark_selected(self.list, selected)

    def scroll_to(self, oid: str | None) -> None:
        """Scroll the list so the row of `oid` shows (a record added, or chosen by its problem)."""
        bar, box = self.list.scroll_bar, self.list.item_list_container
        ids = [item["object_id"] for item in self.list.item_list]
        if bar is None or box is None or oid not in ids or not self.list.total_height_of_list:
            return
        row_h = self.list.list_item_height
        top = ids.index(oid) * row_h
        start = bar.start_percentage * self.list.total_height_of_list
        seen = box.relative_rect.height
        if top < start or top + row_h > start + seen:
            bar.set_scroll_from_start_percentage(max(0.0, top - seen / 2) / self.list.total_height_of_list)
            bar.has_moved_recently = True

    def fill(self, record: Record | None, values: dict, problem: str, picking: bool) -> None:
        """The record's form: one row a field of its model, with the value as it is now."""
        names = record.fields() if record is not None else []
        self.title.set_text(record.label.strip()[:56] if record is not None else "Select a record above")
        changed = names != self.names
        self.names = names[:RULE_ROWS]
        for k, (label, entry) in enumerate(zip(self.labels, self.entries)):
            if k < len(self.names):
                if changed:
                    label.set_text(self.names[k])
                text = field_text(values.get(self.names[k]))
                if entry.get_text() != text:
                    entry.set_text(text)
            elif entry.get_text():
                entry.set_text("")
        self.problem.set_text(problem[:70])
        self.pick.set_text("Picking..." if picking else "Pick on map")
        if changed:
            self.problem.set_relative_position((self.problem.relative_rect.x, self.rows_top + len(self.names) * 28 + 4))
            self.show(self.visible)

    def texts(self) -> list[tuple[str, str]]:
        return [(name, entry.get_text()) for name, entry in zip(self.names, self.entries)]
