"""Victory: VP hexes, objectives with deadlines, sudden death and end-of-game levels."""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from engine.events import Event
from engine.state import ACTIVE, ELIMINATED, PENDING, State

MakeEvent = Callable[..., Event]


def _vp_side(st: State) -> int:
    sc = st.scenario
    v = sc.model.victory
    return sc.side_ids.index(v.vp_side) if v is not None else 0


def hex_vp(st: State) -> list[int]:
    """VP of the hexes each side controls now."""
    m = st.scenario.map
    out = []
    for side in range(len(st.scenario.sides)):
        out.append(int(m.vp[st.control == side].sum()))
    return out


def _hexes(st: State, o: Any) -> np.ndarray:
    """The objective's hex indices (parsed once per scenario: this runs after every order)."""
    sc = st.scenario
    cache = sc.__dict__.setdefault("_objective_hexes", {})
    got = cache.get(o.id)
    if got is None:
        got = cache[o.id] = np.array([sc.map.parse(h) for h in o.hexes], dtype=np.int64)
    return got


def _held(st: State, o: Any, side: int) -> bool:
    return bool((st.control[_hexes(st, o)] == side).all())


def _until(st: State, o: Any) -> int:
    """The last turn a hold objective must be held (its `until_turn`, else the last turn)."""
    return o.until_turn if o.until_turn is not None else st.scenario.turns


def _status(st: State, o: Any, held: bool) -> tuple[str, int | None]:
    """('open' | 'achieved' | 'failed', the turn it was decided or None).

    `state.objectives` holds the decisions: id -> the turn achieved, or minus the turn failed.
    A take objective without `by_turn` is only decided when the game ends (its entry is then
    the turn it was first taken); a hold objective without `until_turn` likewise if the game
    ends early."""
    rec = st.objectives.get(o.id)
    if o.kind == "hold":
        if rec is not None:
            return ("achieved", rec) if rec > 0 else ("failed", -rec)
        if st.over and o.until_turn is None:
            return ("achieved" if held else "failed"), st.turn
        return "open", None
    if o.by_turn is None:
        if st.over:
            return ("achieved" if held else "failed"), st.turn
        return "open", None
    if rec is not None:
        return ("achieved", rec) if rec > 0 else ("failed", -rec)
    if st.turn > o.by_turn or (st.over and st.turn >= o.by_turn):
        return "failed", o.by_turn
    return "open", None


def objective_state(st: State) -> list[dict[str, Any]]:
    """Each objective: its status ('open' | 'achieved' | 'failed') and `decided_turn`; `turn` the
    turn it was achieved (for a take objective without deadline: first taken) or None; `held`
    whether the side controls every hex now; `counts` whether its vp count now (achieved, or a
    take objective without deadline held now); `failed`; its vp and fail_vp."""
    sc = st.scenario
    v = sc.model.victory
    out: list[dict[str, Any]] = []
    if v is None:
        return out
    for o in v.objectives:
        side = sc.side_ids.index(o.side)
        held = _held(st, o, side)
        status, decided = _status(st, o, held)
        rec = st.objectives.get(o.id)
        achieved = rec if rec is not None and rec > 0 else None
        provisional = status == "open" and o.kind == "take" and o.by_turn is None and held
        out.append({"id": o.id, "name": o.name, "side": o.side, "kind": o.kind, "turn": achieved,
                    "by_turn": o.by_turn, "until_turn": o.until_turn, "held": held,
                    "counts": status == "achieved" or provisional, "failed": status == "failed",
                    "status": status, "decided_turn": decided, "vp": o.vp, "fail_vp": o.fail_vp})
    return out


def score(st: State) -> dict[str, Any]:
    """Net VP for the scenario's `vp_side` (its VP minus the other side's) and the parts of it."""
    sc = st.scenario
    v = sc.model.victory
    me = _vp_side(st)
    hexes = hex_vp(st)
    net = hexes[me] - sum(x for s, x in enumerate(hexes) if s != me)
    objectives = 0
    for o in objective_state(st):
        sign = 1 if sc.side_ids.index(o["side"]) == me else -1
        if o["counts"]:
            objectives += sign * o["vp"]
        elif o["failed"]:
            objectives -= sign * o["fail_vp"]
    elim = 0.0
    if v is not None and v.elimination_vp:
        for s, lost in enumerate(st.losses):
            elim += (lost if s != me else -lost) * v.elimination_vp
    return {"side": sc.side_ids[me], "hexes": hexes, "objectives": objectives, "elimination": round(elim, 2),
            "net": int(round(net + objectives + elim))}


def _objective_event(event: MakeEvent, o: Any, status: str) -> Event:
    return event("objective", objective=o.id, name=o.name, by=o.side, status=status)


def _decide(st: State, event: MakeEvent, o: Any, achieved: bool) -> Event:
    """Record an objective achieved (or failed) on this turn."""
    st.objectives[o.id] = st.turn if achieved else -st.turn
    return _objective_event(event, o, "achieved" if achieved else "failed")


def _sudden_death_win(st: State, event: MakeEvent, o: Any, side: int) -> list[Event]:
    return finish(st, event, reason=f"sudden death: {o.name}", winner=side, level="decisive", reported=(o.id,))


def after_order(st: State, event: MakeEvent) -> list[Event]:
    """Judged after every order: a hold objective whose hexes the side no longer all controls
    fails at once; a sudden-death objective taken ends the game at once; so does a side losing
    its last unit (see `sudden_death`)."""
    if st.over:
        return []
    sc = st.scenario
    v = sc.model.victory
    events: list[Event] = []
    if v is not None:
        for o in _judged_after_orders(sc):
            if o.id in st.objectives:
                continue            # decided
            side = sc.side_ids.index(o.side)
            held = _held(st, o, side)
            if o.kind == "hold":
                if not held and st.turn <= _until(st, o):
                    events.append(_decide(st, event, o, achieved=False))
            elif held and (o.by_turn is None or st.turn <= o.by_turn):
                events.append(_decide(st, event, o, achieved=True))
                return events + _sudden_death_win(st, event, o, side)
    return events + sudden_death(st, event)


def _judged_after_orders(sc: Any) -> list[Any]:
    """The hold and sudden-death objectives, in the scenario's order (listed once per scenario):
    the others are judged at the end of the turn."""
    got = sc.__dict__.get("_judged_after_orders")
    if got is None:
        v = sc.model.victory
        got = sc.__dict__["_judged_after_orders"] = [o for o in v.objectives if o.kind == "hold" or o.sudden_death]
    return got


def end_of_turn(st: State, event: MakeEvent) -> list[Event]:
    """Decide the objectives due this turn; end the game on sudden death.

    A hold objective not held fails; held at the end of its `until_turn` it is achieved. A take
    objective held now is achieved (one without deadline: recorded as first taken, decided when
    the game ends); not taken by the end of its `by_turn` it fails."""
    sc = st.scenario
    v = sc.model.victory
    events: list[Event] = []
    if v is not None:
        for o in v.objectives:
            if o.id in st.objectives:
                continue
            side = sc.side_ids.index(o.side)
            held = _held(st, o, side)
            if o.kind == "hold":
                until = _until(st, o)
                if st.turn > until:
                    continue
                if not held:
                    events.append(_decide(st, event, o, achieved=False))
                elif st.turn >= until:
                    events.append(_decide(st, event, o, achieved=True))
                    if o.sudden_death:
                        return events + _sudden_death_win(st, event, o, side)
                continue
            if o.by_turn is not None and st.turn > o.by_turn:
                continue
            if held:
                if o.by_turn is None and not o.sudden_death:
                    # first taken: it counts if still held when the game ends
                    st.objectives[o.id] = st.turn
                    events.append(_objective_event(event, o, "open"))
                    continue
                events.append(_decide(st, event, o, achieved=True))
                if o.sudden_death:
                    return events + _sudden_death_win(st, event, o, side)
            elif o.by_turn == st.turn:
                events.append(_decide(st, event, o, achieved=False))
    return events + sudden_death(st, event)


def sudden_death(st: State, event: MakeEvent) -> list[Event]:
    """The "no units left" rule, judged for every side at once.

    A side is out of units when it has none on the map and none to come. When every side is out
    at once the game ends on VP. Otherwise a side out of units whose units were all eliminated
    loses at once (decisive); a side emptied (even in part) by scheduled withdrawals is not
    defeated and the game goes on."""
    if st.over:
        return []
    sc = st.scenario
    sides = st.unit_sides()
    status = st.unit_status
    # this runs after every order, and the units' status alone decides it: while no unit has
    # arrived, gone or been eliminated since a look that found every side with units, no look
    seen = status.tobytes()
    if st.__dict__.get("_units_left_seen") == seen:
        return []
    alive = (status == ACTIVE) | (status == PENDING)
    # first one count of the units alive per side, and only when a side that has units has
    # none alive, the side by side look below
    counts = np.bincount(sides[alive], minlength=len(sc.sides))
    if all(counts[side] > 0 or not _has_units(sc, side) for side in range(len(sc.sides))):
        st.__dict__["_units_left_seen"] = seen
        return []
    out: list[int] = []
    defeated: list[int] = []
    for side in range(len(sc.sides)):
        mine = sides == side
        if not mine.any() or (alive & mine).any():
            continue
        out.append(side)
        if (status[mine] == ELIMINATED).all():
            defeated.append(side)
    if len(out) == len(sc.sides):
        return finish(st, event, reason="no units left on either side")
    if defeated:
        side = defeated[0]
        return finish(st, event, reason=f"{sc.sides[side].name} has no units left", winner=1 - side, level="decisive")
    return []


def _has_units(sc: Any, side: int) -> bool:
    """Does the scenario give `side` any unit at all (cached on the scenario)?"""
    got = sc.__dict__.get("_sides_with_units")
    if got is None:
        got = sc.__dict__["_sides_with_units"] = {u.side for u in sc.units}
    return side in got


def finish(st: State, event: MakeEvent, reason: str, winner: int | None = -1, level: str | None = None,
           reported: tuple[str, ...] = ()) -> list[Event]:
    """End the game: objectives decided by its end are reported, then `game_over` with the
    result (from the VP levels unless `winner` and `level` are given)."""
    sc = st.scenario
    st.over = True          # before scoring: a deadline on the last turn has now passed
    events = _decide_at_end(st, event, reported)
    sc_score = score(st)
    name = None
    if winner == -1:
        winner, level, name = _level(st, sc_score["net"])
    if name is None:
        name = f"{sc.sides[winner].name} {level} victory" if winner is not None else "Draw"
    st.result = {"winner": sc.side_ids[winner] if winner is not None else None, "level": level, "name": name,
                 "vp": sc_score["net"], "reason": reason, "turn": st.turn}
    return events + [event("game_over", **st.result)]


def _decide_at_end(st: State, event: MakeEvent, reported: tuple[str, ...]) -> list[Event]:
    """Objectives that run to the end of the game (a take without `by_turn`, a hold without
    `until_turn` still open) are decided now, by who controls their hexes."""
    sc = st.scenario
    v = sc.model.victory
    events: list[Event] = []
    if v is None:
        return events
    for o in v.objectives:
        if o.id in reported:
            continue
        side = sc.side_ids.index(o.side)
        held = _held(st, o, side)
        if o.kind == "hold" and o.until_turn is None and o.id not in st.objectives:
            events.append(_decide(st, event, o, achieved=held))
        elif o.kind == "take" and o.by_turn is None:
            events.append(_objective_event(event, o, "achieved" if held else "failed"))
    return events


def _level(st: State, net: int) -> tuple[int | None, str, str | None]:
    sc = st.scenario
    v = sc.model.victory
    if v is not None:
        for lv in v.levels:
            if (lv.min_vp is None or net >= lv.min_vp) and (lv.max_vp is None or net <= lv.max_vp):
                return (sc.side_ids.index(lv.winner) if lv.winner else None), lv.level, lv.name
    me = _vp_side(st)
    if net > 0:
        return me, "marginal", None
    if net < 0:
        return 1 - me, "marginal", None
    return None, "draw", None


def losses(st: State) -> dict[str, int]:
    return {sid: int(st.losses[i]) for i, sid in enumerate(st.scenario.side_ids)}


__all__ = ["after_order", "end_of_turn", "finish", "hex_vp", "losses", "objective_state", "score", "sudden_death"]
