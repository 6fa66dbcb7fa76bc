"""Golden games: the recorded event log of each shipped scenario's fixed game (tests/golden.py)."""
from __future__ import annotations

import difflib

import pytest
from golden import path_of, transcript

from engine.catalog import shipped_scenarios


@pytest.mark.parametrize("name", sorted(shipped_scenarios()))
def test_the_golden_game_plays_as_recorded(name):
    path = path_of(name)
    assert path.exists(), f"no golden game for {name}: run `make golden` and commit {path.name}"
    expected = path.read_text(encoding="utf-8")
    got = transcript(name)
    if got != expected:
        diff = difflib.unified_diff(expected.splitlines(), got.splitlines(), "recorded", "now", lineterm="", n=1)
        shown = "\n".join(list(diff)[:40])
        pytest.fail(f"the golden game on {name} has changed; if the change is meant, run `make golden` and commit "
                    f"tests/golden/{path.name}\n{shown}")
