"""The one look of the interface: the pygame_gui theme of every widget (menus, the map screen's
bar and dialogs, pause, victory), and the colours and font sizes of what is drawn by hand
around them (the side panel's text, the map's messages and tooltips).

Both come from the interface colours of `ui.drawing.palette` (panel, edge, text, accent) and the
game's own font (DejaVu Sans Condensed, `ui.drawing.fonts`), so a button and the panel it sits
on cannot drift apart. The map itself (terrain, counters, overlays) keeps its own colours in
the palette.
"""
from __future__ import annotations

from ui.drawing import fonts
from ui.drawing.palette import RGB, STANDARD, Palette, darker, lighter, mix

FONT = "wargame_sans"        # the name pygame_gui knows the game's font by (with the files of `ui.drawing.fonts`)

# Sizes in pixels at 100% scale: body text (menus, dialogs), small text (the map screen's bar,
# side panel and messages) and titles.
BODY, SMALL, HEADING, TITLE = 14, 12, 18, 22
# The pages read over the whole window (the briefing, the victory screen, the main menu's and the
# hot-seat curtain's titles) set their text a step larger than the map screen's packed panel.
CAPTION = 11            # a chart's axes and values
NOTE = 13               # a note beside the page's text: the objectives' list, the scroll hint
TEXT = 15               # the page's text
LEAD = 16               # a section's head, the line under a page's title
SIDE_NAME = 20          # each side's name heading its column of the victory screen
PAGE_TITLE = 24         # the briefing's title
CURTAIN = 30            # "<side>'s phase" between two hot-seat players
GAME_TITLE = 34         # the game's name on the main menu
RESULT = 40             # the result of the game on the victory screen


def size(px: int, scale: float) -> int:
    """A font size at the interface scale (never unreadably small)."""
    return max(9, int(round(px * scale)))


def _hex(c: RGB) -> str:
    return "#%02x%02x%02x" % tuple(c)


# -- colours of the interface (also read by the hand-drawn parts) --------------------------------------
def button_colour(pal: Palette = STANDARD) -> RGB:
    """A button at rest: between the panel and its edge."""
    return mix(pal.panel, pal.panel_edge, 0.4)


def screen_background(pal: Palette = STANDARD) -> RGB:
    """Behind the menus and the victory screen."""
    return darker(pal.panel, 0.16)


def bar_background(pal: Palette = STANDARD) -> RGB:
    """The map screen's top bar."""
    return darker(pal.panel, 0.25)


def toggled(pal: Palette = STANDARD) -> RGB:
    """A button that is on (an overlay shown, a filter applied)."""
    return darker(pal.accent, 0.52)


def _font(px: int, scale: float, bold: bool = False) -> dict:
    """A theme font block: the game's own font files, so widgets and hand-drawn text match."""
    regular, heavy = (str(fonts.FONT_FILES[b]) for b in (False, True))
    return {"name": FONT, "size": str(size(px, scale)), "bold": "1" if bold else "0", "italic": "0",
            "regular_path": regular, "bold_path": heavy, "italic_path": regular, "bold_italic_path": heavy}


def preload(scale: float) -> list[dict]:
    """The fonts that text boxes' <b> and <i> use, loaded with the manager (pygame_gui warns
    about a font it loads late; the theme loads its own)."""
    out = []
    for px in (BODY, SMALL):
        for style in ("bold", "italic"):
            out.append({"name": FONT, "point_size": size(px, scale), "style": style, "antialiased": "1"})
    return out


def theme_dict(scale: float = 1.0, pal: Palette = STANDARD) -> dict:
    """The pygame_gui theme at an interface scale. Object ids: `#title`, `#dim`, `#error` for
    labels; `@small` for the map screen's compact buttons and labels; `#modal_dim` and `#modal`
    for the layer that blocks the screen below a dialog (dimmed, or not)."""
    base = button_colour(pal)
    shape = {"shape": "rounded_rectangle", "shape_corner_radius": "4", "border_width": "1", "shadow_width": "0"}
    out: dict = {
        "defaults": {
            "colours": {
                "normal_bg": _hex(base), "hovered_bg": _hex(lighter(base, 0.12)),
                "disabled_bg": _hex(mix(pal.panel, pal.panel_edge, 0.1)),
                "selected_bg": _hex(toggled(pal)), "active_bg": _hex(toggled(pal)),
                "dark_bg": _hex(pal.panel), "disabled_dark_bg": _hex(darker(pal.panel, 0.2)),
                "normal_text": _hex(pal.text), "hovered_text": "#ffffff", "disabled_text": _hex(darker(pal.text_dim, 0.14)),
                "selected_text": "#ffffff", "active_text": "#ffffff",
                "normal_border": _hex(pal.panel_edge), "hovered_border": _hex(pal.accent),
                "disabled_border": _hex(darker(pal.panel_edge, 0.35)),
                "selected_border": _hex(pal.accent), "active_border": _hex(pal.accent),
                "link_text": _hex(pal.accent), "link_hover": _hex(lighter(pal.accent, 0.35)),
                "link_selected": _hex(lighter(pal.accent, 0.35)),
                "text_cursor": "#ffffff",
            },
        },
    }
    # pygame_gui takes only colours from "defaults": each kind of element gets the font (and the
    # shape) by name, the editor's forms (text entries, lists) as much as the menus.
    for kind in ("button", "label", "text_box", "text_entry_line", "text_entry_box", "drop_down_menu",
                 "selection_list", "tool_tip", "window", "horizontal_slider"):
        out[kind] = {"font": _font(BODY, scale)}
    for kind in ("button", "drop_down_menu", "text_entry_line"):
        out[kind]["misc"] = dict(shape)
    out["button"]["misc"]["tool_tip_delay"] = "0.6"
    out["label"]["colours"] = {"dark_bg": "#00000000"}
    out["panel"] = {"misc": {"shape": "rounded_rectangle", "shape_corner_radius": "6", "border_width": "1", "shadow_width": "0"}}
    out["text_box"]["colours"] = {"dark_bg": _hex(lighter(pal.panel, 0.03)), "normal_border": _hex(pal.panel_edge)}
    out["text_box"]["misc"] = {"padding": "8,6"}
    out["selection_list"]["colours"] = {"dark_bg": _hex(lighter(pal.panel, 0.03))}
    out["tool_tip"]["font"] = _font(SMALL, scale)
    # The menus' drop-downs sit at the bottom of the window: they open upwards, never off screen.
    out["drop_down_menu"]["misc"]["expand_direction"] = "up"
    out.update({
        "@small": {"font": _font(SMALL, scale)},
        "#title": {"font": _font(TITLE, scale, bold=True), "colours": {"normal_text": _hex(pal.accent)}},
        "#heading": {"font": _font(HEADING, scale, bold=True), "colours": {"normal_text": _hex(pal.accent)}},
        "@left": {"misc": {"text_horiz_alignment": "left"}},
        "#dim": {"colours": {"normal_text": _hex(pal.text_dim)}},
        "#error": {"colours": {"normal_text": _hex(pal.bad)}},
        "#modal_dim": {"colours": {"dark_bg": "#00000078"}, "misc": {"shape": "rectangle", "border_width": "0"}},
        "#modal": {"colours": {"dark_bg": "#00000000"}, "misc": {"shape": "rectangle", "border_width": "0"}},
    })
    return out
