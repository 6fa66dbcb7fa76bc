"""What every `wargame` command shares: the exit codes, the errors a command raises for its
caller to print, and an argparse that raises instead of exiting.

argparse would print and exit on its own; `ArgumentParser` raises `UsageError` instead so
each command decides: one line, exit code 2, never a traceback.
"""
from __future__ import annotations

import argparse
import sys
from typing import Callable

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A wrong command line: the caller prints it and exits 2. `prog` names the command."""

    def __init__(self, message: str, prog: str | None = None) -> None:
        super().__init__(message)
        self.prog = prog


class UserError(Exception):
    """Something the user can fix (an unwritable output file ...): printed, exit code 1."""


class ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message, self.prog)


def print_err(message: str) -> None:
    """Print to stderr with control and invisible characters escaped (names come from files)."""
    from engine.errors import printable

    print(printable(message, keep_newlines=True), file=sys.stderr)


def int_at_least(low: int, what: str) -> Callable[[str], int]:
    """An argparse `type` for whole numbers of at least `low` ("at least 1", "0 or more")."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
        if value < low:
            raise argparse.ArgumentTypeError(f"must be {what}, not {value}")
        return value
    return parse


positive_int = int_at_least(1, "at least 1")
nonneg_int = int_at_least(0, "0 or more")
