"""`wargame edit`'s window: the screen stack with the editor screen on it."""
from __future__ import annotations

import pygame

from ui.editor.model import Draft
from ui.stack import ScreenStack, has_display


def run_editor(draft: Draft) -> int:
    """Open the editor on `draft`; returns the exit code."""
    if not has_display():
        print("wargame edit: no display found (DISPLAY/WAYLAND_DISPLAY unset); "
              "use `wargame edit SCENARIO --resave` or `wargame validate` without a display")
        return 1
    from ui.editor.screen import EditorScreen

    try:
        app = ScreenStack()
    except pygame.error as exc:
        print(f"wargame edit: cannot open a window ({exc})")
        return 1
    pygame.display.set_caption(f"Wargame editor: {draft.name}")
    try:
        app.push(EditorScreen(app, draft))
        return app.run_loop()
    finally:
        for screen in app.screens:
            screen.leave()
        pygame.quit()
