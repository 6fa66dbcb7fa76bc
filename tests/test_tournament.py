"""Tournaments: the schedule (every pair on both sides, paired seeds), the Elo fit, the JSON
(identical for any number of workers), bad input, and agents that fail (in simulate too)."""
from __future__ import annotations

import json

import pytest

import engine
from engine.batch import run_batch, run_game
from engine.tournament import TournamentError, fit_elo, parse_agents, play_tournament, split_agents, tournament_json
from ui.commands.batch import run_simulate
from ui.commands.tournament import run_tournament

SCENARIO = "tutorial_river"
CRASH = "faulty_agents.CrashOnTurnTwo"          # tests/faulty_agents.py; the workers import it by name
ILLEGAL = "faulty_agents.AlwaysIllegal"


# -- the agents ----------------------------------------------------------------------------------
def test_split_agents_tells_agents_from_their_options():
    assert split_agents(["random,heuristic:level=easy,heuristic,heuristic:level=hard"]) == [
        "random", "heuristic:level=easy", "heuristic", "heuristic:level=hard"]
    assert split_agents(["heuristic:level=hard,noise=0.2,random", "search:budget=2s"]) == [
        "heuristic:level=hard,noise=0.2", "random", "search:budget=2s"]
    assert split_agents(["random:end_chance=0.5", "pkg.mod.Agent"]) == ["random:end_chance=0.5", "pkg.mod.Agent"]
    with pytest.raises(TournamentError, match="an agent option, not an agent"):
        split_agents(["level=hard,random"])


def test_parse_agents_labels_and_duplicates():
    entrants = parse_agents(["random,heuristic:level=easy", ("heuristic", {"level": "hard", "noise": 0.0})])
    assert [e[0] for e in entrants] == ["random", "heuristic:level=easy", "heuristic:level=hard,noise=0.0"]
    assert entrants[1][1:] == ("heuristic", {"level": "easy"})
    with pytest.raises(TournamentError, match="given twice"):
        parse_agents(["random,heuristic,random"])


# -- the ratings -----------------------------------------------------------------------------------
def test_fit_elo_equal_agents_rate_1500():
    results = [(0, 1, 1.0), (1, 0, 1.0), (0, 1, 0.0), (1, 0, 0.0), (0, 1, 0.5), (1, 0, 0.5)]
    fit = fit_elo(2, results)
    assert fit["elo"] == pytest.approx([1500.0, 1500.0], abs=1e-6)
    assert fit["advantage"] == pytest.approx(0.0, abs=1e-6)
    assert 0 < fit["se"][0] == pytest.approx(fit["se"][1])


def test_fit_elo_orders_agents_and_keeps_a_perfect_score_finite():
    # 0 always loses, 2 beats 1 three games in four, on both sides
    results = []
    for _ in range(10):
        results += [(0, 1, 0.0), (1, 0, 1.0), (0, 2, 0.0), (2, 0, 1.0)]
    for k in range(8):
        results += [(2, 1, 1.0 if k % 4 else 0.0), (1, 2, 0.0 if k % 4 else 1.0)]
    fit = fit_elo(3, results)
    elo = fit["elo"]
    assert sum(elo) / 3 == pytest.approx(1500.0)
    assert elo[0] < elo[1] < elo[2]
    assert 150 < elo[2] - elo[1] < 250            # 75% is about 190 Elo; the virtual draw pulls it in a little
    assert elo[1] - elo[0] < 1000 and all(0 < se < 400 for se in fit["se"])


def test_fit_elo_measures_the_first_side_advantage():
    # equal agents, the first side wins three games in four
    results = [(a, b, 1.0 if k % 4 else 0.0) for k in range(40) for a, b in ((0, 1), (1, 0))]
    fit = fit_elo(2, results)
    assert fit["elo"][0] == pytest.approx(fit["elo"][1], abs=1e-6)
    assert 150 < fit["advantage"] < 200            # 400 log10(3) = 191, less the virtual draw


# -- playing it ------------------------------------------------------------------------------------
def test_every_pair_plays_both_sides_with_paired_seeds():
    result = play_tournament(SCENARIO, ["random", "random:end_chance=0.5", "heuristic:level=easy"], games=2, seed=10, workers=1)
    labels = ["random", "random:end_chance=0.5", "heuristic:level=easy"]
    assert [a["label"] for a in result["agents"]] == labels
    games = result["games"]
    assert len(games) == 3 * 2 * 2
    for a, b in [(0, 1), (0, 2), (1, 2)]:
        for seed in (10, 11):
            played = [(g["first"], g["second"]) for g in games if g["seed"] == seed and {g["first"], g["second"]} == {labels[a], labels[b]}]
            assert sorted(played) == sorted([(labels[a], labels[b]), (labels[b], labels[a])])
    for g in games:
        assert set(g) >= {"seed", "first", "second", "winner", "level", "turns", "vp", "first_score"}
        assert isinstance(g["vp"], int)
        assert g["winner"] in (g["first"], g["second"], None)
        assert g["first_score"] == (1.0 if g["winner"] == g["first"] else 0.0 if g["winner"] == g["second"] else 0.5)
    # pairs: per side W/D/L from a's point of view add up; ratings cover every agent
    for p in result["pairs"]:
        assert p["games"] == 4 and sum(sum(v.values()) for v in p["by_side"].values()) == 4
        assert set(p["by_side"]) == {"blue", "red"}
    r = result["ratings"]["agents"]
    assert set(r) == set(labels) and sum(a["elo"] for a in r.values()) / 3 == pytest.approx(1500, abs=0.2)
    assert all(a["ci95"][0] < a["elo"] < a["ci95"][1] and a["games"] == 8 for a in r.values())
    assert r["heuristic:level=easy"]["elo"] > r["random"]["elo"]
    assert set(result.timing["agents"]) == set(labels)
    assert all(t["ms_per_side_turn"] > 0 for t in result.timing["agents"].values())


def test_json_is_identical_for_one_and_two_workers():
    agents = ["random", "heuristic:level=easy", "heuristic"]
    one = play_tournament(SCENARIO, agents, games=2, seed=3, workers=1)
    two = play_tournament(SCENARIO, agents, games=2, seed=3, workers=2)
    text = tournament_json(one)
    assert text == tournament_json(two)
    data = json.loads(text)
    assert set(data) == {"scenario", "sides", "seed", "games_per_side", "agents", "ratings", "pairs", "games", "errors", "complete"}
    assert data["complete"] is True
    assert "seconds" not in text and "ms_per_side_turn" not in text


def test_bad_arguments_raise_tournament_errors():
    with pytest.raises(TournamentError, match="at least two different agents"):
        play_tournament(SCENARIO, ["random"], games=1)
    with pytest.raises(TournamentError, match="games must be at least 1"):
        play_tournament(SCENARIO, ["random", "heuristic"], games=0)
    with pytest.raises(TournamentError, match="easy, normal, hard"):
        play_tournament(SCENARIO, ["random", "heuristic:level=medium"], games=1)


# -- agents that fail ------------------------------------------------------------------------------
def test_an_agent_that_raises_stops_its_game_unharmed(tmp_path):
    rec = run_game(SCENARIO, 5, {"blue": (CRASH, {}), "red": ("random", {})}, replay_dir=tmp_path)
    assert rec["level"] == "error" and rec["winner"] is None and rec["turns"] == 2
    err = rec["error"]
    assert err["turn"] == 2 and err["side"] == "blue" and err["agent"] == CRASH and err["phase"] == "movement"
    assert err["error"].startswith("ZeroDivisionError: deliberate failure on turn 2 (faulty_agents.py:")
    game = engine.Game.load(rec["replay"])            # the orders replay to the saved state: nothing half applied
    assert len(game.orders) == rec["orders"] and game.turn == 2 and not game.over


def test_an_agent_that_keeps_giving_illegal_orders_is_reported():
    rec = run_game(SCENARIO, 5, {"blue": ("heuristic", {}), "red": (ILLEGAL, {})})
    assert rec["level"] == "error" and rec["error"]["side"] == "red" and rec["error"]["turn"] == 1
    assert "kept giving illegal orders" in rec["error"]["error"] and "unit/unknown" in rec["error"]["error"]


def test_shipped_agents_make_no_errors():
    result = run_batch(SCENARIO, 20, seed=1, agents={"blue": ("random", {}), "red": ("random", {"uniform": True})}, workers=1)
    assert result["summary"]["errors"] == []


def test_simulate_goes_on_after_an_agent_error_and_reports_it(tmp_path, capsys):
    out = tmp_path / "r.json"
    code = run_simulate([SCENARIO, "--ai", f"blue={CRASH}", "--ai", "red=heuristic", "--games", "3", "--seed", "4",
                         "--workers", "2", "--json", str(out)])
    assert code == 0
    data = json.loads(out.read_text())
    assert [g["level"] for g in data["games"]] == ["error"] * 3
    errors = data["summary"]["errors"]
    assert [(e["seed"], e["turn"], e["side"], e["agent"]) for e in errors] == [(4, 2, "blue", CRASH), (5, 2, "blue", CRASH), (6, 2, "blue", CRASH)]
    assert all("ZeroDivisionError" in e["error"] for e in errors)
    assert data["summary"]["draws"] == 0 and data["summary"]["unfinished"] == 0
    text = capsys.readouterr().out
    assert "agent errors" in text and "seed 4, turn 2" in text and "ZeroDivisionError" in text


def test_tournament_scores_an_agent_error_as_a_loss_and_goes_on(tmp_path, capsys):
    out = tmp_path / "t.json"
    code = run_tournament([SCENARIO, "--agents", f"random,{CRASH}", "--games", "2", "--seed", "1", "--workers", "2",
                           "--json", str(out)])
    assert code == 0
    data = json.loads(out.read_text())
    assert len(data["games"]) == 4 and len(data["errors"]) == 4
    assert {(e["seed"], e["turn"], e["agent"]) for e in data["errors"]} == {(1, 2, CRASH), (2, 2, CRASH)}
    assert {e["side"] for e in data["errors"]} == {"blue", "red"}
    assert all(g["winner"] == "random" and g["level"] == "error" for g in data["games"])
    crash = data["ratings"]["agents"][CRASH]
    assert crash["errors"] == 4 and crash["losses"] == 4
    assert data["pairs"][0]["errors"] == {"random": 0, CRASH: 4}
    text = capsys.readouterr().out
    assert "4 agent errors" in text and "turn 2" in text


# -- the command -----------------------------------------------------------------------------------
def test_tournament_command_prints_the_tables_and_writes_json(tmp_path, capsys):
    out = tmp_path / "t.json"
    code = run_tournament([SCENARIO, "--agents", "random,heuristic:level=easy", "--games", "1", "--workers", "1", "--json", str(out)])
    assert code == 0
    captured = capsys.readouterr()
    for word in ("Elo", "95% CI", "W / D / L", "ms/turn", "A as blue", "A as red", "first side (blue) advantage", "JSON written"):
        assert word in captured.out, word
    data = json.loads(out.read_text())
    assert data["games_per_side"] == 1 and [a["label"] for a in data["agents"]] == ["random", "heuristic:level=easy"]
    assert data["pairs"][0]["a"] == "random" and data["pairs"][0]["games"] == 2


def test_tournament_quiet_prints_nothing(capsys):
    assert run_tournament([SCENARIO, "--agents", "random,random:end_chance=0.5", "--games", "1", "--workers", "1", "--quiet"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


@pytest.mark.parametrize("args,message", [
    (["--agents", "random,nosuch"], "unknown agent 'nosuch'"),
    (["--agents", "nosuch,random"], "(agents: "),
    (["--agents", "random,heuristic:level=medium"], "heuristic level must be one of easy, normal, hard, not 'medium'"),
    (["--agents", "random,heuristic:foo=1"], "has no option 'foo' (options: ahead, behind, commit, holes, level"),
    (["--agents", "random"], "at least two different agents (given: random; agents: "),
    (["--agents", "random,random"], "given twice"),
    (["--agents", "level=hard,random"], "not an agent"),
    (["--agents", "random,heuristic:level"], "KEY=VALUE"),
    (["--agents", "random,heuristic", "--games", "0"], "--games must be at least 1"),
    (["--agents", "random,heuristic", "--workers", "0"], "--workers must be at least 1"),
    (["--agents", "random,heuristic", "--seed", "-1"], "--seed must be >= 0"),
    (["--agents", "random,heuristic", "--json", "/no/such/folder/t.json"], "does not exist"),
    (["--games", "3"], "required: --agents"),
])
def test_tournament_usage_errors(args, message, capsys):
    code = run_tournament([SCENARIO, *args])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    if "agents: " in message:                       # the valid names are listed
        listed = err.rsplit("agents: ", 1)[1]
        assert "heuristic" in listed and "random" in listed
