"""Under fog of war a move is planned on what the side knows and stops on contact."""
from __future__ import annotations

from builders import World, events_of, move, where


def fog_world() -> World:
    # A corridor: the mover at the west end; a hidden enemy 6 hexes east (sight is 2).
    return (World(columns=10, rows=1, terrain=[".........."])
            .set(fog_of_war=True)
            .ignore_supply()
            .unit("a1", "allies", "0000", type="armour")
            .unit("x1", "axis", "0700"))


def test_a_move_into_an_unseen_enemy_zone_stops_there_with_contact():
    game = fog_world().game()
    view = game.view("allies")
    assert view.units("axis") == []                  # x1 is out of sight
    events = move(game, "a1", "0800")                # planned past x1, which a1 cannot see
    moved = events_of(events, "unit_moved")[0]
    assert where(game, "a1") == "0600"               # entered x1's zone of control and stopped
    assert moved["contact"] == "0600"
    assert game.reachable("a1") == {}                # movement is over for the phase


def test_a_move_planned_through_an_unseen_enemy_stops_before_it():
    world = (World(columns=10, rows=1, terrain=[".........."]).set(fog_of_war=True).ignore_supply()
             .rules(unit_types={"headquarters": {"zoc": False}})
             .unit("a1", "allies", "0000", type="armour")
             .unit("x1", "axis", "0500", type="headquarters"))
    game = world.game()
    assert game.view("allies").units("axis") == []
    import engine

    events = game.apply(engine.Move("a1", game.scenario.hex("0800")))
    moved = events_of(events, "unit_moved")[0]
    assert moved["contact"] == "0500"
    assert where(game, "a1") == "0400"
    assert moved["path"] == ["0000", "0100", "0200", "0300", "0400"]


def test_without_fog_the_same_move_is_refused_with_a_reason():
    world = (World(columns=10, rows=1, terrain=[".........."]).ignore_supply()
             .rules(unit_types={"headquarters": {"zoc": False}})
             .unit("a1", "allies", "0000", type="armour")
             .unit("x1", "axis", "0500", type="headquarters"))
    game = world.game()
    import engine
    import pytest

    with pytest.raises(engine.IllegalOrder):
        game.apply(engine.Move("a1", game.scenario.hex("0800")))


def test_why_cannot_move_gives_the_engines_reason():
    game = fog_world().game()
    assert game.why_cannot_move("a1") is None
    move(game, "a1", "0800")                          # stops on contact
    reason = game.why_cannot_move("a1")
    assert reason and "zone of control" in reason
    assert game.view("allies").why_cannot_move("a1") == reason
