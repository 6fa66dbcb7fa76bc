"""A camera over the map: zoom levels, panning, picking, and the per-frame layers.

`MapView` is shared by the game screen, the benchmark and `render_scenario_png`: the static
map comes from cached tiles (`mapart.StaticMap`), units and overlays are drawn on top each
frame with a few `blits` calls.
"""
from __future__ import annotations

import math
from typing import Iterable, Mapping, Sequence

import numpy as np
import pygame

from ui.drawing import fonts
from ui.drawing.counters import CounterArt, Look
from ui.drawing.mapart import TILE, StaticMap
from ui.drawing.palette import Palette, darker, side_colour

ZOOMS = (5, 6, 8, 10, 12, 15, 18, 22, 27, 33, 40, 48, 58, 70)
DEFAULT_ZOOM = 8          # index into ZOOMS (27 px)
TILE_BUDGET = 48 * 1024 * 1024 // 4     # pixels of cached tiles over all zoom levels (~48 MB)


def counter_size(s: float) -> int:
    return max(9, int(round(1.26 * s)))


def star_radius(s: float) -> float:
    return max(5.0, s * 0.3)


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

    def hex_hatch(self, s: float, rgba: tuple, scale: float = 1.0) -> pygame.Surface:
        """A hex of thin slanted lines (no fill): "no path" in the supply overlay.

        The lines run along the direction from a hex to its lower-right neighbour, spaced
        1.5 s / k apart: every hex centre then lies on the same family of lines, so the
        stamps join into one unbroken hatching across neighbouring hexes.
        """
        def make() -> pygame.Surface:
            w, h = int(math.ceil(2 * s)) + 3, int(math.ceil(math.sqrt(3) * s)) + 3
            surf = pygame.Surface((w, h), pygame.SRCALPHA)
            k = max(2, round(1.5 * s / max(5.0, s / 5)))
            d = 1.5 * s / k
            ux, uy = math.sqrt(3) / 2, 0.5         # along the lines
            nx, ny = -0.5, math.sqrt(3) / 2        # across them
            cx, cy = w / 2, h / 2
            length = w + h
            lw = max(1, round(s / 36))
            for j in range(-k * 2, k * 2):
                px, py = cx + nx * (j + 0.5) * d, cy + ny * (j + 0.5) * d
                pygame.draw.line(surf, rgba, (px - ux * length, py - uy * length), (px + ux * length, py + uy * length), lw)
            mask = pygame.Surface((w, h), pygame.SRCALPHA)
            r = s * scale
            pts = [(cx + r * math.cos(math.radians(60 * i)), cy + r * math.sin(math.radians(60 * i))) for i in range(6)]
            pygame.draw.polygon(mask, (255, 255, 255, 255), pts)
            surf.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MULT)
            return surf
        return self._get(("hatch", s, tuple(rgba), scale), make)

    def star(self, vp: int, colour: tuple, s: float) -> pygame.Surface:
        def make() -> pygame.Surface:
            r = star_radius(s)
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
        self._named = np.array(sorted(scenario.map.names), dtype=np.int64)
        self._labels_drawn = False
        self._badges: list[tuple[pygame.Surface, tuple[int, int]]] = []
        self._mines = None if scenario.map.mines is None else scenario.map.mines.copy()

    # -- zoom and camera ------------------------------------------------------------------
    @property
    def s(self) -> float:
        return float(self.zooms[self.level])

    def static(self, level: int | None = None) -> StaticMap:
        level = self.level if level is None else level
        sm = self._static.get(level)
        if sm is None:
            sm = StaticMap(self.scenario, float(self.zooms[level]), self.pal, bake_labels=False)
            sm.set_mines(self._mines)
            self._static[level] = sm
        return sm

    def set_mines(self, mines: np.ndarray | None) -> None:
        """The minefields to show (a state's `mines`). They are drawn into the cached map tiles:
        when they change (a field cleared, another state shown) only the tiles of the changed
        hexes are drawn again, at each zoom level already cached."""
        if mines is None and self._mines is None:
            return
        if mines is not None and self._mines is not None and np.array_equal(mines, self._mines):
            return
        self._mines = None if mines is None else np.array(mines, dtype=np.int8)
        for sm in self._static.values():
            sm.set_mines(self._mines)

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
        edge = geo.s          # the map fills the view: at most a hex's width of border shows
        if geo.width <= w:
            self.cam_x = -(w - geo.width) / 2
        else:
            self.cam_x = min(max(self.cam_x, -edge), geo.width - w + edge)
        if geo.height <= h:
            self.cam_y = -(h - geo.height) / 2
        else:
            self.cam_y = min(max(self.cam_y, -edge), geo.height - h + edge)

    def camera(self) -> tuple:
        """Where the view looks (zoom, position, rectangle): a frame drawn from another camera
        changed the whole map (ui/present.py presents it whole)."""
        return (self.level, self.cam_x, self.cam_y, tuple(self.rect))

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

    def centre_on(self, i: int, at: tuple[float, float] | None = None) -> None:
        """Bring hex i to the middle of the view, or to the screen point `at` (the middle of the
        part of the map a dialog leaves uncovered)."""
        geo = self.geo
        ax, ay = (self.rect.width / 2, self.rect.height / 2) if at is None else (at[0] - self.rect.x, at[1] - self.rect.y)
        self.cam_x = geo.cx[i] - ax
        self.cam_y = geo.cy[i] - ay
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
        """The cached map tiles in view (with the minefields of `set_mines`)."""
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
        self.draw_hex_stamps(surface, hexes, self.stamps.hex_fill(self.geo.s, rgba, scale))

    def draw_hex_hatch(self, surface: pygame.Surface, hexes: Iterable[int], rgba: tuple, scale: float = 1.0) -> None:
        self.draw_hex_stamps(surface, hexes, self.stamps.hex_hatch(self.geo.s, rgba, scale))

    def draw_hex_stamps(self, surface: pygame.Surface, hexes: Iterable[int], stamp: pygame.Surface) -> None:
        """`stamp` (centred) on each of `hexes`, in one `blits` call."""
        geo = self.geo
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

    def draw_area_outline(self, surface: pygame.Surface, hexes: Iterable[int], rgb: tuple, width: int = 3) -> None:
        """One outline round a group of hexes: only the hexsides facing hexes outside the group,
        in `rgb` on a dark casing. A pocket reads as one ring, not a honeycomb."""
        group = {int(i) for i in hexes}
        if not group:
            return
        m = self.scenario.map
        geo = self.geo
        r = self.rect
        dx, dy = r.x - self.cam_x, r.y - self.cam_y
        pad = 2 * geo.s
        edges = []
        for i in group:
            x, y = geo.cx[i] + dx, geo.cy[i] + dy
            if not (r.x - pad < x < r.right + pad and r.y - pad < y < r.bottom + pad):
                continue
            for d in range(6):
                if int(m.neighbors[i, d]) not in group:
                    edges.append(geo.edge(i, d, dx, dy))
        if not edges:
            return
        clip = surface.get_clip()
        surface.set_clip(r)
        casing = darker(rgb, 0.6)
        for colour, w in ((casing, width + 2), (rgb, width)):
            for a, b in edges:
                pygame.draw.line(surface, colour, a, b, w)
                if w >= 3:
                    pygame.draw.circle(surface, colour, a, w / 2)
                    pygame.draw.circle(surface, colour, b, w / 2)
        surface.set_clip(clip)

    def draw_hex_outline(self, surface: pygame.Surface, i: int, rgb: tuple, width: int = 2, scale: float = 0.94) -> None:
        stamp = self.stamps.hex_outline(self.geo.s, rgb, width, scale)
        x, y = self.to_screen(i)
        w, h = stamp.get_size()
        surface.blit(stamp, (round(x - w / 2), round(y - h / 2)))

    def stack_offset(self) -> float:
        return max(2.0, counter_size(self.s) * 0.09)

    def draw_units(self, surface: pygame.Surface, stacks: Mapping[int, Sequence[int]], looks: Mapping[int, Look],
                   moving: dict[int, tuple[float, float]] | None = None, hidden: set[int] | None = None,
                   labels: bool = True, control: np.ndarray | None = None) -> None:
        """Counters of every stack in view (bottom first), in one `blits` call, over the place
        names and (given `control`) the VP stars: counters always win.

        `moving` gives world positions (at the current zoom) of units being animated. Place
        names go below the stack where units stand on the named hex, or above it when that
        place is taken; where a name still runs into a counter, the counter hides it.
        """
        geo = self.geo
        c = counter_size(self.s)
        off = self.stack_offset()
        art = self.counters
        sh = art.shadow_offset(c)
        r = self.rect
        ox, oy = r.x - self.cam_x - c / 2, r.y - self.cam_y - c / 2
        x0, y0, x1, y1 = r.x - 2 * c, r.y - 2 * c, r.right + c, r.bottom + c
        blits = []
        badges = []
        rects = []          # screen rectangles of the stacks
        drop: dict[int, tuple[float, float]] = {}     # named hex with units -> its stack's top and bottom
        named = self.scenario.map.names
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
            rects.append(pygame.Rect(round(cx - base), round(cy - base), round(c + 2 * base) + sh, round(c + 2 * base) + sh))
            if i in named:
                drop[i] = (cy - base, cy + base + c + sh)
            if n > 1 and c >= 14:
                b = art.count_badge(n, c)
                badges.append((b, (round(cx - base + (n - 1) * off + c - b.get_width() * 0.7), round(cy + base - (n - 1) * off - b.get_height() * 0.3))))
        if moving:
            for u, (wx, wy) in moving.items():
                if u in looks:
                    blits.append((art.sprite(u, looks[u], c), (round(wx + ox), round(wy + oy))))
        clip = surface.get_clip()
        surface.set_clip(r)
        names = self._visible_labels(drop, rects) if labels else []
        if names:
            surface.blits([(lab, pos) for _, lab, pos in names], doreturn=False)
        if control is not None:
            surface.blits(self._star_blits(control), doreturn=False)
        surface.blits(blits, doreturn=False)
        if badges:
            surface.blits(badges, doreturn=False)       # over the names too: the count stays readable
        surface.set_clip(clip)
        self._labels_drawn = labels
        self._badges = badges           # `draw_stars` puts back any a star would cover

    def _label_order(self) -> np.ndarray:
        """Named hexes, most important first (VP, then cities): they get the free places."""
        order = getattr(self, "_named_order", None)
        if order is None:
            m = self.scenario.map
            city = np.array([self.scenario.rules.terrain_names[t] == "city" for t in m.terrain[self._named]], dtype=bool)
            keys = sorted(range(len(self._named)), key=lambda k: (-int(m.vp[self._named[k]]), not city[k], int(self._named[k])))
            order = self._named[np.array(keys, dtype=np.int64)] if keys else self._named
            self._named_order = order
        return order

    def _visible_labels(self, drop: dict[int, tuple[float, float]] | None = None, stacks: list[pygame.Rect] | None = None
                        ) -> list[tuple[int, pygame.Surface, tuple[int, int]]]:
        """(hex, name, screen position) of the place names in view at this zoom, to draw in order.

        A name goes below its hex centre, or, where units stand on the hex, just below the
        stack (`drop`: hex -> screen y of the stack's top and bottom edges). Where a more
        important name already took that place, the name goes above the centre (the stack).
        """
        named = self._label_order()
        if not len(named):
            return []
        sm = self.static()
        geo, s, r = sm.geo, sm.s, self.rect
        xs = geo.cx[named] - self.cam_x + r.x
        ys = geo.cy[named] - self.cam_y + r.y
        pad = 6 * s + 60            # names are wider than a hex
        keep = (xs > r.x - pad) & (xs < r.right + pad) & (ys > r.y - 2 * s) & (ys < r.bottom + 2 * s)
        if not keep.any():
            return []
        below = sm.label_offset()
        drop = drop or {}
        out = []
        placed = self._star_rects()         # a name keeps clear of the VP stars
        blocked = list(stacks or [])        # and of the counters, which are drawn over it
        for i, x, y in zip(named[keep].tolist(), xs[keep].tolist(), ys[keep].tolist()):
            lab = sm.label_surface(i)
            if lab is None:
                continue
            lw, lh = lab.get_size()
            left = round(x - lw / 2)
            stack = drop.get(i)
            if stack is None:
                tops = (y + below, y - below - lh)
            else:
                # The text's first and last pixel rows are blank (ascent, descent): tuck it in.
                tuck = max(1.0, lh * 0.14)
                tops = (stack[1] - tuck, stack[0] - lh + tuck)
            best_cost = -1
            best, best_core = tops[0], pygame.Rect(0, 0, 0, 0)
            for top in tops:
                # The letters' box, without the blank rows and the halo.
                core = pygame.Rect(left + 2, round(top + lh * 0.18), lw - 4, max(1, round(lh * 0.64)))
                cost = 0
                for k in core.collidelistall(placed):
                    o = core.clip(placed[k])
                    cost += o.width * o.height
                for k in core.collidelistall(blocked):
                    o = core.clip(blocked[k])
                    cost += 4 * o.width * o.height
                if best_cost < 0 or cost < best_cost:
                    best, best_cost, best_core = top, cost, core
                if not cost:
                    break
            placed.append(best_core)
            out.append((i, lab, (left, round(best))))
        out.reverse()               # the most important name last, on top
        return out

    def _vp_list(self) -> np.ndarray:
        vp_hexes = getattr(self, "_vp_hexes", None)
        if vp_hexes is None:
            vp_hexes = np.flatnonzero(self.scenario.map.vp > 0)
            self._vp_hexes = vp_hexes
        return vp_hexes

    def _star_rects(self) -> list[pygame.Rect]:
        """The bodies of the VP stars in view, on screen."""
        vp = self._vp_list()
        if not len(vp):
            return []
        s, r = self.s, self.rect
        sx, sy = self.star_centre(vp)
        keep = (sx > r.x - s) & (sx < r.right + s) & (sy > r.y - s) & (sy < r.bottom + s)
        k = round(star_radius(s) * 0.75)
        return [pygame.Rect(round(x) - k, round(y) - k, 2 * k, 2 * k) for x, y in zip(sx[keep].tolist(), sy[keep].tolist())]

    def draw_labels(self, surface: pygame.Surface) -> None:
        """The place names alone (`draw_units` draws them with the counters)."""
        names = self._visible_labels()
        if names:
            clip = surface.get_clip()
            surface.set_clip(self.rect)
            surface.blits([(lab, pos) for _, lab, pos in names], doreturn=False)
            surface.set_clip(clip)

    def star_centre(self, i):
        """Where the VP star of hex i (or of an array of hexes) goes: by the hex's left corner,
        beside the counter, in the gap between the counters of the hex and of its two left
        neighbours. It hides neither the stack count, the step pips nor the supply marker of
        the counter on the hex."""
        s = self.s
        geo = self.geo
        x = geo.cx[i] - self.cam_x + self.rect.x
        y = geo.cy[i] - self.cam_y + self.rect.y
        return x - max(0.84 * s, counter_size(s) / 2 + 0.75 * star_radius(s)), y - 0.1 * s

    def draw_stars(self, surface: pygame.Surface, control: np.ndarray) -> None:
        """Victory hexes: a star with the VP, coloured by the side that controls it.

        Draws the place names first unless `draw_units` did since the last call.
        """
        if not self._labels_drawn:
            self.draw_labels(surface)
        self._labels_drawn = False
        blits = self._star_blits(control)
        clip = surface.get_clip()
        surface.set_clip(self.rect)
        surface.blits(blits, doreturn=False)
        # A stack count next door stays on top of the star.
        if self._badges and blits:
            stars = [pygame.Rect(pos, star.get_size()) for star, pos in blits]
            again = [(b, pos) for b, pos in self._badges if pygame.Rect(pos, b.get_size()).collidelist(stars) >= 0]
            if again:
                surface.blits(again, doreturn=False)
        self._badges = []
        surface.set_clip(clip)

    def _star_blits(self, control: np.ndarray) -> list[tuple[pygame.Surface, tuple[int, int]]]:
        m = self.scenario.map
        s = self.geo.s
        vp_hexes = self._vp_list()
        blits = []
        if len(vp_hexes):
            r = self.rect
            sx, sy = self.star_centre(vp_hexes)
            keep = (sx > r.x - s) & (sx < r.right + s) & (sy > r.y - s) & (sy < r.bottom + s)
            for i, x, y in zip(vp_hexes[keep].tolist(), sx[keep].tolist(), sy[keep].tolist()):
                side = int(control[i])
                colour = side_colour(self.scenario, side, self.pal) if side >= 0 else (200, 200, 190)
                star = self.stamps.star(int(m.vp[i]), colour, s)
                w, h = star.get_size()
                blits.append((star, (round(x - w / 2), round(y - h / 2))))
        return blits

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
