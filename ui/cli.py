"""The `wargame` command.

Commands that need no window never import pygame (and commands that need no path search
never import numba). Usage errors exit 2; bad files exit 1; no traceback reaches a user
(set WARGAME_DEBUG=1 to see one).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Callable, Sequence

from ui.commands.args import (
    EXIT_FAIL,
    EXIT_OK,
    EXIT_USAGE,
    ArgumentParser,
    UsageError,
    UserError,
    nonneg_int as _nonneg_int,
    positive_int as _positive_int,
    print_err as _print_err,
)


def _say(text: object = "") -> None:
    """Print to stdout with control and invisible characters escaped (names come from files)."""
    from engine.errors import printable

    print(printable(text, keep_newlines=True))


# -- commands -----------------------------------------------------------------------
def cmd_list(args: argparse.Namespace) -> int:
    from engine.catalog import shipped_headers

    found = shipped_headers()                 # headers only: fast however many are shipped
    if not found:
        _say("no scenarios shipped")
        return EXIT_OK
    width = max(len(n) for n in found)
    for name, h in found.items():
        if isinstance(h, Exception):          # a broken shipped file must not hide the others
            _say(f"{name:<{width}}  (cannot be read: {h.problems[0].message})")
            continue
        sides = " v ".join(h.sides)
        _say(f"{h.name:<{width}}  {h.title}  ({h.start_date:%d %b %Y} - {h.end_date:%d %b %Y}, {h.turns} turns; {sides})")
    return EXIT_OK


def cmd_info(args: argparse.Namespace) -> int:
    from engine.scenario import load_scenario

    sc = load_scenario(args.scenario)
    m = sc.model
    end = sc.date_of_turn(sc.turns)
    _say(f"{sc.title}  [{sc.name}]")
    if m.description:
        _say(" ".join(m.description.split()))
    _say(f"Dates:    {sc.start_date:%d %B %Y} to {end:%d %B %Y}: {sc.turns} turns of {m.days_per_turn} day{'s' if m.days_per_turn > 1 else ''}")
    _say(f"Map:      {sc.map.columns} x {sc.map.rows} hexes of {m.hex_km:g} km; {len(sc.map.names)} named places; rules '{sc.rules.name}'")
    for i, side in enumerate(sc.sides):
        units = [u for u in sc.units if u.side == i]
        start = sum(1 for u in units if u.arrive_turn == 0)
        air = m.air_points.get(side.id, 0)
        later = len(units) - start
        if isinstance(air, int):
            air_text = f"{_count(air, 'air point')} per turn"
        else:                                   # a schedule: {turn or date, points} entries
            steps = ", ".join(f"{e.points} from {e.date:%d %b %Y}" if e.date else f"{e.points} from turn {e.turn or 1}" for e in air)
            air_text = f"air points per turn: {steps or 'none'}"
        _say(f"Side {i + 1}:   {side.name} ({side.id}): {_count(start, 'unit')} at start, {_count(later, 'reinforcement')}, {air_text}")
    _say(f"Moves first: {sc.sides[0].name}; fog of war: {'on' if m.fog_of_war else 'off'}")
    if m.victory:
        for o in m.victory.objectives:
            when = f" by turn {o.by_turn}" if o.by_turn else ""
            _say(f"Objective: {o.name} ({o.side}{when}, {o.vp} VP)")
    for rule in m.special_rules:
        _say(f"Special rule: {rule.rule} for {rule.side}" + (f" - {rule.note}" if rule.note else ""))
    return EXIT_OK


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def cmd_validate(args: argparse.Namespace) -> int:
    from engine.errors import ScenarioError
    from engine.scenario import validate

    bad = 0
    for target in args.files:
        try:
            problems = validate(target)
        except ScenarioError as exc:
            problems = exc.problems
        for p in problems:
            print(p)                                  # a Problem prints with its text escaped
        if problems:
            bad += 1
        elif not args.quiet:
            _say(f"{target}: ok")
    if bad and not args.quiet:
        print(f"{bad} of {len(args.files)} file{'s' if len(args.files) > 1 else ''} with problems", file=sys.stderr)
    return EXIT_FAIL if bad else EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from engine.scenario.schema import scenario_schema

    text = json.dumps(scenario_schema(), indent=2)
    if args.out:
        from engine.files import write_text_atomic

        folder = Path(args.out).parent
        if str(folder) and not folder.is_dir():
            raise UserError(f"wargame schema: cannot write {args.out}: folder {folder} does not exist")
        try:
            write_text_atomic(args.out, text + "\n")
        except OSError as exc:
            raise UserError(f"wargame schema: cannot write {args.out}: {exc.strerror or exc}") from None
        print(f"wrote {args.out}", file=sys.stderr)
    else:
        print(text)
    return EXIT_OK


def cmd_replay(args: argparse.Namespace) -> int:
    from engine.game import Game
    from engine.savefile import read_json

    data = read_json(Path(args.file))
    scenario = None
    if args.scenario:
        from engine.scenario import load_scenario

        scenario = load_scenario(args.scenario)
    folder = Path(args.file).parent
    if args.verify:
        from engine.errors import ReplayMismatch

        try:
            game = Game.from_json(data, args.file, scenario, folder=folder)
        except ReplayMismatch as exc:
            _say(f"{args.file}: FAILED: {exc.problems[0].message}")
            return EXIT_FAIL
        _say(f"{args.file}: ok: {len(game.orders)} orders replayed, final state {game.state_hash()[:16]} matches")
        return EXIT_OK
    game = Game.from_json(data, args.file, scenario, verify=False, folder=folder)
    from ui.replay_text import print_replay

    print_replay(game, limit_turns=args.turns)
    return EXIT_OK


def cmd_simulate(args: list[str]) -> int:
    from ui.commands.batch import run_simulate

    return run_simulate(args)


def cmd_history(args: list[str]) -> int:
    from ui.commands.batch import run_history

    return run_history(args)


def cmd_tournament(args: list[str]) -> int:
    from ui.commands.tournament import run_tournament

    return run_tournament(args)


def cmd_render(args: argparse.Namespace) -> int:
    from engine.errors import NotAMapBlock, ScenarioError
    from engine.scenario import load_scenario
    from engine.scenario.load import load_map_block

    try:
        sc = load_scenario(args.scenario)
    except ScenarioError as exc:
        # A bare map block (e.g. from `wargame mapgen`) is drawn too.
        if not Path(args.scenario).is_file():
            raise
        try:
            sc = load_map_block(args.scenario)
        except NotAMapBlock:
            raise exc from None
        args.units = False
    out = Path(args.out)
    if out.suffix.lower() != ".png":
        raise UsageError(f"wargame render: --out must name a .png file, not '{args.out}'")
    if not out.parent.exists() if str(out.parent) else False:
        raise UsageError(f"wargame render: folder '{out.parent}' does not exist")
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    from ui.render import render_scenario_png

    game = None
    if args.units:
        from engine.game import Game

        game = Game(sc, seed=0)
    from ui.render import RenderError

    try:
        render_scenario_png(sc, out, game=game, hex_px=args.hex_px)
    except RenderError as exc:
        raise UserError(f"wargame render: {exc}") from None
    _say(f"wrote {out}")
    return EXIT_OK


def cmd_play(args: argparse.Namespace) -> int:
    import engine.ai as ai

    try:
        name, options = ai.parse_spec(args.ai)
        ai.make(name, side="_", **options)
    except ai.AgentError as exc:
        raise UsageError(f"wargame play: --ai {args.ai}: {exc}") from None
    from ui.app import run

    return run(args.scenario, side=args.side, ai=args.ai, seed=args.seed, load=args.load, pbem=args.pbem)


def cmd_edit(args: list[str]) -> int:
    from ui.commands.edit import run_edit

    return run_edit(args)


def cmd_mapgen(args: list[str]) -> int:
    from ui.commands.mapgen import run_mapgen

    return run_mapgen(args)


# -- parser ---------------------------------------------------------------------------
class PlayParser(ArgumentParser):
    """`wargame play --help` ends with each shipped scenario's sides, id and name (headers only: fast)."""

    def format_help(self) -> str:
        from engine.catalog import shipped_headers

        lines = []
        for name, h in shipped_headers().items():
            if isinstance(h, Exception):
                continue
            sides = ", ".join(f"{i} ({n})" if n.casefold() != i.casefold() else i for i, n in zip(h.side_ids, h.sides))
            lines.append(f"  {name}: {sides}")
        extra = "\nsides of the shipped scenarios (--side takes the id or the name):\n" + "\n".join(lines) + "\n" if lines else ""
        return super().format_help() + extra


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(prog="wargame", description="Operational WWII hex wargame: play, simulate, check and draw scenarios.")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=ArgumentParser)

    p = sub.add_parser("play", help="open the desktop game")
    p.__class__ = PlayParser            # the same parser, whose help also lists the shipped scenarios' sides
    p.add_argument("scenario", nargs="?", default=None, help="scenario name or path (default: normandy_1944)")
    p.add_argument("--side", default=None, metavar="SIDE",
                   help="the side to play against the AI, by id or by name as the menu shows it (axis or Germany), "
                        "'hotseat' or 'watch' (default: the scenario's first side); the shipped scenarios' sides are listed below")
    p.add_argument("--ai", default="heuristic", help="AI opponent: random, heuristic, heuristic:level=easy|hard (default: heuristic)")
    p.add_argument("--seed", type=_nonneg_int, default=None)
    p.add_argument("--load", default=None, metavar="FILE", help="load a saved game")
    p.add_argument("--pbem", default=None, metavar="FILE",
                   help="play by e-mail: open the turn file your opponent sent, play your turn; the answer is written when it ends")
    p.set_defaults(func=cmd_play)

    sub.add_parser("simulate", help="AI-vs-AI games headless (see: wargame simulate --help)", add_help=False)
    sub.add_parser("history", help="AI-vs-AI games against the scenario's history: milestones (see: wargame history --help)",
                   add_help=False)
    sub.add_parser("tournament", help="round robin between agents, both sides, Elo ratings (see: wargame tournament --help)",
                   add_help=False)

    p = sub.add_parser("validate", help="check scenario files; problems as FILE:LINE:COL: error: MESSAGE")
    p.add_argument("files", nargs="+", metavar="FILE", help="scenario file, folder or shipped name")
    p.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("schema", help="print the JSON Schema of scenario files (for editors)")
    p.add_argument("--out", default=None, help="write to a file instead of printing")
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("render", help="draw a scenario's map and units to a PNG, headless")
    p.add_argument("scenario")
    p.add_argument("--out", required=True, metavar="FILE.png")
    p.add_argument("--hex-px", type=_positive_int, default=None, help="hex size in pixels (default: fit to about 2000 px)")
    p.add_argument("--no-units", dest="units", action="store_false", help="draw the map only")
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("replay", help="show a replay or saved game; --verify re-runs it and checks the final state")
    p.add_argument("file")
    p.add_argument("--verify", action="store_true")
    p.add_argument("--scenario", default=None, metavar="SCENARIO",
                   help="the scenario the game was played on (name or path), when the save names a path outside its folder")
    p.add_argument("--turns", type=_positive_int, default=None, help="show only the first N turns")
    p.set_defaults(func=cmd_replay)

    p = sub.add_parser("list", help="the shipped scenarios")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("info", help="one scenario's summary")
    p.add_argument("scenario")
    p.set_defaults(func=cmd_info)

    sub.add_parser("mapgen", help="build a map block from real geography (see: wargame mapgen --help)", add_help=False)
    sub.add_parser("edit", help="the scenario editor: paint the map, place units, live validation (see: wargame edit --help)",
                   add_help=False)
    return parser


PASSTHROUGH: dict[str, Callable[[list[str]], int]] = {"simulate": cmd_simulate, "history": cmd_history, "tournament": cmd_tournament,
                                                      "mapgen": cmd_mapgen, "edit": cmd_edit}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        return _dispatch(argv)
    except UsageError as exc:
        _print_err(f"{exc.prog + ': ' if exc.prog else ''}{exc}\nTry 'wargame --help'.")
        return EXIT_USAGE
    except UserError as exc:
        _print_err(str(exc))
        return EXIT_FAIL
    except KeyboardInterrupt:
        _print_err("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the last line of defence: no traceback reaches a user
        from engine.errors import IllegalOrder, ScenarioError

        if os.environ.get("WARGAME_DEBUG"):
            raise
        if isinstance(exc, ScenarioError):
            for p in exc.problems:
                _print_err(str(p))
        elif isinstance(exc, IllegalOrder):
            _print_err(f"wargame: illegal order: {exc}")
        elif isinstance(exc, OSError):
            _print_err(f"wargame: {exc.filename + ': ' if exc.filename else ''}{exc.strerror or exc}")
        else:
            _print_err(f"wargame: internal error ({type(exc).__name__}: {exc}); run with WARGAME_DEBUG=1 for details")
        return EXIT_FAIL


def _dispatch(argv: list[str]) -> int:
    if argv and argv[0] in PASSTHROUGH:
        return PASSTHROUGH[argv[0]](argv[1:])
    parser = build_parser()
    if not argv:
        parser.print_help()
        return EXIT_USAGE
    args = parser.parse_args(argv)
    if args.version:
        import engine

        print(f"wargame {engine.__version__}")
        return EXIT_OK
    if not getattr(args, "command", None):
        raise UsageError("wargame: give a command")
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
