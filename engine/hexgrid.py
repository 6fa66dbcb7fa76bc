"""Hex-grid geometry: axial/cube coordinates, offset and doubled conversions,
pixel layout, hex ids and whole-map numpy tables.

The algorithms follow Red Blob Games' "Hexagonal Grids" guide
(https://www.redblobgames.com/grids/hexagons/) so that its published test
vectors hold.  Axial ``(q, r)`` is the canonical form because addition,
distance and rotation are trivial there; offset coordinates exist only for
storage (map files, dense arrays), and pixels only for drawing.

This module deliberately depends on nothing else in the project (stdlib and
numpy only) so every other layer can use it without import cycles.
"""

from __future__ import annotations

import math
import operator
import re
from typing import Final, NamedTuple, NoReturn, Sequence

import numpy as np
import numpy.typing as npt

__all__ = [
    "Hex",
    "DIRECTIONS",
    "DIAGONALS",
    "OFFSET_KINDS",
    "DOUBLED_KINDS",
    "distance",
    "length",
    "neighbor",
    "neighbors",
    "diagonal_neighbor",
    "rotate_left",
    "rotate_right",
    "direction_between",
    "opposite",
    "hex_round",
    "hex_round_arrays",
    "hex_lerp",
    "line",
    "ring",
    "spiral",
    "to_offset",
    "from_offset",
    "offset_to_axial_arrays",
    "axial_to_offset_arrays",
    "to_doubled",
    "from_doubled",
    "Orientation",
    "FLAT",
    "POINTY",
    "Layout",
    "format_hex_id",
    "parse_hex_id",
    "id_digits",
    "map_axial",
    "index_of",
    "hex_at",
    "neighbor_table",
    "distance_field",
]

IntArray = npt.NDArray[np.int32]

# ``tuple.__new__`` bound once: the unchecked constructor used internally when
# the components are already known to be ints (sums/products of ints).
_tuple_new = tuple.__new__


def _check_int(value: object, name: str) -> int:
    """Coerce an exact integer (incl. numpy ints) to ``int``; reject others.

    Floats are rejected even when integral: a float coordinate almost always
    means a caller forgot to round, and silently truncating hides that bug.
    """
    if isinstance(value, bool):
        raise TypeError(f"{name} must be an integer, not bool")
    try:
        return operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        raise TypeError(
            f"{name} must be an integer, not {type(value).__name__} ({value!r})"
        ) from None


# ---------------------------------------------------------------------------
# Hex
# ---------------------------------------------------------------------------


class _HexFields(NamedTuple):
    q: int
    r: int


class Hex(_HexFields):
    """An axial hex coordinate (or vector) ``(q, r)``; cube ``s = -q - r``.

    A tuple subclass so creation, hashing, equality and ordering (by
    ``(q, r)``) run at C speed -- path searches create millions of these.
    Arithmetic is vector arithmetic, never tuple concatenation/repetition.
    """

    __slots__ = ()

    # Make numpy scalars/arrays defer to our reflected operators, so that
    # ``np.int64(2) * h`` is a Hex instead of an array built from the tuple.
    __array_ufunc__ = None

    def __new__(cls, q: int, r: int) -> Hex:
        # Fast path: plain ints (the overwhelmingly common case).
        if type(q) is int and type(r) is int:
            return _tuple_new(cls, (q, r))
        return _tuple_new(cls, (_check_int(q, "q"), _check_int(r, "r")))

    @property
    def s(self) -> int:
        """Third cube coordinate, derived so that ``q + r + s == 0``."""
        return -self[0] - self[1]

    def __add__(self, other: object) -> Hex:  # type: ignore[override]
        if isinstance(other, Hex):
            return _tuple_new(Hex, (self[0] + other[0], self[1] + other[1]))
        return NotImplemented

    def __radd__(self, other: object) -> Hex:
        # Reached for ``tuple + Hex`` (Python tries the subclass's reflected
        # method first); refuse instead of letting tuple concatenate.
        raise TypeError(
            f"unsupported operand type(s) for +: '{type(other).__name__}' and 'Hex'"
        )

    def __sub__(self, other: object) -> Hex:
        if isinstance(other, Hex):
            return _tuple_new(Hex, (self[0] - other[0], self[1] - other[1]))
        return NotImplemented

    def __rsub__(self, other: object) -> Hex:
        raise TypeError(
            f"unsupported operand type(s) for -: '{type(other).__name__}' and 'Hex'"
        )

    def __mul__(self, k: object) -> Hex:  # type: ignore[override]
        if type(k) is not int:
            if isinstance(k, bool) or not hasattr(k, "__index__"):
                return NotImplemented
            k = operator.index(k)  # numpy integers
        return _tuple_new(Hex, (self[0] * k, self[1] * k))  # type: ignore[operator]

    __rmul__ = __mul__  # type: ignore[assignment]

    def __neg__(self) -> Hex:
        return _tuple_new(Hex, (-self[0], -self[1]))


def _hex_unchecked(q: int, r: int) -> Hex:
    """Build a Hex from values already known to be ints (internal use)."""
    return _tuple_new(Hex, (q, r))  # type: ignore[no-any-return]


def _require_hex(h: object, name: str = "h") -> None:
    if not isinstance(h, Hex):
        raise TypeError(f"{name} must be a Hex, not {type(h).__name__}")


DIRECTIONS: Final[tuple[Hex, ...]] = (
    Hex(1, 0),
    Hex(1, -1),
    Hex(0, -1),
    Hex(-1, 0),
    Hex(-1, 1),
    Hex(0, 1),
)
"""Unit vectors; direction ``i`` and ``i + 1`` are 60 degrees apart."""

DIAGONALS: Final[tuple[Hex, ...]] = (
    Hex(2, -1),
    Hex(1, -2),
    Hex(-1, -1),
    Hex(-2, 1),
    Hex(-1, 2),
    Hex(1, 1),
)
"""``DIAGONALS[i] == DIRECTIONS[i] + DIRECTIONS[(i + 1) % 6]``."""

_DIRECTION_INDEX: Final[dict[Hex, int]] = {d: i for i, d in enumerate(DIRECTIONS)}


def _check_direction(direction: int) -> int:
    """Validate a direction index 0..5 (numpy ints accepted).

    Explicit range check: negative indices would otherwise silently wrap.
    """
    if type(direction) is int and 0 <= direction < 6:
        return direction
    direction = _check_int(direction, "direction")
    if not 0 <= direction < 6:
        raise ValueError(f"direction must be in 0..5, got {direction}")
    return direction


# ---------------------------------------------------------------------------
# Basic vector operations
# ---------------------------------------------------------------------------


def length(h: Hex) -> int:
    """Distance of ``h`` from the origin (number of steps)."""
    q, r = h
    return (abs(q) + abs(r) + abs(q + r)) >> 1


def distance(a: Hex, b: Hex) -> int:
    """Hex (Manhattan-on-cube) distance: the minimum number of steps a->b."""
    aq, ar = a
    bq, br = b
    dq = aq - bq
    dr = ar - br
    return (abs(dq) + abs(dr) + abs(dq + dr)) >> 1


def neighbor(h: Hex, direction: int) -> Hex:
    """The adjacent hex in ``DIRECTIONS[direction]`` (0..5)."""
    return h + DIRECTIONS[_check_direction(direction)]


def neighbors(h: Hex) -> tuple[Hex, ...]:
    """All six adjacent hexes, in ``DIRECTIONS`` order."""
    _require_hex(h)
    q, r = h
    return (
        _hex_unchecked(q + 1, r),
        _hex_unchecked(q + 1, r - 1),
        _hex_unchecked(q, r - 1),
        _hex_unchecked(q - 1, r),
        _hex_unchecked(q - 1, r + 1),
        _hex_unchecked(q, r + 1),
    )


def diagonal_neighbor(h: Hex, i: int) -> Hex:
    """The hex across the vertex between directions ``i`` and ``i + 1``."""
    return h + DIAGONALS[_check_direction(i)]


def rotate_left(h: Hex) -> Hex:
    """Rotate the vector ``h`` 60 degrees about the origin (dir i -> i+1)."""
    _require_hex(h)
    q, r = h
    # cube (q, r, s) -> (-s, -q, -r); in axial: (q + r, -q)
    return _hex_unchecked(q + r, -q)


def rotate_right(h: Hex) -> Hex:
    """Rotate the vector ``h`` -60 degrees about the origin (dir i -> i-1)."""
    _require_hex(h)
    q, r = h
    # cube (q, r, s) -> (-r, -s, -q); in axial: (-r, q + r)
    return _hex_unchecked(-r, q + r)


def direction_between(a: Hex, b: Hex) -> int | None:
    """Index into ``DIRECTIONS`` of ``b - a`` if adjacent, else ``None``."""
    return _DIRECTION_INDEX.get(b - a)


def opposite(direction: int) -> int:
    """The reverse direction: ``(direction + 3) % 6``."""
    return (_check_direction(direction) + 3) % 6


# ---------------------------------------------------------------------------
# Fractional hexes: rounding, interpolation, line drawing
# ---------------------------------------------------------------------------


def hex_round(q: float, r: float) -> Hex:
    """Nearest hex to fractional axial ``(q, r)`` using cube rounding.

    Rounding each cube coordinate independently can break ``q + r + s == 0``;
    the component with the largest rounding error is recomputed from the
    other two, which gives the hex that actually contains the point.
    """
    s = -q - r
    qi = round(q)
    ri = round(r)
    si = round(s)
    dq = abs(qi - q)
    dr = abs(ri - r)
    ds = abs(si - s)
    if dq > dr and dq > ds:
        qi = -ri - si
    elif dr > ds:
        ri = -qi - si
    return _hex_unchecked(int(qi), int(ri))


def hex_round_arrays(q: npt.ArrayLike, r: npt.ArrayLike) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """`hex_round` of many fractional axial points at once: int64 ``(q, r)`` arrays."""
    qf = np.asarray(q, dtype=float)
    rf = np.asarray(r, dtype=float)
    sf = -qf - rf
    qi = np.round(qf)
    ri = np.round(rf)
    si = np.round(sf)
    dq = np.abs(qi - qf)
    dr = np.abs(ri - rf)
    ds = np.abs(si - sf)
    fix_q = (dq > dr) & (dq > ds)
    fix_r = ~fix_q & (dr > ds)
    qi = np.where(fix_q, -ri - si, qi)
    ri = np.where(fix_r, -qi - si, ri)
    return qi.astype(np.int64), ri.astype(np.int64)


def hex_lerp(
    a: Sequence[float], b: Sequence[float], t: float
) -> tuple[float, float]:
    """Linear interpolation between two (possibly fractional) axial points.

    Returns fractional ``(q, r)`` (a Hex cannot hold floats); feed it to
    :func:`hex_round` to snap back to the grid.
    """
    aq, ar = a
    bq, br = b
    return (aq + (bq - aq) * t, ar + (br - ar) * t)


_LINE_EPSILON: Final = 1e-6


def line(a: Hex, b: Hex) -> list[Hex]:
    """Hexes on the straight line from ``a`` to ``b`` inclusive.

    Both endpoints are nudged by (+eps, +eps, -2eps) in cube space so sample
    points that land exactly on a hex edge round consistently to one side;
    otherwise lines along edges zig-zag unpredictably.  The result always
    has ``distance(a, b) + 1`` hexes, each adjacent to the next.
    """
    _require_hex(a, "a")
    _require_hex(b, "b")
    n = distance(a, b)
    aq = a[0] + _LINE_EPSILON
    ar = a[1] + _LINE_EPSILON
    dq = (b[0] + _LINE_EPSILON) - aq
    dr = (b[1] + _LINE_EPSILON) - ar
    step = 1.0 / max(n, 1)
    return [hex_round(aq + dq * (step * i), ar + dr * (step * i)) for i in range(n + 1)]


def ring(center: Hex, radius: int) -> list[Hex]:
    """Hexes at exactly ``radius`` from ``center`` (``[center]`` for 0).

    Starts at ``center + DIRECTIONS[4] * radius`` and walks directions 0..5,
    ``radius`` steps each, as in the guide, so the order is deterministic.
    """
    _require_hex(center, "center")
    radius = _check_int(radius, "radius")
    if radius < 0:
        raise ValueError(f"radius must be >= 0, got {radius}")
    if radius == 0:
        return [center]
    q = center[0] - radius
    r = center[1] + radius
    results: list[Hex] = []
    append = results.append
    for dq, dr in DIRECTIONS:
        for _ in range(radius):
            append(_hex_unchecked(q, r))
            q += dq
            r += dr
    return results


def spiral(center: Hex, radius: int) -> list[Hex]:
    """``center`` followed by rings 1..radius: every hex within ``radius``."""
    _require_hex(center, "center")
    radius = _check_int(radius, "radius")
    if radius < 0:
        raise ValueError(f"radius must be >= 0, got {radius}")
    results = [center]
    for k in range(1, radius + 1):
        results.extend(ring(center, k))
    return results


# ---------------------------------------------------------------------------
# Offset and doubled coordinates
# ---------------------------------------------------------------------------

OFFSET_KINDS: Final[tuple[str, ...]] = ("odd-q", "even-q", "odd-r", "even-r")
DOUBLED_KINDS: Final[tuple[str, ...]] = ("q", "r")


def _bad_offset_kind(kind: object) -> NoReturn:
    raise ValueError(
        f"unknown offset kind {kind!r}; expected one of {', '.join(OFFSET_KINDS)}"
    )


def _check_offset_kind(kind: str) -> None:
    if kind not in OFFSET_KINDS:
        _bad_offset_kind(kind)


def to_offset(h: Hex, kind: str = "odd-q") -> tuple[int, int]:
    """Axial -> offset ``(col, row)`` in one of the four conventions.

    "-q" kinds shove odd/even *columns* (flat-top maps), "-r" kinds shove
    odd/even *rows* (pointy-top maps).  ``& 1`` is used for parity because it
    is correct for negative numbers too.
    """
    q, r = h
    if kind == "odd-q":
        return q, r + ((q - (q & 1)) >> 1)
    if kind == "even-q":
        return q, r + ((q + (q & 1)) >> 1)
    if kind == "odd-r":
        return q + ((r - (r & 1)) >> 1), r
    if kind == "even-r":
        return q + ((r + (r & 1)) >> 1), r
    _bad_offset_kind(kind)


def from_offset(col: int, row: int, kind: str = "odd-q") -> Hex:
    """Offset ``(col, row)`` -> axial Hex; inverse of :func:`to_offset`."""
    if type(col) is not int or type(row) is not int:
        col = _check_int(col, "col")
        row = _check_int(row, "row")
    if kind == "odd-q":
        return _hex_unchecked(col, row - ((col - (col & 1)) >> 1))
    if kind == "even-q":
        return _hex_unchecked(col, row - ((col + (col & 1)) >> 1))
    if kind == "odd-r":
        return _hex_unchecked(col - ((row - (row & 1)) >> 1), row)
    if kind == "even-r":
        return _hex_unchecked(col - ((row + (row & 1)) >> 1), row)
    _bad_offset_kind(kind)


def _bad_doubled_kind(kind: object) -> NoReturn:
    raise ValueError(f"unknown doubled kind {kind!r}; expected 'q' or 'r'")


def _check_doubled_kind(kind: str) -> None:
    if kind not in DOUBLED_KINDS:
        _bad_doubled_kind(kind)


def to_doubled(h: Hex, kind: str) -> tuple[int, int]:
    """Axial -> doubled ``(col, row)``.

    kind "q": doubled height (flat-top), ``row = 2r + q``;
    kind "r": doubled width (pointy-top), ``col = 2q + r``.
    Valid doubled coordinates always have ``col + row`` even.
    """
    q, r = h
    if kind == "q":
        return q, 2 * r + q
    if kind == "r":
        return 2 * q + r, r
    _bad_doubled_kind(kind)


def from_doubled(col: int, row: int, kind: str) -> Hex:
    """Doubled ``(col, row)`` -> axial Hex; rejects odd ``col + row``."""
    _check_doubled_kind(kind)
    col = _check_int(col, "col")
    row = _check_int(row, "row")
    if (col + row) & 1:
        raise ValueError(
            f"invalid doubled coordinate ({col}, {row}): col + row must be even"
        )
    if kind == "q":
        return _hex_unchecked(col, (row - col) >> 1)
    return _hex_unchecked((col - row) >> 1, row)


# ---------------------------------------------------------------------------
# Pixel layout
# ---------------------------------------------------------------------------


class Orientation(NamedTuple):
    """Forward (``f*``) and inverse (``b*``) 2x2 matrices plus corner angle.

    ``start_angle`` is in units of 60 degrees: 0 for flat-top, 0.5 for
    pointy-top.
    """

    f0: float
    f1: float
    f2: float
    f3: float
    b0: float
    b1: float
    b2: float
    b3: float
    start_angle: float


_SQRT3: Final = math.sqrt(3.0)

POINTY: Final = Orientation(
    _SQRT3, _SQRT3 / 2.0, 0.0, 3.0 / 2.0,
    _SQRT3 / 3.0, -1.0 / 3.0, 0.0, 2.0 / 3.0,
    0.5,
)
FLAT: Final = Orientation(
    3.0 / 2.0, 0.0, _SQRT3 / 2.0, _SQRT3,
    2.0 / 3.0, 0.0, -1.0 / 3.0, _SQRT3 / 3.0,
    0.0,
)


class Layout:
    """Maps hexes to screen pixels and back.

    ``size`` is the (x, y) distance from centre to corner (unequal values
    stretch the grid); ``origin`` is the pixel centre of ``Hex(0, 0)``.
    Immutable so a layout can be shared between renderer and input code.
    """

    __slots__ = ("orientation", "size", "origin")

    orientation: Orientation
    size: tuple[float, float]
    origin: tuple[float, float]

    def __init__(
        self,
        orientation: Orientation,
        size: tuple[float, float],
        origin: tuple[float, float] = (0.0, 0.0),
    ) -> None:
        if not isinstance(orientation, Orientation):
            raise TypeError("orientation must be an Orientation (FLAT or POINTY)")
        sx, sy = (float(v) for v in size)
        ox, oy = (float(v) for v in origin)
        if not (sx and sy) or not all(map(math.isfinite, (sx, sy, ox, oy))):
            raise ValueError(f"size must be finite and non-zero, got {size!r}")
        object.__setattr__(self, "orientation", orientation)
        object.__setattr__(self, "size", (sx, sy))
        object.__setattr__(self, "origin", (ox, oy))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Layout is immutable")

    def __repr__(self) -> str:
        kind = {FLAT: "FLAT", POINTY: "POINTY"}.get(self.orientation, repr(self.orientation))
        return f"Layout({kind}, size={self.size!r}, origin={self.origin!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Layout):
            return NotImplemented
        return (self.orientation, self.size, self.origin) == (
            other.orientation, other.size, other.origin
        )

    def __hash__(self) -> int:
        return hash((self.orientation, self.size, self.origin))

    def hex_to_pixel(self, h: Hex) -> tuple[float, float]:
        """Pixel centre of hex ``h``."""
        m = self.orientation
        q, r = h
        return (
            (m.f0 * q + m.f1 * r) * self.size[0] + self.origin[0],
            (m.f2 * q + m.f3 * r) * self.size[1] + self.origin[1],
        )

    def pixel_to_hex_fractional(self, x: float, y: float) -> tuple[float, float]:
        """Fractional axial ``(q, r)`` under pixel ``(x, y)`` (unrounded)."""
        m = self.orientation
        px = (x - self.origin[0]) / self.size[0]
        py = (y - self.origin[1]) / self.size[1]
        return (m.b0 * px + m.b1 * py, m.b2 * px + m.b3 * py)

    def pixel_to_hex(self, x: float, y: float) -> Hex:
        """The hex containing pixel ``(x, y)`` -- e.g. for mouse picking."""
        return hex_round(*self.pixel_to_hex_fractional(x, y))

    def hex_corner_offset(self, i: int) -> tuple[float, float]:
        """Offset of corner ``i`` (0..5) from a hex centre."""
        angle = 2.0 * math.pi * (self.orientation.start_angle + i) / 6.0
        return (self.size[0] * math.cos(angle), self.size[1] * math.sin(angle))

    def hex_corners(self, h: Hex) -> list[tuple[float, float]]:
        """The six corner pixels of ``h`` (polygon for drawing)."""
        cx, cy = self.hex_to_pixel(h)
        out = []
        for i in range(6):
            dx, dy = self.hex_corner_offset(i)
            out.append((cx + dx, cy + dy))
        return out


# ---------------------------------------------------------------------------
# Hex ids as written in scenario/map files ("CCRR")
# ---------------------------------------------------------------------------

_DIGITS_RE: Final = re.compile(r"[0-9]+")


def _check_digits(digits: int) -> int:
    digits = _check_int(digits, "digits")
    if digits < 1:
        raise ValueError(f"digits must be >= 1, got {digits}")
    return digits


def format_hex_id(col: int, row: int, digits: int = 2) -> str:
    """Zero-padded ``col`` then ``row``: ``format_hex_id(7, 12) == "0712"``.

    Values that do not fit in ``digits`` are refused, since the id would be
    ambiguous when parsed back.
    """
    digits = _check_digits(digits)
    col = _check_int(col, "col")
    row = _check_int(row, "row")
    limit = 10**digits
    for name, v in (("col", col), ("row", row)):
        if not 0 <= v < limit:
            raise ValueError(f"{name} {v} does not fit in a {digits}-digit hex id")
    return f"{col:0{digits}d}{row:0{digits}d}"


def parse_hex_id(text: str, digits: int = 2) -> tuple[int, int]:
    """Inverse of :func:`format_hex_id`: ``"0712" -> (7, 12)``.

    Surrounding whitespace is ignored; anything else that is not exactly
    ``2 * digits`` ASCII digits raises ValueError naming the bad text.
    """
    digits = _check_digits(digits)
    if not isinstance(text, str):
        raise TypeError(f"hex id must be a str, not {type(text).__name__}")
    t = text.strip()
    if len(t) != 2 * digits or not _DIGITS_RE.fullmatch(t):
        raise ValueError(
            f"bad hex id {text!r}: expected {2 * digits} decimal digits "
            f"(column then row, {digits} each, e.g. {format_hex_id(7, 12, digits)!r})"
        )
    return int(t[:digits]), int(t[digits:])


def id_digits(cols: int, rows: int) -> int:
    """Digits per coordinate needed for hex ids on a ``cols`` x ``rows`` map.

    Ids are 0-based, so the widest value is ``max(cols, rows) - 1``; never
    fewer than 2 digits, the traditional wargame convention.
    """
    cols, rows = _check_map_size(cols, rows)
    return max(2, len(str(max(cols, rows) - 1)))


# ---------------------------------------------------------------------------
# Whole-map numpy tables over a dense index  i = row * cols + col
# ---------------------------------------------------------------------------


def _check_map_size(cols: int, rows: int) -> tuple[int, int]:
    cols = _check_int(cols, "cols")
    rows = _check_int(rows, "rows")
    if cols < 1 or rows < 1:
        raise ValueError(f"map size must be at least 1x1, got {cols}x{rows}")
    return cols, rows


def _offset_to_axial_arrays(
    col: npt.NDArray[np.integer], row: npt.NDArray[np.integer], kind: str
) -> tuple[npt.NDArray[np.integer], npt.NDArray[np.integer]]:
    # Same formulas as from_offset; numpy's >> and & match Python's on negatives.
    if kind == "odd-q":
        return col, row - ((col - (col & 1)) >> 1)
    if kind == "even-q":
        return col, row - ((col + (col & 1)) >> 1)
    if kind == "odd-r":
        return col - ((row - (row & 1)) >> 1), row
    if kind == "even-r":
        return col - ((row + (row & 1)) >> 1), row
    _bad_offset_kind(kind)


def _axial_to_offset_arrays(
    q: npt.NDArray[np.integer], r: npt.NDArray[np.integer], kind: str
) -> tuple[npt.NDArray[np.integer], npt.NDArray[np.integer]]:
    if kind == "odd-q":
        return q, r + ((q - (q & 1)) >> 1)
    if kind == "even-q":
        return q, r + ((q + (q & 1)) >> 1)
    if kind == "odd-r":
        return q + ((r - (r & 1)) >> 1), r
    if kind == "even-r":
        return q + ((r + (r & 1)) >> 1), r
    _bad_offset_kind(kind)


def offset_to_axial_arrays(
    col: npt.ArrayLike, row: npt.ArrayLike, kind: str = "odd-q"
) -> tuple[npt.NDArray[np.integer], npt.NDArray[np.integer]]:
    """`from_offset` of integer arrays: axial ``(q, r)`` arrays."""
    _check_offset_kind(kind)
    return _offset_to_axial_arrays(np.asarray(col), np.asarray(row), kind)


def axial_to_offset_arrays(
    q: npt.ArrayLike, r: npt.ArrayLike, kind: str = "odd-q"
) -> tuple[npt.NDArray[np.integer], npt.NDArray[np.integer]]:
    """`to_offset` of integer arrays: offset ``(col, row)`` arrays."""
    _check_offset_kind(kind)
    return _axial_to_offset_arrays(np.asarray(q), np.asarray(r), kind)


def map_axial(cols: int, rows: int, kind: str = "odd-q") -> tuple[IntArray, IntArray]:
    """Axial ``(q, r)`` int32 arrays for every dense index of the map."""
    cols, rows = _check_map_size(cols, rows)
    _check_offset_kind(kind)
    idx = np.arange(cols * rows, dtype=np.int32)
    col = idx % cols
    row = idx // cols
    q, r = _offset_to_axial_arrays(col, row, kind)
    return q.astype(np.int32, copy=False), r.astype(np.int32, copy=False)


def index_of(h: Hex, cols: int, rows: int, kind: str = "odd-q") -> int:
    """Dense index of ``h`` on the map, or -1 if it lies off the map."""
    col, row = to_offset(h, kind)
    if 0 <= col < cols and 0 <= row < rows:
        return row * cols + col
    return -1


def hex_at(i: int, cols: int, kind: str = "odd-q") -> Hex:
    """Hex at dense index ``i`` (inverse of :func:`index_of`)."""
    i = _check_int(i, "i")
    cols = _check_int(cols, "cols")
    if cols < 1:
        raise ValueError(f"cols must be >= 1, got {cols}")
    if i < 0:
        raise ValueError(f"dense index must be >= 0, got {i}")
    row, col = divmod(i, cols)
    return from_offset(col, row, kind)


def neighbor_table(cols: int, rows: int, kind: str = "odd-q") -> IntArray:
    """``(N, 6)`` int32 neighbour indices in DIRECTIONS order; -1 = off map.

    Precomputed once per map so movement/LOS/AI loops (and numba kernels)
    can walk adjacency with plain array lookups.
    """
    cols, rows = _check_map_size(cols, rows)
    q, r = map_axial(cols, rows, kind)
    dirs = np.array(DIRECTIONS, dtype=np.int32)  # (6, 2)
    nq = q[:, None] + dirs[None, :, 0]
    nr = r[:, None] + dirs[None, :, 1]
    col, row = _axial_to_offset_arrays(nq, nr, kind)
    inside = (col >= 0) & (col < cols) & (row >= 0) & (row < rows)
    table = np.where(inside, row * cols + col, -1)
    return np.ascontiguousarray(table, dtype=np.int32)


def distances(q: np.ndarray, r: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Hex distance between hexes given as map indices: ``a`` and ``b`` broadcast against each
    other (``a[:, None]`` and ``b[None, :]`` give the whole table); ``q, r`` are the map's axial
    coordinates (``map_axial``). The array form of `distance`."""
    dq = q[a].astype(np.int64) - q[b]
    dr = r[a].astype(np.int64) - r[b]
    return (np.abs(dq) + np.abs(dr) + np.abs(dq + dr)) >> 1


def distance_field(
    cols: int, rows: int, center: Hex, kind: str = "odd-q"
) -> IntArray:
    """Hex distance from ``center`` to every hex of the map, shape ``(N,)``.

    ``center`` may lie off the map.
    """
    _require_hex(center, "center")
    q, r = map_axial(cols, rows, kind)
    dq = q.astype(np.int64) - center[0]
    dr = r.astype(np.int64) - center[1]
    d = (np.abs(dq) + np.abs(dr) + np.abs(dq + dr)) >> 1
    return d.astype(np.int32)
