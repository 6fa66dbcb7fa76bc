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
    # The pocket's western and southern fronts ran along the old Soviet outer defence lines of
    # the city, and 6th Army dug in there through December; isolated units go on digging.
    "entrenchment": {"dig_when_isolated": True},
    # Overruns: the tank and mechanised corps of Uranus went through the broken Romanian
    # divisions on the move (4th Mechanised Corps entered the breach at the lakes on 20 Nov, hit
    # retreating Romanians at Plodovitoye, took Abganerovo on the 21st and reached Sovetsky on
    # the 22nd, ref sov_4_mech_corps) and Winter Storm's panzers overran the 302nd Rifle Division
    # on 12 Dec (ref sov_302_rd): a stack of mobile units at 6:1 or better (2 MP) attacks in the
    # movement phase and drives on.
    "sequence": {"overrun": {"enabled": True}},
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

# ----------------------------------------------------------------------------- the sides' means
# Replacements, rail capacity and air points (docs/RULES.md). Each figure says where it comes
# from: the reference (shared/reference/stalingrad_1942_oob.yaml, cited by its ids), or a
# designer's estimate with its reasoning. None of them was tuned to a balance result.
# Turns: turn 1 = 19-21 Nov 1942, turn 5 = 1-3 Dec, turn 10 = 16-18 Dec, turn 13 = 25-27 Dec,
# turn 18 = 10-12 Jan 1943.

# Replacement points per turn (one point rebuilds one step of a unit in supply; a later entry of
# a side replaces an earlier one). A step is about a third of a division of 10,000-12,000 men
# (oob.py: three steps), i.e. about 3,500 men (designer's estimate).
# Soviets: the fronts were replenished with march companies throughout the offensive, but not up
# to strength: their rifle divisions, at 5,000-8,000 men of 10,000-12,000 on 19 November (oob.py:
# 2 of 3 steps), were no stronger when Ring began, and the Stavka put its new men into new
# formations (2nd Guards and 5th Shock Armies: the reinforcements of oob.py). Designer's estimate
# from general knowledge (not in the reference): the Stalingrad strategic offensive cost the three
# fronts about 485,000 casualties, 19 Nov - 2 Feb (Krivosheev), some 140 steps, perhaps 100 of
# them on this map; a fifth to a quarter of that coming back as march companies is 1 point a turn
# (26 steps over the game). Rebuilding at 2 a turn would have refilled the divisions beyond what
# they lost in the AI games (51 steps rebuilt against 46 lost in 100 heuristic games), which is
# not what happened; at 1 a turn they shrink, as they did.
# Axis: 6th Army in the pocket received nothing (and isolated units cannot receive replacements
# anyway; the airlift flew in fuel, ammunition and food: ref `airlift`); Army Group Don got its
# strength as new divisions (the reinforcements: 6th, 23rd, 17th, 11th Panzer, 336th, 306th ...),
# and the broken Romanian and Italian divisions were not rebuilt in the campaign (ref
# ita_ii_corps_hq: "remnants rebuilt in the rear"; ita_8_army_hq: "remnants withdrawn to Italy
# spring 1943"; rom_3_army_hq: c. 90,000 casualties by 23 Nov, remnants under Group Hollidt). A
# trickle for the German units outside the ring (designer's estimate: one point every 4 turns).
SOVIET_REPLACEMENTS = 1
AXIS_EVERY = 4
REPLACEMENTS = [
    # (side, turn, points per turn, note)
    ("soviet", 1, SOVIET_REPLACEMENTS,
     "march companies for the South-Western, Don and Stalingrad Fronts, never enough to bring the divisions back "
     "to strength (designer's estimate: a fifth to a quarter of Krivosheev's c. 485,000 casualties for the "
     "operation; not in the reference)"),
] + [
    # one point on every 4th turn, none between: a trickle that is not a whole number a turn
    entry for t in range(AXIS_EVERY, TURNS + 1, AXIS_EVERY)
    for entry in (("axis", t, 1, "Army Group Don: a trickle of replacements for the German units outside the pocket "
                   f"(designer's estimate: 1 point every {AXIS_EVERY} turns); 6th Army received none"
                   if t == AXIS_EVERY else "another trickle for Army Group Don"),
                  ("axis", t + 1, 0, None))
    if entry[1] <= TURNS
]

# Strategic rail movement: units each side may move by train per turn (one figure for the game).
RAIL_CAPACITY = {
    # Soviets: two units a turn. The Stavka brought its reserves up by rail: the 2nd Guards Army
    # from Tambov (ref sov_2_gds_army: "rail arrival in the Stalingrad area through early-mid Dec").
    # On the map the Soviets start with the Povorino - Frolovo - Ilovlya - Kotluban line behind the
    # Don Front and the short Volga line (Krasnoarmeysk - Beketovka), and use the Kalach and
    # Kotelnikovo lines as they take them. Designer's estimate: a single-track line carried about
    # one division a turn besides its supply trains; the Soviet rail effort (the lines behind the
    # map's north and east edges fed the whole offensive) was larger than the Axis's: two.
    "soviet": 2,
    # Axis: one unit a turn. The LVII Panzer Corps came to Kotelnikovo by rail (ref ger_6_pz: lead
    # elements 27 Nov, first tanks only 3 Dec; ger_17_pz: "rail move began early Dec", in the attack
    # 17 Dec), over the single Tikhoretsk line, while the Likhaya - Morozovsk - Chir line carried
    # 6th Army's supply and the airlift bases' (designer's estimate: one division a turn for both).
    "axis": 1,
}

# Air points a turn in clear weather, by date (times the weather's air multiplier).
AIR_POINTS = {
    "soviet": [
        # 17th, 16th and 8th Air Armies: 1,100-1,500 aircraft for the three fronts (ref
        # st_uranus_soviet), grounded by the weather on the first day (ref ev_uranus_north: "Snow
        # and freezing fog ... ground most aircraft"): as strong as VIII Fliegerkorps at the start
        # (the scenario's first figure, 3).
        {"date": "1942-11-19", "points": 3, "note": "17th, 16th and 8th Air Armies (1,100-1,500 aircraft, ref st_uranus_soviet)"},
        # From Little Saturn and the Myshkova battles (16 Dec, turn 10) the VVS holds the upper hand
        # over the Don bend: the air blockade of the pocket, the attacks on the airlift fields (ref
        # `airlift.losses`: c. 87 transports lost to attacks on the supply airfields). Designer's
        # estimate: one point more.
        {"date": "1942-12-16", "points": 4, "note": "the VVS gains the upper hand: the air blockade of the pocket, Little Saturn"},
    ],
    "axis": [
        {"date": "1942-11-19", "points": 3, "note": "VIII Fliegerkorps' bombers, Stukas and fighters"},
        # The airlift consumes the bomber force: the He 111 groups fly supply into the pocket (ref
        # `airlift.aircraft_committed`: c. 320 transports in Nov, c. 500 early Dec, c. 850 late Dec;
        # 165 He 111 among the 488 transports lost): a point less from early December.
        {"date": "1942-12-01", "points": 2, "note": "the He 111 bomber groups fly the airlift (ref airlift.aircraft_committed)"},
        # Tatsinskaya overrun on 24 Dec (ref ev_tatsinskaya_raid: c. 72 aircraft lost), Morozovsk
        # abandoned: the bases fall back to Salsk and Novocherkassk, twice as far (ref
        # `airlift.bases_outside`). Another point less from turn 13, when the airlift rule drops too.
        {"date": "1942-12-25", "points": 1, "note": "Tatsinskaya and Morozovsk lost: the Luftwaffe flies from Salsk and Novocherkassk"},
    ],
}

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
    # Little Saturn's deep objective (ref wiki_tatsinskaya, moskva_stalingrad_book): 24th Tank
    # Corps was sent 240 km through the Italian front onto the airlift's Ju 52 base at
    # Tatsinskaya, which it overran on 24 Dec (turn 12); by the end of turn 13 (27 Dec).
    {"id": "little_saturn", "name": "Little Saturn: the Tatsinskaya airlift base overrun", "side": "soviet",
     "hexes": ["Tatsinskaya"], "by_turn": 13, "vp": 3},
]
LEVELS = [
    {"name": "Soviet decisive victory: 6th Army destroyed and the Axis front in the Don bend broken, beyond the historical result", "winner": "soviet", "level": "decisive", "min_vp": 80},
    {"name": "Soviet marginal victory: 6th Army encircled and destroyed, as in history", "winner": "soviet", "level": "marginal", "min_vp": 60},
    {"name": "Draw: 6th Army encircled, but the Soviets short of the historical result", "winner": None, "level": "draw", "min_vp": 45},
    {"name": "Axis marginal victory: the pocket still holds Stalingrad", "winner": "axis", "level": "marginal", "min_vp": 20},
    {"name": "Axis decisive victory: 6th Army saved, the Soviet offensive has failed", "winner": "axis", "level": "decisive"},
]

# ----------------------------------------------------------------------------- history
# What happened, for `wargame history`: dates and sources from shared/reference/stalingrad_1942_oob.yaml
# (events and strength_estimates; the record id is named in each source). Day 0 is 19 November 1942.
# The 6th Army pocket is the Axis units cut off within POCKET_RADIUS hexes (9 km) of the city centre,
# at least POCKET_UNITS of them. Tolerances: two days for the pincers (issue 13: met by day 6), about
# a week for the later places.
POCKET_RADIUS = 6
POCKET_UNITS = 10
HISTORY = [
    {"id": "kalach", "kind": "place_taken", "name": "Kalach bridge and town", "side": "soviet", "places": ["Kalach"],
     "date": "1942-11-23", "tolerance": 2,
     "source": "ref ev_kalach_bridge: the Don bridge seized intact on 22 Nov, the town cleared on 23 Nov"},
    {"id": "uranus_pincers", "kind": "place_taken", "name": "Uranus: the pincers meet (Kalach and Sovetsky)", "side": "soviet",
     "places": ["Kalach", "Sovetsky"], "date": "1942-11-23", "tolerance": 2,
     "source": "ref ev_pincers_meet_sovetsky: 4th Tank Corps met 4th Mechanised Corps at Sovetsky on the afternoon of 23 Nov"},
    {"id": "sixth_army_encircled", "kind": "pocket_formed", "name": "6th Army encircled (10+ Axis units)", "side": "axis",
     "near": "Stalingrad", "radius": POCKET_RADIUS, "min_units": POCKET_UNITS, "date": "1942-11-23", "tolerance": 3,
     "source": "ref ev_pincers_meet_sovetsky, st_encircled: 6th Army, IV Corps and Romanian remnants, c. 250,000-330,000 men"},
    {"id": "myshkova", "kind": "place_taken", "name": "Winter Storm reaches the Myshkova (Vasilyevka)", "side": "axis",
     "places": ["Vasilyevka"], "date": "1942-12-19", "tolerance": 6,
     "source": "ref ev_myshkova_reached: Kampfgruppe Huenersdorff took the Vasilyevka bridge on 19 Dec, about 48 km from the pocket"},
    {"id": "winter_storm_stopped", "kind": "pocket_relieved", "name": "Winter Storm stopped short: the pocket never relieved",
     "side": "axis", "near": "Stalingrad", "radius": POCKET_RADIUS, "min_units": POCKET_UNITS, "happens": False,
     "date": "1943-02-02", "tolerance": 0,
     "source": "ref ev_myshkova_reached, ev_winter_storm_ends: held on the Myshkova 20-23 Dec, then 6th Panzer sent north; "
               "no breakout was made, the pocket was never relieved"},
    {"id": "tatsinskaya", "kind": "place_taken", "name": "Tatsinskaya airfield raided", "side": "soviet", "places": ["Tatsinskaya"],
     "date": "1942-12-24", "tolerance": 6, "source": "ref ev_tatsinskaya_raid: Badanov's 24th Tank Corps overran the airfield at dawn on 24 Dec"},
    {"id": "kotelnikovo", "kind": "place_taken", "name": "Kotelnikovo retaken", "side": "soviet", "places": ["Kotelnikovo"],
     "date": "1942-12-29", "tolerance": 6, "source": "ref ev_kotelnikovo_taken: Soviet tank corps took Kotelnikovo on 29 Dec"},
    {"id": "pitomnik", "kind": "place_taken", "name": "Pitomnik airfield lost", "side": "soviet", "places": ["Pitomnik"],
     "date": "1943-01-16", "tolerance": 6, "source": "ref ev_pitomnik_lost: sources give 14, 16 or 17 Jan; 16 Jan the most common"},
    {"id": "gumrak", "kind": "place_taken", "name": "Gumrak airfield lost", "side": "soviet", "places": ["Gumrak"],
     "date": "1943-01-22", "tolerance": 6, "source": "ref ev_gumrak_lost: overrun 21-23 Jan"},
    {"id": "sixth_army_destroyed", "kind": "pocket_destroyed", "name": "6th Army pocket destroyed", "side": "axis",
     "near": "Stalingrad", "radius": POCKET_RADIUS, "min_units": POCKET_UNITS, "date": "1943-02-02", "tolerance": 3,
     "source": "ref ev_south_pocket_surrender, ev_north_pocket_surrender: Paulus surrendered on 31 Jan, Strecker's northern pocket on 2 Feb"},
]
