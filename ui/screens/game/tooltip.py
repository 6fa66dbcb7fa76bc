"""The hover tooltips of the map: a unit card over a counter, and what a hex's terrain, rivers and
roads cost and shift over an empty hex. They read the scenario and the state (the player's
view of it) and the rule set's own numbers; nothing is worked out here."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pygame

from engine import minefields, movement
from engine.state import SUPPLY_NAMES, Supply
from ui.drawing import fonts
from ui.drawing.counters import SIZE_MARKS, fmt_value
from ui.drawing.view import side_colour
from ui.widgets import draw_panel

if TYPE_CHECKING:
    from ui.screens.game.screen import GameScreen

DELAY = 0.5         # seconds the mouse rests on a hex before its tooltip shows
Line = tuple[str, Any, bool]        # text, colour (None: the panel's text colour), bold


def unit_notes(sc) -> dict[str, tuple[str, str]]:
    """Unit id -> (parent formation, history note), from the order of battle."""
    out: dict[str, tuple[str, str]] = {}
    units = list(sc.model.units) + [u for r in sc.model.reinforcements for u in r.units]
    for u in units:
        out[u.id] = (u.parent or "", u.note or "")
    return out


def unit_card(gs: GameScreen, u: int) -> list[Line]:
    sc, st, pal = gs.sc, gs.shown_state(), gs.pal
    d = sc.units[u]
    nation = sc.model.nations.get(d.nation)
    steps = int(st.unit_steps[u])
    lines: list[Line] = [(d.name, side_colour(sc, d.side, pal) if not pal.side_override else None, True),
                         (f"{d.type.replace('_', ' ')} {d.size} ({SIZE_MARKS.get(d.size, '')}) · {nation.name if nation else d.nation}",
                          pal.text_dim, False)]
    parent, note = gs._cached("unit_notes", (id(sc),), lambda: unit_notes(sc)).get(d.id, ("", ""))
    if parent:
        lines.append((parent, pal.text_dim, False))
    lines.append((f"Steps {steps} of {d.max_steps} · now attack {fmt_value(st.attack_of(u))}, defence {fmt_value(st.defence_of(u))}",
                  None, False))
    if d.max_steps > 1:
        per = " · ".join(f"{k}: {fmt_value(d.attack[k - 1])}-{fmt_value(d.defence[k - 1])}" for k in range(d.max_steps, 0, -1))
        lines.append((f"By steps left (attack-defence): {per}", pal.text_dim, False))
    own = d.side == st.side
    mp = f"MP left {fmt_value(movement.mp_left(st, u))} of {fmt_value(movement.mp_allowance(st, u))}" if own else \
        f"Movement {fmt_value(d.movement)}"
    sup = Supply(int(st.unit_supply[u]))
    colour = None if sup == Supply.SUPPLIED else pal.out_of_supply if sup == Supply.OUT_OF_SUPPLY else pal.bad
    lines.append((f"{mp} · supply: {SUPPLY_NAMES[sup]}", colour, False))
    done = [w for w, flag in (("moved", st.unit_moved[u]), ("attacked", st.unit_attacked[u])) if flag and own]
    if done:
        lines.append(("This phase: " + ", ".join(done), pal.text_dim, False))
    if note:
        lines.append((note, pal.accent, False))
    return lines


def minefield_text(sc, mf: minefields.Minefield) -> str:
    """'Minefield (laid by Axis): +2 MP to enter for foot, +3 for motorised and tracked, defence
    shift -1', in the rule set's numbers (engine/minefields.py), or that it has been cleared."""
    head = f"Minefield (laid by {sc.sides[mf.side].name})"
    if mf.cleared:
        return f"{head}: cleared, a gap is open (no extra MP, no shift)"
    by_cost: dict[float, list[str]] = {}
    for k, v in mf.move_add.items():
        if v:
            by_cost.setdefault(v, []).append(k)
    if not by_cost:
        parts = ["no extra MP to enter"]
    elif len(by_cost) == 1 and len(next(iter(by_cost.values()))) == len(mf.move_add):
        parts = [f"+{fmt_value(next(iter(by_cost)))} MP to enter"]
    else:
        costs = [f"+{fmt_value(v)}{' MP to enter' if n == 0 else ''} for {' and '.join(ks)}"
                 for n, (v, ks) in enumerate(sorted(by_cost.items()))]
        parts = [", ".join(costs)]
    if mf.defence_shift:
        parts.append(f"defence shift {mf.defence_shift:+d}")
    return f"{head}: " + ", ".join(parts)


def minefield_note(sc, mf: minefields.Minefield) -> str:
    """The field's name and who crosses it freely."""
    own = f"Units of {sc.sides[mf.side].name} cross it freely" if not mf.cleared else ""
    return " · ".join(x for x in (mf.name, own) if x)


def terrain_card(gs: GameScreen, i: int) -> list[Line]:
    from engine import rivers

    sc, st, pal = gs.sc, gs.shown_state(), gs.pal
    m = sc.map
    tname = sc.rules.terrain_names[m.terrain[i]]
    rule = sc.rules.model.terrain[tname]
    name = m.names.get(i)
    lines: list[Line] = [(f"{name} · {tname}" if name else tname.capitalize(), None, True)]
    if rule.impassable:
        lines.append(("Impassable", pal.bad, False))
        return lines
    lines.append(("Entering costs " + ", ".join(f"{k} {fmt_value(v)} MP" for k, v in rule.move.items()), None, False))
    if rule.defence_shift:
        lines.append((f"Defender here: {rule.defence_shift:+d} column{'s' if abs(rule.defence_shift) != 1 else ''}", None, False))
    if rule.open:
        lines.append(("Open ground: armour attacking into it gets its shift", pal.text_dim, False))
    if m.fort[i]:
        lines.append((f"Fortifications, level {int(m.fort[i])}", None, False))
    mf = minefields.describe(st, i)
    if mf is not None:
        lines.append((minefield_text(sc, mf), pal.text_dim if mf.cleared else None, False))
        note = minefield_note(sc, mf)
        if note:
            lines.append((note, pal.text_dim, False))
    hs = sc.rules.model.hexsides
    minor, major = rivers.masks(sc, st.turn, st.weather)
    for label, layer, rule_h in (("Major river", major, hs.river_major), ("Minor river", minor, hs.river_minor)):
        n = bin(int(layer[i])).count("1")
        if n:
            add = ", ".join(f"{k} +{fmt_value(v)}" for k, v in rule_h.move_add.items() if v)
            shift = f"; attacking across {rule_h.attack_shift:+d} column{'s' if abs(rule_h.attack_shift) != 1 else ''}" if rule_h.attack_shift else ""
            lines.append((f"{label} on {n} side{'s' if n != 1 else ''}: crossing {add or 'no extra'} MP{shift}", None, False))
    for label, layer, rule_h in (("Road", m.road, hs.road), ("Railway", m.rail, hs.railway)):
        if layer[i] and rule_h.move:
            along = ", ".join(f"{k} {fmt_value(v)}" for k, v in rule_h.move.items())
            lines.append((f"{label}: along it {along} MP a hex", None, False))
    if m.vp[i]:
        ctrl = int(st.control[i])
        lines.append((f"{int(m.vp[i])} VP, held by {sc.sides[ctrl].name if ctrl >= 0 else 'nobody'}", pal.accent, False))
    return lines


def lines_for(gs: GameScreen, i: int) -> list[Line]:
    stacks, _ = gs.scene()
    units = stacks.get(i)
    return unit_card(gs, units[-1]) if units else terrain_card(gs, i)


def draw_tooltip(gs: GameScreen, surface: pygame.Surface) -> None:
    i = gs.hover
    if i < 0 or gs.hover_time < DELAY or gs.dragging or not gs.view.rect.collidepoint(gs.app.mouse):
        return
    if gs.selection and gs.enemy_in(i):
        return                                  # the odds preview speaks for that hex
    a, pal = gs.app, gs.pal
    lines = gs._cached("tooltip", gs._key() + (i,), lambda: lines_for(gs, i))
    width = a.scaled(330)
    rows = []
    for text, colour, bold in lines:
        for ln in fonts.wrap(text, width, gs.small, bold):
            rows.append(fonts.text(ln, gs.small, colour or pal.text, bold))
    pad = a.scaled(8)
    h = sum(r.get_height() for r in rows) + 2 * pad
    w = max(r.get_width() for r in rows) + 2 * pad
    mx, my = gs.app.mouse
    box = pygame.Rect(mx + a.scaled(18), my + a.scaled(18), w, h)
    v = gs.view.rect
    if box.right > v.right:
        box.right = mx - a.scaled(12)
    if box.bottom > v.bottom:
        box.bottom = my - a.scaled(12)
    box.clamp_ip(v)
    draw_panel(surface, box, pal, 245)
    y = box.y + pad
    for r in rows:
        surface.blit(r, (box.x + pad, y))
        y += r.get_height()
