"""The static map: terrain with patterns, coast, grid, rivers, roads, railways, forts,
minefields, names.

The static map of each zoom level is drawn in square tiles, on demand, and cached (a
200x200 map at close zoom would not fit in memory as one surface). A tile is built by
blitting pre-drawn hex "stamps" (terrain fill + pattern) with one `blits` call, then the
few hexes with hexside features are drawn on top.

Minefields change during a game (a field is cleared when the enemy enters it): the map
draws the mines it was last given (`set_mines`), and only the tiles of the hexes whose
mines changed are drawn again.
"""
from __future__ import annotations

import math
from collections import OrderedDict

import numpy as np
import pygame

from ui.drawing import fonts
from ui.drawing.geometry import MapGeometry
from ui.drawing.palette import Palette, darker, lighter, mix, side_colour, terrain_art

TILE = 512
KEY = (255, 0, 255)          # colour key of the stamps
VARIANTS = 3                 # pattern variants per terrain, so the map does not look stamped


def _rng(*seed: int) -> np.random.Generator:
    return np.random.Generator(np.random.PCG64(list(seed)))


def _inside(x: float, y: float, s: float, k: float = 0.78) -> bool:
    """Is (x, y) (relative to the centre) well inside a flat-top hex of radius s?"""
    ax, ay = abs(x), abs(y)
    h = math.sqrt(3) / 2 * s * k
    return ay <= h and ax <= s * k - ay / math.sqrt(3)


def _points(rng: np.random.Generator, s: float, n: int, k: float = 0.75) -> list[tuple[float, float]]:
    """About n points spread over the hex (jittered grid, so they do not clump)."""
    pts: list[tuple[float, float]] = []
    side = max(1, int(math.ceil(math.sqrt(n * 1.3))))
    step = 2 * s / side
    for gy in range(side):
        for gx in range(side):
            x = -s + (gx + 0.5) * step + rng.uniform(-0.35, 0.35) * step
            y = -s + (gy + 0.5) * step + rng.uniform(-0.35, 0.35) * step
            if _inside(x, y, s, k):
                pts.append((x, y))
    return pts


def _pattern(surf: pygame.Surface, kind: str, ink, fill, s: float, cx: float, cy: float, rng: np.random.Generator) -> None:
    """Draw terrain pattern `kind` centred at (cx, cy) for a hex of radius s."""
    if s < 7 or kind == "plain":
        return
    lw = max(1, round(s / 16))
    if kind == "forest":
        r = max(1.5, s / 8.5)
        for x, y in _points(rng, s, int(min(28, max(5, s * 0.55)))):
            pygame.draw.circle(surf, ink, (cx + x, cy + y), r)
            if r >= 3:
                pygame.draw.circle(surf, lighter(ink, 0.35), (cx + x - r * 0.3, cy + y - r * 0.3), r * 0.4)
    elif kind == "bocage":
        # Hedgerows: rows of bushes around small irregular fields.
        r = max(1.0, s / 19)
        gap = max(2.6 * r, s / 7)
        lines = []
        for k in (-0.45, 0.1):
            y = (k + rng.uniform(-0.12, 0.12)) * s
            lines.append(((-0.85 * s, y + rng.uniform(-0.1, 0.1) * s), (0.85 * s, y + rng.uniform(-0.1, 0.1) * s)))
        for k in (-0.35, 0.3):
            x = (k + rng.uniform(-0.12, 0.12)) * s
            lines.append(((x + rng.uniform(-0.1, 0.1) * s, -0.8 * s), (x + rng.uniform(-0.1, 0.1) * s, 0.8 * s)))
        for (x0, y0), (x1, y1) in lines:
            n = max(2, int(math.hypot(x1 - x0, y1 - y0) / gap))
            for t in range(n + 1):
                x, y = x0 + (x1 - x0) * t / n, y0 + (y1 - y0) * t / n
                if _inside(x, y, s, 0.86):
                    pygame.draw.circle(surf, mix(ink, fill, 0.2), (cx + x, cy + y), r)
    elif kind == "marsh":
        for x, y in _points(rng, s, int(min(9, max(3, s * 0.18))), 0.68):
            w = s * 0.22
            pygame.draw.line(surf, ink, (cx + x - w / 2, cy + y), (cx + x + w / 2, cy + y), lw)
            for dx, top in ((-0.3, 0.6), (0.0, 0.85), (0.3, 0.6)):
                pygame.draw.line(surf, ink, (cx + x + dx * w * 0.6, cy + y), (cx + x + dx * w * 1.1, cy + y - top * w * 0.7), lw)
    elif kind == "hills":
        ox, oy = rng.uniform(-0.15, 0.15) * s, rng.uniform(-0.1, 0.15) * s
        for k, frac in enumerate((0.78, 0.52, 0.27)):
            w, h = 1.5 * s * frac, 1.0 * s * frac
            rect = pygame.Rect(0, 0, max(2, w), max(2, h))
            rect.center = (round(cx + ox), round(cy + oy + k * s * 0.04))
            pygame.draw.ellipse(surf, mix(ink, fill, 0.15 * k), rect, lw)
    elif kind == "rough":
        for x, y in _points(rng, s, int(min(12, max(4, s * 0.25))), 0.7):
            w = s * 0.12
            pygame.draw.lines(surf, ink, False, [(cx + x - w, cy + y + w * 0.4), (cx + x, cy + y - w * 0.5), (cx + x + w, cy + y + w * 0.4)], lw)
    elif kind in ("town", "city"):
        dense = kind == "city"
        n = 4 if dense else 3
        cell = s * (1.2 if dense else 0.95) / n
        start = -cell * n / 2
        for gy in range(n):
            for gx in range(n):
                if not dense and rng.uniform() < 0.3:
                    continue
                bw = cell * rng.uniform(0.55, 0.85)
                bh = cell * rng.uniform(0.55, 0.85)
                x = start + gx * cell + (cell - bw) / 2 + rng.uniform(-0.08, 0.08) * cell
                y = start + gy * cell + (cell - bh) / 2 + rng.uniform(-0.08, 0.08) * cell
                if _inside(x + bw / 2, y + bh / 2, s, 0.8):
                    rect = pygame.Rect(round(cx + x), round(cy + y), max(1, round(bw)), max(1, round(bh)))
                    surf.fill(ink, rect)
    elif kind == "water" and s >= 14:
        for x, y in _points(rng, s, 3, 0.6):
            w = s * 0.16
            rect = pygame.Rect(0, 0, max(2, w), max(2, w * 0.7))
            rect.center = (round(cx + x - w / 2), round(cy + y))
            pygame.draw.arc(surf, lighter(fill, 0.3), rect, 0.2, math.pi - 0.2, lw)
            rect.center = (round(cx + x + w / 2), round(cy + y))
            pygame.draw.arc(surf, lighter(fill, 0.3), rect, math.pi + 0.2, 2 * math.pi - 0.2, lw)


def terrain_stamp(name: str, variant: int, s: float, terrain_index: int = 0) -> pygame.Surface:
    """One hex of terrain `name` (fill and pattern), colour-keyed outside the hex."""
    art = terrain_art(name)
    w, h = int(math.ceil(2 * s)) + 3, int(math.ceil(math.sqrt(3) * s)) + 3
    surf = pygame.Surface((w, h))
    surf.fill(KEY)
    surf.set_colorkey(KEY)
    cx, cy = w / 2, h / 2
    grow = s + 0.9       # overlap the neighbours a little: no seams between stamps
    poly = [(cx + grow * math.cos(math.radians(60 * i)), cy + grow * math.sin(math.radians(60 * i))) for i in range(6)]
    pygame.draw.polygon(surf, art.fill, poly)
    _pattern(surf, art.pattern, art.ink, art.fill, s, cx, cy, _rng(terrain_index, variant, 7))
    return surf


def mine_marks(s: float) -> list[tuple[float, float]]:
    """Where the marks of a minefield go in a hex of radius s (relative to its centre): a ring
    just inside the hex's edges (its corners, and from 18 px the middles of its sides too), so
    that the field shows round a counter standing on it (far out, where the counter fills most
    of the hex, the marks move out to the corners)."""
    k = 0.76 if s >= 10 else 0.92
    out = [(k * s * math.cos(math.radians(60 * i)), k * s * math.sin(math.radians(60 * i))) for i in range(6)]
    if s >= 18:
        out += [(k * s * 0.87 * math.cos(math.radians(60 * i + 30)), k * s * 0.87 * math.sin(math.radians(60 * i + 30)))
                for i in range(6)]
    return out


def mine_stamp(s: float, colour) -> pygame.Surface:
    """The mark of a minefield laid by a side of `colour`: a ring of small crosses inside the
    hex on a light halo, readable on every terrain and at every zoom."""
    w, h = int(math.ceil(2 * s)) + 3, int(math.ceil(math.sqrt(3) * s)) + 3
    surf = pygame.Surface((w, h), pygame.SRCALPHA)
    cx, cy = w / 2, h / 2
    a = max(1.0, 0.07 * s)                # half the size of a cross
    lw = max(1, round(s / 22))
    ink = darker(colour, 0.3)
    halo = (250, 246, 230, 200)
    marks = mine_marks(s)
    for x, y in marks:
        pygame.draw.circle(surf, halo, (cx + x, cy + y), a + lw + 0.5)
    for x, y in marks:
        px, py = cx + x, cy + y
        pygame.draw.line(surf, ink, (px - a, py - a), (px + a, py + a), lw)
        pygame.draw.line(surf, ink, (px - a, py + a), (px + a, py - a), lw)
    return surf


class StaticMap:
    """The static map of one scenario at one hex size, drawn in cached tiles."""

    def __init__(self, scenario, s: float, pal: Palette, margin: float | None = None, bake_labels: bool = True) -> None:
        self.scenario = scenario
        # Place names in the tiles (False: the owner draws them each frame, over the counters).
        self.bake_labels = bake_labels
        m = scenario.map
        self.geo = MapGeometry(m.columns, m.rows, s, margin)
        self.pal = pal
        self.s = s
        names = scenario.rules.terrain_names
        self.stamps = [[terrain_stamp(n, v, s, t) for v in range(VARIANTS)] for t, n in enumerate(names)]
        self.water = np.array([terrain_art(n).pattern == "water" for n in names], dtype=bool)[m.terrain]
        idx = np.arange(m.size)
        self.variant = ((idx * 2654435761) >> 7) % VARIANTS     # a fixed scatter of variants
        self.tiles: OrderedDict[tuple[int, int], pygame.Surface] = OrderedDict()
        self._grid_stamp = self._make_grid_stamp() if s >= 9 else None
        self._features = np.flatnonzero((m.road | m.rail | m.river_minor | m.river_major) != 0)
        self._coast = self._coast_edges()
        self._labels: dict[int, pygame.Surface | None] = {}
        self.mines = None if m.mines is None else m.mines.copy()     # side whose mines are in each hex, -1 none
        self._mine_stamps: dict[int, pygame.Surface] = {}

    def set_mines(self, mines: np.ndarray | None) -> bool:
        """Show these minefields (a state's `mines`: side per hex, -1 none; None: no minefields).
        The tiles of the hexes that changed are dropped, to be drawn again; nothing else is.
        True if anything changed."""
        old = self.mines
        if mines is None and old is None:
            return False
        if mines is not None and old is not None and np.array_equal(mines, old):
            return False
        size = self.scenario.map.size
        before = np.full(size, -1, dtype=np.int8) if old is None else old
        after = np.full(size, -1, dtype=np.int8) if mines is None else mines
        changed = np.flatnonzero(before != after)
        self.mines = None if mines is None else np.array(mines, dtype=np.int8)
        self._drop_tiles(changed)
        return True

    def _drop_tiles(self, hexes: np.ndarray) -> None:
        """Forget the cached tiles that show any of `hexes`."""
        if not len(hexes) or not self.tiles:
            return
        geo, s = self.geo, self.s
        keys = set()
        for x, y in zip(geo.cx[hexes].tolist(), geo.cy[hexes].tolist()):
            for tx in range(int(math.floor((x - s - 2) / TILE)), int(math.floor((x + s + 2) / TILE)) + 1):
                for ty in range(int(math.floor((y - s - 2) / TILE)), int(math.floor((y + s + 2) / TILE)) + 1):
                    keys.add((tx, ty))
        for key in keys:
            self.tiles.pop(key, None)

    def mine_stamp(self, side: int) -> pygame.Surface:
        stamp = self._mine_stamps.get(side)
        if stamp is None:
            stamp = mine_stamp(self.s, side_colour(self.scenario, side, self.pal))
            self._mine_stamps[side] = stamp
        return stamp

    # -- building blocks ------------------------------------------------------------
    def _make_grid_stamp(self) -> pygame.Surface:
        s = self.s
        w, h = int(math.ceil(2 * s)) + 3, int(math.ceil(math.sqrt(3) * s)) + 3
        surf = pygame.Surface((w, h), pygame.SRCALPHA)
        cx, cy = w / 2, h / 2
        poly = [(cx + s * math.cos(math.radians(60 * i)), cy + s * math.sin(math.radians(60 * i))) for i in range(6)]
        pygame.draw.polygon(surf, self.pal.grid, poly, 1)
        return surf

    def _coast_edges(self) -> list[tuple[int, int]]:
        """(hex, direction) of every hexside between water and land, seen from the water hex."""
        m = self.scenario.map
        water = self.water
        out = []
        for i in np.flatnonzero(water):
            for d in range(6):
                j = m.neighbors[i, d]
                if j >= 0 and not water[j]:
                    out.append((int(i), d))
        return out

    def label_surface(self, i: int) -> pygame.Surface | None:
        """The place name of hex i at this zoom, or None if it is not shown at this zoom."""
        got = self._labels.get(i)
        if got is not None or i in self._labels:
            return got
        m = self.scenario.map
        name = m.names.get(i)
        surf = None
        if name:
            terrain = self.scenario.rules.terrain_names[m.terrain[i]]
            big = terrain == "city" or m.vp[i] >= 5
            important = big or m.vp[i] > 0
            if self.s >= 10 or important:
                size = int(min(17, max(10, self.s * 0.42))) + (1 if big else 0)
                surf = fonts.halo_text(name, size, self.pal.label, self.pal.label_halo, bold=big)
        self._labels[i] = surf
        return surf

    # -- drawing --------------------------------------------------------------------------
    def label_offset(self) -> float:
        """Top of a place name below its hex centre, when no counter stands on the hex."""
        return 0.5 * self.s - 1

    def draw_region(self, target: pygame.Surface, x0: float, y0: float, w: int, h: int, labels: bool | None = None) -> None:
        """Draw the world rectangle (x0, y0, w, h) onto `target` at (0, 0).

        `labels`: draw the place names (default: `bake_labels`)."""
        geo, m, s = self.geo, self.scenario.map, self.s
        if labels is None:
            labels = self.bake_labels
        target.fill(self.pal.background)
        idx = geo.indices_in_rect(x0, y0, x0 + w, y0 + h, pad=2)
        if not len(idx):
            return
        sw, sh = self.stamps[0][0].get_size()
        px = np.round(geo.cx[idx] - x0 - sw / 2).astype(int)
        py = np.round(geo.cy[idx] - y0 - sh / 2).astype(int)
        terr = m.terrain[idx]
        var = self.variant[idx]
        stamps = self.stamps
        target.blits([(stamps[t][v], (x, y)) for t, v, x, y in zip(terr.tolist(), var.tolist(), px.tolist(), py.tolist())], doreturn=False)
        inside = np.zeros(m.size, dtype=bool)
        inside[idx] = True
        # Coastline on the water side of every water/land hexside.
        cw = max(1, round(s / 9))
        for i, d in self._coast:
            if inside[i]:
                a, b = geo.edge(i, d, -x0, -y0)
                pygame.draw.line(target, self.pal.coast, a, b, cw)
        if self._grid_stamp is not None:
            g = self._grid_stamp
            target.blits([(g, (x, y)) for x, y in zip(px.tolist(), py.tolist())], doreturn=False)
        feats = self._features[inside[self._features]]
        self._draw_rivers(target, feats, x0, y0)
        self._draw_routes(target, feats, x0, y0)
        forts = idx[m.fort[idx] > 0]
        for i in forts.tolist():
            self._draw_fort(target, i, x0, y0)
        if self.mines is not None:
            self._draw_mines(target, self.mines, idx, x0, y0)
        if labels and m.names:
            # Labels are wider than a hex: look a little beyond the region.
            pad = 6 * s + 60
            near = geo.indices_in_rect(x0, y0, x0 + w, y0 + h, pad=pad)
            near_set = set(near.tolist())
            for i, _ in m.names.items():
                if i not in near_set:
                    continue
                lab = self.label_surface(i)
                if lab is None:
                    continue
                lw, lh = lab.get_size()
                target.blit(lab, (round(geo.cx[i] - x0 - lw / 2), round(geo.cy[i] - y0 + self.label_offset())))

    def _draw_rivers(self, target: pygame.Surface, feats: np.ndarray, x0: float, y0: float) -> None:
        m, geo, s = self.scenario.map, self.geo, self.s
        col = self.pal.river
        for width, layer in ((max(1, round(s / 10)), m.river_minor), (max(2, round(s / 5)), m.river_major)):
            for i in feats.tolist():
                bits = int(layer[i])
                if not bits:
                    continue
                for d in range(6):
                    if bits & (1 << d):
                        a, b = geo.edge(i, d, -x0, -y0)
                        pygame.draw.line(target, col, a, b, width)
                        if width >= 3:
                            pygame.draw.circle(target, col, a, width / 2)
                            pygame.draw.circle(target, col, b, width / 2)

    def _draw_routes(self, target: pygame.Surface, feats: np.ndarray, x0: float, y0: float) -> None:
        m, geo, s, pal = self.scenario.map, self.geo, self.s, self.pal
        road_w = max(1, round(s / 11))
        cased = s >= 20
        for pass_ in (("casing", "road") if cased else ("road",)):
            w = road_w + 2 if pass_ == "casing" else road_w
            colour = pal.road_casing if pass_ == "casing" else pal.road
            for i in feats.tolist():
                bits = int(m.road[i])
                if not bits:
                    continue
                c = (geo.cx[i] - x0, geo.cy[i] - y0)
                for d in range(6):
                    if bits & (1 << d):
                        pygame.draw.line(target, colour, c, geo.edge_mid(i, d, -x0, -y0), w)
                if w >= 3:
                    pygame.draw.circle(target, colour, c, w / 2)
        rail_w = max(1, round(s / 18))
        tie = max(2.0, s / 8)
        for i in feats.tolist():
            bits = int(m.rail[i])
            if not bits:
                continue
            c = (geo.cx[i] - x0, geo.cy[i] - y0)
            for d in range(6):
                if not bits & (1 << d):
                    continue
                e = geo.edge_mid(i, d, -x0, -y0)
                pygame.draw.line(target, pal.rail, c, e, rail_w)
                if s >= 10:
                    dx, dy = e[0] - c[0], e[1] - c[1]
                    length = math.hypot(dx, dy) or 1
                    nx, ny = -dy / length * tie / 2, dx / length * tie / 2
                    n = max(1, int(length / max(4, s / 4)))
                    for k in range(n):
                        t = (k + 0.5) / n
                        px, py = c[0] + dx * t, c[1] + dy * t
                        pygame.draw.line(target, pal.rail, (px - nx, py - ny), (px + nx, py + ny), 1)

    def _draw_mines(self, target: pygame.Surface, mines: np.ndarray, idx: np.ndarray, x0: float, y0: float) -> None:
        """The minefields among hexes `idx`, each in the colour of the side that laid it."""
        mined = idx[mines[idx] >= 0]
        if not len(mined):
            return
        geo = self.geo
        blits = []
        for i, side in zip(mined.tolist(), mines[mined].tolist()):
            stamp = self.mine_stamp(side)
            w, h = stamp.get_size()
            blits.append((stamp, (round(geo.cx[i] - x0 - w / 2), round(geo.cy[i] - y0 - h / 2))))
        target.blits(blits, doreturn=False)

    def _draw_fort(self, target: pygame.Surface, i: int, x0: float, y0: float) -> None:
        """Fortifications: a small crenellated tower in the hex's upper left, level beside it."""
        s = self.s
        w = max(5.0, s * 0.3)
        h = w * 0.7
        cx, cy = self.geo.cx[i] - x0 - 0.5 * s, self.geo.cy[i] - y0 - 0.42 * s
        body = pygame.Rect(round(cx - w / 2), round(cy - h / 2), round(w), round(h))
        merlon = max(1, round(w / 5))
        ink, fill = (58, 48, 40), (150, 132, 112)
        pygame.draw.rect(target, fill, body)
        for k in (0, 2, 4):
            r = pygame.Rect(body.x + k * merlon, body.y - merlon, merlon, merlon)
            pygame.draw.rect(target, fill, r)
            pygame.draw.rect(target, ink, r, 1)
        pygame.draw.rect(target, ink, body, 1)
        level = int(self.scenario.map.fort[i])
        if level > 1 and s >= 14:
            t = fonts.text(str(level), max(8, int(s * 0.24)), ink, True)
            target.blit(t, (body.right + 2, body.y))

    # -- tiles ----------------------------------------------------------------------------
    def tile(self, tx: int, ty: int) -> pygame.Surface:
        key = (tx, ty)
        surf = self.tiles.get(key)
        if surf is None:
            surf = pygame.Surface((TILE, TILE)).convert() if pygame.display.get_surface() else pygame.Surface((TILE, TILE))
            self.draw_region(surf, tx * TILE, ty * TILE, TILE, TILE)
            self.tiles[key] = surf
        else:
            self.tiles.move_to_end(key)
        return surf

    def tile_pixels(self) -> int:
        return len(self.tiles) * TILE * TILE

    def drop_oldest(self) -> None:
        if self.tiles:
            self.tiles.popitem(last=False)


def minimap_image(scenario, width: int, height: int) -> pygame.Surface:
    """The whole map as a small picture: one coloured cell per hex (odd columns shifted)."""
    m = scenario.map
    names = scenario.rules.terrain_names
    colours = np.array([terrain_art(n).fill for n in names], dtype=np.uint8)
    rgb = colours[m.terrain].reshape(m.rows, m.columns, 3)
    # Two pixel rows per hex row, odd columns moved down by one: the hex stagger.
    big = np.repeat(rgb, 2, axis=0)
    img = np.zeros((m.rows * 2 + 1, m.columns, 3), dtype=np.uint8)
    img[:-1, 0::2] = big[:, 0::2]
    img[1:, 1::2] = big[:, 1::2]
    img[-1, 0::2] = big[-1, 0::2]
    img[0, 1::2] = big[0, 1::2]
    surf = pygame.surfarray.make_surface(np.ascontiguousarray(img.transpose(1, 0, 2)))
    # Columns are 1.5 s apart, rows sqrt(3) s: keep that aspect.
    aspect = (1.5 * m.columns + 0.5) / (math.sqrt(3) * (m.rows + 0.5))
    w, h = width, int(round(width / aspect))
    if h > height:
        h, w = height, int(round(height * aspect))
    size = (max(1, w), max(1, h))
    if w > 2 * m.columns:
        return pygame.transform.scale(surf, size)     # crisp cells on small maps
    return pygame.transform.smoothscale(surf, size)
