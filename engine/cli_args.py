"""Command-line parsing shared by the `wargame` commands (some live beside their engine code).

argparse would print and exit on its own; `ArgumentParser` raises `UsageError` instead so
each command decides: one line, exit code 2, never a traceback.
"""
from __future__ import annotations

import argparse


class UsageError(Exception):
    """A wrong command line: the caller prints it and exits 2. `prog` names the command."""

    def __init__(self, message: str, prog: str | None = None) -> None:
        super().__init__(message)
        self.prog = prog


class ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message, self.prog)
