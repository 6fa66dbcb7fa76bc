"""The `history:` block of a scenario: dated milestones, checked like every other block, each
problem at its FILE:LINE:COL and all of them at once."""
from __future__ import annotations

import engine

BASE = """\
format: 1
title: History test
start_date: 1944-06-06
turns: 5
days_per_turn: 2
hex_km: 5
sides:
  - {id: allies, name: Allies}
  - {id: axis, name: Axis}
map:
  columns: 6
  rows: 4
  legend: {".": clear}
  terrain: |
    ......
    ......
    ......
    ......
  places:
    - {name: Caen, hex: "0401"}
    - {name: Bayeux, hex: "0202"}
units:
  - {id: a1, name: A1, side: allies, nation: allies, type: infantry, hex: "0101"}
  - {id: x1, name: X1, side: axis, nation: axis, type: infantry, hex: "0401"}
history:
  milestones:
    - {id: caen, kind: place_taken, side: allies, places: [Caen], date: 1944-06-09, tolerance: 2, source: "ref caen"}
    - {id: pocket, kind: pocket_formed, side: axis, near: Bayeux, radius: 2, min_units: 1, date: 1944-06-10, tolerance: 0, source: "x"}
    - {id: gone, kind: pocket_destroyed, side: axis, near: Caen, date: 1944-06-15, tolerance: 1, source: "x"}
    - {id: x1_out, kind: unit_gone, unit: x1, how: eliminated, date: 1944-06-15, tolerance: 1, source: "x"}
    - {id: ratio, kind: loss_ratio, side: allies, ratio: 2, tolerance: 0.5, date: 1944-06-15, source: "x"}
    - {id: no_relief, kind: place_taken, side: axis, places: [Bayeux], happens: false, date: 1944-06-15, tolerance: 0, source: "x"}
"""
# line 27 is the first milestone


def write(tmp_path, text: str):
    path = tmp_path / "history.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_scenario_with_every_kind_of_milestone_loads_with_them(tmp_path):
    sc = engine.load_scenario(write(tmp_path, BASE))
    kinds = [m.kind for m in sc.model.history.milestones]
    assert kinds == ["place_taken", "pocket_formed", "pocket_destroyed", "unit_gone", "loss_ratio", "place_taken"]
    assert sc.model.history.milestones[5].happens is False


def test_every_problem_of_the_block_is_reported_at_once_at_its_position(tmp_path):
    # given a history block with an unknown side and place, a date after the scenario, a negative
    # tolerance, an unknown kind and an unknown unit
    text = BASE.replace("side: allies, places: [Caen], date: 1944-06-09", "side: alies, places: [Caen, Kaen], date: 1944-06-09")
    text = text.replace("date: 1944-06-10, tolerance: 0", "date: 1944-07-10, tolerance: -3")
    text = text.replace("kind: pocket_destroyed", "kind: pocket_closed")
    text = text.replace("unit: x1,", "unit: x9,")
    path = write(tmp_path, text)
    # when it is validated
    problems = engine.validate(path)
    # then each problem names the file, line and column of the value at fault
    got = [(p.line, p.col, p.message) for p in problems]
    assert [(line, col) for line, col, _ in got] == [(27, 43), (27, 65), (28, 98), (28, 121), (29, 24), (30, 43)], got
    messages = [m for _, _, m in got]
    assert "unknown side 'alies'" in messages[0] and "did you mean 'allies'" in messages[0]
    assert "unknown place 'Kaen'" in messages[1] and "'Caen'" in messages[1]
    assert "1944-07-10 is outside the scenario (1944-06-06 to 1944-06-15)" in messages[2]
    assert "'tolerance' is -3" in messages[3]
    assert "unknown milestone kind 'pocket_closed'" in messages[4] and "pocket_destroyed" in messages[4]
    assert "unknown unit 'x9'" in messages[5]
    assert all(str(p).startswith(f"{path}:{p.line}:{p.col}: error: ") for p in problems)


def test_a_date_before_the_start_and_a_duplicate_id_are_refused(tmp_path):
    text = BASE.replace("date: 1944-06-09", "date: 1944-06-01").replace("{id: pocket,", "{id: caen,")
    problems = engine.validate(write(tmp_path, text))
    assert ["outside the scenario" in p.message for p in problems] == [True, False]
    assert "duplicate milestone id 'caen'" in problems[1].message and problems[1].line == 28


def test_a_milestone_without_a_source_or_kind_is_refused(tmp_path):
    text = BASE.replace(', source: "ref caen"', "").replace("kind: unit_gone, ", "")
    problems = engine.validate(write(tmp_path, text))
    messages = sorted(p.message for p in problems)
    assert any("missing required field 'source'" in m for m in messages), messages
    assert any("needs a 'kind:' field" in m for m in messages), messages


def test_the_history_block_may_live_in_its_own_file(tmp_path):
    head, block = BASE.split("history:\n")
    folder = tmp_path / "sc"
    folder.mkdir()
    (folder / "scenario.yaml").write_text(head + "history: history.yaml\n")
    (folder / "history.yaml").write_text(block.replace("\n    ", "\n").replace("  milestones:", "milestones:").replace("tolerance: 2,", "tolerance: -2,"))
    problems = engine.validate(folder)
    assert [(p.file.endswith("history.yaml"), p.line) for p in problems] == [(True, 2)]
