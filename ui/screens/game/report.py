"""The end-of-enemy-turn report: what the other side did while the player waited (attacks and
their results, units lost on both sides, places and VP that changed hands, reinforcements seen,
pockets). Each line centres the map where it happened; V replays the enemy's moves.

It reads the events the player may know of (fog of war applied by the game screen) and says
them in the log's words (ui/eventlog.py); no rule is worked out here.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame
from pygame_gui.elements import UIButton

from ui import eventlog
from ui.drawing import fonts
from ui.eventlog import LogLine
from ui.screens.game import playback
from ui.screens.gui import GuiScreen, button
from ui.stack import ScreenStack
from ui.widgets import draw_panel

if TYPE_CHECKING:
    from ui.screens.game.screen import GameScreen

MOVES = ("unit_moved", "advance", "unit_retreated", "rail_moved")
MOVE_LINES = 8


def build_report(events: list[Any], sc, player: str) -> list[LogLine]:
    """The report's lines, by section (a section's heading is a line of kind "turn")."""
    side_name = {s.id: s.name for s in sc.sides}
    enemy = [s for s in sc.side_ids if s != player]
    turn = events[-1].turn if events else 0
    attacks = [e for e in events if e.kind == "combat"]
    lines: list[LogLine] = []

    def section(title: str, body: list[LogLine]) -> None:
        if body:
            lines.append(LogLine(title, "turn", turn, player))
            lines.extend(body)

    moved = {e.data["unit"] for e in events if e.kind in MOVES and e.side != player}
    who = " and ".join(side_name[s] for s in enemy)
    lines.append(LogLine(f"{who}: {len(moved)} unit{'s' if len(moved) != 1 else ''} moved, "
                         f"{len(attacks)} attack{'s' if len(attacks) != 1 else ''}", "phase", turn, player))
    section("Attacks", [ln for ln in eventlog.log_lines(events, sc) if ln.kind == "combat"])
    losses: list[LogLine] = []
    for side in sc.side_ids:
        steps: dict[str, int] = {}
        gone: list[str] = []
        where: dict[str, int] = {}
        for ln, e in _with_lines(events, sc):
            if e.kind in ("step_loss", "unit_eliminated") and sc.units[sc.unit_index[e.data["unit"]]].side == sc.side_index(side):
                uid = e.data["unit"]
                where.setdefault(uid, ln.hex if ln is not None else -1)
                if e.kind == "step_loss":
                    steps[uid] = steps.get(uid, 0) + int(e.data["steps"])
                else:
                    gone.append(uid)
        for uid, n in steps.items():
            name = sc.unit(uid).name
            text = f"{side_name[side]}: {name} eliminated" if uid in gone else f"{side_name[side]}: {name} lost {n} step{'s' if n != 1 else ''}"
            losses.append(LogLine(text, "loss" if side == player else "good", turn, side, where.get(uid, -1)))
        for uid in gone:
            if uid not in steps:
                losses.append(LogLine(f"{side_name[side]}: {sc.unit(uid).name} eliminated", "loss" if side == player else "good",
                                      turn, side, where.get(uid, -1)))
    section("Losses", losses)
    places: list[LogLine] = []
    for e in events:
        if e.kind == "control_changed" and e.data.get("places"):
            hexes = [sc.map.parse(h) for h in e.data["hexes"]]
            vp = sum(int(sc.map.vp[i]) for i in hexes)
            said = eventlog.describe(e, sc)
            if said is not None:
                places.append(LogLine(said[0] + (f" ({vp} VP)" if vp else ""), "loss" if e.data["to"] != player else "good",
                                      e.turn, e.side, hexes[0]))
    section("Places taken", places)
    section("Reinforcements seen", [ln for ln, e in _with_lines(events, sc)
                                    if ln is not None and e.kind == "reinforcement_arrived" and sc.unit(e.data["unit"]).side != sc.side_index(player)])
    section("Pockets", [ln for ln, e in _with_lines(events, sc) if ln is not None and e.kind == "pocket"])
    # Where each enemy unit went (its last move only), the longest moves first: at most MOVE_LINES.
    last: dict[str, tuple[LogLine, int]] = {}
    for ln, e in _with_lines(events, sc):
        if ln is not None and e.kind in ("unit_moved", "rail_moved") and e.side != player:
            length = len(e.data.get("path", ())) or 10
            how = " by rail" if e.kind == "rail_moved" else ""
            text = f"{sc.unit(e.data['unit']).name} moved{how} to {sc.map.place(ln.hex)}" if ln.hex >= 0 else ln.text
            last[e.data["unit"]] = (LogLine(text, "move", e.turn, e.side, ln.hex), length)
    moves = [ln for ln, _ in sorted(last.values(), key=lambda t: -t[1])]
    if len(moves) > MOVE_LINES:
        rest = len(moves) - MOVE_LINES
        moves = moves[:MOVE_LINES] + [LogLine(f"... and {rest} more (V replays every move)", "info", turn, player)]
    section("Moves seen", moves)
    return lines


def _with_lines(events: list[Any], sc) -> list[tuple[LogLine | None, Any]]:
    """Each event with its log line (None when the log has no line for it), losses placed at the attack."""
    out: list[tuple[LogLine | None, Any]] = []
    last = -1
    for e in events:
        at = eventlog.where(e, sc)
        if e.kind == "combat":
            last = at
        elif at < 0 and e.kind in ("step_loss", "unit_eliminated", "retreat_blocked"):
            at = last
        d = eventlog.describe(e, sc)
        out.append((LogLine(d[0], d[1], e.turn, e.side, at) if d is not None else LogLine("", "info", e.turn, e.side, at), e))
    return out


def enemy_moves(events: list[Any], sc, player: str) -> list[tuple[int, list[int]]]:
    """The other sides' moves in order, as (unit index, hexes from start to end), for the replay."""
    out: list[tuple[int, list[int]]] = []
    for e in events:
        if e.kind not in MOVES or e.side == player:
            continue
        d = e.data
        if "path" in d:
            hexes = [sc.map.parse(h) for h in d["path"]]
        else:
            hexes = [sc.map.parse(d["frm"]), sc.map.parse(d["to"])]
        if len(hexes) >= 2:
            out.append((sc.unit_index[d["unit"]], hexes))
    return out


class TurnReport(GuiScreen):
    """Drawn over the map's left side, so the map stays in sight when a line centres it."""

    opaque = False
    dim = False
    tick = False

    def __init__(self, app: ScreenStack, gs: GameScreen, lines: list[LogLine], events: list[Any]) -> None:
        super().__init__(app)
        self.gs = gs
        self.lines = lines
        self.events = events
        self.scroll = 0
        self.buttons: list[UIButton] = []
        self.layout(app.size)

    def layout(self, size: tuple[int, int]) -> None:
        a, v = self.app, self.gs.view.rect
        self.box = pygame.Rect(v.x + a.scaled(12), v.y + a.scaled(12), min(a.scaled(430), v.width // 2),
                               v.height - a.scaled(24))
        h = a.scaled(30)
        self.button_y = self.box.bottom - h - a.scaled(12)

    def build(self, ui, size: tuple[int, int]) -> None:
        self.layout(size)
        a = self.app
        h = a.scaled(30)
        w = (self.box.width - a.scaled(36)) // 2
        y = self.button_y
        scale = a.settings.ui_scale
        self.buttons = [button(ui, pygame.Rect(self.box.x + a.scaled(12), y, w, h), "Replay moves", self.replay, scale,
                               container=self.container, small=True, key="V"),
                        button(ui, pygame.Rect(self.box.right - a.scaled(12) - w, y, w, h), "Close", self.close, scale,
                               container=self.container, small=True, key="Enter")]

    def rows(self) -> list[tuple[pygame.Rect, str, LogLine]]:
        a, gs = self.app, self.gs
        lh = fonts.font(gs.small).get_linesize() + a.scaled(2)
        body = pygame.Rect(self.box.x + a.scaled(14), self.box.y + a.scaled(44), self.box.width - a.scaled(28),
                           self.button_y - self.box.y - a.scaled(52))
        wrapped: list[tuple[str, LogLine]] = []
        for ln in self.lines:
            indent = "" if ln.kind in ("turn", "phase") else "  "
            for k, text in enumerate(fonts.wrap(ln.text, body.width - a.scaled(16), gs.small, ln.kind == "turn")):
                wrapped.append((indent + ("" if k == 0 else "  ") + text, ln))
        fit = max(1, body.height // lh)
        self.scroll = max(0, min(self.scroll, len(wrapped) - fit))
        out = []
        y = body.y
        for text, ln in wrapped[self.scroll:self.scroll + fit]:
            out.append((pygame.Rect(body.x, y, body.width, lh), text, ln))
            y += lh
        return out

    def close(self) -> None:
        if self.app.top is self:
            self.app.pop()

    def replay(self) -> None:
        self.close()
        playback.replay_moves(self.gs, self.events)

    def process_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE, pygame.K_SPACE):
                self.close()
            elif event.key == pygame.K_v:
                self.replay()
            elif event.key in (pygame.K_DOWN, pygame.K_PAGEDOWN):
                self.scroll += 3
            elif event.key in (pygame.K_UP, pygame.K_PAGEUP):
                self.scroll = max(0, self.scroll - 3)
            return
        if event.type == pygame.MOUSEWHEEL:
            self.scroll = max(0, self.scroll - 3 * (1 if event.y > 0 else -1))
            return
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and not any(b.rect.collidepoint(event.pos) for b in self.buttons):
            for rect, _, ln in self.rows():
                if rect.collidepoint(event.pos) and ln.hex >= 0:
                    v = self.gs.view.rect
                    self.gs.view.centre_on(ln.hex, ((self.box.right + v.right) / 2, v.centery))
                    self.gs.flash = (ln.hex, 1.5)
                    return
            if not self.box.collidepoint(event.pos):
                self.close()
            return
        super().process_event(event)

    def update(self, dt: float) -> None:
        super().update(dt)
        if self.gs.flash is not None:
            self.gs.flash = (self.gs.flash[0], self.gs.flash[1] - dt) if self.gs.flash[1] > dt else None

    def wake_in(self) -> float | None:
        return 0.0 if self.gs.flash is not None else super().wake_in()

    def draw(self, surface: pygame.Surface) -> None:
        gs, pal, a = self.gs, self.gs.pal, self.app
        draw_panel(surface, self.box, pal, 240)
        title = fonts.fit_text(f"While you waited: turn {gs.game.turn}", self.box.width - a.scaled(28), gs.font, pal.accent, True)
        surface.blit(title, (self.box.x + a.scaled(14), self.box.y + a.scaled(12)))
        colours = {"turn": pal.accent, "combat": pal.text, "loss": pal.bad, "good": pal.good, "phase": pal.text, "info": pal.text_dim,
                   "move": pal.text_dim}
        for rect, text, ln in self.rows():
            if ln.hex >= 0 and rect.collidepoint(a.mouse):
                surface.fill(tuple(min(255, c + 22) for c in pal.panel), rect)
            surface.blit(fonts.text(text, gs.small, colours.get(ln.kind, pal.text), ln.kind == "turn"), rect.topleft)
