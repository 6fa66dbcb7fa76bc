"""Hexes named the way a player names them: a place, or a distance and direction from one."""
from __future__ import annotations

import pytest

import engine
from engine.scenario.scenario import compass


@pytest.fixture(scope="module")
def normandy():
    return engine.load_scenario("normandy_1944")


def test_a_named_hex_is_its_place_name(normandy):
    m = normandy.map
    assert m.place(m.parse("065015")) == "Tilly-sur-Seulles"


def test_an_unnamed_hex_is_placed_from_the_nearest_named_one(normandy):
    m = normandy.map
    # One hex south-west of Tilly, 6 km hexes.
    assert m.place(m.parse("064016")) == "6 km SW of Tilly-sur-Seulles"


def test_a_hex_far_from_every_place_falls_back_to_its_id(normandy):
    m = normandy.map
    far = next(i for i in range(m.size) if m.place(i).startswith("hex "))
    assert m.place(far) == f"hex {m.hex_id(far)}"


@pytest.mark.parametrize("dq, dr, expected", [(0, -1, "N"), (0, 1, "S"), (1, 0, "SE"), (1, -1, "NE"), (-1, 1, "SW"),
                                              (-1, 0, "NW"), (2, -1, "E"), (-2, 1, "W")])
def test_compass_on_a_flat_top_map(dq, dr, expected):
    assert compass(dq, dr) == expected
