"""The pygame_gui theme of the menus: the same calm dark-olive panels as the map screen."""
from __future__ import annotations


def theme_dict(scale: float = 1.0) -> dict:
    size = str(max(9, int(round(14 * scale))))
    big = str(max(12, int(round(22 * scale))))
    return {
        "defaults": {
            "colours": {
                "normal_bg": "#3a403b", "hovered_bg": "#4d554e", "disabled_bg": "#2a2e2b", "selected_bg": "#6b5f36",
                "active_bg": "#6b5f36", "dark_bg": "#242826", "disabled_dark_bg": "#1c1f1d",
                "normal_text": "#e8e6dc", "hovered_text": "#ffffff", "disabled_text": "#8a8a80",
                "selected_text": "#ffffff", "active_text": "#ffffff",
                "normal_border": "#5a6054", "hovered_border": "#e2c46e", "disabled_border": "#3a3e38",
                "selected_border": "#e2c46e", "active_border": "#e2c46e",
                "link_text": "#e2c46e", "link_hover": "#f4dc9a", "link_selected": "#f4dc9a",
                "text_cursor": "#ffffff",
            },
            "font": {"name": "noto_sans", "size": size, "bold": "0", "italic": "0"},
            "misc": {"shape": "rounded_rectangle", "shape_corner_radius": "4", "border_width": "1", "shadow_width": "0"},
        },
        "#title": {"font": {"name": "noto_sans", "size": big, "bold": "1"}, "colours": {"normal_text": "#e2c46e"}},
        "#dim": {"colours": {"normal_text": "#a8a898"}},
        "#error": {"colours": {"normal_text": "#e07060"}},
        "text_box": {"colours": {"dark_bg": "#2a2f2b", "normal_border": "#5a6054"}, "misc": {"padding": "8,6"}},
        "selection_list": {"colours": {"dark_bg": "#2a2f2b"}},
        # The menus' drop-downs sit at the bottom of the window: they open upwards, never off screen.
        "drop_down_menu": {"misc": {"expand_direction": "up"}},
    }
