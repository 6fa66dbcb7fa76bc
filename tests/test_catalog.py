"""The shipped scenarios' headers, read without loading the scenarios (`wargame list`)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import engine.catalog as catalog
from engine.catalog import read_header, shipped_headers, shipped_scenarios
from engine.errors import ScenarioError
from engine.scenario import load_scenario
from ui.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", sorted(shipped_scenarios()))
def test_a_header_says_what_the_loaded_scenario_says(name):
    header = read_header(name, shipped_scenarios()[name])
    sc = load_scenario(name)
    assert (header.title, header.start_date, header.turns) == (sc.title, sc.start_date, sc.turns)
    assert header.end_date == sc.date_of_turn(sc.turns)
    assert header.sides == tuple(side.name for side in sc.sides)


def test_the_header_is_read_without_parsing_the_rest_of_the_file(tmp_path):
    given = tmp_path / "s.yaml"
    given.write_text("title: T\nstart_date: 1944-06-06\nturns: 3\ndays_per_turn: 2\nsides: [{id: a, name: A}, {id: b, name: B}]\n"
                     "map: [unclosed\n")
    header = read_header("s", given)
    assert (header.title, header.turns, header.sides) == ("T", 3, ("A", "B"))
    assert str(header.end_date) == "1944-06-10"


@pytest.mark.parametrize("text,message", [
    ("", "empty"),
    ("- a list\n", "mapping"),
    ("title: [\n", "not valid YAML"),
    ("start_date: 1944-06-06\nturns: 3\nsides: []\n", "no title"),
    ("title: T\nstart_date: soon\nturns: 3\nsides: []\n", "start_date"),
    ("title: T\nstart_date: 1944-06-06\nturns: true\nsides: []\n", "turns"),
    ("title: T\nstart_date: 1944-06-06\nturns: 3\nsides: 7\n", "sides"),
])
def test_a_bad_header_is_one_problem_at_the_file(tmp_path, text, message):
    given = tmp_path / "bad.yaml"
    given.write_text(text)
    with pytest.raises(ScenarioError) as err:
        read_header("bad", given)
    assert message in str(err.value) and str(given) in str(err.value)


def test_list_shows_a_broken_shipped_scenario_without_hiding_the_others(tmp_path, monkeypatch, capsys):
    (tmp_path / "good.yaml").write_text("title: Good\nstart_date: 1944-06-06\nturns: 3\nsides: [{id: a, name: A}]\n")
    (tmp_path / "broken.yaml").write_text("title: [\n")
    monkeypatch.setattr(catalog, "shipped_folder", lambda kind: tmp_path)
    assert set(shipped_headers()) == {"good", "broken"}
    code = main(["list"])
    out = capsys.readouterr().out
    assert code == 0 and "Good" in out and "broken" in out and "cannot be read" in out


def test_list_says_so_when_nothing_is_shipped(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(catalog, "shipped_folder", lambda kind: tmp_path / "missing")
    assert main(["list"]) == 0
    assert "no scenarios shipped" in capsys.readouterr().out


def test_listing_imports_neither_numpy_nor_pydantic():
    """What keeps `wargame list` fast (its time is measured in benchmarks/, entry `list`)."""
    code = ("import sys; from ui.cli import main; main(['list']); "
            "print(sorted(m for m in ('numpy', 'pydantic', 'pygame', 'engine.game') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_import_engine_still_offers_every_public_name_on_first_use():
    import engine

    for name in engine.__all__:
        assert getattr(engine, name) is not None, name
    assert engine.ai.make("random", side="blue").side == "blue"
    assert set(engine.__all__) <= set(dir(engine))
    with pytest.raises(AttributeError):
        engine.no_such_name  # noqa: B018
