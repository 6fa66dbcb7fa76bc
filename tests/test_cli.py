"""The `wargame` command as a user meets it: exit codes, messages, never a traceback."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ui.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_list_shows_the_shipped_scenarios(capsys):
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert "tutorial_river" in out and "Training: The River Line" in out


def test_info_summarises_a_scenario(capsys):
    code, out, _ = run(capsys, "info", "tutorial_river")
    assert code == 0
    assert "16 x 12 hexes" in out and "Blue Force" in out and "8 turns" in out


def test_validate_accepts_shipped_scenarios_by_name_file_and_folder(capsys, tmp_path):
    folder = tmp_path / "folder_scenario"
    folder.mkdir()
    (folder / "scenario.yaml").write_text((ROOT / "scenarios" / "tutorial_river.yaml").read_text())
    code, out, _ = run(capsys, "validate", "tutorial_river", str(ROOT / "scenarios" / "tutorial_river.yaml"), str(folder))
    assert code == 0
    assert out.count(": ok") == 3


def test_validate_reports_problems_with_positions_and_exits_1(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    text = (ROOT / "scenarios" / "tutorial_river.yaml").read_text().replace("type: armour, hex", "type: armor, hex", 1)
    bad.write_text(text)
    code, out, _ = run(capsys, "validate", str(bad))
    assert code == 1
    line = next(n for n, l in enumerate(text.splitlines(), 1) if "type: armor" in l)
    col = text.splitlines()[line - 1].index("armor") + 1
    assert f"{bad}:{line}:{col}: error: unknown unit type 'armor'; did you mean 'armour'?" in out


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02binary", b"just a string", b"[1, 2", b"\xff\xfe\xfa not utf8",
                                     b"a: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(b"%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n" % ((98 + i,) * 2 + (97 + i,) * 8) for i in range(20)),
                                     b"[" * 10000 + b"]" * 10000])
def test_validate_never_prints_a_traceback_whatever_the_file_holds(capsys, tmp_path, content):
    f = tmp_path / "x.yaml"
    f.write_bytes(content)
    code, out, err = run(capsys, "validate", str(f))
    assert code == 1
    assert re.search(r"x\.yaml:\d+:\d+: error: ", out)


def test_schema_is_json_and_matches_the_copy_in_docs(capsys):
    code, out, _ = run(capsys, "schema")
    assert code == 0
    schema = json.loads(out)
    assert "units" in schema["properties"] and "map" in schema["properties"]
    assert json.loads((ROOT / "docs" / "scenario.schema.json").read_text()) == schema, "run: wargame schema --out docs/scenario.schema.json"


@pytest.mark.parametrize("argv", [["frobnicate"], ["info"], ["validate"], ["render", "tutorial_river"],
                                  ["replay"], ["play", "--seed", "-3"], ["render", "tutorial_river", "--out", "x.png", "--hex-px", "zero"]])
def test_usage_errors_exit_2_with_a_message(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert err.strip()


def test_unknown_scenario_suggests_the_closest_name(capsys):
    code, _, err = run(capsys, "info", "tutorial_rivr")
    assert code == 1
    assert "did you mean 'tutorial_river'" in err


def test_replay_verify_passes_on_a_saved_game_and_fails_on_an_edited_one(capsys, tmp_path):
    import engine

    game = engine.Game(engine.load_scenario("tutorial_river"), seed=3)
    for order in game.legal_orders()[:3]:
        if not isinstance(order, engine.EndPhase):
            game.apply(order)
            break
    game.end_phase()
    path = tmp_path / "save.json"
    game.save(path)
    code, out, _ = run(capsys, "replay", str(path), "--verify")
    assert code == 0 and "matches" in out
    data = json.loads(path.read_text())
    data["state_hash"] = "0" * 64
    path.write_text(json.dumps(data))
    code, out, _ = run(capsys, "replay", str(path), "--verify")
    assert code == 1 and "FAILED" in out
    path.write_text(path.read_text()[:40])
    code, _, err = run(capsys, "replay", str(path), "--verify")
    assert code == 1 and "not valid JSON" in err


def test_replay_without_verify_prints_the_game(capsys, tmp_path):
    import engine

    game = engine.Game(engine.load_scenario("tutorial_river"), seed=3)
    game.end_phase()
    path = tmp_path / "save.json"
    game.save(path)
    code, out, _ = run(capsys, "replay", str(path))
    assert code == 0 and "Turn 1" in out


def test_commands_that_need_no_window_or_search_import_neither_pygame_nor_numba():
    code = (
        "import sys\n"
        "from ui.cli import main\n"
        "for argv in (['list'], ['info', 'tutorial_river'], ['validate', 'tutorial_river'], ['schema']):\n"
        "    main(argv)\n"
        "bad = [m for m in ('pygame', 'numba') if m in sys.modules]\n"
        "sys.exit(3 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]


def test_the_engine_never_imports_pygame():
    offenders = [str(p) for p in (ROOT / "engine").rglob("*.py") if re.search(r"^\s*(import pygame|from pygame)", p.read_text(), re.M)]
    assert offenders == []


def test_readme_python_example_runs(tmp_path):
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"```python\n(.*?)```", readme, re.S).group(1)
    env = {**__import__("os").environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", block], cwd=tmp_path, capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr[-2000:]


ABSURD = [
    ["simulate"], ["simulate", "tutorial_river", "--games", "-1"], ["simulate", "tutorial_river", "--games", "abc"],
    ["simulate", "tutorial_river", "--workers", "0"], ["simulate", "tutorial_river", "--seed", "-5"],
    ["simulate", "tutorial_river", "--ai", "deep_blue"], ["simulate", "tutorial_river", "--ai", "green=random"],
    ["simulate", "tutorial_river", "--max-turns", "0"], ["simulate", "tutorial_river", "--games", "1e99"],
    ["simulate", "no_such_scenario"], ["simulate", "tutorial_river", "--json", "/nonexistent/dir/out.json", "--games", "1"],
    ["mapgen"], ["mapgen", "--bbox", "5", "5", "1", "1", "--hex-km", "6"], ["mapgen", "--bbox", "0", "0", "1", "1", "--hex-km", "0"],
    ["mapgen", "--bbox", "nan", "0", "1", "1", "--hex-km", "5"], ["mapgen", "--bbox", "-180", "-89", "180", "89", "--hex-km", "1"],
    ["replay", "/nonexistent.json"], ["replay", "/"], ["replay", "/dev/null", "--verify"],
    ["info", "/dev/null"], ["validate", "/"], ["render", "tutorial_river", "--out", "/"],
    ["render", "tutorial_river", "--out", "/proc/forbidden.png"], ["render", "no_such", "--out", "x.png"],
    ["schema", "--out", "/nonexistent/dir/schema.json"], ["list", "extra"], ["--version", "--nonsense"],
    ["play", "tutorial_river", "--load", "/nonexistent.json"], ["play", "nope"], ["play", "--ai", "deep_blue"],
    ["play", "--ai", "heuristic:level=godlike"], ["play", "--ai", "heuristic:level"],
]


@pytest.mark.parametrize("argv", ABSURD, ids=[" ".join(a) for a in ABSURD])
def test_absurd_arguments_exit_1_or_2_with_a_message_and_no_traceback(capsys, argv, monkeypatch):
    for var in ("DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.delenv("SDL_VIDEODRIVER", raising=False)
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code in (1, 2), (code, out, err)
    assert "Traceback" not in out + err
    assert (out + err).strip(), "a refusal must say what is wrong"


def test_a_misspelt_field_suggests_the_field_of_that_mapping(capsys, tmp_path):
    bad = tmp_path / "typo.yaml"
    text = (ROOT / "scenarios" / "tutorial_river.yaml").read_text().replace("days_per_turn: 2", "days_per_trun: 2")
    bad.write_text(text)
    code, out, _ = run(capsys, "validate", str(bad))
    line = next(n for n, l in enumerate(text.splitlines(), 1) if l.startswith("days_per_trun"))
    assert code == 1
    assert f"{bad}:{line}:1: error: unknown field 'days_per_trun'; did you mean 'days_per_turn'?" in out


@pytest.mark.parametrize("agents,listed", [
    ("random,nosuch", "agents: "), ("random,heuristic:level=medium", "easy, normal, hard"),
    ("random,heuristic:foo=1", "options: ahead, behind, commit, holes, level"), ("random", "agents: "),
])
def test_tournament_bad_agents_are_one_line_usage_errors_that_list_the_choices(capsys, agents, listed):
    code, out, err = run(capsys, "tournament", "tutorial_river", "--agents", agents, "--games", "1")
    assert code == 2 and out == ""
    assert err.startswith("wargame tournament: error: ") and len(err.strip().splitlines()) == 1 and listed in err, err


def test_tournament_games_0_is_a_usage_error(capsys):
    code, _, err = run(capsys, "tournament", "tutorial_river", "--agents", "random,heuristic", "--games", "0")
    assert code == 2 and "--games must be at least 1" in err


def test_tournament_is_listed_in_help_and_needs_no_window():
    from ui.cli import build_parser

    assert "tournament" in build_parser().format_help()
    code = (
        "import sys\n"
        "from ui.cli import main\n"
        "rc = main(['tournament', 'tutorial_river', '--agents', 'random,random:end_chance=0.5', '--games', '1', '--workers', '1', '--quiet'])\n"
        "sys.exit(3 if 'pygame' in sys.modules else rc)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]


def test_info_writes_an_air_point_schedule_as_dates_and_points(capsys):
    code, out, _ = run(capsys, "info", "normandy_1944")
    assert code == 0
    assert "air points per turn: 1 from 06 Jun 1944, 0 from 07 Aug 1944" in out and "AirPointsFrom" not in out


@pytest.mark.parametrize("command", [["simulate"], ["history"], ["tournament", "--agents", "random,heuristic"]])
def test_a_broken_scenario_file_exits_1_with_its_positions_in_every_batch_command(capsys, tmp_path, command):
    bad = tmp_path / "bad.yaml"
    text = (ROOT / "scenarios" / "tutorial_river.yaml").read_text().replace("type: armour, hex", "type: armor, hex", 1)
    bad.write_text(text)
    line = next(n for n, l in enumerate(text.splitlines(), 1) if "type: armor" in l)
    col = text.splitlines()[line - 1].index("armor") + 1
    code, out, err = run(capsys, command[0], str(bad), *command[1:], "--games", "1", "--quiet")
    assert code == 1, err
    assert f"{bad}:{line}:{col}: error: unknown unit type 'armor'" in err


@pytest.mark.parametrize("command", ["simulate", "history", "tournament"])
def test_a_mistyped_scenario_name_is_a_usage_error_of_the_batch_commands(capsys, command):
    extra = ["--agents", "random,heuristic"] if command == "tournament" else []
    code, _, err = run(capsys, command, "tutorial_rivr", *extra)
    assert code == 2 and err.startswith(f"wargame {command}: error: no such file or shipped scenario 'tutorial_rivr'"), err


@pytest.mark.parametrize("command", ["simulate", "history", "tournament", "mapgen"])
def test_every_option_of_the_commands_with_their_own_parser_has_help_and_its_default(capsys, monkeypatch, command):
    import argparse

    import ui.commands.args as args

    parsers = []
    monkeypatch.setattr(args.ArgumentParser, "parse_args", lambda self, *a, **k: parsers.append(self) or sys.exit(0))
    assert main([command, "--help"]) == 0
    (parser,) = parsers
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        assert action.help and action.help.strip(), f"{command} {action.dest} has no help text"
        if action.option_strings and not action.required and action.default not in (None, False, []):
            assert "default" in action.help, f"{command} {action.dest}: the help does not say the default {action.default!r}"


def test_simulate_help_says_the_defaults(capsys):
    _, out, _ = run(capsys, "simulate", "--help")
    text = " ".join(out.split())
    for default in ("(default: 100)", "(default: 1)", "(default: all cores)", "(default: heuristic for every side)"):
        assert default in text


def test_the_command_line_never_decides_by_the_text_of_an_error_message():
    sources = [ROOT / "ui" / "cli.py", *(ROOT / "ui" / "commands").glob("*.py")]
    found = [f"{p.name}: {m.group(0)}" for p in sources for m in re.finditer(r"\"[^\"\n]*\" in str\(\w+\)", p.read_text())]
    assert found == []
