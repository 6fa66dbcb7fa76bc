"""Many AI-vs-AI games, headless: one record per game, a summary, replays; local processes or Ray.

    from engine.batch import run_batch
    result = run_batch("tutorial_river", games=100, seed=1, agents={"blue": ("heuristic", {}), "red": ("random", {})})
    result["summary"]["wins"]["blue"]        # {"wins": 97, "rate": 0.97, "ci95": [0.915, 0.99]}

Game i is played with seed `seed + i` and its agents seeded from that seed and their side,
so a record depends on its seed only: the JSON of a batch is byte-identical whatever the
number of workers (records are sorted by seed; timings are kept out of the JSON, in
`result.timing`). `wargame simulate` (ui/commands/batch.py) is its command line.

Games are streamed (engine/batchfile.py): seeds handed out lazily, a running summary, each
record written to the `--json` file as soon as the games before it are done, so memory is
bounded whatever the number of games. Ctrl-C or SIGTERM stops a batch at once and keeps the
finished games (BatchInterrupted, "complete": false); `resume=` continues such a file to the
same result as one uninterrupted run. Worker processes die with their parent (engine/pool.py).

An agent that raises an exception (or keeps giving illegal orders until its phase runs out of
orders) does not stop the batch: its game stops there, unharmed, with level "error" and an
`error` entry (turn, side, agent, what went wrong), and the summary lists every such error.
"""
from __future__ import annotations

import math
import os
import sys
import time
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping

AgentSpec = tuple[str, dict[str, Any]]
Progress = Callable[[int, int, dict[str, Any]], None]     # (done, total, record)

_SCENARIOS: dict[str, Any] = {}     # per process: scenario name/path -> loaded Scenario


class BatchError(ValueError):
    """Bad arguments to a batch run (unknown agent or side, games < 1 ...): a one-line message."""


class BatchFailed(BatchError):
    """The batch could not go on (a Ray cluster out of reach, a game that failed in its
    worker): a one-line message; the command exits 1."""


class BatchResult(dict):
    """{"scenario", "games", "summary"} (the deterministic JSON) plus `.timing` (not JSON)."""

    timing: dict[str, Any]


def cached_scenario(name_or_path: Any):
    """Load a scenario once per process (workers reuse it for every game they play)."""
    from engine.scenario import Scenario, load_scenario

    if isinstance(name_or_path, Scenario):
        return name_or_path
    key = str(name_or_path)
    sc = _SCENARIOS.get(key)
    if sc is None:
        sc = _SCENARIOS[key] = load_scenario(key)
    return sc


def scenario_label(sc: Any, given: Any) -> str:
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
            raise BatchError(f"unknown side '{side}'{_hint(side, sides)}; the sides of {scenario_label(scenario, '')} are {', '.join(sides)}")
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
    from engine.pool import check_interrupted

    t0 = time.perf_counter()
    sc = cached_scenario(scenario)
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
        check_interrupted()         # a batch interrupted in this process stops at the next phase at the latest
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
        path = folder / f"{scenario_label(sc, scenario)}_{int(seed):06d}.json"
        game.save(path)
        record["replay"] = str(path)
    record["seconds"] = time.perf_counter() - t0
    _settle(sc)
    return record, {side: [w.seconds, len(w.turns)] for side, w in players.items()}


_SETTLED: set[int] = set()      # the scenarios of _SCENARIOS (by id: each is kept there) that have played a game here


def _settle(sc: Any) -> None:
    """After a scenario's first game in this process, what it built to play (the scenario, its
    hex and id tables, its cost tables and caches, the compiled kernels) lives as long as the
    process: `gc.freeze()` takes it out of the collector's generations, so the full
    collections of the later games do not walk it again (on Normandy one walk of about 136,000
    objects, 110 ms on the development machine, in about one game of ten). Objects frozen are
    still freed when nothing refers to them; only a reference cycle among them would stay."""
    if id(sc) in _SETTLED or not any(sc is kept for kept in _SCENARIOS.values()):
        return          # settled already, or a scenario the caller made (it may not live as long)
    import gc

    _SETTLED.add(id(sc))
    gc.freeze()


def _worker_game(args: tuple) -> dict[str, Any]:
    """One game in a worker: its record, with the agents' thinking time under "agent_time" (the
    caller pops it, with "seconds", before the record goes into any JSON)."""
    scenario, seed, agents, max_turns, replay_dir = args
    record, agent_time = _play(scenario, seed, agents, max_turns, replay_dir)
    record["agent_time"] = agent_time
    return record


# -- many games -------------------------------------------------------------------------
MAX_SEED = 2**63 - 1         # the last seed a batch may reach (seed + games - 1)
RAY_TIMEOUT = 10.0           # seconds to reach a Ray cluster before giving up (--ray-timeout)


class BatchInterrupted(KeyboardInterrupt):
    """The batch stopped before its last game (SIGINT, SIGTERM, or a worker that died).

    `result` holds every game that finished (its summary too, and "complete": False); its
    `--json` file, if one was asked for, is written. `signum` is the signal (0 when a worker
    died), `reason` a line for the user."""

    def __init__(self, result: "BatchResult", signum: int, reason: str) -> None:
        super().__init__(reason)
        self.result, self.signum, self.reason = result, signum, reason


def run_batch(scenario: Any, games: int, seed: int = 0, agents: Mapping[str, Any] | str = "heuristic", workers: int | None = None,
              max_turns: int | None = None, replay_dir: str | Path | None = None, progress: Progress | None = None,
              ray_address: str | None = None, *, json_path: str | Path | None = None, keep_games: bool = True,
              resume: str | Path | None = None, ray_timeout: float = RAY_TIMEOUT) -> BatchResult:
    """Play `games` games (game i with seed `seed + i`); see the module docstring.

    workers: processes (default: all cores; 1 plays in this process). ray_address: None for
    local processes, "local" to start (or join) a Ray runtime here, "auto" or an address for a
    cluster; Ray is imported only then, and an address not reached within `ray_timeout`
    seconds is a BatchError. BatchError for bad arguments.

    Streaming: the games are handed out lazily and summarised as they finish; with
    `json_path` each record is written to that file in seed order as soon as the games before
    it are done (the file appears whole at the end, by an atomic rename); with
    `keep_games=False` no record is kept in memory (`result["games"]` is empty), so memory
    stays bounded whatever `games` is. `resume`: a batch file written by an interrupted run of
    the same batch; its games are taken as they are and only the others are played, so the
    result is the same as one uninterrupted run.

    SIGINT or SIGTERM (in the main thread) stops the batch at once: the workers are killed,
    games in progress are dropped, the finished ones are summarised (and written, with
    "complete": false) and BatchInterrupted (a KeyboardInterrupt) carries the result.
    """
    from engine.batchfile import JsonWriter, RunningSummary, read_batch
    from engine.pool import Interrupted, WorkerDied, critical, interruptible

    if not isinstance(games, int) or games < 1:
        raise BatchError(f"games must be at least 1, not {games}")
    if workers is not None and (not isinstance(workers, int) or workers < 1):
        raise BatchError(f"workers must be at least 1, not {workers}")
    if max_turns is not None and max_turns < 1:
        raise BatchError(f"max turns must be at least 1, not {max_turns}")
    if seed < 0:
        raise BatchError(f"seed must be >= 0, not {seed}")
    if seed + games - 1 > MAX_SEED:
        raise BatchError(f"seed + games - 1 must be at most {MAX_SEED} (2^63 - 1), not {seed + games - 1}")
    sc = cached_scenario(scenario)
    specs = normalize_agents(sc, agents)
    source = scenario if not hasattr(scenario, "side_ids") else (str(sc.path) if sc.path else scenario)
    if replay_dir is not None:
        replay_dir = str(Path(replay_dir))
    header = {"scenario": scenario_label(sc, scenario), "agents": {s: {"name": n, "options": o} for s, (n, o) in specs.items()},
              "seed": seed, "games_planned": games, "max_turns": max_turns}
    old: Iterator[dict[str, Any]] = iter(())
    if resume is not None:
        from engine.batchfile import BatchMismatch

        try:
            old = read_batch(resume, header)[1]
        except BatchMismatch as exc:
            raise BatchError(str(exc)) from None
    t0 = time.perf_counter()
    summary = RunningSummary(list(sc.side_ids))
    writer = JsonWriter(json_path, header) if json_path is not None else None
    kept: list[dict[str, Any]] = []
    timing: dict[str, Any] = {"game_seconds": [], "agent_time": []}
    buffer: dict[int, dict[str, Any]] = {}        # finished games waiting for an earlier one
    state = {"next": 0, "done": 0, "played": 0}

    def emit(rec: dict[str, Any]) -> None:
        if "seconds" in rec:
            secs, think = rec.pop("seconds"), rec.pop("agent_time", None)
            if keep_games:
                timing["game_seconds"].append(secs)
                timing["agent_time"].append(think)
        summary.add(rec)
        if writer is not None:
            writer.add(rec)
        if keep_games:
            kept.append(rec)

    def flush() -> None:
        while state["next"] in buffer:
            emit(buffer.pop(state["next"]))
            state["next"] += 1

    def finished(index: int, rec: dict[str, Any], restored: bool = False) -> None:
        with critical():
            buffer[index] = rec
            state["done"] += 1
            state["played"] += not restored
            flush()
            if progress is not None:
                progress(state["done"], games, rec)

    pending_old: list[dict[str, Any] | None] = [next(old, None)]

    def jobs() -> Iterator[tuple[int, tuple]]:
        for i in range(games):
            rec = pending_old[0]
            if rec is not None and rec["seed"] == seed + i:
                pending_old[0] = next(old, None)
                finished(i, rec, restored=True)
                continue
            yield i, (source, seed + i, specs, max_turns, replay_dir)

    def result(complete: bool) -> BatchResult:
        out = BatchResult(header, games=kept, summary=summary.result(), complete=complete)
        elapsed = time.perf_counter() - t0
        out.timing = {"seconds": elapsed, **timing, "games_per_minute": 60.0 * state["played"] / max(1e-9, elapsed)}
        return out

    try:
        try:
            with interruptible():
                run_jobs(source, jobs(), lambda i, rec: finished(i, rec), workers, ray_address, ray_timeout=ray_timeout,
                         total=games)
        except (Interrupted, KeyboardInterrupt, WorkerDied) as exc:
            for index in sorted(buffer):        # finished after a game still in progress
                while pending_old[0] is not None and pending_old[0]["seed"] < seed + index:
                    emit(pending_old[0])
                    pending_old[0] = next(old, None)
                emit(buffer.pop(index))
            while pending_old[0] is not None:    # the rest of the file being resumed
                emit(pending_old[0])
                pending_old[0] = next(old, None)
            out = result(False)
            if writer is not None:
                writer.close(out["summary"], False)
                writer = None
            signum = getattr(exc, "signum", 2 if isinstance(exc, KeyboardInterrupt) else 0)
            why = (f"a worker process died ({exc.how}) playing the game of seed {seed + exc.index}; stopped"
                   if isinstance(exc, WorkerDied) else "terminated" if signum == 15 else "interrupted")
            raise BatchInterrupted(out, signum, f"{why} after {out['summary']['games']} of {games} games") from None
        out = result(True)
        if writer is not None:
            writer.close(out["summary"], True)
            writer = None
        return out
    finally:
        if writer is not None:
            writer.discard()


def _window(workers: int) -> int:
    return 64 * workers


def run_jobs(source: Any, jobs: Iterable[tuple[int, tuple]] | list[tuple], done: Callable[[int, dict[str, Any]], None],
             workers: int | None = None, ray_address: str | None = None, ray_timeout: float = RAY_TIMEOUT,
             total: int | None = None) -> None:
    """Play every job (scenario, seed, {side: (name, options)}, max_turns, replay_dir) with
    `run_game`: in this process (workers 1), in `workers` processes (default: all cores) that
    load `source` once each, or on Ray. `jobs` is a list of jobs or an iterable of (index, job)
    pairs (read lazily, indices increasing; `total` is their number, if known). `done(index of
    the job, record)` as each one ends.

    An interrupt or any error stops every worker before it propagates (engine.pool)."""
    if isinstance(jobs, list):
        total = len(jobs)
        pairs: Iterable[tuple[int, tuple]] = list(enumerate(jobs))
    else:
        pairs = jobs
    if ray_address is not None:
        from engine.cluster import run_ray

        run_ray(pairs, done, ray_address, ray_timeout)
        return
    n = min(workers or os.cpu_count() or 1, total if total is not None else sys.maxsize)
    if n <= 1:
        from engine.pool import check_interrupted, interrupt_of

        for i, job in pairs:
            try:
                rec = _worker_game(job)
            except Exception as exc:
                stop = interrupt_of(exc)        # an interrupt that came back wrapped from compiled code
                if stop is None:
                    raise
                raise stop from None
            check_interrupted()
            done(i, rec)
        return
    from engine.pool import JobFailed, run_parallel

    try:
        run_parallel(_worker_game, pairs, done, n, init=_init_worker, init_arg=source, window=_window(n))
    except JobFailed as exc:
        raise BatchFailed(f"a game could not be played in its worker: {exc.error}") from None


def _init_worker(source: Any) -> None:
    try:
        cached_scenario(source)
    except Exception:  # noqa: BLE001 - the game itself reports it
        pass


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


def summarize(records: Iterable[Mapping[str, Any]], scenario: Any = None) -> dict[str, Any]:
    """Wins per side (with 95% Wilson intervals), draws, unfinished games, average length and
    losses, how often each objective was taken (and when, on average), pockets, agent errors
    (the first MAX_LISTED_ERRORS of them; `errors_not_listed` counts the rest)."""
    from engine.batchfile import RunningSummary

    running = RunningSummary(list(scenario.side_ids) if scenario is not None else None)
    for r in records:
        running.add(r)
    return running.result()


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
        table.add_row("agent errors (game stopped)", str(len(summary["errors"]) + summary.get("errors_not_listed", 0)), "listed below the table")
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
    """The deterministic JSON text of a batch result (no timings): the same text a batch
    streams to its `--json` file."""
    from engine.batchfile import batch_text

    return batch_text(result)


def write_json(path: str | Path, result: Mapping[str, Any]) -> None:
    """Write `batch_json(result)` atomically (temporary file, then rename)."""
    from engine.files import write_text_atomic

    write_text_atomic(path, batch_json(result))
