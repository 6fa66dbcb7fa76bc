"""The map screen, by job: `screen` (state and input), `orders` (clicks and commands become
orders), `keys` (the keyboard map), `camera` (view and panning), `playback` (the other side's
turn), `controls` (its pygame_gui widgets), `overlays`, `panel`, `dialogs` and the rest of what
is drawn."""
from ui.screens.game.screen import Anim, GameScreen, Toast

__all__ = ["Anim", "GameScreen", "Toast"]
