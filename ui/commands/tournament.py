"""`wargame tournament`: the command line of the engine's `play_tournament` (arguments, progress
bar, the rating and pair tables, exit codes)."""
from __future__ import annotations

import sys

from engine.batch import BatchError, BatchFailed, BatchInterrupted, cached_scenario, print_errors, scenario_label
from engine.tournament import MAX_GAMES, TournamentError, check_agents, footer, need_two, parse_agents, play_tournament, tables, write_json
from ui.commands.args import UsageError as _UsageError
from ui.commands.batch import check_batch_arguments, check_writable, interrupted_exit, print_problems, save_json


def _parser():
    from ui.commands.args import ArgumentParser

    p = ArgumentParser(prog="wargame tournament",
                       description="Round robin between agents: every pair on both sides with paired seeds; Elo ratings with 95% intervals.")
    p.add_argument("scenario", help="shipped scenario name or path")
    p.add_argument("--agents", action="append", required=True, metavar="A,B,...",
                   help="agents, comma-separated, each NAME[:KEY=VALUE,...]; e.g. random,heuristic:level=easy,heuristic,heuristic:level=hard")
    p.add_argument("--games", type=int, default=10, help="games per pair and side (seeds SEED .. SEED+GAMES-1; default 10)")
    p.add_argument("--seed", type=int, default=1, metavar="N", help="seed of the first game of each pairing (default: 1)")
    p.add_argument("--workers", type=int, default=None, metavar="N", help="processes (default: all cores)")
    p.add_argument("--json", dest="json_path", default=None, metavar="FILE", help="write the games, pairs and ratings as JSON (default: none)")
    p.add_argument("--resume", default=None, metavar="FILE",
                   help="continue an interrupted tournament from its --json file (same arguments); writes to FILE unless --json says otherwise "
                        "(default: start afresh)")
    p.add_argument("--quiet", action="store_true", help="no progress bar and no tables (default: both)")
    return p


def run_tournament(args: list[str]) -> int:
    """`wargame tournament ...`: 0 on success, 1 for a scenario file that cannot be used (its
    problems at FILE:LINE:COL), 2 on a usage error (one line on stderr)."""
    from engine.errors import ScenarioError, ScenarioNotFound

    prog = "wargame tournament"
    try:
        try:
            ns = _parser().parse_args(args)
        except SystemExit as exc:           # --help
            return int(exc.code or 0)
        check_batch_arguments(ns)
        if ns.resume and not ns.json_path:
            ns.json_path = ns.resume
            check_writable(ns.json_path, "JSON file")
        try:
            entrants = parse_agents(ns.agents)
        except TournamentError as exc:
            raise _UsageError(f"--agents: {exc}") from None
        planned = len(entrants) * (len(entrants) - 1) * ns.games
        if planned > MAX_GAMES:
            raise _UsageError(f"--games {ns.games} with {len(entrants)} agents makes {planned} games; the limit is {MAX_GAMES} "
                              "(every game is kept for the ratings)")
        try:
            sc = cached_scenario(ns.scenario)
        except ScenarioNotFound as exc:         # a mistyped name; a broken file raises ScenarioError
            raise _UsageError(exc.problems[0].message) from None
        try:
            check_agents(sc, entrants)
            need_two(entrants)
        except TournamentError as exc:
            raise _UsageError(f"--agents: {exc}") from None
    except (_UsageError, BatchError) as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return 2
    except ScenarioError as exc:
        return print_problems(exc)

    from rich.console import Console

    agents = [(name, options) for _, name, options in entrants]
    total = len(entrants) * (len(entrants) - 1) * ns.games
    try:
        if ns.quiet:
            result = play_tournament(ns.scenario, agents, ns.games, ns.seed, ns.workers, resume=ns.resume)
        else:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

            with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                          TimeRemainingColumn(), console=Console(stderr=True), transient=False) as bar:
                task = bar.add_task(f"{scenario_label(sc, ns.scenario)}: {len(entrants)} agents", total=total)
                result = play_tournament(ns.scenario, agents, ns.games, ns.seed, ns.workers,
                                         progress=lambda done, _total, _rec: bar.update(task, completed=done), resume=ns.resume)
    except BatchInterrupted as exc:
        partial = exc.result
        if not save_json(prog, ns.json_path, lambda path: write_json(path, partial)):
            return 1
        return interrupted_exit(prog, exc, ns.json_path)
    except BatchFailed as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return 1
    except BatchError as exc:                   # bad arguments, or a --resume file of another tournament
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return 2
    except ScenarioError as exc:                # a --resume file that cannot be read
        return print_problems(exc)
    if not save_json(prog, ns.json_path, lambda path: write_json(path, result)):
        return 2
    if not ns.quiet:
        out = Console()
        for table in tables(result, result.timing):
            out.print(table)
        out.print(footer(result), highlight=False)
        print_errors(out, result["errors"], "agent errors (each stopped its game, scored as a loss for that agent)")
        out.print(f"{result.timing['seconds']:.1f} s, {result.timing['games_per_minute']:.0f} games/minute"
                  + (f"; JSON written to {ns.json_path}" if ns.json_path else ""), highlight=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(run_tournament(sys.argv[1:]))
