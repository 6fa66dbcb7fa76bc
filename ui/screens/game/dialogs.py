"""The game screen's dialogs and messages: objectives and VP, the advance-after-combat choice (its
box and question; its buttons are widgets, controls.py), the status line, the toasts and the help."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

import pygame

from engine import victory
from ui.drawing import fonts
from ui.screens.game import orders
from ui.widgets import TextCursor, draw_panel

if TYPE_CHECKING:
    from ui.screens.game.screen import GameScreen


HELP = [
    ("Mouse", ""),
    ("Left click", "select a unit (again: next unit of the stack); order a move or attack"),
    ("Shift + click", "add the stack's next unit to the selection (all in: take them out)"),
    ("Stack list", "in the side panel: click a unit to add or remove it; G selects the whole stack"),
    ("Log", "wheel scrolls; click a line to centre the map there; filter by turn and side; L enlarges it"),
    ("Right click", "move the selected unit, or attack with the selection"),
    ("Drag / wheel", "pan the map / zoom around the cursor"),
    ("Minimap", "click or drag to move the view"),
    ("Keys", ""),
    ("E", "end the phase"),
    ("U, Ctrl+Z", "undo the last move (if it revealed nothing)"),
    ("Tab / N", "next counter on top of the stack / next unit that can still act"),
    ("G", "select every unit of the stack"),
    ("K", "turn track: reinforcements, withdrawals, weather and deadlines to come"),
    ("V", "replay the enemy's last turn"),
    ("[ and ]", "fewer / more air points for the next attack"),
    ("R", "spend a replacement point: one step back for the selected unit"),
    ("T", "rail move: show where a train takes the selected unit; click there (T again: cancel)"),
    ("I", "interdict the hex under the mouse with air points (slows the enemy, stops its trains)"),
    ("S / C / A / O", "supply overlay / control overlay / arrows / objectives and VP"),
    ("Arrows, + and -", "pan and zoom;  Home: back to your front"),
    ("Space", "skip the AI's playback;  P: pause watching"),
    ("1 / 2 / 3 / 4", "AI playback speed: slow / normal / fast / instant"),
    ("M", "sound on / off (the volume is in Settings)"),
    ("F5 / F9 / Ctrl+S", "quick save / quick load / save as new file"),
    ("Esc", "close the open panel, else clear the selection, else open the menu"),
    ("F1", "this help"),
    ("Counters", ""),
    ("6-7-4", "attack - defence - movement at the steps left; pips: steps"),
    ("Markers", "S amber disc: out of supply;  I red disc: isolated;  H square: stand fast"),
    ("Triangle, cross", "left triangle: moved;  red cross: attacked;  dimmed: done for this phase"),
]


def draw_objectives(gs: GameScreen, surface: pygame.Surface) -> None:
    st = gs.game.state
    pal = gs.pal
    score = gs._cached("score", gs._key(), lambda: victory.score(st))
    objs = victory.objective_state(st)
    v = gs.sc.model.victory
    w = gs.app.scaled(420)
    r = pygame.Rect(gs.view.rect.x + 12, gs.view.rect.y + 12, w, gs.view.rect.height - 24)
    lines = 8 + len(objs) * 2 + (len(v.levels) if v else 0)
    r.height = min(r.height, lines * fonts.font(gs.small).get_linesize() + gs.app.scaled(60))
    draw_panel(surface, r, pal, 250)
    cur = TextCursor(surface, r.inflate(-24, -20), pal, gs.small)
    cur.line("Objectives and victory points", bold=True, size=gs.font)
    side_name = gs.sc.sides[gs.sc.side_index(score["side"])].name
    cur.line(f"Net VP for {side_name}: {score['net']:+d}", pal.accent, bold=True)
    hexes = ", ".join(f"{gs.sc.sides[k].name} {x}" for k, x in enumerate(score["hexes"]))
    cur.line(f"VP hexes held: {hexes}; objectives {score['objectives']:+d}; eliminations {score['elimination']:+g}")
    cur.rule()
    for o in objs:
        if o["turn"] is not None and o.get("status") != "open":
            status, colour = f"achieved turn {o['turn']}", pal.good
        elif o["failed"]:
            status, colour = f"failed turn {o['decided_turn']}" if o.get("decided_turn") else "failed", pal.bad
        elif o.get("kind") == "hold":
            status, colour = (f"hold until turn {o['until_turn']}" if o.get("until_turn") else "hold to the end"), pal.text_dim
        else:
            status, colour = (f"take by turn {o['by_turn']}" if o["by_turn"] else "take and hold to the end"), pal.text_dim
        owner = gs.sc.sides[gs.sc.side_index(o["side"])].name
        cur.line(f"{o['name']}", right=f"{o['vp']:+d} VP", right_colour=pal.accent)
        cur.line(f"{owner} · {status}", colour, indent=12)
    if v and v.levels:
        cur.rule()
        net = score["net"]
        for lv in v.levels:
            hit = (lv.min_vp is None or net >= lv.min_vp) and (lv.max_vp is None or net <= lv.max_vp)
            rng = f"{lv.min_vp:+d} or more" if lv.min_vp is not None else "below"
            cur.line(lv.name, pal.accent if hit else pal.text_dim, bold=hit, right=rng)
            if hit:
                break


def advance_box(gs: GameScreen, n: int) -> pygame.Rect:
    a = gs.app
    h = a.scaled(40) + n * a.scaled(32)
    w = a.scaled(260)
    r = pygame.Rect(0, 0, w, h)
    r.midbottom = (gs.view.rect.centerx, gs.view.rect.bottom - a.scaled(60))
    return r


def advance_specs(gs: GameScreen) -> list[tuple[pygame.Rect, str, Callable[[], None]]]:
    """(rect, label, action) of the advance choice's buttons: one per unit that may advance, then Stay."""
    choice = gs.advance_choice()
    if choice is None:
        return []
    hex_, units = choice
    a = gs.app
    w = a.scaled(230)
    h = a.scaled(28)
    n = len(units) + 1
    box = advance_box(gs, n)
    out = []
    y = box.y + a.scaled(34)
    for u in units:
        r = pygame.Rect(box.centerx - w // 2, y, w, h)
        out.append((r, f"Advance {gs.sc.units[u].short}", orders.advance_action(gs, u)))
        y += h + a.scaled(4)
    r = pygame.Rect(box.centerx - w // 2, y, w, h)
    out.append((r, "Stay", gs.dismiss_advance))
    return out


def draw_advance(gs: GameScreen, surface: pygame.Surface) -> None:
    """The advance choice's box and question (its buttons are widgets, controls.py)."""
    choice = gs.advance_choice()
    if choice is None:
        return
    box = advance_box(gs, len(choice[1]) + 1)
    draw_panel(surface, box, gs.pal)
    t = fonts.fit_text(f"Advance into {gs.sc.map.place(choice[0])}?", box.width - 16, gs.font, gs.pal.text, True)
    surface.blit(t, t.get_rect(midtop=(box.centerx, box.y + gs.app.scaled(8))))
    gs.view.draw_hex_outline(surface, choice[0], gs.pal.select, 3, 0.8)


def draw_status(gs: GameScreen, surface: pygame.Surface) -> None:
    s = gs.session
    if not s.ai_to_move and not s.remote_to_move:
        return
    name = gs.sc.sides[gs.sc.side_index(s.active)].name
    speed = gs.app.settings.ai_speed
    if s.remote_to_move:
        text = f"Waiting for {name}'s turn file (play by e-mail): open it with wargame play --pbem FILE"
    else:
        text = f"{name} (AI) is moving · speed {speed} · Space: skip" + (" · P: paused" if gs.paused else " · P: pause")
    t = fonts.text(text, gs.font, gs.pal.text)
    r = t.get_rect(midtop=(gs.view.rect.centerx, gs.view.rect.y + 10)).inflate(20, 10)
    draw_panel(surface, r, gs.pal, 220)
    surface.blit(t, t.get_rect(center=r.center))


def draw_toasts(gs: GameScreen, surface: pygame.Surface) -> None:
    y = gs.view.rect.bottom - gs.app.scaled(16)
    for tst in reversed(gs.toasts):
        colour = {"error": gs.pal.bad, "combat": gs.pal.accent}.get(tst.kind, gs.pal.text)
        lines = fonts.wrap(tst.text, gs.view.rect.width - 120, gs.font)
        surfs = [fonts.text(ln, gs.font, colour, tst.kind != "info") for ln in lines]
        h = sum(s.get_height() for s in surfs) + 14
        w = max(s.get_width() for s in surfs) + 28
        r = pygame.Rect(0, 0, w, h)
        r.midbottom = (gs.view.rect.centerx, y)
        draw_panel(surface, r, gs.pal, 230)
        yy = r.y + 7
        for s in surfs:
            surface.blit(s, (r.x + 14, yy))
            yy += s.get_height()
        y = r.y - 6


def draw_help(gs: GameScreen, surface: pygame.Surface) -> None:
    pal = gs.pal
    w = min(gs.app.scaled(760), gs.app.size[0] - 40)
    lh = fonts.font(gs.small).get_linesize()
    h = min(gs.app.size[1] - 40, len(HELP) * (lh + 2) + gs.app.scaled(70))
    r = pygame.Rect(0, 0, w, h)
    r.center = (gs.app.size[0] // 2, gs.app.size[1] // 2)
    draw_panel(surface, r, pal, 252)
    cur = TextCursor(surface, r.inflate(-32, -24), pal, gs.small)
    cur.line("Help  (F1 or Esc to close)", pal.accent, bold=True, size=gs.font)
    cur.gap(4)
    key_w = gs.app.scaled(150)
    for key, text in HELP:
        if not text:
            cur.gap(3)
            cur.line(key, pal.accent, bold=True)
            continue
        y = cur.y
        cur.line(key, bold=True, wrap=False)
        cur.y = y
        cur.line(text, pal.text_dim, indent=key_w)
