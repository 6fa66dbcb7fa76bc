"""A replay or saved game as a readable turn-by-turn log in the terminal (`wargame replay`).

The lines are the desktop game's combat log (`ui.eventlog.describe`), so both tell a game
the same way; nothing here imports pygame.
"""
from __future__ import annotations

from engine.game import Game
from ui.eventlog import describe


def print_replay(game: Game, limit_turns: int | None = None) -> None:
    sc = game.scenario
    print(f"{sc.title} - seed {game.seed}, {len(game.orders)} orders")
    for event in game.events:
        if limit_turns is not None and event.turn > limit_turns:
            break
        line = describe(event, sc)
        if line is not None:
            text, kind = line
            print(text if kind in ("turn", "phase") else f"   {text}")
    if game.result:
        r = game.result
        print(f"Result: {r['name']} (winner: {r['winner'] or 'none'}, level {r['level']}, VP {r['vp']})")
