"""The map screen, by job: `screen` (state and input), `overlays` (the layers over the map),
`panel` (bar, side panel, minimap) and `dialogs`."""
from ui.screens.game.screen import Anim, GameScreen, Toast

__all__ = ["Anim", "GameScreen", "Toast"]
