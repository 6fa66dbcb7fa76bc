"""Values out of range in scenarios and saves, and names that try to be paths (issue 19).

Each numeric field of a scenario has a range in the schema; an error names the field, the
value, the allowed range and the position. What `validate` accepts, every command accepts.
Saves are checked field by field with the position of the bad field. Counters cannot
overflow, and an order is logged whole or changes nothing.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import engine
from engine.errors import ScenarioError
from ui.cli import main

ROOT = Path(__file__).resolve().parents[1]
TUTORIAL = (ROOT / "scenarios" / "tutorial_river.yaml").read_text()


def write(tmp_path: Path, text: str, name: str = "scenario.yaml") -> Path:
    folder = tmp_path / "scn"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text)
    return folder


def edited(old: str, new: str, text: str = TUTORIAL) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


# -- items 3 and 10: numbers out of range ------------------------------------------------------
RANGE_CASES = {
    "place VP of 3e9": (("vp: 10, fort: 0", "vp: 3000000000, fort: 0"), "'vp' is 3000000000", "vp: 3000000000"),
    "fortification level 200": (("vp: 10, fort: 0", "vp: 10, fort: 200"), "'fort' is 200", "fort: 200"),
    "max steps 200": (("type: armour, hex", "type: armour, max_steps: 200, hex"), "'max_steps' is 200", "max_steps: 200"),
    "steps 200": (("type: armour, hex", "type: armour, steps: 200, hex"), "'steps' is 200", "steps: 200"),
    "supply range .inf": (("kind: edge, range: 12", "kind: edge, range: .inf"), "'range' is inf", "range: .inf"),
    "movement .inf": (("type: armour, hex", "type: armour, movement: .inf, hex"), "'movement' is inf", "movement: .inf"),
    "attack .inf": (("type: armour, hex", "type: armour, attack: [.inf, 1, 1], hex"), "is inf", "attack: [.inf"),
    "turns 1e9": (("turns: 8", "turns: 1.0e+9"), "'turns' is 1000000000", "turns: 1.0e+9"),
    "turns 40000": (("turns: 8", "turns: 40000"), "'turns' is 40000", "turns: 40000"),
    "days_per_turn 1e9": (("days_per_turn: 2", "days_per_turn: 1.0e+9"), "'days_per_turn' is 1000000000", "days_per_turn: 1.0e+9"),
    "weather chance 1e308": (("clear: 5, overcast: 3", "clear: 1.0e+308, overcast: 1.0e+308"), "is 1e+308", "clear: 1.0e+308"),
    "elimination VP .inf": (("vp_side: blue", "vp_side: blue\n  elimination_vp: .inf"), "'elimination_vp' is inf", "elimination_vp"),
    "objective VP 1e12": (("by_turn: 4, vp: 5", "by_turn: 4, vp: 1000000000000"), "'vp' is 1000000000000", "vp: 1000000000000"),
}


@pytest.mark.parametrize("case", list(RANGE_CASES))
def test_numbers_out_of_range_are_refused_with_field_value_range_and_position(tmp_path, case):
    (old, new), expect, fragment = RANGE_CASES[case]
    text = edited(old, new)
    folder = write(tmp_path, text)
    with pytest.raises(ScenarioError) as info:
        engine.load_scenario(folder)
    problem = next((p for p in info.value.problems if expect in p.message), None)
    assert problem is not None, str(info.value)
    assert re.search(r"between -?[0-9.e+]+ and -?[0-9.e+]+", problem.message), problem.message
    assert problem.line == line_of(text, fragment)


def test_a_start_year_so_late_that_the_calendar_overflows_is_refused(tmp_path):
    text = edited("start_date: 1944-09-01", "start_date: 9999-12-20")
    with pytest.raises(ScenarioError) as info:
        engine.load_scenario(write(tmp_path, text))
    assert "9999" in str(info.value) and info.value.line == line_of(text, "start_date")


def test_the_schema_gives_each_numeric_field_its_range():
    from engine.scenario.schema import scenario_schema

    schema = json.dumps(scenario_schema())
    defs = scenario_schema()["$defs"]
    assert defs["Place"]["properties"]["vp"]["maximum"] >= 1000
    assert defs["Place"]["properties"]["fort"]["maximum"] <= 127
    assert scenario_schema()["properties"]["turns"]["maximum"] <= 32_767
    assert '"maximum"' in schema


MUTATIONS = ["0", "1", "2", "-1", "7", "200", "999", "1.0e+9", "3000000000", ".inf", "-.inf", ".nan", "1.0e+308", "0.5", "40000", "9999"]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_what_validate_accepts_every_command_accepts(tmp_path_factory, data):
    """Numbers of the tutorial replaced by extreme ones: if `validate` passes the file, `info`,
    `render`, a game (`simulate`) and a save and reload all work."""
    lines = TUTORIAL.split("\n")
    numeric = [i for i, line in enumerate(lines) if re.search(r":\s*-?\d", line) and not line.lstrip().startswith("#")]
    for _ in range(data.draw(st.integers(1, 3))):
        i = data.draw(st.sampled_from(numeric))
        matches = list(re.finditer(r"(?<=: )-?\d+(\.\d+)?(?=[,}\s]|$)", lines[i]))
        if not matches:
            continue
        m = data.draw(st.sampled_from(matches))
        lines[i] = lines[i][: m.start()] + data.draw(st.sampled_from(MUTATIONS)) + lines[i][m.end():]
    folder = write(tmp_path_factory.mktemp("cmds"), "\n".join(lines))
    try:
        scenario = engine.load_scenario(folder)
    except ScenarioError:
        return
    import os

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    assert main(["info", str(folder)]) == 0
    assert main(["render", str(folder), "--out", str(folder / "map.png"), "--hex-px", "3"]) == 0
    game = engine.Game(scenario, seed=1)
    for _ in range(8):
        if game.over:
            break
        game.end_phase()
    game.save(folder / "save.json")
    assert engine.Game.load(folder / "save.json").state_hash() == game.state_hash()


# -- item 4 in numbers: NaN is not a number for any field ---------------------------------------
def test_nan_is_refused(tmp_path):
    text = edited("kind: edge, range: 12", "kind: edge, range: .nan")
    with pytest.raises(ScenarioError, match="'range' is nan"):
        engine.load_scenario(write(tmp_path, text))


# -- item 5: saves are checked field by field ----------------------------------------------------
def _save(tmp_path: Path) -> tuple[engine.Game, Path, str]:
    game = engine.Game(engine.load_scenario("tutorial_river"), seed=3)
    unit = next(u for u in game.scenario.units if u.side == 0 and u.arrive_turn == 0)
    moves = [o for o in game.legal_orders() if isinstance(o, engine.Move) and o.unit == unit.id]
    game.apply(moves[0])
    game.end_phase()
    path = tmp_path / "save.json"
    game.save(path)
    return game, path, path.read_text()


@pytest.mark.parametrize("edit,message,fragment", [
    ("seed", "a number of 5000 digits", '"seed"'),
    (lambda d: d["orders"][0].update(path=5), "orders[0].path", '"path"'),
    (lambda d: d["orders"][0].update(unit=["a"]), "orders[0].unit", '"unit"'),
    (lambda d: d["orders"][0].update(to={"x": 1}), "orders[0].to", '"to"'),
    (lambda d: d.update(seed=-4), "seed is -4", '"seed"'),
    (lambda d: d.update(seed=2 ** 70), "seed is", '"seed"'),
    (lambda d: d.update(turn=10 ** 30), "turn is", '"turn"'),
    (lambda d: d.update(state_hash=5), "field 'state_hash' is missing or not a str", '"state_hash"'),
    (lambda d: d.update(scenario_path=7), "scenario_path", '"scenario_path"'),
    (lambda d: d.update(surprise=True), "unknown field 'surprise'", '"surprise"'),
    (lambda d: d["orders"].append({"type": "attack", "attackers": "a1", "target": "0101"}), "attackers", '"attackers"'),
    (lambda d: d["orders"].append({"type": "attack", "attackers": ["a1"], "target": "0101", "air": 1.5}), "air", '"air"'),
])
def test_a_save_with_bad_values_names_the_field_and_its_position(tmp_path, edit, message, fragment):
    game, path, text = _save(tmp_path)
    if edit == "seed":                       # a number Python's int() would refuse to read
        path.write_text(re.sub(r'"seed": \d+', '"seed": ' + "9" * 5000, text))
    else:
        data = json.loads(text)
        edit(data)
        path.write_text(json.dumps(data, indent=1))
    with pytest.raises(ScenarioError) as info:
        engine.Game.load(path)
    assert message in str(info.value), str(info.value)
    text = path.read_text()
    problem = next(p for p in info.value.problems if message in p.message)
    assert problem.line == line_of(text, fragment), (problem, fragment)


def test_replay_verify_on_a_save_with_a_huge_seed_exits_1_with_the_position(capsys, tmp_path):
    _, path, text = _save(tmp_path)
    path.write_text(re.sub(r'"seed": \d+', '"seed": ' + "7" * 5000, text))
    code = main(["replay", str(path), "--verify"])
    out, err = capsys.readouterr()
    assert code == 1 and "internal error" not in err and "Traceback" not in err
    line = line_of(text, '"seed"')
    assert re.search(rf"save\.json:{line}:\d+: error: seed is a number of 5000 digits", err), err


# -- items 6 and 18: counters cannot overflow; an order is logged whole or not at all ------------
def test_turn_counts_are_ranged_so_counters_cannot_overflow(tmp_path):
    from engine.scenario.model import MAX_TURNS

    assert MAX_TURNS <= 32_767                # control_turn and isolated_turns are int16
    text = edited("turns: 8", f"turns: {MAX_TURNS}")
    scenario = engine.load_scenario(write(tmp_path, text))
    game = engine.Game(scenario, seed=1)
    game.state.turn = MAX_TURNS              # the last turn: every counter still fits
    game.end_phase()


def test_an_order_that_fails_half_way_changes_nothing_and_is_not_logged(monkeypatch):
    from engine import supply

    game = engine.Game(engine.load_scenario("tutorial_river"), seed=3)
    unit = next(u for u in game.scenario.units if u.side == 0 and u.arrive_turn == 0)
    move = next(o for o in game.legal_orders() if isinstance(o, engine.Move) and o.unit == unit.id)
    before, orders, events = game.state_hash(), list(game.orders), len(game.events)

    def broken(*args, **kwargs):
        raise OverflowError("a counter overflowed")

    monkeypatch.setattr(supply, "take_control", broken)
    with pytest.raises(OverflowError):
        game.apply(move)                     # the unit had already moved when this was raised
    assert game.state_hash() == before and game.orders == orders and len(game.events) == events
    monkeypatch.undo()
    game.apply(move)                         # and the game goes on, and its save replays
    again = engine.Game.from_json(game.to_json())
    assert again.state_hash() == game.state_hash()


# -- item 9: a rule-set name is a name ----------------------------------------------------------
@pytest.mark.parametrize("name", ["../../..", "../rules/standard", "/etc/passwd", "../../../etc/hosts.yaml", "standard/../standard"])
def test_a_rule_set_name_is_not_a_path(tmp_path, name):
    secret = tmp_path / "secret.yaml"
    secret.write_text("private_key_field: 1\nanother_secret: 2\n")
    text = edited("rules: standard", f"rules: {json.dumps(name)}")
    with pytest.raises(ScenarioError) as info:
        engine.load_scenario(write(tmp_path, text))
    message = str(info.value)
    assert "rule set" in message and "private_key_field" not in message
    assert info.value.line == line_of(text, "rules:")


def test_a_rule_set_outside_the_scenario_folder_is_refused_without_echoing_its_keys(tmp_path):
    (tmp_path / "other.yaml").write_text("private_key_field: 1\n")
    text = edited("rules: standard", "rules: ../other.yaml")
    with pytest.raises(ScenarioError) as info:
        engine.load_scenario(write(tmp_path, text))
    assert "private_key_field" not in str(info.value) and "outside the scenario's folder" in str(info.value)


def test_a_rule_set_in_the_scenario_folder_is_used(tmp_path):
    rules = (ROOT / "scenarios" / "rules" / "standard.yaml").read_text()
    text = edited("rules: standard", "rules: my_rules.yaml")
    folder = write(tmp_path, text)
    (folder / "my_rules.yaml").write_text(rules)
    scenario = engine.load_scenario(folder)
    assert scenario.rules.model == engine.load_scenario("tutorial_river").rules.model
