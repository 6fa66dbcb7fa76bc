"""Replacement points by date, spent one step at a time on units in supply."""
from __future__ import annotations

import pytest
from builders import World, assert_refused, end_turn, steps

import engine
from engine.orders import Replace


def world(**rules) -> World:
    w = (World(columns=8, rows=1, turns=6).source("allies", "0000").source("axis", "0700")
         .unit("a1", "allies", "0100", steps=1).unit("a2", "allies", "0200").unit("x1", "axis", "0600", steps=2)
         .set(replacements=[{"side": "allies", "turn": 1, "points": 2}, {"side": "allies", "turn": 3, "points": 1},
                            {"side": "axis", "date": "1944-06-07", "points": 1}]))
    return w.rules(replacements=rules) if rules else w


def points(game: engine.Game, side: str) -> int:
    return game.state.replacement_points[game.scenario.side_index(side)]


def test_points_arrive_by_date_and_rebuild_one_step_each():
    game = world().game()
    assert points(game, "allies") == 2 and points(game, "axis") == 0     # axis points start on 7 June (turn 2)
    events = game.apply(Replace("a1"))
    assert steps(game, "a1") == 2 and points(game, "allies") == 1
    assert [e.kind for e in events] == ["replacement"] and events[0]["left"] == 2
    assert Replace("a1") not in game.legal_orders("allies")           # one step per unit per turn
    assert_refused(game, Replace("a1"), "replace/limit", "already received")
    assert_refused(game, Replace("a2"), "replace/full_strength")
    end_turn(game)
    assert points(game, "allies") == 3                                 # points carry over
    game.apply(Replace("a1"))
    assert steps(game, "a1") == 3
    game.end_phase()
    assert game.active_side == "axis" and points(game, "axis") == 1    # at the start of its own turn


def test_unspent_points_are_lost_when_the_rule_set_says_so():
    game = world(accumulate=False).game()
    end_turn(game)
    assert points(game, "allies") == 2
    end_turn(game)
    assert points(game, "allies") == 1         # turn 3: the second entry replaces the first


def test_only_units_in_supply_receive_replacements():
    game = (World(columns=8, rows=1).source("allies", "0000").unit("a1", "allies", "0500", steps=1)
            .unit("x1", "axis", "0300").unit("x2", "axis", "0700")
            .set(replacements=[{"side": "allies", "points": 1}])).game()
    assert game.supply_status("a1") != "supplied"
    assert_refused(game, Replace("a1"), "replace/not_supplied")


def test_no_points_no_replacement_and_not_for_the_enemy():
    game = world().game()
    game.apply(Replace("a1"))
    assert_refused(game, Replace("x1"), "replace/not_your_unit")
    game2 = World(columns=4, rows=1).source("allies", "0000").unit("a1", "allies", "0100", steps=1).unit("x1", "axis", "0300").game()
    assert_refused(game2, Replace("a1"), "replace/no_points")
    assert not any(isinstance(o, Replace) for o in game2.legal_orders("allies"))


def test_an_eliminated_unit_is_not_rebuilt():
    game = (world().rules(combat={"table": {r: ["AE"] * 8 for r in range(1, 7)}})).game()
    game.apply(engine.Move("a1", game.scenario.hex("0500")))
    game.apply(engine.Attack(("a1",), game.scenario.hex("0600")))
    assert_refused(game, Replace("a1"), "replace/not_on_map", "eliminated")


def test_replacements_survive_a_save(tmp_path):
    game = world().game()
    game.apply(Replace("a1"))
    game.save(tmp_path / "s.json")
    again = engine.Game.load(tmp_path / "s.json")
    assert again.state_hash() == game.state_hash() and steps(again, "a1") == 2


@pytest.mark.parametrize("entry,message", [
    ({"side": "alies", "points": 1}, "unknown side 'alies'; did you mean 'allies'?"),
    ({"side": "allies", "points": 1, "date": "1944-01-01"}, "before the scenario starts"),
])
def test_bad_replacement_data_points_at_the_line(tmp_path, entry, message):
    path = World(columns=4, rows=1).unit("a1", "allies", "0100").unit("x1", "axis", "0300").set(replacements=[entry]).write(tmp_path)
    problems = engine.validate(path)
    assert problems and message in problems[0].message
    line = path.read_text().splitlines()[problems[0].line - 1]
    assert "alies" in line or "1944-01-01" in line


def test_the_heuristic_ai_spends_its_replacement_points():
    from engine import ai

    game = world().game()
    ai.play_phase(game, ai.make("heuristic", "allies", seed=1))
    assert steps(game, "a1") == 2 and points(game, "allies") == 1      # a2 is at full strength
