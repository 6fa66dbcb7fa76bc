"""The baseline: random legal orders.

Each order ends the phase with probability `end_chance`; otherwise it picks uniformly among
the side's choices. With `uniform=True` the choices are exactly `view.legal_orders()` (every
move to every reachable hex is one choice: slow on big maps). By default a choice is a
ready unit (then a uniformly random hex it can reach) or an attack or an advance, which costs
one movement search per order instead of one per unit.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from engine import sequence
from engine.ai.base import Agent, register
from engine.errors import IllegalOrder
from engine.orders import Advance, Attack, EndPhase, Move, Order

_NOWHERE = np.zeros(0, np.int64)      # what a unit that may not move this phase reaches
_NOWHERE.flags.writeable = False


@register("random")
class RandomAgent(Agent):
    options = {"end_chance": 0.05, "max_orders": 60, "uniform": False}

    def __init__(self, side: str, seed: int = 0, **options: Any) -> None:
        super().__init__(side, seed, **options)
        self.end_chance = float(self.config["end_chance"])
        self.max_orders = int(self.config["max_orders"])
        self.uniform = bool(self.config["uniform"])
        self._phase: tuple[int, int, int] | None = None
        self._count = 0
        self._stuck: set[str] = set()      # units that could not move this phase
        self._attacks = False              # does this phase allow attacks (overruns included)
        self._movers: list[str] = []       # the units on the map not stuck, while none arrives or leaves
        self._on_map = b""

    def act(self, view) -> Order:
        st = view.state
        key = (st.turn, st.side, st.phase)
        if key != self._phase:
            self._phase, self._count, self._stuck = key, 0, set()
            self._attacks = sequence.attacks_allowed(st) or sequence.overrun_phase(st)
            self._on_map = b""
        self._count += 1
        if self._count > self.max_orders or self.rng.random() < self.end_chance:
            return EndPhase()
        if self.uniform:
            options = view.legal_orders()
            return options[int(self.rng.integers(len(options)))]
        # attacks and advances are listed only when the phase allows them (the list costs a
        # preview of every attack), and once for all the draws of this order
        may_attack = st.advance is not None or self._attacks
        fixed: list[Order] = [o for o in view.legal_orders(moves=False) if isinstance(o, (Attack, Advance))] if may_attack else []
        on_map = st.unit_status.tobytes()
        if on_map != self._on_map:
            self._on_map, self._movers = on_map, [u for u in view.units(self.side) if u not in self._stuck]
        movers = self._movers            # a unit found stuck leaves it, in place
        while True:
            total = len(fixed) + len(movers)
            if total == 0:
                return EndPhase()
            k = int(self.rng.integers(total))
            if k < len(fixed):
                return fixed[k]
            unit = movers[k - len(fixed)]
            # a unit this phase does not move (the combat phase; an exploitation phase but for
            # exploiting units) reaches nothing: no search is asked for it
            hexes = view.reachable_indices(unit)[0] if sequence.may_move(st, view.unit_index(unit)) else _NOWHERE
            if not len(hexes) and st.advance is not None:
                return fixed[int(self.rng.integers(len(fixed)))] if fixed else EndPhase()
            if len(hexes):
                hexes = np.sort(hexes)
                return Move(unit, view.scenario.map.hex(int(hexes[int(self.rng.integers(len(hexes)))])))
            # a unit that cannot move: draw again, as a new order of the phase
            self._stuck.add(unit)
            movers.remove(unit)
            if self._count >= self.max_orders:
                return EndPhase()
            self._count += 1
            if self.rng.random() < self.end_chance:
                return EndPhase()

    def refused(self, order: Order, exc: IllegalOrder) -> None:
        if isinstance(order, Move):
            self._stuck.add(order.unit)
            if order.unit in self._movers:
                self._movers.remove(order.unit)
