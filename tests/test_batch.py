"""Batch runs: records, determinism across workers, replays, summary, the simulate command,
Ray, and the scripting examples."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest

import engine
from engine.batch import BatchError, batch_json, run_batch, run_game, summarize, summary_table, wilson
from ui.commands.batch import run_simulate

ROOT = Path(__file__).resolve().parents[1]
SCENARIO = "tutorial_river"
MIXED = {"blue": ("heuristic", {}), "red": ("random", {})}


def test_run_game_record():
    rec = run_game(SCENARIO, 3, MIXED)
    assert rec["seed"] == 3 and rec["winner"] in ("blue", "red", None)
    assert rec["level"] in ("decisive", "marginal", "draw")
    assert 1 <= rec["turns"] <= 8 and rec["orders"] > 0 and rec["seconds"] > 0
    assert set(rec["losses"]) == {"blue", "red"}
    assert set(rec["objectives"]) == {"cross_the_wend", "take_ashford", "hold_millbrook"}
    assert all(set(p) >= {"turn", "date", "side", "size", "steps", "place", "fate", "fate_turn"} for p in rec["pockets"])
    assert set(rec["objective_dates"]) == set(rec["objectives"]) and rec["milestones"] == {}
    assert set(rec["strength_lost"]) == {"blue", "red"}
    json.dumps(rec)


def test_the_record_counts_orders_in_each_phase_of_the_sequence():
    rec = run_game(SCENARIO, 3, "heuristic")
    by_phase = rec["orders_by_phase"]
    assert list(by_phase) == ["movement", "combat", "exploitation"] and all(n > 0 for n in by_phase.values())
    assert sum(by_phase.values()) < rec["orders"]          # the rest are EndPhase orders
    summary = summarize([rec])
    assert summary["avg_orders_by_phase"] == {k: float(v) for k, v in by_phase.items()}


def test_same_seed_same_record():
    a, b = run_game(SCENARIO, 9, MIXED), run_game(SCENARIO, 9, MIXED)
    a.pop("seconds"), b.pop("seconds")
    assert a == b


def test_max_turns_leaves_the_game_unfinished():
    rec = run_game(SCENARIO, 1, {"blue": ("random", {}), "red": ("random", {})}, max_turns=2)
    assert rec["turns"] == 2 and rec["level"] == "unfinished" and rec["winner"] is None


def test_json_is_byte_identical_for_one_and_two_workers(tmp_path):
    one = run_batch(SCENARIO, 6, seed=40, agents=MIXED, workers=1)
    two = run_batch(SCENARIO, 6, seed=40, agents=MIXED, workers=2)
    assert batch_json(one) == batch_json(two)
    assert [g["seed"] for g in one["games"]] == list(range(40, 46))
    assert "seconds" not in batch_json(one) and one.timing["seconds"] > 0


def test_every_replay_verifies(tmp_path):
    result = run_batch(SCENARIO, 4, seed=7, agents={"blue": ("random", {}), "red": ("heuristic", {"level": "hard"})},
                       workers=1, replay_dir=tmp_path)
    files = sorted(tmp_path.glob("*.json"))
    assert len(files) == 4
    for rec in result["games"]:
        game = engine.Game.load(rec["replay"])          # replays the orders, checks the saved hash
        assert game.over and game.result["winner"] == rec["winner"] and len(game.orders) == rec["orders"]


def test_progress_is_reported_for_every_game():
    seen = []
    run_batch(SCENARIO, 3, seed=0, agents="random", workers=1, progress=lambda done, total, rec: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]


def test_bad_arguments():
    with pytest.raises(BatchError, match="at least 1"):
        run_batch(SCENARIO, 0, agents="random")
    with pytest.raises(BatchError, match="unknown side 'blu'.*did you mean 'blue'"):
        run_batch(SCENARIO, 1, agents={"blu": ("random", {}), "red": ("random", {})})
    with pytest.raises(BatchError, match="did you mean 'random'"):
        run_batch(SCENARIO, 1, agents="randon")


def test_wilson_interval():
    assert wilson(0, 10) == (0.0, 0.2775)
    assert wilson(10, 10) == (0.7225, 1.0)
    lo, hi = wilson(5, 10)
    assert lo == pytest.approx(0.2366, abs=1e-4) and hi == pytest.approx(0.7634, abs=1e-4)


def test_summary_and_table():
    records = [
        {"seed": 1, "winner": "blue", "level": "decisive", "turns": 5, "losses": {"blue": 2, "red": 6}, "objectives": {"a": 3, "b": None},
         "pockets": [{"turn": 4, "side": "red", "size": 2, "steps": 4}], "orders": 50, "refused": 0},
        {"seed": 2, "winner": None, "level": "draw", "turns": 8, "losses": {"blue": 4, "red": 2}, "objectives": {"a": None, "b": 2},
         "pockets": [], "orders": 70, "refused": 1},
    ]
    s = summarize(records)
    assert s["wins"]["blue"]["wins"] == 1 and s["wins"]["red"]["wins"] == 0 and s["draws"] == 1
    assert s["avg_turns"] == 6.5 and s["avg_losses"] == {"blue": 3.0, "red": 4.0}
    assert s["objectives"]["a"] == {"taken": 1, "rate": 0.5, "avg_turn": 3.0}
    assert s["pockets"]["by_side"]["red"]["count"] == 1 and s["pockets"]["games_with_pockets"] == 1
    from rich.console import Console

    out = StringIO()
    Console(file=out, width=120).print(summary_table(s))
    text = out.getvalue()
    assert "blue wins" in text and "objective a" in text and "red pockets" in text


# -- the command -------------------------------------------------------------------------------
def test_simulate_writes_json(tmp_path, capsys):
    out = tmp_path / "r.json"
    code = run_simulate([SCENARIO, "--ai", "blue=heuristic:level=hard", "--ai", "red=random", "--games", "3", "--seed", "5",
                         "--workers", "1", "--json", str(out), "--replays", str(tmp_path / "rp")])
    assert code == 0
    data = json.loads(out.read_text())
    assert set(data) >= {"scenario", "games", "summary"} and [g["seed"] for g in data["games"]] == [5, 6, 7]
    assert data["agents"]["blue"] == {"name": "heuristic", "options": {"level": "hard"}}
    assert len(list((tmp_path / "rp").glob("*.json"))) == 3
    assert "blue wins" in capsys.readouterr().out


def test_simulate_quiet_prints_nothing(tmp_path, capsys):
    assert run_simulate([SCENARIO, "--ai", "random", "--games", "1", "--workers", "1", "--quiet"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


@pytest.mark.parametrize("args,message", [
    (["--ai", "heuristc"], "did you mean 'heuristic'"),
    (["--ai", "axis=random"], "unknown side 'axis'"),
    (["--games", "0"], "--games must be at least 1"),
    (["--workers", "0"], "--workers must be at least 1"),
    (["--json", "/no/such/folder/r.json"], "does not exist"),
    (["--ai", "heuristic:level"], "KEY=VALUE"),
    (["--ai", "heuristic:level=brutal"], "easy, normal, hard"),
    (["--games", "many"], "invalid int value"),
    (["--frobnicate"], "unrecognized arguments"),
])
def test_simulate_usage_errors(args, message, capsys):
    code = run_simulate([SCENARIO, *args])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1, err


def test_simulate_unknown_scenario(capsys):
    assert run_simulate(["tutorial_rivr"]) == 2
    err = capsys.readouterr().err
    assert "did you mean 'tutorial_river'" in err and len(err.strip().splitlines()) == 1


def test_simulate_json_path_is_a_directory(tmp_path, capsys):
    assert run_simulate([SCENARIO, "--json", str(tmp_path)]) == 2
    assert "is a directory" in capsys.readouterr().err


# -- Ray -------------------------------------------------------------------------------------
def test_ray_gives_the_same_results():
    ray = pytest.importorskip("ray")
    local = run_batch(SCENARIO, 4, seed=20, agents=MIXED, workers=1)
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        remote = run_batch(SCENARIO, 4, seed=20, agents=MIXED, ray_address="local")
    finally:
        ray.shutdown()
    assert batch_json(remote) == batch_json(local)


def test_ray_missing_is_a_clear_usage_error(monkeypatch, capsys):
    monkeypatch.setitem(sys.modules, "ray", None)      # import ray -> ImportError
    assert run_simulate([SCENARIO, "--ray", "--games", "1"]) == 2
    assert "pip install" in capsys.readouterr().err
    with pytest.raises(BatchError, match="Ray is not installed"):
        run_batch(SCENARIO, 1, agents="random", ray_address="local")


# -- the scripting examples -------------------------------------------------------------------
@pytest.mark.parametrize("script,args,expect", [
    ("custom_agent.py", [], "after"),
    ("tournament.py", ["--games", "1", "--workers", "1"], "round robin"),
    ("read_results.py", [], "verified"),
])
def test_examples_run(script, args, expect):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, str(ROOT / "examples" / script), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert expect in proc.stdout


def test_a_scenario_loaded_by_name_leaves_the_collector_after_its_first_game_and_one_passed_in_does_not():
    # a fresh process: what run_game froze is the process's, not the test run's
    script = (
        "import gc, engine\n"
        "from engine.batch import run_game\n"
        "run_game(engine.load_scenario('tutorial_river'), 1, 'random')\n"
        "print(gc.get_freeze_count())\n"
        "run_game('tutorial_river', 1, 'random')\n"
        "frozen = gc.get_freeze_count()\n"
        "run_game('tutorial_river', 2, 'random')\n"
        "print(frozen, gc.get_freeze_count() - frozen)\n"
    )
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, run.stderr
    passed_in, (by_name, second_game) = run.stdout.split("\n")[0], run.stdout.split("\n")[1].split()
    assert passed_in == "0" and int(by_name) > 1000
    assert int(second_game) <= 0        # frozen once: a later game freezes nothing more (some frozen objects are freed)
