"""The agent protocol, the registry of agents by name, and the driver that plays a phase.

An agent sees only its side's `View` and answers one order at a time:

    class Agent:
        def __init__(self, side, seed=0, **options): ...
        def act(self, view) -> Order: ...            # the next order (EndPhase when done)
        def refused(self, order, exc) -> None: ...   # the engine said no; move on
        def applied(self, order, events) -> None: ... # the engine carried it out

`play_phase(game, agent)` plays one phase of the rule set's sequence (movement, combat,
exploitation ...); `view.phase` tells the agent which. It is the loop every caller uses (batch runs, the desktop game's AI
side, tests): it always ends the phase, whatever the agent does, so a buggy or stubborn
agent can never hang a batch run.
"""
from __future__ import annotations

import difflib
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, ClassVar

import numpy as np

from engine.errors import IllegalOrder
from engine.fog import visible_events
from engine.orders import EndPhase, Order

if TYPE_CHECKING:
    from engine.fog import View
    from engine.game import Game


def agent_rng(seed: int, side: str) -> np.random.Generator:
    """The one generator an agent may draw from: a function of the game seed and its side only."""
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence([int(seed), zlib.crc32(str(side).encode())])))


class Agent:
    """Base class of agents. Subclasses set `name` and implement `act`."""

    name: ClassVar[str] = "agent"
    options: ClassVar[dict[str, Any]] = {}      # option name -> default, for `make` to check
    required: ClassVar[tuple[str, ...]] = ()    # options without which the agent cannot play

    def __init__(self, side: str, seed: int = 0, **options: Any) -> None:
        unknown = sorted(set(options) - set(self.options))
        if unknown:
            known = ", ".join(sorted(self.options)) or "none"
            raise AgentError(f"agent '{self.name}' has no option '{unknown[0]}'{_hint(unknown[0], list(self.options))} (options: {known})")
        self.side = str(side)
        self.seed = int(seed)
        self.rng = agent_rng(self.seed, self.side)
        self.config = {**self.options, **options}

    def act(self, view: "View") -> Order:
        """The next order for the side of `view` (which is the active side)."""
        raise NotImplementedError

    def refused(self, order: Order, exc: IllegalOrder) -> None:
        """`order` was illegal (the game is unchanged); the next `act` must try something else."""

    def applied(self, order: Order, events: list) -> None:
        """`order` was carried out and caused `events`."""

    def __repr__(self) -> str:
        opts = ", ".join(f"{k}={v!r}" for k, v in self.config.items() if v != self.options.get(k))
        return f"{type(self).__name__}(side={self.side!r}, seed={self.seed}{', ' + opts if opts else ''})"


class AgentError(ValueError):
    """An unknown agent name or option (the message says what exists)."""


_REGISTRY: dict[str, Callable[..., Agent]] = {}


def register(name: str) -> Callable[[type[Agent]], type[Agent]]:
    """Class decorator: make an agent available to `make(name, ...)` and `--ai name`."""

    def deco(cls: type[Agent]) -> type[Agent]:
        _REGISTRY[name] = cls
        cls.name = name
        return cls

    return deco


def names() -> list[str]:
    """Names of the registered agents, sorted."""
    return sorted(_REGISTRY)


def bare_names() -> list[str]:
    """Names of the agents that play without options (menus offer these; an agent whose class
    lists `required` options, such as 'policy', is chosen as text with them)."""
    return [n for n in names() if not getattr(_REGISTRY[n], "required", ())]


def parse_spec(text: str) -> tuple[str, dict[str, Any]]:
    """An agent written as text: 'heuristic:level=hard,noise=0.1' -> ('heuristic', {...}).

    Used by `wargame simulate --ai`, `wargame play --ai` and the menus. AgentError if malformed.
    """
    name, _, opts = text.partition(":")
    options: dict[str, Any] = {}
    for item in filter(None, (o.strip() for o in opts.split(","))):
        key, eq, value = item.partition("=")
        if not eq or not key.strip():
            raise AgentError(f"agent option '{item}' must be written KEY=VALUE (in '{text}')")
        options[key.strip()] = _value(value.strip())
    if not name.strip():
        raise AgentError(f"'{text}' names no agent")
    return name.strip(), options


def _value(text: str) -> Any:
    low = text.lower()
    if low in ("true", "false"):
        return low == "true"
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def make(name: str, side: str, seed: int = 0, **options: Any) -> Agent:
    """A new agent by registry name (or `package.module.ClassName` of an Agent subclass, imported
    on first use: that is how batch workers find custom agents); AgentError for an unknown name
    or option."""
    factory = _REGISTRY.get(name)
    if factory is None and "." in str(name):
        factory = _import_agent(str(name))
    if factory is None:
        raise AgentError(f"unknown agent '{name}'{_hint(name, names())} (agents: {', '.join(names())})")
    return factory(side=side, seed=seed, **options)


def _import_agent(dotted: str) -> Callable[..., Agent]:
    """`package.module.ClassName`: an agent class importable by worker processes too."""
    import importlib

    module_name, _, attr = dotted.rpartition(".")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise AgentError(f"cannot import agent '{dotted}': {exc}") from None
    cls = getattr(module, attr, None)
    if not (isinstance(cls, type) and issubclass(cls, Agent)):
        raise AgentError(f"'{dotted}' is not an agent class (a subclass of engine.ai.Agent)")
    _REGISTRY[dotted] = cls
    return cls


def _hint(word: str, options: list[str]) -> str:
    match = difflib.get_close_matches(word, options, n=1, cutoff=0.5)
    return f"; did you mean '{match[0]}'?" if match else ""


# -- the driver -----------------------------------------------------------------------
@dataclass
class PhaseReport:
    """What happened in one `play_phase`: orders carried out, orders refused, and whether the
    cap ran out (the driver then ended the phase itself)."""

    applied: int = 0
    refused: int = 0
    capped: bool = False


def order_cap(view: "View") -> int:
    """Most orders (applied or refused) one phase may take: generous for any sensible agent."""
    return 4 * len(view.units(view.side_id)) + 20


def play_phase(game: "Game", agent: Agent, max_orders: int | None = None) -> PhaseReport:
    """Let `agent` play the active side's phase to its end; always terminates."""
    report = PhaseReport()
    side = agent.side
    if game.over:
        return report
    if game.active_side != side:
        raise ValueError(f"it is {game.active_side}'s phase, not {side}'s")
    where = (game.turn, game.state.side, game.state.phase)
    cap = None if max_orders is None else int(max_orders)
    for _ in range(10**9):
        if game.over or (game.turn, game.state.side, game.state.phase) != where:
            return report
        view = game.view(side)
        if cap is None:
            cap = order_cap(view)
        if report.applied + report.refused >= cap:
            break
        order = agent.act(view)
        if order is None:
            order = EndPhase()
        try:
            events = game.apply(order)
        except IllegalOrder as exc:
            report.refused += 1
            agent.refused(order, exc)
            continue
        report.applied += 1
        agent.applied(order, visible_events(game, game.scenario.side_index(side), events))
        if isinstance(order, EndPhase):
            return report
    report.capped = True
    if not game.over and (game.turn, game.state.side, game.state.phase) == where:
        game.apply(EndPhase())
        report.applied += 1
    return report


def play_game(game: "Game", agents: dict[str, Agent], max_turns: int | None = None,
              on_phase: Callable[["Game", PhaseReport], None] | None = None) -> "Game":
    """Play until the game is over (or `max_turns` turns are done). `agents` maps every side id."""
    missing = [s for s in game.scenario.side_ids if s not in agents]
    if missing:
        raise ValueError(f"no agent for side {', '.join(missing)}")
    while not game.over:
        if max_turns is not None and game.turn > max_turns:
            break
        report = play_phase(game, agents[game.active_side])
        if on_phase is not None:
            on_phase(game, report)
    return game
