"""The rule set is data: `scenarios/rules/standard.yaml` compiled to tables, and a scenario's
`rule_overrides` changing any number without Python changes. Bad rule data is reported
with its position, in the scenario file when the override is at fault.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import yaml

import engine
from builders import World, attack, events_of, hx, reach_ids
from engine.scenario import load_rules

STANDARD = Path(engine.scenario.load.RULES_DIR) / "standard.yaml"


def corridor(terrain: str = ".....") -> World:
    return World(columns=len(terrain), rows=1, terrain=[terrain]).ignore_supply()


# -- the standard rule set, compiled -----------------------------------------------------------
def test_the_standard_rule_set_compiles_to_the_numbers_in_its_file():
    text = yaml.safe_load(STANDARD.read_text())
    rules = load_rules("standard")
    assert rules.classes == text["movement_classes"] == ["foot", "motorised", "tracked"]
    for t, name in enumerate(rules.terrain_names):
        spec = text["terrain"][name]
        for c, cls in enumerate(rules.classes):
            expected = np.inf if spec.get("impassable") else spec["move"][cls]
            assert rules.move_cost[c, t] == expected, (name, cls)
        assert rules.defence_shift[t] == spec.get("defence_shift", 0)
        assert rules.blocks_zoc[t] == spec.get("blocks_zoc", False)
    for c, cls in enumerate(rules.classes):
        assert rules.road_move[c] == text["hexsides"]["road"]["move"][cls]
        assert rules.river_add[1, c] == text["hexsides"]["river_major"]["move_add"][cls]
    assert rules.odds == (1 / 3, 1 / 2, 1, 2, 3, 4, 5, 6)
    for name, ut in rules.unit_types.items():
        assert len(ut.attack) == len(ut.defence) == ut.steps, name


def test_every_result_in_the_standard_table_is_defined():
    combat = load_rules("standard").combat
    assert all(code in combat.results for row in combat.table.values() for code in row)
    assert sorted(combat.table) == list(range(1, combat.die + 1))


def test_an_unknown_rule_set_suggests_the_closest_name(tmp_path):
    path = World().set(rules="standrad").write(tmp_path)
    problems = engine.validate(path)
    assert len(problems) == 1 and "unknown rule set 'standrad'; did you mean 'standard'?" in problems[0].message


# -- overrides change the game without code changes ----------------------------------------------
def test_a_terrain_cost_override_changes_movement():
    game = corridor().rules(terrain={"clear": {"move": {"foot": 2}}}).unit("a1", "allies", "0000").game()
    assert reach_ids(game, "a1") == {"0100": 2, "0200": 4}


def test_a_unit_type_override_changes_its_movement_allowance():
    game = corridor("........").rules(unit_types={"infantry": {"movement": 6}}).unit("a1", "allies", "0000").game()
    assert max(reach_ids(game, "a1").values()) == 6


def test_a_road_cost_override_changes_road_movement():
    game = (corridor().rules(hexsides={"road": {"move": {"foot": 0.5}}}).road("0000", "0100", "0200")
            .unit("a1", "allies", "0000")).game()
    assert reach_ids(game, "a1")["0200"] == 1


def test_a_new_weather_type_defined_in_overrides_is_used():
    game = (corridor().rules(weather={"mud": {"move_add": {"foot": 1}, "air_multiplier": 0}})
            .set(weather={"schedule": {1: "mud"}}, air_points={"allies": 3})
            .unit("a1", "allies", "0000")).game()
    assert game.state.weather == "mud"
    assert reach_ids(game, "a1") == {"0100": 2, "0200": 4}
    assert game.state.air_left[0] == 0


def test_the_out_of_supply_movement_multiplier_comes_from_the_rules():
    game = (World(columns=6, rows=1).rules(supply={"out_of_supply_movement": 0.25})
            .unit("a1", "allies", "0000")).game()
    assert game.supply_status("a1") == "isolated"
    assert reach_ids(game, "a1") == {"0100": 1}


def test_combat_modifiers_come_from_the_rules():
    game = (corridor().place("Fort", "0200", fort=1)
            .rules(combat={"armour_open_shift": 3, "fortification_shift_per_level": -2},
                   hexsides={"river_minor": {"attack_shift": -3}})
            .river("0100-0200").unit("tank", "allies", "0100", "armour").unit("x1", "axis", "0200")).game()
    shifts = {s.reason: s.shift for s in game.preview(["tank"], hx(game, "0200")).shifts}
    assert shifts == {"fortifications (level 1)": -2, "attacking across a minor river": -3,
                      "armour attacking in open terrain (clear)": 3}


def test_a_ten_sided_die_table_works():
    table = {r: ["NE", "DE"] for r in range(1, 11)}
    table[10] = ["AE", "AE"]
    crt = {"columns": ["1:2", "2:1"], "die": 10, "table": table}
    game = corridor().rules(combat=crt).unit("a1", "allies", "0100").unit("x1", "axis", "0200").game()
    pv = game.preview(["a1"], hx(game, "0200"))
    assert pv.column_name == "1:2" and len(pv.results) == 10
    assert pv.probabilities == pytest.approx({"NE": 0.9, "AE": 0.1})
    rolls = set()
    for seed in range(40):
        g = engine.Game(game.scenario, seed=seed)
        rolls.add(events_of(attack(g, "a1", "0200"), "combat")[0]["roll"])
    assert rolls <= set(range(1, 11)) and len(rolls) > 6


def test_a_result_with_steps_and_retreats_for_both_sides_is_applied_as_written():
    crt = {"table": {r: ["BOTH"] * 8 for r in range(1, 7)},
           "results": {"BOTH": {"description": "both bleed", "attacker_steps": 1, "defender_steps": 2, "defender_retreat": 1}}}
    game = corridor().rules(combat=crt).unit("a1", "allies", "0100").unit("x1", "axis", "0200").game()
    attack(game, "a1", "0200")
    assert game.state.losses == [1, 2]
    assert game.unit_hex("x1") == hx(game, "0300")


# -- bad rule data is reported with its position -------------------------------------------------
def _problems(world: World, tmp_path) -> list:
    return engine.validate(world.write(tmp_path))


@pytest.mark.parametrize("overrides,message", [
    ({"terrain": {"clear": {"move": {"hover": 1}}}}, "unknown movement class 'hover'"),
    ({"unit_types": {"infantry": {"attack": [1, 2]}}}, "attack lists 2 values but the type has 3 steps"),
    ({"combat": {"columns": ["2:1", "1:1", "3:1", "4:1", "5:1", "6:1", "7:1", "8:1"]}}, "odds columns must go up"),
    ({"combat": {"columns": ["one", "1:1", "2:1", "3:1", "4:1", "5:1", "6:1", "7:1"]}}, "not of the form A:D"),
    ({"combat": {"table": {1: ["ZZ"] * 8}}}, "result 'ZZ' is not defined under combat.results"),
    ({"combat": {"table": {1: ["NE"] * 3}}}, "row 1 has 3 results for 8 columns"),
    ({"combat": {"die": 4}}, "the table needs one row for each roll 1..4"),
    ({"stacking": {"max_units": 0}}, "max_units"),
    ({"combat": {"failed_retreat": "shrug"}}, "failed_retreat"),
    ({"supply": {"out_of_supply_attack": 2}}, "out_of_supply_attack"),
])
def test_bad_rule_overrides_are_reported_in_the_scenario_file(tmp_path, overrides, message):
    world = World().rules(**overrides)
    path = world.write(tmp_path)
    problems = engine.validate(path)
    assert problems, "expected a problem"
    assert any(message in p.message for p in problems), [str(p) for p in problems]
    assert all(p.file == str(path) for p in problems), [str(p) for p in problems]
    lines = path.read_text().splitlines()
    start = next(i for i, text in enumerate(lines, 1) if text.startswith("rule_overrides:"))
    assert all(p.line >= start for p in problems), [str(p) for p in problems]
