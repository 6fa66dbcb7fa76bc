"""The layers drawn over the map, each a small object with `draw(surface, ctx)`: the control
and supply overlays, the selected unit's range and costs, the move and attack arrows, the
interdicted hexes, the selection and the supply legend. They read the screen; they never
change it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pygame

from ui import eventlog
from ui.drawing import fonts
from ui.drawing.counters import fmt_value
from ui.drawing.palette import darker, lighter
from ui.drawing.view import side_colour
from ui.widgets import draw_panel

if TYPE_CHECKING:
    from ui.screens.game.screen import GameScreen


@dataclass(frozen=True)
class DrawContext:
    """What every layer of one frame reads: the screen, the state shown (the side's view under
    fog) and the range of the one selected unit (empty otherwise)."""

    screen: GameScreen
    st: Any
    reach: dict[int, float]


def draw_source(surface: pygame.Surface, centre: tuple[float, float], r: int, letter: str) -> None:
    pygame.draw.circle(surface, (250, 250, 240), centre, r)
    pygame.draw.circle(surface, (40, 90, 40), centre, r, 2)
    t = fonts.text(letter, max(8, int(r * 1.2)), (40, 90, 40), True)
    surface.blit(t, t.get_rect(center=centre))


class ControlLayer:
    """The control overlay (C): each hex tinted with the colour of the side that holds it."""

    def draw(self, surface: pygame.Surface, ctx: DrawContext) -> None:
        gs = ctx.screen
        st = ctx.st
        vis = gs.view.visible(pad=gs.view.s)
        control = st.control[vis]
        for side in range(len(gs.sc.sides)):
            colour = side_colour(gs.sc, side, gs.pal)
            gs.view.draw_hex_fills(surface, vis[control == side], (*colour, 70), 0.99)


class SupplyLayer:
    """The supply overlay (S) on the map; its legend is `SupplyLegend`."""

    def draw(self, surface: pygame.Surface, ctx: DrawContext) -> None:
        gs = ctx.screen
        st = ctx.st
        reach, connected, side = gs.supply_field(st)
        v = gs.view
        col = gs.supply_colours()
        vis = v.visible(pad=v.s)
        passable = ~gs.sc.rules.impassable[gs.sc.map.terrain[vis]]
        r, c = reach[vis], connected[vis]
        v.draw_hex_fills(surface, vis[passable & (r >= 0)], col["in"], 0.99)
        v.draw_hex_fills(surface, vis[passable & (r < 0) & (c >= 0)], col["far"], 0.99)
        v.draw_hex_hatch(surface, vis[passable & (c < 0)], col["none"])
        cut, far = gs.supply_units(st)
        width = max(2, int(v.s / 12))
        if len(far):
            v.draw_area_outline(surface, far, gs.pal.out_of_supply, width)
        if len(cut):
            v.draw_hex_fills(surface, cut, col["cut"], 0.99)
            v.draw_area_outline(surface, cut, gs.pal.isolated, width + 1)
        # Supply sources of the side: a ring with the kind's initial.
        for src in gs.sc.sources:
            if src.side != side:
                continue
            x, y = v.to_screen(src.hex)
            if not v.rect.collidepoint(x, y):
                continue
            draw_source(surface, (x, y - v.s * 0.45), max(6, int(v.s * 0.32)), src.kind[:1].upper())


class CostsLayer:
    """The selected unit's range: the hexes it may reach, each with its movement cost."""

    def draw(self, surface: pygame.Surface, ctx: DrawContext) -> None:
        gs = ctx.screen
        reach = ctx.reach
        if not reach:
            return
        gs.view.draw_hex_fills(surface, np.fromiter(reach.keys(), dtype=np.int64), gs.pal.reach, 0.97)
        v = gs.view
        if v.s < 15:
            return
        stacks, _ = gs.scene()
        size = max(9, int(v.s * 0.34))
        r = v.rect
        blits = []
        for i, cost in reach.items():
            if i in stacks or i == gs.hover:
                continue
            x, y = v.to_screen(i)
            if not (r.x - v.s < x < r.right + v.s and r.y - v.s < y < r.bottom + v.s):
                continue
            t = v.stamps.label(fmt_value(cost), size, (60, 50, 20), (255, 248, 200))
            blits.append((t, (round(x - t.get_width() / 2), round(y - t.get_height() / 2))))
        clip = surface.get_clip()
        surface.set_clip(r)
        surface.blits(blits, doreturn=False)
        surface.set_clip(clip)


class ArrowsLayer:
    """Arrows (A) of this and last turn's moves and attacks."""

    def draw(self, surface: pygame.Surface, ctx: DrawContext) -> None:
        gs = ctx.screen
        viewer = gs.own_side() if gs.session.fog else None
        arrows = gs._cached("arrows", gs._key(), lambda: eventlog.arrows(gs.game.events, gs.sc, gs.game.turn, viewer))
        if not arrows:
            return
        turn = gs.game.turn
        width = max(3, int(gs.view.s / 7))
        for a in arrows:
            alpha = 230 if a.turn == turn else 120
            if a.kind == "move":
                colour = lighter(side_colour(gs.sc, a.side, gs.pal), 0.15)
                gs.view.draw_arrow(surface, list(a.hexes), colour, width, shorten=gs.view.s * 0.3, alpha=alpha)
            else:
                gs.view.draw_arrow(surface, list(a.hexes), gs.pal.target, width + 1, shorten=gs.view.s * 0.55, alpha=alpha)


class InterdictionLayer:
    """Interdicted hexes: a cross in the colour of the side whose aircraft patrol them."""

    def draw(self, surface: pygame.Surface, ctx: DrawContext) -> None:
        gs = ctx.screen
        st = ctx.st
        hexes = np.flatnonzero(st.interdicted >= 0)
        v = gs.view
        for i in hexes.tolist():
            x, y = v.to_screen(i)
            if not v.rect.collidepoint(x, y):
                continue
            colour = side_colour(gs.sc, int(st.interdicted[i]), gs.pal)
            d = v.s * 0.45
            w = max(2, int(v.s / 9))
            pygame.draw.line(surface, colour, (x - d, y - d), (x + d, y + d), w)
            pygame.draw.line(surface, colour, (x - d, y + d), (x + d, y - d), w)


class SelectionLayer:
    """The hovered hex, the selected units, and the path or attack the mouse points at."""

    def draw(self, surface: pygame.Surface, ctx: DrawContext) -> None:
        gs = ctx.screen
        st = ctx.st
        reach = ctx.reach
        v = gs.view
        if 0 <= gs.hover < gs.sc.map.size:
            v.draw_hex_outline(surface, gs.hover, gs.pal.hover, max(1, int(v.s / 14)))
        for u in gs.selection:
            i = int(st.unit_hex[u])
            if i >= 0:
                v.draw_hex_outline(surface, i, gs.pal.select, max(2, int(v.s / 9)))
        if not gs.selection or gs.hover < 0:
            return
        h = gs.hover
        if gs.enemy_in(h) and gs.attackers_for(h):
            v.draw_hex_outline(surface, h, gs.pal.target, max(3, int(v.s / 7)), 0.86)
            for a in gs.attackers_for(h):
                v.draw_arrow(surface, [int(st.unit_hex[a]), h], gs.pal.target, max(2, int(v.s / 8)), shorten=v.s * 0.5)
            return
        if len(gs.selection) == 1 and h in reach:
            path = gs.path_to(gs.selection[0], h)
            if len(path) >= 2:
                v.draw_arrow(surface, path, gs.pal.path, max(2, int(v.s / 8)), shorten=v.s * 0.25)
            x, y = v.to_screen(h)
            t = v.stamps.label(f"{fmt_value(reach[h])} MP", max(10, int(v.s * 0.42)), (20, 20, 20), (255, 250, 210))
            surface.blit(t, t.get_rect(center=(x, y + v.s * 0.55)))


class SupplyLegend:
    """What the supply overlay's shades mean, in the map's upper right corner."""

    def draw(self, surface: pygame.Surface, ctx: DrawContext) -> None:
        gs = ctx.screen
        st = ctx.st
        _, _, side = gs.supply_field(st)
        cut, far = gs.supply_units(st)
        v, pal, a = gs.view, gs.pal, gs.app
        col = gs.supply_colours()
        hs = a.scaled(9)                      # swatch hex size
        paper = (232, 228, 201, 255)
        stamps = v.stamps
        rows: list[tuple[str, list | None]] = [
            ("in supply range", [stamps.hex_fill(hs, paper), stamps.hex_fill(hs, col["in"])]),
            ("out of range (a path to a source)", [stamps.hex_fill(hs, paper), stamps.hex_fill(hs, col["far"])]),
            ("no path to any source", [stamps.hex_fill(hs, paper), stamps.hex_hatch(hs, col["none"])]),
            (f"own units cut off ({len(cut)} hex{'es' if len(cut) != 1 else ''})",
             [stamps.hex_fill(hs, paper), stamps.hex_hatch(hs, col["none"]), stamps.hex_fill(hs, col["cut"]),
              stamps.hex_outline(hs, darker(pal.isolated, 0.6), 4, 0.9), stamps.hex_outline(hs, pal.isolated, 2, 0.9)]),
            (f"own units out of range ({len(far)} hex{'es' if len(far) != 1 else ''})",
             [stamps.hex_fill(hs, paper), stamps.hex_fill(hs, col["far"]),
              stamps.hex_outline(hs, darker(pal.out_of_supply, 0.6), 4, 0.9), stamps.hex_outline(hs, pal.out_of_supply, 2, 0.9)]),
        ]
        kinds = sorted({src.kind for src in gs.sc.sources if src.side == side})
        names = {"edge": "map edge"}
        if kinds:
            rows.append(("source: " + ", ".join(f"{k[:1].upper()} {names.get(k, k)}" for k in kinds), None))
        legend_box(surface, gs, f"Supply · {gs.sc.sides[side].name}", rows, hs,
                   lambda at: draw_source(surface, at, hs - 1, kinds[0][:1].upper()))



def legend_box(surface: pygame.Surface, gs, title_text: str, rows: list, hs: int, marker=None) -> None:
    """A legend panel at the top right of the map: a title, then a row per (label, stamp layers)
    with the layers drawn as the row's swatch; a row with no layers gets `marker((x, y))`."""
    v, pal, a = gs.view, gs.pal, gs.app
    size = gs.small
    title = fonts.text(title_text, size, pal.text, True)
    texts = [fonts.text(label, size, pal.text) for label, _ in rows]
    lh = max(2 * hs + a.scaled(3), fonts.font(size).get_linesize())
    pad = a.scaled(8)
    sw = 2 * hs + a.scaled(8)
    box = pygame.Rect(0, 0, max(title.get_width(), sw + max(t.get_width() for t in texts)) + 2 * pad,
                      title.get_height() + a.scaled(4) + len(rows) * lh + 2 * pad)
    # Top right: clear of the toasts and prompts (bottom, centre) and the objectives (top left).
    box.topright = (v.rect.right - a.scaled(10), v.rect.y + a.scaled(10))
    draw_panel(surface, box, pal, 235)
    surface.blit(title, (box.x + pad, box.y + pad))
    y = box.y + pad + title.get_height() + a.scaled(4)
    for (_, layers), t in zip(rows, texts):
        cx, cy = box.x + pad + hs + 1, y + lh // 2
        if layers is None:
            marker((cx, cy))
        else:
            for layer in layers:
                surface.blit(layer, layer.get_rect(center=(cx, cy)))
        surface.blit(t, (box.x + pad + sw, cy - t.get_height() // 2))
        y += lh


class ControlLegend:
    """What the control overlay's tints mean: each side's colour and how many hexes and VP it holds."""

    def draw(self, surface: pygame.Surface, ctx: DrawContext) -> None:
        gs = ctx.screen
        st = ctx.st
        v, pal, a, sc = gs.view, gs.pal, gs.app, gs.sc
        hs = a.scaled(9)
        paper = (232, 228, 201, 255)
        rows = []
        for side in range(len(sc.sides)):
            held = st.control == side
            vp = int(sc.map.vp[held].sum())
            rows.append((f"{sc.sides[side].name}: {int(held.sum())} hexes, {vp} VP", [v.stamps.hex_fill(hs, paper),
                         v.stamps.hex_fill(hs, (*side_colour(sc, side, pal), 70))]))
        free = int((st.control < 0).sum())
        if free:
            rows.append((f"nobody: {free} hexes", [v.stamps.hex_fill(hs, paper)]))
        legend_box(surface, gs, "Control (C to hide)", rows, hs)


class Layers:
    """One of each layer, in the order the screen draws them."""

    def __init__(self) -> None:
        self.control = ControlLayer()
        self.supply = SupplyLayer()
        self.costs = CostsLayer()
        self.arrows = ArrowsLayer()
        self.interdiction = InterdictionLayer()
        self.selection = SelectionLayer()
        self.supply_legend = SupplyLegend()
        self.control_legend = ControlLegend()
