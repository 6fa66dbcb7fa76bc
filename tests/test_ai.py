"""Agents: the registry, the driver's guarantees, legality, determinism, fog, strength, speed."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from builders import World, where

import engine
import engine.ai as ai
from engine.ai import heuristic
from engine.orders import Attack, EndPhase, Move

SCENARIO = "tutorial_river"


@pytest.fixture(scope="module")
def scenario():
    return engine.load_scenario(SCENARIO)


@pytest.fixture(scope="module")
def fog_scenario(tmp_path_factory):
    """The tutorial with fog of war switched on."""
    text = (Path(engine.scenario.load.SCENARIO_DIR) / f"{SCENARIO}.yaml").read_text(encoding="utf-8")
    assert "\nair_points:" in text
    text = text.replace("\nair_points:", "\nfog_of_war: true\nair_points:", 1)
    path = tmp_path_factory.mktemp("fog") / "tutorial_fog.yaml"
    path.write_text(text, encoding="utf-8")
    sc = engine.load_scenario(path)
    assert sc.model.fog_of_war
    return sc


class Recorder:
    """Wraps an agent and notes every order it gives and every refusal it gets."""

    def __init__(self, agent):
        self.agent = agent
        self.side = agent.side
        self.given: list = []
        self.refusals: list = []
        self.applied_count = 0

    def act(self, view):
        assert view.side_id == self.side and view.active_side == self.side
        order = self.agent.act(view)
        self.given.append(order)
        return order

    def refused(self, order, exc):
        assert isinstance(exc, engine.IllegalOrder) and exc.code
        self.refusals.append((order, exc.code))
        self.agent.refused(order, exc)

    def applied(self, order, events):
        self.applied_count += 1
        self.agent.applied(order, events)


def play(scenario, seed, names, **options):
    game = engine.Game(scenario, seed)
    agents = {s: Recorder(ai.make(names[s], side=s, seed=seed, **options.get(s, {}))) for s in scenario.side_ids}
    reports = []
    ai.play_game(game, agents, on_phase=lambda g, r: reports.append(r))
    game.reports = reports
    return game, agents


# -- registry ---------------------------------------------------------------------------
def test_registry_lists_and_makes_agents():
    assert {"random", "heuristic"} <= set(ai.names())
    agent = ai.make("heuristic", side="red", seed=3, level="hard")
    assert isinstance(agent, ai.HeuristicAgent) and agent.side == "red" and agent.level == "hard"
    assert isinstance(ai.make("random", side="blue"), ai.RandomAgent)


def test_unknown_agent_suggests_the_closest_name():
    with pytest.raises(ai.AgentError, match="did you mean 'heuristic'"):
        ai.make("heuristc", side="blue")


def test_unknown_option_and_bad_level_are_refused():
    with pytest.raises(ai.AgentError, match="no option 'levle'.*did you mean 'level'"):
        ai.make("heuristic", side="blue", levle="hard")
    with pytest.raises(ai.AgentError, match="easy, normal, hard"):
        ai.make("heuristic", side="blue", level="brutal")
    for bad in ("-1", "nan", "11"):
        with pytest.raises(ai.AgentError, match="loss_weight must be a number from 0 to 10"):
            ai.make("heuristic", side="blue", loss_weight=bad)


def test_loss_weight_overrides_the_level():
    assert ai.make("heuristic", side="blue", level="hard").params["loss_weight"] == 0.85
    assert ai.make("heuristic", side="blue", level="hard", loss_weight="0.5").params["loss_weight"] == 0.5
    assert ai.make("planner", side="blue").params["loss_weight"] == 1.0      # the planner weighs its losses in full


def test_numeric_options_are_checked_and_name_their_range():
    for key, bad, words in (("threshold", "abc", "a number from -10 to 10"), ("behind", "nan", "a number from -10 to 10"),
                            ("noise", "-1", "a number from 0 to 10"), ("ahead", "-0.1", "a number from 0 to 10"),
                            ("lookahead", "2.5", "a whole number from 0 to 50"), ("seize", "2", "a whole number from 0 to 1")):
        with pytest.raises(ai.AgentError, match=f"option {key} must be {words}, not '{bad}'"):
            ai.make("heuristic", side="blue", **{key: bad})
    assert ai.make("heuristic", side="blue", lookahead="4").params["lookahead"] == 4


def test_the_hard_level_seizes_an_objective_hex_it_must_take_by_a_deadline():
    """An open objective's hex a unit can reach this turn is where the hard level sends its best
    defender, to stand on it; the normal level (and the hard one with `seize=0`) drives past it."""
    world = (World(columns=10, rows=3, turns=6).phases("movement", "combat", "exploitation")
             .source("axis", "0901").source("allies", "0001")
             .unit("pz", "allies", "0101", "armour")
             .unit("x1", "axis", "0801", "armour").unit("x2", "axis", "0802")
             .objective("town", "allies", ["0501"], by_turn=3, vp=8, fail_vp=8)
             .victory("allies"))
    ends = {}
    for options in ({"level": "hard"}, {"level": "hard", "seize": "0"}, {"level": "normal"}):
        game = world.set(first_side="allies").game(1)
        sc = game.scenario
        agent = ai.make("heuristic", "allies", seed=1, **options)
        seize = agent.context(game.view("allies")).seize
        assert {sc.units[u].id: sc.map.hex_id(h) for u, h in seize.items()} == ({"pz": "0501"} if options == {"level": "hard"} else {})
        for _ in range(3):
            ai.play_phase(game, agent)
        ends[tuple(options.values())] = sc.map.hex_id(int(game.state.unit_hex[sc.unit_index["pz"]]))
    assert ends[("hard",)] == "0501"
    assert ends[("hard", "0")] != "0501" and ends[("normal",)] != "0501"


def _attacks_planned(agent, view, ahead, weigh_losses=False):
    """The targets the agent would attack, as if it were ahead on points or not (its threshold;
    with `weigh_losses`, its loss weight too)."""
    ctx = agent.context(view)
    ctx.ahead = ahead
    if weigh_losses:
        ctx.loss_weight = heuristic.loss_weight(agent.params, ahead)
    return [p.target for p in agent._plan_attacks(ctx)]


def _planning_phases(scenario, seed, agents, turns):
    """(side, view) at each phase of a game that plans attacks, the game played on by `agents`."""
    game = engine.Game(scenario, seed)
    while not game.over and game.turn <= turns:
        side = game.active_side
        view = game.view(side)
        if view.phase in ("movement", "combat", "free"):
            yield side, view
        ai.play_phase(game, agents[side])


def test_the_hard_level_takes_even_chances_when_behind_on_points(scenario):
    """Behind on points, the hard level lowers its attack threshold by `behind` (0.05) and makes
    attacks it turns down when ahead; the normal level and the planner do not."""
    agents = {s: ai.make("heuristic", side=s, seed=5, level="hard") for s in scenario.side_ids}
    normal = {s: ai.make("heuristic", side=s, seed=5) for s in scenario.side_ids}
    planner = {s: ai.make("planner", side=s, seed=5) for s in scenario.side_ids}
    more = 0
    for side, view in _planning_phases(scenario, 5, agents, 6):
        behind, ahead = _attacks_planned(agents[side], view, False), _attacks_planned(agents[side], view, True)
        assert len(behind) >= len(ahead)
        more += len(behind) > len(ahead)
        for other in (normal[side], planner[side]):
            assert _attacks_planned(other, view, False) == _attacks_planned(other, view, True)
    assert more >= 1
    assert agents["blue"].params["behind"] == 0.05 and planner["blue"].params["behind"] == 0.0
    assert ai.make("heuristic", side="blue", level="hard", behind="0").params["behind"] == 0.0


def test_the_hard_level_weighs_its_losses_in_full_when_ahead_on_points(scenario):
    """Ahead on points, the hard level weighs its own losses as the normal level does (its 0.85
    and `ahead` 0.15) and turns down attacks it would make with `ahead=0`; behind, it does not."""
    agents = {s: ai.make("heuristic", side=s, seed=5, level="hard") for s in scenario.side_ids}
    bold = {s: ai.make("heuristic", side=s, seed=5, level="hard", ahead="0") for s in scenario.side_ids}
    fewer = 0
    for side, view in _planning_phases(scenario, 5, agents, 6):
        careful, eager = _attacks_planned(agents[side], view, True, True), _attacks_planned(bold[side], view, True, True)
        assert len(careful) <= len(eager)
        fewer += len(careful) < len(eager)
        assert _attacks_planned(agents[side], view, False, True) == _attacks_planned(bold[side], view, False, True)
    assert fewer >= 1
    assert heuristic.loss_weight(agents["blue"].params, True) == heuristic.loss_weight(heuristic.LEVELS["normal"], True)
    assert ai.make("planner", side="blue").params["ahead"] == 0.15      # the hard level's, as its play


def test_agent_randomness_depends_on_seed_and_side_only():
    a = ai.agent_rng(7, "blue").random(4)
    assert np.array_equal(a, ai.agent_rng(7, "blue").random(4))
    assert not np.array_equal(a, ai.agent_rng(7, "red").random(4))
    assert not np.array_equal(a, ai.agent_rng(8, "blue").random(4))


def test_the_random_agents_draws_are_those_of_its_generator():
    from engine.ai.random_agent import _Draws

    picks = np.random.Generator(np.random.PCG64(3))
    for seed in range(20):
        numpy_rng, draws = ai.agent_rng(seed, "blue"), _Draws(ai.agent_rng(seed, "blue"))
        for _ in range(300):
            if picks.random() < 0.4:
                assert draws.random() == numpy_rng.random()
            else:
                n = int(picks.choice([1, 2, 3, 7, 6160, 2**31 + 5, 2**32 - 1, 2**32, int(picks.integers(1, 10**6))]))
                assert draws.integers(n) == int(numpy_rng.integers(n))


# -- the driver ----------------------------------------------------------------------------
class Stubborn(ai.Agent):
    """Gives the same illegal order for ever."""

    def act(self, view):
        return Move("no_such_unit", view.scenario.hex("0000"))


class Silent(ai.Agent):
    def act(self, view):
        return None


def test_play_phase_always_ends_the_phase(scenario):
    game = engine.Game(scenario, 1)
    report = ai.play_phase(game, Stubborn("blue"), max_orders=25)
    assert report.capped and report.refused == 25 and report.applied == 1
    assert (game.active_side, game.phase) == ("blue", "combat")
    ai.play_phase(game, Silent("blue"))
    ai.play_phase(game, Silent("blue"))
    for phase in ("movement", "combat", "exploitation"):
        assert (game.active_side, game.phase) == ("red", phase)
        report = ai.play_phase(game, Silent("red"))
        assert not report.capped and report.applied == 1
    assert game.active_side == "blue" and game.turn == 2


def test_play_phase_refuses_the_wrong_side(scenario):
    game = engine.Game(scenario, 1)
    with pytest.raises(ValueError, match="blue's phase"):
        ai.play_phase(game, Silent("red"))


def test_play_game_stops_at_max_turns(scenario):
    game = engine.Game(scenario, 2)
    agents = {s: ai.make("random", side=s, seed=2) for s in scenario.side_ids}
    ai.play_game(game, agents, max_turns=2)
    assert game.turn == 3 and not game.over


# -- legality and determinism --------------------------------------------------------------
@pytest.mark.parametrize("name", ["random", "heuristic"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_agents_play_whole_games_with_legal_orders(scenario, name, seed):
    other = "random" if name == "heuristic" else "heuristic"
    for me in scenario.side_ids:
        names = {s: name if s == me else other for s in scenario.side_ids}
        game, agents = play(scenario, seed, names)
        assert game.over and game.result["winner"] in (*scenario.side_ids, None)
        rec = agents[me]
        assert rec.given and all(isinstance(o, (Move, Attack, EndPhase, engine.Advance, engine.Replace)) for o in rec.given)
        if name == "heuristic":
            assert rec.refusals == []          # the heuristic checks what it orders
        # every order is either applied (and logged) or refused (and not); the driver adds an
        # EndPhase only where an agent ran out of its cap
        for a in agents.values():
            assert len(a.given) == a.applied_count + len(a.refusals)
        capped = sum(r.capped for r in game.reports)
        assert len(game.orders) == sum(a.applied_count for a in agents.values()) + capped


@pytest.mark.parametrize("name,options", [("random", {}), ("heuristic", {}), ("heuristic", {"level": "hard"}), ("heuristic", {"level": "easy"})])
def test_same_seed_same_game(scenario, name, options):
    def run():
        game, _ = play(scenario, 11, {s: name for s in scenario.side_ids}, **{s: options for s in scenario.side_ids})
        return game.state_hash(), [repr(o) for o in game.orders]

    assert run() == run()


def test_heuristic_plays_under_fog_of_war(fog_scenario):
    game, agents = play(fog_scenario, 2, {"blue": "heuristic", "red": "heuristic"})
    assert game.over
    for a in agents.values():
        # only hidden enemy units can surprise it: moves into or through them
        assert all(code.startswith("move/") for _, code in a.refusals)
        assert len(a.refusals) <= 0.1 * len(a.given)
    replay = engine.Game.from_json(game.to_json(), scenario=fog_scenario)
    assert replay.state_hash() == game.state_hash()


def test_uniform_random_agent_uses_legal_orders(scenario):
    game, agents = play(scenario, 4, {"blue": "random", "red": "random"}, blue={"uniform": True}, red={"uniform": True})
    assert game.over


# -- strength and speed -----------------------------------------------------------------------
def test_heuristic_beats_random_from_either_side():
    from engine.batch import run_batch

    for hero, villain in (("blue", "red"), ("red", "blue")):
        result = run_batch(SCENARIO, 20, seed=1000, agents={hero: ("heuristic", {}), villain: ("random", {})}, workers=1)
        assert result["summary"]["wins"][hero]["wins"] >= 19, result["summary"]


def test_bench_helper_times_a_big_synthetic_game():
    from engine.ai.bench import heuristic_turn_times

    out = heuristic_turn_times(units_per_side=40, turns=1, columns=60, rows=40)
    assert out["phases"] and all(p["units"] > 0 and p["orders"] > 0 for p in out["phases"])
    assert 0 < out["median_ms"] < 2000


def test_the_heuristic_plays_the_phases_moves_then_attacks_then_exploits(scenario):
    game = engine.Game(scenario, 4)
    by_phase: dict[str, list] = {"movement": [], "combat": [], "exploitation": []}
    agents = {s: ai.make("heuristic", side=s, seed=4) for s in scenario.side_ids}

    def record(order, events, game=game):
        if not isinstance(order, EndPhase):
            by_phase[phase[0]].append(order)
    phase = [""]
    for a in agents.values():
        a.applied = record
    while not game.over and game.turn <= 6:
        phase[0] = game.phase
        ai.play_phase(game, agents[game.active_side])
    assert not any(isinstance(o, Attack) for o in by_phase["movement"] + by_phase["exploitation"])
    assert any(isinstance(o, Attack) for o in by_phase["combat"])
    assert not any(isinstance(o, Move) for o in by_phase["combat"])
    exploit_moves = [o for o in by_phase["exploitation"] if isinstance(o, Move)]
    assert exploit_moves and all(scenario.unit(o.unit).exploits for o in exploit_moves)


def test_the_hard_look_ahead_values_cutting_a_supply_line_as_likely_as_the_attack_is_to_clear_it():
    """An attack on the one hex that feeds an enemy line is worth the enemy steps it would cut
    off only as far as it can take the hex: a 1:1 attack that cannot clear it is worth nothing
    more, three units against it are worth the cut."""
    from builders import World

    from engine.ai.heuristic import _Plan
    terrain = ["......l.....", "......l.....", "............", "......l.....", "......l....."]
    world = (World(columns=12, rows=5, terrain=terrain, turns=4).phases("movement", "combat", "exploitation")
             .source("axis", "1102", range=30).source("allies", "0000")
             .unit("x1", "axis", "0203").unit("x2", "axis", "0303").unit("x3", "axis", "0204").unit("neck", "axis", "0602")
             .unit("a1", "allies", "0100").unit("t1", "allies", "0200", "armour").unit("t2", "allies", "0300", "armour"))
    game = world.set(first_side="allies").game()
    sc = game.scenario
    h, u = sc.map.parse, sc.unit_index
    ctx = ai.make("heuristic", "allies", seed=1, level="hard").context(game.view("allies"))
    weak = _Plan(h("0602"), [u["a1"]], {u["a1"]: h("0501")}, 0.0)
    strong = _Plan(h("0602"), [u["a1"], u["t1"], u["t2"]], {u["a1"]: h("0501"), u["t1"]: h("0501"), u["t2"]: h("0502")}, 0.0)
    assert ctx.cut_bonus(weak) == 0.0
    assert ctx.cut_bonus(strong) > 1.0


def test_the_easy_level_leaves_its_front_open_where_normal_holds_its_sector():
    """Outnumbered, the normal level holds its sector: its units close the gaps in the line two
    hexes from the enemy. The easy level is careless: it defends no sector it is not ordered to,
    so a player can find a gap in its front."""
    from builders import World

    world = (World(columns=12, rows=9, turns=4).phases("movement", "combat", "exploitation")
             .source("axis", "1104", range=30).source("allies", "0004", range=30)
             .unit("g1", "axis", "0704").unit("g2", "axis", "0904")
             .unit("a1", "allies", "0302").unit("a2", "allies", "0304").unit("a3", "allies", "0306", "armour")
             .unit("a4", "allies", "0203", "armour"))
    game = world.set(first_side="axis").game()
    sc = game.scenario
    g1 = sc.unit_index["g1"]
    normal = ai.make("heuristic", "axis", seed=1).context(game.view("axis"))
    easy = ai.make("heuristic", "axis", seed=1, level="easy").context(game.view("axis"))
    assert normal.defending[g1]
    assert not easy.defending[g1]


@pytest.mark.parametrize("name", ["heuristic", "planner"])
def test_a_unit_outside_the_area_of_its_order_marches_back_to_it(name):
    """A unit that stands outside the area its order binds it to (it was elsewhere when the order
    began) may only move nearer to it; the AI marches it there instead of leaving it where it
    stands, whatever else draws it."""
    world = (World(columns=14, rows=3, turns=6).phases("movement", "combat", "exploitation")
             .source("axis", "1301").source("allies", "0001")
             .unit("a1", "allies", "0901").unit("a2", "allies", "0201")
             .unit("x1", "axis", "1201")
             .objective("town", "allies", ["1101"], by_turn=5, vp=8)
             .special(rule="stand_fast", side="allies", hexes=["0000", "0001", "0002", "0100", "0101", "0102"], units=["a1"],
                      until_turn=6, hold=False, note="army reserve")
             .victory("allies"))
    game = world.set(first_side="allies").game(1)
    ai.play_phase(game, ai.make(name, "allies", seed=1))
    at = where(game, "a1")
    assert int(at[:2]) <= 6, at


@pytest.mark.parametrize("name, options", [("heuristic", {"holes": 1}), ("planner", {})])
def test_a_dug_in_unit_keeps_its_holes_rather_than_step_to_an_open_hex(name, options):
    """A unit's entrenchment counts only in the hex it dug in: the planner (and the heuristic with
    `holes=1`) weighs that, so a dug-in unit facing the enemy stays in its holes where the same
    unit, not dug in, steps aside to a hex that is as good on open ground."""
    def where_it_ends(level: int) -> str:
        world = (World(columns=10, rows=5, turns=6).phases("movement", "combat", "exploitation")
                 .source("axis", "0002", range=30).source("allies", "0902", range=30)
                 .unit("x1", "axis", "0502")
                 .unit("a1", "allies", "0702").unit("a2", "allies", "0701").unit("a3", "allies", "0703", "armour"))
        game = world.set(first_side="axis").game(1)
        st, u = game.state, game.scenario.unit_index["x1"]
        st.unit_dug[u], st.unit_dug_hex[u] = level, st.unit_hex[u]
        ai.play_phase(game, ai.make(name, "axis", seed=1, **options))
        return where(game, "x1")

    assert where_it_ends(0) != "0502"
    assert where_it_ends(1) == "0502"
    assert where_it_ends(2) == "0502"


@pytest.mark.parametrize("name, commits", [("heuristic:level=hard", False), ("heuristic:level=hard,commit=1", True), ("planner", True)])
def test_a_unit_placed_for_an_attack_makes_it_rather_than_turn_garrison(name, commits):
    """The allies hold a town the axis armour threatens. In the combat phase the nearest free unit
    is sent to garrison it; with `commit` (the planner's default), not one the movement phase
    placed for an attack: that one attacks (at Kalach, in November 1942, the garrison of Sovetsky,
    taken that phase, took the tank corps placed to attack the bridge)."""
    world = (World(columns=8, rows=5, turns=6).phases("movement", "combat")
             .source("axis", "0702").source("allies", "0002")
             .unit("a1", "allies", "0302").unit("x1", "axis", "0402", steps=1)
             .unit("pz", "axis", "0502", "armour").unit("pz2", "axis", "0503", "armour")
             .objective("held", "allies", ["0301"], by_turn=5, vp=8, fail_vp=8)
             .set(control={"default": "axis", "hexes": {"allies": [f"0{c}0{r}" for c in range(4) for r in range(5)]}})
             .victory("allies"))
    game = world.set(first_side="allies").game(1)
    game.apply(EndPhase())
    assert game.view("allies").phase == "combat"
    kind, _, opts = name.partition(":")
    options = dict(o.split("=") for o in opts.split(",") if o)
    sc = game.scenario
    a1 = sc.unit_index["a1"]
    free = ai.make(kind, "allies", seed=1, **options)
    assert free.context(game.view("allies")).reserved.get(a1) == sc.map.parse("0301")
    placed = ai.make(kind, "allies", seed=1, **options)
    placed._planned = {a1}
    ctx = placed.context(game.view("allies"))
    assert (a1 not in ctx.reserved) == commits
    assert (sc.map.parse("0402") in ctx.attack_options()) == commits
