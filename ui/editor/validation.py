"""Live validation off the UI thread: a worker process runs the engine's loader on the texts
as edited and sends back the problems.

A process, not a thread: the loader is Python (pydantic, numpy set-up) and would hold the
interpreter lock for tens of milliseconds, long enough to drop frames while painting. The
window only puts the texts on a queue and, each frame, takes whatever answer has arrived;
a newer request makes the worker skip the older ones it has not started.
"""
from __future__ import annotations

import multiprocessing as mp
import queue
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.errors import Problem


@dataclass
class Request:
    revision: int
    main: str
    folder_layout: bool
    texts: dict[str, str]
    includes: dict[str, str]


@dataclass
class Result:
    revision: int
    problems: list[Problem]
    ms: float                    # time the loader took in the worker
    error: str = ""              # the worker itself failed (never a problem of the scenario)


def validate_request(req: Request) -> Result:
    """Check one request with the engine's loader (in the worker, or inline in tests)."""
    from engine.scenario.roundtrip import ScenarioFiles, YamlText, check_files

    start = time.perf_counter()
    main = Path(req.main)
    files = ScenarioFiles(main=main, files={name: YamlText(main.parent / name, text) for name, text in req.texts.items()},
                          includes=dict(req.includes), folder_layout=req.folder_layout)
    try:
        _, problems = check_files(files)
        error = ""
    except Exception as exc:  # noqa: BLE001 - reported in the window, the worker goes on
        problems, error = [], f"{type(exc).__name__}: {exc}"
    return Result(req.revision, problems, (time.perf_counter() - start) * 1000, error)


def _serve(requests: Any, results: Any) -> None:
    while True:
        req = requests.get()
        if req is None:
            return
        while True:                       # only the newest request matters
            try:
                newer = requests.get_nowait()
            except queue.Empty:
                break
            if newer is None:
                return
            req = newer
        results.put(validate_request(req))


class Validator:
    """The worker process and its two queues. `submit` never waits; `poll` never waits."""

    def __init__(self, inline: bool = False) -> None:
        self.inline = inline
        self.pending: Request | None = None
        self.submitted = 0
        self.latest: Result | None = None
        self.sent_at: dict[int, float] = {}
        self.round_trip_ms = 0.0
        self.proc: Any = None
        if not inline:
            ctx = mp.get_context("spawn")           # never fork a process holding a window
            self.requests: Any = ctx.Queue()
            self.results: Any = ctx.Queue()
            self.proc = ctx.Process(target=_serve, args=(self.requests, self.results), daemon=True, name="wargame-edit-validate")
            self.proc.start()

    def submit(self, req: Request) -> None:
        self.submitted = req.revision
        self.sent_at[req.revision] = time.perf_counter()
        if self.inline:
            self.pending = req
            return
        self.requests.put(req)

    def poll(self) -> Result | None:
        """The newest answer that arrived since the last call, or None."""
        got: Result | None = None
        if self.inline:
            if self.pending is not None:
                got, self.pending = validate_request(self.pending), None
        else:
            while True:
                try:
                    got = self.results.get_nowait()
                except queue.Empty:
                    break
                except (EOFError, OSError):
                    break
        if got is not None:
            sent = self.sent_at.pop(got.revision, None)
            if sent is not None:
                self.round_trip_ms = (time.perf_counter() - sent) * 1000
            self.sent_at = {k: v for k, v in self.sent_at.items() if k > got.revision}
            self.latest = got
        return got

    def wait(self, revision: int, timeout: float = 30.0) -> Result | None:
        """Block until the answer for `revision` (or a newer one) arrives: for tests and scripts."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            got = self.poll()
            if self.latest is not None and self.latest.revision >= revision:
                return self.latest
            if got is None:
                time.sleep(0.005)
        return None

    @property
    def busy(self) -> bool:
        return self.latest is None or self.latest.revision < self.submitted

    def close(self) -> None:
        if self.proc is None:
            return
        try:
            self.requests.put(None)
            self.proc.join(timeout=2)
        except (OSError, ValueError):
            pass
        if self.proc.is_alive():
            self.proc.terminate()
            self.proc.join(timeout=2)
        self.proc = None
