"""Minefields: a map's `minefields` name hexes mined by a side; the rule set's `minefields` block
says what they cost the enemy (standard: +2 MP foot, +3 motorised and tracked to enter; an
attack on a hex mined by the defender's side at -1 column) and that an enemy unit entering one
clears it for good. The side that laid them crosses freely.
"""
from __future__ import annotations

import textwrap

import pytest
from builders import World, end_turn, events_of, hx, move, reach_ids

import engine


def field(side: str = "axis", *hexes: str) -> dict:
    return {"name": "Devil's Gardens", "side": side, "hexes": list(hexes or ["0200"])}


def corridor(*fields: dict) -> World:
    """A one-row map 0000..0500; a1 (allied infantry, 4 MP) at 0100."""
    world = World(columns=6, rows=1).ignore_supply().unit("a1", "allies", "0100")
    world.data["map"]["minefields"] = list(fields)
    return world


def test_an_enemy_unit_pays_the_rule_sets_cost_to_enter_a_mined_hex():
    game = corridor(field("axis", "0200")).game()
    assert reach_ids(game, "a1")["0200"] == 3          # clear 1 + mines 2 (foot)
    assert reach_ids(game, "a1")["0300"] == 4


def test_a_unit_crosses_its_own_sides_mines_freely():
    game = corridor(field("allies", "0200")).game()
    assert reach_ids(game, "a1")["0200"] == 1


def test_tracked_units_pay_the_tracked_cost():
    world = corridor(field("axis", "0200")).unit("t1", "allies", "0000", type="armour")
    assert reach_ids(world.game(), "t1")["0200"] == 5   # 0100 (1) + 0200 (1 + 3)


def test_entering_a_mined_hex_clears_it_and_the_gap_stays_open():
    game = corridor(field("axis", "0200")).game()
    before, cost = game.copy(), reach_ids(game, "a1")["0200"]
    events = move(game, "a1", "0200")
    assert events_of(events, "mines_cleared")[0]["hexes"] == ["0200"]
    assert game.state.mines[game.scenario.map.index(hx(game, "0200"))] == -1
    end_turn(game)
    game2 = corridor(field("axis", "0200")).unit("a2", "allies", "0000").game()
    assert reach_ids(game2, "a2")["0200"] == 4          # not yet cleared in a fresh game
    assert reach_ids(before, "a1")["0200"] == cost      # nor in a copy made before the move
    with pytest.raises(ValueError):                     # the layer is replaced when it changes, never written to
        game.state.mines[0] = 1


def test_clearing_a_minefield_changes_the_state_hash():
    a = corridor(field("axis", "0200")).game()
    b = corridor(field("axis", "0200")).game()
    b.state.replace_layer("mines", b.scenario.map.index(hx(b, "0200")), -1)
    assert a.state_hash() != b.state_hash()


def test_an_attack_on_a_hex_mined_by_the_defender_is_shifted():
    game = corridor(field("axis", "0200")).unit("x1", "axis", "0200").game()
    p = engine.combat.preview(game.state, [game.scenario.unit_index["a1"]], game.scenario.map.index(hx(game, "0200")))
    assert ("defender behind a minefield", -1) in [(s.reason, s.shift) for s in p.shifts]


def test_an_attack_on_a_hex_mined_by_the_attacker_is_not_shifted():
    game = corridor(field("allies", "0200")).unit("x1", "axis", "0200").game()
    p = engine.combat.preview(game.state, [game.scenario.unit_index["a1"]], game.scenario.map.index(hx(game, "0200")))
    assert "defender behind a minefield" not in [s.reason for s in p.shifts]


def test_the_rule_set_sets_the_costs():
    world = corridor(field("axis", "0200")).rules(minefields={"move_add": {"foot": 1}, "defence_shift": -2, "cleared_by_entry": False})
    game = world.game()
    assert reach_ids(game, "a1")["0200"] == 2
    assert events_of(move(game, "a1", "0200"), "mines_cleared") == []


def test_a_map_without_minefields_has_no_mine_layer():
    assert World(columns=3, rows=1).unit("a1", "allies", "0000").game().state.mines is None


# -- validation ------------------------------------------------------------------------------
SCENARIO = textwrap.dedent("""\
    format: 1
    title: Minefields
    start_date: 1942-10-23
    turns: 10
    days_per_turn: 2
    hex_km: 3
    sides:
      - {id: allies, name: Allies}
      - {id: axis, name: Axis}
    map:
      columns: 4
      rows: 1
      legend: {".": clear, "~": sea}
      terrain: |
        ...~
      minefields:
        - {name: January, side: axis, hexes: ["0100", "0200"]}
    units:
      - {id: a1, name: A1, side: allies, nation: uk, type: infantry, hex: "0000"}
      - {id: x1, name: X1, side: axis, nation: italy, type: infantry, hex: "0200"}
    """)
FIELD_LINE = 17


def _problems(tmp_path, old: str, new: str) -> tuple[list, str]:
    text = SCENARIO.replace(old, new)
    path = tmp_path / "mines.yaml"
    path.write_text(text)
    return engine.validate(path), text


def test_the_minefield_keys_load(tmp_path):
    problems, _ = _problems(tmp_path, "", "")
    assert problems == []
    sc = engine.load_scenario(tmp_path / "mines.yaml")
    assert sc.map.mines.tolist() == [-1, 1, 1, -1]      # axis is the second side in turn order


@pytest.mark.parametrize("old,new,where,message", [
    ("side: axis, hexes", "side: axes, hexes", "axes", "unknown side 'axes'"),
    ('"0100", "0200"]', '"0100", "0300"]', '"0300"', "is sea, where nothing can be mined"),
    ('"0100", "0200"]', '"0100", "0900"]', '"0900"', "0900"),
])
def test_a_bad_minefield_is_reported_where_it_is(tmp_path, old, new, where, message):
    problems, text = _problems(tmp_path, old, new)
    assert len(problems) == 1, problems
    p = problems[0]
    line = text.splitlines()[FIELD_LINE - 1]
    assert (p.line, p.col) == (FIELD_LINE, line.index(where) + 1)
    assert message in p.message
    assert str(p).startswith(f"{tmp_path / 'mines.yaml'}:{FIELD_LINE}:{line.index(where) + 1}: error: ")


def test_a_hex_mined_by_both_sides_is_reported(tmp_path):
    problems, _ = _problems(tmp_path, '    - {name: January', '    - {name: Ours, side: allies, hexes: ["0100"]}\n    - {name: January')
    assert len(problems) == 1 and "already mined by allies" in problems[0].message


def test_the_description_of_a_hex_gives_the_rule_sets_numbers_and_tells_a_cleared_field():
    from engine import minefields

    game = corridor(field("axis", "0200")).game()
    m = game.scenario.map
    mf = minefields.describe(game.state, m.parse("0200"))
    assert mf is not None and not mf.cleared and mf.name == "Devil's Gardens"
    assert game.scenario.side_ids[mf.side] == "axis"
    assert mf.move_add == {"foot": 2.0, "motorised": 3.0, "tracked": 3.0} and mf.defence_shift == -1
    assert minefields.describe(game.state, m.parse("0300")) is None
    move(game, "a1", "0200")
    cleared = minefields.describe(game.state, m.parse("0200"))
    assert cleared is not None and cleared.cleared and cleared.side == mf.side
