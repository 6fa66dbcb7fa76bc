"""Read-only questions about a game state: where a unit may go, the odds of an attack, the
orders a side may give, and why an order would be refused.

`Game` answers them over the true state; a side's `View` (engine/fog.py) answers the same
questions over what that side knows. Nothing here changes the state.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Callable, Iterable

import numpy as np

from engine import combat, movement, rail, replacements, sequence, standfast
from engine.errors import IllegalOrder
from engine.hexgrid import Hex
from engine.orders import Advance, Attack, EndPhase, Move, Order, Rail, Replace
from engine.scenario import Scenario
from engine.state import ACTIVE, State, Status, Supply


class Query:
    """The questions a player, an agent or the UI asks; subclasses provide `scenario` and `state`."""

    scenario: Scenario
    state: State

    @property
    def turn(self) -> int:
        return self.state.turn

    @property
    def active_side(self) -> str:
        return self.scenario.side_ids[self.state.side]

    @property
    def phase(self) -> str:
        """The kind of the current phase: 'free', 'movement', 'combat' or 'exploitation'."""
        return sequence.kind(self.state)

    @property
    def phases(self) -> list[str]:
        """The phases of each side's turn, in order (the rule set's `sequence.phases`)."""
        return sequence.phases(self.state)

    @property
    def phase_title(self) -> str:
        """The current phase as a player reads it: 'Movement', 'Combat' ..."""
        return sequence.title(self.state)

    @property
    def date(self):
        return self.scenario.date_of_turn(min(self.state.turn, self.scenario.turns))

    @property
    def over(self) -> bool:
        return self.state.over

    def unit_index(self, unit_id: str) -> int:
        try:
            return self.scenario.unit_index[unit_id]
        except (KeyError, TypeError):
            raise IllegalOrder("unit/unknown", f"there is no unit '{unit_id}' in this scenario") from None

    def units(self, side: str | None = None) -> list[str]:
        """Ids of the units on the map (of one side, if given)."""
        s = None if side is None else self.scenario.side_index(side)
        st = self.state
        status = st.unit_status.tobytes()        # asked before every order an agent gives: kept
        memo: tuple[bytes, dict[int | None, list[str]]] | None = st.__dict__.get("_units_on_map")  # until a unit arrives, leaves or is eliminated
        if memo is None or memo[0] != status:
            memo = st.__dict__["_units_on_map"] = (status, {})
        got = memo[1].get(s)
        if got is None:
            ids = self.scenario.__dict__.get("_unit_ids")
            if ids is None:
                ids = self.scenario.__dict__["_unit_ids"] = [d.id for d in self.scenario.units]
            got = memo[1][s] = [ids[u] for u in self._on_map(s).tolist()]
        return list(got)

    def _on_map(self, side: int | None) -> np.ndarray:
        """Indices of the units on the map (of one side, if given), in scenario order."""
        st = self.state
        on = st.unit_status == ACTIVE
        if side is not None:
            on &= st.unit_sides() == side
        return on.nonzero()[0]

    def unit_hex(self, unit_id: str) -> Hex | None:
        i = self.unit_index(unit_id)
        h = int(self.state.unit_hex[i])
        return self.scenario.map.hex(h) if h >= 0 and self.state.active(i) else None

    def reachable(self, unit_id: str) -> dict[Hex, float]:
        """Hexes the unit may end a move in now, with their MP cost (empty if it may not move)."""
        u = self.unit_index(unit_id)
        if self._move_blocked(u) is not None:
            return {}
        found = movement.search(self.state, u)
        return {self.scenario.map.hex(i): c for i, c in found.as_dict().items()}

    def why_cannot_move(self, unit_id: str) -> str | None:
        """The reason a unit may not move now (for a player), or None if it may."""
        refusal = self._move_refusal(self.unit_index(unit_id))
        return None if refusal is None else refusal.message

    def reachable_indices(self, unit_id: str) -> tuple[np.ndarray, np.ndarray]:
        """`reachable` as arrays (dense hex indices, MP costs): the fast form for agents."""
        u = self.unit_index(unit_id)
        if self._move_blocked(u) is not None:
            return np.zeros(0, np.int64), np.zeros(0)
        found = movement.search(self.state, u)
        keep = found.end_ok.copy()
        keep[0] = False                     # the start hex is not a move
        return found.nodes[keep].astype(np.int64), found.costs[keep]

    def path(self, unit_id: str, to: Hex) -> list[Hex]:
        """The cheapest legal path (start first), or [] if the unit cannot end a move there."""
        u = self.unit_index(unit_id)
        if self._move_blocked(u) is not None:
            return []
        target = self.scenario.map.index(to)
        found = movement.search(self.state, u)
        reach = found.as_dict()
        if target not in reach:
            return []
        return [self.scenario.map.hex(i) for i in found.path_to(target)]

    def preview(self, attackers: Iterable[str], target: Hex, air: int = 0, also: Iterable[Hex] = ()) -> combat.Preview:
        """Odds, column, shifts and result probabilities of an attack (see `engine.combat.preview`);
        `also`: further defending hexes, where the rule set allows multi-hex attacks."""
        m = self.scenario.map
        units = [self.unit_index(a) for a in attackers]
        plan = combat.preview(self.state, units, m.index(target), air, [m.index(h) for h in also])
        if plan.allowed:
            try:
                self._check_phase(units, plan)
            except IllegalOrder as exc:          # what Attack would say in this phase
                return dataclasses.replace(plan, allowed=False, reason=exc.message, code=exc.code)
        return plan

    def rail_reachable(self, unit_id: str) -> dict[Hex, int]:
        """Hexes the unit may travel to by rail now -> hexes travelled (empty if it may not)."""
        u = self.unit_index(unit_id)
        if self.state.over or self.scenario.units[u].side != self.state.side or not self.state.active(u):
            return {}
        return {self.scenario.map.hex(i): n for i, n in rail.reachable(self.state, u).items()}

    def why_no_rail(self, unit_id: str) -> str | None:
        """Why the unit may not board a train now (None if it may)."""
        refusal = rail.refusal(self.state, self.unit_index(unit_id))
        return None if refusal is None else refusal.message

    def supply_status(self, unit_id: str) -> str:
        """'supplied', 'out_of_supply' or 'isolated' (as traced at the start of its side's turn)."""
        return Supply(int(self.state.unit_supply[self.unit_index(unit_id)])).name.lower()

    def legal_orders(self, side: str | None = None, *, moves: bool = True) -> list[Order]:
        """Every order the side may give now (moves to every reachable hex, each possible
        single-hex attack by all adjacent ready units, advances, and EndPhase)."""
        s = self.state.side if side is None else self.scenario.side_index(side)
        if self.over or s != self.state.side:
            return []
        out: list[Order] = []
        sc, st = self.scenario, self.state
        if st.advance is not None:
            for u in st.advance[1]:
                out.append(Advance(sc.units[u].id))
        mine = [int(u) for u in self._on_map(s)] if moves else []
        if moves and sequence.moves_allowed(st):
            for u in mine:
                if self._move_blocked(u) is None:
                    for i in sorted(movement.search(st, u).as_dict()):
                        out.append(Move(sc.units[u].id, sc.map.hex(i)))
        if sequence.attacks_allowed(st) or sequence.overrun_phase(st):
            for target, attackers in combat.attack_options(st, s).items():
                if sequence.overrun_phase(st):
                    # an overrun is made by one stack: offer each stack next to the target
                    groups: dict[int, list[int]] = {}
                    for a in attackers:
                        groups.setdefault(int(st.unit_hex[a]), []).append(a)
                    candidates = [g for g in groups.values() if sequence.attack_refusal(st, g) is None]
                else:
                    able = [a for a in attackers if sequence.attack_refusal(st, [a]) is None]
                    candidates = [able] if able else []
                for group in candidates:
                    try:
                        self._check_attack(group, target, 0)
                    except IllegalOrder:
                        continue            # e.g. odds below the table: not an order the side may give
                    out.append(Attack(tuple(sc.units[a].id for a in group), sc.map.hex(target)))
        for u in replacements.eligible(st, s):
            out.append(Replace(sc.units[u].id))
        if moves and rail.capacity(sc, s) > st.rail_used[s]:
            for u in mine:
                for i in sorted(rail.reachable(st, u)):
                    out.append(Rail(sc.units[u].id, sc.map.hex(i)))
        out.append(EndPhase())
        return out

    def _own_unit(self, unit_id: Any, verb: str) -> int:
        u = self.unit_index(unit_id)
        d = self.scenario.units[u]
        if d.side != self.state.side:
            raise IllegalOrder(f"{verb}/not_your_unit",
                               f"{d.name} belongs to {self.scenario.sides[d.side].name}; it is {self.scenario.sides[self.state.side].name}'s phase")
        status = int(self.state.unit_status[u])
        if status != ACTIVE:
            what = {Status.PENDING: "has not arrived yet", Status.ELIMINATED: "has been eliminated", Status.WITHDRAWN: "has been withdrawn"}[Status(status)]
            raise IllegalOrder(f"{verb}/not_on_map", f"{d.name} {what}")
        return u

    def _move_refusal(self, u: int) -> IllegalOrder | None:
        """Why unit u may not move now, as a move order would be refused (None if it may)."""
        refusal = self._move_blocked(u)
        return None if refusal is None else refusal()

    def _move_blocked(self, u: int) -> Callable[[], IllegalOrder] | None:
        """None if unit u may move now; else what makes its refusal (`_move_refusal`): the
        message is written only when asked, since most callers ask only whether."""
        st, d = self.state, self.scenario.units[u]
        if self.state.over:
            return lambda: IllegalOrder("game/over", "the game is over")
        if d.side != st.side or not st.active(u):
            return lambda: IllegalOrder("move/not_ready", f"{d.name} cannot move now")
        wrong_phase = sequence.move_refusal(st, u)
        if wrong_phase is not None:
            return lambda: wrong_phase
        if st.unit_attacked[u]:
            return lambda: IllegalOrder("move/after_attack", f"{d.name} has attacked this phase and cannot move")
        if st.unit_railed[u]:
            return lambda: IllegalOrder("move/railed", f"{d.name} travelled by rail this turn and moves no further")
        bound = standfast.limit(st, u)
        if bound is not None and bound[0] is None:
            return lambda: IllegalOrder("move/stand_fast", bound[1])
        if st.unit_stopped[u]:
            # Entering an enemy ZOC ends the unit's movement for the phase, not just this order.
            return lambda: IllegalOrder("move/zoc_stop",
                                        f"{d.name} entered an enemy zone of control at {self.scenario.map.place(int(st.unit_hex[u]))} and must stop")
        if movement.mp_left(st, u) <= 1e-9:
            return lambda: IllegalOrder("move/no_mp", f"{d.name} has no movement points left")
        return None

    def plan_move(self, u: int, order: Move) -> tuple[list[int], float]:
        """The path (start first) and MP cost of a move, every rule checked; IllegalOrder if refused."""
        st, sc = self.state, self.scenario
        d = sc.units[u]
        refusal = self._move_refusal(u)
        if refusal is not None:
            raise refusal
        if not isinstance(order.to, Hex):
            raise IllegalOrder("move/bad_hex", f"'{order.to}' is not a hex")
        target = sc.map.index(order.to)
        if target < 0:
            raise IllegalOrder("move/off_map", f"{order.to} is off the map")
        start = int(st.unit_hex[u])
        if target == start:
            raise IllegalOrder("move/same_hex", f"{d.name} is already in {sc.map.place(target)}")
        if order.path is not None:
            idx = [sc.map.index(h) if isinstance(h, Hex) else -1 for h in order.path]
            if not idx or idx[0] != start:
                idx = [start] + idx
            if idx[-1] != target:
                raise IllegalOrder("move/bad_path", "the path must end at the destination")
            if any(i < 0 for i in idx):
                raise IllegalOrder("move/off_map", "the path leaves the map")
            path, cost = idx, movement.path_cost(st, u, idx)
            breach = movement.stand_fast_breach(st, u, path)
            if breach is not None:
                raise IllegalOrder("move/stand_fast", breach)
            return path, cost
        # the search keeps a unit bound to an area in it, and one outside it ends only nearer:
        # a path it finds keeps the unit's stand-fast order
        found = movement.search(st, u)
        at = found.position(target)      # a hex is reached once; the start hex is never the target here
        if at < 0 or not found.end_ok[at]:
            raise self._why_unreachable(u, target, found)
        return found.path_to(target, reached=True), float(found.costs[at])

    def _why_unreachable(self, u: int, target: int, found: movement.MoveSearch) -> IllegalOrder:
        st, sc = self.state, self.scenario
        d = sc.units[u]
        name = sc.map.place(target)
        terrain = sc.rules.terrain_names[sc.map.terrain[target]]
        if sc.rules.impassable[sc.map.terrain[target]]:
            return IllegalOrder("move/impassable", f"{d.name} cannot enter {name}: {terrain} is impassable")
        if movement.enemy_occupied(st, d.side)[target]:
            return IllegalOrder("move/enemy_hex", f"{name} is held by the enemy; attack it instead")
        breach = movement.stand_fast_breach(st, u, [int(st.unit_hex[u]), target])
        if breach is not None:
            return IllegalOrder("move/stand_fast", breach)
        if target in found.pred:
            return IllegalOrder("move/stacking", f"{name} already holds {sc.rules.model.stacking.max_units} units (the stacking limit)")
        unlimited = movement.search(st, u, mp=1e9)
        costs = dict(zip(unlimited.nodes.tolist(), unlimited.costs.tolist()))
        if target in costs:
            left = movement.mp_left(st, u)
            return IllegalOrder("move/not_enough_mp", f"{d.name} has {_fmt(left)} MP left; {name} costs {_fmt(costs[target])}")
        zoc = movement.zoc_layer(st, d.side)
        if zoc[int(st.unit_hex[u])] and zoc[target] and target in sc.map.neighbors[int(st.unit_hex[u])]:
            return IllegalOrder("move/zoc_to_zoc", f"{d.name} cannot move directly from one enemy zone of control to another")
        return IllegalOrder("move/no_path", f"{d.name} has no path to {name} that avoids enemy units and zones of control")

    def _check_attack(self, attackers: list[int], target: int, air: int, also: tuple[int, ...] = ()) -> combat.Preview:
        """Every rule an attack can break in this phase; the preview it will be resolved with."""
        st = self.state
        refusal = sequence.attack_refusal(st, attackers)
        if refusal is not None:
            raise refusal
        plan = combat.check(st, attackers, target, air, also)
        self._check_phase(attackers, plan)
        return plan

    def _check_phase(self, attackers: list[int], plan: combat.Preview) -> None:
        """The phase's own limits on an attack: when attacks are allowed, and an overrun's odds."""
        st = self.state
        refusal = sequence.attack_refusal(st, attackers)
        if refusal is not None:
            raise refusal
        if sequence.overrun_phase(st):
            rule = self.scenario.rules.model.sequence.overrun
            if plan.column < sequence.overrun_column(st):
                raise IllegalOrder("attack/overrun_odds", f"an overrun needs the {rule.min_column} column after shifts; this attack is at {plan.column_name}")


def _fmt(x: float) -> str:
    return f"{x:g}" if abs(x - round(x)) > 1e-9 else str(int(round(x)))
