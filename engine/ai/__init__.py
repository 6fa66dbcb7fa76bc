"""Agents: programs that play one side through its `View`, and the loop that runs them.

    import engine, engine.ai
    game = engine.Game(engine.load_scenario("tutorial_river"), seed=7)
    agents = {side: engine.ai.make("heuristic", side=side, seed=game.seed) for side in game.scenario.side_ids}
    engine.ai.play_game(game, agents)

`engine.ai.names()` lists the registered agents; `@engine.ai.register("name")` adds one
(see docs/SCRIPTING.md).
"""
from engine.ai.base import Agent, AgentError, PhaseReport, agent_rng, make, names, order_cap, parse_spec, play_game, play_phase, register
from engine.ai.heuristic import HeuristicAgent  # registers "heuristic"
from engine.ai.planner import PlannerAgent  # registers "planner"
from engine.ai.policy import PolicyAgent  # registers "policy": an engine.rl policy as an agent
from engine.ai.random_agent import RandomAgent  # registers "random"
from engine.ai.search import SearchAgent  # registers "search"

__all__ = ["Agent", "AgentError", "HeuristicAgent", "PhaseReport", "PlannerAgent", "PolicyAgent",
           "RandomAgent", "SearchAgent", "agent_rng", "make", "names", "order_cap",
           "parse_spec", "play_game", "play_phase", "register"]
