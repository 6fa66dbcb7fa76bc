"""Order of battle of the Kursk 1943 scenario.

Built from /work/shared/reference/kursk_1943_oob.yaml (cited as "ref"): the formations, their
parents, their places on 5 July (`start_location`, placed by the lon/lat of the named sector),
their arrivals (`arrival_date`: reinforcements) and their fates (withdrawals). Ids are the
reference ids; counters the reference keeps inside a larger record (the rifle corps of a rifle
army, the infantry divisions of a German corps) take the id of the corps they name and cite the
record they come from. The reference gives no game values; PROFILES turns its strength notes into
attack / defence per step:

- A German panzer division had 70-120 tanks (ref); the SS divisions and Grossdeutschland 120-190
  with Tigers and assault guns: the strongest counters. 18th Panzer's 72 old tanks make it weak.
- The heavy armour as its own counters, one step each: the Tiger battalions (s.Pz.Abt 505, 503),
  the 90 Ferdinands of Pz.Jg.Rgt 656 (slow) and the 200 Panthers of Panzer Brigade 10 (two
  steps, slow: "worst combat debut of the war", breakdowns; ref de_panzer_brigade_10).
- A Soviet tank corps had 150-250 tanks, mostly T-34/76 and T-70 (ref): a little weaker than a
  panzer division, per tank outranged by the Tigers. Guards tank corps a little stronger.
- A Soviet rifle corps (two or three divisions) is a counter of 3 steps that defends well and
  attacks weakly; guards rifle corps are stronger. Armies of the Kutuzov and Steppe Fronts
  arriving later are army counters.
"""
from __future__ import annotations

# profile -> (rule-set type, overrides)
PROFILES: dict[str, tuple[str, dict]] = {
    # Germany
    "de_pz": ("armour", {"attack": [10, 7, 4], "defence": [9, 6, 3]}),
    "de_pz_weak": ("armour", {"attack": [8, 5, 3], "defence": [7, 5, 3]}),
    "de_pz_elite": ("armour", {"attack": [14, 10, 5], "defence": [11, 8, 4]}),
    "de_pzgr": ("motorised", {"attack": [6, 4, 2], "defence": [7, 5, 3]}),
    "de_inf": ("infantry", {"defence": [8, 6, 3]}),
    "de_sturm": ("infantry", {"attack": [7, 5, 3], "defence": [8, 6, 3]}),
    "de_corps": ("infantry", {"attack": [6, 4, 2], "defence": [9, 6, 3], "size": "corps"}),
    "de_tiger": ("armour_brigade", {"attack": [6], "defence": [4], "size": "battalion"}),
    "de_ferdinand": ("armour_brigade", {"attack": [5], "defence": [5], "movement": 5, "size": "regiment"}),
    "de_panther": ("armour_brigade", {"steps": 2, "max_steps": 2, "attack": [6, 3], "defence": [4, 2], "movement": 6}),
    # USSR
    "su_rc": ("infantry", {"attack": [4, 3, 1], "defence": [6, 4, 2], "size": "corps"}),
    "su_grc": ("infantry", {"attack": [5, 3, 2], "defence": [7, 5, 3], "size": "corps"}),
    # a rifle corps with one of its three divisions a counter of its own
    "su_rc2": ("infantry", {"steps": 2, "max_steps": 2, "attack": [4, 2], "defence": [6, 4], "size": "corps"}),
    "su_rd": ("infantry", {"steps": 2, "max_steps": 2, "attack": [3, 2], "defence": [5, 3]}),
    # a guards rifle corps with two divisions forward (its third in the army's second echelon)
    "su_grc2": ("infantry", {"steps": 2, "max_steps": 2, "attack": [5, 3], "defence": [7, 5], "size": "corps"}),
    # a guards rifle division alone in the first echelon
    "su_grd": ("infantry", {"steps": 2, "max_steps": 2, "attack": [4, 2], "defence": [6, 4]}),
    "su_army_quiet": ("infantry", {"attack": [4, 3, 1], "defence": [7, 5, 3], "size": "army"}),
    "su_army": ("infantry", {"attack": [7, 5, 3], "defence": [9, 6, 3], "size": "army"}),
    "su_tc": ("armour", {"attack": [6, 4, 2], "defence": [6, 4, 2], "size": "corps"}),
    "su_gtc": ("armour", {"attack": [7, 5, 3], "defence": [7, 5, 3], "size": "corps"}),
    "su_mc": ("mechanised", {"attack": [6, 4, 2], "defence": [7, 5, 3], "size": "corps"}),
    "su_gta": ("armour", {"attack": [11, 8, 4], "defence": [9, 6, 3], "size": "army"}),
    "su_art": ("artillery", {"attack": [6], "defence": [2], "movement": 4, "size": "corps"}),
}

NATIONS = {
    "germany": {"name": "Germany", "colour": "#b9b7a4", "text_colour": "#1d1d1d"},
    "ussr": {"name": "Soviet Union", "colour": "#c98a7a", "text_colour": "#1d1d1d"},
}

# id, name, short label, nation, profile, (lon, lat) on 5 July, parent, note (the ref's start_location)
AXIS = [
    # --- 9th Army (Model): the north face ----------------------------------------------------
    ("de_xx_corps", "XX Corps (45th, 72nd, 137th, 251st Infantry Divisions)", "XX", "germany", "de_corps", (35.40, 52.47),
     "de_9th_army", "west of the Fatezh sector, holding the army's right flank (ref de_xx_corps)"),
    ("de_xlvi_panzer_corps", "XLVI Panzer Corps (7th, 31st, 102nd, 258th Infantry Divisions)", "XLVI", "germany", "de_corps",
     (35.85, 52.48), "de_9th_army", "north-west of Olkhovatka towards Gnilets, few tanks (ref de_xlvi_panzer_corps)"),
    ("de_20th_panzer_division", "20th Panzer Division", "20Pz", "germany", "de_pz", (36.02, 52.47), "de_xlvii_panzer_corps",
     "west of Ponyri, in 6th Infantry Division's sector"),
    ("de_6th_infantry_division", "6th Infantry Division", "6", "germany", "de_inf", (36.13, 52.46), "de_xlvii_panzer_corps",
     "north of Ponyri / Butyrki, first wave"),
    ("de_spzabt_505", "Heavy Panzer Battalion 505 (Tigers)", "505", "germany", "de_tiger", (36.13, 52.46), "de_xlvii_panzer_corps",
     "26-31 Tigers, with 6th Infantry Division for the break-in"),
    ("de_2nd_panzer_division", "2nd Panzer Division", "2Pz", "germany", "de_pz", (36.13, 52.52), "de_xlvii_panzer_corps",
     "assembly north of Ponyri / Butyrki; committed 6 July"),
    ("de_292nd_infantry_division", "292nd Infantry Division", "292", "germany", "de_inf", (36.24, 52.45), "de_xli_panzer_corps",
     "north-west of Ponyri"),
    ("de_9th_panzer_division", "9th Panzer Division", "9Pz", "germany", "de_pz", (36.22, 52.52), "de_xli_panzer_corps",
     "north of Ponyri; committed 6 July"),
    ("de_86th_infantry_division", "86th Infantry Division", "86", "germany", "de_inf", (36.34, 52.46), "de_xli_panzer_corps",
     "north of Ponyri on the railway"),
    ("de_pzjg_rgt_656", "Heavy Panzerjaeger Regiment 656 (Ferdinands)", "656", "germany", "de_ferdinand", (36.34, 52.46),
     "de_xli_panzer_corps", "all 90 Ferdinands, with Sturmpanzer-Abteilung 216, on the railway north of Ponyri"),
    ("de_18th_panzer_division", "18th Panzer Division", "18Pz", "germany", "de_pz_weak", (36.32, 52.52), "de_xli_panzer_corps",
     "north of Ponyri; 72 mostly old tanks"),
    ("de_78th_sturm_division", "78th Sturm Division", "78St", "germany", "de_sturm", (36.48, 52.50), "de_xxiii_corps",
     "north of Maloarkhangelsk"),
    ("de_xxiii_corps", "XXIII Corps (216th and 383rd Infantry Divisions)", "XXIII", "germany", "de_corps", (36.68, 52.62),
     "de_9th_army", "north-east of Maloarkhangelsk, the army's left flank (ref de_xxiii_corps)"),
    # --- 2nd Panzer Army: the Orel salient, facing the Bryansk Front ----------------------------
    ("de_liii_corps", "LIII Corps (2nd Panzer Army)", "LIII", "germany", "de_corps", (36.84, 52.76), "de_2nd_panzer_army",
     "the eastern face of the Orel salient (ref de_2nd_panzer_army: LV, LIII, XXXV Corps, mostly infantry, thinly spread)"),
    ("de_xxxv_corps", "XXXV Corps (2nd Panzer Army)", "XXXV", "germany", "de_corps", (36.92, 52.95), "de_2nd_panzer_army",
     "facing Novosil across the Zusha (ref de_2nd_panzer_army)"),
    # --- 4th Panzer Army (Hoth): the south face -------------------------------------------------
    ("de_lii_corps", "LII Corps (57th and 255th Infantry Divisions)", "LII", "germany", "de_corps", (35.70, 50.72), "de_4th_panzer_army",
     "west of Tomarovka towards Krasnaya Yaruga, holding role (ref de_lii_corps)"),
    ("de_332nd_infantry_division", "332nd Infantry Division", "332", "germany", "de_inf", (35.98, 50.69), "de_xlviii_panzer_corps",
     "west of Butovo (Gertsovka - Korovino), the corps' left flank"),
    ("de_3rd_panzer_division", "3rd Panzer Division", "3Pz", "germany", "de_pz", (36.12, 50.69), "de_xlviii_panzer_corps",
     "west of Butovo (Gertsovka)"),
    ("de_grossdeutschland", "Panzergrenadier Division Grossdeutschland", "GD", "germany", "de_pz_elite", (36.24, 50.70),
     "de_xlviii_panzer_corps", "Butovo; Strachwitz's panzer regiment with a Tiger company"),
    ("de_panzer_brigade_10", "Panzer Brigade 10 (Panthers)", "Pz10", "germany", "de_panther", (36.24, 50.70), "de_xlviii_panzer_corps",
     "c. 200 Panthers, Butovo / Moshchenoye assembly area, with Grossdeutschland"),
    ("de_11th_panzer_division", "11th Panzer Division", "11Pz", "germany", "de_pz", (36.34, 50.69), "de_xlviii_panzer_corps",
     "east of Butovo (Cherkasskoye approach)"),
    ("de_167th_infantry_division", "167th Infantry Division", "167", "germany", "de_inf", (36.41, 50.66), "de_xlviii_panzer_corps",
     "north of Belgorod on the Tomarovka road, between the two panzer corps"),
    ("de_lssah", "SS Panzergrenadier Division Leibstandarte SS Adolf Hitler", "LAH", "germany", "de_pz_elite", (36.47, 50.65),
     "de_ii_ss_panzer_corps", "north of Belgorod (Berezov - Bykovka sector); 13 Tigers"),
    ("de_das_reich", "SS Panzergrenadier Division Das Reich", "DR", "germany", "de_pz_elite", (36.52, 50.62), "de_ii_ss_panzer_corps",
     "north of Belgorod, east of the LSSAH; 12-14 Tigers"),
    ("de_totenkopf", "SS Panzergrenadier Division Totenkopf", "T", "germany", "de_pz_elite", (36.56, 50.64), "de_ii_ss_panzer_corps",
     "north-east of Belgorod (Gonki / Erik); 15 Tigers"),
    # --- Army Detachment Kempf: Belgorod and the Northern Donets -------------------------------
    ("de_168th_infantry_division", "168th Infantry Division", "168", "germany", "de_inf", (36.58, 50.60), "de_iii_panzer_corps",
     "Belgorod"),
    ("de_6th_panzer_division", "6th Panzer Division", "6Pz", "germany", "de_pz", (36.58, 50.60), "de_iii_panzer_corps",
     "Belgorod (Mikhailovka bridgehead)"),
    ("de_19th_panzer_division", "19th Panzer Division", "19Pz", "germany", "de_pz", (36.56, 50.55), "de_iii_panzer_corps",
     "Belgorod (south)"),
    ("de_7th_panzer_division", "7th Panzer Division", "7Pz", "germany", "de_pz", (36.60, 50.50), "de_iii_panzer_corps",
     "south-east of Belgorod (Solomino crossing)"),
    ("de_spzabt_503", "Heavy Panzer Battalion 503 (Tigers)", "503", "germany", "de_tiger", (36.60, 50.50), "de_iii_panzer_corps",
     "45 Tigers, split by company among 6th, 7th and 19th Panzer"),
    ("de_106th_infantry_division", "106th Infantry Division", "106", "germany", "de_inf", (36.62, 50.44), "de_corps_raus",
     "south-east of Belgorod"),
    ("de_320th_infantry_division", "320th Infantry Division", "320", "germany", "de_inf", (36.70, 50.38), "de_corps_raus",
     "between Belgorod and Shebekino"),
]

SOVIET = [
    # --- Central Front (Rokossovsky): the north face ------------------------------------------
    ("su_18th_rifle_corps", "18th Rifle Corps (65th Army)", "18R", "ussr", "su_army_quiet", (35.38, 52.36), "su_65th_army",
     "west of Fatezh (Dmitriyev-Lgovsky area), quiet sector (ref su_65th_army)"),
    ("su_27th_rifle_corps", "27th Rifle Corps (65th Army)", "27R", "ussr", "su_army_quiet", (35.58, 52.37), "su_65th_army",
     "west of Fatezh (ref su_65th_army)"),
    ("su_28th_rifle_corps", "28th Rifle Corps (70th Army)", "28R", "ussr", "su_rc", (35.78, 52.37), "su_70th_army",
     "north of Fatezh (ref su_70th_army)"),
    ("su_19th_rifle_corps", "19th Rifle Corps (70th Army)", "19R", "ussr", "su_rc", (35.96, 52.38), "su_70th_army",
     "Gnilets, the junction with 13th Army (ref su_70th_army)"),
    ("su_15th_rifle_corps", "15th Rifle Corps (13th Army)", "15R", "ussr", "su_rc", (36.14, 52.37), "su_13th_army",
     "first echelon west of the railway: 15th and 81st Rifle Divisions in the Germans' path (ref su_13th_army)"),
    # 13th Army's 12 rifle divisions are its four corps (ref su_13th_army); the 307th at Ponyri, a counter of
    # its own, is the 29th Rifle Corps' third division (general knowledge), so that corps has two steps.
    ("su_29th_rifle_corps", "29th Rifle Corps (13th Army)", "29R", "ussr", "su_rc2", (36.34, 52.37), "su_13th_army",
     "first echelon astride the railway; its third division, the 307th, holds Ponyri (ref su_13th_army)"),
    ("su_307th_rifle_division", "307th Rifle Division", "307", "ussr", "su_rd", (36.2977, 52.3184), "su_13th_army",
     "Ponyri station, second belt (ref su_13th_army, ponyri_7_12_july)"),
    ("su_17th_guards_rifle_corps", "17th Guards Rifle Corps (13th Army)", "17G", "ussr", "su_grc", (36.16, 52.24), "su_13th_army",
     "second echelon, Olkhovatka (ref su_13th_army)"),
    ("su_18th_guards_rifle_corps", "18th Guards Rifle Corps (13th Army)", "18G", "ussr", "su_grc", (36.40, 52.26), "su_13th_army",
     "second echelon south-east of Ponyri (ref su_13th_army)"),
    ("su_4th_artillery_breakthrough_corps", "4th Artillery Breakthrough Corps", "4Art", "ussr", "su_art", (36.30, 52.22), "su_13th_army",
     "behind Ponyri"),
    ("su_42nd_rifle_corps", "42nd Rifle Corps (48th Army)", "42R", "ussr", "su_rc", (36.50, 52.40), "su_48th_army",
     "Maloarkhangelsk (ref su_48th_army)"),
    ("su_48th_army", "48th Army (separate rifle divisions)", "48A", "ussr", "su_rc", (36.68, 52.50), "su_central_front",
     "east of Maloarkhangelsk"),
    ("su_16th_tank_corps", "16th Tank Corps", "16T", "ussr", "su_tc", (36.25, 52.17), "su_2nd_tank_army", "Olkhovatka"),
    ("su_3rd_tank_corps", "3rd Tank Corps", "3T", "ussr", "su_tc", (36.40, 52.17), "su_2nd_tank_army", "south of Ponyri"),
    ("su_19th_tank_corps", "19th Tank Corps", "19T", "ussr", "su_tc", (35.86, 52.09), "su_central_front", "Fatezh area (front reserve)"),
    ("su_9th_tank_corps", "9th Tank Corps", "9T", "ussr", "su_tc", (35.60, 52.12), "su_central_front",
     "front reserve west of Fatezh (65th Army area)"),
    # --- Bryansk Front: the eastern face of the Orel salient, attacking on 12 July --------------
    ("su_63rd_army", "63rd Army", "63A", "ussr", "su_army", (37.06, 52.88), "su_bryansk_front", "Novosil"),
    ("su_3rd_army", "3rd Army", "3A", "ussr", "su_army", (37.06, 53.02), "su_bryansk_front", "Novosil (north)"),
    # --- Voronezh Front (Vatutin): the south face ------------------------------------------------
    ("su_38th_army", "38th Army (50th and 51st Rifle Corps)", "38A", "ussr", "su_army_quiet", (35.40, 50.86), "su_voronezh_front",
     "west of Oboyan (Krasnopolye area), not attacked (ref su_38th_army)"),
    ("su_47th_rifle_corps", "47th Rifle Corps (40th Army)", "47R", "ussr", "su_army_quiet", (35.62, 50.81), "su_40th_army",
     "west of Tomarovka (ref su_40th_army)"),
    ("su_52nd_rifle_corps", "52nd Rifle Corps (40th Army)", "52R", "ussr", "su_rc", (35.90, 50.79), "su_40th_army",
     "west of Tomarovka (ref su_40th_army)"),
    # 6th Guards Army "two up, one back" (ref def_south_face, su_6th_guards_army): the corps counters are
    # the divisions forward; the 51st and 90th Guards behind them are the army's second-echelon counter.
    ("su_22nd_guards_rifle_corps", "22nd Guards Rifle Corps (6th Guards Army)", "22G", "ussr", "su_grc2", (36.18, 50.78),
     "su_6th_guards_army", "Cherkasskoye: 67th and 71st Guards Rifle Divisions forward, opposite XLVIII Panzer Corps (ref su_6th_guards_army)"),
    ("su_23rd_guards_rifle_corps", "23rd Guards Rifle Corps (52nd Guards Rifle Division)", "52G", "ussr", "su_grd", (36.44, 50.74),
     "su_6th_guards_army", "Bykovka - Berezov: the 52nd Guards Rifle Division, alone forward opposite the SS, broken on 5 July "
     "(ref su_6th_guards_army, ss_break_in_5_july)"),
    ("su_375th_rifle_division", "375th Rifle Division", "375", "ussr", "su_rd", (36.60, 50.70), "su_6th_guards_army",
     "the Lipovy Donets, the army's left (ref su_6th_guards_army)"),
    # The army's second echelon: the 51st Guards at Yakovlevo astride the Oboyan road, the 90th Guards on the
    # Pena line to the west (ref su_3rd_mechanised_corps, su_6th_tank_corps: their sectors)
    ("su_6th_guards_army", "51st Guards Rifle Division (6th Guards Army second echelon)", "51G", "ussr", "su_grd",
     (36.44, 50.85), "su_voronezh_front", "Yakovlevo, the second belt; broken by the LSSAH on 6 July (ref second_belt_south_6_july)"),
    ("su_90th_guards_rifle_division", "90th Guards Rifle Division (6th Guards Army second echelon)", "90G", "ussr", "su_grd",
     (36.30, 50.88), "su_6th_guards_army", "the Pena line, Melovoye - Rakovo (ref su_6th_tank_corps, su_6th_guards_army)"),
    ("su_24th_guards_rifle_corps", "24th Guards Rifle Corps (7th Guards Army)", "24G", "ussr", "su_grc", (36.74, 50.56),
     "su_7th_guards_army", "east bank of the Donets opposite Belgorod (ref su_7th_guards_army)"),
    ("su_25th_guards_rifle_corps", "25th Guards Rifle Corps (7th Guards Army)", "25G", "ussr", "su_grc", (36.82, 50.42),
     "su_7th_guards_army", "east bank of the Donets opposite Shebekino (ref su_7th_guards_army)"),
    ("su_48th_rifle_corps", "48th Rifle Corps (69th Army)", "48R", "ussr", "su_rc", (36.80, 50.93), "su_69th_army",
     "the third line between the Donets and Prokhorovka (ref su_69th_army)"),
    ("su_35th_guards_rifle_corps", "35th Guards Rifle Corps", "35G", "ussr", "su_grc", (37.00, 50.76), "su_voronezh_front",
     "Korocha direction"),
    ("su_6th_tank_corps", "6th Tank Corps", "6T", "ussr", "su_tc", (36.22, 51.02), "su_1st_tank_army", "Oboyan area, the Pena"),
    ("su_3rd_mechanised_corps", "3rd Mechanised Corps", "3M", "ussr", "su_mc", (36.40, 50.94), "su_1st_tank_army",
     "Yakovlevo / Syrtsevo"),
    ("su_31st_tank_corps", "31st Tank Corps", "31T", "ussr", "su_tc", (36.32, 51.08), "su_1st_tank_army",
     "up to 18 km behind the front"),
    ("su_5th_guards_tank_corps", "5th Guards Tank Corps", "5GT", "ussr", "su_gtc", (36.56, 50.86), "su_voronezh_front",
     "behind 6th Guards Army (Luchki area)"),
    ("su_2nd_guards_tank_corps", "2nd Guards Tank Corps", "2GT", "ussr", "su_gtc", (36.82, 50.80), "su_voronezh_front",
     "Korocha road east of the Lipovy Donets"),
]

# (date, entry points tried in order: place names or lon/lat, units as above without the
# position, note). Dates are the reference's `arrival_date`.
REINFORCEMENTS = [
    ("1943-07-07", ["Zmiyevka", (36.30, 52.60), (36.15, 52.60)], [
        ("de_4th_panzer_division", "4th Panzer Division", "4Pz", "germany", "de_pz", None, "de_xlvii_panzer_corps",
         "from army reserve (Orel - Kromy); the only fresh panzer division of the 8 July attack"),
        ("de_10th_panzergrenadier_division", "10th Panzergrenadier Division", "10PG", "germany", "de_pzgr", None, "de_xli_panzer_corps",
         "from army reserve, fed into the Ponyri fighting (ref: low)"),
    ], "9th Army's reserve joins the attack"),
    ("1943-07-08", ["Prokhorovka", (36.85, 51.05), (37.00, 51.05), (37.30, 51.10)], [
        ("su_10th_tank_corps", "10th Tank Corps", "10T", "ussr", "su_tc", None, "su_voronezh_front",
         "released by Stavka to Vatutin for 8 July; Prokhorovka on arrival"),
        ("su_2nd_tank_corps", "2nd Tank Corps", "2T", "ussr", "su_tc", None, "su_voronezh_front",
         "from South-Western Front reserve; Prokhorovka on arrival"),
    ], "Stavka releases two tank corps to the Voronezh Front"),
    ("1943-07-11", ["Prokhorovka", (36.85, 51.05), (36.95, 51.00), (37.10, 51.05), (37.30, 51.10), (37.50, 51.00)], [
        ("su_29th_tank_corps", "29th Tank Corps", "29T", "ussr", "su_tc", None, "su_5th_guards_tank_army",
         "Prokhorovka (south-west); 200-220 tanks and SPGs"),
        ("su_18th_tank_corps", "18th Tank Corps", "18T", "ussr", "su_tc", None, "su_5th_guards_tank_army",
         "Prokhorovka (north-west, by the Psel)"),
        ("su_5th_guards_mechanised_corps", "5th Guards Mechanised Corps", "5GM", "ussr", "su_mc", None, "su_5th_guards_tank_army",
         "east of Prokhorovka"),
    ], "5th Guards Tank Army (Rotmistrov) reaches Prokhorovka after a march of c. 300 km (ref su_5th_guards_tank_army)"),
    ("1943-07-11", [(36.62, 51.14), (36.75, 51.15), (36.90, 51.15), (37.10, 51.20), (37.40, 51.20)], [
        ("su_33rd_guards_rifle_corps", "33rd Guards Rifle Corps (5th Guards Army)", "33G", "ussr", "su_grc", None, "su_5th_guards_army",
         "Prokhorovka - Kartashevka, the Psel line (ref su_5th_guards_army)"),
        ("su_32nd_guards_rifle_corps", "32nd Guards Rifle Corps (5th Guards Army)", "32G", "ussr", "su_grc", None, "su_5th_guards_army",
         "the Psel line north of Prokhorovka (ref su_5th_guards_army)"),
    ], "5th Guards Army (Zhadov) on the Psel"),
    ("1943-07-18", ["Korocha", (37.40, 50.90), (37.50, 50.70), (37.50, 51.10)], [
        ("su_53rd_army", "53rd Army", "53A", "ussr", "su_army", None, "su_steppe_front",
         "Steppe Front enters the line (ref su_steppe_front, steppe_front_joins_18_july)"),
        ("su_27th_army", "27th Army", "27A", "ussr", "su_army", None, "su_steppe_front",
         "Steppe Front enters the line (ref su_steppe_front, steppe_front_joins_18_july)"),
    ], "Steppe Front (Konev) joins the counteroffensive"),
    ("1943-07-19", ["Novosil", (37.30, 52.95), (37.40, 53.05)], [
        ("su_3rd_guards_tank_army", "3rd Guards Tank Army", "3GTA", "ussr", "su_gta", None, "su_bryansk_front",
         "Rybalko; c. 700 tanks; committed with 3rd Army c. 19-20 July (ref su_3rd_guards_tank_army)"),
    ], "3rd Guards Tank Army joins the Bryansk Front"),
]

# (date, unit ids, note)
WITHDRAWALS = [
    ("1943-07-15", ["de_2nd_panzer_division", "de_9th_panzer_division"],
     "switched north against Kutuzov, c. 13-15 July (ref de_2nd_panzer_division, de_9th_panzer_division, kutuzov_12_july)"),
    ("1943-07-17", ["de_lssah", "de_das_reich", "de_totenkopf"],
     "the II SS Panzer Corps taken out of the Kursk front: LSSAH to Italy, Das Reich and Totenkopf to the Mius "
     "(ref ss_withdrawn_17_july)"),
    ("1943-07-29", ["de_grossdeutschland"], "sent north to the Orel salient at the end of July (ref de_grossdeutschland)"),
]
