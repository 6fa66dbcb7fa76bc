"""Strategic rail movement with a per-side capacity, and air interdiction of hexes."""
from __future__ import annotations

import pytest
from builders import World, assert_refused, hx, move, reach_ids, where

import engine
from engine.orders import Attack, Interdict, Move, Rail

RAILWAY = ["0000", "0100", "0200", "0300", "0400", "0500", "0600", "0700", "0800", "0900", "1000", "1100"]


def railway(columns: int = 14, **capacity) -> World:
    return (World(columns=columns, rows=2, turns=6).ignore_supply().rail(*RAILWAY)
            .set(rail_capacity=capacity or {"allies": 1}, control={"default": "allies", "hexes": {"axis": ["1301"]}})
            .unit("a1", "allies", "0000").unit("a2", "allies", "0100").unit("x1", "axis", "1301"))


def test_a_unit_travels_the_railway_in_one_move_within_the_sides_capacity():
    game = railway().game()
    assert game.rail_reachable("a1")[hx(game, "1100")] == 11
    events = game.apply(Rail("a1", hx(game, "1100")))
    assert where(game, "a1") == "1100" and events[0].kind == "rail_moved" and events[0]["left"] == 0
    assert_refused(game, Rail("a2", hx(game, "0900")), "rail/no_capacity", "used its rail capacity")
    assert not any(isinstance(o, Rail) for o in game.legal_orders("allies"))
    # that is the unit's whole turn
    assert_refused(game, Move("a1", hx(game, "1000")), "move/railed")
    assert "rail" in game.why_cannot_move("a1")


def test_a_railed_unit_does_not_attack_that_turn():
    game = (railway().unit("x2", "axis", "1200")).game()
    game.apply(Rail("a1", hx(game, "1000")))       # 1100 is in x2's zone of control
    assert_refused(game, Attack(("a1",), hx(game, "1200")), "attack/railed")


def test_the_line_stops_at_enemy_zones_of_control_units_and_enemy_ground():
    game = railway().unit("x2", "axis", "0701").game()      # its ZOC covers 0600, 0700, 0800 of the line
    reach = {h for h in game.rail_reachable("a1")}
    assert hx(game, "0500") in reach and hx(game, "0700") not in reach and hx(game, "1100") not in reach
    assert_refused(game, Rail("a1", hx(game, "1100")), "rail/no_line")
    game = railway().set(control={"default": "allies", "hexes": {"axis": ["0400", "1301"]}}).game()
    assert max(game.rail_reachable("a1").values()) == 3      # 0400 is the enemy's


def test_only_from_a_railway_outside_enemy_zones_and_in_the_movement_phase():
    game = railway().unit("a3", "allies", "0001").unit("x3", "axis", "0200", steps=1).game()
    assert_refused(game, Rail("a3", hx(game, "0500")), "rail/not_on_rail")
    assert_refused(game, Rail("a2", hx(game, "0500")), "rail/in_zoc")
    game = railway().phases("movement", "combat").game()
    game.end_phase()
    assert_refused(game, Rail("a1", hx(game, "0500")), "rail/wrong_phase")
    game = railway().game()
    move(game, "a2", "0200")
    assert_refused(game, Rail("a2", hx(game, "0500")), "rail/moved")


def test_no_capacity_no_rail_and_the_limit_of_hexes():
    game = railway(allies=0).set(rail_capacity={}).game()
    assert_refused(game, Rail("a1", hx(game, "0500")), "rail/no_capacity", "no rail capacity")
    game = railway().rules(rail_movement={"max_hexes": 4}).game()
    assert max(game.rail_reachable("a1").values()) == 4
    assert_refused(game, Rail("a1", hx(game, "0500")), "rail/no_line", "within 4 hexes")
    assert_refused(game, Rail("a1", hx(game, "0000")), "rail/same_hex")
    assert_refused(game, Rail("x1", hx(game, "0500")), "rail/not_your_unit")


def test_capacity_comes_back_each_turn():
    game = railway().game()
    game.apply(Rail("a1", hx(game, "0600")))
    game.end_phase()
    game.end_phase()
    game.apply(Rail("a2", hx(game, "0800")))
    assert where(game, "a2") == "0800"


# -- air -------------------------------------------------------------------------------------
def air_world(**rules) -> World:
    w = (World(columns=10, rows=1, turns=6).ignore_supply().rail(*RAILWAY[:10])
         .set(air_points={"allies": 3}, rail_capacity={"axis": 1}, control={"default": "axis", "hexes": {"allies": ["0000"]}})
         .unit("a1", "allies", "0000").unit("x1", "axis", "0900"))
    return w.rules(interdiction=rules) if rules else w


def test_interdiction_costs_air_and_slows_the_enemy_until_the_next_turn():
    game = air_world().game()
    before = reach_ids(game, "a1")
    events = game.apply(Interdict(hx(game, "0700")))
    assert events[0].kind == "interdiction" and game.state.air_left[0] == 2
    assert reach_ids(game, "a1") == before                    # no effect on the side's own units
    assert_refused(game, Interdict(hx(game, "0700")), "interdict/already")
    game.end_phase()
    # x1 (4 MP, clear 1 each): 0800 costs 1, 0700 costs 1 + 2 interdiction
    assert reach_ids(game, "x1")["0700"] == 4 and "0600" not in reach_ids(game, "x1")
    assert hx(game, "0600") not in game.rail_reachable("x1")  # no train through an interdicted hex
    game.end_phase()
    assert game.state.interdicted.max() == -1                 # over at the start of the allies' next turn


def test_interdiction_refusals():
    game = air_world(cost=2).set(air_points={"allies": 3}).game()
    game.apply(Interdict(hx(game, "0500")))
    assert_refused(game, Interdict(hx(game, "0600")), "interdict/no_air", "costs 2 air points")
    game = air_world().game()
    lake = World(columns=3, rows=1, terrain=[".l."]).unit("a1", "allies", "0000").unit("x1", "axis", "0200").set(air_points={"allies": 1}).game()
    assert_refused(lake, Interdict(hx(lake, "0100")), "interdict/impassable")
    game = air_world().phases("movement", "combat").game()
    game.end_phase()
    assert_refused(game, Interdict(hx(game, "0500")), "interdict/wrong_phase")


def test_air_points_change_with_the_date():
    game = air_world().set(air_points={"allies": [{"turn": 1, "points": 1}, {"date": "1944-06-08", "points": 4}], "axis": 2}).game()
    assert list(game.state.air_left) == [1, 2]
    game.end_phase()
    game.end_phase()
    game.end_phase()
    game.end_phase()
    assert game.turn == 3 and game.state.air_left[0] == 4


@pytest.mark.parametrize("field,value,message", [
    ("rail_capacity", {"alies": 1}, "unknown side 'alies'"),
    ("air_points", {"allies": [{"date": "1943-01-01", "points": 2}]}, "before the scenario starts"),
])
def test_bad_rail_and_air_data_point_at_the_line(tmp_path, field, value, message):
    path = air_world().set(**{field: value}).write(tmp_path)
    problems = engine.validate(path)
    assert problems and message in problems[0].message


def test_off_map_and_absent_units_are_refused():
    game = railway().unit("a9", "allies", "0001").withdrawal(1, "a9").game()
    assert_refused(game, Rail("a1", engine.Hex(99, 99)), "rail/off_map")
    assert_refused(game, Rail("a9", hx(game, "0500")), "rail/not_on_map", "withdrawn")
    game = air_world().game()
    assert_refused(game, Interdict(engine.Hex(99, 99)), "interdict/off_map")


def test_the_heuristic_ai_sends_rear_units_by_train_and_interdicts_with_spare_air():
    from engine import ai

    world = (World(columns=30, rows=3, turns=6).ignore_supply().rail(*[f"{c:02d}00" for c in range(0, 26)])
             .set(rail_capacity={"allies": 1}, air_points={"allies": 9},
                  control={"default": "allies", "hexes": {"axis": [f"{c:02d}{r:02d}" for c in range(25, 30) for r in range(3)]}})
             .unit("a1", "allies", "0000").unit("a2", "allies", "2202").unit("x1", "axis", "2502").unit("x2", "axis", "2700"))
    world.rail(*[f"{c:02d}00" for c in range(25, 30)])
    game = world.phases("movement", "combat", "exploitation").game()
    orders = []
    agent = ai.make("heuristic", "allies", seed=1)
    agent.applied = lambda order, events: orders.append(order)
    ai.play_phase(game, agent)
    rails = [o for o in orders if isinstance(o, Rail)]
    assert [o.unit for o in rails] == ["a1"] and int(game.state.unit_hex[game.scenario.unit_index["a1"]]) > 10
    assert any(isinstance(o, Interdict) for o in orders)


def test_units_ordered_to_stand_fast_or_without_movement_do_not_board_a_train():
    world = (railway().unit("fort", "allies", "0300", movement=0)
             .special(rule="stand_fast", side="allies", hexes=["0200"], units=["a2"], until_turn=3))
    game = world.game()
    assert_refused(game, Rail("a2", hx(game, "0500")), "rail/stand_fast", "stand fast")
    assert_refused(game, Rail("fort", hx(game, "0500")), "rail/no_movement")
    assert game.rail_reachable("a2") == {} and game.rail_reachable("fort") == {}
