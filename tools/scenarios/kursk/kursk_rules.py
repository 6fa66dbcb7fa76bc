"""Calendar, terrain, weather, supply, air, special rules, victory and history of the Kursk 1943
scenario. Hexes are given by place name where the map has one (build.py resolves them), by
lon/lat, or as CCRR. Sources: ref = a record of shared/reference/kursk_1943_oob.yaml.
"""
from __future__ import annotations

TITLE = "Kursk 1943: Citadel and the Counterstrokes"
DESCRIPTION = (
    "5 July to 5 August 1943, two days a turn, 6 km hexes. Model's 9th Army attacks the north face "
    "of the Kursk salient along the Orel - Kursk railway, Hoth's 4th Panzer Army and Army "
    "Detachment Kempf the south face from Belgorod, with the SS Panzer Corps, Grossdeutschland and "
    "the new Tigers, Panthers and Ferdinands: the pincers are to meet at Kursk. The Central and "
    "Voronezh Fronts knew the attack was coming and wait behind belt after belt of trenches, "
    "anti-tank strongpoints and minefields, with their tank armies behind and the Steppe Front in "
    "reserve; 5th Guards Tank Army reaches Prokhorovka on 11 July. From 12 July the Bryansk Front "
    "strikes the Orel salient (Kutuzov), Hitler calls Citadel off and takes the SS corps away, and "
    "the Soviet counterstrokes roll towards Orel and Belgorod. The Germans win by closing the "
    "pincers at Kursk; the Soviets by wearing the panzers down in the belts and liberating Orel "
    "and Belgorod."
)
START_DATE = "1943-07-05"
DAYS_PER_TURN = 2
TURNS = 16            # turn 1 = 5-6 July ... turn 4 = 11-12 July (Prokhorovka, Kutuzov), turn 16 = 4-5 August

SIDES = [
    {"id": "axis", "name": "Army Groups Centre and South", "colour": "#4f5d6b", "nations": ["germany"]},
    {"id": "soviet", "name": "Central, Voronezh, Steppe and Bryansk Fronts", "colour": "#a03c32", "nations": ["ussr"]},
]
FIRST_SIDE = "axis"

# ----------------------------------------------------------------------------- rules
RULE_OVERRIDES = {
    "terrain": {
        "clear": {"description": "Open, rolling black-earth steppe and wheat fields, few woods (ref geography notes)."},
        "rough": {"description": "Balkas: gullies and ravines cutting the steppe, mined and used as anti-tank obstacles "
                                 "(ref def_south_face: the Berezovy ravine)."},
        "hills": {"description": "Commanding heights: Olkhovatka - Teploye (Hill 274), the ridge before Prokhorovka "
                                 "(Hill 252.2)."},
    },
    # The belts' field works stand for most of the digging (fortifications); in two days a unit digs
    # one level more.
    "entrenchment": {"max_level": 1},
    "weather": {
        "clear": {"description": "Hot summer days: dry going, full air power."},
        # ref weather 1943-07-04 / 06: storms on the eve of the attack; the Berezovy ravine a river of
        # mud, Das Reich held up by knee-deep mud on 6 July
        "mud": {"description": "Ground softened by thunderstorms: tanks bog down in the balkas.",
                "move_add": {"motorised": 1, "tracked": 1}, "air_multiplier": 0.75},
        # ref weather 1943-07-08: poor weather over the north face severely limited air operations
        "overcast": {"description": "Low cloud: little flying.", "air_multiplier": 0.5},
        # ref weather 1943-07-11..15: rain and thunderstorms from the evening of 11 July, low cloud on the 12th
        "showers": {"description": "Rain and thunderstorms: muddy tracks, low cloud.",
                    "move_add": {"motorised": 1, "tracked": 1}, "supply_range_multiplier": 0.9, "air_multiplier": 0.5},
    },
}
WEATHER = {
    "schedule": {1: "mud", 2: "overcast", 4: "showers", 5: "showers"},   # 5-6, 7-8, 11-12, 13-14 July (ref weather)
    "default": "clear",
}

# ----------------------------------------------------------------------------- the sides' means
# Replacements: the Soviet reserves behind the fronts, and their repaired tanks (ref
# soviet_losses_citadel: 1,614-1,956 tanks knocked out, many recovered); the German workshops
# repaired most of the 600-1,600 tanks damaged (ref german_losses_citadel: 252-323 written off).
REPLACEMENTS = [
    ("soviet", "1943-07-05", 1, "Stavka reserves and tank repair (ref soviet_losses_citadel, su_steppe_front)"),
    ("axis", "1943-07-09", 1, "German workshops: most damaged tanks were repaired, few written off (ref german_losses_citadel)"),
]
RAIL_CAPACITY = {"axis": 1, "soviet": 2}
# Air points: c. 2,000 German aircraft (Luftflotte 6 north, VIII Air Corps south) against c. 2,650-2,900
# Soviet (ref german_forces_citadel, soviet_forces_citadel); the Luftwaffe strong at the start
# (ref gostishchevo_8_july: 2nd Guards Tank Corps broken up from the air), drawn away after 12 July
# (ref hitler_halts_13_july: Sicily), the Soviet air armies of Kutuzov added from 12 July.
AIR_POINTS = {
    "axis": [{"date": "1943-07-05", "points": 3, "note": "Luftflotte 6 and VIII Air Corps: about 2,000 aircraft (ref german_forces_citadel)"},
             {"date": "1943-07-13", "points": 2, "note": "aircraft drawn to the Orel salient and the south after Citadel is halted "
                                                        "(ref hitler_halts_13_july)"}],
    "soviet": [{"date": "1943-07-05", "points": 2, "note": "16th and 2nd Air Armies (ref soviet_forces_citadel)"},
               {"date": "1943-07-12", "points": 3, "note": "with the air armies of the Western and Bryansk Fronts for Kutuzov "
                                                          "(ref kutuzov_totals)"}],
}

# ----------------------------------------------------------------------------- supply
# (side, hex or place or lon/lat, kind, range, name, from_turn, until_turn)
# German: the railways from Bryansk (Orel - Bryansk, west edge) and Mtsensk (north edge) into the
# Orel salient, Kharkov (south edge) behind Army Group South, and the railheads of Orel and Belgorod.
# Soviet: the railways from Kastornoye / Voronezh and Stary Oskol (east edge), the Bryansk Front's
# rear beyond the Zusha (east edge), Kursk's depots for the armies inside the salient.
SUPPLY_SOURCES = [
    ("axis", (35.25, 52.98), "edge", 16, "Orel - Bryansk railway (Army Group Centre)", None, None),
    ("axis", (36.30, 53.10), "edge", 14, "Mtsensk railway", None, None),
    ("axis", "Orel", "depot", 16, "Orel railhead (9th Army and 2nd Panzer Army)", None, None),
    ("axis", (36.40, 50.35), "edge", 18, "Kharkov (Army Group South)", None, None),
    ("axis", (35.25, 50.55), "edge", 14, "Sumy - Akhtyrka (2nd Army's rear)", None, None),
    ("axis", "Belgorod", "depot", 14, "Belgorod railhead", None, None),
    ("soviet", (37.55, 51.84), "edge", 20, "Kastornoye - Voronezh railway", None, None),
    ("soviet", (37.55, 51.20), "edge", 20, "Stary Oskol railway", None, None),
    ("soviet", (37.55, 50.70), "edge", 18, "Novy Oskol - Valuyki", None, None),
    ("soviet", (37.55, 52.90), "edge", 16, "Bryansk Front's rear beyond the Zusha", None, None),
    ("soviet", "Kursk", "depot", 20, "Kursk depots (the salient's armies by rail and road)", None, None),
]

# ----------------------------------------------------------------------------- special rules
# The Bryansk Front attacked on 12 July (ref kutuzov_12_july): its armies hold their positions until then.
KUTUZOV_UNITS = ["su_63rd_army", "su_3rd_army"]
KUTUZOV_UNTIL = 3      # free from turn 4 (11-12 July)
# Formations with a holding role stay in their sectors (the hexes their side holds on 5 July within
# `radius` hexes of where they start): (side, units, radius, until turn, note).
HOLDING = [
    ("soviet", ["su_24th_guards_rifle_corps", "su_25th_guards_rifle_corps"], 2, 14,
     "7th Guards Army holds the east bank of the Donets and recrosses it in the August offensive (ref su_7th_guards_army, "
     "rumyantsev_3_august)"),
    ("axis", ["de_106th_infantry_division", "de_320th_infantry_division"], 2, TURNS,
     "Corps Raus: the eastern flank guard east of the Donets (ref de_corps_raus)"),
    ("axis", ["de_xx_corps"], 1, TURNS, "XX Corps: the 9th Army's right flank, no attack mission (ref de_xx_corps)"),
    ("axis", ["de_lii_corps"], 1, TURNS, "LII Corps: holding role west of Tomarovka in July (ref de_lii_corps)"),
    ("axis", ["de_liii_corps", "de_xxxv_corps"], 2, TURNS, "2nd Panzer Army: holding the Orel salient (ref de_2nd_panzer_army)"),
]

# The operational pause of the south face: by about 23 July the Voronezh and Steppe Fronts were back on
# their line of 5 July, and they broke the German line north of Belgorod and Tomarovka only in Operation
# Rumyantsev, 3 August, after regrouping (ref back_to_start_23_july, rumyantsev_3_august). Until then
# their armies (those south of PAUSE_SOUTH_OF, below Kursk and the Seym, and the reinforcements that
# arrive there) stay on the Soviet side of the south face's front of 5 July: a command decision, like
# the holding roles above, not an outcome; the Germans may still be thrown back to that line.
PAUSE_UNTIL = 14       # free from turn 15 (2-3 August)
PAUSE_SOUTH_OF = 51.6
PAUSE_NOTE = ("The Voronezh and Steppe Fronts regroup for Rumyantsev: they stay on their side of the line of 5 July "
              "until 3 August (ref back_to_start_23_july, rumyantsev_3_august)")

# ----------------------------------------------------------------------------- victory
# Net VP for the Axis: VP of the places they hold at the end, minus the Soviets', plus
# objectives, plus elimination_vp per Soviet step lost minus per German step lost.
ELIMINATION_VP = 0.25
OBJECTIVES = [
    # Order No. 6: converging attacks from Orel and Belgorod to meet at Kursk (ref order_no_6)
    {"id": "pincers_meet", "name": "The pincers meet at Kursk", "side": "axis", "hexes": ["Kursk"], "by_turn": 8, "vp": 20,
     "sudden_death": True},
    # XLVIII Panzer Corps' objective, never reached (ref oboyan)
    {"id": "oboyan", "name": "Oboyan and the Psel crossing", "side": "axis", "hexes": ["Oboyan"], "by_turn": 5, "vp": 4},
    # Orel and Belgorod liberated on 5 August (ref orel_belgorod_5_august)
    {"id": "orel_belgorod", "name": "Orel and Belgorod liberated", "side": "soviet", "hexes": ["Orel", "Belgorod"], "vp": 6},
]
LEVELS = [
    {"name": "German decisive victory: the pincers meet at Kursk", "winner": "axis", "level": "decisive", "min_vp": 12},
    {"name": "German marginal victory: the salient cut deep, the Soviet fronts bled white", "winner": "axis", "level": "marginal", "min_vp": 0},
    {"name": "Draw: Citadel stalls, the counterstrokes stall", "winner": None, "level": "draw", "min_vp": -8},
    {"name": "Soviet marginal victory: Citadel defeated in the belts", "winner": "soviet", "level": "marginal", "min_vp": -24},
    {"name": "Soviet decisive victory: Citadel defeated, Orel and Belgorod liberated", "winner": "soviet", "level": "decisive"},
]

# ----------------------------------------------------------------------------- history
# Day 0 is 5 July 1943. Issue 18: the German southern pincer stalls short of Oboyan and Kursk.
HISTORY = [
    {"id": "yakovlevo", "kind": "place_taken", "name": "The SS break the second belt at Yakovlevo", "side": "axis",
     "places": ["Yakovlevo"], "date": "1943-07-07", "tolerance": 2,
     "source": "ref second_belt_south_6_july, yakovlevo: LSSAH bypassed Yakovlevo and pierced the second belt on 6 July"},
    {"id": "ponyri", "kind": "place_taken", "name": "Ponyri station taken", "side": "axis", "places": ["Ponyri"],
     "date": "1943-07-08", "tolerance": 2,
     "source": "ref ponyri_7_12_july: control changed hands on 7-8 July; the Germans held most of it by the evening of 8 July"},
    {"id": "olkhovatka", "kind": "place_taken", "name": "The Olkhovatka heights not taken", "side": "axis", "places": ["Olkhovatka"],
     "date": "1943-07-11", "tolerance": 2, "happens": False,
     "source": "ref olkhovatka_7_10_july, north_offensive_stops: three days at Teploye without a breakthrough; stuck by 10-11 July"},
    {"id": "prokhorovka", "kind": "place_taken", "name": "Prokhorovka not taken (12 July)", "side": "axis", "places": ["Prokhorovka"],
     "date": "1943-07-12", "tolerance": 2, "happens": False,
     "source": "ref prokhorovka_12_july, oktyabrsky_11_july: the SS 3 km short on 11 July; 5th Guards Tank Army blocked the road on 12 July"},
    {"id": "oboyan", "kind": "place_taken", "name": "Oboyan not reached", "side": "axis", "places": ["Oboyan"],
     "date": "1943-07-13", "tolerance": 2, "happens": False,
     "source": "ref oboyan, hitler_halts_13_july: the XLVIII Panzer Corps objective, never reached; Citadel halted on 13 July"},
    {"id": "kursk", "kind": "place_taken", "name": "The pincers do not meet at Kursk", "side": "axis", "places": ["Kursk"],
     "date": "1943-07-23", "tolerance": 2, "happens": False,
     "source": "ref order_no_6, back_to_start_23_july: the objective of both pincers; the Germans back on their start lines by 23 July"},
    {"id": "ponyri_retaken", "kind": "place_taken", "name": "Central Front retakes Ponyri", "side": "soviet", "places": ["Ponyri"],
     "date": "1943-07-18", "tolerance": 4,
     "source": "ref central_front_offensive_15_july: 9th Army fell back to about its 5 July line within a few days of 15 July"},
    {"id": "yakovlevo_retaken", "kind": "place_taken", "name": "Voronezh Front back on its first line (Yakovlevo)", "side": "soviet",
     "places": ["Yakovlevo"], "date": "1943-07-23", "tolerance": 4,
     "source": "ref back_to_start_23_july: 4th Panzer Army and Kempf back near their 5 July positions by c. 23 July"},
    {"id": "orel", "kind": "place_taken", "name": "Orel liberated (Kutuzov)", "side": "soviet", "places": ["Orel"],
     "date": "1943-08-05", "tolerance": 3, "source": "ref orel_belgorod_5_august: Orel cleared on the morning of 5 August"},
    {"id": "belgorod", "kind": "place_taken", "name": "Belgorod liberated (Rumyantsev)", "side": "soviet", "places": ["Belgorod"],
     "date": "1943-08-05", "tolerance": 3, "source": "ref orel_belgorod_5_august, rumyantsev_3_august: Belgorod taken by the evening of 5 August"},
    {"id": "losses", "kind": "loss_ratio", "name": "Soviet steps lost for each German step", "side": "axis", "ratio": 3,
     "tolerance": 1.5, "date": "1943-07-23",
     "source": "ref german_losses_citadel, soviet_losses_citadel: 54,182 German against 177,847 Soviet casualties; "
               "252-323 against 1,614-1,956 tanks"},
]
