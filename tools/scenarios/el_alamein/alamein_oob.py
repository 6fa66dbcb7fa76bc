"""Order of battle of the El Alamein 1942 scenario.

Built from /work/shared/reference/el_alamein_1942_oob.yaml (cited as "ref"): the formations,
their parents and their places on 23 October (`start_location`, placed by the lon/lat of the
named sector), their fates (the withdrawals). Ids are the reference ids. The reference gives no
game values; PROFILES turns its strength notes into attack / defence per step:

- A step is about a brigade group. Divisions of three brigades have 3 steps; the New Zealand
  Division (two brigades, fully lorried, with 9th Armoured Brigade beside it) and the weak Pavia,
  Folgore and Ramcke formations have 2.
- British armoured divisions with Shermans and Grants (1st, 10th) are the strongest counters on the
  map (Roberts: c. 910 effective Allied medium tanks against 234 Axis, ref tanks_at_start); 7th
  Armoured (Grants, Crusaders, Stuarts) a little weaker.
- The German panzer divisions had about 120 tanks each but under 4,000 men (ref
  de_15th_panzer_division, de_21st_panzer_division); the Italian armoured divisions' M13/M14s were
  outclassed (ref tanks_at_start). Fuel: the Axis mobile divisions move 6 instead of 8 ("Rommel
  could not fight a mobile battle", ref supply.axis.effect).
- The Italian infantry divisions had no lorries (ref it_x_corps: "almost no transport"): 3 MP.
"""
from __future__ import annotations

# profile -> (rule-set type, overrides)
PROFILES: dict[str, tuple[str, dict]] = {
    # Allies
    "au_inf": ("infantry", {"attack": [7, 5, 3], "defence": [8, 6, 3]}),
    "uk_inf": ("infantry", {}),
    "uk_inf_weak": ("infantry", {"attack": [5, 4, 2], "defence": [6, 4, 2]}),
    "nz_mot": ("motorised", {"steps": 2, "max_steps": 2, "attack": [7, 4], "defence": [7, 4]}),
    "uk_armd_sherman": ("armour", {"attack": [12, 9, 5], "defence": [9, 7, 4]}),
    "uk_armd": ("armour", {"attack": [10, 7, 4], "defence": [8, 6, 3]}),
    "uk_armd_bde": ("armour_brigade", {"attack": [5], "defence": [3]}),
    "uk_tank_bde": ("armour_brigade", {"attack": [4], "defence": [4], "movement": 6}),   # Valentine infantry tanks
    "bde": ("infantry_brigade", {}),
    "fr_light": ("infantry_brigade", {"attack": [3], "defence": [3]}),
    "fr_column": ("armour_brigade", {"attack": [2], "defence": [1], "size": "regiment"}),
    # Axis
    "de_pz": ("armour", {"attack": [8, 6, 3], "defence": [8, 6, 3], "movement": 6}),
    "de_light": ("motorised", {"attack": [6, 4, 2], "defence": [6, 4, 3], "movement": 6}),
    "de_inf": ("infantry", {"attack": [6, 4, 2], "defence": [7, 5, 3]}),
    "de_para_bde": ("infantry", {"steps": 2, "max_steps": 2, "attack": [4, 2], "defence": [6, 3], "size": "brigade"}),
    "de_flak": ("artillery", {"attack": [2], "defence": [4], "movement": 4}),
    "it_armd": ("armour", {"attack": [6, 4, 2], "defence": [5, 4, 2], "movement": 6}),
    "it_mot": ("motorised", {"attack": [4, 3, 1], "defence": [5, 3, 2], "movement": 6}),
    "it_inf": ("infantry", {"attack": [4, 3, 1], "defence": [6, 4, 2], "movement": 3}),
    "it_inf_weak": ("infantry", {"steps": 2, "max_steps": 2, "attack": [3, 2], "defence": [4, 3], "movement": 3}),
    "it_para": ("airborne", {"steps": 2, "max_steps": 2, "attack": [4, 3], "defence": [7, 4], "movement": 3}),
    "it_bers": ("infantry_brigade", {"attack": [2], "defence": [3], "size": "regiment", "movement": 3}),
}

NATIONS = {
    "uk": {"name": "United Kingdom", "colour": "#c9b48a", "text_colour": "#1d1d1d"},
    "australia": {"name": "Australia", "colour": "#d8c27a", "text_colour": "#1d1d1d"},
    "new_zealand": {"name": "New Zealand", "colour": "#b8c98a", "text_colour": "#1d1d1d"},
    "south_africa": {"name": "South Africa", "colour": "#e0b070", "text_colour": "#1d1d1d"},
    "india": {"name": "India", "colour": "#d9a27a", "text_colour": "#1d1d1d"},
    "greece": {"name": "Greece", "colour": "#9fc0e0", "text_colour": "#1d1d1d"},
    "free_france": {"name": "Free France", "colour": "#a9b8e0", "text_colour": "#1d1d1d"},
    "germany": {"name": "Germany", "colour": "#b9b7a4", "text_colour": "#1d1d1d"},
    "italy": {"name": "Italy", "colour": "#a9c48e", "text_colour": "#1d1d1d"},
}

# id, name, short label, nation, profile, (lon, lat) on 23 October, parent, note (the ref's start_location)
ALLIES = [
    # --- XXX Corps (Leese): the break-in in the north ---------------------------------------
    ("au_9th_division", "9th Australian Division", "9Au", "australia", "au_inf", (28.86, 30.885), "uk_xxx_corps",
     "Tel el Eisa, right flank on the coast (Morshead)"),
    ("uk_51st_infantry_division", "51st (Highland) Infantry Division", "51H", "uk", "uk_inf", (28.86, 30.845), "uk_xxx_corps",
     "east of Kidney Ridge, northern corridor start line (Wimberley)"),
    ("nz_2nd_division", "2nd New Zealand Division", "2NZ", "new_zealand", "nz_mot", (28.875, 30.80), "uk_xxx_corps",
     "east of Miteirya Ridge, southern corridor start line (Freyberg); two brigades"),
    ("uk_9th_armoured_brigade", "9th Armoured Brigade", "9Ar", "uk", "uk_armd_bde", (28.875, 30.80), "nz_2nd_division",
     "with the New Zealanders (Currie)"),
    ("za_1st_division", "1st South African Infantry Division", "1SA", "south_africa", "uk_inf", (28.87, 30.76), "uk_xxx_corps",
     "east of the south-western end of Miteirya Ridge (Pienaar)"),
    ("in_4th_division", "4th Indian Infantry Division", "4In", "india", "uk_inf", (28.90, 30.71), "uk_xxx_corps",
     "Ruweisat Ridge (Tuker)"),
    ("uk_23rd_armoured_brigade", "23rd Armoured Brigade", "23Ar", "uk", "uk_tank_bde", (28.90, 30.85), "uk_xxx_corps",
     "Valentines, split among the infantry behind the XXX Corps start line"),
    # --- X Corps (Lumsden): the corps de chasse ------------------------------------------
    ("uk_1st_armoured_division", "1st Armoured Division", "1Ar", "uk", "uk_armd_sherman", (28.90, 30.84), "uk_x_corps",
     "northern corridor, east of Kidney Ridge (Briggs)"),
    ("uk_10th_armoured_division", "10th Armoured Division", "10Ar", "uk", "uk_armd_sherman", (28.91, 30.80), "uk_x_corps",
     "southern corridor, east of Miteirya Ridge (Gatehouse); with 24th Armoured Brigade"),
    # --- XIII Corps (Horrocks): the south -------------------------------------------------
    ("gr_1st_brigade", "1st Greek Infantry Brigade", "1Gr", "greece", "bde", (28.92, 30.63), "uk_50th_infantry_division",
     "between Ruweisat Ridge and Deir el Munassib"),
    ("uk_50th_infantry_division", "50th (Northumbrian) Infantry Division", "50", "uk", "uk_inf_weak", (28.93, 30.56), "uk_xiii_corps",
     "Deir el Munassib (Nichols)"),
    ("uk_44th_infantry_division", "44th (Home Counties) Infantry Division", "44", "uk", "uk_inf_weak", (28.90, 30.48), "uk_xiii_corps",
     "Deir el Munassib - Himeimat front (Hughes)"),
    ("uk_7th_armoured_division", "7th Armoured Division", "7Ar", "uk", "uk_armd", (28.87, 30.45), "uk_xiii_corps",
     "north of Himeimat, east of the 'January' and 'February' minefields (Harding)"),
    ("fr_1st_light_division", "1st Free French Light Division", "1FF", "free_france", "fr_light", (28.82, 30.39), "fr_forces_western_desert",
     "facing Qaret el Himeimat (Koenig)"),
    ("fr_2nd_light_division", "2nd Free French Light Division", "2FF", "free_france", "fr_light", (28.86, 30.40), "fr_forces_western_desert",
     "centre of the French sector (ref: low)"),
    ("fr_flying_column", "Free French Flying Column", "FFC", "free_france", "fr_column", (28.92, 30.42), "fr_forces_western_desert",
     "spahis and a Crusader company, desert flank"),
]

AXIS = [
    # --- XXI Corps and the German 164th: the northern front ---------------------------------
    ("de_164th_light_division", "164th Light Africa Division", "164", "germany", "de_inf", (28.79, 30.88), "it_xxi_corps",
     "west of Tel el Eisa to Kidney Ridge, interleaved with Trento"),
    ("it_trento_division", "102nd Motorised Division Trento", "Tnt", "italy", "it_inf", (28.81, 30.82), "it_xxi_corps",
     "Tel el Eisa - Kidney Ridge - Miteirya (unmotorised in practice)"),
    ("it_7th_bersaglieri_regiment", "7th Bersaglieri Regiment", "7B", "italy", "it_bers", (28.77, 30.84), "it_trento_division",
     "near Kidney Ridge (Quota 28)"),
    ("it_bologna_division", "25th Infantry Division Bologna", "Bol", "italy", "it_inf", (28.82, 30.72), "it_xxi_corps",
     "Ruweisat Ridge - Deir el Shein"),
    ("de_ramcke_brigade", "Ramcke Parachute Brigade", "Rmk", "germany", "de_para_bde", (28.80, 30.68), "it_x_corps",
     "Ruweisat - Deir el Shein with Bologna, battalions also in the south"),
    # --- X Corps: the south -------------------------------------------------------------------
    ("it_brescia_division", "27th Infantry Division Brescia", "Bre", "italy", "it_inf", (28.83, 30.62), "it_x_corps",
     "south of Ruweisat towards Deir el Munassib"),
    ("it_pavia_division", "17th Infantry Division Pavia", "Pav", "italy", "it_inf_weak", (28.84, 30.55), "it_x_corps",
     "southern front next to the Folgore (ref: low)"),
    ("it_folgore_division", "185th Parachute Division Folgore", "Flg", "italy", "it_para", (28.80, 30.47), "it_x_corps",
     "Deir el Munassib - Qaret el Himeimat - Naqb Rala"),
    # --- the armoured reserves, paired German and Italian -------------------------------------
    ("de_15th_panzer_division", "15th Panzer Division", "15Pz", "germany", "de_pz", (28.74, 30.83), "de_afrika_korps",
     "behind the northern front, west of Kidney Ridge"),
    ("it_littorio_division", "133rd Armoured Division Littorio", "Lit", "italy", "it_armd", (28.74, 30.80), "it_xx_corps",
     "behind the northern front, west of Miteirya"),
    ("de_21st_panzer_division", "21st Panzer Division", "21Pz", "germany", "de_pz", (28.72, 30.50), "de_afrika_korps",
     "behind the southern front, west of Deir el Munassib"),
    ("it_ariete_division", "132nd Armoured Division Ariete", "Ari", "italy", "it_armd", (28.70, 30.55), "it_xx_corps",
     "behind the southern front, west of Deir el Munassib"),
    # --- army reserve on the coast --------------------------------------------------------------
    ("de_90th_light_division", "90th Light Africa Division", "90L", "germany", "de_light", (28.64, 30.97), "de_panzerarmee_afrika",
     "coast road near Ghazal / Sidi Abd el Rahman"),
    ("it_trieste_division", "101st Motorised Division Trieste", "Tri", "italy", "it_mot", (28.52, 31.00), "it_xx_corps",
     "El Daba / Ghazal area"),
    ("de_19th_flak_division", "19th Flak Division (88 mm batteries)", "19F", "germany", "de_flak", (28.70, 30.90), "de_panzerarmee_afrika",
     "88s of the anti-tank screen on the Rahman track"),
]

REINFORCEMENTS: list = []   # nothing arrived in the 20 days (ref: every formation 'in place 23 October')

WITHDRAWALS = [
    ("1942-11-04", ["za_1st_division"], "held Miteirya during the dog fight; not used in the pursuit (ref za_1st_division)"),
    ("1942-11-04", ["fr_1st_light_division", "fr_2nd_light_division"],
     "the French held the extreme south and did not join the pursuit in strength (ref fr_forces_western_desert)"),
]
