"""The nations of a scenario: the armies that fight on its sides, each with its name and its
counters' colours (`nations: {ID: {name, colour, text_colour}}`), listed by the sides that
field them (a side's `nations`). The Rules tab lists every nation as a record with the fields
of the engine's model (engine/scenario/model.py, `Nation`), its `id` and its `sides`.

A nation is added to a side, changed, renamed with every mention of it (the sides' lists, the
units' and the arriving units' `nation`), and deleted unless a unit still fights as it. Nothing
here imports pygame; each edit is one undo step through `Draft.edit`.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from engine.scenario.model import Nation
from ui.editor.features import DraftBase

if TYPE_CHECKING:
    from ui.editor.records import Record

IDENT = re.compile(r"^[A-Za-z0-9_\-]+$")
PREFIX = "#nation_"
FIELDS = ("id", *Nation.model_fields, "sides")          # the form: the id, the model's fields, the sides


def _nations(data: dict) -> dict[str, Any]:
    got = data.get("nations")
    return {str(k): v for k, v in got.items()} if isinstance(got, dict) else {}


def _sides(data: dict) -> list[dict]:
    got = data.get("sides")
    return [s if isinstance(s, dict) else {} for s in got] if isinstance(got, list) else []


def _side_nations(side: dict) -> list[str] | None:
    got = side.get("nations")
    return [str(n) for n in got] if isinstance(got, list) else None


def sides_of(data: dict, nid: str) -> list[str]:
    """The ids of the sides whose `nations` list names `nid`."""
    return [str(s.get("id")) for s in _sides(data) if nid in (_side_nations(s) or [])]


def unit_paths(data: dict) -> list[tuple[tuple, dict]]:
    """Every unit with its data path: those on the map at the start, then the arriving ones."""
    units = data.get("units")
    out: list[tuple[tuple, dict]] = [(("units", k), u) for k, u in enumerate(units if isinstance(units, list) else []) if isinstance(u, dict)]
    entries = data.get("reinforcements")
    for e, entry in enumerate(entries if isinstance(entries, list) else []):
        arriving = entry.get("units") if isinstance(entry, dict) else None
        out += [(("reinforcements", e, "units", j), u) for j, u in enumerate(arriving if isinstance(arriving, list) else []) if isinstance(u, dict)]
    return out


def nation_records(data: dict) -> list[Record]:
    from ui.editor.records import Record

    out = []
    for nid, fields in _nations(data).items():
        name = fields.get("name", "?") if isinstance(fields, dict) else "?"
        sides = ", ".join(sides_of(data, nid)) or "no side"
        out.append(Record(f"{PREFIX}{nid}", f"Nation: {nid}, {name} ({sides})", ("nations", nid), Nation))
    return out


def nation_values(data: dict, nid: str) -> dict:
    """The nation's fields as its form shows them (the model's defaults for the ones left out)."""
    fields = _nations(data).get(nid)
    defaults = {k: f.default for k, f in Nation.model_fields.items() if not f.is_required()}
    return {"id": nid, **defaults, **(fields if isinstance(fields, dict) else {}), "sides": sides_of(data, nid)}


class NationEdits(DraftBase):
    """Adding, changing, renaming and deleting nations (a mixin of `Draft`, through
    `RecordEdits`); each one undo step through `Draft.edit`."""

    def nation_ids(self) -> list[str]:
        return list(_nations(self.data))

    def add_nation(self, side: str | None = None) -> str:
        """A new nation (`new_nation`, `new_nation_2` ...) fighting on `side` (the first side when
        None), in the side's colour; returns its record's id."""
        sides = _sides(self.data)
        if not sides:
            raise ValueError("the scenario has no sides to add a nation to")
        target = next((s for s in sides if s.get("id") == side), sides[0])
        taken = set(self.nation_ids())
        nid, n = "new_nation", 2
        while nid in taken:
            nid, n = f"new_nation_{n}", n + 1
        colour = target.get("colour") if isinstance(target.get("colour"), str) else "#808080"
        entry = {"name": "New nation", "colour": colour}
        with self.edit(f"add nation {nid} to {target.get('id')}") as files:
            if files.has(("nations",)) and isinstance(self.data.get("nations"), dict):
                files.set(("nations", nid), entry)
            else:
                files.set(("nations",), {nid: entry})
            self._join_side(sides.index(target), nid)
        return f"{PREFIX}{nid}"

    def _join_side(self, k: int, nid: str) -> None:
        """`nid` at the end of side `k`'s `nations`. A side without the list (any nation may fight
        for it) gets one: the nations its units fight as, then `nid`."""
        files = self.files
        side = _sides(files.data())[k]
        listed = _side_nations(side)
        if listed is not None and files.has(("sides", k, "nations")):
            if nid not in listed:
                files.insert(("sides", k, "nations"), len(listed), nid)
            return
        used: list[str] = []
        for _, u in unit_paths(files.data()):
            if u.get("side") == side.get("id") and u.get("nation") is not None and str(u["nation"]) not in used:
                used.append(str(u["nation"]))
        files.set(("sides", k, "nations"), [n for n in used if n != nid] + [nid])

    def _leave_side(self, k: int, nid: str) -> None:
        """`nid` out of side `k`'s `nations` (the list goes when it empties: any nation may fight)."""
        files = self.files
        listed = _side_nations(_sides(files.data())[k]) or []
        if all(n == nid for n in listed):
            files.delete(("sides", k, "nations"))
            return
        for j in reversed([j for j, n in enumerate(listed) if n == nid]):
            files.delete(("sides", k, "nations", j))

    def set_nation_fields(self, record: Record, changes: list[tuple[str, Any]]) -> None:
        """Fields of one nation as one undo step: `name`, `colour`, `text_colour` (an emptied box
        goes back to the model's default), `sides` (the sides that field it) and `id` (a rename:
        the sides' lists and every unit's `nation` follow). The nation as it would be is checked
        first: a value the engine refuses is refused, nothing written."""
        nid = str(record.path[-1])
        data = self.data
        current = _nations(data).get(nid)
        fields = dict(current) if isinstance(current, dict) else {}
        rename: str | None = None
        sides: list[str] | None = None
        for field, value in changes:
            if field == "id":
                rename = None if value is None else str(value)
            elif field == "sides":
                sides = [str(s) for s in value or []]
            elif value is None:
                fields.pop(field, None)
            else:
                fields[field] = value
        try:
            Nation.model_validate(fields)
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err["loc"])
            msg = ("a nation needs one" if err["type"] == "missing" else
                   f"'{err['input']}' is not a colour written #rrggbb" if err["type"] == "string_pattern_mismatch" else err["msg"].lower())
            raise ValueError(f"{where}: {msg}") from None
        if rename is None and any(f == "id" for f, _ in changes):
            raise ValueError("id: a nation needs one (letters, digits, _ and -)")
        if rename is not None and rename != nid:
            if not IDENT.match(rename):
                raise ValueError(f"id: '{rename}' is not an id (letters, digits, _ and -)")
            if rename in _nations(data):
                raise ValueError(f"id: there is a nation '{rename}' already")
        side_ids = [str(s.get("id")) for s in _sides(data)]
        for s in sides or []:
            if s not in side_ids:
                raise ValueError(f"sides: '{s}' is not a side ({', '.join(side_ids)})")
        with self.edit(f"nation {nid} {', '.join(f for f, _ in changes)}") as files:
            before = current if isinstance(current, dict) else {}
            for field in [f for f in {**before, **fields} if before.get(f, object()) != fields.get(f, object())]:
                if field in fields:
                    files.set(("nations", nid, field), fields[field])       # field by field: the rest keeps its text
                else:
                    files.delete(("nations", nid, field))
            if sides is not None:
                had = sides_of(data, nid)
                for k, sid in enumerate(side_ids):
                    if sid in sides and sid not in had:
                        self._join_side(k, nid)
                    elif sid in had and sid not in sides:
                        self._leave_side(k, nid)
            if rename is not None and rename != nid:
                self._rename_nation(nid, rename)

    def _rename_nation(self, old: str, new: str) -> None:
        """Nation `old` called `new`: its key, the sides' lists, every unit's `nation`."""
        files = self.files
        files.rename_key(("nations", old), new)
        for k, side in enumerate(_sides(files.data())):
            for j, n in enumerate(_side_nations(side) or []):
                if n == old:
                    files.set(("sides", k, "nations", j), new)
        for path, unit in unit_paths(files.data()):
            if unit.get("nation") == old:
                files.set(path + ("nation",), new)

    def nation_users(self, nid: str) -> list[str]:
        """The ids of the units (on the map or arriving) that fight as nation `nid`."""
        return [str(u.get("id", "?")) for _, u in unit_paths(self.data) if u.get("nation") == nid]

    def delete_nation(self, nid: str) -> str:
        """Remove a nation no unit fights as, and its place in the sides' lists; ValueError, with
        nothing changed, naming the units that still do."""
        if nid not in _nations(self.data):
            raise ValueError(f"there is no nation '{nid}'")
        users = self.nation_users(nid)
        if users:
            more = f" and {len(users) - 5} more" if len(users) > 5 else ""
            raise ValueError(f"'{nid}' is still the nation of {len(users)} unit{'s' if len(users) != 1 else ''} "
                             f"({', '.join(users[:5])}{more}): give them another nation first; nothing deleted")
        with self.edit(f"delete nation {nid}") as files:
            for k, side in enumerate(_sides(self.data)):
                if nid in (_side_nations(side) or []):
                    self._leave_side(k, nid)
            if list(_nations(files.data())) == [nid]:
                files.delete(("nations",))
            else:
                files.delete(("nations", nid))
        return f"nation {nid} deleted"
