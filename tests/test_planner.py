"""The operational planner: a plan per side-turn (sectors, Schwerpunkt, cut points, reserves,
counterattacks) on top of the heuristic's unit-level play, and its explanations."""
from __future__ import annotations

import json

import numpy as np
import pytest
from builders import World

import engine
from engine import ai
from engine.ai.planner import PLAN, PlannerAgent, make_plan
from engine.orders import Advance, Attack, EndPhase, Interdict, Move, Rail, Replace


@pytest.fixture(scope="module")
def tutorial():
    return engine.load_scenario("tutorial_river")


def play(scenario, seed: int, names: dict[str, str], max_turns=None):
    game = engine.Game(scenario, seed)
    agents = {s: ai.make(n, side=s, seed=seed) for s, n in names.items()}
    ai.play_game(game, agents, max_turns=max_turns)
    return game, agents


def test_the_planner_is_registered_and_plays_whole_games_with_legal_orders_only(tutorial):
    assert "planner" in ai.names()
    for seed in (1, 2):
        for me in tutorial.side_ids:
            names = {s: "planner" if s == me else "heuristic" for s in tutorial.side_ids}
            game, agents = play(tutorial, seed, names)
            assert game.over
            given = [o for o in game.orders]
            assert all(isinstance(o, (Move, Attack, Advance, Replace, Rail, Interdict, EndPhase)) for o in given)


def test_the_planner_never_has_an_order_refused(tutorial):
    refused = []

    class Watch(PlannerAgent):
        def refused(self, order, exc):
            refused.append((order, exc.code))
            super().refused(order, exc)

    game = engine.Game(tutorial, 3)
    agents = {"blue": Watch("blue", seed=3), "red": ai.make("heuristic", "red", seed=3)}
    ai.play_game(game, agents)
    assert refused == []


def test_same_seed_same_game(tutorial):
    a, _ = play(tutorial, 5, {"blue": "planner", "red": "planner"})
    b, _ = play(tutorial, 5, {"blue": "planner", "red": "planner"})
    assert a.state_hash() == b.state_hash() and a.orders == b.orders


def test_one_plan_a_side_turn_explained_with_sectors_schwerpunkt_and_axes(tutorial, tmp_path):
    path = tmp_path / "plans.jsonl"
    game = engine.Game(tutorial, 2)
    blue = ai.make("planner", "blue", seed=2, explain=str(path))
    agents = {"blue": blue, "red": ai.make("heuristic", "red", seed=2)}
    ai.play_game(game, agents, max_turns=3)
    records = [json.loads(line) for line in path.read_text().splitlines()]
    assert records == blue.explanations
    assert [r["turn"] for r in records] == [1, 2, 3]          # one plan a turn, kept for its three phases
    first = records[0]
    assert first["side"] == "blue" and first["posture"] in ("attacking", "defending")
    assert first["sectors"] and all({"from", "to", "own_attack", "enemy_defence", "ratio"} <= set(s) for s in first["sectors"])
    if first["posture"] == "attacking":
        assert first["schwerpunkt"] and all(0 <= i < len(first["sectors"]) for i in first["schwerpunkt"])


def pincer_world() -> World:
    """An enemy line fed by one road from the east; the side's armour stands on both flanks."""
    terrain = ["............"] * 7
    return (World(columns=12, rows=7, terrain=terrain, turns=6).phases("movement", "combat", "exploitation")
            .set(control={"default": "axis", "hexes": {"allies": [f"{c:02d}{r:02d}" for c in range(0, 4) for r in range(7)]}})
            .source("allies", "0003").source("axis", "1103", range=30)
            .road("1103", "1003", "0903", "0803", "0703", "0603")
            .unit("x1", "axis", "0502").unit("x2", "axis", "0503").unit("x3", "axis", "0504")
            .unit("a1", "allies", "0302").unit("a2", "allies", "0303").unit("a3", "allies", "0304")
            .unit("t1", "allies", "0500", "armour").unit("t2", "allies", "0506", "armour"))


def test_the_pincer_aims_at_the_enemys_supply_line_with_both_flanks():
    game = pincer_world().game()
    view = game.view("allies")
    agent = ai.make("planner", "allies", seed=1)
    ctx = agent.context(view)
    plan = ctx.plan
    sc = game.scenario
    assert plan.cut >= 0, "a cut point on the road that feeds the enemy line"
    assert sc.map.hex_id(plan.cut) in ("0603", "0703", "0803", "0903", "1003")
    assert {sc.units[u].id for u in plan.axis_units} == {"t1", "t2"}
    # the armour drives towards it: after the turn both tanks are nearer the cut point than before
    before = {u: plan.cut_dist[int(game.state.unit_hex[sc.unit_index[u]])] for u in ("t1", "t2")}
    for _ in range(3):
        ai.play_phase(game, agent)
    after = {u: plan.cut_dist[int(game.state.unit_hex[sc.unit_index[u]])] for u in ("t1", "t2")}
    assert all(after[u] < before[u] for u in before)


def test_a_unit_held_within_a_boundary_is_not_sent_to_a_cut_point_outside_it():
    # t1 is bound to the west of the map (columns 00-05) until turn 6: it may not reach the road
    # east of column 05, so t2 and the free t3 (farther off) are the arms
    west = [f"{c:02d}{r:02d}" for c in range(0, 6) for r in range(7)]
    world = (pincer_world().unit("t3", "allies", "0100", "armour")
             .special(rule="stand_fast", side="allies", hexes=west, units=["t1"], until_turn=6, hold=False))
    game = world.game()
    sc = game.scenario
    plan = ai.make("planner", "allies", seed=1).context(game.view("allies")).plan
    assert plan.cut >= 0 and sc.map.hex_id(plan.cut) not in west
    assert "t1" not in {sc.units[u].id for u in plan.axis_units}
    assert "t2" in {sc.units[u].id for u in plan.axis_units}


def test_a_panzer_division_next_to_a_weak_enemy_attacks():
    world = (World(columns=8, rows=3, turns=4).ignore_supply().phases("movement", "combat", "exploitation")
             .unit("pz", "axis", "0301", "armour").unit("x2", "axis", "0601")
             .unit("weak", "allies", "0401", steps=1).unit("a2", "allies", "0001"))
    game = world.set(first_side="axis").game()
    agent = ai.make("planner", "axis", seed=1)
    orders = []
    agent.applied = lambda order, events: orders.append(order)
    for _ in range(2):
        ai.play_phase(game, agent)
    assert any(isinstance(o, Attack) and "pz" in o.attackers for o in orders)


def test_a_side_with_units_cut_off_aims_its_mobile_units_at_the_pocket():
    world = (World(columns=10, rows=3, turns=6).phases("movement", "combat", "exploitation")
             .source("axis", "0001").source("allies", "0901")
             .unit("cut1", "axis", "0701").unit("cut2", "axis", "0700")
             .unit("pz", "axis", "0101", "armour").unit("pz2", "axis", "0100", "armour")
             .unit("b1", "allies", "0501").unit("b2", "allies", "0502").unit("b3", "allies", "0500").unit("b4", "allies", "0802"))
    game = world.set(first_side="axis").game()
    assert game.supply_status("cut1") == "isolated"
    agent = ai.make("planner", "axis", seed=1)
    plan = agent.context(game.view("axis")).plan
    assert plan.relief and game.scenario.map.hex_id(plan.cut) in ("0701", "0700")
    assert agent.explanations[-1]["axis"]["kind"] == "relief"


def test_a_relief_comes_from_outside_the_pocket_and_its_own_armour_holds_it():
    """The pocket's own panzer division is not sent to relieve it (it would leave the pocket's
    line); the armour outside drives in. With no armour outside there is no relief."""
    def world(outside: bool) -> World:
        w = (World(columns=10, rows=3, turns=6).phases("movement", "combat", "exploitation")
             .source("axis", "0001").source("allies", "0901")
             .unit("cut1", "axis", "0701").unit("cut2", "axis", "0700").unit("inpz", "axis", "0702", "armour")
             .unit("b1", "allies", "0501").unit("b2", "allies", "0502").unit("b3", "allies", "0500").unit("b4", "allies", "0802"))
        return w.unit("pz", "axis", "0101", "armour") if outside else w.unit("inf", "axis", "0101")
    game = world(True).set(first_side="axis").game()
    sc = game.scenario
    assert game.supply_status("inpz") == "isolated"
    plan = ai.make("planner", "axis", seed=1).context(game.view("axis")).plan
    assert plan.relief
    assert {sc.units[u].id for u in plan.axis_units} == {"pz"}
    game = world(False).set(first_side="axis").game()
    plan = ai.make("planner", "axis", seed=1).context(game.view("axis")).plan
    assert not plan.relief and plan.cut < 0


def test_make_plan_is_read_only(tutorial):
    game = engine.Game(tutorial, 1)
    before = game.state_hash()
    agent = ai.make("planner", "blue", seed=1)
    make_plan(agent.context(game.view("blue")))
    assert game.state_hash() == before


def test_the_heuristic_ignores_plans():
    from engine.ai.heuristic import HeuristicAgent

    game = engine.Game("tutorial_river", 1)
    ctx = HeuristicAgent("blue", seed=1).context(game.view("blue"))
    assert ctx.plan_score(0, np.array([1, 2]), 2.0) == 0.0


def test_simulate_explain_writes_each_games_plans(tmp_path, capsys):
    from ui.commands.batch import run_simulate

    code = run_simulate(["tutorial_river", "--ai", "blue=planner", "--ai", "red=heuristic", "--games", "2", "--seed", "4",
                         "--workers", "1", "--explain", str(tmp_path / "plans"), "--quiet"])
    assert code == 0
    files = sorted(p.name for p in (tmp_path / "plans").iterdir())
    assert files == ["tutorial_river_000004_blue.jsonl", "tutorial_river_000005_blue.jsonl"]
    lines = (tmp_path / "plans" / files[0]).read_text().splitlines()
    assert lines and all(json.loads(line)["side"] == "blue" for line in lines)
    assert run_simulate(["tutorial_river", "--ai", "heuristic", "--games", "1", "--explain", str(tmp_path / "x")]) == 2
    assert "none of these agents explains" in capsys.readouterr().err


def two_roads_world() -> World:
    """An enemy line fed from the east by two roads, one north and one south; the side's armour
    stands on both flanks."""
    terrain = ["............"] * 9
    return (World(columns=12, rows=9, terrain=terrain, turns=6).phases("movement", "combat", "exploitation")
            .set(control={"default": "axis", "hexes": {"allies": [f"{c:02d}{r:02d}" for c in range(0, 4) for r in range(9)]}})
            .source("allies", "0004").source("axis", "1101", range=30).source("axis", "1107", range=30)
            .road("1101", "1001", "0901", "0801", "0701", "0601", "0602")
            .road("1107", "1007", "0907", "0807", "0707", "0607", "0606")
            .unit("x1", "axis", "0503").unit("x2", "axis", "0504").unit("x3", "axis", "0505")
            .unit("a1", "allies", "0303").unit("a2", "allies", "0304").unit("a3", "allies", "0305")
            .unit("t1", "allies", "0400", "armour").unit("t2", "allies", "0408", "armour")
            .unit("t3", "allies", "0300", "armour").unit("t4", "allies", "0308", "armour"))


def test_a_pincer_has_two_arms_when_the_enemy_has_a_second_way_out():
    game = two_roads_world().game()
    agent = ai.make("planner", "allies", seed=1)
    plan = agent.context(game.view("allies")).plan
    sc = game.scenario
    assert len(plan.cuts) == 2, "cutting one road leaves the other: the second arm cuts it"
    rows = sorted(int(sc.map.hex_id(c)[2:]) for c in plan.cuts)
    assert rows[0] <= 3 and rows[1] >= 5, "one cut on the north road, one on the south"
    arm = {sc.units[u].id: int(sc.map.hex_id(plan.cuts[k])[2:]) for u, k in plan.arm_of.items()}
    assert arm["t1"] <= 3 and arm["t2"] >= 5, "each flank's armour drives on the cut nearest it"
    record = agent.explanations[-1]["axis"]
    assert len(record["arms"]) == 2 and all(a["units"] for a in record["arms"])


def outnumbered_world(**extra) -> World:
    world = (World(columns=10, rows=5, terrain=["." * 10] * 5, turns=6).phases("movement", "combat", "exploitation")
             .source("axis", "0902", range=30).source("allies", "0002", range=30)
             .unit("w", "axis", "0402").unit("hold", "axis", "0403")
             .unit("b1", "allies", "0301", attack=[9, 9, 9]).unit("b2", "allies", "0302", attack=[9, 9, 9])
             .unit("b3", "allies", "0303", attack=[9, 9, 9]).unit("b4", "allies", "0203", attack=[9, 9, 9]))
    return world


def test_an_outnumbered_side_falls_back_towards_its_supply():
    game = outnumbered_world().set(first_side="axis").game()
    sc = game.scenario
    assert not ai.make("planner", "axis", seed=1).context(game.view("axis")).plan.withdraw, "off unless asked for"
    agent = ai.make("planner", "axis", seed=1, withdraw=3)
    plan = agent.context(game.view("axis")).plan
    assert "w" in {sc.units[u].id for u in plan.withdraw}
    assert "w" in agent.explanations[-1]["withdrawing"]
    before = int(sc.map.hex_id(int(game.state.unit_hex[sc.unit_index["w"]]))[:2])
    ai.play_phase(game, agent)
    after = int(sc.map.hex_id(int(game.state.unit_hex[sc.unit_index["w"]]))[:2])
    assert after > before, "it moved east, towards its source and away from the enemy"


def test_units_ordered_to_stand_fast_or_holding_a_place_do_not_fall_back():
    world = (outnumbered_world().place("Keep", "0403", vp=5)
             .special(rule="stand_fast", side="axis", hexes=["0402", "0502"], units=["w"], until_turn=6))
    game = world.set(first_side="axis").game()
    plan = ai.make("planner", "axis", seed=1, withdraw=3).context(game.view("axis")).plan
    assert not plan.withdraw


@pytest.mark.parametrize("agent", ["heuristic", "planner"])
def test_a_unit_ordered_to_hold_defends_its_area_but_one_held_within_a_boundary_may_attack(agent):
    def defending(hold):
        world = (World(columns=8, rows=3, turns=4).ignore_supply()
                 .unit("a1", "allies", "0301").unit("a2", "allies", "0201").unit("x1", "axis", "0601", "infantry_brigade")
                 .special(rule="stand_fast", side="allies", hexes=[f"0{c}0{r}" for c in range(6) for r in range(3)],
                          units=["a1"], until_turn=4, hold=hold))
        game = world.game()
        ctx = ai.make(agent, "allies", seed=1).context(game.view("allies"))
        return bool(ctx.defending[game.scenario.unit_index["a1"]])

    assert defending(True)
    assert not defending(False)


def test_withdraw_0_never_falls_back_and_bad_values_are_refused():
    game = outnumbered_world().set(first_side="axis").game()
    agent = ai.make("planner", "axis", seed=1, withdraw=0)
    assert not agent.context(game.view("axis")).plan.withdraw
    for bad in (-1, "abc", 1000):
        with pytest.raises(ai.AgentError, match="withdraw"):
            ai.make("planner", "axis", seed=1, withdraw=bad)


def test_ground_lost_since_the_last_plan_marks_a_penetration_to_counterattack():
    from engine.ai.planner import Plan

    game = (World(columns=8, rows=3, turns=4).ignore_supply().phases("movement", "combat", "exploitation")
            .set(control={"default": "axis", "hexes": {"allies": ["0001", "0101", "0401"]}})
            .unit("pz", "axis", "0301", "armour").unit("x2", "axis", "0601")
            .unit("intruder", "allies", "0401").unit("a2", "allies", "0001")).set(first_side="axis").game()
    sc = game.scenario
    axis = sc.side_ids.index("axis")
    intruder = int(game.state.unit_hex[sc.unit_index["intruder"]])
    agent = ai.make("planner", "axis", seed=1)
    # when the last plan was made the axis still held the intruder's hex
    before = game.state.control.copy()
    before[intruder] = axis
    agent.plan = Plan(turn=0, side=axis, attacking=False, control=before)
    plan = agent.context(game.view("axis")).plan
    assert plan.fresh == {intruder}
    assert sc.map.label(intruder) in agent.explanations[-1]["penetrations"]


def test_a_side_ahead_accepts_the_losses_of_a_counterattack_on_a_penetration_only_with_a_mobile_unit_in_it():
    from engine import combat
    from engine.ai.heuristic import loss_weight
    from engine.ai.planner import Plan

    game = (World(columns=8, rows=3, turns=4).ignore_supply().phases("movement", "combat", "exploitation")
            .set(control={"default": "axis", "hexes": {"allies": ["0001", "0101", "0401"]}})
            .unit("pz", "axis", "0301", "armour").unit("inf", "axis", "0501")
            .unit("intruder", "allies", "0401").unit("a2", "allies", "0001")).set(first_side="axis").game()
    sc, st = game.scenario, game.state
    axis = sc.side_ids.index("axis")
    intruder = int(st.unit_hex[sc.unit_index["intruder"]])
    agent = ai.make("planner", "axis", seed=1)
    before = st.control.copy()
    before[intruder] = axis
    agent.plan = Plan(turn=0, side=axis, attacking=False, control=before)
    ctx = agent.context(game.view("axis"))
    ctx.plan.attacking = False
    ctx.loss_weight = loss_weight(ctx.params, True)     # the side is ahead on points: it holds
    assert ctx.loss_weight > loss_weight(ctx.params, False)

    def gain(unit: str) -> float:
        """What the penetration adds to the attack's expected value."""
        pv = combat.preview(st, [sc.unit_index[unit]], intruder)
        assert pv.allowed
        fresh = ctx.expected_value(pv, intruder)
        ctx.plan.fresh = set()
        try:
            return fresh - ctx.expected_value(pv, intruder)
        finally:
            ctx.plan.fresh = {intruder}

    assert ctx.plan.fresh == {intruder}
    assert gain("inf") == pytest.approx(PLAN["penetration_bonus"])       # its losses weigh as in any attack
    assert gain("pz") > PLAN["penetration_bonus"] + 0.01                 # its losses weigh less


def _ring_world(seed: int = 1):
    """An axis pocket (p1, p2, in a city) east of a line of allied units (column 4, r0-r6) that
    cuts it off from the axis source in the west; an objective the allies must take lies west
    of that line, and a weak axis unit guards it."""
    terrain = ["." * 10, "." * 10, ".......c..", ".......c..", "." * 10, "." * 10, "." * 10]
    world = (World(columns=10, rows=7, terrain=terrain, turns=6).phases("movement", "combat", "exploitation")
             .source("axis", "0006").source("allies", "0903")
             .unit("p1", "axis", "0703", steps=3).unit("p2", "axis", "0702", steps=3)
             .unit("w1", "axis", "0006", steps=1).unit("w2", "axis", "0000", steps=1))
    for row in range(7):
        world.unit(f"r{row}", "allies", f"040{row}")
    world.unit("pz", "allies", "0503", "armour").objective("west", "allies", ["0000"], by_turn=3, vp=10, fail_vp=10)
    return world.victory("allies").set(first_side="allies").game(seed)


LINE = {f"r{row}": f"040{row}" for row in range(7)}


def _cut_off(game, *uids) -> bool:
    """Are these units cut off from every source of their side as the units stand now?"""
    from engine import supply

    sc = game.scenario
    side = sc.units[sc.unit_index[uids[0]]].side
    _, connected = supply.trace(game.state, side)
    return all(connected[int(game.state.unit_hex[sc.unit_index[u]])] < 0 for u in uids)


def test_the_planner_keeps_a_pocket_closed_with_the_units_its_ring_needs():
    game = _ring_world()
    assert game.supply_status("p1") == "isolated" and game.supply_status("p2") == "isolated"
    agent = ai.make("planner", "allies", seed=1)
    plan = agent.context(game.view("allies")).plan
    sc = game.scenario
    keepers = {sc.units[u].id for u in plan.keepers}
    assert keepers and keepers <= set(LINE), "the armour is let go first; the line holds the ring"
    assert plan.ring_closed({u: int(game.state.unit_hex[u]) for u in plan.keepers})
    record = agent.explanations[-1]
    assert record["rings"] and record["rings"][0]["enemy_units"] == 2 and sorted(record["ring_keepers"]) == sorted(keepers)
    for _ in range(3):          # the allies' whole turn: movement, combat, exploitation
        ai.play_phase(game, agent)
    assert _cut_off(game, "p1", "p2")
    for uid in keepers:
        assert game.scenario.map.hex_id(int(game.state.unit_hex[sc.unit_index[uid]])) == LINE[uid]


def test_every_keeper_is_needed_and_the_others_are_let_go():
    game = _ring_world()
    agent = ai.make("planner", "allies", seed=1)
    plan = agent.context(game.view("allies")).plan
    at = {u: int(game.state.unit_hex[u]) for u in plan.keepers}
    for u in plan.keepers:
        assert not plan.ring_closed({k: h for k, h in at.items() if k != u}), "a keeper the ring does not need"
    assert len(plan.keepers) < len(LINE)
    for _ in range(3):
        ai.play_phase(game, agent)
    sc = game.scenario
    moved = [uid for uid, h in LINE.items() if sc.map.hex_id(int(game.state.unit_hex[sc.unit_index[uid]])) != h]
    assert moved, "the units the ring does not need go for the objective"


def test_mobile_units_seize_an_objective_they_must_take_by_a_deadline():
    world = (World(columns=10, rows=3, turns=6).phases("movement", "combat", "exploitation")
             .source("axis", "0901").source("allies", "0001")
             .unit("pz", "allies", "0101", "armour")
             .unit("x1", "axis", "0801").unit("x2", "axis", "0802")
             .objective("town", "allies", ["0501"], by_turn=3, vp=8, fail_vp=8)
             .victory("allies"))
    game = world.set(first_side="allies").game(1)
    agent = ai.make("planner", "allies", seed=1)
    plan = agent.context(game.view("allies")).plan
    sc = game.scenario
    assert {sc.units[u].id: sc.map.hex_id(h) for u, h in plan.seize.items()} == {"pz": "0501"}
    assert agent.explanations[-1]["seize"] == [{"unit": "pz", "objective": sc.map.label(sc.map.parse("0501"))}]
    ai.play_phase(game, agent)      # it takes the hex in the movement phase (an attack would hold it for the combat phase)
    assert sc.map.hex_id(int(game.state.unit_hex[sc.unit_index["pz"]])) == "0501"
    for _ in range(2):
        ai.play_phase(game, agent)
    assert game.state.control[sc.map.parse("0501")] == sc.side_ids.index("allies")


def deny_world(enemy_at: str, by_turn: int = 3) -> World:
    """The allies must take a town by turn `by_turn`; an axis infantry division stands on it, an allied brigade (3 hexes
    a move) comes on from the west."""
    return (World(columns=10, rows=3, turns=12).phases("movement", "combat", "exploitation")
            .source("axis", "0901").source("allies", "0001")
            .unit("a1", "allies", enemy_at, "infantry_brigade")
            .unit("x1", "axis", "0601").unit("x2", "axis", "0802")
            .objective("town", "allies", ["0601"], by_turn=by_turn, vp=8, fail_vp=8)
            .victory("allies").set(first_side="axis"))


def test_a_unit_on_an_enemy_objective_holds_it_while_the_enemy_can_reach_it(monkeypatch):
    """The enemy must take the town by turn 3 and can get onto it in its next move: the unit
    standing on it stays there (it is named under `deny` in the explanation); without the denial
    it goes out to attack."""
    ends = {}
    for deny in (1.0, 0.0):
        monkeypatch.setitem(PLAN, "deny", deny)
        game = deny_world("0301").game(1)
        sc = game.scenario
        agent = ai.make("planner", "axis", seed=1)
        plan = agent.context(game.view("axis")).plan
        assert {sc.units[u].id: sc.map.hex_id(h) for u, h in plan.deny.items()} == ({"x1": "0601"} if deny else {})
        assert agent.explanations[-1]["deny"] == ([{"unit": "x1", "objective": sc.map.label(sc.map.parse("0601"))}] if deny else [])
        for _ in range(3):
            ai.play_phase(game, agent)
        ends[deny] = sc.map.hex_id(int(game.state.unit_hex[sc.unit_index["x1"]]))
    assert ends == {1.0: "0601", 0.0: "0402"}
    # one hex farther off, the brigade cannot get onto the town in its next move: no denial
    far = deny_world("0201").game(1)
    assert ai.make("planner", "axis", seed=1).context(far.view("axis")).plan.deny == {}
    # nor while the enemy's deadline is more than `deny_turns` (10) turns away
    early = deny_world("0301", by_turn=12).game(1)
    assert ai.make("planner", "axis", seed=1).context(early.view("axis")).plan.deny == {}


def test_a_cut_off_regiment_does_not_call_off_the_arms():
    """Relief needs a pocket worth it: one cut-off step is left to its fate."""
    world = (World(columns=10, rows=3, turns=6).phases("movement", "combat", "exploitation")
             .source("axis", "0001").source("allies", "0901")
             .unit("cut1", "axis", "0701", steps=1)
             .unit("pz", "axis", "0101", "armour").unit("pz2", "axis", "0100", "armour")
             .unit("b1", "allies", "0501").unit("b2", "allies", "0502").unit("b3", "allies", "0500").unit("b4", "allies", "0802"))
    game = world.set(first_side="axis").game()
    assert game.supply_status("cut1") == "isolated"
    plan = ai.make("planner", "axis", seed=1).context(game.view("axis")).plan
    assert not plan.relief


def test_one_of_two_garrisons_is_sent_to_seize_an_objective_the_other_keeps_its_post():
    world = (World(columns=8, rows=7, turns=6).phases("movement", "combat", "exploitation")
             .source("axis", "0702").source("allies", "0002")
             .unit("g1", "allies", "0302").unit("g2", "allies", "0302")
             .unit("x1", "axis", "0502", "armour").unit("x2", "axis", "0602", "armour").unit("x3", "axis", "0306")
             .objective("held", "allies", ["0302"], by_turn=5, vp=8, fail_vp=8)
             .objective("town", "allies", ["0304"], by_turn=3, vp=8, fail_vp=8)
             .victory("allies"))
    game = world.set(first_side="allies").game(1)
    sc = game.scenario
    ctx = ai.make("planner", "allies", seed=1).context(game.view("allies"))
    seize = {sc.units[u].id: sc.map.hex_id(h) for u, h in ctx.plan.seize.items()}
    garrison = {sc.units[u].id: sc.map.hex_id(h) for u, h in ctx.reserved.items()}
    assert list(seize.values()) == ["0304"] and list(garrison.values()) == ["0302"]
    assert set(seize) | set(garrison) == {"g1", "g2"}


def pursuit_world() -> World:
    """A long road west to east; allied armour in the west, a broken axis force (one weak unit,
    north-west of the armour) and an open town far to the east, 26 hexes away: more than twice
    a day's reach."""
    world = (World(columns=30, rows=5, terrain=["." * 30] * 5, turns=6).phases("movement", "combat", "exploitation")
             .source("allies", "0004", range=60).source("axis", "2902", range=60)
             .road(*[f"{c:02d}02" for c in range(30)])
             .unit("pz", "allies", "0202", "armour").unit("pz2", "allies", "0203", "armour").unit("pz3", "allies", "0204", "armour")
             .unit("x", "axis", "0100", "infantry_brigade")
             .place("Town", "2802", vp=5)
             .set(control={"default": "axis", "hexes": {"allies": ["0004", "0104", "0103", "0202", "0203", "0204"]}})
             .victory("allies"))
    return world


def test_against_a_broken_enemy_the_mobile_units_drive_on_its_places_at_any_distance():
    game = pursuit_world().set(first_side="allies").game(1)
    sc = game.scenario
    agent = ai.make("planner", "allies", seed=1)
    plan = agent.context(game.view("allies")).plan
    chasing = {sc.units[u].id: sc.map.hex_id(h) for u, h in plan.pursuers.items()}
    assert set(chasing.values()) == {"2802"} and len(chasing) == 2, "two of the three armoured units pursue"
    town = sc.map.label(sc.map.parse("2802"))
    assert agent.explanations[-1]["pursuit"] == [{"unit": u, "place": town} for u in sorted(chasing)]
    start = {u: int(sc.map.hex_id(int(game.state.unit_hex[sc.unit_index[u]]))[:2]) for u in chasing}
    for _ in range(3):
        ai.play_phase(game, agent)
    moved = {u: int(sc.map.hex_id(int(game.state.unit_hex[sc.unit_index[u]]))[:2]) - start[u] for u in chasing}
    assert min(moved.values()) >= 8, f"they drove east up the road: {moved}"


def test_a_pursuer_attacks_only_enemy_units_on_its_way():
    game = pursuit_world().set(first_side="allies").game(1)
    sc = game.scenario
    ctx = ai.make("planner", "allies", seed=1).context(game.view("allies"))
    behind = sc.map.parse("0100")
    for u in ctx.plan.pursuers:
        assert not ctx._on_the_way(u, behind)
        assert all(c[0] != u for c in ctx.attack_options().get(behind, []))


def test_no_pursuit_while_the_enemy_holds_out():
    world = pursuit_world()
    for k in range(3):
        world.unit(f"y{k}", "axis", f"050{k + 1}").unit(f"z{k}", "axis", f"060{k + 1}")
    game = world.set(first_side="allies").game(1)
    plan = ai.make("planner", "allies", seed=1).context(game.view("allies")).plan
    assert not plan.pursuers
