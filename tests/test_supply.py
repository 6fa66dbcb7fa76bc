"""Supply, isolation, pockets, hex control, sources and ports (issue 3, item 5).

Costs from `scenarios/rules/standard.yaml`: supply points to enter clear 1, forest 2,
marsh 3; minor river +1, major +2; road 0.5 and railway 0.25 where the side controls
the hex; rain multiplies source ranges by 0.75; isolated units lose 1 step per turn once
isolated for more than 2 turns.
"""
from __future__ import annotations

import pytest

from builders import World, attack, controller, end_turn, events_of, move, status, steps


def line(terrain: str = "..........", **kw) -> World:
    return World(columns=len(terrain), rows=1, terrain=[terrain], **kw)


# -- range and cost ----------------------------------------------------------------------
@pytest.mark.parametrize("at,expected", [("0300", "supplied"), ("0400", "out_of_supply")])
def test_a_unit_is_supplied_within_its_source_s_range(at, expected):
    game = line().source("allies", "0000", range=3).unit("a1", "allies", at).unit("x1", "axis", "0900").game()
    assert game.supply_status("a1") == expected


@pytest.mark.parametrize("terrain,at,expected", [
    (".f..", "0200", "supplied"),          # forest 2 + clear 1 = 3
    (".f..", "0300", "out_of_supply"),     # 4
    (".m..", "0100", "supplied"),          # marsh 3
    (".m..", "0200", "out_of_supply"),     # 4
])
def test_supply_costs_depend_on_terrain(terrain, at, expected):
    game = (line(terrain + "......").source("allies", "0000", range=3)
            .unit("a1", "allies", at).unit("x1", "axis", "0900")).game()
    assert game.supply_status("a1") == expected


@pytest.mark.parametrize("kind,expected", [("minor", "supplied"), ("major", "out_of_supply")])
def test_rivers_add_to_the_supply_cost(kind, expected):
    # 0000 -> 0200 costs 2, plus 1 (minor) or 2 (major) for the river: range 3
    game = (line().river("0100-0200", kind=kind).source("allies", "0000", range=3)
            .unit("a1", "allies", "0200").unit("x1", "axis", "0900")).game()
    assert game.supply_status("a1") == expected


def test_each_source_has_its_own_range():
    game = (line().source("allies", "0000", range=1).source("allies", "0900", range=5)
            .unit("a1", "allies", "0400").unit("a2", "allies", "0200")).game()
    assert game.supply_status("a1") == "supplied"          # 5 from 0900
    assert game.supply_status("a2") == "out_of_supply"     # 2 from 0000 (range 1), 7 from 0900


def road_world(friendly_only: bool) -> World:
    # A road along row 0; an axis HQ (no zone of control) at 0301 makes 0300 axis ground.
    return (World(columns=8, rows=2).road(*[f"0{c}00" for c in range(8)]).source("allies", "0000", range=3)
            .unit("a0", "allies", "0000").unit("a1", "allies", "0600")
            .unit("hq", "axis", "0301", "headquarters").source("axis", "0701")
            .rules(supply={"friendly_road_only": friendly_only}))


def test_roads_are_cheaper_only_where_the_side_controls_them():
    game = road_world(True).game()
    assert controller(game, "0300") == "axis"
    assert game.supply_status("a1") == "out_of_supply"      # 6 x 0.5 = 3 only if every road hex were friendly
    assert road_world(False).game().supply_status("a1") == "supplied"


def test_railways_are_cheaper_still():
    game = (line().rail(*[f"0{c}00" for c in range(10)]).source("allies", "0000", range=2)
            .unit("a0", "allies", "0000").unit("a1", "allies", "0800")).game()
    assert game.supply_status("a1") == "supplied"            # 8 x 0.25 = 2


# -- what blocks supply -------------------------------------------------------------------
def test_supply_never_passes_through_enemy_units():
    game = line().source("allies", "0000").unit("a1", "allies", "0400").unit("x1", "axis", "0200", "headquarters").game()
    assert game.supply_status("a1") == "isolated"


def zoc_gate(*friends: str) -> World:
    # The only way from 0000 to 0500 runs through 0100 0200 0300, all in x1's zone of control.
    world = (World(columns=6, rows=2, terrain=["......", "ll.lll"]).ignore_supply()
             .source("allies", "0000").unit("a1", "allies", "0500").unit("x1", "axis", "0201"))
    for i, h in enumerate(friends):
        world.unit(f"f{i}", "allies", h)
    return world


def test_supply_never_passes_through_enemy_zoc_without_a_friendly_unit():
    assert zoc_gate().game().supply_status("a1") == "isolated"
    assert zoc_gate("0200").game().supply_status("a1") == "isolated"


def test_a_friendly_unit_in_an_enemy_zoc_hex_lets_supply_through():
    assert zoc_gate("0100", "0200", "0300").game().supply_status("a1") == "supplied"


def test_out_of_supply_versus_isolated():
    # connected to a source but beyond its range: out of supply; no path at all: isolated
    game = line().source("allies", "0000", range=2).unit("a1", "allies", "0500").game()
    assert game.supply_status("a1") == "out_of_supply"
    game = line("..~.......").source("allies", "0000", range=20).unit("a1", "allies", "0500").game()
    assert game.supply_status("a1") == "isolated"


def test_supply_events_count_the_units_in_each_state():
    game = (line("....~.....").source("allies", "0000", range=2)
            .unit("a1", "allies", "0100").unit("a2", "allies", "0300").unit("a3", "allies", "0700")).game()
    traced = events_of(game.events, "supply_traced")[0]
    assert (traced["supplied"], traced["out_of_supply"], traced["isolated"]) == (1, 1, 1)


# -- isolation and pockets ------------------------------------------------------------------
def test_isolated_units_lose_steps_after_the_rule_set_s_number_of_turns():
    # given an axis unit with no source at all, and the default rule (after 2 turns, 1 step a turn)
    game = line(turns=6).source("allies", "0000").unit("a1", "allies", "0000").unit("x1", "axis", "0900").game()
    seen = []
    for _ in range(5):
        game.end_phase()                       # the axis phase begins: supply traced, attrition applied
        seen.append(steps(game, "x1"))
        if not game.over:                      # its last unit gone, the axis has lost at once
            game.end_phase()
    assert seen == [3, 3, 2, 1, 0] and game.over
    assert status(game, "x1") == "eliminated"
    losses = [e for e in game.events if e.kind == "step_loss" and e["unit"] == "x1"]
    assert {e["cause"] for e in losses} == {"isolation"}


def test_the_attrition_numbers_come_from_the_rule_set():
    game = (line(turns=6).rules(supply={"isolated_attrition_after": 1, "isolated_attrition_steps": 2})
            .source("allies", "0000").unit("a1", "allies", "0000").unit("x1", "axis", "0900")).game()
    seen = []
    for _ in range(3):
        game.end_phase()
        seen.append(steps(game, "x1"))
        if not game.over:
            game.end_phase()
    assert seen == [3, 1, 0]


def test_a_unit_that_is_supplied_again_starts_counting_from_zero():
    game = line(turns=6).source("axis", "0900").unit("x1", "axis", "0500").unit("a1", "allies", "0000").game()
    assert game.state.unit_isolated_turns[game.unit_index("x1")] == 0
    game.end_phase()
    assert game.supply_status("x1") == "supplied"


def test_a_pocket_is_reported_with_its_units_and_size():
    # given two axis units cut off from their only source (0900) by an allied unit at 0800
    game = (line().source("axis", "0900").unit("x1", "axis", "0400").unit("x2", "axis", "0500")
            .unit("a1", "allies", "0800").unit("a0", "allies", "0000").source("allies", "0000")).game()
    events = game.end_phase()
    pockets = events_of(events, "pocket")
    assert len(pockets) == 1
    p = pockets[0]
    assert (sorted(p["units"]), p["size"], p["steps"], p["new"]) == (["x1", "x2"], 2, 6, True)
    assert sorted(p["hexes"]) == ["0400", "0500"]
    game.end_phase()
    again = events_of(game.end_phase(), "pocket")
    assert len(again) == 1 and again[0]["new"] is False


def test_units_far_apart_form_separate_pockets():
    game = (line().unit("x1", "axis", "0300").unit("x2", "axis", "0600").unit("a1", "allies", "0000")
            .source("allies", "0000")).game()
    pockets = events_of(game.end_phase(), "pocket")
    assert sorted(p["size"] for p in pockets) == [1, 1]


# -- control -------------------------------------------------------------------------------
def test_at_the_start_each_hex_belongs_to_the_side_whose_units_are_nearest():
    game = line().unit("a1", "allies", "0100").unit("x1", "axis", "0500").game()
    assert [controller(game, f"0{c}00") for c in range(10)] == \
        ["allies"] * 3 + [None] + ["axis"] * 6


def test_moving_through_hexes_takes_control_of_them():
    game = line().ignore_supply().unit("a1", "allies", "0000").unit("x1", "axis", "0700").game()
    assert controller(game, "0400") == controller(game, "0500") == "axis"
    events = move(game, "a1", "0400")
    changed = events_of(events, "control_changed")
    assert all(controller(game, f"0{c}00") == "allies" for c in range(5))
    assert changed and changed[0]["to"] == "allies"


def test_a_unit_that_retreats_into_a_hex_controls_it():
    # given the axis unit at 0200 retreating into 0300, which the allies control
    world = (line(".....").ignore_supply().rules(combat={"table": {r: ["DR1"] * 8 for r in range(1, 7)}})
             .unit("a1", "allies", "0100").unit("a2", "allies", "0400", "headquarters").unit("x1", "axis", "0200"))
    game = world.game()
    assert controller(game, "0300") is None
    attack(game, "a1", "0200")
    assert controller(game, "0300") == "axis"


def test_named_places_are_listed_when_their_control_changes():
    game = (line().ignore_supply().place("Caen", "0300", vp=5)
            .unit("a1", "allies", "0000").unit("x1", "axis", "0500")).game()
    events = move(game, "a1", "0300")
    assert events_of(events, "control_changed")[0]["places"] == ["Caen (0300)"]


# -- sources change hands ------------------------------------------------------------------
def test_capturing_a_source_takes_it_from_the_enemy():
    # given the axis unit's only source at 0300 and an allied unit that can walk onto it
    game = (line().ignore_supply().source("axis", "0300").source("allies", "0000")
            .unit("a1", "allies", "0100").unit("x1", "axis", "0400")).game()
    assert controller(game, "0300") == "axis"
    game.end_phase()
    assert game.supply_status("x1") == "supplied"
    game.end_phase()
    move(game, "a1", "0300")
    assert controller(game, "0300") == "allies"
    game.end_phase()
    assert game.supply_status("x1") == "isolated"


def test_a_source_the_side_does_not_control_supplies_nobody():
    game = line().source("allies", "0900").unit("a1", "allies", "0000").unit("x1", "axis", "0800").game()
    assert controller(game, "0900") == "axis"
    assert game.supply_status("a1") == "isolated"


def test_a_captured_port_works_only_after_its_capture_delay():
    # given an allied port at 0400 that nobody holds, capture delay 2 turns
    game = (line().ignore_supply().source("allies", "0400", kind="port", capture_delay=2)
            .unit("a1", "allies", "0000").unit("x1", "axis", "0800")).game()
    assert controller(game, "0400") is None and game.supply_status("a1") == "isolated"
    move(game, "a1", "0400")                      # captured on turn 1
    end_turn(game)
    assert game.turn == 2 and game.supply_status("a1") == "isolated"
    end_turn(game)
    assert game.turn == 3 and game.supply_status("a1") == "supplied"


def test_a_port_held_from_the_start_works_from_the_first_turn():
    game = (line().source("allies", "0000", kind="port", capture_delay=2)
            .unit("a1", "allies", "0100").unit("x1", "axis", "0900")).game()
    assert game.supply_status("a1") == "supplied"


def test_sources_work_only_from_their_first_turn_until_their_last():
    game = (line(turns=5).source("allies", "0000", from_turn=2, until_turn=2)
            .unit("a1", "allies", "0100").unit("x1", "axis", "0900")).game()
    got = []
    for _ in range(3):
        got.append(game.supply_status("a1"))
        end_turn(game)
    assert got == ["isolated", "supplied", "isolated"]


def test_weather_shortens_supply_range():
    # rain: range x 0.75, so a range-4 source reaches 3
    world = lambda weather: (line().set(weather={"schedule": {1: weather}}).source("allies", "0000", range=4)
                             .unit("a1", "allies", "0400").unit("x1", "axis", "0900"))
    assert world("clear").game().supply_status("a1") == "supplied"
    assert world("rain").game().supply_status("a1") == "out_of_supply"


def test_the_default_range_comes_from_the_rule_set():
    world = lambda rng: (line().rules(supply={"default_range": rng}).source("allies", "0000")
                         .unit("a1", "allies", "0500").unit("x1", "axis", "0900"))
    assert world(5).game().supply_status("a1") == "supplied"
    assert world(4).game().supply_status("a1") == "out_of_supply"


def test_an_airlift_keeps_that_many_steps_of_isolated_units_merely_out_of_supply():
    # given two cut-off axis units of 3 steps each and an airlift of 3 steps a turn
    game = (line().special(rule="airlift", side="axis", points=3)
            .unit("x1", "axis", "0400").unit("x2", "axis", "0700").unit("a1", "allies", "0000")
            .source("allies", "0000")).game()
    game.end_phase()
    assert sorted([game.supply_status("x1"), game.supply_status("x2")]) == ["isolated", "out_of_supply"]


def test_a_trace_after_units_moved_is_the_whole_trace():
    """`trace_after` works out a changed state's supply from the trace before the change: the
    same reach and connection as tracing it whole, for units moved, eliminated and added in
    the way of the supply, near and far from its sources."""
    import numpy as np

    import engine
    from engine import supply
    from engine.state import ACTIVE, Status

    sc = engine.load_scenario("normandy_1944")
    game = engine.Game(sc, 3)
    st = game.state
    rng = np.random.default_rng(5)
    land = np.flatnonzero(~sc.rules.impassable[sc.map.terrain])
    for side in (0, 1):
        before = supply.traced(st, side)
        other = np.flatnonzero((st.unit_status == ACTIVE) & (st.unit_sides() != side))
        own = np.flatnonzero((st.unit_status == ACTIVE) & (st.unit_sides() == side))
        for trial in range(40):
            hyp = st.copy()
            for u in rng.choice(other, size=int(rng.integers(1, 6)), replace=False):
                hyp.unit_hex[u] = rng.choice(land)                  # into the enemy's supply lines, or out of them
            if trial % 3 == 0:
                for u in rng.choice(other, size=2, replace=False):
                    hyp.unit_status[u] = Status.ELIMINATED         # a gap in the line
            if trial % 4 == 1:
                hyp.unit_status[rng.choice(own)] = Status.ELIMINATED
            reach, connected = supply.trace_after(hyp, side, before)
            whole_reach, whole_connected = supply.trace(hyp, side)
            assert np.array_equal(reach, whole_reach)
            assert np.array_equal(connected, whole_connected)


def test_a_flood_updated_for_other_blocked_hexes_is_the_whole_flood():
    """`kernels.flood_update` against `supply_flood` from scratch: random step costs (none free),
    sources and ranges, and random hexes blocked and unblocked."""
    import numpy as np

    import engine
    from engine import kernels

    sc = engine.load_scenario("normandy_1944")
    nbr = sc.map.neighbors
    n = sc.map.size
    rng = np.random.default_rng(11)
    for _ in range(60):
        costs = rng.integers(0, 5, size=(n, 6)).astype(np.int32)
        costs[(costs == 0) | (nbr < 0)] = -1
        src = rng.choice(n, size=int(rng.integers(1, 8)), replace=False).astype(np.int32)
        ranges = rng.integers(10, 200, size=len(src)).astype(np.int32)
        max_cost = int(ranges.max())
        blocked = rng.random(n) < rng.random() * 0.3
        changed = blocked.copy()
        flip = rng.choice(n, size=int(rng.integers(1, 300)), replace=False)
        changed[flip] = ~changed[flip]
        old, whole, updated = (np.empty(n, np.int32) for _ in range(3))
        kernels.supply_flood(src, ranges, costs, nbr, blocked, old, max_cost)
        kernels.supply_flood(src, ranges, costs, nbr, changed, whole, max_cost)
        kernels.flood_update(src, np.maximum(max_cost - ranges, 0).astype(np.int32), costs, nbr, blocked, changed, old, updated, max_cost)
        assert np.array_equal(updated, whole)
