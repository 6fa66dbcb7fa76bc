"""The shipped scenarios by name, and each one's header (title, dates, sides) read without
loading the scenario.

`wargame list` needs only the header, and loading a campaign in full (map, order of battle,
rule set, validation) costs a tenth of a second or more each, which grows with every scenario
shipped. The header is read from the top of the scenario's main file, and the YAML parser stops
as soon as it has the keys it needs; this module imports neither numpy nor pydantic.
Full checking stays with `engine.scenario.validate`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.errors import Problem, ScenarioError
from engine.files import read_limited
from engine.shipped import shipped_folder

MAX_HEADER_FILE = 8 * 1024 * 1024          # the loader's own limit for one scenario file
_KEYS = ("title", "start_date", "turns", "days_per_turn", "sides")


def shipped_scenarios() -> dict[str, Path]:
    """Name -> path of every shipped scenario (a .yaml file, or a folder with scenario.yaml)."""
    folder = shipped_folder("scenarios")
    found: dict[str, Path] = {}
    if not folder.is_dir():
        return found
    for entry in sorted(folder.iterdir()):
        if entry.name == "rules" or entry.name.startswith("."):
            continue
        if entry.is_dir() and (entry / "scenario.yaml").is_file():
            found[entry.name] = entry
        elif entry.suffix in (".yaml", ".yml") and entry.is_file():
            found[entry.stem] = entry
    return found


@dataclass(frozen=True)
class ScenarioHeader:
    """What a list of scenarios shows: enough to choose one, nothing that needs the map."""

    name: str
    path: Path
    title: str
    start_date: dt.date
    turns: int
    days_per_turn: int
    sides: tuple[str, ...]
    side_ids: tuple[str, ...] = ()      # the same sides' ids ("axis" for "Germany"), as --side takes them

    @property
    def end_date(self) -> dt.date:
        """The date of the last turn (as `Scenario.date_of_turn(turns)`)."""
        return self.start_date + dt.timedelta(days=(self.turns - 1) * self.days_per_turn)


def read_header(name: str, path: Path) -> ScenarioHeader:
    """The header of the scenario at `path` (a file, or a folder with scenario.yaml);
    ScenarioError, at line 1 of the file, when it is missing or has the wrong type."""
    main = path / "scenario.yaml" if path.is_dir() else path
    display = str(main)
    data = _top_keys(read_limited(main, MAX_HEADER_FILE, display), display)

    def bad(message: str) -> ScenarioError:
        return ScenarioError(Problem(display, 1, 1, message))

    title, start = data.get("title"), data.get("start_date")
    turns: Any = data.get("turns")
    days: Any = data.get("days_per_turn", 1)
    if not isinstance(title, str):
        raise bad("the scenario has no title")
    if not isinstance(start, dt.date) or isinstance(start, dt.datetime):
        raise bad("start_date is not a date (YYYY-MM-DD)")
    for key, value in (("turns", turns), ("days_per_turn", days)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise bad(f"{key} is not a whole number of at least 1")
    sides = data.get("sides")
    if not isinstance(sides, list) or not all(isinstance(s, dict) for s in sides):
        raise bad("sides is not a list of sides")
    names = tuple(str(s.get("name", s.get("id", "?"))) for s in sides)
    ids = tuple(str(s.get("id", "?")) for s in sides)
    return ScenarioHeader(name, path, title, start, turns, days, names, ids)


def shipped_headers() -> dict[str, ScenarioHeader | ScenarioError]:
    """Name -> every shipped scenario's header, or the error that stops it being read (one
    broken file does not hide the others)."""
    found: dict[str, ScenarioHeader | ScenarioError] = {}
    for name, path in shipped_scenarios().items():
        try:
            found[name] = read_header(name, path)
        except ScenarioError as exc:
            found[name] = exc
    return found


def _top_keys(raw: bytes, display: str) -> dict[str, Any]:
    """The header keys of a YAML mapping, parsed lazily: the scanner reads no further than
    the last of them (the map and the order of battle that follow are never parsed)."""
    import yaml

    def bad(message: str) -> ScenarioError:
        return ScenarioError(Problem(display, 1, 1, message))

    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise bad("not UTF-8 text") from None
    loader = yaml.SafeLoader(text)
    found: dict[str, Any] = {}
    try:
        loader.get_event()                                    # stream start
        if loader.check_event(yaml.StreamEndEvent):
            raise bad("the file is empty")
        loader.get_event()                                    # document start
        if not loader.check_event(yaml.MappingStartEvent):
            raise bad("a scenario file is a mapping of keys (title: ..., start_date: ...)")
        loader.get_event()
        while not loader.check_event(yaml.MappingEndEvent) and len(found) < len(_KEYS):
            key = loader.compose_node(None, None)
            value = loader.compose_node(None, None)
            if isinstance(key, yaml.ScalarNode) and key.value in _KEYS:
                found[key.value] = loader.construct_object(value, deep=True)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise ScenarioError(Problem(display, line, col, f"not valid YAML: {getattr(exc, 'problem', None) or exc}")) from None
    except RecursionError:
        raise bad("nested too deeply") from None
    finally:
        loader.dispose()
    return found
