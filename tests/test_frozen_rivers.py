"""Frozen rivers: a scenario river with `frozen_from: DATE` stops counting as a river from the
turn containing that date, one with `frozen_in: [weather ...]` while the weather is one of
those: no movement cost, no supply cost, no attack shift, and a frozen major river no longer
stops zones of control.

Numbers from `scenarios/rules/standard.yaml`: clear 1 MP and 1 SP; major river +2 MP foot,
+2 SP, -2 columns; minor river +1 MP, +1 SP, -1 column; ZOC does not cross a major river.
Test worlds start on 1944-06-06 with one day a turn, so 1944-06-08 is turn 3.
"""
from __future__ import annotations

import textwrap

import numpy as np
import pytest

import engine
from builders import World, attack, end_turn, hx, reach_ids
from engine import movement, rivers, supply


def corridor(*river_entries: dict, turns: int = 6, **kw) -> World:
    """A one-row map 0000..0400; a1 (infantry, 4 MP) at 0100, x1 at 0300 when asked."""
    world = World(columns=5, rows=1, turns=turns, **kw).ignore_supply().unit("a1", "allies", "0100")
    world.data["map"]["rivers"].extend(river_entries)
    return world


def don(**freeze) -> dict:
    return {"name": "Don", "kind": "major", "sides": ["0100-0200"], **freeze}


def cost_to_cross(game: engine.Game) -> float:
    return reach_ids(game, "a1")["0200"]


def crossing_costs(game: engine.Game, turns: int) -> list[float]:
    out = []
    for _ in range(turns):
        out.append(cost_to_cross(game))
        end_turn(game)
    return out


# -- movement -----------------------------------------------------------------------------
def test_a_river_frozen_from_a_date_costs_nothing_to_cross_from_the_turn_of_that_date_on():
    game = corridor(don(frozen_from="1944-06-08")).game()
    assert crossing_costs(game, 4) == [3, 3, 1, 1]


def test_a_river_frozen_in_a_weather_is_frozen_only_while_that_weather_lasts():
    world = corridor(don(frozen_in=["overcast"])).set(weather={"schedule": {2: "overcast", 4: "overcast"}, "default": "clear"})
    game = world.game()
    assert crossing_costs(game, 5) == [3, 1, 3, 1, 3]


def test_a_river_may_freeze_by_date_and_by_weather():
    world = corridor(don(frozen_from="1944-06-09", frozen_in=["overcast"])).set(weather={"schedule": {2: "overcast"}, "default": "clear"})
    assert crossing_costs(world.game(), 5) == [3, 1, 3, 1, 1]


def test_a_river_without_freezing_keys_never_freezes():
    world = corridor(don()).set(weather={"schedule": {2: "overcast"}, "default": "clear"})
    assert crossing_costs(world.game(), 3) == [3, 3, 3]


def test_a_hexside_shared_with_a_river_that_does_not_freeze_stays_a_river():
    minor = {"name": "Brook", "kind": "minor", "sides": ["0100-0200"]}
    game = corridor(don(frozen_from="1944-06-07"), minor).game()
    assert crossing_costs(game, 2) == [4, 2]           # major + minor, then the minor alone


def test_step_costs_are_cached_per_frozen_state_not_per_turn():
    game = corridor(don(frozen_from="1944-06-08")).game()
    sc = game.scenario
    c = sc.units[game.unit_index("a1")].move_class
    t1, t2 = movement.step_costs(sc, c, "clear", 1), movement.step_costs(sc, c, "clear", 2)
    t3, t6 = movement.step_costs(sc, c, "clear", 3), movement.step_costs(sc, c, "clear", 6)
    assert t1 is t2 and t3 is t6 and t1 is not t3
    assert movement.step_costs(sc, c, "clear", 3) is t3


def test_the_effective_masks_drop_the_frozen_rivers_bits():
    game = corridor(don(frozen_from="1944-06-08"), {"name": "Brook", "kind": "minor", "sides": ["0200-0300"]}).game()
    sc = game.scenario
    m = sc.map
    minor, major = rivers.masks(sc, 1, "clear")
    assert minor is m.river_minor and major is m.river_major          # nothing frozen: the map's own layers
    minor, major = rivers.masks(sc, 3, "clear")
    assert not major.any() and np.array_equal(minor, m.river_minor)
    assert rivers.masks(sc, 4, "clear")[1] is major                   # cached
    assert rivers.frozen_names(sc, 3, "clear") == ["Don"] and rivers.frozen_names(sc, 2, "clear") == []


# -- supply ---------------------------------------------------------------------------------
def test_a_frozen_river_adds_nothing_to_the_supply_cost():
    game = corridor(don(frozen_from="1944-06-08")).game()
    m = game.scenario.map
    a, b = m.parse("0100"), m.parse("0200")
    d = int(np.flatnonzero(m.neighbors[a] == b)[0])
    seen = []
    for _ in range(3):
        seen.append(int(supply.supply_costs(game.state, 0)[a, d]))
        end_turn(game)
    assert seen == [12, 12, 4]                          # quarter points: 1 + 2, then 1


def test_supply_reaches_further_over_a_frozen_river():
    world = (World(columns=5, rows=1, turns=6).source("allies", "0000", range=3)
             .unit("a1", "allies", "0300").unit("x1", "axis", "0400"))
    world.data["map"]["rivers"].append({"name": "Don", "kind": "major", "sides": ["0100-0200"], "frozen_from": "1944-06-08"})
    game = world.game()
    assert game.supply_status("a1") == "out_of_supply"  # 1 + (1 + 2) + 1 = 5 > 3
    end_turn(game)
    end_turn(game)
    assert game.supply_status("a1") == "supplied"       # 1 + 1 + 1 = 3


# -- combat and zones of control ---------------------------------------------------------------
@pytest.mark.parametrize("kind,shift", [("major", -2), ("minor", -1)])
def test_no_attack_shift_across_a_frozen_river(kind, shift):
    world = corridor({"name": "Don", "kind": kind, "sides": ["0100-0200"], "frozen_from": "1944-06-07"}).unit("x1", "axis", "0200")
    game = world.game()
    pv = game.preview(["a1"], hx(game, "0200"))
    assert {s.reason: s.shift for s in pv.shifts} == {f"attacking across a {kind} river": shift}
    end_turn(game)
    pv = game.preview(["a1"], hx(game, "0200"))
    assert pv.shifts == ()
    assert "attacking across" not in str(attack(game, "a1", "0200"))


def test_a_frozen_major_river_no_longer_stops_zones_of_control():
    # x1 across the Don from 0100; the standard rule set: no ZOC across a major river
    game = (corridor(don(frozen_from="1944-06-08"))).unit("x1", "axis", "0200").game()
    m = game.scenario.map
    zoc = []
    for _ in range(3):           # nobody moves: the cached layer must still follow the ice
        zoc.append(bool(movement.zoc_layer(game.state, 0)[m.parse("0100")]))
        end_turn(game)
    assert zoc == [False, False, True]


# -- validation ------------------------------------------------------------------------------
SCENARIO = textwrap.dedent("""\
    format: 1
    title: Frozen rivers
    start_date: 1942-11-19
    turns: 10
    days_per_turn: 3
    hex_km: 9
    sides:
      - {id: soviet, name: Soviet Union}
      - {id: axis, name: Axis}
    map:
      columns: 4
      rows: 1
      legend: {".": clear}
      terrain: |
        ....
      rivers:
        - {name: Don, kind: major, sides: ["0100-0200"], frozen_from: 1942-12-16, frozen_in: [snow]}
    units:
      - {id: s1, name: S1, side: soviet, nation: ussr, type: infantry, hex: "0000"}
      - {id: a1, name: A1, side: axis, nation: germany, type: infantry, hex: "0300"}
    """)
RIVER_LINE = 17


def _problems(tmp_path, old: str, new: str) -> tuple[list, str]:
    text = SCENARIO.replace(old, new)
    path = tmp_path / "frozen.yaml"
    path.write_text(text)
    return engine.validate(path), text


def test_the_freezing_keys_load(tmp_path):
    problems, _ = _problems(tmp_path, "", "")
    assert problems == []
    sc = engine.load_scenario(tmp_path / "frozen.yaml")
    (rule,) = sc.map.river_freezes
    assert rule.from_turn == 10 and rule.weathers == frozenset({"snow"}) and rule.names == ("Don",)


@pytest.mark.parametrize("old,new,where,message", [
    ("frozen_in: [snow]", "frozen_in: [snowy]", "snowy", "unknown weather 'snowy'; did you mean 'snow'?"),
    ("frozen_from: 1942-12-16", "frozen_from: 1942-11-01", "1942-11-01", "before the scenario starts (1942-11-19)"),
    ("frozen_from: 1942-12-16", "frozen_from: 1943-02-01", "1943-02-01", "after the last turn ends (1942-12-18)"),
])
def test_a_bad_weather_name_or_a_date_outside_the_game_is_reported_where_it_is(tmp_path, old, new, where, message):
    problems, text = _problems(tmp_path, old, new)
    assert len(problems) == 1, problems
    p = problems[0]
    line = text.splitlines()[RIVER_LINE - 1]
    assert (p.line, p.col) == (RIVER_LINE, line.index(where) + 1)
    assert message in p.message
    assert str(p).startswith(f"{tmp_path / 'frozen.yaml'}:{RIVER_LINE}:{line.index(where) + 1}: error: ")


def test_a_freezing_date_that_is_not_a_date_is_reported(tmp_path):
    problems, _ = _problems(tmp_path, "frozen_from: 1942-12-16", "frozen_from: mid-December")
    assert len(problems) == 1 and problems[0].line == RIVER_LINE and "frozen_from" in problems[0].message


# -- the shipped scenario ------------------------------------------------------------------------
def test_the_don_and_the_volga_freeze_in_stalingrad_from_16_december():
    sc = engine.load_scenario("stalingrad_1942")
    frozen = {r.name: r.frozen_from for r in sc.model.map.rivers if r.frozen_from}
    assert {name: d.isoformat() for name, d in frozen.items()} == {"Don": "1942-12-16", "Volga": "1942-12-16"}
    turn = sc.turn_of_date(frozen["Don"])
    assert sc.date_of_turn(turn).isoformat() == "1942-12-16"
    assert rivers.frozen_names(sc, turn - 1, "clear") == []
    assert sorted(rivers.frozen_names(sc, turn, "clear")) == ["Don", "Volga"]
    minor, major = rivers.masks(sc, turn, "clear")
    assert not major.any()                              # the only major rivers are the Don and the Volga
    assert np.array_equal(minor, sc.map.river_minor)    # the Chir, Aksay, Myshkova ... still flow
