"""Victory: VP hexes, objectives with deadlines, sudden death and end-of-game levels."""
from __future__ import annotations

from typing import Any, Callable

from engine.events import Event
from engine.state import State, Status

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


def objective_state(st: State) -> list[dict[str, Any]]:
    """Each objective: achieved (turn or None), failed (deadline passed), vp it is worth."""
    sc = st.scenario
    v = sc.model.victory
    out: list[dict[str, Any]] = []
    if v is None:
        return out
    for o in v.objectives:
        achieved = st.objectives.get(o.id)
        side = sc.side_ids.index(o.side)
        held = all(st.control[sc.map.parse(h)] == side for h in o.hexes)
        failed = achieved is None and o.by_turn is not None and (st.turn > o.by_turn or (st.over and st.turn >= o.by_turn))
        # With a deadline, taking it in time is what counts; without one, holding it (at the end).
        counts = achieved is not None if o.by_turn is not None else held
        out.append({"id": o.id, "name": o.name, "side": o.side, "turn": achieved, "by_turn": o.by_turn,
                    "held": held, "counts": counts, "failed": failed, "vp": o.vp, "fail_vp": o.fail_vp})
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


def end_of_turn(st: State, event: MakeEvent) -> list[Event]:
    """Record objectives taken this turn; end the game on sudden death."""
    sc = st.scenario
    v = sc.model.victory
    events: list[Event] = []
    if v is not None:
        for o in v.objectives:
            if o.id in st.objectives:
                continue
            if o.by_turn is not None and st.turn > o.by_turn:
                continue
            side = sc.side_ids.index(o.side)
            hexes = [sc.map.parse(h) for h in o.hexes]
            if all(st.control[h] == side for h in hexes):
                st.objectives[o.id] = st.turn
                events.append(event("objective", objective=o.id, name=o.name, by=o.side))
                if o.sudden_death:
                    return events + finish(st, event, reason=f"sudden death: {o.name}", winner=side, level="decisive")
    return events + sudden_death(st, event)


def sudden_death(st: State, event: MakeEvent) -> list[Event]:
    """A side with no units on the map and none to come has lost."""
    sc = st.scenario
    sides = st.unit_sides()
    for side in range(len(sc.sides)):
        mine = sides == side
        alive = ((st.unit_status == Status.ACTIVE) | (st.unit_status == Status.PENDING)) & mine
        if mine.any() and not alive.any():
            other = 1 - side
            return finish(st, event, reason=f"{sc.sides[side].name} has no units left", winner=other, level="decisive")
    return []


def finish(st: State, event: MakeEvent, reason: str, winner: int | None = -1, level: str | None = None) -> list[Event]:
    sc = st.scenario
    st.over = True          # before scoring: a deadline on the last turn has now passed
    sc_score = score(st)
    name = None
    if winner == -1:
        winner, level, name = _level(st, sc_score["net"])
    if name is None:
        name = f"{sc.sides[winner].name} {level} victory" if winner is not None else "Draw"
    st.result = {"winner": sc.side_ids[winner] if winner is not None else None, "level": level, "name": name,
                 "vp": sc_score["net"], "reason": reason, "turn": st.turn}
    return [event("game_over", **st.result)]


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


__all__ = ["end_of_turn", "finish", "hex_vp", "losses", "objective_state", "score", "sudden_death"]
