"""Any environment policy as an engine agent: a trained policy plays in `wargame simulate`,
`tournament` and the desktop game like any registered agent.

A policy is a callable `policy(observation) -> action` over the observations and actions of
`engine.rl` (docs/RL.md). Give it directly (`engine.ai.make("policy", side, policy=fn)`) or by
name, as batch workers need: `policy=package.module:attr`, where `attr` is the policy, or a
factory called with `arg` (for example the path of a weights file):

    wargame simulate tutorial_river --ai blue=policy:policy=examples.train_river:load,arg=river.npz --ai red=random
"""
from __future__ import annotations

import importlib
from typing import Any, Callable

from engine.ai.base import Agent, AgentError, register
from engine.orders import EndPhase, Order


def load_policy(spec: Any, arg: Any = None) -> Callable[[dict], int]:
    """The policy callable of a `policy` option (a callable, or 'module:attr' text)."""
    if callable(spec):
        return spec if arg is None else spec(arg)
    if not isinstance(spec, str) or ":" not in spec:
        raise AgentError("agent 'policy' needs policy=package.module:attr (a policy, or a factory called with arg=...)")
    module_name, _, attr = spec.partition(":")
    try:
        found = getattr(importlib.import_module(module_name), attr)
    except (ImportError, AttributeError) as exc:
        raise AgentError(f"cannot load policy '{spec}': {exc}") from None
    return found if arg is None else found(arg)


@register("policy")
class PolicyAgent(Agent):
    options = {"policy": None, "arg": None, "max_steps": 10_000}
    required = ("policy",)

    def __init__(self, side: str, seed: int = 0, **options: Any) -> None:
        super().__init__(side, seed, **options)
        self.policy = load_policy(self.config["policy"], self.config["arg"])
        self.session: Any = None

    def act(self, view: Any) -> Order:
        from engine.rl.core import IllegalAction, Session

        game = view.sandbox()           # what the side knows; nothing done here touches the real game
        if self.session is None:
            self.session = Session(view.scenario, game=game)
        else:
            self.session.rebind(game)
        s = self.session
        side = view.scenario.side_index(self.side)
        for _ in range(int(self.config["max_steps"])):
            action = s.check_action(self.policy(s.observation(side)))
            if not s.mask_of(side)[action]:
                raise IllegalAction("action/masked", f"the policy chose '{s.layout.describe(action)}', which the mask forbids")
            order = s.decode(action)
            if order is not None:
                return order
            s.act(action)               # HOLD, NEXT, SUPPORT: only the cursor changes
        return EndPhase()

    def applied(self, order: Order, events: list) -> None:
        if self.session is not None:
            self.session.forget_support(order)
