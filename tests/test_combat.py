"""Combat (issue 3): odds and columns, named column shifts, one die roll, results,
retreats, advance after combat, preview == resolution, the CRT as data.

Numbers come from the rule text and `scenarios/rules/standard.yaml`: columns 1:3 1:2 1:1
2:1 3:1 4:1 5:1 6:1; infantry attack 6/4/2 defence 7/5/3; armour attack 10/7/4; terrain
shifts forest/bocage/marsh/hills/rough/town -1, city -2; minor river -1, major -2;
fortification -1 per level; attacker out of supply -1; defender out of supply +1,
isolated +2; +1 per air point (at most 2); armour into open ground +1.
"""
from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import chisquare

import engine
from builders import World, assert_refused, attack, events_of, hx, reach_ids, status, steps, where
from engine import Advance, Attack, Hex

ALL_ROLLS = range(1, 7)


def fixed(code: str, columns: int = 8) -> dict:
    """A combat table whose every cell is `code`."""
    return {"table": {r: [code] * columns for r in ALL_ROLLS}}


def corridor(terrain: str = ".......", **kw) -> World:
    return World(columns=len(terrain), rows=1, terrain=[terrain], **kw).ignore_supply()


def duel(attack_value: float, defence_value: float, terrain: str = ".....", **kw) -> engine.Game:
    """One-step units: a1 at 0100 attacks x1 at 0200."""
    return (corridor(terrain, **kw)
            .unit("a1", "allies", "0100", attack=[attack_value], defence=[1])
            .unit("x1", "axis", "0200", attack=[1], defence=[defence_value])).game()


# -- odds -------------------------------------------------------------------------------
@pytest.mark.parametrize("att,dfn,column", [
    (7, 7, "1:1"), (13, 7, "1:1"), (14, 7, "2:1"), (20, 7, "2:1"), (21, 7, "3:1"),
    (6, 7, "1:2"), (3.5, 7, "1:2"), (3.4, 7, "1:3"), (42, 7, "6:1"), (100, 1, "6:1"),
])
def test_odds_round_down_to_a_column_in_the_defender_s_favour(att, dfn, column):
    pv = duel(att, dfn).preview(["a1"], Hex(2, -1))
    assert (pv.attack, pv.defence) == (att, dfn)
    assert pv.shifts == ()
    assert pv.column_name == column


def test_attack_and_defence_strengths_are_totals_over_all_units():
    # given two attackers (6 + 10) on both sides of two defenders (7 + 7) at 0200
    game = (corridor().unit("a1", "allies", "0100").unit("a2", "allies", "0300", "armour")
            .unit("x1", "axis", "0200").unit("x2", "axis", "0200")).game()
    pv = game.preview(["a1", "a2"], hx(game, "0200"))
    assert (pv.attack, pv.defence) == (16, 14)
    assert pv.column_name == "2:1"          # 1:1 rounded ... plus the armour shift in clear terrain
    assert [s.reason for s in pv.shifts] == ["armour attacking in open terrain (clear)"]


def test_odds_below_the_lowest_column_are_refused():
    game = duel(2, 7)
    pv = game.preview(["a1"], hx(game, "0200"))
    assert not pv.allowed and "1:3" in pv.reason
    assert_refused(game, Attack(("a1",), hx(game, "0200")), "attack/odds_too_low")


def test_steps_lost_reduce_the_values_used_for_odds():
    game = corridor().unit("a1", "allies", "0100", steps=2).unit("x1", "axis", "0200", steps=1).game()
    pv = game.preview(["a1"], hx(game, "0200"))
    assert (pv.attack, pv.defence) == (4, 3)        # infantry at 2 steps attacks 4; at 1 step defends 3


def test_the_strengths_of_every_unit_at_once_are_those_of_each_unit():
    """The AI reads every unit's factors at once: the same values, by steps left and supply."""
    from engine import combat
    from engine.state import Supply

    game = engine.Game("normandy_1944", 3)
    st = game.state
    st.unit_steps[:6] = [1, 2, 0, 3, 1, 2]           # worn and eliminated units
    st.unit_supply[:4] = int(Supply.OUT_OF_SUPPLY)   # halved attacks
    n = len(st.unit_steps)
    assert np.array_equal(st.defence_factors(), [st.defence_of(u) for u in range(n)])
    assert np.array_equal(st.attack_factors(), [st.attack_of(u) for u in range(n)])
    strengths = combat.attack_strengths(st)
    assert np.array_equal(strengths, [combat.attack_strength(st, u) for u in range(n)])
    assert strengths[0] < st.attack_of(0) and strengths[2] == 0.0


# -- column shifts, each with its reason -------------------------------------------------
def shifts_of(pv) -> dict[str, int]:
    return {s.reason: s.shift for s in pv.shifts}


@pytest.mark.parametrize("char,name,shift", [("f", "forest", -1), ("b", "bocage", -1), ("m", "marsh", -1), ("h", "hills", -1),
                                             ("r", "rough", -1), ("t", "town", -1), ("c", "city", -2)])
def test_the_defender_s_terrain_shifts_the_column(char, name, shift):
    game = duel(14, 7, terrain=".." + char + "..")
    pv = game.preview(["a1"], hx(game, "0200"))
    assert shifts_of(pv) == {f"defender in {name}": shift}
    assert pv.column == pv.base_column + shift


def test_fortifications_shift_one_column_per_level():
    game = (corridor().place("Westwall", "0200", fort=2)
            .unit("a1", "allies", "0100", attack=[35], defence=[1]).unit("x1", "axis", "0200", attack=[1], defence=[7])).game()
    pv = game.preview(["a1"], hx(game, "0200"))
    assert shifts_of(pv) == {"fortifications (level 2)": -2}
    assert (pv.column_name, game.scenario.rules.model.combat.columns[pv.base_column]) == ("3:1", "5:1")


@pytest.mark.parametrize("kind,shift", [("minor", -1), ("major", -2)])
def test_attacking_across_a_river_shifts_when_all_attackers_are_across_it(kind, shift):
    game = (corridor().river("0100-0200", kind=kind)
            .unit("a1", "allies", "0100").unit("x1", "axis", "0200")).game()
    pv = game.preview(["a1"], hx(game, "0200"))
    assert shifts_of(pv) == {f"attacking across a {kind} river": shift}


def test_no_river_shift_when_one_attacker_is_not_across_the_river():
    game = (corridor().river("0100-0200", kind="major")
            .unit("a1", "allies", "0100").unit("a2", "allies", "0300").unit("x1", "axis", "0200")).game()
    assert shifts_of(game.preview(["a1", "a2"], hx(game, "0200"))) == {}
    assert "attacking across a major river" in shifts_of(game.preview(["a1"], hx(game, "0200")))


def test_armour_attacking_into_open_ground_shifts_one_column_but_not_into_cover():
    game = corridor("..f..").unit("tank", "allies", "0100", "armour").unit("x1", "axis", "0200").game()
    assert "armour attacking in open terrain (forest)" not in shifts_of(game.preview(["tank"], hx(game, "0200")))
    assert shifts_of(game.preview(["tank"], hx(game, "0200"))) == {"defender in forest": -1}
    game = corridor(".....").unit("tank", "allies", "0100", "armour").unit("x1", "axis", "0200").game()
    assert shifts_of(game.preview(["tank"], hx(game, "0200"))) == {"armour attacking in open terrain (clear)": 1}


def test_air_points_shift_the_column_and_are_spent():
    game = (corridor().set(air_points={"allies": 3})
            .unit("a1", "allies", "0100").unit("x1", "axis", "0200")).game()
    pv = game.preview(["a1"], hx(game, "0200"), air=2)
    assert shifts_of(pv) == {"air support (2 air points)": 2}
    assert game.state.air_left[0] == 3
    events = attack(game, "a1", "0200", air=2)
    assert events_of(events, "combat")[0]["air"] == 2
    assert game.state.air_left[0] == 1


def test_air_points_are_refused_beyond_the_side_s_points_and_the_per_attack_limit():
    game = (corridor().set(air_points={"allies": 1}).unit("a1", "allies", "0100").unit("x1", "axis", "0200")).game()
    assert_refused(game, Attack(("a1",), hx(game, "0200"), air=2), "attack/no_air")
    game = (corridor().set(air_points={"allies": 5}).unit("a1", "allies", "0100").unit("x1", "axis", "0200")).game()
    assert_refused(game, Attack(("a1",), hx(game, "0200"), air=3), "attack/too_much_air")
    assert_refused(game, Attack(("a1",), hx(game, "0200"), air=-1), "attack/bad_air")


def test_air_points_do_not_carry_over_to_the_next_turn():
    game = (corridor().set(air_points={"allies": 2}).unit("a1", "allies", "0000").unit("x1", "axis", "0600")).game()
    game.end_phase()
    game.end_phase()
    assert game.turn == 2 and game.state.air_left[0] == 2


def test_an_attacker_out_of_supply_attacks_at_half_strength_and_shifts_left():
    # given allied supply that reaches 0000 only, and an axis source next to the axis unit
    game = (World(columns=7, rows=1).source("allies", "0000", range=0).source("axis", "0300")
            .unit("a1", "allies", "0100").unit("x1", "axis", "0200")).game()
    assert game.supply_status("a1") == "out_of_supply"
    pv = game.preview(["a1"], hx(game, "0200"))
    assert pv.attack == 3
    assert shifts_of(pv) == {"attacker out of supply": -1}


def _second_turn(world: World) -> engine.Game:
    game = world.game()
    game.end_phase()          # the axis traces its supply at the start of its phase
    game.end_phase()
    return game


def test_a_defender_out_of_supply_or_isolated_shifts_right():
    base = lambda: (World(columns=7, rows=1).source("allies", "0000")
                    .unit("a1", "allies", "0100").unit("x1", "axis", "0200"))
    out = _second_turn(base().source("axis", "0600", range=1))
    assert out.supply_status("x1") == "out_of_supply"
    assert shifts_of(out.preview(["a1"], hx(out, "0200"))) == {"defender out of supply": 1}
    cut = _second_turn(base().source("axis", "0000"))          # its only source is behind the allies
    assert cut.supply_status("x1") == "isolated"
    assert shifts_of(cut.preview(["a1"], hx(cut, "0200"))) == {"defender isolated": 2}


def coast() -> World:
    # sea in column 0; 0100 is coastal, 0200 is two hexes from the sea
    return (World(columns=6, rows=1, terrain=["~....."]).ignore_supply()
            .unit("a1", "allies", "0200").unit("x1", "axis", "0100").unit("a2", "allies", "0400").unit("x2", "axis", "0300"))


def test_naval_gunfire_shifts_attacks_on_coastal_hexes_until_its_last_turn():
    game = coast().special(rule="naval_gunfire", side="allies", until_turn=1, shift=2).game()
    assert shifts_of(game.preview(["a1"], hx(game, "0100"))) == {"naval gunfire support": 2}
    assert "naval gunfire support" not in shifts_of(game.preview(["a2"], hx(game, "0300")))
    game.end_phase()
    game.end_phase()
    assert shifts_of(game.preview(["a1"], hx(game, "0100"))) == {}


def test_naval_gunfire_reaches_as_many_hexes_inland_as_its_range():
    game = coast().special(rule="naval_gunfire", side="allies", until_turn=3, shift=1, range=3).game()
    assert shifts_of(game.preview(["a2"], hx(game, "0300"))) == {"naval gunfire support": 1}    # 3 hexes inland
    game = coast().special(rule="naval_gunfire", side="allies", until_turn=3, shift=1, range=2).game()
    assert shifts_of(game.preview(["a2"], hx(game, "0300"))) == {}


def test_naval_gunfire_helps_only_its_own_side():
    game = coast().special(rule="naval_gunfire", side="axis", until_turn=3, shift=1).game()
    assert shifts_of(game.preview(["a1"], hx(game, "0100"))) == {}


def test_shifts_add_up_and_the_column_is_clamped_to_the_table():
    # 42:7 is 6:1; city -2 and a major river -2 bring it to 2:1; in the open with air +2 stays 6:1
    game = (corridor("..c..").river("0100-0200", kind="major")
            .unit("a1", "allies", "0100", attack=[42], defence=[1]).unit("x1", "axis", "0200", attack=[1], defence=[7])).game()
    pv = game.preview(["a1"], hx(game, "0200"))
    assert pv.total_shift == -4 and pv.column_name == "2:1"
    game = (corridor().set(air_points={"allies": 2})
            .unit("a1", "allies", "0100", attack=[42], defence=[1]).unit("x1", "axis", "0200", attack=[1], defence=[7])).game()
    pv = game.preview(["a1"], hx(game, "0200"), air=2)
    assert pv.total_shift == 2 and pv.column_name == "6:1"


# -- one die roll from the game's generator ----------------------------------------------------
def test_an_attack_rolls_one_die_from_the_game_s_generator_and_applies_that_row():
    game = corridor().unit("a1", "allies", "0100").unit("x1", "axis", "0200").game()
    clone = np.random.Generator(np.random.PCG64())
    clone.bit_generator.state = game.state.rng.bit_generator.state
    pv = game.preview(["a1"], hx(game, "0200"))
    events = attack(game, "a1", "0200")
    combat = events_of(events, "combat")[0]
    assert combat["roll"] == int(clone.integers(1, 7))
    assert combat["result"] == pv.results[combat["roll"] - 1]
    assert game.state.rng.bit_generator.state == clone.bit_generator.state
    assert combat["shifts"] == [[s.reason, s.shift] for s in pv.shifts] and combat["odds"] == pv.odds


def test_a_preview_draws_no_random_number_and_changes_nothing():
    game = corridor().unit("a1", "allies", "0100").unit("x1", "axis", "0200").game()
    before = game.state_hash()
    for _ in range(3):
        game.preview(["a1"], hx(game, "0200"), air=0)
    assert game.state_hash() == before


# -- results ---------------------------------------------------------------------------------
def test_defender_eliminated():
    game = corridor().rules(combat=fixed("DE")).unit("a1", "allies", "0100").unit("x1", "axis", "0200").game()
    events = attack(game, "a1", "0200")
    assert status(game, "x1") == "eliminated"
    assert [e["unit"] for e in events_of(events, "unit_eliminated")] == ["x1"]
    assert game.state.losses == [0, 3]


def test_attacker_eliminated():
    game = (corridor().rules(combat=fixed("AE")).unit("a1", "allies", "0100").unit("a2", "allies", "0300")
            .unit("x1", "axis", "0200")).game()
    attack(game, ["a1", "a2"], "0200")
    assert status(game, "a1") == status(game, "a2") == "eliminated"
    assert steps(game, "x1") == 3


def test_attacker_step_losses_fall_on_the_strongest_unit_first():
    game = (corridor().rules(combat=fixed("AL2")).unit("a1", "allies", "0100", steps=2).unit("a2", "allies", "0300")
            .unit("x1", "axis", "0200")).game()
    attack(game, ["a1", "a2"], "0200")
    assert (steps(game, "a1"), steps(game, "a2")) == (1, 2)


def test_defender_loses_a_step_and_retreats_away_from_the_attackers():
    game = corridor().rules(combat=fixed("D1R1")).unit("a1", "allies", "0100").unit("x1", "axis", "0200").game()
    events = attack(game, "a1", "0200")
    assert steps(game, "x1") == 2 and where(game, "x1") == "0300"
    assert events_of(events, "unit_retreated")[0]["path"] == ["0200", "0300"]


def test_a_two_hex_retreat_goes_two_hexes_further_away():
    game = corridor().rules(combat=fixed("D1R2")).unit("a1", "allies", "0100").unit("x1", "axis", "0200").game()
    attack(game, "a1", "0200")
    assert where(game, "x1") == "0400"


def test_the_standard_exchange_costs_each_side_one_step():
    game = corridor().rules(combat=fixed("EX")).unit("a1", "allies", "0100").unit("x1", "axis", "0200").game()
    attack(game, "a1", "0200")
    assert (steps(game, "a1"), steps(game, "x1"), where(game, "x1")) == (2, 2, "0200")


def test_a_classic_exchange_eliminates_the_defender_and_costs_the_attacker_at_least_as_many():
    classic = {"CEX": {"description": "classic exchange", "exchange": True}}
    game = (corridor().rules(combat=dict(fixed("CEX"), results=classic))
            .unit("a1", "allies", "0100").unit("a2", "allies", "0300", "armour")
            .unit("x1", "axis", "0200", steps=2)).game()
    attack(game, ["a1", "a2"], "0200")
    assert status(game, "x1") == "eliminated"
    assert game.state.losses == [2, 2]
    assert steps(game, "a1") + steps(game, "a2") == 4


def test_no_effect_changes_no_unit():
    game = corridor().rules(combat=fixed("NE")).unit("a1", "allies", "0100").unit("x1", "axis", "0200").game()
    attack(game, "a1", "0200")
    assert (steps(game, "a1"), steps(game, "x1"), where(game, "x1")) == (3, 3, "0200")


CLASSIC = {
    "columns": ["1:2", "1:1", "2:1", "3:1"],
    "die": 6,
    "table": {1: ["AR", "DR", "DE", "DE"], 2: ["AR", "DR", "DR", "DE"], 3: ["AE", "EX", "DR", "DE"],
              4: ["AE", "AR", "EX", "DR"], 5: ["AE", "AR", "AR", "EX"], 6: ["AE", "AE", "AR", "DR"]},
    "results": {
        "AE": {"description": "attacker eliminated", "attacker_eliminated": True},
        "AR": {"description": "attacker retreats", "attacker_retreat": 1},
        "DR": {"description": "defender retreats", "defender_retreat": 1},
        "DE": {"description": "defender eliminated", "defender_eliminated": True},
        "EX": {"description": "exchange", "exchange": True},
    },
}


def test_a_classic_crt_written_as_rule_overrides_works_without_code_changes():
    game = (corridor().rules(combat=CLASSIC)
            .unit("a1", "allies", "0100", attack=[7], defence=[1]).unit("x1", "axis", "0200", attack=[1], defence=[7])).game()
    pv = game.preview(["a1"], hx(game, "0200"))
    assert pv.column_name == "1:1"
    assert pv.results == ("DR", "DR", "EX", "AR", "AR", "AE")
    assert pv.probabilities == pytest.approx({"DR": 2 / 6, "EX": 1 / 6, "AR": 2 / 6, "AE": 1 / 6})
    assert pv.descriptions["AR"] == "attacker retreats"


def test_classic_attacker_retreat_moves_the_attacker_away_from_the_target():
    table = dict(CLASSIC, table={r: ["AR"] * 4 for r in ALL_ROLLS})
    game = (corridor().rules(combat=table)
            .unit("a1", "allies", "0100").unit("x1", "axis", "0200")).game()
    attack(game, "a1", "0200")
    assert where(game, "a1") == "0000"


# -- retreats ------------------------------------------------------------------------------
DR1 = {"DR1": {"description": "retreat 1", "defender_retreat": 1}}
DR2 = {"DR2": {"description": "retreat 2", "defender_retreat": 2}}


def retreat_world(code: str = "DR1", **kw) -> World:
    results = dict(DR1, **DR2)
    return corridor(".......", **kw).rules(combat=dict(fixed(code), results=results)).unit("a1", "allies", "0100")


def test_a_retreat_never_enters_an_enemy_zone_of_control_without_a_friend_in_it():
    # given an allied unit at 0400 whose zone of control covers 0300, the only way back
    game = retreat_world().unit("x1", "axis", "0200").unit("a2", "allies", "0400").game()
    events = attack(game, "a1", "0200")
    assert where(game, "x1") == "0200"
    assert events_of(events, "retreat_blocked")[0]["unit"] == "x1"
    assert steps(game, "x1") == 2            # one extra step for the retreat it could not make


def test_a_retreat_may_enter_an_enemy_zone_of_control_held_by_a_friend():
    game = retreat_world().unit("x1", "axis", "0200").unit("x2", "axis", "0300").unit("a2", "allies", "0500").game()
    attack(game, "a1", "0200")
    assert where(game, "x1") == "0300" and steps(game, "x1") == 3


def test_a_retreat_never_ends_over_the_stacking_limit_but_may_pass_through():
    world = lambda code: (retreat_world(code).rules(stacking={"max_units": 1})
                          .unit("x1", "axis", "0200").unit("x2", "axis", "0300"))
    game = world("DR1").game()
    attack(game, "a1", "0200")
    assert where(game, "x1") == "0200" and steps(game, "x1") == 2
    game = world("DR2").game()
    attack(game, "a1", "0200")
    assert where(game, "x1") == "0400" and steps(game, "x1") == 3


def test_a_retreat_is_away_from_every_attacker():
    # given attackers on both sides in a corridor: there is no hex further from both
    game = retreat_world().unit("a2", "allies", "0300").unit("x1", "axis", "0200").game()
    attack(game, ["a1", "a2"], "0200")
    assert where(game, "x1") == "0200" and steps(game, "x1") == 2


def test_a_retreat_in_open_ground_increases_the_distance_from_the_attackers_each_hex():
    game = (World(columns=7, rows=7).ignore_supply().rules(combat=dict(fixed("DR2"), results=DR2))
            .unit("a1", "allies", "0303").unit("x1", "axis", "0302")).game()
    events = attack(game, "a1", "0302")
    path = events_of(events, "unit_retreated")[0]["path"]
    sc = game.scenario
    dist = [engine.hexgrid.distance(sc.hex("0303"), sc.hex(h)) for h in path]
    assert dist == [1, 2, 3]


def test_a_two_hex_retreat_that_cannot_be_made_costs_one_extra_step():
    # given the defender against the map edge: it cannot retreat at all
    game = (corridor("...").rules(combat=dict(fixed("DR2"), results=DR2))
            .unit("a1", "allies", "0100").unit("x1", "axis", "0200")).game()
    events = attack(game, "a1", "0200")
    assert steps(game, "x1") == 2
    assert events_of(events, "retreat_blocked")[0]["unit"] == "x1"


@pytest.mark.parametrize("hold", [True, False])
def test_an_order_to_hold_binds_retreats_but_a_boundary_does_not(hold):
    # given x1 bound to the area 0200-0300 (an order to hold, or only a boundary)
    game = (retreat_world("DR2").unit("x1", "axis", "0200")
            .special(rule="stand_fast", side="axis", hexes=["0200", "0300"], units=["x1"], until_turn=5, hold=hold)).game()
    events = attack(game, "a1", "0200")
    if hold:        # it may not retreat out: it stays and loses a step for each hex it could not go
        assert where(game, "x1") == "0300" and steps(game, "x1") == 2
        assert events_of(events, "retreat_blocked")[0]["reason"] == "it is ordered to stand fast"
    else:           # it retreats as usual, out of its area
        assert where(game, "x1") == "0400" and steps(game, "x1") == 3
        assert not events_of(events, "retreat_blocked")


def test_a_unit_that_retreated_out_of_its_boundary_may_only_move_back_into_it():
    game = (retreat_world("DR2").phases("movement", "combat").unit("x1", "axis", "0200").unit("x2", "axis", "0600")
            .special(rule="stand_fast", side="axis", hexes=["0200", "0300"], units=["x1"], until_turn=3, hold=False)).game()
    game.end_phase()                       # the allied movement phase
    attack(game, "a1", "0200")
    assert where(game, "x1") == "0400"
    while not (game.active_side == "axis" and game.phase == "movement"):
        game.end_phase()
    assert sorted(reach_ids(game, "x1")) == ["0200", "0300"]


def test_a_unit_that_cannot_retreat_is_eliminated_when_the_rule_set_says_so():
    game = (corridor("...").rules(combat=dict(fixed("DR1"), results=DR1, failed_retreat="eliminate"))
            .unit("a1", "allies", "0100").unit("x1", "axis", "0200")).game()
    attack(game, "a1", "0200")
    assert status(game, "x1") == "eliminated"


# -- once per turn, advance after combat -------------------------------------------------------
def test_a_unit_attacks_at_most_once_per_turn():
    game = (corridor().rules(combat=fixed("NE")).unit("a1", "allies", "0100")
            .unit("x1", "axis", "0200").unit("x0", "axis", "0000")).game()
    attack(game, "a1", "0200")
    err = assert_refused(game, Attack(("a1",), hx(game, "0000")), "attack/already_attacked")
    assert "already attacked" in err.message
    game.end_phase()
    game.end_phase()
    attack(game, "a1", "0000")          # a new turn


def test_one_attacker_may_advance_into_the_vacated_hex():
    game = (corridor().rules(combat={**fixed("DE"), "advance": "one"}).unit("a1", "allies", "0100").unit("a2", "allies", "0300")
            .unit("a3", "allies", "0500").unit("x1", "axis", "0200").unit("x9", "axis", "0600")).game()
    attack(game, ["a1", "a2"], "0200")
    assert Advance("a1") in game.legal_orders() and Advance("a2") in game.legal_orders()
    assert_refused(game, Advance("a3"), "advance/not_attacker")
    events = game.apply(Advance("a2"))
    assert where(game, "a2") == "0200"
    assert events_of(events, "advance")[0]["to"] == "0200"
    assert_refused(game, Advance("a1"), "advance/none")


def test_no_advance_when_the_defender_stays():
    game = corridor().rules(combat=fixed("NE")).unit("a1", "allies", "0100").unit("x1", "axis", "0200").game()
    attack(game, "a1", "0200")
    assert game.state.advance is None
    assert_refused(game, Advance("a1"), "advance/none")


def test_advancing_takes_control_of_the_hex():
    from builders import controller

    game = corridor().rules(combat=fixed("DE")).unit("a1", "allies", "0100").unit("x1", "axis", "0200").unit("x9", "axis", "0600").game()
    assert controller(game, "0200") == "axis"
    attack(game, "a1", "0200")
    game.apply(Advance("a1"))
    assert controller(game, "0200") == "allies"


# -- preview == resolution --------------------------------------------------------------------
def test_preview_probabilities_sum_to_one_and_match_the_table_row_counts():
    game = corridor().unit("a1", "allies", "0100").unit("x1", "axis", "0200").game()
    pv = game.preview(["a1"], hx(game, "0200"))
    assert sum(pv.probabilities.values()) == pytest.approx(1.0)
    for code, p in pv.probabilities.items():
        assert p == pytest.approx(pv.results.count(code) / 6)


@pytest.mark.parametrize("world", [
    # 16:7 -> 2:1, armour in the open +1 -> 3:1
    lambda: corridor().unit("a1", "allies", "0100").unit("a2", "allies", "0300", "armour").unit("x1", "axis", "0200"),
    # 6:7 -> 1:2, forest -1 -> 1:3
    lambda: corridor("..f..").unit("a1", "allies", "0100").unit("x1", "axis", "0200"),
])
def test_attack_results_follow_the_preview_probabilities(world):
    game = world().game()
    attackers = tuple(u for u in ("a1", "a2") if u in game.scenario.unit_index)
    target = hx(game, "0200")
    pv = game.preview(attackers, target)
    start, n_orders, n_events = game.state.copy(), len(game.orders), len(game.events)
    trials = 3000
    counts = dict.fromkeys(pv.probabilities, 0)
    for seed in range(trials):
        game.state = start.copy()
        game.state.rng = np.random.Generator(np.random.PCG64(seed))
        combat = events_of(game.apply(Attack(attackers, target)), "combat")[0]
        assert combat["result"] == pv.results[combat["roll"] - 1]
        counts[combat["result"]] += 1
        del game.orders[n_orders:], game.events[n_events:]
    codes = sorted(counts)
    observed = [counts[c] for c in codes]
    expected = [pv.probabilities[c] * trials for c in codes]
    assert chisquare(observed, expected).pvalue > 1e-3


# -- every refusal of an attack or advance leaves the state as it was --------------------------------
@pytest.fixture
def battle():
    # a1 a2 next to x1 (0200); hq (no attack) next to x1; x2 far away; a1's neighbour 0000 is empty
    world = (World(columns=7, rows=2).ignore_supply().set(air_points={"allies": 1})
             .unit("a1", "allies", "0100").unit("a2", "allies", "0300").unit("hq", "allies", "0201", "headquarters")
             .unit("a9", "allies", "0600")
             .unit("x1", "axis", "0200").unit("x2", "axis", "0500", steps=1)
             .reinforcement(2, "0000", ("late", "allies")))
    return world.game()


@pytest.mark.parametrize("order,code", [
    (lambda g: Attack((), hx(g, "0200")), "attack/no_attackers"),
    (lambda g: Attack(("a1", "a1"), hx(g, "0200")), "attack/duplicate"),
    (lambda g: Attack(("nobody",), hx(g, "0200")), "unit/unknown"),
    (lambda g: Attack(("x1",), hx(g, "0100")), "attack/not_your_unit"),
    (lambda g: Attack(("late",), hx(g, "0100")), "attack/not_on_map"),
    (lambda g: Attack(("a1",), "0200"), "attack/bad_hex"),
    (lambda g: Attack(("a1",), Hex(50, 50)), "attack/off_map"),
    (lambda g: Attack(("a1",), hx(g, "0200"), air=-1), "attack/bad_air"),
    (lambda g: Attack(("a1",), hx(g, "0200"), air=True), "attack/bad_air"),
    (lambda g: Attack(("hq",), hx(g, "0200")), "attack/no_strength"),
    (lambda g: Attack(("a9",), hx(g, "0200")), "attack/not_adjacent"),
    (lambda g: Attack(("a1",), hx(g, "0000")), "attack/no_enemy"),
    (lambda g: Attack(("a2",), hx(g, "0201")), "attack/no_enemy"),
    (lambda g: Attack(("a1",), hx(g, "0200"), air=2), "attack/no_air"),
    (lambda g: Advance("a1"), "advance/none"),
    (lambda g: Advance("x1"), "advance/not_your_unit"),
    (lambda g: Advance("late"), "advance/not_on_map"),
])
def test_each_refused_attack_has_its_code_and_changes_nothing(battle, order, code):
    assert_refused(battle, order(battle), code)


def test_attacks_are_refused_at_odds_below_the_table_and_without_a_table(battle):
    game = (corridor().unit("a1", "allies", "0100", "headquarters", attack=[1]).unit("x1", "axis", "0200")).game()
    assert_refused(game, Attack(("a1",), hx(game, "0200")), "attack/odds_too_low")
    game = corridor().rules(combat=None).unit("a1", "allies", "0100").unit("x1", "axis", "0200").game()
    assert_refused(game, Attack(("a1",), hx(game, "0200")), "attack/no_crt")


def test_an_eliminated_unit_cannot_attack():
    game = (corridor().rules(combat=fixed("AE")).unit("a1", "allies", "0100").unit("a2", "allies", "0300")
            .unit("x1", "axis", "0200")).game()
    attack(game, "a1", "0200")
    assert_refused(game, Attack(("a1",), hx(game, "0200")), "attack/not_on_map")
    assert_refused(game, Attack(("a2", "a1"), hx(game, "0200")), "attack/not_on_map")


def test_unspent_air_points_defend_in_the_enemys_phase():
    """Air points a side did not spend in its own phase shift each enemy attack against it
    one column left per point, up to the per-attack maximum, until none are left."""
    from builders import World, attack, hx

    world = (World(columns=4, rows=1, terrain=["...."]).ignore_supply()
             .set(air_points={"axis": 3})
             .unit("a1", "allies", "0000", type="armour").unit("a2", "allies", "0200", type="armour")
             .unit("x1", "axis", "0100"))
    game = world.game(seed=1)
    game.state.air_left[1] = 3                 # the axis kept its 3 air points from its last phase
    pv = game.preview(["a1"], hx(game, "0100"))
    assert ("enemy air support in defence (2 air points)", -2) in [(s.reason, s.shift) for s in pv.shifts]
    assert pv.defence_air == 2
    attack(game, ["a1"], "0100")
    assert game.state.air_left[1] == 1
    if game.state.units_at(game.scenario.map.parse("0100")):
        pv2 = game.preview(["a2"], hx(game, "0100"))
        assert pv2.defence_air == 1


def test_eliminations_name_the_units_each_result_would_destroy():
    """The preview can warn that a step loss eliminates a 1-step defender (no die rolled)."""
    import engine
    from engine import combat

    game = engine.Game(engine.load_scenario("tutorial_river"), 3)
    st = game.state
    sc = game.scenario
    blue = sc.unit_index["blue_2nd_inf"]
    red = sc.unit_index["red_11th_inf"]
    # Put the blue division next to the red one, red down to its last step.
    st.unit_hex[blue] = int(sc.map.neighbors[int(st.unit_hex[red])][3])
    st.unit_steps[red] = 1
    before = game.state_hash()
    plan = combat.preview(st, [blue], int(st.unit_hex[red]))
    gone = combat.eliminations(st, plan)
    for code, (att, dfn) in gone.items():
        res = combat._crt(st).results[code]
        loses = res.defender_steps > 0 or res.defender_eliminated or res.exchange
        assert dfn == ((red,) if loses else ()), code
    assert game.state_hash() == before, "a preview changes nothing"


@pytest.mark.parametrize("name,seed", [("normandy_1944", 3), ("tutorial_river", 1)])
def test_the_ai_s_odds_of_a_group_are_those_of_the_preview(name, seed):
    """`TargetOdds.of` (the AI's many groups against one hex) gives the column, results and verdict
    `preview` gives with the attackers moved into their hexes: rivers, out of supply, armour,
    air, naval gunfire, refused groups (not adjacent, attacked already) and odds too low."""
    from engine import combat, hexgrid
    from engine.state import ACTIVE

    game = engine.Game(engine.load_scenario(name), seed)
    st = game.state
    sc = game.scenario
    nbr = sc.map.neighbors
    rng = np.random.default_rng(seed)
    on = np.flatnonzero(st.unit_status == ACTIVE)
    st.unit_supply[on[::5]] = 1                      # some units out of supply
    st.unit_attacked[on[::7]] = True                 # and some that attacked already
    st.air_left[:] = [2] * len(st.air_left)
    checked, verdicts = 0, set()
    for side in range(len(sc.sides)):
        mine = [int(u) for u in on if sc.units[int(u)].side == side]
        targets = sorted({int(st.unit_hex[u]) for u in on if sc.units[int(u)].side != side})
        for target in targets[:40]:
            odds = combat.TargetOdds(st, side, target)
            near = [u for u in mine if hexgrid.distance(sc.map.hex(int(st.unit_hex[u])), sc.map.hex(target)) <= 4] or mine[:3]
            for _ in range(12):
                group = [int(u) for u in rng.permutation(near)[: int(rng.integers(1, 4))]]
                ring = [int(h) for h in nbr[target] if h >= 0]
                hexes = [ring[int(rng.integers(len(ring)))] if rng.random() < 0.9 else int(st.unit_hex[u]) for u in group]
                air = int(rng.integers(0, 4))
                got = odds.of(group, hexes, air)
                hyp = st.copy()
                hyp.unit_hex[group] = hexes
                pv = combat.preview(hyp, group, target, air)
                assert (got.column, got.probabilities, got.allowed, got.defenders, got.attackers) == \
                       (pv.column, pv.probabilities, pv.allowed, pv.defenders, pv.attackers), (group, hexes, target, air, pv.reason)
                checked += 1
                verdicts.add((pv.allowed, pv.code))
    assert checked > 100 and (True, "") in verdicts and len(verdicts) >= 3
