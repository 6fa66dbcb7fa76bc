"""The game screen's bar (buttons, whose phase), side panel (unit, hex, odds, log) and minimap."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

import numpy as np
import pygame
from pygame_gui.elements import UIButton

import engine
from engine import combat, entrenchment, minefields, movement, replacements, rivers, sequence, victory
from engine.state import SUPPLY_NAMES, Supply
from ui.drawing import fonts
from ui.drawing.counters import SIZE_MARKS, fmt_value
from ui.drawing.palette import darker, lighter
from ui.drawing.view import side_colour
from ui.eventlog import LogLine
from ui.screens import theme
from ui.screens.game import tooltip
from ui.screens.game.controls import bar_rects
from ui.session import describe_mode
from ui.widgets import TextCursor

if TYPE_CHECKING:
    from ui.screens.game.screen import GameScreen


def draw_bar(gs: GameScreen, surface: pygame.Surface) -> None:
    """The bar under its buttons (widgets, controls.py), and whose phase it is at its right."""
    w = gs.app.size[0]
    bar = pygame.Rect(0, 0, w, gs.bar_h)
    surface.fill(theme.bar_background(gs.pal), bar)
    pygame.draw.line(surface, gs.pal.panel_edge, (0, gs.bar_h - 1), (w, gs.bar_h - 1))
    human = gs.session.human_to_move
    # Right side of the bar: whose phase.
    side = gs.game.state.side
    name = gs.sc.sides[side].name
    who = ("your phase" if human and gs.session.mode not in ("hotseat",) else "hot-seat" if human
           else "by e-mail" if gs.session.remote_to_move else "AI")
    phases = gs.game.phases
    phase = f"{gs.game.phase_title} phase ({gs.game.state.phase + 1}/{len(phases)})" if len(phases) > 1 else ""
    t = fonts.text(" · ".join(x for x in (name, phase, who) if x), gs.font, side_colour(gs.sc, side, gs.pal) if not gs.pal.side_override else gs.pal.text, True)
    right = bar_rects(gs)[-1].right + gs.app.scaled(10)
    if right + t.get_width() < w - gs.app.scaled(8):
        pygame.draw.circle(surface, side_colour(gs.sc, side, gs.pal), (w - t.get_width() - gs.app.scaled(22), gs.bar_h // 2), gs.app.scaled(6))
        surface.blit(t, (w - t.get_width() - gs.app.scaled(10), (gs.bar_h - t.get_height()) // 2))


def draw_side_panel(gs: GameScreen, surface: pygame.Surface) -> None:
    p = gs.panel
    pal = gs.pal
    surface.fill(pal.panel, p)
    pygame.draw.line(surface, pal.panel_edge, p.topleft, p.bottomleft)
    draw_minimap(gs, surface)
    pad = gs.app.scaled(10)
    g = gs.game
    st = g.state
    bottom = inspector_rect(gs).y if gs.inspected() and not gs.log_expanded else log_rect(gs).y
    info = pygame.Rect(p.x + pad, gs.minimap_rect.bottom + pad, p.width - 2 * pad, bottom - gs.minimap_rect.bottom - 2 * pad)
    cur = TextCursor(surface, info, pal, gs.font)
    date = g.date
    cur.line(f"Turn {g.turn} of {gs.sc.turns} · {date:%d %b %Y}", bold=True)
    w = st.weather
    air = ", ".join(f"{s.name.split()[0]} {st.air_left[k]}" for k, s in enumerate(gs.sc.sides))
    cur.line(f"Weather: {w}   Air points: {air}", pal.text_dim, size=gs.small)
    ice = rivers.frozen_names(gs.sc, st.turn, st.weather)
    if ice:
        cur.line(f"Frozen over (no obstacle): {', '.join(ice)}", pal.text_dim, size=gs.small)
    if gs.session.human_to_move and st.replacement_points[st.side]:
        cur.line(f"Replacement points: {st.replacement_points[st.side]} (select a worn unit, R)", pal.text_dim, size=gs.small)
    score = gs._cached("score", gs._key(), lambda: victory.score(st))
    vp_side = gs.sc.sides[gs.sc.side_index(score["side"])].name
    cur.line(f"{describe_mode(gs.session.mode, gs.sc, bool(gs.session.remote))} · VP {score['net']:+d} for {vp_side}", pal.text_dim, size=gs.small)
    cur.line(vp_parts(gs.sc, score) + " (O: details)", pal.text_dim, size=gs.small)
    cur.rule()
    if gs.log_expanded:
        draw_log(gs, surface)
        return
    target = gs.hover if gs.hover >= 0 and gs.selection and gs.enemy_in(gs.hover) else -1
    prev = gs.preview(target) if target >= 0 else None
    if prev is not None:
        _panel_preview(gs, cur, prev, target)
    else:
        if gs.selection:
            _panel_units(gs, cur, st)
            cur.rule()
        if gs.hover >= 0:
            _panel_hex(gs, cur, st, gs.hover)
        elif not gs.selection:
            _panel_hints(gs, cur, st)
    draw_inspector(gs, surface)
    draw_log(gs, surface)


# -- the stack inspector: every unit of a hex with its values, each one selectable ---------------
def inspector_rect(gs: GameScreen) -> pygame.Rect:
    r = log_rect(gs)
    lh = fonts.font(gs.small).get_linesize() + gs.app.scaled(3)
    n = len(gs.inspected())
    h = (n + 1) * lh + gs.app.scaled(10)
    return pygame.Rect(r.x, r.y - h - gs.app.scaled(8), r.width, h)


def inspector_rows(gs: GameScreen) -> list[tuple[pygame.Rect, int]]:
    """(row, unit) for each unit of the inspected stack, top first, then (row, -1) for "select all"."""
    units = gs.inspected()
    if not units or gs.log_expanded:
        return []
    r = inspector_rect(gs)
    lh = fonts.font(gs.small).get_linesize() + gs.app.scaled(3)
    rows = [(pygame.Rect(r.x, r.y + gs.app.scaled(4) + k * lh, r.width, lh), u) for k, u in enumerate(units)]
    if any(gs.sc.units[u].side == gs.game.state.side for u in units) and gs.session.human_to_move:
        rows.append((pygame.Rect(r.x, r.y + gs.app.scaled(4) + len(units) * lh, r.width, lh), -1))
    return rows


def draw_inspector(gs: GameScreen, surface: pygame.Surface) -> None:
    rows = inspector_rows(gs)
    if not rows:
        return
    pal, st, sc = gs.pal, gs.shown_state(), gs.sc
    r = inspector_rect(gs)
    surface.fill(darker(pal.panel, 0.12), r)
    pygame.draw.rect(surface, pal.panel_edge, r, 1)
    for rect, u in rows:
        hot = rect.collidepoint(gs.app.mouse)
        if hot:
            surface.fill(lighter(pal.panel, 0.1), rect)
        if u < 0:
            t = fonts.text("Select the whole stack (G)", gs.small, pal.accent)
            surface.blit(t, (rect.x + gs.app.scaled(6), rect.y))
            continue
        d = sc.units[u]
        own = d.side == st.side
        mark = "[x]" if u in gs.selection else "[ ]" if own and gs.session.human_to_move else "   "
        colour = side_colour(sc, d.side, pal) if not pal.side_override else pal.text
        values = f"{fmt_value(st.attack_of(u))}-{fmt_value(st.defence_of(u))}-{fmt_value(movement.mp_left(st, u) if own else d.movement)}"
        flags = []
        if Supply(int(st.unit_supply[u])) != Supply.SUPPLIED:
            flags.append(SUPPLY_NAMES[Supply(int(st.unit_supply[u]))])
        if st.unit_attacked[u]:
            flags.append("attacked")
        right = f"{values}  {int(st.unit_steps[u])}/{d.max_steps}"
        rt = fonts.text(right, gs.small, pal.text)
        left = f"{mark} {d.short}: {d.name}" + (f" ({', '.join(flags)})" if flags else "")
        lt = fonts.fit_text(left, rect.width - rt.get_width() - gs.app.scaled(16), gs.small, colour, u in gs.selection)
        surface.blit(lt, (rect.x + gs.app.scaled(6), rect.y))
        surface.blit(rt, (rect.right - rt.get_width() - gs.app.scaled(6), rect.y))


# -- the log: a scrollable history, filtered by turn and side; a click centres the map --------------
TURN_FILTERS = ("all", "this", "last")


def log_rect(gs: GameScreen) -> pygame.Rect:
    p = gs.panel
    pad = gs.app.scaled(10)
    top = gs.minimap_rect.bottom + pad if gs.log_expanded else p.bottom - gs.app.scaled(190) - pad // 2
    return pygame.Rect(p.x + pad, top, p.width - 2 * pad, p.bottom - pad // 2 - top)


def log_buttons(gs: GameScreen) -> list[UIButton]:
    """The log's header: turn filter, side filter, expand (widgets, controls.py)."""
    return gs.controls.sync_log()


def log_button_specs(gs: GameScreen) -> list[tuple[pygame.Rect, str, Callable[[], None]]]:
    """(rect, label, action) of the log's header buttons, where the log is now."""
    r = log_rect(gs)
    h = fonts.font(gs.small).get_linesize() + gs.app.scaled(4)
    side = "all sides" if gs.log_side is None else gs.sc.sides[gs.sc.side_index(gs.log_side)].name
    turn = {"all": "all turns", "this": "this turn", "last": "last turn"}[gs.log_turn]
    specs = [(f"Turn: {turn}", gs.cycle_log_turn, 0.36), (f"Side: {side}", gs.cycle_log_side, 0.40),
             ("Less" if gs.log_expanded else "More", gs.toggle_log, 0.24)]
    out, x = [], r.x
    for label, action, frac in specs:
        w = int(r.width * frac) - gs.app.scaled(3)
        out.append((pygame.Rect(x, r.y, w, h), label, action))
        x += w + gs.app.scaled(4)
    return out


def log_filtered(gs: GameScreen) -> list[LogLine]:
    turn = gs.game.turn
    lines = gs.log
    if gs.log_turn == "this":
        lines = [ln for ln in lines if ln.turn == turn]
    elif gs.log_turn == "last":
        lines = [ln for ln in lines if ln.turn == turn - 1]
    if gs.log_side is not None:
        lines = [ln for ln in lines if ln.side == gs.log_side or ln.kind == "turn"]
    return lines


def log_rows(gs: GameScreen) -> list[tuple[pygame.Rect, str, str, LogLine]]:
    """The rows the log shows now (newest at the bottom, `gs.log_scroll` rows up from the end)."""
    r = log_rect(gs)
    lh = fonts.font(gs.small).get_linesize()
    body = pygame.Rect(r.x, r.y + lh + gs.app.scaled(8), r.width, r.bottom - r.y - lh - gs.app.scaled(8))
    key = (len(gs.log), gs.log_upto_key(), gs.log_turn, gs.log_side, gs.log_scroll, tuple(body), gs.small)

    def make():
        wrapped: list[tuple[str, str, LogLine]] = []
        for ln in log_filtered(gs):
            for k, text in enumerate(fonts.wrap(ln.text, body.width - gs.app.scaled(6), gs.small)):
                wrapped.append(((text if k == 0 else "  " + text), ln.kind, ln))
        fit = max(1, body.height // lh)
        gs.log_scroll = max(0, min(gs.log_scroll, len(wrapped) - fit))
        shown = wrapped[max(0, len(wrapped) - fit - gs.log_scroll): len(wrapped) - gs.log_scroll]
        y = body.bottom - len(shown) * lh
        rows = []
        for text, kind, ln in shown:
            rows.append((pygame.Rect(body.x, y, body.width, lh), text, kind, ln))
            y += lh
        return rows, len(wrapped), fit
    return gs._cached("log_rows", key, make)[0]


def draw_log(gs: GameScreen, surface: pygame.Surface) -> None:
    pal = gs.pal
    r = log_rect(gs)
    pygame.draw.line(surface, pal.panel_edge, (r.x, r.y - 4), (r.right, r.y - 4))
    if gs.log_expanded:
        surface.fill(pal.panel, r)
    colours = {"turn": pal.accent, "combat": lighter(pal.bad, 0.2), "loss": pal.bad, "good": pal.good, "error": pal.bad,
               "move": pal.text_dim, "info": pal.text_dim, "phase": pal.text}
    mouse = gs.app.mouse
    for rect, text, kind, ln in log_rows(gs):
        if ln.hex >= 0 and rect.collidepoint(mouse):
            surface.fill(lighter(pal.panel, 0.1), rect)
        surface.blit(fonts.text(text, gs.small, colours.get(kind, pal.text)), rect.topleft)
    if gs.log_scroll:
        t = fonts.text(f"{gs.log_scroll} newer lines below (wheel)", gs.small, pal.accent)
        surface.blit(t, (r.right - t.get_width(), r.bottom - t.get_height()))


def vp_parts(sc, score: dict) -> str:
    """Where the net VP comes from, so a score of -79 on turn 1 explains itself."""
    me = sc.side_index(score["side"])
    hexes = score["hexes"][me] - sum(x for k, x in enumerate(score["hexes"]) if k != me)
    parts = [f"VP hexes held {hexes:+d}", f"objectives {score['objectives']:+d}"]
    if score.get("elimination"):
        parts.append(f"losses {score['elimination']:+g}")
    return " = " + ", ".join(parts)


def draw_minimap(gs: GameScreen, surface: pygame.Surface) -> None:
    r = gs.minimap_rect

    def make() -> pygame.Surface:
        img = gs.minimap_base.copy()
        st = gs.shown_state()
        m = gs.sc.map
        sx, sy = r.width / m.columns, r.height / (m.rows + 0.5)
        dot = max(2, min(7, int(min(sx, sy) * 0.6)))
        stacks, _ = gs.scene()
        for i, units in stacks.items():
            c, row = i % m.columns, i // m.columns
            colour = side_colour(gs.sc, gs.sc.units[units[0]].side, gs.pal)
            img.fill(colour, (int(c * sx + sx / 2 - dot / 2), int((row + 0.5 * (c & 1)) * sy + sy / 2 - dot / 2), dot, dot))
        for i in np.flatnonzero(m.vp > 0).tolist():
            c, row = i % m.columns, i // m.columns
            side = int(st.control[i])
            colour = side_colour(gs.sc, side, gs.pal) if side >= 0 else (220, 220, 210)
            centre = (c * sx + sx / 2, (row + 0.5 * (c & 1)) * sy + sy / 2)
            pygame.draw.circle(img, (20, 20, 20), centre, max(2, dot * 0.6) + 1)
            pygame.draw.circle(img, colour, centre, max(2, dot * 0.6))
        return img
    img = gs._cached("minimap", gs._key() + (r.size,), make)
    surface.blit(img, r.topleft)
    fx, fy, fw, fh = gs.view.visible_fraction()
    vr = pygame.Rect(r.x + fx * r.width, r.y + fy * r.height, max(4, fw * r.width), max(4, fh * r.height)).clip(r)
    pygame.draw.rect(surface, (255, 255, 255), vr, 1)
    pygame.draw.rect(surface, gs.pal.panel_edge, r, 1)


def _panel_hints(gs: GameScreen, cur: TextCursor, st) -> None:
    pal = gs.pal
    s = gs.session
    if s.human_to_move:
        g = gs.game
        cur.line(f"{g.phase_title} phase: {sequence.HELP[g.phase]}.", pal.text, size=gs.small)
        if g.phase == "combat":
            ready = gs.ready_attackers(st)
            cur.line(f"{len(ready)} unit{'s' if len(ready) != 1 else ''} next to the enemy can still attack (N: next)", pal.text_dim, size=gs.small)
            cur.line("Select units, point at an enemy next to them to see the odds; click to attack.", pal.text_dim, size=gs.small)
        else:
            ready = gs.ready_movers(st)
            cur.line(f"{len(ready)} unit{'s' if len(ready) != 1 else ''} can still move (N: next)", pal.text_dim, size=gs.small)
            cur.line("Click a unit to see where it can go; click a hex in its range to move there.", pal.text_dim, size=gs.small)
            if g.phase == "free":
                cur.line("With units selected, point at an enemy to see the odds; click to attack.", pal.text_dim, size=gs.small)
        cur.line("E ends the phase · F1 shows every key", pal.text_dim, size=gs.small)
    elif s.ai_to_move:
        cur.line("The AI is giving its orders: Space skips the playback.", pal.text_dim, size=gs.small)


def _panel_units(gs: GameScreen, cur: TextCursor, st) -> None:
    pal = gs.pal
    if len(gs.selection) > 1:
        total = sum(st.attack_of(u) for u in gs.selection)
        cur.line(f"{len(gs.selection)} units selected (attack {fmt_value(total)})", bold=True)
    for u in gs.selection[:4]:
        d = gs.sc.units[u]
        nation = gs.sc.model.nations.get(d.nation)
        cur.line(d.name, bold=True)
        cur.line(f"{d.type.replace('_', ' ')} {d.size} ({SIZE_MARKS.get(d.size, '')}) · {nation.name if nation else d.nation}", pal.text_dim, size=gs.small)
        steps = int(st.unit_steps[u])
        cur.line(f"Attack {fmt_value(st.attack_of(u))}  Defence {fmt_value(st.defence_of(u))}  Steps {steps}/{d.max_steps}", size=gs.small)
        mp = movement.mp_left(st, u)
        status = []
        if st.unit_moved[u]:
            status.append("moved")
        if st.unit_attacked[u]:
            status.append("attacked")
        sup = Supply(int(st.unit_supply[u]))
        colour = pal.text if sup == Supply.SUPPLIED else pal.out_of_supply if sup == Supply.OUT_OF_SUPPLY else pal.bad
        cur.line(f"MP left {fmt_value(mp)} of {fmt_value(movement.mp_allowance(st, u))}" + (f" · {', '.join(status)}" if status else ""), size=gs.small)
        cur.line(f"Supply: {SUPPLY_NAMES[sup]}", colour, size=gs.small)
        dug = entrenchment.level(st, u)
        if dug:
            cur.line(f"Dug in: level {dug} (defence {dug * gs.sc.rules.model.entrenchment.shift_per_level:+d} column{'s' if dug != 1 else ''})", size=gs.small)
    if len(gs.selection) == 1 and gs.session.human_to_move:
        u = gs.selection[0]
        left = int(st.replacement_points[st.side])
        if left and replacements.refusal(gs.game.state, u) is None:
            cur.line(f"R: replace a step ({left} replacement point{'s' if left != 1 else ''} left)", pal.accent, size=gs.small)
        reach = gs.reachable(gs.selection[0])
        if not reach:
            why = gs.query().why_cannot_move(gs.sc.units[gs.selection[0]].id)
            cur.line(why or "No move is open to this unit now (enemy units and zones of control block every hex).",
                     pal.text_dim, size=gs.small)


def _panel_hex(gs: GameScreen, cur: TextCursor, st, i: int) -> None:
    sc, pal = gs.sc, gs.pal
    m = sc.map
    name = m.names.get(i)
    tname = sc.rules.terrain_names[m.terrain[i]]
    rule = sc.rules.model.terrain[tname]
    cur.line(name or m.place(i), bold=True, right=tname.capitalize(), right_colour=pal.accent)
    if rule.description:
        cur.line(rule.description, pal.text_dim, size=gs.small)
    if rule.impassable:
        cur.line("Impassable", pal.bad, size=gs.small)
    else:
        costs = ", ".join(f"{k} {fmt_value(v)}" for k, v in rule.move.items())
        cur.line(f"Move cost: {costs}", size=gs.small)
        effects = []
        if rule.defence_shift:
            effects.append(f"defence {rule.defence_shift:+d} column{'s' if abs(rule.defence_shift) != 1 else ''}")
        if rule.open:
            effects.append("open ground (armour shift)")
        if m.fort[i]:
            effects.append(f"fortifications level {int(m.fort[i])}")
        if effects:
            cur.line("Combat: " + ", ".join(effects), size=gs.small)
        mf = minefields.describe(st, i)
        if mf is not None:
            cur.line(tooltip.minefield_text(sc, mf), pal.text_dim if mf.cleared else None, size=gs.small)
            note = tooltip.minefield_note(sc, mf)
            if note:
                cur.line(note, pal.text_dim, size=gs.small)
    feats = []
    minor, major = rivers.masks(sc, st.turn, st.weather)
    for label, layer in (("major river", major), ("minor river", minor), ("road", m.road), ("railway", m.rail)):
        n = bin(int(layer[i])).count("1")
        if n:
            feats.append(f"{label} ({n} side{'s' if n != 1 else ''})")
    frozen = bin(int((m.river_major[i] | m.river_minor[i]) & ~(major[i] | minor[i]))).count("1")
    if frozen:
        feats.append(f"frozen river ({frozen} side{'s' if frozen != 1 else ''}: no obstacle)")
    if feats:
        cur.line(", ".join(feats).capitalize(), size=gs.small)
    ctrl = int(st.control[i])
    ctrl_text = sc.sides[ctrl].name if ctrl >= 0 else "nobody"
    extra = f" · {int(m.vp[i])} VP" if m.vp[i] else ""
    cur.line(f"Control: {ctrl_text}{extra}", size=gs.small)
    if not sc.rules.impassable[m.terrain[i]]:
        reach, connected, side = gs.supply_field(st)
        s = "in supply range" if reach[i] >= 0 else "out of supply range" if connected[i] >= 0 else "cut off from every source"
        cur.line(f"Supply for {sc.sides[side].name}: {s}", size=gs.small)
    stacks, _ = gs.scene()
    for u in reversed(stacks.get(i, [])):
        d = sc.units[u]
        colour = side_colour(sc, d.side, pal) if not pal.side_override else pal.text
        cur.line(f"{d.short}: {d.name} ({int(st.unit_steps[u])}/{d.max_steps} steps)", colour, size=gs.small)


def _panel_preview(gs: GameScreen, cur: TextCursor, prev, target: int) -> None:
    pal = gs.pal
    if isinstance(prev, engine.IllegalOrder):
        cur.line(prev.message, pal.bad)
        return
    sc = gs.sc
    cur.line(f"Attack on {sc.map.place(target)}", bold=True)
    names = ", ".join(sc.units[a].short for a in prev.attackers)
    cur.line(f"Attackers: {names}", pal.text_dim, size=gs.small)
    cur.line(f"Attack {fmt_value(prev.attack)} vs defence {fmt_value(prev.defence)}: odds {prev.odds}", size=gs.font)
    base = prev.base_column_name
    cur.line(f"Column {base}", size=gs.small)
    for s in prev.shifts:
        colour = pal.good if s.shift > 0 else pal.bad
        cur.line(f"  {s.reason}", colour, size=gs.small, right=f"{s.shift:+d}", right_colour=colour)
    cur.line(f"Final column: {prev.column_name}", pal.accent, bold=True)
    left = int(gs.game.state.air_left[gs.game.state.side])
    cur.line(f"Air support: {gs.air} (of {left} left; [ and ] to change)", pal.text_dim, size=gs.small)
    if not prev.allowed:
        cur.line(prev.reason, pal.bad)
        return
    cur.gap(4)
    gone = gs._cached("eliminations", gs._key() + (prev.attackers, prev.target, prev.air),
                      lambda: combat.eliminations(gs.shown_state(), prev))
    order = list(dict.fromkeys(prev.results))
    for code in order:
        p = prev.probabilities.get(code, 0.0)
        desc = prev.descriptions.get(code, "")
        good = code.startswith("D")
        colour = pal.good if good else pal.bad if code.startswith("A") else darker(pal.accent, 0.2)
        cur.bar(p, darker(colour, 0.25), gs.small + 6, f"{p * 100:.0f}%  {code}: {desc}")
        lost_a, lost_d = gone.get(code, ((), ()))
        if lost_d or lost_a:
            gone_names = [sc.units[u].short for u in (*lost_d, *lost_a)]
            cur.line(f"    eliminates {', '.join(gone_names)}", pal.good if lost_d and not lost_a else pal.bad, size=gs.small)
    cur.gap(4)
    cur.line("Click to attack", pal.accent, size=gs.small)
