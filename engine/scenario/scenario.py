"""The loaded scenario: static map layers as numpy arrays, unit definitions, calendar.

A `Scenario` never changes during a game; everything that changes lives in
:class:`engine.state.State`. Many games (and the AI's look-ahead copies) share one.
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from engine import hexgrid
from engine.hexgrid import Hex
from engine.rules import RuleSet
from engine.scenario.model import ScenarioModel, Side


@dataclass(frozen=True)
class RiverFreeze:
    """The rivers that freeze by one rule (the same `frozen_from` and `frozen_in`), as hexside bits."""

    from_turn: int                # frozen from this turn on (0: not by date)
    weathers: frozenset[str]      # frozen while the weather is one of these
    minor: np.ndarray             # uint8 [N]: bits of the minor rivers under this rule
    major: np.ndarray             # uint8 [N]
    names: tuple[str, ...] = ()   # the rivers' names, as the scenario gives them

    def frozen(self, turn: int, weather: str) -> bool:
        return (0 < self.from_turn <= turn) or weather in self.weathers


_COMPASS = ("E", "SE", "S", "SW", "W", "NW", "N", "NE")


def compass(dq: int, dr: int) -> str:
    """The eight-point compass direction of an axial offset on a flat-top map, north up."""
    x = 1.5 * dq
    y = math.sqrt(3) * (dr + dq / 2)          # screen y grows southwards
    angle = math.degrees(math.atan2(y, x)) % 360
    return _COMPASS[int((angle + 22.5) // 45) % 8]


@dataclass
class MapData:
    """Static layers over the dense hex index ``i = row * columns + col``."""

    columns: int
    rows: int
    digits: int
    q: np.ndarray                 # int32 [N] axial q of each index
    r: np.ndarray                 # int32 [N]
    neighbors: np.ndarray         # int32 [N, 6], -1 off the map
    terrain: np.ndarray           # int8 [N], index into rules.terrain_names
    road: np.ndarray              # uint8 [N]: bit d set = road towards DIRECTIONS[d]
    rail: np.ndarray              # uint8 [N]
    river_minor: np.ndarray       # uint8 [N]
    river_major: np.ndarray       # uint8 [N]
    fort: np.ndarray              # int8 [N] fortification level
    vp: np.ndarray                # int32 [N] victory points of the hex
    coastal: np.ndarray           # bool [N]: passable hex next to sea
    names: dict[int, str] = field(default_factory=dict)   # index -> place name
    # Freezing rivers (`engine.rivers` gives the masks in force): one entry per freezing rule, and
    # the bits of the rivers that never freeze (None when no river freezes).
    river_freezes: tuple[RiverFreeze, ...] = ()
    river_steady_minor: np.ndarray | None = None   # uint8 [N]
    river_steady_major: np.ndarray | None = None   # uint8 [N]
    # Mines at the start: the side that laid each hex's mines, -1 none (None when the map has none).
    mines: np.ndarray | None = None                 # int8 [N]
    hex_km: float = 0.0           # distance between neighbouring hex centres (0: unknown)

    @property
    def size(self) -> int:
        return self.columns * self.rows

    def index(self, h: Hex) -> int:
        """Dense index of hex h, -1 off the map (a table of the map's hexes, built when first asked)."""
        table = self.__dict__.get("_index_of")
        if table is None:
            table = self.__dict__["_index_of"] = {h: k for k, h in enumerate(self._hex_table())}
        try:
            got = table.get(h)
        except TypeError:         # not a hex at all: index_of says what is wrong
            got = None
        return got if got is not None else hexgrid.index_of(h, self.columns, self.rows)

    def hex(self, i: int) -> Hex:
        i = int(i)
        hexes = self._hex_table()
        return hexes[i] if 0 <= i < len(hexes) else hexgrid.hex_at(i, self.columns)

    def _hex_table(self) -> list[Hex]:
        hexes = self.__dict__.get("_hexes")
        if hexes is None:       # the map's hexes made once: orders and events name them all the time
            hexes = self.__dict__["_hexes"] = [hexgrid.hex_at(k, self.columns) for k in range(self.size)]
        return hexes

    def hex_id(self, i: int) -> str:
        i = int(i)
        ids = self._id_table()
        if 0 <= i < len(ids):
            return ids[i]
        return hexgrid.format_hex_id(i % self.columns, i // self.columns, self.digits)

    def hex_ids(self, indices: Iterable[int]) -> list[str]:
        """`hex_id` of each of the hex indices (on the map), in order: a path in an event."""
        ids = self._id_table()
        return [ids[i] for i in indices]

    def _id_table(self) -> list[str]:
        ids = self.__dict__.get("_hex_ids")
        if ids is None:      # every id formatted once (events and orders name hexes all the time)
            ids = self.__dict__["_hex_ids"] = [hexgrid.format_hex_id(k % self.columns, k // self.columns, self.digits)
                                               for k in range(self.size)]
        return ids

    def parse(self, text: str) -> int:
        """Index of a hex id; ValueError with a readable message if it is not on the map."""
        table = self.__dict__.get("_index_of_id")
        if table is None:       # the ids the map itself writes (events, saves), read back all the time
            table = self.__dict__["_index_of_id"] = {h: k for k, h in enumerate(self._id_table())}
        got = table.get(text) if isinstance(text, str) else None
        if got is not None:
            return got
        col, row = hexgrid.parse_hex_id(str(text), self.digits)
        if not (0 <= col < self.columns and 0 <= row < self.rows):
            raise ValueError(f"hex {text} is outside the map ({self.columns} columns x {self.rows} rows)")
        return row * self.columns + col

    def label(self, i: int) -> str:
        """How a hex is named in data and logs: its place name if it has one, plus the id."""
        name = self.names.get(int(i))
        return f"{name} ({self.hex_id(i)})" if name else self.hex_id(i)

    def place(self, i: int, within: int = 8) -> str:
        """How a player names a hex in a sentence: its place name, or where it lies from the
        nearest named place ("2 km SW of Tilly-sur-Seulles"), or "hex 0540" far from any."""
        i = int(i)
        name = self.names.get(i)
        if name:
            return name
        if self.names:
            named = np.fromiter(self.names, dtype=np.int64, count=len(self.names))
            dq = self.q[i] - self.q[named]
            dr = self.r[i] - self.r[named]
            dist = (np.abs(dq) + np.abs(dr) + np.abs(dq + dr)) // 2
            k = int(np.argmin(dist))
            if int(dist[k]) <= within:
                return f"{self._distance_text(int(dist[k]))} {compass(int(dq[k]), int(dr[k]))} of {self.names[int(named[k])]}"
        return f"hex {self.hex_id(i)}"

    def _distance_text(self, hexes: int) -> str:
        if self.hex_km <= 0:
            return f"{hexes} hex{'es' if hexes != 1 else ''}"
        km = hexes * self.hex_km
        return f"{km:.0f} km" if km >= 1.5 else f"{km * 1000:.0f} m" if km < 0.95 else "1 km"


@dataclass(frozen=True)
class UnitDef:
    """What a unit is (never changes); where it is and how strong lives in the state."""

    index: int
    id: str
    name: str
    side: int
    nation: str
    type: str
    symbol: str
    size: str
    short: str
    move_class: int
    movement: float
    max_steps: int
    start_steps: int
    attack: tuple[float, ...]     # per steps remaining: attack[steps - 1]
    defence: tuple[float, ...]
    armour: bool
    zoc: bool
    start_hex: int                # -1 for reinforcements
    arrive_turn: int              # 0 = on the map at the start
    entry_hexes: tuple[int, ...]
    withdraw_turn: int            # 0 = never
    exploits: bool = False        # moves in the exploitation phase (the type's `exploits`)


@dataclass(frozen=True)
class SupplySourceDef:
    side: int
    hex: int
    kind: str
    range: float
    from_turn: int
    until_turn: int               # 0 = no end
    capture_delay: int            # -1 = usable while held; else turns after capture
    name: str


@dataclass
class Scenario:
    model: ScenarioModel
    rules: RuleSet
    map: MapData
    units: list[UnitDef]
    sources: list[SupplySourceDef]
    path: Path | None = None
    name: str = ""
    unit_index: dict[str, int] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.model.title

    @property
    def sides(self) -> list[Side]:
        """Sides in turn order (the first to move first)."""
        return self._sides

    def __post_init__(self) -> None:
        sides = list(self.model.sides)
        first = self.model.first_side or sides[0].id
        sides.sort(key=lambda s: s.id != first)
        self._sides = sides
        self.side_ids = [s.id for s in sides]
        self.unit_index = {u.id: u.index for u in self.units}

    def side_index(self, side: str | int) -> int:
        if isinstance(side, int):
            return side
        return self.side_ids.index(side)

    @property
    def turns(self) -> int:
        return self.model.turns

    @property
    def start_date(self) -> dt.date:
        return self.model.start_date

    def date_of_turn(self, turn: int) -> dt.date:
        return self.model.start_date + dt.timedelta(days=(turn - 1) * self.model.days_per_turn)

    def turn_of_date(self, date: dt.date) -> int:
        return (date - self.model.start_date).days // self.model.days_per_turn + 1

    def unit(self, unit_id: str) -> UnitDef:
        return self.units[self.unit_index[unit_id]]

    def hex(self, text: str) -> Hex:
        """The `Hex` of a hex id written as in the scenario files ('0712')."""
        return self.map.hex(self.map.parse(text))

    def place(self, name: str) -> Hex:
        """The `Hex` of a named place."""
        for i, n in self.map.names.items():
            if n.lower() == name.lower():
                return self.map.hex(i)
        raise KeyError(f"no place called '{name}' in {self.title}")
