"""The Gymnasium environment: one side of a scenario against an engine agent."""
from __future__ import annotations

from typing import Any

import gymnasium
import numpy as np
from gymnasium import spaces

from engine.rl.aec import DEFAULT_MAX_STEPS, observation_space
from engine.rl.core import Rewards, Session
from engine.rl.opponents import make_opponents, play_others, scenario_of, side_of


class WargameGym(gymnasium.Env):
    """`side` of `scenario` against `opponent`. Observations and actions as in the AEC
    environment (docs/RL.md); the opponent's phases are played inside `step`.

    `illegal='penalty'` (the default here, as Gymnasium's checker and vector envs sample
    unmasked actions): a masked action changes nothing and earns `rewards.illegal`;
    `info['illegal']` gives its code. `illegal='raise'`: engine.rl.IllegalAction."""

    metadata = {"render_modes": ["rgb_array"], "render_fps": 2}

    def __init__(self, scenario: Any, side: str, opponent: Any = "heuristic", seed: int | None = None,
                 rewards: Rewards | dict[str, Any] | None = None, illegal: str = "penalty", max_steps: int | None = DEFAULT_MAX_STEPS,
                 render_mode: str | None = None) -> None:
        self.scenario = scenario_of(scenario)
        self.side = side_of(self.scenario, side)
        self.side_index = self.scenario.side_index(self.side)
        self.others = [s for s in self.scenario.side_ids if s != self.side]
        make_opponents(self.scenario, self.others, opponent, 0)        # a bad name fails here, listing the agents
        if render_mode not in (None, "rgb_array"):
            raise ValueError(f"render_mode must be None or 'rgb_array', not {render_mode!r}")
        self.opponent = opponent
        self.render_mode = render_mode
        self.max_steps = max_steps
        self._rewards = Rewards.of(rewards)
        self._illegal = illegal
        self._first_seed = seed
        self.session = Session(self.scenario, 0, self._rewards, illegal)
        self.observation_space = observation_space(self.session, self.side_index)
        self.action_space = spaces.Discrete(self.session.layout.size)

    def reset(self, *, seed: int | None = None, options: dict | None = None) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
        if seed is None and self._first_seed is not None:
            seed, self._first_seed = self._first_seed, None
        super().reset(seed=seed)
        game_seed = int(seed) if seed is not None else int(self.np_random.integers(0, 2**31 - 1))
        self.session = Session(self.scenario, game_seed, self._rewards, self._illegal)
        self._opponents = make_opponents(self.scenario, self.others, self.opponent, game_seed)
        self.steps = 0
        play_others(self.session, self._opponents)
        return self.session.observation(self.side_index, fresh_map=True), self._info()

    def _info(self) -> dict[str, Any]:
        info: dict[str, Any] = {"action_mask": self.session.mask_of(self.side_index).copy(), "seed": self.session.game.seed}
        illegal = getattr(self.session, "last_illegal", None)
        if illegal is not None:
            info["illegal"] = illegal.code
        if self.session.game.over:
            info["result"] = self.session.game.result
        return info

    def step(self, action: Any) -> tuple[dict[str, np.ndarray], float, bool, bool, dict[str, Any]]:
        got = self.session.act(action)
        self.steps += 1
        more = play_others(self.session, self._opponents)
        reward = float(got[self.side_index] + more[self.side_index])
        terminated = bool(self.session.game.over)
        truncated = bool(not terminated and self.max_steps is not None and self.steps >= self.max_steps)
        return self.session.observation(self.side_index, fresh_map=True), reward, terminated, truncated, self._info()

    def action_masks(self) -> np.ndarray:
        """The mask as sb3-contrib's MaskablePPO asks for it."""
        return self.session.mask_of(self.side_index).astype(bool)

    def render(self) -> Any:
        if self.render_mode is None:
            gymnasium.logger.warn("render() called without a render_mode; make the environment with render_mode='rgb_array'")
            return None
        from engine.rl.render import rgb_array

        return rgb_array(self.session.game)
