"""A turn-based operational WWII wargame engine on a hex grid.

    import engine
    scenario = engine.load_scenario("normandy_1944")
    game = engine.Game(scenario, seed=7)
    game.apply(engine.Move("us_1st_infantry_division", scenario.hex("1012")))

The names below are imported on first use, so `import engine.files` (or the `wargame list`
command) does not pay for numpy, pydantic and the rules.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from engine import hexgrid
    from engine.errors import IllegalOrder, Problem, ScenarioError
    from engine.events import Event
    from engine.game import Game
    from engine.hexgrid import Hex
    from engine.orders import Advance, Attack, EndPhase, Interdict, Move, Order, Rail, Replace
    from engine.scenario import Scenario, load_scenario, shipped_scenarios, validate

_HOME = {
    "ai": "engine.ai",                 # engine.ai.make("heuristic", side="axis") after a plain `import engine`
    "hexgrid": "engine.hexgrid",
    "IllegalOrder": "engine.errors", "Problem": "engine.errors", "ScenarioError": "engine.errors",
    "Event": "engine.events",
    "Game": "engine.game",
    "Hex": "engine.hexgrid",
    "Advance": "engine.orders", "Attack": "engine.orders", "EndPhase": "engine.orders", "Interdict": "engine.orders",
    "Move": "engine.orders", "Order": "engine.orders", "Rail": "engine.orders", "Replace": "engine.orders",
    "Scenario": "engine.scenario", "load_scenario": "engine.scenario", "shipped_scenarios": "engine.scenario",
    "validate": "engine.scenario",
}

__all__ = ["Advance", "Attack", "EndPhase", "Event", "Game", "Hex", "IllegalOrder", "Interdict", "Move", "Order", "Problem", "Rail", "Replace", "Scenario",
           "ScenarioError", "hexgrid", "load_scenario", "shipped_scenarios", "validate"]


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'engine' has no attribute '{name}'")
    module = importlib.import_module(home)
    value = module if home == f"engine.{name}" else getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
