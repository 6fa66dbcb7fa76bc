"""The editor's forms and click tools: the unit, place, supply source, objective and header
forms, and the Supply and Goal tools' clicks (each change one undo step through `run_edit`)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from ui.editor.actions import EditorActions
from ui.editor.panels import HEADER_FIELDS, UNIT_FIELDS, parse_field

if TYPE_CHECKING:
    from ui.editor.screen import EditorScreen

PICK_HINTS = {
    "hexes": "a hex joins the record's hexes, or leaves them",
    "places": "the place on a hex joins the milestone's places, or leaves them",
    "airfields": "an airfield place joins the airlift's airfields, or leaves them",
    "near": "the place on a hex becomes the milestone's `near` place",
    "unit": "the unit on a hex becomes the milestone's unit",
}


class FormActions(EditorActions):
    """The forms' part of the editor screen (a mixin of `EditorScreen`)."""

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
        """The unit form into the selected unit (on the map at the start, or a reinforcement)."""
        prefix = self.unit_prefix()
        if prefix is None or self.panels is None:
            self.say("select a unit first")
            return
        unit = self.draft.units()[prefix[1]] if prefix[0] == "units" else (self.reinforcement_unit() or {})
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
        if changes:
            self.run_edit(self.draft.set_fields, prefix, changes, f"unit {', '.join(n for n, _ in changes)}")

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

    def apply_header_form(self) -> None:
        """The Scenario tab's fields (title, dates, turns, hex size, the first two sides' names
        and colours) into the scenario, as one undo step."""
        if self.panels is None:
            return
        changes = []
        for name in HEADER_FIELDS:
            text = self.panels.header_fields[name].get_text()
            try:
                value = parse_field(name, text)
            except ValueError:
                self.say(f"{name}: '{text}' is not a {'date written YYYY-MM-DD' if name == 'start_date' else 'number'}")
                return
            path = tuple(int(p) if p.isdigit() else p for p in name.split("."))
            node: Any = self.draft.data
            for part in path:
                if isinstance(node, dict):
                    node = node.get(part)
                elif isinstance(node, list) and isinstance(part, int) and part < len(node):
                    node = node[part]
                else:
                    node = None
            if value is not None and value != node:
                if len(path) > 1 and not self.draft.files.has(path[:-1]):
                    continue                         # a side the scenario does not have
                changes.append((path, value))
        if not changes:
            return

        def apply() -> None:
            with self.draft.edit("scenario " + ", ".join(".".join(map(str, p)) for p, _ in changes)) as files:
                for path, value in changes:
                    files.set(path, value)

        self.run_edit(apply)

    def open_new_form(self) -> None:
        """The New scenario form over the editor (what `wargame edit PATH --new` does)."""
        from ui.editor.newform import NewScenarioForm

        self.autosave(force=True)
        self.app.push(NewScenarioForm(self.app, cast("EditorScreen", self)))

    def add_side(self) -> None:
        """+ Side: another side, when the scenario format allows it (it says so when not)."""
        k = self.run_edit(self.draft.add_side)
        if k is not None:
            self.say(f"side {k + 1} added: its name and colour are in the YAML's sides list (and the OOB tree lists it)", 6.0)

    def remove_side(self) -> None:
        """- Side: the last side out, when the format allows fewer and no unit fights for it."""
        self.run_edit(self.draft.remove_side, len(self.draft.sides()) - 1)

    def click_supply(self, i: int) -> None:
        """Supply tool: a click on an empty hex adds a depot (for the side of the source selected
        last, else the first side); on a source selects it; Shift+click deletes it."""
        k = self.draft.source_at(i)
        if k is not None and self.erasing:
            self.selected_source = None
            self.run_edit(self.draft.delete_source, k)
            return
        if k is None and not self.erasing:
            sources = self.draft.supply_sources()
            sides = [str(s.get("id")) for s in self.draft.data.get("sides", []) if isinstance(s, dict)]
            side = str(sources[self.selected_source].get("side")) if self.selected_source is not None and self.selected_source < len(sources) \
                else (sides[0] if sides else "a")
            k = self.run_edit(self.draft.add_source, i, side)
        self.selected_source = k
        self.refresh_panels(form=True)

    def click_objective(self, i: int) -> None:
        """Goal tool: with an objective selected, a click adds the hex to it or (Shift) takes it
        out; without one, a click selects the objective on the hex (the next one each click), or
        starts a new objective there. Esc clears the selection."""
        k = self.selected_objective
        if k is not None and k < len(self.draft.objectives()):
            on = i in [self.draft.hex_index(h) for h in self.draft.objectives()[k].get("hexes") or []]
            if on == self.erasing:
                left = len(self.draft.objectives()[k].get("hexes") or [])
                self.run_edit(self.draft.toggle_objective_hex, k, i)
                if on and left == 1:
                    self.selected_objective = None
            self.refresh_panels(form=True)
            return
        here = self.draft.objectives_at(i)
        if here:
            self.selected_objective = here[0]
        elif not self.erasing:
            self.selected_objective = self.run_edit(self.draft.add_objective, i)
        self.refresh_panels(form=True)

    def apply_objective_form(self) -> None:
        if self.selected_objective is None or self.panels is None:
            self.say("select an objective first (Goal tool)")
            return
        from ui.editor.records import parse_text

        objective = self.draft.objectives()[self.selected_objective]
        record = self.draft.record(f"#objective_{self.selected_objective}")
        changes = []
        for name, entry in self.panels.objective_fields.items():
            try:
                value = parse_text(record, name, entry.get_text()) if record is not None else parse_field(name, entry.get_text())
            except ValueError as exc:
                self.say(f"objective {exc}; nothing written")
                return
            if value != objective.get(name) and not (value is None and name not in objective):
                changes.append((name, value))
        if changes:
            self.run_edit(self.draft.set_fields, ("victory", "objectives", self.selected_objective), changes,
                          f"objective {', '.join(n for n, _ in changes)}")

    def apply_supply_form(self) -> None:
        if self.selected_source is None or self.panels is None:
            self.say("select a supply source first (Supply tool)")
            return
        source = self.draft.supply_sources()[self.selected_source]
        changes = []
        for name, entry in self.panels.supply_fields.items():
            try:
                value = parse_field(name, entry.get_text())
            except ValueError:
                self.say(f"{name}: '{entry.get_text()}' is not a number")
                return
            if value != source.get(name) and not (value is None and name not in source):
                changes.append((name, value))
        if changes:
            self.run_edit(self.draft.set_fields, ("supply_sources", self.selected_source), changes,
                          f"supply source {', '.join(n for n, _ in changes)}")

    def new_place(self, i: int) -> None:
        taken = {p.get("name") for p in self.draft.places()}
        n = 1
        while f"New place {n}" in taken:
            n += 1
        if self.run_edit(self.draft.add_place, f"New place {n}", i) is not None or True:
            self.selected_place = self.draft.place_at(i)
            self.refresh_panels(form=True)

    # -- the Rules tab: victory, weather, special rules, history ------------------------------
    def select_record(self, oid: str | None) -> None:
        self.selected_record = oid
        record = self.draft.record(oid) if oid else None
        if self.picking and (record is None or record.pick_field() is None):
            self.picking = False
        self.refresh_panels(form=True)

    def open_nation(self, nid: str) -> None:
        """A nation's row in the order of battle: its record in the Rules tab, or, for a nation
        not declared under `nations:`, how to declare it."""
        from ui.editor.nations import PREFIX

        if self.draft.record(PREFIX + nid) is None:
            self.say(f"nation '{nid}' is not declared under nations: select a nation in the Rules tab and press + Nation to add one")
            return
        self.tab = "rules"
        if self.panels is not None:
            self.panels.show_tab(self.tab)
        self.select_record(PREFIX + nid)

    def apply_record_form(self) -> None:
        """The Rules tab's form into the selected record, as one undo step; a box that cannot be
        read says which and what it wants, and nothing is written."""
        from ui.editor.records import field_text, parse_text

        record = self.draft.record(self.selected_record) if self.selected_record else None
        if record is None or self.panels is None:
            self.say("select a record in the Rules tab first")
            return
        current = self.draft.record_values(record)
        changes = []
        for name, text in self.panels.rules.texts():
            if text.strip() == field_text(current.get(name)).strip():
                continue
            try:
                changes.append((name, parse_text(record, name, text)))
            except ValueError as exc:
                self.say(f"{record.label.strip().split(':')[0]}: {exc}; nothing written", 6.0)
                return
        if changes:
            prefix, key = next(((p, k) for p, k in (("#kind_", "name"), ("#nation_", "id")) if record.oid.startswith(p)), (None, None))
            renamed = next((str(v) for n, v in changes if prefix is not None and n == key), None)
            self.run_edit(self.draft.set_record_fields, record.oid, changes)
            if renamed and self.draft.record(f"{prefix}{renamed}") is not None:
                self.select_record(f"{prefix}{renamed}")       # the renamed weather kind or nation stays selected

    def add_record(self, what: str) -> None:
        """A new victory level, weather table row, weather kind, special rule or history milestone
        (the rule or milestone of the kind selected, else stand_fast or place_taken), selected at once."""
        selected = self.draft.record(self.selected_record) if self.selected_record else None
        kind = str(self.draft.record_values(selected).get(selected.discriminator or "", "")) if selected is not None else ""
        if what == "nation":
            sides = self.draft.record_values(selected).get("sides") if selected is not None and selected.oid.startswith("#nation_") else None
            oid = self.run_edit(self.draft.add_nation, sides[0] if sides else None)
        elif what == "level":
            oid = self.run_edit(self.draft.add_level)
        elif what == "kind":
            oid = self.run_edit(self.draft.add_weather_kind)
        elif what == "weather":
            oid = self.run_edit(self.draft.add_weather_row)
        elif what == "rule":
            hexes = [self.draft.hex_id(self.selected_hex)] if self.selected_hex >= 0 else []
            oid = self.run_edit(self.draft.add_rule, kind if selected is not None and selected.discriminator == "rule" else "stand_fast", hexes)
        else:
            oid = self.run_edit(self.draft.add_milestone, kind if selected is not None and selected.discriminator == "kind" else "place_taken")
        if oid is not None:
            self.select_record(oid)

    def delete_record(self) -> None:
        if not self.selected_record:
            self.say("select a record in the Rules tab first")
            return
        oid, self.selected_record = self.selected_record, None
        self.picking = False
        done = self.run_edit(self.draft.delete_record, oid)
        if done:
            self.say(done, 5.0)
        elif self.draft.record(oid) is not None and oid.startswith(("#kind_", "#nation_")):
            self.selected_record = oid               # a kind of the rule set, one still named, a nation in use: kept, selected
            self.refresh_panels(form=True)

    def toggle_picking(self) -> None:
        """Pick on map (H): map clicks fill in the record's hexes, places, airfields, `near`
        place or unit; H again or Esc stops. On the Map tab with a supply source selected (an
        airfield, a port, a depot), the next click moves it."""
        if self.tab == "map" and self.tool == "supply":
            self.pick_source_hex()
            return
        record = self.draft.record(self.selected_record) if self.selected_record else None
        name = record.pick_field() if record is not None else None
        if name is None:
            self.picking = False
            self.say("select a record with hexes, places, airfields, a `near` place or a unit first "
                     "(a stand_fast rule, an objective, an airlift, a history milestone)")
        else:
            self.picking = not self.picking
            self.say(f"click on the map: {PICK_HINTS[name]} (H or Esc stops)" if self.picking else "stopped picking on the map", 6.0)
        self.refresh_panels(form=True)

    def pick_source_hex(self) -> None:
        if self.selected_source is None or self.selected_source >= len(self.draft.supply_sources()):
            self.picking_source = False
            self.say("select a supply source first (Supply tool: click it)")
        else:
            self.picking_source = not self.picking_source
            self.say("click the hex the source moves to (Esc cancels)" if self.picking_source else "the source stays where it is", 6.0)
        if self.panels is not None:
            self.panels.supply_pick.set_text("Picking..." if self.picking_source else "Pick hex")

    def move_source(self, i: int) -> None:
        """The click of Pick hex: the selected supply source moves to hex i (one undo step)."""
        k, self.picking_source = self.selected_source, False
        if self.panels is not None:
            self.panels.supply_pick.set_text("Pick hex")
        if k is None or k >= len(self.draft.supply_sources()):
            return
        other = self.draft.source_at(i)
        if other is not None and other != k:
            self.say(f"another supply source is on {self.draft.hex_id(i)}; nothing changed")
            return
        self.run_edit(self.draft.set_fields, ("supply_sources", k), [("hex", self.draft.hex_id(i))], "supply source hex")
        self.say(f"supply source moved to {self.draft.hex_id(i)}", 3.0)

    def pick_hex(self, i: int) -> None:
        if self.selected_record:
            done = self.run_edit(self.draft.pick_on_map, self.selected_record, self.draft.hex_id(i))
            if done:
                self.say(done, 3.0)
