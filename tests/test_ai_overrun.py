"""The heuristic (and so the planner) overruns in the movement phase where the rules allow it."""
from __future__ import annotations

from builders import World, status, where

from engine import ai

DE = {"table": {r: ["DE"] * 8 for r in range(1, 7)}}


def world(enabled: bool = True) -> World:
    rule = {"enabled": enabled, "min_column": "6:1", "mp_cost": 2}
    return (World(columns=12, rows=1, terrain=["............"]).ignore_supply()
            .phases("movement", "combat", "exploitation", overrun=rule).rules(combat=DE)
            .unit("t1", "allies", "0000", "armour").unit("t2", "allies", "0000", "armour")
            .unit("x1", "axis", "0400", "infantry", steps=1).unit("x9", "axis", "1100")
            .place("Goal", "0900", kind="town", vp=5)
            .victory("allies"))


def column(game, uid: str) -> int:
    return int(where(game, uid)[:2])


def test_an_armoured_stack_overruns_a_weak_unit_in_its_way_and_drives_on():
    game = world().game()
    ai.play_phase(game, ai.make("heuristic", side="allies", level="hard"))
    assert game.phase == "combat"
    assert status(game, "x1") == "eliminated"
    overruns = [e for e in game.events if e.kind == "combat"]
    assert len(overruns) == 1 and set(overruns[0]["attackers"]) == {"t1", "t2"}
    # 3 MP to the hex next to x1, 2 for the overrun: the stack moved on past x1's hex
    assert max(column(game, "t1"), column(game, "t2")) > 4


def test_without_the_rule_the_weak_unit_stops_the_stack_until_the_combat_phase():
    game = world(enabled=False).game()
    ai.play_phase(game, ai.make("heuristic", side="allies", level="hard"))
    assert status(game, "x1") == "active"
    assert max(column(game, "t1"), column(game, "t2")) <= 3
