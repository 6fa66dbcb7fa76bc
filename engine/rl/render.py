"""`render_mode="rgb_array"`: the map and units drawn by the project's own renderer.

The drawing code lives in the front end (`ui.render`, pygame). The engine never imports it at
module level (the design's `ui -> engine` rule, checked by import-linter); an environment asks
for a picture only when `render()` is called, and then this module loads the front end by
name. Without pygame installed, rendering says so instead of failing inside a step.
"""
from __future__ import annotations

import importlib
import os
from typing import Any

import numpy as np


def rgb_array(game: Any, width: int = 800) -> np.ndarray:
    """uint8 [height, width, 3]: the game as the desktop game draws it, without a window."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    try:
        render = importlib.import_module("ui.render")
        pygame = importlib.import_module("pygame")
    except ImportError as exc:
        raise RuntimeError(f"render_mode='rgb_array' needs the front end (pygame-ce): {exc}") from None
    surf = render.render_scenario_surface(game.scenario, game=game, width=width)
    return np.ascontiguousarray(np.transpose(pygame.surfarray.array3d(surf), (1, 0, 2)), dtype=np.uint8)
