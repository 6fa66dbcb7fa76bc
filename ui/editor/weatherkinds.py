"""The weather kinds a scenario can have: the rule set's (clear, overcast, rain ...) and its own,
each with its effects (`move_add`, `move_multiplier`, `supply_range_multiplier`,
`air_multiplier`, `attack_shift`). A scenario changes or adds kinds in
`rule_overrides: {weather: {NAME: {...}}}`, which the engine merges over the rule set
(engine/scenario/load.py); the Rules tab lists every kind as a record.

A kind of the rule set cannot be removed by a scenario (the merge only adds and replaces):
deleting it removes the scenario's changes to it. A kind of the scenario's own is removed, or
renamed with every mention of it (the default, the schedule, the table's chances, the rivers'
`frozen_in`), unless the removal would leave a mention behind. Nothing here imports pygame.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import ValidationError

from engine.rules.model import WeatherType
from engine.rules.ruleset import deep_merge
from ui.editor.features import DraftBase

if TYPE_CHECKING:
    from ui.editor.records import Record

OVERRIDES = ("rule_overrides", "weather")
IDENT = re.compile(r"^[A-Za-z0-9_\-]+$")


@lru_cache(maxsize=8)
def _shipped_kinds(name: str) -> dict[str, dict]:
    from engine.errors import ScenarioError
    from engine.scenario.load import load_rules

    try:
        rules = load_rules(name)
    except ScenarioError:
        return {}
    return {k: v.model_dump(exclude_defaults=True) for k, v in rules.model.weather.items()}


def base_kinds(data: dict, folder: Path) -> dict[str, dict]:
    """The weather kinds of the scenario's rule set, before its overrides (name -> fields)."""
    name = data.get("rules", "standard")
    if not isinstance(name, str):
        return {}
    if name.endswith((".yaml", ".yml")):
        try:
            raw = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError):
            return {}
        weather = raw.get("weather") if isinstance(raw, dict) else None
        return {str(k): dict(v) if isinstance(v, dict) else {} for k, v in weather.items()} if isinstance(weather, dict) else {}
    return dict(_shipped_kinds(name))


def overrides(data: dict) -> dict[str, Any]:
    ro = data.get("rule_overrides")
    weather = ro.get("weather") if isinstance(ro, dict) else None
    return weather if isinstance(weather, dict) else {}


def kind_records(data: dict, base: dict[str, dict]) -> list[Record]:
    """One record a weather kind: the rule set's first, then the scenario's own."""
    from ui.editor.records import Record

    own = overrides(data)
    out = []
    for name in [*base, *(k for k in own if k not in base)]:
        where = ("rule set, changed here" if name in own else "rule set") if name in base else "this scenario"
        out.append(Record(f"#kind_{name}", f"  Kind: {name} ({where})", OVERRIDES + (name,), WeatherType))
    return out


def kind_values(data: dict, base: dict[str, dict], name: str) -> dict:
    """A kind's fields as the game plays them: the rule set's, the scenario's changes over them,
    the engine's defaults for the rest; and its `name`."""
    override = overrides(data).get(name)
    merged = deep_merge(base.get(name, {}), override if isinstance(override, dict) else {})
    full = {**WeatherType().model_dump(), **(merged if isinstance(merged, dict) else {})}
    return {"name": name, **{k: _plain(v) for k, v in full.items()}}


def _plain(value: Any) -> Any:
    """1.0 shown as 1, as a designer writes it."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def mentions(data: dict, name: str) -> list[str]:
    """Where the scenario names weather kind `name` (to rename it everywhere, or refuse to delete it)."""
    weather: dict = data["weather"] if isinstance(data.get("weather"), dict) else {}
    out = []
    if weather.get("default", "clear") == name:
        out.append("the default weather")
    schedule = weather.get("schedule")
    if isinstance(schedule, dict):
        out += [f"the schedule's turn {t}" for t, w in schedule.items() if w == name]
    table = weather.get("table")
    if isinstance(table, list):
        out += [f"table row {k + 1}" for k, row in enumerate(table) if isinstance(row, dict) and isinstance(row.get("chances"), dict)
                and name in row["chances"]]
    m = data.get("map")
    rivers = m.get("rivers") if isinstance(m, dict) else None
    if isinstance(rivers, list):
        out += [f"river {r.get('name') or k + 1}'s frozen_in" for k, r in enumerate(rivers)
                if isinstance(r, dict) and isinstance(r.get("frozen_in"), list) and name in r["frozen_in"]]
    return out


class WeatherKindEdits(DraftBase):
    """Adding, changing, renaming and deleting weather kinds (a mixin of `Draft`, through
    `RecordEdits`); each one undo step through `Draft.edit`."""

    def weather_base(self) -> dict[str, dict]:
        return base_kinds(self.data, self.files.main.parent)

    def weather_kinds(self) -> list[str]:
        return [*self.weather_base(), *(k for k in overrides(self.data) if k not in self.weather_base())]

    def add_weather_kind(self) -> str:
        """A new kind of the scenario's own (`new_weather`, `new_weather_2` ...), as mild as clear."""
        taken = set(self.weather_kinds())
        name, n = "new_weather", 2
        while name in taken:
            name, n = f"new_weather_{n}", n + 1
        with self.edit(f"add weather kind {name}"):
            self._write_override(name, {"description": "What this weather does to the going, the supply and the air."})
        return f"#kind_{name}"

    def _write_override(self, name: str, fields: dict) -> None:
        """The kind's override mapping, made with the levels above it that are missing."""
        files = self.files
        path = OVERRIDES + (name,)
        data = files.data()                       # as edited so far in this undo step
        ro = data.get("rule_overrides")
        if files.has(path) or (files.has(OVERRIDES) and isinstance(ro, dict) and isinstance(ro.get("weather"), dict)):
            files.set(path, fields)
        elif files.has(OVERRIDES[:1]) and isinstance(ro, dict):
            files.set(OVERRIDES, {name: fields})
        else:
            files.set(OVERRIDES[:1], {"weather": {name: fields}})

    def set_kind_fields(self, record: Record, changes: list[tuple[str, Any]]) -> None:
        """Fields of one kind as one undo step: a box left as the game plays it is not written,
        an emptied one goes back to the rule set's value. The kind as it would be is checked
        first: a value the engine refuses (a negative multiplier) is refused, nothing written."""
        name = str(record.path[-1])
        base = self.weather_base()
        own = overrides(self.data).get(name)
        override = dict(own) if isinstance(own, dict) else {}
        rename = None
        for field, value in changes:
            if field == "name":
                rename = value
            elif value is None:
                override.pop(field, None)
            else:
                override[field] = value
        merged = deep_merge(base.get(name, {}), override)
        try:
            WeatherType.model_validate(merged)
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(p) for p in err["loc"])
            raise ValueError(f"{where}: {err['msg'].lower()}") from None
        if rename is not None and rename != name:
            self._check_new_name(name, str(rename), base)
        with self.edit(f"weather kind {name} {', '.join(f for f, _ in changes)}") as files:
            before = own if isinstance(own, dict) else {}
            path = OVERRIDES + (name,)
            if override == before:
                pass
            elif not override and name in base:
                self._delete_override(name)                # nothing changed from the rule set any more
            elif isinstance(own, dict) and files.has(path):
                for field in [f for f in {**before, **override} if before.get(f, object()) != override.get(f, object())]:
                    if field in override:
                        files.set(path + (field,), override[field])      # field by field: the rest keeps its text
                    else:
                        files.delete(path + (field,))
            else:
                self._write_override(name, override)
            if rename is not None and rename != name:
                self._rename(name, str(rename))
                self._write_override(str(rename), override)

    def _check_new_name(self, name: str, new: str, base: dict) -> None:
        if name in base:
            raise ValueError(f"'{name}' is a weather of the rule set: it keeps its name (add a kind of the scenario's own with + Kind)")
        if not IDENT.match(new):
            raise ValueError(f"name: '{new}' is not a name (letters, digits, _ and -)")
        if new in self.weather_kinds():
            raise ValueError(f"name: there is a weather '{new}' already")

    def _rename(self, old: str, new: str) -> None:
        """Every mention of kind `old` made `new`; the kind's override goes under the new name."""
        files, data = self.files, self.data
        weather: dict = data["weather"] if isinstance(data.get("weather"), dict) else {}
        if weather.get("default") == old:
            files.set(("weather", "default"), new)
        schedule = weather.get("schedule")
        for turn, w in (schedule.items() if isinstance(schedule, dict) else []):
            if w == old:
                files.set(("weather", "schedule", turn), new)
        table = weather.get("table")
        for k, row in enumerate(table if isinstance(table, list) else []):
            chances = row.get("chances") if isinstance(row, dict) else None
            if isinstance(chances, dict) and old in chances:
                files.set(("weather", "table", k, "chances"), {(new if c == old else c): v for c, v in chances.items()})
        m = data.get("map")
        for k, river in enumerate(m.get("rivers") or [] if isinstance(m, dict) else []):
            frozen = river.get("frozen_in") if isinstance(river, dict) else None
            if isinstance(frozen, list) and old in frozen:
                files.set(("map", "rivers", k, "frozen_in"), [new if w == old else w for w in frozen])
        self._delete_override(old)

    def _delete_override(self, name: str) -> None:
        """The kind's override removed, and the `weather:` and `rule_overrides:` it leaves empty."""
        files = self.files
        if not files.has(OVERRIDES + (name,)):
            return
        ro = files.data()["rule_overrides"]
        if list(ro) == ["weather"] and list(ro["weather"]) == [name]:
            files.delete(OVERRIDES[:1])
        elif list(ro["weather"]) == [name]:
            files.delete(OVERRIDES)
        else:
            files.delete(OVERRIDES + (name,))

    def delete_weather_kind(self, name: str) -> str:
        """Remove a kind of the scenario's own (unless the scenario still names it), or the
        scenario's changes to a kind of the rule set. Returns what was done."""
        base = self.weather_base()
        own = overrides(self.data)
        if name in base:
            if name not in own:
                raise ValueError(f"'{name}' is a weather of the rule set: a scenario cannot remove it "
                                 "(it only happens if the schedule or the table names it)")
            with self.edit(f"weather kind {name}: the rule set's again"):
                self._delete_override(name)
            return f"{name}: the rule set's own again"
        used = mentions(self.data, name)
        if used:
            more = f" and {len(used) - 3} more" if len(used) > 3 else ""
            raise ValueError(f"'{name}' is still named by {', '.join(used[:3])}{more}: change those first; nothing deleted")
        with self.edit(f"delete weather kind {name}"):
            self._delete_override(name)
        return f"weather kind {name} deleted"
