"""The scenario being edited: its files, the edits a designer makes, undo and redo, saving.

Every edit goes through `Draft.edit`, which keeps the files' texts before and after: undo and
redo swap them back, so every kind of edit (a painted stroke, a moved counter, a renamed
place) is undone the same way. Nothing here imports pygame: the screen, the command line and
the tests all drive the same object.
"""
from __future__ import annotations

import copy
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
from ui.editor.features import MapFeatures
from ui.editor.records import RecordEdits
from ui.editor.turntrack import TurnTrack

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
class Draft(MapFeatures, TurnTrack, RecordEdits):
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
        key = (str(hex_id), cols, rows)
        cache: dict[tuple[str, int, int], int | None] = self.__dict__.setdefault("_hex_index_cache", {})
        if key not in cache:      # every frame's overlays ask for the same few hundred ids
            try:
                col, row = hexgrid.parse_hex_id(key[0], hexgrid.id_digits(cols, rows))
                cache[key] = row * cols + col if 0 <= col < cols and 0 <= row < rows else None
            except (ValueError, TypeError):
                cache[key] = None
        return cache[key]

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

    # -- sides --------------------------------------------------------------------------
    def sides(self) -> list[dict]:
        sides = self.data.get("sides")
        return [s if isinstance(s, dict) else {} for s in sides] if isinstance(sides, list) else []

    def add_side(self) -> int:
        """A new side (with a nation of its own) after the others; ValueError, with nothing
        changed, when the scenario format allows no more sides."""
        lo, hi = side_limits()
        sides = self.sides()
        if hi is not None and len(sides) >= hi:
            raise ValueError(f"the scenario format allows {side_count(lo, hi)}: add an army as a nation of a side; nothing changed")
        taken = {str(s.get("id")) for s in sides} | set(self.data.get("nations") or {})
        n = len(sides) + 1
        while f"side_{n}" in taken:
            n += 1
        sid = f"side_{n}"
        with self.edit(f"add side {sid}") as files:
            files.insert(("sides",), len(sides), {"id": sid, "name": f"Side {n}", "colour": "#808080", "nations": [sid]})
            if isinstance(self.data.get("nations"), dict) and files.has(("nations",)):
                files.set(("nations", sid), {"name": f"Side {n}", "colour": "#808080"})
        return len(sides)

    def remove_side(self, k: int) -> None:
        """Side `k` out of the scenario; ValueError, with nothing changed, when the format needs
        the sides there are, or when units still fight for it."""
        lo, hi = side_limits()
        sides = self.sides()
        if not 0 <= k < len(sides):
            raise ValueError(f"there is no side {k + 1}")
        sid = sides[k].get("id")
        if len(sides) <= lo:
            raise ValueError(f"the scenario format allows {side_count(lo, hi)}: {sid} cannot be removed "
                             "(rename it in the form instead); nothing changed")
        arriving = [u for entry in self.schedule("reinforcements") for u in entry.get("units") or [] if isinstance(u, dict)]
        mine = [u.get("id") for u in [*self.units(), *arriving] if u.get("side") == sid]
        if mine:
            raise ValueError(f"{len(mine)} units fight for {sid} ({', '.join(map(str, mine[:3]))}...): "
                             "delete them or give them another side first; nothing changed")
        with self.edit(f"remove side {sid}") as files:
            files.delete(("sides", k))

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


def side_limits() -> tuple[int, int | None]:
    """How many sides the scenario format allows (the engine's model says): (least, most)."""
    from engine.scenario.model import ScenarioModel

    lo, hi = 0, None
    for rule in ScenarioModel.model_fields["sides"].metadata:
        lo = getattr(rule, "min_length", lo)
        hi = getattr(rule, "max_length", hi)
    return lo, hi


def side_count(lo: int, hi: int | None) -> str:
    if lo == hi:
        return f"exactly {lo} sides"
    return f"{lo} to {hi} sides" if hi is not None else f"at least {lo} sides"


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
