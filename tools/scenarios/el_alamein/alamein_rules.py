"""Calendar, terrain, weather, supply, air, special rules, victory and history of the El Alamein
1942 scenario. Hexes are given by place name where the map has one (build.py resolves them),
by lon/lat, or as CCRR. Sources: ref = a record of shared/reference/el_alamein_1942_oob.yaml.
"""
from __future__ import annotations

TITLE = "El Alamein 1942: Lightfoot and Supercharge"
DESCRIPTION = (
    "23 October to 11 November 1942, two days a turn, 4 km hexes. The Eighth Army, twice as strong "
    "in men and four times in battle-worthy tanks, attacks the Panzerarmee Afrika behind its "
    "minefield belts, the 'Devil's Gardens', on a front that cannot be turned: the sea on one flank, "
    "the Qattara Depression on the other. XXX Corps clears corridors through the mines for X Corps' "
    "armour (Lightfoot) while XIII Corps holds the Axis armour in the south; then a second blow "
    "(Supercharge) breaks the anti-tank screen on the Rahman track. The Axis, short of fuel at the "
    "end of a supply line from Tobruk and Benghazi and held in place by Hitler's order, must make "
    "every attack costly and save its army. The Allies win by breaking through and destroying or "
    "driving off the Panzerarmee; the Axis by holding the line or escaping whole."
)
START_DATE = "1942-10-23"
DAYS_PER_TURN = 2
TURNS = 10            # turn 1 = 23-24 Oct ... turn 6 = 2-3 Nov (Supercharge), turn 7 = 4-5 Nov, turn 10 = 10-11 Nov

SIDES = [
    {"id": "allies", "name": "Eighth Army", "colour": "#a0643c",
     "nations": ["uk", "australia", "new_zealand", "south_africa", "india", "greece", "free_france"]},
    {"id": "axis", "name": "Panzerarmee Afrika", "colour": "#4f5d6b", "nations": ["germany", "italy"]},
]
FIRST_SIDE = "allies"

# ----------------------------------------------------------------------------- rules
RULE_OVERRIDES = {
    "terrain": {
        # The desert ridges were a few metres high but gave observation and cover: defensive
        # ground that costs no more to cross than the desert (ref miteirya_ridge, ruweisat_ridge).
        "ridge": {"description": "Low rocky ridges and tells (Miteirya, Ruweisat, Alam Halfa, Tel el Eisa): "
                                 "observation and cover.",
                  "move": {"foot": 1, "motorised": 1, "tracked": 1}, "supply_cost": 1, "defence_shift": -1},
        # "the Qattara Depression ... could be penetrated but not turned" (ref front): impassable
        # salt marsh and soft sand below a 600 ft escarpment.
        "depression": {"description": "The Qattara Depression: salt marsh and soft sand below the escarpment, "
                                      "impassable to an army.", "impassable": True, "blocks_zoc": True},
    },
    "weather": {
        "clear": {"description": "Dry desert autumn: hard going, full air power."},
        # ref weather 1942-10-23 and 1942-11-02: dust raised by traffic and shelling in the corridors;
        # on the night of 1/2 Nov tank commanders held torches for the tank behind.
        "dust": {"description": "Dust raised by traffic and shelling: lanes choked, approaches slowed.",
                 "move_add": {"motorised": 1, "tracked": 1}, "air_multiplier": 0.75},
        # ref weather 1942-11-06..08: about 36 hours of torrential rain; the desert tracks turned to mud.
        "rain": {"description": "Torrential rain: the desert turns to mud, off-road movement halts; "
                                "only the coast road carries traffic.",
                 "move_add": {"foot": 1, "motorised": 3, "tracked": 2}, "supply_range_multiplier": 0.75,
                 "air_multiplier": 0.25, "attack_shift": -1},
    },
    # The Devil's Gardens (ref minefields: about half a million mines in two belts, each 1.5-2.7 km
    # deep, joined by cross-belts into boxes) were cleared by sappers with hand detectors, the
    # Scorpion flails proving unreliable; by 08:00 on 24 October XXX Corps held about half its
    # objectives for c. 2,500 casualties, mostly from mines, and the armour jammed in the lanes
    # (ref minefield_gaps, uk_x_corps): a gap costs the infantry 3 MP (standard 2) and the tanks 4
    # (standard 3), whose lanes had to be swept wider; lorries pay the standard 3.
    "minefields": {"move_add": {"foot": 3, "motorised": 3, "tracked": 4}},
    "supply": {
        # the Axis army fought on about three days' fuel (ref supply.axis.situation_october); a
        # unit cut off in the desert was finished within days
        "isolated_attrition_after": 2,
    },
}
WEATHER = {
    "schedule": {1: "dust", 6: "dust", 8: "rain"},   # 23-24 Oct, 2-3 Nov, 6-7 Nov (ref weather)
    "table": [],
    "default": "clear",
}

# ----------------------------------------------------------------------------- the sides' means
# Replacements: most British tanks knocked out were recovered and repaired (ref allied_losses:
# "332-500 destroyed or disabled ... most of them recovered and repaired"): 1 step a turn.
# The Axis received nothing: no new fuel, no reinforcements (ref supply.axis).
REPLACEMENTS = [
    ("allies", 1, 1, "tank recovery and repair behind the line; most of the 332-500 tanks disabled were repaired "
                     "(ref allied_losses)"),
]
RAIL_CAPACITY = {"allies": 1, "axis": 0}   # the Western Desert railway ran from Alexandria to the front (ref supply.allied)
# Air points: c. 730-750 Allied aircraft and air superiority throughout; the Axis' 770-900 on
# paper were largely elsewhere or unserviceable (ref aircraft_at_start, uk_desert_air_force).
AIR_POINTS = {
    "allies": [{"date": "1942-10-23", "points": 3, "note": "Desert Air Force: air superiority throughout (ref uk_desert_air_force)"}],
    "axis": [{"date": "1942-10-23", "points": 1, "note": "Fliegerfuehrer Afrika: few serviceable aircraft over the battle (ref aircraft_at_start)"}],
}

# ----------------------------------------------------------------------------- supply
# (side, hex or place or lon/lat, kind, range, name, from_turn, until_turn)
# Axis: everything came by the coast road from Tobruk (c. 560 km) and Benghazi (c. 1,100 km),
# 35-50 % of the fuel landed being burnt on the way (ref supply.axis). On the map: the west edge
# on the coast road, the small port of Mersa Matruh and the dumps at El Daba. The tankers
# Proserpina, Tergestea (26 Oct) and Luisiano (28 Oct) were sunk off Tobruk (ref tankers_sunk):
# from turn 3 (27-28 Oct) the dumps reach less far: the fuel shortage.
# Allies: Alexandria 106 km behind the front with the railway, the road and the pipeline (ref
# supply.allied); railheads and dumps at El Hammam and El Alamein.
SUPPLY_SOURCES = [
    ("axis", (27.15, 31.33), "edge", 16, "coast road from Tobruk and Benghazi", None, None),
    ("axis", "Mersa Matruh", "port", 12, "Mersa Matruh (coasters from Tobruk)", None, None),
    ("axis", "El Daba", "depot", 24, "El Daba dumps and railhead", None, 2),
    ("axis", "El Daba", "depot", 16, "El Daba dumps after the tankers were sunk (ref tankers_sunk)", 3, None),
    ("allies", (29.95, 31.05), "edge", 20, "Alexandria and the Delta", None, None),
    ("allies", "Alexandria", "port", 20, "Alexandria", None, None),
    ("allies", "El Hammam", "depot", 20, "El Hammam railhead", None, None),
    ("allies", "El Alamein", "depot", 20, "El Alamein dumps (Eighth Army's forward supply)", None, None),
]

# ----------------------------------------------------------------------------- special rules
# Hitler's 'victory or death' order of 3 Nov (ref hitler_stand_fast) after Rommel's first retreat
# order of 2 Nov (ref rommel_retreat_order); the retreat began on 4 Nov (ref breakout). The Axis
# units of the Alamein position may not leave it until then (they may move inside it).
STAND_FAST_UNTIL = 6           # free to retreat from turn 7 (4-5 Nov)
STAND_FAST_WEST_LON = 28.60    # the Alamein position: east of this meridian

# ----------------------------------------------------------------------------- victory
# Net VP for the Allies: VP of the places they hold at the end, minus the Axis's, plus objectives,
# plus elimination_vp per Axis step lost minus per Allied step lost.
ELIMINATION_VP = 0.5
OBJECTIVES = [
    {"id": "breakthrough", "name": "Break-through: Tel el Aqqaqir and Sidi Abd el Rahman taken", "side": "allies",
     "hexes": ["Tel el Aqqaqir", "Sidi Abd el Rahman"], "by_turn": 7, "vp": 6, "fail_vp": 6},
]
LEVELS = [
    {"name": "Allied decisive victory: the Panzerarmee destroyed or driven out of Egypt", "winner": "allies", "level": "decisive", "min_vp": 32},
    {"name": "Allied marginal victory: the line broken, the Panzerarmee in retreat", "winner": "allies", "level": "marginal", "min_vp": 20},
    {"name": "Draw: a costly dog fight in the minefields", "winner": None, "level": "draw", "min_vp": 16},
    {"name": "Axis marginal victory: the Alamein line holds", "winner": "axis", "level": "marginal", "min_vp": 0},
    {"name": "Axis decisive victory: the Eighth Army's offensive has failed", "winner": "axis", "level": "decisive"},
]

# ----------------------------------------------------------------------------- history
# Day 0 is 23 October 1942. Issue 18: the Allied breakthrough by about 4 November (day 12),
# within 30 % (about 4 days).
HISTORY = [
    {"id": "miteirya", "kind": "place_taken", "name": "Lightfoot: Miteirya Ridge taken", "side": "allies",
     "places": ["Miteirya Ridge"], "date": "1942-10-24", "tolerance": 2,
     "source": "ref nz_2nd_division, minefield_gaps: the New Zealanders took Miteirya Ridge on the first night, 23-24 Oct"},
    {"id": "kidney_ridge", "kind": "place_taken", "name": "Kidney Ridge (Snipe) fought for", "side": "allies",
     "places": ["Kidney Ridge"], "date": "1942-10-27", "tolerance": 3,
     "source": "ref snipe_action, kidney_ridge_italian_hill_28: Outpost Snipe held on 27 Oct; Quota 28 retaken by the Axis"},
    {"id": "supercharge", "kind": "place_taken", "name": "Supercharge: the break-through at Tel el Aqqaqir", "side": "allies",
     "places": ["Tel el Aqqaqir"], "date": "1942-11-04", "tolerance": 4,
     "source": "ref operation_supercharge, tel_el_aqqaqir, breakout: attack 2 Nov; 5th Indian Brigade broke the Rahman track screen "
               "at 02:30 on 4 Nov"},
    {"id": "rahman", "kind": "place_taken", "name": "Sidi Abd el Rahman and the coast road", "side": "allies",
     "places": ["Sidi Abd el Rahman"], "date": "1942-11-04", "tolerance": 4,
     "source": "ref breakout, rommel_retreat_order: the Axis line gave way on 4 Nov and the army retreated along the coast road"},
    {"id": "ariete_destroyed", "kind": "unit_gone", "name": "Ariete destroyed", "unit": "it_ariete_division", "how": "eliminated",
     "date": "1942-11-04", "tolerance": 4,
     "source": "ref it_ariete_division: encircled and destroyed north-west of Bir el Abd by 7th Armoured on 4 Nov"},
    {"id": "folgore_lost", "kind": "unit_gone", "name": "Folgore overtaken in the desert", "unit": "it_folgore_division", "how": "eliminated",
     "date": "1942-11-06", "tolerance": 4,
     "source": "ref it_folgore_division, italian_infantry_abandoned: the last group surrendered at 14:35 on 6 Nov"},
    {"id": "fuka", "kind": "place_taken", "name": "Fuka reached", "side": "allies", "places": ["Fuka"],
     "date": "1942-11-06", "tolerance": 3, "source": "ref fuka: a rearguard at Fuka on 5 Nov; gone by the morning of the 6th"},
    {"id": "mersa_matruh", "kind": "place_taken", "name": "Mersa Matruh entered", "side": "allies", "places": ["Mersa Matruh"],
     "date": "1942-11-08", "tolerance": 3, "source": "ref mersa_matruh: entered on the morning of 8 Nov"},
    {"id": "losses", "kind": "loss_ratio", "name": "Axis steps lost for each Allied step", "side": "allies", "ratio": 3,
     "tolerance": 1.5, "date": "1942-11-11",
     "source": "ref allied_losses, axis_losses, axis_prisoners: 13,560 Allied casualties against 41,800-73,000 Axis "
               "(c. 30,000 prisoners)"},
]
