"""The real-geography map generator (`wargame mapgen`, the `mapgen` extra): a map block from
coastlines, lakes, rivers and towns. Designers' tooling only: loading a scenario never imports it.

    from engine.mapgen import generate_map, map_to_yaml
    block = generate_map(-5.2, 47.1, 2.6, 50.0, 6.0)       # west south east north, hex km
"""
from engine.mapgen.build import (
    DATA_SOURCE,
    DEFAULT_RIVER_CLASSES,
    LEGEND,
    MISSING_PACKAGES,
    RESOLUTIONS,
    ascii_fold,
    available_resolutions,
    generate_map,
    map_to_yaml,
    pick_resolution,
    wrap_items,
)
from engine.mapgen.geo import Georef, real_distance_km

__all__ = ["DATA_SOURCE", "DEFAULT_RIVER_CLASSES", "LEGEND", "MISSING_PACKAGES", "RESOLUTIONS", "Georef", "ascii_fold",
           "available_resolutions", "generate_map", "map_to_yaml", "pick_resolution", "real_distance_km", "wrap_items"]
