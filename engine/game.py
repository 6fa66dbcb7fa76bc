"""The public `Game`: the turn sequence, order checking and dispatch (saves and replays: engine/savefile.py).

A game is fully determined by its scenario, its seed and the orders applied to it: a save
is that order log plus the final state hash, and loading replays the log and checks the
hash. Every order is checked before anything changes; an illegal order raises
`IllegalOrder` and leaves the state exactly as it was.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from engine import air, combat, entrenchment, minefields, movement, rail, reinforcements, replacements, sequence, supply, victory
from engine.errors import IllegalOrder
from engine.events import Event
from engine.fog import View, visible_mask
from engine.hexgrid import Hex
from engine.orders import Advance, Attack, EndPhase, Interdict, Move, Order, Rail, Replace
from engine.query import Query
from engine.savefile import SAVE_FORMAT, read_json, scenario_digest  # noqa: F401  (the names engine.game has always offered)
from engine.scenario import Scenario, load_scenario
from engine.state import ACTIVE, State

_ROLLS = (Attack, EndPhase)      # the orders that may roll the dice: combat, and the weather of a new turn


class Game(Query):
    """One game of a scenario. Same scenario + seed + orders => same game."""

    def __init__(self, scenario: Scenario | str | Path, seed: int = 0) -> None:
        if not isinstance(scenario, Scenario):
            scenario = load_scenario(scenario)
        if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool) or seed < 0:
            raise ValueError(f"seed must be a whole number >= 0, not {seed!r}")
        self.scenario = scenario
        self.seed = int(seed)
        self.state = State.initial(scenario, self.seed)
        self.orders: list[Order] = []
        self.events: list[Event] = []
        self._last_seen: dict[int, dict[str, tuple[str, int]]] = {}
        self._emit(self._start())
        self._note_sightings()

    @property
    def result(self) -> dict[str, Any] | None:
        """When the game is over: {"winner": side id or None, "level": ..., "name": ..., "vp": ...}."""
        return self.state.result

    def state_hash(self) -> str:
        return self.state.state_hash()

    def copy(self) -> "Game":
        """An independent copy of the game (state, generator, order and event logs, what each
        side has seen): the same orders give the same game on both. Cheap (tens of
        microseconds), for look-ahead and undo snapshots."""
        new = Game.__new__(Game)
        new.scenario = self.scenario
        new.seed = self.seed
        new.state = self.state.copy()
        new.orders = list(self.orders)
        new.events = list(self.events)
        new._last_seen = {side: dict(seen) for side, seen in self._last_seen.items()}
        return new

    def view(self, side: str) -> Any:
        """What `side` knows: with fog of war, enemy units only where its units can see them."""
        return View(self, self.scenario.side_index(side))

    def _remember(self, side: int, seen: np.ndarray) -> None:
        """Note where `side` saw enemy units (for last-known positions under fog of war)."""
        memory = self._last_seen.setdefault(side, {})
        st, sc = self.state, self.scenario
        for u in np.flatnonzero(seen & (st.unit_sides() != side) & (st.unit_status == ACTIVE)):
            memory[sc.units[u].id] = (sc.map.hex_id(st.unit_hex[u]), st.turn)

    # -- orders -------------------------------------------------------------------
    def apply(self, order: Order) -> list[Event]:
        """Check and carry out one order; return the events it caused.

        Raises IllegalOrder (state unchanged) if the rules do not allow it.
        """
        if self.state.over:
            raise IllegalOrder("game/over", "the game is over")
        # an order is carried out whole, or not at all; only attacks and the end of a phase roll
        # the dice (combat, the weather), so the undo of any other order keeps the same generator
        before = self.state.checkpoint(keep_rng=not isinstance(order, _ROLLS))
        try:
            events = self._carry_out(order)
        except BaseException:
            self.state.roll_back(before)
            raise
        self.orders.append(order)
        self._emit(events)
        self._note_sightings()
        return events

    def _carry_out(self, order: Order) -> list[Event]:
        if isinstance(order, Move):
            events = self._move(order)
        elif isinstance(order, Attack):
            events = self._attack(order)
        elif isinstance(order, Advance):
            events = self._advance(order)
        elif isinstance(order, Replace):
            events = self._replace(order)
        elif isinstance(order, Rail):
            events = self._rail(order)
        elif isinstance(order, Interdict):
            events = self._interdict(order)
        elif isinstance(order, EndPhase):
            events = self._end_phase()
        else:
            raise IllegalOrder("order/unknown", f"not an order: {order!r}")
        events += victory.after_order(self.state, self._event)    # sudden death and held objectives, at once
        return events

    def _note_sightings(self) -> None:
        """Under fog of war each side remembers where it last saw enemy units, after every
        order (not only when a view is asked for), so replays rebuild the same memory."""
        if not self.scenario.model.fog_of_war:
            return
        for side in range(len(self.scenario.sides)):
            self._remember(side, visible_mask(self.state, side))

    def end_phase(self) -> list[Event]:
        return self.apply(EndPhase())

    def _emit(self, events: list[Event]) -> None:
        self.events.extend(events)

    def _event(self, kind: str, **data: Any) -> Event:
        return Event(kind, self.state.turn, self.scenario.side_ids[self.state.side], data)

    def _move(self, order: Move) -> list[Event]:
        st, sc = self.state, self.scenario
        u = self._own_unit(order.unit, "move")
        pending, st.advance = st.advance, None   # declining the advance by giving another order ...
        try:
            if sc.model.fog_of_war:
                # checked against what the side knows; on the real map the unit follows its path
                # until it runs into an enemy it could not see (contact)
                planned, _ = self.view(sc.side_ids[sc.units[u].side]).plan_move(u, order)
                path, cost, contact = movement.walk(st, u, planned, movement.enemy_occupied(st, st.side), movement.zoc_layer(st, st.side))
            else:
                path, cost = self.plan_move(u, order)
                contact = None
        except IllegalOrder:
            st.advance = pending                 # ... but only if that order is carried out
            raise
        return self._carry_out_move(u, path, cost, contact)

    def _carry_out_move(self, u: int, path: list[int], cost: float, contact: int | None) -> list[Event]:
        st, sc = self.state, self.scenario
        d = sc.units[u]
        zoc = movement.enemy_layers(st, d.side)[1]      # the enemy's zones of control: the same after the move
        st.unit_hex[u] = path[-1]
        st.unit_dug_hex[u] = -1                    # a unit that moves leaves its entrenchment
        st.unit_mp_used[u] += cost
        if contact is not None or zoc[path[-1]]:
            # entering an enemy ZOC ends the unit's movement for the phase, even if that
            # enemy is destroyed later in the phase (only a successful overrun lifts it)
            st.unit_stopped[u] = True
        st.unit_moved[u] = True
        data: dict[str, Any] = {"unit": d.id, "path": sc.map.hex_ids(path), "cost": round(cost, 3),
                                "mp_left": round(movement.mp_left(st, u), 3)}
        if contact is not None:
            data["contact"] = sc.map.hex_id(contact)
        events = [self._event("unit_moved", **data)]
        events += minefields.clear(st, path[1:], d.side, self._event)
        events += supply.take_control(st, path, d.side, self._event)
        return events

    def _attack(self, order: Attack) -> list[Event]:
        st = self.state
        if not isinstance(order.attackers, (tuple, list)) or not order.attackers:
            raise IllegalOrder("attack/no_attackers", "name at least one attacking unit")
        if len(set(order.attackers)) != len(order.attackers):
            raise IllegalOrder("attack/duplicate", "a unit is named twice among the attackers")
        attackers = [self._own_unit(a, "attack") for a in order.attackers]
        if not isinstance(order.target, Hex):
            raise IllegalOrder("attack/bad_hex", f"'{order.target}' is not a hex")
        target = self.scenario.map.index(order.target)
        if target < 0:
            raise IllegalOrder("attack/off_map", f"{order.target} is off the map")
        if not isinstance(order.air, (int, np.integer)) or isinstance(order.air, bool) or order.air < 0:
            raise IllegalOrder("attack/bad_air", "air points must be a whole number >= 0")
        if not isinstance(order.also, (tuple, list)) or not all(isinstance(h, Hex) for h in order.also):
            raise IllegalOrder("attack/bad_hex", "'also' must list hexes")
        also = tuple(self.scenario.map.index(h) for h in order.also)
        overrun = sequence.overrun_phase(st)
        plan = self._check_attack(attackers, target, int(order.air), also)   # raises IllegalOrder
        st.advance = None
        events = combat.resolve(st, plan, self._event)
        if overrun:
            events += self._after_overrun(plan)
        return events

    def _after_overrun(self, plan: combat.Preview) -> list[Event]:
        """The overrunning stack pays its MP; if the hex was cleared it may move on (or advance)."""
        st, sc = self.state, self.scenario
        cost = sc.rules.model.sequence.overrun.mp_cost
        cleared = not any(sc.units[d].side != st.side for d in st.units_at(plan.target))
        for a in plan.attackers:
            if not st.active(a):
                continue
            st.unit_mp_used[a] += cost
            st.unit_attacked[a] = False          # an overrun is part of the move, not the unit's attack
            st.unit_moved[a] = True
            if cleared and not movement.zoc_layer(st, st.side)[int(st.unit_hex[a])]:
                st.unit_stopped[a] = False
        return []

    def _advance(self, order: Advance) -> list[Event]:
        st, sc = self.state, self.scenario
        u = self._own_unit(order.unit, "advance")
        if st.advance is None:
            raise IllegalOrder("advance/none", "there is no combat to advance after")
        hex_, allowed = st.advance
        if u not in allowed:
            raise IllegalOrder("advance/not_attacker", f"{sc.units[u].name} did not take part in that attack and cannot advance")
        if movement.enemy_occupied(st, st.side)[hex_]:
            raise IllegalOrder("advance/occupied", f"{sc.map.place(hex_)} is not empty")
        limit = sc.rules.model.stacking.max_units     # a pending advance never outlives a full hex (below)
        frm = int(st.unit_hex[u])
        st.unit_hex[u] = hex_
        st.unit_dug_hex[u] = -1
        st.advance = None
        crt = sc.rules.combat
        rest = tuple(a for a in allowed if a != u and st.active(a))
        if crt is not None and crt.advance == "all" and rest and st.stack_counts(st.side)[hex_] < limit:
            st.advance = (hex_, rest)          # the others may follow, up to the stacking limit
        events = [self._event("advance", unit=sc.units[u].id, frm=sc.map.hex_id(frm), to=sc.map.hex_id(hex_))]
        events += minefields.clear(st, [hex_], sc.units[u].side, self._event)
        events += supply.take_control(st, [hex_], sc.units[u].side, self._event)
        return events

    def _rail(self, order: Rail) -> list[Event]:
        st, sc = self.state, self.scenario
        u = self._own_unit(order.unit, "rail")
        if not isinstance(order.to, Hex) or sc.map.index(order.to) < 0:
            raise IllegalOrder("rail/off_map", f"{order.to} is not a hex of the map")
        target = sc.map.index(order.to)
        hexes = rail.check(st, u, target)
        st.advance = None
        return rail.apply(st, u, target, hexes, self._event)

    def _interdict(self, order: Interdict) -> list[Event]:
        st, sc = self.state, self.scenario
        target = sc.map.index(order.target) if isinstance(order.target, Hex) else -1
        refusal = air.interdiction_refusal(st, target)
        if refusal is not None:
            raise refusal
        st.advance = None
        return air.interdict(st, target, self._event)

    def _replace(self, order: Replace) -> list[Event]:
        u = self._own_unit(order.unit, "replace")
        refusal = replacements.refusal(self.state, u)
        if refusal is not None:
            raise refusal
        return replacements.apply(self.state, u, self._event)

    # -- turn sequence --------------------------------------------------------------
    def _start(self) -> list[Event]:
        st, sc = self.state, self.scenario
        supply.initial_control(st)
        supply.initial_status(st)
        events = [self._event("game_started", scenario=sc.name or sc.title, seed=self.seed, sides=list(sc.side_ids))]
        events += self._begin_turn()
        for side in range(len(sc.sides)):
            # every side has its air points from the start, to defend before its first phase
            self._set_air(side)
        events += self._begin_side()
        events += self._begin_phase()
        return events

    def _begin_turn(self) -> list[Event]:
        st, sc = self.state, self.scenario
        events = [self._event("turn_began", date=sc.date_of_turn(st.turn).isoformat())]
        st.weather = _roll_weather(st)
        events.append(self._event("weather", weather=st.weather))
        return events

    def _begin_side(self) -> list[Event]:
        """The start of a side's turn: withdrawals, reinforcements, supply, air points."""
        st = self.state
        events = [self._event("side_began")]
        events += reinforcements.withdraw(st, self._event)
        events += reinforcements.arrive(st, self._event)
        events += supply.update(st, st.side, self._event)
        events += entrenchment.dig(st, self._event)
        events += replacements.receive(st, self._event)
        self._set_air(st.side)
        air.clear_interdiction(st, st.side)
        st.rail_used[st.side] = 0
        st.unit_railed[st.unit_sides() == st.side] = False
        return events

    def _set_air(self, side: int) -> None:
        self.state.air_left[side] = air.points(self.state, side)

    def _begin_phase(self) -> list[Event]:
        """The start of one phase of the active side: its units' movement and combat marks are reset."""
        st = self.state
        mine = st.unit_sides() == st.side
        st.unit_mp_used[mine] = 0.0
        st.unit_moved[mine] = False
        st.unit_stopped[mine] = False
        st.unit_attacked[mine] = False
        st.unit_defended[:] = False
        return [self._event("phase_began", phase=sequence.kind(st), number=st.phase + 1, of=len(sequence.phases(st)))]

    def _end_phase(self) -> list[Event]:
        st, sc = self.state, self.scenario
        events = [self._event("phase_ended", phase=sequence.kind(st))]
        st.advance = None
        if st.phase + 1 < len(sequence.phases(st)):
            st.phase += 1
            return events + self._begin_phase()
        st.phase = 0
        st.side += 1
        if st.side >= len(sc.sides):
            st.side = 0
            events += victory.end_of_turn(st, self._event)
            if not st.over:
                st.turn += 1
                if st.turn > sc.turns:
                    st.turn = sc.turns
                    events += victory.finish(st, self._event, reason="last turn played")
        else:
            events += victory.sudden_death(st, self._event)
        if st.over:
            return events
        if st.side == 0:
            events += self._begin_turn()
        events += self._begin_side()
        events += self._begin_phase()
        return events

    # -- saves and replays (engine/savefile.py) ---------------------------------------
    def to_json(self) -> dict[str, Any]:
        from engine.savefile import game_to_json

        return game_to_json(self)

    def save(self, path: str | Path) -> None:
        """Write the game as versioned JSON, atomically (temporary file, then rename). Only a
        regular file or a new path is written (OSError for a link, FIFO, device or folder)."""
        from engine.savefile import save_game

        save_game(self, path)

    @classmethod
    def load(cls, path: str | Path, scenario: Scenario | str | Path | None = None) -> "Game":
        """Restore a saved game exactly (replaying its orders); ScenarioError if the file is bad.

        The scenario is found by the save's shipped name (or among the scenarios this program
        has loaded, by name and digest), or in the save's own folder; a save that names a
        path elsewhere is not followed unless `scenario` (a Scenario, name or path) is given."""
        from engine.savefile import load_game

        return load_game(cls, path, scenario)

    @classmethod
    def from_json(cls, data: Any, where: str = "<save>", scenario: Scenario | None = None, verify: bool = True,
                  folder: Path | None = None) -> "Game":
        """Replay a save's data (as `read_json` returns it) into a new game; see `load`."""
        from engine.savefile import replay_save

        return replay_save(cls, data, where, scenario, verify, folder)



def _roll_weather(st: State) -> str:
    w = st.scenario.model.weather
    if st.turn in w.schedule:
        return w.schedule[st.turn]
    month = st.scenario.date_of_turn(st.turn).month
    for entry in w.table:
        if month in entry.months:
            names = list(entry.chances)
            p = np.array([entry.chances[n] for n in names], dtype=float)
            return names[int(st.rng.choice(len(names), p=p / p.sum()))]
    return w.default
