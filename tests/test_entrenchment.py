"""Entrenchment: infantry that does not move digs in one level a turn up to the rule set's limit,
and a dug-in defender shifts the column, together with the hex's fortifications up to a cap.

Numbers come from `scenarios/rules/standard.yaml`: `entrenchment: {max_level: 2,
shift_per_level: -1, max_total_fort: 3, dig_when_isolated: false}`; infantry, static_infantry,
airborne, mountain and infantry_brigade entrench; fortification -1 per level.
"""
from __future__ import annotations

import pytest

import engine
from builders import World, attack, end_turn, events_of, hx, move, where
from engine import entrenchment
from engine.state import Supply


def shifts_of(pv) -> dict[str, int]:
    return {s.reason: s.shift for s in pv.shifts}


def levels(game: engine.Game, unit_id: str) -> tuple[int, str | None]:
    """(level that counts now, hex it was dug in)."""
    st, u = game.state, game.unit_index(unit_id)
    h = int(st.unit_dug_hex[u])
    return entrenchment.level(st, u), (game.scenario.map.hex_id(h) if h >= 0 else None)


def quiet() -> World:
    """Far apart, nobody in anybody's zone of control, both sides in supply."""
    return (World(columns=10, rows=3, turns=10).source("allies", "0000").source("axis", "0900")
            .unit("a1", "allies", "0001").unit("tank", "allies", "0101", "armour")
            .unit("x1", "axis", "0901"))


def dug_events(events: list) -> list[tuple[str, int]]:
    return [(e["unit"], e["level"]) for e in events_of(events, "dug_in")]


# -- digging ------------------------------------------------------------------------------
def test_infantry_that_stays_put_digs_in_one_level_a_turn_up_to_the_limit():
    game = quiet().game()
    assert levels(game, "a1") == (0, "0001")           # its first dig check: where it stands
    seen = []
    for turn in (2, 3, 4, 5):
        n = len(game.events)
        end_turn(game)
        assert game.turn == turn
        seen.append((levels(game, "a1")[0], [e for e in dug_events(game.events[n:]) if e[0] == "a1"]))
    assert seen == [(1, [("a1", 1)]), (2, [("a1", 2)]), (2, []), (2, [])]
    # the axis digs at the start of its own turn, one turn behind the allies here
    assert levels(game, "x1") == (2, "0901")


def test_a_unit_that_moves_starts_over_where_it_ends_up():
    game = quiet().game()
    end_turn(game)
    end_turn(game)
    assert levels(game, "a1") == (2, "0001")
    move(game, "a1", "0002")
    assert levels(game, "a1") == (0, None)             # the holes stay behind at once
    n = len(game.events)
    end_turn(game)
    assert levels(game, "a1") == (0, "0002")
    assert dug_events(game.events[n:]) == [("x1", 2)]     # the axis digs on; a1 only starts over
    end_turn(game)
    assert levels(game, "a1") == (1, "0002")


def test_only_unit_types_that_entrench_dig():
    game = quiet().game()
    for _ in range(3):
        end_turn(game)
    assert levels(game, "tank")[0] == 0
    types = game.scenario.rules.unit_types
    assert {name for name, t in types.items() if t.entrenches} == {
        "infantry", "static_infantry", "airborne", "mountain", "infantry_brigade"}


def test_a_rule_set_may_turn_entrenchment_off():
    game = quiet().rules(entrenchment={"max_level": 0}).game()
    for _ in range(3):
        end_turn(game)
    assert levels(game, "a1")[0] == 0
    assert not events_of(game.events, "dug_in")


def test_the_limit_comes_from_the_rule_set():
    game = quiet().rules(entrenchment={"max_level": 3}).game()
    for _ in range(5):
        end_turn(game)
    assert levels(game, "a1")[0] == 3


def test_isolated_units_keep_their_level_but_dig_no_deeper_and_out_of_supply_units_dig():
    game = quiet().game()
    st, u = game.state, game.unit_index("a1")
    st.side = game.scenario.side_index("allies")
    st.unit_dug[u], st.unit_dug_hex[u] = 1, st.unit_hex[u]
    st.unit_supply[u] = Supply.ISOLATED
    assert entrenchment.dig(st, game._event) == [] and levels(game, "a1")[0] == 1
    st.unit_supply[u] = Supply.OUT_OF_SUPPLY
    assert [(e["unit"], e["level"]) for e in entrenchment.dig(st, game._event)] == [("a1", 2)]
    # a rule set may let isolated units dig too
    game = quiet().rules(entrenchment={"dig_when_isolated": True}).game()
    st, u = game.state, game.unit_index("a1")
    st.side = game.scenario.side_index("allies")
    st.unit_supply[u] = Supply.ISOLATED
    entrenchment.dig(st, game._event)
    assert levels(game, "a1")[0] == 1


def test_an_isolated_unit_never_digs_in_a_real_game():
    # the axis unit's only source is behind the allied line: isolated from its first turn
    world = (World(columns=7, rows=1, turns=8).source("allies", "0000").source("axis", "0000")
             .rules(supply={"isolated_attrition_steps": 0})
             .unit("a1", "allies", "0100").unit("x1", "axis", "0300"))
    game = world.game()
    for _ in range(4):
        end_turn(game)
    assert game.supply_status("x1") == "isolated"
    assert levels(game, "x1") == (0, "0300")
    assert levels(game, "a1")[0] == 2


def test_a_reinforcement_starts_at_level_zero_where_it_arrives():
    game = quiet().reinforcement(2, "0002", ("a2", "allies")).game()
    end_turn(game)
    assert levels(game, "a2") == (0, "0002")
    end_turn(game)
    assert levels(game, "a2") == (1, "0002")


# -- combat -------------------------------------------------------------------------------
def front(**place) -> World:
    """a1 at 0100 attacks x1 (and x2) at 0200; a place in 0200 if given."""
    world = (World(columns=6, rows=1, turns=10).ignore_supply()
             .unit("a1", "allies", "0100", attack=[35], defence=[1])
             .unit("x1", "axis", "0200", attack=[1], defence=[7])
             .unit("x2", "axis", "0200", attack=[1], defence=[1]))
    if place:
        world.place("Strongpoint", "0200", **place)
    return world


def dig(game: engine.Game, unit_id: str, level: int, hex_id: str | None = None) -> None:
    st, u = game.state, game.unit_index(unit_id)
    st.unit_dug[u] = level
    st.unit_dug_hex[u] = game.scenario.map.parse(hex_id) if hex_id else st.unit_hex[u]


def test_a_dug_in_defender_shifts_the_column_with_its_reason():
    game = front().game()
    dig(game, "x1", 2)
    pv = game.preview(["a1"], hx(game, "0200"))
    assert shifts_of(pv) == {"dug in (level 2)": -2}
    assert pv.total_shift == -2


def test_the_best_dug_defender_in_the_hex_counts():
    game = front().game()
    dig(game, "x1", 1)
    dig(game, "x2", 2)
    assert shifts_of(game.preview(["a1"], hx(game, "0200"))) == {"dug in (level 2)": -2}


def test_a_level_counts_only_in_the_hex_it_was_dug_in():
    game = front().game()
    dig(game, "x1", 2, hex_id="0300")
    assert shifts_of(game.preview(["a1"], hx(game, "0200"))) == {}


def test_a_defender_that_retreats_loses_its_level_at_once():
    game = front().rules(combat={"table": {r: ["DR1"] * 8 for r in range(1, 7)}}).game()
    dig(game, "x1", 2)
    dig(game, "x2", 2)
    attack(game, "a1", "0200")
    assert where(game, "x1") == "0300"
    assert levels(game, "x1") == (0, None)


def test_entrenchment_reached_by_playing_turns_shows_in_the_preview():
    game = (World(columns=6, rows=1, turns=10).ignore_supply().source("axis", "0500")
            .unit("a1", "allies", "0000", attack=[35], defence=[1])
            .unit("x1", "axis", "0300", attack=[1], defence=[7])).game()
    for _ in range(3):
        end_turn(game)                                  # axis turns 2 and 3: levels 1 and 2
    move(game, "a1", "0200")
    assert shifts_of(game.preview(["a1"], hx(game, "0300"))) == {"dug in (level 2)": -2}


@pytest.mark.parametrize("fort,expected", [
    (1, {"fortifications (level 1)": -1, "dug in (level 2)": -2}),
    (2, {"fortifications (level 2)": -2, "dug in (level 2; 1 counts: fortifications and entrenchment at most 3 levels)": -1}),
    (3, {"fortifications (level 3)": -3}),
    (4, {"fortifications (level 4)": -4}),
])
def test_fortifications_and_entrenchment_count_together_up_to_the_cap(fort, expected):
    game = front(fort=fort).game()
    dig(game, "x1", 2)
    assert shifts_of(game.preview(["a1"], hx(game, "0200"))) == expected


def test_fortifications_alone_keep_their_shift():
    game = front(fort=2).game()
    assert shifts_of(game.preview(["a1"], hx(game, "0200"))) == {"fortifications (level 2)": -2}


def test_the_cap_and_the_shift_per_level_come_from_the_rule_set():
    game = front(fort=2).rules(entrenchment={"max_total_fort": None, "shift_per_level": -2}).game()
    dig(game, "x1", 2)
    assert shifts_of(game.preview(["a1"], hx(game, "0200"))) == {"fortifications (level 2)": -2, "dug in (level 2)": -4}


def test_the_preview_and_the_attack_agree_on_the_entrenchment_shift():
    game = front().game()
    dig(game, "x1", 2)
    pv = game.preview(["a1"], hx(game, "0200"))
    combat = events_of(attack(game, "a1", "0200"), "combat")[0]
    assert ["dug in (level 2)", -2] in combat["shifts"]
    assert combat["column"] == pv.column_name


# -- rule set keys -------------------------------------------------------------------------
@pytest.mark.parametrize("overrides,part", [
    ({"entrenchment": {"max_levels": 2}}, "max_levels"),
    ({"entrenchment": {"max_level": -1}}, "max_level"),
    ({"entrenchment": {"dig_when_isolated": "yes"}}, "dig_when_isolated"),
    ({"unit_types": {"infantry": {"entrenches": "yes"}}}, "entrenches"),
])
def test_bad_entrenchment_keys_are_reported_at_their_position(overrides, part):
    path = quiet().rules(**overrides).write()
    problems = engine.validate(path)
    assert problems, overrides
    p = problems[0]
    assert p.file == str(path) and p.line > 1 and p.col >= 1
    assert part in p.message
    assert f"{path}:{p.line}:{p.col}: error:" in str(p)


def test_a_unit_that_moves_out_and_back_loses_its_level():
    game = quiet().game()
    end_turn(game)
    end_turn(game)
    assert levels(game, "a1") == (2, "0001")
    move(game, "a1", "0002")
    move(game, "a1", "0001")
    assert levels(game, "a1") == (0, None)
    end_turn(game)
    assert levels(game, "a1") == (0, "0001")           # it starts over at its next dig check
