"""Order of battle of the Normandy 1944 scenario: units at the start, reinforcements,
withdrawals, with game values.

Source of facts: /work/shared/reference/normandy_1944_oob.yaml (ids, names, dates, places).
Game values (attack, defence, steps, movement) are design choices, explained in
docs/scenarios/normandy_1944.md. Positions are place names of geography.PLACES or hex ids.
Dates are those of the reference, shifted where a note says so (arrival of the bulk of a
division, or the day it left its map-edge entry for the front).
"""
from __future__ import annotations

import datetime as dt

# -- unit value templates (full strength first) --------------------------------------------
# Allied
US_INF = dict(type="infantry", attack=[6, 5, 3, 2], defence=[9, 7, 5, 3])
UK_INF = dict(type="infantry", attack=[7, 5, 4, 2], defence=[9, 7, 5, 3])   # bigger, more guns
CA_INF = UK_INF
US_ARMD_HEAVY = dict(type="armour", attack=[11, 8, 6, 3], defence=[9, 7, 5, 3])
US_ARMD = dict(type="armour", attack=[10, 7, 5, 3], defence=[8, 6, 4, 2], movement=10)   # the 1943-pattern light divisions: fast
UK_ARMD = dict(type="armour", attack=[9, 7, 5, 3], defence=[8, 6, 4, 2])
AIRBORNE = dict(type="airborne", attack=[6, 4, 2], defence=[9, 6, 3])
ARMD_BDE = dict(type="armour_brigade", attack=[4, 2], defence=[4, 2])           # Sherman brigades
TANK_BDE = dict(type="armour_brigade", attack=[4, 2], defence=[5, 3], movement=6)  # Churchill brigades
COMMANDO = dict(type="infantry_brigade", attack=[3], defence=[4])
INF_BDE = dict(type="infantry_brigade", attack=[2], defence=[4])
# German: the defence values carry the German skill in defence (and the mass of anti-tank
# guns, mortars and MG 42s); the attack values are lower than the Allies' (less artillery).
STATIC = dict(type="static_infantry", attack=[3, 1], defence=[7, 4])        # mv 2
STATIC_WEAK = dict(type="static_infantry", attack=[2, 1], defence=[5, 3])
FORTRESS = dict(type="static_infantry", attack=[2, 1], defence=[8, 5], movement=0)
DE_INF = dict(type="infantry", attack=[5, 4, 3, 2], defence=[9, 7, 5, 3])       # 1944-type field divisions
DE_INF_WEAK = dict(type="infantry", attack=[4, 3, 2], defence=[7, 5, 3])   # new, green or thin
DE_FJ = dict(type="infantry", attack=[6, 5, 3, 2], defence=[12, 9, 6, 3])
LWFD = dict(type="infantry", attack=[3, 2, 1], defence=[6, 4, 2])
KG = dict(type="infantry_brigade", attack=[2], defence=[4])
FJR = dict(type="infantry_brigade", attack=[3], defence=[5])
PZ_SS_STRONG = dict(type="armour", attack=[12, 10, 7, 4], defence=[12, 10, 7, 4])   # 12 SS, 1 SS, Pz Lehr
PZ_STRONG = dict(type="armour", attack=[11, 9, 6, 3], defence=[11, 9, 6, 3])      # 2 SS, 9 SS, 2 Pz
PZ = dict(type="armour", attack=[10, 8, 5, 3], defence=[10, 8, 5, 3])             # 116, 10 SS
PZ_21 = dict(type="armour", attack=[9, 7, 5, 3], defence=[9, 7, 5, 3])
PZ_WEAK = dict(type="armour", attack=[7, 5, 3], defence=[7, 5, 3])          # 9 Pz
PZGREN_SS = dict(type="mechanised", attack=[7, 5, 4, 2], defence=[9, 7, 5, 3])
TIGERS = dict(type="armour_brigade", attack=[6], defence=[5])


def U(id: str, name: str, short: str, tpl: dict, **kw) -> dict:
    side = "axis" if id.startswith("de_") else "allies"
    nation = {"us": "us", "uk": "uk", "ca": "ca", "pl": "pl", "fr": "fr", "de": "de"}[id.split("_")[0]]
    u = {"id": id, "name": name, "short": short, "side": side, "nation": nation, **tpl}
    u.update(kw)
    return u


START = dt.date(1944, 6, 6)

# Beach and entry hex groups (hex ids are on the 112x55 map; places by name).
UTAH = ["Utah Beach", "056010", "056011"]
OMAHA = ["Omaha Beach", "062012", "060012"]
GOLD = ["Gold Beach", "065012", "Bayeux"]
JUNO = ["Juno Beach", "Creully", "067013"]
SWORD = ["Sword Beach", "Douvres", "Juno Beach"]
# German entries
SEINE_LOWER = ["Elbeuf", "Louviers", "Brionne", "Pont-Audemer"]     # ferries and pontoons below Rouen
SEINE_UPPER = ["Vernon", "Pacy-sur-Eure", "Mantes", "Evreux"]        # from the Paris side
PARIS_WEST = ["Dreux", "Verneuil", "Houdan", "Chartres"]
LOIRE = ["Le Mans", "La Fleche", "Sable", "Angers"]                  # over the Loire bridges and ferries
LOIRE_EAST = ["Alencon", "Mamers", "Le Mans", "Nogent-le-Rotrou"]
COTENTIN_SOUTH = ["Coutances", "La Haye-du-Puits", "Lessay"]
WEST_FRONT = ["Coutances", "Periers", "Marigny", "Lessay"]    # the Brittany divisions: where they joined the front


UNITS: list[dict] = [
    # ===================== Allies ashore on the evening of 6 June =====================
    # Utah and the Cotentin drop zones (US VII Corps)
    U("us_4th_infantry_division", "US 4th Infantry Division ('Ivy')", "4 US", US_INF, hex="Utah Beach", parent="VII Corps, US First Army"),
    U("us_82nd_airborne_division", "US 82nd Airborne Division ('All American')", "82 Abn", AIRBORNE, hex="Sainte-Mere-Eglise", steps=2, parent="VII Corps, US First Army",
      note="badly scattered in the drop: starts a step down"),
    U("us_101st_airborne_division", "US 101st Airborne Division ('Screaming Eagles')", "101 Abn", AIRBORNE, hex="056011", steps=2, parent="VII Corps, US First Army",
      note="widely scattered; holds the Utah causeway exits and the Douve line north of Carentan"),
    # Omaha (US V Corps)
    U("us_1st_infantry_division", "US 1st Infantry Division ('Big Red One')", "1 US", US_INF, hex="Omaha Beach", steps=3, parent="V Corps, US First Army",
      note="heavy losses on Omaha"),
    U("us_29th_infantry_division", "US 29th Infantry Division ('Blue and Gray')", "29 US", US_INF, hex="Omaha Beach", steps=3, parent="V Corps, US First Army",
      note="116th RCT almost destroyed in the first wave"),
    # Gold (British XXX Corps)
    U("uk_50th_infantry_division", "British 50th (Northumbrian) Infantry Division", "50 UK", UK_INF, hex="Creully", parent="XXX Corps, British Second Army"),
    U("uk_8th_armoured_brigade", "8th Armoured Brigade", "8 Armd", ARMD_BDE, hex="Gold Beach", parent="XXX Corps"),
    U("uk_56th_infantry_brigade", "56th Independent Infantry Brigade", "56 Bde", INF_BDE, hex="065012", parent="XXX Corps; 50th Div"),
    # Juno (British I Corps, Canadians)
    U("ca_3rd_infantry_division", "3rd Canadian Infantry Division", "3 Cdn", CA_INF, hex="Juno Beach", parent="I Corps, British Second Army"),
    U("ca_2nd_armoured_brigade", "2nd Canadian Armoured Brigade", "2 CAB", ARMD_BDE, hex="Juno Beach", parent="I Corps"),
    U("uk_4th_special_service_brigade", "4th Special Service Brigade (Royal Marine Commandos)", "4 SS", COMMANDO, hex="Gold Beach", parent="I Corps",
      note="its commandos landed on Gold, Juno and Sword; placed between Gold and Omaha (47 RM Cdo, Port-en-Bessin)"),
    # Sword and the Orne bridgehead
    U("uk_3rd_infantry_division", "British 3rd Infantry Division", "3 UK", UK_INF, hex="Sword Beach", parent="I Corps, British Second Army"),
    U("uk_27th_armoured_brigade", "27th Armoured Brigade", "27 Armd", ARMD_BDE, hex="Sword Beach", parent="I Corps; supports 3rd Div"),
    U("uk_6th_airborne_division", "British 6th Airborne Division", "6 Abn", AIRBORNE, hex="Ranville", parent="I Corps, British Second Army"),
    U("uk_1st_special_service_brigade", "1st Special Service Brigade (Lord Lovat)", "1 SS", COMMANDO, hex="Ranville", parent="I Corps; under 6th Airborne"),

    # ===================== Germans on the evening of 6 June =====================
    # Cotentin (LXXXIV Corps, 7th Army)
    U("de_709th_infantry_division", "709th Infantry Division (static)", "709", STATIC, hex="054009", parent="LXXXIV Corps, 7th Army",
      note="east coast of the Cotentin and Cherbourg; here its field units north of Utah (Montebourg)"),
    U("de_243rd_infantry_division", "243rd Infantry Division (static)", "243", STATIC, hex="La Haye-du-Puits", parent="LXXXIV Corps, 7th Army"),
    U("de_91st_luftlande_division", "91st Air Landing Division (91. Infanterie-Division (Luftlande))", "91 LL", DE_INF_WEAK, hex="054011", parent="LXXXIV Corps, 7th Army",
      note="Picauville - Etienville - Saint-Sauveur; commander Falley killed in the night"),
    U("de_fallschirmjager_regiment_6", "Fallschirmjaeger-Regiment 6 (von der Heydte)", "FJR 6", FJR, hex="Carentan", parent="attached 91st Air Landing Division",
      note="named in the reference under the 91st Div and the Carentan event; held Carentan until 12 June"),
    # Calvados coast
    U("de_352nd_infantry_division", "352nd Infantry Division", "352", DE_INF, hex="Trevieres", steps=3, parent="LXXXIV Corps, 7th Army",
      note="held Omaha most of D-Day; a step lost"),
    U("de_716th_infantry_division", "716th Infantry Division (static)", "716", STATIC_WEAK, hex="Caen", steps=1, parent="LXXXIV Corps, 7th Army",
      note="coastal positions overrun; the remnants fall back on Caen, its headquarters"),
    U("de_711th_infantry_division", "711th Infantry Division (static)", "711", STATIC, hex="Cabourg", parent="LXXXI Corps, 15th Army"),
    U("de_21st_panzer_division", "21st Panzer Division", "21 Pz", PZ_21, hex="Caen", parent="I SS Panzer Corps",
      note="after its D-Day counterattack to the coast: back in and north of Caen"),
    # OKW armoured reserve, released on 6 June
    U("de_12th_ss_panzer_division", "12th SS Panzer Division 'Hitlerjugend'", "12 SS", PZ_SS_STRONG, hex="Lisieux", parent="I SS Panzer Corps",
      note="released the afternoon of 6 June from the Dreux - Evreux area; leading elements near Lisieux that night"),
    U("de_panzer_lehr_division", "Panzer Lehr Division (Panzer-Lehr-Division 130)", "Pz Lehr", PZ_SS_STRONG, hex="Nogent-le-Rotrou", parent="I SS Panzer Corps",
      note="Chartres - Le Mans - Orleans area (HQ Nogent-le-Rotrou); reached the front 8-9 June"),
    # Fortress garrisons: static, ordered to hold (stand_fast). Not in the reference (general
    # historical knowledge); they stand for the port garrisons, naval and fortress troops.
    U("de_cherbourg_garrison", "Festung Cherbourg (fortress and naval troops)", "Chbg", dict(FORTRESS, defence=[5, 3]), hex="Cherbourg", parent="LXXXIV Corps",
      note="von Schlieben's fortress; surrendered 26 June - 1 July"),
    U("de_saint_malo_garrison", "Festung Saint-Malo (von Aulock)", "StMalo", FORTRESS, hex="Saint-Malo", parent="XXV Corps",
      note="citadel fell 17 August to the US 83rd Division; with the rest of the 266th Division"),
    U("de_brest_garrison", "Festung Brest (343rd Div, later 2nd Parachute Div)", "Brest", dict(FORTRESS, attack=[3, 2], defence=[10, 7]), hex="Brest", parent="XXV Corps",
      note="held until 18-19 September, after the campaign"),
    U("de_lorient_garrison", "Festung Lorient (265th Div)", "Lorient", FORTRESS, hex="Lorient", parent="XXV Corps",
      note="held until May 1945"),
    U("de_saint_nazaire_garrison", "Festung Saint-Nazaire", "StNaz", FORTRESS, hex="Saint-Nazaire", parent="XXV Corps",
      note="held until May 1945"),
    U("de_le_havre_garrison", "Festung Le Havre", "LeHavre", FORTRESS, hex="Le Havre", parent="LXXXI Corps, 15th Army",
      note="held until 12 September"),
]


def R(date: str, hexes: list, units: list[dict], note: str | None = None) -> dict:
    return {"date": dt.date.fromisoformat(date), "hex": hexes, "units": units, "note": note}


REINFORCEMENTS: list[dict] = [
    # ===================== Allies: over the beaches =====================
    R("1944-06-07", UTAH, [U("us_90th_infantry_division", "US 90th Infantry Division ('Tough Ombres')", "90 US", US_INF, parent="VII Corps, US First Army")],
      "359th RCT on 6 June, the rest 7-8 June"),
    R("1944-06-07", SWORD, [U("uk_4th_armoured_brigade", "4th Armoured Brigade", "4 Armd", ARMD_BDE, parent="I Corps")]),
    R("1944-06-09", OMAHA, [U("us_2nd_infantry_division", "US 2nd Infantry Division ('Indianhead')", "2 US", US_INF, parent="V Corps, US First Army")],
      "landing from 7 June, complete c. 12 June"),
    R("1944-06-09", OMAHA, [U("us_2nd_armored_division", "US 2nd Armored Division ('Hell on Wheels')", "2 Armd", US_ARMD_HEAVY, parent="V Corps reserve")],
      "combat commands from 9 June"),
    R("1944-06-10", UTAH, [U("us_9th_infantry_division", "US 9th Infantry Division ('Old Reliables', 'Octofoil')", "9 US", US_INF, parent="VII Corps, US First Army")]),
    R("1944-06-09", GOLD, [U("uk_7th_armoured_division", "British 7th Armoured Division ('Desert Rats')", "7 Armd", UK_ARMD, parent="XXX Corps, British Second Army")],
      "22nd Armd Bde from 7 June, complete c. 10 June"),
    R("1944-06-09", JUNO, [U("uk_51st_infantry_division", "British 51st (Highland) Infantry Division", "51 UK", UK_INF, parent="I Corps, British Second Army")],
      "began landing 7 June; east of the Orne by 10-11 June"),
    R("1944-06-12", OMAHA, [U("us_30th_infantry_division", "US 30th Infantry Division ('Old Hickory')", "30 US", US_INF, parent="XIX Corps, US First Army")],
      "first elements 10-11 June; committed 15 June"),
    R("1944-06-12", UTAH, [U("us_79th_infantry_division", "US 79th Infantry Division ('Cross of Lorraine')", "79 US", US_INF, parent="VII Corps, US First Army")]),
    R("1944-06-12", GOLD, [U("uk_49th_infantry_division", "British 49th (West Riding) Infantry Division ('Polar Bears')", "49 UK", UK_INF, parent="XXX Corps")]),
    R("1944-06-13", GOLD, [U("uk_33rd_armoured_brigade", "33rd Armoured Brigade", "33 Armd", ARMD_BDE, parent="XXX Corps")]),
    R("1944-06-14", JUNO, [U("uk_11th_armoured_division", "British 11th Armoured Division", "11 Armd", UK_ARMD, parent="VIII Corps, British Second Army")],
      "landed 13-16 June"),
    R("1944-06-18", OMAHA, [U("us_83rd_infantry_division", "US 83rd Infantry Division ('Thunderbolt')", "83 US", US_INF, parent="VII/VIII Corps, US First Army")]),
    R("1944-06-18", GOLD, [U("uk_15th_infantry_division", "British 15th (Scottish) Infantry Division", "15 UK", UK_INF, parent="VIII Corps")],
      "first elements 14 June; main body 18-21 June, delayed by the storm"),
    R("1944-06-21", JUNO, [U("uk_31st_tank_brigade", "31st Tank Brigade", "31 Tk", TANK_BDE, parent="VIII Corps")], "landed c. 19-23 June"),
    R("1944-06-22", GOLD, [U("uk_43rd_infantry_division", "British 43rd (Wessex) Infantry Division", "43 UK", UK_INF, parent="VIII / XII / XXX Corps")]),
    R("1944-06-24", OMAHA, [U("us_3rd_armored_division", "US 3rd Armored Division ('Spearhead')", "3 Armd", US_ARMD_HEAVY, parent="XIX / VII Corps")],
      "elements from 23-24 June"),
    R("1944-06-26", GOLD, [U("uk_guards_armoured_division", "Guards Armoured Division", "Gds Armd", UK_ARMD, parent="VIII Corps")],
      "main body from c. 26 June"),
    R("1944-06-27", JUNO, [U("uk_53rd_infantry_division", "British 53rd (Welsh) Infantry Division", "53 UK", UK_INF, parent="XII Corps")]),
    R("1944-06-28", JUNO, [U("uk_59th_infantry_division", "British 59th (Staffordshire) Infantry Division", "59 UK", UK_INF, parent="I / XII Corps")]),
    R("1944-07-04", UTAH, [U("us_8th_infantry_division", "US 8th Infantry Division ('Pathfinder')", "8 US", US_INF, parent="VIII Corps")]),
    R("1944-07-05", OMAHA, [U("us_35th_infantry_division", "US 35th Infantry Division ('Santa Fe')", "35 US", US_INF, parent="XIX Corps")]),
    R("1944-07-05", GOLD, [U("uk_34th_tank_brigade", "34th Tank Brigade (later 34th Armoured Brigade)", "34 Tk", TANK_BDE, parent="XII Corps")]),
    R("1944-07-06", JUNO, [U("ca_2nd_infantry_division", "2nd Canadian Infantry Division", "2 Cdn", CA_INF, parent="II Canadian Corps")],
      "landed c. 5-10 July"),
    R("1944-07-09", UTAH, [U("us_5th_infantry_division", "US 5th Infantry Division ('Red Diamond')", "5 US", US_INF, parent="V Corps; XX Corps from 4 August")]),
    R("1944-07-12", UTAH, [U("us_4th_armored_division", "US 4th Armored Division", "4 Armd", US_ARMD, parent="VIII Corps")], "landed c. 11-13 July"),
    R("1944-07-18", JUNO, [U("uk_6th_guards_tank_brigade", "6th Guards Tank Brigade", "6 GdsTk", TANK_BDE, parent="VIII Corps")], "landed c. 17-20 July"),
    R("1944-07-18", UTAH, [U("us_6th_armored_division", "US 6th Armored Division ('Super Sixth')", "6 Armd", US_ARMD, parent="VIII Corps")]),
    R("1944-07-22", OMAHA, [U("us_28th_infantry_division", "US 28th Infantry Division ('Keystone')", "28 US", US_INF, parent="XIX Corps")]),
    R("1944-07-25", UTAH, [U("us_5th_armored_division", "US 5th Armored Division ('Victory')", "5 Armd", US_ARMD, parent="XV Corps, US Third Army")], "landed c. 24-26 July"),
    R("1944-07-31", JUNO, [U("ca_4th_armoured_division", "4th Canadian Armoured Division", "4 CAD", UK_ARMD, parent="II Canadian Corps")],
      "elements in the last week of July; in Normandy by 31 July"),
    R("1944-07-31", JUNO, [U("pl_1st_armoured_division", "1st Polish Armoured Division (Maczek)", "1 Pol", UK_ARMD, parent="II Canadian Corps")],
      "landed c. 29 July - 5 August"),
    R("1944-08-02", UTAH, [U("fr_2nd_armored_division", "French 2nd Armored Division (2e Division Blindee, Leclerc)", "2 DB", US_ARMD, parent="XV Corps, US Third Army")],
      "landed 1-5 August"),
    R("1944-08-04", UTAH, [U("us_80th_infantry_division", "US 80th Infantry Division ('Blue Ridge')", "80 US", US_INF, parent="XX Corps, US Third Army")], "landed c. 3-5 August"),
    R("1944-08-13", OMAHA, [U("us_7th_armored_division", "US 7th Armored Division ('Lucky Seventh')", "7 Armd", US_ARMD, parent="XX Corps, US Third Army")], "landed c. 13-14 August"),

    # ===================== Germans =====================
    R("1944-06-07", ["Pont-Audemer", "Honfleur", "Pont-l'Eveque"], [U("de_346th_infantry_division", "346th Infantry Division", "346", DE_INF_WEAK, parent="LXXXI / LXXXVI Corps")],
      "crossed the Seine from Le Havre; Orne bridgehead 7-8 June"),
    R("1944-06-07", ["Angers", "Saumur", "La Fleche"], [U("de_17th_ss_panzergrenadier_division", "17th SS Panzergrenadier Division 'Goetz von Berlichingen'", "17 SS", PZGREN_SS, parent="LXXXIV Corps")],
      "left Thouars (south of the Loire) 7 June; counterattacked at Carentan 13 June"),
    R("1944-06-07", WEST_FRONT, [U("de_275th_infantry_division", "275th Infantry Division", "275", DE_INF_WEAK, steps=2, parent="LXXXIV Corps / 7th Army reserve")],
      "Kampfgruppe Heinz toward Saint-Lo from 6-7 June; the rest followed (low confidence): arrives a step down"),
    R("1944-06-10", COTENTIN_SOUTH, [U("de_77th_infantry_division", "77th Infantry Division", "77", DE_INF_WEAK, parent="LXXXIV Corps")],
      "from Saint-Malo, diverted into the Cotentin; in action c. 10-12 June"),
    R("1944-06-10", ["Saint-Lo", "Torigni", "Villedieu"], [U("de_3rd_fallschirmjager_division", "3rd Parachute Division (3. Fallschirmjaeger-Division)", "3 FJ", DE_FJ, parent="II Fallschirm Corps")],
      "advance detachment near Saint-Lo from 10 June, main body mid-June"),
    R("1944-06-10", SEINE_LOWER, [U("de_2nd_panzer_division", "2nd Panzer Division", "2 Pz", PZ_STRONG, parent="XLVII Panzer Corps")],
      "from Amiens, ordered forward 9 June; Caumont gap c. 13 June"),
    R("1944-06-10", SEINE_UPPER, [U("de_ss_heavy_panzer_battalion_101", "101st SS Heavy Panzer Battalion (schwere SS-Panzer-Abteilung 101)", "s.101", TIGERS, parent="I SS Panzer Corps")],
      "from Beauvais, detrained near Versailles; arrived 12-13 June"),
    R("1944-06-19", WEST_FRONT, [U("de_265th_infantry_division", "265th Infantry Division (static) - Kampfgruppe", "KG 265", KG, parent="LXXXIV / II Fallschirm Corps")],
      "a regimental Kampfgruppe; the rest stayed in Lorient"),
    R("1944-06-21", WEST_FRONT, [U("de_266th_infantry_division", "266th Infantry Division (static) - Kampfgruppe", "KG 266", KG, parent="II Fallschirm Corps")],
      "Kampfgruppe reached the front c. 23 June"),
    R("1944-06-20", LOIRE, [U("de_2nd_ss_panzer_division", "2nd SS Panzer Division 'Das Reich'", "2 SS", PZ_STRONG, parent="LXXXIV Corps")],
      "from Montauban; delayed by the Resistance and air attack; in strength from c. 23 June"),
    R("1944-06-23", PARIS_WEST, [U("de_9th_ss_panzer_division", "9th SS Panzer Division 'Hohenstaufen'", "9 SS", PZ_STRONG, parent="II SS Panzer Corps"),
                                 U("de_10th_ss_panzer_division", "10th SS Panzer Division 'Frundsberg'", "10 SS", PZ, parent="II SS Panzer Corps")],
      "II SS Panzer Corps from the Eastern Front by rail to the Paris area; at the front 25-29 June"),
    R("1944-06-26", SEINE_LOWER, [U("de_1st_ss_panzer_division", "1st SS Panzer Division 'Leibstandarte SS Adolf Hitler'", "1 SS", PZ_SS_STRONG, parent="I SS Panzer Corps")],
      "from Belgium; leading elements late June, main body early July (low confidence)"),
    R("1944-06-27", LOIRE_EAST, [U("de_276th_infantry_division", "276th Infantry Division", "276", DE_INF, parent="XLVII Panzer Corps")],
      "from Bayonne; reached Conde-sur-Noireau 27 June"),
    R("1944-06-30", LOIRE_EAST, [U("de_277th_infantry_division", "277th Infantry Division", "277", DE_INF, parent="II SS Panzer Corps")],
      "from Narbonne; in the line from 4 July"),
    R("1944-06-30", WEST_FRONT, [U("de_353rd_infantry_division", "353rd Infantry Division", "353", DE_INF, parent="LXXXIV Corps")],
      "from Brittany at the end of June; in the line early July"),
    R("1944-07-03", WEST_FRONT, [U("de_5th_fallschirmjager_division", "5th Parachute Division (5. Fallschirmjaeger-Division)", "5 FJ", DE_INF_WEAK, parent="LXXXIV Corps")],
      "poorly trained and equipped (low confidence on the date)"),
    R("1944-07-03", SEINE_LOWER, [U("de_16th_luftwaffe_field_division", "16th Luftwaffe Field Division", "16 Lw", LWFD, parent="LXXXVI Corps")],
      "from the Netherlands; north-east Caen sector early July"),
    R("1944-07-05", SEINE_LOWER, [U("de_heavy_panzer_battalion_503", "503rd Heavy Panzer Battalion (schwere Panzer-Abteilung 503)", "s.503", TIGERS, parent="attached 21st Panzer")],
      "east of Caen 7 July"),
    R("1944-07-07", ["Alencon", "Argentan", "Sees"], [U("de_272nd_infantry_division", "272nd Infantry Division", "272", DE_INF, parent="I SS Panzer Corps")],
      "unloaded near Angers; in the line from 11 July"),
    R("1944-07-06", PARIS_WEST, [U("de_ss_heavy_panzer_battalion_102", "102nd SS Heavy Panzer Battalion (schwere SS-Panzer-Abteilung 102)", "s.102", TIGERS, parent="II SS Panzer Corps")],
      "in action by 10 July (Hill 112)"),
    R("1944-07-12", ["Argentan", "Alencon", "Sees"], [U("de_271st_infantry_division", "271st Infantry Division", "271", DE_INF, parent="II SS Panzer Corps / LXXIV Corps")],
      "from the Languedoc; in the line south-west of Caen by mid-July (low confidence)"),
    R("1944-07-21", SEINE_LOWER, [U("de_326th_infantry_division", "326th Infantry Division", "326", DE_INF_WEAK, parent="XLVII Panzer Corps")],
      "crossed the Seine 22 July"),
    R("1944-07-27", SEINE_LOWER, [U("de_116th_panzer_division", "116th Panzer Division 'Windhund'", "116 Pz", PZ, parent="XLVII Panzer Corps")],
      "released from the 15th Army reserve; first in combat 30 July"),
    R("1944-07-30", SEINE_UPPER, [U("de_84th_infantry_division", "84th Infantry Division", "84", DE_INF_WEAK, parent="7th Army")],
      "relieved the 116th Pz near Sourdeval at the start of August"),
    R("1944-07-30", SEINE_LOWER, [U("de_363rd_infantry_division", "363rd Infantry Division", "363", DE_INF_WEAK, parent="LXXXIV Corps")],
      "from Denmark; in the line early August (low confidence)"),
    R("1944-07-30", SEINE_LOWER, [U("de_89th_infantry_division", "89th Infantry Division", "89", DE_INF_WEAK, parent="I SS Panzer Corps")],
      "from Norway via Le Havre; Caen-Falaise road by early August"),
    R("1944-08-01", LOIRE, [U("de_708th_infantry_division", "708th Infantry Division (static)", "708", STATIC, parent="7th Army")],
      "from the Gironde by rail and road via Angers, 2-5 August"),
    R("1944-08-03", SEINE_LOWER, [U("de_331st_infantry_division", "331st Infantry Division", "331", DE_INF_WEAK, parent="5th Panzer Army")],
      "brought south of the Seine in early August (low confidence)"),
    R("1944-08-05", SEINE_UPPER, [U("de_85th_infantry_division", "85th Infantry Division", "85", DE_INF_WEAK, parent="I SS Panzer Corps")],
      "moving into the line 7-8 August"),
    R("1944-08-08", ["Alencon", "Mortagne", "Dreux", "Chartres"], [U("de_9th_panzer_division", "9th Panzer Division", "9 Pz", PZ_WEAK, parent="7th Army / Panzergruppe Eberbach")],
      "from the Rhone valley; in action near Alencon 10 August"),
]

WITHDRAWALS: list[dict] = [
    {"date": dt.date(1944, 6, 27), "units": ["de_716th_infantry_division"], "note": "remnants sent to southern France to rebuild"},
    {"date": dt.date(1944, 7, 12), "units": ["us_82nd_airborne_division"], "note": "back to England c. 11-13 July"},
    {"date": dt.date(1944, 7, 13), "units": ["us_101st_airborne_division"], "note": "back to England by mid-July"},
    {"date": dt.date(1944, 7, 27), "units": ["uk_27th_armoured_brigade"], "note": "broken up 27 July, regiments redistributed"},
    {"date": dt.date(1944, 8, 5), "units": ["uk_31st_tank_brigade"], "note": "converted into a specialised brigade under the 79th Armoured Division"},
    {"date": dt.date(1944, 8, 15), "units": ["de_17th_ss_panzergrenadier_division"], "note": "much of the division already back in Lorraine by mid-August"},
]
