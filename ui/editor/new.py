"""A new scenario to start the editor on: a blank map of a chosen size, or the map of a
longitude/latitude box from the map generator (`wargame mapgen`'s, the mapgen extra).

The text written is the documented format with its comments, as a designer would start it:
two sides, one nation each, one unit each, the standard rules; the editor then changes it.
"""
from __future__ import annotations

import datetime as dt
import textwrap
from dataclasses import dataclass
from pathlib import Path

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


def header_text(new: NewScenario) -> str:
    sides = "\n".join(f"  - {{id: {sid}, name: {emit(name)}, colour: \"{colour}\", nations: [{sid}]}}" for sid, name, colour in new.sides)
    nations = "\n".join(f"  {sid}: {{name: {emit(name)}, colour: \"{colour}\"}}" for sid, name, colour in new.sides)
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
    lines = [f"  - {{id: {sid}_1st_infantry, name: {emit(f'{name} 1st Infantry Division')}, side: {sid}, nation: {sid}, "
             f"type: infantry, hex: \"{spot}\"}}" for (sid, name, _), spot in zip(new.sides, spots)]
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
