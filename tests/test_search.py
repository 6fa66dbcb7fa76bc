"""The search agent: options, legal whole games, determinism, the heuristic at one iteration,
the real game untouched, fog of war, and strength against random. (No timing test: speed is in
docs/AI.md.)"""
from __future__ import annotations

import numpy as np
import pytest
import yaml

import engine
import engine.ai as ai
from engine.ai.search import BASE, Genome, SearchAgent, _PlanAgent, build_pool, evaluate_position
from engine.fog import View, visible_mask
from engine.orders import Advance, Attack, EndPhase, Move, Replace
from engine.scenario.load import resolve
from engine.state import Status

SCENARIO = "tutorial_river"


@pytest.fixture(scope="module")
def scenario():
    return engine.load_scenario(SCENARIO)


@pytest.fixture(scope="module")
def fogged(tmp_path_factory):
    """The tutorial with fog of war."""
    data = yaml.safe_load(resolve(SCENARIO).read_text())
    data["fog_of_war"] = True
    path = tmp_path_factory.mktemp("fog") / "tutorial_fog.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    sc = engine.load_scenario(path)
    assert sc.model.fog_of_war
    return sc


class Recorder:
    """Wraps an agent: notes its orders and refusals, and checks that thinking about an order
    never changes the real game (state, dice, logs)."""

    def __init__(self, agent, game):
        self.agent = agent
        self.side = agent.side
        self.game = game
        self.given: list = []
        self.refusals: list = []

    def act(self, view):
        before = (self.game.state_hash(), len(self.game.orders), len(self.game.events))
        order = self.agent.act(view)
        assert (self.game.state_hash(), len(self.game.orders), len(self.game.events)) == before
        self.given.append(order)
        return order

    def refused(self, order, exc):
        self.refusals.append((order, exc.code))
        self.agent.refused(order, exc)

    def applied(self, order, events):
        self.agent.applied(order, events)


def play(scenario, seed, specs, max_turns=None):
    game = engine.Game(scenario, seed)
    agents = {s: Recorder(ai.make(name, side=s, seed=seed, **opts), game) for s, (name, opts) in specs.items()}
    ai.play_game(game, agents, max_turns=max_turns)
    return game, agents


# -- options -------------------------------------------------------------------------------
def test_registered_with_its_options():
    assert "search" in ai.names()
    assert ai.make("search", side="blue").iterations == 16            # the default
    agent = ai.make("search", side="blue", **ai.parse_spec("search:budget=2s")[1])
    assert agent.budget == 2.0 and agent.iterations is None
    assert ai.make("search", side="blue", **ai.parse_spec("search:iterations=20")[1]).iterations == 20
    assert ai.make("search", side="red", budget=0.5).budget == 0.5
    assert ai.make("search", side="red", budget="500ms").budget == pytest.approx(0.5)
    both = ai.make("search", side="red", budget="1s", iterations=8, level="normal", reply="easy")
    assert (both.budget, both.iterations, both.level, both.reply) == (1.0, 8, "normal", "easy")


@pytest.mark.parametrize("spec", ["search:budget=-1", "search:budget=abc", "search:budget=0", "search:budget=inf",
                                  "search:iterations=0", "search:iterations=abc", "search:iterations=2.5",
                                  "search:iterations=-3", "search:iterations=true", "search:level=brutal", "search:reply=x",
                                  "search:reply=search"])
def test_bad_options_say_what_is_valid(spec):
    name, options = ai.parse_spec(spec)
    with pytest.raises(ai.AgentError, match=r"budget=SECONDS.*iterations=N"):
        ai.make(name, side="blue", **options)


def test_unknown_option_lists_the_options():
    with pytest.raises(ai.AgentError, match=r"no option 'budgt'.*did you mean 'budget'.*options: budget, iterations, level, reply"):
        ai.make("search", side="blue", budgt=2)


@pytest.mark.parametrize("spec", ["blue=search:budget=-1", "blue=search:iterations=abc", "blue=search:depth=3"])
def test_the_command_turns_bad_options_into_a_usage_error(spec, capsys):
    from ui.commands.batch import run_simulate

    assert run_simulate([SCENARIO, "--ai", spec, "--games", "1", "--workers", "1", "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("wargame simulate: error:") and "Traceback" not in err


# -- plans -----------------------------------------------------------------------------------
def test_the_pool_starts_with_the_heuristic_and_holds_distinct_plans():
    seen = {"chosen": [(10, 0.5, 1), (11, 1.5, 0), (12, 2.0, 1)], "rejected": [(20, 0.0), (21, -0.2)], "air": 2, "mobile": True}
    pool = build_pool(seen, {"threshold": 0.05, "lookahead": 3, "garrison": True})
    assert pool[0] == BASE and len(set(pool)) == len(pool) > 10
    assert Genome(drop=frozenset([10])) in pool and Genome(force=frozenset([20])) in pool
    assert build_pool(None, {"threshold": 0.05, "lookahead": 0})[0] == BASE


def test_genomes_merge_unless_they_contradict():
    a = Genome(drop=frozenset([1]), params=(("threshold", 0.4),))
    b = Genome(force=frozenset([2]), posture="defend")
    child = a.merge(b)
    assert child.drop == {1} and child.force == {2} and child.posture == "defend" and dict(child.params) == {"threshold": 0.4}
    assert a.merge(Genome(params=(("threshold", -0.3),))) is None
    assert Genome(posture="attack").merge(Genome(posture="defend")) is None
    assert Genome(force=frozenset([1])).merge(Genome(drop=frozenset([1]))).force == frozenset()


def test_a_dropped_attack_is_not_made(scenario):
    """The genes change what the heuristic does: drop the first attack it makes and it is not made."""
    def attacks(start, genome):
        game = start.copy()
        player = _PlanAgent("blue", 5, "hard")
        player.set_genome(genome, player.rng)
        made = []
        player.applied = lambda order, events: made.append(order) if isinstance(order, Attack) else None
        turn = game.turn
        while not game.over and game.active_side == "blue" and game.turn == turn:
            ai.play_phase(game, player)
        return [scenario.map.index(o.target) for o in made]

    game = engine.Game(scenario, 5)
    heur = {s: ai.make("heuristic", side=s, seed=5, level="hard") for s in scenario.side_ids}
    tried = 0
    while not game.over:
        if game.active_side == "blue" and game.phase == "movement":
            base = attacks(game, BASE)
            if base:
                assert base[0] not in attacks(game, Genome(drop=frozenset([base[0]])))
                tried += 1
        ai.play_phase(game, heur[game.active_side])
    assert tried >= 2


def test_the_score_counts_steps_and_points(scenario):
    game = engine.Game(scenario, 1)
    start = list(game.state.losses)
    value = evaluate_position(game.state, 0, start)
    game.state.losses[1] += 2          # red lost two steps
    assert evaluate_position(game.state, 0, start) == pytest.approx(value + 2.0)


# -- whole games -------------------------------------------------------------------------------
@pytest.mark.parametrize("seed", [0, 1])
def test_plays_whole_games_with_legal_orders_only(scenario, seed):
    for me, other in (("blue", "red"), ("red", "blue")):
        for opponent in (("heuristic", {"level": "hard"}), ("random", {})):
            game, agents = play(scenario, seed, {me: ("search", {"iterations": 6}), other: opponent})
            assert game.over and game.result["winner"] in (*scenario.side_ids, None)
            rec = agents[me]
            assert rec.given and rec.refusals == []
            assert all(isinstance(o, (Move, Attack, EndPhase, Advance, Replace)) for o in rec.given)
            stats = rec.agent.stats
            assert stats and all(s["errors"] == 0 and 1 <= s["evaluations"] <= 6 for s in stats)
            assert len(stats) == len({s["turn"] for s in stats})           # one search a turn


def test_deterministic_with_iterations(scenario):
    def run():
        game, agents = play(scenario, 11, {"blue": ("search", {"iterations": 6}), "red": ("search", {"iterations": 6})})
        plans = {s: [(x["turn"], x["plan"], x["evaluations"]) for x in a.agent.stats] for s, a in agents.items()}
        return game.state_hash(), [repr(o) for o in game.orders], plans

    first = run()
    assert first == run()
    assert any(plan != "heuristic" for plans in first[2].values() for _, plan, _ in plans)   # it does choose variations


@pytest.mark.parametrize("level", ["hard", "normal"])
def test_one_iteration_plays_exactly_like_the_heuristic(scenario, level):
    for seed in (3, 4):
        searched, _ = play(scenario, seed, {"blue": ("search", {"iterations": 1, "level": level}), "red": ("heuristic", {"level": "hard"})})
        plain, _ = play(scenario, seed, {"blue": ("heuristic", {"level": level}), "red": ("heuristic", {"level": "hard"})})
        assert [repr(o) for o in searched.orders] == [repr(o) for o in plain.orders]
        assert searched.state_hash() == plain.state_hash()


def test_one_iteration_on_the_planner_plays_exactly_like_the_planner(scenario):
    searched, _ = play(scenario, 3, {"blue": ("search", {"iterations": 1, "level": "planner"}), "red": ("heuristic", {"level": "hard"})})
    plain, _ = play(scenario, 3, {"blue": ("planner", {}), "red": ("heuristic", {"level": "hard"})})
    assert [repr(o) for o in searched.orders] == [repr(o) for o in plain.orders]


def test_a_search_over_the_planner_plays_whole_games_and_is_deterministic(scenario):
    def run():
        game, agents = play(scenario, 5, {"blue": ("search", {"iterations": 4, "level": "planner"}), "red": ("heuristic", {})})
        return game, agents["blue"]
    game, rec = run()
    again, _ = run()
    assert rec.refusals == [] and game.over
    assert all(s["errors"] == 0 for s in rec.agent.stats)        # no look-ahead failed (the planner's plan copied in)
    assert game.state_hash() == again.state_hash()


def test_the_planner_may_model_the_reply(scenario, monkeypatch):
    """`reply=planner`: the opponent's turn in each look-ahead is played by the planner (red's
    planner acts for blue's look-ahead too), and no look-ahead fails."""
    from engine.ai.planner import PlannerAgent

    acted = {"blue": 0, "red": 0}
    real = PlannerAgent.act

    def counting(self, view):
        acted[self.side] += 1
        return real(self, view)

    monkeypatch.setattr(PlannerAgent, "act", counting)

    def run(reply):
        acted.update(blue=0, red=0)
        game, agents = play(scenario, 5, {"blue": ("search", {"iterations": 6, "level": "easy", "reply": reply}), "red": ("planner", {})},
                            max_turns=3)
        return game, agents["blue"], acted["red"]

    game, rec, with_planner = run("planner")
    assert ai.make("search", side="blue", reply="planner").reply == "planner"
    assert rec.refusals == [] and game.turn > 3
    assert all(s["errors"] == 0 and s["evaluations"] >= 2 for s in rec.agent.stats)
    _, _, with_hard = run("hard")
    assert with_planner > 2 * with_hard         # the real red planner's orders, and the look-aheads' as many again


def test_a_budget_plays_a_game(scenario):
    game, agents = play(scenario, 2, {"blue": ("search", {"budget": "50ms"}), "red": ("heuristic", {})}, max_turns=3)
    rec = agents["blue"]
    assert rec.refusals == [] and (game.turn > 3 or game.over)
    assert all(s["evaluations"] >= 1 and s["errors"] == 0 for s in rec.agent.stats)


# -- fog of war ------------------------------------------------------------------------------
def test_under_fog_its_sandboxes_hold_no_hidden_unit(fogged, monkeypatch):
    checked = []
    real_sandbox = View.sandbox

    def watched(view, seed=0):
        box = real_sandbox(view, seed)
        game = view._game                                  # the test may look at the real game
        hidden = ~visible_mask(game.state, view.side)
        assert hidden.any() or checked                     # fog hides something (at least at first)
        assert not np.any(box.state.unit_status[hidden] == Status.ACTIVE)
        assert np.all(box.state.unit_hex[hidden] == -1)
        checked.append(int(hidden.sum()))
        return box

    monkeypatch.setattr(View, "sandbox", watched)
    game, agents = play(fogged, 3, {"blue": ("search", {"iterations": 4}), "red": ("search", {"iterations": 4})})
    assert game.over and checked and max(checked) > 0
    for rec in agents.values():
        assert all(code.startswith("move/") for _, code in rec.refusals)     # only hidden units can surprise it


def test_under_fog_hidden_units_change_nothing_it_decides(fogged):
    """Its first order and its plan for the turn are the same whatever the units it cannot see do."""
    from test_fog_knowledge import perturbed

    game = engine.Game(fogged, seed=4)
    heur = {s: ai.make("heuristic", side=s, seed=4) for s in fogged.side_ids}
    rng = np.random.default_rng(1)
    compared = 0
    while not game.over and game.turn <= 5:
        if game.phase == "movement":
            side = game.active_side
            idx = fogged.side_index(side)
            hidden = ~visible_mask(game.state, idx) & (game.state.unit_status == Status.ACTIVE)
            if hidden.any():
                other = perturbed(game, idx, rng)
                picks = []
                for g in (game, other):
                    agent = SearchAgent(side, seed=4, iterations=6)
                    order = agent.act(g.view(side))
                    picks.append((repr(order), agent.plan, agent.stats[-1]["evaluations"]))
                assert picks[0] == picks[1]
                compared += 1
        ai.play_phase(game, heur[game.active_side])
    assert compared >= 3


# -- strength ------------------------------------------------------------------------------
def test_beats_random_in_every_game():
    from engine.batch import run_batch

    for hero, villain in (("blue", "red"), ("red", "blue")):
        result = run_batch(SCENARIO, 3, seed=500, agents={hero: ("search", {}), villain: ("random", {})}, workers=1)
        assert result["summary"]["wins"][hero]["wins"] == 3, result["summary"]
