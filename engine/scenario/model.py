"""The scenario file format as pydantic models.

These models check the *shape* of a scenario (types, required fields, allowed values).
Cross-references (a unit's hex is on the map, a type exists in the rule set, a river
hexside joins neighbours ...) are checked in :mod:`engine.scenario.validate`, which
knows the map and the rule set. `wargame schema` prints the JSON Schema of `ScenarioModel`.
"""
from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError, core_schema

# The ranges of numbers. Counters of the game state are small integers (steps and
# fortification levels int8, turns of control and isolation int16): the ranges keep every
# value a valid scenario can produce inside them, and keep every sum and product finite.
MAX_TURNS = 10_000            # turns in a scenario (int16 counters count turns)
MAX_DAYS_PER_TURN = 366
MAX_STEPS = 20                # steps of a unit (int8)
MAX_FORT = 10                 # fortification level of a place (int8)
MAX_PLACE_VP = 10_000         # VP of one place (int32 sums over a hex)
MAX_VP = 1_000_000            # VP of an objective, a victory level's bounds
MAX_STRENGTH = 1_000.0        # attack, defence, movement, supply range
MAX_POINTS = 10_000           # air, replacement and airlift points per turn


class Range:
    """Annotated metadata: a number limited to lo..hi (NaN and infinities refused); the error
    names the value and the range, and the JSON Schema carries `minimum` and `maximum`."""

    def __init__(self, lo: float, hi: float) -> None:
        self.lo, self.hi = lo, hi

    def _check(self, value: Any) -> Any:
        if not (self.lo <= value <= self.hi):          # also false for NaN
            raise PydanticCustomError("out_of_range", "{value} is not between {lo} and {hi}", {"value": value, "lo": self.lo, "hi": self.hi})
        return value

    def __get_pydantic_core_schema__(self, source: Any, handler: Any) -> Any:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(self, schema: Any, handler: Any) -> Any:
        out = handler(schema)
        out.update(minimum=self.lo, maximum=self.hi)
        return out


Turn = Annotated[int, Range(1, MAX_TURNS)]
Steps = Annotated[int, Range(1, MAX_STEPS)]
Strength = Annotated[float, Range(0, MAX_STRENGTH)]
Points = Annotated[int, Range(0, MAX_POINTS)]
VP = Annotated[int, Range(-MAX_VP, MAX_VP)]

HexId = Annotated[str, Field(description="hex id CCRR: column then row in the map's offset convention, e.g. '0712'")]
Colour = Annotated[str, Field(pattern=r"^#[0-9a-fA-F]{6}$", description="colour as #rrggbb")]
Ident = Annotated[str, Field(pattern=r"^[A-Za-z0-9_\-]+$", min_length=1, description="identifier: letters, digits, _ and -")]


def _hex_text(value: Any) -> Any:
    """Hex ids may be written bare (0712) or quoted ('0712'); bare ones arrive as text or int."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return str(value)
    return value


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Side(Strict):
    id: Ident
    name: str
    colour: Colour = "#808080"
    nations: list[Ident] = Field(default_factory=list, description="nations fighting on this side")


class Nation(Strict):
    name: str
    colour: Colour = Field(description="counter background colour")
    text_colour: Colour = "#000000"


class Geo(Strict):
    """Where the map sits on the globe (local equirectangular projection, north up)."""

    origin_lon: Annotated[float, Range(-180.0, 180.0)] = Field(description="longitude of the centre of hex 0000")
    origin_lat: Annotated[float, Range(-90.0, 90.0)] = Field(description="latitude of the centre of hex 0000")
    ref_lat: Annotated[float, Range(-89.0, 89.0)] = Field(description="latitude where the projection is true to scale")
    hex_km: Annotated[float, Range(0.001, 1000.0)]
    source: str = ""


class River(Strict):
    name: str = ""
    kind: Literal["major", "minor"] = "minor"
    sides: list[str] = Field(description="hexsides the river runs along, each 'CCRR-CCRR' between neighbouring hexes")
    frozen_from: dt.date | None = Field(default=None, description=(
        "frozen from the turn containing this date to the end of the game: no movement or supply cost to cross, "
        "no attack shift, and a frozen major river no longer stops zones of control"))
    frozen_in: list[str] = Field(default_factory=list, description="weather names (of the rule set) in which the river is frozen")


class Route(Strict):
    name: str = ""
    path: list[HexId] = Field(min_length=2, description="chain of neighbouring hexes the road or railway joins")

    @field_validator("path", mode="before")
    @classmethod
    def _ids(cls, v: Any) -> Any:
        return [_hex_text(x) for x in v] if isinstance(v, list) else v


class Place(Strict):
    name: str
    hex: HexId
    kind: Literal["city", "town", "village", "port", "beach", "airfield", "other"] = "town"
    vp: Annotated[int, Range(0, MAX_PLACE_VP)] = Field(default=0, description="victory points to the side that controls it at the end")
    port: bool = False
    fort: Annotated[int, Range(0, MAX_FORT)] = Field(default=0, description="fortification level: each level is a defensive column shift")
    population: Annotated[int, Range(0, 100_000_000)] | None = None
    name_local: str | None = None
    label: bool = True

    _hex = field_validator("hex", mode="before")(classmethod(lambda cls, v: _hex_text(v)))


class Minefield(Strict):
    """Hexes a side has mined: its enemies pay `minefields.move_add` to enter one (and clear it), and
    attack into one at `minefields.defence_shift` (the rule set's `minefields` block)."""

    name: str = ""
    side: Ident = Field(description="the side that laid the mines (its own units cross by their marked gaps)")
    hexes: list[HexId] = Field(min_length=1)
    note: str | None = None

    @field_validator("hexes", mode="before")
    @classmethod
    def _ids(cls, v: Any) -> Any:
        return [_hex_text(x) for x in v] if isinstance(v, list) else v


class Fortification(Strict):
    """Field works dug in advance on hexes that are no place: trench lines, anti-tank ditches and
    strongpoints. Each level is a defensive column shift for whoever defends the hex, as a
    place's `fort` (the hex keeps the higher of the two)."""

    name: str = ""
    level: Annotated[int, Range(1, MAX_FORT)] = Field(description="fortification level: each level is a defensive column shift")
    hexes: list[HexId] = Field(min_length=1)
    note: str | None = None

    @field_validator("hexes", mode="before")
    @classmethod
    def _ids(cls, v: Any) -> Any:
        return [_hex_text(x) for x in v] if isinstance(v, list) else v


class MapBlock(Strict):
    columns: Annotated[int, Range(1, 10_000)]
    rows: Annotated[int, Range(1, 10_000)]
    offset: Literal["odd-q"] = "odd-q"
    geo: Geo | None = None
    legend: dict[str, str] = Field(description="one character -> terrain name of the rule set")
    terrain: str = Field(description="one line per row, `columns` characters each, row 0 at the top (north)")
    rivers: list[River] = Field(default_factory=list)
    roads: list[Route] = Field(default_factory=list)
    railways: list[Route] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    minefields: list[Minefield] = Field(default_factory=list, description="mined hexes, by the side that laid them")
    fortifications: list[Fortification] = Field(default_factory=list, description="field works on hexes: a fortification level each")


class Unit(Strict):
    id: Ident
    name: str
    side: Ident
    nation: Ident
    type: str
    hex: HexId | None = Field(default=None, description="where it starts; reinforcements give it in their entry instead")
    steps: Steps | None = Field(default=None, description="steps at the start (default: the type's full strength)")
    max_steps: Steps | None = None
    attack: list[Strength] | None = Field(default=None, description="override: attack per step, full strength first")
    defence: list[Strength] | None = None
    movement: Strength | None = None
    size: str | None = Field(default=None, description="echelon mark: division, corps, brigade, army ...")
    short: str | None = Field(default=None, description="short label for the counter, e.g. '12SS'")
    parent: str | None = None
    note: str | None = None

    _hex = field_validator("hex", mode="before")(classmethod(lambda cls, v: _hex_text(v)))


class Reinforcement(Strict):
    turn: Turn | None = None
    date: dt.date | None = Field(default=None, description="alternative to turn: the turn that contains this date")
    hex: HexId | list[HexId] = Field(description="entry hex, or several entry hexes tried in order")
    units: list[Unit]
    note: str | None = None

    @field_validator("hex", mode="before")
    @classmethod
    def _ids(cls, v: Any) -> Any:
        return [_hex_text(x) for x in v] if isinstance(v, list) else _hex_text(v)


class Withdrawal(Strict):
    turn: Turn | None = None
    date: dt.date | None = None
    units: list[Ident]
    note: str | None = None


class ReplacementRate(Strict):
    """From a turn (or date) on, a side receives this many replacement points each turn."""

    side: Ident
    points: Points = Field(description="replacement points per turn (one point rebuilds one step)")
    turn: Turn | None = None
    date: dt.date | None = Field(default=None, description="alternative to turn: the turn that contains this date")
    note: str | None = None


class AirPointsFrom(Strict):
    """From a turn (or date) on, a side's air points per turn."""

    points: Points
    turn: Turn | None = None
    date: dt.date | None = None
    note: str | None = None


class SupplySource(Strict):
    side: Ident
    hex: HexId
    kind: Literal["port", "beach", "edge", "depot", "airfield"] = "depot"
    range: Strength | None = Field(default=None, description="supply points it reaches (default: the rule set's default_range)")
    from_turn: Turn = 1
    until_turn: Turn | None = None
    capture_delay: Annotated[int, Range(0, MAX_TURNS)] | None = Field(default=None, description=(
        "a port the side must capture (and clear): it supplies from the turn it was taken plus this many turns, "
        "while the side holds it; retaken, the count starts again. A hex the side holds from the start works at once"))
    name: str | None = None

    _hex = field_validator("hex", mode="before")(classmethod(lambda cls, v: _hex_text(v)))


class WeatherTableEntry(Strict):
    months: list[Annotated[int, Field(ge=1, le=12)]]
    chances: dict[str, Annotated[float, Range(0, 1_000_000.0)]] = Field(description="weather name -> relative chance")


class Weather(Strict):
    schedule: dict[Turn, str] = Field(default_factory=dict, description="turn -> weather; fixed turns")
    table: list[WeatherTableEntry] = Field(default_factory=list, description="rolled each turn not in the schedule")
    default: str = "clear"


class Objective(Strict):
    """Hexes a side must take by a turn, or hold until a turn; decided on the turn it is."""

    id: Ident
    name: str
    side: Ident = Field(description="the side that must take or hold it")
    kind: Literal["take", "hold"] = Field(
        default="take",
        description="take: the side must control every hex at the end of a turn up to by_turn (for good once done); "
                    "hold: the side must control every hex at every moment up to the end of until_turn")
    hexes: list[HexId] = Field(min_length=1)
    by_turn: Turn | None = Field(
        default=None,
        description="take only: the deadline; it fails at the end of this turn if not taken by then "
                    "(none: decided when the game ends, by who controls the hexes then)")
    until_turn: Turn | None = Field(
        default=None,
        description="hold only: held to the end of this turn it is achieved; lost at any moment before, it fails at once "
                    "(none: to the end of the game)")
    vp: VP = Field(default=0, description="victory points to the side when it is achieved")
    fail_vp: VP = Field(default=0, description="victory points the side loses when it fails")
    sudden_death: bool = Field(default=False, description="achieving it ends the game at once with the side's decisive victory")

    @field_validator("hexes", mode="before")
    @classmethod
    def _ids(cls, v: Any) -> Any:
        return [_hex_text(x) for x in v] if isinstance(v, list) else v


class VictoryLevel(Strict):
    name: str
    winner: Ident | None = Field(description="side id, or null for a draw")
    level: Literal["decisive", "marginal", "draw"]
    min_vp: VP | None = Field(default=None, description="at least this many VP for the first side in `vp_side`")
    max_vp: VP | None = None


class Victory(Strict):
    vp_side: Ident = Field(description="VP are counted for this side: its VP minus the other side's")
    objectives: list[Objective] = Field(default_factory=list)
    levels: list[VictoryLevel] = Field(default_factory=list, description="checked in order; the first that matches decides")
    elimination_vp: Annotated[float, Range(0, 1_000.0)] = Field(default=0.0, description="VP per enemy step eliminated")


class StandFast(Strict):
    rule: Literal["stand_fast"]
    side: Ident
    hexes: list[HexId] = Field(description="the area the units may not leave")
    units: list[Ident] = Field(default_factory=list, description="units bound (default: all of the side's units in the area)")
    from_turn: Turn = Field(default=1, description="the first turn the order binds (an order given during the campaign)")
    until_turn: Turn
    hold: bool = Field(default=True, description=(
        "true: an order to hold the area (the units may not move nor retreat out of it, and the AI defends it); "
        "false: a boundary, such as an army's sector (the units may not move out of it, but retreat as usual, "
        "and the AI attacks from it)"))
    note: str = ""


class NavalGunfire(Strict):
    rule: Literal["naval_gunfire"]
    side: Ident
    until_turn: Turn
    shift: Annotated[int, Range(-10, 10)] = 1
    range: Annotated[int, Range(0, 100)] = Field(default=1, description="hexes inland from the sea")
    note: str = ""


class Airlift(Strict):
    """Each turn, isolated units of up to `points` steps count as out of supply instead."""

    rule: Literal["airlift"]
    side: Ident
    points: Annotated[float, Range(0, MAX_POINTS)] = Field(description="steps kept supplied per turn in good weather (times the weather's air multiplier)")
    airfields: list[str] = Field(default_factory=list, description=(
        "names of the map's places of kind airfield the airlift lands at. Each carries an equal share of the "
        "points, and only while the side controls its hex and it lies in a pocket (connected to the side's "
        "isolated units): points x working airfields / listed airfields. Empty: an air-drop, no airfield needed"))
    from_turn: Turn = 1
    until_turn: Turn | None = None
    note: str = ""


SpecialRule = Annotated[Union[StandFast, NavalGunfire, Airlift], Field(discriminator="rule")]


MAX_TOLERANCE_DAYS = 3_660


class _Milestone(Strict):
    id: Ident
    name: str = Field(default="", description="what happened, as the report prints it (default: the id)")
    date: dt.date = Field(description="when it happened in history (for a milestone that did not happen: the date by which it had not)")
    tolerance: Annotated[int, Range(0, MAX_TOLERANCE_DAYS)] = Field(
        description="days either side of the date within which a game counts as following history")
    source: str = Field(min_length=1, description="where the date comes from (book, record id of shared/reference ...)")
    happens: bool = Field(default=True, description=(
        "false: history is that it did NOT happen (by the date, plus the tolerance): a game follows history when "
        "it does not happen by then"))


class PlaceTaken(_Milestone):
    """A side controls every one of the places at the end of a turn (one it held at the start counts
    only once it has lost and retaken them)."""

    kind: Literal["place_taken"]
    side: Ident = Field(description="the side that takes them")
    places: list[str] = Field(min_length=1, description="names of places of the map")


class PocketFormed(_Milestone):
    """At a supply check, at least `min_units` units of `side` are cut off from every supply source
    in one pocket with a hex within `radius` hexes of the place."""

    kind: Literal["pocket_formed"]
    side: Ident = Field(description="the side whose units are cut off")
    near: str = Field(description="name of a place of the map")
    radius: Annotated[int, Range(0, 1_000)] = Field(default=3, description="hexes from the place")
    min_units: Annotated[int, Range(1, 10_000)] = Field(default=1, description="units in the pocket at least")


class PocketDestroyed(_Milestone):
    """The pocket of `pocket_formed` (same side, place, radius and size) ends with its last units
    eliminated: not relieved, not broken out."""

    kind: Literal["pocket_destroyed"]
    side: Ident = Field(description="the side whose units are cut off")
    near: str = Field(description="name of a place of the map")
    radius: Annotated[int, Range(0, 1_000)] = Field(default=3, description="hexes from the place")
    min_units: Annotated[int, Range(1, 10_000)] = Field(default=1, description="units in the pocket at least (at some supply check)")


class PocketRelieved(_Milestone):
    """The pocket of `pocket_formed` (same side, place, radius and size) ends with units still in it
    that find a supply path again: relieved from outside, or broken out."""

    kind: Literal["pocket_relieved"]
    side: Ident = Field(description="the side whose units are cut off")
    near: str = Field(description="name of a place of the map")
    radius: Annotated[int, Range(0, 1_000)] = Field(default=3, description="hexes from the place")
    min_units: Annotated[int, Range(1, 10_000)] = Field(default=1, description="units in the pocket at least (at some supply check)")


class UnitGone(_Milestone):
    """A unit leaves the map: eliminated, or withdrawn by the scenario's calendar."""

    kind: Literal["unit_gone"]
    unit: Ident = Field(description="id of a unit of the scenario")
    how: Literal["eliminated", "withdrawn", "either"] = "either"


class LossRatio(_Milestone):
    """The enemy's steps lost for each step `side` lost, at the end of the turn that holds the date
    (or at the end of the game if it ends before). Here `tolerance` is in the ratio's units."""

    kind: Literal["loss_ratio"]
    side: Ident = Field(description="the side whose ratio it is: enemy steps lost : own steps lost")
    ratio: Annotated[float, Range(0, 1_000.0)] = Field(description="the historical ratio, e.g. 2 for 2:1")
    tolerance: Annotated[float, Range(0, 1_000.0)] = Field(  # type: ignore[assignment]
        description="how far from the ratio a game still follows history (ratio units, e.g. 0.5 for 1.5 to 2.5)")


Milestone = Annotated[Union[PlaceTaken, PocketFormed, PocketDestroyed, PocketRelieved, UnitGone, LossRatio], Field(discriminator="kind")]
MILESTONE_KINDS = ("place_taken", "pocket_formed", "pocket_destroyed", "pocket_relieved", "unit_gone", "loss_ratio")


class History(Strict):
    """Dated milestones of what happened, for `wargame history` to compare games with."""

    milestones: list[Milestone] = Field(min_length=1)
    note: str = ""


class Control(Strict):
    """Who controls each hex at the start."""

    default: str = Field(default="nearest", description="'nearest' (the side whose units are closest) or a side id")
    hexes: dict[Ident, list[HexId]] = Field(default_factory=dict, description="side id -> hexes it controls at the start")

    @field_validator("hexes", mode="before")
    @classmethod
    def _ids(cls, v: Any) -> Any:
        if isinstance(v, dict):
            return {k: ([_hex_text(x) for x in h] if isinstance(h, list) else h) for k, h in v.items()}
        return v


class Briefing(Strict):
    """What a player reads before the first turn (the victory levels, special rules and the map of
    objectives are shown from the scenario's own data)."""

    situation: str = Field(description="the situation at the start, as a commander would be told it")
    goals: dict[Ident, str] = Field(default_factory=dict, description="side id -> what that side must do")
    notes: str = Field(default="", description="anything else worth knowing before the first move (tips, what is special here)")


class ScenarioModel(Strict):
    """A scenario: metadata, rules, map, forces, calendar and victory."""

    format: Literal[1] = 1
    id: Ident | None = None
    title: str
    description: str = ""
    start_date: dt.date
    turns: Turn
    days_per_turn: Annotated[int, Range(1, MAX_DAYS_PER_TURN)] = 1
    hex_km: Annotated[float, Range(0.001, 1000.0)]
    sides: list[Side] = Field(min_length=2, max_length=2)
    first_side: Ident | None = Field(default=None, description="the side that moves first (default: the first listed)")
    nations: dict[Ident, Nation] = Field(default_factory=dict)
    rules: str = Field(default="standard", description="name of a shared rule set under scenarios/rules/")
    rule_overrides: dict[str, Any] = Field(default_factory=dict)
    fog_of_war: bool = False
    map: MapBlock
    units: list[Unit] = Field(default_factory=list)
    reinforcements: list[Reinforcement] = Field(default_factory=list)
    withdrawals: list[Withdrawal] = Field(default_factory=list)
    replacements: list[ReplacementRate] = Field(default_factory=list,
                                                description="replacement points per side per turn, from a date on "
                                                            "(a later entry of a side replaces an earlier one)")
    supply_sources: list[SupplySource] = Field(default_factory=list)
    weather: Weather = Weather()
    air_points: dict[Ident, Points | list[AirPointsFrom]] = Field(
        default_factory=dict, description="air points per side per turn in clear weather: a number, "
                                          "or a list of {turn or date, points} for air superiority that changes with time")
    rail_capacity: dict[Ident, Annotated[int, Range(0, 1_000)]] = Field(default_factory=dict,
                                                                        description="units each side may move by rail per turn (strategic rail movement)")
    victory: Victory | None = None
    control: Control = Field(default_factory=Control, description="initial hex control; hexes with units are their side's")
    special_rules: list[SpecialRule] = Field(default_factory=list)
    history: History | None = Field(default=None, description="dated milestones of the history the scenario models (wargame history)")
    briefing: Briefing | None = Field(default=None, description=(
        "the briefing shown before the first turn; in a folder scenario also read from briefing.yaml when this key is absent"))
