"""Scenario validation: each class of problem in a broken example, with the exact
`FILE:LINE:COL` a designer's editor would jump to, and every problem reported at once.

The examples are edits of BASE below; line numbers count from its first line (`format: 1`)
and columns from 1. `engine.validate(path)` returns the problems; `str(problem)` is
`FILE:LINE:COL: error: MESSAGE`.
"""
from __future__ import annotations


import pytest

import engine

BASE = """\
format: 1
title: Validation test
start_date: 1944-06-06
turns: 5
hex_km: 5
sides:
  - {id: allies, name: Allies}
  - {id: axis, name: Axis}
map:
  columns: 6
  rows: 4
  legend: {".": clear, "~": sea, f: forest}
  terrain: |
    ~.....
    ~..f..
    ~.....
    ~.....
  rivers:
    - {kind: minor, sides: ["0101-0201"]}
units:
  - {id: a1, name: A1, side: allies, nation: allies, type: infantry, hex: "0101"}
  - {id: x1, name: X1, side: axis, nation: axis, type: infantry, hex: "0401"}
reinforcements:
  - turn: 3
    hex: "0102"
    units:
      - {id: a2, name: A2, side: allies, nation: allies, type: infantry}
"""
#        line 21:  - {id: a1, name: A1, side: allies, nation: allies, type: infantry, hex: "0101"}
#        line 22:  - {id: x1, name: X1, side: axis, nation: axis, type: infantry, hex: "0401"}
#   columns:      5   10       19         30             45              61        71 (a1: 75)

EXTRA_UNITS = "".join(f'  - {{id: {u}, name: {u}, side: allies, nation: allies, type: infantry, hex: "0101"}}\n'
                      for u in ("a3", "a4", "a5"))


def edited(old: str, new: str, text: str = BASE) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


CASES = {
    # class of problem: (file text, [(line, col, message part)])
    "unknown terrain character": (edited("    ~..f..\n", "    ~..X..\n"),
                                  [(15, 8, "unknown terrain character 'X' (the legend has '.' '~' 'f')")]),
    "unknown unit type": (edited('type: infantry, hex: "0401"', 'type: infantyr, hex: "0401"'),
                          [(22, 56, "unknown unit type 'infantyr'; did you mean 'infantry'?")]),
    "unit on sea": (edited('hex: "0101"}\n  - {id: x1', 'hex: "0001"}\n  - {id: x1'),
                    [(21, 75, "A1 is on 0001, a sea hex that units cannot enter")]),
    "two sides in one hex": (edited('hex: "0401"}', 'hex: "0101"}'),
                             [(22, 71, "units of both sides start in hex 0101")]),
    "over-stacking": (edited("units:\n  - {id: a1", "units:\n" + EXTRA_UNITS + "  - {id: a1"),
                      [(24, 75, "4 units start in hex 0101; the stacking limit is 3")]),
    "hex outside the map": (edited('hex: "0401"}', 'hex: "0409"}'),
                            [(22, 71, "hex 0409 is outside the map (6 columns x 4 rows)")]),
    "reinforcement after the last turn": (edited("  - turn: 3\n", "  - turn: 9\n"),
                                          [(24, 11, "turn 9 is after the last turn (5)")]),
    "river between non-neighbours": (edited('"0101-0201"', '"0101-0301"'),
                                     [(19, 29, "river 0: 0101 and 0301 are not neighbours")]),
    "duplicate unit id": (edited("{id: x1,", "{id: a1,"),
                          [(22, 10, "duplicate unit id 'a1' (first used at line 21)")]),
    "missing required field": (edited("name: X1, ", ""),
                               [(22, 5, "missing required field 'name'")]),
    "missing top-level field": (edited("hex_km: 5\n", ""),
                                [(1, 1, "missing required field 'hex_km'")]),
    "YAML syntax error": (edited("  columns: 6\n", "  columns: [6\n"),
                          [(11, 7, "YAML syntax: did not find expected ',' or ']'")]),
    "empty file": ("", [(1, 1, "a scenario must be a mapping of fields")]),
    "a list, not a mapping": ("- 1\n- 2\n", [(1, 1, "this file is a list")]),
    "deep nesting": ("title: " + "[" * 200 + "]" * 200 + "\n", [(1, 72, "nesting deeper than 64 levels")]),
}


def write(tmp_path, text: str | bytes, name: str = "broken.yaml"):
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_the_base_example_is_valid(tmp_path):
    assert engine.validate(write(tmp_path, BASE)) == []


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_problem_is_reported_at_its_exact_position(tmp_path, case):
    text, expected = CASES[case]
    path = write(tmp_path, text)
    problems = engine.validate(path)
    got = [(p.line, p.col) for p in problems]
    assert got == [(line, col) for line, col, _ in expected], [str(p) for p in problems]
    for problem, (line, col, message) in zip(problems, expected):
        assert problem.file == str(path)
        assert message in problem.message
        assert str(problem).startswith(f"{path}:{line}:{col}: error: ")


def test_every_problem_is_reported_at_once(tmp_path):
    text = BASE
    for old, new in (("    ~..f..\n", "    ~..X..\n"), ('type: infantry, hex: "0401"', 'type: infantyr, hex: "0401"'),
                     ("  - turn: 3\n", "  - turn: 9\n"), ('"0101-0201"', '"0101-0301"'), ("{id: x1,", "{id: a1,")):
        text = edited(old, new, text)
    path = write(tmp_path, text)
    problems = engine.validate(path)
    assert [(p.line, p.col) for p in problems] == [(15, 8), (19, 29), (22, 10), (24, 11)]
    with pytest.raises(engine.ScenarioError) as info:
        engine.load_scenario(path)
    assert str(info.value).splitlines() == [str(p) for p in problems]


def test_a_binary_file_is_refused(tmp_path):
    path = write(tmp_path, b"\x00\x01\x02binary\xff")
    assert [str(p) for p in engine.validate(path)] == [f"{path}:1:1: error: this is a binary file, not YAML text"]


def test_bytes_that_are_not_utf8_are_reported_where_they_are(tmp_path):
    path = write(tmp_path, BASE.encode().replace(b"Validation test", b"Validation t\xe9st"))
    assert [(p.line, p.col) for p in engine.validate(path)] == [(2, 20)]


def test_an_alias_bomb_is_refused_quickly(tmp_path):
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(8):
        prev, cur = chr(97 + i), chr(98 + i)
        lines.append(f"{cur}: &{cur} [" + ", ".join([f"*{prev}"] * 10) + "]")
    path = write(tmp_path, "\n".join(lines) + "\n")
    problems = engine.validate(path)            # how fast: benchmarks/, entry `hostile`
    assert [str(p) for p in problems] == [f"{path}:1:32: error: more than 500000 values (alias expansion?); refusing to load"]


def test_deep_block_nesting_is_refused_at_the_line_that_goes_too_deep(tmp_path):
    text = "title: x\nnest:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 140)) + "  " * 140 + "v: 1\n"
    path = write(tmp_path, text)
    problems = engine.validate(path)
    assert len(problems) == 1 and "nesting deeper than 64 levels" in problems[0].message
    line = problems[0].line
    indent = len(text.splitlines()[line - 1]) - len(text.splitlines()[line - 1].lstrip(" "))
    assert problems[0].col == indent + 1


def test_a_missing_file_is_reported(tmp_path):
    problems = engine.validate(tmp_path / "nope.yaml")
    assert len(problems) == 1 and "no such file or shipped scenario" in problems[0].message


@pytest.mark.parametrize("old,new,line,col,message", [
    ("turns: 5\n", "turns: five\n", 4, 8, "'turns'"),
    ('  - {id: axis, name: Axis}\n', '  - {id: axis, name: Axis, colour: red}\n', 8, 36, "colour written #rrggbb"),
    ("  rows: 4\n", "  rows: 4\n  rivvers: []\n", 12, 3, "unknown field 'rivvers'"),
    ("  rows: 4\n", "  rows: 4\n  rivvers:\n    - {kind: minor}\n", 12, 3, "unknown field 'rivvers'"),
    ("side: axis, nation", "side: axsi, nation", 22, 30, "unknown side 'axsi'; did you mean 'axis'?"),
    ('f: forest}', 'f: forrest}', 12, 37, "unknown terrain 'forrest'; did you mean 'forest'?"),
])
def test_more_problems_with_their_positions(tmp_path, old, new, line, col, message):
    problems = engine.validate(write(tmp_path, edited(old, new)))
    assert [(p.line, p.col) for p in problems] == [(line, col)], [str(p) for p in problems]
    assert message in problems[0].message


def test_a_bad_rule_override_is_reported_in_the_scenario_file(tmp_path):
    text = BASE + "rule_overrides:\n  stacking: {max_units: 0}\n  combat:\n    die: 6\n    table: {1: [NE]}\n"
    problems = engine.validate(write(tmp_path, text))
    lines = sorted(p.line for p in problems)
    assert lines and all(28 <= n <= 32 for n in lines), [str(p) for p in problems]
    assert any("max_units" in p.message for p in problems)
