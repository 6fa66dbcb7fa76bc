"""Game.copy: an independent game that plays on exactly like the original."""
from __future__ import annotations

import numpy as np
import pytest

import engine
from engine import ai


def test_a_copy_plays_on_exactly_like_the_original_and_independently():
    game = engine.Game("tutorial_river", seed=5)
    agents = {s: ai.make("heuristic", s, seed=5) for s in game.scenario.side_ids}
    ai.play_game(game, agents, max_turns=2)
    twin = game.copy()
    assert twin.state_hash() == game.state_hash() and twin.orders == game.orders and twin.events == game.events
    # the copy goes its own way: the original does not move
    before = game.state_hash()
    ai.play_game(twin, {s: ai.make("random", s, seed=9) for s in game.scenario.side_ids}, max_turns=4)
    assert game.state_hash() == before and len(game.orders) < len(twin.orders)
    assert not np.array_equal(twin.state.control, game.state.control)      # the copy took ground; the original kept its own
    with pytest.raises(ValueError):                 # the map layers are shared by copies, so read-only: a change replaces them
        twin.state.control[0] = 1
    # the same orders on the original and on a fresh copy give the same game, dice included
    other = game.copy()
    for order in twin.orders[len(game.orders):]:
        game.apply(order)
        other.apply(order)
    assert game.state_hash() == other.state_hash() == twin.state_hash()


def test_a_copy_saves_and_replays_like_the_original(tmp_path):
    game = engine.Game("tutorial_river", seed=2)
    ai.play_phase(game, ai.make("heuristic", "blue", seed=2))
    twin = game.copy()
    twin.save(tmp_path / "twin.json")
    assert engine.Game.load(tmp_path / "twin.json").state_hash() == game.state_hash()


def test_a_copy_of_a_fogged_game_keeps_what_each_side_has_seen_apart(tmp_path):
    import yaml

    from engine.scenario.load import resolve

    data = yaml.safe_load(resolve("tutorial_river").read_text())
    data["fog_of_war"] = True
    path = tmp_path / "fog.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    game = engine.Game(path, seed=1)
    ai.play_game(game, {s: ai.make("heuristic", s, seed=1) for s in game.scenario.side_ids}, max_turns=2)
    twin = game.copy()
    assert twin.view("blue").last_known == game.view("blue").last_known
    twin._last_seen[0]["x"] = ("0000", 1)
    assert "x" not in game._last_seen[0]
