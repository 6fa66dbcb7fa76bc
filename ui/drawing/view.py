"""A camera over the map: zoom levels, panning, picking, and the per-frame layers.

`MapView` is shared by the game screen, the benchmark and `render_scenario_png`: the static
map comes from cached tiles (`mapart.StaticMap`), units and overlays are drawn on top each
frame with a few `blits` calls.
"""
from __future__ import annotations

import math
from typing import Iterable, Sequence

import numpy as np
import pygame

from ui.drawing import fonts
from ui.drawing.counters import CounterArt, Look
from ui.drawing.mapart import TILE, StaticMap
from ui.drawing.palette import Palette, darker, hex_colour

ZOOMS = (5, 6, 8, 10, 12, 15, 18, 22, 27, 33, 40, 48, 58, 70)
DEFAULT_ZOOM = 8          # index into ZOOMS (27 px)
TILE_BUDGET = 48 * 1024 * 1024 // 4     # pixels of cached tiles over all zoom levels (~48 MB)


def counter_size(s: float) -> int:
    return max(9, int(round(1.26 * s)))


def side_colour(scenario, side: int, pal: Palette) -> tuple[int, int, int]:
    if pal.side_override and side < len(pal.side_override):
        return pal.side_override[side]
    return hex_colour(scenario.sides[side].colour)


class Stamps:
    """Small cached sprites: translucent hex fills, outlines, VP stars, cost labels."""

    def __init__(self) -> None:
        self._cache: dict[tuple, pygame.Surface] = {}

    def _get(self, key: tuple, make) -> pygame.Surface:
        s = self._cache.get(key)
        if s is None:
            if len(self._cache) > 3000:
                self._cache.clear()
            s = make()
            self._cache[key] = s
        return s

    def hex_fill(self, s: float, rgba: tuple, scale: float = 1.0) -> pygame.Surface:
        def make() -> pygame.Surface:
            w, h = int(math.ceil(2 * s)) + 3, int(math.ceil(math.sqrt(3) * s)) + 3
            surf = pygame.Surface((w, h), pygame.SRCALPHA)
            r = s * scale
            pts = [(w / 2 + r * math.cos(math.radians(60 * i)), h / 2 + r * math.sin(math.radians(60 * i))) for i in range(6)]
            pygame.draw.polygon(surf, rgba, pts)
            return surf
        return self._get(("fill", s, tuple(rgba), scale), make)

    def hex_outline(self, s: float, rgb: tuple, width: int, scale: float = 0.94) -> pygame.Surface:
        def make() -> pygame.Surface:
            w, h = int(math.ceil(2 * s)) + 5, int(math.ceil(math.sqrt(3) * s)) + 5
            surf = pygame.Surface((w, h), pygame.SRCALPHA)
            r = s * scale
            pts = [(w / 2 + r * math.cos(math.radians(60 * i)), h / 2 + r * math.sin(math.radians(60 * i))) for i in range(6)]
            pygame.draw.polygon(surf, rgb, pts, width)
            return surf
        return self._get(("outline", s, tuple(rgb), width, scale), make)

    def star(self, vp: int, colour: tuple, s: float) -> pygame.Surface:
        def make() -> pygame.Surface:
            r = max(5.0, s * 0.3)
            size = int(2 * r + 4)
            surf = pygame.Surface((size, size), pygame.SRCALPHA)
            c = size / 2
            pts = []
            for k in range(10):
                rr = r if k % 2 == 0 else r * 0.5
                a = math.radians(-90 + 36 * k)
                pts.append((c + rr * math.cos(a), c + rr * math.sin(a)))
            pygame.draw.polygon(surf, colour, pts)
            pygame.draw.polygon(surf, darker(colour, 0.6), pts, 1)
            if r >= 7:
                lum = 0.3 * colour[0] + 0.59 * colour[1] + 0.11 * colour[2]
                ink = (0, 0, 0) if lum > 140 else (255, 255, 255)
                t = fonts.text(str(vp), max(7, int(r * 0.85)), ink, True)
                surf.blit(t, t.get_rect(center=(c, c + r * 0.08)))
            return surf
        return self._get(("star", vp, tuple(colour), s), make)

    def label(self, text: str, size: int, colour: tuple, halo: tuple) -> pygame.Surface:
        return fonts.halo_text(text, size, colour, halo, bold=True)


class MapView:
    """Camera and layers over one scenario's map inside a screen rectangle."""

    def __init__(self, scenario, pal: Palette, rect: pygame.Rect, level: int = DEFAULT_ZOOM,
                 zooms: Sequence[float] | None = None) -> None:
        self.scenario = scenario
        self.pal = pal
        self.rect = pygame.Rect(rect)
        self.zooms = tuple(zooms or ZOOMS)
        self.level = max(0, min(len(self.zooms) - 1, level))
        self.cam_x = 0.0      # world pixel (at the current zoom) at the top-left of rect
        self.cam_y = 0.0
        self._static: dict[int, StaticMap] = {}
        self.counters = CounterArt(scenario, pal)
        self.stamps = Stamps()

    # -- zoom and camera ------------------------------------------------------------------
    @property
    def s(self) -> float:
        return float(self.zooms[self.level])

    def static(self, level: int | None = None) -> StaticMap:
        level = self.level if level is None else level
        sm = self._static.get(level)
        if sm is None:
            sm = StaticMap(self.scenario, float(self.zooms[level]), self.pal)
            self._static[level] = sm
        return sm

    @property
    def geo(self):
        return self.static().geo

    def set_palette(self, pal: Palette) -> None:
        self.pal = pal
        self._static.clear()
        self.counters = CounterArt(self.scenario, pal)
        self.stamps = Stamps()

    def set_rect(self, rect: pygame.Rect) -> None:
        cx, cy = self.cam_x + self.rect.width / 2, self.cam_y + self.rect.height / 2
        self.rect = pygame.Rect(rect)
        self.cam_x, self.cam_y = cx - self.rect.width / 2, cy - self.rect.height / 2
        self.clamp()

    def clamp(self) -> None:
        geo = self.geo
        w, h = self.rect.width, self.rect.height
        if geo.width <= w:
            self.cam_x = -(w - geo.width) / 2
        else:
            self.cam_x = min(max(self.cam_x, -w * 0.25), geo.width - w * 0.75)
        if geo.height <= h:
            self.cam_y = -(h - geo.height) / 2
        else:
            self.cam_y = min(max(self.cam_y, -h * 0.25), geo.height - h * 0.75)

    def pan(self, dx: float, dy: float) -> None:
        self.cam_x += dx
        self.cam_y += dy
        self.clamp()

    def zoom_at(self, steps: int, screen_pos: tuple[int, int] | None = None) -> bool:
        """Zoom by `steps` levels keeping the map point under `screen_pos` still."""
        new = max(0, min(len(self.zooms) - 1, self.level + steps))
        if new == self.level:
            return False
        if screen_pos is None:
            screen_pos = self.rect.center
        old_geo = self.geo
        sx, sy = screen_pos[0] - self.rect.x, screen_pos[1] - self.rect.y
        wx, wy = self.cam_x + sx, self.cam_y + sy
        # In hex units relative to the grid origin, the same point at any zoom.
        ux, uy = (wx - old_geo.ox) / old_geo.s, (wy - old_geo.oy) / old_geo.s
        self.level = new
        geo = self.geo
        self.cam_x = geo.ox + ux * geo.s - sx
        self.cam_y = geo.oy + uy * geo.s - sy
        self.clamp()
        self._trim_tiles()
        return True

    def fit(self) -> None:
        """The largest zoom that shows the whole map (or the smallest zoom)."""
        for lvl in range(len(self.zooms) - 1, -1, -1):
            w, h = _geo_size(self.scenario, self.zooms[lvl])
            if w <= self.rect.width and h <= self.rect.height:
                self.level = lvl
                break
        else:
            self.level = 0
        self.clamp()

    def centre_on(self, i: int) -> None:
        geo = self.geo
        self.cam_x = geo.cx[i] - self.rect.width / 2
        self.cam_y = geo.cy[i] - self.rect.height / 2
        self.clamp()

    def centre_world(self, fx: float, fy: float) -> None:
        """Centre on a fraction (0..1, 0..1) of the whole map."""
        geo = self.geo
        self.cam_x = fx * geo.width - self.rect.width / 2
        self.cam_y = fy * geo.height - self.rect.height / 2
        self.clamp()

    def hex_at(self, pos: tuple[int, int]) -> int:
        if not self.rect.collidepoint(pos):
            return -1
        return self.geo.pick(pos[0] - self.rect.x + self.cam_x, pos[1] - self.rect.y + self.cam_y)

    def to_screen(self, i: int) -> tuple[float, float]:
        geo = self.geo
        return geo.cx[i] - self.cam_x + self.rect.x, geo.cy[i] - self.cam_y + self.rect.y

    def visible(self, pad: float = 0.0) -> np.ndarray:
        return self.geo.indices_in_rect(self.cam_x, self.cam_y, self.cam_x + self.rect.width, self.cam_y + self.rect.height, pad)

    def visible_fraction(self) -> tuple[float, float, float, float]:
        """The view as fractions of the whole map (x, y, w, h), for the minimap."""
        geo = self.geo
        return (self.cam_x / geo.width, self.cam_y / geo.height, self.rect.width / geo.width, self.rect.height / geo.height)

    def _trim_tiles(self) -> None:
        total = sum(sm.tile_pixels() for sm in self._static.values())
        if total <= TILE_BUDGET:
            return
        for lvl in sorted(self._static, key=lambda k: -abs(k - self.level)):
            sm = self._static[lvl]
            while sm.tiles and total > TILE_BUDGET:
                total -= TILE * TILE
                sm.drop_oldest()
            if lvl != self.level and not sm.tiles:
                del self._static[lvl]

    # -- layers ---------------------------------------------------------------------------
    def draw_static(self, surface: pygame.Surface) -> None:
        sm = self.static()
        r = self.rect
        surface.fill(self.pal.background, r)
        tx0, ty0 = int(math.floor(self.cam_x / TILE)), int(math.floor(self.cam_y / TILE))
        tx1, ty1 = int(math.floor((self.cam_x + r.width - 1) / TILE)), int(math.floor((self.cam_y + r.height - 1) / TILE))
        max_tx, max_ty = (sm.geo.width - 1) // TILE, (sm.geo.height - 1) // TILE
        clip = surface.get_clip()
        surface.set_clip(r)
        blits = []
        for ty in range(max(0, ty0), min(max_ty, ty1) + 1):
            for tx in range(max(0, tx0), min(max_tx, tx1) + 1):
                blits.append((sm.tile(tx, ty), (round(r.x + tx * TILE - self.cam_x), round(r.y + ty * TILE - self.cam_y))))
        surface.blits(blits, doreturn=False)
        # The map's edge.
        edge = pygame.Rect(round(r.x - self.cam_x), round(r.y - self.cam_y), sm.geo.width, sm.geo.height)
        pygame.draw.rect(surface, darker(self.pal.background, 0.4), edge.inflate(2, 2), 1)
        surface.set_clip(clip)
        if len(sm.tiles) > 64:
            self._trim_tiles()

    def draw_hex_fills(self, surface: pygame.Surface, hexes: Iterable[int], rgba: tuple, scale: float = 1.0) -> None:
        geo = self.geo
        stamp = self.stamps.hex_fill(geo.s, rgba, scale)
        w, h = stamp.get_size()
        ox, oy = self.rect.x - self.cam_x - w / 2, self.rect.y - self.cam_y - h / 2
        idx = np.fromiter(hexes, dtype=np.int64) if not isinstance(hexes, np.ndarray) else hexes
        if not len(idx):
            return
        xs = np.round(geo.cx[idx] + ox).astype(int).tolist()
        ys = np.round(geo.cy[idx] + oy).astype(int).tolist()
        clip = surface.get_clip()
        surface.set_clip(self.rect)
        surface.blits([(stamp, (x, y)) for x, y in zip(xs, ys)], doreturn=False)
        surface.set_clip(clip)

    def draw_hex_outline(self, surface: pygame.Surface, i: int, rgb: tuple, width: int = 2, scale: float = 0.94) -> None:
        stamp = self.stamps.hex_outline(self.geo.s, rgb, width, scale)
        x, y = self.to_screen(i)
        w, h = stamp.get_size()
        surface.blit(stamp, (round(x - w / 2), round(y - h / 2)))

    def stack_offset(self) -> float:
        return max(2.0, counter_size(self.s) * 0.09)

    def draw_units(self, surface: pygame.Surface, stacks: dict[int, Sequence[int]], looks: dict[int, Look],
                   moving: dict[int, tuple[float, float]] | None = None, hidden: set[int] | None = None) -> None:
        """Counters of every stack in view (bottom first), in one `blits` call.

        `moving` gives world positions (at the current zoom) of units being animated.
        """
        geo = self.geo
        c = counter_size(self.s)
        off = self.stack_offset()
        art = self.counters
        r = self.rect
        ox, oy = r.x - self.cam_x - c / 2, r.y - self.cam_y - c / 2
        x0, y0, x1, y1 = r.x - 2 * c, r.y - 2 * c, r.right + c, r.bottom + c
        blits = []
        badges = []
        hidden = hidden or set()
        for i, units in stacks.items():
            cx, cy = geo.cx[i] + ox, geo.cy[i] + oy
            if not (x0 <= cx <= x1 and y0 <= cy <= y1):
                continue
            shown = [u for u in units if u not in hidden and (not moving or u not in moving)]
            n = len(shown)
            if not n:
                continue
            base = (n - 1) * off / 2
            for k, u in enumerate(shown):
                blits.append((art.sprite(u, looks[u], c), (round(cx - base + k * off), round(cy + base - k * off))))
            if n > 1 and c >= 14:
                b = art.count_badge(n, c)
                badges.append((b, (round(cx - base + (n - 1) * off + c - b.get_width() * 0.7), round(cy + base - (n - 1) * off - b.get_height() * 0.3))))
        if moving:
            for u, (wx, wy) in moving.items():
                if u in looks:
                    blits.append((art.sprite(u, looks[u], c), (round(wx + ox), round(wy + oy))))
        clip = surface.get_clip()
        surface.set_clip(r)
        surface.blits(blits, doreturn=False)
        if badges:
            surface.blits(badges, doreturn=False)
        surface.set_clip(clip)

    def draw_stars(self, surface: pygame.Surface, control: np.ndarray) -> None:
        """Victory hexes: a star with the VP, coloured by the side that controls it."""
        m = self.scenario.map
        geo = self.geo
        s = geo.s
        vp_hexes = getattr(self, "_vp_hexes", None)
        if vp_hexes is None:
            vp_hexes = np.flatnonzero(m.vp > 0)
            self._vp_hexes = vp_hexes
        blits = []
        for i in vp_hexes.tolist():
            side = int(control[i])
            colour = side_colour(self.scenario, side, self.pal) if side >= 0 else (200, 200, 190)
            star = self.stamps.star(int(m.vp[i]), colour, s)
            x, y = self.to_screen(i)
            w, h = star.get_size()
            blits.append((star, (round(x + 0.52 * s - w / 2), round(y - 0.5 * s - h / 2))))
        clip = surface.get_clip()
        surface.set_clip(self.rect)
        surface.blits(blits, doreturn=False)
        surface.set_clip(clip)

    def draw_arrow(self, surface: pygame.Surface, hexes: Sequence[int], colour: tuple, width: int = 3,
                   shorten: float = 0.0, alpha: int = 255) -> None:
        """A polyline through hex centres with an arrowhead at the end."""
        if len(hexes) < 2:
            return
        pts = [self.to_screen(i) for i in hexes]
        if shorten:
            (ax, ay), (bx, by) = pts[-2], pts[-1]
            d = math.hypot(bx - ax, by - ay) or 1
            pts[-1] = (bx - (bx - ax) / d * shorten, by - (by - ay) / d * shorten)
        draw_arrow_points(surface, pts, colour, width, max(6.0, self.s * 0.38), alpha, self.rect)


def draw_arrow_points(surface: pygame.Surface, pts: list[tuple[float, float]], colour: tuple, width: int,
                      head: float, alpha: int = 255, clip_rect: pygame.Rect | None = None) -> None:
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    pad = int(head + width + 2)
    box = pygame.Rect(int(min(xs)) - pad, int(min(ys)) - pad, int(max(xs) - min(xs)) + 2 * pad, int(max(ys) - min(ys)) + 2 * pad)
    if clip_rect is not None and not box.colliderect(clip_rect):
        return
    layer = pygame.Surface(box.size, pygame.SRCALPHA)
    local = [(x - box.x, y - box.y) for x, y in pts]
    dark = darker(colour, 0.5)
    (ax, ay), (bx, by) = local[-2], local[-1]
    d = math.hypot(bx - ax, by - ay) or 1
    ux, uy = (bx - ax) / d, (by - ay) / d
    tip = (bx, by)
    base = (bx - ux * head, by - uy * head)
    left = (base[0] - uy * head * 0.55, base[1] + ux * head * 0.55)
    right = (base[0] + uy * head * 0.55, base[1] - ux * head * 0.55)
    body = local[:-1] + [base]
    pygame.draw.lines(layer, dark, False, body, width + 2)
    pygame.draw.polygon(layer, dark, [tip, left, right])
    pygame.draw.lines(layer, colour, False, body, width)
    for p in body[1:-1]:
        pygame.draw.circle(layer, colour, p, width / 2)
    inner = 0.7
    pygame.draw.polygon(layer, colour, [(base[0] + (tip[0] - base[0]) * inner, base[1] + (tip[1] - base[1]) * inner),
                                        (base[0] - uy * head * 0.4, base[1] + ux * head * 0.4),
                                        (base[0] + uy * head * 0.4, base[1] - ux * head * 0.4)])
    if alpha < 255:
        layer.set_alpha(alpha)
    clip = surface.get_clip()
    if clip_rect is not None:
        surface.set_clip(clip_rect)
    surface.blit(layer, box.topleft)
    surface.set_clip(clip)


def _geo_size(scenario, s: float) -> tuple[int, int]:
    from ui.drawing.geometry import MapGeometry

    g = MapGeometry(scenario.map.columns, 1, s)
    m = max(4.0, s * 0.4)
    height = int(math.ceil(2 * m + math.sqrt(3) * s * (scenario.map.rows + (0.5 if scenario.map.columns > 1 else 0))))
    return g.width, height
