"""Orders as plain, frozen data: the same objects from the UI, the AI, replays and scripts.

An order carries every choice that affects its outcome (a move may name its path; an
attack names its attackers and the air points it spends), so a replay never goes out of
sync. Orders are checked before anything changes: see `Game.apply`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Union

from engine.hexgrid import Hex


@dataclass(frozen=True)
class Move:
    """Move `unit` to hex `to`, along `path` if given (else the cheapest path)."""

    unit: str
    to: Hex
    path: tuple[Hex, ...] | None = None


@dataclass(frozen=True)
class Attack:
    """Units adjacent to `target` attack every enemy unit in it, spending `air` air points."""

    attackers: tuple[str, ...]
    target: Hex
    air: int = 0
    also: tuple[Hex, ...] = ()     # further defending hexes attacked at once (rule set: combat.multi_hex)


@dataclass(frozen=True)
class Advance:
    """After a combat that emptied the target hex, one attacker moves into it."""

    unit: str


@dataclass(frozen=True)
class Replace:
    """Spend one replacement point to give `unit` one step back."""

    unit: str


@dataclass(frozen=True)
class Rail:
    """Strategic rail movement: `unit` travels by train to hex `to` (its whole turn)."""

    unit: str
    to: Hex


@dataclass(frozen=True)
class Interdict:
    """Spend air points to interdict enemy movement through hex `target` until the side's next turn."""

    target: Hex


@dataclass(frozen=True)
class EndPhase:
    """The active side is done for this phase."""


Order = Union[Move, Attack, Advance, Replace, Rail, Interdict, EndPhase]


def order_to_json(order: Order, hex_id) -> dict[str, Any]:
    """The order as JSON data, hexes written as ids (`hex_id(Hex) -> str`)."""
    if isinstance(order, Move):
        out: dict[str, Any] = {"type": "move", "unit": order.unit, "to": hex_id(order.to)}
        if order.path is not None:
            out["path"] = [hex_id(h) for h in order.path]
        return out
    if isinstance(order, Attack):
        out = {"type": "attack", "attackers": list(order.attackers), "target": hex_id(order.target), "air": order.air}
        if order.also:
            out["also"] = [hex_id(h) for h in order.also]
        return out
    if isinstance(order, Advance):
        return {"type": "advance", "unit": order.unit}
    if isinstance(order, Replace):
        return {"type": "replace", "unit": order.unit}
    if isinstance(order, Rail):
        return {"type": "rail", "unit": order.unit, "to": hex_id(order.to)}
    if isinstance(order, Interdict):
        return {"type": "interdict", "target": hex_id(order.target)}
    if isinstance(order, EndPhase):
        return {"type": "end_phase"}
    raise TypeError(f"not an order: {order!r}")


def order_from_json(data: Any, parse_hex) -> Order:
    """Inverse of `order_to_json`; ValueError with a readable message for bad data."""
    if not isinstance(data, dict) or "type" not in data:
        raise ValueError(f"an order must be an object with a 'type', not {str(data)[:60]}")
    kind = data["type"]
    try:
        if kind == "move":
            path = data.get("path")
            return Move(str(data["unit"]), parse_hex(data["to"]), None if path is None else tuple(parse_hex(h) for h in path))
        if kind == "attack":
            attackers = data["attackers"]
            if not isinstance(attackers, list):
                raise ValueError("'attackers' must be a list of unit ids")
            air = data.get("air", 0)
            if not isinstance(air, int) or isinstance(air, bool):
                raise ValueError("'air' must be a whole number")
            also = data.get("also", [])
            if not isinstance(also, list):
                raise ValueError("'also' must be a list of hexes")
            return Attack(tuple(str(a) for a in attackers), parse_hex(data["target"]), air, tuple(parse_hex(h) for h in also))
        if kind == "advance":
            return Advance(str(data["unit"]))
        if kind == "replace":
            return Replace(str(data["unit"]))
        if kind == "rail":
            return Rail(str(data["unit"]), parse_hex(data["to"]))
        if kind == "interdict":
            return Interdict(parse_hex(data["target"]))
        if kind == "end_phase":
            return EndPhase()
    except KeyError as exc:
        raise ValueError(f"{kind} order is missing '{exc.args[0]}'") from None
    raise ValueError(f"unknown order type '{kind}'")
