"""What the editor's tools and panels do to the draft: every change goes through `run_edit`
(one undo step, then the map, the panels and live validation follow)."""
from __future__ import annotations

from typing import Any

import numpy as np

from engine.errors import Problem, ScenarioError
from engine.rules import RuleSet
from engine.scenario.roundtrip import EditError
from ui.drawing.view import MapView
from ui.editor.art import sync_map
from ui.editor.model import Draft, recovery_dir
from ui.editor.panels import HEADER_FIELDS, Panels


class EditorActions:
    """The edits of the editor screen (a mixin of `EditorScreen`, which holds the state)."""

    app: Any
    draft: Draft
    view: MapView | None
    panels: Panels | None
    rules: RuleSet
    terrains: list[str]
    terrain: str
    brush: int
    tab: str
    stroke: set[int]
    side_stroke: list[tuple[int, int]]
    route_stroke: list[int]
    erasing: bool
    river_kind: str
    route_key: str
    tool: str
    balance: Any
    turn: int
    turn_event: str | None
    selected_source: int | None
    selected_reinforcement: tuple[int, int] | None
    selected_objective: int | None
    selected_record: str | None
    picking: bool
    picking_source: bool
    problems: list[Problem]
    validated_revision: int
    autosaved_revision: int
    selected_unit: int | None
    selected_place: int | None
    selected_hex: int

    def say(self, text: str, seconds: float = 4.0) -> None:
        raise NotImplementedError

    def after_edit(self, panels: bool = True) -> None:
        raise NotImplementedError

    def autosave(self, force: bool = False) -> None:
        raise NotImplementedError

    def refresh_panels(self, form: bool = False) -> None:
        raise NotImplementedError

    # -- edits ----------------------------------------------------------------------------
    def run_edit(self, action, *args: Any, panels: bool = True) -> Any:
        """Call a draft edit; an edit that cannot be made says why and changes nothing.
        `panels=False`: the edit changes nothing the side panel shows (a painted stroke)."""
        try:
            result = action(*args)
        except (EditError, ScenarioError, ValueError) as exc:
            self.say(f"cannot do that: {exc}")
            return None
        self.after_edit(panels)
        return result

    def play(self) -> None:
        """Playtest: the scenario as edited opens in the game, in a window of its own (a copy in
        the user data folder: nothing is saved over the scenario)."""
        if self.validated_revision != self.draft.revision:
            self.say("still checking the scenario; press Play again in a moment")
            return
        if self.problems:
            self.say(f"fix the {len(self.problems)} problem{'s' if len(self.problems) != 1 else ''} first: the game refuses the scenario until then")
            return
        import subprocess
        import sys

        try:
            target = self.draft.write_copy(recovery_dir() / "playtest" / self.draft.name)
            subprocess.Popen([sys.executable, "-m", "ui.cli", "play", str(target)])
        except OSError as exc:
            self.say(f"cannot start the game: {exc.strerror or exc}")
            return
        self.say(f"the game opens on {target.name} (a copy: your scenario is not saved by this)", 6.0)

    def move_turn_entry(self, step: int) -> None:
        """The selected arrival or withdrawal (with the rest of its entry) a turn earlier or later."""
        if not self.turn_event:
            self.say("select an arrival or a withdrawal in the turn's list first")
            return
        key = "reinforcements" if self.turn_event.startswith("#r") else "withdrawals"
        g = int(self.turn_event[2:].split("_")[0])
        self.run_edit(self.draft.set_entry_turn, key, g, self.turn + step)
        if self.draft.turn_of(self.draft.schedule(key)[g]) == self.turn + step:
            self.turn += step                        # the track follows the entry
            self.refresh_panels()

    def arrive_this_turn(self) -> None:
        if self.selected_unit is None:
            self.say("select a unit on the map (or in the Units tab) first: it arrives at the hex it stands on")
            return
        k, self.selected_unit = self.selected_unit, None
        self.run_edit(self.draft.make_reinforcement, k, self.turn)

    def withdraw_this_turn(self) -> None:
        if self.selected_unit is None:
            self.say("select a unit first")
            return
        uid = str(self.draft.units()[self.selected_unit].get("id"))
        self.run_edit(self.draft.withdraw_unit, uid, self.turn)

    def quick_balance(self) -> None:
        """Start (or stop) AI-vs-AI games of the scenario as edited, in the background."""
        from ui.editor.balance import QuickBalance

        if self.balance is not None and not self.balance.state.finished:
            self.balance.stop()
            self.balance = None
            self.say("quick balance stopped")
            self.refresh_problems()
            return
        if self.validated_revision != self.draft.revision or self.problems:
            self.say("the scenario must be valid (no problems listed) to be played")
            return
        try:
            target = self.draft.write_copy(recovery_dir() / "balance" / self.draft.name)
        except OSError as exc:
            self.say(f"cannot write the copy to play: {exc.strerror or exc}")
            return
        self.balance = QuickBalance(str(target))
        self.say(f"quick balance: {self.balance.state.games} games in the background (Balance again stops them)", 6.0)

    def refresh_problems(self) -> None:
        raise NotImplementedError

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
        n = self.run_edit(self.draft.paint, hexes, self.terrain, panels=False)     # the stroke's last frame: no forms to fill
        if n is None and self.view is not None:
            sync_map(self.view, self.draft)          # the edit failed: show the draft as it is

    def hexside_at(self, pos: tuple[int, int]) -> tuple[int, int] | None:
        """The hexside nearest the mouse: (hex, its neighbour across that side), or None."""
        view = self.view
        if view is None:
            return None
        i = view.hex_at(pos)
        if i < 0:
            return None
        geo = view.geo
        wx, wy = pos[0] - view.rect.x + view.cam_x, pos[1] - view.rect.y + view.cam_y
        d = min(range(6), key=lambda d: (geo.edge_mid(i, d)[0] - wx) ** 2 + (geo.edge_mid(i, d)[1] - wy) ** 2)
        j = int(view.scenario.map.neighbors[i, d])
        return (i, j) if j >= 0 else None

    def extend_river_stroke(self, pos: tuple[int, int]) -> None:
        side = self.hexside_at(pos)
        if side is not None and side not in self.side_stroke and side[::-1] not in self.side_stroke:
            self.side_stroke.append(side)

    def extend_route_stroke(self, i: int) -> None:
        """The chain goes on to hex i through the hexes between (a fast mouse skips some)."""
        if self.view is None:
            return
        if not self.route_stroke:
            self.route_stroke = [i]
            return
        last = self.route_stroke[-1]
        if i == last:
            return
        from engine import hexgrid

        m = self.view.scenario.map
        cols, rows = m.columns, m.rows
        line = hexgrid.line(hexgrid.hex_at(last, cols), hexgrid.hex_at(i, cols))
        for h in line[1:]:
            k = hexgrid.index_of(h, cols, rows)
            if k >= 0:
                self.route_stroke.append(k)

    def finish_route(self) -> None:
        """A river or road stroke becomes one edit (Shift held when it began: erase)."""
        sides, self.side_stroke = self.side_stroke, []
        chain, self.route_stroke = self.route_stroke, []
        if self.tool == "river" and sides:
            if self.erasing:
                self.run_edit(self.draft.erase_river, sides)
            else:
                self.run_edit(self.draft.draw_river, sides, self.river_kind)
        elif self.tool == "road" and chain:
            if self.erasing:
                self.run_edit(self.draft.erase_route, self.route_key, chain)
            elif len(chain) >= 2:
                self.run_edit(self.draft.draw_route, self.route_key, chain)
        self.erasing = False

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

    def select_problem(self, k: int) -> None:
        """Select what problem k is about: its unit, place or hex, and bring it into view."""
        if k >= len(self.problems):
            return
        p = self.problems[k]
        path = tuple(p.path)
        target = -1
        focus: str | None = None
        if len(path) >= 2 and path[0] == "units" and isinstance(path[1], int) and path[1] < len(self.draft.units()):
            self.selected_unit = path[1]
            self.tab = "units"
            target = _index(self.draft.hex_index(self.draft.units()[path[1]].get("hex")))
        elif len(path) >= 3 and path[:2] == ("map", "places") and isinstance(path[2], int) and path[2] < len(self.draft.places()):
            self.selected_place = path[2]
            self.tab = "map"
            target = _index(self.draft.hex_index(self.draft.places()[path[2]].get("hex")))
        elif path[:2] == ("map", "terrain"):
            target = self.terrain_problem_hex(p)
        elif ".".join(map(str, path[:3])) in HEADER_FIELDS or (path and path[0] in HEADER_FIELDS):
            self.tab = "scenario"                    # a field of the header: its box in the Scenario tab
            name = ".".join(map(str, path[:3])) if ".".join(map(str, path[:3])) in HEADER_FIELDS else str(path[0])
            if self.panels is not None:
                self.panels.show_tab(self.tab)
                self.panels.header_fields[name].focus()
        elif path and path[0] in ("victory", "weather", "special_rules", "history", "rule_overrides", "nations") and \
                any(r.path == path[:len(r.path)] for r in self.draft.records()):
            self.tab = "rules"                       # a victory, weather, rule or history field: its record
            record = max((r for r in self.draft.records() if r.path == path[:len(r.path)]), key=lambda r: len(r.path))
            self.selected_record = record.oid
            focus = str(path[len(record.path)]) if len(path) > len(record.path) else None
        elif len(path) >= 2 and path[0] in ("reinforcements", "withdrawals") and isinstance(path[1], int) \
                and path[1] < len(self.draft.schedule(str(path[0]))):
            self.tab = "turns"                       # an arrival or withdrawal: its turn on the track
            self.turn = self.draft.turn_of(self.draft.schedule(str(path[0]))[path[1]]) or 1
            self.turn_event = None
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
                target = _index(self.draft.hex_index(node["hex"]))
            elif isinstance(node, str):
                target = _index(self.draft.hex_index(node))
        if target >= 0:
            self.selected_hex = target
            if self.view is not None:
                self.view.centre_on(target)
        if self.panels is not None:
            self.panels.show_tab(self.tab)
        self.refresh_panels(form=True)
        if focus is not None and self.panels is not None and focus in self.panels.rules.names:
            self.panels.rules.entries[self.panels.rules.names.index(focus)].focus()     # the field the problem is about
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

    def reinforcement_unit(self) -> dict | None:
        """The reinforcement selected in the tree (its unit mapping), or None."""
        if self.selected_reinforcement is None:
            return None
        g, j = self.selected_reinforcement
        entries = self.draft.schedule("reinforcements")
        units = entries[g].get("units") if g < len(entries) else None
        if isinstance(units, list) and j < len(units) and isinstance(units[j], dict):
            return units[j]
        self.selected_reinforcement = None
        return None

    def unit_prefix(self) -> tuple | None:
        """Where the unit the form shows is in the data: a start unit or a reinforcement."""
        if self.selected_unit is not None:
            return ("units", self.selected_unit)
        if self.reinforcement_unit() is not None and self.selected_reinforcement is not None:
            g, j = self.selected_reinforcement
            return ("reinforcements", g, "units", j)
        return None

    def copy_selected(self) -> None:
        if self.selected_unit is None and self.reinforcement_unit() is not None and self.selected_reinforcement is not None:
            self.run_edit(self.draft.copy_reinforcement, *self.selected_reinforcement)
            self.selected_reinforcement = (self.selected_reinforcement[0], self.selected_reinforcement[1] + 1)
            self.refresh_panels(form=True)
            return
        if self.selected_unit is None:
            self.say("select a unit to copy")
            return
        k = self.run_edit(self.draft.copy_unit, self.selected_unit)
        if k is not None:
            self.selected_unit = k
            self.refresh_panels(form=True)

    def delete_selected(self) -> None:
        if self.selected_unit is None and self.reinforcement_unit() is not None and self.selected_reinforcement is not None:
            g, j = self.selected_reinforcement
            self.selected_reinforcement = None
            self.run_edit(self.draft.delete_reinforcement, g, j)
            return
        if self.selected_unit is None:
            self.say("select a unit to delete")
            return
        k, self.selected_unit = self.selected_unit, None
        self.run_edit(self.draft.delete_unit, k)


def _index(i: int | None) -> int:
    """A hex index, or -1 for none (hex 0 is a hex)."""
    return -1 if i is None else i
