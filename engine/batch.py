"""Many AI-vs-AI games, headless: one record per game, a summary, replays; local processes or Ray.

    from engine.batch import run_batch
    result = run_batch("tutorial_river", games=100, seed=1, agents={"blue": ("heuristic", {}), "red": ("random", {})})
    result["summary"]["wins"]["blue"]        # {"wins": 97, "rate": 0.97, "ci95": [0.915, 0.99]}

Game i is played with seed `seed + i` and its agents seeded from that seed and their side,
so a record depends on its seed only: the JSON of a batch is byte-identical whatever the
number of workers (records are sorted by seed; timings are kept out of the JSON, in
`result.timing`). `wargame simulate` is `run_simulate`.

An agent that raises an exception (or keeps giving illegal orders until its phase runs out of
orders) does not stop the batch: its game stops there, unharmed, with level "error" and an
`error` entry (turn, side, agent, what went wrong), and the summary lists every such error.
"""
from __future__ import annotations

import argparse
import json
import math
import multiprocessing
import os
import sys
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any, Callable, Mapping

AgentSpec = tuple[str, dict[str, Any]]
Progress = Callable[[int, int, dict[str, Any]], None]     # (done, total, record)

_SCENARIOS: dict[str, Any] = {}     # per process: scenario name/path -> loaded Scenario


class BatchError(ValueError):
    """Bad arguments to a batch run (unknown agent or side, games < 1 ...): a one-line message."""


class BatchResult(dict):
    """{"scenario", "games", "summary"} (the deterministic JSON) plus `.timing` (not JSON)."""

    timing: dict[str, Any]


def _scenario(name_or_path: Any):
    """Load a scenario once per process (workers reuse it for every game they play)."""
    from engine.scenario import Scenario, load_scenario

    if isinstance(name_or_path, Scenario):
        return name_or_path
    key = str(name_or_path)
    sc = _SCENARIOS.get(key)
    if sc is None:
        sc = _SCENARIOS[key] = load_scenario(key)
    return sc


def _scenario_label(sc: Any, given: Any) -> str:
    return sc.name or (sc.model.id or "") or str(given)


def normalize_agents(scenario: Any, agents: Mapping[str, Any] | str | AgentSpec) -> dict[str, AgentSpec]:
    """{side: (name, options)} for every side; a bare name or (name, options) plays both sides.
    BatchError for unknown sides, agents or options."""
    import engine.ai as ai

    sides = list(scenario.side_ids)
    if isinstance(agents, str):
        agents = {s: (agents, {}) for s in sides}
    elif isinstance(agents, tuple):
        agents = {s: agents for s in sides}
    out: dict[str, AgentSpec] = {}
    for side, spec in dict(agents).items():
        if side not in sides:
            raise BatchError(f"unknown side '{side}'{_hint(side, sides)}; the sides of {_scenario_label(scenario, '')} are {', '.join(sides)}")
        name, options = (spec, {}) if isinstance(spec, str) else (spec[0], dict(spec[1] or {}))
        try:
            ai.make(name, side=side, seed=0, **options)
        except ai.AgentError as exc:
            raise BatchError(str(exc)) from None
        except (TypeError, ValueError) as exc:
            raise BatchError(f"agent '{name}': {exc}") from None
        out[side] = (name, options)
    missing = [s for s in sides if s not in out]
    if missing:
        raise BatchError(f"no agent for side {', '.join(missing)} (give --ai NAME for all sides or --ai SIDE=NAME for each)")
    return {s: out[s] for s in sides}


def _hint(word: str, options: list[str]) -> str:
    import difflib

    match = difflib.get_close_matches(word, options, n=1, cutoff=0.5)
    return f" (did you mean '{match[0]}'?)" if match else ""


# -- one game ---------------------------------------------------------------------------
ILLEGAL_RUN = 20     # refused orders in a row, in a phase the driver had to end, that make an agent error


def agent_label(name: str, options: Mapping[str, Any] | None = None) -> str:
    """An agent spec as text: ('heuristic', {'level': 'hard'}) -> 'heuristic:level=hard'."""
    def text(v: Any) -> str:
        return str(v).lower() if isinstance(v, bool) else str(v)
    return name + (":" + ",".join(f"{k}={text(v)}" for k, v in options.items()) if options else "")


class AgentFailure(Exception):
    """An agent raised, or kept giving illegal orders: where and what (the game stops there)."""

    def __init__(self, side: str, turn: int | None, phase: str | None, error: str) -> None:
        super().__init__(error)
        self.side, self.turn, self.phase, self.error = side, turn, phase, error


def describe_exception(exc: BaseException) -> str:
    """'ZeroDivisionError: division by zero (my_agent.py:21 in act)': one line, no addresses
    (the same text in every process, so the JSON stays deterministic)."""
    import re
    import traceback

    msg = " ".join(str(exc).split())
    msg = re.sub(r" at 0x[0-9a-fA-F]+", "", msg)
    if len(msg) > 300:
        msg = msg[:297] + "..."
    text = f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__
    frames = traceback.extract_tb(exc.__traceback__)
    if frames:
        last = frames[-1]
        text += f" ({Path(last.filename).name}:{last.lineno} in {last.name})"
    return text


class _Watched:
    """An agent as the driver sees it, watched: an exception from act/refused/applied becomes an
    AgentFailure (where and what), refused orders in a row are counted, and the time the agent
    thinks (its own calls only) is summed per side-turn. Everything else is the agent's own."""

    def __init__(self, agent: Any) -> None:
        self._agent = agent
        self.side = agent.side
        self.seconds = 0.0
        self.turns: set[int] = set()
        self.turn: int | None = None
        self.phase: str | None = None
        self.run = 0                      # orders refused in a row
        self.last_refusal = ""

    def __getattr__(self, name: str) -> Any:
        if name == "_agent":
            raise AttributeError(name)
        return getattr(self._agent, name)

    def _call(self, method: str, *args: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return getattr(self._agent, method)(*args)
        except (Exception, SystemExit) as exc:
            raise AgentFailure(self.side, self.turn, self.phase, describe_exception(exc)) from None
        finally:
            self.seconds += time.perf_counter() - t0

    def act(self, view: Any) -> Any:
        self.turn = getattr(view, "turn", None)
        self.phase = getattr(view, "phase", None)
        if self.turn is not None:
            self.turns.add(int(self.turn))
        return self._call("act", view)

    def refused(self, order: Any, exc: Any) -> None:
        self.run += 1
        self.last_refusal = f"{getattr(exc, 'code', '')}: {exc}".strip(": ")
        self._call("refused", order, exc)

    def applied(self, order: Any, events: list) -> None:
        self.run = 0
        self._call("applied", order, events)


def run_game(scenario: Any, seed: int, agents: Mapping[str, Any], max_turns: int | None = None,
             replay_dir: str | Path | None = None) -> dict[str, Any]:
    """Play one game and describe it: seed, winner, level, turns, losses, objectives, pockets,
    orders (count), refused (orders the engine refused), seconds (wall time: not deterministic).

    `scenario` is a shipped name, a path or a loaded Scenario; `agents` maps each side to
    (agent name, options). With `replay_dir`, the game is saved there as its replay.

    An agent that raises, or gives ILLEGAL_RUN refused orders in a row in a phase the driver had
    to end, stops the game where it is (the state is whole: no order is half applied): level
    "error", winner None, and `error` = {turn, phase, side, agent, error}.
    """
    return _play(scenario, seed, agents, max_turns, replay_dir)[0]


def _play(scenario: Any, seed: int, agents: Mapping[str, Any], max_turns: int | None = None,
          replay_dir: str | Path | None = None) -> tuple[dict[str, Any], dict[str, list]]:
    """`run_game`, and the time each side's agent thought: {side: [seconds, side-turns it played]}."""
    import engine
    import engine.ai as ai
    from engine import history, victory

    t0 = time.perf_counter()
    sc = _scenario(scenario)
    specs = normalize_agents(sc, agents)
    game = engine.Game(sc, seed)
    refused = [0]
    failure: AgentFailure | None = None
    players: dict[str, _Watched] = {}
    for side, (name, opts) in specs.items():
        try:
            players[side] = _Watched(ai.make(name, side=side, seed=seed, **opts))
        except Exception as exc:  # noqa: BLE001 - valid options, but this game's agent would not start
            failure = AgentFailure(side, game.turn, None, describe_exception(exc))
            break

    def count(_game: Any, report: Any) -> None:
        refused[0] += report.refused
        for watched in players.values():
            if report.capped and watched.run >= ILLEGAL_RUN:
                raise AgentFailure(watched.side, watched.turn, watched.phase,
                                   f"kept giving illegal orders: {watched.run} refused in a row until the phase ran out of orders "
                                   f"(last: {watched.last_refusal})")
            watched.run = 0

    if failure is None:
        try:
            ai.play_game(game, players, max_turns=max_turns, on_phase=count)  # type: ignore[arg-type]
        except AgentFailure as exc:
            failure = exc
        except Exception as exc:  # noqa: BLE001 - the engine failed on this agent's order: report it, go on
            side = game.active_side
            watched = players.get(side)
            failure = AgentFailure(side, game.turn, watched.phase if watched else None, "in the engine: " + describe_exception(exc))
    st = game.state
    result = game.result or {}
    finished = bool(game.over) and failure is None
    turns = st.turn if finished else min(st.turn, max_turns if max_turns is not None else st.turn)
    if not finished and max_turns is not None and st.turn > max_turns:
        turns = max_turns
    objectives = {o["id"]: o["turn"] for o in victory.objective_state(st)}
    happened = history.measure(game)
    record: dict[str, Any] = {
        "seed": int(seed),
        "winner": result.get("winner") if finished else None,
        "level": result.get("level") if finished else ("error" if failure is not None else "unfinished"),
        "vp": int(result["vp"]) if finished and "vp" in result else int(victory.score(st)["net"]),
        "turns": int(turns),
        "losses": victory.losses(st),
        "strength_lost": happened["strength_lost"],
        "objectives": objectives,
        "objective_dates": happened["objective_dates"],
        "milestones": happened["milestones"],
        "pockets": happened["pockets"],
        "orders": len(game.orders),
        "orders_by_phase": orders_by_phase(game),
        "refused": refused[0],
    }
    if failure is not None:
        name, opts = specs[failure.side]
        record["error"] = {"turn": int(failure.turn if failure.turn is not None else st.turn), "phase": failure.phase,
                           "side": failure.side, "agent": agent_label(name, opts), "error": failure.error}
    if replay_dir is not None:
        folder = Path(replay_dir)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{_scenario_label(sc, scenario)}_{int(seed):06d}.json"
        game.save(path)
        record["replay"] = str(path)
    record["seconds"] = time.perf_counter() - t0
    return record, {side: [w.seconds, len(w.turns)] for side, w in players.items()}


def _worker_game(args: tuple) -> dict[str, Any]:
    """One game in a worker: its record, with the agents' thinking time under "agent_time" (the
    caller pops it, with "seconds", before the record goes into any JSON)."""
    scenario, seed, agents, max_turns, replay_dir = args
    record, agent_time = _play(scenario, seed, agents, max_turns, replay_dir)
    record["agent_time"] = agent_time
    return record


# -- many games -------------------------------------------------------------------------
def run_batch(scenario: Any, games: int, seed: int = 0, agents: Mapping[str, Any] | str = "heuristic", workers: int | None = None,
              max_turns: int | None = None, replay_dir: str | Path | None = None, progress: Progress | None = None,
              ray_address: str | None = None) -> BatchResult:
    """Play `games` games (game i with seed `seed + i`); see the module docstring.

    workers: processes (default: all cores; 1 plays in this process). ray_address: None for
    local processes, "local" to start (or join) a Ray runtime here, "auto" or an address for a
    cluster; Ray is imported only then. BatchError for bad arguments.
    """
    if not isinstance(games, int) or games < 1:
        raise BatchError(f"games must be at least 1, not {games}")
    if workers is not None and (not isinstance(workers, int) or workers < 1):
        raise BatchError(f"workers must be at least 1, not {workers}")
    if max_turns is not None and max_turns < 1:
        raise BatchError(f"max turns must be at least 1, not {max_turns}")
    if seed < 0:
        raise BatchError(f"seed must be >= 0, not {seed}")
    sc = _scenario(scenario)
    specs = normalize_agents(sc, agents)
    source = scenario if not hasattr(scenario, "side_ids") else (str(sc.path) if sc.path else scenario)
    if replay_dir is not None:
        replay_dir = str(Path(replay_dir))
    jobs = [(source, seed + i, specs, max_turns, replay_dir) for i in range(games)]
    t0 = time.perf_counter()
    records: list[dict[str, Any]] = []

    def done(_index: int, rec: dict[str, Any]) -> None:
        records.append(rec)
        if progress is not None:
            progress(len(records), games, rec)

    run_jobs(source, jobs, done, workers, ray_address)
    records.sort(key=lambda r: r["seed"])
    seconds = [r.pop("seconds") for r in records]
    agent_time = [r.pop("agent_time") for r in records]
    out = BatchResult(scenario=_scenario_label(sc, scenario), agents={s: {"name": n, "options": o} for s, (n, o) in specs.items()},
                      seed=seed, games=records, summary=summarize(records, sc))
    out.timing = {"seconds": time.perf_counter() - t0, "game_seconds": seconds, "agent_time": agent_time,
                  "games_per_minute": 60.0 * games / max(1e-9, time.perf_counter() - t0)}
    return out


def run_jobs(source: Any, jobs: list[tuple], done: Callable[[int, dict[str, Any]], None], workers: int | None = None,
             ray_address: str | None = None) -> None:
    """Play every job (scenario, seed, {side: (name, options)}, max_turns, replay_dir) with
    `run_game`: in this process (workers 1), in `workers` processes (default: all cores) that
    load `source` once each, or on Ray. `done(index of the job, record)` as each one ends."""
    if ray_address is not None:
        _run_ray(jobs, done, ray_address)
        return
    n = min(workers or os.cpu_count() or 1, len(jobs))
    if n <= 1:
        for i, job in enumerate(jobs):
            done(i, _worker_game(job))
        return
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=n, mp_context=ctx, initializer=_init_worker, initargs=(source,)) as pool:
        index = {pool.submit(_worker_game, job): i for i, job in enumerate(jobs)}
        pending = set(index)
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in sorted(finished, key=index.__getitem__):
                done(index[fut], fut.result())


def _init_worker(source: Any) -> None:
    try:
        _scenario(source)
    except Exception:  # noqa: BLE001 - the game itself reports it
        pass


def _run_ray(jobs: list[tuple], done: Callable[[int, dict[str, Any]], None], address: str) -> None:
    try:
        import ray
    except ImportError:
        raise BatchError("Ray is not installed: pip install 'wargame[cluster]' (or pip install ray)") from None
    started = False
    if not ray.is_initialized():
        kwargs: dict[str, Any] = {"ignore_reinit_error": True, "log_to_driver": False}
        if address not in ("local", ""):
            kwargs["address"] = address
        ray.init(**kwargs)
        started = True
    try:
        remote = ray.remote(_worker_game)
        refs = [remote.remote(job) for job in jobs]
        index = {ref: i for i, ref in enumerate(refs)}
        while refs:
            ready, refs = ray.wait(refs, num_returns=1)
            for ref in ready:
                done(index[ref], ray.get(ref))
    finally:
        if started:
            ray.shutdown()


def orders_by_phase(game: Any) -> dict[str, int]:
    """Orders given (EndPhase aside) in each kind of phase of the rule set's sequence of play."""
    from engine.orders import EndPhase

    phases = game.phases
    counts = dict.fromkeys(phases, 0)
    k = 0
    for order in game.orders:
        if isinstance(order, EndPhase):
            k = (k + 1) % len(phases)
        else:
            counts[phases[k]] += 1
    return counts


# -- summary ----------------------------------------------------------------------------
def wilson(successes: int, n: int, z: float = 1.959963984540054) -> tuple[float, float]:
    """95% Wilson score interval of a proportion."""
    if n <= 0:
        return (0.0, 1.0)
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, round(centre - half, 4)), min(1.0, round(centre + half, 4)))


def summarize(records: list[dict[str, Any]], scenario: Any = None) -> dict[str, Any]:
    """Wins per side (with 95% Wilson intervals), draws, unfinished games, average length and
    losses, how often each objective was taken (and when, on average), pockets."""
    n = len(records)
    sides = list(scenario.side_ids) if scenario is not None else sorted({s for r in records for s in r["losses"]})
    wins = {}
    for side in sides:
        k = sum(1 for r in records if r["winner"] == side)
        wins[side] = {"wins": k, "rate": round(k / n, 4) if n else 0.0, "ci95": list(wilson(k, n))}
    finished = [r for r in records if r["level"] not in ("unfinished", "error")]
    draws = sum(1 for r in finished if r["winner"] is None)
    errors = [{"seed": r["seed"], **r["error"]} for r in records if r.get("error")]
    levels: dict[str, int] = {}
    for r in records:
        key = f"{r['winner'] or 'none'} {r['level']}"
        levels[key] = levels.get(key, 0) + 1
    objectives = {}
    ids = sorted({k for r in records for k in r["objectives"]})
    for oid in ids:
        turns = [r["objectives"].get(oid) for r in records if r["objectives"].get(oid) is not None]
        objectives[oid] = {"taken": len(turns), "rate": round(len(turns) / n, 4) if n else 0.0,
                           "avg_turn": round(sum(turns) / len(turns), 2) if turns else None}
    pockets = [p for r in records for p in r["pockets"]]
    pocket_sides = {}
    for side in sides:
        mine = [p for p in pockets if p["side"] == side]
        pocket_sides[side] = {"count": len(mine), "avg_size": round(sum(p["size"] for p in mine) / len(mine), 2) if mine else 0.0,
                              "avg_steps": round(sum(p["steps"] for p in mine) / len(mine), 2) if mine else 0.0}
    return {
        "games": n,
        "wins": wins,
        "draws": draws,
        "unfinished": n - len(finished) - len(errors),
        "levels": dict(sorted(levels.items())),
        "avg_turns": round(sum(r["turns"] for r in records) / n, 3) if n else 0.0,
        "avg_losses": {s: round(sum(r["losses"].get(s, 0) for r in records) / n, 3) if n else 0.0 for s in sides},
        "avg_orders": round(sum(r["orders"] for r in records) / n, 2) if n else 0.0,
        "avg_orders_by_phase": {k: round(sum(r.get("orders_by_phase", {}).get(k, 0) for r in records) / n, 2) if n else 0.0
                                for k in dict.fromkeys(p for r in records for p in r.get("orders_by_phase", {}))},
        "refused": sum(r.get("refused", 0) for r in records),
        "objectives": objectives,
        "pockets": {"games_with_pockets": sum(1 for r in records if r["pockets"]), "by_side": pocket_sides},
        "errors": errors,
    }


def summary_table(summary: dict[str, Any], title: str | None = None):
    """The summary as a rich Table (one row per measure)."""
    from rich.table import Table

    table = Table(title=title or f"{summary['games']} games", show_header=True, header_style="bold")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_column("95% CI / detail", justify="right")
    for side, w in summary["wins"].items():
        lo, hi = w["ci95"]
        table.add_row(f"{side} wins", f"{w['wins']} ({w['rate']:.1%})", f"{lo:.1%} - {hi:.1%}")
    table.add_row("draws", str(summary["draws"]), "")
    if summary.get("unfinished"):
        table.add_row("unfinished (max turns)", str(summary["unfinished"]), "")
    if summary.get("errors"):
        table.add_row("agent errors (game stopped)", str(len(summary["errors"])), "listed below the table")
    table.add_row("average length", f"{summary['avg_turns']:.2f} turns", "")
    for side, lost in summary["avg_losses"].items():
        table.add_row(f"{side} steps lost", f"{lost:.2f}", "average per game")
    for oid, o in summary["objectives"].items():
        detail = f"turn {o['avg_turn']:.1f} on average" if o["avg_turn"] is not None else ""
        table.add_row(f"objective {oid}", f"{o['taken']} ({o['rate']:.0%})", detail)
    for side, p in summary["pockets"]["by_side"].items():
        if p["count"]:
            table.add_row(f"{side} pockets", str(p["count"]), f"{p['avg_size']:.1f} units, {p['avg_steps']:.1f} steps")
    if not any(p["count"] for p in summary["pockets"]["by_side"].values()):
        table.add_row("pockets", "0", "")
    table.add_row("orders per game", f"{summary['avg_orders']:.1f}", f"{summary['refused']} refused in all")
    by_phase = summary.get("avg_orders_by_phase") or {}
    if len(by_phase) > 1:
        table.add_row("  of which by phase", " / ".join(f"{v:.0f}" for v in by_phase.values()), " / ".join(by_phase))
    return table


def error_lines(errors: list[dict[str, Any]], limit: int = 10) -> list[str]:
    """One line per agent error (seed, turn, side, agent, what), the first `limit` of them."""
    lines = [f"seed {e['seed']}, turn {e['turn']}" + (f" ({e['phase']})" if e.get("phase") else "")
             + f", {e['side']} = {e['agent']}: {e['error']}" for e in errors[:limit]]
    if len(errors) > limit:
        lines.append(f"... and {len(errors) - limit} more (all of them in the JSON)")
    return lines


def print_errors(console: Any, errors: list[dict[str, Any]], heading: str = "agent errors (each stopped its game)") -> None:
    if errors:
        console.print(f"[bold red]{len(errors)} {heading}:[/]")
        for line in error_lines(errors):
            console.print("  " + line, markup=False, highlight=False, soft_wrap=True)


def batch_json(result: Mapping[str, Any]) -> str:
    """The deterministic JSON text of a batch result (no timings)."""
    return json.dumps({k: result[k] for k in ("scenario", "agents", "seed", "games", "summary", "history") if k in result}, indent=1, sort_keys=False) + "\n"


def write_json(path: str | Path, result: Mapping[str, Any]) -> None:
    """Write `batch_json(result)` atomically (temporary file, then rename)."""
    from engine.files import write_text_atomic

    write_text_atomic(path, batch_json(result))


# -- command line -----------------------------------------------------------------------
from engine.cli_args import ArgumentParser as _Parser, UsageError as _UsageError  # noqa: E402


def batch_parser(prog: str, description: str, explain: bool = True) -> argparse.ArgumentParser:
    """The arguments of the commands that play a batch of AI games (simulate, history)."""
    p = _Parser(prog=prog, description=description)
    p.add_argument("scenario", help="shipped scenario name or path")
    p.add_argument("--ai", action="append", default=[], metavar="[SIDE=]NAME[:OPT=VAL,...]",
                   help="agent for both sides (NAME) or one side (SIDE=NAME); e.g. --ai heuristic:level=hard --ai red=random")
    p.add_argument("--games", type=int, default=100)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--workers", type=int, default=None, help="processes (default: all cores)")
    p.add_argument("--max-turns", type=int, default=None)
    p.add_argument("--json", dest="json_path", default=None, metavar="FILE")
    p.add_argument("--replays", default=None, metavar="DIR")
    if explain:
        p.add_argument("--explain", default=None, metavar="DIR",
                       help="agents that explain their plans (planner) write them there, a JSON-lines file per game and side")
    p.add_argument("--ray", nargs="?", const="local", default=None, metavar="ADDRESS",
                   help="run on Ray: a local runtime, or 'auto' / an address for a cluster")
    p.add_argument("--quiet", action="store_true", help="no progress bar and no table")
    return p


def _parser() -> argparse.ArgumentParser:
    return batch_parser("wargame simulate", "Play AI-vs-AI games headless and summarise them.")


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
    if ns.json_path:
        _check_writable(ns.json_path, "JSON file")


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


def _check_writable(path: str, what: str) -> None:
    p = Path(path)
    if p.is_dir():
        raise _UsageError(f"{what} {path} is a directory")
    parent = p.parent if str(p.parent) else Path(".")
    if not parent.exists():
        raise _UsageError(f"cannot write {what} {path}: folder {parent} does not exist")
    if not os.access(parent, os.W_OK) or (p.exists() and not os.access(p, os.W_OK)):
        raise _UsageError(f"cannot write {what} {path}: permission denied")


def prepare_batch(ns: Any) -> tuple[Any, dict[str, AgentSpec]]:
    """The scenario and {side: (agent, options)} of a batch command's parsed arguments (those of
    `batch_parser`); _UsageError or BatchError with a one-line message."""
    from engine.errors import ScenarioError

    check_batch_arguments(ns)
    if ns.max_turns is not None and ns.max_turns < 1:
        raise _UsageError(f"--max-turns must be at least 1, not {ns.max_turns}")
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
        sc = _scenario(ns.scenario)
    except ScenarioError as exc:
        first = exc.problems[0] if exc.problems else None
        raise _UsageError(first.message if first and first.file == ns.scenario else str(exc).splitlines()[0]) from None
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
        specs = _with_explanations(specs, ns.explain, _scenario_label(sc, ns.scenario))
    return sc, specs


def agents_label(specs: Mapping[str, AgentSpec]) -> str:
    return " vs ".join(f"{s}={n}" + (":" + ",".join(f"{k}={v}" for k, v in o.items()) if o else "") for s, (n, o) in specs.items())


def play_batch(ns: Any, sc: Any, specs: dict[str, AgentSpec], console: Any) -> BatchResult:
    """Run the batch of a command's parsed arguments, with a progress bar on `console` unless
    --quiet. BatchError, KeyboardInterrupt as run_batch."""
    if ns.quiet:
        return run_batch(ns.scenario, ns.games, ns.seed, specs, ns.workers, ns.max_turns, ns.replays, ray_address=ns.ray)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TimeRemainingColumn(), console=console, transient=False) as bar:
        task = bar.add_task(f"{_scenario_label(sc, ns.scenario)}: {agents_label(specs)}", total=ns.games)
        return run_batch(ns.scenario, ns.games, ns.seed, specs, ns.workers, ns.max_turns, ns.replays,
                         progress=lambda done, total, rec: bar.update(task, completed=done), ray_address=ns.ray)


def run_simulate(args: list[str]) -> int:
    """`wargame simulate ...`: 0 on success, 2 on a usage error (one line on stderr)."""
    try:
        try:
            ns = _parser().parse_args(args)
        except SystemExit as exc:           # --help
            return int(exc.code or 0)
        sc, specs = prepare_batch(ns)
    except (_UsageError, BatchError) as exc:
        print(f"wargame simulate: error: {exc}", file=sys.stderr)
        return 2

    from rich.console import Console

    console = Console(stderr=True)
    label = agents_label(specs)
    try:
        result = play_batch(ns, sc, specs, console)
    except BatchError as exc:
        print(f"wargame simulate: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("wargame simulate: interrupted", file=sys.stderr)
        return 130
    if not save_json("wargame simulate", ns.json_path, lambda path: write_json(path, result)):
        return 2
    if not ns.quiet:
        out = Console()
        rate = result.timing["games_per_minute"]
        out.print(summary_table(result["summary"], title=f"{result['scenario']}: {label} ({ns.games} games, seeds {ns.seed}-{ns.seed + ns.games - 1})"))
        print_errors(out, result["summary"]["errors"])
        out.print(f"{result.timing['seconds']:.1f} s, {rate:.0f} games/minute" + (f"; JSON written to {ns.json_path}" if ns.json_path else "")
                  + (f"; replays in {ns.replays}" if ns.replays else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(run_simulate(sys.argv[1:]))
