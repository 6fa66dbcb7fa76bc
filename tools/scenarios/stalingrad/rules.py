"""Calendar, weather, supply, air, special rules and victory of the Stalingrad 1942 scenario.

Hexes are given by place name where the map has one (build.py resolves them) or as CCRR.
The tuning knobs (airlift points, stand-fast turn, supply ranges, victory levels) are all
here; docs/scenarios/stalingrad_1942.md explains how they were set.
"""
from __future__ import annotations

TITLE = "Stalingrad 1942: Uranus, Winter Storm and the Kessel"
DESCRIPTION = (
    "19 November 1942 to 2 February 1943, three days a turn, 9 km hexes. Operation Uranus "
    "breaks the Romanian armies north-west and south of Stalingrad; if the Soviet pincers meet "
    "at Kalach and Sovetsky, the German 6th Army is encircled between the Don and the Volga, "
    "forbidden by Hitler to break out and fed by an airlift that brings a fraction of what it "
    "needs. Army Group Don rushes panzer divisions to Kotelnikovo and the Chir to break the "
    "ring (Winter Storm); the Soviets bring up the 2nd Guards Army and strike the Italian and "
    "Romanian flanks (Little Saturn) and the airlift bases. The Soviets win by destroying the "
    "6th Army and taking back the city; the Axis by keeping or reopening a road to it."
)
START_DATE = "1942-11-19"
DAYS_PER_TURN = 3
TURNS = 26            # 19 Nov 1942 - 2/4 Feb 1943 (the last surrender: 2 Feb)

SIDES = [
    {"id": "soviet", "name": "Soviet Union", "colour": "#b0352b", "nations": ["ussr"]},
    {"id": "axis", "name": "Axis", "colour": "#4f5d6b", "nations": ["germany", "romania", "italy", "croatia"]},
]
FIRST_SIDE = "soviet"

# ----------------------------------------------------------------------------- rules
RULE_OVERRIDES = {
    # Winter 1942-43 on the steppe: frozen ground is good going; snow and blizzards slow
    # everything; fog and low cloud ground aircraft (and the airlift) more than cold does.
    "weather": {
        "clear": {"description": "Frost and clear sky: hard frozen steppe, good going, full air power."},
        "overcast": {"description": "Low cloud: frozen ground, half the air power.", "air_multiplier": 0.5},
        "fog": {"description": "Freezing fog and low cloud: aircraft grounded or turned back.",
                "air_multiplier": 0.25},
        "snow": {"description": "Snowfall and drifting snow in the balkas: slower going, short days.",
                 "move_add": {"foot": 0.5, "motorised": 1, "tracked": 0.5},
                 "supply_range_multiplier": 0.85, "air_multiplier": 0.5},
        "blizzard": {"description": "Snowstorm (buran): almost nothing moves or flies.",
                     "move_add": {"foot": 1, "motorised": 2, "tracked": 1.5},
                     "supply_range_multiplier": 0.6, "air_multiplier": 0.0},
        "thaw": {"description": "A brief thaw: slush and mud, poor visibility.",
                 "move_add": {"foot": 0.5, "motorised": 1, "tracked": 1},
                 "supply_range_multiplier": 0.75, "air_multiplier": 0.25},
        "severe_cold": {"description": "Severe cold (-25 to -30 C): engines will not start, frostbite.",
                        "move_add": {"motorised": 0.5, "tracked": 0.5},
                        "supply_range_multiplier": 0.85, "air_multiplier": 0.5},
    },
    "supply": {
        # 6th Army ate its horses and lived on a fraction of its needs for ten weeks: isolated
        # units decline slowly (3-day turns) rather than starve in a fortnight.
        "isolated_attrition_after": 8,
        "isolated_attrition_steps": 1,
    },
    "combat": {
        # An encircled army in its own positions is weakened, not helpless: one column for
        # isolation (not two), none for being short of supply.
        "defender_isolated_shift": 1,
        "defender_out_of_supply_shift": 0,
    },
}

# Turn -> weather for the days the reference records (ref `weather`); the rest is rolled.
WEATHER = {
    "schedule": {
        1: "fog",          # 19-21 Nov: snow and freezing fog, visibility under 200 m; fog in the south 20 Nov
        2: "fog",          # 22-24 Nov: fog at Kalach; snowstorms from 24 Nov
        3: "snow",         # 25-27 Nov: snowstorms, fog, low cloud; the airlift well below plan
        5: "fog",          # 1-3 Dec: 3 Dec no take-off possible at Tatsinskaya
        7: "thaw",         # 7-9 Dec: rain and mud at Tatsinskaya
        9: "clear",        # 13-15 Dec: sub-zero, ground frozen hard (good tank going)
        10: "snow",        # 16-18 Dec: deep snow on the Little Saturn axis
        11: "clear",       # 19-21 Dec: sky clears, about -25 C; the best airlift days
        12: "fog",         # 22-24 Dec: mist, cloud base c. 45 m and light snow at Tatsinskaya
        15: "thaw",        # 31 Dec - 2 Jan: mild wet spell
        16: "severe_cold",  # 3-5 Jan: too cold for the Ju 52 engines on 5 Jan
        18: "severe_cold",  # 9-11 Jan: Ring begins in severe cold
        26: "fog",         # 2-4 Feb: blinding fog over the city
    },
    "table": [
        {"months": [11], "chances": {"overcast": 3, "fog": 3, "snow": 3, "blizzard": 1}},
        {"months": [12], "chances": {"clear": 3, "overcast": 2, "fog": 2, "snow": 2, "blizzard": 1}},
        {"months": [1], "chances": {"clear": 2, "severe_cold": 3, "overcast": 1, "snow": 2, "blizzard": 2}},
        {"months": [2], "chances": {"overcast": 2, "fog": 2, "snow": 2, "severe_cold": 1}},
    ],
    "default": "overcast",
}

# Rivers that freeze: build.py writes `frozen_from` on the map's rivers. From the turn that
# contains the date (turn 10, 16-18 Dec) the river is no obstacle: no movement or supply cost to
# cross it, no attack shift, and zones of control reach across it.
RIVER_FREEZES = {
    # the Don: the Voronezh Front's 6th Army "attacked across the frozen Don" on 16 Dec (ref
    # sov_6_army; forczyk_little_saturn, ron84z, tank_armies_book). That was the upper Don at
    # Verkhny Mamon, just off the map's north-west corner; the same date is taken for the Don on it.
    "Don": "1942-12-16",
    # the Volga at the city: "The river finally froze solid on the night of 16 December, when a
    # mass of ice floes crushed and stuck firm" (A. Beevor, Stalingrad, the reference's
    # beevor_stalingrad; excerpt https://rulit.me/books/stalingrad-read-243315-78.html). Until then
    # the 62nd Army was supplied by boat across the ice-filled river (ref sov_138_rd).
    "Volga": "1942-12-16",
}
# The minor rivers (Chir, Aksay, Myshkova, ...) keep flowing: neither the reference nor the seed
# texts date their freezing, and Winter Storm still fought for the Aksay and Myshkova crossings.

# 17th, 16th and 8th Air Armies against VIII Fliegerkorps (its transport fleet is the airlift
# rule): even; the weather grounds both most turns.
AIR_POINTS = {"soviet": 3, "axis": 3}

# ----------------------------------------------------------------------------- supply
# (side, hex or place, kind, range, name, from_turn, until_turn)
SUPPLY_SOURCES = [
    # Soviet: railheads and roads from the north, the Volga crossings, the south-east
    ("soviet", "Frolovo", "edge", 12, "Frolovo railhead (Povorino line)", None, None),
    ("soviet", "Ilovlya", "depot", 10, "Ilovlya railhead", None, None),
    ("soviet", "1600", "edge", 10, "Ust-Medveditskaya road (Serafimovich bridgehead)", None, None),
    ("soviet", "2004", "depot", 8, "Kletskaya bridgehead crossings", None, None),
    ("soviet", "1000", "edge", 10, "upper Don (Kumylzhenskaya road)", None, None),
    ("soviet", "3900", "edge", 12, "Kamyshin road", None, None),
    ("soviet", "4001", "edge", 12, "Saratov railway (east bank)", None, None),
    ("soviet", "Krasnaya Sloboda", "depot", 8, "Volga crossings (Krasnaya Sloboda)", None, None),
    ("soviet", "Leninsk", "edge", 12, "Akhtuba - Baskunchak railway (built 1942)", None, None),
    ("soviet", "4018", "edge", 12, "Astrakhan road (Svetly Yar - Raigorod crossings)", None, None),
    ("soviet", "4025", "edge", 8, "Kalmyk steppe (28th Army's sector)", None, None),
    # Axis: the railways from the west and south-west
    ("axis", "0020", "edge", 16, "Likhaya railway", None, None),
    ("axis", "Chir", "depot", 12, "Chir railhead (6th Army's supply base)", None, None),
    ("axis", "Morozovsk", "depot", 12, "Morozovsk (He 111 airlift base)", None, None),
    ("axis", "Tatsinskaya", "depot", 12, "Tatsinskaya (Ju 52 airlift base)", None, None),
    ("axis", "0009", "edge", 12, "Millerovo road", None, None),
    ("axis", "0003", "edge", 12, "Italian 8th Army sector", None, 11),
    ("axis", "0027", "edge", 12, "Rostov road (Konstantinovskaya)", None, None),
    ("axis", "2132", "edge", 16, "Tikhoretsk railway", None, None),
    ("axis", "Kotelnikovo", "depot", 12, "Kotelnikovo railhead", None, None),
]

# ----------------------------------------------------------------------------- special rules
STAND_FAST_UNTIL = 10        # 6th Army may leave the Stalingrad area from turn 11 (19 Dec)
# The airlift lands at the pocket's airfields (ref `airlift.strips_inside`): Pitomnik, the only
# fully equipped field (lights, flare path, signals; lost c. 16 Jan = turn 20, ref
# ev_pitomnik_lost), and Gumrak (the main field after Pitomnik; lost 21-23 Jan = turn 22, ref
# ev_gumrak_lost). Each carries half the points while the Axis holds it inside the pocket, so the
# Soviets cut the airlift by taking them (Operation Ring) rather than by a date. Basargino and
# the Stalingradsky strip (minimally equipped, confidence medium/low) are not airfields here.
AIRFIELDS = ["Pitomnik", "Gumrak"]
AIRLIFT = [
    # (points, from_turn, until_turn, airfields, note)   points = steps kept in supply per turn in
    # clear weather, shared among the airfields; no airfields: air-drops, which need none
    (12, 2, 12, AIRFIELDS, "24 Nov - 24 Dec from Tatsinskaya and Morozovsk to Pitomnik and Gumrak: c. 100 t a day "
                           "delivered against 300 t minimum and 500 t needed (ref airlift); half for each airfield held"),
    (8, 13, 26, AIRFIELDS, "after Tatsinskaya was overrun (24 Dec) the transports fly from Salsk and Novocherkassk, "
                           "twice as far; half for each airfield held (Pitomnik lost c. 16 Jan, Gumrak 21-23 Jan)"),
    (2, 22, 26, [], "from the loss of Gumrak (21-23 Jan): air-drops, much of it lost"),
]

# ----------------------------------------------------------------------------- victory
# Net VP for the Soviets: VP of the hexes they hold at the end (places' vp), minus the Axis's,
# plus objectives, plus elimination_vp per Axis step lost minus per Soviet step lost.
ELIMINATION_VP = 0.25
OBJECTIVES = [
    {"id": "uranus", "name": "Uranus: the pincers meet at Kalach and Sovetsky", "side": "soviet",
     "hexes": ["Kalach", "Sovetsky"], "by_turn": 6, "vp": 8, "fail_vp": 8},
    {"id": "ring", "name": "Operation Ring: Pitomnik and Gumrak airfields taken", "side": "soviet",
     "hexes": ["Pitomnik", "Gumrak"], "vp": 4},
]
LEVELS = [
    {"name": "Soviet decisive victory: 6th Army destroyed, Stalingrad retaken", "winner": "soviet", "level": "decisive", "min_vp": 40},
    {"name": "Soviet marginal victory: 6th Army encircled and broken", "winner": "soviet", "level": "marginal", "min_vp": 16},
    {"name": "Draw: the pocket still holds out in the city", "winner": None, "level": "draw", "min_vp": 4},
    {"name": "Axis marginal victory: 6th Army saved", "winner": "axis", "level": "marginal", "min_vp": -12},
    {"name": "Axis decisive victory: the Soviet offensive has failed", "winner": "axis", "level": "decisive"},
]
