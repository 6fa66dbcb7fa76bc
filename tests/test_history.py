"""A game against its history: the per-game figures of engine.history (milestones, pockets and
their fate, losses) and `wargame history`, checked against figures worked out by hand from the
replays of the same games."""
from __future__ import annotations

import json
import math
import statistics
from pathlib import Path

import pytest

import engine
from engine import history
from engine.batch import batch_json, run_batch
from engine.events import Event
from engine.orders import EndPhase, order_from_json
from ui.cli import main

ROOT = Path(__file__).resolve().parents[1]

HISTORY = """\
history:
  milestones:
    - {id: ashford, kind: place_taken, name: Ashford taken, side: blue, places: [Ashford], date: 1944-09-05, tolerance: 2, source: "invented"}
    - {id: millbrook, kind: place_taken, side: blue, places: [Millbrook], date: 1944-09-09, tolerance: 2, source: "invented"}
    - {id: hq, kind: unit_gone, unit: red_hq, how: eliminated, date: 1944-09-05, tolerance: 2, source: "invented"}
    - {id: ratio, kind: loss_ratio, side: blue, ratio: 3, tolerance: 1, date: 1944-09-16, source: "invented"}
    - {id: counter, kind: place_taken, side: red, places: [Eastwick], happens: false, date: 1944-09-16, tolerance: 0, source: "invented"}
"""


@pytest.fixture(scope="module")
def river(tmp_path_factory) -> Path:
    """The training scenario with a history block (days from 1 September 1944, 2 days a turn)."""
    path = tmp_path_factory.mktemp("history") / "river_history.yaml"
    path.write_text((ROOT / "scenarios" / "tutorial_river.yaml").read_text(encoding="utf-8") + HISTORY, encoding="utf-8")
    return path


# -- by hand, from a replay -------------------------------------------------------------------
def replayed(path: str) -> engine.Game:
    data = json.loads(Path(path).read_text())
    sc = engine.load_scenario(data["scenario_path"])
    game = engine.Game(sc, data["seed"])
    turn_ends: list[tuple[int, list[int]]] = [(0, game.state.control.tolist())]
    for raw in data["orders"]:
        order = order_from_json(raw, lambda text: sc.map.hex(sc.map.parse(str(text))))
        turn = game.turn
        game.apply(order)
        if isinstance(order, EndPhase) and (game.turn != turn or game.over):
            turn_ends.append((turn, game.state.control.tolist()))
    game.turn_ends = turn_ends  # type: ignore[attr-defined]
    return game


def first_taken(game: engine.Game, place: str, side: str) -> int | None:
    """The day (end of the turn) the side first holds the place after not holding it."""
    sc = game.scenario
    h = sc.map.index(sc.place(place))
    who = sc.side_ids.index(side)
    lost = False
    for turn, control in game.turn_ends:  # type: ignore[attr-defined]
        if control[h] != who:
            lost = True
        elif lost and turn > 0:
            return turn * 2 - 1
    return None


def by_hand(paths: list[str]) -> dict[str, list]:
    days: dict[str, list] = {"ashford": [], "millbrook": [], "hq": [], "ratio": [], "counter": []}
    for path in paths:
        game = replayed(path)
        days["ashford"].append(first_taken(game, "Ashford", "blue"))
        days["millbrook"].append(first_taken(game, "Millbrook", "blue"))
        days["counter"].append(first_taken(game, "Eastwick", "red"))
        gone = [e.turn for e in game.events if e.kind == "unit_eliminated" and e["unit"] == "red_hq"]
        days["hq"].append(gone[0] * 2 - 1 if gone else None)
        blue, red = game.state.losses
        days["ratio"].append(red / blue if blue else None)
    return days


def quartiles(values: list) -> tuple:
    """statistics' inclusive quartiles when every game reached it; None where 'never' decides."""
    if any(v is None for v in values):
        return None
    q1, med, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, med, q3


# -- the command ------------------------------------------------------------------------------
def test_the_history_report_equals_the_figures_worked_out_from_the_replays(river, tmp_path, capsys):
    # given a small batch played by `wargame history`, with its replays kept
    out, replays = tmp_path / "h.json", tmp_path / "rep"
    code = main(["history", str(river), "--ai", "heuristic", "--games", "5", "--seed", "3", "--workers", "1",
                 "--json", str(out), "--replays", str(replays), "--quiet"])
    printed = capsys.readouterr().out
    assert code == 0
    batch = json.loads(out.read_text())
    report = {row["id"]: row for row in batch["history"]["milestones"]}
    paths = [g["replay"] for g in batch["games"]]
    # when the milestones are worked out again from the replays, by hand
    hand = by_hand(paths)
    # then the report's figures are the same
    for mid in ("ashford", "millbrook", "hq"):
        row = report[mid]
        assert row["values"] == hand[mid], mid
        reached = [d for d in hand[mid] if d is not None]
        assert row["reached"] == round(len(reached) / 5, 4)
        centre = row["day"]
        assert row["in_window"] == round(sum(1 for d in reached if abs(d - centre) <= row["tolerance"]) / 5, 4)
        q = quartiles(hand[mid])
        if q is not None:
            assert (row["q1"], row["median"], row["q3"]) == pytest.approx(q)
            assert row["within"] == (abs(q[1] - centre) <= row["tolerance"])
    ratio = report["ratio"]
    assert ratio["values"] == pytest.approx(hand["ratio"])
    q1, med, q3 = statistics.quantiles(hand["ratio"], n=4, method="inclusive")
    assert (ratio["q1"], ratio["median"], ratio["q3"]) == pytest.approx((q1, med, q3), abs=1e-3)
    assert ratio["within"] == (abs(med - 3) <= 1)
    counter = report["counter"]
    assert counter["values"] == hand["counter"]
    assert counter["in_window"] == sum(1 for d in hand["counter"] if d is None or d > 15) / 5
    # and the table printed says the same
    rows = {line.split("│")[1].strip(): [c.strip() for c in line.split("│")[2:-1]] for line in printed.splitlines() if line.count("│") > 8}
    a = rows["Ashford taken"]
    assert a[0] == "4 (5 Sep)" and a[1] == "±2"
    median = report["ashford"]["median"]
    assert a[2] == "never" if median is None else a[2].startswith(f"{median:g} (")
    assert a[4] == f"{report['ashford']['reached']:.0%}" and a[6] == ("yes" if report["ashford"]["within"] else "no")
    assert rows["counter"][0] == "not by 15 (16 Sep)" and rows["counter"][6] == "yes"


def test_history_on_a_scenario_without_a_history_block_exits_1_and_says_so(capsys):
    code = main(["history", "tutorial_river", "--games", "1", "--quiet"])
    err = capsys.readouterr().err
    assert code == 1
    assert "tutorial_river has no history: block" in err and "Traceback" not in err


def test_history_refuses_a_plot_it_could_not_write_before_playing(river, capsys):
    code = main(["history", str(river), "--games", "1", "--plot", "/nonexistent/folder/chart.png", "--quiet"])
    err = capsys.readouterr().err
    assert code == 2 and "does not exist" in err and "Traceback" not in err
    code = main(["history", str(river), "--games", "1", "--plot", "chart.svg", "--quiet"])
    assert code == 2 and "ending in .png" in capsys.readouterr().err


def test_history_draws_the_timeline_chart(river, tmp_path, capsys):
    chart = tmp_path / "chart.png"
    assert main(["history", str(river), "--games", "2", "--seed", "1", "--workers", "1", "--plot", str(chart), "--quiet"]) == 0
    import pygame

    picture = pygame.image.load(str(chart))
    assert picture.get_width() >= 800 and picture.get_height() >= 5 * 30    # a row per milestone


def test_the_per_game_records_are_the_same_with_one_worker_or_two(river):
    one = run_batch(str(river), 2, 5, "heuristic", workers=1)
    two = run_batch(str(river), 2, 5, "heuristic", workers=2)
    assert batch_json(one) == batch_json(two)
    rec = one["games"][0]
    assert set(rec["milestones"]) == {"ashford", "millbrook", "hq", "ratio", "counter"}
    assert all(set(m) >= {"turn", "date", "day"} for m in rec["milestones"].values())
    assert set(rec["objective_dates"]) == set(rec["objectives"])
    for oid, turn in rec["objectives"].items():       # an objective's date is the last day of its turn
        expected = None if turn is None else f"1944-09-{turn * 2:02d}"
        assert rec["objective_dates"][oid] == expected
    assert set(rec["strength_lost"]) == {"blue", "red"} and rec["strength_lost"]["red"] > 0


# -- pockets from the event log ---------------------------------------------------------------
def _events(*items: tuple) -> list[Event]:
    return [Event(kind, turn, side, data) for kind, turn, side, data in items]


def _track(events: list[Event]) -> list[dict]:
    sc = engine.load_scenario("tutorial_river")
    tracker = history._Tracker(sc, [])
    for e in events:
        tracker.feed(e)
    tracker.finish()
    return [p.to_json(sc) for p in tracker.pockets]


def _cut(turn: int, units: list[str], hexes: list[str], steps: int) -> list[tuple]:
    return [("supply_traced", turn, "red", {}),
            ("pocket", turn, "red", {"units": units, "hexes": hexes, "size": len(units), "steps": steps, "new": turn == 2}),
            ("phase_began", turn, "red", {})]


def test_a_pocket_whose_last_unit_is_eliminated_is_destroyed():
    pockets = _track(_events(*_cut(2, ["red_10th_inf", "red_11th_inf"], ["0903", "0904"], 5),
                             *_cut(3, ["red_10th_inf", "red_11th_inf"], ["0903", "0904"], 4),
                             ("unit_eliminated", 3, "red", {"unit": "red_10th_inf", "hex": "0903"}),
                             ("unit_eliminated", 4, "red", {"unit": "red_11th_inf", "hex": "0904"})))
    assert len(pockets) == 1
    p = pockets[0]
    assert (p["turn"], p["size"], p["steps"], p["fate"], p["fate_turn"], p["units_lost"]) == (2, 2, 5, "destroyed", 4, 2)
    assert p["place"] == "Hill 112"          # 1102: two hexes from 0903-0904 (Eastwick, 0603, is three)


def test_a_pocket_that_finds_supply_where_it_stands_is_relieved_and_one_that_moved_out_broke_out():
    relieved = _track(_events(*_cut(2, ["red_10th_inf"], ["0903"], 3), ("supply_traced", 3, "red", {})))
    assert (relieved[0]["fate"], relieved[0]["fate_turn"]) == ("relieved", 3)
    broke_out = _track(_events(*_cut(2, ["red_10th_inf"], ["0903"], 3),
                               ("unit_moved", 2, "red", {"unit": "red_10th_inf", "path": ["0903", "1003", "1103", "1203"]}),
                               ("supply_traced", 3, "red", {})))
    assert broke_out[0]["fate"] == "broke_out"


def test_groups_cut_off_close_together_are_one_pocket_and_a_pocket_at_the_end_is_still_there():
    events = [("supply_traced", 2, "red", {}),
              ("pocket", 2, "red", {"units": ["red_10th_inf"], "hexes": ["0903"], "size": 1, "steps": 3, "new": True}),
              ("pocket", 2, "red", {"units": ["red_11th_inf"], "hexes": ["0905"], "size": 1, "steps": 3, "new": True}),
              ("pocket", 2, "red", {"units": ["red_12th_inf"], "hexes": ["0911"], "size": 1, "steps": 3, "new": True}),
              ("phase_began", 2, "red", {})]
    pockets = _track(_events(*events))
    assert sorted((p["size"], p["fate"]) for p in pockets) == [(1, "still_there"), (2, "still_there")]
    assert all(p["fate_turn"] is None for p in pockets)


def test_quantiles_count_games_where_it_never_happened_as_later_than_any():
    assert history.quantile([3, 5, math.inf, math.inf], 0.25) == pytest.approx(4.5)
    assert history.quantile([3, 5, math.inf, math.inf], 0.5) == math.inf
    assert history.quantile([1, 2, 3, 4], 0.5) == statistics.median([1, 2, 3, 4])
