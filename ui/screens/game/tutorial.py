"""The interactive tutorial on tutorial_river: step by step it teaches selecting, moving, zones of
control, the odds preview, attacking, advancing, supply and ending the phase. Each step waits
until the player has done it (read from the game and the screen, never worked out here); Skip
passes a step, and the main menu's Tutorial button starts it again from the beginning."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

import pygame
from pygame_gui.elements import UIButton

import engine
from ui.drawing import fonts
from ui.widgets import draw_panel

if TYPE_CHECKING:
    from ui.screens.game.screen import GameScreen

SCENARIO = "tutorial_river"
PLAYER = "blue"


@dataclass(frozen=True)
class Step:
    title: str
    text: str
    done: Callable[["GameScreen", "Tutorial"], bool]


def _since(gs: GameScreen, tut: Tutorial, kind: str) -> bool:
    return any(e.kind == kind and e.side == PLAYER for e in gs.game.events[tut.mark:])


def _next_to_enemy(gs: GameScreen) -> bool:
    st = gs.shown_state()
    sc = gs.sc
    red = {int(st.unit_hex[u.index]) for u in sc.units if u.side != sc.side_index(PLAYER) and st.active(u.index) and st.unit_hex[u.index] >= 0}
    return any(st.unit_moved[u.index] and any(int(j) in red for j in sc.map.neighbors[int(st.unit_hex[u.index])])
               for u in sc.units if u.side == sc.side_index(PLAYER) and st.active(u.index) and st.unit_hex[u.index] >= 0)


def _previewing(gs: GameScreen) -> bool:
    if gs.hover < 0 or not gs.selection or not gs.enemy_in(gs.hover):
        return False
    prev = gs.preview(gs.hover)
    return prev is not None and not isinstance(prev, engine.IllegalOrder)


def _past_movement(gs: GameScreen) -> bool:
    return gs.game.turn > 1 or gs.game.phase != "movement"


STEPS = (
    Step("Select a unit", "Click one of your blue counters. Its range appears: every hex it can reach this phase, "
         "with what the move costs in movement points (MP).",
         lambda gs, t: bool(gs.selection) or _past_movement(gs)),
    Step("Move", "Click a hex in the range: the unit goes there by the cheapest path. Roads are cheaper; forest, "
         "hills and rivers cost more. U takes a move back while it revealed nothing.",
         lambda gs, t: _since(gs, t, "unit_moved") or _past_movement(gs)),
    Step("Zones of control", "The six hexes around an enemy unit are its zone of control: a unit that enters one must "
         "stop. Move a unit next to a red unit (across the Wend, or onto the bank) to attack it later.",
         lambda gs, t: _next_to_enemy(gs) or _past_movement(gs)),
    Step("End the movement phase", "Press E (or End phase). Attacks come in the combat phase, after all the moves.",
         lambda gs, t: gs.game.phase != "movement" or gs.game.turn > 1),
    Step("The odds", "Select the unit next to the enemy (with shift+click or G, several), then point at the red "
         "unit: the side panel shows the odds, every column shift with its reason, and each result's chance.",
         lambda gs, t: _previewing(gs) or _since(gs, t, "combat") or gs.game.phase == "movement" and gs.game.turn > 1),
    Step("Attack", "Click the red unit to attack. [ and ] add air support before you click. One die is rolled; "
         "the result and the losses appear at the bottom and in the log.",
         lambda gs, t: _since(gs, t, "combat") or gs.game.turn > 1),
    Step("Advance", "If the defender's hex is empty, your attackers may advance into it: click Advance, or Stay. "
         "(Nothing to do if it held.)",
         lambda gs, t: gs.advance_choice() is None),
    Step("Supply", "Press S for the supply overlay: green is in reach of your sources; a unit cut off fights and "
         "moves worse, and isolated for long it loses steps. Press S again to hide it.",
         lambda gs, t: gs.overlay == "supply" or gs.game.turn > 1),
    Step("End the turn", "Press E until the turn ends: the exploitation phase lets armour move again, then Red plays "
         "and a report tells you what it did. Your turn starts where you left the view.",
         lambda gs, t: gs.game.turn > 1 and gs.game.active_side == PLAYER),
)


class Tutorial:
    """Which step the player is on, and where the game's log stood when it began."""

    def __init__(self, gs: GameScreen) -> None:
        self.k = 0
        self.mark = len(gs.game.events)
        self.finished = False

    @property
    def step(self) -> Step | None:
        return STEPS[self.k] if self.k < len(STEPS) else None

    def update(self, gs: GameScreen) -> None:
        """Pass every step the player has done (one move may do two: move, and stop in a ZOC)."""
        while self.step is not None and self.step.done(gs, self):
            self.advance(gs)

    def advance(self, gs: GameScreen) -> None:
        self.k += 1
        self.mark = len(gs.game.events)

    def button_specs(self, gs: GameScreen) -> list[tuple[pygame.Rect, str, Callable[[], None]]]:
        """(rect, label, action) of the box's buttons: Skip step and Quit, or Close at the end."""
        box = self.box(gs)
        a = gs.app
        h = a.scaled(26)
        w = a.scaled(90)
        y = box.bottom - h - a.scaled(8)
        if self.step is None:
            return [(pygame.Rect(box.right - w - a.scaled(10), y, w, h), "Close", lambda: self.close(gs))]
        return [(pygame.Rect(box.right - 2 * w - a.scaled(16), y, w, h), "Skip step", lambda: self.advance(gs)),
                (pygame.Rect(box.right - w - a.scaled(10), y, w, h), "Quit", lambda: self.close(gs))]

    def buttons(self, gs: GameScreen) -> list[UIButton]:
        """The box's buttons (widgets, controls.py)."""
        return gs.controls.sync_tutorial()

    def close(self, gs: GameScreen) -> None:
        gs.tutorial = None

    def box(self, gs: GameScreen) -> pygame.Rect:
        a, v = gs.app, gs.view.rect
        return pygame.Rect(v.x + a.scaled(12), v.bottom - a.scaled(190), min(a.scaled(440), v.width - a.scaled(24)), a.scaled(150))

    def draw(self, gs: GameScreen, surface: pygame.Surface) -> None:
        a, pal = gs.app, gs.pal
        box = self.box(gs)
        draw_panel(surface, box, pal, 245)
        step = self.step
        if step is None:
            title, text = "Tutorial complete", "You know the basics. F1 lists every key; O shows the objectives, K the turns to come."
        else:
            title, text = f"Tutorial {self.k + 1}/{len(STEPS)}: {step.title}", step.text
        surface.blit(fonts.text(title, gs.font, pal.accent, True), (box.x + a.scaled(12), box.y + a.scaled(8)))
        y = box.y + a.scaled(32)
        for ln in fonts.wrap(text, box.width - a.scaled(24), gs.small):
            surface.blit(fonts.text(ln, gs.small, pal.text), (box.x + a.scaled(12), y))
            y += fonts.font(gs.small).get_linesize()
