"""Events as lines of the combat log, and the arrows of recent moves and attacks."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, NamedTuple

from engine import sequence


def _name(sc, unit_id: str) -> str:
    try:
        return sc.unit(unit_id).name
    except KeyError:
        return unit_id


def _place(sc, hex_id: str) -> str:
    try:
        return sc.map.place(sc.map.parse(hex_id))
    except ValueError:
        return hex_id


def _places(sc, hex_ids: list[str]) -> str:
    """The named places among the hexes (or where the first one lies, when none is named)."""
    out: list[str] = []
    for h in hex_ids:
        try:
            i = sc.map.parse(h)
        except ValueError:
            continue
        if i in sc.map.names and sc.map.names[i] not in out:
            out.append(sc.map.names[i])
    return ", ".join(out) if out else _place(sc, hex_ids[0]) if hex_ids else "?"


# The hex an event happened at (the key of its data), for the log's "centre the map here".
_WHERE = {"unit_moved": ("path", -1), "unit_retreated": ("path", -1), "rail_moved": ("to", None), "combat": ("target", None),
          "advance": ("to", None), "reinforcement_arrived": ("hex", None), "control_changed": ("hexes", 0),
          "pocket": ("hexes", 0), "interdiction": ("hex", None), "step_loss": ("hex", None), "unit_eliminated": ("hex", None)}


def where(event, sc) -> int:
    """The hex index an event is about, or -1."""
    key = _WHERE.get(event.kind)
    if key is None:
        return -1
    value = event.data.get(key[0])
    if key[1] is not None:
        value = value[key[1]] if isinstance(value, (list, tuple)) and value else None
    if not isinstance(value, str):
        return -1
    try:
        return sc.map.parse(value)
    except ValueError:
        return -1


class LogLine(NamedTuple):
    """One line of the game screen's log: what it says, how it looks, and where and when it happened."""

    text: str
    kind: str            # info / move / combat / loss / turn / phase / good / error
    turn: int
    side: str            # the side whose phase it was
    hex: int = -1        # the hex to centre the map on, -1 none


def log_lines(events: list[Any], sc) -> list[LogLine]:
    """The log lines of some events; losses without a hex of their own take the attack's."""
    out: list[LogLine] = []
    last = -1
    for e in events:
        line = describe(e, sc)
        at = where(e, sc)
        if e.kind == "combat":
            last = at
        elif at < 0 and e.kind in ("step_loss", "retreat_blocked", "unit_eliminated"):
            at = last
        if line is not None:
            out.append(LogLine(line[0], line[1], e.turn, e.side, at))
    return out


def describe(event, sc) -> tuple[str, str] | None:
    """(text, kind) for the log, or None for events not worth a line. kind: info/move/combat/loss/turn/good.

    Under fog of war the caller passes only the events its side may know (`engine.fog.visible_events`)."""
    k, d = event.kind, event.data
    side_name = {s.id: s.name for s in sc.sides}
    if k == "turn_began":
        date = dt.date.fromisoformat(d["date"])
        return f"Turn {event.turn} · {date:%d %b %Y}", "turn"
    if k == "weather":
        return f"Weather: {d['weather']}", "info"
    if k == "side_began":
        return f"{side_name.get(event.side, event.side)} turn", "phase"
    if k == "phase_began":
        if d.get("of", 1) <= 1:
            return None
        return f"{sequence.TITLES.get(d['phase'], d['phase'])} phase ({d['number']} of {d['of']})", "phase"
    if k == "unit_moved":
        return f"{_name(sc, d['unit'])} moved to {_place(sc, d['path'][-1])} ({d['cost']:g} MP)", "move"
    if k == "combat":
        return (f"{side_name.get(event.side, event.side)} attacked {_place(sc, d['target'])} at {d['odds']} "
                f"(column {d['column']}): roll {d['roll']}, {d['result']} {d['description']}"), "combat"
    if k == "step_loss":
        return f"{_name(sc, d['unit'])} lost {d['steps']} step{'s' if d['steps'] != 1 else ''} ({d['cause']})", "loss"
    if k == "unit_eliminated":
        return f"{_name(sc, d['unit'])} eliminated", "loss"
    if k == "unit_retreated":
        if d.get("kept_last_step"):
            return f"{_name(sc, d['unit'])} fell back to {_place(sc, d['path'][-1])}, a hex farther, and kept its last step", "info"
        return f"{_name(sc, d['unit'])} retreated to {_place(sc, d['path'][-1])}", "info"
    if k == "retreat_blocked":
        return f"{_name(sc, d['unit'])} could not retreat {d['hexes']} hex{'es' if d['hexes'] != 1 else ''}: {d['reason']}", "loss"
    if k == "advance":
        return f"{_name(sc, d['unit'])} advanced into {_place(sc, d['to'])}", "move"
    if k == "control_changed" and d.get("places"):
        return f"{side_name.get(d['to'], d['to'])} took {_places(sc, d['hexes'])}", "good"
    if k == "reinforcement_arrived":
        return f"{_name(sc, d['unit'])} arrived at {_place(sc, d['hex'])}", "info"
    if k == "reinforcement_delayed":
        return f"{_name(sc, d['unit'])} delayed: entry blocked", "info"
    if k == "replacement":
        return f"{_name(sc, d['unit'])} received a replacement step ({d['left']} steps)", "good"
    if k == "unit_withdrawn":
        return f"{_name(sc, d['unit'])} withdrawn", "info"
    if k == "pocket" and d.get("new"):
        return f"Pocket near {_places(sc, d.get('hexes', []))}: {d['size']} unit{'s' if d['size'] != 1 else ''} ({d['steps']} steps) cut off", "loss"
    if k == "supply_traced" and (d.get("out_of_supply") or d.get("isolated")):
        return f"Supply: {d['out_of_supply']} out of supply, {d['isolated']} isolated", "info"
    if k == "objective":
        if d.get("status") == "failed":
            return f"Objective failed: {d['name']}", "loss"
        return f"Objective: {d['name']}", "good"
    if k == "game_over":
        return f"Game over: {d['name']} ({d['vp']:+d} VP) — {d['reason']}", "turn"
    return None


@dataclass(frozen=True)
class Arrow:
    kind: str                 # "move" or "attack"
    side: int
    hexes: tuple[int, ...]    # hex indices, start first
    turn: int
    label: str = ""


def arrows(events: list[Any], sc, turn: int, viewer: int | None = None) -> list[Arrow]:
    """Moves and attacks of this turn and the previous one, from the event log.

    With a `viewer` (fog of war), only that side's own moves, and attacks it was part of.
    """
    m = sc.map
    first = max(1, turn - 1)
    out: list[Arrow] = []
    # Where each unit was at each point of the log: needed for the attackers' hexes.
    moves_by_unit: dict[str, list[tuple[int, str, str]]] = {}
    for n, e in enumerate(events):
        if e.kind in ("unit_moved", "unit_retreated"):
            moves_by_unit.setdefault(e.data["unit"], []).append((n, e.data["path"][0], e.data["path"][-1]))
        elif e.kind == "advance":
            moves_by_unit.setdefault(e.data["unit"], []).append((n, e.data["frm"], e.data["to"]))
        elif e.kind == "reinforcement_arrived":
            moves_by_unit.setdefault(e.data["unit"], []).append((n, e.data["hex"], e.data["hex"]))

    def hex_at(unit: str, n: int) -> int | None:
        before = after = None
        for k, start, end in moves_by_unit.get(unit, ()):
            if k < n:
                before = end
            elif after is None:
                after = start
        text = before or after
        if text is None:
            u = sc.unit_index.get(unit)
            return None if u is None or sc.units[u].start_hex < 0 else sc.units[u].start_hex
        return m.parse(text)

    side_index = {s: i for i, s in enumerate(sc.side_ids)}
    for n, e in enumerate(events):
        if e.turn < first:
            continue
        side = side_index.get(e.side, 0)
        if e.kind == "unit_moved":
            if viewer is not None and side != viewer:
                continue
            out.append(Arrow("move", side, tuple(m.parse(h) for h in e.data["path"]), e.turn))
        elif e.kind == "combat":
            target = m.parse(e.data["target"])
            if viewer is not None and side != viewer:
                defenders = e.data.get("defenders", [])
                if not any(sc.units[sc.unit_index[d]].side == viewer for d in defenders if d in sc.unit_index):
                    continue
            for a in e.data["attackers"]:
                h = hex_at(a, n)
                if h is not None and h != target:
                    out.append(Arrow("attack", side, (h, target), e.turn, e.data.get("result", "")))
    return out
