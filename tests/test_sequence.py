"""The sequence of play: movement, combat and exploitation phases declared in the rule set."""
from __future__ import annotations

import pytest
from builders import World, assert_refused, attack, hx, move, reach_ids, status, where

import engine
from engine.orders import Advance, Attack, EndPhase, Move

CLASSIC = ("movement", "combat", "exploitation")
DE = {"table": {r: ["DE"] * 8 for r in range(1, 7)}}


def corridor(terrain: str, **kw) -> World:
    return World(columns=len(terrain), rows=1, terrain=[terrain], **kw).ignore_supply()


def classic(terrain: str = "........", **sequence) -> World:
    return corridor(terrain).phases(*CLASSIC, **sequence)


def test_the_standard_rule_set_declares_movement_combat_and_exploitation():
    rules = engine.load_scenario("tutorial_river").rules.model
    assert rules.sequence.phases == list(CLASSIC)
    assert {name for name, t in rules.unit_types.items() if t.exploits} >= {"armour", "mechanised", "motorised", "cavalry"}
    assert not rules.unit_types["infantry"].exploits


def test_each_side_plays_its_phases_in_order_then_the_other_side():
    game = classic().unit("a1", "allies", "0000").unit("x1", "axis", "0700").game()
    seen = []
    for _ in range(7):
        seen.append((game.turn, game.active_side, game.phase))
        game.end_phase()
    assert seen == [(1, "allies", "movement"), (1, "allies", "combat"), (1, "allies", "exploitation"),
                    (1, "axis", "movement"), (1, "axis", "combat"), (1, "axis", "exploitation"), (2, "allies", "movement")]
    assert game.phase_title == "Combat" and game.phases == list(CLASSIC)
    began = [e for e in game.events if e.kind == "phase_began"]
    assert [(e["phase"], e["number"], e["of"]) for e in began[:3]] == [("movement", 1, 3), ("combat", 2, 3), ("exploitation", 3, 3)]


def test_supply_and_reinforcements_come_once_at_the_start_of_a_sides_turn():
    game = classic().unit("a1", "allies", "0000").unit("x1", "axis", "0700").reinforcement(2, "0100", ("a2", "allies")).game()
    while game.turn < 2 or game.active_side != "allies" or game.phase != "exploitation":
        game.end_phase()
    turn2 = [e.kind for e in game.events if e.turn == 2 and e.side == "allies"]
    assert turn2.count("side_began") == 1 and turn2.count("reinforcement_arrived") == 1 and turn2.count("phase_began") == 3


def test_units_do_not_move_in_the_combat_phase():
    game = classic().unit("a1", "allies", "0000").unit("x1", "axis", "0700").game()
    game.end_phase()
    assert game.reachable("a1") == {}
    assert "combat phase" in game.why_cannot_move("a1")
    assert_refused(game, Move("a1", hx(game, "0100")), "move/wrong_phase", "combat phase")


def test_attacks_wait_for_the_combat_phase():
    game = classic().unit("a1", "allies", "0300").unit("x1", "axis", "0400").game()
    assert_refused(game, Attack(("a1",), hx(game, "0400")), "attack/wrong_phase", "combat phase")
    game.end_phase()
    assert game.phase == "combat"
    attack(game, "a1", "0400")


def test_infantry_cannot_drive_through_the_gap_an_attack_opened():
    # the attack destroys x1; the infantry has its full MP unspent but the combat phase allows no move,
    # and in the exploitation phase only the armour goes through
    world = classic("..........").rules(combat=DE).unit("inf", "allies", "0300").unit("tank", "allies", "0200", "armour") \
        .unit("x1", "axis", "0400").unit("x9", "axis", "0900")
    game = world.game()
    game.end_phase()
    attack(game, "inf", "0400")
    assert status(game, "x1") == "eliminated"
    assert_refused(game, Move("inf", hx(game, "0600")), "move/wrong_phase")
    game.end_phase()
    assert game.phase == "exploitation"
    assert_refused(game, Move("inf", hx(game, "0500")), "move/not_exploiting", "infantry")
    # armour has half its 8 MP in the exploitation phase
    assert max(reach_ids(game, "tank").values()) == 4 and "0600" in reach_ids(game, "tank") and "0700" not in reach_ids(game, "tank")
    move(game, "tank", "0600")
    assert where(game, "tank") == "0600"


def test_the_exploitation_share_of_movement_is_rule_set_data():
    game = classic(exploitation={"movement": 0.25}).unit("tank", "allies", "0000", "armour").unit("x1", "axis", "0700").game()
    game.end_phase()
    game.end_phase()
    assert max(reach_ids(game, "tank").values()) == 2


def test_exploiting_units_attack_again_only_where_the_rule_set_allows_it():
    world = classic("..........").rules(combat=DE).unit("inf", "allies", "0300").unit("tank", "allies", "0500", "armour") \
        .unit("x1", "axis", "0400").unit("x2", "axis", "0600")
    game = world.game()
    game.end_phase()
    game.end_phase()
    assert_refused(game, Attack(("tank",), hx(game, "0600")), "attack/wrong_phase", "exploitation")
    game = world.phases(*CLASSIC, exploitation={"attacks": True}).game()
    game.end_phase()
    game.end_phase()
    assert_refused(game, Attack(("inf",), hx(game, "0400")), "attack/not_exploiting", "infantry")


def test_exploitation_attacks_by_armour_resolve():
    world = classic("..........").rules(combat=DE).unit("tank", "allies", "0300", "armour").unit("x1", "axis", "0400")
    game = world.phases(*CLASSIC, exploitation={"attacks": True}).game()
    game.end_phase()
    game.end_phase()
    attack(game, "tank", "0400")
    assert status(game, "x1") == "eliminated"


def test_legal_orders_follow_the_phase():
    world = classic().unit("inf", "allies", "0200").unit("tank", "allies", "0000", "armour").unit("x1", "axis", "0300")
    game = world.game()
    kinds = {type(o) for o in game.legal_orders("allies")}
    assert kinds == {Move, EndPhase}
    game.end_phase()
    orders = game.legal_orders("allies")
    assert {type(o) for o in orders} == {Attack, EndPhase}
    game.end_phase()
    movers = {o.unit for o in game.legal_orders("allies") if isinstance(o, Move)}
    assert movers == {"tank"}
    assert not any(isinstance(o, Attack) for o in game.legal_orders("allies"))


def test_a_unit_may_attack_in_the_combat_phase_after_moving_in_the_movement_phase():
    game = classic().rules(combat=DE).unit("a1", "allies", "0000").unit("x1", "axis", "0400").unit("x9", "axis", "0700").game()
    move(game, "a1", "0300")
    game.end_phase()
    attack(game, "a1", "0400")
    assert [o for o in game.legal_orders("allies") if isinstance(o, Advance)] == [Advance("a1")]


# -- overrun -----------------------------------------------------------------------------
def overrun_world(**overrun) -> World:
    rule = {"enabled": True, "min_column": "6:1", "mp_cost": 2, **overrun}
    return (classic("..........").phases(*CLASSIC, overrun=rule).rules(combat=DE)
            .unit("t1", "allies", "0000", "armour").unit("t2", "allies", "0000", "armour")
            .unit("x1", "axis", "0400", "infantry", steps=1).unit("x9", "axis", "0900"))


def test_an_armoured_stack_overruns_a_weak_unit_in_the_movement_phase_and_moves_on():
    game = overrun_world().game()
    move(game, "t1", "0300")
    move(game, "t2", "0300")
    assert game.reachable("t1") == {}             # stopped in x1's zone of control
    events = attack(game, ["t1", "t2"], "0400")
    assert status(game, "x1") == "eliminated" and any(e.kind == "combat" for e in events)
    # 3 MP to get there, 2 for the overrun: 3 of 8 left, and the zone of control is gone
    assert max(reach_ids(game, "t1").values()) == 3
    move(game, "t1", "0600")
    assert where(game, "t1") == "0600"


def test_overrun_refusals_say_why():
    game = overrun_world().unit("inf", "allies", "0300").unit("t3", "allies", "0500", "armour").game()
    assert_refused(game, Attack(("inf",), hx(game, "0400")), "attack/wrong_phase", "overrun")
    assert_refused(game, Attack(("t3", "inf"), hx(game, "0400")), "attack/wrong_phase", "overrun")
    move(game, "t1", "0300")
    assert_refused(game, Attack(("t1", "t3"), hx(game, "0400")), "attack/overrun_stack", "one stack")
    game = overrun_world(min_column="6:1").unit("x2", "axis", "0400", "infantry").game()
    move(game, "t1", "0300")
    assert_refused(game, Attack(("t1",), hx(game, "0400")), "attack/overrun_odds", "6:1")
    game = overrun_world(mp_cost=6).game()
    move(game, "t1", "0300")
    assert_refused(game, Attack(("t1",), hx(game, "0400")), "attack/overrun_mp", "6 MP")


def test_without_the_overrun_rule_nothing_attacks_in_the_movement_phase():
    game = overrun_world(enabled=False).game()
    move(game, "t1", "0300")
    assert_refused(game, Attack(("t1",), hx(game, "0400")), "attack/wrong_phase")
    assert not any(isinstance(o, Attack) for o in game.legal_orders("allies"))


def test_overrun_stacks_are_offered_in_legal_orders():
    game = overrun_world().game()
    move(game, "t1", "0300")
    move(game, "t2", "0300")
    attacks = [o for o in game.legal_orders("allies") if isinstance(o, Attack)]
    assert attacks == [Attack(("t1", "t2"), hx(game, "0400"))]


# -- the free sequence, saves, bad data ------------------------------------------------------
def test_a_free_sequence_mixes_moves_and_attacks_in_one_phase():
    game = corridor("......").rules(combat=DE).unit("a1", "allies", "0000").unit("x1", "axis", "0400").game()
    assert game.phases == ["free"]
    move(game, "a1", "0300")
    attack(game, "a1", "0400")
    assert status(game, "x1") == "eliminated"


def test_a_save_in_the_middle_of_a_turn_restores_the_phase(tmp_path):
    game = classic().unit("a1", "allies", "0000").unit("x1", "axis", "0700").game()
    move(game, "a1", "0200")
    game.end_phase()
    path = tmp_path / "save.json"
    game.save(path)
    back = engine.Game.load(path)
    assert (back.phase, back.active_side, back.state_hash()) == ("combat", "allies", game.state_hash())


def test_the_second_side_defends_with_its_air_points_on_the_first_turn():
    world = classic().rules(combat=DE).unit("a1", "allies", "0300").unit("x1", "axis", "0400").set(air_points={"axis": 2})
    game = world.game()
    game.end_phase()
    pv = game.preview(["a1"], hx(game, "0400"))
    assert pv.defence_air == 2 and any("air" in s.reason for s in pv.shifts)


@pytest.mark.parametrize("override,where_,message", [
    ({"sequence": {"phases": ["movement", "fight"]}}, "fight", "unknown phase 'fight'"),
    ({"sequence": {"phases": ["movement", "combat", "exploitaton"]}}, "exploitaton", "did you mean 'exploitation'"),
    ({"sequence": {"overrun": {"enabled": True, "min_column": "9:1"}}}, "9:1", "not a column"),
    ({"unit_types": {"armour": {"exploits": "fast"}}}, "fast", "exploits"),
])
def test_bad_sequence_data_is_a_positioned_error(tmp_path, override, where_, message):
    world = classic().unit("a1", "allies", "0000").unit("x1", "axis", "0700").rules(**override)
    path = world.write(tmp_path)
    problems = engine.validate(path)
    assert problems, "expected a problem"
    text = path.read_text().splitlines()
    p = problems[0]
    assert where_ in text[p.line - 1] and message in p.message


# -- advance after combat ---------------------------------------------------------------------
def advance_world(rule: str) -> World:
    return (corridor("........").rules(combat={**DE, "advance": rule}, stacking={"max_units": 2})
            .unit("a1", "allies", "0100").unit("a2", "allies", "0100").unit("a3", "allies", "0300")
            .unit("x1", "axis", "0200").unit("x9", "axis", "0700"))


def test_all_surviving_attackers_may_advance_up_to_the_stacking_limit():
    game = advance_world("all").game()
    attack(game, ["a1", "a2", "a3"], "0200")
    game.apply(Advance("a1"))
    assert {o.unit for o in game.legal_orders("allies") if isinstance(o, Advance)} == {"a2", "a3"}
    game.apply(Advance("a3"))
    assert where(game, "a1") == where(game, "a3") == "0200"
    assert game.state.advance is None                    # two units: the stack is full
    assert_refused(game, Advance("a2"), "advance/none")


def test_with_the_one_rule_only_one_attacker_advances():
    game = advance_world("one").game()
    attack(game, ["a1", "a2", "a3"], "0200")
    game.apply(Advance("a2"))
    assert_refused(game, Advance("a1"), "advance/none")


def test_every_problem_of_the_new_rules_is_reported_at_once(tmp_path):
    import yaml

    from engine.scenario.load import resolve

    data = yaml.safe_load(resolve("tutorial_river").read_text())
    data["rule_overrides"] = {"sequence": {"phases": ["movement", "fight"]}, "unit_types": {"armour": {"exploits": "fast"}}}
    data["replacements"] = [{"side": "purple", "points": 1}]
    data["special_rules"].append({"rule": "airlift", "side": "red", "points": 2, "airfields": ["Nowhere"]})
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    problems = engine.validate(path)
    lines = path.read_text().splitlines()
    assert len(problems) == 4
    assert any("unknown phase 'fight'" in p.message and "fight" in lines[p.line - 1] for p in problems)
    assert any("exploits" in p.message and "fast" in lines[p.line - 1] for p in problems)
    assert any("unknown side 'purple'" in p.message and "purple" in lines[p.line - 1] for p in problems)
    assert any("unknown airfield 'Nowhere'" in p.message and "Nowhere" in lines[p.line - 1] for p in problems)


def test_the_preview_says_what_the_phase_allows():
    game = classic().unit("a1", "allies", "0300").unit("x1", "axis", "0400").game()
    pv = game.preview(["a1"], hx(game, "0400"))
    assert not pv.allowed and pv.code == "attack/wrong_phase" and "combat phase" in pv.reason
    game.end_phase()
    assert game.preview(["a1"], hx(game, "0400")).allowed
    game = overrun_world().game()
    move(game, "t1", "0300")
    move(game, "t2", "0300")
    assert game.preview(["t1", "t2"], hx(game, "0400")).allowed        # 20:3, and armour in the open
    game = overrun_world().unit("x2", "axis", "0400").game()
    move(game, "t1", "0300")
    pv = game.preview(["t1"], hx(game, "0400"))
    assert not pv.allowed and pv.code == "attack/overrun_odds"
