"""A new scenario to start the editor on: a blank map of a chosen size, or the map of a
longitude/latitude box from the map generator (`wargame mapgen`'s, the mapgen extra).

The text written is the documented format with its comments, as a designer would start it:
two sides, one nation each, one unit each, the standard rules; the editor then changes it.
"""
from __future__ import annotations

import datetime as dt
import math
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from engine.scenario.roundtrip import emit

MAX_BLANK = 300          # columns or rows of a blank map


@dataclass
class NewScenario:
    title: str = "New scenario"
    start_date: dt.date = dt.date(1944, 6, 6)
    turns: int = 10
    days_per_turn: int = 1
    hex_km: float = 5.0
    columns: int = 20
    rows: int = 15
    sides: tuple[tuple[str, str, str], ...] = (("blue", "Blue", "#3f6fb5"), ("red", "Red", "#b5473f"))
    nations: tuple[tuple[str, str], ...] = ()     # (id, name) of each side's nation; none: the side's own id and name

    def side_nations(self) -> list[tuple[str, str]]:
        return [self.nations[k] if k < len(self.nations) else (sid, name) for k, (sid, name, _) in enumerate(self.sides)]


def header_text(new: NewScenario) -> str:
    nats = new.side_nations()
    sides = "\n".join(f"  - {{id: {sid}, name: {emit(name)}, colour: \"{colour}\", nations: [{nat[0]}]}}"
                      for (sid, name, colour), nat in zip(new.sides, nats))
    nations = "\n".join(f"  {nid}: {{name: {emit(nname)}, colour: \"{colour}\"}}" for (_, _, colour), (nid, nname) in zip(new.sides, nats))
    return (
        "# A new scenario: see docs/SCENARIOS.md for every field, docs/EDITOR.md for the editor.\n"
        "format: 1\n"
        f"title: {emit(new.title)}\n"
        "description: >\n"
        "  What is at stake, in a sentence or two.\n"
        f"start_date: {new.start_date.isoformat()}\n"
        f"turns: {new.turns}\n"
        f"days_per_turn: {new.days_per_turn}\n"
        f"hex_km: {new.hex_km:g}\n"
        "sides:\n"
        f"{sides}\n"
        f"first_side: {new.sides[0][0]}\n"
        "nations:\n"
        f"{nations}\n"
        "rules: standard\n"
    )


def blank_map_text(new: NewScenario) -> str:
    if not (1 <= new.columns <= MAX_BLANK and 1 <= new.rows <= MAX_BLANK):
        raise ValueError(f"a blank map has 1 to {MAX_BLANK} columns and rows, not {new.columns} x {new.rows}")
    rows = "".join("  " + "." * new.columns + "\n" for _ in range(new.rows))
    return (
        f"columns: {new.columns}\n"
        f"rows: {new.rows}\n"
        "legend: {\".\": clear, f: forest, h: hills, m: marsh, t: town, c: city, \"~\": sea}\n"
        "terrain: |\n"
        f"{rows}"
    )


def units_text(new: NewScenario, columns: int, rows: int) -> str:
    """One infantry division a side, at the left and right of the middle row."""
    from engine import hexgrid

    digits = hexgrid.id_digits(columns, rows)
    row = rows // 2
    spots = [hexgrid.format_hex_id(max(0, columns // 4), row, digits), hexgrid.format_hex_id(min(columns - 1, 3 * columns // 4), row, digits)]
    lines = [f"  - {{id: {sid}_1st_infantry, name: {emit(f'{name} 1st Infantry Division')}, side: {sid}, nation: {nat[0]}, "
             f"type: infantry, hex: \"{spot}\"}}" for (sid, name, _), nat, spot in zip(new.sides, new.side_nations(), spots)]
    return "\n".join(lines) + "\n"


def write_new(path: Path, new: NewScenario, bbox: tuple[float, float, float, float] | None = None) -> Path:
    """Write a new scenario at `path`: a .yaml file (everything in it) or a folder
    (scenario.yaml with map.yaml and units.yaml). Refuses to overwrite anything. With `bbox`
    the map comes from the map generator (the mapgen extra). Returns the path to open."""
    from engine.files import write_text_atomic

    folder_layout = path.suffix.lower() not in (".yaml", ".yml")
    main = path / "scenario.yaml" if folder_layout else path
    if main.exists() or (folder_layout and path.exists() and any(path.iterdir())):
        raise FileExistsError(f"{path} exists: a new scenario never overwrites one")
    if bbox is not None:
        from engine.mapgen import generate_map, map_to_yaml
        from engine.mapgen.geo import Georef

        geo = Georef.for_bbox(*bbox, new.hex_km)
        block = generate_map(*bbox, new.hex_km)
        map_text = map_to_yaml(block, header=f"Map block generated for --bbox {' '.join(f'{v:g}' for v in bbox)} --hex-km {new.hex_km:g}")
        columns, rows = geo.columns, geo.rows
    else:
        map_text = blank_map_text(new)
        columns, rows = new.columns, new.rows
    head = header_text(new)
    units = units_text(new, columns, rows)
    if folder_layout:
        path.mkdir(parents=True, exist_ok=True)
        write_text_atomic(path / "map.yaml", map_text)
        write_text_atomic(path / "units.yaml", "# The units on the map at the start.\n" + units)
        write_text_atomic(main, head + "map: map.yaml\nunits: units.yaml\n")
        return path
    write_text_atomic(main, head + "map:\n" + textwrap.indent(map_text, "  ", lambda line: True) + "units:\n" + units)
    return main


# -- the editor's New scenario form ---------------------------------------------------------------
FORM_FIELDS = ("path", "title", "start_date", "turns", "days_per_turn", "hex_km", "columns", "rows", "bbox",
               "side_1", "side_1_name", "side_1_colour", "nation_1", "nation_1_name",
               "side_2", "side_2_name", "side_2_colour", "nation_2", "nation_2_name")


def form_defaults(folder: Path) -> dict[str, str]:
    """The form's boxes as they open: `wargame edit --new`'s defaults, a file name not taken in `folder`."""
    new = NewScenario()
    name, n = "new_scenario.yaml", 2
    while (folder / name).exists():
        name, n = f"new_scenario_{n}.yaml", n + 1
    out = {"path": name, "title": new.title, "start_date": new.start_date.isoformat(), "turns": str(new.turns),
           "days_per_turn": str(new.days_per_turn), "hex_km": f"{new.hex_km:g}", "columns": str(new.columns), "rows": str(new.rows), "bbox": ""}
    for k, (sid, sname, colour) in enumerate(new.sides, 1):
        out.update({f"side_{k}": sid, f"side_{k}_name": sname, f"side_{k}_colour": colour, f"nation_{k}": sid, f"nation_{k}_name": sname})
    return out


def _engine_field(model: Any, name: str, value: Any, box: str, wants: str = "") -> Any:
    """`value` checked by the engine's own model field (its range or pattern); ValueError naming
    the box (and what it wants, when given) otherwise."""
    from pydantic import TypeAdapter, ValidationError

    info = model.model_fields[name]
    field_type: Any = Annotated[info.annotation, info]        # the field's type with its constraints
    try:
        return TypeAdapter(field_type).validate_python(value)
    except ValidationError as exc:
        raise ValueError(f"{box}: '{value}' is not {wants}" if wants else f"{box}: {exc.errors()[0]['msg']}") from None


def _whole(box: str, text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise ValueError(f"{box}: '{text.strip()}' is not a whole number") from None


def parse_form(texts: dict[str, str], folder: Path) -> tuple[Path, NewScenario, tuple[float, float, float, float] | None]:
    """The New scenario form's boxes as (where, what, bbox); ValueError naming the box and what
    it wants when one cannot be read (the ranges and patterns are the engine's model's). A
    relative path is taken from `folder`."""
    from engine.scenario.model import Nation, ScenarioModel, Side

    t = {k: texts.get(k, "").strip() for k in FORM_FIELDS}
    if not t["path"]:
        raise ValueError("path: where to write the new scenario (a .yaml file, or a folder)")
    path = Path(t["path"]).expanduser()
    path = path if path.is_absolute() else folder / path
    if not t["title"]:
        raise ValueError("title: the scenario needs a title")
    try:
        start = dt.date.fromisoformat(t["start_date"])
    except ValueError:
        raise ValueError(f"start_date: '{t['start_date']}' is not a date written YYYY-MM-DD") from None
    turns = _engine_field(ScenarioModel, "turns", _whole("turns", t["turns"]), "turns")
    days = _engine_field(ScenarioModel, "days_per_turn", _whole("days_per_turn", t["days_per_turn"]), "days_per_turn")
    try:
        hex_km = float(t["hex_km"])
    except ValueError:
        raise ValueError(f"hex_km: '{t['hex_km']}' is not a number") from None
    hex_km = _engine_field(ScenarioModel, "hex_km", hex_km, "hex_km")
    bbox = None
    if t["bbox"]:
        try:
            values = [float(v) for v in t["bbox"].replace(",", " ").split()]
        except ValueError:
            raise ValueError(f"bbox: '{t['bbox']}' is not four numbers W S E N") from None
        if len(values) != 4 or not all(math.isfinite(v) for v in values):
            raise ValueError(f"bbox: '{t['bbox']}' is not four numbers W S E N")
        west, south, east, north = values
        if west >= east or south >= north or not (-180 <= west and east <= 180 and -90 <= south and north <= 90):
            raise ValueError("bbox: W S E N in degrees, west less than east, south less than north")
        bbox = (west, south, east, north)
        columns, rows = NewScenario.columns, NewScenario.rows
    else:
        columns, rows = _whole("columns", t["columns"]), _whole("rows", t["rows"])
        for box, value in (("columns", columns), ("rows", rows)):
            if not 1 <= value <= MAX_BLANK:
                raise ValueError(f"{box}: a blank map has 1 to {MAX_BLANK} columns and rows, not {value}")
    sides, nations = [], []
    for k in (1, 2):
        sid = _engine_field(Side, "id", t[f"side_{k}"], f"side_{k}", "an id (letters, digits, _ and -)")
        nid = _engine_field(Side, "id", t[f"nation_{k}"] or sid, f"nation_{k}", "an id (letters, digits, _ and -)")
        colour = _engine_field(Side, "colour", t[f"side_{k}_colour"], f"side_{k}_colour", "a colour written #rrggbb")
        _engine_field(Nation, "colour", colour, f"side_{k}_colour", "a colour written #rrggbb")
        sides.append((sid, t[f"side_{k}_name"] or sid, colour))
        nations.append((nid, t[f"nation_{k}_name"] or t[f"side_{k}_name"] or nid))
    if sides[0][0] == sides[1][0]:
        raise ValueError(f"side_2: the two sides have the id '{sides[0][0]}'")
    if nations[0][0] == nations[1][0]:
        raise ValueError(f"nation_2: the two sides have the nation '{nations[0][0]}'; a nation fights on one side")
    new = NewScenario(title=t["title"], start_date=start, turns=turns, days_per_turn=days, hex_km=hex_km, columns=columns, rows=rows,
                      sides=tuple(sides), nations=tuple(nations))
    return path, new, bbox
