"""The engine side of the reinforcement-learning environments: actions, masks, observations.

Nothing here imports PettingZoo or Gymnasium: `engine.rl.aec` and `engine.rl.gym` are thin
adapters over `Session`, and `engine.ai.policy` uses the same encoding to let a trained policy
play as an ordinary agent. The rules stay in the engine: a mask is what the side's `View`
says may be done now, and an action becomes an ordinary `Order` applied with `Game.apply`.

Unit-by-unit stepping: each side has a *focus* unit, the one the next action is about. The
discrete actions (see `ActionLayout`) are

    END_PHASE            end the side's phase (always allowed)
    HOLD                 the focus unit does nothing more this phase; focus passes on
    NEXT                 come back to the focus unit later; focus passes on
    ADVANCE              the focus unit advances into the hex its attack emptied
    REPLACE              spend a replacement point on the focus unit
    MOVE + i             the focus unit moves to hex i (dense index row * columns + col)
    ATTACK + 6 a' + ...  the focus unit attacks its neighbour in direction d with a air points,
                         together with the units that declared SUPPORT on that hex
    SUPPORT + d          the focus unit joins the next attack on its neighbour in direction d
    RAIL + i             the focus unit travels by rail to hex i
    INTERDICT + i        the side flies air interdiction over hex i (needs no focus)

Focus passes in scenario order over the side's units that have something to do (a unit with
no unmasked action is skipped); after an order the focus stays on the unit that acted.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from engine import rail, replacements, sequence, victory
from engine.errors import IllegalOrder
from engine.game import Game
from engine.hexgrid import Hex
from engine.orders import Advance, Attack, EndPhase, Interdict, Move, Order, Rail, Replace
from engine.scenario import Scenario
from engine.state import ACTIVE, ISOLATED, OUT_OF_SUPPLY, SUPPLIED

END_PHASE, HOLD, NEXT, ADVANCE, REPLACE = 0, 1, 2, 3, 4
_FIXED = 5
PHASE_KINDS = ("free", "movement", "combat", "exploitation")


class IllegalAction(ValueError):
    """An action the mask forbids (or outside the action space); the game is unchanged.

    `code` is stable: 'action/out_of_space', 'action/masked', or the engine's IllegalOrder code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


def max_air(scenario: Scenario) -> int:
    """The most air points a side can ever spend on one attack in this scenario."""
    best = 0
    for spec in scenario.model.air_points.values():
        best = max([best, spec] if isinstance(spec, int) else [best, *(e.points for e in spec)])
    mult = max([1.0, *(w.air_multiplier for w in scenario.rules.model.weather.values())])
    return int(best * mult)


@dataclass(frozen=True)
class ActionLayout:
    """Where each kind of action starts in the one discrete space of a scenario."""

    hexes: int
    air_levels: int           # attack choices per direction: 0 .. air_levels - 1 air points

    @classmethod
    def of(cls, scenario: Scenario) -> "ActionLayout":
        return cls(scenario.map.size, max_air(scenario) + 1)

    @property
    def move(self) -> int:
        return _FIXED

    @property
    def attack(self) -> int:
        return self.move + self.hexes

    @property
    def support(self) -> int:
        return self.attack + 6 * self.air_levels

    @property
    def rail(self) -> int:
        return self.support + 6

    @property
    def interdict(self) -> int:
        return self.rail + self.hexes

    @property
    def size(self) -> int:
        return self.interdict + self.hexes

    def describe(self, action: int) -> str:
        """The action as a person reads it ('move to hex 1203', 'attack direction 2 with 1 air')."""
        a = int(action)
        names = {END_PHASE: "end phase", HOLD: "hold", NEXT: "next unit", ADVANCE: "advance", REPLACE: "replace"}
        if a in names:
            return names[a]
        if a < self.attack:
            return f"move to hex index {a - self.move}"
        if a < self.support:
            d, k = divmod(a - self.attack, self.air_levels)
            return f"attack direction {d} with {k} air"
        if a < self.rail:
            return f"support an attack in direction {a - self.support}"
        if a < self.interdict:
            return f"rail to hex index {a - self.rail}"
        return f"interdict hex index {a - self.interdict}"


@dataclass
class Rewards:
    """Reward shaping (documented in docs/RL.md). Each step every side receives
    `vp * (change of its net VP)` plus `step`; when the game ends, the winner receives
    `win * levels.get(level, 1)`, the loser minus that, and a draw `draw`. A masked action
    in penalty mode earns `illegal` (and changes nothing)."""

    vp: float = 0.01
    win: float = 1.0
    draw: float = 0.0
    step: float = 0.0
    illegal: float = -0.1
    levels: dict[str, float] = field(default_factory=lambda: {"marginal": 0.5})

    @classmethod
    def of(cls, value: "Rewards | dict[str, Any] | None") -> "Rewards":
        if value is None:
            return cls()
        if isinstance(value, Rewards):
            return value
        if isinstance(value, dict):
            known = set(cls.__dataclass_fields__)
            unknown = sorted(set(value) - known)
            if unknown:
                raise ValueError(f"unknown reward setting '{unknown[0]}' (settings: {', '.join(sorted(known))})")
            return cls(**value)
        raise ValueError(f"rewards must be a dict or engine.rl.Rewards, not {type(value).__name__}")


# -- observations -----------------------------------------------------------------------
def static_plane_names(scenario: Scenario) -> list[str]:
    names = [f"terrain_{t}" for t in scenario.rules.terrain_names]
    names += [f"road_{d}" for d in range(6)] + [f"rail_{d}" for d in range(6)] + [f"river_{d}" for d in range(6)]
    names += ["fort", "vp", "coastal", "own_source", "enemy_source"]
    return names


def unit_types(scenario: Scenario) -> list[str]:
    return sorted({u.type for u in scenario.units})


def dynamic_plane_names(scenario: Scenario) -> list[str]:
    types = unit_types(scenario)
    names = [f"own_{t}" for t in types]
    names += ["own_steps", "own_attack", "own_defence", "own_mp_left", "own_done", "own_out_of_supply", "own_isolated",
              "own_entrenched", "focus", "focus_reach", "support"]
    names += [f"enemy_{t}" for t in types]
    names += ["enemy_steps", "enemy_attack", "enemy_defence", "enemy_last_known", "enemy_age",
              "enemy_zoc", "own_zoc", "own_control", "enemy_control", "interdicted_by_own", "interdicted_by_enemy",
              "objective_own", "objective_enemy", "advance_hex"]
    return names


def global_names(scenario: Scenario) -> list[str]:
    names = ["turn", "turns_left", "is_active"] + [f"phase_{k}" for k in PHASE_KINDS]
    names += [f"weather_{w}" for w in sorted(scenario.rules.model.weather)]
    names += ["air_own", "air_enemy", "rail_left", "replacement_points", "vp_net", "own_units", "enemy_units_seen",
              "has_focus", "focus_steps", "focus_attack", "focus_defence", "focus_mp_left", "focus_supplied",
              "focus_can_advance", "supporters"]
    names += [f"focus_{t}" for t in unit_types(scenario)]
    return names


class Observer:
    """Builds one side's observation from its `View`: a read-only static block of map planes,
    the planes that change, a global vector, and the action mask."""

    def __init__(self, scenario: Scenario, side: int) -> None:
        self.scenario, self.side = scenario, side
        m = scenario.map
        self.shape = (m.rows, m.columns)
        self.types = unit_types(scenario)
        self.type_of = np.array([self.types.index(u.type) for u in scenario.units], dtype=np.int64)
        self.unit_side = np.array([u.side for u in scenario.units], dtype=np.int64)
        self.max_steps = np.array([u.max_steps for u in scenario.units], dtype=np.float32)
        self.movement = np.array([max(u.movement, 1e-9) for u in scenario.units], dtype=np.float32)
        self.static = self._static()
        width = max([1, *(max(len(u.attack), len(u.defence)) for u in scenario.units)])
        self.attack_table = np.array([[u.attack[min(k, len(u.attack) - 1)] if u.attack else 0.0 for k in range(width)] for u in scenario.units],
                                     dtype=np.float32).reshape(len(scenario.units), width)
        self.defence_table = np.array([[u.defence[min(k, len(u.defence) - 1)] if u.defence else 0.0 for k in range(width)] for u in scenario.units],
                                      dtype=np.float32).reshape(len(scenario.units), width)
        self.dynamic_names = dynamic_plane_names(scenario)
        self.global_names = global_names(scenario)
        self.weathers = sorted(scenario.rules.model.weather)
        vp = m.vp.astype(np.float64)
        self.vp_scale = float(max(1.0, np.abs(vp).sum()))
        self.strength_scale = float(max([1.0, *(max(u.attack + u.defence) for u in scenario.units)]))
        self.air_scale = float(max(1, max_air(scenario)))
        objectives = scenario.model.victory.objectives if scenario.model.victory is not None else []
        self.objective_hexes = [(scenario.side_ids.index(o.side), np.array([m.parse(h) for h in o.hexes], dtype=np.int64)) for o in objectives]
        self.n = m.size
        self.mine = self.unit_side == side
        t = len(self.types)
        # the planes each unit adds to (see _state_part); an enemy's last two are never used (weight 0)
        def rows_of(first_type: int, rest: tuple[int, ...]) -> np.ndarray:
            return np.stack([first_type + self.type_of, *(np.full(len(self.type_of), r) for r in rest)], axis=1)

        own_rows = rows_of(0, (t, t + 1, t + 2, t + 5, t + 6))
        enemy_rows = rows_of(t + 11, (2 * t + 11, 2 * t + 12, 2 * t + 13, 2 * t + 11, 2 * t + 11))
        self.unit_rows = np.where(self.mine[:, None], own_rows, enemy_rows).astype(np.int64)
        self.attack_share = self.attack_table / self.strength_scale
        self.defence_share = self.defence_table / self.strength_scale
        self._slot = np.zeros(len(self.dynamic_names) * self.n, dtype=np.int64)
        self._arange = np.arange(6 * len(scenario.units))
        # [own, enemy] x (no side, side 0, side 1, ...): a side's hexes as the two planes see them
        self._held_by = np.array([[0.0] + [float(s == side) for s in range(len(scenario.sides))],
                                  [0.0] + [float(s != side) for s in range(len(scenario.sides))]], dtype=np.float32)
        self._objective_rows = [(2 * t + 11 + (11 if s == side else 12), idx) for s, idx in self.objective_hexes]

    def _static(self) -> np.ndarray:
        sc, m = self.scenario, self.scenario.map
        n = m.size
        planes = []
        for t in range(len(sc.rules.terrain_names)):
            planes.append(m.terrain == t)
        for layer in (m.road, m.rail):
            for d in range(6):
                planes.append((layer >> d) & 1)
        for d in range(6):
            planes.append(np.where((m.river_major >> d) & 1, 1.0, np.where((m.river_minor >> d) & 1, 0.5, 0.0)))
        planes.append(m.fort / max(1, int(m.fort.max())))
        planes.append(m.vp / max(1, int(np.abs(m.vp).max())))
        planes.append(m.coastal)
        own, enemy = np.zeros(n), np.zeros(n)
        for s in sc.sources:
            (own if s.side == self.side else enemy)[s.hex] = 1.0
        planes += [own, enemy]
        out = np.stack([np.asarray(p, dtype=np.float32) for p in planes]).reshape(len(planes), *self.shape)
        out.setflags(write=False)
        return out

    def planes(self, session: "Session") -> np.ndarray:
        """The changing planes, in one new array: one pass over the map to clear it, then only
        the hexes units are in and a few whole planes (ZOC, control, interdiction)."""
        out = self._state_part(session)
        self._cursor_part(session, out)
        return out.reshape(len(self.dynamic_names), *self.shape)

    def _state_part(self, session: "Session") -> np.ndarray:
        """[D, N]: every plane but the cursor's (own_done, focus, focus_reach, support)."""
        from engine import movement

        st, sc = session.view(self.side).state, self.scenario
        t, n = len(self.types), self.n
        out = np.zeros((len(self.dynamic_names), n), dtype=np.float32)
        for row, idx in self._objective_rows:
            out[row, idx] = 1.0
        units = np.flatnonzero(st.unit_status == ACTIVE)
        if len(units):
            # Every unit adds to six planes at its hex (its type's count, steps, attack, defence,
            # and for own units out of supply and isolated). One bincount sums them: the entries
            # of one (plane, hex) share the id of one of them (`slot`), and bincount adds them in
            # unit order, as a bincount per plane does.
            hexes = st.unit_hex[units].astype(np.int64)
            steps = st.unit_steps[units]
            k = np.minimum(np.maximum(steps.astype(np.int64) - 1, 0), self.attack_share.shape[1] - 1)
            weights = np.empty((len(units), 6))
            weights[:, 0] = 1.0
            weights[:, 1] = steps.astype(np.float32) / self.max_steps[units]
            weights[:, 2] = self.attack_share[units, k]
            weights[:, 3] = self.defence_share[units, k]
            supply, mine = st.unit_supply[units], self.mine[units]
            weights[:, 4] = (supply == OUT_OF_SUPPLY) & mine
            weights[:, 5] = (supply == ISOLATED) & mine
            idx = (self.unit_rows[units] * n + hexes[:, None]).ravel()
            m = len(idx)
            order = self._arange[:m]
            slot = self._slot
            slot[idx] = order
            ids = slot[idx]
            sums = np.bincount(ids, weights.ravel(), minlength=m)
            first = ids == order
            out.reshape(-1)[idx[first]] = sums[first]
            own = units[mine]
            dug = own[(st.unit_dug[own] > 0) & (st.unit_dug_hex[own] == st.unit_hex[own])]
            out[t + 7, st.unit_hex[dug].astype(np.int64)] = 1.0
            if len(own):
                mp_left = np.minimum(np.maximum(1.0 - st.unit_mp_used[own] / self.movement[own], 0.0), 1.0).astype(np.float32)
                np.maximum.at(out[t + 3], st.unit_hex[own].astype(np.int64), mp_left)
        base = 2 * t + 11
        if sc.model.fog_of_war:
            for hex_id, turn in session.view(self.side).last_known.values():
                i = sc.map.parse(hex_id)
                out[base + 3, i] += 1.0
                out[base + 4, i] = max(out[base + 4, i], min(1.0, (st.turn - turn + 1) / max(1, sc.turns)))
        out[base + 5] = movement.zoc_layer(st, self.side)
        others = [movement.zoc_layer(st, s) for s in range(len(sc.sides)) if s != self.side]
        out[base + 6] = others[0] if len(others) == 1 else np.any(others, axis=0)
        out[base + 7:base + 9] = self._held_by[:, st.control + 1]          # own_control, enemy_control
        out[base + 9:base + 11] = self._held_by[:, st.interdicted + 1]     # interdicted_by_own, _by_enemy
        if st.advance is not None:
            out[base + 13, st.advance[0]] = 1.0
        return out

    def _cursor_part(self, session: "Session", out: np.ndarray) -> None:
        st = session.view(self.side).state
        t = len(self.types)
        cursor = session.cursors[self.side]
        if cursor.done:
            done = [u for u in cursor.done if st.unit_status[u] == ACTIVE and self.mine[u]]
            out[t + 4, st.unit_hex[done].astype(np.int64)] = 1.0
        focus = cursor.focus if st.side == self.side else None
        if focus is not None:
            out[t + 8, int(st.unit_hex[focus])] = 1.0
            out[t + 9] = session.mask_of(self.side)[session.layout.move:session.layout.attack]
        for target in cursor.support.values():
            out[t + 10, target] = 1.0

    def globals(self, session: "Session") -> np.ndarray:
        st, sc = session.view(self.side).state, self.scenario
        g = [0.0] * len(self.global_names)          # Python floats, made float32 once at the end
        turns = max(1, sc.turns)
        g[0] = st.turn / turns
        g[1] = (sc.turns - st.turn) / turns
        g[2] = float(st.side == self.side and not st.over)
        kind = sequence.kind(st)
        g[3 + PHASE_KINDS.index(kind) if kind in PHASE_KINDS else 3] = 1.0
        i = 3 + len(PHASE_KINDS)
        if st.weather in self.weathers:
            g[i + self.weathers.index(st.weather)] = 1.0
        i += len(self.weathers)
        g[i] = st.air_left[self.side] / self.air_scale
        g[i + 1] = sum(a for s, a in enumerate(st.air_left) if s != self.side) / self.air_scale
        g[i + 2] = max(0, rail.capacity(sc, self.side) - st.rail_used[self.side]) / 10.0
        g[i + 3] = st.replacement_points[self.side] / 10.0
        g[i + 4] = session.net_vp(self.side) / self.vp_scale
        on = st.unit_status == ACTIVE
        own, active = int(np.count_nonzero(on & self.mine)), int(np.count_nonzero(on))
        g[i + 5] = own / max(1, len(sc.units))
        g[i + 6] = (active - own) / max(1, len(sc.units))
        cursor = session.cursors[self.side]
        u = cursor.focus if st.side == self.side else None
        i += 7
        if u is not None:
            d = sc.units[u]
            steps = int(st.unit_steps[u])
            k = max(1, steps) - 1
            g[i] = 1.0
            g[i + 1] = steps / d.max_steps
            g[i + 2] = d.attack[min(k, len(d.attack) - 1)] / self.strength_scale
            g[i + 3] = d.defence[min(k, len(d.defence) - 1)] / self.strength_scale
            g[i + 4] = min(max(float(1.0 - st.unit_mp_used[u] / self.movement[u]), 0.0), 1.0)
            g[i + 5] = float(st.unit_supply[u] == SUPPLIED)
            g[i + 6] = float(st.advance is not None and u in st.advance[1])
            g[i + 8 + int(self.type_of[u])] = 1.0
        g[i + 7] = len(cursor.support) / 10.0
        return np.array(g, dtype=np.float32)


# -- the cursor and the session ------------------------------------------------------------
@dataclass
class Cursor:
    """One side's place in unit-by-unit stepping during one phase."""

    key: tuple[int, int, int] = (-1, -1, -1)      # (turn, side, phase) it belongs to
    queue: list[int] = field(default_factory=list)  # the side's units on the map, in scenario order
    pos: int = 0
    focus: int | None = None
    done: set[int] = field(default_factory=set)
    support: dict[int, int] = field(default_factory=dict)   # unit -> hex it will attack with the next attack there


class Session:
    """A game driven by discrete actions: the state both environments and the policy agent share.

    `illegal` says what a masked action does: 'raise' (IllegalAction, nothing changes) or
    'penalty' (nothing changes; the acting side receives `rewards.illegal`)."""

    def __init__(self, scenario: Scenario, seed: int = 0, rewards: Rewards | dict[str, Any] | None = None,
                 illegal: str = "raise", game: Game | None = None) -> None:
        if illegal not in ("raise", "penalty"):
            raise ValueError(f"illegal must be 'raise' or 'penalty', not {illegal!r}")
        self.scenario = scenario
        self.layout = ActionLayout.of(scenario)
        self.rewards = Rewards.of(rewards)
        self.illegal = illegal
        self.observers = [Observer(scenario, s) for s in range(len(scenario.sides))]
        self.game = game if game is not None else Game(scenario, seed)
        self.cursors = [Cursor() for _ in scenario.sides]
        self._masks: dict[int, tuple[Any, np.ndarray]] = {}
        self._unit_masks: dict[tuple[Any, int], np.ndarray] = {}
        self._views: dict[int, tuple[Any, Any]] = {}
        self._score: tuple[Any, float, int] | None = None
        self.last_illegal: IllegalAction | None = None
        self.last_events: list = []
        self._sync()

    # -- state keys and caches --------------------------------------------------------
    def _version(self) -> tuple[int, int, int]:
        st = self.game.state
        return (len(self.game.orders), st.turn, st.side * 100 + st.phase)

    def view(self, side: int) -> Any:
        v = self._version()
        got = self._views.get(side)
        if got is None or got[0] != v:
            got = (v, self.game.view(self.scenario.side_ids[side]))
            self._views[side] = got
        return got[1]

    def net_vp(self, side: int) -> float:
        """Net VP of `side` (its score from the scenario's VP side, signed)."""
        st = self.game.state
        # what victory.score reads: control, losses, objectives decided, the turn, the end (most
        # orders change none of them, so the score is not recomputed after every order)
        key = (st.control.tobytes(), tuple(st.losses), tuple(st.objectives.items()), st.over, st.turn)
        got = self._score
        if got is None or got[0] != key:
            got = self._score = (key, float(victory.score(st)["net"]), victory._vp_side(st))
        return got[1] if got[2] == side else -got[1]

    def _sync(self) -> None:
        """Start a new cursor when the phase changed; keep the focus on a unit that can act."""
        st = self.game.state
        if st.over:
            for c in self.cursors:
                c.focus = None
            return
        s = st.side
        key = (st.turn, s, st.phase)
        c = self.cursors[s]
        if c.key != key:
            units = np.flatnonzero((st.unit_status == ACTIVE) & (self.observers[s].unit_side == s))
            self.cursors[s] = c = Cursor(key=key, queue=[int(u) for u in units])
            self._settle(c, 0)
        elif c.focus is None or not self._can_act(c.focus):
            self._settle(c, c.pos)

    def _settle(self, c: Cursor, start: int) -> None:
        """Focus on the first unit from position `start` (cyclically) that has something to do."""
        c.focus = None
        n = len(c.queue)
        for k in range(n):
            p = (start + k) % n
            u = c.queue[p]
            if u not in c.done and self._can_act(u):
                c.pos, c.focus = p, u
                return

    def _can_act(self, u: int) -> bool:
        return bool(self.unit_mask(u).any())

    # -- masks --------------------------------------------------------------------------
    def unit_mask(self, u: int) -> np.ndarray:
        """bool over the actions about unit `u` (ADVANCE .. RAIL) if it had the focus now."""
        key = (self._version(), u)
        got = self._unit_masks.get(key)
        if got is not None:
            return got
        if len(self._unit_masks) > 4096:
            self._unit_masks.clear()
        lay, sc = self.layout, self.scenario
        st0 = self.game.state
        view = self.view(st0.side)
        st = view.state
        mask = np.zeros(lay.size, dtype=bool)
        if st.over or not st.active(u) or sc.units[u].side != st.side:
            self._unit_masks[key] = mask
            return mask
        uid = sc.units[u].id
        if st.advance is not None and u in st.advance[1]:
            from engine import movement

            if not movement.enemy_occupied(st, st.side)[st.advance[0]]:
                mask[ADVANCE] = True
        if replacements.refusal(st, u) is None:
            mask[REPLACE] = True
        if sequence.moves_allowed(st):
            idx, _ = view.reachable_indices(uid)
            mask[lay.move + idx] = True
        if (sequence.attacks_allowed(st) or sequence.overrun_phase(st)) and sequence.attack_refusal(st, [u]) is None:
            here = int(st.unit_hex[u])
            enemy = self._enemy_hexes(st)
            cursor = self.cursors[st.side]
            for d in range(6):
                nb = int(sc.map.neighbors[here, d])
                if nb < 0 or not enemy[nb]:
                    continue
                group = self.attackers(nb, u)
                ids = [sc.units[a].id for a in group]
                for k in range(min(lay.air_levels, st.air_left[st.side] + 1)):
                    if view.preview(ids, sc.map.hex(nb), k).allowed:
                        mask[lay.attack + d * lay.air_levels + k] = True
                if u not in cursor.support:
                    mask[lay.support + d] = True
        if rail.capacity(sc, st.side) > st.rail_used[st.side] and rail.refusal(st, u) is None:
            for i in rail.reachable(st, u):
                mask[lay.rail + i] = True
        self._unit_masks[key] = mask
        return mask

    def _enemy_hexes(self, st: Any) -> np.ndarray:
        occ = st.occupant_side()
        return (occ >= 0) & (occ != st.side)

    def attackers(self, target: int, u: int) -> list[int]:
        """The units an attack by `u` on `target` is made with: the supporters still able, then `u`."""
        st, sc = self.game.state, self.scenario
        c = self.cursors[st.side]
        group = []
        for a, t in c.support.items():
            if t == target and a != u and st.active(a) and target in sc.map.neighbors[int(st.unit_hex[a])] and sequence.attack_refusal(st, [a]) is None:
                group.append(a)
        return group + [u]

    def mask_of(self, side: int) -> np.ndarray:
        """The legal-action mask of `side` now (all zero when it is not its turn)."""
        v = (self._version(), tuple(self.cursors[side].done), self.cursors[side].focus, tuple(self.cursors[side].support.items()))
        got = self._masks.get(side)
        if got is not None and got[0] == v:
            return got[1]
        lay = self.layout
        st = self.game.state
        mask = np.zeros(lay.size, dtype=np.int8)
        if not st.over and st.side == side:
            c = self.cursors[side]
            mask[END_PHASE] = 1
            if c.focus is not None:
                mask[:] |= self.unit_mask(c.focus)
                mask[HOLD] = 1
                mask[NEXT] = 1
            rule = self.scenario.rules.model.interdiction
            if sequence.kind(st) in ("movement", "free") and st.air_left[side] >= rule.cost:
                ok = ~self.scenario.rules.impassable[self.scenario.map.terrain] & (st.interdicted != side)
                mask[lay.interdict:] = ok
        self._masks[side] = (v, mask)
        return mask

    # -- acting ------------------------------------------------------------------------
    def decode(self, action: int) -> Order | None:
        """The order an (unmasked) action gives, or None for a cursor-only action."""
        lay, sc = self.layout, self.scenario
        st = self.game.state
        u = self.cursors[st.side].focus
        uid = sc.units[u].id if u is not None else ""
        a = action
        if a == END_PHASE:
            return EndPhase()
        if a in (HOLD, NEXT):
            return None
        if a == ADVANCE:
            return Advance(uid)
        if a == REPLACE:
            return Replace(uid)
        if a < lay.attack:
            return Move(uid, sc.map.hex(a - lay.move))
        if a < lay.support:
            d, k = divmod(a - lay.attack, lay.air_levels)
            assert u is not None
            target = int(sc.map.neighbors[int(st.unit_hex[u]), d])
            return Attack(tuple(sc.units[x].id for x in self.attackers(target, u)), sc.map.hex(target), int(k))
        if a < lay.rail:
            return None
        if a < lay.interdict:
            return Rail(uid, sc.map.hex(a - lay.rail))
        return Interdict(sc.map.hex(a - lay.interdict))

    def check_action(self, action: Any) -> int:
        """The action as an int in the space; IllegalAction('action/out_of_space') otherwise."""
        if isinstance(action, (bool, np.bool_)) or not isinstance(action, (int, np.integer)):
            if isinstance(action, np.ndarray) and action.shape == () and np.issubdtype(action.dtype, np.integer):
                action = int(action)
            else:
                raise IllegalAction("action/out_of_space", f"an action is a whole number in 0..{self.layout.size - 1}, not {action!r}")
        a = int(action)
        if not 0 <= a < self.layout.size:
            raise IllegalAction("action/out_of_space", f"action {a} is outside the action space 0..{self.layout.size - 1}")
        return a

    def act(self, action: Any) -> dict[int, float]:
        """Carry out one action of the active side; the reward of every side.

        A masked action raises IllegalAction (mode 'raise') or earns the penalty (mode
        'penalty'); either way the game is unchanged."""
        a = self.check_action(action)
        st = self.game.state
        if st.over:
            raise IllegalAction("game/over", "the game is over")
        side = st.side
        rewards = {s: self.rewards.step for s in range(len(self.scenario.sides))}
        self.last_events = []
        if not self.mask_of(side)[a]:
            why = IllegalAction("action/masked", f"'{self.layout.describe(a)}' is not allowed now (see the action mask)")
            if self.illegal == "raise":
                raise why
            rewards[side] += self.rewards.illegal
            self.last_illegal = why
            return rewards
        self.last_illegal = None
        c = self.cursors[side]
        before = [self.net_vp(s) for s in range(len(self.scenario.sides))]
        order = self.decode(a)
        if order is None:
            u = c.focus
            assert u is not None
            if a == HOLD:
                c.done.add(u)
                c.support.pop(u, None)
            elif a >= self.layout.support:
                here = int(st.unit_hex[u])
                c.support[u] = int(self.scenario.map.neighbors[here, a - self.layout.support])
            self._settle(c, c.pos + 1)
            return rewards
        try:
            self.last_events = self.game.apply(order)
        except IllegalOrder as exc:          # the mask and the rules disagree: a bug, but never a corrupted game
            if self.illegal == "raise":
                raise IllegalAction(exc.code, exc.message) from exc
            rewards[side] += self.rewards.illegal
            self.last_illegal = IllegalAction(exc.code, exc.message)
            return rewards
        self.after_order(order)
        after = [self.net_vp(s) for s in range(len(self.scenario.sides))]
        for s in rewards:
            rewards[s] += self.rewards.vp * (after[s] - before[s])
        if self.game.over:
            for s, r in self.final_rewards().items():
                rewards[s] += r
        return rewards

    def after_order(self, order: Order) -> None:
        """The cursor after `order` was carried out: an attack uses up its supporters' declarations,
        a unit that moves away drops its own; the focus stays on the unit if it can still act."""
        self.forget_support(order)
        self._sync()

    def forget_support(self, order: Order) -> None:
        """The SUPPORT declarations `order` ends (an attack's supporters, a unit that moved)."""
        c = self.cursors[self.game.state.side] if not self.game.over else None
        if c is not None:
            if isinstance(order, Attack):
                target = self.scenario.map.index(order.target)
                for x in [x for x, t in c.support.items() if t == target]:
                    del c.support[x]
            elif isinstance(order, (Move, Rail)):
                c.support.pop(self.scenario.unit_index[order.unit], None)

    def final_rewards(self) -> dict[int, float]:
        """The result's reward for each side once the game is over (see `Rewards`)."""
        result = self.game.result or {}
        winner = result.get("winner")
        bonus = self.rewards.win * self.rewards.levels.get(str(result.get("level")), 1.0)
        return {s: self.rewards.draw if winner is None else (bonus if sid == winner else -bonus)
                for s, sid in enumerate(self.scenario.side_ids)}

    def play_order(self, order: Order) -> list[tuple[int | None, int]]:
        """How an engine agent's order is given through actions: a list of (unit that must have
        the focus first, or None; action). The focus is brought to a unit with NEXT; an attack by
        several units is SUPPORT by each but the last, then ATTACK. IllegalOrder (the engine's
        own) if the order is refused now; ValueError if it is legal but no action expresses it
        (an attack on several hexes, a move along a chosen path)."""
        trial = self.game.copy()
        trial.apply(order)                     # raises the engine's own IllegalOrder; the game is untouched
        sc, lay = self.scenario, self.layout
        st = self.game.state
        unit = sc.unit_index.get
        if isinstance(order, EndPhase):
            return [(None, END_PHASE)]
        if isinstance(order, Interdict):
            return [(None, lay.interdict + sc.map.index(order.target))]
        if isinstance(order, Move):
            if order.path is not None:
                raise ValueError("a move along a chosen path has no action (moves take the cheapest path)")
            return [(unit(order.unit), lay.move + sc.map.index(order.to))]
        if isinstance(order, Rail):
            return [(unit(order.unit), lay.rail + sc.map.index(order.to))]
        if isinstance(order, Advance):
            return [(unit(order.unit), ADVANCE)]
        if isinstance(order, Replace):
            return [(unit(order.unit), REPLACE)]
        if isinstance(order, Attack):
            if order.also:
                raise ValueError("an attack on several hexes has no action")
            target = sc.map.index(order.target)
            plan: list[tuple[int | None, int]] = []
            for n, uid in enumerate(order.attackers):
                u = sc.unit_index[uid]
                d = [int(x) for x in sc.map.neighbors[int(st.unit_hex[u])]].index(target)
                last = n == len(order.attackers) - 1
                plan.append((u, lay.attack + d * lay.air_levels + int(order.air) if last else lay.support + d))
            return plan
        raise ValueError(f"no action for {order!r}")

    def rebind(self, game: Game) -> None:
        """Follow another game object (a fresh copy of the same game): cursors are kept."""
        self.game = game
        self._score = None
        self._masks.clear()
        self._unit_masks.clear()
        self._views.clear()
        self._sync()

    def observation(self, side: int, fresh_map: bool = False) -> dict[str, np.ndarray]:
        """The observation of `side` (see docs/RL.md): static map planes, changing planes, the
        global vector and the action mask. New arrays every call (callers keep them), but for
        the map planes: the same read-only array each time, or a copy with `fresh_map` (as
        Gymnasium's checker asks for)."""
        ob = self.observers[side]
        return {"map": ob.static.copy() if fresh_map else ob.static, "planes": ob.planes(self), "globals": ob.globals(self),
                "action_mask": self.mask_of(side).copy()}

    def hex_of(self, i: int) -> Hex:
        return self.scenario.map.hex(i)
