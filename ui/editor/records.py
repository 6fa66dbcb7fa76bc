"""The Rules tab's records: the nations (ui/editor/nations.py), victory (with its levels and
objectives), the weather (schedule, table and kinds), the special rules and the `history:`
milestones, each a mapping of the scenario edited in a form of text boxes.

The fields of each record, and how a box's text is read, come from the engine's own models
(engine/scenario/model.py): a field the engine adds to a rule shows up here without a change.
Nothing here imports pygame; the draft's edits go through `Draft.edit` (one undo step each).
"""
from __future__ import annotations

import datetime as dt
import types
import typing
from dataclasses import dataclass
from typing import Any, Literal, Union

from pydantic import BaseModel

from engine.scenario import model as m
from ui.editor.nations import NationEdits
from ui.editor.weatherkinds import WeatherKindEdits

RULE_MODELS: dict[str, type[BaseModel]] = {"stand_fast": m.StandFast, "airlift": m.Airlift, "naval_gunfire": m.NavalGunfire}
MILESTONE_MODELS: dict[str, type[BaseModel]] = {"place_taken": m.PlaceTaken, "pocket_formed": m.PocketFormed,
                                                "pocket_destroyed": m.PocketDestroyed, "pocket_relieved": m.PocketRelieved,
                                                "unit_gone": m.UnitGone, "loss_ratio": m.LossRatio}
SECTIONS = ("victory", "weather", "special_rules", "history")
# The field of a record that map clicks fill in (Pick on map), the first of these it has: hexes
# (a stand-fast area, an objective), places and airfields (place names), near (one place's
# name), unit (the id of a unit on the hex).
PICK_FIELDS = ("hexes", "places", "airfields", "near", "unit")


@dataclass(frozen=True)
class Record:
    """One editable mapping: its row in the list, where it is in the data, its model."""

    oid: str                      # the list row's id: #victory, #level_0, #objective_2, #weather, #table_0, #rule_1, #milestone_3
    label: str
    path: tuple                   # data path of the mapping
    model: type[BaseModel]
    discriminator: str | None = None      # "rule" or "kind": changing it changes the record's model

    def fields(self) -> list[str]:
        names = list(self.model.model_fields)
        if self.oid == "#victory":
            names = [n for n in names if n not in ("objectives", "levels")]
        if self.oid == "#weather":
            names = ["default", "schedule"]
        if self.oid.startswith("#kind_"):
            names = ["name", *names]
        if self.oid.startswith("#nation_"):
            from ui.editor.nations import FIELDS

            names = list(FIELDS)
        if self.discriminator and self.discriminator in names:
            names.remove(self.discriminator)
            names.insert(0, self.discriminator)
        return names

    def pick_field(self) -> str | None:
        """The field map clicks fill in (Pick on map), or None when the record has none."""
        names = self.fields()
        return next((n for n in PICK_FIELDS if n in names), None)


def _as_list(value: Any) -> list[dict]:
    return [v if isinstance(v, dict) else {} for v in value] if isinstance(value, list) else []


def records(data: dict) -> list[Record]:
    """Every record of the scenario, in the order the Rules tab lists them."""
    out: list[Record] = []
    victory = data.get("victory")
    victory = victory if isinstance(victory, dict) else {}
    out.append(Record("#victory", f"Victory: VP for {victory.get('vp_side', '?')}, {victory.get('elimination_vp', 0)} a step", ("victory",),
                      m.Victory))
    for k, level in enumerate(_as_list(victory.get("levels"))):
        vp = f"VP >= {level['min_vp']}" if level.get("min_vp") is not None else "otherwise"
        out.append(Record(f"#level_{k}", f"  Level: {level.get('name', '?')} ({vp})",
                          ("victory", "levels", k), m.VictoryLevel))
    for k, goal in enumerate(_as_list(victory.get("objectives"))):
        out.append(Record(f"#objective_{k}", f"  Objective: {goal.get('name', goal.get('id', '?'))}", ("victory", "objectives", k), m.Objective))
    weather = data.get("weather")
    weather = weather if isinstance(weather, dict) else {}
    schedule: Any = weather.get("schedule")
    schedule = schedule if isinstance(schedule, dict) else {}
    out.append(Record("#weather", f"Weather: {weather.get('default', 'clear')}, {len(schedule)} fixed turns", ("weather",), m.Weather))
    for k, entry in enumerate(_as_list(weather.get("table"))):
        months = entry.get("months")
        out.append(Record(f"#table_{k}", f"  Table: months {field_text(months)}", ("weather", "table", k), m.WeatherTableEntry))
    for k, rule in enumerate(_as_list(data.get("special_rules"))):
        kind = str(rule.get("rule", "?"))
        out.append(Record(f"#rule_{k}", f"Rule: {kind} ({rule.get('side', '?')})", ("special_rules", k), RULE_MODELS.get(kind, m.StandFast),
                          "rule"))
    history = data.get("history")
    history = history if isinstance(history, dict) else {}
    for k, ms in enumerate(_as_list(history.get("milestones"))):
        kind = str(ms.get("kind", "?"))
        out.append(Record(f"#milestone_{k}", f"History: {ms.get('name') or ms.get('id', '?')} ({kind})"[:60], ("history", "milestones", k),
                          MILESTONE_MODELS.get(kind, m.PlaceTaken), "kind"))
    return out


def record_data(data: dict, record: Record) -> dict:
    node: Any = data
    for part in record.path:
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            return {}
    return node if isinstance(node, dict) else {}


def field_text(value: Any) -> str:
    """A value as typed in a box: lists `a, b`, mappings `k: v, k: v`, nothing an empty box."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {field_text(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(field_text(v) for v in value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _strip(tp: Any) -> tuple[Any, bool]:
    """A field's type without Annotated and Optional; and whether None is allowed."""
    optional = False
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(tp))
            if len(args) != 1:
                return tp, optional
            tp = args[0]
        else:
            return tp, optional


def _scalar(tp: Any, text: str, what: str) -> Any:
    text = text.strip().strip('"').strip("'")
    if tp is bool:
        if text.lower() in ("true", "yes", "1", "on"):
            return True
        if text.lower() in ("false", "no", "0", "off"):
            return False
        raise ValueError(f"{what}: '{text}' is not true or false")
    if tp is int:
        try:
            return int(text)
        except ValueError:
            raise ValueError(f"{what}: '{text}' is not a whole number") from None
    if tp is float:
        try:
            value = float(text)
        except ValueError:
            raise ValueError(f"{what}: '{text}' is not a number") from None
        return int(value) if value.is_integer() else value
    if tp is dt.date:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"{what}: '{text}' is not a date written YYYY-MM-DD") from None
    if typing.get_origin(tp) is Literal:
        allowed = [str(a) for a in typing.get_args(tp)]
        if text not in allowed:
            raise ValueError(f"{what}: '{text}' is not one of {', '.join(allowed)}")
    return text


def field_type(record: Record, name: str) -> tuple[Any, bool, bool]:
    """The field's type (stripped), whether it may be null, whether the model requires it."""
    if record.oid == "#weather" and name == "schedule":
        return dict[int, str], False, False
    if record.oid.startswith("#kind_") and name == "name":
        return str, False, True
    if record.oid.startswith("#nation_") and name in ("id", "sides"):
        return (str, False, True) if name == "id" else (list[str], False, False)
    info = record.model.model_fields[name]
    tp, optional = _strip(info.annotation)
    return tp, optional, info.is_required()


def parse_text(record: Record, name: str, text: str) -> Any:
    """What was typed into field `name` of `record`, as the value to write; None for an empty
    box. ValueError with a message naming the field when it cannot be read."""
    text = text.strip()
    if not text:
        return None
    if name == record.discriminator:
        return text                          # another kind: `retyped` checks it against the kinds
    tp, _, _ = field_type(record, name)
    origin = typing.get_origin(tp)
    if origin is list:
        item, _ = _strip(typing.get_args(tp)[0])
        return [_scalar(item, part, f"{name}, item {k + 1}") for k, part in enumerate(p for p in text.split(",") if p.strip())]
    if origin is dict:
        key_tp, value_tp = (_strip(a)[0] for a in typing.get_args(tp))
        out: dict[Any, Any] = {}
        for k, part in enumerate(p for p in text.split(",") if p.strip()):
            if ":" not in part:
                raise ValueError(f"{name}, item {k + 1}: '{part.strip()}' is not written KEY: VALUE")
            key, value = part.split(":", 1)
            out[_scalar(key_tp, key, f"{name}, item {k + 1}")] = _scalar(value_tp, value, f"{name}, item {k + 1}")
        return out
    if tp is str or isinstance(tp, type) and issubclass(tp, str):
        return text
    return _scalar(tp, text, name)


# -- new records ---------------------------------------------------------------------------------
def new_rule(data: dict, kind: str, hexes: list[str]) -> dict:
    side = _first_side(data)
    if kind == "airlift":
        return {"rule": "airlift", "side": side, "points": 2}
    if kind == "naval_gunfire":
        return {"rule": "naval_gunfire", "side": side, "until_turn": 1}
    return {"rule": "stand_fast", "side": side, "until_turn": 1, "hexes": hexes}


def new_milestone(data: dict, kind: str, taken: set[str]) -> dict:
    n = 1
    while f"milestone_{n}" in taken:
        n += 1
    places = [str(p.get("name")) for p in _as_list((data.get("map") or {}).get("places") if isinstance(data.get("map"), dict) else None)]
    start = data.get("start_date")
    out: dict[str, Any] = {"id": f"milestone_{n}", "kind": kind, "name": "", "date": start.isoformat() if isinstance(start, dt.date) else
                           str(start or "1944-06-06"), "tolerance": 2, "source": "(where the date comes from)"}
    if kind == "place_taken":
        out.update(side=_first_side(data), places=places[:1] or ["?"])
    elif kind in ("pocket_formed", "pocket_destroyed", "pocket_relieved"):
        out.update(side=_first_side(data), near=places[0] if places else "?")
    elif kind == "unit_gone":
        units = _as_list(data.get("units"))
        out.update(unit=str(units[0].get("id")) if units else "?")
    elif kind == "loss_ratio":
        out.update(side=_first_side(data), ratio=1, tolerance=0.5)
    del out["name"]
    return out


def new_level(data: dict) -> dict:
    return {"name": "Marginal victory", "winner": _first_side(data), "level": "marginal", "min_vp": 1}


def retyped(record: Record, current: dict, kind: str, data: dict) -> dict:
    """The record as a `kind` (another rule or milestone kind): the fields both kinds have are
    kept, the new kind's required fields get a starting value."""
    if record.discriminator == "rule":
        if kind not in RULE_MODELS:
            raise ValueError(f"rule: '{kind}' is not one of {', '.join(RULE_MODELS)}")
        template = new_rule(data, kind, [])
        model = RULE_MODELS[kind]
    else:
        if kind not in MILESTONE_MODELS:
            raise ValueError(f"kind: '{kind}' is not one of {', '.join(MILESTONE_MODELS)}")
        template = new_milestone(data, kind, set())
        model = MILESTONE_MODELS[kind]
    out = {k: v for k, v in current.items() if k in model.model_fields}
    out[record.discriminator or "kind"] = kind
    for k, v in template.items():
        out.setdefault(k, v)
    return out


def _first_side(data: dict) -> str:
    sides = [str(s.get("id")) for s in data.get("sides", []) if isinstance(s, dict)]
    return sides[0] if sides else "a"


# -- the draft's edits (a mixin of `Draft`) ----------------------------------------------------------
class RecordEdits(WeatherKindEdits, NationEdits):
    """Adding, changing and deleting records; each one undo step through `Draft.edit`."""

    def records(self) -> list[Record]:
        """Every record: the nations first; the weather kinds (the rule set's and the scenario's
        own) after the weather table."""
        from ui.editor.nations import nation_records
        from ui.editor.weatherkinds import kind_records

        out = records(self.data)
        at = max(k for k, r in enumerate(out) if r.oid == "#weather" or r.oid.startswith("#table_")) + 1
        return nation_records(self.data) + out[:at] + kind_records(self.data, self.weather_base()) + out[at:]

    def record_values(self, record: Record) -> dict:
        """The record's fields as its form shows them (a weather kind: as the game plays it)."""
        if record.oid.startswith("#kind_"):
            from ui.editor.weatherkinds import kind_values

            return kind_values(self.data, self.weather_base(), str(record.path[-1]))
        if record.oid.startswith("#nation_"):
            from ui.editor.nations import nation_values

            return nation_values(self.data, str(record.path[-1]))
        return record_data(self.data, record)

    def record(self, oid: str) -> Record | None:
        return next((r for r in self.records() if r.oid == oid), None)

    def set_record_fields(self, oid: str, changes: list[tuple[str, Any]]) -> None:
        """Several fields of one record as one undo step. None empties a field: it is removed,
        or written `null` when the model requires it and allows null (a level's `winner`, a draw).
        A new `rule` or `kind` turns the record into that kind, keeping the fields both share."""
        record = self.record(oid)
        if record is None:
            raise ValueError(f"{oid}: no such record")
        if record.oid.startswith("#kind_"):
            self.set_kind_fields(record, changes)
            return
        if record.oid.startswith("#nation_"):
            self.set_nation_fields(record, changes)
            return
        with self.edit(f"{record.label.strip().split(':')[0].lower()} {', '.join(n for n, _ in changes)}") as files:
            current = record_data(self.data, record)
            for name, value in changes:
                if name == record.discriminator and value is not None and value != current.get(name):
                    files.set(record.path, retyped(record, current, str(value), self.data))
                    record = self.record(oid) or record
                    continue
                if record.oid == "#weather" and name == "schedule":
                    self._set_schedule(value or {})
                    continue
                path = record.path + (name,)
                if value is None:
                    _, optional, required = field_type(record, name)
                    if required and optional:
                        files.set(path, None)
                    elif files.has(path):
                        files.delete(path)
                else:
                    files.set(path, value)

    def _set_schedule(self, schedule: dict) -> None:
        """turn -> weather, key by key: a turn's line changes only when its weather does."""
        weather = self.data.get("weather")
        old = weather.get("schedule") if isinstance(weather, dict) and isinstance(weather.get("schedule"), dict) else None
        if old is None:
            if schedule:
                if isinstance(weather, dict):
                    self.files.set(("weather", "schedule"), schedule)
                else:
                    self.files.set(("weather",), {"schedule": schedule})
            return
        if not schedule:
            self.files.delete(("weather", "schedule"))      # every turn rolled (or the default)
            return
        for turn in [t for t in old if t not in schedule]:
            self.files.delete(("weather", "schedule", turn))
        for turn, name in schedule.items():
            if old.get(turn) != name:
                self.files.set(("weather", "schedule", turn), name)

    def _append(self, path: tuple, entry: dict, whole: dict) -> None:
        """`entry` at the end of the list at `path`; the list (or `whole`, its enclosing mapping
        at path[:-1]) is written when the scenario has none."""
        node: Any = self.data
        for part in path:
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, list) and self.files.has(path):
            self.files.insert(path, len(node), entry)
        elif len(path) > 1 and isinstance(self.data.get(path[0]), dict) and self.files.has(path[:1]):
            self.files.set(path, [entry])
        else:
            self.files.set(path[:1], whole)

    def add_level(self) -> str:
        level = new_level(self.data)
        victory = self.data.get("victory")
        n = len(_as_list(victory.get("levels"))) if isinstance(victory, dict) else 0
        with self.edit("add victory level"):
            self._append(("victory", "levels"), level, {"vp_side": _first_side(self.data), "levels": [level]})
        return f"#level_{n}"

    def add_rule(self, kind: str, hexes: list[str]) -> str:
        rule = new_rule(self.data, kind, hexes)
        n = len(_as_list(self.data.get("special_rules")))
        with self.edit(f"add {kind} rule"):
            self._append(("special_rules",), rule, {})
        return f"#rule_{n}"

    def add_milestone(self, kind: str) -> str:
        history = self.data.get("history")
        got = _as_list(history.get("milestones")) if isinstance(history, dict) else []
        entry = new_milestone(self.data, kind, {str(ms.get("id")) for ms in got})
        with self.edit(f"add {kind} milestone"):
            self._append(("history", "milestones"), entry, {"milestones": [entry]})
        return f"#milestone_{len(got)}"

    def add_weather_row(self) -> str:
        weather = self.data.get("weather")
        got = _as_list(weather.get("table")) if isinstance(weather, dict) else []
        entry = {"months": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], "chances": {str(weather.get("default", "clear")) if isinstance(weather, dict)
                                                                              else "clear": 1}}
        with self.edit("add weather table row"):
            self._append(("weather", "table"), entry, {"table": [entry]})
        return f"#table_{len(got)}"

    def delete_record(self, oid: str) -> str | None:
        record = self.record(oid)
        if record is not None and record.oid.startswith("#kind_"):
            return self.delete_weather_kind(str(record.path[-1]))
        if record is not None and record.oid.startswith("#nation_"):
            return self.delete_nation(str(record.path[-1]))
        if record is None or not isinstance(record.path[-1], int):
            raise ValueError("this record cannot be deleted (empty its fields instead)")
        with self.edit(f"delete {record.label.strip().split(':')[0].lower()}") as files:
            files.delete(record.path)
        return None

    def toggle_record_hex(self, oid: str, hex_id: str) -> None:
        """A hex joins the record's `hexes` (a stand-fast area, an objective), or leaves it."""
        record = self.record(oid)
        if record is None or "hexes" not in record.fields():
            raise ValueError("the selected record has no hexes")
        self._toggle_item(record, "hexes", hex_id)

    def _toggle_item(self, record: Record, name: str, item: str) -> bool:
        """`item` joins the list field `name` of the record, or leaves it; True when it joined."""
        got = record_data(self.data, record).get(name)
        items = [str(h) for h in got] if isinstance(got, list) else []
        with self.edit(f"{record.label.strip().split(':')[0].lower()} {name}") as files:
            if item in items:
                files.delete(record.path + (name, items.index(item)))
                return False
            if files.has(record.path + (name,)) and items:
                files.insert(record.path + (name,), len(items), item)
            else:
                files.set(record.path + (name,), [item])
            return True

    def pick_on_map(self, oid: str, hex_id: str) -> str:
        """A map click on `hex_id` while picking for record `oid`: the hex, the place on it or
        the unit on it goes into the record's pick field (a list field toggles). Returns what
        was done; ValueError, with nothing changed, when the hex has nothing the field takes."""
        record = self.record(oid)
        name = record.pick_field() if record is not None else None
        if record is None or name is None:
            raise ValueError("the selected record has nothing to pick on the map")
        if name == "hexes":
            joined = self._toggle_item(record, name, hex_id)
            return f"{hex_id} {'added to' if joined else 'taken out of'} hexes"
        if name == "unit":
            on = [u for u in self.units_at_hex(hex_id) if u.get("id")]
            if not on:
                raise ValueError(f"no unit starts on {hex_id}; nothing changed")
            uid = str(on[0].get("id"))
            self.set_record_fields(oid, [("unit", uid)])
            return f"unit: {uid}"
        place = self.place_on(hex_id)
        if place is None:
            raise ValueError(f"no place on {hex_id} (add one with the Place tool first); nothing changed")
        pname = str(place.get("name"))
        if name == "airfields" and place.get("kind") != "airfield":
            raise ValueError(f"{pname} ({hex_id}) is a {place.get('kind', 'town')}, not an airfield: make its kind airfield "
                             "in the Map tab's place form first; nothing changed")
        if name == "near":
            self.set_record_fields(oid, [("near", pname)])
            return f"near: {pname}"
        joined = self._toggle_item(record, name, pname)
        return f"{pname} {'added to' if joined else 'taken out of'} {name}"

    def record_hexes(self, record: Record) -> list[int]:
        """The hexes a record points at on the map (indices): its hexes, its places' hexes, its
        unit's hex."""
        values = record_data(self.data, record)
        ids: list[Any] = list(values["hexes"]) if isinstance(values.get("hexes"), list) else []
        names: list[Any] = []
        for key in ("places", "airfields"):
            if isinstance(values.get(key), list):
                names += values[key]
        if values.get("near") is not None:
            names.append(values["near"])
        places = {str(p.get("name")): p for p in self.map_places()}
        ids += [places[str(n)].get("hex") for n in names if str(n) in places]
        if values.get("unit") is not None:
            ids += [u.get("hex") for u in _as_list(self.data.get("units")) if u.get("id") == values["unit"]]
        return [i for i in (self.hex_index(h) for h in ids) if i is not None]

    def map_places(self) -> list[dict]:
        block = self.data.get("map")
        return _as_list(block.get("places")) if isinstance(block, dict) else []

    def place_on(self, hex_id: str) -> dict | None:
        i = self.hex_index(hex_id)
        return next((p for p in self.map_places() if i is not None and self.hex_index(p.get("hex")) == i), None)

    def units_at_hex(self, hex_id: str) -> list[dict]:
        i = self.hex_index(hex_id)
        return [u for u in _as_list(self.data.get("units")) if i is not None and self.hex_index(u.get("hex")) == i]
