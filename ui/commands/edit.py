"""`wargame edit`: the scenario editor's command line (the window, or `--resave` without one)."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ui.commands.args import EXIT_FAIL, EXIT_OK, ArgumentParser, UsageError, UserError, positive_int, print_err


def _parser() -> argparse.ArgumentParser:
    p = ArgumentParser(prog="wargame edit", description="Open a scenario in the scenario editor (see docs/EDITOR.md).")
    p.add_argument("scenario", nargs="?", default="tutorial_river",
                   help="scenario file, folder or shipped name (default: tutorial_river); with --new, where to write the new one")
    p.add_argument("--resave", action="store_true",
                   help="load and save the scenario without opening a window: the files come out byte for byte the same")
    p.add_argument("--out", default=None, metavar="PATH",
                   help="with --resave: write to this file (or folder, for a folder scenario) instead of over the scenario")
    new = p.add_argument_group("a new scenario (--new PATH: a .yaml file, or a folder for scenario.yaml, map.yaml and units.yaml)")
    new.add_argument("--new", action="store_true", help="start a new scenario at PATH (never over an existing one)")
    new.add_argument("--columns", type=positive_int, default=20, help="a blank map's columns (default 20)")
    new.add_argument("--rows", type=positive_int, default=15, help="a blank map's rows (default 15)")
    new.add_argument("--bbox", nargs=4, type=float, default=None, metavar=("W", "S", "E", "N"),
                     help="the map of this longitude/latitude box from real geography (the mapgen extra), instead of a blank map")
    new.add_argument("--hex-km", type=float, default=5.0, metavar="K", help="km between neighbouring hex centres (default 5)")
    new.add_argument("--title", default="New scenario")
    new.add_argument("--start-date", type=_date, default=dt.date(1944, 6, 6), metavar="YYYY-MM-DD")
    new.add_argument("--turns", type=positive_int, default=10)
    new.add_argument("--days-per-turn", type=positive_int, default=1)
    return p


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date written YYYY-MM-DD") from None


def run_edit(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    from engine.errors import ScenarioError
    from ui.editor.model import open_draft

    if args.new:
        args.scenario = str(_new(args))
        if args.resave:
            print(f"wargame edit: wrote the new scenario {args.scenario}", file=sys.stderr)
            return EXIT_OK

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
        raise UsageError("--out goes with --resave", "wargame edit")
    from ui.editor.app import run_editor

    return run_editor(draft)


def _new(args: argparse.Namespace) -> Path:
    import math

    from ui.editor.new import MAX_BLANK, NewScenario, write_new

    if not (math.isfinite(args.hex_km) and args.hex_km > 0):
        raise UsageError(f"--hex-km must be a positive number, not {args.hex_km:g}", "wargame edit")
    if args.columns > MAX_BLANK or args.rows > MAX_BLANK:
        raise UsageError(f"a blank map has at most {MAX_BLANK} columns and rows", "wargame edit")
    new = NewScenario(title=args.title, start_date=args.start_date, turns=args.turns, days_per_turn=args.days_per_turn,
                      hex_km=args.hex_km, columns=args.columns, rows=args.rows)
    bbox = tuple(args.bbox) if args.bbox else None
    if bbox is not None:
        west, south, east, north = bbox
        if not all(math.isfinite(v) for v in bbox) or west >= east or south >= north:
            raise UsageError("--bbox W S E N: west less than east, south less than north", "wargame edit")
        try:
            import engine.mapgen  # noqa: F401
        except ImportError as exc:
            raise UserError(f"wargame edit: --bbox needs the map generator's data (pip install 'wargame[mapgen]'): {exc}") from None
    try:
        return write_new(Path(args.scenario), new, bbox)
    except FileExistsError as exc:
        raise UserError(f"wargame edit: {exc}") from None
    except (ValueError, RuntimeError) as exc:
        raise UsageError(str(exc), "wargame edit") from None
    except OSError as exc:
        raise UserError(f"wargame edit: cannot write {args.scenario}: {exc.strerror or exc}") from None


def _resave(draft, out: str | None) -> int:
    try:
        result = draft.save(out)
    except OSError as exc:
        raise UserError(f"wargame edit: cannot save: {exc.filename + ': ' if exc.filename else ''}{exc.strerror or exc}") from None
    for problem in result.problems:
        print_err(str(problem).replace(": error: ", ": warning: ", 1))
    print(f"wargame edit: {result.message()}", file=sys.stderr)
    return EXIT_OK if result.written is not None else EXIT_FAIL
