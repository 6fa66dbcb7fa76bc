"""Quick balance: AI-vs-AI games of the scenario as edited, in a background process, with the
progress shown in the editor and the result summed up per side.

The games are the engine's batch runs (`engine.batch.run_batch`, as `wargame simulate` plays
them), one worker process so that the editor keeps a core: the heuristic agent on both sides,
seeds 1 to N. The report: each side's win rate (with its 95% interval), the draws, the mean
VP (counted for the scenario's VP side), and each objective's rate and mean turn.
"""
from __future__ import annotations

import multiprocessing as mp
import queue
from dataclasses import dataclass, field
from typing import Any

DEFAULT_GAMES = 20


@dataclass
class BalanceState:
    games: int
    done: int = 0
    vp_total: int = 0
    summary: dict[str, Any] | None = None
    error: str = ""
    lines: list[str] = field(default_factory=list)

    @property
    def finished(self) -> bool:
        return self.summary is not None or bool(self.error)


def _play(path: str, games: int, agent: str, out: Any) -> None:
    from engine.batch import BatchError, run_batch

    def progress(done: int, total: int, record: dict[str, Any]) -> None:
        out.put(("game", done, total, int(record.get("vp", 0))))

    try:
        result = run_batch(path, games=games, seed=1, agents=agent, workers=1, progress=progress, keep_games=False)
    except (BatchError, Exception) as exc:  # noqa: BLE001 - reported in the editor
        out.put(("error", f"{type(exc).__name__}: {exc}"))
        return
    out.put(("done", result["summary"]))


class QuickBalance:
    """One run of games in a background process; `poll()` each frame, `stop()` to cancel."""

    def __init__(self, path: str, games: int = DEFAULT_GAMES, agent: str = "heuristic") -> None:
        ctx = mp.get_context("spawn")
        self.queue: Any = ctx.Queue()
        self.state = BalanceState(games)
        self.proc: Any = ctx.Process(target=_play, args=(path, games, agent, self.queue), daemon=True, name="wargame-edit-balance")
        self.proc.start()

    def poll(self) -> BalanceState:
        while True:
            try:
                msg = self.queue.get_nowait()
            except queue.Empty:
                break
            except (EOFError, OSError):
                break
            if msg[0] == "game":
                self.state.done, self.state.games = msg[1], msg[2]
                self.state.vp_total += msg[3]
            elif msg[0] == "done":
                self.state.summary = msg[1]
            elif msg[0] == "error":
                self.state.error = msg[1]
        if not self.state.finished and self.proc is not None and not self.proc.is_alive() and self.queue.empty():
            self.state.error = f"the games stopped (exit code {self.proc.exitcode})"
        return self.state

    def stop(self) -> None:
        if self.proc is not None and self.proc.is_alive():
            self.proc.terminate()
            self.proc.join(timeout=2)
        self.proc = None


def report_lines(state: BalanceState, side_names: dict[str, str], vp_side: str | None) -> list[str]:
    """The result as lines of the problem list's panel."""
    if state.error:
        return [f"Quick balance failed: {state.error}"]
    if state.summary is None:
        return [f"Quick balance: {state.done} of {state.games} AI-vs-AI games played ..."]
    s = state.summary
    n = max(1, int(s.get("games", 0)))
    lines = [f"Quick balance: {s.get('games')} games, heuristic AI on both sides, average {s.get('avg_turns', 0):.1f} turns"]
    for side, w in s.get("wins", {}).items():
        lo, hi = w.get("ci95", [0, 0])
        lines.append(f"  {side_names.get(side, side)} wins {w.get('rate', 0) * 100:.0f}% ({w.get('wins')} games; 95% interval "
                     f"{lo * 100:.0f}-{hi * 100:.0f}%)")
    lines.append(f"  draws {s.get('draws', 0)}, unfinished {s.get('unfinished', 0)}, mean VP {state.vp_total / n:+.1f}"
                 + (f" (for {side_names.get(vp_side, vp_side)})" if vp_side else ""))
    for oid, o in s.get("objectives", {}).items():
        turn = f", on turn {o['avg_turn']:.1f} on average" if o.get("avg_turn") else ""
        lines.append(f"  objective {oid}: achieved in {o.get('rate', 0) * 100:.0f}% of the games{turn}")
    for e in s.get("errors", [])[:3]:
        lines.append(f"  agent error: {e}")
    return lines
