"""Build the Normandy 1944 scenario (scenarios/normandy_1944/) from geography.py and oob.py.

    .venv/bin/python tools/scenarios/normandy/build.py          # writes the scenario files
    .venv/bin/python tools/scenarios/normandy/build.py --check  # also validates and prints a summary
    .venv/bin/python tools/scenarios/normandy/build.py --out DIR  # write elsewhere (the tests compare)
    .venv/bin/python tools/scenarios/normandy/build.py --out DIR --variant august,groups   # a Falaise probe's copy

Reproducible: the same inputs always write the same files. Edit the data modules (or the
settings below: rule overrides, air, weather, supply, stand-fast areas, victory), never the
generated YAML by hand. Balance: tools/scenarios/normandy/tune.py and the scenario's doc page.
"""
from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))
from engine.mapgen import wrap_items  # noqa: E402
from engine.mapgen.yamltext import flow, scalar  # noqa: E402  (the one YAML writer)
from engine.mapgen.yamltext import quote as q  # noqa: E402

import numpy as np  # noqa: E402

import geography as geo  # noqa: E402
import oob  # noqa: E402
from mapbuild import MapBuilder, _inside  # noqa: E402

OUT = ROOT / "scenarios" / "normandy_1944"
TURNS = 27
DAYS_PER_TURN = 3


def turn_of(date: dt.date) -> int:
    return (date - oob.START).days // DAYS_PER_TURN + 1


# ----------------------------------------------------------------------------------------
# Scenario settings that are not map or order of battle
# ----------------------------------------------------------------------------------------
RULE_OVERRIDES = {
    # The hedgerows: a defender's paradise (the standard set's -1 is for light bocage).
    "terrain": {
        "bocage": {"defence_shift": -2},
    },
    "combat": {
        # No bonus for armour attacking in the open: in Normandy open ground (the Caen plain)
        # favoured the defender's long-range anti-tank guns, Panthers and Tigers (Goodwood).
        "armour_open_shift": 0,
        # An attritional table: an attack that succeeds still costs the attacker. Until Cobra the
        # two armies lost men at about the same rate (OB West: about 116,000 Germans lost, 6 June
        # to late July; ref allied_casualties: about 122,000 Allied ground casualties by then), and
        # German losses ran to about twice the Allied ones only with the Falaise pocket and the
        # retreat. With the standard table the Allies lost one step for every four or five German
        # steps in AI games (100 games, planner against planner); with this one, about one for two.
        # From 3:1 up, results that cost only the defender become XR1 or EX at the middle rolls.
        "results": {"XR1": {"description": "attacker loses 1 step; defender loses 1 step and retreats 1 hex",
                            "attacker_steps": 1, "defender_steps": 1, "defender_retreat": 1}},
        "table": {
            1: ["AL1", "NE", "DR1", "D1R1", "D1R2", "D2R2", "D2R2", "DE"],
            2: ["AL1", "AL1", "NE", "DR1", "XR1", "D1R2", "D2R2", "D2R2"],
            3: ["AL2", "AL1", "EX", "EX", "EX", "XR1", "D1R2", "D2R2"],
            4: ["AL2", "AL1", "AL1", "EX", "EX", "EX", "XR1", "D1R2"],
            5: ["AE", "AL2", "AL1", "AL1", "AL1", "EX", "EX", "XR1"],
            6: ["AE", "AL2", "AL2", "AL1", "AL1", "AL1", "EX", "EX"],
        },
    },
    # 3-day turns on 6 km hexes: marches along roads cover more ground than the standard set's
    # 2-day, bigger-hex assumptions, but the lodgement's few roads were choked with traffic and
    # the Germans moved by night under the Allied air forces: foot and tracked units 0.75 a
    # hex (10 hexes = 64 km a turn for infantry), lorried units 0.5. With 0.5 for all, Allied
    # armour drove 15 road hexes a phase through the gaps of the German line and reached
    # Avranches in mid-June in AI games.
    "hexsides": {
        "road": {"move": {"foot": 0.75, "motorised": 0.5, "tracked": 0.75}},
        "railway": {"move": {"foot": 0.5, "motorised": 1, "tracked": 1}},
    },
}

# ----------------------------------------------------------------------------------------
# The sides' means beyond their units: replacements, rail, air (RULES.md: replacements,
# strategic rail movement, air points by date). Each figure says where it comes from: the
# reference (/work/shared/reference/normandy_1944_oob.yaml), or a designer's estimate with its
# reasoning. None of them was tuned to a balance result.
# ----------------------------------------------------------------------------------------
# One replacement point rebuilds one step of a unit in supply. Designer's estimate: a step is
# about a quarter of a division (the 4-step divisions of oob.py had 10,000-15,000 men), and
# casualties fall mostly on the rifle and tank companies, so a step stands for about 3,000
# casualties.
STEP_MEN = 3000
# Allied ground casualties 6 June - late August (ref campaign_totals `allied_casualties`): US
# ground forces 125,847, 21st Army Group 83,045, over the 27 turns of the campaign.
US_CASUALTIES, COMMONWEALTH_CASUALTIES = 125_847, 83_045
US_RATE = US_CASUALTIES / TURNS / STEP_MEN                        # 1.55 steps a turn
COMMONWEALTH_RATE = COMMONWEALTH_CASUALTIES / TURNS / STEP_MEN    # 1.03 steps a turn
# Germans: the widely quoted OB West return for 6 June - late July, about 116,000 men lost and
# about 10,000 replacements received (general knowledge: Blumenson, Breakout and Pursuit, one of
# the reference's main sources, and Wilmot; the figure itself is not in the reference or the
# seed texts; the reference's campaign_totals `german_casualties` gives 320,000-530,000 for the
# whole campaign). 10,000 men = 3.3 steps in 17 turns (to 26 July): one point every 5 turns.
# Nothing says the August flow was larger (the replacement battalions were caught in the
# retreat), so the same trickle goes on to the end.
GERMAN_RECEIVED, GERMAN_LOST, GERMAN_PERIOD_TURNS = 10_000, 116_000, 17
GERMAN_EVERY = round(GERMAN_PERIOD_TURNS / (GERMAN_RECEIVED / STEP_MEN))   # 5 turns
BRITISH_SHORTAGE = dt.date(1944, 7, 27)     # turn 18
REPLACEMENTS = [
    # (side, turn, points per turn, note)
    ("allies", 1, round(US_RATE + COMMONWEALTH_RATE),
     "US and Commonwealth replacement pools made good their losses (ref allied_casualties: 125,847 US and "
     "83,045 21st Army Group ground casualties in 27 turns = 1.55 + 1.03 steps of 3,000 men a turn)"),
    ("allies", turn_of(BRITISH_SHORTAGE), round(US_RATE + COMMONWEALTH_RATE / 2),
     "British infantry runs short: the 27th Armoured Brigade broken up 27 July (ref uk_27th_armoured_brigade), "
     "the 59th Division broken up in August for infantry replacements (ref uk_59th_infantry_division); the US "
     "flow goes on (designer's estimate: half the Commonwealth rate)"),
] + [
    # A trickle that cannot be written as a whole number a turn: one point on every 5th turn, none between.
    entry for t in range(GERMAN_EVERY, TURNS + 1, GERMAN_EVERY)
    for entry in (("axis", t, 1, "a draft of march battalions: about 10,000 replacements against 116,000 men lost, "
                   "6 June - late July (OB West; general knowledge, not in the reference): 1 point every "
                   f"{GERMAN_EVERY} turns" if t == GERMAN_EVERY else "another draft of march battalions"),
                  ("axis", t + 1, 0, None))
    if entry[1] <= TURNS
]

# Strategic rail movement: units each side may move by train per turn (one figure per side for
# the whole game; the format has no dates).
RAIL_CAPACITY = {
    # Allies: none. The railways in the lodgement were wrecked by the pre-invasion bombing and the
    # German demolitions and served the build-up of supplies, not troop moves, until after the
    # campaign; Allied divisions moved by road (designer's estimate: the reference records no
    # Allied move by rail).
    "allies": 0,
    # Germans: one unit a turn. The Transportation Plan and the fighter-bombers had wrecked the
    # French network: trains ran at night and unloaded far behind the front, then the divisions
    # marched (ref: the 277th Division "first trains 21 June", in the line from 4 July; the
    # 272nd "entrained 29 June - 2 July ... unloaded near Angers, in the line from 11 July";
    # s.SS-Pz.Abt 101 detrained near Versailles and took a week's road march; the 708th "by rail
    # and road via Angers"). Those moves up to the map's edge are the reinforcements' entry
    # hexes; on the map, one train-borne unit a turn (designer's estimate), and Allied
    # interdiction can block even that.
    "axis": 1,
}

# Air points by date (times the weather's air multiplier; overcast halves them, rain quarters).
AIR_POINTS = {
    # Allied air superiority throughout: c. 14,000 sorties on D-Day and thousands a day after
    # (general knowledge); the reference's events show its reach (Marcks killed by air attack 12
    # June, Rommel wounded 17 July, Panzer Lehr's "costly road march under air attack", Luttich
    # stopped "by air attack"). 6 a turn (8 in the first versions of the scenario): two-point
    # supports for three attacks a turn in clear weather; the rest of the air effort is the
    # interdiction and the weather's own limits.
    "allies": [dict(date=oob.START, points=6,
                    note="Allied air superiority: the tactical air forces over the beachhead from D-Day")],
    # The Luftwaffe: Luftflotte 3 and the fighter groups flown in from the Reich after D-Day flew a
    # few hundred sorties a day against the Allies' thousands (general knowledge): 1 point, which
    # the weather's multiplier rounds down to 0 on any but a clear turn. From Luttich (7 August)
    # none: the fighters promised for the Mortain attack never reached the battlefield, and the
    # Luftwaffe in France was pulling back behind the Seine (general knowledge; designer's estimate).
    "axis": [dict(date=oob.START, points=1, note="Luftflotte 3: a few hundred sorties a day"),
             dict(date=dt.date(1944, 8, 7), points=0,
                  note="Luttich: the promised fighter cover never arrives; the Luftwaffe leaves the battle")],
}

# Weather by turn: turn 1 = 6-8 June. The Channel storm of 19-22 June falls in turns 5-6;
# the rain of 20-24 July (Goodwood bogged down, Cobra put off) in turn 16; fine August.
WEATHER = {
    "schedule": {1: "overcast", 2: "overcast", 3: "clear", 5: "rain", 6: "rain", 15: "clear", 16: "rain", 17: "clear"},
    "table": [
        {"months": [6], "chances": {"clear": 3, "overcast": 4, "rain": 3}},
        {"months": [7], "chances": {"clear": 4, "overcast": 4, "rain": 2}},
        {"months": [8], "chances": {"clear": 7, "overcast": 2, "rain": 1}},
    ],
    "default": "clear",
}

# Captured ports supply the Allies `capture_delay` turns after the turn they take the hex (the
# wrecks, mines and demolished quays had to be cleared first), and only while they hold it. A
# port's fortress garrison (oob.py, movement 0, ordered to hold to the end) keeps it German
# until it is destroyed, so a port cannot be taken early by a raid.
# The clearing time is measured on Cherbourg, the one port the Allies took and opened in the
# campaign: the arsenal gave up on 27 June (von Schlieben taken 26 June, Cap de la Hague c. 1
# July; ref events `cherbourg_surrender`, "the port had been thoroughly wrecked and took weeks
# to open"), and the first cargo came ashore on 16 July (R. Ruppenthal, Logistical Support of the
# Armies I, US Army CMH: general knowledge, not in the reference). Turn 8 to turn 14: 6 turns.
CHERBOURG_TAKEN, CHERBOURG_FIRST_CARGO = dt.date(1944, 6, 27), dt.date(1944, 7, 16)
CLEARING = turn_of(CHERBOURG_FIRST_CARGO) - turn_of(CHERBOURG_TAKEN)
# The Brittany fortress ports were demolished as thoroughly (Brest and Saint-Malo were never
# reopened as supply ports in 1944: general knowledge) and get at least Cherbourg's clearing time.
# History: Saint-Malo's citadel fell on 17 August (turn 24; ref: US 83rd Division) and would open
# on turn 30, after the end; Brest held until 18-19 September and Lorient and Saint-Nazaire until
# May 1945 (ref `seed_text_checks`): none of them supplies the Allies in the campaign's 27 turns.
# Granville (taken 31 July) keeps 4 turns (not checked against a source).
BRITTANY_CLEARING = CLEARING

# Supply: (side, place or hex, kind, range, extra). SQUEEZE: the turn the German fuel crisis begins.
SQUEEZE = 18
SUPPLY = [
    # Allies: over the beaches, the Mulberry harbours, and captured ports
    ("allies", "Utah Beach", "beach", 10, {"name": "Utah beach dumps"}),
    ("allies", "Omaha Beach", "beach", 10, {"name": "Omaha beach dumps"}),
    ("allies", "Omaha Beach", "port", 14, {"name": "Mulberry A (Saint-Laurent)", "from_turn": 3, "until_turn": 5}),
    ("allies", "Gold Beach", "port", 16, {"name": "Mulberry B (Arromanches)", "from_turn": 3}),
    ("allies", "Juno Beach", "beach", 10, {"name": "Juno beach dumps"}),
    ("allies", "Sword Beach", "beach", 8, {"name": "Sword beach dumps", "until_turn": 9}),
    ("allies", "Cherbourg", "port", 24, {"capture_delay": CLEARING, "name": "Cherbourg (wrecked: weeks to clear)"}),
    ("allies", "Granville", "port", 14, {"capture_delay": 4}),
    ("allies", "Saint-Malo", "port", 16, {"capture_delay": BRITTANY_CLEARING, "name": "Saint-Malo (demolished)"}),
    ("allies", "Brest", "port", 22, {"capture_delay": BRITTANY_CLEARING, "name": "Brest (demolished)"}),
    ("allies", "Lorient", "port", 18, {"capture_delay": BRITTANY_CLEARING, "name": "Lorient (demolished)"}),
    ("allies", "Saint-Nazaire", "port", 18, {"capture_delay": BRITTANY_CLEARING, "name": "Saint-Nazaire (demolished)"}),
    # Germans: Paris, the map edges east (over the Seine) and south (over the Loire), the
    # army depots and the fortresses' own stocks. From turn SQUEEZE (27 July) the ranges
    # shrink: the fuel crisis and the air attacks on the Seine crossings and the roads.
    ("axis", "Paris", "depot", 24, {"name": "Paris", "until_turn": SQUEEZE - 1}),
    ("axis", "Paris", "depot", 12, {"name": "Paris (fuel crisis)", "from_turn": SQUEEZE}),
    ("axis", (2.62, 49.45), "edge", 22, {"name": "north-east edge (Beauvais road)", "until_turn": SQUEEZE - 1}),
    ("axis", (2.62, 49.45), "edge", 14, {"name": "north-east edge (fuel crisis)", "from_turn": SQUEEZE}),
    ("axis", (2.62, 48.60), "edge", 22, {"name": "east edge (Melun)", "until_turn": SQUEEZE - 1}),
    ("axis", (2.62, 48.60), "edge", 14, {"name": "east edge (fuel crisis)", "from_turn": SQUEEZE}),
    ("axis", (2.62, 47.75), "edge", 20, {"name": "east edge (Gien)", "until_turn": SQUEEZE - 1}),
    ("axis", (1.30, 47.12), "edge", 18, {"name": "south edge (Blois road)", "until_turn": SQUEEZE - 1}),
    ("axis", (0.40, 47.12), "edge", 18, {"name": "south edge (Tours - Poitiers)", "until_turn": SQUEEZE - 1}),
    ("axis", (-0.50, 47.12), "edge", 18, {"name": "south edge (Cholet - Saumur)", "until_turn": SQUEEZE - 1}),
    ("axis", "Rouen", "depot", 16, {"until_turn": SQUEEZE - 1}),
    ("axis", "Le Mans", "depot", 14, {"name": "7th Army depots (Le Mans)"}),
    ("axis", "Rennes", "depot", 10, {}),
    # no Cherbourg depot: a depot supplies every unit in its range as a base would, which kept the
    # 709th and 91st in the north of the peninsula supplied after VII Corps cut it on 18 June; the
    # fortress's stocks held out about a week once it was cut off (surrender 26 June), which the
    # engine gives an isolated garrison (dug in, in a fortified city) without a depot
    ("axis", "Saint-Malo", "depot", 3, {"name": "Saint-Malo fortress stocks"}),
    ("axis", "Brest", "depot", 5, {"name": "Brest fortress stocks"}),
    ("axis", "Lorient", "depot", 4, {"name": "Lorient fortress stocks"}),
    ("axis", "Saint-Nazaire", "depot", 4, {"name": "Saint-Nazaire fortress stocks"}),
    ("axis", "Le Havre", "depot", 6, {"name": "Le Havre fortress stocks"}),
]

FORTRESSES = {  # unit -> place it must hold
    "de_cherbourg_garrison": "Cherbourg", "de_saint_malo_garrison": "Saint-Malo", "de_brest_garrison": "Brest",
    "de_lorient_garrison": "Lorient", "de_saint_nazaire_garrison": "Saint-Nazaire", "de_le_havre_garrison": "Le Havre",
}

# The lodgement area: until the end of turn LODGEMENT_UNTIL the Allied units ashore (and
# those landing meanwhile) stay inside it, linking the beachheads and landing the follow-up
# waves, as they did until about 12 June. Polygon in lon/lat; hexes whose centre is inside.
LODGEMENT_UNTIL = 2
LODGEMENT = [(-1.27, 49.56), (-1.38, 49.50), (-1.44, 49.42), (-1.42, 49.33), (-1.30, 49.27), (-1.10, 49.27),
             (-0.95, 49.26), (-0.75, 49.23), (-0.55, 49.20), (-0.44, 49.22), (-0.36, 49.23), (-0.20, 49.19),
             (-0.14, 49.24), (-0.16, 49.34), (-0.60, 49.40), (-1.10, 49.45), (-1.20, 49.56)]

# Cherbourg first: US VII Corps (the divisions landed over Utah in June) must clear the
# Cotentin before it turns south; its units stay north of the Douve (Saint-Sauveur-le-Vicomte -
# Sainte-Mere-Eglise) until the end of turn COTENTIN_UNTIL (Cherbourg fell 26 June - 1 July).
COTENTIN_UNTIL = 8
COTENTIN = [(-2.10, 49.80), (-1.00, 49.80), (-1.10, 49.40), (-1.17, 49.375), (-1.30, 49.355), (-1.45, 49.33),
            (-1.60, 49.32), (-1.85, 49.32)]
COTENTIN_UNITS = ["us_4th_infantry_division", "us_82nd_airborne_division", "us_90th_infantry_division",
                  "us_9th_infantry_division", "us_79th_infantry_division"]

# The army boundary of 21st Army Group until Cobra: Second Army (British, Canadian, Polish) east
# of the line Port-en-Bessin - Caumont - Vire, First Army (US) west of it, each with a hex of
# overlap. A boundary (`hold: false`), not an order to hold: the units attack from their sector
# and retreat as usual. Until the end of turn BOUNDARY_UNTIL (25 July, Cobra; Patton's Third Army
# then broke out west and south, and the armies' sectors were redrawn).
BOUNDARY_UNTIL = 17
BOUNDARY = [(-0.76, 49.60), (-0.76, 49.34), (-0.80, 49.09), (-0.89, 48.84), (-0.95, 46.90)]   # (lon, lat) north to south
BOUNDARY_OVERLAP = 0.04      # degrees of longitude either side of the line (about a hex)

# First Army's divisions out of Omaha east of the Vire: V Corps was halted at Caumont on 13 June
# while VII Corps took Cherbourg (ref us_1st_infantry_division: "Caumont salient (13 June)"), the
# 2nd Infantry fought at Trevieres, in the Cerisy forest and for Hill 192 (11 July), the 29th
# (XIX Corps from 14 June) for Saint-Lo until 18 July; the 1st was relieved at Caumont on 13-14
# July and went west for Cobra. From the end of the lodgement rule to the end of each unit's turn
# these divisions stay between the Vire (Vire - Saint-Lo - Isigny, geography.RIVERS) and the
# army boundary (a boundary, `hold: false`: they attack out of it and retreat as usual).
VIRE_EAST = {"us_1st_infantry_division": 12, "us_2nd_infantry_division": 15, "us_29th_infantry_division": 15}
VIRE_WEST_MARGIN = 0.03      # degrees of longitude west of the river line: its own hexes, Saint-Lo and Isigny in

# Second Army west of the Orne until Goodwood: I Corps held only the small airborne bridgehead
# east of the river (Ranville - Breville - Le Plein, ref uk_6th_airborne_division,
# uk_1st_special_service_brigade, uk_51st_infantry_division); Montgomery kept it small, and the
# first attack out of it in strength was Goodwood (18 July, turn 15: ref operation_goodwood). Until
# the end of turn ORNE_UNTIL the British, Canadian and Polish units stay west of the Orne and in
# the bridgehead's hexes (a boundary: they attack out of it). The area east of the river: the Orne
# from its mouth to its source (geography.RIVERS), closed far to the east and south.
ORNE_UNTIL = 14
ORNE_BRIDGEHEAD = [(-0.2556, 49.2307), (-0.225, 49.245)]    # Ranville, Breville (lon, lat)
ORNE_EAST_CLOSE = [(-0.25, 49.60), (1.50, 49.60), (1.50, 48.50), (0.172, 48.50)]

# Hitler's hold orders and the corps sectors: the German infantry holding the front may not
# leave its army's sector (a retreat out of it costs steps instead) until the sector broke
# historically: 7th Army in the west until Cobra, Panzer Group West's infantry east of the
# Orne until Goodwood. The panzer divisions are free (except the 21st at Caen, below).
SECTORS = [
    ("7th Army (LXXXIV and II Parachute Corps): the front from the west coast to the Drome", 17,
     [(-1.90, 49.36), (-1.40, 49.335), (-1.20, 49.285), (-1.12, 49.31), (-0.75, 49.36), (-0.75, 49.05),
      (-1.00, 49.00), (-1.30, 48.98), (-1.65, 48.98), (-1.75, 49.20), (-1.90, 49.30)],
     ["de_352nd_infantry_division", "de_77th_infantry_division", "de_275th_infantry_division",
      "de_265th_infantry_division", "de_266th_infantry_division",
      "de_353rd_infantry_division", "de_5th_fallschirmjager_division"]),
    ("Panzer Group West: Caen and the Orne", 15,
     [(-0.75, 49.36), (0.55, 49.45), (0.55, 49.05), (0.10, 48.80), (-0.30, 48.75), (-0.55, 48.85), (-0.75, 49.05)],
     ["de_711th_infantry_division", "de_346th_infantry_division"]),
]
# Strongpoints: a division bound to one place (it may not leave the hex) until the turn.
STRONGPOINTS = [
    ("Caen", ["de_21st_panzer_division", "de_716th_infantry_division"], 12, "Caen: no withdrawal behind the Orne (northern Caen fell 9 July)"),
    ("Saint-Lo", ["de_3rd_fallschirmjager_division"], 14, "Saint-Lo and Hill 192 (taken 11 and 18 July)"),
    ("La Haye-du-Puits", ["de_243rd_infantry_division"], 11, "La Haye-du-Puits and Mont Castre, the west coast road (taken 8 July)"),
]

# Hitler's no-withdrawal order for Operation Luttich: from 7 August, the night attack on Mortain
# (ref operation_luttich: "It pulled German armour deeper into the coming pocket"), until Kluge was
# allowed to pull back on 16 August (general knowledge: Hitler's consent came that day), the
# divisions that held the front since June and July may not fall back behind the Touques: an order
# to hold (a retreat out of the area costs steps). The area is the ground of the 7th Army and the 5th Panzer Army west of the
# Touques (Trouville - Lisieux - Gace) and north of the line Sees - Carrouges - Domfront - Mortain -
# Pontaubault; the units, the divisions the reference puts in the Mortain attack or in the pocket
# (ref de_7th_army: "most of the army was caught in the Falaise pocket"; de_xlvii_panzer_corps; each
# division's fate). Not the 9th SS (outside the pocket from Bluecoat on), the 711th and 346th (the
# east flank, back over the Seine), nor the divisions that come in August: they enter on the Seine
# and south of it, outside the area, and an order binds a unit outside its area where it stands.
LUTTICH_FROM, LUTTICH_UNTIL = turn_of(dt.date(1944, 8, 7)), turn_of(dt.date(1944, 8, 16))     # turns 21 (5-7 August) to 24 (14-16 August)
LUTTICH = [(0.08, 49.40), (0.12, 49.30), (0.23, 49.15), (0.30, 48.95), (0.30, 48.75), (0.17, 48.60),
           (-0.15, 48.55), (-0.65, 48.52), (-1.05, 48.55), (-1.45, 48.62), (-1.70, 48.85), (-1.70, 49.50), (0.08, 49.50)]
LUTTICH_UNITS = [
    "de_1st_ss_panzer_division", "de_2nd_ss_panzer_division", "de_10th_ss_panzer_division", "de_12th_ss_panzer_division",
    "de_2nd_panzer_division", "de_21st_panzer_division", "de_panzer_lehr_division", "de_17th_ss_panzergrenadier_division",
    "de_3rd_fallschirmjager_division", "de_5th_fallschirmjager_division", "de_352nd_infantry_division",
    "de_275th_infantry_division", "de_276th_infantry_division", "de_277th_infantry_division", "de_271st_infantry_division",
    "de_272nd_infantry_division", "de_326th_infantry_division", "de_353rd_infantry_division",
    "de_ss_heavy_panzer_battalion_101", "de_ss_heavy_panzer_battalion_102", "de_heavy_panzer_battalion_503",
]

# Hexes the Allies hold at the start besides those their units stand in.
ALLIED_CONTROL = ["056010", "067013"]

# -- the Falaise probes' variants (`--variant august,groups`; not the shipped scenario) ----------
# The probes of docs/scenarios/normandy_1944.md (*The Falaise pocket*), rebuilt by one option:
# august: the German army of August kept alive (the fourth session's rows): a milder top of the
#   combat table, `last_step_retreat: 1`, the German hold orders before Cobra made boundaries
#   (`hold: false`), and the Luttich order naming the August divisions too.
# groups: the army groups' boundary after Cobra, turns 18-25: 21st Army Group (uk, ca, pl) east of
#   the old army line and north of Vire - Tinchebray - Flers - between Trun and Chambois - Verneuil
#   - the Seine between Vernon and Mantes; 12th Army Group (us, fr) west and south; a hex of overlap.
# bulge: the Luttich order's area ends a hex east of the Dives (Trun and Chambois in it) instead of
#   the Touques, and names the August divisions, the 9th SS and the 331st too (turns 21-24 as before).
# strong: every German unit's defence doubled (a probe of the pincers, not of the campaign).
VARIANTS = ("august", "groups", "bulge", "strong")
AUGUST_DIVISIONS = ["de_116th_panzer_division", "de_84th_infantry_division", "de_363rd_infantry_division",
                    "de_89th_infantry_division", "de_85th_infantry_division", "de_9th_panzer_division"]
GROUPS_FROM, GROUPS_UNTIL = 18, 25
GROUPS_LINE = [(-0.89, 48.84), (-0.73, 48.76), (-0.57, 48.75), (-0.20, 48.76), (0.00, 48.80), (0.13, 48.84),
               (0.30, 48.80), (0.93, 48.74), (1.30, 48.95), (1.60, 49.05), (3.50, 49.05)]     # west to east
GROUPS_OVERLAP = 0.035       # degrees either side of the line (about a hex)
VARIANT: set[str] = set()
DIVES = [(-0.10, 49.285), (-0.12, 49.20), (-0.10, 49.14), (-0.07, 49.08), (-0.033, 49.017), (-0.08, 48.98),
         (-0.07, 48.93), (-0.03, 48.89), (0.033, 48.843), (0.06, 48.825), (0.106, 48.807), (0.14, 48.76), (0.18, 48.69)]
BULGE = [(x + 0.07, y) for x, y in DIVES] + [(0.25, 48.60), (-0.15, 48.55), (-0.65, 48.52), (-1.05, 48.55), (-1.45, 48.62),
                                             (-1.70, 48.85), (-1.70, 49.50), (-0.03, 49.50)]


def apply_variant(names: set[str]) -> None:
    """Change the settings above (and the order of battle) for the named probe variants."""
    global LUTTICH_UNITS, LUTTICH
    VARIANT.update(names)
    if "strong" in names:
        # probe: every German unit's defence doubled (the German army of August alive, whatever it costs)
        for u in oob.UNITS + [u for r in oob.REINFORCEMENTS for u in r["units"]]:
            if u["side"] == "axis" and "defence" in u:
                u["defence"] = u["defence"] * 2 if isinstance(u["defence"], int) else [d * 2 for d in u["defence"]]
    if "bulge" in names:
        LUTTICH = BULGE
        LUTTICH_UNITS = LUTTICH_UNITS + [u for u in AUGUST_DIVISIONS + ["de_9th_ss_panzer_division", "de_331st_infantry_division"]
                                         if u not in LUTTICH_UNITS]
    if "august" in names:
        table = RULE_OVERRIDES["combat"]["table"]
        table[1] = table[1][:5] + ["D1R2", "D1R2", "D2R2"]
        table[2] = table[2][:6] + ["D1R2", "D1R2"]
        table[3] = table[3][:7] + ["D1R2"]
        RULE_OVERRIDES["combat"]["last_step_retreat"] = 1
        LUTTICH_UNITS = LUTTICH_UNITS + [u for u in AUGUST_DIVISIONS if u not in LUTTICH_UNITS]


VICTORY = {
    "vp_side": "allies",
    "elimination_vp": 0.25,
    "objectives": [
        dict(id="cherbourg", name="The Allies take Cherbourg", side="allies", hexes=["Cherbourg"], by_turn=10, vp=5, fail_vp=5),
        dict(id="caen", name="The Allies take Caen", side="allies", hexes=["Caen"], by_turn=16, vp=5, fail_vp=5),
        dict(id="saint_lo", name="The Allies take Saint-Lo", side="allies", hexes=["Saint-Lo"], by_turn=16, vp=3, fail_vp=3),
        dict(id="breakout", name="Breakout: the Allies hold Coutances, Avranches and Pontaubault", side="allies", hexes=["Coutances", "Avranches", "Pontaubault"], by_turn=21, vp=5, fail_vp=5),
        dict(id="falaise_pocket", name="The Falaise pocket is closed (Falaise, Trun, Chambois, Argentan)", side="allies",
             hexes=["Falaise", "Trun", "Chambois", "Argentan"], by_turn=26, vp=5),
        dict(id="seine", name="Patton on the Seine: Le Mans, Chartres, Dreux and Mantes", side="allies",
             hexes=["Le Mans", "Chartres", "Dreux", "Mantes"], by_turn=25, vp=5),
        dict(id="paris", name="Paris liberated", side="allies", hexes=["Paris"], by_turn=27, vp=20, fail_vp=5),
        dict(id="brittany_ports", name="The Brittany ports: Saint-Malo, Brest and Lorient", side="allies",
             hexes=["Saint-Malo", "Brest", "Lorient"], by_turn=27, vp=3),
    ],
    "levels": [
        dict(name="Allied decisive victory", winner="allies", level="decisive", min_vp=125),
        dict(name="Allied marginal victory", winner="allies", level="marginal", min_vp=70),
        dict(name="Draw", winner=None, level="draw", min_vp=35),
        dict(name="German marginal victory", winner="axis", level="marginal", min_vp=0),
        dict(name="German decisive victory", winner="axis", level="decisive"),
    ],
}

# What happened, for `wargame history`: dates and sources from shared/reference/normandy_1944_oob.yaml
# (events and campaign_totals; the record id is named in each source). Tolerances: ±30% of the day for
# the great milestones (±50% for Carentan), a week for the Falaise pocket, ±20% for Paris, ±0.5 for the
# loss ratio: the bands issue 13 asks the calibrated campaign to meet.
D = dt.date
HISTORY = [
    dict(id="carentan", kind="place_taken", name="Carentan taken, Utah and Omaha joined", side="allies", places=["Carentan"],
         date=D(1944, 6, 12), tolerance=3,
         source="ref carentan_taken: the 101st Airborne entered Carentan on 12 June; the 13 June counterattack beaten off"),
    dict(id="cherbourg", kind="place_taken", name="Cherbourg", side="allies", places=["Cherbourg"], date=D(1944, 6, 26), tolerance=6,
         source="ref cherbourg_surrender: von Schlieben captured 26 June, the arsenal gave up 27 June, Cap de la Hague about 1 July"),
    dict(id="cherbourg_garrison", kind="unit_gone", name="The Cherbourg garrison destroyed", unit="de_cherbourg_garrison", how="eliminated",
         date=D(1944, 6, 26), tolerance=6, source="ref cherbourg_surrender: the fortress surrendered 26-27 June"),
    dict(id="caen", kind="place_taken", name="Caen", side="allies", places=["Caen"], date=D(1944, 7, 9), tolerance=10,
         source="ref operation_charnwood: Caen north of the Orne cleared 8-9 July; the southern suburbs fell 18-19 July "
                "(ref operation_goodwood), inside the tolerance"),
    dict(id="saint_lo", kind="place_taken", name="Saint-Lo", side="allies", places=["Saint-Lo"], date=D(1944, 7, 18), tolerance=13,
         source="ref saint_lo_taken: Task Force C of the 29th Division cleared the town on the evening of 18 July"),
    dict(id="coutances", kind="place_taken", name="Coutances (Cobra)", side="allies", places=["Coutances"], date=D(1944, 7, 28), tolerance=16,
         source="ref operation_cobra: the armour exploited to Coutances on 28 July"),
    dict(id="avranches", kind="place_taken", name="Avranches (the breakout)", side="allies", places=["Avranches"], date=D(1944, 7, 30), tolerance=16,
         source="ref avranches_taken: 4th Armored took Avranches on the evening of 30 July and Pontaubault on 31 July"),
    dict(id="falaise", kind="place_taken", name="Falaise town", side="allies", places=["Falaise"], date=D(1944, 8, 16), tolerance=7,
         source="ref operation_tractable: Falaise cleared on 16-17 August"),
    dict(id="falaise_pocket", kind="pocket_formed", name="Falaise pocket closed (10+ German units)", side="axis", near="Chambois", radius=5,
         min_units=10, date=D(1944, 8, 19), tolerance=7,
         source="ref falaise_pocket_closed: Poles and the US 90th Division met at Chambois on 19 August; the gap sealed 21 August"),
    dict(id="falaise_pocket_destroyed", kind="pocket_destroyed", name="Falaise pocket destroyed", side="axis", near="Chambois", radius=5,
         min_units=10, date=D(1944, 8, 21), tolerance=7,
         source="ref falaise_pocket_closed, falaise_prisoners: about 50,000 taken and 10,000 killed in the pocket by 21-22 August"),
    dict(id="paris", kind="place_taken", name="Paris", side="allies", places=["Paris"], date=D(1944, 8, 25), tolerance=16,
         source="ref paris_liberated: von Choltitz surrendered on the afternoon of 25 August"),
    dict(id="losses", kind="loss_ratio", name="German:Allied losses about 2:1", side="allies", ratio=2.0, tolerance=0.5,
         date=D(1944, 8, 25),
         source="ref campaign_totals german_casualties (about 450,000, 320,000-530,000) and allied_casualties (about 209,000 ground, "
                "226,000 with the air forces): about 2:1"),
]


# ----------------------------------------------------------------------------------------
# YAML writing (by hand, to keep the files readable: one unit or place per line; the scalars
# and flow mappings are the map generator's writer, engine/mapgen/yamltext.py)
# ----------------------------------------------------------------------------------------
def nested(d: dict, indent: int) -> str:
    """Block mapping whose leaves (mappings of scalars) are written in flow style."""
    out = []
    for k, v in d.items():
        if isinstance(v, dict) and any(isinstance(x, dict) and any(isinstance(y, dict) for y in x.values()) for x in v.values()):
            out.append(" " * indent + f"{k}:")
            out.append(nested(v, indent + 2))
        else:
            out.append(" " * indent + f"{k}: {scalar(v, k)}")
    return "\n".join(out)


wrap = wrap_items   # the generator's list wrapping, so maps read the same

HEADER = "# GENERATED by tools/scenarios/normandy/build.py - edit the build script's data, not this file.\n"


def write(name: str, text: str) -> None:
    path = OUT / name
    path.write_text(text, encoding="utf-8")
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    print(f"wrote {shown} ({len(text.splitlines())} lines)")


def means_yaml() -> str:
    """The replacements, rail capacity and air points blocks of scenario.yaml."""
    lines = ["# The sides' means beyond their units (figures and sources: tools/scenarios/normandy/build.py).",
             "# Replacement points per turn from a turn on (a later entry of a side replaces an earlier one).",
             "replacements:"]
    for side, turn, points, note in REPLACEMENTS:
        d = {"side": side, "turn": turn, "points": points, "note": note}
        lines.append("  - " + flow(d) + f"    # {(oob.START + dt.timedelta(days=(turn - 1) * DAYS_PER_TURN)).isoformat()}")
    lines.append("# Units each side may move by rail per turn.")
    lines.append(f"rail_capacity: {flow(RAIL_CAPACITY)}")
    lines.append("# Air points per turn in clear weather, by date: Allied air superiority throughout.")
    lines.append("air_points:")
    for side, entries in AIR_POINTS.items():
        lines.append(f"  {side}:")
        for e in entries:
            lines.append("    - " + flow(e) + f"    # turn {turn_of(e['date'])}")
    return "\n".join(lines)


# ----------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    global OUT
    import argparse

    parser = argparse.ArgumentParser(prog="build.py", description="Write the Normandy 1944 scenario files from geography.py and oob.py.")
    parser.add_argument("--out", type=Path, help=f"the folder to write (default {OUT})")
    parser.add_argument("--check", action="store_true", help="also load the scenario and print its unit counts")
    parser.add_argument("--variant", help=f"a Falaise probe's copy, names joined by commas: {', '.join(VARIANTS)}")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.out is not None:
        OUT = args.out
    if args.variant is not None:
        names = set(args.variant.split(","))
        if names - set(VARIANTS):
            parser.error(f"no variant {', '.join(sorted(names - set(VARIANTS)))} (variants: {', '.join(VARIANTS)})")
        apply_variant(names)
    OUT.mkdir(parents=True, exist_ok=True)
    mb = MapBuilder()
    block = mb.build()
    for n in mb.notes:
        print("note:", n)

    def hx(p: Any) -> str:
        if isinstance(p, tuple):
            return mb.hid(*mb.colrow(*p))
        if p in mb.place_hex:
            return mb.hid(*mb.place_hex[p])
        if re.fullmatch(r"\d{6}", str(p)):
            return str(p)
        raise SystemExit(f"unknown place or hex '{p}'")

    def edge(lonlat: tuple[float, float]) -> str:
        c, r = mb.colrow(*lonlat)
        c, r = min(max(c, 0), mb.cols - 1), min(max(r, 0), mb.rows - 1)
        if lonlat[0] > 2.5:
            c = mb.cols - 1
        if lonlat[1] < 47.2:
            r = mb.rows - 1
        if not mb.land(c, r):
            raise SystemExit(f"edge source at {lonlat} is not on land")
        return mb.hid(c, r)

    # -- map.yaml ------------------------------------------------------------------------
    m = block
    lines = [HEADER.rstrip(),
             "# Normandy and Brittany, June - August 1944: 112 x 55 hexes of 6 km, north at the top.",
             "# Coast, Seine and Loire from GSHHS/WDBII (wargame mapgen --bbox -5.2 47.1 2.6 50 --hex-km 6);",
             "# terrain regions, the other rivers, places, roads and railways of 1944 from",
             "# tools/scenarios/normandy/geography.py (lon/lat, converted with the map's georeference).",
             "# Roads and railways stop at the lower Seine and the Loire: their bridges were down.",
             f"columns: {m['columns']}", f"rows: {m['rows']}", f"offset: {m['offset']}",
             "geo: " + flow(m["geo"]), "legend:"]
    for ch, name in m["legend"].items():
        lines.append(f"  {q(ch)}: {name}")
    lines.append("terrain: |")
    lines += ["  " + row for row in m["terrain"].splitlines()]
    lines.append("rivers:")
    for r in m["rivers"]:
        lines.append(f"  - name: {q(r['name'])}    # {len(r['sides'])} hexsides")
        lines.append(f"    kind: {r['kind']}")
        lines.append("    sides: [" + wrap([q(s) for s in r["sides"]], 6) + "]")
    for key in ("roads", "railways"):
        lines.append(f"{key}:")
        for r in m[key]:
            lines.append(f"  - name: {q(r['name'])}")
            lines.append("    path: [" + wrap([q(s) for s in r["path"]], 6) + "]")
    lines.append("places:")
    for p in m["places"]:
        lines.append("  - " + flow(p))
    write("map.yaml", "\n".join(lines) + "\n")

    # -- units.yaml ----------------------------------------------------------------------
    def unit_line(u: dict, with_hex: bool) -> str:
        d = {k: u[k] for k in ("id", "name", "short", "side", "nation", "type") if k in u}
        if with_hex:
            d["hex"] = hx(u["hex"])
        for k in ("steps", "attack", "defence", "movement", "parent", "note"):
            if k in u:
                d[k] = u[k]
        where = f"    # {u['hex']}" if with_hex and not re.fullmatch(r"\d{6}", str(u["hex"])) else ""
        return "  - " + flow(d) + where

    lines = [HEADER.rstrip(), "# Units on the map on the evening of 6 June 1944 (turn 1 begins with the Allied phase).",
             "# Values are design choices: see docs/scenarios/normandy_1944.md. Facts (names, parents,",
             "# places) from /work/shared/reference/normandy_1944_oob.yaml."]
    for side, title in (("allies", "Allies"), ("axis", "Germans")):
        lines.append(f"# -- {title} " + "-" * 60)
        for u in oob.UNITS:
            if u["side"] == side:
                lines.append(unit_line(u, True))
    write("units.yaml", "\n".join(lines) + "\n")

    # -- reinforcements.yaml ---------------------------------------------------------------
    lines = [HEADER.rstrip(), "# Arrivals on their historical dates (turn = the 3-day turn containing the date).",
             "# Allies land over the beaches; Germans come over the lower Seine, from Paris, over the",
             "# Loire and out of Brittany. Entry hexes are tried in order."]
    for side in ("allies", "axis"):
        lines.append(f"# -- {'Allies' if side == 'allies' else 'Germans'} " + "-" * 60)
        for r in sorted((r for r in oob.REINFORCEMENTS if r["units"][0]["side"] == side), key=lambda r: r["date"]):
            t = turn_of(r["date"])
            note = f"    # turn {t}" + (f": {r['note']}" if r.get("note") else "")
            lines.append(f"  - date: {r['date'].isoformat()}{note}")
            lines.append("    hex: [" + ", ".join(q(hx(h)) for h in r["hex"]) + "]")
            lines.append("    units:")
            for u in r["units"]:
                lines.append("  " + unit_line(u, False))
    write("reinforcements.yaml", "\n".join(lines) + "\n")

    # -- supply.yaml -------------------------------------------------------------------------
    lines = [HEADER.rstrip(), "# Allied supply only over the beaches, the Mulberry harbours and captured ports",
             "# (each port usable `capture_delay` turns after it is taken). German supply from Paris,",
             "# the east and south map edges, the army depots and the fortresses' own stocks."]
    for side, where, kind, rng, extra in SUPPLY:
        h = edge(where) if kind == "edge" else hx(where)
        d = {"side": side, "hex": h, "kind": kind, "range": rng, **extra}
        if "name" not in d and isinstance(where, str):
            d["name"] = where
        lines.append("  - " + flow(d))
    write("supply.yaml", "\n".join(lines) + "\n")

    # -- victory.yaml --------------------------------------------------------------------------
    v = VICTORY
    lines = [HEADER.rstrip(), "# VP are counted for the Allies: the VP of the places they hold at the end, plus their",
             "# objectives, minus the German places and failed deadlines; each step the Germans lose is",
             f"# worth {v['elimination_vp']} VP to the Allies (and each Allied step lost the same to the Germans).",
             f"vp_side: {v['vp_side']}", f"elimination_vp: {v['elimination_vp']}", "objectives:"]
    for o in v["objectives"]:
        d = dict(o)
        d["hexes"] = [hx(h) for h in o["hexes"]]
        lines.append("  - " + flow(d) + "    # " + ", ".join(o["hexes"]))
    lines.append("levels:")
    for lv in v["levels"]:
        winner = lv["winner"] or "null"
        rest = {k: val for k, val in lv.items() if k not in ("name", "winner")}
        lines.append(f"  - {{name: {q(lv['name'])}, winner: {winner}, " + flow(rest)[1:])
    write("victory.yaml", "\n".join(lines) + "\n")

    # -- history.yaml ----------------------------------------------------------------------------
    lines = [HEADER.rstrip(), "# What happened in 1944, for `wargame history` (docs/SCENARIOS.md, History): each milestone's",
             "# date, the tolerance in days (a loss ratio's in ratio units) and the source (ref = a record of",
             "# shared/reference/normandy_1944_oob.yaml).", "milestones:"]
    for m in HISTORY:
        day = (m["date"] - oob.START).days
        lines.append("  - " + flow(m) + f"    # D+{day}, turn {turn_of(m['date'])}")
    write("history.yaml", "\n".join(lines) + "\n")

    # -- scenario.yaml ---------------------------------------------------------------------------
    start_hexes = {hx(u["hex"]) for u in oob.UNITS if u["side"] == "allies"}
    allied = sorted(start_hexes | set(ALLIED_CONTROL))
    lon, lat = mb.centres_lonlat()
    inside = _inside(lon, lat, LODGEMENT) & (mb.grid != "~")
    lodgement = sorted(mb.hid(int(c), int(r)) for r, c in zip(*np.nonzero(inside)))
    missing = start_hexes - set(lodgement)
    if missing:
        raise SystemExit(f"Allied start hexes outside the lodgement area: {sorted(missing)}")
    lodged = [u["id"] for u in oob.UNITS if u["side"] == "allies"]
    lodged += [u["id"] for r in oob.REINFORCEMENTS for u in r["units"] if u["side"] == "allies" and turn_of(r["date"]) <= LODGEMENT_UNTIL]
    lodged = [u for u in lodged if u not in COTENTIN_UNITS]    # bound by the Cotentin rule instead
    cotentin = sorted(mb.hid(int(c), int(r)) for r, c in zip(*np.nonzero(_inside(lon, lat, COTENTIN) & (mb.grid != "~"))))
    line_lat = [b[1] for b in reversed(BOUNDARY)]
    line_lon = np.interp(lat, line_lat, [b[0] for b in reversed(BOUNDARY)])
    land = mb.grid != "~"
    arrival = {u["id"]: 1 for u in oob.UNITS} | {u["id"]: turn_of(r["date"]) for r in oob.REINFORCEMENTS for u in r["units"]}
    allied_ids = [u["id"] for u in oob.UNITS + [u for r in oob.REINFORCEMENTS for u in r["units"]] if u["side"] == "allies"]
    armies = []
    # the first rule that binds a unit decides (engine.standfast): the corps sector before the army's
    vire = next(r["points"] for r in geo.RIVERS if r["name"] == "Vire")     # south to north
    boundary_east = [(x + BOUNDARY_OVERLAP, y) for x, y in BOUNDARY if y >= vire[0][1]]       # north to the river's source
    poly = [(x - VIRE_WEST_MARGIN, y) for x, y in vire] + [(vire[-1][0] - VIRE_WEST_MARGIN, BOUNDARY[0][1])] + boundary_east
    hexes = sorted(mb.hid(int(c), int(r)) for r, c in zip(*np.nonzero(_inside(lon, lat, poly) & land)))
    for until in sorted(set(VIRE_EAST.values())):
        units = [u for u, last in VIRE_EAST.items() if last == until]
        armies.append(f"  - {{rule: stand_fast, side: allies, from_turn: {LODGEMENT_UNTIL + 1}, until_turn: {until}, hold: false,\n"
                      f"     note: {q('First Army east of the Vire: V Corps halted at Caumont, XIX Corps before Saint-Lo')},\n"
                      f"     units: [{wrap(units, 6)}],\n"
                      f"     hexes: [{wrap([q(h) for h in hexes], 6)}]}}")
    orne = next(r["points"] for r in geo.RIVERS if r["name"] == "Orne")
    east = _inside(lon, lat, list(orne) + ORNE_EAST_CLOSE) & land
    bridgehead = {hx(p) for p in ORNE_BRIDGEHEAD}
    west_of_orne = land & (lon >= line_lon - BOUNDARY_OVERLAP) & ~east
    hexes = sorted({mb.hid(int(c), int(r)) for r, c in zip(*np.nonzero(west_of_orne))} | bridgehead)
    units = [u for u in allied_ids if u.split("_")[0] in ("uk", "ca", "pl") and arrival[u] <= ORNE_UNTIL]
    armies.append(f"  - {{rule: stand_fast, side: allies, until_turn: {ORNE_UNTIL}, hold: false,\n"
                  f"     note: {q('Second Army west of the Orne and in the airborne bridgehead until Goodwood')},\n"
                  f"     units: [{wrap(units, 6)}],\n"
                  f"     hexes: [{wrap([q(h) for h in hexes], 6)}]}}")
    for name, area, nations in (("Second Army (British and Canadian) east of the line Port-en-Bessin - Caumont - Vire",
                                 land & (lon >= line_lon - BOUNDARY_OVERLAP), ("uk", "ca", "pl")),
                                ("First Army (US) west of the line Port-en-Bessin - Caumont - Vire",
                                 land & (lon <= line_lon + BOUNDARY_OVERLAP), ("us",))):
        hexes = sorted(mb.hid(int(c), int(r)) for r, c in zip(*np.nonzero(area)))
        units = [u for u in allied_ids if u.split("_")[0] in nations and arrival[u] <= BOUNDARY_UNTIL]
        armies.append(f"  - {{rule: stand_fast, side: allies, until_turn: {BOUNDARY_UNTIL}, hold: false,\n"
                      f"     note: {q('21st Army Group boundary until Cobra: ' + name)},\n"
                      f"     units: [{wrap(units, 6)}],\n"
                      f"     hexes: [{wrap([q(h) for h in hexes], 6)}]}}")
    if "groups" in VARIANT:
        line_lon_g = np.array([x for x, _ in GROUPS_LINE])
        line_lat_g = np.interp(lon, line_lon_g, [y for _, y in GROUPS_LINE])
        north21 = (lon >= line_lon - BOUNDARY_OVERLAP) & (lat >= line_lat_g - GROUPS_OVERLAP)
        south12 = (lon <= line_lon + BOUNDARY_OVERLAP) | (lat <= line_lat_g + GROUPS_OVERLAP)
        for name, area, nations in (("21st Army Group north of Vire - Flers - Trun", land & north21, ("uk", "ca", "pl")),
                                    ("12th Army Group west and south of Vire - Flers - Chambois - Argentan", land & south12, ("us", "fr"))):
            hexes = sorted(mb.hid(int(c), int(r)) for r, c in zip(*np.nonzero(area)))
            units = [u for u in allied_ids if u.split("_")[0] in nations]
            armies.append(f"  - {{rule: stand_fast, side: allies, from_turn: {GROUPS_FROM}, until_turn: {GROUPS_UNTIL}, hold: false,\n"
                          f"     note: {q('army groups after Cobra: ' + name)},\n"
                          f"     units: [{wrap(units, 6)}],\n"
                          f"     hexes: [{wrap([q(h) for h in hexes], 6)}]}}")
    stand = []
    for note, until, poly, units in SECTORS:
        area = _inside(lon, lat, poly) & (mb.grid != "~")
        hexes = sorted(mb.hid(int(c), int(r)) for r, c in zip(*np.nonzero(area)))
        for u in oob.UNITS + [u for r in oob.REINFORCEMENTS for u in r["units"]]:
            if u["id"] not in units:
                continue
            where = [hx(u["hex"])] if "hex" in u else [hx(h) for r in oob.REINFORCEMENTS if u in r["units"] for h in r["hex"][:1]]
            if where[0] not in hexes:
                raise SystemExit(f"{u['id']} starts or enters at {where[0]}, outside its sector '{note}'")
        hold = ", hold: false" if "august" in VARIANT else ""
        stand.append(f"  - {{rule: stand_fast, side: axis, until_turn: {until}{hold}, note: {q(note + ': hold the sector')},\n"
                     f"     units: [{wrap(units, 6)}],\n"
                     f"     hexes: [{wrap([q(h) for h in hexes], 6)}]}}")
    for place, units, until, note in STRONGPOINTS:
        hold = "hold: false, " if "august" in VARIANT else ""
        stand.append(f"  - {{rule: stand_fast, side: axis, hexes: [{q(hx(place))}], units: [{', '.join(units)}], until_turn: {until}, {hold}"
                     f"note: {q(note)}}}")
    area = _inside(lon, lat, LUTTICH) & (mb.grid != "~")
    hexes = sorted(mb.hid(int(c), int(r)) for r, c in zip(*np.nonzero(area)))
    stand.append(f"  - {{rule: stand_fast, side: axis, from_turn: {LUTTICH_FROM}, until_turn: {LUTTICH_UNTIL},\n"
                 f"     note: {q('Luttich: no withdrawal behind the Touques until 16 August')},\n"
                 f"     units: [{wrap(LUTTICH_UNITS, 6)}],\n"
                 f"     hexes: [{wrap([q(h) for h in hexes], 6)}]}}")
    for uid, place in FORTRESSES.items():
        stand.append(f"  - {{rule: stand_fast, side: axis, hexes: [{q(hx(place))}], units: [{uid}], until_turn: {TURNS}, "
                     f"note: {q('fortress: hold to the last')}}}")
    withdrawals = []
    for w in oob.WITHDRAWALS:
        withdrawals.append(f"  - {{date: {w['date'].isoformat()}, units: [{', '.join(w['units'])}], note: {q(w['note'])}}}    # turn {turn_of(w['date'])}")
    sched = ", ".join(f"{k}: {val}" for k, val in sorted(WEATHER["schedule"].items()))
    text = f"""{HEADER}# yaml-language-server: $schema=../../docs/scenario.schema.json
format: 1
id: normandy_1944
title: "Normandy 1944: Overlord to the Seine"
description: >
  6 June - 25 August 1944. The Allies are ashore on Utah, Omaha, Gold, Juno and Sword, with
  three airborne divisions inland. They must build up faster than the Germans can bring
  their panzer divisions to the coast, take Cherbourg and Caen, break out of the bocage,
  close the pocket at Falaise and reach the Seine and Paris. The Germans must hold the
  hedgerows and the Caen plain for as long as they can and keep their army in being.
start_date: {oob.START.isoformat()}
turns: {TURNS}
days_per_turn: {DAYS_PER_TURN}
hex_km: 6
sides:
  - {{id: allies, name: Allies, colour: "#3f6fb5", nations: [us, uk, ca, pl, fr]}}
  - {{id: axis, name: Germany, colour: "#6b6b6b", nations: [de]}}
first_side: allies
nations:
  us: {{name: United States, colour: "#9fb878", text_colour: "#000000"}}
  uk: {{name: United Kingdom, colour: "#c9b27c", text_colour: "#000000"}}
  ca: {{name: Canada, colour: "#d9a96c", text_colour: "#000000"}}
  pl: {{name: Poland, colour: "#e0a0a0", text_colour: "#000000"}}
  fr: {{name: Free France, colour: "#8fb0e0", text_colour: "#000000"}}
  de: {{name: Germany, colour: "#a9b4bd", text_colour: "#000000"}}
rules: standard
rule_overrides:
{nested(RULE_OVERRIDES, 2)}
{means_yaml()}
weather:
  # turn 1 = 6-8 June; the great storm 19-22 June = turns 5-6; rain 20-24 July = turn 16
  schedule: {{{sched}}}
  table:
{chr(10).join('    - ' + flow(e) for e in WEATHER['table'])}
  default: {WEATHER['default']}
control:
  default: axis
  hexes:
    allies: [{', '.join(q(h) for h in allied)}]
map: map.yaml
units: units.yaml
reinforcements: reinforcements.yaml
withdrawals:
{chr(10).join(withdrawals)}
supply_sources: supply.yaml
victory: victory.yaml
history: history.yaml
special_rules:
  - {{rule: stand_fast, side: allies, hexes: [{wrap([q(h) for h in lodgement], 6)}],
     units: [{wrap(lodged, 6)}],
     until_turn: {LODGEMENT_UNTIL}, hold: false, note: "linking the beachheads and landing the follow-up waves (to about 12 June)"}}
  - {{rule: stand_fast, side: allies, hexes: [{wrap([q(h) for h in cotentin], 6)}],
     units: [{wrap(COTENTIN_UNITS, 6)}],
     until_turn: {COTENTIN_UNTIL}, hold: false, note: "VII Corps: Cherbourg first (the port the Allies needed)"}}
{chr(10).join(armies)}
  - {{rule: naval_gunfire, side: allies, until_turn: 7, shift: 1, range: 1, note: "battleships and cruisers off the coast until the end of June (Cherbourg bombarded 25 June)"}}
{chr(10).join(stand)}
"""
    write("scenario.yaml", text)
    if args.check:
        import engine

        sc = engine.load_scenario(OUT)
        a = sum(1 for u in sc.units if u.side == 0 and u.arrive_turn == 0)
        g = sum(1 for u in sc.units if u.side == 1 and u.arrive_turn == 0)
        ra = sum(1 for u in sc.units if u.side == 0 and u.arrive_turn > 0)
        rg = sum(1 for u in sc.units if u.side == 1 and u.arrive_turn > 0)
        print(f"ok: {a} Allied and {g} German units at the start; {ra} Allied and {rg} German reinforcements")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
