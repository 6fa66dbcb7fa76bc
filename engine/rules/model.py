"""The rule-set file format as pydantic models (``scenarios/rules/*.yaml``)."""
from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, NonNegativeFloat, NonNegativeInt, PositiveInt, StrictBool


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TerrainRule(Strict):
    description: str = ""
    move: dict[str, NonNegativeFloat] = Field(default_factory=dict, description="MP to enter, per movement class")
    supply_cost: NonNegativeFloat = Field(default=1.0, description="supply points to trace into the hex")
    defence_shift: int = Field(default=0, description="CRT column shift when the defender is in this terrain")
    open: bool = Field(default=False, description="open ground: armour attacking into it gets the armour shift")
    impassable: bool = False
    blocks_zoc: bool = Field(default=False, description="zones of control do not extend into this terrain")
    sea: bool = Field(default=False, description="open sea: the hexes next to it are coastal (naval gunfire, the map's coast)")


class HexsideRule(Strict):
    move: dict[str, NonNegativeFloat] = Field(default_factory=dict, description="MP along the feature, per class")
    move_add: dict[str, NonNegativeFloat] = Field(default_factory=dict, description="MP added to cross it")
    supply_cost: NonNegativeFloat | None = None
    supply_add: NonNegativeFloat = 0.0
    attack_shift: int = 0


class Hexsides(Strict):
    road: HexsideRule = HexsideRule()
    railway: HexsideRule = HexsideRule()
    river_minor: HexsideRule = HexsideRule()
    river_major: HexsideRule = HexsideRule()


class UnitTypeRule(Strict):
    symbol: str = Field(default="infantry", description="NATO symbol drawn on the counter")
    move_class: str
    movement: NonNegativeFloat
    steps: PositiveInt
    attack: list[NonNegativeFloat]
    defence: list[NonNegativeFloat]
    size: str = "division"
    armour: bool = False
    zoc: bool = True
    exploits: StrictBool = Field(default=False,
                                 description="may move (and, if the sequence allows, attack) in the exploitation phase: armour, mechanised, motorised, cavalry")
    entrenches: StrictBool = Field(default=False, description="digs in when it does not move (see the rule set's `entrenchment`): infantry")
    description: str = ""


class EntrenchmentRules(Strict):
    """Units whose type `entrenches` dig in, one level a turn they do not move, up to `max_level`."""

    max_level: NonNegativeInt = Field(default=0, description="levels a unit may dig (0: no entrenchment)")
    shift_per_level: int = Field(default=-1, description="column shift per level of the best-dug defender in the hex")
    max_total_fort: NonNegativeInt | None = Field(default=3, description=(
        "fortification and entrenchment levels that count together at most: a dug-in defender's levels count only up to "
        "this less the hex's fortification level, which always counts in full (null: no cap)"))
    dig_when_isolated: StrictBool = Field(default=False, description=(
        "isolated units dig too (false: they keep their level but dig no deeper); out-of-supply units always dig"))


class Stacking(Strict):
    max_units: PositiveInt = 3


class ZocRule(Strict):
    leave_cost: NonNegativeFloat = 0.0
    across_major_river: bool = False


class CrtResult(Strict):
    """One kind of combat result, e.g. ``DR2: {defender_steps: 1, defender_retreat: 2}``."""

    description: str = ""
    attacker_steps: NonNegativeInt = 0
    defender_steps: NonNegativeInt = 0
    attacker_retreat: NonNegativeInt = 0
    defender_retreat: NonNegativeInt = 0
    attacker_eliminated: bool = False
    defender_eliminated: bool = False
    exchange: bool = Field(default=False, description="defender loses its steps; attacker loses at least as many")


class CombatModifier(Strict):
    shift: int = 0


class CombatRules(Strict):
    columns: list[str] = Field(description="odds columns, lowest first, e.g. ['1:2', '1:1', '2:1']")
    die: PositiveInt = 6
    table: dict[int, list[str]] = Field(description="die roll -> result code per column")
    results: dict[str, CrtResult]
    armour_open_shift: int = 1
    attacker_out_of_supply_shift: int = -1
    defender_out_of_supply_shift: int = 1
    defender_isolated_shift: int = 2
    air_point_shift: int = 1
    max_air_points_per_attack: NonNegativeInt = 2
    defensive_air: bool = Field(default=True,
                                description="the defending side spends its unspent air points (up to the per-attack maximum) "
                                            "against each attack, one shift each")
    fortification_shift_per_level: int = -1
    failed_retreat: Literal["step", "eliminate"] = "step"
    last_step_retreat: NonNegativeInt = Field(
        default=0,
        description="results that cost the defender at most this many steps and retreat it spare a defending unit's "
                    "last step: the unit keeps it and retreats one hex farther instead (a worn division falls back as "
                    "a battle group; if it cannot retreat the whole way it is lost); 0: never")
    advance: Literal["one", "all"] = Field(default="one",
                                           description="after a combat that empties the hex, one attacker may advance into it, "
                                                       "or all of them up to the stacking limit")
    multi_hex: StrictBool = Field(default=False, description="one attack may be made against several adjacent defending hexes at once")
    retreat_preference: list[Literal["friendly_control", "fewer_units", "toward_supply", "defensive_terrain"]] = Field(
        default=["friendly_control", "fewer_units"],
        description="how a retreating unit's owner ranks its possible retreat paths, most important first (then the lowest hex index)")


class SupplyRules(Strict):
    out_of_supply_attack: float = Field(default=0.5, ge=0, le=1, description="attack multiplier when out of supply")
    out_of_supply_movement: float = Field(default=0.5, ge=0, le=1, description="movement multiplier when out of supply")
    isolated_attrition_after: PositiveInt = Field(default=2, description="turns isolated before losing steps")
    isolated_attrition_steps: NonNegativeInt = 1
    default_range: NonNegativeFloat = 12.0
    friendly_road_only: bool = True


class ReinforcementRules(Strict):
    blocked_entry: Literal["nearest", "delay"] = Field(default="nearest",
                                                       description="a blocked entry hex puts units at the nearest free friendly hex, or delays them a turn")
    nearest_within: PositiveInt = Field(default=6, description="how far (hexes) to look for a free friendly hex")


class ReplacementRules(Strict):
    max_steps_per_unit: PositiveInt = Field(default=1, description="steps one unit may receive per turn")
    accumulate: StrictBool = Field(default=True, description="points not spent carry over to later turns")


class RailMovementRules(Strict):
    max_hexes: NonNegativeInt = Field(default=0, description="farthest a unit may travel by rail in one move, in hexes (0: no limit)")


class InterdictionRules(Strict):
    cost: PositiveInt = Field(default=1, description="air points to interdict one hex")
    move_add: NonNegativeFloat = Field(default=2.0, description="MP an enemy unit pays on top to enter an interdicted hex")
    blocks_rail: StrictBool = Field(default=True, description="an interdicted hex stops enemy rail movement")


class MinefieldRules(Strict):
    """Mined hexes (a map's `minefields`): a side's own mines hinder only its enemies."""

    move_add: dict[str, NonNegativeFloat] = Field(
        default_factory=lambda: {"foot": 2.0, "motorised": 3.0, "tracked": 3.0},
        description="MP per movement class an enemy unit pays on top to enter a mined hex: the cost of clearing a gap")
    defence_shift: int = Field(default=-1, description="column shift to an attack on a hex mined by the defender's side")
    cleared_by_entry: StrictBool = Field(default=True, description="an enemy unit that enters a mined hex (move or advance) clears it for good")


class FogRules(Strict):
    sight: PositiveInt = Field(default=2, description="hexes within which a unit sees enemy units")


class WeatherType(Strict):
    description: str = ""
    move_add: dict[str, NonNegativeFloat] = Field(default_factory=dict)
    move_multiplier: NonNegativeFloat = 1.0
    supply_range_multiplier: NonNegativeFloat = 1.0
    air_multiplier: NonNegativeFloat = 1.0
    attack_shift: int = Field(default=0, description="column shift to every attack in this weather")


PHASE_KINDS = ("free", "movement", "combat", "exploitation")


def _known_phase(kind: str) -> str:
    if kind not in PHASE_KINDS:
        import difflib

        match = difflib.get_close_matches(kind, PHASE_KINDS, n=1, cutoff=0.5)
        hint = f"; did you mean '{match[0]}'?" if match else ""
        raise ValueError(f"unknown phase '{kind}'{hint} (the phases are {', '.join(PHASE_KINDS)})")
    return kind


class ExploitationRule(Strict):
    movement: float = Field(default=0.5, ge=0, le=1, description="share of its movement allowance an exploiting unit has in the exploitation phase")
    attacks: StrictBool = Field(default=False, description="may exploiting units attack in the exploitation phase")


class OverrunRule(Strict):
    """A mechanised stack that attacks a hex at high odds in the movement phase, and may move on."""

    enabled: StrictBool = False
    min_column: str = Field(default="6:1", description="the odds column (after shifts) an overrun must reach")
    mp_cost: NonNegativeFloat = Field(default=2.0, description="movement points each overrunning unit spends")


class SequenceRules(Strict):
    """The phases of one side's turn, in order."""

    phases: list[Annotated[str, AfterValidator(_known_phase)]] = Field(default_factory=lambda: ["free"], min_length=1,
                                    description="free (moves and attacks in any order), movement, combat, exploitation")
    exploitation: ExploitationRule = ExploitationRule()
    overrun: OverrunRule = OverrunRule()


class RuleSetModel(Strict):
    name: str
    description: str = ""
    movement_classes: list[str]
    stacking: Stacking = Stacking()
    zoc: ZocRule = ZocRule()
    terrain: dict[str, TerrainRule]
    hexsides: Hexsides = Hexsides()
    unit_types: dict[str, UnitTypeRule]
    combat: CombatRules | None = None
    supply: SupplyRules = SupplyRules()
    reinforcements: ReinforcementRules = ReinforcementRules()
    replacements: ReplacementRules = ReplacementRules()
    entrenchment: EntrenchmentRules = EntrenchmentRules()
    rail_movement: RailMovementRules = RailMovementRules()
    interdiction: InterdictionRules = InterdictionRules()
    minefields: MinefieldRules = MinefieldRules()
    fog: FogRules = FogRules()
    weather: dict[str, WeatherType] = Field(default_factory=lambda: {"clear": WeatherType()})
    sequence: SequenceRules = SequenceRules()
