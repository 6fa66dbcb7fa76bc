"""Stopping a batch (issue 19, items 7, 8, 16 and 17): real signals to a real `wargame simulate`.

Ctrl-C stops a batch within 5 s and keeps the finished games in a valid `--json` marked
incomplete; `--resume` plays the rest and gives the same file as one uninterrupted run; no
worker outlives its parent by more than 5 s, however the parent dies; `--games 100000000`
runs in bounded memory; an unreachable Ray address fails in bounded time.
"""
from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from engine.batch import batch_json, run_batch
from engine.batchfile import JsonWriter, read_batch
from ui.commands.batch import run_simulate

ROOT = Path(__file__).resolve().parents[1]
FAST = ["tutorial_river", "--ai", "random"]       # random agents: several games a second
# Python leaves SIGINT ignored in a child when its parent ignored it (a shell's background job):
# the command under test gets the handler a terminal would give it.
WARGAME = [sys.executable, "-c", "import signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
           "from ui.cli import main; sys.exit(main())"]
STOP_WITHIN = 5.0


def start(tmp_path: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([*WARGAME, "simulate", *args], cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def children(pid: int) -> list[int]:
    """Live child processes of `pid` (Linux /proc)."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            out.append(int(entry.name))
    return out


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text()
    except OSError:
        return ""


def alive(pid: int) -> bool:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return False
    return fields[0] != "Z"


def wait_for_workers(proc: subprocess.Popen, count: int, then: float, tracker: bool = True) -> list[int]:
    """The worker pids once `count` of them run, after `then` more seconds of play (with
    `tracker=False`, multiprocessing's resource tracker is not counted as a worker)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        kids = children(proc.pid)
        if not tracker:
            kids = [p for p in kids if "resource_tracker" not in _cmdline(p)]
        if len(kids) >= count:
            time.sleep(then)
            return children(proc.pid)
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.1)
    raise AssertionError("the workers did not start")


def wait_for_games(proc: subprocess.Popen, folder: Path, count: int) -> None:
    """Until `count` games have finished (their replays are written into `folder`)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if folder.is_dir() and len([p for p in folder.iterdir() if not p.name.startswith(".")]) >= count:
            return
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    raise AssertionError(f"{count} games did not finish")


def stop(proc: subprocess.Popen, sig: int) -> tuple[int, str, float]:
    t0 = time.monotonic()
    proc.send_signal(sig)
    try:
        _, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise AssertionError(f"{signal.Signals(sig).name} did not stop the batch within 30 s")
    return proc.returncode, err, time.monotonic() - t0


def gone_within(pids: list[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.1)
    return [p for p in pids if alive(p)]


linux_only = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")


# -- items 7 and 17: SIGINT --------------------------------------------------------------------
@linux_only
def test_ctrl_c_stops_a_two_worker_batch_at_once_and_keeps_the_finished_games(tmp_path):
    proc = start(tmp_path, *FAST, "--games", "5000", "--workers", "2", "--json", "out.json", "--replays", "replays", "--quiet")
    workers = wait_for_workers(proc, 2, then=0.0)
    wait_for_games(proc, tmp_path / "replays", 2)
    code, err, took = stop(proc, signal.SIGINT)
    assert code == 130 and took < STOP_WITHIN, (code, took, err)
    assert "Traceback" not in err
    found = re.search(r"interrupted after (\d+) of 5000 games", err)
    assert found, err
    assert "out.json" in err and "--resume out.json" in err
    data = json.loads((tmp_path / "out.json").read_text())
    assert data["complete"] is False and data["games_planned"] == 5000
    seeds = [g["seed"] for g in data["games"]]
    assert len(seeds) == int(found.group(1)) == data["summary"]["games"] > 0
    assert seeds == sorted(set(seeds)) and all(1 <= s <= 5000 for s in seeds)
    assert not gone_within(workers, STOP_WITHIN), "a worker outlived the batch"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "replays"], "no temporary file is left"
    assert not [p for p in (tmp_path / "replays").iterdir() if p.name.startswith(".")], "no temporary replay is left"


@linux_only
def test_resume_plays_the_rest_and_gives_the_same_json_as_one_uninterrupted_run(tmp_path):
    games = "30"
    common = [*FAST, "--games", games, "--seed", "7", "--replays", "replays", "--quiet"]
    proc = start(tmp_path, *common, "--workers", "2", "--json", "out.json")
    wait_for_games(proc, tmp_path / "replays", 3)
    code, err, _ = stop(proc, signal.SIGINT)
    assert code == 130, err
    first = json.loads((tmp_path / "out.json").read_text())
    assert not first["complete"] and 0 < len(first["games"]) < 30, len(first["games"])

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    resumed = subprocess.run([*WARGAME, "simulate", *common, "--workers", "2", "--resume", "out.json"], cwd=tmp_path, env=env,
                             capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    whole = subprocess.run([*WARGAME, "simulate", *common, "--workers", "1", "--json", "whole.json"], cwd=tmp_path, env=env,
                           capture_output=True, text=True, timeout=300)
    assert whole.returncode == 0, whole.stderr
    assert (tmp_path / "out.json").read_text() == (tmp_path / "whole.json").read_text()
    assert json.loads((tmp_path / "whole.json").read_text())["complete"] is True


def test_resume_refuses_a_file_of_another_batch_or_a_broken_one(tmp_path, capsys):
    out = tmp_path / "out.json"
    assert run_simulate([*FAST, "--games", "3", "--seed", "1", "--workers", "1", "--json", str(out), "--quiet"]) == 0
    before = out.read_text()
    assert run_simulate([*FAST, "--games", "3", "--seed", "2", "--workers", "1", "--resume", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "another batch" in err and "seed is 1" in err and "this one's is 2" in err
    assert out.read_text() == before

    broken = tmp_path / "broken.json"
    broken.write_text(before.replace('"seed": 2,', '"seed": "two",', 1))
    assert run_simulate([*FAST, "--games", "3", "--seed", "1", "--workers", "1", "--resume", str(broken), "--quiet"]) == 1
    err = capsys.readouterr().err
    line = before[: before.index('"seed": 2,')].count("\n")        # the record's opening brace, one line up
    assert re.match(rf"{re.escape(str(broken))}:{line}:3: error: game 2: seed: ", err), err
    assert "Traceback" not in err

    truncated = tmp_path / "truncated.json"
    truncated.write_text(before[: len(before) // 2])
    assert run_simulate([*FAST, "--games", "3", "--seed", "1", "--workers", "1", "--resume", str(truncated), "--quiet"]) == 1
    assert re.match(rf"{re.escape(str(truncated))}:\d+:\d+: error: not valid JSON", capsys.readouterr().err)


def test_an_interrupt_wrapped_by_compiled_code_still_stops_a_one_process_batch(tmp_path, monkeypatch):
    """Ctrl-C during a numba kernel: the handler's Interrupted comes back as a SystemError ("returned
    a result with an exception set") caused by it. The batch stops as interrupted with the games it
    finished, instead of an internal error."""
    import engine.batch
    from engine.batch import BatchInterrupted
    from engine.pool import Interrupted, interrupt_of

    played = engine.batch._worker_game
    calls = []

    def game(job):
        calls.append(job)
        if len(calls) == 2:
            try:
                raise Interrupted(signal.SIGINT)
            except Interrupted as exc:
                raise SystemError("CPUDispatcher(<function bfs_steps>) returned a result with an exception set") from exc
        return played(job)

    monkeypatch.setattr(engine.batch, "_worker_game", game)
    with pytest.raises(BatchInterrupted) as info:
        run_batch("tutorial_river", games=3, seed=1, agents="random", workers=1)
    assert info.value.result["complete"] is False and len(info.value.result["games"]) == 1
    assert interrupt_of(ValueError("no")) is None


@linux_only
def test_ctrl_c_with_one_worker_stops_the_game_in_progress(tmp_path):
    proc = start(tmp_path, *FAST, "--games", "5000", "--workers", "1", "--json", "out.json", "--replays", "replays", "--quiet")
    wait_for_games(proc, tmp_path / "replays", 1)
    code, err, took = stop(proc, signal.SIGINT)
    assert code == 130 and took < STOP_WITHIN, (code, took, err)
    data = json.loads((tmp_path / "out.json").read_text())
    assert data["complete"] is False and data["summary"]["games"] == len(data["games"])


# -- item 7: the parent dies -------------------------------------------------------------------
@linux_only
def test_sigterm_saves_the_finished_games_and_ends_the_workers(tmp_path):
    proc = start(tmp_path, *FAST, "--games", "5000", "--workers", "2", "--json", "out.json", "--quiet")
    workers = wait_for_workers(proc, 2, then=2.0)
    code, err, took = stop(proc, signal.SIGTERM)
    assert code == 143 and took < STOP_WITHIN and "terminated after" in err, (code, err)
    assert json.loads((tmp_path / "out.json").read_text())["complete"] is False
    assert not gone_within(workers, STOP_WITHIN)


@linux_only
def test_no_worker_outlives_a_parent_killed_with_sigkill(tmp_path):
    proc = start(tmp_path, *FAST, "--games", "5000", "--workers", "2", "--quiet")
    workers = wait_for_workers(proc, 2, then=1.0)
    assert len(workers) >= 2
    proc.kill()
    proc.communicate(timeout=30)
    assert not gone_within(workers, STOP_WITHIN), "workers outlived their parent by more than 5 s"


def test_parent_death_is_noticed_without_the_kernel_s_help(tmp_path):
    """The portable fallback (a thread polling os.getppid): a worker whose parent is gone exits."""
    code = ("import os, sys, time, engine.pool as pool; pool.PARENT_POLL = 0.1; pool._die_with_parent(os.getppid() + 10**6); "
            "time.sleep(20); sys.exit(3)")
    t0 = time.monotonic()
    done = subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=30)
    assert done.returncode != 3 and time.monotonic() - t0 < 10


# -- item 16: huge --games -----------------------------------------------------------------------
@linux_only
def test_a_hundred_million_games_run_in_bounded_memory_and_stop_cleanly(tmp_path):
    proc = start(tmp_path, *FAST, "--games", "100000000", "--workers", "2", "--json", "out.json", "--replays", "replays", "--quiet")
    wait_for_games(proc, tmp_path / "replays", 20)
    status = Path(f"/proc/{proc.pid}/status").read_text()
    peak_kb = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1))
    code, err, took = stop(proc, signal.SIGINT)
    assert code == 130 and took < STOP_WITHIN, err
    assert peak_kb < 300_000, f"the parent of a 100,000,000-game batch peaked at {peak_kb // 1024} MB"
    data = json.loads((tmp_path / "out.json").read_text())
    assert data["games_planned"] == 100_000_000 and data["complete"] is False and data["games"]


def test_the_streamed_json_is_the_json_of_the_whole_result(tmp_path):
    result = run_batch("tutorial_river", 4, seed=3, agents="random", workers=1, json_path=tmp_path / "out.json")
    assert (tmp_path / "out.json").read_text() == batch_json(result)
    header, records = read_batch(tmp_path / "out.json")
    assert header["games_planned"] == 4 and [r["seed"] for r in records] == [3, 4, 5, 6]
    lean = run_batch("tutorial_river", 4, seed=3, agents="random", workers=1, keep_games=False)
    assert lean["games"] == [] and lean["summary"] == result["summary"]
    writer = JsonWriter(tmp_path / "empty.json", {k: result[k] for k in ("scenario", "agents", "seed", "games_planned", "max_turns")})
    writer.close(result["summary"], False)
    data = json.loads((tmp_path / "empty.json").read_text())
    assert data["games"] == [] and data["complete"] is False


def test_seeds_past_2_to_the_63_are_a_usage_error(capsys):
    assert run_simulate([*FAST, "--games", "10", "--seed", str(2**63 - 5), "--quiet"]) == 2
    assert "at most 9223372036854775807" in capsys.readouterr().err


# -- item 8: an unreachable Ray address ------------------------------------------------------------
def _ray_command(tmp_path: Path, address: str, timeout: str) -> tuple[subprocess.CompletedProcess, float]:
    t0 = time.monotonic()
    done = subprocess.run([*WARGAME, "simulate", *FAST, "--games", "2", "--quiet", "--ray", address, "--ray-timeout", timeout],
                          cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=120)
    return done, time.monotonic() - t0


@pytest.mark.parametrize("address", ["no-such-host.invalid:6379", "192.0.2.1:6379"])
def test_an_unreachable_ray_address_fails_in_bounded_time(tmp_path, address):
    pytest.importorskip("ray")
    done, took = _ray_command(tmp_path, address, "3")
    assert done.returncode == 1, done.stderr
    assert f"cannot reach the Ray cluster at {address}" in done.stderr and "Traceback" not in done.stderr
    assert took < 3 + 15, took               # the time-out, and the interpreter's start and exit


def test_a_ray_address_that_accepts_but_does_not_answer_fails_in_bounded_time(tmp_path):
    pytest.importorskip("ray")
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    accepted: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                accepted.append(server.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    try:
        done, took = _ray_command(tmp_path, f"127.0.0.1:{server.getsockname()[1]}", "3")
    finally:
        server.close()
        for s in accepted:
            s.close()
    assert done.returncode == 1, done.stderr
    assert "did not answer as Ray within 3 s" in done.stderr and "Traceback" not in done.stderr
    assert took < 3 + 15, took


def test_ray_timeout_must_be_sensible(capsys):
    assert run_simulate([*FAST, "--ray-timeout", "0", "--games", "1"]) == 2
    assert "--ray-timeout" in capsys.readouterr().err


@linux_only
def test_ctrl_c_stops_a_tournament_and_keeps_its_finished_games(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([*WARGAME, "tournament", "tutorial_river", "--agents", "random,random:end_chance=0.5", "--games", "2000",
                             "--workers", "2", "--json", "out.json", "--quiet"], cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    workers = wait_for_workers(proc, 2, then=3.0)
    code, err, took = stop(proc, signal.SIGINT)
    assert code == 130 and took < STOP_WITHIN, (code, took, err)
    found = re.search(r"interrupted after (\d+) of 4000 games", err)
    assert found and "Traceback" not in err, err
    data = json.loads((tmp_path / "out.json").read_text())
    assert data["complete"] is False and len(data["games"]) == int(found.group(1))
    assert not gone_within(workers, STOP_WITHIN)


def test_a_tournament_too_big_to_hold_is_a_usage_error(capsys):
    from ui.commands.tournament import run_tournament

    assert run_tournament(["tutorial_river", "--agents", "random,heuristic", "--games", "100000000"]) == 2
    assert "the limit is 100000" in capsys.readouterr().err


@linux_only
def test_a_worker_killed_from_outside_stops_the_batch_and_keeps_the_finished_games(tmp_path):
    proc = start(tmp_path, *FAST, "--games", "5000", "--workers", "2", "--json", "out.json", "--replays", "replays", "--quiet")
    wait_for_workers(proc, 2, then=0.0)
    wait_for_games(proc, tmp_path / "replays", 2)
    workers = [p for p in children(proc.pid) if "resource_tracker" not in Path(f"/proc/{p}/cmdline").read_text()]
    os.kill(workers[0], signal.SIGKILL)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 1, err
    assert re.search(r"a worker process died \(killed by signal 9\) playing the game of seed \d+; stopped after \d+ of 5000 games", err), err
    data = json.loads((tmp_path / "out.json").read_text())
    assert data["complete"] is False and data["games"]
    assert not gone_within(workers, STOP_WITHIN)


# -- tournaments: --resume ---------------------------------------------------------------------
TOURNAMENT = ["tutorial_river", "--agents", "random,random:end_chance=0.5", "--quiet"]


@linux_only
def test_resume_continues_an_interrupted_tournament_and_gives_the_same_json_as_one_uninterrupted_run(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    common = [*TOURNAMENT, "--games", "300", "--seed", "3"]
    for wait in (2.0, 4.0, 8.0, 16.0):     # a tournament shows no progress outside: stop it later on a busy machine
        proc = subprocess.Popen([*WARGAME, "tournament", *common, "--workers", "2", "--json", "out.json"], cwd=tmp_path, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wait_for_workers(proc, 2, then=wait, tracker=False)
        code, err, _ = stop(proc, signal.SIGINT)
        assert code == 130, err
        assert "--resume out.json" in err
        first = json.loads((tmp_path / "out.json").read_text())
        assert first["complete"] is False and len(first["games"]) < 600, len(first["games"])
        if first["games"]:
            break
    assert first["games"]

    resumed = subprocess.run([*WARGAME, "tournament", *common, "--workers", "2", "--resume", "out.json"], cwd=tmp_path, env=env,
                             capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    whole = subprocess.run([*WARGAME, "tournament", *common, "--workers", "1", "--json", "whole.json"], cwd=tmp_path, env=env,
                           capture_output=True, text=True, timeout=300)
    assert whole.returncode == 0, whole.stderr
    assert (tmp_path / "out.json").read_text() == (tmp_path / "whole.json").read_text()
    assert json.loads((tmp_path / "whole.json").read_text())["complete"] is True
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "whole.json"], "no temporary file is left"


def test_tournament_resume_refuses_a_file_of_another_tournament_or_a_broken_one(tmp_path, capsys):
    from ui.commands.tournament import run_tournament

    out = tmp_path / "out.json"
    args = [*TOURNAMENT, "--games", "2", "--seed", "1", "--workers", "1"]
    assert run_tournament([*args, "--json", str(out)]) == 0
    whole = out.read_text()
    data = json.loads(whole)
    data["games"], data["complete"] = data["games"][:2], False
    part = tmp_path / "part.json"
    part.write_text(json.dumps(data, indent=1) + "\n")
    before = part.read_text()
    capsys.readouterr()

    def line_col(text: str, needle: str, offset: int = 0) -> tuple[int, int]:
        k = text.index(needle) + offset
        return text[:k].count("\n") + 1, k - text.rfind("\n", 0, k)

    # another tournament: another seed, other agents, other games per side: exit 2, the value's position
    for other, key in ((["--seed", "2"], '"seed": 1'), (["--agents", "random,random:end_chance=0.3"], '"agents": ['),
                       (["--games", "3"], '"games_per_side": 2')):
        changed = [*TOURNAMENT, "--games", "2", "--seed", "1", "--workers", "1", *other]
        if other[0] == "--agents":
            changed[2] = other[1]
            changed = changed[:-2]
        assert run_tournament([*changed, "--resume", str(part)]) == 2
        err = capsys.readouterr().err
        line, col = line_col(before, key, len(key.split(": ")[0]) + 2)
        assert f"{part}:{line}:{col}: written by another tournament" in err, err
        assert part.read_text() == before, "the file is left as it was"

    # a broken game: exit 1 with FILE:LINE:COL, nothing written
    for edit, message in ((('"turns": ', '"turns": "many", "t": '), "game 1: turns: "),
                          (('"first_score": ', '"first_score": 7'), "game 1: first_score: "),
                          (('"first": "random"', '"first": "nobody"'), "is not a game of this tournament")):
        broken = tmp_path / "broken.json"
        text = before.replace(edit[0], edit[1], 1)
        assert text != before, edit
        broken.write_text(text)
        assert run_tournament([*args, "--resume", str(broken)]) == 1
        err = capsys.readouterr().err
        assert re.match(rf"{re.escape(str(broken))}:\d+:\d+: error: ", err) and message in err, err
        assert "Traceback" not in err and broken.read_text() == text

    # the same game twice
    doubled = dict(data, games=[data["games"][0], data["games"][0]])
    broken.write_text(json.dumps(doubled, indent=1))
    assert run_tournament([*args, "--resume", str(broken)]) == 1
    assert "listed twice" in capsys.readouterr().err

    truncated = tmp_path / "truncated.json"
    truncated.write_text(before[: before.index('"games": [') + 200])
    assert run_tournament([*args, "--resume", str(truncated)]) == 1
    assert re.match(rf"{re.escape(str(truncated))}:\d+:\d+: error: not valid JSON", capsys.readouterr().err)

    assert run_tournament([*args, "--resume", str(part)]) == 0      # and the good file continues
    assert part.read_text() == whole


# -- the temporary file a SIGKILL leaves ---------------------------------------------------------
@linux_only
def test_the_temporary_file_a_killed_batch_leaves_is_removed_by_the_next_run(tmp_path):
    proc = start(tmp_path, *FAST, "--games", "5000", "--workers", "1", "--json", "out.json", "--replays", "replays", "--quiet")
    wait_for_games(proc, tmp_path / "replays", 2)
    proc.kill()
    proc.communicate(timeout=30)
    left = [p for p in tmp_path.iterdir() if p.name.startswith(".out.json.")]
    assert len(left) == 1 and not (tmp_path / "out.json").exists(), sorted(p.name for p in tmp_path.iterdir())
    old = time.time() - 60
    os.utime(left[0], (old, old))                   # older than engine.files.STALE_AFTER
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([*WARGAME, "simulate", *FAST, "--games", "2", "--workers", "1", "--json", "out.json", "--quiet"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json", "replays"]


def test_only_stale_temporary_files_of_the_target_are_removed(tmp_path):
    import fcntl

    from engine.files import STALE_AFTER, remove_stale_temporaries, write_text_atomic

    old = time.time() - STALE_AFTER - 60
    names = {"stale": ".out.json.abcd_123.tmp", "young": ".out.json.young123.tmp", "other": ".other.json.abcd_123.tmp",
             "held": ".out.json.held1234.tmp", "unlike": ".out.json.x.tmp", "mine": "out.json.abcd_123.tmp"}
    for key, name in names.items():
        (tmp_path / name).write_text("{")
        if key != "young":
            os.utime(tmp_path / name, (old, old))
    (tmp_path / ".out.json.link_123.tmp").symlink_to(tmp_path / names["other"])
    held = os.open(tmp_path / names["held"], os.O_RDONLY)
    fcntl.flock(held, fcntl.LOCK_EX)                 # a writer still at work
    try:
        assert remove_stale_temporaries(tmp_path / "out.json") == [names["stale"]]
        (tmp_path / names["stale"]).write_text("{")
        os.utime(tmp_path / names["stale"], (old, old))
        write_text_atomic(tmp_path / "out.json", "{}\n")
    finally:
        os.close(held)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["out.json", ".out.json.link_123.tmp"] + [n for k, n in names.items() if k != "stale"])


def test_an_interrupt_swallowed_on_its_way_is_raised_again_at_the_next_check():
    """A Ctrl-C whose exception lands in code that swallows it (a finaliser, a library's own
    handler) still stops the batch: the next phase or game raises it again."""
    from engine import pool

    # the handler a terminal gives (a job started in the background by a shell without job
    # control inherits SIGINT ignored, and `interruptible` leaves an ignored SIGINT alone)
    old = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        _swallowed_then_raised_again(pool)
    finally:
        signal.signal(signal.SIGINT, old)


def _swallowed_then_raised_again(pool) -> None:
    with pool.interruptible():
        pool.check_interrupted()                 # nothing pending: nothing happens
        try:
            signal.raise_signal(signal.SIGINT)
        except pool.Interrupted:
            pass                                 # swallowed on its way
        with pytest.raises(pool.Interrupted):
            pool.check_interrupted()
    pool.check_interrupted()                     # outside a batch: nothing
