"""Colours of the map and the interface: one calm standard palette and a colour-blind-safe one.

Terrain colours are muted paper-map tones so that counters and overlays stand out. The
colour-blind palette (after Okabe and Ito) replaces the hues that carry meaning: the two
sides, the movement range, supply and attack markers. Patterns and letters double every
colour that carries meaning, so nothing is told by hue alone.
"""
from __future__ import annotations

from dataclasses import dataclass, field

RGB = tuple[int, int, int]


def hex_colour(text: str, default: RGB = (128, 128, 128)) -> RGB:
    """'#rrggbb' -> (r, g, b)."""
    try:
        t = text.lstrip("#")
        return (int(t[0:2], 16), int(t[2:4], 16), int(t[4:6], 16))
    except (ValueError, IndexError, AttributeError):
        return default


def mix(a: RGB, b: RGB, t: float) -> RGB:
    """Linear blend: t=0 gives a, t=1 gives b."""
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def darker(c: RGB, t: float = 0.35) -> RGB:
    return mix(c, (0, 0, 0), t)


def lighter(c: RGB, t: float = 0.35) -> RGB:
    return mix(c, (255, 255, 255), t)


@dataclass(frozen=True)
class TerrainArt:
    """How a terrain type looks: base fill, pattern kind and pattern colour."""

    fill: RGB
    pattern: str          # plain, bocage, forest, marsh, hills, rough, town, city, water
    ink: RGB


# Terrain names of the shipped rule sets, plus common aliases other rule sets may use.
TERRAIN_ART: dict[str, TerrainArt] = {
    "clear": TerrainArt((232, 228, 201), "plain", (210, 204, 170)),
    "open": TerrainArt((232, 228, 201), "plain", (210, 204, 170)),
    "steppe": TerrainArt((232, 225, 190), "plain", (205, 195, 155)),
    "bocage": TerrainArt((214, 222, 178), "bocage", (104, 132, 74)),
    "forest": TerrainArt((190, 210, 160), "forest", (92, 128, 70)),
    "woods": TerrainArt((196, 214, 166), "forest", (100, 136, 78)),
    "marsh": TerrainArt((208, 226, 214), "marsh", (86, 132, 116)),
    "swamp": TerrainArt((208, 226, 214), "marsh", (86, 132, 116)),
    "hills": TerrainArt((226, 210, 170), "hills", (168, 138, 92)),
    "mountain": TerrainArt((206, 186, 150), "hills", (140, 110, 72)),
    "rough": TerrainArt((222, 208, 182), "rough", (150, 124, 96)),
    "town": TerrainArt((228, 220, 206), "town", (128, 112, 102)),
    "village": TerrainArt((228, 222, 206), "town", (128, 112, 102)),
    "city": TerrainArt((214, 204, 192), "city", (110, 92, 84)),
    "urban": TerrainArt((214, 204, 192), "city", (110, 92, 84)),
    "lake": TerrainArt((176, 206, 226), "water", (120, 160, 190)),
    "sea": TerrainArt((164, 198, 224), "water", (96, 140, 178)),
    "ocean": TerrainArt((164, 198, 224), "water", (96, 140, 178)),
}


def terrain_art(name: str) -> TerrainArt:
    """The art of a terrain type; unknown names get a stable muted colour of their own."""
    art = TERRAIN_ART.get(name)
    if art is not None:
        return art
    h = sum((i + 1) * ord(ch) for i, ch in enumerate(name))
    base = (200 + h % 40, 190 + (h // 40) % 40, 170 + (h // 1600) % 40)
    return TerrainArt(base, "plain", darker(base, 0.2))


@dataclass(frozen=True)
class Palette:
    name: str
    background: RGB = (46, 50, 48)            # off the map, behind everything
    grid: tuple[int, int, int, int] = (60, 60, 50, 60)
    river: RGB = (74, 122, 178)
    road: RGB = (190, 96, 66)
    road_casing: RGB = (132, 70, 50)
    rail: RGB = (62, 58, 56)
    coast: RGB = (92, 128, 160)
    label: RGB = (34, 30, 28)
    label_halo: RGB = (246, 242, 226)
    reach: tuple[int, int, int, int] = (255, 236, 120, 80)     # reachable hexes (warm tint)
    reach_edge: RGB = (250, 220, 90)
    unreachable_shade: tuple[int, int, int, int] = (20, 20, 30, 70)
    path: RGB = (250, 220, 90)
    target: RGB = (220, 40, 40)
    select: RGB = (255, 230, 60)
    hover: RGB = (255, 255, 255)
    out_of_supply: RGB = (240, 170, 30)
    isolated: RGB = (210, 40, 40)
    moved: RGB = (70, 80, 100)
    attacked: RGB = (200, 40, 40)
    panel: RGB = (36, 40, 38)
    panel_edge: RGB = (90, 96, 84)
    text: RGB = (232, 230, 220)
    text_dim: RGB = (160, 160, 150)
    accent: RGB = (226, 196, 110)
    good: RGB = (120, 190, 120)
    bad: RGB = (220, 100, 90)
    side_override: tuple[RGB, ...] = field(default_factory=tuple)        # replaces side colours
    counter_override: tuple[RGB, ...] = field(default_factory=tuple)     # replaces nation colours, per side


STANDARD = Palette("standard")

# Okabe-Ito: blue (0, 114, 178) and vermillion (213, 94, 0) are told apart by all common
# kinds of colour blindness; movement range in sky blue, supply in yellow/black.
COLOUR_BLIND = Palette(
    "colour_blind",
    reach=(86, 180, 233, 105),
    reach_edge=(86, 180, 233),
    path=(0, 158, 115),
    target=(213, 94, 0),
    select=(240, 228, 66),
    out_of_supply=(230, 159, 0),
    isolated=(0, 0, 0),
    attacked=(213, 94, 0),
    river=(0, 114, 178),
    good=(86, 180, 233),
    bad=(230, 159, 0),
    side_override=((0, 114, 178), (213, 94, 0)),
    counter_override=((150, 200, 235), (240, 180, 120)),
)


def side_colour(scenario, side: int, pal: Palette) -> RGB:
    """A side's colour: the scenario's, or the palette's replacement (colour-blind palette)."""
    if pal.side_override and side < len(pal.side_override):
        return pal.side_override[side]
    return hex_colour(scenario.sides[side].colour)


def palette(colour_blind: bool) -> Palette:
    return COLOUR_BLIND if colour_blind else STANDARD
