"""The map screen's keyboard map: one function from a key to what it does (F1 lists them all,
dialogs.HELP; the bar's buttons show theirs)."""
from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from ui.screens.game import camera, orders, playback
from ui.settings import AI_SPEEDS

if TYPE_CHECKING:
    from ui.screens.game.screen import GameScreen

REPEATABLE = frozenset({pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN, pygame.K_PLUS, pygame.K_EQUALS,
                        pygame.K_KP_PLUS, pygame.K_MINUS, pygame.K_KP_MINUS, pygame.K_LEFTBRACKET, pygame.K_RIGHTBRACKET})


def on_key(gs: GameScreen, event: pygame.event.Event) -> None:
    """What a key does on the map (held keys repeat only where it makes sense: screen.py)."""
    k = event.key
    ctrl = bool(event.mod & pygame.KMOD_CTRL) if hasattr(event, "mod") else False
    if k == pygame.K_F1:
        gs.toggle_help()
    elif k == pygame.K_ESCAPE:
        # One thing per press: the open panel, else the mode, else the selection, else the menu.
        if gs.show_help:
            gs.show_help = False
        elif gs.show_objectives:
            gs.show_objectives = False
        elif gs.show_turn_track:
            gs.show_turn_track = False
        elif gs.log_expanded:
            gs.log_expanded = False
        elif gs.rail_mode:
            gs.rail_mode = False
        elif gs.replay_queue or (gs.anim is not None and not gs.session.ai_to_move):
            gs.replay_queue = []
            gs.anim = None
        elif gs.selection:
            gs.selection = []
        else:
            gs.open_menu()
        gs.sync_toggles()
    elif k == pygame.K_e:
        orders.end_phase(gs)
    elif (k == pygame.K_z and ctrl) or k == pygame.K_u:
        orders.undo(gs)
    elif k == pygame.K_s and ctrl:
        gs.quick_save(new_file=True)
    elif k == pygame.K_s:
        gs.toggle_overlay("supply")
    elif k == pygame.K_c:
        gs.toggle_overlay("control")
    elif k == pygame.K_a:
        gs.toggle_arrows()
    elif k == pygame.K_o:
        gs.toggle_objectives()
    elif k == pygame.K_l:
        gs.toggle_log()
    elif k == pygame.K_g:
        orders.select_stack(gs)
    elif k == pygame.K_k:
        gs.toggle_turn_track()
    elif k == pygame.K_m:
        gs.app.settings.mute = not gs.app.settings.mute
        gs.toast("Sound off (M: on)" if gs.app.settings.mute else f"Sound on: {gs.app.settings.volume} (M: off)", "info", 1.5)
    elif k == pygame.K_TAB:
        orders.cycle_stack(gs)
    elif k == pygame.K_n:
        orders.next_ready_unit(gs)
    elif k == pygame.K_r:
        orders.replace_step(gs)
    elif k == pygame.K_t:
        orders.toggle_rail(gs)
    elif k == pygame.K_i:
        orders.interdict(gs, gs.hover)
    elif k == pygame.K_SPACE:
        if gs.session.ai_to_move:
            gs.skip_ai = True
    elif k in (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4):
        speed = list(AI_SPEEDS)[k - pygame.K_1]
        gs.app.settings.ai_speed = speed
        gs.toast(f"AI playback speed: {speed}", "info", 1.5)
    elif k == pygame.K_p:
        gs.paused = not gs.paused
        gs.toast("Paused" if gs.paused else "Resumed", "info", 1.5)
    elif k in (pygame.K_LEFTBRACKET, pygame.K_RIGHTBRACKET):
        left = int(gs.game.state.air_left[gs.game.state.side])
        cap = gs.sc.rules.combat.max_air_points_per_attack if gs.sc.rules.combat else 0
        gs.air = max(0, min(min(left, cap), gs.air + (1 if k == pygame.K_RIGHTBRACKET else -1)))
    elif k in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
        gs.view.zoom_at(1, gs.app.mouse if gs.view.rect.collidepoint(gs.app.mouse) else None)
    elif k in (pygame.K_MINUS, pygame.K_KP_MINUS):
        gs.view.zoom_at(-1, gs.app.mouse if gs.view.rect.collidepoint(gs.app.mouse) else None)
    elif k == pygame.K_HOME:
        camera.centre_on_front(gs)
    elif k == pygame.K_v:
        if playback.last_enemy_turn(gs):
            playback.replay_moves(gs, playback.last_enemy_turn(gs))
    elif k == pygame.K_F5:
        gs.quick_save()
    elif k == pygame.K_F9:
        gs.quick_load()
