"""The turn track (K): the turns to come, each with its date, the weather where the scenario
fixes it (or the chances it is rolled with), the reinforcements and withdrawals due, and the
objectives whose deadline falls on it. It lists the scenario's own schedule; under fog of war
only the player's side's arrivals and departures."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from engine import victory
from ui.widgets import TextCursor, draw_panel

if TYPE_CHECKING:
    from ui.screens.game.screen import GameScreen

AHEAD = 6           # turns shown after the current one


def weather_text(sc, turn: int) -> str:
    w = sc.model.weather
    if turn in w.schedule:
        return w.schedule[turn]
    month = sc.date_of_turn(turn).month
    for entry in w.table:
        if month in entry.months:
            total = sum(entry.chances.values()) or 1.0
            odds = sorted(entry.chances.items(), key=lambda kv: -kv[1])
            return "rolled: " + ", ".join(f"{name} {100 * c / total:.0f}%" for name, c in odds if c)
    return w.default


def track(gs: GameScreen) -> list[dict[str, Any]]:
    """One entry per turn from the current one: turn, date, weather, arriving, leaving, deadlines."""
    sc, st = gs.sc, gs.game.state
    viewer = gs.own_side()
    fog = gs.session.fog and viewer is not None
    objectives = victory.objective_state(st)
    out = []
    for turn in range(gs.game.turn, min(sc.turns, gs.game.turn + AHEAD) + 1):
        arriving: dict[int, list[str]] = {}
        leaving: dict[int, list[str]] = {}
        for u in sc.units:
            if fog and u.side != viewer:
                continue
            if u.arrive_turn == turn and (turn > gs.game.turn or st.unit_hex[u.index] < 0):
                arriving.setdefault(u.side, []).append(u.short or u.name)
            if u.withdraw_turn == turn and st.active(u.index):
                leaving.setdefault(u.side, []).append(u.short or u.name)
        due = [o for o in objectives if o["status"] == "open" and turn in (o["by_turn"], o["until_turn"])]
        out.append({"turn": turn, "date": sc.date_of_turn(turn), "weather": weather_text(sc, turn),
                    "arriving": arriving, "leaving": leaving, "due": due})
    return out


def draw_turn_track(gs: GameScreen, surface: pygame.Surface) -> None:
    sc, pal, a = gs.sc, gs.pal, gs.app
    rows = gs._cached("turn_track", gs._key(), lambda: track(gs))
    r = pygame.Rect(gs.view.rect.x + 12, gs.view.rect.y + 12, min(a.scaled(520), gs.view.rect.width - 24), gs.view.rect.height - 24)
    draw_panel(surface, r, pal, 250)
    cur = TextCursor(surface, r.inflate(-24, -20), pal, gs.small)
    cur.line("Turn track  (K to close)", bold=True, size=gs.font)
    if gs.session.fog and gs.own_side() is not None:
        cur.line("Fog of war: only your own side's arrivals and departures", pal.text_dim)
    for row in rows:
        cur.rule()
        now = " (now)" if row["turn"] == gs.game.turn else ""
        cur.line(f"Turn {row['turn']}{now} · {row['date']:%d %b %Y}", pal.accent if now else pal.text, bold=True,
                 right=row["weather"], right_colour=pal.text_dim)
        for side, names in row["arriving"].items():
            cur.line(f"{sc.sides[side].name} reinforcements: {', '.join(names)}", pal.good if side == gs.own_side() else pal.text, indent=12)
        for side, names in row["leaving"].items():
            cur.line(f"{sc.sides[side].name} withdraws: {', '.join(names)}", pal.bad if side == gs.own_side() else pal.text, indent=12)
        for o in row["due"]:
            owner = sc.sides[sc.side_index(o["side"])].name
            what = "hold" if o["kind"] == "hold" else "take"
            cur.line(f"Deadline: {owner} must {what} {o['name']} ({o['vp']:+d} VP)", pal.accent, indent=12)
        if cur.full:
            break
