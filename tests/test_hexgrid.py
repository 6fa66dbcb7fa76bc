"""Tests for engine.hexgrid.

Fixed vectors come from Red Blob Games' hex-grid implementation guide test
suite (https://www.redblobgames.com/grids/hexagons/implementation.html);
properties are checked with hypothesis.
"""

from __future__ import annotations

import math
import pickle

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.hexgrid import (
    DIAGONALS,
    DIRECTIONS,
    FLAT,
    POINTY,
    Hex,
    Layout,
    diagonal_neighbor,
    direction_between,
    distance,
    distance_field,
    format_hex_id,
    from_doubled,
    from_offset,
    hex_at,
    hex_lerp,
    hex_round,
    id_digits,
    index_of,
    length,
    line,
    map_axial,
    neighbor,
    neighbor_table,
    neighbors,
    opposite,
    parse_hex_id,
    ring,
    rotate_left,
    rotate_right,
    spiral,
    to_doubled,
    to_offset,
)

OFFSET_KINDS = ("odd-q", "even-q", "odd-r", "even-r")
DOUBLED_KINDS = ("q", "r")

coord = st.integers(min_value=-1000, max_value=1000)
hexes = st.builds(Hex, coord, coord)
small_hexes = st.builds(Hex, st.integers(-30, 30), st.integers(-30, 30))
offset_kinds = st.sampled_from(OFFSET_KINDS)
doubled_kinds = st.sampled_from(DOUBLED_KINDS)
orientations = st.sampled_from((FLAT, POINTY))


# ---------------------------------------------------------------------------
# Hex type
# ---------------------------------------------------------------------------


class TestHexType:
    def test_fields_and_s(self) -> None:
        h = Hex(1, -3)
        assert (h.q, h.r, h.s) == (1, -3, 2)
        assert h == (1, -3)

    def test_repr(self) -> None:
        assert repr(Hex(1, -2)) == "Hex(q=1, r=-2)"

    def test_immutable(self) -> None:
        h = Hex(1, 2)
        with pytest.raises(AttributeError):
            h.q = 5  # type: ignore[misc]

    def test_hashable_and_ordered(self) -> None:
        assert len({Hex(1, 2), Hex(1, 2), Hex(2, 1)}) == 2
        assert sorted([Hex(2, 0), Hex(1, 5), Hex(1, -1)]) == [Hex(1, -1), Hex(1, 5), Hex(2, 0)]
        assert Hex(0, 9) < Hex(1, -9)

    def test_arithmetic_is_vector_not_tuple(self) -> None:
        a, b = Hex(1, -3), Hex(3, -7)
        # guide: hex_add / hex_subtract (cube Hex(1,-3,2) + Hex(3,-7,4))
        assert a + b == Hex(4, -10)
        assert a - b == Hex(-2, 4)
        assert isinstance(a + b, Hex) and len(a + b) == 2
        assert a * 3 == Hex(3, -9)
        assert 3 * a == Hex(3, -9)
        assert -a == Hex(-1, 3)
        assert a * 0 == Hex(0, 0)
        assert isinstance(3 * a, Hex)

    def test_numpy_scalar_operands(self) -> None:
        a = Hex(1, -3)
        assert a * np.int64(2) == Hex(2, -6)
        assert np.int64(2) * a == Hex(2, -6)
        assert isinstance(np.int64(2) * a, Hex)
        h = Hex(np.int64(3), np.int32(-4))
        assert h == Hex(3, -4) and type(h.q) is int and type(h.r) is int

    @pytest.mark.parametrize(
        "op",
        [
            lambda a: a + (1, 2),
            lambda a: (1, 2) + a,
            lambda a: a - (1, 2),
            lambda a: (1, 2) - a,
            lambda a: a * 2.0,
            lambda a: 2.5 * a,
            lambda a: a * a,
            lambda a: a + 1,
            lambda a: 0 + a,
        ],
    )
    def test_bad_operands_raise(self, op) -> None:
        with pytest.raises(TypeError):
            op(Hex(1, 2))

    @pytest.mark.parametrize("q,r", [(1.0, 2), (1, 2.5), ("1", 2), (None, 0), (True, 0), (1, np.float64(2))])
    def test_rejects_non_integer(self, q, r) -> None:
        with pytest.raises(TypeError):
            Hex(q, r)

    def test_pickle_roundtrip(self) -> None:
        h = Hex(-4, 7)
        assert pickle.loads(pickle.dumps(h)) == h
        assert type(pickle.loads(pickle.dumps(h))) is Hex


# ---------------------------------------------------------------------------
# Red Blob Games guide test vectors
# ---------------------------------------------------------------------------


class TestGuideVectors:
    def test_direction(self) -> None:
        assert DIRECTIONS[2] == Hex(0, -1)
        assert DIRECTIONS == (Hex(1, 0), Hex(1, -1), Hex(0, -1), Hex(-1, 0), Hex(-1, 1), Hex(0, 1))

    def test_neighbor(self) -> None:
        assert neighbor(Hex(1, -2), 2) == Hex(1, -3)

    def test_diagonal(self) -> None:
        assert diagonal_neighbor(Hex(1, -2), 3) == Hex(-1, -1)

    def test_distance(self) -> None:
        assert distance(Hex(3, -7), Hex(0, 0)) == 7
        assert length(Hex(3, -7)) == 7

    def test_rotate_right(self) -> None:
        assert rotate_right(Hex(1, -3)) == Hex(3, -2)

    def test_rotate_left(self) -> None:
        assert rotate_left(Hex(1, -3)) == Hex(-2, -1)

    def test_round(self) -> None:
        a = (0.0, 0.0)
        b = (1.0, -1.0)
        c = (0.0, -1.0)
        assert hex_round(*hex_lerp((0.0, 0.0), (10.0, -20.0), 0.5)) == Hex(5, -10)
        assert hex_round(*hex_lerp(a, b, 0.499)) == hex_round(*a)
        assert hex_round(*hex_lerp(a, b, 0.501)) == hex_round(*b)
        assert hex_round(
            a[0] * 0.4 + b[0] * 0.3 + c[0] * 0.3, a[1] * 0.4 + b[1] * 0.3 + c[1] * 0.3
        ) == hex_round(*a)
        assert hex_round(
            a[0] * 0.3 + b[0] * 0.3 + c[0] * 0.4, a[1] * 0.3 + b[1] * 0.3 + c[1] * 0.4
        ) == hex_round(*c)

    def test_linedraw(self) -> None:
        assert line(Hex(0, 0), Hex(1, -5)) == [
            Hex(0, 0), Hex(0, -1), Hex(0, -2), Hex(1, -3), Hex(1, -4), Hex(1, -5)
        ]

    @pytest.mark.parametrize("orientation", [FLAT, POINTY])
    def test_layout(self, orientation) -> None:
        h = Hex(3, 4)
        layout = Layout(orientation, (10.0, 15.0), (35.0, 71.0))
        assert layout.pixel_to_hex(*layout.hex_to_pixel(h)) == h

    def test_offset_from_cube(self) -> None:
        # Guide vectors (q-offset only): Hex(1, 2, -3) -> even-q (1, 3), odd-q (1, 2).
        assert to_offset(Hex(1, 2), "even-q") == (1, 3)
        assert to_offset(Hex(1, 2), "odd-q") == (1, 2)
        # r-offset vectors are not in the guide; computed by hand from
        # col = q + (r -/+ (r & 1)) // 2:  Hex(1, 3): odd-r (2, 3), even-r (3, 3).
        assert to_offset(Hex(1, 3), "odd-r") == (2, 3)
        assert to_offset(Hex(1, 3), "even-r") == (3, 3)

    def test_offset_to_cube(self) -> None:
        assert from_offset(1, 3, "even-q") == Hex(1, 2)
        assert from_offset(1, 2, "odd-q") == Hex(1, 2)
        assert from_offset(2, 3, "odd-r") == Hex(1, 3)
        assert from_offset(3, 3, "even-r") == Hex(1, 3)

    @pytest.mark.parametrize("kind", OFFSET_KINDS)
    def test_offset_roundtrip(self, kind) -> None:
        a = Hex(3, 4)
        b = (1, -3)
        assert from_offset(*to_offset(a, kind), kind) == a
        assert to_offset(from_offset(*b, kind), kind) == b

    def test_doubled_from_cube(self) -> None:
        assert to_doubled(Hex(1, 2), "q") == (1, 5)
        assert to_doubled(Hex(1, 2), "r") == (4, 2)

    def test_doubled_to_cube(self) -> None:
        assert from_doubled(1, 5, "q") == Hex(1, 2)
        assert from_doubled(4, 2, "r") == Hex(1, 2)

    @pytest.mark.parametrize("kind", DOUBLED_KINDS)
    def test_doubled_roundtrip(self, kind) -> None:
        a = Hex(3, 4)
        b = (1, -3)
        assert from_doubled(*to_doubled(a, kind), kind) == a
        assert to_doubled(from_doubled(*b, kind), kind) == b


# ---------------------------------------------------------------------------
# Other fixed behaviour and input validation
# ---------------------------------------------------------------------------


class TestFixed:
    def test_diagonals_are_sums_of_adjacent_directions(self) -> None:
        for i in range(6):
            assert DIAGONALS[i] == DIRECTIONS[i] + DIRECTIONS[(i + 1) % 6]

    def test_neighbors_order(self) -> None:
        h = Hex(2, -5)
        assert list(neighbors(h)) == [h + d for d in DIRECTIONS]
        assert [neighbor(h, i) for i in range(6)] == list(neighbors(h))

    def test_rotation_cycles_directions(self) -> None:
        for i in range(6):
            assert rotate_left(DIRECTIONS[i]) == DIRECTIONS[(i + 1) % 6]
            assert rotate_right(DIRECTIONS[i]) == DIRECTIONS[(i - 1) % 6]

    def test_direction_between_and_opposite(self) -> None:
        h = Hex(4, -1)
        for i in range(6):
            assert direction_between(h, neighbor(h, i)) == i
            assert opposite(i) == (i + 3) % 6
            assert DIRECTIONS[opposite(i)] == -DIRECTIONS[i]
        assert direction_between(h, h) is None
        assert direction_between(h, h + DIAGONALS[0]) is None

    @pytest.mark.parametrize("bad", [-1, 6, 7])
    def test_bad_direction(self, bad) -> None:
        for fn in (lambda d: neighbor(Hex(0, 0), d), lambda d: diagonal_neighbor(Hex(0, 0), d), opposite):
            with pytest.raises(ValueError):
                fn(bad)
        with pytest.raises(TypeError):
            neighbor(Hex(0, 0), 1.0)  # type: ignore[arg-type]

    def test_ring_and_spiral_fixed(self) -> None:
        c = Hex(2, -1)
        assert ring(c, 0) == [c]
        assert ring(c, 1) == [c + DIRECTIONS[4] + sum_dirs(k) for k in range(6)]
        assert ring(c, 2)[0] == c + DIRECTIONS[4] * 2
        assert spiral(c, 0) == [c]
        assert spiral(c, 1) == [c] + ring(c, 1)
        with pytest.raises(ValueError):
            ring(c, -1)
        with pytest.raises(ValueError):
            spiral(c, -1)

    def test_line_same_hex(self) -> None:
        assert line(Hex(3, 3), Hex(3, 3)) == [Hex(3, 3)]

    def test_line_along_edge_is_stable(self) -> None:
        # Hex(0,0)->Hex(2,-4) runs exactly along hex edges; the nudge makes
        # every midpoint break the same way, so the result is deterministic.
        result = line(Hex(0, 0), Hex(2, -4))
        assert len(result) == 5
        assert result == line(Hex(0, 0), Hex(2, -4))
        assert all(distance(x, y) == 1 for x, y in zip(result, result[1:]))

    @pytest.mark.parametrize("kind", ["odd", "ODD-Q", "", "q", "oddq"])
    def test_bad_offset_kind(self, kind) -> None:
        with pytest.raises(ValueError):
            to_offset(Hex(0, 0), kind)
        with pytest.raises(ValueError):
            from_offset(0, 0, kind)
        with pytest.raises(ValueError):
            map_axial(2, 2, kind)

    def test_bad_doubled(self) -> None:
        with pytest.raises(ValueError):
            to_doubled(Hex(0, 0), "odd-q")
        with pytest.raises(ValueError):
            from_doubled(0, 0, "x")
        with pytest.raises(ValueError):
            from_doubled(1, 2, "q")  # col + row odd: not a hex centre

    def test_layout_corners(self) -> None:
        flat = Layout(FLAT, (10.0, 10.0), (0.0, 0.0))
        corners = flat.hex_corners(Hex(0, 0))
        assert len(corners) == 6
        assert corners[0] == pytest.approx((10.0, 0.0))
        pointy = Layout(POINTY, (10.0, 10.0), (5.0, 5.0))
        x, y = pointy.hex_corner_offset(0)
        assert (x, y) == pytest.approx((10.0 * math.cos(math.pi / 6), 5.0))
        for cx, cy in pointy.hex_corners(Hex(1, 1)):
            px, py = pointy.hex_to_pixel(Hex(1, 1))
            assert math.hypot(cx - px, cy - py) == pytest.approx(10.0)

    def test_layout_validation_and_immutability(self) -> None:
        with pytest.raises(ValueError):
            Layout(FLAT, (0.0, 1.0), (0.0, 0.0))
        with pytest.raises(TypeError):
            Layout("flat", (1.0, 1.0), (0.0, 0.0))  # type: ignore[arg-type]
        lay = Layout(FLAT, (1.0, 1.0), (0.0, 0.0))
        with pytest.raises(AttributeError):
            lay.size = (2.0, 2.0)  # type: ignore[misc]
        assert lay == Layout(FLAT, (1, 1), (0, 0))

    def test_hex_ids(self) -> None:
        assert format_hex_id(7, 12) == "0712"
        assert parse_hex_id("0712") == (7, 12)
        assert format_hex_id(7, 12, digits=3) == "007012"
        assert parse_hex_id("007012", digits=3) == (7, 12)
        assert parse_hex_id(" 0712\n") == (7, 12)
        for bad in ["712", "07120", "07a2", "", "07 12", "-712", "０７１２"]:
            with pytest.raises(ValueError, match="bad hex id"):
                parse_hex_id(bad)
        with pytest.raises(TypeError):
            parse_hex_id(712)  # type: ignore[arg-type]
        for col, row in [(100, 0), (0, 100), (-1, 0)]:
            with pytest.raises(ValueError):
                format_hex_id(col, row)

    def test_id_digits(self) -> None:
        assert id_digits(1, 1) == 2
        assert id_digits(40, 30) == 2
        assert id_digits(100, 20) == 2  # ids 00..99
        assert id_digits(101, 20) == 3
        assert id_digits(20, 1001) == 4
        with pytest.raises(ValueError):
            id_digits(0, 5)

    def test_map_axial_small(self) -> None:
        q, r = map_axial(3, 2, "odd-q")
        assert q.dtype == np.int32 and r.dtype == np.int32
        assert [Hex(int(a), int(b)) for a, b in zip(q, r)] == [
            from_offset(c, rr, "odd-q") for rr in range(2) for c in range(3)
        ]

    def test_index_of_and_hex_at(self) -> None:
        assert index_of(from_offset(2, 1, "odd-q"), 3, 2) == 5
        assert index_of(from_offset(3, 1, "odd-q"), 3, 2) == -1
        assert index_of(from_offset(0, -1, "odd-q"), 3, 2) == -1
        assert hex_at(5, 3) == from_offset(2, 1, "odd-q")
        with pytest.raises(ValueError):
            hex_at(-1, 3)

    def test_neighbor_table_shape(self) -> None:
        t = neighbor_table(4, 3)
        assert t.shape == (12, 6) and t.dtype == np.int32
        assert neighbor_table(1, 1).tolist() == [[-1] * 6]


def sum_dirs(k: int) -> Hex:
    """Position reached after walking directions 0..k-1 once each."""
    h = Hex(0, 0)
    for i in range(k):
        h = h + DIRECTIONS[i]
    return h


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------


@given(hexes, hexes, hexes)
def test_distance_is_metric(a: Hex, b: Hex, c: Hex) -> None:
    assert distance(a, a) == 0
    assert (distance(a, b) == 0) == (a == b)
    assert distance(a, b) == distance(b, a) >= 0
    assert distance(a, c) <= distance(a, b) + distance(b, c)
    assert distance(a, b) == length(a - b) == max(abs(a.q - b.q), abs(a.r - b.r), abs(a.s - b.s))


@given(hexes, st.integers(-50, 50))
def test_arithmetic_properties(a: Hex, k: int) -> None:
    assert a + Hex(0, 0) == a
    assert a - a == Hex(0, 0)
    assert (a * k) == (k * a) == Hex(a.q * k, a.r * k)
    assert length(a * k) == abs(k) * length(a)
    assert a.q + a.r + a.s == 0


@given(hexes)
def test_rotation_properties(h: Hex) -> None:
    assert rotate_right(rotate_left(h)) == h
    x = h
    for _ in range(6):
        x = rotate_left(x)
    assert x == h
    assert length(rotate_left(h)) == length(h)
    assert rotate_left(rotate_left(rotate_left(h))) == -h


@given(hexes)
def test_neighbors_at_distance_one(h: Hex) -> None:
    ns = neighbors(h)
    assert len(ns) == 6 and len(set(ns)) == 6
    assert all(distance(h, n) == 1 for n in ns)
    assert all(distance(h, diagonal_neighbor(h, i)) == 2 for i in range(6))


@given(hexes, offset_kinds)
def test_offset_roundtrip_property(h: Hex, kind: str) -> None:
    col, row = to_offset(h, kind)
    assert from_offset(col, row, kind) == h


@given(coord, coord, offset_kinds)
def test_offset_inverse_roundtrip_property(col: int, row: int, kind: str) -> None:
    assert to_offset(from_offset(col, row, kind), kind) == (col, row)


@given(hexes, doubled_kinds)
def test_doubled_roundtrip_property(h: Hex, kind: str) -> None:
    col, row = to_doubled(h, kind)
    assert (col + row) % 2 == 0
    assert from_doubled(col, row, kind) == h


@given(
    hexes,
    orientations,
    st.floats(0.5, 200.0),
    st.floats(0.5, 200.0),
    st.floats(-1e4, 1e4),
    st.floats(-1e4, 1e4),
)
def test_pixel_roundtrip_property(
    h: Hex, orientation, sx: float, sy: float, ox: float, oy: float
) -> None:
    layout = Layout(orientation, (sx, sy), (ox, oy))
    x, y = layout.hex_to_pixel(h)
    assert layout.pixel_to_hex(x, y) == h
    qf, rf = layout.pixel_to_hex_fractional(x, y)
    assert qf == pytest.approx(h.q, abs=1e-6) and rf == pytest.approx(h.r, abs=1e-6)
    # Points just inside the corners still belong to the hex.
    for cx, cy in layout.hex_corners(h):
        assert layout.pixel_to_hex(x + (cx - x) * 0.9, y + (cy - y) * 0.9) == h


@given(small_hexes, small_hexes)
def test_line_properties(a: Hex, b: Hex) -> None:
    result = line(a, b)
    assert len(result) == distance(a, b) + 1
    assert result[0] == a and result[-1] == b
    assert all(distance(x, y) == 1 for x, y in zip(result, result[1:]))


@given(small_hexes, st.integers(0, 12))
def test_ring_and_spiral_properties(c: Hex, radius: int) -> None:
    rg = ring(c, radius)
    assert len(rg) == (6 * radius if radius else 1)
    assert len(set(rg)) == len(rg)
    assert all(distance(c, h) == radius for h in rg)
    if radius:
        assert rg[0] == c + DIRECTIONS[4] * radius
        # consecutive (cyclically) ring hexes are adjacent
        assert all(distance(x, y) == 1 for x, y in zip(rg, rg[1:] + rg[:1]))
    sp = spiral(c, radius)
    assert len(sp) == 1 + 3 * radius * (radius + 1)
    assert len(set(sp)) == len(sp)
    assert all(distance(c, h) <= radius for h in sp)


map_sizes = st.integers(1, 9)


@settings(max_examples=60)
@given(map_sizes, map_sizes, offset_kinds)
def test_neighbor_table_matches_neighbors(cols: int, rows: int, kind: str) -> None:
    table = neighbor_table(cols, rows, kind)
    q, r = map_axial(cols, rows, kind)
    assert table.shape == (cols * rows, 6)
    for i in range(cols * rows):
        h = from_offset(i % cols, i // cols, kind)
        assert (int(q[i]), int(r[i])) == h
        assert hex_at(i, cols, kind) == h
        assert index_of(h, cols, rows, kind) == i
        for d, n in enumerate(neighbors(h)):
            col, row = to_offset(n, kind)
            expected = row * cols + col if 0 <= col < cols and 0 <= row < rows else -1
            assert table[i, d] == expected == index_of(n, cols, rows, kind)


@settings(max_examples=60)
@given(map_sizes, map_sizes, offset_kinds, st.integers(-12, 12), st.integers(-12, 12))
def test_distance_field_matches_distance(
    cols: int, rows: int, kind: str, ccol: int, crow: int
) -> None:
    center = from_offset(ccol, crow, kind)  # may be off the map
    field = distance_field(cols, rows, center, kind)
    assert field.shape == (cols * rows,) and field.dtype == np.int32
    expected = [distance(hex_at(i, cols, kind), center) for i in range(cols * rows)]
    assert field.tolist() == expected


@given(st.integers(0, 999), st.integers(0, 999), st.integers(1, 4))
def test_hex_id_roundtrip(col: int, row: int, digits: int) -> None:
    if max(col, row) >= 10**digits:
        with pytest.raises(ValueError):
            format_hex_id(col, row, digits)
        return
    text = format_hex_id(col, row, digits)
    assert len(text) == 2 * digits
    assert parse_hex_id(text, digits) == (col, row)


@given(st.integers(1, 20000), st.integers(1, 20000))
def test_id_digits_fits_all_ids(cols: int, rows: int) -> None:
    d = id_digits(cols, rows)
    format_hex_id(cols - 1, rows - 1, d)  # must not raise
    assert d == 2 or max(cols, rows) - 1 >= 10 ** (d - 1)


@given(st.lists(st.tuples(st.floats(-1e4, 1e4), st.floats(-1e4, 1e4)), min_size=1, max_size=50))
def test_hex_round_arrays_rounds_as_hex_round(points):
    from engine.hexgrid import hex_round_arrays

    q, r = hex_round_arrays([p[0] for p in points], [p[1] for p in points])
    assert [Hex(int(a), int(b)) for a, b in zip(q, r)] == [hex_round(*p) for p in points]


@pytest.mark.parametrize("kind", ["odd-q", "even-q", "odd-r", "even-r"])
def test_offset_arrays_convert_as_the_single_hex_functions(kind):
    from engine.hexgrid import axial_to_offset_arrays, offset_to_axial_arrays

    cols, rows = np.meshgrid(np.arange(-5, 6), np.arange(-5, 6))
    q, r = offset_to_axial_arrays(cols.ravel(), rows.ravel(), kind)
    assert [Hex(int(a), int(b)) for a, b in zip(q, r)] == [from_offset(int(c), int(w), kind) for c, w in zip(cols.ravel(), rows.ravel())]
    c2, r2 = axial_to_offset_arrays(q, r, kind)
    assert (c2 == cols.ravel()).all() and (r2 == rows.ravel()).all()
