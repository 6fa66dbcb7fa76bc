"""Round-robin tournaments between agents: every pair on both sides with paired seeds, Elo ratings.

    from engine.tournament import play_tournament
    result = play_tournament("tutorial_river", ["random", "heuristic:level=easy", "heuristic"], games=10, seed=1)
    result["ratings"]["agents"]["heuristic"]      # {"elo": 1790.3, "ci95": [1640.1, 1940.5], "score": 0.9, ...}

For each pair of distinct agents (A, B) and each seed s in seed .. seed+games-1 two games are
played with the same seed: A on the first side and B on the second, then the sides swapped.
Every game is an ordinary `engine.batch.run_game` (its agents seeded from the game seed and
their side), played in worker processes like `wargame simulate`; the results depend on the
seeds only, so the JSON is byte-identical whatever the number of workers.

Ratings: a Bradley-Terry model on the Elo scale, P(i beats j) = 1 / (1 + 10^((Rj - Ri - H) / 400))
with H the first side's advantage when i has the first side (-H when it has the second),
fitted to every game by maximum likelihood, a draw counting half a point (half a win and half
a loss). One virtual draw between each pair of agents (half of it on each side) keeps a
perfect score finite, as BayesElo does. Ratings are anchored so that their mean is 1500. The
95% interval is +-1.96 standard errors from the Fisher information of that fit (the
curvature of the log-likelihood at its maximum, under the mean-1500 constraint): deterministic,
and still honest when an agent wins or loses every game (a bootstrap then has nothing to
resample). An agent error (it raised, or kept giving illegal orders) stops its game, which is
scored as a loss for the agent that failed.

`wargame tournament` (ui/commands/tournament.py) is its command line.
"""
from __future__ import annotations

import itertools
import math
import time
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from engine.batch import BatchError, BatchInterrupted, agent_label, cached_scenario, run_jobs, scenario_label

PRIOR_DRAWS = 1.0           # virtual draws between every pair of agents
ELO = 400.0 / math.log(10)  # Elo points per unit of the logistic scale
ANCHOR = 1500.0
MAX_GAMES = 100_000         # games in one tournament: every game is kept for the ratings and the JSON
Z95 = 1.959963984540054

Entrant = tuple[str, str, dict[str, Any]]      # (label, agent name, options)


class TournamentError(BatchError):
    """Bad arguments to a tournament (unknown agent, fewer than two agents ...): a one-line message."""


class TournamentResult(dict):
    """The deterministic results (see `tournament_json`) plus `.timing` (wall times, not JSON)."""

    timing: dict[str, Any]


# -- the entrants -------------------------------------------------------------------------------
def split_agents(texts: Sequence[str]) -> list[str]:
    """'random,heuristic:level=hard,noise=0.2,heuristic' -> ['random', 'heuristic:level=hard,noise=0.2', 'heuristic'].

    A comma separates agents and also the options of one agent: a piece written KEY=VALUE
    (no colon before its '=') is one more option of the agent before it."""
    specs: list[str] = []
    for text in texts:
        for piece in (p.strip() for p in str(text).split(",")):
            if not piece:
                continue
            key, eq, _ = piece.partition("=")
            if eq and ":" not in key:
                if not specs:
                    raise TournamentError(f"'{piece}' is an agent option, not an agent: write NAME:{piece}")
                specs[-1] += ("," if ":" in specs[-1] else ":") + piece
            else:
                specs.append(piece)
    return specs


def parse_agents(agents: Sequence[Any] | str) -> list[Entrant]:
    """Entrants from specs ('heuristic:level=hard', or a comma-separated list of them) or
    (name, options) pairs; TournamentError for malformed specs or duplicates."""
    import engine.ai as ai

    if isinstance(agents, str):
        agents = [agents]
    entrants: list[Entrant] = []
    for item in agents:
        if not isinstance(item, str):
            name, options = item[0], dict(item[1] or {})
            entrants.append((agent_label(name, options), name, options))
            continue
        for spec in split_agents([item]):
            try:
                name, options = ai.parse_spec(spec)
            except ai.AgentError as exc:
                raise TournamentError(str(exc)) from None
            entrants.append((agent_label(name, options), name, options))
    seen: set[str] = set()
    for label, _, _ in entrants:
        if label in seen:
            raise TournamentError(f"agent '{label}' is given twice")
        seen.add(label)
    return entrants


def need_two(entrants: Sequence[Entrant]) -> None:
    """TournamentError unless there are at least two agents."""
    import engine.ai as ai

    if len(entrants) < 2:
        given = ", ".join(e[0] for e in entrants) or "none"
        raise TournamentError(f"a tournament needs at least two different agents (given: {given}; agents: {', '.join(ai.names())})")


def check_agents(scenario: Any, entrants: Sequence[Entrant]) -> None:
    """Make every agent once on every side: TournamentError (the agent's own message, which lists
    the valid names, levels or options) for anything it refuses."""
    import engine.ai as ai

    for label, name, options in entrants:
        for side in scenario.side_ids:
            try:
                ai.make(name, side=side, seed=0, **options)
            except ai.AgentError as exc:
                message = str(exc)
                raise TournamentError(message if f"'{name}'" in message else f"{label}: {message}") from None
            except (TypeError, ValueError) as exc:
                raise TournamentError(f"agent '{label}': {exc}") from None


# -- playing it -------------------------------------------------------------------------------
def play_tournament(scenario: Any, agents: Sequence[Any] | str, games: int = 10, seed: int = 1, workers: int | None = None,
                    progress: Callable[[int, int, dict[str, Any]], None] | None = None,
                    ray_address: str | None = None, resume: str | Path | None = None) -> TournamentResult:
    """Play the round robin (see the module docstring) and rate the agents.

    agents: specs ('heuristic:level=hard') or (name, options) pairs, at least two. games: games
    per pair and side. workers: processes (default all cores; 1 plays here). progress(done,
    total, record) after each game. TournamentError (a BatchError) for bad arguments.

    resume: the JSON of an interrupted run of the same tournament (`write_json` of the result
    BatchInterrupted carried); its games are kept as they are and only the others are played,
    so the result is the same as one uninterrupted run. A file of another tournament is a
    TournamentError (FILE:LINE:COL of the value that differs), a broken one a ScenarioError."""
    if not isinstance(games, int) or games < 1:
        raise TournamentError(f"games must be at least 1, not {games}")
    if workers is not None and (not isinstance(workers, int) or workers < 1):
        raise TournamentError(f"workers must be at least 1, not {workers}")
    if seed < 0:
        raise TournamentError(f"seed must be >= 0, not {seed}")
    entrants = parse_agents(agents)
    if len(entrants) * (len(entrants) - 1) * games > MAX_GAMES:
        raise TournamentError(f"{len(entrants)} agents with {games} games per pair and side make "
                              f"{len(entrants) * (len(entrants) - 1) * games} games; the limit is {MAX_GAMES}")
    sc = cached_scenario(scenario)
    sides = list(sc.side_ids)
    check_agents(sc, entrants)
    need_two(entrants)
    source = scenario if not hasattr(scenario, "side_ids") else (str(sc.path) if sc.path else scenario)
    specs = [(name, options) for _, name, options in entrants]
    schedule: list[tuple[int, int, int]] = []          # (first agent, second agent, seed)
    for i, j in itertools.combinations(range(len(entrants)), 2):
        for s in range(seed, seed + games):
            schedule += [(i, j, s), (j, i, s)]
    labels = [e[0] for e in entrants]
    entries: list[dict[str, Any] | None] = [None] * len(schedule)
    if resume is not None:
        from engine.batchfile import BatchMismatch, read_tournament

        expect = {"scenario": scenario_label(sc, scenario), "sides": sides, "seed": seed, "games_per_side": games,
                  "agents": [{"label": label, "name": name, "options": options} for label, name, options in entrants]}
        try:
            for k, entry in read_tournament(resume, expect, [(labels[a], labels[b], s) for a, b, s in schedule]).items():
                entries[k] = entry
        except BatchMismatch as exc:
            raise TournamentError(str(exc)) from None
    jobs = ((k, (source, s, {sides[0]: specs[a], sides[1]: specs[b]}, None, None))
            for k, (a, b, s) in enumerate(schedule) if entries[k] is None)
    think = {label: [0.0, 0] for label in labels}
    count = [sum(e is not None for e in entries)]
    played = [0]
    t0 = time.perf_counter()

    def done(index: int, rec: dict[str, Any]) -> None:
        from engine.pool import critical

        with critical():
            a, b, _ = schedule[index]
            rec.pop("seconds", None)
            for side, (secs, turns) in rec.pop("agent_time", {}).items():
                t = think[labels[a] if side == sides[0] else labels[b]]
                t[0] += secs
                t[1] += turns
            entries[index] = _game_entry(rec, labels[a], labels[b], sides)
            count[0] += 1
            played[0] += 1
            if progress is not None:
                progress(count[0], len(schedule), rec)

    from engine.pool import Interrupted, WorkerDied, interruptible

    if progress is not None and count[0]:
        progress(count[0], len(schedule), {})
    try:
        with interruptible():
            run_jobs(source, jobs, done, workers, ray_address, total=len(schedule) - count[0])
    except (Interrupted, KeyboardInterrupt, WorkerDied) as exc:
        partial = _result(sc, scenario, sides, seed, games, entrants, [e for e in entries if e is not None], think,
                          time.perf_counter() - t0, complete=False, played=played[0])
        signum = getattr(exc, "signum", 2 if isinstance(exc, KeyboardInterrupt) else 0)
        why = (f"a worker process died ({exc.how}) playing the game of seed {schedule[exc.index][2]}; stopped"
               if isinstance(exc, WorkerDied) else "terminated" if signum == 15 else "interrupted")
        raise BatchInterrupted(partial, signum, f"{why} after {count[0]} of {len(schedule)} games") from None  # type: ignore[arg-type]
    return _result(sc, scenario, sides, seed, games, entrants, [e for e in entries if e is not None], think,
                   time.perf_counter() - t0, complete=True, played=played[0])


def _result(sc: Any, scenario: Any, sides: list[str], seed: int, games: int, entrants: Sequence[Entrant], game_list: list[dict[str, Any]],
            think: dict[str, list], elapsed: float, complete: bool, played: int) -> TournamentResult:
    labels = [e[0] for e in entrants]
    result = TournamentResult(
        scenario=scenario_label(sc, scenario), sides=sides, seed=seed, games_per_side=games,
        agents=[{"label": label, "name": name, "options": options} for label, name, options in entrants],
        ratings=ratings(labels, game_list), pairs=pair_table(labels, game_list, sides), games=game_list,
        errors=[{"seed": g["seed"], "first": g["first"], "second": g["second"], **g["error"]} for g in game_list if g.get("error")],
        complete=complete)
    result.timing = {"seconds": elapsed, "games_per_minute": 60.0 * played / max(1e-9, elapsed),
                     "agents": {label: {"seconds": secs, "side_turns": turns, "ms_per_side_turn": 1000.0 * secs / turns if turns else None}
                                for label, (secs, turns) in think.items()}}
    return result


def _game_entry(rec: Mapping[str, Any], first: str, second: str, sides: list[str]) -> dict[str, Any]:
    """One game for the JSON: seed, agents, winner (an agent label; null for a draw), level, turns,
    the scenario's net victory points where the game ended (as simulate records them), the first
    agent's points; an agent error forfeits the game."""
    error = rec.get("error")
    if error:
        loser = error["side"]
        winner: str | None = second if loser == sides[0] else first
    else:
        winner = {sides[0]: first, sides[1]: second}.get(rec["winner"]) if rec["winner"] else None
    score = 1.0 if winner == first else 0.0 if winner == second else 0.5
    entry = {"seed": rec["seed"], "first": first, "second": second, "winner": winner, "level": rec["level"],
             "turns": rec["turns"], "vp": rec.get("vp"), "first_score": score}
    if error:
        entry["error"] = dict(error)
    return entry


# -- the results ------------------------------------------------------------------------------
def _wdl() -> dict[str, int]:
    return {"wins": 0, "draws": 0, "losses": 0}


def _add(wdl: dict[str, int], points: float) -> None:
    wdl["wins" if points == 1.0 else "losses" if points == 0.0 else "draws"] += 1


def pair_table(labels: list[str], games: list[dict[str, Any]], sides: list[str]) -> list[dict[str, Any]]:
    """Per pair (a, b) in the order given: a's wins, draws and losses with each side (by_side[S]:
    a played S), over both sides (total, with a's score), and the errors of each agent."""
    out = []
    for a, b in itertools.combinations(labels, 2):
        by_side = {s: _wdl() for s in sides}
        total = _wdl()
        errors = {a: 0, b: 0}
        n = 0
        for g in games:
            if {g["first"], g["second"]} != {a, b}:
                continue
            n += 1
            a_first = g["first"] == a
            points = g["first_score"] if a_first else 1.0 - g["first_score"]
            _add(by_side[sides[0] if a_first else sides[1]], points)
            _add(total, points)
            if g.get("error"):
                errors[g["error"]["agent"]] += 1
        score = (total["wins"] + 0.5 * total["draws"]) / n if n else 0.0
        out.append({"a": a, "b": b, "games": n, "by_side": by_side, "total": {**total, "score": round(score, 4)}, "errors": errors})
    return out


def fit_elo(n: int, results: Sequence[tuple[int, int, float]], prior_draws: float = PRIOR_DRAWS) -> dict[str, Any]:
    """Bradley-Terry with a first-side advantage, by maximum likelihood (Newton's method).

    results: (first agent, second agent, first agent's points: 1, 0.5 or 0). Returns Elo
    ratings with mean ANCHOR, their standard errors (Fisher information), the first side's
    advantage in Elo and its standard error."""
    import numpy as np

    W = np.zeros((n, n))
    S = np.zeros((n, n))
    for first, second, points in results:
        W[first, second] += 1.0
        S[first, second] += points
    for a, b in itertools.combinations(range(n), 2):       # a virtual draw, half on each side
        for u, v in ((a, b), (b, a)):
            W[u, v] += prior_draws / 2
            S[u, v] += prior_draws / 4
    cells = [(a, b) for a in range(n) for b in range(n) if W[a, b] > 0]
    D = np.zeros((len(cells), n + 1))
    for k, (a, b) in enumerate(cells):
        D[k, a], D[k, b], D[k, n] = 1.0, -1.0, 1.0
    w = np.array([W[c] for c in cells])
    s = np.array([S[c] for c in cells])

    def loglik(x: Any) -> float:
        z = D @ x
        return float(np.sum(s * z - w * np.logaddexp(0.0, z)))

    def information(x: Any) -> Any:
        p = 1.0 / (1.0 + np.exp(-(D @ x)))
        return p, D.T @ (D * (w * p * (1.0 - p))[:, None])

    x = np.zeros(n + 1)
    current = loglik(x)
    for _ in range(200):                # Newton's method, halving a step that would not climb
        p, info = information(x)
        step = np.linalg.pinv(info) @ (D.T @ (s - w * p))
        t = 1.0
        while t > 1e-6:
            trial = x + t * step
            trial[:n] -= trial[:n].mean()
            value = loglik(trial)
            if value >= current - 1e-12:
                x, current = trial, value
                break
            t /= 2
        if t <= 1e-6 or float(np.max(np.abs(t * step))) < 1e-10:
            break
    _, info = information(x)
    cov = np.linalg.pinv(info)          # the null direction (all ratings up together) is the anchor
    se = np.sqrt(np.clip(np.diag(cov), 0.0, None))
    return {"elo": [ANCHOR + ELO * float(v) for v in x[:n]], "se": [ELO * float(v) for v in se[:n]],
            "advantage": ELO * float(x[n]), "advantage_se": ELO * float(se[n])}


def ratings(labels: list[str], games: list[dict[str, Any]]) -> dict[str, Any]:
    """The Elo table of the JSON: per agent its rating, 95% interval, games, wins, draws, losses,
    errors and score; the first side's advantage; how it was computed."""
    index = {label: i for i, label in enumerate(labels)}
    fit = fit_elo(len(labels), [(index[g["first"]], index[g["second"]], g["first_score"]) for g in games])
    agents = {}
    for i, label in enumerate(labels):
        wdl = _wdl()
        errors = 0
        mine = [g for g in games if label in (g["first"], g["second"])]
        for g in mine:
            _add(wdl, g["first_score"] if g["first"] == label else 1.0 - g["first_score"])
            if g.get("error") and g["error"]["agent"] == label:
                errors += 1
        elo, half = fit["elo"][i], Z95 * fit["se"][i]
        agents[label] = {"elo": round(elo, 1), "ci95": [round(elo - half, 1), round(elo + half, 1)], "games": len(mine), **wdl,
                         "errors": errors, "score": round((wdl["wins"] + 0.5 * wdl["draws"]) / len(mine), 4) if mine else 0.0}
    adv, half = fit["advantage"], Z95 * fit["advantage_se"]
    return {"model": "Bradley-Terry on the Elo scale with a first-side advantage; maximum likelihood, a draw is half a point, "
                     f"{PRIOR_DRAWS:g} virtual draw per pair",
            "anchor": f"mean {ANCHOR:g}", "interval": "95%: +-1.96 standard errors from the Fisher information",
            "agents": agents, "first_side_advantage": {"elo": round(adv, 1), "ci95": [round(adv - half, 1), round(adv + half, 1)]}}


# -- output ---------------------------------------------------------------------------------
def tournament_json(result: Mapping[str, Any]) -> str:
    """The deterministic JSON text of a tournament (no timings)."""
    import json

    keys = ("scenario", "sides", "seed", "games_per_side", "agents", "ratings", "pairs", "games", "errors", "complete")
    return json.dumps({k: result[k] for k in keys if k in result}, indent=1) + "\n"


def write_json(path: str | Path, result: Mapping[str, Any]) -> None:
    """Write `tournament_json(result)` atomically (temporary file, then rename)."""
    from engine.files import write_text_atomic

    write_text_atomic(path, tournament_json(result))


def _rates(wdl: Mapping[str, int]) -> str:
    n = wdl["wins"] + wdl["draws"] + wdl["losses"]
    if not n:
        return "-"
    return "/".join(f"{100 * wdl[k] / n:.0f}" for k in ("wins", "draws", "losses"))


def tables(result: Mapping[str, Any], timing: Mapping[str, Any] | None = None) -> list[Any]:
    """The ratings table (best first) and the pairs table, as rich Tables (they fit 80 columns)."""
    from rich import box
    from rich.table import Table

    r = result["ratings"]
    seeds = f"seeds {result['seed']}-{result['seed'] + result['games_per_side'] - 1}"
    rating = Table(title=f"{result['scenario']}: {len(result['agents'])} agents, {len(result['games'])} games "
                         f"({result['games_per_side']} per pair and side, {seeds})", header_style="bold", box=box.SIMPLE_HEAD)
    any_errors = any(a["errors"] for a in r["agents"].values())
    for name in ("agent", "Elo", "95% CI", "score", "W / D / L", "errors", "ms/turn"):
        if name == "errors" and not any_errors:
            continue
        rating.add_column(name, justify="left" if name == "agent" else "right", overflow="fold", no_wrap=name != "agent")
    think = (timing or {}).get("agents", {})
    for label, a in sorted(r["agents"].items(), key=lambda kv: -kv[1]["elo"]):
        ms = think.get(label, {}).get("ms_per_side_turn")
        row = [label, f"{a['elo']:.0f}", f"{a['ci95'][0]:.0f} - {a['ci95'][1]:.0f}", f"{a['score']:.1%}",
               f"{a['wins']} / {a['draws']} / {a['losses']}"]
        if any_errors:
            row.append(str(a["errors"]))
        row.append(f"{ms:.1f}" if ms is not None else "-")
        rating.add_row(*row)
    sides = result["sides"]
    pairs = Table(title="pairs: A's win / draw / loss rates in % against B", header_style="bold", box=box.SIMPLE_HEAD)
    for name in ("A vs B", "games", f"A as {sides[0]}", f"A as {sides[1]}", "A overall", "A score"):
        pairs.add_column(name, justify="left" if name == "A vs B" else "right", no_wrap=name != "A vs B", overflow="fold")
    for p in result["pairs"]:
        pairs.add_row(f"{p['a']} vs {p['b']}", str(p["games"]), _rates(p["by_side"][sides[0]]), _rates(p["by_side"][sides[1]]),
                      _rates(p["total"]), f"{p['total']['score']:.1%}")
    return [rating, pairs]


def footer(result: Mapping[str, Any]) -> str:
    adv = result["ratings"]["first_side_advantage"]
    return (f"first side ({result['sides'][0]}) advantage: {adv['elo']:+.0f} Elo (95% CI {adv['ci95'][0]:+.0f} to {adv['ci95'][1]:+.0f})\n"
            "Elo: Bradley-Terry fit to all games by maximum likelihood, a draw half a point,\n"
            "one virtual draw per pair, mean 1500; 95% CI: +-1.96 standard errors (Fisher\n"
            "information). An agent error loses its game. ms/turn: the agent's own thinking\n"
            "time per side-turn (wall clock).")
