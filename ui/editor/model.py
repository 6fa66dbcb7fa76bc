"""The scenario being edited: its files, the edits a designer makes, undo and redo, saving.

Every edit goes through `Draft.edit`, which keeps the files' texts before and after: undo and
redo swap them back, so every kind of edit (a painted stroke, a moved counter, a renamed
place) is undone the same way. Nothing here imports pygame: the screen, the command line and
the tests all drive the same object.
"""
from __future__ import annotations

import copy
import datetime as dt
import hashlib
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from engine import hexgrid
from engine.errors import Problem, ScenarioError
from engine.files import write_text_atomic
from engine.scenario.roundtrip import EditError, ScenarioFiles, check_files

UNDO_LIMIT = 300


@dataclass
class Step:
    """One undoable edit: a name for the menu and the texts of the files it changed."""

    label: str
    before: dict[str, str]
    after: dict[str, str]


@dataclass
class SaveResult:
    written: list[Path]
    problems: list[Problem]

    @property
    def draft(self) -> bool:
        """Saved with problems: the game refuses the file until they are fixed."""
        return bool(self.problems)

    def message(self) -> str:
        what = f"saved {len(self.written)} file{'s' if len(self.written) != 1 else ''}" if self.written else "nothing changed on disk"
        if self.problems:
            n = len(self.problems)
            return f"{what} as a DRAFT: {n} problem{'s' if n != 1 else ''}; the game will refuse it until they are fixed"
        return what


@dataclass
class Draft:
    """A scenario open in the editor."""

    files: ScenarioFiles
    undo_stack: list[Step] = field(default_factory=list)
    redo_stack: list[Step] = field(default_factory=list)
    saved_texts: dict[str, str] = field(default_factory=dict)
    revision: int = 0                      # goes up with every change (edit, undo, redo)
    _data: dict | None = None
    _data_revision: int = -1

    @classmethod
    def open(cls, path: str | Path) -> "Draft":
        files = ScenarioFiles.read(path)
        return cls(files=files, saved_texts=files.texts())

    # -- reading ------------------------------------------------------------------------
    @property
    def data(self) -> dict:
        """The merged data as the engine reads it (cached until the next change)."""
        if self._data is None or self._data_revision != self.revision:
            self._data = self.files.data()
            self._data_revision = self.revision
        return self._data

    @property
    def dirty(self) -> bool:
        return self.files.texts() != self.saved_texts

    @property
    def name(self) -> str:
        main = self.files.main
        return main.parent.name if self.files.folder_layout else main.stem

    def map_block(self) -> dict:
        m = self.data.get("map")
        return m if isinstance(m, dict) else {}

    def size(self) -> tuple[int, int]:
        m = self.map_block()
        return int(m.get("columns", 0) or 0), int(m.get("rows", 0) or 0)

    def terrain_rows(self) -> list[str]:
        rows = str(self.map_block().get("terrain", "")).split("\n")
        while rows and rows[-1] == "":
            rows.pop()
        return rows

    def legend(self) -> dict[str, str]:
        legend = self.map_block().get("legend")
        return {str(k): str(v) for k, v in legend.items()} if isinstance(legend, dict) else {}

    def units(self) -> list[dict]:
        units = self.data.get("units")
        return [u if isinstance(u, dict) else {} for u in units] if isinstance(units, list) else []

    def places(self) -> list[dict]:
        places = self.map_block().get("places")
        return [p if isinstance(p, dict) else {} for p in places] if isinstance(places, list) else []

    def hex_id(self, index: int) -> str:
        cols, rows = self.size()
        return hexgrid.format_hex_id(index % cols, index // cols, hexgrid.id_digits(cols, rows))

    def hex_index(self, hex_id: Any) -> int | None:
        cols, rows = self.size()
        if cols <= 0 or rows <= 0 or hex_id is None:
            return None
        try:
            col, row = hexgrid.parse_hex_id(str(hex_id), hexgrid.id_digits(cols, rows))
        except (ValueError, TypeError):
            return None
        return row * cols + col if 0 <= col < cols and 0 <= row < rows else None

    # -- editing ------------------------------------------------------------------------
    @contextmanager
    def edit(self, label: str) -> Iterator[ScenarioFiles]:
        """Make one undoable edit through the files; on an error nothing is changed."""
        before = self.files.texts()
        try:
            yield self.files
        except BaseException:
            self.files.restore(before)
            raise
        after = self.files.texts()
        changed = {k for k in after if after[k] != before[k]}
        if not changed:
            return
        self.undo_stack.append(Step(label, {k: before[k] for k in changed}, {k: after[k] for k in changed}))
        del self.undo_stack[:-UNDO_LIMIT]
        self.redo_stack.clear()
        self.revision += 1

    def undo(self) -> str | None:
        if not self.undo_stack:
            return None
        step = self.undo_stack.pop()
        self.files.restore(step.before)
        self.redo_stack.append(step)
        self.revision += 1
        return step.label

    def redo(self) -> str | None:
        if not self.redo_stack:
            return None
        step = self.redo_stack.pop()
        self.files.restore(step.after)
        self.undo_stack.append(step)
        self.revision += 1
        return step.label

    # -- map edits -----------------------------------------------------------------------
    def legend_char(self, terrain: str) -> str:
        """The legend's character for `terrain` (one is added to the legend when it has none)."""
        for ch, name in self.legend().items():
            if name == terrain:
                return ch
        used = set(self.legend())
        for ch in [terrain[0].lower(), terrain[0].upper(), *"abcdefghijklmnopqrstuvwxyz0123456789^%$&+=;"]:
            if ch not in used and ch.strip() and ch not in "#:-?[]{},&*!|>'\"%@`":
                self.files.set(("map", "legend", ch), terrain)
                return ch
        raise EditError("the legend has no free character left")

    def paint(self, hexes: list[int], terrain: str) -> int:
        """Give `hexes` terrain `terrain` (one undo step); returns how many changed."""
        cols, _ = self.size()
        with self.edit(f"paint {terrain}") as files:
            ch = self.legend_char(terrain)
            rows = [list(r) for r in self.terrain_rows()]
            changed = 0
            for i in hexes:
                r, c = divmod(i, cols)
                if 0 <= r < len(rows) and 0 <= c < len(rows[r]) and rows[r][c] != ch:
                    rows[r][c] = ch
                    changed += 1
            if changed:
                files.set(("map", "terrain"), "\n".join("".join(r) for r in rows) + "\n")
        return changed

    def terrain_at(self, i: int) -> str | None:
        cols, _ = self.size()
        r, c = divmod(i, cols)
        rows = self.terrain_rows()
        if 0 <= r < len(rows) and 0 <= c < len(rows[r]):
            return self.legend().get(rows[r][c])
        return None

    def add_place(self, name: str, i: int, kind: str = "town", vp: int = 0) -> None:
        place: dict[str, Any] = {"name": name, "hex": self.hex_id(i), "kind": kind}
        if vp:
            place["vp"] = vp
        with self.edit(f"add place {name}") as files:
            if files.has(("map", "places")):
                files.insert(("map", "places"), len(self.places()), place)
            else:
                files.set(("map", "places"), [place])

    def set_place(self, k: int, field_: str, value: Any) -> None:
        with self.edit(f"place {field_}") as files:
            if value in (None, ""):
                if files.has(("map", "places", k, field_)):
                    files.delete(("map", "places", k, field_))
            else:
                files.set(("map", "places", k, field_), value)

    def move_place(self, k: int, i: int) -> None:
        self.set_place(k, "hex", self.hex_id(i))

    def delete_place(self, k: int) -> None:
        with self.edit("delete place") as files:
            files.delete(("map", "places", k))

    def place_at(self, i: int) -> int | None:
        for k, p in enumerate(self.places()):
            if self.hex_index(p.get("hex")) == i:
                return k
        return None

    # -- rivers, roads and railways ---------------------------------------------------------
    def routes(self, key: str) -> list[dict]:
        """The map's `rivers`, `roads` or `railways` (entries that are not mappings read as empty)."""
        got = self.map_block().get(key)
        return [r if isinstance(r, dict) else {} for r in got] if isinstance(got, list) else []

    def hexside(self, a: int, b: int) -> str:
        """A hexside as the format writes it: the two hex ids, the lower first."""
        a, b = min(a, b), max(a, b)
        return f"{self.hex_id(a)}-{self.hex_id(b)}"

    def _side_key(self, text: Any) -> tuple[int, int] | None:
        parts = str(text).split("-")
        if len(parts) != 2:
            return None
        a, b = self.hex_index(parts[0]), self.hex_index(parts[1])
        return None if a is None or b is None else (min(a, b), max(a, b))

    def river_sides(self) -> dict[tuple[int, int], tuple[int, int]]:
        """Hexside (lower index, higher index) -> (river, position in its `sides`)."""
        out: dict[tuple[int, int], tuple[int, int]] = {}
        for k, river in enumerate(self.routes("rivers")):
            sides = river.get("sides")
            for j, side in enumerate(sides if isinstance(sides, list) else []):
                key = self._side_key(side)
                if key is not None:
                    out.setdefault(key, (k, j))
        return out

    def draw_river(self, sides: list[tuple[int, int]], kind: str = "minor") -> int:
        """Add hexsides (pairs of neighbouring hexes) to a river, as one undo step: to the river
        that has the first one, else to a new river of `kind`. Returns how many were added."""
        known = self.river_sides()
        keys = [(min(a, b), max(a, b)) for a, b in sides]
        fresh = [k for k in dict.fromkeys(keys) if k not in known]
        if not fresh:
            return 0
        with self.edit(f"draw {kind} river") as files:
            first = known.get(keys[0])
            if first is not None:
                k = first[0]
                n = len(self.routes("rivers")[k].get("sides") or [])
                for a, b in fresh:
                    files.insert(("map", "rivers", k, "sides"), n, self.hexside(a, b))
                    n += 1
            else:
                taken = {str(r.get("name")) for r in self.routes("rivers")}
                n = 1
                while f"New river {n}" in taken:
                    n += 1
                river = {"name": f"New river {n}", "kind": kind, "sides": [self.hexside(a, b) for a, b in fresh]}
                if files.has(("map", "rivers")):
                    files.insert(("map", "rivers"), len(self.routes("rivers")), river)
                else:
                    files.set(("map", "rivers"), [river])
        return len(fresh)

    def erase_river(self, sides: list[tuple[int, int]]) -> int:
        """Take hexsides out of their rivers (one undo step); a river left with none goes."""
        known = self.river_sides()
        found = sorted({known[(min(a, b), max(a, b))] for a, b in sides if (min(a, b), max(a, b)) in known}, reverse=True)
        if not found:
            return 0
        with self.edit("erase river") as files:
            left = {k: len(self.routes("rivers")[k].get("sides") or []) for k, _ in found}
            for k, j in found:                       # last first, so earlier positions stay right
                files.delete(("map", "rivers", k, "sides", j))
                left[k] -= 1
            for k in sorted((k for k, n in left.items() if n == 0), reverse=True):
                files.delete(("map", "rivers", k))
        return len(found)

    def draw_route(self, key: str, hexes: list[int]) -> None:
        """A road or railway (`key` roads or railways) along a chain of neighbouring hexes, one
        undo step: it extends a route that ends where the chain starts, else it is a new route."""
        chain = [h for k, h in enumerate(hexes) if k == 0 or h != hexes[k - 1]]
        if len(chain) < 2:
            return
        ids = [self.hex_id(i) for i in chain]
        what = "railway" if key == "railways" else "road"
        with self.edit(f"draw {what}") as files:
            for k, route in enumerate(self.routes(key)):
                path = route.get("path")
                if isinstance(path, list) and path and str(path[-1]) == ids[0]:
                    for h in ids[1:]:
                        files.insert(("map", key, k, "path"), len(path), h)
                        path = path + [h]
                    return
            taken = {str(r.get("name")) for r in self.routes(key)}
            n = 1
            while f"New {what} {n}" in taken:
                n += 1
            route = {"name": f"New {what} {n}", "path": ids}
            if files.has(("map", key)):
                files.insert(("map", key), len(self.routes(key)), route)
            else:
                files.set(("map", key), [route])

    def erase_route(self, key: str, hexes: list[int]) -> int:
        """Take hexes out of the roads or railways (one undo step): a route is cut in two where a
        hex leaves its middle, and pieces shorter than two hexes go."""
        ids = {self.hex_id(i) for i in hexes}
        routes = self.routes(key)
        hits = [k for k, r in enumerate(routes) if any(str(h) in ids for h in (r.get("path") or []))]
        if not hits:
            return 0
        with self.edit(f"erase {'railway' if key == 'railways' else 'road'}") as files:
            for k in reversed(hits):
                route = routes[k]
                pieces: list[list[Any]] = [[]]
                for h in route.get("path") or []:
                    if str(h) in ids:
                        pieces.append([])
                    else:
                        pieces[-1].append(h)
                pieces = [p for p in pieces if len(p) >= 2]
                path = list(route.get("path") or [])
                gone = [j for j, h in enumerate(path) if str(h) in ids]
                ends = set(range(len(gone))) | set(range(len(path) - len(gone), len(path)))
                if len(pieces) == 1 and all(j in ends for j in gone) and len(path) - len(gone) >= 2:
                    for j in reversed(gone):                 # trimmed at its ends: the route keeps its lines
                        files.delete(("map", key, k, "path", j))
                    continue
                files.delete(("map", key, k))
                for n, piece in enumerate(pieces):
                    part = dict(route)
                    part["path"] = piece
                    if n and "name" in part:
                        part["name"] = f"{route['name']} ({n + 1})"
                    files.insert(("map", key), k + n, part)
        return len(hits)

    # -- supply sources ------------------------------------------------------------------------
    def supply_sources(self) -> list[dict]:
        return self.schedule("supply_sources")

    def source_at(self, i: int) -> int | None:
        for k, src in enumerate(self.supply_sources()):
            if self.hex_index(src.get("hex")) == i:
                return k
        return None

    def add_source(self, i: int, side: str, kind: str = "depot") -> int:
        """A supply source of `side` on hex i (one undo step); returns its index."""
        k = len(self.supply_sources())
        with self.edit(f"add {kind} for {side}") as files:
            self._add_entry_at(files, "supply_sources", {"side": side, "hex": self.hex_id(i), "kind": kind}, k)
        return k

    def _add_entry_at(self, files: ScenarioFiles, key: str, entry: dict, at: int) -> None:
        if files.has((key,)) and isinstance(self.data.get(key), list):
            files.insert((key,), at, entry)
        else:
            files.set((key,), [entry])

    def set_fields(self, prefix: tuple, changes: list[tuple[str, Any]], label: str) -> None:
        """Several fields of one mapping (a unit, a place, a supply source) as one undo step; a
        value of None removes the field."""
        with self.edit(label) as files:
            for name, value in changes:
                if value is None:
                    if files.has(prefix + (name,)):
                        files.delete(prefix + (name,))
                else:
                    files.set(prefix + (name,), value)

    def delete_source(self, k: int) -> None:
        with self.edit("delete supply source") as files:
            files.delete(("supply_sources", k))

    # -- objectives ----------------------------------------------------------------------------
    def objectives(self) -> list[dict]:
        victory = self.data.get("victory")
        got = victory.get("objectives") if isinstance(victory, dict) else None
        return [o if isinstance(o, dict) else {} for o in got] if isinstance(got, list) else []

    def objectives_at(self, i: int) -> list[int]:
        hid = self.hex_id(i)
        return [k for k, o in enumerate(self.objectives()) if hid in [str(h) for h in (o.get("hexes") or [])]]

    def add_objective(self, i: int) -> int:
        """A new objective on hex i (take, for the first side, 5 VP); returns its index."""
        sides = [str(s.get("id")) for s in self.data.get("sides", []) if isinstance(s, dict)]
        taken = {str(o.get("id")) for o in self.objectives()}
        n = 1
        while f"objective_{n}" in taken:
            n += 1
        name = self.place_name(i) or self.hex_id(i)
        objective = {"id": f"objective_{n}", "name": f"Take {name}", "side": sides[0] if sides else "a", "kind": "take",
                     "hexes": [self.hex_id(i)], "vp": 5}
        k = len(self.objectives())
        with self.edit(f"add objective {objective['id']}") as files:
            if isinstance(self.data.get("victory"), dict):
                if files.has(("victory", "objectives")):
                    files.insert(("victory", "objectives"), k, objective)
                else:
                    files.set(("victory", "objectives"), [objective])
            else:
                files.set(("victory",), {"vp_side": objective["side"], "objectives": [objective]})
        return k

    def place_name(self, i: int) -> str | None:
        k = self.place_at(i)
        return str(self.places()[k].get("name")) if k is not None else None

    def toggle_objective_hex(self, k: int, i: int) -> None:
        """Hex i joins objective k, or leaves it (the objective goes with its last hex)."""
        hexes = [str(h) for h in (self.objectives()[k].get("hexes") or [])]
        hid = self.hex_id(i)
        with self.edit(f"objective {self.objectives()[k].get('id')} hexes") as files:
            if hid in hexes:
                if len(hexes) == 1:
                    files.delete(("victory", "objectives", k))
                else:
                    files.delete(("victory", "objectives", k, "hexes", hexes.index(hid)))
            else:
                files.insert(("victory", "objectives", k, "hexes"), len(hexes), hid)

    # -- the turn track: reinforcements and withdrawals -------------------------------------------
    def turns(self) -> int:
        t = self.data.get("turns")
        return t if isinstance(t, int) and t > 0 else 0

    def turn_date(self, turn: int) -> dt.date | None:
        """The first day of `turn`."""
        start, days = self.data.get("start_date"), self.data.get("days_per_turn", 1)
        if not isinstance(start, dt.date) or not isinstance(days, int) or days < 1:
            return None
        return start + dt.timedelta(days=(turn - 1) * days)

    def turn_of(self, entry: dict) -> int | None:
        """The turn of a reinforcement or withdrawal entry (given by `turn`, or by the `date` in it)."""
        turn = entry.get("turn")
        if isinstance(turn, int):
            return turn
        date, start, days = entry.get("date"), self.data.get("start_date"), self.data.get("days_per_turn", 1)
        if isinstance(date, dt.date) and isinstance(start, dt.date) and isinstance(days, int) and days > 0:
            return (date - start).days // days + 1
        return None

    def schedule(self, key: str) -> list[dict]:
        """The `reinforcements` or `withdrawals` entries (those that are not mappings read as empty)."""
        got = self.data.get(key)
        return [g if isinstance(g, dict) else {} for g in got] if isinstance(got, list) else []

    def set_entry_turn(self, key: str, g: int, turn: int) -> None:
        """Move reinforcement or withdrawal entry g to `turn`: its date moves to that turn's first
        day when it is given by date (as the designer chose), else its turn."""
        if not 1 <= turn <= max(1, self.turns()):
            raise EditError(f"turn {turn} is outside the game (1 to {self.turns()})")
        entry = self.schedule(key)[g]
        with self.edit(f"{key[:-1]} to turn {turn}") as files:
            if "date" in entry and "turn" not in entry:
                files.set((key, g, "date"), self.turn_date(turn))
            else:
                files.set((key, g, "turn"), turn)

    def _entry_at(self, key: str, turn: int, match: Any = None) -> int | None:
        for g, entry in enumerate(self.schedule(key)):
            if self.turn_of(entry) == turn and (match is None or match(entry)):
                return g
        return None

    def _add_entry(self, files: ScenarioFiles, key: str, entry: dict, turn: int) -> None:
        """A new entry, placed among the others in turn order."""
        entries = self.schedule(key)
        at = next((g for g, e in enumerate(entries) if (self.turn_of(e) or 0) > turn), len(entries))
        if files.has((key,)) and isinstance(self.data.get(key), list):
            files.insert((key,), at, entry)
        else:
            files.set((key,), [entry])

    def make_reinforcement(self, k: int, turn: int) -> None:
        """Start unit k arrives on `turn` instead, entering at the hex it stands on (joining an
        entry of that turn and hex when there is one)."""
        unit = copy.deepcopy(self.units()[k])
        where = unit.pop("hex", None)
        if self.hex_index(where) is None:
            raise EditError(f"{unit.get('name', unit.get('id'))} is on no hex: place it on its entry hex first")
        with self.edit(f"{unit.get('id')} arrives on turn {turn}") as files:
            files.delete(("units", k))
            g = self._entry_at("reinforcements", turn, lambda e: e.get("hex") in (where, [where]))
            if g is not None:
                files.insert(("reinforcements", g, "units"), len(self.schedule("reinforcements")[g].get("units") or []), unit)
            else:
                self._add_entry(files, "reinforcements", {"turn": turn, "hex": [where], "units": [unit]}, turn)

    def withdraw_unit(self, unit_id: str, turn: int) -> None:
        """The unit leaves the game on `turn` (added to that turn's withdrawals)."""
        if any(unit_id in (e.get("units") or []) for e in self.schedule("withdrawals")):
            raise EditError(f"{unit_id} is already withdrawn")
        with self.edit(f"withdraw {unit_id} on turn {turn}") as files:
            g = self._entry_at("withdrawals", turn)
            if g is not None:
                files.insert(("withdrawals", g, "units"), len(self.schedule("withdrawals")[g].get("units") or []), unit_id)
            else:
                self._add_entry(files, "withdrawals", {"turn": turn, "units": [unit_id]}, turn)

    # -- units --------------------------------------------------------------------------
    def unit_index(self, unit_id: str) -> int | None:
        for k, u in enumerate(self.units()):
            if u.get("id") == unit_id:
                return k
        return None

    def units_at(self, i: int) -> list[int]:
        return [k for k, u in enumerate(self.units()) if self.hex_index(u.get("hex")) == i]

    def fresh_id(self, base: str) -> str:
        taken = {str(u.get("id")) for u in self.units()}
        base = re.sub(r"_\d+$", "", base) or "unit"
        n = 2
        while f"{base}_{n}" in taken:
            n += 1
        return f"{base}_{n}"

    def add_unit(self, unit: dict, index: int | None = None) -> int:
        units = self.units()
        index = len(units) if index is None else index
        with self.edit(f"add unit {unit.get('id')}") as files:
            if files.has(("units",)):
                files.insert(("units",), index, unit)
            else:
                files.set(("units",), [unit])
        return index

    def copy_unit(self, k: int) -> int:
        unit = copy.deepcopy(self.units()[k])
        unit["id"] = self.fresh_id(str(unit.get("id", "unit")))
        if "name" in unit:
            unit["name"] = f"{unit['name']} (copy)"
        return self.add_unit(unit, k + 1)

    def delete_unit(self, k: int) -> None:
        with self.edit(f"delete unit {self.units()[k].get('id')}") as files:
            files.delete(("units", k))

    def set_unit(self, k: int, field_: str, value: Any) -> None:
        """Set one field of unit `k`; an empty value removes the field (the unit type's value applies)."""
        with self.edit(f"unit {field_}") as files:
            if value in (None, "", []):
                if files.has(("units", k, field_)):
                    files.delete(("units", k, field_))
            else:
                files.set(("units", k, field_), value)

    def move_unit(self, k: int, i: int) -> None:
        self.set_unit(k, "hex", self.hex_id(i))

    # -- saving -------------------------------------------------------------------------
    def check(self) -> tuple[Any, list[Problem]]:
        return check_files(self.files)

    def save(self, path: str | Path | None = None, problems: list[Problem] | None = None) -> SaveResult:
        """Write the scenario (atomically, file by file); a scenario with problems is still
        written, as a draft, and the result says so. `problems` may be given when known."""
        if problems is None:
            problems = self.check()[1]
        written = self.files.save(path)
        self.saved_texts = self.files.texts()
        return SaveResult(written, problems)

    def write_copy(self, folder: Path) -> Path:
        """The scenario as edited written into `folder` (with a rule set of its own folder it
        names); returns the path to open it by: the folder, or the main file."""
        folder.mkdir(parents=True, exist_ok=True)
        for name, f in self.files.files.items():
            write_text_atomic(folder / name, f.text)
        rules = self.data.get("rules")
        source = self.files.main.parent
        if isinstance(rules, str) and rules.endswith((".yaml", ".yml")) and "/" not in rules and (source / rules).is_file():
            write_text_atomic(folder / rules, (source / rules).read_text(encoding="utf-8"))
        return folder if self.files.folder_layout else folder / self.files.main.name

    def georef(self) -> Any | None:
        """The map's projection (its `geo:` block), or None when it has none."""
        geo = self.map_block().get("geo")
        if not isinstance(geo, dict):
            return None
        from engine.mapgen.geo import Georef

        geo_data: dict[str, Any] = geo
        try:
            return Georef(float(geo_data["origin_lon"]), float(geo_data["origin_lat"]), float(geo_data.get("ref_lat", geo_data["origin_lat"])),
                          float(geo_data.get("hex_km") or self.data.get("hex_km") or 1))
        except (KeyError, TypeError, ValueError):
            return None

    # -- recovery -----------------------------------------------------------------------
    def recovery_path(self, folder: Path) -> Path:
        digest = hashlib.sha1(str(self.files.main.resolve()).encode()).hexdigest()[:10]
        return folder / f"{self.name}-{digest}.recovery.json"

    def write_recovery(self, folder: Path) -> Path:
        import json

        path = self.recovery_path(folder)
        write_text_atomic(path, json.dumps({"main": str(self.files.main.resolve()), "time": time.time(), "texts": self.files.texts()}))
        return path

    def read_recovery(self, folder: Path) -> bool:
        """Take the texts of this scenario's recovery file (as one undoable step); False when there is none."""
        import json

        path = self.recovery_path(folder)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        texts = data.get("texts") if isinstance(data, dict) else None
        if not isinstance(texts, dict) or set(texts) != set(self.files.files):
            return False
        with self.edit("recover unsaved edits") as files:
            files.restore({k: str(v) for k, v in texts.items()})
        return True


def recovery_dir() -> Path:
    """Where unsaved edits are kept (the user data folder, beside the game's autosaves)."""
    from ui.settings import data_dir

    return data_dir() / "editor"


def open_draft(path: str | Path) -> Draft:
    """A draft of a scenario file, folder or shipped name; ScenarioError when it cannot be read."""
    from engine.scenario import resolve

    target = resolve(path)
    if target.is_dir() and not (target / "scenario.yaml").is_file():
        raise ScenarioError(Problem(str(target), 1, 1, "a scenario folder needs a scenario.yaml"))
    return Draft.open(target)
