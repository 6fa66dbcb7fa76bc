"""Time on the map screen, and the other side's turn: messages expire and counters move (`tick`),
the AI's orders are played back at the chosen speed, the next human player takes over (their
view, the hot-seat curtain, the turn report), the enemy's moves are replayed (V), and a game by
e-mail writes its turn file."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import engine
from engine import sequence
from ui.screens.game import camera, orders

if TYPE_CHECKING:
    from ui.screens.game.screen import GameScreen


@dataclass
class Anim:
    """A counter moving along a path (the AI's moves, replays)."""

    unit: int
    points: list[tuple[float, float]]     # in hex units relative to the grid origin
    t: float
    duration: float


def tick(gs: GameScreen, dt: float) -> None:
    """Messages expire, animations move, the AI plays, the end of the game shows."""
    for tst in gs.toasts:
        tst.ttl -= dt
    gs.toasts = [t for t in gs.toasts if t.ttl > 0]
    if gs.flash is not None:
        gs.flash = (gs.flash[0], gs.flash[1] - dt) if gs.flash[1] > dt else None
    if gs.hover >= 0:
        gs.hover_time += dt
    if gs.flagged is not None and gs.app.top is gs:
        gs.flagged = (gs.flagged[0], gs.flagged[1] - dt) if gs.flagged[1] > dt else None
    camera.pan(gs, dt)
    if gs.anim is not None:
        gs.anim.t += dt
        if gs.anim.t >= gs.anim.duration:
            gs.anim = None
    if gs.anim is None and gs.replay_queue:
        next_replay(gs)
    if gs.tutorial is not None:
        gs.tutorial.update(gs)
    if gs.game.over:
        if not gs.victory_shown:
            gs.victory_shown = True
            from ui.screens.victory import VictoryScreen
            gs.app.push(VictoryScreen(gs.app, gs.session))
        return
    if gs.session.remote_to_move and gs.sent_orders != len(gs.game.orders):
        send_turn(gs)
    if gs.session.ai_to_move and not gs.paused:
        play_ai(gs, dt)
    else:
        gs.skip_ai = False


def play_ai(gs: GameScreen, dt: float) -> None:
    """The AI's next order when its time comes (all at once when skipped or instant)."""
    if gs.skip_ai or gs.app.settings.ai_delay <= 0:
        side = gs.session.active
        for _ in range(2000):
            if not gs.session.ai_to_move or gs.session.active != side:
                break
            _, events = gs.session.ai_step()
            orders.after_events(gs, events, ai=True)
        gs.skip_ai = False
        gs.anim = None
        check_curtain(gs)
        return
    if gs.anim is not None:
        return
    gs.ai_timer -= dt
    if gs.ai_timer > 0:
        return
    order, events = gs.session.ai_step()
    orders.after_events(gs, events, ai=True)
    if not events:
        gs.ai_timer = 0.0          # refused: the agent tries something else at once
    elif isinstance(order, engine.EndPhase):
        gs.ai_timer = gs.app.settings.ai_delay * 2
    else:
        gs.ai_timer = gs.app.settings.ai_delay
    if isinstance(order, engine.EndPhase):
        check_curtain(gs)


def check_curtain(gs: GameScreen) -> None:
    """Hot-seat with fog of war: hide the map while the players change places."""
    s = gs.session
    if not s.human_to_move:
        return
    handed_over = gs.last_human != s.active or gs.report_from is not None
    if handed_over:
        camera.restore_view(gs, s.active)
        gs.app.sounds.play("turn")
    if gs.report_from is not None and s.mode not in ("hotseat", "watch"):
        events = gs.visible(gs.game.events[gs.report_from:])
        gs.report_from = None
        if any(e.side != s.active for e in events):
            from ui.screens.game.report import TurnReport, build_report
            gs.app.push(TurnReport(gs.app, gs, build_report(events, gs.sc, s.active), events))
    gs.report_from = None
    if s.mode == "hotseat" and s.fog and gs.last_human is not None and gs.last_human != s.active:
        from ui.screens.pause import Curtain
        gs.app.push(Curtain(gs.app, gs, s.scenario.sides[s.scenario.side_index(s.active)].name))
    elif s.mode not in ("hotseat", "watch"):
        g = gs.game
        gs.toast(f"{g.phase_title} phase, turn {g.turn}, {g.date:%d %b %Y}: {sequence.HELP[g.phase]}", "info", 3.5)
    gs.last_human = s.active


def last_enemy_turn(gs: GameScreen) -> list[engine.Event]:
    """The events since the player's side last ended its turn (the enemy's turn, for V)."""
    side = gs.session.viewer or gs.session.active
    events = gs.game.events
    end = len(events)
    while end > 0 and events[end - 1].side == side:
        end -= 1
    start = end
    while start > 0 and events[start - 1].side != side:
        start -= 1
    return list(events[start:end])


def send_turn(gs: GameScreen) -> None:
    """Play by e-mail: the opponent's turn has come; write the turn file and say where it is."""
    from ui.pbem import write_turn
    from ui.screens.confirm import Confirm

    gs.sent_orders = len(gs.game.orders)
    try:
        path = write_turn(gs.session)
    except OSError as exc:
        gs.toast(f"Could not write the turn file: {exc.strerror or exc}", "error", 6.0)
        return
    gs.session.saved_version = gs.session.version
    other = gs.sc.sides[gs.sc.side_index(gs.session.active)].name
    gs.last_turn_file = path
    gs.app.push(Confirm(gs.app, "Turn file written", f"Send {path} to {other}'s player. Their answer opens with "
                          f"`wargame play --pbem FILE`.", [("OK", lambda: None)]))


def replay_moves(gs: GameScreen, events: list[engine.Event]) -> None:
    """V: play the enemy's moves again on the map (the counters end where they stand now)."""
    from ui.screens.game.report import enemy_moves

    side = gs.session.viewer or gs.session.active
    gs.replay_queue = enemy_moves(gs.visible(events), gs.sc, side)
    if not gs.replay_queue:
        gs.toast("No enemy move to replay", "info", 2.0)


def next_replay(gs: GameScreen) -> None:
    """Start the next move of a replay: a counter along its path, the view following."""
    u, hexes = gs.replay_queue.pop(0)
    geo = gs.view.geo
    pts = [((geo.cx[i] - geo.ox) / geo.s, (geo.cy[i] - geo.oy) / geo.s) for i in hexes]
    gs.anim = Anim(u, pts, 0.0, min(1.2, 0.12 * len(hexes) + 0.15))
    x, y = gs.view.to_screen(hexes[-1])
    if not gs.view.rect.inflate(-80, -80).collidepoint(x, y):
        gs.view.centre_on(hexes[-1])


def anim_pos(gs: GameScreen, anim: Anim) -> tuple[float, float]:
    geo = gs.view.geo
    pts = anim.points
    f = min(1.0, anim.t / anim.duration) * (len(pts) - 1)
    k = min(len(pts) - 2, int(f))
    t = f - k
    ux = pts[k][0] + (pts[k + 1][0] - pts[k][0]) * t
    uy = pts[k][1] + (pts[k + 1][1] - pts[k][1]) * t
    return geo.ox + ux * geo.s, geo.oy + uy * geo.s
