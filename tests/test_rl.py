"""The reinforcement-learning environments (engine.rl, the `rl` extra): the libraries' own
checks, the masks, seeding, and agreement between the environment and the engine's agents."""
from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("pettingzoo")
pytest.importorskip("gymnasium")

import engine  # noqa: E402
import engine.ai as ai  # noqa: E402
import engine.rl  # noqa: E402
from engine.rl.core import END_PHASE, NEXT, IllegalAction  # noqa: E402
from engine.rl.opponents import AgentPolicy  # noqa: E402


def masked_choice(rng):
    return lambda obs: int(rng.choice(np.flatnonzero(obs["action_mask"])))


def play_env(env, policies, limit=None):
    """Run an AEC env to its end (or `limit` steps) with `policies[agent](env, obs)`."""
    steps = 0
    for agent in env.agent_iter():
        obs, _, term, trunc, _ = env.last()
        if term or trunc:
            env.step(None)
            continue
        env.step(policies[agent](env, obs))
        steps += 1
        if limit is not None and steps >= limit:
            break
    return steps


# -- the libraries' own checks ---------------------------------------------------------------
@pytest.mark.parametrize("name, cycles", [("tutorial_river", 300), ("normandy_1944", 40)])
def test_pettingzoo_api_test(name, cycles):
    from pettingzoo.test import api_test

    api_test(engine.rl.env(name, seed=3), num_cycles=cycles)


@pytest.mark.parametrize("name, cycles", [("tutorial_river", 200), ("normandy_1944", 30)])
def test_pettingzoo_seed_test(name, cycles):
    from pettingzoo.test import seed_test

    seed_test(lambda: engine.rl.env(name), num_cycles=cycles)


@pytest.mark.parametrize("name, side", [("tutorial_river", "blue"), ("tutorial_river", "red"), ("normandy_1944", "allies")])
def test_gymnasium_check_env(name, side):
    from gymnasium.utils.env_checker import check_env

    check_env(engine.rl.gym_env(name, side, opponent="random", max_steps=200), skip_render_check=True)


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_gymnasium_vector_envs(kind):
    import gymnasium

    fns = [lambda: engine.rl.gym_env("tutorial_river", "blue", opponent="random") for _ in range(2)]
    vec = gymnasium.vector.SyncVectorEnv(fns) if kind == "sync" else gymnasium.vector.AsyncVectorEnv(fns)
    try:
        obs, info = vec.reset(seed=5)
        assert obs["action_mask"].shape[0] == 2
        for _ in range(20):
            actions = np.array([int(np.flatnonzero(m)[0]) for m in obs["action_mask"]])
            obs, reward, term, trunc, info = vec.step(actions)
        assert obs["planes"].shape[0] == 2 and reward.shape == (2,)
    finally:
        vec.close()


# -- masks, bad input -----------------------------------------------------------------------
def test_every_unmasked_action_is_legal_in_random_games():
    """Given random masked play with illegal='raise', when thousands of actions are taken,
    then no action is ever refused by the engine and games end."""
    env = engine.rl.env("tutorial_river", seed=11, illegal="raise")
    rng = np.random.default_rng(1)
    ended = 0
    for game in range(3):
        env.reset(seed=100 + game)
        play_env(env, {a: (lambda e, o: masked_choice(rng)(o)) for a in env.possible_agents}, limit=3000)
        ended += env.unwrapped.session.game.over
    assert ended >= 1


def test_action_outside_the_space_or_masked_is_a_clear_error_and_changes_nothing():
    env = engine.rl.env("tutorial_river", seed=2)
    env.reset(seed=2)
    game = env.unwrapped.session.game
    before = game.state_hash()
    size = env.unwrapped.session.layout.size
    for bad in (-1, size, 10**9, 1.5, "move", True):
        with pytest.raises(IllegalAction, match="action/out_of_space"):
            env.step(bad)
    mask = env.last()[0]["action_mask"]
    forbidden = int(np.flatnonzero(mask == 0)[0])
    with pytest.raises(IllegalAction, match="action/masked"):
        env.step(forbidden)
    assert game.state_hash() == before and len(game.orders) == 0


def test_penalty_mode_rewards_a_masked_action_and_keeps_the_game():
    env = engine.rl.gym_env("tutorial_river", "blue", opponent="random", illegal="penalty", rewards={"illegal": -0.5})
    obs, info = env.reset(seed=4)
    before = env.session.game.state_hash()
    forbidden = int(np.flatnonzero(obs["action_mask"] == 0)[0])
    _, reward, term, trunc, info = env.step(forbidden)
    assert reward == -0.5 and info["illegal"] == "action/masked"
    assert env.session.game.state_hash() == before


def test_wrong_scenario_side_opponent_or_reward_name_the_choices():
    with pytest.raises(ValueError, match="tutorial_river"):
        engine.rl.env("no_such_scenario")
    with pytest.raises(ValueError, match="sides: blue, red"):
        engine.rl.gym_env("tutorial_river", "green")
    with pytest.raises(ValueError, match="heuristic"):
        engine.rl.gym_env("tutorial_river", "blue", opponent="heurstic")
    with pytest.raises(ValueError, match="agents: .*random"):
        engine.rl.env("tutorial_river", agents=["blue"], opponent="nobody")
    with pytest.raises(ValueError, match="settings: "):
        engine.rl.env("tutorial_river", rewards={"victory": 1})


# -- observations and rewards -------------------------------------------------------------------
def test_observation_planes_match_their_documented_names():
    env = engine.rl.env("normandy_1944", seed=1)
    env.reset(seed=1)
    obs = env.observe("allies")
    sc = env.unwrapped.scenario
    assert obs["map"].shape == (len(engine.rl.static_plane_names(sc)), sc.map.rows, sc.map.columns)
    assert obs["planes"].shape[0] == len(engine.rl.dynamic_plane_names(sc))
    assert obs["globals"].shape == (len(engine.rl.global_names(sc)),)
    assert env.observation_space("allies").contains(obs)
    names = engine.rl.dynamic_plane_names(sc)
    units = obs["planes"][[i for i, n in enumerate(names) if n.startswith("own_") and n[4:] in {u.type for u in sc.units}]]
    on_map = sum(1 for u in env.unwrapped.session.game.units("allies"))
    assert units.sum() == on_map
    assert obs["planes"][names.index("focus")].sum() == 1


def test_the_winner_receives_the_result_reward():
    env = engine.rl.env("tutorial_river", seed=5, rewards={"vp": 0.0, "win": 2.0, "levels": {}})
    env.reset(seed=5)
    total = {a: 0.0 for a in env.possible_agents}
    for agent in env.agent_iter():
        obs, reward, term, trunc, _ = env.last()
        total[agent] += reward
        env.step(None if term or trunc else END_PHASE)
    result = env.unwrapped.session.game.result
    for side in env.possible_agents:
        expected = 0.0 if result["winner"] is None else (2.0 if side == result["winner"] else -2.0)
        assert total[side] == pytest.approx(expected)


def test_rgb_array_render_draws_the_game():
    env = engine.rl.env("tutorial_river", seed=1, render_mode="rgb_array")
    env.reset(seed=1)
    frame = env.render()
    assert frame.dtype == np.uint8 and frame.ndim == 3 and frame.shape[2] == 3 and frame.std() > 0


# -- agents and environment agree -------------------------------------------------------------
@pytest.mark.parametrize("seed", [1, 7])
def test_the_heuristic_through_the_env_plays_the_same_game_as_simulate(seed):
    """Given the heuristic on both sides, when it plays through `play_game` (what simulate runs)
    and through the AEC environment, then the orders and the final state hash are the same."""
    sc = engine.load_scenario("tutorial_river")
    direct = engine.Game(sc, seed)
    ai.play_game(direct, {s: ai.make("heuristic", side=s, seed=seed) for s in sc.side_ids})
    env = engine.rl.env(sc, seed=seed)
    env.reset(seed=seed)
    policies = {s: AgentPolicy(ai.make("heuristic", side=s, seed=seed)) for s in sc.side_ids}
    play_env(env, {s: (lambda e, o, p=policies[s]: p(e.unwrapped.session)) for s in sc.side_ids})
    through = env.unwrapped.session.game
    assert through.orders == direct.orders
    assert through.state_hash() == direct.state_hash()


def test_the_heuristic_opponent_inside_the_gym_env_plays_as_in_simulate():
    sc = engine.load_scenario("tutorial_river")
    direct = engine.Game(sc, 3)
    ai.play_game(direct, {s: ai.make("heuristic", side=s, seed=3) for s in sc.side_ids})
    env = engine.rl.gym_env(sc, "blue", opponent="heuristic")
    env.reset(seed=3)
    me = AgentPolicy(ai.make("heuristic", side="blue", seed=3))
    done = False
    while not done:
        _, _, term, trunc, _ = env.step(me(env.session))
        done = term or trunc
    assert env.session.game.state_hash() == direct.state_hash()


def _deterministic_policy(obs):
    legal = np.flatnonzero(obs["action_mask"])
    if END_PHASE in legal and len(legal) > 1 and float(obs["globals"][0]) * 7 % 1 > 0.9:
        return END_PHASE
    pick = int(abs(float(obs["planes"].sum()) * 1000)) % len(legal)
    return int(legal[pick]) if legal[pick] != NEXT or len(legal) == 1 else int(legal[0])


def test_an_env_policy_plays_as_an_engine_agent_and_gives_the_same_game():
    """Given a policy over observations, when it plays as the 'policy' agent through play_game
    and through the environment, then both games are the same."""
    sc = engine.load_scenario("tutorial_river")
    direct = engine.Game(sc, 9)
    agents = {s: ai.make("policy", side=s, seed=9, policy=_deterministic_policy) for s in sc.side_ids}
    ai.play_game(direct, agents, max_turns=3)
    env = engine.rl.env(sc, seed=9)
    env.reset(seed=9)
    steps = 0
    for _agent in env.agent_iter():
        obs, _, term, trunc, _ = env.last()
        game = env.unwrapped.session.game
        if term or trunc or game.turn > 3:
            break
        env.step(_deterministic_policy(obs))
        steps += 1
    game = env.unwrapped.session.game
    assert len(direct.orders) > 5
    assert game.orders[:len(direct.orders)] == direct.orders


def test_policy_agent_by_name_and_its_errors():
    with pytest.raises(ai.AgentError, match="policy=package.module:attr"):
        ai.make("policy", side="blue")
    with pytest.raises(ai.AgentError, match="cannot load policy"):
        ai.make("policy", side="blue", policy="no_such_module:x")
    agent = ai.make("policy", side="blue", policy="tests.test_rl:_deterministic_policy")
    game = engine.Game(engine.load_scenario("tutorial_river"), 1)
    ai.play_phase(game, agent)
    assert game.active_side == "blue" and game.phase != "movement" or game.orders


def test_the_desktop_menu_does_not_offer_the_policy_agent_without_its_policy():
    from ui.agents import available_ais

    assert "policy" in ai.names()
    assert "policy" not in [text for _, text in available_ais()]


def test_the_training_example_runs_and_its_policy_plays_as_an_agent(tmp_path):
    """The example trains for a few seconds, reports a win rate, and the file it writes plays
    through play_game as the 'policy' agent (as `wargame simulate --ai blue=policy:...` does)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    out = tmp_path / "p.npz"
    env = {**os.environ, "PYTHONPATH": str(root)}
    proc = subprocess.run([sys.executable, str(root / "examples" / "train_river.py"), "--minutes", "0.05", "--eval-games", "2", "--out", str(out)],
                          cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "win rate against random" in proc.stdout
    game = engine.Game(engine.load_scenario("tutorial_river"), 4)
    agents = {"blue": ai.make("policy", side="blue", seed=4, policy="examples.train_river:load", arg=str(out)),
              "red": ai.make("random", side="red", seed=4)}
    ai.play_game(game, agents)
    assert game.over
