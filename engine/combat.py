"""Combat: odds, column shifts, the combat results table, losses, retreat, advance.

`preview` is the only place odds are computed: the UI's attack panel, the AI and `Attack`
itself all use it, so what a player is shown is exactly what is applied. Preview draws no
random number; `resolve` rolls one die from the game's generator. `TargetOdds`, for the AI's
many trial groups, gives the same column and verdict from the same parts (`_Defence`,
`_attacker_shifts`, `_river_shift`, `_attacker_refusal`) without the descriptions
(tests/test_combat.py compares the two).
"""
from __future__ import annotations

import bisect
import math
import sys
from dataclasses import dataclass, field
from typing import Callable, Iterable, NamedTuple

import numpy as np

from engine import entrenchment, minefields, movement, rivers
from engine.errors import IllegalOrder
from engine.events import Event
from engine.state import ACTIVE, ISOLATED, SUPPLIED, State, Status

MakeEvent = Callable[..., Event]
NOT_ON_MAP = {Status.PENDING: "has not arrived yet", Status.ELIMINATED: "has been eliminated", Status.WITHDRAWN: "has been withdrawn"}


@dataclass(frozen=True)
class Shift:
    """One column shift and why: positive helps the attacker."""

    reason: str
    shift: int


@dataclass(frozen=True)
class Preview:
    attackers: tuple[int, ...]
    defenders: tuple[int, ...]
    target: int
    attack: float
    defence: float
    ratio: float
    base_column: int                 # column the odds round down to, counted on past the table's ends (-1: 1:4 ...)
    column: int                      # after shifts, clamped to the table
    column_name: str
    shifts: tuple[Shift, ...]
    air: int
    probabilities: dict[str, float]  # result code -> probability
    results: tuple[str, ...]         # result code per die roll (roll 1 first)
    descriptions: dict[str, str] = field(default_factory=dict)
    allowed: bool = True
    reason: str = ""
    defence_air: int = 0             # air points the defending side spends against this attack
    code: str = ""                   # the refusal's IllegalOrder code when not allowed
    base_column_name: str = ""       # the base column as a player reads it, also past the table ('1:5', '8:1')
    also: tuple[int, ...] = ()       # further defending hexes of a multi-hex attack (`combat.multi_hex`)

    @property
    def odds(self) -> str:
        """The ratio as a player reads it: '3.2:1' or '1:1.5'."""
        if self.defence <= 0:
            return "auto"
        r = self.ratio
        return f"{r:.1f}:1" if r >= 1 else f"1:{1 / r:.1f}" if r > 0 else "0:1"

    @property
    def total_shift(self) -> int:
        return sum(s.shift for s in self.shifts)


def _crt(state: State):
    combat = state.scenario.rules.combat
    if combat is None:
        raise IllegalOrder("attack/no_crt", "this rule set has no combat results table")
    return combat


def attack_strength(state: State, u: int) -> float:
    value = state.attack_of(u)
    if state.unit_supply[u] != SUPPLIED:
        value *= state.scenario.rules.model.supply.out_of_supply_attack
    return value


def attack_strengths(state: State) -> np.ndarray:
    """float [units]: `attack_strength` of every unit at once."""
    value = state.attack_factors()
    return np.where(state.unit_supply != SUPPLIED, value * state.scenario.rules.model.supply.out_of_supply_attack, value)


def _river_shifts(state: State, attackers: tuple[int, ...], hexes: tuple[int, ...]) -> list[tuple[int, str]]:
    """The river shift of each attacker against the hexes attacked that it touches: across a
    river only if every one of them lies across one (the mildest of those rivers counts). A river
    counts if it flows there now (a frozen river is none: `engine.rivers`)."""
    sc = state.scenario
    river_minor, river_major = rivers.masks(sc, state.turn, state.weather)
    hs = sc.rules.model.hexsides
    nbr = sc.map.neighbors
    out = []
    for a in attackers:
        h = int(state.unit_hex[a])
        out.append(_river_shift(nbr[h].tolist(), int(river_minor[h]), int(river_major[h]), hexes, hs))
    return out


def _river_shift(row: list[int], minor: int, major: int, hexes: tuple[int, ...], hs) -> tuple[int, str]:
    """The river shift of one attacker whose hex has the neighbours `row` and the river hexside
    bits `minor` and `major` (see `_river_shifts`)."""
    shifts = []
    for h in hexes:
        if h not in row:
            continue
        bit = 1 << row.index(h)
        if major & bit:
            shifts.append((hs.river_major.attack_shift, "major river"))
        elif minor & bit:
            shifts.append((hs.river_minor.attack_shift, "minor river"))
        else:
            return 0, ""
    return max(shifts) if shifts and all(s < 0 for s, _ in shifts) else (0, "")


def preview(state: State, attackers: Iterable[int], target: int, air: int = 0, also: Iterable[int] = ()) -> Preview:
    """Everything about an attack before the die is rolled (no RNG used); `allowed` is False,
    with the reason `check` would give, when the attack breaks a rule.

    `also`: further defending hexes attacked at once, where the rule set allows it
    (`combat.multi_hex`); the defence is then that of every hex, with the best ground of them."""
    sc = state.scenario
    crt = _crt(state)
    rules = sc.rules
    attackers = tuple(map(int, attackers))
    also = tuple(map(int, also))
    hexes = (target,) + also
    side = sc.units[attackers[0]].side if attackers else state.side
    part = _Defence(state, side, hexes, bool(attackers))
    defenders = part.defenders
    attack = sum(attack_strength(state, a) for a in attackers)
    defence = part.defence
    ratio = attack / defence if defence > 0 else float("inf")
    found = list(part.before)
    if attackers:
        found += _attacker_shifts(crt, part, _river_shifts(state, attackers, hexes), any(state.unit_supply[a] != SUPPLIED for a in attackers),
                                  any(sc.units[a].armour for a in attackers))
    found += part.supply
    if air and crt.air_point_shift:
        found.append((f"air support ({air} air point{'s' if air != 1 else ''})", air * crt.air_point_shift))
    found += part.after
    defence_air = part.defence_air
    shifts = [Shift(reason, shift) for reason, shift in found]
    total = sum(s.shift for s in shifts)
    n_cols = len(rules.odds)
    refused = refusal(state, attackers, defenders, target, air, also)
    if defence <= 0:
        base = column = n_cols - 1
    else:
        base = column_index(rules.odds, ratio)
        column = base + total
        if column < 0 and refused is None:
            reached = f"reach column {column_label(crt.columns, rules.odds, column)} after shifts ({total:+d}), " if total else "are "
            refused = ("attack/odds_too_low", f"odds of {_ratio_text(ratio)} (column {column_label(crt.columns, rules.odds, base)}) "
                                              f"{reached}below the lowest column ({crt.columns[0]})")
        column = min(max(column, 0), n_cols - 1)
    results, probs, descriptions = _column_results(sc, crt, column)
    code, reason = refused or ("", "")
    return Preview(attackers, defenders, target, attack, defence, ratio, base, column, crt.columns[column], tuple(shifts),
                   air, dict(probs), results, dict(descriptions), refused is None, reason, defence_air,
                   code, column_label(crt.columns, rules.odds, base), also)


class _Defence:
    """The part of an attack by `side` on `hexes` that the attackers do not change, as `preview`
    works it out: the defenders, their defence and the column shifts of the ground and the
    defenders (`before` the attackers' shifts; `supply` after them; `after` the air support),
    each as (reason, shift) in preview's order. `attacked`: False for an attack with no
    attackers named (no defenders then)."""

    __slots__ = ("defenders", "defence", "before", "supply", "after", "defence_air", "terrain", "hexes", "rules", "terrain_of", "is_open")

    def __init__(self, state: State, side: int, hexes: tuple[int, ...], attacked: bool = True) -> None:
        sc = state.scenario
        crt = _crt(state)
        rules = sc.rules
        units = sc.units
        target, also = hexes[0], hexes[1:]
        self.defenders = defenders = tuple(u for h in hexes for u in state.units_at(h) if units[u].side != side) if attacked else ()
        self.defence = sum(state.defence_of(d) for d in defenders)
        before: list[tuple[str, int]] = []
        self.before = before
        ground = min(hexes, key=lambda h: (int(rules.defence_shift[sc.map.terrain[h]]), h)) if also else target    # the defender's best ground
        self.terrain = terrain = rules.terrain_names[sc.map.terrain[ground]]
        t_shift = int(rules.defence_shift[sc.map.terrain[ground]])
        if t_shift:
            before.append((f"defender in {terrain}", t_shift))
        fort_hex = max(hexes, key=lambda h: (int(sc.map.fort[h]), -h)) if also else target
        fort = int(sc.map.fort[fort_hex])
        if fort and crt.fortification_shift_per_level:
            before.append((f"fortifications (level {fort})", fort * crt.fortification_shift_per_level))
        dug, dug_reason = entrenchment.shift(state, defenders, fort_hex)
        if dug:
            before.append((dug_reason, dug))
        mined = minefields.shift(state, defenders, hexes)
        if mined:
            before.append(("defender behind a minefield", mined))
        self.hexes, self.rules, self.terrain_of = hexes, rules, sc.map.terrain
        self.is_open: bool | None = None
        self.supply: list[tuple[str, int]] = []
        if defenders:
            if any(state.unit_supply[d] == ISOLATED for d in defenders) and crt.defender_isolated_shift:
                self.supply.append(("defender isolated", crt.defender_isolated_shift))
            elif any(state.unit_supply[d] != SUPPLIED for d in defenders) and crt.defender_out_of_supply_shift:
                self.supply.append(("defender out of supply", crt.defender_out_of_supply_shift))
        after: list[tuple[str, int]] = []
        self.after = after
        self.defence_air = defence_air = 0
        if defenders and crt.defensive_air and crt.air_point_shift:
            defending_side = units[defenders[0]].side
            self.defence_air = defence_air = max(0, min(int(state.air_left[defending_side]), crt.max_air_points_per_attack))
            if defence_air:
                after.append((f"enemy air support in defence ({defence_air} air point{'s' if defence_air != 1 else ''})",
                              -defence_air * crt.air_point_shift))
        weather = rules.model.weather.get(state.weather)
        if weather is not None and weather.attack_shift:
            after.append((state.weather, weather.attack_shift))
        naval = min(_naval_shift(state, side, h) for h in hexes) if attacked and _naval_rules(sc, side) else 0
        if naval:
            after.append(("naval gunfire support", naval))

    def open(self) -> bool:
        """Is every hex attacked open ground (where armour attacking gets its shift)? Asked only
        of an attack with armour in it."""
        if self.is_open is None:
            self.is_open = all(self.rules.open_ground[self.terrain_of[h]] for h in self.hexes)
        return self.is_open


def _attacker_shifts(crt, part: _Defence, river: list[tuple[int, str]], out_of_supply: bool, armour: bool) -> list[tuple[str, int]]:
    """The column shifts the attackers bring, as (reason, shift): across a river when each of them
    attacks across one (`river`: their shifts, from `_river_shifts`), out of supply when one of
    them is, armour in open terrain when one of them is armour."""
    out = []
    if all(s < 0 for s, _ in river):
        best = max(river)
        out.append((f"attacking across a {best[1]}", best[0]))
    if out_of_supply and crt.attacker_out_of_supply_shift:
        out.append(("attacker out of supply", crt.attacker_out_of_supply_shift))
    if armour and crt.armour_open_shift and part.open():
        out.append((f"armour attacking in open terrain ({part.terrain})", crt.armour_open_shift))
    return out


class Odds(NamedTuple):
    """What `preview` says of an attack, as far as the AI weighs it (`TargetOdds`)."""

    attackers: tuple[int, ...]
    defenders: tuple[int, ...]
    target: int
    column: int
    probabilities: dict[str, float]     # shared with the scenario's table: not to be changed
    allowed: bool


class TargetOdds:
    """Attacks on one hex by groups of `side`'s units, in a state that stays as it is while this
    is kept, each attacker from a hex of its own (where it stands or one it could move to): the
    AI tries many groups. `of` gives the column, results and verdict `preview` would give with the
    attackers in those hexes, from the defender's part (`_Defence`) worked out once and each
    attacker's part once per hex, without the descriptions."""

    def __init__(self, state: State, side: int, target: int) -> None:
        self.state = state
        self.target = target
        self.crt = crt = _crt(state)
        self.part = part = _Defence(state, side, (target,))
        self.fixed = sum(s for _, s in part.before) + sum(s for _, s in part.supply) + sum(s for _, s in part.after)
        self.refused = state.over or _target_refusal(state, part.defenders, target, 0) is not None
        self.limit = crt.max_air_points_per_attack
        self.masks = rivers.masks(state.scenario, state.turn, state.weather)
        self.units: dict[tuple[int, int], tuple[float, int, bool, bool, bool]] = {}

    def _unit(self, a: int, h: int) -> tuple[float, int, bool, bool, bool]:
        """Attacker `a` in hex `h`: its attack strength, river shift, whether it is out of supply,
        whether it is armour, and whether it may attack the hex from there."""
        state, target = self.state, self.target
        sc = state.scenario
        row = sc.map.neighbors[h].tolist()
        minor, major = self.masks
        river = _river_shift(row, int(minor[h]), int(major[h]), (target,), sc.rules.model.hexsides)[0]
        ok = _attacker_refusal(state, a, row, {target}, target, ()) is None
        got = self.units[(a, h)] = (attack_strength(state, a), river, state.unit_supply[a] != SUPPLIED, sc.units[a].armour, ok)
        return got

    def of(self, attackers: list[int], hexes: list[int], air: int = 0) -> Odds:
        """The attack by `attackers`, each from its hex in `hexes`, with `air` air points."""
        state, crt = self.state, self.crt
        sc = state.scenario
        rules = sc.rules
        part = self.part
        units = self.units
        terms = [units.get((a, h)) or self._unit(a, h) for a, h in zip(attackers, hexes)]
        attack = sum(t[0] for t in terms)
        total = self.fixed
        if terms:
            total += sum(s for _, s in _attacker_shifts(crt, part, [(t[1], "") for t in terms], any(t[2] for t in terms),
                                                        any(t[3] for t in terms)))
        if air and crt.air_point_shift:
            total += air * crt.air_point_shift
        allowed = bool(terms) and not self.refused and air <= self.limit and all(t[4] for t in terms)
        n_cols = len(rules.odds)
        defence = part.defence
        if defence <= 0:
            column = n_cols - 1
        else:
            column = column_index(rules.odds, attack / defence) + total
            if column < 0:
                allowed = False
            column = min(max(column, 0), n_cols - 1)
        return Odds(tuple(attackers), part.defenders, self.target, column, _column_results(sc, crt, column)[1], allowed)


def _column_results(sc, crt, column: int) -> tuple[tuple[str, ...], dict[str, float], dict[str, str]]:
    """The results of one column of the scenario's table `crt`: the code of each die roll (roll 1
    first), each code's chance and its description; kept on the scenario (a preview hands out
    copies)."""
    memo = sc.__dict__.setdefault("_crt_columns", {})
    got = memo.get(column)
    if got is None:
        results = tuple(crt.table[roll][column] for roll in range(1, crt.die + 1))
        probs: dict[str, float] = {}
        for code in results:
            probs[code] = probs.get(code, 0.0) + 1.0 / crt.die
        got = memo[column] = (results, probs, {c: crt.results[c].description for c in probs})
    return got


def refusal(state: State, attackers: tuple[int, ...], defenders: tuple[int, ...], target: int, air: int,
            also: tuple[int, ...] = ()) -> tuple[str, str] | None:
    """The first rule an attack breaks, as (code, message), odds and the side's air budget aside;
    `preview` asks it, so a preview is refused exactly when `check` would refuse the attack."""
    sc = state.scenario
    m = sc.map
    if state.over:
        return "game/over", "the game is over"
    if not attackers:
        return "attack/no_attackers", "name at least one attacking unit"
    if also:
        refused = _multi_hex_refusal(state, attackers, target, also)
        if refused is not None:
            return refused
    hexes = {target, *also}
    for a in attackers:
        refused = _attacker_refusal(state, a, m.neighbors[int(state.unit_hex[a])].tolist(), hexes, target, also)
        if refused is not None:
            return refused
    return _target_refusal(state, defenders, target, air)


def _attacker_refusal(state: State, a: int, row: list[int], hexes: set[int], target: int, also: tuple[int, ...]) -> tuple[str, str] | None:
    """The first rule unit `a` breaks as an attacker of `hexes`, from a hex whose neighbours are `row`."""
    d = state.scenario.units[a]
    if not state.active(a):
        return "attack/not_on_map", f"{d.name} {NOT_ON_MAP[Status(int(state.unit_status[a]))]}"
    if state.unit_attacked[a]:
        return "attack/already_attacked", f"{d.name} has already attacked this phase"
    if state.unit_railed[a]:
        return "attack/railed", f"{d.name} travelled by rail this turn and does not attack"
    if attack_strength(state, a) <= 0:
        return "attack/no_strength", f"{d.name} has no attack strength" + (" out of supply" if state.attack_of(a) > 0 else "")
    if not hexes & set(row):
        return "attack/not_adjacent", f"{d.name} is not next to {state.scenario.map.place(target)}" + (" or the other hexes attacked" if also else "")
    return None


def _target_refusal(state: State, defenders: tuple[int, ...], target: int, air: int) -> tuple[str, str] | None:
    """The first rule an attack breaks by its defenders (none, or attacked already) or its air support."""
    sc = state.scenario
    m = sc.map
    if not defenders:
        own = state.units_at(target)
        return "attack/no_enemy", f"there is no enemy unit in {m.place(target)}" + (" (your own units are there)" if own else "")
    defended = [sc.units[d].name for d in defenders if state.unit_defended[d]]
    if defended:
        return ("attack/already_defended", f"{', '.join(defended)} in {m.place(target)} {'has' if len(defended) == 1 else 'have'} "
                                           "already been attacked this phase; a hex is attacked at most once a phase")
    limit = _crt(state).max_air_points_per_attack
    if air > limit:
        return "attack/too_much_air", f"at most {limit} air points may support one attack"
    return None


def _multi_hex_refusal(state: State, attackers: tuple[int, ...], target: int, also: tuple[int, ...]) -> tuple[str, str] | None:
    """One attack on several hexes: allowed by the rule set, each hex distinct, held by the enemy
    and next to one of the attackers."""
    sc = state.scenario
    m = sc.map
    if not _crt(state).multi_hex:
        return "attack/multi_hex", "this rule set allows one defending hex per attack"
    if any(h < 0 for h in also):
        return "attack/off_map", "a hex attacked is off the map"
    if len({target, *also}) != len(also) + 1:
        return "attack/duplicate", "a hex is named twice among the hexes attacked"
    side = sc.units[attackers[0]].side
    around = {int(j) for a in attackers if state.active(a) for j in m.neighbors[int(state.unit_hex[a])]}
    if target not in around:
        return "attack/not_adjacent", f"no attacker is next to {m.place(target)}"
    for h in also:
        if not any(sc.units[u].side != side for u in state.units_at(h)):
            return "attack/no_enemy", f"there is no enemy unit in {m.place(h)}"
        if h not in around:
            return "attack/not_adjacent", f"no attacker is next to {m.place(h)}"
    return None


def column_index(odds: tuple[float, ...], ratio: float) -> int:
    """The column a ratio rounds down to (in the defender's favour), counted on past the table's
    ends: below the lowest column one more column for each whole 1:n (1:4, 1:5 ... under 1:3), above
    the highest one more for each whole n:1 (7:1, 8:1 ... over 6:1). 0:1 is below every column."""
    eps = 1e-9
    if ratio + eps < odds[0]:
        return math.floor(1 / odds[0] + eps) - math.ceil(1 / ratio - eps) if ratio > 0 else -sys.maxsize
    if ratio + eps >= odds[-1]:
        return len(odds) - 1 + math.floor(ratio + eps) - math.floor(odds[-1] + eps)
    return bisect.bisect_right(odds, ratio + eps) - 1


def column_label(columns: list[str], odds: tuple[float, ...], index: int) -> str:
    """A column's name, also past the table's ends ('1:5', '8:1'; see `column_index`)."""
    if index < 0:
        return f"1:{math.floor(1 / odds[0] + 1e-9) - index}" if index > -sys.maxsize else "0:1"
    if index >= len(columns):
        return f"{math.floor(odds[-1] + 1e-9) + index - len(columns) + 1}:1"
    return columns[index]


def _ratio_text(r: float) -> str:
    return f"{r:.1f}:1" if r >= 1 else f"1:{1 / r:.1f}" if r > 0 else "0:1"


def _naval_rules(sc, side: int) -> list:
    """The scenario's naval gunfire rules for `side` (kept on the scenario)."""
    table = sc.__dict__.setdefault("_naval_rules", {})
    got = table.get(side)
    if got is None:
        got = table[side] = [r for r in sc.model.special_rules if r.rule == "naval_gunfire" and sc.side_ids.index(r.side) == side]
    return got


def _naval_shift(state: State, side: int, target: int) -> int:
    """The naval gunfire shift of an attack by `side` on `target`."""
    sc = state.scenario
    inland = int(_sea_distance(sc)[target])     # 1 = coastal; 0 = sea; -1 = no sea on the map
    if inland < 1:
        return 0
    shift = 0
    for rule in _naval_rules(sc, side):
        if state.turn <= rule.until_turn and inland <= rule.range:
            shift = max(shift, rule.shift)
    return shift


def _sea_distance(sc) -> np.ndarray:
    """int32 [N]: hexes from each hex to the nearest hex of terrain flagged `sea` (-1: no sea on the map)."""
    cached = getattr(sc, "_sea_distance", None)
    if cached is None:
        from engine import kernels

        m, rules = sc.map, sc.rules
        sea = np.array([rules.model.terrain[t].sea for t in rules.terrain_names], dtype=bool)[m.terrain]
        everywhere = np.ones(m.size, dtype=bool)
        cached = np.empty(m.size, np.int32)
        kernels.bfs_steps(np.flatnonzero(sea).astype(np.int32), m.neighbors, everywhere, ~everywhere, cached)
        sc._sea_distance = cached
    return cached


def check(state: State, attackers: list[int], target: int, air: int, also: tuple[int, ...] = ()) -> Preview:
    """Every rule an attack can break, checked before anything changes: the preview's refusals,
    then the side's air points left."""
    plan = preview(state, attackers, target, air, also)
    if not plan.allowed:
        raise IllegalOrder(plan.code, plan.reason)
    left = state.air_left[state.side]
    if air > left:
        raise IllegalOrder("attack/no_air", f"{air} air points asked; {left} left this turn")
    return plan


def attack_options(state: State, side: int) -> dict[int, list[int]]:
    """Each enemy-held hex next to a ready unit of `side` -> the ready units next to it."""
    sc = state.scenario
    nbr = sc.map.neighbors
    sides = state.unit_sides()
    ready = np.flatnonzero((state.unit_status == ACTIVE) & (sides == side) & ~state.unit_attacked & (state.attack_factors() > 0))
    enemy = movement.enemy_occupied(state, side)
    around = nbr[state.unit_hex[ready]]                       # [ready units, 6]
    next_to = (around >= 0) & enemy[np.maximum(around, 0)]
    options: dict[int, list[int]] = {}
    for r, k in zip(*np.nonzero(next_to)):                    # each unit in turn, its neighbours in order
        options.setdefault(int(around[r, k]), []).append(int(ready[r]))
    return {t: options[t] for t in sorted(options)}


# -- resolution ---------------------------------------------------------------------------
def resolve(state: State, plan: Preview, event: MakeEvent) -> list[Event]:
    """Roll the die and apply the result of a checked attack."""
    sc = state.scenario
    crt = _crt(state)
    side = state.side
    roll = int(state.rng.integers(1, crt.die + 1))
    code = plan.results[roll - 1]
    res = crt.results[code]
    state.air_left[side] -= plan.air
    if plan.defence_air:
        state.air_left[sc.units[plan.defenders[0]].side] -= plan.defence_air
    for a in plan.attackers:
        state.unit_attacked[a] = True
    for d in plan.defenders:
        state.unit_defended[d] = True
    m = sc.map
    events = [event("combat", attackers=[sc.units[a].id for a in plan.attackers], defenders=[sc.units[d].id for d in plan.defenders],
                    target=m.hex_id(plan.target), odds=plan.odds, column=plan.column_name,
                    shifts=[[s.reason, s.shift] for s in plan.shifts], roll=roll, result=code, description=res.description,
                    air=plan.air, defence_air=plan.defence_air)]
    attackers = list(plan.attackers)
    defenders = list(plan.defenders)
    def_before = sum(int(state.unit_steps[d]) for d in defenders)
    spared: set[int] = set()        # last steps kept by retreating farther (`last_step_retreat`)
    if res.defender_eliminated:
        for d in defenders:
            events += _lose(state, d, int(state.unit_steps[d]), event, "combat")
    elif res.defender_steps:
        events += _distribute(state, defenders, res.defender_steps, event, spared if _spares(crt, res) else None)
    def_lost = def_before - sum(int(state.unit_steps[d]) for d in defenders)
    if res.exchange:
        for d in defenders:
            if state.unit_steps[d] > 0:
                def_lost += int(state.unit_steps[d])
                events += _lose(state, d, int(state.unit_steps[d]), event, "combat")
        events += _distribute(state, attackers, max(1, def_lost), event)
    if res.attacker_eliminated:
        for a in attackers:
            events += _lose(state, a, int(state.unit_steps[a]), event, "combat")
    elif res.attacker_steps:
        events += _distribute(state, attackers, res.attacker_steps, event)
    attacker_hexes = [int(state.unit_hex[a]) for a in plan.attackers]
    if res.defender_retreat:
        for d in defenders:
            if state.unit_status[d] == ACTIVE:
                events += retreat(state, d, res.defender_retreat + (d in spared), attacker_hexes, event, kept_step=d in spared)
    if res.attacker_retreat:
        for a in attackers:
            if state.unit_status[a] == ACTIVE:
                events += retreat(state, a, res.attacker_retreat, [plan.target, *plan.also], event)
    # advance into the first emptied hex attacked (the main target first), by the attackers next to it
    # that may enter it (a unit standing fast stays inside its area, as when it moves)
    from engine import standfast

    for h in (plan.target, *plan.also):
        if state.units_at(h):
            continue
        survivors = tuple(a for a in plan.attackers if state.unit_status[a] == ACTIVE and int(state.unit_hex[a]) in attacker_hexes
                          and h in m.neighbors[int(state.unit_hex[a])] and standfast.may_enter(state, a, h))
        if survivors:
            state.advance = (h, survivors)
            break
    return events


def _next_loss(units: list[int], steps: dict[int, int]) -> int | None:
    """The unit that takes the next step loss: the one with the most steps left (first named on ties)."""
    alive = [u for u in units if steps[u] > 0]
    if not alive:
        return None
    return max(alive, key=lambda x: (steps[x], -units.index(x)))


def _distribute(state: State, units: list[int], steps: int, event: MakeEvent, spared: set[int] | None = None) -> list[Event]:
    """Take `steps` losses, each from the unit `_next_loss` names. With `spared` (a result that
    spares last steps, `combat.last_step_retreat`) a unit down to its last step keeps it and is
    added to `spared`; the loss is not passed on (`_lose_steps` chooses, this applies)."""
    left = {u: int(state.unit_steps[u]) if state.unit_status[u] == ACTIVE else 0 for u in units}
    taken, kept = _lose_steps(units, steps, left, spare_last=spared is not None)
    if spared is not None:
        spared |= kept
    events: list[Event] = []
    for u in taken:
        events += _lose(state, u, 1, event, "combat")
    return events


def _lose_steps(units: list[int], n: int, steps: dict[int, int], spare_last: bool = False) -> tuple[list[int], set[int]]:
    """Take `n` step losses in `steps` (unit -> steps left), each from the unit `_next_loss`
    names; returns the units in the order they lost a step, and the spared ones. With
    `spare_last` (the defender of a result that also retreats it, under
    `combat.last_step_retreat`) a unit down to its last step keeps it and is returned among the
    units that retreat one hex farther; the loss is not passed on to another unit."""
    taken: list[int] = []
    spared: set[int] = set()
    for _ in range(n):
        u = _next_loss(units, {k: (0 if k in spared else v) for k, v in steps.items()} if spared else steps)
        if u is None:
            break
        if spare_last and steps[u] == 1:
            spared.add(u)
            continue
        steps[u] -= 1
        taken.append(u)
    return taken, spared


def defender_steps_lost(state: State, defenders: Iterable[int], code: str) -> int:
    """The steps the defenders lose to result `code` before any retreat (a blocked retreat may
    cost more): all of them to an elimination or an exchange, else the result's step losses as
    `resolve` takes them (under `combat.last_step_retreat` a unit's last step is kept when the
    result also retreats the defender and costs it few enough steps)."""
    crt = _crt(state)
    res = crt.results[code]
    units = list(defenders)
    steps = {d: int(state.unit_steps[d]) for d in units}
    before = sum(steps.values())
    if res.defender_eliminated or res.exchange:
        return before
    _lose_steps(units, res.defender_steps, steps, spare_last=_spares(crt, res))
    return before - sum(steps.values())


def _spares(crt, res) -> bool:
    """Does the result spare a defender's last step (`combat.last_step_retreat`)? Only one that
    retreats the defender and costs it no more steps than the rule's figure."""
    return bool(res.defender_retreat) and not res.defender_eliminated and 0 < res.defender_steps <= crt.last_step_retreat


def eliminations(state: State, plan: Preview) -> dict[str, tuple[tuple[int, ...], tuple[int, ...]]]:
    """For each result the attack may have, the (attackers, defenders) its step losses eliminate,
    before any retreat (a blocked retreat may cost more). No die is rolled."""
    crt = _crt(state)
    out: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {}
    for code in dict.fromkeys(plan.results):
        res = crt.results[code]
        steps = {u: int(state.unit_steps[u]) for u in (*plan.attackers, *plan.defenders)}
        attackers, defenders = list(plan.attackers), list(plan.defenders)
        before = sum(steps[d] for d in defenders)

        if res.defender_eliminated:
            for d in defenders:
                steps[d] = 0
        elif res.defender_steps:
            _lose_steps(defenders, res.defender_steps, steps, spare_last=_spares(crt, res))
        if res.exchange:
            lost = before
            for d in defenders:
                steps[d] = 0
            _lose_steps(attackers, max(1, lost), steps)
        if res.attacker_eliminated:
            for a in attackers:
                steps[a] = 0
        elif res.attacker_steps:
            _lose_steps(attackers, res.attacker_steps, steps)
        out[code] = (tuple(a for a in attackers if steps[a] <= 0), tuple(d for d in defenders if steps[d] <= 0))
    return out


def _lose(state: State, u: int, steps: int, event: MakeEvent, cause: str) -> list[Event]:
    from engine.supply import lose_steps

    return lose_steps(state, u, steps, event, cause)


def retreat(state: State, u: int, hexes: int, away_from: list[int], event: MakeEvent, kept_step: bool = False) -> list[Event]:
    """Move a unit `hexes` hexes away from `away_from`; one that cannot go the whole way loses a
    step (or is eliminated: `combat.failed_retreat`). `kept_step`: the retreat is one hex longer
    because the unit kept its last step (`combat.last_step_retreat`); the event says so."""
    from engine import standfast, supply

    sc = state.scenario
    m = sc.map
    d = sc.units[u]
    side = d.side
    crt = _crt(state)
    path = _retreat_path(state, u, hexes, away_from)
    short = hexes - (len(path) - 1)
    events: list[Event] = []
    if len(path) > 1:
        state.unit_hex[u] = path[-1]
        state.unit_dug_hex[u] = -1
        extra = {"kept_last_step": True} if kept_step and short <= 0 else {}
        events.append(event("unit_retreated", unit=d.id, path=m.hex_ids(path), **extra))
        events += supply.take_control(state, path[1:], side, event)   # moving through a hex takes it
    if short > 0:
        reason = "it is ordered to stand fast" if standfast.holds(state, u) else "no hex to retreat into"
        events.append(event("retreat_blocked", unit=d.id, hexes=short, reason=reason))
        if crt.failed_retreat == "eliminate":
            events += _lose(state, u, int(state.unit_steps[u]), event, "retreat")
        else:
            events += _lose(state, u, 1, event, "retreat")      # the rule: one extra step, however short
    return events


def _retreat_path(state: State, u: int, hexes: int, away_from: list[int]) -> list[int]:
    """The hexes of unit u's retreat, its own first: of all the paths the rules allow, the longest
    (`hexes` long if any is), the owner's preferred among those (`combat.retreat_preference`,
    compared hex by hex from the first, then the lowest hex index). Each hex is further from every
    attacker than the one before, holds no enemy, is in no enemy ZOC unless a friend is there, is
    passable and inside a stand-fast area; the path ends where the stacking limit leaves room."""
    from engine import standfast

    sc = state.scenario
    m = sc.map
    side = sc.units[u].side
    enemy = movement.enemy_occupied(state, side)
    zoc = movement.zoc_layer(state, side)
    stacks = state.stack_counts(side)
    passable = ~sc.rules.impassable[m.terrain]
    limit = sc.rules.model.stacking.max_units
    bound = standfast.limit(state, u) if standfast.holds(state, u) else None    # a boundary binds no retreat
    area = bound[0] if bound else None
    attackers = np.asarray(away_from, dtype=np.int64)
    key = _retreat_key(state, side, stacks)
    start = int(state.unit_hex[u])
    best: tuple[int, list] = (0, [])          # (-length, keys of its hexes), smallest wins
    best_path = [start]

    def walk(path: list[int], keys: list, here: int) -> None:
        nonlocal best, best_path
        if len(path) > 1 and stacks[path[-1]] < limit and (-(len(path) - 1), keys) < best:
            best, best_path = (-(len(path) - 1), keys), path
        if len(path) > hexes:
            return
        for j in m.neighbors[path[-1]]:
            j = int(j)
            if j < 0 or not passable[j] or enemy[j] or (zoc[j] and stacks[j] == 0) or (area is not None and j not in area):
                continue
            there = _distance(m, attackers, j)
            if there > here:
                walk(path + [j], keys + [key(j)], there)

    walk([start], [], _distance(m, attackers, start))
    return best_path


def _retreat_key(state: State, side: int, stacks: np.ndarray) -> Callable[[int], tuple]:
    """Hex -> how the owner ranks it as a retreat hex (smaller is better), from the rule set's
    `combat.retreat_preference`, the hex index last."""
    from engine import supply

    sc = state.scenario
    m = sc.map
    sources = np.array([h for h, _ in supply.active_sources(state, side)], dtype=np.int64)
    shift = sc.rules.defence_shift
    criteria = {
        "friendly_control": lambda j: bool(state.control[j] != side),
        "fewer_units": lambda j: int(stacks[j]),
        "toward_supply": lambda j: _distance(m, sources, j),
        "defensive_terrain": lambda j: int(shift[m.terrain[j]]),
    }
    chosen = [criteria[name] for name in _crt(state).retreat_preference]
    return lambda j: tuple(f(j) for f in chosen) + (j,)


def _distance(m, hexes: np.ndarray, i: int) -> int:
    """Hexes from i to the nearest of `hexes` (0 when there are none)."""
    if not len(hexes):
        return 0
    dq, dr = m.q[hexes] - m.q[i], m.r[hexes] - m.r[i]
    return int(np.min((np.abs(dq) + np.abs(dr) + np.abs(dq + dr)) // 2))
