"""The PettingZoo AEC environment: one agent per side, unit-by-unit stepping (see engine.rl.core)."""
from __future__ import annotations

from typing import Any

import numpy as np
from gymnasium import spaces
from pettingzoo import AECEnv

from engine.rl.core import Rewards, Session
from engine.rl.opponents import make_opponents, play_others, scenario_of, side_of

DEFAULT_MAX_STEPS = 100_000


def observation_space(session: Session, side: int) -> spaces.Dict:
    ob = session.observers[side]
    h, w = ob.shape
    return spaces.Dict({
        "map": spaces.Box(0.0, 1.0, ob.static.shape, np.float32),
        "planes": spaces.Box(0.0, 100.0, (len(ob.dynamic_names), h, w), np.float32),
        "globals": spaces.Box(-100.0, 100.0, (len(ob.global_names),), np.float32),
        "action_mask": spaces.Box(0, 1, (session.layout.size,), np.int8),
    })


class WargameAEC(AECEnv):
    """A scenario as a PettingZoo AEC game. Agents are side ids; `agents` lists the sides the
    learners play (default all), the others are played inside `step` by `opponent`."""

    metadata = {"name": "wargame_v0", "render_modes": ["rgb_array"], "is_parallelizable": False, "render_fps": 2}

    def __init__(self, scenario: Any, seed: int = 0, agents: Any = None, opponent: Any = "heuristic",
                 rewards: Rewards | dict[str, Any] | None = None, illegal: str = "raise", max_steps: int | None = DEFAULT_MAX_STEPS,
                 render_mode: str | None = None) -> None:
        super().__init__()
        self.scenario = scenario_of(scenario)
        sides = list(self.scenario.side_ids) if agents is None else [side_of(self.scenario, a, "agent") for a in agents]
        if not sides:
            raise ValueError(f"agents must name at least one side (sides: {', '.join(self.scenario.side_ids)})")
        if render_mode not in (None, "rgb_array"):
            raise ValueError(f"render_mode must be None or 'rgb_array', not {render_mode!r}")
        if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool) or seed < 0:
            raise ValueError(f"seed must be a whole number >= 0, not {seed!r}")
        self.possible_agents = sides
        self.others = [s for s in self.scenario.side_ids if s not in sides]
        self.opponent = opponent
        make_opponents(self.scenario, self.others, opponent, 0)        # a bad name fails here, listing the agents
        self.render_mode = render_mode
        self.max_steps = max_steps
        self._rewards_config = Rewards.of(rewards)
        self._illegal = illegal
        self._seed = int(seed)
        self.session = Session(self.scenario, self._seed, self._rewards_config, illegal)
        self._obs_spaces = {a: observation_space(self.session, self.scenario.side_index(a)) for a in sides}
        self._act_spaces = {a: spaces.Discrete(self.session.layout.size) for a in sides}
        self._resets = 0

    def observation_space(self, agent: str) -> spaces.Space:
        return self._obs_spaces[agent]

    def action_space(self, agent: str) -> spaces.Space:
        return self._act_spaces[agent]

    def reset(self, seed: int | None = None, options: dict | None = None) -> None:
        if seed is not None:
            self._seed = int(seed)
        elif self._resets:
            self._seed += 1                      # a fresh game each reset, reproducible from the first seed
        self._resets += 1
        self.session = Session(self.scenario, self._seed, self._rewards_config, self._illegal)
        self._opponents = make_opponents(self.scenario, self.others, self.opponent, self._seed)
        self.steps = 0
        self.agents = list(self.possible_agents)
        self.rewards = {a: 0.0 for a in self.agents}
        self._cumulative_rewards = {a: 0.0 for a in self.agents}
        self.terminations = {a: False for a in self.agents}
        self.truncations = {a: False for a in self.agents}
        self.infos: dict[str, dict[str, Any]] = {a: {} for a in self.agents}
        self._after(play_others(self.session, self._opponents))

    def observe(self, agent: str) -> dict[str, np.ndarray]:
        return self.session.observation(self.scenario.side_index(agent))

    def step(self, action: Any) -> None:
        agent = self.agent_selection
        if self.terminations[agent] or self.truncations[agent]:
            self._was_dead_step(action)
            return
        self._cumulative_rewards[agent] = 0.0
        got = self.session.act(action)
        self.steps += 1
        more = play_others(self.session, self._opponents)
        self._after({s: got[s] + more[s] for s in got})
        self._accumulate_rewards()

    def _after(self, rewards: dict[int, float]) -> None:
        sc, game = self.scenario, self.session.game
        for a in self.agents:
            self.rewards[a] = float(rewards[sc.side_index(a)])
        over = game.over
        cut = not over and self.max_steps is not None and self.steps >= self.max_steps
        for a in self.agents:
            self.terminations[a] = over
            self.truncations[a] = cut
            info: dict[str, Any] = {"action_mask": self.session.mask_of(sc.side_index(a)).copy()}
            illegal = getattr(self.session, "last_illegal", None)
            if illegal is not None and a == self.agent_selection_or_none():
                info["illegal"] = illegal.code
            self.infos[a] = info
        if not over and game.active_side in self.agents:
            self.agent_selection = game.active_side
        elif not hasattr(self, "agent_selection") or self.agent_selection not in self.agents:
            self.agent_selection = self.agents[0]

    def agent_selection_or_none(self) -> str | None:
        return getattr(self, "agent_selection", None)

    def render(self) -> Any:
        if self.render_mode is None:
            from gymnasium import logger

            logger.warn("render() called without a render_mode; make the environment with render_mode='rgb_array'")
            return None
        from engine.rl.render import rgb_array

        return rgb_array(self.session.game)

    def close(self) -> None:
        pass
