"""Engine agents inside an environment: the sides no learner plays, and the checks of the names."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import engine.ai as ai
from engine.ai.base import Agent, AgentError, play_phase
from engine.errors import ScenarioError
from engine.rl.core import Session
from engine.scenario import Scenario, load_scenario


def scenario_of(scenario: Any) -> Scenario:
    """A Scenario from a name, path or Scenario; ValueError listing the shipped scenarios."""
    if isinstance(scenario, Scenario):
        return scenario
    if not isinstance(scenario, (str, Path)):
        raise ValueError(f"scenario must be a shipped scenario's name, a path or a Scenario, not {type(scenario).__name__}")
    try:
        return load_scenario(scenario)
    except ScenarioError as exc:
        from engine.scenario import shipped_scenarios

        raise ValueError(f"{exc} (shipped scenarios: {', '.join(sorted(shipped_scenarios()))})") from None


def side_of(scenario: Scenario, side: Any, what: str = "side") -> str:
    if side not in scenario.side_ids:
        raise ValueError(f"unknown {what} {side!r} for {scenario.name or scenario.title} (sides: {', '.join(scenario.side_ids)})")
    return str(side)


def make_opponents(scenario: Scenario, sides: list[str], spec: Any, seed: int) -> dict[int, Agent]:
    """One engine agent per side in `sides`, from `spec`: an agent name or spec ('heuristic',
    'random:end_chance=0.1'), or a dict side -> spec. ValueError listing the agents for a bad name."""
    out: dict[int, Agent] = {}
    for side in sides:
        one = spec.get(side, "heuristic") if isinstance(spec, dict) else spec
        if not isinstance(one, str):
            raise ValueError(f"an opponent is an agent name such as 'heuristic' (agents: {', '.join(ai.names())}), not {one!r}")
        try:
            name, options = ai.parse_spec(one)
            out[scenario.side_index(side)] = ai.make(name, side=side, seed=seed, **options)
        except AgentError as exc:
            raise ValueError(str(exc)) from None
    return out


def play_others(session: Session, opponents: dict[int, Agent]) -> dict[int, float]:
    """Let the engine agents play until a learner's side is active or the game is over; the
    reward each side receives meanwhile (VP change and, if the game ended, the result)."""
    game = session.game
    sides = range(len(session.scenario.sides))
    total = {s: 0.0 for s in sides}
    if game.over or game.state.side not in opponents:
        return total
    before = [session.net_vp(s) for s in sides]
    while not game.over and game.state.side in opponents:
        play_phase(game, opponents[game.state.side])
    after = [session.net_vp(s) for s in sides]
    for s in sides:
        total[s] += session.rewards.vp * (after[s] - before[s])
    if game.over:
        for s, r in session.final_rewards().items():
            total[s] += r
    session.rebind(game)
    return total


class AgentPolicy:
    """An engine agent acting through the environment: `policy(session) -> action`.

    Each order the agent gives becomes the actions that express it (`Session.play_order`),
    with the same calls to `act`, `refused` and `applied`, and the same per-phase order cap,
    as `engine.ai.play_phase` makes: the same agent and seed give the same game either way."""

    def __init__(self, agent: Agent) -> None:
        self.agent = agent
        self.plan: list[tuple[int | None, int]] = []
        self.order: Any = None
        self.key: tuple[int, int, int] | None = None
        self.count, self.cap, self.nexts = 0, 0, 0

    def __call__(self, session: Session) -> int:
        from engine.errors import IllegalOrder
        from engine.fog import visible_events
        from engine.rl.core import END_PHASE, NEXT

        game, st = session.game, session.game.state
        side = st.side
        if self.order is not None and not self.plan:
            self.agent.applied(self.order, visible_events(game, side, session.last_events))
            self.order = None
        key = (st.turn, side, st.phase)
        if key != self.key:
            self.key, self.count, self.plan, self.order = key, 0, [], None
            self.cap = ai.order_cap(game.view(self.agent.side))
        if not self.plan:
            while True:
                if self.count >= self.cap:
                    return END_PHASE          # the driver's cap: the phase ends without the agent
                order = self.agent.act(game.view(self.agent.side))
                if order is None:
                    from engine.orders import EndPhase

                    order = EndPhase()
                self.count += 1
                try:
                    self.plan = session.play_order(order)
                except IllegalOrder as exc:
                    self.agent.refused(order, exc)
                    continue
                self.order = order
                self.nexts = 0
                break
        unit, action = self.plan[0]
        if unit is not None and session.cursors[side].focus != unit:
            self.nexts += 1
            if self.nexts > 2 * len(session.cursors[side].queue) + 2:
                raise ValueError(f"{session.scenario.units[unit].id} never gets the focus for {self.order!r}")
            return NEXT
        self.plan.pop(0)
        return action
