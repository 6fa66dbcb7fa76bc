"""A custom agent in about 30 lines: attack at good odds, else head for the nearest VP hex.

    .venv/bin/python examples/custom_agent.py            # one game against the random agent
"""
import engine
import engine.ai as ai
from engine import hexgrid


@ai.register("greedy")
class GreedyAgent(ai.Agent):
    options = {"min_odds": 2.0}                 # attack only at this odds column (after shifts) or better

    def act(self, view):
        for order in view.legal_orders(moves=False):   # attacks (all adjacent units), advances, EndPhase
            if isinstance(order, engine.Advance):
                return order
            if isinstance(order, engine.Attack):
                preview = view.preview(order.attackers, order.target)
                if preview.allowed and view.scenario.rules.odds[preview.column] >= self.config["min_odds"]:
                    return order
        m = view.scenario.map
        goals = [m.hex(i) for i in range(m.size) if m.vp[i] > 0 and view.state.control[i] != view.side]
        for unit in view.units(self.side):
            reach = view.reachable(unit)
            here = view.unit_hex(unit)
            if not reach or not goals or view.state.unit_moved[view.scenario.unit_index[unit]]:
                continue                        # one move per unit per phase keeps it simple
            goal = min(goals, key=lambda g: hexgrid.distance(here, g))
            best = min(reach, key=lambda h: (hexgrid.distance(h, goal), reach[h]))
            if hexgrid.distance(best, goal) < hexgrid.distance(here, goal):
                return engine.Move(unit, best)
        return engine.EndPhase()


if __name__ == "__main__":
    game = engine.Game(engine.load_scenario("tutorial_river"), seed=3)
    agents = {"blue": ai.make("greedy", side="blue", seed=3), "red": ai.make("random", side="red", seed=3)}
    ai.play_game(game, agents)
    print(game.result["name"], "after", game.turn, "turns;", len(game.orders), "orders; steps lost:", engine.victory.losses(game.state))
