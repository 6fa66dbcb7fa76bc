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


class _Draws:
    """`Generator.random()` and `Generator.integers(n)` of a PCG64 generator, the same numbers
    in the same order, read from its raw 64-bit output in batches: numpy's own calls cost
    3-4 us each, mostly argument handling, and the agent draws a few thousand times a game.

    A double is the top 53 bits of a raw output; `integers(n)` is Lemire's bounded draw on
    32-bit halves (the low half of a raw output first, the high half kept for the next), as
    numpy draws them. The generator runs ahead of the draws by at most one batch."""

    __slots__ = ("rng", "_raw", "_half")
    BATCH = 64

    def __init__(self, rng: np.random.Generator) -> None:
        state = rng.bit_generator.state
        self.rng = rng
        self._raw: list[int] = []         # raw outputs not yet used, the next one last
        self._half: int | None = int(state["uinteger"]) if state["has_uint32"] else None

    def _next64(self) -> int:
        raw = self._raw
        if not raw:
            raw.extend(self.rng.bit_generator.random_raw(self.BATCH).tolist()[::-1])
        return raw.pop()

    def _next32(self) -> int:
        half = self._half
        if half is not None:
            self._half = None
            return half
        x = self._next64()
        self._half = x >> 32
        return x & 0xFFFFFFFF

    def random(self) -> float:
        """A float in [0, 1): `Generator.random()`."""
        return (self._next64() >> 11) * (1.0 / 9007199254740992.0)

    def integers(self, n: int) -> int:
        """A whole number in [0, n), 1 <= n <= 2**32: `Generator.integers(n)`."""
        if n == 1:
            return 0                      # nothing is drawn
        if not 1 < n <= 1 << 32:
            raise ValueError(f"cannot draw among {n} choices")
        if n == 1 << 32:
            return self._next32()
        m = self._next32() * n
        low = m & 0xFFFFFFFF
        if low < n:
            threshold = ((1 << 32) - n) % n
            while low < threshold:
                m = self._next32() * n
                low = m & 0xFFFFFFFF
        return m >> 32


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
        self._draws: tuple[np.random.Generator, Any] | None = None

    def _draw(self) -> Any:
        """What the agent draws from: its generator, through `_Draws` when it is a PCG64."""
        draws = self._draws
        if draws is None or draws[0] is not self.rng:
            draws = self._draws = (self.rng, _Draws(self.rng) if isinstance(self.rng.bit_generator, np.random.PCG64) else self.rng)
        return draws[1]

    def act(self, view) -> Order:
        st = view.state
        key = (st.turn, st.side, st.phase)
        if key != self._phase:
            self._phase, self._count, self._stuck = key, 0, set()
            self._attacks = sequence.attacks_allowed(st) or sequence.overrun_phase(st)
            self._on_map = b""
        self._count += 1
        rng = self._draw()
        if self._count > self.max_orders or rng.random() < self.end_chance:
            return EndPhase()
        if self.uniform:
            options = view.legal_orders()
            return options[int(rng.integers(len(options)))]
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
            k = int(rng.integers(total))
            if k < len(fixed):
                return fixed[k]
            unit = movers[k - len(fixed)]
            # a unit this phase does not move (the combat phase; an exploitation phase but for
            # exploiting units) reaches nothing: no search is asked for it
            hexes = view.reachable_indices(unit)[0] if sequence.may_move(st, view.unit_index(unit)) else _NOWHERE
            if not len(hexes) and st.advance is not None:
                return fixed[int(rng.integers(len(fixed)))] if fixed else EndPhase()
            if len(hexes):
                hexes.sort()                  # the query's own new array
                return Move(unit, view.scenario.map.hex(int(hexes[int(rng.integers(len(hexes)))])))
            # a unit that cannot move: draw again, as a new order of the phase
            self._stuck.add(unit)
            movers.remove(unit)
            if self._count >= self.max_orders:
                return EndPhase()
            self._count += 1
            if rng.random() < self.end_chance:
                return EndPhase()

    def refused(self, order: Order, exc: IllegalOrder) -> None:
        if isinstance(order, Move):
            self._stuck.add(order.unit)
            if order.unit in self._movers:
                self._movers.remove(order.unit)
