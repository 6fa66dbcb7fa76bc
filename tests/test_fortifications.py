"""Field works: a map's `fortifications` give hexes that are no place a fortification level
(trench lines, anti-tank ditches, strongpoints dug before the battle). Each level shifts an attack
on the hex one column (standard `fortification_shift_per_level: -1`), for whoever defends it; a
hex that is also a fortified place keeps the higher level.
"""
from __future__ import annotations

import textwrap

import pytest
from builders import World, hx

import engine


def works(level: int, *hexes: str, name: str = "first belt") -> dict:
    return {"name": name, "level": level, "hexes": list(hexes)}


def corridor(*belts: dict) -> World:
    """A one-row map 0000..0400: a1 (allies) at 0100 attacks x1 (axis) at 0200."""
    world = (World(columns=5, rows=1).ignore_supply()
             .unit("a1", "allies", "0100", attack=[35], defence=[1]).unit("x1", "axis", "0200", attack=[1], defence=[7]))
    world.data["map"]["fortifications"] = list(belts)
    return world


def shifts_of(pv) -> dict[str, int]:
    return {s.reason: s.shift for s in pv.shifts}


def test_a_fortified_hex_shifts_an_attack_one_column_per_level():
    game = corridor(works(2, "0200", "0300")).game()
    pv = game.preview(["a1"], hx(game, "0200"))
    assert shifts_of(pv) == {"fortifications (level 2)": -2}


def test_the_works_serve_whoever_defends_them():
    world = corridor(works(1, "0100"))
    game = world.game()
    pv = game.preview(["x1"], hx(game, "0100"))
    assert shifts_of(pv).get("fortifications (level 1)") == -1


def test_overlapping_works_and_a_fortified_place_keep_the_highest_level():
    game = corridor(works(1, "0200"), works(3, "0200", name="strongpoint")).place("Ponyri", "0300", fort=2).build()
    m = game.map
    assert int(m.fort[m.parse("0200")]) == 3
    game2 = corridor(works(1, "0300")).place("Ponyri", "0300", fort=2).build()
    assert int(game2.map.fort[game2.map.parse("0300")]) == 2


def test_a_map_without_works_has_no_fortification_outside_places():
    sc = corridor().build()
    assert not sc.map.fort.any()


# -- validation ------------------------------------------------------------------------------
SCENARIO = textwrap.dedent("""\
    format: 1
    title: Belts
    start_date: 1943-07-05
    turns: 10
    days_per_turn: 2
    hex_km: 6
    sides:
      - {id: axis, name: Axis}
      - {id: soviet, name: Soviet}
    map:
      columns: 4
      rows: 1
      legend: {".": clear, "~": sea}
      terrain: |
        ...~
      fortifications:
        - {name: "first belt", level: 2, hexes: ["0100", "0200"]}
    units:
      - {id: a1, name: A1, side: axis, nation: germany, type: infantry, hex: "0000"}
      - {id: s1, name: S1, side: soviet, nation: ussr, type: infantry, hex: "0200"}
    """)
WORKS_LINE = 17


def _problems(tmp_path, old: str, new: str) -> tuple[list, str]:
    text = SCENARIO.replace(old, new)
    path = tmp_path / "belts.yaml"
    path.write_text(text)
    return engine.validate(path), text


def test_the_fortification_keys_load(tmp_path):
    problems, _ = _problems(tmp_path, "", "")
    assert problems == []
    sc = engine.load_scenario(tmp_path / "belts.yaml")
    assert sc.map.fort.tolist() == [0, 2, 2, 0]


@pytest.mark.parametrize("old,new,where,message", [
    ('"0100", "0200"]', '"0100", "0300"]', '"0300"', "is sea, where nothing can be dug"),
    ('"0100", "0200"]', '"0100", "0900"]', '"0900"', "0900"),
    ("level: 2", "level: 0", "0,", "level"),
    ("level: 2", "level: 11", "11", "level"),
])
def test_bad_works_are_reported_where_they_are(tmp_path, old, new, where, message):
    problems, text = _problems(tmp_path, old, new)
    assert len(problems) == 1, problems
    p = problems[0]
    line = text.splitlines()[WORKS_LINE - 1]
    assert (p.line, p.col) == (WORKS_LINE, line.index(where) + 1)
    assert message in str(p)
    assert str(p).startswith(f"{tmp_path / 'belts.yaml'}:{WORKS_LINE}:{line.index(where) + 1}: error: ")
