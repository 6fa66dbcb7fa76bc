"""Victory rules 2: sudden death judged at once, simultaneous elimination, withdrawals are no
defeat, and objectives to take by a turn or to hold until a turn (decided on the turn they are).

`Game.apply` calls `victory.after_order(state, event)` after every order. `play` below makes
that call itself as well (it is idempotent: a second call finds nothing left to judge), so
these tests check the victory rules on their own; the `test_game_apply_...` tests check that
the game makes the call.
"""
from __future__ import annotations

import textwrap

import pytest

import engine
from builders import World, events_of, hx, move, status
from engine import victory
from engine.orders import Attack, EndPhase, Move
from engine.state import Status

ALL_EX = {r: ["EX"] * 8 for r in range(1, 7)}        # every attack is an exchange: each side loses a step
ALL_DE = {r: ["DE"] * 8 for r in range(1, 7)}        # every attack eliminates the defender


def play(game: engine.Game, order) -> list:
    """Apply an order as `Game.apply` does once it judges victory after every order."""
    events = game.apply(order)
    extra = victory.after_order(game.state, game._event)
    game._emit(extra)
    return events + extra


def go(game: engine.Game, unit: str, to: str) -> list:
    return play(game, Move(unit, hx(game, to)))


def end(game: engine.Game) -> list:
    return play(game, EndPhase())


def end_turn(game: engine.Game) -> list:
    events: list = []
    turn = game.turn
    while not game.over and game.turn == turn:
        events += end(game)
    return events


def finish(game: engine.Game) -> dict:
    while not game.over:
        end(game)
    return game.result


def line(turns: int = 5) -> World:
    """A 10x1 strip: hexes 0000-0400 start the allies', 0500-0900 the axis's."""
    return (World(columns=10, rows=1, turns=turns).ignore_supply()
            .set(control={"default": "axis", "hexes": {"allies": ["0000", "0100", "0200", "0300", "0400"]}}))


def objectives(game: engine.Game) -> dict[str, dict]:
    return {o["id"]: o for o in victory.objective_state(game.state)}


# -- 1. sudden death is judged at once -------------------------------------------------------------
def sudden_world(**objective) -> World:
    return (line().unit("a1", "allies", "0300", type="armour").unit("x1", "axis", "0900")
            .victory("allies").objective("caen", "allies", ["0600"], sudden_death=True, **objective))


def test_a_sudden_death_objective_ends_the_game_the_moment_it_is_taken():
    game = sudden_world().game()
    events = go(game, "a1", "0600")
    assert game.over and game.turn == 1 and game.active_side == "allies"
    assert (game.result["winner"], game.result["level"]) == ("allies", "decisive")
    assert game.result["reason"].startswith("sudden death")
    assert [e["status"] for e in events_of(events, "objective")] == ["achieved"]
    assert game.state.objectives == {"caen": 1}
    with pytest.raises(engine.IllegalOrder):
        game.apply(EndPhase())                     # the other side gets no phase to retake it


def test_a_sudden_death_objective_past_its_deadline_no_longer_ends_the_game():
    game = sudden_world(by_turn=1, vp=5, fail_vp=3).game()
    end_turn(game)                                 # deadline missed at the end of turn 1
    assert objectives(game)["caen"]["status"] == "failed"
    go(game, "a1", "0600")
    assert not game.over


def test_a_side_whose_last_unit_is_eliminated_loses_at_once():
    game = (line().rules(combat={"table": ALL_DE})
            .unit("a1", "allies", "0400").unit("x1", "axis", "0500").game())
    play(game, Attack(("a1",), hx(game, "0500")))
    assert status(game, "x1") == "eliminated"
    assert game.over and game.turn == 1 and game.active_side == "allies"
    assert (game.result["winner"], game.result["level"]) == ("allies", "decisive")


def test_game_apply_judges_sudden_death_after_each_order():
    # through Game.apply alone: the game calls victory.after_order itself
    game = sudden_world().game()
    events = move(game, "a1", "0600")
    assert game.over and game.result["level"] == "decisive"
    assert events_of(events, "game_over") and game.events[-1].kind == "game_over"


# -- 2. both sides out of units at once ------------------------------------------------------------
def exchange_world(first: str = "allies") -> World:
    # one-step units: an exchange eliminates the attacker and the defender together
    return (line().rules(combat={"table": ALL_EX}).set(first_side=first)
            .place("Caen", "0700", vp=5)
            .unit("a1", "allies", "0400", steps=1).unit("x1", "axis", "0500", steps=1)
            .victory("allies"))


@pytest.mark.parametrize("first", ["allies", "axis"])
def test_both_sides_losing_their_last_unit_at_once_ends_the_game_on_victory_points(first):
    game = exchange_world(first).game()
    if first == "allies":
        play(game, Attack(("a1",), hx(game, "0500")))
    else:
        play(game, Attack(("x1",), hx(game, "0400")))
    assert status(game, "a1") == status(game, "x1") == "eliminated"
    assert game.over and game.turn == 1
    # Caen (5 VP) is the axis's: the allies' net VP is -5, whoever moved first
    assert game.result["vp"] == -5
    assert (game.result["winner"], game.result["level"]) == ("axis", "marginal")
    assert "no units left" in game.result["reason"]


def test_both_sides_out_of_units_uses_the_victory_levels():
    levels = [{"name": "Allies win", "winner": "allies", "level": "marginal", "min_vp": 1},
              {"name": "Stalemate", "winner": None, "level": "draw", "min_vp": -10}]
    game = exchange_world().victory("allies", levels=levels).game()
    play(game, Attack(("a1",), hx(game, "0500")))
    assert (game.result["name"], game.result["winner"], game.result["level"]) == ("Stalemate", None, "draw")


def test_both_sides_out_of_units_is_also_judged_by_the_end_of_phase_check():
    # victory.sudden_death (called at the end of a phase too) judges every side at once
    game = exchange_world().game()
    game.state.unit_status[:] = Status.ELIMINATED
    events = victory.sudden_death(game.state, game._event)
    assert game.over and game.result["winner"] == "axis" and game.result["level"] == "marginal"
    assert events_of(events, "game_over")


# -- 3. withdrawals are no defeat --------------------------------------------------------------------
def test_a_side_whose_last_unit_is_withdrawn_is_not_defeated():
    game = (line(turns=4).unit("a1", "allies", "0300").unit("x1", "axis", "0900")
            .place("Caen", "0200", vp=5).withdrawal(2, "a1").victory("allies").game())
    end_turn(game)                                 # the allies' turn 2 has begun: a1 withdrawn
    assert status(game, "a1") == "withdrawn"
    assert not game.over
    end(game)
    assert not game.over                           # the axis plays on
    result = finish(game)
    assert result["reason"] == "last turn played"
    assert result["vp"] == 5 and result["winner"] == "allies"


def test_a_side_with_one_unit_eliminated_and_the_last_withdrawn_is_not_defeated():
    game = (line(turns=4).rules(combat={"table": ALL_EX})
            .unit("a1", "allies", "0400", steps=1).unit("a2", "allies", "0000").unit("x1", "axis", "0500", steps=2)
            .withdrawal(2, "a2").victory("allies").game())
    play(game, Attack(("a1",), hx(game, "0500")))
    assert status(game, "a1") == "eliminated" and not game.over
    end_turn(game)
    assert status(game, "a2") == "withdrawn"
    end(game)
    assert not game.over
    assert finish(game)["reason"] == "last turn played"


def test_sides_losing_their_last_units_together_end_on_points_even_after_withdrawals():
    # the axis's x1 is withdrawn on turn 1; on turn 2 an exchange eliminates the last unit of each side
    game = (line(turns=4).rules(combat={"table": ALL_EX})
            .unit("a1", "allies", "0400", steps=1).unit("x1", "axis", "0900").unit("x2", "axis", "0500", steps=1)
            .withdrawal(1, "x1").place("Caen", "0700", vp=5).victory("allies").game())
    end_turn(game)
    assert status(game, "x1") == "withdrawn" and not game.over
    play(game, Attack(("a1",), hx(game, "0500")))
    assert status(game, "a1") == status(game, "x2") == "eliminated"
    assert game.over and (game.result["winner"], game.result["level"], game.result["vp"]) == ("axis", "marginal", -5)


# -- 4. take and hold objectives -----------------------------------------------------------------------
def hold_world(**objective) -> World:
    return (line(turns=5).unit("a1", "allies", "0300", type="armour").unit("x1", "axis", "0900")
            .victory("allies")
            .objective("hold_falaise", "axis", ["0600"], kind="hold", vp=6, fail_vp=4, **objective))


def test_an_objective_is_a_take_objective_by_default():
    sc = hold_world(until_turn=3).objective("t", "allies", ["0700"], by_turn=2).build()
    kinds = {o.id: o.kind for o in sc.model.victory.objectives}
    assert kinds == {"hold_falaise": "hold", "t": "take"}


def test_a_hold_objective_fails_the_moment_its_hex_is_lost():
    game = hold_world(until_turn=3).game()
    events = go(game, "a1", "0600")
    got = events_of(events, "objective")
    assert [(e["objective"], e["status"]) for e in got] == [("hold_falaise", "failed")]
    o = objectives(game)["hold_falaise"]
    assert (o["status"], o["decided_turn"], o["failed"], o["counts"], o["turn"]) == ("failed", 1, True, False, None)
    assert game.state.objectives == {"hold_falaise": -1}
    assert victory.score(game.state)["objectives"] == 4          # the axis's fail_vp, for the allies


def test_a_failed_hold_objective_stays_failed_when_the_hex_is_retaken():
    game = hold_world(until_turn=3).game()
    go(game, "a1", "0600")
    go(game, "a1", "0300")
    end(game)
    go(game, "x1", "0600")
    finish(game)
    o = objectives(game)["hold_falaise"]
    assert (o["status"], o["decided_turn"]) == ("failed", 1)
    assert game.result["vp"] == 4


def test_a_hold_objective_is_achieved_at_the_end_of_its_turn():
    game = hold_world(until_turn=3).game()
    end_turn(game)
    end_turn(game)
    assert objectives(game)["hold_falaise"]["status"] == "open"
    assert victory.score(game.state)["objectives"] == 0          # not scored before it is decided
    events = end_turn(game)
    got = events_of(events, "objective")
    assert [(e["objective"], e["status"], e.turn) for e in got] == [("hold_falaise", "achieved", 3)]
    o = objectives(game)["hold_falaise"]
    assert (o["status"], o["decided_turn"], o["turn"], o["counts"]) == ("achieved", 3, 3, True)
    assert victory.score(game.state)["objectives"] == -6


def test_a_hold_objective_lost_after_its_turn_still_counts():
    game = hold_world(until_turn=1).game()
    end_turn(game)
    go(game, "a1", "0600")
    finish(game)
    o = objectives(game)["hold_falaise"]
    assert (o["status"], o["decided_turn"]) == ("achieved", 1)
    assert game.result["vp"] == -6


def test_a_hold_objective_lost_on_its_last_turn_fails():
    game = hold_world(until_turn=2).game()
    end_turn(game)
    go(game, "a1", "0600")
    assert objectives(game)["hold_falaise"]["status"] == "failed"
    assert objectives(game)["hold_falaise"]["decided_turn"] == 2


def test_a_hold_objective_without_a_turn_is_held_to_the_end():
    game = hold_world().game()
    events = []
    while not game.over:
        events += end(game)
    o = objectives(game)["hold_falaise"]
    assert (o["status"], o["decided_turn"]) == ("achieved", 5)
    assert [e["status"] for e in events_of(events, "objective")] == ["achieved"]
    assert game.result["vp"] == -6


def test_a_sudden_death_hold_objective_ends_the_game_when_it_is_achieved():
    game = hold_world(until_turn=2, sudden_death=True).game()
    end_turn(game)
    end_turn(game)
    assert game.over and game.turn == 2
    assert (game.result["winner"], game.result["level"]) == ("axis", "decisive")


def take_world(**objective) -> World:
    return (line(turns=5).unit("a1", "allies", "0300", type="armour").unit("x1", "axis", "0900")
            .victory("allies").objective("take_caen", "allies", ["0600"], vp=5, fail_vp=3, **objective))


def test_a_take_objective_is_achieved_on_the_turn_it_is_taken():
    game = take_world(kind="take", by_turn=3).game()
    end_turn(game)
    go(game, "a1", "0600")
    events = end_turn(game)
    got = events_of(events, "objective")
    assert [(e["objective"], e["status"], e.turn) for e in got] == [("take_caen", "achieved", 2)]
    o = objectives(game)["take_caen"]
    assert (o["status"], o["decided_turn"], o["turn"], o["counts"]) == ("achieved", 2, 2, True)
    go(game, "a1", "0300")
    end(game)
    go(game, "x1", "0600")                        # retaken: it was achieved for good
    assert finish(game)["vp"] == 5


def test_a_take_objective_fails_at_the_end_of_its_turn():
    game = take_world(by_turn=2).game()
    end_turn(game)
    assert objectives(game)["take_caen"]["status"] == "open"
    events = end_turn(game)
    got = events_of(events, "objective")
    assert [(e["objective"], e["status"], e.turn) for e in got] == [("take_caen", "failed", 2)]
    o = objectives(game)["take_caen"]
    assert (o["status"], o["decided_turn"], o["failed"], o["turn"]) == ("failed", 2, True, None)
    assert game.state.objectives == {"take_caen": -2}
    go(game, "a1", "0600")
    end_turn(game)
    assert objectives(game)["take_caen"]["status"] == "failed"
    assert finish(game)["vp"] == -3


def test_a_take_objective_without_a_deadline_is_decided_when_the_game_ends():
    game = take_world().game()
    end_turn(game)
    go(game, "a1", "0600")
    end_turn(game)
    o = objectives(game)["take_caen"]
    assert (o["status"], o["turn"], o["held"], o["counts"]) == ("open", 2, True, True)
    events = []
    while not game.over:
        events += end(game)
    o = objectives(game)["take_caen"]
    assert (o["status"], o["decided_turn"]) == ("achieved", 5)
    assert [e["status"] for e in events_of(events, "objective")] == ["achieved"]


def test_objective_state_keeps_the_keys_the_ui_reads():
    game = take_world(by_turn=2).game()
    o = objectives(game)["take_caen"]
    assert {"id", "name", "side", "turn", "by_turn", "held", "counts", "failed", "vp", "fail_vp",
            "kind", "until_turn", "decided_turn", "status"} <= set(o)
    assert (o["status"], o["decided_turn"], o["kind"]) == ("open", None, "take")


def test_game_apply_fails_a_hold_objective_at_once():
    # through Game.apply alone: the game calls victory.after_order itself
    game = hold_world(until_turn=3).game()
    events = move(game, "a1", "0600")
    assert [e["status"] for e in events_of(events, "objective")] == ["failed"]


# -- validation -------------------------------------------------------------------------------------
BASE = """\
format: 1
title: Objectives
start_date: 1944-06-06
turns: 5
hex_km: 5
sides:
  - {id: allies, name: Allies}
  - {id: axis, name: Axis}
map:
  columns: 4
  rows: 1
  legend: {".": clear}
  terrain: |
    ....
units:
  - {id: a1, name: A1, side: allies, nation: allies, type: infantry, hex: "0000"}
  - {id: x1, name: X1, side: axis, nation: axis, type: infantry, hex: "0300"}
victory:
  vp_side: allies
  objectives:
    - {id: o1, name: O1, side: axis, hexes: ["0200"], OBJ}
"""
#  line 21:  - {id: o1, name: O1, side: axis, hexes: ["0200"], OBJ}
#  column of OBJ: 55


def problems(tmp_path, fields: str) -> list[str]:
    path = tmp_path / "s.yaml"
    path.write_text(BASE.replace("OBJ", fields))
    return [str(p) for p in engine.validate(path)]


def test_until_turn_on_a_take_objective_is_an_error_with_its_position(tmp_path):
    got = problems(tmp_path, "until_turn: 3")
    assert got == [f"{tmp_path / 's.yaml'}:21:67: error: until_turn is for hold objectives (kind: hold); "
                   "a take objective's deadline is by_turn"]


def test_by_turn_on_a_hold_objective_is_an_error_with_its_position(tmp_path):
    got = problems(tmp_path, "kind: hold, by_turn: 3")
    assert got == [f"{tmp_path / 's.yaml'}:21:76: error: by_turn is for take objectives; "
                   "a hold objective is held until_turn"]


def test_until_turn_after_the_last_turn_is_an_error(tmp_path):
    got = problems(tmp_path, "kind: hold, until_turn: 9")
    assert got == [f"{tmp_path / 's.yaml'}:21:79: error: turn 9 is after the last turn (5)"]


def test_an_unknown_objective_kind_is_an_error(tmp_path):
    got = problems(tmp_path, "kind: keep")
    assert len(got) == 1 and ":21:61: error:" in got[0] and "'take'" in got[0] and "'hold'" in got[0]


def test_valid_take_and_hold_objectives_load(tmp_path):
    assert problems(tmp_path, "kind: hold, until_turn: 5") == []
    assert problems(tmp_path, "kind: take, by_turn: 5") == []
    assert problems(tmp_path, "vp: 3") == []


def test_the_objectives_in_the_documentation_load(tmp_path):
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "SCENARIOS.md").read_text(encoding="utf-8")
    examples = [ln.strip() for ln in doc.splitlines() if ln.strip().startswith("- {id:") and "kind:" in ln]
    assert {"kind: take", "kind: hold"} <= {k for ln in examples for k in ("kind: take", "kind: hold") if k in ln}
    for n, example in enumerate(examples):
        side = example.split("side: ")[1].split(",")[0]
        text = textwrap.dedent(f"""\
            format: 1
            title: Documented objective
            start_date: 1944-06-06
            turns: 10
            hex_km: 5
            sides:
              - {{id: {side}, name: {side}}}
              - {{id: other, name: Other}}
            map:
              columns: 16
              rows: 16
              legend: {{".": clear}}
              terrain: |
            """) + "".join(f"    {'.' * 16}\n" for _ in range(16)) + textwrap.dedent(f"""\
            victory:
              vp_side: {side}
              objectives:
                {example}
            """)
        path = tmp_path / f"doc_{n}.yaml"
        path.write_text(text)
        assert engine.validate(path) == [], example
