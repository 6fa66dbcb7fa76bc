"""A replay or saved game as a readable turn-by-turn log in the terminal."""
from __future__ import annotations

from engine.events import Event
from engine.game import Game


def describe(event: Event) -> str | None:
    d = event.data
    k = event.kind
    if k == "turn_began":
        return f"== Turn {event.turn}: {d['date']} =="
    if k == "weather":
        return f"   weather: {d['weather']}"
    if k == "phase_began":
        return f"-- {event.side} --"
    if k == "unit_moved":
        return f"   {d['unit']} moves {d['path'][0]} -> {d['path'][-1]} ({d['cost']:g} MP)"
    if k == "combat":
        shifts = ", ".join(f"{r} {s:+d}" for r, s in d["shifts"])
        return (f"   attack on {d['target']} by {', '.join(d['attackers'])}: {d['odds']} -> column {d['column']}"
                f"{' (' + shifts + ')' if shifts else ''}; roll {d['roll']}: {d['result']} ({d['description']})")
    if k == "unit_eliminated":
        return f"   {d['unit']} eliminated ({d['cause']})"
    if k == "unit_retreated":
        return f"   {d['unit']} retreats to {d['path'][-1]}"
    if k == "advance":
        return f"   {d['unit']} advances into {d['to']}"
    if k == "reinforcement_arrived":
        return f"   {d['unit']} arrives at {d['hex']}"
    if k == "pocket" and d.get("new"):
        return f"   POCKET: {d['size']} units ({d['steps']} steps) cut off at {', '.join(d['hexes'][:4])}"
    if k == "objective":
        return f"   OBJECTIVE: {d['name']}"
    if k == "game_over":
        return f"== Game over: {d['name']} ({d['reason']}; VP {d['vp']}) =="
    return None


def print_replay(game: Game, limit_turns: int | None = None) -> None:
    sc = game.scenario
    print(f"{sc.title} - seed {game.seed}, {len(game.orders)} orders")
    for event in game.events:
        if limit_turns is not None and event.turn > limit_turns:
            break
        text = describe(event)
        if text:
            print(text)
    if game.result:
        r = game.result
        print(f"Result: {r['name']} (winner: {r['winner'] or 'none'}, level {r['level']}, VP {r['vp']})")
