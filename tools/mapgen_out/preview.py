"""Throwaway preview of a generated map block: python preview.py MAP.yaml OUT.png [hexpx]"""
import math, sys
import os
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
import pygame, yaml

src, dst = sys.argv[1], sys.argv[2]
R = float(sys.argv[3]) if len(sys.argv) > 3 else 7.0   # hex size in pixels (centre-corner)
block = yaml.safe_load(open(src))
if "map" in block:
    block = block["map"]
cols, rows = block["columns"], block["rows"]
lines = block["terrain"].splitlines()
colours = {"~": (70, 110, 190), "l": (120, 170, 230), ".": (205, 215, 160), "t": (200, 120, 110), "c": (170, 40, 40)}
W = int(1.5 * R * cols + R * 2 + 10); H = int(math.sqrt(3) * R * (rows + 1) + 10)
pygame.init()
surf = pygame.Surface((W, H)); surf.fill((255, 255, 255))
def centre(c, r):
    return (R + 5 + 1.5 * R * c, math.sqrt(3) * R * (r + 0.5 * (c & 1)) + math.sqrt(3) / 2 * R + 5)
def corners(c, r):
    x, y = centre(c, r)
    return [(x + R * math.cos(math.radians(60 * k)), y + R * math.sin(math.radians(60 * k))) for k in range(6)]
for r, line in enumerate(lines):
    for c, ch in enumerate(line):
        pts = corners(c, r)
        pygame.draw.polygon(surf, colours.get(ch, (255, 0, 255)), pts)
        pygame.draw.polygon(surf, (150, 150, 150), pts, 1)
digits = len(block["places"][0]["hex"]) // 2 if block.get("places") else 2
def parse(h):
    return int(h[:digits]), int(h[digits:])
for i, river in enumerate(block.get("rivers", [])):
    col = (0, 40, 255) if river["kind"] == "major" else (0, 170, 220)
    for side in river["sides"]:
        a, b = side.split("-")
        ca, cb = parse(a), parse(b)
        pa, pb = set((round(x, 1), round(y, 1)) for x, y in corners(*ca)), set((round(x, 1), round(y, 1)) for x, y in corners(*cb))
        common = [p for p in pa if any(abs(p[0]-q[0]) < 0.6 and abs(p[1]-q[1]) < 0.6 for q in pb)]
        if len(common) != 2:
            print("BAD SIDE", side, river["name"]); continue
        pygame.draw.line(surf, col, common[0], common[1], 3 if river["kind"] == "major" else 2)
    # label river at its middle side
    a, b = river["sides"][len(river["sides"]) // 2].split("-")
    x, y = centre(*parse(a))
font = pygame.font.Font(None, 14)
for p in block.get("places", []):
    x, y = centre(*parse(p["hex"]))
    if True:
        t = font.render(p["name"], True, (0, 0, 0))
        surf.blit(t, (x + 3, y - 6))
for i, river in enumerate(block.get("rivers", [])):
    a, b = river["sides"][len(river["sides"]) // 2].split("-")
    x, y = centre(*parse(a))
    t = font.render(river["name"], True, (0, 0, 120))
    surf.blit(t, (x + 3, y + 3))
pygame.image.save(surf, dst)
print("saved", dst, W, H)

# optional overlay of the raw data (argv[4] = resolution letter)
if len(sys.argv) > 4:
    sys.path.insert(0, '.')
    import numpy as np
    import engine.mapgen as mapgen
    from engine.mapgen.geo import Georef
    g = block["geo"]
    geo = Georef(g["origin_lon"], g["origin_lat"], g["ref_lat"], g["hex_km"])
    res = sys.argv[4]
    s = g["hex_km"] / math.sqrt(3)
    k = R / s
    def px(lon, lat):
        x, y = geo.lonlat_to_xy(lon, lat)
        return [(float(R + 5 + xx * k), float(yy * k + math.sqrt(3) / 2 * R + 5)) for xx, yy in zip(x, y)]
    lon0, lat0 = geo.xy_to_lonlat(-2 * s, -2 * s)
    lon1, lat1 = geo.colrow_to_lonlat(cols + 1, rows + 1)
    meta = mapgen._read_meta("gshhs", res); pts = mapgen._read_points("gshhs", res)
    for i in np.nonzero((meta[:, 3] >= lat1) & (meta[:, 2] <= lat0))[0]:
        n = int(meta[i, 1]); st = int(meta[i, 4]) // 8
        p = np.asarray(pts[st:st + n], float)
        if p[:, 0].max() < lon0 or p[:, 0].min() > lon1: continue
        pygame.draw.lines(surf, (0, 0, 0) if meta[i, 0] == 1 else (255, 255, 255), True, px(p[:, 0], p[:, 1]), 1)
    for cls, p in mapgen._river_lines(res, lon0, lat1, lon1, lat0, (1, 2, 3, 4, 5)):
        pygame.draw.lines(surf, {1: (255, 0, 0), 2: (255, 0, 0), 3: (255, 120, 0)}.get(cls, (255, 200, 0)), False, px(p[:, 0], p[:, 1]), 1)
    pygame.image.save(surf, dst)
    print("overlay saved")
