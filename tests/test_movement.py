"""Movement (issue 2): terrain costs per movement class, roads, railways and rivers along
hexsides, zones of control, stacking, reachable/path, refusals with stable codes.

Every expected number below comes from the rule text and `scenarios/rules/standard.yaml`
(foot / motorised / tracked): clear 1/1/1, forest 2/3/3, bocage 2/3/3, marsh 3/4/4,
hills 2/2/3, rough 2/2/2, town 1/1/1, city 1/2/2; road 1/0.5/1; railway 1/1/1;
minor river +1/+1/+1; major river +2/+3/+3; infantry 4 MP, armour 8 MP, motorised 8 MP.
"""
from __future__ import annotations

import pytest

import engine
from builders import LEGEND, World, assert_refused, attack, end_turn, hx, move, reach_ids, where
from engine import Hex, Move

FOOT, MOTORISED, TRACKED = "infantry", "motorised", "armour"


def corridor(terrain: str, **kw) -> World:
    """A one-row map: hexes 0000, 0100, 0200 ... each next to the one before only."""
    return World(columns=len(terrain), rows=1, terrain=[terrain], **kw).ignore_supply()


# -- terrain ---------------------------------------------------------------------------
TERRAIN_COSTS = {
    ".": (1, 1, 1), "f": (2, 3, 3), "b": (2, 3, 3), "m": (3, 4, 4),
    "h": (2, 2, 3), "r": (2, 2, 2), "t": (1, 1, 1), "c": (1, 2, 2),
}


@pytest.mark.parametrize("char", sorted(TERRAIN_COSTS))
def test_entering_a_hex_costs_its_terrain_cost_for_the_unit_s_movement_class(char):
    # given one unit of each movement class next to a hex of this terrain
    world = corridor("." + char)
    for uid, utype in (("foot", FOOT), ("motorised", MOTORISED), ("tracked", TRACKED)):
        world.unit(uid, "allies", "0000", utype, movement=20)
    game = world.game()
    # then the cost to enter it is the rule set's cost for each class
    got = tuple(reach_ids(game, uid)["0100"] for uid in ("foot", "motorised", "tracked"))
    assert got == TERRAIN_COSTS[char]


def test_costs_add_up_along_a_path_and_stop_at_the_movement_allowance():
    # given infantry (4 MP), tracked armour (8) and motorised (8) before forest, hills, marsh
    game = (corridor(".fhm.")
            .unit("inf", "allies", "0000", FOOT)
            .unit("tank", "allies", "0000", TRACKED)
            .unit("truck", "allies", "0000", MOTORISED)).game()
    # then each class pays its own costs: forest 2/3/3, hills 2/3/2, marsh 3/4/4
    assert reach_ids(game, "inf") == {"0100": 2, "0200": 4}
    assert reach_ids(game, "tank") == {"0100": 3, "0200": 6}
    assert reach_ids(game, "truck") == {"0100": 3, "0200": 5}


@pytest.mark.parametrize("char", ["~", "l"])
def test_impassable_terrain_is_never_reachable_and_a_move_into_it_is_refused(char):
    game = corridor("." + char + ".").unit("a1", "allies", "0000").unit("x1", "axis", "0200").game()
    assert reach_ids(game, "a1") == {}
    err = assert_refused(game, Move("a1", hx(game, "0100")), "move/impassable")
    assert "impassable" in err.message


# -- roads, railways, rivers --------------------------------------------------------------
def test_a_road_along_the_hexside_replaces_the_terrain_cost():
    # given forest everywhere and a road 0000-0100-0200-0300
    world = corridor("fffff").road("0000", "0100", "0200", "0300")
    world.unit("inf", "allies", "0000", FOOT).unit("truck", "allies", "0000", MOTORISED).unit("tank", "allies", "0000", TRACKED)
    game = world.game()
    # then moves along it cost 1 (foot), 0.5 (motorised), 1 (tracked); leaving it costs forest again
    assert reach_ids(game, "inf") == {"0100": 1, "0200": 2, "0300": 3}
    assert reach_ids(game, "truck") == {"0100": 0.5, "0200": 1, "0300": 1.5, "0400": 4.5}
    assert reach_ids(game, "tank") == {"0100": 1, "0200": 2, "0300": 3, "0400": 6}


def test_a_road_helps_only_along_the_hexsides_it_runs_on():
    # given two road stretches that do not join: 0000-0100 and 0200-0300
    game = corridor("ffff").road("0000", "0100").road("0200", "0300").unit("truck", "allies", "0000", MOTORISED).game()
    # then the step 0100 -> 0200 pays the forest cost
    assert reach_ids(game, "truck") == {"0100": 0.5, "0200": 3.5, "0300": 4}


def test_a_railway_along_the_hexside_costs_one_point_for_every_class():
    world = corridor("mmmm").rail("0000", "0100", "0200")
    world.unit("inf", "allies", "0000", FOOT).unit("tank", "allies", "0000", TRACKED)
    game = world.game()
    assert reach_ids(game, "inf") == {"0100": 1, "0200": 2}
    assert reach_ids(game, "tank") == {"0100": 1, "0200": 2, "0300": 6}


@pytest.mark.parametrize("kind,expected", [("minor", (2, 2, 2)), ("major", (3, 4, 4))])
def test_a_river_hexside_adds_its_cost(kind, expected):
    world = corridor("...").river("0000-0100", kind=kind)
    for uid, utype in (("foot", FOOT), ("motorised", MOTORISED), ("tracked", TRACKED)):
        world.unit(uid, "allies", "0000", utype, movement=20)
    game = world.game()
    assert tuple(reach_ids(game, uid)["0100"] for uid in ("foot", "motorised", "tracked")) == expected


def test_a_road_bridges_a_river_on_the_same_hexside():
    world = corridor("...").river("0000-0100", kind="major").road("0000", "0100")
    world.unit("inf", "allies", "0000", FOOT).unit("truck", "allies", "0000", MOTORISED)
    game = world.game()
    assert reach_ids(game, "inf")["0100"] == 1
    assert reach_ids(game, "truck")["0100"] == 0.5


def test_a_river_on_another_hexside_does_not_cost_anything():
    game = corridor("...").river("0100-0200", kind="major").unit("inf", "allies", "0000", FOOT).game()
    assert reach_ids(game, "inf") == {"0100": 1, "0200": 4}


def test_weather_adds_its_cost_off_the_road_only():
    # given rain on turn 1 (motorised +1 off the roads) and a road on the first hexside
    world = corridor("....").road("0000", "0100").set(weather={"schedule": {1: "rain"}})
    world.unit("truck", "allies", "0000", MOTORISED)
    game = world.game()
    assert game.state.weather == "rain"
    assert reach_ids(game, "truck") == {"0100": 0.5, "0200": 2.5, "0300": 4.5}


# -- zones of control -----------------------------------------------------------------
def test_entering_an_enemy_zone_of_control_ends_movement():
    # given armour with 8 MP and an enemy at 0400 (its ZOC: 0300 and 0500)
    game = corridor(".......").unit("tank", "allies", "0000", TRACKED).unit("x1", "axis", "0400").game()
    # then it may reach 0300 but nothing beyond it
    assert reach_ids(game, "tank") == {"0100": 1, "0200": 2, "0300": 3}


def test_a_unit_that_entered_an_enemy_zone_of_control_may_not_move_again_this_phase():
    game = corridor(".......").unit("tank", "allies", "0000", TRACKED).unit("x1", "axis", "0400").game()
    move(game, "tank", "0300")
    assert where(game, "tank") == "0300"
    assert game.reachable("tank") == {}
    assert_refused(game, Move("tank", hx(game, "0200")), "move/zoc_stop")


def test_a_unit_stopped_in_a_zone_of_control_stays_stopped_when_the_enemy_is_destroyed():
    # given a tank that stops next to x1, and infantry that then destroys x1 (DE everywhere)
    world = (corridor(".......").rules(combat={"table": {r: ["DE"] * 8 for r in range(1, 7)}})
             .unit("tank", "allies", "0000", TRACKED).unit("a1", "allies", "0500").unit("x1", "axis", "0400").unit("x9", "axis", "0600"))
    game = world.game()
    events = move(game, "tank", "0300")
    assert [e["mp_left"] for e in events if e.kind == "unit_moved"] == [0]
    attack(game, "a1", "0400")
    assert game.reachable("tank") == {}
    assert_refused(game, Move("tank", hx(game, "0200")), "move/zoc_stop")


def test_a_unit_starting_in_an_enemy_zone_of_control_may_leave_it():
    game = corridor(".....").unit("a1", "allies", "0300").unit("x1", "axis", "0400").game()
    assert reach_ids(game, "a1") == {"0200": 1, "0100": 2, "0000": 3}


def zoc_to_zoc_world() -> World:
    # Two rows; the enemy at 0201 holds 0100, 0200, 0300 (row 0) in its zone of control.
    # 0200 touches only 0100, 0300 and the enemy: from 0100 it can be entered only directly.
    return World(columns=5, rows=2, terrain=[".....", "l...l"]).ignore_supply().unit("x1", "axis", "0201")


def test_moving_directly_from_one_enemy_zoc_hex_into_another_is_not_allowed():
    game = zoc_to_zoc_world().unit("a1", "allies", "0100").game()
    reach = reach_ids(game, "a1")
    assert "0200" not in reach
    assert reach["0000"] == 1          # leaving the zone of control is fine
    assert_refused(game, Move("a1", hx(game, "0200")), "move/zoc_to_zoc")
    assert_refused(game, Move("a1", hx(game, "0200"), (hx(game, "0100"), hx(game, "0200"))), "move/zoc_to_zoc")


def test_zoc_hexes_may_be_reached_by_a_path_that_leaves_the_zone_first():
    # given a1 in x1's ZOC at 0101 (row 1, next to 0201): 0100 is ZOC too, 0000 is not
    game = (World(columns=5, rows=2).ignore_supply().unit("x1", "axis", "0201").unit("a1", "allies", "0101")).game()
    reach = reach_ids(game, "a1")
    path = [game.scenario.map.hex_id(game.scenario.map.index(h)) for h in game.path("a1", hx(game, "0100"))]
    # then 0100 is reachable, but never in one step from the ZOC start hex (0000 and 0001 are free)
    assert reach["0100"] == 2 and len(path) == 3 and path[1] in ("0000", "0001")


def test_zones_of_control_do_not_extend_into_terrain_that_blocks_them():
    # given jungle (passable, blocks_zoc) in every hex of row 0 next to the enemy at 0201
    jungle = {"move": {"foot": 1, "motorised": 1, "tracked": 1}, "supply_cost": 1, "blocks_zoc": True}

    def world(char: str) -> World:
        return (World(columns=5, rows=2, terrain=["." + char * 3 + ".", "l...l"], legend={**LEGEND, "j": "jungle"})
                .ignore_supply().rules(terrain={"jungle": jungle})
                .unit("x1", "axis", "0201").unit("a1", "allies", "0000"))

    # (0101 and 0301 in row 1 are clear and in the zone of control: reachable, but they end the move)
    assert reach_ids(world("j").game(), "a1") == {"0100": 1, "0200": 2, "0300": 3, "0400": 4, "0101": 2, "0301": 4}
    # and the same map in clear terrain stops the unit at the first ZOC hex
    assert reach_ids(world(".").game(), "a1") == {"0100": 1}


def river_zoc_world(kind: str) -> World:
    # The enemy at 0201 is cut off from row 0 by a river on each of its upper hexsides.
    return (World(columns=5, rows=2, terrain=[".....", "l...l"]).ignore_supply()
            .river("0201-0100", "0201-0200", "0201-0300", kind=kind)
            .unit("x1", "axis", "0201").unit("a1", "allies", "0000"))


def test_zones_of_control_do_not_extend_across_a_major_river_by_default():
    assert reach_ids(river_zoc_world("major").game(), "a1") == {"0100": 1, "0200": 2, "0300": 3, "0400": 4, "0101": 2, "0301": 4}


def test_zones_of_control_extend_across_a_major_river_when_the_rule_says_so():
    game = river_zoc_world("major").rules(zoc={"across_major_river": True}).game()
    assert reach_ids(game, "a1") == {"0100": 1}


def test_zones_of_control_extend_across_a_minor_river():
    assert reach_ids(river_zoc_world("minor").game(), "a1") == {"0100": 1}


def test_units_without_a_zone_of_control_do_not_stop_movement():
    game = corridor(".....").unit("a1", "allies", "0000").unit("hq", "axis", "0400", "headquarters").game()
    assert reach_ids(game, "a1") == {"0100": 1, "0200": 2, "0300": 3}
    game = corridor("......").unit("a1", "allies", "0000").unit("hq", "axis", "0200", "headquarters").game()
    assert "0100" in reach_ids(game, "a1") and "0300" not in reach_ids(game, "a1")   # the hex itself stays closed


def test_leaving_an_enemy_zone_of_control_costs_the_rule_set_s_leave_cost():
    game = corridor(".....").rules(zoc={"leave_cost": 1}).unit("a1", "allies", "0200").unit("x1", "axis", "0300").game()
    assert reach_ids(game, "a1") == {"0100": 2, "0000": 3}


# -- enemy units and stacking -----------------------------------------------------------
def test_enemy_occupied_hexes_are_never_entered_nor_passed_through():
    game = corridor(".....").unit("a1", "allies", "0000", TRACKED).unit("x1", "axis", "0200", "headquarters").game()
    assert reach_ids(game, "a1") == {"0100": 1}
    err = assert_refused(game, Move("a1", hx(game, "0200")), "move/enemy_hex")
    assert "enemy" in err.message
    assert_refused(game, Move("a1", hx(game, "0300")), "move/no_path")


def test_a_unit_may_pass_through_a_full_hex_but_not_end_its_move_there():
    # given three units (the stacking limit) at 0100 and a fourth at 0000
    world = corridor(".....")
    for uid in ("a1", "a2", "a3"):
        world.unit(uid, "allies", "0100")
    game = world.unit("a4", "allies", "0000").game()
    reach = reach_ids(game, "a4")
    assert "0100" not in reach and reach["0200"] == 2
    err = assert_refused(game, Move("a4", hx(game, "0100")), "move/stacking")
    assert "3" in err.message
    move(game, "a4", "0200")
    assert where(game, "a4") == "0200"


def test_the_stacking_limit_comes_from_the_rule_set():
    game = (corridor("....").rules(stacking={"max_units": 1})
            .unit("a1", "allies", "0100").unit("a2", "allies", "0000")).game()
    assert "0100" not in reach_ids(game, "a2")
    assert_refused(game, Move("a2", hx(game, "0100"), (hx(game, "0100"),)), "move/stacking")


# -- reachable and path ----------------------------------------------------------------------
def test_path_is_the_cheapest_path_and_its_cost_is_the_reachable_cost():
    # given a road around a forest through row 1 (odd-q neighbours): six road hexsides
    road = ["0000", "0001", "0101", "0201", "0301", "0401", "0400"]
    world = (World(columns=5, rows=2, terrain=[".fff.", "....."]).ignore_supply()
             .road(*road).unit("truck", "allies", "0000", MOTORISED))
    game = world.game()
    path = game.path("truck", hx(game, "0400"))
    assert [game.scenario.map.hex_id(game.scenario.map.index(h)) for h in path] == road
    assert reach_ids(game, "truck")["0400"] == 3          # 6 x 0.5, cheaper than any way off the road


def test_path_to_an_unreachable_hex_is_empty():
    game = corridor(".~.").unit("a1", "allies", "0000").unit("x1", "axis", "0200").game()
    assert game.path("a1", hx(game, "0200")) == []


def test_a_move_follows_the_cheapest_path_and_spends_its_cost():
    game = corridor(".f...").unit("a1", "allies", "0000").game()
    events = move(game, "a1", "0200")
    moved = [e for e in events if e.kind == "unit_moved"][0]
    assert moved["path"] == ["0000", "0100", "0200"] and moved["cost"] == 3 and moved["mp_left"] == 1
    assert reach_ids(game, "a1") == {"0300": 1}          # back into the forest would cost 2


def test_a_unit_may_move_in_several_legs_while_it_has_points_left():
    game = corridor("......").unit("a1", "allies", "0000").game()
    move(game, "a1", "0200")
    move(game, "a1", "0400")
    assert where(game, "a1") == "0400"
    assert_refused(game, Move("a1", hx(game, "0500")), "move/no_mp")


def test_a_move_along_an_explicit_path_pays_that_path_s_cost():
    game = World(columns=3, rows=3).ignore_supply().unit("a1", "allies", "0000").game()
    path = tuple(hx(game, h) for h in ("0001", "0002", "0102"))
    events = game.apply(Move("a1", hx(game, "0102"), path))
    moved = [e for e in events if e.kind == "unit_moved"][0]
    assert moved["path"] == ["0000", "0001", "0002", "0102"] and moved["cost"] == 3


def test_not_enough_movement_points_names_both_numbers():
    # given Panzer Lehr (4 MP, foot here) two hexes along, with marsh (3 MP) at Caen next
    game = (corridor("...m").place("Caen", "0300")
            .unit("pz", "allies", "0000", FOOT, name="Panzer Lehr")).game()
    move(game, "pz", "0200")
    err = assert_refused(game, Move("pz", hx(game, "0300")), "move/not_enough_mp")
    assert err.message == "Panzer Lehr has 2 MP left; Caen costs 3"


def test_out_of_supply_units_have_reduced_movement():
    # given a source whose range (1) does not reach the unit, though a path exists
    game = (World(columns=8, rows=1).unit("a1", "allies", "0000").source("allies", "0300", range=1)
            .unit("x1", "axis", "0700").source("axis", "0700")).game()
    assert game.supply_status("a1") == "out_of_supply"
    assert reach_ids(game, "a1") == {"0100": 1, "0200": 2}    # 4 MP x 0.5


# -- every refusal of a move leaves the state exactly as it was ------------------------------
@pytest.fixture
def refusal_game():
    # row 1 has sea at 0101; x1 at 0402 holds 0301 0302 0401 0501 0502 in its zone of control
    world = (World(columns=8, rows=3, terrain=["........", ".~......", "........"]).ignore_supply()
             .unit("a1", "allies", "0000").unit("a2", "allies", "0002").unit("a3", "allies", "0301")
             .unit("s1", "allies", "0200").unit("s2", "allies", "0200").unit("s3", "allies", "0200")
             .unit("x1", "axis", "0402").unit("x2", "axis", "0702")
             .reinforcement(3, "0000", ("late", "allies"))
             .special(rule="stand_fast", side="allies", hexes=["0002", "0102"], units=["a2"], until_turn=2))
    return world.game()


def _m(unit, to, *path):
    return lambda g: Move(unit, hx(g, to) if isinstance(to, str) else to,
                          tuple(hx(g, p) if isinstance(p, str) else p for p in path) if path else None)


@pytest.mark.parametrize("make_order,code", [
    (_m("nobody", "0100"), "unit/unknown"),
    (_m("x1", "0302"), "move/not_your_unit"),
    (_m("late", "0100"), "move/not_on_map"),
    (lambda g: Move("a1", "0100"), "move/bad_hex"),
    (_m("a1", Hex(40, 40)), "move/off_map"),
    (_m("a1", "0000"), "move/same_hex"),
    (_m("a1", "0101"), "move/impassable"),
    (_m("a3", "0402"), "move/enemy_hex"),
    (_m("a1", "0200"), "move/stacking"),
    (_m("a1", "0700"), "move/not_enough_mp"),
    (_m("a2", "0202"), "move/stand_fast"),
    (_m("a1", "0200", "0200", "0300"), "move/bad_path"),
    (_m("a1", "0200", "0100", "0300", "0200"), "move/not_adjacent"),
    (_m("a1", "0100", Hex(-5, 0), "0100"), "move/off_map"),
    (_m("a1", "0101", "0001", "0101"), "move/impassable"),
    (_m("a3", "0402", "0402"), "move/enemy_hex"),
    (_m("a1", "0500", "0100", "0200", "0300", "0400", "0500"), "move/not_enough_mp"),
    (_m("s1", "0200", "0100", "0200"), "move/same_hex"),
    (_m("a2", "0202", "0102", "0202"), "move/stand_fast"),
    (_m("s1", "0300", "0201", "0301", "0300"), "move/zoc_stop"),
    (_m("a3", "0302", "0302"), "move/zoc_to_zoc"),
    (_m("a1", "0100", "0100"), None),
    (lambda g: "not an order", "order/unknown"),
])
def test_each_refused_move_has_its_code_and_changes_nothing(refusal_game, make_order, code):
    if code is None:      # the control case: the same fixture accepts a legal move
        refusal_game.apply(make_order(refusal_game))
        return
    assert_refused(refusal_game, make_order(refusal_game), code)


def test_a_unit_that_attacked_cannot_move_afterwards():
    world = corridor(".....").unit("a1", "allies", "0100", "armour").unit("x1", "axis", "0200", "infantry_brigade")
    game = world.rules(combat={"table": {r: ["NE"] * 8 for r in range(1, 7)}}).game()
    attack(game, "a1", "0200")
    assert game.reachable("a1") == {}
    assert_refused(game, Move("a1", hx(game, "0000")), "move/after_attack")


def test_moves_are_refused_once_the_game_is_over():
    game = corridor("...", turns=1).unit("a1", "allies", "0000").unit("x1", "axis", "0200").game()
    game.end_phase()
    game.end_phase()
    assert game.over
    assert game.reachable("a1") == {}
    assert_refused(game, Move("a1", hx(game, "0100")), "game/over")


def test_an_illegal_move_while_an_advance_is_pending_keeps_the_advance():
    # given an attack that always eliminates the defender (DE everywhere)
    world = corridor(".....").unit("a1", "allies", "0100").unit("a2", "allies", "0000").unit("x1", "axis", "0200").unit("x9", "axis", "0400")
    game = world.rules(combat={"table": {r: ["DE"] * 8 for r in range(1, 7)}}).game()
    attack(game, "a1", "0200")
    assert game.state.advance is not None
    assert_refused(game, Move("a2", Hex(40, 40)), "move/off_map")
    assert_refused(game, Move("a2", hx(game, "0000")), "move/same_hex")
    # and the advance can still be taken
    game.apply(engine.Advance("a1"))
    assert where(game, "a1") == "0200"


def test_a_legal_move_declines_a_pending_advance():
    world = corridor(".....").unit("a1", "allies", "0100").unit("a2", "allies", "0000").unit("x1", "axis", "0200").unit("x9", "axis", "0400")
    game = world.rules(combat={"table": {r: ["DE"] * 8 for r in range(1, 7)}}).game()
    attack(game, "a1", "0200")
    move(game, "a2", "0200")
    assert game.state.advance is None
    assert_refused(game, engine.Advance("a1"), "advance/none")


def test_a_unit_held_within_a_boundary_moves_inside_it_only_and_is_told_why():
    world = (corridor(".......").unit("a1", "allies", "0100").unit("x1", "axis", "0600")
             .special(rule="stand_fast", side="allies", hexes=["0000", "0100", "0200"], units=["a1"], until_turn=3, hold=False,
                      note="First Army's sector"))
    game = world.game()
    assert set(reach_ids(game, "a1")) <= {"0000", "0100", "0200"}
    refusal = assert_refused(game, Move("a1", hx(game, "0300")), "move/stand_fast")
    assert "held within its boundary until turn 3 (First Army's sector)" in str(refusal)
    move(game, "a1", "0200")
    assert where(game, "a1") == "0200"


def test_a_unit_outside_the_area_of_its_order_may_move_only_nearer_to_it_and_is_told_why():
    # given a1 three hexes east of its sector when the order begins (it got there the turn before)
    world = (corridor(".........").unit("a1", "allies", "0400").unit("x1", "axis", "0800")
             .special(rule="stand_fast", side="allies", hexes=["0000", "0100"], units=["a1"], until_turn=3, hold=False,
                      note="First Army's sector"))
    game = world.game()
    reach = set(reach_ids(game, "a1"))
    assert reach and reach <= {"0000", "0100", "0200", "0300"}        # not frozen: it may walk back
    refusal = assert_refused(game, Move("a1", hx(game, "0500")), "move/stand_fast")
    assert "stands outside its area and may only move nearer to it" in str(refusal)
    move(game, "a1", "0300")
    assert where(game, "a1") == "0300"


def test_an_order_given_during_the_campaign_binds_from_its_turn_to_its_last():
    world = (corridor(".......").unit("a1", "allies", "0100").unit("x1", "axis", "0600")
             .special(rule="stand_fast", side="allies", hexes=["0000", "0100", "0200"], units=["a1"], from_turn=2, until_turn=3,
                      note="no step back"))
    game = world.game()
    assert "0400" in reach_ids(game, "a1")                   # turn 1: not yet ordered
    end_turn(game)
    assert game.turn == 2 and set(reach_ids(game, "a1")) <= {"0000", "0100", "0200"}
    assert "stand fast until turn 3 (no step back)" in str(assert_refused(game, Move("a1", hx(game, "0300")), "move/stand_fast"))
    end_turn(game)
    end_turn(game)
    assert game.turn == 4 and "0400" in reach_ids(game, "a1")   # the order has lapsed


def test_an_order_that_begins_after_it_ends_is_a_positioned_error(tmp_path):
    world = (corridor("....").unit("a1", "allies", "0100").unit("x1", "axis", "0300")
             .special(rule="stand_fast", side="allies", hexes=["0100"], from_turn=5, until_turn=3))
    problems = engine.validate(world.write(tmp_path))
    assert any("from_turn 5 is after until_turn 3" in str(p) for p in problems)


def test_a_unit_standing_fast_does_not_advance_out_of_its_area():
    """An attack out of a stand-fast area may win the hex, but only the free attackers may
    advance into it (an advance is a move, and the order binds moves)."""
    def game_with(attackers):
        world = (World(columns=4, rows=2, terrain=["....", "...."]).ignore_supply()
                 .rules(combat={"table": {r: ["DE"] * 8 for r in range(1, 7)}})
                 .unit("x1", "axis", "0200").unit("x2", "axis", "0301"))
        for uid, h in attackers:
            world.unit(uid, "allies", h)
        world.special(rule="stand_fast", side="allies", hexes=["0000", "0100", "0001", "0101"], units=["bound"], until_turn=3)
        return world.game()

    game = game_with([("bound", "0100"), ("free", "0201")])
    attack(game, ["bound", "free"], "0200")
    assert game.state.advance is not None
    assert [game.scenario.units[u].id for u in game.state.advance[1]] == ["free"]
    game = game_with([("bound", "0100")])
    attack(game, ["bound"], "0200")
    assert game.state.advance is None
