"""The command lines of the batch commands, `wargame simulate` and `wargame history`: their
arguments, checks, progress bar, tables and exit codes, over the engine's `run_batch`.

    from ui.commands.batch import run_simulate
    run_simulate(["tutorial_river", "--games", "20"])     # the exit code; what the command prints
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any, Callable, Mapping

from engine.batch import (
    MAX_SEED,
    RAY_TIMEOUT,
    AgentSpec,
    BatchError,
    BatchFailed,
    BatchInterrupted,
    BatchResult,
    cached_scenario,
    normalize_agents,
    print_errors,
    run_batch,
    scenario_label,
    summary_table,
    write_json,
)
from engine.errors import ScenarioError
from ui.commands.args import EXIT_FAIL, ArgumentParser as _Parser, UsageError as _UsageError, print_err


def batch_parser(prog: str, description: str, explain: bool = True, resume: bool = True) -> argparse.ArgumentParser:
    """The arguments of the commands that play a batch of AI games (simulate, history)."""
    p = _Parser(prog=prog, description=description)
    p.add_argument("scenario", help="shipped scenario name or path")
    p.add_argument("--ai", action="append", default=[], metavar="[SIDE=]NAME[:OPT=VAL,...]",
                   help="agent for both sides (NAME) or one side (SIDE=NAME); e.g. --ai heuristic:level=hard --ai red=random "
                        "(default: heuristic for every side)")
    p.add_argument("--games", type=int, default=100, metavar="N", help="games to play, with seeds SEED .. SEED+N-1 (default: 100)")
    p.add_argument("--seed", type=int, default=1, metavar="N", help="seed of the first game (default: 1)")
    p.add_argument("--workers", type=int, default=None, metavar="N", help="processes (default: all cores)")
    p.add_argument("--max-turns", type=int, default=None, metavar="N", help="stop each game after this turn (default: the scenario's length)")
    p.add_argument("--json", dest="json_path", default=None, metavar="FILE",
                   help="write every game and the summary as JSON, game by game as they finish (default: none)")
    p.add_argument("--replays", default=None, metavar="DIR", help="write a replay file per game there (default: none)")
    if explain:
        p.add_argument("--explain", default=None, metavar="DIR",
                       help="agents that explain their plans (planner) write them there, a JSON-lines file per game and side (default: none)")
    p.add_argument("--ray", nargs="?", const="local", default=None, metavar="ADDRESS",
                   help="run on Ray: a local runtime, or 'auto' / an address for a cluster (default: local processes)")
    p.add_argument("--ray-timeout", type=float, default=RAY_TIMEOUT, metavar="SECONDS",
                   help=f"give up on a Ray address that does not answer within this time (default {RAY_TIMEOUT:g})")
    if resume:
        p.add_argument("--resume", default=None, metavar="FILE",
                       help="continue an interrupted batch from its --json file (same arguments); writes to FILE unless --json says otherwise "
                            "(default: start afresh)")
    p.add_argument("--quiet", action="store_true", help="no progress bar and no table (default: both)")
    return p


def _parser() -> argparse.ArgumentParser:
    return batch_parser("wargame simulate", "Play AI-vs-AI games headless and summarise them.")


EXIT_INTERRUPTED = 130          # 128 + SIGINT, as shells report it
EXIT_TERMINATED = 143           # 128 + SIGTERM


def interrupted_exit(prog: str, exc: "BatchInterrupted", json_path: str | None, resume_hint: bool = True) -> int:
    """Say why a batch stopped and where its finished games are; the exit code: 130 for
    SIGINT, 143 for SIGTERM, 1 when a worker died."""
    where = ""
    if json_path:
        where = f"; the finished games are in {json_path} (\"complete\": false)"
        if resume_hint:
            where += f"; add --resume {json_path} to the same command to play the rest"
    print(f"{prog}: {exc.reason}{where}", file=sys.stderr)
    return EXIT_TERMINATED if exc.signum == 15 else EXIT_INTERRUPTED if exc.signum else 1


def save_json(prog: str, path: str | None, write: Callable[[str], None]) -> bool:
    """Write a batch command's `--json` with `write(path)` (if asked); False (with the error
    said) if it cannot."""
    if not path:
        return True
    try:
        write(path)
    except OSError as exc:
        print(f"{prog}: error: cannot write {path}: {exc.strerror or exc}", file=sys.stderr)
        return False
    return True


def check_batch_arguments(ns: Any) -> None:
    """The arguments every batch command shares: --games, --workers, --seed, --json."""
    if ns.games < 1:
        raise _UsageError(f"--games must be at least 1, not {ns.games}")
    if ns.workers is not None and ns.workers < 1:
        raise _UsageError(f"--workers must be at least 1, not {ns.workers}")
    if ns.seed < 0:
        raise _UsageError(f"--seed must be >= 0, not {ns.seed}")
    if ns.seed + ns.games - 1 > MAX_SEED:
        raise _UsageError(f"--seed + --games - 1 must be at most {MAX_SEED} (2^63 - 1), not {ns.seed + ns.games - 1}")
    if ns.json_path:
        check_writable(ns.json_path, "JSON file")


def _with_explanations(specs: dict[str, tuple[str, dict]], folder: str, label: str) -> dict[str, tuple[str, dict]]:
    """Give every agent that can explain its plans (an `explain` option) a file per game in `folder`."""
    from engine.ai.base import _REGISTRY

    out = {}
    explaining = []
    for side, (name, opts) in specs.items():
        cls = _REGISTRY.get(name)
        if cls is not None and "explain" in getattr(cls, "options", {}):
            opts = {**opts, "explain": str(Path(folder) / f"{label}_{{seed:06d}}_{side}.jsonl")}
            explaining.append(side)
        out[side] = (name, opts)
    if not explaining:
        raise _UsageError("--explain: none of these agents explains its plans (the planner does)")
    return out


def _parse_agent(text: str) -> tuple[str | None, str, dict[str, Any]]:
    """'SIDE=NAME:KEY=VALUE,...' or 'NAME:...' -> (side or None, name, options)."""
    import engine.ai as ai

    head, colon, opts = text.partition(":")
    side, _, name = head.partition("=") if "=" in head else ("", "", head)
    try:
        name, options = ai.parse_spec(name + colon + opts)
    except ai.AgentError as exc:
        raise _UsageError(f"--ai {text}: {exc}") from None
    return (side.strip() or None), name, options


def check_writable(path: str, what: str) -> None:
    p = Path(path)
    if p.is_dir():
        raise _UsageError(f"{what} {path} is a directory")
    parent = p.parent if str(p.parent) else Path(".")
    if not parent.exists():
        raise _UsageError(f"cannot write {what} {path}: folder {parent} does not exist")
    if not os.access(parent, os.W_OK) or (p.exists() and not os.access(p, os.W_OK)):
        raise _UsageError(f"cannot write {what} {path}: permission denied")
    from engine.files import check_target

    try:
        check_target(p)
    except OSError as exc:
        raise _UsageError(f"cannot write {what} {path}: {exc.strerror}") from None


def prepare_batch(ns: Any) -> tuple[Any, dict[str, AgentSpec]]:
    """The scenario and {side: (agent, options)} of a batch command's parsed arguments (those of
    `batch_parser`); _UsageError or BatchError with a one-line message, ScenarioError (every
    problem at its FILE:LINE:COL) for a scenario file that cannot be used."""
    from engine.errors import ScenarioNotFound

    check_batch_arguments(ns)
    if ns.max_turns is not None and ns.max_turns < 1:
        raise _UsageError(f"--max-turns must be at least 1, not {ns.max_turns}")
    if getattr(ns, "resume", None) and not ns.json_path:
        ns.json_path = ns.resume
        check_writable(ns.json_path, "JSON file")
    if not ns.ray_timeout > 0 or ns.ray_timeout > 3600:
        raise _UsageError(f"--ray-timeout must be more than 0 and at most 3600 seconds, not {ns.ray_timeout:g}")
    for flag, folder in (("--replays", ns.replays), ("--explain", getattr(ns, "explain", None))):
        if not folder:
            continue
        rp = Path(folder)
        if rp.exists() and not rp.is_dir():
            raise _UsageError(f"{flag} {folder} is not a directory")
        try:
            rp.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _UsageError(f"cannot create the folder {folder} ({flag}): {exc.strerror or exc}") from None
        if not os.access(rp, os.W_OK):
            raise _UsageError(f"cannot write to {folder} ({flag}): permission denied")
    if ns.ray is not None:
        try:
            import ray  # noqa: F401
        except ImportError:
            raise _UsageError("--ray needs Ray: pip install 'wargame[cluster]' (or pip install ray)") from None
    try:
        sc = cached_scenario(ns.scenario)
    except ScenarioNotFound as exc:             # a mistyped name; a broken file raises ScenarioError
        raise _UsageError(exc.problems[0].message) from None
    agents: dict[str, Any] = {}
    both = None
    for text in ns.ai or ["heuristic"]:
        side, name, options = _parse_agent(text)
        if side is None:
            both = (name, options)
        else:
            agents[side] = (name, options)
    if both is not None:
        agents = {s: agents.get(s, both) for s in sc.side_ids}
    elif agents and set(agents) != set(sc.side_ids):
        unknown = [s for s in agents if s not in sc.side_ids]
        if not unknown:
            missing = [s for s in sc.side_ids if s not in agents]
            agents.update({s: ("heuristic", {}) for s in missing})
    specs = normalize_agents(sc, agents)
    if getattr(ns, "explain", None):
        specs = _with_explanations(specs, ns.explain, scenario_label(sc, ns.scenario))
    return sc, specs


def agents_label(specs: Mapping[str, AgentSpec]) -> str:
    return " vs ".join(f"{s}={n}" + (":" + ",".join(f"{k}={v}" for k, v in o.items()) if o else "") for s, (n, o) in specs.items())


def play_batch(ns: Any, sc: Any, specs: dict[str, AgentSpec], console: Any, keep_games: bool = False) -> BatchResult:
    """Run the batch of a command's parsed arguments, with a progress bar on `console` unless
    --quiet; the games stream to --json as they finish (and are kept in the result only with
    `keep_games`). BatchError, BatchInterrupted, BatchFailed as run_batch."""
    run = dict(workers=ns.workers, max_turns=ns.max_turns, replay_dir=ns.replays, ray_address=ns.ray,
               json_path=None if keep_games else ns.json_path, keep_games=keep_games,
               resume=getattr(ns, "resume", None), ray_timeout=ns.ray_timeout)
    if ns.quiet:
        return run_batch(ns.scenario, ns.games, ns.seed, specs, **run)  # type: ignore[arg-type]
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TimeRemainingColumn(), console=console, transient=False) as bar:
        task = bar.add_task(f"{scenario_label(sc, ns.scenario)}: {agents_label(specs)}", total=ns.games)
        return run_batch(ns.scenario, ns.games, ns.seed, specs,  # type: ignore[arg-type]
                         progress=lambda done, total, rec: bar.update(task, completed=done), **run)


def print_problems(exc: ScenarioError) -> int:
    """A scenario (or --resume file) that cannot be used: each problem as FILE:LINE:COL: error:
    MESSAGE on stderr, as `wargame validate` prints them; the exit code 1."""
    for problem in exc.problems:
        print(problem, file=sys.stderr)
    return EXIT_FAIL


def run_simulate(args: list[str]) -> int:
    """`wargame simulate ...`: 0 on success, 1 for a scenario file that cannot be used (its
    problems at FILE:LINE:COL), 2 on a usage error (one line on stderr)."""
    try:
        try:
            ns = _parser().parse_args(args)
        except SystemExit as exc:           # --help
            return int(exc.code or 0)
        sc, specs = prepare_batch(ns)
    except (_UsageError, BatchError) as exc:
        print(f"wargame simulate: error: {exc}", file=sys.stderr)
        return 2
    except ScenarioError as exc:
        return print_problems(exc)

    from rich.console import Console

    console = Console(stderr=True)
    label = agents_label(specs)
    try:
        result = play_batch(ns, sc, specs, console)
    except BatchInterrupted as exc:
        return interrupted_exit("wargame simulate", exc, ns.json_path)
    except BatchFailed as exc:
        print(f"wargame simulate: error: {exc}", file=sys.stderr)
        return 1
    except BatchError as exc:
        print(f"wargame simulate: error: {exc}", file=sys.stderr)
        return 2
    except ScenarioError as exc:                # the file given to --resume
        return print_problems(exc)
    except OSError as exc:
        print(f"wargame simulate: error: cannot write {ns.json_path}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    if not ns.quiet:
        out = Console()
        rate = result.timing["games_per_minute"]
        out.print(summary_table(result["summary"], title=f"{result['scenario']}: {label} ({ns.games} games, seeds {ns.seed}-{ns.seed + ns.games - 1})"))
        print_errors(out, result["summary"]["errors"])
        out.print(f"{result.timing['seconds']:.1f} s, {rate:.0f} games/minute" + (f"; JSON written to {ns.json_path}" if ns.json_path else "")
                  + (f"; replays in {ns.replays}" if ns.replays else ""))
    return 0


def run_history(args: list[str]) -> int:
    """`wargame history`: AI-vs-AI games (as simulate plays them) against the scenario's
    milestones: the table, and optionally the JSON and the timeline chart."""
    from engine import history

    prog = "wargame history"
    try:
        parser = batch_parser(prog, "Play AI-vs-AI games and compare them with the scenario's history: block.", explain=False, resume=False)
        parser.add_argument("--plot", default=None, metavar="FILE.png", help="draw the timeline chart of the milestones to a PNG")
        try:
            ns = parser.parse_args(args)
        except SystemExit as exc:           # --help
            return int(exc.code or 0)
        sc, specs = prepare_batch(ns)
    except (_UsageError, BatchError) as exc:
        print_err(f"{prog}: error: {exc}")
        return 2
    except ScenarioError as exc:
        return print_problems(exc)
    if sc.model.history is None:
        print_err(f"{prog}: {scenario_label(sc, ns.scenario)} has no history: block, so there is nothing to compare "
                   "the games with (docs/SCENARIOS.md, 'History' says how to write one)")
        return 1
    from ui.history_view import PlotError, check_plot_path, history_table, plot_history

    if ns.plot:
        try:
            check_plot_path(ns.plot)
        except PlotError as exc:
            print_err(f"{prog}: error: {exc}")
            return 2
    from rich.console import Console

    try:
        result = play_batch(ns, sc, specs, Console(stderr=True), keep_games=True)
    except BatchInterrupted as exc:
        return interrupted_exit(prog, exc, None)
    except BatchFailed as exc:
        print_err(f"{prog}: error: {exc}")
        return 1
    except BatchError as exc:
        print_err(f"{prog}: error: {exc}")
        return 2
    report = history.report(sc, result["games"])
    result["history"] = report
    if not save_json(prog, ns.json_path, lambda path: write_json(path, result)):
        return 2
    title = (f"{result['scenario']}: {agents_label(specs)} ({ns.games} games, seeds {ns.seed}-{ns.seed + ns.games - 1})")
    if ns.plot:
        try:
            plot_history(report, ns.plot, title)
        except PlotError as exc:
            print_err(f"{prog}: error: {exc}")
            return 1
    out = Console()
    if not out.is_terminal:                 # a file or a pipe: room for the whole table
        out = Console(width=150)
    out.print(history_table(report, title))
    print_errors(out, result["summary"]["errors"])
    if not ns.quiet:
        out.print(f"{result.timing['seconds']:.1f} s" + (f"; JSON written to {ns.json_path}" if ns.json_path else "")
                  + (f"; chart drawn to {ns.plot}" if ns.plot else "") + (f"; replays in {ns.replays}" if ns.replays else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(run_simulate(sys.argv[1:]))
