"""`wargame edit`: the scenario editor's command line (the window, or `--resave` without one)."""
from __future__ import annotations

import argparse
import sys

from ui.commands.args import EXIT_FAIL, EXIT_OK, ArgumentParser, UserError, print_err


def _parser() -> argparse.ArgumentParser:
    p = ArgumentParser(prog="wargame edit", description="Open a scenario in the scenario editor (see docs/EDITOR.md).")
    p.add_argument("scenario", nargs="?", default="tutorial_river", help="scenario file, folder or shipped name (default: tutorial_river)")
    p.add_argument("--resave", action="store_true",
                   help="load and save the scenario without opening a window: the files come out byte for byte the same")
    p.add_argument("--out", default=None, metavar="PATH",
                   help="with --resave: write to this file (or folder, for a folder scenario) instead of over the scenario")
    return p


def run_edit(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    from engine.errors import ScenarioError
    from ui.editor.model import open_draft

    try:
        draft = open_draft(args.scenario)
    except ScenarioError as exc:
        for problem in exc.problems:
            print_err(str(problem))
        print_err("wargame edit: cannot open the scenario (see the problems above)")
        return EXIT_FAIL
    if args.resave:
        return _resave(draft, args.out)
    if args.out:
        from ui.commands.args import UsageError

        raise UsageError("--out goes with --resave", "wargame edit")
    from ui.editor.app import run_editor

    return run_editor(draft)


def _resave(draft, out: str | None) -> int:
    try:
        result = draft.save(out)
    except OSError as exc:
        raise UserError(f"wargame edit: cannot save: {exc.filename + ': ' if exc.filename else ''}{exc.strerror or exc}") from None
    for problem in result.problems:
        print_err(str(problem).replace(": error: ", ": warning: ", 1))
    print(f"wargame edit: {result.message()}", file=sys.stderr)
    return EXIT_OK if result.written is not None else EXIT_FAIL
