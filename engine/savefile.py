"""Saves and replays as untrusted input: read with bounds, checked field by field.

A save or replay may come from another player (play by e-mail), so it is read like a
scenario: a regular file of at most `MAX_SAVE_BYTES`, JSON with no number longer than
`MAX_DIGITS` digits, and every field typed and ranged by the pydantic model `SaveModel`.
A problem is reported as FILE:LINE:COL with the JSON path of the field (`orders[3].path`).
"""
from __future__ import annotations

import hashlib
import json
import re
from json.decoder import scanstring as _scanstring  # type: ignore[attr-defined]
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from engine.errors import Problem, ScenarioError
from engine.files import read_limited

MAX_SAVE_BYTES = 64 * 1024 * 1024
MAX_DIGITS = 40                    # a number in a save has at most this many digits
MAX_ORDERS = 2_000_000
MAX_SEED = 2 ** 64 - 1
MAX_TURN = 10_000                  # the scenario schema's limit for `turns`

_Text = Annotated[str, Field(max_length=200, pattern=r"^[^\x00-\x1f\x7f-\x9f]*$")]
_HexText = Annotated[str, Field(min_length=1, max_length=16)]
_Digest = Annotated[str, Field(pattern=r"^[0-9a-f]{16}$")]
_Hash = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class MoveOrder(_Strict):
    type: Literal["move"]
    unit: _Text
    to: _HexText
    path: list[_HexText] | None = Field(default=None, max_length=10_000)


class AttackOrder(_Strict):
    type: Literal["attack"]
    attackers: list[_Text] = Field(min_length=1, max_length=100)
    target: _HexText
    air: int = Field(default=0, ge=0, le=1_000_000)
    also: list[_HexText] = Field(default_factory=list, max_length=6)


class UnitOrder(_Strict):
    type: Literal["advance", "replace"]
    unit: _Text


class RailOrder(_Strict):
    type: Literal["rail"]
    unit: _Text
    to: _HexText


class InterdictOrder(_Strict):
    type: Literal["interdict"]
    target: _HexText


class EndPhaseOrder(_Strict):
    type: Literal["end_phase"]


OrderModel = Annotated[Union[MoveOrder, AttackOrder, UnitOrder, RailOrder, InterdictOrder, EndPhaseOrder],
                       Field(discriminator="type")]


class SaveModel(BaseModel):
    """A save or replay file (format 2). Unknown fields are refused."""

    model_config = ConfigDict(extra="forbid", strict=True)

    format: Literal[2]
    kind: Literal["wargame-save"]
    scenario: _Text
    scenario_path: Annotated[str, Field(max_length=4096)] | None = None
    scenario_digest: _Digest | None = None
    seed: int = Field(ge=0, le=MAX_SEED)
    turn: int | None = Field(default=None, ge=1, le=MAX_TURN)
    side: _Text | None = None
    phase: _Text | None = None
    orders: list[OrderModel] = Field(max_length=MAX_ORDERS)
    state_hash: _Hash
    result: dict[str, Any] | None = None


# -- reading ------------------------------------------------------------------------------
class _LongNumber(float):
    """A JSON number with more than MAX_DIGITS digits (kept out of Python's int parser)."""

    def __new__(cls, digits: int) -> "_LongNumber":
        obj = super().__new__(cls, float("inf"))
        obj.digits = digits  # type: ignore[attr-defined]
        return obj

    def __repr__(self) -> str:
        return f"a number of {self.digits} digits"  # type: ignore[attr-defined]


def _parse_int(text: str) -> Any:
    return int(text) if len(text) <= MAX_DIGITS else _LongNumber(len(text))


def _parse_float(text: str) -> Any:
    return float(text) if len(text) <= 4 * MAX_DIGITS else _LongNumber(len(text))


def _parse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def read_save_json(path: Any, where: str | None = None) -> Any:
    """The JSON data of a save or replay file; ScenarioError with a position if it cannot be read."""
    where = where or str(path)
    raw = read_limited(path, MAX_SAVE_BYTES, where)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ScenarioError(Problem(where, line, col, "not UTF-8 text")) from None
    try:
        data = json.loads(text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_parse_constant)
    except json.JSONDecodeError as exc:
        raise ScenarioError(Problem(where, exc.lineno, exc.colno, f"not valid JSON: {exc.msg} (truncated or edited?)")) from None
    except RecursionError:
        raise ScenarioError(Problem(where, 1, 1, "JSON nested too deeply")) from None
    except ValueError as exc:
        raise ScenarioError(Problem(where, 1, 1, f"not valid JSON: {exc}")) from None
    if isinstance(data, dict):
        data = _WithText(data)
        data.text = text
    return data


class _WithText(dict):
    """The decoded JSON object, remembering its text to point at problems."""

    text: str = ""


# -- checking -----------------------------------------------------------------------------
_TOP_KINDS = {"scenario": "str", "seed": "int", "orders": "list", "state_hash": "str"}


def check_save(data: dict[str, Any], where: str) -> SaveModel:
    """The save as a SaveModel; ScenarioError naming every bad field with its position."""
    try:
        return SaveModel.model_validate(dict(data))
    except ValidationError as exc:
        text = getattr(data, "text", "")
        problems = []
        n_orders = len(data["orders"]) if isinstance(data.get("orders"), list) else 0
        for err in exc.errors()[:20]:
            loc = tuple(p for p in err.get("loc", ()) if isinstance(p, int) or p in _known(err, data))
            message = _message(err, loc, n_orders)
            line, col = locate(text, loc) if text else (1, 1)
            problems.append(Problem(where, line, col, message, loc))
        raise ScenarioError(problems) from None


def _known(err: Any, data: Any) -> set[str]:
    """Path parts of an error that are keys of the data (not union tags)."""
    out = set()
    node = data
    for part in err.get("loc", ()):
        if isinstance(node, dict) and part in node:
            out.add(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        elif err.get("type") in ("missing", "extra_forbidden") and isinstance(part, str):
            out.add(part)
    return out


def json_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"


def _message(err: Any, loc: tuple, n_orders: int) -> str:
    kind = err.get("type", "")
    value = err.get("input")
    shown = repr(value) if isinstance(value, _LongNumber) else _short(value)
    ctx = err.get("ctx", {}) or {}
    name = json_path(loc)
    if isinstance(value, _LongNumber):
        base = f"{name} is {shown}; a number in a save has at most {MAX_DIGITS} digits"
    elif kind == "missing":
        base = f"missing field '{loc[-1] if loc else '?'}'"
    elif kind == "extra_forbidden":
        base = f"unknown field '{loc[-1] if loc else '?'}'"
    elif kind == "union_tag_invalid":
        base = f"unknown order type {_short(ctx.get('tag'))}"
    elif kind == "union_tag_not_found":
        base = "an order must be an object with a 'type'"
    elif kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        base = f"{name} is {shown}; it must be {err.get('msg', '').removeprefix('Input should be ')}"
    else:
        base = f"{name}: {err.get('msg', 'invalid value').lower()}, not {shown}"
    if len(loc) >= 2 and loc[0] == "orders" and isinstance(loc[1], int):
        return f"order {loc[1] + 1} of {n_orders} cannot be replayed: {base}"
    if len(loc) == 1 and loc[0] in _TOP_KINDS and not isinstance(value, _LongNumber) and kind in ("missing", "int_type", "string_type", "list_type"):
        return f"field '{loc[0]}' is missing or not a {_TOP_KINDS[loc[0]]}"   # the wording scripts know
    return base


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# -- positions ------------------------------------------------------------------------------
_WS = re.compile(r"[ \t\n\r]*")
_SCALAR = re.compile(r"-?[0-9][0-9.eE+\-]*|true|false|null|NaN|-?Infinity")


def locate(text: str, loc: tuple) -> tuple[int, int]:
    """(line, column) of the value at `loc` in the JSON `text` (as far as the path goes)."""
    try:
        index = _WS.match(text, 0).end()  # type: ignore[union-attr]
        for part in loc:
            found = _child(text, index, part)
            if found is None:
                break
            index = found
    except (ValueError, IndexError):
        pass
    else:
        return _line_col(text, index)
    return _line_col(text, index)


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _child(text: str, index: int, part: Any) -> int | None:
    """Index of the value of key/item `part` of the object/array that starts at `index`."""
    opener = text[index]
    if opener not in "[{":
        return None
    i = _WS.match(text, index + 1).end()  # type: ignore[union-attr]
    n = 0
    while text[i] not in "]}":
        key = None
        if opener == "{":
            key, i = _scanstring(text, i + 1)
            i = _WS.match(text, i).end()  # type: ignore[union-attr]
            i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]   # past ':'
        if (opener == "{" and key == part) or (opener == "[" and n == part):
            return i
        i = _WS.match(text, _skip(text, i)).end()  # type: ignore[union-attr]
        if text[i] == ",":
            i = _WS.match(text, i + 1).end()  # type: ignore[union-attr]
        n += 1
    return None


def _skip(text: str, i: int) -> int:
    """Index just past the JSON value that starts at `i` (no recursion)."""
    if text[i] == '"':
        return _scanstring(text, i + 1)[1]
    if text[i] not in "[{":
        m = _SCALAR.match(text, i)
        return m.end() if m else i + 1
    depth = 0
    while True:
        ch = text[i]
        if ch == '"':
            i = _scanstring(text, i + 1)[1]
            continue
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1


# -- writing and replaying ---------------------------------------------------------------
SAVE_FORMAT = 2          # 2: the sequence of play (phases) of Rules 2.0


def game_to_json(game: Any) -> dict[str, Any]:
    """The save of a game: its scenario (name, path, digest), seed, order log and final state hash."""
    from engine.orders import order_to_json

    sc = game.scenario
    return {
        "format": SAVE_FORMAT,
        "kind": "wargame-save",
        "scenario": sc.name,
        "scenario_path": str(sc.path) if sc.path else None,
        "scenario_digest": scenario_digest(sc),
        "seed": game.seed,
        "turn": game.state.turn,
        "side": game.active_side,
        "phase": game.phase,
        "orders": [order_to_json(o, lambda h: sc.map.hex_id(sc.map.index(h))) for o in game.orders],
        "state_hash": game.state_hash(),
        "result": game.result,
    }


def save_game(game: Any, path: str | Path) -> None:
    """`Game.save`: the JSON of `game_to_json`, written atomically."""
    from engine.files import write_json_atomic

    write_json_atomic(Path(path), game_to_json(game))


def load_game(cls: Any, path: str | Path, scenario: Any = None) -> Any:
    """`Game.load`: read, check and replay a save (`cls` is the Game class)."""
    from engine.scenario import Scenario, load_scenario

    data = read_json(Path(path))
    if scenario is not None and not isinstance(scenario, Scenario):
        scenario = load_scenario(scenario)
    return replay_save(cls, data, str(path), scenario, folder=Path(path).parent)


def replay_save(cls: Any, data: Any, where: str = "<save>", scenario: Any = None, verify: bool = True,
                folder: Path | None = None) -> Any:
    """`Game.from_json`: a new game (of class `cls`) with the save's orders replayed, its final
    state checked against the save's hash (ReplayMismatch) unless `verify` is False."""
    from engine.errors import IllegalOrder, ReplayMismatch
    from engine.orders import order_from_json

    def bad(message: str) -> ScenarioError:
        return ScenarioError(Problem(where, 1, 1, message))

    if not isinstance(data, dict) or data.get("kind") != "wargame-save":
        raise bad("not a wargame save or replay file")
    if data.get("format") != SAVE_FORMAT:
        version = data.get("format")
        why = " (it was written before the sequence of play; its orders do not follow the phases)" if version == 1 else ""
        shown = repr(version) if isinstance(version, (int, str, type(None))) and len(repr(version)) < 40 else "of an unknown kind"
        raise bad(f"save format {shown} is not supported{why}: this version reads format {SAVE_FORMAT}")
    save = check_save(data, where)           # every field typed and ranged, with its position
    if scenario is None:
        scenario = _scenario_of_save(save, where, folder)
    if save.scenario_digest not in (None, scenario_digest(scenario)):
        raise bad(f"this file was made with a different version of scenario '{save.scenario}'")
    game = cls(scenario, save.seed)
    orders = data["orders"]
    for n, raw in enumerate(orders):
        try:
            order = order_from_json(raw, lambda text: scenario.map.hex(scenario.map.parse(str(text))))
            game.apply(order)
        except (ValueError, IllegalOrder) as exc:
            line, col = locate(getattr(data, "text", ""), ("orders", n)) if getattr(data, "text", "") else (1, 1)
            raise ScenarioError(Problem(where, line, col, f"order {n + 1} of {len(orders)} cannot be replayed: {exc}")) from None
    if verify and game.state_hash() != save.state_hash:
        raise ReplayMismatch(Problem(where, 1, 1, "the replayed game does not match the saved state (file edited, or made by another engine version)"))
    return game


def _scenario_of_save(save: Any, where: str, folder: Path | None) -> Any:
    """The scenario a save was made with. A save is someone else's file: it names its scenario,
    and the engine looks for it only (1) among the scenarios this program has already loaded
    (same name and digest), (2) among the shipped scenarios, by name, and (3) at the save's
    `scenario_path` if that lies inside the save's own folder. Any other path is not followed
    (the caller passes the scenario instead), unless this program loaded that path itself.
    The one whose digest matches wins (a modded copy
    may share a shipped scenario's name)."""
    from engine.scenario.load import load_scenario, loaded_by_this_program, loaded_scenarios, shipped_scenarios

    wanted = save.scenario_digest
    for known in loaded_scenarios(save.scenario):
        if wanted is not None and scenario_digest(known) == wanted:
            return known
    other: Any = None
    error: ScenarioError | None = None
    if save.scenario in shipped_scenarios():
        found = load_scenario(shipped_scenarios()[save.scenario])
        if wanted in (None, scenario_digest(found)):
            return found
        other = found
    if save.scenario_path:
        ref = Path(save.scenario_path)
        base = (folder or Path(".")).resolve()
        target = (base / ref).resolve() if not ref.is_absolute() else ref.resolve()
        if target == base or base in target.parents or loaded_by_this_program(target):
            try:
                found = load_scenario(target)
            except ScenarioError as exc:
                error = exc
            else:
                if wanted in (None, scenario_digest(found)):
                    return found
                other = other or found
        elif other is None:
            error = ScenarioError(Problem(where, 1, 1, (
                f"the save names its scenario '{save.scenario}' by a path outside the save's folder "
                f"({save.scenario_path!r}); such a path is not followed: pass the scenario yourself "
                "(wargame replay FILE --scenario PATH, or Game.load(FILE, scenario=PATH))")))
    if other is not None:
        return other            # the caller reports the digest mismatch
    if error is not None:
        raise error
    from engine.scenario.load import resolve_shipped

    resolve_shipped(save.scenario, where)    # raises: no such shipped scenario, with the closest name
    raise ScenarioError(Problem(where, 1, 1, "the save names no scenario"))


def scenario_digest(scenario: Any) -> str:
    """A short digest of the scenario and rules data, to tell saves of other versions apart."""
    cached = getattr(scenario, "_digest", None)
    if cached is None:
        payload = json.dumps([scenario.model.model_dump(mode="json"), scenario.rules.model.model_dump(mode="json")], sort_keys=True)
        cached = hashlib.sha256(payload.encode()).hexdigest()[:16]
        scenario._digest = cached  # type: ignore[attr-defined]
    return cached


def read_json(path: Path) -> Any:
    """The JSON data of a save or replay: a regular file of at most 64 MiB, size checked
    before reading, no number longer than 40 digits; ScenarioError with a position."""
    return read_save_json(path, str(path))


