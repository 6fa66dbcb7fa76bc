"""Order of battle of the Stalingrad 1942 scenario.

Built from /work/shared/reference/stalingrad_1942_oob.yaml (cited below as "ref"): the
formations, their parents, their positions on 19 November 1942 (`location_19nov`, placed on
the hex of the town or river sector named there), their arrival dates and fates. Ids are the
reference ids where the reference has the formation; rifle divisions the reference lists only
by number under their army (`rifle_divisions_19nov`) get ids in the same pattern
(sov_<n>_rd, sov_<n>_gds_rd). Where the reference says `low`, the choice is noted.

Unit values (attack / defence per step, full strength first) come from PROFILES: the standard
rule set's types with per-unit overrides. Scale: a step is roughly a third of a full-strength
division (a German infantry division of 1942 at full strength has 3 steps); a Soviet rifle
division of November 1942 (5,000-8,000 men) is weaker per counter than a German one; the
Romanian divisions are numerous but weak in anti-tank guns (lower defence); the divisions
that fought in the city since September start worn (2 steps of 3).
"""
from __future__ import annotations

# profile -> (rule-set type, overrides)
PROFILES: dict[str, tuple[str, dict]] = {
    # Axis
    "ger_inf": ("infantry", {}),
    "ger_inf_worn": ("infantry", {"steps": 2}),
    "ger_pz": ("armour", {"attack": [10, 7, 4], "defence": [9, 7, 4]}),
    "ger_pz_fresh": ("armour", {"attack": [12, 9, 5], "defence": [10, 7, 4]}),
    "ger_pz_worn": ("armour", {"steps": 2}),
    # 6th Army's mobile divisions had fuel for short moves only (ref: XIV Panzer Corps'
    # move west on 19-20 Nov was slowed by the fuel shortage)
    "ger_pz_6a": ("armour", {"steps": 2, "movement": 5}),
    "ger_mot_6a": ("motorised", {"attack": [7, 5, 2], "defence": [7, 5, 3], "movement": 5}),
    "ger_pz_weak": ("armour", {"attack": [7, 5, 3], "defence": [6, 4, 2]}),
    "ger_mot": ("motorised", {"attack": [7, 5, 2], "defence": [7, 5, 3]}),
    "ger_lw_field": ("infantry", {"attack": [3, 2, 1], "defence": [5, 3, 2]}),
    "ger_alarm": ("static_infantry", {"attack": [2, 1], "defence": [4, 2], "size": "brigade"}),
    "ger_mountain": ("mountain", {}),
    "ger_rear": ("static_infantry", {"steps": 1, "max_steps": 1, "attack": [1], "defence": [2], "size": "regiment",
                                     "movement": 0}),
    "rom_inf": ("infantry", {"steps": 2, "max_steps": 2, "attack": [3, 2], "defence": [4, 2]}),
    "rom_cav": ("cavalry", {"attack": [3, 2], "defence": [3, 2]}),
    "rom_armd": ("armour", {"attack": [6, 4, 2], "defence": [5, 3, 2]}),
    "ita_inf": ("infantry", {"attack": [4, 3, 1], "defence": [5, 3, 2]}),
    "cro_rgt": ("infantry_brigade", {"attack": [2], "defence": [3], "size": "regiment"}),
    # Soviet
    # a rifle division of Nov 1942 had 5,000-8,000 men of an establishment of 10,000-12,000:
    # it starts at 2 of its 3 steps (the guards divisions were kept fuller)
    "sov_rd": ("infantry", {"steps": 2, "max_steps": 3, "attack": [3, 2, 1], "defence": [5, 4, 2]}),
    "sov_gds_rd": ("infantry", {"attack": [4, 3, 2], "defence": [6, 4, 2]}),
    # the rifle divisions of the armies that formed the inner ring (21st, 65th, 24th, 66th,
    # 64th, 57th) marched on foot with horse transport and then stayed round the pocket for
    # ten weeks: slow counters (static_infantry, 2 MP); the outer front's divisions (5th Tank,
    # 51st, 1st/3rd Guards, 5th Shock, 2nd Guards Armies) are ordinary infantry
    "sov_rd_static": ("static_infantry", {"steps": 2, "max_steps": 3, "attack": [3, 2, 1], "defence": [5, 4, 2]}),
    "sov_gds_rd_static": ("static_infantry", {"steps": 3, "max_steps": 3, "attack": [4, 3, 2], "defence": [6, 4, 2]}),
    "sov_city": ("infantry", {"attack": [3, 2], "defence": [5, 3], "max_steps": 2}),
    "sov_city_remnant": ("infantry", {"attack": [3, 2], "defence": [5, 3], "max_steps": 2, "steps": 1}),
    "sov_rifle_group": ("infantry", {"attack": [3, 2], "defence": [5, 3], "max_steps": 2, "size": "brigade"}),
    # Soviet tank and mechanised corps: division-sized, tank-heavy, infantry-poor (low
    # defence); T-34s and T-70s on wide tracks covered 30-40 km a day in the exploitation
    # (26th Tank Corps: Serafimovich bridgehead to Kalach, c. 120 km, 19-22 Nov).
    "sov_tc": ("armour", {"attack": [8, 6, 3], "defence": [6, 4, 2], "size": "corps", "movement": 10}),
    "sov_mc": ("mechanised", {"attack": [9, 6, 3], "defence": [7, 5, 3], "size": "corps", "movement": 10}),
    "sov_cc": ("cavalry", {"steps": 3, "max_steps": 3, "attack": [5, 3, 2], "defence": [4, 3, 2], "size": "corps",
                           "movement": 8}),
    "sov_cav": ("cavalry", {}),
    "sov_grc": ("infantry", {"steps": 4, "max_steps": 4, "attack": [12, 9, 6, 3], "defence": [12, 9, 6, 3],
                             "size": "corps"}),
}

NATIONS = {
    "germany": {"name": "Germany", "colour": "#b9b7a4", "text_colour": "#1d1d1d"},
    "romania": {"name": "Romania", "colour": "#d9c46b", "text_colour": "#1d1d1d"},
    "italy": {"name": "Italy", "colour": "#a9c48e", "text_colour": "#1d1d1d"},
    "croatia": {"name": "Croatia (369th Regiment)", "colour": "#c9a7a2", "text_colour": "#1d1d1d"},
    "ussr": {"name": "USSR", "colour": "#d9907a", "text_colour": "#1d1d1d"},
}

# id, name, short label, nation, profile, hex on 19 Nov 1942, parent, note
AXIS = [
    # --- 6th Army, LI Corps: the city (ref: location_19nov) ------------------------------
    ("ger_389_id", "389th Infantry Division", "389", "germany", "ger_inf_worn", "3412", "ger_li_corps_hq", "Tractor Works"),
    ("ger_94_id", "94th Infantry Division", "94", "germany", "ger_inf_worn", "3412", "ger_li_corps_hq", "Spartanovka - Rynok, facing Group Gorokhov"),
    ("ger_305_id", "305th Infantry Division", "305", "germany", "ger_inf_worn", "3312", "ger_li_corps_hq", "Barrikady, facing Lyudnikov's Island"),
    ("ger_79_id", "79th Infantry Division", "79", "germany", "ger_inf_worn", "3312", "ger_li_corps_hq", "Red October works"),
    ("ger_100_jager", "100th Jager Division", "100J", "germany", "ger_inf_worn", "3312", "ger_li_corps_hq", "between Red October and Mamayev Kurgan"),
    ("ger_295_id", "295th Infantry Division", "295", "germany", "ger_inf_worn", "3313", "ger_li_corps_hq", "Mamayev Kurgan and the northern centre"),
    ("ger_71_id", "71st Infantry Division", "71", "germany", "ger_inf_worn", "3313", "ger_li_corps_hq", "city centre, station to the Tsaritsa"),
    ("cro_369_regiment", "369th Croatian Reinforced Infantry Regiment", "369", "croatia", "cro_rgt", "3313", "ger_100_jager", "with 100th Jager; placed in the centre hex for stacking"),
    ("ger_24_pz", "24th Panzer Division", "24Pz", "germany", "ger_pz_6a", "3212", "ger_li_corps_hq", "battlegroups after the city fighting; near Gumrak"),
    # --- 6th Army, XIV Panzer Corps and VIII Corps: the land bridge -----------------------
    ("ger_16_pz", "16th Panzer Division", "16Pz", "germany", "ger_pz_6a", "3311", "ger_xiv_pz_corps_hq", "northern front between Rynok and the land bridge (Orlovka)"),
    ("ger_60_mot", "60th Motorised Infantry Division", "60M", "germany", "ger_mot_6a", "3111", "ger_xiv_pz_corps_hq", "Orlovka - Kotluban sector"),
    ("ger_3_mot", "3rd Motorised Infantry Division", "3M", "germany", "ger_mot_6a", "3011", "ger_xiv_pz_corps_hq", "Kotluban - Kuzmichi"),
    ("ger_113_id", "113th Infantry Division", "113", "germany", "ger_inf", "2911", "ger_viii_corps_hq", "land bridge, Kotluban - Kuzmichi"),
    ("ger_76_id", "76th Infantry Division", "76", "germany", "ger_inf", "2810", "ger_viii_corps_hq", "land bridge between Vertyachy and Kotluban"),
    ("ger_14_pz", "14th Panzer Division", "14Pz", "germany", "ger_pz_6a", "3012", "ger_xiv_pz_corps_hq", "6th Army reserve west of the city, refitting"),
    ("ger_kalach_rear", "6th Army rear services, Kalach (bridge guard, workshops)", "Kal", "germany", "ger_rear", "2414", "ger_6_army_hq",
     "ref: 16th Panzer's transport and workshops were in Kalach when the bridge fell; the bridge guard took Filippov's column for a training unit"),
    # --- 4th Panzer Army, IV Corps: south of the city -----------------------------------
    ("ger_371_id", "371st Infantry Division", "371", "germany", "ger_inf", "3314", "ger_iv_corps_hq", "Kuporosnoye - Yelshanka"),
    ("ger_297_id", "297th Infantry Division", "297", "germany", "ger_inf", "3214", "ger_iv_corps_hq", "opposite the Beketovka bridgehead"),
    ("rom_20_id", "Romanian 20th Infantry Division", "R20", "romania", "rom_inf", "3115", "ger_iv_corps_hq", "next to 297th, opposite 64th Army"),
    ("ger_29_mot", "29th Motorised Infantry Division", "29M", "germany", "ger_mot", "3015", "ger_4_pz_army_hq", "4th Panzer Army reserve behind IV Corps"),
    # --- 6th Army, XI Corps: the small Don bend ---------------------------------------
    ("ger_376_id", "376th Infantry Division", "376", "germany", "ger_inf", "2205", "ger_xi_corps_hq", "Melo-Kletsky, left wing of XI Corps"),
    ("ger_44_id", "44th Infantry Division", "44", "germany", "ger_inf", "2305", "ger_xi_corps_hq", "small Don bend"),
    ("ger_384_id", "384th Infantry Division", "384", "germany", "ger_inf", "2405", "ger_xi_corps_hq", "right wing, towards Trekhostrovskaya (ref: low)"),
    # --- Romanian 3rd Army and XLVIII Panzer Corps ---------------------------------------
    ("rom_1_cav", "Romanian 1st Cavalry Division", "R1C", "romania", "rom_cav", "2106", "rom_iv_corps_hq", "junction with XI Corps near Melo-Kletsky"),
    ("rom_13_id", "Romanian 13th Infantry Division", "R13", "romania", "rom_inf", "1905", "rom_iv_corps_hq", "south and west of the Kletskaya bridgehead"),
    ("rom_15_id", "Romanian 15th Infantry Division", "R15", "romania", "rom_inf", "1806", "rom_v_corps_hq", "second line behind the 13th"),
    ("rom_6_id", "Romanian 6th Infantry Division", "R6", "romania", "rom_inf", "1805", "rom_v_corps_hq", "Raspopinskaya - Golovsky (Lascar)"),
    ("rom_5_id", "Romanian 5th Infantry Division", "R5", "romania", "rom_inf", "1704", "rom_v_corps_hq", "Raspopinskaya sector"),
    ("rom_14_id", "Romanian 14th Infantry Division", "R14", "romania", "rom_inf", "1605", "rom_ii_corps_hq", "south face of the Serafimovich bridgehead"),
    ("rom_9_id", "Romanian 9th Infantry Division", "R9", "romania", "rom_inf", "1404", "rom_ii_corps_hq", "west of the Serafimovich bridgehead"),
    ("rom_7_cav", "Romanian 7th Cavalry Division", "R7C", "romania", "rom_cav", "1406", "rom_ii_corps_hq", "second echelon"),
    ("rom_11_id", "Romanian 11th Infantry Division", "R11", "romania", "rom_inf", "1103", "rom_i_corps_hq", "west wing on the Don"),
    ("rom_7_id", "Romanian 7th Infantry Division", "R7", "romania", "rom_inf", "0803", "rom_i_corps_hq", "west wing on the Don (Bokovskaya sector)"),
    ("rom_1_armd", "Romanian 1st Armoured Division", "R1A", "romania", "rom_armd", "1709", "ger_xlviii_pz_corps_hq", "Zhirkovsky; 87 R-2 light tanks, 22 German"),
    ("ger_22_pz", "22nd Panzer Division", "22Pz", "germany", "ger_pz_weak", "1512", "ger_xlviii_pz_corps_hq", "Peschany; c. 40 runners, a grenadier regiment detached"),
    # --- Italian 8th Army right wing and XVII Corps (NW edge) ---------------------------
    ("ita_sforzesca", "2nd Infantry Division Sforzesca", "Sfz", "italy", "ita_inf", "0303", "ger_xxix_corps_hq", "right wing of the Italian 8th Army; the rest of the army is off the map to the north-west"),
    ("ger_62_id", "62nd Infantry Division", "62", "germany", "ger_inf", "0404", "ger_xvii_corps_hq", "behind the Italian right (ref: low)"),
    ("ger_294_id", "294th Infantry Division", "294", "germany", "ger_inf", "0505", "ger_xvii_corps_hq", "behind the Italian right"),
    # --- Romanian 4th Army: the lakes and the Kalmyk steppe ----------------------------
    ("rom_2_id", "Romanian 2nd Infantry Division", "R2", "romania", "rom_inf", "3317", "rom_vi_corps_hq", "north end of Lake Sarpa"),
    ("rom_18_id", "Romanian 18th Infantry Division", "R18", "romania", "rom_inf", "3319", "rom_vi_corps_hq", "between Lakes Tsatsa and Sarpa"),
    ("rom_1_id", "Romanian 1st Infantry Division", "R1", "romania", "rom_inf", "3321", "rom_vi_corps_hq", "lake defile, Plodovitoe"),
    ("rom_4_id", "Romanian 4th Infantry Division", "R4", "romania", "rom_inf", "3423", "rom_vi_corps_hq", "south of the lakes (Barmantsak)"),
    ("rom_5_cav", "Romanian 5th Cavalry Division", "R5C", "romania", "rom_cav", "3327", "rom_vii_corps_hq", "southern steppe flank"),
    ("rom_8_cav", "Romanian 8th Cavalry Division", "R8C", "romania", "rom_cav", "3029", "rom_vii_corps_hq", "southern steppe flank"),
]

SOVIET = [
    # --- South-Western Front: 5th Tank Army, Serafimovich bridgehead ------------------
    ("sov_26_tank_corps", "26th Tank Corps", "26T", "ussr", "sov_tc", "1603", "sov_5_tank_army", "took the Kalach bridge on 22 Nov"),
    ("sov_8_cav_corps", "8th Cavalry Corps", "8C", "ussr", "sov_cc", "1603", "sov_5_tank_army", ""),
    ("sov_159_rd", "159th Rifle Division", "159", "ussr", "sov_rd", "1603", "sov_5_tank_army", ""),
    ("sov_1_tank_corps", "1st Tank Corps", "1T", "ussr", "sov_tc", "1604", "sov_5_tank_army", ""),
    ("sov_50_gds_rd", "50th Guards Rifle Division", "50G", "ussr", "sov_gds_rd", "1604", "sov_5_tank_army", ""),
    ("sov_14_gds_rd", "14th Guards Rifle Division", "14G", "ussr", "sov_gds_rd", "1504", "sov_5_tank_army", ""),
    ("sov_47_gds_rd", "47th Guards Rifle Division", "47G", "ussr", "sov_gds_rd", "1504", "sov_5_tank_army", ""),
    ("sov_119_rd", "119th Rifle Division", "119", "ussr", "sov_rd", "1503", "sov_5_tank_army", ""),
    ("sov_346_rd", "346th Rifle Division", "346", "ussr", "sov_rd", "1503", "sov_5_tank_army", ""),
    # --- 21st Army, Kletskaya bridgehead --------------------------------------------
    ("sov_4_tank_corps", "4th Tank Corps", "4T", "ussr", "sov_tc", "2007", "sov_21_army", "met 4th Mechanised Corps at Sovetsky on 23 Nov"),
    ("sov_293_rd", "293rd Rifle Division", "293", "ussr", "sov_rd_static", "2007", "sov_21_army", ""),
    ("sov_76_rd", "76th Rifle Division", "76", "ussr", "sov_rd_static", "2007", "sov_21_army", ""),
    ("sov_3_gds_cav_corps", "3rd Guards Cavalry Corps", "3GC", "ussr", "sov_cc", "2006", "sov_21_army", ""),
    ("sov_63_rd", "63rd Rifle Division", "63", "ussr", "sov_rd_static", "2006", "sov_21_army", ""),
    ("sov_96_rd", "96th Rifle Division", "96", "ussr", "sov_rd_static", "2006", "sov_21_army", ""),
    ("sov_277_rd", "277th Rifle Division", "277", "ussr", "sov_rd_static", "2004", "sov_21_army", ""),
    ("sov_333_rd", "333rd Rifle Division", "333", "ussr", "sov_rd_static", "2004", "sov_21_army", ""),
    # --- Don Front: 65th Army, east side of the Kletskaya bridgehead (ref: divisions low)
    ("sov_27_gds_rd", "27th Guards Rifle Division", "27G", "ussr", "sov_gds_rd_static", "2105", "sov_65_army", ""),
    ("sov_40_gds_rd", "40th Guards Rifle Division", "40G", "ussr", "sov_gds_rd_static", "2105", "sov_65_army", ""),
    ("sov_304_rd", "304th Rifle Division", "304", "ussr", "sov_rd_static", "2105", "sov_65_army", ""),
    ("sov_4_gds_rd", "4th Guards Rifle Division", "4G", "ussr", "sov_gds_rd_static", "2104", "sov_65_army", ""),
    ("sov_321_rd", "321st Rifle Division", "321", "ussr", "sov_rd_static", "2104", "sov_65_army", ""),
    ("sov_23_rd", "23rd Rifle Division", "23", "ussr", "sov_rd_static", "2204", "sov_65_army", ""),
    ("sov_24_rd", "24th Rifle Division", "24", "ussr", "sov_rd_static", "2204", "sov_65_army", ""),
    ("sov_258_rd", "258th Rifle Division", "258", "ussr", "sov_rd_static", "2303", "sov_65_army", ""),
    # --- 24th Army, land bridge north of the Don bend (ref: divisions low) ---------------
    ("sov_16_tank_corps", "16th Tank Corps", "16T", "ussr", "sov_tc", "2809", "sov_24_army", ""),
    ("sov_173_rd", "173rd Rifle Division", "173", "ussr", "sov_rd_static", "2809", "sov_24_army", ""),
    ("sov_214_rd", "214th Rifle Division", "214", "ussr", "sov_rd_static", "2809", "sov_24_army", ""),
    ("sov_84_rd", "84th Rifle Division", "84", "ussr", "sov_rd_static", "2908", "sov_24_army", ""),
    ("sov_120_rd", "120th Rifle Division", "120", "ussr", "sov_rd_static", "2908", "sov_24_army", ""),
    ("sov_233_rd", "233rd Rifle Division", "233", "ussr", "sov_rd_static", "2909", "sov_24_army", ""),
    ("sov_260_rd", "260th Rifle Division", "260", "ussr", "sov_rd_static", "2909", "sov_24_army", ""),
    ("sov_273_rd", "273rd Rifle Division", "273", "ussr", "sov_rd_static", "2910", "sov_24_army", ""),
    ("sov_49_rd", "49th Rifle Division", "49", "ussr", "sov_rd_static", "2910", "sov_24_army", ""),
    # --- 66th Army, north of the city (ref: divisions low) -----------------------------
    ("sov_64_rd", "64th Rifle Division", "64", "ussr", "sov_rd_static", "3010", "sov_66_army", ""),
    ("sov_99_rd", "99th Rifle Division", "99", "ussr", "sov_rd_static", "3010", "sov_66_army", ""),
    ("sov_116_rd", "116th Rifle Division", "116", "ussr", "sov_rd_static", "3110", "sov_66_army", ""),
    ("sov_226_rd", "226th Rifle Division", "226", "ussr", "sov_rd_static", "3110", "sov_66_army", ""),
    ("sov_299_rd", "299th Rifle Division", "299", "ussr", "sov_rd_static", "3210", "sov_66_army", ""),
    ("sov_343_rd", "343rd Rifle Division", "343", "ussr", "sov_rd_static", "3310", "sov_66_army", ""),
    # --- Stalingrad Front: 62nd Army (the city) ---------------------------------------
    ("sov_group_gorokhov", "Group Gorokhov (124th, 149th Rifle Brigades)", "Gor", "ussr", "sov_rifle_group", "3411", "sov_62_army", "Rynok - Spartanovka, cut off from the rest of 62nd Army"),
    ("sov_13_gds_rd", "13th Guards Rifle Division", "13G", "ussr", "sov_city", "3413", "sov_62_army", "city centre bank strip (see design notes: the bank strips stand in the bank hexes)"),
    ("sov_284_rd", "284th Rifle Division", "284", "ussr", "sov_city", "3413", "sov_62_army", "Mamayev Kurgan"),
    ("sov_39_gds_rd", "39th Guards Rifle Division", "39G", "ussr", "sov_city", "3413", "sov_62_army", "Red October works"),
    ("sov_138_rd", "138th Rifle Division", "138", "ussr", "sov_city", "3513", "sov_62_army", "Lyudnikov's Island, supplied across the Volga"),
    ("sov_95_rd", "95th Rifle Division", "95", "ussr", "sov_city", "3513", "sov_62_army", "factory district"),
    ("sov_45_rd", "45th Rifle Division", "45", "ussr", "sov_city", "3513", "sov_62_army", "factory district"),
    ("sov_37_gds_rd", "37th Guards Rifle Division", "37G", "ussr", "sov_city_remnant", "3414", "sov_62_army", "remnants (ref: low)"),
    ("sov_112_rd", "112th Rifle Division", "112", "ussr", "sov_city_remnant", "3414", "sov_62_army", "remnants (ref: low)"),
    ("sov_193_rd", "193rd Rifle Division", "193", "ussr", "sov_city_remnant", "3414", "sov_62_army", "remnants (ref: low)"),
    ("sov_308_rd", "308th Rifle Division", "308", "ussr", "sov_city_remnant", "3512", "sov_62_army", "army reserve awaiting reinforcement"),
    # --- 64th Army, Beketovka bridgehead (divisions: general knowledge, low) ----------
    ("sov_36_gds_rd", "36th Guards Rifle Division", "36G", "ussr", "sov_gds_rd_static", "3215", "sov_64_army", "division list not in ref (low)"),
    ("sov_38_rd", "38th Rifle Division", "38", "ussr", "sov_rd_static", "3215", "sov_64_army", "division list not in ref (low)"),
    ("sov_157_rd", "157th Rifle Division", "157", "ussr", "sov_rd_static", "3215", "sov_64_army", "division list not in ref (low)"),
    ("sov_204_rd", "204th Rifle Division", "204", "ussr", "sov_rd_static", "3315", "sov_64_army", "division list not in ref (low)"),
    ("sov_29_rd", "29th Rifle Division", "29", "ussr", "sov_rd_static", "3315", "sov_64_army", "division list not in ref (low)"),
    # --- 57th Army, between Beketovka and the lakes ------------------------------------
    ("sov_13_tank_corps", "13th Tank Corps (mechanised)", "13T", "ussr", "sov_mc", "3416", "sov_57_army", "crossed the Volga at Svetly Yar from 11 Nov"),
    ("sov_169_rd", "169th Rifle Division", "169", "ussr", "sov_rd_static", "3316", "sov_57_army", "division list not in ref (low)"),
    ("sov_422_rd", "422nd Rifle Division", "422", "ussr", "sov_rd_static", "3417", "sov_57_army", "division list not in ref (low)"),
    # --- 51st Army, the lake defiles -------------------------------------------------
    ("sov_15_gds_rd", "15th Guards Rifle Division", "15G", "ussr", "sov_gds_rd", "3518", "sov_51_army", ""),
    ("sov_91_rd", "91st Rifle Division", "91", "ussr", "sov_rd", "3519", "sov_51_army", ""),
    ("sov_126_rd", "126th Rifle Division", "126", "ussr", "sov_rd", "3520", "sov_51_army", ""),
    ("sov_302_rd", "302nd Rifle Division", "302", "ussr", "sov_rd", "3521", "sov_51_army", "overrun by Winter Storm on 12 Dec"),
    ("sov_4_mech_corps", "4th Mechanised Corps", "4M", "ussr", "sov_mc", "3518", "sov_51_army", "3rd Guards Mechanised Corps from 18 Dec"),
    ("sov_61_cav_div", "61st Cavalry Division", "61C", "ussr", "sov_cav", "3619", "sov_4_cav_corps", "4th Cavalry Corps"),
    ("sov_81_cav_div", "81st Cavalry Division", "81C", "ussr", "sov_cav", "3717", "sov_4_cav_corps", "4th Cavalry Corps, near Raigorod on the Volga"),
    # --- 1st Guards Army (Lelyushenko; 3rd Guards Army from 5 Dec), upper Don ---------
    ("sov_197_rd", "197th Rifle Division", "197", "ussr", "sov_rd", "0302", "sov_1_gds_army_lelyushenko", "3rd Guards Army list of Dec (ref)"),
    ("sov_203_rd", "203rd Rifle Division", "203", "ussr", "sov_rd", "0802", "sov_1_gds_army_lelyushenko", "3rd Guards Army list of Dec (ref)"),
    ("sov_278_rd", "278th Rifle Division", "278", "ussr", "sov_rd", "1102", "sov_1_gds_army_lelyushenko", "3rd Guards Army list of Dec (ref)"),
]

# Reinforcements: (date, entry hexes tried in order, [unit tuples without hex], note)
# Entry hexes are named by place where possible (build.py resolves names).
REINFORCEMENTS = [
    # Axis
    ("1942-11-22", ["Nizhne-Chirskaya", "Chir", "Oblivskaya", "Morozovsk"],
     [("ger_alarm_chir", "Alarm units on the Chir (Groups Adam, Stahel and others)", "Alm", "germany", "ger_alarm", "ger_armee_abteilung_hollidt",
       "ref: 'German alarm units' formed on the Chir after the breakthrough (one counter for all; low)")],
     "6th Army rear services and Luftwaffe ground staff formed into battlegroups on the Chir"),
    ("1942-12-01", ["Kotelnikovo", "2128", "2132"],
     [("ger_6_pz", "6th Panzer Division", "6Pz", "germany", "ger_pz_fresh", "ger_lvii_pz_corps_hq", "from France; lead elements 27 Nov, tanks 3 Dec (ref)"),
      ("ger_23_pz", "23rd Panzer Division", "23Pz", "germany", "ger_pz_worn", "ger_lvii_pz_corps_hq", "from Army Group A; c. 30 serviceable tanks (ref)")],
     "LVII Panzer Corps gathers at Kotelnikovo for Winter Storm"),
    ("1942-12-06", ["Nizhne-Chirskaya", "Tormosin", "Morozovsk"],
     [("ger_336_id", "336th Infantry Division", "336", "germany", "ger_inf", "ger_xlviii_pz_corps_hq", "lower Chir by 6 Dec (ref)"),
      ("ger_11_pz", "11th Panzer Division", "11Pz", "germany", "ger_pz", "ger_xlviii_pz_corps_hq", "lower Chir 6-7 Dec (ref)"),
      ("ger_7_lw_field", "7th Luftwaffe Field Division", "7LW", "germany", "ger_lw_field", "ger_xlviii_pz_corps_hq", "Chir, c. 5 Dec (ref)")],
     "XLVIII Panzer Corps re-formed on the lower Chir"),
    ("1942-12-17", ["Kotelnikovo", "2128", "2132"],
     [("ger_17_pz", "17th Panzer Division", "17Pz", "germany", "ger_pz_worn", "ger_lvii_pz_corps_hq", "Aksay sector 17 Dec (ref); weak")],
     "17th Panzer joins Winter Storm"),
    ("1942-12-25", ["Morozovsk", "Tatsinskaya", "0020"],
     [("ger_306_id", "306th Infantry Division", "306", "germany", "ger_inf", "ger_armee_abteilung_hollidt", "end Dec (ref: low)")],
     "Group Hollidt reinforced"),
    ("1942-12-28", ["0009", "0010", "0020"],
     [("ger_3_mountain", "3rd Mountain Division (elements)", "3Mtn", "germany", "ger_mountain", "ger_armee_abteilung_fretter_pico", "Millerovo end Dec (ref)")],
     "Fretter-Pico's detachment at Millerovo, on the western edge"),
    ("1943-01-05", ["0020", "0019", "Tatsinskaya"],
     [("ger_7_pz", "7th Panzer Division", "7Pz", "germany", "ger_pz", "ger_armee_abteilung_hollidt", "north of Shakhty by early January (ref)")],
     "from France to Army Detachment Hollidt"),
    # Soviet
    ("1942-12-09", ["Kletskaya", "2004", "2104", "Kachalinskaya"],
     [("sov_23_tank_corps", "23rd Tank Corps", "23T", "ussr", "sov_tc", "sov_5_shock_army", "5th Shock Army, 9 Dec (ref: low)"),
      ("sov_300_rd", "300th Rifle Division", "300", "ussr", "sov_rd", "sov_5_shock_army", "named in the Stavka order of 8 Dec (ref)"),
      ("sov_315_rd", "315th Rifle Division", "315", "ussr", "sov_rd", "sov_5_shock_army", "named in the Stavka order of 8 Dec (ref)")],
     "5th Shock Army forms on the lower Chir - Don (Stavka order of 8 Dec)"),
    ("1942-12-10", ["Kletskaya", "2004", "2104", "Kachalinskaya"],
     [("sov_7_tank_corps", "7th Tank Corps", "7T", "ussr", "sov_tc", "sov_5_shock_army", "Rotmistrov; Rychkovsky 13 Dec, Kotelnikovo 29 Dec (ref)"),
      ("sov_87_rd", "87th Rifle Division", "87", "ussr", "sov_rd", "sov_5_shock_army", "named in the Stavka order of 8 Dec (ref)")],
     "5th Shock Army"),
    ("1942-12-10", ["1202", "1102", "1002", "1000"],
     [("sov_1_gds_mech_corps", "1st Guards Mechanised Corps", "1GM", "ussr", "sov_mc", "sov_3_gds_army", "upper Chir - Krivaya, c. 10 Dec (ref)")],
     "3rd Guards Army prepares Little Saturn"),
    ("1942-12-10", ["Kachalinskaya", "2807", "Ilovlya", "2706"],
     [("sov_1_gds_rifle_corps", "1st Guards Rifle Corps (24th Gds, 33rd Gds, 98th)", "1GR", "ussr", "sov_grc", "sov_2_gds_army", "Myshkova 18 Dec (ref)"),
      ("sov_13_gds_rifle_corps", "13th Guards Rifle Corps (3rd Gds, 49th Gds, 387th)", "13GR", "ussr", "sov_grc", "sov_2_gds_army", "Myshkova 18 Dec (ref)")],
     "2nd Guards Army detrains north-west of Stalingrad (early - mid Dec) for Ring; redirected on 12-13 Dec "
     "to the Myshkova, which it reaches on 18-19 Dec after a 200 km march"),
    ("1942-12-14", ["Kachalinskaya", "2807", "Ilovlya", "2706"],
     [("sov_2_gds_mech_corps", "2nd Guards Mechanised Corps", "2GM", "ussr", "sov_mc", "sov_2_gds_army", "Myshkova c. 20 Dec (ref)")],
     "2nd Guards Army's armour"),
    ("1942-12-22", ["0009", "0010", "0008", "0011"],
     [("sov_24_tank_corps", "24th Tank Corps", "24T", "ussr", "sov_tc", "sov_1_gds_army_kuznetsov", "Little Saturn: Tatsinskaya 24 Dec (ref)"),
      ("sov_25_tank_corps", "25th Tank Corps", "25T", "ussr", "sov_tc", "sov_1_gds_army_kuznetsov", "Little Saturn: towards Morozovsk (ref)")],
     "Little Saturn breaks the Italian 8th Army off the map to the north-west; the tank corps enter from the west edge"),
]

WITHDRAWALS = [
    ("1942-12-19", ["ita_sforzesca"], "Little Saturn: the Italian XXIX Corps sector collapses (19-20 Dec, ref)"),
    ("1942-12-23", ["ger_6_pz"], "Manstein sends 6th Panzer north against Little Saturn (23 Dec, ref)"),
    ("1942-12-25", ["sov_61_cav_div", "sov_81_cav_div"], "4th Cavalry Corps worn out and withdrawn in December (ref)"),
]
