"""Agents that fail on purpose, for the tests of batch runs and tournaments (imported by name,
`faulty_agents.CrashOnTurnTwo`, in the batch workers too: tests/ is on the import path)."""
from __future__ import annotations

from engine.ai import Agent
from engine.ai.random_agent import RandomAgent
from engine.orders import Move


class CrashOnTurnTwo(RandomAgent):
    """Plays like `random` on turn 1, then raises in its first order of turn 2."""

    def act(self, view):
        if view.turn >= 2:
            raise ZeroDivisionError("deliberate failure on turn 2")
        return super().act(view)


class AlwaysIllegal(Agent):
    """Never ends its phase and gives only orders the engine refuses (moves of a unit that does not exist)."""

    def act(self, view):
        return Move("no_such_unit", 0)
