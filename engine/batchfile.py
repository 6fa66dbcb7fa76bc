"""A batch's JSON, one game at a time: the running summary, the streamed file, and reading it back.

A batch of any size holds only a summary that grows with each game (counts and sums, not
lists: `RunningSummary`) and writes each game's record to its `--json` file as soon as every
game before it has finished (`JsonWriter`): so memory stays bounded for `--games 100000000`,
and the file is the same text `json.dumps(result, indent=1)` would give. `read_batch` reads
such a file back, one record at a time, to resume an interrupted batch; `read_tournament` reads
the JSON of an interrupted tournament the same way.
"""
from __future__ import annotations

import codecs
import json
import os
import stat
from pathlib import Path
from typing import Annotated, Any, Iterator, Mapping

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from engine.errors import Problem, ScenarioError

HEADER_KEYS = ("scenario", "agents", "seed", "games_planned", "max_turns")
TOURNAMENT_KEYS = ("scenario", "sides", "seed", "games_per_side", "agents")
KEYS = HEADER_KEYS + ("games", "summary", "history", "complete")
MAX_LISTED_ERRORS = 1000        # agent errors listed one by one in a summary; more are counted
MAX_VALUE_CHARS = 16 << 20      # one value of a batch file read back (a game record, the summary)
CHUNK = 1 << 20


# -- the running summary ---------------------------------------------------------------------
class RunningSummary:
    """`engine.batch.summarize` one record at a time, with the same result for the same
    records in the same order; what it holds grows with sides, objectives and phases, not games."""

    def __init__(self, sides: list[str] | None = None) -> None:
        self.sides = sides
        self.n = 0
        self.winners: dict[Any, int] = {}
        self.finished = 0
        self.draws = 0
        self.error_count = 0
        self.errors: list[dict[str, Any]] = []
        self.levels: dict[str, int] = {}
        self.objectives: dict[str, list[int]] = {}         # id -> [taken, sum of turns]
        self.turns = 0
        self.losses: dict[str, int] = {}
        self.orders = 0
        self.by_phase: dict[str, int] = {}
        self.refused = 0
        self.with_pockets = 0
        self.pockets: dict[str, list[int]] = {}           # side -> [count, sum of sizes, sum of steps]

    def add(self, r: Mapping[str, Any]) -> None:
        self.n += 1
        self.winners[r["winner"]] = self.winners.get(r["winner"], 0) + 1
        if r["level"] not in ("unfinished", "error"):
            self.finished += 1
            self.draws += r["winner"] is None
        if r.get("error"):
            self.error_count += 1
            if len(self.errors) < MAX_LISTED_ERRORS:
                self.errors.append({"seed": r["seed"], **r["error"]})
        key = f"{r['winner'] or 'none'} {r['level']}"
        self.levels[key] = self.levels.get(key, 0) + 1
        for oid, turn in r["objectives"].items():
            o = self.objectives.setdefault(oid, [0, 0])
            if turn is not None:
                o[0] += 1
                o[1] += turn
        self.turns += r["turns"]
        for side, lost in r["losses"].items():
            self.losses[side] = self.losses.get(side, 0) + lost
        self.orders += r["orders"]
        for phase, k in r.get("orders_by_phase", {}).items():
            self.by_phase[phase] = self.by_phase.get(phase, 0) + k
        self.refused += r.get("refused", 0)
        self.with_pockets += bool(r["pockets"])
        for p in r["pockets"]:
            acc = self.pockets.setdefault(p["side"], [0, 0, 0])
            acc[0] += 1
            acc[1] += p["size"]
            acc[2] += p["steps"]

    def result(self) -> dict[str, Any]:
        from engine.batch import wilson

        n = self.n
        sides = self.sides if self.sides is not None else sorted(self.losses)
        wins = {}
        for side in sides:
            k = self.winners.get(side, 0)
            wins[side] = {"wins": k, "rate": round(k / n, 4) if n else 0.0, "ci95": list(wilson(k, n))}
        objectives = {}
        for oid in sorted(self.objectives):
            taken, total = self.objectives[oid]
            objectives[oid] = {"taken": taken, "rate": round(taken / n, 4) if n else 0.0,
                               "avg_turn": round(total / taken, 2) if taken else None}
        pocket_sides = {}
        for side in sides:
            count, size, steps = self.pockets.get(side, [0, 0, 0])
            pocket_sides[side] = {"count": count, "avg_size": round(size / count, 2) if count else 0.0,
                                  "avg_steps": round(steps / count, 2) if count else 0.0}
        out = {
            "games": n,
            "wins": wins,
            "draws": self.draws,
            "unfinished": n - self.finished - self.error_count,
            "levels": dict(sorted(self.levels.items())),
            "avg_turns": round(self.turns / n, 3) if n else 0.0,
            "avg_losses": {s: round(self.losses.get(s, 0) / n, 3) if n else 0.0 for s in sides},
            "avg_orders": round(self.orders / n, 2) if n else 0.0,
            "avg_orders_by_phase": {k: round(v / n, 2) if n else 0.0 for k, v in self.by_phase.items()},
            "refused": self.refused,
            "objectives": objectives,
            "pockets": {"games_with_pockets": self.with_pockets, "by_side": pocket_sides},
            "errors": list(self.errors),
        }
        if self.error_count > len(self.errors):
            out["errors_not_listed"] = self.error_count - len(self.errors)
        return out


# -- writing -------------------------------------------------------------------------------------
def _nested(value: Any, depth: int) -> str:
    """`value` as json.dumps(indent=1) writes it at `depth` levels inside the document."""
    return json.dumps(value, indent=1).replace("\n", "\n" + " " * depth)


def batch_text(data: Mapping[str, Any]) -> str:
    """The JSON text of a whole batch result: the keys of KEYS it has, in that order."""
    return json.dumps({k: data[k] for k in KEYS if k in data}, indent=1) + "\n"


class JsonWriter:
    """The batch JSON written as the games finish: header, each record, then the summary and
    `complete`. The text is the same as `batch_text` of the whole result. Through an
    `AtomicTextFile`: the file appears at `close` (or not at all, after `discard`)."""

    def __init__(self, path: str | Path, header: Mapping[str, Any]) -> None:
        from engine.files import AtomicTextFile

        self.file = AtomicTextFile(path)
        self.count = 0
        self.file.write("{\n" + "".join(f" {json.dumps(k)}: {_nested(header[k], 1)},\n" for k in HEADER_KEYS if k in header)
                        + ' "games": [')

    def add(self, record: Mapping[str, Any]) -> None:
        self.file.write(("\n" if not self.count else ",\n") + "  " + _nested(record, 2))
        self.count += 1

    def close(self, summary: Mapping[str, Any], complete: bool) -> None:
        self.file.write(("\n ]" if self.count else "]") + f',\n "summary": {_nested(summary, 1)},\n "complete": {json.dumps(complete)}\n}}\n')
        self.file.commit()

    def discard(self) -> None:
        self.file.discard()


# -- reading back -------------------------------------------------------------------------------
class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


_Count = Field(ge=0, le=2**62)


_Name = Field(max_length=200)
_Date = Field(default=None, max_length=40)


class _Pocket(_Strict):
    turn: int = _Count
    side: str = _Name
    size: int = _Count
    steps: int = _Count
    date: str | None = _Date
    place: str | None = Field(default=None, max_length=200)
    max_size: int = _Count
    max_steps: int = _Count
    units_lost: int = _Count
    fate: str | None = Field(default=None, max_length=40)
    fate_turn: int | None = Field(default=None, ge=0, le=2**62)


class _Milestone(_Strict):
    """When a `history:` milestone happened in one game (None: never); a loss ratio adds its figures."""
    turn: int | None = Field(default=None, ge=0, le=2**62)
    date: str | None = _Date
    day: int | None = Field(default=None, ge=-(2**62), le=2**62)
    own: int | None = Field(default=None, ge=0, le=2**62)
    enemy: int | None = Field(default=None, ge=0, le=2**62)
    value: float | None = Field(default=None, ge=0, le=1e18)


class _Error(_Strict):
    turn: int = _Count
    phase: str | None = Field(default=None, max_length=200)
    side: str = Field(max_length=200)
    agent: str = Field(max_length=2000)
    error: str = Field(max_length=2000)


class GameRecord(_Strict):
    """One game of a batch file, as `run_game` describes it (checked when a batch is resumed)."""

    seed: int = Field(ge=0, le=2**64 - 1)
    winner: str | None = Field(max_length=200)
    level: str = Field(max_length=200)
    vp: int = Field(ge=-(2**62), le=2**62)
    turns: int = _Count
    losses: dict[str, Annotated[int, Field(ge=0, le=2**62)]]
    objectives: dict[str, Annotated[int, Field(ge=0, le=2**62)] | None]
    pockets: list[_Pocket]
    strength_lost: dict[str, Annotated[float, Field(ge=0, le=1e18)]] = {}
    objective_dates: dict[str, Annotated[str, Field(max_length=40)] | None] = {}
    milestones: dict[str, _Milestone] = {}
    orders: int = _Count
    orders_by_phase: dict[str, Annotated[int, Field(ge=0, le=2**62)]] = {}
    refused: int = _Count
    error: _Error | None = None
    replay: str | None = Field(default=None, max_length=4096)


def _parse_int(text: str) -> Any:
    from engine.savefile import _parse_int as parse

    return parse(text)


def _parse_float(text: str) -> Any:
    from engine.savefile import _parse_float as parse

    return parse(text)


def _parse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


class _Scanner:
    """JSON values read one at a time from a file of any size, with their line and column."""

    def __init__(self, path: Path, where: str) -> None:
        self.where = where
        try:
            st = os.stat(path)
            if not stat.S_ISREG(st.st_mode):
                raise self.error_at_start("not a regular file; only regular files are read")
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        except FileNotFoundError:
            raise self.error_at_start("file not found") from None
        except OSError as exc:
            raise self.error_at_start(f"cannot read: {exc.strerror or exc}") from None
        self.fh = open(fd, "rb")
        self.utf8 = codecs.getincrementaldecoder("utf-8")()
        self.decoder = json.JSONDecoder(parse_int=_parse_int, parse_float=_parse_float, parse_constant=_parse_constant)
        self.buf = ""
        self.i = 0
        self.eof = False
        self.line, self.col0 = 1, 0
        self.header_at: dict[str, tuple[int, int]] = {}

    def error_at_start(self, message: str) -> ScenarioError:
        return ScenarioError(Problem(self.where, 1, 1, message))

    def close(self) -> None:
        self.fh.close()

    def position(self, k: int) -> tuple[int, int]:
        part = self.buf[:k]
        lines = part.count("\n")
        if lines:
            return self.line + lines, k - part.rfind("\n")
        return self.line, self.col0 + k + 1

    def error(self, message: str, k: int | None = None) -> ScenarioError:
        line, col = self.position(self.i if k is None else k)
        return ScenarioError(Problem(self.where, line, col, message))

    def _fill(self) -> bool:
        if self.eof:
            return False
        try:
            raw = self.fh.read(CHUNK)
        except OSError as exc:
            raise self.error(f"cannot read: {exc.strerror or exc}", len(self.buf)) from None
        try:
            chunk = self.utf8.decode(raw, final=not raw)
        except UnicodeDecodeError as exc:
            self.buf += raw[: max(0, exc.start)].decode("utf-8", errors="ignore")
            raise self.error("not UTF-8 text", len(self.buf)) from None
        if not chunk:
            if raw:
                return self._fill()              # only part of a character so far
            self.eof = True
            return False
        gone = self.buf[: self.i]
        lines = gone.count("\n")
        if lines:
            self.line += lines
            self.col0 = len(gone) - gone.rfind("\n") - 1
        else:
            self.col0 += len(gone)
        self.buf = self.buf[self.i:] + chunk
        self.i = 0
        return True

    def peek(self) -> str:
        while True:
            while self.i < len(self.buf) and self.buf[self.i] in " \t\r\n":
                self.i += 1
            if self.i < len(self.buf) or not self._fill():
                return self.buf[self.i] if self.i < len(self.buf) else ""

    def expect(self, chars: str, what: str) -> str:
        ch = self.peek()
        if not ch or ch not in chars:
            raise self.error(f"not a batch file: expected {what}" + (", found the end of the file" if not ch else ""))
        self.i += 1
        return ch

    def value(self) -> tuple[Any, int]:
        """The next value and where it starts."""
        self.peek()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.i)
            except json.JSONDecodeError as exc:
                if len(self.buf) - self.i > MAX_VALUE_CHARS:
                    raise self.error("a value longer than 16 MiB") from None
                if self._fill():
                    continue
                raise self.error(f"not valid JSON: {exc.msg} (truncated or edited?)", exc.pos) from None
            except RecursionError:
                raise self.error("JSON nested too deeply") from None
            except ValueError as exc:
                raise self.error(f"not valid JSON: {exc}") from None
            if end == len(self.buf) and self._fill():      # a number may go on in the next chunk
                continue
            start, self.i = self.i, end
            return value, start


def read_batch(path: str | Path, expect: Mapping[str, Any] | None = None) -> tuple[dict[str, Any], Iterator[dict[str, Any]]]:
    """The header of a batch file and an iterator over its game records (seed order), read
    one at a time. The whole file is checked first (every record typed and ranged, seeds
    increasing and within the batch), so a bad file is refused before anything is played:
    ScenarioError with FILE:LINE:COL. With `expect` (the header of the batch to resume),
    BatchMismatch names the first header value that differs."""
    where = str(path)
    header, count = _scan(Path(path), where, expect)

    def records() -> Iterator[dict[str, Any]]:
        scanner = _open_games(Path(path), where)[0]
        try:
            for _ in range(count):
                yield scanner.value()[0]
                scanner.expect(",]", "',' or ']'")
        finally:
            scanner.close()

    return header, records()


class BatchMismatch(ValueError):
    """The file was written by a batch with other arguments."""


def _open_games(path: Path, where: str) -> tuple[_Scanner, dict[str, Any], bool]:
    """A scanner positioned at the first record (or past ']' for no records), the header
    (the values before the games; `scanner.header_at[key]` is where each one starts)."""
    scanner = _Scanner(path, where)
    try:
        scanner.expect("{", "'{'")
        header: dict[str, Any] = {}
        while True:
            key, start = scanner.value()
            if not isinstance(key, str):
                raise scanner.error("not a batch file: expected a key", start)
            scanner.expect(":", "':'")
            if key == "games":
                scanner.expect("[", "the list of games")
                empty = scanner.peek() == "]"
                if empty:
                    scanner.i += 1
                return scanner, header, empty
            header[key], start = scanner.value()
            scanner.header_at[key] = scanner.position(start)
            if scanner.expect(",}", "',' or '}'") == "}":
                raise scanner.error("not a batch file: it has no list of games")
    except BaseException:
        scanner.close()
        raise


def _check_header(scanner: _Scanner, header: Mapping[str, Any], keys: tuple[str, ...], expect: Mapping[str, Any],
                  what: str, arguments: str) -> None:
    """BatchMismatch (FILE:LINE:COL of the value) at the first of `keys` whose value differs from `expect`."""
    for key in keys:
        mine = json.loads(json.dumps(expect[key]))
        if header[key] != mine:
            line, col = scanner.header_at[key]
            raise BatchMismatch(f"{scanner.where}:{line}:{col}: written by another {what}: its {key} is {json.dumps(header[key])}, "
                                f"this one's is {json.dumps(mine)} (give the {arguments} of the {what} it continues)")


def _scan(path: Path, where: str, expect: Mapping[str, Any] | None) -> tuple[dict[str, Any], int]:
    scanner, header, empty = _open_games(path, where)
    try:
        missing = [k for k in HEADER_KEYS if k not in header]
        if missing:
            raise scanner.error_at_start(f"not a batch file of this version: no {', '.join(missing)} before the games")
        if expect is not None:
            _check_header(scanner, header, HEADER_KEYS, expect, "batch", "scenario, --ai, --seed, --games and --max-turns")
        first = int(header["seed"]) if isinstance(header["seed"], int) else 0
        planned = header["games_planned"] if isinstance(header["games_planned"], int) else 0
        count = 0
        last = first - 1
        while not empty:
            value, start = scanner.value()
            try:
                GameRecord.model_validate(value)
            except ValidationError as exc:
                err = exc.errors()[0]
                loc = ".".join(str(p) for p in err.get("loc", ()))
                raise scanner.error(f"game {count + 1}: {loc + ': ' if loc else ''}{err.get('msg', 'wrong value')}", start) from None
            seed = value["seed"]
            if not last < seed < first + planned:
                raise scanner.error(f"game {count + 1}: seed {seed} is not after {last} and before {first + planned} "
                                    f"(the batch plays seeds {first} to {first + planned - 1}, in order)", start)
            last = seed
            count += 1
            if scanner.expect(",]", "',' or ']'") == "]":
                break
        return header, count
    finally:
        scanner.close()


# -- tournaments --------------------------------------------------------------------------------
class TournamentGame(_Strict):
    """One game of a tournament file (`engine.tournament`), checked when a tournament is resumed."""

    seed: int = Field(ge=0, le=2**63 - 1)
    first: str = Field(max_length=2000)
    second: str = Field(max_length=2000)
    winner: str | None = Field(max_length=2000)
    level: str = Field(max_length=200)
    turns: int = _Count
    vp: int | None = Field(default=None, ge=-10**9, le=10**9)
    first_score: float = Field(ge=0, le=1)
    error: _Error | None = None


def read_tournament(path: str | Path, expect: Mapping[str, Any], schedule: list[tuple[str, str, int]]) -> dict[int, dict[str, Any]]:
    """The games of a tournament's JSON file by their index in `schedule` ((first agent, second
    agent, seed) of each game, in the order the tournament plays them), to resume it.

    The whole file is checked before anything is played: its header must equal `expect`
    (scenario, sides, seed, games per side, agents: BatchMismatch naming the first value that
    differs, at its FILE:LINE:COL); every game must be typed and ranged, one of this
    tournament's games, after the one before it, with a winner, score and agent error that
    agree with its agents (ScenarioError at its FILE:LINE:COL)."""
    where = str(path)
    index = {key: k for k, key in enumerate(schedule)}
    scanner, header, empty = _open_games(Path(path), where)
    try:
        missing = [k for k in TOURNAMENT_KEYS if k not in header]
        if missing:
            raise scanner.error_at_start(f"not a tournament file: no {', '.join(missing)} before the games")
        _check_header(scanner, header, TOURNAMENT_KEYS, expect, "tournament", "scenario, --agents, --seed and --games")
        games: dict[int, dict[str, Any]] = {}
        last = -1
        while not empty:
            value, start = scanner.value()
            n = len(games) + 1
            try:
                TournamentGame.model_validate(value)
            except ValidationError as exc:
                err = exc.errors()[0]
                loc = ".".join(str(p) for p in err.get("loc", ()))
                raise scanner.error(f"game {n}: {loc + ': ' if loc else ''}{err.get('msg', 'wrong value')}", start) from None
            first, second, seed = value["first"], value["second"], value["seed"]
            k = index.get((first, second, seed))
            if k is None:
                raise scanner.error(f"game {n}: {json.dumps(first)} against {json.dumps(second)} with seed {seed} is not a game "
                                    "of this tournament", start)
            if k <= last:
                raise scanner.error(f"game {n}: {json.dumps(first)} against {json.dumps(second)} with seed {seed} comes "
                                    "before the game listed above it (or is listed twice)", start)
            winner, score = value["winner"], value["first_score"]
            if winner not in (first, second, None) or score != {first: 1.0, second: 0.0, None: 0.5}[winner]:
                raise scanner.error(f"game {n}: winner {json.dumps(winner)} and first_score {score} do not agree "
                                    f"(the winner is {json.dumps(first)}, {json.dumps(second)} or null for a draw, "
                                    "and the first agent's score 1, 0 or 0.5)", start)
            if value.get("error") is not None and value["error"]["agent"] not in (first, second):
                raise scanner.error(f"game {n}: error.agent {json.dumps(value['error']['agent'])} is neither "
                                    f"{json.dumps(first)} nor {json.dumps(second)}", start)
            if value.get("error") is None:
                value.pop("error", None)
            games[k] = value
            last = k
            if scanner.expect(",]", "',' or ']'") == "]":
                break
        return games
    finally:
        scanner.close()
