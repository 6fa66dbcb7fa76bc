"""A game against the history it models: when each milestone of the scenario's `history:` block
happened, when each objective was achieved, every pocket and its fate, and the losses.

Everything is read from the game's event log (and its scenario), so a replay played again gives
the same figures, and so does a game played in another process:

    record = measure(game)                  # one game: milestones, objective dates, pockets, losses
    table = report(scenario, [record, ...]) # many games: median, quartiles, share, within or not

A game's date for something that happened in turn t is the last day of that turn (it happened
by then); its day is counted from the scenario's start (the start date is day 0, D+0 for
Normandy). Turn ends are where control is measured, as the objectives do.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Iterable

from engine import hexgrid
from engine.events import Event
from engine.scenario.model import LossRatio, PlaceTaken, PocketDestroyed, PocketFormed, PocketRelieved, UnitGone
from engine.scenario.scenario import Scenario

FATES = ("destroyed", "relieved", "broke_out", "still_there")
MERGE_DISTANCE = 2       # cut-off groups of a side this close (hexes) at one supply check are one pocket


# -- dates ------------------------------------------------------------------------------------
def turn_day(sc: Scenario, turn: int) -> int:
    """The day (from the start, day 0) a game reaches by the end of `turn`."""
    return turn * sc.model.days_per_turn - 1


def day_date(sc: Scenario, day: int) -> str:
    import datetime as dt

    return (sc.start_date + dt.timedelta(days=day)).isoformat()


def history_day(sc: Scenario, date: Any) -> int:
    return (date - sc.start_date).days


# -- pockets ----------------------------------------------------------------------------------
@dataclass
class Pocket:
    """Units of one side cut off from every supply source, followed from supply check to check."""

    side: str
    turn: int                     # formed (the supply check that first found it)
    size: int                     # units then
    steps: int                    # their steps then
    place: str                    # the named place nearest its centre then
    units: set[str] = field(default_factory=set)       # in it now
    hexes: list[str] = field(default_factory=list)     # where they were at the last check
    max_size: int = 0
    max_steps: int = 0
    units_lost: int = 0           # eliminated while in it
    fate: str = "still_there"
    fate_turn: int | None = None
    near: set[int] = field(default_factory=set)        # milestones (index) whose condition it met

    def to_json(self, sc: Scenario) -> dict[str, Any]:
        return {"side": self.side, "turn": self.turn, "date": day_date(sc, turn_day(sc, self.turn)), "size": self.size,
                "steps": self.steps, "place": self.place, "max_size": self.max_size, "max_steps": self.max_steps,
                "units_lost": self.units_lost, "fate": self.fate, "fate_turn": self.fate_turn}


def _cube(sc: Scenario, hex_id: str) -> tuple[int, int, int]:
    h = sc.map.hex(sc.map.parse(hex_id))
    return h.q, h.r, -h.q - h.r


def nearest_place(sc: Scenario, hex_ids: Iterable[str]) -> str:
    """The named place nearest the centre of these hexes (ties: the first in the map's list)."""
    cubes = [_cube(sc, h) for h in hex_ids]
    if not cubes or not sc.map.names:
        return ""
    cq, cr, cs = (sum(c[k] for c in cubes) / len(cubes) for k in range(3))
    best, best_d = "", math.inf
    for i, name in sorted(sc.map.names.items()):
        h = sc.map.hex(i)
        d = max(abs(h.q - cq), abs(h.r - cr), abs(-h.q - h.r - cs))
        if d < best_d - 1e-9:
            best, best_d = name, d
    return best


def _distance(sc: Scenario, a: str, b: str) -> int:
    return hexgrid.distance(sc.map.hex(sc.map.parse(a)), sc.map.hex(sc.map.parse(b)))


def _clusters(sc: Scenario, groups: list[Event]) -> list[tuple[set[str], list[str], int]]:
    """The pocket events of one supply check joined into pockets: groups within MERGE_DISTANCE
    hexes of each other are one (a ring with a gap between its units is still one pocket)."""
    parent = list(range(len(groups)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(groups)):
        for j in range(i + 1, len(groups)):
            if root(i) != root(j) and any(_distance(sc, a, b) <= MERGE_DISTANCE for a in groups[i]["hexes"] for b in groups[j]["hexes"]):
                parent[root(j)] = root(i)
    out: dict[int, tuple[set[str], list[str], int]] = {}
    for i, g in enumerate(groups):
        units, hexes, steps = out.setdefault(root(i), (set(), [], 0))
        units.update(g["units"])
        hexes.extend(g["hexes"])
        out[root(i)] = (units, hexes, steps + int(g["steps"]))
    return [(u, sorted(set(h)), s) for u, h, s in out.values()]


class _Tracker:
    """Follows pockets, unit positions, eliminations and steps lost through the event log."""

    def __init__(self, sc: Scenario, pocket_marks: list[tuple[int, PocketFormed | PocketDestroyed | PocketRelieved]]) -> None:
        self.sc = sc
        self.marks = pocket_marks
        self.pockets: list[Pocket] = []
        self.live: list[Pocket] = []
        self.where: dict[str, str] = {u.id: sc.map.hex_id(u.start_hex) for u in sc.units if u.start_hex >= 0}
        self.steps: dict[str, int] = {u.id: u.start_steps for u in sc.units}
        self.gone: dict[str, tuple[int, str]] = {}          # unit -> (turn, 'eliminated' | 'withdrawn')
        self.formed: dict[int, int] = {}                     # pocket milestone index -> turn its condition first held
        self.check: tuple[str, int, list[Event]] | None = None

    def feed(self, e: Event) -> None:
        if self.check is not None and e.kind != "pocket":
            self._end_check()
        k = e.kind
        if k == "supply_traced":
            self.check = (e.side, e.turn, [])
        elif k == "pocket" and self.check is not None:
            self.check[2].append(e)
        elif k in ("unit_moved", "unit_retreated"):
            if e["path"]:
                self.where[e["unit"]] = e["path"][-1]
        elif k in ("advance", "rail_moved"):
            self.where[e["unit"]] = e["to"]
        elif k == "reinforcement_arrived":
            self.where[e["unit"]] = e["hex"]
        elif k in ("unit_eliminated", "unit_withdrawn"):
            how = "eliminated" if k == "unit_eliminated" else "withdrawn"
            self.gone.setdefault(e["unit"], (e.turn, how))
            for p in list(self.live):
                if e["unit"] in p.units:
                    p.units.discard(e["unit"])
                    p.units_lost += how == "eliminated"
                    if not p.units:
                        p.fate, p.fate_turn = ("destroyed" if p.units_lost else "relieved"), e.turn
                        self.live.remove(p)

    def finish(self) -> None:
        if self.check is not None:
            self._end_check()

    def _end_check(self) -> None:
        assert self.check is not None
        side, turn, groups = self.check
        self.check = None
        sc = self.sc
        seen: set[int] = set()
        for units, hexes, steps in _clusters(sc, groups):
            mine = [p for p in self.live if p.side == side and p.units & units]
            if mine:
                p = mine[0]
                for other in mine[1:]:           # two pockets that have joined are one from now on
                    p.units_lost += other.units_lost
                    p.near |= other.near
                    p.max_size, p.max_steps = max(p.max_size, other.max_size), max(p.max_steps, other.max_steps)
                    self.live.remove(other)
                    self.pockets.remove(other)
            else:
                p = Pocket(side=side, turn=turn, size=len(units), steps=steps, place=nearest_place(sc, hexes))
                self.pockets.append(p)
                self.live.append(p)
            p.units, p.hexes = set(units), hexes
            p.max_size, p.max_steps = max(p.max_size, len(units)), max(p.max_steps, steps)
            seen.add(id(p))
            for i, m in self.marks:
                if m.side == side and len(units) >= m.min_units and self._near(hexes, m.near, m.radius):
                    p.near.add(i)
                    self.formed.setdefault(i, turn)
        for p in [p for p in self.live if p.side == side and id(p) not in seen]:
            # not cut off any more: its units found a supply path again
            far = sum(1 for u in p.units if all(_distance(sc, self.where.get(u, h), h) > 1 for h in p.hexes))
            p.fate = "broke_out" if far * 2 > len(p.units) else "relieved"
            p.fate_turn = turn
            self.live.remove(p)

    def _near(self, hexes: list[str], place: str, radius: int) -> bool:
        centre = self.sc.place(place)
        return any(hexgrid.distance(self.sc.map.hex(self.sc.map.parse(h)), centre) <= radius for h in hexes)


# -- one game ---------------------------------------------------------------------------------
def _control_at_turn_ends(game: Any) -> Iterable[tuple[int, Any]]:
    """(turn, control array) at the start (turn 0) and at the end of every turn the game finished,
    from the event log."""
    from engine import supply
    from engine.state import State

    sc = game.scenario
    start = State.initial(sc, game.seed)
    supply.initial_control(start)        # the control the game set out with; every change after it is an event
    control = start.control.copy()       # written as the log goes (the state's layer is read-only)
    yield 0, control
    turn = 1
    for e in game.events:
        if e.kind == "turn_began" and e.turn > turn:
            yield turn, control
            turn = e.turn
        elif e.kind == "control_changed":
            to = sc.side_ids.index(e["to"])
            for h in e["hexes"]:
                control[sc.map.parse(h)] = to
    if game.over:
        yield turn, control


def _strength(unit: Any, steps: int) -> float:
    """Attack plus defence of a unit at `steps` steps (0: gone)."""
    return float(unit.attack[steps - 1] + unit.defence[steps - 1]) if steps > 0 else 0.0


def measure(game: Any) -> dict[str, Any]:
    """What happened in one game, for its batch record:

    milestones: {id: {turn, date, day}} (None when it did not happen; a loss ratio adds value,
    own and enemy steps lost); objective_dates: {id: date achieved or None}; pockets: every
    pocket with its fate; strength_lost: {side: attack + defence factors lost}."""
    from engine import victory

    sc: Scenario = game.scenario
    milestones = list(sc.model.history.milestones) if sc.model.history else []
    marks = [(i, m) for i, m in enumerate(milestones) if isinstance(m, (PocketFormed, PocketDestroyed, PocketRelieved))]
    tracker = _Tracker(sc, marks)
    lost_by_turn: dict[int, dict[str, int]] = {}
    strength = {s: 0.0 for s in sc.side_ids}
    for e in game.events:
        tracker.feed(e)
        if e.kind == "step_loss":
            d = sc.unit(e["unit"])
            side = sc.side_ids[d.side]
            per = lost_by_turn.setdefault(e.turn, dict.fromkeys(sc.side_ids, 0))
            per[side] += int(e["steps"])
            left, before = int(e["left"]), int(e["left"]) + int(e["steps"])
            strength[side] += _strength(d, before) - _strength(d, left)
    tracker.finish()

    def when(turn: int | None) -> dict[str, Any]:
        if turn is None:
            return {"turn": None, "date": None, "day": None}
        return {"turn": turn, "date": day_date(sc, turn_day(sc, turn)), "day": turn_day(sc, turn)}

    places = {p.name: sc.map.parse(p.hex) for p in sc.model.map.places}
    taken: dict[int, int] = {}
    watch = [(i, m, [places[n] for n in m.places], sc.side_ids.index(m.side)) for i, m in enumerate(milestones)
             if isinstance(m, PlaceTaken)]
    lost: dict[int, bool] = {}
    last_turn = 0
    for turn, control in _control_at_turn_ends(game):
        for i, _m, hexes, who in watch:
            held = all(int(control[h]) == who for h in hexes)
            if not held:
                lost[i] = True
            elif lost.get(i) and i not in taken:
                taken[i] = turn
        last_turn = turn
    out: dict[str, Any] = {}
    for i, m in enumerate(milestones):
        if isinstance(m, PlaceTaken):
            out[m.id] = when(taken.get(i))
        elif isinstance(m, PocketFormed):
            out[m.id] = when(tracker.formed.get(i))
        elif isinstance(m, (PocketDestroyed, PocketRelieved)):
            fates = ("destroyed",) if isinstance(m, PocketDestroyed) else ("relieved", "broke_out")
            ends = [p.fate_turn for p in tracker.pockets if i in p.near and p.fate in fates and p.fate_turn is not None]
            out[m.id] = when(min(ends) if ends else None)
        elif isinstance(m, UnitGone):
            gone = tracker.gone.get(m.unit)
            out[m.id] = when(gone[0] if gone and m.how in ("either", gone[1]) else None)
        elif isinstance(m, LossRatio):
            target = sc.turn_of_date(m.date)
            at = target if last_turn >= target else (last_turn if game.over else None)
            rec = when(at)
            own = enemy = 0
            if at is not None:
                for t, per in lost_by_turn.items():
                    if t <= at:
                        own += per[m.side]
                        enemy += sum(v for s, v in per.items() if s != m.side)
            rec.update(own=own, enemy=enemy, value=round(enemy / own, 4) if own else None)
            out[m.id] = rec
    objective_dates = {o["id"]: (day_date(sc, turn_day(sc, o["turn"])) if o["turn"] else None)
                       for o in victory.objective_state(game.state)}
    return {"milestones": out, "objective_dates": objective_dates,
            "pockets": [p.to_json(sc) for p in tracker.pockets],
            "strength_lost": {s: round(v, 2) for s, v in strength.items()}}


# -- many games -------------------------------------------------------------------------------
def quantile(values: list[float], q: float) -> float:
    """Linear interpolation between order statistics (numpy's default, statistics' 'inclusive');
    math.inf stands for 'never' and wins any interpolation it takes part in."""
    xs = sorted(values)
    if not xs:
        return math.nan
    pos = q * (len(xs) - 1)
    lo, hi = math.floor(pos), math.ceil(pos)
    if xs[lo] == math.inf or (hi != lo and xs[hi] == math.inf):
        return math.inf
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def _num(x: float) -> float | None:
    return None if math.isinf(x) or math.isnan(x) else round(x, 3)


def report(sc: Scenario, records: list[dict[str, Any]]) -> dict[str, Any]:
    """Each milestone over the games of `records` (batch records carrying `milestones`):
    the historical date and day, the tolerance, per game the day it happened (None: never),
    the median and quartiles (a game where it never happened counts as later than any),
    `reached` (share of games where it happened), `in_window` (share of games that follow
    history: within the tolerance of the date, or, for a milestone that did not happen, not
    by the date plus the tolerance) and `within` (the median follows history). A loss ratio
    gives ratios instead of days (None: no own step lost)."""
    if sc.model.history is None:
        raise ValueError(f"{sc.name or sc.title} has no history block")
    n = len(records)
    rows = []
    for m in sc.model.history.milestones:
        got = [r.get("milestones", {}).get(m.id) or {} for r in records]
        row: dict[str, Any] = {"id": m.id, "name": m.name or m.id, "kind": m.kind, "date": m.date.isoformat(),
                               "day": history_day(sc, m.date), "turn": sc.turn_of_date(m.date), "tolerance": m.tolerance,
                               "happens": m.happens, "source": m.source}
        if isinstance(m, LossRatio):
            values = [g.get("value") if g.get("turn") is not None else None for g in got]
            xs = [math.inf if v is None else float(v) for v in values]
            row["ratio"] = m.ratio
            row["reached"] = round(sum(1 for g in got if g.get("turn") is not None) / n, 4) if n else 0.0
            inside = [abs(x - m.ratio) <= m.tolerance for x in xs]
            centre = m.ratio
        else:
            values = [g.get("day") for g in got]
            xs = [math.inf if v is None else float(v) for v in values]
            row["reached"] = round(sum(1 for v in values if v is not None) / n, 4) if n else 0.0
            centre = row["day"]
            if m.happens:
                inside = [abs(x - centre) <= m.tolerance for x in xs]
            else:
                inside = [x > centre + m.tolerance for x in xs]
        med, q1, q3 = quantile(xs, 0.5), quantile(xs, 0.25), quantile(xs, 0.75)
        if m.happens or isinstance(m, LossRatio):
            within = not math.isinf(med) and abs(med - centre) <= m.tolerance
        else:
            within = med > centre + m.tolerance
        row.update(values=values, median=_num(med), q1=_num(q1), q3=_num(q3),
                   in_window=round(sum(inside) / n, 4) if n else 0.0, within=bool(within))
        rows.append(row)
    return {"scenario": sc.name or sc.model.id or sc.title, "start_date": sc.start_date.isoformat(),
            "days_per_turn": sc.model.days_per_turn, "last_day": turn_day(sc, sc.turns), "games": n, "milestones": rows}


__all__ = ["FATES", "Pocket", "day_date", "measure", "nearest_place", "quantile", "report", "turn_day"]
