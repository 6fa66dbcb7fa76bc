"""Throwaway preview of the Normandy map (and optionally the units) with pygame.

    .venv/bin/python tools/scenarios/normandy/preview.py OUT.png [hex_px] [lon0 lat0 lon1 lat1]

Reads scenarios/normandy_1944 through the engine (so it shows what the engine loaded).
"""
from __future__ import annotations

import math
import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

import pygame  # noqa: E402

import engine  # noqa: E402
from engine.mapgen.geo import Georef  # noqa: E402

COLOURS = {"sea": (92, 130, 190), "clear": (214, 222, 170), "bocage": (150, 178, 110), "forest": (70, 120, 60),
           "marsh": (140, 180, 170), "hills": (190, 160, 110), "town": (200, 120, 110), "city": (170, 50, 50)}


def main() -> None:
    out = sys.argv[1]
    R = float(sys.argv[2]) if len(sys.argv) > 2 else 8.0
    sc = engine.load_scenario("normandy_1944")
    m = sc.map
    box = None
    if len(sys.argv) > 6:
        g = sc.model.map.geo
        geo = Georef(g.origin_lon, g.origin_lat, g.ref_lat, g.hex_km)
        lon0, lat0, lon1, lat1 = map(float, sys.argv[3:7])
        c0, r0 = geo.lonlat_to_colrow(lon0, lat0)
        c1, r1 = geo.lonlat_to_colrow(lon1, lat1)
        box = (int(c0), int(r0), int(c1), int(r1))
    c_lo, r_lo, c_hi, r_hi = box or (0, 0, m.columns - 1, m.rows - 1)
    W = int(1.5 * R * (c_hi - c_lo + 1) + 2 * R + 10)
    H = int(math.sqrt(3) * R * (r_hi - r_lo + 2) + 10)
    pygame.init()
    surf = pygame.Surface((W, H))
    surf.fill((255, 255, 255))

    def centre(i: int) -> tuple[float, float]:
        c, r = i % m.columns, i // m.columns
        return (R + 5 + 1.5 * R * (c - c_lo), math.sqrt(3) * R * (r - r_lo + 0.5 * (c & 1)) + math.sqrt(3) / 2 * R + 5)

    def corners(i: int) -> list[tuple[float, float]]:
        x, y = centre(i)
        return [(x + R * math.cos(math.radians(60 * k)), y + R * math.sin(math.radians(60 * k))) for k in range(6)]

    def visible(i: int) -> bool:
        c, r = i % m.columns, i // m.columns
        return c_lo <= c <= c_hi and r_lo <= r <= r_hi

    names = sc.rules.terrain_names
    for i in range(m.size):
        if not visible(i):
            continue
        pygame.draw.polygon(surf, COLOURS.get(names[m.terrain[i]], (255, 0, 255)), corners(i))
        pygame.draw.polygon(surf, (160, 160, 150), corners(i), 1)
    # hexsides: bit d of a layer = towards neighbour d; corners k and k+1 bound side d as below
    side_corners = {0: (0, 1), 1: (5, 0), 2: (4, 5), 3: (3, 4), 4: (2, 3), 5: (1, 2)}  # engine directions SE NE N NW SW S
    for i in range(m.size):
        if not visible(i):
            continue
        cs = corners(i)
        for d in range(6):
            bit = 1 << d
            if m.river_major[i] & bit or m.river_minor[i] & bit:
                a, b = side_corners[d]
                pygame.draw.line(surf, (20, 60, 230), cs[a], cs[b], 3 if m.river_major[i] & bit else 2)
            j = m.neighbors[i, d]
            if j > i and visible(j):
                if m.rail[i] & bit:
                    pygame.draw.line(surf, (40, 40, 40), centre(i), centre(j), 3)
                if m.road[i] & bit:
                    pygame.draw.line(surf, (230, 150, 20), centre(i), centre(j), 2)
    font = pygame.font.Font(None, max(12, int(R * 1.6)))
    for i, name in m.names.items():
        if not visible(i):
            continue
        x, y = centre(i)
        pygame.draw.circle(surf, (0, 0, 0), (int(x), int(y)), 2)
        if m.vp[i] or R >= 10:
            surf.blit(font.render(name, True, (0, 0, 0)), (x + 3, y - 6))
    if "--units" in sys.argv or len(sys.argv) > 6:
        game = engine.Game(sc, seed=1)
        st = game.state
        small = pygame.font.Font(None, max(11, int(R * 1.2)))
        for u in sc.units:
            if not st.active(u.index):
                continue
            i = int(st.unit_hex[u.index])
            if not visible(i):
                continue
            x, y = centre(i)
            k = sum(1 for v in sc.units[: u.index] if st.active(v.index) and int(st.unit_hex[v.index]) == i)
            col = (60, 100, 200) if u.side == sc.side_ids.index("allies") else (90, 90, 90)
            rect = pygame.Rect(0, 0, R * 1.3, R * 0.9)
            rect.center = (x + k * 3, y + k * 3)
            pygame.draw.rect(surf, col, rect)
            surf.blit(small.render(u.short, True, (255, 255, 255)), rect.move(1, 0))
    pygame.image.save(surf, out)
    print("wrote", out, W, H)


if __name__ == "__main__":
    main()
