"""Reinforcement-learning environments over the engine (the `rl` extra: pettingzoo, gymnasium).

    import engine.rl
    env = engine.rl.env("tutorial_river", seed=7)                 # PettingZoo AEC, one agent per side
    gym = engine.rl.gym_env("tutorial_river", "blue", opponent="heuristic")   # Gymnasium, one side

The spaces, observation planes, rewards and masks are documented in docs/RL.md. Only
`engine.rl.aec` and `engine.rl.gym` import PettingZoo and Gymnasium (an import-linter contract
checks it); `engine.rl.core` holds the encoding and is what `engine.ai.policy` uses to let a
trained policy play as an ordinary agent.
"""
from __future__ import annotations

from typing import Any

from engine.rl.core import ActionLayout, IllegalAction, Rewards, Session, dynamic_plane_names, global_names, static_plane_names

__all__ = ["ActionLayout", "IllegalAction", "Rewards", "Session", "dynamic_plane_names", "env", "global_names", "gym_env", "raw_env", "static_plane_names"]


def _missing(exc: ImportError) -> ImportError:
    return ImportError(f"the reinforcement-learning environments need the 'rl' extra: pip install 'wargame[rl]' ({exc})")


def raw_env(scenario: Any, **kwargs: Any) -> Any:
    """The PettingZoo AEC environment without PettingZoo's checking wrappers (see `env`)."""
    try:
        from engine.rl.aec import WargameAEC
    except ImportError as exc:
        raise _missing(exc) from None
    return WargameAEC(scenario, **kwargs)


def env(scenario: Any, seed: int = 0, agents: Any = None, **kwargs: Any) -> Any:
    """A PettingZoo AEC environment of `scenario` (name, path or Scenario): one agent per side
    in `agents` (default: every side); the other sides are played by `opponent` (an engine
    agent spec, default 'heuristic'). Options: rewards, illegal ('raise' or 'penalty'),
    max_steps, render_mode ('rgb_array'). Wrapped in PettingZoo's order-enforcing wrapper."""
    try:
        from pettingzoo.utils import wrappers
    except ImportError as exc:
        raise _missing(exc) from None
    return wrappers.OrderEnforcingWrapper(raw_env(scenario, seed=seed, agents=agents, **kwargs))


def gym_env(scenario: Any, side: str, opponent: Any = "heuristic", **kwargs: Any) -> Any:
    """A Gymnasium environment: `side` of `scenario` against `opponent` (an engine agent name or
    spec, 'heuristic:level=...'). Options: seed, rewards, illegal ('penalty' by default, or
    'raise'), max_steps, render_mode ('rgb_array')."""
    try:
        from engine.rl.gym import WargameGym
    except ImportError as exc:
        raise _missing(exc) from None
    return WargameGym(scenario, side, opponent=opponent, **kwargs)
