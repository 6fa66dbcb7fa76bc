"""A turn-based operational WWII wargame engine on a hex grid.

    import engine
    scenario = engine.load_scenario("normandy_1944")
    game = engine.Game(scenario, seed=7)
    game.apply(engine.Move("us_1st_infantry_division", scenario.hex("1012")))
"""
from engine import hexgrid
from engine.errors import IllegalOrder, Problem, ScenarioError
from engine.events import Event
from engine.game import Game
from engine.hexgrid import Hex
from engine.orders import Advance, Attack, EndPhase, Interdict, Move, Order, Rail, Replace
from engine.scenario import Scenario, load_scenario, shipped_scenarios, validate

__version__ = "0.1.0"

__all__ = ["Advance", "Attack", "EndPhase", "Event", "Game", "Hex", "IllegalOrder", "Interdict", "Move", "Order", "Problem", "Rail", "Replace", "Scenario",
           "ScenarioError", "hexgrid", "load_scenario", "shipped_scenarios", "validate"]
