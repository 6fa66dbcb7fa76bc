"""Play-by-e-mail turn files from a stranger: a mutated real turn file either opens as the
opponent's turn or is refused with a PbemError for the player to read, quickly, never with a
traceback, and it never writes anything (opening a file records nothing).

Examples per test: WARGAME_FUZZ_EXAMPLES (default 25; the issue's 400 per file kind is
`WARGAME_FUZZ_EXAMPLES=400`). The mutations are those of the save and replay fuzz tests.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_fuzz_saves import FUZZ, SECONDS, mutate_bytes, mutate_structure

import engine
import engine.ai

SCENARIOS = ["tutorial_river", "normandy_1944"]


@pytest.fixture(scope="module")
def turn_files(tmp_path_factory) -> dict[str, bytes]:
    """A real turn file of each scenario: the first side's first turn played, sent to the second."""
    import ui.pbem as pbem
    from ui.session import Session

    folder = tmp_path_factory.mktemp("turns")
    files = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pbem, "data_dir", lambda: folder / "data")
        for name in SCENARIOS:
            scenario = engine.load_scenario(name)
            first = scenario.side_ids[0]
            session = Session.new(name, seed=3, mode=first, pbem=True)
            agent = engine.ai.make("random", side=first, seed=3)
            while session.game.active_side == first and not session.game.over:
                engine.ai.play_phase(session.game, agent)
            files[name] = pbem.write_turn(session, folder=folder).read_bytes()
    return files


@pytest.fixture()
def ledger(tmp_path, monkeypatch) -> Path:
    import ui.pbem as pbem

    data = tmp_path / "data"
    monkeypatch.setattr(pbem, "data_dir", lambda: data)
    return data


def check_open(path: Path, data: Path) -> None:
    """read_turn gives the opponent's session or a PbemError with a message; nothing written."""
    from ui.pbem import PbemError, read_turn

    t0 = time.perf_counter()
    try:
        session = read_turn(path)
    except PbemError as exc:
        assert str(exc).strip(), "a refusal says why"
    else:
        assert session.game.active_side in session.scenario.side_ids
    assert time.perf_counter() - t0 < SECONDS, "a hostile turn file must be answered quickly"
    assert not data.exists() or not any(data.rglob("*")), "opening a turn file records nothing"


@pytest.mark.parametrize("name", SCENARIOS)
@FUZZ
@given(data=st.data())
def test_byte_mutations_of_real_turn_files_open_or_are_refused(turn_files, ledger, tmp_path, name, data):
    path = tmp_path / "turn.json"
    path.write_bytes(mutate_bytes(turn_files[name], data))
    check_open(path, ledger)


@pytest.mark.parametrize("name", SCENARIOS)
@FUZZ
@given(data=st.data())
def test_structure_mutations_of_real_turn_files_open_or_are_refused(turn_files, ledger, tmp_path, name, data):
    doc = json.loads(turn_files[name])
    if data.draw(st.booleans()):
        doc["save"] = mutate_structure(doc["save"], data)     # the game inside the file
    else:
        doc = mutate_structure(doc, data)                     # the envelope: kind, ids, sides, counts
    try:
        text = json.dumps(doc)
    except (RecursionError, ValueError):
        return
    path = tmp_path / "turn.json"
    path.write_text(text)
    check_open(path, ledger)


def test_the_original_turn_files_open_as_the_opponents_turn(turn_files, ledger, tmp_path):
    from ui.pbem import read_turn

    for name, raw in turn_files.items():
        path = tmp_path / f"{name}.json"
        path.write_bytes(raw)
        session = read_turn(path)
        assert session.game.active_side == engine.load_scenario(name).side_ids[1]
