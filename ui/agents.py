"""The AI players of the desktop game: agents from `engine.ai`.

The UI never decides for the AI: an agent looks at its side's view of the game and
returns an order; the UI applies it and plays it back on the map. An AI is chosen as text,
e.g. "heuristic:level=hard" (see `engine.ai.parse_spec`).
"""
from __future__ import annotations

from typing import Any

import engine
import engine.ai as ai

# The opponents offered in the menu, easiest first: (label, agent text).
CHOICES = (("Recruit (random orders)", "random"), ("Easy", "heuristic:level=easy"),
           ("Normal", "heuristic"), ("Hard", "heuristic:level=hard"))


def available_ais() -> list[tuple[str, str]]:
    """(label, agent text) of every opponent to offer: the difficulty levels, then any other
    registered agent (a scripter's own) by name."""
    offered = list(CHOICES)
    known = {ai.parse_spec(text)[0] for _, text in CHOICES}
    offered += [(name, name) for name in ai.base.bare_names() if name not in known]
    return offered


def label_of(text: str) -> str:
    return next((label for label, t in available_ais() if t == text), text)


class Agent:
    """One AI side, playing order by order as `engine.ai.play_phase` does.

    Each call of `next_order` asks the agent (`act(view)`) for one order; refusals and
    results are reported back (`refused` / `applied`), and a phase that runs past the
    engine's `order_cap` is ended, so a stubborn agent never hangs the window.
    """

    def __init__(self, spec: str, side: str, game: Any) -> None:
        self.name = spec
        self.side = side
        self._phase: tuple[int, int] | None = None
        self._count = 0
        self._cap = 10**9
        try:
            name, options = ai.parse_spec(spec)
            self.impl: Any = ai.make(name, side=side, seed=game.seed, **options)
        except (ai.AgentError, TypeError, ValueError):
            self.impl = ai.make("heuristic", side=side, seed=game.seed)   # a stale setting: the default AI

    def next_order(self, game: Any) -> engine.Order:
        view = game.view(self.side)
        key = (game.turn, game.state.side)
        if key != self._phase:
            self._phase, self._count = key, 0
            self._cap = ai.order_cap(view)
        self._count += 1
        if self._count > self._cap:
            return engine.EndPhase()
        order = self.impl.act(view)
        return order if order is not None else engine.EndPhase()

    def refused(self, order: engine.Order, exc: engine.IllegalOrder) -> None:
        fn = getattr(self.impl, "refused", None)
        if callable(fn):
            fn(order, exc)

    def applied(self, order: engine.Order, events: list) -> None:
        fn = getattr(self.impl, "applied", None)
        if callable(fn):
            fn(order, events)
