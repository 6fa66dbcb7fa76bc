"""Airfields for the airlift, and ports that supply only after capture and clearing.

The airlift (`engine/airlift.py`, called by `engine.supply`): an `airlift` rule with
`airfields` delivers `points x air multiplier x working / listed airfields`, rounded down; an
airfield works while its side controls its hex and it lies in a pocket (its hex or a
neighbour reachable from an isolated unit of the side as supply is traced). Without
`airfields` the airlift is an air-drop. Ports: a source with `capture_delay` supplies from the
turn its side took the hex plus the delay, while the side holds it.

The worlds are one row of clear hexes (`line`); the allied source is at the west end, the axis
units in the east have no source of their own, so they are isolated unless the airlift feeds them.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

import engine
from builders import World, controller, end_turn, move, places
from engine import airlift, supply
from engine.state import Supply

# -- helpers ----------------------------------------------------------------------------------


def line(terrain: str = "..........", **kw) -> World:
    return World(columns=len(terrain), rows=1, terrain=[terrain], **kw)


def pocket(points: float = 4, airfields: list[str] | None = None, allied: list[str] | None = None, **rule) -> World:
    """Allies at 0000-0100 with their source; two axis infantry units (3 steps each) at 0500 and
    0700, isolated; airfields 'West Field' at 0600 and 'East Field' at 0800, inside the pocket.
    `allied`: hexes the allies control at the start (an airfield lost)."""
    w = (line().ignore_supply()
         .place("West Field", "0600", kind="airfield").place("East Field", "0800", kind="airfield")
         .source("allies", "0000")
         .unit("a1", "allies", "0100").unit("x1", "axis", "0500").unit("x2", "axis", "0700"))
    if allied:
        w.set(control={"default": "nearest", "hexes": {"allies": allied}})
    spec = {"rule": "airlift", "side": "axis", "points": points, **rule}
    if airfields is not None:
        spec["airfields"] = airfields
    return w.special(**spec)


def axis_phase(world: World) -> engine.Game:
    """The game at the start of the axis phase of turn 1 (its supply traced with the airlift)."""
    game = world.game()
    game.end_phase()
    assert game.active_side == "axis"
    return game


def fed(game: engine.Game) -> list[str]:
    return sorted(u for u in ("x1", "x2") if game.supply_status(u) == "out_of_supply")


def points(game: engine.Game, side: str = "axis") -> int:
    return airlift.airlift_points(game.state, game.scenario.side_ids.index(side))


# -- the airlift and its airfields ---------------------------------------------------------------
def test_an_airlift_through_its_airfields_keeps_isolated_units_out_of_supply():
    game = axis_phase(pocket(points=6, airfields=["West Field", "East Field"]))
    assert points(game) == 6
    assert fed(game) == ["x1", "x2"]                   # 3 + 3 steps


def test_an_airlift_delivers_nothing_once_every_airfield_is_lost():
    game = axis_phase(pocket(points=6, airfields=["West Field", "East Field"], allied=["0600", "0800"]))
    assert controller(game, "0600") == controller(game, "0800") == "allies"
    assert points(game) == 0
    assert fed(game) == []
    assert game.supply_status("x1") == game.supply_status("x2") == "isolated"


def test_each_airfield_lost_cuts_the_airlift_by_its_share():
    # 6 points over two airfields: 3 each; with East Field lost only one unit of 3 steps is fed
    game = axis_phase(pocket(points=6, airfields=["West Field", "East Field"], allied=["0800"]))
    assert points(game) == 3
    assert fed(game) == ["x1"]


def test_the_share_is_rounded_down_after_adding_up_every_rule():
    # 5 points over two airfields, one lost: 2.5; a second rule of 1.5 points (air-drop): 4
    world = pocket(points=5, airfields=["West Field", "East Field"], allied=["0800"])
    world.special(rule="airlift", side="axis", points=1.5)
    game = axis_phase(world)
    assert points(game) == 4


def test_an_airlift_without_airfields_is_an_air_drop_that_needs_none():
    game = axis_phase(pocket(points=6, allied=["0600", "0800"]))
    assert points(game) == 6
    assert fed(game) == ["x1", "x2"]


def test_the_weather_s_air_multiplier_applies_to_the_airfields_share():
    # rain: air x 0.25; 12 points over two held airfields -> 3
    world = pocket(points=12, airfields=["West Field", "East Field"]).set(weather={"schedule": {1: "rain"}})
    game = axis_phase(world)
    assert game.state.weather == "rain"
    assert points(game) == 3


def test_an_airfield_outside_the_pocket_feeds_no_one():
    # x1 at 0300 is cut off west of the allied unit at 0500; x2 at 0800 is supplied from 0900.
    # East Field (0800) is axis but outside the pocket; West Field (0200) is in it.
    def world(field: str) -> World:
        return (line().ignore_supply().place("West Field", "0200", kind="airfield").place("East Field", "0800", kind="airfield")
                .source("axis", "0900").source("allies", "0500")
                .unit("a1", "allies", "0500").unit("x1", "axis", "0300").unit("x2", "axis", "0800")
                .special(rule="airlift", side="axis", points=3, airfields=[field]))
    east = axis_phase(world("East Field"))
    assert east.supply_status("x2") == "supplied" and controller(east, "0800") == "axis"
    assert points(east) == 0 and east.supply_status("x1") == "isolated"
    west = axis_phase(world("West Field"))
    assert points(west) == 3 and west.supply_status("x1") == "out_of_supply"


def test_an_airfield_works_in_an_enemy_zone_of_control_while_the_side_holds_it():
    # West Field at 0400 is next to the allied unit at 0300 (in its ZOC), empty, still axis
    world = (line().ignore_supply().place("West Field", "0400", kind="airfield")
             .source("allies", "0000").unit("a1", "allies", "0300").unit("x1", "axis", "0500")
             .set(control={"default": "nearest", "hexes": {"axis": ["0400"]}})
             .special(rule="airlift", side="axis", points=3, airfields=["West Field"]))
    game = axis_phase(world)
    assert controller(game, "0400") == "axis"
    assert points(game) == 3 and game.supply_status("x1") == "out_of_supply"


def test_no_isolated_units_no_airfield_works():
    world = pocket(points=6, airfields=["West Field", "East Field"]).source("axis", "0900")
    game = axis_phase(world)
    st = game.state
    assert airlift.working_airfields(st, 1) == set()
    assert points(game) == 0 and fed(game) == []


def test_capturing_an_airfield_during_the_game_cuts_the_airlift_next_turn():
    # allied unit walks onto East Field (0800) from 0900: the next axis phase gets half the points
    world = (line("...........").ignore_supply()
             .place("West Field", "0600", kind="airfield").place("East Field", "0800", kind="airfield")
             .source("allies", "0000").source("allies", "1000")
             .unit("a1", "allies", "0100").unit("a2", "allies", "1000")
             .unit("x1", "axis", "0500").unit("x2", "axis", "0700", steps=1)
             .special(rule="airlift", side="axis", points=6, airfields=["West Field", "East Field"]))
    game = world.game()
    game.end_phase()
    assert points(game) == 6
    game.end_phase()                                     # turn 2, allied phase
    move(game, "a2", "0800")
    assert controller(game, "0800") == "allies"
    game.end_phase()                                     # axis phase of turn 2
    assert points(game) == 3


def test_feed_gives_each_airfield_s_share_to_its_own_pocket():
    # two pockets split by the allied unit at 0400: x1 (0200) west with West Field (0100),
    # x2 (0600) east with no airfield; 6 points through West Field feed x1 only
    world = (line().ignore_supply().place("West Field", "0100", kind="airfield")
             .source("allies", "0400").unit("a1", "allies", "0400")
             .unit("x1", "axis", "0200").unit("x2", "axis", "0600")
             .special(rule="airlift", side="axis", points=6, airfields=["West Field"]))
    game = axis_phase(world)
    st = game.state
    units = np.flatnonzero(st.unit_sides() == 1)
    status = np.full(len(units), Supply.ISOLATED, dtype=np.int8)
    airlift.feed(st, 1, units, status)
    by_id = {game.scenario.units[u].id: int(s) for u, s in zip(units, status)}
    assert by_id == {"x1": Supply.OUT_OF_SUPPLY, "x2": Supply.ISOLATED}


# -- the loader ---------------------------------------------------------------------------------
AIRLIFT_FILE = """\
format: 1
title: Airfields
start_date: 1942-11-19
turns: 5
hex_km: 9
sides:
  - {id: soviet, name: Soviet}
  - {id: axis, name: Axis}
map:
  columns: 6
  rows: 2
  legend: {".": clear}
  terrain: |
    ......
    ......
  places:
    - {name: Pitomnik, hex: "0300", kind: airfield}
    - {name: Gumrak, hex: "0400", kind: airfield}
    - {name: Basargino, hex: "0401", kind: village}
units:
  - {id: s1, name: S1, side: soviet, nation: soviet, type: infantry, hex: "0000"}
  - {id: x1, name: X1, side: axis, nation: axis, type: infantry, hex: "0500"}
special_rules:
  - {rule: airlift, side: axis, points: 4, airfields: [Pitomnik, Gumrak]}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "airfields.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_airlift_airfields_load_as_named(tmp_path):
    sc = engine.load_scenario(write(tmp_path, AIRLIFT_FILE))
    rule = sc.model.special_rules[0]
    assert rule.airfields == ["Pitomnik", "Gumrak"]


def test_an_airfield_that_is_not_an_airfield_place_of_the_map_is_an_error_at_its_position(tmp_path):
    text = AIRLIFT_FILE.replace("airfields: [Pitomnik, Gumrak]", "airfields: [Pitomnik, Gumrack, Basargino, Pitomnik]")
    text = text.replace("turns: 5", "turns: 5\nfirst_side: nobody")
    problems = engine.validate(write(tmp_path, text))
    text_of = [str(p) for p in problems]
    line = text.splitlines().index("  - {rule: airlift, side: axis, points: 4, airfields: [Pitomnik, Gumrack, Basargino, Pitomnik]}") + 1
    row = text.splitlines()[line - 1]
    by_col = {p.col: p for p in problems if p.line == line}
    gumrack = by_col[row.index("Gumrack") + 1]
    assert "unknown airfield 'Gumrack'" in gumrack.message and "did you mean 'Gumrak'?" in gumrack.message
    basargino = by_col[row.index("Basargino") + 1]
    assert "'Basargino' is a place of kind village, not an airfield" in basargino.message
    twice = by_col[row.rindex("Pitomnik") + 1]
    assert "listed twice" in twice.message
    assert any("first_side" in t or "unknown side 'nobody'" in t for t in text_of)   # reported with the rest
    assert all(str(p).startswith(f"{tmp_path / 'airfields.yaml'}:") for p in problems)


def test_an_airfield_with_no_close_name_lists_the_map_s_airfields(tmp_path):
    text = AIRLIFT_FILE.replace("airfields: [Pitomnik, Gumrak]", "airfields: [Tatsinskaya]")
    problems = engine.validate(write(tmp_path, text))
    assert len(problems) == 1
    assert "unknown airfield 'Tatsinskaya'" in problems[0].message and "(Pitomnik, Gumrak)" in problems[0].message


# -- ports: capture, garrison, clearing -------------------------------------------------------------
def port_world(delay: int = 2) -> World:
    """An allied port at 0500 held by an axis fortress garrison (movement 0) that leaves on turn 2;
    the allied unit at 0300 can walk in once it has gone."""
    return (line(turns=10).ignore_supply()
            .place("Port", "0500", kind="port", port=True)
            .source("allies", "0500", kind="port", capture_delay=delay)
            .source("axis", "0900")
            .unit("a1", "allies", "0300").unit("g1", "axis", "0500", type="static_infantry", movement=0)
            .unit("x1", "axis", "0900")
            .withdrawal(2, "g1"))


def test_a_port_held_by_its_garrison_supplies_no_one_and_cannot_be_entered():
    game = port_world().game()
    assert controller(game, "0500") == "axis"
    assert game.supply_status("a1") == "isolated"
    with pytest.raises(engine.IllegalOrder):
        move(game, "a1", "0500")


def test_a_port_supplies_after_its_capture_plus_its_clearing_delay():
    game = port_world(delay=2).game()
    end_turn(game)                                   # the garrison leaves in the axis phase of turn 2
    end_turn(game)
    assert game.turn == 3 and game.active_side == "allies"
    move(game, "a1", "0500")                          # captured on turn 3
    assert int(game.state.control_turn[game.scenario.map.parse("0500")]) == 3
    seen = []
    for _ in range(3):
        end_turn(game)
        seen.append((game.turn, game.supply_status("a1")))
    assert seen == [(4, "isolated"), (5, "supplied"), (6, "supplied")]


def test_a_port_retaken_starts_its_clearing_again():
    game = port_world(delay=2).game()
    end_turn(game)
    end_turn(game)
    move(game, "a1", "0500")                          # turn 3
    end_turn(game)
    end_turn(game)
    assert game.supply_status("a1") == "supplied"       # turn 5
    st = game.state
    h = game.scenario.map.parse("0500")
    st.replace_layer("control", h, 1)                  # lost (as if overrun) ...
    st.replace_layer("control", h, 0)                  # ... and taken back on turn 5
    st.replace_layer("control_turn", h, 5)
    assert (st.turn, [s for s, _ in supply.active_sources(st, 0)]) == (5, [])
    st.turn = 7
    assert [s for s, _ in supply.active_sources(st, 0)] == [h]


# -- the shipped scenarios --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def stalingrad():
    return engine.load_scenario("stalingrad_1942")


@pytest.fixture(scope="module")
def normandy():
    return engine.load_scenario("normandy_1944")


def test_the_6th_army_airlift_lands_at_pitomnik_and_gumrak(stalingrad):
    sc = stalingrad
    kinds = {p.name: p.kind for p in sc.model.map.places}
    assert kinds["Pitomnik"] == kinds["Gumrak"] == "airfield"
    lift = [r for r in sc.model.special_rules if r.rule == "airlift"]
    landed = [r for r in lift if r.airfields]
    assert landed and all(r.airfields == ["Pitomnik", "Gumrak"] for r in landed)
    # the air-drops after Gumrak fell (21-23 Jan 1943) need no airfield
    drops = [r for r in lift if not r.airfields]
    assert drops and all(sc.date_of_turn(r.from_turn).isoformat() >= "1943-01-21" for r in drops)


def test_losing_pitomnik_and_gumrak_cuts_the_stalingrad_airlift(stalingrad):
    sc = stalingrad
    game = engine.Game(sc, seed=1)
    st = game.state
    axis, soviet = sc.side_ids.index("axis"), sc.side_ids.index("soviet")
    st.turn, st.weather = 3, "clear"
    for s in sc.sources:                     # every Axis source lost: every Axis unit is isolated
        if s.side == axis:
            st.replace_layer("control", s.hex, soviet)
    pit, gum = (sc.map.index(sc.place(n)) for n in ("Pitomnik", "Gumrak"))
    first = next(r for r in sc.model.special_rules if r.rule == "airlift" and r.from_turn <= 3 <= (r.until_turn or 99))
    assert st.control[pit] == st.control[gum] == axis
    assert airlift.airlift_points(st, axis) == int(first.points)
    st.replace_layer("control", pit, soviet)
    assert airlift.airlift_points(st, axis) == int(first.points / 2)
    st.replace_layer("control", gum, soviet)
    assert airlift.airlift_points(st, axis) == 0


def test_the_brittany_ports_open_only_after_capture_and_clearing(normandy):
    sc = normandy
    allies, axis = sc.side_ids.index("allies"), sc.side_ids.index("axis")
    by_hex = {(s.side, s.hex): s for s in sc.sources}
    stand = [r for r in sc.model.special_rules if r.rule == "stand_fast" and r.side == "axis"]
    for name, taken, garrison in (("Cherbourg", "1944-06-27", "de_cherbourg_garrison"),
                                  ("Saint-Malo", "1944-08-17", "de_saint_malo_garrison"),
                                  ("Brest", "1944-09-19", "de_brest_garrison")):
        h = sc.map.index(sc.place(name))
        port = by_hex[(allies, h)]
        assert port.kind == "port" and port.capture_delay > 0, name
        g = sc.unit(garrison)
        assert g.side == axis and g.start_hex == h and g.movement == 0, name
        assert any(garrison in r.units and sc.map.hex_id(h) in r.hexes and r.until_turn == sc.turns for r in stand), name
        opens = sc.turn_of_date(dt.date.fromisoformat(taken)) + port.capture_delay
        if name == "Cherbourg":
            # the arsenal gave up on 27 June (turn 8); the first cargo came ashore 16 July (turn 14)
            assert opens == sc.turn_of_date(dt.date(1944, 7, 16))
        else:
            assert opens > sc.turns, name      # never a source in the campaign's 27 turns
    game = engine.Game(sc, seed=1)
    for name in ("Cherbourg", "Saint-Malo", "Brest"):
        assert game.state.control[sc.map.index(sc.place(name))] == axis
    assert all(h not in {sc.map.index(sc.place(n)) for n in ("Cherbourg", "Saint-Malo", "Brest")}
               for h, _ in supply.active_sources(game.state, allies))


# -- the AI and the airlift's airfields ----------------------------------------------------------
def test_the_ai_counts_its_airlift_s_airfields_as_places_to_hold_worth_the_steps_they_keep_supplied():
    from engine import ai

    game = axis_phase(pocket(points=6, airfields=["West Field", "East Field"], until_turn=3))
    sc = game.scenario
    west, east = (sc.map.parse(places(sc)[n]) for n in ("West Field", "East Field"))
    ctx = ai.make("heuristic", "axis", seed=1).context(game.view("axis"))
    worth = {h: float(ctx.tvalue[ctx.s.target_pos[h]]) for h in (west, east)}
    assert worth[west] == worth[east] > 0, "each airfield carries half of the 6 points"
    assert airlift.airfield_worth(sc, sc.side_ids.index("axis"), 1) == {west: 3.0, east: 3.0}
    assert airlift.airfield_worth(sc, sc.side_ids.index("axis"), 4) == {}, "not after the airlift ends"
    assert airlift.airfield_worth(sc, sc.side_ids.index("allies"), 1) == {}, "the other side has no airlift"
