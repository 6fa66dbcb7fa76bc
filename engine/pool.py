"""Worker processes for batch runs: they stop at once when the batch stops, and never outlive it.

`run_parallel` hands jobs one at a time to spawned worker processes over a pipe each, so the
parent always knows which job each worker holds, never queues more than the workers can
take, and never reads ahead of the job source by more than `window` jobs (a batch of a
hundred million games holds a window, not the list).

Stopping. The terminal sends Ctrl-C (SIGINT) to the whole process group: workers ignore it,
and the parent, which gets it too, kills them (SIGTERM, then SIGKILL after `KILL_GRACE`)
and lets the interrupt propagate; games in progress are dropped, finished ones were already
handed to `done`. Inside `interruptible()`, SIGINT and SIGTERM raise `Interrupted` in the
parent, except inside `critical()` blocks (handing over a finished game), which finish first.

Parent death. When the parent dies without cleaning up (SIGKILL, a crash), each worker
notices and exits: on Linux the kernel tells it at once (prctl PR_SET_PDEATHSIG, through
ctypes); everywhere, a thread polls os.getppid() every `PARENT_POLL` seconds. A worker
exits on SIGTERM by unwinding (so a replay it was writing leaves no temporary file), and
hard after `KILL_GRACE` more seconds if it cannot.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from contextlib import contextmanager
from multiprocessing.connection import wait as wait_any
from typing import Any, Callable, Iterable, Iterator

PARENT_POLL = 0.5       # seconds between a worker's checks that its parent lives
KILL_GRACE = 1.0        # seconds a worker has to unwind after SIGTERM before SIGKILL (or os._exit)
PR_SET_PDEATHSIG = 1    # from <linux/prctl.h>


class Interrupted(KeyboardInterrupt):
    """SIGINT or SIGTERM reached the parent during a batch: `signum` says which."""

    def __init__(self, signum: int = signal.SIGINT) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = int(signum)


class WorkerDied(RuntimeError):
    """A worker process ended without answering (killed, out of memory, a crash in C)."""

    def __init__(self, index: int, exitcode: int | None) -> None:
        self.how = f"killed by signal {-exitcode}" if exitcode is not None and exitcode < 0 else f"exit code {exitcode}"
        super().__init__(f"a worker process died ({self.how}) while playing job {index}")
        self.index, self.exitcode = index, exitcode


class JobFailed(RuntimeError):
    """A job raised in its worker: `index` and the exception as one line."""

    def __init__(self, index: int, error: str) -> None:
        super().__init__(error)
        self.index, self.error = index, error


# -- interrupts in the parent -------------------------------------------------------------------
class _Guard:
    active = False
    depth = 0
    pending: int | None = None
    raised: int | None = None        # a signal whose Interrupted was raised (kept until the batch ends)


_GUARD = _Guard()


def _handler(signum: int, _frame: Any) -> None:
    if _GUARD.depth:
        _GUARD.pending = signum
    else:
        _GUARD.raised = signum
        raise Interrupted(signum)


def check_interrupted() -> None:
    """Raise `Interrupted` again if one was raised in this batch and did not get through: an
    exception raised by a signal handler can land in code that swallows it (a finaliser, a
    library's own handler), and the batch would play on. The in-process loop calls this after
    every phase and every game."""
    if _GUARD.active and _GUARD.raised is not None and not _GUARD.depth:
        raise Interrupted(_GUARD.raised)


def interrupt_of(exc: BaseException) -> KeyboardInterrupt | None:
    """The interrupt `exc` is or carries, else None. An `Interrupted` that the signal handler
    raised while compiled code ran (a numba kernel) comes back as a SystemError ("returned a
    result with an exception set") with the interrupt as its cause."""
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        if isinstance(cur, KeyboardInterrupt):
            return cur
        seen.add(id(cur))
        cur = cur.__cause__ or cur.__context__
    return None


@contextmanager
def interruptible() -> Iterator[None]:
    """SIGINT and SIGTERM raise `Interrupted` (a KeyboardInterrupt) for the duration, outside
    `critical()` blocks. Only in the main thread, and only over the default handlers (a handler
    the program installed itself is left alone)."""
    if _GUARD.active or threading.current_thread() is not threading.main_thread():
        yield
        return
    replaced: dict[int, Any] = {}
    for sig, default in ((signal.SIGINT, signal.default_int_handler), (signal.SIGTERM, signal.SIG_DFL)):
        if signal.getsignal(sig) is default:
            replaced[int(sig)] = signal.signal(sig, _handler)
    _GUARD.active, _GUARD.depth, _GUARD.pending, _GUARD.raised = True, 0, None, None
    try:
        yield
    finally:
        _GUARD.active, _GUARD.raised = False, None
        for number, old in replaced.items():
            signal.signal(number, old)


@contextmanager
def critical() -> Iterator[None]:
    """A block that an interrupt does not cut in two: the interrupt is raised when it ends."""
    _GUARD.depth += 1
    try:
        yield
    finally:
        _GUARD.depth -= 1
        if not _GUARD.depth and _GUARD.pending is not None:
            signum, _GUARD.pending = _GUARD.pending, None
            raise Interrupted(signum)


@contextmanager
def _sigint_blocked() -> Iterator[None]:
    """SIGINT held back while workers start: they inherit the mask, so a Ctrl-C at that moment
    cannot reach a worker before it has set itself to ignore it; the parent gets it after."""
    block = getattr(signal, "pthread_sigmask", None)
    if block is None:
        yield
        return
    block(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        block(signal.SIG_UNBLOCK, {signal.SIGINT})


# -- the worker side ----------------------------------------------------------------------------
class _Stop(BaseException):
    """SIGTERM in a worker: unwind (temporary files are removed on the way) and exit."""


def _raise_stop(_signum: int, _frame: Any) -> None:
    raise _Stop()


def _die_with_parent(parent_pid: int) -> None:
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)
        except (OSError, AttributeError):
            pass                                # the polling thread below still works

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(PARENT_POLL)
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(KILL_GRACE)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _worker(conn: Any, parent_pid: int, play: Callable[[Any], Any], init: Callable[[Any], None] | None, init_arg: Any) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _raise_stop)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _die_with_parent(parent_pid)
    try:
        if init is not None:
            init(init_arg)
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):         # the parent is gone
                break
            if message is None:
                break
            index, job = message
            try:
                reply = (index, True, play(job))
            except Exception as exc:  # noqa: BLE001 - reported to the parent as one line
                from engine.batch import describe_exception

                reply = (index, False, describe_exception(exc))
            conn.send(reply)
    except _Stop:
        pass
    # Everything is unwound and closed; the interpreter's own exit (its atexit hooks and
    # finalizers, none of which this worker needs) can take a second.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            pass
    os._exit(0)


# -- the parent side ----------------------------------------------------------------------------
def run_parallel(play: Callable[[Any], Any], jobs: Iterable[tuple[int, Any]], done: Callable[[int, Any], None], workers: int,
                 init: Callable[[Any], None] | None = None, init_arg: Any = None, window: int | None = None) -> None:
    """`done(index, play(job))` in this process for every (index, job), the jobs played in
    `workers` spawned processes (`init(init_arg)` once in each). Indices must increase; no job
    is handed out more than `window` indices past the lowest unfinished one (default 64 per
    worker), so `done` sees results at most that far out of order.

    Any exception here (KeyboardInterrupt, `Interrupted`, `WorkerDied`, `JobFailed`, one
    from `done`) kills the workers before it propagates. `play` and `init` must be picklable
    (module-level functions)."""
    window = window or 64 * workers
    ctx = multiprocessing.get_context("spawn")
    procs: list[Any] = []
    conns: list[Any] = []
    clean = False
    try:
        with _sigint_blocked():
            for _ in range(workers):
                parent_end, child_end = ctx.Pipe()
                proc = ctx.Process(target=_worker, args=(child_end, os.getpid(), play, init, init_arg), daemon=True)
                proc.start()
                child_end.close()
                procs.append(proc)
                conns.append(parent_end)
        source = iter(jobs)
        upcoming = next(source, None)
        busy: dict[int, int] = {}               # worker -> index of the job it plays
        by_conn = {id(c): w for w, c in enumerate(conns)}
        by_sentinel = {p.sentinel: w for w, p in enumerate(procs)}
        while True:
            for w in range(workers):
                if upcoming is None:
                    break
                if w in busy:
                    continue
                if busy and upcoming[0] - min(busy.values()) >= window:
                    break
                try:
                    conns[w].send(upcoming)
                except OSError:             # it died between jobs (killed from outside): its pipe is closed
                    procs[w].join(KILL_GRACE)
                    raise WorkerDied(upcoming[0], procs[w].exitcode) from None
                busy[w] = upcoming[0]
                upcoming = next(source, None)
            if not busy:
                break
            ready = wait_any([conns[w] for w in busy] + [procs[w].sentinel for w in busy])
            for obj in sorted(ready, key=lambda o: isinstance(o, int)):       # answers before deaths
                if isinstance(obj, int):
                    w = by_sentinel[obj]
                    if w in busy and not conns[w].poll():
                        procs[w].join(KILL_GRACE)
                        raise WorkerDied(busy[w], procs[w].exitcode)
                    continue
                w = by_conn[id(obj)]
                if w not in busy:
                    continue
                try:
                    index, ok, value = conns[w].recv()
                except (EOFError, OSError):
                    procs[w].join(KILL_GRACE)
                    raise WorkerDied(busy[w], procs[w].exitcode) from None
                del busy[w]
                if not ok:
                    raise JobFailed(index, value)
                done(index, value)
        clean = True
    finally:
        _stop(procs, conns, gently=clean)


def _stop(procs: list[Any], conns: list[Any], gently: bool) -> None:
    """End the workers: a polite `None` when the batch is done; otherwise SIGTERM, then
    SIGKILL for any still alive after KILL_GRACE seconds."""
    if gently:
        for conn in conns:
            try:
                conn.send(None)
            except OSError:
                pass
    else:
        for proc in procs:
            if proc.is_alive():
                proc.terminate()
    deadline = time.monotonic() + (5.0 if gently else KILL_GRACE)
    for proc in procs:
        proc.join(max(0.0, deadline - time.monotonic()))
    for proc in procs:
        if proc.is_alive():
            proc.kill()
            proc.join(KILL_GRACE)
    for conn in conns:
        conn.close()
