"""The AI players of the desktop game: agents from `engine.ai`, or a stand-in until it exists.

The UI never decides for the AI: an agent looks at its side's view of the game and
returns an order; the UI applies it and plays it back on the map.
"""
from __future__ import annotations

import importlib
from typing import Any

import numpy as np

import engine

DEFAULT_AIS = ("heuristic", "random")


def _engine_ai() -> Any | None:
    try:
        mod = importlib.import_module("engine.ai")
    except Exception:       # not written yet, or broken: the stand-in plays
        return None
    return mod if callable(getattr(mod, "make", None)) else None


def available_ais() -> list[str]:
    """Names of the AI agents to offer (the engine's registry if it has one)."""
    mod = _engine_ai()
    if mod is not None:
        for attr in ("names", "available", "agent_names"):
            fn = getattr(mod, attr, None)
            try:
                names = list(fn() if callable(fn) else fn) if fn is not None else None
            except Exception:
                names = None
            if names:
                return [str(n) for n in names]
        reg = getattr(mod, "REGISTRY", None) or getattr(mod, "AGENTS", None)
        if isinstance(reg, dict) and reg:
            return [str(n) for n in reg]
    return list(DEFAULT_AIS)


class StandInAgent:
    """Plays a side by picking from `legal_orders` with a generator derived from the game's seed.

    Used only while `engine.ai` has no registry. It advances after combat when it can,
    attacks at odds the engine allows, and otherwise moves at random, ending its phase
    after a bounded number of orders.
    """

    def __init__(self, side: str, seed: int, side_index: int) -> None:
        self.side = side
        self.rng = np.random.Generator(np.random.PCG64([int(seed), int(side_index), 0x5EED]))
        self._phase: tuple[int, int] | None = None
        self._count = 0

    def act(self, view: Any) -> engine.Order:
        key = (view.turn, view.state.side)
        if key != self._phase:
            self._phase, self._count = key, 0
        self._count += 1
        orders = view.legal_orders(self.side)
        units = max(1, len(view.units(self.side)))
        if self._count > 2 * units + 2 or len(orders) <= 1:
            return engine.EndPhase()
        advances = [o for o in orders if isinstance(o, engine.Advance)]
        if advances:
            return advances[int(self.rng.integers(len(advances)))]
        attacks = [o for o in orders if isinstance(o, engine.Attack)]
        good = []
        for a in attacks:
            try:
                p = view.preview(a.attackers, a.target)
            except engine.IllegalOrder:
                continue
            if p.allowed and p.ratio >= 1.5:
                good.append(a)
        if good and self.rng.random() < 0.8:
            return good[int(self.rng.integers(len(good)))]
        moves = [o for o in orders if isinstance(o, engine.Move)]
        if moves and self.rng.random() < 0.85:
            return moves[int(self.rng.integers(len(moves)))]
        return engine.EndPhase()


class Agent:
    """One AI side, playing order by order as `engine.ai.play_phase` does.

    Each call of `next_order` asks the agent (`act(view)`) for one order; refusals and
    results are reported back (`refused` / `applied`), and a phase that runs past the
    engine's `order_cap` is ended, so a stubborn agent never hangs the window.
    """

    def __init__(self, name: str, side: str, game: Any) -> None:
        self.name = name
        self.side = side
        self.impl: Any = None
        self._phase: tuple[int, int] | None = None
        self._count = 0
        self._cap = 10**9
        mod = _engine_ai()
        if mod is not None:
            try:
                self.impl = mod.make(name, side=side, seed=game.seed)
            except Exception:
                try:
                    self.impl = mod.make(DEFAULT_AIS[0], side=side, seed=game.seed)
                except Exception:
                    self.impl = None
        if self.impl is None:
            self.impl = StandInAgent(side, game.seed, game.scenario.side_index(side))

    def next_order(self, game: Any) -> engine.Order:
        view = game.view(self.side)
        key = (game.turn, game.state.side)
        if key != self._phase:
            self._phase, self._count = key, 0
            cap = getattr(_engine_ai(), "order_cap", None)
            self._cap = cap(view) if callable(cap) else 4 * len(view.units(self.side)) + 20
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
