"""The map screen's camera: where the view opens (the player's front), panning by keys, the
screen edge and the minimap, and each human side's view kept between its phases (zoom is the
view's own, ui/drawing/view.py)."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pygame

from engine.state import Status
from ui.drawing.view import DEFAULT_ZOOM

if TYPE_CHECKING:
    from ui.screens.game.screen import GameScreen

PAN_SPEED = 900.0       # pixels per second for keys and screen-edge panning
EDGE = 6                # pixels from the window edge that pan the map
PAN_KEYS = frozenset({pygame.K_LEFT, pygame.K_RIGHT, pygame.K_UP, pygame.K_DOWN})


def initial_view(gs: GameScreen) -> None:
    """The view a game opens on: the whole map, or the player's front on a big one."""
    v = gs.view
    v.fit()
    if v.level < DEFAULT_ZOOM - 1:
        centre_on_front(gs)        # a big map: close enough to read the counters, over the player's front


def front_hex(gs: GameScreen) -> int:
    """Where the player's front is: the middle of their units nearest the enemy units they can
    see (all their units when none is near), as a hex index; -1 with no unit on the map."""
    side = gs.session.viewer or gs.session.active
    si = gs.sc.side_index(side)
    st = gs.shown_state()
    on = (st.unit_status == Status.ACTIVE) & (st.unit_hex >= 0)
    mine = st.unit_hex[on & (st.unit_sides() == si)].astype(np.int64)
    theirs = st.unit_hex[on & (st.unit_sides() != si)].astype(np.int64)
    if not len(mine):
        return -1
    m = gs.sc.map
    pick = mine
    if len(theirs):
        dq = m.q[mine][:, None] - m.q[theirs][None, :]
        dr = m.r[mine][:, None] - m.r[theirs][None, :]
        dist = ((np.abs(dq) + np.abs(dr) + np.abs(dq + dr)) // 2).min(axis=1)
        near = mine[dist <= max(3, int(np.percentile(dist, 25)))]
        pick = near if len(near) else mine
    geo = gs.view.geo
    x, y = float(np.median(geo.cx[pick])), float(np.median(geo.cy[pick]))
    return int(pick[np.argmin((geo.cx[pick] - x) ** 2 + (geo.cy[pick] - y) ** 2)])


def centre_on_front(gs: GameScreen) -> None:
    """Home: the player's front at a zoom that reads the counters (the whole map if it fits)."""
    v = gs.view
    v.fit()
    if v.level >= DEFAULT_ZOOM - 1:
        return
    v.level = DEFAULT_ZOOM
    i = front_hex(gs)
    if i >= 0:
        v.centre_on(i)
    v.clamp()


def keep_view_of(gs: GameScreen, side: str) -> None:
    """The player hands over: remember their view, and where the log stood."""
    v = gs.view
    gs.player_cam[side] = (v.level, v.cam_x + v.rect.width / 2, v.cam_y + v.rect.height / 2)
    gs.report_from = len(gs.game.events)


def restore_view(gs: GameScreen, side: str) -> None:
    """The player's phase starts where they left the view, or on their front."""
    v = gs.view
    kept = gs.player_cam.get(side)
    if kept is None:
        centre_on_front(gs)
        return
    level, cx, cy = kept
    v.level = level
    v.cam_x, v.cam_y = cx - v.rect.width / 2, cy - v.rect.height / 2
    v.clamp()


def edge_panning(gs: GameScreen) -> bool:
    """Whether the mouse rests at the window's edge with edge panning on."""
    if not (gs.app.settings.edge_pan and gs.app.mouse_seen and pygame.mouse.get_focused()):
        return False
    mx, my = gs.app.mouse
    w, h = gs.app.size
    return mx <= EDGE or mx >= w - 1 - EDGE or my <= EDGE or my >= h - 1 - EDGE


def pan(gs: GameScreen, dt: float) -> None:
    """Pan by the held arrow keys and the screen edge, `dt` seconds' worth."""
    dx = dy = 0.0
    keys = gs.keys_down
    if pygame.K_LEFT in keys:
        dx -= 1
    if pygame.K_RIGHT in keys:
        dx += 1
    if pygame.K_UP in keys:
        dy -= 1
    if pygame.K_DOWN in keys:
        dy += 1
    if gs.app.settings.edge_pan and gs.app.mouse_seen and pygame.mouse.get_focused():
        mx, my = gs.app.mouse
        w, h = gs.app.size
        if mx <= EDGE:
            dx -= 1
        elif mx >= w - 1 - EDGE:
            dx += 1
        if my <= EDGE:
            dy -= 1
        elif my >= h - 1 - EDGE:
            dy += 1
    if dx or dy:
        gs.view.pan(dx * PAN_SPEED * dt, dy * PAN_SPEED * dt)


def minimap_to(gs: GameScreen, pos: tuple[int, int]) -> None:
    r = gs.minimap_rect
    fx = min(1.0, max(0.0, (pos[0] - r.x) / r.width))
    fy = min(1.0, max(0.0, (pos[1] - r.y) / r.height))
    gs.view.centre_world(fx, fy)
