"""The sequence of play: the phases of one side's turn, declared in the rule set.

A side's turn is a list of phases (`sequence.phases` in the rule set):

- ``free``: moves and attacks in any order (a unit that attacked may not move again);
- ``movement``: every unit may move, nobody attacks, except an overrun where the rule set
  allows it (a stack of exploiting units attacking at high odds as part of its move);
- ``combat``: attacks and advances after combat, no moves;
- ``exploitation``: only units whose type `exploits` (armour, mechanised, motorised,
  cavalry) move again, with a share of their movement allowance; they attack again only if
  `sequence.exploitation.attacks` says so.

This module answers "may this happen in this phase?" for the game, the AI and the UI; it
changes nothing.
"""
from __future__ import annotations

from engine.errors import IllegalOrder
from engine.state import State

TITLES = {"free": "Movement and combat", "movement": "Movement", "combat": "Combat", "exploitation": "Exploitation"}
HELP = {
    "free": "move and attack in any order",
    "movement": "move your units; attacks come in the combat phase",
    "combat": "attack enemy hexes next to your units; nothing moves",
    "exploitation": "armour, mechanised, motorised and cavalry units move again",
}


def phases(state: State) -> list[str]:
    return list(state.scenario.rules.model.sequence.phases)


def kind(state: State) -> str:
    """The kind of the current phase: free, movement, combat or exploitation."""
    seq = state.scenario.rules.model.sequence.phases
    p = state.phase          # asked several times per order: an index test, not min()
    return seq[p] if p < len(seq) else seq[-1]


def title(state: State) -> str:
    return TITLES[kind(state)]


def moves_allowed(state: State) -> bool:
    return kind(state) != "combat"


def attacks_allowed(state: State) -> bool:
    """May the side attack in this phase (overruns aside)?"""
    k = kind(state)
    return k in ("free", "combat") or (k == "exploitation" and state.scenario.rules.model.sequence.exploitation.attacks)


def overrun_phase(state: State) -> bool:
    return kind(state) == "movement" and state.scenario.rules.model.sequence.overrun.enabled


def movement_share(state: State, u: int) -> float:
    """The share of unit u's movement allowance it has in this phase."""
    k = kind(state)
    if k in ("free", "movement"):
        return 1.0
    if k == "exploitation" and state.scenario.units[u].exploits:
        return float(state.scenario.rules.model.sequence.exploitation.movement)
    return 0.0


def may_move(state: State, u: int) -> bool:
    """Does this phase let unit u move (its movement points and orders aside)?"""
    k = kind(state)
    return k in ("free", "movement") or (k == "exploitation" and state.scenario.units[u].exploits)


def move_refusal(state: State, u: int) -> IllegalOrder | None:
    """Why unit u may not move in this phase (None if the phase lets it)."""
    if may_move(state, u):
        return None
    k = kind(state)
    d = state.scenario.units[u]
    if k == "combat":
        return IllegalOrder("move/wrong_phase", f"{d.name} cannot move in the combat phase: attack, or end the phase")
    return IllegalOrder("move/not_exploiting",
                        f"only armour, mechanised, motorised and cavalry units move in the exploitation phase; {d.name} is {d.type.replace('_', ' ')}")


def attack_refusal(state: State, attackers: list[int]) -> IllegalOrder | None:
    """Why these units may not attack in this phase (None if the phase lets them).

    In a movement phase with overruns enabled an attack is an overrun: `combat` checks its
    stack, movement points and odds (see `overrun_refusal`)."""
    k = kind(state)
    sc = state.scenario
    if k in ("free", "combat"):
        return None
    if k == "movement":
        if sc.rules.model.sequence.overrun.enabled:
            return overrun_refusal(state, attackers)
        return IllegalOrder("attack/wrong_phase", "attacks are made in the combat phase; this is the movement phase")
    if not sc.rules.model.sequence.exploitation.attacks:
        return IllegalOrder("attack/wrong_phase", "this rule set allows no attacks in the exploitation phase")
    for a in attackers:
        if not sc.units[a].exploits:
            return IllegalOrder("attack/not_exploiting",
                                f"only exploiting units attack in the exploitation phase; {sc.units[a].name} is {sc.units[a].type.replace('_', ' ')}")
    return None


def overrun_column(state: State) -> int:
    """The index of the combat table's column an overrun must reach after shifts (0 without a
    table, or with a column the table does not have)."""
    sc = state.scenario
    rule, crt = sc.rules.model.sequence.overrun, sc.rules.combat
    return crt.columns.index(rule.min_column) if crt is not None and rule.min_column in crt.columns else 0


def overrun_refusal(state: State, attackers: list[int]) -> IllegalOrder | None:
    """An overrun: every attacker exploits, they stand in one hex, each has the MP to pay for it."""
    sc = state.scenario
    rule = sc.rules.model.sequence.overrun
    if not attackers:
        return None
    for a in attackers:
        d = sc.units[a]
        if not d.exploits:
            return IllegalOrder("attack/wrong_phase",
                                "only a stack of armour, mechanised or motorised units may overrun in the movement phase; "
                                f"{d.name} is {d.type.replace('_', ' ')}")
    hexes = {int(state.unit_hex[a]) for a in attackers}
    if len(hexes) > 1:
        return IllegalOrder("attack/overrun_stack", "an overrun is made by units of one stack (all in one hex)")
    for a in attackers:
        if mp_before_stop(state, a) + 1e-9 < rule.mp_cost:
            return IllegalOrder("attack/overrun_mp", f"{sc.units[a].name} needs {rule.mp_cost:g} MP left to overrun")
    return None


def mp_before_stop(state: State, u: int) -> float:
    """Movement points left not counting a stop in an enemy zone of control."""
    from engine.movement import mp_allowance

    return max(0.0, mp_allowance(state, u) - float(state.unit_mp_used[u]))
