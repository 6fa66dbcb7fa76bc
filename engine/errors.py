"""The two kinds of error a user of the engine meets: a bad order and a bad file."""
from __future__ import annotations

import re
from dataclasses import dataclass

# What a terminal or a log must never receive raw: C0 and C1 control characters (an escape
# sequence can rewrite the screen or the window title) and the invisible characters that
# reorder or hide text (bidirectional controls, zero-width space, word joiner, BOM).
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def _escape(m: re.Match) -> str:
    ch = m.group()
    code = ord(ch)
    return {"\n": "\\n", "\r": "\\r"}.get(ch) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def printable(text: object, keep_newlines: bool = False) -> str:
    """`text` with every control and invisible character written as an escape (\\x1b, \\u202e),
    safe to print on a terminal or write to a log."""
    s = str(text)
    if keep_newlines:
        return "\n".join(_UNSAFE.sub(_escape, line) for line in s.split("\n"))
    return _UNSAFE.sub(_escape, s)


class IllegalOrder(Exception):
    """An order the rules do not allow. The state is exactly as it was before the order.

    `code` is stable (``move/not_enough_mp``) so scripts can branch on it; `message` is
    written for a player ("Panzer Lehr has 2 MP left; Caen costs 3").
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file, with where it is (1-based line and column)."""

    file: str
    line: int
    col: int
    message: str
    path: tuple = ()
    severity: str = "error"

    def __str__(self) -> str:
        return f"{printable(self.file)}:{self.line}:{self.col}: {self.severity}: {printable(self.message)}"


class ScenarioError(Exception):
    """A scenario (or save, or replay) that cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem] | Problem | str, file: str = "<input>") -> None:
        if isinstance(problems, str):
            problems = [Problem(file, 1, 1, problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = sorted(problems, key=lambda p: (p.file, p.line, p.col))
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def file(self) -> str:
        return self.problems[0].file if self.problems else ""

    @property
    def line(self) -> int:
        return self.problems[0].line if self.problems else 0

    @property
    def col(self) -> int:
        return self.problems[0].col if self.problems else 0


class ScenarioNotFound(ScenarioError):
    """No file at that path and no shipped scenario of that name (a mistyped argument, not a
    broken file: the batch commands report it as a usage error)."""


class NotAMapBlock(ScenarioError):
    """A YAML file that is not a bare map block (`wargame render` then reports the scenario's
    own problems)."""


class ReplayMismatch(ScenarioError):
    """A save or replay whose orders replay to another final state than the one it records."""
